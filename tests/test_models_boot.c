/* test_models_boot.c: the machine models (host, hv, t2vm, uvm, wsl1) driven
 * through the engine API directly: registry models added, actions scheduled
 * with sim_engine_schedule_at, the trace recorded by an observer.  Checks
 * the stage order, the latencies against the calibrated parameters, memory
 * reserved vs used, the idle timeouts and their cancellation, wsl --shutdown,
 * determinism per seed, and that every parameter has a calibration row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine.h"
#include "registry.h"

#define MAX_RECS 1024

typedef struct rec {
    int64_t time_ns;
    const char *model; /* static names from the ops tables */
    const char *kind;
    char note[SIM_NOTE_MAX];
} rec;

typedef struct run {
    sim_engine *eng;
    size_t n;
    rec recs[MAX_RECS];
} run;

static void observe(void *user, const sim_engine *eng, const sim_trace_record *r)
{
    run *t = user;
    (void)eng;
    if (t->n >= MAX_RECS) return;
    rec *o = &t->recs[t->n++];
    o->time_ns = r->time_ns;
    o->model = r->model_name;
    o->kind = r->kind_name;
    snprintf(o->note, sizeof o->note, "%s", r->note);
}

static int model_id(run *t, const char *name)
{
    int id = sim_engine_find_model(t->eng, name);
    assert_true(id >= 0);
    return id;
}

/* A fresh engine with every registered model; not started yet. */
static run *run_new(uint64_t seed)
{
    run *t = calloc(1, sizeof *t);
    assert_non_null(t);
    t->eng = sim_engine_new(seed);
    assert_non_null(t->eng);
    size_t n = 0;
    const sim_model_ops *const *models = hv_registry(&n);
    for (size_t i = 0; i < n; i++) assert_true(sim_engine_add_model(t->eng, models[i], 0) >= 0);
    sim_engine_set_observer(t->eng, observe, t);
    return t;
}

static void run_free(run *t)
{
    sim_engine_free(t->eng);
    free(t);
}

static void set_int(run *t, const char *model, const char *param, int64_t v)
{
    int m = model_id(t, model);
    int p = sim_model_find_param(sim_engine_model_ops(t->eng, m), param);
    assert_true(p >= 0);
    sim_value val = {.i = v};
    sim_engine_set_param(t->eng, m, p, val);
}

static void set_ratio(run *t, const char *model, const char *param, double r)
{
    int m = model_id(t, model);
    int p = sim_model_find_param(sim_engine_model_ops(t->eng, m), param);
    assert_true(p >= 0);
    sim_value val = {.r = r};
    sim_engine_set_param(t->eng, m, p, val);
}

static void no_jitter(run *t)
{
    static const char *const jittered[] = {"hv", "t2vm", "uvm", "wsl1"};
    for (size_t i = 0; i < 4; i++) set_ratio(t, jittered[i], "jitter", 0.0);
}

/* Schedules `model.action` at t_ns with payload word 0 = arg0. */
static void act(run *t, int64_t t_ns, const char *model, const char *action, int64_t arg0)
{
    int m = model_id(t, model);
    const sim_model_ops *ops = sim_engine_model_ops(t->eng, m);
    int a = sim_model_find_action(ops, action);
    assert_true(a >= 0);
    sim_payload p;
    memset(&p, 0, sizeof p);
    p.w[0] = arg0;
    assert_true(sim_engine_schedule_at(t->eng, t_ns, SIM_PRIO_NORMAL, m, ops->actions[a].kind,
                                       &p) > 0);
}

static int64_t metric(run *t, const char *model, const char *name)
{
    int m = model_id(t, model);
    int i = sim_model_find_metric(sim_engine_model_ops(t->eng, m), name);
    assert_true(i >= 0);
    return sim_engine_metric(t->eng, m, i).i;
}

/* Index of the first record of model/kind at or after `from`, or -1. */
static long find_rec(const run *t, size_t from, const char *model, const char *kind)
{
    for (size_t i = from; i < t->n; i++)
        if (strcmp(t->recs[i].model, model) == 0 && strcmp(t->recs[i].kind, kind) == 0)
            return (long)i;
    return -1;
}

