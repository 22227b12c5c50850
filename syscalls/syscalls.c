/* syscalls.c: the one table that names every Linux system call hvsim knows
 * (see syscalls.h) -- all 362 x86_64 syscalls that strace prints (from
 * <asm/unistd_64.h>, kernel 6.1 headers) plus ~100 libc entry points that
 * binaries import instead of the syscall's own name (stat64, __xstat,
 * open64, __openat_2, posix_spawn, fopen, readdir ...) -- with its cost
 * class and, for the families WSL1's lxcore driver could not translate,
 * the errno WSL1 returned.
 *
 * Simplified: a call is classified by its name alone; the strace importer
 * refines two cases it can see in a trace (clone/clone3 with CLONE_NEW*
 * flags -> HV_SYS_NS, files under /sys/fs/cgroup -> HV_SYS_NS) and reports
 * them under the two pseudo names "clone(CLONE_NEW*)" and
 * "cgroup(/sys/fs/cgroup)", which cannot clash with a real symbol.  libc
 * functions that buffer (fopen, readdir) are mapped to the syscall they
 * imply the first time (openat, getdents64).
 *
 * WSL1 (the "Linux subsystem" of Windows 10, kernel interface 4.4) and what
 * it returned, from the microsoft/WSL issue tracker ("#N" below;
 * O = a Microsoft engineer's or label's word, A = a user's trace,
 * E = our estimate, reasoning given):
 *   unshare            EINVAL  user ns not implemented (#2981, benhillis: "we
 *                              have not yet implemented user namespaces"),
 *                              no network ns (#3550), docker blog   O
 *   clone(CLONE_NEW*)  EINVAL  same family as unshare; #2242: the chrome
 *                              suid sandbox's CLONE_NEWPID worked only in part  A/E
 *   setns, pivot_root  EINVAL  namespaces absent, so nothing to join or pivot  E
 *   mount              ENODEV  "WSL doesn't currently support mounting
 *                              filesystems directly" (#593, #131); later builds
 *                              mounted drvfs, tmpfs, proc, overlay (#2017,
 *                              #4538) but no disk or cgroup file system; the
 *                              errno is Linux's "unknown fs type"         O/E
 *   umount, umount2    EINVAL  nothing of ours to unmount                 E
 *   fsopen, fsmount, open_tree, move_mount, fspick, fsconfig, mount_setattr
 *                      ENOSYS  the new mount API is Linux 5.2+, WSL1 is 4.4  E
 *   cgroup(/sys/fs/cgroup) ENOENT  no cgroups (#85 "No cgroups support";
 *                              dockerd "Devices cgroup isn't mounted" #3275,
 *                              #2291)                                     A
 *   init_module, finit_module, delete_module  ENOSYS  insmod "Function not
 *                              implemented" on WSL1 (#6792, DHowett: no real
 *                              Linux kernel)                              O
 *   kexec_load, kexec_file_load  ENOSYS  no Linux kernel to replace      E
 *   bpf                ENOSYS  not implemented (wslutilities/wslu#90)    A
 *   io_setup, io_submit, io_getevents, io_destroy, io_cancel, io_pgetevents
 *                      ENOSYS  fio: io_setup = -1 ENOSYS (#5321)         A
 *   io_uring_*         ENOSYS  Linux 5.1+, WSL1 is 4.4                   E
 *   sync_file_range    ENOSYS  #645 (label fixed-in-wsl2)                O
 *   signalfd, signalfd4 EINVAL "signalfd syscall is not yet implemented"
 *                              (#129, sunilmut), returned EINVAL          O
 * Not listed although WSL1 lacked them at first: statx and clone3, because
 * glibc falls back to fstatat / clone on ENOSYS, so a program still runs
 * (that is why `hvsim inspect /usr/bin/ls` says wsl1: ok); ptrace, because
 * WSL1 implemented it (strace and gdb ran on WSL1).
 * Rows for docs/calibration.md: /work/notes/calib-strace.md. */
#include "syscalls.h"

#include <string.h>

typedef struct sys_entry {
    const char *name;
    hv_sys_class cls;
    const char *wsl1_errno; /* NULL: WSL1 ran it */
} sys_entry;

/* Sorted by strcmp (byte order): looked up by binary search.  A test looks
 * up every name of <asm/unistd_64.h>, so a row out of order shows. */
