/* units.c: exact parsing of sizes, durations, ratios and counts.
 *
 * A quantity is split into sign, integer digits, up to
 * SIM_UNITS_MAX_FRACTION fraction digits and a unit suffix.  Scaling is done
 * in int64 arithmetic: with factor = a * 10^k + b (k fraction digits), the
 * fraction contributes frac * a + round(frac * b / 10^k); frac and b are
 * both below 10^9, so no product can overflow, and every overflow of the
 * whole is detected and reported instead of wrapping.
 *
 * Unit definitions follow SI for KB..TB and IEC for KiB..TiB (see
 * docs/scenario-language.md). */
#include "units.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "model.h"
#include "value.h"

static const sim_unit_def unit_table[] = {
    {"B", SIM_UNIT_SIZE, 1, "1 B = 1 byte"},
    {"KB", SIM_UNIT_SIZE, SIM_KB, "1 KB = 1000 B"},
    {"MB", SIM_UNIT_SIZE, SIM_MB, "1 MB = 1000 KB = 10^6 B"},
    {"GB", SIM_UNIT_SIZE, SIM_GB, "1 GB = 1000 MB = 10^9 B"},
    {"TB", SIM_UNIT_SIZE, SIM_TB, "1 TB = 1000 GB = 10^12 B"},
    {"KiB", SIM_UNIT_SIZE, SIM_KiB, "1 KiB = 1024 B"},
    {"MiB", SIM_UNIT_SIZE, SIM_MiB, "1 MiB = 1024 KiB = 2^20 B"},
    {"GiB", SIM_UNIT_SIZE, SIM_GiB, "1 GiB = 1024 MiB = 2^30 B"},
    {"TiB", SIM_UNIT_SIZE, SIM_TiB, "1 TiB = 1024 GiB = 2^40 B"},
    {"ns", SIM_UNIT_DURATION, SIM_NS, "1 ns = 10^-9 s"},
    {"us", SIM_UNIT_DURATION, SIM_US, "1 us = 1000 ns"},
    {"ms", SIM_UNIT_DURATION, SIM_MS, "1 ms = 1000 us"},
    {"s", SIM_UNIT_DURATION, SIM_S, "1 s = 1000 ms"},
    {"min", SIM_UNIT_DURATION, SIM_MIN, "1 min = 60 s"},
    {"h", SIM_UNIT_DURATION, SIM_H, "1 h = 60 min = 3600 s"},
    {"%", SIM_UNIT_PERCENT, 1, "25% = 0.25"},
};

const sim_unit_def *sim_units_table(size_t *n)
{
    *n = SIM_COUNTOF(unit_table);
    return unit_table;
}

const sim_unit_def *sim_unit_find(const char *name, size_t len)
{
    size_t i;
    for (i = 0; i < SIM_COUNTOF(unit_table); i++)
        if (strlen(unit_table[i].name) == len && memcmp(unit_table[i].name, name, len) == 0)
            return &unit_table[i];
    return NULL;
}

const char *sim_unit_kind_name(sim_unit_kind k)
{
    switch (k) {
    case SIM_UNIT_SIZE: return "a size";
    case SIM_UNIT_DURATION: return "a duration";
    case SIM_UNIT_PERCENT: return "a percentage";
    }
    return "a quantity";
}

/* A number as written: -12.345GB => neg 1, ip 12, frac 345, k 3, unit "GB". */
typedef struct decimal {
    int neg;
    int64_t ip;     /* integer part */
    int64_t frac;   /* fraction digits as an integer */
    int k;          /* number of fraction digits */
    const char *unit; /* points into the text; "" when there is none */
} decimal;

static const int64_t pow10_table[] = {1, 10, 100, 1000, 10000, 100000, 1000000,
                                      10000000, 100000000, 1000000000};

/* Parses the numeric part.  what: "a size such as 20GB" for messages. */
static int parse_decimal(const char *text, const char *what, decimal *d, char *why, size_t cap)
{
    const char *p = text;
    memset(d, 0, sizeof *d);
    if (*p == '-') {
        d->neg = 1;
        p++;
    }
    if (!isdigit((unsigned char)*p)) return sim_why(why, cap, "expected %s, got '%s'", what, text);
    for (; isdigit((unsigned char)*p); p++) {
        int digit = *p - '0';
        if (d->ip > (INT64_MAX - digit) / 10) return sim_why(why, cap, "number too large: '%s'", text);
        d->ip = d->ip * 10 + digit;
    }
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return sim_why(why, cap, "expected digits after '.' in '%s'", text);
        for (; isdigit((unsigned char)*p); p++) {
            if (d->k == SIM_UNITS_MAX_FRACTION)
                return sim_why(why, cap, "too many digits after the decimal point in '%s' (at most %d)",
                            text, SIM_UNITS_MAX_FRACTION);
            d->frac = d->frac * 10 + (*p - '0');
            d->k++;
        }
    }
    d->unit = p;
    return 0;
}

