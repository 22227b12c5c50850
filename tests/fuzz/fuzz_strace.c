/* fuzz_strace.c: libFuzzer entry point for the strace importer.  The input
 * is imported strictly and then leniently as one trace; neither may crash,
 * leak or read out of bounds, and a successful import must count as many
 * calls as its workload holds.  Seeds: tests/data/strace, tests/bad/strace. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "strace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    for (int lenient = 0; lenient <= 1; lenient++) {
        hv_workload w;
        hv_strace_stats s;
        sim_diag_list d;
        sim_diag_list_init(&d);
        int rc = hv_strace_import_buffer("fuzz.txt", (const char *)data, size, lenient, &w, &s, &d);
        if (rc == 0 && hv_workload_total(&w) != s.calls) abort();
        if (rc != 0 && d.n_errors == 0) abort();
        sim_diag_list_free(&d);
    }
    return 0;
}
