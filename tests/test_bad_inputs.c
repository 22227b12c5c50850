/* test_bad_inputs.c: every fixture in tests/bad/ is refused the way a user
 * should see it.  For each tests/bad/NAME.hvs (one CMocka test per fixture,
 * named after it) the test runs
 *
 *     hvsim run FIXTURE --csv <tmpdir>/out.csv $(cat NAME.args)
 *
 * and asserts: exit status 2; stderr has "error:"; stderr contains the
 * one-line substring in NAME.expected; when the fixture is about the file
 * (it has no NAME.args) stderr locates the error as "NAME.hvs:LINE:COL";
 * out.csv does not exist and no temporary file is left.  Then
 * `hvsim check FIXTURE $(cat NAME.args)` must exit 2 as well.  A fixture
 * without its .expected file fails, and so does an empty tests/bad/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli_harness.h"

#define BAD_DIR HVSIM_SOURCE_DIR "/tests/bad"
#define MAX_ARGS 16

typedef struct fixture {
    char name[256];       /* NAME, without .hvs */
    char path[4096];      /* the .hvs file */
} fixture;

/* Reads BAD_DIR/NAME.EXT into a malloc'd string, or NULL. */
static char *sidecar(const fixture *fx, const char *ext)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.%s", BAD_DIR, fx->name, ext);
    return hv_read_file(path, NULL);
}

static void chomp(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r')) s[--n] = '\0';
}

/* Splits text on blanks like the shell's $(cat NAME.args) (no quoting). */
static int split_words(char *text, char **words, int max)
{
    int n = 0;
    for (char *w = strtok(text, " \t\r\n"); w && n < max; w = strtok(NULL, " \t\r\n"))
        words[n++] = w;
    return n;
}

/* Does text contain "NAME.hvs:" followed by digits ':' digits? */
static int has_location(const char *text, const char *name)
{
    char want[300];
    snprintf(want, sizeof want, "%s.hvs:", name);
    for (const char *p = text; (p = strstr(p, want)) != NULL; p++) {
        const char *q = p + strlen(want);
        if (*q < '0' || *q > '9') continue;
        while (*q >= '0' && *q <= '9') q++;
        if (*q++ != ':') continue;
        if (*q >= '0' && *q <= '9') return 1;
    }
    return 0;
}

static void run_fixture(const fixture *fx, const char *csv, char **extra, int n_extra,
                        const char *expected, int located)
{
    char *argv[MAX_ARGS + 8];
    int n = 0;
    argv[n++] = (char *)HVSIM_BIN;
    argv[n++] = "run";
    argv[n++] = (char *)fx->path;
    argv[n++] = "--csv";
    argv[n++] = (char *)csv;
    for (int i = 0; i < n_extra; i++) argv[n++] = extra[i];
    argv[n] = NULL;
    hv_result r;
    hv_spawn(argv, &r);
    if (r.status != 2 || !strstr(r.err, "error:") || !strstr(r.err, expected) ||
        (located && !has_location(r.err, fx->name))) {
        print_error("%s: exit %d, expected 2 with \"%s\"%s on stderr; stderr was:\n%s\n",
                    fx->name, r.status, expected, located ? " at NAME.hvs:L:C" : "", r.err);
        hv_result_free(&r);
        fail();
    }
    hv_result_free(&r);
}

static void check_fixture(const fixture *fx, char **extra, int n_extra)
{
    char *argv[MAX_ARGS + 8];
    int n = 0;
    argv[n++] = (char *)HVSIM_BIN;
    argv[n++] = "check";
    argv[n++] = (char *)fx->path;
    for (int i = 0; i < n_extra; i++) argv[n++] = extra[i];
    argv[n] = NULL;
    hv_result r;
    hv_spawn(argv, &r);
    if (r.status != 2 || !strstr(r.err, "error:")) {
        print_error("%s: `hvsim check` exited %d (want 2); stderr:\n%s\n", fx->name, r.status,
                    r.err);
        hv_result_free(&r);
        fail();
    }
    hv_result_free(&r);
}

static void test_bad_input_is_refused(void **state)
{
    const fixture *fx = *state;
    char *expected = sidecar(fx, "expected");
    if (!expected) {
        print_error("%s: missing %s.expected\n", fx->name, fx->name);
        fail();
    }
    chomp(expected);
    assert_true(expected[0] != '\0');
    char *args = sidecar(fx, "args");
    char *extra[MAX_ARGS];
    int n_extra = args ? split_words(args, extra, MAX_ARGS) : 0;

    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char csv[4096];
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    run_fixture(fx, csv, extra, n_extra, expected, args == NULL);
    assert_false(hv_exists(csv));
    assert_int_equal(hv_count_entries(dir, ""), 0); /* no temporary file either */
    check_fixture(fx, extra, n_extra);

    hv_rmdir(dir);
    free(dir);
    free(args);
    free(expected);
}

static void test_bad_fixtures_exist(void **state)
{
    (void)state;
    print_error("no fixtures (*.hvs) found in %s\n", BAD_DIR);
    fail();
}

static int is_fixture(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && n < 250 && strcmp(e->d_name + n - 4, ".hvs") == 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

int main(void)
{
    struct dirent **names = NULL;
    int n = scandir(BAD_DIR, &names, is_fixture, by_name);
    if (n <= 0) {
        const struct CMUnitTest none[] = {cmocka_unit_test(test_bad_fixtures_exist)};
        return cmocka_run_group_tests(none, NULL, NULL);
    }
    fixture *fx = calloc((size_t)n, sizeof *fx);
    struct CMUnitTest *tests = calloc((size_t)n, sizeof *tests);
    if (!fx || !tests) return 1;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(names[i]->d_name) - 4;
        snprintf(fx[i].name, sizeof fx[i].name, "%.*s", (int)len, names[i]->d_name);
        snprintf(fx[i].path, sizeof fx[i].path, "%s/%s", BAD_DIR, names[i]->d_name);
        tests[i].name = fx[i].name;
        tests[i].test_func = test_bad_input_is_refused;
        tests[i].initial_state = &fx[i];
        free(names[i]);
    }
    free(names);
    int failed = _cmocka_run_group_tests("bad_inputs", tests, (size_t)n, NULL, NULL);
    free(tests);
    free(fx);
    return failed;
}