static size_t count_recs(const run *t, const char *model, const char *kind)
{
    size_t c = 0;
    for (long i = find_rec(t, 0, model, kind); i >= 0; i = find_rec(t, (size_t)i + 1, model, kind))
        c++;
    return c;
}

static int64_t rec_time(const run *t, const char *model, const char *kind)
{
    long i = find_rec(t, 0, model, kind);
    assert_true(i >= 0);
    return t->recs[i].time_ns;
}

/* Asserts that model's records contain `kinds` in this order (others may
 * come between). */
static void assert_sequence(const run *t, const char *model, const char *const *kinds, size_t n)
{
    size_t from = 0;
    for (size_t k = 0; k < n; k++) {
        long i = find_rec(t, from, model, kinds[k]);
        if (i < 0) fail_msg("%s.%s missing or out of order (stage %zu)", model, kinds[k], k);
        from = (size_t)i + 1;
    }
}

#define MS (INT64_C(1000000))
#define S (INT64_C(1000000000))
#define MIB (INT64_C(1024) * 1024)
#define GIB (MIB * 1024)

/* --- starting machines ---------------------------------------------------- */

static void test_uvm_cold_start_runs_partition_create_vm_kernel_init_distro_in_order(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    sim_engine_run(t->eng);
    static const char *const order[] = {"start",        "create_vm",    "kernel_boot",
                                        "init",         "vm_ready",     "distro_start",
                                        "distro_ready", "process_start"};
    assert_sequence(t, "uvm", order, SIM_COUNTOF(order));
    long req = find_rec(t, 0, "uvm", "start"), part = find_rec(t, 0, "hv", "create_partition");
    assert_true(req >= 0 && part > req && part < find_rec(t, 0, "uvm", "create_vm"));
    assert_non_null(strstr(t->recs[find_rec(t, 0, "uvm", "kernel_boot")].note,
                           "no firmware, no emulated devices"));
    assert_int_equal(count_recs(t, "hv", "running"), 1);
    assert_int_equal(metric(t, "uvm", "state"), 4);          /* running */
    assert_int_equal(metric(t, "uvm", "distro_state"), 2);   /* running */
    assert_int_equal(metric(t, "uvm", "processes"), 1);
    assert_int_equal(metric(t, "uvm", "boots"), 1);
    assert_int_equal(metric(t, "hv", "partitions"), 1);
    run_free(t);
}

static void test_uvm_prompt_latency_is_the_sum_of_its_stages_without_jitter(void **st)
{
    (void)st;
    run *t = run_new(1);
    no_jitter(t);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    sim_engine_run(t->eng);
    /* partition 50 + create_vm 300 + kernel 600 + init 300 = 1250 ms to the VM,
     * + distro 400 + process 50 = 1700 ms to the prompt */
    assert_int_equal(metric(t, "uvm", "last_boot"), 1250 * MS);
    assert_int_equal(metric(t, "uvm", "prompt_latency"), 1700 * MS);
    assert_int_equal(rec_time(t, "uvm", "kernel_boot"), 350 * MS);
    run_free(t);
}

static void test_uvm_holds_its_idle_footprint_not_a_fixed_reservation(void **st)
{
    (void)st;
    run *t = run_new(3);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "uvm", "host_bytes"), 400 * MIB);
    assert_int_equal(metric(t, "uvm", "guest_used_bytes"), 60 * MIB);
    assert_int_equal(metric(t, "host", "vm_reserved"), 400 * MIB);
    assert_int_equal(metric(t, "host", "free"), 32 * GIB - 6 * GIB - 400 * MIB);
    run_free(t);
}

