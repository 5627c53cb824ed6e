/*
 * cmd_code.c -- "dyad code": reads documents (files or stdin), codes them
 * and writes events to stdout.
 *
 * Documents are read in batches.  With --threads N, N worker threads each
 * own a dyad_coder and code a share of the batch into their own output
 * buffer while the main thread reads the next batch; buffers are written in
 * document order, so the output does not depend on N.  Memory is bounded
 * by the batch size, not by the input.
 *
 * A document that cannot be read or coded is reported on stderr with its
 * id or file:line and position, skipped, and makes the exit status 1.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "output.h"

#define BATCH_DOCS 512
#define BATCH_BYTES (8u << 20)

/* A document copied out of the reader, owned by a batch. */
typedef struct job {
    dyad_document doc;
    char *storage;
} job;

typedef struct batch {
    job *jobs;
    size_t n, cap, bytes;
} batch;

typedef struct counters {
    long documents, sentences, events, rejected;
    size_t bytes;
} counters;

typedef struct worker {
    pthread_t thread;
    dyad_coder *coder;
    outbuf out;
    outbuf errors;
    counters count;
    const batch *work;
    size_t from, to;
    struct pool *pool;
} worker;

typedef struct pool {
    pthread_mutex_t lock;
    pthread_cond_t start, done;
    unsigned generation;
    int pending, quit;
    worker *workers;
    int n;
    out_format fmt;
    int explain; /* --explain: a line per sentence saying what became of it */
    int progress;       /* stderr is a terminal: show a progress line */
    double last_shown;  /* when the progress line was last written */
} pool;

/* ------------------------------------------------------------- batches */

static char *dup_or_null(const char *s, char **cursor)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    memcpy(*cursor, s, n);
    char *r = *cursor;
    *cursor += n;
    return r;
}

static int batch_add(batch *b, const dyad_document *d)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        job *p = realloc(b->jobs, cap * sizeof *p);
        if (!p)
            return -1;
        b->jobs = p;
        b->cap = cap;
    }
    size_t need = d->len + 1;
    const char *strs[] = {d->id, d->date, d->source, d->url, d->title, d->record_header};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        need += strs[i] ? strlen(strs[i]) + 1 : 0;
    job *j = &b->jobs[b->n];
    j->storage = malloc(need);
    if (!j->storage)
        return -1;
    char *cur = j->storage;
    j->doc = *d;
    memcpy(cur, d->text, d->len);
    cur[d->len] = '\0';
    j->doc.text = cur;
    cur += d->len + 1;
    j->doc.id = dup_or_null(d->id, &cur);
    j->doc.date = dup_or_null(d->date, &cur);
    j->doc.source = dup_or_null(d->source, &cur);
    j->doc.url = dup_or_null(d->url, &cur);
    j->doc.title = dup_or_null(d->title, &cur);
    j->doc.record_header = dup_or_null(d->record_header, &cur);
    b->n++;
    b->bytes += d->len;
    return 0;
}

static void batch_clear(batch *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->jobs[i].storage);
    b->n = 0;
    b->bytes = 0;
}

/* -------------------------------------------------------------- coding */

typedef struct sentence_ctx {
    worker *w;
    const dyad_document *doc;
    out_format fmt;
    int explain;
    size_t byte, cp; /* a byte offset of the text and its code point offset */
} sentence_ctx;

/* The byte offset of code point `cp` of the document text.  Sentences come
 * in order, so the walk goes on from where the last one stopped. */
static size_t byte_of(sentence_ctx *x, size_t cp)
{
    const unsigned char *t = (const unsigned char *)x->doc->text;
    while (x->cp < cp && x->byte < x->doc->len) {
        x->byte++;
        while (x->byte < x->doc->len && (t[x->byte] & 0xC0) == 0x80)
            x->byte++; /* continuation bytes */
        x->cp++;
    }
    return x->byte;
}

static int on_sentence(void *user, const dyad_sentence *s)
{
    sentence_ctx *x = user;
    x->w->count.sentences++;
    x->w->count.events += (long)s->n_events;
    if (x->explain) {
        size_t from = byte_of(x, s->start), to = byte_of(x, s->end);
        out_explanation(&x->w->out, x->fmt, x->doc, s, x->doc->text + from, to - from);
    }
    out_sentence(&x->w->out, x->fmt, x->doc, s);
    return 0;
}

