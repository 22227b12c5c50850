/* release.c: gating on the installed releases (see release.h). */
#include "release.h"

#include "host.h"

const char *const hv_tristate_names[] = {"false", "true", "auto", NULL};

hv_release hv_release_from_news(const sim_event *ev)
{
    hv_release r = {ev->p.w[HV_BOOT_WINDOWS_BUILD], ev->p.w[HV_BOOT_WSL_VERSION],
                    ev->p.w[HV_BOOT_COUNT]};
    return r;
}

int hv_release_at_least(hv_release r, int64_t min_build, int64_t min_version)
{
    if (r.windows_build == 0) return 1;
    return r.windows_build >= min_build && r.wsl_version >= min_version;
}

int hv_tristate_resolve(int64_t v, int release_default)
{
    return v == HV_TRI_AUTO ? release_default : v == HV_TRI_TRUE;
}
