#!/usr/bin/env bash
# cli_validate.sh -- TABARI's validation suite: "dyad validate" on
# Validate.std.project must pass all 472 records.  Skipped (77) when the
# shared data directory does not hold the suite.
#
#   bash cli_validate.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SHARED=$3
PROJECT=$SHARED/data/tabari/Validate.std.project
if [ ! -f "$PROJECT" ]; then
    echo "skipped: $PROJECT not found"
    exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

timeout 120 "$DYAD" validate "$PROJECT" >"$TMP/out" 2>"$TMP/err"
rc=$?
last=$(tail -n 1 "$TMP/out")
FAILED=0
if [ "$last" != "472 passed, 0 failed" ]; then
    echo "FAIL: last line is '$last', expected '472 passed, 0 failed'"
    grep -i fail "$TMP/out" | head -n 40
    FAILED=1
fi
if [ "$rc" -ne 0 ]; then
    echo "FAIL: exit status $rc, expected 0"
    tail -n 20 "$TMP/err"
    FAILED=1
fi
exit $FAILED
