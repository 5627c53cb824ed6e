/*
 * output.c -- formats coded events as JSONL or TSV (see output.h and
 * docs/OUTPUT.md for the fields).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"

void out_append(outbuf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, cap);
        if (!p) {
            b->failed = 1;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void out_free(outbuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

static void put(outbuf *b, const char *s) { out_append(b, s, strlen(s)); }

static void putf(outbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(outbuf *b, const char *fmt, ...)
{
    char tmp[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0)
        out_append(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* A JSON string: quotes, backslashes and control characters escaped;
 * the text is valid UTF-8 (readers check it). */
static void put_json_string(outbuf *b, const char *s, size_t n)
{
    out_append(b, "\"", 1);
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out_append(b, s + run, i - run);
        run = i + 1;
        char esc[8];
        switch (c) {
        case '"': put(b, "\\\""); break;
        case '\\': put(b, "\\\\"); break;
        case '\n': put(b, "\\n"); break;
        case '\r': put(b, "\\r"); break;
        case '\t': put(b, "\\t"); break;
        default:
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(b, esc);
        }
    }
    out_append(b, s + run, n - run);
    out_append(b, "\"", 1);
}

static void put_json_cstr(outbuf *b, const char *s)
{
    if (s)
        put_json_string(b, s, strlen(s));
    else
        put(b, "null");
}

static void put_actor(outbuf *b, const char *key, const dyad_actor *a)
{
    putf(b, ",\"%s\":{\"code\":", key);
    put_json_cstr(b, a->code);
    put(b, ",\"text\":");
    if (a->text)
        put_json_string(b, a->text, a->text_len);
    else
        put(b, "null");
    if (a->text)
        putf(b, ",\"span\":[%zu,%zu]", a->start, a->end);
    else
        put(b, ",\"span\":null");
    put(b, ",\"entry\":");
    put_json_cstr(b, a->entry);
    if (a->agent_entry) {
        put(b, ",\"agent_entry\":");
        put_json_cstr(b, a->agent_entry);
    }
    put(b, "}");
}

static void jsonl_event(outbuf *b, const dyad_document *doc, const dyad_sentence *s,
                        const dyad_event *e)
{
    put(b, "{\"doc_id\":");
    put_json_cstr(b, doc->id ? doc->id : "");
    putf(b, ",\"sentence\":%zu,\"date\":", s->index);
    put_json_cstr(b, s->date);
    if (s->time_shift)
        putf(b, ",\"time_shift\":%d", s->time_shift);
    put(b, ",\"code\":");
    put_json_cstr(b, e->code);
    put(b, ",\"root\":");
    char root[3] = {e->code[0], e->code[0] ? e->code[1] : '\0', '\0'};
    put_json_cstr(b, root);
    if (e->label && *e->label) {
        put(b, ",\"label\":");
        put_json_cstr(b, e->label);
    }
    put_actor(b, "source", &e->source);
    if (*e->target.code)
        put_actor(b, "target", &e->target);
    else
        put(b, ",\"target\":null"); /* an open target (SET: OPEN TARGETS) */
    put(b, ",\"verb\":{\"text\":");
    if (e->verb_text)
        put_json_string(b, e->verb_text, e->verb_text_len);
    else
        put(b, "null");
    putf(b, ",\"span\":[%zu,%zu],\"entry\":", e->verb_start, e->verb_end);
    put_json_cstr(b, e->verb_entry);
    put(b, ",\"pattern\":");
    put_json_cstr(b, e->pattern);
    put(b, ",\"matched\":");
    put_json_cstr(b, e->matched);
    put(b, "}");
    if (e->attribution) {
        put(b, ",\"attribution\":");
        put_json_cstr(b, e->attribution);
    }
    if (doc->source) {
        put(b, ",\"source_name\":");
        put_json_cstr(b, doc->source);
    }
    if (doc->url) {
        put(b, ",\"url\":");
        put_json_cstr(b, doc->url);
    }
    put(b, "}\n");
}

/* TSV fields may not hold tabs or line ends. */
static void put_tsv_field(outbuf *b, const char *s)
{
    for (; s && *s; s++) {
        char c = (*s == '\t' || *s == '\n' || *s == '\r') ? ' ' : *s;
        out_append(b, &c, 1);
    }
}

/* date, source, target, code, label, document id, sentence: 7 columns. */
static void tsv_event(outbuf *b, const dyad_document *doc, const dyad_sentence *s,
                      const dyad_event *e)
{
    put_tsv_field(b, s->date ? s->date : "");
    put(b, "\t");
    put_tsv_field(b, e->source.code);
    put(b, "\t");
    put_tsv_field(b, e->target.code);
    put(b, "\t");
    put_tsv_field(b, e->code);
    put(b, "\t");
    put_tsv_field(b, e->label);
    put(b, "\t");
    put_tsv_field(b, doc->id);
    putf(b, "\t%zu\n", s->index);
}

void out_sentence(outbuf *b, out_format fmt, const dyad_document *doc,
                  const dyad_sentence *s)
{
    for (size_t i = 0; i < s->n_events; i++) {
        if (fmt == OUT_JSONL)
            jsonl_event(b, doc, s, &s->events[i]);
        else
            tsv_event(b, doc, s, &s->events[i]);
    }
}

static void jsonl_explanation(outbuf *b, const dyad_document *doc, const dyad_sentence *s,
                              const char *text, size_t len)
{
    put(b, "{\"doc_id\":");
    put_json_cstr(b, doc->id ? doc->id : "");
    putf(b, ",\"sentence\":%zu,\"date\":", s->index);
    put_json_cstr(b, s->date);
    put(b, ",\"outcome\":");
    put_json_cstr(b, dyad_outcome_name(s->outcome));
    put(b, ",\"reason\":");
    put_json_cstr(b, s->reason);
    putf(b, ",\"events\":%zu", s->n_events);
    if (s->truncated)
        put(b, ",\"truncated\":true");
    putf(b, ",\"span\":[%zu,%zu],\"text\":", s->start, s->end);
    put_json_string(b, text, len);
    put(b, "}\n");
}

/* "# doc_id  sentence  outcome  reason  text": the text with its tabs and
 * line ends made blanks. */
static void tsv_explanation(outbuf *b, const dyad_document *doc, const dyad_sentence *s,
                            const char *text, size_t len)
{
    put(b, "# ");
    put_tsv_field(b, doc->id);
    putf(b, "\t%zu\t%s\t", s->index, dyad_outcome_name(s->outcome));
    put_tsv_field(b, s->reason);
    put(b, "\t");
    for (size_t i = 0; i < len; i++) {
        char c = (text[i] == '\t' || text[i] == '\n' || text[i] == '\r') ? ' ' : text[i];
        out_append(b, &c, 1);
    }
    put(b, "\n");
}

void out_explanation(outbuf *b, out_format fmt, const dyad_document *doc,
                     const dyad_sentence *s, const char *text, size_t len)
{
    if (fmt == OUT_JSONL)
        jsonl_explanation(b, doc, s, text, len);
    else
        tsv_explanation(b, doc, s, text, len);
}
