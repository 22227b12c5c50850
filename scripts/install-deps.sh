#!/usr/bin/env bash
# install-deps.sh: installs the Debian 12 packages hvsim's build, tests and
# viewer need (GNU parallel: the test of a sweep's jobs file).  When every one is already installed (checked with
# dpkg-query) it does nothing, so it is fast and works offline on a ready
# machine.  Run as root, or as a user with sudo.
set -euo pipefail

# clang and libclang-rt-14-dev (libFuzzer and the sanitizer runtimes of
# Debian 12's clang 14) build the fuzz targets scripts/test.sh runs.
packages=(build-essential cmake pkg-config libcmocka-dev libelf-dev clang libclang-rt-14-dev
          libsdl2-dev libsdl2-ttf-dev libsdl2-image-dev fonts-dejavu-core
          parallel)

missing=()
for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed"
    exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
