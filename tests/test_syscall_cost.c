/* test_syscall_cost.c: the syscall cost table, the three paths, the file
 * places, and the "sys" model that runs workloads through them.
 *
 * Per-operation checks against the published facts the table was
 * calibrated from (docs/calibration.md), structural checks (which stages a
 * path has, what leaves the VM, what WSL1 cannot run), and a check that the
 * model's stage events add up to exactly what `hvsim compare` prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "cli_harness.h"
#include "common.h"
#include "engine.h"
#include "profiles.h"
#include "syscall_cost.h"
#include "syscall_path.h"
#include "workload.h"
#include "workload_load.h"

static hv_cost_table defaults(void)
{
    hv_cost_table t;
    hv_cost_defaults(&t);
    return t;
}

static int64_t price(const hv_cost_table *t, hv_path path, hv_fs fs, hv_sys_class c, int64_t n,
                     int64_t bytes, hv_cost_split *out)
{
    hv_cost_split s;
    if (!out) out = &s;
    /* chunks as the workload counts them for equal-sized calls */
    int64_t per = n ? bytes / n : 0;
    int64_t m = per / HV_9P_MSIZE_BYTES + (per % HV_9P_MSIZE_BYTES != 0);
    hv_cost_price(t, path, fs, c, n, bytes, n * (m ? m : 1), out);
    return out->total_ns;
}

static void test_native_stat_on_ext4_matches_the_measured_1_7_us(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    assert_int_equal(price(&t, HV_PATH_NATIVE, HV_FS_EXT4, HV_SYS_STAT, 1000, 0, NULL),
                     1000 * 1700);
}

static void test_wsl2_stat_over_9p_is_within_a_factor_two_of_the_measured_1020_us(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    int64_t ns = price(&t, HV_PATH_WSL2, HV_FS_9P, HV_SYS_STAT, 1, 0, NULL);
    assert_true(ns > 1020 * SIM_US / 2);
    assert_true(ns < 1020 * SIM_US * 2);
}

static void test_dd_8k_writes_to_mnt_c_run_near_the_measured_rates(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    int64_t bytes = 64 * SIM_MiB, n = bytes / 8192;
    /* WSL2 over 9P: 16.7-40.4 MB/s measured; WSL1 DrvFs: 256-442 MB/s. */
    int64_t wsl2_ns = price(&t, HV_PATH_WSL2, HV_FS_9P, HV_SYS_WRITE, n, bytes, NULL);
    int64_t wsl1_ns = price(&t, HV_PATH_WSL1, HV_FS_DRVFS, HV_SYS_WRITE, n, bytes, NULL);
    double wsl2_mbps = (double)bytes / 1e6 / ((double)wsl2_ns / 1e9);
    double wsl1_mbps = (double)bytes / 1e6 / ((double)wsl1_ns / 1e9);
    assert_true(wsl2_mbps > 16.7 / 2 && wsl2_mbps < 40.4 * 2);
    assert_true(wsl1_mbps > 256.0 / 2 && wsl1_mbps < 442.0 * 2);
    assert_true(wsl1_mbps > 5 * wsl2_mbps);
}

static void test_large_9p_transfers_approach_the_measured_293_mb_per_s(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    int64_t bytes = 1 * SIM_GiB, n = bytes / SIM_MiB; /* dd bs=1M: 16 messages per call */
    double mbps = (double)bytes / 1e6 /
                  ((double)price(&t, HV_PATH_WSL2, HV_FS_9P, HV_SYS_READ, n, bytes, NULL) / 1e9);
    assert_true(mbps > 293.0 / 2 && mbps < 293.0 * 2);
}

static void test_trivial_calls_cost_the_same_in_the_wsl2_guest_as_native(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_cost_split s;
    int64_t native = price(&t, HV_PATH_NATIVE, HV_FS_NONE, HV_SYS_TRIVIAL, 1000000, 0, NULL);
    int64_t wsl2 = price(&t, HV_PATH_WSL2, HV_FS_NONE, HV_SYS_TRIVIAL, 1000000, 0, &s);
    assert_int_equal(native, wsl2);
    assert_int_equal(s.messages, 0);
    assert_int_equal(s.stage_ns[HV_STAGE_VMBUS], 0);
    /* UnixBench on WSL2: 18.7M loops/s -> about 53 ns a call */
    assert_in_range(wsl2 / 1000000, 40, 70);
}

