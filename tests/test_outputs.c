/* test_outputs.c: output files that cannot clobber (issue 14, item 1).
 *
 * Each test is a reproducer from the hardening report, run against the
 * built binary: a device, FIFO or symlink given as an output is never
 * replaced; an output naming an input or another output (however spelt) is
 * refused before anything is written; a failing later output leaves the
 * earlier ones untouched; killed runs leave no temporary file; a write
 * error on standard output is exit 2.  The in-process tests check the
 * temporary file itself: created exclusively with an unpredictable name,
 * so a symlink planted at the old predictable name is not followed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/resource.h>

#include <cmocka.h>

#include "atomic_file.h"
#include "cli_harness.h"
#include "output_set.h"

#define BOOT_RACE HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs"

typedef struct fixture {
    char *dir;
    char path[8][4096];
} fixture;

static char *in_dir(fixture *fx, int slot, const char *name)
{
    snprintf(fx->path[slot], sizeof fx->path[slot], "%s/%s", fx->dir, name);
    return fx->path[slot];
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof *fx);
    if (!fx) return -1;
    fx->dir = hv_tmpdir();
    *state = fx;
    return fx->dir ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    hv_rmdir(fx->dir);
    free(fx->dir);
    free(fx);
    return 0;
}

static void assert_contains(const char *haystack, const char *needle)
{
    if (!strstr(haystack, needle)) {
        print_error("expected to find:\n  %s\nin:\n%s\n", needle, haystack);
        fail();
    }
}

static void assert_file_text(const char *path, const char *text)
{
    char *got = hv_read_file(path, NULL);
    assert_non_null(got);
    assert_string_equal(got, text);
    free(got);
}

/* A scenario of 10^6 narration events: runs for a second or more, long
 * enough to be signalled while its outputs are open. */
static char *long_scenario(fixture *fx, int slot)
{
    char *p = in_dir(fx, slot, "long.hvs");
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    for (int i = 0; i < 10; i++) fprintf(f, "every 1us from 0s until 100ms say \"tick %d\"\n", i);
    assert_int_equal(fclose(f), 0);
    return p;
}

/* Spawns hvsim with stdout on fd_out (stderr to /dev/null); returns the pid. */
static pid_t spawn_hvsim(char *const args[], int fd_out)
{
    char *argv[16];
    int n = 0;
    argv[n++] = (char *)HVSIM_BIN;
    for (int i = 0; args[i] && n < 15; i++) argv[n++] = args[i];
    argv[n] = NULL;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, fd_out, 1);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    assert_int_equal(rc, 0);
    return pid;
}

/* Waits up to 60 s for an entry of dir whose name contains part. */
static int wait_for_entry(const char *dir, const char *part)
{
    struct timespec tick = {0, 5 * 1000 * 1000};
    for (int i = 0; i < 12000; i++) {
        if (hv_count_entries(dir, part) > 0) return 0;
        nanosleep(&tick, NULL);
    }
    return -1;
}

/* Exit status, or -1 with the signal in *sig; a child still running after
 * HV_CHILD_TIMEOUT_S is killed and fails the test. */
static int wait_signalled(pid_t pid, int *sig)
{
    struct timespec tick = {0, 10 * 1000 * 1000};
    int st = 0;
    for (long i = 0; i < (long)HV_CHILD_TIMEOUT_S * 100; i++) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid) {
            *sig = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
            return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
        }
        nanosleep(&tick, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    fail_msg("child still running after %d s", HV_CHILD_TIMEOUT_S);
    return -1;
}

/* --- what an output path names ------------------------------------------- */

static void test_output_through_symlink_to_device_writes_in_place(void **state)
{
    fixture *fx = *state;
    char *link = in_dir(fx, 0, "n");
    assert_int_equal(symlink("/dev/null", link), 0);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--csv", link, "--events", "/dev/null", NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    assert_int_equal(hv_count_entries(fx->dir, ""), 1);
}

