# tests/lib/run.sh -- helpers shared by the command-line tests that run dyad
# commands one by one and check their output exactly.  Source it after
# setting DYAD and TMP; it sets FAILED=0 and defines:
#   fail MESSAGE...        report a failure (the test exits 1 at the end)
#   dy NAME ARGS...        run dyad ARGS in $TMP: stdout NAME.out, stderr
#                          NAME.err, exit status in $rc
#   same NAME WHAT TEXT    file NAME.WHAT (out or err) holds exactly TEXT
#   status NAME CODE       the last dy exited with CODE
# shellcheck shell=bash
# shellcheck disable=SC2034 # FAILED and rc are for the scripts that source this

FAILED=0

fail() {
    echo "FAIL: $*"
    FAILED=1
}

dy() {
    local name=$1
    shift
    (cd "$TMP" && timeout 60 "$DYAD" "$@" >"$name.out" 2>"$name.err")
    rc=$?
}

same() {
    local got
    got=$(cat "$TMP/$1.$2")
    [ "$got" = "$3" ] || fail "$1: std$2 is
$got
expected
$3"
}

status() {
    [ "$rc" -eq "$2" ] || fail "$1: exit status $rc, expected $2"
}
