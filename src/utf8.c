/*
 * utf8.c -- UTF-8 validation and decoding, and the ASCII folding that lets
 * "Côte d'Ivoire" match the dictionary entry COTE_D'IVOIRE.
 *
 * Folding uses utf8proc (Debian's libutf8proc): a code point is decomposed
 * (NFKD), combining marks are dropped, and what remains is kept when it is
 * ASCII.  A few characters that have no decomposition but an obvious ASCII
 * reading (ß, Æ, Ø, Ł, curly quotes, dashes) are mapped by a small table.
 */
#include <string.h>
#include <utf8proc.h>

#include "utf8.h"

int32_t dyad__utf8_decode(const char *s, size_t len, size_t *adv)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s,
                                          (utf8proc_ssize_t)len, &cp);
    if (n <= 0) {
        *adv = 1;
        return 0xFFFD;
    }
    *adv = (size_t)n;
    return cp;
}

size_t dyad__utf8_invalid_at(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                              (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            return i;
        i += (size_t)n;
    }
    return (size_t)-1;
}

size_t dyad__utf8_count(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

/* Characters without a canonical/compatibility decomposition to ASCII. */
static const struct {
    int32_t cp;
    const char *ascii;
} special_folds[] = {
    {0x00C6, "AE"}, {0x00E6, "ae"}, {0x00D8, "O"},  {0x00F8, "o"},
    {0x00DF, "ss"}, {0x0141, "L"},  {0x0142, "l"},  {0x0110, "D"},
    {0x0111, "d"},  {0x00D0, "D"},  {0x00F0, "d"},  {0x00DE, "TH"},
    {0x00FE, "th"}, {0x0152, "OE"}, {0x0153, "oe"}, {0x0131, "i"},
    {0x2018, "'"},  {0x2019, "'"},  {0x201A, "'"},  {0x201B, "'"},
    {0x02BC, "'"},  {0x2032, "'"},  {0x201C, "\""}, {0x201D, "\""},
    {0x201E, "\""}, {0x00AB, "\""}, {0x00BB, "\""}, {0x2010, "-"},
    {0x2011, "-"},  {0x2012, "-"},  {0x2013, "-"},  {0x2014, "-"},
    {0x2015, "-"},  {0x2212, "-"},  {0x00A0, " "},  {0x2009, " "},
    {0x202F, " "},  {0x2026, "..."},
};

size_t dyad__fold_codepoint(int32_t cp, char out[4])
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    for (size_t i = 0; i < sizeof special_folds / sizeof *special_folds; i++) {
        if (special_folds[i].cp == cp) {
            size_t n = strlen(special_folds[i].ascii);
            memcpy(out, special_folds[i].ascii, n);
            return n;
        }
    }
    utf8proc_int32_t decomposed[8];
    int options = UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE;
    utf8proc_ssize_t n = utf8proc_decompose_char(cp, decomposed, 8, options, NULL);
    if (n <= 0 || n > 8)
        return 0;
    size_t k = 0;
    for (utf8proc_ssize_t i = 0; i < n && k < 4; i++) {
        if (decomposed[i] < 0x80)
            out[k++] = (char)decomposed[i];
        else if (utf8proc_category(decomposed[i]) == UTF8PROC_CATEGORY_ZS)
            out[k++] = ' ';
    }
    return k;
}
