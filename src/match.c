/*
 * match.c -- assigns dictionary roots to the words of a sentence.
 *
 * For each word not yet claimed, every root whose first literal is a prefix
 * of the word is tried against the text from that word on; the root that
 * matches the most characters wins, ties going to the root read first
 * (TABARI's makeSynt/matchLex).  A root's words need not be adjacent when
 * the dictionary joined them with a blank ("ITHILEN TELEVISION" matches
 * "Ithilen state-run television"), must be adjacent when joined by '_', and
 * a match never crosses a comma.  On the last word of a root, regular
 * endings are accepted on an exact word: S, 'S, ES for actors, agents and
 * nouns; S, ED, ES, EN, ING (and D after E) for verbs.
 *
 * An entry read in a <CAPITALS> section matches only words written in
 * capitals.
 *
 * The winning root's type (actor, verb, noun, ...) is written on every word
 * it matched, with a head tag on the first and a tail tag on the last.
 */
#include <string.h>

#include "sentence.h"

/* Characters of the word left after literal `lit` (the "ending"). */
static const char *ending_after(const sentence *s, int i, uint32_t lit,
                                size_t *n)
{
    uint32_t len = s->dict->literals[lit].len;
    *n = s->w[i].norm_len - len;
    return s->w[i].norm + len;
}

static int regular_ending(word_type type, const char *e, size_t n,
                          char last_of_literal)
{
    if (type == WT_ACTOR || type == WT_AGENT || type == WT_NOUN) {
        if (n == 1 && e[0] == 'S')
            return 1;
        if (n == 2 && e[1] == 'S' && (e[0] == '\'' || e[0] == 'E'))
            return 2;
        return 0;
    }
    if (type == WT_VERB) {
        if (n == 1 && e[0] == 'S')
            return 1;
        if (n == 2 && e[0] == 'E' && (e[1] == 'D' || e[1] == 'S' || e[1] == 'N'))
            return 2;
        if (n == 3 && e[0] == 'I' && e[1] == 'N' && e[2] == 'G')
            return 3;
        if (n == 1 && e[0] == 'D' && last_of_literal == 'E')
            return 1;
    }
    return 0;
}

/* Tries root phrase `tok` from word `begin`; on success returns the number
 * of characters matched and stores the matched word positions. */
static int match_root(const sentence *s, const dict_token *tok, word_type type,
                      int begin, int *matched, int *n_matched)
{
    const dyad_dict *d = s->dict;
    int at = begin, chars = 0, skip_ok = 0, got = 0;
    *n_matched = 0;
    while (tok->value && at < s->n) {
        const word *w = &s->w[at];
        if (w->lit_count == -1) /* comma */
            return 0;
        uint32_t lit = tok->value;
        if (!tok__word_has_literal(s, at, lit)) {
            if (skip_ok) {
                at++;
                continue;
            }
            return 0;
        }
        got = 1;
        chars += (int)d->literals[lit].len;
        if (*n_matched < MAX_WORDS)
            matched[(*n_matched)++] = at;
        size_t n_end;
        const char *end = ending_after(s, at, lit, &n_end);
        if (n_end && !(tok->conn & CONN_FULL_SKIP)) {
            if (tok->conn == CONN_EQUAL || tok[1].value)
                return 0;
            const char *litstr = dict__str(d, d->literals[lit].str);
            int extra = regular_ending(type, end, n_end,
                                       litstr[d->literals[lit].len - 1]);
            return extra ? chars + extra : 0;
        }
        skip_ok = (tok->conn & CONN_PART_NEXT) != 0;
        at++;
        tok++;
    }
    if (tok->value)
        return 0;
    return got ? chars : 0;
}

int match__root_at(const sentence *s, uint32_t root, int begin)
{
    int matched[MAX_WORDS], n;
    const dict_root *r = &s->dict->roots[root];
    return match_root(s, s->dict->tokens + r->phrase, r->type, begin, matched, &n);
}

/* Whether the words a root matched are written as its entry requires: an
 * entry of a <CAPITALS> section ("US", "WHO") matches only words with no
 * lower-case letter, so that "us" and "who" stay words. */
static int case_fits(const sentence *s, const dict_root *root, const int *matched, int n)
{
    if (!(root->flags & ROOT_CAPITALS))
        return 1;
    for (int k = 0; k < n; k++)
        if (!(s->w[matched[k]].lex & LEX_CAPITALS))
            return 0;
    return 1;
}

/* Whether every literal of a phrase occurs somewhere in the sentence; a
 * root missing one cannot match, so it is not tried (speed only).  Synset
 * tokens name a root, not a literal, and are left to the matcher. */
static int words_present(const sentence *s, const dict_token *tok)
{
    for (; tok->value; tok++)
        if (!(tok->conn & CONN_SYNSET) && !sent__has_literal(s, tok->value))
            return 0;
    return 1;
}

void match__roots(sentence *s)
{
    const dyad_dict *d = s->dict;
    int matched[MAX_WORDS], n_matched;
    int best[MAX_WORDS], n_best = 0;
    for (int i = 0; i < s->n; i++) {
        word *w = &s->w[i];
        if (w->lit_count == -1) {
            w->type = WT_COMMA;
            continue;
        }
        if (w->lit_count == -2) {
            w->type = WT_NUMBER;
            continue;
        }
        if (w->type != WT_NULL || !w->lit_count)
            continue;
        int best_chars = 0;
        uint32_t best_root = 0;
        for (int k = 0; k < w->lit_count; k++) {
            const dict_literal *lit = &d->literals[s->lits[w->lit_first + k].lit];
            for (uint32_t r = 0; r < lit->n_roots; r++) {
                uint32_t second = d->lit_root_second[lit->first_root + r];
                if (second && !sent__has_literal(s, second))
                    continue; /* its second word is nowhere in the sentence */
                uint32_t root = d->lit_roots[lit->first_root + r];
                const dict_root *rt = &d->roots[root];
                if (second && !words_present(s, d->tokens + rt->phrase + 2))
                    continue;
                int chars = match_root(s, d->tokens + rt->phrase, rt->type, i,
                                       matched, &n_matched);
                if (chars > best_chars && case_fits(s, rt, matched, n_matched)) {
                    best_chars = chars;
                    best_root = root;
                    memcpy(best, matched, sizeof(int) * (size_t)n_matched);
                    n_best = n_matched;
                }
            }
        }
        if (!best_root)
            continue;
        word_type type = (word_type)d->roots[best_root].type;
        w->root = best_root;
        sent__add_head(s, i, type, 1);
        for (int k = 0; k < n_best; k++)
            s->w[best[k]].type = (uint8_t)type;
        sent__add_tail(s, best[n_best - 1], type, 1);
    }
}