static void test_t2vm_boots_through_firmware_loader_devices_kernel_init(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "t2vm", "start", 0);
    sim_engine_run(t->eng);
    static const char *const order[] = {"start",       "post", "boot_loader", "device_setup",
                                        "kernel_boot", "init", "prompt"};
    assert_sequence(t, "t2vm", order, SIM_COUNTOF(order));
    /* Hyper-V is on: a partition through WHP; 2 + 1 + 600k x 10 us + 4 + 8 = 21 s (+/-10%) */
    assert_int_equal(count_recs(t, "hv", "create_partition"), 1);
    assert_int_equal(metric(t, "t2vm", "on_hypervisor"), 1);
    int64_t lat = metric(t, "t2vm", "prompt_latency");
    assert_true(lat >= 21 * S * 9 / 10 && lat <= 21 * S * 11 / 10);
    assert_int_equal(metric(t, "t2vm", "state"), 6); /* running */
    assert_int_equal(metric(t, "hv", "partitions"), 1);
    act(t, lat + S, "t2vm", "shutdown", 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    run_free(t);
}

static void test_t2vm_exits_get_dearer_under_the_hypervisor_and_wsl2_needs_it(void **st)
{
    (void)st;
    int64_t setup[2];
    for (int on = 0; on <= 1; on++) {
        run *t = run_new(1);
        no_jitter(t);
        set_int(t, "hv", "enabled", on);
        assert_int_equal(sim_engine_start(t->eng), SIM_OK);
        act(t, 0, "t2vm", "start", 0);
        act(t, 0, "uvm", "start", 0);
        sim_engine_run_until_time(t->eng, 60 * S);
        assert_int_equal(metric(t, "t2vm", "on_hypervisor"), on);
        assert_int_equal(metric(t, "t2vm", "exit_cost"), on ? 10000 : 3000);
        assert_int_equal(metric(t, "hv", "partitions"), on ? 2 : 0);
        assert_int_equal(metric(t, "uvm", "state"), on ? 4 : 0);  /* WSL2 needs the hypervisor */
        setup[on] = t->recs[find_rec(t, 0, "t2vm", "kernel_boot")].time_ns -
                    t->recs[find_rec(t, 0, "t2vm", "device_setup")].time_ns;
        run_free(t);
    }
    assert_int_equal(setup[0], 600000 * INT64_C(3000));
    assert_int_equal(setup[1], 600000 * INT64_C(10000));
}

static void test_t2vm_reserves_all_its_memory_before_the_guest_runs(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "t2vm", "start", 0);
    sim_engine_run_until_time(t->eng, 1 * MS);
    assert_int_equal(metric(t, "t2vm", "state"), 1); /* post */
    assert_int_equal(metric(t, "t2vm", "reserved_bytes"), 4 * GIB);
    assert_int_equal(metric(t, "t2vm", "guest_used_bytes"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 4 * GIB);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "t2vm", "guest_used_bytes"), 400 * MIB);
    assert_int_equal(metric(t, "t2vm", "reserved_bytes"), 4 * GIB);
    run_free(t);
}

static void test_t2vm_shutdown_gives_memory_back_and_cancels_the_boot(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "t2vm", "start", 0);
    act(t, 5 * S, "t2vm", "shutdown", 0);
    sim_engine_run(t->eng);
    assert_int_equal(count_recs(t, "t2vm", "prompt"), 0);
    assert_int_equal(metric(t, "t2vm", "state"), 0);
    assert_int_equal(metric(t, "t2vm", "reserved_bytes"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    run_free(t);
}

static void test_wsl1_start_boots_no_vm_and_prompts_under_a_second(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "wsl1", "start", 0);
    sim_engine_run(t->eng);
    static const char *const order[] = {"start", "instance_create", "instance_ready",
                                        "process_start"};
    assert_sequence(t, "wsl1", order, SIM_COUNTOF(order));
    assert_int_equal(count_recs(t, "hv", "create_partition"), 0);
    assert_true(metric(t, "wsl1", "prompt_latency") < 1 * S);
    assert_int_equal(metric(t, "wsl1", "host_bytes"), 40 * MIB);
    assert_int_equal(metric(t, "wsl1", "processes"), 1);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    run_free(t);
}

static void test_boot_race_orders_wsl1_then_uvm_then_classic_vm(void **st)
{
    (void)st;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        run *t = run_new(seed);
        assert_int_equal(sim_engine_start(t->eng), SIM_OK);
        act(t, 0, "t2vm", "start", 0);
        act(t, 0, "uvm", "start", 0);
        act(t, 0, "wsl1", "start", 0);
        sim_engine_run(t->eng);
        int64_t w = metric(t, "wsl1", "prompt_latency"), u = metric(t, "uvm", "prompt_latency"),
                c = metric(t, "t2vm", "prompt_latency");
        assert_true(w < u && u < 2 * S && 5 * u < c);
        assert_int_equal(metric(t, "host", "vm_reserved"), 4 * GIB + 400 * MIB + 40 * MIB);
        run_free(t);
    }
}

