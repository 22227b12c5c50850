/* value.h: typed values shared by parameters, action arguments and metrics.
 *
 * Every quantity in hvsim has a type that fixes its unit family: bytes are
 * int64 bytes, durations int64 nanoseconds, counts plain int64, ratios double,
 * booleans and enums int64 (0/1, index into a name table), addresses an IPv4
 * address as an int64 holding the 32-bit value, strings a pointer to text
 * owned elsewhere (static tables or the engine's string table), versions
 * a dotted release number packed so that 2.0.9 < 2.0.14 < 2.6.1 as int64.  A sim_value
 * carries no type of its own: the table entry that owns it says the type. */
#ifndef HVSIM_SIM_VALUE_H
#define HVSIM_SIM_VALUE_H

#include <stddef.h>
#include <stdint.h>

typedef enum sim_type {
    SIM_T_BYTES,    /* int64, bytes; written with B KB MB GB TB KiB MiB GiB TiB */
    SIM_T_DURATION, /* int64, nanoseconds; written with ns us ms s min h */
    SIM_T_COUNT,    /* int64, no unit */
    SIM_T_RATIO,    /* double; written 0.25 or 25% */
    SIM_T_ENUM,     /* int64 index into enum_names */
    SIM_T_BOOL,     /* int64 0 or 1; written true/false */
    SIM_T_ADDRESS,  /* int64 holding an IPv4 address; written a.b.c.d */
    SIM_T_STRING,   /* const char *; stored in model state as char[str_cap] */
    SIM_T_VERSION   /* int64 holding a dotted release a.b.c[.d] (each part 0..999) as
                       a*10^9 + b*10^6 + c*10^3 + d, so releases compare as numbers */
} sim_type;

typedef struct sim_value {
    int64_t i;     /* bytes, duration, count, enum, bool, address */
    double r;      /* ratio */
    const char *s; /* string (not owned) */
} sim_value;

#define SIM_KiB ((int64_t)1024)
#define SIM_MiB (SIM_KiB * 1024)
#define SIM_GiB (SIM_MiB * 1024)
#define SIM_TiB (SIM_GiB * 1024)
#define SIM_KB ((int64_t)1000)
#define SIM_MB (SIM_KB * 1000)
#define SIM_GB (SIM_MB * 1000)
#define SIM_TB (SIM_GB * 1000)

/* "Never happened": an integral metric holds SIM_NEVER until the model has
 * a value for it (a machine that never started has no prompt latency).  It
 * is formatted as "-", compares as neither less nor greater nor equal to
 * anything (only `!=` holds, as with NaN), and is written as null in JSON
 * and as an empty CSV field.  A model opts in by writing it in init. */
#define SIM_NEVER INT64_MIN

/* A release number a.b.c as a SIM_T_VERSION value. */
#define SIM_VERSION(a, b, c) ((int64_t)(a) * 1000000000 + (int64_t)(b) * 1000000 + (int64_t)(c) * 1000)

#define SIM_NS ((int64_t)1)
#define SIM_US ((int64_t)1000)
#define SIM_MS (SIM_US * 1000)
#define SIM_S (SIM_MS * 1000)
#define SIM_MIN (SIM_S * 60)
#define SIM_H (SIM_MIN * 60)

/* Name of a type as printed by `hvsim params` ("bytes", "duration", ...). */
const char *sim_type_name(sim_type t);

/* Formats v of type t for people: 8GB-style binary sizes ("8 GiB"),
 * durations ("1.5 s", "438 ms"; from a minute on in words: "1 min 22.2 s",
 * "2 min 30 s", "1 h 39 min"), ratios ("0.25"), enums by name, SIM_NEVER
 * as "-".  enum_names may be
 * NULL for non-enums.  Writes at most cap bytes including the NUL; returns
 * buf. */
char *sim_value_format(sim_type t, sim_value v, const char *const *enum_names,
                       char *buf, size_t cap);

/* Compares a and b of type t: negative, zero or positive. */
int sim_value_compare(sim_type t, sim_value a, sim_value b);

/* 1 if v is the "never happened" sentinel for a value of type t. */
int sim_value_is_never(sim_type t, sim_value v);

#endif
