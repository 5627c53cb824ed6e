/*
 * fixture.h -- helpers shared by the unit tests of the dictionary loader,
 * the options and the coder: a scratch directory, file writing, a small
 * TABARI-format dictionary of our own making, and collectors that copy what
 * the library hands to its callbacks (those strings live only until the
 * callback returns) into plain structs that a test can assert on later.
 *
 * Not a test itself (no test_ prefix): each test file includes it.
 *
 * The fixture dictionary ("test.project" after fx_write_dict):
 *
 *   test.options  SET: CODE BY CLAUSE, a label for every event code the
 *                 verbs give (a dictionary with labels must label them all:
 *                 dict_check.c)
 *   test.actors   countries, synonyms, a date-restricted person, a discard
 *                 actor, an accented country, <NOUN> and <ADJECTIVE> lists
 *   test.agents   POLICE_ [~COP], MINISTER_ [~GOV], REBELS_ [~REB]
 *   test.verbs    <SYNSETS>, <TIME>, verbs with irregular forms, patterns,
 *                 a paired code, a subordinate code, a null-coded root
 */
#ifndef DYAD_TEST_FIXTURE_H
#define DYAD_TEST_FIXTURE_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"

#define FX_UNUSED __attribute__((unused))

/* ------------------------------------------------------------ files */

/* Creates a fresh directory under $TMPDIR (or /tmp); returns 0 on success. */
static FX_UNUSED int fx_mkdtemp(char *out, size_t cap)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(out, cap, "%s/dyad-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    return mkdtemp(out) ? 0 : -1;
}

/* dir/name into out. */
static FX_UNUSED void fx_path(char *out, size_t cap, const char *dir,
                              const char *name)
{
    snprintf(out, cap, "%s/%s", dir, name);
}

/* Writes `len` bytes to dir/name; returns 0 on success. */
static FX_UNUSED int fx_write_bytes(const char *dir, const char *name,
                                    const void *data, size_t len)
{
    char path[1024];
    fx_path(path, sizeof path, dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int bad = len && fwrite(data, 1, len, f) != len;
    bad |= fclose(f) != 0;
    return bad ? -1 : 0;
}

static FX_UNUSED int fx_write(const char *dir, const char *name,
                              const char *text)
{
    return fx_write_bytes(dir, name, text, strlen(text));
}

/* Reads a whole file (malloc'd, NUL-terminated); NULL on failure. */
static FX_UNUSED char *fx_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = (size_t)n;
    }
    return buf;
}

/* Removes the files of a flat directory, then the directory. */
static FX_UNUSED void fx_rmdir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[1024];
        fx_path(path, sizeof path, dir, e->d_name);
        unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

/* ------------------------------------------------------- the dictionary */

static const char FX_OPTIONS[] =
    "# options of the test dictionary\n"
    "SET: CODE BY CLAUSE\n"
    "LABEL: 010=SAY\n"
    "LABEL: 032=VISIT\n"
    "LABEL: 033=HOST A VISIT\n"
    "LABEL: 0331=PROMISE AID\n"
    "LABEL: 040=CONSULT\n"
    "LABEL: 042=MEET WITH\n"
    "LABEL: 051=PRAISE\n"
    "LABEL: 111=CRITICIZE\n"
    "LABEL: 112=ACCUSE\n"
    "LABEL: 173=ARREST\n";

/* Line numbers matter: test_dict.c looks some of them up. */
static const char FX_ACTORS[] =
    "# actors of the test dictionary\n"          /* 1 */
    "ARNOR_ [ARN]\n"                             /* 2 */
    "+ARNORIAN_\n"                               /* 3 */
    "GONDOR_ [GON]\n"                            /* 4 */
    "+GONDORIAN_\n"                              /* 5 */
    "ROHAN_ [ROH]\n"                             /* 6 */
    "MINAS_TIRITH_ [GONGOV]\n"                   /* 7 */
    "ELESSAR_\n"                                 /* 8 */
    "+ARAGORN_\n"                                /* 9 */
    "  [ARNGOV 190101-201231]\n"                 /* 10 */
    "  [GONGOV >210101]\n"                       /* 11 */
    "  [ARNELI]\n"                               /* 12 */
    "COTE_D'IVOIRE_ [CIV]\n"                     /* 13 */
    "FRANCE_ [FRA]\n"                            /* 14 */
    "+FRENCH_\n"                                 /* 15 */
    "MACRON_ [FRAGOV]\n"                         /* 16 */
    "FOOTBALL_ [###]\n"                          /* 17 */
    "<NOUN>\n"                                   /* 18 */
    "TROOPS_\n"                                  /* 19 */
    "BORDER_\n"                                  /* 20 */
    "</NOUN>\n"                                  /* 21 */
    "<ADJECTIVE>\n"                              /* 22 */
    "NORTHERN_\n"                                /* 23 */
    "</ADJECTIVE>\n";                            /* 24 */

