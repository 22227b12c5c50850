/* profiles.h: synthetic workload profiles, read from small text files
 * (scenarios/profiles/NAME.wl) into an hv_workload (workload.h).
 *
 * The format, one statement per line, `#` to the end of a line a comment:
 *
 *   name git-status                          optional, at most once, first
 *   cpu 4ms                                  optional: user-mode CPU time outside
 *                                            system calls (the same on every path)
 *   newfstatat own 2785                      CALL PLACE COUNT
 *   read own 475 bytes=1390786B chunks=480   ... [bytes=SIZE] [chunks=N]
 *   stat windows 100                         a class name works as CALL too
 *
 * CALL is a syscall name as strace prints it (classified by syscalls.h) or
 * a class name (trivial read write open close stat dir mem proc ipc futex
 * meta name ns other).  PLACE is none, system, own or windows (syscalls.h).
 * COUNT is a whole number of calls.  bytes= is what the calls moved in
 * total, with a unit (B KB MB GB KiB MiB ...); chunks= the number of 9P
 * messages they need (default: COUNT x max(1, ceil(bytes/COUNT / 64 KiB))).
 * The first syscall WSL1 could not run becomes the workload's wsl1_blocker.
 * Errors carry file:line:col; a file with no calls is an error.  Lines are
 * at most 4096 bytes; files at most 1 MiB.
 *
 * The canned profiles were made from real strace runs; each file says how. */
#ifndef HVSIM_MODELS_PROFILES_H
#define HVSIM_MODELS_PROFILES_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "workload.h"

/* Names of the canned profiles under scenarios/profiles, NULL-terminated
 * (immutable; also the enum of the "sys" model's workload argument). */
#define HV_PROFILE_COUNT 7
extern const char *const hv_profile_names[HV_PROFILE_COUNT + 1];

/* Parses a profile held in buf (len bytes); `file` names it in diagnostics.
 * w is initialised (named after `fallback_name` unless the profile says
 * `name`); *cpu_ns (may be NULL) gets the `cpu` time, 0 without one.
 * 0, or -1 with errors in diags. */
int hv_profile_parse(const char *file, const char *fallback_name, const char *buf, size_t len,
                     hv_workload *w, int64_t *cpu_ns, sim_diag_list *diags);

/* Reads and parses a profile file.  0 or -1 (diagnostics in diags). */
int hv_profile_load(const char *path, hv_workload *w, int64_t *cpu_ns, sim_diag_list *diags);

/* Finds a profile: a path (contains '/' or ends in ".wl") is taken as it
 * is; a bare NAME is looked up as scenarios/profiles/NAME.wl in the current
 * directory, then under $HVSIM_DATA_DIR (the CLI sets it to the installed
 * data), then in the source tree.  Writes the path to out; 0 if the
 * file exists, -1 if not. */
int hv_profile_resolve(const char *name_or_path, char *out, size_t cap);

#endif
