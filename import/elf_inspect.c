/* elf_inspect.c: the syscall wrappers an ELF binary imports, read with
 * libelf (see elf_inspect.h).
 *
 * The file is read whole into memory and given to libelf as a private copy
 * (elf_memory), after the identification bytes, the header size and the
 * section table's extent have been checked against the file size by hand,
 * so a truncated or corrupt file is refused with a plain message before
 * libelf walks it; every section libelf hands back is checked again.
 * Names are classified by syscalls.c's table; nothing here is a cost or a
 * calibrated number. */
#include "elf_inspect.h"

#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input_file.h"


#define ELF_MAX_BYTES ((size_t)1 << 31) /* larger files are refused, bytes */
#define ELF_MAX_STREAM_BYTES ((size_t)64 << 20) /* from a pipe or device (/dev/zero), bytes */

static int fail(sim_diag_list *d, const char *name, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
static int fail(sim_diag_list *d, const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sim_diag_addv(d, SIM_SEV_ERROR, name, 0, 0, NULL, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *machine_name(unsigned m, char *buf, size_t cap)
{
    switch (m) {
    case EM_X86_64: return "x86-64";
    case EM_386: return "i386";
    case EM_AARCH64: return "AArch64";
    case EM_ARM: return "ARM";
    case EM_RISCV: return "RISC-V";
    case EM_PPC64: return "PowerPC64";
    case EM_S390: return "S/390";
    default: snprintf(buf, cap, "machine %u", m); return buf;
    }
}

static int add_import(hv_elf_report *r, const char *raw, size_t *cap)
{
    char name[64];
    size_t n = strcspn(raw, "@");
    if (n == 0 || n >= sizeof name) return 0; /* too long to be a libc wrapper */
    memcpy(name, raw, n);
    name[n] = '\0';
    int known = 0;
    hv_sys_class c = hv_sys_classify(name, &known);
    if (!known || strchr(name, '(')) return 0; /* not a wrapper (or a pseudo name) */
    for (size_t i = 0; i < r->n_imports; i++)
        if (strcmp(r->imports[i].name, name) == 0) return 0;
    if (r->n_imports == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        hv_elf_import *ni = realloc(r->imports, nc * sizeof *ni);
        if (!ni) return -1;
        r->imports = ni;
        *cap = nc;
    }
    hv_elf_import *im = &r->imports[r->n_imports++];
    memcpy(im->name, name, n + 1);
    im->cls = c;
    im->wsl1_errno = NULL;
    if (hv_sys_wsl1_unsupported(name, &im->wsl1_errno)) r->n_unsupported++;
    return 0;
}

static int cmp_import(const void *a, const void *b)
{
    return strcmp(((const hv_elf_import *)a)->name, ((const hv_elf_import *)b)->name);
}

/* Reads the symbols of one symbol table section: undefined FUNC symbols
 * (imports) or defined ones (a static binary's own wrappers). */
static int read_symbols(Elf *e, Elf_Scn *scn, const GElf_Shdr *sh, int want_undefined,
                        hv_elf_report *r, size_t *cap, const char *name, sim_diag_list *d)
{
    Elf_Data *data = elf_getdata(scn, NULL);
    if (!data) return fail(d, name, "corrupt symbol table: %s", elf_errmsg(-1));
    size_t ent = gelf_fsize(e, ELF_T_SYM, 1, EV_CURRENT);
    if (!ent || sh->sh_entsize != ent)
        return fail(d, name, "corrupt symbol table: entry size %llu, expected %zu",
                    (unsigned long long)sh->sh_entsize, ent);
    size_t count = data->d_size / ent;
    for (size_t i = 1; i < count; i++) {
        GElf_Sym sym;
        if (!gelf_getsym(data, (int)i, &sym)) return fail(d, name, "corrupt symbol %zu: %s", i, elf_errmsg(-1));
        if (GELF_ST_TYPE(sym.st_info) != STT_FUNC) continue;
        int undefined = sym.st_shndx == SHN_UNDEF;
        if (undefined != want_undefined) continue;
        const char *s = elf_strptr(e, sh->sh_link, sym.st_name);
        if (!s) return fail(d, name, "corrupt symbol %zu: its name is outside the string table", i);
        if (undefined) r->undefined_funcs++;
        if (add_import(r, s, cap) != 0) return fail(d, name, "out of memory");
    }
    return 0;
}

/* Checks the ELF identification and header against the file size before
 * libelf sees the bytes. */
static int check_header(const unsigned char *b, size_t len, const char *name, sim_diag_list *d)
{
    if (len == 0) return fail(d, name, "empty file: not an ELF binary");
    if (len < 4 || memcmp(b, ELFMAG, SELFMAG) != 0) return fail(d, name, "not an ELF file (no \\177ELF magic)");
    if (len < EI_NIDENT) return fail(d, name, "truncated ELF header: %zu of %d identification bytes", len, EI_NIDENT);
    if (b[EI_CLASS] != ELFCLASS32 && b[EI_CLASS] != ELFCLASS64)
        return fail(d, name, "corrupt ELF header: class %u is neither 32-bit (1) nor 64-bit (2)", b[EI_CLASS]);
    if (b[EI_DATA] != ELFDATA2LSB && b[EI_DATA] != ELFDATA2MSB)
        return fail(d, name, "corrupt ELF header: byte order %u is neither little (1) nor big endian (2)",
                    b[EI_DATA]);
    size_t need = b[EI_CLASS] == ELFCLASS64 ? sizeof(Elf64_Ehdr) : sizeof(Elf32_Ehdr);
    if (len < need) return fail(d, name, "truncated ELF header: %zu of %zu bytes", len, need);
    return 0;
}

int hv_elf_inspect_buffer(const char *name, const void *buf, size_t len, hv_elf_report *r,
                          sim_diag_list *d)
{
    memset(r, 0, sizeof *r);
    snprintf(r->path, sizeof r->path, "%s", name);
    if (check_header(buf, len, name, d) != 0) return -1;
    if (elf_version(EV_CURRENT) == EV_NONE) return fail(d, name, "libelf: %s", elf_errmsg(-1));
    char *copy = malloc(len);
    if (!copy) return fail(d, name, "out of memory");
    memcpy(copy, buf, len);
    int rc = -1;
    size_t cap = 0;
    Elf *e = elf_memory(copy, len);
    GElf_Ehdr eh;
    if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
        fail(d, name, "corrupt ELF header: %s", elf_errmsg(-1));
        goto out;
    }
    r->elf_class = gelf_getclass(e) == ELFCLASS64 ? 64 : 32;
    char mbuf[24];
    snprintf(r->machine, sizeof r->machine, "%s", machine_name(eh.e_machine, mbuf, sizeof mbuf));
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
        fail(d, name, "not an executable or a shared library (ELF type %s)",
             eh.e_type == ET_REL ? "REL: an object file" : eh.e_type == ET_CORE ? "CORE: a core dump" : "unknown");
        goto out;
    }
    snprintf(r->type, sizeof r->type, "%s", eh.e_type == ET_EXEC ? "EXEC" : "DYN");
    /* the program and section header tables must lie inside the file
     * (checked on the raw header: libelf quietly ignores a table it cannot
     * reach) */
    size_t shdr_size = r->elf_class == 64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr);
    size_t phdr_size = r->elf_class == 64 ? sizeof(Elf64_Phdr) : sizeof(Elf32_Phdr);
    if (eh.e_shoff != 0 || eh.e_shnum != 0) {
        uint64_t n = eh.e_shnum ? eh.e_shnum : 1; /* 0 with an offset: the count is in entry 0 */
        uint64_t end = (uint64_t)eh.e_shoff + n * shdr_size;
        if (eh.e_shentsize != shdr_size || eh.e_shoff == 0 || eh.e_shoff > len || end > len) {
            fail(d, name,
                 "corrupt or truncated section table: %llu entries of %u bytes at offset %llu, file is %zu bytes",
                 (unsigned long long)eh.e_shnum, eh.e_shentsize, (unsigned long long)eh.e_shoff, len);
            goto out;
        }
    }
    if (eh.e_phnum != 0) {
        uint64_t end = (uint64_t)eh.e_phoff + (uint64_t)eh.e_phnum * phdr_size;
        if (eh.e_phentsize != phdr_size || eh.e_phoff > len || end > len) {
            fail(d, name, "corrupt or truncated program header table: %u entries at offset %llu, file is %zu bytes",
                 eh.e_phnum, (unsigned long long)eh.e_phoff, len);
            goto out;
        }
    }
    size_t shnum = 0;
    if (elf_getshdrnum(e, &shnum) != 0) {
        fail(d, name, "corrupt section table: %s", elf_errmsg(-1));
        goto out;
    }
    if (shnum > 65536 || (uint64_t)eh.e_shoff + (uint64_t)shnum * shdr_size > len) {
        fail(d, name, "corrupt section table: %zu sections do not fit in %zu bytes", shnum, len);
        goto out;
    }
    int has_interp = 0;
    for (size_t i = 0; i < eh.e_phnum; i++) {
        GElf_Phdr ph;
        if (gelf_getphdr(e, (int)i, &ph) && (ph.p_type == PT_INTERP || ph.p_type == PT_DYNAMIC)) has_interp = 1;
    }
    Elf_Scn *dynsym = NULL, *symtab = NULL;
    GElf_Shdr dyn_sh, sym_sh;
    for (Elf_Scn *scn = elf_nextscn(e, NULL); scn; scn = elf_nextscn(e, scn)) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh)) {
            fail(d, name, "corrupt section header: %s", elf_errmsg(-1));
            goto out;
        }
        if (sh.sh_type != SHT_NOBITS && (sh.sh_offset > len || sh.sh_size > len - sh.sh_offset)) {
            fail(d, name, "section %zu extends past the end of the file (truncated?): offset %llu + %llu > %zu",
                 elf_ndxscn(scn), (unsigned long long)sh.sh_offset, (unsigned long long)sh.sh_size, len);
            goto out;
        }
        if (sh.sh_type == SHT_DYNSYM && !dynsym) dynsym = scn, dyn_sh = sh;
        if (sh.sh_type == SHT_SYMTAB && !symtab) symtab = scn, sym_sh = sh;
    }
    /* dynamic: imports in .dynsym; a static(-pie) binary imports no
     * function, so its own .symtab, if kept, lists the wrappers linked in */
    r->linkage = HV_ELF_STATIC_STRIPPED;
    if (dynsym) {
        if (read_symbols(e, dynsym, &dyn_sh, 1, r, &cap, name, d) != 0) goto out;
        if (r->undefined_funcs > 0) r->linkage = HV_ELF_DYNAMIC;
    }
    if (r->linkage != HV_ELF_DYNAMIC && symtab) {
        r->linkage = HV_ELF_STATIC_SYMTAB;
        if (read_symbols(e, symtab, &sym_sh, 0, r, &cap, name, d) != 0) goto out;
    } else if (r->linkage != HV_ELF_DYNAMIC && has_interp && !dynsym) {
        r->linkage = HV_ELF_DYNAMIC_NO_SECTIONS;
    }
    if (r->n_imports) qsort(r->imports, r->n_imports, sizeof *r->imports, cmp_import);
    rc = 0;
