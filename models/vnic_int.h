/* vnic_int.h: internals shared by vnic.c (networks, addresses) and
 * vnic_connect.c (who can connect to whom) of model "vnic".
 *
 * The plain-data state block and the enums of the action arguments.  Not for
 * other models: they talk to vnic only through events (vnic.h). */
#ifndef HVSIM_MODELS_VNIC_INT_H
#define HVSIM_MODELS_VNIC_INT_H

#include <stdint.h>

#include "engine.h"
#include "release.h"
#include "stages.h"
#include "vnic.h"

#define VNIC_MAX_NETS 16
#define VNIC_MAX_SERVICES 32
#define VNIC_MAX_SAVED 16
#define VNIC_MAX_PROXIES 8
#define VNIC_LOOPBACK ((int64_t)0x7F000001) /* 127.0.0.1 */

enum { MODE_NONE, MODE_NAT, MODE_MIRRORED, MODE_VIRTIOPROXY, MODE_BRIDGED, MODE_CONSOMME };
enum { FROM_WINDOWS, FROM_LINUX, FROM_WSL1, FROM_LAN };
enum { VIA_LOCALHOST, VIA_HARDCODED, VIA_RESOLV, VIA_GATEWAY };
enum { SIDE_WINDOWS, SIDE_LINUX };
enum { BIND_ALL, BIND_LOCALHOST };
enum { RULE_ALLOW, RULE_NONE };
enum { RESULT_NONE, RESULT_OK, RESULT_TIMEOUT, RESULT_REFUSED };

extern const char *const hv_vnic_from_names[];
extern const char *const hv_vnic_via_names[];
extern const char *const hv_vnic_side_names[];

typedef struct vnic_net { int64_t addr, prefix; } vnic_net;
/* A listening service: which side, port, bound to all addresses or only to
 * localhost, and (Windows services) whether Windows Defender Firewall has an
 * inbound rule for it. */
typedef struct vnic_service { int64_t side, port, bind, rule; } vnic_service;
typedef struct vnic_saved { int64_t from, port, addr; } vnic_saved; /* a hardcoded address */
/* netsh interface portproxy: host LAN port -> a fixed guest address. */
typedef struct vnic_proxy { int64_t port, guest_addr; } vnic_proxy;

typedef struct vnic_state {
    /* parameters */
    int64_t mode;                 /* enum mode_names (networkingMode) */
    int64_t dns_tunneling;        /* hv_tristate (dnsTunneling) */
    int64_t firewall;             /* hv_tristate (firewall: the Hyper-V firewall) */
    int64_t localhost_forwarding; /* bool */
    int64_t hyperv_inbound_allow; /* bool: Hyper-V firewall lets inbound connections in */
    int64_t features_min_build;   /* mirrored, dnsTunneling, firewall need this build */
    int64_t features_since;       /* ... and this WSL release (version) */
    int64_t firewall_default_since;      /* firewall on by default since (version) */
    int64_t dns_tunneling_default_since; /* dnsTunneling on by default since (version) */
    int64_t subnet_saved_since;   /* NAT subnet saved and reused since (version) */
    int64_t legacy_network_dies_with_vm; /* bool: before saving, the network went with the VM */
    int64_t hns_create_ns;        /* building the NAT network, ns */
    int64_t dhcp_ns;              /* the guest's lease, ns */
    int64_t dhcp_timeout_ns;      /* WSL gives up on DHCP after this, ns */
    int64_t linux_connect_timeout_ns;   /* Linux connect() to a dead address, ns */
    int64_t windows_connect_timeout_ns; /* Windows connect() to a dead address, ns */
    int64_t rtt_ns;               /* round trip across the virtual switch, ns */
    int64_t host_lan_ip;          /* the host's own LAN address (IPv4) */
    int64_t dns_tunnel_ip;        /* nameserver written with dnsTunneling (IPv4) */
    /* metrics */
    int64_t up;                   /* bool: addresses assigned */
    int64_t mode_in_force;        /* enum mode_names: after fallbacks */
    int64_t tunneling_in_force;   /* bool */
    int64_t firewall_in_force;    /* bool */
    int64_t subnet;               /* the NAT subnet's network address */
    int64_t host_ip;              /* how the guest reaches Windows */
    int64_t guest_ip;
    int64_t nameserver;           /* as in /etc/resolv.conf */
    int64_t gateway;              /* the guest's default route */
    int64_t saved_subnet;         /* registry NatNetwork, 0 = none */
    int64_t networks_built;       /* HNS networks created, count */
    int64_t subnet_changes;       /* starts that got a different subnet than the last, count */
    int64_t connects_ok, connects_timed_out, connects_refused; /* counts */
    int64_t last_result;          /* enum result_names */
    /* private */
    hv_release rel;               /* installed releases (boot news) */
    int64_t host_id;              /* host model id, -1 if absent */
    int64_t epoch;                /* bumped at every VM stop; stale events carry an old one */
    int64_t live_net[2];          /* HNS network per firewall flag: its subnet, 0 = none */
    int64_t saved_guest_ip;       /* registry NatIpAddress, 0 = none */
    int64_t last_subnet;          /* subnet of the previous start, 0 = none yet */
    int64_t n_nets, n_services, n_saved, n_proxies;
    vnic_net nets[VNIC_MAX_NETS];
    vnic_service services[VNIC_MAX_SERVICES];
    vnic_saved saved[VNIC_MAX_SAVED];
    vnic_proxy proxies[VNIC_MAX_PROXIES];
} vnic_state;

hv_text hv_vnic_fmt_ip(int64_t a);

/* vnic_connect.c: the actions listen / connect / portproxy and the outcome
 * events.  Called from vnic.c's handler. */
void hv_vnic_on_listen(vnic_state *s, sim_ctx *ctx, const sim_event *ev);
void hv_vnic_on_connect(vnic_state *s, sim_ctx *ctx, const sim_event *ev);
void hv_vnic_on_portproxy(vnic_state *s, sim_ctx *ctx, const sim_event *ev);
void hv_vnic_on_outcome(vnic_state *s, sim_ctx *ctx, const sim_event *ev);
/* Linux services stop listening when the VM stops; returns how many. */
int64_t hv_vnic_drop_linux_services(vnic_state *s);

#endif
