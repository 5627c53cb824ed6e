/*
 * test_reader.c -- unit tests of the streaming document reader (reader.c):
 * every input format, every error with its exact code, place and message,
 * the size limits, and recovery after each error.
 *
 * Input is fed through a dyad_read_fn over a memory buffer that hands out
 * 7 bytes per call, so that lines, CRLF pairs, byte-order marks and UTF-8
 * sequences straddle buffer boundaries.  The size-limit tests use a
 * generator that produces hundreds of MiB without storing them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common.h"
#include "dyad.h"

/* ------------------------------------------------------------ sources */

typedef struct memsrc {
    const char *data;
    size_t len, pos, chunk;
    size_t fail_at; /* return a read error once pos reaches this (0 = never) */
} memsrc;

static size_t mem_read(void *user, char *buf, size_t cap)
{
    memsrc *m = user;
    if (m->fail_at && m->pos >= m->fail_at)
        return (size_t)-1;
    size_t n = m->len - m->pos;
    if (n > m->chunk)
        n = m->chunk;
    if (n > cap)
        n = cap;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return n;
}

/* prefix, then `count` copies of `fill`, then suffix. */
typedef struct gensrc {
    const char *prefix, *suffix;
    size_t count;
    char fill;
    size_t pos; /* bytes produced so far */
} gensrc;

static size_t gen_read(void *user, char *buf, size_t cap)
{
    gensrc *g = user;
    size_t plen = strlen(g->prefix), slen = strlen(g->suffix);
    size_t total = plen + g->count + slen, out = 0;
    while (out < cap && g->pos < total) {
        size_t n;
        if (g->pos < plen) {
            n = plen - g->pos;
            if (n > cap - out)
                n = cap - out;
            memcpy(buf + out, g->prefix + g->pos, n);
        } else if (g->pos < plen + g->count) {
            n = plen + g->count - g->pos;
            if (n > cap - out)
                n = cap - out;
            memset(buf + out, g->fill, n);
        } else {
            size_t s = g->pos - plen - g->count;
            n = slen - s;
            if (n > cap - out)
                n = cap - out;
            memcpy(buf + out, g->suffix + s, n);
        }
        out += n;
        g->pos += n;
    }
    return out;
}

static dyad_reader *open_mem(memsrc *m, dyad_input_format fmt, const char *data,
                             size_t len, const char *name, const char *date)
{
    m->data = data;
    m->len = len;
    m->pos = 0;
    m->chunk = 7;
    m->fail_at = 0;
    dyad_reader *r = dyad_reader_new(fmt, mem_read, m, name, date);
    assert_non_null(r);
    return r;
}

#define OPEN(m, fmt, lit, name, date) open_mem(m, fmt, lit, sizeof(lit) - 1, name, date)

static void expect_doc(dyad_reader *r, const char *id, const char *date,
                       const char *text, const char *source, const char *url,
                       const char *title, int tabari)
{
    dyad_document doc;
    dyad_error err;
    memset(&err, 0, sizeof err);
    int rc = dyad_reader_next(r, &doc, &err);
    if (rc != 1)
        fail_msg("expected document %s, got %d: %s: %s", id, rc, err.where, err.message);
    assert_string_equal(doc.id, id);
    if (date)
        assert_string_equal(doc.date, date);
    else
        assert_null(doc.date);
    assert_int_equal(doc.len, strlen(text));
    assert_memory_equal(doc.text, text, doc.len);
    assert_int_equal(doc.text[doc.len], '\0');
    if (source)
        assert_string_equal(doc.source, source);
    else
        assert_null(doc.source);
    if (url)
        assert_string_equal(doc.url, url);
    else
        assert_null(doc.url);
    if (title)
        assert_string_equal(doc.title, title);
    else
        assert_null(doc.title);
    assert_int_equal(doc.is_tabari_record, tabari);
}

