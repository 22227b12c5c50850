/* test_wslconfig.c: real-looking .wslconfig files onto the models'
 * parameters.  The good fixtures in tests/wslconfig/ load (with the warnings
 * a user should see); every bad-NAME.wslconfig fails with the location and
 * message in bad-NAME.expected ("LINE:COL: error: text"), through the
 * library and through `hvsim run --wslconfig` (exit status 2, no output
 * file).  Values follow WSL's conventions: binary sizes, bare milliseconds,
 * and arrive typed.  In a scenario, `wslconfig KEY=VALUE` and `wslconfig
 * file` are statements wsl/ adds to the language (wsl/statement.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_harness.h"
#include "common.h"
#include "keys.h"
#include "registry.h"
#include "scenario.h"
#include "wslconfig.h"

#define FIX_DIR HVSIM_SOURCE_DIR "/tests/wslconfig"

typedef struct loaded {
    wsl_config w;
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
    l->rc = wsl_config_load(path, models, n, &l->w, &l->diags);
}

static void unload(loaded *l)
{
    wsl_config_free(&l->w);
    sim_diag_list_free(&l->diags);
}

/* The item that sets model.param, or NULL. */
static const wsl_item *item_of(const wsl_config *w, const char *model, const char *param)
{
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t i = 0; i < w->n; i++) {
        const sim_model_ops *m = models[w->items[i].model];
        if (strcmp(m->name, model) == 0 && strcmp(m->params[w->items[i].param].name, param) == 0)
            return &w->items[i];
    }
    return NULL;
}

/* The item for model.param holds the integral value want. */
static void has(const loaded *l, const char *model, const char *param, int64_t want)
{
    const wsl_item *it = item_of(&l->w, model, param);
    if (!it) fail_msg("%s.%s is not set", model, param);
    if (it->v.i != want) fail_msg("%s.%s = %lld, want %lld", model, param, (long long)it->v.i, (long long)want);
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
    has(&l, "mem", "memory", 8 * SIM_GiB);        /* 8GB as WSL reads it: 8 GiB */
    has(&l, "mem", "processors", 4);
    has(&l, "mem", "swap", 2 * SIM_GiB);
    has(&l, "mem", "page_reporting", 1);
    has(&l, "vnic", "localhost_forwarding", 1);
    has(&l, "uvm", "vm_idle_timeout", 120 * SIM_S); /* bare milliseconds */
    has(&l, "mem", "auto_memory_reclaim", 1);       /* gradual */
    has(&l, "vdisk", "sparse", 1);
    warns(&l, 15, "'swapFile' is a real WSL setting that hvsim does not simulate");
    warns(&l, 25, "'nestedVirtualization' is a real WSL setting");
    warns(&l, 31, "unknown key 'memroy' in [wsl2]: ignored; did you mean 'memory'?");
    assert_int_equal(l.diags.n_warnings, 3);
    assert_int_equal(l.w.items[0].line, 6);
    assert_int_equal(l.w.items[0].col, 8);
    unload(&l);
}

static void test_wslconfig_every_documented_key_loads_with_warnings_only(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-every-documented-key.wslconfig");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.diags.n_errors, 0);
    for (size_t i = 0; i < l.diags.len; i++)
        assert_non_null(strstr(l.diags.items[i].msg, "not simulate"));
    has(&l, "vnic", "mode", 2);                      /* mirrored */
    has(&l, "vnic", "firewall", 1);                  /* true */
    has(&l, "vnic", "dns_tunneling", 1);
    has(&l, "vnic", "dns_tunnel_ip", 0x0AFFFFFE);    /* 10.255.255.254 */
    has(&l, "vdisk", "max_size", SIM_TiB);
    warns(&l, 5, "'kernel' is a real WSL setting");
    warns(&l, 34, "'hostAddressLoopback' is a real WSL setting");
    unload(&l);
    /* and through the command line: exit 0 */
    hv_result r;
    hv_hvsim(&r, "check", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", "--wslconfig",
             FIX_DIR "/good-every-documented-key.wslconfig", NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
}

static void test_wslconfig_every_networking_mode_wsl_accepts_loads(void **st)
{
    (void)st;
    static const char *const modes[] = {"none", "nat", "NAT", "mirrored", "virtioproxy",
                                        "bridged", "consomme"};
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        char text[64];
        wsl_config w;
        sim_diag_list d;
        sim_diag_list_init(&d);
        int len = snprintf(text, sizeof text, "[wsl2]\nnetworkingMode=%s\n", modes[i]);
        assert_int_equal(wsl_config_parse("m.wslconfig", text, (size_t)len, models, n, &w, &d), 0);
        assert_int_equal(d.n_errors, 0);
        int partly = i >= 4;                         /* accepted, run as nat, said so */
        assert_int_equal(d.n_warnings, partly);
        if (partly) assert_non_null(strstr(d.items[0].msg, "not simulated"));
        if (i == 5) assert_non_null(strstr(d.items[0].msg, "deprecated"));
        wsl_config_free(&w);
        sim_diag_list_free(&d);
    }
}

