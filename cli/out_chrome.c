/* out_chrome.c: Chrome Trace Event Format writer (see out_chrome.h).  The
 * metadata events come first, so every later element starts with ",\n"
 * and no "first element" flag is needed. */
#include "out_chrome.h"

#include <inttypes.h>

#include "json.h"

static int model_tid(int model) { return model + 1; }

static void put_metadata(FILE *f, const char *what, int tid, const char *key, const char *name)
{
    fprintf(f, "{\"name\":\"%s\",\"ph\":\"M\",\"pid\":1,\"tid\":%d,\"args\":{\"%s\":", what,
            tid, key);
    cli_json_string(f, name);
    fputs("}}", f);
}

void cli_chrome_begin(cli_chrome *c, FILE *f, const sim_engine *eng)
{
    c->f = f;
    fputs("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n", f);
    put_metadata(f, "process_name", 0, "name", "hvsim");
    for (int m = 0; m < sim_engine_model_count(eng); m++) {
        const sim_model_ops *ops = sim_engine_model_ops(eng, m);
        fputs(",\n", f);
        put_metadata(f, "thread_name", model_tid(m), "name", ops->name);
        /* keep the tracks in registry order rather than by name */
        fprintf(f, ",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":%d,"
                   "\"args\":{\"sort_index\":%d}}",
                model_tid(m), m);
    }
}

void cli_chrome_record(cli_chrome *c, const sim_trace_record *rec)
{
    FILE *f = c->f;
    int64_t us = rec->time_ns / 1000, frac_ns = rec->time_ns % 1000;
    fputs(",\n{\"name\":", f);
    cli_json_string(f, rec->kind_name);
    fputs(",\"cat\":", f);
    cli_json_string(f, rec->model_name);
    fprintf(f,
            ",\"ph\":\"i\",\"s\":\"t\",\"ts\":%" PRId64 ".%03" PRId64
            ",\"pid\":1,\"tid\":%d,\"args\":{\"seq\":%" PRIu64 ",\"cause\":%" PRIu64
            ",\"note\":",
            us, frac_ns, model_tid(rec->model), rec->seq, rec->cause);
    cli_json_string(f, rec->note);
    fputs("}}", f);
}

void cli_chrome_end(cli_chrome *c)
{
    fputs("\n]}\n", c->f);
}
