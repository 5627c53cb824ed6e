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
# 10,000-word sentence, a 1 MB line of 15,000 sentences, a 1 MB line of
# one sentence, a missing dictionary.  Every dyad call runs under
# `timeout 60`; the large inputs must also finish under a generous time
# limit (linear time does them in well under a second).
#
#   bash cli_bad_input.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0
unset DYAD_DICT
PROJECT=$SRC/data/starter/dyad.starter.project

fail() {
    echo "FAIL: $*"
    FAILED=1
}

GOOD1='{"id":"g1","date":"2024-05-01","text":"Russia criticized Ukraine for its policy on the border with Belarus."}'
GOOD2='{"id":"g2","date":"2024-05-02","text":"Armenia accused Azerbaijan of killing four soldiers on the border."}'
EV1=$'2024-05-01\tRUS\tUKR\t111\tCRITICIZE\tg1\t0'
EV2=$'2024-05-02\tARM\tAZE\t112\tACCUSE\tg2\t0'

# run NAME EXPECTED_RC ARGS...: runs dyad code in $TMP with stdout in
# NAME.out, stderr (without the summary line) in NAME.err; the summary
# line in NAME.summary.
run() {
    local name=$1 want=$2
    shift 2
    (cd "$TMP" && timeout 60 "$DYAD" code --project "$PROJECT" "$@" \
        >"$name.out" 2>"$name.raw")
    local rc=$?
    grep -v '^dyad: [0-9]* documents, ' "$TMP/$name.raw" >"$TMP/$name.err"
    grep '^dyad: [0-9]* documents, ' "$TMP/$name.raw" >"$TMP/$name.summary"
    [ "$rc" -eq "$want" ] || fail "$name: exit status $rc, expected $want"
}

# expect_err NAME TEXT: stderr (summary excluded) is exactly TEXT.
expect_err() {
    local got
    got=$(cat "$TMP/$1.err")
    [ "$got" = "$2" ] || fail "$1: stderr is
$got
expected
$2"
}

# expect_out NAME TEXT: stdout is exactly TEXT.
expect_out() {
    local got
    got=$(cat "$TMP/$1.out")
    [ "$got" = "$2" ] || fail "$1: stdout is
$got
expected
$2"
}

# expect_summary NAME DOCS SENTENCES EVENTS
expect_summary() {
    grep -Eq "^dyad: $2 documents, $3 sentences, $4 events in [0-9.]+ s " "$TMP/$1.summary" ||
        fail "$1: summary is '$(cat "$TMP/$1.summary")', expected $2 documents, $3 sentences, $4 events"
}

# jsonl NAME LINE...: a batch file NAME.jsonl of GOOD1, the lines, GOOD2.
jsonl() {
    local name=$1
    shift
    {
        echo "$GOOD1"
        for l in "$@"; do printf '%s\n' "$l"; done
        echo "$GOOD2"
    } >"$TMP/$name.jsonl"
}

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

# --- a 10,000-word sentence: cut at the word limit, coded, not rejected
words="Russia criticized Ukraine"
for _ in $(seq 1 9997); do words+=" and"; done
jsonl longsentence "{\"id\":\"long\",\"date\":\"2024-05-04\",\"text\":\"$words.\"}"
start=$(date +%s)
run longsentence 0 --in jsonl --out tsv longsentence.jsonl
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 10 ] || fail "longsentence: took $elapsed s"
expect_err longsentence ""
expect_out longsentence "$EV1
2024-05-04	RUS	UKR	111	CRITICIZE	long	0
$EV2"
expect_summary longsentence 3 3 3

# --- a 1 MB line: one document of 15,000 short sentences
sentence="Russia criticized Ukraine for its policy on the border with Belarus."
n=$((1048576 / (${#sentence} + 1) + 1))
{
    echo "$GOOD1"
    printf '{"id":"big","date":"2024-05-03","text":"'
    for _ in $(seq 1 "$n"); do printf '%s ' "$sentence"; done
    printf '"}\n'
    echo "$GOOD2"
} >"$TMP/bigline.jsonl"
size=$(wc -c <"$TMP/bigline.jsonl")
[ "$size" -gt 1048576 ] || fail "bigline: test input is only $size bytes"
start=$(date +%s)
run bigline 0 --in jsonl --out tsv bigline.jsonl
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 10 ] || fail "bigline: a 1 MB document took $elapsed s (quadratic?)"
expect_err bigline ""
[ "$(head -n 1 "$TMP/bigline.out")" = "$EV1" ] || fail "bigline: first event missing"
[ "$(tail -n 1 "$TMP/bigline.out")" = "$EV2" ] || fail "bigline: last event missing"
got=$(grep -c $'\tRUS\tUKR\t111\tCRITICIZE\tbig\t' "$TMP/bigline.out")
[ "$got" -eq "$n" ] || fail "bigline: $got events for the big document, expected $n"
last=$(grep $'\tbig\t' "$TMP/bigline.out" | tail -n 1 | cut -f 7)
[ "$last" = "$((n - 1))" ] || fail "bigline: last sentence index $last, expected $((n - 1))"
expect_summary bigline 3 $((n + 2)) $((n + 2))

# --- a 1 MB line of one sentence
{
    echo "$GOOD1"
    printf '{"id":"one","date":"2024-05-05","text":"Russia criticized Ukraine'
    for _ in $(seq 1 209715); do printf ' word'; done
    printf '"}\n'
    echo "$GOOD2"
} >"$TMP/onesentence.jsonl"
start=$(date +%s)
run onesentence 0 --in jsonl --out tsv onesentence.jsonl
elapsed=$(($(date +%s) - start))
[ "$elapsed" -le 10 ] || fail "onesentence: took $elapsed s"
expect_err onesentence ""
expect_out onesentence "$EV1
2024-05-05	RUS	UKR	111	CRITICIZE	one	0
$EV2"

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
