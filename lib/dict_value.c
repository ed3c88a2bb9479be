/*
 * dict_value.c - check a value against its dictionary element
 * (spec/utds-2-collection.md ): character sets and lengths,
 * dates, date-times, decimals with units, integers, codes of a code list,
 * and identifiers through the code module of Part 1. No allocation; the
 * validator's rule kind `elements` calls this for every UTDS value.
 */
#include <stdio.h>
#include <string.h>

#include "dict_int.h"
#include "code_int.h"

static void value_diag(trace_diag *d, int code, const trace_element *e, const char *v,
                       size_t n)
{
    trace__diag_init(d, code);
    trace__diag_arg(d, "element", e->id);
    if (v)
        trace__diag_argn(d, "value", v, n);
}

/* Decode one UTF-8 code point; returns its length (0 when invalid). */
static size_t utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
    size_t len, i;
    if (s[0] < 0x80)
        return *cp = s[0], 1;
    len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc2 ? 2 : 0;
    if (!len || len > n || s[0] > 0xf4)
        return 0;
    *cp = s[0] & (0x7fu >> len);
    for (i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        *cp = (*cp << 6) | (s[i] & 0x3fu);
    }
    if ((len == 3 && *cp < 0x800) || (len == 4 && (*cp < 0x10000 || *cp > 0x10ffff)) ||
        (*cp >= 0xd800 && *cp <= 0xdfff))
        return 0;
    return len;
}

static int in_charset(trace_charset cs, uint32_t c)
{
    int digit = c >= '0' && c <= '9', upper = c >= 'A' && c <= 'Z',
        lower = c >= 'a' && c <= 'z';
    switch (cs) {
    case TRACE_CHARSET_ANY: return c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0);
    case TRACE_CHARSET_PRINTABLE: return c >= 0x20 && c < 0x7f;
    case TRACE_CHARSET_CSET82:
        return digit || upper || lower ||
               (c < 0x80 && strchr("!\"%&'()*+,-./:;<=>?_", (int)c) && c);
    case TRACE_CHARSET_DIGITS: return digit;
    case TRACE_CHARSET_ALNUM: return digit || upper || lower;
    case TRACE_CHARSET_UPPER_ALNUM: return digit || upper;
    case TRACE_CHARSET_UPPER_ALNUM_DASH: return digit || upper || c == '-';
    }
    return 0;
}

static int check_text(const trace_element *e, const char *v, size_t n, trace_diag *d)
{
    size_t i = 0, count = 0;
    while (i < n) {
        uint32_t cp = 0;
        size_t l = utf8_next((const unsigned char *)v + i, n - i, &cp);
        if (!l || !in_charset(e->charset, cp)) {
            value_diag(d, TRACE__D_VALUE_CHAR, e, NULL, 0);
            trace__diag_argn(d, "char", v + i, l ? l : 1);
            trace__diag_argf(d, "pos", "%zu", count + 1);
            trace__diag_arg(d, "charset", trace_charset_name(e->charset));
            d->loc.offset = (int64_t)i, d->loc.length = (uint32_t)(l ? l : 1);
            return 0;
        }
        i += l, count++;
    }
    if ((e->min_len && count < e->min_len) || (e->max_len && count > e->max_len)) {
        value_diag(d, TRACE__D_VALUE_LENGTH, e, NULL, 0);
        trace__diag_argf(d, "length", "%zu", count);
        trace__diag_argf(d, "min", "%u", e->min_len);
        trace__diag_argf(d, "max", "%u", e->max_len);
        return 0;
    }
    return 1;
}

static int digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    size_t i;
    for (i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* YYYY-MM-DD with a real calendar day. */
static int is_date(const char *v, size_t n)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, day, leap;
    if (n != 10 || v[4] != '-' || v[7] != '-' || !digits(v, 4) || !digits(v + 5, 2) ||
        !digits(v + 8, 2))
        return 0;
    y = num(v, 4), m = num(v + 5, 2), day = num(v + 8, 2);
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m >= 1 && m <= 12 && day >= 1 && day <= mdays[m - 1] + (m == 2 && leap);
}

/* date "T" hh:mm:ss[.fraction] (Z | +hh:mm | -hh:mm) */
static int is_datetime(const char *v, size_t n)
{
    size_t i = 19;
    if (n < 20 || !is_date(v, 10) || v[10] != 'T' || v[13] != ':' || v[16] != ':' ||
        !digits(v + 11, 2) || !digits(v + 14, 2) || !digits(v + 17, 2) ||
        num(v + 11, 2) > 23 || num(v + 14, 2) > 59 || num(v + 17, 2) > 60)
        return 0;
    if (v[i] == '.') {
        size_t f = ++i;
        while (i < n && v[i] >= '0' && v[i] <= '9')
            i++;
        if (i == f)
            return 0;
    }
    if (i + 1 == n && v[i] == 'Z')
        return 1;
    return i + 6 == n && (v[i] == '+' || v[i] == '-') && v[i + 3] == ':' &&
           digits(v + i + 1, 2) && digits(v + i + 4, 2) && num(v + i + 1, 2) <= 14 &&
           num(v + i + 4, 2) <= 59;
}

