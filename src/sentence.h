/*
 * sentence.h -- the working state of one sentence as it moves through
 * tokenize -> match -> parse -> pattern/assemble.
 *
 * A sentence is at most DYAD_MAX_SENTENCE_WORDS words (TABARI's limit), so
 * every array here has a fixed size and the coder never allocates while
 * coding.  Words are views into the document: `src_start/src_end` are byte
 * offsets in the original text, `norm` points into the filtered upper-case
 * ASCII copy that dictionary matching reads.
 *
 * Structure found by the parser is recorded as TABARI records it: "head"
 * and "tail" tags on words (a verb root spanning words 3..5 has a Verb head
 * tag on 3 and a Verb tail tag on 5; a compound, clause or subordinate
 * clause is a pair of indexed tags).  Tags live in one pool, chained per
 * word in the order they were added, because several parser steps depend on
 * finding the first tag of a kind.
 */
#ifndef DYAD_SENTENCE_H
#define DYAD_SENTENCE_H

#include <stdint.h>

#include "dict.h"

#define MAX_WORDS DYAD_MAX_SENTENCE_WORDS
#define MAX_FORWARD 64                   /* words forwarded from the last sentence */
#define MAX_SLOTS (MAX_WORDS + 2 + MAX_FORWARD + 1) /* last: DEFAULT actors */
#define MAX_LITREFS 4096
#define MAX_TAGS 4096
#define MAX_FILTERED 65536
#define WORD_CHARS_MAX 62 /* TABARI splits longer "words" */

/* lexical flags */
enum { LEX_MIDCAP = 1, LEX_INITCAP = 2, LEX_NUMBER = 4, LEX_COMMA = 8,
       LEX_CAPITALS = 16 /* no lower-case letter in the text ("US", not "us") */ };
/* syntactic flags */
enum { SYN_COMPOUND = 1 };

typedef struct lit_ref {
    uint32_t lit;
} lit_ref;

typedef struct word {
    const char *norm;      /* upper-case ASCII, not terminated */
    uint32_t norm_len;
    uint32_t src_start, src_end; /* bytes in the document */
    int lit_first, lit_count;    /* literal prefixes, shortest first */
    uint32_t root;
    int head, tail;        /* first tag in the pool, -1 = none */
    uint8_t lex;           /* LEX_* */
    uint8_t type;          /* word_type */
    uint8_t syn;           /* SYN_* */
} word;

typedef struct tag {
    int type;  /* word_type, or WT_REFERENCE for a pronoun's antecedent */
    int index; /* segment index, or the antecedent's word for a reference */
    int next;
} tag;

typedef struct sentence {
    const dyad_dict *dict;
    const dyad_options *opt;
    int32_t day;               /* date used for date-restricted codes */
    int n;                     /* words; w[n] is the Halt sentinel */
    word w[MAX_SLOTS];
    lit_ref lits[MAX_LITREFS];
    int n_lits;
    tag tags[MAX_TAGS];
    int n_tags;
    char text[MAX_FILTERED];   /* filtered text the words point into */
    /* tokenizer scratch (tokenize.c's filter state) */
    uint64_t fold[(MAX_WORDS * 16 + (WORD_CHARS_MAX + 2) * 4 + 64) / 8 + 64];
    int truncated;
    int all_caps;
    /* parse results */
    int has_clauses;
    int has_discard;
    int is_complex;
    char complex_reason[256];
    int too_short;
    /* literal ids present in the sentence, one bit each (small enough to
     * stay in the L1 cache); NULL = not tracked */
    uint64_t *lit_seen;
    /* pronoun forwarding from the previous sentence */
    int can_forward;
    int forward_actor, forward_compound; /* slots beyond w[n], or -1 */
} sentence;

/* ---- tags (parse.c) ---- */
void sent__add_head(sentence *s, int at, int type, int index);
void sent__add_tail(sentence *s, int at, int type, int index);
int sent__has_head(const sentence *s, int at, int type);
int sent__head_index(const sentence *s, int at, int type); /* 0 = none */
int sent__has_head_indexed(const sentence *s, int at, int type, int index);
int sent__has_tail(const sentence *s, int at, int type);
int sent__has_tail_indexed(const sentence *s, int at, int type, int index);
int sent__tail_index(const sentence *s, int at, int type); /* 0 = none */
void sent__change_head(sentence *s, int at, int from, int to);
void sent__change_tail(sentence *s, int at, int from, int to);
int sent__reference(const sentence *s, int at); /* antecedent word */
/* Whether the indexed head tag of `type` at `at` has a matching tail. */
int sent__head_has_tail(const sentence *s, int at, int type);
/* Moves *at past the segment of `type` that starts at *at; returns 1 when
 * it did (TABARI's skipSegment). */
int sent__skip_segment(const sentence *s, int *at, int type);

/* ---- stages ---- */
/* tokenize.c: filters the text and fills words and literal lists. */
void tok__sentence(sentence *s, const char *text, size_t len,
                   size_t base_offset, int tabari_record);
/* Whether some word of the sentence has literal `lit` (1 when the
 * sentence does not track its literals). */
static inline int sent__has_literal(const sentence *s, uint32_t lit)
{
    return !s->lit_seen || (s->lit_seen[lit / 64] >> (lit % 64) & 1);
}

/* Whether literal `lit` is among the prefixes of word `i`. */
int tok__word_has_literal(const sentence *s, int i, uint32_t lit);
/* 0 = no, 1 = partial (stem), 2 = exact match of literal `lit` at word i. */
int tok__literal_match(const sentence *s, int i, uint32_t lit);
/* match.c: assigns dictionary roots (actors, verbs, ...) to words. */
void match__roots(sentence *s);
/* Characters root `root` matches from word `begin` (0 = no match). */
int match__root_at(const sentence *s, uint32_t root, int begin);
/* parse.c: nouns, compounds, subordinate clauses, clauses, pronouns,
 * discards and complexity, in TABARI's order. */
void parse__sentence(sentence *s);
void parse__null_subordinates(sentence *s);

#endif
