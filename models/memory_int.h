/* memory_int.h: what memory.c (behaviour) and memory_tables.c (the
 * parameter, action and metric tables) share: the model's plain-data state.
 * Not a public API: other models know "mem" only through memory.h. */
#ifndef HVSIM_MODELS_MEMORY_INT_H
#define HVSIM_MODELS_MEMORY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "memory.h"
#include "release.h"

#define MEM_MAX_PROCS 16

typedef struct mem_proc {
    int64_t name;              /* string id; -1 = free slot */
    int64_t gen;               /* bumped whenever the slot's process ends */
    int64_t resident_bytes;    /* anonymous memory in RAM, bytes */
    int64_t swapped_bytes;     /* anonymous memory in swap, bytes */
    int64_t steps_left;        /* build slices still to come, count (0 = not a build) */
    int64_t ramp_anon_bytes;   /* anon still to allocate by the build, bytes */
    int64_t ramp_cache_bytes;  /* files still to read by the build, bytes */
    int64_t step_ns;           /* time between slices, ns */
} mem_proc;

typedef struct mem_state {
    /* parameters: .wslconfig (the values configured at the start) */
    int64_t memory_bytes;          /* 0 = the build's default rule, bytes */
    int64_t swap_bytes;            /* -1 = 25% of memory rounded up to a whole GB, bytes */
    int64_t processors;            /* 0 = all logical processors, count */
    int64_t reclaim;               /* HV_MEM_RECLAIM_* */
    int64_t page_reporting;        /* bool */
    /* parameters: defaults and their history */
    int64_t wsl_build;             /* HV_MEM_BUILD_* */
    double share_current;          /* of host RAM, ratio */
    double share_20175;            /* of host RAM, ratio, with cap_20175 */
    int64_t cap_20175_bytes;       /* bytes */
    double share_19028;            /* of host RAM, ratio */
    int64_t min_memory_bytes;      /* bytes */
    double swap_share;             /* of the VM's memory, ratio */
    int64_t swap_round_bytes;      /* swap rounded up to a multiple of this, bytes */
    /* parameters: free page reporting */
    int64_t report_delay_ns;       /* ns */
    int64_t report_block_bytes;    /* 0 = the Windows build's rule, bytes */
    int64_t report_block_small_bytes, report_block_large_bytes; /* the rule's two sizes, bytes */
    int64_t small_report_min_build;  /* builds from this one report the small blocks */
    int64_t reclaim_since;         /* autoMemoryReclaim exists since (version) */
    int64_t reclaim_default_since; /* dropCache is the default since (version) */
    /* parameters: autoMemoryReclaim timings */
    int64_t timing;                /* HV_MEM_TIMING_* */
    int64_t shipped_poll_ns, shipped_drop_idle_ns, shipped_gradual_idle_ns; /* ns */
    double shipped_gradual_step;   /* of in-use memory per poll, ratio */
    int64_t shipped_gradual_low_bytes, shipped_gradual_high_bytes;          /* bytes */
    int64_t newest_poll_ns, newest_idle_ns;                                 /* ns */
    int64_t newest_cache_floor_bytes;                                       /* bytes */
    int64_t newest_step_divisor;   /* step = cap / this, count */
    int64_t newest_step_min_bytes, newest_step_max_bytes;                   /* bytes */
    /* parameters: modelling */
    int64_t build_slice_ns;        /* a build grows in slices this long, ns */
    /* the .wslconfig as it is now (edit changes these; copied at VM start) */
    int64_t cfg_memory_bytes, cfg_swap_bytes, cfg_processors, cfg_reclaim, cfg_page_reporting;
    /* metrics */
    int64_t running;               /* bool */
    int64_t cap_bytes;             /* the VM's memory size in force, bytes */
    int64_t swap_size_bytes;       /* in force, bytes */
    int64_t vm_processors;         /* in force, count */
    int64_t reclaim_mode;          /* in force, HV_MEM_RECLAIM_* */
    int64_t reporting;             /* page reporting in force, bool */
    int64_t report_block_in_force; /* bytes */
    int64_t pending_restart;       /* bool: .wslconfig differs from what is in force */
    int64_t anon_bytes, swap_used_bytes, cache_bytes, unreported_bytes; /* bytes */
    int64_t guest_free_bytes;      /* cap - anon - cache, bytes */
    int64_t host_bytes;            /* held on the host above the idle footprint, bytes */
    int64_t peak_host_bytes;       /* bytes */
    int64_t processes, oom_kills;  /* count */
    int64_t oom_freed_bytes;       /* anonymous memory of the processes it ended, bytes */
    int64_t reclaimed_bytes;       /* page cache dropped by reclaim or drop_caches, bytes */
    int64_t reported_bytes;        /* handed back by free page reporting, bytes */
    int64_t host_pressure;         /* bool */
    int64_t shortfall_bytes;       /* Windows + VMs - RAM when positive, else 0, bytes */
    int64_t peak_shortfall_bytes;  /* bytes */
    int64_t pressure_episodes;     /* count */
    /* private */
    int64_t host_id;               /* -1 if there is no host model */
    hv_release rel;                /* installed releases (boot news) */
    int64_t host_ram_bytes;        /* from the host's last ledger (0 = not known yet), bytes */
    int64_t host_cores;            /* from the host's last ledger, count */
    int64_t held_bytes;            /* reserved with the host now, bytes */
    int64_t epoch;                 /* bumped at every VM start and stop */
    int64_t last_activity_ns;      /* ns */
    int64_t dropped;               /* bool: dropCache already ran in this idle period */
    int64_t gradual_on;            /* bool: shipped gradual between its thresholds */
    uint64_t report_seq, poll_seq; /* pending events, 0 = none */
    mem_proc procs[MEM_MAX_PROCS];
} mem_state;

extern const char *const hv_mem_reclaim_names[];  /* NULL-terminated */

/* The ops table's functions (memory.c). */
void hv_mem_init(void *state, sim_ctx *ctx);
void hv_mem_handle(void *state, sim_ctx *ctx, const sim_event *ev);
void hv_mem_snapshot(const void *state, sim_snapshot *out);

#endif
