/* cmd_info.c: `hvsim list [DIR]` and `hvsim params [MODEL]` -- what there is
 * to run and what can be changed.  Both print from data alone (scenario
 * files, the models' tables), so a new model or scenario needs no code
 * here.
 *
 * list: every *.hvs in DIR (default ./scenarios, else the data roots of
 * data_dir.h), by short name, in byte order of the names, with
 * its one-line `about`.  A scenario that does not load is listed as such and
 * makes the exit status 2.
 * params: every parameter (type, unit, default, range, source, the
 * .wslconfig key that sets it, from wsl/keys.h), action (with arguments), metric and event kind
 * of every registered model, or of one. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "args.h"
#include "commands.h"
#include "common.h"
#include "data_dir.h"
#include "keys.h"
#include "registry.h"


/* --- list --------------------------------------------------------------- */

static const char list_usage[] = "hvsim list [DIR]";
static const char list_about[] =
    "Lists the canned scenarios (*.hvs) in DIR by short name (what 'hvsim run NAME'\n"
    "takes) with their one-line description.  DIR defaults to ./scenarios, else the\n"
    "installed data ($HVSIM_DATA_DIR, PREFIX/share/hvsim), else the source tree's.";

static int is_scenario_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 4 && strcmp(e->d_name + n - 4, ".hvs") == 0;
}

/* Byte order of the names: the same on every machine, whatever the locale. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* One line: the short name (what `hvsim run NAME` takes) and the about. */
static int list_one(const char *dir, const char *name, int width)
{
    char path[4400]; /* dir (up to 4095) + "/" + a file name (up to 255) */
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int short_len = (int)strlen(name) - 4; /* without .hvs */
    scn_scenario *s = NULL;
    if (cli_load_scenario(path, NULL, 0, &s) != 0) {
        printf("%-*.*s  (does not load: see 'hvsim check %s')\n", width, short_len, name, path);
        return -1;
    }
    const char *about = scn_about(s)[0] ? scn_about(s) : scn_title(s);
    printf("%-*.*s  %s\n", width, short_len, name, about);
    scn_free(s);
    return 0;
}

static int list_dir(const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, is_scenario_name, by_name);
    if (n < 0) {
        cli_error("cannot list '%s': no such directory or not readable", dir);
        return CLI_EXIT_USAGE;
    }
    int width = 0, bad = 0;
    for (int i = 0; i < n; i++) {
        int w = (int)strlen(names[i]->d_name) - 4;
        if (w > width) width = w;
    }
    if (n > 0) printf("scenarios in %s/ (run one by name: hvsim run %.*s)\n", dir,
                      (int)strlen(names[0]->d_name) - 4, names[0]->d_name);
    for (int i = 0; i < n; i++) bad |= list_one(dir, names[i]->d_name, width) != 0;
    if (n == 0) fprintf(stderr, "hvsim: no scenarios (*.hvs) in '%s'\n", dir);
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
    return bad ? CLI_EXIT_USAGE : CLI_EXIT_OK;
}

static int no_option(void *user, int idx, const char *value)
{
    (void)user, (void)idx, (void)value;
    return -1; /* unreachable: the tables are empty */
}

/* Parses a command that takes no options and at most one positional.
 * Returns -1 to go on (*arg set or NULL), else the exit status. */
static int parse_single(int argc, char **argv, const char *usage, const char *about,
                        const char **arg)
{
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    int status = -1;
    *arg = NULL;
    if (!pos) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    int rc = cli_args_parse(argc, argv, 2, NULL, 0, no_option, NULL, pos, &n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, usage, about, NULL, 0);
        status = CLI_EXIT_OK;
    } else if (rc != CLI_ARGS_OK) {
        status = CLI_EXIT_USAGE;
    } else if (n_pos > 1) {
        cli_error("too many arguments (usage: %s)", usage);
        status = CLI_EXIT_USAGE;
    } else if (n_pos == 1) {
        *arg = pos[0];
    }
    free(pos);
    return status;
}

int cli_cmd_list(int argc, char **argv)
{
    const char *dir = NULL;
    int status = parse_single(argc, argv, list_usage, list_about, &dir);
    if (status >= 0) return status;
    char found[4096];
    if (!dir) {
        if (cli_scenarios_dir(found, sizeof found) != 0) {
            cli_error("no scenarios directory: not in ./scenarios, not installed (HVSIM_DATA_DIR "
                      "or PREFIX/share/hvsim), and the source tree is gone");
            return CLI_EXIT_USAGE;
        }
        dir = found;
    }
    return list_dir(dir);
}

/* --- params ------------------------------------------------------------- */

static const char params_usage[] = "hvsim params [MODEL]";
static const char params_about[] =
    "Prints every parameter of every model (type, unit, default, range, source),\n"
    "each model's actions with their arguments, its metrics and its event kinds.\n"
    "A scenario sets parameters with `set MODEL.PARAM = VALUE` or --set.";

static void join_names(const char *const *names, char *buf, size_t cap)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; names && names[i] && used < cap; i++)
        used += (size_t)snprintf(buf + used, cap - used, "%s%s", i ? "|" : "", names[i]);
}

