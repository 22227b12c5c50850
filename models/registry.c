/* registry.c: the models hvsim knows, in engine id order (see registry.h).
 * The order is part of every fingerprint: append, never reorder. */
#include "registry.h"

#include "classic_vm.h"
#include "host.h"
#include "hypervisor.h"
#include "memory.h"
#include "syscall_path.h"
#include "utility_vm.h"
#include "vdisk.h"
#include "vnic.h"
#include "wsl1.h"

static const sim_model_ops *const hv_models[] = {
    &hv_host_ops, &hv_hyp_ops, &hv_t2vm_ops, &hv_uvm_ops, &hv_wsl1_ops,
    &hv_vnic_ops, &hv_vdisk_ops, &hv_mem_ops,
    &hv_sys_ops,
};

const sim_model_ops *const *hv_registry(size_t *n)
{
    if (n) *n = SIM_COUNTOF(hv_models);
    return hv_models;
}
