/* test_memory.c: the utility VM's dynamic memory ("mem") against the host's
 * ledger ("host").  What it must do: reserve nothing up front, size the VM
 * by the build's rule, grow with demand, keep page cache until something
 * reclaims it, hand freed pages back by free page reporting, swap then kill
 * when demand passes cap + swap, run each reclaim mode on its documented
 * timings, apply a .wslconfig edit only after a restart, report host
 * pressure with events -- and never create or lose a byte on the way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "engine.h"
#include "host.h"
#include "memory.h"

enum { HOST = 0, MEM = 1 };

typedef struct notes {
    char text[64][SIM_NOTE_MAX];
    int n;
} notes;

/* Keeps the notes of mem's oom_kill and pressure events. */
static void observe(void *user, const sim_engine *eng, const sim_trace_record *rec)
{
    notes *n = user;
    (void)eng;
    if (rec->model == MEM && rec->kind >= HV_MEM_PRESSURE_BEGIN && rec->kind <= HV_MEM_OOM_KILL &&
        n->n < 64)
        snprintf(n->text[n->n++], SIM_NOTE_MAX, "%s: %s", rec->kind_name, rec->note);
}

static void set(sim_engine *e, int model, const char *param, int64_t v)
{
    const sim_model_ops *ops = sim_engine_model_ops(e, model);
    int i = sim_model_find_param(ops, param);
    if (i < 0) fail_msg("no parameter %s", param);
    sim_engine_set_param(e, model, i, (sim_value){.i = v});
}

static int64_t metric(sim_engine *e, int model, const char *name)
{
    int i = sim_model_find_metric(sim_engine_model_ops(e, model), name);
    if (i < 0) fail_msg("no metric %s", name);
    return sim_engine_metric(e, model, i).i;
}

static int64_t mem(sim_engine *e, const char *name) { return metric(e, MEM, name); }

/* host (32 GiB, 8 cores, Windows using 8 GiB) + mem; parameters may be set
 * before start_engine. */
static sim_engine *machine(notes *n)
{
    sim_engine *e = sim_engine_new(1);
    assert_int_equal(sim_engine_add_model(e, &hv_host_ops, 0), HOST);
    assert_int_equal(sim_engine_add_model(e, &hv_mem_ops, 0), MEM);
    set(e, HOST, "ram", 32 * SIM_GiB);
    set(e, HOST, "cores", 8);
    set(e, HOST, "windows_demand", 8 * SIM_GiB);
    if (n) {
        memset(n, 0, sizeof *n);
        sim_engine_set_observer(e, observe, n);
    }
    return e;
}

static void at(sim_engine *e, int64_t t, int kind, int64_t a, int64_t b, int64_t c, int64_t d)
{
    sim_payload p = {{a, b, c, d, -1, -1}};
    assert_int_not_equal(sim_engine_schedule_at(e, t, 0, MEM, kind, &p), 0);
}

static int64_t str(sim_engine *e, const char *s) { return sim_engine_intern(e, s); }

static void vm_start(sim_engine *e, int64_t t) { at(e, t, HV_MEM_VM_START, 0, 0, 0, 0); }
static void vm_stop(sim_engine *e, int64_t t) { at(e, t, HV_MEM_VM_STOP, 0, 0, 0, 0); }

/* The ledger invariants that must hold after every instant. */
static void check_ledger(sim_engine *e)
{
    int64_t anon = mem(e, "anon"), cache = mem(e, "cache"), unrep = mem(e, "unreported");
    assert_true(anon >= 0 && cache >= 0 && unrep >= 0);
    if (mem(e, "vm_running")) assert_true(anon + cache + unrep <= mem(e, "cap"));
    assert_int_equal(mem(e, "host_share"), anon + cache + unrep);
    assert_true(mem(e, "swap_used") >= 0 && mem(e, "swap_used") <= mem(e, "swap_size"));
    /* the host's own books agree with mem's */
    assert_int_equal(metric(e, HOST, "vm_reserved"), mem(e, "host_share"));
    assert_int_equal(metric(e, HOST, "free"),
                     metric(e, HOST, "ram") - metric(e, HOST, "windows_used") -
                         metric(e, HOST, "vm_reserved"));
}

static void run_to(sim_engine *e, int64_t t)
{
    sim_engine_run_until_time(e, t);
    check_ledger(e);
}

