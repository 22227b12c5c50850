/* program_build.h: builds a trace's threads and call chains (program.h)
 * from the strace importer's finished calls (strace.h's sink).
 *
 * Pass hv_program_build_sink and the builder to the importer; after the
 * import call hv_program_build_finish, which resolves what can
 * only be known at the end: channels whose writer was never traced (their
 * reads keep their traced duration) and the most threads alive at once. */
#ifndef HVSIM_IMPORT_PROGRAM_BUILD_H
#define HVSIM_IMPORT_PROGRAM_BUILD_H

#include "program.h"
#include "strace.h"

typedef struct hv_program_build hv_program_build;

/* A builder filling p (which must stay alive); NULL when memory runs out. */
hv_program_build *hv_program_build_new(hv_program *p);
/* The importer's sink (user = the builder). */
void hv_program_build_sink(void *user, const hv_strace_call *call);
/* 0, or -1 if memory ran out at any point. */
int hv_program_build_finish(hv_program_build *b);
void hv_program_build_free(hv_program_build *b);

#endif
