/* cmd_compare.c: `hvsim compare WORKLOAD|TRACE [--fs PLACE] [--csv F]
 * [--lenient] [--set PARAM=VALUE] [--keep-strace-overhead]` -- one workload
 * replayed on native Linux, WSL2 and WSL1, side by side.
 *
 * WORKLOAD is a built-in profile name, a .wl file or a `strace -f -tt -T`
 * trace (import/workload_load.h, the same names a scenario takes).  Each
 * path is its own deterministic run through the kernel: an engine with the
 * "sys" model replays the workload's processes (models/replay.h) and the
 * answer is the simulated wall time.  Per path it prints wall time, user
 * time, system-call time by stage and by class, time blocked, time queued
 * for a CPU and for the 9P server, and round trips across the VM boundary;
 * for a trace also what the trace measured (its span and the sum of -T)
 * and a self-check: a native replay with strace's overhead kept, against
 * the trace's own span.  The utility VM is taken as running (its start is
 * the uvm model's business: scenarios/boot-race.hvs).  --csv writes one
 * row per class, then cpu, blocked and WALL, with the trace's own figures
 * in trace_s. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "atomic_file.h"
#include "commands.h"
#include "common.h"
#include "output_set.h"
#include "scenario.h"
#include "units.h"
#include "stages.h"
#include "syscall_cost.h"
#include "syscall_path.h"
#include "workload_load.h"

#define MAX_SETS 64

static const char usage[] = "hvsim compare WORKLOAD|TRACE [--fs ext4|/mnt/c] [--csv F] "
                            "[--lenient] [--set P=V] [--keep-strace-overhead]";
static const char about[] =
    "Replays one workload as processes on native Linux, WSL2 and WSL1 and compares the\n"
    "simulated wall time.  WORKLOAD: a built-in profile name (scenarios/profiles/NAME.wl)\n"
    "or a .wl file; TRACE: a file written by `strace -f -tt -T [-y] -o FILE cmd`.\n"
    "--fs ext4 (default) keeps the workload's own files on each path's Linux file system\n"
    "(ext4 / ext4 in the .vhdx / VolFs); --fs /mnt/c puts them on the Windows drive (9P on\n"
    "WSL2, DrvFs on WSL1).  The native column is always Linux on its own ext4.\n"
    "\n"
    "Rows: wall (what a stopwatch shows), user (user-mode code between the calls, the\n"
    "same work on every path), syscalls (time inside calls, split by stage: syscall;\n"
    "guest_kernel, vmbus, host; trap, intercept, translate, nt_execute, map_back),\n"
    "blocked (threads waiting for children, pipes or the outside), queued for a CPU or\n"
    "for the 9P server, and boundary round trips.  Classes: trivial (getpid ...), read,\n"
    "write, open, close, stat (stat, access, readlink), dir (getdents), mem (mmap, brk),\n"
    "proc (fork, exec, wait), ipc (pipes, sockets, poll), futex, meta (chmod, utimes),\n"
    "name (unlink, rename, mkdir), ns (namespaces, mount, cgroups), other.\n"
    "Verdict: \"about the same\" when WSL1 and WSL2 are within 10% of each other.";

static const cli_optdef opts[] = {
    {"--fs", "PLACE", "ext4 (default) or /mnt/c: where the workload's own files live"},
    {"--csv", "F", "also write the table as CSV (class,count,native_s,wsl2_s,wsl1_s,...,trace_s)"},
    {"--lenient", NULL, "skip malformed trace lines (counted) instead of failing"},
    {"--set", "PARAM=VALUE", "change a parameter of model sys (hvsim params sys)"},
    {"--keep-strace-overhead", NULL,
     "replay a trace as traced, strace's own overhead kept (as in the self-check)"},
};

typedef struct compare_opts {
    int on_windows;
    char place[16];     /* as the summary names it: "ext4", "/mnt/c", "/mnt/d" */
    const char *csv;
    int lenient;
    const char *sets[MAX_SETS];
    size_t n_sets;
    int keep_overhead;
} compare_opts;

