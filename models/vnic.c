/* vnic.c: the utility VM's virtual network (model "vnic").
 *
 * NAT mode (the default): at every VM start the Host Network Service builds
 * a non-persistent NAT network -- a /20 subnet chosen inside 172.16.0.0/12,
 * avoiding networks the host already uses -- puts the host's virtual adapter
 * "vEthernet (WSL)" at the subnet's first address, leases the guest an
 * address by DHCP and writes the host's address into /etc/resolv.conf (or
 * 10.255.255.254 with dnsTunneling).  When the VM stops, the network goes.
 * Mirrored mode: the guest shares the host's LAN address and localhost works
 * both ways.  WSL1 clients use the Windows stack itself.
 *
 * Connections are events: an attempt decides its outcome from the current
 * addresses and listeners, then ends `rtt` later as connected or refused,
 * or -- when the address no longer exists -- as a timeout after the
 * client's connect timeout, with no message to the user.  That silent
 * timeout is the article's trap for scripts that hardcode the host address.
 *
 * Simplified: one distro, TCP only, no firewall, no IPv6, no port proxy
 * details; the subnet is drawn uniformly among the free /20s (the real HNS
 * choice is not documented).  Numbers: docs/calibration.md, docs/network.md. */
#include "vnic.h"

#include <stddef.h>
#include <string.h>

#include "rng.h"
#include "stages.h"

#define VNIC_MAX_NETS 16
#define VNIC_MAX_SERVICES 32
#define VNIC_MAX_SAVED 16
#define RANGE_BASE 0xAC100000u /* 172.16.0.0 */
#define RANGE_PREFIX 12
#define SUBNET_PREFIX 20
#define N_SUBNETS (1 << (SUBNET_PREFIX - RANGE_PREFIX)) /* 256 */

enum { MODE_NONE, MODE_NAT, MODE_MIRRORED };
enum { FROM_WINDOWS, FROM_LINUX, FROM_WSL1 };
enum { VIA_LOCALHOST, VIA_HARDCODED, VIA_RESOLV, VIA_GATEWAY };
enum { SIDE_WINDOWS, SIDE_LINUX };
enum { RESULT_NONE, RESULT_OK, RESULT_TIMEOUT, RESULT_REFUSED };

static const char *const mode_names[] = {"none", "nat", "mirrored", NULL};
static const char *const from_names[] = {"windows", "linux", "wsl1", NULL};
static const char *const via_names[] = {"localhost", "hardcoded", "resolv", "gateway", NULL};
static const char *const side_names[] = {"windows", "linux", NULL};
static const char *const result_names[] = {"none", "connected", "timeout", "refused", NULL};

typedef struct vnic_net { int64_t addr, prefix; } vnic_net;
typedef struct vnic_service { int64_t side, port; } vnic_service;
typedef struct vnic_saved { int64_t from, port, addr; } vnic_saved; /* a hardcoded address */

typedef struct vnic_state {
    /* parameters */
    int64_t mode;                 /* enum mode_names */
    int64_t dns_tunneling;        /* bool */
    int64_t localhost_forwarding; /* bool */
    int64_t reuse_subnet;         /* bool: newer builds' "reuse the saved subnet" */
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
    int64_t subnet;               /* the NAT subnet's network address */
    int64_t host_ip;              /* how the guest reaches Windows */
    int64_t guest_ip;
    int64_t nameserver;           /* as in /etc/resolv.conf */
    int64_t gateway;              /* the guest's default route */
    int64_t networks_built;       /* count */
    int64_t subnet_changes;       /* builds that got a different subnet than the last, count */
    int64_t connects_ok, connects_timed_out, connects_refused; /* counts */
    int64_t last_result;          /* enum result_names */
    /* private */
    int64_t epoch;                /* bumped at every VM stop; stale events carry an old one */
    int64_t last_subnet;          /* 0 = none yet */
    int64_t n_nets, n_services, n_saved;
    vnic_net nets[VNIC_MAX_NETS];
    vnic_service services[VNIC_MAX_SERVICES];
    vnic_saved saved[VNIC_MAX_SAVED];
} vnic_state;

static const char *const vnic_kinds[] = {"vm_start", "vm_stop",  "nat_ready", "lease",
                                         "host_net", "listen",   "connect",   "connected",
                                         "timeout",  "refused"};

