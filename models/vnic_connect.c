/* vnic_connect.c: who can connect to whom across WSL2's network (model
 * "vnic"; state in vnic_int.h).
 *
 * A connection attempt decides its outcome from the addresses in force now,
 * the listening services (their side, port, bind address and, on Windows, the
 * firewall rule) and the firewalls; it ends `rtt` later as connected or
 * refused, or -- when nobody answers -- as a timeout after the client's
 * connect timeout, with no message to the user.  The rules:
 *  - Linux -> Windows by the host's address: Windows Defender Firewall drops
 *    the SYN unless an inbound rule allows the service (timeout); a service
 *    bound to 127.0.0.1 only (PostgreSQL's default listen_addresses) answers
 *    with a reset (refused); otherwise connected.
 *  - Linux -> localhost: in NAT mode that is the VM itself; in mirrored mode
 *    it reaches Windows' loopback, where no firewall rule and no bind address
 *    stands in the way (Docs networking.md).
 *  - The DNS-tunnel nameserver (10.255.255.254) is an address WSL adds to the
 *    guest's own loopback interface (Src GnsEngine.cpp), so dialing it
 *    reaches Linux itself: refused unless a Linux service has that port.
 *  - The LAN -> a WSL2 service: in NAT mode only through a port proxy on
 *    Windows (netsh interface portproxy, #4150), which points at a fixed guest
 *    address; in mirrored mode directly, unless the Hyper-V firewall (on by
 *    default since WSL 2.0.9) blocks inbound connections (its default).
 * Simplified: TCP only, no IPv6, one rule per service. */
#include "vnic_int.h"

#include <stddef.h>

typedef struct attempt {
    int64_t addr;     /* where the client sends its SYN */
    int result;       /* RESULT_OK, RESULT_TIMEOUT, RESULT_REFUSED */
    const char *why;
} attempt;

static const vnic_service *find_service(const vnic_state *s, int64_t side, int64_t port)
{
    for (int64_t i = 0; i < s->n_services; i++)
        if (s->services[i].side == side && s->services[i].port == port) return &s->services[i];
    return NULL;
}

void hv_vnic_on_listen(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t side = ev->p.w[0], port = ev->p.w[1], bind = ev->p.w[2], rule = ev->p.w[3];
    if (side == SIDE_LINUX && !s->up && s->mode_in_force != MODE_NONE) {
        sim_note(ctx, "no Linux service on :%lld: the VM is not running", (long long)port);
        return;
    }
    const vnic_service *old = find_service(s, side, port);
    vnic_service svc = {side, port, bind, rule};
    if (old) s->services[old - s->services] = svc;
    else if (s->n_services < VNIC_MAX_SERVICES) s->services[s->n_services++] = svc;
    sim_note(ctx, "a %s service listens on %s:%lld%s", hv_vnic_side_names[side],
             bind == BIND_LOCALHOST ? "127.0.0.1" : "0.0.0.0", (long long)port,
             side == SIDE_WINDOWS && rule == RULE_NONE
                 ? " (no Windows Defender Firewall rule lets others in)" : "");
}

int64_t hv_vnic_drop_linux_services(vnic_state *s)
{
    int64_t kept = 0;
    for (int64_t i = 0; i < s->n_services; i++)
        if (s->services[i].side == SIDE_WINDOWS) s->services[kept++] = s->services[i];
    int64_t gone = s->n_services - kept;
    s->n_services = kept;
    return gone;
}

void hv_vnic_on_portproxy(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t port = ev->p.w[0];
    if (!s->up || s->mode_in_force == MODE_MIRRORED) {
        sim_note(ctx, "portproxy on :%lld not added: %s", (long long)port,
                 s->up ? "mirrored mode needs none" : "the guest has no address to point at");
        return;
    }
    int64_t i = 0;
    while (i < s->n_proxies && s->proxies[i].port != port) i++;
    if (i == VNIC_MAX_PROXIES) {
        sim_note(ctx, "ignored: at most %d port proxies", VNIC_MAX_PROXIES);
        return;
    }
    if (i == s->n_proxies) s->n_proxies++;
    s->proxies[i] = (vnic_proxy){port, s->guest_ip};
    sim_note(ctx, "netsh interface portproxy: host :%lld -> %s:%lld (today's guest address, "
             "written into the rule)", (long long)port, hv_vnic_fmt_ip(s->guest_ip).s,
             (long long)port);
}

/* The address a hardcoded client uses: the one it saw the first time. */
static int64_t saved_address(vnic_state *s, int64_t from, int64_t port, int64_t now_addr)
{
    for (int64_t i = 0; i < s->n_saved; i++)
        if (s->saved[i].from == from && s->saved[i].port == port) return s->saved[i].addr;
    if (s->n_saved < VNIC_MAX_SAVED) s->saved[s->n_saved++] = (vnic_saved){from, port, now_addr};
    return now_addr;
}

/* A Linux service reached at an address that lands inside the guest. */
static attempt in_guest(const vnic_state *s, int64_t addr, int64_t port, const char *what)
{
    if (find_service(s, SIDE_LINUX, port)) return (attempt){addr, RESULT_OK, what};
    return (attempt){addr, RESULT_REFUSED, what};
}

/* Linux reaches Windows through one of the host's addresses (not loopback). */
static attempt to_windows(const vnic_state *s, int64_t addr, int64_t port, const char *why)
{
    const vnic_service *svc = find_service(s, SIDE_WINDOWS, port);
    if (!svc) return (attempt){addr, RESULT_REFUSED, "no Windows service on that port"};
    if (svc->rule == RULE_NONE)
        return (attempt){addr, RESULT_TIMEOUT,
                         "Windows Defender Firewall drops it: no inbound rule for the service"};
    if (svc->bind == BIND_LOCALHOST)
        return (attempt){addr, RESULT_REFUSED,
                         "the service listens on 127.0.0.1 only, not on the host's address"};
    return (attempt){addr, RESULT_OK, why};
}

