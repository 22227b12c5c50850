/* test_strace.c: importing `strace -f -tt -T [-y|-yy]` output.
 *
 * Real traces recorded on this machine (tests/data/strace/, see the list in
 * test_strace_real_traces_import_without_error) must import without error
 * and show what was traced; hand-written snippets pin the placement rules;
 * every fixture in tests/bad/strace/NAME.txt must be refused with the
 * substring of NAME.expected and a NAME.txt:LINE:COL location. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_harness.h"
#include "strace.h"

#define DATA HVSIM_SOURCE_DIR "/tests/data/strace/"
#define BAD HVSIM_SOURCE_DIR "/tests/bad/strace/"

static int import_text(const char *text, int lenient, hv_workload *w, hv_strace_stats *s, sim_diag_list *d)
{
    sim_diag_list_init(d);
    return hv_strace_import_buffer("snippet.txt", text, strlen(text), lenient, w, s, d);
}

static int import_data(const char *name, hv_workload *w, hv_strace_stats *s)
{
    char path[4096];
    snprintf(path, sizeof path, DATA "%s", name);
    sim_diag_list d;
    sim_diag_list_init(&d);
    int rc = hv_strace_import_file(path, 0, w, s, &d);
    for (size_t i = 0; i < d.len; i++) {
        char buf[1024];
        sim_diag_format(&d.items[i], buf, sizeof buf);
        fputs(buf, stderr);
    }
    sim_diag_list_free(&d);
    return rc;
}

static int64_t count_lines(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, DATA "%s", name);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    int64_t n = 0;
    int c, last = '\n';
    while ((c = getc(f)) != EOF) {
        if (c == '\n') n++;
        last = c;
    }
    fclose(f);
    return n + (last != '\n');
}

static int64_t calls_of(const hv_workload *w, hv_sys_class c)
{
    int64_t n = 0;
    for (int p = 0; p < HV_PLACE_COUNT; p++) n += w->calls[c][p];
    return n;
}

static void test_strace_real_traces_import_without_error(void **state)
{
    (void)state;
    static const char *const traces[] = {
        "tar-czf.txt",          /* strace -f -tt -T -y -o: tar czf (forks gzip) */
        "tar-xzf-no-y.txt",     /* strace -f -tt -T -o (no -y): tar xzf */
        "git-status.txt",       /* git status in a fresh repository */
        "cmake-configure.txt",  /* first 600 lines of a cmake configure */
        "gcc-compile.txt",      /* gcc -c a.c (cc1, as) */
        "npm-version.txt",      /* first 700 lines of npm --version, -yy, node threads */
        "threads-stderr.txt",   /* to stderr: [pid N] prefixes, notices cutting lines */
        "python-socket-yy.txt", /* -yy: TCP sockets, a thread, accept/connect */
        "cat-escaped-names-yy.txt", /* file names with '>', '"' and a tab */
    };
    for (size_t i = 0; i < sizeof traces / sizeof traces[0]; i++) {
        hv_workload w;
        hv_strace_stats s;
        assert_int_equal(import_data(traces[i], &w, &s), 0);
        assert_int_equal(s.lines, count_lines(traces[i]));
        assert_int_equal(w.lines, s.lines);
        assert_int_equal(hv_workload_total(&w), s.calls);
        assert_true(s.calls > 100);
        assert_int_equal(s.skipped, 0);
        assert_int_equal(w.unknown_calls, 0);
        assert_true(s.call_time_ns > 0 && s.span_ns > 0);
        assert_string_equal(w.wsl1_blocker, ""); /* none of these needs what WSL1 lacked */
    }
}

static void test_strace_tar_with_gzip_child_pairs_unfinished_and_resumed(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    assert_int_equal(import_data("tar-czf.txt", &w, &s), 0);
    assert_int_equal(s.pids, 3); /* tar, the shell-less gzip child, its exec */
    assert_true(s.unfinished > 50);
    assert_int_equal(s.resumed, s.unfinished);
    assert_int_equal(s.never_resumed, 0);
    assert_int_equal(s.signals, 2);
    assert_int_equal(s.exits, 3);
    /* tar reads the project's own files and the loader's system files */
    assert_true(w.calls[HV_SYS_READ][HV_PLACE_OWN] > 10);
    assert_true(w.bytes[HV_SYS_READ][HV_PLACE_OWN] > 100000);
    assert_true(w.calls[HV_SYS_OPEN][HV_PLACE_SYSTEM] > 10);
    assert_true(w.calls[HV_SYS_READ][HV_PLACE_NONE] > 0); /* the pipe to gzip */
    assert_int_equal(calls_of(&w, HV_SYS_NS), 0);
    assert_true(s.failed > 0); /* ENOENT lookups count too */
}

