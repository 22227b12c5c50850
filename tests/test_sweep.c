/* test_sweep.c: sweeps, their jobs files and merge, read like a spec.
 *
 * In-process: --vary parsing (lists kept as written; ranges with units
 * written back in the largest exact unit; bad ranges refused with a
 * reason), the cross product's order, the seed formula against a
 * reference written here, the JSON reader.  Through the built binary: the
 * issue's done-when (idle-shutdown over three vm_idle_timeout values gives
 * the same CSV at -j 1 and -j 2, one row per value, and the same again
 * when the jobs file runs through GNU parallel, or through the Slurm
 * script task by task, and is merged); a row's fingerprint is a plain
 * run's; --json holds each run's whole result; bad values exit 2 and write
 * nothing; Ctrl-C keeps the finished rows; every tests/bad/merge fixture
 * is refused with its message and writes nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli_harness.h"
#include "json_read.h"
#include "registry.h"
#include "sweep_spec.h"

#define IDLE HVSIM_SOURCE_DIR "/scenarios/idle-shutdown.hvs"
#define BOOT HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs"
#define MERGE_BAD HVSIM_SOURCE_DIR "/tests/bad/merge"

/* --- --vary --------------------------------------------------------------- */

/* Parses text into an axis and returns its values joined by spaces (or
 * "ERROR: why"). */
static const char *vary(const char *text)
{
    static char out[1024];
    size_t n_models;
    const sim_model_ops *const *models = hv_registry(&n_models);
    sweep_axis a;
    char why[256];
    if (sweep_axis_parse(text, models, n_models, &a, why, sizeof why) != 0) {
        snprintf(out, sizeof out, "ERROR: %s", why);
        return out;
    }
    out[0] = '\0';
    for (size_t i = 0; i < a.n; i++) {
        size_t used = strlen(out);
        snprintf(out + used, sizeof out - used, "%s%s", i ? " " : "", a.values[i]);
    }
    sweep_axis_free(&a);
    return out;
}

static void test_vary_list_keeps_each_value_as_written(void **state)
{
    (void)state;
    assert_string_equal(vary("uvm.vm_idle_timeout=30s,1min,0.5h"), "30s 1min 0.5h");
    assert_string_equal(vary("vnic.mode=nat,mirrored"), "nat mirrored");
    assert_string_equal(vary("files=7"), "7");
}

static void test_vary_range_writes_values_in_the_largest_exact_unit(void **state)
{
    (void)state;
    assert_string_equal(vary("uvm.vm_idle_timeout=30s..2min:30s"), "30s 60s 90s 120s");
    assert_string_equal(vary("uvm.vm_idle_timeout=1s..2s:500ms"), "1000ms 1500ms 2000ms");
    assert_string_equal(vary("uvm.vm_idle_timeout=1min..3min:1min"), "1min 2min 3min");
    assert_string_equal(vary("uvm.host_idle_footprint=256MiB..1GiB:256MiB"),
                        "256MiB 512MiB 768MiB 1024MiB");
    /* A scenario param is untyped: the first kind that reads all three. */
    assert_string_equal(vary("files=10..50:20"), "10 30 50");
    assert_string_equal(vary("size=1GB..3GB:1GB"), "1GB 2GB 3GB");
    assert_string_equal(vary("share=25%..75%:25%"), "25% 50% 75%");
    assert_string_equal(vary("share=0.1..0.3:0.1"), "0.1 0.2 0.3");
    /* The end need not be on a step. */
    assert_string_equal(vary("files=1..10:4"), "1 5 9");
}

static void assert_refused(const char *text, const char *why)
{
    const char *got = vary(text);
    if (strncmp(got, "ERROR: ", 7) != 0 || !strstr(got, why))
        fail_msg("--vary %s: got '%s', want an error with '%s'", text, got, why);
}

