/* test_cli.c: the command line as a user meets it.  Drives the built hvsim
 * binary (HVSIM_BIN) through posix_spawn: --version and --help, usage
 * errors and their exit status 2, a run's summary, fingerprint stability
 * under a seed, each output file's format (and that a failed run leaves
 * none), expectations failing with exit 1, list, params and check.  It
 * also tests the CLI's own helpers in-process (JSON escaping, seconds
 * formatting, the atomic output file).
 *
 * Canned scenarios come from the source tree (HVSIM_SOURCE_DIR); scenarios
 * that need a failing expectation are generated here from the registry's
 * tables, so the test follows the models rather than hard-coding them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "atomic_file.h"
#include "cli_harness.h"
#include "common.h"
#include "json.h"
#include "registry.h"

#define BOOT_RACE HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs"

/* --- helpers ------------------------------------------------------------ */

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) {
        print_error("expected to find:\n  %s\nin:\n%s\n", needle, haystack);
        fail();
    }
}

static uint64_t summary_number(const char *out, const char *label)
{
    const char *p = strstr(out, label);
    assert_non_null(p);
    return strtoull(p + strlen(label), NULL, 10);
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++) n += *text == '\n';
    return n;
}

static size_t count_substr(const char *text, const char *part)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, part)) != NULL; p += strlen(part)) n++;
    return n;
}

static void run_fingerprint(const char *seed, char hex[17])
{
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--seed", seed, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    hv_result_free(&r);
}

/* First metric of type t in the registry as "model.metric"; 0 or -1. */
static int find_metric(sim_type t, char *name, size_t cap)
{
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t m = 0; m < n; m++)
        for (size_t k = 0; k < models[m]->n_metrics; k++)
            if (models[m]->metrics[k].type == t) {
                snprintf(name, cap, "%s.%s", models[m]->name, models[m]->metrics[k].name);
                return 0;
            }
    return -1;
}

/* --- the front door ----------------------------------------------------- */

static void test_cli_version_prints_name_and_version(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "--version", NULL);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "hvsim ", 6) == 0);
    assert_true(r.out[6] >= '0' && r.out[6] <= '9');
    hv_result_free(&r);
}

static void test_cli_help_lists_every_subcommand(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "--help", NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "usage: hvsim");
    assert_contains(r.out, "  run ");
    assert_contains(r.out, "  check ");
    assert_contains(r.out, "  list ");
    assert_contains(r.out, "  params ");
    hv_result_free(&r);
}

static void test_cli_every_subcommand_has_help(void **state)
{
    (void)state;
    static const char *const cmds[] = {"run", "check", "list", "params"};
    for (size_t i = 0; i < 4; i++) {
        hv_result r;
        char want[64];
        hv_hvsim(&r, cmds[i], "--help", NULL);
        assert_int_equal(r.status, 0);
        snprintf(want, sizeof want, "usage: hvsim %s", cmds[i]);
        assert_contains(r.out, want);
        hv_result_free(&r);
        hv_hvsim(&r, "help", cmds[i], NULL); /* the same through `help CMD` */
        assert_int_equal(r.status, 0);
        assert_contains(r.out, want);
        hv_result_free(&r);
    }
}

static void test_cli_no_arguments_is_a_usage_error(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "usage: hvsim");
    assert_int_equal(r.out_len, 0);
    hv_result_free(&r);
}

static void test_cli_misspelt_option_suggests_the_right_one(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--sed", "3", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "hvsim: error: unknown option '--sed'; did you mean '--seed'?");
    hv_result_free(&r);
    hv_hvsim(&r, "--verison", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "unknown option '--verison'; did you mean '--version'?");
    hv_result_free(&r);
}

static void test_cli_unknown_subcommand_suggests_the_right_one(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "rn", BOOT_RACE, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "hvsim: error: unknown command 'rn'; did you mean 'run'?");
    hv_result_free(&r);
}

static void test_cli_bad_option_values_exit_2(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"--seed", "abc", "bad value for --seed"},
        {"--seed", "-1", "bad value for --seed"},
        {"--until", "5GB", "bad value for --until"},
        {"--set", "novalue", "bad value for --set"},
        {"--log=yes", NULL, "--log=narration"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hv_result r;
        hv_hvsim(&r, "run", BOOT_RACE, cases[i][0], cases[i][1], NULL);
        assert_int_equal(r.status, 2);
        assert_contains(r.err, cases[i][2]);
        assert_int_equal(r.out_len, 0);
        hv_result_free(&r);
    }
}

