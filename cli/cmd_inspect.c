/* cmd_inspect.c: `hvsim inspect BINARY...` -- the libc syscall wrappers an
 * ELF binary imports, grouped by class, and whether WSL1 could run them
 * (import/elf_inspect.h does the reading; this file only prints).
 *
 * Each binary's block ends with exactly one of
 *   wsl1: ok
 *   wsl1: unsupported: <names, comma-separated>
 *   wsl1: unknown (static, stripped: imports unknown)
 * Exit status 0, or 2 if any file could not be read as an ELF binary (the
 * others are still inspected). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "commands.h"
#include "common.h"
#include "elf_inspect.h"

static const char inspect_usage[] = "hvsim inspect [--workload] BINARY...";
static const char inspect_about[] =
    "Reads each ELF binary's dynamic symbol table with libelf (or, for a static\n"
    "binary that is not stripped, its own symbol table) and lists the libc system\n"
    "call wrappers it imports, grouped by class.  The last line of each binary says\n"
    "whether WSL1 could run every one of them.  --workload also prints the profile\n"
    "derived from the imports: one call per wrapper (what the program can call,\n"
    "not how often).";

static const cli_optdef inspect_opts[] = {
    {"--workload", NULL, "also print the workload derived from the imports (one call per wrapper)"},
};

static int on_option(void *user, int idx, const char *value)
{
    (void)value;
    if (idx == 0) *(int *)user = 1;
    return 0;
}

static const char *linkage_text(hv_elf_linkage l)
{
    switch (l) {
    case HV_ELF_DYNAMIC: return "dynamically linked";
    case HV_ELF_STATIC_SYMTAB: return "statically linked, not stripped (wrappers from .symtab)";
    case HV_ELF_DYNAMIC_NO_SECTIONS: return "dynamically linked, section headers removed: imports unknown";
    default: return "statically linked and stripped: imports unknown";
    }
}

static void print_report(const hv_elf_report *r, int with_workload)
{
    printf("%s: ELF%d %s %s, %s", r->path, r->elf_class, r->machine, r->type, linkage_text(r->linkage));
    if (r->linkage == HV_ELF_DYNAMIC) printf(", %zu imported functions", r->undefined_funcs);
    printf(", %zu syscall wrappers\n", r->n_imports);
    for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
        long i = hv_elf_next_of_class(r, (hv_sys_class)c, 0);
        if (i < 0) continue;
        printf("  %-8s  ", hv_sys_class_name((hv_sys_class)c));
        int col = 12, first = 1;
        for (; i >= 0; i = hv_elf_next_of_class(r, (hv_sys_class)c, (size_t)i + 1)) {
            const hv_elf_import *im = &r->imports[i];
            int w = (int)strlen(im->name) + 2;
            if (!first && col + w > 100) {
                printf(",\n            ");
                col = 12;
            } else if (!first) {
                printf(", ");
            }
            printf("%s", im->name);
            col += w;
            first = 0;
        }
        printf("\n");
    }
    if (with_workload) {
        hv_workload w;
        hv_elf_workload(r, &w);
        printf("  workload %s (one call per wrapper; file calls on the workload's own files):\n", w.name);
        for (int c = 0; c < HV_SYS_CLASS_COUNT; c++) {
            int64_t n = 0;
            for (int p = 0; p < HV_PLACE_COUNT; p++) n += w.calls[c][p];
            if (n) printf("    %-8s %lld\n", hv_sys_class_name((hv_sys_class)c), (long long)n);
        }
    }
    for (size_t i = 0; i < r->n_imports; i++)
        if (r->imports[i].wsl1_errno)
            printf("  wsl1 fails %s with %s\n", r->imports[i].name, r->imports[i].wsl1_errno);
    if (r->linkage == HV_ELF_STATIC_STRIPPED || r->linkage == HV_ELF_DYNAMIC_NO_SECTIONS) {
        printf("wsl1: unknown (%s)\n", r->linkage == HV_ELF_STATIC_STRIPPED ? "static, stripped: imports unknown"
                                                                           : "no section headers: imports unknown");
    } else if (r->n_unsupported == 0) {
        printf("wsl1: ok\n");
    } else {
        printf("wsl1: unsupported: ");
        const char *sep = "";
        for (size_t i = 0; i < r->n_imports; i++)
            if (r->imports[i].wsl1_errno) {
                printf("%s%s", sep, r->imports[i].name);
                sep = ", ";
            }
        printf("\n");
    }
}

int cli_cmd_inspect(int argc, char **argv)
{
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    if (!pos) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    size_t n_pos = 0;
    int with_workload = 0;
    int rc = cli_args_parse(argc, argv, 2, inspect_opts, SIM_COUNTOF(inspect_opts), on_option, &with_workload,
                            pos, &n_pos);
    int status = CLI_EXIT_OK;
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, inspect_usage, inspect_about, inspect_opts, SIM_COUNTOF(inspect_opts));
    } else if (rc != CLI_ARGS_OK) {
        status = CLI_EXIT_USAGE;
    } else if (n_pos == 0) {
        cli_error("no binary given (usage: %s)", inspect_usage);
        status = CLI_EXIT_USAGE;
    } else {
        for (size_t i = 0; i < n_pos; i++) {
            sim_diag_list d;
            sim_diag_list_init(&d);
            hv_elf_report r;
            if (hv_elf_inspect_file(pos[i], &r, &d) != 0) {
                cli_print_diags(&d);
                status = CLI_EXIT_USAGE;
            } else {
                if (i > 0) printf("\n");
                print_report(&r, with_workload);
                hv_elf_report_free(&r);
            }
            sim_diag_list_free(&d);
        }
    }
    free(pos);
    return status;
}
