/* test_vnic.c: the virtual network -- where addresses come from, that they
 * change at every start (or not, with reuse), that they avoid the host's
 * networks, and who keeps connecting across a restart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "engine.h"
#include "vnic.h"

#define IP(a, b, c, d) ((int64_t)(((uint32_t)(a) << 24) | ((b) << 16) | ((c) << 8) | (d)))
enum { WIN, LINUX, WSL1 };            /* connect from= */
enum { LOCALHOST, HARDCODED, RESOLV, GATEWAY }; /* via= */

static sim_engine *net(uint64_t seed)
{
    sim_engine *e = sim_engine_new(seed);
    assert_int_equal(sim_engine_add_model(e, &hv_vnic_ops, 0), 0);
    return e;
}

static void set(sim_engine *e, const char *param, int64_t v)
{
    int i = sim_model_find_param(&hv_vnic_ops, param);
    assert_true(i >= 0);
    sim_engine_set_param(e, 0, i, (sim_value){.i = v});
}

static int64_t metric(sim_engine *e, const char *name)
{
    int i = sim_model_find_metric(&hv_vnic_ops, name);
    assert_true(i >= 0);
    return sim_engine_metric(e, 0, i).i;
}

static void at(sim_engine *e, int64_t t, int kind, int64_t a, int64_t b, int64_t c)
{
    sim_payload p = {{a, b, c}};
    assert_int_not_equal(sim_engine_schedule_at(e, t, 0, 0, kind, &p), 0);
}

/* Starts the VM at t and runs until the guest has its address. */
static void boot(sim_engine *e, int64_t t)
{
    at(e, t, HV_VNIC_VM_START, 0, 0, 0);
    sim_engine_run_until_time(e, t + 10 * SIM_S);
}

static void stop(sim_engine *e, int64_t t)
{
    at(e, t, HV_VNIC_VM_STOP, 0, 0, 0);
    sim_engine_run_until_time(e, t);
}

static void test_vnic_addresses_are_a_slash20_inside_172_16_slash12(void **st)
{
    (void)st;
    sim_engine *e = net(1);
    sim_engine_start(e);
    set(e, "dns_tunneling", 0);
    for (int i = 0; i < 40; i++) {
        int64_t t = (int64_t)i * SIM_MIN;
        boot(e, t);
        int64_t sub = metric(e, "subnet"), host = metric(e, "host_ip"), guest = metric(e, "guest_ip");
        assert_int_equal(sub & 0xFFF00000, IP(172, 16, 0, 0));   /* inside 172.16.0.0/12 */
        assert_int_equal(sub & 0xFFF, 0);                        /* a /20 boundary */
        assert_int_equal(host, sub + 1);                          /* host at the first address */
        assert_int_equal(guest & 0xFFFFF000, sub);                /* guest in the same /20 */
        assert_true(guest != host && guest != sub && guest != (sub | 0xFFF));
        assert_int_equal(metric(e, "nameserver"), host);
        assert_int_equal(metric(e, "gateway"), host);
        stop(e, t + 30 * SIM_S);
        assert_int_equal(metric(e, "up"), 0);
    }
    sim_engine_free(e);
}

static void test_vnic_subnet_changes_across_restarts_and_repeats_per_seed(void **st)
{
    (void)st;
    int64_t first[5], again[5];
    for (int run = 0; run < 2; run++) {
        sim_engine *e = net(1);
        sim_engine_start(e);
        for (int i = 0; i < 5; i++) {
            boot(e, (int64_t)i * SIM_MIN);
            (run ? again : first)[i] = metric(e, "subnet");
            stop(e, (int64_t)i * SIM_MIN + 30 * SIM_S);
        }
        if (run == 0) assert_int_equal(metric(e, "subnet_changes"), 4);
        sim_engine_free(e);
    }
    for (int i = 0; i < 5; i++) {
        assert_int_equal(first[i], again[i]);
        if (i) assert_int_not_equal(first[i], first[i - 1]);
    }
    sim_engine *other = net(2);
    sim_engine_start(other);
    boot(other, 0);
    assert_int_not_equal(metric(other, "subnet"), first[0]);
    sim_engine_free(other);
}

