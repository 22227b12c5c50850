/* vdisk.h: the distro's ext4.vhdx virtual disk (model "vdisk").
 *
 * It follows the utility VM (hv_uvm_subscribe, utility_vm.h): the VM's start
 * (HV_VDISK_VM_START: the disk is attached read-write, the guest may write)
 * and stop (HV_VDISK_VM_STOP: the
 * disk is detached; compaction, sparse and resize become possible) arrive as
 * events.  The VM's state is known only from these events.
 *
 * Actions (in the order they run; one operation at a time, later ones wait
 * in a queue): write, delete, trim, compact, set_sparse, resize, export,
 * unregister, import, install.  A refused operation becomes an `error` event with a
 * reason (metric last_error) and changes nothing. */
#ifndef HVSIM_MODELS_VDISK_H
#define HVSIM_MODELS_VDISK_H

#include "engine.h"
#include "model.h"

#define HV_VDISK_NAME "vdisk"

enum {
    HV_VDISK_VM_START,   /* from the VM (subscribed in init): it started */
    HV_VDISK_VM_STOP,    /* from the VM: it stopped */
    HV_VDISK_WRITE,      /* action: path size files */
    HV_VDISK_DELETE,     /* action: path */
    HV_VDISK_TRIM,       /* action: fstrim */
    HV_VDISK_COMPACT,    /* action: diskpart compact vdisk / Optimize-VHD */
    HV_VDISK_SET_SPARSE, /* action: on allow_unsafe */
    HV_VDISK_RESIZE,     /* action: size */
    HV_VDISK_EXPORT,     /* action: format */
    HV_VDISK_UNREGISTER, /* action */
    HV_VDISK_IMPORT,     /* action */
    HV_VDISK_INSTALL,    /* action: a fresh distro */
    HV_VDISK_STEP,       /* a slice of the running operation is done */
    HV_VDISK_ERROR,      /* an operation was refused or cut short */
    HV_VDISK_GUEST_WRITE,/* from sys: a workload's processes wrote w[0] bytes to ext4 (already
                          * paid for in their own time: applied at once) */
    HV_VDISK_KIND_COUNT
};

/* Values of the metric last_error. */
enum {
    HV_VDISK_OK,
    HV_VDISK_E_VM_RUNNING,   /* needs the VM stopped (the disk is attached read-write) */
    HV_VDISK_E_VM_STOPPED,   /* needs the distro running (nothing writes to a detached disk) */
    HV_VDISK_E_NO_PATH,      /* delete of a path nothing wrote */
    HV_VDISK_E_TOO_MANY_PATHS,
    HV_VDISK_E_DISK_FULL,    /* ext4 is full: the virtual size is reached (ENOSPC) */
    HV_VDISK_E_DRIVE_FULL,   /* the Windows drive is full: the vhdx cannot grow */
    HV_VDISK_E_UNSAFE,       /* set-sparse without --allow-unsafe */
    HV_VDISK_E_NOT_REGISTERED,
    HV_VDISK_E_REGISTERED,   /* import over an existing distro */
    HV_VDISK_E_NO_EXPORT,    /* import with nothing exported */
    HV_VDISK_E_BELOW_USED,   /* resize below the bytes in use */
    HV_VDISK_E_QUEUE_FULL,
    HV_VDISK_E_INTERRUPTED,  /* the VM stopped under a running write/delete */
    HV_VDISK_E_COUNT
};

/* Values of the export action's `format` argument. */
enum { HV_VDISK_FMT_TAR, HV_VDISK_FMT_VHD };

extern const sim_model_ops hv_vdisk_ops;

/* Exposed for tests: bytes / rate_per_s as ns, exact in int64 for rates up
 * to the parameters' maximum (9 GB/s). */
int64_t hv_vdisk_xfer_ns(int64_t bytes, int64_t rate_bytes_per_s);

#endif
