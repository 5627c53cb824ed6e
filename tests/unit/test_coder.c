/*
 * test_coder.c -- coding documents through the public API
 * (dyad_code_document) with the fixture dictionary of fixture.h, asserting
 * every field a caller sees: sentence index, spans and outcome; event code,
 * label, verb entry, pattern and matched words; source and target codes,
 * texts, entries and code-point spans.
 *
 * TABARI rules the sentences respect: at least 8 words (SET: MINIMUM
 * WORDS), words matched case-insensitively, the source is the first actor
 * and the target the first actor after the verb.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"

typedef fx_world world;

/* Codes a one-sentence document and checks that it is one sentence. */
static void code1(world *w, const char *text, const char *date, fx_result *r)
{
    dyad_error err;
    dyad_status st = fx_code(w->coder, text, date, r, &err);
    if (st != DYAD_OK)
        fail_msg("coding failed: %s", err.message);
    assert_int_equal(r->n_sentences, 1);
    assert_int_equal(r->s[0].index, 0);
    assert_string_equal(r->s[0].doc_id, "d1");
}

static void check_actor(const fx_actor *a, const char *code, const char *text,
                        size_t start, size_t end, const char *entry,
                        const char *agent_entry)
{
    assert_string_equal(a->code, code);
    assert_int_equal(a->has_text, 1);
    assert_string_equal(a->text, text);
    assert_int_equal(a->start, start);
    assert_int_equal(a->end, end);
    assert_string_equal(a->entry, entry);
    if (agent_entry) {
        assert_int_equal(a->has_agent, 1);
        assert_string_equal(a->agent_entry, agent_entry);
    } else {
        assert_int_equal(a->has_agent, 0);
    }
}

static void check_verb(const fx_event *e, const char *code, const char *text,
                       size_t start, size_t end, const char *entry,
                       const char *pattern, const char *matched)
{
    assert_string_equal(e->code, code);
    assert_string_equal(e->verb_text, text);
    assert_int_equal(e->verb_start, start);
    assert_int_equal(e->verb_end, end);
    assert_string_equal(e->verb_entry, entry);
    assert_string_equal(e->pattern, pattern);
    assert_string_equal(e->matched, matched);
}

/* ------------------------------------------------------------- basics */

static void test_simple_sentence(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor criticized Gondor for its policy on the northern border.",
          "2024-05-01", &r);
    const fx_sentence *s = &r.s[0];
    assert_int_equal(s->outcome, DYAD_CODED);
    assert_string_equal(s->reason, "");
    assert_int_equal(s->start, 0);
    assert_int_equal(s->end, 62);
    assert_int_equal(s->has_date, 1);
    assert_string_equal(s->date, "2024-05-01");
    assert_int_equal(s->time_shift, 0);
    assert_int_equal(s->truncated, 0);
    assert_int_equal(s->n_events, 1);
    assert_int_equal(r.n_events, 1);
    const fx_event *e = &r.e[0];
    check_verb(e, "111", "criticized", 6, 16, "CRITICIZE_", "CRITICIZE_", "CRITICIZED");
    assert_string_equal(e->label, "CRITICIZE");
    check_actor(&e->source, "ARN", "Arnor", 0, 5, "ARNOR_", NULL);
    check_actor(&e->target, "GON", "Gondor", 17, 23, "GONDOR_", NULL);
}

