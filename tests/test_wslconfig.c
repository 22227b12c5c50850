/* test_wslconfig.c: real-looking .wslconfig files onto the models'
 * parameters.  The good fixtures in tests/wslconfig/ load (with the warnings
 * a user should see); every bad-NAME.wslconfig fails with the location and
 * message in bad-NAME.expected ("LINE:COL: error: text"), through the
 * library and through `hvsim run --wslconfig` (exit status 2, no output
 * file).  Values follow WSL's conventions: binary sizes, bare milliseconds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_harness.h"
#include "registry.h"
#include "scenario.h"
#include "wslconfig.h"

#define FIX_DIR HVSIM_SOURCE_DIR "/tests/wslconfig"

typedef struct loaded {
    sim_wslconfig w;
    sim_diag_list diags;
    int rc;
} loaded;

static void load(loaded *l, const char *file)
{
    char path[4096];
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    snprintf(path, sizeof path, "%s/%s", FIX_DIR, file);
    sim_diag_list_init(&l->diags);
    l->rc = sim_wslconfig_load(path, models, n, &l->w, &l->diags);
}

static void unload(loaded *l)
{
    sim_wslconfig_free(&l->w);
    sim_diag_list_free(&l->diags);
}

/* The --set form of the item for model.param, or NULL. */
static const char *set_of(const loaded *l, const char *model_param)
{
    size_t n = strlen(model_param);
    for (size_t i = 0; i < l->w.n; i++)
        if (strncmp(l->w.items[i].set, model_param, n) == 0 && l->w.items[i].set[n] == '=')
            return l->w.items[i].set + n + 1;
    return NULL;
}

static void has(const loaded *l, const char *model_param, const char *text)
{
    const char *v = set_of(l, model_param);
    if (!v || strcmp(v, text) != 0) fail_msg("%s = %s, want %s", model_param, v ? v : "(none)", text);
}

/* A warning on line `line` whose message contains want. */
static void warns(const loaded *l, int line, const char *want)
{
    for (size_t i = 0; i < l->diags.len; i++)
        if (l->diags.items[i].severity == SIM_SEV_WARNING && l->diags.items[i].line == line &&
            strstr(l->diags.items[i].msg, want))
            return;
    fail_msg("no warning on line %d with '%s'", line, want);
}

static void test_wslconfig_a_developer_file_loads_with_warnings_for_what_is_not_modelled(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-developer.wslconfig");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.diags.n_errors, 0);
    has(&l, "mem.memory", "8589934592B");        /* 8GB as WSL reads it: 8 GiB */
    has(&l, "mem.processors", "4");
    has(&l, "mem.swap", "2147483648B");
    has(&l, "mem.page_reporting", "true");
    has(&l, "vnic.localhost_forwarding", "true");
    has(&l, "uvm.vm_idle_timeout", "120000ms");  /* bare milliseconds */
    has(&l, "mem.auto_memory_reclaim", "gradual");
    has(&l, "vdisk.sparse", "true");
    warns(&l, 15, "'swapFile' is a real WSL setting that hvsim does not simulate");
    warns(&l, 25, "'nestedVirtualization' is a real WSL setting");
    warns(&l, 31, "unknown key 'memroy' in [wsl2]: ignored; did you mean 'memory'?");
    assert_int_equal(l.diags.n_warnings, 3);
    assert_int_equal(l.w.items[0].line, 6);
    assert_int_equal(l.w.items[0].col, 8);
    unload(&l);
}

static void test_wslconfig_a_notepad_file_with_bom_crlf_and_any_case_loads(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-notepad-crlf-bom.wslconfig");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.diags.len, 0);
    has(&l, "mem.memory", "12884901888B");
    has(&l, "mem.swap", "0B");
    has(&l, "mem.processors", "6");
    has(&l, "vnic.mode", "mirrored");
    has(&l, "vnic.dns_tunneling", "True");
    has(&l, "mem.auto_memory_reclaim", "dropcache"); /* matched case-insensitively later */
    unload(&l);
}

static void test_wslconfig_sizes_in_megabytes_and_plain_bytes(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-docker-desktop.wslconfig");
    assert_int_equal(l.rc, 0);
    has(&l, "mem.memory", "6442450944B");  /* 6144MB = 6 GiB */
    has(&l, "mem.swap", "1073741824B");
    has(&l, "mem.auto_memory_reclaim", "disabled");
    warns(&l, 6, "'kernelCommandLine' is a real WSL setting");
    unload(&l);
}

