#!/usr/bin/env python3
"""Extract the Reuters-21578 stories as JSONL for dyad's benchmarks.

Reads the reut2-*.sgm files of the Reuters-21578 collection (Distribution 1.0),
takes every <REUTERS> story that has a <BODY>, and writes one JSON object per
line:

    {"id": "<NEWID>", "date": "YYYY-MM-DD", "text": "<body>", "title": "<title>"}

The SGML is not clean XML (stray "<", control characters, Latin-1 bytes), so it
is read as Latin-1 and taken apart with regular expressions. In the body:
entities are unescaped, the trailing " Reuter" signature and the &#3; end mark
are dropped, control characters are removed, and, unless --raw is given, the
hard-wrapped lines of each paragraph are joined with spaces and paragraphs are
separated by a blank line.

Usage:
    bench/extract_reuters.py [--src DIR] [-o FILE] [--raw]

Standard library only. Counts are reported on stderr.
"""

import argparse
import glob
import html
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SRC = os.path.normpath(
    os.path.join(HERE, "..", "..", "shared", "data", "news", "reuters21578"))

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

STORY_RE = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
NEWID_RE = re.compile(r'\bNEWID="(\d+)"')
DATE_RE = re.compile(r"<DATE>\s*(\d{1,2})-([A-Za-z]{3})-(\d{4})")
TITLE_RE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
BODY_RE = re.compile(r"<BODY>(.*?)</BODY>", re.S)
# the end-of-story mark (&#3;) and the wire signature before it (" Reuter",
# also "REUTER", "REUTERS", sometimes alone in its own paragraph)
END_MARK_RE = re.compile(r"\s*(?:&#3;|\x03)\s*\Z")
# ("REUTER..." on a few, twice on one); it starts a line or follows the end
# of the last sentence, so "... told Reuters." is left alone
SIGNATURE_RE = re.compile(
    r"(?:\n|(?<=[.!?\"')])[ \t])[ \t]*(?:&\\t)?[ \t]*Reuters?(?:\.\.\.)?\s*\Z", re.I)
# paragraph marks as stored in this copy: a literal "&\t" at the start of a line
PARA_MARK_RE = re.compile(r"(?m)^[ \t]*&\\t")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean_text(raw, unwrap):
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = END_MARK_RE.sub("", text)
    text = "\n" + text
    for _ in range(2):
        text = SIGNATURE_RE.sub("", text)
    text = PARA_MARK_RE.sub("\x00PARA\x00", text)
    text = html.unescape(text)
    text = text.replace("\x00PARA\x00", "\n\n")
    text = text.replace("\t", " ")
    text = CONTROL_RE.sub("", text)
    paras = re.split(r"\n\s*\n", text)
    out = []
    for p in paras:
        lines = [ln.strip() for ln in p.split("\n")]
        lines = [ln for ln in lines if ln]
        if not lines:
            continue
        if unwrap:
            out.append(re.sub(r" {2,}", " ", " ".join(lines)))
        else:
            out.append("\n".join(lines))
    return "\n\n".join(out)


def iso_date(story):
    m = DATE_RE.search(story)
    if not m:
        return None
    day, mon, year = int(m.group(1)), MONTHS.get(m.group(2).upper()), int(m.group(3))
    if mon is None:
        return None
    return "%04d-%02d-%02d" % (year, mon, day)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", default=DEFAULT_SRC,
                    help="directory holding reut2-*.sgm (default: %(default)s)")
    ap.add_argument("-o", "--output", help="write JSONL here instead of stdout")
    ap.add_argument("--raw", action="store_true",
                    help="keep the original line breaks inside paragraphs")
    args = ap.parse_args(argv)

    files = sorted(glob.glob(os.path.join(args.src, "reut2-*.sgm")))
    if not files:
        print("extract_reuters: no reut2-*.sgm files in %s" % args.src, file=sys.stderr)
        return 2

    out = open(args.output, "w", encoding="utf-8", newline="\n") if args.output else sys.stdout
    stories = written = no_body = empty = no_date = 0
    chars = 0
    out_bytes = 0
    try:
        for path in files:
            with open(path, "rb") as f:
                data = f.read().decode("latin-1")
            for m in STORY_RE.finditer(data):
                stories += 1
                attrs, story = m.group(1), m.group(2)
                body = BODY_RE.search(story)
                if not body:
                    no_body += 1
                    continue
                text = clean_text(body.group(1), unwrap=not args.raw)
                if not text:
                    empty += 1
                    continue
                newid = NEWID_RE.search(attrs)
                date = iso_date(story)
                if date is None:
                    no_date += 1
                title = TITLE_RE.search(story)
                rec = {
                    "id": newid.group(1) if newid else str(stories),
                    "date": date,
                    "text": text,
                    "title": clean_text(title.group(1), True) if title else "",
                }
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                out.write(line)
                written += 1
                chars += len(text)
                out_bytes += len(line.encode("utf-8"))
    finally:
        if args.output:
            out.close()
        else:
            out.flush()

    print("extract_reuters: %d files, %d stories, %d written, %d without BODY, "
          "%d empty, %d without date; %d characters of text (%.1f MB), %.1f MB JSONL"
          % (len(files), stories, written, no_body, empty, no_date, chars,
             chars / 1e6, out_bytes / 1e6), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
