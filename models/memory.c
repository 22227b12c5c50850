/* memory.c: the utility VM's dynamic memory (model "mem").
 *
 * The VM reserves nothing up front.  Above its idle footprint (held by "uvm")
 * the guest's memory is anonymous memory of processes plus the page cache,
 * both bounded by the VM's size (the cap: .wslconfig `memory`, by default a
 * share of host RAM that depends on the WSL build).  Every page the guest
 * has touched is held on the host, so the host share is
 *     host_bytes = anon + cache + unreported
 * where `unreported` is memory free inside the guest that the host has not
 * got back yet.  Free page reporting (pageReporting) hands free pages back
 * a couple of seconds after they are freed, in whole reporting blocks;
 * without it the host share never shrinks while the VM runs.  The page
 * cache stays until something reclaims it: the guest's own LRU when
 * anonymous memory needs room, `drop_caches`, or autoMemoryReclaim --
 * `dropCache` (one drop after the guest has been idle for a window) or
 * `gradual` (a slice every poll after a shorter idle window) -- on the
 * timings of the shipped 2.x builds or of the newest code.  When anonymous
 * demand passes the cap, cold anonymous pages go to swap (swap.vhdx, on
 * disk, not host RAM); past cap + swap the OOM killer ends the process with
 * the most memory.  The host is under pressure while Windows plus the VMs
 * want more than its RAM (read from the host's ledger after every change).
 *
 * Invariants: anon + cache + unreported <= cap; swap_used <= swap size;
 * sum over processes of resident = anon and of swapped = swap_used; the
 * bytes reserved with the host equal host_bytes after every handler.
 *
 * Simplified: one guest-wide LRU (cache is evicted before anon is swapped;
 * the largest process is swapped first); "CPU idle" means no memory
 * activity and no build running; gradual reclaim takes page cache only;
 * a swapped page stays in swap until its process frees it; the VM's own
 * idle footprint (uvm) is not counted against the cap.  The host is read
 * through the engine's read-only view (its `ram` and `cores` parameters
 * and its `free` metric): the host has no query event yet.
 * Numbers: docs/memory.md and docs/calibration.md (keys mem.*). */
#include "memory.h"
#include "memory_int.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "host.h"
#include "stages.h"
#include "utility_vm.h"

/* --- small helpers ------------------------------------------------------------ */

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

static const char *name_of(sim_ctx *ctx, int64_t id)
{
    const char *s = id >= 0 ? sim_string(ctx, id) : NULL;
    return s ? s : "?";
}

static void self_after(sim_ctx *ctx, int64_t delay_ns, int kind, const sim_payload *p)
{
    sim_schedule(ctx, delay_ns, sim_self(ctx), kind, p);
}

static int stale(const mem_state *s, const sim_event *ev) { return ev->p.w[0] != s->epoch; }

/* --- the ledger --------------------------------------------------------------- */

/* Is there anything for autoMemoryReclaim to do, now or after an idle
 * window?  The poll runs only then, so an idle VM with nothing to reclaim
 * schedules nothing and a run can end while a shell stays open. */
static int reclaim_pending(const mem_state *s)
{
    int newest = s->timing == HV_MEM_TIMING_NEWEST;
    int64_t floor_b = newest ? s->newest_cache_floor_bytes : 0;
    if (!s->running || s->reclaim_mode == HV_MEM_RECLAIM_DISABLED || s->cache_bytes <= floor_b)
        return 0;
    if (s->reclaim_mode == HV_MEM_RECLAIM_DROPCACHE) return !s->dropped;
    if (newest) return 1;
    int64_t in_use = s->anon_bytes + s->cache_bytes;
    return s->gradual_on ? in_use >= s->shipped_gradual_low_bytes
                         : in_use > s->shipped_gradual_high_bytes;
}

static void ensure_poll(mem_state *s, sim_ctx *ctx)
{
    if (s->poll_seq != 0 || !reclaim_pending(s)) return;
    sim_payload p = {{s->epoch}};
    int64_t period = s->timing == HV_MEM_TIMING_NEWEST ? s->newest_poll_ns : s->shipped_poll_ns;
    s->poll_seq = sim_schedule(ctx, period, sim_self(ctx), HV_MEM_POLL, &p);
}

