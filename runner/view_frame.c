/* view_frame.c: the frames the viewer draws, built from the engines (see
 * view_runner.h).  Every model's status comes from its snapshot, its
 * metrics and parameters from its tables, formatted with the kernel's
 * value formatting; nothing here changes a model.  The log walks back from
 * the position (by the narration and expectation index lists when the
 * filter is one of those, else a bounded scan), so a frame late in a long
 * run costs what one early does. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "director.h"
#include "view_model.h"
#include "view_runner_int.h"

static int passes_filter(const vr_runner *r, const vt_rec *rec)
{
    if (r->filter_model >= 0 && rec->model != r->filter_model) return 0;
    switch (r->filter_kind) {
    case VZ_FILTER_NARRATION: return rec->cls == VZ_EV_SAY;
    case VZ_FILTER_EXPECT: return rec->cls == VZ_EV_EXPECT_PASS || rec->cls == VZ_EV_EXPECT_FAIL;
    case VZ_FILTER_ACTIONS: return rec->cls == VZ_EV_ACTION;
    case VZ_FILTER_MODEL_EVENTS: return rec->cls == VZ_EV_MODEL;
    default: return 1;
    }
}

static void fill_logline(const vr_runner *r, vz_logline *l, uint64_t m)
{
    int p;
    uint64_t idx;
    const vt_rec *rec = vr_merged_rec(r, m, &p, &idx);
    const sim_engine *eng = r->tr[p].eng;
    const sim_model_ops *ops = sim_engine_model_ops(eng, rec->model);
    memset(l, 0, sizeof *l); /* whole lines are compared and copied: no stale tails */
    l->index = m;
    l->time_ns = rec->time_ns;
    l->pane = p;
    l->model = rec->model == r->tr[p].director ? -1 : rec->model;
    l->cls = (vz_class)rec->cls;
    snprintf(l->model_name, sizeof l->model_name, "%s", ops->name);
    snprintf(l->kind, sizeof l->kind, "%s",
             rec->kind < ops->n_event_kinds ? ops->event_kinds[rec->kind] : "?");
    snprintf(l->note, sizeof l->note, "%s", vt_note(&r->tr[p], idx));
}

/* The previous merged event before m that passes the filter, or 0.  The
 * narration and expectation filters walk their own index lists, so they
 * find lines however far back they are; the others scan a bounded way. */
static uint64_t prev_match(const vr_runner *r, uint64_t m, uint64_t *scanned)
{
    if (r->filter_model < 0 && r->filter_kind == VZ_FILTER_NARRATION) {
        size_t k = vr_count_upto(&r->says, m - 1);
        return k ? r->says.v[k - 1] : 0;
    }
    if (r->filter_model < 0 && r->filter_kind == VZ_FILTER_EXPECT) {
        uint64_t best = 0;
        for (int p = 0; p < r->n_panes; p++) {
            size_t k = vr_count_upto(&r->expects[p], m - 1);
            if (k && r->expects[p].v[k - 1] > best) best = r->expects[p].v[k - 1];
        }
        return best;
    }
    for (uint64_t i = m - 1; i >= 1 && *scanned < LOG_SCAN_MAX; i--, (*scanned)++)
        if (passes_filter(r, vr_merged_rec(r, i, NULL, NULL))) return i;
    return 0;
}

static void fill_log(const vr_runner *r, vz_frame *f)
{
    vz_logline tmp[VZ_MAX_LOG];
    int n = 0, skip = r->log_scroll;
    uint64_t scanned = 0;
    for (uint64_t m = prev_match(r, r->pos + 1, &scanned); m >= 1 && n < VZ_MAX_LOG;
         m = prev_match(r, m, &scanned)) {
        if (skip > 0) {
            skip--;
            continue;
        }
        fill_logline(r, &tmp[n++], m);
    }
    f->n_log = n;
    for (int i = 0; i < n; i++) f->log[i] = tmp[n - 1 - i]; /* oldest first */
}

