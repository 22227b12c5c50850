/* json.h: the one JSON string escaper both JSON writers use (--events and
 * --trace-out), so the two files escape text identically.
 *
 * Output is always valid JSON text: '"' and '\\' are escaped, control bytes
 * become \n, \t ... or \u00XX, and bytes that are not valid UTF-8 (a model
 * note may carry a user's path cut mid-character at SIM_NOTE_MAX) are
 * replaced by U+FFFD instead of being copied through. */
#ifndef HVSIM_CLI_JSON_H
#define HVSIM_CLI_JSON_H

#include <stdio.h>

/* Writes s (NULL counts as "") as a quoted JSON string literal to f. */
void cli_json_string(FILE *f, const char *s);

#endif
