/* cmd_sweep.c: `hvsim sweep FILE --vary KEY=... [options]` and
 * `hvsim merge DIR`.
 *
 * sweep: parse the axes (sweep_spec.h) -> load the scenario once for its
 * seed and metric columns, and once per point to check every value before
 * anything runs (a bad value is bad usage: exit 2, nothing written) ->
 * either write the plan as a jobs file (one `hvsim run ... --json
 * DIR/run-N.json` per line), its manifest and an optional Slurm array
 * script, or run every run in forked workers (sweep_pool.h) into a
 * temporary directory, each with exactly the command line the jobs file
 * would hold (cli_cmd_run in the child) -> rows from the result documents
 * (sweep_table.h) -> CSV / JSON.
 *
 * merge: read DIR/sweep.json and every DIR/run-N.json -> the same rows ->
 * the same CSV / JSON.  A missing or unreadable result is bad input (exit
 * 2, nothing written), listing the runs that lack one.
 *
 * Exit status: 0 every run exited 0; 1 some run did not (its row says
 * how); 2 bad usage or input; 130 interrupted (the finished rows are
 * written). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "atomic_file.h"
#include "commands.h"
#include "common.h"
#include "registry.h"
#include "sweep_plan.h"
#include "sweep_pool.h"
#include "sweep_table.h"

#define SWEEP_EXIT_INTERRUPTED 130
#define SWEEP_ERRORS_SHOWN 5   /* failed runs whose messages are repeated at the end */

enum {
    OPT_VARY, OPT_REPEAT, OPT_JOBS, OPT_SEED, OPT_SET, OPT_UNTIL, OPT_COMMON, OPT_CSV, OPT_JSON,
    OPT_JOBS_FILE, OPT_SLURM, OPT_HVSIM
};

static const cli_optdef sweep_optdefs[] = {
    [OPT_VARY] = {"--vary", "KEY=VALUES", "KEY=V1,V2,... or KEY=LO..HI:STEP (repeatable: cross product)"},
    [OPT_REPEAT] = {"--repeat", "N", "run each point N times with derived seeds (default 1)"},
    [OPT_JOBS] = {"-j", "N", "worker processes (default: the number of CPUs)"},
    [OPT_SEED] = {"--seed", "N", "base seed (default: the scenario's)"},
    [OPT_SET] = {"--set", "K=V", "a fixed override for every run (repeatable)"},
    [OPT_UNTIL] = {"--until", "T", "stop every run at simulated time T"},
    [OPT_COMMON] = {"--common-seeds", NULL, "same seeds at every point (common random numbers)"},
    [OPT_CSV] = {"--csv", "F", "write one row per run as CSV (default: to stdout)"},
    [OPT_JSON] = {"--json", "F", "write every run's whole result as JSON"},
    [OPT_JOBS_FILE] = {"--jobs-file", "F", "run nothing: write one command per run (GNU parallel)"},
    [OPT_SLURM] = {"--slurm", "F", "with --jobs-file: also a Slurm job-array script"},
    [OPT_HVSIM] = {"--hvsim", "CMD", "the hvsim command in the jobs file (default: this one)"},
};

typedef struct sweep_opts {
    sweep_spec spec;
    int has_seed;
    uint64_t seed;
    const char **sets;
    size_t n_sets;
    const char *until;
    long workers;
    const char *csv, *json, *jobs_file, *slurm, *hvsim;
} sweep_opts;

