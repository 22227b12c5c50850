/* vnic.c: the utility VM's virtual network (model "vnic"): which network and
 * which addresses the guest gets, and when they change.
 *
 * NAT mode (the default).  When the VM starts, WSL asks the Host Network
 * Service for its NAT network ("WSL", or "WSL (Hyper-V firewall)" when the
 * firewall is on).  HNS creates it only if it does not exist yet: WSL never
 * deletes it, but it is non-persistent, so it lives until Windows reboots
 * (Src NatNetworking.cpp, WslCoreConfig.cpp).  HNS picks the subnet (a /20
 * in 172.16.0.0/12 in users' reports) unless WSL passes the subnet it saved
 * in the registry after the last start; if that one is no longer usable (it
 * overlaps a VPN, Docker or the other WSL network) WSL warns and lets HNS
 * pick a fresh one.  So on a current release the addresses survive `wsl
 * --shutdown` and even a reboot, and change only on a conflict.  Releases
 * before subnet saving (the article's era) lost the network with the VM
 * (legacy_network_dies_with_vm) and drew a new subnet at every start.
 * The guest's address, /etc/resolv.conf (the host, or the DNS tunnel
 * 10.255.255.254 with dnsTunneling) and the default route come with the lease.
 * Mirrored mode (Windows 11 22H2+, WSL 2.0+): the guest shares the host's
 * LAN address; on an older system WSL falls back to NAT with a warning.
 * virtioproxy and bridged are accepted but run as NAT here (not simulated).
 * Connections: vnic_connect.c.
 * Simplified: one distro, TCP only, no IPv6; the subnet is drawn uniformly
 * among the free /20s (HNS's choice is not documented).  Numbers:
 * docs/calibration.md, docs/network.md. */
#include "vnic_int.h"

#include <stddef.h>
#include <string.h>

#include "host.h"
#include "utility_vm.h"
#include "rng.h"

#define RANGE_BASE 0xAC100000u /* 172.16.0.0 */
#define RANGE_PREFIX 12
#define SUBNET_PREFIX 20
#define N_SUBNETS (1 << (SUBNET_PREFIX - RANGE_PREFIX)) /* 256 */

static const char *const mode_names[] = {"none",    "nat",      "mirrored", "virtioproxy",
                                         "bridged", "consomme", NULL};
const char *const hv_vnic_from_names[] = {"windows", "linux", "wsl1", "lan", NULL};
const char *const hv_vnic_via_names[] = {"localhost", "hardcoded", "resolv", "gateway", NULL};
const char *const hv_vnic_side_names[] = {"windows", "linux", NULL};
static const char *const bind_names[] = {"all", "localhost", NULL};
static const char *const rule_names[] = {"allow", "none", NULL};
static const char *const result_names[] = {"none", "connected", "timeout", "refused", NULL};

static const char *const vnic_kinds[] = {"vm_start", "vm_stop",  "nat_ready", "lease",
                                         "host_net", "listen",   "connect",   "connected",
                                         "timeout",  "refused",  "boot_news", "portproxy"};

#define IP(a, b, c, d) ((int64_t)(((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d)))
#define P_DUR(nm, field, dflt, lo, hi, d, src)                                               \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = dflt}, .min = {.i = lo}, \
     .max = {.i = hi}, .offset = offsetof(vnic_state, field), .doc = d, .source = src}
#define P_BOOL(nm, field, dflt, d, src)                                                     \
    {.name = nm, .type = SIM_T_BOOL, .unit = "", .def = {.i = dflt}, .min = {.i = 0},         \
     .max = {.i = 1}, .offset = offsetof(vnic_state, field), .doc = d, .source = src}
#define P_TRI(nm, field, d, src)                                                             \
    {.name = nm, .type = SIM_T_ENUM, .unit = "", .def = {.i = HV_TRI_AUTO}, .min = {.i = 0},  \
     .max = {.i = 2}, .enum_names = hv_tristate_names, .offset = offsetof(vnic_state, field), \
     .doc = d, .source = src, .when = SIM_PARAM_AT_START}