/* Brings the host reservation in line with host_bytes; the host answers
 * with its ledger (HV_MEM_HOST_LEDGER). */
static void sync_host(mem_state *s, sim_ctx *ctx)
{
    s->host_bytes = s->anon_bytes + s->cache_bytes + s->unreported_bytes;
    s->guest_free_bytes = s->running ? s->cap_bytes - s->anon_bytes - s->cache_bytes : 0;
    s->peak_host_bytes = max64(s->peak_host_bytes, s->host_bytes);
    int64_t delta = s->host_bytes - s->held_bytes;
    if (delta > 0) hv_host_reserve(ctx, (int)s->host_id, delta);
    if (delta < 0) hv_host_release(ctx, (int)s->host_id, -delta);
    s->held_bytes = s->host_bytes;
    if (s->running && s->reporting && s->report_seq == 0 &&
        s->unreported_bytes >= s->report_block_in_force) {
        sim_payload p = {{s->epoch}};
        s->report_seq = sim_schedule(ctx, s->report_delay_ns, sim_self(ctx), HV_MEM_REPORT, &p);
    }
    int64_t n = 0;
    for (int i = 0; i < MEM_MAX_PROCS; i++) n += s->procs[i].name >= 0;
    s->processes = n;
    ensure_poll(s, ctx);
}

/* Guest pages become free; sync_host arranges for page reporting. */
static void freed(mem_state *s, int64_t bytes)
{
    if (bytes > 0) s->unreported_bytes += bytes;
}

/* The guest takes bytes of free memory: already-touched free pages first. */
static void take(mem_state *s, int64_t bytes)
{
    s->unreported_bytes -= min64(s->unreported_bytes, bytes);
}

static void touch(mem_state *s, sim_ctx *ctx)
{
    s->last_activity_ns = sim_now(ctx);
    s->dropped = 0;
}

/* --- processes ---------------------------------------------------------------- */

static mem_proc *find_proc(mem_state *s, int64_t name, sim_ctx *ctx)
{
    const char *want = name_of(ctx, name);
    for (int i = 0; i < MEM_MAX_PROCS; i++)
        if (s->procs[i].name >= 0 && strcmp(name_of(ctx, s->procs[i].name), want) == 0)
            return &s->procs[i];
    return NULL;
}

static mem_proc *start_proc(mem_state *s, int64_t name, sim_ctx *ctx)
{
    mem_proc *p = find_proc(s, name, ctx);
    if (p) return p;
    for (int i = 0; i < MEM_MAX_PROCS; i++)
        if (s->procs[i].name < 0) {
            int64_t gen = s->procs[i].gen;
            memset(&s->procs[i], 0, sizeof s->procs[i]);
            s->procs[i].name = name;
            s->procs[i].gen = gen;
            return &s->procs[i];
        }
    return NULL;
}

/* The process ends: its RAM becomes free, its swap is released. */
static int64_t end_proc(mem_state *s, mem_proc *p)
{
    int64_t total = p->resident_bytes + p->swapped_bytes;
    s->anon_bytes -= p->resident_bytes;
    s->swap_used_bytes -= p->swapped_bytes;
    freed(s, p->resident_bytes);
    p->name = -1;
    p->gen++;
    p->resident_bytes = p->swapped_bytes = p->steps_left = 0;
    return total;
}

/* Moves up to bytes of resident anon to swap, largest process first. */
static int64_t swap_out(mem_state *s, int64_t bytes)
{
    int64_t done = 0;
    while (done < bytes) {
        mem_proc *big = NULL;
        for (int i = 0; i < MEM_MAX_PROCS; i++)
            if (s->procs[i].name >= 0 && s->procs[i].resident_bytes > 0 &&
                (!big || s->procs[i].resident_bytes > big->resident_bytes))
                big = &s->procs[i];
        if (!big) break;
        int64_t n = min64(big->resident_bytes, bytes - done);
        big->resident_bytes -= n;
        big->swapped_bytes += n;
        s->anon_bytes -= n;
        s->swap_used_bytes += n;
        done += n;
    }
    s->unreported_bytes += done; /* the RAM they held is reused at once */
    return done;
}

