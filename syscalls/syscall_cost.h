/* syscall_cost.h: what a system call costs on each path, by class and by the
 * place its file lives.
 *
 * Paths: native Linux (straight into the kernel); WSL2 (the guest kernel
 * handles the call; only I/O that leaves the VM pays a VM exit and a VMBus
 * or 9P round trip); WSL1 (trap into the NT kernel, intercept in lxcore,
 * translate, execute on NT, map the result back); and a Windows process
 * (used for \\wsl$: Windows reading Linux files over the same 9P channel the
 * other way).
 *
 * File places (hv_fs): native ext4; ext4 inside WSL2's .vhdx; WSL2 /mnt/c
 * over 9P to NTFS; \\wsl$; WSL1 VolFs (Linux files on NTFS with Linux
 * metadata emulated in extended attributes); WSL1 DrvFs (/mnt/c straight on
 * NTFS); NTFS for a Windows process.  hv_fs_for maps a workload's place
 * (syscalls.h) to the physical place on a path, honouring --fs.
 *
 * The model of one batch of `calls` calls of one class that together move
 * `bytes` in `chunks` 9P-sized messages: every cost is a base per call plus
 * bytes / throughput, plus one round trip per message on 9P.  The result is
 * split by stage, so the path model can show each stage as its own event
 * and the compare command can add them up.  Every number is a field of
 * hv_cost_table, listed once in HV_COST_FIELDS with its unit, default and
 * calibration key (docs/calibration.md); the "sys" model exposes them all as
 * parameters.  Integer nanoseconds throughout; the only double is the
 * page-cache miss ratio, rounded to whole messages.
 *
 * Plain data and pure functions: no state, no allocation, nothing printed. */
#ifndef HVSIM_MODELS_SYSCALL_COST_H
#define HVSIM_MODELS_SYSCALL_COST_H

#include <stddef.h>
#include <stdint.h>

#include "syscalls.h"
#include "value.h"

typedef enum hv_path {
    HV_PATH_NATIVE,  /* Linux on bare metal, its own ext4 */
    HV_PATH_WSL2,    /* the utility VM's guest kernel */
    HV_PATH_WSL1,    /* lxcore: Linux calls translated to NT */
    HV_PATH_WINDOWS, /* a Win32 process (\\wsl$ and NTFS) */
    HV_PATH_COUNT
} hv_path;

typedef enum hv_fs {
    HV_FS_NONE,     /* not a file: pipes, sockets, memory, processes */
    HV_FS_EXT4,     /* native ext4 */
    HV_FS_VHDX,     /* ext4 inside WSL2's ext4.vhdx */
    HV_FS_9P,       /* WSL2 /mnt/c: 9P client -> VM boundary -> 9P server -> NTFS */
    HV_FS_WSLSHARE, /* \\wsl$: Windows -> VM boundary -> 9P server in the guest -> ext4 */
    HV_FS_VOLFS,    /* WSL1's own file system: NTFS + Linux metadata in EAs */
    HV_FS_DRVFS,    /* WSL1 /mnt/c: NTFS directly */
    HV_FS_NTFS,     /* a Windows process on NTFS */
    HV_FS_COUNT
} hv_fs;

typedef enum hv_stage {
    HV_STAGE_SYSCALL,   /* native: the Linux kernel does the whole call */
    HV_STAGE_GUEST,     /* WSL2: the guest kernel (ext4, v9fs client, pipes ...) */
    HV_STAGE_VMBUS,     /* a VM exit and a VMBus / 9P round trip per message */
    HV_STAGE_HOST,      /* the far side: 9P server's NTFS work, or the host's disk */
    HV_STAGE_TRAP,      /* WSL1: the syscall instruction lands in the NT kernel */
    HV_STAGE_INTERCEPT, /* WSL1: lxcore (the pico provider) takes the call */
    HV_STAGE_TRANSLATE, /* WSL1: Linux semantics -> NT calls (paths, flags, fds) */
    HV_STAGE_NT,        /* WSL1: the NT kernel executes (NTFS, memory, processes) */
    HV_STAGE_MAPBACK,   /* WSL1: NT status and data mapped back to Linux */
    HV_STAGE_WIN_IO,    /* Windows process: NT syscall and I/O manager (+ NTFS) */
    HV_STAGE_COUNT
} hv_stage;

/* X(field, parameter name, type, default, unit, doc, calibration key); type is a sim_type;
 * throughputs are SIM_T_BYTES in bytes per second; message counts SIM_T_COUNT. */