static int parse_count(const char *opt, const char *text, long lo, long hi, long *out)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (text[0] < '0' || text[0] > '9' || *end || errno || v < lo || v > hi) {
        cli_error("bad value for %s: '%s' is not a whole number from %ld to %ld", opt, text, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}

static int on_option(void *user, int idx, const char *value)
{
    sweep_opts *o = user;
    char why[512];
    long n;
    sweep_axis a;
    size_t n_models;
    const sim_model_ops *const *models = hv_registry(&n_models);
    int64_t ns;
    switch (idx) {
    case OPT_VARY:
        if (sweep_axis_parse(value, models, n_models, &a, why, sizeof why) != 0 ||
            sweep_spec_add(&o->spec, &a, why, sizeof why) != 0) {
            sweep_axis_free(&a);
            cli_error("bad value for --vary: %s", why);
            return -1;
        }
        return 0;
    case OPT_REPEAT:
        if (parse_count("--repeat", value, 1, SWEEP_MAX_RUNS, &n) != 0) return -1;
        o->spec.repeat = (size_t)n;
        return 0;
    case OPT_JOBS: return parse_count("-j", value, 1, 1024, &o->workers);
    case OPT_SEED: o->has_seed = 1; return cli_parse_seed(value, &o->seed);
    case OPT_SET:
        if (!strchr(value, '=') || value[0] == '=') {
            cli_error("bad value for --set: '%s' is not NAME=VALUE", value);
            return -1;
        }
        o->sets[o->n_sets++] = value;
        return 0;
    case OPT_UNTIL: o->until = value; return cli_parse_duration("--until", value, &ns);
    case OPT_COMMON: o->spec.common_seeds = 1; return 0;
    case OPT_CSV: o->csv = value; return 0;
    case OPT_JSON: o->json = value; return 0;
    case OPT_JOBS_FILE: o->jobs_file = value; return 0;
    case OPT_SLURM: o->slurm = value; return 0;
    case OPT_HVSIM: o->hvsim = value; return 0;
    default: return -1;
    }
}

static char *dup_str(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    if (d) strcpy(d, s);
    return d;
}

/* The fixed --set values followed by point's values, as "K=V" strings
 * (owned by the caller: free each and the array). */
static char **point_sets(const sweep_plan *p, size_t point, size_t *n)
{
    *n = p->n_sets + p->spec.n_axes;
    char **sets = calloc(*n ? *n : 1, sizeof *sets);
    if (!sets) return NULL;
    for (size_t i = 0; i < p->n_sets; i++) sets[i] = dup_str(p->sets[i]);
    for (size_t a = 0; a < p->spec.n_axes; a++) {
        const char *k = p->spec.axes[a].key, *v = sweep_value(&p->spec, point, a);
        size_t len = strlen(k) + strlen(v) + 2;
        if ((sets[p->n_sets + a] = malloc(len))) snprintf(sets[p->n_sets + a], len, "%s=%s", k, v);
    }
    for (size_t i = 0; i < *n; i++)
        if (!sets[i]) {
            for (size_t j = 0; j < *n; j++) free(sets[j]);
            free(sets);
            return NULL;
        }
    return sets;
}

/* Loads the scenario at every point (errors printed, naming the point).
 * 0 or -1. */
static int check_points(const sweep_plan *p, const char *shown_path)
{
    for (size_t point = 0; point < sweep_points(&p->spec); point++) {
        size_t n;
        char **sets = point_sets(p, point, &n);
        if (!sets) {
            cli_error("out of memory");
            return -1;
        }
        scn_scenario *s = NULL;
        int rc = cli_load_scenario(p->scenario, (const char *const *)sets, n, &s);
        scn_free(s);
        if (rc != 0) {
            fprintf(stderr, "hvsim: error: %s does not load at point %zu:", shown_path, point + 1);
            for (size_t a = 0; a < p->spec.n_axes; a++) fprintf(stderr, " %s", sets[p->n_sets + a]);
            fputc('\n', stderr);
        }
        for (size_t i = 0; i < n; i++) free(sets[i]);
        free(sets);
        if (rc != 0) return -1;
    }
    return 0;
}

/* Builds the plan from the options: the scenario's absolute path, its seed
 * and metric columns, every point checked.  0 or -1 (reported). */
static int make_plan(sweep_opts *o, const char *path, sweep_plan *p)
{
    memset(p, 0, sizeof *p);
    char abs[PATH_MAX];
    scn_scenario *s = NULL;
    sim_engine *eng = NULL;
    int director;
    if (cli_load_scenario(path, o->sets, o->n_sets, &s) != 0) return -1;
    if (!realpath(path, abs)) {
        cli_error("%s: %s", path, strerror(errno));
        scn_free(s);
        return -1;
    }
    p->spec = o->spec; /* taken over */
    memset(&o->spec, 0, sizeof o->spec);
    if (p->spec.repeat == 0) p->spec.repeat = 1;
    p->spec.base_seed = o->has_seed ? o->seed : scn_seed(s);
    int rc = -1;
    if (sweep_runs(&p->spec) > SWEEP_MAX_RUNS) {
        cli_error("the sweep has %zu runs, more than %d", sweep_runs(&p->spec), SWEEP_MAX_RUNS);
        goto out;
    }
    p->scenario = dup_str(abs);
    p->sets = calloc(o->n_sets ? o->n_sets : 1, sizeof *p->sets);
    if (!p->scenario || !p->sets || (o->until && !(p->until = dup_str(o->until)))) goto oom;
    for (; p->n_sets < o->n_sets; p->n_sets++)
        if (!(p->sets[p->n_sets] = dup_str(o->sets[p->n_sets]))) goto oom;
    if (cli_instantiate(s, &p->spec.base_seed, &eng, &director) != 0) goto out;
    if (sweep_plan_take_metrics(p, eng) != 0) goto oom;
    rc = check_points(p, path);
    goto out;
oom:
    cli_error("out of memory");
out:
    sim_engine_free(eng);
    scn_free(s);
    return rc;
}

/* --- the jobs file, its manifest and the Slurm script ------------------- */

/* The absolute directory of path (which need not exist yet). */
static int dir_of(const char *path, char *out, size_t cap)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == dir) dir[1] = '\0';
    else *slash = '\0';
    char abs[PATH_MAX];
    if (!realpath(dir, abs)) {
        cli_error("cannot use directory '%s': %s", dir, strerror(errno));
        return -1;
    }
    snprintf(out, cap, "%s", abs);
    return 0;
}