static void code_range(worker *w, out_format fmt, int explain)
{
    for (size_t i = w->from; i < w->to; i++) {
        const dyad_document *doc = &w->work->jobs[i].doc;
        sentence_ctx x = {w, doc, fmt, explain, 0, 0};
        dyad_error err;
        memset(&err, 0, sizeof err);
        w->count.documents++;
        w->count.bytes += doc->len;
        if (dyad_code_document(w->coder, doc, on_sentence, &x, &err)) {
            char msg[1200];
            int n = snprintf(msg, sizeof msg, "dyad: %s: %s\n", err.where, err.message);
            out_append(&w->errors, msg, (size_t)n < sizeof msg ? (size_t)n : sizeof msg - 1);
            w->count.rejected++;
        }
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    pool *p = w->pool;
    unsigned seen = 0;
    for (;;) {
        pthread_mutex_lock(&p->lock);
        while (p->generation == seen && !p->quit)
            pthread_cond_wait(&p->start, &p->lock);
        if (p->quit) {
            pthread_mutex_unlock(&p->lock);
            return NULL;
        }
        seen = p->generation;
        pthread_mutex_unlock(&p->lock);
        code_range(w, p->fmt, p->explain);
        pthread_mutex_lock(&p->lock);
        if (--p->pending == 0)
            pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->lock);
    }
}

/* Hands `b` to the workers (without waiting). */
static void pool_start(pool *p, const batch *b)
{
    size_t per = (b->n + (size_t)p->n - 1) / (size_t)p->n;
    pthread_mutex_lock(&p->lock);
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->workers[i];
        w->work = b;
        w->from = (size_t)i * per < b->n ? (size_t)i * per : b->n;
        w->to = w->from + per < b->n ? w->from + per : b->n;
    }
    p->pending = p->n;
    p->generation++;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
}

static void pool_wait(pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->pending > 0)
        pthread_cond_wait(&p->done, &p->lock);
    pthread_mutex_unlock(&p->lock);
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* On a terminal, a line of counts rewritten in place at most twice a
 * second; the summary line replaces it at the end. */
static void show_progress(pool *p, const counters *total)
{
    double now = now_seconds();
    if (!p->progress || now - p->last_shown < 0.5)
        return;
    p->last_shown = now;
    fprintf(stderr, "\rdyad: %ld documents, %ld sentences, %ld events so far\033[K",
            total->documents, total->sentences, total->events);
    fflush(stderr);
}

/* Writes the workers' output in order; returns -1 on a write error. */
static int pool_flush(pool *p, counters *total)
{
    int bad = 0;
    for (int i = 0; i < p->n; i++) {
        worker *w = &p->workers[i];
        if (w->out.len && fwrite(w->out.data, 1, w->out.len, stdout) != w->out.len)
            bad = 1;
        if (w->errors.len)
            fputs(w->errors.data, stderr);
        if (w->out.failed || w->errors.failed) {
            fprintf(stderr, "dyad: out of memory formatting events\n");
            bad = 1;
        }
        w->out.len = w->errors.len = 0;
        w->out.failed = w->errors.failed = 0;
        total->documents += w->count.documents;
        total->sentences += w->count.sentences;
        total->events += w->count.events;
        total->rejected += w->count.rejected;
        total->bytes += w->count.bytes;
        memset(&w->count, 0, sizeof w->count);
    }
    show_progress(p, total);
    return bad ? -1 : 0;
}

/* ------------------------------------------------------------- reading */

typedef struct file_src {
    FILE *f;
} file_src;

static size_t read_file_chunk(void *user, char *buf, size_t cap)
{
    file_src *s = user;
    size_t n = fread(buf, 1, cap, s->f);
    if (n == 0 && ferror(s->f))
        return (size_t)-1;
    return n;
}

typedef struct options {
    dyad_input_format in;
    out_format out;
    int threads;
    const char *date;
    int year_digits; /* of TABARI record dates, from the dictionary options */
    int explain;
    const char *files[4096];
    int n_files;
    dict_args dicts;
} options;

