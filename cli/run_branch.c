/* run_branch.c: a run forked at a checkpoint into "as written" and "with
 * changes", printed side by side (see run_branch.h). */
#include "run_branch.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "director.h"
#include "opt_wslconfig.h"
#include "run_loop.h"

#define BRANCH_COL 22   /* width of each branch's column */

typedef struct change {
    int model, param;
    sim_value v;
    const char *text;    /* "vnic.mode=mirrored" */
} change;

/* Resolves "MODEL.PARAM=VALUE" against eng; reported.  0 or -1. */
static int parse_change(const sim_engine *eng, const char *text, change *c)
{
    const char *eq = strchr(text, '='), *dot = strchr(text, '.');
    c->text = text;
    if (!eq || !dot || dot > eq) {
        cli_error("--branch-at: '%s' is not MODEL.PARAM=VALUE; a scenario `param` is substituted "
                  "when the scenario loads and cannot change at the branch point", text);
        return -1;
    }
    char model[64], name[128];
    snprintf(model, sizeof model, "%.*s", (int)(dot - text), text);
    snprintf(name, sizeof name, "%.*s", (int)(eq - dot - 1), dot + 1);
    c->model = sim_engine_find_model(eng, model);
    const sim_model_ops *ops = c->model >= 0 ? sim_engine_model_ops(eng, c->model) : NULL;
    c->param = ops ? sim_model_find_param(ops, name) : -1;
    if (c->param < 0) {
        cli_error("--branch-at: unknown parameter '%s.%s' (see hvsim params)", model, name);
        return -1;
    }
    const sim_param_def *d = &ops->params[c->param];
    if (d->when == SIM_PARAM_AT_INIT) {
        cli_error("--branch-at: %s.%s is read once, when the run starts: a change at the branch "
                  "point would do nothing (%s)", model, name, d->doc);
        return -1;
    }
    char why[256] = "";
    if (scn_parse_value(eq + 1, d->type, d->enum_names, &c->v, why, sizeof why) != 0) {
        cli_error("--branch-at: bad value for %s.%s: %s", model, name, why);
        return -1;
    }
    int ranged = d->type != SIM_T_ENUM && d->type != SIM_T_BOOL && d->type != SIM_T_ADDRESS &&
                 d->type != SIM_T_STRING && (d->min.i || d->max.i || d->min.r || d->max.r);
    if (ranged && (sim_value_compare(d->type, c->v, d->min) < 0 ||
                   sim_value_compare(d->type, c->v, d->max) > 0)) {
        char lo[64], hi[64];
        cli_error("--branch-at: %s is outside %s.%s's range %s .. %s", eq + 1, model, name,
                  sim_value_format(d->type, d->min, d->enum_names, lo, sizeof lo),
                  sim_value_format(d->type, d->max, d->enum_names, hi, sizeof hi));
        return -1;
    }
    return 0;
}

typedef struct branch {
    sim_engine *eng;
    int director;
    size_t failed;
    const char *label;
} branch;

static void cell(char *buf, size_t cap, const char *text)
{
    snprintf(buf, cap, "%-*.*s", BRANCH_COL, BRANCH_COL, text);
}

static void print_row(const char *label, const char *a, const char *b, int mark)
{
    char ca[BRANCH_COL + 1], cb[BRANCH_COL + 1];
    cell(ca, sizeof ca, a);
    cell(cb, sizeof cb, b);
    if (mark) printf("  %-34s %s %s *\n", label, ca, cb);
    else printf("  %-34s %s %s\n", label, ca, b);
}

