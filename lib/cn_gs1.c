/*
 * cn_gs1.c - the GS1 forms NMPA allows for drug trace codes and UDIs: a GTIN
 * (01) with production identifiers (11, 17, 10, 21), bracketed or with
 * FNC1/GS separators (optionally behind a symbology identifier). This is a
 * deliberately small reader for these AIs only, independent of the full GS1
 * module, so the Chinese schemes can validate their GS1 form on their own.
 */
#include <string.h>

#include "cn_int.h"

typedef struct cn_ai {
    const char *ai;
    const char *title_en;
    const char *title_zh;
    unsigned char fixed; /* fixed length, or 0 */
    unsigned char max;   /* maximum length */
    unsigned char kind;  /* 'N' digits, 'D' date YYMMDD, 'X' CSET 82 */
} cn_ai;

static const cn_ai AIS[] = {
    {"01", "GTIN", "商品标识代码", 14, 14, 'N'},
    {"11", "production date", "生产日期", 6, 6, 'D'},
    {"17", "expiration date", "有效期", 6, 6, 'D'},
    {"10", "batch or lot number", "批号", 0, 20, 'X'},
    {"21", "serial number", "序列号", 0, 20, 'X'},
};

/* GS1 CSET 82 (GS1 General Specifications figure 7.11-1). */
static int cset82(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           (c && strchr("!\"%&'()*+,-./:;<=>?_", c));
}

static const cn_ai *find_ai(const char *s, size_t n)
{
    size_t i;
    if (n < 2)
        return NULL;
    for (i = 0; i < TRACE__ARRAY_LEN(AIS); i++)
        if (!memcmp(AIS[i].ai, s, 2))
            return &AIS[i];
    return NULL;
}

int trace__cn_gs1_shape(const char *in, size_t len)
{
    if (len >= 3 && in[0] == ']')
        return 1;
    if (len >= 4 && in[0] == '(' && in[1] == '0' && in[2] == '1' && in[3] == ')')
        return 1;
    return len >= 18 && in[0] == '0' && in[1] == '1' && len != 20 && memchr(in, 0x1D, len) != NULL;
}

/* Date YYMMDD; GS1 allows day 00 (end of month) in 11 and 17. */
static int gs1_date(trace_code_result *res, const cn_norm *nm, trace_code_field *f, size_t at)
{
    char tmp[6], iso[11];
    memcpy(tmp, nm->s + at, 6);
    if (tmp[4] == '0' && tmp[5] == '0')
        tmp[5] = '1';
    if (!trace__cn_date(tmp, 6, iso)) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_DATE, at, 6);
        trace__diag_arg(d, "segment", f ? f->name : "date");
        trace__diag_argn(d, "value", nm->s + at, 6);
        return 0;
    }
    if (nm->s[at + 5] == '0' && nm->s[at + 4] == '0')
        iso[9] = '0';
    if (f)
        f->typed = trace__code_text(res, iso, 10);
    return 1;
}

/* Value of one element at [at, end): check characters, dates and the GTIN check. */
static void element(trace_code_result *res, const cn_norm *nm, const cn_ai *a, size_t at,
                    size_t end)
{
    size_t n = end - at, i;
    trace_code_field *f;
    trace_diag *d;
    if ((a->fixed && n != a->fixed) || n == 0 || n > a->max) {
        d = trace__cn_diag(res, nm, TRACE__D_BAD_LENGTH, at, n);
        trace__diag_argf(d, "length", "%zu", n);
        trace__diag_argf(d, "expected", a->fixed ? "%u" : "1-%u", a->fixed ? a->fixed : a->max);
        trace__diag_arg(d, "ai", a->ai);
        return;
    }
    for (i = at; i < end; i++)
        if (a->kind == 'X' ? !cset82((unsigned char)nm->s[i])
                           : (nm->s[i] < '0' || nm->s[i] > '9')) {
            d = trace__cn_diag(res, nm, TRACE__D_BAD_CHAR, i, 1);
            trace__diag_argf(d, "char", "'%c'", nm->s[i]);
            trace__diag_argf(d, "pos", "%u", nm->off[i] + 1);
            trace__diag_argf(d, "segment", "(%s)", a->ai);
            trace__diag_arg(d, "ai", a->ai);
            return;
        }
    f = trace__cn_field(res, nm, a->ai, a->title_en, a->title_zh, at, n,
                        a->kind == 'D' ? TRACE_CODE_DATE : a->kind == 'N' ? TRACE_CODE_NUMERIC
                                                                          : TRACE_CODE_TEXT);
    if (a->kind == 'D')
        gs1_date(res, nm, f, at);
    if (a->fixed == 14 && trace_check_verify(TRACE_CHECK_GS1_MOD10, nm->s + at, 14) != 1) {
        char exp[4];
        trace_check_compute(TRACE_CHECK_GS1_MOD10, nm->s + at, 13, exp, sizeof(exp));
        d = trace__cn_diag(res, nm, TRACE__D_BAD_CHECK, at + 13, 1);
        trace__diag_argn(d, "got", nm->s + at + 13, 1);
        trace__diag_arg(d, "expected", exp);
        trace__diag_arg(d, "ai", "01");
    }
}

