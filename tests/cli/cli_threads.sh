#!/usr/bin/env bash
# cli_threads.sh -- the output does not depend on the number of threads:
# examples/articles.jsonl repeated 50 times (distinct ids, so that a
# reordering would show) is coded with --threads 1, 2 and 4 and the
# outputs, TSV and JSONL, must be byte-identical.  Also a batch larger than
# one read batch (512 documents), so that reading and coding overlap.
#
#   bash cli_threads.sh DYAD SOURCE_DIR SHARED_DIR
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

# N copies of the articles, ids suffixed with the copy number.
repeat() {
    for i in $(seq 1 "$1"); do
        sed "s/\"id\": *\"\\([^\"]*\\)\"/\"id\": \"\\1-$i\"/" "$SRC/examples/articles.jsonl"
    done
}

repeat 50 >"$TMP/in50.jsonl"
repeat 150 >"$TMP/in150.jsonl" # 750 documents: two read batches

n=$(grep -c . "$TMP/in50.jsonl")
[ "$n" -eq 250 ] || fail "input has $n lines, expected 250"
[ "$(grep -c '"id": "03-kenya-protest-arrests-50"' "$TMP/in50.jsonl")" -eq 1 ] ||
    fail "ids were not made distinct"

for input in in50 in150; do
    for fmt in tsv jsonl; do
        for t in 1 2 4; do
            timeout 60 "$DYAD" code --in jsonl --out "$fmt" --threads "$t" --project "$PROJECT" \
                "$TMP/$input.jsonl" >"$TMP/$input.$fmt.$t" 2>"$TMP/$input.$fmt.$t.err"
            rc=$?
            [ "$rc" -eq 0 ] || fail "$input --out $fmt --threads $t: exit status $rc"
        done
        for t in 2 4; do
            cmp -s "$TMP/$input.$fmt.1" "$TMP/$input.$fmt.$t" ||
                fail "$input --out $fmt: --threads $t differs from --threads 1"
        done
    done
done

# the 50 copies give 50 times the events of one, in input order
one=$(timeout 60 "$DYAD" code --in jsonl --out tsv --project "$PROJECT" \
    "$SRC/examples/articles.jsonl" 2>/dev/null | wc -l)
[ "$one" -gt 0 ] || fail "the examples code no events"
lines=$(wc -l <"$TMP/in50.tsv.1")
[ "$lines" -eq $((one * 50)) ] || fail "$lines events from 50 copies, expected $((one * 50))"
order=$(cut -f 6 "$TMP/in50.tsv.1" | uniq | sed -n '1p;6p;250p' | tr '\n' ' ')
[ "$order" = "01-china-russia-ministers-1 01-china-russia-ministers-2 05-armenia-azerbaijan-border-50 " ] ||
    fail "documents out of order: $order"
grep -Eq '^dyad: 250 documents, 1450 sentences, [0-9]+ events in [0-9.]+ s \(.*, 4 threads;' \
    "$TMP/in50.tsv.4.err" || fail "summary: $(cat "$TMP/in50.tsv.4.err")"

exit $FAILED