static void test_cli_run_needs_exactly_one_file(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "no scenario file given");
    hv_result_free(&r);
    hv_hvsim(&r, "run", BOOT_RACE, BOOT_RACE, NULL);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    hv_hvsim(&r, "run", BOOT_RACE, "--seed", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "needs a value");
    hv_result_free(&r);
}

static void test_cli_missing_file_is_bad_input(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", "no/such/file.hvs", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "error:");
    assert_int_equal(r.out_len, 0);
    hv_result_free(&r);
}

/* --- run ---------------------------------------------------------------- */

static void test_cli_run_prints_summary_ending_in_fingerprint(void **state)
{
    (void)state;
    hv_result r;
    char hex[17];
    hv_hvsim(&r, "run", BOOT_RACE, NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "simulated time:");
    assert_contains(r.out, "events processed:");
    assert_contains(r.out, "metrics at end (those that changed or are named");
    assert_contains(r.out, "\nstory:\n");
    /* the three machines line up in one table, one column each, and each
     * has a prompt latency */
    const char *side = strstr(r.out, "side by side:\n");
    assert_non_null(side);
    const char *t2 = strstr(side, "t2vm"), *u = strstr(side, "uvm"), *w = strstr(side, "wsl1");
    assert_true(t2 && u && w && t2 < u && u < w && w < strchr(t2, '\n'));
    const char *row = strstr(side, "\n  prompt_latency ");
    assert_non_null(row);
    char line[256];
    snprintf(line, sizeof line, "%.*s", (int)(strchr(row + 1, '\n') - row), row);
    assert_null(strstr(line, " - "));
    assert_true(summary_number(r.out, "events processed:") > 0);
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    /* the fingerprint line is the last line */
    const char *last = strstr(r.out, "fingerprint: ");
    assert_int_equal(strlen(last), strlen("fingerprint: ") + 17);
    hv_result_free(&r);
}

static void test_cli_same_seed_gives_same_fingerprint(void **state)
{
    (void)state;
    char a[17], b[17];
    run_fingerprint("5", a);
    run_fingerprint("5", b);
    assert_string_equal(a, b);
}

static void test_cli_other_seed_gives_other_fingerprint(void **state)
{
    (void)state;
    char a[17], b[17];
    run_fingerprint("5", a);
    run_fingerprint("6", b);
    assert_string_not_equal(a, b);
}

static void check_events_file(const char *path, uint64_t n_events)
{
    size_t len = 0;
    char *text = hv_read_file(path, &len);
    assert_non_null(text);
    assert_int_equal(count_lines(text), n_events);
    for (char *line = text, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        assert_non_null(nl);
        if (!hv_json_valid(line, (size_t)(nl - line), '{')) {
            print_error("not a JSON object: %.*s\n", (int)(nl - line), line);
            fail();
        }
        *nl = '\0';
        assert_contains(line, "\"time_ns\":");
        assert_contains(line, "\"seq\":");
        assert_contains(line, "\"cause\":");
        assert_contains(line, "\"model\":\"");
        assert_contains(line, "\"kind\":\"");
        assert_contains(line, "\"note\":\"");
    }
    free(text);
}

static void check_trace_file(const char *path, uint64_t n_events)
{
    size_t len = 0;
    char *text = hv_read_file(path, &len);
    assert_non_null(text);
    assert_true(hv_json_valid(text, len, '{'));
    assert_contains(text, "\"traceEvents\":[");
    assert_contains(text, "\"name\":\"thread_name\",\"ph\":\"M\"");
    assert_int_equal(count_substr(text, "\"ph\":\"i\""), n_events);
    free(text);
}

static void check_csv_file(const char *path)
{
    char *text = hv_read_file(path, NULL);
    assert_non_null(text);
    assert_true(strncmp(text, "time_s,", 7) == 0);
    size_t cols = 0;
    const char *p = text;
    for (; *p != '\n'; p++) cols += *p == ',';
    assert_true(count_lines(text) >= 2); /* header and the state at time 0 */
    double last_t = -1;
    for (p++; *p; p = strchr(p, '\n') + 1) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        size_t commas = 0;
        for (const char *q = p; q < nl; q++) commas += *q == ',';
        assert_int_equal(commas, cols);
        double t = strtod(p, NULL);
        assert_true(t > last_t); /* one row per instant, in time order */
        last_t = t;
    }
    free(text);
}

