/*
 * dyad.h -- the public interface of libdyad, a political event coder.
 *
 * dyad turns news text into event records: who did what to whom, when,
 * according to which verb pattern.  The library is organised as a pipeline
 *
 *     reader -> segment -> tokenize -> match -> parse -> assemble -> sink
 *
 * and exposes three objects:
 *
 *   dyad_dict    dictionaries (actors, agents, verbs, options), loaded from
 *                TABARI-format text files or from a compiled binary file.
 *                Immutable once loaded; one dictionary may be shared by any
 *                number of threads.
 *   dyad_coder   the per-thread working state: scratch arrays for one
 *                sentence, the coding options (which validation records may
 *                change), and nothing else.  One coder per thread.
 *   dyad_reader  a streaming document reader for plain text, JSONL and
 *                TABARI record files.
 *
 * Conventions (see docs/ARCHITECTURE.md):
 *   - Functions that can fail return a dyad_status and, when `err` is not
 *     NULL, fill it with a code, a message and the place of the fault.
 *   - The library never prints, never exits and never aborts on bad input.
 *   - Every destructor accepts NULL.
 *   - Strings handed to callbacks live until the callback returns.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_API __attribute__((visibility("default")))
#else
#define DYAD_API
#endif

#define DYAD_VERSION "0.1.0"

/* ------------------------------------------------------------------ errors */

typedef enum dyad_status {
    DYAD_OK = 0,
    DYAD_ERR_NOMEM,   /* allocation failed */
    DYAD_ERR_IO,      /* a file could not be opened or read */
    DYAD_ERR_SYNTAX,  /* a dictionary, option or project line is malformed */
    DYAD_ERR_INPUT,   /* a document is malformed (bad JSON, bad date, ...) */
    DYAD_ERR_FORMAT,  /* a compiled dictionary has a bad signature or version */
    DYAD_ERR_USAGE    /* an argument is invalid */
} dyad_status;

/* Where and why something failed.  `where` is a file name or a document id;
 * `line` and `column` are 1-based and 0 when they do not apply. */
typedef struct dyad_error {
    dyad_status code;
    char message[512];
    char where[512];
    long line;
    long column;
} dyad_error;

/* Returns a constant English name for a status ("syntax error", ...). */
DYAD_API const char *dyad_status_name(dyad_status code);

/* Warnings and recoverable errors met while loading dictionaries or reading
 * documents are reported through this callback (when one is given) and the
 * work goes on.  `diag->code` is DYAD_OK for a plain warning. */
typedef enum dyad_severity { DYAD_WARNING = 1, DYAD_ERROR = 2 } dyad_severity;
typedef void (*dyad_diag_fn)(void *user, dyad_severity severity,
                             const dyad_error *diag);

/* ------------------------------------------------------------ dictionaries */

typedef struct dyad_dict dyad_dict;

/* The kinds of dictionary source file, usually taken from the extension. */
typedef enum dyad_source_kind {
    DYAD_SOURCE_AUTO = 0,  /* decide from the extension / file signature */
    DYAD_SOURCE_PROJECT,   /* .project: names the files below */
    DYAD_SOURCE_ACTORS,    /* .actors */
    DYAD_SOURCE_AGENTS,    /* .agents */
    DYAD_SOURCE_VERBS,     /* .verbs */
    DYAD_SOURCE_OPTIONS,   /* .options */
    DYAD_SOURCE_COMPILED   /* the binary file written by dyad_dict_save */
} dyad_source_kind;

typedef struct dyad_dict_source {
    const char *path;
    dyad_source_kind kind;
} dyad_dict_source;

/* Loads dictionaries from `n` sources, in order (order matters: TABARI
 * resolves ties by the order entries were read).  A compiled file must be
 * the only source.  Defects that TABARI tolerates (CRLF, NUL or 0x1A bytes,
 * duplicate entries, '&' in actor phrases) are reported as warnings; a
 * malformed line is reported as an error and skipped.  Returns NULL only
 * when nothing usable could be built (a file is missing, memory ran out):
 * then `err` says why.  The caller frees the result with dyad_dict_close. */
DYAD_API dyad_dict *dyad_dict_load(const dyad_dict_source *sources, size_t n,
                                   dyad_diag_fn diag, void *user,
                                   dyad_error *err);

/* Writes the loaded dictionary as one versioned binary file (magic, format
 * version, byte-order mark) that dyad_dict_load maps back in milliseconds. */
DYAD_API dyad_status dyad_dict_save(const dyad_dict *dict, const char *path,
                                    dyad_error *err);

