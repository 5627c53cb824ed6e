/*
 * dict_tabari.c -- reads dictionaries written in TABARI's formats: .project,
 * .actors (with <NOUN>/<ADJECTIVE> lists, synonyms and date-restricted
 * codes), .agents, .verbs (with <SYNSETS>, <TIME>, <ATTRIB>, irregular verb
 * forms and patterns) and .options.
 *
 * The meaning of every line follows TABARI 0.8.4 (manual chapters 5, 6 and
 * 8) so that the field's dictionaries code the same here.  The difference is
 * in what happens on bad input: TABARI stops and waits for a key press;
 * dyad reports the defect through the diagnostics callback with file:line
 * and goes on.  Defects that TABARI lives with (CRLF line ends, NUL and 0x1A
 * bytes, '&' inside actor phrases, duplicate entries) are warnings; lines
 * that cannot be read at all are errors, and are skipped.  Running out of
 * memory is neither: dict.c's builders remember it (d->out_of_memory), the
 * file is read on, and load_file then fails with DYAD_ERR_NOMEM.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "dict.h"
#include "utf8.h"

#define MAX_LINE 4096

typedef struct loader {
    dyad_dict *d;
    const char *path;
    uint16_t file;
    dyad_diag_fn diag;
    void *user;
    char *buf;
    size_t len, pos;
    long line;
    int crlf_reported;
    int errors;
    /* the entry being read */
    char phrase[MAX_LINE];
    char code[MAX_LINE];
    int has_code; /* a [ was present */
    int trial;      /* reading a duplicate's codes to compare them: report
                       nothing, store no new code (actor_codes_differ) */
    int other_code; /* the duplicate add_entry is about to report has a
                       code that differs from the first entry's */
} loader;

/* ------------------------------------------------------------ reporting */

