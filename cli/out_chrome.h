/* out_chrome.h: the run as a Chrome trace (--trace-out F.json), the Trace
 * Event Format that Perfetto (ui.perfetto.dev) and chrome://tracing open:
 *
 *   {"displayTimeUnit":"ms","traceEvents":[
 *    {"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"hvsim"}},
 *    {"name":"thread_name","ph":"M","pid":1,"tid":4,"args":{"name":"uvm"}},
 *    {"name":"kernel_boot","cat":"uvm","ph":"i","s":"t","ts":1503000.000,
 *     "pid":1,"tid":4,"args":{"seq":12,"cause":7,"note":"..."}},
 *    ...]}
 *
 * Every event is an instant event ("ph":"i", thread scope) on the track of
 * its model: one tid per model (model id + 1), named by "M" metadata
 * events.  ts is in microseconds, printed exactly (three decimals) from the
 * integer nanosecond clock. */
#ifndef HVSIM_CLI_OUT_CHROME_H
#define HVSIM_CLI_OUT_CHROME_H

#include <stdio.h>

#include "engine.h"

typedef struct cli_chrome {
    FILE *f;   /* not owned */
} cli_chrome;

/* Writes the opening and the metadata events naming the tracks. */
void cli_chrome_begin(cli_chrome *c, FILE *f, const sim_engine *eng);
void cli_chrome_record(cli_chrome *c, const sim_trace_record *rec);
/* Closes the array and the object. */
void cli_chrome_end(cli_chrome *c);

#endif