static int write_jobs(FILE *f, const sweep_plan *p, const char *hvsim, const char *dir)
{
    for (size_t r = 0; r < sweep_runs(&p->spec); r++) {
        char **argv = sweep_run_argv(p, r, hvsim, dir);
        if (!argv) return -1;
        sweep_shell_line(f, argv);
        sweep_argv_free(argv);
    }
    return ferror(f) ? -1 : 0;
}

static int write_slurm(FILE *f, const sweep_plan *p, const char *jobs_abs, const char *dir,
                       const char *script)
{
    size_t n = sweep_runs(&p->spec);
    char *q_jobs[] = {(char *)jobs_abs, NULL};
    fprintf(f, "#!/bin/bash\n"
               "# hvsim sweep as a Slurm job array: task i runs line i of the jobs file,\n"
               "# which writes its own result file.  Submit with: sbatch %s\n"
               "# then join the results: hvsim merge %s --csv sweep.csv\n",
            script, dir);
    if (n > 1000)
        fputs("# More than 1000 tasks: check MaxArraySize (scontrol show config) or add a\n"
              "# throttle such as --array=1-N%64.\n", f);
    fprintf(f, "#SBATCH --job-name=hvsim-sweep\n#SBATCH --array=1-%zu\n#SBATCH --ntasks=1\n"
               "#SBATCH --cpus-per-task=1\n#SBATCH --output=%s/slurm-%%A_%%a.out\n"
               "set -euo pipefail\njobs=",
            n, dir);
    sweep_shell_line(f, q_jobs);
    fputs("line=$(sed -n \"${SLURM_ARRAY_TASK_ID}p\" \"$jobs\")\n"
          "[ -n \"$line\" ] || { echo \"no line $SLURM_ARRAY_TASK_ID in $jobs\" >&2; exit 2; }\n"
          "eval \"$line\"\n", f);
    return ferror(f) ? -1 : 0;
}

