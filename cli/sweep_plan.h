/* sweep_plan.h: a sweep written down -- which scenario, what is varied,
 * what is fixed, the column names -- and the one `hvsim run` command line
 * of each run.
 *
 * Every route runs the same command for run r (1-based in names and in the
 * CSV's `run` column):
 *
 *   hvsim run SCENARIO --seed SEED [--until T] [--set FIXED]... \
 *             --set KEY=VALUE... --json DIR/run-0007.json
 *
 * A local sweep runs it in forked workers (cli_cmd_run in-process), a jobs
 * file lists it for GNU parallel or a Slurm array, and the results are
 * joined by the same code (sweep_table.h), so the CSVs are identical.
 *
 * The manifest (DIR/sweep.json, written beside a jobs file and read by
 * `hvsim merge`) holds the plan:
 *
 *   {"format": 1, "scenario": "/abs/idle-shutdown.hvs", "base_seed": 1,
 *    "repeat": 1, "common_seeds": false, "until": null, "sets": [],
 *    "axes": [{"key": "uvm.vm_idle_timeout", "values": ["30s", "60s"]}],
 *    "metrics": ["host.ram", ...], "runs": 2}
 *
 * Ownership: the plan owns every string and array in it. */
#ifndef HVSIM_CLI_SWEEP_PLAN_H
#define HVSIM_CLI_SWEEP_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "engine.h"
#include "sweep_spec.h"

#define SWEEP_MANIFEST "sweep.json"

typedef struct sweep_plan {
    char *scenario;        /* absolute path */
    sweep_spec spec;
    char **sets;           /* fixed --set K=V for every run */
    size_t n_sets;
    char *until;           /* --until as written, or NULL */
    char **metrics;        /* MODEL.METRIC columns, engine order */
    size_t n_metrics;
} sweep_plan;

void sweep_plan_free(sweep_plan *p);

/* Fills p->metrics from an instantiated engine of the scenario.  0 or -1. */
int sweep_plan_take_metrics(sweep_plan *p, const sim_engine *eng);

/* The result file name of run r (0-based): "run-0007.json" (at least four
 * digits, more for sweeps of 10,000 runs or more). */
void sweep_result_name(const sweep_plan *p, size_t r, char *buf, size_t cap);

/* The argv of run r (0-based), NULL-terminated, argv[0] = hvsim, results
 * into dir.  Free with sweep_argv_free.  NULL when memory runs out. */
char **sweep_run_argv(const sweep_plan *p, size_t r, const char *hvsim, const char *dir);
void sweep_argv_free(char **argv);
size_t sweep_argv_count(char *const *argv);

/* Writes argv as one line a POSIX shell reads back word for word. */
void sweep_shell_line(FILE *f, char *const *argv);

/* The manifest.  Write: 0, or -1 on a write error.  Read: 0, or -1 with a
 * reason in why (p is then empty). */
int sweep_manifest_write(FILE *f, const sweep_plan *p);
int sweep_manifest_read(const char *path, sweep_plan *p, char *why, size_t why_cap);

#endif
