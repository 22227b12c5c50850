/* classic_vm.h: a classic Type-2 virtual machine (model "t2vm"), the kind
 * VirtualBox or VMware Workstation runs on a desktop: emulated firmware and
 * devices, memory reserved in full from power-on. */
#ifndef HVSIM_MODELS_CLASSIC_VM_H
#define HVSIM_MODELS_CLASSIC_VM_H

#include "model.h"

#define HV_T2VM_NAME "t2vm"

enum {
    HV_T2VM_START, HV_T2VM_SHUTDOWN,                 /* actions */
    HV_T2VM_POST, HV_T2VM_BOOT_LOADER, HV_T2VM_DEVICE_SETUP,
    HV_T2VM_KERNEL_BOOT, HV_T2VM_INIT,               /* stages */
    HV_T2VM_PROMPT,                                  /* boot done: a login shell */
    HV_T2VM_BOOT_NEWS,                               /* from the host: Windows (re)booted */
    HV_T2VM_PARTITION,                               /* hv's reply: partition id, 0 = none */
    HV_T2VM_N_KINDS
};

/* Values of the `state` metric. */
enum { HV_T2VM_OFF, HV_T2VM_S_POST, HV_T2VM_S_BOOT_LOADER, HV_T2VM_S_DEVICES,
       HV_T2VM_S_KERNEL, HV_T2VM_S_INIT, HV_T2VM_RUNNING };

extern const sim_model_ops hv_t2vm_ops;

#endif
