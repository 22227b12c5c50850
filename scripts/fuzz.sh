#!/usr/bin/env bash
# fuzz.sh: builds the libFuzzer targets (clang, -DHVSIM_FUZZ=ON) in
# build-fuzz/ and runs each on its seed corpus for SECONDS seconds (default
# 20; first argument).  New inputs go to a scratch corpus, never into the
# tree.  Every sanitizer report aborts (-fno-sanitize-recover=all) and
# libFuzzer stops at the first crash, leak or timeout, so a finding fails
# the run; the crashing input is kept as build-fuzz/crash-* with the
# command to reproduce it printed.  Prints each target's executions.
# The mutation seed is fixed (-seed=1): a CI run replays the start of the
# same input sequence as any earlier run of the same targets, so a finding is
# a change in the code, not a different draw.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}

CC=clang cmake -S . -B build-fuzz -DHVSIM_FUZZ=ON -DHVSIM_TESTS=OFF -DHVSIM_BENCH=OFF \
    -DHVSIM_LTO=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo > /dev/null
cmake --build build-fuzz -j2 --target fuzz_scenario fuzz_strace fuzz_wslconfig fuzz_elf

scratch=$(mktemp -d "${TMPDIR:-/tmp}/hvsim-fuzz-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
# includes in fuzzed scenarios resolve against the current directory
empty="$scratch/cwd"
mkdir -p "$empty"

run_target() {
    local name=$1 log="$scratch/$1.log"
    shift
    mkdir -p "$scratch/$name"
    echo "== fuzz: $name for ${seconds}s on $*"
    if ! (cd "$empty" && "$OLDPWD/build-fuzz/tests/fuzz/$name" -max_total_time="$seconds" -seed=1 \
        -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$OLDPWD/build-fuzz/" "$scratch/$name" "$@" > "$log" 2>&1); then
        tail -n 60 "$log"
        echo "== fuzz: $name found a problem (input saved under build-fuzz/)" >&2
        return 1
    fi
    grep -E "^stat::(number_of_executed_units|new_units_added|peak_rss_mb)" "$log" || true
}

src=$PWD
run_target fuzz_scenario "$src/scenarios" "$src/tests/bad"
run_target fuzz_strace "$src/tests/data/strace" "$src/tests/bad/strace"
run_target fuzz_wslconfig "$src/tests/wslconfig"
run_target fuzz_elf "$src/tests/data/elf" "$src/tests/bad/elf"
echo "== fuzz: no crash, leak or sanitizer report in ${seconds}s per target"
