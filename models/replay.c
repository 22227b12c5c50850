/* replay.c: threads of a workload on CPUs, waiting for each other, their
 * calls priced stage by stage (see replay.h).
 *
 * A slot's life: START -> (queue for a CPU) -> a burst: user time and plain
 * calls inline, up to the next entry that must look at the world (a spawn,
 * a wait, a channel read or write, a call that waits outside, a 9P call, a
 * call the path cannot run, the thread's end) or the end of its slice.
 * That point is one event (a stage kind: the stage the thread was in).
 * There the entry is decided against the current state: it returns after
 * its cost (RETURN, still on the CPU), or the thread leaves the CPU to wait
 * (WAKE when what it waits for happens), or its call goes to the 9P server.
 * Invariants: a slot is in at most one FIFO; pool.busy counts slots in
 * state RUNNING on that pool (or, for p9, in state P9); every event names
 * its slot's gen, so freeing a slot voids its pending events. */
#include "replay.h"

#include <string.h>

#include "program.h"
#include "stages.h"

enum {
    HV_RP_S_FREE,
    HV_RP_S_READY,     /* in a CPU queue */
    HV_RP_S_RUNNING,   /* on a CPU */
    HV_RP_S_WAIT,      /* off the CPU: a child, a channel, a vfork child, the outside */
    HV_RP_S_P9_QUEUE,  /* waiting for a 9P worker */
    HV_RP_S_P9,        /* a worker serves its call */
    HV_RP_S_ZOMBIE     /* exited; its parent's wait4 has not reaped it yet */
};

static const hv_program *program_of(const sim_ctx *ctx, const hv_rp_run *run)
{
    return sim_shared_at(ctx, run->program);
}

hv_rp_machine hv_replay_machine(hv_path path)
{
    return path == HV_PATH_NATIVE ? HV_RP_NATIVE : path == HV_PATH_WSL2 ? HV_RP_VM : HV_RP_HOST;
}

static void pool_init(hv_rp_pool *p)
{
    memset(p, 0, sizeof *p);
    p->head = p->tail = -1;
}

void hv_replay_init(hv_replay *r)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < HV_RP_SLOTS; i++) r->slots[i].run = -1;
    for (int i = 0; i < HV_RP_CHANS; i++) r->chans[i].run = -1;
    for (int m = 0; m < HV_RP_MACHINES; m++) pool_init(&r->cpu[m]);
    pool_init(&r->p9);
}

static void schedule(sim_ctx *ctx, int64_t delay, int kind, int64_t w0, int64_t w1, int64_t w2)
{
    sim_payload p = {{w0, w1, w2}};
    sim_schedule(ctx, delay, sim_self(ctx), kind, &p);
}

static void slot_event(const hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s,
                       int64_t delay, int ev)
{
    schedule(ctx, delay, env->kind_base + ev, s, r->slots[s].gen, 0);
}

/* ---- FIFOs -------------------------------------------------------------- */

static void fifo_push(hv_replay *r, hv_rp_pool *p, int s)
{
    r->slots[s].next_q = -1;
    if (p->tail < 0) p->head = s;
    else r->slots[p->tail].next_q = s;
    p->tail = s;
}

static int fifo_pop(hv_replay *r, hv_rp_pool *p)
{
    int s = p->head;
    if (s < 0) return -1;
    p->head = r->slots[s].next_q;
    if (p->head < 0) p->tail = -1;
    r->slots[s].next_q = -1;
    return s;
}

/* Removes every slot of `run` from a FIFO (a failed run). */
static void fifo_drop_run(hv_replay *r, hv_rp_pool *p, int run)
{
    int keep_head = -1, keep_tail = -1;
    for (int s = p->head; s >= 0;) {
        int next = r->slots[s].next_q;
        if (r->slots[s].run != run) {
            r->slots[s].next_q = -1;
            if (keep_tail < 0) keep_head = s;
            else r->slots[keep_tail].next_q = s;
            keep_tail = s;
        }
        s = next;
    }
    p->head = keep_head;
    p->tail = keep_tail;
}

/* ---- state and counters ---------------------------------------------------- */

static hv_rp_pool *cpu_of(hv_replay *r, int s)
{
    return &r->cpu[hv_replay_machine((hv_path)r->runs[r->slots[s].run].path)];
}

