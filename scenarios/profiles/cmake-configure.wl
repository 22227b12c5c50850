# cmake-configure.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (34056 lines) recorded with:
#   strace -f -tt -T -y -s 64 -o cmake-configure.txt cmake -S /work/main -B cm -DHVSIM_TESTS=OFF -DHVSIM_BENCH=OFF
#   (cmake 3.25, a fresh build directory: compiler checks, try_compile runs, generation)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name cmake-configure
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 275ms
execve system 107
brk none 548
mmap none 5088
access system 1023
openat system 2092
newfstatat system 2982
close system 1726
read system 2151 bytes=2889567B chunks=2154
pread64 system 158 bytes=123872B
mprotect none 1190
arch_prctl none 79
set_tid_address none 79
set_robust_list none 92
rseq none 79
prlimit64 none 146
munmap none 141
getrandom none 99
futex none 58
readlink own 225
newfstatat own 1101
getcwd none 98
fcntl system 141
access own 191
readlink system 1311
openat own 378
uname none 7
mkdir own 160
read own 463 bytes=763003B
lseek own 599
ioctl system 288
close own 353
lseek system 1983
pipe2 none 96
fcntl none 328
rt_sigprocmask none 364
rt_sigaction none 4293
clone none 13
close none 268
read none 298 bytes=109126B
dup2 none 30
pselect6 none 223
getuid none 69
getgid none 69
getpid none 13
geteuid none 55
getppid none 13
getegid none 41
vfork none 37
wait4 none 92
newfstatat none 26
write none 228 bytes=109129B
exit_group none 79
rt_sigreturn none 27
write own 378 bytes=180713B
unlink own 301
ioctl own 9
chmod own 21
getdents64 system 6
writev own 25 bytes=201525B
chdir own 22
ioctl none 69
sysinfo none 21
faccessat2 system 13
execve own 35
getrusage none 11
fcntl own 104
umask none 6
getdents64 own 48
write system 9 bytes=336B
rename own 93
stat system 38
stat own 72
clone3 none 28
setresuid none 28
setresgid none 28
rmdir own 5
epoll_create1 none 3
eventfd2 none 3
dup none 4
prctl none 2
utimensat own 1
statfs system 1
statfs own 1
renameat2 own 1
renameat own 1