static void test_wslconfig_a_notepad_file_with_bom_crlf_and_any_case_loads(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-notepad-crlf-bom.wslconfig");
    assert_int_equal(l.rc, 0);
    assert_int_equal(l.diags.len, 0);
    has(&l, "mem", "memory", 12 * SIM_GiB);
    has(&l, "mem", "swap", 0);
    has(&l, "mem", "processors", 6);
    has(&l, "vnic", "mode", 2);                  /* mirrored */
    has(&l, "vnic", "dns_tunneling", 1);         /* True */
    has(&l, "mem", "auto_memory_reclaim", 2);    /* dropcache: names match in any case */
    unload(&l);
}

static void test_wslconfig_sizes_in_megabytes_and_plain_bytes(void **st)
{
    (void)st;
    loaded l;
    load(&l, "good-docker-desktop.wslconfig");
    assert_int_equal(l.rc, 0);
    has(&l, "mem", "memory", 6 * SIM_GiB);  /* 6144MB = 6 GiB */
    has(&l, "mem", "swap", SIM_GiB);
    has(&l, "mem", "auto_memory_reclaim", 0); /* disabled */
    warns(&l, 6, "'kernelCommandLine' is a real WSL setting");
    unload(&l);
}

static void test_wslconfig_values_follow_wsl_conventions(void **st)
{
    (void)st;
    char why[256];
    sim_value v;
    static const struct { const char *in; int64_t bytes; } sizes[] = {
        {"0", 0}, {"1", 1}, {"1B", 1}, {"1K", 1024}, {"1KB", 1024},
        {"2M", 2 * SIM_MiB}, {"100MB", 100 * SIM_MiB}, {"9G", 9 * SIM_GiB},
        {"44GB", 44 * SIM_GiB}, {"1TB", SIM_TiB}, {"2t", 2 * SIM_TiB},
        {"8gb", 8 * SIM_GiB}, {"4GiB", 4 * SIM_GiB}};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        assert_int_equal(wsl_value(sizes[i].in, SIM_T_BYTES, NULL, &v, why, sizeof why), 0);
        assert_int_equal(v.i, sizes[i].bytes);
    }
    static const char *const bad_sizes[] = {"1 B", "", "foo", "1.5GB", "-1", "8GBs", "99999999999TB"};
    for (size_t i = 0; i < sizeof bad_sizes / sizeof bad_sizes[0]; i++)
        assert_int_equal(wsl_value(bad_sizes[i], SIM_T_BYTES, NULL, &v, why, sizeof why), -1);
    assert_int_equal(wsl_value("60000", SIM_T_DURATION, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 60 * SIM_S);
    assert_int_equal(wsl_value("60s", SIM_T_DURATION, NULL, &v, why, sizeof why), -1);
    assert_int_equal(wsl_value("TRUE", SIM_T_BOOL, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 1);
    assert_int_equal(wsl_value("False", SIM_T_BOOL, NULL, &v, why, sizeof why), 0);
    assert_int_equal(v.i, 0);
    assert_int_equal(wsl_value("1", SIM_T_BOOL, NULL, &v, why, sizeof why), -1);
    assert_int_equal(wsl_value("4x", SIM_T_COUNT, NULL, &v, why, sizeof why), -1);
}

static void test_wslconfig_unknown_sections_and_stray_keys_are_warnings(void **st)
{
    (void)st;
    static const char text[] = "swap=0\n[boot]\nsystemd=true\n[wsl2]\nmemory=2GB\nmemory=3GB\n";
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    wsl_config w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(wsl_config_parse("x.wslconfig", text, sizeof text - 1, models, n, &w, &d), 0);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 3);
    assert_non_null(strstr(d.items[0].msg, "outside any section"));
    assert_non_null(strstr(d.items[1].msg, "unknown section [boot]"));
    assert_non_null(strstr(d.items[2].msg, "set twice (first at line 5): the last value wins"));
    assert_int_equal(w.n, 1);
    assert_non_null(item_of(&w, "mem", "memory"));
    assert_int_equal(w.items[0].v.i, 3 * SIM_GiB);
    assert_string_equal(w.items[0].origin, "x.wslconfig:6");
    wsl_config_free(&w);
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
    cli_scenario_options(&opt);
    sim_diag_list_init(d);
    return scn_load_text("w.hvs", text, strlen(text), &opt, s, d);
}

