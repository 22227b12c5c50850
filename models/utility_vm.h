/* utility_vm.h: the WSL2 utility VM (model "uvm"): one lightweight VM on the
 * always-on hypervisor that all distros share; here one distro. */
#ifndef HVSIM_MODELS_UTILITY_VM_H
#define HVSIM_MODELS_UTILITY_VM_H

#include "model.h"

#define HV_UVM_NAME "uvm"

enum {
    HV_UVM_START, HV_UVM_EXIT, HV_UVM_RUN, HV_UVM_SHUTDOWN,      /* actions */
    HV_UVM_CREATE_VM,     /* reply from hv: partition ready, HCS stage begins */
    HV_UVM_KERNEL_BOOT, HV_UVM_INIT,                             /* stages */
    HV_UVM_VM_READY, HV_UVM_DISTRO_START, HV_UVM_DISTRO_READY,
    HV_UVM_PROCESS_START, HV_UVM_PROCESS_EXIT,
    HV_UVM_DISTRO_IDLE, HV_UVM_VM_IDLE,                          /* timers */
    HV_UVM_VM_STOPPED,
    HV_UVM_BOOT_NEWS,     /* from the host: releases installed, Windows (re)booted */
    HV_UVM_N_KINDS
};

/* Values of the `state` metric. */
enum { HV_UVM_STOPPED, HV_UVM_CREATING, HV_UVM_BOOTING, HV_UVM_S_INIT, HV_UVM_RUNNING,
       HV_UVM_STOPPING };
/* Values of the `distro_state` metric ("idle": running, no process, timer on). */
enum { HV_DISTRO_STOPPED, HV_DISTRO_STARTING, HV_DISTRO_RUNNING, HV_DISTRO_IDLE };

extern const sim_model_ops hv_uvm_ops;

#endif
