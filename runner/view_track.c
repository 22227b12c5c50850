/* view_track.c: one viewer pane's engine, run index and checkpoints (see
 * view_track.h).
 *
 * The pre-scan's observer needs the model behind each event's cause (a seq),
 * to draw the event travelling from that model to its target; a small
 * open-addressing table maps every dispatched seq to its model while the
 * pre-scan runs and is freed after it.  Costs: 24 bytes per event, its note
 * (until VT_NOTES_CAP), and the checkpoints (until the cap, then thinned). */
#include "view_track.h"

#include <stdlib.h>
#include <string.h>

#include "director.h"

/* --- seq -> model while the pre-scan runs ------------------------------- */
typedef struct seq_map {
    uint64_t *keys;   /* 0: empty (seq is never 0) */
    int16_t *vals;
    size_t cap, len;  /* cap a power of two */
} seq_map;

static size_t seq_slot(uint64_t k, size_t cap)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdULL;
    k ^= k >> 33;
    return (size_t)k & (cap - 1);
}

static int seq_map_put(seq_map *m, uint64_t k, int16_t v);

static int seq_map_grow(seq_map *m)
{
    seq_map bigger = {0};
    bigger.cap = m->cap ? m->cap * 2 : 1024;
    bigger.keys = calloc(bigger.cap, sizeof *bigger.keys);
    bigger.vals = calloc(bigger.cap, sizeof *bigger.vals);
    if (!bigger.keys || !bigger.vals) {
        free(bigger.keys);
        free(bigger.vals);
        return -1;
    }
    for (size_t i = 0; i < m->cap; i++)
        if (m->keys[i]) seq_map_put(&bigger, m->keys[i], m->vals[i]);
    free(m->keys);
    free(m->vals);
    *m = bigger;
    return 0;
}

static int seq_map_put(seq_map *m, uint64_t k, int16_t v)
{
    if ((m->len + 1) * 2 > m->cap && seq_map_grow(m) != 0) return -1;
    size_t i = seq_slot(k, m->cap);
    while (m->keys[i] && m->keys[i] != k) i = (i + 1) & (m->cap - 1);
    if (!m->keys[i]) m->len++;
    m->keys[i] = k;
    m->vals[i] = v;
    return 0;
}

static int16_t seq_map_get(const seq_map *m, uint64_t k)
{
    if (!m->cap || !k) return -1;
    size_t i = seq_slot(k, m->cap);
    while (m->keys[i]) {
        if (m->keys[i] == k) return m->vals[i];
        i = (i + 1) & (m->cap - 1);
    }
    return -1;
}

/* --- the pre-scan ------------------------------------------------------- */
typedef struct scan_ctx {
    vt_track *t;
    seq_map seqs;
    int failed;   /* out of memory */
} scan_ctx;

static uint32_t keep_note(vt_track *t, const char *s)
{
    size_t len = strlen(s) + 1;
    if (len == 1) return UINT32_MAX;
    if (t->notes_len + len > VT_NOTES_CAP) return UINT32_MAX;
    if (t->notes_len + len > t->notes_cap) {
        size_t cap = t->notes_cap ? t->notes_cap * 2 : 4096;
        while (cap < t->notes_len + len) cap *= 2;
        char *p = realloc(t->notes, cap);
        if (!p) return UINT32_MAX;
        t->notes = p;
        t->notes_cap = cap;
    }
    memcpy(t->notes + t->notes_len, s, len);
    uint32_t off = (uint32_t)t->notes_len;
    t->notes_len += len;
    return off;
}

static void observe(void *user, const sim_engine *eng, const sim_trace_record *rec)
{
    scan_ctx *c = user;
    vt_track *t = c->t;
    if (t->n == t->cap) {
        uint64_t cap = t->cap ? t->cap * 2 : 1024;
        vt_rec *p = realloc(t->recs, cap * sizeof *p);
        if (!p) {
            c->failed = 1;
            return;
        }
        t->recs = p;
        t->cap = cap;
    }
    vt_rec *r = &t->recs[t->n++];
    memset(r, 0, sizeof *r);
    r->time_ns = rec->time_ns;
    r->model = (uint16_t)rec->model;
    r->kind = (uint16_t)rec->kind;
    r->cause_model = rec->cause ? seq_map_get(&c->seqs, rec->cause) : -1;
    const char *note = rec->note;
    if (rec->model == t->director && rec->kind == SIM_DIRECTOR_SAY) {
        r->cls = VZ_EV_SAY;
        const char *text = sim_engine_string(eng, rec->event->p.w[0]);
        if (text) note = text;
    } else if (rec->model == t->director && rec->kind == SIM_DIRECTOR_EXPECT) {
        const sim_expect_result *res =
            sim_director_result(eng, t->director, (size_t)rec->event->p.w[0]);
        r->cls = res->passed ? VZ_EV_EXPECT_PASS : VZ_EV_EXPECT_FAIL;
    } else {
        r->cls = rec->cause ? VZ_EV_MODEL : VZ_EV_ACTION;
    }
    r->note = keep_note(t, note);
    if (seq_map_put(&c->seqs, rec->seq, (int16_t)rec->model) != 0) c->failed = 1;
}

