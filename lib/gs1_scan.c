/*
 * gs1_scan.c - scanner input (UTDS Part 1, GS1: R-1.G.3): scan data with an
 * AIM symbology identifier (ISO/IEC 15424) and ISO/IEC 15434 envelopes, and
 * the dispatcher that recognises every GS1 input form.
 *
 * EAN-13/UPC-A (]E0), EAN-8 (]E4), EAN with add-on (]E3) and ITF-14 (]I1)
 * carry a bare GTIN: it is normalised to AI (01) with a 14-digit value.
 */
#include <string.h>

#include "gs1_int.h"

#define GS  '\x1d'
#define RS  '\x1e'
#define EOT '\x04'

typedef struct symid {
    const char id[3];
    int kind; /* 0 GS1 AI data, 1 plain (DL or FNC1-led), 2 bare GTIN */
} symid;

static const symid SYMIDS[] = {{"C1", 0}, {"e0", 0}, {"d2", 0}, {"Q3", 0},
                               {"J1", 0}, {"d1", 1}, {"Q1", 1}, {"J0", 1},
                               {"E0", 2}, {"E3", 2}, {"E4", 2}, {"I1", 2}};

static void linear_err(trace_code_result *res, const char *sym, size_t off, size_t len,
                       const char *what)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_GS1_BAD_LINEAR, off, len);
    trace__diag_arg(d, "sym", sym);
    trace__diag_arg(d, "what", what);
}

/* Bare GTIN from a linear symbol: digits only, lengths per symbology. */
static int bare_gtin(const char *in, size_t len, const char *id, gs1__msg *m,
                     trace_code_result *res)
{
    size_t n = len - 3, i, glen;
    const char *d = in + 3;
    char sym[4] = {']', id[0], id[1], '\0'};
    gs1__elem *e;
    static const char zeros[] = "000000";
    for (i = 0; i < n; i++)
        if (d[i] < '0' || d[i] > '9') {
            linear_err(res, sym, 3 + i, 1, "not a digit");
            return -1;
        }
    if (!strcmp(sym, "]E0"))
        glen = n == 13 ? 13 : 0;
    else if (!strcmp(sym, "]E4"))
        glen = n == 8 ? 8 : 0;
    else if (!strcmp(sym, "]I1"))
        glen = n == 14 ? 14 : 0;
    else
        glen = (n == 15 || n == 18) ? 13 : 0; /* ]E3: EAN-13 + 2- or 5-digit add-on */
    if (!glen) {
        linear_err(res, sym, 3, n, "wrong number of digits");
        return -1;
    }
    e = gs1__msg_add(m, res, "01", 2, 0);
    if (!e)
        return -1;
    e->off = 3;
    e->len = (uint32_t)glen;
    if (glen == 14) {
        e->val = d;
    } else {
        char *v = m->buf + m->used;
        memcpy(v, zeros, 14 - glen);
        memcpy(v + 14 - glen, d, glen);
        m->used += 14;
        e->val = v;
    }
    e->vlen = 14;
    m->addon_off = glen < n ? (uint32_t)(3 + glen) : 0;
    m->addon_len = (uint32_t)(n - glen);
    m->addon_val = d + glen;
    return 0;
}

