/* wsl1.h: WSL1 (model "wsl1"): no VM at all; Linux processes are pico
 * processes of the Windows kernel, their syscalls translated to NT. */
#ifndef HVSIM_MODELS_WSL1_H
#define HVSIM_MODELS_WSL1_H

#include "model.h"

#define HV_WSL1_NAME "wsl1"

enum {
    HV_WSL1_START, HV_WSL1_EXIT, HV_WSL1_RUN, HV_WSL1_SHUTDOWN, /* actions */
    HV_WSL1_INSTANCE_CREATE,                                  /* stage */
    HV_WSL1_INSTANCE_READY, HV_WSL1_PROCESS_START, HV_WSL1_PROCESS_EXIT,
    HV_WSL1_BOOT_NEWS,    /* from the host: Windows (re)booted */
    HV_WSL1_INSTANCE_IDLE, /* timer: no process for instance_idle_timeout */
    HV_WSL1_N_KINDS
};

/* Values of the `state` metric. */
enum { HV_WSL1_STOPPED, HV_WSL1_CREATING, HV_WSL1_RUNNING };

extern const sim_model_ops hv_wsl1_ops;

#endif