/* The OOM killer's choice: the process with the most memory. */
static mem_proc *oom_victim(mem_state *s)
{
    mem_proc *v = NULL;
    for (int i = 0; i < MEM_MAX_PROCS; i++) {
        mem_proc *p = &s->procs[i];
        if (p->name >= 0 && (!v || p->resident_bytes + p->swapped_bytes >
                                       v->resident_bytes + v->swapped_bytes))
            v = p;
    }
    return v;
}

static void oom_kill(mem_state *s, sim_ctx *ctx, mem_proc *v)
{
    sim_payload p = {{s->epoch, v->name, v->resident_bytes, v->swapped_bytes}};
    s->oom_freed_bytes += end_proc(s, v);
    s->oom_kills++;
    self_after(ctx, 0, HV_MEM_OOM_KILL, &p);
}

typedef struct alloc_result {
    int64_t evicted, swapped;
    int killed_self;
    int kills;
} alloc_result;

/* Process p allocates bytes of anonymous memory, page by page in effect:
 * free memory first, then evicted page cache, then its own or another
 * process's cold pages pushed to swap, then the OOM killer. */
static alloc_result alloc_anon(mem_state *s, sim_ctx *ctx, mem_proc *p, int64_t bytes)
{
    alloc_result r = {0, 0, 0, 0};
    while (bytes > 0) {
        int64_t room = s->cap_bytes - s->anon_bytes - s->cache_bytes;
        if (room > 0) {
            int64_t n = min64(room, bytes);
            take(s, n);
            p->resident_bytes += n;
            s->anon_bytes += n;
            bytes -= n;
            continue;
        }
        int64_t e = min64(s->cache_bytes, bytes);
        if (e > 0) {
            s->cache_bytes -= e;
            s->unreported_bytes += e;
            r.evicted += e;
            continue;
        }
        int64_t sw = swap_out(s, min64(bytes, s->swap_size_bytes - s->swap_used_bytes));
        if (sw > 0) {
            r.swapped += sw;
            continue;
        }
        mem_proc *v = oom_victim(s); /* never NULL: p itself is a candidate */
        r.kills++;
        r.killed_self = !v || v == p;
        if (v) oom_kill(s, ctx, v);
        if (r.killed_self) break;
    }
    return r;
}

/* Files are read: the cache grows into memory anon does not use, evicting
 * its own oldest pages when full.  Returns the bytes evicted. */
static int64_t read_files(mem_state *s, int64_t bytes)
{
    int64_t space = s->cap_bytes - s->anon_bytes;
    int64_t add = min64(bytes, space);
    int64_t evict = max64(0, s->cache_bytes + add - space);
    s->cache_bytes -= evict;
    s->unreported_bytes += evict;
    take(s, add);
    s->cache_bytes += add;
    return evict;
}

/* Drops up to bytes of page cache (reclaim or drop_caches); returns how much. */
static int64_t drop_cache(mem_state *s, int64_t bytes)
{
    int64_t n = min64(bytes, s->cache_bytes);
    if (n <= 0) return 0;
    s->cache_bytes -= n;
    s->reclaimed_bytes += n;
    freed(s, n);
    return n;
}

/* --- the VM's life -------------------------------------------------------- */

static int64_t round_up(int64_t v, int64_t unit) { return (v + unit - 1) / unit * unit; }

/* The VM's memory size from the configured value or the build's rule. */
static int64_t vm_cap(const mem_state *s, int64_t ram, const char **why)
{
    int64_t cap;
    if (s->cfg_memory_bytes > 0) {
        cap = s->cfg_memory_bytes;
        *why = "from .wslconfig";
    } else if (s->wsl_build == HV_MEM_BUILD_20175) {
        cap = min64((int64_t)((double)ram * s->share_20175), s->cap_20175_bytes);
        *why = "default of build 20175: min(50% of RAM, 8 GB)";
    } else if (s->wsl_build == HV_MEM_BUILD_19028) {
        cap = (int64_t)((double)ram * s->share_19028);
        *why = "default of build 19028: 80% of RAM";
    } else {
        cap = (int64_t)((double)ram * s->share_current);
        *why = "default: 50% of RAM";
    }
    cap = cap / SIM_MiB * SIM_MiB;
    if (ram > 0 && cap > ram) cap = ram;
    return max64(cap, s->min_memory_bytes);
}

