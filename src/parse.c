/*
 * parse.c -- TABARI's sparse parse of a sentence whose words already carry
 * dictionary roots (match.c).  In order:
 *
 *   1. nouns:      a verb after a determiner or capitalised in mid-sentence
 *                  is a noun; a null-coded actor is a noun
 *   2. agents:     a lone agent of an <ALONE> section (dyad), or with SET:
 *                  CONVERT AGENTS any lone agent, becomes an actor
 *   3. compounds:  "A, B and C" actor lists become one compound actor
 *   4. subordinate comma-delimited clauses of COMMA: length are marked and
 *                  (unless attribution is coded) nulled out
 *   5. clauses:    conjunctions outside noun/adjective pairs split clauses
 *   6. pronouns:   HE/SHE/IT -> first actor; THEY/THEM/THEIR -> first
 *                  compound, else first actor; optionally the previous
 *                  sentence's actor (FORWARD)
 *   7. discards and the COMPLEX: conditions
 *
 * Each step is TABARI's rule as TABARI implements it, including the ways it
 * departs from its manual, because the validation suite depends on them.
 * Structure is recorded with head/tail tags (sentence.h).
 */
#include <stdio.h>
#include <string.h>

#include "sentence.h"

/* ---------------------------------------------------------------- tags */

static int new_tag(sentence *s, int type, int index)
{
    if (s->n_tags >= MAX_TAGS)
        return -1;
    tag *t = &s->tags[s->n_tags];
    t->type = type;
    t->index = index;
    t->next = -1;
    return s->n_tags++;
}

static void append_tag(sentence *s, int *list, int type, int index)
{
    int t = new_tag(s, type, index);
    if (t < 0)
        return;
    while (*list >= 0)
        list = &s->tags[*list].next;
    *list = t;
}

void sent__add_head(sentence *s, int at, int type, int index)
{
    append_tag(s, &s->w[at].head, type, index);
}

void sent__add_tail(sentence *s, int at, int type, int index)
{
    append_tag(s, &s->w[at].tail, type, index);
}

static const tag *find_tag(const sentence *s, int list, int type)
{
    for (int t = list; t >= 0; t = s->tags[t].next)
        if (s->tags[t].type == type)
            return &s->tags[t];
    return NULL;
}

static int find_indexed(const sentence *s, int list, int type, int index)
{
    for (int t = list; t >= 0; t = s->tags[t].next)
        if (s->tags[t].type == type && s->tags[t].index == index)
            return 1;
    return 0;
}

int sent__has_head(const sentence *s, int at, int type)
{
    return find_tag(s, s->w[at].head, type) != NULL;
}

int sent__head_index(const sentence *s, int at, int type)
{
    const tag *t = find_tag(s, s->w[at].head, type);
    return t ? t->index : 0;
}

int sent__has_head_indexed(const sentence *s, int at, int type, int index)
{
    return find_indexed(s, s->w[at].head, type, index);
}

int sent__has_tail(const sentence *s, int at, int type)
{
    return find_tag(s, s->w[at].tail, type) != NULL;
}

int sent__has_tail_indexed(const sentence *s, int at, int type, int index)
{
    return find_indexed(s, s->w[at].tail, type, index);
}

int sent__tail_index(const sentence *s, int at, int type)
{
    const tag *t = find_tag(s, s->w[at].tail, type);
    return t ? t->index : 0;
}

static void change_first(sentence *s, int list, int from, int to)
{
    for (int t = list; t >= 0; t = s->tags[t].next)
        if (s->tags[t].type == from) {
            s->tags[t].type = to;
            return;
        }
}

void sent__change_head(sentence *s, int at, int from, int to)
{
    change_first(s, s->w[at].head, from, to);
}

void sent__change_tail(sentence *s, int at, int from, int to)
{
    change_first(s, s->w[at].tail, from, to);
}

