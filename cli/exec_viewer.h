/* exec_viewer.h: hands a command that needs SDL2 to the hvsim-view
 * executable.
 *
 * The hvsim binary links no SDL2: loading SDL2 and its ~60 X11, Wayland
 * and audio libraries costs tens of milliseconds per process, which a
 * sweep of thousands of runs would pay on every run.  Commands that draw
 * (`view`) live in a second executable, hvsim-view, built next to hvsim;
 * `hvsim view ...` replaces itself with `hvsim-view view ...` (execv, so
 * the exit status, stdout and stderr are the viewer's own).
 *
 * hvsim-view is looked up in the directory of the running executable
 * (/proc/self/exe), then in HVSIM_VIEW_BIN when that is set (a test or an
 * unusual install may point at it). */
#ifndef HVSIM_CLI_EXEC_VIEWER_H
#define HVSIM_CLI_EXEC_VIEWER_H

#define CLI_VIEWER_EXE "hvsim-view"

/* Execs hvsim-view with argv[1..argc) (argv[1] is the command name).
 * Returns only on failure: CLI_EXIT_USAGE after reporting why. */
int cli_exec_viewer(int argc, char **argv);

#endif