static void test_wsl2_ext4_file_calls_never_leave_the_vm_with_warm_caches(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        hv_cost_split s;
        price(&t, HV_PATH_WSL2, HV_FS_VHDX, (hv_sys_class)c, 100, 100 * 4096, &s);
        assert_int_equal(s.messages, 0);
        assert_int_equal(s.stage_ns[HV_STAGE_VMBUS], 0);
        assert_int_equal(s.stage_ns[HV_STAGE_HOST], 0);
    }
}

static void test_page_cache_misses_on_the_vhdx_cross_the_vmbus(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    t.page_cache_miss = 0.5;
    hv_cost_split s;
    price(&t, HV_PATH_WSL2, HV_FS_VHDX, HV_SYS_READ, 100, 100 * 4096, &s);
    assert_int_equal(s.messages, 50);
    assert_int_equal(s.stage_ns[HV_STAGE_VMBUS], 50 * t.vmbus_rtt_ns);
    assert_true(s.stage_ns[HV_STAGE_HOST] >= 50 * t.disk_latency_ns);
    /* natively the same misses pay the disk but no exit */
    int64_t native = price(&t, HV_PATH_NATIVE, HV_FS_EXT4, HV_SYS_READ, 100, 100 * 4096, NULL);
    assert_true(native < s.total_ns);
    assert_true(native > 50 * t.disk_latency_ns);
}

static void test_9p_reads_pay_one_round_trip_per_64k_message(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_workload w;
    hv_workload_init(&w, "x");
    hv_workload_add(&w, HV_SYS_READ, HV_PLACE_OWN, 1 * SIM_MiB);      /* 16 messages */
    hv_workload_add(&w, HV_SYS_READ, HV_PLACE_OWN, 100);              /* 1 */
    hv_workload_add(&w, HV_SYS_READ, HV_PLACE_OWN, 0);                /* 1: EOF still asks */
    hv_workload_add(&w, HV_SYS_READ, HV_PLACE_OWN, 64 * SIM_KiB + 1); /* 2 */
    assert_int_equal(w.chunks[HV_SYS_READ][HV_PLACE_OWN], 20);
    hv_cost_split s;
    hv_cost_price(&t, HV_PATH_WSL2, HV_FS_9P, HV_SYS_READ, w.calls[HV_SYS_READ][HV_PLACE_OWN],
                  w.bytes[HV_SYS_READ][HV_PLACE_OWN], w.chunks[HV_SYS_READ][HV_PLACE_OWN], &s);
    assert_int_equal(s.messages, 20);
    assert_int_equal(s.stage_ns[HV_STAGE_VMBUS], 20 * t.p9_rtt_ns);
}

static void test_9p_metadata_calls_pay_their_message_count(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    const struct { hv_sys_class c; int64_t msgs; } rows[] = {
        {HV_SYS_OPEN, 2}, {HV_SYS_CLOSE, 1}, {HV_SYS_STAT, 3},
        {HV_SYS_DIR, 1}, {HV_SYS_META, 2}, {HV_SYS_NAME, 2},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        hv_cost_split s;
        price(&t, HV_PATH_WSL2, HV_FS_9P, rows[i].c, 10, 0, &s);
        assert_int_equal(s.messages, 10 * rows[i].msgs);
        assert_true(s.stage_ns[HV_STAGE_HOST] > 0); /* NTFS works on the far side */
    }
}

