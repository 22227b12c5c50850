/* vdisk.c: the distro's ext4.vhdx (model "vdisk").
 *
 * WSL2 keeps a distro's whole Linux file system in one dynamically expanding
 * VHDX file on the Windows drive.  The guest writes: ext4 allocates blocks,
 * the vhdx grows by 1 MiB blocks, C: loses free space.  The guest deletes:
 * ext4 frees the blocks (and, mounted with `discard`, tells the vhdx), but a
 * non-sparse file keeps its size.  With the VM stopped, compaction
 * (`diskpart compact vdisk`, `Optimize-VHD`) drops the trimmed blocks; while
 * the VM runs the disk is attached read-write and compaction is refused.
 * Sparse mode gives trimmed blocks back as they are freed, but does not
 * shrink a disk bloated before it was turned on (#12103).  `wsl --export`
 * writes a tar of the bytes in use (or a copy of the vhdx), `--unregister`
 * deletes the vhdx and everything in it -- the model counts the bytes lost
 * that no export holds -- and `--import` builds a new, compact disk.
 *
 * Operations run one at a time in the order they were asked for, in
 * VD_STEPS slices so the file grows visibly; a refused one is an `error`
 * event and changes nothing.  This file holds the tables, the bookkeeping,
 * the queue and the VM's start and stop; the operations themselves are in
 * vdisk_ops.c, the byte accounting in vdisk_space.c.
 *
 * Simplified: one distro; a path is a directory written and deleted as a
 * unit; a file costs half an ext4 block of slack on average; trim and
 * set-sparse take no time; export and import do not start the VM (WSL would);
 * a check that fails at the start of an export or import fails the whole
 * operation at once.  Numbers: docs/virtual-disk.md and docs/calibration.md
 * (block size and sparse refusal from the WSL source, write throughput from
 * #5262, per-file cost from #9430, the rest estimates with their reasoning). */
#include "vdisk.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "stages.h"
#include "utility_vm.h"
#include "vdisk_int.h"

static const char *const vdisk_kinds[] = {
    "vm_start", "vm_stop",    "write",  "delete",     "trim",   "compact", "set_sparse",
    "resize",   "export",     "unregister", "import", "install", "step",  "error", "guest_write"};

const char *const vd_op_names[] = {"idle",   "idle",       "write",  "delete",  "trim",
                                   "compact", "set_sparse", "resize", "export",  "unregister",
                                   "import", "install",    NULL};
/* vd_op_names is indexed by event kind; the VM's start and stop never are ops,
 * so both read "idle" and the metric's enum prints sensibly. */

static const char *const error_names[] = {
    "none",      "vm_running", "vm_stopped", "no_such_path",       "too_many_paths",
    "disk_full", "drive_full", "unsafe",     "not_registered",     "already_registered",
    "no_export", "below_used", "queue_full", "interrupted",        NULL};

static const char *const format_names[] = {"tar", "vhd", NULL};

#define P_BYTES(nm, field, dflt, lo, hi, u, d, src)                                         \
    {.name = nm, .type = SIM_T_BYTES, .unit = u, .def = {.i = dflt}, .min = {.i = lo},        \
     .max = {.i = hi}, .offset = offsetof(vdisk_state, field), .doc = d, .source = src}
#define P_DUR(nm, field, dflt, d, src)                                                       \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = dflt}, .min = {.i = 0},   \
     .max = {.i = SIM_S}, .offset = offsetof(vdisk_state, field), .doc = d, .source = src}
#define P_BOOL(nm, field, dflt, d, src)                                                     \
    {.name = nm, .type = SIM_T_BOOL, .unit = "", .def = {.i = dflt}, .min = {.i = 0},         \
     .max = {.i = 1}, .offset = offsetof(vdisk_state, field), .doc = d, .source = src}

