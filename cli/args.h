/* args.h: a small table-driven option parser for the subcommands.
 *
 * Each subcommand lists its options in a table; the parser accepts
 * "--name value" and "--name=value" for options with a value, bare
 * "--name" for flags, "--" to end the options, and treats everything else
 * as a positional argument (options and positionals may be mixed).
 * "--help" / "-h" are always understood.  Problems are reported on stderr
 * as "hvsim: error: ..." with a "did you mean" for misspelt options; the
 * caller then exits with CLI_EXIT_USAGE.  The same table prints the help. */
#ifndef HVSIM_CLI_ARGS_H
#define HVSIM_CLI_ARGS_H

#include <stddef.h>
#include <stdio.h>

typedef struct cli_optdef {
    const char *name;        /* "--seed" */
    const char *value_name;  /* "N" for an option with a value; NULL for a flag;
                                "[=WHAT]" for an optional value, given only as
                                --name=value (bare --name passes NULL) */
    const char *help;        /* one line */
} cli_optdef;

/* Called for each option in command-line order: idx into the table, value
 * NULL for flags.  Returns 0, or -1 after reporting a bad value. */
typedef int (*cli_opt_fn)(void *user, int idx, const char *value);

enum { CLI_ARGS_ERROR = -1, CLI_ARGS_OK = 0, CLI_ARGS_HELP = 1 };

/* Parses argv[first..argc).  pos must have room for argc pointers; it gets
 * the positional arguments (*n_pos of them).  Returns CLI_ARGS_OK,
 * CLI_ARGS_HELP when --help was given (parsing stops there) or
 * CLI_ARGS_ERROR (reported). */
int cli_args_parse(int argc, char **argv, int first, const cli_optdef *defs, size_t n_defs,
                   cli_opt_fn fn, void *user, const char **pos, size_t *n_pos);

/* Prints "usage: <usage>", the about text and the option table. */
void cli_args_help(FILE *f, const char *usage, const char *about, const cli_optdef *defs,
                   size_t n_defs);

/* Reports an unknown word ("option", "command", "model" ...) with a
 * did-you-mean over candidates when one is close. */
void cli_report_unknown(const char *what, const char *word, const char *const *candidates,
                        size_t n);

#endif
