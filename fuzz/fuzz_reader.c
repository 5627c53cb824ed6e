/*
 * fuzz_reader.c -- libFuzzer harness for the document readers and the
 * coding pipeline behind them.
 *
 * Input layout:
 *   byte 0   bits 0-1  format: 0 text, 1 JSONL, 2 TABARI (YYMMDD),
 *                      3 TABARI with 4-digit years (YYYYMMDD)
 *            bits 2-4  read size per callback: 1 2 3 7 16 64 4096 65536
 *            bit  5    the stream ends in a read error instead of EOF
 *            bit  6    a default date is given to the reader
 *            bit  7    byte 1 is a mask of coder options to apply
 *   byte 1   option mask (see `option_commands`)
 *   rest     the stream
 *
 * Every document the reader returns is coded with a coder over the tiny
 * dictionary of fuzz_common.h, and every sentence is checked (spans inside
 * the text, on character boundaries, offsets in code points).  The reader
 * must also never return more documents or errors than the input has
 * lines, must stop after a read error, and its documents must be valid
 * UTF-8 without NUL bytes (JSONL: valid UTF-8).
 *
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDYAD_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_reader
 *   build-fuzz/fuzz_reader fuzz/corpus/reader
 */
#include <stdint.h>

#include "fuzz_common.h"

static dyad_dict *tiny_dict;

static const char *const option_commands[8] = {
    "SET: CODE BY SENTENCE",
    "SET: CODE ALL",
    "DEFAULT: SOURCE [DEF] TARGET [TGT] PRIOR AFTER",
    "FORWARD: ^^*****NNN*SSS",
    "COMPLEX: VERBS[2] ACTORS[3] PRONOUNS[2] CONJ[1] NOSOURCE NOTARGET NOEVENT EXPLAIN",
    "COMMA: MIN 1 MAX 30 BMIN 1 BMAX 30 EMIN 1 EMAX 30",
    "SET: CONVERT AGENTS = TRUE",
    "SET: TIME SHIFT = FALSE",
};

static const size_t chunk_sizes[8] = {1, 2, 3, 7, 16, 64, 4096, 65536};

typedef struct stream {
    const uint8_t *data;
    size_t len, pos, chunk;
    int fail_at_end;
    int failed; /* the read error was delivered */
    int after_failure; /* reads after the error: must not happen twice */
} stream;

static size_t read_stream(void *user, char *buf, size_t cap)
{
    stream *s = user;
    FUZZ_CHECK(buf != NULL && cap > 0);
    if (s->failed) {
        s->after_failure++;
        return (size_t)-1;
    }
    size_t n = s->len - s->pos;
    if (n == 0 && s->fail_at_end) {
        s->failed = 1;
        return (size_t)-1;
    }
    if (n > cap)
        n = cap;
    if (n > s->chunk)
        n = s->chunk;
    memcpy(buf, s->data + s->pos, n);
    s->pos += n;
    return n;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    tiny_dict = fuzz_load_tiny("fuzz_reader");
    fuzz_cleanup(); /* loaded: the files are not needed any more */
    return 0;
}

static size_t count_lines(const uint8_t *data, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++)
        n += data[i] == '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    uint8_t mode = data[0], mask = data[1];
    int format = mode & 3;
    stream s = {data + 2, size - 2, 0, chunk_sizes[(mode >> 2) & 7], (mode >> 5) & 1, 0, 0};
    const char *date = (mode & 0x40) ? "2004-02-29" : NULL;

    dyad_reader *reader = dyad_reader_new(format == 0   ? DYAD_INPUT_TEXT
                                          : format == 1 ? DYAD_INPUT_JSONL
                                                        : DYAD_INPUT_TABARI,
                                          read_stream, &s, "fuzz", date);
    FUZZ_CHECK(reader != NULL);
    if (format == 3)
        dyad_reader_set_year_digits(reader, 4);
    dyad_coder *coder = dyad_coder_new(tiny_dict);
    FUZZ_CHECK(coder != NULL);
    if (mode & 0x80)
        for (int i = 0; i < 8; i++)
            if (mask & (1u << i)) {
                dyad_error err;
                memset(&err, 0, sizeof err);
                FUZZ_CHECK(dyad_coder_set_option(coder, option_commands[i], &err) == DYAD_OK);
            }

    size_t limit = count_lines(s.data, s.len) + 2;
    size_t results = 0;
    int io_error = 0;
    for (;;) {
        dyad_document doc;
        dyad_error err;
        memset(&err, 0, sizeof err);
        int got = dyad_reader_next(reader, &doc, &err);
        FUZZ_CHECK(got >= -1 && got <= 1);
        if (got == 0)
            break;
        FUZZ_CHECK(++results <= limit);
        FUZZ_CHECK(!io_error); /* nothing after a read error */
        if (got < 0) {
            FUZZ_CHECK(err.code != DYAD_OK && err.message[0]);
            FUZZ_CHECK(memchr(err.where, '\0', sizeof err.where) != NULL);
            if (err.code == DYAD_ERR_IO)
                io_error = 1;
            continue;
        }
        FUZZ_CHECK(doc.id != NULL);
        FUZZ_CHECK(doc.text != NULL || doc.len == 0);
        if (doc.text) {
            FUZZ_CHECK(dyad__utf8_invalid_at(doc.text, doc.len) == (size_t)-1);
            if (format != 1)
                FUZZ_CHECK(memchr(doc.text, '\0', doc.len) == NULL);
        }
        if (doc.date) {
            FUZZ_CHECK(strlen(doc.date) == 10);
        }
        (void)strlen(doc.id);
        if (doc.source)
            (void)strlen(doc.source);
        if (doc.url)
            (void)strlen(doc.url);
        if (doc.title)
            (void)strlen(doc.title);
        if (doc.record_header)
            (void)strlen(doc.record_header);
        fuzz_code(coder, &doc, NULL, 0);
    }
    /* once at the end, always at the end */
    dyad_document doc;
    FUZZ_CHECK(dyad_reader_next(reader, &doc, NULL) == 0);
    FUZZ_CHECK(s.after_failure == 0);
    if (s.fail_at_end && !s.failed)
        FUZZ_CHECK(0 && "reader stopped before the end of its input");
    dyad_coder_free(coder);
    dyad_reader_free(reader);
    return 0;
}
