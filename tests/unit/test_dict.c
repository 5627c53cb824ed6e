/*
 * test_dict.c -- loading TABARI-format dictionaries (dict_tabari.c), the
 * compiled form (dict_compile.c) and dyad_dict_lookup, through the public
 * API.
 *
 * Every dictionary here is written by the test into a fresh mkdtemp
 * directory: the fixture dictionary of fixture.h for the counts, lookups
 * and the compiled round trip, and small files with one defect each for the
 * diagnostics.  Diagnostics are collected as (severity, where, line,
 * message) and compared exactly, all of them: a defect must give its one
 * diagnostic and nothing else.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

/* Dictionaries and buffers a test opens are closed by teardown, so that a
 * failing assertion (which leaves the test by longjmp) leaks nothing. */
typedef struct world {
    char dir[256];
    dyad_dict *open[16];
    int n_open;
    char *buffer;
} world;

static dyad_dict *track(world *w, dyad_dict *d)
{
    if (d && w->n_open < 16)
        w->open[w->n_open++] = d;
    return d;
}

/* Closes a dictionary now (tracked or not). */
static void done(world *w, dyad_dict *d)
{
    for (int i = 0; i < w->n_open; i++)
        if (w->open[i] == d)
            w->open[i] = NULL;
    dyad_dict_close(d);
}

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w || fx_mkdtemp(w->dir, sizeof w->dir) || fx_write_dict(w->dir))
        return -1;
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    for (int i = 0; i < w->n_open; i++)
        dyad_dict_close(w->open[i]);
    free(w->buffer);
    fx_rmdir(w->dir);
    free(w);
    return 0;
}

static void path_of(const world *w, const char *name, char *out, size_t cap)
{
    fx_path(out, cap, w->dir, name);
}

/* Asserts diagnostic i: severity, file (relative to the world), line,
 * message; and that errors carry DYAD_ERR_SYNTAX, warnings DYAD_OK. */
static void check_diag(const world *w, const fx_diags *d, int i,
                       dyad_severity severity, const char *file, long line,
                       const char *message)
{
    if (i >= d->n)
        fail_msg("diagnostic %d missing (only %d)", i, d->n);
    char where[512];
    path_of(w, file, where, sizeof where);
    const fx_diag *x = &d->d[i];
    if (x->severity != severity || strcmp(x->where, where) || x->line != line ||
        strcmp(x->message, message))
        fail_msg("diagnostic %d is\n  %d %s:%ld %s\nexpected\n  %d %s:%ld %s", i,
                 (int)x->severity, x->where, x->line, x->message, (int)severity, where,
                 line, message);
    assert_int_equal(x->code, severity == DYAD_ERROR ? DYAD_ERR_SYNTAX : DYAD_OK);
}

/* Loads dir/name; asserts success. */
static dyad_dict *load(world *w, const char *name, fx_diags *diags)
{
    char path[512];
    path_of(w, name, path, sizeof path);
    dyad_error err;
    dyad_dict *d = track(w, fx_load(path, diags, &err));
    if (!d)
        fail_msg("loading %s failed: %s: %s", path, err.where, err.message);
    return d;
}

static dyad_dict *load_many(world *w, const char **names, size_t n,
                            fx_diags *diags)
{
    char paths[8][512];
    dyad_dict_source src[8];
    for (size_t i = 0; i < n; i++) {
        path_of(w, names[i], paths[i], sizeof paths[i]);
        src[i].path = paths[i];
        src[i].kind = DYAD_SOURCE_AUTO;
    }
    memset(diags, 0, sizeof *diags);
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict *d = track(w, dyad_dict_load(src, n, fx_collect_diag, diags, &err));
    if (!d)
        fail_msg("loading failed: %s: %s", err.where, err.message);
    return d;
}

/* Codes one sentence; returns "SRC TGT CODE" of event `k` or a summary. */
static const char *code_with(const dyad_dict *d, const char *text, const char *date,
                             size_t k, fx_result *r)
{
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    dyad_error err;
    assert_int_equal(fx_code(c, text, date, r, &err), DYAD_OK);
    dyad_coder_free(c);
    return fx_triple(r, k);
}

/* --------------------------------------------------------------- counts */

static void test_fixture_stats(void **state)
{
    world *w = *state;
    fx_diags diags;
    dyad_dict *d = load(w, "test.project", &diags);
    assert_int_equal(diags.total, 0);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    /* 13 entries written (the built-in DEFAULT_ACTOR is not counted) */
    assert_int_equal(st.actors, 13);
    assert_int_equal(st.agents, 3);
    /* MEET MET MEETS VISIT SAY SAID CRITICIZE ARREST ACCUSE PRAISE PROMISE */
    assert_int_equal(st.verbs, 11);
    /* "* WITH +", "* &CURRENCY" and the two members of &CURRENCY */
    assert_int_equal(st.patterns, 4);
    assert_int_equal(st.synsets, 1);
    assert_int_equal(st.nouns, 2);
    /* NORTHERN (the built-in FORMER is not counted) */
    assert_int_equal(st.adjectives, 1);
    assert_int_equal(st.time_phrases, 2);
    assert_int_equal(st.attribution_phrases, 0);
    assert_int_equal(st.literals, 78);
    assert_int_equal(st.codes, 28);
    /* 010 032 033 0331 040 042 051 111 112 173 ([---] of PROMISE not counted) */
    assert_int_equal(st.event_codes, 10);
    assert_true(st.bytes > 0);
    done(w, d);
    dyad_dict_get_stats(NULL, &st);
    assert_int_equal(st.actors, 0);
    assert_int_equal(st.bytes, 0);
    dyad_dict_close(NULL);
}

/* The same files listed one by one give the same dictionary. */
static void test_sources_in_order(void **state)
{
    world *w = *state;
    const char *names[] = {"test.options", "test.actors", "test.agents", "test.verbs"};
    fx_diags diags;
    dyad_dict *a = load_many(w, names, 4, &diags);
    assert_int_equal(diags.total, 0);
    dyad_dict *b = load(w, "test.project", &diags);
    dyad_dict_stats sa, sb;
    dyad_dict_get_stats(a, &sa);
    dyad_dict_get_stats(b, &sb);
    sa.bytes = sb.bytes = 0; /* the project adds its own file name */
    assert_memory_equal(&sa, &sb, sizeof sa);
    fx_result r;
    assert_string_equal(code_with(a, "Arnorian police arrested Gondorian rebels in the "
                                     "capital on Monday.", NULL, 0, &r),
                        "ARNCOP GONREB 173");
    done(w, a);
    done(w, b);
}

/* ------------------------------------------------------------ warnings */

static void test_crlf_warns_once(void **state)
{
    world *w = *state;
    fx_write(w->dir, "crlf.actors", "ARNOR_ [ARN]\r\nGONDOR_ [GON]\r\n\r\nROHAN_ [ROH]\r\n");
    fx_write(w->dir, "crlf.verbs", "CRITICIZE_ [111]\r\n- * FOR + [112]\r\n");
    const char *names[] = {"crlf.actors", "crlf.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 2, &diags);
    /* once per file, at its first line */
    assert_int_equal(diags.total, 2);
    check_diag(w, &diags, 0, DYAD_WARNING, "crlf.actors", 1,
               "CRLF (Windows) line endings; read as plain line ends");
    check_diag(w, &diags, 1, DYAD_WARNING, "crlf.verbs", 1,
               "CRLF (Windows) line endings; read as plain line ends");
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 3);
    assert_int_equal(st.verbs, 1);
    assert_int_equal(st.patterns, 1);
    /* no '\r' is left at the end of a code or a pattern */
    fx_result r;
    assert_string_equal(code_with(d, "Rohan criticized Gondor for its policy on the "
                                     "northern border.", NULL, 0, &r),
                        "ROH GON 111");
    assert_string_equal(code_with(d, "Rohan criticized Arnor for Gondor and its policy on "
                                     "the border.", NULL, 0, &r),
                        "ROH GON 112");
    done(w, d);
}