static const sys_entry sys_table[] = {
    {"_Exit", HV_SYS_PROC, NULL},
    {"__fcntl", HV_SYS_OTHER, NULL},
    {"__fxstat", HV_SYS_STAT, NULL},
    {"__fxstat64", HV_SYS_STAT, NULL},
    {"__fxstatat", HV_SYS_STAT, NULL},
    {"__fxstatat64", HV_SYS_STAT, NULL},
    {"__lxstat", HV_SYS_STAT, NULL},
    {"__lxstat64", HV_SYS_STAT, NULL},
    {"__open64_2", HV_SYS_OPEN, NULL},
    {"__open_2", HV_SYS_OPEN, NULL},
    {"__openat64_2", HV_SYS_OPEN, NULL},
    {"__openat_2", HV_SYS_OPEN, NULL},
    {"__pread64_chk", HV_SYS_READ, NULL},
    {"__pread_chk", HV_SYS_READ, NULL},
    {"__read_chk", HV_SYS_READ, NULL},
    {"__readlink_chk", HV_SYS_STAT, NULL},
    {"__readlinkat_chk", HV_SYS_STAT, NULL},
    {"__realpath_chk", HV_SYS_STAT, NULL},
    {"__xstat", HV_SYS_STAT, NULL},
    {"__xstat64", HV_SYS_STAT, NULL},
    {"_exit", HV_SYS_PROC, NULL},
    {"_sysctl", HV_SYS_OTHER, NULL},
    {"accept", HV_SYS_IPC, NULL},
    {"accept4", HV_SYS_IPC, NULL},
    {"access", HV_SYS_STAT, NULL},
    {"acct", HV_SYS_OTHER, NULL},
    {"add_key", HV_SYS_OTHER, NULL},
    {"adjtimex", HV_SYS_OTHER, NULL},
    {"afs_syscall", HV_SYS_OTHER, NULL},
    {"alarm", HV_SYS_TRIVIAL, NULL},
    {"arch_prctl", HV_SYS_TRIVIAL, NULL},
    {"bind", HV_SYS_IPC, NULL},
    {"bpf", HV_SYS_OTHER, "ENOSYS"},
    {"brk", HV_SYS_MEM, NULL},
    {"capget", HV_SYS_TRIVIAL, NULL},
    {"capset", HV_SYS_OTHER, NULL},
    {"cgroup(/sys/fs/cgroup)", HV_SYS_NS, "ENOENT"},
    {"chdir", HV_SYS_OTHER, NULL},
    {"chmod", HV_SYS_META, NULL},
    {"chown", HV_SYS_META, NULL},
    {"chroot", HV_SYS_OTHER, NULL},
    {"clock_adjtime", HV_SYS_OTHER, NULL},
    {"clock_getres", HV_SYS_TRIVIAL, NULL},
    {"clock_gettime", HV_SYS_TRIVIAL, NULL},
    {"clock_nanosleep", HV_SYS_OTHER, NULL},
    {"clock_settime", HV_SYS_OTHER, NULL},
    {"clone", HV_SYS_PROC, NULL},
    {"clone(CLONE_NEW*)", HV_SYS_NS, "EINVAL"},
    {"clone3", HV_SYS_PROC, NULL},
    {"close", HV_SYS_CLOSE, NULL},
    {"close_range", HV_SYS_CLOSE, NULL},
    {"closedir", HV_SYS_CLOSE, NULL},
    {"connect", HV_SYS_IPC, NULL},
    {"copy_file_range", HV_SYS_WRITE, NULL},
    {"creat", HV_SYS_OPEN, NULL},
    {"creat64", HV_SYS_OPEN, NULL},
    {"create_module", HV_SYS_OTHER, NULL},
    {"delete_module", HV_SYS_OTHER, "ENOSYS"},
    {"dup", HV_SYS_OTHER, NULL},
    {"dup2", HV_SYS_OTHER, NULL},
    {"dup3", HV_SYS_OTHER, NULL},
    {"eaccess", HV_SYS_STAT, NULL},
    {"epoll_create", HV_SYS_IPC, NULL},
    {"epoll_create1", HV_SYS_IPC, NULL},
    {"epoll_ctl", HV_SYS_IPC, NULL},
    {"epoll_ctl_old", HV_SYS_IPC, NULL},
    {"epoll_pwait", HV_SYS_IPC, NULL},
    {"epoll_pwait2", HV_SYS_IPC, NULL},
    {"epoll_wait", HV_SYS_IPC, NULL},
    {"epoll_wait_old", HV_SYS_IPC, NULL},
    {"euidaccess", HV_SYS_STAT, NULL},
    {"eventfd", HV_SYS_IPC, NULL},
    {"eventfd2", HV_SYS_IPC, NULL},
    {"execl", HV_SYS_PROC, NULL},
    {"execle", HV_SYS_PROC, NULL},
    {"execlp", HV_SYS_PROC, NULL},
    {"execv", HV_SYS_PROC, NULL},
    {"execve", HV_SYS_PROC, NULL},
    {"execveat", HV_SYS_PROC, NULL},
    {"execvp", HV_SYS_PROC, NULL},
    {"execvpe", HV_SYS_PROC, NULL},
    {"exit", HV_SYS_PROC, NULL},
    {"exit_group", HV_SYS_PROC, NULL},
    {"faccessat", HV_SYS_STAT, NULL},
    {"faccessat2", HV_SYS_STAT, NULL},
    {"fadvise64", HV_SYS_OTHER, NULL},
    {"fallocate", HV_SYS_META, NULL},
    {"fanotify_init", HV_SYS_OTHER, NULL},
    {"fanotify_mark", HV_SYS_OTHER, NULL},
    {"fchdir", HV_SYS_OTHER, NULL},
    {"fchmod", HV_SYS_META, NULL},
    {"fchmodat", HV_SYS_META, NULL},
    {"fchown", HV_SYS_META, NULL},
    {"fchownat", HV_SYS_META, NULL},
    {"fclose", HV_SYS_CLOSE, NULL},
    {"fcntl", HV_SYS_OTHER, NULL},
    {"fcntl64", HV_SYS_OTHER, NULL},
    {"fdatasync", HV_SYS_WRITE, NULL},
    {"fdopendir", HV_SYS_DIR, NULL},
    {"fexecve", HV_SYS_PROC, NULL},
    {"fgetxattr", HV_SYS_STAT, NULL},
    {"finit_module", HV_SYS_OTHER, "ENOSYS"},
    {"flistxattr", HV_SYS_STAT, NULL},
    {"flock", HV_SYS_OTHER, NULL},
    {"fopen", HV_SYS_OPEN, NULL},
    {"fopen64", HV_SYS_OPEN, NULL},
    {"fork", HV_SYS_PROC, NULL},
    {"fremovexattr", HV_SYS_META, NULL},
    {"freopen", HV_SYS_OPEN, NULL},
    {"freopen64", HV_SYS_OPEN, NULL},
    {"fsconfig", HV_SYS_NS, "ENOSYS"},
    {"fsetxattr", HV_SYS_META, NULL},
    {"fsmount", HV_SYS_NS, "ENOSYS"},
    {"fsopen", HV_SYS_NS, "ENOSYS"},
    {"fspick", HV_SYS_NS, "ENOSYS"},
    {"fstat", HV_SYS_STAT, NULL},
    {"fstat64", HV_SYS_STAT, NULL},
    {"fstatat", HV_SYS_STAT, NULL},
    {"fstatat64", HV_SYS_STAT, NULL},
    {"fstatfs", HV_SYS_STAT, NULL},
    {"fstatfs64", HV_SYS_STAT, NULL},
    {"fstatvfs", HV_SYS_STAT, NULL},
    {"fstatvfs64", HV_SYS_STAT, NULL},
    {"fsync", HV_SYS_WRITE, NULL},
    {"ftruncate", HV_SYS_META, NULL},
    {"fts_read", HV_SYS_DIR, NULL},
    {"futex", HV_SYS_FUTEX, NULL},
    {"futex_waitv", HV_SYS_FUTEX, NULL},
    {"futimens", HV_SYS_META, NULL},
    {"futimes", HV_SYS_META, NULL},
    {"futimesat", HV_SYS_META, NULL},
    {"get_kernel_syms", HV_SYS_OTHER, NULL},
    {"get_mempolicy", HV_SYS_MEM, NULL},
    {"get_robust_list", HV_SYS_TRIVIAL, NULL},
    {"get_thread_area", HV_SYS_OTHER, NULL},
    {"getcpu", HV_SYS_TRIVIAL, NULL},
    {"getcwd", HV_SYS_TRIVIAL, NULL},
    {"getdents", HV_SYS_DIR, NULL},
    {"getdents64", HV_SYS_DIR, NULL},
    {"getegid", HV_SYS_TRIVIAL, NULL},
    {"geteuid", HV_SYS_TRIVIAL, NULL},
    {"getgid", HV_SYS_TRIVIAL, NULL},
    {"getgroups", HV_SYS_TRIVIAL, NULL},
    {"getitimer", HV_SYS_TRIVIAL, NULL},
    {"getpeername", HV_SYS_IPC, NULL},
    {"getpgid", HV_SYS_TRIVIAL, NULL},
    {"getpgrp", HV_SYS_TRIVIAL, NULL},
    {"getpid", HV_SYS_TRIVIAL, NULL},
    {"getpmsg", HV_SYS_OTHER, NULL},
    {"getppid", HV_SYS_TRIVIAL, NULL},
    {"getpriority", HV_SYS_TRIVIAL, NULL},
    {"getrandom", HV_SYS_TRIVIAL, NULL},
    {"getresgid", HV_SYS_TRIVIAL, NULL},
    {"getresuid", HV_SYS_TRIVIAL, NULL},
    {"getrlimit", HV_SYS_TRIVIAL, NULL},
    {"getrusage", HV_SYS_TRIVIAL, NULL},
    {"getsid", HV_SYS_TRIVIAL, NULL},
    {"getsockname", HV_SYS_IPC, NULL},
    {"getsockopt", HV_SYS_IPC, NULL},
    {"gettid", HV_SYS_TRIVIAL, NULL},
    {"gettimeofday", HV_SYS_TRIVIAL, NULL},
    {"getuid", HV_SYS_TRIVIAL, NULL},
    {"getxattr", HV_SYS_STAT, NULL},
    {"init_module", HV_SYS_OTHER, "ENOSYS"},
    {"inotify_add_watch", HV_SYS_OTHER, NULL},
    {"inotify_init", HV_SYS_OTHER, NULL},
    {"inotify_init1", HV_SYS_OTHER, NULL},
    {"inotify_rm_watch", HV_SYS_OTHER, NULL},
    {"io_cancel", HV_SYS_OTHER, "ENOSYS"},
    {"io_destroy", HV_SYS_OTHER, "ENOSYS"},
    {"io_getevents", HV_SYS_OTHER, "ENOSYS"},
    {"io_pgetevents", HV_SYS_OTHER, "ENOSYS"},
    {"io_setup", HV_SYS_OTHER, "ENOSYS"},
    {"io_submit", HV_SYS_OTHER, "ENOSYS"},
    {"io_uring_enter", HV_SYS_OTHER, "ENOSYS"},
    {"io_uring_register", HV_SYS_OTHER, "ENOSYS"},
    {"io_uring_setup", HV_SYS_OTHER, "ENOSYS"},
    {"ioctl", HV_SYS_OTHER, NULL},
    {"ioperm", HV_SYS_OTHER, NULL},
    {"iopl", HV_SYS_OTHER, NULL},
    {"ioprio_get", HV_SYS_TRIVIAL, NULL},
    {"ioprio_set", HV_SYS_TRIVIAL, NULL},
    {"kcmp", HV_SYS_OTHER, NULL},
    {"kexec_file_load", HV_SYS_OTHER, "ENOSYS"},
    {"kexec_load", HV_SYS_OTHER, "ENOSYS"},
    {"keyctl", HV_SYS_OTHER, NULL},
    {"kill", HV_SYS_PROC, NULL},
    {"landlock_add_rule", HV_SYS_OTHER, NULL},
    {"landlock_create_ruleset", HV_SYS_OTHER, NULL},
    {"landlock_restrict_self", HV_SYS_OTHER, NULL},
    {"lchmod", HV_SYS_META, NULL},
    {"lchown", HV_SYS_META, NULL},
    {"lgetxattr", HV_SYS_STAT, NULL},
    {"link", HV_SYS_NAME, NULL},
    {"linkat", HV_SYS_NAME, NULL},
    {"listen", HV_SYS_IPC, NULL},
    {"listxattr", HV_SYS_STAT, NULL},
    {"llistxattr", HV_SYS_STAT, NULL},
    {"lookup_dcookie", HV_SYS_OTHER, NULL},
    {"lremovexattr", HV_SYS_META, NULL},
    {"lseek", HV_SYS_OTHER, NULL},
    {"lseek64", HV_SYS_OTHER, NULL},
    {"lsetxattr", HV_SYS_META, NULL},
    {"lstat", HV_SYS_STAT, NULL},
    {"lstat64", HV_SYS_STAT, NULL},
    {"lutimes", HV_SYS_META, NULL},
    {"madvise", HV_SYS_MEM, NULL},
    {"mbind", HV_SYS_MEM, NULL},
    {"membarrier", HV_SYS_MEM, NULL},
    {"memfd_create", HV_SYS_OPEN, NULL},
    {"memfd_secret", HV_SYS_MEM, NULL},
    {"migrate_pages", HV_SYS_MEM, NULL},
    {"mincore", HV_SYS_MEM, NULL},
    {"mkdir", HV_SYS_NAME, NULL},
    {"mkdirat", HV_SYS_NAME, NULL},
    {"mkdtemp", HV_SYS_NAME, NULL},
    {"mknod", HV_SYS_NAME, NULL},
    {"mknodat", HV_SYS_NAME, NULL},
    {"mkostemp", HV_SYS_OPEN, NULL},
    {"mkostemp64", HV_SYS_OPEN, NULL},
    {"mkostemps", HV_SYS_OPEN, NULL},
    {"mkstemp", HV_SYS_OPEN, NULL},
    {"mkstemp64", HV_SYS_OPEN, NULL},
    {"mkstemps", HV_SYS_OPEN, NULL},
    {"mlock", HV_SYS_MEM, NULL},
    {"mlock2", HV_SYS_MEM, NULL},
    {"mlockall", HV_SYS_MEM, NULL},
    {"mmap", HV_SYS_MEM, NULL},
    {"mmap64", HV_SYS_MEM, NULL},
    {"modify_ldt", HV_SYS_OTHER, NULL},
    {"mount", HV_SYS_NS, "ENODEV"},
    {"mount_setattr", HV_SYS_NS, "ENOSYS"},
    {"move_mount", HV_SYS_NS, "ENOSYS"},
    {"move_pages", HV_SYS_MEM, NULL},
    {"mprotect", HV_SYS_MEM, NULL},
    {"mq_getsetattr", HV_SYS_IPC, NULL},
    {"mq_notify", HV_SYS_IPC, NULL},
    {"mq_open", HV_SYS_IPC, NULL},
    {"mq_timedreceive", HV_SYS_IPC, NULL},
    {"mq_timedsend", HV_SYS_IPC, NULL},
    {"mq_unlink", HV_SYS_IPC, NULL},
    {"mremap", HV_SYS_MEM, NULL},
    {"msgctl", HV_SYS_IPC, NULL},
    {"msgget", HV_SYS_IPC, NULL},
    {"msgrcv", HV_SYS_IPC, NULL},
    {"msgsnd", HV_SYS_IPC, NULL},
    {"msync", HV_SYS_MEM, NULL},
    {"munlock", HV_SYS_MEM, NULL},
    {"munlockall", HV_SYS_MEM, NULL},
    {"munmap", HV_SYS_MEM, NULL},
    {"name_to_handle_at", HV_SYS_STAT, NULL},
    {"nanosleep", HV_SYS_OTHER, NULL},
    {"newfstatat", HV_SYS_STAT, NULL},
    {"nfsservctl", HV_SYS_OTHER, NULL},
    {"nftw", HV_SYS_DIR, NULL},
    {"nftw64", HV_SYS_DIR, NULL},
    {"open", HV_SYS_OPEN, NULL},
    {"open64", HV_SYS_OPEN, NULL},
    {"open_by_handle_at", HV_SYS_OPEN, NULL},
    {"open_tree", HV_SYS_NS, "ENOSYS"},
    {"openat", HV_SYS_OPEN, NULL},
    {"openat2", HV_SYS_OPEN, NULL},
    {"openat64", HV_SYS_OPEN, NULL},
    {"opendir", HV_SYS_OPEN, NULL},
    {"pause", HV_SYS_OTHER, NULL},
    {"pclose", HV_SYS_IPC, NULL},
    {"perf_event_open", HV_SYS_OTHER, NULL},
    {"personality", HV_SYS_TRIVIAL, NULL},
    {"pidfd_getfd", HV_SYS_PROC, NULL},
    {"pidfd_open", HV_SYS_PROC, NULL},
    {"pidfd_send_signal", HV_SYS_PROC, NULL},
    {"pipe", HV_SYS_IPC, NULL},
    {"pipe2", HV_SYS_IPC, NULL},
    {"pivot_root", HV_SYS_NS, "EINVAL"},
    {"pkey_alloc", HV_SYS_MEM, NULL},
    {"pkey_free", HV_SYS_MEM, NULL},
    {"pkey_mprotect", HV_SYS_MEM, NULL},
    {"poll", HV_SYS_IPC, NULL},
    {"popen", HV_SYS_PROC, NULL},
    {"posix_spawn", HV_SYS_PROC, NULL},
    {"posix_spawnp", HV_SYS_PROC, NULL},
    {"ppoll", HV_SYS_IPC, NULL},
    {"prctl", HV_SYS_OTHER, NULL},
    {"pread", HV_SYS_READ, NULL},
    {"pread64", HV_SYS_READ, NULL},
    {"pread64_chk", HV_SYS_READ, NULL},
    {"preadv", HV_SYS_READ, NULL},
    {"preadv2", HV_SYS_READ, NULL},
    {"preadv64", HV_SYS_READ, NULL},
    {"preadv64v2", HV_SYS_READ, NULL},
    {"prlimit64", HV_SYS_TRIVIAL, NULL},
    {"process_madvise", HV_SYS_MEM, NULL},
    {"process_mrelease", HV_SYS_MEM, NULL},
    {"process_vm_readv", HV_SYS_IPC, NULL},
    {"process_vm_writev", HV_SYS_IPC, NULL},
    {"pselect", HV_SYS_IPC, NULL},
    {"pselect6", HV_SYS_IPC, NULL},
    {"ptrace", HV_SYS_PROC, NULL},
    {"putpmsg", HV_SYS_OTHER, NULL},
    {"pwrite", HV_SYS_WRITE, NULL},
    {"pwrite64", HV_SYS_WRITE, NULL},
    {"pwritev", HV_SYS_WRITE, NULL},
    {"pwritev2", HV_SYS_WRITE, NULL},
    {"pwritev64", HV_SYS_WRITE, NULL},
    {"pwritev64v2", HV_SYS_WRITE, NULL},
    {"query_module", HV_SYS_OTHER, NULL},
    {"quotactl", HV_SYS_OTHER, NULL},
    {"quotactl_fd", HV_SYS_OTHER, NULL},
    {"read", HV_SYS_READ, NULL},
    {"readahead", HV_SYS_OTHER, NULL},
    {"readdir", HV_SYS_DIR, NULL},
    {"readdir64", HV_SYS_DIR, NULL},
    {"readdir64_r", HV_SYS_DIR, NULL},
    {"readdir_r", HV_SYS_DIR, NULL},
    {"readlink", HV_SYS_STAT, NULL},
    {"readlinkat", HV_SYS_STAT, NULL},
    {"readv", HV_SYS_READ, NULL},
    {"realpath", HV_SYS_STAT, NULL},
    {"reboot", HV_SYS_OTHER, NULL},
    {"recvfrom", HV_SYS_IPC, NULL},
    {"recvmmsg", HV_SYS_IPC, NULL},
    {"recvmsg", HV_SYS_IPC, NULL},
    {"remap_file_pages", HV_SYS_MEM, NULL},
    {"remove", HV_SYS_NAME, NULL},
    {"removexattr", HV_SYS_META, NULL},
    {"rename", HV_SYS_NAME, NULL},
    {"renameat", HV_SYS_NAME, NULL},
    {"renameat2", HV_SYS_NAME, NULL},
    {"request_key", HV_SYS_OTHER, NULL},
    {"restart_syscall", HV_SYS_OTHER, NULL},
    {"rmdir", HV_SYS_NAME, NULL},
    {"rseq", HV_SYS_TRIVIAL, NULL},
    {"rt_sigaction", HV_SYS_TRIVIAL, NULL},
    {"rt_sigpending", HV_SYS_TRIVIAL, NULL},
    {"rt_sigprocmask", HV_SYS_TRIVIAL, NULL},
    {"rt_sigqueueinfo", HV_SYS_PROC, NULL},
    {"rt_sigreturn", HV_SYS_TRIVIAL, NULL},
    {"rt_sigsuspend", HV_SYS_OTHER, NULL},
    {"rt_sigtimedwait", HV_SYS_OTHER, NULL},
    {"rt_tgsigqueueinfo", HV_SYS_PROC, NULL},
    {"scandir", HV_SYS_DIR, NULL},
    {"scandir64", HV_SYS_DIR, NULL},
    {"scandirat", HV_SYS_DIR, NULL},
    {"sched_get_priority_max", HV_SYS_TRIVIAL, NULL},
    {"sched_get_priority_min", HV_SYS_TRIVIAL, NULL},
    {"sched_getaffinity", HV_SYS_TRIVIAL, NULL},
    {"sched_getattr", HV_SYS_TRIVIAL, NULL},
    {"sched_getparam", HV_SYS_TRIVIAL, NULL},
    {"sched_getscheduler", HV_SYS_TRIVIAL, NULL},
    {"sched_rr_get_interval", HV_SYS_TRIVIAL, NULL},
    {"sched_setaffinity", HV_SYS_TRIVIAL, NULL},
    {"sched_setattr", HV_SYS_OTHER, NULL},
    {"sched_setparam", HV_SYS_OTHER, NULL},
    {"sched_setscheduler", HV_SYS_OTHER, NULL},
    {"sched_yield", HV_SYS_TRIVIAL, NULL},
    {"seccomp", HV_SYS_OTHER, NULL},
    {"security", HV_SYS_OTHER, NULL},
    {"select", HV_SYS_IPC, NULL},
    {"semctl", HV_SYS_IPC, NULL},
    {"semget", HV_SYS_IPC, NULL},
    {"semop", HV_SYS_IPC, NULL},
    {"semtimedop", HV_SYS_IPC, NULL},
    {"sendfile", HV_SYS_WRITE, NULL},
    {"sendfile64", HV_SYS_WRITE, NULL},
    {"sendmmsg", HV_SYS_IPC, NULL},
    {"sendmsg", HV_SYS_IPC, NULL},
    {"sendto", HV_SYS_IPC, NULL},
    {"set_mempolicy", HV_SYS_MEM, NULL},
    {"set_mempolicy_home_node", HV_SYS_MEM, NULL},
    {"set_robust_list", HV_SYS_TRIVIAL, NULL},
    {"set_thread_area", HV_SYS_OTHER, NULL},
    {"set_tid_address", HV_SYS_TRIVIAL, NULL},
    {"setdomainname", HV_SYS_OTHER, NULL},
    {"setfsgid", HV_SYS_TRIVIAL, NULL},
    {"setfsuid", HV_SYS_TRIVIAL, NULL},
    {"setgid", HV_SYS_TRIVIAL, NULL},
    {"setgroups", HV_SYS_TRIVIAL, NULL},
    {"sethostname", HV_SYS_OTHER, NULL},
    {"setitimer", HV_SYS_TRIVIAL, NULL},
    {"setns", HV_SYS_NS, "EINVAL"},
    {"setpgid", HV_SYS_TRIVIAL, NULL},
    {"setpriority", HV_SYS_TRIVIAL, NULL},
    {"setregid", HV_SYS_TRIVIAL, NULL},
    {"setresgid", HV_SYS_TRIVIAL, NULL},
    {"setresuid", HV_SYS_TRIVIAL, NULL},
    {"setreuid", HV_SYS_TRIVIAL, NULL},
    {"setrlimit", HV_SYS_TRIVIAL, NULL},
    {"setsid", HV_SYS_TRIVIAL, NULL},
    {"setsockopt", HV_SYS_IPC, NULL},
    {"settimeofday", HV_SYS_OTHER, NULL},
    {"setuid", HV_SYS_TRIVIAL, NULL},
    {"setxattr", HV_SYS_META, NULL},
    {"shm_open", HV_SYS_OPEN, NULL},
    {"shmat", HV_SYS_IPC, NULL},
    {"shmctl", HV_SYS_IPC, NULL},
    {"shmdt", HV_SYS_IPC, NULL},
    {"shmget", HV_SYS_IPC, NULL},
    {"shutdown", HV_SYS_IPC, NULL},
    {"sigaltstack", HV_SYS_TRIVIAL, NULL},
    {"signalfd", HV_SYS_IPC, "EINVAL"},
    {"signalfd4", HV_SYS_IPC, "EINVAL"},
    {"socket", HV_SYS_IPC, NULL},
    {"socketpair", HV_SYS_IPC, NULL},
    {"splice", HV_SYS_IPC, NULL},
    {"stat", HV_SYS_STAT, NULL},
    {"stat64", HV_SYS_STAT, NULL},
    {"statfs", HV_SYS_STAT, NULL},
    {"statfs64", HV_SYS_STAT, NULL},
    {"statvfs", HV_SYS_STAT, NULL},
    {"statvfs64", HV_SYS_STAT, NULL},
    {"statx", HV_SYS_STAT, NULL},
    {"swapoff", HV_SYS_OTHER, NULL},
    {"swapon", HV_SYS_OTHER, NULL},
    {"symlink", HV_SYS_NAME, NULL},
    {"symlinkat", HV_SYS_NAME, NULL},
    {"sync", HV_SYS_WRITE, NULL},
    {"sync_file_range", HV_SYS_WRITE, "ENOSYS"},
    {"syncfs", HV_SYS_WRITE, NULL},
    {"syscall", HV_SYS_OTHER, NULL},
    {"sysfs", HV_SYS_OTHER, NULL},
    {"sysinfo", HV_SYS_TRIVIAL, NULL},
    {"syslog", HV_SYS_OTHER, NULL},
    {"system", HV_SYS_PROC, NULL},
    {"tee", HV_SYS_IPC, NULL},
    {"tgkill", HV_SYS_PROC, NULL},
    {"time", HV_SYS_TRIVIAL, NULL},
    {"timer_create", HV_SYS_TRIVIAL, NULL},
    {"timer_delete", HV_SYS_TRIVIAL, NULL},
    {"timer_getoverrun", HV_SYS_TRIVIAL, NULL},
    {"timer_gettime", HV_SYS_TRIVIAL, NULL},
    {"timer_settime", HV_SYS_TRIVIAL, NULL},
    {"timerfd_create", HV_SYS_OTHER, NULL},
    {"timerfd_gettime", HV_SYS_OTHER, NULL},
    {"timerfd_settime", HV_SYS_OTHER, NULL},
    {"times", HV_SYS_TRIVIAL, NULL},
    {"tkill", HV_SYS_PROC, NULL},
    {"tmpfile", HV_SYS_OPEN, NULL},
    {"tmpfile64", HV_SYS_OPEN, NULL},
    {"truncate", HV_SYS_META, NULL},
    {"tuxcall", HV_SYS_OTHER, NULL},
    {"umask", HV_SYS_TRIVIAL, NULL},
    {"umount", HV_SYS_NS, "EINVAL"},
    {"umount2", HV_SYS_NS, "EINVAL"},
    {"uname", HV_SYS_TRIVIAL, NULL},
    {"unlink", HV_SYS_NAME, NULL},
    {"unlinkat", HV_SYS_NAME, NULL},
    {"unshare", HV_SYS_NS, "EINVAL"},
    {"uselib", HV_SYS_OTHER, NULL},
    {"userfaultfd", HV_SYS_MEM, NULL},
    {"ustat", HV_SYS_STAT, NULL},
    {"utime", HV_SYS_META, NULL},
    {"utimensat", HV_SYS_META, NULL},
    {"utimes", HV_SYS_META, NULL},
    {"vfork", HV_SYS_PROC, NULL},
    {"vhangup", HV_SYS_OTHER, NULL},
    {"vmsplice", HV_SYS_IPC, NULL},
    {"vserver", HV_SYS_OTHER, NULL},
    {"wait", HV_SYS_PROC, NULL},
    {"wait3", HV_SYS_PROC, NULL},
    {"wait4", HV_SYS_PROC, NULL},
    {"waitid", HV_SYS_PROC, NULL},
    {"waitpid", HV_SYS_PROC, NULL},
    {"write", HV_SYS_WRITE, NULL},
    {"writev", HV_SYS_WRITE, NULL},
};

