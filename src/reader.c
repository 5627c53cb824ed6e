/*
 * reader.c -- the streaming document reader: bytes from a dyad_read_fn
 * callback in, dyad_document records out, for plain text, JSONL and TABARI
 * record files.
 *
 * Data layout.  Input arrives through a fixed window of READ_WINDOW bytes
 * (ibuf[ipos..ilen) are the bytes not yet consumed).  Line-oriented formats
 * copy one line at a time out of the window into `line`; the fields of the
 * document being returned live in their own buffers (`text`, `id`, `source`,
 * `url`, `title`, `date`), which are reused from one document to the next.
 * Every buffer is therefore bounded by the largest line or document seen,
 * never by the number of documents, and buffers that an outsized document
 * blew up beyond SHRINK_ABOVE are released before the next one is read.
 *
 * Limits: a plain-text document may hold 256 MiB, a JSONL line 64 MiB, a
 * TABARI line 64 KiB (TABARI itself stops at 255 bytes) and a TABARI record
 * 256 MiB.  Beyond a limit the rest of the line or record is skipped without
 * being stored, and the document is reported as an error.
 *
 * Errors.  A malformed document makes dyad_reader_next return -1 with `err`
 * naming it; the reader is positioned after it, so the caller just calls
 * again.  A read error, or running out of memory while reading a plain-text
 * document, ends the input: the error is returned once and later calls
 * return 0.  JSON is parsed with cJSON, whose own allocations cannot be
 * routed through dyad__alloc without changing cJSON's process-wide hooks;
 * so the parsed object is released before returning and every string of the
 * document is copied into the reader's own buffers.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "date.h"
#include "utf8.h"

#define READ_WINDOW ((size_t)64 << 10)
#define MAX_TEXT_DOC ((size_t)256 << 20)
#define MAX_JSONL_LINE ((size_t)64 << 20)
#define MAX_TABARI_LINE ((size_t)64 << 10)
#define MAX_TABARI_RECORD ((size_t)256 << 20)
#define SHRINK_ABOVE ((size_t)4 << 20)

struct dyad_reader {
    dyad_input_format format;
    dyad_read_fn read;
    void *user;
    char *name;
    char *default_date;

    char *ibuf; /* READ_WINDOW bytes; ibuf[ipos..ilen) not yet consumed */
    size_t ipos, ilen;
    int eof;     /* the callback returned 0 */
    int started; /* the byte-order mark check has been done */
    int done;    /* nothing more will be returned */
    long lineno; /* number of the line last read */

    dyad_strbuf line;
    dyad_strbuf text;
    dyad_strbuf id, source, url, title, header;
    char date[11];
    int year_digits; /* TABARI record dates: 2 (YYMMDD) or 4 (YYYYMMDD) */
};

/* Results of read_line. */
enum { LINE_OK, LINE_EOF, LINE_TOO_LONG, LINE_NOMEM, LINE_IOERR };

/* ------------------------------------------------------------ buffers */

/* Makes room for `need` bytes, doubling but never past `limit` bytes unless
 * `need` itself is larger.  The clamp matters at the 64 and 256 MiB limits,
 * where doubling would reserve twice what can ever be used. */
static int reserve(dyad_strbuf *sb, size_t need, size_t limit)
{
    if (need <= sb->cap)
        return 0;
    size_t ncap = sb->cap ? sb->cap : 256;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    if (ncap > limit && need <= limit)
        ncap = limit;
    char *p = dyad__realloc(sb->data, ncap);
    if (!p)
        return -1;
    sb->data = p;
    sb->cap = ncap;
    return 0;
}

/* Appends s[0..n) and keeps the buffer NUL-terminated; `limit` is the
 * largest content length the buffer is expected to reach. */
static int append(dyad_strbuf *sb, const char *s, size_t n, size_t limit)
{
    if (reserve(sb, sb->len + n + 1, limit + 1))
        return -1;
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
    return 0;
}

/* Replaces the content of `sb` with s[0..n); returns the copy or NULL.
 * (Every string of a document comes from one line, hence the limit.) */
static const char *set_string(dyad_strbuf *sb, const char *s, size_t n)
{
    sb->len = 0;
    if (append(sb, s, n, MAX_JSONL_LINE))
        return NULL;
    return sb->data;
}

static void shrink(dyad_strbuf *sb)
{
    if (sb->cap > SHRINK_ABOVE)
        dyad__sb_free(sb);
}

/* -------------------------------------------------------------- input */

