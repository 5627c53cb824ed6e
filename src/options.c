/*
 * options.c -- parses TABARI .options commands into a dyad_options struct.
 *
 * The syntax is TABARI's, including its leniency: commands are recognised by
 * their first letters, numbers are "the first digits after the keyword", and
 * an unrecognised value leaves the option as it was.  Being lenient in the
 * same way is what lets existing .options files (and the validation suite's
 * in-line OPTION records) mean the same thing here as in TABARI.  Anything
 * that cannot be understood at all is reported as DYAD_ERR_SYNTAX.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "options.h"

#define SENTENCE_WORD_LIMIT 128 /* TABARI's MAX_LEX: "never" for comma bounds */

void options__init(dyad_options *o)
{
    memset(o, 0, sizeof *o);
    o->code_mode = CODE_BY_CLAUSE;
    o->comma_min = 2;
    o->comma_max = 10;
    o->comma_bmin = SENTENCE_WORD_LIMIT; /* initial clauses are never removed */
    o->comma_bmax = 0;
    o->comma_emin = 2;
    o->comma_emax = 10;
    o->min_words = 8;
    o->id_loc = -1;
    o->prefer_person = 1;
    o->negation = 1;
}

/* The first integer following `key` in `s`; `fallback` when `key` is absent
 * or no digit follows it. */
static int number_after(const char *s, const char *key, int fallback)
{
    const char *p = strstr(s, key);
    if (!p)
        return fallback;
    p += strlen(key);
    while (*p && !isdigit((unsigned char)*p))
        p++;
    return *p ? atoi(p) : fallback;
}

/* TABARI's boolean: the first T or F after '='; true when neither. */
static int boolean_value(const char *s)
{
    const char *p = strchr(s, '=');
    if (!p)
        return 1;
    for (; *p; p++) {
        if (*p == 'T')
            return 1;
        if (*p == 'F')
            return 0;
    }
    return 1;
}

static void upcase(char *s)
{
    for (; *s; s++)
        *s = (char)toupper((unsigned char)*s);
}

static void apply_complex(dyad_options *o, char *args)
{
    upcase(args);
    if (args[0] == 'V') { /* a leading "VERBS" has no space before it */
        args[0] = 'X';
        o->cplx_verbs = number_after(args, "XERBS", 0);
    } else {
        o->cplx_verbs = number_after(args, " VERBS", 0);
    }
    o->cplx_actors = number_after(args, "ACTORS", 0);
    o->cplx_pronouns = number_after(args, "PRONOUNS", 0);
    o->cplx_conj = number_after(args, "CONJ", 0);
    o->cplx_nonres = number_after(args, "COMMA", 0);
    o->cplx_lateverb = number_after(args, "LATEVERB", 0);
    o->cplx_noactprior = strstr(args, "ACTPRIOR") != NULL;
    o->cplx_noactafter = strstr(args, "ACTAFTER") != NULL;
    o->cplx_nosource = strstr(args, "NOSOURCE") != NULL;
    o->cplx_noverb = strstr(args, "NOVERB") != NULL;
    o->cplx_notarget = strstr(args, "NOTARGET") != NULL;
    o->cplx_noevent = strstr(args, "NOEVENT") != NULL;
    o->cplx_explain = strstr(args, "EXPLAIN") != NULL;
}

static void apply_comma(dyad_options *o, const char *line)
{
    if (strstr(line, "OFF")) {
        o->comma_min = o->comma_bmin = o->comma_emin = SENTENCE_WORD_LIMIT;
        o->comma_max = o->comma_bmax = o->comma_emax = 0;
        return;
    }
    o->comma_min = number_after(line, " MIN", o->comma_min);
    o->comma_max = number_after(line, " MAX", o->comma_max);
    o->comma_bmin = number_after(line, "BMIN", o->comma_bmin);
    o->comma_bmax = number_after(line, "BMAX", o->comma_bmax);
    o->comma_emin = number_after(line, "EMIN", o->comma_emin);
    o->comma_emax = number_after(line, "EMAX", o->comma_emax);
}

/* Reads "[CODE]" after `key` into out; 1 when set, 0 when the key is absent,
 * -1 on a malformed code. */
