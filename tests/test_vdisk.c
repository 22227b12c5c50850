/* test_vdisk.c: the ext4.vhdx virtual disk -- the file grows with writes and
 * keeps its size on delete, compaction needs the VM stopped, sparse mode
 * does not shrink a disk bloated before it was turned on, export saves what
 * unregister would lose, a full drive stops writes; and the accounting
 * conserves bytes under any sequence of operations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"
#include "vdisk.h"
#include "vdisk_space.h"

#define BLOCK SIM_MiB
#define OVERHEAD (4 * SIM_MiB)
#define DISTRO (1500 * SIM_MB)
#define DISTRO_FILES 60000
#define SLACK (2 * SIM_KiB) /* half an ext4 block per file */
#define VD_TOLERANCE_NS 10   /* one ns of rounding per slice of an operation */
#define VD_GOLDEN UINT64_C(0xc4673e45f8dbaa00)

static sim_engine *disk(void)
{
    sim_engine *e = sim_engine_new(1);
    assert_int_equal(sim_engine_add_model(e, &hv_vdisk_ops, 0), 0);
    return e;
}

static void set(sim_engine *e, const char *param, int64_t v)
{
    int i = sim_model_find_param(&hv_vdisk_ops, param);
    assert_true(i >= 0);
    sim_engine_set_param(e, 0, i, (sim_value){.i = v});
}

static int64_t metric(const sim_engine *e, const char *name)
{
    int i = sim_model_find_metric(&hv_vdisk_ops, name);
    assert_true(i >= 0);
    return sim_engine_metric(e, 0, i).i;
}

static void at(sim_engine *e, int64_t t, int kind, int64_t a, int64_t b, int64_t c)
{
    sim_payload p = {{a, b, c}};
    assert_int_not_equal(sim_engine_schedule_at(e, t, 0, 0, kind, &p), 0);
}

static int64_t path(sim_engine *e, const char *name) { return sim_engine_intern(e, name); }

/* Schedules an action at t and runs until everything it started is over. */
static void act(sim_engine *e, int64_t t, int kind, int64_t a, int64_t b, int64_t c)
{
    at(e, t, kind, a, b, c);
    sim_engine_run(e);
}

static int64_t file_for(int64_t alloc)
{
    return OVERHEAD + (alloc + BLOCK - 1) / BLOCK * BLOCK;
}

/* A started disk with the VM running at t = 0. */
static sim_engine *running_disk(void)
{
    sim_engine *e = disk();
    sim_engine_start(e);
    act(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    return e;
}

static void test_vdisk_starts_with_the_installed_distro_and_a_file_just_larger(void **st)
{
    (void)st;
    sim_engine *e = disk();
    sim_engine_start(e);
    assert_int_equal(metric(e, "used_bytes"), DISTRO);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO));
    assert_int_equal(metric(e, "files"), DISTRO_FILES);
    assert_int_equal(metric(e, "max_bytes"), SIM_TiB);
    assert_int_equal(metric(e, "attached"), 0);
    assert_int_equal(metric(e, "drive_free_bytes"), 100 * SIM_GB);
    sim_engine_free(e);
}

static void test_vdisk_write_grows_the_file_and_delete_leaves_it_bloated(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    int64_t nm = path(e, "~/proj/node_modules");
    int64_t alloc = 20 * SIM_GiB + 200000 * SLACK;
    act(e, SIM_S, HV_VDISK_WRITE, nm, 20 * SIM_GiB, 200000);
    assert_int_equal(metric(e, "used_bytes"), DISTRO + alloc);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO + alloc));
    assert_int_equal(metric(e, "drive_free_bytes"),
                     100 * SIM_GB - (file_for(DISTRO + alloc) - file_for(DISTRO)));
    /* 20 GiB at 1.9 GB/s plus 200000 files at 53 us: about 22 s */
    assert_true(sim_engine_now(e) > 20 * SIM_S && sim_engine_now(e) < 25 * SIM_S);

    int64_t bloated = metric(e, "file_bytes");
    act(e, 60 * SIM_S, HV_VDISK_DELETE, path(e, "~/proj/node_modules"), 0, 0);
    assert_int_equal(metric(e, "used_bytes"), DISTRO);
    assert_int_equal(metric(e, "files"), DISTRO_FILES);
    assert_int_equal(metric(e, "file_bytes"), bloated);
    assert_int_equal(metric(e, "reclaimable_bytes"), alloc);
    assert_int_equal(metric(e, "errors"), 0);
    sim_engine_free(e);
}

