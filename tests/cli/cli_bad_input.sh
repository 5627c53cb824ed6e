#!/usr/bin/env bash
# cli_bad_input.sh -- "dyad code" never stops a batch on one bad document.
#
# Each bad input sits between good documents (in one JSONL batch, or as
# one file among several on the command line).  For each the test checks
# the exact message on stderr, the exit status (1: something was rejected,
# the rest coded; 2: a dictionary error), and that the good documents'
# events are all in stdout.  The bad inputs: a line that is not JSON, JSON
# that is not an object, missing or mistyped fields, a bad date, invalid
# UTF-8, NUL bytes (raw and \u0000), an empty file, a missing file, a
# missing dictionary.  Every dyad call runs under `timeout 60`.  Long and
# huge documents are in tests/pathological/long_inputs.sh.
#
#   bash cli_bad_input.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DYAD_DICT
PROJECT=$SRC/data/starter/dyad.starter.project

# shellcheck source=../lib/batch.sh
. "$SRC/tests/lib/batch.sh"

# --- a good batch, for reference
jsonl good
run good 0 --in jsonl --out tsv good.jsonl
expect_err good ""
expect_out good "$EV1
$EV2"
expect_summary good 2 2 2

# --- a JSONL line that is not JSON
jsonl notjson 'this is not json'
run notjson 1 --in jsonl --out tsv notjson.jsonl
expect_err notjson "dyad: notjson.jsonl:2:1: line is not valid JSON (error at byte 1)"
expect_out notjson "$EV1
$EV2"
expect_summary notjson 2 2 2

# --- JSON cut short
jsonl truncated '{"id":"t","text":"Russia criticized'
run truncated 1 --in jsonl --out tsv truncated.jsonl
expect_err truncated "dyad: truncated.jsonl:2:19: line is not valid JSON (error at byte 19)"
expect_out truncated "$EV1
$EV2"

# --- JSON that is not an object, fields missing or of the wrong type
jsonl fields '[1,2,3]' '{"id":"nt"}' '{"id":"t7","text":7}' '{"id":"d","date":"2024-13-01","text":"x"}' \
    '{"id":"d2","date":20240501,"text":"x"}' '{"id":["x"],"text":"x"}'
run fields 1 --in jsonl --out tsv fields.jsonl
expect_err fields 'dyad: fields.jsonl:2:1: line is not a JSON object
dyad: fields.jsonl:3: missing "text" field
dyad: fields.jsonl:4: "text" field is not a string
dyad: fields.jsonl:5: invalid date "2024-13-01" (expected YYYY-MM-DD)
dyad: fields.jsonl:6: "date" field is not a string
dyad: fields.jsonl:7: "id" field is not a string'
expect_out fields "$EV1
$EV2"
expect_summary fields 2 2 2

# --- invalid UTF-8 inside a JSONL line
{
    echo "$GOOD1"
    printf '{"id":"bad","text":"abc \xff\xfe def"}\n'
    echo "$GOOD2"
} >"$TMP/badutf.jsonl"
run badutf 1 --in jsonl --out tsv badutf.jsonl
expect_err badutf "dyad: badutf.jsonl:2:25: invalid UTF-8 at byte 25"
expect_out badutf "$EV1
$EV2"

# --- a raw NUL byte inside a JSONL line, and an escaped one
{
    echo "$GOOD1"
    printf '{"id":"nul","text":"abc\0def"}\n'
    echo "$GOOD2"
} >"$TMP/rawnul.jsonl"
run rawnul 1 --in jsonl --out tsv rawnul.jsonl
expect_err rawnul "dyad: rawnul.jsonl:2:24: NUL character at byte 24"
expect_out rawnul "$EV1
$EV2"
jsonl escnul '{"id":"nul","text":"abc\u0000def"}'
run escnul 1 --in jsonl --out tsv escnul.jsonl
expect_err escnul "dyad: escnul.jsonl:2:24: NUL character at byte 24"
expect_out escnul "$EV1
$EV2"

# --- blank lines are not documents and not errors
jsonl blank '' '   '
run blank 0 --in jsonl --out tsv blank.jsonl
expect_err blank ""
expect_out blank "$EV1
$EV2"

