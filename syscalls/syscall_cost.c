/* syscall_cost.c: the cost table and how a batch of calls is priced on each
 * path (see syscall_cost.h).
 *
 * Model, per call of class c on path P against place fs:
 *   native   syscall   = Linux cost of c (ext4 for files) + bytes / copy rate
 *                        (+ page-cache misses: disk latency + bytes / disk rate)
 *   wsl2     guest     = the same Linux cost in the guest kernel; pipes and
 *                        sockets add a wake-up exit; on 9P only the v9fs
 *                        client's work stays here
 *            vmbus     = 9P: one round trip per message (per-class message
 *                        counts; read/write: one per 64 KiB chunk); ext4 in
 *                        the .vhdx: one VMBus request per page-cache miss
 *            host      = 9P: the server's NTFS work; .vhdx: the host's disk
 *   wsl1     trap + intercept + translate (path calls dearer) + NT (NTFS
 *            work, + the VolFs metadata EA or the DrvFs mapping; lxcore's
 *            own emulation for non-file calls) + map back.  Namespace calls
 *            fail: trap, intercept, map back only.
 *   windows  win_io    = NT call (+ NTFS work for NTFS files); \\wsl$ goes
 *            over 9P into the guest: vmbus round trips + the guest's ext4.
 * Simplified: every call of a class costs the same (no per-size curves
 * besides the bytes term, no contention, no cache warm-up); stat and fstat
 * share one class and therefore one 9P message count.  Numbers and their
 * sources: HV_COST_FIELDS, docs/calibration.md, docs/syscall-paths.md. */
#include "syscall_cost.h"

#include <math.h>
#include <string.h>

#include "workload.h"

void hv_cost_defaults(hv_cost_table *t)
{
    memset(t, 0, sizeof *t);
#define HV_COST_FIELD_DEF(f, nm, ty, d, u, doc, src) t->f = (int64_t)(d);
    HV_COST_FIELDS(HV_COST_FIELD_DEF)
#undef HV_COST_FIELD_DEF
    t->page_cache_miss = 0.0;
}

/* bytes * 1e9 / bps without overflow; bps <= 0 means free. */
static int64_t transfer_ns(int64_t bytes, int64_t bps)
{
    if (bytes <= 0 || bps <= 0) return 0;
    __extension__ typedef __int128 wide;
    return (int64_t)(((wide)bytes * 1000000000 + bps - 1) / bps);
}

/* Calls whose translation involves a path (lookup, create, attributes). */
static int is_path_class(hv_sys_class c)
{
    return c == HV_SYS_OPEN || c == HV_SYS_STAT || c == HV_SYS_META || c == HV_SYS_NAME;
}

static int is_rw(hv_sys_class c) { return c == HV_SYS_READ || c == HV_SYS_WRITE; }

static int64_t linux_ns(const hv_cost_table *t, hv_sys_class c)
{
    switch (c) {
    case HV_SYS_TRIVIAL: return t->linux_trivial_ns;
    case HV_SYS_READ: case HV_SYS_WRITE: return t->linux_rw_ns;
    case HV_SYS_OPEN: return t->linux_open_ns;
    case HV_SYS_CLOSE: return t->linux_close_ns;
    case HV_SYS_STAT: return t->linux_stat_ns;
    case HV_SYS_DIR: return t->linux_dir_ns;
    case HV_SYS_MEM: return t->linux_mem_ns;
    case HV_SYS_PROC: return t->linux_proc_ns;
    case HV_SYS_IPC: return t->linux_ipc_ns;
    case HV_SYS_FUTEX: return t->linux_futex_ns;
    case HV_SYS_META: return t->linux_meta_ns;
    case HV_SYS_NAME: return t->linux_name_ns;
    case HV_SYS_NS: return t->linux_ns_ns;
    default: return t->linux_other_ns;
    }
}

static int64_t ntfs_ns(const hv_cost_table *t, hv_sys_class c)
{
    switch (c) {
    case HV_SYS_OPEN: return t->ntfs_open_ns;
    case HV_SYS_CLOSE: return t->ntfs_close_ns;
    case HV_SYS_STAT: return t->ntfs_stat_ns;
    case HV_SYS_DIR: return t->ntfs_dir_ns;
    case HV_SYS_META: return t->ntfs_meta_ns;
    case HV_SYS_NAME: return t->ntfs_name_ns;
    default: return t->ntfs_rw_ns;
    }
}

