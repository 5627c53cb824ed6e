/*
 * cmd_validate.c -- "dyad validate FILE.project": runs a TABARI validation
 * suite.  Each record of the project's text files carries, in its comment
 * block, the events TABARI should code:
 *
 *   { SRC / TGT / CODE }   one block per event, in order ("-{" stops checking)
 *   {---} {###} {+++}      no event / discard / complex expected
 *   { OPTION: command }    applies an .options command to later records
 *
 * The comparison is TABARI's own (ProcessorClass::checkEvents), so a record
 * passes here exactly when it would pass in TABARI.  dyad's negation rule
 * (SET: NEGATION) is turned off, because TABARI codes negated verbs.  Every mismatch is
 * printed with the record id, what was expected and what was coded; the
 * last line is "N passed, M failed".
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"

typedef struct coded {
    char events[256][160]; /* "SRC\tTGT\tCODE\t" */
    int n;
    char date[16];         /* TABARI-style date of the first event */
    dyad_outcome outcome;
    char reason[320];
} coded;

static int collect(void *user, const dyad_sentence *s)
{
    coded *c = user;
    c->outcome = s->outcome;
    snprintf(c->reason, sizeof c->reason, "%s", s->reason ? s->reason : "");
    c->date[0] = '\0';
    if (s->date)
        snprintf(c->date, sizeof c->date, "%.4s%.2s%.2s", s->date, s->date + 5, s->date + 8);
    for (size_t i = 0; i < s->n_events && c->n < 256; i++) {
        const dyad_event *e = &s->events[i];
        snprintf(c->events[c->n++], sizeof c->events[0], "%s\t%s\t%s\t", e->source.code,
                 e->target.code, e->code);
    }
    return 0;
}

/* Applies every "OPTION: ..." of the comment block; returns 1 if any. */
static int apply_options(const char *block, dyad_coder *coder, dyad_reader *reader,
                         const char *id)
{
    int any = 0;
    for (const char *p = strstr(block, "OPTION:"); p; p = strstr(p + 7, "OPTION:")) {
        any = 1;
        const char *start = p + 7;
        while (*start == ' ')
            start++;
        size_t n = strcspn(start, "}");
        char cmd[512];
        snprintf(cmd, sizeof cmd, "%.*s", (int)(n < sizeof cmd ? n : sizeof cmd - 1), start);
        dyad_error err;
        memset(&err, 0, sizeof err);
        if (dyad_coder_set_option(coder, cmd, &err))
            fprintf(stderr, "dyad: %s: option \"%s\": %s\n", id, cmd, err.message);
        dyad_reader_set_year_digits(reader, dyad_coder_record_year_digits(coder));
    }
    return any;
}

/* TABARI's field-by-field comparison of coded events with the blocks.
 * Returns NULL when they agree, else a description of the mismatch. */
static const char *compare(const char *block, const coded *c, int time_shifted,
                           char *why, size_t cap)
{
    if (c->outcome != DYAD_CODED) {
        if (block[-1] == '-')
            return NULL;
        const char *r = c->reason;
        if ((strstr(r, "No eve") || strstr(r, "No val") || strstr(r, "Input err")) &&
            strstr(block, "---"))
            return NULL;
        if (strstr(r, "ard co") && strstr(block, "###"))
            return NULL;
        if (strstr(r, "omplex") && strstr(block, "+++"))
            return NULL;
        snprintf(why, cap, "coded nothing (%s)", r);
        return why;
    }
    if (time_shifted) {
        const char *p = strchr(block, '}');
        while (p && *p && !isdigit((unsigned char)*p))
            p++;
        if (!p || !*p) {
            snprintf(why, cap, "time shifting is on but the record gives no date");
            return why;
        }
        char digits[16];
        size_t k = 0;
        while (k < 14 && isdigit((unsigned char)p[k])) {
            digits[k] = p[k];
            k++;
        }
        digits[k] = '\0';
        const char *have = c->date;
        if (strlen(digits) == 6 && strlen(have) == 8)
            have += 2;
        if (!strstr(have, digits)) {
            snprintf(why, cap, "date %s expected, coded %s", digits, have);
            return why;
        }
    }
    const char *p = block;
    for (int i = 0; i < c->n; i++) {
        p = strchr(p, '{');
        if (!p) {
            snprintf(why, cap, "more events coded than expected (extra: %s)", c->events[i]);
            return why;
        }
        p++;
        if (p[-2] == '-')
            return NULL;
        const char *e = c->events[i];
        for (int field = 0; field < 3; field++) {
            while (*p == ' ')
                p++;
            while (*e && *e != '\t' && *e == *p) {
                e++;
                p++;
            }
            if (*e != '\t' || (*p != ' ' && *p != '/' && *p != '}')) {
                snprintf(why, cap, "event %d differs: coded %s", i + 1, c->events[i]);
                return why;
            }
            while (*p == ' ' || *p == '/' || *p == '}')
                p++;
            e++;
        }
    }
    if (strchr(p, '{')) {
        snprintf(why, cap, "fewer events coded (%d) than expected", c->n);
        return why;
    }
    return NULL;
}

/* The expected blocks, for the failure report. */
static void expected_text(const char *block, char *out, size_t cap)
{
    size_t k = 0;
    for (const char *p = block; *p && k + 2 < cap; p++) {
        if (*p == '*' && p[1] == '/')
            break;
        if (*p == '\n' || *p == '\r' || *p == '\t')
            continue;
        out[k++] = *p;
    }
    out[k] = '\0';
}

typedef struct file_src {
    FILE *f;
} file_src;

