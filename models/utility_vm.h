/* utility_vm.h: the WSL2 utility VM (model "uvm"): one lightweight VM on the
 * always-on hypervisor that all distros share; here one distro.
 *
 * Models that live and die with the VM (its network, its memory, its
 * disk's attachment) subscribe at run time, as models follow the host's
 * ledger: hv_uvm_subscribe sends HV_UVM_SUBSCRIBE with the subscriber's own
 * event kinds for "VM started" (the partition exists: HCS sets up network
 * and memory before the kernel boots) and "VM stopped" (it is gone); the
 * VM then sends those events, now, to every subscriber in the order they
 * subscribed.  The VM never knows who listens or what they do. */
#ifndef HVSIM_MODELS_UTILITY_VM_H
#define HVSIM_MODELS_UTILITY_VM_H

#include <stdint.h>

#include "engine.h"
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
    HV_UVM_SUBSCRIBE,     /* a model follows the VM's start and stop (payload below) */
    HV_UVM_WORKLOAD,      /* from sys: a workload wants a shell, as wsl.exe does:
                           * w[0] = reply model, w[1] = reply kind, w[2] = cookie */
    HV_UVM_WORKLOAD_DONE, /* from sys: its processes are gone: w[0] = epoch, w[1] = shell gen */
    HV_UVM_REGISTERED,    /* from vdisk: w[0] = 1 the distro exists, 0 unregistered */
    HV_UVM_N_KINDS
};

/* Values of the `state` metric. */
enum { HV_UVM_STOPPED, HV_UVM_CREATING, HV_UVM_BOOTING, HV_UVM_S_INIT, HV_UVM_RUNNING,
       HV_UVM_STOPPING };
/* Values of the `distro_state` metric ("idle": running, no process, timer on). */
enum { HV_DISTRO_STOPPED, HV_DISTRO_STARTING, HV_DISTRO_RUNNING, HV_DISTRO_IDLE };

/* HV_UVM_SUBSCRIBE's payload, word by word. */
enum { HV_UVM_SUB_WHO, HV_UVM_SUB_START_KIND, HV_UVM_SUB_STOP_KIND };
#define HV_UVM_MAX_SUBSCRIBERS 8
/* Subscriptions run before ordinary events of the same instant. */
#define HV_UVM_SUBSCRIBE_PRIO (-5)
/* The reply to HV_UVM_WORKLOAD, sent to (reply model, reply kind) once the
 * shell is up -- the VM booted, WSL's init done, the distro started:
 * w[0] = cookie, w[1] = 1 (0: refused, no distro registered), w[2] = epoch,
 * w[3] = shell generation (to send back in HV_UVM_WORKLOAD_DONE). */
enum { HV_UVM_REPLY_COOKIE, HV_UVM_REPLY_OK, HV_UVM_REPLY_EPOCH, HV_UVM_REPLY_GEN };

extern const sim_model_ops hv_uvm_ops;

/* Asks the VM (model id uvm; negative: none in this engine, nothing is
 * sent) to send the calling model event start_kind whenever the VM starts
 * and stop_kind whenever it stops.  Call from init.  Returns the seq, or 0. */
uint64_t hv_uvm_subscribe(sim_ctx *ctx, int uvm, int start_kind, int stop_kind);

#endif
