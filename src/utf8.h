/*
 * utf8.h -- UTF-8 helpers: validation with positions, code point counting,
 * and folding of accented Latin text to the upper-case ASCII that TABARI
 * dictionaries are written in ("Côte d'Ivoire" -> "COTE D'IVOIRE").
 */
#ifndef DYAD_UTF8_H
#define DYAD_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns the byte offset of the first invalid UTF-8 sequence in s[0..len),
 * or (size_t)-1 when the whole buffer is valid. */
size_t dyad__utf8_invalid_at(const char *s, size_t len);

/* Number of code points in s[0..len) (invalid bytes count as one each). */
size_t dyad__utf8_count(const char *s, size_t len);

/* Decodes one code point at s[0..len); stores its byte length in *adv.
 * Invalid bytes decode as U+FFFD with *adv = 1. */
int32_t dyad__utf8_decode(const char *s, size_t len, size_t *adv);

/* Writes the ASCII transliteration of code point `cp` into out[0..4) and
 * returns its length (0 when the character has no ASCII form).  Letters
 * lose their accents, typographic quotes and dashes become their ASCII
 * counterparts, ligatures expand ("ß" -> "ss").  Case is preserved. */
size_t dyad__fold_codepoint(int32_t cp, char out[4]);

#endif
