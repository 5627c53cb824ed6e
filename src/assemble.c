/*
 * assemble.c -- turns a parsed sentence into events: TABARI's coder.
 *
 * Clause by clause, each verb's patterns are tried longest first
 * (pattern.c); the first that matches gives the event code, and the root's
 * own code is used when none does.  Sources and targets come from the
 * pattern ($, +, %) or from the default rules: the source is the first
 * actor of the clause, the target the first actor after the verb whose
 * code differs from the source's, else the first before it.  Passive voice
 * ("was criticized by") swaps them.  Agents next to an actor ("Israeli
 * police", "president of Arnor") are attached to it.  Paired codes
 * ([032:033]) add the reversed event, compound actors multiply events,
 * subordinate codes (023?) yield to any other event, dominant ones (!) win
 * over all others, and [###]/[+++] codes discard the sentence or flag it as
 * complex.  Finally coded compounds (G7 [USA/GBR/...]) are expanded and
 * duplicates and self-directed events dropped.
 *
 * The rules, their order and their quirks are TABARI 0.8.4's, kept exactly
 * because the validation suite (and twenty years of dictionaries) depend on
 * them.  Time shifting (<TIME> phrases) and attribution (<ATTRIB>) are here
 * too.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "assemble.h"
#include "date.h"

static const actor_ref no_actor = {0, 0, NULL, 0, 0, 0, 0, 0, -1};

static int actor_empty(const actor_ref *a)
{
    return !a->actor && !a->agent && !a->items;
}

static int actor_equal(const actor_ref *a, const actor_ref *b)
{
    return a->actor == b->actor && a->agent == b->agent && a->items == b->items;
}

static int type_at(const coder_state *c, int at)
{
    if (at < 0 || at > c->s->n)
        return WT_HALT;
    return c->s->w[at].type;
}

static uint32_t root_at(const coder_state *c, int at)
{
    if (at < 0 || at >= MAX_SLOTS - 1)
        return 0;
    return c->s->w[at].root;
}

/* ------------------------------------------------------------ actor codes */

const char *asm__code_text(const coder_state *c, uint32_t id)
{
    const dyad_dict *d = c->d;
    if (id == CODE_OPEN)
        return "";
    if (id < d->n_codes)
        return dict__code_str(d, id);
    return id == d->n_codes ? c->o->default_source : c->o->default_target;
}

/* Appends the first `len` bytes of `text` to out[cap] (holding *n bytes),
 * cutting what does not fit. */
static void put_text(char *out, size_t cap, size_t *n, const char *text, size_t len)
{
    if (len > cap - 1 - *n)
        len = cap - 1 - *n;
    memcpy(out + *n, text, len);
    *n += len;
    out[*n] = '\0';
}

/* Whether the first place `part` occurs in `code` is a 3-letter boundary
 * (TABARI's test; an empty part is always there). */
static int has_part(const char *code, const char *part)
{
    const char *found = strstr(code, part);
    return found && (found - code) % 3 == 0;
}

void asm__composite(const coder_state *c, uint32_t actor, uint32_t agent, char *out,
                    size_t cap)
{
    const char *act = asm__code_text(c, actor);
    const char *ag = agent ? asm__code_text(c, agent) : "";
    size_t alen = strlen(ag), n = 0;
    out[0] = '\0';
    if (ag[0] == '~') { /* "~GOV": the agent's code goes after the actor's */
        put_text(out, cap, &n, act, strlen(act));
        if (!has_part(act, ag + 1))
            put_text(out, cap, &n, ag + 1, alen - 1);
    } else if (alen) { /* "NGO~": before it */
        char prefix[ASM_CODE_MAX];
        size_t plen = alen - 1 < sizeof prefix - 1 ? alen - 1 : sizeof prefix - 1;
        memcpy(prefix, ag, plen);
        prefix[plen] = '\0';
        if (!has_part(act, prefix))
            put_text(out, cap, &n, prefix, plen);
        put_text(out, cap, &n, act, strlen(act));
    } else {
        put_text(out, cap, &n, act, strlen(act));
    }
}

/* Codes of the actor at word `loc` (following pronoun references). */
static void actor_codes(coder_state *c, actor_ref *a, int loc)
{
    const sentence *s = c->s;
    const dyad_dict *d = c->d;
    for (int guard = 0; sent__has_head(s, loc, WT_PRONOUN) && guard < 8; guard++)
        loc = sent__reference(s, loc);
    uint32_t root = s->w[loc].root;
    *a = no_actor;
    if (!root)
        return;
    a->root = root;
    a->where = loc;
    a->from = loc;
    const dict_root *r = &d->roots[root];
    if (r->type == WT_AGENT) { /* an agent converted to an actor */
        a->actor = (r->flags & ROOT_ALONE) ? r->parent : d->patterns[r->pattern].code;
        return;
    }
    uint32_t n;
    const dict_actor_item *items = dict__actor_codes(d, root, s->day, &n);
    if (!items || !n)
        return;
    a->actor = items[0].actor;
    a->agent = items[0].agent;
    if (n > 1) {
        a->items = items;
        a->n_items = n;
    }
}