static int parse_args(options *o, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int r = cli_dict_option(&o->dicts, argc, argv, &i);
        if (r < 0)
            return -1;
        if (r > 0)
            continue;
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--in") && value) {
            i++;
            if (!strcmp(value, "text"))
                o->in = DYAD_INPUT_TEXT;
            else if (!strcmp(value, "jsonl"))
                o->in = DYAD_INPUT_JSONL;
            else if (!strcmp(value, "tabari"))
                o->in = DYAD_INPUT_TABARI;
            else {
                fprintf(stderr, "dyad: --in takes text, jsonl or tabari\n");
                return -1;
            }
        } else if (!strcmp(a, "--out") && value) {
            i++;
            if (!strcmp(value, "jsonl"))
                o->out = OUT_JSONL;
            else if (!strcmp(value, "tsv"))
                o->out = OUT_TSV;
            else {
                fprintf(stderr, "dyad: --out takes jsonl or tsv\n");
                return -1;
            }
        } else if (!strcmp(a, "--threads") && value) {
            i++;
            o->threads = atoi(value);
            if (o->threads < 1 || o->threads > 256) {
                fprintf(stderr, "dyad: --threads takes a number from 1 to 256\n");
                return -1;
            }
        } else if (!strcmp(a, "--date") && value) {
            i++;
            if (!cli_date_ok(value))
                return -1;
            o->date = value;
        } else if (!strcmp(a, "--explain")) {
            o->explain = 1;
        } else if (!strcmp(a, "--quiet")) {
            o->dicts.quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "dyad: unknown or incomplete option \"%s\"\n", a);
            return -1;
        } else if (o->n_files < (int)(sizeof o->files / sizeof *o->files)) {
            o->files[o->n_files++] = a;
        }
    }
    return 0;
}

/* Reads one input into batches, coding full batches as it goes. */
static int read_input(options *o, const char *path, pool *p, batch *reading,
                      batch *coding, int *busy, counters *total, int *io_error)
{
    file_src src = {NULL};
    const char *name = path ? path : "<stdin>";
    src.f = path ? fopen(path, "rb") : stdin;
    if (!src.f) {
        fprintf(stderr, "dyad: %s: cannot open file: %s\n", name, strerror(errno));
        return -1;
    }
    dyad_reader *r = dyad_reader_new(o->in, read_file_chunk, &src, name, o->date);
    if (!r) {
        fprintf(stderr, "dyad: out of memory\n");
        if (path)
            fclose(src.f);
        return -1;
    }
    dyad_reader_set_year_digits(r, o->year_digits);
    int rejected = 0;
    for (;;) {
        dyad_document doc;
        dyad_error err;
        memset(&err, 0, sizeof err);
        int got = dyad_reader_next(r, &doc, &err);
        if (got == 0)
            break;
        if (got < 0) {
            if (err.line && err.column) /* where is file:line */
                fprintf(stderr, "dyad: %s:%ld: %s\n", err.where, err.column, err.message);
            else
                fprintf(stderr, "dyad: %s: %s\n", err.where, err.message);
            rejected++;
            if (err.code == DYAD_ERR_IO) {
                *io_error = 1;
                break;
            }
            continue;
        }
        if (batch_add(reading, &doc)) {
            fprintf(stderr, "dyad: out of memory reading %s\n", name);
            rejected++;
            continue;
        }
        if (reading->n >= BATCH_DOCS || reading->bytes >= BATCH_BYTES) {
            if (*busy) {
                pool_wait(p);
                if (pool_flush(p, total))
                    *io_error = 1;
                batch_clear(coding);
            }
            batch t = *coding;
            *coding = *reading;
            *reading = t;
            pool_start(p, coding);
            *busy = 1;
        }
    }
    dyad_reader_free(r);
    if (path)
        fclose(src.f);
    total->rejected += rejected;
    return 0;
}

/* Starts the pool's n workers, each with its own coder; returns how many
 * started (all n, or the caller gives up and stops those). */
static int pool_open(pool *p, const dyad_dict *dict, out_format fmt, int explain, int n)
{
    memset(p, 0, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->start, NULL);
    pthread_cond_init(&p->done, NULL);
    p->fmt = fmt;
    p->explain = explain;
    p->progress = isatty(STDERR_FILENO);
    p->last_shown = now_seconds();
    p->n = n;
    p->workers = calloc((size_t)n, sizeof *p->workers);
    int started = 0;
    for (int i = 0; p->workers && i < n; i++) {
        worker *w = &p->workers[i];
        w->pool = p;
        w->coder = dyad_coder_new(dict);
        if (!w->coder || pthread_create(&w->thread, NULL, worker_main, w)) {
            dyad_coder_free(w->coder);
            w->coder = NULL;
            break;
        }
        started++;
    }
    return started;
}

