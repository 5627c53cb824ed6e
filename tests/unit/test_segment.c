/*
 * test_segment.c -- unit tests of sentence segmentation (segment.c): news
 * abbreviations, initials, quotes, datelines, paragraph breaks, trimming,
 * and pathological inputs that must stay linear (a 10 MB sentence, a
 * million abbreviations) under a CPU-time limit.
 *
 * Each case lists the exact sentences expected; spans are checked by their
 * bytes and, where offsets matter (datelines, trimming), by offset too.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common.h"
#include "segment.h"

/* Segments `text` and checks the sentences against the NULL-terminated
 * list `expected`. */
static void check(const char *text, const char *const *expected)
{
    dyad_span *spans = NULL;
    size_t cap = 0;
    size_t n = dyad__segment(text, strlen(text), &spans, &cap);
    size_t want = 0;
    while (expected[want])
        want++;
    if (n != want) {
        for (size_t i = 0; i < n && n != (size_t)-1; i++)
            print_message("  span %zu: [%.*s]\n", i, (int)(spans[i].end - spans[i].start),
                          text + spans[i].start);
        fail_msg("\"%s\": %zu sentences, expected %zu", text, n, want);
    }
    for (size_t i = 0; i < n; i++) {
        size_t len = spans[i].end - spans[i].start;
        if (len != strlen(expected[i]) ||
            memcmp(text + spans[i].start, expected[i], len) != 0)
            fail_msg("sentence %zu is [%.*s], expected [%s]", i, (int)len,
                     text + spans[i].start, expected[i]);
    }
    dyad__free(spans);
}

#define CHECK(text, ...)                                           \
    do {                                                           \
        static const char *const expected_[] = {__VA_ARGS__, NULL}; \
        check(text, expected_);                                    \
    } while (0)

static void test_basic(void **state)
{
    (void)state;
    CHECK("One sentence. Two sentences! Three? Four.",
          "One sentence.", "Two sentences!", "Three?", "Four.");
    CHECK("No final punctuation", "No final punctuation");
    CHECK("lower. case does not split. 3 digits do.",
          "lower. case does not split.", "3 digits do.");
    CHECK("Pi is 3.14 exactly. Then 2.5 more.", "Pi is 3.14 exactly.", "Then 2.5 more.");
    CHECK("He waited... Then he left.", "He waited...", "Then he left.");
    CHECK("What?! No way.", "What?!", "No way.");
}

static void test_empty_and_whitespace(void **state)
{
    (void)state;
    dyad_span *spans = NULL;
    size_t cap = 0;
    assert_int_equal(dyad__segment("", 0, &spans, &cap), 0);
    assert_int_equal(dyad__segment(" \n\t\r\n  ", 7, &spans, &cap), 0);
    assert_int_equal(dyad__segment(". . .", 5, &spans, &cap), 1);

    const char *t = "  \n Leading and trailing.   Next one. \n\n ";
    assert_int_equal(dyad__segment(t, strlen(t), &spans, &cap), 2);
    assert_int_equal(spans[0].start, 4);
    assert_int_equal(spans[0].end, 25);
    assert_int_equal(spans[1].start, 28);
    assert_int_equal(spans[1].end, 37);
    /* the array is reused: a second call overwrites from index 0 */
    assert_int_equal(dyad__segment("A b. C d.", 9, &spans, &cap), 2);
    assert_int_equal(spans[0].start, 0);
    assert_int_equal(spans[0].end, 4);
    assert_int_equal(spans[1].start, 5);
    assert_int_equal(spans[1].end, 9);
    dyad__free(spans);
}