/* Leaves the current state (counters, waiting time); enters `to`. */
static void set_state(hv_replay *r, sim_ctx *ctx, int s, int to)
{
    hv_rp_slot *sl = &r->slots[s];
    hv_rp_stats *st = &r->runs[sl->run].st;
    int64_t waited = sim_now(ctx) - sl->since_ns;
    int vm = r->runs[sl->run].path == HV_PATH_WSL2;
    switch (sl->state) {
    case HV_RP_S_READY: r->queued--, st->cpu_queue_ns += waited; break;
    case HV_RP_S_RUNNING: r->running--, (vm ? r->vm_running-- : r->host_running--); break;
    case HV_RP_S_WAIT: r->blocked--, st->blocked_ns += waited; break;
    case HV_RP_S_P9_QUEUE: r->p9_queued--, st->p9_queue_ns += waited; break;
    case HV_RP_S_P9: r->p9_busy--; break;
    default: break;
    }
    switch (to) {
    case HV_RP_S_READY: r->queued++; break;
    case HV_RP_S_RUNNING: r->running++, (vm ? r->vm_running++ : r->host_running++); break;
    case HV_RP_S_WAIT: r->blocked++; break;
    case HV_RP_S_P9_QUEUE: r->p9_queued++; break;
    case HV_RP_S_P9: r->p9_busy++; break;
    default: break;
    }
    sl->state = to;
    sl->since_ns = sim_now(ctx);
}

static void burst(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s);

/* A CPU for slot s: now if one is free, else at the back of the queue. */
static void cpu_want(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    hv_rp_pool *p = cpu_of(r, s);
    if (p->busy < p->units) {
        p->busy++;
        set_state(r, ctx, s, HV_RP_S_RUNNING);
        burst(r, env, ctx, s);
        return;
    }
    set_state(r, ctx, s, HV_RP_S_READY);
    fifo_push(r, p, s);
}

/* Slot s gives its CPU up (it has already left state RUNNING); the next in
 * the queue gets it. */
static void cpu_give_up(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, hv_rp_pool *p)
{
    p->busy--;
    int next = fifo_pop(r, p);
    if (next < 0) return;
    p->busy++;
    set_state(r, ctx, next, HV_RP_S_RUNNING);
    burst(r, env, ctx, next);
}

static void p9_serve(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    r->p9.busy++;
    set_state(r, ctx, s, HV_RP_S_P9);
    schedule(ctx, r->slots[s].hold_ns, env->kind_stage0 + HV_STAGE_HOST, s, r->slots[s].gen, 1);
}

/* A 9P worker is free again; the next queued request gets it.  1 if one did. */
static int p9_give_up(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx)
{
    r->p9.busy--;
    int next = fifo_pop(r, &r->p9);
    if (next < 0) return 0;
    p9_serve(r, env, ctx, next);
    return 1;
}

/* ---- pricing ------------------------------------------------------------ */

static void price(const hv_rp_env *env, const hv_rp_run *run, const hv_call *e, hv_cost_split *out)
{
    hv_fs fs = hv_fs_for((hv_path)run->path, (hv_place)e->place, (hv_sys_class)e->cls,
                         (int)run->on_windows);
    hv_cost_price(env->costs, (hv_path)run->path, fs, (hv_sys_class)e->cls, e->count, e->bytes,
                  e->chunks, out);
    if (env->par->keep_overhead) { /* strace's share inside -T, in the path's first stage */
        const hv_stage *st;
        hv_path_stages((hv_path)run->path, &st);
        out->stage_ns[st[0]] += e->count * env->par->strace_in_call_ns;
        out->total_ns += e->count * env->par->strace_in_call_ns;
    }
}

/* The entry's user-mode time: traced gaps lose strace's share outside -T. */
static int64_t user_ns(const hv_rp_env *env, const hv_program *prog, const hv_call *e)
{
    if (prog->source != HV_PROGRAM_TRACE || env->par->keep_overhead) return e->gap_ns;
    int64_t outside = env->par->strace_overhead_ns - env->par->strace_in_call_ns;
    int64_t u = e->gap_ns - e->count * (outside > 0 ? outside : 0);
    return u > 0 ? u : 0;
}

