/* program_build.c: a strace trace -> threads and call chains (see
 * program_build.h and program.h).
 *
 * Per call, in the order strace finished them: find the caller's thread
 * (by pid; a pid seen again after its thread was spawned anew is a new
 * thread), chain the entry after the thread's previous one, and take as
 * its user-mode gap the time from the previous call's return (its start
 * plus -T) to this call's start.  A fork/clone's return names the child:
 * strace often prints the child's first lines before the parent's clone
 * returns, so a thread that began as "started by the user" is adopted by
 * the parent whose clone returns its pid after it appeared.  wait4's return
 * names the child it reaped; -y pipe:[N] / -yy UNIX:[a->b] name channels.
 * Memory: the program's arrays plus a few words per thread and channel. */
#include "program_build.h"

#include <stdlib.h>
#include <string.h>

/* What the builder keeps per thread while the trace streams by. */
typedef struct thread_run {
    int32_t last;          /* last entry so far, -1 none */
    int64_t first_ns;      /* start of its first call, ns */
    int64_t last_end_ns;   /* return of its last call, ns */
} thread_run;

typedef struct key_map { /* open addressing: key -> value + 1 (0 empty) */
    int64_t *keys;
    int32_t *vals;
    size_t cap;          /* power of two */
    size_t used;
} key_map;

struct hv_program_build {
    hv_program *p;
    thread_run *runs;      /* parallel to p->threads */
    size_t cap_runs;
    key_map pids, chans;
    int64_t first_ns;
    int have_first;
    int oom;
};

static size_t slot_of(const key_map *m, int64_t key)
{
    uint64_t h = (uint64_t)key * 0x9E3779B97F4A7C15u;
    size_t i = (size_t)(h >> 32) & (m->cap - 1);
    while (m->vals[i] && m->keys[i] != key) i = (i + 1) & (m->cap - 1);
    return i;
}

static int32_t map_get(const key_map *m, int64_t key)
{
    if (!m->cap) return -1;
    size_t i = slot_of(m, key);
    return m->vals[i] ? m->vals[i] - 1 : -1;
}

static int map_put(key_map *m, int64_t key, int32_t val)
{
    if ((m->used + 1) * 2 > m->cap) {
        key_map g = {0};
        g.cap = m->cap ? m->cap * 2 : 64;
        g.keys = calloc(g.cap, sizeof *g.keys);
        g.vals = calloc(g.cap, sizeof *g.vals);
        if (!g.keys || !g.vals) {
            free(g.keys);
            free(g.vals);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->vals[i]) continue;
            size_t j = slot_of(&g, m->keys[i]);
            g.keys[j] = m->keys[i];
            g.vals[j] = m->vals[i];
            g.used++;
        }
        free(m->keys);
        free(m->vals);
        *m = g;
    }
    size_t i = slot_of(m, key);
    if (!m->vals[i]) m->used++;
    m->keys[i] = key;
    m->vals[i] = val + 1;
    return 0;
}

static void map_free(key_map *m)
{
    free(m->keys);
    free(m->vals);
}

static int32_t new_thread(hv_program_build *b, int pid, int64_t start_ns)
{
    hv_program *p = b->p;
    hv_thread t = {.first = -1, .parent = -1, .pid = pid, .is_thread = 0,
                   .start_ns = start_ns - b->first_ns};
    if ((size_t)p->n_threads == b->cap_runs) {
        size_t cap = b->cap_runs ? b->cap_runs * 2 : 16;
        thread_run *r = realloc(b->runs, cap * sizeof *r);
        if (!r) return -1;
        b->runs = r;
        b->cap_runs = cap;
    }
    int32_t idx = hv_program_add_thread(p, &t);
    if (idx < 0 || map_put(&b->pids, pid, idx) != 0) return -1;
    b->runs[idx] = (thread_run){.last = -1, .first_ns = start_ns, .last_end_ns = start_ns};
    return idx;
}

static int32_t chan_index(hv_program_build *b, int64_t key)
{
    int32_t c = map_get(&b->chans, key);
    if (c >= 0) return c;
    c = hv_program_add_chan(b->p);
    if (c < 0 || map_put(&b->chans, key, c) != 0) return -1;
    return c;
}

/* A spawning call returned child pid `child` at end_ns: the child's thread. */
static void adopt(hv_program_build *b, int32_t parent, const hv_strace_call *c, int64_t end_ns,
                  hv_call *e)
{
    hv_program *p = b->p;
    int32_t t = map_get(&b->pids, (int64_t)c->ret);
    /* a thread of that pid that began before this clone did is an older one */
    if (t >= 0 && (p->threads[t].parent >= 0 || b->runs[t].first_ns < c->start_ns)) t = -1;
    if (t < 0) t = new_thread(b, (int)c->ret, end_ns);
    if (t < 0) {
        b->oom = 1;
        return;
    }
    p->threads[t].parent = parent;
    p->threads[t].is_thread = c->spawns_thread;
    p->threads[t].start_ns = 0;
    b->runs[t].last_end_ns = end_ns;
    int32_t first = p->threads[t].first;
    if (first >= 0) { /* lines it printed before the clone returned */
        int64_t gap = b->runs[t].first_ns - end_ns;
        p->calls[first].gap_ns = gap > 0 ? gap : 0;
    }
    e->sync = HV_SYNC_SPAWN;
    e->link = t;
    if (c->vfork) e->flags |= HV_CALL_VFORK;
}

