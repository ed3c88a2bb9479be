/*
 * hash_value.c - canonical values for the event hash (UTDS Part 3b,
 * spec/utds-3-integrity.md sections 2.1 and 3): white space, CBV URNs to Web URIs,
 * the gs1:/cbv: CURIEs, numbers (Python float semantics in the reference
 * profiles, exact decimals in cbv20-text), timestamps (UTC, milliseconds,
 * with each profile's rounding) and identifiers (hash_ids.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash_int.h"

#define CBV_WEB "https://ref.gs1.org/cbv/"

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

void trace__hash_strip(const char **s, size_t *n)
{
    const char *p = *s;
    size_t k = *n;
    if (!p) {
        *n = 0;
        return;
    }
    while (k && is_space(*p))
        p++, k--;
    while (k && is_space(p[k - 1]))
        k--;
    *s = p;
    *n = k;
}

static int starts(const char *s, size_t n, const char *p, size_t *pl)
{
    size_t k = strlen(p);
    if (n < k || memcmp(s, p, k) != 0)
        return 0;
    *pl = k;
    return 1;
}

/* ------------------------------------------------------------- numbers */

/* Python's digitpart: digit (["_"] digit)*. Returns bytes consumed. */
static size_t digitpart(const char *p, const char *end)
{
    const char *q = p;
    if (q >= end || !is_digit(*q))
        return 0;
    q++;
    while (q < end) {
        if (is_digit(*q))
            q++;
        else if (*q == '_' && q + 1 < end && is_digit(q[1]))
            q += 2;
        else
            break;
    }
    return (size_t)(q - p);
}

/* Does s match Python's float() grammar for finite decimal literals? */
static int py_float_syntax(const char *s, size_t n)
{
    const char *p = s, *end = s + n;
    size_t k, frac = 0;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    k = digitpart(p, end);
    p += k;
    if (p < end && *p == '.') {
        p++;
        frac = digitpart(p, end);
        p += frac;
    }
    if (k == 0 && frac == 0)
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        size_t e;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        e = digitpart(p, end);
        if (!e)
            return 0;
        p += e;
    }
    return p == end;
}

/* Python repr(float) for a finite, non-integral double. */
static int py_repr(trace__buf *b, double d)
{
    char tmp[40], digits[24];
    int p, exp = 0, nd = 0, decpt, i;
    for (p = 1; p <= 17; p++) {
        snprintf(tmp, sizeof(tmp), "%.*e", p - 1, d);
        if (strtod(tmp, NULL) == d)
            break;
    }
    {
        const char *c = tmp + (tmp[0] == '-'), *e = strchr(c, 'e');
        for (; c < e; c++)
            if (is_digit(*c))
                digits[nd++] = *c;
        exp = (int)strtol(e + 1, NULL, 10);
    }
    while (nd > 1 && digits[nd - 1] == '0')
        nd--;
    digits[nd] = '\0';
    decpt = exp + 1;
    if (d < 0)
        trace__buf_putc(b, '-');
    if (decpt <= -4 || decpt > 16) {
        trace__buf_putc(b, digits[0]);
        if (nd > 1)
            trace__buf_putc(b, '.'), trace__buf_append(b, digits + 1, (size_t)nd - 1);
        return trace__buf_printf(b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    }
    if (decpt <= 0) {
        trace__buf_puts(b, "0.");
        for (i = 0; i < -decpt; i++)
            trace__buf_putc(b, '0');
        return trace__buf_append(b, digits, (size_t)nd);
    }
    for (i = 0; i < nd || i < decpt; i++) {
        if (i == decpt)
            trace__buf_putc(b, '.');
        trace__buf_putc(b, i < nd ? digits[i] : '0');
    }
    return TRACE_OK;
}

/*
 * A plain decimal with at most 15 significant digits round-trips through a
 * double, and no shorter decimal maps to the same double, so Python prints
 * it back as its own normal form - unless it is below 1e-4 (exponent form).
 * This avoids the digit search of py_repr for the common case.
 */
static int py_plain_decimal(const char *s, size_t n)
{
    size_t i = 0, sig = 0, lead_frac = 0;
    int seen_nonzero = 0, in_frac = 0, int_nonzero = 0;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        i++;
    if (i == n)
        return 0;
    for (; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (in_frac)
                return 0;
            in_frac = 1;
            continue;
        }
        if (!is_digit(c))
            return 0;
        if (c != '0' || seen_nonzero) {
            if (!seen_nonzero && !in_frac)
                int_nonzero = 1;
            seen_nonzero = 1;
            sig++;
        } else if (in_frac && !int_nonzero) {
            lead_frac++;
        }
    }
    return sig <= 15 && (int_nonzero || !seen_nonzero || lead_frac < 4);
}

