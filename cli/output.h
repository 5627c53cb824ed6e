/*
 * output.h -- event writers of the dyad command: JSONL (one event per line,
 * DESIGN.md's record) and TSV (TABARI's event layout with a constant number
 * of columns).  Writers append to an in-memory buffer so that worker
 * threads can format in parallel and the main thread writes in order.
 */
#ifndef DYAD_CLI_OUTPUT_H
#define DYAD_CLI_OUTPUT_H

#include <stddef.h>

#include "dyad.h"

typedef struct outbuf {
    char *data;
    size_t len, cap;
    int failed; /* an allocation failed; output is incomplete */
} outbuf;

typedef enum { OUT_JSONL, OUT_TSV } out_format;

void out_append(outbuf *b, const char *s, size_t n);
void out_free(outbuf *b);
/* Appends the events of one coded sentence. */
void out_sentence(outbuf *b, out_format fmt, const dyad_document *doc,
                  const dyad_sentence *s);

/* --explain: appends one line saying what became of the sentence and why,
 * before its events.  JSONL: an object with "outcome" (and no "code"),
 * the sentence's text, span, date and reason; TSV: a line starting with
 * "#".  `text`, `len` are the sentence's bytes in the document. */
void out_explanation(outbuf *b, out_format fmt, const dyad_document *doc,
                     const dyad_sentence *s, const char *text, size_t len);

#endif
