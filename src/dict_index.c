/*
 * dict_index.c -- indexes long verb-pattern lists by an "anchor" literal.
 *
 * TABARI tries a verb's patterns one by one in length order; for SAID in
 * the CAMEO dictionary that is about 1,500 patterns for nearly every
 * sentence of news.  A pattern cannot match unless each literal outside
 * its { | } alternatives occurs in the sentence, so each pattern is filed
 * under its longest such literal (long words are rare words).  For a
 * sentence, the coder looks up the sentence's own literals in the verb's
 * index and tries only the patterns found there, plus those without an
 * anchor, still in list order.  The result is exactly what trying every
 * pattern gives (assemble.c keeps TABARI's stopping rule), only faster.
 */
#include <stdlib.h>
#include <string.h>

#include "dict.h"

#define MIN_INDEXED 24 /* shorter lists are cheap to walk */

/* The anchor of pattern p: its longest required literal, 0 = none. */
static uint32_t anchor_of(const dyad_dict *d, uint32_t p)
{
    const dict_pattern *pat = &d->patterns[p];
    uint32_t best = 0, best_len = 0;
    for (uint32_t i = 0; i < pat->req_count; i++) {
        uint32_t lit = d->req_lits[pat->req_first + i];
        if (lit & REQ_SYNSET)
            continue;
        if (d->literals[lit].len > best_len) {
            best = lit;
            best_len = d->literals[lit].len;
        }
    }
    return best;
}

typedef struct anchored {
    uint32_t lit, pos;
} anchored;

static int by_anchor(const void *a, const void *b)
{
    const anchored *x = a, *y = b;
    if (x->lit != y->lit)
        return x->lit < y->lit ? -1 : 1;
    return x->pos < y->pos ? -1 : x->pos > y->pos;
}

#define GROW_OR_FAIL(arr, extra) \
    if (DYAD_GROW(d->arr, d->cap_##arr, d->n_##arr + (extra))) goto nomem

static dyad_status index_list(dyad_dict *d, uint32_t carrier, uint32_t n)
{
    anchored *a = dyad__alloc(n * sizeof *a);
    if (!a)
        return DYAD_ERR_NOMEM;
    dict_pindex ix = {0};
    GROW_OR_FAIL(pindex_patterns, n);
    GROW_OR_FAIL(pindex_positions, n);
    ix.first_pattern = (uint32_t)d->n_pindex_patterns;
    ix.n_patterns = n;
    ix.first_always = (uint32_t)d->n_pindex_positions;
    uint32_t k = 0, n_anchored = 0;
    for (uint32_t p = d->patterns[carrier].next; p; p = d->patterns[p].next, k++) {
        d->pindex_patterns[d->n_pindex_patterns++] = p;
        uint32_t lit = anchor_of(d, p);
        if (lit)
            a[n_anchored++] = (anchored){lit, k};
        else /* no anchor: always a candidate; positions stay ascending */
            d->pindex_positions[d->n_pindex_positions++] = k;
    }
    ix.n_always = (uint32_t)d->n_pindex_positions - ix.first_always;
    qsort(a, n_anchored, sizeof *a, by_anchor);
    uint32_t groups = 0;
    for (uint32_t i = 0; i < n_anchored; i++)
        groups += i == 0 || a[i].lit != a[i - 1].lit;
    ix.n_slots = 1;
    while (ix.n_slots < groups * 2 + 2)
        ix.n_slots *= 2;
    GROW_OR_FAIL(pindex_slots, ix.n_slots);
    ix.first_slot = (uint32_t)d->n_pindex_slots;
    memset(d->pindex_slots + ix.first_slot, 0, ix.n_slots * sizeof *d->pindex_slots);
    d->n_pindex_slots += ix.n_slots;
    for (uint32_t i = 0; i < n_anchored;) {
        uint32_t j = i;
        while (j < n_anchored && a[j].lit == a[i].lit)
            j++;
        dict_pindex_slot *slots = d->pindex_slots + ix.first_slot;
        uint32_t s = dict__pindex_home(a[i].lit, ix.n_slots);
        while (slots[s].lit)
            s = (s + 1) & (ix.n_slots - 1);
        slots[s].lit = a[i].lit;
        slots[s].first = (uint32_t)d->n_pindex_positions;
        slots[s].count = j - i;
        for (uint32_t m = i; m < j; m++)
            d->pindex_positions[d->n_pindex_positions++] = a[m].pos;
        i = j;
    }
    GROW_OR_FAIL(pindexes, 1);
    d->pindexes[d->n_pindexes] = ix;
    d->patterns[carrier].index = (uint32_t)d->n_pindexes++;
    dyad__free(a);
    return DYAD_OK;
nomem:
    dyad__free(a);
    return DYAD_ERR_NOMEM;
}

dyad_status dict__index_patterns(dyad_dict *d)
{
    if (!d->n_pindexes) {
        dict_pindex none = {0};
        if (DYAD_GROW(d->pindexes, d->cap_pindexes, 1))
            return DYAD_ERR_NOMEM;
        d->pindexes[d->n_pindexes++] = none;
    }
    for (size_t r = 1; r < d->n_roots; r++) {
        uint32_t carrier = d->roots[r].pattern;
        if (d->roots[r].type != WT_VERB || !carrier || d->patterns[carrier].index)
            continue;
        uint32_t n = 0;
        for (uint32_t p = d->patterns[carrier].next; p; p = d->patterns[p].next)
            n++;
        if (n >= MIN_INDEXED && index_list(d, carrier, n))
            return DYAD_ERR_NOMEM;
    }
    return DYAD_OK;
}
