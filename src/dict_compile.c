/*
 * dict_compile.c -- the compiled dictionary file: dict.h's arrays written
 * verbatim behind a small header, and mapped back with mmap.
 *
 *   offset 0   "DYADDICT"            magic
 *          8   uint32 version        DICT_FORMAT_VERSION
 *         12   uint32 byte order     0x01020304 as written by this machine
 *         16   uint32 header size    sizeof(file_header)
 *         20   uint32 section count  N_SECTIONS
 *         24   uint64 checksum       FNV-1a over the 64-bit words of the
 *                                       whole file, this field read as zero
 *         32   scalars               literal/root ids, flags, options
 *         ...  section table         {offset, count, element size} x N
 *         ...  sections, each aligned to 8 bytes
 *
 * Loading checks the signature, version, byte order, sizes and checksum,
 * then that every index stored in the arrays points inside its target
 * array, so a damaged or hostile file is rejected with DYAD_ERR_FORMAT
 * instead of being trusted.  The arrays are used in place: loading the
 * standard CAMEO set this way takes milliseconds.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dict.h"

#define DICT_MAGIC "DYADDICT"
#define DICT_FORMAT_VERSION 4u
#define DICT_BYTE_ORDER 0x01020304u

enum {
    SEC_STRINGS, SEC_LITERALS, SEC_LIT_HASH, SEC_TOKENS, SEC_ROOTS,
    SEC_LIT_ROOTS, SEC_PATTERNS, SEC_CODES, SEC_CODE_HASH, SEC_EVCODES,
    SEC_CODESETS, SEC_ACTOR_ENTRIES, SEC_ACTOR_ITEMS, SEC_TIMECODES, SEC_FILES,
    SEC_REQ_LITS, SEC_LIT_ROOT_SECOND, SEC_PINDEXES, SEC_PINDEX_PATTERNS,
    SEC_PINDEX_POSITIONS, SEC_PINDEX_SLOTS, SEC_LIT_FILTER, N_SECTIONS
};

typedef struct section {
    uint64_t offset, count;
    uint32_t elem_size, pad;
} section;

typedef struct file_header {
    char magic[8];
    uint32_t version, byte_order, header_size, n_sections;
    uint64_t checksum;
    uint32_t lit_and, lit_nor, lit_he, lit_him, lit_she, lit_her, lit_it, lit_the;
    uint32_t root_former, root_default_actor;
    uint32_t has_time_list, has_attrib_list;
    dyad_options options;
    section sections[N_SECTIONS];
} file_header;

/* The arrays in section order, with their element sizes. */
static void describe(const dyad_dict *d, void **ptrs[N_SECTIONS],
                     size_t *counts[N_SECTIONS], size_t sizes[N_SECTIONS])
{
#define SEC(id, name)                                   \
    ptrs[id] = (void **)&((dyad_dict *)d)->name;        \
    counts[id] = &((dyad_dict *)d)->n_##name;           \
    sizes[id] = sizeof *d->name
    SEC(SEC_STRINGS, strings);
    SEC(SEC_LITERALS, literals);
    SEC(SEC_LIT_HASH, lit_hash);
    SEC(SEC_TOKENS, tokens);
    SEC(SEC_ROOTS, roots);
    SEC(SEC_LIT_ROOTS, lit_roots);
    SEC(SEC_PATTERNS, patterns);
    SEC(SEC_CODES, codes);
    SEC(SEC_CODE_HASH, code_hash);
    SEC(SEC_EVCODES, evcodes);
    SEC(SEC_CODESETS, codesets);
    SEC(SEC_ACTOR_ENTRIES, actor_entries);
    SEC(SEC_ACTOR_ITEMS, actor_items);
    SEC(SEC_TIMECODES, timecodes);
    SEC(SEC_FILES, files);
    SEC(SEC_REQ_LITS, req_lits);
    SEC(SEC_LIT_ROOT_SECOND, lit_root_second);
    SEC(SEC_PINDEXES, pindexes);
    SEC(SEC_PINDEX_PATTERNS, pindex_patterns);
    SEC(SEC_PINDEX_POSITIONS, pindex_positions);
    SEC(SEC_PINDEX_SLOTS, pindex_slots);
    SEC(SEC_LIT_FILTER, lit_filter);
#undef SEC
}

/* The file checksum: FNV-1a over 64-bit little-endian words instead of
 * bytes (eight times fewer multiplications: it runs over the whole file on
 * every load).  Fed in pieces of any size; the stream is what counts. */
typedef struct checksum {
    uint64_t h;
    unsigned char carry[8];
    size_t n_carry;
} checksum;

static void sum_word(checksum *c, const unsigned char *p)
{
    uint64_t w = 0;
    for (int i = 7; i >= 0; i--)
        w = w << 8 | p[i];
    c->h = (c->h ^ w) * 1099511628211ull;
}