static void report(loader *ld, dyad_severity sev, long line,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(loader *ld, dyad_severity sev, long line,
                   const char *fmt, ...)
{
    if (ld->trial)
        return;
    if (sev == DYAD_ERROR)
        ld->errors++;
    if (!ld->diag)
        return;
    va_list ap;
    va_start(ap, fmt);
    dyad__diag_v(ld->diag, ld->user, sev, ld->path, line, fmt, ap);
    va_end(ap);
}

/* ------------------------------------------------------------- reading */

static dyad_status read_file(const char *path, char **buf, size_t *len,
                             dyad_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return dyad__set_error(err, DYAD_ERR_IO, path, 0, 0,
                               "cannot open dictionary file");
    dyad_strbuf sb = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (dyad__sb_append(&sb, chunk, n)) {
            fclose(f);
            dyad__sb_free(&sb);
            return dyad__set_error(err, DYAD_ERR_NOMEM, path, 0, 0,
                                   "out of memory reading dictionary");
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        dyad__sb_free(&sb);
        return dyad__set_error(err, DYAD_ERR_IO, path, 0, 0,
                               "read error in dictionary file");
    }
    if (!sb.data && dyad__sb_append(&sb, "", 0))
        return dyad__set_error(err, DYAD_ERR_NOMEM, path, 0, 0, "out of memory");
    *buf = sb.data;
    *len = sb.len;
    return DYAD_OK;
}

/* Copies the next line into out (NUL-terminated, no line end).  Control
 * bytes that TABARI files are known to contain are reported and replaced
 * by '\x01': an entry whose phrase holds one is skipped later; elsewhere
 * in the line (a DOS end-of-file mark after the code) it is harmless.
 * Returns 0 at end of file. */
static int next_line(loader *ld, char *out, size_t cap)
{
    if (ld->pos >= ld->len)
        return 0;
    ld->line++;
    size_t k = 0;
    int too_long = 0;
    while (ld->pos < ld->len && ld->buf[ld->pos] != '\n') {
        char c = ld->buf[ld->pos++];
        if (c == '\r' && (ld->pos == ld->len || ld->buf[ld->pos] == '\n')) {
            if (!ld->crlf_reported) {
                report(ld, DYAD_WARNING, ld->line,
                       "CRLF (Windows) line endings; read as plain line ends");
                ld->crlf_reported = 1;
            }
            continue;
        }
        if (c == '\0' || c == 0x1A) {
            report(ld, DYAD_WARNING, ld->line, "stray byte 0x%02X at column %zu",
                   (unsigned)(unsigned char)c, k + 1);
            c = '\x01';
        }
        if (k + 1 < cap)
            out[k++] = c;
        else
            too_long = 1;
    }
    if (ld->pos < ld->len)
        ld->pos++; /* the '\n' */
    out[k] = '\0';
    if (too_long)
        report(ld, DYAD_ERROR, ld->line, "line longer than %zu bytes; truncated",
               cap - 1);
    return 1;
}

static char *trim(char *s);

/* The next line holding an entry, trimmed: blank and comment lines are
 * skipped; NULL at the end of the file or at TABARI's "~~FINISH" mark. */
static char *next_entry(loader *ld, char *line, size_t cap)
{
    while (next_line(ld, line, cap)) {
        char *t = trim(line);
        if (!*t || *t == '#' || *t == '/')
            continue;
        return *t == '~' ? NULL : t;
    }
    return NULL;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Folds the phrase to upper-case ASCII in place; returns 0 when it holds a
 * byte or character that no text can ever match. */
static int fold_phrase(char *s)
{
    char out[MAX_LINE];
    size_t k = 0, i = 0, n = strlen(s);
    while (i < n && k + 4 < sizeof out) {
        unsigned char c = (unsigned char)s[i];
        if (c == 1)
            return 0;
        if (c < 0x80) {
            out[k++] = (char)toupper(c);
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = dyad__utf8_decode(s + i, n - i, &adv);
        char folded[4];
        size_t m = dyad__fold_codepoint(cp, folded);
        if (m == 0 || cp == 0xFFFD)
            return 0;
        for (size_t j = 0; j < m; j++)
            out[k++] = (char)toupper((unsigned char)folded[j]);
        i += adv;
    }
    out[k] = '\0';
    memcpy(s, out, k + 1);
    return 1;
}

/* Puts blanks around { | } as TABARI does, keeping "_{" and "}_". */
static void space_alternatives(char *s, size_t cap)
{
    char out[MAX_LINE];
    size_t k = 0;
    for (size_t i = 0; s[i] && k + 4 < sizeof out && k + 4 < cap; i++) {
        char c = s[i];
        if (c == '{' || c == '|' || c == '}') {
            int glued_left = c == '{' && i > 0 && s[i - 1] == '_';
            int glued_right = c == '}' && s[i + 1] == '_';
            if (!glued_left && k && out[k - 1] != ' ')
                out[k++] = ' ';
            out[k++] = c;
            if (!glued_right && s[i + 1] && s[i + 1] != ' ')
                out[k++] = ' ';
        } else {
            out[k++] = c;
        }
    }
    out[k] = '\0';
    memcpy(s, out, k + 1);
}

/* Splits a dictionary line into ld->phrase and ld->code as TABARI's
 * parseLine: comment after ';', code from the first '['.  Returns 0 when
 * the line has nothing to store. */
static int split_entry(loader *ld, const char *line)
{
    char work[MAX_LINE];
    snprintf(work, sizeof work, "%s", line);
    char *semi = strchr(work, ';');
    if (semi)
        *semi = '\0';
    char *open = strchr(work, '[');
    ld->has_code = open != NULL;
    if (open) {
        snprintf(ld->code, sizeof ld->code, "%s", open);
        *open = '\0';
    } else {
        ld->code[0] = '\0';
    }
    char *p = trim(work);
    /* hyphens become underscores, except a leading pattern marker */
    for (char *q = p; *q; q++)
        if (*q == '-' && q != p)
            *q = '_';
    snprintf(ld->phrase, sizeof ld->phrase, "%s", p);
    return 1;
}

/* The text inside the first [...] of ld->code, trimmed; NULL when the
 * brackets are unbalanced or empty (and reports why). */
static const char *bracket_content(loader *ld, char *out, size_t cap)
{
    const char *open = strchr(ld->code, '[');
    const char *close = open ? strchr(open, ']') : NULL;
    if (!open) {
        report(ld, DYAD_ERROR, ld->line, "missing code: expected [CODE]");
        return NULL;
    }
    if (!close) {
        report(ld, DYAD_ERROR, ld->line, "missing ']' after the code");
        return NULL;
    }
    size_t n = (size_t)(close - open - 1);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, open + 1, n);
    out[n] = '\0';
    char *t = trim(out);
    if (!*t) {
        report(ld, DYAD_ERROR, ld->line, "empty code []");
        return NULL;
    }
    memmove(out, t, strlen(t) + 1);
    return out;
}

/* ------------------------------------------------------------ codes */

/* Stores an event code "[023?]", "[032:033]", "[111!]" as an evcode. */
static uint32_t store_event_code(loader *ld, const char *code_text)
{
    dyad_dict *d = ld->d;
    const char *open = strchr(code_text, '[');
    const char *start = open ? open + 1 : code_text;
    const char *close = strrchr(start, ']');
    if (!close) {
        report(ld, DYAD_ERROR, ld->line, "missing ']' after the event code");
        return 0;
    }
    char body[256];
    size_t n = (size_t)(close - start);
    if (n >= sizeof body)
        n = sizeof body - 1;
    memcpy(body, start, n);
    body[n] = '\0';
    body[strcspn(body, "/@$&")] = '\0'; /* issues and STA codes: not used */
    if (strstr(body, "+(")) /* TABARI's target-code marker */
        *strstr(body, "+(") = '\0';
    char *t = trim(body);
    if (!*t) {
        report(ld, DYAD_ERROR, ld->line, "empty code []");
        return 0;
    }
    dict_evcode ev = {0, 0, 0};
    char *colon = strchr(t, ':');
    char *parts[2] = {t, colon ? colon + 1 : NULL};
    if (colon)
        *colon = '\0';
    for (int i = 0; i < 2 && parts[i]; i++) {
        char *p = trim(parts[i]);
        uint32_t flag = 0;
        char *mark = strpbrk(p, "?!");
        if (mark) {
            flag = *mark == '?' ? EV_SUB : EV_DOM;
            *mark = '\0';
        }
        p = trim(p);
        uint32_t id = dict__code(d, p, strlen(p));
        if (!id)
            return 0;
        if (i == 0) {
            ev.code = id;
            ev.flags |= flag;
        } else {
            ev.pair = id;
            ev.flags |= flag ? (flag == EV_SUB ? EV_PAIR_SUB : EV_PAIR_DOM) : 0;
        }
    }
    if (DICT_GROW(d, evcodes, d->n_evcodes + 1))
        return 0;
    d->evcodes[d->n_evcodes] = ev;
    return (uint32_t)d->n_evcodes++;
}

/* The id of an actor or agent code.  In a trial read, a code that no
 * entry has is not stored, but given an id that no stored code has. */
static uint32_t actor_code_id(loader *ld, const char *s)
{
    if (!ld->trial)
        return dict__code(ld->d, s, strlen(s));
    uint32_t id = dict__find_code(ld->d, s, strlen(s));
    return id ? id : UINT32_MAX;
}

/* Appends the items of "ABC:DEF/GHI" (compound codes with agents). */
static int store_actor_items(loader *ld, char *s, uint32_t *first,
                             uint32_t *count)
{
    dyad_dict *d = ld->d;
    *first = (uint32_t)d->n_actor_items;
    *count = 0;
    for (char *part = s; part;) {
        char *slash = strchr(part, '/');
        if (slash)
            *slash = '\0';
        char *colon = strchr(part, ':');
        if (colon)
            *colon = '\0';
        char *a = trim(part);
        dict_actor_item item = {actor_code_id(ld, a), 0};
        if (!item.actor)
            return -1;
        if (colon) {
            char *g = trim(colon + 1);
            item.agent = actor_code_id(ld, g);
            if (!item.agent)
                return -1;
        }
        if (DICT_GROW(d, actor_items, d->n_actor_items + 1))
            return -1;
        d->actor_items[d->n_actor_items++] = item;
        (*count)++;
        part = slash ? slash + 1 : NULL;
    }
    return 0;
}

/* Reads a date after skipping non-digits; returns 0 when invalid. */
static int read_date(loader *ld, const char **p, int32_t *day)
{
    const char *s = *p;
    while (*s && !isdigit((unsigned char)*s))
        s++;
    size_t used = date__parse_compact(s, strlen(s), 0, day);
    if (!used) {
        report(ld, DYAD_ERROR, ld->line,
               "invalid date \"%.8s\" in a date restriction (expected YYMMDD)", s);
        return 0;
    }
    *p = s + used;
    return 1;
}

/* Parses one [code date-restriction] block into an actor entry. */
static int store_actor_block(loader *ld, char *block)
{
    dyad_dict *d = ld->d;
    dict_actor_entry e = {DATE_ANY, 0, 0, 0, 0};
    char *codes = block;
    char *lt = strchr(block, '<'), *gt = strchr(block, '>');
    /* a '-' between digits is a date range; "---" is the null code */
    char *range = NULL;
    for (char *q = block; (q = strchr(q, '-'));) {
        if (q[1] == '-' && q[2] == '-') {
            q += 3;
            continue;
        }
        range = q;
        break;
    }
    const char *p;
    if (lt || gt) {
        e.kind = lt ? DATE_BEFORE : DATE_AFTER;
        char *op = lt ? lt : gt;
        p = op + 1;
        *op = '\0';
        if (!read_date(ld, &p, &e.from))
            return -1;
    } else if (range) {
        char *q = range - 1;
        while (q >= block && *q == ' ')
            q--;
        while (q >= block && isdigit((unsigned char)*q))
            q--;
        if (q < block || *q != ' ') {
            report(ld, DYAD_ERROR, ld->line,
                   "date range without a code: expected [CODE YYMMDD-YYMMDD]");
            return -1;
        }
        p = q + 1;
        *q = '\0';
        e.kind = DATE_BETWEEN;
        if (!read_date(ld, &p, &e.from))
            return -1;
        p = range + 1;
        if (!read_date(ld, &p, &e.to))
            return -1;
    }
    if (!*trim(codes)) {
        report(ld, DYAD_ERROR, ld->line, "date restriction without a code");
        return -1;
    }
    if (store_actor_items(ld, codes, &e.first_item, &e.n_items))
        return -1;
    if (DICT_GROW(d, actor_entries, d->n_actor_entries + 1))
        return -1;
    dict__note_entry(d, (uint32_t)d->n_actor_entries, (uint32_t)ld->line);
    d->actor_entries[d->n_actor_entries++] = e;
    return 0;
}

/* Appends the [code date-restriction] blocks of `text` to the entries of
 * codeset `cs`, whose entries must be the last ones stored (an actor's
 * code lines may follow it on lines of their own, and each problem is
 * reported at its own line).  Returns -1 after reporting a problem. */
static int add_actor_blocks(loader *ld, dict_codeset *cs, const char *text)
{
    if (!cs->n_entries)
        cs->first_entry = (uint32_t)ld->d->n_actor_entries;
    for (const char *open = strchr(text, '['); open; open = strchr(open, '[')) {
        const char *close = strchr(open, ']');
        if (!close) {
            report(ld, DYAD_ERROR, ld->line, "missing ']' after the code");
            return -1;
        }
        char block[512];
        size_t n = (size_t)(close - open - 1);
        if (n >= sizeof block)
            n = sizeof block - 1;
        memcpy(block, open + 1, n);
        block[n] = '\0';
        char *t = trim(block);
        if (!*t) {
            report(ld, DYAD_ERROR, ld->line, "empty code []");
            return -1;
        }
        if (store_actor_block(ld, t))
            return -1;
        cs->n_entries++;
        open = close;
    }
    return 0;
}

/* Stores the codeset whose blocks add_actor_blocks() read; returns its id
 * or 0 after reporting the problem. */
static uint32_t finish_actor_codes(loader *ld, dict_codeset *cs)
{
    dyad_dict *d = ld->d;
    if (!cs->n_entries) {
        report(ld, DYAD_ERROR, ld->line, "missing code: expected [CODE]");
        return 0;
    }
    /* a lone restricted code gets the null code as its default (manual 6.5.2) */
    if (cs->n_entries == 1 && d->actor_entries[cs->first_entry].kind != DATE_ANY) {
        char null_block[] = "---";
        if (store_actor_block(ld, null_block))
            return 0;
        cs->n_entries++;
    }
    if (DICT_GROW(d, codesets, d->n_codesets + 1))
        return 0;
    d->codesets[d->n_codesets] = *cs;
    return (uint32_t)d->n_codesets++;
}

/* Stores "[A <990101] [B 990102-991231] [C]" as a codeset; returns its id
 * or 0 after reporting the problem. */
static uint32_t store_actor_codes(loader *ld, const char *text)
{
    dict_codeset cs = {0, 0};
    return add_actor_blocks(ld, &cs, text) ? 0 : finish_actor_codes(ld, &cs);
}

static int same_actor_codes(const dyad_dict *d, uint32_t a, uint32_t b)
{
    const dict_codeset *x = &d->codesets[a], *y = &d->codesets[b];
    if (x->n_entries != y->n_entries)
        return 0;
    for (uint32_t i = 0; i < x->n_entries; i++) {
        const dict_actor_entry *e = &d->actor_entries[x->first_entry + i];
        const dict_actor_entry *f = &d->actor_entries[y->first_entry + i];
        if (e->kind != f->kind || e->from != f->from || e->to != f->to ||
            e->n_items != f->n_items)
            return 0;
        for (uint32_t k = 0; k < e->n_items; k++) {
            const dict_actor_item *p = &d->actor_items[e->first_item + k];
            const dict_actor_item *q = &d->actor_items[f->first_item + k];
            if (p->actor != q->actor || p->agent != q->agent)
                return 0;
        }
    }
    return 1;
}

/* Whether the actor entry with phrase `ph` repeats an earlier actor whose
 * codes differ from its own: those of synonym group `group` (its first
 * root), or when `group` is 0 those on the line just read.  The line's
 * codes are read as a trial, as an entry's would be but with nothing
 * reported and no new code stored, and dropped again.  0 when either side
 * has no code yet (codes on the lines below) or the codes cannot be read. */
static int actor_codes_differ(loader *ld, uint32_t ph, uint32_t group)
{
    dyad_dict *d = ld->d;
    uint32_t first = dict__find_duplicate(d, ph);
    const dict_root *r = &d->roots[first];
    uint32_t first_set = first && r->type == WT_ACTOR && r->pattern
                             ? d->patterns[r->pattern].code : 0;
    if (!first_set)
        return 0;
    if (group) {
        uint32_t set = d->patterns[d->roots[group].pattern].code;
        return set && !same_actor_codes(d, first_set, set);
    }
    if (!ld->has_code)
        return 0;
    size_t n_entries = d->n_actor_entries, n_items = d->n_actor_items,
           n_sets = d->n_codesets;
    ld->trial = 1;
    uint32_t mine = store_actor_codes(ld, ld->code);
    ld->trial = 0;
    int differ = mine && !same_actor_codes(d, first_set, mine);
    d->n_actor_entries = n_entries;
    d->n_actor_items = n_items;
    d->n_codesets = n_sets;
    return differ;
}

/* ----------------------------------------------------------- roots */

/* Checks and stores the phrase of an entry; returns its token offset or 0
 * (reported).  `what` names the entry kind in messages. */
static uint32_t entry_phrase(loader *ld, char *phrase, int synset_literal)
{
    if (strchr(phrase, '\x01')) { /* a stray byte, reported by next_line */
        if (strspn(phrase, "\x01") < strlen(phrase))
            report(ld, DYAD_WARNING, ld->line,
                   "entry skipped: a stray byte in its phrase");
        return 0;
    }
    if (!fold_phrase(phrase)) {
        report(ld, DYAD_WARNING, ld->line,
               "phrase \"%s\" holds a character that text can never match; "
               "entry skipped", phrase);
        return 0;
    }
    if (strlen(phrase) < 2) {
        report(ld, DYAD_ERROR, ld->line, "no phrase (or a one-letter phrase)");
        return 0;
    }
    const char *bad = NULL;
    uint32_t ph = dict__store_phrase(ld->d, phrase, synset_literal, &bad);
    if (!ph && bad)
        report(ld, DYAD_ERROR, ld->line, "undeclared synset %s", bad);
    return ph;
}

/* Gives root `r` a new code-carrying pattern record; returns its id, or 0
 * when out of memory (the load then fails). */
static uint32_t new_code_carrier(loader *ld, uint32_t r)
{
    uint32_t pat = dict__new_pattern(ld->d);
    ld->d->roots[r].pattern = pat;
    dict__note_pattern(ld->d, pat, ld->file, (uint32_t)ld->line);
    return pat;
}

/* Adds a root unless its phrase duplicates an earlier entry. */
static uint32_t add_entry(loader *ld, uint32_t phrase, word_type type,
                          const char *text)
{
    dyad_dict *d = ld->d;
    uint32_t dup = dict__find_duplicate(d, phrase);
    int other_code = ld->other_code;
    ld->other_code = 0;
    if (dup) {
        const dict_root *r = &d->roots[dup];
        if (r->file && other_code)
            report(ld, DYAD_WARNING, ld->line,
                   "duplicate entry \"%s\" with another code (first read at %s:%u, "
                   "which wins); skipped", text, dict__str(d, d->files[r->file]), r->line);
        else if (r->file)
            report(ld, DYAD_WARNING, ld->line,
                   "duplicate entry \"%s\" (first read at %s:%u); skipped", text,
                   dict__str(d, d->files[r->file]), r->line);
        else
            report(ld, DYAD_WARNING, ld->line,
                   "entry \"%s\" duplicates a built-in word; skipped", text);
        d->n_tokens = phrase; /* drop the tokens just stored */
        return 0;
    }
    uint32_t t = dict__intern_string(d, text, strlen(text));
    return t ? dict__add_root(d, phrase, type, t, ld->file, (uint32_t)ld->line) : 0;
}

/* '&' inside a word of an actor phrase can never match text (the text
 * filter turns '&' into a blank): drop it so "KITTS_&_NEVIS" reads as
 * "KITTS_NEVIS". */
static void drop_ampersands(loader *ld, char *phrase)
{
    if (!strchr(phrase, '&'))
        return;
    report(ld, DYAD_WARNING, ld->line,
           "'&' in actor phrase \"%s\" is read as a word break", phrase);
    char *w = phrase;
    for (char *r = phrase; *r; r++) {
        if (*r == '&') {
            if (r[1] == '_' && w > phrase && w[-1] == '_')
                r++;
            continue;
        }
        *w++ = *r;
    }
    *w = '\0';
}

/* ----------------------------------------------------------- actors */

typedef struct actor_state {
    uint32_t pending;   /* root whose codes follow on indented lines */
    long pending_line;
    dict_codeset codes; /* the pending root's codes read so far */
    int bad_codes;      /* one of them was reported: the root codes as nothing */
    int skipping;       /* the entry above was skipped: so are its code lines */
    uint32_t parent;    /* first phrase of the current synonym group */
    uint32_t last;      /* last root stored (synonyms share its codes) */
    long capitals;      /* line of an open <CAPITALS> section, 0 = none */
} actor_state;

/* An indented "[CODE date]" line: more codes of the pending actor. */
static void read_code_line(loader *ld, actor_state *st)
{
    if (st->skipping || st->bad_codes)
        return;
    if (!st->pending) {
        report(ld, DYAD_ERROR, ld->line, "code line without an actor entry above it");
        return;
    }
    if (add_actor_blocks(ld, &st->codes, ld->code))
        st->bad_codes = 1;
}

static void finish_pending_actor(loader *ld, actor_state *st)
{
    if (!st->pending)
        return;
    dyad_dict *d = ld->d;
    uint32_t set = 0;
    if (!st->codes.n_entries && !st->bad_codes)
        report(ld, DYAD_WARNING, st->pending_line,
               "actor \"%s\" has no [code]; it will code as nothing",
               dict__str(d, d->roots[st->pending].text));
    else if (!st->bad_codes)
        set = finish_actor_codes(ld, &st->codes);
    d->patterns[d->roots[st->pending].pattern].code = set;
    st->pending = 0;
}

static void read_word_list(loader *ld, const char *end_tag, word_type type)
{
    char line[MAX_LINE];
    long start = ld->line;
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        char upper[MAX_LINE];
        snprintf(upper, sizeof upper, "%s", t);
        for (char *q = upper; *q; q++)
            *q = (char)toupper((unsigned char)*q);
        if (strstr(upper, end_tag))
            return;
        split_entry(ld, t);
        uint32_t ph = entry_phrase(ld, ld->phrase, 0);
        if (!ph)
            continue;
        uint32_t r = add_entry(ld, ph, type, ld->phrase);
        if (r)
            new_code_carrier(ld, r);
    }
    report(ld, DYAD_ERROR, start, "list has no closing %s> tag", end_tag);
}

static void read_actors(loader *ld)
{
    actor_state st = {0};
    char line[MAX_LINE];
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        if (!strncasecmp(t, "<NOUN", 5)) {
            read_word_list(ld, "</NOUN", WT_NOUN);
            continue;
        }
        if (!strncasecmp(t, "<ADJ", 4)) {
            read_word_list(ld, "</ADJ", WT_ADJCTV);
            continue;
        }
        if (!strncasecmp(t, "<CAPITALS>", 10) || !strncasecmp(t, "</CAPITALS>", 11)) {
            /* dyad: the entries between match only words in capitals */
            finish_pending_actor(ld, &st);
            st.capitals = t[1] == '/' ? 0 : ld->line;
            continue;
        }
        if (t[0] == '<') {
            report(ld, DYAD_ERROR, ld->line,
                   "unknown section tag %.40s (an .actors file has <NOUN>, <ADJECTIVE> "
                   "and <CAPITALS>)", t);
            continue;
        }
        split_entry(ld, t);
        if (!ld->phrase[0]) {
            read_code_line(ld, &st);
            continue;
        }
        int synonym = ld->phrase[0] == '+';
        if (!synonym)
            finish_pending_actor(ld, &st);
        char *phrase = synonym ? ld->phrase + 1 : ld->phrase;
        drop_ampersands(ld, phrase);
        if (synonym && !st.last) {
            /* after a skipped entry its synonyms go too (it was reported) */
            if (!st.skipping)
                report(ld, DYAD_ERROR, ld->line, "synonym without an actor entry above it");
            continue;
        }
        uint32_t ph = entry_phrase(ld, phrase, 0);
        if (ph)
            ld->other_code = actor_codes_differ(ld, ph, synonym ? st.parent : 0);
        uint32_t r = ph ? add_entry(ld, ph, WT_ACTOR, phrase) : 0;
        if (!r) {
            /* a skipped synonym leaves its group whole; a skipped entry
             * takes its synonyms and code lines with it */
            if (!synonym) {
                st.skipping = 1;
                st.last = 0;
            }
            continue;
        }
        st.skipping = 0;
        if (st.capitals)
            ld->d->roots[r].flags |= ROOT_CAPITALS;
        if (synonym) {
            ld->d->roots[r].pattern = ld->d->roots[st.last].pattern;
            ld->d->roots[r].parent = st.parent;
        } else {
            uint32_t pat = new_code_carrier(ld, r);
            st.parent = r;
            if (!pat) {
                st.skipping = 1; /* out of memory: the load fails */
            } else if (ld->has_code) {
                ld->d->patterns[pat].code = store_actor_codes(ld, ld->code);
            } else {
                st.pending = r;
                st.pending_line = ld->line;
                st.codes.n_entries = 0;
                st.bad_codes = 0;
            }
        }
        st.last = r;
    }
    finish_pending_actor(ld, &st);
    if (st.capitals)
        report(ld, DYAD_ERROR, st.capitals, "section has no closing </CAPITALS> tag");
}