static void test_abbreviations(void **state)
{
    (void)state;
    CHECK("Mr. Smith went to Washington. He met Gen. Jones on Jan. 5. The U.S. Army "
          "was there.",
          "Mr. Smith went to Washington.", "He met Gen. Jones on Jan. 5.",
          "The U.S. Army was there.");
    CHECK("Dr. No met Mrs. Robinson and Lt. Col. Kilgore at St. Paul's.",
          "Dr. No met Mrs. Robinson and Lt. Col. Kilgore at St. Paul's.");
    CHECK("Sen. Warren and Rep. Ocasio-Cortez met Gov. Newsom. They talked.",
          "Sen. Warren and Rep. Ocasio-Cortez met Gov. Newsom.", "They talked.");
    CHECK("Talks resume on Sept. 12 in Geneva, approx. 30 km away.",
          "Talks resume on Sept. 12 in Geneva, approx. 30 km away.");
    CHECK("GEN. SMITH SAID IT. MR. JONES AGREED.", "GEN. SMITH SAID IT.", "MR. JONES AGREED.");
    /* "No." is an abbreviation only before a number */
    CHECK("He lives at No. 10 Downing Street. No. That is wrong.",
          "He lives at No. 10 Downing Street.", "No.", "That is wrong.");
    /* company suffixes and etc. end a sentence before a common starter */
    CHECK("Apple Inc. Chief Tim Cook spoke. He sold Acme Corp. The deal closed.",
          "Apple Inc. Chief Tim Cook spoke.", "He sold Acme Corp.", "The deal closed.");
    CHECK("Guns, tanks, etc. They were all there.", "Guns, tanks, etc.",
          "They were all there.");
    /* a word that only looks like an abbreviation */
    CHECK("He bought a Dodge. Then he left.", "He bought a Dodge.", "Then he left.");
    CHECK("(Gen. Smith) spoke.", "(Gen. Smith) spoke.");
}

static void test_acronyms(void **state)
{
    (void)state;
    CHECK("The U.N. Security Council met. The U.S. and the U.K. agreed with the E.U. "
          "Commission.",
          "The U.N. Security Council met.",
          "The U.S. and the U.K. agreed with the E.U. Commission.");
    CHECK("He flew to the U.S. The trip was short.", "He flew to the U.S.",
          "The trip was short.");
    CHECK("Troops left the U.S. A spokesman confirmed it.", "Troops left the U.S.",
          "A spokesman confirmed it.");
    CHECK("The meeting ended at 5 p.m. It was long.", "The meeting ended at 5 p.m.",
          "It was long.");
    CHECK("It starts at 9 a.m. Monday in Paris.", "It starts at 9 a.m. Monday in Paris.");
    CHECK("Envoys of the U.S. I think, were there.", "Envoys of the U.S.",
          "I think, were there.");
    /* "Theo" is not "The" */
    CHECK("He saw the U.S. Theodore Roosevelt.", "He saw the U.S. Theodore Roosevelt.");
}

static void test_initials(void **state)
{
    (void)state;
    CHECK("George W. Bush met J. R. R. Tolkien fans. They cheered.",
          "George W. Bush met J. R. R. Tolkien fans.", "They cheered.");
    CHECK("John F. Kennedy and Martin L. King", "John F. Kennedy and Martin L. King");
}

static void test_quotes(void **state)
{
    (void)state;
    CHECK("He said. \"No.\" Then he left.", "He said.", "\"No.\"", "Then he left.");
    CHECK("\"We will fight,\" he said. \"We will win.\" The crowd cheered.",
          "\"We will fight,\" he said.", "\"We will win.\"", "The crowd cheered.");
    /* curly quotes */
    CHECK("\xe2\x80\x9cWe will fight,\xe2\x80\x9d he said. \xe2\x80\x9cWe will "
          "win.\xe2\x80\x9d Then silence.",
          "\xe2\x80\x9cWe will fight,\xe2\x80\x9d he said.",
          "\xe2\x80\x9cWe will win.\xe2\x80\x9d", "Then silence.");
    CHECK("She said \xe2\x80\x98no.\xe2\x80\x99 \xe2\x80\x98Why?\xe2\x80\x99 he asked.",
          "She said \xe2\x80\x98no.\xe2\x80\x99",
          "\xe2\x80\x98Why?\xe2\x80\x99 he asked.");
    CHECK("Why? Because! 'Why not?' he asked.", "Why?", "Because!",
          "'Why not?' he asked.");
    CHECK("He left (finally.) Then she came [at last.] Done.",
          "He left (finally.)", "Then she came [at last.]", "Done.");
    /* a closing quote glued to the next word does not split */
    CHECK("He said.\"No\" was the answer.", "He said.\"No\" was the answer.");
}

