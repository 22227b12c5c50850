/* keys.c: the .wslconfig key table (see keys.h).
 *
 * Sources: Microsoft Learn, "Advanced settings configuration in WSL"
 * (wsl-config.md, the .wslconfig section) for the key names; each
 * parameter's own row in docs/calibration.md for what it models. */
#include "keys.h"

#include <string.h>
#include <strings.h>

#include "diag.h"

#define MAX_KEYS 64

static const wsl_key keys[] = {
    /* simulated: key, model, parameter */
    {"memory", "mem", "memory"},
    {"swap", "mem", "swap"},
    {"processors", "mem", "processors"},
    {"pageReporting", "mem", "page_reporting"},
    {"autoMemoryReclaim", "mem", "auto_memory_reclaim"},
    {"vmIdleTimeout", "uvm", "vm_idle_timeout"},
    {"networkingMode", "vnic", "mode"},
    {"dnsTunneling", "vnic", "dns_tunneling"},
    {"localhostForwarding", "vnic", "localhost_forwarding"},
    {"dnsTunnelingIpAddress", "vnic", "dns_tunnel_ip"},
    {"firewall", "vnic", "firewall"},
    {"defaultVhdSize", "vdisk", "max_size"},
    {"sparseVhd", "vdisk", "sparse"},
    /* real WSL keys that no model simulates */
    {"kernel", NULL, NULL},
    {"kernelModules", NULL, NULL},
    {"kernelCommandLine", NULL, NULL},
    {"safeMode", NULL, NULL},
    {"swapFile", NULL, NULL},
    {"guiApplications", NULL, NULL},
    {"debugConsole", NULL, NULL},
    {"maxCrashDumpCount", NULL, NULL},
    {"nestedVirtualization", NULL, NULL},
    {"autoProxy", NULL, NULL},
    {"dnsProxy", NULL, NULL},
    {"hostAddressLoopback", NULL, NULL},
    {"bestEffortDnsParsing", NULL, NULL},
    {"useWindowsDnsCache", NULL, NULL},
    {"ignoredPorts", NULL, NULL},
    {"initialAutoProxyTimeout", NULL, NULL},
    {"virtio9p", NULL, NULL},
    {"virtiofs", NULL, NULL},
};

/* Values WSL accepts that hvsim only partly simulates: a warning each. */
static const struct { const char *key, *value, *note; } value_notes[] = {
    {"networkingMode", "bridged",
     "networkingMode=bridged is deprecated since WSL 2.4.5 (Docs wsl-config.md) and needs "
     "wsl2.vmSwitch; not simulated: hvsim runs it as nat"},
    {"networkingMode", "virtioproxy",
     "networkingMode=virtioproxy (WSL's user-mode proxy, also named consomme) is not "
     "simulated: hvsim runs it as nat"},
    {"networkingMode", "consomme",
     "networkingMode=consomme (the proxy once named virtioproxy) is not simulated: hvsim runs "
     "it as nat"},
};

const char *wsl_key_value_note(const char *key, const char *value)
{
    for (size_t i = 0; i < sizeof value_notes / sizeof value_notes[0]; i++)
        if (strcasecmp(value_notes[i].key, key) == 0 && strcasecmp(value_notes[i].value, value) == 0)
            return value_notes[i].note;
    return NULL;
}

const wsl_key *wsl_keys(size_t *n)
{
    *n = sizeof keys / sizeof keys[0];
    return keys;
}

/* The registry index of keys[k]'s model and its parameter index; 0 or -1. */
static int resolve(size_t k, const sim_model_ops *const *models, size_t n_models, int *model,
                   int *param)
{
    if (!keys[k].model) return -1;
    for (size_t m = 0; m < n_models; m++) {
        if (strcmp(models[m]->name, keys[k].model) != 0) continue;
        int p = sim_model_find_param(models[m], keys[k].param);
        if (p < 0) return -1;
        *model = (int)m;
        *param = p;
        return 0;
    }
    return -1;
}

wsl_key_kind wsl_key_find(const char *key, const sim_model_ops *const *models, size_t n_models,
                          int *model, int *param)
{
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        if (strcasecmp(keys[k].key, key) != 0) continue;
        return resolve(k, models, n_models, model, param) == 0 ? WSL_KEY_SIMULATED
                                                                : WSL_KEY_NOT_SIMULATED;
    }
    return WSL_KEY_UNKNOWN;
}

const char *wsl_key_of(const char *model, const char *param)
{
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (keys[k].model && strcmp(keys[k].model, model) == 0 &&
            strcmp(keys[k].param, param) == 0)
            return keys[k].key;
    return NULL;
}

const char *wsl_key_did_you_mean(char *buf, size_t cap, const char *word,
                                 const sim_model_ops *const *models, size_t n_models)
{
    const char *names[MAX_KEYS];
    size_t n = 0;
    int m, p;
    for (size_t k = 0; k < sizeof keys / sizeof keys[0] && n < MAX_KEYS; k++)
        if (resolve(k, models, n_models, &m, &p) == 0) names[n++] = keys[k].key;
    return sim_did_you_mean(buf, cap, word, names, n, NULL, NULL);
}