static void sum_update(checksum *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    while (n && c->n_carry) { /* complete a word begun by the last piece */
        c->carry[c->n_carry++] = *p++;
        n--;
        if (c->n_carry == 8) {
            sum_word(c, c->carry);
            c->n_carry = 0;
        }
    }
    for (; n >= 8; p += 8, n -= 8)
        sum_word(c, p);
    if (n) /* an empty section may have no array at all */
        memcpy(c->carry, p, n);
    c->n_carry = n;
}

static uint64_t sum_final(checksum *c)
{
    if (c->n_carry) {
        memset(c->carry + c->n_carry, 0, 8 - c->n_carry);
        sum_word(c, c->carry);
        c->n_carry = 0;
    }
    return c->h;
}

static size_t align8(size_t n) { return (n + 7) & ~(size_t)7; }

/* Starts the whole-file checksum with the header and its padding, the
 * checksum field read as zero. */
static checksum header_sum(const file_header *h)
{
    static const char zeros[8] = {0};
    checksum c = {1469598103934665603ull, {0}, 0};
    file_header copy = *h;
    copy.checksum = 0;
    sum_update(&c, &copy, sizeof copy);
    sum_update(&c, zeros, align8(sizeof copy) - sizeof copy);
    return c;
}

DYAD_API dyad_status dyad_dict_save(const dyad_dict *d, const char *path,
                                    dyad_error *err)
{
    if (!d || !path)
        return dyad__set_error(err, DYAD_ERR_USAGE, NULL, 0, 0,
                               "dyad_dict_save: NULL argument");
    void **ptrs[N_SECTIONS];
    size_t *counts[N_SECTIONS], sizes[N_SECTIONS];
    describe(d, ptrs, counts, sizes);
    file_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, DICT_MAGIC, 8);
    h.version = DICT_FORMAT_VERSION;
    h.byte_order = DICT_BYTE_ORDER;
    h.header_size = sizeof h;
    h.n_sections = N_SECTIONS;
    h.lit_and = d->lit_and;
    h.lit_nor = d->lit_nor;
    h.lit_he = d->lit_he;
    h.lit_him = d->lit_him;
    h.lit_she = d->lit_she;
    h.lit_her = d->lit_her;
    h.lit_it = d->lit_it;
    h.lit_the = d->lit_the;
    h.root_former = d->root_former;
    h.root_default_actor = d->root_default_actor;
    h.has_time_list = (uint32_t)d->has_time_list;
    h.has_attrib_list = (uint32_t)d->has_attrib_list;
    h.options = d->options;
    size_t off = align8(sizeof h);
    for (int i = 0; i < N_SECTIONS; i++) {
        h.sections[i].offset = off;
        h.sections[i].count = *counts[i];
        h.sections[i].elem_size = (uint32_t)sizes[i];
        off = align8(off + *counts[i] * sizes[i]);
    }
    static const char zeros[8] = {0};
    checksum sum = header_sum(&h);
    for (int i = 0; i < N_SECTIONS; i++) {
        size_t n = *counts[i] * sizes[i];
        sum_update(&sum, *ptrs[i], n);
        sum_update(&sum, zeros, align8(n) - n);
    }
    h.checksum = sum_final(&sum);
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "wb");
    if (!f)
        return dyad__set_error(err, DYAD_ERR_IO, path, 0, 0, "cannot create file");
    int bad = fwrite(&h, sizeof h, 1, f) != 1 ||
              fwrite(zeros, 1, align8(sizeof h) - sizeof h, f) != align8(sizeof h) - sizeof h;
    for (int i = 0; i < N_SECTIONS && !bad; i++) {
        size_t n = *counts[i] * sizes[i];
        bad = (n && fwrite(*ptrs[i], 1, n, f) != n) ||
              fwrite(zeros, 1, align8(n) - n, f) != align8(n) - n;
    }
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path)) {
        unlink(tmp);
        return dyad__set_error(err, DYAD_ERR_IO, path, 0, 0, "cannot write file");
    }
    return DYAD_OK;
}

int dict__is_compiled_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    char magic[8];
    int yes = fread(magic, 1, 8, f) == 8 && !memcmp(magic, DICT_MAGIC, 8);
    fclose(f);
    return yes;
}

void dict__unmap(void *p, size_t n) { munmap(p, n); }