static void test_mem_vm_reserves_nothing_up_front_and_takes_half_the_ram(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    sim_engine_start(e);
    vm_start(e, SIM_S);
    run_to(e, 2 * SIM_S);
    assert_int_equal(mem(e, "vm_running"), 1);
    assert_int_equal(mem(e, "cap"), 16 * SIM_GiB);
    assert_int_equal(mem(e, "swap_size"), 4 * SIM_GiB);  /* 25% of 16 GiB */
    assert_int_equal(mem(e, "cpus"), 8);
    assert_int_equal(mem(e, "reclaim_mode"), HV_MEM_RECLAIM_DROPCACHE);
    assert_int_equal(mem(e, "host_share"), 0);
    assert_int_equal(metric(e, HOST, "vm_reserved"), 0);
    sim_engine_free(e);
}

static int64_t cap_for(int build, int64_t ram, int64_t memory_bytes, int64_t *swap)
{
    sim_engine *e = machine(NULL);
    set(e, HOST, "ram", ram);
    set(e, MEM, "wsl_build", build);
    set(e, MEM, "memory", memory_bytes);
    sim_engine_start(e);
    vm_start(e, 0);
    run_to(e, SIM_S);
    int64_t cap = mem(e, "cap");
    if (swap) *swap = mem(e, "swap_size");
    sim_engine_free(e);
    return cap;
}

static void test_mem_default_cap_follows_the_rule_of_each_build(void **st)
{
    (void)st;
    int64_t swap;
    assert_int_equal(cap_for(HV_MEM_BUILD_CURRENT, 32 * SIM_GiB, 0, NULL), 16 * SIM_GiB);
    assert_int_equal(cap_for(HV_MEM_BUILD_20175, 32 * SIM_GiB, 0, NULL), 8 * SIM_GiB);
    assert_int_equal(cap_for(HV_MEM_BUILD_20175, 12 * SIM_GiB, 0, &swap), 6 * SIM_GiB);
    assert_int_equal(swap, 2 * SIM_GiB);        /* 1.5 GiB rounded up to a whole GB */
    assert_int_equal(cap_for(HV_MEM_BUILD_19028, 32 * SIM_GiB, 0, NULL), 26214 * SIM_MiB); /* 80% */
    assert_int_equal(cap_for(HV_MEM_BUILD_CURRENT, 32 * SIM_GiB, 8 * SIM_GiB, &swap), 8 * SIM_GiB);
    assert_int_equal(swap, 2 * SIM_GiB);
    assert_int_equal(cap_for(HV_MEM_BUILD_CURRENT, 32 * SIM_GiB, 100 * SIM_MiB, NULL), 256 * SIM_MiB);
    assert_int_equal(cap_for(HV_MEM_BUILD_CURRENT, 16 * SIM_GiB, 64 * SIM_GiB, NULL), 16 * SIM_GiB);
}

static void test_mem_the_vm_grows_with_demand_and_page_cache_stays(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    set(e, MEM, "auto_memory_reclaim", HV_MEM_RECLAIM_DISABLED);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_ALLOC, str(e, "cc1"), 3 * SIM_GiB, 0, 0);
    at(e, 2 * SIM_S, HV_MEM_CACHE, 5 * SIM_GiB, 0, 0, 0);
    run_to(e, 3 * SIM_S);
    assert_int_equal(mem(e, "host_share"), 8 * SIM_GiB);
    assert_int_equal(metric(e, HOST, "vm_reserved"), 8 * SIM_GiB);
    at(e, 10 * SIM_S, HV_MEM_FREE, str(e, "cc1"), 0, 0, 0);
    run_to(e, 11 * SIM_S);
    assert_int_equal(mem(e, "anon"), 0);
    assert_int_equal(mem(e, "host_share"), 8 * SIM_GiB);   /* not reported yet */
    run_to(e, 13 * SIM_S);                                  /* 2 s later */
    assert_int_equal(mem(e, "host_share"), 5 * SIM_GiB);   /* anon back; cache stays */
    assert_int_equal(mem(e, "reported"), 3 * SIM_GiB);
    run_to(e, SIM_H);
    assert_int_equal(mem(e, "cache"), 5 * SIM_GiB);        /* disabled: an hour later, still */
    sim_engine_free(e);
}