#define HV_COST_FIELDS(X)                                                                          \
    X(linux_trivial_ns, "linux_trivial", SIM_T_DURATION, 55, "ns",                                 \
      "trivial call (getpid): entry, work, return", "sys.linux_trivial")                           \
    X(linux_rw_ns, "linux_rw", SIM_T_DURATION, 250, "ns",                                          \
      "read/write on a cached file, besides the copy", "sys.linux_rw")                             \
    X(linux_copy_bps, "linux_copy_rate", SIM_T_BYTES, 1900000000, "bytes/s",                       \
      "page-cache copy throughput", "sys.linux_copy")                                              \
    X(linux_open_ns, "linux_open", SIM_T_DURATION, 1500, "ns",                                     \
      "open/openat on ext4 (path walk, file)", "sys.linux_open")                                   \
    X(linux_close_ns, "linux_close", SIM_T_DURATION, 250, "ns",                                    \
      "close", "sys.linux_close")                                                                  \
    X(linux_stat_ns, "linux_stat", SIM_T_DURATION, 1700, "ns",                                     \
      "stat family on ext4", "sys.linux_stat")                                                     \
    X(linux_dir_ns, "linux_dir", SIM_T_DURATION, 3000, "ns",                                       \
      "getdents64 call on ext4 (a buffer of entries)", "sys.linux_dir")                            \
    X(linux_mem_ns, "linux_mem", SIM_T_DURATION, 800, "ns",                                        \
      "mmap/munmap/mprotect/brk", "sys.linux_mem")                                                 \
    X(linux_proc_ns, "linux_proc", SIM_T_DURATION, 18600, "ns",                                    \
      "fork/clone/execve/wait (average call)", "sys.linux_proc")                                   \
    X(linux_ipc_ns, "linux_ipc", SIM_T_DURATION, 1500, "ns",                                       \
      "pipe/socket/poll call", "sys.linux_ipc")                                                    \
    X(linux_futex_ns, "linux_futex", SIM_T_DURATION, 350, "ns",                                    \
      "futex call", "sys.linux_futex")                                                             \
    X(linux_meta_ns, "linux_meta", SIM_T_DURATION, 1800, "ns",                                     \
      "chmod/chown/utimensat on ext4", "sys.linux_meta")                                           \
    X(linux_name_ns, "linux_name", SIM_T_DURATION, 6000, "ns",                                     \
      "unlink/rename/mkdir on ext4", "sys.linux_name")                                             \
    X(linux_ns_ns, "linux_ns", SIM_T_DURATION, 25000, "ns",                                        \
      "unshare/setns/mount", "sys.linux_ns")                                                       \
    X(linux_other_ns, "linux_other", SIM_T_DURATION, 150, "ns",                                    \
      "ioctl/fcntl/lseek/dup ...", "sys.linux_other")                                              \
    X(disk_latency_ns, "disk_latency", SIM_T_DURATION, 80000, "ns",                                \
      "a page-cache miss read from the SSD", "sys.disk_latency")                                   \
    X(disk_bps, "disk_rate", SIM_T_BYTES, 2000000000, "bytes/s",                                   \
      "SSD read throughput", "sys.disk_bps")                                                       \
    X(wsl2_wakeup_ns, "wsl2_wakeup", SIM_T_DURATION, 1300, "ns",                                   \
      "extra per pipe/socket call in the VM (cross-vCPU wakeups exit)", "sys.wsl2_wakeup")         \
    X(vmbus_rtt_ns, "vmbus_rtt", SIM_T_DURATION, 30000, "ns",                                      \
      "VM exit + VMBus storage request + completion interrupt", "sys.vmbus_rtt")                   \
    X(p9_rtt_ns, "p9_rtt", SIM_T_DURATION, 200000, "ns",                                           \
      "one 9P request/response across the VM boundary", "sys.p9_rtt")                              \
    X(p9_client_ns, "p9_client", SIM_T_DURATION, 1000, "ns",                                       \
      "v9fs client work in the guest per call", "sys.p9_client")                                   \
    X(p9_msgs_open, "p9_msgs_open", SIM_T_COUNT, 2, "",                                            \
      "9P messages per open (walk, lopen)", "sys.p9_msgs")                                         \
    X(p9_msgs_close, "p9_msgs_close", SIM_T_COUNT, 1, "",                                          \
      "9P messages per close (clunk)", "sys.p9_msgs")                                              \
    X(p9_msgs_stat, "p9_msgs_stat", SIM_T_COUNT, 3, "",                                            \
      "9P messages per stat (walk, getattr, clunk)", "sys.p9_msgs")                                \
    X(p9_msgs_dir, "p9_msgs_dir", SIM_T_COUNT, 1, "",                                              \
      "9P messages per getdents64 (readdir)", "sys.p9_msgs")                                       \
    X(p9_msgs_meta, "p9_msgs_meta", SIM_T_COUNT, 2, "",                                            \
      "9P messages per chmod/utimensat (walk+setattr)", "sys.p9_msgs")                             \
    X(p9_msgs_name, "p9_msgs_name", SIM_T_COUNT, 2, "",                                            \
      "9P messages per unlink/rename/mkdir", "sys.p9_msgs")                                        \
    X(wsl1_trap_ns, "wsl1_trap", SIM_T_DURATION, 200, "ns",                                        \
      "syscall lands in NT, dispatched to the pico provider", "sys.wsl1_trap")                     \
    X(wsl1_intercept_ns, "wsl1_intercept", SIM_T_DURATION, 150, "ns",                              \
      "lxcore decodes the call, finds the fd", "sys.wsl1_intercept")                               \
    X(wsl1_translate_ns, "wsl1_translate", SIM_T_DURATION, 100, "ns",                              \
      "translate a call without a path", "sys.wsl1_translate")                                     \
    X(wsl1_translate_path_ns, "wsl1_translate_path", SIM_T_DURATION, 1000, "ns",                   \
      "translate a file call: Linux path -> NT path, flags, modes", "sys.wsl1_translate_path")     \
    X(wsl1_mapback_ns, "wsl1_mapback", SIM_T_DURATION, 150, "ns",                                  \
      "NT status and data mapped back to Linux", "sys.wsl1_mapback")                               \
    X(wsl1_trivial_ns, "wsl1_trivial", SIM_T_DURATION, 100, "ns",                                  \
      "lxcore's own work for a trivial call", "sys.wsl1_trivial")                                  \
    X(wsl1_mem_ns, "wsl1_mem", SIM_T_DURATION, 3000, "ns",                                         \
      "mmap & co. as NT section/VAD operations", "sys.wsl1_mem")                                   \
    X(wsl1_proc_ns, "wsl1_proc", SIM_T_DURATION, 250000, "ns",                                     \
      "fork/clone/execve as NT pico processes", "sys.wsl1_proc")                                   \
    X(wsl1_ipc_ns, "wsl1_ipc", SIM_T_DURATION, 3500, "ns",                                         \
      "pipes/sockets emulated by lxcore + NT waits", "sys.wsl1_ipc")                               \
    X(wsl1_futex_ns, "wsl1_futex", SIM_T_DURATION, 1500, "ns",                                     \
      "futex emulated by lxcore", "sys.wsl1_futex")                                                \
    X(wsl1_other_ns, "wsl1_other", SIM_T_DURATION, 400, "ns",                                      \
      "ioctl/fcntl/lseek ... in lxcore", "sys.wsl1_other")                                         \
    X(ntfs_open_ns, "ntfs_open", SIM_T_DURATION, 40000, "ns",                                      \
      "NtCreateFile on NTFS (filters included)", "sys.ntfs_open")                                  \
    X(ntfs_close_ns, "ntfs_close", SIM_T_DURATION, 7000, "ns",                                     \
      "NtClose: cleanup + close IRPs", "sys.ntfs_close")                                           \
    X(ntfs_stat_ns, "ntfs_stat", SIM_T_DURATION, 47000, "ns",                                      \
      "query attributes by path (open/query/close)", "sys.ntfs_stat")                              \
    X(ntfs_dir_ns, "ntfs_dir", SIM_T_DURATION, 25000, "ns",                                        \
      "NtQueryDirectoryFile, one buffer", "sys.ntfs_dir")                                          \
    X(ntfs_meta_ns, "ntfs_meta", SIM_T_DURATION, 47000, "ns",                                      \
      "set attributes/times by path", "sys.ntfs_meta")                                             \
    X(ntfs_name_ns, "ntfs_name", SIM_T_DURATION, 250000, "ns",                                     \
      "create/delete/rename a directory entry", "sys.ntfs_name")                                   \
    X(ntfs_rw_ns, "ntfs_rw", SIM_T_DURATION, 4000, "ns",                                           \
      "NtReadFile/NtWriteFile base", "sys.ntfs_rw")                                                \
    X(ntfs_read_bps, "ntfs_read_rate", SIM_T_BYTES, 1500000000, "bytes/s",                         \
      "cached NTFS read throughput", "sys.ntfs_read_bps")                                          \
    X(ntfs_write_bps, "ntfs_write_rate", SIM_T_BYTES, 450000000, "bytes/s",                        \
      "NTFS write throughput", "sys.ntfs_write_bps")                                               \
    X(volfs_ea_ns, "volfs_ea", SIM_T_DURATION, 10000, "ns",                                        \
      "VolFs: read/write the Linux metadata EA per metadata call", "sys.volfs_ea")                 \
    X(drvfs_map_ns, "drvfs_map", SIM_T_DURATION, 2000, "ns",                                       \
      "DrvFs: case and permission mapping per call", "sys.drvfs_map")                              \
    X(win_entry_ns, "win_entry", SIM_T_DURATION, 1000, "ns",                                       \
      "a Windows process's NT call and I/O manager", "sys.win_entry")