/* Reads more input after the unconsumed bytes of the window.  Returns 1
 * when bytes arrived, 0 at end of input, -1 on a read error. */
static int fill(dyad_reader *r)
{
    if (r->eof)
        return 0;
    if (r->ipos == r->ilen)
        r->ipos = r->ilen = 0;
    size_t room = READ_WINDOW - r->ilen;
    if (room == 0)
        return 1;
    size_t n = r->read(r->user, r->ibuf + r->ilen, room);
    if (n == (size_t)-1 || n > room)
        return -1;
    if (n == 0) {
        r->eof = 1;
        return 0;
    }
    r->ilen += n;
    return 1;
}

/* Skips a UTF-8 byte-order mark at the very start of the input; the
 * callback may deliver it a byte at a time. */
static int skip_bom(dyad_reader *r)
{
    r->started = 1;
    while (r->ilen < 3) {
        int f = fill(r);
        if (f < 0)
            return -1;
        if (f == 0)
            break;
    }
    if (r->ilen >= 3 && memcmp(r->ibuf, "\xEF\xBB\xBF", 3) == 0)
        r->ipos = 3;
    return 0;
}

/* Reads the next line, without its '\n' or a '\r' before it, into r->line.
 * A line longer than `max` bytes keeps its first `max` bytes and the rest
 * is consumed unseen (LINE_TOO_LONG); when memory runs out the rest is
 * consumed the same way (LINE_NOMEM).  Either way the reader stands at the
 * start of the following line. */
static int read_line(dyad_reader *r, size_t max)
{
    int status = LINE_OK;
    int any = 0;
    r->line.len = 0;
    if (r->line.data)
        r->line.data[0] = '\0';
    for (;;) {
        if (r->ipos == r->ilen) {
            int f = fill(r);
            if (f < 0)
                return LINE_IOERR;
            if (f == 0) {
                if (!any)
                    return LINE_EOF;
                break;
            }
        }
        any = 1;
        const char *p = r->ibuf + r->ipos;
        size_t avail = r->ilen - r->ipos;
        const char *nl = memchr(p, '\n', avail);
        size_t n = nl ? (size_t)(nl - p) : avail;
        if (status == LINE_OK) {
            size_t keep = n;
            if (r->line.len + n > max) {
                keep = max - r->line.len;
                status = LINE_TOO_LONG;
            }
            if (keep && append(&r->line, p, keep, max))
                status = LINE_NOMEM;
        }
        r->ipos += n + (nl != NULL);
        if (nl)
            break;
    }
    r->lineno++;
    if (status == LINE_OK && r->line.len && r->line.data[r->line.len - 1] == '\r')
        r->line.data[--r->line.len] = '\0';
    return status;
}

static int is_blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' && s[i] != '\f' &&
            s[i] != '\v')
            return 0;
    return 1;
}

/* ------------------------------------------------------------- errors */

static int fail_at_line(dyad_reader *r, dyad_error *err, dyad_status code,
                        long line, long column, const char *message)
{
    char where[600];
    snprintf(where, sizeof where, "%s:%ld", r->name, line);
    dyad__set_error(err, code, where, line, column, "%s", message);
    return -1;
}

static int fail_read(dyad_reader *r, dyad_error *err)
{
    r->done = 1;
    dyad__set_error(err, DYAD_ERR_IO, r->name, 0, 0, "read error");
    return -1;
}

/* The first fault of a text that must be UTF-8 without NUL characters,
 * whichever kind comes first: its name, and its 0-based byte offset in
 * *at; NULL when the text is clean. */
static const char *text_fault(const char *s, size_t n, size_t *at)
{
    const char *nul = memchr(s, '\0', n);
    size_t at_nul = nul ? (size_t)(nul - s) : (size_t)-1;
    size_t at_bad = dyad__utf8_invalid_at(s, n);
    if (at_bad != (size_t)-1 && at_bad < at_nul) {
        *at = at_bad;
        return "invalid UTF-8";
    }
    *at = at_nul;
    return nul ? "NUL character" : NULL;
}

/* Checks a document's text; reports the first fault with a 1-based byte
 * offset. */
static int check_text(const char *s, size_t n, const char *id, dyad_error *err)
{
    size_t at;
    const char *what = text_fault(s, n, &at);
    if (!what)
        return 0;
    dyad__set_error(err, DYAD_ERR_INPUT, id, 0, (long)(at + 1), "%s at byte %zu", what,
                    at + 1);
    return -1;
}

