/* test_syscalls.c: the syscall name table -- every x86_64 syscall the
 * kernel headers define is in it (so the binary search finds all of them:
 * a row out of order would hide some), libc wrapper names classify like
 * their syscalls, the WSL1-unsupported families carry the errno WSL1
 * returned, and paths fall in the right place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "syscalls.h"

#define UNISTD "/usr/include/x86_64-linux-gnu/asm/unistd_64.h"

static void test_syscalls_every_x86_64_syscall_in_the_kernel_headers_is_known(void **state)
{
    (void)state;
    FILE *f = fopen(UNISTD, "r");
    if (!f) skip(); /* no kernel headers on this machine */
    char line[256], name[128];
    int n = 0, missing = 0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "#define __NR_%127s", name) != 1) continue;
        int known = 0;
        hv_sys_classify(name, &known);
        if (!known) {
            fprintf(stderr, "not in the table: %s\n", name);
            missing++;
        }
        n++;
    }
    fclose(f);
    assert_true(n >= 300);
    assert_int_equal(missing, 0);
}

static void test_syscalls_classes_follow_the_header(void **state)
{
    (void)state;
    static const struct {
        const char *name;
        hv_sys_class cls;
    } cases[] = {
        {"getpid", HV_SYS_TRIVIAL},  {"clock_gettime", HV_SYS_TRIVIAL}, {"read", HV_SYS_READ},
        {"pread64", HV_SYS_READ},    {"writev", HV_SYS_WRITE},         {"openat", HV_SYS_OPEN},
        {"creat", HV_SYS_OPEN},      {"close", HV_SYS_CLOSE},          {"newfstatat", HV_SYS_STAT},
        {"statx", HV_SYS_STAT},      {"readlink", HV_SYS_STAT},        {"access", HV_SYS_STAT},
        {"getdents64", HV_SYS_DIR},  {"mmap", HV_SYS_MEM},             {"brk", HV_SYS_MEM},
        {"clone3", HV_SYS_PROC},     {"execve", HV_SYS_PROC},          {"wait4", HV_SYS_PROC},
        {"pipe2", HV_SYS_IPC},       {"recvfrom", HV_SYS_IPC},         {"epoll_pwait", HV_SYS_IPC},
        {"futex", HV_SYS_FUTEX},     {"utimensat", HV_SYS_META},       {"fchown", HV_SYS_META},
        {"renameat2", HV_SYS_NAME},  {"unlinkat", HV_SYS_NAME},        {"mkdir", HV_SYS_NAME},
        {"unshare", HV_SYS_NS},      {"setns", HV_SYS_NS},             {"pivot_root", HV_SYS_NS},
        {"mount", HV_SYS_NS},        {"umount2", HV_SYS_NS},           {"ioctl", HV_SYS_OTHER},
        {"lseek", HV_SYS_OTHER},     {"fcntl", HV_SYS_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int known = 0;
        hv_sys_class c = hv_sys_classify(cases[i].name, &known);
        if (c != cases[i].cls) fprintf(stderr, "%s: %s\n", cases[i].name, hv_sys_class_name(c));
        assert_true(known);
        assert_int_equal(c, cases[i].cls);
    }
}

static void test_syscalls_libc_wrapper_names_classify_like_their_syscalls(void **state)
{
    (void)state;
    const char *stat_like[] = {"stat64", "__xstat", "__fxstatat64", "fstatat", "lstat64", "__lxstat"};
    for (size_t i = 0; i < 6; i++) assert_int_equal(hv_sys_classify(stat_like[i], NULL), HV_SYS_STAT);
    const char *open_like[] = {"open64", "__open_2", "__openat_2", "openat64", "fopen", "opendir"};
    for (size_t i = 0; i < 6; i++) assert_int_equal(hv_sys_classify(open_like[i], NULL), HV_SYS_OPEN);
    assert_int_equal(hv_sys_classify("posix_spawn", NULL), HV_SYS_PROC);
    assert_int_equal(hv_sys_classify("readdir64", NULL), HV_SYS_DIR);
    assert_int_equal(hv_sys_classify("umount", NULL), HV_SYS_NS);
    int known = 1;
    assert_int_equal(hv_sys_classify("strlen", &known), HV_SYS_OTHER);
    assert_false(known);
    assert_int_equal(hv_sys_classify("", &known), HV_SYS_OTHER);
    assert_false(known);
    assert_int_equal(hv_sys_classify(NULL, &known), HV_SYS_OTHER);
    assert_false(known);
}

static void test_syscalls_wsl1_unsupported_families_carry_wsl1s_errno(void **state)
{
    (void)state;
    const char *err = NULL;
    assert_true(hv_sys_wsl1_unsupported("unshare", &err));
    assert_string_equal(err, "EINVAL");
    assert_true(hv_sys_wsl1_unsupported("setns", &err));
    assert_true(hv_sys_wsl1_unsupported("pivot_root", &err));
    assert_true(hv_sys_wsl1_unsupported("mount", &err));
    assert_string_equal(err, "ENODEV");
    assert_true(hv_sys_wsl1_unsupported("io_setup", &err));
    assert_string_equal(err, "ENOSYS");
    assert_true(hv_sys_wsl1_unsupported("bpf", &err));
    assert_true(hv_sys_wsl1_unsupported("kexec_load", &err));
    assert_true(hv_sys_wsl1_unsupported("finit_module", &err));
    assert_true(hv_sys_wsl1_unsupported("clone(CLONE_NEW*)", &err));
    assert_true(hv_sys_wsl1_unsupported("cgroup(/sys/fs/cgroup)", &err));
    assert_string_equal(err, "ENOENT");
    /* what ls, git and gcc use is fine; statx and clone3 fall back in glibc */
    const char *fine[] = {"openat", "statx", "clone3", "clone", "getdents64", "ptrace", "futex", "chroot"};
    for (size_t i = 0; i < 8; i++) {
        err = "untouched";
        assert_false(hv_sys_wsl1_unsupported(fine[i], &err));
        assert_string_equal(err, "untouched");
    }
    assert_false(hv_sys_wsl1_unsupported("no_such_call", NULL));
}

static void test_syscalls_class_names_are_distinct_and_short(void **state)
{
    (void)state;
    for (int i = 0; i < HV_SYS_CLASS_COUNT; i++) {
        const char *a = hv_sys_class_name((hv_sys_class)i);
        assert_true(strlen(a) > 0 && strlen(a) <= 8);
        for (int j = 0; j < i; j++) assert_string_not_equal(a, hv_sys_class_name((hv_sys_class)j));
    }
    assert_string_equal(hv_sys_class_name(HV_SYS_CLASS_COUNT), "?");
}

static void test_syscalls_system_dirs_stay_system_mnt_letter_is_windows_rest_is_own(void **state)
{
    (void)state;
    const char *system[] = {"/usr", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib/ld.so", "/lib64/ld-linux-x86-64.so.2",
                            "/etc/ld.so.cache", "/proc/self/maps", "/sys/fs/cgroup/memory.max", "/dev/null",
                            "/run/user/0", "/var/lib/dpkg/status", "/bin/sh", "/sbin/init"};
    for (size_t i = 0; i < sizeof system / sizeof system[0]; i++)
        assert_int_equal(hv_place_of_path(system[i]), HV_PLACE_SYSTEM);
    const char *own[] = {"/home/u/proj/x.c", "/tmp/st/a.o", "/usrx/y", "/libfoo", "/var/tmp/z", "/var/library",
                         "/root/.npm/_cacache", "/mnt/cd/x", "/mnt/wsl/x", "/mnt", "src/main.c", "./a"};
    for (size_t i = 0; i < sizeof own / sizeof own[0]; i++) assert_int_equal(hv_place_of_path(own[i]), HV_PLACE_OWN);
    assert_int_equal(hv_place_of_path("/mnt/c"), HV_PLACE_WINDOWS);
    assert_int_equal(hv_place_of_path("/mnt/c/Users/u/proj/x.c"), HV_PLACE_WINDOWS);
    assert_int_equal(hv_place_of_path("/mnt/z/"), HV_PLACE_WINDOWS);
    assert_int_equal(hv_place_of_path(""), HV_PLACE_NONE);
    assert_int_equal(hv_place_of_path(NULL), HV_PLACE_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_syscalls_every_x86_64_syscall_in_the_kernel_headers_is_known),
        cmocka_unit_test(test_syscalls_classes_follow_the_header),
        cmocka_unit_test(test_syscalls_libc_wrapper_names_classify_like_their_syscalls),
        cmocka_unit_test(test_syscalls_wsl1_unsupported_families_carry_wsl1s_errno),
        cmocka_unit_test(test_syscalls_class_names_are_distinct_and_short),
        cmocka_unit_test(test_syscalls_system_dirs_stay_system_mnt_letter_is_windows_rest_is_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