static int64_t ntfs_bytes_ns(const hv_cost_table *t, hv_sys_class c, int64_t bytes)
{
    if (c == HV_SYS_READ) return transfer_ns(bytes, t->ntfs_read_bps);
    if (c == HV_SYS_WRITE) return transfer_ns(bytes, t->ntfs_write_bps);
    return 0;
}

static int64_t p9_msgs(const hv_cost_table *t, hv_sys_class c)
{
    switch (c) {
    case HV_SYS_OPEN: return t->p9_msgs_open;
    case HV_SYS_CLOSE: return t->p9_msgs_close;
    case HV_SYS_STAT: return t->p9_msgs_stat;
    case HV_SYS_DIR: return t->p9_msgs_dir;
    case HV_SYS_META: return t->p9_msgs_meta;
    case HV_SYS_NAME: return t->p9_msgs_name;
    default: return 1;
    }
}

/* lxcore's own work for a call that touches no file. */
static int64_t wsl1_nonfile_ns(const hv_cost_table *t, hv_sys_class c)
{
    switch (c) {
    case HV_SYS_TRIVIAL: return t->wsl1_trivial_ns;
    case HV_SYS_MEM: return t->wsl1_mem_ns;
    case HV_SYS_PROC: return t->wsl1_proc_ns;
    case HV_SYS_READ: case HV_SYS_WRITE: case HV_SYS_IPC: return t->wsl1_ipc_ns;
    case HV_SYS_FUTEX: return t->wsl1_futex_ns;
    default: return t->wsl1_other_ns;
    }
}

hv_fs hv_fs_for(hv_path path, hv_place place, hv_sys_class c, int files_on_windows)
{
    if (!hv_sys_is_file_class(c) || place == HV_PLACE_NONE) return HV_FS_NONE;
    int windows = place == HV_PLACE_WINDOWS || (place == HV_PLACE_OWN && files_on_windows);
    switch (path) {
    case HV_PATH_NATIVE: return HV_FS_EXT4; /* the baseline: always its own ext4 */
    case HV_PATH_WSL2: return windows ? HV_FS_9P : HV_FS_VHDX;
    case HV_PATH_WSL1: return windows ? HV_FS_DRVFS : HV_FS_VOLFS;
    default: return (windows || place == HV_PLACE_SYSTEM) ? HV_FS_NTFS : HV_FS_WSLSHARE;
    }
}

/* Page-cache misses of a read batch: whole messages, and their bytes. */
static void misses(const hv_cost_table *t, hv_sys_class c, int64_t msgs, int64_t bytes,
                   int64_t *missed, int64_t *missed_bytes)
{
    *missed = *missed_bytes = 0;
    if (c != HV_SYS_READ || t->page_cache_miss <= 0.0 || msgs <= 0) return;
    *missed = (int64_t)llround(t->page_cache_miss * (double)msgs);
    if (*missed > msgs) *missed = msgs;
    __extension__ typedef __int128 wide;
    *missed_bytes = (int64_t)((wide)bytes * *missed / msgs);
}

static void price_native(const hv_cost_table *t, hv_sys_class c, int64_t n, int64_t bytes,
                         int64_t msgs, hv_cost_split *o)
{
    int64_t missed, missed_bytes;
    misses(t, c, msgs, bytes, &missed, &missed_bytes);
    o->stage_ns[HV_STAGE_SYSCALL] = n * linux_ns(t, c) + transfer_ns(bytes, t->linux_copy_bps) +
                                    missed * t->disk_latency_ns +
                                    transfer_ns(missed_bytes, t->disk_bps);
}

static void price_wsl2(const hv_cost_table *t, hv_fs fs, hv_sys_class c, int64_t n,
                       int64_t bytes, int64_t msgs, hv_cost_split *o)
{
    if (fs == HV_FS_9P) {
        int64_t m = is_rw(c) ? msgs : n * p9_msgs(t, c);
        o->stage_ns[HV_STAGE_GUEST] = n * (t->linux_trivial_ns + t->p9_client_ns);
        o->stage_ns[HV_STAGE_VMBUS] = m * t->p9_rtt_ns;
        o->stage_ns[HV_STAGE_HOST] = n * ntfs_ns(t, c) + ntfs_bytes_ns(t, c, bytes);
        o->messages = m;
        if (c == HV_SYS_META) o->inexact = n;
        return;
    }
    int wakes = c == HV_SYS_IPC || (is_rw(c) && fs == HV_FS_NONE);
    int64_t missed, missed_bytes;
    misses(t, c, fs == HV_FS_VHDX ? msgs : 0, bytes, &missed, &missed_bytes);
    o->stage_ns[HV_STAGE_GUEST] = n * (linux_ns(t, c) + (wakes ? t->wsl2_wakeup_ns : 0)) +
                                  transfer_ns(bytes, t->linux_copy_bps);
    o->stage_ns[HV_STAGE_VMBUS] = missed * t->vmbus_rtt_ns;
    o->stage_ns[HV_STAGE_HOST] =
        missed * t->disk_latency_ns + transfer_ns(missed_bytes, t->disk_bps);
    o->messages = missed;
}

