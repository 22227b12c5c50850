/* queue.c: binary min-heap of events by value, with cancel-by-mark.
 *
 * Invariants: heap[0..len) is a heap of keys; when `hole` is set, heap[0] is
 * an event already handed out whose slot is already free, and it is removed
 * before any other operation looks at the heap.  Every seq in the dead set
 * belongs to an event still in the heap (it leaves the set when that event
 * is reaped), so len - hole - dead_len is the live count.  Slots in
 * free_slots are exactly those neither referenced by a live heap key nor
 * held by an event handed out with sim_queue_pop_ref (until its release).
 * Dead events are reaped lazily when they reach the top.  The dead set is
 * open addressing with linear probing and backward-shift deletion; it is
 * kept at most half full.  The documented limits (seq in 1 .. 2^48-1,
 * priority within int16, release before the next pop) are asserted; the
 * engine checks a model's arguments before they get here. */
#include "queue.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

void sim_queue_init(sim_queue *q) { memset(q, 0, sizeof *q); }

void sim_queue_free(sim_queue *q)
{
    free(q->retired);
    free(q->heap);
    free(q->hslot);
    free(q->slab);
    free(q->free_slots);
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

static int key_before(const sim_qkey *a, const sim_qkey *b)
{
    return a->time_ns < b->time_ns || (a->time_ns == b->time_ns && a->tie < b->tie);
}

static uint64_t seq_of(const sim_qkey *k) { return k->tie & (SIM_SEQ_LIMIT - 1); }

static void sift_up(sim_qkey *h, uint32_t *hs, size_t i)
{
    sim_qkey e = h[i];
    uint32_t es = hs[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!key_before(&e, &h[parent])) break;
        h[i] = h[parent];
        hs[i] = hs[parent];
        i = parent;
    }
    h[i] = e;
    hs[i] = es;
}

/* Branch-free choice of the smaller child: with random keys that choice is a
 * coin toss, and a mispredicted branch per level costs more than the compare. */
static size_t smaller_child(const sim_qkey *h, size_t c)
{
    const sim_qkey *a = &h[c], *b = &h[c + 1];
    size_t right = (size_t)((b->time_ns < a->time_ns) |
                            ((b->time_ns == a->time_ns) & (b->tie < a->tie)));
    return c + right;
}

static void sift_down(sim_qkey *h, uint32_t *hs, size_t len, size_t i)
{
    sim_qkey e = h[i];
    uint32_t es = hs[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= len) break;
#if defined(__GNUC__)
        /* Large heaps miss the cache at every level: fetch the grandchildren
         * (4 keys, 64 bytes, contiguous) while this level is compared. */
        if (4 * i + 6 < len) __builtin_prefetch(&h[4 * i + 3]);
#endif
        if (c + 1 < len) c = smaller_child(h, c);
        if (!key_before(&h[c], &e)) break;
        h[i] = h[c];
        hs[i] = hs[c];
        i = c;
    }
    h[i] = e;
    hs[i] = es;
}

/* Removes the root (its slab slot must already be released). */
static void remove_top(sim_queue *q)
{
    --q->len;
    q->heap[0] = q->heap[q->len];
    q->hslot[0] = q->hslot[q->len];
    if (q->len) sift_down(q->heap, q->hslot, q->len, 0);
}

/* Settles a pending hole left by sim_queue_pop. */
static void fill_hole(sim_queue *q)
{
    if (q->hole) {
        q->hole = 0;
        remove_top(q);
    }
}

static int grow(sim_queue *q)
{
    size_t cap = q->cap ? q->cap * 2 : 64;
    sim_qkey *h = realloc(q->heap, cap * sizeof *h);
    if (!h) return -1;
    q->heap = h;
    uint32_t *hs = realloc(q->hslot, cap * sizeof *hs);
    if (!hs) return -1;
    q->hslot = hs;
    /* Not realloc: while a popped event is held (sim_queue_pop_ref) its
     * body must stay where it is, so the old slab is retired, not freed,
     * until sim_queue_release. */
    sim_event *slab = malloc(cap * sizeof *slab);
    if (!slab) return -1;
    if (q->slab_cap) memcpy(slab, q->slab, q->slab_cap * sizeof *slab);
    if (q->held && !q->retired)
        q->retired = q->slab; /* the held body lives here: keep it */
    else
        free(q->slab);        /* nothing points into it (or it is a later copy) */
    q->slab = slab;
    uint32_t *fs = realloc(q->free_slots, cap * sizeof *fs);
    if (!fs) return -1;
    q->free_slots = fs;
    for (size_t i = cap; i > q->slab_cap; i--) q->free_slots[q->n_free++] = (uint32_t)(i - 1);
    q->slab_cap = q->cap = cap;
    return 0;
}

sim_event *sim_queue_reserve(sim_queue *q)
{
    if (q->n_free == 0 && grow(q) != 0) return NULL;
    return &q->slab[q->free_slots[q->n_free - 1]];
}

