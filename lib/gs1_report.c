/*
 * gs1_report.c - turning a parsed GS1 message into the generic code result
 * (UTDS Part 1, GS1: R-1.G.8): one field per element with its titles, value,
 * span and typed value (ISO 8601 dates with the GS1 century rule, exact
 * decimals with their unit or currency), child fields for the components of
 * multi-component AIs, the canonical bracketed element string and the
 * Digital Link URI on https://id.gs1.org when one can be generated.
 */
#include <stdio.h>
#include <string.h>

#include "gs1_int.h"

static const char *const COMP_NAMES[GS1_MAX_COMP] = {"1", "2", "3", "4", "5"};

static int date_lint(int l)
{
    return l == GS1L_YYMMDD || l == GS1L_YYMMD0 || l == GS1L_YYYYMMDD ||
           l == GS1L_YYYYMMD0;
}

/* ISO 8601 date from YYMMDD or YYYYMMDD digits; day 00 kept as "-00". */
static size_t iso_date(const char *s, size_t n, int year_now, char *out)
{
    int y;
    if (n == 6) {
        y = gs1__century((s[0] - '0') * 10 + (s[1] - '0'), year_now);
        s += 2;
    } else {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
        s += 4;
    }
    y %= 10000;
    {
        int hi = y / 100, lo = y % 100; /* two small divisions instead of four */
        out[0] = (char)('0' + hi / 10), out[1] = (char)('0' + hi % 10);
        out[2] = (char)('0' + lo / 10), out[3] = (char)('0' + lo % 10);
    }
    out[4] = '-', out[5] = s[0], out[6] = s[1], out[7] = '-', out[8] = s[2],
    out[9] = s[3];
    out[10] = '\0';
    return 10;
}

/* Typed rendering of a date/time AI: components are date, then hhmi, or hh [mi] [ss]. */
static int typed_datetime(const gs1__elem *e, const gs1__ai *ai, int year_now, char *out,
                          trace_code_kind *kind)
{
    const gs1__comp *c0 = &ai->comp[0];
    size_t dl = c0->max, n;
    if (!date_lint(c0->lint[0]) || e->vlen < dl)
        return 0;
    n = iso_date(e->val, dl, year_now, out);
    *kind = TRACE_CODE_DATE;
    if (ai->ncomp >= 2 && ai->comp[1].lint[0] == GS1L_HHMI && e->vlen >= dl + 4) {
        snprintf(out + n, 8, "T%.2s:%.2s", e->val + dl, e->val + dl + 2);
        *kind = TRACE_CODE_DATETIME;
    } else if (ai->ncomp >= 2 && ai->comp[1].lint[0] == GS1L_HH) {
        /* hh [mm] [ss]: only the parts present, as ISO 8601 reduced precision. */
        size_t rest = e->vlen - dl, k;
        out[n++] = 'T';
        for (k = 0; k < 3 && 2 * k + 2 <= rest; k++) {
            if (k)
                out[n++] = ':';
            out[n++] = e->val[dl + 2 * k];
            out[n++] = e->val[dl + 2 * k + 1];
        }
        out[n] = '\0';
        *kind = TRACE_CODE_DATETIME;
    } else if (ai->ncomp >= 2 && date_lint(ai->comp[1].lint[0]) && e->vlen >= 2 * dl) {
        out[n++] = '/'; /* a date range (harvest date) */
        iso_date(e->val + dl, dl, year_now, out + n);
    }
    return 1;
}

/* Exact decimal: digits d[0..n) with the last `places` digits after the point. */
static void decimal(const char *d, size_t n, int places, char *out)
{
    size_t ip = n > (size_t)places ? n - (size_t)places : 0, i = 0, k = 0;
    while (i + 1 < ip && d[i] == '0')
        i++;
    if (ip == 0)
        out[k++] = '0';
    for (; i < ip; i++)
        out[k++] = d[i];
    if (places > 0) {
        out[k++] = '.';
        for (i = 0; i < (size_t)places; i++)
            out[k++] = (n + i >= (size_t)places) ? d[n + i - (size_t)places] : '0';
    }
    out[k] = '\0';
}

static void typed_decimal(const gs1__elem *e, const gs1__ai *ai, trace_code_result *res,
                          trace_code_field *f)
{
    char out[48];
    size_t skip = ai->ncomp == 2 ? ai->comp[0].max : 0;
    int places = e->ai[3] - '0';
    const gs1__unit *u = gs1__unit_at(ai->unit);
    if (e->vlen <= skip || e->vlen - skip > 30)
        return;
    decimal(e->val + skip, e->vlen - skip, places, out);
    f->typed = trace__code_text(res, out, strlen(out));
    f->kind = TRACE_CODE_DECIMAL;
    if (u)
        f->unit = u->code;
    else if (skip == 3 && ai->comp[0].lint[0] == GS1L_ISO4217)
        f->unit = trace__code_text(res, e->val, 3); /* ISO 4217 numeric currency */
    else if (!strncmp(e->ai, "394", 3))
        f->unit = "P1"; /* percent, UN/ECE Rec 20 */
}

static trace_code_kind plain_kind(const gs1__ai *ai)
{
    return (ai->flags & GS1_F_NUMERIC) ? TRACE_CODE_NUMERIC : TRACE_CODE_TEXT;
}

/* n bytes from s to d: words, the tail as one overlapping word (no libc call
 * for the short values that GS1 fields hold). */
static inline void copy_small(char *d, const char *s, size_t n)
{
    size_t i;
    if (n >= 8) {
        uint64_t x;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, s + i, 8);
            memcpy(d + i, &x, 8);
        }
        memcpy(&x, s + n - 8, 8);
        memcpy(d + n - 8, &x, 8);
    } else if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
    } else {
        for (i = 0; i < n; i++)
            d[i] = s[i];
    }
}