/* ------------------------------------------------------------- dates */

static int is_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Writes "YYYY-MM-DD" for a valid calendar date. */
static void format_date(char out[11], int y, int m, int d)
{
    date__format_iso(date__days(y, m, d), out);
}

/* Normalises "YYYY-MM-DD", "YYYYMMDD" or "YYYY-MM-DDThh:mm..." (the date
 * as written: no time-zone shift) to "YYYY-MM-DD".  0 on success. */
static int normalize_date(const char *s, size_t n, char out[11])
{
    int y, m, d;
    if (n == 8 && is_digits(s, 8)) {
        y = number(s, 4);
        m = number(s + 4, 2);
        d = number(s + 6, 2);
    } else if (n >= 10 && is_digits(s, 4) && s[4] == '-' && is_digits(s + 5, 2) &&
               s[7] == '-' && is_digits(s + 8, 2)) {
        if (n > 10 && !(n >= 16 && (s[10] == 'T' || s[10] == 't' || s[10] == ' ') &&
                        is_digits(s + 11, 2) && s[13] == ':' && is_digits(s + 14, 2)))
            return -1;
        y = number(s, 4);
        m = number(s + 5, 2);
        d = number(s + 8, 2);
    } else {
        return -1;
    }
    if (!date__valid(y, m, d))
        return -1;
    format_date(out, y, m, d);
    return 0;
}

/* ------------------------------------------------------- plain text */

static int next_text(dyad_reader *r, dyad_document *doc, dyad_error *err)
{
    r->done = 1; /* one document, whatever happens */
    r->text.len = 0;
    for (;;) {
        if (r->ipos < r->ilen) {
            size_t n = r->ilen - r->ipos;
            if (r->text.len + n > MAX_TEXT_DOC) {
                dyad__set_error(err, DYAD_ERR_INPUT, r->name, 0, 0,
                                "document larger than 256 MiB");
                return -1;
            }
            if (append(&r->text, r->ibuf + r->ipos, n, MAX_TEXT_DOC)) {
                dyad__set_error(err, DYAD_ERR_NOMEM, r->name, 0, 0,
                                "out of memory reading the document");
                return -1;
            }
            r->ipos = r->ilen;
        }
        int f = fill(r);
        if (f < 0)
            return fail_read(r, err);
        if (f == 0)
            break;
    }
    if (is_blank(r->text.data, r->text.len)) {
        dyad__set_error(err, DYAD_ERR_INPUT, r->name, 0, 0, "empty document");
        return -1;
    }
    if (check_text(r->text.data, r->text.len, r->name, err))
        return -1;
    doc->id = r->name;
    doc->date = r->default_date;
    doc->text = r->text.data;
    doc->len = r->text.len;
    return 1;
}

/* ------------------------------------------------------------- JSONL */

/* Returns the string value of `key`, NULL when it is absent or null; sets
 * *bad when the value has another type. */
static const char *json_field(const cJSON *obj, const char *key, size_t *len, int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    *bad = 0;
    if (!v || cJSON_IsNull(v))
        return NULL;
    if (!cJSON_IsString(v) || !v->valuestring) {
        *bad = 1;
        return NULL;
    }
    *len = strlen(v->valuestring);
    return v->valuestring;
}

/* Copies an optional string field; absent, null or non-string values
 * leave it NULL (metadata never costs a document).  0, or -1 on NOMEM. */
static int copy_optional(const cJSON *obj, const char *key, dyad_strbuf *sb,
                         const char **out)
{
    size_t n = 0;
    int bad;
    const char *s = json_field(obj, key, &n, &bad);
    *out = NULL;
    if (!s)
        return 0;
    *out = set_string(sb, s, n);
    return *out ? 0 : -1;
}

