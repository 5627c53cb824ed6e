#!/usr/bin/env bash
# scripts/run-examples.sh -- dyad's main job on the bundled examples: builds
# a Release binary in build-release/ (when missing or out of date), codes
# examples/articles.jsonl with dyad's default dictionary (data/dyad, compiled
# into build-release/dyad.dyd) and prints the events,
# first as TSV, then the first few as JSONL.
#
#   bash scripts/run-examples.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${DYAD_BUILD:-$ROOT/build-release}
JOBS=$(nproc 2>/dev/null || echo 2)

if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT
if ! cmake --build "$BUILD" -j"$JOBS" --target dyad default_dictionary >"$LOG" 2>&1; then
    cat "$LOG" >&2
    exit 1
fi

DYAD=$BUILD/dyad
INPUT=$ROOT/examples/articles.jsonl

echo "== dyad code --in jsonl examples/articles.jsonl --out tsv"
echo "== date, source, target, event code, label, document, sentence"
"$DYAD" code --in jsonl "$INPUT" --out tsv

echo
echo "== the first three events as JSONL (dyad code --in jsonl examples/articles.jsonl)"
# Only the first lines are wanted; a closed pipe is not a failure here.
"$DYAD" code --in jsonl "$INPUT" 2>/dev/null | head -n 3 || true