static int default_code(const char *args, const char *key, char *out,
                        size_t cap)
{
    const char *p = strstr(args, key);
    if (!p)
        return 0;
    const char *open = strchr(p, '[');
    if (!open || open - p > 15)
        return -1;
    const char *close = strchr(open, ']');
    if (!close || close - open - 1 > 15 || close - open - 1 <= 0)
        return -1;
    size_t n = (size_t)(close - open - 1);
    while (n && open[1] == ' ') {
        open++;
        n--;
    }
    while (n && open[n] == ' ')
        n--;
    if (!n || n >= cap)
        return -1;
    memcpy(out, open + 1, n);
    out[n] = '\0';
    return 1;
}

/* DEFAULT: [OFF] [SOURCE [code] [PRIOR]] [TARGET [code] [AFTER]].  Both
 * codes are read before anything is changed, so that a malformed one
 * rejects the whole command and leaves the defaults as they were. */
static dyad_status apply_default(dyad_options *o, char *args, dyad_error *err)
{
    upcase(args);
    char source[sizeof o->default_source], target[sizeof o->default_target];
    int s = default_code(args, "SOURCE", source, sizeof source);
    int t = default_code(args, "TARGET", target, sizeof target);
    if (s < 0 || t < 0)
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "DEFAULT: needs SOURCE [code] and/or TARGET [code] "
                               "with a code of 1 to 15 characters");
    if (strstr(args, "OFF")) {
        o->has_default_source = o->has_default_target = 0;
        o->default_prior = o->default_after = 0;
        o->default_source[0] = o->default_target[0] = '\0';
    }
    if (s > 0) {
        memcpy(o->default_source, source, strlen(source) + 1);
        o->has_default_source = 1;
        if (strstr(args, "PRIOR"))
            o->default_prior = 1;
    }
    if (t > 0) {
        memcpy(o->default_target, target, strlen(target) + 1);
        o->has_default_target = 1;
        if (strstr(args, "AFTER"))
            o->default_after = 1;
    }
    return DYAD_OK;
}

/* FORWARD: ^^***NNN*SSS [DOC] [OFF] -- where the story and sentence serial
 * numbers sit in a record id. */
static void apply_forward(dyad_options *o, const char *args)
{
    if (!*args)
        return;
    o->forward = strchr(args, 'S') && !strstr(args, "OFF");
    const char *p = args;
    while (*p == '^')
        p++;
    if (!*p)
        return;
    o->id_loc = (int)(p - args);
    size_t len = strcspn(p, " ");
    o->id_len = (int)(len > 63 ? 63 : len);
    const char *n = memchr(args, 'N', (size_t)(p - args) + len);
    if (n) {
        o->story_loc = (int)(n - args);
        o->story_len = (int)strspn(n, "N");
    }
    const char *s = memchr(args, 'S', (size_t)(p - args) + len);
    if (s) {
        o->sent_loc = (int)(s - args);
        o->sent_len = (int)strspn(s, "S");
    }
}

/* "SET: OPEN TARGETS = 08 14 17": the CAMEO roots (01-20) as bits; TRUE
 * is every root, FALSE none. */
static uint32_t open_target_roots(const char *s)
{
    const char *p = strchr(s, '=');
    if (!p || !strpbrk(p, "0123456789"))
        return boolean_value(s) ? 0x1FFFFEu : 0;
    uint32_t roots = 0;
    for (p++; *p;) {
        if (!isdigit((unsigned char)*p)) {
            p++;
            continue;
        }
        long r = strtol(p, (char **)&p, 10);
        if (r >= 1 && r <= 20)
            roots |= 1u << r;
    }
    return roots;
}