static void price_wsl1(const hv_cost_table *t, hv_fs fs, hv_sys_class c, int64_t n,
                       int64_t bytes, hv_cost_split *o)
{
    o->stage_ns[HV_STAGE_TRAP] = n * t->wsl1_trap_ns;
    o->stage_ns[HV_STAGE_INTERCEPT] = n * t->wsl1_intercept_ns;
    o->stage_ns[HV_STAGE_MAPBACK] = n * t->wsl1_mapback_ns;
    if (c == HV_SYS_NS) { /* no translation exists: lxcore fails the call */
        o->fails = 1;
        return;
    }
    int on_ntfs = fs == HV_FS_VOLFS || fs == HV_FS_DRVFS;
    int with_path = on_ntfs && is_path_class(c);
    o->stage_ns[HV_STAGE_TRANSLATE] =
        n * (with_path ? t->wsl1_translate_path_ns : t->wsl1_translate_ns);
    if (!on_ntfs) {
        o->stage_ns[HV_STAGE_NT] =
            n * wsl1_nonfile_ns(t, c) + transfer_ns(bytes, t->linux_copy_bps);
        return;
    }
    int metadata = is_path_class(c) || c == HV_SYS_DIR;
    int64_t extra = !metadata ? 0 : fs == HV_FS_VOLFS ? t->volfs_ea_ns : t->drvfs_map_ns;
    o->stage_ns[HV_STAGE_NT] = n * (ntfs_ns(t, c) + extra) + ntfs_bytes_ns(t, c, bytes);
    if (fs == HV_FS_DRVFS && c == HV_SYS_META) o->inexact = n;
}

static void price_windows(const hv_cost_table *t, hv_fs fs, hv_sys_class c, int64_t n,
                          int64_t bytes, int64_t msgs, hv_cost_split *o)
{
    o->stage_ns[HV_STAGE_WIN_IO] = n * t->win_entry_ns;
    if (fs == HV_FS_NTFS) {
        o->stage_ns[HV_STAGE_WIN_IO] += n * ntfs_ns(t, c) + ntfs_bytes_ns(t, c, bytes);
    } else if (fs == HV_FS_WSLSHARE) {
        int64_t m = is_rw(c) ? msgs : n * p9_msgs(t, c);
        o->stage_ns[HV_STAGE_VMBUS] = m * t->p9_rtt_ns;
        o->stage_ns[HV_STAGE_GUEST] = n * linux_ns(t, c) + transfer_ns(bytes, t->linux_copy_bps);
        o->messages = m;
        if (c == HV_SYS_META) o->inexact = n;
    }
}

void hv_cost_price(const hv_cost_table *t, hv_path path, hv_fs fs, hv_sys_class c,
                   int64_t calls, int64_t bytes, int64_t chunks, hv_cost_split *out)
{
    memset(out, 0, sizeof *out);
    if (calls <= 0) return;
    int64_t msgs = chunks > 0 ? chunks : calls;
    switch (path) {
    case HV_PATH_NATIVE: price_native(t, c, calls, bytes, msgs, out); break;
    case HV_PATH_WSL2: price_wsl2(t, fs, c, calls, bytes, msgs, out); break;
    case HV_PATH_WSL1: price_wsl1(t, fs, c, calls, bytes, out); break;
    default: price_windows(t, fs, c, calls, bytes, msgs, out); break;
    }
    for (int s = 0; s < HV_STAGE_COUNT; s++) out->total_ns += out->stage_ns[s];
}

