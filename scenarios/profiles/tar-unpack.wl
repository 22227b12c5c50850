# tar-unpack.wl: workload profile for hvsim (format: docs/syscall-paths.md).
# Made from a real `strace -f -tt -T -y` trace (17291 lines) recorded with:
#   tar cf src.tar of 2050 real headers (25 MB: /usr/include/{linux,x86_64-linux-gnu,SDL2,c++})
#   strace -f -tt -T -y -s 64 -o tar-unpack.txt tar xf src.tar   (Debian 12, GNU tar 1.34)
# summarised by /work/notes/paths-profile-gen.py: one line per syscall and place,
# in the order each first appears in the trace.
name tar-unpack
# user-mode CPU time of the same command run here without strace (bash `time`,
# median of 2-3 runs); it is the same on every path (UnixBench: Dhrystone about equal).
cpu 4ms
execve system 1
brk none 3
mmap none 34
access system 2
openat system 40
newfstatat system 27
close system 24
read system 12 bytes=9041B
pread64 system 2 bytes=1568B
arch_prctl none 1
set_tid_address none 1
set_robust_list none 1
rseq none 1
mprotect none 6
prlimit64 none 1
munmap none 1
statfs system 1
statfs own 1
getrandom none 1
futex none 1
fcntl system 1
fcntl own 2
rt_sigaction none 1
geteuid none 1
umask none 1
openat own 2144
read own 2182 bytes=22343680B
newfstatat own 106
socket none 4
connect none 4
close none 4
lseek system 2
mkdirat own 85
write own 4024 bytes=20717971B
utimensat own 2139
fchown own 2050
fchmod own 2050
close own 2146
fchownat own 89
chmod system 85
unlinkat own 4
symlinkat own 3
symlinkat system 1
exit_group none 1
