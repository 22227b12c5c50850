/* syscalls.h: Linux system calls as hvsim sees them -- a class for costing,
 * whether it touches a file and where that file lives, and whether WSL1
 * could translate it.
 *
 * One table maps syscall names (as strace prints them, and as libc exports
 * their wrappers: "openat", "stat", "unshare") to a class.  The strace
 * importer, the ELF inspector, the workload profiles and the syscall path
 * models all go through it, so a call is classified once, in one place. */
#ifndef HVSIM_MODELS_SYSCALLS_H
#define HVSIM_MODELS_SYSCALLS_H

#include <stddef.h>
#include <stdint.h>

typedef enum hv_sys_class {
    HV_SYS_TRIVIAL,   /* getpid, getuid, clock_gettime (vdso aside), uname ... */
    HV_SYS_READ,      /* read, pread64, readv (file or pipe: the fd decides; see place) */
    HV_SYS_WRITE,     /* write, pwrite64, writev */
    HV_SYS_OPEN,      /* open, openat, creat */
    HV_SYS_CLOSE,     /* close */
    HV_SYS_STAT,      /* stat, lstat, fstat, newfstatat, statx, access, faccessat, readlink */
    HV_SYS_DIR,       /* getdents64, getdents */
    HV_SYS_MEM,       /* mmap, munmap, mprotect, brk, madvise */
    HV_SYS_PROC,      /* fork, vfork, clone, clone3, execve, wait4, exit_group */
    HV_SYS_IPC,       /* pipe, pipe2, socket I/O: sendto, recvfrom, poll, select, epoll_* */
    HV_SYS_FUTEX,     /* futex */
    HV_SYS_META,      /* chmod, fchmod, chown, fchown, utimensat, ... */
    HV_SYS_NAME,      /* unlink, unlinkat, rename, renameat2, mkdir, mkdirat, rmdir, link, symlink */
    HV_SYS_NS,        /* unshare, setns, clone with CLONE_NEW*, pivot_root, mount, umount2, cgroup files */
    HV_SYS_OTHER,     /* everything else: ioctl, fcntl, lseek, dup, ... */
    HV_SYS_CLASS_COUNT
} hv_sys_class;

/* Where a file operation's file lives, before --fs relocation. */
typedef enum hv_place {
    HV_PLACE_NONE,    /* not a file operation (or the fd is a pipe/socket) */
    HV_PLACE_SYSTEM,  /* /usr /lib /etc /proc /sys /dev ...: stays on the distro's own fs */
    HV_PLACE_OWN,     /* the workload's own files: relocatable with --fs */
    HV_PLACE_WINDOWS, /* /mnt/<letter>/...: on the Windows side already */
    HV_PLACE_COUNT
} hv_place;

/* Name of a class as printed in tables ("stat", "open" ...). */
const char *hv_sys_class_name(hv_sys_class c);
/* Class of a syscall by name; HV_SYS_OTHER if unknown.  *known is set to 0
 * for names not in the table (may be NULL). */
hv_sys_class hv_sys_classify(const char *name, int *known);
/* 1 if WSL1 could not run this call at all (namespaces, cgroups, mount ...);
 * *err receives the errno name WSL1 returned ("EINVAL", "ENOSYS").  */
int hv_sys_wsl1_unsupported(const char *name, const char **err);
/* 1 for calls that can wait for something a trace need not show (poll,
 * futex, epoll, sleeps, sockets, signals): a replay keeps their traced
 * duration unless it models the waker itself. */
int hv_sys_may_wait(const char *name);
/* 1 for the classes that act on a file and so have a place (read, write,
 * open, close, stat, dir, meta, name); read and write on a pipe or socket
 * get HV_PLACE_NONE from their fd instead. */
int hv_sys_is_file_class(hv_sys_class c);
/* Where a path lives (absolute paths; relative ones are the workload's own). */
hv_place hv_place_of_path(const char *path);

#endif
