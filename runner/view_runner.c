/* view_runner.c: opening the panes, merging them in time order, moving the
 * position, and the viewer's commands (see view_runner.h; the frames are
 * built in view_frame.c).
 *
 * Positions are merged event numbers.  With one pane, merged event m is the
 * pane's event m; with two, which[m-1] says whose it is and pre0[m] how many
 * of the first m are pane 0's, so a position maps to both panes' positions
 * in O(1).  The lists the frame needs at every position (narration, the
 * expectations passed so far) are sorted index arrays searched by bisection,
 * so building a frame does not cost more late in a long run than early.
 *
 * Playing: each tick moves the shown clock by wall time times the speed and
 * steps every event up to it.  Animations use the sum of the ticks' wall
 * time, never a clock of their own, so headless frames are reproducible. */
#include "view_runner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "director.h"
#include "view_runner_int.h"

#define FAST_EVENTS_PER_TICK 2000

typedef struct speed_def {
    double factor;            /* simulated s per wall s; 0: fast, no animation */
    const char *name;
} speed_def;

static const speed_def speeds[] = {
    {0.1, "0.1x real time"}, {0.25, "0.25x real time"}, {0.5, "0.5x real time"},
    {1, "1x real time"},     {2, "2x real time"},       {5, "5x real time"},
    {10, "10x real time"},   {30, "30x real time"},     {100, "100x real time"},
    {0, "fast (no animation)"},
};
#define SPEED_DEFAULT 3

/* --- merged positions ----------------------------------------------------- */
uint64_t vr_pane_pos(const vr_runner *r, int p, uint64_t m)
{
    if (r->n_panes == 1) return m;
    return p == 0 ? r->pre0[m] : m - r->pre0[m];
}

/* Pane and pane-local event number of merged event m (1-based). */
int vr_merged_event(const vr_runner *r, uint64_t m, uint64_t *idx)
{
    if (r->n_panes == 1) {
        *idx = m;
        return 0;
    }
    int p = r->which[m - 1];
    *idx = vr_pane_pos(r, p, m);
    return p;
}

const vt_rec *vr_merged_rec(const vr_runner *r, uint64_t m, int *pane, uint64_t *idx)
{
    uint64_t i;
    int p = vr_merged_event(r, m, &i);
    if (pane) *pane = p;
    if (idx) *idx = i;
    return vt_rec_at(&r->tr[p], i);
}

int64_t vr_merged_time(const vr_runner *r, uint64_t m)
{
    return m ? vr_merged_rec(r, m, NULL, NULL)->time_ns : 0;
}

/* The last merged event with time <= t (0 if none). */
static uint64_t last_at_or_before(const vr_runner *r, int64_t t)
{
    uint64_t lo = 0, hi = r->total; /* answer in [lo, hi] */
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo + 1) / 2;
        if (vr_merged_time(r, mid) <= t) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

/* Entries of l that are <= m. */
size_t vr_count_upto(const idx_list *l, uint64_t m)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (l->v[mid] <= m) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

static int idx_push(idx_list *l, uint64_t m, int pass)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        uint64_t *v = realloc(l->v, cap * sizeof *v);
        if (!v) return -1;
        l->v = v;
        uint8_t *p = realloc(l->pass, cap);
        if (!p) return -1;
        l->pass = p;
        l->cap = cap;
    }
    l->v[l->n] = m;
    l->pass[l->n++] = (uint8_t)pass;
    return 0;
}

static void idx_free(idx_list *l)
{
    free(l->v);
    free(l->pass);
    memset(l, 0, sizeof *l);
}