/* Adds a priced entry to the run's figures. */
static void account(hv_rp_run *run, const hv_call *e, const hv_cost_split *c)
{
    hv_rp_stats *st = &run->st;
    for (int k = 0; k < HV_STAGE_COUNT; k++) st->stage_ns[k] += c->stage_ns[k];
    st->sys_ns += c->total_ns;
    st->class_ns[e->cls] += c->total_ns;
    st->class_calls[e->cls] += e->count;
    st->calls += e->count;
    st->messages += c->messages;
    st->inexact += c->inexact;
    if (run->path == HV_PATH_WSL2 && e->cls == HV_SYS_WRITE && e->place == HV_PLACE_OWN &&
        !run->on_windows)
        st->ext4_written += e->bytes;
}

/* The call crosses the VM boundary to a 9P server. */
static int via_9p(const hv_rp_run *run, const hv_call *e)
{
    hv_fs fs = hv_fs_for((hv_path)run->path, (hv_place)e->place, (hv_sys_class)e->cls,
                         (int)run->on_windows);
    return fs == HV_FS_9P || fs == HV_FS_WSLSHARE;
}

/* An entry a burst cannot run inline. */
static int special(const hv_rp_run *run, const hv_call *e)
{
    if (e->sync != HV_SYNC_NONE || via_9p(run, e)) return 1;
    return run->path == HV_PATH_WSL1 && (e->flags & HV_CALL_WSL1_FAILS);
}

/* The stage a burst ends in (its event kind, for the viewer's lanes). */
static int stage_kind(const hv_rp_env *env, const hv_rp_run *run, const hv_cost_split *c)
{
    const hv_stage *st;
    size_t n = hv_path_stages((hv_path)run->path, &st);
    hv_stage best = st[0];
    for (size_t i = 0; i < n; i++)
        if (c && c->stage_ns[st[i]] > c->stage_ns[best]) best = st[i];
    return env->kind_stage0 + (int)best;
}

/* Runs slot s (on a CPU) from its entry: user time and plain calls inline,
 * until an entry that needs the world, the thread's end, or the slice. */
static void burst(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    hv_rp_slot *sl = &r->slots[s];
    hv_rp_run *run = &r->runs[sl->run];
    const hv_program *prog = program_of(ctx, run);
    hv_rp_pool *pool = cpu_of(r, s);
    int64_t t = 0, calls = 0;
    hv_cost_split last, *lastp = NULL;
    while (sl->entry >= 0) {
        const hv_call *e = &prog->calls[sl->entry];
        if (!sl->user_done) {
            int64_t u = user_ns(env, prog, e);
            run->st.user_ns += u;
            t += u;
            sl->user_done = 1;
        }
        if (special(run, e)) break;
        if (t >= env->par->slice_ns && pool->head >= 0) break; /* preempted */
        price(env, run, e, &last);
        lastp = &last;
        account(run, e, &last);
        t += last.total_ns;
        calls += e->count;
        sl->entry = e->next;
        sl->user_done = 0;
    }
    sl->burst_calls = calls;
    sl->burst_ns = t;
    schedule(ctx, t, stage_kind(env, run, lastp), s, sl->gen, 0);
}

/* ---- threads -------------------------------------------------------------- */

static int find_slot(const hv_replay *r, int run, int32_t thread)
{
    for (int s = 0; s < HV_RP_SLOTS; s++)
        if (r->slots[s].run == run && r->slots[s].thread == thread) return s;
    return -1;
}

static void free_slot(hv_replay *r, sim_ctx *ctx, int s)
{
    hv_rp_slot *sl = &r->slots[s];
    set_state(r, ctx, s, HV_RP_S_FREE);
    r->runs[sl->run].live--;
    int32_t gen = sl->gen + 1;
    memset(sl, 0, sizeof *sl);
    sl->run = -1;
    sl->gen = gen;
    sl->next_q = -1;
}

static int chan_slot(hv_replay *r, int run, int32_t chan, int create)
{
    int free_c = -1;
    for (int c = 0; c < HV_RP_CHANS; c++) {
        if (r->chans[c].run == run && r->chans[c].chan == chan) return c;
        if (r->chans[c].run < 0 && free_c < 0) free_c = c;
    }
    if (!create || free_c < 0) return -1;
    r->chans[free_c] = (hv_rp_chan){.run = run, .chan = chan};
    return free_c;
}

