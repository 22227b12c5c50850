/* cmd_run.c: `hvsim run FILE` and `hvsim check FILE...`.
 *
 * run: scn_load -> scn_instantiate -> open the requested outputs (each to a
 * temporary name, see atomic_file.h) -> an observer fans every dispatched
 * event out to the enabled writers -> step until the queue is empty, or
 * until --until / the scenario's `end` (the earlier), sampling the CSV
 * after every instant -> sim_director_finish -> commit the outputs -> the
 * summary on stdout.  Anything that goes wrong after the outputs are opened
 * removes them, so a failed run leaves no file behind.  A safety cap of
 * CLI_MAX_EVENTS events stops a scenario that never ends.
 *
 * check: the same loading and building, with the same --set/--seed/--until
 * checks, but no step is taken. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "common.h"
#include "data_dir.h"
#include "director.h"
#include "opt_wslconfig.h"
#include "out_chrome.h"
#include "out_csv.h"
#include "out_jsonl.h"
#include "out_log.h"
#include "run_branch.h"
#include "run_loop.h"
#include "run_result.h"
#include "output_set.h"
#include "summary.h"

enum {
    OPT_SEED, OPT_UNTIL, OPT_SET, OPT_WSLCONFIG, OPT_LOG, OPT_ALL_METRICS, OPT_JSON, OPT_EVENTS,
    OPT_TRACE, OPT_CSV, OPT_BRANCH_AT
};

/* The first three options are shared with `check`. */
static const cli_optdef run_optdefs[] = {
    [OPT_SEED] = {"--seed", "N", "random seed (0 .. 2^63-1) instead of the scenario's"},
    [OPT_UNTIL] = {"--until", "T", "stop at simulated time T (a duration: 90s, 5min)"},
    [OPT_SET] = {"--set", "K=V", "override a `param` or a MODEL.PARAM (repeatable)"},
    [OPT_WSLCONFIG] = {"--wslconfig", "FILE", "read a real .wslconfig (applied before --set)"},
    [OPT_LOG] = {"--log", "[=narration]",
                 "print the event log (or only the narration) before the summary"},
    [OPT_ALL_METRICS] = {"--all-metrics", NULL, "list every metric at the end, not only those that changed"},
    [OPT_JSON] = {"--json", "F.json", "write the whole result (metrics, expectations, narration) as JSON"},
    [OPT_EVENTS] = {"--events", "F.jsonl", "write every event as one JSON object per line"},
    [OPT_TRACE] = {"--trace-out", "F.json", "write a Chrome trace (Perfetto, chrome://tracing)"},
    [OPT_CSV] = {"--csv", "F", "write metrics over time as CSV"},
    [OPT_BRANCH_AT] = {"--branch-at", "T", "fork the run at T: as written, and with the --set "
                                            "changes applied at T (side by side)"},
};
enum { N_CHECK_OPTS = OPT_WSLCONFIG + 1 };

typedef struct run_opts {
    int has_seed;
    uint64_t seed;
    int64_t until_ns;          /* -1: no --until */
    const char **sets;         /* --set values, argc entries allocated */
    size_t n_sets;
    const char *wslconfig;     /* --wslconfig FILE, or NULL */
    int log;                   /* 1: --log given */
    cli_log_mode log_mode;
    int all_metrics;
    const char *bad_set;       /* a --set value without '=' (reported after parsing) */
    const char *out_path[4];   /* --events, --trace-out, --csv, --json; NULL if absent */
    int64_t branch_at_ns;      /* -1: no --branch-at */
} run_opts;

enum { OUT_EVENTS, OUT_TRACE, OUT_CSV, OUT_JSON, N_OUT };