/* Writes path whole or not at all; reported.  0 or -1. */
static int write_file(const char *path, int (*fill)(FILE *f, void *ctx), void *ctx, mode_t mode)
{
    cli_afile out;
    if (cli_afile_open(&out, path) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        return -1;
    }
    if (fill(out.f, ctx) != 0 || fchmod(fileno(out.f), mode) != 0 || cli_afile_commit(&out) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        cli_afile_abort(&out);
        return -1;
    }
    return 0;
}

typedef struct jobs_ctx {
    const sweep_plan *p;
    const char *hvsim, *dir, *jobs_abs, *script;
} jobs_ctx;

static int fill_jobs(FILE *f, void *c)
{
    jobs_ctx *j = c;
    return write_jobs(f, j->p, j->hvsim, j->dir);
}

static int fill_manifest(FILE *f, void *c)
{
    return sweep_manifest_write(f, ((jobs_ctx *)c)->p);
}

static int fill_slurm(FILE *f, void *c)
{
    jobs_ctx *j = c;
    return write_slurm(f, j->p, j->jobs_abs, j->dir, j->script);
}

static int emit_jobs(const sweep_plan *p, const sweep_opts *o)
{
    char dir[PATH_MAX], self[PATH_MAX], manifest[PATH_MAX + 32], jobs_abs[PATH_MAX + 256];
    if (dir_of(o->jobs_file, dir, sizeof dir) != 0) return CLI_EXIT_USAGE;
    const char *hvsim = o->hvsim;
    if (!hvsim) {
        ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
        if (n <= 0) {
            cli_error("cannot find this hvsim's path (/proc/self/exe); give --hvsim CMD");
            return CLI_EXIT_USAGE;
        }
        self[n] = '\0';
        hvsim = self;
    }
    const char *base = strrchr(o->jobs_file, '/');
    snprintf(jobs_abs, sizeof jobs_abs, "%s/%s", dir, base ? base + 1 : o->jobs_file);
    snprintf(manifest, sizeof manifest, "%s/%s", dir, SWEEP_MANIFEST);
    jobs_ctx ctx = {p, hvsim, dir, jobs_abs, o->slurm};
    if (write_file(manifest, fill_manifest, &ctx, 0644) != 0 ||
        write_file(o->jobs_file, fill_jobs, &ctx, 0644) != 0 ||
        (o->slurm && write_file(o->slurm, fill_slurm, &ctx, 0755) != 0))
        return CLI_EXIT_USAGE;
    printf("wrote %zu commands to %s (results: %s/run-*.json, manifest: %s)\n",
           sweep_runs(&p->spec), o->jobs_file, dir, manifest);
    if (o->slurm) printf("wrote the Slurm array script %s (sbatch %s)\n", o->slurm, o->slurm);
    printf("then: hvsim merge %s --csv sweep.csv\n", dir);
    return CLI_EXIT_OK;
}

/* --- running locally ------------------------------------------------------ */

typedef struct local_run {
    const sweep_plan *p;
    const char *dir;         /* temporary results directory */
    sweep_row *rows;
    size_t errors_shown;
} local_run;

static void result_path(const local_run *l, size_t r, const char *ext, char *buf, size_t cap)
{
    char name[64];
    sweep_result_name(l->p, r, name, sizeof name);
    name[strlen(name) - strlen(".json")] = '\0';
    snprintf(buf, cap, "%s/%s%s", l->dir, name, ext);
}

/* In the child: stdout to /dev/null, stderr to run-N.err, then the run. */
static int run_job(void *user, size_t r)
{
    local_run *l = user;
    char err[PATH_MAX + 64];
    result_path(l, r, ".err", err, sizeof err);
    int null = open("/dev/null", O_WRONLY), errfd = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (null < 0 || errfd < 0 || dup2(null, STDOUT_FILENO) < 0 || dup2(errfd, STDERR_FILENO) < 0)
        return CLI_EXIT_USAGE;
    close(null);
    close(errfd);
    char **argv = sweep_run_argv(l->p, r, "hvsim", l->dir);
    if (!argv) return CLI_EXIT_USAGE;
    return cli_cmd_run((int)sweep_argv_count(argv), argv);
}

