/* util.c: string copies, path joining, growable arrays (see util.h). */
#include "util.h"

#include <stdlib.h>
#include <string.h>

char *sim_strndup(const char *s, size_t n)
{
    char *c = malloc(n + 1);
    if (!c) return NULL;
    if (n) memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

char *sim_strdup(const char *s)
{
    return sim_strndup(s, strlen(s));
}

int sim_copy(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    int cut = n >= cap;
    if (cut) n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return cut;
}

char *sim_path_join(const char *dir, const char *path)
{
    size_t nd = strlen(dir), np = strlen(path);
    int slash;
    char *p;
    if (path[0] == '/' || nd == 0) return sim_strndup(path, np);
    slash = dir[nd - 1] != '/';
    p = malloc(nd + (size_t)slash + np + 1);
    if (!p) return NULL;
    memcpy(p, dir, nd);
    if (slash) p[nd] = '/';
    memcpy(p + nd + (size_t)slash, path, np + 1);
    return p;
}

int sim_grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    size_t n;
    void *p;
    if (need <= *cap) return 0;
    n = *cap ? *cap : 8;
    while (n < need) {
        if (n > ((size_t)-1) / 2 / elem) return -1;
        n *= 2;
    }
    p = realloc(*arr, n * elem);
    if (!p) return -1;
    *arr = p;
    *cap = n;
    return 0;
}
