#!/usr/bin/env python3
"""accuracy.py -- how well a dictionary codes the field's reference sentences.

Runs `dyad code` over three sets and prints one Markdown table per set:

  codebook  the example sentences of the CAMEO 1.1b3 codebook
            (shared/data/cameo/codebook/icews_cameo-codes.csv): the share of
            sentences whose first event has the gold CAMEO root, and the share
            with the exact gold code;
  plover    the PLOVER gold-standard records
            (shared/data/cameo/plover_gsr/PLOVER_GSR_CAMEO.txt; their dates
            are all a 2000-01-01 placeholder, so they are coded undated): the share
            whose first event maps, through CAMEO2PLOVER-2021.txt, to the gold
            PLOVER event type, and how often its source and target are right
            (their three-letter country or IGO/NGO/IMG code) where the gold
            marks them. The gold's 2016 type names that the 2021 map renamed
            (DEMAND, DISAPPROVE, INVESTIGATE, FIGHT) are compared under their
            2021 names (REQUEST, ACCUSE, ACCUSE, ASSAULT), as the PLOVER
            manual's table of CAMEO equivalents gives them;
  reuters   Reuters-21578 story bodies, news with little politics: events per
            1,000 sentences, a measure of false events. --sample N prints N
            events drawn at random (fixed seed) with their context, to be
            judged by hand.

Every set is coded with the dictionary under test (--project, default dyad's
own) and, unless --no-baseline, with TABARI's standard CAMEO dictionaries
(shared/data/tabari/CAMEO.std.project) run through dyad, side by side. The
sets are a regression suite, not a target: dictionaries must be general.

"First event" is the first event dyad writes for the document: events come in
sentence order and, within a sentence, in the order dyad codes them.

Needs only Python's standard library. Exits 77 (skip) when the shared data
is absent, as the tests do. Usage, from the repository root:

  python3 scripts/accuracy.py                      # all sets, both dictionaries
  python3 scripts/accuracy.py --set codebook --roots 13-20 --show-misses
  python3 scripts/accuracy.py --set reuters --sample 30
"""

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dyad", default=os.path.join(ROOT, "build-release", "dyad"),
                   help="the dyad binary (default: build-release/dyad)")
    p.add_argument("--project", default=os.path.join(ROOT, "data", "dyad", "dyad.project"),
                   help="dictionary under test (default: dyad's own)")
    p.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"),
                   help="the shared data folder (default: ../shared)")
    p.add_argument("--set", default="codebook,plover,reuters",
                   help="comma-separated: codebook, plover, reuters")
    p.add_argument("--roots", help="only gold codes in these CAMEO roots, e.g. 01-05 or 14")
    p.add_argument("--show-misses", action="store_true",
                   help="list each sentence whose first event is wrong")
    p.add_argument("--no-baseline", action="store_true",
                   help="do not run TABARI's CAMEO dictionaries beside")
    p.add_argument("--sample", type=int, default=0,
                   help="reuters: print this many random events for judging")
    p.add_argument("--seed", type=int, default=2026, help="random seed for --sample")
    p.add_argument("--max-docs", type=int, default=0,
                   help="reuters: code only the first N stories (0: all)")
    return p.parse_args()


def root_filter(spec):
    """A predicate on gold codes from "01-05" or "14"."""
    if not spec:
        return lambda code: True
    lo, _, hi = spec.partition("-")
    lo, hi = int(lo), int(hi or lo)
    return lambda code: lo <= int(code[:2]) <= hi


