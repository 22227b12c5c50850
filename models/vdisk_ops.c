/* vdisk_ops.c: the operations on the ext4.vhdx (model "vdisk", see vdisk.c).
 *
 * Each operation has a start (checks, refuses with an error event or
 * begins) and, if it takes time, a step run at the end of each of its
 * VD_STEPS slices.  Writes and deletes change the accounting slice by slice
 * (the file grows visibly); compaction, export, import and install apply
 * their effect at the last slice.  Trim, set-sparse, resize and unregister
 * take no simulated time.  Numbers come from the model's parameters only. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "stages.h"
#include "utility_vm.h"
#include "vdisk_int.h"

/* --- write --------------------------------------------------------------- */

static int64_t growth_for(const vdisk_state *s, int64_t bytes)
{
    hv_vspace t = s->sp;
    hv_vspace_write(&t, bytes, s->reuse, s->max_bytes);
    return hv_vspace_file_bytes(&t, s->block_bytes, s->overhead_bytes) - s->file_bytes;
}

/* The most of `bytes` whose file growth still fits on the Windows drive. */
static int64_t fit_on_drive(const vdisk_state *s, int64_t bytes)
{
    if (growth_for(s, bytes) <= s->drive_free_bytes) return bytes;
    int64_t lo = 0, hi = bytes;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo + 1) / 2;
        if (growth_for(s, mid) <= s->drive_free_bytes) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

void vd_start_write(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (!s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_STOPPED); return; }
    int64_t i = vd_find_path(ctx, s, s->cur.a[0]);
    if (i < 0) {
        if (s->n_paths == VD_MAX_PATHS) { vd_refuse(s, ctx, HV_VDISK_E_TOO_MANY_PATHS); return; }
        i = s->n_paths++;
        s->paths[i] = (vd_path){.name_id = s->cur.a[0]};
    }
    s->cur_path = i;
    int64_t size = s->cur.a[1], files = s->cur.a[2];
    int64_t alloc = size + files * (s->fs_block_bytes / 2);
    sim_note(ctx, "Linux writes %s in %lld files to %s (ext4 allocates %s with block slack)",
             hv_fmt_bytes(size).s, (long long)files, sim_string(ctx, s->cur.a[0]),
             hv_fmt_bytes(alloc).s);
    vd_begin_timed(s, ctx, alloc, files);
}

void vd_step_write(vdisk_state *s, sim_ctx *ctx)
{
    int64_t want = vd_slice(s->cur_total, s->cur_step), f = vd_slice(s->cur_files, s->cur_step);
    int64_t b = want;
    int code = HV_VDISK_OK;
    if (b > s->max_bytes - s->used_bytes) {
        b = s->max_bytes - s->used_bytes > 0 ? s->max_bytes - s->used_bytes : 0;
        code = HV_VDISK_E_DISK_FULL;
    }
    int64_t fit = fit_on_drive(s, b);
    if (fit < b) {
        b = fit;
        code = HV_VDISK_E_DRIVE_FULL;
    }
    if (b < want) f = (int64_t)((double)f * ((double)b / (double)want));
    int64_t before = s->file_bytes;
    hv_vspace_write(&s->sp, b, s->reuse, s->max_bytes);
    vd_path *p = &s->paths[s->cur_path];
    p->used_bytes += b;
    p->files += f;
    vd_sync(s);
    if (code != HV_VDISK_OK) {
        sim_note(ctx, "write to %s stops after %s more: %s", vd_path_name(ctx, p),
                 hv_fmt_bytes(b).s, vd_error_text[code]);
        vd_raise_error(ctx, code, HV_VDISK_WRITE, b);
        vd_op_done(s, ctx);
        return;
    }
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "+%s in %s: ext4 uses %s, ext4.vhdx %s%s", hv_fmt_bytes(b).s,
                 vd_path_name(ctx, p), hv_fmt_bytes(s->used_bytes).s, hv_fmt_bytes(s->file_bytes).s,
                 s->file_bytes > before ? " (grew)" : " (reused freed blocks)");
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    sim_note(ctx, "write to %s done: ext4 uses %s, ext4.vhdx is %s, C: has %s free",
             vd_path_name(ctx, p), hv_fmt_bytes(s->used_bytes).s, hv_fmt_bytes(s->file_bytes).s,
             hv_fmt_bytes(s->drive_free_bytes).s);
    vd_op_done(s, ctx);
}

/* --- delete, trim -------------------------------------------------------- */