/* The first line of a failed run's messages, repeated on stderr. */
static void show_errors(local_run *l, size_t r, int status)
{
    char path[PATH_MAX + 64];
    result_path(l, r, ".err", path, sizeof path);
    char *text = status >= 2 && l->errors_shown < SWEEP_ERRORS_SHOWN ? cj_read_file(path, NULL) : NULL;
    if (text && text[0]) {
        char *nl = strchr(text, '\n');
        if (nl) *nl = '\0';
        fprintf(stderr, "hvsim: run %zu exited %d: %s\n", r + 1, status, text);
        l->errors_shown++;
    } else if (status > 128 && l->errors_shown < SWEEP_ERRORS_SHOWN) {
        fprintf(stderr, "hvsim: run %zu was killed by signal %d\n", r + 1, status - 128);
        l->errors_shown++;
    }
    free(text);
    unlink(path);
}

static void job_done(void *user, size_t r, int status)
{
    local_run *l = user;
    char path[PATH_MAX + 64], why[256];
    result_path(l, r, ".json", path, sizeof path);
    size_t len = 0;
    char *text = cj_read_file(path, &len);
    sweep_row *row = &l->rows[r];
    if (text && sweep_row_take(row, path, text, len, why, sizeof why) != 0)
        fprintf(stderr, "%s\n", why);
    row->status = status; /* the process's own word, also when it wrote no result */
    unlink(path);
    show_errors(l, r, status);
}

static int run_local(const sweep_plan *p, const sweep_opts *o)
{
    size_t n = sweep_runs(&p->spec);
    const char *tmp = getenv("TMPDIR");
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/hvsim-sweep-XXXXXX", tmp && tmp[0] ? tmp : "/tmp");
    if (!mkdtemp(dir)) {
        cli_error("cannot make a temporary directory '%s': %s", dir, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    local_run l = {p, dir, calloc(n, sizeof(sweep_row)), 0};
    if (!l.rows) {
        cli_error("out of memory");
        rmdir(dir);
        return CLI_EXIT_USAGE;
    }
    for (size_t r = 0; r < n; r++) l.rows[r].status = SWEEP_NOT_RUN;
    long workers = o->workers ? o->workers : sysconf(_SC_NPROCESSORS_ONLN);
    int rc = sweep_pool_run(n, (int)(workers > 0 ? workers : 1), run_job, job_done, &l);
    rmdir(dir);
    size_t done = 0, failed = 0;
    for (size_t r = 0; r < n; r++) {
        done += l.rows[r].status != SWEEP_NOT_RUN;
        failed += l.rows[r].status != SWEEP_NOT_RUN && l.rows[r].status != 0;
    }
    const char *csv = o->csv ? o->csv : (o->json ? NULL : "-");
    int status = CLI_EXIT_USAGE;
    if (rc != SWEEP_POOL_ERROR && sweep_table_save(p, l.rows, csv, o->json) == 0) {
        status = rc == SWEEP_POOL_INTERRUPTED ? SWEEP_EXIT_INTERRUPTED
                 : failed                     ? CLI_EXIT_EXPECT
                                              : CLI_EXIT_OK;
        FILE *say = csv && strcmp(csv, "-") == 0 ? stderr : stdout;
        if (rc == SWEEP_POOL_INTERRUPTED)
            fprintf(say, "hvsim sweep: interrupted: %zu of %zu runs finished; their rows are written\n",
                    done, n);
        else
            fprintf(say, "hvsim sweep: %zu runs, %zu exited 0, %zu did not (see exit_status)\n", n,
                    n - failed, failed);
    }
    for (size_t r = 0; r < n; r++) sweep_row_free(&l.rows[r]);
    free(l.rows);
    return status;
}

/* A copy of argv (*n_args words) with one "-jN" (as make and parallel
 * take it) split into "-j" "N"; NULL when memory runs out. */
static char **split_jobs_option(int argc, char **argv, int *n_args)
{
    char **args = calloc((size_t)argc + 2, sizeof *args);
    if (!args) return NULL;
    int n = 0, split = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!split && i >= 2 && a[0] == '-' && a[1] == 'j' && a[2] >= '0' && a[2] <= '9') {
            args[n++] = "-j";
            args[n++] = (char *)a + 2;
            split = 1;
            continue;
        }
        args[n++] = argv[i];
    }
    args[n] = NULL;
    *n_args = n;
    return args;
}

