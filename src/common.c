/*
 * common.c -- the allocation hook, growable arrays and error helpers used by
 * every stage of the library.
 *
 * Allocation failures are never fatal: every caller checks for NULL and
 * unwinds with DYAD_ERR_NOMEM.  dyad__fail_alloc_after() lets tests prove it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"

static long fail_countdown; /* 0 = never fail; n = fail the n-th call */

void dyad__fail_alloc_after(long n) { fail_countdown = n; }

static int should_fail(void)
{
    if (fail_countdown <= 0)
        return 0;
    return --fail_countdown == 0;
}

void *dyad__alloc(size_t size)
{
    if (should_fail())
        return NULL;
    return malloc(size ? size : 1);
}

void *dyad__calloc(size_t count, size_t size)
{
    if (should_fail())
        return NULL;
    return calloc(count ? count : 1, size ? size : 1);
}

void *dyad__realloc(void *ptr, size_t size)
{
    if (should_fail())
        return NULL;
    return realloc(ptr, size ? size : 1);
}

void dyad__free(void *ptr) { free(ptr); }

char *dyad__strndup(const char *s, size_t n)
{
    char *copy = dyad__alloc(n + 1);
    if (copy) {
        memcpy(copy, s, n);
        copy[n] = '\0';
    }
    return copy;
}

int dyad__grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2 / elem)
            return -1;
        ncap *= 2;
    }
    void *p = dyad__realloc(*ptr, ncap * elem);
    if (!p)
        return -1;
    *ptr = p;
    *cap = ncap;
    return 0;
}

int dyad__sb_append(dyad_strbuf *sb, const char *s, size_t n)
{
    if (dyad__grow((void **)&sb->data, &sb->cap, sb->len + n + 1, 1))
        return -1;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return 0;
}

int dyad__sb_putc(dyad_strbuf *sb, char c) { return dyad__sb_append(sb, &c, 1); }

int dyad__sb_printf(dyad_strbuf *sb, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return dyad__sb_append(sb, small, (size_t)n);
    if (dyad__grow((void **)&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1))
        return -1;
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
    return 0;
}

void dyad__sb_free(dyad_strbuf *sb)
{
    dyad__free(sb->data);
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

dyad_status dyad__set_error(dyad_error *err, dyad_status code,
                            const char *where, long line, long column,
                            const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    err->column = column;
    snprintf(err->where, sizeof err->where, "%s", where ? where : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

void dyad__diag_v(dyad_diag_fn diag, void *user, dyad_severity severity,
                  const char *where, long line, const char *fmt, va_list ap)
{
    dyad_error e;
    memset(&e, 0, sizeof e);
    e.code = severity == DYAD_ERROR ? DYAD_ERR_SYNTAX : DYAD_OK;
    snprintf(e.where, sizeof e.where, "%s", where ? where : "");
    e.line = line;
    vsnprintf(e.message, sizeof e.message, fmt, ap);
    diag(user, severity, &e);
}

DYAD_API const char *dyad_status_name(dyad_status code)
{
    switch (code) {
    case DYAD_OK: return "ok";
    case DYAD_ERR_NOMEM: return "out of memory";
    case DYAD_ERR_IO: return "I/O error";
    case DYAD_ERR_SYNTAX: return "syntax error";
    case DYAD_ERR_INPUT: return "input error";
    case DYAD_ERR_FORMAT: return "format error";
    case DYAD_ERR_USAGE: return "usage error";
    }
    return "unknown error";
}
