/*
 * test_options.c -- TABARI .options commands applied through the public
 * API (dyad_coder_set_option) to a coder over the fixture dictionary of
 * fixture.h.
 *
 * Two kinds of test: a malformed command must return DYAD_ERR_SYNTAX with
 * the exact message of options.c (and leave the coder as it was), and a
 * valid one must change what the coder does in a way a caller can see --
 * the number of events, the outcome of a sentence, the actors filled in.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

typedef fx_world world;

/* Applies `cmd`, asserting it is accepted. */
static void set_ok(dyad_coder *c, const char *cmd)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_coder_set_option(c, cmd, &err);
    if (st != DYAD_OK)
        fail_msg("option \"%s\" rejected: %s", cmd, err.message);
}

/* Codes `text` (one sentence expected) and returns the number of events. */
static size_t code_one(dyad_coder *c, const char *text, fx_result *r)
{
    dyad_error err;
    assert_int_equal(fx_code(c, text, NULL, r, &err), DYAD_OK);
    assert_int_equal(r->n_sentences, 1);
    return r->s[0].n_events;
}

/* ---------------------------------------------------- malformed commands */

static const struct {
    const char *command;
    const char *message;
} malformed[] = {
    {"CODE BY SENTENCE", "option command has no ':'"},
    {"", "option command has no ':'"},
    {"XYZZY: 12", "unrecognised option command \"XYZZY:\""},
    {"zap: nicate", "unrecognised option command \"ZAP:\""},
    {"CX: VERBS 3", "unrecognised option command \"CX:\""},
    {"SET: FROBNICATE = TRUE", "unrecognised SET: command \"FROBNICATE = TRUE\""},
    {"set: frobnicate", "unrecognised SET: command \"FROBNICATE\""},
    {"SET: MATCH = TRUE", "SET: MATCH is obsolete; use OUTPUT: MATCH"},
    {"DEFAULT: SOURCE",
     "DEFAULT: needs SOURCE [code] and/or TARGET [code] with a code of 1 to 15 characters"},
    {"DEFAULT: SOURCE []",
     "DEFAULT: needs SOURCE [code] and/or TARGET [code] with a code of 1 to 15 characters"},
    {"DEFAULT: TARGET [ABCDEFGHIJKLMNOP]",
     "DEFAULT: needs SOURCE [code] and/or TARGET [code] with a code of 1 to 15 characters"},
    {"DEFAULT: SOURCE [DEF] TARGET [TAR",
     "DEFAULT: needs SOURCE [code] and/or TARGET [code] with a code of 1 to 15 characters"},
    {"LABEL: 040", "LABEL: needs code=text"},
    {"LABEL:", "LABEL: needs code=text"},
    {"LABEL: =CONSULT", "LABEL: code missing or too long"},
    {"LABEL: 040=   ", "LABEL: no text after '='"},
};

static void test_malformed_commands(void **state)
{
    world *w = *state;
    for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
        dyad_error err;
        memset(&err, 0x55, sizeof err);
        dyad_status st = dyad_coder_set_option(w->coder, malformed[i].command, &err);
        if (st != DYAD_ERR_SYNTAX)
            fail_msg("\"%s\": status %d, expected DYAD_ERR_SYNTAX", malformed[i].command,
                     (int)st);
        assert_int_equal(err.code, DYAD_ERR_SYNTAX);
        assert_string_equal(err.message, malformed[i].message);
        assert_string_equal(err.where, "");
        assert_int_equal(err.line, 0);
        assert_int_equal(err.column, 0);
    }
    /* a NULL err is allowed */
    assert_int_equal(dyad_coder_set_option(w->coder, "XYZZY: 1", NULL), DYAD_ERR_SYNTAX);
}

static void test_null_arguments(void **state)
{
    world *w = *state;
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_coder_set_option(w->coder, NULL, &err), DYAD_ERR_USAGE);
    assert_string_equal(err.message, "dyad_coder_set_option: NULL argument");
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_coder_set_option(NULL, "SET: CODE ALL", &err), DYAD_ERR_USAGE);
    assert_string_equal(err.message, "dyad_coder_set_option: NULL argument");
    assert_int_equal(dyad_coder_time_shift_active(NULL), 0);
}

