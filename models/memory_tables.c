/* memory_tables.c: the parameters, actions and metrics of model "mem"
 * (behaviour in memory.c).  Every default names its source key in
 * docs/calibration.md; docs/memory.md tells the story behind each. */
#include <stddef.h>

#include "memory_int.h"

static const char *const mem_kinds[] = {
    "vm_start", "vm_stop", "alloc", "free", "cache", "build", "drop_caches", "edit",
    "build_step", "poll", "report", "host_ledger", "pressure_begin", "pressure_end", "oom_kill",
    "boot_news"};

const char *const hv_mem_reclaim_names[] = {"disabled", "gradual", "dropCache", "auto", NULL};
static const char *const build_names[] = {"current", "build20175", "build19028", NULL};
static const char *const timing_names[] = {"shipped", "newest", NULL};

#define OFF(f) offsetof(mem_state, f)
#define P_BYTES(nm, f, dflt, lo, d, src)                                                    \
    {.name = nm, .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = dflt}, .min = {.i = lo}, \
     .max = {.i = 4 * SIM_TiB}, .offset = OFF(f), .doc = d, .source = src}
#define P_DUR(nm, f, dflt, d, src)                                                          \
    {.name = nm, .type = SIM_T_DURATION, .unit = "ns", .def = {.i = dflt}, .min = {.i = SIM_MS}, \
     .max = {.i = 24 * SIM_H}, .offset = OFF(f), .doc = d, .source = src}
#define P_RATIO(nm, f, dflt, d, src)                                                        \
    {.name = nm, .type = SIM_T_RATIO, .unit = "ratio", .def = {.r = dflt}, .min = {.r = 0.0}, \
     .max = {.r = 1.0}, .offset = OFF(f), .doc = d, .source = src}
#define P_ENUM(nm, f, dflt, names, hi, d, src)                                              \
    {.name = nm, .type = SIM_T_ENUM, .unit = "", .def = {.i = dflt}, .min = {.i = 0},        \
     .max = {.i = hi}, .enum_names = names, .offset = OFF(f), .doc = d, .source = src}

static const sim_value_word memory_words[] = {{0, "auto"}, {0, NULL}};
static const sim_value_word swap_words[] = {{-1, "auto"}, {0, "none"}, {0, NULL}};
static const sim_value_word processors_words[] = {{0, "all"}, {0, NULL}};

#define P_ENUM_INIT(nm, f, dflt, names, hi, d, src)                                         \
    {.name = nm, .type = SIM_T_ENUM, .unit = "", .def = {.i = dflt}, .min = {.i = 0},        \
     .max = {.i = hi}, .enum_names = names, .offset = OFF(f), .doc = d, .source = src,       \
     .when = SIM_PARAM_AT_INIT}

