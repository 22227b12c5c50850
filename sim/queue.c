/* queue.c: binary min-heap of events by value, with cancel-by-mark.
 *
 * Invariants: heap[0..len) is a heap under sim_event_before; every seq in
 * the dead set belongs to an event still in the heap (it is removed from the
 * set when that event is reaped), so len - dead_len is the live count.
 * Dead events are reaped lazily when they reach the top.  The dead set is
 * open addressing with linear probing and backward-shift deletion; it is
 * kept at most half full. */
#include "queue.h"

#include <stdlib.h>
#include <string.h>

void sim_queue_init(sim_queue *q) { memset(q, 0, sizeof *q); }

void sim_queue_free(sim_queue *q)
{
    free(q->heap);
    free(q->dead);
    memset(q, 0, sizeof *q);
}

/* --- the dead set -------------------------------------------------------- */

static size_t dead_slot(uint64_t seq, size_t cap)
{
    return (size_t)((seq * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1);
}

static int dead_contains(const sim_queue *q, uint64_t seq)
{
    if (q->dead_len == 0) return 0;
    for (size_t i = dead_slot(seq, q->dead_cap);; i = (i + 1) & (q->dead_cap - 1)) {
        if (q->dead[i] == seq) return 1;
        if (q->dead[i] == 0) return 0;
    }
}

static int dead_grow(sim_queue *q)
{
    size_t cap = q->dead_cap ? q->dead_cap * 2 : 16;
    uint64_t *t = calloc(cap, sizeof *t);
    if (!t) return -1;
    for (size_t i = 0; i < q->dead_cap; i++) {
        if (!q->dead[i]) continue;
        size_t j = dead_slot(q->dead[i], cap);
        while (t[j]) j = (j + 1) & (cap - 1);
        t[j] = q->dead[i];
    }
    free(q->dead);
    q->dead = t;
    q->dead_cap = cap;
    return 0;
}

static int dead_insert(sim_queue *q, uint64_t seq)
{
    if ((q->dead_len + 1) * 2 > q->dead_cap && dead_grow(q) != 0) return -1;
    size_t i = dead_slot(seq, q->dead_cap);
    while (q->dead[i]) {
        if (q->dead[i] == seq) return 1; /* already marked */
        i = (i + 1) & (q->dead_cap - 1);
    }
    q->dead[i] = seq;
    q->dead_len++;
    return 0;
}

/* Removes seq if present; returns 1 if it was there. */
static int dead_remove(sim_queue *q, uint64_t seq)
{
    if (q->dead_len == 0) return 0;
    size_t mask = q->dead_cap - 1, i = dead_slot(seq, q->dead_cap);
    while (q->dead[i] != seq) {
        if (q->dead[i] == 0) return 0;
        i = (i + 1) & mask;
    }
    /* Backward-shift deletion keeps every probe chain unbroken. */
    for (size_t j = (i + 1) & mask; q->dead[j]; j = (j + 1) & mask) {
        size_t home = dead_slot(q->dead[j], q->dead_cap);
        if (((j - home) & mask) >= ((j - i) & mask)) {
            q->dead[i] = q->dead[j];
            i = j;
        }
    }
    q->dead[i] = 0;
    q->dead_len--;
    return 1;
}

/* --- the heap ------------------------------------------------------------ */

static void sift_up(sim_event *h, size_t i)
{
    sim_event e = h[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!sim_event_before(&e, &h[parent])) break;
        h[i] = h[parent];
        i = parent;
    }
    h[i] = e;
}

static void sift_down(sim_event *h, size_t len, size_t i)
{
    sim_event e = h[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= len) break;
        if (c + 1 < len && sim_event_before(&h[c + 1], &h[c])) c++;
        if (!sim_event_before(&h[c], &e)) break;
        h[i] = h[c];
        i = c;
    }
    h[i] = e;
}

int sim_queue_push(sim_queue *q, const sim_event *ev)
{
    if (q->len == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 64;
        sim_event *h = realloc(q->heap, cap * sizeof *h);
        if (!h) return -1;
        q->heap = h;
        q->cap = cap;
    }
    q->heap[q->len] = *ev;
    sift_up(q->heap, q->len++);
    return 0;
}

static void remove_top(sim_queue *q)
{
    q->heap[0] = q->heap[--q->len];
    if (q->len) sift_down(q->heap, q->len, 0);
}

static void reap_dead_top(sim_queue *q)
{
    while (q->len && q->dead_len && dead_remove(q, q->heap[0].seq)) remove_top(q);
}

const sim_event *sim_queue_peek(sim_queue *q)
{
    reap_dead_top(q);
    return q->len ? &q->heap[0] : NULL;
}

int sim_queue_pop(sim_queue *q, sim_event *out)
{
    reap_dead_top(q);
    if (!q->len) return 0;
    *out = q->heap[0];
    remove_top(q);
    return 1;
}

int sim_queue_cancel_unchecked(sim_queue *q, uint64_t seq)
{
    return dead_insert(q, seq) == 0 ? 0 : -1;
}

int sim_queue_cancel(sim_queue *q, uint64_t seq)
{
    if (seq == 0 || dead_contains(q, seq)) return -1;
    for (size_t i = 0; i < q->len; i++)
        if (q->heap[i].seq == seq) return sim_queue_cancel_unchecked(q, seq);
    return -1;
}

size_t sim_queue_size(const sim_queue *q) { return q->len - q->dead_len; }

int sim_queue_copy(sim_queue *dst, const sim_queue *src)
{
    sim_queue_init(dst);
    if (src->len) {
        dst->heap = malloc(src->len * sizeof *dst->heap);
        if (!dst->heap) return -1;
        memcpy(dst->heap, src->heap, src->len * sizeof *dst->heap);
        dst->len = dst->cap = src->len;
    }
    if (src->dead_cap) {
        dst->dead = malloc(src->dead_cap * sizeof *dst->dead);
        if (!dst->dead) {
            sim_queue_free(dst);
            return -1;
        }
        memcpy(dst->dead, src->dead, src->dead_cap * sizeof *dst->dead);
        dst->dead_cap = src->dead_cap;
        dst->dead_len = src->dead_len;
    }
    return 0;
}

size_t sim_queue_bytes(const sim_queue *q)
{
    return q->cap * sizeof *q->heap + q->dead_cap * sizeof *q->dead;
}