static void test_stray_bytes(void **state)
{
    world *w = *state;
    static const char text[] = "ARNOR_ [ARN]\nGON\0DOR_ [GON]\nROHAN_ [ROH]\n\x1a";
    fx_write_bytes(w->dir, "stray.actors", text, sizeof text - 1);
    fx_diags diags;
    dyad_dict *d = load(w, "stray.actors", &diags);
    assert_int_equal(diags.total, 3);
    check_diag(w, &diags, 0, DYAD_WARNING, "stray.actors", 2,
               "stray byte 0x00 at column 4");
    check_diag(w, &diags, 1, DYAD_WARNING, "stray.actors", 2,
               "entry skipped: a stray byte in its phrase");
    check_diag(w, &diags, 2, DYAD_WARNING, "stray.actors", 4,
               "stray byte 0x1A at column 1");
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 2); /* ARNOR ROHAN */
    assert_int_equal(dyad_dict_lookup(d, "Gondor", NULL, NULL, NULL), 0);
    assert_int_equal(dyad_dict_lookup(d, "Rohan", NULL, NULL, NULL), 1);
    done(w, d);
}

typedef struct hits {
    int n;
    char entry[4][128], kind[4][32], code[4][64], all[4][256], file[4][512];
    long line[4];
} hits;

static void collect_hit(void *user, const dyad_lookup_hit *h)
{
    hits *x = user;
    if (x->n < 4) {
        snprintf(x->entry[x->n], sizeof x->entry[0], "%s", h->entry);
        snprintf(x->kind[x->n], sizeof x->kind[0], "%s", h->kind);
        snprintf(x->code[x->n], sizeof x->code[0], "%s", h->code);
        snprintf(x->all[x->n], sizeof x->all[0], "%s", h->all_codes);
        snprintf(x->file[x->n], sizeof x->file[0], "%s", h->file);
        x->line[x->n] = h->line;
    }
    x->n++;
}

/* A 0x1A after the code of an entry (old DOS files) is reported; the
 * entry itself is read, with its code intact. */
static void test_ctrl_z_after_code(void **state)
{
    world *w = *state;
    static const char text[] = "ARNOR_ [ARN]\x1a\nROHAN_ [ROH]\n";
    fx_write_bytes(w->dir, "ctrlz.actors", text, sizeof text - 1);
    fx_diags diags;
    dyad_dict *d = load(w, "ctrlz.actors", &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_WARNING, "ctrlz.actors", 1,
               "stray byte 0x1A at column 13");
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Arnor", NULL, collect_hit, &h), 1);
    assert_string_equal(h.code[0], "ARN");
    assert_int_equal(dyad_dict_lookup(d, "Rohan", NULL, NULL, NULL), 1);
    done(w, d);
}

static void test_ampersand_in_actor(void **state)
{
    world *w = *state;
    fx_write(w->dir, "amp.actors",
             "ARNOR_ [ARN]\nST_KITTS_&_NEVIS_ [KNA]\nTRINIDAD_&_TOBAGO_ [TTO]\n");
    fx_diags diags;
    dyad_dict *d = load(w, "amp.actors", &diags);
    assert_int_equal(diags.total, 2);
    check_diag(w, &diags, 0, DYAD_WARNING, "amp.actors", 2,
               "'&' in actor phrase \"ST_KITTS_&_NEVIS_\" is read as a word break");
    check_diag(w, &diags, 1, DYAD_WARNING, "amp.actors", 3,
               "'&' in actor phrase \"TRINIDAD_&_TOBAGO_\" is read as a word break");
    /* the text filter turns '&' into a blank, so both spellings match */
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Trinidad & Tobago", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "TRINIDAD_TOBAGO_");
    assert_string_equal(h.code[0], "TTO");
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "St Kitts Nevis", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "ST_KITTS_NEVIS_");
    assert_string_equal(h.code[0], "KNA");
    done(w, d);
}

