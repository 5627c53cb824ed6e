/*
 * coder.c -- the public coding API: a dyad_coder holds one thread's
 * working state and runs each sentence of a document through
 *
 *     segment -> tokenize -> match -> parse -> assemble
 *
 * then turns the coded events into dyad_event records (codes as strings,
 * evidence as document spans in code points) for the caller's callback.
 *
 * It also keeps the little state TABARI carries from one record to the
 * next: the actor a pronoun at the start of the next sentence may refer to
 * (FORWARD option) and the story/sentence numbers that decide whether it
 * may.  Nothing here is shared between coders.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assemble.h"
#include "date.h"
#include "segment.h"
#include "utf8.h"

/* A word remembered from the previous sentence for pronoun forwarding. */
typedef struct forward_word {
    uint32_t root;
    uint8_t type, syn;
    uint8_t actor_head, actor_tail, compound_head, compound_tail;
} forward_word;

/* Offsets of one output event's strings in the coder's string buffer. */
typedef struct event_strings {
    size_t code, label, src_code, tgt_code, src_entry, tgt_entry, src_agent,
        tgt_agent, verb_entry, pattern, matched, attribution;
} event_strings;

struct dyad_coder {
    const dyad_dict *dict;
    dyad_options opt;
    sentence *s;
    coder_state *cs;
    /* output */
    dyad_strbuf strings;
    dyad_event events[MAX_EVENTS];
    event_strings offsets[MAX_EVENTS];
    dyad_span *spans;
    size_t cap_spans;
    char date_text[11];
    /* forwarding */
    forward_word fwd[MAX_FORWARD];
    int n_fwd, fwd_actor, fwd_compound, has_fwd;
    char last_story[64];
    int last_seq;
};

/* DEFAULT codes that the dictionary does not hold get ids past its own. */
static uint32_t default_code_id(const dyad_coder *c, const char *code, int second)
{
    uint32_t id = dict__find_code(c->dict, code, strlen(code));
    if (id)
        return id;
    if (second && !strcmp(code, c->opt.default_source))
        return default_code_id(c, code, 0);
    return (uint32_t)c->dict->n_codes + (uint32_t)second;
}

/* Sets what the coder state takes from the options, which change only
 * with dyad_coder_set_option (not per sentence). */
static void use_options(dyad_coder *c)
{
    c->cs->o = &c->opt;
    c->cs->default_source = default_code_id(c, c->opt.default_source, 0);
    c->cs->default_target = default_code_id(c, c->opt.default_target, 1);
}

/* ------------------------------------------------------------ lifecycle */

DYAD_API dyad_coder *dyad_coder_new(const dyad_dict *dict)
{
    if (!dict)
        return NULL;
    dyad_coder *c = dyad__calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->s = dyad__calloc(1, sizeof *c->s);
    c->cs = dyad__calloc(1, sizeof *c->cs);
    if (c->s) {
        c->s->lit_seen = dyad__calloc(dict->n_literals / 64 + 1, sizeof *c->s->lit_seen);
        c->s->dict = dict;
    }
    size_t longest = 0;
    for (size_t i = 0; i < dict->n_pindexes; i++)
        if (dict->pindexes[i].n_patterns > longest)
            longest = dict->pindexes[i].n_patterns;
    if (c->cs && longest) {
        c->cs->candidate_words = (longest + 63) / 64;
        c->cs->candidates = dyad__calloc(c->cs->candidate_words, sizeof(uint64_t));
    }
    if (!c->s || !c->cs || !c->s->lit_seen || (longest && !c->cs->candidates)) {
        dyad_coder_free(c);
        return NULL;
    }
    c->dict = dict;
    c->opt = dict->options;
    c->last_seq = -1;
    use_options(c);
    return c;
}

DYAD_API void dyad_coder_free(dyad_coder *c)
{
    if (!c)
        return;
    if (c->s)
        dyad__free(c->s->lit_seen);
    if (c->cs)
        dyad__free(c->cs->candidates);
    dyad__free(c->s);
    dyad__free(c->cs);
    dyad__sb_free(&c->strings);
    dyad__free(c->spans);
    dyad__free(c);
}