/* autoMemoryReclaim in force: `auto` is the release's default (dropCache
 * since 2.2.1, disabled before); a release without the feature has none. */
static int64_t reclaim_in_force(const mem_state *s, int64_t configured)
{
    if (!hv_release_at_least(s->rel, 0, s->reclaim_since)) return HV_MEM_RECLAIM_DISABLED;
    if (configured != HV_MEM_RECLAIM_AUTO) return configured;
    return hv_release_at_least(s->rel, 0, s->reclaim_default_since) ? HV_MEM_RECLAIM_DROPCACHE
                                                                     : HV_MEM_RECLAIM_DISABLED;
}

/* Free page reporting's block: the parameter, or the Windows build's rule
 * (128 KiB with the VID fix of build 26100, 2 MiB before; Src WslCoreVm.cpp). */
static int64_t report_block(const mem_state *s)
{
    if (s->report_block_bytes > 0) return s->report_block_bytes;
    return hv_release_at_least(s->rel, s->small_report_min_build, 0) ? s->report_block_small_bytes
                                                                      : s->report_block_large_bytes;
}

static int configured_differs(const mem_state *s)
{
    return s->cfg_memory_bytes != s->memory_bytes || s->cfg_swap_bytes != s->swap_bytes ||
           s->cfg_processors != s->processors || s->cfg_reclaim != s->reclaim ||
           s->cfg_page_reporting != s->page_reporting;
}

static void on_vm_start(mem_state *s, sim_ctx *ctx)
{
    int64_t ram = s->host_ram_bytes, cores = s->host_cores > 0 ? s->host_cores : 1;
    const char *why = "";
    s->epoch++;
    s->running = 1;
    /* what .wslconfig says now is what this VM gets */
    s->memory_bytes = s->cfg_memory_bytes;
    s->swap_bytes = s->cfg_swap_bytes;
    s->processors = s->cfg_processors;
    s->reclaim = s->cfg_reclaim;
    s->page_reporting = s->cfg_page_reporting;
    s->cap_bytes = vm_cap(s, ram, &why);
    s->swap_size_bytes = s->swap_bytes >= 0
                             ? s->swap_bytes
                             : round_up((int64_t)((double)s->cap_bytes * s->swap_share),
                                        s->swap_round_bytes);
    s->vm_processors = s->processors > 0 ? min64(s->processors, cores) : cores;
    s->reclaim_mode = reclaim_in_force(s, s->reclaim);
    s->reporting = s->page_reporting;
    s->report_block_in_force = report_block(s);
    s->pending_restart = 0;
    s->anon_bytes = s->cache_bytes = s->unreported_bytes = s->swap_used_bytes = 0;
    s->gradual_on = 0;
    touch(s, ctx);
    sync_host(s, ctx);
    sim_note(ctx, "VM memory: up to %s (%s), swap %s, %lld processors, autoMemoryReclaim=%s, "
             "pageReporting=%s; nothing reserved up front",
             hv_fmt_bytes(s->cap_bytes).s, why, hv_fmt_bytes(s->swap_size_bytes).s,
             (long long)s->vm_processors, hv_mem_reclaim_names[s->reclaim_mode],
             s->reporting ? "true" : "false");
}

static void on_vm_stop(mem_state *s, sim_ctx *ctx)
{
    int64_t back = s->host_bytes;
    int64_t n = 0;
    for (int i = 0; i < MEM_MAX_PROCS; i++)
        if (s->procs[i].name >= 0) {
            int64_t gen = s->procs[i].gen + 1;
            memset(&s->procs[i], 0, sizeof s->procs[i]);
            s->procs[i].name = -1;
            s->procs[i].gen = gen;
            n++;
        }
    s->epoch++;
    s->running = 0;
    s->anon_bytes = s->cache_bytes = s->unreported_bytes = s->swap_used_bytes = 0;
    hv_stage_cancel(ctx, &s->report_seq);
    hv_stage_cancel(ctx, &s->poll_seq);
    sync_host(s, ctx);
    sim_note(ctx, "VM stopped: %s of guest memory back to Windows%s%s", hv_fmt_bytes(back).s,
             n ? ", processes ended" : "", s->swap_size_bytes ? ", swap.vhdx deleted" : "");
}