static void test_duplicates_name_first_place(void **state)
{
    world *w = *state;
    fx_write(w->dir, "more.actors",
             "# more\nROHAN_ [XXX]\nHARAD_ [HAR]\nGONDOR_ [YYY]\nARNOR_ [ARN]\n");
    fx_write(w->dir, "more.verbs", "MEET_ [099]\n- * ABOUT + [098]\nBLAME_ [112]\n");
    const char *names[] = {"test.actors", "more.actors", "test.verbs", "more.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 4, &diags);
    assert_int_equal(diags.total, 4);
    char first[600];
    char path[512];
    path_of(w, "test.actors", path, sizeof path);
    snprintf(first, sizeof first,
             "duplicate entry \"ROHAN_\" with another code (first read at %s:6, which wins); "
             "skipped", path);
    check_diag(w, &diags, 0, DYAD_WARNING, "more.actors", 2, first);
    snprintf(first, sizeof first,
             "duplicate entry \"GONDOR_\" with another code (first read at %s:4, which wins); "
             "skipped", path);
    check_diag(w, &diags, 1, DYAD_WARNING, "more.actors", 4, first);
    snprintf(first, sizeof first,
             "duplicate entry \"ARNOR_\" (first read at %s:2); skipped", path);
    check_diag(w, &diags, 2, DYAD_WARNING, "more.actors", 5, first);
    path_of(w, "test.verbs", path, sizeof path);
    snprintf(first, sizeof first,
             "verb \"MEET_\" has another code at %s:11; this block is skipped", path);
    check_diag(w, &diags, 3, DYAD_WARNING, "more.verbs", 1, first);
    /* the first entry wins; the conflicting verb's pattern went with it */
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Rohan", NULL, collect_hit, &h), 1);
    assert_string_equal(h.code[0], "ROH");
    fx_result r;
    assert_string_equal(code_with(d, "Harad meets Gondor in the capital to talk about "
                                     "the border.", NULL, 0, &r),
                        "HAR GON 040");
    assert_string_equal(code_with(d, "Harad blamed Gondor for the attack on the northern "
                                     "border.", NULL, 0, &r),
                        "HAR GON 112");
    done(w, d);
}

/* A verb named again -- without a code, or with the same code in another
 * file -- collects the forms and patterns of every block under one entry; a
 * code given to a verb first written without one is taken. */
static void test_verb_extended_across_files(void **state)
{
    world *w = *state;
    fx_write(w->dir, "a.verbs", "AGREE_\n- * TO_ MEET [036]\nURGE_ [020]\nURGE_ [020]\n");
    fx_write(w->dir, "b.verbs",
             "AGREE_ [030]\n{AGREED_}\n- * TO_ CEASEFIRE [0871]\n"
             "MEET_ [040]\n{MET_}\n- * IN [043]\n");
    const char *names[] = {"test.actors", "test.verbs", "a.verbs", "b.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 4, &diags);
    /* a repeat with a code inside the file of the first entry is a duplicate */
    assert_int_equal(diags.total, 1);
    char path[512], first[600];
    path_of(w, "a.verbs", path, sizeof path);
    snprintf(first, sizeof first,
             "duplicate entry \"URGE_\" (first read at %s:3); skipped", path);
    check_diag(w, &diags, 0, DYAD_WARNING, "a.verbs", 4, first);
    fx_result r;
    assert_string_equal(code_with(d, "Arnor agreed with Gondor on the border "
                                     "near the northern river.", NULL, 0, &r),
                        "ARN GON 030");
    assert_string_equal(code_with(d, "Arnor agreed to meet Gondor on the border "
                                     "near the northern river.", NULL, 0, &r),
                        "ARN GON 036");
    assert_string_equal(code_with(d, "Arnor agreed to a ceasefire with Gondor "
                                     "near the northern river.", NULL, 0, &r),
                        "ARN GON 0871");
    assert_string_equal(code_with(d, "Arnor met Gondor in the capital of the "
                                     "northern realm today.", NULL, 0, &r),
                        "ARN GON 043");
    assert_string_equal(code_with(d, "Arnor met with Gondor in the capital of "
                                     "the northern realm today.", NULL, 0, &r),
                        "ARN GON 042");
    done(w, d);
}

/* A synonym that repeats a phrase (here an accented spelling that folds to
 * its ASCII twin) is skipped alone: its group keeps its codes. */
static void test_repeated_synonym_keeps_codes(void **state)
{
    world *w = *state;
    fx_write(w->dir, "syn.actors",
             "LUISA_DIOGO_\n+LU\xc3\x8dSA_DIOGO_\n  [MOZGOV 040217-100116]\n  [MOZELI]\n");
    fx_diags diags;
    dyad_dict *d = load(w, "syn.actors", &diags);
    assert_int_equal(diags.total, 1);
    char path[512], first[600];
    path_of(w, "syn.actors", path, sizeof path);
    snprintf(first, sizeof first,
             "duplicate entry \"LUISA_DIOGO_\" (first read at %s:1); skipped", path);
    check_diag(w, &diags, 0, DYAD_WARNING, "syn.actors", 2, first);
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Luisa Diogo", "2005-01-01", collect_hit, &h), 1);
    assert_string_equal(h.code[0], "MOZGOV");
    done(w, d);
}

/* SET: DROP E BEFORE ING gives a one-word exact verb ending in E its -ING
 * form without the E; SET: EVENT NOUNS codes a verb entry after an article. */
static void test_ing_forms_and_event_nouns(void **state)
{
    world *w = *state;
    fx_write(w->dir, "dyad.options",
             "SET: DROP E BEFORE ING = TRUE\nSET: EVENT NOUNS = TRUE\n");
    fx_write(w->dir, "more.verbs",
             "REFUSE_ [120]\nAGREE_ [030]\nTALKS_ [040]\n- * BETWEEN_ $ AND_ + [040]\n");
    const char *names[] = {"dyad.options", "test.actors", "more.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 0);
    fx_result r;
    assert_string_equal(code_with(d, "Arnor is refusing Gondor entry at the border near "
                                     "the river.", NULL, 0, &r),
                        "ARN GON 120");
    assert_string_equal(code_with(d, "Arnor is agreeing with Gondor at the border near "
                                     "the river.", NULL, 0, &r),
                        "ARN GON 030");
    assert_string_equal(code_with(d, "The talks between Arnor and Gondor ended on Monday "
                                     "near the river.", NULL, 0, &r),
                        "ARN GON 040");
    /* without the options: TABARI's way */
    const char *plain[] = {"test.actors", "more.verbs"};
    dyad_dict *p = load_many(w, plain, 2, &diags);
    assert_string_equal(code_with(p, "Arnor is refusing Gondor entry at the border near "
                                     "the river.", NULL, 0, &r),
                        "(no event)");
    assert_string_equal(code_with(p, "The talks between Arnor and Gondor ended on Monday "
                                     "near the river.", NULL, 0, &r),
                        "(no event)");
    done(w, p);
    done(w, d);
}

/* Entries of a <CAPITALS> section match only words written in capitals:
 * "US" and "WHO" are actors, "us" and "who" are not. */
static void test_capitals_section(void **state)
{
    world *w = *state;
    fx_write(w->dir, "caps.actors",
             "ARNOR_ [ARN]\n<CAPITALS>\nUS_ [USA]\nWHO_ [IGOWHO]\n</CAPITALS>\n"
             "GONDOR_ [GON]\n");
    fx_write(w->dir, "open.actors", "<CAPITALS>\nUS_ [USA]\n");
    const char *names[] = {"caps.actors", "test.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.total, 0);
    fx_result r;
    assert_string_equal(code_with(d, "The US criticized Gondor for its policy on the "
                                     "northern border.", NULL, 0, &r),
                        "USA GON 111");
    assert_string_equal(code_with(d, "The WHO criticized Arnor for its policy on the "
                                     "northern border.", NULL, 0, &r),
                        "IGOWHO ARN 111");
    /* lower case: words, not actors */
    assert_string_equal(code_with(d, "Arnor criticized us for the policy on the northern "
                                     "border of the realm.", NULL, 0, &r),
                        "(no event)");
    assert_string_equal(code_with(d, "Those who criticized Arnor were seen on the "
                                     "northern border of the realm.", NULL, 0, &r),
                        "(no event)");
    /* entries after the section match in any case */
    assert_string_equal(code_with(d, "arnor criticized gondor for the policy on the "
                                     "northern border of the realm.", NULL, 0, &r),
                        "ARN GON 111");
    /* an unclosed section is reported at its opening line */
    dyad_dict *open = load(w, "open.actors", &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_ERROR, "open.actors", 1,
               "section has no closing </CAPITALS> tag");
    done(w, open);
    done(w, d);
}

/* Agents of an <ALONE> section are actors when no actor stands next to
 * them, coded by their role alone; other agents are not (without SET:
 * CONVERT AGENTS), and an <ALONE> agent next to an actor still attaches. */
static void test_alone_agents(void **state)
{
    world *w = *state;
    fx_write(w->dir, "alone.agents",
             "MINISTER_ [~GOV]\n<ALONE>\nPOLICE_ [~COP]\nREBELS_ [~REB]\n</ALONE>\n");
    fx_write(w->dir, "open.agents", "<ALONE>\nPOLICE_ [~COP]\n");
    const char *names[] = {"test.actors", "alone.agents", "test.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 0);
    fx_result r;
    assert_string_equal(code_with(d, "Police arrested rebels near the northern border on "
                                     "Monday night.", NULL, 0, &r),
                        "COP REB 173");
    assert_string_equal(code_with(d, "Arnorian police arrested rebels near the northern "
                                     "border on Monday.", NULL, 0, &r),
                        "ARNCOP REB 173");
    assert_string_equal(code_with(d, "The minister criticized Gondor for its policy on the "
                                     "northern border.", NULL, 0, &r),
                        "(no event)");
    dyad_dict *open = load(w, "open.agents", &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_ERROR, "open.agents", 1,
               "section has no closing </ALONE> tag");
    done(w, open);
    /* a section in the wrong kind of file is named, not read as an entry */
    fx_write(w->dir, "wrong.actors", "ARNOR_ [ARN]\n<ALONE>\n");
    fx_write(w->dir, "wrong.agents", "<CAPITALS>\nPOLICE_ [~COP]\n");
    const char *wrong[] = {"wrong.actors", "wrong.agents"};
    dyad_dict *bad = load_many(w, wrong, 2, &diags);
    assert_int_equal(diags.total, 2);
    check_diag(w, &diags, 0, DYAD_ERROR, "wrong.actors", 2,
               "unknown section tag <ALONE> (an .actors file has <NOUN>, <ADJECTIVE> "
               "and <CAPITALS>)");
    check_diag(w, &diags, 1, DYAD_ERROR, "wrong.agents", 1,
               "unknown section tag <CAPITALS> (an .agents file has <ALONE>)");
    done(w, bad);
    done(w, d);
}

/* With an attribution list, the comma clause that holds the attribution
 * is nulled after the clauses are marked; the sentence keeps its first
 * actor ("Arnor"), and the attribution names the reporter. */
static void test_attribution_keeps_first_actor(void **state)
{
    world *w = *state;
    fx_write(w->dir, "attrib.verbs",
             "<ATTRIB>\nREPORTED_ [---]\n- @ * [---]\n</ATTRIB>\nCRITICIZE_ [111]\n");
    const char *names[] = {"test.actors", "attrib.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.total, 0);
    fx_result r;
    assert_string_equal(code_with(d, "Arnor criticized Gondor on Monday, Rohan reported.",
                                  NULL, 0, &r),
                        "ARN GON 111");
    assert_string_equal(r.e[0].attribution, "ROH");
    assert_string_equal(code_with(d, "Arnor criticized Gondor on Monday, officials said.",
                                  NULL, 0, &r),
                        "ARN GON 111");
    done(w, d);
}

/* Old options files hold labels in Mac Roman; output is UTF-8, so the bytes
 * that are not become '?', with a warning naming the line. */
static void test_label_not_utf8(void **state)
{
    world *w = *state;
    fx_write(w->dir, "roman.options", "SET: LABEL = TRUE\nLABEL: 040=Meet at a \xd2third\xd3 place\n");
    fx_write(w->dir, "meet.verbs", "MEET_ [040]\n{MET_ MEETS_}\n");
    const char *names[] = {"roman.options", "test.actors", "meet.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_WARNING, "roman.options", 2,
               "label of 040 is not UTF-8: 2 byte(s) replaced by '?'");
    fx_result r;
    assert_string_equal(code_with(d, "Arnor meets Gondor in the capital on Monday to talk "
                                     "about trade.", NULL, 0, &r),
                        "ARN GON 040");
    assert_string_equal(r.e[0].label, "Meet at a ?third? place");
    done(w, d);
}

/* An entry that duplicates one of the words dyad builds in. */
static void test_duplicate_of_builtin(void **state)
{
    world *w = *state;
    fx_write(w->dir, "builtin.actors", "ARNOR_ [ARN]\nTHE_ [THE]\n");
    fx_diags diags;
    dyad_dict *d = load(w, "builtin.actors", &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_WARNING, "builtin.actors", 2,
               "entry \"THE_\" duplicates a built-in word; skipped");
    done(w, d);
}

/* ------------------------------------------- whole-dictionary checks */

/* dict_check.c: once every file is loaded, each event code that a verb or
 * pattern gives (both codes of a pair) must have a LABEL: when the options
 * label any code; reported at the line that gave the code. */
static void test_check_unknown_event_codes(void **state)
{
    world *w = *state;
    fx_write(w->dir, "labels.options", "LABEL: 040=CONSULT\nLABEL: 111=CRITICIZE\n");
    fx_write(w->dir, "codes.verbs",
             "MEET_ [040]\n"            /* 1 */
             "- * WITH + [0999]\n"      /* 2 unknown */
             "CRITICIZE_ [111!]\n"      /* 3 */
             "VISIT_ [040:0333?]\n"     /* 4 the second code of the pair */
             "HALT_ [---]\n"            /* 5 special codes are no event codes */
             "- * TALKS_ [###]\n"       /* 6 */
             "- * CHAOS_ [+++]\n"       /* 7 */
             "AGREE_\n"                 /* 8 no code here... */
             "- * TO_ MEET [040]\n"     /* 9 */
             "<TIME>\n"                 /* 10 time shifts are no event codes */
             "YESTERDAY [-1]\n"         /* 11 */
             "</TIME>\n");              /* 12 */
    fx_write(w->dir, "more.verbs", "AGREE_ [088]\n"); /* ...the code comes from here */
    const char *names[] = {"labels.options", "test.actors", "codes.verbs", "more.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 4, &diags);
    assert_int_equal(diags.total, 3);
    check_diag(w, &diags, 0, DYAD_WARNING, "codes.verbs", 2,
               "unknown event code 0999 (no LABEL: in the options)");
    check_diag(w, &diags, 1, DYAD_WARNING, "codes.verbs", 4,
               "unknown event code 0333 (no LABEL: in the options)");
    check_diag(w, &diags, 2, DYAD_WARNING, "more.verbs", 1,
               "unknown event code 088 (no LABEL: in the options)");
    /* a warning, not an error: the code is still given, with no label */
    fx_result r;
    assert_string_equal(code_with(d, "Arnor meets with Gondor in the capital on Monday.", NULL,
                                  0, &r),
                        "ARN GON 0999");
    assert_string_equal(r.e[0].label, "");
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.event_codes, 5); /* 040 0999 111 0333 088 */
    done(w, d);
    /* without any LABEL: there is nothing to check against */
    const char *unlabelled[] = {"test.actors", "codes.verbs", "more.verbs"};
    d = load_many(w, unlabelled, 3, &diags);
    assert_int_equal(diags.total, 0);
    done(w, d);
}

/* Two date restrictions of one actor that both hold on more than one day:
 * the later one is reported at its line, with the first it overlaps. */
static void test_check_date_ranges(void **state)
{
    world *w = *state;
    fx_write(w->dir, "dates.actors",
             "NETANYAHU_\n"                 /* 1 */
             "  [ISRGOV 960618-990706]\n"   /* 2 */
             "  [ISROPP 990101-090330]\n"   /* 3 overlaps 2 */
             "  [ISRGOV >090331]\n"         /* 4 from 090401: no overlap */
             "  [ISRELI]\n"                 /* 5 the default never overlaps */
             "SHARON_\n"                    /* 6 */
             "  [ISRGOV 010307-060414]\n"   /* 7 */
             "  [ISRELI 020101-030101]\n"   /* 8 inside 7: never holds */
             "PERES_ [ISROPP <960618] [ISRGOV 950101-960618]\n" /* 9 */
             "BEGIN_ [ISRGOV 19200101-19300101] [ISRELI >19291130]\n" /* 10 */
             "RABIN_ [ISRGOV >920713] [ISRELI 740603-960101]\n"); /* 11 */
    fx_diags diags;
    dyad_dict *d = load(w, "dates.actors", &diags);
    assert_int_equal(diags.total, 5);
    check_diag(w, &diags, 0, DYAD_WARNING, "dates.actors", 3,
               "date ranges of NETANYAHU_ overlap: 960618-990706 and 990101-090330 "
               "(the first that holds wins)");
    check_diag(w, &diags, 1, DYAD_WARNING, "dates.actors", 8,
               "date ranges of SHARON_ overlap: 010307-060414 and 020101-030101 "
               "(the first that holds wins)");
    check_diag(w, &diags, 2, DYAD_WARNING, "dates.actors", 9,
               "date ranges of PERES_ overlap: <960618 and 950101-960618 "
               "(the first that holds wins)");
    check_diag(w, &diags, 3, DYAD_WARNING, "dates.actors", 10,
               "date ranges of BEGIN_ overlap: 19200101-19300101 and >19291130 "
               "(the first that holds wins)");
    check_diag(w, &diags, 4, DYAD_WARNING, "dates.actors", 11,
               "date ranges of RABIN_ overlap: >920713 and 740603-960101 "
               "(the first that holds wins)");
    done(w, d);
}

/* A pattern that repeats an earlier one of its verb, token for token after
 * folding, is never chosen; a verb with no code anywhere and no pattern
 * never codes. */
static void test_check_never_matching(void **state)
{
    world *w = *state;
    fx_write(w->dir, "a.verbs",
             "MEET_ [040]\n"             /* 1 */
             "- * WITH_ + [042]\n"       /* 2 */
             "- * WITH + [043]\n"        /* 3 a stem: another pattern */
             "- *  WITH_  + [044]\n"     /* 4 repeats 2 */
             "- * with_ + [042]\n"       /* 5 repeats 2, whatever the code */
             "PRAISE_ [051]\n"           /* 6 */
             "- * WITH_ + [052]\n"       /* 7 another verb's */
             "BLAME_\n"                  /* 8 no code, no pattern */
             "{BLAMED_}\n"               /* 9 */
             "ACCUSE_\n"                 /* 10 no code, but a pattern */
             "- * OF_ + [112]\n"         /* 11 */
             "AGREE_\n");                /* 12 no code here, one in b.verbs */
    fx_write(w->dir, "b.verbs",
             "MEET_\n"                   /* 1 extends MEET_ */
             "- * WITH + [045]\n"        /* 2 repeats a.verbs:3 */
             "AGREE_ [081]\n");          /* 3 */
    const char *names[] = {"test.actors", "a.verbs", "b.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 4);
    check_diag(w, &diags, 0, DYAD_WARNING, "a.verbs", 4,
               "pattern \"*  WITH_  +\" of MEET_ repeats line 2; it can never match");
    check_diag(w, &diags, 1, DYAD_WARNING, "a.verbs", 5,
               "pattern \"* WITH_ +\" of MEET_ repeats line 2; it can never match");
    char message[700], path[512];
    path_of(w, "a.verbs", path, sizeof path);
    snprintf(message, sizeof message,
             "pattern \"* WITH +\" of MEET_ repeats %s:3; it can never match", path);
    check_diag(w, &diags, 2, DYAD_WARNING, "b.verbs", 2, message);
    check_diag(w, &diags, 3, DYAD_WARNING, "a.verbs", 8,
               "verb BLAME_ has no code and no patterns; it can never code");
    /* the first of the repeats is the one that codes */
    fx_result r;
    assert_string_equal(code_with(d, "Arnor meets with Gondor in the capital on Monday.", NULL,
                                  0, &r),
                        "ARN GON 042");
    done(w, d);
}

/* A duplicate actor (or agent) whose code differs from the first entry's
 * says so.  Its codes are compared only when known on its own line or, for
 * a synonym, its group's line; reading them reports nothing and stores no
 * code. */
static void test_duplicate_with_another_code(void **state)
{
    world *w = *state;
    fx_write(w->dir, "first.actors",
             "ARNOR_ [ARN]\n"                                /* 1 */
             "GONDOR_ [GON]\n"                               /* 2 */
             "ELESSAR_\n"                                    /* 3 */
             "  [ARNGOV 190101-201231]\n"                    /* 4 */
             "  [ARNELI]\n");                                /* 5 */
    fx_write(w->dir, "dup.actors",
             "ARNOR_ [ARN]\n"                                /* 1 same code */
             "GONDOR_ [ARN]\n"                               /* 2 another */
             "MORDOR_ [MOR]\n"                               /* 3 */
             "+ARNOR_\n"                                     /* 4 in MORDOR_'s group */
             "ELESSAR_ [ARNGOV 190101-201231] [ARNELI]\n"    /* 5 same codes */
             "ELESSAR_ [ARNGOV 190101-201230] [ARNELI]\n"    /* 6 another date */
             "ARNOR_ [ZZZ]\n"                                /* 7 a code no entry has */
             "GONDOR_ [GON 201399-201401]\n"                 /* 8 unreadable: not compared */
             "ROHAN_\n"                                      /* 9 */
             "+GONDOR_\n"                                    /* 10 group's code below */
             "  [ROH]\n");                                   /* 11 */
    fx_write(w->dir, "dup.agents", "POLICE_ [~COP]\nPOLICE_ [~COP]\nPOLICE_ [~PTY]\n");
    const char *names[] = {"first.actors", "dup.actors", "dup.agents"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.errors, 0);
    assert_int_equal(diags.total, 10);
    char path[512], message[700];
    path_of(w, "first.actors", path, sizeof path);
    static const struct { long line; int other; const char *entry; long first; } want[] = {
        {1, 0, "ARNOR_", 1},   {2, 1, "GONDOR_", 2}, {4, 1, "ARNOR_", 1},
        {5, 0, "ELESSAR_", 3}, {6, 1, "ELESSAR_", 3}, {7, 1, "ARNOR_", 1},
        {8, 0, "GONDOR_", 2},  {10, 0, "GONDOR_", 2},
    };
    for (int i = 0; i < 8; i++) {
        if (want[i].other)
            snprintf(message, sizeof message,
                     "duplicate entry \"%s\" with another code (first read at %s:%ld, which "
                     "wins); skipped", want[i].entry, path, want[i].first);
        else
            snprintf(message, sizeof message,
                     "duplicate entry \"%s\" (first read at %s:%ld); skipped", want[i].entry,
                     path, want[i].first);
        check_diag(w, &diags, i, DYAD_WARNING, "dup.actors", want[i].line, message);
    }
    path_of(w, "dup.agents", path, sizeof path);
    snprintf(message, sizeof message, "duplicate entry \"POLICE_\" (first read at %s:1); skipped",
             path);
    check_diag(w, &diags, 8, DYAD_WARNING, "dup.agents", 2, message);
    snprintf(message, sizeof message,
             "duplicate entry \"POLICE_\" with another code (first read at %s:1, which wins); "
             "skipped", path);
    check_diag(w, &diags, 9, DYAD_WARNING, "dup.agents", 3, message);
    /* the first entries win, and the codes read for the comparison left
     * nothing behind */
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    /* the 6 built in, ARN GON ARNGOV ARNELI MOR ROH ~COP: not ZZZ, nor the
     * ~PTY of the skipped agent */
    assert_int_equal(st.codes, 6 + 7);
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Gondor", NULL, collect_hit, &h), 1);
    assert_string_equal(h.code[0], "GON");
    done(w, d);
}

/* A dictionary without those defects gets no diagnostic: handovers written
 * on both sides of one day, exact "<" and ">" bounds, a later fallback
 * around an earlier code, similar but different patterns, a verb without a
 * code that has patterns or gets a code in another file. */
static void test_check_clean_dictionary(void **state)
{
    world *w = *state;
    fx_write(w->dir, "clean.options", "LABEL: 040=CONSULT\nLABEL: 042=MEET\nLABEL: 081=AGREE\n"
                                      "LABEL: 112=ACCUSE\n");
    fx_write(w->dir, "clean.actors",
             "ZAHIR_SHAH_ [AFGELI 320101-331108] [AFGGOV 331108-730717] [AFGELI]\n"
             "NYAMWASA_ [RWAMIL <100227] [RWAREB >100226]\n"
             "RAISI_\n"
             "  [IRNGOV 210803-240519]\n"
             "  [IRNJUD 190307-210701]\n"
             "  [IRNELI <240519]\n"
             "  [---]\n");
    fx_write(w->dir, "a.verbs",
             "MEET_ [040]\n- * WITH_ + [042]\n- * WITH + [042]\n- + * WITH_ [042]\n"
             "ACCUSE_\n- * OF_ + [112]\nAGREE_\n");
    fx_write(w->dir, "b.verbs", "AGREE_ [081]\n- * TO_ MEET [040]\n");
    const char *names[] = {"clean.options", "clean.actors", "a.verbs", "b.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 4, &diags);
    assert_int_equal(diags.total, 0);
    done(w, d);
    /* nor does the fixture */
    d = load(w, "test.project", &diags);
    assert_int_equal(diags.total, 0);
    done(w, d);
}

/* -------------------------------------------------------------- errors */

static void test_actor_errors(void **state)
{
    world *w = *state;
    fx_write(w->dir, "bad.actors",
             "ARNOR_ [ARN]\n"                     /* 1 */
             "GONDOR_ [GON\n"                     /* 2 missing ] */
             "ROHAN_ []\n"                        /* 3 empty */
             "ELESSAR_ [ARNGOV 191301-201231]\n"  /* 4 month 13 */
             "ISENGARD_ [ISE <200232]\n"          /* 5 day 32 */
             "  [ORC]\n"                          /* 6 code line, no entry */
             "HARAD_ [HAR]\n"                     /* 7 */
             "+HARADRIM_\n"                       /* 8 */
             "\n"                                 /* 9 */
             "X [XXX]\n");                        /* 10 one-letter phrase */
    fx_diags diags;
    const char *names[] = {"bad.actors", "test.verbs"};
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.errors, 6);
    assert_int_equal(diags.warnings, 0);
    check_diag(w, &diags, 0, DYAD_ERROR, "bad.actors", 2, "missing ']' after the code");
    check_diag(w, &diags, 1, DYAD_ERROR, "bad.actors", 3, "empty code []");
    check_diag(w, &diags, 2, DYAD_ERROR, "bad.actors", 4,
               "invalid date \"191301-2\" in a date restriction (expected YYMMDD)");
    check_diag(w, &diags, 3, DYAD_ERROR, "bad.actors", 5,
               "invalid date \"200232\" in a date restriction (expected YYMMDD)");
    check_diag(w, &diags, 4, DYAD_ERROR, "bad.actors", 6,
               "code line without an actor entry above it");
    check_diag(w, &diags, 5, DYAD_ERROR, "bad.actors", 10,
               "no phrase (or a one-letter phrase)");
    /* the good entries are usable */
    fx_result r;
    assert_string_equal(code_with(d, "Haradrim criticized Arnor for its policy on the "
                                     "northern border.", NULL, 0, &r),
                        "HAR ARN 111");
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Harad", NULL, collect_hit, &h), 1);
    assert_string_equal(h.code[0], "HAR");
    done(w, d);
}

/* An invalid date on an indented code line is reported at that line, not
 * at the entry above it. */
static void test_error_line_of_indented_code(void **state)
{
    world *w = *state;
    fx_write(w->dir, "dated.actors",
             "ARNOR_ [ARN]\n"             /* 1 */
             "ELESSAR_\n"                 /* 2 */
             "+ARAGORN_\n"                /* 3 */
             "  [ARNGOV 190101-201231]\n" /* 4 */
             "  [GONGOV >219999]\n"       /* 5 invalid */
             "  [ARNELI]\n");             /* 6 */
    fx_diags diags;
    dyad_dict *d = load(w, "dated.actors", &diags);
    assert_int_equal(diags.total, 1);
    check_diag(w, &diags, 0, DYAD_ERROR, "dated.actors", 5,
               "invalid date \"219999\" in a date restriction (expected YYMMDD)");
    done(w, d);
}

static void test_verb_errors(void **state)
{
    world *w = *state;
    fx_write(w->dir, "bad.verbs",
             "- * WITH + [042]\n"  /* 1 before any verb */
             "MEET_ [040]\n"       /* 2 */
             "- WITH + [042]\n"    /* 3 no '*' */
             "- * TO + [043\n"     /* 4 missing ] */
             "- * FOR []\n"        /* 5 empty */
             "- * ABOUT +\n"       /* 6 no code */
             "PRAISE_ [051]\n"     /* 7 */
             "{PRAISED_}\n"        /* 8 */
             "- * &NOPE [050]\n"   /* 9 undeclared synset */
             "{}\n"                /* 10 no forms */
             "BLAME_\n");          /* 11 no code: null unless another file gives one */
    fx_diags diags;
    const char *names[] = {"test.actors", "bad.verbs"};
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.errors, 7);
    assert_int_equal(diags.warnings, 1);
    check_diag(w, &diags, 0, DYAD_ERROR, "bad.verbs", 1, "pattern before any verb");
    check_diag(w, &diags, 1, DYAD_ERROR, "bad.verbs", 3, "pattern has no verb marker '*'");
    check_diag(w, &diags, 2, DYAD_ERROR, "bad.verbs", 4,
               "missing ']' after the event code");
    check_diag(w, &diags, 3, DYAD_ERROR, "bad.verbs", 5, "empty code []");
    check_diag(w, &diags, 4, DYAD_ERROR, "bad.verbs", 6, "pattern has no [code]");
    check_diag(w, &diags, 5, DYAD_ERROR, "bad.verbs", 9, "undeclared synset &NOPE");
    check_diag(w, &diags, 6, DYAD_ERROR, "bad.verbs", 10, "no verb forms inside {...}");
    check_diag(w, &diags, 7, DYAD_WARNING, "bad.verbs", 11,
               "verb BLAME_ has no code and no patterns; it can never code");
    fx_result r;
    assert_string_equal(code_with(d, "Arnor praised Gondor in the capital on Monday for "
                                     "its trade.", NULL, 0, &r),
                        "ARN GON 051");
    assert_string_equal(code_with(d, "Arnor meets Gondor in the capital on Monday to talk "
                                     "about trade.", NULL, 0, &r),
                        "ARN GON 040");
    assert_string_equal(code_with(d, "Arnor blamed Gondor in the capital on Monday for "
                                     "the attack.", NULL, 0, &r),
                        "(no event)");
    done(w, d);
}

/* A pattern line reported as an error is skipped (dyad.h: "a malformed
 * line is reported as an error and skipped"): it must not code events
 * with an empty event code. */
static void test_bad_pattern_is_skipped(void **state)
{
    world *w = *state;
    fx_write(w->dir, "skip.verbs",
             "MEET_ [040]\n"
             "- * TO + [043\n"
             "- * FOR []\n");
    fx_diags diags;
    const char *names[] = {"test.actors", "skip.verbs"};
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.errors, 2);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.patterns, 0);
    fx_result r;
    assert_string_equal(code_with(d, "Arnor meets for Gondor in the capital on Monday to "
                                     "talk.", NULL, 0, &r),
                        "ARN GON 040");
    assert_string_equal(code_with(d, "Arnor meets to Gondor in the capital on Monday to "
                                     "talk.", NULL, 0, &r),
                        "ARN GON 040");
    done(w, d);
}

static void test_agent_errors(void **state)
{
    world *w = *state;
    fx_write(w->dir, "bad.agents",
             "POLICE_ [~COP]\n"  /* 1 */
             "ARMY_ [MIL]\n"     /* 2 no ~ */
             "REBELS_ [~REB\n"   /* 3 */
             "MINISTER_ []\n"    /* 4 */
             "GUARD_\n");        /* 5 */
    fx_diags diags;
    const char *names[] = {"test.actors", "bad.agents", "test.verbs"};
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 4);
    check_diag(w, &diags, 0, DYAD_ERROR, "bad.agents", 2,
               "agent code [MIL] needs a '~' to place the actor code");
    check_diag(w, &diags, 1, DYAD_ERROR, "bad.agents", 3, "missing ']' after the code");
    check_diag(w, &diags, 2, DYAD_ERROR, "bad.agents", 4, "empty code []");
    check_diag(w, &diags, 3, DYAD_ERROR, "bad.agents", 5, "missing code: expected [CODE]");
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.agents, 1);
    fx_result r;
    assert_string_equal(code_with(d, "Arnorian police arrested Gondorian rebels in the "
                                     "capital on Monday.", NULL, 0, &r),
                        "ARNCOP GON 173");
    done(w, d);
}

static void test_option_errors(void **state)
{
    world *w = *state;
    fx_write(w->dir, "bad.options", "SET: CODE ALL\nBOGUS: 1\nSET: MATCH = TRUE\n");
    const char *names[] = {"bad.options", "test.actors", "test.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 3, &diags);
    assert_int_equal(diags.total, 2);
    check_diag(w, &diags, 0, DYAD_ERROR, "bad.options", 2,
               "unrecognised option command \"BOGUS:\"");
    check_diag(w, &diags, 1, DYAD_ERROR, "bad.options", 3,
               "SET: MATCH is obsolete; use OUTPUT: MATCH");
    /* the good line took effect: CODE ALL codes both verbs of one clause */
    fx_result r;
    code_with(d, "Arnor criticized Gondor after Gondor accused Rohan of helping the "
                 "northern rebels.", NULL, 0, &r);
    assert_int_equal(r.n_events, 2);
    done(w, d);
}

static void test_unclosed_sections(void **state)
{
    world *w = *state;
    fx_write(w->dir, "open.actors", "ARNOR_ [ARN]\n<NOUN>\nTROOPS_\n");
    fx_write(w->dir, "open.verbs", "MEET_ [040]\n<TIME>\nYESTERDAY [-1]\n");
    const char *names[] = {"open.actors", "open.verbs"};
    fx_diags diags;
    dyad_dict *d = load_many(w, names, 2, &diags);
    assert_int_equal(diags.total, 2);
    check_diag(w, &diags, 0, DYAD_ERROR, "open.actors", 2,
               "list has no closing </NOUN> tag");
    check_diag(w, &diags, 1, DYAD_ERROR, "open.verbs", 2,
               "section has no closing </TIME> tag");
    done(w, d);
}

/* ------------------------------------------------------- fatal failures */

static void test_missing_file(void **state)
{
    world *w = *state;
    char path[512];
    path_of(w, "nonexistent.actors", path, sizeof path);
    fx_diags diags;
    dyad_error err;
    assert_null(fx_load(path, &diags, &err));
    assert_int_equal(err.code, DYAD_ERR_IO);
    assert_string_equal(err.where, path);
    assert_string_equal(err.message, "cannot open dictionary file");
    assert_int_equal(err.line, 0);
    assert_int_equal(diags.total, 0);

    /* a project naming a missing file: the path as the project resolves it */
    fx_write(w->dir, "m.project", "<actorsfile> test.actors\n<verbsfile> gone.verbs\n");
    path_of(w, "m.project", path, sizeof path);
    assert_null(fx_load(path, &diags, &err));
    assert_int_equal(err.code, DYAD_ERR_IO);
    path_of(w, "gone.verbs", path, sizeof path);
    assert_string_equal(err.where, path);
    assert_string_equal(err.message, "cannot open dictionary file");

    /* one missing file among good ones */
    char good[512];
    path_of(w, "test.actors", good, sizeof good);
    dyad_dict_source src[2] = {{good, DYAD_SOURCE_AUTO}, {"/nonexistent/x.verbs",
                                                           DYAD_SOURCE_AUTO}};
    memset(&err, 0, sizeof err);
    assert_null(dyad_dict_load(src, 2, NULL, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_IO);
    assert_string_equal(err.where, "/nonexistent/x.verbs");
}

static void test_usage_errors(void **state)
{
    world *w = *state;
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_null(dyad_dict_load(NULL, 0, NULL, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_USAGE);
    assert_string_equal(err.message, "no dictionary given");

    fx_write(w->dir, "words.txt", "ARNOR_ [ARN]\n");
    char path[512];
    path_of(w, "words.txt", path, sizeof path);
    assert_null(fx_load(path, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_USAGE);
    assert_string_equal(err.where, path);
    assert_string_equal(err.message,
                        "cannot tell the dictionary kind from the file name (expected "
                        ".project, .actors, .agents, .verbs or .options)");
    /* ... unless the kind is given */
    dyad_dict_source src = {path, DYAD_SOURCE_ACTORS};
    dyad_dict *d = track(w, dyad_dict_load(&src, 1, NULL, NULL, &err));
    assert_non_null(d);
    assert_int_equal(dyad_dict_lookup(d, "Arnor", NULL, NULL, NULL), 1);
    done(w, d);
}

static void test_empty_file(void **state)
{
    world *w = *state;
    fx_write(w->dir, "empty.actors", "");
    fx_diags diags;
    dyad_dict *d = load(w, "empty.actors", &diags);
    assert_int_equal(diags.total, 0);
    dyad_dict_stats st;
    dyad_dict_get_stats(d, &st);
    assert_int_equal(st.actors, 0); /* built-ins are not counted */
    assert_int_equal(st.verbs, 0);
    assert_int_equal(st.patterns, 0);
    done(w, d);
}

/* --------------------------------------------------------------- lookup */

static void test_lookup(void **state)
{
    world *w = *state;
    fx_diags diags;
    dyad_dict *d = load(w, "test.project", &diags);
    char actors[512], agents[512], verbs[512];
    path_of(w, "test.actors", actors, sizeof actors);
    path_of(w, "test.agents", agents, sizeof agents);
    path_of(w, "test.verbs", verbs, sizeof verbs);

    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Arnor", NULL, collect_hit, &h), 1);
    assert_int_equal(h.n, 1);
    assert_string_equal(h.entry[0], "ARNOR_");
    assert_string_equal(h.kind[0], "actor");
    assert_string_equal(h.code[0], "ARN");
    assert_string_equal(h.all[0], "ARN");
    assert_string_equal(h.file[0], actors);
    assert_int_equal(h.line[0], 2);

    /* case-insensitive, synonyms share the code */
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "ARNORIAN", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "ARNORIAN_");
    assert_string_equal(h.code[0], "ARN");
    assert_int_equal(h.line[0], 3);

    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "minas tirith", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "MINAS_TIRITH_");
    assert_string_equal(h.code[0], "GONGOV");

    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "police", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "POLICE_");
    assert_string_equal(h.kind[0], "agent");
    assert_string_equal(h.code[0], "~COP");
    assert_string_equal(h.file[0], agents);
    assert_int_equal(h.line[0], 2);

    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "met", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "MET_");
    assert_string_equal(h.kind[0], "verb");
    assert_string_equal(h.code[0], "040");
    assert_string_equal(h.file[0], verbs);
    assert_int_equal(h.line[0], 12);

    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "visits", NULL, collect_hit, &h), 1);
    assert_string_equal(h.all[0], "032:033");
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "said", NULL, collect_hit, &h), 1);
    assert_string_equal(h.all[0], "010?");

    /* accents fold to the dictionary's ASCII */
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(d, "C\xc3\xb4te d'Ivoire", NULL, collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "COTE_D'IVOIRE_");
    assert_string_equal(h.code[0], "CIV");

    /* no match; NULL callback still counts */
    assert_int_equal(dyad_dict_lookup(d, "Mordor", NULL, collect_hit, &h), 0);
    assert_int_equal(dyad_dict_lookup(d, "", NULL, collect_hit, &h), 0);
    assert_int_equal(dyad_dict_lookup(d, "Gondor", NULL, NULL, NULL), 1);
    assert_int_equal(dyad_dict_lookup(d, NULL, NULL, NULL, NULL), 0);
    assert_int_equal(dyad_dict_lookup(NULL, "Gondor", NULL, NULL, NULL), 0);
    done(w, d);
}

