/* vdisk_space.h: where the bytes of a dynamically expanding ext4.vhdx are.
 *
 * Pure accounting, no events: the vdisk model (vdisk.h) calls these as the
 * guest writes, deletes and trims and as the host compacts.  Every byte the
 * vhdx has a payload block for is in exactly one of three places:
 *
 *   used   in use inside ext4 (what `df` calls Used);
 *   stale  freed inside ext4, never trimmed: the vhdx still holds the old
 *          data and cannot tell it is free, so compaction keeps it;
 *   kept   freed and trimmed (ext4 sent UNMAP): the vhdx knows the block is
 *          free but a non-sparse file keeps the space until compaction.
 *
 * A sparse vhdx gives trimmed blocks straight back to NTFS instead of keeping
 * them.  Blocks already in `kept` when sparse mode is turned on stay there:
 * ext4 does not trim a block twice, so nothing tells the vhdx again (#12103).
 * The file on C: is the vhdx's own metadata plus its allocated payload
 * rounded up to whole vhdx blocks.
 *
 * Invariants (hv_vspace_check): every field >= 0; written - freed == used.
 * Simplified: a free block is whole-block free (no partially used 1 MiB
 * blocks), and freed space is reused by new writes in proportion `reuse`
 * (see hv_vspace_write).  All sizes are int64 bytes. */
#ifndef HVSIM_MODELS_VDISK_SPACE_H
#define HVSIM_MODELS_VDISK_SPACE_H

#include <stdint.h>

typedef struct hv_vspace {
    int64_t used_bytes;     /* in use inside ext4, bytes */
    int64_t stale_bytes;    /* free in ext4, untrimmed, allocated in the vhdx, bytes */
    int64_t kept_bytes;     /* free in ext4, trimmed, still in a non-sparse file, bytes */
    int64_t written_bytes;  /* ever allocated by ext4 (incl. the installed distro), bytes */
    int64_t freed_bytes;    /* ever freed inside ext4, bytes */
} hv_vspace;

/* A fresh disk holding `used` bytes (an install or a tar import). */
hv_vspace hv_vspace_fresh(int64_t used_bytes);

/* Guest payload bytes the vhdx has blocks for: used + stale + kept. */
int64_t hv_vspace_alloc(const hv_vspace *s);

/* Size of the vhdx file on the Windows drive: overhead + the allocated
 * payload rounded up to whole blocks of block_bytes (> 0). */
int64_t hv_vspace_file_bytes(const hv_vspace *s, int64_t block_bytes, int64_t overhead_bytes);

/* ext4 allocates `bytes` more.  A share `reuse` (0..1) of it lands in blocks
 * the vhdx already has (stale and kept, in proportion), as far as there are
 * any; the rest needs new vhdx blocks.  No new allocation goes past
 * max_alloc_bytes (the disk's virtual size): ext4 then reuses instead.  The
 * caller has checked used + bytes <= max_alloc_bytes.  Returns the bytes of
 * new vhdx allocation. */
int64_t hv_vspace_write(hv_vspace *s, int64_t bytes, double reuse, int64_t max_alloc_bytes);

/* ext4 frees `bytes` (<= used).  With discard (the mount option) the blocks
 * are trimmed at once: kept in a non-sparse file, given back in a sparse
 * one; without it they go stale.  Returns the bytes given back to NTFS. */
int64_t hv_vspace_free(hv_vspace *s, int64_t bytes, int discard, int sparse);

/* fstrim: every stale block is trimmed now (kept, or given back if sparse).
 * Already trimmed blocks are not trimmed again.  Returns the bytes trimmed. */
int64_t hv_vspace_trim(hv_vspace *s, int sparse);

/* Compaction (diskpart compact vdisk, Optimize-VHD): the trimmed blocks
 * leave the file; stale ones cannot be told from data and stay.  Returns the
 * payload bytes removed. */
int64_t hv_vspace_compact(hv_vspace *s);

/* Shrinks the free space so that alloc <= max_alloc_bytes (a resize below
 * the allocated size drops free blocks past the new end: kept first).
 * Requires used <= max_alloc_bytes. */
void hv_vspace_clamp(hv_vspace *s, int64_t max_alloc_bytes);

/* 1 if the invariants hold. */
int hv_vspace_check(const hv_vspace *s);

#endif