/* --- actions -------------------------------------------------------------- */

static int need_vm(const mem_state *s, sim_ctx *ctx, const char *what)
{
    if (s->running) return 1;
    sim_note(ctx, "%s ignored: the VM is not running", what);
    return 0;
}

static void note_alloc(sim_ctx *ctx, const mem_state *s, const char *who, int64_t bytes,
                       alloc_result r)
{
    char extra[120] = "";
    if (r.evicted || r.swapped)
        snprintf(extra, sizeof extra, " (evicted %s of page cache, swapped out %s)",
                 hv_fmt_bytes(r.evicted).s, hv_fmt_bytes(r.swapped).s);
    if (r.killed_self)
        sim_note(ctx, "%s wants %s more: out of memory and swap -- the OOM killer ends it%s", who,
                 hv_fmt_bytes(bytes).s, extra);
    else
        sim_note(ctx, "%s allocates %s: anon %s, cache %s of %s%s", who, hv_fmt_bytes(bytes).s,
                 hv_fmt_bytes(s->anon_bytes).s, hv_fmt_bytes(s->cache_bytes).s,
                 hv_fmt_bytes(s->cap_bytes).s, extra);
}

static void on_alloc(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (!need_vm(s, ctx, "alloc")) return;
    mem_proc *p = start_proc(s, ev->p.w[HV_MEM_ARG_NAME], ctx);
    if (!p) {
        sim_note(ctx, "alloc ignored: at most %d processes", MEM_MAX_PROCS);
        return;
    }
    touch(s, ctx);
    alloc_result r = alloc_anon(s, ctx, p, ev->p.w[HV_MEM_ARG_SIZE]);
    note_alloc(ctx, s, name_of(ctx, ev->p.w[HV_MEM_ARG_NAME]), ev->p.w[HV_MEM_ARG_SIZE], r);
    sync_host(s, ctx);
}

static void on_free(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (!need_vm(s, ctx, "free")) return;
    mem_proc *p = find_proc(s, ev->p.w[HV_MEM_ARG_NAME], ctx);
    const char *who = name_of(ctx, ev->p.w[HV_MEM_ARG_NAME]);
    if (!p) {
        sim_note(ctx, "free ignored: no process '%s'", who);
        return;
    }
    touch(s, ctx);
    int64_t want = ev->p.w[HV_MEM_ARG_SIZE];
    if (want <= 0 || want >= p->resident_bytes + p->swapped_bytes) {
        int64_t total = end_proc(s, p);
        sim_note(ctx, "%s exits: %s of anonymous memory freed", who, hv_fmt_bytes(total).s);
    } else {
        int64_t ram = min64(want, p->resident_bytes), sw = want - ram;
        p->resident_bytes -= ram;
        p->swapped_bytes -= sw;
        s->anon_bytes -= ram;
        s->swap_used_bytes -= sw;
        freed(s, ram);
        sim_note(ctx, "%s frees %s", who, hv_fmt_bytes(want).s);
    }
    sync_host(s, ctx);
}

static void on_cache(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (!need_vm(s, ctx, "cache")) return;
    touch(s, ctx);
    int64_t evicted = read_files(s, ev->p.w[HV_MEM_CACHE_SIZE]);
    sim_note(ctx, "%s of files read: page cache %s%s", hv_fmt_bytes(ev->p.w[HV_MEM_CACHE_SIZE]).s,
             hv_fmt_bytes(s->cache_bytes).s, evicted ? " (its oldest pages evicted)" : "");
    sync_host(s, ctx);
}

static void schedule_slice(mem_state *s, sim_ctx *ctx, const mem_proc *p)
{
    sim_payload q = {{s->epoch, p - s->procs, p->gen}};
    self_after(ctx, p->step_ns, HV_MEM_BUILD_STEP, &q);
}