static const char *aragorn_on(const dyad_dict *d, const char *date, char *all, size_t cap)
{
    static hits h;
    memset(&h, 0, sizeof h);
    if (dyad_dict_lookup(d, "Aragorn", date, collect_hit, &h) != 1)
        return "(no hit)";
    if (all)
        snprintf(all, cap, "%s", h.all[0]);
    return h.code[0];
}

static void check_dates(const dyad_dict *d)
{
    char all[256];
    assert_string_equal(aragorn_on(d, NULL, all, sizeof all), "ARNELI");
    assert_string_equal(all, "ARNGOV 2019-01-01 to 2020-12-31; GONGOV after 2021-01-01; "
                             "ARNELI");
    assert_string_equal(aragorn_on(d, "2018-12-31", NULL, 0), "ARNELI");
    assert_string_equal(aragorn_on(d, "2019-01-01", NULL, 0), "ARNGOV");
    assert_string_equal(aragorn_on(d, "2020-06-01", NULL, 0), "ARNGOV");
    assert_string_equal(aragorn_on(d, "2020-12-31", NULL, 0), "ARNGOV");
    /* ">210101" is strictly after */
    assert_string_equal(aragorn_on(d, "2021-01-01", NULL, 0), "ARNELI");
    assert_string_equal(aragorn_on(d, "2021-01-02", NULL, 0), "GONGOV");
    assert_string_equal(aragorn_on(d, "2030-01-01", NULL, 0), "GONGOV");
}