/* Builds which/pre0, the narration and expectation lists, the timeline. */
static int build_merged(vr_runner *r)
{
    r->total = 0;
    for (int p = 0; p < r->n_panes; p++) r->total += r->tr[p].n;
    if (r->n_panes == 2) {
        r->which = malloc(r->total ? r->total : 1);
        r->pre0 = malloc((r->total + 1) * sizeof *r->pre0);
        if (!r->which || !r->pre0) return -1;
        uint64_t a = 0, b = 0;
        r->pre0[0] = 0;
        for (uint64_t m = 0; m < r->total; m++) {
            int take0 = a < r->tr[0].n &&
                        (b >= r->tr[1].n || r->tr[0].recs[a].time_ns <= r->tr[1].recs[b].time_ns);
            r->which[m] = take0 ? 0 : 1;
            if (take0) a++;
            else b++;
            r->pre0[m + 1] = a;
        }
    }
    r->end_ns = 0;
    for (int p = 0; p < r->n_panes; p++)
        if (r->tr[p].end_ns > r->end_ns) r->end_ns = r->tr[p].end_ns;
    size_t n_notable = 0;
    for (uint64_t m = 1; m <= r->total; m++) {
        int p;
        const vt_rec *rec = vr_merged_rec(r, m, &p, NULL);
        int bin = r->end_ns > 0 ? (int)((double)rec->time_ns / (double)r->end_ns *
                                        (VZ_DENSITY_BINS - 1))
                                : 0;
        r->density[bin]++;
        if (rec->cls == VZ_EV_SAY && p == 0 && idx_push(&r->says, m, 1) != 0) return -1;
        if ((rec->cls == VZ_EV_EXPECT_PASS || rec->cls == VZ_EV_EXPECT_FAIL) &&
            idx_push(&r->expects[p], m, rec->cls == VZ_EV_EXPECT_PASS) != 0)
            return -1;
        if (rec->cls != VZ_EV_MODEL && (p == 0 || rec->cls != VZ_EV_SAY)) n_notable++;
    }
    /* Timeline marks: narration, actions and expectations, evenly thinned
     * if there are more than the frame holds. */
    size_t stride = n_notable / VZ_MAX_MARKS + 1, seen = 0;
    for (uint64_t m = 1; m <= r->total && r->n_marks < VZ_MAX_MARKS; m++) {
        int p;
        const vt_rec *rec = vr_merged_rec(r, m, &p, NULL);
        if (rec->cls == VZ_EV_MODEL || (p == 1 && rec->cls == VZ_EV_SAY)) continue;
        if (seen++ % stride) continue;
        vz_mark *k = &r->marks[r->n_marks++];
        k->time_ns = rec->time_ns;
        k->index = m;
        k->cls = (vz_class)rec->cls;
        k->pane = p;
    }
    return 0;
}

/* --- opening ------------------------------------------------------------ */
int vr_open(const vr_options *opt, vr_runner **out, sim_diag_list *diags)
{
    *out = NULL;
    if (opt->n_panes < 1 || opt->n_panes > VZ_MAX_PANES) {
        sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "the viewer shows 1 or 2 panes");
        return -1;
    }
    vr_runner *r = calloc(1, sizeof *r);
    if (!r || !(r->frame = malloc(sizeof *r->frame))) {
        free(r);
        sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "out of memory");
        return -1;
    }
    r->n_panes = opt->n_panes;
    for (int p = 0; p < r->n_panes; p++) {
        int64_t stop = opt->stop_ns;
        int64_t end = scn_end_ns(opt->scn[p]);
        if (end >= 0 && (stop < 0 || end < stop)) stop = end;
        if (vt_build(&r->tr[p], opt->scn[p], opt->seed, stop,
                     opt->max_events ? opt->max_events : VR_DEFAULT_MAX_EVENTS,
                     opt->checkpoint_every ? opt->checkpoint_every : VR_DEFAULT_EVERY,
                     opt->checkpoint_cap_bytes ? opt->checkpoint_cap_bytes : VR_DEFAULT_CAP_BYTES,
                     diags) != 0) {
            r->n_panes = p;
            vr_free(r);
            return -1;
        }
        snprintf(r->label[p], sizeof r->label[p], "%s",
                 opt->label[p] ? opt->label[p] : (p ? "variant" : "as written"));
    }
    snprintf(r->title, sizeof r->title, "%s", scn_title(opt->scn[0]));
    snprintf(r->path, sizeof r->path, "%s", opt->path ? opt->path : "");
    if (build_merged(r) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "out of memory");
        vr_free(r);
        return -1;
    }
    r->speed = SPEED_DEFAULT;
    r->present = opt->present;
    r->filter_model = -1;
    r->selected_model = -1;
    r->select_follows = 1;
    *out = r;
    return 0;
}

void vr_free(vr_runner *r)
{
    if (!r) return;
    for (int p = 0; p < r->n_panes; p++) {
        vt_free(&r->tr[p]);
        idx_free(&r->expects[p]);
    }
    idx_free(&r->says);
    free(r->which);
    free(r->pre0);
    free(r->frame);
    free(r);
}

/* --- moving ------------------------------------------------------------- */
uint64_t vr_position(const vr_runner *r) { return r->pos; }
uint64_t vr_total(const vr_runner *r) { return r->total; }
const sim_engine *vr_engine(const vr_runner *r, int pane) { return r->tr[pane].eng; }
uint64_t vr_fingerprint(const vr_runner *r, int pane)
{
    return sim_engine_fingerprint(r->tr[pane].eng);
}
uint64_t vr_final_fingerprint(const vr_runner *r, int pane) { return r->tr[pane].final_fp; }
size_t vr_final_failed(const vr_runner *r, int pane) { return r->tr[pane].final_failed; }

static int move_to(vr_runner *r, uint64_t m)
{
    if (m > r->total) m = r->total;
    for (int p = 0; p < r->n_panes; p++)
        if (vt_goto(&r->tr[p], vr_pane_pos(r, p, m)) != 0) return -1;
    r->pos = m;
    r->view_ns = vr_merged_time(r, m);
    return 0;
}

