/*
 * dict.h -- the in-memory (and on-disk) form of dyad's dictionaries.
 *
 * Everything a loaded dictionary holds lives in a handful of flat arrays of
 * plain structs that refer to each other by 32-bit index, never by pointer.
 * That one choice makes three things cheap: the dictionary is immutable and
 * shareable once built, the compiled file (dict_compile.c) is those arrays
 * written out verbatim, and loading it is an mmap plus pointer set-up.
 *
 *   strings   char[]          every phrase, code and label, NUL-terminated
 *   literals  dict_literal[]  words and word stems ("ARNOR", "RESTOR"); the
 *                             unit of matching.  Ids 1..15 are the pattern
 *                             symbols (, # * $ + @ % ^ { | }), as in TABARI.
 *   lit_hash  uint64_t[]      open-addressing table: literal text -> id,
 *                             each slot holding the id and the text's hash
 *   tokens    dict_token[]    phrases: literal (or synset root) + connector,
 *                             terminated by a zero token
 *   roots     dict_root[]     dictionary entries: actors, agents, verbs,
 *                             nouns, ... each with its phrase and a pattern
 *                             record that carries its code
 *   lit_roots uint32_t[]      for each literal, the roots whose phrase starts
 *                             with it, in load order (CSR: literal.first_root)
 *   patterns  dict_pattern[]  verb patterns, linked per root longest first
 *   codes     dict_code[]     distinct code strings and their labels
 *   evcodes   dict_evcode[]   event codes with pair and ?/! flags
 *   codesets, actor_entries, actor_items
 *                             date-restricted, possibly compound actor codes
 *   timecodes dict_timecode[] day shifts of <TIME> phrases
 *   req_lits  uint32_t[]      per pattern, the literals it cannot match
 *                             without, or for a pattern with synsets the
 *                             synsets (REQ_SYNSET): a sentence lacking one
 *                             is not tried against the pattern (speed only)
 *
 * Index 0 of every array is unused, so 0 means "none".
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "options.h"

/* Word and segment types, in TABARI's order (parse.c depends on it). */
typedef enum word_type {
    WT_NULL = 0, WT_ACTOR, WT_AGENT, WT_VERB, WT_TIME, WT_ATTRIB, WT_DETERM,
    WT_NOUN, WT_ADJCTV, WT_AUXIL, WT_BYWORD, WT_COMMA, WT_PRONOUN, WT_CONJ,
    WT_PREP, WT_PLURAL, WT_NUMBER, WT_ISSUE, WT_SYNSET,
    /* segment tags */
    WT_CLAUSE, WT_COMPOUND, WT_REFERENCE, WT_SUBORD, WT_REPLACE, WT_NULLTAG,
    WT_HALT
} word_type;

/* Pattern symbols are literals 1..11; ordinary literals start at 16. */
enum {
    LIT_COMMA = 1, LIT_NUMBER = 2, LIT_VERB = 3, LIT_SOURCE = 4,
    LIT_TARGET = 5, LIT_ATTRIB = 6, LIT_COMPOUND = 7, LIT_SKIP = 8,
    LIT_OPBRACK = 9, LIT_OR = 10, LIT_CLBRACK = 11, LIT_FIRST_WORD = 16
};

/* Connector after a phrase element: what may follow it.  Bit 0x4000 allows
 * a partial (stem) match in patterns, bit 0x0400 allows skipped words; the
 * values are TABARI's because its matching reads the bits differently in
 * roots and in patterns (see match.c and pattern.c). */
enum {
    CONN_FULL_NEXT = 0x0000, /* "A_B"   exact word, next word adjacent */
    CONN_PART_NEXT = 0x4000, /* "A~_B"  stem, next word adjacent */
    CONN_FULL_SKIP = 0x0400, /* "A_ B"  exact word, words may intervene */
    CONN_PART_SKIP = 0x4400, /* "A B"   stem, words may intervene */
    CONN_EQUAL = 0x0010,     /* "A="    no regular endings */
    CONN_SYNSET = 0x0002     /* the value is a synset root, not a literal */
};

typedef struct dict_token {
    uint32_t value; /* literal id, or synset root id when CONN_SYNSET */
    uint32_t conn;
} dict_token;

typedef struct dict_literal {
    uint32_t str;        /* offset in strings */
    uint32_t len;
    uint32_t first_root; /* offset in lit_roots */
    uint32_t n_roots;
} dict_literal;

