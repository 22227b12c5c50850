/* cmd_compare.c: `hvsim compare WORKLOAD|TRACE [--fs PLACE] [--csv F]
 * [--lenient] [--set PARAM=VALUE]` -- one workload priced on native Linux,
 * WSL2 and WSL1, side by side.
 *
 * WORKLOAD is a canned profile name (scenarios/profiles/NAME.wl) or a .wl
 * file; anything else that exists is read as a `strace -f -tt -T` trace
 * through the importer (import/strace.h).  --fs ext4 puts the workload's
 * own files on each path's Linux file system (ext4, ext4 in the .vhdx,
 * VolFs); --fs /mnt/c on the Windows drive (9P on WSL2, DrvFs on WSL1).
 * The native column is always Linux on its own ext4, the baseline.  Prices
 * come from the "sys" model's parameters (--set changes them, as in a
 * scenario) through hv_cost_price_workload, the same code the model's
 * stage events use.  Prints a table per syscall class, the totals and one
 * sentence on which path wins and why; --csv writes the same table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "atomic_file.h"
#include "commands.h"
#include "common.h"
#include "scenario.h"
#include "units.h"
#include "stages.h"
#include "syscall_cost.h"
#include "syscall_path.h"
#include "workload_load.h"

#define MAX_SETS 64

static const char usage[] =
    "hvsim compare WORKLOAD|TRACE [--fs ext4|/mnt/c] [--csv F] [--lenient] [--set P=V] [--cpu D]";
static const char about[] =
    "Prices one workload on native Linux, WSL2 and WSL1, per syscall class.\n"
    "WORKLOAD: a profile name (scenarios/profiles/NAME.wl) or a .wl file; TRACE: a file\n"
    "written by `strace -f -tt -T [-y] -o FILE cmd`.  --fs ext4 (default) keeps the\n"
    "workload's own files on each path's Linux file system (ext4 / ext4 in the .vhdx /\n"
    "VolFs); --fs /mnt/c puts them on the Windows drive (9P on WSL2, DrvFs on WSL1).\n"
    "The native column is always Linux on its own ext4.";

static const cli_optdef opts[] = {
    {"--fs", "PLACE", "ext4 (default) or /mnt/c: where the workload's own files live"},
    {"--csv", "F", "also write the table as CSV (class,count,native_s,wsl2_s,wsl1_s,...)"},
    {"--lenient", NULL, "skip malformed trace lines (counted) instead of failing"},
    {"--set", "PARAM=VALUE", "change a cost parameter of model sys (hvsim params sys)"},
    {"--cpu", "DURATION",
     "user-mode time outside syscalls (default: the profile's cpu line; 0 for traces)"},
};

typedef struct compare_opts {
    int on_windows;
    const char *csv;
    int lenient;
    const char *sets[MAX_SETS];
    size_t n_sets;
    int64_t cpu_ns; /* -1: from the profile */
} compare_opts;

static int on_opt(void *user, int idx, const char *value)
{
    compare_opts *o = user;
    switch (idx) {
    case 0:
        if (strcmp(value, "ext4") == 0 || strcmp(value, "~") == 0 || strcmp(value, "linux") == 0) {
            o->on_windows = 0;
        } else if (strncmp(value, "/mnt/", 5) == 0 || strcmp(value, "windows") == 0 ||
                   strcmp(value, "mntc") == 0) {
            o->on_windows = 1;
        } else {
            static const char *const places[] = {"ext4", "/mnt/c"};
            cli_report_unknown("file place", value, places, 2);
            return -1;
        }
        return 0;
    case 1: o->csv = value; return 0;
    case 2: o->lenient = 1; return 0;
    case 4: {
        char why[128];
        if (sim_parse_duration(value, &o->cpu_ns, why, sizeof why) != 0 || o->cpu_ns < 0) {
            cli_error("--cpu %s: %s", value, why);
            return -1;
        }
        return 0;
    }
    default:
        if (o->n_sets == MAX_SETS) {
            cli_error("too many --set options (at most %d)", MAX_SETS);
            return -1;
        }
        o->sets[o->n_sets++] = value;
        return 0;
    }
}

/* The sys model's parameters with the --set overrides applied; the cost
 * table lives inside the block.  NULL after reporting an error. */
