/* program.c: set-up and release of a loaded workload (see program.h). */
#include "program.h"

#include <stdlib.h>
#include <string.h>

void hv_program_init(hv_program *p, const char *name, hv_program_source source)
{
    memset(p, 0, sizeof *p);
    hv_workload_init(&p->totals, name);
    p->source = source;
}

void hv_program_free(void *p) { free(p); }
