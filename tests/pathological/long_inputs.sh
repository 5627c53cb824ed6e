#!/usr/bin/env bash
# long_inputs.sh -- pathological documents between two good ones: a
# 10,000-word sentence (cut at the word limit, coded, not rejected), a 1 MB
# line of 15,000 sentences and a 1 MB line of one sentence.  Each must be
# coded with the good documents around it intact.  Every dyad call runs
# under `timeout 60`, the hang limit; how fast they go is the benchmark's
# business, not this test's (a quadratic step once took 15 s here for 1 MB).
#
#   bash long_inputs.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DYAD_DICT
PROJECT=$SRC/data/starter/dyad.starter.project
# shellcheck source=../lib/batch.sh
. "$SRC/tests/lib/batch.sh"

# --- a 10,000-word sentence: cut at the word limit, coded, not rejected
words="Russia criticized Ukraine"
for _ in $(seq 1 9997); do words+=" and"; done
jsonl longsentence "{\"id\":\"long\",\"date\":\"2024-05-04\",\"text\":\"$words.\"}"
run longsentence 0 --in jsonl --out tsv longsentence.jsonl
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
run bigline 0 --in jsonl --out tsv bigline.jsonl
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
run onesentence 0 --in jsonl --out tsv onesentence.jsonl
expect_err onesentence ""
expect_out onesentence "$EV1
2024-05-05	RUS	UKR	111	CRITICIZE	one	0
$EV2"

exit $FAILED
