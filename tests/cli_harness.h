/* cli_harness.h: helpers shared by the tests that drive the built hvsim
 * binary (test_cli.c, test_bad_inputs.c, test_golden.c): spawn it with
 * posix_spawn and capture exit status, stdout and stderr; temporary
 * directories; whole-file reads; a strict JSON syntax checker (RFC 8259
 * grammar) for the --events and --trace-out files; the listing of
 * bad-input fixtures with their NAME.expected messages, shared by every
 * reader's bad-input test.
 *
 * Header-only with static inline functions, because each test is its own
 * executable built from one test_*.c (tests/CMakeLists.txt); unused helpers
 * cost nothing.  A child that runs longer than HV_CHILD_TIMEOUT_S seconds is
 * killed and reported as status -1, so a hang fails the test instead of
 * stalling the suite. */
#ifndef HVSIM_TESTS_CLI_HARNESS_H
#define HVSIM_TESTS_CLI_HARNESS_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define HV_CHILD_TIMEOUT_S 120

typedef struct hv_result {
    int status;      /* exit status; -1 if killed by a signal or timed out */
    char *out, *err; /* captured stdout / stderr, NUL-terminated, malloc'd */
    size_t out_len, err_len;
} hv_result;

/* Reads a whole file; NULL if it cannot be read.  *len may be NULL. */
static inline char *hv_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            char *bigger = realloc(buf, cap * 2);
            if (!bigger) { free(buf); buf = NULL; break; }
            buf = bigger;
            cap *= 2;
        }
    }
    fclose(f);
    if (!buf) return NULL;
    buf[n] = '\0';
    if (len) *len = n;
    return buf;
}

static inline int hv_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A fresh directory under $TMPDIR (or /tmp); the caller frees the name. */
static inline char *hv_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/hvsim-test-XXXXXX", base && base[0] ? base : "/tmp");
    char *d = mkdtemp(tmpl);
    if (!d) return NULL;
    char *copy = malloc(strlen(d) + 1);
    if (copy) strcpy(copy, d);
    return copy;
}

/* Removes a directory made by hv_tmpdir and the plain files in it. */
static inline void hv_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* Number of entries in dir (excluding . and ..) whose name contains part
 * (part "" counts everything). */
static inline int hv_count_entries(const char *dir, const char *part)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && strstr(e->d_name, part)) n++;
    closedir(d);
    return n;
}

/* A bad-input fixture DIR/NAME+SUFFIX and the first line of its sidecar
 * DIR/NAME.expected (the message the error must contain). */
typedef struct hv_fixture {
    char name[256];      /* NAME: the file name without SUFFIX */
    char file[300];      /* NAME+SUFFIX */
    char path[4096];     /* DIR/NAME+SUFFIX */
    char expected[512];  /* "" when NAME.expected is missing or empty */
} hv_fixture;

static inline int hv_fixture_pick_suffix_(const char *name, const char *prefix, const char *suffix)
{
    size_t n = strlen(name), ns = strlen(suffix);
    return n > ns && n - ns < 256 && strncmp(name, prefix, strlen(prefix)) == 0 &&
           strcmp(name + n - ns, suffix) == 0;
}

/* Lists the files in dir whose names start with prefix and end with suffix,
 * sorted by name, into out (at most max); reads each one's .expected.
 * Returns how many, or -1 if dir cannot be read. */
static inline int hv_list_fixtures(const char *dir, const char *prefix, const char *suffix,
                                   hv_fixture *out, int max)
{
    struct dirent **names = NULL;
    int total = scandir(dir, &names, NULL, alphasort), n = 0;
    if (total < 0) return -1;
    for (int i = 0; i < total; i++) {
        const char *d = names[i]->d_name;
        if (n < max && hv_fixture_pick_suffix_(d, prefix, suffix)) {
            hv_fixture *f = &out[n++];
            snprintf(f->name, sizeof f->name, "%.*s", (int)(strlen(d) - strlen(suffix)), d);
            snprintf(f->file, sizeof f->file, "%s", d);
            snprintf(f->path, sizeof f->path, "%s/%s", dir, d);
            char exp_path[4400];
            snprintf(exp_path, sizeof exp_path, "%s/%s.expected", dir, f->name);
            char *text = hv_read_file(exp_path, NULL);
            snprintf(f->expected, sizeof f->expected, "%s", text ? text : "");
            f->expected[strcspn(f->expected, "\r\n")] = '\0';
            free(text);
        }
        free(names[i]);
    }
    free(names);
    return n;
}

static inline int hv_write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t n = strlen(text);
    int ok = fwrite(text, 1, n, f) == n;
    return (fclose(f) == 0 && ok) ? 0 : -1;
}

static inline int hv_wait(pid_t pid)
{
    struct timespec tick = {0, 10 * 1000 * 1000};
    long ticks = (long)HV_CHILD_TIMEOUT_S * 100;
    int st = 0;
    for (long i = 0; i < ticks; i++) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        if (r < 0 && errno != EINTR) return -1;
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    fprintf(stderr, "harness: child killed after %d s\n", HV_CHILD_TIMEOUT_S);
    return -1;
}