#define P_VER(nm, field, a, b, c, d, src)                                                    \
    {.name = nm, .type = SIM_T_VERSION, .unit = "", .def = {.i = SIM_VERSION(a, b, c)},       \
     .min = {.i = 0}, .max = {.i = SIM_VERSION(99, 0, 0)},                                    \
     .offset = offsetof(vnic_state, field), .doc = d, .source = src, .when = SIM_PARAM_AT_START}
#define P_ADDR(nm, field, dflt, d, src)                                                      \
    {.name = nm, .type = SIM_T_ADDRESS, .unit = "", .def = {.i = dflt}, .min = {.i = 0},      \
     .max = {.i = 0xFFFFFFFF}, .offset = offsetof(vnic_state, field), .doc = d, .source = src, .when = SIM_PARAM_AT_START}

static const sim_param_def vnic_params[] = {
    {.name = "mode", .type = SIM_T_ENUM, .unit = "", .def = {.i = MODE_NAT}, .min = {.i = 0},
     .max = {.i = 5}, .enum_names = mode_names, .offset = offsetof(vnic_state, mode),
     .doc = "networkingMode: none, nat, mirrored (virtioproxy, bridged, consomme run as nat)",
     .source = "vnic.mode", .when = SIM_PARAM_AT_START},
    P_TRI("dns_tunneling", dns_tunneling,
          "resolv.conf names 10.255.255.254 instead of the host; auto = the release's default",
          "vnic.dns_tunneling"),
    P_TRI("firewall", firewall,
          "the Hyper-V firewall filters the VM's traffic; auto = the release's default",
          "vnic.firewall"),
    P_BOOL("localhost_forwarding", localhost_forwarding, 1,
           "Windows reaches Linux services on localhost", "vnic.localhost_forwarding"),
    P_BOOL("hyperv_inbound_allow", hyperv_inbound_allow, 0,
           "Set-NetFirewallHyperVVMSetting -DefaultInboundAction Allow was run",
           "vnic.hyperv_inbound_allow"),
    {.name = "features_min_build", .type = SIM_T_COUNT, .unit = "", .def = {.i = 22621},
     .min = {.i = 0}, .max = {.i = 99999}, .offset = offsetof(vnic_state, features_min_build),
     .doc = "mirrored mode, dnsTunneling and the Hyper-V firewall need this Windows build",
     .source = "vnic.features_min_build"},
    P_VER("features_since", features_since, 2, 0, 0,
          "mirrored mode, dnsTunneling and the Hyper-V firewall arrived in this WSL release",
          "vnic.features_since"),
    P_VER("firewall_default_since", firewall_default_since, 2, 0, 9,
          "the Hyper-V firewall is on by default since this release", "vnic.firewall_default_since"),
    P_VER("dns_tunneling_default_since", dns_tunneling_default_since, 2, 2, 1,
          "dnsTunneling is on by default since this release", "vnic.dns_tunneling_default_since"),
    P_VER("subnet_saved_since", subnet_saved_since, 1, 2, 0,
          "WSL saves the NAT subnet and reuses it since this release", "vnic.subnet_saved_since"),
    P_BOOL("legacy_network_dies_with_vm", legacy_network_dies_with_vm, 1,
           "before subnet saving: the NAT network went with the VM (new subnet every start)",
           "vnic.legacy_network_dies_with_vm"),
    P_DUR("hns_create", hns_create_ns, 150 * SIM_MS, 0, SIM_MIN,
          "Host Network Service creates the NAT network (once per Windows boot)",
          "vnic.hns_create"),
    P_DUR("dhcp", dhcp_ns, 200 * SIM_MS, 0, SIM_MIN, "the guest leases its address",
          "vnic.dhcp"),
    P_DUR("dhcp_timeout", dhcp_timeout_ns, 5 * SIM_S, SIM_MS, SIM_H,
          "WSL gives up waiting for DHCP", "vnic.dhcp_timeout"),
    P_DUR("linux_connect_timeout", linux_connect_timeout_ns, 127 * SIM_S, SIM_MS, SIM_H,
          "Linux connect() to an address nobody has (tcp_syn_retries=6)",
          "vnic.linux_connect_timeout"),
    P_DUR("windows_connect_timeout", windows_connect_timeout_ns, 21 * SIM_S, SIM_MS, SIM_H,
          "Windows connect() to an address nobody has", "vnic.windows_connect_timeout"),
    P_DUR("rtt", rtt_ns, 100 * SIM_US, 0, SIM_S, "round trip across the virtual switch",
          "vnic.rtt"),
    P_ADDR("host_lan_ip", host_lan_ip, IP(192, 168, 1, 20), "the host's own LAN address",
           "vnic.host_lan_ip"),
    P_ADDR("dns_tunnel_ip", dns_tunnel_ip, IP(10, 255, 255, 254),
           "nameserver written to resolv.conf with dnsTunneling", "vnic.dns_tunnel_ip"),
};