static void test_vdisk_compaction_is_refused_while_the_vm_runs_and_works_once_stopped(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "big"), 10 * SIM_GiB, 1);
    act(e, 20 * SIM_S, HV_VDISK_DELETE, path(e, "big"), 0, 0);
    int64_t bloated = metric(e, "file_bytes");

    act(e, 30 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    assert_int_equal(metric(e, "errors"), 1);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_VM_RUNNING);
    assert_int_equal(metric(e, "file_bytes"), bloated);
    assert_int_equal(sim_engine_now(e), 30 * SIM_S); /* refused at once, took no time */

    act(e, 40 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 41 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO));
    assert_int_equal(metric(e, "drive_free_bytes"), 100 * SIM_GB);
    assert_int_equal(metric(e, "reclaimable_bytes"), 0);
    /* it read the whole bloated file at 1 GB/s */
    int64_t took = sim_engine_now(e) - 41 * SIM_S;
    assert_true(took >= hv_vdisk_xfer_ns(bloated, 1000 * SIM_MB) - VD_TOLERANCE_NS &&
                took <= hv_vdisk_xfer_ns(bloated, 1000 * SIM_MB) + VD_TOLERANCE_NS);
    sim_engine_free(e);
}

static void test_vdisk_without_discard_compaction_keeps_untrimmed_blocks_until_fstrim(void **st)
{
    (void)st;
    sim_engine *e = disk();
    set(e, "discard", 0);
    sim_engine_start(e);
    act(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "d"), 4 * SIM_GiB, 1);
    act(e, 10 * SIM_S, HV_VDISK_DELETE, path(e, "d"), 0, 0);
    assert_int_equal(metric(e, "untrimmed_bytes"), 4 * SIM_GiB + SLACK);
    act(e, 20 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 21 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO + 4 * SIM_GiB + SLACK));

    act(e, 60 * SIM_S, HV_VDISK_VM_START, 0, 0, 0);
    act(e, 61 * SIM_S, HV_VDISK_TRIM, 0, 0, 0);
    assert_int_equal(metric(e, "untrimmed_bytes"), 0);
    assert_int_equal(metric(e, "reclaimable_bytes"), 4 * SIM_GiB + SLACK);
    act(e, 62 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 63 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO));
    sim_engine_free(e);
}

static void test_vdisk_set_sparse_needs_allow_unsafe_and_the_vm_stopped(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    act(e, SIM_S, HV_VDISK_SET_SPARSE, 1, 1, 0);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_VM_RUNNING);
    act(e, 2 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 3 * SIM_S, HV_VDISK_SET_SPARSE, 1, 0, 0);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_UNSAFE);
    assert_int_equal(metric(e, "sparse"), 0);
    act(e, 4 * SIM_S, HV_VDISK_SET_SPARSE, 1, 1, 0);
    assert_int_equal(metric(e, "sparse"), 1);
    assert_int_equal(metric(e, "errors"), 2);
    sim_engine_free(e);
}

/* #12103: a 118 GB file with 64 GB used did not shrink when sparse was
 * turned on; trims after that do return space. */
static void test_vdisk_sparse_does_not_shrink_an_old_bloat_but_later_deletes_do(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "old"), 8 * SIM_GiB, 1);
    act(e, 20 * SIM_S, HV_VDISK_DELETE, path(e, "old"), 0, 0);
    int64_t bloated = metric(e, "file_bytes");
    act(e, 30 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 31 * SIM_S, HV_VDISK_SET_SPARSE, 1, 1, 0);
    act(e, 32 * SIM_S, HV_VDISK_VM_START, 0, 0, 0);
    assert_int_equal(metric(e, "file_bytes"), bloated);
    act(e, 33 * SIM_S, HV_VDISK_TRIM, 0, 0, 0); /* nothing left to trim */
    assert_int_equal(metric(e, "file_bytes"), bloated);

    /* New data lands in the old free blocks (reuse = 1), then is deleted:
     * with sparse on, those trims go back to Windows. */
    act(e, 40 * SIM_S, HV_VDISK_WRITE, path(e, "new"), 3 * SIM_GiB, 1);
    assert_int_equal(metric(e, "file_bytes"), bloated);
    act(e, 60 * SIM_S, HV_VDISK_DELETE, path(e, "new"), 0, 0);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO + 5 * SIM_GiB));
    assert_int_equal(metric(e, "reclaimable_bytes"), 5 * SIM_GiB);
    sim_engine_free(e);
}