static void test_cli_run_writes_valid_outputs(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char ev[4096], tr[4096], csv[4096];
    snprintf(ev, sizeof ev, "%s/e.jsonl", dir);
    snprintf(tr, sizeof tr, "%s/t.json", dir);
    snprintf(csv, sizeof csv, "%s/m.csv", dir);
    hv_result r;
    setenv("COLUMNS", "1000", 1); /* no wrapped lines: one line per event */
    hv_hvsim(&r, "run", BOOT_RACE, "--events", ev, "--trace-out", tr, "--csv", csv, "--log",
             NULL);
    unsetenv("COLUMNS");
    assert_int_equal(r.status, 0);
    uint64_t n = summary_number(r.out, "events processed:");
    check_events_file(ev, n);
    check_trace_file(tr, n);
    check_csv_file(csv);
    /* the log has one line per event, before the summary */
    const char *summary = strstr(r.out, "scenario:");
    assert_non_null(summary);
    assert_true(count_lines(r.out) - count_lines(summary) == n);
    assert_int_equal(hv_count_entries(dir, ".hvsim-"), 0);
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_outputs_do_not_change_the_fingerprint(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char ev[4096], a[17], b[17];
    snprintf(ev, sizeof ev, "%s/e.jsonl", dir);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--events", ev, "--log", NULL);
    assert_int_equal(hv_fingerprint(r.out, a), 0);
    hv_result_free(&r);
    hv_hvsim(&r, "run", BOOT_RACE, NULL);
    assert_int_equal(hv_fingerprint(r.out, b), 0);
    hv_result_free(&r);
    assert_string_equal(a, b);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_failed_run_leaves_no_output_file(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char bad[4096], csv[4096], ev[4096], nodir[4096];
    snprintf(bad, sizeof bad, "%s/bad.hvs", dir);
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    snprintf(ev, sizeof ev, "%s/out.jsonl", dir);
    snprintf(nodir, sizeof nodir, "%s/no/such/dir/out.csv", dir);
    assert_int_equal(hv_write_file(bad, "at 1s nosuchmodel.start\n"), 0);
    hv_result r;
    /* bad input: nothing is opened */
    hv_hvsim(&r, "run", bad, "--csv", csv, "--events", ev, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "bad.hvs:1:");
    assert_false(hv_exists(csv));
    hv_result_free(&r);
    /* the second output cannot be opened: the first is removed again */
    hv_hvsim(&r, "run", BOOT_RACE, "--events", ev, "--csv", nodir, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "cannot write");
    assert_false(hv_exists(ev));
    assert_int_equal(hv_count_entries(dir, ".hvsim-"), 0);
    assert_int_equal(hv_count_entries(dir, ""), 1); /* only bad.hvs */
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_same_file_for_two_outputs_is_refused(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--events", "x.out", "--csv", "x.out", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "two outputs");
    assert_false(hv_exists("x.out"));
    hv_result_free(&r);
}

/* Writes a scenario with one at-end expectation on a count metric. */
static char *expectation_scenario(const char *dir, const char *op_value)
{
    char metric[256], text[512];
    assert_int_equal(find_metric(SIM_T_COUNT, metric, sizeof metric), 0);
    char *path = malloc(4096);
    assert_non_null(path);
    snprintf(path, 4096, "%s/expect.hvs", dir);
    snprintf(text, sizeof text, "title \"expectation test\"\nexpect at end %s %s\n", metric,
             op_value);
    assert_int_equal(hv_write_file(path, text), 0);
    return path;
}

static void test_cli_failed_expectation_exits_1_and_says_why(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char *path = expectation_scenario(dir, "< 0"); /* counts are never negative */
    hv_result r;
    hv_hvsim(&r, "run", path, NULL);
    assert_int_equal(r.status, 1);
    assert_contains(r.out, "FAIL");
    assert_contains(r.out, "(observed ");
    assert_contains(r.out, "0 passed, 1 failed");
    assert_int_equal(hv_fingerprint(r.out, (char[17]){0}), 0);
    hv_result_free(&r);
    free(path);
    path = expectation_scenario(dir, ">= 0");
    hv_hvsim(&r, "run", path, NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "PASS");
    assert_contains(r.out, "1 passed, 0 failed");
    hv_result_free(&r);
    free(path);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_boot_race_summary_fits_60_lines_with_story_and_times(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, NULL);
    assert_int_equal(r.status, 0);
    assert_true(count_lines(r.out) <= 60);
    /* the narration with its time, the checks with theirs */
    assert_contains(r.out, " 1 s  WSL1 already shows a prompt");
    assert_contains(r.out, "22 s  The classic VM finally shows a login prompt"); /* when, not at 25 s */
    assert_contains(r.out, "  PASS   1 s  t2vm.state != running\n");
    assert_contains(r.out, "  PASS  25 s  t2vm.state == running\n");
    /* untouched metrics are left out: no syscall model in a boot race */
    assert_null(strstr(r.out, "sys."));
    assert_null(strstr(r.out, "\n  sys "));
    hv_result_free(&r);
    hv_hvsim(&r, "run", BOOT_RACE, "--all-metrics", NULL);
    assert_contains(r.out, "\n  sys.calls ");
    hv_result_free(&r);
}

static void test_cli_never_started_machine_shows_dash_not_zero(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/only-wsl1.hvs", dir);
    assert_int_equal(hv_write_file(path, "at 0s wsl1.start\n"
                                         "expect at end t2vm.prompt_latency < 1s\n"
                                         "expect at end t2vm.prompt_latency != 0s\n"),
                     0);
    hv_result r;
    hv_hvsim(&r, "run", path, NULL);
    /* "never" is not "< 1s": the first check fails, the second holds */
    assert_int_equal(r.status, 1);
    assert_contains(r.out, "t2vm.prompt_latency < 1s  (observed -)");
    const char *row = strstr(r.out, "\n  prompt_latency ");
    assert_non_null(row);
    assert_contains(row, "-");
    assert_null(strstr(r.out, "0 ns"));
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_json_holds_the_whole_result(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char js[4096];
    snprintf(js, sizeof js, "%s/r.json", dir);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--json", js, NULL);
    assert_int_equal(r.status, 0);
    char hex[17], want[64];
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    size_t len = 0;
    char *text = hv_read_file(js, &len);
    assert_non_null(text);
    assert_true(hv_json_valid(text, len, '{'));
    snprintf(want, sizeof want, "\"fingerprint\":\"%s\"", hex);
    assert_contains(text, want);
    assert_contains(text, "\"uvm.prompt_latency\":{\"value\":");
    assert_contains(text, "\"unit\":\"ns\"");
    assert_contains(text, "\"checked_ns\":25000000000");
    assert_contains(text, "\"passed\":true");
    assert_contains(text, "\"narration\":[");
    assert_contains(text, "\"exit_status\":0");
    assert_int_equal(count_substr(text, "\"checked\":true"), 16);
    free(text);
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_log_narration_prints_the_story_alone(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--log=narration", NULL);
    assert_int_equal(r.status, 0);
    const char *summary = strstr(r.out, "scenario:");
    assert_non_null(summary);
    assert_true(summary > r.out);
    assert_null(strstr(r.out, "kernel_boot")); /* no events */
    assert_contains(r.out, "  WSL1 already shows a prompt");
    assert_null(strstr(summary, "\nstory:")); /* not told twice */
    hv_result_free(&r);
}

static void test_cli_log_lines_fit_the_terminal_width(void **state)
{
    (void)state;
    hv_result r;
    setenv("COLUMNS", "72", 1);
    hv_hvsim(&r, "run", BOOT_RACE, "--log", NULL);
    unsetenv("COLUMNS");
    assert_int_equal(r.status, 0);
    for (const char *p = r.out; *p;) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        size_t cols = 0;
        for (const char *q = p; q < nl; q++) cols += ((unsigned char)*q & 0xC0) != 0x80;
        if (cols > 72) {
            print_error("line wider than 72 columns: %.*s\n", (int)(nl - p), p);
            fail();
        }
        p = nl + 1;
    }
    hv_result_free(&r);
}

static void test_cli_set_with_a_space_suggests_the_equals_form(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--set", "uvm.memory", "8GB", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "--set uvm.memory=8GB");
    assert_int_equal(r.out_len, 0);
    hv_result_free(&r);
}

static void test_cli_until_stops_the_clock(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--until", "1500ms", NULL);
    assert_true(r.status == 0 || r.status == 1); /* expectations may not be reached */
    assert_contains(r.out, "simulated time:   1.5 s");
    hv_result_free(&r);
}

/* --- list, params, check ------------------------------------------------ */

static void test_cli_list_shows_canned_scenarios_with_about(void **state)
{
    (void)state;
    hv_result r;
    hv_hvsim(&r, "list", HVSIM_SOURCE_DIR "/scenarios", NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "\nboot-race  ");
    assert_contains(r.out, "\nidle-shutdown  ");
    hv_result_free(&r);
    hv_hvsim(&r, "list", "/no/such/dir", NULL);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
}

static void test_cli_runs_canned_scenarios_by_name_from_any_directory(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char here[4096];
    assert_non_null(getcwd(here, sizeof here));
    assert_int_equal(chdir(dir), 0);
    hv_result r;
    hv_hvsim(&r, "run", "boot-race", NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "/scenarios/boot-race.hvs (seed 1)");
    hv_result_free(&r);
    hv_hvsim(&r, "run", "scenarios/idle-shutdown.hvs", NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    hv_hvsim(&r, "list", NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "\nboot-race ");
    hv_result_free(&r);
    hv_hvsim(&r, "run", "no-such-scenario", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "'hvsim list' shows them");
    hv_result_free(&r);
    assert_int_equal(chdir(here), 0);
    hv_rmdir(dir);
    free(dir);
}

static void test_cli_params_prints_every_registry_model(void **state)
{
    (void)state;
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    assert_true(n > 0);
    hv_result r;
    hv_hvsim(&r, "params", NULL);
    assert_int_equal(r.status, 0);
    for (size_t m = 0; m < n; m++) {
        char want[256];
        for (size_t k = 0; k < models[m]->n_params; k++) {
            snprintf(want, sizeof want, "    %s.%s  %s", models[m]->name,
                     models[m]->params[k].name, sim_type_name(models[m]->params[k].type));
            assert_contains(r.out, want);
        }
        for (size_t k = 0; k < models[m]->n_actions; k++) {
            snprintf(want, sizeof want, "    %s.%s", models[m]->name,
                     models[m]->actions[k].name);
            assert_contains(r.out, want);
        }
        for (size_t k = 0; k < models[m]->n_metrics; k++) {
            snprintf(want, sizeof want, "    %s.%s  %s", models[m]->name,
                     models[m]->metrics[k].name, sim_type_name(models[m]->metrics[k].type));
            assert_contains(r.out, want);
        }
    }
    hv_result_free(&r);
}

static void test_cli_params_of_one_model_and_of_an_unknown_one(void **state)
{
    (void)state;
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    assert_true(n > 1);
    hv_result r;
    hv_hvsim(&r, "params", models[0]->name, NULL);
    assert_int_equal(r.status, 0);
    char other[128];
    snprintf(other, sizeof other, "\n%s  (model version", models[1]->name);
    assert_null(strstr(r.out, other));
    hv_result_free(&r);
    char typo[128];
    snprintf(typo, sizeof typo, "%sx", models[0]->name);
    hv_hvsim(&r, "params", typo, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "unknown model");
    hv_result_free(&r);
}

static void test_cli_check_accepts_good_and_rejects_bad(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char bad[4096];
    snprintf(bad, sizeof bad, "%s/bad.hvs", dir);
    assert_int_equal(hv_write_file(bad, "title \"x\"\nat 1s nosuchmodel.start\n"), 0);
    hv_result r;
    hv_hvsim(&r, "check", BOOT_RACE, NULL);
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "boot-race.hvs: ok");
    hv_result_free(&r);
    hv_hvsim(&r, "check", BOOT_RACE, bad, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "bad.hvs:2:");
    assert_contains(r.err, ": error: ");
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

/* --- the CLI's helpers, in-process --------------------------------------- */

static char *escaped(const char *s)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    cli_json_string(f, s);
    fclose(f);
    return buf;
}

static void test_json_escaper_escapes_quotes_controls_and_bad_utf8(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"plain", "\"plain\""},
        {"a\"b\\c", "\"a\\\"b\\\\c\""},
        {"tab\there\nnl", "\"tab\\there\\nnl\""},
        {"\x01\x1f", "\"\\u0001\\u001f\""},
        {"caf\xc3\xa9", "\"caf\xc3\xa9\""},             /* valid UTF-8 passes through */
        {"cut \xe2\x82", "\"cut \\ufffd\\ufffd\""},      /* truncated sequence */
        {"\xc0\xaf", "\"\\ufffd\\ufffd\""},              /* overlong '/' */
        {"\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""},   /* UTF-16 surrogate */
        {"", "\"\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = escaped(cases[i][0]);
        assert_string_equal(got, cases[i][1]);
        assert_true(hv_json_valid(got, strlen(got), '"'));
        free(got);
    }
}

static void test_format_seconds_truncates_exactly_without_floating_point(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(cli_format_seconds(1503999999, 3, buf, sizeof buf), "1.503");
    assert_string_equal(cli_format_seconds(0, 3, buf, sizeof buf), "0.000");
    assert_string_equal(cli_format_seconds(9007199254740993LL, 9, buf, sizeof buf),
                        "9007199.254740993"); /* beyond double precision */
    assert_string_equal(cli_format_seconds(-1500000000, 1, buf, sizeof buf), "-1.5");
    assert_string_equal(cli_format_seconds(INT64_MIN, 0, buf, sizeof buf), "-9223372036");
}

static void test_atomic_file_appears_only_on_commit(void **state)
{
    (void)state;
    char *dir = hv_tmpdir();
    assert_non_null(dir);
    char path[4096];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    cli_afile a;
    assert_int_equal(cli_afile_open(&a, path), 0);
    fputs("hello\n", a.f);
    assert_false(hv_exists(path));
    assert_int_equal(hv_count_entries(dir, ".hvsim-"), 1);
    assert_int_equal(cli_afile_commit(&a), 0);
    char *text = hv_read_file(path, NULL);
    assert_string_equal(text, "hello\n");
    free(text);
    /* an aborted rewrite keeps the old file and leaves no temporary */
    assert_int_equal(cli_afile_open(&a, path), 0);
    fputs("half", a.f);
    cli_afile_abort(&a);
    text = hv_read_file(path, NULL);
    assert_string_equal(text, "hello\n");
    free(text);
    assert_int_equal(hv_count_entries(dir, ""), 1);
    cli_afile_abort(&a); /* harmless twice */
    hv_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_version_prints_name_and_version),
        cmocka_unit_test(test_cli_help_lists_every_subcommand),
        cmocka_unit_test(test_cli_every_subcommand_has_help),
        cmocka_unit_test(test_cli_no_arguments_is_a_usage_error),
        cmocka_unit_test(test_cli_misspelt_option_suggests_the_right_one),
        cmocka_unit_test(test_cli_unknown_subcommand_suggests_the_right_one),
        cmocka_unit_test(test_cli_bad_option_values_exit_2),
        cmocka_unit_test(test_cli_run_needs_exactly_one_file),
        cmocka_unit_test(test_cli_missing_file_is_bad_input),
        cmocka_unit_test(test_cli_run_prints_summary_ending_in_fingerprint),
        cmocka_unit_test(test_cli_same_seed_gives_same_fingerprint),
        cmocka_unit_test(test_cli_other_seed_gives_other_fingerprint),
        cmocka_unit_test(test_cli_run_writes_valid_outputs),
        cmocka_unit_test(test_cli_outputs_do_not_change_the_fingerprint),
        cmocka_unit_test(test_cli_failed_run_leaves_no_output_file),
        cmocka_unit_test(test_cli_same_file_for_two_outputs_is_refused),
        cmocka_unit_test(test_cli_failed_expectation_exits_1_and_says_why),
        cmocka_unit_test(test_cli_until_stops_the_clock),
        cmocka_unit_test(test_cli_boot_race_summary_fits_60_lines_with_story_and_times),
        cmocka_unit_test(test_cli_never_started_machine_shows_dash_not_zero),
        cmocka_unit_test(test_cli_json_holds_the_whole_result),
        cmocka_unit_test(test_cli_log_narration_prints_the_story_alone),
        cmocka_unit_test(test_cli_log_lines_fit_the_terminal_width),
        cmocka_unit_test(test_cli_set_with_a_space_suggests_the_equals_form),
        cmocka_unit_test(test_cli_list_shows_canned_scenarios_with_about),
        cmocka_unit_test(test_cli_params_prints_every_registry_model),
        cmocka_unit_test(test_cli_runs_canned_scenarios_by_name_from_any_directory),
        cmocka_unit_test(test_cli_params_of_one_model_and_of_an_unknown_one),
        cmocka_unit_test(test_cli_check_accepts_good_and_rejects_bad),
        cmocka_unit_test(test_json_escaper_escapes_quotes_controls_and_bad_utf8),
        cmocka_unit_test(test_format_seconds_truncates_exactly_without_floating_point),
        cmocka_unit_test(test_atomic_file_appears_only_on_commit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
