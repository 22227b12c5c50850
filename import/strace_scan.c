/* strace_scan.c: the argument scanner of the strace importer (see
 * strace_int.h): walks a call's arguments once with a nesting depth over
 * () [] {}, skipping quoted strings (memchr for the closing quote, then
 * the run of backslashes before it decides) and -y decorations, and reads
 * the fd or path argument that places the call.  Only the first
 * PLACE_PREFIX bytes of a path are unescaped: they decide its place. */
#include "checked.h"
#include "strace_int.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* ---- arguments ---- */

/* Unescapes a strace string body [p, e) into st->path, at most `max`
 * bytes (< PATH_BUF), up to an unescaped `stop` ('"' ends a string, '<'
 * or '>' a decoration's path); returns the length. */
static size_t unescape(hv_strace *st, const char *p, const char *e, size_t max, char stop)
{
    size_t n = 0;
    while (p < e && n < max && *p != stop && !(stop == '<' && *p == '>')) {
        char c = *p++;
        if (c == '\\' && p < e) {
            char x = *p++;
            if (x >= '0' && x <= '7') {
                int v = x - '0', k = 1;
                while (k < 3 && p < e && *p >= '0' && *p <= '7') v = v * 8 + (*p++ - '0'), k++;
                c = (char)v;
            } else if (x == 'x' && p + 1 < e) {
                int v = 0;
                for (int k = 0; k < 2; k++) {
                    char h = *p++;
                    v = v * 16 + (is_digit(h) ? h - '0' : ((h | 32) - 'a' + 10) & 15);
                }
                c = (char)v;
            } else {
                c = x == 'n' ? '\n' : x == 't' ? '\t' : x == 'r' ? '\r' : x == 'v' ? '\v' : x == 'f' ? '\f' : x;
            }
        }
        st->path[n++] = c;
    }
    st->path[n] = '\0';
    return n;
}

/* A -y decoration starts at p ('<'): returns the position after its
 * closing '>', or NULL if it does not close on this line.  In a socket's
 * `<TCP:[1.2.3.4:5->6.7.8.9:10]>` the '>' inside [...] does not close it;
 * in a path, '>' is escaped (\76) and '[' is an ordinary character. */
static const unsigned char deco_special[256] = {['\\'] = 1, ['<'] = 1, ['>'] = 1, ['['] = 1, [']'] = 1};

const char *hv_strace_skip_decoration(const char *p, const char *e)
{
    int nest = 0, square = 0, is_path = p + 1 < e && p[1] == '/';
    if (is_path) {
        /* the common case, a plain path: the first '>' closes it unless a
         * '<' (nested "<char 1:3>") or a '\\' comes first */
        const char *gt = memchr(p + 1, '>', (size_t)(e - p - 1));
        if (!gt) return NULL;
        size_t n = (size_t)(gt - p - 1);
        if (!memchr(p + 1, '<', n) && !memchr(p + 1, '\\', n)) return gt + 1;
    }
    for (; p < e; p++) {
        while (p < e && !deco_special[(unsigned char)*p]) p++; /* the common run: path characters */
        if (p >= e) break;
        char c = *p;
        if (c == '\\') {
            p++;
        } else if (c == '<') {
            nest++;
        } else if (!is_path && c == '[') {
            square++;
        } else if (!is_path && c == ']' && square > 0) {
            square--;
        } else if (c == '>' && square == 0 && --nest == 0) {
            return p + 1;
        }
    }
    return NULL;
}

/* Place code of the path in a decoration [p = '<', q = after '>'). */
unsigned char hv_strace_decoration_code(hv_strace *st, const char *p, const char *q)
{
    const char *b = p + 1, *end = q - 1;
    if (b >= end || *b != '/') return 1 + HV_PLACE_NONE; /* pipe:, socket:, anon_inode: ... */
    /* "/dev/null<char 1:3>": the path ends at the nested '<' (a '<' in a
     * name is escaped); only its first PLACE_PREFIX bytes matter */
    unescape(st, b, end, PLACE_PREFIX, '<');
    if (st->path[1] == 's' && strncmp(st->path, "/sys/fs/cgroup", 14) == 0 &&
        (st->path[14] == '\0' || st->path[14] == '/'))
        return FD_CGROUP;
    return (unsigned char)(1 + hv_place_of_path(st->path));
}

static unsigned char fd_code(const hv_strace *st, const pid_slot *ps, long fd)
{
    if (fd < 0 || fd >= HV_FD_TRACK) return FD_UNKNOWN;
    if (ps && ps->fd[fd]) return ps->fd[fd];
    return st->last_fd[fd];
}