static const sim_arg_def host_net_args[] = {
    {.name = "net", .type = SIM_T_ADDRESS, .required = 1, .min = {.i = 0},
     .max = {.i = 0xFFFFFFFF}, .doc = "network address the host already uses"},
    {.name = "prefix", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 32},
     .doc = "its prefix length"},
};
static const sim_arg_def listen_args[] = {
    {.name = "side", .type = SIM_T_ENUM, .required = 1, .enum_names = hv_vnic_side_names,
     .min = {.i = 0}, .max = {.i = 1}, .doc = "windows or linux"},
    {.name = "port", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 65535},
     .doc = "TCP port"},
    {.name = "bind", .type = SIM_T_ENUM, .required = 0, .def = {.i = BIND_ALL},
     .enum_names = bind_names, .min = {.i = 0}, .max = {.i = 1},
     .doc = "all (0.0.0.0) or localhost (127.0.0.1 only)"},
    {.name = "rule", .type = SIM_T_ENUM, .required = 0, .def = {.i = RULE_ALLOW},
     .enum_names = rule_names, .min = {.i = 0}, .max = {.i = 1},
     .doc = "Windows services: a Windows Defender Firewall inbound rule allows it, or none"},
};
static const sim_arg_def connect_args[] = {
    {.name = "from", .type = SIM_T_ENUM, .required = 1, .enum_names = hv_vnic_from_names,
     .min = {.i = 0}, .max = {.i = 3}, .doc = "windows, linux (WSL2), wsl1, or lan (another machine)"},
    {.name = "port", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 65535},
     .doc = "TCP port of the service on the other side"},
    {.name = "via", .type = SIM_T_ENUM, .required = 0, .def = {.i = VIA_LOCALHOST},
     .enum_names = hv_vnic_via_names, .min = {.i = 0}, .max = {.i = 3},
     .doc = "localhost, hardcoded (the address seen first), resolv (nameserver), gateway; "
            "a lan client always dials the host's LAN address"},
};
static const sim_arg_def portproxy_args[] = {
    {.name = "port", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 65535},
     .doc = "host port forwarded to the same port at the guest's current address"},
};
static const sim_action_def vnic_actions[] = {
    {.name = "host_net", .kind = HV_VNIC_HOST_NET, .args = host_net_args, .n_args = 2,
     .doc = "the host now uses this network (a VPN, Docker, a LAN)"},
    {.name = "listen", .kind = HV_VNIC_LISTEN, .args = listen_args, .n_args = 4,
     .doc = "a service listens on a port (Linux services die with the VM)"},
    {.name = "connect", .kind = HV_VNIC_CONNECT, .args = connect_args, .n_args = 3,
     .doc = "a client connects across the boundary"},
    {.name = "portproxy", .kind = HV_VNIC_PORTPROXY, .args = portproxy_args, .n_args = 1,
     .doc = "netsh interface portproxy: the LAN reaches a NAT-mode guest service"},
};

#define M_ADDR(nm, field, d) \
    {.name = nm, .type = SIM_T_ADDRESS, .unit = "", .offset = offsetof(vnic_state, field), .doc = d}
