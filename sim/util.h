/* util.h: the small helpers every layer shares (one copy of each).
 *
 *   sim_strdup / sim_strndup  a malloc'd, NUL-terminated copy (C11 has no
 *                             strdup); NULL when memory runs out
 *   sim_copy                  a bounded copy into a fixed array, always
 *                             NUL-terminated, saying whether it was cut
 *   sim_path_join             a path relative to a directory, as includes
 *                             and files named in input files are resolved
 *   sim_grow                  room for one more element in a growable array
 *
 * Ownership: the malloc'd results belong to the caller (free()). */
#ifndef HVSIM_SIM_UTIL_H
#define HVSIM_SIM_UTIL_H

#include <stddef.h>

char *sim_strdup(const char *s);
/* A copy of the first n bytes of s (which need not be NUL-terminated). */
char *sim_strndup(const char *s, size_t n);
/* Copies src into dst (cap > 0 bytes), cut to cap - 1 bytes.  Returns 0, or
 * 1 if src was cut. */
int sim_copy(char *dst, size_t cap, const char *src);
/* `path` itself when it is absolute or dir is "", else dir/path (one '/'
 * between them).  malloc'd, or NULL when memory runs out. */
char *sim_path_join(const char *dir, const char *path);
/* Makes *arr (of *cap elements of elem bytes) hold at least need elements,
 * doubling from 8; *arr and *cap change only on success.  0, or -1 (out of
 * memory or the size would overflow). */
int sim_grow(void **arr, size_t *cap, size_t need, size_t elem);

#endif
