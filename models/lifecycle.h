/* lifecycle.h: the utility VM tells other models when it starts and stops.
 *
 * Several models live and die with the VM (its network, its memory, its
 * disk's attachment).  Each such listener reserves its event kinds 0 and 1
 * for HV_LIFECYCLE_VM_START and HV_LIFECYCLE_VM_STOP; the utility VM calls
 * hv_lifecycle_broadcast from its handler and every registered listener gets
 * the event now, in the order of HV_LIFECYCLE_LISTENERS.  A listener that is
 * not registered in the engine is skipped.  Models stay decoupled: the VM
 * only knows the listeners' names, never their state or code. */
#ifndef HVSIM_MODELS_LIFECYCLE_H
#define HVSIM_MODELS_LIFECYCLE_H

#include "engine.h"

enum { HV_LIFECYCLE_VM_START = 0, HV_LIFECYCLE_VM_STOP = 1 };

/* Names of the models that listen, in notification order.  Add a new
 * listener here (and reserve kinds 0 and 1 in it). */
#define HV_LIFECYCLE_LISTENERS {"vnic", "mem", "vdisk"}

void hv_lifecycle_broadcast(sim_ctx *ctx, int kind);

#endif
