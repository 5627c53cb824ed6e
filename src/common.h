/*
 * common.h -- small utilities shared by every stage: the allocation hook,
 * growable arrays, and the error-filling helper.
 *
 * All heap memory of the library goes through dyad__alloc / dyad__realloc /
 * dyad__free so that tests can inject allocation failures (see
 * tests/unit/test_alloc.c) and so that a future embedding can redirect it.
 */
#ifndef DYAD_COMMON_H
#define DYAD_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "dyad.h"

/* ---- allocation hook: returns NULL on failure, never aborts ---- */
void *dyad__alloc(size_t size);
void *dyad__calloc(size_t count, size_t size);
void *dyad__realloc(void *ptr, size_t size);
void dyad__free(void *ptr);
char *dyad__strndup(const char *s, size_t n);

/* Test hook: make the n-th allocation from now fail (0 disables). */
void dyad__fail_alloc_after(long n);

/* Grows *ptr (an array of `elem` byte items with capacity *cap) so that it
 * can hold `need` items.  Returns 0 on success, -1 when memory ran out (the
 * old array is kept). */
int dyad__grow(void **ptr, size_t *cap, size_t need, size_t elem);

#define DYAD_GROW(ptr, cap, need) \
    dyad__grow((void **)&(ptr), &(cap), (need), sizeof *(ptr))

/* A growable byte string. */
typedef struct dyad_strbuf {
    char *data;
    size_t len, cap;
} dyad_strbuf;

int dyad__sb_append(dyad_strbuf *sb, const char *s, size_t n);
int dyad__sb_putc(dyad_strbuf *sb, char c);
int dyad__sb_printf(dyad_strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void dyad__sb_free(dyad_strbuf *sb);

/* Fills `err` (when not NULL) and returns `code`. */
dyad_status dyad__set_error(dyad_error *err, dyad_status code,
                            const char *where, long line, long column,
                            const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Hands `diag` one diagnostic: its severity, where (a file name), line and
 * message; the status is DYAD_ERR_SYNTAX for an error, DYAD_OK for a
 * warning.  Shared by the loader and the dictionary checks. */
void dyad__diag_v(dyad_diag_fn diag, void *user, dyad_severity severity,
                  const char *where, long line, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

#define DYAD_UNUSED(x) ((void)(x))

#endif
