# npm-install.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (70378 lines) recorded with:
#   in an empty project: strace -f -tt -T -y -s 64 -o npm-install.txt npm install --no-audit --no-fund express@4
#   (npm 9, node 18; 71 packages, 635 files, warm ~/.npm cache; registry traffic is socket I/O)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name npm-install
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 1050ms
execve system 6
brk none 200
mmap none 1064
access system 2
openat system 859
newfstatat system 43
close system 718
read system 1402 bytes=3283981B
pread64 system 122 bytes=160239B
arch_prctl none 2
set_tid_address none 2
set_robust_list none 12
rseq none 12
mprotect none 1243
prlimit64 none 9
munmap none 1565
getrandom none 4
futex none 14210
execve own 5
getpid none 213
capget none 12
getuid none 13
geteuid none 12
getgid none 13
getegid none 13
fstat system 5
fstat none 20
rt_sigprocmask none 112
rt_sigaction none 64
fcntl system 4
ioctl system 2
fcntl none 22
ioctl none 20
sysinfo none 1
epoll_create1 none 3
pipe2 none 4
write none 2601 bytes=89078B
eventfd2 none 3
clone3 none 10
epoll_ctl none 51
epoll_pwait none 4369
uname none 5
pkey_alloc none 1
madvise none 1034
sched_getaffinity none 2
gettid none 3
readlink system 9
statx system 4319
prctl none 2
getcwd none 1
socket none 20
bind none 2
getsockname none 2
sendto none 3
recvmsg none 7
close none 15
lseek system 6
read none 2610 bytes=3353131B
getgroups none 2
statx own 1793
openat own 1228
read own 10 bytes=422B
close own 1002
getppid none 1
mkdir own 1444
write own 1885 bytes=5831198B
newfstatat own 73
getdents64 own 144
access own 143
umask none 2
connect none 18
setsockopt none 151
poll none 3
sendmmsg none 1
recvfrom none 2
getsockopt none 15
rename own 141
symlink own 1
chmod own 1
pread64 own 1 bytes=149B
exit none 9
exit_group none 1