static uint32_t agent_code(const coder_state *c, uint32_t root)
{
    return c->d->patterns[c->d->roots[root].pattern].code;
}

static int is_former(const coder_state *c, int at)
{
    return type_at(c, at) == WT_ADJCTV && root_at(c, at) == c->d->root_former;
}

/* An agent just after the actor, or just before it (optionally across a
 * preposition: "president of Arnor"); "former" makes it an elite. */
static void find_agent(coder_state *c, int loc, actor_ref *a)
{
    const sentence *s = c->s;
    int tail = pat__actor_tail(c, loc);
    int former = 0;
    if (is_former(c, tail + 1)) {
        former = 1;
        tail++;
    }
    if (loc > 0 && !former && is_former(c, loc - 1))
        former = 1;
    a->agent_root = 0;
    if (type_at(c, tail + 1) == WT_AGENT && sent__has_head(s, tail + 1, WT_AGENT)) {
        a->agent_root = root_at(c, tail + 1);
        a->agent = former ? CODE_ELITE : agent_code(c, a->agent_root);
        a->to = tail + 1;
        while (a->to < s->n - 1 && !sent__has_tail(s, a->to, WT_AGENT))
            a->to++;
        return;
    }
    if (type_at(c, loc - 1) == WT_PREP)
        loc--;
    if (type_at(c, loc - 1) == WT_AGENT && sent__has_tail(s, loc - 1, WT_AGENT)) {
        int start = loc - 1;
        while (start >= 0 && !sent__has_head(s, start, WT_AGENT))
            start--;
        if (start >= 0) {
            a->agent_root = root_at(c, start);
            if (start < a->from)
                a->from = start;
            if (start > 0 && !former && is_former(c, start - 1))
                former = 1;
            a->agent = former ? CODE_ELITE : agent_code(c, a->agent_root);
            return;
        }
    }
    a->agent = 0;
    a->agent_root = 0;
}

/* dyad's departure from TABARI: in "Chinese leader Xi Jinping" the noun
 * phrase is about Xi, so when an actor is followed, inside the same noun
 * phrase, by a more specific actor of the same country (CHN -> CHNGOV),
 * the later one is the actor.  Between the two only agents, adjectives,
 * nouns and words the dictionary does not know may stand, at most three.
 * Returns the position of the more specific actor, or `at`. */
static int noun_phrase_head(coder_state *c, int at, const actor_ref *a)
{
    const sentence *s = c->s;
    if (!c->o->prefer_person || !a->actor || a->items)
        return at;
    const char *code = c->d->strings + c->d->codes[a->actor].str;
    size_t len = strlen(code);
    int k = pat__actor_tail(c, at) + 1;
    for (int gap = 0; k <= c->clause_end && gap <= 3; k++, gap++) {
        int t = s->w[k].type;
        if (t == WT_ACTOR && sent__has_head(s, k, WT_ACTOR) &&
            !sent__has_head(s, k, WT_PRONOUN)) {
            actor_ref b;
            actor_codes(c, &b, k);
            if (!b.actor || b.items || b.actor == a->actor)
                return at;
            const char *bcode = c->d->strings + c->d->codes[b.actor].str;
            return strlen(bcode) > len && !strncmp(bcode, code, len) ? k : at;
        }
        if (t != WT_AGENT && t != WT_ADJCTV && t != WT_NOUN && t != WT_NULL)
            return at;
    }
    return at;
}

/* The actor whose head is at `loc`, or the more specific one its noun
 * phrase is about ("Chinese leader Xi Jinping"), with its agent; returns
 * where that actor is. */
static int phrase_actor(coder_state *c, int loc, actor_ref *a)
{
    actor_codes(c, a, loc);
    int head = noun_phrase_head(c, loc, a);
    if (head != loc) /* the phrase is about the later actor */
        actor_codes(c, a, head);
    find_agent(c, head, a);
    if (loc < a->from)
        a->from = loc; /* the evidence starts at the first actor */
    return head;
}

/* First actor head at or after `loc` in the clause. */
static int find_actor(coder_state *c, int loc, actor_ref *a)
{
    for (; loc <= c->clause_end; loc++)
        if (type_at(c, loc) == WT_ACTOR && sent__has_head(c->s, loc, WT_ACTOR))
            return phrase_actor(c, loc, a);
    return -1;
}

/* First actor at or before `loc` in the clause. */
static int back_actor(coder_state *c, int loc, actor_ref *a)
{
    for (; loc >= c->clause_start; loc--) {
        if (type_at(c, loc) == WT_ACTOR) {
            int found;
            loc = pat__actor_head(c, loc, &found);
            if (!found)
                return -1;
            actor_codes(c, a, loc);
            find_agent(c, loc, a);
            return loc;
        }
    }
    return -1;
}

