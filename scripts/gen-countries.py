#!/usr/bin/env python3
# gen-countries.py -- writes data/dyad/countries.actors, the countries and
# territories of dyad's default dictionary.
#
# Part of dyad, written by the dyad developers; MIT licence (see LICENSE at
# the top of the repository).
#
# What it does and why
#   Every country and territory needs the same handful of entries: its names
#   (short, official, common), its adjectives and demonyms, and its capital
#   and other seats of power as a metonym for the government.  The names are
#   long, many and easy to get wrong by hand, and Debian already keeps them:
#   the iso-codes package (LGPL-2.1+; the names of countries are facts, not
#   anyone's expression) ships ISO 3166-1 as JSON with the fields alpha_3,
#   name, official_name and common_name.  What it lacks -- "Britain", "U.S.",
#   "Ivory Coast", "Burma", demonyms ("Emirati", "Briton"), capitals,
#   "the Kremlin", historical states (Soviet Union, Yugoslavia, Zaire),
#   Kosovo and the CAMEO regions -- is written by hand, one row per code, in
#   data/src/countries.tsv (its header documents the columns).  This script
#   joins the two and writes the TABARI .actors file, sorted by code, the
#   same bytes on every run.
#
#   ISO names become TABARI phrases: accents folded to ASCII, upper case,
#   words joined by "_", a trailing "_".  A name with a comma ("Korea,
#   Republic of") can never match text (a match never crosses a comma), so it
#   is skipped and the official or common name is used instead.  A
#   parenthesis at the end that is another name ("Falkland Islands
#   (Malvinas)") becomes a name of its own; one that qualifies ("(French
#   part)") or sits inside the name ("Cocos (Keeling) Islands") is dropped.
#   "&" becomes "and"; a leading "the" is dropped; every "Saint" also gets an
#   "St" form.  A phrase that two codes would claim is an error (fix the
#   TSV's drop column); the same phrase twice for one code (a capital that
#   shares the country's name, "Kuwait") is written once.  Because matching
#   runs left to right, an entry "THE_WEST_" would swallow the start of
#   "the West Bank"; for every entry THE_X_ the script therefore also writes
#   THE_X_Y_ for each longer entry X_Y_, with X_Y_'s codes.
#
# How to rerun it (from the root of the repository; needs python3 and the
# Debian package iso-codes, nothing else):
#   python3 scripts/gen-countries.py
#   python3 scripts/gen-countries.py --iso /usr/share/iso-codes/json/iso_3166-1.json \
#       --tsv data/src/countries.tsv --output data/dyad/countries.actors
# then check the result with
#   build-release/dyad dict check --dict data/dyad/countries.actors
# tests/cli/dict_countries.sh reruns it and fails if the committed file
# differs from what it writes.

import argparse
import json
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_ISO = "/usr/share/iso-codes/json/iso_3166-1.json"
DEFAULT_TSV = os.path.join(ROOT, "data", "src", "countries.tsv")
DEFAULT_OUT = os.path.join(ROOT, "data", "dyad", "countries.actors")

KINDS = ("iso", "extra", "historical", "region")
SECTIONS = {
    "iso": ["Countries and territories of ISO 3166-1, and Kosovo (XKX: the code",
            "in common use; ISO has not assigned one)"],
    "historical": ["States that no longer exist, with their ISO 3166-3 codes (for",
                   "news archives)"],
    "region": ["CAMEO region codes, and ARB for the Arab world"],
}

# Letters that Unicode decomposition does not reduce to ASCII.
SPECIAL = {"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d",
           "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE",
           "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
           "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2013": "-",
           "\u2010": "-", "\u2011": "-"}

CODE_RE = re.compile(r"^(---|[A-Z]{3}[A-Z~]*(/[A-Z]{3}[A-Z~]*)*(:~?[A-Z]{3})?)"
                     r"( [<>][0-9]{6}| [0-9]{6}-[0-9]{6})?$")
WORD_RE = re.compile(r"^([A-Z0-9]+('[A-Z0-9]+)*|([A-Z]\.)+)$")


class Error(Exception):
    pass