/* Lenient commands that TABARI accepts without effect here. */
static void test_accepted_without_effect(void **state)
{
    world *w = *state;
    set_ok(w->coder, "OUTPUT: MATCH");
    set_ok(w->coder, "SET: HAIKU = FALSE");
    set_ok(w->coder, "SET: LABEL = TRUE");
    set_ok(w->coder, "LABEL: 040=MEET");
    set_ok(w->coder, "   SET: DUP WARNING = FALSE");
    fx_result r;
    assert_int_equal(code_one(w->coder,
                              "Arnor criticized Gondor for its policy on the northern border.",
                              &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(r.e[0].label, "CRITICIZE");
}

/* ----------------------------------------------------------- CODE BY */

static const char TWO_CLAUSES[] =
    "Arnor criticized Gondor for its border policy and accused Rohan of helping the rebels.";
static const char ONE_CLAUSE_TWO_VERBS[] =
    "Arnor criticized Gondor after Gondor accused Rohan of helping the northern rebels.";

static void test_code_by(void **state)
{
    world *w = *state;
    fx_result r;

    /* the dictionary's options file says CODE BY CLAUSE */
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 2);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(fx_triple(&r, 1), "ARN ROH 112");
    assert_int_equal(code_one(w->coder, ONE_CLAUSE_TWO_VERBS, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");

    set_ok(w->coder, "SET: CODE BY SENTENCE");
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_int_equal(code_one(w->coder, ONE_CLAUSE_TWO_VERBS, &r), 1);

    set_ok(w->coder, "SET: CODE ALL");
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 2);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(fx_triple(&r, 1), "ARN ROH 112");
    assert_int_equal(code_one(w->coder, ONE_CLAUSE_TWO_VERBS, &r), 2);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(fx_triple(&r, 1), "ARN ROH 112");
    assert_string_equal(r.e[1].verb_text, "accused");
    assert_int_equal(r.e[1].verb_start, 37);
    assert_int_equal(r.e[1].verb_end, 44);

    /* lower case works: keywords are case-insensitive */
    set_ok(w->coder, "set: code by sentence");
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 1);
    set_ok(w->coder, "SET: CODE BY CLAUSE");
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 2);
    assert_int_equal(code_one(w->coder, ONE_CLAUSE_TWO_VERBS, &r), 1);
}

/* Options belong to one coder: another coder over the same dictionary
 * keeps the dictionary's options. */
static void test_options_are_per_coder(void **state)
{
    world *w = *state;
    dyad_coder *other = dyad_coder_new(w->dict);
    assert_non_null(other);
    set_ok(w->coder, "SET: CODE BY SENTENCE");
    fx_result r;
    assert_int_equal(code_one(w->coder, TWO_CLAUSES, &r), 1);
    assert_int_equal(code_one(other, TWO_CLAUSES, &r), 2);
    dyad_coder_free(other);
    dyad_coder_free(NULL);
}

/* ------------------------------------------------------- MINIMUM WORDS */

static const char EIGHT_WORDS[] = "Arnor criticized Gondor for its northern border policy.";