static void test_lookup_dates(void **state)
{
    world *w = *state;
    fx_diags diags;
    dyad_dict *d = load(w, "test.project", &diags);
    check_dates(d);
    /* the synonym's head entry resolves the same way */
    hits h = {0};
    assert_int_equal(dyad_dict_lookup(d, "Elessar", "2022-01-01", collect_hit, &h), 1);
    assert_string_equal(h.entry[0], "ELESSAR_");
    assert_string_equal(h.code[0], "GONGOV");
    assert_int_equal(h.line[0], 8);

    /* a lone restricted code falls back to the null code (manual 6.5.2) */
    fx_write(w->dir, "lone.actors", "ELESSAR_ [ARNGOV 190101-201231]\n");
    dyad_dict *e = load(w, "lone.actors", &diags);
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(e, "Elessar", "2020-01-01", collect_hit, &h), 1);
    assert_string_equal(h.code[0], "ARNGOV");
    assert_string_equal(h.all[0], "ARNGOV 2019-01-01 to 2020-12-31; ---");
    memset(&h, 0, sizeof h);
    assert_int_equal(dyad_dict_lookup(e, "Elessar", "2022-01-01", collect_hit, &h), 1);
    assert_string_equal(h.code[0], "---");
    done(w, e);
    done(w, d);
}