static void *cost_block(const compare_opts *o)
{
    const sim_model_ops *m = &hv_sys_ops;
    void *block = calloc(1, m->state_size);
    if (!block) {
        cli_error("out of memory");
        return NULL;
    }
    for (size_t i = 0; i < m->n_params; i++)
        sim_model_write_param(m, block, (int)i, m->params[i].def);
    for (size_t k = 0; k < o->n_sets; k++) {
        char name[128];
        const char *eq = strchr(o->sets[k], '=');
        size_t len = eq ? (size_t)(eq - o->sets[k]) : 0;
        if (!eq || len >= sizeof name) {
            cli_error("--set needs PARAM=VALUE, got '%s'", o->sets[k]);
            free(block);
            return NULL;
        }
        memcpy(name, o->sets[k], len);
        name[len] = '\0';
        const char *pname = strncmp(name, "sys.", 4) == 0 ? name + 4 : name;
        int idx = sim_model_find_param(m, pname);
        if (idx < 0) {
            const char *cands[128];
            size_t n = m->n_params < 128 ? m->n_params : 128;
            for (size_t i = 0; i < n; i++) cands[i] = m->params[i].name;
            cli_report_unknown("parameter of model sys", pname, cands, n);
            free(block);
            return NULL;
        }
        const sim_param_def *p = &m->params[idx];
        sim_value v;
        char why[160];
        if (scn_parse_value(eq + 1, p->type, p->enum_names, &v, why, sizeof why) != 0 ||
            (p->type != SIM_T_STRING && sim_value_compare(p->type, v, p->min) < 0) ||
            (p->type != SIM_T_STRING && sim_value_compare(p->type, v, p->max) > 0)) {
            cli_error("--set %s: %s", o->sets[k], why[0] ? why : "value out of range");
            free(block);
            return NULL;
        }
        sim_model_write_param(m, block, idx, v);
    }
    return block;
}

/* The workload through the same loader a scenario uses (workload_load.h). */
static hv_program *load_workload(const char *arg, const compare_opts *o)
{
    sim_diag_list diags;
    sim_diag_list_init(&diags);
    hv_program *p = NULL;
    hv_workload_load(arg, "", o->lenient, &p, &diags);
    cli_print_diags(&diags);
    sim_diag_list_free(&diags);
    return p;
}

/* One line of the table: a class, the user-mode time, or the total. */
typedef struct row {
    const char *name;
    int64_t count;
    int64_t ns[3];   /* native, wsl2, wsl1 */
    int fails;       /* WSL1 fails at this row's calls */
} row;

enum { MAX_ROWS = HV_SYS_CLASS_COUNT + 2 };

/* Rows for every class with calls, "cpu" if any, then "TOTAL". */
static size_t build_rows(const hv_workload *w, const hv_price pr[3], int64_t cpu_ns, row *out)
{
    size_t n = 0;
    int blocker = pr[2].fails ? (int)hv_sys_classify(w->wsl1_blocker, NULL) : -1;
    row total = {"TOTAL", 0, {0, 0, 0}, pr[2].fails};
    for (int k = 0; k < HV_SYS_CLASS_COUNT; k++) {
        if (pr[0].class_calls[k] == 0) continue;
        row r = {hv_sys_class_name((hv_sys_class)k), pr[0].class_calls[k],
                 {pr[0].class_ns[k], pr[1].class_ns[k], pr[2].class_ns[k]}, k == blocker};
        out[n++] = r;
    }
    if (cpu_ns > 0) out[n++] = (row){"cpu", 0, {cpu_ns, cpu_ns, cpu_ns}, 0};
    for (size_t i = 0; i < n; i++) {
        total.count += out[i].count;
        for (int p = 0; p < 3; p++) total.ns[p] += out[i].ns[p];
    }
    out[n++] = total;
    return n;
}

static void fmt_ratio(int64_t a, int64_t b, char *buf, size_t cap)
{
    if (b <= 0) snprintf(buf, cap, "-");
    else snprintf(buf, cap, "%.2fx", (double)a / (double)b);
}

/* The place where class c costs the loser most: its file system there. */
static hv_fs costliest_fs(const hv_cost_table *t, const hv_workload *w, hv_path path, int c,
                          int on_windows)
{
    hv_fs best = HV_FS_NONE;
    int64_t best_ns = -1;
    for (int p = 0; p < HV_PLACE_COUNT; p++) {
        hv_cost_split sp;
        hv_fs fs = hv_fs_for(path, (hv_place)p, (hv_sys_class)c, on_windows);
        hv_cost_price(t, path, fs, (hv_sys_class)c, w->calls[c][p], w->bytes[c][p],
                      w->chunks[c][p], &sp);
        if (sp.total_ns > best_ns) best_ns = sp.total_ns, best = fs;
    }
    return best;
}

