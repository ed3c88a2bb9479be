/*
 * gs1_parse.c - reading GS1 element strings (UTDS Part 1, GS1: R-1.G.3):
 * bracketed "(01)...(10)..." with "\(" for a literal bracket, and unbracketed
 * data with FNC1 written as '^' or the GS byte. Scan data, ISO/IEC 15434 and
 * Digital Link live in gs1_scan.c and gs1_dl.c. Every problem is reported as a
 * diagnostic and parsing goes on where it safely can, so one call reports all
 * problems.
 */
#include <string.h>

#include "gs1_int.h"

#define GS '\x1d'

trace_diag *gs1__diag(trace_code_result *res, int code, size_t off, size_t len,
                      const char *ai)
{
    trace_diag *d = trace__code_diag(res, code, off, len);
    if (ai)
        trace__diag_arg(d, "ai", ai);
    return d;
}

const char *gs1__msg_store(gs1__msg *m, const char *s, size_t n)
{
    char *p;
    if (n > sizeof(m->buf) - m->used)
        return NULL;
    p = m->buf + m->used;
    memcpy(p, s, n);
    m->used += n;
    return p;
}

gs1__elem *gs1__msg_add(gs1__msg *m, trace_code_result *res, const char *ai, size_t ailen,
                        size_t ai_off)
{
    gs1__elem *e;
    if (m->n == GS1_MAX_ELEMS) {
        trace_diag *d = trace__code_diag(res, TRACE__D_GS1_TOO_MANY, ai_off, ailen);
        trace__diag_argf(d, "max", "%d", GS1_MAX_ELEMS);
        return NULL;
    }
    e = &m->e[m->n++];
    /* At most 4 bytes: plain stores beat a memcpy call on every element. */
    e->ai[0] = ailen > 0 ? ai[0] : '\0';
    e->ai[1] = ailen > 1 ? ai[1] : '\0';
    e->ai[2] = ailen > 2 ? ai[2] : '\0';
    e->ai[3] = ailen > 3 ? ai[3] : '\0';
    e->ai[4] = '\0';
    e->ailen = (uint8_t)ailen;
    e->idx = (int16_t)gs1__ai_find(ai, ailen);
    e->ai_off = (uint32_t)ai_off;
    e->off = e->len = e->vlen = 0;
    e->val = NULL;
    e->carrier = 0;
    e->in_path = 0;
    e->cc = 0;
    return e;
}

/* Report an AI that is not in the table; returns 0 when it must be dropped. */
static int check_known(gs1__elem *e, unsigned flags, trace_code_result *res)
{
    if (e->idx >= 0)
        return 1;
    if (flags & TRACE_CODE_PERMIT_UNKNOWN_AI) {
        gs1__diag(res, TRACE__D_GS1_UNKNOWN_AI_USED, e->ai_off, e->ailen, e->ai);
        return 1;
    }
    gs1__diag(res, TRACE__D_GS1_UNKNOWN_AI, e->ai_off, e->ailen, e->ai);
    return 1;
}

static void syntax(trace_code_result *res, size_t off, size_t len, const char *reason)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_GS1_SYNTAX, off, len);
    trace__diag_arg(d, "reason", reason);
}

/* Value of a bracketed element: up to the next unescaped '('. Escapes are
 * decoded into the message buffer only when present. */
static size_t bracket_value(const char *in, size_t len, size_t p, gs1__msg *m,
                            gs1__elem *e)
{
    size_t q = p, esc = 0;
    const char *b;
    /* The value ends at the first '(' not preceded by a backslash. */
    while ((b = memchr(in + q, '(', len - q)) != NULL) {
        size_t k = (size_t)(b - in);
        if (k > p && in[k - 1] == '\\') {
            esc++;
            q = k + 1;
            continue;
        }
        q = k;
        break;
    }
    if (!b)
        q = len;
    e->off = (uint32_t)p;
    e->len = (uint32_t)(q - p);
    if (!esc || m->used + (q - p) > sizeof(m->buf)) {
        e->val = in + p; /* no room to decode (label of many scans): keep as written */
        e->vlen = e->len;
    } else {
        char *dst = m->buf + m->used;
        size_t k = 0, i;
        for (i = p; i < q; i++) {
            if (in[i] == '\\' && i + 1 < q && in[i + 1] == '(')
                i++;
            dst[k++] = in[i];
        }
        m->used += k;
        e->val = dst;
        e->vlen = (uint32_t)k;
    }
    return q;
}