def fold(text):
    """ASCII form of text: accents dropped, curly quotes straightened."""
    text = "".join(SPECIAL.get(c, c) for c in text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def phrase(text, where):
    """The TABARI phrase for a name as written in text ("Côte d'Ivoire" ->
    COTE_D'IVOIRE_).  Raises Error for text no phrase can match."""
    t = fold(text).upper().replace("&", " AND ")
    words = re.split(r"[\s-]+", t.strip())
    words = [w for w in words if w]
    if not words:
        raise Error("%s: empty name" % where)
    for w in words:
        if not WORD_RE.match(w):
            raise Error("%s: %r: the word %r cannot be matched as written "
                        "(letters, digits, inner apostrophes, or dotted "
                        "initials like U.S. only)" % (where, text, w))
    p = "_".join(words) + "_"
    if sum(c.isalpha() for c in p) < 2:
        raise Error("%s: %r is too short" % (where, text))
    return p


def saint_forms(p):
    """p and, when it has the word SAINT, the same with ST."""
    words = p[:-1].split("_")
    if "SAINT" not in words:
        return [p]
    return [p, "_".join("ST" if w == "SAINT" else w for w in words) + "_"]


def iso_names(entry):
    """The matchable names of an ISO 3166-1 entry, in a fixed order."""
    out = []
    for field in ("name", "official_name", "common_name"):
        text = entry.get(field)
        if not text:
            continue
        m = re.match(r"^(.*?)\s*\(([^)]*)\)\s*(.*)$", text)
        if m:
            base = (m.group(1) + " " + m.group(3)).strip()
            inner = m.group(2).strip()
            cands = [base]
            if not m.group(3) and not inner.lower().endswith(" part"):
                cands.append(inner)
        else:
            cands = [text]
        for c in cands:
            if "," in c:
                continue          # "Korea, Republic of": cannot match text
            c = re.sub(r"^[Tt]he\s+", "", c)
            out.append(c)
    return out


def split_list(field):
    if field in ("", "-"):
        return []
    return [x.strip() for x in field.split(";") if x.strip()]


def split_item(item, default_code, where):
    """'Name' -> (Name, [default]); 'Name=CODE|CODE DATE' -> (Name, codes)."""
    if "=" in item:
        name, codes = item.split("=", 1)
        codes = [c.strip() for c in codes.split("|")]
    else:
        name, codes = item, [default_code]
    if not codes or codes == [None]:
        raise Error("%s: %r needs =CODE" % (where, item))
    for c in codes:
        if not CODE_RE.match(c):
            raise Error("%s: %r: bad code %r" % (where, item, c))
    return name.strip(), codes


def read_tsv(path):
    rows = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            where = "%s:%d" % (path, n)
            if len(cols) != 8:
                raise Error("%s: %d columns, expected 8" % (where, len(cols)))
            code, kind, names, demonyms, seats, other, drop, note = cols
            if not re.match(r"^[A-Z]{3}$", code):
                raise Error("%s: bad code %r" % (where, code))
            if kind not in KINDS:
                raise Error("%s: bad kind %r" % (where, kind))
            if code in rows:
                raise Error("%s: %s has a second row" % (where, code))
            rows[code] = {
                "where": where, "kind": kind,
                "names": split_list(names), "demonyms": split_list(demonyms),
                "seats": split_list(seats), "other": split_list(other),
                "drop": split_list(drop),
                "note": "" if note == "-" else note.strip(),
            }
    return rows


def read_iso(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {e["alpha_3"]: e for e in data["3166-1"]}


class Builder:
    def __init__(self):
        self.owner = {}        # phrase -> (code, where)
        self.codes = {}        # phrase -> codes as written

    def claim(self, p, code, codes, where):
        """True if p is new; False if code already has it; Error if another
        code does."""
        if p in self.owner:
            other, owhere = self.owner[p]
            if other == code:
                return False
            raise Error("%s: %s for %s is already %s's (%s); add it to the "
                        "drop column of one of them" % (where, p, code, other,
                                                        owhere))
        self.owner[p] = (code, where)
        self.codes[p] = codes
        return True


def bracket(codes):
    return " ".join("[%s]" % c for c in codes)


def build(iso, rows):
    for code, r in rows.items():
        if r["kind"] == "iso" and code not in iso:
            raise Error("%s: %s is not in ISO 3166-1" % (r["where"], code))
        if r["kind"] != "iso" and code in iso:
            raise Error("%s: %s is in ISO 3166-1; kind must be iso"
                        % (r["where"], code))
    warnings = []
    for code in sorted(iso):
        if code not in rows:
            warnings.append("%s (%s) has no row in the TSV; written with its "
                            "ISO names only" % (code, iso[code]["name"]))
            rows[code] = {"where": "iso-codes", "kind": "iso", "names": [],
                          "demonyms": [], "seats": [], "other": [],
                          "drop": [], "note": ""}

    b = Builder()
    blocks = {k: [] for k in SECTIONS}
    for code in sorted(rows):
        r = rows[code]
        where = r["where"]
        section = "iso" if r["kind"] in ("iso", "extra") else r["kind"]
        dropped = {phrase(d, where) for d in r["drop"]}
        used_drops = set()
        texts = iso_names(iso[code]) if code in iso else []
        texts += r["names"] + r["demonyms"]
        if not texts:
            raise Error("%s: %s has no name" % (where, code))
        title = iso[code]["name"] if code in iso else r["names"][0]

        lines = ["# %s (%s)" % (fold(title), code)]
        if r["note"]:
            lines.append("# " + fold(r["note"]))
        names = []
        for t in texts:
            for p in saint_forms(phrase(t, where)):
                if p in dropped:
                    used_drops.add(p)
                    continue
                if b.claim(p, code, [code], where):
                    names.append(p)
        if not names:
            raise Error("%s: every name of %s was dropped" % (where, code))
        if len(names) == 1:
            lines.append("%s [%s]" % (names[0], code))
        else:
            lines.append(names[0])
            lines += ["+" + p for p in names[1:]]
            lines.append("  [%s]" % code)
        for col, default in (("seats", code + "GOV"), ("other", None)):
            for item in r[col]:
                name, codes = split_item(item, default, where)
                for p in saint_forms(phrase(name, where)):
                    if p in dropped:
                        used_drops.add(p)
                        continue
                    if b.claim(p, code, codes, where):
                        lines.append("%s %s" % (p, bracket(codes)))
        unused = dropped - used_drops
        if unused:
            raise Error("%s: drop %s matches no name of %s"
                        % (where, ", ".join(sorted(unused)), code))
        blocks[section].append(lines)

    # "THE_WEST_" would take the first two words of "the West Bank": give
    # every longer phrase that starts with X_ a THE_X_... form.
    guards = []
    the_tails = sorted(p[4:] for p in b.owner if p.startswith("THE_"))
    for tail in the_tails:
        for p in sorted(b.owner):
            if p != tail and p.startswith(tail) and "THE_" + p not in b.owner:
                code = b.owner[p][0]
                b.claim("THE_" + p, code, b.codes[p], "the-guard")
                guards.append("THE_%s %s" % (p, bracket(b.codes[p])))

    return blocks, guards, warnings, len(b.owner)


HEADER = """\
# countries.actors -- every country and territory of ISO 3166-1, Kosovo,
# historical states and the CAMEO regions, for dyad's default dictionary
# (TABARI .actors format).
#
# GENERATED FILE: do not edit by hand; edit data/src/countries.tsv and rerun
#   python3 scripts/gen-countries.py
# from the root of the repository.
#
# Part of dyad, written by the dyad developers; MIT licence (see LICENSE at the
# top of the repository). Made by scripts/gen-countries.py from two sources:
#   - the names of ISO 3166-1 (name, official_name, common_name) as Debian's
#     iso-codes package ships them in /usr/share/iso-codes/json/iso_3166-1.json
#     (iso-codes is LGPL-2.1+; the names of countries are facts);
#   - data/src/countries.tsv, written by the dyad developers from public facts:
#     other names and short forms, adjectives and demonyms, capitals and seats
#     of power, historical states (ISO 3166-3 codes) and regions (CAMEO codes).
#
# Each country: its names, adjectives and demonyms share the country code
# ([FRA]); its capital and seats of power stand for its government ([FRAGOV]);
# a few other entries carry their own codes (a legislature [ISRLEG], the
# Pentagon [USAMIL]) or the null code [---] (places whose names hold a
# country's name but are not the country: "South China Sea", "Indian Ocean").
# Codes after a date are written [CODE <YYMMDD] (before), [CODE >YYMMDD]
# (after) and [CODE YYMMDD-YYMMDD] (between); the first that holds wins.
# Every phrase ends in "_" (an exact word; the regular endings S, 'S and ES
# are still accepted), so "Briton" also matches "Britons".
"""


def render(blocks, guards, nphrases):
    out = [HEADER]
    out.append("# %d phrases.\n" % nphrases)
    for kind in ("iso", "historical", "region"):
        out.append("# " + "-" * 75)
        out += ["# " + line for line in SECTIONS[kind]]
        out.append("# " + "-" * 75)
        for lines in blocks[kind]:
            out += lines
    if guards:
        out.append("# " + "-" * 75)
        out.append("# \"the\" + a longer phrase, so that an entry that begins "
                   "with THE_ does not")
        out.append("# take the first words of it (\"the West Bank\" is not "
                   "\"the West\")")
        out.append("# " + "-" * 75)
        out += guards
    out.append("~~FINISH")
    return "\n".join(out) + "\n"


def main(argv):
    ap = argparse.ArgumentParser(
        description="Write data/dyad/countries.actors from Debian iso-codes "
                    "and data/src/countries.tsv.")
    ap.add_argument("--iso", default=DEFAULT_ISO,
                    help="iso_3166-1.json (default: %(default)s)")
    ap.add_argument("--tsv", default=DEFAULT_TSV,
                    help="the hand-written table (default: data/src/countries.tsv)")
    ap.add_argument("--output", "-o", default=DEFAULT_OUT,
                    help="file to write, - for standard output "
                         "(default: data/dyad/countries.actors)")
    args = ap.parse_args(argv)
    try:
        iso = read_iso(args.iso)
        rows = read_tsv(args.tsv)
        blocks, guards, warnings, n = build(iso, rows)
    except (OSError, ValueError, KeyError, Error) as e:
        print("gen-countries: %s" % e, file=sys.stderr)
        return 1
    for w in warnings:
        print("gen-countries: warning: %s" % w, file=sys.stderr)
    text = render(blocks, guards, n)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