void vd_start_delete(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (!s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_STOPPED); return; }
    int64_t i = vd_find_path(ctx, s, s->cur.a[0]);
    if (i < 0 || s->paths[i].used_bytes == 0) { vd_refuse(s, ctx, HV_VDISK_E_NO_PATH); return; }
    s->cur_path = i;
    const vd_path *p = &s->paths[i];
    sim_note(ctx, "rm -rf %s: %lld files, %s", vd_path_name(ctx, p), (long long)p->files,
             hv_fmt_bytes(p->used_bytes).s);
    vd_begin_timed(s, ctx, p->used_bytes, p->files);
}

void vd_step_delete(vdisk_state *s, sim_ctx *ctx)
{
    int64_t b = vd_slice(s->cur_total, s->cur_step), f = vd_slice(s->cur_files, s->cur_step);
    vd_path *p = &s->paths[s->cur_path];
    int64_t back = hv_vspace_free(&s->sp, b, (int)s->discard, (int)s->sparse_on);
    p->used_bytes -= b;
    p->files -= f;
    if (p->safe_bytes > p->used_bytes) p->safe_bytes = p->used_bytes;
    vd_sync(s);
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "-%s in %s: ext4 uses %s, ext4.vhdx %s", hv_fmt_bytes(b).s,
                 vd_path_name(ctx, p), hv_fmt_bytes(s->used_bytes).s,
                 hv_fmt_bytes(s->file_bytes).s);
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    if (back > 0 || s->sparse_on)
        sim_note(ctx, "deleted %s: ext4 uses %s; sparse vhdx gave the trimmed blocks back, "
                 "file now %s", vd_path_name(ctx, p), hv_fmt_bytes(s->used_bytes).s,
                 hv_fmt_bytes(s->file_bytes).s);
    else
        sim_note(ctx, "deleted %s: ext4 uses %s, but ext4.vhdx stays %s (%s free inside it)",
                 vd_path_name(ctx, p), hv_fmt_bytes(s->used_bytes).s,
                 hv_fmt_bytes(s->file_bytes).s,
                 hv_fmt_bytes(s->sp.kept_bytes + s->sp.stale_bytes).s);
    vd_prune_paths(s);
    vd_op_done(s, ctx);
}

void vd_do_trim(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (!s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_STOPPED); return; }
    int64_t n = hv_vspace_trim(&s->sp, (int)s->sparse_on);
    vd_sync(s);
    sim_note(ctx, "fstrim: %s trimmed%s; ext4.vhdx is %s", hv_fmt_bytes(n).s,
             n == 0 ? " (everything free was trimmed already)"
             : s->sparse_on ? " and given back (sparse)" : ", compaction can now drop it",
             hv_fmt_bytes(s->file_bytes).s);
    vd_op_done(s, ctx);
}

/* --- compaction, sparse, resize (VM stopped) ------------------------------ */

void vd_start_compact(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_RUNNING); return; }
    sim_note(ctx, "compact vdisk: reads the whole %s file to drop its trimmed blocks",
             hv_fmt_bytes(s->file_bytes).s);
    vd_begin_timed(s, ctx, s->file_bytes, 0);
}

void vd_step_compact(vdisk_state *s, sim_ctx *ctx)
{
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "compacting: %lld%% read", (long long)(s->cur_step * 100 / VD_STEPS));
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    int64_t before = s->file_bytes;
    hv_vspace_compact(&s->sp);
    vd_sync(s);
    sim_note(ctx, "compacted: ext4.vhdx %s -> %s, %s back to C:%s", hv_fmt_bytes(before).s,
             hv_fmt_bytes(s->file_bytes).s, hv_fmt_bytes(before - s->file_bytes).s,
             s->sp.stale_bytes ? " (untrimmed free blocks look like data and stay)" : "");
    vd_op_done(s, ctx);
}

void vd_do_set_sparse(vdisk_state *s, sim_ctx *ctx)
{
    int64_t on = s->cur.a[0], unsafe = s->cur.a[1];
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_RUNNING); return; }
    if (on && !unsafe) { vd_refuse(s, ctx, HV_VDISK_E_UNSAFE); return; }
    s->sparse_on = on;
    if (on && s->sp.kept_bytes > 0)
        sim_note(ctx, "sparse on; the %s already free in the %s file stay: they were trimmed "
                 "before and ext4 will not trim them again", hv_fmt_bytes(s->sp.kept_bytes).s,
                 hv_fmt_bytes(s->file_bytes).s);
    else
        sim_note(ctx, "sparse %s", on ? "on: blocks trimmed from now on go back to Windows"
                                      : "off: trimmed blocks stay in the file");
    vd_op_done(s, ctx);
}

