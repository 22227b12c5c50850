/* shared.c: reference-counted immutable blocks (see shared.h).
 * Invariant: refs >= 1 while anyone holds the block; data is never written
 * after sim_shared_new. */
#include "shared.h"

#include <assert.h>
#include <stdlib.h>

struct sim_shared {
    int64_t refs;                /* holders, count */
    void *data;                  /* owned */
    void (*destroy)(void *data); /* may be NULL: data is not freed */
};

sim_shared *sim_shared_new(void *data, void (*destroy)(void *data))
{
    sim_shared *s = malloc(sizeof *s);
    if (!s) {
        if (destroy) destroy(data);
        return NULL;
    }
    s->refs = 1;
    s->data = data;
    s->destroy = destroy;
    return s;
}

void sim_shared_ref(sim_shared *s)
{
    assert(s && s->refs > 0);
    s->refs++;
}

void sim_shared_unref(sim_shared *s)
{
    if (!s) return;
    assert(s->refs > 0);
    if (--s->refs > 0) return;
    if (s->destroy) s->destroy(s->data);
    free(s);
}

const void *sim_shared_data(const sim_shared *s) { return s ? s->data : NULL; }
