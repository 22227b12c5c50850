/* host.h: the Windows host -- physical RAM, cores, Windows apps' own demand,
 * and the sum of what virtual machines hold on it.
 *
 * Other models tell the host about memory only through events:
 * HV_HOST_RESERVE / HV_HOST_RELEASE with w[0] = bytes and w[1] = the
 * requester's model id.  hv_host_reserve / hv_host_release schedule those
 * events (now, from the caller's handler); they never touch host state.
 * Models that need the host's figures subscribe (HV_HOST_SUBSCRIBE) and get
 * the ledger as an event of their own after every change; models whose
 * behaviour depends on the installed releases subscribe to the boot news. */
#ifndef HVSIM_MODELS_HOST_H
#define HVSIM_MODELS_HOST_H

#include <stdint.h>

#include "engine.h"
#include "model.h"

#define HV_HOST_NAME "host"

/* Event kinds of the host model (index into its event_kinds table). */
enum { HV_HOST_WINDOWS_DEMAND, HV_HOST_RESERVE, HV_HOST_RELEASE, HV_HOST_SUBSCRIBE,
       HV_HOST_REBOOT, HV_HOST_N_KINDS };

/* What a subscription is for: the memory ledger, or the boot news. */
enum { HV_HOST_TOPIC_LEDGER, HV_HOST_TOPIC_BOOT };

/* The ledger a subscriber receives (as its own event kind, chosen when it
 * subscribed) now and after every change: payload word by word. */
enum { HV_LEDGER_RAM, HV_LEDGER_CORES, HV_LEDGER_WINDOWS_USED, HV_LEDGER_VM_RESERVED,
       HV_LEDGER_FREE };
/* The boot news a subscriber receives once at time 0 and again after every
 * `host.reboot`: which releases are installed, and the boot count (1 at the
 * start of a run, 2 after the first reboot ...). */
enum { HV_BOOT_WINDOWS_BUILD, HV_BOOT_WSL_VERSION, HV_BOOT_COUNT };
#define HV_HOST_MAX_SUBSCRIBERS 16
/* Subscriptions and ledgers run before ordinary events of the same instant
 * (priority below SIM_PRIO_NORMAL), so a subscriber knows the host's figures
 * before anything else happens at time 0, and sees every change of an
 * instant before that instant's other events. */
#define HV_HOST_LEDGER_PRIO (-5)

extern const sim_model_ops hv_host_ops;

/* Schedule a reserve / release of `bytes` for the calling model.  host is the
 * host's model id (sim_lookup); a negative id (no host in this engine) makes
 * them do nothing.  Return the event's seq, or 0. */
uint64_t hv_host_reserve(sim_ctx *ctx, int host, int64_t bytes);
uint64_t hv_host_release(sim_ctx *ctx, int host, int64_t bytes);
/* Asks the host to send the calling model its ledger, as event kind
 * reply_kind, now and after every change of RAM use (Windows' demand, any
 * VM's reserve or release).  This is how a model learns the host's RAM,
 * cores and free memory without reading another model's state. */
uint64_t hv_host_subscribe(sim_ctx *ctx, int host, int reply_kind);
/* Asks the host for its boot news (HV_BOOT_* words) as event kind
 * reply_kind: now, and after every reboot.  Models gate on the releases
 * (release.h) and treat a boot count above 1 as "Windows restarted". */
uint64_t hv_host_subscribe_boot(sim_ctx *ctx, int host, int reply_kind);

#endif