static void test_vdisk_a_disk_sparse_from_the_start_gives_deletes_back(void **st)
{
    (void)st;
    sim_engine *e = disk();
    set(e, "sparse", 1);
    sim_engine_start(e);
    act(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "x"), 6 * SIM_GiB, 1000);
    act(e, 30 * SIM_S, HV_VDISK_DELETE, path(e, "x"), 0, 0);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO));
    assert_int_equal(metric(e, "drive_free_bytes"), 100 * SIM_GB);
    sim_engine_free(e);
}

static void test_vdisk_unregister_loses_what_no_export_holds(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    int64_t work = 3 * SIM_GiB + 100 * SLACK;
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "work"), 3 * SIM_GiB, 100);
    act(e, 20 * SIM_S, HV_VDISK_UNREGISTER, 0, 0, 0);
    assert_int_equal(metric(e, "lost_bytes"), DISTRO + work);
    assert_int_equal(metric(e, "file_bytes"), 0);
    assert_int_equal(metric(e, "registered"), 0);
    assert_int_equal(metric(e, "drive_free_bytes"), 100 * SIM_GB + file_for(DISTRO));
    act(e, 21 * SIM_S, HV_VDISK_IMPORT, 0, 0, 0);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_NO_EXPORT);
    sim_engine_free(e);

    /* The same with an export first, and 1 GiB written after it. */
    e = running_disk();
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "work"), 3 * SIM_GiB, 100);
    act(e, 20 * SIM_S, HV_VDISK_EXPORT, HV_VDISK_FMT_TAR, 0, 0);
    assert_int_equal(metric(e, "export_bytes"), DISTRO + work + (DISTRO_FILES + 100) * 512);
    act(e, 200 * SIM_S, HV_VDISK_WRITE, path(e, "late"), SIM_GiB, 1);
    act(e, 220 * SIM_S, HV_VDISK_UNREGISTER, 0, 0, 0);
    assert_int_equal(metric(e, "lost_bytes"), SIM_GiB + SLACK);
    act(e, 221 * SIM_S, HV_VDISK_IMPORT, 0, 0, 0);
    assert_int_equal(metric(e, "registered"), 1);
    assert_int_equal(metric(e, "used_bytes"), DISTRO + work);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO + work));
    assert_int_equal(metric(e, "files"), DISTRO_FILES + 100);
    sim_engine_free(e);
}

/* The time of an export, from a run that bloats the disk by `bloat` first
 * and holds `extra` more bytes in use. */
static int64_t export_time(int64_t extra, int64_t bloat, int format)
{
    sim_engine *e = running_disk();
    if (bloat) {
        act(e, SIM_S, HV_VDISK_WRITE, path(e, "tmp"), bloat, 1);
        act(e, 100 * SIM_S, HV_VDISK_DELETE, path(e, "tmp"), 0, 0);
    }
    if (extra) act(e, 200 * SIM_S, HV_VDISK_WRITE, path(e, "keep"), extra, 1);
    act(e, 300 * SIM_S, HV_VDISK_EXPORT, format, 0, 0);
    int64_t t = sim_engine_now(e) - 300 * SIM_S;
    sim_engine_free(e);
    return t;
}

static void test_vdisk_tar_export_time_follows_the_bytes_in_use_not_the_file(void **st)
{
    (void)st;
    int64_t lean = export_time(4 * SIM_GiB, 0, HV_VDISK_FMT_TAR);
    int64_t bloated = export_time(4 * SIM_GiB, 40 * SIM_GiB, HV_VDISK_FMT_TAR);
    int64_t twice = export_time(8 * SIM_GiB + DISTRO, 0, HV_VDISK_FMT_TAR);
    assert_int_equal(lean, bloated);          /* free space inside the vhdx is not read */
    assert_true(twice > lean * 17 / 10);      /* about twice the bytes, about twice the time */
    /* a vhd export copies the whole file, bloat and all */
    assert_true(export_time(4 * SIM_GiB, 40 * SIM_GiB, HV_VDISK_FMT_VHD) >
                export_time(4 * SIM_GiB, 0, HV_VDISK_FMT_VHD) * 5);
}