static void test_vary_refuses_bad_ranges_and_lists_with_a_reason(void **state)
{
    (void)state;
    assert_refused("uvm.vm_idle_timeout", "is not KEY=V1,V2");
    assert_refused("=1,2", "is not KEY=V1,V2");
    assert_refused("files=", "no values after 'files='");
    assert_refused("files=1,,2", "empty value");
    assert_refused("files=1..5", "a range needs a step");
    assert_refused("files=1..5:0", "step of a range must be above zero");
    assert_refused("files=5..1:1", "ends (1) before it starts (5)");
    assert_refused("files=1..5s:1", "cannot read 1..5s:1");
    assert_refused("uvm.vm_idle_timeout=1..5:1", "bad start '1' of the range: missing unit");
    assert_refused("vnic.mode=nat..mirrored:1", "vnic.mode is enum: a range needs a number");
    assert_refused("files=0..1000000:1", "more than 100000");
}

static void test_cross_product_varies_the_first_axis_slowest(void **state)
{
    (void)state;
    size_t n_models;
    const sim_model_ops *const *models = hv_registry(&n_models);
    sweep_spec s;
    memset(&s, 0, sizeof s);
    s.repeat = 2;
    sweep_axis a;
    char why[128];
    assert_int_equal(sweep_axis_parse("a=1,2", models, n_models, &a, why, sizeof why), 0);
    assert_int_equal(sweep_spec_add(&s, &a, why, sizeof why), 0);
    assert_int_equal(sweep_axis_parse("b=x,y,z", models, n_models, &a, why, sizeof why), 0);
    assert_int_equal(sweep_spec_add(&s, &a, why, sizeof why), 0);
    assert_int_equal(sweep_axis_parse("a=3", models, n_models, &a, why, sizeof why), 0);
    assert_int_equal(sweep_spec_add(&s, &a, why, sizeof why), -1);
    assert_non_null(strstr(why, "a is varied twice"));
    sweep_axis_free(&a);
    assert_int_equal(sweep_points(&s), 6);
    assert_int_equal(sweep_runs(&s), 12);
    const char *want[6][2] = {{"1", "x"}, {"1", "y"}, {"1", "z"}, {"2", "x"}, {"2", "y"}, {"2", "z"}};
    for (size_t p = 0; p < 6; p++) {
        assert_string_equal(sweep_value(&s, p, 0), want[p][0]);
        assert_string_equal(sweep_value(&s, p, 1), want[p][1]);
    }
    sweep_spec_free(&s);
}