static const sim_param_def mem_params[] = {
    /* The .wslconfig settings are copied into the configured state at init
     * and into the VM at each start; a change during a run goes through the
     * action mem.configure, so as parameters they are read once. */
    {.name = "memory", .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = 0}, .min = {.i = 0},
     .max = {.i = 4 * SIM_TiB}, .offset = OFF(memory_bytes),
     .doc = "the VM's memory size; 0 (auto) = the default rule of wsl_build",
     .source = "mem.memory", .words = memory_words, .when = SIM_PARAM_AT_INIT},
    {.name = "swap", .type = SIM_T_BYTES, .unit = "bytes", .def = {.i = -1}, .min = {.i = -1},
     .max = {.i = 4 * SIM_TiB}, .offset = OFF(swap_bytes),
     .doc = "swap file size; 0 = none; -1 (auto) = 25% of memory rounded up to a whole GB",
     .source = "mem.swap", .words = swap_words, .when = SIM_PARAM_AT_INIT},
    {.name = "processors", .type = SIM_T_COUNT, .unit = "", .def = {.i = 0}, .min = {.i = 0},
     .max = {.i = 1024}, .offset = OFF(processors),
     .doc = "logical processors of the VM; 0 (all) = all of the host's", .source = "mem.processors",
     .words = processors_words, .when = SIM_PARAM_AT_INIT},
    P_ENUM_INIT("auto_memory_reclaim", reclaim, HV_MEM_RECLAIM_AUTO, hv_mem_reclaim_names, 3,
           "[experimental] disabled, gradual, dropCache; auto = the installed release's default",
           "mem.auto_memory_reclaim"),
    {.name = "page_reporting", .type = SIM_T_BOOL, .unit = "", .def = {.i = 1}, .min = {.i = 0},
     .max = {.i = 1}, .offset = OFF(page_reporting),
     .doc = "free page reporting: freed guest memory goes back to Windows",
     .source = "mem.page_reporting", .when = SIM_PARAM_AT_INIT},
    P_ENUM("wsl_build", wsl_build, HV_MEM_BUILD_CURRENT, build_names, 2,
           "what-if: default-memory rule of current WSL (50%), build 20175 (min(50%, 8GB)) "
           "or build 19028 (80%)", "mem.wsl_build"),
    P_RATIO("share_current", share_current, 0.5, "default memory: share of host RAM (current)",
            "mem.share_current"),
    P_RATIO("share_20175", share_20175, 0.5, "default memory: share of host RAM (build 20175)",
            "mem.share_20175"),
    P_BYTES("cap_20175", cap_20175_bytes, 8 * SIM_GiB, SIM_MiB,
            "default memory: at most this much (build 20175)", "mem.cap_20175"),
    P_RATIO("share_19028", share_19028, 0.8, "default memory: share of host RAM (build 19028)",
            "mem.share_19028"),
    P_BYTES("min_memory", min_memory_bytes, 256 * SIM_MiB, SIM_MiB,
            "the smallest VM WSL starts", "mem.min_memory"),
    P_RATIO("swap_share", swap_share, 0.25, "default swap: share of the VM's memory",
            "mem.swap_share"),
    P_BYTES("swap_round", swap_round_bytes, SIM_GiB, SIM_MiB,
            "default swap is rounded up to a multiple of this", "mem.swap_round"),
    P_DUR("report_delay", report_delay_ns, 2 * SIM_S,
          "free page reporting runs this long after pages are freed", "mem.report_delay"),
    P_BYTES("report_block", report_block_bytes, 0, 0,
            "free page reporting hands back whole blocks of this size; 0 = the build's rule",
            "mem.report_block"),
    P_BYTES("report_block_small", report_block_small_bytes, 128 * SIM_KiB, 4 * SIM_KiB,
            "reporting block on builds with the VID fix", "mem.report_block_small"),
    P_BYTES("report_block_large", report_block_large_bytes, 2 * SIM_MiB, 4 * SIM_KiB,
            "reporting block on older builds", "mem.report_block_large"),
    {.name = "small_report_min_build", .type = SIM_T_COUNT, .unit = "", .def = {.i = 26100},
     .min = {.i = 0}, .max = {.i = 99999}, .offset = OFF(small_report_min_build),
     .doc = "Windows builds from this one report free memory in small blocks",
     .source = "mem.small_report_min_build"},
    {.name = "reclaim_since", .type = SIM_T_VERSION, .unit = "", .def = {.i = SIM_VERSION(2, 0, 0)},
     .min = {.i = 0}, .max = {.i = SIM_VERSION(99, 0, 0)}, .offset = OFF(reclaim_since),
     .doc = "autoMemoryReclaim exists since this WSL release", .source = "mem.reclaim_since"},
    {.name = "reclaim_default_since", .type = SIM_T_VERSION, .unit = "",
     .def = {.i = SIM_VERSION(2, 2, 1)}, .min = {.i = 0}, .max = {.i = SIM_VERSION(99, 0, 0)},
     .offset = OFF(reclaim_default_since),
     .doc = "dropCache is the default since this WSL release (disabled before)",
     .source = "mem.reclaim_default_since"},
    P_ENUM("reclaim_timing", timing, HV_MEM_TIMING_SHIPPED, timing_names, 1,
           "autoMemoryReclaim timings: shipped 2.x builds or the newest code", "mem.reclaim_timing"),
    P_DUR("shipped_poll", shipped_poll_ns, 30 * SIM_S, "shipped: reclaim poll period",
          "mem.shipped_poll"),
    P_DUR("shipped_drop_idle", shipped_drop_idle_ns, 10 * SIM_MIN,
          "shipped: dropCache waits for this much idle time", "mem.shipped_drop_idle"),
    P_DUR("shipped_gradual_idle", shipped_gradual_idle_ns, 3 * SIM_MIN,
          "shipped: gradual waits for this much idle time", "mem.shipped_gradual_idle"),
    P_RATIO("shipped_gradual_step", shipped_gradual_step, 0.03,
            "shipped: gradual reclaims this share of in-use memory per poll",
            "mem.shipped_gradual_step"),
    P_BYTES("shipped_gradual_low", shipped_gradual_low_bytes, SIM_GiB, 0,
            "shipped: gradual stops below this much in use", "mem.shipped_gradual_low"),
    P_BYTES("shipped_gradual_high", shipped_gradual_high_bytes, 1126 * SIM_MiB, 0,
            "shipped: gradual resumes above this much in use (1.1 GB)", "mem.shipped_gradual_high"),
    P_DUR("newest_poll", newest_poll_ns, 10 * SIM_S, "newest: reclaim poll period",
          "mem.newest_poll"),
    P_DUR("newest_idle", newest_idle_ns, 2 * SIM_MIN, "newest: idle window of both modes",
          "mem.newest_idle"),
    P_BYTES("newest_cache_floor", newest_cache_floor_bytes, 128 * SIM_MiB, 0,
            "newest: page cache left after reclaim", "mem.newest_cache_floor"),
    {.name = "newest_step_divisor", .type = SIM_T_COUNT, .unit = "", .def = {.i = 32},
     .min = {.i = 1}, .max = {.i = 4096}, .offset = OFF(newest_step_divisor),
     .doc = "newest: gradual step = VM memory / this", .source = "mem.newest_step_divisor"},
    P_BYTES("newest_step_min", newest_step_min_bytes, 256 * SIM_MiB, 0,
            "newest: gradual step at least this", "mem.newest_step_min"),
    P_BYTES("newest_step_max", newest_step_max_bytes, SIM_GiB, 0,
            "newest: gradual step at most this", "mem.newest_step_max"),
    P_DUR("build_slice", build_slice_ns, 10 * SIM_S,
          "modelling: a build's memory grows in slices this long", "mem.build_slice"),
};

