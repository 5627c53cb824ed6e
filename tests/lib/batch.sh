# tests/lib/batch.sh -- helpers shared by the command-line tests that run
# "dyad code" on a batch with bad or pathological documents between two
# good ones.  Source it after setting DYAD, TMP and PROJECT; it sets
# FAILED, GOOD1/GOOD2 (two good JSONL documents) and EV1/EV2 (their events
# as TSV lines).
# shellcheck shell=bash
# shellcheck disable=SC2034 # FAILED, EV1, EV2 are for the scripts that source this

FAILED=0

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

