/* input_file.c: non-blocking open, kind check and bounded whole-file reads
 * (see input_file.h). */
#include "input_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *kind_of(mode_t m)
{
    if (S_ISDIR(m)) return "a directory";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

int sim_input_open(const char *path, int flags, int *regular, int64_t *size, char *why,
                   size_t why_cap)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, why_cap, "%s", strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        snprintf(why, why_cap, "%s", strerror(errno));
        close(fd);
        return -1;
    }
    int reg = S_ISREG(st.st_mode);
    int readable = reg || S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode);
    if (!reg && (!readable || flags == SIM_INPUT_REGULAR_ONLY)) {
        snprintf(why, why_cap, "it is %s, not a regular file", kind_of(st.st_mode));
        close(fd);
        return -1;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *regular = reg;
    *size = reg ? (int64_t)st.st_size : -1;
    return fd;
}

int sim_input_read_all(const char *path, int flags, size_t max_bytes, size_t max_stream_bytes,
                       char **out, size_t *out_len, char *why, size_t why_cap)
{
    int regular;
    int64_t size;
    *out = NULL;
    *out_len = 0;
    int fd = sim_input_open(path, flags, &regular, &size, why, why_cap);
    if (fd < 0) return -1;
    if (!regular) max_bytes = max_stream_bytes;
    if (regular && (uint64_t)size > max_bytes) {
        snprintf(why, why_cap, "larger than %zu bytes", max_bytes);
        close(fd);
        return -1;
    }
    /* a regular file's size is only a hint: it may grow while read */
    size_t cap = regular ? (size_t)size + 2 : 65536, len = 0;
    if (cap < 4096) cap = 4096;
    char *buf = NULL;
    int rc = -1;
    for (;;) {
        if (len + 1 >= cap || !buf) {
            size_t ncap = !buf ? cap : cap * 2;
            if (ncap > max_bytes + 2) ncap = max_bytes + 2;
            char *nb = realloc(buf, ncap);
            if (!nb) {
                snprintf(why, why_cap, "out of memory");
                break;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, buf + len, cap - 1 - len);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            snprintf(why, why_cap, "%s", strerror(errno));
            break;
        }
        if (got == 0) {
            buf[len] = '\0';
            *out = buf;
            *out_len = len;
            buf = NULL;
            rc = 0;
            break;
        }
        len += (size_t)got;
        if (len > max_bytes) {
            snprintf(why, why_cap, "more than %zu bytes from %s", max_bytes,
                     regular ? "a file that grows" : "a pipe or device");
            break;
        }
    }
    free(buf);
    close(fd);
    return rc;
}

int sim_skip_utf8_bom(const char **text, size_t *len)
{
    if (*len < 3 || memcmp(*text, "\xEF\xBB\xBF", 3) != 0) return 0;
    *text += 3;
    *len -= 3;
    return 1;
}
