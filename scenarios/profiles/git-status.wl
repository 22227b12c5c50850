# git-status.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (7023 lines) recorded with:
#   in that clone (2050 tracked files), after touching one file:
#   strace -f -tt -T -y -s 64 -o git-status.txt git status --porcelain  (git 2.39)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name git-status
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 4ms
execve system 1
brk none 12
mmap none 44
access system 4
openat system 22
newfstatat system 18
close system 15
read system 11 bytes=5708B
pread64 system 2 bytes=1568B
arch_prctl none 1
set_tid_address none 1
set_robust_list none 5
rseq none 5
mprotect none 13
prlimit64 none 2
munmap none 16
rt_sigprocmask none 18
rt_sigaction none 7
getrandom none 1
futex none 2
access own 18
openat own 604
newfstatat own 2785
read own 475 bytes=1390786B
close own 563
getcwd none 5
geteuid none 2
chdir own 1
clone3 none 4
madvise none 4
exit none 4
readlink own 6
getdents64 own 174
pread64 own 2 bytes=40B
getpid none 2
write own 3 bytes=196766B chunks=5
rename own 1
exit_group none 1