typedef struct hv_cost_table {
#define HV_COST_FIELD_DECL(f, nm, t, d, u, doc, src) int64_t f;
    HV_COST_FIELDS(HV_COST_FIELD_DECL)
#undef HV_COST_FIELD_DECL
    double page_cache_miss; /* share of read messages that miss the page cache, 0..1 */
} hv_cost_table;

/* The defaults (page_cache_miss 0: warm caches, as the traces were recorded). */
void hv_cost_defaults(hv_cost_table *t);

/* One batch priced, by stage. */
typedef struct hv_cost_split {
    int64_t stage_ns[HV_STAGE_COUNT];
    int64_t total_ns;
    int64_t messages;  /* 9P / VMBus round trips crossing the VM boundary, count */
    int64_t inexact;   /* calls whose Linux semantics this place cannot keep, count */
    int fails;         /* 1: WSL1 cannot run this class (namespaces): the calls fail */
} hv_cost_split;

/* Prices `calls` calls of class c on `path` against place fs, moving `bytes`
 * in `chunks` messages (chunks as in hv_workload; 0 means one per call). */
void hv_cost_price(const hv_cost_table *t, hv_path path, hv_fs fs, hv_sys_class c,
                   int64_t calls, int64_t bytes, int64_t chunks, hv_cost_split *out);

