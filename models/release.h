/* release.h: which Windows and which WSL are installed, for models whose
 * behaviour changed over time.
 *
 * The host model owns the two numbers (host.windows_build, host.wsl_version)
 * and sends them as boot news (hv_host_subscribe_boot) at time 0 and after
 * every reboot.  A model keeps the news in its state (hv_release) and asks
 * hv_release_at_least whether a feature exists on this machine; the feature's
 * first build and release are parameters of the model that uses them, each
 * with its source in docs/calibration.md.
 *
 * Settings whose default changed between releases (dnsTunneling, firewall,
 * autoMemoryReclaim) take the value `auto`: "what the installed release does
 * when .wslconfig says nothing".  hv_tristate_names is the shared enum for
 * such booleans. */
#ifndef HVSIM_MODELS_RELEASE_H
#define HVSIM_MODELS_RELEASE_H

#include <stdint.h>

#include "event.h"

typedef struct hv_release {
    int64_t windows_build; /* 0 until the boot news arrived */
    int64_t wsl_version;   /* SIM_T_VERSION */
    int64_t boots;         /* Windows boots so far; > 1 after a reboot */
} hv_release;

/* The boot news carried by a host event (see host.h, HV_BOOT_*). */
hv_release hv_release_from_news(const sim_event *ev);

/* 1 if the machine has at least this Windows build and this WSL release.
 * Before the news arrived (windows_build 0) the answer is 1: the current
 * defaults apply. */
int hv_release_at_least(hv_release r, int64_t min_build, int64_t min_version);

/* "false", "true", "auto": a boolean setting whose default follows the
 * installed release. */
enum { HV_TRI_FALSE, HV_TRI_TRUE, HV_TRI_AUTO };
extern const char *const hv_tristate_names[];

/* The setting in force: v itself, or release_default when v is auto. */
int hv_tristate_resolve(int64_t v, int release_default);

#endif