static void test_mem_without_page_reporting_the_host_never_gets_memory_back(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    set(e, MEM, "page_reporting", 0);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_ALLOC, str(e, "java"), 6 * SIM_GiB, 0, 0);
    at(e, 5 * SIM_S, HV_MEM_FREE, str(e, "java"), 0, 0, 0);
    run_to(e, 10 * SIM_MIN);
    assert_int_equal(mem(e, "anon"), 0);
    assert_int_equal(mem(e, "host_share"), 6 * SIM_GiB);
    assert_int_equal(mem(e, "reported"), 0);
    /* the guest reuses its own free pages: no new host memory */
    at(e, 11 * SIM_MIN, HV_MEM_ALLOC, str(e, "java"), 4 * SIM_GiB, 0, 0);
    run_to(e, 12 * SIM_MIN);
    assert_int_equal(mem(e, "host_share"), 6 * SIM_GiB);
    vm_stop(e, 13 * SIM_MIN);
    run_to(e, 14 * SIM_MIN);
    assert_int_equal(metric(e, HOST, "vm_reserved"), 0);  /* all back when the VM stops */
    sim_engine_free(e);
}

static void test_mem_reporting_hands_back_whole_blocks_only(void **st)
{
    (void)st;
    /* Windows 11 22H2 reports 2 MiB blocks; 24H2 (26100) 128 KiB ones */
    const int64_t builds[] = {22621, 26100};
    const int64_t freed = 5 * SIM_MiB + 100 * SIM_KiB;
    const int64_t want[] = {4 * SIM_MiB, 5 * SIM_MiB};
    for (int i = 0; i < 2; i++) {
        sim_engine *e = machine(NULL);
        set(e, HOST, "windows_build", builds[i]);
        sim_engine_start(e);
        vm_start(e, 0);
        at(e, SIM_S, HV_MEM_ALLOC, str(e, "a"), freed, 0, 0);
        at(e, 2 * SIM_S, HV_MEM_FREE, str(e, "a"), 0, 0, 0);
        run_to(e, 10 * SIM_S);
        assert_int_equal(mem(e, "report_block"), i ? 128 * SIM_KiB : 2 * SIM_MiB);
        assert_int_equal(mem(e, "reported"), want[i]);
        assert_int_equal(mem(e, "host_share"), freed - want[i]);
        sim_engine_free(e);
    }
}

static void test_mem_auto_reclaim_follows_the_installed_release(void **st)
{
    (void)st;
    const struct { int64_t version, configured, want; } rows[] = {
        {SIM_VERSION(2, 6, 1), HV_MEM_RECLAIM_AUTO, HV_MEM_RECLAIM_DROPCACHE},
        {SIM_VERSION(2, 1, 5), HV_MEM_RECLAIM_AUTO, HV_MEM_RECLAIM_DISABLED},   /* before 2.2.1 */
        {SIM_VERSION(2, 1, 5), HV_MEM_RECLAIM_GRADUAL, HV_MEM_RECLAIM_GRADUAL},
        {SIM_VERSION(1, 2, 5), HV_MEM_RECLAIM_GRADUAL, HV_MEM_RECLAIM_DISABLED}, /* no such key */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        sim_engine *e = machine(NULL);
        set(e, HOST, "wsl_version", rows[i].version);
        set(e, MEM, "auto_memory_reclaim", rows[i].configured);
        sim_engine_start(e);
        vm_start(e, SIM_S);
        run_to(e, 2 * SIM_S);
        assert_int_equal(mem(e, "reclaim_mode"), rows[i].want);
        sim_engine_free(e);
    }
}