static void test_wsl1_runs_every_call_through_all_five_stages(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    const hv_stage *stages;
    assert_int_equal(hv_path_stages(HV_PATH_WSL1, &stages), 5);
    hv_cost_split s;
    price(&t, HV_PATH_WSL1, HV_FS_VOLFS, HV_SYS_STAT, 10, 0, &s);
    for (int i = 0; i < 5; i++) assert_true(s.stage_ns[stages[i]] > 0);
    assert_int_equal(s.stage_ns[HV_STAGE_GUEST] + s.stage_ns[HV_STAGE_SYSCALL], 0);
    assert_int_equal(s.messages, 0); /* no VM, no boundary */
}

static void test_volfs_metadata_costs_more_than_drvfs_for_the_ea(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    int64_t volfs = price(&t, HV_PATH_WSL1, HV_FS_VOLFS, HV_SYS_STAT, 1, 0, NULL);
    int64_t drvfs = price(&t, HV_PATH_WSL1, HV_FS_DRVFS, HV_SYS_STAT, 1, 0, NULL);
    assert_int_equal(volfs - drvfs, t.volfs_ea_ns - t.drvfs_map_ns);
    /* reads and writes need no metadata */
    assert_int_equal(price(&t, HV_PATH_WSL1, HV_FS_VOLFS, HV_SYS_READ, 5, 5000, NULL),
                     price(&t, HV_PATH_WSL1, HV_FS_DRVFS, HV_SYS_READ, 5, 5000, NULL));
}

static void test_wsl1_beats_wsl2_on_the_windows_drive_and_loses_on_its_own_fs(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    for (int c = HV_SYS_OPEN; c <= HV_SYS_DIR; c++) {
        int64_t wsl2_win = price(&t, HV_PATH_WSL2, HV_FS_9P, (hv_sys_class)c, 100, 0, NULL);
        int64_t wsl1_win = price(&t, HV_PATH_WSL1, HV_FS_DRVFS, (hv_sys_class)c, 100, 0, NULL);
        int64_t wsl2_own = price(&t, HV_PATH_WSL2, HV_FS_VHDX, (hv_sys_class)c, 100, 0, NULL);
        int64_t wsl1_own = price(&t, HV_PATH_WSL1, HV_FS_VOLFS, (hv_sys_class)c, 100, 0, NULL);
        assert_true(wsl1_win < wsl2_win);
        assert_true(wsl2_own < wsl1_own);
    }
}

static void test_wsl1_namespace_calls_fail_without_reaching_nt(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_cost_split s;
    price(&t, HV_PATH_WSL1, HV_FS_NONE, HV_SYS_NS, 1, 0, &s);
    assert_int_equal(s.fails, 1);
    assert_int_equal(s.stage_ns[HV_STAGE_NT], 0);
    assert_int_equal(s.stage_ns[HV_STAGE_TRANSLATE], 0);
    price(&t, HV_PATH_WSL2, HV_FS_NONE, HV_SYS_NS, 1, 0, &s);
    assert_int_equal(s.fails, 0);
    assert_int_equal(s.total_ns, t.linux_ns_ns);
}

static void test_chmod_on_the_windows_drive_is_counted_as_inexact(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_cost_split s;
    price(&t, HV_PATH_WSL1, HV_FS_DRVFS, HV_SYS_META, 7, 0, &s);
    assert_int_equal(s.inexact, 7);
    price(&t, HV_PATH_WSL2, HV_FS_9P, HV_SYS_META, 7, 0, &s);
    assert_int_equal(s.inexact, 7);
    price(&t, HV_PATH_WSL1, HV_FS_VOLFS, HV_SYS_META, 7, 0, &s);
    assert_int_equal(s.inexact, 0);
    assert_false(hv_fs_describe(HV_FS_DRVFS)->case_sensitive);
    assert_false(hv_fs_describe(HV_FS_DRVFS)->unix_permissions);
    assert_true(hv_fs_describe(HV_FS_VOLFS)->case_sensitive);
    assert_true(hv_fs_describe(HV_FS_VOLFS)->unix_permissions);
    assert_non_null(hv_fs_describe(HV_FS_9P)->inexact);
    assert_null(hv_fs_describe(HV_FS_VHDX)->inexact);
}