static int on_option(void *user, int idx, const char *value)
{
    run_opts *o = user;
    switch (idx) {
    case OPT_SEED: o->has_seed = 1; return cli_parse_seed(value, &o->seed);
    case OPT_UNTIL: return cli_parse_duration("--until", value, &o->until_ns);
    case OPT_SET:
        if (!strchr(value, '=') || value[0] == '=') {
            if (!o->bad_set) o->bad_set = value; /* reported with its context after parsing */
            return 0;
        }
        o->sets[o->n_sets++] = value;
        return 0;
    case OPT_WSLCONFIG: o->wslconfig = value; return 0;
    case OPT_LOG:
        o->log = 1;
        o->log_mode = CLI_LOG_EVENTS;
        if (value && strcmp(value, "narration") == 0) o->log_mode = CLI_LOG_NARRATION;
        else if (value && strcmp(value, "events") != 0) {
            cli_error("bad value for --log: '%s'; use --log (events and narration) or "
                      "--log=narration (the story alone)", value);
            return -1;
        }
        return 0;
    case OPT_ALL_METRICS: o->all_metrics = 1; return 0;
    case OPT_JSON: o->out_path[OUT_JSON] = value; return 0;
    case OPT_EVENTS: o->out_path[OUT_EVENTS] = value; return 0;
    case OPT_TRACE: o->out_path[OUT_TRACE] = value; return 0;
    case OPT_CSV: o->out_path[OUT_CSV] = value; return 0;
    case OPT_BRANCH_AT: return cli_parse_duration("--branch-at", value, &o->branch_at_ns);
    default: return -1;
    }
}

/* Everything a run writes, and the observer that feeds it. */
typedef struct run_sinks {
    cli_outputs out;
    int log_on;
    cli_log log;
    cli_chrome chrome;
    cli_csv csv;
    int csv_on;
    cli_story story;            /* the narration as said, for the summary and --json */
} run_sinks;

static void observe(void *user, const sim_engine *eng, const sim_trace_record *rec)
{
    run_sinks *k = user;
    cli_story_record(&k->story, eng, rec);
    if (k->log_on) cli_log_record(&k->log, eng, rec);
    if (k->out.file[OUT_EVENTS].f) cli_jsonl_record(k->out.file[OUT_EVENTS].f, rec);
    if (k->out.file[OUT_TRACE].f) cli_chrome_record(&k->chrome, rec);
}

static void sinks_abort(run_sinks *k)
{
    cli_outputs_abort(&k->out);
    if (k->csv_on) cli_csv_free(&k->csv);
    k->csv_on = 0;
    cli_story_free(&k->story);
}

/* Opens the output files and writes their headers.  0 or -1 (reported;
 * nothing is left on disk).  stop_ns: when the run will stop, or -1. */
static int sinks_open(run_sinks *k, const run_opts *o, sim_engine *eng, int director,
                      int64_t stop_ns)
{
    memset(k, 0, sizeof *k);
    cli_story_init(&k->story, director);
    if (cli_outputs_open(&k->out, o->out_path, N_OUT) != 0) {
        cli_story_free(&k->story);
        return -1;
    }
    if (k->out.file[OUT_TRACE].f) cli_chrome_begin(&k->chrome, k->out.file[OUT_TRACE].f, eng);
    if (k->out.file[OUT_CSV].f) {
        if (cli_csv_begin(&k->csv, k->out.file[OUT_CSV].f, eng) != 0) {
            cli_error("out of memory");
            sinks_abort(k);
            return -1;
        }
        k->csv_on = 1; /* rows come from cli_run_loop, after each instant */
    }
    k->log_on = o->log;
    if (k->log_on) cli_log_begin(&k->log, stdout, eng, director, o->log_mode, cli_term_width(), stop_ns);
    sim_engine_set_observer(eng, observe, k);
    return 0;
}

/* Finishes every output and renames them together; with --log, standard
 * output counts as one of them.  0 or -1 (reported; none appears).
 * The story stays for the summary: cli_story_free after. */
static int sinks_commit(run_sinks *k)
{
    if (k->out.file[OUT_TRACE].f) cli_chrome_end(&k->chrome);
    if (k->csv_on) cli_csv_free(&k->csv);
    k->csv_on = 0;
    if (k->log_on && (fflush(stdout) != 0 || ferror(stdout))) {
        cli_error("cannot write to standard output: %s", strerror(errno ? errno : EIO));
        sinks_abort(k);
        return -1;
    }
    if (cli_outputs_commit(&k->out) != 0) {
        sinks_abort(k);
        return -1;
    }
    return 0;
}

/* A parsed run/check command line; pos and o.sets are owned. */
typedef struct run_cmdline {
    run_opts o;
    const char **pos;
    size_t n_pos;
} run_cmdline;

static void cmdline_free(run_cmdline *c)
{
    free(c->pos);
    free(c->o.sets);
}

/* "--set K V" (two words) is the common slip: show the one-word form with
 * the value that followed. */