/* --- idle life of the utility VM ------------------------------------------ */

static void test_uvm_distro_stops_15s_after_last_process_and_vm_60s_after_distro(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "run", 5 * S);
    sim_engine_run(t->eng);
    int64_t exit_ns = rec_time(t, "uvm", "process_exit");
    assert_int_equal(exit_ns - rec_time(t, "uvm", "process_start"), 5 * S);
    assert_int_equal(rec_time(t, "uvm", "distro_idle_timeout"), exit_ns + 15 * S);
    assert_int_equal(rec_time(t, "uvm", "vm_idle_timeout"), exit_ns + 75 * S);
    assert_true(rec_time(t, "uvm", "vm_stopped") > exit_ns + 75 * S);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    assert_int_equal(metric(t, "uvm", "distro_state"), 0);
    assert_int_equal(metric(t, "uvm", "host_bytes"), 0);
    assert_int_equal(metric(t, "uvm", "guest_used_bytes"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    assert_int_equal(count_recs(t, "hv", "destroy_partition"), 1);
    run_free(t);
}

static void test_uvm_distro_is_running_then_idle_then_stopped_while_vm_stays(void **st)
{
    (void)st;
    run *t = run_new(1);
    no_jitter(t);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "run", 5 * S);   /* starts at 1.7 s, exits at 6.7 s */
    sim_engine_run_until_time(t->eng, 3 * S);
    assert_int_equal(metric(t, "uvm", "distro_state"), 2);  /* running */
    sim_engine_run_until_time(t->eng, 10 * S);
    assert_int_equal(metric(t, "uvm", "distro_state"), 3);  /* idle */
    sim_engine_run_until_time(t->eng, 30 * S);
    assert_int_equal(metric(t, "uvm", "distro_state"), 0);  /* stopped */
    assert_int_equal(metric(t, "uvm", "state"), 4);         /* VM still running */
    assert_int_equal(metric(t, "uvm", "host_bytes"), 400 * MIB);
    run_free(t);
}

static void test_uvm_command_during_distro_timer_cancels_it(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "run", 1 * S);
    act(t, 10 * S, "uvm", "run", 1 * S);
    sim_engine_run(t->eng);
    assert_int_equal(count_recs(t, "uvm", "distro_idle_timeout"), 1);
    assert_int_equal(count_recs(t, "uvm", "distro_start"), 1);
    long second_exit = find_rec(t, (size_t)find_rec(t, 0, "uvm", "process_exit") + 1, "uvm",
                                "process_exit");
    assert_true(second_exit >= 0);
    assert_int_equal(rec_time(t, "uvm", "distro_idle_timeout"),
                     t->recs[second_exit].time_ns + 15 * S);
    assert_int_equal(metric(t, "uvm", "boots"), 1);
    assert_true(metric(t, "uvm", "prompt_latency") < 100 * MS); /* only process creation */
    run_free(t);
}

static void test_uvm_command_during_vm_timer_cancels_it_and_restarts_only_the_distro(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "run", 1 * S);
    act(t, 40 * S, "uvm", "run", 1 * S); /* distro stopped at ~18 s; VM timer runs */
    sim_engine_run(t->eng);
    assert_int_equal(count_recs(t, "uvm", "kernel_boot"), 1);
    assert_int_equal(count_recs(t, "uvm", "distro_start"), 2);
    assert_int_equal(count_recs(t, "uvm", "vm_idle_timeout"), 1);
    assert_true(rec_time(t, "uvm", "vm_idle_timeout") > 40 * S + 75 * S);
    assert_int_equal(metric(t, "uvm", "boots"), 1);
    int64_t lat = metric(t, "uvm", "prompt_latency");
    assert_true(lat > 300 * MS && lat < 600 * MS); /* distro start + process creation */
    run_free(t);
}