static void test_fs_places_follow_the_path_and_the_fs_option(void **st)
{
    (void)st;
    /* own files: --fs ext4 (0) and --fs /mnt/c (1) */
    assert_int_equal(hv_fs_for(HV_PATH_NATIVE, HV_PLACE_OWN, HV_SYS_STAT, 1), HV_FS_EXT4);
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_OWN, HV_SYS_STAT, 0), HV_FS_VHDX);
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_OWN, HV_SYS_STAT, 1), HV_FS_9P);
    assert_int_equal(hv_fs_for(HV_PATH_WSL1, HV_PLACE_OWN, HV_SYS_STAT, 0), HV_FS_VOLFS);
    assert_int_equal(hv_fs_for(HV_PATH_WSL1, HV_PLACE_OWN, HV_SYS_STAT, 1), HV_FS_DRVFS);
    assert_int_equal(hv_fs_for(HV_PATH_WINDOWS, HV_PLACE_OWN, HV_SYS_STAT, 0), HV_FS_WSLSHARE);
    /* system files never move; /mnt/c files are Windows files already */
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_SYSTEM, HV_SYS_OPEN, 1), HV_FS_VHDX);
    assert_int_equal(hv_fs_for(HV_PATH_WSL1, HV_PLACE_SYSTEM, HV_SYS_OPEN, 1), HV_FS_VOLFS);
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_WINDOWS, HV_SYS_OPEN, 0), HV_FS_9P);
    assert_int_equal(hv_fs_for(HV_PATH_WSL1, HV_PLACE_WINDOWS, HV_SYS_OPEN, 0), HV_FS_DRVFS);
    /* non-file classes and fds without a file have no place */
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_OWN, HV_SYS_MEM, 1), HV_FS_NONE);
    assert_int_equal(hv_fs_for(HV_PATH_WSL2, HV_PLACE_NONE, HV_SYS_READ, 1), HV_FS_NONE);
}

static void test_windows_reading_linux_files_through_wsl_share_crosses_the_vm(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_cost_split s;
    price(&t, HV_PATH_WINDOWS, HV_FS_WSLSHARE, HV_SYS_STAT, 10, 0, &s);
    assert_int_equal(s.messages, 30);
    assert_true(s.stage_ns[HV_STAGE_GUEST] > 0);
    assert_true(s.stage_ns[HV_STAGE_WIN_IO] > 0);
    int64_t ntfs = price(&t, HV_PATH_WINDOWS, HV_FS_NTFS, HV_SYS_STAT, 10, 0, NULL);
    assert_true(ntfs < s.total_ns);
}

static void test_huge_transfers_do_not_overflow(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    int64_t bytes = 100 * SIM_TB;
    int64_t ns = price(&t, HV_PATH_NATIVE, HV_FS_EXT4, HV_SYS_READ, 1, bytes, NULL);
    /* 100 TB at 1.9 GB/s is about 52600 s */
    assert_in_range(ns / SIM_S, 52000, 53000);
}

static void test_workload_price_adds_up_by_class_stage_and_place(void **st)
{
    (void)st;
    hv_cost_table t = defaults();
    hv_workload w;
    hv_workload_init(&w, "mix");
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++)
        for (int p = 0; p < HV_PLACE_COUNT; p++)
            hv_workload_add(&w, (hv_sys_class)c, (hv_place)p, 5000);
    for (int path = 0; path < HV_PATH_COUNT; path++) {
        hv_price pr;
        hv_cost_price_workload(&t, &w, (hv_path)path, 1, &pr);
        int64_t by_class = 0, by_stage = 0, by_fs = 0;
        for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) by_class += pr.class_ns[c];
        for (int s = 0; s < HV_STAGE_COUNT; s++) by_stage += pr.stage_ns[s];
        for (int f = 0; f < HV_FS_COUNT; f++) by_fs += pr.fs_ns[f];
        assert_int_equal(by_class, pr.total_ns);
        assert_int_equal(by_stage, pr.total_ns);
        assert_int_equal(by_fs, pr.total_ns);
        assert_true(pr.total_ns > 0);
    }
}

/* --- the "sys" model ----------------------------------------------------- */