/* ip.frac * factor rounded to an integer; -1 on overflow. */
static int scale(const decimal *d, int64_t factor, int64_t *out)
{
    int64_t p = pow10_table[d->k], a = factor / p, b = factor % p;
    int64_t whole, part, q, r;
    if (d->ip != 0 && d->ip > INT64_MAX / factor) return -1;
    whole = d->ip * factor;
    q = d->frac * b / p;
    r = d->frac * b % p;
    if (2 * r >= p && r != 0) q++;
    part = d->frac * a + q;
    if (whole > INT64_MAX - part) return -1;
    *out = whole + part;
    return 0;
}

static const char *kind_example(sim_unit_kind k)
{
    return k == SIM_UNIT_SIZE ? "a size such as 20GB" : "a duration such as 10s";
}

static const char *kind_noun(sim_unit_kind k)
{
    return k == SIM_UNIT_SIZE ? "size" : "duration";
}

/* Reports an unknown unit with a suggestion among the units of the kind
 * wanted (so '1m' for a duration suggests 'min', never 'B').  "m" alone
 * is ambiguous between minutes and milliseconds: both are named. */
static int unknown_unit(const char *text, const char *unit, sim_unit_kind want, char *why,
                        size_t cap)
{
    const char *names[SIM_COUNTOF(unit_table)];
    const char *hint;
    size_t i, n = 0;
    if (want == SIM_UNIT_DURATION && strcmp(unit, "m") == 0)
        return sim_why(why, cap, "unknown unit 'm' in '%s': write 'min' for minutes or 'ms' for "
                                 "milliseconds", text);
    for (i = 0; i < SIM_COUNTOF(unit_table); i++)
        if (unit_table[i].kind == want) names[n++] = unit_table[i].name;
    hint = sim_suggest(unit, names, n);
    if (hint)
        return sim_why(why, cap, "unknown unit '%s' in '%s'; did you mean '%s'?", unit, text, hint);
    return sim_why(why, cap, "unknown unit '%s' in '%s'", unit, text);
}

static int parse_quantity(const char *text, sim_unit_kind want, int64_t *out, char *why,
                          size_t cap)
{
    decimal d;
    const sim_unit_def *u;
    int64_t v;
    if (parse_decimal(text, kind_example(want), &d, why, cap) != 0) return -1;
    if (d.neg && (d.ip != 0 || d.frac != 0)) /* before the unit: '-1' is not missing one */
        return sim_why(why, cap, "negative %s: '%s' (a %s is never below 0; leave the setting "
                                 "out to keep its default)", kind_noun(want), text, kind_noun(want));
    if (*d.unit == '\0') return sim_why(why, cap, "missing unit: expected %s", kind_example(want));
    u = sim_unit_find(d.unit, strlen(d.unit));
    if (!u) return unknown_unit(text, d.unit, want, why, cap);
    if (u->kind != want)
        return sim_why(why, cap, "wrong unit kind: '%s' is %s, expected %s", u->name,
                    sim_unit_kind_name(u->kind), sim_unit_kind_name(want));
    if (scale(&d, u->factor, &v) != 0)
        return sim_why(why, cap, "'%s' is too large (at most %lld %s)", text, (long long)INT64_MAX,
                    want == SIM_UNIT_SIZE ? "bytes" : "ns");
    *out = v;
    return 0;
}

int sim_parse_bytes(const char *text, int64_t *out_bytes, char *why, size_t why_cap)
{
    return parse_quantity(text, SIM_UNIT_SIZE, out_bytes, why, why_cap);
}

int sim_parse_duration(const char *text, int64_t *out_ns, char *why, size_t why_cap)
{
    return parse_quantity(text, SIM_UNIT_DURATION, out_ns, why, why_cap);
}

int sim_parse_ratio(const char *text, double *out, char *why, size_t why_cap)
{
    decimal d;
    const sim_unit_def *u = NULL;
    double v;
    if (parse_decimal(text, "a ratio such as 0.25 or 25%", &d, why, why_cap) != 0) return -1;
    if (*d.unit) {
        u = sim_unit_find(d.unit, strlen(d.unit));
        if (!u) return unknown_unit(text, d.unit, SIM_UNIT_PERCENT, why, why_cap);
        if (u->kind != SIM_UNIT_PERCENT)
            return sim_why(why, why_cap, "wrong unit kind: '%s' is %s, expected a ratio such as 0.25 or 25%%",
                        u->name, sim_unit_kind_name(u->kind));
    }
    v = (double)d.ip + (double)d.frac / (double)pow10_table[d.k];
    if (u) v /= 100.0;
    *out = d.neg ? -v : v;
    return 0;
}

int sim_parse_count(const char *text, int64_t *out, char *why, size_t why_cap)
{
    decimal d;
    if (parse_decimal(text, "a whole number", &d, why, why_cap) != 0) return -1;
    if (d.k > 0) return sim_why(why, why_cap, "expected a whole number, got '%s'", text);
    if (*d.unit) {
        const sim_unit_def *u = sim_unit_find(d.unit, strlen(d.unit));
        if (u)
            return sim_why(why, why_cap, "unexpected unit '%s' in '%s': a count is a plain number",
                        u->name, text);
        return sim_why(why, why_cap, "expected a whole number, got '%s'", text);
    }
    *out = d.neg ? -d.ip : d.ip;
    return 0;
}
