#!/usr/bin/env bash
# test.sh: the whole test suite, twice: a normal build with warnings as
# errors in build/, then the same suite built with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-asan/; then a short fuzz run of every
# reader (scripts/fuzz.sh: clang + libFuzzer in build-fuzz/, 20 s per
# target, stops at the first finding).  Uses 2 parallel jobs.  Exits
# non-zero on the first failure (configure, compile or any test).
set -euo pipefail
cd "$(dirname "$0")/.."

run_suite() {
    local dir=$1
    shift
    echo "== $dir: configure, build, test"
    cmake -S . -B "$dir" -DHVSIM_WERROR=ON "$@"
    cmake --build "$dir" -j2
    ctest --test-dir "$dir" -j2 --output-on-failure
}

run_suite build
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1
run_suite build-asan -DHVSIM_SANITIZE=ON
bash scripts/fuzz.sh 20
echo "== all tests passed (build/, build-asan/ and the fuzz run)"
