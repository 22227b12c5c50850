/* workload.c: the aggregate every workload source fills (see workload.h).
 *
 * A call adds to its (class, place) cell: one call, its bytes, and its
 * 9P message count -- max(1, ceil(bytes / 64 KiB)) -- so the 9P path can
 * charge one round trip per message without keeping each call's size.
 * Counts saturate at INT64_MAX instead of wrapping. */
#include "workload.h"

#include <string.h>

void hv_workload_init(hv_workload *w, const char *name)
{
    memset(w, 0, sizeof *w);
    if (name) {
        size_t n = strlen(name);
        if (n >= sizeof w->name) n = sizeof w->name - 1;
        memcpy(w->name, name, n);
        w->name[n] = '\0';
    }
}

static void add_sat(int64_t *x, int64_t v)
{
    *x = (v > 0 && *x > INT64_MAX - v) ? INT64_MAX : *x + v;
}

void hv_workload_add(hv_workload *w, hv_sys_class c, hv_place p, int64_t bytes)
{
    if ((unsigned)c >= HV_SYS_CLASS_COUNT || (unsigned)p >= HV_PLACE_COUNT) return;
    if (bytes < 0) bytes = 0;
    int64_t chunks = bytes / HV_9P_MSIZE_BYTES + (bytes % HV_9P_MSIZE_BYTES != 0);
    add_sat(&w->calls[c][p], 1);
    add_sat(&w->bytes[c][p], bytes);
    add_sat(&w->chunks[c][p], chunks > 0 ? chunks : 1);
}

int64_t hv_workload_total(const hv_workload *w)
{
    int64_t total = 0;
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++)
        for (int p = 0; p < HV_PLACE_COUNT; p++) add_sat(&total, w->calls[c][p]);
    return total;
}