static int jsonl_document(dyad_reader *r, const cJSON *obj, dyad_document *doc,
                          dyad_error *err)
{
    long ln = r->lineno;
    size_t text_len = 0, id_len = 0, date_len = 0;
    int bad;

    const char *text = json_field(obj, "text", &text_len, &bad);
    if (bad)
        return fail_at_line(r, err, DYAD_ERR_INPUT, ln, 0,
                            "\"text\" field is not a string");
    if (!text)
        return fail_at_line(r, err, DYAD_ERR_INPUT, ln, 0, "missing \"text\" field");

    char idbuf[640];
    const char *id = json_field(obj, "id", &id_len, &bad);
    if (bad) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, "id");
        double x = cJSON_IsNumber(v) ? v->valuedouble : 0.5;
        /* a whole number that a long long holds (converting one it does
         * not hold is undefined) */
        if (!(x > -9e18 && x < 9e18) || x != (double)(long long)x)
            return fail_at_line(r, err, DYAD_ERR_INPUT, ln, 0,
                                "\"id\" field is not a string");
        /* numeric ids are common enough in the wild to accept */
        id_len = (size_t)snprintf(idbuf, sizeof idbuf, "%lld", (long long)x);
        id = idbuf;
    } else if (!id) {
        id_len = (size_t)snprintf(idbuf, sizeof idbuf, "%s:%ld", r->name, ln);
        if (id_len >= sizeof idbuf)
            id_len = sizeof idbuf - 1;
        id = idbuf;
    }

    const char *date = json_field(obj, "date", &date_len, &bad);
    if (bad)
        return fail_at_line(r, err, DYAD_ERR_INPUT, ln, 0,
                            "\"date\" field is not a string");
    if (date && normalize_date(date, date_len, r->date)) {
        char msg[160];
        snprintf(msg, sizeof msg, "invalid date \"%.64s\" (expected YYYY-MM-DD)", date);
        return fail_at_line(r, err, DYAD_ERR_INPUT, ln, 0, msg);
    }

    doc->date = date ? r->date : NULL;
    doc->id = set_string(&r->id, id, id_len);
    r->text.len = 0;
    doc->text = append(&r->text, text, text_len, MAX_JSONL_LINE) ? NULL : r->text.data;
    doc->len = text_len;
    if (!doc->id || !doc->text || copy_optional(obj, "source", &r->source, &doc->source) ||
        copy_optional(obj, "url", &r->url, &doc->url) ||
        copy_optional(obj, "title", &r->title, &doc->title)) {
        memset(doc, 0, sizeof *doc);
        return fail_at_line(r, err, DYAD_ERR_NOMEM, ln, 0, "out of memory");
    }
    return 1;
}

/* The first NUL of a JSON line, raw or escaped as \\u0000 (which would
 * silently cut the string short), or (size_t)-1. */
static size_t nul_at(const char *s, size_t n)
{
    int escaped = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\0')
            return i;
        if (escaped) {
            if (s[i] == 'u' && i + 4 < n && s[i + 1] == '0' && s[i + 2] == '0' &&
                s[i + 3] == '0' && s[i + 4] == '0')
                return i - 1;
            escaped = 0;
        } else if (s[i] == '\\') {
            escaped = 1;
        }
    }
    return (size_t)-1;
}

static int next_jsonl(dyad_reader *r, dyad_document *doc, dyad_error *err)
{
    for (;;) {
        int st = read_line(r, MAX_JSONL_LINE);
        switch (st) {
        case LINE_EOF:
            r->done = 1;
            return 0;
        case LINE_IOERR:
            return fail_read(r, err);
        case LINE_TOO_LONG:
            return fail_at_line(r, err, DYAD_ERR_INPUT, r->lineno, 0,
                                "line longer than 64 MiB");
        case LINE_NOMEM:
            return fail_at_line(r, err, DYAD_ERR_NOMEM, r->lineno, 0,
                                "out of memory reading the line");
        default:
            break;
        }
        const char *s = r->line.data;
        size_t n = r->line.len;
        if (is_blank(s, n))
            continue;

        /* Checked before parsing so that the message gives the byte. */
        size_t bad = dyad__utf8_invalid_at(s, n);
        if (bad != (size_t)-1) {
            char msg[64];
            snprintf(msg, sizeof msg, "invalid UTF-8 at byte %zu", bad + 1);
            return fail_at_line(r, err, DYAD_ERR_INPUT, r->lineno, (long)bad + 1, msg);
        }
        size_t nul = nul_at(s, n);
        if (nul != (size_t)-1) {
            char msg[64];
            snprintf(msg, sizeof msg, "NUL character at byte %zu", nul + 1);
            return fail_at_line(r, err, DYAD_ERR_INPUT, r->lineno, (long)nul + 1, msg);
        }

        /* cJSON (Debian's libcjson) parses a line an order of magnitude
         * faster than a character-callback parser; it stops at the byte
         * where the text stops being JSON. */
        const char *end = NULL;
        cJSON *obj = cJSON_ParseWithLengthOpts(s, n, &end, 0);
        if (obj && end && !is_blank(end, n - (size_t)(end - s))) {
            cJSON_Delete(obj);
            obj = NULL;
        }
        if (!obj) {
            long column = end && end >= s && end <= s + n ? (long)(end - s) + 1 : 1;
            char msg[96];
            snprintf(msg, sizeof msg, "line is not valid JSON (error at byte %ld)", column);
            return fail_at_line(r, err, DYAD_ERR_INPUT, r->lineno, column, msg);
        }
        int rc;
        if (!cJSON_IsObject(obj))
            rc = fail_at_line(r, err, DYAD_ERR_INPUT, r->lineno, 1,
                              "line is not a JSON object");
        else
            rc = jsonl_document(r, obj, doc, err);
        cJSON_Delete(obj);
        return rc;
    }
}

