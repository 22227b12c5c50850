/* test_branch.c: `hvsim run FILE --branch-at T --set K=V` forks one run at
 * a checkpoint.
 *
 * The done-when on scenarios/ip-keeps-changing.hvs at 20 s with
 * vnic.mode=mirrored: two fingerprints, the as-written one equal to a
 * plain run's, the changed one different (the VM restarts at 40 s, so the
 * mode read at that start changes what happens); the output marks the
 * metrics that differ and says the mode is read when the machine starts.
 * Also: a branch with a live parameter changed (uvm.vm_idle_timeout in
 * idle-shutdown) differs from the plain run while its first branch does
 * not; a parameter read only at the start of the run, a scenario param,
 * an unknown parameter, a value out of range and a branch point after the
 * end are bad usage (exit 2). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli_harness.h"

#define IP HVSIM_SOURCE_DIR "/scenarios/ip-keeps-changing.hvs"
#define IDLE HVSIM_SOURCE_DIR "/scenarios/idle-shutdown.hvs"

/* The hex after "fingerprint (LABEL): " in text. */
static void labelled_fingerprint(const char *text, const char *label, char hex[17])
{
    char want[256];
    snprintf(want, sizeof want, "fingerprint (%s): ", label);
    const char *p = strstr(text, want);
    if (!p) fail_msg("no '%s' in:\n%s", want, text);
    p += strlen(want);
    memcpy(hex, p, 16);
    hex[16] = '\0';
    assert_int_equal(strspn(hex, "0123456789abcdef"), 16);
}

static void plain_fingerprint(const char *path, char hex[17])
{
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", path, NULL), 0);
    assert_true(r.status == 0 || r.status == 1);
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    hv_result_free(&r);
}

static void test_branch_as_written_equals_the_plain_run_and_the_change_differs(void **state)
{
    (void)state;
    char plain[17], a[17], b[17];
    plain_fingerprint(IP, plain);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", IP, "--branch-at", "20s", "--set", "vnic.mode=mirrored", NULL), 0);
    if (r.status != 0 && r.status != 1) fail_msg("status %d: %s", r.status, r.err);
    labelled_fingerprint(r.out, "as written", a);
    labelled_fingerprint(r.out, "vnic.mode=mirrored", b);
    assert_string_equal(a, plain);
    assert_string_not_equal(a, b);
    assert_non_null(strstr(r.out, "branch at:  20 s"));
    assert_non_null(strstr(r.out, "read when the machine starts"));
    assert_non_null(strstr(r.out, "vnic.mode_in_force "));
    assert_non_null(strstr(r.out, " *\n"));
    hv_result_free(&r);
}

static void test_branch_of_a_live_parameter_changes_what_follows(void **state)
{
    (void)state;
    char plain[17], a[17], b[17];
    plain_fingerprint(IDLE, plain);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", IDLE, "--branch-at", "20s", "--set",
                              "uvm.vm_idle_timeout=2min", NULL),
                     0);
    labelled_fingerprint(r.out, "as written", a);
    labelled_fingerprint(r.out, "uvm.vm_idle_timeout=2min", b);
    assert_string_equal(a, plain);
    assert_string_not_equal(a, b);
    /* The VM no longer stops at 90 s: the scenario's expectations there fail. */
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.out, "expectations whose outcome differs:"));
    assert_null(strstr(r.out, "read when the machine starts"));
    hv_result_free(&r);
}

static void assert_refused(const char *path, const char *at, const char *set, const char *why)
{
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", path, "--branch-at", at, "--set", set, NULL), 0);
    if (r.status != 2 || !strstr(r.err, why))
        fail_msg("--branch-at %s --set %s: status %d, stderr: %s (want '%s')", at, set, r.status,
                 r.err, why);
    assert_string_equal(r.out, "");
    hv_result_free(&r);
}

static void test_branch_refuses_what_cannot_change_at_the_branch_point(void **state)
{
    (void)state;
    assert_refused(IDLE, "20s", "mem.memory=4GB", "is read once, when the run starts");
    assert_refused(IDLE, "20s", "host.ram=8GB", "is read once, when the run starts");
    assert_refused(HVSIM_SOURCE_DIR "/scenarios/vhdx-bloat.hvs", "5s", "files=10",
                   "a scenario `param` is substituted when the scenario loads");
    assert_refused(IDLE, "20s", "uvm.no_such=1", "unknown parameter 'uvm.no_such'");
    assert_refused(IDLE, "20s", "uvm.vm_idle_timeout=2h", "outside uvm.vm_idle_timeout's range");
    assert_refused(IDLE, "20s", "vnic.mode=bridge", "bad value for vnic.mode");
    assert_refused(IDLE, "2h", "uvm.vm_idle_timeout=2min", "is after the run's end");
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", IDLE, "--branch-at", "20s", NULL), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--branch-at needs at least one --set"));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "run", IDLE, "--branch-at", "20s", "--set", "uvm.vm_idle_timeout=2min",
                              "--json", "x.json", NULL),
                     0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--branch-at prints two summaries"));
    hv_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_branch_as_written_equals_the_plain_run_and_the_change_differs),
        cmocka_unit_test(test_branch_of_a_live_parameter_changes_what_follows),
        cmocka_unit_test(test_branch_refuses_what_cannot_change_at_the_branch_point),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