void hv_cost_price_workload(const hv_cost_table *t, const hv_workload *w, hv_path path,
                            int files_on_windows, hv_price *out)
{
    memset(out, 0, sizeof *out);
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        for (int p = 0; p < HV_PLACE_COUNT; p++) {
            if (w->calls[c][p] <= 0) continue;
            hv_fs fs = hv_fs_for(path, (hv_place)p, (hv_sys_class)c, files_on_windows);
            hv_cost_split s;
            hv_cost_price(t, path, fs, (hv_sys_class)c, w->calls[c][p], w->bytes[c][p],
                          w->chunks[c][p], &s);
            out->class_ns[c] += s.total_ns;
            out->class_calls[c] += w->calls[c][p];
            for (int k = 0; k < HV_STAGE_COUNT; k++) out->stage_ns[k] += s.stage_ns[k];
            out->total_ns += s.total_ns;
            out->messages += s.messages;
            out->inexact += s.inexact;
            out->fs_ns[fs] += s.total_ns;
        }
    }
    if (path == HV_PATH_WSL1 && w->wsl1_blocker[0]) out->fails = 1;
}

static const hv_stage native_stages[] = {HV_STAGE_SYSCALL};
static const hv_stage wsl2_stages[] = {HV_STAGE_GUEST, HV_STAGE_VMBUS, HV_STAGE_HOST};
static const hv_stage wsl1_stages[] = {HV_STAGE_TRAP, HV_STAGE_INTERCEPT, HV_STAGE_TRANSLATE,
                                       HV_STAGE_NT, HV_STAGE_MAPBACK};
static const hv_stage windows_stages[] = {HV_STAGE_WIN_IO, HV_STAGE_VMBUS, HV_STAGE_GUEST};

size_t hv_path_stages(hv_path p, const hv_stage **out)
{
    switch (p) {
    case HV_PATH_NATIVE: *out = native_stages; return 1;
    case HV_PATH_WSL2: *out = wsl2_stages; return 3;
    case HV_PATH_WSL1: *out = wsl1_stages; return 5;
    default: *out = windows_stages; return 3;
    }
}

const char *hv_path_name(hv_path p)
{
    static const char *const names[] = {"native", "wsl2", "wsl1", "windows"};
    return (unsigned)p < HV_PATH_COUNT ? names[p] : "?";
}

static const struct {
    const char *name, *doc;
} stage_info[HV_STAGE_COUNT] = {
    {"syscall", "the Linux kernel handles the call directly"},
    {"guest_kernel", "the guest's Linux kernel handles the call (no VM exit)"},
    {"vmbus", "VM exit and a VMBus/9P round trip per message"},
    {"host", "the host side: the 9P server's NTFS work or the host disk"},
    {"trap", "the syscall instruction lands in the NT kernel"},
    {"intercept", "lxcore, the pico provider, takes the call"},
    {"translate", "Linux semantics translated to NT calls"},
    {"nt_execute", "the NT kernel executes: NTFS, memory manager, processes"},
    {"map_back", "the NT result mapped back to Linux errno and data"},
    {"win_io", "a Windows process's NT call through the I/O manager"},
};

const char *hv_stage_name(hv_stage s)
{
    return (unsigned)s < HV_STAGE_COUNT ? stage_info[s].name : "?";
}

const char *hv_stage_doc(hv_stage s)
{
    return (unsigned)s < HV_STAGE_COUNT ? stage_info[s].doc : "?";
}

static const hv_fs_info fs_info[HV_FS_COUNT] = {
    {"none", "not a file: pipes, sockets, memory, processes", 1, 1, 1, 1, NULL},
    {"ext4", "native Linux ext4", 1, 1, 1, 1, NULL},
    {"vhdx", "ext4 inside WSL2's ext4.vhdx (guest page cache; disk I/O over VMBus)", 1, 1, 1, 1,
     NULL},
    {"9p", "WSL2 /mnt/c: 9P (msize 64 KiB) to the Windows host, then NTFS", 0, 0, 1, 1,
     "case-insensitive by default; chmod/chown accepted but not stored (no metadata option)"},
    {"wslshare", "\\\\wsl$: Windows reads Linux files over 9P into the guest", 1, 0, 0, 1,
     "Windows apps see no Linux modes; absolute Linux symlinks do not resolve"},
    {"volfs", "WSL1's own files: NTFS with Linux metadata in extended attributes", 1, 1, 1, 1,
     "exact for Linux, but editing these files from Windows loses their Linux metadata"},
    {"drvfs", "WSL1 /mnt/c: NTFS directly", 0, 0, 1, 1,
     "case-insensitive by default; chmod/chown accepted but not stored (no metadata option)"},
    {"ntfs", "NTFS as a Windows process sees it", 0, 0, 1, 1, "no Linux modes at all"},
};

const hv_fs_info *hv_fs_describe(hv_fs fs)
{
    return (unsigned)fs < HV_FS_COUNT ? &fs_info[fs] : &fs_info[0];
}