static void test_vnic_never_picks_a_network_the_host_uses(void **st)
{
    (void)st;
    sim_engine *e = net(3);
    sim_engine_start(e);
    at(e, 0, HV_VNIC_HOST_NET, IP(172, 16, 0, 0), 13, 0);   /* 172.16-23.x.x */
    at(e, 0, HV_VNIC_HOST_NET, IP(172, 28, 0, 0), 14, 0);   /* 172.28-31.x.x */
    at(e, 0, HV_VNIC_HOST_NET, IP(172, 24, 16, 0), 20, 0);
    for (int i = 0; i < 60; i++) {
        int64_t t = (int64_t)i * SIM_MIN + SIM_S;
        boot(e, t);
        uint32_t sub = (uint32_t)metric(e, "subnet");
        assert_false(hv_vnic_overlaps(sub, 20, (uint32_t)IP(172, 16, 0, 0), 13));
        assert_false(hv_vnic_overlaps(sub, 20, (uint32_t)IP(172, 28, 0, 0), 14));
        assert_int_not_equal(sub, IP(172, 24, 16, 0));
        stop(e, t + 30 * SIM_S);
    }
    sim_engine_free(e);
}

static void test_vnic_no_free_subnet_leaves_the_guest_without_network(void **st)
{
    (void)st;
    sim_engine *e = net(1);
    sim_engine_start(e);
    at(e, 0, HV_VNIC_HOST_NET, IP(172, 16, 0, 0), 12, 0);
    boot(e, SIM_S);
    assert_int_equal(metric(e, "up"), 0);
    assert_int_equal(metric(e, "networks_built"), 0);
    sim_engine_free(e);
}

/* Runs a hardcoded and a resolv client against a Windows service across
 * restarts; returns through ok_hard[i] whether the hardcoded one connected. */