int sent__reference(const sentence *s, int at)
{
    const tag *t = find_tag(s, s->w[at].head, WT_REFERENCE);
    return t ? t->index : at;
}

int sent__head_has_tail(const sentence *s, int at, int type)
{
    const tag *h = find_tag(s, s->w[at].head, type);
    if (!h)
        return 0;
    for (int k = at + 1; k <= s->n; k++)
        if (sent__has_tail_indexed(s, k, type, h->index))
            return 1;
    return 0;
}

int sent__skip_segment(const sentence *s, int *at, int type)
{
    const tag *h = find_tag(s, s->w[*at].head, type);
    if (!h)
        return 0;
    int k = *at;
    while (k < s->n && !sent__has_tail_indexed(s, k, type, h->index))
        k++;
    *at = k < s->n ? k + 1 : s->n;
    return 1;
}

static int type_at(const sentence *s, int i)
{
    return i >= 0 && i <= s->n ? s->w[i].type : WT_HALT;
}

/* --------------------------------------------------------------- nouns */

/* Retypes the words of the root whose head is at `at` from `from` to
 * `to`, returning the position of its tail. */
static int retype_root(sentence *s, int at, int from, int to)
{
    int idx = sent__head_index(s, at, from);
    sent__change_head(s, at, from, to);
    s->w[at].type = (uint8_t)to;
    int k = at;
    while (!sent__has_tail_indexed(s, k, from, idx)) {
        if (k + 1 >= s->n)
            break;
        k++;
        if (s->w[k].type == from && !sent__has_head(s, k, from))
            s->w[k].type = (uint8_t)to;
    }
    sent__change_tail(s, k, from, to);
    return k;
}

static void mark_nouns(sentence *s)
{
    const dyad_dict *d = s->dict;
    for (int i = 0; i < s->n; i++) {
        word *w = &s->w[i];
        if (w->type == WT_VERB && i > 0) {
            if ((s->w[i - 1].type == WT_DETERM && !s->opt->event_nouns) ||
                (w->lex & LEX_MIDCAP)) {
                if (sent__has_head(s, i, WT_VERB))
                    retype_root(s, i, WT_VERB, WT_NOUN);
                else
                    w->type = WT_NOUN;
            }
        } else if (sent__has_head(s, i, WT_ACTOR) && w->root &&
                   d->roots[w->root].type == WT_ACTOR &&
                   dict__root_is_null_actor(d, w->root, s->day)) {
            i = retype_root(s, i, WT_ACTOR, WT_NOUN);
        }
    }
}

/* ------------------------------------------------------------- agents */

/* Position of the tail of the root whose head is at `at`, or -1. */
static int root_tail(const sentence *s, int at, int type)
{
    int idx = sent__head_index(s, at, type);
    int k = at;
    while (!sent__has_tail_indexed(s, k, type, idx)) {
        if (++k >= s->n)
            return -1;
    }
    return k;
}

static void convert_agents(sentence *s, int only_alone)
{
    const dyad_dict *d = s->dict;
    for (int at = 0; at < s->n; at++) {
        if (s->w[at].type != WT_AGENT)
            continue;
        if (only_alone && !(s->w[at].root && (d->roots[s->w[at].root].flags & ROOT_ALONE)))
            continue;
        int head = at;
        int after_actor = at > 0 && (s->w[at - 1].type == WT_ACTOR ||
                                     sent__has_tail(s, at - 1, WT_ACTOR) ||
                                     s->w[at - 1].root == s->dict->root_former);
        int tail = root_tail(s, at, WT_AGENT);
        if (tail < 0)
            return; /* TABARI gives up on a broken agent */
        at = tail;
        if (after_actor)
            continue;
        if (tail < s->n - 1 && sent__has_head(s, tail + 1, WT_ACTOR))
            continue;
        if (tail + 1 < s->n - 1 && s->w[tail + 1].type == WT_PREP &&
            s->w[tail + 2].type == WT_ACTOR)
            continue;
        s->w[head].type = WT_ACTOR;
        sent__change_head(s, head, WT_AGENT, WT_ACTOR);
        sent__change_tail(s, tail, WT_AGENT, WT_ACTOR);
    }
}

