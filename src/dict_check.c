/*
 * dict_check.c -- the defects that only the whole dictionary shows.
 *
 * A line that cannot be read, or repeats an entry, is reported by the loader
 * (dict_tabari.c) as it reads it.  Some mistakes of a dictionary author are
 * not visible on any one line: a code that the options never label, two
 * date restrictions of one actor that both hold on some day, a pattern that
 * an earlier one of its verb always beats, a verb that never got a code.
 * Each is legal, so TABARI codes on without a word, but each means the
 * dictionary does not do what its author wrote.  These checks run once,
 * after every text file is loaded (a compiled .dyd was checked when it was
 * compiled), and report warnings at the file:line of the offending line:
 *
 *   check_event_codes      an event code of a verb or pattern (either code
 *                          of a pair) with no LABEL:, when the options label
 *                          any code at all: usually a typo ("0999")
 *   check_date_ranges      two date restrictions of one actor that both
 *                          hold on more than one day: the first that holds
 *                          wins, so the later one is partly or wholly dead
 *                          (a later fallback around an earlier code is
 *                          written that way on purpose, and not reported)
 *   check_repeated_patterns  a pattern of a verb (time or attribution
 *                          phrase) the same, token for token, as an earlier
 *                          one: equal length, so it is always tried after
 *                          the earlier one and never chosen
 *   check_uncoded_verbs    a verb written without a code in every file and
 *                          with no pattern: it can never code anything
 *
 * The dictionary's arrays do not keep where each pattern and actor entry
 * was written, so the loader notes it in two load-time arrays (8 bytes per
 * pattern, 4 per actor entry), indexed like the records they describe:
 *
 *   pattern_origin[p]  {line, file} where pattern record p got its code
 *                      (for a root's code carrier: the root's line, or the
 *                      line of the repeat that gave an uncoded verb its code)
 *   entry_line[e]      the line of actor entry e (its file is its actor's)
 *
 * dict__check frees them, so they never reach the compiled format, and
 * the checks change nothing in the dictionary.  They run only when the
 * caller gave a diagnostics callback: without one there is no one to tell.
 * Running out of memory for a note or a check sets d->out_of_memory, which
 * makes the load fail, as for any other part of the dictionary.
 *
 * (A duplicate entry whose code differs from the first's is told apart
 * where duplicates are found, in dict_tabari.c's add_entry.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dict.h"

/* ------------------------------------------------------------- notes */

/* Grows a zero-filled note array to hold index `i`. */
static int grow_notes(dyad_dict *d, void **array, size_t *cap, size_t i, size_t elem)
{
    size_t old = *cap;
    if (i < old)
        return 0;
    if (dyad__grow(array, cap, i + 1, elem)) {
        d->out_of_memory = 1;
        return -1;
    }
    memset((char *)*array + old * elem, 0, (*cap - old) * elem);
    return 0;
}

void dict__note_pattern(dyad_dict *d, uint32_t pattern, uint32_t file, uint32_t line)
{
    if (!pattern || grow_notes(d, (void **)&d->pattern_origin, &d->cap_pattern_origin,
                               pattern, sizeof *d->pattern_origin))
        return;
    d->pattern_origin[pattern].file = file;
    d->pattern_origin[pattern].line = line;
}

void dict__note_entry(dyad_dict *d, uint32_t entry, uint32_t line)
{
    if (!entry || grow_notes(d, (void **)&d->entry_line, &d->cap_entry_line, entry,
                             sizeof *d->entry_line))
        return;
    d->entry_line[entry] = line;
}

void dict__drop_notes(dyad_dict *d)
{
    dyad__free(d->pattern_origin);
    d->pattern_origin = NULL;
    d->cap_pattern_origin = 0;
    dyad__free(d->entry_line);
    d->entry_line = NULL;
    d->cap_entry_line = 0;
}

/* ---------------------------------------------------------- reporting */

typedef struct checker {
    dyad_dict *d;
    dyad_diag_fn diag;
    void *user;
} checker;