static const char FX_AGENTS[] =
    "# agents of the test dictionary\n"
    "POLICE_ [~COP]\n"
    "MINISTER_ [~GOV]\n"
    "REBELS_ [~REB]\n";

static const char FX_VERBS[] =
    "# verbs of the test dictionary\n"          /* 1 */
    "<SYNSETS>\n"                                /* 2 */
    "&CURRENCY\n"                                /* 3 */
    "+DOLLARS\n"                                 /* 4 */
    "+EUROS\n"                                   /* 5 */
    "</SYNSETS>\n"                               /* 6 */
    "<TIME>\n"                                   /* 7 */
    "YESTERDAY [-1]\n"                           /* 8 */
    "LAST_WEEK [-7]\n"                           /* 9 */
    "</TIME>\n"                                  /* 10 */
    "MEET_ [040]\n"                              /* 11 */
    "{MET_ MEETS_}\n"                            /* 12 */
    "- * WITH + [042]\n"                         /* 13 */
    "VISIT_ [032:033]\n"                         /* 14 */
    "SAY_ [010?]\n"                              /* 15 */
    "{SAID_}\n"                                  /* 16 */
    "CRITICIZE_ [111]\n"                         /* 17 */
    "ARREST_ [173]\n"                            /* 18 */
    "ACCUSE_ [112]\n"                            /* 19 */
    "PRAISE_ [051]\n"                            /* 20 */
    "PROMISE_ [---]\n"                           /* 21 */
    "- * &CURRENCY [0331]\n";                    /* 22 */

static const char FX_PROJECT[] =
    "<optionsfile> test.options\n"
    "<actorsfile> test.actors\n"
    "<agentsfile> test.agents\n"
    "<verbsfile> test.verbs\n";

/* Writes the five files of the fixture dictionary into `dir`. */
static FX_UNUSED int fx_write_dict(const char *dir)
{
    return fx_write(dir, "test.options", FX_OPTIONS) ||
           fx_write(dir, "test.actors", FX_ACTORS) ||
           fx_write(dir, "test.agents", FX_AGENTS) ||
           fx_write(dir, "test.verbs", FX_VERBS) ||
           fx_write(dir, "test.project", FX_PROJECT);
}

/* ------------------------------------------------------- diagnostics */

#define FX_MAX_DIAGS 64

typedef struct fx_diag {
    dyad_severity severity;
    dyad_status code;
    char where[512];
    long line;
    char message[512];
} fx_diag;

typedef struct fx_diags {
    fx_diag d[FX_MAX_DIAGS];
    int n;       /* stored */
    int total;   /* reported (may exceed FX_MAX_DIAGS) */
    int errors, warnings;
} fx_diags;

static FX_UNUSED void fx_collect_diag(void *user, dyad_severity severity,
                                      const dyad_error *e)
{
    fx_diags *c = user;
    c->total++;
    if (severity == DYAD_ERROR)
        c->errors++;
    else
        c->warnings++;
    if (c->n == FX_MAX_DIAGS)
        return;
    fx_diag *d = &c->d[c->n++];
    d->severity = severity;
    d->code = e->code;
    snprintf(d->where, sizeof d->where, "%s", e->where);
    d->line = e->line;
    snprintf(d->message, sizeof d->message, "%s", e->message);
}

/* Loads one source through dyad_dict_load with the diagnostics collected. */
static FX_UNUSED dyad_dict *fx_load(const char *path, fx_diags *diags,
                                    dyad_error *err)
{
    dyad_dict_source src = {path, DYAD_SOURCE_AUTO};
    if (diags)
        memset(diags, 0, sizeof *diags);
    memset(err, 0, sizeof *err);
    return dyad_dict_load(&src, 1, diags ? fx_collect_diag : NULL, diags, err);
}

/* ----------------------------------------------------------- coding */

#define FX_MAX_SENTENCES 32
#define FX_MAX_EVENTS 64

typedef struct fx_actor {
    int has_text;
    char code[64], text[256], entry[128], agent_entry[128];
    int has_agent;
    size_t start, end;
} fx_actor;

typedef struct fx_event {
    size_t sentence; /* index into fx_result.s */
    char code[32], label[64], verb_entry[128], pattern[256], matched[256];
    char verb_text[128];
    char attribution[64]; /* "" when the event has none */
    size_t verb_start, verb_end;
    fx_actor source, target;
} fx_event;

typedef struct fx_sentence {
    char doc_id[64];
    size_t index, start, end;
    int has_date;
    char date[16];
    int time_shift, truncated;
    dyad_outcome outcome;
    char reason[320];
    size_t n_events;
} fx_sentence;

typedef struct fx_result {
    fx_sentence s[FX_MAX_SENTENCES];
    size_t n_sentences;
    fx_event e[FX_MAX_EVENTS];
    size_t n_events;
    int stop_after; /* callback returns `stop_value` after this many (0 = never) */
    int stop_value;
} fx_result;