/* ----------------------------------------------------------- agents */

/* Makes agent `r` of an <ALONE> section an actor on its own: its code
 * without the '~' ("~REB" -> "REB", "NGO~" -> "NGO"). */
static void make_alone_agent(loader *ld, uint32_t r, const char *code)
{
    char alone[256];
    size_t n = 0;
    for (const char *c = code; *c && n < sizeof alone - 1; c++)
        if (*c != '~' && *c != ' ')
            alone[n++] = *c;
    if (!n) {
        report(ld, DYAD_ERROR, ld->line, "agent [%s] in <ALONE> has no code of its own",
               code);
        return;
    }
    ld->d->roots[r].parent = dict__code(ld->d, alone, n);
    ld->d->roots[r].flags |= ROOT_ALONE;
}

static void read_agents(loader *ld)
{
    char line[MAX_LINE];
    long alone = 0; /* line of an open <ALONE> section */
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        if (!strncasecmp(t, "<ALONE>", 7) || !strncasecmp(t, "</ALONE>", 8)) {
            alone = t[1] == '/' ? 0 : ld->line;
            continue;
        }
        if (t[0] == '<') {
            report(ld, DYAD_ERROR, ld->line,
                   "unknown section tag %.40s (an .agents file has <ALONE>)", t);
            continue;
        }
        split_entry(ld, t);
        char code[256];
        if (!bracket_content(ld, code, sizeof code))
            continue;
        if (!strchr(code, '~')) {
            report(ld, DYAD_ERROR, ld->line,
                   "agent code [%s] needs a '~' to place the actor code", code);
            continue;
        }
        uint32_t ph = entry_phrase(ld, ld->phrase, 0);
        if (!ph)
            continue;
        char *c = code;
        while (*c == ' ')
            c++;
        uint32_t first = dict__find_duplicate(ld->d, ph);
        const dict_root *fr = &ld->d->roots[first];
        if (first && fr->type == WT_AGENT && fr->pattern) /* a repeat: same code? */
            ld->other_code = ld->d->patterns[fr->pattern].code !=
                             dict__find_code(ld->d, c, strlen(c));
        uint32_t r = add_entry(ld, ph, WT_AGENT, ld->phrase);
        uint32_t pat = r ? new_code_carrier(ld, r) : 0;
        if (!pat)
            continue;
        ld->d->patterns[pat].code = dict__code(ld->d, c, strlen(c));
        if (alone)
            make_alone_agent(ld, r, c);
    }
    if (alone)
        report(ld, DYAD_ERROR, alone, "section has no closing </ALONE> tag");
}