static void test_strace_without_y_the_fd_table_places_reads_and_writes(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    assert_int_equal(import_data("tar-xzf-no-y.txt", &w, &s), 0);
    /* tar xzf writes the extracted files (opened with openat, no -y) */
    assert_true(w.calls[HV_SYS_WRITE][HV_PLACE_OWN] >= 30);
    assert_true(w.bytes[HV_SYS_WRITE][HV_PLACE_OWN] > 100000);
    /* and reads gzip's output from a pipe made by pipe2: not a file */
    assert_true(w.calls[HV_SYS_READ][HV_PLACE_NONE] > 10);
    assert_true(w.calls[HV_SYS_READ][HV_PLACE_SYSTEM] > 0); /* shared libraries */
}

static void test_strace_stderr_output_with_pid_prefixes_and_cut_lines(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    assert_int_equal(import_data("threads-stderr.txt", &w, &s), 0);
    assert_true(s.pids >= 5);
    assert_true(s.unfinished > 30);
    assert_true(calls_of(&w, HV_SYS_PROC) > 5);
}

static void test_strace_yy_socket_decorations_are_not_files(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    assert_int_equal(import_data("python-socket-yy.txt", &w, &s), 0);
    assert_true(calls_of(&w, HV_SYS_IPC) >= 5); /* socket, bind, listen, accept4, connect, sendto ... */
    assert_int_equal(w.calls[HV_SYS_CLOSE][HV_PLACE_WINDOWS], 0);
}

static void test_strace_escaped_file_names_are_the_workloads_own(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    /* cat 'we>ird "name".txt' 'tab<TAB>x' /nonexist, run in /tmp/st */
    assert_int_equal(import_data("cat-escaped-names-yy.txt", &w, &s), 0);
    assert_int_equal(w.calls[HV_SYS_OPEN][HV_PLACE_OWN], 3);
    /* the two files, then stdout and stderr, which went to files under /tmp */
    assert_int_equal(w.calls[HV_SYS_CLOSE][HV_PLACE_OWN], 4);
    assert_true(w.calls[HV_SYS_STAT][HV_PLACE_OWN] >= 2);
}

static void test_strace_children_inherit_the_fd_table_at_fork(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *t = "100 10:00:00.000000 openat(AT_FDCWD, \"/mnt/c/src/a.c\", O_RDONLY) = 3 <0.000100>\n"
                    "100 10:00:00.000200 clone(child_stack=NULL, flags=SIGCHLD) = 101 <0.000050>\n"
                    "101 10:00:00.000300 read(3, \"int main\"..., 4096) = 100 <0.000900>\n"
                    "101 10:00:00.000400 close(3) = 0 <0.000010>\n"
                    "101 10:00:00.000500 read(3, 0x7ffd, 4096) = -1 EBADF (Bad file descriptor) <0.000010>\n"
                    "100 10:00:00.000600 read(3, \"int main\"..., 4096) = 100 <0.000900>\n";
    assert_int_equal(import_text(t, 0, &w, &s, &d), 0);
    assert_int_equal(w.calls[HV_SYS_OPEN][HV_PLACE_WINDOWS], 1);
    assert_int_equal(w.calls[HV_SYS_READ][HV_PLACE_WINDOWS], 2); /* the child's, then the parent's own copy */
    assert_int_equal(w.bytes[HV_SYS_READ][HV_PLACE_WINDOWS], 200);
    assert_int_equal(w.calls[HV_SYS_READ][HV_PLACE_NONE], 1);    /* after close: unknown */
    assert_int_equal(s.failed, 1);
    assert_int_equal(s.call_time_ns, 100000 + 50000 + 900000 + 10000 + 10000 + 900000);
    assert_int_equal(s.span_ns, 600000);
    sim_diag_list_free(&d);
}