static void report_bad_set(int argc, char **argv, const char *bad)
{
    const char *next = NULL;
    for (int i = 2; i + 1 < argc; i++)
        if (strcmp(argv[i], "--set") == 0 && argv[i + 1] == bad) {
            if (i + 2 < argc && argv[i + 2][0] != '-') next = argv[i + 2];
            break;
        }
    if (bad[0] == '=')
        cli_error("bad value for --set: '%s' has no name before '='; write --set NAME=VALUE", bad);
    else if (next)
        cli_error("bad value for --set: '%s' is not NAME=VALUE; write it as one word: --set %s=%s",
                  bad, bad, next);
    else
        cli_error("bad value for --set: '%s' is not NAME=VALUE; write it as one word: --set %s=VALUE",
                  bad, bad);
}

/* Parses the options of run (n_defs all) or check (the shared ones).
 * Returns -1 to go on, else the exit status (help printed or error
 * reported); call cmdline_free either way. */
static int cmdline_parse(run_cmdline *c, int argc, char **argv, size_t n_defs,
                         const char *usage, const char *about)
{
    memset(c, 0, sizeof *c);
    c->o.until_ns = -1;
    c->o.branch_at_ns = -1;
    c->pos = calloc((size_t)argc + 1, sizeof *c->pos);
    c->o.sets = calloc((size_t)argc + 1, sizeof *c->o.sets);
    if (!c->pos || !c->o.sets) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    int rc = cli_args_parse(argc, argv, 2, run_optdefs, n_defs, on_option, &c->o, c->pos,
                            &c->n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, usage, about, run_optdefs, n_defs);
        return CLI_EXIT_OK;
    }
    if (rc == CLI_ARGS_OK && c->o.bad_set) {
        report_bad_set(argc, argv, c->o.bad_set);
        return CLI_EXIT_USAGE;
    }
    return rc == CLI_ARGS_OK ? -1 : CLI_EXIT_USAGE;
}

/* Why the run stopped: the earlier of --until and `end` that was hit, or
 * the queue ran dry. */
static cli_stop_reason stop_reason(const run_opts *o, const scn_scenario *s, int stopped)
{
    if (!stopped) return CLI_STOP_EMPTY;
    return cli_stop_time(o->until_ns, s) == o->until_ns ? CLI_STOP_UNTIL : CLI_STOP_END;
}

/* Refuses outputs that name an input (the scenario, its includes, the
 * .wslconfig files) or each other, before anything is written. */
static int check_outputs(const run_opts *o, const scn_scenario *s)
{
    size_t n_in = scn_input_count(s);
    const char **ins = calloc(n_in + 1, sizeof *ins);
    if (!ins) {
        cli_error("out of memory");
        return -1;
    }
    for (size_t i = 0; i < n_in; i++) ins[i] = scn_input(s, i);
    if (o->wslconfig) ins[n_in++] = o->wslconfig;
    int rc = cli_outputs_check(o->out_path, N_OUT, ins, n_in);
    free(ins);
    return rc;
}

static int execute(const char *arg, const run_opts *o)
{
    char path[4096];
    if (cli_find_scenario(arg, path, sizeof path) != 0 && access(arg, F_OK) != 0) {
        cli_error("cannot open '%s': no such file, and no canned scenario of that name "
                  "('hvsim list' shows them)", arg);
        return CLI_EXIT_USAGE;
    }
    scn_scenario *s = NULL;
    sim_engine *eng = NULL;
    int director = -1, status = CLI_EXIT_USAGE, stopped = 0;
    run_sinks sinks;
    cli_baseline baseline = {0};
    if (cli_load_scenario_wslconfig(path, o->wslconfig, o->sets, o->n_sets, &s) != 0)
        return CLI_EXIT_USAGE;
    if (check_outputs(o, s) != 0) goto out;
    if (cli_instantiate(s, o->has_seed ? &o->seed : NULL, &eng, &director) != 0) goto out;
    if (cli_baseline_take(&baseline, eng) != 0) {
        cli_error("out of memory");
        goto out;
    }
    if (sinks_open(&sinks, o, eng, director, cli_stop_time(o->until_ns, s)) != 0) goto out;
    if (cli_run_loop(eng, cli_stop_time(o->until_ns, s), sinks.csv_on ? &sinks.csv : NULL, &stopped) != 0) {
        sinks_abort(&sinks);
        goto out;
    }
    size_t failed = sim_director_finish(eng, director);
    cli_run_result result = {.path = path, .s = s, .eng = eng, .director = director,
                             .story = &sinks.story, .baseline = &baseline,
                             .stopped_by = stop_reason(o, s, stopped),
                             .exit_status = failed ? CLI_EXIT_EXPECT : CLI_EXIT_OK};
    if (sinks.out.file[OUT_JSON].f && cli_result_write_json(sinks.out.file[OUT_JSON].f, &result) != 0) {
        cli_error("cannot write '%s': %s", o->out_path[OUT_JSON], strerror(errno));
        sinks_abort(&sinks);
        goto out;
    }
    if (sinks_commit(&sinks) != 0) goto out;
    if (sinks.story.out_of_memory) cli_error("out of memory: the narration is incomplete");
    fflush(stdout);
    cli_summary_opts sopt = {.all_metrics = o->all_metrics, .width = cli_term_width(),
                             .story = !o->log};
    cli_summary_print(stdout, &result, &sopt);
    cli_story_free(&sinks.story);
    status = result.exit_status;
out:
    cli_baseline_free(&baseline);
    sim_engine_free(eng);
    scn_free(s);
    return status;
}