/* ------------------------------------------------------------ verbs */

/* TABARI's pattern length: letters, digits, '_' and '\'' outside {...};
 * plus, in *alt, the longest alternative of each {...} group. */
static void pattern_length(const char *s, int32_t *len, int32_t *alt)
{
    *len = 0;
    *alt = 0;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '_' || c == '\'')
            (*len)++;
        if (!isspace(c) && !ispunct(c)) {
            (*len)++;
        } else if (c == '{') {
            int32_t best = 0, cur = 0;
            while (*s && *s != '}') {
                s++;
                cur = 0;
                while (*s && *s != '|' && *s != '}') {
                    unsigned char k = (unsigned char)*s;
                    if (k == '_' || k == '\'')
                        cur++;
                    if (!isspace(k) && !ispunct(k))
                        cur++;
                    s++;
                }
                if (cur > best)
                    best = cur;
            }
            *alt += best;
            if (!*s)
                break;
        }
    }
}

typedef enum { CODE_EVENT, CODE_TIME, CODE_NO_CODE } code_kind;

static uint32_t store_time_code(loader *ld, const char *code_text)
{
    dyad_dict *d = ld->d;
    dict_timecode tc = {0, 0};
    if (strstr(code_text, "---"))
        tc.special = CODE_NULL;
    else if (strstr(code_text, "###"))
        tc.special = CODE_DISCARD;
    else if (strstr(code_text, "+++"))
        tc.special = CODE_COMPLEX;
    else {
        const char *p = strchr(code_text, '[');
        long v = strtol(p ? p + 1 : code_text, NULL, 10);
        if (v > 8191 || v < -8191) {
            report(ld, DYAD_WARNING, ld->line,
                   "time shift %ld is larger than 8191 days; set to 0", v);
            v = 0;
        }
        tc.days = (int32_t)v;
    }
    if (DICT_GROW(d, timecodes, d->n_timecodes + 1))
        return 0;
    d->timecodes[d->n_timecodes] = tc;
    return (uint32_t)d->n_timecodes++;
}