int gs1__parse_scan(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                    gs1__msg *m, trace_code_result *res)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < TRACE__ARRAY_LEN(SYMIDS); i++) {
        const symid *s = &SYMIDS[i];
        if (len < 3 || in[1] != s->id[0] || in[2] != s->id[1])
            continue;
        m->sym = (int)i + 1;
        if (s->kind == 0)
            return gs1__parse_unbracketed(in + 3, len - 3, 3, flags, m, res);
        if (s->kind == 2)
            return bare_gtin(in, len, s->id, m, res);
        if (gs1__is_dl(in + 3, len - 3)) {
            size_t k, d0 = res->ndiags;
            int rc = gs1__parse_dl(in + 3, len - 3, flags, m, res);
            for (k = 0; k < m->n; k++) /* DL offsets are relative to the URI */
                m->e[k].off += 3, m->e[k].ai_off += 3;
            for (k = d0; k < res->ndiags; k++)
                res->diags[k].loc.offset += 3;
            m->stem_off += 3;
            return rc;
        }
        if (len > 3 && (in[3] == '^' || in[3] == GS))
            return gs1__parse_unbracketed(in + 4, len - 4, 4, flags, m, res);
        trace__code_diag(res, TRACE__D_GS1_NOT_GS1, 3, len - 3);
        return -1;
    }
    {
        trace_diag *d =
            trace__code_diag(res, TRACE__D_GS1_BAD_SYMBOLOGY, 0, len < 3 ? len : 3);
        trace__diag_argn(d, "sym", in, len < 3 ? len : 3);
    }
    return -1;
}

static void envelope_err(trace_code_result *res, size_t off, size_t len, const char *what)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_GS1_BAD_ENVELOPE, off, len);
    trace__diag_arg(d, "what", what);
}

/* ISO/IEC 15434: "[)>" RS then format envelopes "ff" GS data RS, ending EOT.
 * Format 05 carries GS1 AI data (GS-separated); other formats are refused. */
static int parse_15434(const char *in, size_t len, unsigned flags, gs1__msg *m,
                       trace_code_result *res)
{
    size_t p = 4;
    int got = 0;
    if (len < 4 || in[3] != RS) {
        envelope_err(res, 0, len < 4 ? len : 4, "header must be [)> RS");
        return -1;
    }
    while (p < len && in[p] != EOT) {
        size_t end = p;
        while (end < len && in[end] != RS && in[end] != EOT)
            end++;
        if (end - p < 3 || in[p + 2] != GS) {
            envelope_err(res, p, end - p, "format envelope must be 2 digits then GS");
            return got ? 0 : -1;
        }
        if (in[p] != '0' || in[p + 1] != '5') {
            envelope_err(res, p, 2,
                         "only format 05 (GS1 application identifiers) is GS1 data");
        } else if (gs1__parse_unbracketed(in + p + 3, end - p - 3, p + 3, flags, m,
                                          res) == 0) {
            got = 1;
        }
        if (end >= len || in[end] != RS) {
            envelope_err(res, end, 0, "format envelope must end with RS");
            return got ? 0 : -1;
        }
        p = end + 1;
    }
    if (p >= len || in[p] != EOT || p + 1 != len)
        envelope_err(res, p < len ? p : len, p < len ? len - p : 0,
                     "message must end with EOT");
    return got ? 0 : -1;
}

int gs1__parse_any(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   gs1__msg *m, trace_code_result *res)
{
    m->n = 0;
    m->used = 0;
    m->from_dl = 0;
    m->n_path = 0;
    m->sym = 0;
    m->addon_off = m->addon_len = 0;
    /* '|' is not in CSET 82: it can only separate the components of a composite */
    if ((in[0] == '(' || in[0] == '^' || in[0] == GS || in[0] == ']') &&
        memchr(in, '|', len))
        return gs1__parse_composite(ctx, in, len, flags, m, res);
    if (in[0] == '(')
        return gs1__parse_bracketed(in, len, 0, flags, m, res);
    if (in[0] == '^' || in[0] == GS)
        return gs1__parse_unbracketed(in + 1, len - 1, 1, flags, m, res);
    if (in[0] == ']')
        return gs1__parse_scan(ctx, in, len, flags, m, res);
    if (len >= 3 && !memcmp(in, "[)>", 3))
        return parse_15434(in, len, flags, m, res);
    if (gs1__is_dl(in, len))
        return gs1__parse_dl(in, len, flags, m, res);
    {
        trace_diag *d = trace__code_diag(res, TRACE__D_GS1_SYNTAX, 0, 1);
        trace__diag_arg(
            d, "reason",
            "not an element string: expected '(', '^', GS, ']', '[)>' or http(s)://");
    }
    return -1;
}
