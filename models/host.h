/* host.h: the Windows host -- physical RAM, cores, Windows apps' own demand,
 * and the sum of what virtual machines hold on it.
 *
 * Other models tell the host about memory only through events:
 * HV_HOST_RESERVE / HV_HOST_RELEASE with w[0] = bytes and w[1] = the
 * requester's model id.  hv_host_reserve / hv_host_release schedule those
 * events (now, from the caller's handler); they never touch host state. */
#ifndef HVSIM_MODELS_HOST_H
#define HVSIM_MODELS_HOST_H

#include <stdint.h>

#include "engine.h"
#include "model.h"

#define HV_HOST_NAME "host"

/* Event kinds of the host model (index into its event_kinds table). */
enum { HV_HOST_WINDOWS_DEMAND, HV_HOST_RESERVE, HV_HOST_RELEASE, HV_HOST_N_KINDS };

extern const sim_model_ops hv_host_ops;

/* Schedule a reserve / release of `bytes` for the calling model.  host is the
 * host's model id (sim_lookup); a negative id (no host in this engine) makes
 * them do nothing.  Return the event's seq, or 0. */
uint64_t hv_host_reserve(sim_ctx *ctx, int host, int64_t bytes);
uint64_t hv_host_release(sim_ctx *ctx, int host, int64_t bytes);

#endif