static size_t read_chunk(void *user, char *buf, size_t cap)
{
    file_src *s = user;
    size_t n = fread(buf, 1, cap, s->f);
    return n == 0 && ferror(s->f) ? (size_t)-1 : n;
}

/* Text files named by <textfile> lines of the project. */
static int text_files(const char *project, char files[][1024], int max)
{
    size_t len;
    char *text = cli_read_file(project, &len);
    if (!text)
        return -1;
    int n = 0;
    const char *slash = strrchr(project, '/');
    for (char *line = strtok(text, "\n"); line && n < max; line = strtok(NULL, "\n")) {
        while (*line == ' ' || *line == '\t')
            line++;
        if (strncasecmp(line, "<textfile>", 10))
            continue;
        char *name = line + 10;
        while (*name == ' ' || *name == '\t')
            name++;
        size_t l = strcspn(name, "\r<");
        while (l && (name[l - 1] == ' ' || name[l - 1] == '\t'))
            l--;
        if (slash && name[0] != '/')
            snprintf(files[n++], 1024, "%.*s/%.*s", (int)(slash - project), project, (int)l, name);
        else
            snprintf(files[n++], 1024, "%.*s", (int)l, name);
    }
    free(text);
    return n;
}

/* Codes one record and compares it with its verification block, or applies
 * the options the block carries; prints a mismatch.  Returns 1 when the
 * record passes. */
static int check_record(dyad_coder *coder, dyad_reader *reader, const dyad_document *doc,
                        int verbose)
{
    coded c;
    memset(&c, 0, sizeof c);
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_code_document(coder, doc, collect, &c, &err);
    const char *comment = strstr(doc->text, "/*");
    const char *block = comment ? strchr(comment + 2, '{') : NULL;
    char why[512];
    const char *problem = NULL;
    if (!block) {
        problem = "the record has no {...} verification block";
    } else if (!apply_options(block, coder, reader, doc->id)) {
        int shifted = c.outcome == DYAD_CODED && dyad_coder_time_shift_active(coder);
        problem = compare(block, &c, shifted, why, sizeof why);
    }
    if (!problem) {
        if (verbose)
            printf("ok   %s\n", doc->id);
        return 1;
    }
    char expected[1024] = "";
    if (block)
        expected_text(block, expected, sizeof expected);
    printf("FAIL %s: %s\n     expected: %s\n", doc->id, problem, expected);
    if (c.outcome == DYAD_CODED)
        for (int i = 0; i < c.n; i++)
            printf("     coded:    %s\n", c.events[i]);
    else
        printf("     coded:    nothing (%s)\n", c.reason);
    return 0;
}

/* Checks every record of one TABARI text file; adds to the counts.
 * Returns -1 when the file could not be read at all. */
static int validate_file(dyad_coder *coder, const char *path, int verbose, long *passed,
                         long *failed)
{
    file_src src = {fopen(path, "rb")};
    if (!src.f) {
        fprintf(stderr, "dyad: %s: cannot open text file\n", path);
        return -1;
    }
    dyad_reader *reader = dyad_reader_new(DYAD_INPUT_TABARI, read_chunk, &src, path, NULL);
    if (!reader) {
        fprintf(stderr, "dyad: out of memory\n");
        fclose(src.f);
        return -1;
    }
    dyad_reader_set_year_digits(reader, dyad_coder_record_year_digits(coder));
    for (;;) {
        dyad_document doc;
        dyad_error err;
        memset(&err, 0, sizeof err);
        int got = dyad_reader_next(reader, &doc, &err);
        if (got == 0)
            break;
        if (got < 0) {
            printf("FAIL %s:%ld: record not read: %s\n", err.where, err.line, err.message);
            (*failed)++;
        } else if (check_record(coder, reader, &doc, verbose)) {
            (*passed)++;
        } else {
            (*failed)++;
        }
    }
    dyad_reader_free(reader);
    fclose(src.f);
    return 0;
}

int cmd_validate(int argc, char **argv)
{
    const char *project = NULL;
    int verbose = 0;
    dict_args dicts;
    memset(&dicts, 0, sizeof dicts);
    dicts.quiet = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--verbose"))
            verbose = 1;
        else if (!project && argv[i][0] != '-')
            project = argv[i];
        else {
            fprintf(stderr, "dyad: validate takes FILE.project [--verbose]\n");
            return EXIT_USAGE;
        }
    }
    if (!project) {
        fprintf(stderr, "dyad: validate needs a .project file\n");
        return EXIT_USAGE;
    }
    dicts.paths[dicts.n++] = project;
    dyad_dict *dict = cli_load_dict(&dicts);
    if (!dict)
        return EXIT_USAGE;
    dyad_coder *coder = dyad_coder_new(dict);
    /* the suite checks TABARI's answers, and TABARI codes negated verbs */
    dyad_error err;
    if (coder && dyad_coder_set_option(coder, "SET: NEGATION = FALSE", &err))
        fprintf(stderr, "dyad: %s\n", err.message);
    char files[64][1024];
    int n_files = text_files(project, files, 64);
    if (!coder || n_files <= 0) {
        if (!coder)
            fprintf(stderr, "dyad: out of memory\n");
        else
            fprintf(stderr, "dyad: %s names no <textfile>\n", project);
        dyad_coder_free(coder);
        dyad_dict_close(dict);
        return EXIT_USAGE;
    }
    long passed = 0, failed = 0;
    for (int f = 0; f < n_files; f++)
        if (validate_file(coder, files[f], verbose, &passed, &failed))
            failed++;
    dyad_coder_free(coder);
    dyad_dict_close(dict);
    printf("%ld passed, %ld failed\n", passed, failed);
    return failed ? EXIT_REJECTED : EXIT_OK;
}