DYAD_API dyad_status dyad_coder_set_option(dyad_coder *c, const char *command,
                                           dyad_error *err)
{
    if (!c || !command)
        return dyad__set_error(err, DYAD_ERR_USAGE, NULL, 0, 0,
                               "dyad_coder_set_option: NULL argument");
    dyad_status st = options__apply(&c->opt, command, NULL, NULL, err);
    use_options(c);
    return st;
}

DYAD_API const char *dyad_outcome_name(dyad_outcome outcome)
{
    switch (outcome) {
    case DYAD_CODED: return "coded";
    case DYAD_NO_EVENT: return "no event";
    case DYAD_NULL_EVENTS: return "null events";
    case DYAD_NO_VALID_EVENT: return "no valid event";
    case DYAD_DISCARD: return "discarded";
    case DYAD_COMPLEX: return "complex";
    case DYAD_TOO_SHORT: return "too short";
    case DYAD_EMPTY: return "empty";
    }
    return "unknown";
}

DYAD_API int dyad_coder_time_shift_active(const dyad_coder *c)
{
    return c && c->opt.time_shift;
}

DYAD_API int dyad_coder_record_year_digits(const dyad_coder *c)
{
    return c && c->opt.four_digit_year ? 4 : 2;
}

/* ------------------------------------------------------------------ codes */

static const char *code_text(const dyad_coder *c, uint32_t id)
{
    return asm__code_text(c->cs, id);
}

/* ------------------------------------------------------------- forwarding */

/* Whether a pronoun may refer to the previous TABARI record: same story,
 * next sentence number, as the FORWARD: format reads them from the id. */
static int record_can_forward(dyad_coder *c, const char *header)
{
    const dyad_options *o = &c->opt;
    if (o->id_loc < 0 || !header)
        return 0;
    size_t len = strlen(header);
    int ok = 0;
    if (len > (size_t)o->id_loc) {
        char id[64];
        snprintf(id, sizeof id, "%.*s", o->id_len, header + o->id_loc);
        const char *a = (size_t)o->story_loc < strlen(c->last_story)
                            ? c->last_story + o->story_loc : "";
        const char *b = (size_t)o->story_loc < strlen(id) ? id + o->story_loc : "";
        if (strncmp(a, b, (size_t)o->story_len))
            c->last_seq = -1;
        snprintf(c->last_story, sizeof c->last_story, "%s", id);
        char seq[32] = "";
        if ((size_t)o->sent_loc < len)
            snprintf(seq, sizeof seq, "%.*s", o->sent_len, header + o->sent_loc);
        int n = atoi(seq);
        ok = o->forward && c->last_seq >= 0 && n == c->last_seq + 1;
        c->last_seq = n;
    } else {
        c->last_seq = -1;
    }
    return ok;
}

/* Remembers the first actor and the first compound of the sentence just
 * coded (TABARI's setForward). */
static void remember_forward(dyad_coder *c)
{
    const sentence *s = c->s;
    c->n_fwd = 0;
    c->fwd_actor = c->fwd_compound = -1;
    c->has_fwd = 1;
    for (int i = 0; i < s->n && c->fwd_actor < 0 && c->fwd_compound < 0; i++) {
        if (sent__has_head(s, i, WT_COMPOUND)) {
            c->fwd_compound = c->n_fwd;
            for (; i < s->n && c->n_fwd < MAX_FORWARD - 1; i++) {
                forward_word *f = &c->fwd[c->n_fwd++];
                memset(f, 0, sizeof *f);
                f->root = s->w[i].root;
                f->type = s->w[i].type;
                f->syn = SYN_COMPOUND;
                f->actor_head = (uint8_t)sent__has_head(s, i, WT_ACTOR);
                f->actor_tail = (uint8_t)sent__has_tail(s, i, WT_ACTOR);
                if (sent__has_tail(s, i, WT_COMPOUND))
                    break;
            }
            c->fwd[c->fwd_compound].compound_head = 1;
            c->fwd[c->n_fwd - 1].compound_tail = 1;
        }
        if (i < s->n && c->fwd_actor < 0 && sent__has_head(s, i, WT_ACTOR) &&
            !sent__has_head(s, i, WT_PRONOUN) && c->n_fwd < MAX_FORWARD) {
            c->fwd_actor = c->n_fwd;
            forward_word *f = &c->fwd[c->n_fwd++];
            memset(f, 0, sizeof *f);
            f->root = s->w[i].root;
            f->type = s->w[i].type;
            f->actor_head = f->actor_tail = 1;
        }
    }
    if (c->fwd_compound < 0)
        c->fwd_compound = c->fwd_actor;
}