static void test_uvm_next_command_after_vm_stopped_pays_a_boot(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "run", 1 * S);
    act(t, 200 * S, "uvm", "run", 1 * S);
    sim_engine_run_until_time(t->eng, 199 * S);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "uvm", "boots"), 2);
    assert_int_equal(count_recs(t, "uvm", "kernel_boot"), 2);
    assert_int_equal(metric(t, "hv", "partitions_created"), 2);
    assert_true(metric(t, "uvm", "prompt_latency") > 1 * S);
    run_free(t);
}

static void test_uvm_exit_closes_shells_and_starts_the_idle_timers(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 10 * S, "uvm", "exit", 0);
    sim_engine_run(t->eng);
    assert_int_equal(rec_time(t, "uvm", "distro_idle_timeout"), 25 * S);
    assert_int_equal(rec_time(t, "uvm", "vm_idle_timeout"), 85 * S);
    assert_int_equal(metric(t, "uvm", "processes"), 0);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    run_free(t);
}

static void test_uvm_exit_during_boot_lets_the_vm_idle_out_without_a_distro(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 500 * MS, "uvm", "exit", 0);
    sim_engine_run(t->eng);
    assert_int_equal(count_recs(t, "uvm", "distro_start"), 0);
    assert_int_equal(count_recs(t, "uvm", "process_start"), 0);
    assert_int_equal(rec_time(t, "uvm", "vm_idle_timeout"),
                     rec_time(t, "uvm", "vm_ready") + 60 * S);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    assert_true(metric(t, "uvm", "prompt_latency") == SIM_NEVER); /* no prompt ever */
    run_free(t);
}

static void test_uvm_shutdown_stops_processes_distro_and_vm_at_once(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 5 * S, "uvm", "run", 100 * S);
    act(t, 10 * S, "uvm", "shutdown", 0);
    sim_engine_run_until_time(t->eng, 10 * S);
    assert_int_equal(metric(t, "uvm", "state"), 5);        /* stopping */
    assert_int_equal(metric(t, "uvm", "processes"), 0);
    assert_int_equal(metric(t, "uvm", "distro_state"), 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    assert_int_equal(count_recs(t, "uvm", "distro_idle_timeout"), 0);
    long ex = find_rec(t, 0, "uvm", "process_exit");  /* the 100 s command's exit is void */
    assert_true(ex >= 0);
    assert_non_null(strstr(t->recs[ex].note, "void"));
    run_free(t);
}

static void test_uvm_shutdown_before_partition_exists_destroys_it_on_arrival(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 1 * MS, "uvm", "shutdown", 0);
    sim_engine_run(t->eng);
    assert_int_equal(count_recs(t, "uvm", "kernel_boot"), 0);
    assert_int_equal(metric(t, "hv", "partitions_created"), 1);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    run_free(t);
}

static void test_uvm_start_while_stopping_boots_again_after_the_stop(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 5 * S, "uvm", "shutdown", 0);
    act(t, 5 * S + 1 * MS, "uvm", "start", 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "uvm", "boots"), 2);
    assert_true(rec_time(t, "uvm", "vm_stopped") <
                t->recs[find_rec(t, (size_t)find_rec(t, 0, "uvm", "kernel_boot") + 1, "uvm",
                                 "kernel_boot")].time_ns);
    assert_int_equal(metric(t, "uvm", "state"), 4);
    assert_int_equal(metric(t, "uvm", "processes"), 1);
    assert_int_equal(metric(t, "hv", "partitions"), 1);
    run_free(t);
}

