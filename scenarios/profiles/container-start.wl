# container-start.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (569 lines) recorded with:
#   what a container runtime (runc under dockerd/containerd) does to start a container, done by util-linux unshare:
#   strace -f -tt -T -y -s 64 -o unshare.txt unshare --mount --uts --ipc --net --pid --fork --mount-proc sh -c 'hostname box; cat /proc/1/status >/dev/null; ls / >/dev/null'
#   (no Docker engine is installed here; the engine's own start adds threads, futexes and sockets, not other call families)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name container-start
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 4ms
execve system 9
brk none 15
mmap none 89
access system 6
openat system 100
newfstatat system 76
close system 63
read system 17 bytes=16560B
pread64 system 10 bytes=7840B
arch_prctl none 5
set_tid_address none 5
set_robust_list none 6
rseq none 5
mprotect none 17
prlimit64 none 5
munmap none 6
geteuid none 3
getegid none 2
getrandom none 5
futex none 3
rt_sigaction none 8
unshare none 1
rt_sigprocmask none 11
clone none 1
wait4 none 7
mount none 2
execve own 5
getuid none 1
getgid none 1
getpid none 1
getppid none 1
newfstatat own 18
vfork none 3
sethostname none 1
exit_group none 5
rt_sigreturn none 3
fcntl own 4
close own 9
dup2 none 4
fadvise64 system 1
write system 2 bytes=1541B
statfs system 1
statfs own 1
ioctl system 2
statx own 1
openat own 1
getdents64 own 2
dup none 2