/* Words match whatever their case. */
static void test_case_insensitive(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "ARNOR CRITICIZED GONDOR FOR ITS POLICY ON THE NORTHERN BORDER.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    check_actor(&r.e[0].source, "ARN", "ARNOR", 0, 5, "ARNOR_", NULL);
    check_actor(&r.e[0].target, "GON", "GONDOR", 17, 23, "GONDOR_", NULL);
    assert_string_equal(r.e[0].verb_text, "CRITICIZED");
    assert_int_equal(r.s[0].has_date, 0);
    code1(w, "arnor criticized gondor for its policy on the northern border.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(r.e[0].source.text, "arnor");
}

static void test_agents(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnorian police arrested Gondorian rebels in the capital on Monday.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    const fx_event *e = &r.e[0];
    check_verb(e, "173", "arrested", 16, 24, "ARREST_", "ARREST_", "ARRESTED");
    assert_string_equal(e->label, "ARREST");
    assert_string_equal(e->source.code, "ARNCOP");
    assert_string_equal(e->source.entry, "ARNORIAN_");
    assert_int_equal(e->source.has_agent, 1);
    assert_string_equal(e->source.agent_entry, "POLICE_");
    assert_string_equal(e->target.code, "GONREB");
    assert_string_equal(e->target.entry, "GONDORIAN_");
    assert_int_equal(e->target.has_agent, 1);
    assert_string_equal(e->target.agent_entry, "REBELS_");
    /* an agent before its actor */
    code1(w, "The minister of Arnor criticized Gondor for its policy on the border.", NULL,
          &r);
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARNGOV GON 111");
    assert_string_equal(r.e[0].source.agent_entry, "MINISTER_");
}

/* The evidence of an actor with an agent is the whole noun phrase
 * (DESIGN.md: "Chinese leader Xi Jinping"): "Arnorian police", not just
 * "Arnorian", whichever side of the actor the agent stands. */
static void test_agent_span_covers_noun_phrase(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnorian police arrested Gondorian rebels in the capital on Monday.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    check_actor(&r.e[0].source, "ARNCOP", "Arnorian police", 0, 15, "ARNORIAN_", "POLICE_");
    check_actor(&r.e[0].target, "GONREB", "Gondorian rebels", 25, 41, "GONDORIAN_",
                "REBELS_");
}

static void test_passive(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Gondor was criticized by Arnor for its policy on the border.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    const fx_event *e = &r.e[0];
    assert_string_equal(e->code, "111");
    check_actor(&e->source, "ARN", "Arnor", 25, 30, "ARNOR_", NULL);
    check_actor(&e->target, "GON", "Gondor", 0, 6, "GONDOR_", NULL);
    assert_string_equal(e->verb_text, "criticized");
    assert_int_equal(e->verb_start, 11);
    assert_int_equal(e->verb_end, 21);
}

static void test_compound_actors(void **state)
{
    world *w = *state;
    fx_result r;
    /* compound source: one event per actor */
    code1(w, "Arnor and Gondor met with Rohan in the capital to discuss the border.", NULL,
          &r);
    assert_int_equal(r.s[0].outcome, DYAD_CODED);
    assert_int_equal(r.n_events, 2);
    check_verb(&r.e[0], "042", "met with", 17, 25, "MET_", "* WITH +", "MET WITH ROHAN");
    check_actor(&r.e[0].source, "ARN", "Arnor", 0, 5, "ARNOR_", NULL);
    check_actor(&r.e[0].target, "ROH", "Rohan", 26, 31, "ROHAN_", NULL);
    check_verb(&r.e[1], "042", "met with", 17, 25, "MET_", "* WITH +", "MET WITH ROHAN");
    check_actor(&r.e[1].source, "GON", "Gondor", 10, 16, "GONDOR_", NULL);
    check_actor(&r.e[1].target, "ROH", "Rohan", 26, 31, "ROHAN_", NULL);

    /* compound target */
    code1(w, "Arnor criticized Gondor and Rohan for their policy on the northern border.",
          NULL, &r);
    assert_int_equal(r.n_events, 2);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    check_actor(&r.e[0].target, "GON", "Gondor", 17, 23, "GONDOR_", NULL);
    assert_string_equal(fx_triple(&r, 1), "ARN ROH 111");
    check_actor(&r.e[1].target, "ROH", "Rohan", 28, 33, "ROHAN_", NULL);
}

static void test_pattern_and_synset(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor met with Gondor in the capital to discuss the northern border.", NULL,
          &r);
    assert_int_equal(r.n_events, 1);
    check_verb(&r.e[0], "042", "met with", 6, 14, "MET_", "* WITH +", "MET WITH GONDOR");
    check_actor(&r.e[0].target, "GON", "Gondor", 15, 21, "GONDOR_", NULL);
    /* the root's own code without the pattern */
    code1(w, "Arnor meets Gondor in the capital to discuss the northern border.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    /* MEET_ (read before the form MEETS_) takes "meets" by its regular ending */
    check_verb(&r.e[0], "040", "meets", 6, 11, "MEET_", "MEET_", "MEETS");
    assert_string_equal(r.e[0].label, "CONSULT");
    /* a synset inside a pattern; the root alone is null-coded */
    code1(w, "Arnor promised Rohan millions of euros to rebuild the northern border.", NULL,
          &r);
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARN ROH 0331");
    assert_string_equal(r.e[0].pattern, "* &CURRENCY");
    assert_string_equal(r.e[0].matched, "PROMISED EUROS");
    code1(w, "Arnor promised Rohan a new road to rebuild the northern border.", NULL, &r);
    assert_int_equal(r.n_events, 0);
    assert_int_equal(r.s[0].outcome, DYAD_NO_EVENT);
    assert_string_equal(r.s[0].reason, "No events found in text");
}

static void test_paired_codes(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor visited Gondor to discuss trade and security on the border.", NULL, &r);
    assert_int_equal(r.n_events, 2);
    check_verb(&r.e[0], "032", "visited", 6, 13, "VISIT_", "VISIT_", "VISITED");
    check_actor(&r.e[0].source, "ARN", "Arnor", 0, 5, "ARNOR_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 14, 20, "GONDOR_", NULL);
    check_verb(&r.e[1], "033", "visited", 6, 13, "VISIT_", "VISIT_", "VISITED");
    check_actor(&r.e[1].source, "GON", "Gondor", 14, 20, "GONDOR_", NULL);
    check_actor(&r.e[1].target, "ARN", "Arnor", 0, 5, "ARNOR_", NULL);
}

/* "he" refers back to the actor before it; the subordinate SAY [010?] is
 * dropped because the sentence has another event. */
static void test_pronoun(void **state)
{
    world *w = *state;
    fx_result r;
    static const char text[] =
        "Aragorn said on Monday that he would criticize Gondor for its policy on the border.";
    code1(w, text, NULL, &r);
    assert_int_equal(r.n_events, 1);
    check_verb(&r.e[0], "111", "criticize", 37, 46, "CRITICIZE_", "CRITICIZE_", "CRITICIZE");
    check_actor(&r.e[0].source, "ARNELI", "Aragorn", 0, 7, "ARAGORN_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 47, 53, "GONDOR_", NULL);
    /* the date picks the restricted code */
    code1(w, text, "2020-06-01", &r);
    assert_string_equal(fx_triple(&r, 0), "ARNGOV GON 111");
    code1(w, text, "2022-06-01", &r);
    assert_string_equal(fx_triple(&r, 0), "GONGOV GON 111");
}

static void test_subordinate_alone(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Aragorn said on Monday that Gondor would be punished for its policy on the "
             "border.", NULL, &r);
    assert_int_equal(r.n_events, 1);
    check_verb(&r.e[0], "010", "said", 8, 12, "SAID_", "SAID_", "SAID");
    check_actor(&r.e[0].source, "ARNELI", "Aragorn", 0, 7, "ARAGORN_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 28, 34, "GONDOR_", NULL);
}

static void test_discard(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor criticized Gondor after the football match in the capital on Monday.",
          NULL, &r);
    assert_int_equal(r.s[0].outcome, DYAD_DISCARD);
    assert_string_equal(r.s[0].reason, "Discard code found in text");
    assert_int_equal(r.s[0].n_events, 0);
    assert_int_equal(r.n_events, 0);
}

static void test_no_event_and_too_short(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor discussed the policy on the northern border with Gondor.", NULL, &r);
    assert_int_equal(r.s[0].outcome, DYAD_NO_EVENT);
    assert_string_equal(r.s[0].reason, "No events found in text");
    code1(w, "Arnor criticized Gondor on Monday.", NULL, &r);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
    assert_string_equal(r.s[0].reason, "Input error: too few words in sentence");
    assert_int_equal(r.s[0].start, 0);
    assert_int_equal(r.s[0].end, 34);
    /* identical source and target: no valid event */
    code1(w, "Arnor criticized Arnorian officials for their policy on the northern border.",
          NULL, &r);
    assert_int_equal(r.n_events, 0);
    assert_int_not_equal(r.s[0].outcome, DYAD_CODED);
}

/* A verb negated by a word among the three before it codes nothing; the
 * clause's next verb still codes, and SET: NEGATION = FALSE codes the verb
 * as TABARI does. */
static void test_negated_verbs(void **state)
{
    world *w = *state;
    fx_result r;
    static const char *const negated[] = {
        "Arnor did not criticize Gondor for its policy on the northern border.",
        "Arnor didn't criticize Gondor for its policy on the northern border.",
        "Arnor has never criticized Gondor for its policy on the northern border.",
        "Arnor would not have criticized Gondor for its policy on the northern border.",
        "Arnor cannot criticize Gondor for its policy on the northern border.",
    };
    for (size_t i = 0; i < sizeof negated / sizeof *negated; i++) {
        code1(w, negated[i], NULL, &r);
        if (r.n_events || strcmp(r.s[0].reason, "Only negated verbs found in text"))
            fail_msg("\"%s\": %zu events, %s", negated[i], r.n_events, r.s[0].reason);
        assert_int_equal(r.s[0].outcome, DYAD_NO_EVENT);
    }
    /* the next verb of the clause is coded */
    code1(w, "Arnor did not praise Gondor but criticized Rohan for its policy on the border.",
          NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "ARN ROH 111");
    assert_int_equal(r.n_events, 1);
    /* "not" belongs to another word: an actor stands between it and the verb */
    code1(w, "Not Arnor but Gondor criticized Rohan for its policy on the northern border.",
          NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "GON ROH 111");
    /* the "not" of a comma clause, not of the verb */
    code1(w, "Arnor, not for the first time in years, criticized Gondor for its policy.",
          NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    dyad_error err;
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: NEGATION = FALSE", &err), DYAD_OK);
    code1(w, negated[0], NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: NEGATION = TRUE", &err), DYAD_OK);
    code1(w, negated[0], NULL, &r);
    assert_int_equal(r.n_events, 0);
}

/* SET: OPEN TARGETS keeps an event of the listed CAMEO roots that has a
 * source but no target; its target has an empty code and no text. */
static void test_open_targets(void **state)
{
    world *w = *state;
    fx_result r;
    const char *text = "Arnor arrested twelve men near the northern border on Monday.";
    code1(w, text, NULL, &r);
    assert_int_equal(r.n_events, 0);
    dyad_error err;
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: OPEN TARGETS = 14 17", &err),
                     DYAD_OK);
    code1(w, text, NULL, &r);
    assert_int_equal(r.n_events, 1);
    assert_string_equal(r.e[0].code, "173");
    assert_string_equal(r.e[0].source.code, "ARN");
    assert_string_equal(r.e[0].target.code, "");
    assert_int_equal(r.e[0].target.has_text, 0);
    /* a root not listed, and a subordinate statement, still need a target */
    code1(w, "Arnor criticized the men near the northern border on Monday.", NULL, &r);
    assert_int_equal(r.n_events, 0);
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: OPEN TARGETS = TRUE", &err),
                     DYAD_OK);
    code1(w, "Arnor said the men were seen near the northern border on Monday.", NULL, &r);
    assert_int_equal(r.n_events, 0);
    code1(w, "Arnor criticized the men near the northern border on Monday.", NULL, &r);
    assert_string_equal(r.e[0].code, "111");
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: OPEN TARGETS = FALSE", &err),
                     DYAD_OK);
    code1(w, text, NULL, &r);
    assert_int_equal(r.n_events, 0);
}

/* SET: MAIN CLAUSE keeps a final comma clause when no verb comes before it
 * ("On Monday, Arnor criticized Gondor"); TABARI removes it as an aside. */
static void test_main_clause(void **state)
{
    world *w = *state;
    fx_result r;
    const char *text = "On Monday, Arnor criticized Gondor for its policy.";
    code1(w, text, NULL, &r);
    assert_int_equal(r.n_events, 0);
    dyad_error err;
    assert_int_equal(dyad_coder_set_option(w->coder, "SET: MAIN CLAUSE = TRUE", &err), DYAD_OK);
    code1(w, text, NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    /* after a verb, the final clause is still an aside */
    code1(w, "Arnor criticized Gondor on Monday, Rohan praised Gondor.", NULL, &r);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_int_equal(r.n_events, 1);
}

/* An event whose source and target come out as the same composite code
 * (GON + ~GOV and GONGOV) is dropped. */
static void test_self_event_dropped(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "The Gondorian minister criticized Minas Tirith for its policy on the "
             "northern border.", NULL, &r);
    assert_int_equal(r.n_events, 0);
    assert_int_equal(r.s[0].outcome, DYAD_NO_VALID_EVENT);
    assert_string_equal(r.s[0].reason, "No valid events found in text");
}

/* ---------------------------------------------------------- time shift */

static void test_time_shift(void **state)
{
    world *w = *state;
    fx_result r;
    static const char yesterday[] =
        "Arnor criticized Gondor yesterday for its policy on the northern border.";
    code1(w, yesterday, "2024-03-01", &r);
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    assert_string_equal(r.s[0].date, "2024-02-29");
    assert_int_equal(r.s[0].time_shift, -1);
    code1(w, yesterday, "2024-01-01", &r);
    assert_string_equal(r.s[0].date, "2023-12-31");
    code1(w, "Last week Arnor criticized Gondor for its policy on the northern border.",
          "2024-03-01", &r);
    assert_string_equal(r.s[0].date, "2024-02-23");
    assert_int_equal(r.s[0].time_shift, -7);
    check_actor(&r.e[0].source, "ARN", "Arnor", 10, 15, "ARNOR_", NULL);
    /* a date-restricted actor is resolved on the shifted date */
    code1(w, "Aragorn criticized Gondor yesterday for its policy on the northern border.",
          "2021-01-01", &r);
    assert_string_equal(r.s[0].date, "2020-12-31");
    assert_string_equal(fx_triple(&r, 0), "ARNGOV GON 111");
    /* the next sentence starts from the document date again */
    dyad_error err;
    assert_int_equal(fx_code(w->coder,
                             "Arnor criticized Gondor yesterday for its policy on the northern "
                             "border. Arnor criticized Gondor again for its policy on the "
                             "border.",
                             "2024-03-01", &r, &err),
                     DYAD_OK);
    assert_int_equal(r.n_sentences, 2);
    assert_string_equal(r.s[0].date, "2024-02-29");
    assert_string_equal(r.s[1].date, "2024-03-01");
    assert_int_equal(r.s[1].time_shift, 0);
}

/* A document without a date has no date to shift: the sentence's date
 * stays unknown (NULL) rather than becoming day INT32_MIN - 1. */
static void test_time_shift_without_date(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Arnor criticized Gondor yesterday for its policy on the northern border.", NULL,
          &r);
    assert_int_equal(r.n_events, 1);
    assert_int_equal(r.s[0].has_date, 0);
}