/* An fd argument at p: digits with an optional decoration, or AT_FDCWD.
 * Sets *code (FD_UNKNOWN if nothing is known), *fd (-1 unless numeric),
 * *cwd (AT_FDCWD). */
static void read_fd_arg(hv_strace *st, const pid_slot *ps, const char *p, const char *e,
                        unsigned char *code, long *fd, int *cwd)
{
    *code = FD_UNKNOWN;
    *fd = -1;
    *cwd = 0;
    const char *q = p;
    if (starts(p, e, "AT_FDCWD")) {
        *cwd = 1;
        q = p + 8;
    } else {
        long v = 0;
        int neg = q < e && *q == '-';
        if (neg) q++;
        const char *d = q;
        while (q < e && is_digit(*q) && v < 100000000) v = v * 10 + (*q++ - '0');
        if (q == d) return;
        *fd = neg ? -v : v;
    }
    if (q < e && *q == '<') {
        const char *r = hv_strace_skip_decoration(q, e);
        if (r) {
            *code = hv_strace_decoration_code(st, q, r);
            return;
        }
    }
    if (!*cwd) *code = fd_code(st, ps, *fd);
}

/* A path argument at p: a quoted string -> place code; NULL, a pointer or
 * anything else -> FD_UNKNOWN.  *empty is set for "". */
static unsigned char read_path_arg(hv_strace *st, const char *p, const char *e, int *empty,
                                   int *relative)
{
    *empty = 0;
    *relative = 0;
    if (p >= e || *p != '"') return FD_UNKNOWN;
    size_t n = unescape(st, p + 1, e, PLACE_PREFIX, '"');
    if (n == 0) {
        *empty = 1;
        return FD_UNKNOWN;
    }
    if (st->path[0] != '/') {
        *relative = 1;
        return 1 + HV_PLACE_OWN;
    }
    if (st->path[1] == 's' && strncmp(st->path, "/sys/fs/cgroup", 14) == 0 &&
        (st->path[14] == '\0' || st->path[14] == '/'))
        return FD_CGROUP;
    return (unsigned char)(1 + hv_place_of_path(st->path));
}

/* Digits at p as a number (0 if none). */
static int64_t digits_at(const char *p, const char *e)
{
    int64_t v = 0;
    while (p < e && is_digit(*p) && v < INT64_MAX / 10) v = v * 10 + (*p++ - '0');
    return v;
}

/* The channel of an fd argument with a -y decoration (`3<pipe:[123]>`:
 * both ends 123; -yy `5<UNIX-STREAM:[11->12]>`: this end 11, its peer 12). */
static void read_chan(const char *p, const char *e, int64_t *own, int64_t *peer)
{
    *own = *peer = 0;
    while (p < e && is_digit(*p)) p++;
    if (p >= e || *p != '<') return;
    const char *r = hv_strace_skip_decoration(p, e);
    if (!r) return;
    if (starts(p, r, "<pipe:[")) {
        *own = *peer = digits_at(p + 7, r);
        return;
    }
    const char *b = find_lit(p, r, ":[");
    const char *arrow = b ? find_lit(b, r, "->") : NULL;
    if (starts(p, r, "<UNIX") && b && arrow) {
        *own = digits_at(b + 2, arrow);
        *peer = digits_at(arrow + 2, r);
    }
}

