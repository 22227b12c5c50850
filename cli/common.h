/* common.h: what every hvsim subcommand shares -- the exit codes, the way
 * errors are printed ("hvsim: error: ..." for command-line problems, the
 * GNU-style diagnostics of sim/diag.h for input files), seconds formatting
 * for people and for CSV, and loading a scenario against the registry.
 * This is the only layer that prints; sim/ and models/ hand back values. */
#ifndef HVSIM_CLI_COMMON_H
#define HVSIM_CLI_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "scenario.h"

enum {
    CLI_EXIT_OK = 0,       /* success */
    CLI_EXIT_EXPECT = 1,   /* the run worked but an expectation failed */
    CLI_EXIT_USAGE = 2     /* bad usage or bad input (nothing was run or written) */
};

/* Prints "hvsim: error: <message>\n" to stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* Prints every diagnostic of l to stderr with sim_diag_format (source line
 * and caret included).  A diagnostic without a file gets the "hvsim: "
 * prefix so the line still says who is talking. */
void cli_print_diags(const sim_diag_list *l);

/* Writes t_ns as seconds with `decimals` digits after the point (0..9),
 * truncated, using integer arithmetic only: 1503000000 ns, 3 -> "1.503".
 * Returns buf. */
/* Option values shared by several commands: a seed (0 .. 2^63-1) and a
 * non-negative duration with its unit ("90s").  0, or -1 after printing
 * "bad value for OPT: ...". */
int cli_parse_seed(const char *text, uint64_t *out);
int cli_parse_duration(const char *opt, const char *text, int64_t *out_ns);
/* An image size "WxH", 320x240 .. 8192x8192 (--size). */
int cli_parse_size(const char *text, int *w, int *h);

char *cli_format_seconds(int64_t t_ns, int decimals, char *buf, size_t cap);

/* A time or duration for people, as sim_value_format writes durations:
 * "0 s", "1.65 s", "1 min 22.2 s", "1 h 39 min".  Returns buf. */
char *cli_format_time(int64_t t_ns, char *buf, size_t cap);
/* A clock reading for the event log, exact to the millisecond (truncated):
 * "12.345 s", "2 min 05.125 s", "1 h 39 min 00.000 s".  Returns buf. */
char *cli_format_clock(int64_t t_ns, char *buf, size_t cap);

/* Columns of the terminal on stdout: $COLUMNS if it is a number, else the
 * tty's width (TIOCGWINSZ), else 100.  Never below 40. */
int cli_term_width(void);
/* Writes text starting at column `col` (already printed), breaking at
 * spaces so no line passes `width` columns; continuation lines start with
 * `indent` spaces.  A word longer than a line is broken where it must be.
 * Ends with a newline. */
void cli_wrap(FILE *f, const char *text, int col, int indent, int width);

/* The options every scenario of hvsim is loaded with: the model registry,
 * the statements product layers add (wsl/statement.h) and the workload
 * loader (import/workload_load.h); no --set. */
void cli_scenario_options(scn_options *opt);

/* Loads a scenario with cli_scenario_options and the --set overrides;
 * diagnostics (errors and warnings) are printed.  0 or -1. */
int cli_load_scenario(const char *path, const char *const *sets, size_t n_sets,
                      scn_scenario **out);
/* The same with options of the caller's (cli_scenario_options plus its own
 * overrides and --set). */
int cli_load_scenario_with(const char *path, const scn_options *opt, scn_scenario **out);

/* Instantiates a loaded scenario; diagnostics are printed.  0 or -1. */
int cli_instantiate(const scn_scenario *s, const uint64_t *seed, sim_engine **eng,
                    int *director);

#endif