#define M_COUNT(nm, field, d) \
    {.name = nm, .type = SIM_T_COUNT, .unit = "", .offset = offsetof(vnic_state, field), .doc = d}
#define M_BOOL(nm, field, d) \
    {.name = nm, .type = SIM_T_BOOL, .unit = "", .offset = offsetof(vnic_state, field), .doc = d}
static const sim_metric_def vnic_metrics[] = {
    M_BOOL("up", up, "the guest has an address"),
    {.name = "mode_in_force", .type = SIM_T_ENUM, .unit = "", .enum_names = mode_names,
     .offset = offsetof(vnic_state, mode_in_force),
     .doc = "networking mode after WSL's fallbacks (mirrored -> nat on an older system)"},
    M_BOOL("tunneling_in_force", tunneling_in_force, "DNS tunneling in force"),
    M_BOOL("firewall_in_force", firewall_in_force, "the Hyper-V firewall in force"),
    M_ADDR("subnet", subnet, "NAT subnet (a /20 in 172.16.0.0/12)"),
    M_ADDR("host_ip", host_ip, "the Windows host as the guest sees it"),
    M_ADDR("guest_ip", guest_ip, "the guest's address"),
    M_ADDR("nameserver", nameserver, "nameserver line of /etc/resolv.conf"),
    M_ADDR("gateway", gateway, "the guest's default gateway"),
    M_ADDR("saved_subnet", saved_subnet, "the NAT subnet WSL saved in the registry (0.0.0.0: none)"),
    M_COUNT("networks_built", networks_built, "NAT networks HNS created"),
    M_COUNT("subnet_changes", subnet_changes, "starts that got a different subnet"),
    M_COUNT("connects_ok", connects_ok, "connections that succeeded"),
    M_COUNT("connects_timed_out", connects_timed_out, "silent timeouts"),
    M_COUNT("connects_refused", connects_refused, "refused at once"),
    {.name = "last_result", .type = SIM_T_ENUM, .unit = "", .enum_names = result_names,
     .offset = offsetof(vnic_state, last_result), .doc = "outcome of the last connection"},
};

int hv_vnic_overlaps(uint32_t a, int a_prefix, uint32_t b, int b_prefix)
{
    int p = a_prefix < b_prefix ? a_prefix : b_prefix;
    uint32_t mask = p == 0 ? 0 : 0xFFFFFFFFu << (32 - p);
    return (a & mask) == (b & mask);
}

hv_text hv_vnic_fmt_ip(int64_t a)
{
    hv_text t;
    sim_value_format(SIM_T_ADDRESS, (sim_value){.i = a}, NULL, t.s, sizeof t.s);
    return t;
}

static uint32_t subnet_at(int i) { return RANGE_BASE + ((uint32_t)i << (32 - SUBNET_PREFIX)); }

/* Free: no host network and no other live WSL network overlaps it. */
static int subnet_free(const vnic_state *s, uint32_t net)
{
    for (int64_t i = 0; i < s->n_nets; i++)
        if (hv_vnic_overlaps(net, SUBNET_PREFIX, (uint32_t)s->nets[i].addr, (int)s->nets[i].prefix))
            return 0;
    for (int f = 0; f < 2; f++)
        if (s->live_net[f] && (uint32_t)s->live_net[f] == net) return 0;
    return 1;
}

/* HNS's own pick: uniform among the free /20s.  0 if none is free. */
static uint32_t hns_pick(const vnic_state *s, sim_ctx *ctx)
{
    int n_free = 0;
    for (int i = 0; i < N_SUBNETS; i++) n_free += subnet_free(s, subnet_at(i));
    if (n_free == 0) return 0;
    int64_t k = sim_rng_range(sim_rng_of(ctx), 0, n_free - 1);
    for (int i = 0; i < N_SUBNETS; i++)
        if (subnet_free(s, subnet_at(i)) && k-- == 0) return subnet_at(i);
    return 0;
}

static int saves_subnet(const vnic_state *s)
{
    return hv_release_at_least(s->rel, 0, s->subnet_saved_since);
}