static void test_wslconfig_values_follow_wsl_conventions(void **st)
{
    (void)st;
    char out[64], why[256];
    static const struct { const char *in; const char *out; } sizes[] = {
        {"0", "0B"}, {"1", "1B"}, {"1B", "1B"}, {"1K", "1024B"}, {"1KB", "1024B"},
        {"2M", "2097152B"}, {"100MB", "104857600B"}, {"9G", "9663676416B"},
        {"44GB", "47244640256B"}, {"1TB", "1099511627776B"}, {"2t", "2199023255552B"},
        {"8gb", "8589934592B"}, {"4GiB", "4294967296B"}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        assert_int_equal(sim_wslconfig_value(sizes[i].in, SIM_T_BYTES, out, sizeof out, why, sizeof why), 0);
        assert_string_equal(out, sizes[i].out);
    }
    static const char *const bad_sizes[] = {"1 B", "", "foo", "1.5GB", "-1", "8GBs", "99999999999TB"};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++)
        assert_int_equal(sim_wslconfig_value(bad_sizes[i], SIM_T_BYTES, out, sizeof out, why, sizeof why), -1);
    assert_int_equal(sim_wslconfig_value("60000", SIM_T_DURATION, out, sizeof out, why, sizeof why), 0);
    assert_string_equal(out, "60000ms");
    assert_int_equal(sim_wslconfig_value("60s", SIM_T_DURATION, out, sizeof out, why, sizeof why), -1);
    assert_int_equal(sim_wslconfig_value("TRUE", SIM_T_BOOL, out, sizeof out, why, sizeof why), 0);
    assert_int_equal(sim_wslconfig_value("1", SIM_T_BOOL, out, sizeof out, why, sizeof why), -1);
    assert_int_equal(sim_wslconfig_value("4x", SIM_T_COUNT, out, sizeof out, why, sizeof why), -1);
}

static void test_wslconfig_unknown_sections_and_stray_keys_are_warnings(void **st)
{
    (void)st;
    static const char text[] = "swap=0\n[boot]\nsystemd=true\n[wsl2]\nmemory=2GB\nmemory=3GB\n";
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    sim_wslconfig w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(sim_wslconfig_parse("x.wslconfig", text, sizeof text - 1, models, n, &w, &d), 0);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 3);
    assert_non_null(strstr(d.items[0].msg, "outside any section"));
    assert_non_null(strstr(d.items[1].msg, "unknown section [boot]"));
    assert_non_null(strstr(d.items[2].msg, "set twice (first at line 5): the last value wins"));
    assert_int_equal(w.n, 1);
    assert_string_equal(w.items[0].set, "mem.memory=3221225472B");
    sim_wslconfig_free(&w);
    sim_diag_list_free(&d);
}

/* --- every bad fixture -------------------------------------------------------- */

static void test_wslconfig_every_bad_fixture_fails_at_its_location(void **st)
{
    (void)st;
    hv_fixture fx[64];
    int n = hv_list_fixtures(FIX_DIR, "bad-", ".wslconfig", fx, 64);
    assert_true(n >= 8);
    for (int i = 0; i < n; i++) {
        if (!fx[i].expected[0]) fail_msg("%s has no .expected", fx[i].name);
        char want[900], text[2048];
        const char *file = fx[i].file;
        loaded l;
        load(&l, file);
        assert_int_equal(l.rc, -1);
        assert_true(l.diags.n_errors >= 1);
        size_t k = 0;
        while (l.diags.items[k].severity != SIM_SEV_ERROR) k++;
        sim_diag_format(&l.diags.items[k], text, sizeof text);
        snprintf(want, sizeof want, "%s:%s", file, fx[i].expected);
        if (!strstr(text, want)) fail_msg("%s: got\n%s\nwant '%s'", fx[i].name, text, want);
        unload(&l);
    }
}


/* --- in a scenario, and on the command line ----------------------------------- */

static int64_t param(sim_engine *e, const char *model, const char *name)
{
    int m = sim_engine_find_model(e, model);
    assert_true(m >= 0);
    int i = sim_model_find_param(sim_engine_model_ops(e, m), name);
    assert_true(i >= 0);
    return sim_engine_param(e, m, i).i;
}

static int load_scenario(const char *text, scn_scenario **s, sim_diag_list *d)
{
    scn_options opt;
    memset(&opt, 0, sizeof opt);
    opt.models = hv_registry(&opt.n_models);
    sim_diag_list_init(d);
    return scn_load_text("w.hvs", text, strlen(text), &opt, s, d);
}

static void test_wslconfig_file_statement_sets_parameters_and_later_lines_win(void **st)
{
    (void)st;
    const char *text = "wslconfig file \"" FIX_DIR "/good-developer.wslconfig\"\n"
                       "set mem.processors = 2\n"
                       "at 0s uvm.start\n";
    scn_scenario *s = NULL;
    sim_diag_list d;
    assert_int_equal(load_scenario(text, &s, &d), 0);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 3);           /* memroy, swapFile, nestedVirtualization */
    assert_string_equal(d.items[d.len - 1].file, "w.hvs"); /* a note: read here */
    assert_int_equal(d.items[d.len - 1].line, 1);
    sim_engine *e = NULL;
    int director;
    assert_int_equal(scn_instantiate(s, NULL, &e, &director, &d), 0);
    assert_int_equal(param(e, "mem", "memory"), 8 * SIM_GiB);
    assert_int_equal(param(e, "mem", "swap"), 2 * SIM_GiB);
    assert_int_equal(param(e, "mem", "processors"), 2);       /* the later `set` wins */
    assert_int_equal(param(e, "mem", "auto_memory_reclaim"), 1); /* gradual */
    assert_int_equal(param(e, "uvm", "vm_idle_timeout"), 120 * SIM_S);
    sim_engine_free(e);
    scn_free(s);
    sim_diag_list_free(&d);
}