/* Places the remembered words after the sentence's Halt word. */
static void install_forward(dyad_coder *c)
{
    sentence *s = c->s;
    s->forward_actor = s->forward_compound = -1;
    if (!s->can_forward || !c->has_fwd)
        return;
    int base = s->n + 1;
    for (int k = 0; k < c->n_fwd; k++) {
        word *w = &s->w[base + k];
        memset(w, 0, sizeof *w);
        w->head = w->tail = -1;
        w->root = c->fwd[k].root;
        w->type = c->fwd[k].type;
        w->syn = c->fwd[k].syn;
        if (c->fwd[k].compound_head)
            sent__add_head(s, base + k, WT_COMPOUND, 0);
        if (c->fwd[k].actor_head)
            sent__add_head(s, base + k, WT_ACTOR, 0);
        if (c->fwd[k].actor_tail)
            sent__add_tail(s, base + k, WT_ACTOR, 0);
        if (c->fwd[k].compound_tail)
            sent__add_tail(s, base + k, WT_COMPOUND, 0);
    }
    if (c->fwd_actor >= 0)
        s->forward_actor = base + c->fwd_actor;
    if (c->fwd_compound >= 0)
        s->forward_compound = base + c->fwd_compound;
}

/* ----------------------------------------------------------------- output */

typedef struct doc_ctx {
    const dyad_document *doc;
    int32_t day;
    size_t cursor_byte, cursor_cp; /* code points before a byte position */
    size_t anchor_byte, anchor_cp; /* the same at the current sentence start */
} doc_ctx;

/* Code point offset of a byte offset.  Sentences come in order, but spans
 * inside one come in any order: counting goes on from the cursor when it
 * can and from the sentence start otherwise, so a document costs
 * O(length + sum of sentence lengths), never O(length^2). */
static size_t code_point_at(doc_ctx *x, size_t byte)
{
    if (byte < x->cursor_byte) {
        if (byte >= x->anchor_byte) {
            x->cursor_byte = x->anchor_byte;
            x->cursor_cp = x->anchor_cp;
        } else {
            x->cursor_byte = x->cursor_cp = 0;
        }
    }
    x->cursor_cp += dyad__utf8_count(x->doc->text + x->cursor_byte, byte - x->cursor_byte);
    x->cursor_byte = byte;
    return x->cursor_cp;
}

/* Makes `byte` (a sentence start) the point later spans count from. */
static size_t anchor_at(doc_ctx *x, size_t byte)
{
    x->anchor_cp = code_point_at(x, byte);
    x->anchor_byte = byte;
    return x->anchor_cp;
}

/* The last word of the root of `type` whose head is at `head`. */
static int root_tail(const sentence *s, int head, int type)
{
    int k = head;
    while (k < s->n - 1 && !sent__has_tail(s, k, type))
        k++;
    return k;
}

static void word_span(const sentence *s, int head, int type, size_t *start,
                      size_t *end)
{
    int tail = root_tail(s, head, type);
    *start = s->w[head].src_start;
    *end = s->w[tail].src_end;
}

static size_t push_str(dyad_strbuf *sb, const char *text, size_t n, int *failed)
{
    size_t off = sb->len;
    if (dyad__sb_append(sb, text ? text : "", text ? n : 0) ||
        dyad__sb_putc(sb, '\0'))
        *failed = 1;
    return off;
}

static size_t push_cstr(dyad_strbuf *sb, const char *text, int *failed)
{
    return push_str(sb, text, text ? strlen(text) : 0, failed);
}

