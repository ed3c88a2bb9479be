/*
 * gs1_lint.c - the GS1 component linters (UTDS Part 1, GS1: R-1.G.4): the
 * content checks the AI table names per component (dates, times, code lists,
 * check digits, company prefix, IBAN, coordinates, piece-of-total, ...).
 * Semantics follow the GS1 Barcode Syntax Tests; the one deliberate difference
 * is the century of two-digit years, which follows the GS1 General
 * Specifications sliding window (section 7.12) instead of a fixed pivot.
 * Coupon linters live in gs1_coupon.c.
 */
#include <string.h>

#include "gs1_int.h"

const unsigned char gs1__cset82[256] = {
    ['!'] = 1, ['"'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
    ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1,  ['/'] = 1, ['0'] = 1,
    ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,  ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1,  ['='] = 1, ['>'] = 1,
    ['?'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1,  ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1,  ['L'] = 1, ['M'] = 1,
    ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,  ['S'] = 1, ['T'] = 1,
    ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1,  ['Z'] = 1, ['_'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1,  ['f'] = 1, ['g'] = 1,
    ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,  ['m'] = 1, ['n'] = 1,
    ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1,  ['t'] = 1, ['u'] = 1,
    ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1};

int gs1__is_cset82(unsigned char c)
{
    return gs1__cset82[c];
}

int gs1__is_cset39(unsigned char c)
{
    return c == '#' || c == '-' || c == '/' || (c >= '0' && c <= '9') ||
           (c >= 'A' && c <= 'Z');
}

int gs1__is_cset64(unsigned char c)
{
    return c == '-' || c == '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
           (c >= 'a' && c <= 'z');
}

static int isdig(char c)
{
    return c >= '0' && c <= '9';
}

static int num(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int alldig(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!isdig(s[i]))
            return 0;
    return 1;
}

static void set(gs1__lint_err *e, int code, size_t off, size_t len, const char *what)
{
    e->code = code;
    e->off = off;
    e->len = len;
    e->what = what;
}

int gs1__century(int yy, int year_now)
{
    /* GS1 GenSpecs 7.12: a year more than 50 ahead belongs to the previous
     * century, one 50 or more behind to the next. */
    int cur = year_now % 100, cent = year_now - cur, d = yy - cur;
    if (d >= 51)
        return cent - 100 + yy;
    if (d <= -50)
        return cent + 100 + yy;
    return cent + yy;
}

static int days_in(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

static void lint_date(const char *s, size_t n, int full, int day0, int year_now,
                      gs1__lint_err *e)
{
    size_t yl = full ? 4 : 2;
    int y, m, d;
    if (n != yl + 4 || !gs1__all_digits((const unsigned char *)s, n)) {
        set(e, TRACE__D_GS1_BAD_DATE, 0, n, "date");
        return;
    }
    y = num(s, yl);
    if (!full)
        y = gs1__century(y, year_now);
    m = num(s + yl, 2);
    d = num(s + yl + 2, 2);
    if (m < 1 || m > 12)
        set(e, TRACE__D_GS1_BAD_DATE, yl, 2, "month");
    else if ((d == 0 && !day0) || d > days_in(y, m))
        set(e, TRACE__D_GS1_BAD_DATE, yl + 2, 2, "day");
}

static void lint_range2(const char *s, size_t n, int max, const char *what,
                        gs1__lint_err *e)
{
    if (n != 2 || !alldig(s, 2) || num(s, 2) > max)
        set(e, TRACE__D_GS1_BAD_TIME, 0, n, what);
}

static void lint_list3(const char *s, size_t n, int (*in)(int), int extra,
                       const char *list, gs1__lint_err *e)
{
    if (n != 3 || !alldig(s, 3) || !(in(num(s, 3)) || num(s, 3) == extra))
        set(e, TRACE__D_GS1_BAD_CODE, 0, n, list);
}

static void lint_csum(const char *s, size_t n, gs1__lint_err *e)
{
    /* Hot path (every key): verify inline; the expected digit for the diagnostic
     * comes from trace_check_compute (lib/check.c) when it fails. Weights from
     * the right are 3, 1, 3, ... so the digits are summed in pairs and the
     * '0' bias removed once. */
    const unsigned char *u = (const unsigned char *)s;
    unsigned s3 = 0, s1 = 0, m, sum;
    size_t i;
    if (n < 2 || !gs1__all_digits(u, n)) {
        set(e, TRACE__D_GS1_BAD_CHECK, 0, n, "csum");
        return;
    }
    for (i = n - 1; i >= 2; i -= 2)
        s3 += u[i - 1], s1 += u[i - 2];
    if (i == 1)
        s3 += u[0];
    m = (unsigned)n - 1; /* digits before the check digit */
    sum = 3 * (s3 - (m + 1) / 2 * '0') + (s1 - m / 2 * '0');
    if ((char)('0' + (10 - sum % 10) % 10) != s[n - 1])
        set(e, TRACE__D_GS1_BAD_CHECK, n - 1, 1, "csum");
}

static void lint_csumalpha(const char *s, size_t n, gs1__lint_err *e)
{
    char c[4];
    if (n == 2) {
        if (s[0] != '2' || s[1] != '2')
            set(e, TRACE__D_GS1_BAD_CHECK, 0, 2, "csumalpha");
        return;
    }
    if (n < 2 ||
        trace_check_compute(TRACE_CHECK_GS1_ALNUM, s, n - 2, c, sizeof(c)) != TRACE_OK) {
        set(e, TRACE__D_GS1_BAD_CHECK, 0, n, "csumalpha");
        return;
    }
    if (c[0] != s[n - 2] || c[1] != s[n - 1])
        set(e, TRACE__D_GS1_BAD_CHECK, n - 2, 2, "csumalpha");
}

static void lint_gcp(const char *s, size_t n, size_t from, gs1__lint_err *e)
{
    size_t i;
    if (n < from + 4) {
        set(e, TRACE__D_GS1_BAD_GCP, 0, n, "too short");
        return;
    }
    if (gs1__all_digits((const unsigned char *)s + from, 4))
        return; /* the usual case; else find the first non-digit */
    for (i = from; i < from + 4; i++)
        if (!isdig(s[i])) {
            set(e, TRACE__D_GS1_BAD_GCP, i, 1, "not a digit");
            return;
        }
}

static void lint_iban(const char *s, size_t n, gs1__lint_err *e)
{
    size_t i;
    if (n <= 10 || n > 34) {
        set(e, TRACE__D_GS1_BAD_IBAN, 0, n, "length");
        return;
    }
    if (!gs1__in_alpha2(s[0], s[1])) {
        set(e, TRACE__D_GS1_BAD_IBAN, 0, 2, "country");
        return;
    }
    for (i = 2; i < n; i++)
        if (!isdig(s[i]) && !(s[i] >= 'A' && s[i] <= 'Z')) {
            set(e, TRACE__D_GS1_BAD_IBAN, i, 1, "character");
            return;
        }
    if (trace_check_verify(TRACE_CHECK_IBAN, s, n) != 1)
        set(e, TRACE__D_GS1_BAD_IBAN, 2, 2, "check digits");
}

static void lint_pieceoftotal(const char *s, size_t n, gs1__lint_err *e)
{
    size_t h = n / 2;
    int p, t;
    if (n == 0 || n % 2 || !alldig(s, n)) {
        set(e, TRACE__D_GS1_BAD_VALUE, 0, n,
            "piece of total: not an even number of digits");
        return;
    }
    p = num(s, h);
    t = num(s + h, h);
    if (p == 0)
        set(e, TRACE__D_GS1_BAD_VALUE, 0, h, "piece number is zero");
    else if (t == 0)
        set(e, TRACE__D_GS1_BAD_VALUE, h, h, "total is zero");
    else if (p > t)
        set(e, TRACE__D_GS1_BAD_VALUE, 0, h, "piece number exceeds total");
}

static void lint_posinseq(const char *s, size_t n, gs1__lint_err *e)
{
    const char *sl = memchr(s, '/', n);
    size_t a, b;
    if (!sl) {
        set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "position in sequence: no '/'");
        return;
    }
    a = (size_t)(sl - s);
    b = n - a - 1;
    if (a == 0 || b == 0 || !alldig(s, a) || !alldig(sl + 1, b) || s[0] == '0' ||
        sl[1] == '0')
        set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "position in sequence: not pos/end");
    else if (a > b || (a == b && memcmp(s, sl + 1, a) > 0))
        set(e, TRACE__D_GS1_BAD_VALUE, 0, a, "position exceeds end");
}

static int ishex(char c)
{
    return isdig(c) || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}

static void lint_pcenc(const char *s, size_t n, gs1__lint_err *e)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] == '%') {
            if (i + 2 >= n || !ishex(s[i + 1]) || !ishex(s[i + 2])) {
                set(e, TRACE__D_GS1_BAD_PCENC, i, n - i < 3 ? n - i : 3, "pcenc");
                return;
            }
            i += 2;
        }
}