static void test_datelines(void **state)
{
    (void)state;
    CHECK("BEIJING, April 9 (Reuters) - Chinese President Xi Jinping met Russian "
          "Foreign Minister Sergey Lavrov. Both sides praised ties.",
          "Chinese President Xi Jinping met Russian Foreign Minister Sergey Lavrov.",
          "Both sides praised ties.");
    CHECK("WASHINGTON (AP) -- The Senate voted. It passed.", "The Senate voted.",
          "It passed.");
    CHECK("MOSCOW, Jan 3 - Russia said no.", "Russia said no.");
    CHECK("MOSCOW, Jan. 3 - Russia said no.", "Russia said no.");
    CHECK("GENEVA \xe2\x80\x94 Talks resumed.", "Talks resumed.");
    CHECK("GENEVA\xe2\x80\x94Talks resumed.", "Talks resumed.");
    CHECK("NEW YORK, March 4, 2019 (Reuters) \xe2\x80\x93 Stocks fell.", "Stocks fell.");
    CHECK("RIO DE JANEIRO - Rain fell.", "Rain fell.");
    CHECK("ST. LOUIS (AP) - Rain fell.", "Rain fell.");
    CHECK("  \n  LONDON (Reuters) -\n  Prices rose.", "Prices rose.");
    CHECK("S\xc3\x83O PAULO - Rain fell.", "Rain fell.");
    /* a place in title case needs its bracketed group; a colon may follow it */
    CHECK("Beijing [China]: Chinese leader Xi Jinping met Sergey Lavrov.",
          "Chinese leader Xi Jinping met Sergey Lavrov.");
    CHECK("Port-au-Prince (Reuters) - Gangs attacked the palace.",
          "Gangs attacked the palace.");
    CHECK("KYIV, Ukraine (AP) \xe2\x80\x94 Drones hit the city.", "Drones hit the city.");
    CHECK("New Delhi (IANS): India and Pakistan met.", "India and Pakistan met.");

    /* not datelines */
    CHECK("Washington - The White House said so.", "Washington - The White House said so.");
    CHECK("NATO-led forces advanced.", "NATO-led forces advanced.");
    CHECK("THE ONE BIG RED DOG - barked.", "THE ONE BIG RED DOG - barked.");
    CHECK("PARIS, France - Rain fell.", "PARIS, France - Rain fell.");
    CHECK("PARIS -", "PARIS -");
    CHECK("Russia - Ukraine talks ended.", "Russia - Ukraine talks ended.");
    CHECK("Moscow: the Kremlin said no.", "Moscow: the Kremlin said no.");
    CHECK("MOSCOW: the Kremlin said no.", "MOSCOW: the Kremlin said no.");
    CHECK("Kyiv, Ukraine - Drones hit the city.", "Kyiv, Ukraine - Drones hit the city.");
    CHECK("He left. LONDON (Reuters) - Prices rose.", "He left.",
          "LONDON (Reuters) - Prices rose.");

    /* the dateline is cut from the first span by offset */
    const char *t = "WASHINGTON (AP) -- The Senate voted.";
    dyad_span *spans = NULL;
    size_t cap = 0;
    assert_int_equal(dyad__segment(t, strlen(t), &spans, &cap), 1);
    assert_int_equal(spans[0].start, 19);
    assert_int_equal(spans[0].end, strlen(t));
    dyad__free(spans);
}

static void test_paragraphs(void **state)
{
    (void)state;
    CHECK("Headline without a period\n\nFirst paragraph here.\n \t\n\nlast one",
          "Headline without a period", "First paragraph here.", "last one");
    CHECK("Headline\r\n\r\nBody text.\r\n", "Headline", "Body text.");
    /* single newlines stay inside the span, raw */
    CHECK("This is\na sentence. And\n  another one.", "This is\na sentence.",
          "And\n  another one.");
    /* a paragraph break wins even after an abbreviation */
    CHECK("Signed by Gen.\n\nSmith", "Signed by Gen.", "Smith");
    CHECK("He met Mr.\n\nthe end", "He met Mr.", "the end");
}