static int64_t metric(sim_engine *eng, int id, const char *name)
{
    int idx = sim_model_find_metric(&hv_sys_ops, name);
    assert_true(idx >= 0);
    return sim_engine_metric(eng, id, idx).i;
}

/* Loads a workload as the scenario loader would and hands it to the
 * engine; returns its shared-block index. */
static int64_t give_workload(sim_engine *eng, const char *name)
{
    char why[512];
    sim_shared *b = hv_workload_load_shared(NULL, "workload", name, "", why, sizeof why);
    if (!b) fail_msg("%s", why);
    int64_t idx = sim_engine_add_shared(eng, b);
    sim_shared_unref(b);
    assert_true(idx >= 0);
    return idx;
}

typedef struct stage_count {
    int sys_id;
    int kinds[HV_SYSP_KIND_COUNT];
} stage_count;

static void count_kinds(void *user, const sim_engine *eng, const sim_trace_record *rec)
{
    (void)eng;
    stage_count *sc = user;
    if (rec->model == sc->sys_id) sc->kinds[rec->kind]++;
}

/* Runs one profile on one path in a fresh engine; returns the engine. */
static sim_engine *run_one(const char *profile, hv_path path, int fs_mntc, stage_count *sc)
{
    sim_engine *eng = sim_engine_new(7);
    assert_non_null(eng);
    int id = sim_engine_add_model(eng, &hv_sys_ops, 0);
    assert_true(id >= 0);
    memset(sc, 0, sizeof *sc);
    sc->sys_id = id;
    sim_engine_set_observer(eng, count_kinds, sc);
    assert_int_equal(sim_engine_start(eng), 0);
    sim_payload p = {{give_workload(eng, profile), path, fs_mntc}};
    assert_true(sim_engine_schedule_at(eng, 0, 0, id, HV_SYSP_RUN, &p) > 0);
    sim_engine_run(eng);
    return eng;
}

static void test_model_run_takes_exactly_the_compare_price_plus_cpu(void **st)
{
    (void)st;
    char path[1024];
    assert_int_equal(hv_profile_resolve("git-status", path, sizeof path), 0);
    hv_workload w;
    int64_t cpu = 0;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_load(path, &w, &cpu, &d), 0);
    sim_diag_list_free(&d);
    hv_cost_table t = defaults();
    for (int fs = 0; fs <= 1; fs++) {
        for (int pth = 0; pth < 3; pth++) {
            hv_price pr;
            hv_cost_price_workload(&t, &w, (hv_path)pth, fs, &pr);
            stage_count sc;
            sim_engine *eng = run_one("git-status", (hv_path)pth, fs, &sc);
            assert_int_equal(metric(eng, 0, "last_time"), pr.total_ns + cpu);
            assert_int_equal(sim_engine_now(eng), pr.total_ns + cpu);
            assert_int_equal(metric(eng, 0, "calls"), hv_workload_total(&w));
            assert_int_equal(metric(eng, 0, "messages"), pr.messages);
            sim_engine_free(eng);
        }
    }
}

static void test_model_sends_calls_to_the_9p_server_only_from_mnt_c(void **st)
{
    (void)st;
    stage_count sc;
    const int p9_send = HV_SYSP_REPLAY0 + HV_RP_EV_P9_SEND;
    sim_engine *eng = run_one("git-status", HV_PATH_WSL2, 0, &sc);
    assert_true(sc.kinds[HV_SYSP_STAGE0 + HV_STAGE_GUEST] >= 1);
    assert_int_equal(sc.kinds[p9_send], 0);
    assert_int_equal(sc.kinds[HV_SYSP_STAGE0 + HV_STAGE_HOST], 0);
    assert_int_equal(metric(eng, 0, "messages"), 0);
    sim_engine_free(eng);
    eng = run_one("git-status", HV_PATH_WSL2, 1, &sc);
    assert_true(sc.kinds[p9_send] > 3);
    assert_int_equal(sc.kinds[p9_send], sc.kinds[HV_SYSP_STAGE0 + HV_STAGE_HOST]); /* replies */
    assert_true(metric(eng, 0, "messages") > 5000);
    assert_int_equal(metric(eng, 0, "p9_in_flight"), 0);
    sim_engine_free(eng);
    eng = run_one("git-status", HV_PATH_WSL1, 0, &sc);
    assert_int_equal(sc.kinds[p9_send], 0);
    assert_int_equal(metric(eng, 0, "messages"), 0);
    /* a burst of plain calls is one event, not one per call */
    assert_true(sim_engine_events_processed(eng) < 100);
    sim_engine_free(eng);
}

