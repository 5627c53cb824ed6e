#!/usr/bin/env bash
# bench/run.sh -- dyad's throughput and memory benchmark.
#
# Measures, on the Reuters-21578 newswire and TABARI's standard CAMEO
# dictionaries (both read from ../shared, never copied):
#   (a) dictionary load: text sources vs. the compiled .dyd file
#   (b) coding speed with 1 and 2 threads: sentences/s, MB/s, peak RSS
#   (c) memory: the input twice over must not need much more memory
#
# Usage: bench/run.sh            (from anywhere; see bench/README.md)
# Environment:
#   DYAD_SHARED   shared data folder          (default: <repo>/../shared)
#   DYAD_BUILD    Release build directory     (default: <repo>/build-release)
#   DYAD          dyad binary to measure      (default: $DYAD_BUILD/dyad; set
#                 it to skip the build)
#   DYAD_PROJECT  dictionary to measure (default: TABARI's CAMEO.std.project
#                 from the shared folder; data/dyad/dyad.project is dyad's own)
#   BENCH_REPEAT  runs per load measurement, best one kept (default: 5)
#   CODE_REPEAT   runs per coding measurement, best one kept (default: 3)
#
# Exits 0 when ../shared is absent (nothing to measure), 1 when a step fails.

set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${DYAD_SHARED:-$ROOT/../shared}
BUILD=${DYAD_BUILD:-$ROOT/build-release}
OUT=$ROOT/bench/out
REPEAT=${BENCH_REPEAT:-5}
CODE_REPEAT=${CODE_REPEAT:-3}
PROJECT=${DYAD_PROJECT:-$SHARED/data/tabari/CAMEO.std.project}
REUTERS_SRC=$SHARED/data/news/reuters21578
INPUT=$OUT/reuters.jsonl
INPUT2=$OUT/reuters.2x.jsonl
DICT=$OUT/$(basename "$PROJECT" .project).dyd

# Floors dyad must meet (see bench/README.md)
FLOOR_SENT_PER_S=100000
FLOOR_LOAD_MS=100

say() { printf 'bench: %s\n' "$*" >&2; }

if [ ! -f "$PROJECT" ] || [ ! -d "$REUTERS_SRC" ]; then
    say "shared data not found under $SHARED (needs data/tabari and data/news/reuters21578);"
    say "skipping the benchmark."
    exit 0
fi

TIME_BIN=/usr/bin/time
if [ ! -x "$TIME_BIN" ]; then
    say "/usr/bin/time not found (Debian/Ubuntu: apt-get install time); peak RSS will show as n/a"
    TIME_BIN=
fi

mkdir -p "$OUT" || exit 1

# ---------------------------------------------------------------- build --
if [ -z "${DYAD:-}" ]; then
    DYAD=$BUILD/dyad
    if [ ! -f "$BUILD/CMakeCache.txt" ]; then
        say "configuring a Release build in $BUILD"
        cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release >&2 || { say "cmake configure failed"; exit 1; }
    fi
    say "building $DYAD"
    cmake --build "$BUILD" -j2 >&2 || { say "build failed"; exit 1; }
fi
if [ ! -x "$DYAD" ]; then
    say "no dyad binary at $DYAD"
    exit 1
fi

# ---------------------------------------------------------------- input --
if [ ! -s "$INPUT" ]; then
    say "extracting Reuters-21578 to $INPUT"
    if ! python3 "$ROOT/bench/extract_reuters.py" --src "$REUTERS_SRC" -o "$INPUT.tmp"; then
        say "extraction failed"
        rm -f "$INPUT.tmp"
        exit 1
    fi
    mv "$INPUT.tmp" "$INPUT" || exit 1
fi
if [ ! -s "$INPUT2" ] || [ "$INPUT2" -ot "$INPUT" ]; then
    cat "$INPUT" "$INPUT" > "$INPUT2" || exit 1
fi
INPUT_BYTES=$(wc -c < "$INPUT")
INPUT2_BYTES=$(wc -c < "$INPUT2")

# ------------------------------------------------------------- helpers --
FAILED=0
LAST_WALL=""      # seconds, from bash's clock (microseconds)
LAST_RSS_KB=""    # from /usr/bin/time -v
LAST_STDERR=""

now() { printf '%s' "${EPOCHREALTIME/,/.}"; }