/* ------------------------------------------------------------ TABARI */

/* Parses a record header "YYMMDD id..." (or "YYYYMMDD id..." when the
 * reader reads 4-digit years): 0 and the date in r->date, the id in r->id
 * and the rest of the line in r->header; -1 for a bad date, -2 when memory
 * ran out.  Like TABARI, exactly 6 (or 8) characters make the date, even
 * when more digits follow. */
static int tabari_header(dyad_reader *r, const char *s, size_t n)
{
    size_t width = r->year_digits == 4 ? 8 : 6;
    if (n < width || !is_digits(s, width))
        return -1;
    int year, m, d;
    if (width == 8) {
        year = number(s, 4);
        m = number(s + 4, 2);
        d = number(s + 6, 2);
        if (year < 1850 || year > 2030)
            return -1;
    } else {
        int yy = number(s, 2);
        year = yy <= 30 ? 2000 + yy : 1900 + yy;
        m = number(s + 2, 2);
        d = number(s + 4, 2);
    }
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return -1;
    format_date(r->date, year, m, d);
    if (!set_string(&r->header, s + width, n - width))
        return -2;
    size_t a = width, b = n;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    return set_string(&r->id, s + a, b - a) ? 0 : -2;
}

/* The first error met in a record, reported once the record is skipped. */
typedef struct record_fault {
    dyad_status code;
    long line, column;
    char message[96];
} record_fault;

static void fault(record_fault *f, dyad_status code, long line, long column,
                  const char *message)
{
    if (f->code != DYAD_OK)
        return;
    f->code = code;
    f->line = line;
    f->column = column;
    snprintf(f->message, sizeof f->message, "%s", message);
}

static int next_tabari(dyad_reader *r, dyad_document *doc, dyad_error *err)
{
    int st;
    /* Outside a record: blank lines and comments until a line that starts
     * with a digit. */
    for (;;) {
        st = read_line(r, MAX_TABARI_LINE);
        if (st == LINE_EOF) {
            r->done = 1;
            return 0;
        }
        if (st == LINE_IOERR)
            return fail_read(r, err);
        if (r->line.len && r->line.data[0] >= '0' && r->line.data[0] <= '9')
            break;
        if (st == LINE_NOMEM && r->line.len == 0)
            break; /* cannot tell; treat it as a record and skip it */
    }

    record_fault f = {DYAD_OK, 0, 0, ""};
    long header_line = r->lineno;
    if (st == LINE_TOO_LONG) {
        fault(&f, DYAD_ERR_INPUT, header_line, 0, "line longer than 64 KiB");
    } else if (st == LINE_NOMEM) {
        fault(&f, DYAD_ERR_NOMEM, header_line, 0, "out of memory");
    } else {
        size_t at;
        const char *what = text_fault(r->line.data, r->line.len, &at);
        int h = what ? 0 : tabari_header(r, r->line.data, r->line.len);
        if (what) {
            /* the id is printed and written out: it must be clean text */
            char msg[96];
            snprintf(msg, sizeof msg, "%s at byte %zu of the record header", what, at + 1);
            fault(&f, DYAD_ERR_INPUT, header_line, (long)at + 1, msg);
        } else if (h == -1) {
            char msg[96];
            size_t tok = 0;
            while (tok < r->line.len && tok < 32 && r->line.data[tok] != ' ' &&
                   r->line.data[tok] != '\t')
                tok++;
            snprintf(msg, sizeof msg, "invalid record date \"%.*s\"", (int)tok,
                     r->line.data);
            fault(&f, DYAD_ERR_INPUT, header_line, 1, msg);
        } else if (h == -2) {
            fault(&f, DYAD_ERR_NOMEM, header_line, 0, "out of memory");
        }
    }

    /* The text: every line up to a blank one, each ending in a space before
     * the next is joined on, as TABARI builds its record buffer. */
    r->text.len = 0;
    if (reserve(&r->text, 1, 1))
        fault(&f, DYAD_ERR_NOMEM, header_line, 0, "out of memory");
    else
        r->text.data[0] = '\0';
    for (;;) {
        st = read_line(r, MAX_TABARI_LINE);
        if (st == LINE_EOF)
            break;
        if (st == LINE_IOERR)
            return fail_read(r, err);
        if (st == LINE_OK && is_blank(r->line.data, r->line.len))
            break;
        if (f.code != DYAD_OK)
            continue;
        if (st == LINE_TOO_LONG) {
            fault(&f, DYAD_ERR_INPUT, r->lineno, 0, "line longer than 64 KiB");
            continue;
        }
        if (st == LINE_NOMEM) {
            fault(&f, DYAD_ERR_NOMEM, r->lineno, 0, "out of memory");
            continue;
        }
        size_t add = r->line.len + (r->text.len && r->text.data[r->text.len - 1] != ' ');
        if (r->text.len + add > MAX_TABARI_RECORD) {
            fault(&f, DYAD_ERR_INPUT, header_line, 0, "record larger than 256 MiB");
            continue;
        }
        if ((add > r->line.len && append(&r->text, " ", 1, MAX_TABARI_RECORD)) ||
            append(&r->text, r->line.data, r->line.len, MAX_TABARI_RECORD))
            fault(&f, DYAD_ERR_NOMEM, r->lineno, 0, "out of memory");
    }

    if (f.code != DYAD_OK)
        return fail_at_line(r, err, f.code, f.line, f.column, f.message);
    if (check_text(r->text.data, r->text.len, r->id.data, err))
        return -1;
    doc->id = r->id.data;
    doc->date = r->date;
    doc->text = r->text.data;
    doc->len = r->text.len;
    doc->is_tabari_record = 1;
    doc->record_header = r->header.data;
    return 1;
}

