/* common.c: error printing, time formatting and scenario loading shared by
 * the subcommands (see common.h). */
#include "common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "registry.h"
#include "workload_load.h"
#include "statement.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("hvsim: error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

static void print_diag(const sim_diag *d)
{
    char small[1024];
    size_t need = sim_diag_format(d, small, sizeof small);
    const char *prefix = d->file[0] ? "" : "hvsim: ";
    if (need < sizeof small) {
        fprintf(stderr, "%s%s", prefix, small);
        return;
    }
    char *big = malloc(need + 1);
    if (!big) {
        fprintf(stderr, "%s%s\n", prefix, small);
        return;
    }
    sim_diag_format(d, big, need + 1);
    fprintf(stderr, "%s%s", prefix, big);
    free(big);
}

void cli_print_diags(const sim_diag_list *l)
{
    for (size_t i = 0; i < l->len; i++) print_diag(&l->items[i]);
    size_t errors = 0, warnings = 0;
    for (size_t i = 0; i < l->len; i++) {
        errors += l->items[i].severity == SIM_SEV_ERROR;
        warnings += l->items[i].severity == SIM_SEV_WARNING;
    }
    if (l->n_warnings > warnings)
        fprintf(stderr, "hvsim: %zu more warning(s) not shown\n", l->n_warnings - warnings);
    if (l->n_errors > errors)
        cli_error("out of memory: %zu error message(s) could not be kept; run again with more "
                  "memory to see them", l->n_errors - errors);
}

char *cli_format_seconds(int64_t t_ns, int decimals, char *buf, size_t cap)
{
    static const int64_t pow10[] = {1,      10,      100,      1000,      10000,
                                    100000, 1000000, 10000000, 100000000, 1000000000};
    if (decimals < 0) decimals = 0;
    if (decimals > 9) decimals = 9;
    const char *sign = t_ns < 0 ? "-" : "";
    /* -(INT64_MIN) overflows; go through uint64 for the magnitude. */
    uint64_t mag = t_ns < 0 ? (uint64_t)0 - (uint64_t)t_ns : (uint64_t)t_ns;
    uint64_t whole = mag / 1000000000u;
    uint64_t frac = (mag % 1000000000u) / (uint64_t)pow10[9 - decimals];
    if (decimals == 0)
        snprintf(buf, cap, "%s%" PRIu64, sign, whole);
    else
        snprintf(buf, cap, "%s%" PRIu64 ".%0*" PRIu64, sign, whole, decimals, frac);
    return buf;
}

char *cli_format_time(int64_t t_ns, char *buf, size_t cap)
{
    sim_value v = {.i = t_ns};
    if (t_ns == 0) { /* a time, not a tiny duration: "0 s", not "0 ns" */
        snprintf(buf, cap, "0 s");
        return buf;
    }
    return sim_value_format(SIM_T_DURATION, v, NULL, buf, cap);
}

char *cli_format_clock(int64_t t_ns, char *buf, size_t cap)
{
    if (t_ns < 0 || t_ns < SIM_MIN) {
        char secs[32];
        snprintf(buf, cap, "%s s", cli_format_seconds(t_ns, 3, secs, sizeof secs));
        return buf;
    }
    int64_t h = t_ns / SIM_H, min = t_ns % SIM_H / SIM_MIN, ms = t_ns % SIM_MIN / SIM_MS;
    if (h > 0)
        snprintf(buf, cap, "%" PRId64 " h %02" PRId64 " min %02" PRId64 ".%03" PRId64 " s", h, min,
                 ms / 1000, ms % 1000);
    else
        snprintf(buf, cap, "%" PRId64 " min %02" PRId64 ".%03" PRId64 " s", min, ms / 1000, ms % 1000);
    return buf;
}

int cli_term_width(void)
{
    const char *env = getenv("COLUMNS");
    int w = 0;
    if (env && *env) {
        char *end = NULL;
        long v = strtol(env, &end, 10);
        if (*end == '\0' && v > 0 && v < 10000) w = (int)v;
    }
    struct winsize ws;
    if (w == 0 && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        w = ws.ws_col;
    if (w == 0) w = 100;
    return w < 40 ? 40 : w;
}

/* Display columns of the UTF-8 bytes s[0..n): continuation bytes take none. */
static int columns_of(const char *s, size_t n)
{
    int c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Bytes of s that fit in `room` columns, not splitting a UTF-8 character. */
static size_t bytes_fitting(const char *s, size_t n, int room)
{
    size_t i = 0;
    int used = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && ((unsigned char)s[j] & 0xC0) == 0x80) j++;
        if (used + 1 > room) break;
        used++;
        i = j;
    }
    return i;
}