/* --- actions ---------------------------------------------------------------- */

#define A_BYTES(nm, req, dflt, lo, d)                                                      \
    {.name = nm, .type = SIM_T_BYTES, .required = req, .def = {.i = dflt}, .min = {.i = lo}, \
     .max = {.i = 64 * SIM_TiB}, .doc = d}
#define A_NAME {.name = "name", .type = SIM_T_STRING, .required = 1, .doc = "the process"}

static const sim_arg_def alloc_args[] = {
    [HV_MEM_ARG_NAME] = A_NAME, [HV_MEM_ARG_SIZE] = A_BYTES("size", 1, 0, 0, "anonymous memory")};
static const sim_arg_def free_args[] = {
    [HV_MEM_ARG_NAME] = A_NAME,
    [HV_MEM_ARG_SIZE] = A_BYTES("size", 0, 0, 0, "how much it frees; 0 (default): it exits, freeing all")};
static const sim_arg_def cache_args[] = {
    [HV_MEM_CACHE_SIZE] = A_BYTES("size", 1, 0, 0, "bytes of files read")};
static const sim_arg_def build_args[] = {
    [HV_MEM_BUILD_NAME] = A_NAME,
    [HV_MEM_BUILD_ANON] = A_BYTES("anon", 1, 0, 0, "anonymous memory at the peak (compilers, linker)"),
    [HV_MEM_BUILD_CACHE] = A_BYTES("cache", 0, 0, 0, "files read through the page cache (sources, objects)"),
    [HV_MEM_BUILD_DURATION] = {.name = "duration", .type = SIM_T_DURATION, .required = 1, .min = {.i = SIM_MS},
     .max = {.i = 24 * SIM_H}, .doc = "how long it runs; it exits at the end"},
};
static const sim_arg_def edit_args[] = {
    A_BYTES("memory", 0, -1, 0, "new `memory` (0 = default rule); omitted: unchanged"),
    A_BYTES("swap", 0, -1, 0, "new `swap` (0 = none); omitted: unchanged"),
    {.name = "processors", .type = SIM_T_COUNT, .required = 0, .def = {.i = -1},
     .min = {.i = 0}, .max = {.i = 1024}, .doc = "new `processors`; omitted: unchanged"},
    {.name = "reclaim", .type = SIM_T_ENUM, .required = 0, .def = {.i = -1},
     .enum_names = hv_mem_reclaim_names, .doc = "new `autoMemoryReclaim` (auto: the release's default); omitted: unchanged"},
    {.name = "page_reporting", .type = SIM_T_BOOL, .required = 0, .def = {.i = -1},
     .doc = "new `pageReporting`; omitted: unchanged"},
};

