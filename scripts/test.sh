#!/usr/bin/env bash
# scripts/test.sh -- dyad's whole test suite, the one command CI runs.
#
#   bash scripts/test.sh
#
# Stages, each in its own build directory (all git-ignored):
#   1. build-test   Debug, warnings as errors; ctest
#   2. build-asan   Debug with AddressSanitizer + UndefinedBehaviorSanitizer
#                   (LeakSanitizer on); ctest
#   3. build-fuzz   clang + libFuzzer (only when clang is installed): every
#                   harness runs for DYAD_FUZZ_TIME seconds from its seed
#                   corpus in fuzz/corpus/, and every saved input in
#                   fuzz/crashes/ is replayed through its harness
# A stage that fails to configure or build counts as one failed test and
# the next stage still runs.  The last line of output is always
#   N passed, M failed
# counting the ctest tests of both builds (skipped tests count as passed,
# as ctest counts them; how many were skipped is printed above) plus one
# test per fuzz run and per replay.  Exit status: 0 when nothing failed.
#
# Environment:
#   DYAD_FUZZ_TIME   seconds per fuzz harness (default 60; 0 skips fuzzing)
#   DYAD_JOBS        parallel build and test jobs (default: nproc)
# Tests that need the shared test data (../shared) skip when it is absent.
set -uo pipefail # no -e: every stage must run and the summary must print

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT" || exit 2
JOBS=${DYAD_JOBS:-$(nproc 2>/dev/null || echo 2)}
FUZZ_TIME=${DYAD_FUZZ_TIME:-60}
export CTEST_OUTPUT_ON_FAILURE=1

PASSED=0
FAILED=0
SKIPPED=0
FAILURES=()

say() { printf '\n== %s\n' "$*"; }

fail() {
    FAILED=$((FAILED + 1))
    FAILURES+=("$1")
}

# Runs a command with its output in a log file; on failure shows the end
# of the log.  Returns the command's status.
quietly() {
    local log=$1
    shift
    "$@" >"$log" 2>&1
    local rc=$?
    [ "$rc" -eq 0 ] && return 0
    echo "command failed (exit $rc): $*"
    tail -n 60 "$log"
    return $rc
}

# ctest_stage NAME DIR [cmake options...]: configure, build, run ctest.
ctest_stage() {
    local name=$1 dir=$2
    shift 2
    say "$name: configure and build in $dir"
    mkdir -p "$dir"
    if ! quietly "$dir/configure.log" cmake -S "$ROOT" -B "$dir" "$@"; then
        fail "$name: cmake configure"
        return
    fi
    if ! quietly "$dir/build.log" cmake --build "$dir" -j"$JOBS"; then
        fail "$name: build"
        return
    fi
    say "$name: ctest"
    local log=$dir/ctest.log rc
    (cd "$dir" && ctest --output-on-failure -j"$JOBS") 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    local line total failed
    line=$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
    if [ -z "$line" ]; then
        echo "$name: no ctest summary (exit $rc)"
        fail "$name: ctest found or ran no tests"
        return
    fi
    failed=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    PASSED=$((PASSED + total - failed))
    FAILED=$((FAILED + failed))
    if [ "$failed" -gt 0 ]; then
        while IFS= read -r t; do
            FAILURES+=("$name: $t")
        done < <(sed -n '/The following tests FAILED:/,$p' "$log" | grep -E '^[[:space:]]+[0-9]+ - ' |
            sed -E 's/^[[:space:]]+//')
    fi
    local skipped
    skipped=$(grep -cE '\((Skipped|Not Run)\)' "$log")
    SKIPPED=$((SKIPPED + skipped))
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
        fail "$name: ctest exited with status $rc"
    fi
}

# --------------------------------------------------------- 1 and 2: ctest

ctest_stage "debug" build-test -DCMAKE_BUILD_TYPE=Debug -DDYAD_WERROR=ON

ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:strict_string_checks=1}
UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export ASAN_OPTIONS UBSAN_OPTIONS
ctest_stage "asan+ubsan" build-asan -DCMAKE_BUILD_TYPE=Debug -DDYAD_SANITIZE=ON \
    -DDYAD_WERROR=ON

