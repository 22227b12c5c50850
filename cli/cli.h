/* cli.h: the hvsim command line.
 *
 *   hvsim run FILE.hvs [--seed N] [--until T] [--set K=V]... [--log]
 *                      [--events F.jsonl] [--trace-out F.json] [--csv F]
 *   hvsim check FILE.hvs... [--seed N] [--until T] [--set K=V]...
 *   hvsim list [DIR]
 *   hvsim params [MODEL]
 *   hvsim --version | --help | help [COMMAND] | COMMAND --help
 *
 * Exit status: 0 success, 1 an expectation failed, 2 bad usage or bad
 * input.  The summary and the log go to stdout; errors go to stderr,
 * GNU-style ("file:line:col: error: ...") for input files and
 * "hvsim: error: ..." for the command line.  docs/cli.md has the details. */
#ifndef HVSIM_CLI_CLI_H
#define HVSIM_CLI_CLI_H

/* Runs the command line; returns the process exit status. */
int cli_main(int argc, char **argv);

#endif