static void set_default(coder_state *c, actor_ref *a, uint32_t code, int *regular)
{
    *a = no_actor;
    a->root = c->d->root_default_actor;
    a->actor = code;
    a->where = WHERE_DEFAULT;
    *regular = 1;
}

static void regular_source(coder_state *c, int verb)
{
    const dyad_options *o = c->o;
    int loc = c->clause_start, found = 0;
    actor_ref a;
    for (;;) {
        int at = find_actor(c, loc, &a);
        if (at < 0)
            break;
        if (o->default_prior && o->has_default_source && at > verb) {
            set_default(c, &c->source, c->default_source, &c->regular_source);
            return;
        }
        if (!actor_equal(&a, &c->target)) {
            c->source = a;
            c->regular_source = 1;
            found = 1;
            break;
        }
        loc = at + 1;
    }
    if (!found && o->has_default_source)
        set_default(c, &c->source, c->default_source, &c->regular_source);
}

static void regular_target(coder_state *c, int verb)
{
    const dyad_options *o = c->o;
    actor_ref a;
    for (int loc = verb + 1;;) {
        int at = find_actor(c, loc, &a);
        if (at < 0)
            break;
        if (!actor_equal(&a, &c->source)) {
            c->target = a;
            c->regular_target = 1;
            return;
        }
        /* a pronoun resolves to its antecedent, which may lie anywhere:
         * always move on past where this search started */
        loc = (at >= loc ? at : loc) + 1;
    }
    if (o->default_after && o->has_default_target) {
        set_default(c, &c->target, c->default_target, &c->regular_target);
        return;
    }
    for (int loc = verb - 1;;) {
        int at = back_actor(c, loc, &a);
        if (at < 0)
            break;
        if (!actor_equal(&a, &c->source)) {
            c->target = a;
            return;
        }
        loc = (at <= loc ? at : loc) - 1;
    }
    if (c->source.items ||
        (c->source.where < MAX_SLOTS && (c->s->w[c->source.where].syn & SYN_COMPOUND)))
        c->target = c->source;
    else if (o->has_default_target)
        set_default(c, &c->target, c->default_target, &c->regular_target);
}

/* ------------------------------------------------------------------ events */

static int is_passive(coder_state *c, int verb)
{
    if (type_at(c, verb + 1) != WT_BYWORD && type_at(c, verb + 2) != WT_BYWORD &&
        type_at(c, verb + 3) != WT_BYWORD)
        return 0;
    int passive = (verb > 0 && type_at(c, verb - 1) == WT_AUXIL) ||
                  (verb > 1 && type_at(c, verb - 2) == WT_AUXIL);
    if (passive)
        c->passive = 1;
    return passive;
}

static coded_event *new_event(coder_state *c)
{
    if (c->n_ev >= MAX_EVENTS)
        return NULL;
    coded_event *e = &c->ev[c->n_ev];
    memset(e, 0, sizeof *e);
    if (c->n_ev > 0)
        c->ev[c->n_ev - 1].next = c->n_ev;
    e->next = -1;
    e->valid = 1;
    c->n_ev++;
    return e;
}

/* Keeps the words the pattern matched (TABARI's storeMatch), sorted. */
static void keep_matched(const coder_state *c, coded_event *e)
{
    e->n_matched = 0;
    int limit = (int)(sizeof e->matched / sizeof *e->matched);
    for (int k = 0; k < c->n_temp && e->n_matched < limit; k++) {
        int at = c->temp[k];
        if (at < 0 || at >= c->s->n)
            continue;
        int i = e->n_matched++;
        while (i > 0 && e->matched[i - 1] > at) {
            e->matched[i] = e->matched[i - 1];
            i--;
        }
        if (i > 0 && e->matched[i - 1] == at) {
            memmove(e->matched + i, e->matched + i + 1,
                    (size_t)(e->n_matched - i - 1) * sizeof *e->matched);
            e->n_matched--;
            continue;
        }
        e->matched[i] = at;
    }
}

static void fill_side(coded_event *e, int target, const actor_ref *a)
{
    if (target)
        e->target = *a;
    else
        e->source = *a;
}

/* Adds the event (and its paired reverse) for pattern `pat` at the verb. */
static void put_event(coder_state *c, uint32_t pat, int verb,
                      const actor_ref *src, const actor_ref *tgt)
{
    const dict_evcode *ev = &c->d->evcodes[c->d->patterns[pat].code];
    for (int pass = 0; pass < 1 + (ev->pair != 0); pass++) {
        coded_event *e = new_event(c);
        if (!e)
            return;
        fill_side(e, pass, src);
        fill_side(e, !pass, tgt);
        e->code = pass ? ev->pair : ev->code;
        e->sub = pass ? (ev->flags & EV_PAIR_SUB) != 0 : (ev->flags & EV_SUB) != 0;
        e->dom = pass ? (ev->flags & EV_PAIR_DOM) != 0 : (ev->flags & EV_DOM) != 0;
        e->attribution = c->d->has_attrib_list ? c->attrib.actor : 0;
        e->pattern = pat;
        e->verb_root = root_at(c, verb);
        e->verb_where = verb;
        keep_matched(c, e);
    }
}

