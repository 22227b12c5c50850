/* view_main.c: the hvsim-view executable -- the commands that link SDL2,
 * started by hvsim (exec_viewer.h) as `hvsim-view COMMAND ARGS...`: the
 * viewer, and `plot` when it writes a PNG.  Kept apart so that hvsim
 * itself starts without loading SDL2. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "common.h"

#ifdef HVSIM_HAVE_VIEWER
#include "figure_png.h"
#else
/* Built without SDL2: PNGs cannot be drawn (SVGs still can). */
static int fig_write_png(const struct figure *f, const char *path, char *err, size_t err_cap)
{
    (void)f;
    snprintf(err, err_cap, "cannot write '%s': this hvsim was built without SDL2, SDL2_ttf and "
             "SDL2_image; write an .svg instead", path);
    return -1;
}
#endif

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "view") == 0) return cli_cmd_view(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "plot") == 0) return cli_cmd_plot_with(argc, argv, fig_write_png);
    fprintf(stderr, "hvsim-view: error: run it through hvsim: 'hvsim view FILE.hvs' or 'hvsim plot "
                    "...' (see their --help)\n");
    return CLI_EXIT_USAGE;
}