/* The run is over when no thread lives or will start; zombies nobody
 * reaped any more (their reaper failed or left) go with it. */
static int finish_run_if_idle(hv_replay *r, sim_ctx *ctx, int run)
{
    hv_rp_run *ru = &r->runs[run];
    int64_t zombies = 0;
    for (int s = 0; s < HV_RP_SLOTS; s++)
        zombies += r->slots[s].run == run && r->slots[s].state == HV_RP_S_ZOMBIE;
    if (ru->live > zombies || ru->pending > 0) return -1;
    for (int s = 0; s < HV_RP_SLOTS; s++)
        if (r->slots[s].run == run) free_slot(r, ctx, s);
    ru->st.wall_ns = sim_now(ctx) - ru->started_ns;
    for (int c = 0; c < HV_RP_CHANS; c++)
        if (r->chans[c].run == run) r->chans[c].run = -1;
    return run;
}

/* A thread of the run could not get a slot, or called what the path cannot
 * run: every thread of the run goes, the run ends now. */
static int fail_run(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int run, int64_t why,
                    int64_t entry)
{
    hv_rp_run *ru = &r->runs[run];
    if (!ru->st.failed) ru->st.failed = why, ru->st.fail_entry = entry;
    for (int m = 0; m < HV_RP_MACHINES; m++) fifo_drop_run(r, &r->cpu[m], run);
    fifo_drop_run(r, &r->p9, run);
    for (int s = 0; s < HV_RP_SLOTS; s++) {
        if (r->slots[s].run != run) continue;
        int was = r->slots[s].state;
        hv_rp_pool *p = cpu_of(r, s);
        free_slot(r, ctx, s);
        if (was == HV_RP_S_RUNNING) cpu_give_up(r, env, ctx, p);
        if (was == HV_RP_S_P9) p9_give_up(r, env, ctx);
    }
    return finish_run_if_idle(r, ctx, run);
}

static int start_thread(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int run, int32_t thread,
                        int parent)
{
    hv_rp_run *ru = &r->runs[run];
    if (!ru->active) return -1;
    const hv_program *prog = program_of(ctx, ru);
    ru->pending--;
    int s = 0;
    while (s < HV_RP_SLOTS && r->slots[s].run >= 0) s++;
    if (s == HV_RP_SLOTS) {
        sim_note(ctx, "pid %d cannot start: %d threads already live (the replay's limit)",
                 prog->threads[thread].pid, HV_RP_SLOTS);
        return fail_run(r, env, ctx, run, 2, -1);
    }
    hv_rp_slot *sl = &r->slots[s];
    int32_t gen = sl->gen;
    memset(sl, 0, sizeof *sl);
    *sl = (hv_rp_slot){.run = run, .thread = thread, .entry = prog->threads[thread].first,
                       .state = HV_RP_S_FREE, .next_q = -1, .parent = parent, .gen = gen,
                       .since_ns = sim_now(ctx)};
    ru->live++;
    ru->st.threads++;
    sim_note(ctx, "%s: pid %d starts%s", hv_path_name((hv_path)ru->path),
             prog->threads[thread].pid, parent >= 0 ? " (its parent's fork returned)" : "");
    cpu_want(r, env, ctx, s);
    return -1;
}

/* Wakes the threads of `run` waiting (state WAIT) for `what` = `id`: they
 * queue for a CPU and look at their entry again. */
static void wake_waiters(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int run, int what,
                         int32_t id)
{
    for (int s = 0; s < HV_RP_SLOTS; s++) {
        hv_rp_slot *sl = &r->slots[s];
        if (sl->run != run || sl->state != HV_RP_S_WAIT || sl->wait_kind != what ||
            sl->waits_for != id)
            continue;
        sl->wait_kind = HV_RP_W_NONE;
        cpu_want(r, env, ctx, s);
    }
}

/* Leaves the CPU to wait for `what` = `id`. */
static void leave_cpu(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s, int what,
                      int32_t id)
{
    hv_rp_pool *p = cpu_of(r, s);
    set_state(r, ctx, s, HV_RP_S_WAIT);
    r->slots[s].wait_kind = what;
    r->slots[s].waits_for = id;
    cpu_give_up(r, env, ctx, p);
}