/* ----------------------------------------------------------- compounds */

static int is_compound_part(int type)
{
    return type == WT_ACTOR || type == WT_DETERM || type == WT_ADJCTV;
}

static void mark_compounds(sentence *s)
{
    const dyad_dict *d = s->dict;
    int index = 1;
    for (int i = 0; i < s->n; i++) {
        word *w = &s->w[i];
        if (w->type != WT_CONJ)
            continue;
        if (!(tok__word_has_literal(s, i, d->lit_and) ||
              tok__word_has_literal(s, i, d->lit_nor) ||
              (s->opt->fbis && !w->root)))
            continue;
        int end = -1, start = -1;
        for (int a = i + 1; is_compound_part(type_at(s, a)); a++) {
            if (s->w[a].type == WT_ACTOR && sent__has_head(s, a, WT_ACTOR)) {
                while (a < s->n && !sent__has_tail(s, a, WT_ACTOR))
                    a++;
                end = a;
            }
        }
        if (end < 0)
            continue;
        int need_connector = 0;
        for (int a = i; a >= 0; a--) {
            int t = s->w[a].type;
            if (!(is_compound_part(t) || t == WT_CONJ || t == WT_COMMA))
                break;
            if (t == WT_CONJ || t == WT_COMMA)
                need_connector = 0;
            if (t == WT_ACTOR) {
                if (need_connector)
                    break;
                while (a > 0 && !sent__has_head(s, a, WT_ACTOR))
                    a--;
                start = a;
                need_connector = 1;
            }
        }
        if (start < 0)
            continue;
        sent__add_head(s, start, WT_COMPOUND, index);
        sent__add_tail(s, end, WT_COMPOUND, index);
        /* an earlier compound inside this one is dissolved */
        for (int a = start; a <= end; a++) {
            int old = sent__head_index(s, a, WT_COMPOUND);
            if (sent__has_head(s, a, WT_COMPOUND) && old < index) {
                int k = a;
                while (k < s->n && !sent__has_tail_indexed(s, k, WT_COMPOUND, old))
                    k++;
                if (k < s->n) {
                    sent__change_head(s, a, WT_COMPOUND, WT_NULLTAG);
                    sent__change_tail(s, k, WT_COMPOUND, WT_NULLTAG);
                }
            }
        }
        index++;
        for (int a = start; a <= end; a++)
            s->w[a].syn |= SYN_COMPOUND;
    }
}

/* ---------------------------------------------------- subordinate clauses */

/* Whether a verb stands among the words before `end`. */
static int verb_before(const sentence *s, int end)
{
    for (int k = 0; k < end; k++)
        if (s->w[k].type == WT_VERB)
            return 1;
    return 0;
}

/* SET: MAIN CLAUSE (dyad): the final clause is left in place when no verb
 * comes before it -- in "On Monday, Russia attacked Ukraine" it is the main
 * clause, not an aside like ", officials said". */
static void mark_subordinates(sentence *s)
{
    const dyad_options *o = s->opt;
    int index = 1;
    int i = 0;
    while (s->w[i].type != WT_HALT) {
        if (sent__skip_segment(s, &i, WT_COMPOUND))
            continue;
        if (s->w[i].type == WT_COMMA) {
            int start = i;
            if (i >= o->comma_bmin && i <= o->comma_bmax) {
                sent__add_head(s, 0, WT_SUBORD, index);
                sent__add_tail(s, start - 1, WT_SUBORD, index);
                index++;
            }
            i++;
            while (s->w[i].type != WT_COMMA && s->w[i].type != WT_HALT)
                if (!sent__skip_segment(s, &i, WT_COMPOUND))
                    i++;
            if (i > s->n)
                i = s->n;
            int len = i - start - 1;
            if (s->w[i].type == WT_HALT && len >= o->comma_emin &&
                len <= o->comma_emax && !(o->main_clause && !verb_before(s, start))) {
                sent__add_head(s, start, WT_SUBORD, index);
                sent__add_tail(s, s->n - 1, WT_SUBORD, index);
                return;
            }
            if (s->w[i].type == WT_COMMA && len >= o->comma_min &&
                len <= o->comma_max) {
                sent__add_head(s, start, WT_SUBORD, index);
                sent__add_tail(s, i, WT_SUBORD, index);
                index++;
            }
        }
        if (s->w[i].type != WT_HALT)
            i++;
    }
}

