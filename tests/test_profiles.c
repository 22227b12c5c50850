/* test_profiles.c: workload profiles (*.wl) -- the format, its errors with
 * file:line:col, and the canned profiles made from real strace runs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "profiles.h"
#include "syscall_cost.h"
#include "workload.h"

static int parse(const char *text, hv_workload *w, int64_t *cpu, sim_diag_list *d)
{
    sim_diag_list_init(d);
    return hv_profile_parse("t.wl", "t", text, strlen(text), w, cpu, d);
}

/* Parses text that must fail; checks line, column and a message fragment. */
static void expect_error(const char *text, int line, int col, const char *fragment)
{
    hv_workload w;
    sim_diag_list d;
    int rc = parse(text, &w, NULL, &d);
    if (rc != -1 || d.n_errors == 0) fail_msg("accepted: %s", text);
    if (d.items[0].line != line || d.items[0].col != col || !strstr(d.items[0].msg, fragment))
        fail_msg("for %s: got %d:%d: %s; wanted %d:%d: ...%s...", text, d.items[0].line,
                 d.items[0].col, d.items[0].msg, line, col, fragment);
    assert_string_equal(d.items[0].file, "t.wl");
    sim_diag_list_free(&d);
}

static void test_a_profile_adds_calls_bytes_and_9p_chunks_per_class_and_place(void **st)
{
    (void)st;
    hv_workload w;
    sim_diag_list d;
    int64_t cpu = -5;
    const char *text = "# comment\n"
                       "name demo   # trailing comment\n"
                       "cpu 12ms\n"
                       "newfstatat own 100\n"
                       "lstat own 20\n"
                       "read own 10 bytes=1MiB\n"
                       "write windows 4 bytes=1000B chunks=9\n"
                       "stat system 3\n"
                       "\r\n"
                       "futex none 7\r\n";
    assert_int_equal(parse(text, &w, &cpu, &d), 0);
    sim_diag_list_free(&d);
    assert_string_equal(w.name, "demo");
    assert_int_equal(cpu, 12 * 1000000);
    assert_int_equal(w.calls[HV_SYS_STAT][HV_PLACE_OWN], 120);
    assert_int_equal(w.calls[HV_SYS_STAT][HV_PLACE_SYSTEM], 3);
    assert_int_equal(w.calls[HV_SYS_READ][HV_PLACE_OWN], 10);
    assert_int_equal(w.bytes[HV_SYS_READ][HV_PLACE_OWN], 1024 * 1024);
    /* 10 reads of 104857 bytes: 2 messages each */
    assert_int_equal(w.chunks[HV_SYS_READ][HV_PLACE_OWN], 20);
    assert_int_equal(w.chunks[HV_SYS_WRITE][HV_PLACE_WINDOWS], 9);
    assert_int_equal(w.calls[HV_SYS_FUTEX][HV_PLACE_NONE], 7);
    assert_int_equal(hv_workload_total(&w), 144);
    assert_string_equal(w.wsl1_blocker, "");
}

static void test_the_first_call_wsl1_cannot_run_becomes_the_blocker(void **st)
{
    (void)st;
    hv_workload w;
    sim_diag_list d;
    assert_int_equal(parse("openat own 1\nunshare none 1\nmount none 2\n", &w, NULL, &d), 0);
    sim_diag_list_free(&d);
    assert_string_equal(w.wsl1_blocker, "unshare");
    assert_int_equal(w.wsl1_blocker_line, 2);
    assert_int_equal(w.calls[HV_SYS_NS][HV_PLACE_NONE], 3);
}

static void test_a_missing_name_comes_from_the_file(void **st)
{
    (void)st;
    hv_workload w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_parse("x/y.wl", "y", "read own 1\n", 11, &w, NULL, &d), 0);
    assert_string_equal(w.name, "y");
    sim_diag_list_free(&d);
}