static void test_mem_anon_evicts_cache_then_swaps_then_the_oom_killer_ends_the_largest(void **st)
{
    (void)st;
    notes n;
    sim_engine *e = machine(&n);
    set(e, MEM, "memory", 4 * SIM_GiB);
    set(e, MEM, "swap", SIM_GiB);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_CACHE, 3 * SIM_GiB, 0, 0, 0);
    at(e, 2 * SIM_S, HV_MEM_ALLOC, str(e, "chrome-headless"), 3 * SIM_GiB, 0, 0);
    run_to(e, 3 * SIM_S);
    assert_int_equal(mem(e, "cache"), SIM_GiB);          /* 2 GiB evicted */
    assert_int_equal(mem(e, "anon"), 3 * SIM_GiB);
    at(e, 4 * SIM_S, HV_MEM_ALLOC, str(e, "chrome-headless"), 1536 * SIM_MiB, 0, 0);
    run_to(e, 5 * SIM_S);
    assert_int_equal(mem(e, "cache"), 0);
    assert_int_equal(mem(e, "anon"), 4 * SIM_GiB);
    assert_int_equal(mem(e, "swap_used"), 512 * SIM_MiB);
    assert_int_equal(mem(e, "oom_kills"), 0);
    /* a second process: cap + swap is 5 GiB, 4.5 GiB are used */
    at(e, 6 * SIM_S, HV_MEM_ALLOC, str(e, "ld"), SIM_GiB, 0, 0);
    run_to(e, 7 * SIM_S);
    assert_int_equal(mem(e, "oom_kills"), 1);
    assert_int_equal(mem(e, "oom_freed"), 4608 * SIM_MiB);  /* the largest went */
    assert_int_equal(mem(e, "anon") + mem(e, "swap_used"), SIM_GiB); /* ld survived */
    assert_int_equal(mem(e, "tasks"), 1);
    assert_int_equal(n.n, 1);
    assert_non_null(strstr(n.text[0], "oom_kill: Out of memory: Killed process chrome-headless"));
    sim_engine_free(e);
}

static void test_mem_a_process_asking_past_cap_and_swap_alone_is_killed_itself(void **st)
{
    (void)st;
    notes n;
    sim_engine *e = machine(&n);
    set(e, MEM, "memory", 2 * SIM_GiB);
    set(e, MEM, "swap", 0);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_BUILD, str(e, "rustc"), 3 * SIM_GiB, 0, 30 * SIM_S);
    run_to(e, SIM_MIN);
    assert_int_equal(mem(e, "oom_kills"), 1);
    assert_int_equal(mem(e, "oom_freed"), 2 * SIM_GiB);
    assert_int_equal(mem(e, "anon"), 0);
    assert_int_equal(mem(e, "tasks"), 0);
    assert_non_null(strstr(n.text[0], "Killed process rustc"));
    sim_engine_free(e);
}

/* A random mix of work for many rounds: the ledger holds after every
 * instant, the test's own per-process books match mem's, and a VM stop
 * gives every byte back. */
static void test_mem_conserves_memory_across_reclaim_swap_and_oom(void **st)
{
    (void)st;
    static const char *const names[] = {"p0", "p1", "p2", "p3", "p4"};
    for (int mode = 0; mode < 3; mode++) {
        sim_engine *e = machine(NULL);
        set(e, MEM, "memory", 3 * SIM_GiB);
        set(e, MEM, "swap", SIM_GiB);
        set(e, MEM, "auto_memory_reclaim", mode);
        set(e, MEM, "reclaim_timing", mode == 1 ? HV_MEM_TIMING_NEWEST : HV_MEM_TIMING_SHIPPED);
        sim_engine_start(e);
        vm_start(e, 0);
        int64_t ids[5];
        for (int i = 0; i < 5; i++) ids[i] = str(e, names[i]);
        uint64_t x = 0x9E3779B97F4A7C15u + (uint64_t)mode;
        int64_t t = SIM_S;
        for (int round = 0; round < 400; round++) {
            x = x * 6364136223846793005u + 1442695040888963407u;
            int what = (int)(x >> 60) % 6, who = (int)((x >> 40) % 5);
            int64_t size = (int64_t)((x >> 20) % 1024) * SIM_MiB;
            int64_t before = mem(e, "anon") + mem(e, "swap_used") + mem(e, "oom_freed");
            int64_t expect = before;
            switch (what) {
            case 0: case 1: at(e, t, HV_MEM_ALLOC, ids[who], size, 0, 0); expect += size; break;
            case 2: at(e, t, HV_MEM_FREE, ids[who], 0, 0, 0); expect = -1; break;
            case 3: at(e, t, HV_MEM_CACHE, size, 0, 0, 0); break;
            case 4: at(e, t, HV_MEM_DROP_CACHES, 0, 0, 0, 0); break;
            default: t += 7 * SIM_MIN; break; /* idle: reclaim runs */
            }
            run_to(e, t);
            int64_t after = mem(e, "anon") + mem(e, "swap_used") + mem(e, "oom_freed");
            /* an allocation that did not kill its own process lands whole */
            if (expect >= 0 && !(what < 2 && after < expect)) assert_int_equal(after, expect);
            t += SIM_S;
        }
        vm_stop(e, t);
        sim_engine_run(e); /* the timers stop with the VM: the run ends */
        check_ledger(e);
        assert_int_equal(sim_engine_pending(e), 0);
        assert_int_equal(metric(e, HOST, "vm_reserved"), 0);
        assert_int_equal(metric(e, HOST, "free"), 24 * SIM_GiB);
        assert_int_equal(mem(e, "swap_used"), 0);
        sim_engine_free(e);
    }
}

