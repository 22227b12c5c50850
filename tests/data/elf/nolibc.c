/* a static binary with no libc: its own "wrappers", for the .symtab path */
long unshare(long flags);
long openat(long d, const char *p, long f);
long unshare(long flags) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(272L), "D"(flags) : "rcx", "r11", "memory"); return r; }
long openat(long d, const char *p, long f) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(257L), "D"(d), "S"(p), "d"(f) : "rcx", "r11", "memory"); return r; }
void _start(void) { unshare(0); openat(-100, "/", 0); __asm__ volatile("mov $60, %eax; xor %edi, %edi; syscall"); }