/* Every stored index must point inside the array it indexes. */
static int indexes_valid(const dyad_dict *d)
{
#define IN(v, arr) ((uint64_t)(v) < (uint64_t)d->n_##arr)
    if (!d->n_strings || d->strings[d->n_strings - 1] != '\0')
        return 0;
    if (d->n_lit_hash & (d->n_lit_hash - 1) || d->n_code_hash & (d->n_code_hash - 1))
        return 0;
    for (size_t i = 0; i < d->n_literals; i++) {
        const dict_literal *l = &d->literals[i];
        if (!IN(l->str + (uint64_t)l->len, strings) ||
            (uint64_t)l->first_root + l->n_roots > d->n_lit_roots)
            return 0;
    }
    for (size_t i = 0; i < d->n_lit_hash; i++)
        if (!IN((uint32_t)d->lit_hash[i], literals))
            return 0;
    for (size_t i = 0; i < d->n_lit_roots; i++)
        if (!IN(d->lit_roots[i], roots))
            return 0;
    if (!d->n_tokens || d->tokens[d->n_tokens - 1].value)
        return 0;
    for (size_t i = 0; i < d->n_tokens; i++) {
        const dict_token *t = &d->tokens[i];
        if ((t->conn & CONN_SYNSET) ? !IN(t->value, roots) : !IN(t->value, literals))
            return 0;
    }
    for (size_t i = 0; i < d->n_roots; i++) {
        const dict_root *r = &d->roots[i];
        if (!IN(r->phrase, tokens) || !IN(r->pattern, patterns) || !IN(r->parent, roots) ||
            !IN(r->text, strings) || !IN(r->file, files) || r->type >= WT_HALT)
            return 0;
    }
    for (size_t i = 0; i < d->n_patterns; i++) {
        const dict_pattern *p = &d->patterns[i];
        if (!IN(p->phrase, tokens) || !IN(p->next, patterns) || !IN(p->text, strings))
            return 0;
        if (p->code > d->n_evcodes + d->n_codesets + d->n_timecodes + d->n_codes)
            return 0;
        if ((uint64_t)p->req_first + p->req_count > d->n_req_lits)
            return 0;
    }
    for (size_t i = 0; i < d->n_codes; i++)
        if (!IN(d->codes[i].str, strings) || !IN(d->codes[i].label, strings))
            return 0;
    for (size_t i = 0; i < d->n_code_hash; i++)
        if (!IN(d->code_hash[i], codes))
            return 0;
    for (size_t i = 0; i < d->n_evcodes; i++)
        if (!IN(d->evcodes[i].code, codes) || !IN(d->evcodes[i].pair, codes))
            return 0;
    for (size_t i = 0; i < d->n_codesets; i++)
        if ((uint64_t)d->codesets[i].first_entry + d->codesets[i].n_entries >
            d->n_actor_entries)
            return 0;
    for (size_t i = 0; i < d->n_actor_entries; i++)
        if ((uint64_t)d->actor_entries[i].first_item + d->actor_entries[i].n_items >
            d->n_actor_items)
            return 0;
    for (size_t i = 0; i < d->n_actor_items; i++)
        if (!IN(d->actor_items[i].actor, codes) || !IN(d->actor_items[i].agent, codes))
            return 0;
    for (size_t i = 0; i < d->n_files; i++)
        if (!IN(d->files[i], strings))
            return 0;
    if (d->n_lit_root_second != d->n_lit_roots ||
        (d->n_lit_filter && d->n_lit_filter != ((size_t)1 << LIT_FILTER_BITS) / 64))
        return 0;
    for (size_t i = 0; i < d->n_lit_root_second; i++)
        if (!IN(d->lit_root_second[i], literals))
            return 0;
    for (size_t i = 0; i < d->n_req_lits; i++) {
        uint32_t req = d->req_lits[i];
        if ((req & REQ_SYNSET) ? !IN(req & ~REQ_SYNSET, roots) ||
                                     d->roots[req & ~REQ_SYNSET].type != WT_SYNSET
                               : !IN(req, literals))
            return 0;
    }
    for (size_t i = 0; i < d->n_pindexes; i++) {
        const dict_pindex *x = &d->pindexes[i];
        if ((uint64_t)x->first_pattern + x->n_patterns > d->n_pindex_patterns ||
            (uint64_t)x->first_always + x->n_always > d->n_pindex_positions ||
            (uint64_t)x->first_slot + x->n_slots > d->n_pindex_slots ||
            (x->n_slots & (x->n_slots - 1)))
            return 0;
        uint32_t empty = 0; /* a lookup stops at an empty slot: one must exist */
        for (uint32_t k = 0; k < x->n_slots; k++) {
            const dict_pindex_slot *sl = &d->pindex_slots[x->first_slot + k];
            empty += !sl->lit;
            if (!IN(sl->lit, literals) ||
                (uint64_t)sl->first + sl->count > d->n_pindex_positions)
                return 0;
            for (uint32_t m = 0; m < sl->count; m++)
                if (d->pindex_positions[sl->first + m] >= x->n_patterns)
                    return 0;
        }
        if (i > 0 && !empty) /* pindexes[0] stands for "no index" */
            return 0;
        for (uint32_t k = 0; k < x->n_always; k++)
            if (d->pindex_positions[x->first_always + k] >= x->n_patterns)
                return 0;
    }
    for (size_t i = 0; i < d->n_pindex_patterns; i++)
        if (!IN(d->pindex_patterns[i], patterns))
            return 0;
    for (size_t i = 0; i < d->n_patterns; i++)
        if (!IN(d->patterns[i].index, pindexes))
            return 0;
    /* a pattern's code must be valid for its root's kind */
    for (size_t i = 1; i < d->n_roots; i++) {
        const dict_root *r = &d->roots[i];
        for (uint32_t p = r->pattern, guard = 0; p; p = d->patterns[p].next, guard++) {
            uint32_t code = d->patterns[p].code;
            int ok = r->type == WT_ACTOR ? IN(code, codesets)
                   : r->type == WT_TIME ? IN(code, timecodes)
                   : r->type == WT_AGENT ? IN(code, codes)
                   : IN(code, evcodes);
            if (!ok || guard > d->n_patterns)
                return 0;
        }
    }
    return IN(d->lit_and, literals) && IN(d->lit_the, literals) &&
           IN(d->lit_he, literals) && IN(d->lit_it, literals) &&
           IN(d->root_former, roots) && IN(d->root_default_actor, roots);
#undef IN
}

