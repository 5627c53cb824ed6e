/*
 * fuzz_dict.c -- libFuzzer harness for the dictionary loaders: TABARI text
 * files and the compiled binary form.
 *
 * Input layout: byte 0 chooses what the rest is (byte 0 % 6):
 *   0 .actors   1 .agents   2 .verbs   3 .options
 *      the rest is written to a file and loaded in its slot, together with
 *      the tiny dictionary's files of the other three kinds (options,
 *      actors, agents, verbs: the order of a .project)
 *   4 compiled  the rest is a whole compiled file; its checksum is
 *      recomputed (when the header size allows) so that damaged indexes,
 *      not only damaged bytes, reach the loader's checks
 *   5 patch     the rest is a list of 4-byte edits {offset: 3 bytes, value}
 *      applied to the tiny dictionary compiled at start-up; the checksum is
 *      then recomputed the same way
 *
 * Loading must never crash or leak, whatever the file holds.  When a
 * dictionary loads, fixed sentences are coded with it, a few phrases are
 * looked up, and (text sources) it is compiled, loaded back and must code
 * the fixed sentences exactly as the text form did.
 *
 *   cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DDYAD_FUZZ=ON
 *   cmake --build build-fuzz --target fuzz_dict
 *   build-fuzz/fuzz_dict fuzz/corpus/dict
 */
#include <stdint.h>

#include "fuzz_common.h"

static uint8_t *tiny_compiled;
static size_t tiny_compiled_len;

#define DIGEST_CAP 16384
static char digest_text[DIGEST_CAP], digest_compiled[DIGEST_CAP];

/* Each lookup allocates a sentence's working state (over a megabyte): a
 * lookup per dictionary is enough to exercise it. */
static const char lookup_phrase[] = "Jacques Chirac";

static void lookup_hit(void *user, const dyad_lookup_hit *hit)
{
    (void)user;
    FUZZ_CHECK(hit->entry && hit->kind && hit->code && hit->all_codes && hit->file);
    (void)strlen(hit->entry);
    (void)strlen(hit->code);
    (void)strlen(hit->all_codes);
    (void)strlen(hit->file);
}

/* Everything a loaded dictionary is used for. */
static void exercise(const dyad_dict *dict, char *digest)
{
    dyad_dict_stats st;
    dyad_dict_get_stats(dict, &st);
    dyad_dict_lookup(dict, lookup_phrase, "2003-04-05", lookup_hit, NULL);
    fuzz_code_fixed(dict, digest, DIGEST_CAP);
}

/* ---------------------------------------------------- compiled files */

static uint32_t rd32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Recomputes the checksum of a compiled file as the loader does
 * (dict_compile.c, format 2): FNV-1a over 64-bit little-endian words of
 * the header with its checksum field zeroed, padded with zeros to 8 bytes,
 * then of everything after it, a last partial word padded with zeros.
 * Leaves the file alone when the header size is out of range. */
static void fix_checksum(uint8_t *buf, size_t len)
{
    if (len < 32)
        return;
    uint32_t header_size = rd32(buf + 16);
    size_t body = ((size_t)header_size + 7) & ~(size_t)7;
    if (header_size < 32 || body > len)
        return;
    uint64_t sum = 1469598103934665603ull, word = 0;
    size_t k = 0;
    for (; k < len; k++) {
        int zeroed = k < body && (k >= header_size || (k >= 24 && k < 32));
        word |= (uint64_t)(zeroed ? 0 : buf[k]) << (8 * (k % 8));
        if (k % 8 == 7) {
            sum = (sum ^ word) * 1099511628211ull;
            word = 0;
        }
    }
    if (k % 8)
        sum = (sum ^ word) * 1099511628211ull;
    memcpy(buf + 24, &sum, 8);
}

static dyad_dict *load_compiled(const char *path)
{
    dyad_dict_source src = {path, DYAD_SOURCE_COMPILED};
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict *d = dyad_dict_load(&src, 1, fuzz_diag, NULL, &err);
    if (!d)
        FUZZ_CHECK(err.code != DYAD_OK && err.message[0]);
    return d;
}