int trace__hash_pyfloat(trace__buf *b, const char *s, size_t n)
{
    char tmp[128];
    size_t i, k = 0;
    double d;
    if (n == 0 || n >= sizeof(tmp) || !py_float_syntax(s, n))
        return 0;
    if (py_plain_decimal(s, n))
        return trace__hash_decimal(b, s, n);
    for (i = 0; i < n; i++)
        if (s[i] != '_')
            tmp[k++] = s[i];
    tmp[k] = '\0';
    d = strtod(tmp, NULL);
    if (!isfinite(d))
        return 0; /* the reference fails on infinities; such values stay as written */
    if (d == floor(d)) {
        if (d == 0)
            return trace__buf_putc(b, '0') == TRACE_OK ? 1 : TRACE_ENOMEM;
        return trace__buf_printf(b, "%.0f", d) == TRACE_OK ? 1 : TRACE_ENOMEM;
    }
    return py_repr(b, d) == TRACE_OK ? 1 : TRACE_ENOMEM;
}

int trace__hash_decimal(trace__buf *b, const char *s, size_t n)
{
    const char *p = s, *end = s + n, *ip, *fp = NULL;
    size_t il = 0, fl = 0;
    long exp = 0;
    int neg = 0;
    char dig[160];
    size_t nd = 0, lead, i;
    long point;
    if (p < end && (*p == '+' || *p == '-'))
        neg = *p++ == '-';
    ip = p;
    while (p < end && is_digit(*p))
        p++, il++;
    if (p < end && *p == '.') {
        fp = ++p;
        while (p < end && is_digit(*p))
            p++, fl++;
    }
    if (il + fl == 0 || il + fl >= sizeof(dig))
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        int eneg = 0;
        size_t ed = 0;
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            eneg = *p++ == '-';
        for (; p < end && is_digit(*p); p++, ed++)
            if (exp < 100000)
                exp = exp * 10 + (*p - '0');
        if (!ed || exp > 1000)
            return 0; /* absurd exponents are hashed as written */
        if (eneg)
            exp = -exp;
    }
    if (p != end)
        return 0;
    memcpy(dig, ip, il), nd = il;
    if (fl)
        memcpy(dig + nd, fp, fl), nd += fl;
    point = (long)il + exp; /* digits before the decimal point */
    for (lead = 0; lead < nd && dig[lead] == '0'; lead++)
        ;
    while (nd > lead && dig[nd - 1] == '0' && (long)nd > point)
        nd--;
    if (lead == nd)
        return trace__buf_putc(b, '0') == TRACE_OK ? 1 : TRACE_ENOMEM;
    if (neg)
        trace__buf_putc(b, '-');
    if (point <= (long)lead) {
        trace__buf_puts(b, "0.");
        for (i = 0; (long)i < (long)lead - point; i++)
            trace__buf_putc(b, '0');
        trace__buf_append(b, dig + lead, nd - lead);
    } else {
        for (i = lead; (long)i < point; i++)
            trace__buf_putc(b, i < nd ? dig[i] : '0');
        if ((long)nd > point)
            trace__buf_putc(b, '.'),
                trace__buf_append(b, dig + point, nd - (size_t)point);
    }
    return b->failed ? TRACE_ENOMEM : 1;
}

/* -------------------------------------------------------------- values */

static const char *const cbv_urn[][2] = {
    {"urn:epcglobal:cbv:bizstep:", CBV_WEB "BizStep-"},
    {"urn:epcglobal:cbv:disp:", CBV_WEB "Disp-"},
    {"urn:epcglobal:cbv:btt:", CBV_WEB "BTT-"},
    {"urn:epcglobal:cbv:sdt:", CBV_WEB "SDT-"},
    {"urn:epcglobal:cbv:er:", CBV_WEB "ER-"}};

int trace__hash_value(trace__buf *b, const trace__hash_prof *pf, const char *s, size_t n)
{
    size_t pl, i;
    int r;
    trace__hash_strip(&s, &n);
    if (n == 0)
        return TRACE_OK;
    if (starts(s, n, "gs1:", &pl)) {
        trace__buf_puts(b, pf->gs1_voc);
        return trace__buf_append(b, s + pl, n - pl);
    }
    if (starts(s, n, "cbv:", &pl)) {
        trace__buf_puts(b, CBV_WEB);
        return trace__buf_append(b, s + pl, n - pl);
    }
    if (s[0] == 'u')
        for (i = 0; i < TRACE__ARRAY_LEN(cbv_urn); i++)
            if (starts(s, n, cbv_urn[i][0], &pl)) {
                trace__buf_puts(b, cbv_urn[i][1]);
                return trace__buf_append(b, s + pl, n - pl);
            }
    if (is_digit(s[0]) || s[0] == '-' || s[0] == '+' || s[0] == '.') {
        r = pf->py_numbers ? trace__hash_pyfloat(b, s, n) : trace__hash_decimal(b, s, n);
        if (r != 0)
            return r < 0 ? r : TRACE_OK;
    }
    if (pf->canon_ids) {
        r = trace__hash_id_canon(b, s, n);
        if (r != 0)
            return r < 0 ? r : TRACE_OK;
    }
    return trace__buf_append(b, s, n);
}

