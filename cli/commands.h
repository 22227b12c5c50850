/* commands.h: the subcommands.  Each takes the whole argv with argv[1] the
 * subcommand's name, prints its own output and errors, and returns the exit
 * status (common.h: 0 ok, 1 an expectation failed, 2 bad usage or input).
 *
 *   run     cmd_run.c    load, build, run a scenario; summary and outputs
 *   check   cmd_run.c    load and build without running
 *   list    cmd_info.c   the canned scenarios and their one-line about
 *   params  cmd_info.c   every model's parameters, actions and metrics
 *   compare cmd_compare.c  a workload or strace trace priced on native, WSL2, WSL1
 *   inspect cmd_inspect.c  an ELF binary's syscall wrappers; could WSL1 run them
 *   sweep   cmd_sweep.c    a scenario over a cross product of values, in workers
 *                          or as a jobs file for GNU parallel / Slurm
 *   merge   cmd_sweep.c    per-run results of a jobs file -> the sweep's CSV
 *   plot    cmd_plot.c     a sweep's CSV as a chart (SVG here, PNG in hvsim-view)
 *   view    cmd_view.c     the SDL2 viewer: a window, or headless PNGs; built
 *                          into hvsim-view only (hvsim execs it: exec_viewer.h) */
#ifndef HVSIM_CLI_COMMANDS_H
#define HVSIM_CLI_COMMANDS_H

#include <stddef.h>

int cli_cmd_run(int argc, char **argv);
int cli_cmd_check(int argc, char **argv);
int cli_cmd_list(int argc, char **argv);
int cli_cmd_params(int argc, char **argv);
int cli_cmd_compare(int argc, char **argv);
int cli_cmd_inspect(int argc, char **argv);
int cli_cmd_view(int argc, char **argv);
int cli_cmd_sweep(int argc, char **argv);
int cli_cmd_merge(int argc, char **argv);
int cli_cmd_plot(int argc, char **argv);

/* `plot` with a PNG writer (hvsim-view passes fig_write_png); with NULL, a
 * PNG is handed to hvsim-view (cli_cmd_plot). */
struct figure;
typedef int (*cli_png_writer)(const struct figure *f, const char *path, char *err, size_t err_cap);
int cli_cmd_plot_with(int argc, char **argv, cli_png_writer png);

/* Safety cap on dispatched events per run: a scenario that never ends
 * (a model rescheduling itself forever with no `end`) stops with an error. */
#define CLI_MAX_EVENTS 50000000ULL

#endif
