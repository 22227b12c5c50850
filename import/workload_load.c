/* workload_load.c: a workload name -> a loaded hv_program (see
 * workload_load.h).  The profile parser and the strace importer do the
 * reading; this file only decides which one a name means and where its
 * file is. */
#include "workload_load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "profiles.h"
#include "program_build.h"
#include "strace.h"

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n > t && strcmp(s + n - t, tail) == 0;
}

/* Where a named file is: dir/name if that exists, else name as given. */
static void locate(const char *name, const char *dir, char *out, size_t cap)
{
    if (name[0] != '/' && dir[0]) {
        snprintf(out, cap, "%s/%s", dir, name);
        if (is_file(out)) return;
    }
    snprintf(out, cap, "%s", name);
}

/* A bare word (no '/', no '.') that names no file: a built-in profile. */
static int is_builtin_name(const char *name, const char *located)
{
    return !strchr(name, '/') && !strchr(name, '.') && !is_file(located);
}

static int out_of_memory(const char *path, sim_diag_list *diags)
{
    sim_diag_add(diags, SIM_SEV_ERROR, path, 0, 0, NULL, "out of memory");
    return -1;
}

static int load_profile(const char *path, hv_program *p, sim_diag_list *diags)
{
    hv_program_init(p, NULL, HV_PROGRAM_PROFILE);
    if (hv_profile_load(path, &p->totals, &p->cpu_ns, diags) != 0) return -1;
    return hv_program_from_totals(p) == 0 ? 0 : out_of_memory(path, diags);
}

static int load_trace(const char *path, int lenient, hv_program *p, sim_diag_list *diags)
{
    hv_strace_stats stats;
    hv_program_init(p, NULL, HV_PROGRAM_TRACE);
    hv_program_build *b = hv_program_build_new(p);
    if (!b) return out_of_memory(path, diags);
    int rc = hv_strace_import_file_to(path, lenient, &p->totals, &stats, diags,
                                      hv_program_build_sink, b);
    if (rc == 0 && hv_program_build_finish(b) != 0) rc = out_of_memory(path, diags);
    hv_program_build_free(b);
    p->trace_span_ns = stats.span_ns;
    p->trace_call_ns = stats.call_time_ns;
    return rc;
}

int hv_workload_load(const char *name, const char *dir, int lenient, hv_program **out,
                     sim_diag_list *diags)
{
    char path[1024];
    int rc;
    *out = NULL;
    if (!dir) dir = "";
    hv_program *p = malloc(sizeof *p);
    if (!p) {
        sim_diag_add(diags, SIM_SEV_ERROR, name, 0, 0, NULL, "out of memory");
        return -1;
    }
    locate(name, dir, path, sizeof path);
    if (is_builtin_name(name, path)) {
        if (hv_profile_resolve(name, path, sizeof path) != 0) {
            const char *s = sim_suggest(name, hv_profile_names, HV_PROFILE_COUNT);
            sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL,
                         "no such workload '%s'%s%s%s (built-in: scenarios/profiles/*.wl; or "
                         "a .wl file or a strace trace)",
                         name, s ? "; did you mean '" : "", s ? s : "", s ? "'?" : "");
            free(p);
            return -1;
        }
        rc = load_profile(path, p, diags);
    } else {
        if (!is_file(path)) {
            sim_diag_add(diags, SIM_SEV_ERROR, "", 0, 0, NULL,
                         "no such workload file '%s' (a .wl profile or a strace trace)", name);
            free(p);
            return -1;
        }
        rc = ends_with(path, ".wl") ? load_profile(path, p, diags)
                                    : load_trace(path, lenient, p, diags);
    }
    if (rc != 0) {
        hv_program_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

sim_shared *hv_workload_load_shared(void *user, const char *kind, const char *name,
                                    const char *dir, char *why, size_t why_cap)
{
    (void)user;
    if (strcmp(kind, "workload") != 0) {
        snprintf(why, why_cap, "cannot load '%s': unknown kind of data '%s'", name, kind);
        return NULL;
    }
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    hv_program *p = NULL;
    if (hv_workload_load(name, dir, 0, &p, &diags) != 0) {
        const sim_diag *d = diags.len > 0 ? &diags.items[0] : NULL;
        if (!d)
            snprintf(why, why_cap, "cannot load workload '%s'", name);
        else if (d->file[0])
            snprintf(why, why_cap, "workload '%s': %s:%d:%d: %s", name, d->file, d->line, d->col,
                     d->msg);
        else
            snprintf(why, why_cap, "%s", d->msg);
        sim_diag_list_free(&diags);
        return NULL;
    }
    sim_diag_list_free(&diags);
    return sim_shared_new(p, hv_program_free);
}