static void on_build(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (!need_vm(s, ctx, "build")) return;
    mem_proc *p = start_proc(s, ev->p.w[HV_MEM_BUILD_NAME], ctx);
    if (!p) {
        sim_note(ctx, "build ignored: at most %d processes", MEM_MAX_PROCS);
        return;
    }
    if (p->steps_left > 0) {
        sim_note(ctx, "build ignored: '%s' is already building", name_of(ctx, ev->p.w[HV_MEM_BUILD_NAME]));
        return;
    }
    int64_t duration = ev->p.w[HV_MEM_BUILD_DURATION];
    int64_t steps = max64(1, duration / s->build_slice_ns);
    p->steps_left = steps;
    p->step_ns = duration / steps;
    p->ramp_anon_bytes = ev->p.w[HV_MEM_BUILD_ANON];
    p->ramp_cache_bytes = ev->p.w[HV_MEM_BUILD_CACHE];
    touch(s, ctx);
    schedule_slice(s, ctx, p);
    sim_note(ctx, "%s starts: grows to %s anonymous memory and reads %s of files over %s",
             name_of(ctx, p->name), hv_fmt_bytes(p->ramp_anon_bytes).s,
             hv_fmt_bytes(p->ramp_cache_bytes).s, hv_fmt_duration(duration).s);
}

static void on_build_step(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t slot = ev->p.w[1];
    if (stale(s, ev) || slot < 0 || slot >= MEM_MAX_PROCS || s->procs[slot].gen != ev->p.w[2]) {
        sim_note(ctx, "void: the build was ended first");
        return;
    }
    mem_proc *p = &s->procs[slot];
    const char *who = name_of(ctx, p->name);
    int64_t anon = p->ramp_anon_bytes / p->steps_left, cache = p->ramp_cache_bytes / p->steps_left;
    p->ramp_anon_bytes -= anon;
    p->ramp_cache_bytes -= cache;
    p->steps_left--;
    touch(s, ctx);
    alloc_result r = alloc_anon(s, ctx, p, anon);
    if (r.killed_self) {
        note_alloc(ctx, s, who, anon, r);
    } else {
        read_files(s, cache);
        if (p->steps_left > 0) {
            schedule_slice(s, ctx, p);
            note_alloc(ctx, s, who, anon, r);
        } else {
            int64_t total = end_proc(s, p);
            sim_note(ctx, "%s finishes and exits: %s of anonymous memory freed; the page cache "
                     "(%s) stays", who, hv_fmt_bytes(total).s, hv_fmt_bytes(s->cache_bytes).s);
        }
    }
    sync_host(s, ctx);
}

static void on_drop_caches(mem_state *s, sim_ctx *ctx)
{
    if (!need_vm(s, ctx, "drop_caches")) return;
    int64_t n = drop_cache(s, s->cache_bytes);
    sim_note(ctx, "echo 1 > /proc/sys/vm/drop_caches: %s of page cache freed%s",
             hv_fmt_bytes(n).s, s->reporting ? "" : " (pageReporting=false: Windows gets none of it)");
    sync_host(s, ctx);
}

static void on_edit(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    const int64_t *w = ev->p.w;
    if (w[0] >= 0) s->cfg_memory_bytes = w[0];
    if (w[1] >= 0) s->cfg_swap_bytes = w[1];
    if (w[2] >= 0) s->cfg_processors = w[2];
    if (w[3] >= 0) s->cfg_reclaim = w[3];
    if (w[4] >= 0) s->cfg_page_reporting = w[4];
    s->pending_restart = configured_differs(s);
    sim_note(ctx, ".wslconfig saved: memory=%s swap=%s autoMemoryReclaim=%s; %s",
             s->cfg_memory_bytes ? hv_fmt_bytes(s->cfg_memory_bytes).s : "default",
             s->cfg_swap_bytes >= 0 ? hv_fmt_bytes(s->cfg_swap_bytes).s : "default",
             hv_mem_reclaim_names[s->cfg_reclaim],
             !s->pending_restart ? "nothing changes"
             : s->running ? "the running VM keeps its settings until it restarts (8-second rule)"
                          : "applies at the next VM start");
}

/* The host's ledger arrived (after every change of RAM use, see host.h):
 * keep RAM and cores for the next VM start; pressure begins or ends. */