static void lint_coord(const char *s, size_t n, int lon, gs1__lint_err *e)
{
    /* 10 digits, offset-encoded degrees x 10^7: at most 180 (lat) / 360 (long). */
    const char *max = lon ? "3600000000" : "1800000000";
    if (n != 10 || !alldig(s, n) || memcmp(s, max, 10) > 0)
        set(e, TRACE__D_GS1_BAD_VALUE, 0, n,
            lon ? "longitude out of range" : "latitude out of range");
}

static void lint_onechar(const char *s, size_t n, const char *ok, const char *list,
                         gs1__lint_err *e)
{
    if (n != 1 || !s[0] || !strchr(ok, s[0]))
        set(e, TRACE__D_GS1_BAD_CODE, 0, n, list);
}

static void lint_misc(int linter, const char *s, size_t n, gs1__lint_err *e)
{
    size_t i;
    switch (linter) {
    case GS1L_NONZERO:
        if (!alldig(s, n) || n == 0)
            set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "must be digits");
        else {
            for (i = 0; i < n && s[i] == '0'; i++)
                ;
            if (i == n)
                set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "must not be zero");
        }
        break;
    case GS1L_ZERO:
        for (i = 0; i < n && s[i] == '0'; i++)
            ;
        if (n == 0 || i != n)
            set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "must be zero");
        break;
    case GS1L_NOZEROPREFIX:
        if (n == 0 || !alldig(s, n) || (s[0] == '0' && n > 0))
            set(e, TRACE__D_GS1_BAD_VALUE, 0, n ? 1 : 0, "must not start with zero");
        break;
    case GS1L_HASNONDIGIT:
        if (alldig(s, n))
            set(e, TRACE__D_GS1_BAD_VALUE, 0, n, "must contain a non-digit");
        break;
    case GS1L_HYPHEN:
        for (i = 0; i < n; i++)
            if (s[i] != '-') {
                set(e, TRACE__D_GS1_BAD_VALUE, i, 1, "must be a hyphen");
                break;
            }
        break;
    default: break;
    }
}

