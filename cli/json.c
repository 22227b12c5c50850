/* json.c: JSON string escaping (see json.h).  UTF-8 is checked the strict
 * way (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF;
 * every byte of a bad sequence is replaced on its own by U+FFFD. */
#include "json.h"

#include <stddef.h>

/* Length of the valid UTF-8 sequence starting at s, or 0 if it is not one.
 * s[0] is known to be >= 0x80. */
static size_t utf8_valid_len(const unsigned char *s)
{
    unsigned char c = s[0];
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;      /* no overlong 3-byte forms */
        if (c == 0xED) hi = 0x9F;      /* no UTF-16 surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;      /* no overlong 4-byte forms */
        if (c == 0xF4) hi = 0x8F;      /* nothing above U+10FFFF */
    } else return 0;
    if (s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < n; i++)
        if (s[i] < 0x80 || s[i] > 0xBF) return 0;
    return n;
}

static void put_escaped_ascii(FILE *f, unsigned char c)
{
    switch (c) {
    case '"': fputs("\\\"", f); break;
    case '\\': fputs("\\\\", f); break;
    case '\n': fputs("\\n", f); break;
    case '\r': fputs("\\r", f); break;
    case '\t': fputs("\\t", f); break;
    case '\b': fputs("\\b", f); break;
    case '\f': fputs("\\f", f); break;
    default:
        if (c < 0x20 || c == 0x7F) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
}

void cli_json_string(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    fputc('"', f);
    while (*p) {
        if (*p < 0x80) {
            put_escaped_ascii(f, *p++);
            continue;
        }
        size_t n = utf8_valid_len(p);
        if (n == 0) {
            fputs("\\ufffd", f);
            p++;
        } else {
            fwrite(p, 1, n, f);
            p += n;
        }
    }
    fputc('"', f);
}