/* ------------------------------------------------------ text and spans */

static void test_accents(void **state)
{
    world *w = *state;
    fx_result r;
    dyad_error err;
    /* "La Côte d'Ivoire a critiqué Gondor hier." is too short; the second
     * sentence starts at code point 41 (byte 43) */
    static const char text[] = "La C\xc3\xb4te d'Ivoire a critiqu\xc3\xa9 Gondor hier. "
                               "C\xc3\xb4te d'Ivoire criticized Gondor for its policy on the "
                               "border.";
    assert_int_equal(fx_code(w->coder, text, NULL, &r, &err), DYAD_OK);
    assert_int_equal(r.n_sentences, 2);
    assert_int_equal(r.s[0].outcome, DYAD_TOO_SHORT);
    assert_int_equal(r.s[0].start, 0);
    assert_int_equal(r.s[0].end, 40);
    assert_int_equal(r.s[1].index, 1);
    assert_int_equal(r.s[1].start, 41);
    assert_int_equal(r.s[1].end, 102);
    assert_int_equal(r.n_events, 1);
    assert_int_equal(r.e[0].sentence, 1);
    check_actor(&r.e[0].source, "CIV", "C\xc3\xb4te d'Ivoire", 41, 54, "COTE_D'IVOIRE_",
                NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 66, 72, "GONDOR_", NULL);
    assert_int_equal(r.e[0].verb_start, 55);
    assert_int_equal(r.e[0].verb_end, 65);

    /* upper case with an accent, and a typographic apostrophe */
    code1(w, "C\xc3\x94TE D'IVOIRE criticized Gondor for its policy on the northern border.",
          NULL, &r);
    check_actor(&r.e[0].source, "CIV", "C\xc3\x94TE D'IVOIRE", 0, 13, "COTE_D'IVOIRE_", NULL);
    code1(w, "Cote d\xe2\x80\x99Ivoire criticized Gondor for its policy on the northern border.",
          NULL, &r);
    check_actor(&r.e[0].source, "CIV", "Cote d\xe2\x80\x99Ivoire", 0, 13, "COTE_D'IVOIRE_",
                NULL);
    assert_int_equal(r.e[0].verb_start, 14);
}