/* trace__code_text with the common case (room to spare) done in place; the
 * generic call reports a full result. */
static inline const char *text_copy(trace_code_result *res, const char *s, size_t n)
{
    char *p;
    if (n + 8 >= sizeof(res->text) - res->text_used)
        return trace__code_text(res, s, n);
    p = res->text + res->text_used;
    copy_small(p, s, n);
    p[n] = '\0';
    res->text_used += n + 1;
    return p;
}

/* trace__code_field for an element value (offset 0, kind text), written in
 * place when there is room; the generic call reports a full result. */
static trace_code_field *value_field(trace_code_result *res, const gs1__elem *e,
                                     const char *name, const char *ten, const char *tzh)
{
    trace_code_field *f;
    const char *v;
    if (res->nfields == TRACE_CODE_MAX_FIELDS ||
        e->vlen + 8 >= sizeof(res->text) - res->text_used)
        return trace__code_field(res, e->val, name, ten, tzh, 0, e->vlen,
                                 TRACE_CODE_TEXT);
    v = text_copy(res, e->val, e->vlen);
    f = &res->fields[res->nfields++];
    f->name = name;
    f->title_en = ten;
    f->title_zh = tzh;
    f->value = v;
    f->typed = NULL;
    f->unit = NULL;
    f->offset = 0;
    f->length = e->vlen;
    f->kind = TRACE_CODE_TEXT;
    f->parent = -1;
    f->flags = 0;
    return f;
}

static void children(const gs1__elem *e, const gs1__ai *ai, int parent, int year_now,
                     trace_code_result *res)
{
    size_t pos = 0, k;
    for (k = 0; k < ai->ncomp && pos < e->vlen; k++) {
        const gs1__comp *c = &ai->comp[k];
        size_t take = e->vlen - pos < c->max ? e->vlen - pos : c->max;
        trace_code_field *f = trace__code_field(
            res, e->val, COMP_NAMES[k], "", "", pos, take,
            c->cset == GS1_CSET_N ? TRACE_CODE_NUMERIC : TRACE_CODE_TEXT);
        if (!f)
            return;
        f->parent = parent;
        if (e->vlen == e->len)
            f->offset = e->off + (uint32_t)pos, f->length = (uint32_t)take;
        else
            f->offset = e->off, f->length = e->len;
        if (date_lint(c->lint[0]) && (take == 6 || take == 8)) {
            char d[16];
            iso_date(e->val + pos, take, year_now, d);
            f->typed = trace__code_text(res, d, strlen(d));
            f->kind = TRACE_CODE_DATE;
        }
        pos += take;
    }
}

static void field(const gs1__elem *e, unsigned flags, int *year, trace_code_result *res)
{
    const gs1__ai *ai = gs1__ai_at(e->idx);
    const char *name = ai ? ai->ai : trace__code_text(res, e->ai, e->ailen);
    int notitles = (flags & TRACE_CODE_NO_TITLES) != 0;
    trace_code_field *f;
    int idx = (int)res->nfields;
    char typed[48];
    trace_code_kind kind;
    if (!name)
        return;
    f = value_field(res, e, name, ai && !notitles ? ai->title_en : "",
                    ai && !notitles ? ai->title_zh : "");
    if (!f)
        return;
    f->offset = e->off;
    f->length = e->len;
    if (!ai)
        return;
    f->kind = plain_kind(ai);
    if (date_lint(ai->comp[0].lint[0])) {
        if (*year == 0)
            *year = trace__gs1_year_now();
        if (typed_datetime(e, ai, *year, typed, &kind)) {
            f->typed = text_copy(res, typed, strlen(typed));
            f->kind = kind;
        }
    } else if (ai->flags & GS1_F_DECIMAL) {
        typed_decimal(e, ai, res, f);
    }
    if (ai->ncomp >= 2) {
        if (*year == 0)
            *year = trace__gs1_year_now();
        children(e, ai, idx, *year, res);
    }
}

/* Write a form straight into the result's text storage (no copy). */
static const char *text_form(trace_code_result *res, const gs1__msg *m, int dl)
{
    char *p = res->text + res->text_used;
    size_t room = sizeof(res->text) - res->text_used, n;
    n = dl ? gs1__write_dl(m, NULL, 0, NULL, p, room) : gs1__write_bracketed(m, p, room);
    if (n == GS1__WNONE)
        return NULL; /* no Digital Link for these elements */
    if (n == GS1__WFULL) {
        trace__diag_arg(trace__code_diag(res, TRACE__D_RESULT_FULL, 0, 0), "what",
                        "text");
        return NULL;
    }
    res->text_used += n + 1;
    return p;
}

void gs1__report(const trace_ctx *ctx, gs1__msg *m, unsigned flags,
                 trace_code_result *res)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < m->n; i++) {
        size_t k = res->nfields;
        field(&m->e[i], flags, &m->year, res);
        for (; m->e[i].cc && k < res->nfields; k++) /* the element and its components */
            res->fields[k].flags |= TRACE_CODE_FIELD_CC;
    }
    if (m->addon_len) {
        trace_code_field *f =
            trace__code_field(res, m->addon_val, "addon", "EAN add-on", "附加码", 0,
                              m->addon_len, TRACE_CODE_NUMERIC);
        if (f)
            f->offset = m->addon_off;
    }
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].severity >= TRACE_SEV_ERROR)
            return; /* no canonical form for an invalid message */
    if (!m->n || res->ndropped)
        return;
    if (flags & TRACE_CODE_NO_FORMS)
        return; /* the caller wants no text forms (run_parse clears them anyway) */
    res->canonical = text_form(res, m, 0);
    if (res->canonical)
        res->uri = text_form(res, m, 1);
}