/* Thread in slot s has no entry left: it exits. */
static int thread_exits(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    hv_rp_slot *sl = &r->slots[s];
    int run = sl->run;
    const hv_program *prog = program_of(ctx, &r->runs[run]);
    int32_t thread = sl->thread;
    hv_rp_pool *p = cpu_of(r, s);
    for (int c = 0; c < HV_RP_SLOTS; c++) /* its children are orphans now */
        if (r->slots[c].run == run && r->slots[c].parent == s) r->slots[c].parent = -1;
    int zombie = prog->threads[thread].reaped; /* a wait4 of the trace will reap it */
    sim_note(ctx, "pid %d exits%s", prog->threads[thread].pid,
             zombie ? " (a zombie until its parent's wait4)" : "");
    if (zombie) set_state(r, ctx, s, HV_RP_S_ZOMBIE);
    else free_slot(r, ctx, s);
    cpu_give_up(r, env, ctx, p);
    wake_waiters(r, env, ctx, run, HV_RP_W_CHILD, thread);
    wake_waiters(r, env, ctx, run, HV_RP_W_VFORK, thread);
    return finish_run_if_idle(r, ctx, run);
}

/* The entry's call is priced and the thread returns after it, on the CPU. */
static void call_and_return(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s,
                            const hv_call *e)
{
    hv_rp_run *run = &r->runs[r->slots[s].run];
    hv_cost_split c;
    price(env, run, e, &c);
    account(run, e, &c);
    slot_event(r, env, ctx, s, c.total_ns, HV_RP_EV_RETURN);
}

/* A burst ended at slot s's entry (its user time done): decide it now. */
static int at_entry(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    hv_rp_slot *sl = &r->slots[s];
    hv_rp_run *run = &r->runs[sl->run];
    const hv_program *prog = program_of(ctx, run);
    int pid = prog->threads[sl->thread].pid;
    sim_note(ctx, "pid %d: %lld call%s and user-mode code for %s", pid,
             (long long)sl->burst_calls, sl->burst_calls == 1 ? "" : "s",
             hv_fmt_duration(sl->burst_ns).s);
    if (sl->entry < 0) return thread_exits(r, env, ctx, s);
    const hv_call *e = &prog->calls[sl->entry];
    if (!special(run, e)) { /* its slice is over and others wait: back of the queue */
        hv_rp_pool *p = cpu_of(r, s);
        set_state(r, ctx, s, HV_RP_S_READY);
        fifo_push(r, p, s);
        cpu_give_up(r, env, ctx, p);
        sim_note(ctx, "pid %d: slice over, %lld thread%s wait for a CPU", pid,
                 (long long)r->queued, r->queued == 1 ? "" : "s");
        return -1;
    }
    if (run->path == HV_PATH_WSL1 && (e->flags & HV_CALL_WSL1_FAILS)) {
        sim_note(ctx, "pid %d: %s has no WSL1 translation: the workload fails here", pid,
                 hv_sys_class_name((hv_sys_class)e->cls));
        return fail_run(r, env, ctx, sl->run, 1, sl->entry);
    }
    if (via_9p(run, e)) {
        hv_cost_split c;
        price(env, run, e, &c);
        account(run, e, &c);
        sl->hold_ns = c.stage_ns[HV_STAGE_VMBUS] + c.stage_ns[HV_STAGE_HOST];
        int64_t here = c.total_ns - sl->hold_ns;
        sim_note(ctx, "pid %d: %s x%lld over 9P: %lld message%s", pid,
                 hv_sys_class_name((hv_sys_class)e->cls), (long long)e->count,
                 (long long)c.messages, c.messages == 1 ? "" : "s");
        slot_event(r, env, ctx, s, here, HV_RP_EV_P9_SEND);
        return -1;
    }
    switch (e->sync) {
    case HV_SYNC_WAIT: {
        int c = find_slot(r, sl->run, e->link);
        if (c >= 0 && r->slots[c].state == HV_RP_S_ZOMBIE) {
            free_slot(r, ctx, c);
            sim_note(ctx, "pid %d: wait4 reaps pid %d", pid, prog->threads[e->link].pid);
            call_and_return(r, env, ctx, s, e);
        } else {
            sim_note(ctx, "pid %d: wait4 blocks until pid %d exits", pid,
                     prog->threads[e->link].pid);
            leave_cpu(r, env, ctx, s, HV_RP_W_CHILD, e->link);
        }
        return -1;
    }
    case HV_SYNC_READ: {
        int c = chan_slot(r, sl->run, e->link, 1);
        int64_t have = c >= 0 ? r->chans[c].written - r->chans[c].consumed : 0;
        int ready = c < 0 || (e->bytes > 0 ? have >= e->bytes
                                           : r->chans[c].written >= prog->chan_written[e->link]);
        if (!ready) {
            sim_note(ctx, "pid %d: read blocks: its pipe has %lld of %lld bytes", pid,
                     (long long)have, (long long)e->bytes);
            leave_cpu(r, env, ctx, s, HV_RP_W_CHAN, e->link);
            return -1;
        }
        if (c >= 0) r->chans[c].consumed += e->bytes;
        sim_note(ctx, "pid %d: read %lld bytes from its pipe", pid, (long long)e->bytes);
        call_and_return(r, env, ctx, s, e);
        return -1;
    }
    case HV_SYNC_SPAWN:
        sim_note(ctx, "pid %d: %s after %lld calls in %s", pid,
                 (e->flags & HV_CALL_VFORK) ? "vfork" : "fork/clone", (long long)sl->burst_calls,
                 hv_fmt_duration(sl->burst_ns).s);
        call_and_return(r, env, ctx, s, e);
        return -1;
    default: /* WRITE, BLOCK */
        sim_note(ctx, "pid %d: %s%s after %lld calls in %s", pid,
                 hv_sys_class_name((hv_sys_class)e->cls),
                 e->sync == HV_SYNC_WRITE ? " to its pipe" : " (may wait for the outside)",
                 (long long)sl->burst_calls, hv_fmt_duration(sl->burst_ns).s);
        call_and_return(r, env, ctx, s, e);
        return -1;
    }
}