static const char *const class_names[HV_SYS_CLASS_COUNT] = {
    "trivial", "read", "write", "open", "close", "stat", "dir", "mem",
    "proc",    "ipc",  "futex", "meta", "name", "ns",   "other",
};

const char *hv_sys_class_name(hv_sys_class c)
{
    if ((unsigned)c >= HV_SYS_CLASS_COUNT) return "?";
    return class_names[c];
}

static const sys_entry *find(const char *name)
{
    if (!name) return NULL;
    size_t lo = 0, hi = sizeof sys_table / sizeof sys_table[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, sys_table[mid].name);
        if (c == 0) return &sys_table[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

hv_sys_class hv_sys_classify(const char *name, int *known)
{
    const sys_entry *e = find(name);
    if (known) *known = e != NULL;
    return e ? e->cls : HV_SYS_OTHER;
}

int hv_sys_wsl1_unsupported(const char *name, const char **err)
{
    const sys_entry *e = find(name);
    if (!e || !e->wsl1_errno) return 0;
    if (err) *err = e->wsl1_errno;
    return 1;
}

int hv_sys_may_wait(const char *name)
{
    static const char *const waits[] = {
        "accept", "accept4", "clock_nanosleep", "connect", "epoll_pwait", "epoll_pwait2",
        "epoll_wait", "flock", "futex", "futex_waitv", "io_getevents", "io_pgetevents",
        "io_uring_enter", "msgrcv", "mq_timedreceive", "nanosleep", "pause", "poll", "ppoll",
        "pselect6", "recvfrom", "recvmmsg", "recvmsg", "rt_sigsuspend", "rt_sigtimedwait",
        "select", "semop", "semtimedop", "sendmmsg", "sendmsg", "sendto", "waitid", "wait4",
    };
    for (size_t i = 0; i < sizeof waits / sizeof waits[0]; i++)
        if (strcmp(waits[i], name) == 0) return 1;
    return 0;
}

/* `dir` is a system directory: "/usr" matches "/usr" and "/usr/...", not
 * "/usrx". */
static int under(const char *path, const char *dir, size_t n)
{
    return strncmp(path, dir, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

#define UNDER(path, lit) under((path), lit, sizeof lit - 1)

hv_place hv_place_of_path(const char *path)
{
    if (!path || !path[0]) return HV_PLACE_NONE;
    if (path[0] != '/') return HV_PLACE_OWN;
    /* the system directories: /usr /lib /lib64 /etc /proc /sys /dev /run
     * /var/lib /bin /sbin; dispatched on the first letter (this runs for
     * most lines of a trace) */
    int sys = 0;
    switch (path[1]) {
    case 'u': sys = UNDER(path, "/usr"); break;
    case 'l': sys = UNDER(path, "/lib") || UNDER(path, "/lib64"); break;
    case 'e': sys = UNDER(path, "/etc"); break;
    case 'p': sys = UNDER(path, "/proc"); break;
    case 's': sys = UNDER(path, "/sys") || UNDER(path, "/sbin"); break;
    case 'd': sys = UNDER(path, "/dev"); break;
    case 'r': sys = UNDER(path, "/run"); break;
    case 'v': sys = UNDER(path, "/var/lib"); break;
    case 'b': sys = UNDER(path, "/bin"); break;
    case 'm':
        /* /mnt/<letter> and below: a Windows drive */
        if (strncmp(path, "/mnt/", 5) == 0 && path[5] >= 'a' && path[5] <= 'z' &&
            (path[6] == '\0' || path[6] == '/'))
            return HV_PLACE_WINDOWS;
        break;
    default: break;
    }
    return sys ? HV_PLACE_SYSTEM : HV_PLACE_OWN;
}

int hv_sys_is_file_class(hv_sys_class c)
{
    switch (c) {
    case HV_SYS_READ: case HV_SYS_WRITE: case HV_SYS_OPEN: case HV_SYS_CLOSE:
    case HV_SYS_STAT: case HV_SYS_DIR: case HV_SYS_META: case HV_SYS_NAME:
        return 1;
    default:
        return 0;
    }
}
