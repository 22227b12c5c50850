/* test_vnic.c: the virtual network -- where addresses come from, when they
 * change (a legacy release: every start; a current one: only on a conflict,
 * or at a reboot where the release did not save the subnet), that they avoid
 * the host's networks, the releases that gate mirrored mode, DNS tunneling
 * and the firewall, and who can connect to whom. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"
#include "host.h"
#include "vnic.h"

#define IP(a, b, c, d) ((int64_t)(((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d)))
enum { WIN, LINUX, WSL1, LAN };                 /* connect from= */
enum { LOCALHOST, HARDCODED, RESOLV, GATEWAY }; /* via= */
enum { SIDE_WIN, SIDE_LINUX };
enum { BIND_ALL, BIND_LOCALHOST };
enum { RULE_ALLOW, RULE_NONE };
enum { TRI_FALSE, TRI_TRUE, TRI_AUTO };
#define CURRENT (-1)                             /* no host: current defaults */

typedef struct net { sim_engine *e; int vnic, host; } net;

/* A vnic alone (current release) or with a host running WSL `version`
 * on Windows `build`. */
static net make(uint64_t seed, int64_t version, int64_t build)
{
    net n = {sim_engine_new(seed), 0, -1};
    if (version != CURRENT) {
        n.host = sim_engine_add_model(n.e, &hv_host_ops, 0);
        n.vnic = sim_engine_add_model(n.e, &hv_vnic_ops, 0);
        sim_engine_set_param(n.e, n.host, sim_model_find_param(&hv_host_ops, "wsl_version"),
                             (sim_value){.i = version});
        sim_engine_set_param(n.e, n.host, sim_model_find_param(&hv_host_ops, "windows_build"),
                             (sim_value){.i = build});
    } else {
        n.vnic = sim_engine_add_model(n.e, &hv_vnic_ops, 0);
    }
    assert_true(n.vnic >= 0);
    return n;
}

static void set(net n, const char *param, int64_t v)
{
    int i = sim_model_find_param(&hv_vnic_ops, param);
    assert_true(i >= 0);
    sim_engine_set_param(n.e, n.vnic, i, (sim_value){.i = v});
}

static int64_t metric(net n, const char *name)
{
    int i = sim_model_find_metric(&hv_vnic_ops, name);
    assert_true(i >= 0);
    return sim_engine_metric(n.e, n.vnic, i).i;
}

static void at4(net n, int64_t t, int kind, int64_t a, int64_t b, int64_t c, int64_t d)
{
    sim_payload p = {{a, b, c, d}};
    assert_int_not_equal(sim_engine_schedule_at(n.e, t, 0, n.vnic, kind, &p), 0);
}

static void at(net n, int64_t t, int kind, int64_t a, int64_t b, int64_t c)
{
    at4(n, t, kind, a, b, c, 0);
}

/* Starts the VM at t and runs until the guest has its address. */
static void boot(net n, int64_t t)
{
    at(n, t, HV_VNIC_VM_START, 0, 0, 0);
    sim_engine_run_until_time(n.e, t + 10 * SIM_S);
}

static void stop(net n, int64_t t)
{
    at(n, t, HV_VNIC_VM_STOP, 0, 0, 0);
    sim_engine_run_until_time(n.e, t);
}

static void reboot(net n, int64_t t)
{
    assert_int_not_equal(sim_engine_schedule_at(n.e, t, 0, n.host, HV_HOST_REBOOT, NULL), 0);
    sim_engine_run_until_time(n.e, t);
}

static void test_vnic_addresses_are_a_slash20_inside_172_16_slash12(void **st)
{
    (void)st;
    net n = make(1, SIM_VERSION(0, 0, 0), 19045); /* the inbox era: a new subnet every start */
    sim_engine_start(n.e);
    set(n, "dns_tunneling", TRI_FALSE);
    for (int i = 0; i < 40; i++) {
        int64_t t = (int64_t)i * SIM_MIN;
        boot(n, t);
        int64_t sub = metric(n, "subnet"), host = metric(n, "host_ip"), guest = metric(n, "guest_ip");
        assert_int_equal(sub & 0xFFF00000, IP(172, 16, 0, 0));   /* inside 172.16.0.0/12 */
        assert_int_equal(sub & 0xFFF, 0);                        /* a /20 boundary */
        assert_int_equal(host, sub + 1);                          /* host at the first address */
        assert_int_equal(guest & 0xFFFFF000, sub);                /* guest in the same /20 */
        assert_true(guest != host && guest != sub && guest != (sub | 0xFFF));
        assert_int_equal(metric(n, "nameserver"), host);
        assert_int_equal(metric(n, "gateway"), host);
        stop(n, t + 30 * SIM_S);
        assert_int_equal(metric(n, "up"), 0);
    }
    sim_engine_free(n.e);
}

