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
            s->lit_seen[found[i] / 64] |= 1ull << (found[i] % 64);
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

/* Reads the folded ASCII characters of the sentence one at a time, with
 * the document bytes each came from.  ASCII bytes are read as they are;
 * other characters are decoded and folded ("é" -> "e", "ß" -> "ss").
 * Control characters become blanks, except in TABARI records, where
 * TABARI keeps them inside words (and its validation suite expects it). */
typedef struct reader {
    const char *text;
    size_t len, pos;
    size_t base;
    int keep_controls;
    char pending[4]; /* rest of a multi-character folding */
    int n_pending, at_pending;
    uint32_t start, end;
} reader;

static char fold_ascii(const reader *r, unsigned char c)
{
    if (c >= ' ' && c != 0x7f)
        return (char)c;
    if (c == '\t' || c == '\n' || c == '\r' || !r->keep_controls)
        return ' ';
    return (char)c;
}

/* A non-ASCII character: decode and fold it. */
static char next_folded(reader *r)
{
    size_t adv;
    int32_t cp = dyad__utf8_decode(r->text + r->pos, r->len - r->pos, &adv);
    r->start = (uint32_t)(r->base + r->pos);
    r->pos += adv;
    r->end = (uint32_t)(r->base + r->pos);
    size_t m = dyad__fold_codepoint(cp, r->pending);
    if (m == 0) { /* no ASCII form: an unmatchable letter */
        r->pending[0] = '\x7f';
        m = 1;
    }
    r->n_pending = (int)m;
    r->at_pending = 1;
    return r->pending[0];
}

/* The next folded character, or 0 at the end. */
static inline char next_char(reader *r)
{
    if (r->at_pending < r->n_pending)
        return r->pending[r->at_pending++];
    if (r->pos >= r->len)
        return 0;
    unsigned char c = (unsigned char)r->text[r->pos];
    if (c >= 0x80)
        return next_folded(r);
    r->start = (uint32_t)(r->base + r->pos);
    r->end = r->start + 1;
    r->pos++;
    char a = fold_ascii(r, c);
    return a ? a : ' ';
}

/* The folded character after the current one, without consuming it. */
static char peek_char(const reader *r)
{
    if (r->at_pending < r->n_pending)
        return r->pending[r->at_pending];
    if (r->pos >= r->len)
        return 0;
    unsigned char c = (unsigned char)r->text[r->pos];
    if (c < 0x80)
        return fold_ascii(r, c);
    size_t adv;
    char ascii[4];
    int32_t cp = dyad__utf8_decode(r->text + r->pos, r->len - r->pos, &adv);
    return dyad__fold_codepoint(cp, ascii) ? ascii[0] : '\x7f';
}

/* ------------------------------------------------------------- filter */

/* The filtered text is cut into words as it is produced. */
typedef struct raw_word {
    uint32_t at, len;      /* in s->text */
    uint32_t src_start, src_end;
} raw_word;

typedef struct filter {
    sentence *s;
    size_t used;
    raw_word words[MAX_WORDS];
    int n_words;
    int in_word;
    uint32_t ends[WORD_CHARS_MAX + 2]; /* source end of each char of the word */
    int full;
} filter;

static void end_word(filter *f)
{
    if (!f->in_word)
        return;
    f->in_word = 0;
    f->n_words++;
}

static inline void put_word_char(filter *f, char c, uint32_t start, uint32_t end);

static inline void put(filter *f, char c, uint32_t start, uint32_t end)
{
    if (c == ' ') {
        end_word(f);
        return;
    }
    put_word_char(f, c, start, end);
}

static inline void put_word_char(filter *f, char c, uint32_t start, uint32_t end)
{
    if (f->full)
        return;
    if (f->in_word && f->words[f->n_words].len == WORD_CHARS_MAX + 1) {
        /* TABARI blanks the 63rd character of a longer word and starts a
         * new word at the 64th */
        raw_word *w = &f->words[f->n_words];
        w->len = WORD_CHARS_MAX;
        w->src_end = f->ends[WORD_CHARS_MAX - 1];
        f->used--;
        end_word(f);
    }
    if (!f->in_word) {
        if (f->n_words >= MAX_WORDS || f->used + WORD_CHARS_MAX + 2 >= MAX_FILTERED) {
            f->full = 1;
            f->s->truncated = 1;
            return;
        }
        f->words[f->n_words] = (raw_word){(uint32_t)f->used, 0, start, end};
        f->in_word = 1;
    }
    raw_word *w = &f->words[f->n_words];
    f->s->text[f->used++] = c;
    f->ends[w->len] = end;
    w->len++;
    w->src_end = end;
}

static void put_spaced(filter *f, char c, uint32_t start, uint32_t end)
{
    put(f, ' ', start, start);
    put(f, c, start, end);
    put(f, ' ', end, end);
}

/* TABARI's filterText.  Returns 1 when the text has no lower-case letter
 * outside comments. */
