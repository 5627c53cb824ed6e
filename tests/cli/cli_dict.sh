#!/usr/bin/env bash
# cli_dict.sh -- "dyad dict compile|stats|lookup|check" on a small
# dictionary written here: exact output lines and exit statuses.
#
#   bash cli_dict.sh DYAD SOURCE_DIR SHARED_DIR
set -u

# shellcheck disable=SC2034 # DYAD is used by tests/lib/run.sh
DYAD=$1
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset DYAD_DICT

# fail, dy, same, status
# shellcheck source=../lib/run.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/run.sh"

cat >"$TMP/t.actors" <<'EOF'
# a small dictionary
ARNOR_ [ARN]
+ARNORIAN_
GONDOR_ [GON]
ELESSAR_
+ARAGORN_
  [ARNGOV 190101-201231]
  [GONGOV >210101]
  [ARNELI]
<NOUN>
BORDER_
</NOUN>
EOF
printf 'POLICE_ [~COP]\nMINISTER_ [~GOV]\n' >"$TMP/t.agents"
cat >"$TMP/t.verbs" <<'EOF'
<TIME>
YESTERDAY [-1]
</TIME>
CRITICIZE_ [111]
MEET_ [040]
{MET_}
- * WITH + [042]
VISIT_ [032:033]
EOF
# every event code has a label: "dict check" reports one that has none
printf 'SET: CODE BY CLAUSE\nLABEL: 111=CRITICIZE\nLABEL: 040=CONSULT\nLABEL: 042=MEET\nLABEL: 032=VISIT\nLABEL: 033=HOST A VISIT\n' \
    >"$TMP/t.options"
printf '<actorsfile> t.actors\n<agentsfile> t.agents\n<verbsfile> t.verbs\n<optionsfile> t.options\n' \
    >"$TMP/t.project"

STATS='actors        5
agents        2
verbs         4
patterns      1
synsets       0
nouns         1
adjectives    0
time phrases  1
attribution   0'

# --- check: a clean dictionary
dy check dict check --project t.project
status check 0
same check out "0 errors, 0 warnings"
same check err ""

# --- compile, then stats of the compiled file
dy compile dict compile --project t.project -o t.dyd
status compile 0
same compile out ""
same compile err "dyad: wrote t.dyd"
[ -s "$TMP/t.dyd" ] || fail "compile: t.dyd not written"
[ "$(head -c 8 "$TMP/t.dyd")" = "DYADDICT" ] || fail "compile: t.dyd has no DYADDICT signature"

dy stats dict stats --dict t.dyd
status stats 0
same stats err ""
[ "$(head -n 9 "$TMP/stats.out")" = "$STATS" ] || fail "stats: counts are
$(head -n 9 "$TMP/stats.out")
expected
$STATS"
grep -Eq '^literals +[0-9]+$' "$TMP/stats.out" || fail "stats: no literals line"
grep -Eq '^codes +[0-9]+$' "$TMP/stats.out" || fail "stats: no codes line"
grep -Eq '^event codes +5$' "$TMP/stats.out" || fail "stats: no 'event codes 5' line"
grep -Eq '^memory +[0-9.]+ MB$' "$TMP/stats.out" || fail "stats: no memory line"
grep -Eq '^load time +[0-9.]+ ms$' "$TMP/stats.out" || fail "stats: no load time line"
[ "$(wc -l <"$TMP/stats.out")" -eq 14 ] || fail "stats: $(wc -l <"$TMP/stats.out") lines, expected 14"

# the text form gives the same counts
dy stats_text dict stats --project t.project
status stats_text 0
[ "$(head -n 12 "$TMP/stats_text.out")" = "$(head -n 12 "$TMP/stats.out")" ] ||
    fail "stats: text and compiled dictionaries count differently"

# compiling is reproducible
dy compile2 dict compile --project t.project -o t2.dyd
cmp -s "$TMP/t.dyd" "$TMP/t2.dyd" || fail "compile: two compilations differ"

# --- lookup
dy lookup dict lookup Arnor --dict t.project
status lookup 0
same lookup out "actor      ARNOR_                           ARN            t.actors:2
           all codes: ARN"
same lookup err ""

dy lookup_c dict lookup Arnor --dict t.dyd
status lookup_c 0
same lookup_c out "actor      ARNOR_                           ARN            t.actors:2
           all codes: ARN"

dy lookup_baddate dict lookup Arnor --date 2024-13-01 --dict t.project
status lookup_baddate 2
same lookup_baddate err 'dyad: --date takes YYYY-MM-DD, not "2024-13-01"'

dy lookup_agent dict lookup police --dict t.project
same lookup_agent out "agent      POLICE_                          ~COP           t.agents:1
           all codes: ~COP"