static int is_compound_word(const coder_state *c, int where)
{
    return where >= 0 && where < MAX_SLOTS - 1 && (c->s->w[where].syn & SYN_COMPOUND);
}

/* The next actor root after `at` inside a compound, or -1 when `at` was
 * the last one. */
static int next_in_compound(const coder_state *c, int at, int *last)
{
    const sentence *s = c->s;
    at++;
    while (!s->w[at].root || s->w[at].type != WT_ACTOR) {
        if (++at >= s->n)
            return -1;
    }
    int k = at;
    while (!sent__has_tail(s, k, WT_ACTOR)) {
        if (++k >= s->n)
            return -1;
    }
    *last = sent__has_tail(s, k, WT_COMPOUND);
    return at;
}

/* First word of the compound the actor at `where` belongs to, if any. */
static int compound_start(const coder_state *c, int where, int *is_compound)
{
    *is_compound = is_compound_word(c, where) &&
                   sent__head_has_tail(c->s, where, WT_COMPOUND);
    if (!*is_compound)
        return where;
    int start = pat__compound_head(c, where);
    return start < 0 ? where : start;
}

/* One event per source x target of parsed compound actors.  Returns -1
 * when the compound's tags turn out to be broken (TABARI then stops). */
static int put_compound_events(coder_state *c, uint32_t pat, int verb)
{
    int src_compound, tgt_compound;
    int src_at = compound_start(c, c->source.where, &src_compound);
    for (;;) {
        actor_ref src;
        if (src_at == WHERE_DEFAULT) {
            src = c->source;
        } else {
            actor_codes(c, &src, src_at);
            find_agent(c, src_at, &src);
        }
        int tgt_at = compound_start(c, c->target.where, &tgt_compound);
        for (;;) {
            actor_ref tgt;
            if (tgt_at == WHERE_DEFAULT) {
                tgt = c->target;
            } else {
                actor_codes(c, &tgt, tgt_at);
                find_agent(c, tgt_at, &tgt);
            }
            put_event(c, pat, verb, &src, &tgt);
            if (!tgt_compound)
                break;
            int last = 0;
            tgt_at = next_in_compound(c, tgt_at, &last);
            if (tgt_at < 0)
                return -1;
            if (last)
                tgt_compound = 0;
        }
        if (!src_compound)
            return 0;
        int last = 0;
        src_at = next_in_compound(c, src_at, &last);
        if (src_at < 0)
            return -1;
        if (last)
            src_compound = 0;
    }
}

/* SET: OPEN TARGETS: an event of one of the listed CAMEO roots whose
 * target no rule found keeps an open target ("Ugandan rebels surrendered"),
 * unless its code is subordinate (a statement) or paired: those need
 * someone on the other side. */
static void open_target(coder_state *c, const dict_evcode *ev)
{
    if (!c->o->open_targets || (ev->flags & EV_SUB) || ev->pair || actor_empty(&c->source) ||
        ev->code <= CODE_OPEN)
        return;
    const char *code = dict__str(c->d, c->d->codes[ev->code].str);
    int root = isdigit((unsigned char)code[0]) && isdigit((unsigned char)code[1])
                   ? (code[0] - '0') * 10 + (code[1] - '0') : 0;
    if (root < 1 || root > 20 || !(c->o->open_targets & (1u << root)))
        return;
    c->target = no_actor; /* no root: the output names no entry */
    c->target.actor = CODE_OPEN;
    c->target.where = WHERE_DEFAULT;
}

static void make_event(coder_state *c, uint32_t pat, int verb)
{
    const dict_evcode *ev = &c->d->evcodes[c->d->patterns[pat].code];
    if (ev->code == CODE_NULL && !ev->pair && !ev->flags)
        return;
    if (actor_empty(&c->source))
        regular_source(c, verb);
    if (actor_empty(&c->target))
        regular_target(c, verb);
    if (actor_empty(&c->target))
        open_target(c, ev);
    if (actor_empty(&c->source) || actor_empty(&c->target))
        return;
    if (c->regular_source && c->regular_target && is_passive(c, verb)) {
        actor_ref t = c->source;
        c->source = c->target;
        c->target = t;
    }
    if (!is_compound_word(c, c->source.where) && !is_compound_word(c, c->target.where))
        put_event(c, pat, verb, &c->source, &c->target);
    else if (put_compound_events(c, pat, verb))
        return;
    if (!c->regular_source)
        c->source = no_actor;
    if (!c->regular_target)
        c->target = no_actor;
}

/* ------------------------------------------------------------------- verbs */

