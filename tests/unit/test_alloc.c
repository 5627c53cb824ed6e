/*
 * test_alloc.c -- out-of-memory behaviour: every allocation the library
 * makes while loading a dictionary (text and compiled), creating a
 * coder and coding a document is made to fail in turn (dyad__fail_alloc_after
 * in common.h), and each time the call must either report DYAD_ERR_NOMEM
 * (or return NULL where the API says so) or succeed with exactly the result
 * of an undisturbed run.  Never a crash, never a leak (run this under the
 * ASan build: LeakSanitizer checks the second), never a silently different
 * dictionary.
 *
 * How many allocations a call makes is measured first: after a call with
 * the n-th allocation set to fail, the countdown either fired inside the
 * call or is still running, and in the latter case one of the next n
 * probing allocations fails.  A binary search on n then finds the count.
 * (dyad_dict_save needs no heap memory: it writes with stdio.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common.h"
#include "fixture.h"

typedef struct world {
    char dir[256];
    char project[512];
    char compiled[512];
    dyad_dict *dict; /* loaded without failures */
} world;

static int setup(void **state)
{
    world *w = calloc(1, sizeof *w);
    if (!w || fx_mkdtemp(w->dir, sizeof w->dir) || fx_write_dict(w->dir))
        return -1;
    fx_path(w->project, sizeof w->project, w->dir, "test.project");
    fx_path(w->compiled, sizeof w->compiled, w->dir, "test.dyd");
    dyad_error err;
    w->dict = fx_load(w->project, NULL, &err);
    if (!w->dict || dyad_dict_save(w->dict, w->compiled, &err))
        return -1;
    *state = w;
    return 0;
}

static int teardown(void **state)
{
    world *w = *state;
    dyad__fail_alloc_after(0);
    dyad_dict_close(w->dict);
    fx_rmdir(w->dir);
    free(w);
    return 0;
}

/* Whether the failure armed before the last call fired inside it; disarms. */
static int failure_fired(long n)
{
    int fired = 1;
    void *probe[64];
    long k = 0;
    for (long i = 0; i < n; i++) {
        void *p = dyad__alloc(1);
        if (!p) {
            fired = 0;
            break;
        }
        if (k < 64) {
            probe[k++] = p;
        } else {
            dyad__free(p);
        }
    }
    for (long i = 0; i < k; i++)
        dyad__free(probe[i]);
    dyad__fail_alloc_after(0);
    return fired;
}

/* One run of the operation under test with the n-th allocation failing
 * (n = 0: none).  Returns 1 when it succeeded, 0 when it reported running
 * out of memory; fails the test on anything else. */
typedef int (*operation)(world *w, long n);

