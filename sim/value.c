/* value.c: naming, formatting and comparing typed values (see value.h).
 * Sizes print in binary units (GiB) because that is what both Windows and
 * `free -h` show; durations pick the largest unit that keeps 3 digits. */
#include "value.h"

#include <inttypes.h>
#include <stdio.h>

static const char *const type_names[] = {"bytes", "duration", "count", "ratio",
                                         "enum",  "bool",     "address", "string"};

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

char *sim_value_format(sim_type t, sim_value v, const char *const *enum_names, char *buf,
                       size_t cap)
{
    static const int64_t byte_scale[] = {1, SIM_KiB, SIM_MiB, SIM_GiB, SIM_TiB};
    static const char *const byte_unit[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    static const int64_t time_scale[] = {1, SIM_US, SIM_MS, SIM_S, SIM_MIN, SIM_H};
    static const char *const time_unit[] = {"ns", "us", "ms", "s", "min", "h"};
    if (cap == 0) return buf;
    switch (t) {
    case SIM_T_BYTES: format_scaled(v.i, byte_scale, byte_unit, 5, buf, cap); break;
    case SIM_T_DURATION: format_scaled(v.i, time_scale, time_unit, 6, buf, cap); break;
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
