/* opt_wslconfig.c: `--wslconfig FILE` (see opt_wslconfig.h).  The file's
 * items are already typed and range-checked (wsl/wslconfig.h); this prints
 * the file's diagnostics and hands the items to the scenario loader as
 * typed overrides (scn_options.overrides), which it applies before --set. */
#include "opt_wslconfig.h"

#include <stdlib.h>

#include "common.h"
#include "wslconfig.h"

int cli_load_scenario_wslconfig(const char *path, const char *wslconfig_path,
                                const char *const *sets, size_t n_sets, scn_scenario **out)
{
    if (!wslconfig_path) return cli_load_scenario(path, sets, n_sets, out);
    *out = NULL;
    scn_options opt;
    cli_scenario_options(&opt);
    opt.sets = sets;
    opt.n_sets = n_sets;
    wsl_config w;
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    int rc = wsl_config_load(wslconfig_path, opt.models, opt.n_models, &w, &diags);
    cli_print_diags(&diags);
    sim_diag_list_free(&diags);
    scn_override *over = rc == 0 ? calloc(w.n + 1, sizeof *over) : NULL;
    if (rc == 0 && !over) cli_error("out of memory");
    if (over) {
        for (size_t i = 0; i < w.n; i++) {
            over[i].model = w.items[i].model;
            over[i].param = w.items[i].param;
            over[i].v = w.items[i].v;
            over[i].origin = w.items[i].origin;
        }
        opt.overrides = over;
        opt.n_overrides = w.n;
        rc = cli_load_scenario_with(path, &opt, out);
    } else {
        rc = -1;
    }
    free(over);
    wsl_config_free(&w);
    return rc;
}