static const char *why_slow(hv_path loser, hv_fs fs, int c)
{
    switch (fs) {
    case HV_FS_VOLFS:
        return "translated by lxcore into NTFS calls plus a VolFs metadata (EA) access";
    case HV_FS_DRVFS: return "translated by lxcore into NTFS calls";
    case HV_FS_9P: return "9P round trips across the VM boundary to the Windows host, then NTFS";
    default: break;
    }
    if (loser == HV_PATH_WSL1)
        return c == HV_SYS_PROC ? "WSL1 builds each process as an NT pico process"
                                : "emulated by lxcore on top of NT";
    return c == HV_SYS_IPC || c == HV_SYS_READ || c == HV_SYS_WRITE
               ? "wake-ups across virtual CPUs exit to the hypervisor"
               : "handled in the guest kernel";
}

static void verdict(const hv_cost_table *t, const hv_workload *w, const hv_price pr[3],
                    const row *total, int on_windows)
{
    if (pr[HV_PATH_WSL1].fails) {
        const char *err = "ENOSYS";
        hv_sys_wsl1_unsupported(w->wsl1_blocker, &err);
        printf("verdict: WSL2 wins: WSL1 cannot run this workload -- %s fails with %s (lxcore "
               "has no translation for it), while WSL2 runs a real Linux kernel.\n",
               w->wsl1_blocker, err);
        return;
    }
    hv_path win = total->ns[2] < total->ns[1] ? HV_PATH_WSL1 : HV_PATH_WSL2;
    hv_path lose = win == HV_PATH_WSL1 ? HV_PATH_WSL2 : HV_PATH_WSL1;
    int best = 0;
    int64_t best_d = INT64_MIN, worse = 0; /* worse: sum of the classes the loser loses */
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        int64_t d = pr[lose].class_ns[c] - pr[win].class_ns[c];
        if (d > 0) worse += d;
        if (d > best_d) best_d = d, best = c;
    }
    int64_t n = pr[lose].class_calls[best] ? pr[lose].class_calls[best] : 1;
    hv_fs fs = costliest_fs(t, w, lose, best, on_windows);
    printf("verdict: %s wins, %.1fx faster than %s: %.0f%% of the time it loses is in %s calls, "
           "%s each on %s (%s) vs %s on %s.\n",
           win == HV_PATH_WSL1 ? "WSL1" : "WSL2",
           total->ns[win] ? (double)total->ns[lose] / (double)total->ns[win] : 0.0,
           lose == HV_PATH_WSL1 ? "WSL1" : "WSL2",
           worse > 0 ? 100.0 * (double)best_d / (double)worse : 0.0,
           hv_sys_class_name((hv_sys_class)best), hv_fmt_duration(pr[lose].class_ns[best] / n).s,
           hv_path_name(lose), why_slow(lose, fs, best),
           hv_fmt_duration(pr[win].class_ns[best] / n).s, hv_path_name(win));
}

static void print_table(const hv_workload *w, const hv_price pr[3], const row *rows, size_t n,
                        int on_windows)
{
    printf("workload: %s, %lld calls; own files on %s (native: ext4; wsl2: %s; wsl1: %s)\n",
           w->name, (long long)hv_workload_total(w), on_windows ? "/mnt/c" : "ext4",
           hv_fs_describe(hv_fs_for(HV_PATH_WSL2, HV_PLACE_OWN, HV_SYS_STAT, on_windows))->name,
           hv_fs_describe(hv_fs_for(HV_PATH_WSL1, HV_PLACE_OWN, HV_SYS_STAT, on_windows))->name);
    if (w->skipped) printf("skipped: %lld malformed lines (--lenient)\n", (long long)w->skipped);
    printf("\n%-8s %10s %12s %12s %12s %9s %9s %10s\n", "class", "count", "native", "wsl2",
           "wsl1", "wsl2/nat", "wsl1/nat", "wsl1/wsl2");
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        char r1[16], r2[16], r3[16];
        fmt_ratio(r->ns[1], r->ns[0], r1, sizeof r1);
        fmt_ratio(r->ns[2], r->ns[0], r2, sizeof r2);
        fmt_ratio(r->ns[2], r->ns[1], r3, sizeof r3);
        if (i == n - 1) printf("%.*s\n", 89, "-----------------------------------------------------"
                                             "------------------------------------");
        printf("%-8s %10lld %12s %12s %12s %9s %9s %10s%s\n", r->name, (long long)r->count,
               hv_fmt_duration(r->ns[0]).s, hv_fmt_duration(r->ns[1]).s,
               hv_fmt_duration(r->ns[2]).s, r1, r2, r3, r->fails ? "  (fails on wsl1)" : "");
    }
    printf("\nround trips across the VM boundary (9P/VMBus) on wsl2: %lld; calls whose Linux "
           "semantics the place cannot keep: wsl2 %lld, wsl1 %lld\n",
           (long long)pr[1].messages, (long long)pr[1].inexact, (long long)pr[2].inexact);
}

