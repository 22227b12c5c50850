/* rng.c: xoshiro256** streams seeded through splitmix64.
 *
 * The seed of a stream is splitmix64 applied to (scenario seed XOR the FNV-1a
 * hash of the stream's name), so streams of different models are unrelated
 * and the same (seed, name) always gives the same sequence.  Reference for
 * both generators: Blackman and Vigna, "Scrambled linear pseudorandom number
 * generators" (2018). */
#include "rng.h"

uint64_t sim_fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

uint64_t sim_splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void sim_rng_seed(sim_rng *r, uint64_t seed, const char *stream_name)
{
    size_t len = 0;
    while (stream_name[len]) len++;
    uint64_t x = seed ^ sim_fnv1a(SIM_FNV_OFFSET, stream_name, len);
    for (int i = 0; i < 4; i++) r->s[i] = sim_splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

uint64_t sim_rng_next(sim_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double sim_rng_uniform(sim_rng *r)
{
    return (double)(sim_rng_next(r) >> 11) * 0x1.0p-53;
}

int64_t sim_rng_range(sim_rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)hi - (uint64_t)lo + 1; /* 0 means the full 2^64 range */
    if (span == 0) return (int64_t)sim_rng_next(r);
    uint64_t limit = UINT64_MAX - UINT64_MAX % span;  /* reject the biased tail */
    uint64_t x;
    do x = sim_rng_next(r);
    while (x >= limit);
    return (int64_t)((uint64_t)lo + x % span);
}

int64_t sim_rng_jitter(sim_rng *r, int64_t base, double spread)
{
    if (spread <= 0.0) return base;
    double f = 1.0 - spread + 2.0 * spread * sim_rng_uniform(r);
    double v = (double)base * f;
    return v < 0.0 ? 0 : (int64_t)(v + 0.5);
}
