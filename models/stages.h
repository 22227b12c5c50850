/* stages.h: shared helpers for models whose life is a sequence of stages.
 *
 * A machine start is a chain of stages (firmware POST, kernel boot, init...).
 * Each stage is an event of its own kind that runs when the stage BEGINS; its
 * handler draws the stage's duration and schedules the next stage's event
 * that much later.  Durations are a base (a calibrated parameter) scaled by a
 * factor uniform in [1 - jitter, 1 + jitter] from the model's own random
 * stream, so another seed gives another trace and the same seed the same
 * one.  Also: readable formatting of durations and sizes for sim_note().
 * Nothing here keeps state; every function works on the caller's ctx. */
#ifndef HVSIM_MODELS_STAGES_H
#define HVSIM_MODELS_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "engine.h"

/* Text for notes, returned by value so it can be used inline in sim_note's
 * argument list (the temporary lives until the end of the full expression). */
typedef struct hv_text {
    char s[24];
} hv_text;

hv_text hv_fmt_duration(int64_t ns);   /* "1.02 s" */
hv_text hv_fmt_bytes(int64_t bytes);   /* "400 MiB" */

/* A stage duration: base_ns jittered by the model's stream (ratio in 0..1). */
int64_t hv_stage_draw(sim_ctx *ctx, int64_t base_ns, double jitter);

/* Schedules this model's own event `kind` delay_ns from now with payload
 * w[0] = tag (the rest zero).  Returns the event's seq (0 on failure). */
uint64_t hv_stage_after(sim_ctx *ctx, int64_t delay_ns, int kind, int64_t tag);

/* Cancels a pending own event whose seq is kept in *seq (0 = none) and
 * clears *seq.  Returns 1 if one was pending. */
int hv_stage_cancel(sim_ctx *ctx, uint64_t *seq);

/* One stage of a sequence, as static data.  While the stage runs, the int64
 * field at state_offset holds state_value (the model's enum metric); its
 * base duration is the int64 parameter at base_offset; when it is over, the
 * model's event next_kind runs. */
typedef struct hv_stage_def {
    int kind;              /* the event kind that begins this stage */
    size_t state_offset;   /* offsetof(model state, enum field) */
    int64_t state_value;   /* the enum value while the stage runs */
    size_t base_offset;    /* offsetof(model state, duration parameter in ns) */
    int next_kind;         /* event kind scheduled when the stage ends */
    const char *what;      /* the note: what happens in this stage */
} hv_stage_def;

/* The stage in seq[0..n) that begins with event kind `kind`, or NULL. */
const hv_stage_def *hv_stage_find(const hv_stage_def *seq, size_t n, int kind);

/* Begins stage st of the model whose state block is `state`: sets its enum
 * field, draws the duration, schedules next_kind that much later and notes
 * "what (duration)".  Returns the scheduled event's seq (keep it to cancel). */
uint64_t hv_stage_begin(sim_ctx *ctx, void *state, const hv_stage_def *st, double jitter);

#endif