static int in3166(int c)
{
    return gs1__in_iso3166(c);
}

static int in4217(int c)
{
    return gs1__in_iso4217(c);
}

static void lint_codes(int linter, const char *s, size_t n, gs1__lint_err *e)
{
    switch (linter) {
    case GS1L_ISO3166: lint_list3(s, n, in3166, -1, "ISO 3166", e); break;
    case GS1L_ISO3166999: lint_list3(s, n, in3166, 999, "ISO 3166", e); break;
    case GS1L_ISO4217: lint_list3(s, n, in4217, -1, "ISO 4217", e); break;
    case GS1L_ISO3166ALPHA2:
        if (n != 2 || !gs1__in_alpha2(s[0], s[1]))
            set(e, TRACE__D_GS1_BAD_CODE, 0, n, "ISO 3166 alpha-2");
        break;
    case GS1L_MEDIATYPE:
        if (n != 2 || !alldig(s, 2) || !gs1__in_mediatype(num(s, 2)))
            set(e, TRACE__D_GS1_BAD_CODE, 0, n, "AIDC media type");
        break;
    case GS1L_PACKAGETYPE:
        if (!gs1__in_packagetype(s, n))
            set(e, TRACE__D_GS1_BAD_CODE, 0, n, "package type");
        break;
    case GS1L_ISO5218: lint_onechar(s, n, "0129", "ISO 5218", e); break;
    case GS1L_WINDING: lint_onechar(s, n, "019", "winding direction", e); break;
    case GS1L_YESNO: lint_onechar(s, n, "01", "yes/no", e); break;
    case GS1L_IMPORTERIDX:
        lint_onechar(s, n,
                     "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
                     "importer index", e);
        break;
    default: lint_misc(linter, s, n, e); break;
    }
}