def run_dyad(args, project, docs):
    """Codes `docs` (dicts with id and text); returns the events of each
    document id in output order, and the number of sentences dyad read."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
        path = f.name
    try:
        cmd = [args.dyad, "code", "--in", "jsonl", "--quiet", "--project", project, path]
        out = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             check=False)
    finally:
        os.unlink(path)
    if out.returncode not in (0, 1):
        sys.exit("accuracy: %s failed (%d): %s" % (" ".join(cmd), out.returncode,
                                                   out.stderr.decode(errors="replace")))
    events = {}
    for line in out.stdout.decode("utf-8").splitlines():
        e = json.loads(line)
        events.setdefault(e["doc_id"], []).append(e)
    m = re.search(r"(\d+) sentences", out.stderr.decode(errors="replace"))
    return events, int(m.group(1)) if m else 0


def clean_text(s):
    """The codebook CSV holds apostrophes as runs of U+FFFD; make them "'"."""
    return re.sub("\ufffd+", "'", s).strip()


# ------------------------------------------------------------ codebook

def codebook_docs(shared, keep):
    path = os.path.join(shared, "data/cameo/codebook/icews_cameo-codes.csv")
    docs = []
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        for row in csv.DictReader(f):
            text = (row.get("example") or "").strip()
            if not text or text == "NA" or not keep(row["code"]):
                continue
            docs.append({"id": "cb-" + row["code"], "text": clean_text(text),
                         "gold": row["code"]})
    return docs


def score_codebook(docs, events):
    n = len(docs)
    coded = root_ok = exact = 0
    misses = []
    for d in docs:
        ev = events.get(d["id"])
        first = ev[0]["code"] if ev else None
        coded += first is not None
        ok_root = first is not None and first[:2] == d["gold"][:2]
        root_ok += ok_root
        exact += first == d["gold"]
        if not ok_root:
            misses.append((d["gold"], first or "-", d["text"]))
    return {"n": n, "coded": coded, "root": root_ok, "exact": exact, "misses": misses}


# -------------------------------------------------------------- plover

def load_plover_map(shared):
    """CAMEO code -> PLOVER event type, from CAMEO2PLOVER-2021.txt."""
    path = os.path.join(shared, "data/cameo/plover_gsr/CAMEO2PLOVER-2021.txt")
    m = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            code, _, rest = line.partition(":")
            kind = rest.split(",")[0].strip()
            if code.strip().isdigit() and kind:
                m[code.strip()] = kind
    return m


# The gold records (PLOVER 0.5b1, 2016) name four types that the 2021 map
# renamed or merged; the PLOVER manual's table of CAMEO equivalents gives the
# correspondence. Gold types are compared under their 2021 names.
GOLD_RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                "FIGHT": "ASSAULT"}


def plover_of(code, cmap):
    """The PLOVER type of a CAMEO code: its own entry, or its nearest parent's."""
    code = code.rstrip("?!")
    for n in range(len(code), 1, -1):
        if code[:n] in cmap:
            return cmap[code[:n]]
    return None


def plover_docs(shared):
    path = os.path.join(shared, "data/cameo/plover_gsr/PLOVER_GSR_CAMEO.txt")
    with open(path, encoding="utf-8", errors="replace") as f:
        records = json.load(f)
    docs = []
    for r in records:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        def codes(key):
            actors = r.get(key)
            if not isinstance(actors, list):
                return []
            return sorted({a["code"][:3] for a in actors
                           if isinstance(a, dict) and a.get("code")})
        gold = GOLD_RENAMED.get(r["event"], r["event"])
        d = {"id": r["id"], "text": r["text"].strip(), "gold": gold,
             "source": codes("source"), "target": codes("target")}
        docs.append(d)
    return docs


def score_plover(docs, events, cmap):
    s = {"n": len(docs), "coded": 0, "type": 0, "src_n": 0, "src": 0, "tgt_n": 0,
         "tgt": 0, "misses": []}
    for d in docs:
        ev = events.get(d["id"])
        first = ev[0] if ev else None
        kind = plover_of(first["code"], cmap) if first else None
        s["coded"] += first is not None
        s["type"] += kind == d["gold"]
        if d["source"]:
            s["src_n"] += 1
            s["src"] += bool(first) and first["source"]["code"][:3] in d["source"]
        if d["target"]:
            s["tgt_n"] += 1
            s["tgt"] += bool(first) and bool(first["target"]) and \
                first["target"]["code"][:3] in d["target"]
        if kind != d["gold"]:
            s["misses"].append((d["gold"], "%s %s" % (first["code"], kind) if first else "-",
                                d["text"]))
    return s


# ------------------------------------------------------------- reuters

def reuters_docs(args):
    src = os.path.join(args.shared, "data/news/reuters21578")
    tmp = tempfile.NamedTemporaryFile(suffix=".jsonl", delete=False)
    tmp.close()
    subprocess.run([sys.executable, os.path.join(ROOT, "bench", "extract_reuters.py"),
                    "--src", src, "-o", tmp.name], check=True)
    docs = []
    with open(tmp.name, encoding="utf-8") as f:
        for line in f:
            docs.append(json.loads(line))
            if args.max_docs and len(docs) >= args.max_docs:
                break
    os.unlink(tmp.name)
    return docs


