/* view_runner.h: the viewer's runner -- owns the engines, moves simulated
 * time, builds the frames the viewer draws (viz/frame.h).
 *
 * This is the only place simulated time moves while a scenario is viewed.
 * On open, each pane's engine runs the whole scenario once (the pre-scan):
 * every dispatched event is indexed (time, model, kind, the model that
 * caused it, its note) so the timeline and the log can show the whole run,
 * and a checkpoint is saved every K events.  When the checkpoints pass a
 * memory cap, every other one is dropped and K doubles (thinning), so the
 * memory stays bounded and the checkpoints stay evenly spaced.  The engine is
 * then restored to the start.
 *
 * Moving to event N (step, step back, jump) restores the nearest checkpoint
 * at or before N and replays forward with no observer, unless N is ahead of
 * the current position and closer than that checkpoint; so reaching any
 * event costs one restore plus at most K steps wherever it is in the run.
 *
 * Read-only: the runner changes model state only by stepping the engine
 * (and restoring its own checkpoints); it draws no random numbers.  For the
 * same scenario, seed and --set values, pane 0's fingerprint at the end is
 * the one `hvsim run` prints.
 *
 * Two panes (side by side) run the same scenario with different --set
 * values; their events are merged in time order (pane 0 first at equal
 * times), and a position is a merged event number.
 *
 * Errors are values (sim_diag_list); nothing here prints. */
#ifndef HVSIM_CLI_VIEW_RUNNER_H
#define HVSIM_CLI_VIEW_RUNNER_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "engine.h"
#include "frame.h"
#include "scenario.h"

typedef struct vr_runner vr_runner;

typedef struct vr_options {
    const scn_scenario *scn[VZ_MAX_PANES]; /* one per pane (loaded with each pane's --set) */
    const char *label[VZ_MAX_PANES];       /* shown above each pane; may be NULL */
    int n_panes;                           /* 1 or 2 */
    const char *path;                      /* the scenario file, for the top bar */
    const uint64_t *seed;                  /* NULL: the scenario's seed */
    int64_t stop_ns;                       /* -1: the scenario's `end` or the queue empties */
    uint64_t max_events;                   /* per pane; 0: VR_DEFAULT_MAX_EVENTS */
    uint64_t checkpoint_every;             /* K at the start; 0: VR_DEFAULT_EVERY */
    size_t checkpoint_cap_bytes;           /* per pane; 0: VR_DEFAULT_CAP_BYTES */
    int present;                           /* 1: start in presentation mode */
} vr_options;

#define VR_DEFAULT_MAX_EVENTS 5000000ULL
#define VR_DEFAULT_EVERY 256ULL
#define VR_DEFAULT_CAP_BYTES ((size_t)256 << 20)

/* 0 and *out, or -1 with a diagnostic. */
int vr_open(const vr_options *opt, vr_runner **out, sim_diag_list *diags);
void vr_free(vr_runner *r);

/* The frame for the current state (rebuilt when something changed). */
const vz_frame *vr_frame(vr_runner *r);
/* Carries out a viewer command; 1 means quit. */
int vr_command(vr_runner *r, const vz_cmd *cmd);
/* Wall time passed (seconds): a playing run advances, animations move. */
void vr_tick(vr_runner *r, double wall_dt_s);
/* The three callbacks above as the viewer's vz_host. */
vz_host vr_host(vr_runner *r);

/* Position control (merged event numbers, 0 = before the first event). */
uint64_t vr_position(const vr_runner *r);
uint64_t vr_total(const vr_runner *r);
int vr_goto(vr_runner *r, uint64_t pos);
/* Goes to the last event at or before t_ns and shows the clock at t_ns. */
int vr_goto_time(vr_runner *r, int64_t t_ns);
/* Plays forward to t_ns (>= the shown time) as if wall_dt_s seconds of wall
 * time had passed: each event reached starts its animation, as when the
 * window plays.  For video frames at fixed steps of simulated time. */
void vr_play_to(vr_runner *r, int64_t t_ns, double wall_dt_s);

/* The live engine of a pane (read-only) and its fingerprint now. */
const sim_engine *vr_engine(const vr_runner *r, int pane);
uint64_t vr_fingerprint(const vr_runner *r, int pane);
/* Fingerprint at the end of the pre-scan (the whole run). */
uint64_t vr_final_fingerprint(const vr_runner *r, int pane);
/* Expectations that failed or were not checked in the whole run (like
 * `hvsim run`'s exit status). */
size_t vr_final_failed(const vr_runner *r, int pane);

typedef struct vr_stats {
    size_t checkpoints;        /* kept, pane 0 */
    size_t checkpoint_bytes;   /* their total size, pane 0 */
    uint64_t every;            /* current spacing K, pane 0 */
    uint64_t last_replayed;    /* events stepped by the last goto (all panes) */
    int last_restored;         /* 1 if the last goto restored a checkpoint */
} vr_stats;
vr_stats vr_get_stats(const vr_runner *r);

#endif
