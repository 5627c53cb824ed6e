#!/usr/bin/env bash
# dict_seed.sh -- the news report dyad was created from (../shared/seed/),
# coded with the default dictionary, gives the events a reader finds in it:
#   Xi Jinping (CHNGOV) meets Sergey Lavrov (RUSGOV), a 04x event;
#   Lavrov visits China (042);
#   Lavrov meets Wang Yi (CHNGOV), a 04x event;
#   China holds talks with Switzerland (04x);
# and no event has the adjective "Chinese" alone as its source.
#
#   bash dict_seed.sh DYAD SOURCE_DIR SHARED_DIR
set -u

DYAD=$1
SHARED=$3
SEED=$SHARED/seed/000_222f0b8c8e4abb19.txt
if [ ! -f "$SEED" ]; then
    echo "skipped: $SEED not found (the seed report is in ../shared only)"
    exit 77
fi
if ! command -v python3 >/dev/null 2>&1; then
    echo "skipped: python3 is needed to read the JSONL output"
    exit 77
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DYAD_DICT

# The report is from 9 April 2024 (it says "on Tuesday").
if ! timeout 60 "$DYAD" code --in text --date 2024-04-09 "$SEED" >"$TMP/seed.jsonl" 2>"$TMP/err"; then
    echo "FAIL: dyad code failed: $(cat "$TMP/err")"
    exit 1
fi

python3 - "$TMP/seed.jsonl" <<'EOF'
import json
import sys

events = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
failed = False


def fail(message):
    global failed
    failed = True
    print("FAIL: " + message)


def actor(e, side):
    return e[side] or {"code": "", "entry": "", "text": None}


def find(what, test):
    if not any(test(e) for e in events):
        fail("no event: " + what)


def consult(e):
    return e["code"].startswith("04")


def between(e, a, b):
    """a and b are (code prefix, entry word or None) for either side."""
    def fits(x, want):
        return x["code"].startswith(want[0]) and (want[1] is None or want[1] in x["entry"])
    s, t = actor(e, "source"), actor(e, "target")
    return (fits(s, a) and fits(t, b)) or (fits(s, b) and fits(t, a))


find("Xi Jinping (CHNGOV) meets Sergey Lavrov (RUSGOV), 04x",
     lambda e: consult(e) and actor(e, "source")["code"] == "CHNGOV"
     and "XI_JINPING" in actor(e, "source")["entry"]
     and actor(e, "target")["code"] == "RUSGOV" and "LAVROV" in actor(e, "target")["entry"])
find("Lavrov (RUSGOV) visits China, 042",
     lambda e: e["code"] == "042" and actor(e, "source")["code"] == "RUSGOV"
     and "LAVROV" in actor(e, "source")["entry"] and actor(e, "target")["code"].startswith("CHN"))
find("Lavrov (RUSGOV) meets Wang Yi (CHNGOV), 04x",
     lambda e: consult(e) and between(e, ("RUSGOV", "LAVROV"), ("CHNGOV", "WANG_YI")))
find("China holds talks with Switzerland, 04x",
     lambda e: consult(e) and between(e, ("CHN", None), ("CHE", None)))
for e in events:
    if actor(e, "source")["text"] == "Chinese":
        fail("the adjective \"Chinese\" alone is the source of %s in sentence %d"
             % (e["code"], e["sentence"]))
sys.exit(1 if failed else 0)
EOF
