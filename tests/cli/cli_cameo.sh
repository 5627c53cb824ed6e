#!/usr/bin/env bash
# cli_cameo.sh -- the standard CAMEO dictionaries as TABARI distributed
# them load with warnings for their known defects and no error, then
# compile, and the compiled file loads.  Skipped (77) when the shared data
# directory does not hold them.
#
# The warning count is pinned: a change means the loader now reads some
# line differently, which should be a deliberate decision (update the
# number, and say why, when it is).
#
#   bash cli_cameo.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SHARED=$3
DIR=$SHARED/data/tabari
PROJECT=$DIR/CAMEO.std.project
if [ ! -f "$PROJECT" ]; then
    echo "skipped: $PROJECT not found"
    exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0
# 220 from reading the lines, 880 from the whole-dictionary checks of
# src/dict_check.c: 14 unknown event codes, 699 overlapping date ranges,
# 167 patterns that repeat an earlier one
WARNINGS=1100

fail() {
    echo "FAIL: $*"
    FAILED=1
}

# has LINE: stderr of the check holds exactly this line.
has() {
    grep -Fxq -- "$1" "$TMP/check.err" || fail "no diagnostic line: $1"
}

timeout 120 "$DYAD" dict check --project "$PROJECT" >"$TMP/check.out" 2>"$TMP/check.err"
rc=$?
[ "$rc" -eq 0 ] || fail "dict check exited $rc"
[ "$(cat "$TMP/check.out")" = "0 errors, $WARNINGS warnings" ] ||
    fail "dict check says '$(cat "$TMP/check.out")', expected '0 errors, $WARNINGS warnings'"
[ "$(wc -l <"$TMP/check.err")" -eq "$WARNINGS" ] ||
    fail "$(wc -l <"$TMP/check.err") diagnostic lines, expected $WARNINGS"
bad=$(grep -vc ': warning: ' "$TMP/check.err")
[ "$bad" -eq 0 ] || fail "$bad diagnostic lines are not warnings"

# the known defects of the distributed files
has "$DIR/CAMEO.091003.master.verbs:1: warning: CRLF (Windows) line endings; read as plain line ends"
has "$DIR/dictionaries/CountryInfo.120116.actors:20623: warning: stray byte 0x00 at column 9"
has "$DIR/dictionaries/CountryInfo.120116.actors:654: warning: stray byte 0x1A at column 10"
has "$DIR/dictionaries/CountryInfo.120116.actors:654: warning: entry skipped: a stray byte in its phrase"
has "$DIR/dictionaries/CountryInfo.120116.actors:11941: warning: stray byte 0x1A at column 11"
has "$DIR/dictionaries/CountryInfo.120116.actors:15188: warning: '&' in actor phrase \"SAINT_KITTS_&_NEVIS_\" is read as a word break"
has "$DIR/dictionaries/CountryInfo.120116.actors:51551: warning: '&' in actor phrase \"WALLIS_&_FUTUNA_\" is read as a word break"
has "$DIR/dictionaries/Internatnl.120521.actors:47: warning: '&' in actor phrase \"ADVENTIST_DEVELOPMENT_&_RELIEF_AGENCY_INTERNATIONAL_\" is read as a word break"
# what the whole-dictionary checks find (src/dict_check.c)
has "$DIR/CAMEO.091003.master.verbs:7712: warning: unknown event code JPNJUD (no LABEL: in the options)"
has "$DIR/CAMEO.091003.master.verbs:2509: warning: unknown event code 1725 (no LABEL: in the options)"
has "$DIR/dictionaries/CountryInfo.120116.actors:24103: warning: date ranges of ABDULLAH_II_ overlap: 800101-000101 and >990207 (the first that holds wins)"
has "$DIR/dictionaries/CountryInfo.120116.actors:9227: warning: date ranges of MICHELLE_BACHELET_ overlap: 680101-060501 and 030101-041031 (the first that holds wins)"
has "$DIR/CAMEO.091003.master.verbs:116: warning: pattern \"* OF_SPYING_IN_ \$\" of ACCUS repeats line 111; it can never match"
has "$DIR/dictionaries/Internatnl.120521.actors:390: warning: duplicate entry \"CECILIA_MALMSTROM_\" with another code (first read at $DIR/dictionaries/CountryInfo.120116.actors:43984, which wins); skipped"
for what in "unknown event code:14" "date ranges of:699" "; it can never match:167" "with another code:28"; do
    n=$(grep -c -- "${what%:*}" "$TMP/check.err")
    [ "$n" -eq "${what##*:}" ] || fail "$n warnings with \"${what%:*}\", expected ${what##*:}"
done
n=$(grep -c "CRLF (Windows) line endings" "$TMP/check.err")
[ "$n" -eq 1 ] || fail "$n CRLF warnings, expected 1 (once per file)"
n=$(grep -c "stray byte 0x1A" "$TMP/check.err")
[ "$n" -ge 2 ] || fail "$n warnings for 0x1A bytes"
n=$(grep -c "' in actor phrase" "$TMP/check.err")
[ "$n" -ge 10 ] || fail "only $n warnings for '&' in actor phrases"

# compile, then load the compiled file
timeout 120 "$DYAD" dict compile --project "$PROJECT" -o "$TMP/cameo.dyd" \
    >"$TMP/compile.out" 2>"$TMP/compile.err"
rc=$?
[ "$rc" -eq 0 ] || fail "dict compile exited $rc"
[ "$(tail -n 1 "$TMP/compile.err")" = "dyad: wrote $TMP/cameo.dyd" ] ||
    fail "dict compile said: $(tail -n 1 "$TMP/compile.err")"

timeout 60 "$DYAD" dict stats --dict "$TMP/cameo.dyd" >"$TMP/stats.out" 2>"$TMP/stats.err"
rc=$?
[ "$rc" -eq 0 ] || fail "dict stats on the compiled file exited $rc"
grep -Eq '^load time +[0-9.]+ ms$' "$TMP/stats.out" || fail "no load time line in
$(cat "$TMP/stats.out")"
[ ! -s "$TMP/stats.err" ] || fail "dict stats wrote to stderr: $(cat "$TMP/stats.err")"

# the compiled and the text dictionaries count the same
timeout 60 "$DYAD" dict stats --project "$PROJECT" --quiet >"$TMP/stats-text.out" 2>/dev/null
[ "$(head -n 11 "$TMP/stats.out")" = "$(head -n 11 "$TMP/stats-text.out")" ] ||
    fail "compiled and text dictionaries count differently:
$(diff "$TMP/stats-text.out" "$TMP/stats.out")"
actors=$(awk '$1 == "actors" {print $2}' "$TMP/stats.out")
[ "${actors:-0}" -gt 10000 ] || fail "only ${actors:-0} actors"

# and code the same
sample='{"id":"s1","date":"2003-03-20","text":"Israeli troops killed three Palestinian militants in the West Bank on Thursday, the army said."}'
a=$(echo "$sample" | timeout 60 "$DYAD" code --in jsonl --out tsv --project "$PROJECT" --quiet 2>/dev/null)
b=$(echo "$sample" | timeout 60 "$DYAD" code --in jsonl --out tsv --dict "$TMP/cameo.dyd" 2>/dev/null)
[ -n "$a" ] || fail "the CAMEO dictionaries code nothing in: $sample"
[ "$a" = "$b" ] || fail "compiled dictionary codes differently:
$a
$b"

exit $FAILED
