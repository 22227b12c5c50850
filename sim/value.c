/* value.c: naming, formatting and comparing typed values (see value.h).
 * Sizes print in binary units (GiB) because that is what both Windows and
 * `free -h` show; durations under a minute pick the largest unit that keeps
 * 3 digits ("1.65 s", "438 ms"), longer ones are written in words the way
 * people say them: "1 min 22.2 s" (to the tenth of a second), "1 h 39 min"
 * (to the minute), never "11940 s" or "1.37 min". */
#include "value.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const type_names[] = {"bytes", "duration", "count", "ratio",
                                         "enum",  "bool",     "address", "string", "version"};

const char *sim_type_name(sim_type t)
{
    return (unsigned)t < sizeof type_names / sizeof type_names[0] ? type_names[t] : "?";
}

static void format_scaled(int64_t v, const int64_t *scale, const char *const *unit, int n,
                          char *buf, size_t cap)
{
    int64_t mag = v < 0 ? -v : v;
    int i = n - 1;
    while (i > 0 && mag < scale[i]) i--;
    if (mag % scale[i] == 0)
        snprintf(buf, cap, "%" PRId64 " %s", v / scale[i], unit[i]);
    else
        snprintf(buf, cap, "%.3g %s", (double)v / (double)scale[i], unit[i]);
}

/* Minutes and seconds, or hours and minutes, rounded to the last unit shown. */
static void format_long_duration(int64_t v, char *buf, size_t cap)
{
    const char *sign = v < 0 ? "-" : "";
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    if (mag < (uint64_t)SIM_H) {
        uint64_t tenths = (mag + (uint64_t)SIM_MS * 50) / ((uint64_t)SIM_MS * 100);
        uint64_t min = tenths / 600, sec10 = tenths % 600;
        if (min < 60) {
            if (sec10 == 0) snprintf(buf, cap, "%s%" PRIu64 " min", sign, min);
            else if (sec10 % 10 == 0)
                snprintf(buf, cap, "%s%" PRIu64 " min %" PRIu64 " s", sign, min, sec10 / 10);
            else
                snprintf(buf, cap, "%s%" PRIu64 " min %" PRIu64 ".%" PRIu64 " s", sign, min,
                         sec10 / 10, sec10 % 10);
            return;
        }
    }
    uint64_t minutes = (mag + (uint64_t)SIM_S * 30) / (uint64_t)SIM_MIN;
    if (minutes % 60 == 0) snprintf(buf, cap, "%s%" PRIu64 " h", sign, minutes / 60);
    else snprintf(buf, cap, "%s%" PRIu64 " h %" PRIu64 " min", sign, minutes / 60, minutes % 60);
}

int sim_value_is_never(sim_type t, sim_value v)
{
    return t != SIM_T_RATIO && t != SIM_T_STRING && v.i == SIM_NEVER;
}

char *sim_value_format(sim_type t, sim_value v, const char *const *enum_names, char *buf,
                       size_t cap)
{
    static const int64_t byte_scale[] = {1, SIM_KiB, SIM_MiB, SIM_GiB, SIM_TiB};
    static const char *const byte_unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    static const int64_t time_scale[] = {1, SIM_US, SIM_MS, SIM_S};
    static const char *const time_unit[] = {"ns", "us", "ms", "s"};
    if (cap == 0) return buf;
    if (sim_value_is_never(t, v)) {
        snprintf(buf, cap, "-");
        return buf;
    }
    switch (t) {
    case SIM_T_BYTES: format_scaled(v.i, byte_scale, byte_unit, 5, buf, cap); break;
    case SIM_T_DURATION:
        if (v.i >= SIM_MIN || v.i <= -SIM_MIN) format_long_duration(v.i, buf, cap);
        else format_scaled(v.i, time_scale, time_unit, 4, buf, cap);
        break;
    case SIM_T_COUNT: snprintf(buf, cap, "%" PRId64, v.i); break;
    case SIM_T_RATIO: snprintf(buf, cap, "%g", v.r); break;
    case SIM_T_BOOL: snprintf(buf, cap, "%s", v.i ? "true" : "false"); break;
    case SIM_T_ENUM: {
        const char *name = NULL;
        for (int64_t i = 0; enum_names && enum_names[i]; i++)
            if (i == v.i) { name = enum_names[i]; break; }
        if (name) snprintf(buf, cap, "%s", name);
        else snprintf(buf, cap, "#%" PRId64, v.i);
        break;
    }
    case SIM_T_ADDRESS: {
        uint32_t a = (uint32_t)v.i;
        snprintf(buf, cap, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
        break;
    }
    case SIM_T_STRING: snprintf(buf, cap, "%s", v.s ? v.s : ""); break;
    case SIM_T_VERSION: {
        int64_t d = v.i % 1000, c = v.i / 1000 % 1000, b = v.i / 1000000 % 1000;
        if (d)
            snprintf(buf, cap, "%" PRId64 ".%" PRId64 ".%" PRId64 ".%" PRId64, v.i / 1000000000, b,
                     c, d);
        else
            snprintf(buf, cap, "%" PRId64 ".%" PRId64 ".%" PRId64, v.i / 1000000000, b, c);
        break;
    }
    default: snprintf(buf, cap, "?"); break;
    }
    return buf;
}

int sim_value_compare(sim_type t, sim_value a, sim_value b)
{
    if (t == SIM_T_RATIO) return (a.r > b.r) - (a.r < b.r);
    if (t == SIM_T_STRING) {
        const char *x = a.s ? a.s : "", *y = b.s ? b.s : "";
        while (*x && *x == *y) x++, y++;
        return (unsigned char)*x - (unsigned char)*y;
    }
    return (a.i > b.i) - (a.i < b.i);
}