static const sim_param_def vdisk_params[] = {
    P_BYTES("max_size", max_size_bytes, SIM_TiB, SIM_GiB, 64 * SIM_TiB, "bytes",
            "virtual size of a new distro's disk (wsl --manage --resize changes it)",
            "vdisk.max_size"),
    P_BYTES("block", block_bytes, SIM_MiB, SIM_MiB, 256 * SIM_MiB, "bytes",
            "vhdx payload block: the file grows by whole blocks", "vdisk.block"),
    P_BYTES("overhead", overhead_bytes, 4 * SIM_MiB, 0, SIM_GiB, "bytes",
            "the vhdx's own headers, log, block allocation table and metadata",
            "vdisk.overhead"),
    P_BYTES("fs_block", fs_block_bytes, 4 * SIM_KiB, SIM_KiB, 64 * SIM_KiB, "bytes",
            "ext4 block: each file wastes half of one on average", "vdisk.fs_block"),
    P_BYTES("distro", distro_bytes, 1500 * SIM_MB, 0, 64 * SIM_TiB, "bytes",
            "the installed distro's files in use before the scenario writes anything",
            "vdisk.distro"),
    {.name = "distro_files", .type = SIM_T_COUNT, .unit = "", .def = {.i = 60000},
     .min = {.i = 0}, .max = {.i = 1000000000}, .offset = offsetof(vdisk_state, distro_files),
     .doc = "files of the installed distro", .source = "vdisk.distro_files"},
    P_BYTES("windows_drive_free", drive_free_start_bytes, 100 * SIM_GB, 0, 64 * SIM_TiB,
            "bytes", "free space on the Windows drive that holds the vhdx, at the start",
            "vdisk.windows_drive_free"),
    P_BYTES("write_rate", write_rate, 1900 * SIM_MB, SIM_MB, VD_MAX_RATE, "bytes/s",
            "guest writes into ext4 inside the vhdx, per second", "vdisk.write_rate"),
    P_DUR("file_create", file_create_ns, 53 * SIM_US, "per file created in ext4",
          "vdisk.file_create"),
    P_DUR("file_delete", file_delete_ns, 13 * SIM_US, "per file deleted in ext4",
          "vdisk.file_delete"),
    P_BYTES("host_disk_rate", host_disk_rate, 1000 * SIM_MB, SIM_MB, VD_MAX_RATE, "bytes/s",
            "sequential read or copy of the vhdx on the Windows drive, per second",
            "vdisk.host_disk_rate"),
    P_BYTES("export_rate", export_rate, 300 * SIM_MB, SIM_MB, VD_MAX_RATE, "bytes/s",
            "wsl --export: tar streamed out of the VM to the Windows drive, per second",
            "vdisk.export_rate"),
    P_DUR("export_file", export_file_ns, 20 * SIM_US, "per file put into the export tar",
          "vdisk.export_file"),
    P_BYTES("tar_header", tar_header_bytes, 512, 0, 64 * SIM_KiB, "bytes",
            "tar header per file in an export", "vdisk.tar_header"),
    {.name = "reuse", .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = 1.0},
     .min = {.r = 0.0}, .max = {.r = 1.0}, .offset = offsetof(vdisk_state, reuse),
     .doc = "share of new writes ext4 places in blocks it freed earlier",
     .source = "vdisk.reuse"},
    P_BOOL("discard", discard, 1,
           "ext4 is mounted with discard: freed blocks are trimmed at once", "vdisk.discard"),
    P_BOOL("sparse", sparse, 0,
           "the disk is sparse from the start (a new distro with sparseVhd=true)",
           "vdisk.sparse"),
};

