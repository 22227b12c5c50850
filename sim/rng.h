/* rng.h: per-model random streams.
 *
 * xoshiro256** seeded through splitmix64 from a 64-bit hash of
 * (scenario seed, model name).  Each model has its own stream, so a change in
 * how many numbers one model draws never shifts another model's draws
 * (common random numbers across scenario variants).  A stream is four words
 * of plain data: copying it is a checkpoint. */
#ifndef HVSIM_SIM_RNG_H
#define HVSIM_SIM_RNG_H

#include <stddef.h>
#include <stdint.h>

typedef struct sim_rng {
    uint64_t s[4];
} sim_rng;

/* FNV-1a 64 of a NUL-terminated string, continuing from h (start with
 * SIM_FNV_OFFSET). */
#define SIM_FNV_OFFSET 0xcbf29ce484222325ULL
uint64_t sim_fnv1a(uint64_t h, const void *data, size_t len);

/* One step of splitmix64 (Steele, Lea and Flood 2014): advances *state by
 * the golden gamma and returns the mixed value.  Seeds streams here and
 * derives sweep seeds in the CLI. */
uint64_t sim_splitmix64(uint64_t *state);

void sim_rng_seed(sim_rng *r, uint64_t seed, const char *stream_name);
uint64_t sim_rng_next(sim_rng *r);
/* Uniform double in [0, 1). */
double sim_rng_uniform(sim_rng *r);
/* Uniform integer in [lo, hi] (inclusive, lo <= hi), without modulo bias. */
int64_t sim_rng_range(sim_rng *r, int64_t lo, int64_t hi);
/* base scaled by a factor uniform in [1 - spread, 1 + spread], rounded to ns;
 * spread 0 returns base unchanged and draws nothing. */
int64_t sim_rng_jitter(sim_rng *r, int64_t base, double spread);

#endif