static int has_features(const vnic_state *s)
{
    return hv_release_at_least(s->rel, s->features_min_build, s->features_since);
}

/* What is in force for this VM start: mode after fallbacks, tunneling,
 * firewall.  Returns why the mode differs from the configured one ("" if not). */
static const char *settle_settings(vnic_state *s)
{
    int feat = has_features(s);
    const char *why = "";
    s->mode_in_force = s->mode;
    if (s->mode == MODE_MIRRORED && !feat) {
        s->mode_in_force = MODE_NAT;
        why = "mirrored networking is not supported on this system (Windows 11 22H2 and WSL 2.0 "
              "or later): WSL falls back to NAT; ";
    } else if (s->mode >= MODE_VIRTIOPROXY) {
        s->mode_in_force = MODE_NAT;
        why = "this networkingMode is not simulated: hvsim runs it as nat; ";
    }
    s->firewall_in_force =
        feat && hv_tristate_resolve(s->firewall,
                                    hv_release_at_least(s->rel, 0, s->firewall_default_since));
    s->tunneling_in_force =
        feat && hv_tristate_resolve(s->dns_tunneling,
                                    hv_release_at_least(s->rel, 0, s->dns_tunneling_default_since));
    return why;
}

static void after(sim_ctx *ctx, int64_t delay_ns, int kind, const sim_payload *p)
{
    sim_schedule(ctx, delay_ns, sim_self(ctx), kind, p);
}

static void on_vm_start(vnic_state *s, sim_ctx *ctx)
{
    const char *why = settle_settings(s);
    if (s->mode_in_force == MODE_NONE) {
        sim_note(ctx, "networkingMode=none: the VM gets no network");
        return;
    }
    sim_payload p = {{s->epoch}};
    if (s->mode_in_force == MODE_MIRRORED) {
        sim_note(ctx, "mirrored mode: the guest shares the host's interfaces");
        after(ctx, s->dhcp_ns, HV_VNIC_LEASE, &p);
        return;
    }
    int fw = (int)s->firewall_in_force;
    const char *name = fw ? "WSL (Hyper-V firewall)" : "WSL";
    if (s->live_net[fw]) {
        sim_note(ctx, "%sHNS still has the NAT network \"%s\" (%s/20) from earlier: WSL opens it",
                 why, name, hv_vnic_fmt_ip(s->live_net[fw]).s);
        after(ctx, 0, HV_VNIC_NAT_READY, &p);
        return;
    }
    sim_note(ctx, "%sHNS creates the NAT network \"%s\" (non-persistent: it lasts until Windows "
             "restarts)", why, name);
    after(ctx, s->hns_create_ns, HV_VNIC_NAT_READY, &p);
}

/* The network exists after this: the live one, the saved subnet, or a fresh pick. */
static void on_nat_ready(vnic_state *s, sim_ctx *ctx)
{
    int fw = (int)s->firewall_in_force;
    uint32_t net = (uint32_t)s->live_net[fw];
    const char *how = "the existing network";
    if (!net) {
        uint32_t want = saves_subnet(s) ? (uint32_t)s->saved_subnet : 0;
        if (want && subnet_free(s, want)) {
            net = want;
            how = "the saved subnet, still free";
        } else {
            net = hns_pick(s, ctx);
            how = want ? "a new subnet: the saved one now conflicts (WSL warns: failed to "
                         "create network with the saved range, retrying without constraints)"
                       : "a subnet HNS picked";
        }
        if (!net) {
            sim_note(ctx, "no free /20 left in 172.16.0.0/12: the NAT network cannot be built");
            return;
        }
        s->live_net[fw] = net;
        s->networks_built++;
    }
    int changed = s->last_subnet && (uint32_t)s->last_subnet != net;
    s->subnet_changes += changed;
    s->subnet = s->last_subnet = net;
    s->host_ip = s->gateway = net + 1;
    int lease = s->dhcp_ns <= s->dhcp_timeout_ns;
    sim_note(ctx, "NAT subnet %s/20 (%s); vEthernet (WSL) = %s%s%s", hv_vnic_fmt_ip(net).s, how,
             hv_vnic_fmt_ip(s->host_ip).s, changed ? "; a different subnet than last time" : "",
             lease ? "" : "; DHCP will not answer in time: the guest gets no address");
    sim_payload p = {{s->epoch}};
    if (lease) after(ctx, s->dhcp_ns, HV_VNIC_LEASE, &p);
}