static const sim_arg_def write_args[] = {
    {.name = "path", .type = SIM_T_STRING, .required = 1,
     .doc = "directory written as a unit (delete path= frees it)"},
    {.name = "size", .type = SIM_T_BYTES, .required = 1, .min = {.i = 0},
     .max = {.i = 64 * SIM_TiB}, .doc = "bytes of file data"},
    {.name = "files", .type = SIM_T_COUNT, .required = 0, .def = {.i = 1}, .min = {.i = 1},
     .max = {.i = 1000000000}, .doc = "how many files the data is in"},
};
static const sim_arg_def delete_args[] = {
    {.name = "path", .type = SIM_T_STRING, .required = 1, .doc = "a path written earlier"},
};
static const sim_arg_def sparse_args[] = {
    {.name = "on", .type = SIM_T_BOOL, .required = 0, .def = {.i = 1}, .min = {.i = 0},
     .max = {.i = 1}, .doc = "true: sparse, false: not"},
    {.name = "allow_unsafe", .type = SIM_T_BOOL, .required = 0, .def = {.i = 0},
     .min = {.i = 0}, .max = {.i = 1}, .doc = "--allow-unsafe (current builds need it)"},
};
static const sim_arg_def resize_args[] = {
    {.name = "size", .type = SIM_T_BYTES, .required = 1, .min = {.i = SIM_GiB},
     .max = {.i = 64 * SIM_TiB}, .doc = "new virtual size"},
};
static const sim_arg_def export_args[] = {
    {.name = "format", .type = SIM_T_ENUM, .required = 0, .def = {.i = HV_VDISK_FMT_TAR},
     .min = {.i = 0}, .max = {.i = 1}, .enum_names = format_names,
     .doc = "tar (the files in use) or vhd (a copy of the vhdx, free space and all)"},
};

static const sim_action_def vdisk_actions[] = {
    {.name = "write", .kind = HV_VDISK_WRITE, .args = write_args,
     .n_args = SIM_COUNTOF(write_args), .doc = "the guest writes files (needs the VM running)"},
    {.name = "delete", .kind = HV_VDISK_DELETE, .args = delete_args,
     .n_args = SIM_COUNTOF(delete_args), .doc = "the guest deletes what a write put at path"},
    {.name = "trim", .kind = HV_VDISK_TRIM, .doc = "sudo fstrim /: trim every untrimmed free block"},
    {.name = "compact", .kind = HV_VDISK_COMPACT,
     .doc = "diskpart compact vdisk / Optimize-VHD (needs the VM stopped)"},
    {.name = "set_sparse", .kind = HV_VDISK_SET_SPARSE, .args = sparse_args,
     .n_args = SIM_COUNTOF(sparse_args), .doc = "wsl --manage <distro> --set-sparse"},
    {.name = "resize", .kind = HV_VDISK_RESIZE, .args = resize_args,
     .n_args = SIM_COUNTOF(resize_args), .doc = "wsl --manage <distro> --resize"},
    {.name = "export", .kind = HV_VDISK_EXPORT, .args = export_args,
     .n_args = SIM_COUNTOF(export_args), .doc = "wsl --export (to the same Windows drive)"},
    {.name = "unregister", .kind = HV_VDISK_UNREGISTER,
     .doc = "wsl --unregister: the vhdx and everything in it are deleted"},
    {.name = "import", .kind = HV_VDISK_IMPORT,
     .doc = "wsl --import from the last export (a new disk)"},
    {.name = "install", .kind = HV_VDISK_INSTALL,
     .doc = "wsl --install: a fresh distro on a new disk (the download is not modelled)"},
};

#define M_BYTES(nm, field, d) \
    {.name = nm, .type = SIM_T_BYTES, .unit = "bytes", .offset = offsetof(vdisk_state, field), .doc = d}
#define M_COUNT(nm, field, d) \
    {.name = nm, .type = SIM_T_COUNT, .unit = "", .offset = offsetof(vdisk_state, field), .doc = d}
#define M_BOOL(nm, field, d) \
    {.name = nm, .type = SIM_T_BOOL, .unit = "", .offset = offsetof(vdisk_state, field), .doc = d}
