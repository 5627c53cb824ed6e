#!/usr/bin/env bash
# dict_default.sh -- dyad's own default dictionary (data/dyad): it loads
# without a single error or warning, covers the CAMEO codebook, its compiled
# form is what "dyad code" uses when no dictionary is named, and its
# office holders take the code of the office they held on the date asked.
#
#   bash dict_default.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DYAD_DICT
PROJECT=$SRC/data/dyad/dyad.project
# fail (and FAILED)
# shellcheck source=../lib/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/run.sh"

# --- check: no error, no warning
out=$(timeout 120 "$DYAD" dict check --project "$PROJECT" 2>"$TMP/check.err")
rc=$?
[ "$rc" -eq 0 ] || fail "dict check exited $rc"
[ "$out" = "0 errors, 0 warnings" ] || fail "dict check says '$out':
$(head -20 "$TMP/check.err")"

# --- stats: the verbs give all 292 event codes of the CAMEO 1.1b3 codebook
# (its 312 entries less the 20 two-digit root categories)
timeout 120 "$DYAD" dict stats --project "$PROJECT" >"$TMP/stats" 2>/dev/null ||
    fail "dict stats failed"
codes=$(awk '$1 == "event" && $2 == "codes" {print $3}' "$TMP/stats")
[ "${codes:-0}" -eq 292 ] || fail "the verbs give ${codes:-no} event codes, expected 292"

# --- lookup NAME DATE CODE: the phrase codes CODE on DATE
lookup() {
    local got
    got=$(timeout 60 "$DYAD" dict lookup "$1" --date "$2" --project "$PROJECT" 2>/dev/null |
        awk '$1 == "actor" {print $3; exit}')
    [ "$got" = "$3" ] || fail "lookup \"$1\" on $2 gives '$got', expected $3"
}
# Benjamin Netanyahu: prime minister in 2019 and 2023, opposition leader in 2022
lookup "Netanyahu" 2019-05-01 ISRGOV
lookup "Benjamin Netanyahu" 2022-03-01 ISROPP
lookup "Netanyahu" 2023-06-01 ISRGOV
lookup "Xi Jinping" 2024-04-09 CHNGOV
lookup "Sergey Lavrov" 2024-04-09 RUSGOV
lookup "Sergei Lavrov" 2024-04-09 RUSGOV
lookup "Wang Yi" 2024-04-09 CHNGOV
lookup "Volodymyr Zelenskyy" 2023-01-01 UKRGOV
lookup "Keir Starmer" 2024-08-01 GBRGOV
lookup "Keir Starmer" 2023-08-01 GBROPP
lookup "Beijing" 2024-04-09 CHNGOV
lookup "Emirati" 2024-04-09 ARE
lookup "United Nations" 2024-04-09 IGOUNO
lookup "NATO" 2024-04-09 IGOWSTNAT

# --- the compiled default: "dyad code" without --dict uses it, and codes
# the same as the text dictionary
SENTENCE="Russian troops shelled Ukrainian villages near Kharkiv on Monday."
printf '{"id":"d1","date":"2024-05-01","text":"%s"}\n' "$SENTENCE" >"$TMP/doc.jsonl"
timeout 60 "$DYAD" code --in jsonl --out tsv "$TMP/doc.jsonl" >"$TMP/default.tsv" 2>/dev/null ||
    fail "dyad code with the default dictionary failed"
timeout 60 "$DYAD" code --in jsonl --out tsv --project "$PROJECT" "$TMP/doc.jsonl" \
    >"$TMP/text.tsv" 2>/dev/null || fail "dyad code with data/dyad failed"
cmp -s "$TMP/default.tsv" "$TMP/text.tsv" ||
    fail "the default dictionary and data/dyad code differently:
$(cat "$TMP/default.tsv")
---
$(cat "$TMP/text.tsv")"
[ "$(cut -f2-4 "$TMP/text.tsv")" = $'RUSMIL\tUKR\t194' ] ||
    fail "\"$SENTENCE\" codes '$(cut -f2-4 "$TMP/text.tsv")', expected RUSMIL UKR 194"

exit $FAILED
