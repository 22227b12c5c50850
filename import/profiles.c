/* profiles.c: reads workload profiles (*.wl) into an hv_workload (see
 * profiles.h for the format).
 *
 * A hand-written scanner over the whole buffer: split into lines, lines into
 * blank-separated words each with its column, check each word, add the
 * line's calls to its (class, place) cell.  Bulk lines are added as
 * aggregates (calls, bytes, 9P chunks), not call by call, so a profile of a
 * million calls loads as fast as one of ten.  What it simplifies: a profile
 * has no order and no timing -- it is the aggregate a trace would give. */
#include "profiles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_file.h"
#include "units.h"

#define PROFILE_MAX_LINE 4096
#define PROFILE_MAX_BYTES (1024 * 1024)
#define PROFILE_MAX_WORDS 8
#define PROFILE_MAX_COUNT ((int64_t)1000000000000) /* 1e12 calls per line */

const char *const hv_profile_names[HV_PROFILE_COUNT + 1] = {
    "tar-unpack", "git-clone", "git-status", "npm-install", "cmake-configure",
    "compile", "container-start", NULL,
};

static const char *const place_names[HV_PLACE_COUNT] = {"none", "system", "own", "windows"};

typedef struct word {
    const char *s;
    size_t len;
    int col; /* 1-based */
} word;

typedef struct parser {
    const char *file;
    int line;
    const char *line_start;
    size_t line_len;
    sim_diag_list *diags;
} parser;

static void perr(parser *p, int col, const char *fmt, const char *arg)
{
    char src[256];
    size_t n = p->line_len < sizeof src - 1 ? p->line_len : sizeof src - 1;
    memcpy(src, p->line_start, n);
    src[n] = '\0';
    char msg[400];
    snprintf(msg, sizeof msg, fmt, arg);
    sim_diag_add(p->diags, SIM_SEV_ERROR, p->file, p->line, col, src, "%s", msg);
}

static int word_is(const word *w, const char *s)
{
    return strlen(s) == w->len && memcmp(w->s, s, w->len) == 0;
}

static void word_copy(const word *w, char *out, size_t cap)
{
    size_t n = w->len < cap - 1 ? w->len : cap - 1;
    memcpy(out, w->s, n);
    out[n] = '\0';
}

/* Splits a line (comment removed) into words; -1 if there are too many. */
static int split(const char *s, size_t len, word *out, int *n)
{
    *n = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
        if (i >= len) break;
        if (*n == PROFILE_MAX_WORDS) return -1;
        size_t b = i;
        while (i < len && s[i] != ' ' && s[i] != '\t') i++;
        out[(*n)++] = (word){s + b, i - b, (int)b + 1};
    }
    return 0;
}

static int find_class(const word *w, hv_sys_class *c)
{
    for (int k = 0; k < HV_SYS_CLASS_COUNT; k++)
        if (word_is(w, hv_sys_class_name((hv_sys_class)k))) {
            *c = (hv_sys_class)k;
            return 1;
        }
    return 0;
}

/* bytes=SIZE or chunks=N; 0 or -1 (reported). */
static int parse_option(parser *p, const word *w, int64_t *bytes, int64_t *chunks)
{
    char text[64], why[128];
    const char *eq = memchr(w->s, '=', w->len);
    if (!eq) {
        char name[64];
        word_copy(w, name, sizeof name);
        perr(p, w->col, "unexpected '%s': expected bytes=SIZE or chunks=N", name);
        return -1;
    }
    size_t key_len = (size_t)(eq - w->s);
    word val = {eq + 1, w->len - key_len - 1, w->col + (int)key_len + 1};
    word_copy(&val, text, sizeof text);
    if (key_len == 5 && memcmp(w->s, "bytes", 5) == 0) {
        if (sim_parse_bytes(text, bytes, why, sizeof why) != 0 || *bytes < 0) {
            perr(p, val.col, "bad size: %s", *bytes < 0 ? "negative" : why);
            return -1;
        }
        return 0;
    }
    if (key_len == 6 && memcmp(w->s, "chunks", 6) == 0) {
        if (sim_parse_count(text, chunks, why, sizeof why) != 0 || *chunks < 0) {
            perr(p, val.col, "bad chunk count: %s", *chunks < 0 ? "negative" : why);
            return -1;
        }
        return 0;
    }
    char key[64];
    word_copy(&(word){w->s, key_len, w->col}, key, sizeof key);
    perr(p, w->col, "unknown option '%s': expected bytes= or chunks=", key);
    return -1;
}