# run_timed STDOUT_FILE CMD... : runs CMD with stdout to STDOUT_FILE, records
# wall time, peak RSS and stderr; returns CMD's exit status
run_timed() {
    local out=$1; shift
    local tfile efile t0 t1 rc
    tfile=$(mktemp) efile=$(mktemp)
    t0=$(now)
    if [ -n "$TIME_BIN" ]; then
        "$TIME_BIN" -v -o "$tfile" "$@" > "$out" 2> "$efile"
    else
        "$@" > "$out" 2> "$efile"
    fi
    rc=$?
    t1=$(now)
    LAST_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    LAST_RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tfile" 2>/dev/null)
    LAST_STDERR=$(cat "$efile")
    rm -f "$tfile" "$efile"
    return $rc
}

fail() {
    FAILED=1
    say "FAILED: $1"
    [ -n "$LAST_STDERR" ] && printf '%s\n' "$LAST_STDERR" | tail -n 5 | sed 's/^/  | /' >&2
}

mb() { awk -v k="${1:-}" 'BEGIN { if (k == "") print "n/a"; else printf "%.1f", k / 1024 }'; }

ROWS=()
row() { ROWS+=("$(printf '%-34s %9s %12s %8s %10s' "$@")"); }

# best_of N LABEL CMD... : runs a load command N times, keeps the fastest
best_of() {
    local n=$1 label=$2; shift 2
    local best="" best_rss="" i
    for ((i = 0; i < n; i++)); do
        if ! run_timed /dev/null "$@"; then
            fail "$label: $*"
            row "$label" "failed" "" "" ""
            return 1
        fi
        if [ -z "$best" ] || awk -v a="$LAST_WALL" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$LAST_WALL best_rss=$LAST_RSS_KB
        fi
    done
    LAST_WALL=$best LAST_RSS_KB=$best_rss
    row "$label" "$(awk -v s="$best" 'BEGIN { printf "%.1f ms", s * 1000 }')" "" "" "$(mb "$best_rss")"
}

# code_run LABEL INPUT BYTES THREADS [CORES] : codes INPUT, adds a table
# row; with CORES (e.g. 0) the process is pinned there with taskset, so
# that reading, coding and writing all share those cores
CODE_RSS_KB=""
code_run() {
    local label=$1 input=$2 bytes=$3 threads=$4 cores=${5:-}
    local summary sents secs rate mbs pin=() best="" best_rss="" k
    [ -n "$cores" ] && pin=(taskset -c "$cores")
    # best of CODE_REPEAT runs: the machines here are shared and noisy
    for ((k = 0; k < CODE_REPEAT; k++)); do
        if ! run_timed /dev/null "${pin[@]}" "$DYAD" code --in jsonl --dict "$DICT" --out tsv \
                --threads "$threads" "$input"; then
            fail "$label: dyad code --threads $threads"
            row "$label" "failed" "" "" ""
            CODE_RSS_KB=""
            return 1
        fi
        # the summary line, e.g. "dyad: 19043 documents, 106604 sentences,
        # 4789 events in 0.927 s (...; dictionaries loaded in 0.020 s)"
        summary=$(printf '%s\n' "$LAST_STDERR" | grep -E 'documents?, [0-9]+ sentences?' | tail -n 1)
        sents=$(printf '%s\n' "$summary" | sed -nE 's/.*documents?, ([0-9]+) sentences?.*/\1/p')
        secs=$(printf '%s\n' "$summary" | sed -nE 's/.* events in ([0-9.]+) s.*/\1/p')
        if [ -z "$secs" ]; then
            secs=$LAST_WALL
            [ -n "$summary" ] || say "$label: no summary line on stderr; using wall time, sentences/s unknown"
        fi
        if [ -z "$best" ] || awk -v a="$secs" -v b="$best" 'BEGIN { exit !(a < b) }'; then
            best=$secs
        fi
        # peak memory: the largest of the runs
        if [ -z "$best_rss" ] || [ "${LAST_RSS_KB:-0}" -gt "$best_rss" ]; then
            best_rss=${LAST_RSS_KB:-0}
        fi
    done
    secs=$best
    CODE_RSS_KB=$best_rss
    if [ -n "$sents" ]; then
        rate=$(awk -v n="$sents" -v s="$secs" 'BEGIN { if (s > 0) printf "%.0f", n / s; else print "inf" }')
    else
        rate="n/a"
    fi
    mbs=$(awk -v b="$bytes" -v s="$secs" 'BEGIN { if (s > 0) printf "%.1f", b / 1e6 / s; else print "inf" }')
    row "$label" "$(printf '%.2f s' "$secs")" "$rate" "$mbs" "$(mb "$CODE_RSS_KB")"
    LAST_RATE=$rate
    return 0
}

