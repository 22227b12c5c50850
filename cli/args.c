/* args.c: the option parser and help printer (see args.h). */
#include "args.h"

#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "diag.h"

#define HELP_OPTION "--help"

void cli_report_unknown(const char *what, const char *word, const char *const *candidates,
                        size_t n)
{
    char dym[160];
    cli_error("unknown %s '%s'%s", what, word,
              sim_did_you_mean(dym, sizeof dym, word, candidates, n, NULL, NULL));
}

static void report_unknown_option(const char *word, const cli_optdef *defs, size_t n_defs)
{
    const char **names = malloc((n_defs + 1) * sizeof *names);
    if (!names) {
        cli_error("unknown option '%s'", word);
        return;
    }
    for (size_t i = 0; i < n_defs; i++) names[i] = defs[i].name;
    names[n_defs] = HELP_OPTION;
    cli_report_unknown("option", word, names, n_defs + 1);
    free(names);
}

/* Index of the option whose name is word[0..len), or -1. */
static int find_option(const cli_optdef *defs, size_t n_defs, const char *word, size_t len)
{
    for (size_t i = 0; i < n_defs; i++)
        if (strlen(defs[i].name) == len && strncmp(defs[i].name, word, len) == 0) return (int)i;
    return -1;
}

/* Handles the option at argv[*i]; may consume the next argument.  0 or -1. */
static int take_option(int argc, char **argv, int *i, const cli_optdef *defs, size_t n_defs,
                       cli_opt_fn fn, void *user)
{
    const char *word = argv[*i];
    const char *eq = strchr(word, '=');
    size_t len = eq ? (size_t)(eq - word) : strlen(word);
    int idx = find_option(defs, n_defs, word, len);
    if (idx < 0) {
        char name[128];
        snprintf(name, sizeof name, "%.*s", (int)(len < 127 ? len : 127), word);
        report_unknown_option(name, defs, n_defs);
        return -1;
    }
    const cli_optdef *d = &defs[idx];
    if (d->value_name && d->value_name[0] == '[') /* optional, only as --name=value */
        return fn(user, idx, eq ? eq + 1 : NULL);
    if (!d->value_name) {
        if (eq) {
            cli_error("option '%s' takes no value", d->name);
            return -1;
        }
        return fn(user, idx, NULL);
    }
    if (eq) return fn(user, idx, eq + 1);
    if (*i + 1 >= argc) {
        cli_error("option '%s' needs a value (%s %s)", d->name, d->name, d->value_name);
        return -1;
    }
    *i += 1;
    return fn(user, idx, argv[*i]);
}

int cli_args_parse(int argc, char **argv, int first, const cli_optdef *defs, size_t n_defs,
                   cli_opt_fn fn, void *user, const char **pos, size_t *n_pos)
{
    int options_done = 0;
    *n_pos = 0;
    for (int i = first; i < argc; i++) {
        const char *a = argv[i];
        if (options_done || a[0] != '-' || strcmp(a, "-") == 0) {
            pos[(*n_pos)++] = a;
        } else if (strcmp(a, "--") == 0) {
            options_done = 1;
        } else if (strcmp(a, HELP_OPTION) == 0 || strcmp(a, "-h") == 0) {
            return CLI_ARGS_HELP;
        } else if (take_option(argc, argv, &i, defs, n_defs, fn, user) != 0) {
            return CLI_ARGS_ERROR;
        }
    }
    return CLI_ARGS_OK;
}

void cli_args_help(FILE *f, const char *usage, const char *about, const cli_optdef *defs,
                   size_t n_defs)
{
    fprintf(f, "usage: %s\n\n%s\n", usage, about);
    if (n_defs > 0) fputs("\noptions:\n", f);
    for (size_t i = 0; i < n_defs; i++) {
        char left[64];
        if (defs[i].value_name && defs[i].value_name[0] == '[')
            snprintf(left, sizeof left, "%s%s", defs[i].name, defs[i].value_name);
        else if (defs[i].value_name)
            snprintf(left, sizeof left, "%s %s", defs[i].name, defs[i].value_name);
        else
            snprintf(left, sizeof left, "%s", defs[i].name);
        fprintf(f, "  %-22s %s\n", left, defs[i].help);
    }
    fprintf(f, "  %-22s %s\n", HELP_OPTION, "show this help and exit");
}
