/*
 * tokenize.c -- from sentence text to words: the text filter and the
 * literal lookup that every later stage reads.
 *
 * The filter is TABARI's (manual 7.3), applied to text that has first been
 * folded to ASCII so that accented names match their dictionary spelling:
 *   ; : ( )        become a comma word
 *   ,              becomes a comma word, or vanishes inside a number (1,500)
 *   .              stays inside numbers and after a capital (U.S.), else a blank
 *   ' $            stay;  "  becomes a word of its own
 *   other punctuation (including '-') becomes a blank
 *   text between / * and * / is dropped in TABARI records
 * Words are then upper-cased (unless the sentence is all capitals, where
 * capitalisation tells nothing) and flagged: capitalised in mid-sentence
 * (which turns a verb into a noun later), a number, a comma.
 *
 * For each word the literals that are prefixes of it are listed, shortest
 * first; this is the only dictionary lookup the matcher needs, and it is one
 * hash probe per prefix length.  Every word keeps the byte range of the
 * document text it came from, so that events can quote their evidence.
 */
#include <ctype.h>
#include <string.h>

#include "sentence.h"
#include "utf8.h"


static int is_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(char c) { return c >= 'a' && c <= 'z'; }
static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alnum(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }
static int is_punct(char c) { return c > ' ' && c < 0x7f && !is_alnum(c); }

/* ------------------------------------------------------------ literals */

static int add_word_literals(sentence *s, word *w, const char *text, size_t n)
{
    w->lit_first = s->n_lits;
    w->lit_count = 0;
    uint32_t found[WORD_CHARS_MAX + 1];
    uint32_t k = dict__literal_prefixes(s->dict, text, n, found,
                                        sizeof found / sizeof *found);
    if (s->n_lits + (int)k > MAX_LITREFS)
        return -1;
    for (uint32_t i = 0; i < k; i++) {
        s->lits[s->n_lits++].lit = found[i];
        if (s->lit_seen)
            s->lit_seen[found[i]] = s->serial;
    }
    w->lit_count = (int)k;
    return 0;
}

int tok__word_has_literal(const sentence *s, int i, uint32_t lit)
{
    const word *w = &s->w[i];
    for (int k = 0; k < w->lit_count; k++)
        if (s->lits[w->lit_first + k].lit == lit)
            return 1;
    return 0;
}

int tok__literal_match(const sentence *s, int i, uint32_t lit)
{
    if (!tok__word_has_literal(s, i, lit))
        return 0;
    return s->dict->literals[lit].len == s->w[i].norm_len ? 2 : 1;
}

/* ------------------------------------------------------------ folding */

/* Folds text to ASCII; returns the number of entries (<= cap).  Control
 * characters become blanks, except in TABARI records, where TABARI keeps
 * them inside words (and its validation suite expects that). */
static size_t fold_text(const char *text, size_t len, size_t base,
                        int keep_controls, folded *out, size_t cap)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 4 <= cap;) {
        unsigned char c = (unsigned char)text[i];
        uint32_t start = (uint32_t)(base + i);
        if (c < 0x80) {
            char a = (char)c;
            int blank = c == '\t' || c == '\n' || c == '\r' || !keep_controls;
            if ((c < ' ' || c == 0x7f) && blank)
                a = ' ';
            out[k++] = (folded){a, start, start + 1};
            i++;
            continue;
        }
        size_t adv;
        int32_t cp = dyad__utf8_decode(text + i, len - i, &adv);
        char ascii[4];
        size_t m = dyad__fold_codepoint(cp, ascii);
        uint32_t end = (uint32_t)(base + i + adv);
        if (m == 0) { /* no ASCII form: an unmatchable letter */
            ascii[0] = '\x7f';
            m = 1;
        }
        for (size_t j = 0; j < m; j++)
            out[k++] = (folded){ascii[j], start, end};
        i += adv;
    }
    return k;
}

/* ------------------------------------------------------------- filter */

typedef struct emitter {
    char *text;
    uint32_t *start, *end;
    size_t len, cap;
} emitter;

static void emit(emitter *e, char c, uint32_t start, uint32_t end)
{
    if (e->len + 1 >= e->cap)
        return;
    e->text[e->len] = c;
    e->start[e->len] = start;
    e->end[e->len] = end;
    e->len++;
}

static void emit_spaced(emitter *e, char c, const folded *f)
{
    emit(e, ' ', f->start, f->start);
    emit(e, c, f->start, f->end);
    emit(e, ' ', f->end, f->end);
}

/* TABARI's filterText over folded text. Returns 1 when the sentence has
 * no lower-case letter outside comments. */
