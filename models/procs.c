/* procs.c: process bookkeeping of a Linux instance (see procs.h).
 * Simplified: a process costs no memory or CPU here (later memory and
 * syscall models add that); a shell stays until `exit`, a command runs for
 * exactly the duration it was given. */
#include "procs.h"

#include <string.h>

#include "stages.h"

enum { W_ASKED, W_RUN, W_EPOCH, W_SHELL_GEN, W_TAG };

int hv_procs_wait(hv_procs *p, int64_t asked_ns, int64_t run_ns)
{
    return hv_procs_wait_tagged(p, asked_ns, run_ns, 0);
}

int hv_procs_wait_tagged(hv_procs *p, int64_t asked_ns, int64_t run_ns, int64_t tag)
{
    if (p->n_waiting >= HV_PROCS_MAX_WAITING) {
        p->dropped++;
        return -1;
    }
    p->waiting[p->n_waiting].asked_ns = asked_ns;
    p->waiting[p->n_waiting].run_ns = run_ns;
    p->waiting[p->n_waiting].tag = tag;
    p->n_waiting++;
    return 0;
}

void hv_procs_launch(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t delay_ns,
                     int64_t asked_ns, int64_t run_ns)
{
    hv_procs_launch_tagged(p, ctx, kind_start, delay_ns, asked_ns, run_ns, 0);
}

void hv_procs_launch_tagged(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t delay_ns,
                            int64_t asked_ns, int64_t run_ns, int64_t tag)
{
    sim_payload pl;
    memset(&pl, 0, sizeof pl);
    pl.w[W_ASKED] = asked_ns;
    pl.w[W_RUN] = run_ns;
    pl.w[W_EPOCH] = p->epoch;
    pl.w[W_SHELL_GEN] = p->shell_gen;
    pl.w[W_TAG] = tag;
    if (sim_schedule(ctx, delay_ns, sim_self(ctx), kind_start, &pl) != 0) p->inflight++;
}

int64_t hv_procs_launch_waiting(hv_procs *p, sim_ctx *ctx, int kind_start, int64_t create_ns,
                                double jitter)
{
    int64_t n = p->n_waiting;
    for (int64_t i = 0; i < n; i++) {
        const hv_request *r = &p->waiting[i];
        hv_procs_launch_tagged(p, ctx, kind_start, hv_stage_draw(ctx, create_ns, jitter),
                               r->asked_ns, r->run_ns, r->tag);
    }
    p->n_waiting = 0;
    return n;
}

static int is_shell(const sim_event *ev) { return ev->p.w[W_RUN] < 0; }

int hv_procs_on_start(hv_procs *p, sim_ctx *ctx, const sim_event *ev, int kind_exit,
                      int64_t *latency_ns)
{
    if (ev->p.w[W_EPOCH] != p->epoch) return 0;  /* shutdown since: inflight was reset */
    p->inflight--;
    if (is_shell(ev) && ev->p.w[W_SHELL_GEN] != p->shell_gen) return 0;
    p->live++;
    if (is_shell(ev)) {
        p->shells++;
    } else {
        sim_payload pl = ev->p;
        sim_schedule(ctx, ev->p.w[W_RUN], sim_self(ctx), kind_exit, &pl);
    }
    *latency_ns = sim_now(ctx) - ev->p.w[W_ASKED];
    return 1;
}

int hv_procs_on_exit(hv_procs *p, const sim_event *ev)
{
    if (ev->p.w[W_EPOCH] != p->epoch || p->live <= p->shells) return 0;
    p->live--;
    return 1;
}

int hv_procs_end_shell(hv_procs *p, int64_t epoch, int64_t shell_gen)
{
    if (epoch != p->epoch || shell_gen != p->shell_gen || p->shells <= 0) return 0;
    p->shells--;
    p->live--;
    return 1;
}

int64_t hv_procs_exit_shells(hv_procs *p)
{
    int64_t closed = p->shells, kept = 0;
    for (int64_t i = 0; i < p->n_waiting; i++) {
        if (p->waiting[i].run_ns == HV_PROCS_SHELL) closed++;
        else p->waiting[kept++] = p->waiting[i];
    }
    p->n_waiting = kept;
    p->live -= p->shells;
    p->shells = 0;
    p->shell_gen++;
    return closed;
}

int64_t hv_procs_kill_all(hv_procs *p)
{
    int64_t killed = p->live;
    p->live = p->shells = p->inflight = p->n_waiting = 0;
    p->epoch++;
    return killed;
}

int hv_procs_idle(const hv_procs *p)
{
    return p->live == 0 && p->inflight == 0 && p->n_waiting == 0;
}
