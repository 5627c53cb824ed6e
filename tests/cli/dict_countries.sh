#!/usr/bin/env bash
# dict_countries.sh -- data/dyad/countries.actors, the countries of the
# default dictionary: (a) it is what scripts/gen-countries.py makes from
# Debian's iso-codes and data/src/countries.tsv today (nobody edited it by
# hand, nobody forgot to rerun the script); (b) "dyad dict check" finds no
# error and no warning in it; (c) "dyad dict lookup" gives the expected
# entry and code for names, demonyms, abbreviations, accented spellings,
# capitals and dated seats of government; (d) two sentences code with it.
#
#   bash dict_countries.sh DYAD SOURCE_DIR SHARED_DIR
#
# (b)-(d) always run. Without /usr/share/iso-codes/json/iso_3166-1.json
# (Debian package iso-codes) or python3, (a) cannot run: the test then exits
# 77 (skipped) unless something else failed.
set -u

DYAD=$1
SRC=$2
case $DYAD in /*) ;; *) DYAD=$PWD/$DYAD ;; esac
ISO=/usr/share/iso-codes/json/iso_3166-1.json
DICT=$SRC/data/dyad/countries.actors
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
SKIPPED=""
unset DYAD_DICT

# fail, dy, same, status
# shellcheck source=../lib/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/run.sh"

[ -f "$DICT" ] || { fail "$DICT is missing"; exit 1; }
cp "$DICT" "$TMP/countries.actors"

# --- (a) the committed file is what the generator writes
if [ ! -f "$ISO" ]; then
    SKIPPED="$ISO is absent (install the Debian package iso-codes)"
elif ! command -v python3 >/dev/null 2>&1; then
    SKIPPED="python3 is absent"
else
    if ! python3 "$SRC/scripts/gen-countries.py" --iso "$ISO" \
        --tsv "$SRC/data/src/countries.tsv" --output "$TMP/generated.actors" \
        2>"$TMP/gen.err"; then
        fail "gen-countries.py failed: $(cat "$TMP/gen.err")"
    elif ! cmp -s "$TMP/generated.actors" "$DICT"; then
        fail "data/dyad/countries.actors differs from what scripts/gen-countries.py writes
(rerun: python3 scripts/gen-countries.py); first differences:
$(diff "$DICT" "$TMP/generated.actors" | head -20)"
    fi
    [ -s "$TMP/gen.err" ] && fail "gen-countries.py warned: $(cat "$TMP/gen.err")"
    # the same output on a second run
    python3 "$SRC/scripts/gen-countries.py" --iso "$ISO" \
        --tsv "$SRC/data/src/countries.tsv" --output "$TMP/again.actors" 2>/dev/null
    cmp -s "$TMP/generated.actors" "$TMP/again.actors" ||
        fail "gen-countries.py wrote different files on two runs"
fi

# --- (b) a clean dictionary
dy check dict check --dict countries.actors
status check 0
same check out "0 errors, 0 warnings"
same check err ""
[ "$(tail -n 1 "$TMP/countries.actors")" = "~~FINISH" ] || fail "countries.actors does not end with ~~FINISH"
grep -q '^# GENERATED FILE: do not edit by hand; edit data/src/countries.tsv and rerun' \
    "$TMP/countries.actors" || fail "countries.actors has no 'generated' header"

# --- (c) lookups
# line ENTRY: the line of countries.actors where ENTRY (a phrase, as a main
# entry or a "+" synonym) is written.
line() {
    grep -n -E "^\+?$(printf '%s' "$1" | sed 's/[.]/\\./g')( |\$)" "$TMP/countries.actors" |
        head -n 1 | cut -d: -f1
}

# look TEXT ENTRY CODE ALLCODES [DATE]: "dyad dict lookup TEXT" lists ENTRY,
# with CODE on DATE (or undated), and ALLCODES in its "all codes" line.
n_look=0
look() {
    local text=$1 entry=$2 code=$3 all=$4 date=${5:-} ln want got
    n_look=$((n_look + 1))
    ln=$(line "$entry")
    if [ -z "$ln" ]; then
        fail "lookup \"$text\": no line $entry in countries.actors"
        return
    fi
    if [ -n "$date" ]; then
        dy look$n_look dict lookup "$text" --date "$date" --dict countries.actors
    else
        dy look$n_look dict lookup "$text" --dict countries.actors
    fi
    status "lookup \"$text\"" 0
    want=$(printf 'actor      %-32s %-14s countries.actors:%s\n           all codes: %s' \
        "$entry" "$code" "$ln" "$all")
    # every entry that matches the start of TEXT is listed, in file order
    got=$(grep -F -x -A 1 "$(printf '%s' "$want" | head -n 1)" "$TMP/look$n_look.out")
    [ "$got" = "$want" ] || fail "lookup \"$text\"${date:+ on $date} gives
$(cat "$TMP/look$n_look.out")
expected among them
$want"
}

# names, short forms, accents
look "China" CHINA_ CHN CHN
look "Beijing" BEIJING_ CHNGOV CHNGOV
look "Emirati" EMIRATI_ ARE ARE
look "Türkiye" TURKIYE_ TUR TUR
look "Turkey" TURKEY_ TUR TUR
look "Britons" BRITON_ GBR GBR
look "Britain's" BRITAIN_ GBR GBR
look "U.S." U.S._ USA USA
look "U.K." U.K._ GBR GBR
look "U.S.-led" U.S._ USA USA
look "USA" USA_ USA USA
look "Americans" AMERICAN_ USA USA
look "White House" WHITE_HOUSE_ USAGOV USAGOV
look "Pentagon" PENTAGON_ USAMIL USAMIL
look "Côte d'Ivoire" "COTE_D'IVOIRE_" CIV CIV
look "Cote d’Ivoire" "COTE_D'IVOIRE_" CIV CIV
look "Ivory Coast" IVORY_COAST_ CIV CIV
look "Burma" BURMA_ MMR MMR
look "Czech Republic" CZECH_REPUBLIC_ CZE CZE
look "Kiev" KIEV_ UKRGOV UKRGOV
look "Kyiv" KYIV_ UKRGOV UKRGOV
look "Filipinos" FILIPINO_ PHL PHL
look "Frenchmen" FRENCHMEN_ FRA FRA
look "Elysée" ELYSEE_ FRAGOV FRAGOV
look "Quai d'Orsay" "QUAI_D'ORSAY_" FRAGOV FRAGOV
look "N'Djamena" "N'DJAMENA_" TCDGOV TCDGOV
look "St. Lucia" ST_LUCIA_ LCA LCA
look "São Tomé" SAO_TOME_ STP STP
look "Knesset" KNESSET_ ISRLEG ISRLEG
# ISO names with a comma are replaced by the official or common name
look "Islamic Republic of Iran" ISLAMIC_REPUBLIC_OF_IRAN_ IRN IRN
look "Bolivia" BOLIVIA_ BOL BOL
look "Taiwan" TAIWAN_ TWN TWN
look "Taipei" TAIPEI_ TWNGOV TWNGOV
# the Koreas, the Congos, Palestine, Kosovo
look "North Korean" NORTH_KOREAN_ PRK PRK
look "DPRK" DPRK_ PRK PRK
look "Pyongyang" PYONGYANG_ PRKGOV PRKGOV
look "South Korea" SOUTH_KOREA_ KOR KOR
look "Korean" KOREAN_ KOR KOR
look "Korean Peninsula" KOREAN_PENINSULA_ --- ---
look "Congo" CONGO_ COD COD
look "Congo-Brazzaville" CONGO_BRAZZAVILLE_ COG COG
look "Palestinians" PALESTINIAN_ PSE PSE
look "Gaza" GAZA_ PSE PSE
look "Ramallah" RAMALLAH_ PSEGOV PSEGOV
look "Kosovo" KOSOVO_ XKX XKX
# historical states and regions
look "Soviet" SOVIET_ SUN SUN
look "U.S.S.R." U.S.S.R._ SUN SUN
look "Yugoslav" YUGOSLAV_ YUG YUG
look "Zaire" ZAIRE_ ZAR ZAR
look "East Germany" EAST_GERMANY_ DDR DDR
look "West Germany" WEST_GERMANY_ DEU DEU
look "Western powers" WESTERN_POWER_ WST WST
look "Europeans" EUROPEAN_ EUR EUR
look "Arab" ARAB_ ARB ARB
look "Middle East" MIDDLE_EAST_ MEA MEA
# capitals that changed hands have dates
look "Kremlin" KREMLIN_ RUSGOV "SUNGOV before 1991-12-26; RUSGOV" 2022-03-01
look "Kremlin" KREMLIN_ SUNGOV "SUNGOV before 1991-12-26; RUSGOV" 1985-06-01
look "Belgrade" BELGRADE_ YUGGOV "YUGGOV before 2003-02-04; SCGGOV 2003-02-04 to 2006-06-04; SRBGOV" 1999-03-24
look "Belgrade" BELGRADE_ SCGGOV "YUGGOV before 2003-02-04; SCGGOV 2003-02-04 to 2006-06-04; SRBGOV" 2005-01-01
look "Belgrade" BELGRADE_ SRBGOV "YUGGOV before 2003-02-04; SCGGOV 2003-02-04 to 2006-06-04; SRBGOV" 2022-03-01
look "Kinshasa" KINSHASA_ ZARGOV "ZARGOV 1971-10-27 to 1997-05-16; CODGOV" 1990-01-01
look "Kinshasa" KINSHASA_ CODGOV "ZARGOV 1971-10-27 to 1997-05-16; CODGOV" 2022-03-01
look "Bonn" BONN_ DEUGOV "DEUGOV before 1999-09-01; ---" 1995-01-01

# words that must not be countries
for w in us Jersey Reunion Western Male Victoria Kingston English; do
    dy no_$w dict lookup "$w" --dict countries.actors
    status "lookup \"$w\"" 1
    same no_$w out "no entry matches \"$w\""
done

# --- (d) coding: dotted abbreviations, capitals, "the West Bank" is not
# "the West"
printf 'CRITICIZE_ [111]\n' >"$TMP/t.verbs"
printf '%s\n' \
    'The U.S. and the U.K. criticized Beijing for its crackdown in Hong Kong.' \
    'Israel criticized the West Bank settlers for the violence on Monday.' \
    'Russia criticized the West for imposing sanctions on its banks on Monday.' \
    >"$TMP/s.txt"
dy code code s.txt --dict countries.actors --dict t.verbs --date 2022-03-01 --out tsv
status code 0
same code out "2022-03-01	USA	CHNGOV	111		s.txt	0
2022-03-01	GBR	CHNGOV	111		s.txt	0
2022-03-01	ISR	PSE	111		s.txt	1
2022-03-01	RUS	WST	111		s.txt	2"

if [ "$FAILED" -eq 0 ] && [ -n "$SKIPPED" ]; then
    echo "SKIP: generator not rerun: $SKIPPED (checks (b)-(d) passed)"
    exit 77
fi
exit $FAILED
