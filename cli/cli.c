/* cli.c: the entry point: picks the subcommand, answers --version and
 * --help, and reports unknown commands with a "did you mean" (see cli.h).
 * Commands that draw run in the hvsim-view executable (exec_viewer.h). */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "common.h"
#include "data_dir.h"
#include "exec_viewer.h"

#ifndef HVSIM_VERSION
#define HVSIM_VERSION "0.0.0"
#endif

typedef struct cli_command {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *summary;
} cli_command;

static const cli_command commands[] = {
    {"run", cli_cmd_run, "run a scenario and print a summary (and a log, events, trace, CSV)"},
    {"check", cli_cmd_check, "check scenarios without running them"},
    {"list", cli_cmd_list, "list the canned scenarios"},
    {"params", cli_cmd_params, "print every model's parameters, actions and metrics"},
    {"compare", cli_cmd_compare, "price a workload or strace trace on native, WSL2 and WSL1"},
    {"inspect", cli_cmd_inspect, "list the syscall wrappers an ELF binary imports; can WSL1 run it?"},
    {"sweep", cli_cmd_sweep, "run a scenario over a cross product of values (CSV, JSON, jobs files)"},
    {"merge", cli_cmd_merge, "join a jobs file's per-run results into the sweep's CSV"},
    {"plot", cli_cmd_plot, "draw a sweep's CSV as a chart for a slide (PNG or SVG)"},
    {"view", cli_exec_viewer, "show a scenario in a window, step forward and back (or write PNGs)"},
};

static void print_usage(FILE *f)
{
    fputs("usage: hvsim COMMAND [ARGS]   (hvsim COMMAND --help for each)\n\n"
          "hvsim simulates Hyper-V's WSL2 utility VM, WSL1, a classic Type-2 VM and\n"
          "native Linux, event by event.\n\ncommands:\n",
          f);
    for (size_t i = 0; i < SIM_COUNTOF(commands); i++)
        fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\noptions:\n  --version  print the version and exit\n"
          "  --help     show this help and exit\n\n"
          "exit status: 0 success, 1 an expectation failed, 2 bad usage or bad input\n",
          f);
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < SIM_COUNTOF(commands); i++)
        if (strcmp(commands[i].name, name) == 0) return &commands[i];
    return NULL;
}

static void report_unknown_command(const char *word)
{
    const char *names[SIM_COUNTOF(commands)];
    for (size_t i = 0; i < SIM_COUNTOF(commands); i++) names[i] = commands[i].name;
    cli_report_unknown("command", word, names, SIM_COUNTOF(commands));
    fputs("hvsim: run 'hvsim --help' for the list of commands\n", stderr);
}

/* `hvsim help [COMMAND]` */
static int help_command(int argc, char **argv)
{
    if (argc < 3) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    const cli_command *c = find_command(argv[2]);
    if (!c) {
        report_unknown_command(argv[2]);
        return CLI_EXIT_USAGE;
    }
    char *sub[] = {argv[0], argv[2], "--help", NULL};
    return c->fn(3, sub);
}

static int run_command(int argc, char **argv)
{
    cli_data_export(); /* profiles are found where the scenarios are */
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *word = argv[1];
    if (strcmp(word, "--version") == 0 || strcmp(word, "-V") == 0) {
        printf("hvsim %s\n", HVSIM_VERSION);
        return CLI_EXIT_OK;
    }
    if (strcmp(word, "--help") == 0 || strcmp(word, "-h") == 0) {
        print_usage(stdout);
        return CLI_EXIT_OK;
    }
    if (strcmp(word, "help") == 0) return help_command(argc, argv);
    if (word[0] == '-') {
        static const char *const top_options[] = {"--version", "--help"};
        cli_report_unknown("option", word, top_options, SIM_COUNTOF(top_options));
        return CLI_EXIT_USAGE;
    }
    const cli_command *c = find_command(word);
    if (!c) {
        report_unknown_command(word);
        return CLI_EXIT_USAGE;
    }
    return c->fn(argc, argv);
}

/* Everything printed to stdout must have arrived: `hvsim run x > /dev/full`
 * is an error (exit 2), not a silent success. */
int cli_main(int argc, char **argv)
{
    int status = run_command(argc, argv);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_error("cannot write to standard output: %s", strerror(errno ? errno : EIO));
        return CLI_EXIT_USAGE;
    }
    return status;
}
