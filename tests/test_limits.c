/* test_limits.c: inputs at the edges of what hvsim can represent or should
 * attempt (issue 14, items 2-5): simulated time overflow is an error, not
 * undefined behaviour or a silently shortened run; the checked arithmetic
 * of sim/checked.h; trace durations and option values that do not fit.
 * Drives the built binary, as a user would. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "checked.h"
#include "cli_harness.h"
#include "diag.h"

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) {
        print_error("expected to find:\n  %s\nin:\n%s\n", needle, haystack);
        fail();
    }
}

/* Writes text to DIR/name; returns the path (static buffer per slot). */
static const char *scratch(const char *dir, int slot, const char *name, const char *text)
{
    static char paths[4][4096];
    snprintf(paths[slot], sizeof paths[slot], "%s/%s", dir, name);
    assert_int_equal(hv_write_file(paths[slot], text), 0);
    return paths[slot];
}

static void test_checked_arithmetic_refuses_overflow_and_keeps_out(void **state)
{
    (void)state;
    int64_t r = 42;
    assert_int_equal(sim_add_i64(INT64_MAX - 1, 1, &r), 0);
    assert_true(r == INT64_MAX);
    r = 42;
    assert_int_equal(sim_add_i64(INT64_MAX, 1, &r), -1);
    assert_int_equal(r, 42);
    assert_int_equal(sim_sub_i64(INT64_MIN, 1, &r), -1);
    assert_int_equal(sim_mul_i64(INT64_MAX / 2 + 1, 2, &r), -1);
    assert_int_equal(sim_mul_i64(-3, 4, &r), 0);
    assert_int_equal(r, -12);
    uint64_t u = 7;
    assert_int_equal(sim_add_u64(UINT64_MAX, 1, &u), -1);
    assert_int_equal(u, 7);
    assert_int_equal(sim_mul_u64(UINT64_MAX / 3, 3, &u), 0);
    int sat = 0;
    assert_true(sim_add_sat_i64(INT64_MAX, 5, &sat) == INT64_MAX);
    assert_int_equal(sat, 1);
}

static void test_event_past_the_largest_time_fails_the_run(void **state)
{
    /* 9223372036 s is 0.85 s before 2^63-1 ns; the utility VM's boot
     * schedules its next stage further than that.  Before the fix the
     * engine's addition overflowed (UB), the event was dropped and the run
     * exited 0. */
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    const char *scn = scratch(dir, 0, "late.hvs", "at 9223372036s uvm.start\n");
    char csv[4200];
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    hv_result r;
    hv_hvsim(&r, "run", scn, "--csv", csv, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "passes the largest simulated time");
    assert_contains(r.err, "uvm");
    assert_false(hv_exists(csv));
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_strace_duration_overflow_is_skipped_when_lenient(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    const char *trace = scratch(dir, 0, "t.txt",
                                "1234 04:29:35.100000 close(3) = 0 <9300000000.5>\n"
                                "1234 04:29:35.200000 close(4) = 0 <0.000002>\n");
    hv_result r;
    hv_hvsim(&r, "compare", trace, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "t.txt:1:");
    assert_contains(r.err, "call duration too large");
    hv_result_free(&r);
    hv_hvsim(&r, "compare", trace, "--lenient", NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.err, "skipped");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

/* --- bounded work (item 3) ------------------------------------------------ */

static void test_scenario_with_too_many_events_is_refused_at_load_with_its_count(void **state)
{
    /* The report's 25 KB scenario: 600 lines of 100000 events each took
     * 171 s and 10.3 GB before the run-time cap stopped it. */
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/many.hvs", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    for (int i = 0; i < 600; i++) fprintf(f, "every 1ns from 0s until 100000ns say \"x\"\n");
    assert_int_equal(fclose(f), 0);
    hv_result r;
    hv_hvsim(&r, "check", path, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "many.hvs:11:1: error: this 'every' brings the scenario to 1100000 "
                           "timeline events; a scenario may have at most 1000000");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_include_bomb_is_refused_at_load(void **state)
{
    /* Ten includes per level, six levels deep: 10^6 includes (16.6 s). */
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4200], text[1024];
    for (int level = 0; level <= 6; level++) {
        snprintf(path, sizeof path, "%s/l%d.inc", dir, level);
        text[0] = '\0';
        if (level == 6) snprintf(text, sizeof text, "at +1ns say \"boom\"\n");
        for (int k = 0; level < 6 && k < 10; k++) {
            size_t n = strlen(text);
            snprintf(text + n, sizeof text - n, "include \"l%d.inc\"\n", level + 1);
        }
        assert_int_equal(hv_write_file(path, text), 0);
    }
    snprintf(path, sizeof path, "%s/l0.inc", dir);
    hv_result r;
    hv_hvsim(&r, "check", path, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "more than 1000 includes in one scenario");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

/* --- bounded reads (item 4) ----------------------------------------------- */

static void test_fifo_as_scenario_or_include_does_not_block(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char fifo[4200];
    snprintf(fifo, sizeof fifo, "%s/p.hvs", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    const char *top = scratch(dir, 0, "top.hvs", "include \"p.hvs\"\nat 1s uvm.start\n");
    hv_result r;
    /* no writer: the FIFO reads as empty at once (it used to block forever) */
    hv_hvsim(&r, "check", fifo, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "empty scenario");
    hv_result_free(&r);
    hv_hvsim(&r, "check", top, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "top.hvs:1:9: error: cannot open include");
    assert_contains(r.err, "a FIFO, not a regular file");
    hv_result_free(&r);
    hv_hvsim(&r, "run", top, "--wslconfig", fifo, NULL);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_endless_devices_are_read_with_a_bound(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "check", "/dev/zero", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "from a pipe or device");
    hv_result_free(&r);
    hv_hvsim(&r, "inspect", "/dev/zero", NULL); /* read 2 GiB before refusing */
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "from a pipe or device");
    hv_result_free(&r);
    hv_hvsim(&r, "compare", "/dev/urandom", "--lenient", NULL); /* never ended */
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    hv_hvsim(&r, "run", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", "--wslconfig", "/dev/zero",
             NULL);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
}

/* --- smaller things (item 5) ---------------------------------------------- */

static size_t count_substr(const char *text, const char *part)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, part)) != NULL; p += strlen(part)) n++;
    return n;
}