static void test_utf8(void **state)
{
    (void)state;
    /* non-breaking space between sentences, accented capital after */
    CHECK("He left.\xc2\xa0\xc3\x89mile came.", "He left.", "\xc3\x89mile came.");
    CHECK("\xc2\xa0Trimmed.\xc2\xa0", "Trimmed.");
    /* lower-case accented letter: no split */
    CHECK("Il part. \xc3\xa9t\xc3\xa9 fini.", "Il part. \xc3\xa9t\xc3\xa9 fini.");
    /* invalid bytes are just bytes */
    CHECK("Bad \xff byte. Next \xc3 one.", "Bad \xff byte.", "Next \xc3 one.");
}

/* Segments `text` and checks the number of spans.  The pathological
 * inputs below would take hours if some step were quadratic; the test's
 * time limit (ctest TIMEOUT) catches that, and how fast segmentation is
 * belongs to bench/, not to a test. */
static void check_span_count(const char *text, size_t len, size_t want)
{
    dyad_span *spans = NULL;
    size_t cap = 0;
    size_t n = dyad__segment(text, len, &spans, &cap);
    assert_int_equal(n, want);
    dyad__free(spans);
}

static char *repeat(const char *unit, size_t times, size_t *len)
{
    size_t u = strlen(unit);
    char *s = malloc(u * times + 1);
    assert_non_null(s);
    for (size_t i = 0; i < times; i++)
        memcpy(s + i * u, unit, u);
    s[u * times] = '\0';
    *len = u * times;
    return s;
}

static void test_million_word_sentence(void **state)
{
    (void)state;
    size_t len;
    char *s = repeat("abcdefghi ", 1000000, &len); /* 10 MB */
    s[len - 1] = '.';
    dyad_span *spans = NULL;
    size_t cap = 0;
    assert_int_equal(dyad__segment(s, len, &spans, &cap), 1);
    assert_int_equal(spans[0].start, 0);
    assert_int_equal(spans[0].end, len);
    dyad__free(spans);
    free(s);
}

static void test_pathological(void **state)
{
    (void)state;
    const struct {
        const char *unit;
        size_t want; /* spans for 1,000,000 units */
    } cases[] = {
        {"Mr. ", 1},          /* an abbreviation check at every word */
        {"U.S. ", 1},         /* dotted acronyms */
        {"A. ", 1},           /* initials */
        {"a.b.c.d.e.f.g. ", 1},
        {"x. ", 1},           /* lower case follows: no check at all */
        {"\n \n", 0},         /* paragraph breaks around nothing */
        {"Go. ", 1000000},
        {". ", 1},
        {"...... ", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        size_t len;
        char *s = repeat(cases[i].unit, 1000000, &len);
        check_span_count(s, len, cases[i].want);
        free(s);
    }
    /* one 10 MB word ending in '.', followed by a capital */
    size_t len;
    char *s = repeat("abcdefghij", 1000000, &len);
    char *t = malloc(len + 4);
    assert_non_null(t);
    memcpy(t, s, len);
    memcpy(t + len, ". X", 3);
    t[len + 3] = '\0';
    check_span_count(t, len + 3, 2);
    free(s);
    free(t);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    const char *t = "One. Two. Three. Four. Five. Six. Seven. Eight. Nine. Ten.";
    dyad_span *spans = NULL;
    size_t cap = 0;
    dyad__fail_alloc_after(1);
    assert_int_equal(dyad__segment(t, strlen(t), &spans, &cap), (size_t)-1);
    dyad__fail_alloc_after(2); /* the first array (8 spans) works, growing fails */
    assert_int_equal(dyad__segment(t, strlen(t), &spans, &cap), (size_t)-1);
    dyad__fail_alloc_after(0);
    assert_int_equal(cap, 8);
    assert_int_equal(dyad__segment(t, strlen(t), &spans, &cap), 10);
    dyad__free(spans);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_empty_and_whitespace),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_acronyms),
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_datelines),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_million_word_sentence),
        cmocka_unit_test(test_pathological),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
