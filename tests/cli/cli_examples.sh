#!/usr/bin/env bash
# cli_examples.sh -- "dyad code" on examples/ with the default dictionary
# (data/dyad, compiled at build time), as the README's first command runs it:
# the TSV output must equal tests/golden/examples.tsv byte for byte, and
# the JSONL output must hold the same events, every line valid JSON with
# the fields of the output contract, and every span must slice the
# document text (in code points, as Python does) to the text it quotes.
#
#   bash cli_examples.sh DYAD SOURCE_DIR SHARED_DIR
#
# The golden file is generated, by this one command from the source dir:
#   build-release/dyad code --in jsonl examples/articles.jsonl --out tsv \
#       > tests/golden/examples.tsv
# Regenerate it only after checking by eye that a change in the events is
# an improvement.
set -u

DYAD=$1
SRC=$2
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
FAILED=0

fail() {
    echo "FAIL: $*"
    FAILED=1
}

unset DYAD_DICT
cd "$SRC" || exit 2
ARTICLES=examples/articles.jsonl

# --- TSV against the golden file
timeout 60 "$DYAD" code --in jsonl "$ARTICLES" --out tsv \
    >"$TMP/out.tsv" 2>"$TMP/err.txt"
rc=$?
[ "$rc" -eq 0 ] || fail "dyad code --out tsv exited $rc"
if ! diff -u tests/golden/examples.tsv "$TMP/out.tsv"; then
    fail "TSV output differs from tests/golden/examples.tsv"
fi
# stderr: only the summary line
if [ "$(wc -l <"$TMP/err.txt")" -ne 1 ] ||
    ! grep -Eq '^dyad: 5 documents, 29 sentences, 23 events in [0-9.]+ s \(' "$TMP/err.txt"; then
    fail "unexpected stderr:"
    cat "$TMP/err.txt"
fi
# 7 tab-separated columns on every line
bad=$(awk -F'\t' 'NF != 7' "$TMP/out.tsv" | wc -l)
[ "$bad" -eq 0 ] || fail "$bad TSV lines without 7 columns"

# --- the same run twice gives the same bytes
timeout 60 "$DYAD" code --in jsonl "$ARTICLES" --out tsv \
    >"$TMP/again.tsv" 2>/dev/null
cmp -s "$TMP/out.tsv" "$TMP/again.tsv" || fail "two runs differ"

# --- stdin gives the same as a file
timeout 60 "$DYAD" code --in jsonl --out tsv <"$ARTICLES" \
    >"$TMP/stdin.tsv" 2>/dev/null
cmp -s "$TMP/out.tsv" "$TMP/stdin.tsv" || fail "stdin output differs from file output"

# --- a plain-text file codes like its JSONL line (the id is the file name)
timeout 60 "$DYAD" code --date 2024-04-09 examples/01-china-russia-ministers.txt --out tsv \
    >"$TMP/text.tsv" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] || fail "dyad code on a text file exited $rc"
grep $'\t01-china-russia-ministers\t' tests/golden/examples.tsv |
    sed 's/\t01-china-russia-ministers\t/\texamples\/01-china-russia-ministers.txt\t/' \
        >"$TMP/expect-text.tsv"
if ! diff -u "$TMP/expect-text.tsv" "$TMP/text.tsv"; then
    fail "text-file output differs from the JSONL output of the same article"
fi

# --- JSONL
timeout 60 "$DYAD" code --in jsonl "$ARTICLES" --out jsonl \
    >"$TMP/out.jsonl" 2>/dev/null
rc=$?
[ "$rc" -eq 0 ] || fail "dyad code --out jsonl exited $rc"
[ "$(wc -l <"$TMP/out.jsonl")" -eq "$(wc -l <tests/golden/examples.tsv)" ] ||
    fail "JSONL and TSV hold different numbers of events"

if command -v python3 >/dev/null 2>&1; then
    # every line parses
    if ! python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <"$TMP/out.jsonl"; then
        fail "a JSONL line is not JSON"
    fi
    # fields, spans, and agreement with the TSV
    if ! python3 - "$ARTICLES" "$TMP/out.jsonl" "$TMP/out.tsv" <<'EOF'; then
