/* view_main.c: the hvsim-view executable -- the commands that link SDL2,
 * started by hvsim (exec_viewer.h) as `hvsim-view COMMAND ARGS...`.
 * Kept apart so that hvsim itself starts without loading SDL2. */
#include <stdio.h>
#include <string.h>

#include "commands.h"
#include "common.h"

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "view") == 0) return cli_cmd_view(argc, argv);
    fprintf(stderr, "hvsim-view: error: run it through hvsim: 'hvsim view FILE.hvs' (see "
                    "'hvsim view --help')\n");
    return CLI_EXIT_USAGE;
}