/* Looks at top-level argument `i` starting at p (for the call's shape). */
static void take_arg(hv_strace *st, const pid_slot *ps, call_ctx *cc, int i, const char *p,
                     const char *e)
{
    unsigned char code;
    long fd;
    int cwd, empty, rel;
    switch ((arg_shape)cc->ne->shape) {
    case SH_FD0:
    case SH_FD2:
        if (i == (cc->ne->shape == SH_FD0 ? 0 : 2)) {
            read_fd_arg(st, ps, p, e, &code, &fd, &cwd);
            cc->place_code = code;
            if (i == 0) cc->fd0 = fd;
            if (i == 0) read_chan(p, e, &cc->chan_own, &cc->chan_peer);
        }
        break;
    case SH_PATH0:
    case SH_PATH1:
        if (i == (cc->ne->shape == SH_PATH0 ? 0 : 1)) cc->place_code = read_path_arg(st, p, e, &empty, &rel);
        break;
    case SH_AT01:
    case SH_AT12: {
        int di = cc->ne->shape == SH_AT01 ? 0 : 1;
        if (i == di) {
            read_fd_arg(st, ps, p, e, &code, &fd, &cwd);
            cc->dir_code = code;
            cc->dir_is_cwd = cwd;
        } else if (i == di + 1) {
            code = read_path_arg(st, p, e, &empty, &rel);
            if (empty || (rel && cc->dir_code != FD_UNKNOWN))
                code = cc->dir_code; /* AT_EMPTY_PATH, or relative to a known directory */
            else if (p < e && *p != '"')
                code = cc->dir_is_cwd ? FD_UNKNOWN : cc->dir_code; /* utimensat(fd, NULL, ...) */
            cc->place_code = code;
        }
        break;
    }
    case SH_NONE:
        break;
    }
    if (cc->ne->effect == EFF_PIPE && i == (cc->ne->name[0] == 's' ? 3 : 0) && p < e && *p == '[') {
        /* "[3, 4]" or, with -y, "[3<pipe:[1]>, 4<pipe:[1]>]" */
        const char *q = p + 1;
        for (int k = 0; k < 2; k++) {
            q = skip_spaces(q, e);
            long v = 0;
            const char *d = q;
            while (q < e && is_digit(*q) && v < 100000000) v = v * 10 + (*q++ - '0');
            if (q == d) break;
            cc->pipe_fd[k] = v;
            if (q < e && *q == '<') {
                const char *r = hv_strace_skip_decoration(q, e);
                q = r ? r : e;
            }
            if (q < e && *q == ',') q++;
        }
    }
    if (cc->ne->effect == EFF_DUP && i == 0) {
        read_fd_arg(st, ps, p, e, &code, &fd, &cwd);
        cc->fd0 = fd;
        cc->place_code = code;
    }
}

/* The closing quote of a string whose body starts at q, or NULL: memchr
 * for '"', then an odd run of backslashes before it means it is escaped. */
static const char *string_end(const char *q, const char *e)
{
    const char *from = q;
    while (q < e) {
        const char *d = memchr(q, '"', (size_t)(e - q));
        if (!d) return NULL;
        const char *b = d;
        while (b > from && b[-1] == '\\') b--;
        if (((d - b) & 1) == 0) return d;
        q = d + 1;
    }
    return NULL;
}

/* Character classes for the argument scanner. */
enum { K_PLAIN, K_QUOTE, K_OPEN, K_CLOSE, K_COMMA, K_LT };
static const unsigned char kind_of[256] = {
    ['"'] = K_QUOTE, ['('] = K_OPEN, ['['] = K_OPEN, ['{'] = K_OPEN, [')'] = K_CLOSE,
    [']'] = K_CLOSE, ['}'] = K_CLOSE, [','] = K_COMMA, ['<'] = K_LT,
};

/* The first character at or after p that the scanner must look at (not
 * K_PLAIN), or e.  With SSE2 (every x86-64) 16 bytes are compared at once
 * against the nine special characters; the tail goes byte by byte. */
static const char *skip_plain(const char *p, const char *e)
{
#if defined(__SSE2__)
    const __m128i c0 = _mm_set1_epi8('"'), c1 = _mm_set1_epi8('('), c2 = _mm_set1_epi8(')');
    const __m128i c3 = _mm_set1_epi8('['), c4 = _mm_set1_epi8(']'), c5 = _mm_set1_epi8('{');
    const __m128i c6 = _mm_set1_epi8('}'), c7 = _mm_set1_epi8(','), c8 = _mm_set1_epi8('<');
    while (e - p >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c0), _mm_cmpeq_epi8(v, c1)),
                                              _mm_or_si128(_mm_cmpeq_epi8(v, c2), _mm_cmpeq_epi8(v, c3))),
                                 _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, c4), _mm_cmpeq_epi8(v, c5)),
                                              _mm_or_si128(_mm_cmpeq_epi8(v, c6), _mm_cmpeq_epi8(v, c7))));
        m = _mm_or_si128(m, _mm_cmpeq_epi8(v, c8));
        unsigned mask = (unsigned)_mm_movemask_epi8(m);
        if (mask) return p + __builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < e && kind_of[(unsigned char)*p] == K_PLAIN) p++;
    return p;
}

/* Scans arguments from p with cc->depth (>= 1) until the call's closing
 * parenthesis (returns the position after it; depth 0) or e (returns e,
 * depth >= 1).  NULL on a malformed argument list (*why, *at set). */