DYAD_API void dyad_dict_close(dyad_dict *dict);

typedef struct dyad_dict_stats {
    size_t actors, agents, verbs, patterns, synsets, nouns, adjectives;
    size_t time_phrases, attribution_phrases, literals, codes;
    size_t bytes;  /* memory held by the dictionary */
    size_t event_codes; /* distinct event codes that verbs and their patterns
                           can give ([---], [###], [+++] not counted); 0 if
                           memory ran out counting them */
} dyad_dict_stats;

DYAD_API void dyad_dict_get_stats(const dyad_dict *dict, dyad_dict_stats *out);

/* The width of the year in TABARI record dates that the dictionary's
 * options ask for: 4 after "SET: YYYY = TRUE" (YYYYMMDD), else 2 (YYMMDD).
 * Pass it to dyad_reader_set_year_digits. */
DYAD_API int dyad_dict_record_year_digits(const dyad_dict *dict);

/* Whether coding a TABARI record depends on the record before it (the
 * FORWARD: option carries pronoun antecedents between records of a story):
 * such records must then be coded in order, by one coder. */
DYAD_API int dyad_dict_links_records(const dyad_dict *dict);

/* Looks `phrase` up as an actor or agent, as the coder would see it in a
 * sentence dated `date` ("YYYY-MM-DD", or NULL for no date).  Calls `fn`
 * once per dictionary entry that matches a prefix of the phrase; returns
 * the number of matches. */
typedef struct dyad_lookup_hit {
    const char *entry;     /* the dictionary phrase, TABARI spelling */
    const char *kind;      /* "actor", "agent", "verb", ... */
    const char *code;      /* code in force on `date` ("---" when none) */
    const char *all_codes; /* every code of the entry with its dates */
    const char *file;      /* dictionary file and line of the entry */
    long line;
} dyad_lookup_hit;
typedef void (*dyad_lookup_fn)(void *user, const dyad_lookup_hit *hit);
DYAD_API size_t dyad_dict_lookup(const dyad_dict *dict, const char *phrase,
                                 const char *date, dyad_lookup_fn fn,
                                 void *user);

/* ---------------------------------------------------------------- documents */

typedef struct dyad_document {
    const char *id;     /* document id (required, may be "") */
    const char *date;   /* "YYYY-MM-DD" or NULL when unknown */
    const char *text;   /* UTF-8 text, `len` bytes, need not be terminated */
    size_t len;
    const char *source; /* optional metadata, NULL when absent */
    const char *url;
    const char *title;
    /* A TABARI record is coded as one sentence, with TABARI's own text
     * filter: text between / * and * / is ignored. */
    int is_tabari_record;
    /* TABARI records only: the header line after the date, untrimmed, which
     * the FORWARD option reads story and sentence numbers from. */
    const char *record_header;
} dyad_document;

typedef enum dyad_input_format {
    DYAD_INPUT_TEXT = 0,  /* the whole stream is one document */
    DYAD_INPUT_JSONL,     /* one JSON object per line */
    DYAD_INPUT_TABARI     /* "YYMMDD id" line, text lines, blank line */
} dyad_input_format;

/* Reads up to `cap` bytes into `buf`; returns the count, 0 at end of input,
 * or (size_t)-1 on a read error. */
typedef size_t (*dyad_read_fn)(void *user, char *buf, size_t cap);

typedef struct dyad_reader dyad_reader;

/* Creates a streaming reader.  `name` names the input in error messages
 * (a file name, or "<stdin>").  `default_date` ("YYYY-MM-DD" or NULL) is
 * the date of plain-text documents. */
DYAD_API dyad_reader *dyad_reader_new(dyad_input_format format,
                                      dyad_read_fn read, void *user,
                                      const char *name,
                                      const char *default_date);

/* Fetches the next document.  Returns 1 and fills `doc` (valid until the
 * next call) when one was read, 0 at end of input, and -1 when a malformed
 * document was skipped: `err` then names it (document id or name:line) and
 * the position of the fault, and the caller may simply call again. */
DYAD_API int dyad_reader_next(dyad_reader *reader, dyad_document *doc,
                              dyad_error *err);

DYAD_API void dyad_reader_free(dyad_reader *reader);

/* TABARI records: read dates as YYYYMMDD (digits = 4, TABARI's
 * "SET: YYYY = TRUE") or YYMMDD (digits = 2, the default). */
DYAD_API void dyad_reader_set_year_digits(dyad_reader *reader, int digits);

