/* hypervisor.h: the Type-1 hypervisor under Windows (model "hv").
 *
 * Protocol (events only):
 *   HV_HYP_CREATE_PARTITION  w[0] requester model id, w[1] reply kind,
 *                            w[2] cookie.  After the partition_create time
 *                            the hypervisor sends the requester an event of
 *                            the reply kind with w[0] = partition id (>= 1)
 *                            and w[1] = the cookie, unchanged.
 *   HV_HYP_DESTROY_PARTITION w[0] requester model id, w[1] partition id.
 * hv_hyp_create_partition / hv_hyp_destroy_partition schedule these from
 * the caller's handler; they never touch the hypervisor's state. */
#ifndef HVSIM_MODELS_HYPERVISOR_H
#define HVSIM_MODELS_HYPERVISOR_H

#include <stdint.h>

#include "engine.h"
#include "model.h"

#define HV_HYP_NAME "hv"

enum { HV_HYP_RUNNING, HV_HYP_CREATE_PARTITION, HV_HYP_DESTROY_PARTITION, HV_HYP_N_KINDS };

extern const sim_model_ops hv_hyp_ops;

/* hyp is the hypervisor's model id; negative: nothing is sent (returns 0). */
uint64_t hv_hyp_create_partition(sim_ctx *ctx, int hyp, int reply_kind, int64_t cookie);
uint64_t hv_hyp_destroy_partition(sim_ctx *ctx, int hyp, int64_t partition);

#endif