static void test_vnic_current_release_keeps_subnet_and_address_across_shutdown(void **st)
{
    (void)st;
    net n = make(4, CURRENT, 0);
    sim_engine_start(n.e);
    boot(n, 0);
    int64_t sub = metric(n, "subnet"), guest = metric(n, "guest_ip");
    assert_int_equal(metric(n, "saved_subnet"), sub);
    for (int i = 1; i < 6; i++) {
        stop(n, (int64_t)i * SIM_MIN - 10 * SIM_S);           /* wsl --shutdown */
        boot(n, (int64_t)i * SIM_MIN);
        assert_int_equal(metric(n, "subnet"), sub);
        assert_int_equal(metric(n, "guest_ip"), guest);
    }
    assert_int_equal(metric(n, "networks_built"), 1);     /* HNS kept the one network */
    assert_int_equal(metric(n, "subnet_changes"), 0);
    sim_engine_free(n.e);
}

static void test_vnic_legacy_release_draws_a_new_subnet_every_start_repeatably(void **st)
{
    (void)st;
    int64_t first[5], again[5];
    for (int run = 0; run < 2; run++) {
        net n = make(1, SIM_VERSION(0, 0, 0), 19045);
        sim_engine_start(n.e);
        for (int i = 0; i < 5; i++) {
            boot(n, (int64_t)i * SIM_MIN);
            (run ? again : first)[i] = metric(n, "subnet");
            stop(n, (int64_t)i * SIM_MIN + 30 * SIM_S);
        }
        if (run == 0) {
            assert_int_equal(metric(n, "subnet_changes"), 4);
            assert_int_equal(metric(n, "networks_built"), 5);
            assert_int_equal(metric(n, "saved_subnet"), 0);   /* nothing saved */
        }
        sim_engine_free(n.e);
    }
    for (int i = 0; i < 5; i++) {
        assert_int_equal(first[i], again[i]);
        if (i) assert_int_not_equal(first[i], first[i - 1]);
    }
}

static void test_vnic_reboot_keeps_the_saved_subnet_on_a_current_release(void **st)
{
    (void)st;
    net n = make(6, SIM_VERSION(2, 6, 1), 26100);
    sim_engine_start(n.e);
    boot(n, SIM_S);
    int64_t sub = metric(n, "subnet");
    stop(n, SIM_MIN);
    reboot(n, 2 * SIM_MIN);
    boot(n, 3 * SIM_MIN);
    assert_int_equal(metric(n, "networks_built"), 2);     /* HNS forgot it: created again */
    assert_int_equal(metric(n, "subnet"), sub);           /* ... with the saved subnet */
    assert_int_equal(metric(n, "subnet_changes"), 0);
    sim_engine_free(n.e);
}

static void test_vnic_reboot_changes_the_subnet_where_the_release_did_not_save_it(void **st)
{
    (void)st;
    /* users' reports of early releases: kept across wsl --shutdown, new at reboot */
    net n = make(6, SIM_VERSION(0, 0, 0), 19045);
    sim_engine_start(n.e);
    set(n, "legacy_network_dies_with_vm", 0);
    boot(n, SIM_S);
    int64_t sub = metric(n, "subnet");
    stop(n, SIM_MIN);
    boot(n, 2 * SIM_MIN);
    assert_int_equal(metric(n, "subnet"), sub);
    stop(n, 3 * SIM_MIN);
    reboot(n, 4 * SIM_MIN);
    boot(n, 5 * SIM_MIN);
    assert_int_not_equal(metric(n, "subnet"), sub);
    assert_int_equal(metric(n, "subnet_changes"), 1);
    sim_engine_free(n.e);
}