int gs1__parse_bracketed(const char *in, size_t len, size_t base, unsigned flags,
                         gs1__msg *m, trace_code_result *res)
{
    size_t p = 0;
    (void)base;
    if (len == 0 || in[0] != '(') {
        syntax(res, 0, 1, "expected '(' at the start");
        return -1;
    }
    while (p < len) {
        size_t a = p + 1, q = a, lim = len - a < 5 ? len : a + 5;
        gs1__elem *e;
        while (q < lim && (unsigned char)(in[q] - '0') < 10)
            q++;
        if (q >= len || in[q] != ')' || q - a < 2 || q - a > 4) {
            size_t skip = p + 1;
            syntax(res, p, (q < len ? q + 1 : len) - p,
                   "AI must be 2 to 4 digits in brackets");
            while (skip < len && in[skip] != '(')
                skip++;
            p = skip;
            continue;
        }
        e = gs1__msg_add(m, res, in + a, q - a, a);
        if (!e)
            return 0;
        check_known(e, flags, res);
        p = bracket_value(in, len, q + 1, m, e);
    }
    return m->n ? 0 : -1;
}

static int is_fnc1(char c)
{
    return c == '^' || c == GS;
}

/* Unbracketed data: in[0..len) starts right after the first FNC1. Offsets in
 * diagnostics are base + position. */
int gs1__parse_unbracketed(const char *in, size_t len, size_t base, unsigned flags,
                           gs1__msg *m, trace_code_result *res)
{
    size_t p = 0;
    while (p < len) {
        int al;
        size_t q;
        gs1__elem *e;
        const gs1__ai *ai;
        if (is_fnc1(in[p])) {
            p++; /* tolerated after a predefined-length AI */
            continue;
        }
        al = p + 2 <= len ? gs1__prefix_len(in + p) : 0;
        if (al == 0 || p + (size_t)al > len) {
            trace_diag *d = trace__code_diag(res, TRACE__D_GS1_NO_AI_PREFIX, base + p,
                                             len - p < 4 ? len - p : 4);
            trace__diag_argn(d, "text", in + p, len - p < 8 ? len - p : 8);
            return m->n ? 0 : -1;
        }
        for (q = p; q < p + (size_t)al; q++)
            if (in[q] < '0' || in[q] > '9')
                break;
        if (q < p + (size_t)al) {
            trace_diag *d =
                trace__code_diag(res, TRACE__D_GS1_NO_AI_PREFIX, base + p, (size_t)al);
            trace__diag_argn(d, "text", in + p, (size_t)al);
            return m->n ? 0 : -1;
        }
        e = gs1__msg_add(m, res, in + p, (size_t)al, base + p);
        if (!e)
            return 0;
        check_known(e, flags, res);
        q = p + (size_t)al;
        ai = gs1__ai_at(e->idx);
        if (ai && (ai->flags & GS1_F_FIXED)) {
            size_t end = q;
            while (end < len && end - q < ai->maxlen && !is_fnc1(in[end]))
                end++;
            e->off = (uint32_t)(base + q);
            e->len = (uint32_t)(end - q);
            p = end;
        } else {
            size_t end = q;
            while (end < len && !is_fnc1(in[end]))
                end++;
            e->off = (uint32_t)(base + q);
            e->len = (uint32_t)(end - q);
            p = end;
        }
        e->val = in + (e->off - base);
        e->vlen = e->len;
    }
    return m->n ? 0 : -1;
}
