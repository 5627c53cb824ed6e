/*
 * pattern.c -- matches one verb pattern ("- + WAS * BY $", "- * FOR
 * { SANCTIONS | BOYCOTT }", "- * &CURRENCY") against the words around a
 * verb.
 *
 * The match runs in two passes from the verb: forward over the pattern
 * elements after '*' ("upper" phrase, from the end of the verb root), then
 * backward over the elements before it ("lower" phrase).  At each step the
 * connector of the element decides whether words may be skipped and
 * whether a stem (partial) match is enough; $ + @ % ^ take actors, { | }
 * try alternatives (remembering how many characters they matched, because
 * a pattern with alternatives only wins when no longer fixed pattern
 * matches), &SYNSET tries each member of a synonym set.
 *
 * This is a faithful port of TABARI 0.8.4's checkPattern state machine,
 * including how state leaks between synset members and alternatives:
 * patterns written for TABARI behave the same here.  The words matched are
 * collected in c->temp for the event's evidence.
 */
#include <string.h>

#include "assemble.h"

enum { FAILED = 0, DONE = 1, GOING = 2 };

static void temp_push(coder_state *c, int at)
{
    if (c->n_temp < MAX_TEMP)
        c->temp[c->n_temp++] = at;
}

/* ------------------------------------------------------------- actors */

int pat__actor_head(coder_state *c, int loc, int *found)
{
    const sentence *s = c->s;
    if (sent__has_head(s, loc, WT_PRONOUN))
        loc = sent__reference(s, loc);
    int start = loc;
    while (start >= 0 && !sent__has_head(s, start, WT_ACTOR))
        start--;
    if (start < 0) {
        *found = 0;
        return loc;
    }
    int k = start - 1;
    do {
        k++;
        temp_push(c, k);
        if (k >= s->n || c->n_temp >= MAX_TEMP)
            break;
    } while (!sent__has_tail(s, k, WT_ACTOR));
    *found = 1;
    return start;
}

int pat__actor_tail(const coder_state *c, int loc)
{
    const sentence *s = c->s;
    if (sent__has_head(s, loc, WT_PRONOUN))
        return loc;
    while (loc < c->clause_end && !sent__has_tail(s, loc, WT_ACTOR))
        loc++;
    return loc;
}

/* Head of the compound whose tail is at `loc`, or -1. */
int pat__compound_head(const coder_state *c, int loc)
{
    const sentence *s = c->s;
    int idx = sent__tail_index(s, loc, WT_COMPOUND);
    if (!idx)
        return -1;
    while (loc >= 0 && !sent__has_head_indexed(s, loc, WT_COMPOUND, idx))
        loc--;
    return loc;
}

static int take_compound(coder_state *c, int loc, int *found)
{
    const sentence *s = c->s;
    int start;
    if (sent__has_head(s, loc, WT_COMPOUND)) {
        if (!sent__head_has_tail(s, loc, WT_COMPOUND))
            return -1;
        start = loc;
    } else {
        start = pat__compound_head(c, loc);
        if (start < 0)
            return -1;
    }
    int k = start - 1;
    do {
        k++;
        if (c->n_temp >= MAX_TEMP)
            break;
        temp_push(c, k);
    } while (k < s->n && !sent__has_tail(s, k, WT_COMPOUND));
    *found = 1;
    return start;
}

/* ------------------------------------------------------------- cursor */

static void save_state(coder_state *c)
{
    c->cond = 1;
    c->cond_loc = c->loc;
    c->cond_temp = c->n_temp;
    c->cond_len = c->alt_len;
    c->cond_skip = c->skip_mode;
}

static void restore_state(coder_state *c)
{
    c->loc = c->cond_loc;
    c->alt_len = c->cond_len;
    c->n_temp = c->cond_temp;
    c->skip_mode = c->cond_skip;
}

static int in_pattern(const coder_state *c, const dict_token *t)
{
    return t >= c->pat_start;
}

static void step(coder_state *c)
{
    if (c->high)
        c->pat++;
    else
        c->pat--;
}

/* Moves along the text without moving in the pattern. */
static int continue_check(coder_state *c)
{
    if (c->high) {
        if (++c->loc > c->clause_end)
            return FAILED;
    } else {
        if (--c->loc < 0)
            return FAILED;
    }
    return GOING;
}