static int write_csv(const char *path, const hv_workload *w, const row *rows, size_t n)
{
    cli_afile af = {0};
    if (cli_afile_open(&af, path) != 0) {
        cli_error("cannot write '%s'", path);
        return -1;
    }
    const char *err = "";
    if (w->wsl1_blocker[0]) hv_sys_wsl1_unsupported(w->wsl1_blocker, &err);
    fputs("class,count,native_s,wsl2_s,wsl1_s,wsl2_over_native,wsl1_over_native,wsl1_fails\n",
          af.f);
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        char s0[32], s2[32], s1[32];
        cli_format_seconds(r->ns[0], 9, s0, sizeof s0);
        cli_format_seconds(r->ns[1], 9, s2, sizeof s2);
        cli_format_seconds(r->ns[2], 9, s1, sizeof s1);
        fprintf(af.f, "%s,%lld,%s,%s,%s,%.4f,%.4f,%s\n", r->name, (long long)r->count, s0, s2, s1,
                r->ns[0] ? (double)r->ns[1] / (double)r->ns[0] : 0.0,
                r->ns[0] ? (double)r->ns[2] / (double)r->ns[0] : 0.0, r->fails ? err : "");
    }
    if (ferror(af.f) || cli_afile_commit(&af) != 0) {
        cli_afile_abort(&af);
        cli_error("cannot write '%s'", path);
        return -1;
    }
    return 0;
}

int cli_cmd_compare(int argc, char **argv)
{
    compare_opts o = {.cpu_ns = -1};
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    if (!pos) return CLI_EXIT_USAGE;
    int rc = cli_args_parse(argc, argv, 2, opts, SIM_COUNTOF(opts), on_opt, &o, pos, &n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, usage, about, opts, SIM_COUNTOF(opts));
        free(pos);
        return CLI_EXIT_OK;
    }
    if (rc != CLI_ARGS_OK || n_pos != 1) {
        if (rc == CLI_ARGS_OK) cli_error("compare takes one WORKLOAD or TRACE (usage: %s)", usage);
        free(pos);
        return CLI_EXIT_USAGE;
    }
    const char *arg = pos[0];
    free(pos);
    void *block = cost_block(&o);
    if (!block) return CLI_EXIT_USAGE;
    hv_program *prog = load_workload(arg, &o);
    if (!prog) {
        free(block);
        return CLI_EXIT_USAGE;
    }
    const hv_workload *w = &prog->totals;
    int64_t cpu_ns = prog->cpu_ns;
    hv_price pr[3];
    for (int p = 0; p < 3; p++)
        hv_cost_price_workload(hv_sys_costs(block), w, (hv_path)p, o.on_windows, &pr[p]);
    if (o.cpu_ns >= 0) cpu_ns = o.cpu_ns;
    row rows[MAX_ROWS];
    size_t n_rows = build_rows(w, pr, cpu_ns, rows);
    print_table(w, pr, rows, n_rows, o.on_windows);
    if (cpu_ns == 0)
        printf("note: system-call time only; user-mode time between the calls is not in a trace "
               "(strace's own overhead hides it): --cpu DURATION adds it to every path\n");
    verdict(hv_sys_costs(block), w, pr, &rows[n_rows - 1], o.on_windows);
    int out = CLI_EXIT_OK;
    if (o.csv && write_csv(o.csv, w, rows, n_rows) != 0) out = CLI_EXIT_USAGE;
    hv_program_free(prog);
    free(block);
    return out;
}