static const sim_action_def mem_actions[] = {
    {.name = "alloc", .kind = HV_MEM_ALLOC, .args = alloc_args, .n_args = 2,
     .doc = "a process allocates anonymous memory (it starts if new)"},
    {.name = "free", .kind = HV_MEM_FREE, .args = free_args, .n_args = 2,
     .doc = "a process frees memory, or exits"},
    {.name = "cache", .kind = HV_MEM_CACHE, .args = cache_args, .n_args = 1,
     .doc = "files are read: the page cache grows"},
    {.name = "build", .kind = HV_MEM_BUILD, .args = build_args, .n_args = 4,
     .doc = "a build: anon and cache grow over its duration, then it exits"},
    {.name = "drop_caches", .kind = HV_MEM_DROP_CACHES,
     .doc = "echo 1 > /proc/sys/vm/drop_caches"},
    {.name = "edit", .kind = HV_MEM_EDIT, .args = edit_args, .n_args = 5,
     .doc = "edit .wslconfig: takes effect when the VM next starts"},
};

/* --- metrics ---------------------------------------------------------------- */

#define M_BYTES(nm, f, d) {.name = nm, .type = SIM_T_BYTES, .unit = "bytes", .offset = OFF(f), .doc = d}
#define M_COUNT(nm, f, d) {.name = nm, .type = SIM_T_COUNT, .unit = "", .offset = OFF(f), .doc = d}
#define M_BOOL(nm, f, d) {.name = nm, .type = SIM_T_BOOL, .unit = "", .offset = OFF(f), .doc = d}

