/* test_calibration.c: every number in a model has a documented source.
 *
 * Walks every registered model's parameter table and checks that each
 * parameter has a unit (for quantities), a one-line doc, a default inside
 * its own range, and a `source` key that starts a row of a table in
 * docs/calibration.md (`| key |`).  Also that action arguments and metrics are
 * documented.  A model added without its calibration row fails here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf) buf[n] = '\0';
    fclose(f);
    return buf;
}

static int is_quantity(sim_type t) { return t == SIM_T_BYTES || t == SIM_T_DURATION; }

static void test_every_parameter_has_a_source_listed_in_calibration_md(void **st)
{
    (void)st;
    char *doc = read_all(HVSIM_SOURCE_DIR "/docs/calibration.md");
    assert_non_null(doc);
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    assert_true(n >= 5);
    int missing = 0;
    for (size_t m = 0; m < n; m++) {
        for (size_t i = 0; i < models[m]->n_params; i++) {
            const sim_param_def *p = &models[m]->params[i];
            char key[160];
            if (!p->source || !*p->source) {
                print_error("%s.%s: no source\n", models[m]->name, p->name);
                missing++;
                continue;
            }
            char plain[160];
            snprintf(key, sizeof key, "| `%s` |", p->source);
            snprintf(plain, sizeof plain, "| %s |", p->source);
            if (!strstr(doc, key) && !strstr(doc, plain)) {
                print_error("%s.%s: no row %s in docs/calibration.md\n", models[m]->name,
                            p->name, plain);
                missing++;
            }
        }
    }
    free(doc);
    assert_int_equal(missing, 0);
}

static void test_every_parameter_is_documented_with_unit_and_sane_range(void **st)
{
    (void)st;
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t m = 0; m < n; m++) {
        const sim_model_ops *ops = models[m];
        assert_int_equal(ops->version, SIM_MODEL_ABI_VERSION);
        assert_non_null(ops->doc);
        for (size_t i = 0; i < ops->n_params; i++) {
            const sim_param_def *p = &ops->params[i];
            assert_non_null(p->doc);
            assert_true(strlen(p->doc) > 3);
            assert_non_null(p->unit);
            if (is_quantity(p->type)) assert_true(strlen(p->unit) > 0);
            if (p->type == SIM_T_RATIO) {
                assert_true(p->def.r >= p->min.r && p->def.r <= p->max.r);
            } else if (p->type != SIM_T_STRING) {
                if (p->def.i < p->min.i || p->def.i > p->max.i)
                    fail_msg("%s.%s: default outside its range", ops->name, p->name);
            }
        }
        for (size_t i = 0; i < ops->n_actions; i++) {
            assert_non_null(ops->actions[i].doc);
            assert_true(ops->actions[i].n_args <= SIM_MAX_ACTION_ARGS);
            for (size_t a = 0; a < ops->actions[i].n_args; a++)
                assert_non_null(ops->actions[i].args[a].doc);
        }
        for (size_t i = 0; i < ops->n_metrics; i++) {
            assert_non_null(ops->metrics[i].doc);
            assert_int_not_equal(ops->metrics[i].type, SIM_T_STRING);
        }
        assert_true(ops->n_event_kinds > 0);
    }
}

static void test_model_names_are_unique(void **st)
{
    (void)st;
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++) assert_string_not_equal(models[a]->name, models[b]->name);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_parameter_has_a_source_listed_in_calibration_md),
        cmocka_unit_test(test_every_parameter_is_documented_with_unit_and_sane_range),
        cmocka_unit_test(test_model_names_are_unique),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
