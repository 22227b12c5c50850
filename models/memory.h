/* memory.h: the utility VM's dynamic memory (model "mem").
 *
 * It follows the utility VM (hv_uvm_subscribe, utility_vm.h): HV_MEM_VM_START
 * and HV_MEM_VM_STOP are the VM's start and stop.  At every start the .wslconfig values configured now (parameters,
 * changed at run time by the `edit` action) are copied into the values in
 * force; an edit made while the VM runs shows only after a stop and a start.
 * The model tells the host about the memory the guest holds above the VM's
 * idle footprint with hv_host_reserve / hv_host_release (host.h). */
#ifndef HVSIM_MODELS_MEMORY_H
#define HVSIM_MODELS_MEMORY_H

#include "engine.h"
#include "model.h"

#define HV_MEM_NAME "mem"

enum {
    HV_MEM_VM_START,       /* from the VM (subscribed in init): it started */
    HV_MEM_VM_STOP,        /* from the VM: it stopped */
    HV_MEM_ALLOC,          /* action: a process allocates anonymous memory */
    HV_MEM_FREE,           /* action: a process frees memory or exits */
    HV_MEM_CACHE,          /* action: files are read through the page cache */
    HV_MEM_BUILD,          /* action: a build grows anon + cache over a duration */
    HV_MEM_DROP_CACHES,    /* action: echo 1 > /proc/sys/vm/drop_caches */
    HV_MEM_EDIT,           /* action: .wslconfig is edited (applies at the next VM start) */
    HV_MEM_BUILD_STEP,     /* timer: the next slice of a build */
    HV_MEM_POLL,           /* timer: WSL's memory-reclaim poll */
    HV_MEM_REPORT,         /* timer: free page reporting hands free pages back */
    HV_MEM_HOST_LEDGER,    /* the host's ledger, sent after every change (subscription) */
    HV_MEM_PRESSURE_BEGIN, /* Windows + VMs want more than the RAM */
    HV_MEM_PRESSURE_END,
    HV_MEM_OOM_KILL,       /* the guest's OOM killer ended a process */
    HV_MEM_BOOT_NEWS,      /* from the host: releases installed, Windows (re)booted */
    HV_MEM_KIND_COUNT
};

/* Values of the autoMemoryReclaim parameter and the reclaim_mode metric. */
enum { HV_MEM_RECLAIM_DISABLED, HV_MEM_RECLAIM_GRADUAL, HV_MEM_RECLAIM_DROPCACHE,
       HV_MEM_RECLAIM_AUTO /* the installed release's default */ };
/* Values of wsl_build: which default-memory rule. */
enum { HV_MEM_BUILD_CURRENT, HV_MEM_BUILD_20175, HV_MEM_BUILD_19028 };
/* Values of reclaim_timing. */
enum { HV_MEM_TIMING_SHIPPED, HV_MEM_TIMING_NEWEST };

/* Where the actions' arguments arrive: the payload word of each, which is
 * its index in the action's argument table (memory_tables.c writes the
 * tables with these indices). */
enum { HV_MEM_ARG_NAME, HV_MEM_ARG_SIZE };                   /* alloc, free */
enum { HV_MEM_CACHE_SIZE };                                  /* cache */
enum { HV_MEM_BUILD_NAME, HV_MEM_BUILD_ANON, HV_MEM_BUILD_CACHE, HV_MEM_BUILD_DURATION };

extern const sim_model_ops hv_mem_ops;

#endif
