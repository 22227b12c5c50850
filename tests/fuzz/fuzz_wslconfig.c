/* fuzz_wslconfig.c: libFuzzer entry point for the .wslconfig reader
 * (wsl/wslconfig.c over wsl/ini.c), against the real model registry.  It
 * may refuse any input, but not crash, leak or trip a sanitizer; a
 * refusal must carry an error, and every item it accepts must name a
 * parameter of the registry.  Seeds: tests/wslconfig. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "registry.h"
#include "wslconfig.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n;
    const sim_model_ops *const *models = hv_registry(&n);
    wsl_config w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    int rc = wsl_config_parse("fuzz.wslconfig", (const char *)data, size, models, n, &w, &d);
    if (rc != 0 && d.n_errors == 0) abort();
    for (size_t i = 0; i < w.n; i++) /* the valid items, whatever rc */
        if (w.items[i].model < 0 || (size_t)w.items[i].model >= n ||
            w.items[i].param < 0 || (size_t)w.items[i].param >= models[w.items[i].model]->n_params)
            abort();
    wsl_config_free(&w);
    sim_diag_list_free(&d);
    return 0;
}