# --- plain-text files, one document each, given together
echo "Russia criticized Ukraine for its policy on the border with Belarus." >"$TMP/a.txt"
echo "Armenia accused Azerbaijan of killing four soldiers on the border." >"$TMP/b.txt"
: >"$TMP/empty.txt"
printf ' \n\t\n' >"$TMP/blank.txt"
printf 'Armenia accused \xff Azerbaijan of killing four soldiers on the border.\n' >"$TMP/badutf.txt"
printf 'Armenia accused Azerbaijan\0 of killing four soldiers on the border.\n' >"$TMP/nul.txt"
TA=$'2024-05-01\tRUS\tUKR\t111\tCRITICIZE\ta.txt\t0'
TB=$'2024-05-01\tARM\tAZE\t112\tACCUSE\tb.txt\t0'

run emptyfile 1 --out tsv --date 2024-05-01 a.txt empty.txt b.txt
expect_err emptyfile "dyad: empty.txt: empty document"
expect_out emptyfile "$TA
$TB"
expect_summary emptyfile 2 2 2

run blankfile 1 --out tsv --date 2024-05-01 a.txt blank.txt b.txt
expect_err blankfile "dyad: blank.txt: empty document"
expect_out blankfile "$TA
$TB"

run badutftext 1 --out tsv --date 2024-05-01 a.txt badutf.txt b.txt
expect_err badutftext "dyad: badutf.txt: invalid UTF-8 at byte 17"
expect_out badutftext "$TA
$TB"

run nultext 1 --out tsv --date 2024-05-01 a.txt nul.txt b.txt
expect_err nultext "dyad: nul.txt: NUL character at byte 27"
expect_out nultext "$TA
$TB"

run missingfile 1 --out tsv --date 2024-05-01 a.txt missing.txt b.txt
expect_err missingfile "dyad: missing.txt: cannot open file: No such file or directory"
expect_out missingfile "$TA
$TB"

run alltext 1 --out tsv --date 2024-05-01 a.txt empty.txt badutf.txt nul.txt missing.txt b.txt
expect_err alltext "dyad: empty.txt: empty document
dyad: badutf.txt: invalid UTF-8 at byte 17
dyad: nul.txt: NUL character at byte 27
dyad: missing.txt: cannot open file: No such file or directory"
expect_out alltext "$TA
$TB"

# --- the same bad batch with several threads: same output, same messages
jsonl mixed 'this is not json' '{"id":"nt"}' "$GOOD1"
run mixed1 1 --in jsonl --out tsv --threads 1 mixed.jsonl
run mixed3 1 --in jsonl --out tsv --threads 3 mixed.jsonl
cmp -s "$TMP/mixed1.out" "$TMP/mixed3.out" || fail "mixed: --threads 3 output differs"
cmp -s "$TMP/mixed1.err" "$TMP/mixed3.err" || fail "mixed: --threads 3 messages differ"
expect_out mixed1 "$EV1
$EV1
$EV2"

# --- a missing dictionary: nothing is coded, exit 2
(cd "$TMP" && timeout 60 "$DYAD" code --dict /nonexistent.actors a.txt >missingdict.out 2>missingdict.err)
rc=$?
[ "$rc" -eq 2 ] || fail "missingdict: exit status $rc, expected 2"
[ "$(cat "$TMP/missingdict.err")" = "dyad: /nonexistent.actors: cannot open dictionary file" ] ||
    fail "missingdict: stderr is '$(cat "$TMP/missingdict.err")'"
[ ! -s "$TMP/missingdict.out" ] || fail "missingdict: stdout not empty"

# --- usage errors: exit 2
(cd "$TMP" && timeout 60 "$DYAD" code --in xml a.txt >usage.out 2>usage.err)
rc=$?
[ "$rc" -eq 2 ] || fail "usage: exit status $rc, expected 2"
[ "$(cat "$TMP/usage.err")" = "dyad: --in takes text, jsonl or tabari" ] ||
    fail "usage: stderr is '$(cat "$TMP/usage.err")'"

exit $FAILED