dyad_dict *dict__load_compiled(const char *path, dyad_error *err)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        dyad__set_error(err, DYAD_ERR_IO, path, 0, 0, "cannot open compiled dictionary");
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) || (size_t)st.st_size < align8(sizeof(file_header))) {
        close(fd);
        dyad__set_error(err, DYAD_ERR_FORMAT, path, 0, 0,
                        "not a dyad dictionary (file too short)");
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        dyad__set_error(err, DYAD_ERR_IO, path, 0, 0, "cannot map compiled dictionary");
        return NULL;
    }
    const file_header *h = map;
    const char *why = NULL;
    if (memcmp(h->magic, DICT_MAGIC, 8))
        why = "not a dyad dictionary (bad signature)";
    else if (h->byte_order != DICT_BYTE_ORDER)
        why = "dictionary was compiled on a machine with another byte order";
    else if (h->version != DICT_FORMAT_VERSION || h->header_size != sizeof *h ||
             h->n_sections != N_SECTIONS)
        why = "dictionary was compiled by another version of dyad; recompile it";
    dyad_dict *d = NULL;
    if (!why) {
        d = dyad__calloc(1, sizeof *d);
        if (!d) {
            munmap(map, len);
            dyad__set_error(err, DYAD_ERR_NOMEM, path, 0, 0, "out of memory");
            return NULL;
        }
        void **ptrs[N_SECTIONS];
        size_t *counts[N_SECTIONS], sizes[N_SECTIONS];
        describe(d, ptrs, counts, sizes);
        for (int i = 0; i < N_SECTIONS && !why; i++) {
            const section *sec = &h->sections[i];
            if (sec->elem_size != sizes[i] || sec->offset > len ||
                sec->count > (len - sec->offset) / sizes[i] || sec->offset % 8 ||
                sec->offset + align8(sec->count * sizes[i]) > len)
                why = "dictionary file is truncated or damaged";
            else {
                *ptrs[i] = (char *)map + sec->offset;
                *counts[i] = sec->count;
            }
        }
        /* the sections tile the file after the header, so this covers them
         * all; bytes past the last one are damage too */
        size_t body = align8(sizeof *h);
        checksum sum = header_sum(h);
        if (!why)
            sum_update(&sum, (char *)map + body, len - body);
        if (!why && sum_final(&sum) != h->checksum)
            why = "dictionary file is damaged (checksum mismatch)";
        if (!why) {
            d->lit_and = h->lit_and;
            d->lit_nor = h->lit_nor;
            d->lit_he = h->lit_he;
            d->lit_him = h->lit_him;
            d->lit_she = h->lit_she;
            d->lit_her = h->lit_her;
            d->lit_it = h->lit_it;
            d->lit_the = h->lit_the;
            d->root_former = h->root_former;
            d->root_default_actor = h->root_default_actor;
            d->has_time_list = (int)h->has_time_list;
            d->has_attrib_list = (int)h->has_attrib_list;
            d->options = h->options;
            d->frozen = 1;
            d->mapping = map;
            d->mapping_len = len;
            if (!indexes_valid(d))
                why = "dictionary file is damaged (index out of range)";
        }
    }
    if (why) {
        if (d) {
            d->mapping = NULL;
            dyad__free(d);
        }
        munmap(map, len);
        dyad__set_error(err, DYAD_ERR_FORMAT, path, 0, 0, "%s", why);
        return NULL;
    }
    return d;
}
