#!/usr/bin/env bash
# strace-overhead.sh: measures what `strace -f -tt -T` adds to each system
# call, with the known loop in bench/strace_overhead.c (N getppid calls that
# the program times itself).  Prints, per call:
#   bare_ns      the loop without strace (median of RUNS runs)
#   traced_ns    the loop under `strace -f -tt -T -o /dev/null` (median)
#   overhead_ns  traced_ns - bare_ns: strace's cost per traced call
#   in_T_ns      how much of it -T reports as the call's own duration
#                (median -T of the traced getppid calls in a trace file,
#                minus bare_ns); the rest lands between calls
# docs/calibration.md (sys.strace_overhead, sys.strace_overhead_in_call)
# records the figures.  Usage: scripts/strace-overhead.sh [BUILD_DIR] [N] [RUNS]
set -euo pipefail
build=${1:-build}
n=${2:-200000}
runs=${3:-3}
bin=$build/bench/strace_overhead
[ -x "$bin" ] || { echo "build $bin first (cmake --build $build --target strace_overhead)" >&2; exit 2; }
command -v strace >/dev/null || { echo "strace is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
per_call() { awk '{for (i=1;i<=NF;i++) if ($i=="per_call_ns") print $(i+1)}'; }

for _ in $(seq "$runs"); do "$bin" "$n" | per_call; done | median > "$tmp/bare"
for _ in $(seq "$runs"); do
    strace -f -tt -T -o /dev/null "$bin" "$n" | per_call
done | median > "$tmp/traced"
strace -f -tt -T -o "$tmp/t.txt" "$bin" "$n" > /dev/null
grep 'getppid()' "$tmp/t.txt" | sed 's/.*<\([0-9.]*\)>$/\1/' | awk '{print $1*1e9}' | median > "$tmp/T"

bare=$(cat "$tmp/bare"); traced=$(cat "$tmp/traced"); T=$(cat "$tmp/T")
awk -v b="$bare" -v t="$traced" -v T="$T" -v n="$n" -v r="$runs" 'BEGIN {
    printf "calls %d, runs %d (medians)\n", n, r
    printf "bare_ns %.0f\ntraced_ns %.0f\noverhead_ns %.0f\nmedian_T_ns %.0f\nin_T_ns %.0f\n",
           b, t, t - b, T, T - b
}'