# ------------------------------------------------------- (a) dictionary --
say "compiling $PROJECT -> $DICT"
rm -f "$DICT"
if run_timed /dev/null "$DYAD" dict compile --project "$PROJECT" -o "$DICT"; then
    row "dict compile (text -> .dyd)" "$(printf '%.2f s' "$LAST_WALL")" "" "" "$(mb "$LAST_RSS_KB")"
else
    fail "dyad dict compile"
    row "dict compile (text -> .dyd)" "failed" "" "" ""
fi

LOAD_MS=""
if [ -s "$DICT" ]; then
    say "timing dictionary loads (best of $REPEAT)"
    if best_of "$REPEAT" "load compiled (dict stats --dict)" "$DYAD" dict stats --dict "$DICT"; then
        LOAD_MS=$(awk -v s="$LAST_WALL" 'BEGIN { printf "%.1f", s * 1000 }')
    fi
fi
best_of "$REPEAT" "load text (dict stats --project)" "$DYAD" dict stats --project "$PROJECT"

# ----------------------------------------------------------- (b) coding --
RATE1=""
RSS_1X=""
if [ -s "$DICT" ]; then
    say "coding $INPUT ($((INPUT_BYTES / 1000000)) MB) with 1 and 2 threads"
    LAST_RATE=""
    if code_run "code, 1 thread" "$INPUT" "$INPUT_BYTES" 1; then
        RATE1=$LAST_RATE RSS_1X=$CODE_RSS_KB
    fi
    if command -v taskset >/dev/null 2>&1; then
        code_run "code, 1 thread, pinned to 1 core" "$INPUT" "$INPUT_BYTES" 1 0 &&
            RATE1=$LAST_RATE
    else
        say "taskset not found: the one-core figure is not pinned"
    fi
    code_run "code, 2 threads" "$INPUT" "$INPUT_BYTES" 2

    # ------------------------------------------------------ (c) memory --
    say "coding the input twice over (memory must not grow with input size)"
    RSS_2X=""
    if code_run "code 2x input, 1 thread" "$INPUT2" "$INPUT2_BYTES" 1; then
        RSS_2X=$CODE_RSS_KB
    fi
fi

# ---------------------------------------------------------------- report --
printf '\ndyad benchmark: %s, %s\n' "$(basename "$PROJECT")" "Reuters-21578 ($INPUT_BYTES bytes of JSONL)"
printf '%-34s %9s %12s %8s %10s\n' "step" "time" "sentences/s" "MB/s" "peak RSS MB"
printf '%s\n' "-----------------------------------------------------------------------------"
for r in "${ROWS[@]}"; do printf '%s\n' "$r"; done
printf '\n'

if [ -n "$LOAD_MS" ]; then
    verdict=$(awk -v v="$LOAD_MS" -v f="$FLOOR_LOAD_MS" 'BEGIN { print (v < f) ? "ok" : "ABOVE FLOOR" }')
    printf 'compiled dictionary load: %s ms (floor: < %s ms) %s\n' "$LOAD_MS" "$FLOOR_LOAD_MS" "$verdict"
fi
if [ -n "$RATE1" ] && [ "$RATE1" != "n/a" ]; then
    verdict=$(awk -v v="$RATE1" -v f="$FLOOR_SENT_PER_S" 'BEGIN { print (v == "inf" || v >= f) ? "ok" : "BELOW FLOOR" }')
    printf 'coding, one core: %s sentences/s (floor: %s; TABARI: ~6,500) %s\n' "$RATE1" "$FLOOR_SENT_PER_S" "$verdict"
fi
if [ -n "$RSS_1X" ] && [ -n "${RSS_2X:-}" ]; then
    awk -v a="$RSS_1X" -v b="$RSS_2X" 'BEGIN {
        g = (a > 0) ? (b - a) * 100 / a : 0
        printf "memory: peak RSS %.1f MB on 1x input, %.1f MB on 2x input (%+.0f%%) %s\n",
               a / 1024, b / 1024, g, (g <= 20) ? "ok" : "GROWS WITH INPUT"
    }'
fi

if [ "$FAILED" -ne 0 ]; then
    say "some steps failed (see above)"
    exit 1
fi
exit 0