typedef struct dict_root {
    uint32_t phrase;  /* offset in tokens */
    uint32_t pattern; /* code-carrying pattern record; list via .next */
    uint32_t parent;  /* actors: first phrase of a synonym group; 0 = self;
                       * agents in <ALONE>: code id of the agent as an actor
                       * (its code without the '~': "~REB" -> "REB") */
    uint32_t text;    /* the entry as written (offset in strings) */
    uint32_t line;    /* line in its source file */
    uint16_t file;    /* index into file names */
    uint8_t type;     /* word_type */
    uint8_t flags;
} dict_root;

enum {
    ROOT_VERB_FORM = 1, /* a {irregular form} sharing its root's patterns */
    ROOT_CODE_OPEN = 2, /* a verb written without a code: a later file may give one */
    ROOT_CAPITALS = 4,  /* read in <CAPITALS>: matches only words written in capitals */
    ROOT_ALONE = 8      /* an agent read in <ALONE>: an actor when no actor is near */
};

typedef struct dict_pattern {
    uint32_t phrase; /* offset in tokens; 0 for a root's code carrier */
    uint32_t code;   /* evcode / codeset / timecode / code, by root type */
    int32_t length;  /* TABARI length: letters counted, longest first */
    int32_t maxalt;  /* longest alternative inside { | } */
    uint32_t next;   /* next pattern of the root, 0 = end */
    uint32_t text;   /* the pattern as written (offset in strings) */
    uint32_t req_first, req_count; /* literals (and synsets) any match needs (req_lits) */
    uint32_t index;  /* code carriers of long lists: their dict_pindex, 0 = none */
} dict_pattern;

/* An index over one long pattern list (a verb like SAID has 1,500
 * patterns): each pattern is filed under one literal it cannot match
 * without (its "anchor"), so a sentence only tries the patterns whose
 * anchors it contains, plus those without one.  Positions are places in
 * the list, so candidates are still tried in the list's order. */
typedef struct dict_pindex {
    uint32_t first_pattern, n_patterns; /* pindex_patterns: the list in order */
    uint32_t first_always, n_always;    /* pindex_positions: no anchor */
    uint32_t first_slot, n_slots;       /* pindex_slots, a power of two */
} dict_pindex;

typedef struct dict_pindex_slot {
    uint32_t lit;          /* anchor literal, 0 = empty slot */
    uint32_t first, count; /* pindex_positions, ascending */
} dict_pindex_slot;

/* The first slot to probe for `lit` in a table of `n_slots` (a power of
 * two); probing goes on linearly. */
static inline uint32_t dict__pindex_home(uint32_t lit, uint32_t n_slots)
{
    return (lit * 2654435761u) & (n_slots - 1);
}

/* The slot of anchor `lit` in index `ix`, or NULL when no pattern of the
 * list is filed under it. */
static inline const dict_pindex_slot *dict__pindex_find(const dict_pindex_slot *slots,
                                                        const dict_pindex *ix, uint32_t lit)
{
    const dict_pindex_slot *table = slots + ix->first_slot;
    uint32_t k = dict__pindex_home(lit, ix->n_slots);
    while (table[k].lit && table[k].lit != lit)
        k = (k + 1) & (ix->n_slots - 1);
    return table[k].lit ? &table[k] : NULL;
}

/* The literal filter: one bit per hash of every literal, so that most
 * prefixes of a word that are no literal cost no probe of the table. */
#define LIT_FILTER_BITS 21

/* A req_lits entry with this bit names a synset root the pattern needs (one
 * of its members must match), not a literal. */
#define REQ_SYNSET 0x80000000u

/* Fixed code ids. */
enum {
    CODE_NONE = 0, CODE_NULL = 1, CODE_COMPLEX = 2, CODE_DISCARD = 3,
    CODE_BLANK = 4, CODE_ELITE = 5,
    CODE_OPEN = 6 /* the target of an event that has none (SET: OPEN TARGETS) */
};

typedef struct dict_code {
    uint32_t str;   /* offset in strings */
    uint32_t label; /* offset in strings, 0 = none */
} dict_code;

enum { EV_SUB = 1, EV_DOM = 2, EV_PAIR_SUB = 4, EV_PAIR_DOM = 8 };

typedef struct dict_evcode {
    uint32_t code;  /* code id */
    uint32_t pair;  /* paired code id, 0 = none */
    uint32_t flags; /* EV_* */
} dict_evcode;

enum { DATE_ANY = 0, DATE_BEFORE = 1, DATE_AFTER = 2, DATE_BETWEEN = 3 };

typedef struct dict_actor_entry {
    uint32_t kind;      /* DATE_* */
    int32_t from, to;   /* day numbers (date.c) */
    uint32_t first_item, n_items;
} dict_actor_entry;

typedef struct dict_actor_item {
    uint32_t actor; /* code id */
    uint32_t agent; /* code id of an actor:agent pair, 0 = none */
} dict_actor_item;

