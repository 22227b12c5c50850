/* syscall_path.h: workloads run as processes on a machine (model "sys").
 *
 * Actions: `sys.run workload=W path=P fs=F` starts workload W (a built-in
 * profile name, a .wl file or a strace trace, loaded before the run) on
 * path P (native, wsl2, wsl1, windows) with its own files on F (ext4 or ~:
 * the path's Linux file system; /mnt/c or mntc: the Windows drive).  Runs
 * start at once and run side by side (at most HV_RP_RUNS).
 * `sys.compare workload=W fs=F` runs W on native, WSL2 and WSL1 one after
 * the other and names the winner.
 * A run replays the workload's processes (replay.h): their user-mode time,
 * their calls at the staged cost of the path (syscall_cost.h), their waits
 * for one another, the CPU queue of their machine and the 9P server's
 * queue.  A burst of calls ends in an event of the stage it was in
 * (native "syscall"; WSL2 "guest_kernel", "vmbus", "host"; WSL1 "trap" ..
 * "map_back"; Windows "win_io" ...).  The answer is the simulated wall time.
 * A call WSL1 cannot translate ends the WSL1 run there, with WSL1's errno.
 * On WSL2 (when the engine has the uvm model) a run first asks the utility
 * VM for a shell, as wsl.exe does -- a stopped VM boots, WSL's init runs,
 * the distro starts -- and its processes start once the shell is up; an
 * unregistered distro refuses (the run fails without running).  When it
 * ends, the shell exits (the distro's idle timer may start) and the bytes
 * its processes wrote to ext4 go to the vdisk model (the vhdx grows).
 * Costs and replay parameters: every one a parameter of this model. */
#ifndef HVSIM_MODELS_SYSCALL_PATH_H
#define HVSIM_MODELS_SYSCALL_PATH_H

#include "model.h"
#include "replay.h"
#include "syscall_cost.h"

#define HV_SYSP_MODEL_NAME "sys"

enum {
    HV_SYSP_RUN,     /* action */
    HV_SYSP_COMPARE, /* action */
    HV_SYSP_STAGE0,  /* HV_SYSP_STAGE0 + hv_stage: a burst of calls ends in that stage */
    HV_SYSP_REPLAY0 = HV_SYSP_STAGE0 + HV_STAGE_COUNT, /* + HV_RP_EV_*: replay events */
    HV_SYSP_VM_READY = HV_SYSP_REPLAY0 + HV_RP_EV_COUNT, /* uvm: the workload's shell is up */
    HV_SYSP_KIND_COUNT
};

/* Values of the `winner` and `last_path` metrics: hv_path + 1, 0 = none. */
extern const sim_model_ops hv_sys_ops;

/* The cost table inside a "sys" state block (hv_sys_ops.state_size bytes,
 * parameters written with sim_model_write_param): `hvsim compare` prices
 * with the same parameters, --set included, that a scenario would use. */
const hv_cost_table *hv_sys_costs(const void *state);

/* The figures of the last finished run on `path` in a "sys" state block. */
const hv_rp_stats *hv_sys_path_stats(const void *state, hv_path path);

#endif