static void restarts_with_clients(int reuse, int n, int *ok_hard, int64_t *subnets)
{
    sim_engine *e = net(5);
    sim_engine_start(e);
    set(e, "dns_tunneling", 0);
    set(e, "reuse_subnet", reuse);
    at(e, 0, HV_VNIC_LISTEN, 0 /* windows */, 5432, 0);
    for (int i = 0; i < n; i++) {
        int64_t t = (int64_t)i * 10 * SIM_MIN + SIM_S;
        boot(e, t);
        subnets[i] = metric(e, "subnet");
        int64_t ok0 = metric(e, "connects_ok"), to0 = metric(e, "connects_timed_out");
        at(e, t + 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
        sim_engine_run_until_time(e, t + 5 * SIM_MIN);
        ok_hard[i] = metric(e, "connects_ok") == ok0 + 1;
        assert_int_equal(metric(e, "connects_timed_out"), to0 + !ok_hard[i]);
        at(e, t + 5 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, RESOLV);
        at(e, t + 5 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, GATEWAY);
        sim_engine_run_until_time(e, t + 6 * SIM_MIN);
        assert_int_equal(metric(e, "connects_ok"), ok0 + ok_hard[i] + 2);
        stop(e, t + 7 * SIM_MIN);
    }
    sim_engine_free(e);
}

static void test_vnic_hardcoded_client_fails_exactly_when_the_subnet_changed(void **st)
{
    (void)st;
    for (int reuse = 0; reuse <= 1; reuse++) {
        int ok[6];
        int64_t subnets[6];
        restarts_with_clients(reuse, 6, ok, subnets);
        for (int i = 0; i < 6; i++) assert_int_equal(ok[i], subnets[i] == subnets[0]);
        if (reuse)
            for (int i = 0; i < 6; i++) assert_true(ok[i]);
        else
            assert_false(ok[1]);
    }
}

static void test_vnic_dns_tunneling_makes_resolv_conf_useless_for_reaching_the_host(void **st)
{
    (void)st;
    sim_engine *e = net(1);
    sim_engine_start(e);
    at(e, 0, HV_VNIC_LISTEN, 0, 5432, 0);
    boot(e, SIM_S);
    assert_int_equal(metric(e, "nameserver"), IP(10, 255, 255, 254));
    at(e, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, RESOLV);
    sim_engine_run_until_time(e, 5 * SIM_MIN);
    assert_int_equal(metric(e, "connects_timed_out"), 1);
    at(e, 5 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, GATEWAY);
    sim_engine_run_until_time(e, 6 * SIM_MIN);
    assert_int_equal(metric(e, "connects_ok"), 1);
    sim_engine_free(e);
}

static void test_vnic_localhost_forwarding_survives_restarts(void **st)
{
    (void)st;
    sim_engine *e = net(9);
    sim_engine_start(e);
    for (int i = 0; i < 3; i++) {
        int64_t t = (int64_t)i * SIM_MIN;
        boot(e, t);
        at(e, t + 11 * SIM_S, HV_VNIC_LISTEN, 1 /* linux */, 8080, 0);
        at(e, t + 12 * SIM_S, HV_VNIC_CONNECT, WIN, 8080, LOCALHOST);
        sim_engine_run_until_time(e, t + 13 * SIM_S);
        assert_int_equal(metric(e, "connects_ok"), i + 1);
        stop(e, t + 30 * SIM_S);
    }
    at(e, 4 * SIM_MIN, HV_VNIC_CONNECT, WIN, 8080, LOCALHOST); /* VM stopped */
    sim_engine_run(e);
    assert_int_equal(metric(e, "connects_refused"), 1);
    sim_engine_free(e);
}

static void test_vnic_mirrored_mode_shares_the_host_lan_address(void **st)
{
    (void)st;
    sim_engine *e = net(1);
    sim_engine_start(e);
    set(e, "mode", 2);
    at(e, 0, HV_VNIC_LISTEN, 0, 5432, 0);
    boot(e, SIM_S);
    assert_int_equal(metric(e, "guest_ip"), IP(192, 168, 1, 20));
    at(e, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, LOCALHOST);
    at(e, 20 * SIM_S, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
    sim_engine_run_until_time(e, SIM_MIN);
    stop(e, SIM_MIN);
    boot(e, 2 * SIM_MIN);
    at(e, 3 * SIM_MIN, HV_VNIC_CONNECT, LINUX, 5432, HARDCODED);
    sim_engine_run(e);
    assert_int_equal(metric(e, "connects_ok"), 3);
    sim_engine_free(e);
}

static void test_vnic_wsl1_shares_the_windows_stack(void **st)
{
    (void)st;
    sim_engine *e = net(1);
    sim_engine_start(e);
    at(e, 0, HV_VNIC_LISTEN, 0, 5432, 0);
    at(e, SIM_S, HV_VNIC_CONNECT, WSL1, 5432, LOCALHOST);
    at(e, SIM_S, HV_VNIC_CONNECT, WSL1, 9999, LOCALHOST);
    sim_engine_run(e);
    assert_int_equal(metric(e, "connects_ok"), 1);
    assert_int_equal(metric(e, "connects_refused"), 1);
    sim_engine_free(e);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vnic_addresses_are_a_slash20_inside_172_16_slash12),
        cmocka_unit_test(test_vnic_subnet_changes_across_restarts_and_repeats_per_seed),
        cmocka_unit_test(test_vnic_never_picks_a_network_the_host_uses),
        cmocka_unit_test(test_vnic_no_free_subnet_leaves_the_guest_without_network),
        cmocka_unit_test(test_vnic_hardcoded_client_fails_exactly_when_the_subnet_changed),
        cmocka_unit_test(test_vnic_dns_tunneling_makes_resolv_conf_useless_for_reaching_the_host),
        cmocka_unit_test(test_vnic_localhost_forwarding_survives_restarts),
        cmocka_unit_test(test_vnic_mirrored_mode_shares_the_host_lan_address),
        cmocka_unit_test(test_vnic_wsl1_shares_the_windows_stack),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
