/*
 * segment.h -- sentence segmentation of news English: a document's text in,
 * byte ranges of its sentences out.
 *
 * A sentence ends at '.', '!' or '?' (plus closing quotes or brackets) that
 * is followed by white space and an upper-case letter, a digit or an opening
 * quote, unless the '.' closes a known abbreviation (Mr., Gen., Jan., U.S.,
 * an initial); a blank line always ends a sentence.  A leading dateline
 * ("BEIJING, April 9 (Reuters) - ") is left out of the first sentence.
 * The scan is one forward pass with bounded look-back: linear in the text,
 * no recursion, no allocation besides the span array.
 */
#ifndef DYAD_SEGMENT_H
#define DYAD_SEGMENT_H

#include <stddef.h>

/* A sentence: text[start..end), byte offsets, end exclusive.  Spans never
 * begin or end with white space and are never empty. */
typedef struct dyad_span {
    size_t start, end;
} dyad_span;

/* Splits text[0..len) into sentences and stores them, in order, in
 * (*spans)[0..n), where n is the return value.  *spans is a reusable array
 * of capacity *cap (both may start as NULL / 0): it is grown with dyad__grow
 * as needed and its previous contents are overwritten.  The caller frees it
 * with dyad__free.  Returns (size_t)-1 when memory ran out; *spans and *cap
 * then still describe a valid array that the caller must free. */
size_t dyad__segment(const char *text, size_t len, dyad_span **spans, size_t *cap);

#endif