static int filter_text(reader *r, int tabari_record, int fbis, filter *f)
{
    int all_caps = 1;
    char prev = ' ';
    char c = next_char(r);
    if (fbis)
        while (c && c != '[' && !is_upper(c) && !is_lower(c)) {
            prev = c;
            c = next_char(r);
        }
    for (; c && !f->full; prev = c, c = next_char(r)) {
        if (all_caps && is_lower(c))
            all_caps = 0;
        if (is_alnum(c) && r->at_pending >= r->n_pending) {
            /* the bulk of any text: a run of ASCII letters and digits */
            put_word_char(f, c, r->start, r->end);
            while (r->pos < r->len && is_alnum(r->text[r->pos])) {
                c = r->text[r->pos];
                if (all_caps && is_lower(c))
                    all_caps = 0;
                uint32_t at = (uint32_t)(r->base + r->pos);
                put_word_char(f, c, at, at + 1);
                r->pos++;
            }
            r->start = (uint32_t)(r->base + r->pos - 1);
            r->end = r->start + 1;
            continue;
        }
        if (tabari_record && c == '/' && peek_char(r) == '*') {
            /* skip to the first "*\/", the opening star included */
            char a = next_char(r);
            while (a && !(a == '*' && peek_char(r) == '/'))
                a = next_char(r);
            if (a)
                next_char(r);
            c = '/';
            continue;
        }
        if (fbis && c == '[') {
            while (c && c != ']')
                c = next_char(r);
            continue;
        }
        if (!is_punct(c)) {
            put(f, c, r->start, r->end);
            continue;
        }
        switch (c) {
        case ';': case ':': case '(': case ')':
            put_spaced(f, ',', r->start, r->end);
            break;
        case ',':
            if (!(is_digit(prev) && is_digit(peek_char(r))))
                put_spaced(f, ',', r->start, r->end);
            break;
        case '.':
            if ((is_digit(prev) && is_digit(peek_char(r))) || is_upper(prev))
                put(f, '.', r->start, r->end);
            else
                put(f, ' ', r->start, r->start);
            break;
        case '\'': case '$':
            put(f, c, r->start, r->end);
            break;
        case '"':
            put_spaced(f, '"', r->start, r->end);
            break;
        default:
            put(f, ' ', r->start, r->start);
            break;
        }
    }
    end_word(f);
    return all_caps;
}

/* ------------------------------------------------------------- words */

static void make_word(sentence *s, const raw_word *rw, int *first_cap)
{
    word *w = &s->w[s->n++];
    memset(w, 0, sizeof *w);
    w->head = w->tail = -1;
    char *text = s->text + rw->at;
    size_t n = rw->len;
    w->norm = text;
    w->norm_len = (uint32_t)n;
    w->src_start = rw->src_start;
    w->src_end = rw->src_end;
    if (!s->all_caps && is_upper(text[0])) {
        w->lex = *first_cap ? LEX_INITCAP : LEX_MIDCAP;
        *first_cap = 0;
    }
    if (n == 1 && text[0] == ',') {
        w->lex = LEX_COMMA;
        w->lit_count = -1; /* marks the comma symbol */
        return;
    }
    if (is_digit(text[0])) {
        /* a number unless some literal is a prefix of the raw word
         * ("Group of 77") */
        uint32_t found[WORD_CHARS_MAX + 1];
        if (!dict__literal_prefixes(s->dict, text, n, found,
                                    sizeof found / sizeof *found)) {
            w->lex = LEX_NUMBER;
            w->lit_count = -2; /* marks the number symbol */
            return;
        }
    }
    int lower = 0;
    if (!s->all_caps)
        for (size_t k = 0; k < n; k++)
            if (is_lower(text[k])) {
                text[k] = (char)(text[k] - 'a' + 'A');
                lower = 1;
            }
    if (!lower)
        w->lex |= LEX_CAPITALS;
    if (add_word_literals(s, w, text, n))
        w->lit_count = 0;
}

_Static_assert(sizeof(filter) <= sizeof(((sentence *)0)->fold),
               "the filter state must fit the sentence's scratch space");

void tok__sentence(sentence *s, const char *text, size_t len,
                   size_t base_offset, int tabari_record)
{
    if (s->lit_seen) /* forget the last sentence's literals */
        for (int i = 0; i < s->n_lits; i++)
            s->lit_seen[s->lits[i].lit / 64] = 0;
    s->n = 0;
    s->n_lits = 0;
    s->n_tags = 0;
    s->truncated = 0;
    reader r = {text, len, 0, base_offset, tabari_record, {0}, 0, 0, 0, 0};
    filter *f = (filter *)s->fold; /* scratch space of the sentence */
    f->s = s;
    f->used = 0;
    f->n_words = 0;
    f->in_word = 0;
    f->full = 0;
    s->all_caps = filter_text(&r, tabari_record, s->opt->fbis, f);
    int first_cap = 1;
    for (int i = 0; i < f->n_words; i++)
        make_word(s, &f->words[i], &first_cap);
    /* two Halt words: the parser looks one word past the end at most */
    for (int k = s->n; k <= s->n + 1; k++) {
        word *halt = &s->w[k];
        memset(halt, 0, sizeof *halt);
        halt->head = halt->tail = -1;
        halt->type = WT_HALT;
    }
}
