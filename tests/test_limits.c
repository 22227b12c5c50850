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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_checked_arithmetic_refuses_overflow_and_keeps_out),
        cmocka_unit_test(test_event_past_the_largest_time_fails_the_run),
        cmocka_unit_test(test_strace_duration_overflow_is_skipped_when_lenient),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
