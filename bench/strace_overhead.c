/* strace_overhead.c: a known system-call loop, to measure what `strace -f
 * -tt -T` adds to every call it traces (scripts/strace-overhead.sh runs it
 * with and without strace; docs/calibration.md records the figures as
 * sys.strace_overhead).
 *
 * The loop makes N getppid() calls through syscall(2) (so no libc cache can
 * skip one) and times itself with clock_gettime(CLOCK_MONOTONIC), which the
 * vDSO answers without a system call, so strace sees exactly the N getppid
 * calls inside the timed region.  Prints "calls N loop_ns T per_call_ns P".
 * Usage: strace_overhead [N]  (default 200000). */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 200000;
    if (n <= 0) {
        fprintf(stderr, "usage: strace_overhead [CALLS > 0]\n");
        return 2;
    }
    long sink = 0;
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) sink += syscall(SYS_getppid);
    int64_t t = now_ns() - t0;
    printf("calls %ld loop_ns %lld per_call_ns %.1f (sink %ld)\n", n, (long long)t,
           (double)t / (double)n, sink > 0 ? 1L : 0L);
    return 0;
}