static void test_vdisk_a_full_windows_drive_stops_the_write(void **st)
{
    (void)st;
    sim_engine *e = disk();
    set(e, "windows_drive_free", 5 * SIM_GiB);
    sim_engine_start(e);
    act(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "big"), 12 * SIM_GiB, 1);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_DRIVE_FULL);
    assert_true(metric(e, "drive_free_bytes") >= 0);
    assert_true(metric(e, "drive_free_bytes") < BLOCK);
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO) + 5 * SIM_GiB);
    assert_true(metric(e, "used_bytes") > DISTRO + 5 * SIM_GiB - BLOCK);
    sim_engine_free(e);
}

static void test_vdisk_ext4_fills_at_the_virtual_size(void **st)
{
    (void)st;
    sim_engine *e = disk();
    set(e, "max_size", 4 * SIM_GiB);
    sim_engine_start(e);
    act(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    act(e, SIM_S, HV_VDISK_WRITE, path(e, "big"), 6 * SIM_GiB, 1);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_DISK_FULL);
    assert_int_equal(metric(e, "used_bytes"), 4 * SIM_GiB);
    act(e, 30 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    act(e, 31 * SIM_S, HV_VDISK_RESIZE, 8 * SIM_GiB, 0, 0);
    assert_int_equal(metric(e, "max_bytes"), 8 * SIM_GiB);
    act(e, 32 * SIM_S, HV_VDISK_RESIZE, 2 * SIM_GiB, 0, 0);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_BELOW_USED);
    sim_engine_free(e);
}

static void test_vdisk_a_vm_stop_interrupts_a_running_write(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    at(e, SIM_S, HV_VDISK_WRITE, path(e, "w"), 19 * SIM_GB, 1); /* 10 s at 1.9 GB/s */
    at(e, SIM_S + 5 * SIM_S + SIM_S / 2, HV_VDISK_VM_STOP, 0, 0, 0);
    sim_engine_run(e);
    assert_int_equal(metric(e, "last_error"), HV_VDISK_E_INTERRUPTED);
    assert_int_equal(metric(e, "used_bytes"), DISTRO + (19 * SIM_GB + SLACK) * 5 / 10);
    assert_int_equal(metric(e, "op"), 0);
    sim_engine_free(e);
}

static void test_vdisk_operations_asked_at_once_run_one_after_another(void **st)
{
    (void)st;
    sim_engine *e = running_disk();
    at(e, SIM_S, HV_VDISK_WRITE, path(e, "a"), 2 * SIM_GiB, 1);
    at(e, SIM_S, HV_VDISK_DELETE, path(e, "a"), 0, 0);
    at(e, SIM_S, HV_VDISK_WRITE, path(e, "b"), SIM_GiB, 1);
    sim_engine_run(e);
    assert_int_equal(metric(e, "errors"), 0);
    assert_int_equal(metric(e, "used_bytes"), DISTRO + SIM_GiB + SLACK);
    /* b reused a's freed blocks: the file is the high-water mark */
    assert_int_equal(metric(e, "file_bytes"), file_for(DISTRO + 2 * SIM_GiB + SLACK));
    sim_engine_free(e);
}

/* --- conservation under random operations -------------------------------- */

typedef struct watch { int checked; int broken; } watch;

static int64_t metric_of(const sim_engine *e, const char *name)
{
    return sim_engine_metric(e, 0, sim_model_find_metric(&hv_vdisk_ops, name)).i;
}

/* After every event: written - freed == used, the file is never smaller
 * than what is in use, the drive never goes below empty. */
static void check_invariants(void *user, const sim_engine *e, const sim_trace_record *rec)
{
    (void)rec;
    watch *w = user;
    int64_t used = metric_of(e, "used_bytes"), file = metric_of(e, "file_bytes");
    int64_t reg = metric_of(e, "registered");
    w->checked++;
    if (metric_of(e, "written_bytes") - metric_of(e, "freed_bytes") != used) w->broken++;
    if (reg && file < used + OVERHEAD) w->broken++;
    if (metric_of(e, "drive_free_bytes") < 0) w->broken++;
    if (reg && used > metric_of(e, "max_bytes")) w->broken++;
}

