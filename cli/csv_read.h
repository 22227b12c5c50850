/* csv_read.h: reads a CSV file (RFC 4180: quoted fields, "" for a quote,
 * commas and newlines inside quotes) into a table of strings, for `hvsim
 * plot` to read a sweep's CSV back.
 *
 * The first line is the header; every row must have as many fields as the
 * header.  Errors carry the file's line and column: "F:3:7: error: row has
 * 4 fields, the header 5".  Ownership: the table owns every string. */
#ifndef HVSIM_CLI_CSV_READ_H
#define HVSIM_CLI_CSV_READ_H

#include <stddef.h>

typedef struct csv_table {
    size_t n_cols, n_rows;
    char **header;          /* n_cols */
    char ***rows;           /* n_rows x n_cols */
    int *row_line;          /* the line each row starts on, for messages */
} csv_table;

/* 0, or -1 with "PATH:LINE:COL: error: ..." in why (the table is then
 * empty). */
int csv_read(const char *path, csv_table *t, char *why, size_t why_cap);
void csv_free(csv_table *t);
/* Column index of name, or -1. */
int csv_column(const csv_table *t, const char *name);

#endif