static void on_host_ledger(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t free_b = ev->p.w[HV_LEDGER_FREE];
    s->host_ram_bytes = ev->p.w[HV_LEDGER_RAM];
    s->host_cores = ev->p.w[HV_LEDGER_CORES];
    s->shortfall_bytes = max64(0, -free_b);
    s->peak_shortfall_bytes = max64(s->peak_shortfall_bytes, s->shortfall_bytes);
    int now = free_b < 0;
    if (now != (int)s->host_pressure) {
        s->host_pressure = now;
        s->pressure_episodes += now;
        sim_payload p = {{s->shortfall_bytes, s->host_bytes}};
        self_after(ctx, 0, now ? HV_MEM_PRESSURE_BEGIN : HV_MEM_PRESSURE_END, &p);
    }
    sim_note(ctx, "host ledger: %s free of %s", hv_fmt_bytes(free_b).s,
             hv_fmt_bytes(s->host_ram_bytes).s);
}

/* --- timers ------------------------------------------------------------- */

static int building(const mem_state *s)
{
    for (int i = 0; i < MEM_MAX_PROCS; i++)
        if (s->procs[i].name >= 0 && s->procs[i].steps_left > 0) return 1;
    return 0;
}

/* One autoMemoryReclaim decision.  Writes what it did into buf. */
static void reclaim_step(mem_state *s, int64_t idle_ns, char *buf, size_t cap)
{
    int newest = s->timing == HV_MEM_TIMING_NEWEST;
    int64_t floor_b = newest ? s->newest_cache_floor_bytes : 0;
    int64_t spare = max64(0, s->cache_bytes - floor_b);
    if (s->reclaim_mode == HV_MEM_RECLAIM_DISABLED) {
        snprintf(buf, cap, "autoMemoryReclaim=disabled: page cache %s stays",
                 hv_fmt_bytes(s->cache_bytes).s);
        return;
    }
    if (s->reclaim_mode == HV_MEM_RECLAIM_DROPCACHE) {
        int64_t window = newest ? s->newest_idle_ns : s->shipped_drop_idle_ns;
        if (idle_ns < window || s->dropped || spare == 0) {
            snprintf(buf, cap, "dropCache: idle %s of %s%s", hv_fmt_duration(idle_ns).s,
                     hv_fmt_duration(window).s, s->dropped ? ", already dropped" : "");
            return;
        }
        int64_t n = drop_cache(s, spare);
        s->dropped = 1;
        snprintf(buf, cap, "dropCache: idle for %s: drop_caches frees %s of page cache",
                 hv_fmt_duration(idle_ns).s, hv_fmt_bytes(n).s);
        return;
    }
    int64_t window = newest ? s->newest_idle_ns : s->shipped_gradual_idle_ns;
    if (idle_ns < window) {
        snprintf(buf, cap, "gradual: idle %s of %s", hv_fmt_duration(idle_ns).s,
                 hv_fmt_duration(window).s);
        return;
    }
    int64_t in_use = s->anon_bytes + s->cache_bytes, step;
    if (newest) {
        step = min64(max64(s->cap_bytes / s->newest_step_divisor, s->newest_step_min_bytes),
                     s->newest_step_max_bytes);
    } else {
        if (!s->gradual_on && in_use > s->shipped_gradual_high_bytes) s->gradual_on = 1;
        if (s->gradual_on && in_use < s->shipped_gradual_low_bytes) s->gradual_on = 0;
        if (!s->gradual_on) {
            snprintf(buf, cap, "gradual: %s in use, below the threshold", hv_fmt_bytes(in_use).s);
            return;
        }
        step = (int64_t)((double)in_use * s->shipped_gradual_step);
    }
    int64_t n = drop_cache(s, min64(step, spare));
    snprintf(buf, cap, "gradual: memory.reclaim takes %s of page cache (%s left)",
             hv_fmt_bytes(n).s, hv_fmt_bytes(s->cache_bytes).s);
}

static void on_poll(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->poll_seq = 0;
    if (stale(s, ev)) {
        sim_note(ctx, "void: the VM stopped");
        return;
    }
    char what[160];
    if (building(s)) touch(s, ctx);
    reclaim_step(s, sim_now(ctx) - s->last_activity_ns, what, sizeof what);
    sync_host(s, ctx);
    sim_note(ctx, "%s%s", what, s->poll_seq ? "" : "; nothing more to reclaim: polling stops");
}

static void on_report(mem_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->report_seq = 0;
    if (stale(s, ev)) {
        sim_note(ctx, "void: the VM stopped");
        return;
    }
    int64_t n = s->unreported_bytes / s->report_block_in_force * s->report_block_in_force;
    s->unreported_bytes -= n;
    s->reported_bytes += n;
    sim_note(ctx, "free page reporting: %s of free guest memory back to Windows", hv_fmt_bytes(n).s);
    sync_host(s, ctx);
}

