/* out_jsonl.h: the machine-readable event log (--events F.jsonl): one JSON
 * object per line and per dispatched event, with the fields of the trace
 * record:
 *
 *   {"time_ns":1503000000,"seq":12,"cause":7,"model":"uvm",
 *    "kind":"kernel_boot","note":"direct kernel boot ..."}
 *
 * (on one line).  Integers are exact: time stays in integer nanoseconds. */
#ifndef HVSIM_CLI_OUT_JSONL_H
#define HVSIM_CLI_OUT_JSONL_H

#include <stdio.h>

#include "engine.h"

void cli_jsonl_record(FILE *f, const sim_trace_record *rec);

#endif