static void format_range(sim_type t, sim_value min, sim_value max, const char *const *en,
                         char *buf, size_t cap)
{
    char lo[64], hi[64];
    switch (t) {
    case SIM_T_ENUM: join_names(en, buf, cap); break;
    case SIM_T_BOOL: snprintf(buf, cap, "true|false"); break;
    case SIM_T_STRING: snprintf(buf, cap, "text"); break;
    default:
        snprintf(buf, cap, "%s .. %s", sim_value_format(t, min, en, lo, sizeof lo),
                 sim_value_format(t, max, en, hi, sizeof hi));
    }
}

static void print_param(const sim_model_ops *m, const sim_param_def *p)
{
    char def[128], range[256];
    sim_value_format(p->type, p->def, p->enum_names, def, sizeof def);
    format_range(p->type, p->min, p->max, p->enum_names, range, sizeof range);
    printf("    %s.%s  %s", m->name, p->name, sim_type_name(p->type));
    if (p->unit && p->unit[0] && strcmp(p->unit, sim_type_name(p->type)) != 0)
        printf(" [%s]", p->unit);
    printf("  default %s  range %s\n", def, range);
    printf("        %s\n", p->doc ? p->doc : "");
    printf("        source: %s", p->source && p->source[0] ? p->source : "(none given)");
    const char *key = wsl_key_of(m->name, p->name);
    if (key) printf("  .wslconfig: %s", key);
    putchar('\n');
    if (p->when == SIM_PARAM_AT_START)
        puts("        read when the machine starts: a change during a run shows from the next start");
    else if (p->when == SIM_PARAM_AT_INIT)
        puts("        read once, when the run begins: it cannot change during a run (--branch-at)");
}

/* An argument's type as a user writes it: the choices of an enum
 * (<git|npm|tar>), true|false, else the type's name (<duration>). */
static void print_arg(const sim_arg_def *a)
{
    char def[128], kind[256];
    if (a->type == SIM_T_ENUM || a->type == SIM_T_BOOL)
        format_range(a->type, a->min, a->max, a->enum_names, kind, sizeof kind);
    else
        snprintf(kind, sizeof kind, "%s", sim_type_name(a->type));
    if (a->required) {
        printf(" %s=<%s>", a->name, kind);
        return;
    }
    printf(" [%s=<%s>, default %s]", a->name, kind,
           sim_value_format(a->type, a->def, a->enum_names, def, sizeof def));
}

static void print_action(const sim_model_ops *m, const sim_action_def *a)
{
    printf("    %s.%s", m->name, a->name);
    for (size_t i = 0; i < a->n_args; i++) print_arg(&a->args[i]);
    printf("\n        %s\n", a->doc ? a->doc : "");
}

static void print_metric(const sim_model_ops *m, const sim_metric_def *d)
{
    printf("    %s.%s  %s", m->name, d->name, sim_type_name(d->type));
    if (d->type == SIM_T_ENUM) {
        char names[256];
        join_names(d->enum_names, names, sizeof names);
        printf(" (%s)", names);
    } else if (d->unit && d->unit[0] && strcmp(d->unit, sim_type_name(d->type)) != 0) {
        printf(" [%s]", d->unit);
    }
    printf("\n        %s\n", d->doc ? d->doc : "");
}

static void print_model(const sim_model_ops *m)
{
    printf("%s  (model version %d)  %s\n", m->name, m->version, m->doc ? m->doc : "");
    printf("  parameters:%s\n", m->n_params ? "" : " none");
    for (size_t i = 0; i < m->n_params; i++) print_param(m, &m->params[i]);
    printf("  actions:%s\n", m->n_actions ? "" : " none");
    for (size_t i = 0; i < m->n_actions; i++) print_action(m, &m->actions[i]);
    printf("  metrics:%s\n", m->n_metrics ? "" : " none");
    for (size_t i = 0; i < m->n_metrics; i++) print_metric(m, &m->metrics[i]);
    printf("  event kinds:");
    for (size_t i = 0; i < m->n_event_kinds; i++)
        printf("%s%s", i ? ", " : " ", m->event_kinds[i]);
    printf("\n");
}

static void report_unknown_model(const char *name, const sim_model_ops *const *models, size_t n)
{
    const char **names = malloc((n ? n : 1) * sizeof *names);
    if (!names) {
        cli_error("unknown model '%s'", name);
        return;
    }
    for (size_t i = 0; i < n; i++) names[i] = models[i]->name;
    cli_report_unknown("model", name, names, n);
    free(names);
}

int cli_cmd_params(int argc, char **argv)
{
    const char *only = NULL;
    int status = parse_single(argc, argv, params_usage, params_about, &only);
    if (status >= 0) return status;
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    int shown = 0;
    for (size_t i = 0; i < n; i++) {
        if (only && strcmp(only, models[i]->name) != 0) continue;
        if (shown++) putchar('\n');
        print_model(models[i]);
    }
    if (only && !shown) {
        report_unknown_model(only, models, n);
        return CLI_EXIT_USAGE;
    }
    return CLI_EXIT_OK;
}