const char *hv_strace_scan_args(hv_strace *st, const pid_slot *ps, call_ctx *cc, const char *p,
                             const char *e, const char **why, const char **at)
{
    int at_arg_start = cc->at_start; /* p is at the start of an argument (after '(' or ", ") */
    while (p < e) {
        if (at_arg_start) {
            p = skip_spaces(p, e);
            if (p >= e) break;
            if (cc->depth == 1 && *p != ')') take_arg(st, ps, cc, cc->argi, p, e);
            at_arg_start = 0;
        }
        unsigned char c = (unsigned char)*p;
        switch (kind_of[c]) {
        case K_PLAIN:
            p = skip_plain(p + 1, e);
            break;
        case K_QUOTE: {
            const char *q = string_end(p + 1, e);
            if (!q) {
                *why = "unterminated string";
                *at = p;
                return NULL;
            }
            p = q + 1;
            break;
        }
        case K_OPEN:
            cc->depth++;
            p++;
            break;
        case K_CLOSE:
            cc->depth--;
            p++;
            if (cc->depth == 0) {
                cc->argi++;
                return p;
            }
            break;
        case K_COMMA:
            p++;
            if (cc->depth == 1) {
                cc->argi++;
                at_arg_start = 1;
            }
            break;
        case K_LT: {
            /* a decoration follows an fd number or AT_FDCWD and starts a path or a type */
            char prev = p > st->line ? p[-1] : ' ';
            char next = p + 1 < e ? p[1] : ' ';
            if ((is_digit(prev) || prev == 'D') && (next == '/' || is_alpha(next))) {
                const char *q = hv_strace_skip_decoration(p, e);
                if (!q) {
                    *why = "unterminated '<' decoration";
                    *at = p;
                    return NULL;
                }
                p = q;
            } else {
                p++;
            }
            break;
        }
        }
    }
    if (cc->depth < 1) {
        *why = "unbalanced brackets";
        *at = p;
        return NULL;
    }
    cc->at_start = at_arg_start;
    return e;
}

/* Parses a timestamp: HH:MM:SS[.frac] or SECS.frac.  Returns the position
 * after it, or NULL if p does not start one. */
const char *hv_strace_parse_time(const char *p, const char *e, int64_t *ns)
{
    /* fast path, -tt: "HH:MM:SS.uuuuuu" followed by a space */
    if (e - p > 15 && p[2] == ':' && p[5] == ':' && p[8] == '.' && p[15] == ' ') {
        int ok = 1;
        int64_t f = 0;
        for (int i = 9; i < 15; i++) {
            ok &= is_digit(p[i]);
            f = f * 10 + (p[i] - '0');
        }
        ok &= is_digit(p[0]) & is_digit(p[1]) & is_digit(p[3]) & is_digit(p[4]) & is_digit(p[6]) & is_digit(p[7]);
        if (ok) {
            int64_t secs = ((p[0] - '0') * 10 + (p[1] - '0')) * 3600 + ((p[3] - '0') * 10 + (p[4] - '0')) * 60 +
                           (p[6] - '0') * 10 + (p[7] - '0');
            *ns = secs * 1000000000LL + f * 1000;
            return p + 15;
        }
    }
    int64_t v = 0, parts = 0;
    const char *q = p;
    for (;;) {
        const char *d = q;
        int64_t x = 0;
        while (q < e && is_digit(*q) && q - d < 12) x = x * 10 + (*q++ - '0');
        if (q == d) return NULL;
        if (parts && (sim_mul_i64(v, 60, &v) != 0 || sim_add_i64(v, x, &x) != 0))
            return NULL; /* too large for a time of day or a -ttt epoch */
        v = x;
        parts++;
        if (q < e && *q == ':' && parts < 3) {
            q++;
            continue;
        }
        break;
    }
    if (parts == 2) return NULL;
    int64_t frac = 0;
    if (q < e && *q == '.') {
        q++;
        int k = 0;
        const char *d = q;
        while (q < e && is_digit(*q)) {
            if (k < 9) frac = frac * 10 + (*q - '0'), k++;
            q++;
        }
        if (q == d) return NULL;
        for (; k < 9; k++) frac *= 10;
    } else if (parts == 1) {
        return NULL; /* a bare number is a pid, not a time */
    }
    if (sim_mul_i64(v, 1000000000LL, &v) != 0 || sim_add_i64(v, frac, &v) != 0)
        return NULL; /* past 2^63-1 ns (found by fuzz_strace) */
    *ns = v;
    return q;
}