/* ------------------------------------------------------------- public */

DYAD_API void dyad_reader_set_year_digits(dyad_reader *reader, int digits)
{
    if (reader)
        reader->year_digits = digits == 4 ? 4 : 2;
}

DYAD_API dyad_reader *dyad_reader_new(dyad_input_format format, dyad_read_fn read,
                                      void *user, const char *name,
                                      const char *default_date)
{
    if (!read || (format != DYAD_INPUT_TEXT && format != DYAD_INPUT_JSONL &&
                  format != DYAD_INPUT_TABARI))
        return NULL;
    dyad_reader *r = dyad__calloc(1, sizeof *r);
    if (r)
        r->year_digits = 2;
    if (!r)
        return NULL;
    r->format = format;
    r->read = read;
    r->user = user;
    if (!name)
        name = "<input>";
    r->name = dyad__strndup(name, strlen(name));
    r->default_date = default_date ? dyad__strndup(default_date, strlen(default_date)) : NULL;
    r->ibuf = dyad__alloc(READ_WINDOW);
    if (!r->name || (default_date && !r->default_date) || !r->ibuf) {
        dyad_reader_free(r);
        return NULL;
    }
    return r;
}

DYAD_API int dyad_reader_next(dyad_reader *reader, dyad_document *doc, dyad_error *err)
{
    if (doc)
        memset(doc, 0, sizeof *doc);
    if (!reader || !doc) {
        dyad__set_error(err, DYAD_ERR_USAGE, "", 0, 0,
                        "dyad_reader_next needs a reader and a document");
        return -1;
    }
    if (reader->done)
        return 0;
    if (!reader->started && skip_bom(reader))
        return fail_read(reader, err);
    shrink(&reader->line);
    shrink(&reader->text);
    switch (reader->format) {
    case DYAD_INPUT_TEXT: return next_text(reader, doc, err);
    case DYAD_INPUT_JSONL: return next_jsonl(reader, doc, err);
    case DYAD_INPUT_TABARI: return next_tabari(reader, doc, err);
    }
    return 0;
}

DYAD_API void dyad_reader_free(dyad_reader *reader)
{
    if (!reader)
        return;
    dyad__free(reader->name);
    dyad__free(reader->default_date);
    dyad__free(reader->ibuf);
    dyad__sb_free(&reader->line);
    dyad__sb_free(&reader->text);
    dyad__sb_free(&reader->id);
    dyad__sb_free(&reader->source);
    dyad__sb_free(&reader->url);
    dyad__sb_free(&reader->title);
    dyad__sb_free(&reader->header);
    dyad__free(reader);
}
