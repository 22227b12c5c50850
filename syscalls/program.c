/* program.c: a loaded workload's arrays (see program.h).  Arrays grow by
 * doubling; indices are int32 (a trace of more than 2^31 calls is refused
 * by hv_program_add_call returning -1). */
#include "program.h"

#include <stdlib.h>
#include <string.h>

void hv_program_init(hv_program *p, const char *name, hv_program_source source)
{
    memset(p, 0, sizeof *p);
    hv_workload_init(&p->totals, name);
    p->source = source;
}

void hv_program_free(void *v)
{
    hv_program *p = v;
    if (!p) return;
    free(p->calls);
    free(p->threads);
    free(p->chan_written);
    free(p);
}

/* Makes room for one more element in *arr holding n (capacity: 16, then
 * doubling, so it is full exactly when n is 0 or a power of two >= 16). */
static int room(void **arr, int32_t n, size_t elem)
{
    if (n == INT32_MAX) return -1;
    if (!(n == 0 || (n >= 16 && (n & (n - 1)) == 0))) return 0;
    size_t cap = n == 0 ? 16 : (size_t)n * 2;
    void *t = realloc(*arr, cap * elem);
    if (!t) return -1;
    *arr = t;
    return 0;
}

int32_t hv_program_add_call(hv_program *p, const hv_call *c)
{
    if (room((void **)&p->calls, p->n_calls, sizeof *p->calls) != 0) return -1;
    p->calls[p->n_calls] = *c;
    return p->n_calls++;
}

int32_t hv_program_add_thread(hv_program *p, const hv_thread *t)
{
    if (room((void **)&p->threads, p->n_threads, sizeof *p->threads) != 0) return -1;
    p->threads[p->n_threads] = *t;
    return p->n_threads++;
}

int32_t hv_program_add_chan(hv_program *p)
{
    if (room((void **)&p->chan_written, p->n_chans, sizeof *p->chan_written) != 0) return -1;
    p->chan_written[p->n_chans] = 0;
    return p->n_chans++;
}

int hv_program_from_totals(hv_program *p)
{
    const hv_workload *w = &p->totals;
    hv_thread t = {.first = -1, .parent = -1, .pid = 1};
    if (hv_program_add_thread(p, &t) != 0) return -1;
    int64_t total = hv_workload_total(w), cpu_left = p->cpu_ns, calls_left = total;
    hv_sys_class blocker = HV_SYS_CLASS_COUNT;
    if (w->wsl1_blocker[0]) blocker = hv_sys_classify(w->wsl1_blocker, NULL);
    int32_t prev = -1;
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        for (int pl = 0; pl < HV_PLACE_COUNT; pl++) {
            int64_t n = w->calls[c][pl];
            if (n <= 0) continue;
            /* cpu * n / calls_left, without overflow for any count */
            __extension__ typedef __int128 wide;
            int64_t gap = calls_left > 0 ? (int64_t)((wide)cpu_left * n / calls_left) : 0;
            cpu_left -= gap;
            calls_left -= n;
            hv_call e = {.gap_ns = gap, .bytes = w->bytes[c][pl], .count = n,
                         .chunks = w->chunks[c][pl], .link = -1, .next = -1,
                         .cls = (uint8_t)c, .place = (uint8_t)pl, .sync = HV_SYNC_NONE,
                         .flags = c == (int)blocker ? HV_CALL_WSL1_FAILS : 0};
            int32_t i = hv_program_add_call(p, &e);
            if (i < 0) return -1;
            if (prev < 0) p->threads[0].first = i;
            else p->calls[prev].next = i;
            prev = i;
        }
    }
    p->max_live = 1;
    return 0;
}