static void test_output_to_fifo_is_written_through_not_replaced(void **state)
{
    fixture *fx = *state;
    char *fifo = in_dir(fx, 0, "pipe");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    int rd = open(fifo, O_RDONLY | O_NONBLOCK); /* a reader, so the writer's open returns */
    assert_true(rd >= 0);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--csv", fifo, NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    char head[16] = "";
    assert_int_equal(read(rd, head, 7), 7);
    assert_memory_equal(head, "time_s,", 7);
    close(rd);
    struct stat st;
    assert_int_equal(lstat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
}

static void test_output_through_symlink_to_file_replaces_the_file_keeps_the_link(void **state)
{
    fixture *fx = *state;
    char *target = in_dir(fx, 0, "real.csv"), *link = in_dir(fx, 1, "link.csv");
    assert_int_equal(hv_write_file(target, "old\n"), 0);
    assert_int_equal(chmod(target, 0640), 0);
    assert_int_equal(symlink("real.csv", link), 0);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--csv", link, NULL);
    assert_int_equal(r.status, 0);
    hv_result_free(&r);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    assert_int_equal(lstat(target, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0640); /* the replaced file keeps its mode */
    char *text = hv_read_file(target, NULL);
    assert_non_null(text);
    assert_true(strncmp(text, "time_s,", 7) == 0);
    free(text);
    assert_int_equal(hv_count_entries(fx->dir, ""), 2);
}

static void test_output_refused_for_directory_and_dangling_symlink(void **state)
{
    fixture *fx = *state;
    char *dir = in_dir(fx, 0, "sub"), *dang = in_dir(fx, 1, "dangling");
    assert_int_equal(mkdir(dir, 0700), 0);
    assert_int_equal(symlink("nowhere", dang), 0);
    hv_result r;
    hv_hvsim(&r, "run", BOOT_RACE, "--trace-out", dir, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "is a directory");
    hv_result_free(&r);
    hv_hvsim(&r, "run", BOOT_RACE, "--events", dang, NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "symbolic link to nothing");
    hv_result_free(&r);
    assert_false(hv_exists(in_dir(fx, 2, "nowhere")));
    assert_int_equal(hv_count_entries(fx->dir, ""), 2);
}

/* --- outputs that collide -------------------------------------------------- */

static void test_output_naming_an_input_is_refused(void **state)
{
    fixture *fx = *state;
    char *top = in_dir(fx, 0, "top.hvs"), *inc = in_dir(fx, 1, "part.inc");
    char *wsl = in_dir(fx, 2, "w.wslconfig"), *hard = in_dir(fx, 3, "hard.hvs");
    const char *top_text = "title \"t\"\ninclude \"part.inc\"\n";
    const char *inc_text = "at 1s uvm.start\n";
    assert_int_equal(hv_write_file(top, top_text), 0);
    assert_int_equal(hv_write_file(inc, inc_text), 0);
    assert_int_equal(hv_write_file(wsl, "[wsl2]\nmemory=4GB\n"), 0);
    assert_int_equal(link(top, hard), 0);
    char dotted[4200];
    snprintf(dotted, sizeof dotted, "%s/./part.inc", fx->dir);
    const char *cases[][2] = {{"--events", top}, {"--csv", dotted}, {"--trace-out", wsl},
                              {"--csv", hard}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        hv_result r;
        hv_hvsim(&r, "run", top, "--wslconfig", wsl, cases[i][0], cases[i][1], NULL);
        assert_int_equal(r.status, 2);
        assert_contains(r.err, "refusing to overwrite an input");
        hv_result_free(&r);
    }
    assert_file_text(top, top_text);
    assert_file_text(inc, inc_text);
    assert_int_equal(hv_count_entries(fx->dir, ""), 4);
}

static void test_same_output_spelt_two_ways_is_refused(void **state)
{
    fixture *fx = *state;
    char *o = in_dir(fx, 0, "o"), *also[3];
    char spelt[3][4200];
    snprintf(spelt[0], sizeof spelt[0], "%s/./o", fx->dir);
    snprintf(spelt[1], sizeof spelt[1], "%s/../%s/o", fx->dir, strrchr(fx->dir, '/') + 1);
    snprintf(spelt[2], sizeof spelt[2], "%s//o", fx->dir);
    for (int i = 0; i < 3; i++) also[i] = spelt[i];
    for (int exists = 0; exists < 2; exists++) {
        if (exists) assert_int_equal(hv_write_file(o, "old\n"), 0);
        for (int i = 0; i < 3; i++) {
            hv_result r;
            hv_hvsim(&r, "run", BOOT_RACE, "--events", o, "--csv", also[i], NULL);
            assert_int_equal(r.status, 2);
            assert_contains(r.err, "two outputs");
            hv_result_free(&r);
        }
    }
    assert_file_text(o, "old\n");
    assert_int_equal(hv_count_entries(fx->dir, ""), 1);
}

/* --- all or nothing -------------------------------------------------------- */

static void test_failing_later_output_keeps_earlier_ones_untouched(void **state)
{
    fixture *fx = *state;
    char *ev = in_dir(fx, 0, "e.jsonl"), *dir = in_dir(fx, 1, "somedir");
    assert_int_equal(hv_write_file(ev, "old\n"), 0);
    assert_int_equal(mkdir(dir, 0700), 0);
    hv_result r;
    /* refused at open */
    hv_hvsim(&r, "run", BOOT_RACE, "--events", ev, "--trace-out", dir, NULL);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
    assert_file_text(ev, "old\n");
    /* a write error found at commit: no output appears */
    hv_hvsim(&r, "run", BOOT_RACE, "--events", ev, "--csv", "/dev/full", NULL);
    assert_int_equal(r.status, 2);
    assert_contains(r.err, "/dev/full");
    hv_result_free(&r);
    assert_file_text(ev, "old\n");
    assert_int_equal(hv_count_entries(fx->dir, ""), 2);
}

static void test_stdout_write_error_is_exit_2(void **state)
{
    (void)state;
    int full = open("/dev/full", O_WRONLY);
    assert_true(full >= 0);
    char *args[] = {"run", BOOT_RACE, NULL};
    pid_t pid = spawn_hvsim(args, full);
    close(full);
    int sig = 0;
    assert_int_equal(wait_signalled(pid, &sig), 2);
}

/* --- killed runs ------------------------------------------------------------ */

static void kill_while_writing(fixture *fx, int sig)
{
    char *scn = long_scenario(fx, 0), *csv = in_dir(fx, 1, "m.csv");
    int null_fd = open("/dev/null", O_WRONLY);
    char *args[] = {"run", scn, "--csv", csv, NULL};
    pid_t pid = spawn_hvsim(args, null_fd);
    close(null_fd);
    assert_int_equal(wait_for_entry(fx->dir, ".hvsim-"), 0);
    kill(pid, sig);
    int got = 0;
    assert_int_equal(wait_signalled(pid, &got), -1);
    assert_int_equal(got, sig);
    assert_int_equal(hv_count_entries(fx->dir, ""), 1); /* only the scenario */
}

static void test_sigint_sigterm_sighup_remove_temporary_files(void **state)
{
    kill_while_writing(*state, SIGINT);
    kill_while_writing(*state, SIGTERM);
    kill_while_writing(*state, SIGHUP);
}

static void test_sigpipe_on_log_removes_temporary_files(void **state)
{
    fixture *fx = *state;
    char *scn = long_scenario(fx, 0), *ev = in_dir(fx, 1, "e.jsonl");
    int p[2];
    assert_int_equal(pipe(p), 0);
    /* the child must not hold the read end itself, or its writes block */
    assert_int_equal(fcntl(p[0], F_SETFD, FD_CLOEXEC), 0);
    assert_int_equal(fcntl(p[1], F_SETFD, FD_CLOEXEC), 0);
    char *args[] = {"run", scn, "--log", "--events", ev, NULL};
    pid_t pid = spawn_hvsim(args, p[1]);
    close(p[1]);
    char line[64];
    assert_true(read(p[0], line, sizeof line) > 0); /* like `| head -1` */
    close(p[0]);
    int sig = 0;
    wait_signalled(pid, &sig);
    assert_int_equal(sig, SIGPIPE);
    assert_int_equal(hv_count_entries(fx->dir, ""), 1);
}

static void test_sigxfsz_removes_temporary_files(void **state)
{
    fixture *fx = *state;
    char *scn = long_scenario(fx, 0), *ev = in_dir(fx, 1, "e.jsonl");
    struct rlimit old, small;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 1 << 20; /* the child inherits it */
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &small), 0);
    int null_fd = open("/dev/null", O_WRONLY);
    char *args[] = {"run", scn, "--events", ev, NULL};
    pid_t pid = spawn_hvsim(args, null_fd);
    close(null_fd);
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
    int sig = 0;
    wait_signalled(pid, &sig);
    assert_int_equal(sig, SIGXFSZ);
    assert_int_equal(hv_count_entries(fx->dir, ""), 1);
}