static void add_sat(int64_t *x, int64_t v)
{
    *x = (v > 0 && *x > INT64_MAX - v) ? INT64_MAX : *x + v;
}

/* CALL PLACE COUNT [bytes=SIZE] [chunks=N]; 0 or -1 (reported). */
static int parse_calls(parser *p, const word *w, int n, hv_workload *wl)
{
    char name[64], why[128];
    word_copy(&w[0], name, sizeof name);
    hv_sys_class c;
    if (!find_class(&w[0], &c)) {
        int known = 0;
        c = hv_sys_classify(name, &known);
        if (!known || w[0].len >= sizeof name) {
            perr(p, w[0].col, "unknown syscall or class '%s'", name);
            return -1;
        }
        const char *err = NULL;
        if (!wl->wsl1_blocker[0] && hv_sys_wsl1_unsupported(name, &err)) {
            size_t bl = strlen(name) < sizeof wl->wsl1_blocker ? strlen(name)
                                                               : sizeof wl->wsl1_blocker - 1;
            memcpy(wl->wsl1_blocker, name, bl);
            wl->wsl1_blocker[bl] = '\0';
            wl->wsl1_blocker_line = p->line;
        }
    }
    if (n < 3) {
        perr(p, w[n - 1].col + (int)w[n - 1].len, "%s", "expected CALL PLACE COUNT");
        return -1;
    }
    int place = -1;
    for (int k = 0; k < HV_PLACE_COUNT; k++)
        if (word_is(&w[1], place_names[k])) place = k;
    if (place < 0) {
        char pl[64];
        word_copy(&w[1], pl, sizeof pl);
        const char *s = sim_suggest(pl, place_names, HV_PLACE_COUNT);
        char msg[160];
        snprintf(msg, sizeof msg, "unknown place '%s': expected none, system, own or windows%s%s%s",
                 pl, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
        perr(p, w[1].col, "%s", msg);
        return -1;
    }
    char text[64];
    int64_t count = 0, bytes = 0, chunks = -1;
    word_copy(&w[2], text, sizeof text);
    if (sim_parse_count(text, &count, why, sizeof why) != 0 || count < 0 ||
        count > PROFILE_MAX_COUNT) {
        perr(p, w[2].col, "bad call count '%s': expected a whole number 0..1e12", text);
        return -1;
    }
    for (int k = 3; k < n; k++)
        if (parse_option(p, &w[k], &bytes, &chunks) != 0) return -1;
    if (chunks < 0) { /* equal-sized calls */
        int64_t per = count ? bytes / count : 0;
        int64_t m = per / HV_9P_MSIZE_BYTES + (per % HV_9P_MSIZE_BYTES != 0);
        chunks = count * (m > 0 ? m : 1);
    } else if (chunks < count) {
        perr(p, w[n - 1].col, "%s", "chunks= is below the call count (every call is a message)");
        return -1;
    }
    add_sat(&wl->calls[c][place], count);
    add_sat(&wl->bytes[c][place], bytes);
    add_sat(&wl->chunks[c][place], chunks);
    return 0;
}

static int parse_line(parser *p, hv_workload *wl, int64_t *cpu_ns, int *seen_calls)
{
    size_t len = p->line_len;
    const char *hash = memchr(p->line_start, '#', len);
    if (hash) len = (size_t)(hash - p->line_start);
    word w[PROFILE_MAX_WORDS];
    int n;
    if (split(p->line_start, len, w, &n) != 0) {
        perr(p, 1, "%s", "too many words: expected CALL PLACE COUNT [bytes=SIZE] [chunks=N]");
        return -1;
    }
    if (n == 0) return 0;
    if (word_is(&w[0], "name")) {
        if (*seen_calls || n != 2 || w[1].len >= sizeof wl->name) {
            perr(p, w[0].col, "%s",
                 *seen_calls ? "'name' must come before the calls"
                             : "expected: name WORD (< 64 bytes)");
            return -1;
        }
        word_copy(&w[1], wl->name, sizeof wl->name);
        return 0;
    }
    if (word_is(&w[0], "cpu")) {
        char text[64], why[128];
        if (n != 2 || *cpu_ns >= 0) {
            perr(p, w[0].col, "%s", *cpu_ns >= 0 ? "'cpu' given twice" : "expected: cpu DURATION");
            return -1;
        }
        word_copy(&w[1], text, sizeof text);
        if (sim_parse_duration(text, cpu_ns, why, sizeof why) != 0 || *cpu_ns < 0) {
            *cpu_ns = -1;
            perr(p, w[1].col, "bad cpu time: %s", why);
            return -1;
        }
        return 0;
    }
    *seen_calls = 1;
    return parse_calls(p, w, n, wl);
}

int hv_profile_parse(const char *file, const char *fallback_name, const char *buf, size_t len,
                     hv_workload *w, int64_t *cpu_ns, sim_diag_list *diags)
{
    hv_workload_init(w, fallback_name);
    int64_t cpu = -1; /* -1: not given yet */
    if (cpu_ns) *cpu_ns = 0;
    parser p = {.file = file, .diags = diags};
    int line = 1;
    size_t line_at = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)buf[i];
        if (ch == '\n') line++, line_at = i + 1;
        if (ch == 0 || (ch < 0x20 && ch != '\n' && ch != '\r' && ch != '\t')) {
            sim_diag_add(diags, SIM_SEV_ERROR, file, line, (int)(i - line_at) + 1, NULL,
                         "not a text file (byte 0x%02x at offset %zu)", ch, i);
            return -1;
        }
    }
    int seen_calls = 0, errors = 0;
    size_t pos = 0;
    while (pos < len && errors < 20) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) : len;
        p.line++;
        p.line_start = buf + pos;
        p.line_len = end - pos;
        if (p.line_len && p.line_start[p.line_len - 1] == '\r') p.line_len--;
        if (p.line_len > PROFILE_MAX_LINE) {
            p.line_len = 80;
            perr(&p, PROFILE_MAX_LINE + 1, "line too long (over %s bytes)", "4096");
            errors++;
        } else if (parse_line(&p, w, &cpu, &seen_calls) != 0) {
            errors++;
        }
        pos = end + 1;
    }
    if (errors) return -1;
    if (cpu_ns && cpu > 0) *cpu_ns = cpu;
    if (hv_workload_total(w) == 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, file, p.line ? p.line : 1, 1, NULL,
                     "empty profile: no calls");
        return -1;
    }
    return 0;
}