static void test_bad_profiles_report_file_line_and_column(void **st)
{
    (void)st;
    expect_error("read own 1\nfrobnicate own 3\n", 2, 1, "unknown syscall or class 'frobnicate'");
    expect_error("read onw 1\n", 1, 6, "did you mean 'own'");
    expect_error("read own many\n", 1, 10, "bad call count");
    expect_error("read own -4\n", 1, 10, "bad call count");
    expect_error("read own 1 bytes=12\n", 1, 18, "bad size");
    expect_error("read own 1 bytes=-3MB\n", 1, 18, "bad size");
    expect_error("read own 1 bytes=5GS\n", 1, 18, "bad size");
    expect_error("read own 4 chunks=2\n", 1, 12, "below the call count");
    expect_error("read own 4 color=red\n", 1, 12, "unknown option 'color'");
    expect_error("read own 4 loud\n", 1, 12, "expected bytes=SIZE");
    expect_error("read own\n", 1, 9, "expected CALL PLACE COUNT");
    expect_error("read own 1\nname late\n", 2, 1, "before the calls");
    expect_error("cpu 1ms\ncpu 2ms\nread own 1\n", 2, 1, "given twice");
    expect_error("cpu 10\nread own 1\n", 1, 5, "bad cpu time");
    expect_error("# nothing\n\n", 2, 1, "empty profile");
    expect_error("", 1, 1, "empty profile");
    expect_error("read own 1 a=1 b=2 c=3 d=4 e=5 f=6\n", 1, 1, "too many words");
}

static void test_binary_garbage_and_huge_lines_are_errors(void **st)
{
    (void)st;
    hv_workload w;
    sim_diag_list d;
    const char bin[] = "read own 1\n\x7f" "ELF\x02\x01\x00\x00";
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_parse("b.wl", "b", bin, sizeof bin - 1, &w, NULL, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "not a text file"));
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(d.items[0].col, 5); /* the 0x02 after "\x7fELF" */
    sim_diag_list_free(&d);
    static char big[6000];
    memset(big, 'a', sizeof big - 1);
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_parse("b.wl", "b", big, sizeof big - 1, &w, NULL, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "line too long"));
    sim_diag_list_free(&d);
}

static void test_every_canned_profile_loads_and_every_file_is_canned(void **st)
{
    (void)st;
    int n = 0;
    for (const char *const *name = hv_profile_names; *name; name++, n++) {
        char path[1024];
        assert_int_equal(hv_profile_resolve(*name, path, sizeof path), 0);
        hv_workload w;
        int64_t cpu = 0;
        sim_diag_list d;
        sim_diag_list_init(&d);
        if (hv_profile_load(path, &w, &cpu, &d) != 0)
            fail_msg("%s: %s:%d:%d: %s", *name, d.items[0].file, d.items[0].line, d.items[0].col,
                     d.items[0].msg);
        sim_diag_list_free(&d);
        assert_string_equal(w.name, *name);
        assert_true(hv_workload_total(&w) > 100); /* made from real traces, not toys */
        assert_true(cpu > 0);
    }
    DIR *dir = opendir(HVSIM_SOURCE_DIR "/scenarios/profiles");
    assert_non_null(dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(dir)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".wl") != 0) continue;
        files++;
        int canned = 0;
        for (const char *const *name = hv_profile_names; *name; name++)
            canned |= strlen(*name) == len - 3 && strncmp(*name, e->d_name, len - 3) == 0;
        if (!canned) fail_msg("%s is not in hv_profile_names", e->d_name);
    }
    closedir(dir);
    assert_int_equal(files, n);
    assert_int_equal(n, HV_PROFILE_COUNT); /* no NULL hole in the list */
}

static void test_container_start_blocks_wsl1_at_unshare(void **st)
{
    (void)st;
    char path[1024];
    assert_int_equal(hv_profile_resolve("container-start", path, sizeof path), 0);
    hv_workload w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_load(path, &w, NULL, &d), 0);
    sim_diag_list_free(&d);
    assert_string_equal(w.wsl1_blocker, "unshare");
    hv_cost_table t;
    hv_cost_defaults(&t);
    hv_price pr;
    hv_cost_price_workload(&t, &w, HV_PATH_WSL1, 0, &pr);
    assert_true(pr.fails);
    hv_cost_price_workload(&t, &w, HV_PATH_WSL2, 0, &pr);
    assert_false(pr.fails);
}

