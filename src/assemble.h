/*
 * assemble.h -- the state of coding one parsed sentence: the clause being
 * coded, the current source and target, the verb-pattern matcher's cursor,
 * and the events found so far.  Shared by pattern.c (the matcher) and
 * assemble.c (source/target rules and event assembly).
 */
#ifndef DYAD_ASSEMBLE_H
#define DYAD_ASSEMBLE_H

#include "sentence.h"

#define MAX_EVENTS 512
#define MAX_TEMP 128
#define WHERE_DEFAULT (MAX_SLOTS - 1) /* word slot standing for a DEFAULT actor */

/* An actor found in the text (or a DEFAULT one). */
typedef struct actor_ref {
    uint32_t actor;  /* code id (ids past the dictionary's are DEFAULT codes) */
    uint32_t agent;  /* agent code id, 0 = none */
    const dict_actor_item *items; /* a coded compound's codes, else NULL */
    uint32_t n_items;
    uint32_t root;       /* dictionary root of the actor */
    uint32_t agent_root; /* dictionary root of the agent */
    int where;           /* word of the actor, WHERE_DEFAULT, or 0 */
    int from;            /* first word of its noun phrase (agent, adjective
                            actor: "Chinese leader Xi Jinping") */
    int to;              /* last word of its noun phrase when an agent follows
                            the actor ("Kenyan police"), else -1 */
} actor_ref;

typedef struct coded_event {
    actor_ref source, target;
    uint32_t code;    /* event code id */
    int sub, dom;     /* subordinate ? / dominant ! */
    int valid;
    uint32_t attribution;
    uint32_t pattern; /* pattern record that coded it */
    uint32_t verb_root;
    int verb_where;
    int matched[24];  /* words the pattern matched, in text order */
    int n_matched;
    int next;         /* list order after compound expansion */
} coded_event;

/* A synset's answer to "could a member match in this sentence?" */
typedef struct synset_seen {
    uint32_t root, serial;
    int possible;
} synset_seen;

typedef struct coder_state {
    sentence *s;
    const dyad_dict *d;
    const dyad_options *o;
    int clause_start, clause_end;
    actor_ref source, target, attrib;
    int regular_source, regular_target, passive;
    int has_discard, has_complex;
    coded_event ev[MAX_EVENTS];
    int n_ev;
    int n_negated;              /* verbs skipped as negated (SET: NEGATION) */
    /* whether a synset could match in this sentence (pattern.c), cached:
     * an entry holds only for the sentence whose serial it carries */
    uint32_t sentence_serial;
    synset_seen synset_seen[64];
    /* DEFAULT codes (coder-local code ids) */
    uint32_t default_source, default_target;
    int time_shift;
    /* ---- verb pattern matcher (pattern.c) ---- */
    const dict_token *pat;      /* element being matched */
    const dict_token *pat_start;
    int loc;                    /* word being compared */
    int high;                   /* matching after the verb (1) or before (0) */
    int skip_mode, full_mode;
    int cond;                   /* inside { | } alternatives */
    int cond_loc, cond_temp, cond_len, cond_skip;
    int alt_len;                /* characters matched inside alternatives */
    int index_source, index_target, index_attrib, index_compound;
    int temp[MAX_TEMP];
    int n_temp;
    /* candidate patterns of an indexed pattern list (assemble.c) */
    uint64_t *candidates; /* bit per list position */
    size_t candidate_words;
} coder_state;

/* pattern.c */
int pat__check(coder_state *c, uint32_t pattern, int verb_at, int type);
int pat__actor_head(coder_state *c, int loc, int *found);
int pat__actor_tail(const coder_state *c, int loc);
int pat__compound_head(const coder_state *c, int loc);

/* assemble.c */
void asm__code_sentence(coder_state *c);

/* The longest composite code kept (longer ones are cut). */
#define ASM_CODE_MAX 256

/* The text of code `id`: a dictionary code, the DEFAULT source (id
 * n_codes) or target (n_codes + 1) code, or "" for an open target. */
const char *asm__code_text(const coder_state *c, uint32_t id);

/* TABARI's actor + agent composition into out[cap]: "~GOV" appends, "NGO~"
 * prepends, and an agent already present on a 3-letter boundary is not
 * repeated ("Hamas fighters" = PSEREBHMS, not PSEREBHMSREB). */
void asm__composite(const coder_state *c, uint32_t actor, uint32_t agent, char *out,
                    size_t cap);

#endif