static int on_opt(void *user, int idx, const char *value)
{
    compare_opts *o = user;
    switch (idx) {
    case 0:
        if (strcmp(value, "ext4") == 0 || strcmp(value, "~") == 0 || strcmp(value, "linux") == 0) {
            o->on_windows = 0;
            snprintf(o->place, sizeof o->place, "ext4");
        } else if (strcmp(value, "windows") == 0 || strcmp(value, "mntc") == 0) {
            o->on_windows = 1;
            snprintf(o->place, sizeof o->place, "/mnt/c");
        } else if (strncmp(value, "/mnt/", 5) == 0 && value[5] >= 'a' && value[5] <= 'z' &&
                   (value[6] == '\0' || value[6] == '/')) {
            /* any drive letter: every Windows drive is reached the same way */
            o->on_windows = 1;
            snprintf(o->place, sizeof o->place, "/mnt/%c", value[5]);
        } else {
            static const char *const places[] = {"ext4", "/mnt/c"};
            cli_report_unknown("file place for --fs", value, places, 2);
            fputs("hvsim: the choices: ext4 (or ~, linux): the distro's own disk (the ext4.vhdx);\n"
                  "hvsim:   /mnt/c (or /mnt/d ..., windows): a Windows drive, through 9P on WSL2 "
                  "and DrvFs on WSL1\n",
                  stderr);
            return -1;
        }
        return 0;
    case 1: o->csv = value; return 0;
    case 2: o->lenient = 1; return 0;
    case 4: o->keep_overhead = 1; return 0;
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
    size_t n = strlen(arg);
    int is_profile = (n > 3 && strcmp(arg + n - 3, ".wl") == 0) || (!strchr(arg, '/') && !strchr(arg, '.'));
    if (!p && !o->lenient && diags.n_errors > 0 && !is_profile && access(arg, R_OK) == 0)
        fputs("hvsim: note: to read a trace with malformed lines anyway, add --lenient "
              "(they are skipped and counted)\n",
              stderr);
    sim_diag_list_free(&diags);
    return p;
}

enum { N_PATHS = 3 }; /* native, wsl2, wsl1 */

/* One path's replay: an engine with the sys model, the workload as shared
 * block 0, the --set parameters, one sys.run; its figures in *out. */
static void replay(const void *params, sim_shared *prog, hv_path path, int on_windows, int keep,
                   hv_rp_stats *out)
{
    const sim_model_ops *m = &hv_sys_ops;
    sim_engine *eng = sim_engine_new(1);
    int id = eng ? sim_engine_add_model(eng, m, 0) : -1;
    if (id < 0 || sim_engine_add_shared(eng, prog) != 0) {
        memset(out, 0, sizeof *out);
        out->failed = 2;
        sim_engine_free(eng);
        return;
    }
    for (size_t i = 0; i < m->n_params; i++)
        sim_engine_set_param(eng, id, (int)i, sim_model_read_param(m, params, (int)i));
    int k = sim_model_find_param(m, "keep_strace_overhead");
    sim_engine_set_param(eng, id, k, (sim_value){.i = keep});
    sim_engine_start(eng);
    sim_payload p = {{0, path, on_windows ? 1 : 0}}; /* fs: ext4 or mntc */
    sim_engine_schedule_at(eng, 0, 0, id, HV_SYSP_RUN, &p);
    sim_engine_run(eng);
    *out = *hv_sys_path_stats(sim_engine_model_state(eng, id), path);
    sim_engine_free(eng);
}

/* A row of the class table and the CSV. */
typedef struct row {
    const char *name;
    int64_t count;
    int64_t ns[N_PATHS];
    int64_t trace_ns; /* the trace's own figure, -1 none */
    int fails;        /* WSL1 fails at this row's calls */
} row;

enum { MAX_ROWS = HV_SYS_CLASS_COUNT + 3 };

static size_t build_rows(const hv_program *prog, const hv_rp_stats st[N_PATHS], row *out)
{
    int64_t traced[HV_SYS_CLASS_COUNT] = {0}, gaps = 0;
    for (int32_t i = 0; i < prog->n_calls; i++) {
        traced[prog->calls[i].cls] += prog->calls[i].traced_ns;
        gaps += prog->calls[i].gap_ns;
    }
    int is_trace = prog->source == HV_PROGRAM_TRACE;
    int blocker = st[2].failed == 1 ? (int)hv_sys_classify(prog->totals.wsl1_blocker, NULL) : -1;
    size_t n = 0;
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        int64_t calls = 0;
        for (int pl = 0; pl < HV_PLACE_COUNT; pl++) calls += prog->totals.calls[c][pl];
        if (calls == 0) continue;
        out[n++] = (row){hv_sys_class_name((hv_sys_class)c), calls,
                         {st[0].class_ns[c], st[1].class_ns[c], st[2].class_ns[c]},
                         is_trace ? traced[c] : -1, c == blocker};
    }
    out[n++] = (row){"cpu", 0, {st[0].user_ns, st[1].user_ns, st[2].user_ns},
                     is_trace ? gaps : -1, 0};
    out[n++] = (row){"blocked", 0, {st[0].blocked_ns, st[1].blocked_ns, st[2].blocked_ns}, -1, 0};
    out[n++] = (row){"WALL", hv_workload_total(&prog->totals),
                     {st[0].wall_ns, st[1].wall_ns, st[2].wall_ns},
                     is_trace && prog->trace_span_ns > 0 ? prog->trace_span_ns : -1,
                     st[2].failed != 0};
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

static void verdict(const hv_cost_table *t, const hv_program *prog, const hv_rp_stats st[N_PATHS],
                    int on_windows)
{
    const hv_workload *w = &prog->totals;
    if (st[2].failed == 1) {
        const char *err = "ENOSYS";
        hv_sys_wsl1_unsupported(w->wsl1_blocker, &err);
        printf("verdict: WSL2 wins: WSL1 cannot run this workload -- %s fails with %s (lxcore "
               "has no translation for it), while WSL2 runs a real Linux kernel.\n",
               w->wsl1_blocker, err);
        return;
    }
    int64_t w2 = st[1].wall_ns, w1 = st[2].wall_ns;
    int64_t hi = w1 > w2 ? w1 : w2, lo = w1 > w2 ? w2 : w1;
    if (lo > 0 && (double)hi <= 1.1 * (double)lo) {
        printf("verdict: about the same: WSL2 %s, WSL1 %s (within 10%%): user-mode work and "
               "waiting dominate, the system calls' costs hardly show.\n",
               hv_fmt_duration(w2).s, hv_fmt_duration(w1).s);
        return;
    }
    hv_path win = w1 < w2 ? HV_PATH_WSL1 : HV_PATH_WSL2;
    hv_path lose = win == HV_PATH_WSL1 ? HV_PATH_WSL2 : HV_PATH_WSL1;
    int best = 0;
    int64_t best_d = INT64_MIN, worse = 0;
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        int64_t d = st[lose].class_ns[c] - st[win].class_ns[c];
        if (d > 0) worse += d;
        if (d > best_d) best_d = d, best = c;
    }
    int64_t n = st[lose].class_calls[best] ? st[lose].class_calls[best] : 1;
    hv_fs fs = costliest_fs(t, w, lose, best, on_windows);
    printf("verdict: %s wins, %.1fx faster than %s: %.0f%% of the system-call time it loses is "
           "in %s calls, %s each on %s (%s) vs %s on %s.\n",
           win == HV_PATH_WSL1 ? "WSL1" : "WSL2", lo ? (double)hi / (double)lo : 0.0,
           lose == HV_PATH_WSL1 ? "WSL1" : "WSL2",
           worse > 0 ? 100.0 * (double)best_d / (double)worse : 0.0,
           hv_sys_class_name((hv_sys_class)best), hv_fmt_duration(st[lose].class_ns[best] / n).s,
           hv_path_name(lose), why_slow(lose, fs, best),
           hv_fmt_duration(st[win].class_ns[best] / n).s, hv_path_name(win));
}

