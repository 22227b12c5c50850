/* fuzz_scenario.c: libFuzzer target for the scenario language.
 *
 * Feeds arbitrary bytes to scn_load_text against the real model registry
 * and the statements wsl/ adds,
 * and when they load, instantiates and runs them for a bounded number of
 * events: neither phase may crash, leak or trip a sanitizer, whatever the
 * input.  Includes resolve against the current directory, so run the fuzzer
 * from an empty one.  Seed corpus: scenarios/ and tests/bad/. */
#include <stddef.h>
#include <stdint.h>

#include "director.h"
#include "registry.h"
#include "scenario.h"
#include "statement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    scn_options opt = {.models = models, .n_models = n};
    opt.keywords = wsl_keywords(&opt.n_keywords);
    scn_scenario *s = NULL;
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    if (scn_load_text("fuzz.hvs", (const char *)data, size, &opt, &s, &diags) == 0) {
        sim_engine *eng = NULL;
        int director = -1;
        if (scn_instantiate(s, NULL, &eng, &director, &diags) == 0) {
            sim_engine_run_until_event(eng, 100000);
            sim_director_finish(eng, director);
            sim_engine_free(eng);
        }
        scn_free(s);
    }
    sim_diag_list_free(&diags);
    return 0;
}
