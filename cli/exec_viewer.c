/* exec_viewer.c: finds hvsim-view beside the running hvsim and execs it
 * (see exec_viewer.h). */
#include "exec_viewer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"

/* Writes "<dir of /proc/self/exe>/hvsim-view" into buf.  0 or -1. */
static int path_beside_self(char *buf, size_t cap)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) return -1;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash) return -1;
    *slash = '\0';
    int w = snprintf(buf, cap, "%s/%s", self, CLI_VIEWER_EXE);
    return w > 0 && (size_t)w < cap ? 0 : -1;
}

int cli_exec_viewer(int argc, char **argv)
{
    char path[4096];
    const char *tried = NULL;
    char **child = calloc((size_t)argc + 1, sizeof *child);
    if (!child) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    for (int i = 1; i < argc; i++) child[i] = argv[i];
    fflush(NULL);
    if (path_beside_self(path, sizeof path) == 0) {
        tried = path;
        child[0] = path;
        execv(path, child);
    }
    const char *env = getenv("HVSIM_VIEW_BIN");
    if (env && env[0]) {
        tried = env;
        child[0] = (char *)env;
        execv(env, child);
    }
    cli_error("'%s' needs the viewer executable %s, which could not be started (%s: %s); it is "
              "built next to hvsim (or set HVSIM_VIEW_BIN to its path)",
              argv[1], CLI_VIEWER_EXE, tried ? tried : "/proc/self/exe", strerror(errno));
    free(child);
    return CLI_EXIT_USAGE;
}