/* Runs `mode` with `timing` on 6 GiB of page cache left by a build at
 * 1 s; returns the cache at each of the times given (ns, ascending). */
static void idle_hour(int mode, int timing, const int64_t *times, int64_t *cache, int n)
{
    sim_engine *e = machine(NULL);
    set(e, MEM, "auto_memory_reclaim", mode);
    set(e, MEM, "reclaim_timing", timing);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_CACHE, 6 * SIM_GiB, 0, 0, 0);
    for (int i = 0; i < n; i++) {
        run_to(e, times[i]);
        cache[i] = mem(e, "cache");
    }
    sim_engine_free(e);
}

static void test_mem_reclaim_modes_on_the_shipped_timings(void **st)
{
    (void)st;
    const int64_t t[] = {9 * SIM_MIN, 11 * SIM_MIN, 60 * SIM_MIN};
    int64_t c[3];
    idle_hour(HV_MEM_RECLAIM_DISABLED, HV_MEM_TIMING_SHIPPED, t, c, 3);
    assert_int_equal(c[2], 6 * SIM_GiB);
    idle_hour(HV_MEM_RECLAIM_DROPCACHE, HV_MEM_TIMING_SHIPPED, t, c, 3);
    assert_int_equal(c[0], 6 * SIM_GiB);              /* not yet 10 min idle */
    assert_int_equal(c[1], 0);                        /* one drop after 10 min */
    const int64_t g[] = {3 * SIM_MIN, 5 * SIM_MIN, 60 * SIM_MIN};
    idle_hour(HV_MEM_RECLAIM_GRADUAL, HV_MEM_TIMING_SHIPPED, g, c, 3);
    assert_int_equal(c[0], 6 * SIM_GiB);              /* before the 3-min window */
    /* 3% of in-use memory per 30 s: 4 polls after the window -> 6 GiB * 0.97^4 */
    assert_true(c[1] < 6 * SIM_GiB && c[1] > 5 * SIM_GiB);
    assert_true(c[2] < SIM_GiB && c[2] > 900 * SIM_MiB);  /* stops just under 1 GB */
}

static void test_mem_reclaim_modes_on_the_newest_timings(void **st)
{
    (void)st;
    const int64_t t[] = {110 * SIM_S, 140 * SIM_S, 60 * SIM_MIN};
    int64_t c[3];
    idle_hour(HV_MEM_RECLAIM_DROPCACHE, HV_MEM_TIMING_NEWEST, t, c, 3);
    assert_int_equal(c[0], 6 * SIM_GiB);
    assert_int_equal(c[1], 128 * SIM_MiB);            /* keeps a 128 MB floor */
    idle_hour(HV_MEM_RECLAIM_GRADUAL, HV_MEM_TIMING_NEWEST, t, c, 3);
    /* polls at 130 s and 140 s are past the 2-min window: 16 GiB / 32 each */
    assert_int_equal(c[1], 5 * SIM_GiB);
    assert_int_equal(c[2], 128 * SIM_MiB);
}

static void test_mem_activity_restarts_the_idle_window(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_CACHE, 2 * SIM_GiB, 0, 0, 0);
    at(e, 8 * SIM_MIN, HV_MEM_ALLOC, str(e, "vim"), 10 * SIM_MiB, 0, 0);
    run_to(e, 12 * SIM_MIN);
    assert_int_equal(mem(e, "cache"), 2 * SIM_GiB);   /* idle only since 8 min */
    run_to(e, 19 * SIM_MIN);
    assert_int_equal(mem(e, "cache"), 0);
    sim_engine_free(e);
}

