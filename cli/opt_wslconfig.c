/* opt_wslconfig.c: `--wslconfig FILE` (see opt_wslconfig.h).  The file's
 * items already carry their --set form; this only prints the file's
 * diagnostics and splices the overrides in front of the user's --set. */
#include "opt_wslconfig.h"

#include <stdlib.h>

#include "common.h"
#include "registry.h"
#include "wslconfig.h"

int cli_load_scenario_wslconfig(const char *path, const char *wslconfig_path,
                                const char *const *sets, size_t n_sets, scn_scenario **out)
{
    if (!wslconfig_path) return cli_load_scenario(path, sets, n_sets, out);
    *out = NULL;
    size_t n_models;
    const sim_model_ops *const *models = hv_registry(&n_models);
    sim_wslconfig w;
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = sim_wslconfig_load(wslconfig_path, models, n_models, &w, &diags);
    cli_print_diags(&diags);
    sim_diag_list_free(&diags);
    const char **all = rc == 0 ? calloc(w.n + n_sets + 1, sizeof *all) : NULL;
    if (rc == 0 && !all) cli_error("out of memory");
    if (all) {
        for (size_t i = 0; i < w.n; i++) all[i] = w.items[i].set;
        for (size_t i = 0; i < n_sets; i++) all[w.n + i] = sets[i];
        rc = cli_load_scenario(path, all, w.n + n_sets, out);
    } else {
        rc = -1;
    }
    free(all);
    sim_wslconfig_free(&w);
    return rc;
}