static void test_vnic_a_conflicting_network_changes_the_saved_subnet_at_the_next_creation(void **st)
{
    (void)st;
    net n = make(8, SIM_VERSION(2, 6, 1), 26100);
    sim_engine_start(n.e);
    boot(n, SIM_S);
    int64_t sub = metric(n, "subnet");
    stop(n, SIM_MIN);
    at(n, 90 * SIM_S, HV_VNIC_HOST_NET, sub, 16, 0);       /* a VPN route over it */
    boot(n, 2 * SIM_MIN);
    assert_int_equal(metric(n, "subnet"), sub);           /* the network still exists */
    stop(n, 3 * SIM_MIN);
    reboot(n, 4 * SIM_MIN);
    boot(n, 5 * SIM_MIN);
    int64_t now = metric(n, "subnet");
    assert_int_not_equal(now, sub);
    assert_false(hv_vnic_overlaps((uint32_t)now, 20, (uint32_t)sub, 16));
    assert_int_equal(metric(n, "saved_subnet"), now);     /* the new one is saved */
    assert_int_equal(metric(n, "subnet_changes"), 1);
    sim_engine_free(n.e);
}

static void test_vnic_turning_the_firewall_off_makes_another_network(void **st)
{
    (void)st;
    net n = make(8, CURRENT, 0);
    sim_engine_start(n.e);
    boot(n, SIM_S);
    assert_int_equal(metric(n, "firewall_in_force"), 1);
    int64_t sub = metric(n, "subnet");
    stop(n, SIM_MIN);
    set(n, "firewall", TRI_FALSE);                        /* network "WSL", not "WSL (Hyper-V firewall)" */
    boot(n, 2 * SIM_MIN);
    assert_int_equal(metric(n, "firewall_in_force"), 0);
    assert_int_not_equal(metric(n, "subnet"), sub);       /* the saved one is taken */
    assert_int_equal(metric(n, "networks_built"), 2);
    sim_engine_free(n.e);
}

static void test_vnic_never_picks_a_network_the_host_uses(void **st)
{
    (void)st;
    net n = make(3, SIM_VERSION(0, 0, 0), 19045);
    sim_engine_start(n.e);
    at(n, 0, HV_VNIC_HOST_NET, IP(172, 16, 0, 0), 13, 0);   /* 172.16-23.x.x */
    at(n, 0, HV_VNIC_HOST_NET, IP(172, 28, 0, 0), 14, 0);   /* 172.28-31.x.x */
    at(n, 0, HV_VNIC_HOST_NET, IP(172, 24, 16, 0), 20, 0);
    for (int i = 0; i < 60; i++) {
        int64_t t = (int64_t)i * SIM_MIN + SIM_S;
        boot(n, t);
        uint32_t sub = (uint32_t)metric(n, "subnet");
        assert_false(hv_vnic_overlaps(sub, 20, (uint32_t)IP(172, 16, 0, 0), 13));
        assert_false(hv_vnic_overlaps(sub, 20, (uint32_t)IP(172, 28, 0, 0), 14));
        assert_int_not_equal(sub, IP(172, 24, 16, 0));
        stop(n, t + 30 * SIM_S);
    }
    sim_engine_free(n.e);
}

static void test_vnic_no_free_subnet_leaves_the_guest_without_network(void **st)
{
    (void)st;
    net n = make(1, CURRENT, 0);
    sim_engine_start(n.e);
    at(n, 0, HV_VNIC_HOST_NET, IP(172, 16, 0, 0), 12, 0);
    boot(n, SIM_S);
    assert_int_equal(metric(n, "up"), 0);
    assert_int_equal(metric(n, "networks_built"), 0);
    sim_engine_free(n.e);
}

/* Runs a hardcoded and a gateway client against a Windows service across
 * restarts; returns through ok_hard[i] whether the hardcoded one connected. */