/* Where a call of class c whose file is at `place` lands on `path`.
 * files_on_windows: 0 = the workload's own files on the path's Linux file
 * system (--fs ext4), 1 = on the Windows drive (--fs /mnt/c).  Non-file
 * classes give HV_FS_NONE; system files never move. */
hv_fs hv_fs_for(hv_path path, hv_place place, hv_sys_class c, int files_on_windows);

/* The stages of a path, in order (static storage). */
size_t hv_path_stages(hv_path p, const hv_stage **out);

const char *hv_path_name(hv_path p);   /* "native", "wsl2", "wsl1", "windows" */
const char *hv_stage_name(hv_stage s); /* "syscall", "guest_kernel", ... */
const char *hv_stage_doc(hv_stage s);  /* one line: what happens there */

/* Semantics of a file place as a Linux program sees them. */
typedef struct hv_fs_info {
    const char *name;       /* "ext4", "vhdx", "9p", "wslshare", "volfs", "drvfs", "ntfs" */
    const char *where;      /* one line: what it is */
    int case_sensitive;     /* 1: Makefile and makefile are two files */
    int unix_permissions;   /* 1: chmod/chown are stored exactly */
    int symlinks;           /* 1: Linux symlinks work */
    int hard_links;         /* 1: link() works */
    const char *inexact;    /* what Linux programs see differently, or NULL */
} hv_fs_info;
const hv_fs_info *hv_fs_describe(hv_fs fs);

/* Aggregate of a whole workload on one path: per class and in total. */
typedef struct hv_price {
    int64_t class_ns[HV_SYS_CLASS_COUNT];
    int64_t class_calls[HV_SYS_CLASS_COUNT];
    int64_t stage_ns[HV_STAGE_COUNT];
    int64_t total_ns;
    int64_t messages;                   /* count */
    int64_t inexact;                    /* count */
    int64_t fs_ns[HV_FS_COUNT];         /* time by place */
    int fails;                          /* the workload hits a call this path cannot run */
} hv_price;
struct hv_workload;
void hv_cost_price_workload(const hv_cost_table *t, const struct hv_workload *w, hv_path path,
                            int files_on_windows, hv_price *out);

#endif