static void warn(const checker *c, uint32_t file, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void warn(const checker *c, uint32_t file, uint32_t line, const char *fmt, ...)
{
    const char *where = file < c->d->n_files ? dict__str(c->d, c->d->files[file]) : "";
    va_list ap;
    va_start(ap, fmt);
    dyad__diag_v(c->diag, c->user, DYAD_WARNING, where, line, fmt, ap);
    va_end(ap);
}

/* Where pattern record p was read; its root's line when no note says so. */
static dict_origin origin_of(const dyad_dict *d, uint32_t p, uint32_t root)
{
    if (p < d->cap_pattern_origin && d->pattern_origin[p].line)
        return d->pattern_origin[p];
    dict_origin o = {d->roots[root].line, d->roots[root].file};
    return o;
}

/* Roots that own a pattern list: the first entry of a verb (its irregular
 * forms share the list), time and attribution phrases. */
static int owns_patterns(const dict_root *r)
{
    return (r->type == WT_VERB || r->type == WT_TIME || r->type == WT_ATTRIB) &&
           !(r->flags & ROOT_VERB_FORM);
}

static int is_special_code(uint32_t code)
{
    return code == CODE_NULL || code == CODE_COMPLEX || code == CODE_DISCARD;
}

/* ------------------------------------------------------ unknown codes */

static void check_code_label(const checker *c, uint32_t code, dict_origin at)
{
    const dyad_dict *d = c->d;
    if (code && !is_special_code(code) && !d->codes[code].label)
        warn(c, at.file, at.line, "unknown event code %s (no LABEL: in the options)",
             dict__code_str(d, code));
}

/* Every event code a verb can give has a LABEL: when the options label any
 * code.  Patterns are visited in the order they were read. */
static void check_event_codes(const checker *c)
{
    dyad_dict *d = c->d;
    int labelled = 0;
    for (size_t k = 1; k < d->n_codes && !labelled; k++)
        labelled = d->codes[k].label != 0;
    if (!labelled)
        return;
    uint32_t *owner = dyad__calloc(d->n_patterns, sizeof *owner); /* pattern -> verb */
    if (!owner) {
        d->out_of_memory = 1;
        return;
    }
    for (uint32_t r = 1; r < d->n_roots; r++)
        if (d->roots[r].type == WT_VERB && !(d->roots[r].flags & ROOT_VERB_FORM))
            for (uint32_t p = d->roots[r].pattern; p; p = d->patterns[p].next)
                owner[p] = r;
    for (uint32_t p = 1; p < d->n_patterns; p++) {
        uint32_t ev = d->patterns[p].code;
        if (!owner[p] || !ev)
            continue;
        dict_origin at = origin_of(d, p, owner[p]);
        check_code_label(c, d->evcodes[ev].code, at);
        check_code_label(c, d->evcodes[ev].pair, at);
    }
    dyad__free(owner);
}

/* -------------------------------------------------------- date ranges */

/* The days on which a restriction holds, as the closed range [lo, hi]
 * (dict__actor_codes: "<D" holds before D, ">D" after D). */
static void entry_days(const dict_actor_entry *e, int64_t *lo, int64_t *hi)
{
    *lo = INT32_MIN;
    *hi = INT32_MAX;
    if (e->kind == DATE_BEFORE)
        *hi = (int64_t)e->from - 1;
    else if (e->kind == DATE_AFTER)
        *lo = (int64_t)e->from + 1;
    else if (e->kind == DATE_BETWEEN) {
        *lo = e->from;
        *hi = e->to;
    }
}

/* Whether the later restriction `b` conflicts with the earlier `a`: they
 * both hold on more than one day, and `b` is not a fallback around `a`.
 * Two tolerances keep the usual ways of writing from being reported.  A
 * handover date is often written on both sides ("[B 320101-331108]
 * [A 331108-730717]"), so one shared day is no overlap.  A later code
 * around an earlier one ("[IRNGOV 210803-240519] [IRNELI <240519]") is a
 * fallback, written after the specific code on purpose because the first
 * that holds wins; it may leave out a boundary day of the earlier one
 * ("<240519" does not hold on 240519). */
static int ranges_conflict(const dict_actor_entry *a, const dict_actor_entry *b)
{
    int64_t alo, ahi, blo, bhi;
    entry_days(a, &alo, &ahi);
    entry_days(b, &blo, &bhi);
    if (alo > ahi || blo > bhi)
        return 0; /* a range that ends before it begins never holds */
    int64_t lo = alo > blo ? alo : blo, hi = ahi < bhi ? ahi : bhi;
    if (hi - lo < 1)
        return 0; /* no day or one day in common */
    return !(blo <= alo + 1 && bhi >= ahi - 1);
}

/* A date as the dictionaries write it: YYMMDD for 1931-2030, else
 * YYYYMMDD. */
static void format_date(int32_t day, char out[16])
{
    int y, m, dd;
    date__civil(day, &y, &m, &dd);
    if (y >= 1931 && y <= 2030)
        snprintf(out, 16, "%02d%02d%02d", y % 100, m, dd);
    else
        snprintf(out, 16, "%04d%02d%02d", y, m, dd);
}

/* A restriction as written: "<960618", ">990706", "960618-990706". */
static void format_restriction(const dict_actor_entry *e, char out[40])
{
    char from[16], to[16];
    format_date(e->from, from);
    if (e->kind == DATE_BEFORE)
        snprintf(out, 40, "<%s", from);
    else if (e->kind == DATE_AFTER)
        snprintf(out, 40, ">%s", from);
    else {
        format_date(e->to, to);
        snprintf(out, 40, "%s-%s", from, to);
    }
}

/* Each restricted code of an actor holds on days of its own: no two
 * restrictions share more than one day, unless the later one is a
 * fallback around the earlier.  A later code in conflict with earlier ones
 * is reported once, at its own line, naming the first of them. */
static void check_date_ranges(const checker *c)
{
    const dyad_dict *d = c->d;
    for (uint32_t r = 1; r < d->n_roots; r++) {
        const dict_root *root = &d->roots[r];
        if (root->type != WT_ACTOR || root->parent || !root->pattern || !root->file)
            continue; /* synonyms share their group's codes */
        uint32_t set = d->patterns[root->pattern].code;
        if (!set || set >= d->n_codesets)
            continue;
        const dict_codeset *cs = &d->codesets[set];
        const dict_actor_entry *e = d->actor_entries + cs->first_entry;
        for (uint32_t j = 1; j < cs->n_entries; j++) {
            if (e[j].kind == DATE_ANY)
                continue;
            for (uint32_t i = 0; i < j; i++) {
                if (e[i].kind == DATE_ANY || !ranges_conflict(&e[i], &e[j]))
                    continue;
                char a[40], b[40];
                format_restriction(&e[i], a);
                format_restriction(&e[j], b);
                uint32_t at = cs->first_entry + j;
                uint32_t line = at < d->cap_entry_line && d->entry_line[at]
                                    ? d->entry_line[at] : root->line;
                warn(c, root->file, line,
                     "date ranges of %s overlap: %s and %s (the first that holds wins)",
                     dict__str(d, root->text), a, b);
                break;
            }
        }
    }
}

/* ----------------------------------------------------------- patterns */

typedef struct keyed_pattern {
    uint32_t root, hash, pattern;
} keyed_pattern;

static int compare_keyed(const void *a, const void *b)
{
    const keyed_pattern *x = a, *y = b;
    if (x->root != y->root)
        return x->root < y->root ? -1 : 1;
    if (x->hash != y->hash)
        return x->hash < y->hash ? -1 : 1;
    return x->pattern < y->pattern ? -1 : x->pattern > y->pattern;
}

/* A pattern the same, token for token, as an earlier one of its root is
 * never chosen: patterns of equal length are tried in the order read.
 * Patterns are sorted by (root, hash, read order) to find the repeats, and
 * reported in the order read. */
static void check_repeated_patterns(const checker *c)
{
    dyad_dict *d = c->d;
    keyed_pattern *keys = dyad__calloc(d->n_patterns, sizeof *keys);
    uint32_t *repeats = dyad__calloc(d->n_patterns, sizeof *repeats); /* -> earlier */
    uint32_t *owner = dyad__calloc(d->n_patterns, sizeof *owner);
    if (!keys || !repeats || !owner) {
        d->out_of_memory = 1;
        goto done;
    }
    size_t n = 0;
    for (uint32_t r = 1; r < d->n_roots; r++) {
        if (!owns_patterns(&d->roots[r]))
            continue;
        for (uint32_t p = d->roots[r].pattern; p; p = d->patterns[p].next) {
            if (!d->patterns[p].phrase)
                continue;
            keyed_pattern k = {r, dict__phrase_hash(d, d->patterns[p].phrase), p};
            keys[n++] = k;
            owner[p] = r;
        }
    }
    qsort(keys, n, sizeof *keys, compare_keyed);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i; j-- > 0 && keys[j].root == keys[i].root &&
                           keys[j].hash == keys[i].hash;)
            if (dict__phrases_equal(d, d->patterns[keys[j].pattern].phrase,
                            d->patterns[keys[i].pattern].phrase))
                repeats[keys[i].pattern] = keys[j].pattern; /* the earliest wins */
    for (uint32_t p = 1; p < d->n_patterns; p++) {
        if (!repeats[p])
            continue;
        dict_origin at = origin_of(d, p, owner[p]);
        dict_origin first = origin_of(d, repeats[p], owner[p]);
        char where[600] = "line ";
        if (first.file != at.file)
            snprintf(where, sizeof where, "%s:", dict__str(d, d->files[first.file]));
        warn(c, at.file, at.line, "pattern \"%s\" of %s repeats %s%u; it can never match",
             dict__str(d, d->patterns[p].text), dict__str(d, d->roots[owner[p]].text), where,
             first.line);
    }
done:
    dyad__free(keys);
    dyad__free(repeats);
    dyad__free(owner);
}

/* A verb that no file gives a code (ROOT_CODE_OPEN) codes only through its
 * patterns; with none, it only hides the words it matches. */
static void check_uncoded_verbs(const checker *c)
{
    const dyad_dict *d = c->d;
    for (uint32_t r = 1; r < d->n_roots; r++) {
        const dict_root *root = &d->roots[r];
        if (root->type == WT_VERB && (root->flags & ROOT_CODE_OPEN) &&
            !(root->flags & ROOT_VERB_FORM) && !d->patterns[root->pattern].next)
            warn(c, root->file, root->line,
                 "verb %s has no code and no patterns; it can never code",
                 dict__str(d, root->text));
    }
}

/* --------------------------------------------------------------- entry */

void dict__check(dyad_dict *d, dyad_diag_fn diag, void *user)
{
    if (diag && !d->out_of_memory) {
        checker c = {d, diag, user};
        check_event_codes(&c);
        check_date_ranges(&c);
        check_repeated_patterns(&c);
        check_uncoded_verbs(&c);
    }
    dict__drop_notes(d);
}