static void test_model_stops_a_wsl1_container_start_at_unshare_with_einval(void **st)
{
    (void)st;
    stage_count sc;
    sim_engine *eng = run_one("container-start", HV_PATH_WSL1, 0, &sc);
    assert_int_equal(metric(eng, 0, "failed"), 1);
    assert_int_equal(metric(eng, 0, "wsl1_failed"), 1);
    int e = sim_model_find_metric(&hv_sys_ops, "last_errno");
    const char *name = hv_sys_ops.metrics[e].enum_names[metric(eng, 0, "last_errno")];
    assert_string_equal(name, "EINVAL");
    assert_int_equal(metric(eng, 0, "runs"), 1);
    sim_engine_free(eng);
    eng = run_one("container-start", HV_PATH_WSL2, 0, &sc);
    assert_int_equal(metric(eng, 0, "failed"), 0);
    assert_int_equal(metric(eng, 0, "runs"), 1);
    sim_engine_free(eng);
}

/* Runs a scenario built from s to the end; returns its fingerprint. */
static uint64_t run_to_end(const scn_scenario *s, int64_t *runs)
{
    sim_engine *eng = NULL;
    int dir = -1;
    assert_int_equal(cli_instantiate(s, NULL, &eng, &dir), 0);
    sim_engine_run(eng);
    int sys = sim_engine_find_model(eng, HV_SYSP_MODEL_NAME);
    *runs = metric(eng, sys, "runs");
    uint64_t fp = sim_engine_fingerprint(eng);
    sim_engine_free(eng);
    return fp;
}

static void test_model_reads_no_file_a_run_does_not_depend_on_the_working_directory(void **st)
{
    (void)st;
    char *tmp = hv_tmpdir(), path[4096], cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    char *trace = hv_read_file(HVSIM_SOURCE_DIR "/tests/data/strace/tar-czf.txt", NULL);
    snprintf(path, sizeof path, "%s/t.txt", tmp);
    assert_int_equal(hv_write_file(path, trace), 0);
    free(trace);
    snprintf(path, sizeof path, "%s/s.hvs", tmp);
    assert_int_equal(hv_write_file(path, "at 0s sys.run workload=t.txt path=wsl2 fs=/mnt/c\n"),
                     0);
    scn_scenario *s = NULL;
    assert_int_equal(cli_load_scenario(path, NULL, 0, &s), 0); /* t.txt: next to s.hvs */
    int64_t runs = 0;
    uint64_t here = run_to_end(s, &runs);
    assert_int_equal(runs, 1);
    hv_rmdir(tmp); /* the trace file is gone: the loaded workload is not */
    assert_int_equal(chdir("/"), 0);
    uint64_t elsewhere = run_to_end(s, &runs);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(runs, 1);
    assert_true(here == elsewhere);
    scn_free(s);
    free(tmp);
}

static void test_model_compare_names_wsl1_the_winner_on_mnt_c_only(void **st)
{
    (void)st;
    for (int fs = 0; fs <= 1; fs++) {
        sim_engine *eng = sim_engine_new(1);
        int id = sim_engine_add_model(eng, &hv_sys_ops, 0);
        sim_engine_start(eng);
        sim_payload p = {{give_workload(eng, "git-status"), fs}};
        sim_engine_schedule_at(eng, 0, 0, id, HV_SYSP_COMPARE, &p);
        sim_engine_run(eng);
        assert_int_equal(metric(eng, id, "runs"), 3);
        assert_int_equal(metric(eng, id, "winner"), 1 + (fs ? HV_PATH_WSL1 : HV_PATH_WSL2));
        sim_engine_free(eng);
    }
}