static int filter_text(const folded *f, size_t n, int tabari_record, int fbis,
                       emitter *e)
{
    int all_caps = 1;
    size_t i = 0;
    if (fbis)
        while (i < n && f[i].c != '[' && !is_upper(f[i].c) && !is_lower(f[i].c))
            i++;
    while (i < n) {
        char c = f[i].c;
        if (all_caps && is_lower(c))
            all_caps = 0;
        if (tabari_record && c == '/' && i + 1 < n && f[i + 1].c == '*') {
            while (i < n && !(f[i].c == '*' && i + 1 < n && f[i + 1].c == '/'))
                i++;
            i = i < n ? i + 2 : n;
            continue;
        }
        if (fbis && c == '[') {
            while (i < n && f[i].c != ']')
                i++;
            if (i < n)
                i++;
            continue;
        }
        if (!is_punct(c)) {
            emit(e, c, f[i].start, f[i].end);
            i++;
            continue;
        }
        char prev = i > 0 ? f[i - 1].c : ' ';
        char next = i + 1 < n ? f[i + 1].c : ' ';
        switch (c) {
        case ';': case ':': case '(': case ')':
            emit_spaced(e, ',', &f[i]);
            break;
        case ',':
            if (!(is_digit(prev) && is_digit(next)))
                emit_spaced(e, ',', &f[i]);
            break;
        case '.':
            if ((is_digit(prev) && is_digit(next)) || is_upper(prev))
                emit(e, '.', f[i].start, f[i].end);
            else
                emit(e, ' ', f[i].start, f[i].start);
            break;
        case '\'': case '$':
            emit(e, c, f[i].start, f[i].end);
            break;
        case '"':
            emit_spaced(e, '"', &f[i]);
            break;
        default:
            emit(e, ' ', f[i].start, f[i].start);
            break;
        }
        i++;
    }
    return all_caps;
}

/* ------------------------------------------------------------- words */

static int push_word(sentence *s, const char *text, const uint32_t *start,
                     const uint32_t *end, size_t n, size_t *used, int *first_cap)
{
    if (s->n >= MAX_WORDS) {
        s->truncated = 1;
        return -1;
    }
    if (*used + n + 1 > sizeof s->text) {
        s->truncated = 1;
        return -1;
    }
    word *w = &s->w[s->n];
    memset(w, 0, sizeof *w);
    w->head = w->tail = -1;
    char *dst = s->text + *used;
    memcpy(dst, text, n);
    dst[n] = '\0';
    *used += n + 1;
    w->norm = dst;
    w->norm_len = (uint32_t)n;
    w->src_start = start[0];
    w->src_end = end[n - 1];
    if (!s->all_caps && is_upper(text[0])) {
        w->lex = *first_cap ? LEX_INITCAP : LEX_MIDCAP;
        *first_cap = 0;
    }
    if (n == 1 && text[0] == ',') {
        w->lex = LEX_COMMA;
        w->type = WT_NULL;
        w->lit_first = 0;
        w->lit_count = -1; /* marks the comma symbol */
        s->n++;
        return 0;
    }
    if (is_digit(text[0])) {
        /* a number unless some literal is a prefix of the raw word
         * ("Group of 77") */
        word probe = *w;
        int saved = s->n_lits;
        add_word_literals(s, &probe, dst, n);
        s->n_lits = saved;
        if (!probe.lit_count) {
            w->lex = LEX_NUMBER;
            w->lit_count = -2; /* marks the number symbol */
            s->n++;
            return 0;
        }
    }
    if (!s->all_caps)
        for (size_t k = 0; k < n; k++)
            dst[k] = (char)toupper((unsigned char)dst[k]);
    if (add_word_literals(s, w, dst, n))
        w->lit_count = 0;
    s->n++;
    return 0;
}

static void split_words(sentence *s, const emitter *e)
{
    size_t used = 0;
    int first_cap = 1;
    size_t i = 0;
    while (i < e->len) {
        while (i < e->len && e->text[i] == ' ')
            i++;
        size_t j = i;
        while (j < e->len && e->text[j] != ' ')
            j++;
        while (i < j) {
            size_t n = j - i;
            size_t take = n > WORD_CHARS_MAX ? WORD_CHARS_MAX : n;
            if (push_word(s, e->text + i, e->start + i, e->end + i, take, &used,
                          &first_cap))
                return;
            i += take;
            if (n > WORD_CHARS_MAX)
                i++; /* TABARI blanks out the 63rd character */
        }
        i = j;
    }
}

void tok__sentence(sentence *s, const char *text, size_t len,
                   size_t base_offset, int tabari_record)
{
    s->n = 0;
    s->n_lits = 0;
    if (s->lit_seen && ++s->serial == 0) { /* wrapped: forget everything */
        memset(s->lit_seen, 0, s->dict->n_literals * sizeof *s->lit_seen);
        s->serial = 1;
    }
    s->n_tags = 0;
    s->truncated = 0;
    size_t nf = fold_text(text, len, base_offset, tabari_record, s->fold, SCRATCH_CHARS);
    if (nf >= SCRATCH_CHARS - 4)
        s->truncated = 1;
    emitter e = {s->ftext, s->fstart, s->fend, 0, sizeof s->ftext};
    s->all_caps = filter_text(s->fold, nf, tabari_record, s->opt->fbis, &e);
    split_words(s, &e);
    word *halt = &s->w[s->n];
    memset(halt, 0, sizeof *halt);
    halt->head = halt->tail = -1;
    halt->type = WT_HALT;
}
