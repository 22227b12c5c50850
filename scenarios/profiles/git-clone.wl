# git-clone.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (23023 lines) recorded with:
#   a git repository of the same 2050 headers (one commit, packed with git gc)
#   strace -f -tt -T -y -s 64 -o git-clone.txt git clone -q --no-local file:///tmp/paths/repo clone  (git 2.39)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name git-clone
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 200ms
execve system 6
brk none 73
mmap none 144
access system 26
openat system 140
newfstatat system 126
close system 103
read system 102 bytes=53756B
pread64 system 12 bytes=9408B
arch_prctl none 6
set_tid_address none 6
set_robust_list none 15
rseq none 11
mprotect none 49
prlimit64 none 9
munmap none 25
rt_sigprocmask none 44
rt_sigaction none 284
getrandom none 6
futex none 848
access own 84
openat own 2665
newfstatat own 4598
read own 127 bytes=6490B
close own 2193
getcwd none 15
mkdir own 103
getdents64 system 8
write own 3951 bytes=25592475B chunks=3953
readlink own 14
getpid none 23
fcntl own 4
rename own 15
chmod own 10
lseek own 118
unlink own 9
symlink own 4
ioctl own 2
pipe2 none 12
clone none 4
close none 44
read none 1425 bytes=13774059B
fcntl none 12
dup2 none 9
getuid none 1
getgid none 1
geteuid none 3
getppid none 1
getegid none 1
vfork none 1
wait4 none 6
chdir own 2
write none 822 bytes=13774059B
getdents64 own 32
pread64 own 955 bytes=1578690B
newfstatat none 8
clone3 none 5
uname none 1
alarm none 78
poll none 77
ioctl none 1
mremap none 1
sysinfo none 2
madvise none 5
exit none 5
exit_group none 6
rt_sigreturn none 1
fsync own 2
link own 2
fcntl system 2
lseek system 1
symlink system 1
