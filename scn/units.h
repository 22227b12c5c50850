/* units.h: quantities written with units, parsed exactly.
 *
 * Sizes: B, decimal KB MB GB TB (1000^n bytes) and binary KiB MiB GiB TiB
 * (1024^n bytes).  Durations: ns us ms s min h.  Ratios: a plain number
 * (0.25) or a percentage (25%).  Counts: plain integers.  Units are
 * case-sensitive ("ms" is not "Ms"); a wrong-case unit is reported with
 * "did you mean".  Numbers are decimal with an optional fraction of at most
 * SIM_UNITS_MAX_FRACTION digits ("1.5GB"); the result is rounded to the
 * nearest whole byte or nanosecond (halves away from zero) using integer
 * arithmetic only, so parsing never depends on floating-point rounding.
 *
 * This module knows nothing about scenarios: other readers of values may
 * use it too.  Every parser takes the whole text (no surrounding spaces), returns
 * 0 on success or -1 with a one-line reason in why (if why is not NULL). */
#ifndef HVSIM_SCN_UNITS_H
#define HVSIM_SCN_UNITS_H

#include <stddef.h>
#include <stdint.h>

#define SIM_UNITS_MAX_FRACTION 9 /* digits after the decimal point */

typedef enum sim_unit_kind {
    SIM_UNIT_SIZE,     /* factor in bytes */
    SIM_UNIT_DURATION, /* factor in nanoseconds */
    SIM_UNIT_PERCENT   /* "%": factor 1, means / 100 */
} sim_unit_kind;

typedef struct sim_unit_def {
    const char *name;    /* "KiB" */
    sim_unit_kind kind;
    int64_t factor;      /* bytes or ns per unit */
    const char *doc;     /* "1 KiB = 1024 B" */
} sim_unit_def;

/* The unit table (static storage), in documentation order. */
const sim_unit_def *sim_units_table(size_t *n);
/* The unit spelled exactly name[0..len), or NULL. */
const sim_unit_def *sim_unit_find(const char *name, size_t len);
/* "a size", "a duration", "a percentage". */
const char *sim_unit_kind_name(sim_unit_kind k);

int sim_parse_bytes(const char *text, int64_t *out_bytes, char *why, size_t why_cap);
int sim_parse_duration(const char *text, int64_t *out_ns, char *why, size_t why_cap);
/* "0.25" or "25%"; may be negative (the caller checks the range). */
int sim_parse_ratio(const char *text, double *out, char *why, size_t why_cap);
/* A plain integer, optionally negative; no unit. */
int sim_parse_count(const char *text, int64_t *out, char *why, size_t why_cap);

#endif