/* The documented formula, written out again with its own splitmix64. */
static uint64_t ref_mix(uint64_t x)
{
    uint64_t z = x + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static void test_seed_is_splitmix64_over_base_point_and_repetition(void **state)
{
    (void)state;
    sweep_spec s;
    memset(&s, 0, sizeof s);
    s.base_seed = 7;
    for (uint64_t p = 0; p < 4; p++)
        for (uint64_t r = 0; r < 3; r++) {
            uint64_t want = ref_mix(ref_mix(ref_mix(7) ^ p) ^ r) & 0x7fffffffffffffffULL;
            assert_true(sweep_seed(&s, p, r) == want);
        }
    assert_true(sweep_seed(&s, 0, 0) != sweep_seed(&s, 1, 0));
    assert_true(sweep_seed(&s, 0, 0) != sweep_seed(&s, 0, 1));
    s.common_seeds = 1; /* common random numbers: the point does not count */
    assert_true(sweep_seed(&s, 0, 1) == sweep_seed(&s, 3, 1));
    assert_true(sweep_seed(&s, 0, 0) != sweep_seed(&s, 0, 1));
}

/* --- the JSON reader ------------------------------------------------------- */

static void test_json_reader_keeps_number_text_and_decodes_strings(void **state)
{
    (void)state;
    const char *text = " {\"n\": -12.50e+3, \"big\": 18446744073709551615, \"s\": \"a\\\"b\\u00e9"
                       "\\ud83d\\ude00\\n\", \"a\": [true, false, null, {}], \"o\": {\"k\": 1}} ";
    cj_value *v = NULL;
    cj_error err;
    assert_int_equal(cj_parse(text, strlen(text), &v, &err), 0);
    assert_string_equal(cj_get(v, "n")->text, "-12.50e+3");
    assert_string_equal(cj_get(v, "big")->text, "18446744073709551615");
    assert_string_equal(cj_get_string(v, "s"), "a\"b\xc3\xa9\xf0\x9f\x98\x80\n");
    const cj_value *a = cj_get(v, "a");
    assert_int_equal(a->n, 4);
    assert_int_equal(a->items[0].kind, CJ_TRUE);
    assert_int_equal(a->items[2].kind, CJ_NULL);
    assert_int_equal(a->items[3].kind, CJ_OBJECT);
    long long k = 0;
    assert_int_equal(cj_get_int(cj_get(v, "o"), "k", &k), 0);
    assert_int_equal(k, 1);
    assert_int_equal(cj_get_int(v, "n", &k), -1);  /* not an integer */
    assert_null(cj_get(v, "missing"));
    cj_free(v);
}

static void assert_json_error(const char *text, int line, int col, const char *what)
{
    cj_value *v = NULL;
    cj_error err;
    assert_int_equal(cj_parse(text, strlen(text), &v, &err), -1);
    assert_null(v);
    if (err.line != line || err.col != col || !strstr(err.what, what))
        fail_msg("'%s': got %d:%d %s, want %d:%d %s", text, err.line, err.col, err.what, line, col,
                 what);
}

static void test_json_reader_refuses_bad_text_with_line_and_column(void **state)
{
    (void)state;
    assert_json_error("", 1, 1, "unexpected end");
    assert_json_error("{\"a\": 1,}", 1, 9, "expected a member name");
    assert_json_error("[1,\n 2 3]", 2, 4, "expected ',' or ']'");
    assert_json_error("01", 1, 2, "text after the value");
    assert_json_error("\"abc", 1, 1, "unterminated string");
    assert_json_error("\"\\x\"", 1, 3, "bad escape");
    assert_json_error("tru", 1, 1, "unexpected 't'");
    assert_json_error("-", 1, 1, "bad number");
    assert_json_error("1.", 1, 1, "no digit after '.'");
    char deep[200];
    memset(deep, '[', 100);
    deep[100] = '\0';
    assert_json_error(deep, 1, 66, "nested deeper than 64");
}

/* --- through the binary ------------------------------------------------------ */

static char *tmp;  /* one directory for the whole group */

static int group_setup(void **state)
{
    (void)state;
    tmp = hv_tmpdir();
    return tmp ? 0 : -1;
}

static void rm_tree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

static int group_teardown(void **state)
{
    (void)state;
    rm_tree(tmp);
    free(tmp);
    return 0;
}

static char *path_in(const char *name)
{
    static char buf[8][4096];
    static int k;
    char *p = buf[k++ % 8];
    snprintf(p, 4096, "%s/%s", tmp, name);
    return p;
}

static size_t count_lines(const char *text)
{
    size_t n = 0;
    for (; *text; text++) n += *text == '\n';
    return n;
}

/* The sweep of the done-when into csv at -j jobs. */
static void idle_sweep(const char *jobs, const char *csv)
{
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", IDLE, "--vary", "uvm.vm_idle_timeout=30s,60s,120s", "-j",
                              jobs, "--csv", csv, NULL),
                     0);
    /* 120 s outlasts the scenario's expectations of a stopped VM at 90 s. */
    if (r.status != 1) fail_msg("sweep -j %s: status %d: %s", jobs, r.status, r.err);
    assert_string_equal(r.err, ""); /* no progress bar when stderr is not a terminal */
    assert_non_null(strstr(r.out, "3 runs, 2 exited 0, 1 did not"));
    hv_result_free(&r);
}

static void test_sweep_gives_the_same_csv_at_j1_and_j2_one_row_per_value(void **state)
{
    (void)state;
    idle_sweep("2", path_in("a.csv"));
    idle_sweep("1", path_in("b.csv"));
    char *a = hv_read_file(path_in("a.csv"), NULL), *b = hv_read_file(path_in("b.csv"), NULL);
    assert_non_null(a);
    assert_non_null(b);
    assert_string_equal(a, b);
    /* -j3 in one word, as make and parallel take it. */
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", IDLE, "--vary", "uvm.vm_idle_timeout=30s,60s,120s",
                              "-j3", "--csv", path_in("c.csv"), NULL),
                     0);
    assert_int_equal(r.status, 1);
    hv_result_free(&r);
    char *c = hv_read_file(path_in("c.csv"), NULL);
    assert_non_null(c);
    assert_string_equal(a, c);
    free(c);
    assert_int_equal(count_lines(a), 4);
    assert_non_null(strstr(a, "run,uvm.vm_idle_timeout,repetition,seed,exit_status,passed,failed,"
                              "fingerprint,host.ram,"));
    assert_non_null(strstr(a, "\n1,30s,1,"));
    assert_non_null(strstr(a, "\n2,60s,1,"));
    assert_non_null(strstr(a, "\n3,120s,1,"));
    /* The VM stays up past 90 s only at 120 s: 7 of 17 expectations fail. */
    assert_non_null(strstr(a, ",0,17,0,"));
    assert_non_null(strstr(a, ",1,10,7,"));
    free(a);
    free(b);
}