void cli_wrap(FILE *f, const char *text, int col, int indent, int width)
{
    const char *p = text;
    int at_line_start = 1;
    if (width <= indent + 8) width = indent + 8; /* always room for some text */
    while (*p) {
        while (*p == ' ') p++;
        if (!*p) break;
        size_t n = strcspn(p, " ");
        int w = columns_of(p, n);
        int need = at_line_start ? w : w + 1;
        if (col + need > width && (!at_line_start || col > indent)) {
            fprintf(f, "\n%*s", indent, "");
            col = indent;
            at_line_start = 1;
            continue;
        }
        if (col + need > width) { /* a word longer than a whole line */
            size_t fit = bytes_fitting(p, n, width - col);
            if (fit == 0) fit = 1;
            fwrite(p, 1, fit, f);
            p += fit;
            fprintf(f, "\n%*s", indent, "");
            col = indent;
            continue;
        }
        if (!at_line_start) fputc(' ', f);
        fwrite(p, 1, n, f);
        col += need;
        at_line_start = 0;
        p += n;
    }
    fputc('\n', f);
}

void cli_scenario_options(scn_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->models = hv_registry(&opt->n_models);
    opt->keywords = wsl_keywords(&opt->n_keywords);
    opt->load_shared = hv_workload_load_shared;
}

int cli_load_scenario(const char *path, const char *const *sets, size_t n_sets,
                      scn_scenario **out)
{
    scn_options opt;
    cli_scenario_options(&opt);
    opt.sets = sets;
    opt.n_sets = n_sets;
    return cli_load_scenario_with(path, &opt, out);
}

int cli_load_scenario_with(const char *path, const scn_options *opt, scn_scenario **out)
{
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = scn_load(path, opt, out, &diags);
    cli_print_diags(&diags);
    if (rc != 0 && diags.n_errors == 0) cli_error("%s: could not load the scenario", path);
    if (rc == 0 && diags.n_errors > 0) { /* never run a scenario with errors */
        scn_free(*out);
        *out = NULL;
        rc = -1;
    }
    sim_diag_list_free(&diags);
    return rc == 0 ? 0 : -1;
}

int cli_instantiate(const scn_scenario *s, const uint64_t *seed, sim_engine **eng,
                    int *director)
{
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = scn_instantiate(s, seed, eng, director, &diags);
    cli_print_diags(&diags);
    if (rc != 0 && diags.n_errors == 0) cli_error("could not build the simulation");
    if (rc == 0 && diags.n_errors > 0) {
        sim_engine_free(*eng);
        *eng = NULL;
        rc = -1;
    }
    sim_diag_list_free(&diags);
    return rc == 0 ? 0 : -1;
}

int cli_parse_seed(const char *text, uint64_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || errno || v > (uint64_t)INT64_MAX) {
        cli_error("bad value for --seed: '%s' is not an integer from 0 to %" PRId64, text,
                  INT64_MAX);
        return -1;
    }
    *out = v;
    return 0;
}

int cli_parse_duration(const char *opt, const char *text, int64_t *out_ns)
{
    sim_value v;
    char why[256] = "";
    memset(&v, 0, sizeof v);
    if (scn_parse_value(text, SIM_T_DURATION, NULL, &v, why, sizeof why) != 0) {
        cli_error("bad value for %s: %s", opt, why[0] ? why : text);
        return -1;
    }
    if (v.i < 0) {
        cli_error("bad value for %s: '%s' is negative", opt, text);
        return -1;
    }
    *out_ns = v.i;
    return 0;
}

int cli_parse_size(const char *text, int *w, int *h)
{
    if (sscanf(text, "%dx%d", w, h) != 2 || *w < 320 || *h < 240 || *w > 8192 || *h > 8192) {
        cli_error("bad value for --size: '%s' (expected WxH, 320x240 .. 8192x8192)", text);
        return -1;
    }
    return 0;
}