/* Moves to the next pattern element and the next word. */
static int next_check(coder_state *c)
{
    if (c->high) {
        if (c->cond && (c->pat[1].value == LIT_OR || c->pat[1].value == LIT_CLBRACK)) {
            c->cond = 0;
            while (c->pat->value && c->pat->value != LIT_CLBRACK)
                c->pat++;
        }
        c->skip_mode = (c->pat->conn & CONN_FULL_SKIP) != 0;
        c->pat++;
        if (!c->pat->value)
            return DONE;
        if (++c->loc > c->clause_end)
            return FAILED;
    } else {
        c->pat--;
        if (!in_pattern(c, c->pat))
            return DONE;
        if (c->cond && (c->pat->value == LIT_OR || c->pat->value == LIT_OPBRACK)) {
            c->cond = 0;
            while (in_pattern(c, c->pat) && c->pat->value != LIT_OPBRACK)
                c->pat--;
            c->pat--;
            if (!in_pattern(c, c->pat))
                return DONE;
        }
        c->skip_mode = (c->pat->conn & CONN_FULL_SKIP) != 0;
        if (--c->loc < 0)
            return FAILED;
    }
    c->full_mode = !(c->pat->conn & CONN_PART_NEXT);
    return GOING;
}

/* What a comparison result means in the current skip/full modes. */
static int state_check(coder_state *c, int result)
{
    int ok = c->full_mode ? result == 2 : result != 0;
    if (ok)
        return next_check(c);
    return c->skip_mode ? continue_check(c) : FAILED;
}

/* After a failed alternative, moves to the next one, if any. */
static void cond_check(coder_state *c, int *state)
{
    if (c->high) {
        while (c->pat->value && c->pat->value != LIT_OR && c->pat->value != LIT_CLBRACK)
            c->pat++;
        if (c->pat->value != LIT_OR)
            return;
    } else {
        while (in_pattern(c, c->pat) && c->pat->value != LIT_OR &&
               c->pat->value != LIT_OPBRACK)
            c->pat--;
        if (!in_pattern(c, c->pat) || c->pat->value != LIT_OR)
            return;
    }
    restore_state(c);
    step(c);
    c->full_mode = !(c->pat->conn & CONN_PART_NEXT);
    *state = GOING;
}

static void begin_alternatives(coder_state *c)
{
    save_state(c);
    step(c);
}

/* ------------------------------------------------------------ compare */

/* Compares the current element with the current word: 0 no, 1 partial,
 * 2 exact (actors always count as exact). */
static int compare(coder_state *c)
{
    sentence *s = c->s;
    uint32_t v = c->pat->value;
    int found = 0;
    if (c->loc < 0 || c->loc > s->n)
        return 0;
    if (v >= LIT_FIRST_WORD) {
        if (!sent__has_literal(s, v))
            return 0; /* in no word of the sentence: no need to look */
        int m = tok__literal_match(s, c->loc, v);
        if (m) {
            temp_push(c, c->loc);
            if (c->cond)
                c->alt_len += (int)c->d->literals[v].len;
        }
        return m;
    }
    int is_actor = s->w[c->loc].type == WT_ACTOR;
    if (v == LIT_SOURCE && is_actor) {
        c->index_source = pat__actor_head(c, c->loc, &found);
    } else if (v == LIT_TARGET && is_actor) {
        c->index_target = pat__actor_head(c, c->loc, &found);
    } else if (v == LIT_ATTRIB && is_actor) {
        c->index_attrib = pat__actor_head(c, c->loc, &found);
    } else if (v == LIT_SKIP && is_actor) {
        int saved = c->n_temp;
        if (c->high) {
            pat__actor_head(c, c->loc, &found);
            if (found)
                c->loc = pat__actor_tail(c, c->loc);
        } else {
            c->loc = pat__actor_head(c, c->loc, &found);
        }
        c->n_temp = saved;
    } else if (v == LIT_COMPOUND && sent__has_head(s, c->loc, WT_COMPOUND)) {
        c->index_compound = take_compound(c, c->loc, &found);
        if (c->index_compound < 0)
            found = 0;
    }
    return found ? 2 : 0;
}

static int compare_synset(coder_state *c);

static int element(coder_state *c)
{
    return (c->pat->conn & CONN_SYNSET) ? compare_synset(c) : compare(c);
}

/* Backward synset comparison: the set may match further back. */
static int lower_synset(coder_state *c)
{
    save_state(c);
    int result = 0;
    for (;;) {
        result = compare_synset(c);
        if (result || !continue_check(c))
            break;
    }
    if (!result) {
        c->cond = 0;
        restore_state(c);
    }
    return result;
}

/* Tries one member phrase of a synset at the current position. */
static int check_member(coder_state *c, const dict_token *member)
{
    const dict_token *saved_pat = c->pat, *saved_start = c->pat_start;
    int saved_loc = c->loc;
    c->pat = c->pat_start = member;
    int state = GOING;
    while (state == GOING) {
        int result;
        if (c->high)
            result = element(c);
        else
            result = (c->pat->conn & CONN_SYNSET) ? lower_synset(c) : compare(c);
        state = state_check(c, result);
    }
    c->pat = saved_pat;
    c->pat_start = saved_start;
    c->loc = saved_loc;
    return state ? 2 : 0;
}

