/* common.c: error printing, time formatting and scenario loading shared by
 * the subcommands (see common.h). */
#include "common.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"
#include "workload_load.h"

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
    size_t shown = 0;
    for (size_t i = 0; i < l->len; i++) shown += l->items[i].severity == SIM_SEV_ERROR;
    if (l->n_errors > shown)
        cli_error("%zu more error(s) not shown (out of memory)", l->n_errors - shown);
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

int cli_load_scenario(const char *path, const char *const *sets, size_t n_sets,
                      scn_scenario **out)
{
    scn_options opt;
    opt.models = hv_registry(&opt.n_models);
    opt.sets = sets;
    opt.n_sets = n_sets;
    opt.load_shared = hv_workload_load_shared;
    opt.load_shared_user = NULL;
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = scn_load(path, &opt, out, &diags);
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
