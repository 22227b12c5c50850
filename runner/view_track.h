/* view_track.h: one pane of the viewer -- an engine, the index of its whole
 * run, and the checkpoints that let it reach any event quickly.
 *
 * vt_build instantiates the scenario and runs it once to the end (the
 * pre-scan), indexing every dispatched event (24 bytes each, plus its note in
 * a capped text pool) and saving a checkpoint every `every` events.  When the
 * checkpoints' bytes pass the cap, every other one is freed and `every`
 * doubles, so checkpoint k is always at event k * every.  The engine is then
 * restored to event 0.
 *
 * vt_goto(n) restores checkpoint n / every (unless n is ahead and in reach
 * by stepping) and steps forward with no observer: one restore and at most
 * `every` steps, wherever n is.  Only this file moves the track's engine. */
#ifndef HVSIM_CLI_VIEW_TRACK_H
#define HVSIM_CLI_VIEW_TRACK_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "engine.h"
#include "frame.h"
#include "scenario.h"

typedef struct vt_rec {
    int64_t time_ns;
    uint32_t note;        /* offset into the note pool; UINT32_MAX: none kept */
    uint16_t model;       /* engine model id */
    uint16_t kind;
    int16_t cause_model;  /* model that scheduled it; -1: the scenario */
    uint8_t cls;          /* vz_class */
    uint8_t pad;
} vt_rec;

typedef struct vt_track {
    sim_engine *eng;
    int director;
    vt_rec *recs;              /* recs[i] is event i + 1 */
    uint64_t n, cap;
    char *notes;               /* NUL-separated note texts */
    size_t notes_len, notes_cap;
    sim_checkpoint **cps;      /* cps[k]: state before event k * every + 1 */
    size_t n_cps, cap_cps;
    uint64_t every;
    size_t cp_bytes, cp_cap_bytes;
    uint64_t final_fp;         /* fingerprint after the whole run */
    size_t final_failed;       /* expectations failed or not checked */
    size_t n_expect;
    int truncated;             /* the pre-scan hit max_events */
    int64_t end_ns;            /* time of the last event */
    uint64_t last_replayed;    /* steps taken by the last vt_goto */
    int last_restored;
} vt_track;

#define VT_NOTES_CAP ((size_t)64 << 20)

int vt_build(vt_track *t, const scn_scenario *s, const uint64_t *seed, int64_t stop_ns,
             uint64_t max_events, uint64_t every, size_t cap_bytes, sim_diag_list *diags);
void vt_free(vt_track *t);

/* Events dispatched now. */
uint64_t vt_pos(const vt_track *t);
/* Moves the engine to just after event n (0 = the start).  0 or -1. */
int vt_goto(vt_track *t, uint64_t n);
/* Event idx (1-based) of the run. */
const vt_rec *vt_rec_at(const vt_track *t, uint64_t idx);
/* Its note ("" if none was kept). */
const char *vt_note(const vt_track *t, uint64_t idx);

#endif