static uint32_t store_code_of_kind(loader *ld, code_kind kind, const char *code)
{
    if (kind == CODE_TIME)
        return store_time_code(ld, code);
    if (kind == CODE_EVENT)
        return store_event_code(ld, code[0] ? code : "[---]");
    return 0;
}

/* A "- ..." pattern line (or "+..." synonym of a synset) for root `root`. */
static void add_pattern(loader *ld, uint32_t root, code_kind kind,
                        int needs_verb_marker)
{
    dyad_dict *d = ld->d;
    char *body = ld->phrase + 1;
    if (needs_verb_marker && !strchr(body, '*')) {
        report(ld, DYAD_ERROR, ld->line, "pattern has no verb marker '*'");
        return;
    }
    if (kind != CODE_NO_CODE && !ld->has_code && needs_verb_marker) {
        report(ld, DYAD_ERROR, ld->line, "pattern has no [code]");
        return;
    }
    if (!fold_phrase(body)) {
        report(ld, DYAD_WARNING, ld->line,
               "pattern holds a character that text can never match; skipped");
        return;
    }
    space_alternatives(body, sizeof ld->phrase - 1);
    char written[MAX_LINE];
    snprintf(written, sizeof written, "%s", trim(body));
    int32_t len, alt;
    pattern_length(written, &len, &alt);
    const char *bad = NULL;
    uint32_t ph = dict__store_phrase(d, written, 0, &bad);
    if (!ph) {
        if (bad)
            report(ld, DYAD_ERROR, ld->line, "undeclared synset %s", bad);
        return;
    }
    /* A line reported as an error is not used at all: with a bad code, the
     * pattern would still match, and code as nothing. */
    uint32_t code = store_code_of_kind(ld, kind, ld->code);
    if (!code && kind != CODE_NO_CODE) {
        d->n_tokens = ph; /* drop the tokens just stored */
        return;
    }
    uint32_t text = dict__intern_string(d, written, strlen(written));
    uint32_t pat = text ? dict__new_pattern(d) : 0;
    if (!pat)
        return; /* out of memory: the load fails */
    dict_pattern *p = &d->patterns[pat];
    p->phrase = ph;
    p->length = len + alt;
    p->maxalt = alt;
    p->code = code;
    p->text = text;
    dict__note_pattern(d, pat, ld->file, (uint32_t)ld->line);
    dict__insert_pattern(d, root, pat);
}