static const sim_metric_def vdisk_metrics[] = {
    M_BYTES("used_bytes", used_bytes, "in use inside ext4 (df Used)"),
    M_BYTES("file_bytes", file_bytes, "the ext4.vhdx on the Windows drive (size on disk)"),
    M_BYTES("reclaimable_bytes", reclaimable_bytes, "trimmed free space compaction gives back"),
    M_BYTES("untrimmed_bytes", untrimmed_bytes, "free in ext4, never trimmed: stays in the file"),
    M_BYTES("drive_free_bytes", drive_free_bytes, "free space left on the Windows drive"),
    M_BYTES("written_bytes", written_bytes, "ever allocated inside ext4 on this disk"),
    M_BYTES("freed_bytes", freed_bytes, "ever freed inside ext4 on this disk"),
    M_COUNT("files", files, "files in ext4"),
    M_BOOL("attached", attached, "the disk is attached to the running VM"),
    M_BOOL("registered", registered, "the distro (and its vhdx) exists"),
    M_BOOL("sparse", sparse_on, "the vhdx is sparse now"),
    M_BYTES("max_bytes", max_bytes, "the disk's virtual size"),
    M_BYTES("export_bytes", export_bytes, "the last export on the Windows drive"),
    M_COUNT("exports", exports, "exports made"),
    M_BYTES("lost_bytes", lost_bytes, "data deleted by unregister that no export holds"),
    M_COUNT("errors", errors, "operations refused or cut short"),
    {.name = "last_error", .type = SIM_T_ENUM, .unit = "", .enum_names = error_names,
     .offset = offsetof(vdisk_state, last_error), .doc = "why the last one was"},
    {.name = "op", .type = SIM_T_ENUM, .unit = "", .enum_names = vd_op_names,
     .offset = offsetof(vdisk_state, op), .doc = "the operation running now"},
    M_COUNT("progress_pct", progress_pct, "how far the running operation is, percent"),
};

int64_t hv_vdisk_xfer_ns(int64_t bytes, int64_t rate_bytes_per_s)
{
    if (bytes <= 0 || rate_bytes_per_s <= 0) return 0;
    int64_t q = bytes / rate_bytes_per_s, r = bytes % rate_bytes_per_s;
    return q * SIM_S + r * SIM_S / rate_bytes_per_s;
}

/* --- bookkeeping --------------------------------------------------------- */

/* Recomputes the metrics from the accounting; the drive pays for any change
 * of the file's size. */
void vd_sync(vdisk_state *s)
{
    int64_t file = s->registered ? hv_vspace_file_bytes(&s->sp, s->block_bytes, s->overhead_bytes)
                                 : 0;
    s->drive_free_bytes -= file - s->file_bytes;
    s->file_bytes = file;
    s->used_bytes = s->sp.used_bytes;
    s->reclaimable_bytes = s->sp.kept_bytes;
    s->untrimmed_bytes = s->sp.stale_bytes;
    s->written_bytes = s->sp.written_bytes;
    s->freed_bytes = s->sp.freed_bytes;
    s->attached = s->vm_running && s->registered;
    int64_t files = 0;
    for (int64_t i = 0; i < s->n_paths; i++) files += s->paths[i].files;
    s->files = files;
}

const char *vd_path_name(sim_ctx *ctx, const vd_path *p)
{
    return p->name_id == VD_BASE_PATH ? "the distro's own files" : sim_string(ctx, p->name_id);
}

int64_t vd_find_path(sim_ctx *ctx, const vdisk_state *s, int64_t name_id)
{
    const char *name = sim_string(ctx, name_id);
    for (int64_t i = 0; i < s->n_paths; i++)
        if (s->paths[i].name_id != VD_BASE_PATH &&
            strcmp(sim_string(ctx, s->paths[i].name_id), name) == 0)
            return i;
    return -1;
}

