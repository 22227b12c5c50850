/* fuzz_elf.c: libFuzzer entry point for the ELF inspector: any bytes give
 * a report or an error, never a crash, a leak or an out-of-bounds read.
 * Seeds: tests/data/elf, tests/bad/elf, a few binaries of /usr/bin. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "elf_inspect.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    hv_elf_report r;
    sim_diag_list d;
    sim_diag_list_init(&d);
    int rc = hv_elf_inspect_buffer("fuzz.bin", data, size, &r, &d);
    if (rc != 0 && d.n_errors == 0) abort();
    if (rc == 0) {
        hv_workload w;
        hv_elf_workload(&r, &w);
        if ((size_t)hv_workload_total(&w) != r.n_imports) abort();
    }
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
    return 0;
}