/* Stops and frees the `started` workers. */
static void pool_close(pool *p, int started)
{
    pthread_mutex_lock(&p->lock);
    p->quit = 1;
    pthread_cond_broadcast(&p->start);
    pthread_mutex_unlock(&p->lock);
    for (int i = 0; i < started; i++) {
        pthread_join(p->workers[i].thread, NULL);
        dyad_coder_free(p->workers[i].coder);
        out_free(&p->workers[i].out);
        out_free(&p->workers[i].errors);
    }
    free(p->workers);
    pthread_cond_destroy(&p->start);
    pthread_cond_destroy(&p->done);
    pthread_mutex_destroy(&p->lock);
}

/* Reads and codes every input (standard input when no file is named),
 * writing events in document order.  Returns how many files could not be
 * opened; sets *io_error on a read or write error. */
static int code_inputs(options *o, pool *p, counters *total, int *io_error)
{
    batch reading = {0}, coding = {0};
    int busy = 0, open_failures = 0;
    if (o->n_files == 0)
        read_input(o, NULL, p, &reading, &coding, &busy, total, io_error);
    for (int i = 0; i < o->n_files && !*io_error; i++)
        if (read_input(o, o->files[i], p, &reading, &coding, &busy, total, io_error))
            open_failures++;
    if (busy) { /* the batch still being coded */
        pool_wait(p);
        if (pool_flush(p, total))
            *io_error = 1;
    }
    if (reading.n) { /* the last, partly filled batch */
        pool_start(p, &reading);
        pool_wait(p);
        if (pool_flush(p, total))
            *io_error = 1;
    }
    batch_clear(&coding);
    batch_clear(&reading);
    free(reading.jobs);
    free(coding.jobs);
    if (fflush(stdout))
        *io_error = 1;
    return open_failures;
}

int cmd_code(int argc, char **argv)
{
    options o;
    memset(&o, 0, sizeof o);
    o.in = DYAD_INPUT_TEXT;
    o.out = OUT_JSONL;
    o.threads = 1;
    if (parse_args(&o, argc, argv))
        return EXIT_USAGE;
    double t0 = now_seconds();
    dyad_dict *dict = cli_load_dict(&o.dicts);
    if (!dict)
        return EXIT_USAGE;
    double t_load = now_seconds() - t0;
    o.year_digits = dyad_dict_record_year_digits(dict);
    if (o.in == DYAD_INPUT_TABARI && o.threads > 1 && dyad_dict_links_records(dict)) {
        fprintf(stderr, "dyad: the FORWARD: option links each record to the one before; "
                        "coding on one thread\n");
        o.threads = 1;
    }

    pool p;
    int started = pool_open(&p, dict, o.out, o.explain, o.threads);
    if (started < o.threads) {
        fprintf(stderr, "dyad: cannot start %d coding threads\n", o.threads);
        pool_close(&p, started);
        dyad_dict_close(dict);
        return EXIT_USAGE;
    }
    counters total = {0};
    int io_error = 0;
    double t1 = now_seconds();
    int open_failures = code_inputs(&o, &p, &total, &io_error);
    double seconds = now_seconds() - t1;
    if (p.progress && p.last_shown > t1)
        fputs("\r\033[K", stderr); /* the summary takes the progress line's place */
    pool_close(&p, started);
    dyad_dict_close(dict);

    fprintf(stderr,
            "dyad: %ld documents, %ld sentences, %ld events in %.3f s "
            "(%.0f sentences/s, %.1f MB/s, %d threads; dictionaries loaded in %.3f s)\n",
            total.documents, total.sentences, total.events, seconds,
            seconds > 0 ? (double)total.sentences / seconds : 0.0,
            seconds > 0 ? (double)total.bytes / 1e6 / seconds : 0.0, o.threads, t_load);
    if (io_error) {
        fprintf(stderr, "dyad: write or read error\n");
        return EXIT_USAGE;
    }
    if (o.dicts.errors)
        return EXIT_USAGE;
    return total.rejected || open_failures ? EXIT_REJECTED : EXIT_OK;
}