static void test_workload_names_resolve_to_builtins_profiles_and_traces(void **st)
{
    (void)st;
    sim_diag_list d;
    sim_diag_list_init(&d);
    hv_program *p = NULL;
    assert_int_equal(hv_workload_load("git-status", "", 0, &p, &d), 0);
    assert_int_equal(p->source, HV_PROGRAM_PROFILE);
    assert_true(p->cpu_ns > 0);
    hv_program_free(p);
    assert_int_equal(hv_workload_load("tar-czf.txt", HVSIM_SOURCE_DIR "/tests/data/strace", 0,
                                      &p, &d), 0);
    assert_int_equal(p->source, HV_PROGRAM_TRACE);
    assert_true(p->trace_span_ns > 0 && p->trace_call_ns > 0);
    hv_program_free(p);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(hv_workload_load("git-statuss", "", 0, &p, &d), -1);
    assert_null(p);
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(d.items[0].msg, "did you mean 'git-status'"));
    sim_diag_list_free(&d);
}

/* --- the compare command ------------------------------------------------- */

static void test_compare_names_the_winner_for_each_file_place(void **st)
{
    (void)st;
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "compare", "git-status", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "WALL"));
    assert_non_null(strstr(r.out, "verdict: WSL2 wins"));
    assert_non_null(strstr(r.out, "stat calls"));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "compare", "git-status", "--fs", "/mnt/c", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "verdict: WSL1 wins"));
    assert_non_null(strstr(r.out, "9P round trips"));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "compare", "container-start", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "unshare fails with EINVAL"));
    hv_result_free(&r);
}

static void test_compare_csv_has_the_columns_and_ends_with_a_total_row(void **st)
{
    (void)st;
    char *dir = hv_tmpdir();
    char csv[4096];
    snprintf(csv, sizeof csv, "%s/t.csv", dir);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "compare", "tar-unpack", "--csv", csv, NULL), 0);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    char *text = hv_read_file(csv, NULL);
    assert_non_null(text);
    assert_memory_equal(text, "class,count,native_s,wsl2_s,wsl1_s,", 35);
    assert_non_null(strstr(text, ",trace_s\n"));
    /* a profile is one thread that never waits: its wall time is its
     * classes' time plus its cpu row, and its blocked row is zero */
    double sum[3] = {0, 0, 0}, total[3] = {0, 0, 0};
    int rows = 0, saw_total = 0, saw_cpu = 0, saw_blocked = 0;
    for (char *line = strtok(strchr(text, '\n') + 1, "\n"); line; line = strtok(NULL, "\n")) {
        char name[32];
        long long count;
        double v[3];
        int got = sscanf(line, "%31[^,],%lld,%lf,%lf,%lf", name, &count, &v[0], &v[1], &v[2]);
        assert_int_equal(got, 5);
        assert_false(saw_total); /* WALL is the last row */
        if (strcmp(name, "WALL") == 0) {
            saw_total = 1;
            memcpy(total, v, sizeof v);
        } else if (strcmp(name, "blocked") == 0) {
            saw_blocked = 1;
            for (int k = 0; k < 3; k++) assert_true(v[k] == 0);
        } else {
            saw_cpu |= strcmp(name, "cpu") == 0;
            rows++;
            for (int k = 0; k < 3; k++) sum[k] += v[k];
        }
    }
    assert_true(saw_total && saw_cpu && saw_blocked);
    assert_true(rows >= 5);
    for (int k = 0; k < 3; k++) assert_true(total[k] > 0 && total[k] - sum[k] < 1e-6 * rows);
    assert_true(total[2] > 5 * total[1]); /* WSL1 on VolFs is far slower for tar */
    free(text);
    hv_rmdir(dir);
    free(dir);
}