dy lookup_date dict lookup Aragorn --date 2020-06-01 --dict t.project
same lookup_date out "actor      ARAGORN_                         ARNGOV         t.actors:6
           all codes: ARNGOV 2019-01-01 to 2020-12-31; GONGOV after 2021-01-01; ARNELI"
dy lookup_date2 dict lookup aragorn --date 2022-06-01 --dict t.dyd
same lookup_date2 out "actor      ARAGORN_                         GONGOV         t.actors:6
           all codes: ARNGOV 2019-01-01 to 2020-12-31; GONGOV after 2021-01-01; ARNELI"
dy lookup_nodate dict lookup Aragorn --dict t.project
same lookup_nodate out "actor      ARAGORN_                         ARNELI         t.actors:6
           all codes: ARNGOV 2019-01-01 to 2020-12-31; GONGOV after 2021-01-01; ARNELI"

dy lookup_verb dict lookup visited --dict t.project
same lookup_verb out "verb       VISIT_                           032:033        t.verbs:8
           all codes: 032:033"

dy lookup_none dict lookup Mordor --dict t.project
status lookup_none 1
same lookup_none out 'no entry matches "Mordor"'

dy lookup_nophrase dict lookup --dict t.project
status lookup_nophrase 2
same lookup_nophrase err "dyad: dict lookup needs a phrase"

# --- check: a malformed line in each kind of file
printf 'ARNOR_ [ARN]\nGONDOR_ [GON\nROHAN_ [ROH]\n' >"$TMP/bad.actors"
printf 'POLICE_ [COP]\n' >"$TMP/bad.agents"
printf 'MEET_ [040]\n- WITH + [042]\n- * TO + []\n' >"$TMP/bad.verbs"
printf 'SET: CODE BY CLAUSE\nZAP: 1\n' >"$TMP/bad.options"
dy badcheck dict check --dict bad.options --dict bad.actors --dict bad.agents --dict bad.verbs
status badcheck 2
same badcheck out "5 errors, 0 warnings"
same badcheck err "bad.options:2: error: unrecognised option command \"ZAP:\"
bad.actors:2: error: missing ']' after the code
bad.agents:1: error: agent code [COP] needs a '~' to place the actor code
bad.verbs:2: error: pattern has no verb marker '*'
bad.verbs:3: error: empty code []"

# errors are reported from inside a project too, with the file's path as
# the project names it
printf '<actorsfile> bad.actors\n<verbsfile> t.verbs\n' >"$TMP/bad.project"
dy badproject dict check --project bad.project
status badproject 2
same badproject out "1 errors, 0 warnings"
same badproject err "bad.actors:2: error: missing ']' after the code"

# --- check: warnings alone do not fail
printf 'ARNOR_ [ARN]\r\nGONDOR_ [GON]\r\nST_KITTS_&_NEVIS_ [KNA]\r\n' >"$TMP/warn.actors"
dy warn dict check --dict warn.actors
status warn 0
same warn out "0 errors, 2 warnings"
same warn err "warn.actors:1: warning: CRLF (Windows) line endings; read as plain line ends
warn.actors:3: warning: '&' in actor phrase \"ST_KITTS_&_NEVIS_\" is read as a word break"
dy warnquiet dict check --dict warn.actors --quiet
status warnquiet 0
same warnquiet out "0 errors, 2 warnings"
same warnquiet err "dyad: 2 dictionary warnings (not shown: --quiet)"

# --- a dictionary with errors does not compile (exit 2, as "dict check"
# and "dyad code" treat it)
dy badcompile dict compile --dict bad.actors -o bad.dyd
status badcompile 2

# --- missing files and usage
dy missing dict check --dict /nonexistent.actors
status missing 2
same missing err "dyad: /nonexistent.actors: cannot open dictionary file"
dy noout dict compile --project t.project
status noout 2
same noout err "dyad: dict compile needs -o FILE"
dy unwritable dict compile --project t.project -o /nonexistent/dir/x.dyd
status unwritable 2
same unwritable err "dyad: /nonexistent/dir/x.dyd: cannot create file"
dy unknown dict frob --project t.project
status unknown 2
same unknown err 'dyad: unknown dict command "frob"'

# --- a damaged compiled file is refused
cp "$TMP/t.dyd" "$TMP/damaged.dyd"
size=$(wc -c <"$TMP/t.dyd")
printf '\377' | dd of="$TMP/damaged.dyd" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
dy damaged dict stats --dict damaged.dyd
status damaged 2
same damaged err "dyad: damaged.dyd: dictionary file is damaged (checksum mismatch)"
head -c $((size / 2)) "$TMP/t.dyd" >"$TMP/short.dyd"
dy short dict stats --dict short.dyd
status short 2
same short err "dyad: short.dyd: dictionary file is truncated or damaged"

exit $FAILED
