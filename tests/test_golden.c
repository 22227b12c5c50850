/* test_golden.c: golden fingerprints catch any unintended change in what a
 * canned scenario does.  tests/golden/fingerprints.txt holds lines
 *
 *     scenarios/NAME.hvs <16 lowercase hex digits>
 *
 * (blank lines and lines starting with '#' are ignored).  For each entry
 * (one CMocka test each, named after the scenario) the test runs
 * `hvsim run scenarios/NAME.hvs` from the source directory and compares the
 * `fingerprint:` line; a canned scenario must also pass its own
 * expectations (exit 0).  A further test fails for every .hvs file in scenarios/
 * that has no entry, so a new scenario cannot slip in unguarded.
 *
 * When a change in behaviour is intended, run the scenario, check the new
 * trace, and update the line with the printed fingerprint. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli_harness.h"

#define GOLDEN_FILE HVSIM_SOURCE_DIR "/tests/golden/fingerprints.txt"
#define MAX_ENTRIES 256

typedef struct golden {
    char path[1024];   /* relative to the source directory */
    char hex[17];
} golden;

typedef struct golden_set {
    golden items[MAX_ENTRIES];
    size_t n;
} golden_set;

static int is_hex16(const char *s)
{
    for (int i = 0; i < 16; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
    return s[16] == '\0';
}

/* Parses the golden file; -1 (reported) on a malformed line. */
static int load_golden(golden_set *set)
{
    char *text = hv_read_file(GOLDEN_FILE, NULL);
    if (!text) {
        fprintf(stderr, "cannot read %s\n", GOLDEN_FILE);
        return -1;
    }
    int line_no = 0, rc = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        line_no++;
        char path[1024], hex[64];
        if (line[0] == '#' || strspn(line, " \t\r") == strlen(line)) continue;
        if (sscanf(line, "%1023s %63s", path, hex) != 2 || !is_hex16(hex) ||
            set->n == MAX_ENTRIES) {
            fprintf(stderr, "%s:%d: malformed line: %s\n", GOLDEN_FILE, line_no, line);
            rc = -1;
            continue;
        }
        snprintf(set->items[set->n].path, sizeof set->items[set->n].path, "%s", path);
        memcpy(set->items[set->n].hex, hex, 17);
        set->n++;
    }
    free(text);
    return rc;
}

static void test_golden_fingerprint_matches(void **state)
{
    const golden *g = *state;
    hv_result r;
    char got[17];
    hv_hvsim(&r, "run", g->path, NULL);
    if (r.status != 0) {
        print_error("%s: exit %d (a canned scenario must pass its expectations)\n%s%s\n",
                    g->path, r.status, r.out, r.err);
        hv_result_free(&r);
        fail();
    }
    assert_int_equal(hv_fingerprint(r.out, got), 0);
    hv_result_free(&r);
    if (strcmp(got, g->hex) != 0) {
        print_error("%s: fingerprint %s, golden %s\n"
                    "(if the change is intended, update tests/golden/fingerprints.txt)\n",
                    g->path, got, g->hex);
        fail();
    }
}

static int is_scenario(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".hvs") == 0;
}

static void test_golden_every_scenario_has_an_entry(void **state)
{
    const golden_set *set = *state;
    struct dirent **names = NULL;
    int n = scandir("scenarios", &names, is_scenario, NULL);
    assert_true(n >= 0);
    int missing = 0;
    for (int i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "scenarios/%s", names[i]->d_name);
        size_t k = 0;
        while (k < set->n && strcmp(set->items[k].path, path) != 0) k++;
        if (k == set->n) {
            print_error("%s has no entry in tests/golden/fingerprints.txt\n", path);
            missing++;
        }
        free(names[i]);
    }
    free(names);
    assert_int_equal(missing, 0);
}

static void test_golden_file_is_well_formed(void **state)
{
    (void)state;
    print_error("%s is missing or has malformed lines (see above)\n", GOLDEN_FILE);
    fail();
}

int main(void)
{
    if (chdir(HVSIM_SOURCE_DIR) != 0) {
        perror(HVSIM_SOURCE_DIR);
        return 1;
    }
    static golden_set set;
    int bad = load_golden(&set);
    struct CMUnitTest tests[MAX_ENTRIES + 2];
    size_t n = 0;
    memset(tests, 0, sizeof tests);
    if (bad) {
        tests[n].name = "test_golden_file_is_well_formed";
        tests[n++].test_func = test_golden_file_is_well_formed;
    }
    for (size_t i = 0; i < set.n; i++) {
        tests[n].name = set.items[i].path;
        tests[n].test_func = test_golden_fingerprint_matches;
        tests[n++].initial_state = &set.items[i];
    }
    tests[n].name = "test_golden_every_scenario_has_an_entry";
    tests[n].test_func = test_golden_every_scenario_has_an_entry;
    tests[n++].initial_state = &set;
    return _cmocka_run_group_tests("golden", tests, n, NULL, NULL);
}
