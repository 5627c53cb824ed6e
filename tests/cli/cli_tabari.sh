#!/usr/bin/env bash
# cli_tabari.sh -- "dyad code --in tabari": record files as TABARI reads
# them.  The year width comes from the dictionary's "SET: YYYY" option; a
# record whose header is not clean text is reported (file:line:byte) and
# skipped while the records around it are still coded.
#
#   bash cli_tabari.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0
unset DYAD_DICT
STARTER=$SRC/data/starter

fail() {
    echo "FAIL: $*"
    FAILED=1
}

# same NAME GOT EXPECTED
same() {
    [ "$2" = "$3" ] || fail "$1: got
$2
expected
$3"
}

SENTENCE="Russia criticized Ukraine for its policy on the border."
EVENT=$'RUS\tUKR\t111\tCRITICIZE'

# --- 2-digit years (the default) and 4-digit years (SET: YYYY = TRUE)
printf '240502 R-1\n%s\n\n' "$SENTENCE" >"$TMP/yy.txt"
printf '20240502 R-1\n%s\n\n' "$SENTENCE" >"$TMP/yyyy.txt"
# the option goes before the file's ~~FINISH mark
sed 's/^~~FINISH/SET: YYYY = TRUE\n~~FINISH/' "$STARTER/dyad.starter.options" >"$TMP/four.options"
grep -q '^SET: YYYY = TRUE$' "$TMP/four.options" || fail "could not add SET: YYYY"
sed "s|<optionsfile>.*|<optionsfile> $TMP/four.options|" "$STARTER/dyad.starter.project" |
    sed "s|^<\([a-z]*\)file> dyad\.|<\1file> $STARTER/dyad.|" >"$TMP/four.project"

got=$("$DYAD" code --in tabari --out tsv --project "$STARTER/dyad.starter.project" "$TMP/yy.txt" 2>/dev/null)
same yymmdd "$got" "2024-05-02	$EVENT	R-1	0"

got=$("$DYAD" code --in tabari --out tsv --project "$TMP/four.project" "$TMP/yyyy.txt" 2>"$TMP/yyyy.err")
rc=$?
same yyyymmdd "$got" "2024-05-02	$EVENT	R-1	0"
same yyyymmdd-status "$rc" 0

# without the option an 8-digit date is read as YYMMDD plus id text, which
# TABARI accepts too: 20-24-05 is not a date, so the record is rejected
"$DYAD" code --in tabari --out tsv --project "$STARTER/dyad.starter.project" "$TMP/yyyy.txt" >"$TMP/two.out" 2>"$TMP/two.err"
same yyyy-without-option-status "$?" 1
grep -q 'yyyy.txt:1:1: invalid record date "20240502"' "$TMP/two.err" ||
    fail "yyyy-without-option: no invalid-date report: $(cat "$TMP/two.err")"

# --- a record id that is not UTF-8 is rejected, the next record coded
printf '240501 R-\xff1\n%s\n\n240502 R-2\n%s\n\n' "$SENTENCE" "$SENTENCE" >"$TMP/badid.txt"
"$DYAD" code --in tabari --out tsv --project "$STARTER/dyad.starter.project" "$TMP/badid.txt" >"$TMP/badid.out" 2>"$TMP/badid.err"
same badid-status "$?" 1
same badid-out "$(cat "$TMP/badid.out")" "2024-05-02	$EVENT	R-2	0"
same badid-err "$(head -n 1 "$TMP/badid.err")" \
    "dyad: $TMP/badid.txt:1:10: invalid UTF-8 at byte 10 of the record header"

# --- FORWARD: links each record to the one before: --threads 2 codes on
# one thread (with a note), so the output is the same as with --threads 1
sed 's/^~~FINISH/FORWARD: ^****NNN*SSS\n~~FINISH/' "$STARTER/dyad.starter.options" >"$TMP/fwd.options"
sed "s|<optionsfile>.*|<optionsfile> $TMP/fwd.options|" "$TMP/four.project" >"$TMP/fwd.project"
# three records a story, so that batches and the threads' shares of them
# (512 and 256 records) split stories between the second and third records
for i in $(seq 1 600); do
    printf '240501 AFP-%03d-001\nMarkets were calm in Minsk on Tuesday as trading resumed.\n\n' "$i"
    printf '240501 AFP-%03d-002\nRussian President Vladimir Putin met Ukraine in Minsk on Tuesday to discuss trade.\n\n' "$i"
    printf '240501 AFP-%03d-003\nHe has also asked Belarus to provide help in mediating the conflict.\n\n' "$i"
done >"$TMP/story.txt"
"$DYAD" code --in tabari --out tsv --project "$TMP/fwd.project" "$TMP/story.txt" \
    >"$TMP/fwd1.out" 2>/dev/null
"$DYAD" code --in tabari --out tsv --project "$TMP/fwd.project" --threads 2 "$TMP/story.txt" \
    >"$TMP/fwd2.out" 2>"$TMP/fwd2.err"
cmp -s "$TMP/fwd1.out" "$TMP/fwd2.out" || fail "forward: --threads 2 output differs from --threads 1"
# "He" in each second record is the Russia of the record before
same forward-events "$(sed -n '1,2p' "$TMP/fwd1.out")" "2024-05-01	RUSGOV	UKR	040	CONSULT	AFP-001-002	0
2024-05-01	RUS	BLR	020	APPEAL	AFP-001-003	0"
same forward-count "$(grep -c '	RUS	BLR	020	' "$TMP/fwd1.out")" 600
same forward-note "$(head -n 1 "$TMP/fwd2.err")" \
    "dyad: the FORWARD: option links each record to the one before; coding on one thread"

exit $FAILED