static void run_compiled(uint8_t *buf, size_t len)
{
    fuzz_strict = 0;
    fix_checksum(buf, len);
    char path[512];
    fuzz_path(path, sizeof path, "input.dyd");
    FUZZ_CHECK(fuzz_write_file(path, buf, len) == 0);
    dyad_dict *d = load_compiled(path);
    if (d)
        exercise(d, NULL);
    dyad_dict_close(d);
}

/* ------------------------------------------------------- text sources */

static void run_text(int kind_slot, const uint8_t *data, size_t size)
{
    char paths[FUZZ_N_SOURCES][512];
    dyad_dict_source src[FUZZ_N_SOURCES];
    fuzz_strict = 1;
    fuzz_tiny_sources(src, paths, kind_slot);
    FUZZ_CHECK(fuzz_write_file(paths[kind_slot], data, size) == 0);
    long diags = 0;
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict *d = dyad_dict_load(src, FUZZ_N_SOURCES, fuzz_diag, &diags, &err);
    if (!d) {
        FUZZ_CHECK(err.code != DYAD_OK && err.message[0]);
        return;
    }
    exercise(d, digest_text);

    /* the compiled form must code exactly as the text form */
    char path[512];
    fuzz_path(path, sizeof path, "input.dyd");
    memset(&err, 0, sizeof err);
    dyad_status st = dyad_dict_save(d, path, &err);
    FUZZ_CHECK(st == DYAD_OK);
    dyad_dict *c = load_compiled(path);
    FUZZ_CHECK(c != NULL);
    exercise(c, digest_compiled);
    if (strcmp(digest_text, digest_compiled)) {
        fprintf(stderr, "text form coded:\n%s\ncompiled form coded:\n%s\n", digest_text,
                digest_compiled);
        FUZZ_CHECK(0 && "compiled dictionary codes differently from its text form");
    }
    dyad_dict_close(c);
    dyad_dict_close(d);
}

/* ---------------------------------------------------------- libFuzzer */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_setup();
    dyad_dict *d = fuzz_load_tiny("fuzz_dict");
    char path[512];
    fuzz_path(path, sizeof path, "tiny.dyd");
    dyad_error err;
    memset(&err, 0, sizeof err);
    if (dyad_dict_save(d, path, &err)) {
        fprintf(stderr, "fuzz_dict: the tiny dictionary does not compile: %s\n", err.message);
        abort();
    }
    dyad_dict_close(d);
    FILE *f = fopen(path, "rb");
    FUZZ_CHECK(f != NULL);
    FUZZ_CHECK(fseek(f, 0, SEEK_END) == 0);
    long n = ftell(f);
    FUZZ_CHECK(n > 0 && fseek(f, 0, SEEK_SET) == 0);
    tiny_compiled_len = (size_t)n;
    tiny_compiled = malloc(tiny_compiled_len);
    FUZZ_CHECK(tiny_compiled && fread(tiny_compiled, 1, tiny_compiled_len, f) == tiny_compiled_len);
    fclose(f);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0] % 6;
    data++;
    size--;
    if (mode < 4) {
        /* slots: 0 options, 1 actors, 2 agents, 3 verbs */
        static const int slot[4] = {1, 2, 3, 0};
        run_text(slot[mode], data, size);
    } else if (mode == 4) {
        uint8_t *buf = malloc(size ? size : 1);
        FUZZ_CHECK(buf != NULL);
        if (size)
            memcpy(buf, data, size);
        run_compiled(buf, size);
        free(buf);
    } else {
        uint8_t *buf = malloc(tiny_compiled_len);
        FUZZ_CHECK(buf != NULL);
        memcpy(buf, tiny_compiled, tiny_compiled_len);
        for (size_t i = 0; i + 4 <= size && i < 4 * 64; i += 4) {
            size_t off = ((size_t)data[i] << 16 | (size_t)data[i + 1] << 8 | data[i + 2]) %
                         tiny_compiled_len;
            buf[off] = data[i + 3];
        }
        run_compiled(buf, tiny_compiled_len);
        free(buf);
    }
    return 0;
}