static int64_t flight_pane_recent(const vr_runner *r, vz_pane *pn, int p)
{
    pn->n_recent = 0;
    for (int i = r->ring_n - 1; i >= 0 && pn->n_recent < VZ_MAX_RECENT; i--) {
        const ring_ent *e = &r->ring[i];
        if (e->m > r->pos) continue;
        double t = (r->wall_s - e->wall_s) / ANIM_S;
        int pane;
        const vt_rec *rec = vr_merged_rec(r, e->m, &pane, NULL);
        if (pane != p) continue;
        if (t >= 1.0 && pn->n_recent > 0) continue;
        vz_flight *fl = &pn->recent[pn->n_recent++];
        fl->t = t < 0 ? 0 : (t > 1 ? 1 : t);
        fl->from_model = rec->cause_model == r->tr[p].director ? -1 : rec->cause_model;
        fl->to_model = rec->model == r->tr[p].director ? -1 : rec->model;
        fl->cls = (vz_class)rec->cls;
        const sim_model_ops *ops = sim_engine_model_ops(r->tr[p].eng, rec->model);
        snprintf(fl->kind, sizeof fl->kind, "%s",
                 rec->kind < ops->n_event_kinds ? ops->event_kinds[rec->kind] : "?");
    }
    return 0;
}

static void fill_pane(const vr_runner *r, vz_pane *pn, int p)
{
    const vt_track *t = &r->tr[p];
    snprintf(pn->label, sizeof pn->label, "%s", r->label[p]);
    pn->now_ns = sim_engine_now(t->eng);
    pn->events = vt_pos(t);
    pn->total_events = t->n;
    pn->fingerprint = sim_engine_fingerprint(t->eng);
    int n = vr_model_count(r);
    if (n > VZ_MAX_MODELS) n = VZ_MAX_MODELS;
    /* Which event each model handled last, looking back a bounded way. */
    uint64_t last[VZ_MAX_MODELS] = {0};
    int missing = n;
    for (uint64_t i = pn->events, k = 0; i >= 1 && missing > 0 && k < LOG_SCAN_MAX; i--, k++) {
        const vt_rec *rec = vt_rec_at(t, i);
        if (rec->model < n && !last[rec->model]) {
            last[rec->model] = i;
            missing--;
        }
    }
    pn->n_models = n;
    for (int id = 0; id < n; id++) {
        vz_model *vm = &pn->models[id];
        const vt_rec *rec = last[id] ? vt_rec_at(t, last[id]) : NULL;
        vr_fill_model(vm, t->eng, n, id, rec ? rec->kind : -1);
        if (!rec) continue;
        const sim_model_ops *ops = sim_engine_model_ops(t->eng, id);
        vm->last_index = last[id];
        snprintf(vm->last_kind, sizeof vm->last_kind, "%s",
                 rec->kind < ops->n_event_kinds ? ops->event_kinds[rec->kind] : "?");
        snprintf(vm->last_note, sizeof vm->last_note, "%s", vt_note(t, last[id]));
    }
    flight_pane_recent(r, pn, p);
    for (int i = 0; i < pn->n_models; i++) pn->models[i].last_t = 1.0;
    for (int i = r->ring_n - 1; i >= 0; i--) { /* oldest last: the newest wins */
        const ring_ent *e = &r->ring[i];
        int pane;
        const vt_rec *rec = e->m <= r->pos ? vr_merged_rec(r, e->m, &pane, NULL) : NULL;
        if (!rec || pane != p || rec->model >= pn->n_models) continue;
        if (pn->models[rec->model].last_index != vr_pane_pos(r, p, e->m)) continue;
        double age = (r->wall_s - e->wall_s) / ANIM_S;
        pn->models[rec->model].last_t = age < 0 ? 0 : (age > 1 ? 1 : age);
    }
    const idx_list *e = &r->expects[p];
    size_t k = vr_count_upto(e, r->pos);
    pn->expects_passed = pn->expects_failed = 0;
    for (size_t j = 0; j < k; j++) {
        if (e->pass[j]) pn->expects_passed++;
        else pn->expects_failed++;
    }
    pn->expects_total = (int)t->n_expect;
}

