/* queue.h: the future event set.
 *
 * A binary min-heap of events stored by value in one growable array, ordered
 * by sim_event_before.  Cancellation is by mark (as in Redis ae.c): a
 * cancelled seq goes into a small open-addressing set and the event is
 * reaped when it reaches the top, so marking is O(1) amortised and a
 * handler may cancel freely.  Checking that the seq is still pending
 * (sim_queue_cancel) is a scan of the heap keys, O(n); only
 * sim_queue_cancel_unchecked, for a caller that knows, is O(1).  Memory is proportional to the pending events, never
 * to the number processed.
 *
 * The heap holds 16-byte keys (time, priority+seq) and, in a parallel array
 * that moves with them, each key's slab slot; event bodies sit in a slab
 * with a free list, so sifting compares dense small keys and never moves
 * whole events.  A pop leaves a "hole" at
 * the root; if the next operation is a push (the usual case: a handler
 * schedules a follow-up), the new key fills the hole with one sift-down
 * instead of a remove plus an insert.  seq must stay below 2^48 and
 * priority within int16.
 *
 * The interface is deliberately tiny (push, pop-min, peek, cancel) so another
 * structure can be swapped in and benchmarked.  Ownership: the queue owns its
 * arrays; sim_queue_copy makes an independent deep copy (for checkpoints). */
#ifndef HVSIM_SIM_QUEUE_H
#define HVSIM_SIM_QUEUE_H

#include <stddef.h>
#include <stdint.h>

#include "event.h"

/* A heap entry: the ordering key (its body's slot is in hslot).  tie
 * packs (priority + 2^15) into the top 16 bits and seq into the low 48, so
 * one unsigned compare orders priority, then seq. */
typedef struct sim_qkey {
    int64_t time_ns;
    uint64_t tie;
} sim_qkey;

typedef struct sim_queue {
    sim_qkey *heap;      /* heap[0] is the minimum among live and dead */
    uint32_t *hslot;     /* hslot[i]: slab slot of heap[i]; moves with it */
    size_t len, cap;     /* keys in heap, allocated keys */
    sim_event *slab;     /* event bodies; slab_cap entries */
    uint32_t *free_slots;/* stack of unused slab slots */
    size_t n_free, slab_cap;
    int hole;            /* 1: heap[0] was popped and awaits removal (see queue.c) */
    int held;            /* 1: an event handed out by pop_ref awaits release */
    uint32_t held_slot;  /* its slab slot */
    sim_event *retired;  /* a slab replaced while an event was held; freed at release */
    uint64_t *dead;      /* open-addressing set of cancelled seqs; 0 = empty slot */
    size_t dead_len, dead_cap; /* dead_cap is 0 or a power of two */
} sim_queue;

void sim_queue_init(sim_queue *q);
void sim_queue_free(sim_queue *q);
/* Returns 0, or -1 when memory runs out (the queue is unchanged). */
int sim_queue_push(sim_queue *q, const sim_event *ev);
/* Two-step push that writes the event in place: reserve returns the slot
 * for the next event (NULL when memory runs out), the caller fills every
 * field, then commit inserts it.  No other queue call may come between. */
sim_event *sim_queue_reserve(sim_queue *q);
void sim_queue_commit(sim_queue *q);
/* Removes the earliest live event without copying it: the pointer stays
 * valid (even across pushes that grow the queue) until sim_queue_release,
 * which must come before the next pop.  NULL if the queue is empty. */
const sim_event *sim_queue_pop_ref(sim_queue *q);
void sim_queue_release(sim_queue *q);
/* Removes the earliest live event into *out; returns 0 if the queue is empty. */
int sim_queue_pop(sim_queue *q, sim_event *out);
/* The earliest live event, or NULL; reaps cancelled events on the way. */
const sim_event *sim_queue_peek(sim_queue *q);
/* Marks the pending event with this seq cancelled.  Returns 0, or -1 if no
 * pending event has it (already run, already cancelled, or unknown).  O(n)
 * for the membership check: use sim_queue_cancel_unchecked in hot paths
 * when the caller knows the event is pending. */
int sim_queue_cancel(sim_queue *q, uint64_t seq);
int sim_queue_cancel_unchecked(sim_queue *q, uint64_t seq);
/* Live (not cancelled) pending events. */
size_t sim_queue_size(const sim_queue *q);
/* Deep copy of src into dst (dst is initialised by this call). 0 or -1. */
int sim_queue_copy(sim_queue *dst, const sim_queue *src);
/* Bytes owned by the queue (for checkpoint accounting and benchmarks). */
size_t sim_queue_bytes(const sim_queue *q);

#endif