typedef struct dict_codeset {
    uint32_t first_entry, n_entries;
} dict_codeset;

typedef struct dict_timecode {
    int32_t days;
    uint32_t special; /* CODE_NULL / CODE_DISCARD / CODE_COMPLEX, or 0 */
} dict_timecode;

/* Where a record was read: file index and line.  Kept only while text
 * dictionaries load, for the checks of dict_check.c. */
typedef struct dict_origin {
    uint32_t line;
    uint32_t file;
} dict_origin;

/* One array of the dictionary with its length and capacity. */
#define DICT_ARRAY(type, name) type *name; size_t n_##name, cap_##name

struct dyad_dict {
    DICT_ARRAY(char, strings);
    DICT_ARRAY(dict_literal, literals);
    DICT_ARRAY(uint64_t, lit_hash); /* (hash << 32) | literal id; size a power of two */
    DICT_ARRAY(uint64_t, lit_filter); /* bit per literal-text hash: most words'
                                         prefixes are not literals, and this
                                         256 KiB bitmap says so without a
                                         probe of the 1 MiB table */
    DICT_ARRAY(dict_token, tokens);
    DICT_ARRAY(dict_root, roots);
    DICT_ARRAY(uint32_t, lit_roots);
    DICT_ARRAY(uint32_t, lit_root_second); /* per lit_roots entry: the root's
                                              second literal, 0 = none */
    DICT_ARRAY(dict_pattern, patterns);
    DICT_ARRAY(dict_code, codes);
    DICT_ARRAY(uint32_t, code_hash);
    DICT_ARRAY(dict_evcode, evcodes);
    DICT_ARRAY(dict_codeset, codesets);
    DICT_ARRAY(dict_actor_entry, actor_entries);
    DICT_ARRAY(dict_actor_item, actor_items);
    DICT_ARRAY(dict_timecode, timecodes);
    DICT_ARRAY(uint32_t, files); /* offsets of file names in strings */
    DICT_ARRAY(uint32_t, req_lits); /* per pattern: literals it cannot match without,
                                     * and synset roots flagged REQ_SYNSET */
    DICT_ARRAY(dict_pindex, pindexes);
    DICT_ARRAY(uint32_t, pindex_patterns);
    DICT_ARRAY(uint32_t, pindex_positions);
    DICT_ARRAY(dict_pindex_slot, pindex_slots);

    /* literals and roots that the parser looks for by name */
    uint32_t lit_and, lit_nor, lit_he, lit_him, lit_she, lit_her, lit_it,
        lit_the;
    uint32_t root_former, root_default_actor;

    int has_time_list;   /* a <TIME> section was read */
    int has_attrib_list; /* an <ATTRIB> section was read */
    dyad_options options;

    /* loading state (not saved) */
    uint32_t *root_first_lit; /* per root, first literal; NULL once frozen */
    size_t cap_root_first_lit;
    dict_origin *pattern_origin; /* per pattern: where its code was read, for
                                    dict_check.c; NULL once checked */
    size_t cap_pattern_origin;
    uint32_t *entry_line;        /* per actor entry: its line (the file is its
                                    actor's); NULL once checked */
    size_t cap_entry_line;
    void *phrase_index;       /* duplicate detection; NULL once frozen */
    int frozen;
    int out_of_memory;        /* sticky: some builder ran out of memory, so
                                 the dictionary lacks something it was given
                                 and the load must fail (loaders go on
                                 reading and check this once, at the end) */

    /* compiled-file mapping, when loaded from one */
    void *mapping;
    size_t mapping_len;
};

/* ---- building (dict.c) ----
 * Every builder that returns 0 for "no memory" has also set
 * d->out_of_memory, and leaves the arrays consistent (nothing half-added),
 * so a loader may carry on and check the flag once. */
dyad_dict *dict__new(void);
/* Grows one of the dictionary's arrays to hold `need` items; on failure
 * sets d->out_of_memory and returns -1. */