static void take_pattern_actors(coder_state *c)
{
    if (c->index_source >= 0)
        phrase_actor(c, c->index_source, &c->source);
    if (c->index_target >= 0)
        phrase_actor(c, c->index_target, &c->target);
    if (c->index_attrib >= 0)
        actor_codes(c, &c->attrib, c->index_attrib);
    if (c->index_compound >= 0) {
        actor_codes(c, &c->source, c->index_compound);
        actor_codes(c, &c->target, c->index_compound);
    }
}

static void reset_pattern_actors(coder_state *c)
{
    c->index_source = c->index_target = c->index_attrib = c->index_compound = -1;
}

/* Walks a verb's pattern list in order.  For an indexed list it visits only
 * the patterns whose anchor literal occurs in the sentence (the others
 * cannot match), except when asked to walk every pattern: TABARI's rule for
 * alternatives stops at the first shorter pattern, matching or not. */
typedef struct pattern_walk {
    const dyad_dict *d;
    const dict_pindex *ix; /* NULL: follow the linked list */
    uint32_t next;         /* linked-list walk */
    uint64_t *bits;        /* candidate positions */
    long last;             /* last position visited */
} pattern_walk;

static void mark_candidates(coder_state *c, const dict_pindex *ix, uint64_t *bits)
{
    const dyad_dict *d = c->d;
    const sentence *s = c->s;
    memset(bits, 0, ((ix->n_patterns + 63) / 64) * sizeof *bits);
    for (uint32_t k = 0; k < ix->n_always; k++) {
        uint32_t pos = d->pindex_positions[ix->first_always + k];
        bits[pos / 64] |= 1ull << (pos % 64);
    }
    for (int i = 0; i < s->n_lits; i++) {
        const dict_pindex_slot *slot = dict__pindex_find(d->pindex_slots, ix, s->lits[i].lit);
        for (uint32_t m = 0; slot && m < slot->count; m++) {
            uint32_t pos = d->pindex_positions[slot->first + m];
            bits[pos / 64] |= 1ull << (pos % 64);
        }
    }
}

static void walk_start(coder_state *c, pattern_walk *w, uint32_t carrier)
{
    const dyad_dict *d = c->d;
    w->d = d;
    w->next = d->patterns[carrier].next;
    w->ix = NULL;
    w->last = -1;
    uint32_t index = d->patterns[carrier].index;
    if (index && c->candidates &&
        (d->pindexes[index].n_patterns + 63) / 64 <= c->candidate_words) {
        w->ix = &d->pindexes[index];
        w->bits = c->candidates;
        mark_candidates(c, w->ix, w->bits);
    }
}

/* The next pattern to try, 0 at the end; `every` asks for the very next
 * pattern of the list, candidate or not. */
static uint32_t walk_next(pattern_walk *w, int every)
{
    if (!w->ix) {
        uint32_t p = w->next;
        if (p)
            w->next = w->d->patterns[p].next;
        return p;
    }
    long pos = w->last + 1;
    if (!every) {
        while (pos < (long)w->ix->n_patterns) {
            uint64_t bits = w->bits[pos / 64] >> (pos % 64);
            if (bits) {
                pos += __builtin_ctzll(bits);
                break;
            }
            pos = (pos / 64 + 1) * 64;
        }
    }
    if (pos >= (long)w->ix->n_patterns)
        return 0;
    w->last = pos;
    return w->d->pindex_patterns[w->ix->first_pattern + (uint32_t)pos];
}

/* A negator: NOT, NEVER, CANNOT, or a contraction ending in N'T ("didn't",
 * "won't"); NO counts only right before the verb or noun ("no talks"). */
static int is_negator(const word *w, int distance)
{
    const char *t = w->norm;
    uint32_t n = w->norm_len;
    if ((n == 3 && !memcmp(t, "NOT", 3)) || (n == 5 && !memcmp(t, "NEVER", 5)) ||
        (n == 6 && !memcmp(t, "CANNOT", 6)))
        return 1;
    if (n > 3 && !memcmp(t + n - 3, "N'T", 3))
        return 1;
    return distance == 1 && n == 2 && !memcmp(t, "NO", 2);
}

/* Whether the verb at `verb` is negated: a negator among the three words
 * before it in its clause, with no actor or other verb in between ("did not
 * attack", "has never met", "will not be attending", "no talks"). TABARI
 * codes these as the plain event; dyad does not (SET: NEGATION = FALSE
 * restores TABARI's way). */
static int verb_negated(const coder_state *c, int verb)
{
    const sentence *s = c->s;
    for (int i = verb - 1, k = 1; k <= 3 && i >= c->clause_start && i >= 0; i--, k++) {
        if (is_negator(&s->w[i], k))
            return 1;
        if (sent__has_head(s, i, WT_ACTOR) || sent__has_tail(s, i, WT_ACTOR) ||
            s->w[i].type == WT_VERB || s->w[i].type == WT_COMMA)
            return 0;
    }
    return 0;
}