/* A root line of a .verbs section; returns the root or 0. */
/* Stores root `phrase` with its code (0: none); returns the root, or 0 when
 * it was a duplicate or memory ran out. */
static uint32_t add_root(loader *ld, uint32_t phrase, word_type type, uint32_t code)
{
    uint32_t r = add_entry(ld, phrase, type, ld->phrase);
    uint32_t pat = r ? new_code_carrier(ld, r) : 0;
    if (!pat)
        return 0;
    ld->d->patterns[pat].code = code;
    return r;
}

static uint32_t add_verb_root(loader *ld, word_type type, code_kind kind)
{
    uint32_t ph = entry_phrase(ld, ld->phrase, type == WT_SYNSET);
    return ph ? add_root(ld, ph, type, store_code_of_kind(ld, kind, ld->code)) : 0;
}

static int same_evcode(const dyad_dict *d, uint32_t a, uint32_t b)
{
    const dict_evcode *x = &d->evcodes[a], *y = &d->evcodes[b];
    return x->code == y->code && x->pair == y->pair && x->flags == y->flags;
}

/* The earlier entry that a repeated verb line extends, or 0. A dictionary
 * split by CAMEO category names one verb in several files ("agree" is 03
 * with "to cooperate" and 08 with "to a ceasefire"): the repeat adds its
 * forms and patterns to the first entry when it has no code, or the same
 * code in another file. A verb first written without a code takes the code
 * of a later repeat. A repeat with a code inside the first entry's file
 * is left to add_entry, which reports it as a duplicate (0 here); one with
 * another code is reported here as a conflict and skipped (VERB_CONFLICT). */
#define VERB_CONFLICT UINT32_MAX
static uint32_t verb_to_extend(loader *ld, uint32_t phrase, uint32_t code)
{
    dyad_dict *d = ld->d;
    uint32_t first = dict__find_duplicate(d, phrase);
    if (!first || d->roots[first].type != WT_VERB ||
        (d->roots[first].flags & ROOT_VERB_FORM))
        return 0;
    dict_root *r = &d->roots[first];
    uint32_t *first_code = &d->patterns[r->pattern].code;
    if (!ld->has_code)
        return first;
    if (r->flags & ROOT_CODE_OPEN) {
        *first_code = code;
        r->flags &= (uint8_t)~ROOT_CODE_OPEN;
        dict__note_pattern(d, r->pattern, ld->file, (uint32_t)ld->line);
        return first;
    }
    if (*first_code && code && same_evcode(d, *first_code, code))
        return r->file != ld->file ? first : 0;
    report(ld, DYAD_WARNING, ld->line,
           "verb \"%s\" has another code at %s:%u; this block is skipped",
           ld->phrase, dict__str(d, d->files[r->file]), r->line);
    d->n_tokens = phrase;
    return VERB_CONFLICT;
}

/* A verb root line: a new verb, or more forms and patterns for one read
 * before. A verb without a code is a null verb ([---]) that codes only
 * through its patterns, unless another file gives it a code. */
static uint32_t read_verb_root(loader *ld)
{
    uint32_t ph = entry_phrase(ld, ld->phrase, 0);
    if (!ph)
        return 0;
    uint32_t code = store_code_of_kind(ld, CODE_EVENT, ld->code);
    uint32_t first = verb_to_extend(ld, ph, code);
    if (first == VERB_CONFLICT)
        return 0;
    if (first) {
        ld->d->n_tokens = ph; /* the phrase is stored already */
        return first;
    }
    uint32_t r = add_root(ld, ph, WT_VERB, code);
    if (r && !ld->has_code)
        ld->d->roots[r].flags |= ROOT_CODE_OPEN;
    return r;
}

/* Adds `form` (written as in a {...} list) as a form of verb `root`,
 * sharing its patterns. A form the verb already has is skipped quietly. */
static void add_verb_form(loader *ld, uint32_t root, char *form)
{
    uint32_t ph = entry_phrase(ld, form, 0);
    if (!ph)
        return;
    uint32_t known = dict__find_duplicate(ld->d, ph);
    if (known && ld->d->roots[known].pattern == ld->d->roots[root].pattern) {
        ld->d->n_tokens = ph; /* listed again, or added by SET: DROP E BEFORE ING */
        return;
    }
    uint32_t r = add_entry(ld, ph, WT_VERB, form);
    if (!r)
        return;
    ld->d->roots[r].pattern = ld->d->roots[root].pattern;
    ld->d->roots[r].flags |= ROOT_VERB_FORM;
}

/* "{BROKE_ BROKEN_}": irregular forms of `root`, sharing its patterns. */
static void add_verb_forms(loader *ld, uint32_t root)
{
    char forms[MAX_LINE];
    snprintf(forms, sizeof forms, "%s", ld->phrase);
    int any = 0;
    for (char *w = strtok(forms, " {}"); w; w = strtok(NULL, " {}")) {
        any = 1;
        char form[MAX_LINE];
        snprintf(form, sizeof form, "%s", w);
        add_verb_form(ld, root, form);
    }
    if (!any)
        report(ld, DYAD_ERROR, ld->line, "no verb forms inside {...}");
}

/* SET: DROP E BEFORE ING: a one-word exact verb ending in a single E
 * ("REFUSE_", "CRITICIZE_") also matches its -ING form without the E
 * ("refusing"), which the regular endings cannot reach. */
static void add_ing_form(loader *ld, uint32_t root)
{
    const char *text = dict__str(ld->d, ld->d->roots[root].text);
    size_t n = strlen(text);
    if (n < 4 || text[n - 1] != '_' || text[n - 2] != 'E' || strpbrk(text, " _") != text + n - 1)
        return;
    char before = text[n - 3];
    if (before == 'E' || before == 'O' || before == 'Y' || before == 'I')
        return; /* agreeing, hoeing, eyeing, dying: not a dropped E */
    char form[MAX_LINE];
    snprintf(form, sizeof form, "%.*sING_", (int)(n - 2), text);
    add_verb_form(ld, root, form);
}

/* Reads lines up to `end_tag`: roots and their "-" patterns. */
static void read_section(loader *ld, const char *end_tag, word_type type,
                         code_kind kind)
{
    char line[MAX_LINE];
    uint32_t root = 0;
    long start = ld->line;
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        if (!strncasecmp(t, end_tag, strlen(end_tag)))
            return;
        split_entry(ld, t);
        if (type == WT_SYNSET) {
            if (ld->phrase[0] == '+') {
                if (!root)
                    report(ld, DYAD_ERROR, ld->line, "synonym before any &SYNSET");
                else
                    add_pattern(ld, root, CODE_NO_CODE, 0);
            } else if (ld->phrase[0] == '&') {
                root = add_verb_root(ld, WT_SYNSET, CODE_NO_CODE);
            } else {
                report(ld, DYAD_ERROR, ld->line,
                       "synset lines start with '&' (name) or '+' (member)");
            }
            continue;
        }
        if (ld->phrase[0] == '-') {
            if (!root)
                report(ld, DYAD_ERROR, ld->line, "pattern before any root");
            else
                add_pattern(ld, root, kind, 1);
        } else {
            root = add_verb_root(ld, type, kind);
        }
    }
    report(ld, DYAD_ERROR, start, "section has no closing %s tag", end_tag);
}