/* ------------------------------------------------------------- compiled */

static const char *SENTENCES[] = {
    "Arnorian police arrested Gondorian rebels in the capital on Monday.",
    "Gondor was criticized by Arnor for its policy on the northern border.",
    "Arnor and Gondor met with Rohan in the capital to discuss the border.",
    "Arnor visited Gondor to discuss trade and security on the border.",
    "Aragorn criticized Gondor yesterday for its policy on the northern border.",
    "C\xc3\xb4te d'Ivoire criticized Gondor for its policy on the border.",
    "Arnor promised Rohan millions of euros to rebuild the northern border.",
};

/* All events of the test sentences, one line each. */
static void code_all(const dyad_dict *d, char *out, size_t cap)
{
    dyad_coder *c = dyad_coder_new(d);
    assert_non_null(c);
    size_t used = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof SENTENCES / sizeof *SENTENCES; i++) {
        fx_result r;
        dyad_error err;
        assert_int_equal(fx_code(c, SENTENCES[i], "2020-06-01", &r, &err), DYAD_OK);
        for (size_t k = 0; k < r.n_events; k++)
            used += (size_t)snprintf(out + used, cap - used, "%s %s [%zu,%zu) %s\n",
                                     fx_triple(&r, k), r.s[0].date, r.e[k].source.start,
                                     r.e[k].source.end, r.e[k].pattern);
    }
    dyad_coder_free(c);
}