/* Drops the events that a negated verb made (from `first` on): the verb
 * still set the clause's source, as an uncoded verb does. A discard or
 * complex code stays: it is about the text, not the event. */
static void drop_negated_events(coder_state *c, int first)
{
    for (int k = first; k < c->n_ev; k++)
        if (c->ev[k].code == CODE_DISCARD || c->ev[k].code == CODE_COMPLEX)
            return;
    if (c->n_ev > first)
        c->n_negated++;
    c->n_ev = first;
    if (first > 0)
        c->ev[first - 1].next = -1;
}

/* Codes the verb whose root starts at `verb`. */
static void code_verb(coder_state *c, int verb)
{
    const dyad_dict *d = c->d;
    c->target = no_actor;
    if (c->passive) {
        c->source = no_actor;
        c->passive = 0;
    }
    uint32_t carrier = d->roots[root_at(c, verb)].pattern;
    int done = 0, got_alt = 0, old_n = c->n_ev, max_len = 0;
    pattern_walk walk;
    walk_start(c, &walk, carrier);
    for (uint32_t p = walk_next(&walk, 0); p && !done; p = walk_next(&walk, got_alt)) {
        const dict_pattern *pat = &d->patterns[p];
        if (got_alt && pat->length <= max_len) {
            done = 1;
            break;
        }
        reset_pattern_actors(c);
        if (!pat__check(c, p, verb, WT_VERB))
            continue;
        int make = 0;
        if (c->alt_len) {
            got_alt = 1;
            if (pat->length + c->alt_len > max_len) {
                make = 1;
                max_len = pat->length - pat->maxalt + c->alt_len;
            }
        } else {
            got_alt = 0;
            done = 1;
            make = 1;
        }
        if (make) {
            take_pattern_actors(c);
            c->n_ev = old_n;
            if (c->n_ev > 0)
                c->ev[c->n_ev - 1].next = -1;
            make_event(c, p, verb);
        }
    }
    if (!done && d->patterns[carrier].code) {
        reset_pattern_actors(c);
        c->temp[0] = verb;
        c->temp[1] = -1;
        c->temp[2] = -2;
        c->n_temp = 3;
        make_event(c, carrier, verb);
    }
    if (c->o->negation && verb_negated(c, verb))
        drop_negated_events(c, old_n);
}

/* Sets the next clause's bounds; returns 0 when there is none. */
static int next_clause(coder_state *c)
{
    const sentence *s = c->s;
    if (!s->has_clauses) {
        if (c->clause_end >= 0)
            return 0;
        c->clause_start = 0;
        c->clause_end = s->n - 1;
        return 1;
    }
    if (c->clause_end >= 0) {
        c->clause_start = c->clause_end + 1;
        while (c->clause_start < s->n && !sent__has_head(s, c->clause_start, WT_CLAUSE))
            c->clause_start++;
        if (c->clause_start >= s->n)
            return 0;
    } else {
        c->clause_start = 0;
    }
    c->clause_end = c->clause_start;
    while (c->clause_end < s->n - 1 && !sent__has_tail(s, c->clause_end, WT_CLAUSE))
        c->clause_end++;
    return 1;
}

static void code_verbs(coder_state *c)
{
    const sentence *s = c->s;
    c->source = no_actor;
    c->passive = 0;
    c->clause_start = 0;
    c->clause_end = -1;
    int start_event = -1;
    while (next_clause(c)) {
        if (c->clause_end - c->clause_start < 2)
            continue; /* "sheep and goats": not a real clause */
        if (c->clause_start && sent__has_head(s, c->clause_start, WT_ACTOR))
            actor_codes(c, &c->source, c->clause_start);
        c->target = no_actor;
        int got_event = 0;
        if (c->o->code_mode == CODE_BY_CLAUSE)
            start_event = c->n_ev - 1;
        for (int i = c->clause_start; i <= c->clause_end;) {
            if (sent__skip_segment(s, &i, WT_SUBORD))
                continue;
            if (sent__has_head(s, i, WT_VERB)) {
                code_verb(c, i);
                if (c->o->code_mode != CODE_ALL) {
                    for (int e = start_event + 1; e < c->n_ev; e++) {
                        if (c->ev[e].valid && !c->ev[e].sub) {
                            got_event = 1;
                            if (c->o->code_mode == CODE_BY_SENTENCE)
                                return;
                            break;
                        }
                    }
                }
            }
            if (got_event)
                break;
            i++;
        }
    }
}

/* ------------------------------------------------------------- evaluation */