/* -------------------------------------------------------------------- coder */

typedef struct dyad_coder dyad_coder;

/* Creates a coder over `dict`, which must outlive it.  The coder starts
 * with the options of the dictionary's .options file. */
DYAD_API dyad_coder *dyad_coder_new(const dyad_dict *dict);
DYAD_API void dyad_coder_free(dyad_coder *coder);

/* Applies one TABARI .options command ("COMPLEX: VERBS[5] ...",
 * "SET: CODE BY SENTENCE", "DEFAULT: OFF", ...) to this coder only. */
DYAD_API dyad_status dyad_coder_set_option(dyad_coder *coder,
                                           const char *command,
                                           dyad_error *err);

/* Whether <TIME> phrases currently shift event dates for this coder. */
DYAD_API int dyad_coder_time_shift_active(const dyad_coder *coder);

/* The record year width (2 or 4) the coder's options currently ask for,
 * after any dyad_coder_set_option("SET: YYYY = ..."). */
DYAD_API int dyad_coder_record_year_digits(const dyad_coder *coder);

/* One actor slot of an event.  Offsets are in Unicode code points into the
 * document text, end exclusive; start == end == 0 and text == NULL when the
 * actor came from a DEFAULT option rather than the text. */
typedef struct dyad_actor {
    const char *code;        /* composite code, e.g. "ISRGOV" */
    const char *text;        /* the words in the document */
    size_t text_len;         /* bytes */
    size_t start, end;       /* code points */
    const char *entry;       /* dictionary phrase of the actor */
    const char *agent_entry; /* dictionary phrase of the agent, or NULL */
} dyad_actor;

typedef struct dyad_event {
    const char *code;        /* event code, e.g. "040" */
    const char *label;       /* label from the options file, or "" */
    dyad_actor source;
    dyad_actor target;       /* code "" and text NULL: no target (SET: OPEN TARGETS) */
    const char *attribution; /* attribution code, or NULL */
    const char *verb_text;   /* the verb words in the document */
    size_t verb_text_len;
    size_t verb_start, verb_end; /* code points */
    const char *verb_entry;  /* the verb root as in the dictionary */
    const char *pattern;     /* the matched pattern, or the root itself */
    const char *matched;     /* the matched words, space separated */
} dyad_event;

/* What became of a sentence. */
typedef enum dyad_outcome {
    DYAD_CODED = 0,      /* at least one event */
    DYAD_NO_EVENT,       /* nothing codable */
    DYAD_NULL_EVENTS,    /* only null-coded patterns matched */
    DYAD_NO_VALID_EVENT, /* events had a missing or identical source/target */
    DYAD_DISCARD,        /* a discard code ([###]) was found */
    DYAD_COMPLEX,        /* a complexity condition or [+++] code */
    DYAD_TOO_SHORT,      /* fewer words than SET: MINIMUM WORDS */
    DYAD_EMPTY           /* no text */
} dyad_outcome;

typedef struct dyad_sentence {
    const char *doc_id;
    size_t index;            /* 0-based sentence number in the document */
    size_t start, end;       /* code points into the document text */
    const char *date;        /* YYYY-MM-DD after time shifting, or NULL */
    int time_shift;          /* days added by a <TIME> phrase */
    int truncated;           /* words beyond the limit were dropped */
    dyad_outcome outcome;
    const char *reason;      /* TABARI-style problem text, "" when coded */
    const dyad_event *events;
    size_t n_events;
} dyad_sentence;

/* Returns a constant name for an outcome ("coded", "no event", ...). */
DYAD_API const char *dyad_outcome_name(dyad_outcome outcome);

/* Called once per sentence, events or not.  Return non-zero to stop. */
typedef int (*dyad_sentence_fn)(void *user, const dyad_sentence *sentence);

/* Codes one document: segments it into sentences (unless it is a TABARI
 * record) and calls `fn` for each.  Returns DYAD_OK, DYAD_ERR_INPUT when the
 * document itself is unusable (bad date: `err` says where), or
 * DYAD_ERR_USAGE for NULL arguments. */
DYAD_API dyad_status dyad_code_document(dyad_coder *coder,
                                        const dyad_document *doc,
                                        dyad_sentence_fn fn, void *user,
                                        dyad_error *err);

/* Number of words a sentence may hold; the rest is dropped (and reported
 * through dyad_sentence.truncated), as TABARI does. */
#define DYAD_MAX_SENTENCE_WORDS 126

#ifdef __cplusplus
}
#endif
#endif /* DYAD_H */
