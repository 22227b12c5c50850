/* program.h: a workload as the simulation receives it -- loaded before the
 * run by import/ (a built-in profile, a .wl file or a strace trace) and
 * immutable from then on.
 *
 * The "sys" model gets it as a shared block (sim/shared.h): an action's
 * event carries the block's index, never a pointer, so the model's state
 * stays plain data and a checkpoint does not copy the workload.  Nothing
 * in a model reads a file.
 *
 * What it holds: the per (class, place) totals every path prices
 * (workload.h), the user-mode time a profile states, and for a trace what
 * the trace itself measured (its wall span and the sum of its -T
 * durations), so a replay can be checked against it. */
#ifndef HVSIM_SYSCALLS_PROGRAM_H
#define HVSIM_SYSCALLS_PROGRAM_H

#include <stdint.h>

#include "workload.h"

typedef enum hv_program_source {
    HV_PROGRAM_PROFILE, /* a *.wl profile (built-in or a file) */
    HV_PROGRAM_TRACE    /* a `strace -f -tt -T` trace */
} hv_program_source;

typedef struct hv_program {
    hv_workload totals;         /* calls, bytes and 9P chunks per class and place */
    hv_program_source source;
    int64_t cpu_ns;             /* user-mode time outside system calls, ns */
    int64_t trace_span_ns;      /* traces: last timestamp minus first, ns; 0 = unknown */
    int64_t trace_call_ns;      /* traces: sum of the -T durations, ns */
} hv_program;

/* A zeroed program named `name`. */
void hv_program_init(hv_program *p, const char *name, hv_program_source source);
/* Frees a heap program (the shared block's destroy function); NULL is ignored. */
void hv_program_free(void *p);

#endif