/* Applies null, discard, complex, subordinate and dominant codes. */
static void evaluate_events(coder_state *c)
{
    int non_sub = 0, dom = 0, any_null = 0;
    for (int k = 0; k < c->n_ev; k++) {
        coded_event *e = &c->ev[k];
        if (e->code == CODE_NULL) {
            e->valid = 0;
            e->sub = 1;
            any_null = 1;
        }
        if (e->code == CODE_DISCARD) {
            c->has_discard = 1;
            break;
        }
        if (e->code == CODE_COMPLEX || e->source.actor == CODE_COMPLEX ||
            e->target.actor == CODE_COMPLEX) {
            c->has_complex = 1;
            break;
        }
        if (e->dom) {
            dom = 1;
            non_sub = 1;
            break;
        }
        if (!non_sub && !e->sub)
            non_sub = 1;
    }
    for (int k = 0; k < c->n_ev; k++) {
        if (dom && !c->ev[k].dom)
            c->ev[k].valid = 0;
        else if (!dom && non_sub && c->ev[k].sub)
            c->ev[k].valid = 0;
    }
    if (dom || non_sub || any_null) {
        int kept = 0;
        for (int k = 0; k < c->n_ev; k++)
            if (c->ev[k].valid)
                c->ev[kept++] = c->ev[k];
        c->n_ev = kept;
        for (int k = 0; k < kept; k++)
            c->ev[k].next = k + 1 < kept ? k + 1 : -1;
    }
}

/* Whether two actors have the same composite code. Actor and agent are
 * compared apart first; the texts decide when they differ, since UKR +
 * ~GOV ("Ukrainian President") and UKRGOV (Zelenskyy) are one actor. */
static int same_code(const coder_state *c, const actor_ref *a, const actor_ref *b)
{
    if (a->actor == b->actor && a->agent == b->agent)
        return 1;
    char x[ASM_CODE_MAX], y[ASM_CODE_MAX];
    asm__composite(c, a->actor, a->agent, x, sizeof x);
    asm__composite(c, b->actor, b->agent, y, sizeof y);
    return !strcmp(x, y);
}

static int same_actors(const coder_state *c, const coded_event *e)
{
    if (e->source.actor <= CODE_BLANK || e->target.actor <= CODE_BLANK)
        return 1;
    return same_code(c, &e->source, &e->target);
}

static int duplicate_before(const coder_state *c, int k)
{
    const coded_event *e = &c->ev[k];
    for (int j = 0; j < k; j++) {
        const coded_event *o = &c->ev[j];
        if (o->code == e->code && same_code(c, &o->source, &e->source) &&
            same_code(c, &o->target, &e->target))
            return 1;
    }
    return 0;
}

/* Expands coded compound actors (G7 [USA/GBR/...]) into one event each. */
static void expand_coded_compounds(coder_state *c)
{
    int count = c->n_ev;
    int last = -1;
    for (int k = 0; k < count; k++) {
        if (last >= 0)
            c->ev[last].next = k;
        last = k;
        int after = c->ev[k].next;
        if (!c->ev[k].source.items)
            continue;
        const dict_actor_item *items = c->ev[k].source.items;
        uint32_t n = c->ev[k].source.n_items;
        c->ev[k].source.items = NULL;
        for (uint32_t i = 1; i < n && c->n_ev < MAX_EVENTS; i++) {
            int x = c->n_ev++;
            c->ev[x] = c->ev[k];
            c->ev[x].source.actor = items[i].actor;
            c->ev[x].source.agent = items[i].agent;
            c->ev[last].next = x;
            c->ev[x].next = after;
            last = x;
        }
    }
    last = -1;
    for (int k = 0; k >= 0;) {
        if (last >= 0)
            c->ev[last].next = k;
        last = k;
        int after = c->ev[k].next;
        if (c->ev[k].target.items) {
            const dict_actor_item *items = c->ev[k].target.items;
            uint32_t n = c->ev[k].target.n_items;
            c->ev[k].target.items = NULL;
            for (uint32_t i = 1; i < n && c->n_ev < MAX_EVENTS; i++) {
                int x = c->n_ev++;
                c->ev[x] = c->ev[k];
                c->ev[x].target.actor = items[i].actor;
                c->ev[x].target.agent = items[i].agent;
                if (same_actors(c, &c->ev[x]) || duplicate_before(c, x)) {
                    c->n_ev--;
                } else {
                    c->ev[last].next = x;
                    c->ev[x].next = after;
                    last = x;
                }
            }
        }
        k = after;
    }
}

/* Marks the events that survive, in list order: not self-directed, not a
 * duplicate of an event stored earlier. */
static void final_events(coder_state *c, int *order, int *n)
{
    *n = 0;
    for (int k = 0; k >= 0 && c->n_ev > 0; k = c->ev[k].next)
        if (!same_actors(c, &c->ev[k]) && !duplicate_before(c, k))
            order[(*n)++] = k;
}

/* ------------------------------------------------------------ time shift */

static int apply_time_code(coder_state *c, uint32_t code)
{
    const dict_timecode *tc = &c->d->timecodes[code];
    if (tc->special == CODE_DISCARD) {
        c->s->has_discard = 1;
        return 1;
    }
    if (tc->special == CODE_COMPLEX) {
        c->s->is_complex = 1;
        snprintf(c->s->complex_reason, sizeof c->s->complex_reason,
                 "Complex code in time-shift phrase");
        return 1;
    }
    if (tc->special == CODE_NULL)
        return 0;
    c->time_shift += tc->days;
    if (c->s->day != DATE_UNKNOWN) /* an undated sentence stays undated */
        c->s->day += tc->days;
    return 1;
}