/* Field `col` (0-based) of CSV line `line` (0 = header) of text. */
static void csv_field(const char *text, int line, int col, char *out, size_t cap)
{
    const char *p = text;
    for (int l = 0; l < line && p; l++) p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL;
    assert_non_null(p);
    for (int c = 0; c < col; c++) {
        p = strpbrk(p, ",\n");
        assert_true(p && *p == ',');
        p++;
    }
    size_t n = strcspn(p, ",\n");
    assert_true(n < cap);
    memcpy(out, p, n);
    out[n] = '\0';
}

static void test_a_row_is_what_a_plain_run_with_its_seed_and_values_gives(void **state)
{
    (void)state;
    char *a = hv_read_file(path_in("a.csv"), NULL);
    assert_non_null(a);
    char seed[32], fp[32], hex[17];
    csv_field(a, 2, 3, seed, sizeof seed);
    csv_field(a, 2, 7, fp, sizeof fp);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "run", IDLE, "--seed", seed, "--set", "uvm.vm_idle_timeout=60s",
                              NULL),
                     0);
    assert_int_equal(r.status, 0);
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    assert_string_equal(hex, fp);
    hv_result_free(&r);
    free(a);
}

static void write_jobs(const char *dir, const char *slurm)
{
    char jobs[4200];
    snprintf(jobs, sizeof jobs, "%s/jobs.txt", dir);
    assert_int_equal(mkdir(dir, 0755), 0);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", IDLE, "--vary", "uvm.vm_idle_timeout=30s,60s,120s",
                              "--jobs-file", jobs, slurm ? "--slurm" : NULL, slurm, NULL),
                     0);
    if (r.status != 0) fail_msg("sweep --jobs-file: %d: %s", r.status, r.err);
    hv_result_free(&r);
    char *text = hv_read_file(jobs, NULL);
    assert_non_null(text);
    assert_int_equal(count_lines(text), 3);
    assert_non_null(strstr(text, " run "));
    assert_non_null(strstr(text, "--set uvm.vm_idle_timeout=120s --json "));
    assert_non_null(strstr(text, "/run-0003.json\n"));
    free(text);
}

static void merge_and_compare(const char *dir)
{
    char *out = path_in("merged.csv");
    unlink(out);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "merge", dir, "--csv", out, NULL), 0);
    if (r.status != 1) fail_msg("merge: status %d: %s", r.status, r.err);
    hv_result_free(&r);
    char *a = hv_read_file(path_in("a.csv"), NULL), *m = hv_read_file(out, NULL);
    assert_non_null(a);
    assert_non_null(m);
    assert_string_equal(m, a);
    free(a);
    free(m);
}

static void test_jobs_file_run_by_gnu_parallel_and_merged_gives_the_local_csv(void **state)
{
    (void)state;
    char *dir = path_in("jobs-parallel");
    write_jobs(dir, NULL);
    char *which[] = {"/bin/sh", "-c", "command -v parallel", NULL};
    hv_result r;
    assert_int_equal(hv_spawn(which, &r), 0);
    if (r.status != 0) fail_msg("GNU parallel is not installed: run scripts/install-deps.sh");
    hv_result_free(&r);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "parallel --will-cite -j 2 < '%s/jobs.txt' > /dev/null", dir);
    char *sh[] = {"/bin/sh", "-c", cmd, NULL};
    assert_int_equal(hv_spawn(sh, &r), 0);
    /* parallel's status is the number of failed jobs: the 120 s run's. */
    if (r.status != 1) fail_msg("parallel: status %d: %s", r.status, r.err);
    hv_result_free(&r);
    merge_and_compare(dir);
}

