/* vdisk_space.c: byte accounting of a dynamically expanding vhdx
 * (vdisk_space.h).  Integer bytes throughout; the only floating point is the
 * reuse share and the stale/kept split of reused space, both rounded to
 * whole bytes before they touch the counters. */
#include "vdisk_space.h"

hv_vspace hv_vspace_fresh(int64_t used_bytes)
{
    hv_vspace s = {0};
    s.used_bytes = used_bytes;
    s.written_bytes = used_bytes;
    return s;
}

int64_t hv_vspace_alloc(const hv_vspace *s)
{
    return s->used_bytes + s->stale_bytes + s->kept_bytes;
}

int64_t hv_vspace_file_bytes(const hv_vspace *s, int64_t block_bytes, int64_t overhead_bytes)
{
    int64_t alloc = hv_vspace_alloc(s);
    int64_t blocks = alloc / block_bytes + (alloc % block_bytes != 0);
    return overhead_bytes + blocks * block_bytes;
}

int64_t hv_vspace_write(hv_vspace *s, int64_t bytes, double reuse, int64_t max_alloc_bytes)
{
    int64_t free_alloc = s->stale_bytes + s->kept_bytes;
    int64_t reused = (int64_t)((double)bytes * reuse + 0.5);
    if (reused > free_alloc) reused = free_alloc;
    if (reused > bytes) reused = bytes;
    int64_t fresh = bytes - reused;
    int64_t room = max_alloc_bytes - hv_vspace_alloc(s);
    if (room < 0) room = 0;
    if (fresh > room) {
        /* The virtual disk has no unallocated blocks left: ext4 must write
         * into free blocks the vhdx already has. */
        fresh = room;
        reused = bytes - fresh;
        if (reused > free_alloc) reused = free_alloc; /* caller broke its promise */
    }
    if (reused > 0) {
        int64_t from_kept =
            (int64_t)((double)reused * ((double)s->kept_bytes / (double)free_alloc) + 0.5);
        if (from_kept > s->kept_bytes) from_kept = s->kept_bytes;
        int64_t from_stale = reused - from_kept;
        if (from_stale > s->stale_bytes) {
            from_kept += from_stale - s->stale_bytes;
            from_stale = s->stale_bytes;
        }
        s->kept_bytes -= from_kept;
        s->stale_bytes -= from_stale;
    }
    s->used_bytes += reused + fresh;
    s->written_bytes += reused + fresh;
    return fresh;
}

int64_t hv_vspace_free(hv_vspace *s, int64_t bytes, int discard, int sparse)
{
    if (bytes > s->used_bytes) bytes = s->used_bytes;
    if (bytes <= 0) return 0;
    s->used_bytes -= bytes;
    s->freed_bytes += bytes;
    if (!discard) {
        s->stale_bytes += bytes;
        return 0;
    }
    if (sparse) return bytes;
    s->kept_bytes += bytes;
    return 0;
}

int64_t hv_vspace_trim(hv_vspace *s, int sparse)
{
    int64_t n = s->stale_bytes;
    s->stale_bytes = 0;
    if (!sparse) s->kept_bytes += n;
    return n;
}

int64_t hv_vspace_compact(hv_vspace *s)
{
    int64_t n = s->kept_bytes;
    s->kept_bytes = 0;
    return n;
}

void hv_vspace_clamp(hv_vspace *s, int64_t max_alloc_bytes)
{
    int64_t over = hv_vspace_alloc(s) - max_alloc_bytes;
    if (over <= 0) return;
    int64_t k = over < s->kept_bytes ? over : s->kept_bytes;
    s->kept_bytes -= k;
    over -= k;
    k = over < s->stale_bytes ? over : s->stale_bytes;
    s->stale_bytes -= k;
}

int hv_vspace_check(const hv_vspace *s)
{
    return s->used_bytes >= 0 && s->stale_bytes >= 0 && s->kept_bytes >= 0 &&
           s->written_bytes >= 0 && s->freed_bytes >= 0 &&
           s->written_bytes - s->freed_bytes == s->used_bytes;
}
