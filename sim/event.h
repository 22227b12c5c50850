/* event.h: an event is plain data.
 *
 * Key (time_ns, priority, seq): earlier time first, then lower priority,
 * then lower seq.  seq comes from a per-engine counter that increases with
 * every schedule call, so events with equal time and priority run in the
 * order they were scheduled, and it doubles as the event's id (for cancel
 * and for `cause`).  The payload is a fixed array of words: no allocation
 * per event. */
#ifndef HVSIM_SIM_EVENT_H
#define HVSIM_SIM_EVENT_H

#include <stdint.h>
#include <string.h>

#define SIM_PAYLOAD_WORDS 6
#define SIM_SEQ_LIMIT (UINT64_C(1) << 48) /* every seq is below this (the queue's key) */

/* Priorities used by the kernel; models normally use SIM_PRIO_NORMAL. */
enum {
    SIM_PRIO_NARRATION = -10, /* `say` lines come before the action they explain */
    SIM_PRIO_NORMAL = 0,
    SIM_PRIO_EXPECT = 100     /* expectations see the state after the instant */
};

typedef struct sim_payload {
    int64_t w[SIM_PAYLOAD_WORDS];
} sim_payload;

typedef struct sim_event {
    int64_t time_ns;   /* when it runs; >= the clock when scheduled */
    int32_t priority;  /* tie-break at equal time; lower runs first; within int16 */
    uint16_t target;   /* model id in the engine */
    uint16_t kind;     /* index into the target's event_kinds */
    uint64_t seq;      /* schedule order and event id; unique per engine, 1 .. SIM_SEQ_LIMIT-1 */
    uint64_t cause;    /* seq of the event whose handler scheduled it; 0 = scenario */
    sim_payload p;
} sim_event;

static inline int sim_event_before(const sim_event *a, const sim_event *b)
{
    if (a->time_ns != b->time_ns) return a->time_ns < b->time_ns;
    if (a->priority != b->priority) return a->priority < b->priority;
    return a->seq < b->seq;
}

static inline void sim_payload_set_ratio(sim_payload *p, int i, double r)
{
    memcpy(&p->w[i], &r, sizeof r);
}

static inline double sim_payload_ratio(const sim_payload *p, int i)
{
    double r;
    memcpy(&r, &p->w[i], sizeof r);
    return r;
}

#endif