/* Spans count code points: "é" and "ç" are two bytes each but one
 * position, so Macron starts at 22 although it is byte 24. */
static void test_code_point_spans(void **state)
{
    world *w = *state;
    fx_result r;
    code1(w, "Le pr\xc3\xa9sident fran\xc3\xa7" "ais Macron criticized Gondor for its policy on "
             "the northern border.", NULL, &r);
    assert_int_equal(r.s[0].start, 0);
    assert_int_equal(r.s[0].end, 85);
    assert_int_equal(r.n_events, 1);
    check_actor(&r.e[0].source, "FRAGOV", "Macron", 22, 28, "MACRON_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 40, 46, "GONDOR_", NULL);
    check_verb(&r.e[0], "111", "criticized", 29, 39, "CRITICIZE_", "CRITICIZE_",
               "CRITICIZED");
    /* a 4-byte character (U+1F4F0) counts as one position too */
    code1(w, "\xf0\x9f\x93\xb0 Arnor criticized Gondor for its policy on the northern border.",
          NULL, &r);
    assert_int_equal(r.n_events, 1);
    check_actor(&r.e[0].source, "ARN", "Arnor", 2, 7, "ARNOR_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 19, 25, "GONDOR_", NULL);
}

static void test_document_segmentation(void **state)
{
    world *w = *state;
    static const char text[] =
        "ARNOR, May 1 (Dyad Wire) - Arnor criticized Gondor for its policy on the northern "
        "border. Gondor rejected the criticism on Tuesday and called it unfair to its people. "
        "Mr. Aragorn met with Rohan in the capital to discuss the border. Arnorian police "
        "arrested Gondorian rebels in the capital on Monday.";
    fx_result r;
    dyad_error err;
    assert_int_equal(fx_code(w->coder, text, "2024-05-01", &r, &err), DYAD_OK);
    assert_int_equal(r.n_sentences, 4);
    static const size_t spans[4][2] = {{27, 89}, {90, 166}, {167, 231}, {232, 299}};
    static const dyad_outcome outcomes[4] = {DYAD_CODED, DYAD_NO_EVENT, DYAD_CODED,
                                             DYAD_CODED};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(r.s[i].index, i);
        assert_string_equal(r.s[i].doc_id, "d1");
        assert_int_equal(r.s[i].start, spans[i][0]);
        assert_int_equal(r.s[i].end, spans[i][1]);
        assert_int_equal(r.s[i].outcome, outcomes[i]);
        assert_string_equal(r.s[i].date, "2024-05-01");
    }
    assert_int_equal(r.n_events, 3);
    assert_int_equal(r.e[0].sentence, 0);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    check_actor(&r.e[0].source, "ARN", "Arnor", 27, 32, "ARNOR_", NULL);
    check_actor(&r.e[0].target, "GON", "Gondor", 44, 50, "GONDOR_", NULL);
    assert_int_equal(r.e[1].sentence, 2);
    /* Aragorn is GONGOV after 2021-01-01 */
    assert_string_equal(fx_triple(&r, 1), "GONGOV ROH 042");
    check_actor(&r.e[1].source, "GONGOV", "Aragorn", 171, 178, "ARAGORN_", NULL);
    check_verb(&r.e[1], "042", "met with", 179, 187, "MET_", "* WITH +", "MET WITH ROHAN");
    assert_int_equal(r.e[2].sentence, 3);
    assert_string_equal(fx_triple(&r, 2), "ARNCOP GONREB 173");
    assert_int_equal(r.e[2].verb_start, 248);
    assert_int_equal(r.e[2].verb_end, 256);
}

/* More than DYAD_MAX_SENTENCE_WORDS words: the rest is dropped and the
 * sentence says so; what is kept is still coded. */
static void test_long_sentence_truncated(void **state)
{
    world *w = *state;
    static char text[4096];
    size_t n = (size_t)snprintf(text, sizeof text,
                                "Arnor criticized Gondor for its policy on the border");
    for (int i = 0; i < 200; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, " and");
    snprintf(text + n, sizeof text - n, ".");
    fx_result r;
    code1(w, text, NULL, &r);
    assert_int_equal(r.s[0].truncated, 1);
    assert_int_equal(r.s[0].end, strlen(text));
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
    code1(w, "Arnor criticized Gondor for its policy on the northern border.", NULL, &r);
    assert_int_equal(r.s[0].truncated, 0);
}

/* --------------------------------------------------- document contract */

static void test_tabari_record(void **state)
{
    world *w = *state;
    static const char text[] =
        "Arnor criticized Gondor. /* Rohan */ It accused Rohan of helping the rebels.";
    dyad_document doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "rec1";
    doc.date = "2024-05-01";
    doc.text = text;
    doc.len = strlen(text);
    doc.is_tabari_record = 1;
    fx_result r;
    memset(&r, 0, sizeof r);
    dyad_error err;
    assert_int_equal(dyad_code_document(w->coder, &doc, fx_collect_sentence, &r, &err),
                     DYAD_OK);
    /* one sentence whatever the full stops */
    assert_int_equal(r.n_sentences, 1);
    assert_string_equal(r.s[0].doc_id, "rec1");
    assert_int_equal(r.s[0].start, 0);
    assert_int_equal(r.s[0].end, strlen(text));
    assert_int_equal(r.n_events, 1);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");
}

static void test_bad_documents(void **state)
{
    world *w = *state;
    fx_result r;
    dyad_error err;
    assert_int_equal(fx_code(w->coder, "Arnor criticized Gondor for its policy on the border.",
                             "2024-02-30", &r, &err),
                     DYAD_ERR_INPUT);
    assert_int_equal(err.code, DYAD_ERR_INPUT);
    assert_string_equal(err.where, "d1");
    assert_string_equal(err.message, "invalid date \"2024-02-30\" (expected YYYY-MM-DD)");
    assert_int_equal(r.n_sentences, 0);
    assert_int_equal(fx_code(w->coder, "Arnor criticized Gondor.", "May 1", &r, &err),
                     DYAD_ERR_INPUT);
    assert_string_equal(err.message, "invalid date \"May 1\" (expected YYYY-MM-DD)");

    /* the same coder goes on after a rejected document */
    assert_int_equal(fx_code(w->coder, "Arnor criticized Gondor for its policy on the border.",
                             "2024-02-29", &r, &err),
                     DYAD_OK);
    assert_string_equal(fx_triple(&r, 0), "ARN GON 111");

    /* usage errors */
    dyad_document doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "x";
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_code_document(NULL, &doc, fx_collect_sentence, &r, &err),
                     DYAD_ERR_USAGE);
    assert_string_equal(err.message, "dyad_code_document: NULL argument");
    assert_int_equal(dyad_code_document(w->coder, NULL, fx_collect_sentence, &r, &err),
                     DYAD_ERR_USAGE);
    doc.len = 5; /* text NULL with a length */
    assert_int_equal(dyad_code_document(w->coder, &doc, fx_collect_sentence, &r, &err),
                     DYAD_ERR_USAGE);

    /* empty and blank documents: no sentence at all */
    memset(&r, 0, sizeof r);
    doc.len = 0;
    assert_int_equal(dyad_code_document(w->coder, &doc, fx_collect_sentence, &r, &err),
                     DYAD_OK);
    assert_int_equal(r.n_sentences, 0);
    assert_int_equal(fx_code(w->coder, " \n\t \n", NULL, &r, &err), DYAD_OK);
    assert_int_equal(r.n_sentences, 0);
    /* no callback is fine */
    doc.text = "Arnor criticized Gondor for its policy on the border.";
    doc.len = strlen(doc.text);
    assert_int_equal(dyad_code_document(w->coder, &doc, NULL, NULL, &err), DYAD_OK);
    dyad_coder_free(NULL);
    assert_null(dyad_coder_new(NULL));
}