int trace__hash_vocab(trace__buf *b, const trace__hash_prof *pf, const trace_vocab *v,
                      trace_cbv_list list)
{
    static const char *const web[] = {CBV_WEB "BizStep-", CBV_WEB "Disp-", CBV_WEB "BTT-",
                                      CBV_WEB "SDT-", CBV_WEB "ER-"};
    const char *s = v->value.s;
    size_t n = v->value.len;
    if (v->form == TRACE_CBV_NONE)
        return TRACE_OK;
    if (v->form == TRACE_CBV_OTHER || (unsigned)list > TRACE_CBV_ER)
        return trace__hash_value(b, pf, v->raw.s, v->raw.len);
    trace__hash_strip(&s, &n);
    trace__buf_puts(b, web[list]);
    return trace__buf_append(b, s, n);
}

/* ----------------------------------------------------------- timestamps */

/* n digits of v, zero-padded, into p. */
static void put_digits(char *p, unsigned long long v, int n)
{
    while (n--) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* ".fffZ" style fraction with width digits, then 'Z'. */
static int put_frac(trace__buf *b, unsigned long v, int width)
{
    char tmp[16];
    tmp[0] = '.';
    put_digits(tmp + 1, v, width);
    tmp[width + 1] = 'Z';
    return trace__buf_append(b, tmp, (size_t)width + 2);
}

int trace__hash_civil(trace__buf *b, int64_t seconds)
{
    int64_t days = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    int64_t sod = seconds - days * 86400, z, era, doe, yoe, y, doy, mp, d, m;
    z = days + 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    if (y < 0 || y > 9999)
        return trace__buf_printf(b, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld",
                                 (long long)y, (long long)m, (long long)d,
                                 (long long)(sod / 3600), (long long)(sod / 60 % 60),
                                 (long long)(sod % 60));
    {
        char t[19];
        put_digits(t, (unsigned long long)y, 4);
        t[4] = '-';
        put_digits(t + 5, (unsigned long long)m, 2);
        t[7] = '-';
        put_digits(t + 8, (unsigned long long)d, 2);
        t[10] = 'T';
        put_digits(t + 11, (unsigned long long)(sod / 3600), 2);
        t[13] = ':';
        put_digits(t + 14, (unsigned long long)(sod / 60 % 60), 2);
        t[16] = ':';
        put_digits(t + 17, (unsigned long long)(sod % 60), 2);
        return trace__buf_append(b, t, sizeof(t));
    }
}

int trace__hash_time(trace__buf *b, const trace__hash_prof *pf, const char *s, size_t n)
{
    trace_time t;
    trace_str lx;
    int64_t sec;
    uint32_t ms, us;
    trace__hash_strip(&s, &n);
    lx.s = s;
    lx.len = n;
    if (n == 0)
        return TRACE_OK;
    if (trace_time_parse(lx, &t) != TRACE_OK || t.seconds < -62135596800LL ||
        t.seconds > 253402300799LL)
        return trace__buf_append(b, s, n); /* not a timestamp: hashed as written */
    sec = t.seconds;
    us = t.nanos / 1000;
    ms = t.nanos / 1000000;
    switch (pf->ts) {
    case HASH_TS_ROUND_EVEN: {
        uint32_t r = us % 1000;
        ms = us / 1000;
        if (r > 500 || (r == 500 && (ms & 1)))
            ms++;
        break;
    }
    case HASH_TS_ROUND_UP:
        if (t.nanos % 1000000 >= 500000)
            ms++;
        break;
    case HASH_TS_TRUNC: break;
    case HASH_TS_EXACT: trace__hash_civil(b, sec); return put_frac(b, t.nanos, 9);
    case HASH_TS_MICRO:
        if (t.frac_digits > 3) {
            trace__hash_civil(b, sec);
            if (us == 0) /* Python's isoformat() prints no fraction then */
                return trace__buf_putc(b, 'Z');
            return put_frac(b, us, 6);
        }
        break;
    }
    if (ms >= 1000)
        ms -= 1000, sec++;
    trace__hash_civil(b, sec);
    return put_frac(b, ms, 3);
}
