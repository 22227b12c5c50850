/* elf_inspect.h: what an ELF binary says about the system calls it makes,
 * read with libelf -- for `hvsim inspect` and as a workload source.
 *
 * A dynamically linked binary names the libc functions it imports in
 * .dynsym (undefined FUNC symbols); those whose name is in the syscall
 * table (syscalls.h: "openat", "stat", "__xstat", "posix_spawn", "unshare"
 * ...) are its syscall wrappers.  A static binary has no imports: if it is
 * not stripped, the wrappers linked into it are its defined FUNC symbols in
 * .symtab; if it is stripped, nothing can be learned ("static, stripped:
 * imports unknown").  Version suffixes ("stat@GLIBC_2.33") are cut off.
 *
 * What it cannot know: how often each call runs, or whether a program
 * makes a call through syscall(2) (listed as the wrapper "syscall").
 *
 * Bad input (not ELF, truncated, corrupt headers or section table, an
 * object file or a core dump) is an error in a sim_diag_list, never a
 * crash; the file is read into memory and handed to libelf with
 * elf_memory, with the header and section table checked against the file
 * size first. */
#ifndef HVSIM_MODELS_ELF_INSPECT_H
#define HVSIM_MODELS_ELF_INSPECT_H

#include <stddef.h>

#include "diag.h"
#include "syscalls.h"
#include "workload.h"

typedef struct hv_elf_import {
    char name[64];      /* without "@VERSION" */
    hv_sys_class cls;
    const char *wsl1_errno; /* NULL, or what WSL1 returned ("EINVAL") */
} hv_elf_import;

typedef enum hv_elf_linkage {
    HV_ELF_DYNAMIC,          /* imports read from .dynsym */
    HV_ELF_STATIC_SYMTAB,    /* static, wrappers read from .symtab */
    HV_ELF_STATIC_STRIPPED,  /* static and stripped: imports unknown */
    HV_ELF_DYNAMIC_NO_SECTIONS, /* dynamic, but its section headers were removed: imports unknown */
} hv_elf_linkage;

typedef struct hv_elf_report {
    char path[256];
    int elf_class;             /* 32 or 64 */
    char machine[24];          /* "x86-64", "AArch64", "i386", "machine 243" */
    char type[8];              /* "EXEC" or "DYN" */
    hv_elf_linkage linkage;
    size_t undefined_funcs;    /* undefined FUNC symbols in .dynsym, count */
    hv_elf_import *imports;    /* the syscall wrappers, sorted by name, no duplicates (owned) */
    size_t n_imports;
    size_t n_unsupported;      /* imports WSL1 could not run, count */
} hv_elf_report;

/* Inspects a file / a buffer (`name` is used in diagnostics).  0, or -1
 * with an error in diags.  On success the report owns memory: free it
 * with hv_elf_report_free (safe on a zeroed or failed report). */
int hv_elf_inspect_file(const char *path, hv_elf_report *r, sim_diag_list *diags);
int hv_elf_inspect_buffer(const char *name, const void *buf, size_t len, hv_elf_report *r,
                          sim_diag_list *diags);
void hv_elf_report_free(hv_elf_report *r);

/* The imports of one class, in order, through a callback-free cursor:
 * returns the index of the next import of class c at or after *i, or -1. */
long hv_elf_next_of_class(const hv_elf_report *r, hv_sys_class c, size_t from);

/* A workload derived from the imports: ONE call per imported wrapper, of
 * its class, on the workload's own files for file classes (HV_PLACE_OWN,
 * so --fs relocates them) and NONE otherwise.  It says which kinds of
 * calls the program can make, not how many it makes: use it to see which
 * paths a binary exercises and whether WSL1 can run it, not to predict
 * times.  wsl1_blocker is the first unsupported import by name. */
void hv_elf_workload(const hv_elf_report *r, hv_workload *w);

#endif