static void test_slurm_script_run_task_by_task_and_merged_gives_the_local_csv(void **state)
{
    (void)state;
    char *dir = path_in("jobs-slurm"), script[4200];
    snprintf(script, sizeof script, "%s/array.sh", dir);
    write_jobs(dir, script);
    char *text = hv_read_file(script, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "#SBATCH --array=1-3\n"));
    free(text);
    /* What Slurm does: one task per array index, SLURM_ARRAY_TASK_ID set. */
    for (int task = 1; task <= 3; task++) {
        char cmd[4400];
        snprintf(cmd, sizeof cmd, "SLURM_ARRAY_TASK_ID=%d bash '%s' > /dev/null", task, script);
        char *sh[] = {"/bin/sh", "-c", cmd, NULL};
        hv_result r;
        assert_int_equal(hv_spawn(sh, &r), 0);
        if (r.status != (task == 3)) fail_msg("task %d: status %d: %s", task, r.status, r.err);
        hv_result_free(&r);
    }
    merge_and_compare(dir);
}

static void test_sweep_json_holds_every_run_whole_result(void **state)
{
    (void)state;
    char *json = path_in("s.json");
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", BOOT, "--vary", "uvm.kernel_boot=300ms..900ms:300ms",
                              "--repeat", "2", "-j", "2", "--json", json, NULL),
                     0);
    if (r.status != 0 && r.status != 1) fail_msg("sweep: %d: %s", r.status, r.err);
    /* Only --json was asked for: no CSV on stdout, only the one-line summary. */
    assert_non_null(strstr(r.out, "hvsim sweep: 6 runs,"));
    assert_int_equal(count_lines(r.out), 1);
    hv_result_free(&r);
    size_t len = 0;
    char *text = hv_read_file(json, &len);
    assert_non_null(text);
    assert_true(hv_json_valid(text, len, '{'));
    cj_value *v = NULL;
    cj_error err;
    assert_int_equal(cj_parse(text, len, &v, &err), 0);
    const cj_value *runs = cj_get(v, "runs");
    assert_int_equal(runs->n, 6);
    const cj_value *last = &runs->items[5];
    assert_string_equal(cj_get_string(cj_get(last, "values"), "uvm.kernel_boot"), "900ms");
    long long rep = 0;
    assert_int_equal(cj_get_int(last, "repetition", &rep), 0);
    assert_int_equal(rep, 2);
    const cj_value *result = cj_get(last, "result");
    assert_non_null(cj_get_string(result, "fingerprint"));
    assert_non_null(cj_get(result, "narration"));
    cj_free(v);
    free(text);
}

static void test_sweep_bad_values_exit_2_and_write_nothing(void **state)
{
    (void)state;
    char *csv = path_in("bad.csv");
    const char *cases[][2] = {
        {"uvm.vm_idle_timeout=30s,2h", "2h"},              /* above the parameter's maximum */
        {"uvm.no_such=1,2", "no_such"},                     /* unknown parameter */
        {"uvm.vm_idle_timeout=30s..10s:1s", "before it starts"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hv_result r;
        assert_int_equal(hv_hvsim(&r, "sweep", IDLE, "--vary", cases[i][0], "--csv", csv, NULL), 0);
        if (r.status != 2 || !strstr(r.err, "error:") || !strstr(r.err, cases[i][1]))
            fail_msg("--vary %s: status %d, stderr: %s", cases[i][0], r.status, r.err);
        assert_false(hv_exists(csv));
        hv_result_free(&r);
    }
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", IDLE, "--vary", "uvm.vm_idle_timeout=30s", "--slurm",
                              path_in("a.sh"), NULL),
                     0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "--slurm needs --jobs-file"));
    hv_result_free(&r);
}