/* Slice i (0-based) of total split into VD_STEPS. */
int64_t vd_slice(int64_t total, int64_t i)
{
    return total / VD_STEPS * (i + 1) + total % VD_STEPS * (i + 1) / VD_STEPS -
           (total / VD_STEPS * i + total % VD_STEPS * i / VD_STEPS);
}

void vd_raise_error(sim_ctx *ctx, int code, int64_t op_kind, int64_t bytes)
{
    sim_payload p = {{code, op_kind, bytes}};
    sim_schedule(ctx, 0, sim_self(ctx), HV_VDISK_ERROR, &p);
}

/* The running operation is over: the next queued one (if any) starts as its
 * own event now, so each start has its own trace record. */
void vd_op_done(vdisk_state *s, sim_ctx *ctx)
{
    s->op = VD_OP_IDLE;
    s->progress_pct = 0;
    s->step_seq = 0;
    if (s->q_len == 0) return;
    vd_op next = s->queue[s->q_head];
    s->q_head = (s->q_head + 1) % VD_MAX_QUEUE;
    s->q_len--;
    sim_payload p = {{next.a[0], next.a[1], next.a[2], 0, 0, 1}};
    s->handoff = 1;
    sim_schedule(ctx, 0, sim_self(ctx), (int)next.kind, &p);
}

void vd_next_step(vdisk_state *s, sim_ctx *ctx, int64_t delay_ns)
{
    sim_payload p = {{s->op_id}};
    s->progress_pct = s->cur_step * 100 / VD_STEPS;
    s->step_seq = sim_schedule(ctx, delay_ns, sim_self(ctx), HV_VDISK_STEP, &p);
}

/* Duration of slice cur_step of the running operation. */
int64_t vd_step_ns(const vdisk_state *s)
{
    int64_t b = vd_slice(s->cur_total, s->cur_step), f = vd_slice(s->cur_files, s->cur_step);
    switch (s->cur.kind) {
    case HV_VDISK_WRITE: return hv_vdisk_xfer_ns(b, s->write_rate) + f * s->file_create_ns;
    case HV_VDISK_DELETE: return f * s->file_delete_ns;
    case HV_VDISK_COMPACT: return hv_vdisk_xfer_ns(b, s->host_disk_rate);
    case HV_VDISK_EXPORT:
        if (s->cur.a[0] == HV_VDISK_FMT_VHD) return hv_vdisk_xfer_ns(b, s->host_disk_rate);
        return hv_vdisk_xfer_ns(b, s->export_rate) + f * s->export_file_ns;
    case HV_VDISK_IMPORT:
        if (s->archive_format == HV_VDISK_FMT_VHD) return hv_vdisk_xfer_ns(b, s->host_disk_rate);
        return hv_vdisk_xfer_ns(b, s->write_rate) + f * s->file_create_ns;
    case HV_VDISK_INSTALL: return hv_vdisk_xfer_ns(b, s->write_rate) + f * s->file_create_ns;
    default: return 0;
    }
}

void vd_begin_timed(vdisk_state *s, sim_ctx *ctx, int64_t total_bytes, int64_t files)
{
    s->op = s->cur.kind;
    s->op_id++;
    s->cur_total = total_bytes;
    s->cur_files = files;
    s->cur_step = 0;
    vd_next_step(s, ctx, vd_step_ns(s));
}