static const char THREE[] =
    "Arnor criticized Gondor for its policy on the northern border. "
    "Gondor criticized Rohan for its policy on the northern border. "
    "Rohan criticized Arnor for its policy on the northern border.";

/* A callback's non-zero return stops the document after that sentence. */
static void test_callback_stops(void **state)
{
    world *w = *state;
    fx_result r;
    dyad_error err;
    assert_int_equal(fx_code(w->coder, THREE, NULL, &r, &err), DYAD_OK);
    assert_int_equal(r.n_sentences, 3);

    dyad_document doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "d1";
    doc.text = THREE;
    doc.len = strlen(THREE);
    memset(&r, 0, sizeof r);
    r.stop_after = 2;
    r.stop_value = 1;
    assert_int_equal(dyad_code_document(w->coder, &doc, fx_collect_sentence, &r, &err),
                     DYAD_OK);
    assert_int_equal(r.n_sentences, 2);
    assert_string_equal(fx_triple(&r, 1), "GON ROH 111");
}

/* dyad.h: "Return non-zero to stop" -- a negative value too, and stopping
 * is not an error. */
static void test_callback_stops_negative(void **state)
{
    world *w = *state;
    dyad_document doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "d1";
    doc.text = THREE;
    doc.len = strlen(THREE);
    fx_result r;
    memset(&r, 0, sizeof r);
    r.stop_after = 1;
    r.stop_value = -1;
    dyad_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(dyad_code_document(w->coder, &doc, fx_collect_sentence, &r, &err),
                     DYAD_OK);
    assert_int_equal(r.n_sentences, 1);
}

