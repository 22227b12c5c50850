/* vdisk_int.h: internals shared by vdisk.c and vdisk_ops.c (model "vdisk").
 *
 * The model's plain-data state block and the helpers both files use.  Not
 * for other models: they talk to vdisk only through events (vdisk.h). */
#ifndef HVSIM_MODELS_VDISK_INT_H
#define HVSIM_MODELS_VDISK_INT_H

#include <stdint.h>

#include "engine.h"
#include "vdisk.h"
#include "vdisk_space.h"

#define VD_MAX_PATHS 16
#define VD_MAX_QUEUE 16
#define VD_STEPS 10        /* slices of a timed operation */
#define VD_BASE_PATH (-1)  /* name id of the installed distro's own files */
#define VD_MAX_RATE (9 * SIM_GB) /* keeps hv_vdisk_xfer_ns exact in int64 */

enum { VD_OP_IDLE = 0 }; /* otherwise the action's event kind */

typedef struct vd_path {
    int64_t name_id;      /* engine string id, VD_BASE_PATH for the distro itself */
    int64_t used_bytes;   /* in use now, bytes */
    int64_t files;        /* count */
    int64_t safe_bytes;   /* of used_bytes, also in the last export, bytes */
    int64_t exp_bytes;    /* in the last export, bytes */
    int64_t exp_files;    /* in the last export, count */
} vd_path;

typedef struct vd_op { int64_t kind, a[3]; } vd_op;

typedef struct vdisk_state {
    /* parameters */
    int64_t max_size_bytes;       /* virtual size when the distro is created, bytes */
    int64_t block_bytes;          /* vhdx payload block, bytes */
    int64_t overhead_bytes;       /* vhdx headers, log, BAT, metadata, bytes */
    int64_t fs_block_bytes;       /* ext4 block, bytes */
    int64_t distro_bytes;         /* the installed distro in use, bytes */
    int64_t distro_files;         /* its files, count */
    int64_t drive_free_start_bytes; /* free on C: at the start, bytes */
    int64_t write_rate;           /* guest write into ext4, bytes/s */
    int64_t file_create_ns;       /* per file created, ns */
    int64_t file_delete_ns;       /* per file deleted, ns */
    int64_t host_disk_rate;       /* sequential read/copy of the vhdx on C:, bytes/s */
    int64_t export_rate;          /* tar stream out of the VM to C:, bytes/s */
    int64_t export_file_ns;       /* per file exported, ns */
    int64_t tar_header_bytes;     /* per file in a tar, bytes */
    double reuse;                 /* share of new writes landing in freed blocks, ratio */
    int64_t discard;              /* bool: ext4 mounted with discard */
    int64_t sparse;               /* bool: the disk starts sparse */
    /* metrics (vd_sync keeps the first group equal to the accounting) */
    int64_t used_bytes, file_bytes, reclaimable_bytes, untrimmed_bytes; /* bytes */
    int64_t drive_free_bytes, written_bytes, freed_bytes;              /* bytes */
    int64_t files;                                                     /* count */
    int64_t attached, registered, sparse_on;                           /* bools */
    int64_t max_bytes, export_bytes, lost_bytes;                       /* bytes */
    int64_t exports, errors;                                           /* counts */
    int64_t last_error;           /* HV_VDISK_E_* */
    int64_t op;                   /* event kind of the running operation, or VD_OP_IDLE */
    int64_t progress_pct;         /* of the running operation, 0..100 */
    /* private */
    int64_t vm_running;           /* bool, from the VM's start/stop events only */
    int64_t archive;              /* bool: an export exists */
    int64_t archive_format;       /* HV_VDISK_FMT_* */
    hv_vspace sp, archive_sp;
    int64_t n_paths;
    vd_path paths[VD_MAX_PATHS];
    int64_t q_head, q_len, handoff;
    vd_op queue[VD_MAX_QUEUE];
    vd_op cur;
    int64_t cur_path, cur_total, cur_files, cur_step, op_id;
    uint64_t step_seq;
    int64_t uvm_id;               /* the utility VM's model id (told of unregister), -1 none */
} vdisk_state;

/* Tells the utility VM whether a distro is registered (no-op without one). */
void vd_tell_registered(vdisk_state *s, sim_ctx *ctx, int yes);

/* Names by event kind (for notes and the `op` metric) and error texts by
 * HV_VDISK_E_* code.  Static, immutable. */
extern const char *const vd_op_names[];
extern const char *const vd_error_text[HV_VDISK_E_COUNT];

/* --- bookkeeping (vdisk.c) ------------------------------------------------ */
/* Recomputes the metrics from the accounting; the drive pays for any change
 * in the file's size. */
void vd_sync(vdisk_state *s);
const char *vd_path_name(sim_ctx *ctx, const vd_path *p);
/* Index of the path named by string id name_id, or -1. */
int64_t vd_find_path(sim_ctx *ctx, const vdisk_state *s, int64_t name_id);
/* Slice i (0-based) of total split into VD_STEPS; the slices sum to total. */
int64_t vd_slice(int64_t total, int64_t i);
/* Schedules an `error` event now: code, the operation's kind, bytes done. */
void vd_raise_error(sim_ctx *ctx, int code, int64_t op_kind, int64_t bytes);
/* The running operation is over; the next queued one starts. */
void vd_op_done(vdisk_state *s, sim_ctx *ctx);
/* The operation in s->cur is refused with `code`: a note, an error event. */
void vd_refuse(vdisk_state *s, sim_ctx *ctx, int code);
void vd_next_step(vdisk_state *s, sim_ctx *ctx, int64_t delay_ns);
/* Duration of slice cur_step of the running operation, ns. */
int64_t vd_step_ns(const vdisk_state *s);
/* Begins the timed operation in s->cur over total_bytes and files. */
void vd_begin_timed(vdisk_state *s, sim_ctx *ctx, int64_t total_bytes, int64_t files);
/* Drops paths that hold nothing now and nothing in the export. */
void vd_prune_paths(vdisk_state *s);

/* --- operations (vdisk_ops.c); start: s->cur holds the action ------------- */
void vd_start_write(vdisk_state *s, sim_ctx *ctx);
void vd_step_write(vdisk_state *s, sim_ctx *ctx);
void vd_start_delete(vdisk_state *s, sim_ctx *ctx);
void vd_step_delete(vdisk_state *s, sim_ctx *ctx);
void vd_do_trim(vdisk_state *s, sim_ctx *ctx);
void vd_start_compact(vdisk_state *s, sim_ctx *ctx);
void vd_step_compact(vdisk_state *s, sim_ctx *ctx);
void vd_do_set_sparse(vdisk_state *s, sim_ctx *ctx);
void vd_do_resize(vdisk_state *s, sim_ctx *ctx);
void vd_start_export(vdisk_state *s, sim_ctx *ctx);
void vd_step_export(vdisk_state *s, sim_ctx *ctx);
void vd_do_unregister(vdisk_state *s, sim_ctx *ctx);
void vd_start_import(vdisk_state *s, sim_ctx *ctx);
void vd_step_import(vdisk_state *s, sim_ctx *ctx);
void vd_start_install(vdisk_state *s, sim_ctx *ctx);
void vd_step_install(vdisk_state *s, sim_ctx *ctx);

#endif