static void test_compiled_round_trip(void **state)
{
    world *w = *state;
    fx_diags diags;
    dyad_dict *d = load(w, "test.project", &diags);
    char out[512];
    path_of(w, "test.dyd", out, sizeof out);
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_dict_save(d, out, &err), DYAD_OK);

    dyad_dict *c = track(w, fx_load(out, &diags, &err));
    assert_non_null(c);
    assert_int_equal(diags.total, 0);
    dyad_dict_stats a, b;
    dyad_dict_get_stats(d, &a);
    dyad_dict_get_stats(c, &b);
    assert_memory_equal(&a, &b, sizeof a);

    static char text_events[4096], compiled_events[4096];
    code_all(d, text_events, sizeof text_events);
    code_all(c, compiled_events, sizeof compiled_events);
    assert_string_equal(text_events,
                        "ARNCOP GONREB 173 2020-06-01 [0,15) ARREST_\n"
                        "ARN GON 111 2020-06-01 [25,30) CRITICIZE_\n"
                        "ARN ROH 042 2020-06-01 [0,5) * WITH +\n"
                        "GON ROH 042 2020-06-01 [10,16) * WITH +\n"
                        "ARN GON 032 2020-06-01 [0,5) VISIT_\n"
                        "GON ARN 033 2020-06-01 [14,20) VISIT_\n"
                        "ARNGOV GON 111 2020-05-31 [0,7) CRITICIZE_\n"
                        "CIV GON 111 2020-06-01 [0,13) CRITICIZE_\n"
                        "ARN ROH 0331 2020-06-01 [0,5) * &CURRENCY\n");
    assert_string_equal(compiled_events, text_events);
    check_dates(c);

    /* the compiled file is reproducible: saving the loaded copy gives the
     * same bytes */
    char again[512];
    path_of(w, "again.dyd", again, sizeof again);
    assert_int_equal(dyad_dict_save(c, again, &err), DYAD_OK);
    size_t n1, n2;
    char *b1 = fx_read(out, &n1), *b2 = fx_read(again, &n2);
    assert_non_null(b1);
    assert_non_null(b2);
    assert_int_equal(n1, n2);
    assert_memory_equal(b1, b2, n1);
    free(b1);
    free(b2);

    /* a compiled dictionary must be the only source */
    char actors[512];
    path_of(w, "test.actors", actors, sizeof actors);
    dyad_dict_source two[2] = {{actors, DYAD_SOURCE_AUTO}, {out, DYAD_SOURCE_AUTO}};
    memset(&err, 0, sizeof err);
    assert_null(dyad_dict_load(two, 2, NULL, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_USAGE);
    assert_string_equal(err.where, out);
    assert_string_equal(err.message, "a compiled dictionary must be the only source");

    /* saving to an impossible place */
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_dict_save(d, "/nonexistent/dir/x.dyd", &err), DYAD_ERR_IO);
    assert_string_equal(err.message, "cannot create file");
    assert_string_equal(err.where, "/nonexistent/dir/x.dyd");
    assert_int_equal(dyad_dict_save(NULL, out, &err), DYAD_ERR_USAGE);

    done(w, c);
    done(w, d);
}

