/*
 * fuzz_common.h -- pieces shared by the libFuzzer harnesses: a tiny
 * dictionary written to a private temporary directory at start-up, and the
 * checks every coded sentence must pass whatever the input.
 *
 * The tiny dictionary uses every construct the TABARI readers know (nouns,
 * adjectives, synonyms, date-restricted and compound actor codes, agents,
 * synsets, <TIME>, <ATTRIB>, verb forms, patterns with $ + % ^ @ { | },
 * paired, subordinate and dominant codes, [---] [###] [+++], options), so
 * that coding fuzzed text exercises the whole pipeline.  It was written for
 * the harnesses; no line comes from another dictionary.
 *
 * A broken invariant aborts with a message on stderr, which libFuzzer
 * reports as a crash like any sanitizer finding.
 */
#ifndef DYAD_FUZZ_COMMON_H
#define DYAD_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "utf8.h"

#define FUZZ_CHECK(cond)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            fprintf(stderr, "fuzz invariant failed at %s:%d: %s\n",       \
                    __FILE__, __LINE__, #cond);                            \
            abort();                                                       \
        }                                                                  \
    } while (0)

static const char fuzz_actors[] =
    "# tiny actors dictionary of the fuzz harnesses\n"
    "<NOUN>\n"
    "TALKS_\n"
    "BORDER\n"
    "</NOUN>\n"
    "<ADJECTIVE>\n"
    "SENIOR_\n"
    "</ADJECTIVE>\n"
    "FRANCE_ [FRA]\n"
    "+FRENCH_\n"
    "+REPUBLIQUE_FRANCAISE_\n"
    "PARIS_ [FRAGOV]\n"
    "GERMANY_ [DEU]\n"
    "+GERMAN_\n"
    "BERLIN_ [DEUGOV]\n"
    "JACQUES_CHIRAC_\n"
    "  [FRAGOV 950517-070516]\n"
    "  [FRAELI >070517]\n"
    "  [ELI]\n"
    "CHIRAC_ [FRAGOV <070516] [FRAELI]\n"
    "BENELUX_ [BEL/NLD/LUX]\n"
    "ELYSEE_ [FRA:~GOV]\n"
    "UNITED_NATIONS_ [IGOUNO]\n"
    "+U.N._\n"
    "COTE_D'IVOIRE_ [CIV]\n"
    "REBELS_OF_THE_NORTH [CIVREB 020919-070304] [---]\n"
    "WIRE_SERVICE_ [MED]\n"
    "NOBODY_ [---]\n"
    "~~FINISH\n";

static const char fuzz_agents[] =
    "# tiny agents dictionary of the fuzz harnesses\n"
    "PRESIDENT_ [~GOV]\n"
    "FOREIGN_MINISTER_ [~GOV]\n"
    "POLICE_ [~COP]\n"
    "TROOPS_ [~MIL]\n"
    "SOLDIER_ [~MIL]\n"
    "AID_GROUP_ [NGO~]\n"
    "~~FINISH\n";

static const char fuzz_verbs[] =
    "# tiny verbs dictionary of the fuzz harnesses\n"
    "<SYNSETS>\n"
    "&AID\n"
    "+AID_\n"
    "+ASSISTANCE\n"
    "+FOOD_AND_MEDICINE\n"
    "&WEAPON\n"
    "+ROCKETS_\n"
    "+ARTILLERY\n"
    "</SYNSETS>\n"
    "<TIME>\n"
    "YESTERDAY_ [-1]\n"
    "LAST_WEEK_ [-7]\n"
    "TOMORROW_ [+1]\n"
    "ONCE_UPON_A_TIME [###]\n"
    "SOMEDAY_ [+++]\n"
    "</TIME>\n"
    "<ATTRIB>\n"
    "REPORTED_\n"
    "- @ * [---]\n"
    "ACCORDING_TO_\n"
    "- * @ [---]\n"
    "</ATTRIB>\n"
    "MEET_ [040]\n"
    "{MET_ MEETING_}\n"
    "- * WITH_ + [040]\n"
    "- % * IN [043]\n"
    "- * IN ^ WITH + [042]\n"
    "CRITICIZE_ [111]\n"
    "{CRITICISED_ CRITICIZED_}\n"
    "- + WAS * BY_ $ [111]\n"
    "ACCUSE_ [112]\n"
    "- * + OF_ { ATTACKING | SHELLING | FIRING_ON } [112]\n"
    "PROMISE_ [030]\n"
    "- * &AID TO_ + [033:0331]\n"
    "- * NOT_TO [---]\n"
    "FIRE_ [---]\n"
    "- * &WEAPON AT_ + [195]\n"
    "SAY_ [010?]\n"
    "{SAID_}\n"
    "- * # [010]\n"
    "DENY_ [016!]\n"
    "ARREST_ [173]\n"
    "HALT_ [---]\n"
    "- * TALKS_ [###]\n"
    "- * EVERYTHING [+++]\n"
    "~~FINISH\n";