/* --branch-at T: the --set values are the changes made at T (run_branch.h). */
static int branch(const char *arg, const run_opts *o)
{
    char path[4096];
    cli_find_scenario(arg, path, sizeof path);
    for (int i = 0; i < N_OUT; i++)
        if (o->out_path[i] || o->log) {
            cli_error("--branch-at prints two summaries side by side; it writes no --log, --json, "
                      "--events, --trace-out or --csv (run each branch alone for those)");
            return CLI_EXIT_USAGE;
        }
    cli_branch_opts b = {path, o->wslconfig, o->has_seed ? &o->seed : NULL, o->until_ns,
                         o->branch_at_ns, o->sets, o->n_sets, o->all_metrics};
    return cli_run_branch(&b);
}

static const char run_usage[] = "hvsim run FILE.hvs|NAME [options]";
static const char run_about[] =
    "Runs a scenario -- a file, or a canned scenario by name ('hvsim list') -- and\n"
    "prints a summary: title, simulated time, events processed,\n"
    "the story (the narration with its times), the metrics that changed or that an\n"
    "expectation or narration names, each expectation with PASS/FAIL and the time it\n"
    "was checked, and a fingerprint.  Times read '1 min 22.2 s'; '-' means it never\n"
    "happened.\n"
    "Exit status: 0 success, 1 an expectation failed, 2 bad usage or bad input.";

int cli_cmd_run(int argc, char **argv)
{
    run_cmdline c;
    int status = cmdline_parse(&c, argc, argv, SIM_COUNTOF(run_optdefs), run_usage, run_about);
    if (status < 0) {
        status = CLI_EXIT_USAGE;
        if (c.n_pos != 1)
            cli_error(c.n_pos == 0
                          ? "run: no scenario file given (try 'hvsim run --help')"
                          : "run: one scenario file at a time (try 'hvsim run --help')");
        else if (c.o.branch_at_ns >= 0)
            status = branch(c.pos[0], &c.o);
        else
            status = execute(c.pos[0], &c.o);
    }
    cmdline_free(&c);
    return status;
}

static const char check_usage[] = "hvsim check FILE.hvs... [options]";
static const char check_about[] =
    "Loads and builds each scenario without running it, and reports every error.\n"
    "Exit status: 0 all are valid, 2 bad usage or at least one has errors.";

static int check_one(const char *arg, const run_opts *o)
{
    char path[4096];
    cli_find_scenario(arg, path, sizeof path);
    scn_scenario *s = NULL;
    sim_engine *eng = NULL;
    int director = -1;
    if (cli_load_scenario_wslconfig(path, o->wslconfig, o->sets, o->n_sets, &s) != 0) return -1;
    int rc = cli_instantiate(s, o->has_seed ? &o->seed : NULL, &eng, &director);
    sim_engine_free(eng);
    scn_free(s);
    if (rc == 0) printf("%s: ok\n", path);
    return rc;
}

int cli_cmd_check(int argc, char **argv)
{
    run_cmdline c;
    int status = cmdline_parse(&c, argc, argv, N_CHECK_OPTS, check_usage, check_about);
    if (status < 0) {
        status = CLI_EXIT_USAGE;
        if (c.n_pos == 0) {
            cli_error("check: no scenario file given (try 'hvsim check --help')");
        } else {
            int bad = 0;
            for (size_t i = 0; i < c.n_pos; i++) bad |= check_one(c.pos[i], &c.o) != 0;
            status = bad ? CLI_EXIT_USAGE : CLI_EXIT_OK;
        }
    }
    cmdline_free(&c);
    return status;
}
