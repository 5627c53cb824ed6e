/*
 * segment.c -- sentence segmentation for news English.
 *
 * One forward pass over the bytes.  Most bytes are neither a newline nor
 * sentence-final punctuation, so the loop dispatches on a byte-class table
 * and moves on.  At a newline it looks ahead over horizontal white space for
 * a second newline (a paragraph break: always a boundary).  At a run of
 * '.', '!' and '?' it skips closing quotes and brackets, then white space,
 * and splits when the next character can open a sentence (upper-case
 * letter, digit, opening quote) -- unless a single '.' closes an
 * abbreviation.  That test looks back at the word before the '.', at most
 * MAX_WORD bytes and never past the start of the current sentence, and
 * ahead at the one word after it; every look-ahead stops at the first
 * character that is not white space, so the whole pass is linear.
 *
 * Abbreviations come in three kinds (see `abbreviations`): titles, months
 * and the like never end a sentence; "No." ends one unless a number follows
 * ("No. 10"); company suffixes and "etc." end one when a common sentence
 * starter follows ("Apple Inc. The company ...") -- the same test applies
 * to dotted acronyms ("U.S. The ..." splits, "U.S. Navy" does not).  Single
 * capital initials never end a sentence ("George W. Bush"), at the price of
 * "Plan B. Then" staying whole.
 *
 * Text is UTF-8 and handled as bytes: curly quotes (“ ” ‘ ’) and dashes
 * (– —) are matched as their three-byte sequences, U+00A0 counts as white
 * space, and code points are decoded only to ask whether a non-ASCII
 * letter is upper-case.
 */
#include <string.h>
#include <utf8proc.h>

#include "common.h"
#include "segment.h"
#include "utf8.h"

#define MAX_WORD 64      /* longer words are never abbreviations */
#define MAX_DATELINE 160 /* bytes looked at for a dateline */
#define MAX_AGENCY 40    /* bytes inside "(Reuters)" */

/* ------------------------------------------------------- byte classes */

enum { C_OTHER = 0, C_NEWLINE, C_TERM };

static const unsigned char byte_class[256] = {
    ['\n'] = C_NEWLINE, ['.'] = C_TERM, ['!'] = C_TERM, ['?'] = C_TERM,
};

/* Bytes of the white-space character at text[i] (limit = end of text):
 * ASCII white space or U+00A0; 0 when there is none. */
static size_t space_at(const char *t, size_t limit, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xC2 && i + 1 < limit && (unsigned char)t[i + 1] == 0xA0)
        return 2;
    return 0;
}

/* Bytes of the white-space character that ends just before t[j], looking
 * no further back than t[lo]; 0 when there is none. */
static size_t space_before(const char *t, size_t lo, size_t j)
{
    if (j <= lo)
        return 0;
    unsigned char c = (unsigned char)t[j - 1];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
        return 1;
    if (c == 0xA0 && j - 1 > lo && (unsigned char)t[j - 2] == 0xC2)
        return 2;
    return 0;
}

static size_t skip_space(const char *t, size_t len, size_t i)
{
    size_t n;
    while (i < len && (n = space_at(t, len, i)) != 0)
        i += n;
    return i;
}