int hv_profile_load(const char *path, hv_workload *w, int64_t *cpu_ns, sim_diag_list *diags)
{
    char *buf = NULL, why[256];
    size_t n = 0;
    if (sim_input_read_all(path, SIM_INPUT_ANY, PROFILE_MAX_BYTES, PROFILE_MAX_BYTES, &buf, &n, why,
                           sizeof why) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "cannot read profile: %s", why);
        return -1;
    }
    /* The file's base name without ".wl" names the workload by default. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    char name[64];
    snprintf(name, sizeof name, "%s", base);
    size_t nl = strlen(name);
    if (nl > 3 && strcmp(name + nl - 3, ".wl") == 0) name[nl - 3] = '\0';
    int rc = hv_profile_parse(path, name, buf, n, w, cpu_ns, diags);
    free(buf);
    return rc;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int hv_profile_resolve(const char *name_or_path, char *out, size_t cap)
{
    size_t n = strlen(name_or_path);
    if (strchr(name_or_path, '/') || (n > 3 && strcmp(name_or_path + n - 3, ".wl") == 0)) {
        snprintf(out, cap, "%s", name_or_path);
        return exists(out) ? 0 : -1;
    }
    snprintf(out, cap, "scenarios/profiles/%s.wl", name_or_path);
    if (exists(out)) return 0;
    /* The data directory the front end names (an installed hvsim's). */
    const char *data = getenv("HVSIM_DATA_DIR");
    if (data && data[0]) {
        snprintf(out, cap, "%s/scenarios/profiles/%s.wl", data, name_or_path);
        if (exists(out)) return 0;
    }
    /* The source tree: this file is <src>/models/profiles.c. */
    const char *self = __FILE__;
    const char *slash = strrchr(self, '/');
    if (slash) {
        int dir_len = (int)(slash - self);
        snprintf(out, cap, "%.*s/../scenarios/profiles/%s.wl", dir_len, self, name_or_path);
        if (exists(out)) return 0;
    }
    snprintf(out, cap, "scenarios/profiles/%s.wl", name_or_path);
    return -1;
}
