# compile.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (7374 lines) recorded with:
#   strace -f -tt -T -y -s 64 -o compile.txt gcc -O2 -c vnic.c engine.c queue.c rng.c value.c (hvsim sources, gcc 12)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name compile
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 370ms
execve system 31
brk none 245
mmap none 442
access system 40
openat system 839
newfstatat system 558
close system 387
read system 343 bytes=1316360B
pread64 system 22 bytes=17248B
arch_prctl none 11
set_tid_address none 11
set_robust_list none 11
rseq none 11
mprotect none 88
prlimit64 none 43
munmap none 13
getrandom none 11
futex none 11
ioctl own 18
rt_sigaction none 59
access own 11
readlink system 3161
newfstatat own 95
openat own 415
close own 42
pipe2 none 10
vfork none 10
close none 30
read none 10
wait4 none 10
sysinfo none 15
faccessat2 system 5
read own 83 bytes=313768B
readlink own 30
write own 75 bytes=148589B
exit_group none 11
execve own 25
getrusage none 5
unlink own 2
fcntl own 10
lseek own 71