/* Writes the fixture compiled; returns its bytes (caller frees). */
static char *compiled_bytes(world *w, size_t *len)
{
    fx_diags diags;
    dyad_dict *d = load(w, "test.project", &diags);
    char out[512];
    path_of(w, "good.dyd", out, sizeof out);
    dyad_error err;
    assert_int_equal(dyad_dict_save(d, out, &err), DYAD_OK);
    done(w, d);
    char *bytes = fx_read(out, len);
    assert_non_null(bytes);
    w->buffer = bytes; /* freed by teardown */
    return bytes;
}

static dyad_dict *load_compiled(const world *w, const char *name, dyad_error *err)
{
    char path[512];
    path_of(w, name, path, sizeof path);
    dyad_dict_source src = {path, DYAD_SOURCE_COMPILED};
    memset(err, 0, sizeof *err);
    return dyad_dict_load(&src, 1, NULL, NULL, err);
}

static void test_compiled_damaged(void **state)
{
    world *w = *state;
    size_t len;
    char *bytes = compiled_bytes(w, &len);
    assert_true(len > 4096);
    char path[512];
    path_of(w, "bad.dyd", path, sizeof path);
    dyad_error err;

    /* a byte flipped in the middle */
    bytes[len / 2] ^= 0x5a;
    fx_write_bytes(w->dir, "bad.dyd", bytes, len);
    bytes[len / 2] ^= 0x5a;
    dyad_dict *d = fx_load(path, NULL, &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
    assert_string_equal(err.where, path);
    assert_string_equal(err.message, "dictionary file is damaged (checksum mismatch)");

    /* truncated at several places */
    size_t cuts[] = {len - 1, len - 8, len / 2, 4096};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        fx_write_bytes(w->dir, "bad.dyd", bytes, cuts[i]);
        d = fx_load(path, NULL, &err);
        assert_null(d);
        assert_int_equal(err.code, DYAD_ERR_FORMAT);
        assert_string_equal(err.message, "dictionary file is truncated or damaged");
    }
    /* shorter than the header */
    size_t shorts[] = {16, 200};
    for (size_t i = 0; i < sizeof shorts / sizeof *shorts; i++) {
        fx_write_bytes(w->dir, "short.dyd", bytes, shorts[i]);
        d = load_compiled(w, "short.dyd", &err);
        assert_null(d);
        assert_int_equal(err.code, DYAD_ERR_FORMAT);
        assert_string_equal(err.message, "not a dyad dictionary (file too short)");
    }

    /* signature, version, byte order */
    char *copy = malloc(len);
    memcpy(copy, bytes, len);
    copy[0] = 'X';
    fx_write_bytes(w->dir, "sig.dyd", copy, len);
    d = load_compiled(w, "sig.dyd", &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
    assert_string_equal(err.message, "not a dyad dictionary (bad signature)");
    memcpy(copy, bytes, len);
    copy[8] ^= 0x01;
    fx_write_bytes(w->dir, "ver.dyd", copy, len);
    d = load_compiled(w, "ver.dyd", &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
    assert_string_equal(err.message,
                        "dictionary was compiled by another version of dyad; recompile it");
    memcpy(copy, bytes, len);
    copy[12] ^= 0x07;
    fx_write_bytes(w->dir, "order.dyd", copy, len);
    d = load_compiled(w, "order.dyd", &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
    assert_string_equal(err.message,
                        "dictionary was compiled on a machine with another byte order");
    free(copy);

    /* a missing compiled file */
    d = load_compiled(w, "nothing.dyd", &err);
    assert_null(d);
    assert_int_equal(err.code, DYAD_ERR_IO);
    assert_string_equal(err.message, "cannot open compiled dictionary");
}

/* A damaged .dyd named on its own (kind AUTO, as "dyad --dict x.dyd"
 * gives it) is reported as a damaged dictionary, not as a file whose kind
 * cannot be told from its name. */
static void test_compiled_damaged_auto(void **state)
{
    world *w = *state;
    size_t len;
    char *bytes = compiled_bytes(w, &len);
    char path[512];
    path_of(w, "empty.dyd", path, sizeof path);
    fx_write_bytes(w->dir, "empty.dyd", bytes, 0);
    dyad_error err;
    assert_null(fx_load(path, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
    bytes[0] = 'X';
    fx_write_bytes(w->dir, "empty.dyd", bytes, len);
    assert_null(fx_load(path, NULL, &err));
    assert_int_equal(err.code, DYAD_ERR_FORMAT);
}

/* Every single-byte change to a compiled file is caught: the load fails
 * with DYAD_ERR_FORMAT.  Whatever the outcome, nothing crashes -- a file
 * that does load is used to code a sentence (run under ASan/UBSan).  Every
 * byte of the first 4 KiB (header, section table) is tried, then 1500
 * bytes spread over the rest. */
static void test_compiled_every_byte(void **state)
{
    world *w = *state;
    size_t len;
    char *bytes = compiled_bytes(w, &len);
    char path[512];
    path_of(w, "flip.dyd", path, sizeof path);
    size_t accepted = 0, first_accepted = 0, tried = 0;
    size_t step = len > 4096 ? (len - 4096) / 1500 + 1 : 1;
    for (size_t i = 0; i < len; i += i < 4096 ? 1 : step) {
        tried++;
        bytes[i] ^= 0xff;
        fx_write_bytes(w->dir, "flip.dyd", bytes, len);
        bytes[i] ^= 0xff;
        dyad_error err;
        dyad_dict *d = load_compiled(w, "flip.dyd", &err);
        if (!d) {
            if (err.code != DYAD_ERR_FORMAT)
                fail_msg("byte %zu: code %d (%s)", i, (int)err.code, err.message);
            continue;
        }
        if (!accepted++)
            first_accepted = i;
        dyad_coder *c = dyad_coder_new(d);
        if (c) {
            fx_result r;
            fx_code(c, SENTENCES[0], "2020-06-01", &r, &err);
            fx_code(c, SENTENCES[4], "2021-01-01", &r, &err);
        }
        dyad_coder_free(c);
        done(w, d);
    }
    if (accepted)
        fail_msg("%zu of %zu single-byte changes were accepted (first at byte %zu)",
                 accepted, tried, first_accepted);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_fixture_stats),
        T(test_sources_in_order),
        T(test_crlf_warns_once),
        T(test_stray_bytes),
        T(test_ctrl_z_after_code),
        T(test_ampersand_in_actor),
        T(test_duplicates_name_first_place),
        T(test_verb_extended_across_files),
        T(test_label_not_utf8),
        T(test_repeated_synonym_keeps_codes),
        T(test_ing_forms_and_event_nouns),
        T(test_capitals_section),
        T(test_alone_agents),
        T(test_attribution_keeps_first_actor),
        T(test_duplicate_of_builtin),
        T(test_check_unknown_event_codes),
        T(test_check_date_ranges),
        T(test_check_never_matching),
        T(test_duplicate_with_another_code),
        T(test_check_clean_dictionary),
        T(test_actor_errors),
        T(test_error_line_of_indented_code),
        T(test_verb_errors),
        T(test_bad_pattern_is_skipped),
        T(test_agent_errors),
        T(test_option_errors),
        T(test_unclosed_sections),
        T(test_missing_file),
        T(test_usage_errors),
        T(test_empty_file),
        T(test_lookup),
        T(test_lookup_dates),
        T(test_compiled_round_trip),
        T(test_compiled_damaged),
        T(test_compiled_damaged_auto),
        T(test_compiled_every_byte),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