static void test_strace_unfinished_and_resumed_match_by_pid_across_other_pids(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *t = "[pid  7] 10:00:00.000001 read(5</mnt/d/big.bin>,  <unfinished ...>\n"
                    "[pid  8] 10:00:00.000002 newfstatat(AT_FDCWD</usr/lib>, \"libz.so\",  <unfinished ...>\n"
                    "[pid  7] 10:00:00.000003 --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED} ---\n"
                    "[pid  8] 10:00:00.000004 <... newfstatat resumed>{st_mode=S_IFREG|0644, ...}, 0) = 0 <0.000003>\n"
                    "[pid  7] 10:00:00.000005 <... read resumed>\"\\177ELF\"..., 131072) = 131072 <0.000004>\n"
                    "[pid  8] 10:00:00.000006 write(1</home/u/out.log>, \"a \\\"quoted\\\" (x, y)\\n\", 18 <unfinished ...>\n"
                    "[pid  8] 10:00:00.000007 +++ killed by SIGKILL +++\n";
    assert_int_equal(import_text(t, 0, &w, &s, &d), 0);
    assert_int_equal(w.calls[HV_SYS_READ][HV_PLACE_WINDOWS], 1);
    assert_int_equal(w.bytes[HV_SYS_READ][HV_PLACE_WINDOWS], 131072);
    assert_int_equal(w.chunks[HV_SYS_READ][HV_PLACE_WINDOWS], 2); /* two 64 KiB 9P messages */
    assert_int_equal(w.calls[HV_SYS_STAT][HV_PLACE_SYSTEM], 1);     /* relative to /usr/lib */
    assert_int_equal(w.calls[HV_SYS_WRITE][HV_PLACE_OWN], 1);       /* never resumed: counted, no bytes */
    assert_int_equal(w.bytes[HV_SYS_WRITE][HV_PLACE_OWN], 0);
    assert_int_equal(s.unfinished, 3);
    assert_int_equal(s.resumed, 2);
    assert_int_equal(s.never_resumed, 1);
    assert_int_equal(s.signals, 1);
    assert_int_equal(s.exits, 1);
    sim_diag_list_free(&d);
}

static void test_strace_at_calls_place_relative_paths_by_their_directory(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *t = "openat(AT_FDCWD</mnt/c/proj>, \"src/a.c\", O_RDONLY) = 3</mnt/c/proj/src/a.c> <0.000010>\n"
                    "newfstatat(3</mnt/c/proj/src/a.c>, \"\", {st_mode=S_IFREG|0644, ...}, AT_EMPTY_PATH) = 0\n"
                    "openat(AT_FDCWD, \"src/b.c\", O_RDONLY) = -1 ENOENT (No such file or directory)\n"
                    "statx(AT_FDCWD, \"/etc/hosts\", AT_STATX_SYNC_AS_STAT, STATX_ALL, {stx_mask=0}) = 0\n"
                    "utimensat(3</mnt/c/proj/src/a.c>, NULL, NULL, 0) = 0\n"
                    "symlinkat(\"/usr/bin/python3\", AT_FDCWD</home/u>, \"py\") = 0\n"
                    "exit_group(0) = ?\n"
                    "+++ exited with 0 +++\n";
    assert_int_equal(import_text(t, 0, &w, &s, &d), 0);
    assert_int_equal(w.calls[HV_SYS_OPEN][HV_PLACE_WINDOWS], 1);
    assert_int_equal(w.calls[HV_SYS_OPEN][HV_PLACE_OWN], 1);  /* relative, cwd unknown */
    assert_int_equal(w.calls[HV_SYS_STAT][HV_PLACE_WINDOWS], 1); /* AT_EMPTY_PATH: the fd's file */
    assert_int_equal(w.calls[HV_SYS_STAT][HV_PLACE_SYSTEM], 1);
    assert_int_equal(w.calls[HV_SYS_META][HV_PLACE_WINDOWS], 1); /* utimensat(fd, NULL) */
    assert_int_equal(w.calls[HV_SYS_NAME][HV_PLACE_OWN], 1);     /* the link is made in /home/u */
    assert_int_equal(s.pids, 1);
    sim_diag_list_free(&d);
}

