/*
 * dict.c -- building and querying the dictionary arrays described in
 * dict.h: string and literal interning, phrases in TABARI spelling, roots,
 * pattern lists, codes, and the date resolution of actor codes.
 *
 * Loaders (dict_tabari.c) call the dict__ builders while reading files;
 * dict__freeze() then turns the per-root "first literal" links into the
 * literal -> roots index the matcher walks, and the dictionary becomes
 * read-only.  Lookups by the coder are all O(1) hash probes or array reads.
 *
 * Builders make every allocation before they change anything, so running
 * out of memory never leaves half an entry behind; they record it in
 * d->out_of_memory, and dict__freeze refuses a dictionary that lost
 * something that way.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dict.h"

/* ------------------------------------------------------------ hashing */

static uint32_t hash_bytes(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

/* Appends `value` to array `name`; its index, or 0 when out of memory. */
#define PUSH(d, name, value)                                             \
    (DICT_GROW(d, name, (d)->n_##name + 1) ? 0                           \
     : ((d)->name[(d)->n_##name] = (value), (uint32_t)(d)->n_##name++))

uint32_t dict__intern_string(dyad_dict *d, const char *s, size_t n)
{
    if (DICT_GROW(d, strings, d->n_strings + n + 1))
        return 0;
    uint32_t off = (uint32_t)d->n_strings;
    memcpy(d->strings + off, s, n);
    d->strings[off + n] = '\0';
    d->n_strings += n + 1;
    return off;
}

/* Generic open-addressing table of uint32 ids keyed by a string that
 * `key_of` returns for an id. */
typedef const char *(*key_fn)(const dyad_dict *d, uint32_t id, size_t *len);

static const char *code_key(const dyad_dict *d, uint32_t id, size_t *len)
{
    const char *s = d->strings + d->codes[id].str;
    *len = strlen(s);
    return s;
}

static uint32_t table_find(const dyad_dict *d, const uint32_t *table,
                           size_t size, key_fn key, const char *s, size_t n,
                           size_t *slot)
{
    if (!size) {
        *slot = 0;
        return 0;
    }
    size_t mask = size - 1;
    size_t i = hash_bytes(s, n) & mask;
    for (;;) {
        uint32_t id = table[i];
        if (!id)
            break;
        size_t len;
        const char *k = key(d, id, &len);
        if (len == n && memcmp(k, s, n) == 0)
            break;
        i = (i + 1) & mask;
    }
    *slot = i;
    return table[i];
}

/* The size a hash table needs to hold `count` ids at most half full:
 * `size`, or a power of two above it. */
static size_t table_size_for(size_t size, size_t count)
{
    if (count * 2 <= size)
        return size;
    size_t nsize = size ? size * 2 : 1024;
    while (nsize < count * 2 + 2)
        nsize *= 2;
    return nsize;
}

/* Makes room in a table holding ids 1..count-1 for id `count`, by
 * doubling it and re-inserting them.  Done before the id is added, so
 * that running out of memory leaves nothing half-added. */
static int table_reserve(dyad_dict *d, uint32_t **table, size_t *size,
                         size_t *cap, size_t count, key_fn key)
{
    size_t nsize = table_size_for(*size, count + 1);
    if (nsize == *size)
        return 0;
    uint32_t *nt = dyad__calloc(nsize, sizeof *nt);
    if (!nt) {
        d->out_of_memory = 1;
        return -1;
    }
    dyad__free(*table);
    *table = nt;
    *size = nsize;
    *cap = nsize;
    for (uint32_t id = 1; id < count; id++) {
        size_t len, slot;
        const char *k = key(d, id, &len);
        table_find(d, nt, nsize, key, k, len, &slot);
        nt[slot] = id;
    }
    return 0;
}

/* ------------------------------------------------------------ literals */

/* Literal lookup: the slot keeps the text's hash next to the id, so most
 * probes are decided without touching the literal itself. */
static uint32_t literal_find(const dyad_dict *d, const char *s, size_t n,
                             uint32_t hash, size_t *slot)
{
    if (!d->n_lit_hash) {
        *slot = 0;
        return 0;
    }
    size_t mask = d->n_lit_hash - 1;
    size_t i = hash & mask;
    for (;;) {
        uint64_t e = d->lit_hash[i];
        if (!e)
            break;
        if ((uint32_t)(e >> 32) == hash) {
            const dict_literal *l = &d->literals[(uint32_t)e];
            if (l->len == n) {
                const char *t = d->strings + l->str;
                size_t k = 0;
                while (k < n && t[k] == s[k])
                    k++;
                if (k == n)
                    break;
            }
        }
        i = (i + 1) & mask;
    }
    *slot = i;
    return (uint32_t)d->lit_hash[i];
}

/* table_reserve() for the literal table. */
static int literal_table_reserve(dyad_dict *d)
{
    size_t nsize = table_size_for(d->n_lit_hash, d->n_literals + 1);
    if (nsize == d->n_lit_hash)
        return 0;
    uint64_t *nt = dyad__calloc(nsize, sizeof *nt);
    if (!nt) {
        d->out_of_memory = 1;
        return -1;
    }
    dyad__free(d->lit_hash);
    d->lit_hash = nt;
    d->n_lit_hash = d->cap_lit_hash = nsize;
    for (uint32_t id = 1; id < d->n_literals; id++) {
        const dict_literal *l = &d->literals[id];
        uint32_t h = hash_bytes(d->strings + l->str, l->len);
        size_t slot;
        literal_find(d, d->strings + l->str, l->len, h, &slot);
        nt[slot] = ((uint64_t)h << 32) | id;
    }
    return 0;
}

uint32_t dict__literal(dyad_dict *d, const char *s, size_t n, int add)
{
    size_t slot;
    uint32_t h = hash_bytes(s, n);
    uint32_t id = literal_find(d, s, n, h, &slot);
    if (id || !add)
        return id;
    dict_literal lit = {0};
    lit.len = (uint32_t)n;
    if (literal_table_reserve(d) || !(lit.str = dict__intern_string(d, s, n)))
        return 0;
    id = PUSH(d, literals, lit);
    if (!id)
        return 0;
    literal_find(d, s, n, h, &slot); /* the table may have been rebuilt */
    d->lit_hash[slot] = ((uint64_t)h << 32) | id;
    return id;
}

static size_t filter_bit(uint32_t hash)
{
    return (hash * 0x9E3779B1u) >> (32 - LIT_FILTER_BITS);
}

/* Sets the filter bit of every literal (at freeze time). */
static int build_literal_filter(dyad_dict *d)
{
    size_t words = ((size_t)1 << LIT_FILTER_BITS) / 64;
    if (DYAD_GROW(d->lit_filter, d->cap_lit_filter, words))
        return -1;
    memset(d->lit_filter, 0, words * sizeof *d->lit_filter);
    d->n_lit_filter = words;
    for (uint32_t id = 1; id < d->n_literals; id++) {
        const dict_literal *l = &d->literals[id];
        size_t bit = filter_bit(hash_bytes(d->strings + l->str, l->len));
        d->lit_filter[bit / 64] |= 1ull << (bit % 64);
    }
    return 0;
}

uint32_t dict__literal_prefixes(const dyad_dict *d, const char *s, size_t n,
                                uint32_t *out, size_t cap)
{
    uint32_t h = 2166136261u;
    size_t found = 0;
    for (size_t k = 1; k <= n && found < cap; k++) {
        h ^= (unsigned char)s[k - 1];
        h *= 16777619u;
        /* TABARI files literals under their first two characters, so a
         * one-letter literal only matches a word whose second character is
         * not a letter or digit. */
        if (k == 1 && n > 1 &&
            ((s[1] >= 'A' && s[1] <= 'Z') || (s[1] >= 'a' && s[1] <= 'z') ||
             (s[1] >= '0' && s[1] <= '9')))
            continue;
        if (d->n_lit_filter) {
            size_t bit = filter_bit(h);
            if (!(d->lit_filter[bit / 64] & (1ull << (bit % 64))))
                continue;
        }
        size_t slot;
        uint32_t id = literal_find(d, s, k, h, &slot);
        if (id)
            out[found++] = id;
    }
    return (uint32_t)found;
}

/* --------------------------------------------------------------- codes */

uint32_t dict__find_code(const dyad_dict *d, const char *s, size_t n)
{
    size_t slot;
    return table_find(d, d->code_hash, d->n_code_hash, code_key, s, n, &slot);
}

uint32_t dict__code(dyad_dict *d, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    size_t slot;
    uint32_t id = table_find(d, d->code_hash, d->n_code_hash, code_key, s, n,
                             &slot);
    if (id)
        return id;
    dict_code code = {0, 0};
    if (table_reserve(d, &d->code_hash, &d->n_code_hash, &d->cap_code_hash,
                      d->n_codes, code_key) ||
        !(code.str = dict__intern_string(d, s, n)))
        return 0;
    id = PUSH(d, codes, code);
    if (!id)
        return 0;
    /* the table may have been rebuilt */
    table_find(d, d->code_hash, d->n_code_hash, code_key, s, n, &slot);
    d->code_hash[slot] = id;
    return id;
}

void dict__set_label(dyad_dict *d, uint32_t code, const char *label)
{
    if (code && code < d->n_codes && !d->codes[code].label)
        d->codes[code].label = dict__intern_string(d, label, strlen(label));
}

/* -------------------------------------------------------------- phrases */

static uint32_t push_token(dyad_dict *d, uint32_t value, uint32_t conn)
{
    dict_token t = {value, conn};
    return PUSH(d, tokens, t);
}

/* The synset root whose designator literal is `lit`, or 0. */
static uint32_t synset_root_of(const dyad_dict *d, uint32_t lit)
{
    for (size_t r = d->n_roots; r-- > 1;)
        if (d->roots[r].type == WT_SYNSET &&
            d->tokens[d->roots[r].phrase].value == lit)
            return (uint32_t)r;
    return 0;
}

uint32_t dict__store_phrase(dyad_dict *d, const char *s,
                            int synset_as_literal, const char **bad_synset)
{
    uint32_t start = (uint32_t)d->n_tokens;
    if (bad_synset)
        *bad_synset = NULL;
    for (;;) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        size_t n = strcspn(s, " _~=");
        uint32_t lit = dict__literal(d, s, n, 1);
        if (!lit)
            goto fail;
        const char *sep = s + n;
        uint32_t conn;
        if (!*sep)
            conn = CONN_PART_SKIP;
        else if (*sep == ' ')
            conn = CONN_PART_SKIP;
        else if (*sep == '=')
            conn = CONN_EQUAL;
        else if (*sep == '~') {
            conn = CONN_PART_NEXT;
            if (sep[1])
                sep++; /* "~_": the underscore belongs to the tilde */
        } else if (sep[1] == ' ') {
            conn = CONN_FULL_SKIP;
            sep++;
        } else {
            conn = CONN_FULL_NEXT;
        }
        uint32_t value = lit;
        if (s[0] == '&' && !synset_as_literal) {
            value = synset_root_of(d, lit);
            if (!value) {
                if (bad_synset)
                    *bad_synset = dict__str(d, d->literals[lit].str);
                goto fail;
            }
            conn = (!*sep || *sep == ' ') ? (CONN_SYNSET | CONN_FULL_SKIP)
                                          : (CONN_SYNSET | CONN_PART_NEXT);
        }
        if (!push_token(d, value, conn))
            goto fail;
        if (!*sep)
            break;
        s = sep + 1;
    }
    if (!push_token(d, 0, 0))
        goto fail;
    return start;
fail:
    d->n_tokens = start; /* no half-stored phrase */
    return 0;
}

int dict__phrase_text(const dyad_dict *d, uint32_t phrase, dyad_strbuf *sb)
{
    for (const dict_token *t = d->tokens + phrase; t->value; t++) {
        const char *word;
        if (t->conn & CONN_SYNSET)
            word = dict__str(d, d->roots[t->value].text);
        else
            word = dict__str(d, d->literals[t->value].str);
        if (dyad__sb_append(sb, word, strlen(word)))
            return -1;
        const char *sep = "";
        switch (t->conn & ~(uint32_t)CONN_SYNSET) {
        case CONN_PART_SKIP: sep = " "; break;
        case CONN_FULL_NEXT: sep = "_"; break;
        case CONN_FULL_SKIP: sep = "_ "; break;
        case CONN_PART_NEXT: sep = "~_"; break;
        case CONN_EQUAL: sep = "="; break;
        }
        if (!t[1].value && (!strcmp(sep, " ") || !strcmp(sep, "_ ")))
            sep = sep[0] == '_' ? "_" : "";
        if (dyad__sb_append(sb, sep, strlen(sep)))
            return -1;
    }
    return 0;
}

/* ---------------------------------------------------- duplicate detection */

typedef struct phrase_index {
    uint32_t *slots; /* root ids */
    size_t size, count;
} phrase_index;

uint32_t dict__phrase_hash(const dyad_dict *d, uint32_t phrase)
{
    uint32_t h = 2166136261u;
    for (const dict_token *t = d->tokens + phrase; t->value; t++) {
        h = (h ^ t->value) * 16777619u;
        h = (h ^ t->conn) * 16777619u;
    }
    return h;
}

int dict__phrases_equal(const dyad_dict *d, uint32_t a, uint32_t b)
{
    const dict_token *x = d->tokens + a, *y = d->tokens + b;
    for (; x->value && y->value; x++, y++)
        if (x->value != y->value || x->conn != y->conn)
            return 0;
    return x->value == y->value;
}

static size_t index_probe(const dyad_dict *d, const phrase_index *ix,
                          uint32_t phrase)
{
    size_t mask = ix->size - 1, i = dict__phrase_hash(d, phrase) & mask;
    while (ix->slots[i] && !dict__phrases_equal(d, d->roots[ix->slots[i]].phrase, phrase))
        i = (i + 1) & mask;
    return i;
}

uint32_t dict__find_duplicate(dyad_dict *d, uint32_t phrase)
{
    phrase_index *ix = d->phrase_index;
    if (!ix || !ix->size)
        return 0;
    return ix->slots[index_probe(d, ix, phrase)];
}

/* Makes room in the index for one more root (so that index_add cannot
 * fail); -1 when out of memory. */
static int index_reserve(dyad_dict *d)
{
    phrase_index *ix = d->phrase_index;
    if (!ix) {
        ix = dyad__calloc(1, sizeof *ix);
        if (!ix)
            goto nomem;
        d->phrase_index = ix;
    }
    if ((ix->count + 1) * 2 <= ix->size)
        return 0;
    phrase_index bigger = {NULL, ix->size ? ix->size * 2 : 4096, 0};
    bigger.slots = dyad__calloc(bigger.size, sizeof *bigger.slots);
    if (!bigger.slots)
        goto nomem;
    for (size_t i = 0; i < ix->size; i++) {
        uint32_t r = ix->slots[i];
        if (r) {
            bigger.slots[index_probe(d, &bigger, d->roots[r].phrase)] = r;
            bigger.count++;
        }
    }
    dyad__free(ix->slots);
    *ix = bigger;
    return 0;
nomem:
    d->out_of_memory = 1;
    return -1;
}

static void index_add(dyad_dict *d, uint32_t root)
{
    phrase_index *ix = d->phrase_index;
    size_t slot = index_probe(d, ix, d->roots[root].phrase);
    if (!ix->slots[slot]) {
        ix->slots[slot] = root;
        ix->count++;
    }
}

/* ---------------------------------------------------------------- roots */

uint32_t dict__new_pattern(dyad_dict *d)
{
    dict_pattern p = {0};
    return PUSH(d, patterns, p);
}

uint32_t dict__add_root(dyad_dict *d, uint32_t phrase, word_type type,
                        uint32_t text, uint16_t file, uint32_t line)
{
    dict_root r = {0};
    r.phrase = phrase;
    r.type = (uint8_t)type;
    r.text = text;
    r.file = file;
    r.line = line;
    /* All the memory first: a root is added only together with its first
     * literal and its index slot (dict__freeze reads the one, duplicate
     * detection the other). */
    if (DICT_GROW(d, root_first_lit, d->n_roots + 1) || index_reserve(d))
        return 0;
    uint32_t id = PUSH(d, roots, r);
    if (!id)
        return 0;
    d->root_first_lit[id] = d->tokens[phrase].value;
    index_add(d, id);
    return id;
}

void dict__insert_pattern(dyad_dict *d, uint32_t root, uint32_t pat)
{
    /* TABARI inserts after every pattern whose total length is at least
     * the new pattern's fixed length (alternatives not counted). */
    int32_t fixed = d->patterns[pat].length - d->patterns[pat].maxalt;
    uint32_t at = d->roots[root].pattern;
    while (d->patterns[at].next &&
           d->patterns[d->patterns[at].next].length >= fixed)
        at = d->patterns[at].next;
    d->patterns[pat].next = d->patterns[at].next;
    d->patterns[at].next = pat;
}

/* The literals a pattern cannot match without: those outside { | }
 * alternatives.  A pattern with synsets gets its synsets instead (flagged
 * REQ_SYNSET: one member of each must be able to match) and no literals,
 * because TABARI's matcher can let a synset's state skip elements. */
static int index_required_literals(dyad_dict *d)
{
    for (size_t p = 1; p < d->n_patterns; p++) {
        dict_pattern *pat = &d->patterns[p];
        pat->req_first = (uint32_t)d->n_req_lits;
        pat->req_count = 0;
        if (!pat->phrase)
            continue;
        int depth = 0, synset = 0;
        for (const dict_token *t = d->tokens + pat->phrase; t->value; t++)
            synset |= (t->conn & CONN_SYNSET) != 0;
        for (const dict_token *t = d->tokens + pat->phrase; t->value; t++) {
            uint32_t req = 0;
            if (t->conn & CONN_SYNSET)
                req = depth == 0 ? t->value | REQ_SYNSET : 0;
            else if (t->value == LIT_OPBRACK)
                depth++;
            else if (t->value == LIT_CLBRACK)
                depth--;
            else if (depth == 0 && !synset && t->value >= LIT_FIRST_WORD)
                req = t->value;
            if (!req)
                continue;
            if (DYAD_GROW(d->req_lits, d->cap_req_lits, d->n_req_lits + 1))
                return -1;
            d->req_lits[d->n_req_lits++] = req;
            pat->req_count++;
        }
    }
    return 0;
}

dyad_status dict__freeze(dyad_dict *d)
{
    if (d->frozen)
        return DYAD_OK;
    if (d->out_of_memory) /* it lacks something it was given */
        return DYAD_ERR_NOMEM;
    if (index_required_literals(d) || dict__index_patterns(d) || build_literal_filter(d))
        return DYAD_ERR_NOMEM;
    /* Counting sort of roots by first literal keeps load order within a
     * literal, which is the order TABARI tries them in. */
    for (size_t l = 0; l < d->n_literals; l++)
        d->literals[l].n_roots = 0;
    for (size_t r = 1; r < d->n_roots; r++)
        d->literals[d->root_first_lit[r]].n_roots++;
    uint32_t total = 0;
    for (size_t l = 0; l < d->n_literals; l++) {
        d->literals[l].first_root = total;
        total += d->literals[l].n_roots;
        d->literals[l].n_roots = 0;
    }
    if (DYAD_GROW(d->lit_roots, d->cap_lit_roots, total + 1))
        return DYAD_ERR_NOMEM;
    d->n_lit_roots = total;
    if (DYAD_GROW(d->lit_root_second, d->cap_lit_root_second, total + 1))
        return DYAD_ERR_NOMEM;
    d->n_lit_root_second = total;
    for (size_t r = 1; r < d->n_roots; r++) {
        dict_literal *lit = &d->literals[d->root_first_lit[r]];
        uint32_t at = lit->first_root + lit->n_roots++;
        const dict_token *t = d->tokens + d->roots[r].phrase;
        d->lit_roots[at] = (uint32_t)r;
        d->lit_root_second[at] = t->value && !(t[1].conn & CONN_SYNSET) ? t[1].value : 0;
    }
    dyad__free(d->root_first_lit);
    d->root_first_lit = NULL;
    phrase_index *ix = d->phrase_index;
    if (ix)
        dyad__free(ix->slots);
    dyad__free(ix);
    d->phrase_index = NULL;
    d->frozen = 1;
    return DYAD_OK;
}

/* --------------------------------------------------------------- reading */

const dict_actor_item *dict__actor_codes(const dyad_dict *d, uint32_t root,
                                         int32_t day, uint32_t *n)
{
    *n = 0;
    uint32_t pat = d->roots[root].pattern;
    if (!pat)
        return NULL;
    uint32_t set = d->patterns[pat].code;
    if (!set || set >= d->n_codesets)
        return NULL;
    const dict_codeset *cs = &d->codesets[set];
    if (day == DATE_UNKNOWN) {
        /* no date: the undated code, else the most recent restriction */
        for (uint32_t i = 0; i < cs->n_entries; i++) {
            const dict_actor_entry *e = &d->actor_entries[cs->first_entry + i];
            if (e->kind == DATE_ANY) {
                *n = e->n_items;
                return &d->actor_items[e->first_item];
            }
        }
        const dict_actor_entry *e = &d->actor_entries[cs->first_entry + cs->n_entries - 1];
        *n = e->n_items;
        return &d->actor_items[e->first_item];
    }
    for (uint32_t i = 0; i < cs->n_entries; i++) {
        const dict_actor_entry *e = &d->actor_entries[cs->first_entry + i];
        int ok;
        switch (e->kind) {
        case DATE_BEFORE: ok = day < e->from; break;
        case DATE_AFTER: ok = day > e->from; break;
        case DATE_BETWEEN: ok = day >= e->from && day <= e->to; break;
        default: ok = 1; break;
        }
        if (ok) {
            *n = e->n_items;
            return &d->actor_items[e->first_item];
        }
    }
    return NULL;
}

int dict__root_is_null_actor(const dyad_dict *d, uint32_t root, int32_t day)
{
    uint32_t n;
    const dict_actor_item *it = dict__actor_codes(d, root, day, &n);
    return it && n && it[0].actor == CODE_NULL;
}

int dict__root_is_null_verb(const dyad_dict *d, uint32_t root)
{
    uint32_t ev = d->patterns[d->roots[root].pattern].code;
    return ev && d->evcodes[ev].code == CODE_NULL && !d->evcodes[ev].pair &&
           !d->evcodes[ev].flags;
}

int dict__root_is_discard(const dyad_dict *d, uint32_t root, int32_t day)
{
    const dict_root *r = &d->roots[root];
    if (!r->pattern)
        return 0;
    uint32_t code = d->patterns[r->pattern].code;
    switch (r->type) {
    case WT_ACTOR: {
        uint32_t n;
        const dict_actor_item *it = dict__actor_codes(d, root, day, &n);
        return it && n && it[0].actor == CODE_DISCARD;
    }
    case WT_VERB:
    case WT_ATTRIB:
        return code && d->evcodes[code].code == CODE_DISCARD;
    case WT_TIME:
        return code && d->timecodes[code].special == CODE_DISCARD;
    case WT_AGENT:
        return code == CODE_DISCARD;
    default:
        return 0;
    }
}

/* ------------------------------------------------------------ lifecycle */

dyad_dict *dict__new(void)
{
    dyad_dict *d = dyad__calloc(1, sizeof *d);
    if (!d)
        return NULL;
    options__init(&d->options);
    /* index 0 of every array is "none" */
    int bad = DYAD_GROW(d->strings, d->cap_strings, 1);
    if (!bad)
        d->strings[d->n_strings++] = '\0';
    dict_literal nolit = {0};
    dict_token notok = {0, 0};
    dict_root noroot = {0};
    dict_pattern nopat = {0};
    dict_code nocode = {0, 0};
    dict_evcode noev = {0};
    dict_codeset noset = {0};
    dict_actor_entry noentry = {0};
    dict_actor_item noitem = {0};
    dict_timecode notime = {0};
    bad |= DYAD_GROW(d->literals, d->cap_literals, 1);
    if (!bad) d->literals[d->n_literals++] = nolit;
    bad |= DYAD_GROW(d->tokens, d->cap_tokens, 1);
    if (!bad) d->tokens[d->n_tokens++] = notok;
    bad |= DYAD_GROW(d->roots, d->cap_roots, 1);
    if (!bad) d->roots[d->n_roots++] = noroot;
    bad |= DYAD_GROW(d->patterns, d->cap_patterns, 1);
    if (!bad) d->patterns[d->n_patterns++] = nopat;
    bad |= DYAD_GROW(d->codes, d->cap_codes, 1);
    if (!bad) d->codes[d->n_codes++] = nocode;
    bad |= DYAD_GROW(d->evcodes, d->cap_evcodes, 1);
    if (!bad) d->evcodes[d->n_evcodes++] = noev;
    bad |= DYAD_GROW(d->codesets, d->cap_codesets, 1);
    if (!bad) d->codesets[d->n_codesets++] = noset;
    bad |= DYAD_GROW(d->actor_entries, d->cap_actor_entries, 1);
    if (!bad) d->actor_entries[d->n_actor_entries++] = noentry;
    bad |= DYAD_GROW(d->actor_items, d->cap_actor_items, 1);
    if (!bad) d->actor_items[d->n_actor_items++] = noitem;
    bad |= DYAD_GROW(d->timecodes, d->cap_timecodes, 1);
    if (!bad) d->timecodes[d->n_timecodes++] = notime;
    bad |= DYAD_GROW(d->files, d->cap_files, 1);
    if (!bad) d->files[d->n_files++] = 0;
    bad |= DYAD_GROW(d->root_first_lit, d->cap_root_first_lit, 1);
    if (bad) {
        dyad_dict_close(d);
        return NULL;
    }
    d->root_first_lit[0] = 0;
    return d;
}

DYAD_API void dyad_dict_close(dyad_dict *d)
{
    if (!d)
        return;
    if (d->mapping) {
        dict__unmap(d->mapping, d->mapping_len);
    } else {
        dyad__free(d->strings);
        dyad__free(d->literals);
        dyad__free(d->lit_hash);
        dyad__free(d->lit_filter);
        dyad__free(d->tokens);
        dyad__free(d->roots);
        dyad__free(d->lit_roots);
        dyad__free(d->lit_root_second);
        dyad__free(d->patterns);
        dyad__free(d->codes);
        dyad__free(d->code_hash);
        dyad__free(d->evcodes);
        dyad__free(d->codesets);
        dyad__free(d->actor_entries);
        dyad__free(d->actor_items);
        dyad__free(d->timecodes);
        dyad__free(d->files);
        dyad__free(d->req_lits);
        dyad__free(d->pindexes);
        dyad__free(d->pindex_patterns);
        dyad__free(d->pindex_positions);
        dyad__free(d->pindex_slots);
    }
    dyad__free(d->root_first_lit);
    dict__drop_notes(d);
    phrase_index *ix = d->phrase_index;
    if (ix)
        dyad__free(ix->slots);
    dyad__free(ix);
    dyad__free(d);
}

DYAD_API int dyad_dict_record_year_digits(const dyad_dict *d)
{
    return d && d->options.four_digit_year ? 4 : 2;
}

DYAD_API int dyad_dict_links_records(const dyad_dict *d)
{
    return d && d->options.forward;
}

/* Distinct event codes (either code of a pair) that verb roots and their
 * patterns give, the special codes [---] [###] [+++] not counted; 0 when
 * memory runs out. */
static size_t count_event_codes(const dyad_dict *d)
{
    unsigned char *seen = dyad__calloc(d->n_codes ? d->n_codes : 1, 1);
    if (!seen)
        return 0;
    size_t n = 0;
    for (size_t r = 1; r < d->n_roots; r++) {
        if (d->roots[r].type != WT_VERB || (d->roots[r].flags & ROOT_VERB_FORM))
            continue; /* irregular forms share their verb's patterns */
        for (uint32_t p = d->roots[r].pattern; p; p = d->patterns[p].next) {
            uint32_t ev = d->patterns[p].code;
            uint32_t codes[2] = {ev ? d->evcodes[ev].code : 0, ev ? d->evcodes[ev].pair : 0};
            for (int k = 0; k < 2; k++) {
                uint32_t c = codes[k];
                if (!c || c == CODE_NULL || c == CODE_COMPLEX || c == CODE_DISCARD || seen[c])
                    continue;
                seen[c] = 1;
                n++;
            }
        }
    }
    dyad__free(seen);
    return n;
}

DYAD_API void dyad_dict_get_stats(const dyad_dict *d, dyad_dict_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!d)
        return;
    for (size_t r = 1; r < d->n_roots; r++) {
        if (r == d->root_default_actor || r == d->root_former)
            continue; /* built in, not from the user's files */
        switch (d->roots[r].type) {
        case WT_ACTOR: out->actors++; break;
        case WT_AGENT: out->agents++; break;
        case WT_VERB: out->verbs++; break;
        case WT_SYNSET: out->synsets++; break;
        case WT_NOUN: out->nouns++; break;
        case WT_ADJCTV: out->adjectives++; break;
        case WT_TIME: out->time_phrases++; break;
        case WT_ATTRIB: out->attribution_phrases++; break;
        default: break;
        }
    }
    for (size_t p = 1; p < d->n_patterns; p++)
        if (d->patterns[p].phrase)
            out->patterns++;
    out->literals = d->n_literals - 1;
    out->codes = d->n_codes - 1;
    out->event_codes = count_event_codes(d);
    out->bytes = d->n_strings + d->n_literals * sizeof(dict_literal) +
                 d->n_lit_hash * 4 + d->n_tokens * sizeof(dict_token) +
                 d->n_roots * sizeof(dict_root) + d->n_lit_roots * 4 +
                 d->n_patterns * sizeof(dict_pattern) +
                 d->n_codes * sizeof(dict_code) + d->n_code_hash * 4 +
                 d->n_evcodes * sizeof(dict_evcode) +
                 d->n_codesets * sizeof(dict_codeset) +
                 d->n_actor_entries * sizeof(dict_actor_entry) +
                 d->n_actor_items * sizeof(dict_actor_item) +
                 d->n_timecodes * sizeof(dict_timecode);
}