def print_sample(docs, events, n, seed):
    text = {d["id"]: d["text"] for d in docs}
    flat = [e for evs in events.values() for e in evs]
    random.Random(seed).shuffle(flat)
    print("\nRandom sample of %d events (seed %d):\n" % (min(n, len(flat)), seed))
    for i, e in enumerate(flat[:n], 1):
        body = text.get(e["doc_id"], "")
        sides = (e["source"], e["target"] or {}, e["verb"])
        spans = [x["span"] for x in sides if x.get("span")]
        lo = max(0, min(s[0] for s in spans) - 60)
        hi = min(len(body), max(s[1] for s in spans) + 60)
        context = " ".join(body[lo:hi].split())
        print("%d. %s %s -> %s %s  [%s | %s | %s]\n   ...%s...\n" % (
            i, e["doc_id"], e["source"]["code"], (e["target"] or {}).get("code", "-"), e["code"],
            e["source"].get("text"), e["verb"].get("text"), (e["target"] or {}).get("text"),
            context))


# --------------------------------------------------------------- report

def pct(a, b):
    return "%.1f%%" % (100.0 * a / b) if b else "-"


def dictionaries(args):
    dicts = [("dyad", args.project)]
    tabari = os.path.join(args.shared, "data/tabari/CAMEO.std.project")
    if not args.no_baseline:
        dicts.append(("TABARI CAMEO.std", tabari))
    return dicts


def report_misses(name, misses):
    print("\nMisses with %s (%d): gold | first event | sentence" % (name, len(misses)))
    for gold, got, text in misses:
        print("  %-6s | %-14s | %s" % (gold, got, text))


def main():
    args = parse_args()
    sets = [s.strip() for s in args.set.split(",") if s.strip()]
    if not os.path.isdir(os.path.join(args.shared, "data", "cameo")):
        print("accuracy: skipped: shared data not found under %s" % args.shared)
        return 77
    if not os.access(args.dyad, os.X_OK):
        sys.exit("accuracy: no dyad binary at %s (build it, or give --dyad)" % args.dyad)
    keep = root_filter(args.roots)
    if "codebook" in sets:
        docs = codebook_docs(args.shared, keep)
        print("\n## CAMEO codebook examples (%d sentences%s)\n" % (
            len(docs), ", roots " + args.roots if args.roots else ""))
        print("| dictionary | coded | first event: gold root | first event: exact code |")
        print("|---|---|---|---|")
        for name, project in dictionaries(args):
            s = score_codebook(docs, run_dyad(args, project, docs)[0])
            print("| %s | %s | %d (%s) | %d (%s) |" % (
                name, pct(s["coded"], s["n"]), s["root"], pct(s["root"], s["n"]),
                s["exact"], pct(s["exact"], s["n"])))
            if args.show_misses and name == "dyad":
                report_misses(name, s["misses"])
    if "plover" in sets:
        cmap = load_plover_map(args.shared)
        docs = plover_docs(args.shared)
        print("\n## PLOVER gold records (%d sentences)\n" % len(docs))
        print("| dictionary | coded | first event: gold PLOVER type | source right "
              "(gold marks one) | target right (gold marks one) |")
        print("|---|---|---|---|---|")
        for name, project in dictionaries(args):
            s = score_plover(docs, run_dyad(args, project, docs)[0], cmap)
            print("| %s | %s | %d (%s) | %d of %d (%s) | %d of %d (%s) |" % (
                name, pct(s["coded"], s["n"]), s["type"], pct(s["type"], s["n"]),
                s["src"], s["src_n"], pct(s["src"], s["src_n"]),
                s["tgt"], s["tgt_n"], pct(s["tgt"], s["tgt_n"])))
            if args.show_misses and name == "dyad":
                report_misses(name, s["misses"])
    if "reuters" in sets:
        if not os.path.isdir(os.path.join(args.shared, "data/news/reuters21578")):
            print("accuracy: reuters skipped: no data/news/reuters21578")
        else:
            docs = reuters_docs(args)
            print("\n## Reuters-21578 bodies (%d stories): false events\n" % len(docs))
            print("| dictionary | sentences | events | events per 1,000 sentences |")
            print("|---|---|---|---|")
            for name, project in dictionaries(args):
                events, n_sent = run_dyad(args, project, docs)
                n_events = sum(len(v) for v in events.values())
                print("| %s | %d | %d | %.1f |" % (name, n_sent, n_events,
                                                   1000.0 * n_events / max(n_sent, 1)))
                if args.sample and name == "dyad":
                    print_sample(docs, events, args.sample, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