static void print_line(const char *name, const int64_t v[N_PATHS], const hv_rp_stats st[N_PATHS])
{
    printf("%-16s", name);
    for (int p = 0; p < N_PATHS; p++)
        printf(" %12s", st[p].failed ? "fails" : hv_fmt_duration(v[p]).s);
    printf("\n");
}

static void print_summary(const hv_program *prog, const hv_rp_stats st[N_PATHS], int on_windows,
                          const char *place, int keep)
{
    const hv_workload *w = &prog->totals;
    printf("workload: %s, %d thread%s, %lld calls; own files on %s (native: ext4; wsl2: %s; "
           "wsl1: %s)\n",
           w->name, prog->n_threads, prog->n_threads == 1 ? "" : "s",
           (long long)hv_workload_total(w), place,
           hv_fs_describe(hv_fs_for(HV_PATH_WSL2, HV_PLACE_OWN, HV_SYS_STAT, on_windows))->name,
           hv_fs_describe(hv_fs_for(HV_PATH_WSL1, HV_PLACE_OWN, HV_SYS_STAT, on_windows))->name);
    if (w->skipped) printf("skipped: %lld malformed lines (--lenient)\n", (long long)w->skipped);
    if (prog->source == HV_PROGRAM_TRACE)
        printf("the trace measured: span %s, sum of -T %s%s\n", hv_fmt_duration(prog->trace_span_ns).s,
               hv_fmt_duration(prog->trace_call_ns).s,
               keep ? "; replayed as traced (--keep-strace-overhead)" : "");
    printf("\n%-16s %12s %12s %12s\n", "", "native", "wsl2", "wsl1");
    int64_t v[N_PATHS];
#define LINE(label, expr)                                 \
    do {                                                  \
        for (int p = 0; p < N_PATHS; p++) v[p] = (expr);  \
        print_line(label, v, st);                         \
    } while (0)
    LINE("wall", st[p].wall_ns);
    LINE("user", st[p].user_ns);
    LINE("syscalls", st[p].sys_ns);
    for (int s = 0; s < HV_STAGE_COUNT; s++) {
        int any = 0;
        for (int p = 0; p < N_PATHS; p++) any |= st[p].stage_ns[s] != 0;
        if (!any) continue;
        char label[32];
        snprintf(label, sizeof label, "  %s", hv_stage_name((hv_stage)s));
        LINE(label, st[p].stage_ns[s]);
    }
    LINE("blocked", st[p].blocked_ns);
    LINE("queued for CPU", st[p].cpu_queue_ns);
    LINE("queued for 9P", st[p].p9_queue_ns);
#undef LINE
    printf("%-16s %12lld %12lld %12lld\n", "boundary trips", (long long)st[0].messages,
           (long long)st[1].messages, (long long)st[2].messages);
    for (int p = 0; p < N_PATHS; p++)
        if (st[p].failed == 2)
            printf("note: %s: more than %d threads alive at once: not modelled\n",
                   hv_path_name((hv_path)p), HV_RP_SLOTS);
}