static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

static void test_vdisk_conserves_bytes_under_random_operations(void **st)
{
    (void)st;
    for (uint64_t seed = 1; seed <= 20; seed++) {
        uint64_t x = seed * 0x9E3779B97F4A7C15u;
        sim_engine *e = disk();
        set(e, "windows_drive_free", 30 * SIM_GiB);
        set(e, "max_size", 20 * SIM_GiB);
        sim_engine_set_param(e, 0, sim_model_find_param(&hv_vdisk_ops, "reuse"),
                             (sim_value){.r = (double)(seed % 5) / 4.0});
        set(e, "discard", (int64_t)(seed % 3 != 0));
        watch w = {0, 0};
        sim_engine_set_observer(e, check_invariants, &w);
        sim_engine_start(e);
        int64_t names[4] = {path(e, "p0"), path(e, "p1"), path(e, "p2"), path(e, "p3")};
        for (int i = 0; i < 200; i++) {
            int64_t t = (int64_t)i * 7 * SIM_S;
            int64_t r = (int64_t)(next_rand(&x) % 100);
            int64_t nm = names[next_rand(&x) % 4];
            int64_t size = (int64_t)(next_rand(&x) % (6 * (uint64_t)SIM_GiB));
            int kind = r < 35 ? HV_VDISK_WRITE : r < 55 ? HV_VDISK_DELETE
                     : r < 62 ? HV_VDISK_TRIM : r < 69 ? HV_VDISK_COMPACT
                     : r < 74 ? HV_VDISK_SET_SPARSE : r < 80 ? HV_VDISK_EXPORT
                     : r < 83 ? HV_VDISK_UNREGISTER : r < 87 ? HV_VDISK_IMPORT
                     : r < 89 ? HV_VDISK_INSTALL : r < 95 ? HV_VDISK_VM_START : HV_VDISK_VM_STOP;
            if (r >= 95 && r < 97) kind = HV_VDISK_RESIZE;
            int64_t coin = (int64_t)(next_rand(&x) % 2);
            int64_t a = kind == HV_VDISK_SET_SPARSE || kind == HV_VDISK_EXPORT ? coin
                      : kind == HV_VDISK_RESIZE ? SIM_GiB + size * 3 : nm;
            at(e, t, kind, a, kind == HV_VDISK_SET_SPARSE ? 1 : size,
               1 + (int64_t)(next_rand(&x) % 5000));
        }
        sim_engine_run(e);
        assert_true(w.checked > 200);
        assert_int_equal(w.broken, 0);
        sim_engine_free(e);
    }
}

static void test_vdisk_space_accounting_keeps_its_invariants(void **st)
{
    (void)st;
    hv_vspace s = hv_vspace_fresh(10 * SIM_GiB);
    assert_int_equal(hv_vspace_write(&s, 5 * SIM_GiB, 1.0, SIM_TiB), 5 * SIM_GiB);
    assert_int_equal(hv_vspace_free(&s, 4 * SIM_GiB, 1, 0), 0);
    assert_int_equal(s.kept_bytes, 4 * SIM_GiB);
    /* half reused, half new */
    assert_int_equal(hv_vspace_write(&s, 2 * SIM_GiB, 0.5, SIM_TiB), SIM_GiB);
    assert_int_equal(s.kept_bytes, 3 * SIM_GiB);
    /* at the virtual size, ext4 must reuse even with reuse = 0 */
    int64_t alloc = hv_vspace_alloc(&s);
    assert_int_equal(hv_vspace_write(&s, 2 * SIM_GiB, 0.0, alloc + SIM_GiB), SIM_GiB);
    assert_int_equal(hv_vspace_alloc(&s), alloc + SIM_GiB);
    assert_int_equal(hv_vspace_free(&s, SIM_GiB, 0, 0), 0);
    assert_int_equal(hv_vspace_trim(&s, 1), SIM_GiB);   /* sparse: given back */
    assert_int_equal(hv_vspace_compact(&s), 2 * SIM_GiB);
    assert_true(hv_vspace_check(&s));
    assert_int_equal(s.written_bytes - s.freed_bytes, s.used_bytes);
    assert_int_equal(hv_vspace_file_bytes(&s, SIM_MiB, 0) % SIM_MiB, 0);
    assert_true(hv_vspace_file_bytes(&s, SIM_MiB, 0) >= s.used_bytes);
}