static void test_ctrl_c_stops_the_sweep_and_keeps_the_finished_rows(void **state)
{
    (void)state;
    char *csv = path_in("int.csv");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl(HVSIM_BIN, HVSIM_BIN, "sweep", BOOT, "--repeat", "100000", "-j", "2", "--csv", csv,
              (char *)NULL);
        _exit(127);
    }
    struct timespec pause = {0, 800 * 1000 * 1000};
    nanosleep(&pause, NULL);
    kill(pid, SIGINT);
    int st = 0;
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 130);
    char *text = hv_read_file(csv, NULL);
    assert_non_null(text);
    size_t rows = count_lines(text) - 1;
    assert_true(rows < 100000);
    /* Every row is whole (a fingerprint), and rows are in run order. */
    long last = 0;
    for (size_t i = 1; i <= rows; i++) {
        char run[32], fp[32];
        csv_field(text, (int)i, 0, run, sizeof run);
        csv_field(text, (int)i, 6, fp, sizeof fp);
        assert_int_equal(strlen(fp), 16);
        assert_true(atol(run) > last);
        last = atol(run);
    }
    assert_int_equal(hv_count_entries(tmp, ".tmp."), 0);
    free(text);
}

/* --- merge's bad inputs --------------------------------------------------- */

static void copy_file(const char *from, const char *to)
{
    size_t len = 0;
    char *text = hv_read_file(from, &len);
    assert_non_null(text);
    FILE *f = fopen(to, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(text);
}

static void merge_refuses(const char *dir, const char *expected, const char *name)
{
    char *out = path_in("never.csv");
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "merge", dir, "--csv", out, NULL), 0);
    if (r.status != 2 || !strstr(r.err, expected))
        fail_msg("%s: status %d, stderr:\n%s\nwant '%s'", name, r.status, r.err, expected);
    assert_false(hv_exists(out));
    hv_result_free(&r);
}

static void test_merge_refuses_every_bad_fixture_with_its_message(void **state)
{
    (void)state;
    static hv_fixture fx[64];
    int n_man = hv_list_fixtures(MERGE_BAD, "manifest-", ".json", fx, 32);
    int n_res = hv_list_fixtures(MERGE_BAD, "result-", ".json", fx + n_man, 32);
    assert_true(n_man >= 5 && n_res >= 5);
    for (int i = 0; i < n_man + n_res; i++) {
        if (!fx[i].expected[0]) fail_msg("%s has no .expected", fx[i].name);
        char *dir = hv_tmpdir(), to[4200];
        assert_non_null(dir);
        snprintf(to, sizeof to, "%s/sweep.json", dir);
        copy_file(i < n_man ? fx[i].path : MERGE_BAD "/valid.manifest", to);
        if (i >= n_man) {
            snprintf(to, sizeof to, "%s/run-0001.json", dir);
            copy_file(fx[i].path, to);
        }
        merge_refuses(dir, fx[i].expected, fx[i].name);
        hv_rmdir(dir);
        free(dir);
    }
}

static void test_merge_names_the_runs_without_a_result(void **state)
{
    (void)state;
    char *dir = path_in("jobs-missing");
    write_jobs(dir, NULL);
    merge_refuses(dir, "3 of 3 runs have no result in", "no results");
    merge_refuses(path_in("no-such-dir"), "sweep.json: error: cannot read", "no manifest");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vary_list_keeps_each_value_as_written),
        cmocka_unit_test(test_vary_range_writes_values_in_the_largest_exact_unit),
        cmocka_unit_test(test_vary_refuses_bad_ranges_and_lists_with_a_reason),
        cmocka_unit_test(test_cross_product_varies_the_first_axis_slowest),
        cmocka_unit_test(test_seed_is_splitmix64_over_base_point_and_repetition),
        cmocka_unit_test(test_json_reader_keeps_number_text_and_decodes_strings),
        cmocka_unit_test(test_json_reader_refuses_bad_text_with_line_and_column),
        cmocka_unit_test(test_sweep_gives_the_same_csv_at_j1_and_j2_one_row_per_value),
        cmocka_unit_test(test_a_row_is_what_a_plain_run_with_its_seed_and_values_gives),
        cmocka_unit_test(test_jobs_file_run_by_gnu_parallel_and_merged_gives_the_local_csv),
        cmocka_unit_test(test_slurm_script_run_task_by_task_and_merged_gives_the_local_csv),
        cmocka_unit_test(test_sweep_json_holds_every_run_whole_result),
        cmocka_unit_test(test_sweep_bad_values_exit_2_and_write_nothing),
        cmocka_unit_test(test_ctrl_c_stops_the_sweep_and_keeps_the_finished_rows),
        cmocka_unit_test(test_merge_refuses_every_bad_fixture_with_its_message),
        cmocka_unit_test(test_merge_names_the_runs_without_a_result),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