static void test_wsl1_shutdown_ends_instance_and_releases_its_footprint(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "wsl1", "start", 0);
    act(t, 1 * S, "wsl1", "run", 2 * S);
    act(t, 2 * S, "wsl1", "shutdown", 0);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "wsl1", "state"), 0);
    assert_int_equal(metric(t, "wsl1", "processes"), 0);
    assert_int_equal(metric(t, "wsl1", "host_bytes"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    run_free(t);
}

static void test_wsl1_instance_ends_15s_after_its_last_process(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "wsl1", "run", 2 * S);
    sim_engine_run_until_time(t->eng, 3 * S);
    assert_int_equal(metric(t, "wsl1", "state"), 2);       /* running, no process */
    act(t, 10 * S, "wsl1", "run", 1 * S);                   /* cancels the timer */
    sim_engine_run_until_time(t->eng, 25 * S);
    assert_int_equal(metric(t, "wsl1", "state"), 2);
    assert_int_equal(count_recs(t, "wsl1", "instance_create"), 1);
    sim_engine_run_until_time(t->eng, 28 * S);             /* 11 s + 15 s, plus jitter-free margin */
    assert_int_equal(metric(t, "wsl1", "state"), 0);
    assert_int_equal(metric(t, "wsl1", "host_bytes"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    act(t, 30 * S, "wsl1", "run", 1 * S);                   /* a new instance */
    sim_engine_run_until_time(t->eng, 31 * S);
    assert_int_equal(count_recs(t, "wsl1", "instance_create"), 2);
    run_free(t);
}

static void test_wsl1_instance_stays_on_builds_before_the_idle_timer(void **st)
{
    (void)st;
    run *t = run_new(1);
    set_int(t, "host", "windows_build", 17763);
    set_int(t, "host", "wsl_version", 0);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "wsl1", "run", 2 * S);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "wsl1", "state"), 2);
    run_free(t);
}

static void test_windows_reboot_kills_every_vm_and_instance_at_once(void **st)
{
    (void)st;
    run *t = run_new(1);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "uvm", "start", 0);
    act(t, 0, "t2vm", "start", 0);
    act(t, 0, "wsl1", "start", 0);
    act(t, 30 * S, "host", "reboot", 0);
    sim_engine_run_until_time(t->eng, 30 * S);
    assert_int_equal(metric(t, "uvm", "state"), 0);
    assert_int_equal(metric(t, "uvm", "processes"), 0);
    assert_int_equal(metric(t, "t2vm", "state"), 0);
    assert_int_equal(metric(t, "wsl1", "state"), 0);
    assert_int_equal(metric(t, "host", "vm_reserved"), 0);
    assert_int_equal(metric(t, "hv", "partitions"), 0);
    assert_int_equal(metric(t, "host", "windows_boots"), 2);
    assert_int_equal(metric(t, "vnic", "up"), 0);
    act(t, 40 * S, "uvm", "start", 0);                      /* boots again */
    sim_engine_run_until_time(t->eng, 45 * S);
    assert_int_equal(metric(t, "uvm", "boots"), 2);
    assert_int_equal(metric(t, "uvm", "distro_state"), 2);
    run_free(t);
}

static void test_inbox_wsl_before_build_20190_ignores_vm_idle_timeout(void **st)
{
    (void)st;
    for (int old = 0; old <= 1; old++) {
        run *t = run_new(1);
        set_int(t, "uvm", "vm_idle_timeout", 5 * S);
        if (old) {
            set_int(t, "host", "windows_build", 19041);
            set_int(t, "host", "wsl_version", 0);
        }
        assert_int_equal(sim_engine_start(t->eng), SIM_OK);
        act(t, 0, "uvm", "run", 1 * S);
        sim_engine_run(t->eng);
        assert_int_equal(metric(t, "uvm", "idle_timeout_in_force"), old ? 60 * S : 5 * S);
        run_free(t);
    }
}

/* --- host ------------------------------------------------------------------ */

static void test_host_free_goes_negative_when_windows_and_vms_exceed_ram(void **st)
{
    (void)st;
    run *t = run_new(1);
    set_int(t, "host", "ram", 8 * GIB);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    assert_int_equal(metric(t, "host", "free"), 2 * GIB);
    act(t, 0, "t2vm", "start", 0);
    act(t, 1 * S, "host", "windows_demand", 5 * GIB);
    sim_engine_run(t->eng);
    assert_int_equal(metric(t, "host", "windows_used"), 5 * GIB);
    assert_int_equal(metric(t, "host", "free"), 8 * GIB - 5 * GIB - 4 * GIB);
    run_free(t);
}

/* --- determinism ----------------------------------------------------------- */