static int is_decimal(const char *v, size_t n)
{
    size_t i = 0, int_digits;
    if (i < n && v[i] == '-')
        i++;
    int_digits = i;
    while (i < n && v[i] >= '0' && v[i] <= '9')
        i++;
    if (i == int_digits)
        return 0;
    if (i < n && v[i] == '.') {
        size_t f = ++i;
        while (i < n && v[i] >= '0' && v[i] <= '9')
            i++;
        if (i == f)
            return 0;
    }
    return i == n;
}

static int check_decimal(const trace_element *e, const char *v, size_t n, trace_diag *d)
{
    size_t vn = n;
    if (e->unit && !strcmp(e->unit, "*")) {
        const char *sp = memchr(v, ' ', n);
        const trace_codelist *units = trace_dict_codelist(NULL, "unece-rec20");
        char unit[8] = "";
        size_t ul = sp ? n - (size_t)(sp - v) - 1 : 0;
        if (ul && ul < sizeof(unit))
            memcpy(unit, sp + 1, ul);
        if (!sp || !trace_codelist_value(units, unit)) {
            value_diag(d, TRACE__D_VALUE_UNIT, e, NULL, 0);
            trace__diag_argn(d, "unit", sp ? sp + 1 : "-", sp ? ul : 1);
            return 0;
        }
        vn = (size_t)(sp - v);
    }
    if (!is_decimal(v, vn)) {
        value_diag(d, TRACE__D_VALUE_DECIMAL, e, v, vn);
        return 0;
    }
    return 1;
}

static int check_identifier(const trace_ctx *ctx, const trace_element *e, const char *v,
                            size_t n, trace_diag *d)
{
    trace_code_result res;
    char reason[8];
    size_t i, chars = 0;
    for (i = 0; i < n; i++) /* characters, not bytes: count UTF-8 lead bytes */
        chars += ((unsigned char)v[i] & 0xC0) != 0x80;
    /* An element may narrow a scheme to one of its forms by length, e.g. the
     * ISO 3166 alpha-2 form (len 2-2) of the iso3166 scheme. */
    if ((e->min_len && chars < e->min_len) || (e->max_len && chars > e->max_len)) {
        value_diag(d, TRACE__D_VALUE_LENGTH, e, NULL, 0);
        trace__diag_argf(d, "length", "%zu", chars);
        trace__diag_argf(d, "min", "%u", e->min_len);
        trace__diag_argf(d, "max", "%u", e->max_len);
        return 0;
    }
    /* One place decides "valid under one of these schemes" (code_list.c); a value
     * no built-in scheme can judge (-1) is accepted. */
    if (trace__code_check_list(ctx, &res, e->schemes, v, n, reason, sizeof(reason)) != 0)
        return 1;
    value_diag(d, TRACE__D_VALUE_IDENTIFIER, e, v, n);
    trace__diag_arg(d, "schemes", e->schemes);
    return 0;
}

int trace_element_check_value(const trace_ctx *ctx, const trace_element *e, const char *v,
                              size_t n, trace_diag *d)
{
    if (!e || (!v && n) || !d)
        return TRACE_EINVAL;
    trace_loc_init(&d->loc);
    switch (e->type) {
    case TRACE_ELEM_TEXT: return check_text(e, v, n, d);
    case TRACE_ELEM_DATE:
        if (is_date(v, n))
            return 1;
        value_diag(d, TRACE__D_VALUE_DATE, e, v, n);
        return 0;
    case TRACE_ELEM_DATETIME:
        if (is_datetime(v, n))
            return 1;
        value_diag(d, TRACE__D_VALUE_DATETIME, e, v, n);
        return 0;
    case TRACE_ELEM_DECIMAL: return check_decimal(e, v, n, d);
    case TRACE_ELEM_INTEGER:
        if (n && digits(v, n) && (!e->min_len || n >= e->min_len) &&
            (!e->max_len || n <= e->max_len))
            return 1;
        value_diag(d, TRACE__D_VALUE_INTEGER, e, v, n);
        trace__diag_argf(d, "min", "%u", e->min_len);
        trace__diag_argf(d, "max", "%u", e->max_len);
        return 0;
    case TRACE_ELEM_ENUM: {
        char code[64] = "";
        if (n < sizeof(code))
            memcpy(code, v, n);
        if (n < sizeof(code) && !memchr(v, 0, n) &&
            trace_codelist_value(trace_dict_codelist(NULL, e->codelist), code))
            return 1;
        value_diag(d, TRACE__D_VALUE_CODE, e, v, n);
        trace__diag_arg(d, "list", e->codelist);
        return 0;
    }
    case TRACE_ELEM_ID: return check_identifier(ctx, e, v, n, d);
    case TRACE_ELEM_GROUP: value_diag(d, TRACE__D_VALUE_GROUP, e, NULL, 0); return 0;
    }
    return TRACE_EINVAL;
}
