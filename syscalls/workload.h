/* workload.h: a workload as hvsim costs it -- how many calls of each class
 * touched files in each place, and how many bytes they moved.
 *
 * Every workload source fills one of these: the synthetic profiles under
 * scenarios/profiles/, an imported `strace -f -tt -T` trace, a profile
 * derived from an ELF binary's imports.  The syscall path models price it.
 * Plain data: copy it freely. */
#ifndef HVSIM_MODELS_WORKLOAD_H
#define HVSIM_MODELS_WORKLOAD_H

#include <stdint.h>

#include "syscalls.h"

#define HV_9P_MSIZE_BYTES 65536 /* 9P message size on WSL2 (msize=65536, #14301) */

typedef struct hv_workload {
    char name[64];
    int64_t calls[HV_SYS_CLASS_COUNT][HV_PLACE_COUNT];  /* count */
    int64_t bytes[HV_SYS_CLASS_COUNT][HV_PLACE_COUNT];  /* bytes moved by read/write, bytes */
    int64_t chunks[HV_SYS_CLASS_COUNT][HV_PLACE_COUNT]; /* sum over calls of max(1, ceil(bytes / msize)) */
    int64_t lines;                 /* input lines read (traces), count */
    int64_t skipped;               /* malformed lines skipped with --lenient, count */
    int64_t unknown_calls;         /* calls whose name is not in the table, count */
    char wsl1_blocker[32];         /* first call WSL1 cannot run, "" if none */
    int64_t wsl1_blocker_line;     /* its line (traces) or 0 */
} hv_workload;

void hv_workload_init(hv_workload *w, const char *name);
/* Adds one call: bytes is what it moved (0 for non-I/O). */
void hv_workload_add(hv_workload *w, hv_sys_class c, hv_place p, int64_t bytes);
/* Total calls over every class and place. */
int64_t hv_workload_total(const hv_workload *w);

#endif