static void test_vdisk_transfer_time_is_exact_and_does_not_overflow(void **st)
{
    (void)st;
    assert_int_equal(hv_vdisk_xfer_ns(1900 * SIM_MB, 1900 * SIM_MB), SIM_S);
    assert_int_equal(hv_vdisk_xfer_ns(950 * SIM_MB, 1900 * SIM_MB), SIM_S / 2);
    assert_int_equal(hv_vdisk_xfer_ns(0, SIM_GB), 0);
    /* 64 TiB at the fastest allowed rate: about 2 h, no overflow */
    int64_t t = hv_vdisk_xfer_ns(64 * SIM_TiB, 9 * SIM_GB);
    assert_true(t > 7800 * SIM_S && t < 7830 * SIM_S);
    assert_int_equal(hv_vdisk_xfer_ns(64 * SIM_TiB - 1, 9 * SIM_GB - 1) > 0, 1);
}

/* Golden fingerprint: the bloat-and-compact sequence, the vdisk model alone.
 * If a change is intended, check the trace and update the constant. */
static void test_vdisk_bloat_and_compact_sequence_has_its_golden_fingerprint(void **st)
{
    (void)st;
    sim_engine *e = disk();
    sim_engine_start(e);
    at(e, 0, HV_VDISK_VM_START, 0, 0, 0);
    at(e, SIM_S, HV_VDISK_WRITE, path(e, "~/proj/node_modules"), 20 * SIM_GiB, 200000);
    at(e, 30 * SIM_S, HV_VDISK_DELETE, path(e, "~/proj/node_modules"), 0, 0);
    at(e, 40 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    at(e, 45 * SIM_S, HV_VDISK_VM_STOP, 0, 0, 0);
    at(e, 50 * SIM_S, HV_VDISK_COMPACT, 0, 0, 0);
    at(e, 90 * SIM_S, HV_VDISK_EXPORT, HV_VDISK_FMT_TAR, 0, 0);
    at(e, 200 * SIM_S, HV_VDISK_UNREGISTER, 0, 0, 0);
    sim_engine_run(e);
    if (sim_engine_fingerprint(e) != VD_GOLDEN)
        print_error("fingerprint %016llx\n", (unsigned long long)sim_engine_fingerprint(e));
    assert_true(sim_engine_fingerprint(e) == VD_GOLDEN);
    sim_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vdisk_starts_with_the_installed_distro_and_a_file_just_larger),
        cmocka_unit_test(test_vdisk_write_grows_the_file_and_delete_leaves_it_bloated),
        cmocka_unit_test(test_vdisk_compaction_is_refused_while_the_vm_runs_and_works_once_stopped),
        cmocka_unit_test(test_vdisk_without_discard_compaction_keeps_untrimmed_blocks_until_fstrim),
        cmocka_unit_test(test_vdisk_set_sparse_needs_allow_unsafe_and_the_vm_stopped),
        cmocka_unit_test(test_vdisk_sparse_does_not_shrink_an_old_bloat_but_later_deletes_do),
        cmocka_unit_test(test_vdisk_a_disk_sparse_from_the_start_gives_deletes_back),
        cmocka_unit_test(test_vdisk_unregister_loses_what_no_export_holds),
        cmocka_unit_test(test_vdisk_tar_export_time_follows_the_bytes_in_use_not_the_file),
        cmocka_unit_test(test_vdisk_a_full_windows_drive_stops_the_write),
        cmocka_unit_test(test_vdisk_ext4_fills_at_the_virtual_size),
        cmocka_unit_test(test_vdisk_a_vm_stop_interrupts_a_running_write),
        cmocka_unit_test(test_vdisk_operations_asked_at_once_run_one_after_another),
        cmocka_unit_test(test_vdisk_conserves_bytes_under_random_operations),
        cmocka_unit_test(test_vdisk_space_accounting_keeps_its_invariants),
        cmocka_unit_test(test_vdisk_transfer_time_is_exact_and_does_not_overflow),
        cmocka_unit_test(test_vdisk_bloat_and_compact_sequence_has_its_golden_fingerprint),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