# ------------------------------------------------------------- 3: fuzzing

HARNESSES=(reader dict)
declare -A MAX_LEN=([reader]=16384 [dict]=8192)

fuzz_stage() {
    local dir=build-fuzz
    say "fuzz: configure and build in $dir (clang, libFuzzer, ASan+UBSan)"
    mkdir -p "$dir"
    if ! quietly "$dir/configure.log" cmake -S "$ROOT" -B "$dir" -DCMAKE_C_COMPILER=clang \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDYAD_FUZZ=ON; then
        fail "fuzz: cmake configure"
        return
    fi
    local targets=()
    for h in "${HARNESSES[@]}"; do targets+=(--target "fuzz_$h"); done
    if ! quietly "$dir/build.log" cmake --build "$dir" -j"$JOBS" "${targets[@]}"; then
        fail "fuzz: build"
        return
    fi
    # the harnesses' temporary files: libFuzzer exits without cleaning up
    # after a crash or a timeout, so keep them in the build tree
    rm -rf "$dir/tmp"
    mkdir -p "$dir/tmp"
    export TMPDIR=$ROOT/$dir/tmp
    local symbolizer
    symbolizer=$(command -v llvm-symbolizer || command -v llvm-symbolizer-14 || true)
    [ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer

    # replay every saved input first: they are regression tests
    for h in "${HARNESSES[@]}"; do
        local saved=()
        for f in fuzz/crashes/"$h"-*; do
            [ -f "$f" ] && saved+=("$f")
        done
        [ ${#saved[@]} -eq 0 ] && continue
        say "fuzz: replaying ${#saved[@]} saved input(s) through fuzz_$h"
        if quietly "$dir/replay-$h.log" "$dir/fuzz_$h" -timeout=10 "${saved[@]}"; then
            PASSED=$((PASSED + 1))
            echo "ok"
        else
            fail "fuzz: replay of fuzz/crashes/$h-* (log: $dir/replay-$h.log)"
        fi
    done

    if [ "$FUZZ_TIME" -le 0 ]; then
        echo "DYAD_FUZZ_TIME=0: fuzzing skipped"
        return
    fi
    say "fuzz: running ${HARNESSES[*]} for ${FUZZ_TIME}s each, in parallel"
    local pids=() h
    for h in "${HARNESSES[@]}"; do
        mkdir -p "$dir/corpus/$h" "$dir/artifacts"
        "$dir/fuzz_$h" "$dir/corpus/$h" "fuzz/corpus/$h" -max_total_time="$FUZZ_TIME" \
            -timeout=10 -rss_limit_mb=2048 -max_len="${MAX_LEN[$h]}" -print_final_stats=1 \
            -artifact_prefix="$dir/artifacts/$h-" >"$dir/fuzz-$h.log" 2>&1 &
        pids+=($!)
    done
    local i=0
    for h in "${HARNESSES[@]}"; do
        local rc=0
        wait "${pids[$i]}" || rc=$?
        i=$((i + 1))
        local runs
        runs=$(grep -E '^stat::number_of_executed_units' "$dir/fuzz-$h.log" | awk '{print $2}')
        if [ "$rc" -eq 0 ]; then
            PASSED=$((PASSED + 1))
            echo "fuzz_$h: ok, ${runs:-?} inputs in ${FUZZ_TIME}s"
        else
            echo "fuzz_$h: FAILED (exit $rc); the end of $dir/fuzz-$h.log:"
            grep -vE '^(#[0-9]+|stat::|INFO:)' "$dir/fuzz-$h.log" | tail -n 60
            fail "fuzz: fuzz_$h (reproducer in $dir/artifacts/)"
        fi
    done
}

if command -v clang >/dev/null 2>&1; then
    fuzz_stage
else
    say "fuzz: clang not found, fuzzing skipped (bash scripts/install-deps.sh installs it)"
fi

# ---------------------------------------------------------------- summary

say "summary"
[ "$SKIPPED" -gt 0 ] && echo "$SKIPPED ctest test(s) skipped (counted as passed, as ctest does)"
for f in "${FAILURES[@]}"; do
    echo "FAILED: $f"
done
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
