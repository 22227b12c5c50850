/* scenario_value.c: typed values as written in scenarios and on --set.
 *
 * One function per type family; units come from units.c, so "20GB" means
 * the same in a scenario and on the command line.  Enum names and booleans
 * match case-insensitively (Windows configuration files write True and
 * NAT); units do not.  Range checks use the owning table's min and max and
 * name both the value and the bound in the table's own formatting
 * (sim_value_format), e.g. "0 B is below the minimum 256 MiB". */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "scenario_int.h"
#include "units.h"

static int parse_enum(const char *text, const char *const *names, sim_value *v, char *why,
                      size_t cap)
{
    size_t n = 0, i, used = 0;
    char list[200], dym[160];
    list[0] = '\0';
    for (; names && names[n]; n++) {
        if (strcasecmp(text, names[n]) == 0) {
            v->i = (int64_t)n;
            return 0;
        }
    }
    for (i = 0; i < n && used + 1 < sizeof list; i++) {
        int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
        if (w > 0) used += (size_t)w;
    }
    return sim_why(why, cap, "unknown value '%s'%s (one of: %s)", text,
                   sim_did_you_mean(dym, sizeof dym, text, names, n, NULL, NULL), list);
}

static int parse_bool(const char *text, sim_value *v, char *why, size_t cap)
{
    if (strcasecmp(text, "true") == 0) v->i = 1;
    else if (strcasecmp(text, "false") == 0) v->i = 0;
    else return sim_why(why, cap, "expected true or false, got '%s'", text);
    return 0;
}

/* Dotted numbers "a.b.c": up to max_parts parts of at most max_digits digits
 * and max_value each.  Returns the number of parts read (0: malformed or
 * text left over). */
static int parse_dotted(const char *text, int max_parts, int max_digits, int64_t max_value,
                        int64_t *parts)
{
    const char *p = text;
    int n = 0;
    for (; n < max_parts; n++) {
        int64_t v = 0;
        int digits = 0;
        if (n > 0 && *p != '.') break;
        if (n > 0) p++;
        while (isdigit((unsigned char)*p) && digits <= max_digits) {
            v = v * 10 + (*p++ - '0');
            digits++;
        }
        if (digits == 0 || digits > max_digits || v > max_value) return 0;
        parts[n] = v;
    }
    return *p == '\0' ? n : 0;
}

static int parse_address(const char *text, sim_value *v, char *why, size_t cap)
{
    int64_t o[4];
    if (parse_dotted(text, 4, 3, 255, o) != 4)
        return sim_why(why, cap, "expected an IPv4 address such as 172.30.96.1, got '%s'", text);
    v->i = ((o[0] * 256 + o[1]) * 256 + o[2]) * 256 + o[3];
    return 0;
}

/* A dotted release "2.6.1" (2 to 4 parts of 0..999): SIM_T_VERSION. */
static int parse_version(const char *text, sim_value *v, char *why, size_t cap)
{
    int64_t part[4] = {0, 0, 0, 0};
    int n = parse_dotted(text, 4, 3, 999, part);
    if (n < 2)
        return sim_why(why, cap, "expected a release number such as 2.6.1, got '%s'", text);
    v->i = ((part[0] * 1000 + part[1]) * 1000 + part[2]) * 1000 + part[3];
    return 0;
}

int scn_parse_value(const char *text, sim_type t, const char *const *enum_names, sim_value *v,
                    char *why, size_t why_cap)
{
    memset(v, 0, sizeof *v);
    switch (t) {
    case SIM_T_BYTES: return sim_parse_bytes(text, &v->i, why, why_cap);
    case SIM_T_DURATION: return sim_parse_duration(text, &v->i, why, why_cap);
    case SIM_T_COUNT: return sim_parse_count(text, &v->i, why, why_cap);
    case SIM_T_RATIO: return sim_parse_ratio(text, &v->r, why, why_cap);
    case SIM_T_ENUM: return parse_enum(text, enum_names, v, why, why_cap);
    case SIM_T_BOOL: return parse_bool(text, v, why, why_cap);
    case SIM_T_ADDRESS: return parse_address(text, v, why, why_cap);
    case SIM_T_STRING: v->s = text; return 0;
    case SIM_T_VERSION: return parse_version(text, v, why, why_cap);
    }
    return sim_why(why, why_cap, "unsupported value type");
}

static int has_range(sim_type t, sim_value min, sim_value max)
{
    if (t == SIM_T_ENUM || t == SIM_T_BOOL || t == SIM_T_ADDRESS || t == SIM_T_STRING) return 0;
    if (t == SIM_T_RATIO) return !(min.r == 0.0 && max.r == 0.0);
    return !(min.i == 0 && max.i == 0);
}

int scn_check_range(sim_type t, sim_value v, const char *const *enum_names, sim_value min,
                    sim_value max, const char *what, char *why, size_t why_cap)
{
    char got[64], bound[64];
    int below, above;
    if (!has_range(t, min, max)) return 0;
    below = sim_value_compare(t, v, min) < 0;
    above = sim_value_compare(t, v, max) > 0;
    if (!below && !above) return 0;
    sim_value_format(t, v, enum_names, got, sizeof got);
    sim_value_format(t, below ? min : max, enum_names, bound, sizeof bound);
    return sim_why(why, why_cap, "value out of range: %s is %s the %s %s for %s", got,
                below ? "below" : "above", below ? "minimum" : "maximum", bound, what);
}

int scn_value_checked(const char *text, sim_type t, const char *const *enum_names,
                      sim_value min, sim_value max, const char *what, sim_value *v,
                      char *why, size_t why_cap)
{
    if (scn_parse_value(text, t, enum_names, v, why, why_cap) != 0) return -1;
    return scn_check_range(t, *v, enum_names, min, max, what, why, why_cap);
}