#define IP(a, b, c, d) ((int64_t)(((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d)))
#define P_DUR(nm, field, dflt, lo, hi, d, src)                                               \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = dflt}, .min = {.i = lo}, \
     .max = {.i = hi}, .offset = offsetof(vnic_state, field), .doc = d, .source = src}
#define P_BOOL(nm, field, dflt, d, src)                                                     \
    {.name = nm, .type = SIM_T_BOOL, .unit = "", .def = {.i = dflt}, .min = {.i = 0},         \
     .max = {.i = 1}, .offset = offsetof(vnic_state, field), .doc = d, .source = src}
#define P_ADDR(nm, field, dflt, d, src)                                                      \
    {.name = nm, .type = SIM_T_ADDRESS, .unit = "", .def = {.i = dflt}, .min = {.i = 0},      \
     .max = {.i = 0xFFFFFFFF}, .offset = offsetof(vnic_state, field), .doc = d, .source = src}

static const sim_param_def vnic_params[] = {
    {.name = "mode", .type = SIM_T_ENUM, .unit = "", .def = {.i = MODE_NAT}, .min = {.i = 0},
     .max = {.i = 2}, .enum_names = mode_names, .offset = offsetof(vnic_state, mode),
     .doc = "networkingMode: none, nat or mirrored", .source = "vnic.mode"},
    P_BOOL("dns_tunneling", dns_tunneling, 1,
           "resolv.conf names 10.255.255.254 instead of the host", "vnic.dns_tunneling"),
    P_BOOL("localhost_forwarding", localhost_forwarding, 1,
           "Windows reaches Linux services on localhost", "vnic.localhost_forwarding"),
    P_BOOL("reuse_subnet", reuse_subnet, 0,
           "what-if: keep the last subnet when it is still free (newer builds)",
           "vnic.reuse_subnet"),
    P_DUR("hns_create", hns_create_ns, 150 * SIM_MS, 0, SIM_MIN,
          "Host Network Service builds the NAT network", "vnic.hns_create"),
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
    {.name = "side", .type = SIM_T_ENUM, .required = 1, .enum_names = side_names,
     .min = {.i = 0}, .max = {.i = 1}, .doc = "windows or linux"},
    {.name = "port", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 65535},
     .doc = "TCP port"},
};
static const sim_arg_def connect_args[] = {
    {.name = "from", .type = SIM_T_ENUM, .required = 1, .enum_names = from_names,
     .min = {.i = 0}, .max = {.i = 2}, .doc = "windows, linux (WSL2) or wsl1"},
    {.name = "port", .type = SIM_T_COUNT, .required = 1, .min = {.i = 1}, .max = {.i = 65535},
     .doc = "TCP port of the service on the other side"},
    {.name = "via", .type = SIM_T_ENUM, .required = 1, .enum_names = via_names,
     .min = {.i = 0}, .max = {.i = 3},
     .doc = "localhost, hardcoded (the address seen first), resolv (nameserver), gateway"},
};
static const sim_action_def vnic_actions[] = {
    {.name = "host_net", .kind = HV_VNIC_HOST_NET, .args = host_net_args, .n_args = 2,
     .doc = "the host already uses this network (a VPN, Docker, a LAN)"},
    {.name = "listen", .kind = HV_VNIC_LISTEN, .args = listen_args, .n_args = 2,
     .doc = "a service listens on a port (Linux services die with the VM)"},
    {.name = "connect", .kind = HV_VNIC_CONNECT, .args = connect_args, .n_args = 3,
     .doc = "a client connects across the boundary"},
};

#define M_ADDR(nm, field, d) \
    {.name = nm, .type = SIM_T_ADDRESS, .unit = "", .offset = offsetof(vnic_state, field), .doc = d}
#define M_COUNT(nm, field, d) \
    {.name = nm, .type = SIM_T_COUNT, .unit = "", .offset = offsetof(vnic_state, field), .doc = d}