const char *const vd_error_text[HV_VDISK_E_COUNT] = {
    [HV_VDISK_OK] = "no error",
    [HV_VDISK_E_VM_RUNNING] =
        "the VM is running and has ext4.vhdx attached read-write: run wsl --shutdown first",
    [HV_VDISK_E_VM_STOPPED] = "the distro is not running: nothing in Linux can touch the disk",
    [HV_VDISK_E_NO_PATH] = "nothing written at that path is left to delete",
    [HV_VDISK_E_TOO_MANY_PATHS] = "the model tracks at most 16 paths",
    [HV_VDISK_E_DISK_FULL] =
        "ext4 is full: the disk reached its virtual size (No space left on device)",
    [HV_VDISK_E_DRIVE_FULL] =
        "the Windows drive is full: the vhdx cannot grow and Linux gets I/O errors",
    [HV_VDISK_E_UNSAFE] =
        "wsl refuses --set-sparse true without --allow-unsafe (possible data corruption)",
    [HV_VDISK_E_NOT_REGISTERED] = "no distro is registered",
    [HV_VDISK_E_REGISTERED] = "a distro with that name is already registered",
    [HV_VDISK_E_NO_EXPORT] = "there is no export to import from",
    [HV_VDISK_E_BELOW_USED] = "the new size is below the bytes in use",
    [HV_VDISK_E_QUEUE_FULL] = "too many operations waiting (at most 16)",
    [HV_VDISK_E_INTERRUPTED] = "the VM stopped in the middle of it",
};

void vd_refuse(vdisk_state *s, sim_ctx *ctx, int code)
{
    sim_note(ctx, "%s refused: %s", vd_op_names[s->cur.kind], vd_error_text[code]);
    vd_raise_error(ctx, code, s->cur.kind, 0);
    vd_op_done(s, ctx);
}

/* Removes paths that hold nothing now and nothing in the export. */
void vd_prune_paths(vdisk_state *s)
{
    int64_t k = 0;
    for (int64_t i = 0; i < s->n_paths; i++) {
        const vd_path *p = &s->paths[i];
        if (p->used_bytes || p->files || p->exp_bytes || p->exp_files) s->paths[k++] = *p;
    }
    s->n_paths = k;
}

/* A workload's processes wrote to their own files in ext4: the vhdx grows
 * as a write action's would, but at once (their time is already spent). */
static void on_guest_write(vdisk_state *s, sim_ctx *ctx, int64_t bytes)
{
    if (!s->registered || !s->vm_running) {
        sim_note(ctx, "ignored: %s written with no distro attached", hv_fmt_bytes(bytes).s);
        return;
    }
    int64_t before = s->file_bytes;
    hv_vspace_write(&s->sp, bytes, s->reuse, s->max_bytes);
    s->paths[0].used_bytes += bytes;
    vd_sync(s);
    sim_note(ctx, "a workload wrote %s to ext4: ext4 uses %s, ext4.vhdx %s%s",
             hv_fmt_bytes(bytes).s, hv_fmt_bytes(s->used_bytes).s, hv_fmt_bytes(s->file_bytes).s,
             s->file_bytes > before ? " (grew)" : "");
}

/* --- dispatch ------------------------------------------------------------ */

static void start_op(vdisk_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->cur = (vd_op){ev->kind, {ev->p.w[0], ev->p.w[1], ev->p.w[2]}};
    switch (ev->kind) {
    case HV_VDISK_WRITE: vd_start_write(s, ctx); break;
    case HV_VDISK_DELETE: vd_start_delete(s, ctx); break;
    case HV_VDISK_TRIM: vd_do_trim(s, ctx); break;
    case HV_VDISK_COMPACT: vd_start_compact(s, ctx); break;
    case HV_VDISK_SET_SPARSE: vd_do_set_sparse(s, ctx); break;
    case HV_VDISK_RESIZE: vd_do_resize(s, ctx); break;
    case HV_VDISK_EXPORT: vd_start_export(s, ctx); break;
    case HV_VDISK_UNREGISTER: vd_do_unregister(s, ctx); break;
    case HV_VDISK_IMPORT: vd_start_import(s, ctx); break;
    default: vd_start_install(s, ctx); break;
    }
}

/* An action: runs now, or waits behind the running operation.  A dequeued
 * action comes back with payload word 5 set. */