static size_t push_composite(dyad_coder *c, uint32_t actor, uint32_t agent,
                             int *failed)
{
    size_t off = c->strings.len;
    char code[ASM_CODE_MAX];
    asm__composite(c->cs, actor, agent, code, sizeof code);
    if (dyad__sb_append(&c->strings, code, strlen(code) + 1))
        *failed = 1;
    return off;
}

static size_t push_root_text(dyad_coder *c, uint32_t root, int *failed)
{
    if (!root)
        return push_cstr(&c->strings, "", failed);
    return push_cstr(&c->strings, dict__str(c->dict, c->dict->roots[root].text), failed);
}

/* The actor's evidence: its whole noun phrase, from its first word
 * ("Chinese leader Xi Jinping") to its last ("Kenyan police"). */
static void actor_span(dyad_coder *c, doc_ctx *x, const actor_ref *ref, dyad_actor *a)
{
    const sentence *s = c->s;
    a->text = NULL;
    a->text_len = a->start = a->end = 0;
    if (ref->where < 0 || ref->where >= s->n)
        return; /* a DEFAULT actor, or one forwarded from the last sentence */
    size_t b0, b1;
    word_span(s, ref->where, WT_ACTOR, &b0, &b1);
    if (ref->from >= 0 && ref->from < ref->where)
        b0 = s->w[ref->from].src_start;
    if (ref->to > ref->where && ref->to < s->n)
        b1 = s->w[ref->to].src_end;
    a->text = x->doc->text + b0;
    a->text_len = b1 - b0;
    a->start = code_point_at(x, b0);
    a->end = code_point_at(x, b1);
}

/* The words the pattern matched, in text order. */
static size_t push_matched(dyad_coder *c, const coded_event *e, int *failed)
{
    const sentence *s = c->s;
    size_t off = c->strings.len;
    for (int i = 0; i < e->n_matched; i++) {
        const word *w = &s->w[e->matched[i]];
        if ((i && dyad__sb_putc(&c->strings, ' ')) ||
            dyad__sb_append(&c->strings, w->norm, w->norm_len))
            *failed = 1;
    }
    if (dyad__sb_putc(&c->strings, '\0'))
        *failed = 1;
    return off;
}

static int matched_word(const coded_event *e, int at)
{
    for (int i = 0; i < e->n_matched; i++)
        if (e->matched[i] == at)
            return 1;
    return 0;
}

/* The verb's evidence: its root plus the pattern words right next to it
 * ("met with"). */
static void verb_span(const sentence *s, const coded_event *e, size_t *b0, size_t *b1)
{
    int head = e->verb_where;
    int tail = root_tail(s, head, s->w[head].type);
    while (tail + 1 < s->n && s->w[tail + 1].type != WT_ACTOR && matched_word(e, tail + 1))
        tail++;
    while (head > 0 && s->w[head - 1].type != WT_ACTOR && matched_word(e, head - 1))
        head--;
    *b0 = s->w[head].src_start;
    *b1 = s->w[tail].src_end;
}

static void build_event(dyad_coder *c, doc_ctx *x, const coded_event *e,
                        dyad_event *out, event_strings *o, int *failed)
{
    const dyad_dict *d = c->dict;
    const sentence *s = c->s;
    memset(out, 0, sizeof *out);
    o->code = push_cstr(&c->strings, code_text(c, e->code), failed);
    uint32_t label = e->code < d->n_codes ? d->codes[e->code].label : 0;
    o->label = push_cstr(&c->strings, label ? dict__str(d, label) : "", failed);
    o->src_code = push_composite(c, e->source.actor, e->source.agent, failed);
    o->tgt_code = push_composite(c, e->target.actor, e->target.agent, failed);
    o->src_entry = push_root_text(c, e->source.root, failed);
    o->tgt_entry = push_root_text(c, e->target.root, failed);
    o->src_agent = push_root_text(c, e->source.agent_root, failed);
    o->tgt_agent = push_root_text(c, e->target.agent_root, failed);
    o->verb_entry = push_root_text(c, e->verb_root, failed);
    const dict_pattern *p = &d->patterns[e->pattern];
    o->pattern = p->phrase ? push_cstr(&c->strings, dict__str(d, p->text), failed)
                           : push_root_text(c, e->verb_root, failed);
    o->matched = push_matched(c, e, failed);
    o->attribution = e->attribution ? push_cstr(&c->strings, code_text(c, e->attribution), failed)
                                    : (size_t)-1;
    actor_span(c, x, &e->source, &out->source);
    actor_span(c, x, &e->target, &out->target);
    if (e->verb_where >= 0 && e->verb_where < s->n) {
        size_t b0, b1;
        verb_span(s, e, &b0, &b1);
        out->verb_text = x->doc->text + b0;
        out->verb_text_len = b1 - b0;
        out->verb_start = code_point_at(x, b0);
        out->verb_end = code_point_at(x, b1);
    }
}