static attempt plan_windows(vnic_state *s, int64_t port, int64_t via)
{
    attempt a = {VNIC_LOOPBACK, RESULT_OK, "forwarded to the guest"};
    int svc = s->up && find_service(s, SIDE_LINUX, port);
    if (via == VIA_LOCALHOST) {
        if (!s->up) return (attempt){a.addr, RESULT_REFUSED, "the VM is not running"};
        if (s->mode_in_force != MODE_MIRRORED && !s->localhost_forwarding)
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
    if (!s->up) return (attempt){0, RESULT_REFUSED, "the guest has no network"};
    int64_t addr;
    const char *why;
    switch (via) {
    case VIA_LOCALHOST:
        if (s->mode_in_force != MODE_MIRRORED)
            return in_guest(s, VNIC_LOOPBACK, port, "in NAT mode localhost is the VM itself");
        if (!find_service(s, SIDE_WINDOWS, port))
            return (attempt){VNIC_LOOPBACK, RESULT_REFUSED, "no Windows service on that port"};
        return (attempt){VNIC_LOOPBACK, RESULT_OK, "mirrored: localhost reaches Windows' loopback"};
    case VIA_HARDCODED:
        addr = saved_address(s, FROM_LINUX, port, s->host_ip);
        why = "the address the script was written with";
        break;
    case VIA_RESOLV:
        addr = s->nameserver;
        why = "nameserver read from /etc/resolv.conf now";
        break;
    default:
        addr = s->gateway;
        why = "default gateway read now";
        break;
    }
    if (s->tunneling_in_force && addr == s->dns_tunnel_ip)
        return in_guest(s, addr, port,
                        "that is the DNS tunnel, an address on the guest's own loopback");
    if (addr != s->host_ip)
        return (attempt){addr, RESULT_TIMEOUT, "nobody has that address any more"};
    return to_windows(s, addr, port, why);
}

static attempt plan_lan(vnic_state *s, int64_t port)
{
    int64_t addr = s->host_lan_ip;
    const vnic_service *win = find_service(s, SIDE_WINDOWS, port);
    if (win && win->bind == BIND_ALL && win->rule == RULE_ALLOW)
        return (attempt){addr, RESULT_OK, "a Windows service answers on the LAN address"};
    int svc = s->up && find_service(s, SIDE_LINUX, port);
    if (s->up && s->mode_in_force == MODE_MIRRORED) {
        if (s->firewall_in_force && !s->hyperv_inbound_allow)
            return (attempt){addr, RESULT_TIMEOUT,
                             "the Hyper-V firewall blocks inbound connections to the VM"};
        return svc ? (attempt){addr, RESULT_OK, "mirrored: the guest shares the LAN address"}
                   : (attempt){addr, RESULT_REFUSED, "no Linux service on that port"};
    }
    for (int64_t i = 0; i < s->n_proxies; i++) {
        if (s->proxies[i].port != port) continue;
        if (!s->up || s->proxies[i].guest_addr != s->guest_ip)
            return (attempt){addr, RESULT_TIMEOUT,
                             "the port proxy points at a guest address that is gone"};
        return svc ? (attempt){addr, RESULT_OK, "the port proxy forwards to the guest"}
                   : (attempt){addr, RESULT_REFUSED, "no Linux service behind the port proxy"};
    }
    return (attempt){addr, RESULT_TIMEOUT,
                     "NAT: the LAN sees only Windows, and nothing listens there (no port proxy)"};
}

void hv_vnic_on_connect(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    int64_t from = ev->p.w[0], port = ev->p.w[1], via = ev->p.w[2];
    attempt a;
    int64_t timeout_ns = s->linux_connect_timeout_ns;
    if (from == FROM_WSL1) {
        /* WSL1 uses the Windows stack: one address, localhost both ways. */
        int svc = find_service(s, SIDE_WINDOWS, port) || find_service(s, SIDE_LINUX, port);
        a = (attempt){VNIC_LOOPBACK, svc ? RESULT_OK : RESULT_REFUSED,
                      "WSL1 shares the Windows network stack"};
    } else if (from == FROM_WINDOWS || from == FROM_LAN) {
        a = from == FROM_LAN ? plan_lan(s, port) : plan_windows(s, port, via);
        timeout_ns = s->windows_connect_timeout_ns;
    } else {
        a = plan_linux(s, port, via);
    }
    sim_payload p = {{from, port, via, a.addr}};
    if (from == FROM_LAN)
        sim_note(ctx, "a LAN client connects to %s:%lld (%s)", hv_vnic_fmt_ip(a.addr).s,
                 (long long)port, a.why);
    else
        sim_note(ctx, "%s connects to %s:%lld via %s (%s)", hv_vnic_from_names[from],
                 hv_vnic_fmt_ip(a.addr).s, (long long)port, hv_vnic_via_names[via], a.why);
    int kind = a.result == RESULT_OK ? HV_VNIC_CONNECTED
               : a.result == RESULT_REFUSED ? HV_VNIC_REFUSED : HV_VNIC_TIMEOUT;
    sim_schedule(ctx, a.result == RESULT_TIMEOUT ? timeout_ns : s->rtt_ns, sim_self(ctx), kind,
                 &p);
}

void hv_vnic_on_outcome(vnic_state *s, sim_ctx *ctx, const sim_event *ev)
{
    const char *from = hv_vnic_from_names[ev->p.w[0]];
    hv_text addr = hv_vnic_fmt_ip(ev->p.w[3]);
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