void vd_do_resize(vdisk_state *s, sim_ctx *ctx)
{
    int64_t size = s->cur.a[0];
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    if (s->vm_running) { vd_refuse(s, ctx, HV_VDISK_E_VM_RUNNING); return; }
    if (size < s->used_bytes) { vd_refuse(s, ctx, HV_VDISK_E_BELOW_USED); return; }
    int64_t before = s->max_bytes;
    s->max_bytes = size;
    hv_vspace_clamp(&s->sp, size);
    vd_sync(s);
    sim_note(ctx, "virtual size %s -> %s; the file stays %s (it grows only as ext4 writes)",
             hv_fmt_bytes(before).s, hv_fmt_bytes(size).s, hv_fmt_bytes(s->file_bytes).s);
    vd_op_done(s, ctx);
}

/* --- export, unregister, import ------------------------------------------- */

void vd_start_export(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    int vhd = s->cur.a[0] == HV_VDISK_FMT_VHD;
    int64_t bytes = vhd ? s->file_bytes : s->used_bytes + s->files * s->tar_header_bytes;
    if (bytes > s->drive_free_bytes + s->export_bytes) {
        vd_refuse(s, ctx, HV_VDISK_E_DRIVE_FULL);
        return;
    }
    if (vhd)
        sim_note(ctx, "wsl --export --vhd: copies the whole %s ext4.vhdx, free space and all",
                 hv_fmt_bytes(bytes).s);
    else
        sim_note(ctx, "wsl --export: tar of the %s in use (%lld files) -> %s; free space is "
                 "not copied", hv_fmt_bytes(s->used_bytes).s, (long long)s->files,
                 hv_fmt_bytes(bytes).s);
    vd_begin_timed(s, ctx, bytes, vhd ? 0 : s->files);
}

void vd_step_export(vdisk_state *s, sim_ctx *ctx)
{
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "exporting: %lld%%", (long long)(s->cur_step * 100 / VD_STEPS));
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    s->drive_free_bytes += s->export_bytes - s->cur_total;
    s->export_bytes = s->cur_total;
    s->exports++;
    s->archive = 1;
    s->archive_format = s->cur.a[0];
    s->archive_sp = s->archive_format == HV_VDISK_FMT_VHD ? s->sp : hv_vspace_fresh(s->sp.used_bytes);
    for (int64_t i = 0; i < s->n_paths; i++) {
        vd_path *p = &s->paths[i];
        p->exp_bytes = p->safe_bytes = p->used_bytes;
        p->exp_files = p->files;
    }
    vd_prune_paths(s);
    sim_note(ctx, "export done: %s on C: holds everything in use; C: has %s free",
             hv_fmt_bytes(s->export_bytes).s, hv_fmt_bytes(s->drive_free_bytes).s);
    vd_op_done(s, ctx);
}

void vd_tell_registered(vdisk_state *s, sim_ctx *ctx, int yes)
{
    if (s->uvm_id < 0) return;
    sim_payload p = {{yes}};
    sim_schedule(ctx, 0, (int)s->uvm_id, HV_UVM_REGISTERED, &p);
}

void vd_do_unregister(vdisk_state *s, sim_ctx *ctx)
{
    if (!s->registered) { vd_refuse(s, ctx, HV_VDISK_E_NOT_REGISTERED); return; }
    int64_t lost = 0, file = s->file_bytes;
    for (int64_t i = 0; i < s->n_paths; i++) {
        vd_path *p = &s->paths[i];
        lost += p->used_bytes - p->safe_bytes;
        p->used_bytes = p->files = p->safe_bytes = 0;
    }
    vd_prune_paths(s);
    s->lost_bytes += lost;
    s->registered = 0;
    vd_tell_registered(s, ctx, 0);
    s->sp = (hv_vspace){0};
    vd_sync(s);
    if (lost)
        sim_note(ctx, "wsl --unregister%s: ext4.vhdx deleted, %s back to C:; %s of data no "
                 "export holds is gone for good", s->vm_running ? " (distro terminated first)" : "",
                 hv_fmt_bytes(file).s, hv_fmt_bytes(lost).s);
    else
        sim_note(ctx, "wsl --unregister%s: ext4.vhdx deleted, %s back to C:; nothing lost, "
                 "the export holds it all", s->vm_running ? " (distro terminated first)" : "",
                 hv_fmt_bytes(file).s);
    vd_op_done(s, ctx);
}