static void test_mem_a_wslconfig_edit_applies_only_after_a_restart(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    sim_engine_start(e);
    vm_start(e, 0);
    sim_payload p = {{8 * SIM_GiB, -1, -1, HV_MEM_RECLAIM_GRADUAL, -1, 0}};
    sim_engine_schedule_at(e, 10 * SIM_S, 0, MEM, HV_MEM_EDIT, &p);
    run_to(e, 11 * SIM_S);
    assert_int_equal(mem(e, "cap"), 16 * SIM_GiB);
    assert_int_equal(mem(e, "reclaim_mode"), HV_MEM_RECLAIM_DROPCACHE);
    assert_int_equal(mem(e, "pending_restart"), 1);
    vm_stop(e, 20 * SIM_S);
    vm_start(e, 30 * SIM_S);
    run_to(e, 31 * SIM_S);
    assert_int_equal(mem(e, "cap"), 8 * SIM_GiB);
    assert_int_equal(mem(e, "swap_size"), 2 * SIM_GiB);
    assert_int_equal(mem(e, "reclaim_mode"), HV_MEM_RECLAIM_GRADUAL);
    assert_int_equal(mem(e, "pending_restart"), 0);
    sim_engine_free(e);
}

static void test_mem_host_pressure_begins_and_ends_with_events(void **st)
{
    (void)st;
    notes n;
    sim_engine *e = machine(&n);
    set(e, HOST, "windows_demand", 20 * SIM_GiB);
    sim_engine_start(e);
    vm_start(e, 0);
    at(e, SIM_S, HV_MEM_ALLOC, str(e, "make"), 14 * SIM_GiB, 0, 0);
    run_to(e, 2 * SIM_S);
    assert_int_equal(mem(e, "host_pressure"), 1);
    assert_int_equal(mem(e, "shortfall"), 2 * SIM_GiB);
    at(e, 10 * SIM_S, HV_MEM_FREE, str(e, "make"), 0, 0, 0);
    run_to(e, 20 * SIM_S);
    assert_int_equal(mem(e, "host_pressure"), 0);
    assert_int_equal(mem(e, "peak_shortfall"), 2 * SIM_GiB);
    assert_int_equal(mem(e, "pressure_episodes"), 1);
    assert_int_equal(n.n, 2);
    assert_non_null(strstr(n.text[0], "pressure_begin"));
    assert_non_null(strstr(n.text[1], "pressure_end"));
    sim_engine_free(e);
}

static void test_mem_actions_without_a_running_vm_change_nothing(void **st)
{
    (void)st;
    sim_engine *e = machine(NULL);
    sim_engine_start(e);
    at(e, SIM_S, HV_MEM_ALLOC, str(e, "x"), SIM_GiB, 0, 0);
    at(e, 2 * SIM_S, HV_MEM_CACHE, SIM_GiB, 0, 0, 0);
    sim_engine_run(e);
    assert_int_equal(mem(e, "host_share"), 0);
    assert_int_equal(mem(e, "tasks"), 0);
    assert_int_equal(sim_engine_pending(e), 0);
    sim_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mem_vm_reserves_nothing_up_front_and_takes_half_the_ram),
        cmocka_unit_test(test_mem_default_cap_follows_the_rule_of_each_build),
        cmocka_unit_test(test_mem_the_vm_grows_with_demand_and_page_cache_stays),
        cmocka_unit_test(test_mem_without_page_reporting_the_host_never_gets_memory_back),
        cmocka_unit_test(test_mem_reporting_hands_back_whole_blocks_only),
        cmocka_unit_test(test_mem_auto_reclaim_follows_the_installed_release),
        cmocka_unit_test(test_mem_anon_evicts_cache_then_swaps_then_the_oom_killer_ends_the_largest),
        cmocka_unit_test(test_mem_a_process_asking_past_cap_and_swap_alone_is_killed_itself),
        cmocka_unit_test(test_mem_conserves_memory_across_reclaim_swap_and_oom),
        cmocka_unit_test(test_mem_reclaim_modes_on_the_shipped_timings),
        cmocka_unit_test(test_mem_reclaim_modes_on_the_newest_timings),
        cmocka_unit_test(test_mem_activity_restarts_the_idle_window),
        cmocka_unit_test(test_mem_a_wslconfig_edit_applies_only_after_a_restart),
        cmocka_unit_test(test_mem_host_pressure_begins_and_ends_with_events),
        cmocka_unit_test(test_mem_actions_without_a_running_vm_change_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