static void test_strace_namespace_clone_and_cgroup_writes_block_wsl1(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *reads = "1 openat(AT_FDCWD, \"/sys/fs/cgroup/memory.max\", O_RDONLY) = 3 <0.000010>\n"
                        "1 read(3, \"max\\n\", 31) = 4 <0.000010>\n"
                        "1 clone3({flags=CLONE_VM|CLONE_FS|CLONE_FILES, exit_signal=0, stack=0x7f}, 88) = 2 <0.00005>\n";
    assert_int_equal(import_text(reads, 0, &w, &s, &d), 0);
    assert_string_equal(w.wsl1_blocker, ""); /* node reads its cgroup limit; that fails softly */
    assert_int_equal(calls_of(&w, HV_SYS_NS), 0);
    assert_int_equal(w.calls[HV_SYS_READ][HV_PLACE_SYSTEM], 1);
    sim_diag_list_free(&d);

    const char *engine = "1 getpid() = 1\n"
                         "1 mkdir(\"/sys/fs/cgroup/docker\", 0755) = 0\n"
                         "1 clone(child_stack=NULL, flags=CLONE_NEWNS|CLONE_NEWPID|SIGCHLD) = 2\n"
                         "2 unshare(CLONE_NEWNET) = 0\n";
    assert_int_equal(import_text(engine, 0, &w, &s, &d), 0);
    assert_string_equal(w.wsl1_blocker, "cgroup(/sys/fs/cgroup)");
    assert_int_equal(w.wsl1_blocker_line, 2);
    assert_int_equal(calls_of(&w, HV_SYS_NS), 3);
    sim_diag_list_free(&d);

    const char *container = "1 clone(child_stack=NULL, flags=CLONE_NEWUSER|SIGCHLD) = 2\n2 unshare(CLONE_NEWNS) = 0\n";
    assert_int_equal(import_text(container, 0, &w, &s, &d), 0);
    assert_string_equal(w.wsl1_blocker, "clone(CLONE_NEW*)");
    assert_int_equal(w.wsl1_blocker_line, 1);
    sim_diag_list_free(&d);
}

static void test_strace_thread_execve_supersedes_the_leader(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *t = "[pid 10] futex(0x7f, FUTEX_WAIT, 0, NULL <unfinished ...>\n"
                    "[pid 11] execve(\"/usr/bin/true\", [\"true\"], 0x7ffd /* 3 vars */ <unfinished ...>\n"
                    "[pid 10] +++ superseded by process 11 +++\n"
                    "<... execve resumed>) = 0\n"
                    "exit_group(0) = ?\n"
                    "+++ exited with 0 +++\n";
    assert_int_equal(import_text(t, 0, &w, &s, &d), 0);
    assert_int_equal(calls_of(&w, HV_SYS_PROC), 2);
    assert_int_equal(calls_of(&w, HV_SYS_FUTEX), 1); /* the leader's, cut short */
    assert_int_equal(s.never_resumed, 1);
    sim_diag_list_free(&d);
}

static void test_strace_lenient_skips_and_counts_malformed_lines(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    const char *t = "getpid() = 1\r\n"
                    "garbage here\n"
                    "read(3, \"abc, 3) = 3\n"
                    "close(3) = 0\r\n"
                    "\n";
    assert_int_equal(import_text(t, 0, &w, &s, &d), -1);
    assert_int_equal(d.n_errors, 1);
    assert_int_equal(d.items[0].line, 2);
    sim_diag_list_free(&d);
    assert_int_equal(import_text(t, 1, &w, &s, &d), 0);
    assert_int_equal(d.n_errors, 0);
    assert_int_equal(d.n_warnings, 1); /* the first skipped line only */
    assert_int_equal(d.items[0].line, 2);
    assert_int_equal(w.skipped, 2);
    assert_int_equal(s.skipped, 2);
    assert_int_equal(s.first_skipped_line, 2);
    assert_int_equal(hv_workload_total(&w), 2);
    assert_int_equal(w.lines, 5);
    sim_diag_list_free(&d);
}

static void test_strace_feeding_line_by_line_equals_importing_the_file(void **state)
{
    (void)state;
    hv_workload a, b;
    hv_strace_stats sa, sb;
    assert_int_equal(import_data("npm-version.txt", &a, &sa), 0);
    char path[4096];
    snprintf(path, sizeof path, DATA "npm-version.txt");
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    hv_workload_init(&b, "npm-version.txt");
    hv_strace *st = hv_strace_new(path, 0, &b);
    sim_diag_list d;
    sim_diag_list_init(&d);
    char line[65536];
    while (fgets(line, sizeof line, f)) {
        size_t n = strlen(line);
        if (n && line[n - 1] == '\n') n--;
        assert_int_equal(hv_strace_feed(st, line, n, &d), 0);
    }
    fclose(f);
    assert_int_equal(hv_strace_finish(st, &sb, &d), 0);
    hv_strace_free(st);
    assert_memory_equal(&a, &b, sizeof a);
    assert_memory_equal(&sa, &sb, sizeof sa);
    sim_diag_list_free(&d);
}