static const char sweep_usage[] = "hvsim sweep FILE.hvs --vary KEY=VALUES... [options]";
static const char sweep_about[] =
    "Runs a scenario at every point of the cross product of the --vary values, --repeat\n"
    "times each, in worker processes, and writes one row per run: the varied values,\n"
    "repetition, seed, exit status, expectations passed and failed, fingerprint and\n"
    "every metric at the end.  Rows are in run order whatever -j is.  With --jobs-file\n"
    "it runs nothing and writes the runs as commands for GNU parallel or a Slurm array;\n"
    "'hvsim merge DIR' joins their results into the same CSV.  docs/sweeps.md has more.\n"
    "Exit status: 0 every run exited 0, 1 some did not, 2 bad usage or input,\n"
    "130 interrupted (the finished rows are written).";

int cli_cmd_sweep(int argc, char **argv)
{
    sweep_opts o;
    memset(&o, 0, sizeof o);
    const char **pos = calloc((size_t)argc + 2, sizeof *pos);
    o.sets = calloc((size_t)argc + 2, sizeof *o.sets);
    size_t n_pos = 0;
    int status = CLI_EXIT_USAGE;
    sweep_plan plan;
    memset(&plan, 0, sizeof plan);
    if (!pos || !o.sets) {
        cli_error("out of memory");
        goto out;
    }
    int n_args = 0;
    char **args = split_jobs_option(argc, argv, &n_args);
    if (!args) {
        cli_error("out of memory");
        goto out;
    }
    int rc = cli_args_parse(n_args, args, 2, sweep_optdefs, SIM_COUNTOF(sweep_optdefs), on_option,
                            &o, pos, &n_pos);
    free(args);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, sweep_usage, sweep_about, sweep_optdefs, SIM_COUNTOF(sweep_optdefs));
        status = CLI_EXIT_OK;
        goto out;
    }
    if (rc != CLI_ARGS_OK) goto out;
    if (n_pos != 1) {
        cli_error(n_pos ? "sweep: one scenario file at a time" : "sweep: no scenario file given "
                                                                 "(try 'hvsim sweep --help')");
        goto out;
    }
    if (o.slurm && !o.jobs_file) {
        cli_error("--slurm needs --jobs-file F: the array's tasks run its lines");
        goto out;
    }
    if (o.jobs_file && (o.csv || o.json)) {
        cli_error("--jobs-file runs nothing, so --csv and --json have nothing to write; "
                  "'hvsim merge DIR --csv F' writes them from the results");
        goto out;
    }
    if (make_plan(&o, pos[0], &plan) != 0) goto out;
    status = o.jobs_file ? emit_jobs(&plan, &o) : run_local(&plan, &o);
out:
    sweep_plan_free(&plan);
    sweep_spec_free(&o.spec);
    free(o.sets);
    free(pos);
    return status;
}

/* --- merge ------------------------------------------------------------------ */

enum { MOPT_CSV, MOPT_JSON };
static const cli_optdef merge_optdefs[] = {
    [MOPT_CSV] = {"--csv", "F", "write one row per run as CSV (default: to stdout)"},
    [MOPT_JSON] = {"--json", "F", "write every run's whole result as JSON"},
};