static void resolve_event_strings(dyad_coder *c, dyad_event *ev,
                                  const event_strings *o,
                                  const coded_event *e)
{
    const char *base = c->strings.data;
    ev->code = base + o->code;
    ev->label = base + o->label;
    ev->source.code = base + o->src_code;
    ev->target.code = base + o->tgt_code;
    ev->source.entry = base + o->src_entry;
    ev->target.entry = base + o->tgt_entry;
    ev->source.agent_entry = e->source.agent_root ? base + o->src_agent : NULL;
    ev->target.agent_entry = e->target.agent_root ? base + o->tgt_agent : NULL;
    ev->verb_entry = base + o->verb_entry;
    ev->pattern = base + o->pattern;
    ev->matched = base + o->matched;
    ev->attribution = o->attribution == (size_t)-1 ? NULL : base + o->attribution;
}

/* ----------------------------------------------------------------- coding */

int asm__final_events(coder_state *c, int *order);

static dyad_outcome outcome_of(const dyad_coder *c, const char **reason,
                               char *buf, size_t cap, int n_final)
{
    const sentence *s = c->s;
    const coder_state *cs = c->cs;
    if (s->has_discard) {
        *reason = "Discard code found in text";
        return DYAD_DISCARD;
    }
    if (s->is_complex) {
        if (c->opt.cplx_explain || strstr(s->complex_reason, "Complex code in")) {
            snprintf(buf, cap, "Complex text: %s", s->complex_reason);
            *reason = buf;
        } else {
            *reason = "Text failed complexity conditions";
        }
        return DYAD_COMPLEX;
    }
    if (cs->n_ev == 0 && !cs->has_discard && !cs->has_complex) {
        *reason = n_final < 0       ? "Only null events found in text"
                  : cs->n_negated ? "Only negated verbs found in text"
                                  : "No events found in text";
        return n_final < 0 ? DYAD_NULL_EVENTS : DYAD_NO_EVENT;
    }
    if (cs->has_discard) {
        *reason = "Discard code found in verb pattern";
        return DYAD_DISCARD;
    }
    if (cs->has_complex) {
        *reason = "Complex code found in verb pattern";
        return DYAD_COMPLEX;
    }
    if (n_final == 0) {
        *reason = "No valid events found in text";
        return DYAD_NO_VALID_EVENT;
    }
    *reason = "";
    return DYAD_CODED;
}

/* Codes one sentence (bytes [start, end) of the document) and reports it.
 * Returns 0 to go on, 1 when the callback asked to stop, -1 out of memory. */