static void read_verbs(loader *ld)
{
    char line[MAX_LINE];
    uint32_t verb = 0;   /* current verb root */
    int skipping = 0;    /* the current verb was a duplicate */
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        if (!strncasecmp(t, "<TIME>", 6)) {
            read_section(ld, "</TIME>", WT_TIME, CODE_TIME);
            ld->d->has_time_list = 1;
            ld->d->options.time_shift = 1;
            continue;
        }
        if (!strncasecmp(t, "<ATTRIB", 7)) {
            read_section(ld, "</ATTRIB", WT_ATTRIB, CODE_EVENT);
            ld->d->has_attrib_list = 1;
            continue;
        }
        if (!strncasecmp(t, "<SYN", 4)) {
            read_section(ld, "</SYN", WT_SYNSET, CODE_NO_CODE);
            continue;
        }
        split_entry(ld, t);
        if (ld->phrase[0] == '-') {
            if (!verb && !skipping)
                report(ld, DYAD_ERROR, ld->line, "pattern before any verb");
            else if (!skipping)
                add_pattern(ld, verb, CODE_EVENT, 1);
            continue;
        }
        if (ld->phrase[0] == '{') {
            if (!verb && !skipping)
                report(ld, DYAD_ERROR, ld->line, "verb forms before any verb");
            else if (!skipping)
                add_verb_forms(ld, verb);
            continue;
        }
        uint32_t r = read_verb_root(ld);
        if (r && ld->d->options.drop_e_before_ing)
            add_ing_form(ld, r);
        skipping = !r;
        verb = r;
    }
}

/* ---------------------------------------------------------- options */

/* Stores a LABEL: line's text. Output is UTF-8, so bytes that are not (old
 * dictionaries hold Mac Roman or Latin-1 quotes) become '?', with a warning. */
static void set_label(void *user, const char *code, const char *label)
{
    loader *ld = user;
    char text[MAX_LINE];
    snprintf(text, sizeof text, "%s", label);
    size_t len = strlen(text), bad, replaced = 0;
    while ((bad = dyad__utf8_invalid_at(text, len)) != (size_t)-1) {
        text[bad] = '?';
        replaced++;
    }
    if (replaced)
        report(ld, DYAD_WARNING, ld->line,
               "label of %s is not UTF-8: %zu byte(s) replaced by '?'", code, replaced);
    uint32_t id = dict__code(ld->d, code, strlen(code));
    dict__set_label(ld->d, id, text);
}

static void read_options(loader *ld)
{
    char line[MAX_LINE];
    for (char *t; (t = next_entry(ld, line, sizeof line));) {
        dyad_error e;
        memset(&e, 0, sizeof e);
        if (options__apply(&ld->d->options, t, set_label, ld, &e))
            report(ld, DYAD_ERROR, ld->line, "%s", e.message);
    }
}

/* ---------------------------------------------------------- projects */

static dyad_status load_file(dyad_dict *d, const char *path,
                             dyad_source_kind kind, dyad_diag_fn diag,
                             void *user, dyad_error *err);

/* Joins the project's directory and a file name from it. */
static void project_relative(const char *project, const char *name, char *out,
                             size_t cap)
{
    const char *slash = strrchr(project, '/');
    if (name[0] == '/' || !slash)
        snprintf(out, cap, "%s", name);
    else
        snprintf(out, cap, "%.*s/%s", (int)(slash - project), project, name);
}

static dyad_status read_project(loader *ld, dyad_error *err)
{
    typedef struct { char path[1024]; dyad_source_kind kind; } entry;
    entry files[64];
    size_t n = 0;
    char options[1024] = "";
    char line[MAX_LINE];
    while (next_line(ld, line, sizeof line)) {
        char *t = trim(line);
        if (t[0] != '<')
            continue;
        char *close = strchr(t, '>');
        if (!close) {
            report(ld, DYAD_WARNING, ld->line, "tag without closing '>'; ignored");
            continue;
        }
        char *value = trim(close + 1);
        char *end = strchr(value, '<');
        if (end)
            *end = '\0';
        value = trim(value);
        char tag0 = (char)tolower((unsigned char)t[1]);
        char tag1 = (char)tolower((unsigned char)t[2]);
        dyad_source_kind kind = DYAD_SOURCE_AUTO;
        if (tag0 == 'a')
            kind = tag1 == 'c' ? DYAD_SOURCE_ACTORS : DYAD_SOURCE_AGENTS;
        else if (tag0 == 'v')
            kind = DYAD_SOURCE_VERBS;
        else if (tag0 == 'o')
            kind = DYAD_SOURCE_OPTIONS;
        if (kind == DYAD_SOURCE_AUTO)
            continue; /* text files, event files, coder, session... */
        if (!*value) {
            report(ld, DYAD_WARNING, ld->line, "tag without a file name; ignored");
            continue;
        }
        if (kind == DYAD_SOURCE_OPTIONS) {
            project_relative(ld->path, value, options, sizeof options);
            continue;
        }
        if (n == sizeof files / sizeof *files) {
            report(ld, DYAD_ERROR, ld->line, "more than 64 dictionary files");
            break;
        }
        project_relative(ld->path, value, files[n].path, sizeof files[n].path);
        files[n++].kind = kind;
    }
    /* TABARI reads the options first, then the dictionaries in order */
    dyad_status st;
    if (options[0] &&
        (st = load_file(ld->d, options, DYAD_SOURCE_OPTIONS, ld->diag, ld->user, err)))
        return st;
    for (size_t i = 0; i < n; i++)
        if ((st = load_file(ld->d, files[i].path, files[i].kind, ld->diag,
                            ld->user, err)))
            return st;
    return DYAD_OK;
}

/* --------------------------------------------------------------- entry */

static dyad_source_kind kind_from_name(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (!dot)
        return DYAD_SOURCE_AUTO;
    if (!strcasecmp(dot, ".project"))
        return DYAD_SOURCE_PROJECT;
    if (!strcasecmp(dot, ".actors"))
        return DYAD_SOURCE_ACTORS;
    if (!strcasecmp(dot, ".agents"))
        return DYAD_SOURCE_AGENTS;
    if (!strcasecmp(dot, ".verbs"))
        return DYAD_SOURCE_VERBS;
    if (!strcasecmp(dot, ".options"))
        return DYAD_SOURCE_OPTIONS;
    /* a .dyd without the signature: the compiled loader says what is wrong */
    if (!strcasecmp(dot, ".dyd"))
        return DYAD_SOURCE_COMPILED;
    return DYAD_SOURCE_AUTO;
}

/* Whether a source is a compiled dictionary: by its kind, else by the
 * file's signature, else by its name. */