static FX_UNUSED void fx_copy_actor(fx_actor *out, const dyad_actor *a)
{
    memset(out, 0, sizeof *out);
    snprintf(out->code, sizeof out->code, "%s", a->code ? a->code : "(null)");
    out->has_text = a->text != NULL;
    if (a->text)
        snprintf(out->text, sizeof out->text, "%.*s", (int)a->text_len, a->text);
    snprintf(out->entry, sizeof out->entry, "%s", a->entry ? a->entry : "(null)");
    out->has_agent = a->agent_entry != NULL;
    if (a->agent_entry)
        snprintf(out->agent_entry, sizeof out->agent_entry, "%s", a->agent_entry);
    out->start = a->start;
    out->end = a->end;
}

static FX_UNUSED int fx_collect_sentence(void *user, const dyad_sentence *s)
{
    fx_result *r = user;
    if (r->n_sentences < FX_MAX_SENTENCES) {
        fx_sentence *o = &r->s[r->n_sentences];
        memset(o, 0, sizeof *o);
        snprintf(o->doc_id, sizeof o->doc_id, "%s", s->doc_id ? s->doc_id : "(null)");
        o->index = s->index;
        o->start = s->start;
        o->end = s->end;
        o->has_date = s->date != NULL;
        if (s->date)
            snprintf(o->date, sizeof o->date, "%s", s->date);
        o->time_shift = s->time_shift;
        o->truncated = s->truncated;
        o->outcome = s->outcome;
        snprintf(o->reason, sizeof o->reason, "%s", s->reason ? s->reason : "(null)");
        o->n_events = s->n_events;
        for (size_t i = 0; i < s->n_events && r->n_events < FX_MAX_EVENTS; i++) {
            const dyad_event *e = &s->events[i];
            fx_event *x = &r->e[r->n_events++];
            memset(x, 0, sizeof *x);
            x->sentence = r->n_sentences;
            snprintf(x->code, sizeof x->code, "%s", e->code);
            snprintf(x->label, sizeof x->label, "%s", e->label ? e->label : "(null)");
            snprintf(x->attribution, sizeof x->attribution, "%s",
                     e->attribution ? e->attribution : "");
            snprintf(x->verb_entry, sizeof x->verb_entry, "%s", e->verb_entry);
            snprintf(x->pattern, sizeof x->pattern, "%s", e->pattern);
            snprintf(x->matched, sizeof x->matched, "%s", e->matched);
            if (e->verb_text)
                snprintf(x->verb_text, sizeof x->verb_text, "%.*s",
                         (int)e->verb_text_len, e->verb_text);
            x->verb_start = e->verb_start;
            x->verb_end = e->verb_end;
            fx_copy_actor(&x->source, &e->source);
            fx_copy_actor(&x->target, &e->target);
        }
    }
    r->n_sentences++;
    if (r->stop_after && (int)r->n_sentences >= r->stop_after)
        return r->stop_value;
    return 0;
}

/* Codes `text` as one document with id "d1" (date may be NULL). */
static FX_UNUSED dyad_status fx_code(dyad_coder *c, const char *text,
                                     const char *date, fx_result *r,
                                     dyad_error *err)
{
    dyad_document doc;
    memset(&doc, 0, sizeof doc);
    doc.id = "d1";
    doc.date = date;
    doc.text = text;
    doc.len = strlen(text);
    memset(r, 0, sizeof *r);
    memset(err, 0, sizeof *err);
    return dyad_code_document(c, &doc, fx_collect_sentence, r, err);
}

/* "SRC TGT CODE" of event i, for compact assertions. */
static FX_UNUSED const char *fx_triple(const fx_result *r, size_t i)
{
    static char buf[256];
    if (i >= r->n_events)
        return "(no event)";
    snprintf(buf, sizeof buf, "%s %s %s", r->e[i].source.code,
             r->e[i].target.code, r->e[i].code);
    return buf;
}

/* ---- a world: a temporary directory with the fixture dictionary loaded
 * and a coder on it, as a cmocka setup/teardown pair ---- */

typedef struct fx_world {
    char dir[256];
    dyad_dict *dict;
    dyad_coder *coder;
} fx_world;

static FX_UNUSED int fx_world_teardown(void **state)
{
    fx_world *w = *state;
    if (!w)
        return 0;
    dyad_coder_free(w->coder);
    dyad_dict_close(w->dict);
    if (w->dir[0])
        fx_rmdir(w->dir);
    free(w);
    *state = NULL;
    return 0;
}

static FX_UNUSED int fx_world_setup(void **state)
{
    fx_world *w = calloc(1, sizeof *w);
    *state = w;
    if (!w || fx_mkdtemp(w->dir, sizeof w->dir) || fx_write_dict(w->dir))
        return -1;
    char path[512];
    fx_path(path, sizeof path, w->dir, "test.project");
    fx_diags diags;
    dyad_error err;
    w->dict = fx_load(path, &diags, &err);
    if (!w->dict || diags.total)
        return -1;
    w->coder = dyad_coder_new(w->dict);
    return w->coder ? 0 : -1;
}

#endif