static long count_allocations(world *w, operation op)
{
    long lo = 0, hi = 1; /* op with n <= lo fires; find the first n that does not */
    for (;;) {
        op(w, hi);
        if (!failure_fired(hi))
            break;
        lo = hi;
        hi *= 2;
        assert_true(hi < (1L << 24));
    }
    while (hi - lo > 1) {
        long mid = lo + (hi - lo) / 2;
        op(w, mid);
        if (failure_fired(mid))
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* Runs op with every allocation failing in turn. */
static void every_allocation(world *w, operation op, const char *what)
{
    assert_int_equal(op(w, 0), 1);
    long total = count_allocations(w, op);
    assert_true(total > 0);
    long failed = 0;
    for (long n = 1; n <= total; n++) {
        int ok = op(w, n);
        dyad__fail_alloc_after(0);
        failed += !ok;
    }
    /* sanity: an allocation failure is not simply ignored everywhere */
    if (failed == 0)
        fail_msg("%s: none of %ld allocation failures was reported", what, total);
    print_message("%s: %ld allocations, %ld failures reported\n", what, total, failed);
}

/* ------------------------------------------------------- the reference */

static const char TEXT[] =
    "ARNOR, May 1 (Dyad Wire) - Arnorian police arrested Gondorian rebels in the capital "
    "on Monday. Gondor was criticized by Arnor yesterday for its policy on the border. "
    "Arnor and Gondor met with Rohan in the capital to discuss the border. Le "
    "pr\xc3\xa9sident fran\xc3\xa7" "ais Macron visited Gondor to discuss trade and security. "
    "Arnor promised Rohan millions of euros to rebuild the northern border.";

/* Everything coding the text produces, as one string. */
static int describe_coding(const dyad_dict *d, char *out, size_t cap, dyad_status *st)
{
    dyad_coder *c = dyad_coder_new(d);
    if (!c)
        return 0;
    static fx_result r;
    dyad_error err;
    *st = fx_code(c, TEXT, "2020-06-01", &r, &err);
    dyad_coder_free(c);
    if (*st == DYAD_ERR_NOMEM) {
        assert_int_equal(err.code, DYAD_ERR_NOMEM);
        assert_string_equal(err.message, "out of memory");
        assert_string_equal(err.where, "d1");
        return 0;
    }
    size_t used = (size_t)snprintf(out, cap, "%zu sentences\n", r.n_sentences);
    for (size_t i = 0; i < r.n_sentences; i++)
        used += (size_t)snprintf(out + used, cap - used, "s%zu %zu-%zu %d %s %s %d\n",
                                 r.s[i].index, r.s[i].start, r.s[i].end, (int)r.s[i].outcome,
                                 r.s[i].reason, r.s[i].date, r.s[i].time_shift);
    for (size_t i = 0; i < r.n_events; i++) {
        const fx_event *e = &r.e[i];
        used += (size_t)snprintf(out + used, cap - used,
                                 "e%zu %s %s %s [%s] %s %s %s %s %zu-%zu | %s %s %zu-%zu %s | "
                                 "%s %s %zu-%zu %s\n",
                                 e->sentence, e->code, e->source.code, e->target.code,
                                 e->label, e->verb_entry, e->pattern, e->matched,
                                 e->verb_text, e->verb_start, e->verb_end, e->source.text,
                                 e->source.entry, e->source.start, e->source.end,
                                 e->source.agent_entry, e->target.text, e->target.entry,
                                 e->target.start, e->target.end, e->target.agent_entry);
    }
    return 1;
}

static char reference[16384];

static void make_reference(world *w)
{
    dyad_status st;
    assert_int_equal(describe_coding(w->dict, reference, sizeof reference, &st), 1);
    assert_int_equal(st, DYAD_OK);
    /* the text does code */
    assert_non_null(strstr(reference, "ARNCOP GONREB"));
    assert_non_null(strstr(reference, "0331 ARN ROH"));
}

/* Whether the dictionary `d` is the fixture: same counts, same coding.
 * When not, says how in why[]. */
static int same_dictionary(const world *w, const dyad_dict *d, char *why, size_t cap)
{
    dyad_dict_stats a, b;
    dyad_dict_get_stats(w->dict, &a);
    dyad_dict_get_stats(d, &b);
    if (memcmp(&a, &b, sizeof a)) {
        snprintf(why, cap,
                 "counts differ (actors %zu/%zu verbs %zu/%zu patterns %zu/%zu "
                 "literals %zu/%zu codes %zu/%zu bytes %zu/%zu)",
                 b.actors, a.actors, b.verbs, a.verbs, b.patterns, a.patterns, b.literals,
                 a.literals, b.codes, a.codes, b.bytes, a.bytes);
        return 0;
    }
    static char got[16384];
    dyad_status st;
    assert_int_equal(describe_coding(d, got, sizeof got, &st), 1);
    if (strcmp(got, reference)) {
        snprintf(why, cap, "coding differs:\n%.900s", got);
        return 0;
    }
    return 1;
}

/* -------------------------------------------------------- operations */

/* Silent failures found so far (allocation number and what differed). */
static char silent[4096];
static size_t n_silent;

static int op_load_text(world *w, long n)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict_source src = {w->project, DYAD_SOURCE_AUTO};
    dyad__fail_alloc_after(n);
    dyad_dict *d = dyad_dict_load(&src, 1, NULL, NULL, &err);
    dyad__fail_alloc_after(0);
    if (!d) {
        if (err.code != DYAD_ERR_NOMEM)
            fail_msg("allocation %ld: dyad_dict_load failed with code %d (%s: %s)", n,
                     (int)err.code, err.where, err.message);
        return 0;
    }
    char why[1024];
    if (!same_dictionary(w, d, why, sizeof why)) {
        size_t used = strlen(silent);
        if (n_silent++ < 8)
            snprintf(silent + used, sizeof silent - used, "  allocation %ld: %.300s\n", n, why);
    }
    dyad_dict_close(d);
    return 1;
}

/* For counting: leaves the countdown armed after the call. */
static int op_load_text_counting(world *w, long n)
{
    dyad_error err;
    dyad_dict_source src = {w->project, DYAD_SOURCE_AUTO};
    dyad__fail_alloc_after(n);
    dyad_dict *d = dyad_dict_load(&src, 1, NULL, NULL, &err);
    dyad_dict_close(d);
    return d != NULL;
}

static void test_load_text_dictionary(void **state)
{
    world *w = *state;
    make_reference(w);
    long total = count_allocations(w, op_load_text_counting);
    assert_true(total > 10);
    long failed = 0;
    silent[0] = '\0';
    n_silent = 0;
    for (long n = 1; n <= total; n++)
        failed += !op_load_text(w, n);
    assert_true(failed > 0);
    print_message("dyad_dict_load (text): %ld allocations, %ld failures reported\n", total,
                  failed);
    if (n_silent)
        fail_msg("%zu allocation failures were not reported and changed the dictionary "
                 "(first 8):\n%s", n_silent, silent);
}

static int op_load_compiled(world *w, long n)
{
    dyad_error err;
    memset(&err, 0, sizeof err);
    dyad_dict_source src = {w->compiled, DYAD_SOURCE_AUTO};
    dyad__fail_alloc_after(n);
    dyad_dict *d = dyad_dict_load(&src, 1, NULL, NULL, &err);
    if (!d) {
        if (err.code != DYAD_ERR_NOMEM)
            fail_msg("allocation %ld: compiled load failed with code %d (%s)", n,
                     (int)err.code, err.message);
        return 0;
    }
    dyad_dict_close(d);
    return 1;
}

static void test_load_compiled_dictionary(void **state)
{
    world *w = *state;
    every_allocation(w, op_load_compiled, "dyad_dict_load (compiled)");
}

static int op_code(world *w, long n)
{
    static char got[16384];
    dyad_status st = DYAD_OK;
    dyad__fail_alloc_after(n);
    int ok = describe_coding(w->dict, got, sizeof got, &st);
    if (!ok)
        return 0; /* dyad_coder_new returned NULL or coding said out of memory */
    if (st != DYAD_OK)
        fail_msg("allocation %ld: coding returned %d", n, (int)st);
    return 1;
}

static int op_code_checked(world *w, long n)
{
    static char got[16384];
    dyad_status st = DYAD_OK;
    dyad__fail_alloc_after(n);
    int ok = describe_coding(w->dict, got, sizeof got, &st);
    dyad__fail_alloc_after(0);
    if (!ok)
        return 0;
    if (st != DYAD_OK)
        fail_msg("allocation %ld: coding returned %d", n, (int)st);
    if (strcmp(got, reference))
        fail_msg("allocation %ld failed silently: coding differs:\n%s\nexpected\n%s", n, got,
                 reference);
    return 1;
}

static void test_code_document(void **state)
{
    world *w = *state;
    make_reference(w);
    long total = count_allocations(w, op_code);
    assert_true(total > 0);
    long failed = 0;
    for (long n = 1; n <= total; n++)
        failed += !op_code_checked(w, n);
    assert_true(failed > 0);
    print_message("dyad_coder_new + dyad_code_document: %ld allocations, %ld failures "
                  "reported\n", total, failed);
}

/* A coder that has already coded a document reuses its buffers: coding
 * again needs no allocation and cannot run out of memory. */
static void test_warm_coder_needs_no_memory(void **state)
{
    world *w = *state;
    dyad_coder *c = dyad_coder_new(w->dict);
    assert_non_null(c);
    static fx_result r;
    dyad_error err;
    assert_int_equal(fx_code(c, TEXT, "2020-06-01", &r, &err), DYAD_OK);
    size_t events = r.n_events;
    dyad__fail_alloc_after(1);
    assert_int_equal(fx_code(c, TEXT, "2020-06-01", &r, &err), DYAD_OK);
    int fired = failure_fired(1);
    assert_int_equal(fired, 0);
    assert_int_equal(r.n_events, events);
    dyad_coder_free(c);
}

/* Lookups under allocation failure: a count, never a crash. */
static int op_lookup(world *w, long n)
{
    dyad__fail_alloc_after(n);
    size_t hits = dyad_dict_lookup(w->dict, "Aragorn", "2020-06-01", NULL, NULL);
    return hits == 1;
}

static void test_lookup(void **state)
{
    world *w = *state;
    assert_int_equal(op_lookup(w, 0), 1);
    long total = count_allocations(w, op_lookup);
    for (long n = 1; n <= total; n++) {
        op_lookup(w, n);
        dyad__fail_alloc_after(0);
    }
    assert_int_equal(op_lookup(w, 0), 1);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_load_text_dictionary),
        T(test_load_compiled_dictionary),
        T(test_code_document),
        T(test_warm_coder_needs_no_memory),
        T(test_lookup),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