static const char fuzz_options[] =
    "# tiny options file of the fuzz harnesses\n"
    "SET: CODE BY CLAUSE\n"
    "SET: LABEL = TRUE\n"
    "SET: MINIMUM WORDS = 2\n"
    "COMPLEX: VERBS[6] CONJ[5]\n"
    "COMMA: MIN 2 MAX 10\n"
    /* a label for every event code the verbs give (dict check wants them) */
    "LABEL: 010=STATEMENT\n"
    "LABEL: 016=DENY\n"
    "LABEL: 030=PLEDGE\n"
    "LABEL: 033=PLEDGE AID\n"
    "LABEL: 0331=PLEDGE ECONOMIC AID\n"
    "LABEL: 040=CONSULT\n"
    "LABEL: 042=VISIT\n"
    "LABEL: 043=HOST\n"
    "LABEL: 111=CRITICIZE\n"
    "LABEL: 112=ACCUSE\n"
    "LABEL: 173=ARREST\n"
    "LABEL: 195=AERIAL ATTACK\n"
    "~~FINISH\n";

/* Documents coded with every dictionary the harnesses build. */
static const char *const fuzz_sentences[] = {
    "French President Jacques Chirac met with German troops in Paris yesterday, "
    "the Wire Service reported. The U.N. accused Germany of shelling the border. "
    "Benelux promised aid to Cote d'Ivoire. They denied it.",
    "Rebels of the north fired rockets at French soldiers last week, according "
    "to the Elysee. Berlin criticized Chirac and France said 42 were arrested.",
    "C\xc3\xb4te d'Ivoire and Benelux met in Berlin with Germany. "
    "\xe2\x80\x9cNobody halted talks,\xe2\x80\x9d Chirac said.",
};

static char fuzz_dir[256];

/* Whether the dictionary came from text sources, which cannot produce an
 * event without a code; a damaged compiled file that passes the loader's
 * checks may (its indexes are in range, their meaning is not checked). */
static int fuzz_strict = 1;

static int fuzz_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = n && fwrite(data, 1, n, f) != n;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

static void fuzz_path(char *out, size_t cap, const char *name)
{
    snprintf(out, cap, "%s/%s", fuzz_dir, name);
}

static void fuzz_cleanup(void)
{
    static const char *const names[] = {
        "tiny.actors", "tiny.agents", "tiny.verbs", "tiny.options",
        "tiny.dyd",    "input",       "input.dyd",  "input.dyd.tmp"};
    char path[512];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        fuzz_path(path, sizeof path, names[i]);
        unlink(path);
    }
    rmdir(fuzz_dir);
}

/* Creates the private directory and writes the tiny dictionary into it.
 * The directory is removed at exit; libFuzzer leaves without running
 * atexit handlers after a crash or a timeout, so scripts/test.sh points
 * TMPDIR into the build tree. */
static void fuzz_setup(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/dyadfuzz.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    FUZZ_CHECK(mkdtemp(fuzz_dir) != NULL);
    atexit(fuzz_cleanup);
    static const struct {
        const char *name, *text;
        size_t len;
    } files[] = {
        {"tiny.actors", fuzz_actors, sizeof fuzz_actors - 1},
        {"tiny.agents", fuzz_agents, sizeof fuzz_agents - 1},
        {"tiny.verbs", fuzz_verbs, sizeof fuzz_verbs - 1},
        {"tiny.options", fuzz_options, sizeof fuzz_options - 1},
    };
    char path[512];
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        fuzz_path(path, sizeof path, files[i].name);
        FUZZ_CHECK(fuzz_write_file(path, files[i].text, files[i].len) == 0);
    }
}