out:
    if (e) elf_end(e);
    free(copy);
    if (rc != 0) hv_elf_report_free(r);
    return rc;
}

int hv_elf_inspect_file(const char *path, hv_elf_report *r, sim_diag_list *d)
{
    memset(r, 0, sizeof *r);
    char *buf = NULL, why[256];
    size_t len = 0;
    int rc = -1;
    if (sim_input_read_all(path, SIM_INPUT_ANY, ELF_MAX_BYTES, ELF_MAX_STREAM_BYTES, &buf, &len, why,
                           sizeof why) != 0) {
        fail(d, path, "cannot open: %s", why);
        goto out;
    }
    rc = hv_elf_inspect_buffer(path, buf, len, r, d);
out:
    free(buf);
    return rc;
}

void hv_elf_report_free(hv_elf_report *r)
{
    free(r->imports);
    r->imports = NULL;
    r->n_imports = 0;
}

long hv_elf_next_of_class(const hv_elf_report *r, hv_sys_class c, size_t from)
{
    for (size_t i = from; i < r->n_imports; i++)
        if (r->imports[i].cls == c) return (long)i;
    return -1;
}

void hv_elf_workload(const hv_elf_report *r, hv_workload *w)
{
    const char *base = strrchr(r->path, '/');
    char name[64];
    snprintf(name, sizeof name, "elf:%.59s", base ? base + 1 : r->path);
    hv_workload_init(w, name);
    for (size_t i = 0; i < r->n_imports; i++) {
        const hv_elf_import *im = &r->imports[i];
        hv_workload_add(w, im->cls, hv_sys_is_file_class(im->cls) ? HV_PLACE_OWN : HV_PLACE_NONE, 0);
        if (im->wsl1_errno && !w->wsl1_blocker[0])
            snprintf(w->wsl1_blocker, sizeof w->wsl1_blocker, "%.31s", im->name);
    }
}