/* The call at slot s's entry has returned. */
static void returned(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int s)
{
    hv_rp_slot *sl = &r->slots[s];
    int run = sl->run;
    const hv_program *prog = program_of(ctx, &r->runs[run]);
    const hv_call *e = &prog->calls[sl->entry];
    sl->entry = e->next;
    sl->user_done = 0;
    sim_note(ctx, "pid %d: %s returns", prog->threads[sl->thread].pid,
             hv_sys_class_name((hv_sys_class)e->cls));
    switch (e->sync) {
    case HV_SYNC_SPAWN:
        r->runs[run].pending++;
        schedule(ctx, 0, env->kind_base + HV_RP_EV_START, run, e->link, s);
        if (e->flags & HV_CALL_VFORK) { /* the parent waits for the child's exec */
            leave_cpu(r, env, ctx, s, HV_RP_W_VFORK, e->link);
            sim_note(ctx, "pid %d: vfork returned in the child; the parent waits for its exec",
                     prog->threads[sl->thread].pid);
            return;
        }
        break;
    case HV_SYNC_WRITE: {
        int c = chan_slot(r, run, e->link, 1);
        if (c >= 0) r->chans[c].written += e->bytes;
        wake_waiters(r, env, ctx, run, HV_RP_W_CHAN, e->link);
        break;
    }
    case HV_SYNC_BLOCK: {
        int64_t native = 0;
        hv_cost_split c;
        hv_cost_price(env->costs, HV_PATH_NATIVE, HV_FS_EXT4, (hv_sys_class)e->cls, e->count,
                      e->bytes, e->chunks, &c);
        native = c.total_ns;
        int64_t wait = e->traced_ns - e->count * env->par->strace_in_call_ns - native;
        if (wait > 0) { /* resumes after the wait, at the next entry */
            leave_cpu(r, env, ctx, s, HV_RP_W_TIMED, 0);
            slot_event(r, env, ctx, s, wait, HV_RP_EV_WAKE);
            sim_note(ctx, "pid %d: %s waits %s for the outside (as traced)",
                     prog->threads[sl->thread].pid, hv_sys_class_name((hv_sys_class)e->cls),
                     hv_fmt_duration(wait).s);
            return;
        }
        break;
    }
    default:
        break;
    }
    if (e->flags & HV_CALL_EXEC) wake_waiters(r, env, ctx, run, HV_RP_W_VFORK, sl->thread);
    burst(r, env, ctx, s);
}