/* Diagnostics must be well formed; they are not printed. */
static void fuzz_diag(void *user, dyad_severity severity, const dyad_error *diag)
{
    long *count = user;
    FUZZ_CHECK(severity == DYAD_WARNING || severity == DYAD_ERROR);
    FUZZ_CHECK(diag != NULL);
    FUZZ_CHECK(memchr(diag->message, '\0', sizeof diag->message) != NULL);
    FUZZ_CHECK(memchr(diag->where, '\0', sizeof diag->where) != NULL);
    FUZZ_CHECK(diag->message[0] != '\0');
    if (count)
        (*count)++;
}

/* The four sources of the tiny dictionary, in load order; the one at
 * `replaced` (or none, -1) is read from the file "input" instead. */
#define FUZZ_N_SOURCES 4
static void fuzz_tiny_sources(dyad_dict_source src[FUZZ_N_SOURCES],
                              char paths[FUZZ_N_SOURCES][512], int replaced)
{
    static const char *const names[FUZZ_N_SOURCES] = {"tiny.options", "tiny.actors",
                                                      "tiny.agents", "tiny.verbs"};
    static const dyad_source_kind kinds[FUZZ_N_SOURCES] = {
        DYAD_SOURCE_OPTIONS, DYAD_SOURCE_ACTORS, DYAD_SOURCE_AGENTS, DYAD_SOURCE_VERBS};
    for (int i = 0; i < FUZZ_N_SOURCES; i++) {
        fuzz_path(paths[i], sizeof paths[0], i == replaced ? "input" : names[i]);
        src[i].path = paths[i];
        src[i].kind = kinds[i];
    }
}

/* Loads the tiny dictionary written by fuzz_setup(); aborts unless it loads
 * without a single diagnostic. */
static dyad_dict *fuzz_load_tiny(const char *harness)
{
    char paths[FUZZ_N_SOURCES][512];
    dyad_dict_source src[FUZZ_N_SOURCES];
    fuzz_tiny_sources(src, paths, -1);
    long diags = 0;
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict *d = dyad_dict_load(src, FUZZ_N_SOURCES, fuzz_diag, &diags, &err);
    if (!d || diags) {
        fprintf(stderr, "%s: the tiny dictionary does not load cleanly (%ld diagnostics): %s\n",
                harness, diags, err.message);
        abort();
    }
    return d;
}

/* ---------------------------------------------------- sentence checks */

typedef struct fuzz_doc {
    const dyad_document *doc;
    size_t code_points;  /* of the whole text */
    size_t last_index;   /* sentence numbers must increase */
    int any;
    char *digest;        /* optional: what was coded, for comparisons */
    size_t digest_len, digest_cap;
} fuzz_doc;

static void fuzz_digest(fuzz_doc *x, const char *s)
{
    if (!x->digest_cap)
        return;
    size_t n = strlen(s);
    if (x->digest_len + n + 1 > x->digest_cap)
        n = x->digest_cap - x->digest_len - 1;
    memcpy(x->digest + x->digest_len, s, n);
    x->digest_len += n;
    x->digest[x->digest_len] = '\0';
}

static int is_boundary(const dyad_document *doc, const char *p)
{
    return p == doc->text + doc->len || ((unsigned char)*p & 0xC0) != 0x80;
}

/* A piece of evidence: inside the document, on character boundaries, and
 * with code point offsets that agree with its bytes. */
static void fuzz_check_span(const fuzz_doc *x, const char *text, size_t len,
                            size_t start, size_t end)
{
    const dyad_document *doc = x->doc;
    FUZZ_CHECK(start <= end && end <= x->code_points);
    if (!text) {
        FUZZ_CHECK(len == 0);
        return;
    }
    FUZZ_CHECK(text >= doc->text && len <= doc->len &&
               (size_t)(text - doc->text) <= doc->len - len);
    FUZZ_CHECK(is_boundary(doc, text) && is_boundary(doc, text + len));
    FUZZ_CHECK(dyad__utf8_count(doc->text, (size_t)(text - doc->text)) == start);
    FUZZ_CHECK(end - start == dyad__utf8_count(text, len));
}

