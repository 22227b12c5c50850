/* checked.h: overflow-checked arithmetic on simulated quantities (times in
 * ns, sizes in bytes, counts).  Every addition or multiplication of values
 * that come from input -- scenario times and durations, trace durations,
 * option values -- goes through these, so an out-of-range result is an
 * error the caller reports with its location, never signed overflow (which
 * is undefined behaviour in C).
 *
 * Each returns 0 and stores the result, or -1 and leaves *out unchanged.
 * Built on the GCC/Clang __builtin_*_overflow, which compile to one
 * instruction plus a branch on the flags. */
#ifndef HVSIM_SIM_CHECKED_H
#define HVSIM_SIM_CHECKED_H

#include <stdint.h>

/* The largest simulated time: INT64_MAX ns, about 292 years. */
#define SIM_TIME_MAX_NS INT64_MAX

static inline int sim_add_i64(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) return -1;
    *out = r;
    return 0;
}

static inline int sim_sub_i64(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_sub_overflow(a, b, &r)) return -1;
    *out = r;
    return 0;
}

static inline int sim_mul_i64(int64_t a, int64_t b, int64_t *out)
{
    int64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return -1;
    *out = r;
    return 0;
}

static inline int sim_add_u64(uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t r;
    if (__builtin_add_overflow(a, b, &r)) return -1;
    *out = r;
    return 0;
}

static inline int sim_mul_u64(uint64_t a, uint64_t b, uint64_t *out)
{
    uint64_t r;
    if (__builtin_mul_overflow(a, b, &r)) return -1;
    *out = r;
    return 0;
}

/* a + b for sums that saturate rather than fail (a total shown to a
 * person): INT64_MAX / INT64_MIN on overflow, and *saturated set to 1. */
static inline int64_t sim_add_sat_i64(int64_t a, int64_t b, int *saturated)
{
    int64_t r;
    if (!__builtin_add_overflow(a, b, &r)) return r;
    *saturated = 1;
    return b > 0 ? INT64_MAX : INT64_MIN;
}

#endif