static void print_metrics(const branch br[2], int all)
{
    printf("\nmetrics at end (* differs between the branches%s):\n",
           all ? "" : "; only those that differ: --all-metrics for every one");
    size_t shown = 0;
    for (int m = 0; m < sim_engine_model_count(br[0].eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(br[0].eng, m);
        for (size_t k = 0; k < ops->n_metrics; k++) {
            const sim_metric_def *d = &ops->metrics[k];
            sim_value a = sim_engine_metric(br[0].eng, m, (int)k), b = sim_engine_metric(br[1].eng, m, (int)k);
            int differs = sim_value_compare(d->type, a, b) != 0;
            if (!differs && !all) continue;
            char name[128], ta[64], tb[64];
            snprintf(name, sizeof name, "%s.%s", ops->name, d->name);
            print_row(name, sim_value_format(d->type, a, d->enum_names, ta, sizeof ta),
                      sim_value_format(d->type, b, d->enum_names, tb, sizeof tb), differs);
            shown++;
        }
    }
    if (!shown) puts("  (none: every metric is the same in both branches)");
}

static void outcome(const sim_engine *eng, int director, size_t i, char *buf, size_t cap)
{
    const sim_expect_result *r = sim_director_result(eng, director, i);
    const sim_expect_def *d = sim_director_def(eng, director, i);
    const sim_metric_def *md = &sim_engine_model_ops(eng, d->model)->metrics[d->metric];
    char obs[64];
    if (!r->evaluated) snprintf(buf, cap, "not checked");
    else if (r->passed) snprintf(buf, cap, "PASS");
    else
        snprintf(buf, cap, "FAIL (%s)", sim_value_format(md->type, r->observed, md->enum_names, obs, sizeof obs));
}

static void print_expectations(const branch br[2])
{
    size_t n = sim_director_count(br[0].eng, br[0].director), shown = 0;
    for (size_t i = 0; i < n; i++) {
        char a[96], b[96];
        outcome(br[0].eng, br[0].director, i, a, sizeof a);
        outcome(br[1].eng, br[1].director, i, b, sizeof b);
        if (strcmp(a, b) == 0) continue;
        if (!shown++) printf("\nexpectations whose outcome differs:\n");
        const sim_expect_def *d = sim_director_def(br[0].eng, br[0].director, i);
        char label[200], t[48];
        snprintf(label, sizeof label, "%s (%s)", d->text,
                 d->at_end ? "at end" : cli_format_time(d->at_ns, t, sizeof t));
        print_row(label, a, b, 1);
    }
}

static void print_side_by_side(const cli_branch_opts *o, const scn_scenario *s, const branch br[2],
                               const change *ch, size_t n_ch, uint64_t events_at_branch)
{
    char t[64], ta[64], tb[64];
    printf("scenario:   %s\ntitle:      %s\nseed:       %" PRIu64 "\n", o->path, scn_title(s),
           sim_engine_seed(br[0].eng));
    printf("branch at:  %s (after %" PRIu64 " events); both branches then run to the end\n",
           cli_format_time(o->at_ns, t, sizeof t), events_at_branch);
    for (size_t i = 0; i < n_ch; i++) {
        const sim_param_def *d = &sim_engine_model_ops(br[1].eng, ch[i].model)->params[ch[i].param];
        printf("%s  %s%s\n", i ? "           " : "changes:", ch[i].text,
               d->when == SIM_PARAM_AT_START
                   ? "   (read when the machine starts: it shows from the next start)"
                   : "");
    }
    printf("\n");
    print_row("", br[0].label, br[1].label, 0);
    print_row("simulated time", cli_format_time(sim_engine_now(br[0].eng), ta, sizeof ta),
              cli_format_time(sim_engine_now(br[1].eng), tb, sizeof tb),
              sim_engine_now(br[0].eng) != sim_engine_now(br[1].eng));
    snprintf(ta, sizeof ta, "%" PRIu64, sim_engine_events_processed(br[0].eng));
    snprintf(tb, sizeof tb, "%" PRIu64, sim_engine_events_processed(br[1].eng));
    print_row("events processed", ta, tb, strcmp(ta, tb) != 0);
    size_t n = sim_director_count(br[0].eng, br[0].director);
    snprintf(ta, sizeof ta, "%zu passed, %zu failed", n - br[0].failed, br[0].failed);
    snprintf(tb, sizeof tb, "%zu passed, %zu failed", n - br[1].failed, br[1].failed);
    print_row("expectations", ta, tb, br[0].failed != br[1].failed);
    print_expectations(br);
    print_metrics(br, o->all_metrics);
    printf("\nfingerprint (%s): %016" PRIx64 "\n", br[0].label, sim_engine_fingerprint(br[0].eng));
    printf("fingerprint (%s): %016" PRIx64 "\n", br[1].label, sim_engine_fingerprint(br[1].eng));
}

/* Builds both branches' engines and runs them.  0 or -1 (reported). */
static int run_both(const cli_branch_opts *o, const scn_scenario *s, branch br[2], change *ch,
                    uint64_t *events_at_branch)
{
    int stopped;
    int64_t stop = cli_stop_time(o->until_ns, s);
    if (stop >= 0 && o->at_ns > stop) {
        char a[64], b[64];
        cli_error("--branch-at %s is after the run's end (%s)", cli_format_time(o->at_ns, a, sizeof a),
                  cli_format_time(stop, b, sizeof b));
        return -1;
    }
    for (int i = 0; i < 2; i++)
        if (cli_instantiate(s, o->seed, &br[i].eng, &br[i].director) != 0) return -1;
    for (size_t i = 0; i < o->n_changes; i++)
        if (parse_change(br[1].eng, o->changes[i], &ch[i]) != 0) return -1;
    /* Every event before T, once. */
    if (o->at_ns > 0 && cli_run_loop(br[0].eng, o->at_ns - 1, NULL, &stopped) != 0) return -1;
    if (!sim_engine_peek(br[0].eng)) {
        char a[64], b[64];
        cli_error("--branch-at %s is after the run's end: its last event is at %s",
                  cli_format_time(o->at_ns, a, sizeof a),
                  cli_format_time(sim_engine_now(br[0].eng), b, sizeof b));
        return -1;
    }
    *events_at_branch = sim_engine_events_processed(br[0].eng);
    sim_checkpoint *cp = sim_checkpoint_save(br[0].eng);
    if (!cp || sim_checkpoint_restore(br[1].eng, cp) != 0) {
        sim_checkpoint_free(cp);
        cli_error("out of memory for the checkpoint at the branch point");
        return -1;
    }
    sim_checkpoint_free(cp);
    for (size_t i = 0; i < o->n_changes; i++)
        sim_engine_set_param(br[1].eng, ch[i].model, ch[i].param, ch[i].v);
    for (int i = 0; i < 2; i++) {
        if (cli_run_loop(br[i].eng, stop, NULL, &stopped) != 0) return -1;
        br[i].failed = sim_director_finish(br[i].eng, br[i].director);
    }
    return 0;
}

int cli_run_branch(const cli_branch_opts *o)
{
    scn_scenario *s = NULL;
    branch br[2] = {{NULL, -1, 0, "as written"}, {NULL, -1, 0, NULL}};
    change *ch = calloc(o->n_changes ? o->n_changes : 1, sizeof *ch);
    char label[256] = "";
    int status = CLI_EXIT_USAGE;
    uint64_t events_at_branch = 0;
    if (!ch) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    for (size_t i = 0; i < o->n_changes; i++) {
        size_t used = strlen(label);
        snprintf(label + used, sizeof label - used, "%s%s", i ? " " : "", o->changes[i]);
    }
    br[1].label = label;
    if (o->n_changes == 0) {
        cli_error("--branch-at needs at least one --set MODEL.PARAM=VALUE: the change to apply at "
                  "the branch point");
        goto out;
    }
    if (cli_load_scenario_wslconfig(o->path, o->wslconfig, NULL, 0, &s) != 0) goto out;
    if (run_both(o, s, br, ch, &events_at_branch) != 0) goto out;
    fflush(stdout);
    print_side_by_side(o, s, br, ch, o->n_changes, events_at_branch);
    status = br[0].failed || br[1].failed ? CLI_EXIT_EXPECT : CLI_EXIT_OK;
out:
    for (int i = 0; i < 2; i++) sim_engine_free(br[i].eng);
    scn_free(s);
    free(ch);
    return status;
}
