/* syscall_path.h: a workload run through a system-call path (model "sys").
 *
 * Actions: `sys.run workload=git-status path=wsl1 fs=ext4` runs one canned
 * profile (profiles.h) on one path; `sys.compare workload=... fs=mntc`
 * runs it on native, WSL2 and WSL1 one after the other and names the
 * winner.  Runs queue up; each one is a chain of events, one per stage of
 * the path and per (class, place) batch of calls: native "syscall"; WSL2
 * "guest_kernel" then, only for I/O that leaves the VM, "vmbus" and
 * "host"; WSL1 "trap", "intercept", "translate", "nt_execute", "map_back";
 * a Windows process (\\wsl$) "win_io", "vmbus", "guest_kernel".  Each event
 * carries a batch's call count and time in its note and lasts that long,
 * so a million-call workload is a few hundred events.  A call WSL1 cannot
 * translate ends the WSL1 run at its batch with WSL1's errno.
 * Costs: syscall_cost.h (every one a parameter of this model). */
#ifndef HVSIM_MODELS_SYSCALL_PATH_H
#define HVSIM_MODELS_SYSCALL_PATH_H

#include "model.h"
#include "syscall_cost.h"

#define HV_SYSP_MODEL_NAME "sys"

enum {
    HV_SYSP_RUN,     /* action */
    HV_SYSP_COMPARE, /* action */
    HV_SYSP_BEGIN,   /* a queued run starts: the profile is loaded */
    HV_SYSP_STAGE0,  /* HV_SYSP_STAGE0 + hv_stage: one stage of one batch */
    HV_SYSP_CPU = HV_SYSP_STAGE0 + HV_STAGE_COUNT, /* user-mode time outside syscalls */
    HV_SYSP_DONE,
    HV_SYSP_KIND_COUNT
};

/* Values of the `winner` and `last_path` metrics: hv_path + 1, 0 = none. */
extern const sim_model_ops hv_sys_ops;

/* The cost table inside a "sys" state block (hv_sys_ops.state_size bytes,
 * parameters written with sim_model_write_param): `hvsim compare` prices
 * with the same parameters, --set included, that a scenario would use. */
const hv_cost_table *hv_sys_costs(const void *state);

#endif
