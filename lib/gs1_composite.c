/*
 * gs1_composite.c - data of a GS1 composite symbol (UTDS Part 1, GS1:
 * R-1.G.3): a linear component and a 2D composite (CC) component written as
 * one string with '|' between them, as the GS1 Barcode Syntax Engine reads it:
 *   bracketed     (01)09521234543213|(10)ABC123
 *   unbracketed   ^0109521234543213|^10ABC123   (or GS for '^')
 *   EAN/UPC scan  ]E09521234543213|]e010ABC123  (linear ]E0 or ]E4, CC as ]e0)
 * Both parts are parsed into one message, so every element and association
 * rule is checked over the union; the CC elements are marked (cc = 1) and the
 * writers put the '|' back. '|' is outside GS1 character set 82, so it can
 * only be this separator: anywhere else it is reported as such.
 */
#include <string.h>

#include "gs1_int.h"

#define GS '\x1d'

static void comp_err(trace_code_result *res, size_t off, size_t len, const char *what)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_GS1_COMPOSITE, off, len);
    trace__diag_arg(d, "what", what);
}

/* Move the elements from first on and the diagnostics from d0 on by delta
 * (a part parsed from in + delta reports offsets relative to its own start),
 * and mark the elements as the CC component. */
static void shift_cc(gs1__msg *m, size_t first, trace_code_result *res, size_t d0,
                     size_t delta)
{
    size_t i;
    for (i = first; i < m->n; i++) {
        m->e[i].off += (uint32_t)delta;
        m->e[i].ai_off += (uint32_t)delta;
        m->e[i].cc = 1;
    }
    for (i = d0; i < res->ndiags; i++)
        res->diags[i].loc.offset += (int64_t)delta;
}

static void mark_cc(gs1__msg *m, size_t first)
{
    for (; first < m->n; first++)
        m->e[first].cc = 1;
}

/* The linear part in[0..s): where its data starts, or 0 when the form cannot
 * carry a composite. */
static size_t linear_start(const char *in, size_t s)
{
    if (in[0] == '(')
        return 0;
    if (in[0] == '^' || in[0] == GS)
        return 1;
    if (s >= 3 && in[1] == 'E' && (in[2] == '0' || in[2] == '4'))
        return 3;
    return (size_t)-1;
}

/* What must follow '|' in this form, and its length. */
static const char *cc_lead(const char *in, size_t *n)
{
    if (in[0] == '(')
        return *n = 1, "(";
    if (in[0] == ']')
        return *n = 3, "]e0";
    return *n = 1, NULL; /* '^' or GS */
}

static int lead_ok(const char *in, size_t len, size_t s)
{
    size_t n;
    const char *want = cc_lead(in, &n);
    if (s + 1 + n > len)
        return 0;
    if (!want)
        return in[s + 1] == '^' || in[s + 1] == GS;
    return !memcmp(in + s + 1, want, n);
}

static int parse_linear(const trace_ctx *ctx, const char *in, size_t s, unsigned flags,
                        gs1__msg *m, trace_code_result *res)
{
    if (in[0] == '(')
        return gs1__parse_bracketed(in, s, 0, flags, m, res);
    if (in[0] == ']')
        return gs1__parse_scan(ctx, in, s, flags, m, res);
    return gs1__parse_unbracketed(in + 1, s - 1, 1, flags, m, res);
}

static void parse_cc(const char *in, size_t len, size_t s, unsigned flags, gs1__msg *m,
                     trace_code_result *res)
{
    size_t first = m->n, d0 = res->ndiags;
    if (in[0] == '(') {
        gs1__parse_bracketed(in + s + 1, len - s - 1, s + 1, flags, m, res);
        shift_cc(m, first, res, d0, s + 1);
        return;
    }
    if (in[0] == ']') /* "]e0" then GS1 data with GS separators */
        gs1__parse_unbracketed(in + s + 4, len - s - 4, s + 4, flags, m, res);
    else
        gs1__parse_unbracketed(in + s + 2, len - s - 2, s + 2, flags, m, res);
    mark_cc(m, first);
}

/* Diagnostic texts stay under TRACE_DIAG_ARG_SIZE (96 bytes). */
static const char *lead_text(const char *in)
{
    if (in[0] == '(')
        return "must be followed by '(' and an AI; it is not a value character";
    if (in[0] == ']')
        return "must be followed by ]e0 and the 2D component data";
    return "must be followed by FNC1 ('^' or GS) and an AI; it is not a value character";
}

int gs1__parse_composite(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                         gs1__msg *m, trace_code_result *res)
{
    const char *bar = memchr(in, '|', len), *again;
    size_t s, start;
    int rc;
    if (!bar)
        return -1; /* the caller saw a '|' */
    s = (size_t)(bar - in);
    start = linear_start(in, s);
    if (start == (size_t)-1) {
        comp_err(res, s, 1,
                 "in scan data a 2D component only follows an EAN/UPC linear "
                 "component (]E0, ]E4)");
        return -1;
    }
    if (s == start) {
        comp_err(res, s, 1, "no linear component before it");
        return -1;
    }
    rc = parse_linear(ctx, in, s, flags, m, res);
    if (s + 1 == len) {
        comp_err(res, s, 1, "no 2D component after it");
        return rc;
    }
    if (!lead_ok(in, len, s)) {
        comp_err(res, s, 1, lead_text(in));
        return rc;
    }
    again = memchr(in + s + 1, '|', len - s - 1);
    if (again) {
        comp_err(res, (size_t)(again - in), 1,
                 "only one separates the linear and the 2D component");
        return rc;
    }
    {
        size_t first = m->n, d0 = res->ndiags;
        parse_cc(in, len, s, flags, m, res);
        if (m->n == first && res->ndiags == d0)
            comp_err(res, s, 1, "no 2D component after it");
    }
    return m->n ? 0 : -1;
}