/* Runs argv (argv[0] is the program path; NULL-terminated) with stdout
 * and stderr captured, stdin from /dev/null.  Returns 0, or -1 if it could
 * not be started (r->status is then -1 too). */
static inline int hv_spawn(char *const argv[], hv_result *r)
{
    memset(r, 0, sizeof *r);
    r->status = -1;
    char *dir = hv_tmpdir();
    if (!dir) return -1;
    char out_path[4096], err_path[4096];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc == 0) r->status = hv_wait(pid);
    r->out = hv_read_file(out_path, &r->out_len);
    r->err = hv_read_file(err_path, &r->err_len);
    if (!r->out) r->out = calloc(1, 1);
    if (!r->err) r->err = calloc(1, 1);
    hv_rmdir(dir);
    free(dir);
    return rc == 0 ? 0 : -1;
}

/* hv_spawn of HVSIM_BIN with up to 31 arguments, NULL-terminated. */
static inline int hv_hvsim(hv_result *r, const char *a0, ...)
{
    char *argv[33];
    int n = 0;
    argv[n++] = (char *)HVSIM_BIN;
    va_list ap;
    va_start(ap, a0);
    for (const char *a = a0; a && n < 32; a = va_arg(ap, const char *)) argv[n++] = (char *)a;
    va_end(ap);
    argv[n] = NULL;
    return hv_spawn(argv, r);
}

static inline void hv_result_free(hv_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

/* The 16 hex digits after the last "fingerprint: " in text, copied into
 * hex[17]; 0, or -1 if there is no well-formed fingerprint line. */
static inline int hv_fingerprint(const char *text, char hex[17])
{
    const char *p = NULL, *q = text;
    while ((q = strstr(q, "fingerprint: ")) != NULL) p = q++;
    if (!p) return -1;
    p += strlen("fingerprint: ");
    for (int i = 0; i < 16; i++) {
        char c = p[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return -1;
        hex[i] = c;
    }
    hex[16] = '\0';
    return p[16] == '\n' ? 0 : -1;
}

/* --- strict JSON syntax check ------------------------------------------- */

static inline const char *hvj_value(const char *p, int depth);

static inline const char *hvj_ws(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') p++;
    return p;
}

static inline int hvj_hex(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline const char *hvj_string(const char *p)
{
    if (*p++ != '"') return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c == 0 || c < 0x20) return NULL;
        if (c != '\\') { p++; continue; }
        p++;
        if (*p == 'u') {
            for (int i = 1; i <= 4; i++)
                if (!hvj_hex(p[i])) return NULL;
            p += 5;
        } else if (*p && strchr("\"\\/bfnrt", *p)) {
            p++;
        } else {
            return NULL;
        }
    }
    return p + 1;
}

static inline const char *hvj_digits(const char *p)
{
    if (*p < '0' || *p > '9') return NULL;
    while (*p >= '0' && *p <= '9') p++;
    return p;
}

static inline const char *hvj_number(const char *p)
{
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (!(p = hvj_digits(p))) return NULL;
    if (*p == '.' && !(p = hvj_digits(p + 1))) return NULL;
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        if (!(p = hvj_digits(p))) return NULL;
    }
    return p;
}

/* Object or array: open/close brackets, members "key": value or values. */
static inline const char *hvj_container(const char *p, int depth, char close, int keyed)
{
    p = hvj_ws(p + 1);
    if (*p == close) return p + 1;
    for (;;) {
        if (keyed) {
            if (!(p = hvj_string(p))) return NULL;
            p = hvj_ws(p);
            if (*p++ != ':') return NULL;
        }
        if (!(p = hvj_value(p, depth + 1))) return NULL;
        p = hvj_ws(p);
        if (*p == close) return p + 1;
        if (*p++ != ',') return NULL;
        p = hvj_ws(p);
    }
}

static inline const char *hvj_value(const char *p, int depth)
{
    if (depth > 64) return NULL;
    p = hvj_ws(p);
    switch (*p) {
    case '{': return hvj_container(p, depth, '}', 1);
    case '[': return hvj_container(p, depth, ']', 0);
    case '"': return hvj_string(p);
    case 't': return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
    case 'f': return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
    case 'n': return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
    default: return hvj_number(p);
    }
}

/* 1 if text[0..len) is exactly one JSON value (surrounded by whitespace);
 * kind '{' additionally requires that value to be an object. */
static inline int hv_json_valid(const char *text, size_t len, char kind)
{
    char *copy = malloc(len + 1);
    if (!copy) return 0;
    memcpy(copy, text, len);
    copy[len] = '\0';
    const char *start = hvj_ws(copy);
    const char *end = hvj_value(start, 0);
    int ok = end && *hvj_ws(end) == '\0' && strlen(copy) == len && (!kind || *start == kind);
    free(copy);
    return ok;
}

#endif