/* --- the temporary file ----------------------------------------------------- */

static void test_temporary_name_is_exclusive_and_not_the_old_predictable_one(void **state)
{
    fixture *fx = *state;
    char *out = in_dir(fx, 0, "out.txt"), *victim = in_dir(fx, 1, "victim");
    char planted[4200];
    assert_int_equal(hv_write_file(victim, "precious\n"), 0);
    /* the name the old scheme used: PATH.tmp.<pid> */
    snprintf(planted, sizeof planted, "%s.tmp.%ld", out, (long)getpid());
    assert_int_equal(symlink(victim, planted), 0);
    cli_afile a, b;
    assert_int_equal(cli_afile_open(&a, out), 0);
    assert_int_equal(cli_afile_open(&b, out), 0);
    assert_string_not_equal(a.tmp_path, b.tmp_path);
    struct stat st;
    assert_int_equal(lstat(a.tmp_path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 0077, 0); /* private until finished */
    fputs("new\n", a.f);
    cli_afile_abort(&b);
    assert_int_equal(cli_afile_commit(&a), 0);
    assert_file_text(out, "new\n");
    assert_file_text(victim, "precious\n");
    assert_int_equal(hv_count_entries(fx->dir, ""), 3);
}

static void test_failed_commit_leaves_neither_target_nor_temporary(void **state)
{
    /* Mutation caught: renaming over the target after a write error, and
     * keeping the temporary file when the commit fails. */
    fixture *fx = *state;
    char *out = in_dir(fx, 0, "out.txt");
    assert_int_equal(hv_write_file(out, "old\n"), 0);
    cli_afile a;
    assert_int_equal(cli_afile_open(&a, out), 0);
    fputs("half", a.f);
    /* a write error: the stream's error flag, as a full disk leaves it */
    int fd = fileno(a.f);
    int null_ro = open("/dev/null", O_RDONLY);
    assert_true(null_ro >= 0);
    assert_true(dup2(null_ro, fd) == fd); /* writes to a read-only fd fail */
    close(null_ro);
    assert_int_equal(cli_afile_commit(&a), -1);
    assert_file_text(out, "old\n");
    assert_int_equal(hv_count_entries(fx->dir, ""), 1);
    cli_afile_abort(&a);
}

static void test_output_set_commits_nothing_when_one_fails(void **state)
{
    fixture *fx = *state;
    const char *outs[2] = {in_dir(fx, 0, "a.txt"), "/dev/full"};
    cli_outputs o;
    assert_int_equal(cli_outputs_open(&o, outs, 2), 0);
    fputs("first\n", o.file[0].f);
    fputs("second\n", o.file[1].f);
    assert_int_equal(cli_outputs_commit(&o), -1);
    assert_false(hv_exists(outs[0]));
    assert_int_equal(hv_count_entries(fx->dir, ""), 0);
    cli_outputs_abort(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
        T(test_output_through_symlink_to_device_writes_in_place),
        T(test_output_to_fifo_is_written_through_not_replaced),
        T(test_output_through_symlink_to_file_replaces_the_file_keeps_the_link),
        T(test_output_refused_for_directory_and_dangling_symlink),
        T(test_output_naming_an_input_is_refused),
        T(test_same_output_spelt_two_ways_is_refused),
        T(test_failing_later_output_keeps_earlier_ones_untouched),
        T(test_stdout_write_error_is_exit_2),
        T(test_sigint_sigterm_sighup_remove_temporary_files),
        T(test_sigpipe_on_log_removes_temporary_files),
        T(test_sigxfsz_removes_temporary_files),
        T(test_temporary_name_is_exclusive_and_not_the_old_predictable_one),
        T(test_failed_commit_leaves_neither_target_nor_temporary),
        T(test_output_set_commits_nothing_when_one_fails),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