/* The first time phrase that applies shifts the date. */
static void check_time(coder_state *c)
{
    const dyad_dict *d = c->d;
    sentence *s = c->s;
    int saved_start = c->clause_start, saved_end = c->clause_end;
    c->clause_start = 0;
    c->clause_end = s->n - 1;
    for (int i = 0; i < s->n; i++) {
        if (!sent__has_head(s, i, WT_TIME))
            continue;
        uint32_t carrier = d->roots[s->w[i].root].pattern;
        for (uint32_t p = d->patterns[carrier].next; p; p = d->patterns[p].next)
            if (pat__check(c, p, i, WT_TIME) && apply_time_code(c, d->patterns[p].code))
                goto done;
        if (d->patterns[carrier].code) {
            if (apply_time_code(c, d->patterns[carrier].code))
                goto done;
            while (i < s->n && !sent__has_tail(s, i, WT_TIME))
                i++;
        }
    }
done:
    c->clause_start = saved_start;
    c->clause_end = saved_end;
}

/* ----------------------------------------------------------- attribution */

/* Discard/complex codes on an attribution phrase; 1 when one applies. */
static int attribution_code(coder_state *c, uint32_t pat)
{
    uint32_t code = c->d->evcodes[c->d->patterns[pat].code].code;
    if (code == CODE_DISCARD) {
        c->s->has_discard = 1;
        return 1;
    }
    if (code == CODE_COMPLEX) {
        c->s->is_complex = 1;
        snprintf(c->s->complex_reason, sizeof c->s->complex_reason,
                 "Complex code in attribution phrase");
        return 1;
    }
    return 0;
}

/* The attributed speaker: the actor before the phrase (back to a comma),
 * else the first actor of the sentence. */
static void attribution_actor(coder_state *c, int loc)
{
    sentence *s = c->s;
    if (!actor_empty(&c->attrib))
        return;
    for (; loc >= 0 && s->w[loc].type != WT_COMMA; loc--) {
        if (s->w[loc].type == WT_ACTOR) {
            int found;
            int head = pat__actor_head(c, loc, &found);
            if (found) {
                actor_codes(c, &c->attrib, head);
                return;
            }
        }
    }
    c->clause_end = s->n - 1;
    find_actor(c, 0, &c->attrib);
}

static void check_attribution(coder_state *c)
{
    const dyad_dict *d = c->d;
    sentence *s = c->s;
    c->attrib = no_actor;
    c->clause_start = 0;
    c->clause_end = s->n - 1;
    for (int i = s->n - 1; i >= 0; i--) {
        if (!sent__has_tail(s, i, WT_ATTRIB))
            continue;
        while (i >= 0 && !sent__has_head(s, i, WT_ATTRIB))
            i--;
        if (i < 0)
            return;
        uint32_t carrier = d->roots[s->w[i].root].pattern;
        for (uint32_t p = d->patterns[carrier].next; p; p = d->patterns[p].next) {
            reset_pattern_actors(c);
            if (pat__check(c, p, i, WT_ATTRIB)) {
                if (attribution_code(c, p))
                    return;
                if (c->index_attrib >= 0)
                    actor_codes(c, &c->attrib, c->index_attrib);
                else
                    attribution_actor(c, i);
                return;
            }
        }
        if (d->patterns[carrier].code) {
            if (attribution_code(c, carrier))
                return;
            attribution_actor(c, i);
            return;
        }
    }
}

/* ---------------------------------------------------------------- driver */

void asm__code_sentence(coder_state *c)
{
    sentence *s = c->s;
    c->n_ev = 0;
    c->n_negated = 0;
    if (++c->sentence_serial == 0) { /* wrapped: old entries must not match */
        memset(c->synset_seen, 0, sizeof c->synset_seen);
        c->sentence_serial = 1;
    }
    c->has_discard = c->has_complex = 0;
    c->regular_source = c->regular_target = 0;
    c->time_shift = 0;
    c->source = c->target = c->attrib = no_actor;
    reset_pattern_actors(c);
    if (c->o->time_shift)
        check_time(c);
    if (c->d->has_attrib_list) {
        check_attribution(c);
        parse__null_subordinates(s);
    }
    if (s->has_discard || s->is_complex)
        return;
    code_verbs(c);
    if (!c->n_ev)
        return;
    evaluate_events(c);
    if (!c->n_ev || c->has_discard || c->has_complex)
        return;
    expand_coded_compounds(c);
}

/* The surviving events, in output order. */
int asm__final_events(coder_state *c, int *order);
int asm__final_events(coder_state *c, int *order)
{
    int n;
    final_events(c, order, &n);
    return n;
}