/* The profiles summarise real traces: git status is an lstat per tracked
 * file, on the repository's own files, and little else. */
static void test_git_status_profile_is_dominated_by_stat_on_own_files(void **st)
{
    (void)st;
    char path[1024];
    assert_int_equal(hv_profile_resolve("git-status", path, sizeof path), 0);
    hv_workload w;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(hv_profile_load(path, &w, NULL, &d), 0);
    sim_diag_list_free(&d);
    int64_t stat_own = w.calls[HV_SYS_STAT][HV_PLACE_OWN];
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++)
        for (int p = 0; p < HV_PLACE_COUNT; p++)
            if (c != HV_SYS_STAT || p != HV_PLACE_OWN) assert_true(w.calls[c][p] < stat_own);
    assert_true(stat_own > 2000); /* one lstat per tracked file (2050) and more */
}

static void test_resolve_takes_paths_as_given_and_names_from_the_tree(void **st)
{
    (void)st;
    char out[1024];
    assert_int_equal(hv_profile_resolve("no-such-profile", out, sizeof out), -1);
    assert_int_equal(hv_profile_resolve("./nope.wl", out, sizeof out), -1);
    assert_string_equal(out, "./nope.wl");
    assert_int_equal(hv_profile_resolve(HVSIM_SOURCE_DIR "/scenarios/profiles/compile.wl", out,
                                        sizeof out),
                     0);
}

/* Mutated profiles (bytes flipped, cut short, lines duplicated) either load or
 * fail with a located error -- never crash, never an error without a line. */
static void test_mutated_profiles_load_or_fail_with_a_location(void **st)
{
    (void)st;
    const char base[] = "name m\ncpu 3ms\nopenat own 10\nread own 5 bytes=64KiB chunks=6\n"
                        "unshare none 1\nstat windows 2\n";
    uint64_t x = 88172645463325252ULL; /* xorshift64: the same cases every run */
    char buf[sizeof base * 2];
    for (int i = 0; i < 20000; i++) {
        size_t len = sizeof base - 1;
        memcpy(buf, base, len);
        for (int k = 0; k < 3; k++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t at = (size_t)(x % len);
            switch ((x >> 32) % 3) {
            case 0: buf[at] = (char)(x >> 40); break;                 /* any byte */
            case 1: len = at + 1; break;                              /* cut short */
            default: buf[at] = " =\n#0aB"[(x >> 40) % 8]; break;      /* a structural byte */
            }
        }
        hv_workload w;
        sim_diag_list d;
        sim_diag_list_init(&d);
        int rc = hv_profile_parse("m.wl", "m", buf, len, &w, NULL, &d);
        if (rc != 0) {
            assert_true(d.n_errors > 0);
            assert_true(d.items[0].line >= 1);
            assert_true(d.items[0].col >= 1);
        } else {
            assert_true(hv_workload_total(&w) > 0);
        }
        sim_diag_list_free(&d);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_a_profile_adds_calls_bytes_and_9p_chunks_per_class_and_place),
        cmocka_unit_test(test_the_first_call_wsl1_cannot_run_becomes_the_blocker),
        cmocka_unit_test(test_a_missing_name_comes_from_the_file),
        cmocka_unit_test(test_bad_profiles_report_file_line_and_column),
        cmocka_unit_test(test_binary_garbage_and_huge_lines_are_errors),
        cmocka_unit_test(test_every_canned_profile_loads_and_every_file_is_canned),
        cmocka_unit_test(test_container_start_blocks_wsl1_at_unshare),
        cmocka_unit_test(test_git_status_profile_is_dominated_by_stat_on_own_files),
        cmocka_unit_test(test_resolve_takes_paths_as_given_and_names_from_the_tree),
        cmocka_unit_test(test_mutated_profiles_load_or_fail_with_a_location),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