static void thin_checkpoints(vt_track *t)
{
    size_t j = 0;
    t->cp_bytes = 0;
    for (size_t k = 0; k < t->n_cps; k++) {
        if (k % 2) {
            sim_checkpoint_free(t->cps[k]);
            continue;
        }
        t->cps[j++] = t->cps[k];
        t->cp_bytes += sim_checkpoint_bytes(t->cps[k]);
    }
    t->n_cps = j;
    t->every *= 2;
}

static int save_checkpoint(vt_track *t)
{
    if (t->n_cps == t->cap_cps) {
        size_t cap = t->cap_cps ? t->cap_cps * 2 : 64;
        sim_checkpoint **p = realloc(t->cps, cap * sizeof *p);
        if (!p) return -1;
        t->cps = p;
        t->cap_cps = cap;
    }
    sim_checkpoint *cp = sim_checkpoint_save(t->eng);
    if (!cp) return -1;
    t->cps[t->n_cps++] = cp;
    t->cp_bytes += sim_checkpoint_bytes(cp);
    /* Thin while over the cap, but keep at least the start and one more. */
    while (t->cp_bytes > t->cp_cap_bytes && t->n_cps > 2) thin_checkpoints(t);
    return 0;
}

static int pre_scan(vt_track *t, int64_t stop_ns, uint64_t max_events)
{
    scan_ctx c = {.t = t};
    sim_engine_set_observer(t->eng, observe, &c);
    int rc = 0;
    for (;;) {
        const sim_event *next = sim_engine_peek(t->eng);
        if (!next || (stop_ns >= 0 && next->time_ns > stop_ns)) break;
        uint64_t done = sim_engine_events_processed(t->eng);
        if (done >= max_events) {
            t->truncated = 1;
            break;
        }
        if (done == (uint64_t)t->n_cps * t->every && save_checkpoint(t) != 0) {
            rc = -1;
            break;
        }
        sim_engine_step(t->eng);
        if (c.failed || sim_engine_status(t->eng) != SIM_OK) {
            rc = -1;
            break;
        }
    }
    sim_engine_set_observer(t->eng, NULL, NULL);
    free(c.seqs.keys);
    free(c.seqs.vals);
    if (rc == 0 && t->n_cps == 0) rc = save_checkpoint(t); /* an empty run */
    return rc;
}

int vt_build(vt_track *t, const scn_scenario *s, const uint64_t *seed, int64_t stop_ns,
             uint64_t max_events, uint64_t every, size_t cap_bytes, sim_diag_list *diags)
{
    memset(t, 0, sizeof *t);
    t->every = every ? every : 1;
    t->cp_cap_bytes = cap_bytes;
    if (scn_instantiate(s, seed, &t->eng, &t->director, diags) != 0) return -1;
    if (pre_scan(t, stop_ns, max_events) != 0) {
        if (sim_engine_status(t->eng) != SIM_OK) /* a failed schedule ended the run */
            sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "the run stopped: %s",
                         sim_engine_error(t->eng));
        else
            sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL,
                         "out of memory while indexing the run (%llu events)",
                         (unsigned long long)t->n);
        vt_free(t);
        return -1;
    }
    t->final_fp = sim_engine_fingerprint(t->eng);
    t->end_ns = t->n ? t->recs[t->n - 1].time_ns : 0;
    t->n_expect = sim_director_count(t->eng, t->director);
    t->final_failed = sim_director_finish(t->eng, t->director);
    if (sim_checkpoint_restore(t->eng, t->cps[0]) != 0) {
        sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL, "cannot restore the start of the run");
        vt_free(t);
        return -1;
    }
    return 0;
}

void vt_free(vt_track *t)
{
    for (size_t k = 0; k < t->n_cps; k++) sim_checkpoint_free(t->cps[k]);
    free(t->cps);
    free(t->recs);
    free(t->notes);
    sim_engine_free(t->eng);
    memset(t, 0, sizeof *t);
}

uint64_t vt_pos(const vt_track *t) { return sim_engine_events_processed(t->eng); }

int vt_goto(vt_track *t, uint64_t n)
{
    if (n > t->n) n = t->n;
    uint64_t cur = vt_pos(t);
    size_t k = (size_t)(n / t->every);
    if (k >= t->n_cps) k = t->n_cps - 1;
    uint64_t base = (uint64_t)k * t->every;
    t->last_restored = 0;
    if (n < cur || base > cur) {
        if (sim_checkpoint_restore(t->eng, t->cps[k]) != 0) return -1;
        t->last_restored = 1;
        cur = base;
    }
    t->last_replayed = n - cur;
    while (cur < n && sim_engine_step(t->eng)) cur++;
    return cur == n ? 0 : -1;
}

const vt_rec *vt_rec_at(const vt_track *t, uint64_t idx)
{
    return idx >= 1 && idx <= t->n ? &t->recs[idx - 1] : NULL;
}

const char *vt_note(const vt_track *t, uint64_t idx)
{
    const vt_rec *r = vt_rec_at(t, idx);
    return r && r->note != UINT32_MAX ? t->notes + r->note : "";
}