static void on_lease(vnic_state *s, sim_ctx *ctx)
{
    if (s->mode_in_force == MODE_MIRRORED) {
        s->host_ip = s->guest_ip = s->gateway = s->host_lan_ip;
        s->subnet = 0;
    } else if (saves_subnet(s) && s->saved_guest_ip &&
               ((uint32_t)s->saved_guest_ip & 0xFFFFF000u) == (uint32_t)s->subnet) {
        s->guest_ip = s->saved_guest_ip;
    } else {
        s->guest_ip = s->subnet + sim_rng_range(sim_rng_of(ctx), 2, (1 << (32 - SUBNET_PREFIX)) - 2);
    }
    s->nameserver = s->tunneling_in_force ? s->dns_tunnel_ip : s->host_ip;
    s->up = 1;
    int save = s->mode_in_force == MODE_NAT && saves_subnet(s);
    if (save) {
        s->saved_subnet = s->subnet;
        s->saved_guest_ip = s->guest_ip;
    }
    sim_note(ctx, "guest eth0 = %s; /etc/resolv.conf: nameserver %s%s%s",
             hv_vnic_fmt_ip(s->guest_ip).s, hv_vnic_fmt_ip(s->nameserver).s,
             s->tunneling_in_force ? " (the DNS tunnel, not the host)" : " (the Windows host)",
             save ? "; WSL saves subnet and address in the registry for next time" : "");
}

static void on_vm_stop(vnic_state *s, sim_ctx *ctx)
{
    int64_t gone = hv_vnic_drop_linux_services(s);
    s->epoch++;
    s->up = 0;
    s->guest_ip = s->host_ip = s->gateway = s->nameserver = s->subnet = 0;
    int dies = !saves_subnet(s) && s->legacy_network_dies_with_vm;
    if (dies) s->live_net[0] = s->live_net[1] = 0;
    sim_note(ctx, "VM stopped: its endpoint is gone%s%s",
             dies ? "; this release tears the NAT network down with it"
                  : "; the NAT network stays in HNS until Windows restarts",
             gone ? "; Linux services stop listening" : "");
}

static void on_boot_news(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    s->rel = hv_release_from_news(ev);
    if (s->rel.boots <= 1) return;
    s->live_net[0] = s->live_net[1] = 0;
    sim_note(ctx, "Windows restarted: HNS has forgotten the non-persistent WSL networks%s",
             saves_subnet(s) && s->saved_subnet ? "; the saved subnet is still in the registry"
                                                : "");
}

static void on_host_net(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->n_nets == VNIC_MAX_NETS) {
        sim_note(ctx, "ignored: at most %d host networks", VNIC_MAX_NETS);
        return;
    }
    s->nets[s->n_nets++] = (vnic_net){ev->p.w[0], ev->p.w[1]};
    int clash = s->up && s->mode_in_force == MODE_NAT &&
                hv_vnic_overlaps((uint32_t)s->subnet, SUBNET_PREFIX, (uint32_t)ev->p.w[0],
                                 (int)ev->p.w[1]);
    sim_note(ctx, "the host now uses %s/%lld%s", hv_vnic_fmt_ip(ev->p.w[0]).s,
             (long long)ev->p.w[1],
             clash ? ": it overlaps the running WSL network" : ": WSL will avoid it");
}