static int is_hspace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* The three-byte sequence E2 80 xx (general punctuation) with xx = b? */
static int is_e280(const char *t, size_t len, size_t i, unsigned char b)
{
    return i + 2 < len && (unsigned char)t[i] == 0xE2 &&
           (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == b;
}

/* Length of a closing quote or bracket at t[i]: " ' ) ] ” ’. */
static size_t closer_at(const char *t, size_t len, size_t i)
{
    char c = t[i];
    if (c == '"' || c == '\'' || c == ')' || c == ']')
        return 1;
    if ((unsigned char)c != 0xE2)
        return 0;
    if (is_e280(t, len, i, 0x9D) || is_e280(t, len, i, 0x99))
        return 3;
    return 0;
}

/* Length of an opening quote at t[i]: " ' “ ‘; with `brackets`, also ( [. */
static size_t opener_at(const char *t, size_t len, size_t i, int brackets)
{
    char c = t[i];
    if (c == '"' || c == '\'' || (brackets && (c == '(' || c == '[')))
        return 1;
    if ((unsigned char)c != 0xE2)
        return 0;
    if (is_e280(t, len, i, 0x9C) || is_e280(t, len, i, 0x98))
        return 3;
    return 0;
}

static int is_ascii_upper(char c) { return c >= 'A' && c <= 'Z'; }
static int is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Bytes of the upper-case letter at t[i], 0 when it is not one. */
static size_t upper_at(const char *t, size_t len, size_t i)
{
    if (is_ascii_upper(t[i]))
        return 1;
    if ((unsigned char)t[i] < 0x80)
        return 0;
    size_t adv;
    int32_t cp = dyad__utf8_decode(t + i, len - i, &adv);
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ? adv : 0;
}

/* Can a sentence begin at t[k]? */
static int opens_sentence(const char *t, size_t len, size_t k)
{
    return is_digit(t[k]) || opener_at(t, len, k, 0) || upper_at(t, len, k);
}

/* ------------------------------------------------------ abbreviations */

enum { ABBR_ALWAYS, ABBR_BEFORE_NUMBER, ABBR_UNLESS_STARTER };

/* AL: always an abbreviation; NUM: only before a number; ST: unless a
 * sentence starter follows. */
#define AL(w) {w, sizeof w - 1, ABBR_ALWAYS}
#define NUM(w) {w, sizeof w - 1, ABBR_BEFORE_NUMBER}
#define ST(w) {w, sizeof w - 1, ABBR_UNLESS_STARTER}
#define MAX_ABBR 6 /* "approx" */

static const struct {
    const char *word;
    unsigned char len, kind;
} abbreviations[] = {
    /* titles */
    AL("Mr"), AL("Mrs"), AL("Ms"), AL("Dr"), AL("Prof"), AL("Gen"), AL("Lt"),
    AL("Col"), AL("Maj"), AL("Capt"), AL("Sgt"), AL("Adm"), AL("Gov"), AL("Sen"),
    AL("Rep"), AL("Rev"), AL("St"), AL("Sr"), AL("Jr"), AL("Pres"), AL("Amb"),
    AL("Hon"), AL("Brig"), AL("Cmdr"), AL("Supt"), AL("Insp"),
    /* months */
    AL("Jan"), AL("Feb"), AL("Mar"), AL("Apr"), AL("Jun"), AL("Jul"), AL("Aug"),
    AL("Sep"), AL("Sept"), AL("Oct"), AL("Nov"), AL("Dec"),
    /* common */
    NUM("No"), AL("vs"), ST("etc"), AL("approx"), ST("Inc"), ST("Corp"), ST("Co"),
    ST("Ltd"), ST("Bros"), AL("Dept"), AL("Univ"), AL("Ave"), AL("Blvd"), AL("Mt"),
    AL("Ft"), AL("Vol"), AL("Fig"), AL("est"),
};

#define STARTER(w) {w, sizeof w - 1}

static const struct {
    const char *word;
    size_t len;
} starters[] = {
    STARTER("The"), STARTER("A"),    STARTER("An"),    STARTER("He"),
    STARTER("She"), STARTER("It"),   STARTER("They"),  STARTER("We"),
    STARTER("In"),  STARTER("On"),   STARTER("But"),   STARTER("And"),
    STARTER("This"), STARTER("That"), STARTER("These"), STARTER("Those"),
    STARTER("I"),
};

/* Does `word` spell `entry` (both n bytes), exactly or in capitals
 * ("GEN")? */
static int same_word(const char *word, const char *entry, size_t n)
{
    if (memcmp(word, entry, n) == 0)
        return 1;
    if (n < 2)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char e = entry[i];
        if (e >= 'a' && e <= 'z')
            e = (char)(e - 'a' + 'A');
        if (word[i] != e)
            return 0;
    }
    return 1;
}

/* Is the word at t[k] (after an opening quote, if any) a sentence starter? */
static int starter_at(const char *t, size_t len, size_t k)
{
    k += opener_at(t, len, k, 0);
    size_t e = k;
    while (e < len && is_ascii_letter(t[e]))
        e++;
    if (e < len && is_digit(t[e]))
        return 0;
    for (size_t i = 0; i < sizeof starters / sizeof *starters; i++)
        if (e - k == starters[i].len && memcmp(t + k, starters[i].word, e - k) == 0)
            return 1;
    return 0;
}

/* "U.S", "a.m", "E.U" (the final '.' excluded): letters, each alone,
 * joined by dots. */
