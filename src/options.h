/*
 * options.h -- the coding options of TABARI's .options file (COMPLEX,
 * COMMA, DEFAULT, FORWARD, SET: ...), as one plain struct.
 *
 * A dictionary carries the options its .options file set; every coder
 * starts from a copy and may change its own (validation records do that
 * between sentences), so options never live in shared state.
 */
#ifndef DYAD_OPTIONS_H
#define DYAD_OPTIONS_H

#include "dyad.h"

enum { CODE_BY_CLAUSE = 0, CODE_BY_SENTENCE = 1, CODE_ALL = 2 };

typedef struct dyad_options {
    int code_mode;       /* CODE_BY_* */
    /* COMPLEX: a limit of 0 / flag of 0 means "not checked" */
    int cplx_verbs, cplx_actors, cplx_pronouns, cplx_conj, cplx_nonres,
        cplx_lateverb;
    int cplx_noactprior, cplx_noactafter, cplx_noverb, cplx_nosource,
        cplx_notarget, cplx_noevent, cplx_explain;
    /* COMMA: bounds of comma-delimited clauses that are removed */
    int comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax;
    int min_words;       /* SET: MINIMUM WORDS */
    /* DEFAULT: */
    int has_default_source, has_default_target, default_prior, default_after;
    char default_source[32], default_target[32];
    int convert_agents;  /* SET: CONVERT AGENTS */
    int time_shift;      /* SET: TIME SHIFT (on when <TIME> was read) */
    int four_digit_year; /* SET: YYYY */
    int fbis;            /* SET: FBIS */
    int nonevents;       /* NONEVENTS: 0 false, 1 true, 2 only */
    int prefer_person;   /* dyad: "Chinese leader Xi" codes Xi (SET: NOUN PHRASE HEAD) */
    int negation;        /* dyad: a negated verb codes nothing (SET: NEGATION) */
    uint32_t open_targets; /* dyad: bit r set: an event of CAMEO root r with a source
                            * but no target is kept (SET: OPEN TARGETS) */
    int main_clause;     /* dyad: a final comma clause after no verb stays (SET: MAIN CLAUSE) */
    int event_nouns;     /* dyad: a verb after "the"/"a" stays a verb (SET: EVENT NOUNS) */
    int drop_e_before_ing; /* dyad: REFUSE_ also matches "refusing" (SET: DROP E BEFORE ING) */
    /* FORWARD: format positions in the record id */
    int forward;         /* pronoun forwarding between records */
    int id_loc, id_len, story_loc, story_len, sent_loc, sent_len;
} dyad_options;

void options__init(dyad_options *o);

/* Applies one .options command line.  `label` is called for LABEL:
 * commands (may be NULL to ignore them).  Returns DYAD_OK, or
 * DYAD_ERR_SYNTAX with `err` saying what is wrong (the option is then left
 * unchanged, as TABARI does). */
typedef void (*options_label_fn)(void *user, const char *code,
                                 const char *label);
dyad_status options__apply(dyad_options *o, const char *line,
                           options_label_fn label, void *user,
                           dyad_error *err);

#endif