#define DICT_GROW(d, name, need)                              \
    (DYAD_GROW((d)->name, (d)->cap_##name, (need))            \
         ? ((d)->out_of_memory = 1, -1)                       \
         : 0)
/* Interns a string; returns its offset or 0 on allocation failure. */
uint32_t dict__intern_string(dyad_dict *d, const char *s, size_t n);
/* Finds (or, when `add`, creates) a literal; 0 when absent / no memory. */
uint32_t dict__literal(dyad_dict *d, const char *s, size_t n, int add);
/* Stores in out[] the ids of the literals that are prefixes of s[0..n),
 * shortest first (at most `cap`); returns how many. */
uint32_t dict__literal_prefixes(const dyad_dict *d, const char *s, size_t n,
                                uint32_t *out, size_t cap);
/* Finds or adds a code string; returns its id, 0 on failure. */
uint32_t dict__code(dyad_dict *d, const char *s, size_t n);
uint32_t dict__find_code(const dyad_dict *d, const char *s, size_t n);
void dict__set_label(dyad_dict *d, uint32_t code, const char *label);

/* Stores a phrase in TABARI spelling ("ITHILEN_GOVERNMENT_RADIO_",
 * "- * FOR { SANCTIONS | BOYCOTT }") and returns its token offset.  Synset
 * designators (&NAME) must name a synset root already defined; when
 * `synset_as_literal`, they are stored as plain literals instead.  Returns
 * 0 and sets *bad_synset when a designator is unknown, 0 on no memory. */
uint32_t dict__store_phrase(dyad_dict *d, const char *phrase,
                            int synset_as_literal, const char **bad_synset);

/* FNV-1a hash of a stored phrase (its tokens: literal or synset, and
 * connector), and whether two stored phrases are the same token for token. */
uint32_t dict__phrase_hash(const dyad_dict *d, uint32_t phrase);
int dict__phrases_equal(const dyad_dict *d, uint32_t a, uint32_t b);

/* Adds a root with the given phrase tokens.  Returns the root id or 0. */
uint32_t dict__add_root(dyad_dict *d, uint32_t phrase, word_type type,
                        uint32_t text, uint16_t file, uint32_t line);
/* Returns the root with an identical phrase (same tokens), or 0. */
uint32_t dict__find_duplicate(dyad_dict *d, uint32_t phrase);
/* Adds a pattern record; returns its id or 0. */
uint32_t dict__new_pattern(dyad_dict *d);
/* Inserts pattern `pat` into the list of root `root`, longest first and
 * after existing patterns of equal length. */
void dict__insert_pattern(dyad_dict *d, uint32_t root, uint32_t pat);

/* Builds the indexes of long pattern lists (dict_index.c). */
dyad_status dict__index_patterns(dyad_dict *d);

/* Freezes a dictionary after loading: builds lit_roots and drops the
 * loading state.  Returns DYAD_OK or DYAD_ERR_NOMEM. */
dyad_status dict__freeze(dyad_dict *d);

/* ---- reading codes (dict.c) ---- */
static inline const char *dict__str(const dyad_dict *d, uint32_t off)
{
    return d->strings + off;
}
static inline const char *dict__code_str(const dyad_dict *d, uint32_t code)
{
    return d->strings + d->codes[code].str;
}
/* Resolves root `root`'s actor codes for day `day`: returns the first item
 * and stores the number of items (a coded compound has several) in *n.
 * Returns NULL when no restriction holds on that day. */
const dict_actor_item *dict__actor_codes(const dyad_dict *d, uint32_t root,
                                         int32_t day, uint32_t *n);
/* Whether the root's own code is the discard code [###] on `day`. */
int dict__root_is_discard(const dyad_dict *d, uint32_t root, int32_t day);
/* Whether an actor root is null-coded [---] on `day`. */
int dict__root_is_null_actor(const dyad_dict *d, uint32_t root, int32_t day);
/* Whether a verb root's own code is the null code. */
int dict__root_is_null_verb(const dyad_dict *d, uint32_t root);

/* Writes a phrase back in TABARI spelling into sb (for output and tools). */
int dict__phrase_text(const dyad_dict *d, uint32_t phrase, dyad_strbuf *sb);

/* ---- checking text dictionaries (dict_check.c) ----
 * The loader notes where each pattern record got its code and where each
 * actor entry was written; dict__check reads the notes once every file is
 * loaded, then frees them.  A note that cannot be stored sets
 * d->out_of_memory. */
void dict__note_pattern(dyad_dict *d, uint32_t pattern, uint32_t file, uint32_t line);
void dict__note_entry(dyad_dict *d, uint32_t entry, uint32_t line);
/* Reports, as warnings through `diag`, the defects that only the whole
 * dictionary shows (unknown event codes, overlapping date ranges, patterns
 * that can never match, verbs that can never code), then frees the notes.
 * With `diag` NULL it only frees them.  Call before dict__freeze. */
void dict__check(dyad_dict *d, dyad_diag_fn diag, void *user);
/* Frees the notes (also done by dict__check and dyad_dict_close). */
void dict__drop_notes(dyad_dict *d);

/* ---- loading (dict_tabari.c, dict_compile.c) ---- */
dyad_status dict__install_defaults(dyad_dict *d);
dyad_dict *dict__load_compiled(const char *path, dyad_error *err);
int dict__is_compiled_file(const char *path);
void dict__unmap(void *mapping, size_t len);

#endif
