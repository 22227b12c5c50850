#!/bin/sh
# test_install.sh BUILD_DIR: installs the build into a fresh prefix and uses
# it as a user would, from a directory that holds no scenarios: run a canned
# scenario by name and by its relative path, list the names, find a
# workload profile (compare), and open the man page.  Exits non-zero on
# the first failure.  Registered with CTest by tests/CMakeLists.txt.
set -eu
build=$1
prefix=$(mktemp -d "${TMPDIR:-/tmp}/hvsim-install-XXXXXX")
elsewhere=$(mktemp -d "${TMPDIR:-/tmp}/hvsim-elsewhere-XXXXXX")
trap 'rm -rf "$prefix" "$elsewhere"' EXIT
fail() { echo "test_install: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" >/dev/null
[ -x "$prefix/bin/hvsim" ] || fail "no $prefix/bin/hvsim"
[ -f "$prefix/share/hvsim/scenarios/boot-race.hvs" ] || fail "scenarios not installed"
[ -f "$prefix/share/man/man1/hvsim.1" ] || fail "man page not installed"

cd "$elsewhere"
# HVSIM_DATA_DIR unset: the installed binary finds its own data
out=$(env -u HVSIM_DATA_DIR "$prefix/bin/hvsim" run boot-race) || fail "run boot-race failed"
echo "$out" | grep -q "share/hvsim/scenarios/boot-race.hvs" || fail "run boot-race did not use the installed scenario"
echo "$out" | tail -n 1 | grep -Eq '^fingerprint: [0-9a-f]{16}$' || fail "no fingerprint"
env -u HVSIM_DATA_DIR "$prefix/bin/hvsim" run scenarios/idle-shutdown.hvs >/dev/null || fail "run by relative path failed"
env -u HVSIM_DATA_DIR "$prefix/bin/hvsim" list | grep -q '^boot-race ' || fail "list does not print short names"
env -u HVSIM_DATA_DIR "$prefix/bin/hvsim" compare git-status >/dev/null || fail "compare cannot find an installed profile"
if command -v man >/dev/null 2>&1; then
    MANPATH="$prefix/share/man" man -P cat hvsim 2>/dev/null | grep -q "hvsim run" || fail "man hvsim does not open"
fi
echo "test_install: ok ($prefix)"
