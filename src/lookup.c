/*
 * lookup.c -- dyad_dict_lookup: shows which dictionary entries a phrase
 * matches, as the coder would see it, and which code each gives on a date.
 * This is what "dyad dict lookup" prints; it reuses the tokenizer and the
 * root matcher so that what it says is what coding does.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "sentence.h"

static const char *kind_name(int type)
{
    switch (type) {
    case WT_ACTOR: return "actor";
    case WT_AGENT: return "agent";
    case WT_VERB: return "verb";
    case WT_NOUN: return "noun";
    case WT_ADJCTV: return "adjective";
    case WT_TIME: return "time";
    case WT_ATTRIB: return "attribution";
    case WT_SYNSET: return "synset";
    default: return "word";
    }
}

/* "CODE <YYYY-MM-DD", "CODE YYYY-MM-DD..YYYY-MM-DD" etc. for every entry. */
static void all_codes(const dyad_dict *d, uint32_t root, dyad_strbuf *sb)
{
    const dict_root *r = &d->roots[root];
    uint32_t code = d->patterns[r->pattern].code;
    if (r->type == WT_AGENT) {
        dyad__sb_printf(sb, "%s", dict__code_str(d, code));
        return;
    }
    if (r->type == WT_VERB || r->type == WT_ATTRIB) {
        const dict_evcode *e = &d->evcodes[code];
        dyad__sb_printf(sb, "%s%s", dict__code_str(d, e->code),
                        e->flags & EV_SUB ? "?" : e->flags & EV_DOM ? "!" : "");
        if (e->pair)
            dyad__sb_printf(sb, ":%s", dict__code_str(d, e->pair));
        return;
    }
    if (r->type != WT_ACTOR || !code)
        return;
    const dict_codeset *cs = &d->codesets[code];
    for (uint32_t i = 0; i < cs->n_entries; i++) {
        const dict_actor_entry *e = &d->actor_entries[cs->first_entry + i];
        if (i)
            dyad__sb_printf(sb, "; ");
        for (uint32_t k = 0; k < e->n_items; k++) {
            const dict_actor_item *it = &d->actor_items[e->first_item + k];
            dyad__sb_printf(sb, "%s%s%s%s", k ? "/" : "", dict__code_str(d, it->actor),
                            it->agent ? ":" : "", it->agent ? dict__code_str(d, it->agent) : "");
        }
        char a[11], b[11];
        date__format_iso(e->from, a);
        date__format_iso(e->to, b);
        if (e->kind == DATE_BEFORE)
            dyad__sb_printf(sb, " before %s", a);
        else if (e->kind == DATE_AFTER)
            dyad__sb_printf(sb, " after %s", a);
        else if (e->kind == DATE_BETWEEN)
            dyad__sb_printf(sb, " %s to %s", a, b);
    }
}

DYAD_API size_t dyad_dict_lookup(const dyad_dict *d, const char *phrase,
                                 const char *date, dyad_lookup_fn fn, void *user)
{
    if (!d || !phrase)
        return 0;
    sentence *s = dyad__calloc(1, sizeof *s);
    if (!s)
        return 0;
    dyad_options opt = d->options;
    s->dict = d;
    s->opt = &opt;
    s->day = DATE_UNKNOWN;
    if (date)
        date__parse_iso(date, &s->day);
    tok__sentence(s, phrase, strlen(phrase), 0, 0);
    size_t hits = 0;
    dyad_strbuf codes = {0}, current = {0};
    for (int k = 0; s->n > 0 && k < s->w[0].lit_count; k++) {
        const dict_literal *lit = &d->literals[s->lits[s->w[0].lit_first + k].lit];
        for (uint32_t i = 0; i < lit->n_roots; i++) {
            uint32_t root = d->lit_roots[lit->first_root + i];
            if (!match__root_at(s, root, 0))
                continue;
            const dict_root *r = &d->roots[root];
            codes.len = current.len = 0;
            dyad__sb_append(&codes, "", 0);
            all_codes(d, root, &codes);
            dyad__sb_append(&current, "", 0);
            if (r->type == WT_ACTOR) {
                uint32_t n;
                const dict_actor_item *it = dict__actor_codes(d, root, s->day, &n);
                for (uint32_t j = 0; it && j < n; j++)
                    dyad__sb_printf(&current, "%s%s", j ? "/" : "", dict__code_str(d, it[j].actor));
                if (!it)
                    dyad__sb_printf(&current, "---");
            } else {
                dyad__sb_append(&current, codes.data, codes.len);
            }
            dyad_lookup_hit hit = {dict__str(d, r->text), kind_name(r->type),
                                   current.data, codes.data,
                                   r->file ? dict__str(d, d->files[r->file]) : "(built in)",
                                   (long)r->line};
            if (fn)
                fn(user, &hit);
            hits++;
        }
    }
    dyad__sb_free(&codes);
    dyad__sb_free(&current);
    dyad__free(s);
    return hits;
}