static void test_wslconfig_file_statement_reports_the_file_location_of_a_bad_value(void **st)
{
    (void)st;
    const char *text = "title \"t\"\nwslconfig file \"" FIX_DIR "/bad-enum-typo.wslconfig\"\n";
    scn_scenario *s = NULL;
    sim_diag_list d;
    assert_int_equal(load_scenario(text, &s, &d), -1);
    assert_null(s);
    assert_int_equal(d.n_errors, 1);
    const sim_diag *e = &d.items[0];
    assert_non_null(strstr(e->file, "bad-enum-typo.wslconfig"));
    assert_int_equal(e->line, 5);
    assert_int_equal(e->col, 19);
    sim_diag_list_free(&d);
}

static void test_wslconfig_file_statement_with_a_missing_file_points_at_the_statement(void **st)
{
    (void)st;
    const char *text = "title \"t\"\nwslconfig file \"no/such.wslconfig\"\n";
    scn_scenario *s = NULL;
    sim_diag_list d;
    assert_int_equal(load_scenario(text, &s, &d), -1);
    assert_int_equal(d.items[0].severity, SIM_SEV_ERROR);
    assert_string_equal(d.items[0].file, "w.hvs");
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 16);
    assert_non_null(strstr(d.items[0].msg, "cannot read .wslconfig"));
    sim_diag_list_free(&d);
}

static const char cap_scenario[] =
    "title \"cap\"\n"
    "at 0s uvm.start\n"
    "at 3s say \"booted\"\n"
    "expect mem.cap == 8GiB\n"
    "at 4s uvm.shutdown\n";

static void test_wslconfig_option_applies_the_file_and_warns_about_unknown_keys(void **st)
{
    (void)st;
    char *dir = hv_tmpdir(), scn[4096];
    snprintf(scn, sizeof scn, "%s/cap.hvs", dir);
    assert_int_equal(hv_write_file(scn, cap_scenario), 0);
    hv_result r;
    hv_hvsim(&r, "run", scn, NULL);
    assert_int_equal(r.status, 1);             /* 16 GiB by default: the expectation fails */
    hv_result_free(&r);
    hv_hvsim(&r, "run", scn, "--wslconfig", FIX_DIR "/good-developer.wslconfig", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "good-developer.wslconfig:31:1: warning: unknown key 'memroy'"));
    hv_result_free(&r);
    hv_hvsim(&r, "check", scn, "--wslconfig", FIX_DIR "/good-notepad-crlf-bom.wslconfig", NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

static void test_wslconfig_option_with_a_bad_file_exits_2_with_its_location_and_writes_nothing(void **st)
{
    (void)st;
    char *dir = hv_tmpdir(), scn[4096], csv[4096];
    snprintf(scn, sizeof scn, "%s/cap.hvs", dir);
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    assert_int_equal(hv_write_file(scn, cap_scenario), 0);
    hv_result r;
    hv_hvsim(&r, "run", scn, "--csv", csv, "--wslconfig", FIX_DIR "/bad-bool-yes.wslconfig", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "bad-bool-yes.wslconfig:2:15: error: invalid value for pageReporting"));
    assert_false(hv_exists(csv));
    hv_result_free(&r);
    hv_hvsim(&r, "run", scn, "--wslconfig", "/no/such/file.wslconfig", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "error: cannot read .wslconfig"));
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wslconfig_a_developer_file_loads_with_warnings_for_what_is_not_modelled),
        cmocka_unit_test(test_wslconfig_a_notepad_file_with_bom_crlf_and_any_case_loads),
        cmocka_unit_test(test_wslconfig_sizes_in_megabytes_and_plain_bytes),
        cmocka_unit_test(test_wslconfig_values_follow_wsl_conventions),
        cmocka_unit_test(test_wslconfig_unknown_sections_and_stray_keys_are_warnings),
        cmocka_unit_test(test_wslconfig_every_bad_fixture_fails_at_its_location),
        cmocka_unit_test(test_wslconfig_file_statement_sets_parameters_and_later_lines_win),
        cmocka_unit_test(test_wslconfig_file_statement_reports_the_file_location_of_a_bad_value),
        cmocka_unit_test(test_wslconfig_file_statement_with_a_missing_file_points_at_the_statement),
        cmocka_unit_test(test_wslconfig_option_applies_the_file_and_warns_about_unknown_keys),
        cmocka_unit_test(test_wslconfig_option_with_a_bad_file_exits_2_with_its_location_and_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