import json, sys
docs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    docs[d["id"]] = d
events = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
tsv = [l.rstrip("\n").split("\t") for l in open(sys.argv[3], encoding="utf-8")]
problems = []
for i, e in enumerate(events):
    where = "event %d" % (i + 1)
    for key in ("doc_id", "sentence", "code", "date", "source", "target", "verb"):
        if key not in e:
            problems.append("%s: no %s" % (where, key))
    if e.get("doc_id") not in docs:
        problems.append("%s: unknown doc_id %r" % (where, e.get("doc_id")))
        continue
    text = docs[e["doc_id"]]["text"]
    if not isinstance(e["sentence"], int) or e["sentence"] < 0:
        problems.append("%s: bad sentence %r" % (where, e["sentence"]))
    if e["source"] is None:
        problems.append("%s: no source" % where)
        continue
    for side in ("source", "target", "verb"):
        a = e[side]
        if a is None:  # an open target (SET: OPEN TARGETS)
            continue
        for key in ("text", "span") + (("code",) if side != "verb" else ()):
            if key not in a:
                problems.append("%s: %s has no %s" % (where, side, key))
        if a.get("span") is None or a.get("text") is None:
            continue
        s, t = a["span"]
        if not (0 <= s < t <= len(text)):
            problems.append("%s: %s span %r outside the text" % (where, side, a["span"]))
        elif text[s:t] != a["text"]:
            problems.append("%s: %s span %r slices %r, not %r"
                            % (where, side, a["span"], text[s:t], a["text"]))
    row = tsv[i]
    mine = [e["date"], e["source"]["code"], (e["target"] or {"code": ""})["code"], e["code"],
            e.get("label", ""), e["doc_id"], str(e["sentence"])]
    if row != mine:
        problems.append("%s: JSONL %r, TSV %r" % (where, mine, row))
    if e.get("root") != e["code"][:2]:
        problems.append("%s: root %r for code %r" % (where, e.get("root"), e["code"]))
    if e.get("source_name") != "Dyad Wire":
        problems.append("%s: source_name %r" % (where, e.get("source_name")))
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
        fail "JSONL events do not meet the output contract"
    fi
else
    echo "note: python3 not found; JSON checks skipped"
fi

# --- one event in full, as the output contract shows it
first=$(head -n 1 "$TMP/out.jsonl")
expected='{"doc_id":"01-china-russia-ministers","sentence":0,"date":"2024-04-09","code":"040","root":"04","label":"CONSULT","source":{"code":"CHNGOV","text":"Chinese Foreign Minister Wang Yi","span":[31,63],"entry":"WANG_YI_","agent_entry":"FOREIGN_MINISTER_"},"target":{"code":"RUSGOV","text":"Russian Foreign Minister Sergei Lavrov","span":[68,106],"entry":"SERGEI_LAVROV_","agent_entry":"FOREIGN_MINISTER_"},"verb":{"text":"met","span":[64,67],"entry":"MET_","pattern":"MET_","matched":"MET"},"source_name":"Dyad Wire"}'
[ "$first" = "$expected" ] || fail "first JSONL event is
  $first
expected
  $expected"

# --- --explain: one line per sentence before its events, saying what
# became of it; the events themselves are unchanged
timeout 60 "$DYAD" code --in jsonl "$ARTICLES" --out tsv --explain \
    >"$TMP/explain.tsv" 2>/dev/null
grep -v '^# ' "$TMP/explain.tsv" | diff -u tests/golden/examples.tsv - >/dev/null ||
    fail "--explain changed the events"
[ "$(grep -c '^# ' "$TMP/explain.tsv")" -eq 29 ] ||
    fail "--explain: $(grep -c '^# ' "$TMP/explain.tsv") sentence lines, expected 29"
line=$(grep -m 1 '^# 03-kenya-protest-arrests	5	' "$TMP/explain.tsv")
[ "$line" = "# 03-kenya-protest-arrests	5	no event	No events found in text	President William Ruto defended the finance bill in a speech on Thursday evening." ] ||
    fail "--explain: sentence line is '$line'"
timeout 60 "$DYAD" code --in jsonl "$ARTICLES" --explain \
    >"$TMP/explain.jsonl" 2>/dev/null
if command -v python3 >/dev/null 2>&1 &&
    ! python3 - "$ARTICLES" "$TMP/explain.jsonl" <<'EOF'; then
import json, sys
docs = {}
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    docs[d["id"]] = d["text"]
lines = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
sentences = [l for l in lines if "outcome" in l]
assert len(sentences) == 29, len(sentences)
for l in sentences:
    s, t = l["span"]
    assert docs[l["doc_id"]][s:t] == l["text"], l
    assert (l["outcome"] == "coded") == (l["events"] > 0), l
first = sentences[0]
assert first["outcome"] == "coded" and first["events"] == 1 and first["span"] == [31, 129], first
EOF
    fail "--explain JSONL sentence lines are wrong"
fi

exit $FAILED