static void test_minimum_words(void **state)
{
    world *w = *state;
    fx_result r;
    assert_int_equal(code_one(w->coder, EIGHT_WORDS, &r), 1);
    assert_int_equal(r.s[0].outcome, DYAD_CODED);
    assert_string_equal(r.s[0].reason, "");

    set_ok(w->coder, "SET: MINIMUM WORDS = 20");
    assert_int_equal(code_one(w->coder, EIGHT_WORDS, &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
    assert_string_equal(r.s[0].reason, "Input error: too few words in sentence");
    assert_int_equal(r.s[0].start, 0);
    assert_int_equal(r.s[0].end, 55);

    set_ok(w->coder, "SET: MINIMUM WORDS = 9");
    assert_int_equal(code_one(w->coder, EIGHT_WORDS, &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
    set_ok(w->coder, "SET: MINIMUM WORDS = 8");
    assert_int_equal(code_one(w->coder, EIGHT_WORDS, &r), 1);
    assert_int_equal(r.s[0].outcome, DYAD_CODED);

    /* the TABARI default of 8 holds for a shorter sentence */
    assert_int_equal(code_one(w->coder, "Arnor criticized Gondor today.", &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
    set_ok(w->coder, "SET: MINIMUM WORDS = 3");
    assert_int_equal(code_one(w->coder, "Arnor criticized Gondor today.", &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
}

/* options.c: "an unrecognised value leaves the option as it was".  A
 * MINIMUM WORDS command without a number must not drop the limit to 0. */
static void test_minimum_words_without_number(void **state)
{
    world *w = *state;
    fx_result r;
    set_ok(w->coder, "SET: MINIMUM WORDS = lots");
    assert_int_equal(code_one(w->coder, "Arnor criticized Gondor today.", &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
}

/* ------------------------------------------------------------ DEFAULT */

static const char NO_ACTORS[] =
    "Officials criticized the policy on the northern border during the summit.";
static const char SOURCE_ONLY[] =
    "Arnor criticized the policy on the northern border during the summit.";

static void test_default_actors(void **state)
{
    world *w = *state;
    fx_result r;
    assert_int_equal(code_one(w->coder, NO_ACTORS, &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_NO_EVENT);
    assert_string_equal(r.s[0].reason, "No events found in text");

    set_ok(w->coder, "DEFAULT: SOURCE [DEF] TARGET [TAR]");
    assert_int_equal(code_one(w->coder, NO_ACTORS, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "DEF TAR 111");
    /* DEFAULT actors have no text and no span */
    assert_int_equal(r.e[0].source.has_text, 0);
    assert_int_equal(r.e[0].source.start, 0);
    assert_int_equal(r.e[0].source.end, 0);
    assert_int_equal(r.e[0].target.has_text, 0);
    assert_int_equal(r.e[0].target.start, 0);
    assert_int_equal(r.e[0].target.end, 0);
    assert_string_equal(r.e[0].verb_text, "criticized");
    assert_int_equal(r.e[0].verb_start, 10);
    assert_int_equal(r.e[0].verb_end, 20);

    /* a source in the text wins; only the missing target is filled */
    assert_int_equal(code_one(w->coder, SOURCE_ONLY, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN TAR 111");
    assert_int_equal(r.e[0].source.has_text, 1);
    assert_string_equal(r.e[0].source.text, "Arnor");
    assert_int_equal(r.e[0].target.has_text, 0);

    set_ok(w->coder, "DEFAULT: OFF");
    assert_int_equal(code_one(w->coder, NO_ACTORS, &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_NO_EVENT);
    assert_int_equal(code_one(w->coder, SOURCE_ONLY, &r), 0);

    /* only a target, used whenever no actor follows the verb */
    set_ok(w->coder, "DEFAULT: TARGET [WORLD] AFTER");
    assert_int_equal(code_one(w->coder, SOURCE_ONLY, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN WORLD 111");
    assert_int_equal(code_one(w->coder, NO_ACTORS, &r), 0);
}

/* "DEFAULT: SOURCE [code]" alone gives no default target: an event whose
 * target is missing is not coded -- never coded with an empty target code. */
static void test_default_source_only(void **state)
{
    world *w = *state;
    fx_result r;
    set_ok(w->coder, "DEFAULT: SOURCE [DEF]");
    code_one(w->coder, SOURCE_ONLY, &r);
    for (size_t i = 0; i < r.n_events; i++)
        if (!r.e[i].target.code[0])
            fail_msg("event %zu (%s) has an empty target code", i, fx_triple(&r, i));
    assert_int_equal(r.n_events, 0);
    code_one(w->coder, NO_ACTORS, &r);
    for (size_t i = 0; i < r.n_events; i++)
        if (!r.e[i].target.code[0])
            fail_msg("event %zu (%s) has an empty target code", i, fx_triple(&r, i));
    assert_int_equal(r.n_events, 0);
}

/* "DEFAULT: TARGET [code]" alone (no SOURCE, no AFTER) must still fill a
 * missing target: manual 8.5, "these codes are used if the regular
 * searches for actors has failed". */
static void test_default_target_only(void **state)
{
    world *w = *state;
    fx_result r;
    set_ok(w->coder, "DEFAULT: TARGET [WORLD]");
    assert_int_equal(code_one(w->coder, SOURCE_ONLY, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "ARN WORLD 111");
}

/* options.h: a rejected command leaves the option unchanged.  Here the
 * "OFF" of a DEFAULT command whose code is malformed must not switch the
 * defaults off. */
static void test_rejected_default_changes_nothing(void **state)
{
    world *w = *state;
    fx_result r;
    set_ok(w->coder, "DEFAULT: SOURCE [DEF] TARGET [TAR]");
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_coder_set_option(w->coder, "DEFAULT: OFF SOURCE []", &err),
                     DYAD_ERR_SYNTAX);
    assert_int_equal(code_one(w->coder, NO_ACTORS, &r), 1);
    assert_string_equal(fx_triple(&r, 0), "DEF TAR 111");
}

/* ------------------------------------------------------------ COMPLEX */

static void test_complex(void **state)
{
    world *w = *state;
    static const char text[] =
        "Arnor criticized Gondor and Rohan for their policy on the northern border.";
    fx_result r;
    assert_int_equal(code_one(w->coder, text, &r), 2);
    set_ok(w->coder, "COMPLEX: ACTORS 2");
    assert_int_equal(code_one(w->coder, text, &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_COMPLEX);
    assert_string_equal(r.s[0].reason, "Text failed complexity conditions");
    set_ok(w->coder, "COMPLEX: ACTORS 2 EXPLAIN");
    assert_int_equal(code_one(w->coder,
                              "Arnor criticized Gondor for its policy on the northern border.",
                              &r), 0);
    assert_int_equal(r.s[0].outcome, DYAD_COMPLEX);
    assert_string_equal(r.s[0].reason, "Complex text: Actors(2) >= 2");
    /* a new COMPLEX command replaces the old conditions */
    set_ok(w->coder, "COMPLEX: VERBS 5");
    assert_int_equal(code_one(w->coder, text, &r), 2);
}

/* --------------------------------------------------------- TIME SHIFT */

static void test_time_shift_switch(void **state)
{
    world *w = *state;
    static const char text[] =
        "Arnor criticized Gondor yesterday for its policy on the northern border.";
    /* on, because the verbs file has a <TIME> section */
    assert_int_equal(dyad_coder_time_shift_active(w->coder), 1);
    dyad_error err;
    fx_result r;
    assert_int_equal(fx_code(w->coder, text, "2024-03-01", &r, &err), DYAD_OK);
    assert_string_equal(r.s[0].date, "2024-02-29");
    assert_int_equal(r.s[0].time_shift, -1);

    set_ok(w->coder, "SET: TIME SHIFT = FALSE");
    assert_int_equal(dyad_coder_time_shift_active(w->coder), 0);
    assert_int_equal(fx_code(w->coder, text, "2024-03-01", &r, &err), DYAD_OK);
    assert_string_equal(r.s[0].date, "2024-03-01");
    assert_int_equal(r.s[0].time_shift, 0);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");

    set_ok(w->coder, "SET: TIME SHIFT = TRUE");
    assert_int_equal(dyad_coder_time_shift_active(w->coder), 1);
    assert_int_equal(fx_code(w->coder, text, "2024-03-01", &r, &err), DYAD_OK);
    assert_string_equal(r.s[0].date, "2024-02-29");
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_world_setup, fx_world_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_malformed_commands),
        T(test_null_arguments),
        T(test_accepted_without_effect),
        T(test_code_by),
        T(test_options_are_per_coder),
        T(test_minimum_words),
        T(test_minimum_words_without_number),
        T(test_default_actors),
        T(test_default_source_only),
        T(test_default_target_only),
        T(test_rejected_default_changes_nothing),
        T(test_complex),
        T(test_time_shift_switch),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
