/* out_jsonl.c: one JSON object per event (see out_jsonl.h); strings go
 * through the shared escaper in json.c. */
#include "out_jsonl.h"

#include <inttypes.h>

#include "json.h"

void cli_jsonl_record(FILE *f, const sim_trace_record *rec)
{
    fprintf(f, "{\"time_ns\":%" PRId64 ",\"seq\":%" PRIu64 ",\"cause\":%" PRIu64 ",\"model\":",
            rec->time_ns, rec->seq, rec->cause);
    cli_json_string(f, rec->model_name);
    fputs(",\"kind\":", f);
    cli_json_string(f, rec->kind_name);
    fputs(",\"note\":", f);
    cli_json_string(f, rec->note);
    fputs("}\n", f);
}