static void test_compare_imports_a_real_strace_trace(void **st)
{
    (void)st;
    hv_result r;
    assert_int_equal(
        hv_hvsim(&r, "compare", HVSIM_SOURCE_DIR "/tests/data/strace/git-status.txt", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "WALL"));
    assert_non_null(strstr(r.out, "the trace measured: span"));
    assert_non_null(strstr(r.out, "self-check: native replay"));
    assert_non_null(strstr(r.out, "queued for 9P"));
    assert_non_null(strstr(r.out, "verdict:"));
    hv_result_free(&r);
}

static void test_compare_rejects_bad_input_and_leaves_no_csv(void **st)
{
    (void)st;
    char *dir = hv_tmpdir();
    char csv[4096], garbage[4096];
    snprintf(csv, sizeof csv, "%s/out.csv", dir);
    snprintf(garbage, sizeof garbage, "%s/garbage.txt", dir);
    assert_int_equal(hv_write_file(garbage, "\x7f" "ELF this is not a trace\n"), 0);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "compare", garbage, "--csv", csv, NULL), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "garbage.txt:1:"));
    assert_non_null(strstr(r.err, "error:"));
    assert_false(hv_exists(csv));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "compare", "git-stauts", "--csv", csv, NULL), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "did you mean 'git-status'"));
    assert_false(hv_exists(csv));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "compare", "git-status", "--fs", "ntfs", NULL), 0);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "compare", "git-status", "--set", "p9_rtt=fast", NULL), 0);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_native_stat_on_ext4_matches_the_measured_1_7_us),
        cmocka_unit_test(test_wsl2_stat_over_9p_is_within_a_factor_two_of_the_measured_1020_us),
        cmocka_unit_test(test_dd_8k_writes_to_mnt_c_run_near_the_measured_rates),
        cmocka_unit_test(test_large_9p_transfers_approach_the_measured_293_mb_per_s),
        cmocka_unit_test(test_trivial_calls_cost_the_same_in_the_wsl2_guest_as_native),
        cmocka_unit_test(test_wsl2_ext4_file_calls_never_leave_the_vm_with_warm_caches),
        cmocka_unit_test(test_page_cache_misses_on_the_vhdx_cross_the_vmbus),
        cmocka_unit_test(test_9p_reads_pay_one_round_trip_per_64k_message),
        cmocka_unit_test(test_9p_metadata_calls_pay_their_message_count),
        cmocka_unit_test(test_wsl1_runs_every_call_through_all_five_stages),
        cmocka_unit_test(test_volfs_metadata_costs_more_than_drvfs_for_the_ea),
        cmocka_unit_test(test_wsl1_beats_wsl2_on_the_windows_drive_and_loses_on_its_own_fs),
        cmocka_unit_test(test_wsl1_namespace_calls_fail_without_reaching_nt),
        cmocka_unit_test(test_chmod_on_the_windows_drive_is_counted_as_inexact),
        cmocka_unit_test(test_fs_places_follow_the_path_and_the_fs_option),
        cmocka_unit_test(test_windows_reading_linux_files_through_wsl_share_crosses_the_vm),
        cmocka_unit_test(test_huge_transfers_do_not_overflow),
        cmocka_unit_test(test_workload_price_adds_up_by_class_stage_and_place),
        cmocka_unit_test(test_model_run_takes_exactly_the_compare_price_plus_cpu),
        cmocka_unit_test(test_model_sends_calls_to_the_9p_server_only_from_mnt_c),
        cmocka_unit_test(test_model_stops_a_wsl1_container_start_at_unshare_with_einval),
        cmocka_unit_test(test_model_compare_names_wsl1_the_winner_on_mnt_c_only),
        cmocka_unit_test(test_workload_names_resolve_to_builtins_profiles_and_traces),
        cmocka_unit_test(test_model_reads_no_file_a_run_does_not_depend_on_the_working_directory),
        cmocka_unit_test(test_compare_names_the_winner_for_each_file_place),
        cmocka_unit_test(test_compare_csv_has_the_columns_and_ends_with_a_total_row),
        cmocka_unit_test(test_compare_imports_a_real_strace_trace),
        cmocka_unit_test(test_compare_rejects_bad_input_and_leaves_no_csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