static dyad_status apply_set(dyad_options *o, char *args, dyad_error *err)
{
    upcase(args);
    if (strstr(args, "CODE")) {
        if (strstr(args, "SEN"))
            o->code_mode = CODE_BY_SENTENCE;
        else if (strstr(args, "ALL"))
            o->code_mode = CODE_ALL;
        else
            o->code_mode = CODE_BY_CLAUSE;
    } else if (strstr(args, "HAIKU") || strstr(args, "LABEL") ||
               strstr(args, "DUP ") || strstr(args, "SKIP ") ||
               strstr(args, "USAGE")) {
        /* interactive-session settings: nothing to do in dyad */
    } else if (strstr(args, "OPEN TARGETS")) {
        o->open_targets = open_target_roots(args);
    } else if (strstr(args, "MAIN CLAUSE")) {
        o->main_clause = boolean_value(args);
    } else if (strstr(args, "EVENT NOUNS")) {
        o->event_nouns = boolean_value(args);
    } else if (strstr(args, "DROP E BEFORE ING")) {
        o->drop_e_before_ing = boolean_value(args);
    } else if (strstr(args, "NEGATION")) {
        o->negation = boolean_value(args);
    } else if (strstr(args, "NOUN PHRASE HEAD")) {
        o->prefer_person = boolean_value(args);
    } else if (strstr(args, "YYYY")) {
        o->four_digit_year = boolean_value(args);
    } else if (strstr(args, "TIME")) {
        o->time_shift = boolean_value(args);
    } else if (strstr(args, "FBIS")) {
        o->fbis = boolean_value(args);
    } else if (strstr(args, "CONV")) {
        o->convert_agents = boolean_value(args);
    } else if (strstr(args, "MINIM")) {
        /* no number: an unrecognised value, which changes nothing */
        o->min_words = number_after(args, "MINIM", o->min_words);
    } else if (strstr(args, "MATCH")) {
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "SET: MATCH is obsolete; use OUTPUT: MATCH");
    } else {
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "unrecognised SET: command \"%s\"", args);
    }
    return DYAD_OK;
}

static dyad_status apply_label(const char *args, options_label_fn label,
                               void *user, dyad_error *err)
{
    while (isspace((unsigned char)*args))
        args++;
    const char *eq = strchr(args, '=');
    if (!*args || !eq)
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "LABEL: needs code=text");
    size_t n = strcspn(args, "= \t");
    char code[64];
    if (n == 0 || n >= sizeof code)
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "LABEL: code missing or too long");
    memcpy(code, args, n);
    code[n] = '\0';
    const char *text = eq + 1;
    while (isspace((unsigned char)*text))
        text++;
    if (!*text)
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "LABEL: no text after '='");
    char buf[256];
    snprintf(buf, sizeof buf, "%s", text);
    size_t k = strlen(buf);
    while (k && isspace((unsigned char)buf[k - 1]))
        buf[--k] = '\0';
    if (label)
        label(user, code, buf);
    return DYAD_OK;
}

dyad_status options__apply(dyad_options *o, const char *line,
                           options_label_fn label, void *user,
                           dyad_error *err)
{
    char buf[1024];
    while (isspace((unsigned char)*line))
        line++;
    snprintf(buf, sizeof buf, "%s", line);
    char *colon = strchr(buf, ':');
    if (!colon)
        return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                               "option command has no ':'");
    for (char *p = buf; p < colon; p++)
        *p = (char)toupper((unsigned char)*p);
    char *args = colon + 1;
    while (isspace((unsigned char)*args))
        args++;

    switch (buf[0]) {
    case 'C':
        if (colon - buf > 3 && buf[3] == 'M') {
            apply_comma(o, buf);
            return DYAD_OK;
        }
        if (colon - buf > 3 && buf[3] == 'P') {
            apply_complex(o, args);
            return DYAD_OK;
        }
        break;
    case 'D':
        return apply_default(o, args, err);
    case 'F':
        apply_forward(o, args);
        return DYAD_OK;
    case 'L':
        return apply_label(args, label, user, err);
    case 'N':
        o->nonevents = strstr(args, "TRUE") ? 1 : strstr(args, "ONLY") ? 2 : 0;
        return DYAD_OK;
    case 'O':
        return DYAD_OK; /* OUTPUT: dyad's output is chosen on the command line */
    case 'S':
        return apply_set(o, args, err);
    default:
        break;
    }
    *colon = '\0';
    return dyad__set_error(err, DYAD_ERR_SYNTAX, NULL, 0, 0,
                           "unrecognised option command \"%s:\"", buf);
}