static void test_strace_syscall_numbers_addresses_and_stack_frames_are_understood(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    /* strace -f -tt -T -i -n -k -o t.txt true: "[  59] [00007f...] execve(" and " > frame" lines */
    assert_int_equal(import_data("true-i-n-k.txt", &w, &s), 0);
    assert_int_equal(s.calls, 30);
    assert_int_equal(s.exits, 1);
    assert_int_equal(calls_of(&w, HV_SYS_PROC), 2); /* execve, exit_group */
}

static void test_strace_missing_file_is_an_error(void **state)
{
    (void)state;
    hv_workload w;
    hv_strace_stats s;
    sim_diag_list d;
    sim_diag_list_init(&d);
    assert_int_equal(hv_strace_import_file(DATA "no-such-trace.txt", 0, &w, &s, &d), -1);
    assert_int_equal(d.n_errors, 1);
    assert_non_null(strstr(d.items[0].msg, "cannot open"));
    sim_diag_list_free(&d);
}

/* Every tests/bad/strace/NAME.txt: an error containing NAME.expected's
 * line, located at NAME.txt:LINE:COL with LINE >= 1. */
static void test_strace_bad_fixtures_are_refused_with_a_location(void **state)
{
    (void)state;
    hv_fixture fx[64];
    int n = hv_list_fixtures(BAD, "", ".txt", fx, 64);
    for (int i = 0; i < n; i++) {
        if (!fx[i].expected[0]) fprintf(stderr, "missing %s.expected\n", fx[i].name);
        assert_true(fx[i].expected[0] != '\0');
        hv_workload w;
        hv_strace_stats s;
        sim_diag_list d;
        sim_diag_list_init(&d);
        int rc = hv_strace_import_file(fx[i].path, 0, &w, &s, &d);
        char text[2048] = "";
        if (d.len) sim_diag_format(&d.items[0], text, sizeof text);
        if (rc != -1 || !strstr(text, fx[i].expected))
            fprintf(stderr, "%s: got '%s', want '%s'\n", fx[i].file, text, fx[i].expected);
        assert_int_equal(rc, -1);
        assert_true(d.n_errors >= 1);
        assert_non_null(strstr(text, fx[i].expected));
        assert_true(d.items[0].line >= 1 && d.items[0].col >= 1);
        assert_non_null(strstr(text, fx[i].file)); /* "NAME.txt:LINE:COL: error: ..." */
        sim_diag_list_free(&d);
    }
    assert_true(n >= 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strace_real_traces_import_without_error),
        cmocka_unit_test(test_strace_tar_with_gzip_child_pairs_unfinished_and_resumed),
        cmocka_unit_test(test_strace_without_y_the_fd_table_places_reads_and_writes),
        cmocka_unit_test(test_strace_stderr_output_with_pid_prefixes_and_cut_lines),
        cmocka_unit_test(test_strace_yy_socket_decorations_are_not_files),
        cmocka_unit_test(test_strace_escaped_file_names_are_the_workloads_own),
        cmocka_unit_test(test_strace_children_inherit_the_fd_table_at_fork),
        cmocka_unit_test(test_strace_unfinished_and_resumed_match_by_pid_across_other_pids),
        cmocka_unit_test(test_strace_at_calls_place_relative_paths_by_their_directory),
        cmocka_unit_test(test_strace_namespace_clone_and_cgroup_writes_block_wsl1),
        cmocka_unit_test(test_strace_thread_execve_supersedes_the_leader),
        cmocka_unit_test(test_strace_lenient_skips_and_counts_malformed_lines),
        cmocka_unit_test(test_strace_feeding_line_by_line_equals_importing_the_file),
        cmocka_unit_test(test_strace_syscall_numbers_addresses_and_stack_frames_are_understood),
        cmocka_unit_test(test_strace_missing_file_is_an_error),
        cmocka_unit_test(test_strace_bad_fixtures_are_refused_with_a_location),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