int hv_replay_begin(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, int64_t program,
                    hv_path path, int on_windows, int64_t tag)
{
    int run = 0;
    while (run < HV_RP_RUNS && r->runs[run].active) run++;
    if (run == HV_RP_RUNS) return -1;
    const hv_program *prog = sim_shared_at(ctx, program);
    if (!prog) return -1;
    hv_rp_run *ru = &r->runs[run];
    memset(ru, 0, sizeof *ru);
    *ru = (hv_rp_run){.active = 1, .program = program, .path = path, .on_windows = on_windows,
                      .tag = tag, .started_ns = sim_now(ctx)};
    ru->st.fail_entry = -1;
    const hv_rp_params *par = env->par;
    r->cpu[HV_RP_NATIVE].units = par->cores;
    r->cpu[HV_RP_HOST].units = par->cores;
    r->cpu[HV_RP_VM].units = par->vm_processors > 0 ? par->vm_processors : par->cores;
    r->p9.units = par->p9_workers;
    for (int32_t t = 0; t < prog->n_threads; t++) {
        if (prog->threads[t].parent >= 0) continue;
        ru->pending++;
        schedule(ctx, prog->threads[t].start_ns, env->kind_base + HV_RP_EV_START, run, t, -1);
    }
    return run;
}

void hv_replay_release(hv_replay *r, int run) { r->runs[run].active = 0; }

/* The slot an event names, or -1 if it was freed since. */
static int live_slot(const hv_replay *r, const sim_event *ev)
{
    int64_t s = ev->p.w[0];
    if (s < 0 || s >= HV_RP_SLOTS || r->slots[s].run < 0 || r->slots[s].gen != ev->p.w[1])
        return -1;
    return (int)s;
}

int hv_replay_handle(hv_replay *r, const hv_rp_env *env, sim_ctx *ctx, const sim_event *ev)
{
    int k = ev->kind - env->kind_base;
    if (k == HV_RP_EV_START) return start_thread(r, env, ctx, (int)ev->p.w[0], (int32_t)ev->p.w[1],
                                                 (int)ev->p.w[2]);
    int s = live_slot(r, ev);
    if (s < 0) {
        sim_note(ctx, "void: its thread is gone (the run failed)");
        return -1;
    }
    hv_rp_slot *sl = &r->slots[s];
    switch (k) {
    case HV_RP_EV_RETURN: returned(r, env, ctx, s); return -1;
    case HV_RP_EV_WAKE:
        if (sl->state != HV_RP_S_WAIT || sl->wait_kind != HV_RP_W_TIMED) return -1;
        sl->wait_kind = HV_RP_W_NONE;
        sim_note(ctx, "pid %d: its wait is over",
                 program_of(ctx, &r->runs[sl->run])->threads[sl->thread].pid);
        cpu_want(r, env, ctx, s);
        return -1;
    case HV_RP_EV_P9_SEND: {
        hv_rp_pool *cpu = cpu_of(r, s);
        set_state(r, ctx, s, HV_RP_S_P9_QUEUE);
        cpu_give_up(r, env, ctx, cpu);
        if (r->p9.busy < r->p9.units) {
            p9_serve(r, env, ctx, s);
            sim_note(ctx, "9P server: a worker takes the request (%lld of %lld busy)",
                     (long long)r->p9.busy, (long long)r->p9.units);
        } else {
            fifo_push(r, &r->p9, s);
            sim_note(ctx, "9P server: all %lld workers busy, the request queues",
                     (long long)r->p9.units);
        }
        return -1;
    }
    default: /* a stage kind: a burst ended, or (w[2] = 1) a 9P reply */
        if (ev->p.w[2] == 1) {
            int next = p9_give_up(r, env, ctx);
            const hv_program *prog = program_of(ctx, &r->runs[sl->run]);
            sl->entry = prog->calls[sl->entry].next;
            sl->user_done = 0;
            sim_note(ctx, "9P reply for pid %d%s", prog->threads[sl->thread].pid,
                     next ? "; the next queued request is served" : "");
            cpu_want(r, env, ctx, s);
            return -1;
        }
        return at_entry(r, env, ctx, s);
    }
}