static const sim_metric_def mem_metrics[] = {
    M_BOOL("vm_running", running, "the VM is running"),
    M_BYTES("cap", cap_bytes, "the VM's memory size in force"),
    M_BYTES("swap_size", swap_size_bytes, "swap size in force"),
    M_COUNT("cpus", vm_processors, "the VM's logical processors in force"),
    {.name = "reclaim_mode", .type = SIM_T_ENUM, .unit = "", .offset = OFF(reclaim_mode),
     .enum_names = hv_mem_reclaim_names, .doc = "autoMemoryReclaim in force"},
    M_BOOL("page_reporting", reporting, "free page reporting in force"),
    M_BYTES("report_block", report_block_in_force, "free page reporting's block size in force"),
    M_BOOL("pending_restart", pending_restart, ".wslconfig was edited: applies at the next start"),
    M_BYTES("anon", anon_bytes, "anonymous memory of processes, in RAM"),
    M_BYTES("swap_used", swap_used_bytes, "anonymous memory in swap"),
    M_BYTES("cache", cache_bytes, "page cache"),
    M_BYTES("unreported", unreported_bytes, "free in the guest, still held on the host"),
    M_BYTES("guest_free", guest_free_bytes, "cap - anon - cache"),
    M_BYTES("host_share", host_bytes, "held on the host above the idle footprint"),
    M_BYTES("peak_host_share", peak_host_bytes, "largest host_share so far"),
    M_COUNT("tasks", processes, "processes holding memory"),
    M_COUNT("oom_kills", oom_kills, "processes ended by the OOM killer"),
    M_BYTES("oom_freed", oom_freed_bytes, "memory of the processes the OOM killer ended"),
    M_BYTES("reclaimed", reclaimed_bytes, "page cache dropped by reclaim or drop_caches"),
    M_BYTES("reported", reported_bytes, "handed back to Windows by free page reporting"),
    M_BOOL("host_pressure", host_pressure, "Windows + VMs want more than the host's RAM"),
    M_BYTES("shortfall", shortfall_bytes, "how much more than the RAM they want"),
    M_BYTES("peak_shortfall", peak_shortfall_bytes, "largest shortfall so far"),
    M_COUNT("pressure_episodes", pressure_episodes, "times host pressure began"),
};


/* Drawn inside the utility VM: the guest's memory against its cap, what
 * Vmmem grew on the host, and the alarm when Windows is squeezed. */
static const sim_view_seg mem_cap_segs[] = {
    {.metric = "anon", .label = "programs", .style = SIM_STYLE_SOLID},
    {.metric = "cache", .label = "page cache", .style = SIM_STYLE_HATCHED},
    {.metric = NULL, .label = "free of cap", .style = SIM_STYLE_EMPTY},
};
static const sim_view_bar mem_bars[] = {
    {.total = "cap", .segs = mem_cap_segs, .n_segs = SIM_COUNTOF(mem_cap_segs)},
};
static const sim_view_item mem_items[] = {
    {.metric = "host_share", .label = "Vmmem grew"},
    {.metric = "reclaim_mode", .label = "reclaim"},
    {.metric = "swap_used", .label = "swap used"},
    {.metric = "oom_kills", .label = "OOM kills"},
};
static const sim_view_badge mem_badges[] = {
    {.metric = "host_pressure", .min = 1, .max = 1, .text = "HOST UNDER PRESSURE", .alert = 1},
    {.metric = "vm_running", .min = 0, .max = 0, .text = "no VM running",
     .note = "no guest memory while the VM is off", .hides_body = 1},
};
static const sim_view_def mem_view = {
    .title = "guest memory",
    .place = SIM_PLACE_INSIDE,
    .parent = "uvm",
    .bars = mem_bars, .n_bars = SIM_COUNTOF(mem_bars),
    .items = mem_items, .n_items = SIM_COUNTOF(mem_items),
    .badges = mem_badges, .n_badges = SIM_COUNTOF(mem_badges),
};
const sim_model_ops hv_mem_ops = {
    .version = SIM_MODEL_ABI_VERSION,
    .name = HV_MEM_NAME,
    .doc = "the utility VM's dynamic memory: cap, page cache, swap, OOM, reclaim, host pressure",
    .state_size = sizeof(mem_state),
    .params = mem_params, .n_params = SIM_COUNTOF(mem_params),
    .actions = mem_actions, .n_actions = SIM_COUNTOF(mem_actions),
    .metrics = mem_metrics, .n_metrics = SIM_COUNTOF(mem_metrics),
    .event_kinds = mem_kinds, .n_event_kinds = HV_MEM_KIND_COUNT,
    .init = hv_mem_init,
    .handle_event = hv_mem_handle,
    .snapshot = hv_mem_snapshot,
    .view = &mem_view,
};
