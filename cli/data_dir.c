/* data_dir.c: the data roots and scenario look-up (see data_dir.h).  The
 * executable's own path comes from /proc/self/exe (Linux). */
#include "data_dir.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef HVSIM_SOURCE_DIR
#define HVSIM_SOURCE_DIR "."
#endif

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* <dir of the executable>/../share/hvsim, or "" if unknown. */
static void installed_root(char *out, size_t cap)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    out[0] = '\0';
    if (n <= 0) return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return;
    *slash = '\0';
    if (snprintf(out, cap, "%s/../share/hvsim", exe) >= (int)cap) out[0] = '\0'; /* too long: unknown */
}

int cli_data_root(int i, char *out, size_t cap)
{
    char cand[3][4096];
    const char *env = getenv("HVSIM_DATA_DIR");
    snprintf(cand[0], sizeof cand[0], "%s", env ? env : "");
    installed_root(cand[1], sizeof cand[1]);
    snprintf(cand[2], sizeof cand[2], "%s", HVSIM_SOURCE_DIR);
    int seen = 0;
    for (int k = 0; k < 3; k++) {
        char scen[4200];
        if (!cand[k][0]) continue;
        if (snprintf(scen, sizeof scen, "%s/scenarios", cand[k]) >= (int)sizeof scen) continue;
        if (!is_dir(scen)) continue;
        if (seen++ == i) {
            snprintf(out, cap, "%s", cand[k]);
            return 0;
        }
    }
    return -1;
}

int cli_find_scenario(const char *arg, char *out, size_t cap)
{
    snprintf(out, cap, "%s", arg);
    if (is_file(arg) || arg[0] == '/' || arg[0] == '\0') return is_file(arg) ? 0 : -1;
    size_t n = strlen(arg);
    int has_ext = n > 4 && strcmp(arg + n - 4, ".hvs") == 0;
    char root[4096], path[8400];
    for (int i = 0; cli_data_root(i, root, sizeof root) == 0; i++) {
        const char *forms[] = {"%s/%s%s", "%s/scenarios/%s%s", "%s/scenarios/%s%s"};
        const char *ext[] = {"", "", has_ext ? NULL : ".hvs"};
        for (int f = 0; f < 3; f++) {
            if (!ext[f]) continue;
            snprintf(path, sizeof path, forms[f], root, arg, ext[f]);
            if (is_file(path)) {
                snprintf(out, cap, "%s", path);
                return 0;
            }
        }
    }
    snprintf(out, cap, "%s", arg);
    return -1;
}

int cli_scenarios_dir(char *out, size_t cap)
{
    char root[4096];
    if (is_dir("scenarios")) {
        snprintf(out, cap, "scenarios");
        return 0;
    }
    if (cli_data_root(0, root, sizeof root) != 0) return -1;
    snprintf(out, cap, "%s/scenarios", root);
    return 0;
}

void cli_data_export(void)
{
    char root[4096];
    if (getenv("HVSIM_DATA_DIR")) return;
    if (cli_data_root(0, root, sizeof root) == 0) setenv("HVSIM_DATA_DIR", root, 0);
}