/* Coding is repeatable: the same document twice gives the same events, and
 * a second coder over the same dictionary agrees. */
static void test_repeatable(void **state)
{
    world *w = *state;
    static fx_result a, b, c;
    dyad_error err;
    assert_int_equal(fx_code(w->coder, THREE, "2024-05-01", &a, &err), DYAD_OK);
    assert_int_equal(fx_code(w->coder, THREE, "2024-05-01", &b, &err), DYAD_OK);
    dyad_coder *other = dyad_coder_new(w->dict);
    assert_int_equal(fx_code(other, THREE, "2024-05-01", &c, &err), DYAD_OK);
    dyad_coder_free(other);
    assert_int_equal(a.n_events, 3);
    assert_memory_equal(&a, &b, sizeof a);
    assert_memory_equal(&a, &c, sizeof a);
}

/* One dictionary, several threads, one coder each. */
typedef struct job {
    const dyad_dict *dict;
    fx_result r;
    int ok;
} job;

static void *thread_main(void *arg)
{
    job *j = arg;
    dyad_coder *c = dyad_coder_new(j->dict);
    if (!c)
        return NULL;
    j->ok = 1;
    for (int i = 0; i < 200 && j->ok; i++) {
        dyad_error err;
        if (fx_code(c, THREE, "2024-05-01", &j->r, &err) != DYAD_OK || j->r.n_events != 3)
            j->ok = 0;
    }
    dyad_coder_free(c);
    return NULL;
}

