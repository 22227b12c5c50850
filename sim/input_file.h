/* input_file.h: opening and reading input files with bounds.
 *
 * Every reader of user input (scenarios and their includes, product config files,
 * strace traces, profiles, ELF binaries) opens through here, so none can
 * hang or eat memory on a path that is not an ordinary file:
 *   - the open never blocks: O_NONBLOCK, so a FIFO with no writer opens at
 *     once (and then reads as empty); O_NONBLOCK is cleared after the open;
 *   - a directory, a block device or a socket is refused with a reason;
 *   - callers that only accept regular files (includes) say so and get a
 *     clear refusal for a FIFO or a device;
 *   - a regular file larger than the bound is refused from its size before
 *     a byte is read; anything else (a pipe, /dev/zero, /dev/urandom) is
 *     read at most to the bound plus one byte, then refused.
 * Errors come back as text in `why` (no location: the caller adds it). */
#ifndef HVSIM_SIM_INPUT_FILE_H
#define HVSIM_SIM_INPUT_FILE_H

#include <stddef.h>
#include <stdint.h>

enum {
    SIM_INPUT_ANY = 0,          /* regular files, FIFOs, character devices */
    SIM_INPUT_REGULAR_ONLY = 1  /* regular files only (includes) */
};

/* Opens path for reading.  On success returns the fd, sets *regular (1 for
 * a regular file) and *size (its size in bytes; -1 when not regular).
 * -1 with a reason in why. */
int sim_input_open(const char *path, int flags, int *regular, int64_t *size, char *why,
                   size_t why_cap);

/* Reads the whole file into a NUL-terminated malloc'd buffer (*out,
 * *out_len): at most max_bytes from a regular file (refused from its size
 * first), at most max_stream_bytes from a FIFO or a device.  0, or -1 with
 * a reason in why ("larger than N bytes", "out of memory", the system's
 * error). */
int sim_input_read_all(const char *path, int flags, size_t max_bytes, size_t max_stream_bytes,
                       char **out, size_t *out_len, char *why, size_t why_cap);

/* A UTF-8 byte-order mark (EF BB BF) at the start of text, as Notepad
 * writes: skipped (text and len advanced past it).  Returns 1 if there was
 * one.  Columns on line 1 then count from after the mark. */
int sim_skip_utf8_bom(const char **text, size_t *len);

#endif