static int is_dotted_acronym(const char *w, size_t n)
{
    if (n < 3 || n % 2 == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (i % 2 == 0 ? !is_ascii_letter(w[i]) : w[i] != '.')
            return 0;
    return 1;
}

/* Given the '.' at t[dot] that is followed by white space and by t[k],
 * which could open a sentence: is it a sentence end?  `start` is where the
 * current sentence began. */
static int period_ends_sentence(const char *t, size_t len, size_t start,
                                size_t dot, size_t k)
{
    size_t lo = dot - start > MAX_WORD ? dot - MAX_WORD : start;
    size_t w = dot;
    while (w > lo && !space_before(t, lo, w))
        w--;
    if (w == lo && lo > start && !space_before(t, start, lo))
        return 1; /* too long for an abbreviation */
    size_t n;
    while (w < dot && (n = opener_at(t, dot, w, 1)) != 0)
        w += n;
    const char *word = t + w;
    size_t wlen = dot - w;
    if (wlen == 0)
        return 1;
    if (wlen == 1 && is_ascii_upper(word[0]))
        return 0; /* an initial */
    if (is_dotted_acronym(word, wlen))
        return starter_at(t, len, k);
    if (wlen > MAX_ABBR)
        return 1;
    for (size_t i = 0; i < sizeof abbreviations / sizeof *abbreviations; i++) {
        if (abbreviations[i].len != wlen || !same_word(word, abbreviations[i].word, wlen))
            continue;
        switch (abbreviations[i].kind) {
        case ABBR_ALWAYS: return 0;
        case ABBR_BEFORE_NUMBER: return !is_digit(t[k]);
        default: return starter_at(t, len, k);
        }
    }
    return 1;
}

/* ----------------------------------------------------------- datelines */

static const char *const months[] = {
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept",
    "Oct", "Nov", "Dec",
};

static size_t skip_hspace(const char *t, size_t len, size_t i)
{
    while (i < len && (t[i] == ' ' || t[i] == '\t'))
        i++;
    return i;
}

/* ", Month Day" or ", Month Day, Year" at t[i]; returns the end or 0. */
static size_t dateline_date(const char *t, size_t len, size_t i)
{
    if (i >= len || t[i] != ',')
        return 0;
    size_t p = skip_hspace(t, len, i + 1);
    size_t e = p;
    while (e < len && is_ascii_letter(t[e]))
        e++;
    int month = 0;
    for (size_t m = 0; m < sizeof months / sizeof *months; m++)
        if (e - p == strlen(months[m]) && memcmp(t + p, months[m], e - p) == 0)
            month = 1;
    if (!month)
        return 0;
    if (e < len && t[e] == '.')
        e++;
    p = skip_hspace(t, len, e);
    if (p == e)
        return 0;
    e = p;
    while (e < len && e - p < 2 && is_digit(t[e]))
        e++;
    if (e == p || (e < len && is_digit(t[e])))
        return 0;
    if (e < len && t[e] == ',') {
        p = skip_hspace(t, len, e + 1);
        size_t y = p;
        while (y < len && is_digit(t[y]))
            y++;
        if (y - p == 4 && !(y < len && is_ascii_letter(t[y])))
            return y;
    }
    return e;
}

/* The end of 1 to 4 place words at t[i] ("BEIJING", "New Delhi",
 * "Port-au-Prince"), or i when there are none.  Each word starts with an
 * upper-case letter; *all_caps says whether every letter was upper case
 * and *letters counts the letters. */
static size_t dateline_place(const char *t, size_t lim, size_t i, int *all_caps,
                             int *letters)
{
    size_t p = i, n;
    *all_caps = 1;
    *letters = 0;
    for (int words = 0; words < 4;) {
        size_t w = p;
        if (p >= lim || !upper_at(t, lim, p))
            break;
        while (p < lim) {
            if ((n = upper_at(t, lim, p)) != 0) {
                (*letters)++;
                p += n;
            } else if (t[p] >= 'a' && t[p] <= 'z') {
                *all_caps = 0;
                (*letters)++;
                p++;
            } else if (t[p] == '.' || t[p] == '\'') {
                p++;
            } else if (t[p] == '-' && p + 1 < lim && is_ascii_letter(t[p + 1])) {
                p++; /* WILKES-BARRE, Port-au-Prince */
            } else {
                break;
            }
        }
        if (p == w)
            break;
        words++;
        if (p + 1 < lim && t[p] == ' ' && upper_at(t, lim, p + 1))
            p++;
        else
            break;
    }
    return p;
}

/* "(Reuters)" or "[China]" at t[a]: the offset after it, or 0. */
static size_t dateline_group(const char *t, size_t lim, size_t a)
{
    if (a >= lim || (t[a] != '(' && t[a] != '['))
        return 0;
    char close = t[a] == '(' ? ')' : ']';
    size_t c = a + 1;
    while (c < lim && c - a <= MAX_AGENCY && t[c] != close && t[c] != '\n')
        c++;
    if (c >= lim || t[c] != close || c == a + 1)
        return 0;
    return c + 1;
}

/* The separator after a dateline at t[a] -- a dash ("-", "--", en or em
 * dash), or a colon after a bracketed group -- then the start of the text
 * after it; 0 when there is none. */
static size_t dateline_separator(const char *t, size_t len, size_t lim, size_t a,
                                 int had_group)
{
    size_t e;
    int ascii = 0;
    if (a < lim && t[a] == '-') {
        e = a + 1 + (a + 1 < lim && t[a + 1] == '-');
        ascii = 1;
    } else if (is_e280(t, lim, a, 0x93) || is_e280(t, lim, a, 0x94)) {
        e = a + 3;
    } else if (had_group && a < lim && t[a] == ':') {
        e = a + 1;
        ascii = 1;
    } else {
        return 0;
    }
    size_t s = skip_space(t, len, e);
    if ((ascii && s == e) || s >= len)
        return 0;
    return s;
}

/* If t[i..] opens with a dateline, returns the offset of the text after it;
 * otherwise returns i.  A dateline is a place (1 to 4 words), an optional
 * ", Month Day[, Year]" or ", Place", an optional "(Agency)" or "[Country]",
 * and a separator: "BEIJING, April 9 (Reuters) - ", "KYIV, Ukraine (AP) -- ",
 * "Beijing [China]: ".  A place not in capitals needs the bracketed group,
 * and a ", Place" too, so that "Russia - Ukraine talks" stays text. */
static size_t dateline_end(const char *t, size_t len, size_t i)
{
    size_t lim = len - i > MAX_DATELINE ? i + MAX_DATELINE : len;
    int all_caps, letters, caps2, letters2;
    size_t p = dateline_place(t, lim, i, &all_caps, &letters);
    if (p == i || letters < 2)
        return i;
    size_t q = dateline_date(t, lim, p);
    int second_place = 0;
    if (q) {
        p = q;
    } else if (p < lim && t[p] == ',') {
        size_t w = skip_hspace(t, lim, p + 1);
        q = dateline_place(t, lim, w, &caps2, &letters2);
        if (q == w)
            return i;
        p = q;
        second_place = 1;
    }
    size_t g = dateline_group(t, lim, skip_hspace(t, lim, p));
    if (g)
        p = g;
    else if (!all_caps || second_place)
        return i;
    size_t s = dateline_separator(t, len, lim, skip_hspace(t, lim, p), g != 0);
    return s ? s : i;
}

/* ---------------------------------------------------------------- split */

/* Appends t[a..b) trimmed of white space, unless nothing is left. */
static int emit(const char *t, size_t a, size_t b, dyad_span **spans, size_t *cap,
                size_t *n)
{
    size_t k;
    while (a < b && (k = space_at(t, b, a)) != 0)
        a += k;
    while (b > a && (k = space_before(t, a, b)) != 0)
        b -= k;
    if (a == b)
        return 0;
    if (dyad__grow((void **)spans, cap, *n + 1, sizeof **spans))
        return -1;
    (*spans)[*n].start = a;
    (*spans)[*n].end = b;
    (*n)++;
    return 0;
}

size_t dyad__segment(const char *text, size_t len, dyad_span **spans, size_t *cap)
{
    const char *t = text;
    size_t n = 0;
    size_t start = dateline_end(t, len, skip_space(t, len, 0));
    size_t i = start;

    while (i < len) {
        unsigned char c = (unsigned char)t[i];
        switch (byte_class[c]) {
        case C_OTHER:
            i++;
            continue;
        case C_NEWLINE: {
            size_t j = i + 1;
            while (j < len && is_hspace(t[j]))
                j++;
            if (j < len && t[j] == '\n') {
                if (emit(t, start, i, spans, cap, &n))
                    return (size_t)-1;
                start = i = skip_space(t, len, j);
            } else {
                i = j;
            }
            continue;
        }
        default:
            break;
        }
        /* '.', '!' or '?': the run of them, closers, white space, then the
         * character that decides. */
        size_t e = i + 1, k;
        while (e < len && byte_class[(unsigned char)t[e]] == C_TERM)
            e++;
        int single_period = (c == '.' && e == i + 1);
        while (e < len && (k = closer_at(t, len, e)) != 0)
            e += k;
        k = skip_space(t, len, e);
        if (k == e || k == len || !opens_sentence(t, len, k) ||
            (single_period && !period_ends_sentence(t, len, start, i, k))) {
            i = e;
            continue;
        }
        if (emit(t, start, e, spans, cap, &n))
            return (size_t)-1;
        start = i = k;
    }
    if (emit(t, start, len, spans, cap, &n))
        return (size_t)-1;
    return n;
}