void vd_start_import(vdisk_state *s, sim_ctx *ctx)
{
    if (s->registered) { vd_refuse(s, ctx, HV_VDISK_E_REGISTERED); return; }
    if (!s->archive) { vd_refuse(s, ctx, HV_VDISK_E_NO_EXPORT); return; }
    int64_t file = hv_vspace_file_bytes(&s->archive_sp, s->block_bytes, s->overhead_bytes);
    if (file > s->drive_free_bytes) { vd_refuse(s, ctx, HV_VDISK_E_DRIVE_FULL); return; }
    int64_t files = 0;
    for (int64_t i = 0; i < s->n_paths; i++) files += s->paths[i].exp_files;
    int vhd = s->archive_format == HV_VDISK_FMT_VHD;
    sim_note(ctx, "wsl --import%s: %s", vhd ? " --vhd" : "",
             vhd ? "copies the exported vhdx back, bloat included"
                 : "unpacks the tar into a new, compact ext4.vhdx");
    vd_begin_timed(s, ctx, vhd ? file : s->archive_sp.used_bytes, vhd ? 0 : files);
}

void vd_step_import(vdisk_state *s, sim_ctx *ctx)
{
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "importing: %lld%%", (long long)(s->cur_step * 100 / VD_STEPS));
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    s->sp = s->archive_sp;
    s->registered = 1;
    vd_tell_registered(s, ctx, 1);
    s->sparse_on = s->sparse;
    for (int64_t i = 0; i < s->n_paths; i++) {
        vd_path *p = &s->paths[i];
        p->used_bytes = p->safe_bytes = p->exp_bytes;
        p->files = p->exp_files;
    }
    vd_sync(s);
    sim_note(ctx, "import done: ext4 uses %s, the new ext4.vhdx is %s",
             hv_fmt_bytes(s->used_bytes).s, hv_fmt_bytes(s->file_bytes).s);
    vd_op_done(s, ctx);
}

/* The installed distro's own files: path entry VD_BASE_PATH, made if absent. */
static vd_path *vd_base_path(vdisk_state *s)
{
    for (int64_t i = 0; i < s->n_paths; i++)
        if (s->paths[i].name_id == VD_BASE_PATH) return &s->paths[i];
    if (s->n_paths == VD_MAX_PATHS) return NULL;
    s->paths[s->n_paths] = (vd_path){.name_id = VD_BASE_PATH};
    return &s->paths[s->n_paths++];
}

void vd_start_install(vdisk_state *s, sim_ctx *ctx)
{
    if (s->registered) { vd_refuse(s, ctx, HV_VDISK_E_REGISTERED); return; }
    hv_vspace fresh = hv_vspace_fresh(s->distro_bytes);
    if (hv_vspace_file_bytes(&fresh, s->block_bytes, s->overhead_bytes) > s->drive_free_bytes) {
        vd_refuse(s, ctx, HV_VDISK_E_DRIVE_FULL);
        return;
    }
    if (!vd_base_path(s)) { vd_refuse(s, ctx, HV_VDISK_E_TOO_MANY_PATHS); return; }
    sim_note(ctx, "wsl --install: unpacks a fresh %s distro (%lld files) into a new ext4.vhdx",
             hv_fmt_bytes(s->distro_bytes).s, (long long)s->distro_files);
    vd_begin_timed(s, ctx, s->distro_bytes, s->distro_files);
}

void vd_step_install(vdisk_state *s, sim_ctx *ctx)
{
    s->cur_step++;
    if (s->cur_step < VD_STEPS) {
        sim_note(ctx, "installing: %lld%%", (long long)(s->cur_step * 100 / VD_STEPS));
        vd_next_step(s, ctx, vd_step_ns(s));
        return;
    }
    vd_path *p = vd_base_path(s); /* made in start_install; nothing pruned it since */
    p->used_bytes = s->distro_bytes;
    p->files = s->distro_files;
    p->safe_bytes = 0;
    s->sp = hv_vspace_fresh(s->distro_bytes);
    s->registered = 1;
    vd_tell_registered(s, ctx, 1);
    s->sparse_on = s->sparse;
    s->max_bytes = s->max_size_bytes;
    vd_sync(s);
    sim_note(ctx, "install done: a fresh distro, ext4 uses %s, ext4.vhdx is %s",
             hv_fmt_bytes(s->used_bytes).s, hv_fmt_bytes(s->file_bytes).s);
    vd_op_done(s, ctx);
}