static uint64_t race_fingerprint(uint64_t seed)
{
    run *t = run_new(seed);
    assert_int_equal(sim_engine_start(t->eng), SIM_OK);
    act(t, 0, "t2vm", "start", 0);
    act(t, 0, "uvm", "run", 3 * S);
    act(t, 0, "wsl1", "start", 0);
    sim_engine_run(t->eng);
    uint64_t f = sim_engine_fingerprint(t->eng);
    run_free(t);
    return f;
}

static void test_same_seed_gives_same_trace_and_another_seed_another(void **st)
{
    (void)st;
    assert_true(race_fingerprint(7) == race_fingerprint(7));
    assert_true(race_fingerprint(7) != race_fingerprint(8));
}

/* --- tables ---------------------------------------------------------------- */

static void test_registry_order_is_host_hv_t2vm_uvm_wsl1(void **st)
{
    (void)st;
    static const char *const names[] = {"host", "hv", "t2vm", "uvm", "wsl1"};
    size_t n = 0;
    const sim_model_ops *const *m = hv_registry(&n);
    assert_true(n >= SIM_COUNTOF(names)); /* append-only: later models follow these */
    for (size_t i = 0; i < SIM_COUNTOF(names); i++) {
        assert_string_equal(m[i]->name, names[i]);
        assert_int_equal(m[i]->version, SIM_MODEL_ABI_VERSION);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wsl1_instance_ends_15s_after_its_last_process),
        cmocka_unit_test(test_t2vm_exits_get_dearer_under_the_hypervisor_and_wsl2_needs_it),
        cmocka_unit_test(test_wsl1_instance_stays_on_builds_before_the_idle_timer),
        cmocka_unit_test(test_windows_reboot_kills_every_vm_and_instance_at_once),
        cmocka_unit_test(test_inbox_wsl_before_build_20190_ignores_vm_idle_timeout),
        cmocka_unit_test(test_uvm_cold_start_runs_partition_create_vm_kernel_init_distro_in_order),
        cmocka_unit_test(test_uvm_prompt_latency_is_the_sum_of_its_stages_without_jitter),
        cmocka_unit_test(test_uvm_holds_its_idle_footprint_not_a_fixed_reservation),
        cmocka_unit_test(test_t2vm_boots_through_firmware_loader_devices_kernel_init),
        cmocka_unit_test(test_t2vm_reserves_all_its_memory_before_the_guest_runs),
        cmocka_unit_test(test_t2vm_shutdown_gives_memory_back_and_cancels_the_boot),
        cmocka_unit_test(test_wsl1_start_boots_no_vm_and_prompts_under_a_second),
        cmocka_unit_test(test_boot_race_orders_wsl1_then_uvm_then_classic_vm),
        cmocka_unit_test(test_uvm_distro_stops_15s_after_last_process_and_vm_60s_after_distro),
        cmocka_unit_test(test_uvm_distro_is_running_then_idle_then_stopped_while_vm_stays),
        cmocka_unit_test(test_uvm_command_during_distro_timer_cancels_it),
        cmocka_unit_test(test_uvm_command_during_vm_timer_cancels_it_and_restarts_only_the_distro),
        cmocka_unit_test(test_uvm_next_command_after_vm_stopped_pays_a_boot),
        cmocka_unit_test(test_uvm_exit_closes_shells_and_starts_the_idle_timers),
        cmocka_unit_test(test_uvm_exit_during_boot_lets_the_vm_idle_out_without_a_distro),
        cmocka_unit_test(test_uvm_shutdown_stops_processes_distro_and_vm_at_once),
        cmocka_unit_test(test_uvm_shutdown_before_partition_exists_destroys_it_on_arrival),
        cmocka_unit_test(test_uvm_start_while_stopping_boots_again_after_the_stop),
        cmocka_unit_test(test_wsl1_shutdown_ends_instance_and_releases_its_footprint),
        cmocka_unit_test(test_host_free_goes_negative_when_windows_and_vms_exceed_ram),
        cmocka_unit_test(test_same_seed_gives_same_trace_and_another_seed_another),
        cmocka_unit_test(test_registry_order_is_host_hv_t2vm_uvm_wsl1),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
