/* vnic.h: the utility VM's virtual network (model "vnic").
 *
 * It follows the utility VM (hv_uvm_subscribe, utility_vm.h): the VM's start
 * (HV_VNIC_VM_START: the NAT network is opened or created, the guest leases
 * an address, /etc/resolv.conf is written) and stop (HV_VNIC_VM_STOP: the
 * guest's endpoint goes;
 * the network stays until Windows restarts on current releases) arrive as
 * events.  It also follows the host's boot news (release.h). */
#ifndef HVSIM_MODELS_VNIC_H
#define HVSIM_MODELS_VNIC_H

#include "engine.h"
#include "model.h"

#define HV_VNIC_NAME "vnic"

enum {
    HV_VNIC_VM_START,  /* from the VM (subscribed in init): it started */
    HV_VNIC_VM_STOP,   /* from the VM: it stopped */
    HV_VNIC_NAT_READY,
    HV_VNIC_LEASE,
    HV_VNIC_HOST_NET,  /* action: the host already uses a network */
    HV_VNIC_LISTEN,    /* action: a service listens */
    HV_VNIC_CONNECT,   /* action: a client connects */
    HV_VNIC_CONNECTED,
    HV_VNIC_TIMEOUT,
    HV_VNIC_REFUSED,
    HV_VNIC_BOOT_NEWS, /* from the host: releases installed, Windows (re)booted */
    HV_VNIC_PORTPROXY, /* action: netsh interface portproxy */
    HV_VNIC_KIND_COUNT
};

extern const sim_model_ops hv_vnic_ops;

/* Exposed for tests: is a.b.c.d/prefix inside another network? */
int hv_vnic_overlaps(uint32_t a, int a_prefix, uint32_t b, int b_prefix);

#endif