void sim_queue_commit(sim_queue *q)
{
    assert(q->n_free > 0);
    uint32_t slot = q->free_slots[--q->n_free];
    const sim_event *ev = &q->slab[slot];
    assert(ev->seq > 0 && ev->seq < SIM_SEQ_LIMIT);
    assert(ev->priority >= INT16_MIN && ev->priority <= INT16_MAX);
    sim_qkey k = {ev->time_ns, ((uint64_t)(uint16_t)(ev->priority + 32768) << 48) | ev->seq};
    if (q->hole) { /* replace the popped root: one sift instead of two */
        q->hole = 0;
        q->heap[0] = k;
        q->hslot[0] = slot;
        sift_down(q->heap, q->hslot, q->len, 0);
    } else {
        q->heap[q->len] = k;
        q->hslot[q->len] = slot;
        sift_up(q->heap, q->hslot, q->len++);
    }
}

int sim_queue_push(sim_queue *q, const sim_event *ev)
{
    sim_event *slot = sim_queue_reserve(q);
    if (!slot) return -1;
    *slot = *ev;
    sim_queue_commit(q);
    return 0;
}

static void release_top(sim_queue *q)
{
    q->free_slots[q->n_free++] = q->hslot[0];
    remove_top(q);
}

static void reap_dead_top(sim_queue *q)
{
    fill_hole(q);
    while (q->len && q->dead_len && dead_remove(q, seq_of(&q->heap[0]))) release_top(q);
}

const sim_event *sim_queue_peek(sim_queue *q)
{
    reap_dead_top(q);
    return q->len ? &q->slab[q->hslot[0]] : NULL;
}

const sim_event *sim_queue_pop_ref(sim_queue *q)
{
    assert(!q->held); /* sim_queue_release comes before the next pop */
    reap_dead_top(q);
    if (!q->len) return NULL;
    uint32_t slot = q->hslot[0];
    const sim_event *ev = &q->slab[slot];
    q->held = 1;
    q->held_slot = slot;
    q->hole = 1; /* removed lazily: see sim_queue_commit */
#if defined(__GNUC__)
    /* The next root is one of the root's children (or the event the
     * handler is about to push): start fetching their bodies now, while the
     * handler runs and the hole is filled. */
    for (size_t c = 1; c <= 2 && c < q->len; c++) __builtin_prefetch(&q->slab[q->hslot[c]]);
#endif
    return ev;
}

void sim_queue_release(sim_queue *q)
{
    if (!q->held) return;
    q->held = 0;
    q->free_slots[q->n_free++] = q->held_slot;
    if (q->retired) { /* rare: only after the slab grew under a held event */
        free(q->retired);
        q->retired = NULL;
    }
}

int sim_queue_pop(sim_queue *q, sim_event *out)
{
    const sim_event *ev = sim_queue_pop_ref(q);
    if (!ev) return 0;
    *out = *ev;
    sim_queue_release(q);
    return 1;
}

int sim_queue_cancel_unchecked(sim_queue *q, uint64_t seq)
{
    assert(seq > 0 && seq < SIM_SEQ_LIMIT);
    return dead_insert(q, seq) == 0 ? 0 : -1;
}

int sim_queue_cancel(sim_queue *q, uint64_t seq)
{
    fill_hole(q);
    if (seq == 0 || dead_contains(q, seq)) return -1;
    for (size_t i = 0; i < q->len; i++)
        if (seq_of(&q->heap[i]) == seq) return sim_queue_cancel_unchecked(q, seq);
    return -1;
}

size_t sim_queue_size(const sim_queue *q) { return q->len - (size_t)q->hole - q->dead_len; }

static void *dup_array(const void *src, size_t n, size_t size)
{
    void *p = malloc(n ? n * size : 1);
    if (p && n) memcpy(p, src, n * size);
    return p;
}

int sim_queue_copy(sim_queue *dst, const sim_queue *src)
{
    sim_queue_init(dst);
    *dst = *src;
    dst->retired = NULL; /* owned by src until its release */
    dst->heap = dup_array(src->heap, src->cap, sizeof *src->heap);
    dst->hslot = dup_array(src->hslot, src->cap, sizeof *src->hslot);
    dst->slab = dup_array(src->slab, src->slab_cap, sizeof *src->slab);
    dst->free_slots = dup_array(src->free_slots, src->slab_cap, sizeof *src->free_slots);
    dst->dead = dup_array(src->dead, src->dead_cap, sizeof *src->dead);
    if (!dst->heap || !dst->hslot || !dst->slab || !dst->free_slots || !dst->dead) {
        sim_queue_free(dst);
        return -1;
    }
    return 0;
}

size_t sim_queue_bytes(const sim_queue *q)
{
    return q->cap * (sizeof *q->heap + sizeof *q->hslot + sizeof *q->slab + sizeof *q->free_slots) +
           q->dead_cap * sizeof *q->dead;
}