static void on_action(vdisk_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (ev->p.w[5] == 1) {
        s->handoff = 0;
    } else if (s->op != VD_OP_IDLE || s->handoff || s->q_len > 0) {
        if (s->q_len == VD_MAX_QUEUE) {
            sim_note(ctx, "%s refused: %s", vd_op_names[ev->kind], vd_error_text[HV_VDISK_E_QUEUE_FULL]);
            vd_raise_error(ctx, HV_VDISK_E_QUEUE_FULL, ev->kind, 0);
            return;
        }
        s->queue[(s->q_head + s->q_len) % VD_MAX_QUEUE] =
            (vd_op){ev->kind, {ev->p.w[0], ev->p.w[1], ev->p.w[2]}};
        s->q_len++;
        sim_note(ctx, "%s waits for the running %s", vd_op_names[ev->kind],
                 s->op != VD_OP_IDLE ? vd_op_names[s->op] : "operation");
        return;
    }
    start_op(s, ctx, ev);
}

static void on_step(vdisk_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->op == VD_OP_IDLE || ev->p.w[0] != s->op_id) {
        sim_note(ctx, "void: the operation ended first");
        return;
    }
    s->step_seq = 0;
    switch (s->op) {
    case HV_VDISK_WRITE: vd_step_write(s, ctx); break;
    case HV_VDISK_DELETE: vd_step_delete(s, ctx); break;
    case HV_VDISK_COMPACT: vd_step_compact(s, ctx); break;
    case HV_VDISK_EXPORT: vd_step_export(s, ctx); break;
    case HV_VDISK_IMPORT: vd_step_import(s, ctx); break;
    default: vd_step_install(s, ctx); break;
    }
    if (s->op != VD_OP_IDLE) s->progress_pct = s->cur_step * 100 / VD_STEPS;
}

static void on_error(vdisk_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int code = (int)ev->p.w[0];
    const char *op = vd_op_names[ev->p.w[1]];
    s->errors++;
    s->last_error = code;
    if (ev->p.w[2] > 0)
        sim_note(ctx, "error in %s after %s: %s", op, hv_fmt_bytes(ev->p.w[2]).s, vd_error_text[code]);
    else
        sim_note(ctx, "error in %s: %s", op, vd_error_text[code]);
}

static void on_vm(vdisk_state *s, sim_ctx *ctx, int start)
{
    s->vm_running = start;
    vd_sync(s);
    if (start) {
        if (!s->registered)
            sim_note(ctx, "VM started: no distro registered, no disk to attach");
        else
            sim_note(ctx, "VM started: ext4.vhdx (%s on C:) attached read-write%s",
                     hv_fmt_bytes(s->file_bytes).s,
                     s->op == HV_VDISK_COMPACT ? " while compaction holds it (real WSL "
                                                 "would fail to attach it)" : "");
        return;
    }
    if (s->op == HV_VDISK_WRITE || s->op == HV_VDISK_DELETE) {
        int64_t done = 0;
        for (int64_t i = 0; i < s->cur_step; i++) done += vd_slice(s->cur_total, i);
        hv_stage_cancel(ctx, &s->step_seq);
        sim_note(ctx, "VM stopped: the disk is detached and the running %s stops", vd_op_names[s->op]);
        vd_raise_error(ctx, HV_VDISK_E_INTERRUPTED, s->op, done);
        vd_prune_paths(s);
        vd_op_done(s, ctx);
        return;
    }
    sim_note(ctx, "VM stopped: ext4.vhdx detached (%s on C:)", hv_fmt_bytes(s->file_bytes).s);
}

static void vdisk_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    vdisk_state *s = state;
    switch (ev->kind) {
    case HV_VDISK_VM_START: on_vm(s, ctx, 1); break;
    case HV_VDISK_VM_STOP: on_vm(s, ctx, 0); break;
    case HV_VDISK_STEP: on_step(s, ctx, ev); break;
    case HV_VDISK_ERROR: on_error(s, ctx, ev); break;
    case HV_VDISK_GUEST_WRITE: on_guest_write(s, ctx, ev->p.w[0]); break;
    default: on_action(s, ctx, ev); break;
    }
}