/* The less frequent linters, out of line so that the frequent ones (check
 * digits, company prefix, dates) dispatch without its large frame. */
void gs1__lint_other(int linter, const char *s, size_t n, int year_now, gs1__lint_err *e);

void gs1__lint(int linter, const char *s, size_t n, int year_now, gs1__lint_err *e)
{
    e->code = 0;
    switch (linter) {
    case GS1L_NONE: break;
    case GS1L_CSUM: lint_csum(s, n, e); break;
    case GS1L_GCPPOS1: lint_gcp(s, n, 0, e); break;
    case GS1L_GCPPOS2: lint_gcp(s, n, 1, e); break;
    case GS1L_YYMMDD:
    case GS1L_YYMMD0: lint_date(s, n, 0, linter == GS1L_YYMMD0, year_now, e); break;
    case GS1L_YYYYMMDD:
    case GS1L_YYYYMMD0: lint_date(s, n, 1, linter == GS1L_YYYYMMD0, year_now, e); break;
    default: gs1__lint_other(linter, s, n, year_now, e); break;
    }
}

void gs1__lint_other(int linter, const char *s, size_t n, int year_now, gs1__lint_err *e)
{
    switch (linter) {
    case GS1L_CSUMALPHA: lint_csumalpha(s, n, e); break;
    case GS1L_HH: lint_range2(s, n, 23, "hour", e); break;
    case GS1L_MI: lint_range2(s, n, 59, "minute", e); break;
    case GS1L_SS: lint_range2(s, n, 59, "second", e); break;
    case GS1L_HHMI:
        if (n != 4)
            set(e, TRACE__D_GS1_BAD_TIME, 0, n, "time");
        else {
            lint_range2(s, 2, 23, "hour", e);
            if (!e->code) {
                lint_range2(s + 2, 2, 59, "minute", e);
                if (e->code)
                    e->off = 2;
            }
        }
        break;
    case GS1L_IBAN: lint_iban(s, n, e); break;
    case GS1L_LATITUDE:
    case GS1L_LONGITUDE: lint_coord(s, n, linter == GS1L_LONGITUDE, e); break;
    case GS1L_PIECEOFTOTAL: lint_pieceoftotal(s, n, e); break;
    case GS1L_POSINSEQSLASH: lint_posinseq(s, n, e); break;
    case GS1L_PCENC: lint_pcenc(s, n, e); break;
    case GS1L_COUPONCODE:
    case GS1L_COUPONPOSOFFER: gs1__lint_coupon(linter, s, n, year_now, e); break;
    default: lint_codes(linter, s, n, e); break;
    }
}