/* Whether a synset member could match here: a member starting with a word
 * that no word of the sentence has is skipped without a try. */
static int member_possible(const coder_state *c, const dict_token *member)
{
    return (member->conn & CONN_SYNSET) || member->value < LIT_FIRST_WORD ||
           sent__has_literal(c->s, member->value);
}

static int compare_synset(coder_state *c)
{
    const dyad_dict *d = c->d;
    uint32_t root = c->pat->value;
    for (uint32_t p = d->patterns[d->roots[root].pattern].next; p;
         p = d->patterns[p].next) {
        const dict_token *member = d->tokens + d->patterns[p].phrase;
        if (!member_possible(c, member))
            continue;
        int m = check_member(c, member);
        if (m)
            return m;
    }
    return 0;
}

/* --------------------------------------------------------------- check */

/* Matches the elements after the verb (high) or before it, from the
 * current element and word; returns DONE or FAILED. */
static int match_side(coder_state *c, int high)
{
    c->high = high;
    uint32_t opener = high ? LIT_OPBRACK : LIT_CLBRACK; /* alternatives start */
    int state = next_check(c);
    while (state == GOING) {
        int result;
        if (c->pat->conn & CONN_SYNSET) {
            result = high ? compare_synset(c) : lower_synset(c);
        } else {
            if (c->pat->value == opener)
                begin_alternatives(c);
            result = compare(c);
        }
        state = state_check(c, result);
        if (!state && c->cond)
            cond_check(c, &state);
    }
    return state;
}

static int member_possible(const coder_state *c, const dict_token *member);

/* Whether some member of synset `root` could match in the sentence; the
 * answer is kept for the rest of the sentence, since many patterns name the
 * same synsets. */
static int synset_possible(coder_state *c, uint32_t root)
{
    const dyad_dict *d = c->d;
    synset_seen *seen = &c->synset_seen[root % 64];
    if (seen->root == root && seen->serial == c->sentence_serial)
        return seen->possible;
    int possible = 0;
    for (uint32_t p = d->patterns[d->roots[root].pattern].next; p && !possible;
         p = d->patterns[p].next)
        possible = member_possible(c, d->tokens + d->patterns[p].phrase);
    seen->root = root;
    seen->serial = c->sentence_serial;
    seen->possible = possible;
    return possible;
}

/* Whether every literal the pattern needs occurs somewhere in the sentence,
 * and each synset it needs has a member that could match (dict.c lists
 * them); when not, the pattern cannot match and is not tried. */
static int could_match(coder_state *c, const dict_pattern *p)
{
    const sentence *s = c->s;
    if (!s->lit_seen || !p->req_count)
        return 1; /* nothing to check (req_lits may be NULL) */
    const uint32_t *req = c->d->req_lits + p->req_first;
    for (uint32_t i = 0; i < p->req_count; i++) {
        if (req[i] & REQ_SYNSET ? !synset_possible(c, req[i] & ~REQ_SYNSET)
                                : !sent__has_literal(s, req[i]))
            return 0;
    }
    return 1;
}

int pat__check(coder_state *c, uint32_t pattern, int verb_at, int type)
{
    const dyad_dict *d = c->d;
    const sentence *s = c->s;
    if (!could_match(c, &d->patterns[pattern]))
        return 0;
    c->temp[0] = verb_at;
    c->n_temp = 1;
    c->alt_len = 0;
    c->cond = 0;
    c->pat = c->pat_start = d->tokens + d->patterns[pattern].phrase;
    c->loc = verb_at;
    while (c->pat->value && c->pat->value != LIT_VERB)
        c->pat++;
    if (!c->pat->value)
        return 0;
    const dict_token *verb = c->pat;
    while (c->loc < s->n && !sent__has_tail(s, c->loc, type))
        c->loc++;

    if (match_side(c, 1) == FAILED)
        return 0;
    if (c->n_temp > MAX_TEMP - 2)
        c->n_temp = MAX_TEMP - 2;
    c->temp[c->n_temp++] = -1;
    if (verb == c->pat_start) {
        c->temp[c->n_temp++] = -2;
        return 1;
    }
    c->pat = verb;
    c->loc = verb_at;
    if (match_side(c, 0) == FAILED)
        return 0;
    if (c->n_temp > MAX_TEMP - 1)
        c->n_temp = MAX_TEMP - 1;
    c->temp[c->n_temp++] = -2;
    return 1;
}