static void restarts_with_clients(int64_t version, int n_starts, int *ok_hard, int64_t *subnets)
{
    net n = make(5, version, version >= SIM_VERSION(2, 0, 0) ? 26100 : 19045);
    sim_engine_start(n.e);
    set(n, "dns_tunneling", TRI_FALSE);
    at(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 5432, 0);
    for (int i = 0; i < n_starts; i++) {
        int64_t t = (int64_t)i * 10 * SIM_MIN + SIM_S;
        boot(n, t);
        subnets[i] = metric(n, "subnet");
        int64_t ok0 = metric(n, "connects_ok"), to0 = metric(n, "connects_timed_out");
        at(n, t + 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
        sim_engine_run_until_time(n.e, t + 5 * SIM_MIN);
        ok_hard[i] = metric(n, "connects_ok") == ok0 + 1;
        assert_int_equal(metric(n, "connects_timed_out"), to0 + !ok_hard[i]);
        at(n, t + 5 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, RESOLV);
        at(n, t + 5 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, GATEWAY);
        sim_engine_run_until_time(n.e, t + 6 * SIM_MIN);
        assert_int_equal(metric(n, "connects_ok"), ok0 + ok_hard[i] + 2);
        stop(n, t + 7 * SIM_MIN);
    }
    sim_engine_free(n.e);
}

static void test_vnic_hardcoded_client_fails_exactly_when_the_subnet_changed(void **st)
{
    (void)st;
    const int64_t versions[] = {SIM_VERSION(0, 0, 0), SIM_VERSION(2, 6, 1)};
    for (int v = 0; v < 2; v++) {
        int ok[6];
        int64_t subnets[6];
        restarts_with_clients(versions[v], 6, ok, subnets);
        for (int i = 0; i < 6; i++) assert_int_equal(ok[i], subnets[i] == subnets[0]);
        if (v) for (int i = 0; i < 6; i++) assert_true(ok[i]);
        else assert_false(ok[1]);
    }
}

static void test_vnic_dns_tunnel_address_is_the_guest_itself_not_the_host(void **st)
{
    (void)st;
    net n = make(1, CURRENT, 0);
    sim_engine_start(n.e);
    at(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 5432, 0);
    boot(n, SIM_S);
    assert_int_equal(metric(n, "nameserver"), IP(10, 255, 255, 254));
    at(n, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, RESOLV);
    sim_engine_run_until_time(n.e, 21 * SIM_S);
    assert_int_equal(metric(n, "connects_refused"), 1);   /* at once: nothing on the guest's :5432 */
    at(n, 30 * SIM_S, HV_VNIC_LISTEN, SIDE_LINUX, 5432, 0);
    at(n, 31 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, RESOLV);
    at(n, 32 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, GATEWAY);
    sim_engine_run_until_time(n.e, SIM_MIN);
    assert_int_equal(metric(n, "connects_ok"), 2);        /* Linux's own :5432, then Windows' */
    sim_engine_free(n.e);
}

static void test_vnic_release_defaults_for_tunneling_and_firewall(void **st)
{
    (void)st;
    const struct { int64_t version, build; int tunnel, fw; } rows[] = {
        {SIM_VERSION(2, 6, 1), 26100, 1, 1},
        {SIM_VERSION(2, 1, 5), 22621, 0, 1},   /* before 2.2.1: tunneling off by default */
        {SIM_VERSION(2, 0, 5), 22621, 0, 0},   /* before 2.0.9: firewall off by default */
        {SIM_VERSION(2, 6, 1), 19045, 0, 0},   /* Windows 10: neither exists */
        {SIM_VERSION(1, 2, 5), 22621, 0, 0},   /* before 2.0.0: neither exists */
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        net n = make(1, rows[i].version, rows[i].build);
        sim_engine_start(n.e);
        boot(n, SIM_S);
        assert_int_equal(metric(n, "tunneling_in_force"), rows[i].tunnel);
        assert_int_equal(metric(n, "firewall_in_force"), rows[i].fw);
        assert_int_equal(metric(n, "nameserver") == IP(10, 255, 255, 254), rows[i].tunnel);
        sim_engine_free(n.e);
    }
}

static void test_vnic_localhost_forwarding_survives_restarts(void **st)
{
    (void)st;
    net n = make(9, SIM_VERSION(0, 0, 0), 19045);
    sim_engine_start(n.e);
    for (int i = 0; i < 3; i++) {
        int64_t t = (int64_t)i * SIM_MIN;
        boot(n, t);
        at(n, t + 11 * SIM_S, HV_VNIC_LISTEN, SIDE_LINUX, 8080, 0);
        at(n, t + 12 * SIM_S, HV_VNIC_CONNECT, WIN, 8080, LOCALHOST);
        sim_engine_run_until_time(n.e, t + 13 * SIM_S);
        assert_int_equal(metric(n, "connects_ok"), i + 1);
        stop(n, t + 30 * SIM_S);
    }
    at(n, 4 * SIM_MIN, HV_VNIC_CONNECT, WIN, 8080, LOCALHOST); /* VM stopped */
    sim_engine_run(n.e);
    assert_int_equal(metric(n, "connects_refused"), 1);
    sim_engine_free(n.e);
}

static void test_vnic_mirrored_mode_shares_the_host_lan_address(void **st)
{
    (void)st;
    net n = make(1, CURRENT, 0);
    sim_engine_start(n.e);
    set(n, "mode", 2);
    at(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 5432, 0);
    boot(n, SIM_S);
    assert_int_equal(metric(n, "guest_ip"), IP(192, 168, 1, 20));
    at(n, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, LOCALHOST);
    at(n, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
    sim_engine_run_until_time(n.e, SIM_MIN);
    stop(n, SIM_MIN);
    boot(n, 2 * SIM_MIN);
    at(n, 3 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
    sim_engine_run(n.e);
    assert_int_equal(metric(n, "connects_ok"), 3);
    sim_engine_free(n.e);
}

static void test_vnic_mirrored_falls_back_to_nat_on_windows_10(void **st)
{
    (void)st;
    net n = make(1, SIM_VERSION(2, 6, 1), 19045);
    sim_engine_start(n.e);
    set(n, "mode", 2);
    boot(n, SIM_S);
    assert_int_equal(metric(n, "mode_in_force"), 1);      /* nat */
    assert_int_equal(metric(n, "subnet") & 0xFFF00000, IP(172, 16, 0, 0));
    sim_engine_free(n.e);
}

static void test_vnic_wsl1_shares_the_windows_stack(void **st)
{
    (void)st;
    net n = make(1, CURRENT, 0);
    sim_engine_start(n.e);
    at(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 5432, 0);
    at(n, SIM_S, HV_VNIC_CONNECT, WSL1, 5432, LOCALHOST);
    at(n, SIM_S, HV_VNIC_CONNECT, WSL1, 9999, LOCALHOST);
    sim_engine_run(n.e);
    assert_int_equal(metric(n, "connects_ok"), 1);
    assert_int_equal(metric(n, "connects_refused"), 1);
    sim_engine_free(n.e);
}

static void test_vnic_windows_service_bind_address_and_firewall_rule_decide_the_outcome(void **st)
{
    (void)st;
    net n = make(1, CURRENT, 0);
    sim_engine_start(n.e);
    at4(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 5432, BIND_LOCALHOST, RULE_ALLOW); /* PostgreSQL default */
    at4(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 1433, BIND_ALL, RULE_NONE);        /* no firewall rule */
    at4(n, 0, HV_VNIC_LISTEN, SIDE_WIN, 8000, BIND_ALL, RULE_ALLOW);
    boot(n, SIM_S);
    at(n, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, GATEWAY);
    sim_engine_run_until_time(n.e, 21 * SIM_S);
    assert_int_equal(metric(n, "connects_refused"), 1);
    at(n, 30 * SIM_S, HV_VNIC_CONNECT, LINUX, 1433, GATEWAY);
    sim_engine_run_until_time(n.e, 31 * SIM_S);
    assert_int_equal(metric(n, "connects_timed_out"), 0); /* still waiting: dropped, not refused */
    sim_engine_run_until_time(n.e, 30 * SIM_S + 128 * SIM_S);
    assert_int_equal(metric(n, "connects_timed_out"), 1);
    at(n, 3 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 8000, GATEWAY);
    at(n, 3 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, LOCALHOST); /* NAT: the VM itself */
    sim_engine_run(n.e);
    assert_int_equal(metric(n, "connects_ok"), 1);
    assert_int_equal(metric(n, "connects_refused"), 2);
    sim_engine_free(n.e);
}

static void test_vnic_lan_reaches_a_nat_guest_only_through_a_port_proxy(void **st)
{
    (void)st;
    net n = make(2, SIM_VERSION(0, 0, 0), 19045);     /* addresses change at every start */
    sim_engine_start(n.e);
    boot(n, SIM_S);
    at(n, 20 * SIM_S, HV_VNIC_LISTEN, SIDE_LINUX, 3000, 0);
    at(n, 21 * SIM_S, HV_VNIC_CONNECT, LAN, 3000, 0);
    sim_engine_run_until_time(n.e, 2 * SIM_MIN);
    assert_int_equal(metric(n, "connects_timed_out"), 1);
    at(n, 2 * SIM_MIN, HV_VNIC_PORTPROXY, 3000, 0, 0);
    at(n, 2 * SIM_MIN + SIM_S, HV_VNIC_CONNECT, LAN, 3000, 0);
    sim_engine_run_until_time(n.e, 3 * SIM_MIN);
    assert_int_equal(metric(n, "connects_ok"), 1);
    stop(n, 4 * SIM_MIN);
    boot(n, 5 * SIM_MIN);                               /* a new address: the proxy is stale */
    at(n, 6 * SIM_MIN, HV_VNIC_LISTEN, SIDE_LINUX, 3000, 0);
    at(n, 6 * SIM_MIN + SIM_S, HV_VNIC_CONNECT, LAN, 3000, 0);
    sim_engine_run(n.e);
    assert_int_equal(metric(n, "connects_timed_out"), 2);
    sim_engine_free(n.e);
}

static void test_vnic_lan_reaches_a_mirrored_guest_unless_the_hyperv_firewall_blocks(void **st)
{
    (void)st;
    for (int allow = 0; allow <= 1; allow++) {
        net n = make(2, CURRENT, 0);
        sim_engine_start(n.e);
        set(n, "mode", 2);
        set(n, "hyperv_inbound_allow", allow);
        boot(n, SIM_S);
        at(n, 20 * SIM_S, HV_VNIC_LISTEN, SIDE_LINUX, 3000, 0);
        at(n, 21 * SIM_S, HV_VNIC_CONNECT, LAN, 3000, 0);
        sim_engine_run(n.e);
        assert_int_equal(metric(n, "connects_ok"), allow);
        assert_int_equal(metric(n, "connects_timed_out"), !allow);
        sim_engine_free(n.e);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vnic_addresses_are_a_slash20_inside_172_16_slash12),
        cmocka_unit_test(test_vnic_current_release_keeps_subnet_and_address_across_shutdown),
        cmocka_unit_test(test_vnic_legacy_release_draws_a_new_subnet_every_start_repeatably),
        cmocka_unit_test(test_vnic_reboot_keeps_the_saved_subnet_on_a_current_release),
        cmocka_unit_test(test_vnic_reboot_changes_the_subnet_where_the_release_did_not_save_it),
        cmocka_unit_test(test_vnic_a_conflicting_network_changes_the_saved_subnet_at_the_next_creation),
        cmocka_unit_test(test_vnic_turning_the_firewall_off_makes_another_network),
        cmocka_unit_test(test_vnic_never_picks_a_network_the_host_uses),
        cmocka_unit_test(test_vnic_no_free_subnet_leaves_the_guest_without_network),
        cmocka_unit_test(test_vnic_hardcoded_client_fails_exactly_when_the_subnet_changed),
        cmocka_unit_test(test_vnic_dns_tunnel_address_is_the_guest_itself_not_the_host),
        cmocka_unit_test(test_vnic_release_defaults_for_tunneling_and_firewall),
        cmocka_unit_test(test_vnic_localhost_forwarding_survives_restarts),
        cmocka_unit_test(test_vnic_mirrored_mode_shares_the_host_lan_address),
        cmocka_unit_test(test_vnic_mirrored_falls_back_to_nat_on_windows_10),
        cmocka_unit_test(test_vnic_wsl1_shares_the_windows_stack),
        cmocka_unit_test(test_vnic_windows_service_bind_address_and_firewall_rule_decide_the_outcome),
        cmocka_unit_test(test_vnic_lan_reaches_a_nat_guest_only_through_a_port_proxy),
        cmocka_unit_test(test_vnic_lan_reaches_a_mirrored_guest_unless_the_hyperv_firewall_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
