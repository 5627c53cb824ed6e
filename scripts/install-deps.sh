#!/usr/bin/env bash
# scripts/install-deps.sh -- installs, from Debian 12 packages, everything
# dyad's build, tests, fuzzers and benchmark need.  Safe to run again: apt
# skips what is already installed.  Runs apt-get directly as root, through
# sudo otherwise.
#
#   bash scripts/install-deps.sh
#
# What each package is for (see README.md, "Dependencies"):
#   cmake make gcc libc6-dev pkg-config   the build
#   libutf8proc-dev                       UTF-8 validation, case and accent folding
#   libcjson-dev                          JSONL input
#   libcmocka-dev                         unit tests
#   clang libclang-rt-14-dev              libFuzzer and the sanitizer runtimes for clang
#   llvm-14                               llvm-symbolizer: readable sanitizer stack traces
#   valgrind                              optional memory checks
#   python3                               bench/extract_reuters.py, scripts/*.py
#   iso-codes                             country names and ISO 3166 codes for
#                                         scripts/gen-countries.py (and its test)
#   time                                  GNU time: peak memory in bench/run.sh
set -euo pipefail

PACKAGES=(
    cmake make gcc libc6-dev pkg-config
    libutf8proc-dev libcjson-dev libcmocka-dev
    clang libclang-rt-14-dev llvm-14
    valgrind python3 time iso-codes
)

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
else
    echo "install-deps: not root and sudo is not available; run as root:" >&2
    echo "  apt-get install ${PACKAGES[*]}" >&2
    exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$p")
    fi
done
if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#PACKAGES[@]} packages already installed"
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${PACKAGES[@]}"
echo "install-deps: done"