static int code_span(dyad_coder *c, doc_ctx *x, size_t start, size_t end,
                     size_t index, int can_forward, dyad_sentence_fn fn,
                     void *user)
{
    sentence *s = c->s;
    coder_state *cs = c->cs;
    const dyad_document *doc = x->doc;
    s->dict = c->dict;
    s->opt = &c->opt;
    s->day = x->day;
    s->has_discard = s->is_complex = 0;
    s->complex_reason[0] = '\0';
    tok__sentence(s, doc->text + start, end - start, start, doc->is_tabari_record);

    dyad_sentence out;
    memset(&out, 0, sizeof out);
    out.doc_id = doc->id ? doc->id : "";
    out.index = index;
    out.start = anchor_at(x, start);
    out.end = code_point_at(x, end);
    out.truncated = s->truncated;
    c->strings.len = 0;
    char reason[320];
    int n_final = 0;
    int order[MAX_EVENTS];

    cs->n_ev = 0;
    cs->n_negated = 0;
    cs->time_shift = 0;
    cs->n_temp = 0;
    cs->s = s;
    cs->d = c->dict;

    if (end == start) {
        out.outcome = DYAD_EMPTY;
        out.reason = "Input error: no text in record";
    } else if (s->n < c->opt.min_words) {
        out.outcome = DYAD_TOO_SHORT;
        out.reason = "Input error: too few words in sentence";
    } else {
        s->can_forward = can_forward;
        if (c->opt.forward)
            install_forward(c);
        else
            s->forward_actor = s->forward_compound = -1;
        match__roots(s);
        parse__sentence(s);
        asm__code_sentence(cs);
        int evaluated = cs->n_ev > 0 && !s->has_discard && !s->is_complex;
        n_final = evaluated && !cs->has_discard && !cs->has_complex
                      ? asm__final_events(cs, order) : 0;
        /* events coded but all null: TABARI's "only null events" */
        int only_null = evaluated && cs->n_ev == 0;
        out.outcome = outcome_of(c, &out.reason, reason, sizeof reason,
                                 only_null ? -1 : n_final);
        if (c->opt.forward)
            remember_forward(c);
    }
    int32_t day = s->day;
    if (day != DATE_UNKNOWN) {
        date__format_iso(day, c->date_text);
        out.date = c->date_text;
    }
    out.time_shift = cs->time_shift;

    int failed = 0;
    if (out.outcome == DYAD_CODED) {
        for (int k = 0; k < n_final; k++)
            build_event(c, x, &cs->ev[order[k]], &c->events[k], &c->offsets[k], &failed);
        for (int k = 0; k < n_final; k++)
            resolve_event_strings(c, &c->events[k], &c->offsets[k], &cs->ev[order[k]]);
        out.events = c->events;
        out.n_events = (size_t)n_final;
    }
    if (failed)
        return -1;
    return fn && fn(user, &out) != 0; /* any non-zero return stops */
}

DYAD_API dyad_status dyad_code_document(dyad_coder *c, const dyad_document *doc,
                                        dyad_sentence_fn fn, void *user,
                                        dyad_error *err)
{
    if (!c || !doc || (!doc->text && doc->len))
        return dyad__set_error(err, DYAD_ERR_USAGE, NULL, 0, 0,
                               "dyad_code_document: NULL argument");
    doc_ctx x = {doc, DATE_UNKNOWN, 0, 0, 0, 0};
    const char *id = doc->id ? doc->id : "";
    if (doc->date && *doc->date && !date__parse_iso(doc->date, &x.day))
        return dyad__set_error(err, DYAD_ERR_INPUT, id, 0, 0,
                               "invalid date \"%s\" (expected YYYY-MM-DD)", doc->date);
    static const char empty[] = "";
    dyad_document copy = *doc;
    if (!copy.text)
        copy.text = empty;
    x.doc = &copy;

    if (doc->is_tabari_record) {
        int can_forward = record_can_forward(c, doc->record_header);
        if (code_span(c, &x, 0, copy.len, 0, can_forward, fn, user) < 0)
            return dyad__set_error(err, DYAD_ERR_NOMEM, id, 0, 0, "out of memory");
        return DYAD_OK;
    }
    size_t n = dyad__segment(copy.text, copy.len, &c->spans, &c->cap_spans);
    if (n == (size_t)-1)
        return dyad__set_error(err, DYAD_ERR_NOMEM, id, 0, 0, "out of memory");
    for (size_t i = 0; i < n; i++) {
        int r = code_span(c, &x, c->spans[i].start, c->spans[i].end, i,
                          c->opt.forward && i > 0, fn, user);
        if (r < 0)
            return dyad__set_error(err, DYAD_ERR_NOMEM, id, 0, 0, "out of memory");
        if (r > 0)
            break;
    }
    return DYAD_OK;
}