static void ring_push(vr_runner *r, uint64_t m, double wall_s)
{
    if (r->ring_n == VZ_MAX_RECENT) {
        memmove(r->ring, r->ring + 1, (VZ_MAX_RECENT - 1) * sizeof r->ring[0]);
        r->ring_n--;
    }
    r->ring[r->ring_n].m = m;
    r->ring[r->ring_n++].wall_s = wall_s;
}

/* A jump: the new position's event is shown as already arrived. */
int vr_goto(vr_runner *r, uint64_t pos)
{
    int rc = move_to(r, pos);
    r->ring_n = 0;
    if (r->pos) ring_push(r, r->pos, r->wall_s - ANIM_S);
    r->log_scroll = 0;
    return rc;
}

int vr_goto_time(vr_runner *r, int64_t t_ns)
{
    int rc = vr_goto(r, last_at_or_before(r, t_ns));
    r->view_ns = t_ns;
    return rc;
}

static void step_forward(vr_runner *r)
{
    if (r->pos >= r->total) return;
    move_to(r, r->pos + 1);
    ring_push(r, r->pos, r->wall_s);
    r->log_scroll = 0;
}

vr_stats vr_get_stats(const vr_runner *r)
{
    vr_stats s = {0};
    s.checkpoints = r->tr[0].n_cps;
    s.checkpoint_bytes = r->tr[0].cp_bytes;
    s.every = r->tr[0].every;
    for (int p = 0; p < r->n_panes; p++) {
        s.last_replayed += r->tr[p].last_replayed;
        s.last_restored |= r->tr[p].last_restored;
    }
    return s;
}

void vr_play_to(vr_runner *r, int64_t t_ns, double wall_dt_s)
{
    r->wall_s += wall_dt_s;
    while (r->pos < r->total && vr_merged_time(r, r->pos + 1) <= t_ns) step_forward(r);
    r->view_ns = t_ns;
}

void vr_tick(vr_runner *r, double wall_dt_s)
{
    if (!r->playing) {
        r->wall_s += wall_dt_s;
        return;
    }
    if (r->pos >= r->total) {
        r->wall_s += wall_dt_s;
        r->playing = 0;
        return;
    }
    if (speeds[r->speed].factor == 0) {
        r->wall_s += wall_dt_s;
        uint64_t to = r->pos + FAST_EVENTS_PER_TICK;
        vr_goto(r, to < r->total ? to : r->total);
    } else {
        vr_play_to(r, r->view_ns + (int64_t)(wall_dt_s * speeds[r->speed].factor * 1e9),
                   wall_dt_s);
    }
    if (r->pos >= r->total) {
        r->playing = 0;
        r->view_ns = vr_merged_time(r, r->total);
    }
}

/* --- commands ----------------------------------------------------------- */
static void set_message(vr_runner *r, const char *msg)
{
    snprintf(r->message, sizeof r->message, "%s", msg);
}

/* To the next narration, past every event of its instant: the narration
 * runs just before the actions it announces (and several may be said at one
 * time), so stopping on the `say` itself would show the words before the
 * picture they describe. */
static void next_say(vr_runner *r)
{
    size_t k = vr_count_upto(&r->says, r->pos);
    if (k < r->says.n) {
        vr_goto(r, last_at_or_before(r, vr_merged_time(r, r->says.v[k])));
        return;
    }
    set_message(r, "no narration after this point");
}

static void next_expect(vr_runner *r)
{
    uint64_t best = 0;
    for (int p = 0; p < r->n_panes; p++) {
        size_t k = vr_count_upto(&r->expects[p], r->pos);
        if (k < r->expects[p].n && (!best || r->expects[p].v[k] < best)) best = r->expects[p].v[k];
    }
    if (best) vr_goto(r, best);
    else set_message(r, "no expectation after this point");
}

static void run_to_text(vr_runner *r, const char *text)
{
    sim_value v;
    char why[160] = "";
    memset(&v, 0, sizeof v);
    if (scn_parse_value(text, SIM_T_DURATION, NULL, &v, why, sizeof why) != 0 || v.i < 0) {
        snprintf(r->message, sizeof r->message, "not a time: '%s' %s", text, why);
        return;
    }
    vr_goto_time(r, v.i);
}

int vr_model_count(const vr_runner *r)
{
    return sim_engine_model_count(r->tr[0].eng) - 1; /* the director is last */
}

const char *vr_speed_name(const vr_runner *r) { return speeds[r->speed].name; }