/* Nulls the words of a subordinate clause, dissolving any structure that
 * starts or ends inside it. */
static void null_word(sentence *s, int i)
{
    s->w[i].type = WT_NULL;
    for (int t = s->w[i].head; t >= 0; t = s->tags[t].next) {
        int type = s->tags[t].type;
        if (type == WT_NULLTAG)
            continue;
        int a = i;
        while (!sent__has_tail(s, a, type) && s->w[a].type != WT_HALT)
            a++;
        if (s->w[a].type == WT_HALT && !sent__has_tail(s, a, type))
            return;
        s->w[i].type = WT_NULLTAG;
        sent__change_head(s, i, type, WT_NULLTAG);
        sent__change_tail(s, a, type, WT_NULLTAG);
    }
    for (int t = s->w[i].tail; t >= 0; t = s->tags[t].next) {
        int type = s->tags[t].type;
        if (type == WT_NULLTAG || type == WT_SUBORD)
            continue;
        int a = i;
        while (!sent__has_head(s, a, type) && a > 0)
            a--;
        if (a == 0 && !sent__has_head(s, a, type))
            return;
        sent__change_tail(s, i, type, WT_NULLTAG);
        sent__change_head(s, a, type, WT_NULLTAG);
        s->w[a].type = WT_NULLTAG;
    }
}

/* With an attribution list, clauses are marked before the subordinate
 * clauses are nulled (an attribution phrase may stand in one). A clause that
 * ends inside the subordinate clause starting after word `at` is made to
 * end at `at`; nulling its last words would otherwise dissolve the whole
 * clause and null its first word -- usually the sentence's first actor. */
static void end_clauses_at(sentence *s, int at)
{
    for (int k = at + 1; k < s->n; k++) {
        if (sent__has_tail(s, k, WT_CLAUSE)) {
            int index = sent__tail_index(s, k, WT_CLAUSE);
            sent__change_tail(s, k, WT_CLAUSE, WT_NULLTAG);
            sent__add_tail(s, at, WT_CLAUSE, index);
        }
        if (sent__has_tail(s, k, WT_SUBORD))
            return;
    }
}

void parse__null_subordinates(sentence *s)
{
    if (sent__has_head(s, 0, WT_SUBORD))
        s->w[0].type = WT_NULL;
    for (int i = 0; s->w[i].type != WT_HALT; i++) {
        if (!sent__has_head(s, i, WT_SUBORD))
            continue;
        if (i > 0)
            end_clauses_at(s, i);
        do {
            i++;
            if (i >= s->n)
                return;
            null_word(s, i);
        } while (!sent__has_tail(s, i, WT_SUBORD));
        if (s->w[i].type == WT_HALT)
            return;
    }
}

/* --------------------------------------------------------------- clauses */

