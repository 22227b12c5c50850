/* sweep_spec.h: what a sweep varies -- the axes of `--vary`, their cross
 * product, and each run's seed.
 *
 *   --vary KEY=V1,V2,...      the values as written (each goes to --set)
 *   --vary KEY=LO..HI:STEP    LO, LO+STEP, ... up to HI (inclusive), with
 *                             units as in scenarios: 30s..2min:30s,
 *                             1GB..4GB:1GB, 10..50:10, 25%..75%:25%
 *
 * KEY is a scenario `param` or MODEL.PARAM.  A range of a MODEL.PARAM takes
 * the parameter's type (a range of an enum, bool, address or string is an
 * error: list the values); a range of a scenario `param` (untyped text)
 * takes the first of count, duration, size, ratio that reads all three of
 * LO, HI and STEP.  Generated values are written back in the largest unit
 * that holds every one of them exactly, preferring the units the user
 * wrote: 30s..2min:30s gives 30s 60s 90s 120s; 1s..2s:500ms gives 1000ms
 * 1500ms 2000ms.
 *
 * Points: the cross product, the first --vary varying slowest (nested
 * loops in the order given); runs: each point `repeat` times, repetition
 * innermost.  Run r (0-based) is point r / repeat, repetition r % repeat.
 *
 * Seeds (documented in docs/sweeps.md): with M(x) one splitmix64 step of
 * state x (sim_splitmix64),
 *     seed = M(M(M(base) ^ point) ^ repetition) & (2^63 - 1)
 * with point and repetition 0-based; with common seeds the point term is
 * 0, so every point's repetition k uses the same seed (common random
 * numbers across points).
 *
 * Errors are values: functions return 0 or -1 with a reason in why. */
#ifndef HVSIM_CLI_SWEEP_SPEC_H
#define HVSIM_CLI_SWEEP_SPEC_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

#define SWEEP_MAX_VALUES 100000   /* values one --vary may expand to */
#define SWEEP_MAX_RUNS 1000000    /* runs in one sweep */

typedef struct sweep_axis {
    char *key;          /* "uvm.vm_idle_timeout" or a scenario param (owned) */
    char **values;      /* as given to --set (owned) */
    size_t n;
} sweep_axis;

typedef struct sweep_spec {
    sweep_axis *axes;   /* owned, in --vary order */
    size_t n_axes;
    size_t repeat;      /* >= 1 */
    uint64_t base_seed;
    int common_seeds;   /* 1: the seed ignores the point */
} sweep_spec;

/* Parses one --vary value into an axis; models is the registry (for the
 * type of a MODEL.PARAM range).  0, or -1 with why. */
int sweep_axis_parse(const char *text, const sim_model_ops *const *models, size_t n_models,
                     sweep_axis *out, char *why, size_t why_cap);
void sweep_axis_free(sweep_axis *a);

/* Adds an axis (taken over: *a is zeroed); refuses a key varied twice.
 * 0, or -1 with why. */
int sweep_spec_add(sweep_spec *s, sweep_axis *a, char *why, size_t why_cap);
void sweep_spec_free(sweep_spec *s);

size_t sweep_points(const sweep_spec *s);      /* product of the axes' sizes */
size_t sweep_runs(const sweep_spec *s);        /* points * repeat */
/* The value of axis `axis` at point `point`. */
const char *sweep_value(const sweep_spec *s, size_t point, size_t axis);
uint64_t sweep_seed(const sweep_spec *s, size_t point, size_t repetition);

#endif
