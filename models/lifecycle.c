/* lifecycle.c: VM start/stop notifications to listener models (lifecycle.h). */
#include "lifecycle.h"

#include <stddef.h>

void hv_lifecycle_broadcast(sim_ctx *ctx, int kind)
{
    static const char *const listeners[] = HV_LIFECYCLE_LISTENERS;
    for (size_t i = 0; i < sizeof listeners / sizeof listeners[0]; i++) {
        int id = sim_lookup(ctx, listeners[i]);
        if (id >= 0) sim_schedule(ctx, 0, id, kind, NULL);
    }
}