typedef struct merge_opts {
    const char *csv, *json;
} merge_opts;

static int on_merge_option(void *user, int idx, const char *value)
{
    merge_opts *o = user;
    if (idx == MOPT_CSV) o->csv = value;
    else o->json = value;
    return 0;
}

/* Reads every run's result from dir into rows.  0, or -1 (reported). */
static int read_results(const sweep_plan *p, const char *dir, sweep_row *rows)
{
    size_t n = sweep_runs(&p->spec), missing = 0;
    char first_missing[512] = "";
    for (size_t r = 0; r < n; r++) {
        char name[64], path[PATH_MAX + 64], why[300];
        sweep_result_name(p, r, name, sizeof name);
        snprintf(path, sizeof path, "%s/%s", dir, name);
        size_t len = 0;
        char *text = cj_read_file(path, &len);
        if (!text) {
            if (missing++ < 5) {
                size_t used = strlen(first_missing);
                snprintf(first_missing + used, sizeof first_missing - used, "%s%s",
                         used ? ", " : "", name);
            }
            continue;
        }
        if (sweep_row_take(&rows[r], path, text, len, why, sizeof why) != 0) {
            fprintf(stderr, "%s\n", why);
            return -1;
        }
    }
    if (missing) {
        cli_error("%zu of %zu runs have no result in %s: %s%s (did their jobs run? a run that stops "
                  "with an error writes none)",
                  missing, n, dir, first_missing, missing > 5 ? ", ..." : "");
        return -1;
    }
    return 0;
}

static const char merge_usage[] = "hvsim merge DIR [--csv F] [--json F]";
static const char merge_about[] =
    "Joins the per-run results of a sweep written with --jobs-file (DIR/sweep.json and\n"
    "DIR/run-*.json, after GNU parallel or a Slurm array ran the commands) into exactly\n"
    "the CSV and JSON a local 'hvsim sweep' writes.  Exit status: 0 every run exited 0,\n"
    "1 some did not, 2 bad usage, or a result is missing or unreadable (nothing written).";

int cli_cmd_merge(int argc, char **argv)
{
    merge_opts o = {NULL, NULL};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    int status = CLI_EXIT_USAGE;
    sweep_plan plan;
    memset(&plan, 0, sizeof plan);
    sweep_row *rows = NULL;
    if (!pos) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    int rc = cli_args_parse(argc, argv, 2, merge_optdefs, SIM_COUNTOF(merge_optdefs),
                            on_merge_option, &o, pos, &n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, merge_usage, merge_about, merge_optdefs, SIM_COUNTOF(merge_optdefs));
        status = CLI_EXIT_OK;
        goto out;
    }
    if (rc != CLI_ARGS_OK) goto out;
    if (n_pos != 1) {
        cli_error("merge: give one sweep directory (try 'hvsim merge --help')");
        goto out;
    }
    char manifest[PATH_MAX + 32], why[600];
    snprintf(manifest, sizeof manifest, "%s/%s", pos[0], SWEEP_MANIFEST);
    if (sweep_manifest_read(manifest, &plan, why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        goto out;
    }
    size_t n = sweep_runs(&plan.spec);
    rows = calloc(n ? n : 1, sizeof *rows);
    if (!rows) {
        cli_error("out of memory");
        goto out;
    }
    if (read_results(&plan, pos[0], rows) != 0) goto out;
    size_t failed = 0;
    for (size_t r = 0; r < n; r++) failed += rows[r].status != 0;
    const char *csv = o.csv ? o.csv : (o.json ? NULL : "-");
    if (sweep_table_save(&plan, rows, csv, o.json) == 0) status = failed ? CLI_EXIT_EXPECT : CLI_EXIT_OK;
out:
    for (size_t r = 0; rows && r < sweep_runs(&plan.spec); r++) sweep_row_free(&rows[r]);
    free(rows);
    sweep_plan_free(&plan);
    free(pos);
    return status;
}