/* The says of the instant of the latest one at or before the position. */
static void fill_said(const vr_runner *r, vz_frame *f)
{
    size_t k = vr_count_upto(&r->says, r->pos);
    if (k == 0) return;
    int64_t t = vr_merged_time(r, r->says.v[k - 1]);
    size_t first = k - 1;
    while (first > 0 && k - first < VZ_MAX_SAID && vr_merged_time(r, r->says.v[first - 1]) == t)
        first--;
    for (size_t j = first; j < k; j++) {
        uint64_t idx;
        vr_merged_event(r, r->says.v[j], &idx);
        snprintf(f->said[f->n_said++], sizeof f->said[0], "%s", vt_note(&r->tr[0], idx));
    }
    f->narration_ns = t;
}

const vz_frame *vr_frame(vr_runner *r)
{
    vz_frame *f = r->frame;
    memset(f, 0, sizeof *f);
    snprintf(f->title, sizeof f->title, "%s", r->title);
    snprintf(f->scenario, sizeof f->scenario, "%s", r->path);
    fill_said(r, f);
    f->view_ns = r->view_ns;
    f->end_ns = r->end_ns;
    f->position = r->pos;
    f->total = r->total;
    for (int p = 0; p < r->n_panes; p++) f->truncated |= r->tr[p].truncated;
    f->n_panes = r->n_panes;
    for (int p = 0; p < r->n_panes; p++) fill_pane(r, &f->panes[p], p);
    f->log_scroll = r->log_scroll;
    f->inspector_scroll = r->inspector_scroll;
    f->filter_model = r->filter_model;
    if (r->filter_model >= 0)
        snprintf(f->filter_model_name, sizeof f->filter_model_name, "%s",
                 f->panes[0].models[r->filter_model].name);
    f->filter_kind = (vz_filter_kind)r->filter_kind;
    fill_log(r, f);
    f->n_marks = r->n_marks;
    memcpy(f->marks, r->marks, (size_t)r->n_marks * sizeof r->marks[0]);
    memcpy(f->density, r->density, sizeof f->density);
    f->playing = r->playing;
    snprintf(f->speed, sizeof f->speed, "%s", vr_speed_name(r));
    f->select_follows = r->select_follows;
    f->selected_model = r->selected_model;
    f->selected_pane = r->selected_pane;
    if (r->select_follows) {
        /* The model of the latest event that is not narration or an
         * expectation (looking back a bounded way). */
        for (uint64_t m = r->pos, seen = 0; m >= 1 && seen < 1000; m--, seen++) {
            int p;
            const vt_rec *rec = vr_merged_rec(r, m, &p, NULL);
            if (rec->model == r->tr[p].director) continue;
            f->selected_pane = p;
            f->selected_model = rec->model;
            break;
        }
    }
    f->help = r->help;
    f->present = r->present;
    f->animating = r->playing;
    for (int p = 0; p < f->n_panes; p++) {
        const vz_pane *pn = &f->panes[p];
        for (int i = 0; i < pn->n_recent; i++) f->animating |= pn->recent[i].t < 1.0;
        for (int i = 0; i < pn->n_models; i++) f->animating |= pn->models[i].last_t < 1.0;
    }
    f->entry_active = r->entry_active;
    snprintf(f->entry, sizeof f->entry, "%s", r->entry);
    if (r->message[0]) {
        snprintf(f->message, sizeof f->message, "%s", r->message);
    } else if (r->pos == r->total && r->total) {
        size_t failed = 0, n = 0;
        for (int p = 0; p < r->n_panes; p++) {
            failed += r->tr[p].final_failed;
            n += r->tr[p].n_expect;
        }
        snprintf(f->message, sizeof f->message,
                 "end of the run: %zu of %zu expectations passed (at-end ones included); "
                 "fingerprint %016" PRIx64 "%s",
                 n - failed, n, r->tr[0].final_fp,
                 f->truncated ? "; the run was cut at the event cap" : "");
    }
    return f;
}