static void test_threads_share_dictionary(void **state)
{
    world *w = *state;
    static job jobs[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].dict = w->dict;
        assert_int_equal(pthread_create(&t[i], NULL, thread_main, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(jobs[i].ok, 1);
        assert_memory_equal(&jobs[i].r, &jobs[0].r, sizeof jobs[0].r);
    }
    assert_string_equal(fx_triple(&jobs[0].r, 2), "ROH ARN 111");
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, fx_world_setup, fx_world_teardown)
    const struct CMUnitTest tests[] = {
        T(test_simple_sentence),
        T(test_case_insensitive),
        T(test_agents),
        T(test_agent_span_covers_noun_phrase),
        T(test_passive),
        T(test_compound_actors),
        T(test_pattern_and_synset),
        T(test_paired_codes),
        T(test_pronoun),
        T(test_subordinate_alone),
        T(test_discard),
        T(test_no_event_and_too_short),
        T(test_negated_verbs),
        T(test_open_targets),
        T(test_main_clause),
        T(test_self_event_dropped),
        T(test_time_shift),
        T(test_accents),
        T(test_code_point_spans),
        T(test_document_segmentation),
        T(test_long_sentence_truncated),
        T(test_tabari_record),
        T(test_bad_documents),
        T(test_callback_stops),
        T(test_callback_stops_negative),
        T(test_repeatable),
        T(test_threads_share_dictionary),
        /* last: under UBSan the bug it shows aborts the process */
        T(test_time_shift_without_date),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
