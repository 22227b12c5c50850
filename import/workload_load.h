/* workload_load.h: turns what a user names as a workload into a loaded,
 * immutable hv_program (syscalls/program.h) before a run starts.
 *
 * A name is one of:
 *   - a built-in profile: a bare name such as `git-status`
 *     (scenarios/profiles/NAME.wl, hv_profile_resolve);
 *   - a profile file: a path ending in `.wl`;
 *   - a trace: any other path, read as `strace -f -tt -T [-y]` output.
 * A relative path is looked up in `dir` first (the directory of the
 * scenario that names it; "" = none), then in the current directory.
 * Both `hvsim compare` and the scenario loader (scn_options.load_shared)
 * come through here, so a name means the same in both. */
#ifndef HVSIM_IMPORT_WORKLOAD_LOAD_H
#define HVSIM_IMPORT_WORKLOAD_LOAD_H

#include <stddef.h>

#include "diag.h"
#include "program.h"
#include "shared.h"

/* Loads the workload `name`.  lenient: skip malformed trace lines.  0 and
 * a heap program in *out (free with hv_program_free), or -1 with errors in
 * diags (a name that is neither a profile nor an existing file gets one
 * error at line 0, with a suggestion). */
int hv_workload_load(const char *name, const char *dir, int lenient, hv_program **out,
                     sim_diag_list *diags);

/* scn_load_shared_fn for kind "workload": the program as a shared block,
 * or NULL with the first error in why ("file:line:col: message"). */
sim_shared *hv_workload_load_shared(void *user, const char *kind, const char *name,
                                    const char *dir, char *why, size_t why_cap);

#endif