static void vdisk_init(void *state, sim_ctx *ctx)
{
    vdisk_state *s = state;
    hv_uvm_subscribe(ctx, sim_lookup(ctx, HV_UVM_NAME), HV_VDISK_VM_START, HV_VDISK_VM_STOP);
    s->uvm_id = sim_lookup(ctx, HV_UVM_NAME);
    s->registered = 1;
    s->max_bytes = s->max_size_bytes;
    s->sparse_on = s->sparse;
    s->sp = hv_vspace_fresh(s->distro_bytes);
    s->paths[0] = (vd_path){.name_id = VD_BASE_PATH, .used_bytes = s->distro_bytes,
                            .files = s->distro_files};
    s->n_paths = 1;
    s->file_bytes = hv_vspace_file_bytes(&s->sp, s->block_bytes, s->overhead_bytes);
    s->drive_free_bytes = s->drive_free_start_bytes; /* the vhdx is already on the drive */
    vd_sync(s);
}

static void vdisk_snapshot(const void *state, sim_snapshot *out)
{
    const vdisk_state *s = state;
    if (s->op != VD_OP_IDLE)
        snprintf(out->status, sizeof out->status, "%s %lld%%", vd_op_names[s->op],
                 (long long)s->progress_pct);
    else if (!s->registered)
        snprintf(out->status, sizeof out->status, "no distro");
    else
        snprintf(out->status, sizeof out->status, "vhdx %s, %s used",
                 hv_fmt_bytes(s->file_bytes).s, hv_fmt_bytes(s->used_bytes).s);
}

/* Drawn inside the utility VM: two bars on one scale, what Linux uses and
 * what the .vhdx takes on the Windows drive (it grows and never shrinks by
 * itself); the running operation in the title. */
static const sim_view_seg vdisk_used_segs[] = {
    {.metric = "used_bytes", .label = NULL, .style = SIM_STYLE_SOLID},
};
static const sim_view_seg vdisk_file_segs[] = {
    {.metric = "file_bytes", .label = NULL, .style = SIM_STYLE_HATCHED},
};
static const sim_view_bar vdisk_bars[] = {
    {.label = "inside Linux", .segs = vdisk_used_segs, .n_segs = 1},
    {.label = ".vhdx on Windows", .segs = vdisk_file_segs, .n_segs = 1},
};
static const sim_view_item vdisk_items[] = {
    {.metric = "lost_bytes", .label = "lost", .zero = "nothing lost"},
};
static const sim_view_badge vdisk_badges[] = {
    {.metric = "op", .min = 2, .max = INT64_MAX},
    {.metric = "registered", .min = 0, .max = 0, .text = "no distro", .alert = 1},
};
static const sim_view_def vdisk_view = {
    .title = "virtual disk ext4.vhdx",
    .place = SIM_PLACE_INSIDE,
    .parent = "uvm",
    .bars = vdisk_bars, .n_bars = SIM_COUNTOF(vdisk_bars),
    .items = vdisk_items, .n_items = SIM_COUNTOF(vdisk_items),
    .badges = vdisk_badges, .n_badges = SIM_COUNTOF(vdisk_badges),
};
const sim_model_ops hv_vdisk_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_VDISK_NAME,
    .doc = "the distro's ext4.vhdx: grows on write, keeps its size on delete, compaction",
    .state_size = sizeof(vdisk_state),
    .params = vdisk_params, .n_params = SIM_COUNTOF(vdisk_params),
    .actions = vdisk_actions, .n_actions = SIM_COUNTOF(vdisk_actions),
    .metrics = vdisk_metrics, .n_metrics = SIM_COUNTOF(vdisk_metrics),
    .event_kinds = vdisk_kinds, .n_event_kinds = HV_VDISK_KIND_COUNT,
    .init = vdisk_init,
    .handle_event = vdisk_handle,
    .snapshot = vdisk_snapshot,
    .view = &vdisk_view,
};
