/*
 * date.c -- day numbers for dates (proleptic Gregorian, days since
 * 1970-01-01), using the well-known days-from-civil algorithm; and the
 * compact YYMMDD / YYYYMMDD dates of TABARI files.
 */
#include <ctype.h>
#include <stdio.h>

#include "date.h"

int32_t date__days(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int32_t)(era * 146097 + doe - 719468);
}

void date__civil(int32_t z, int *year, int *month, int *day)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t y = yoe + era * 400;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t d = doy - (153 * mp + 2) / 5 + 1;
    int32_t m = mp + (mp < 10 ? 3 : -9);
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int date__valid(int y, int m, int d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29) {
        int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        return leap;
    }
    return y >= 1 && y <= 9999;
}

static int two_digits(const char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

size_t date__parse_compact(const char *s, size_t len, int digits,
                           int32_t *days)
{
    size_t n = 0;
    while (n < len && n < 8 && isdigit((unsigned char)s[n]))
        n++;
    int year_width = digits;
    if (year_width == 0)
        year_width = (n == 8 && (len == 8 || !isdigit((unsigned char)s[8]))) ? 4 : 2;
    size_t need = year_width == 4 ? 8 : 6;
    if (n < need)
        return 0;
    int y, m, d;
    if (year_width == 4) {
        y = two_digits(s) * 100 + two_digits(s + 2);
        m = two_digits(s + 4);
        d = two_digits(s + 6);
    } else {
        y = two_digits(s);
        y += y <= 30 ? 2000 : 1900;
        m = two_digits(s + 2);
        d = two_digits(s + 4);
    }
    /* TABARI accepts any day 1-31 in any month (960231 is read as two days
     * after February 29), so dictionaries written for it do too. */
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    *days = date__days(y, m, 1) + (d - 1);
    return need;
}

int date__parse_iso(const char *s, int32_t *days)
{
    int y, m, d;
    char tail;
    if (sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return 0;
    if (!date__valid(y, m, d))
        return 0;
    *days = date__days(y, m, d);
    return 1;
}

void date__format_iso(int32_t days, char out[11])
{
    int y, m, d;
    date__civil(days, &y, &m, &d);
    unsigned year = (unsigned)((y % 10000 + 10000) % 10000);
    out[0] = (char)('0' + year / 1000);
    out[1] = (char)('0' + year / 100 % 10);
    out[2] = (char)('0' + year / 10 % 10);
    out[3] = (char)('0' + year % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
}