void hv_program_build_sink(void *user, const hv_strace_call *c)
{
    hv_program_build *b = user;
    hv_program *p = b->p;
    if (b->oom) return;
    if (c->adopts_zero) { /* the unprefixed process's thread is pid c->pid's */
        int32_t t0 = map_get(&b->pids, 0);
        if (t0 >= 0 && map_put(&b->pids, c->pid, t0) != 0) b->oom = 1;
        if (t0 >= 0) p->threads[t0].pid = c->pid;
        return;
    }
    int64_t start = c->has_time ? c->start_ns : (b->have_first ? b->first_ns : 0);
    if (!b->have_first && c->has_time) {
        b->first_ns = start;
        b->have_first = 1;
    }
    int32_t t = map_get(&b->pids, c->pid);
    if (t < 0) t = new_thread(b, c->pid, start);
    if (t < 0) {
        b->oom = 1;
        return;
    }
    thread_run *r = &b->runs[t];
    int64_t dur = c->has_dur ? c->dur_ns : 0, end = start + dur;
    int64_t gap = r->last < 0 && p->threads[t].parent < 0 ? 0 : start - r->last_end_ns;
    int64_t chunks = c->bytes / HV_9P_MSIZE_BYTES + (c->bytes % HV_9P_MSIZE_BYTES != 0);
    hv_call e = {.gap_ns = gap > 0 ? gap : 0, .traced_ns = dur, .bytes = c->bytes, .count = 1,
                 .chunks = chunks > 0 ? chunks : 1, .link = -1, .next = -1,
                 .cls = (uint8_t)c->cls, .place = (uint8_t)c->place, .sync = HV_SYNC_NONE,
                 .flags = (uint8_t)((c->wsl1_fails ? HV_CALL_WSL1_FAILS : 0) |
                                    (c->is_exec && c->has_ret && c->ret == 0 ? HV_CALL_EXEC : 0))};
    if (c->spawns && c->has_ret && c->ret > 0 && c->ret < INT32_MAX) {
        adopt(b, t, c, end, &e);
        if (b->oom) return;
        r = &b->runs[t]; /* adopt may have grown the array */
    } else if (c->waits_child && c->has_ret && c->ret > 0) {
        int32_t child = map_get(&b->pids, (int64_t)c->ret);
        if (child >= 0) e.sync = HV_SYNC_WAIT, e.link = child, p->threads[child].reaped = 1;
        else e.sync = HV_SYNC_BLOCK;
    } else if (c->chan && (c->cls == HV_SYS_READ || c->cls == HV_SYS_WRITE)) {
        int32_t ch = chan_index(b, c->chan);
        if (ch < 0) {
            b->oom = 1;
            return;
        }
        e.sync = c->cls == HV_SYS_READ ? HV_SYNC_READ : HV_SYNC_WRITE;
        e.link = ch;
        if (c->cls == HV_SYS_WRITE) p->chan_written[ch] += c->bytes;
    } else if (c->waits_outside || (c->cls == HV_SYS_READ && c->place == HV_PLACE_NONE)) {
        e.sync = HV_SYNC_BLOCK;
    }
    int32_t i = hv_program_add_call(p, &e);
    if (i < 0) {
        b->oom = 1;
        return;
    }
    if (r->last < 0) p->threads[t].first = i;
    else p->calls[r->last].next = i;
    r->last = i;
    r->last_end_ns = end;
}

hv_program_build *hv_program_build_new(hv_program *p)
{
    hv_program_build *b = calloc(1, sizeof *b);
    if (b) b->p = p;
    return b;
}

/* Reads of a channel that its traced writers never fill wait for a writer
 * outside the trace: they keep their traced duration. */
static int settle_channels(hv_program *p)
{
    if (p->n_chans == 0) return 0;
    int64_t *read = calloc((size_t)p->n_chans, sizeof *read);
    if (!read) return -1;
    for (int32_t i = 0; i < p->n_calls; i++)
        if (p->calls[i].sync == HV_SYNC_READ) read[p->calls[i].link] += p->calls[i].bytes;
    for (int32_t i = 0; i < p->n_calls; i++) {
        hv_call *e = &p->calls[i];
        if (e->sync != HV_SYNC_READ && e->sync != HV_SYNC_WRITE) continue;
        int outside = read[e->link] > p->chan_written[e->link] || p->chan_written[e->link] == 0;
        if (!outside) continue;
        e->sync = e->sync == HV_SYNC_READ ? HV_SYNC_BLOCK : HV_SYNC_NONE;
        e->link = -1;
    }
    free(read);
    return 0;
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The most threads alive at once: starts +1, ends -1 (encoded in bit 0). */
static int count_live(hv_program_build *b)
{
    hv_program *p = b->p;
    int64_t *ev = malloc((size_t)p->n_threads * 2 * sizeof *ev);
    if (!ev) return -1;
    for (int32_t t = 0; t < p->n_threads; t++) {
        ev[2 * t] = b->runs[t].first_ns * 2 + 1;
        ev[2 * t + 1] = b->runs[t].last_end_ns * 2;
    }
    qsort(ev, (size_t)p->n_threads * 2, sizeof *ev, cmp_i64);
    int32_t live = 0, most = 0;
    for (int32_t i = 0; i < p->n_threads * 2; i++) {
        live += (ev[i] & 1) ? 1 : -1;
        if (live > most) most = live;
    }
    p->max_live = most;
    free(ev);
    return 0;
}

int hv_program_build_finish(hv_program_build *b)
{
    if (b->oom) return -1;
    if (settle_channels(b->p) != 0 || count_live(b) != 0) return -1;
    return 0;
}

void hv_program_build_free(hv_program_build *b)
{
    if (!b) return;
    map_free(&b->pids);
    map_free(&b->chans);
    free(b->runs);
    free(b);
}