static void expect_error(dyad_reader *r, dyad_status code, const char *where,
                         long line, long column, const char *message)
{
    dyad_document doc;
    dyad_error err;
    memset(&err, 0, sizeof err);
    int rc = dyad_reader_next(r, &doc, &err);
    if (rc != -1)
        fail_msg("expected error \"%s\", got %d (id %s)", message, rc,
                 rc == 1 ? doc.id : "-");
    assert_int_equal(err.code, code);
    assert_string_equal(err.where, where);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
    assert_string_equal(err.message, message);
}

static void expect_end(dyad_reader *r)
{
    dyad_document doc;
    dyad_error err;
    assert_int_equal(dyad_reader_next(r, &doc, &err), 0);
    assert_int_equal(dyad_reader_next(r, &doc, &err), 0);
}

/* -------------------------------------------------------------- JSONL */

static void test_jsonl_fields(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"d1\",\"date\":\"2024-03-05\",\"text\":\"Xi met Lavrov.\","
        "\"source\":\"Reuters\",\"url\":\"http://x/1\",\"title\":\"Talks\"}\n"
        "{\"id\":\"d2\",\"date\":\"20240306\",\"text\":\"Second.\"}\r\n"
        "\n"
        "   \t \n"
        "{\"text\":\"No id.\",\"date\":\"2024-03-07T10:20:30Z\"}\n"
        "{\"id\":\"d4\",\"text\":\"caf\\u00e9 \\\"q\\\"\",\"title\":null,\"source\":42}\n"
        "{\"id\":17,\"date\":\"2024-02-29 23:59\",\"text\":\"\"}",
        "in.jsonl", "1999-01-01");
    expect_doc(r, "d1", "2024-03-05", "Xi met Lavrov.", "Reuters", "http://x/1",
               "Talks", 0);
    expect_doc(r, "d2", "2024-03-06", "Second.", NULL, NULL, NULL, 0);
    expect_doc(r, "in.jsonl:5", "2024-03-07", "No id.", NULL, NULL, NULL, 0);
    expect_doc(r, "d4", NULL, "caf\xc3\xa9 \"q\"", NULL, NULL, NULL, 0);
    expect_doc(r, "17", "2024-02-29", "", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_not_json(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"a\",\"text\":\"one\"}\n"
        "this is not json\n"
        "{\"id\":\"b\",\"text\": nope}\n"
        "[1, 2]\n"
        "{\"id\":\"c\",\"text\":\"three\"}\n",
        "in.jsonl", NULL);
    expect_doc(r, "a", NULL, "one", NULL, NULL, NULL, 0);
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:2", 2, 1,
                 "line is not valid JSON (error at byte 1)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:3", 3, 19,
                 "line is not valid JSON (error at byte 19)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:4", 4, 1, "line is not a JSON object");
    expect_doc(r, "c", NULL, "three", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_missing_text(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"a\"}\n"
        "{\"id\":\"b\",\"text\":null}\n"
        "{\"id\":\"c\",\"text\":5}\n"
        "{\"id\":[1],\"text\":\"x\"}\n"
        "{\"id\":1e300,\"text\":\"x\"}\n"
        "{\"id\":\"d\",\"text\":\"ok\"}\n",
        "in.jsonl", NULL);
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:1", 1, 0, "missing \"text\" field");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:2", 2, 0, "missing \"text\" field");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:3", 3, 0, "\"text\" field is not a string");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:4", 4, 0, "\"id\" field is not a string");
    /* too large for a whole-number id */
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:5", 5, 0, "\"id\" field is not a string");
    expect_doc(r, "d", NULL, "ok", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_bad_date(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"a\",\"date\":\"2024-13-01\",\"text\":\"x\"}\n"
        "{\"id\":\"b\",\"date\":\"2023-02-29\",\"text\":\"x\"}\n"
        "{\"id\":\"c\",\"date\":\"2024-03-05T\",\"text\":\"x\"}\n"
        "{\"id\":\"d\",\"date\":\"5 March 2024\",\"text\":\"x\"}\n"
        "{\"id\":\"e\",\"date\":20240305,\"text\":\"x\"}\n"
        "{\"id\":\"f\",\"date\":\"19991231\",\"text\":\"x\"}\n",
        "in.jsonl", NULL);
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:1", 1, 0,
                 "invalid date \"2024-13-01\" (expected YYYY-MM-DD)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:2", 2, 0,
                 "invalid date \"2023-02-29\" (expected YYYY-MM-DD)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:3", 3, 0,
                 "invalid date \"2024-03-05T\" (expected YYYY-MM-DD)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:4", 4, 0,
                 "invalid date \"5 March 2024\" (expected YYYY-MM-DD)");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:5", 5, 0, "\"date\" field is not a string");
    expect_doc(r, "f", "1999-12-31", "x", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_megabyte_line(void **state)
{
    (void)state;
    const size_t big = 1000000;
    const char *head = "{\"id\":\"big\",\"text\":\"";
    const char *tail = "\"}\n{\"id\":\"after\",\"text\":\"small\"}\n";
    size_t len = strlen(head) + big + strlen(tail);
    char *data = malloc(len);
    assert_non_null(data);
    memcpy(data, head, strlen(head));
    for (size_t i = 0; i < big; i++)
        data[strlen(head) + i] = (char)('a' + i % 26);
    memcpy(data + strlen(head) + big, tail, strlen(tail));

    memsrc m;
    dyad_reader *r = open_mem(&m, DYAD_INPUT_JSONL, data, len, "big.jsonl", NULL);
    dyad_document doc;
    dyad_error err;
    assert_int_equal(dyad_reader_next(r, &doc, &err), 1);
    assert_string_equal(doc.id, "big");
    assert_int_equal(doc.len, big);
    assert_memory_equal(doc.text, data + strlen(head), big);
    assert_int_equal(doc.text[big], '\0');
    expect_doc(r, "after", NULL, "small", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
    free(data);
}

static void test_jsonl_line_too_long(void **state)
{
    (void)state;
    gensrc g = {"{\"text\":\"", "\"}\n{\"id\":\"next\",\"text\":\"ok\"}\n",
                ((size_t)64 << 20), 'x', 0};
    dyad_reader *r = dyad_reader_new(DYAD_INPUT_JSONL, gen_read, &g, "huge.jsonl", NULL);
    assert_non_null(r);
    expect_error(r, DYAD_ERR_INPUT, "huge.jsonl:1", 1, 0, "line longer than 64 MiB");
    expect_doc(r, "next", NULL, "ok", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_nul_byte(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"n\",\"text\":\"a\0b\"}\n"
        "{\"id\":\"e\",\"text\":\"a\\u0000b\"}\n"
        "{\"id\":\"ok\",\"text\":\"fine\"}\n",
        "in.jsonl", NULL);
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:1", 1, 20, "NUL character at byte 20");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:2", 2, 20, "NUL character at byte 20");
    expect_doc(r, "ok", NULL, "fine", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_invalid_utf8(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"text\":\"ab\xff\"}\n"
        "{\"id\":\"x\",\"text\":\"\xc3\xa9\xe2\x82\"}\n"
        "{\"id\":\"y\",\"text\":\"\xe2\x82\xac\"}\n",
        "in.jsonl", NULL);
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:1", 1, 12, "invalid UTF-8 at byte 12");
    expect_error(r, DYAD_ERR_INPUT, "in.jsonl:2", 2, 21, "invalid UTF-8 at byte 21");
    expect_doc(r, "y", NULL, "\xe2\x82\xac", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_jsonl_bom_and_no_final_newline(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "\xEF\xBB\xBF{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}",
        "in.jsonl", NULL);
    m.chunk = 1; /* the byte-order mark arrives a byte at a time */
    expect_doc(r, "a", NULL, "one", NULL, NULL, NULL, 0);
    expect_doc(r, "b", NULL, "two", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

/* --------------------------------------------------------- plain text */

static void test_text_document(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TEXT,
        "BEIJING, April 9 (Reuters) - Xi met Lavrov.\r\n\r\nThey talked.\n",
        "story.txt", "2024-04-09");
    expect_doc(r, "story.txt", "2024-04-09",
               "BEIJING, April 9 (Reuters) - Xi met Lavrov.\r\n\r\nThey talked.\n",
               NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);

    r = OPEN(&m, DYAD_INPUT_TEXT, "\xEF\xBB\xBFHello.", "bom.txt", NULL);
    expect_doc(r, "bom.txt", NULL, "Hello.", NULL, NULL, NULL, 0);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_text_empty(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TEXT, "", "empty.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "empty.txt", 0, 0, "empty document");
    expect_end(r);
    dyad_reader_free(r);
}

static void test_text_invalid_utf8(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TEXT, "Hello w\xc3\x28rld", "story.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "story.txt", 0, 8, "invalid UTF-8 at byte 8");
    expect_end(r);
    dyad_reader_free(r);

    /* a truncated sequence at the very end */
    r = OPEN(&m, DYAD_INPUT_TEXT, "price 5\xe2\x82", "euro.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "euro.txt", 0, 8, "invalid UTF-8 at byte 8");
    dyad_reader_free(r);
}

static void test_text_nul_byte(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TEXT, "abc\0def \xff", "nul.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "nul.txt", 0, 4, "NUL character at byte 4");
    expect_end(r);
    dyad_reader_free(r);

    /* the earlier fault wins */
    r = OPEN(&m, DYAD_INPUT_TEXT, "ab\xff\0", "nul.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "nul.txt", 0, 3, "invalid UTF-8 at byte 3");
    dyad_reader_free(r);
}

static void test_text_too_large(void **state)
{
    (void)state;
    gensrc g = {"", "", ((size_t)256 << 20) + 1, 'a', 0};
    dyad_reader *r = dyad_reader_new(DYAD_INPUT_TEXT, gen_read, &g, "huge.txt", NULL);
    assert_non_null(r);
    expect_error(r, DYAD_ERR_INPUT, "huge.txt", 0, 0, "document larger than 256 MiB");
    expect_end(r);
    dyad_reader_free(r);
}

static void test_read_error(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_JSONL,
        "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n",
        "in.jsonl", NULL);
    m.fail_at = 30;
    expect_doc(r, "a", NULL, "one", NULL, NULL, NULL, 0);
    expect_error(r, DYAD_ERR_IO, "in.jsonl", 0, 0, "read error");
    expect_end(r);
    dyad_reader_free(r);
}

/* -------------------------------------------------------------- TABARI */

static const char tabari_lf[] =
    "# comment line\n"
    "this is a comment block\n"
    "with several lines\n"
    "\n"
    "951231  REU-001\n"
    "Arnor restored ties \n"
    "with Gondor after\n"
    "five years.\n"
    "\n"
    "\n"
    "120101 AFP-2  \n"
    "Single line text\n"
    "  \t\n"
    "#----------\n"
    "another comment\n"
    "#----------\n"
    "\n"
    "000101\tX 3\n"
    "Last record, no blank line after it";

static void expect_tabari_docs(dyad_reader *r)
{
    expect_doc(r, "REU-001", "1995-12-31",
               "Arnor restored ties with Gondor after five years.", NULL, NULL, NULL, 1);
    expect_doc(r, "AFP-2", "2012-01-01", "Single line text", NULL, NULL, NULL, 1);
    expect_doc(r, "X 3", "2000-01-01", "Last record, no blank line after it", NULL,
               NULL, NULL, 1);
    expect_end(r);
}

static void test_tabari_records(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TABARI, tabari_lf, "t.txt", NULL);
    expect_tabari_docs(r);
    dyad_reader_free(r);
}

static void test_tabari_crlf(void **state)
{
    (void)state;
    /* The same file with CRLF line ends must give the same documents. */
    size_t n = sizeof tabari_lf - 1, k = 0;
    char *crlf = malloc(2 * n);
    assert_non_null(crlf);
    for (size_t i = 0; i < n; i++) {
        if (tabari_lf[i] == '\n')
            crlf[k++] = '\r';
        crlf[k++] = tabari_lf[i];
    }
    memsrc m;
    dyad_reader *r = open_mem(&m, DYAD_INPUT_TABARI, crlf, k, "t.txt", NULL);
    expect_tabari_docs(r);
    dyad_reader_free(r);
    free(crlf);
}

static void test_tabari_year_pivot(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TABARI,
        "300101 A\nx\n\n310101 B\ny\n\n991231 C\nz\n\n000229 D\nw\n",
        "t.txt", NULL);
    expect_doc(r, "A", "2030-01-01", "x", NULL, NULL, NULL, 1);
    expect_doc(r, "B", "1931-01-01", "y", NULL, NULL, NULL, 1);
    expect_doc(r, "C", "1999-12-31", "z", NULL, NULL, NULL, 1);
    expect_doc(r, "D", "2000-02-29", "w", NULL, NULL, NULL, 1);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_tabari_bad_records(void **state)
{
    (void)state;
    memsrc m;
    dyad_reader *r = OPEN(&m, DYAD_INPUT_TABARI,
        "951301 BAD-MONTH\n"
        "text of a record\n"
        "that is skipped\n"
        "\n"
        "950132 BAD-DAY\n"
        "skipped too\n"
        "\n"
        "95011 SHORT\n"
        "\n"
        "950101 OK\n"
        "kept\n"
        "\n"
        "950102 UTF\n"
        "Line one\n"
        "bad \xe2\x82 here\n"
        "\n"
        "950103 NUL\n"
        "a\0b\n"
        "\n"
        "950104 EMPTY\n"
        "\n"
        "950105 LAST\n"
        "end\n",
        "t.txt", NULL);
    expect_error(r, DYAD_ERR_INPUT, "t.txt:1", 1, 1, "invalid record date \"951301\"");
    expect_error(r, DYAD_ERR_INPUT, "t.txt:5", 5, 1, "invalid record date \"950132\"");
    expect_error(r, DYAD_ERR_INPUT, "t.txt:8", 8, 1, "invalid record date \"95011\"");
    expect_doc(r, "OK", "1995-01-01", "kept", NULL, NULL, NULL, 1);
    expect_error(r, DYAD_ERR_INPUT, "UTF", 0, 14, "invalid UTF-8 at byte 14");
    expect_error(r, DYAD_ERR_INPUT, "NUL", 0, 2, "NUL character at byte 2");
    expect_doc(r, "EMPTY", "1995-01-04", "", NULL, NULL, NULL, 1);
    expect_doc(r, "LAST", "1995-01-05", "end", NULL, NULL, NULL, 1);
    expect_end(r);
    dyad_reader_free(r);
}

static void test_tabari_long_line(void **state)
{
    (void)state;
    size_t big = ((size_t)64 << 10) + 1;
    const char *head = "950101 LONG\nfirst line\n";
    const char *tail = "\nmore\n\n950102 NEXT\nshort\n";
    size_t len = strlen(head) + big + strlen(tail);
    char *data = malloc(len);
    assert_non_null(data);
    memcpy(data, head, strlen(head));
    memset(data + strlen(head), 'w', big);
    memcpy(data + strlen(head) + big, tail, strlen(tail));
    memsrc m;
    dyad_reader *r = open_mem(&m, DYAD_INPUT_TABARI, data, len, "t.txt", NULL);
    m.chunk = 4096;
    expect_error(r, DYAD_ERR_INPUT, "t.txt:3", 3, 0, "line longer than 64 KiB");
    expect_doc(r, "NEXT", "1995-01-02", "short", NULL, NULL, NULL, 1);
    expect_end(r);
    dyad_reader_free(r);

    /* exactly 64 KiB is fine */
    memset(data + strlen(head), 'w', big);
    data[strlen(head) + big - 1] = '\n';
    r = open_mem(&m, DYAD_INPUT_TABARI, data, len, "t.txt", NULL);
    dyad_document doc;
    dyad_error err;
    assert_int_equal(dyad_reader_next(r, &doc, &err), 1);
    assert_string_equal(doc.id, "LONG");
    assert_int_equal(doc.len, strlen("first line ") + big - 1);
    dyad_reader_free(r);
    free(data);
}

/* --------------------------------------------------------------- misc */

static void test_usage(void **state)
{
    (void)state;
    memsrc m = {"", 0, 0, 7, 0};
    assert_null(dyad_reader_new(DYAD_INPUT_TEXT, NULL, &m, "x", NULL));
    assert_null(dyad_reader_new((dyad_input_format)42, mem_read, &m, "x", NULL));
    dyad_document doc;
    dyad_error err;
    assert_int_equal(dyad_reader_next(NULL, &doc, &err), -1);
    assert_int_equal(err.code, DYAD_ERR_USAGE);
    dyad_reader_free(NULL);

    /* no name: errors still say something */
    dyad_reader *r = dyad_reader_new(DYAD_INPUT_TEXT, mem_read, &m, NULL, NULL);
    assert_non_null(r);
    expect_error(r, DYAD_ERR_INPUT, "<input>", 0, 0, "empty document");
    dyad_reader_free(r);
}

/* Every allocation may fail; the reader must report it or carry on, never
 * crash or leak (ASan checks the latter). */
static void test_allocation_failures(void **state)
{
    (void)state;
    static const char jsonl[] =
        "{\"id\":\"a\",\"date\":\"2024-01-02\",\"text\":\"one\",\"source\":\"s\","
        "\"url\":\"u\",\"title\":\"t\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
    static const char tabari[] = "950101 A\nx\ny\n\n950102 B\nz\n";
    static const char text[] = "Some text.";
    const struct {
        dyad_input_format fmt;
        const char *data;
        size_t len;
    } cases[] = {
        {DYAD_INPUT_JSONL, jsonl, sizeof jsonl - 1},
        {DYAD_INPUT_TABARI, tabari, sizeof tabari - 1},
        {DYAD_INPUT_TEXT, text, sizeof text - 1},
    };
    for (size_t c = 0; c < 3; c++) {
        for (long n = 1; n < 40; n++) {
            memsrc m = {cases[c].data, cases[c].len, 0, 7, 0};
            dyad__fail_alloc_after(n);
            dyad_reader *r = dyad_reader_new(cases[c].fmt, mem_read, &m, "f", "2024-01-01");
            if (r) {
                dyad_document doc;
                dyad_error err;
                int rc, guard = 0;
                while ((rc = dyad_reader_next(r, &doc, &err)) != 0 && guard++ < 10)
                    if (rc < 0)
                        assert_true(err.code == DYAD_ERR_NOMEM);
                assert_int_equal(rc, 0);
            }
            dyad_reader_free(r);
            dyad__fail_alloc_after(0);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_jsonl_fields),
        cmocka_unit_test(test_jsonl_not_json),
        cmocka_unit_test(test_jsonl_missing_text),
        cmocka_unit_test(test_jsonl_bad_date),
        cmocka_unit_test(test_jsonl_megabyte_line),
        cmocka_unit_test(test_jsonl_line_too_long),
        cmocka_unit_test(test_jsonl_nul_byte),
        cmocka_unit_test(test_jsonl_invalid_utf8),
        cmocka_unit_test(test_jsonl_bom_and_no_final_newline),
        cmocka_unit_test(test_text_document),
        cmocka_unit_test(test_text_empty),
        cmocka_unit_test(test_text_invalid_utf8),
        cmocka_unit_test(test_text_nul_byte),
        cmocka_unit_test(test_text_too_large),
        cmocka_unit_test(test_read_error),
        cmocka_unit_test(test_tabari_records),
        cmocka_unit_test(test_tabari_crlf),
        cmocka_unit_test(test_tabari_year_pivot),
        cmocka_unit_test(test_tabari_bad_records),
        cmocka_unit_test(test_tabari_long_line),
        cmocka_unit_test(test_usage),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