int vr_command(vr_runner *r, const vz_cmd *c)
{
    r->message[0] = 0;
    int n_models = vr_model_count(r);
    switch (c->kind) {
    case VZ_CMD_QUIT: return 1;
    case VZ_CMD_PLAY_PAUSE:
        if (r->pos >= r->total && !r->playing) vr_goto(r, 0);
        r->playing = !r->playing;
        break;
    case VZ_CMD_STEP:
        r->playing = 0;
        if (r->pos >= r->total) set_message(r, "end of the run");
        step_forward(r);
        break;
    case VZ_CMD_BACK:
        r->playing = 0;
        if (r->pos == 0) set_message(r, "this is the start of the run");
        else vr_goto(r, r->pos - 1);
        break;
    case VZ_CMD_NEXT_SAY: r->playing = 0; next_say(r); break;
    case VZ_CMD_NEXT_EXPECT: r->playing = 0; next_expect(r); break;
    case VZ_CMD_RUN_TO_TIME:
        r->playing = 0;
        r->entry_active = 0;
        run_to_text(r, c->text);
        break;
    case VZ_CMD_SPEED_UP:
        if (r->speed + 1 < (int)SIM_COUNTOF(speeds)) r->speed++;
        break;
    case VZ_CMD_SPEED_DOWN:
        if (r->speed > 0) r->speed--;
        break;
    case VZ_CMD_RESTART: r->playing = 0; vr_goto(r, 0); break;
    case VZ_CMD_TO_END: r->playing = 0; vr_goto(r, r->total); break;
    case VZ_CMD_JUMP_EVENT:
        r->playing = 0;
        vr_goto(r, c->arg < 0 ? 0 : (uint64_t)c->arg);
        break;
    case VZ_CMD_JUMP_TIME: r->playing = 0; vr_goto_time(r, c->arg < 0 ? 0 : c->arg); break;
    case VZ_CMD_SELECT:
        r->inspector_scroll = 0;
        if (c->arg >= 0 && c->arg < n_models) {
            r->selected_model = (int)c->arg;
            r->selected_pane = c->pane >= 0 && c->pane < r->n_panes ? c->pane : 0;
            r->select_follows = 0;
        }
        break;
    case VZ_CMD_SELECT_NEXT:
        r->inspector_scroll = 0;
        r->select_follows = 0;
        r->selected_model = (r->selected_model + 1) % (n_models > 0 ? n_models : 1);
        break;
    case VZ_CMD_FILTER_MODEL:
        r->filter_model = r->filter_model + 1 >= n_models ? -1 : r->filter_model + 1;
        r->log_scroll = 0;
        break;
    case VZ_CMD_FILTER_KIND:
        r->filter_kind = (r->filter_kind + 1) % VZ_FILTER_COUNT;
        r->log_scroll = 0;
        break;
    case VZ_CMD_LOG_SCROLL:
        r->log_scroll += (int)c->arg;
        if (r->log_scroll < 0) r->log_scroll = 0;
        break;
    case VZ_CMD_INSPECTOR_SCROLL: {
        /* at most every line of the largest model (the viewer clamps to the
         * selected one), so scrolling back up answers at once */
        const sim_engine *eng = r->tr[0].eng;
        int most = 0;
        for (int i = 0; i < n_models; i++) {
            const sim_model_ops *ops = sim_engine_model_ops(eng, i);
            int lines = (int)(ops->n_metrics + ops->n_params) + 3;
            if (lines > most) most = lines;
        }
        r->inspector_scroll += (int)c->arg;
        if (r->inspector_scroll > most) r->inspector_scroll = most;
        if (r->inspector_scroll < 0) r->inspector_scroll = 0;
        break;
    }
    case VZ_CMD_PRESENT: r->present = !r->present; break;
    case VZ_CMD_HELP: r->help = !r->help; break;
    case VZ_CMD_ENTRY_BEGIN: r->entry_active = 1; r->entry[0] = 0; r->playing = 0; break;
    case VZ_CMD_ENTRY_TEXT: {
        size_t len = strlen(r->entry);
        snprintf(r->entry + len, sizeof r->entry - len, "%s", c->text);
        break;
    }
    case VZ_CMD_ENTRY_BACKSPACE: {
        size_t len = strlen(r->entry);
        if (len) r->entry[len - 1] = 0;
        break;
    }
    case VZ_CMD_ENTRY_CANCEL: r->entry_active = 0; r->entry[0] = 0; break;
    default: break;
    }
    return 0;
}

/* --- the viewer's host -------------------------------------------------- */
static const vz_frame *host_frame(void *u) { return vr_frame(u); }
static int host_command(void *u, const vz_cmd *c) { return vr_command(u, c); }
static void host_tick(void *u, double dt) { vr_tick(u, dt); }

vz_host vr_host(vr_runner *r)
{
    vz_host h = {r, host_frame, host_command, host_tick};
    return h;
}