static void fuzz_check_actor(fuzz_doc *x, const dyad_actor *a)
{
    FUZZ_CHECK(a->code && a->entry);
    (void)strlen(a->entry);
    if (a->agent_entry)
        (void)strlen(a->agent_entry);
    if (!a->text)
        FUZZ_CHECK(a->start == 0 && a->end == 0);
    fuzz_check_span(x, a->text, a->text_len, a->start, a->end);
    fuzz_digest(x, a->code);
    fuzz_digest(x, "/");
    fuzz_digest(x, a->entry);
    fuzz_digest(x, "\t");
}

static int fuzz_on_sentence(void *user, const dyad_sentence *s)
{
    fuzz_doc *x = user;
    FUZZ_CHECK(s != NULL && s->doc_id != NULL && s->reason != NULL);
    FUZZ_CHECK(!x->any || s->index > x->last_index);
    x->any = 1;
    x->last_index = s->index;
    FUZZ_CHECK(s->start <= s->end && s->end <= x->code_points);
    FUZZ_CHECK(s->outcome >= DYAD_CODED && s->outcome <= DYAD_EMPTY);
    FUZZ_CHECK((s->n_events > 0) == (s->outcome == DYAD_CODED));
    if (s->date) {
        FUZZ_CHECK(strlen(s->date) == 10 && s->date[4] == '-' && s->date[7] == '-');
        fuzz_digest(x, s->date);
    }
    fuzz_digest(x, s->reason);
    fuzz_digest(x, "\n");
    for (size_t i = 0; i < s->n_events; i++) {
        const dyad_event *e = &s->events[i];
        FUZZ_CHECK(e->code && e->label && e->verb_entry && e->pattern && e->matched);
        FUZZ_CHECK(!fuzz_strict || e->code[0]);
        (void)strlen(e->label);
        (void)strlen(e->matched);
        if (e->attribution)
            (void)strlen(e->attribution);
        fuzz_check_actor(x, &e->source);
        fuzz_check_actor(x, &e->target);
        fuzz_check_span(x, e->verb_text, e->verb_text_len, e->verb_start, e->verb_end);
        fuzz_digest(x, e->code);
        fuzz_digest(x, " ");
        fuzz_digest(x, e->pattern);
        fuzz_digest(x, " ");
        fuzz_digest(x, e->matched);
        fuzz_digest(x, "\n");
    }
    return 0;
}

/* Codes `doc` and checks every sentence; returns the status. */
static dyad_status fuzz_code(dyad_coder *coder, const dyad_document *doc,
                             char *digest, size_t digest_cap)
{
    fuzz_doc x;
    memset(&x, 0, sizeof x);
    x.doc = doc;
    x.code_points = doc->text ? dyad__utf8_count(doc->text, doc->len) : 0;
    x.digest = digest;
    x.digest_cap = digest_cap;
    if (digest && digest_cap)
        digest[0] = '\0';
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_code_document(coder, doc, fuzz_on_sentence, &x, &err);
    if (st != DYAD_OK)
        FUZZ_CHECK(err.code == st && err.message[0]);
    return st;
}

/* Codes the fixed sentences (as a news document and as a TABARI record)
 * with `dict`; the digest of what was coded goes to `digest`. */
static inline void fuzz_code_fixed(const dyad_dict *dict, char *digest, size_t cap)
{
    dyad_coder *coder = dyad_coder_new(dict);
    if (!coder)
        return;
    size_t used = 0;
    for (size_t i = 0; i < sizeof fuzz_sentences / sizeof *fuzz_sentences; i++) {
        for (int record = 0; record < 2; record++) {
            dyad_document doc;
            memset(&doc, 0, sizeof doc);
            doc.id = "fixed";
            /* the last one has no date: actor codes then fall back */
            doc.date = i == 0 ? "2010-07-08" : i == 1 ? "2006-01-02" : NULL;
            doc.text = fuzz_sentences[i];
            doc.len = strlen(doc.text);
            doc.is_tabari_record = record;
            doc.record_header = record ? " fixed-001" : NULL;
            char part[4096];
            fuzz_code(coder, &doc, part, sizeof part);
            if (digest && used + 1 < cap) {
                size_t n = strlen(part);
                if (n > cap - used - 1)
                    n = cap - used - 1;
                memcpy(digest + used, part, n);
                used += n;
                digest[used] = '\0';
            }
        }
    }
    dyad_coder_free(coder);
}

#endif