/* --- dispatch --------------------------------------------------------------- */

void hv_mem_init(void *state, sim_ctx *ctx)
{
    mem_state *s = state;
    s->host_id = sim_lookup(ctx, HV_HOST_NAME);
    s->host_ram_bytes = 0;
    s->host_cores = 1;
    hv_host_subscribe(ctx, (int)s->host_id, HV_MEM_HOST_LEDGER);
    hv_host_subscribe_boot(ctx, (int)s->host_id, HV_MEM_BOOT_NEWS);
    memset(&s->rel, 0, sizeof s->rel);
    hv_uvm_subscribe(ctx, sim_lookup(ctx, HV_UVM_NAME), HV_MEM_VM_START, HV_MEM_VM_STOP);
    s->cfg_memory_bytes = s->memory_bytes;
    s->cfg_swap_bytes = s->swap_bytes;
    s->cfg_processors = s->processors;
    s->cfg_reclaim = s->reclaim;
    s->cfg_page_reporting = s->page_reporting;
    s->reclaim_mode = reclaim_in_force(s, s->reclaim);
    s->reporting = s->page_reporting;
    s->report_block_in_force = report_block(s);
    for (int i = 0; i < MEM_MAX_PROCS; i++) {
        memset(&s->procs[i], 0, sizeof s->procs[i]);
        s->procs[i].name = -1;
    }
}

void hv_mem_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    mem_state *s = state;
    switch (ev->kind) {
    case HV_MEM_VM_START: on_vm_start(s, ctx); break;
    case HV_MEM_VM_STOP: on_vm_stop(s, ctx); break;
    case HV_MEM_ALLOC: on_alloc(s, ctx, ev); break;
    case HV_MEM_FREE: on_free(s, ctx, ev); break;
    case HV_MEM_CACHE: on_cache(s, ctx, ev); break;
    case HV_MEM_BUILD: on_build(s, ctx, ev); break;
    case HV_MEM_DROP_CACHES: on_drop_caches(s, ctx); break;
    case HV_MEM_EDIT: on_edit(s, ctx, ev); break;
    case HV_MEM_BUILD_STEP: on_build_step(s, ctx, ev); break;
    case HV_MEM_POLL: on_poll(s, ctx, ev); break;
    case HV_MEM_REPORT: on_report(s, ctx, ev); break;
    case HV_MEM_HOST_LEDGER: on_host_ledger(s, ctx, ev); break;
    case HV_MEM_BOOT_NEWS: s->rel = hv_release_from_news(ev); break;
    case HV_MEM_PRESSURE_BEGIN:
        sim_note(ctx, "host memory pressure begins: Windows and the VMs want %s more than the RAM "
                 "(the VM holds %s); Windows pages its apps out",
                 hv_fmt_bytes(ev->p.w[0]).s, hv_fmt_bytes(ev->p.w[1]).s);
        break;
    case HV_MEM_PRESSURE_END:
        sim_note(ctx, "host memory pressure ends (the VM holds %s)", hv_fmt_bytes(ev->p.w[1]).s);
        break;
    case HV_MEM_OOM_KILL:
        sim_note(ctx, "Out of memory: Killed process %s (anon-rss %s, swap %s)",
                 name_of(ctx, ev->p.w[1]), hv_fmt_bytes(ev->p.w[2]).s, hv_fmt_bytes(ev->p.w[3]).s);
        break;
    default: sim_note(ctx, "ignored: unknown event kind %d", (int)ev->kind); break;
    }
}

void hv_mem_snapshot(const void *state, sim_snapshot *out)
{
    const mem_state *s = state;
    memset(out, 0, sizeof *out);
    if (!s->running) {
        snprintf(out->status, sizeof out->status, "stopped");
        return;
    }
    snprintf(out->status, sizeof out->status, "anon %.14s cache %.14s / %.14s",
             hv_fmt_bytes(s->anon_bytes).s, hv_fmt_bytes(s->cache_bytes).s,
             hv_fmt_bytes(s->cap_bytes).s);
}
