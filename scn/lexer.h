/* lexer.h: tokens of the line-oriented scenario language.
 *
 * The lexer walks a text buffer it does not own (the caller keeps it alive
 * while tokens are in use: tokens point into it).  Every token carries the
 * file name, a 1-based line and a 1-based byte column.  Token kinds:
 *   WORD    a run of anything but blanks, quotes, '#', '=', '<', '>', '!':
 *           keywords, names (uvm.start), numbers with units (1.5GB, +30s),
 *           addresses, bare strings (~/proj/node_modules), ${name}
 *   STRING  "text" with escapes \" \\ \n \t (text still escaped; decode it
 *           with sim_token_string)
 *   PUNCT   a run of '=', '<', '>', '!' ("=", "<=", "=>": the parser judges)
 *   EOL     end of a line (also produced for the last line without '\n')
 *   EOF     end of the text
 *   ERROR   a lexical error: message in the lexer's err; the rest of the
 *           line is skipped, and the next token is the EOL
 * '#' starts a comment that runs to the end of the line.  A line longer
 * than SIM_LEX_MAX_LINE bytes is one ERROR ("line too long").  CR before LF
 * is ignored. */
#ifndef HVSIM_SCN_LEXER_H
#define HVSIM_SCN_LEXER_H

#include <stddef.h>

#define SIM_LEX_MAX_LINE 4096 /* bytes per line, without the newline */

typedef enum sim_tok_kind {
    SIM_TOK_WORD,
    SIM_TOK_STRING,
    SIM_TOK_PUNCT,
    SIM_TOK_EOL,
    SIM_TOK_EOF,
    SIM_TOK_ERROR
} sim_tok_kind;

typedef struct sim_token {
    sim_tok_kind kind;
    const char *text;     /* points into the buffer; for STRING the quotes included */
    size_t len;           /* bytes of text */
    const char *file;     /* the lexer's file name (not owned) */
    int line, col;        /* 1-based */
    const char *line_start; /* start of the token's line in the buffer */
} sim_token;

typedef struct sim_lexer {
    const char *file;
    const char *text, *end, *p;
    const char *line_start;
    int line;
    int at_line_start;    /* 1 before the first token of a line */
    char err[160];        /* message of the last ERROR token */
} sim_lexer;

void sim_lexer_init(sim_lexer *lx, const char *file, const char *text, size_t len);
/* The next token (EOF repeats forever at the end). */
sim_token sim_lexer_next(sim_lexer *lx);

/* 1 if the token is the word w. */
int sim_token_is(const sim_token *t, const char *w);
/* Decodes a STRING token's escapes (or copies a WORD) into buf (NUL
 * terminated, cut to cap - 1).  Returns the decoded length needed. */
size_t sim_token_string(const sim_token *t, char *buf, size_t cap);
/* Copies the token text as written into buf, cut to cap - 1 (with "..."
 * when cut), for messages. */
const char *sim_token_quote(const sim_token *t, char *buf, size_t cap);
/* Length of the line starting at line_start (up to '\n', without a
 * trailing '\r'). */
size_t sim_line_length(const char *line_start, const char *end);

/* Checks that text is text: no NUL or other control bytes except tab, CR
 * and LF.  Returns 0, or -1 with the 1-based line and column of the first
 * bad byte and the byte itself. */
int sim_text_check(const char *text, size_t len, int *line, int *col, unsigned char *byte);

#endif