static int is_compiled_source(const dyad_dict_source *src)
{
    if (src->kind != DYAD_SOURCE_AUTO)
        return src->kind == DYAD_SOURCE_COMPILED;
    return dict__is_compiled_file(src->path) ||
           kind_from_name(src->path) == DYAD_SOURCE_COMPILED;
}

static dyad_status load_file(dyad_dict *d, const char *path,
                             dyad_source_kind kind, dyad_diag_fn diag,
                             void *user, dyad_error *err)
{
    if (kind == DYAD_SOURCE_AUTO)
        kind = kind_from_name(path);
    if (kind == DYAD_SOURCE_AUTO)
        return dyad__set_error(err, DYAD_ERR_USAGE, path, 0, 0,
                               "cannot tell the dictionary kind from the file name "
                               "(expected .project, .actors, .agents, .verbs or .options)");
    loader ld;
    memset(&ld, 0, sizeof ld);
    ld.d = d;
    ld.path = path;
    ld.diag = diag;
    ld.user = user;
    dyad_status st = read_file(path, &ld.buf, &ld.len, err);
    if (st)
        return st;
    uint32_t name = dict__intern_string(d, path, strlen(path));
    if (!name || DYAD_GROW(d->files, d->cap_files, d->n_files + 1)) {
        dyad__free(ld.buf);
        return dyad__set_error(err, DYAD_ERR_NOMEM, path, 0, 0, "out of memory");
    }
    d->files[d->n_files] = name;
    ld.file = (uint16_t)d->n_files++;
    st = DYAD_OK;
    switch (kind) {
    case DYAD_SOURCE_PROJECT: st = read_project(&ld, err); break;
    case DYAD_SOURCE_ACTORS: read_actors(&ld); break;
    case DYAD_SOURCE_AGENTS: read_agents(&ld); break;
    case DYAD_SOURCE_VERBS: read_verbs(&ld); break;
    case DYAD_SOURCE_OPTIONS: read_options(&ld); break;
    default: break;
    }
    dyad__free(ld.buf);
    if (!st && d->out_of_memory)
        return dyad__set_error(err, DYAD_ERR_NOMEM, path, 0, 0, "out of memory");
    return st;
}

/* ---------------------------------------------------------- defaults */

static uint32_t builtin_root(dyad_dict *d, const char *phrase, word_type type)
{
    uint32_t ph = dict__store_phrase(d, phrase, 1, NULL);
    if (!ph)
        return 0;
    uint32_t text = dict__intern_string(d, phrase, strlen(phrase));
    return text ? dict__add_root(d, ph, type, text, 0, 0) : 0;
}

dyad_status dict__install_defaults(dyad_dict *d)
{
    static const char *symbols[] = {",", "#", "*", "$", "+", "@", "%", "^",
                                    "{", "|", "}"};
    for (size_t i = 0; i < sizeof symbols / sizeof *symbols; i++)
        if (!dict__literal(d, symbols[i], 1, 1))
            return DYAD_ERR_NOMEM;
    /* literals 12..15 are reserved, as in TABARI */
    for (int i = 12; i < LIT_FIRST_WORD; i++) {
        char name[4] = {'\x02', (char)('0' + i / 10), (char)('0' + i % 10), 0};
        if (!dict__literal(d, name, 3, 1))
            return DYAD_ERR_NOMEM;
    }
    /* CODE_OPEN's text holds a byte no dictionary line can hold */
    static const char *fixed_codes[] = {"---", "+++", "###", "***", "~ELI", "\x01open"};
    for (size_t i = 0; i < sizeof fixed_codes / sizeof *fixed_codes; i++)
        if (dict__code(d, fixed_codes[i], strlen(fixed_codes[i])) != i + 1)
            return DYAD_ERR_NOMEM;
    static const struct { const char *phrase; word_type type; } builtins[] = {
        {"A_", WT_DETERM}, {"AN_", WT_DETERM}, {"THE_", WT_DETERM},
        {"AND_", WT_CONJ}, {"NOR_", WT_CONJ}, {"BUT_", WT_CONJ},
        {"OR_", WT_CONJ}, {"IN_", WT_PREP}, {"OF_", WT_PREP},
        {"HE_", WT_PRONOUN}, {"HIM_", WT_PRONOUN}, {"SHE_", WT_PRONOUN},
        {"HER_", WT_PRONOUN}, {"IT_", WT_PRONOUN}, {"THEM_", WT_PRONOUN},
        {"THEIR_", WT_PRONOUN}, {"THEY_", WT_PRONOUN}, {"WERE_", WT_AUXIL},
        {"WAS_", WT_AUXIL}, {"BEEN_", WT_AUXIL}, {"BY_", WT_BYWORD},
        {"FORMER_", WT_ADJCTV}, {"DEFAULT_ACTOR", WT_ACTOR},
    };
    for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
        uint32_t r = builtin_root(d, builtins[i].phrase, builtins[i].type);
        if (!r)
            return DYAD_ERR_NOMEM;
        if (!strcmp(builtins[i].phrase, "FORMER_"))
            d->root_former = r;
        if (!strcmp(builtins[i].phrase, "DEFAULT_ACTOR"))
            d->root_default_actor = r;
    }
    d->lit_the = dict__literal(d, "THE", 3, 0);
    d->lit_and = dict__literal(d, "AND", 3, 0);
    d->lit_nor = dict__literal(d, "NOR", 3, 0);
    d->lit_he = dict__literal(d, "HE", 2, 0);
    d->lit_him = dict__literal(d, "HIM", 3, 0);
    d->lit_she = dict__literal(d, "SHE", 3, 0);
    d->lit_her = dict__literal(d, "HER", 3, 0);
    d->lit_it = dict__literal(d, "IT", 2, 0);
    return d->out_of_memory ? DYAD_ERR_NOMEM : DYAD_OK;
}

/* ------------------------------------------------------------ public */

DYAD_API dyad_dict *dyad_dict_load(const dyad_dict_source *sources, size_t n,
                                   dyad_diag_fn diag, void *user,
                                   dyad_error *err)
{
    if (!sources || !n) {
        dyad__set_error(err, DYAD_ERR_USAGE, NULL, 0, 0, "no dictionary given");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (is_compiled_source(&sources[i])) {
            if (n != 1) {
                dyad__set_error(err, DYAD_ERR_USAGE, sources[i].path, 0, 0,
                                "a compiled dictionary must be the only source");
                return NULL;
            }
            return dict__load_compiled(sources[i].path, err);
        }
    }
    dyad_dict *d = dict__new();
    if (!d || dict__install_defaults(d)) {
        dyad_dict_close(d);
        dyad__set_error(err, DYAD_ERR_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if (load_file(d, sources[i].path, sources[i].kind, diag, user, err)) {
            dyad_dict_close(d);
            return NULL;
        }
    }
    dict__check(d, diag, user); /* may run out of memory: freeze says so */
    if (dict__freeze(d)) {
        dyad_dict_close(d);
        dyad__set_error(err, DYAD_ERR_NOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    return d;
}