/* Next AI at *at; reports unknown AIs. Returns the AI or NULL. */
static const cn_ai *next_ai(trace_code_result *res, const cn_norm *nm, size_t *at, int bracketed)
{
    const cn_ai *a;
    size_t p = *at + (bracketed ? 1 : 0);
    if (bracketed && (nm->s[*at] != '(' || p + 3 > nm->n || nm->s[p + 2] != ')')) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_FORM, *at, nm->n - *at);
        trace__diag_arg(d, "what", "element string");
        trace__diag_arg(d, "form", "(AI)value(AI)value...");
        return NULL;
    }
    a = find_ai(nm->s + p, nm->n - p);
    if (!a) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_GS1_AI, p, nm->n - p >= 2 ? 2 : 1);
        trace__diag_argn(d, "ai", nm->s + p, nm->n - p >= 2 ? 2 : 1);
        trace__diag_arg(d, "reason", "only (01) (11) (17) (10) (21) are read here");
        return NULL;
    }
    *at = p + 2 + (bracketed ? 1 : 0);
    return a;
}

static void gs1_forms(trace_code_result *res)
{
    char el[CN_NORM_MAX * 2], dl[CN_NORM_MAX * 4];
    size_t i, e = 0, k, q = 0;
    const trace_code_field *g = trace_code_result_field(res, "01");
    if (!g)
        return;
    k = (size_t)snprintf(dl, sizeof(dl), "https://id.gs1.org/01/%s", g->value);
    for (i = 0; i < res->nfields && e + 32 < sizeof(el); i++) {
        const trace_code_field *f = &res->fields[i];
        e += (size_t)snprintf(el + e, sizeof(el) - e, "(%s)%s", f->name, f->value);
    }
    /* Digital Link: key qualifiers 10 then 21 in the path, dates in the query. */
    for (i = 0; i < 2; i++) {
        const trace_code_field *f = trace_code_result_field(res, i ? "21" : "10");
        const char *v;
        if (!f)
            continue;
        k += (size_t)snprintf(dl + k, sizeof(dl) - k, "/%s/", f->name);
        for (v = f->value; *v && k + 4 < sizeof(dl); v++) {
            unsigned char c = (unsigned char)*v;
            if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                strchr("-._~", c))
                dl[k++] = (char)c;
            else
                k += (size_t)snprintf(dl + k, sizeof(dl) - k, "%%%02X", c);
        }
    }
    for (i = 0; i < 2; i++) {
        const trace_code_field *f = trace_code_result_field(res, i ? "17" : "11");
        if (f)
            k += (size_t)snprintf(dl + k, sizeof(dl) - k, "%c%s=%s", q++ ? '&' : '?', f->name,
                                  f->value);
    }
    res->canonical = trace__code_text(res, el, e);
    res->uri = trace__code_text(res, dl, k < sizeof(dl) ? k : sizeof(dl) - 1);
}

int trace__cn_gs1_parse(trace_code_result *res, const char *in, size_t len, int need_serial)
{
    cn_norm nm;
    size_t at = 0, errs = res->ndiags;
    int bracketed;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.overflow)
        return trace__cn_bad_length(res, &nm, "at most 160");
    if (nm.n >= 3 && nm.s[0] == ']') /* symbology identifier, e.g. ]d2 ]Q3 ]C1 */
        at = 3;
    bracketed = at < nm.n && nm.s[at] == '(';
    while (at < nm.n) {
        const cn_ai *a = next_ai(res, &nm, &at, bracketed);
        size_t end = at;
        if (!a)
            return 0;
        /* Bracketed values run to the next AI, so a wrong length is reported as
         * such; unbracketed fixed-length values end by their length. */
        if (a->fixed && !bracketed)
            end = at + a->fixed <= nm.n ? at + a->fixed : nm.n;
        else
            while (end < nm.n && nm.s[end] != (bracketed ? '(' : '\x1d'))
                end++;
        element(res, &nm, a, at, end);
        at = end;
        if (!bracketed && at < nm.n && nm.s[at] == '\x1d')
            at++;
    }
    if (res->ndiags != errs) {
        /* an element was wrong: a missing key would only repeat it */
    } else if (!trace_code_result_field(res, "01")) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, 0, nm.n);
        trace__diag_arg(d, "segment", "GTIN (01)");
    } else if (need_serial && !trace_code_result_field(res, "21")) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, 0, nm.n);
        trace__diag_arg(d, "segment", "serial number (21)");
    }
    if (res->ndiags == errs)
        gs1_forms(res);
    return res->ndiags == errs;
}