static void print_classes(const row *rows, size_t n)
{
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
}

static int write_csv(const char *path, const hv_workload *w, const row *rows, size_t n)
{
    cli_afile af = {0};
    if (cli_afile_open(&af, path) != 0) {
        cli_error("cannot write '%s': %s", path, cli_afile_why(&af, errno));
        return -1;
    }
    const char *err = "";
    if (w->wsl1_blocker[0]) hv_sys_wsl1_unsupported(w->wsl1_blocker, &err);
    fputs("class,count,native_s,wsl2_s,wsl1_s,wsl2_over_native,wsl1_over_native,wsl1_fails,"
          "trace_s\n",
          af.f);
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        char s0[32], s2[32], s1[32], tr[32] = "";
        cli_format_seconds(r->ns[0], 9, s0, sizeof s0);
        cli_format_seconds(r->ns[1], 9, s2, sizeof s2);
        cli_format_seconds(r->ns[2], 9, s1, sizeof s1);
        if (r->trace_ns >= 0) cli_format_seconds(r->trace_ns, 6, tr, sizeof tr);
        fprintf(af.f, "%s,%lld,%s,%s,%s,%.4f,%.4f,%s,%s\n", r->name, (long long)r->count, s0, s2,
                s1, r->ns[0] ? (double)r->ns[1] / (double)r->ns[0] : 0.0,
                r->ns[0] ? (double)r->ns[2] / (double)r->ns[0] : 0.0, r->fails ? err : "", tr);
    }
    if (cli_afile_commit(&af) != 0) {
        cli_error("cannot write '%s': %s", path, strerror(errno));
        cli_afile_abort(&af);
        return -1;
    }
    return 0;
}

int cli_cmd_compare(int argc, char **argv)
{
    compare_opts o = {.place = "ext4"};
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
    if (o.csv && cli_outputs_check(&o.csv, 1, &arg, 1) != 0) return CLI_EXIT_USAGE;
    void *block = cost_block(&o);
    if (!block) return CLI_EXIT_USAGE;
    hv_program *prog = load_workload(arg, &o);
    sim_shared *shared = prog ? sim_shared_new(prog, hv_program_free) : NULL;
    if (!shared) {
        free(block);
        return CLI_EXIT_USAGE;
    }
    hv_rp_stats st[N_PATHS];
    for (int p = 0; p < N_PATHS; p++)
        replay(block, shared, (hv_path)p, o.on_windows, o.keep_overhead, &st[p]);
    row rows[MAX_ROWS];
    size_t n_rows = build_rows(prog, st, rows);
    print_summary(prog, st, o.on_windows, o.place, o.keep_overhead);
    print_classes(rows, n_rows);
    if (prog->source == HV_PROGRAM_TRACE && prog->trace_span_ns > 0) {
        hv_rp_stats self;
        replay(block, shared, HV_PATH_NATIVE, 0, 1, &self);
        printf("\nself-check: native replay with strace's overhead kept %s vs the trace's span "
               "%s: ratio %.2f\n",
               hv_fmt_duration(self.wall_ns).s, hv_fmt_duration(prog->trace_span_ns).s,
               (double)self.wall_ns / (double)prog->trace_span_ns);
    }
    printf("\n");
    verdict(hv_sys_costs(block), prog, st, o.on_windows);
    int out = CLI_EXIT_OK;
    if (o.csv && write_csv(o.csv, &prog->totals, rows, n_rows) != 0) out = CLI_EXIT_USAGE;
    sim_shared_unref(shared);
    free(block);
    return out;
}