static const sim_metric_def vnic_metrics[] = {
    {.name = "up", .type = SIM_T_BOOL, .unit = "", .offset = offsetof(vnic_state, up),
     .doc = "the guest has an address"},
    M_ADDR("subnet", subnet, "NAT subnet (a /20 in 172.16.0.0/12)"),
    M_ADDR("host_ip", host_ip, "the Windows host as the guest sees it"),
    M_ADDR("guest_ip", guest_ip, "the guest's address"),
    M_ADDR("nameserver", nameserver, "nameserver line of /etc/resolv.conf"),
    M_ADDR("gateway", gateway, "the guest's default gateway"),
    M_COUNT("networks_built", networks_built, "NAT networks built (one per VM start)"),
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

static uint32_t subnet_at(int i) { return RANGE_BASE + ((uint32_t)i << (32 - SUBNET_PREFIX)); }

static int subnet_free(const vnic_state *s, uint32_t net)
{
    for (int64_t i = 0; i < s->n_nets; i++)
        if (hv_vnic_overlaps(net, SUBNET_PREFIX, (uint32_t)s->nets[i].addr, (int)s->nets[i].prefix))
            return 0;
    return 1;
}

/* The NAT subnet for this start: the last one if reuse is on and it is still
 * free, else uniform among the free /20s.  0 if none is free. */
static uint32_t choose_subnet(const vnic_state *s, sim_ctx *ctx)
{
    if (s->reuse_subnet && s->last_subnet && subnet_free(s, (uint32_t)s->last_subnet))
        return (uint32_t)s->last_subnet;
    int n_free = 0;
    for (int i = 0; i < N_SUBNETS; i++) n_free += subnet_free(s, subnet_at(i));
    if (n_free == 0) return 0;
    int64_t k = sim_rng_range(sim_rng_of(ctx), 0, n_free - 1);
    for (int i = 0; i < N_SUBNETS; i++)
        if (subnet_free(s, subnet_at(i)) && k-- == 0) return subnet_at(i);
    return 0;
}

static hv_text fmt_ip(int64_t a)
{
    hv_text t;
    sim_value_format(SIM_T_ADDRESS, (sim_value){.i = a}, NULL, t.s, sizeof t.s);
    return t;
}

static void after(sim_ctx *ctx, int64_t delay_ns, int kind, const sim_payload *p)
{
    sim_schedule(ctx, delay_ns, sim_self(ctx), kind, p);
}

static void on_vm_start(vnic_state *s, sim_ctx *ctx)
{
    if (s->mode == MODE_NONE) {
        sim_note(ctx, "networkingMode=none: the VM gets no network");
        return;
    }
    sim_payload p = {{s->epoch}};
    if (s->mode == MODE_MIRRORED) {
        sim_note(ctx, "mirrored mode: the guest shares the host's interfaces");
        after(ctx, s->dhcp_ns, HV_VNIC_LEASE, &p);
        return;
    }
    sim_note(ctx, "HNS builds a new NAT network for the VM (not persistent)");
    after(ctx, s->hns_create_ns, HV_VNIC_NAT_READY, &p);
}

static void on_nat_ready(vnic_state *s, sim_ctx *ctx)
{
    uint32_t net = choose_subnet(s, ctx);
    if (!net) {
        sim_note(ctx, "no free /20 left in 172.16.0.0/12: the NAT network cannot be built");
        return;
    }
    int changed = s->last_subnet && (uint32_t)s->last_subnet != net;
    s->networks_built++;
    s->subnet_changes += changed;
    s->subnet = s->last_subnet = net;
    s->host_ip = s->gateway = net + 1;
    int lease = s->dhcp_ns <= s->dhcp_timeout_ns;
    sim_note(ctx, "NAT subnet %s/20; vEthernet (WSL) = %s%s%s", fmt_ip(net).s,
             fmt_ip(s->host_ip).s, changed ? " (a different subnet than last time)" : "",
             lease ? "" : "; DHCP will not answer in time: the guest gets no address");
    sim_payload p = {{s->epoch}};
    if (lease) after(ctx, s->dhcp_ns, HV_VNIC_LEASE, &p);
}

static void on_lease(vnic_state *s, sim_ctx *ctx)
{
    if (s->mode == MODE_MIRRORED) {
        s->host_ip = s->guest_ip = s->gateway = s->host_lan_ip;
        s->subnet = 0;
    } else {
        s->guest_ip = s->subnet + sim_rng_range(sim_rng_of(ctx), 2, (1 << (32 - SUBNET_PREFIX)) - 2);
    }
    s->nameserver = s->dns_tunneling ? s->dns_tunnel_ip : s->host_ip;
    s->up = 1;
    sim_note(ctx, "guest eth0 = %s; /etc/resolv.conf: nameserver %s%s", fmt_ip(s->guest_ip).s,
             fmt_ip(s->nameserver).s,
             s->dns_tunneling ? " (the DNS tunnel, not the host)" : " (the Windows host)");
}

static void on_vm_stop(vnic_state *s, sim_ctx *ctx)
{
    int64_t kept = 0;
    for (int64_t i = 0; i < s->n_services; i++)
        if (s->services[i].side == SIDE_WINDOWS) s->services[kept++] = s->services[i];
    int64_t gone = s->n_services - kept;
    s->n_services = kept;
    s->epoch++;
    s->up = 0;
    s->guest_ip = s->host_ip = s->gateway = s->nameserver = s->subnet = 0;
    sim_note(ctx, "VM stopped: the NAT network is torn down%s",
             gone ? "; Linux services stop listening" : "");
}

static void on_host_net(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    if (s->n_nets == VNIC_MAX_NETS) {
        sim_note(ctx, "ignored: at most %d host networks", VNIC_MAX_NETS);
        return;
    }
    s->nets[s->n_nets++] = (vnic_net){ev->p.w[0], ev->p.w[1]};
    sim_note(ctx, "the host already uses %s/%lld: WSL will avoid it", fmt_ip(ev->p.w[0]).s,
             (long long)ev->p.w[1]);
}

static int listening(const vnic_state *s, int64_t side, int64_t port)
{
    for (int64_t i = 0; i < s->n_services; i++)
        if (s->services[i].side == side && s->services[i].port == port) return 1;
    return 0;
}

static void on_listen(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t side = ev->p.w[0], port = ev->p.w[1];
    if (side == SIDE_LINUX && !s->up && s->mode != MODE_NONE) {
        sim_note(ctx, "no Linux service on :%lld: the VM is not running", (long long)port);
        return;
    }
    if (!listening(s, side, port) && s->n_services < VNIC_MAX_SERVICES)
        s->services[s->n_services++] = (vnic_service){side, port};
    sim_note(ctx, "a %s service listens on :%lld", side_names[side], (long long)port);
}

/* The address a hardcoded client uses: the one it saw the first time. */
static int64_t saved_address(vnic_state *s, int64_t from, int64_t port, int64_t now_addr)
{
    for (int64_t i = 0; i < s->n_saved; i++)
        if (s->saved[i].from == from && s->saved[i].port == port) return s->saved[i].addr;
    if (s->n_saved < VNIC_MAX_SAVED) s->saved[s->n_saved++] = (vnic_saved){from, port, now_addr};
    return now_addr;
}

typedef struct attempt {
    int64_t addr;     /* where the client sends its SYN */
    int result;       /* RESULT_OK, RESULT_TIMEOUT, RESULT_REFUSED */
    const char *why;
} attempt;

static attempt plan_windows(vnic_state *s, int64_t port, int64_t via)
{
    attempt a = {IP(127, 0, 0, 1), RESULT_OK, "forwarded to the guest"};
    int svc = s->up && listening(s, SIDE_LINUX, port);
    if (via == VIA_LOCALHOST) {
        if (!s->up) return (attempt){a.addr, RESULT_REFUSED, "the VM is not running"};
        if (s->mode == MODE_NAT && !s->localhost_forwarding)
            return (attempt){a.addr, RESULT_REFUSED, "localhostForwarding is off"};
        return svc ? a : (attempt){a.addr, RESULT_REFUSED, "no Linux service on that port"};
    }
    if (via != VIA_HARDCODED) return (attempt){0, RESULT_REFUSED, "Windows has no resolv.conf"};
    a.addr = saved_address(s, FROM_WINDOWS, port, s->guest_ip);
    if (!s->up || a.addr != s->guest_ip)
        return (attempt){a.addr, RESULT_TIMEOUT, "nobody has that address any more"};
    return svc ? (attempt){a.addr, RESULT_OK, "the guest's current address"}
               : (attempt){a.addr, RESULT_REFUSED, "no Linux service on that port"};
}

static attempt plan_linux(vnic_state *s, int64_t port, int64_t via)
{
    int svc = listening(s, SIDE_WINDOWS, port);
    if (!s->up) return (attempt){0, RESULT_REFUSED, "the guest has no network"};
    attempt a = {0, RESULT_OK, ""};
    switch (via) {
    case VIA_LOCALHOST:
        a.addr = IP(127, 0, 0, 1);
        if (s->mode != MODE_MIRRORED)
            return (attempt){a.addr, RESULT_REFUSED, "in NAT mode localhost is the VM itself"};
        a.why = "mirrored: localhost reaches Windows";
        break;
    case VIA_HARDCODED:
        a.addr = saved_address(s, FROM_LINUX, port, s->host_ip);
        a.why = "the address the script was written with";
        break;
    case VIA_RESOLV:
        a.addr = s->nameserver;
        a.why = "nameserver read from /etc/resolv.conf now";
        break;
    default:
        a.addr = s->gateway;
        a.why = "default gateway read now";
        break;
    }
    if (a.addr != s->host_ip && a.addr != IP(127, 0, 0, 1))
        return (attempt){a.addr, RESULT_TIMEOUT,
                         a.addr == s->dns_tunnel_ip ? "that is the DNS tunnel, not the host"
                                                    : "nobody has that address any more"};
    return svc ? a : (attempt){a.addr, RESULT_REFUSED, "no Windows service on that port"};
}

static void on_connect(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t from = ev->p.w[0], port = ev->p.w[1], via = ev->p.w[2];
    attempt a;
    int64_t timeout_ns = s->linux_connect_timeout_ns;
    if (from == FROM_WSL1) {
        /* WSL1 uses the Windows stack: one address, localhost both ways. */
        int svc = listening(s, SIDE_WINDOWS, port) || listening(s, SIDE_LINUX, port);
        a = (attempt){IP(127, 0, 0, 1), svc ? RESULT_OK : RESULT_REFUSED,
                      "WSL1 shares the Windows network stack"};
    } else if (from == FROM_WINDOWS) {
        a = plan_windows(s, port, via);
        timeout_ns = s->windows_connect_timeout_ns;
    } else {
        a = plan_linux(s, port, via);
    }
    sim_payload p = {{from, port, via, a.addr}};
    sim_note(ctx, "%s connects to %s:%lld via %s (%s)", from_names[from], fmt_ip(a.addr).s,
             (long long)port, via_names[via], a.why);
    int kind = a.result == RESULT_OK ? HV_VNIC_CONNECTED
               : a.result == RESULT_REFUSED ? HV_VNIC_REFUSED : HV_VNIC_TIMEOUT;
    after(ctx, a.result == RESULT_TIMEOUT ? timeout_ns : s->rtt_ns, kind, &p);
}

static void on_outcome(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    const char *from = from_names[ev->p.w[0]];
    hv_text addr = fmt_ip(ev->p.w[3]);
    long long port = (long long)ev->p.w[1];
    if (ev->kind == HV_VNIC_CONNECTED) {
        s->connects_ok++;
        s->last_result = RESULT_OK;
        sim_note(ctx, "%s -> %s:%lld connected", from, addr.s, port);
    } else if (ev->kind == HV_VNIC_REFUSED) {
        s->connects_refused++;
        s->last_result = RESULT_REFUSED;
        sim_note(ctx, "%s -> %s:%lld refused", from, addr.s, port);
    } else {
        s->connects_timed_out++;
        s->last_result = RESULT_TIMEOUT;
        sim_note(ctx, "%s -> %s:%lld timed out: no answer, no error message", from, addr.s, port);
    }
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
    case HV_VNIC_LISTEN: on_listen(s, ctx, ev); break;
    case HV_VNIC_CONNECT: on_connect(s, ctx, ev); break;
    default: on_outcome(s, ctx, ev); break;
    }
}