static void mark_clauses(sentence *s)
{
    int index = 1;
    s->has_clauses = 0;
    sent__add_head(s, 0, WT_CLAUSE, index);
    int i = 0;
    while (i < s->n && s->w[i].type != WT_HALT) {
        if (sent__skip_segment(s, &i, WT_COMPOUND))
            continue;
        if (sent__skip_segment(s, &i, WT_SUBORD))
            continue;
        if (s->w[i].type == WT_CONJ && i > 0 && s->w[i + 1].type != WT_HALT) {
            int clause_break = 1;
            if (s->w[i - 1].type == WT_NOUN) { /* bombs and (heavy) rockets */
                int a = i + 1;
                while (s->w[a].type == WT_ADJCTV)
                    a++;
                if (s->w[a].type == WT_NOUN) {
                    clause_break = 0;
                    i = a;
                }
            }
            if (i > 0 && s->w[i - 1].type == WT_ADJCTV &&
                s->w[i + 1].type == WT_ADJCTV) { /* black and white */
                clause_break = 0;
                i++;
            }
            if (clause_break) {
                s->has_clauses = 1;
                sent__add_tail(s, i - 1, WT_CLAUSE, index);
                index++;
                sent__add_head(s, i + 1, WT_CLAUSE, index);
                i++;
            }
        }
        i++;
    }
    if (i > s->n)
        i = s->n;
    sent__add_tail(s, i - 1 >= 0 ? i - 1 : 0, WT_CLAUSE, index);
}

/* -------------------------------------------------------------- pronouns */

static uint32_t first_literal(const sentence *s, int i)
{
    const word *w = &s->w[i];
    return w->lit_count > 0 ? s->lits[w->lit_first].lit : 0;
}

/* HE, SHE, IT, HIM, HER: the first actor (not inside a compound). */
static int singular_antecedent(const sentence *s, int at)
{
    for (int a = 0; a < at;) {
        while (a < at && s->w[a].type != WT_ACTOR)
            a++;
        if (a >= at)
            break;
        int idx = sent__head_index(s, a, WT_COMPOUND);
        if (sent__has_head(s, a, WT_COMPOUND)) {
            do
                a++;
            while (a < s->n && !sent__has_tail_indexed(s, a, WT_COMPOUND, idx));
            a++;
        } else if (!sent__has_head(s, a, WT_ACTOR)) {
            a++;
        } else {
            return a;
        }
    }
    return s->can_forward ? s->forward_actor : -1;
}

/* THEY, THEM, THEIR: the first compound, else the first actor. */
static int plural_antecedent(const sentence *s, int at)
{
    int found = -1;
    for (int a = 0; a < at; a++) {
        while (a < at && s->w[a].type != WT_ACTOR)
            a++;
        if (a >= at)
            break;
        if (sent__has_head(s, a, WT_COMPOUND))
            return a;
        if (found < 0)
            found = a;
    }
    if (found < 0 && s->can_forward)
        found = s->forward_compound;
    return found;
}

static void resolve_pronouns(sentence *s)
{
    const dyad_dict *d = s->dict;
    for (int i = 0; i < s->n; i++) {
        if (s->w[i].type != WT_PRONOUN)
            continue;
        uint32_t lit = first_literal(s, i);
        int ref = -1;
        if (lit >= d->lit_he && lit <= d->lit_it)
            ref = singular_antecedent(s, i);
        else if (lit == d->lit_the)
            ref = plural_antecedent(s, i);
        if (ref < 0)
            continue;
        s->w[i].type = WT_ACTOR;
        sent__add_head(s, i, WT_ACTOR, 1);
        sent__add_tail(s, i, WT_ACTOR, 1);
        sent__add_head(s, i, WT_REFERENCE, ref);
        sent__add_tail(s, i, WT_REFERENCE, ref);
    }
}

/* ------------------------------------------------------------ complexity */

static void check_discards(sentence *s)
{
    s->has_discard = 0;
    for (int i = 0; i < s->n; i++)
        if (s->w[i].root && dict__root_is_discard(s->dict, s->w[i].root, s->day)) {
            s->has_discard = 1;
            return;
        }
}

static int count_heads(const sentence *s, int type)
{
    int n = 0;
    for (int i = 0; i < s->n && s->w[i].type != WT_HALT;) {
        if (sent__skip_segment(s, &i, WT_SUBORD))
            continue;
        if (sent__has_head(s, i, type))
            n++;
        i++;
    }
    return n;
}