static void test_warnings_are_capped_with_a_count(void **state)
{
    /* [wsl2] and 1000 unknown keys printed 3000 lines (100 k: 300 k). */
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4200];
    snprintf(path, sizeof path, "%s/many.wslconfig", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("[wsl2]\n", f);
    for (int i = 0; i < 1000; i++) fputs("bogus=1\n", f);
    assert_int_equal(fclose(f), 0);
    const char *scn = scratch(dir, 0, "s.hvs", "at 1s uvm.start\n");
    hv_result r;
    hv_hvsim(&r, "check", scn, "--wslconfig", path, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_substr(r.err, "warning:"), SIM_DIAG_MAX_WARNINGS);
    assert_contains(r.err, "hvsim: 900 more warning(s) not shown");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_utf8_byte_order_mark_is_skipped(void **state)
{
    /* Notepad saves with a BOM: it gave "unknown keyword 'title'" with the
     * mark invisible. */
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    const char *scn = scratch(dir, 0, "bom.hvs", "\xEF\xBB\xBFtitle \"bom\"\nat 1s uvm.start\n");
    const char *wsl = scratch(dir, 1, "bom.wslconfig", "\xEF\xBB\xBF[wsl2]\nmemory=4GB\n");
    hv_result r;
    hv_hvsim(&r, "check", scn, "--wslconfig", wsl, NULL);
    assert_int_equal(r.status, 0);
    assert_true(strstr(r.err, "warning") == NULL);
    hv_result_free(&r);
    /* a mark anywhere else is still an error, located */
    const char *mid = scratch(dir, 2, "mid.hvs", "at 1s uvm.start\n\xEF\xBB\xBFtitle \"x\"\n");
    hv_hvsim(&r, "check", mid, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "mid.hvs:2:");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checked_arithmetic_refuses_overflow_and_keeps_out),
        cmocka_unit_test(test_event_past_the_largest_time_fails_the_run),
        cmocka_unit_test(test_strace_duration_overflow_is_skipped_when_lenient),
        cmocka_unit_test(test_scenario_with_too_many_events_is_refused_at_load_with_its_count),
        cmocka_unit_test(test_include_bomb_is_refused_at_load),
        cmocka_unit_test(test_fifo_as_scenario_or_include_does_not_block),
        cmocka_unit_test(test_endless_devices_are_read_with_a_bound),
        cmocka_unit_test(test_warnings_are_capped_with_a_count),
        cmocka_unit_test(test_utf8_byte_order_mark_is_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