static void vnic_snapshot(const void *state, sim_snapshot *out)
{
    const vnic_state *s = state;
    if (!s->up) {
        strcpy(out->status, "down");
    } else {
        hv_text g = fmt_ip(s->guest_ip), h = fmt_ip(s->host_ip);
        size_t n = strlen(g.s);
        memcpy(out->status, g.s, n);
        out->status[n] = '\0';
        strncat(out->status, " -> host ", sizeof out->status - strlen(out->status) - 1);
        strncat(out->status, h.s, sizeof out->status - strlen(out->status) - 1);
    }
    out->phase = (int)s->up;
    out->progress_ppm = 0;
}

const sim_model_ops hv_vnic_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_VNIC_NAME,
    .doc = "WSL2's virtual network: NAT subnet per start, resolv.conf, forwarding",
    .state_size = sizeof(vnic_state),
    .params = vnic_params, .n_params = SIM_COUNTOF(vnic_params),
    .actions = vnic_actions, .n_actions = SIM_COUNTOF(vnic_actions),
    .metrics = vnic_metrics, .n_metrics = SIM_COUNTOF(vnic_metrics),
    .event_kinds = vnic_kinds, .n_event_kinds = HV_VNIC_KIND_COUNT,
    .handle_event = vnic_handle,
    .snapshot = vnic_snapshot,
};