static int count_type(const sentence *s, int type)
{
    int n = 0;
    for (int i = 0; i < s->n;) {
        if (sent__skip_segment(s, &i, WT_SUBORD))
            continue;
        if (s->w[i].type == type)
            n++;
        i++;
    }
    return n;
}

static void explain(sentence *s, const char *what, int value, int limit)
{
    s->is_complex = 1;
    size_t used = strlen(s->complex_reason);
    char item[96];
    if (limit >= 0)
        snprintf(item, sizeof item, "%s(%d) >= %d", what, value, limit);
    else
        snprintf(item, sizeof item, "%s", what);
    if (used == 0 && item[0] >= 'a' && item[0] <= 'z')
        item[0] = (char)(item[0] - 'a' + 'A');
    snprintf(s->complex_reason + used, sizeof s->complex_reason - used, "%s%s",
             used ? ", " : "", item);
}

static void check_limit(sentence *s, int limit, int value, const char *what)
{
    if (limit > 0 && value >= limit)
        explain(s, what, value, limit);
}

/* Whether an actor occurs in [from, to), subordinate clauses skipped. */
static int actor_between(const sentence *s, int from, int to)
{
    for (int k = from; k < to && k < s->n;) {
        if (sent__skip_segment(s, &k, WT_SUBORD))
            continue;
        if (s->w[k].type == WT_ACTOR)
            return 1;
        k++;
    }
    return 0;
}

static void evaluate_complexity(sentence *s)
{
    const dyad_options *o = s->opt;
    s->is_complex = 0;
    s->complex_reason[0] = '\0';
    int verbs = count_heads(s, WT_VERB);
    int actors = o->cplx_actors ? count_heads(s, WT_ACTOR) : 0;
    int pronouns = o->cplx_pronouns ? count_type(s, WT_PRONOUN) : 0;
    int conj = 0;
    if (o->cplx_conj) {
        for (int k = 0; k < s->n; k++) {
            if (sent__has_head(s, k, WT_COMPOUND)) {
                while (k < s->n && !sent__has_tail(s, k, WT_COMPOUND))
                    k++;
                k++;
            }
            if (k < s->n && s->w[k].type == WT_CONJ)
                conj++;
        }
    }
    int first_verb = 0;
    while (first_verb < s->n) {
        if (sent__skip_segment(s, &first_verb, WT_SUBORD))
            continue;
        const word *w = &s->w[first_verb];
        if (w->type == WT_VERB && sent__has_head(s, first_verb, WT_VERB) &&
            !dict__root_is_null_verb(s->dict, w->root))
            break;
        first_verb++;
    }
    if (first_verb > s->n)
        first_verb = s->n;
    check_limit(s, o->cplx_verbs, verbs, "verbs");
    check_limit(s, o->cplx_actors, actors, "actors");
    check_limit(s, o->cplx_pronouns, pronouns, "pronouns");
    check_limit(s, o->cplx_conj, conj, "conjunctions");
    check_limit(s, o->cplx_lateverb, first_verb, "verb position");
    if (o->cplx_noactprior && !actor_between(s, 0, first_verb))
        explain(s, "no actor before verb", 0, -1);
    if (o->cplx_noactafter && !actor_between(s, first_verb + 1, s->n))
        explain(s, "no actor after verb", 0, -1);
    if (o->cplx_noverb && verbs == 0)
        explain(s, "no verb", 0, -1);
}

/* ------------------------------------------------------------------ all */

void parse__sentence(sentence *s)
{
    mark_nouns(s);
    convert_agents(s, !s->opt->convert_agents);
    mark_compounds(s);
    mark_subordinates(s);
    if (!s->dict->has_attrib_list)
        parse__null_subordinates(s);
    mark_clauses(s);
    resolve_pronouns(s);
    check_discards(s);
    if (!s->has_discard)
        evaluate_complexity(s);
}