static void test_wslconfig_every_key_of_the_table_names_a_parameter_of_the_registry(void **st)
{
    (void)st;
    size_t n_keys, n_models;
    const wsl_key *keys = wsl_keys(&n_keys);
    const sim_model_ops *const *models = hv_registry(&n_models);
    int simulated = 0;
    for (size_t k = 0; k < n_keys; k++) {
        int m = -1, p = -1;
        wsl_key_kind kind = wsl_key_find(keys[k].key, models, n_models, &m, &p);
        if (!keys[k].model) {
            assert_int_equal(kind, WSL_KEY_NOT_SIMULATED);
            continue;
        }
        if (kind != WSL_KEY_SIMULATED)
            fail_msg("%s names %s.%s, which the registry lacks", keys[k].key, keys[k].model, keys[k].param);
        assert_string_equal(wsl_key_of(models[m]->name, models[m]->params[p].name), keys[k].key);
        simulated++;
    }
    assert_true(simulated >= 10);
    int m, p;
    assert_int_equal(wsl_key_find("VMIDLETIMEOUT", models, n_models, &m, &p), WSL_KEY_SIMULATED);
    assert_int_equal(wsl_key_find("no_such_key", models, n_models, &m, &p), WSL_KEY_UNKNOWN);
}

static void test_wslconfig_statement_with_keys_is_sugar_for_set(void **st)
{
    (void)st;
    const char *text = "wslconfig MEMORY=4GiB vmidletimeout=30s networkingMode=mirrored\n"
                       "at 0s uvm.start\n";
    scn_scenario *s = NULL;
    sim_diag_list d;
    assert_int_equal(load_scenario(text, &s, &d), 0);
    sim_engine *e = NULL;
    int director;
    assert_int_equal(scn_instantiate(s, NULL, &e, &director, &d), 0);
    assert_int_equal(param(e, "mem", "memory"), 4 * SIM_GiB);     /* the scenario's own units */
    assert_int_equal(param(e, "uvm", "vm_idle_timeout"), 30 * SIM_S);
    assert_int_equal(param(e, "vnic", "mode"), 2);                /* mirrored */
    sim_engine_free(e);
    scn_free(s);
    sim_diag_list_free(&d);
}

static void test_wslconfig_statement_reports_unknown_and_unsimulated_keys(void **st)
{
    (void)st;
    static const struct { const char *text; int col; const char *msg; } cases[] = {
        {"wslconfig memroy=1GB\n", 11, "unknown .wslconfig key 'memroy'; did you mean 'memory'?"},
        {"wslconfig kernel=x\n", 11, "'kernel' is a real WSL setting that hvsim does not simulate"},
        {"wslconfig processors=5000\n", 22, "value out of range"},
        {"wslconfig\n", 10, "expected KEY=VALUE after 'wslconfig'"},
        {"wslconfig file\n", 15, "expected a quoted string after 'wslconfig file'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        scn_scenario *s = NULL;
        sim_diag_list d;
        assert_int_equal(load_scenario(cases[i].text, &s, &d), -1);
        if (!strstr(d.items[0].msg, cases[i].msg)) fail_msg("'%s' lacks '%s'", d.items[0].msg, cases[i].msg);
        assert_int_equal(d.items[0].line, 1);
        assert_int_equal(d.items[0].col, cases[i].col);
        sim_diag_list_free(&d);
    }
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
        cmocka_unit_test(test_wslconfig_every_documented_key_loads_with_warnings_only),
        cmocka_unit_test(test_wslconfig_every_networking_mode_wsl_accepts_loads),
        cmocka_unit_test(test_wslconfig_a_notepad_file_with_bom_crlf_and_any_case_loads),
        cmocka_unit_test(test_wslconfig_sizes_in_megabytes_and_plain_bytes),
        cmocka_unit_test(test_wslconfig_values_follow_wsl_conventions),
        cmocka_unit_test(test_wslconfig_unknown_sections_and_stray_keys_are_warnings),
        cmocka_unit_test(test_wslconfig_every_bad_fixture_fails_at_its_location),
        cmocka_unit_test(test_wslconfig_every_key_of_the_table_names_a_parameter_of_the_registry),
        cmocka_unit_test(test_wslconfig_statement_with_keys_is_sugar_for_set),
        cmocka_unit_test(test_wslconfig_statement_reports_unknown_and_unsimulated_keys),
        cmocka_unit_test(test_wslconfig_file_statement_sets_parameters_and_later_lines_win),
        cmocka_unit_test(test_wslconfig_file_statement_reports_the_file_location_of_a_bad_value),
        cmocka_unit_test(test_wslconfig_file_statement_with_a_missing_file_points_at_the_statement),
        cmocka_unit_test(test_wslconfig_option_applies_the_file_and_warns_about_unknown_keys),
        cmocka_unit_test(test_wslconfig_option_with_a_bad_file_exits_2_with_its_location_and_writes_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
