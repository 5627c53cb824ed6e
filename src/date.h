/*
 * date.h -- calendar arithmetic for date-restricted actor codes and for
 * time-shifted events: dates become day numbers (days since 1970-01-01) so
 * that comparisons and shifts are integer operations.
 */
#ifndef DYAD_DATE_H
#define DYAD_DATE_H

#include <stddef.h>
#include <stdint.h>

#define DATE_UNKNOWN INT32_MIN

int32_t date__days(int year, int month, int day);
void date__civil(int32_t days, int *year, int *month, int *day);
int date__valid(int year, int month, int day);

/* Parses digits at s: 8 digits are YYYYMMDD, 6 digits YYMMDD with years 00-30
 * meaning 2000-2030 (TABARI's pivot).  With `digits` = 4 or 2 the year width
 * is forced.  Returns the number of characters used, 0 when invalid. */
size_t date__parse_compact(const char *s, size_t len, int digits,
                           int32_t *days);

/* Parses "YYYY-MM-DD"; returns 1 on success. */
int date__parse_iso(const char *s, int32_t *days);

/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void date__format_iso(int32_t days, char out[11]);

#endif