static void vnic_init(void *state, sim_ctx *ctx)
{
    vnic_state *s = state;
    hv_uvm_subscribe(ctx, sim_lookup(ctx, HV_UVM_NAME), HV_VNIC_VM_START, HV_VNIC_VM_STOP);
    s->mode_in_force = s->mode;
    /* what a current release would use; settled again at every VM start */
    s->tunneling_in_force = s->dns_tunneling != HV_TRI_FALSE;
    s->firewall_in_force = s->firewall != HV_TRI_FALSE;
    s->host_id = sim_lookup(ctx, HV_HOST_NAME);
    hv_host_subscribe_boot(ctx, (int)s->host_id, HV_VNIC_BOOT_NEWS);
}

static int stale(const vnic_state *s, const sim_event *ev) { return ev->p.w[0] != s->epoch; }

static void vnic_handle(void *state, sim_ctx *ctx, const sim_event *ev)
{
    vnic_state *s = state;
    switch (ev->kind) {
    case HV_VNIC_VM_START: on_vm_start(s, ctx); break;
    case HV_VNIC_VM_STOP: on_vm_stop(s, ctx); break;
    case HV_VNIC_NAT_READY:
        if (stale(s, ev)) sim_note(ctx, "void: the VM stopped first");
        else on_nat_ready(s, ctx);
        break;
    case HV_VNIC_LEASE:
        if (stale(s, ev)) sim_note(ctx, "void: the VM stopped first");
        else on_lease(s, ctx);
        break;
    case HV_VNIC_HOST_NET: on_host_net(s, ctx, ev); break;
    case HV_VNIC_LISTEN: hv_vnic_on_listen(s, ctx, ev); break;
    case HV_VNIC_CONNECT: hv_vnic_on_connect(s, ctx, ev); break;
    case HV_VNIC_PORTPROXY: hv_vnic_on_portproxy(s, ctx, ev); break;
    case HV_VNIC_BOOT_NEWS: on_boot_news(s, ctx, ev); break;
    default: hv_vnic_on_outcome(s, ctx, ev); break;
    }
}

static void vnic_snapshot(const void *state, sim_snapshot *out)
{
    const vnic_state *s = state;
    if (!s->up) {
        strcpy(out->status, "down");
    } else {
        hv_text g = hv_vnic_fmt_ip(s->guest_ip), h = hv_vnic_fmt_ip(s->host_ip);
        size_t n = strlen(g.s);
        memcpy(out->status, g.s, n);
        out->status[n] = '\0';
        strncat(out->status, " -> host ", sizeof out->status - strlen(out->status) - 1);
        strncat(out->status, h.s, sizeof out->status - strlen(out->status) - 1);
    }
}

/* Drawn inside the utility VM: its addresses, or "down" while the VM is off. */
static const sim_view_item vnic_items[] = {
    {.metric = "guest_ip", .label = "guest"},
    {.metric = "host_ip", .label = "host"},
    {.metric = "subnet", .label = "subnet"},
    {.metric = "nameserver", .label = "DNS"},
};
static const sim_view_badge vnic_badges[] = {
    {.metric = "up", .min = 0, .max = 0, .text = "down, no address",
     .note = "the network exists only while the VM runs; a new subnet at each start",
     .hides_body = 1},
};
static const sim_view_def vnic_view = {
    .title = "virtual NIC (NAT)",
    .place = SIM_PLACE_INSIDE,
    .parent = "uvm",
    .items = vnic_items, .n_items = SIM_COUNTOF(vnic_items),
    .badges = vnic_badges, .n_badges = SIM_COUNTOF(vnic_badges),
};
const sim_model_ops hv_vnic_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_VNIC_NAME,
    .doc = "WSL2's virtual network: NAT subnet kept or changed, resolv.conf, firewalls",
    .state_size = sizeof(vnic_state),
    .params = vnic_params, .n_params = SIM_COUNTOF(vnic_params),
    .actions = vnic_actions, .n_actions = SIM_COUNTOF(vnic_actions),
    .metrics = vnic_metrics, .n_metrics = SIM_COUNTOF(vnic_metrics),
    .event_kinds = vnic_kinds, .n_event_kinds = HV_VNIC_KIND_COUNT,
    .init = vnic_init,
    .handle_event = vnic_handle,
    .snapshot = vnic_snapshot,
    .view = &vnic_view,
};
