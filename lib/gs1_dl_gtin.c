/*
 * gs1_dl_gtin.c - zero-suppressed GTINs in Digital Link URIs (UTDS Part 1,
 * GS1: R-1.G.5). The GS1 Digital Link URI syntax lets the GTIN of AI (01) be
 * written with 8, 12 or 13 digits (GTIN-8, GTIN-12, GTIN-13) as well as 14;
 * it is the same GTIN as the 14-digit form with leading zeros, which is what
 * the element string holds and what generation writes. The GS1 Barcode Syntax
 * Engine pads such values when its "permit zero-suppressed GTIN in DL URIs"
 * option is on, in the path and in the query alike; libtrace always accepts
 * them and says so with a warning, keeping the offsets of the digits as
 * written in the URI.
 */
#include <stdio.h>
#include <string.h>

#include "gs1_int.h"

static int all_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

void gs1__dl_pad_gtin(gs1__msg *m, trace_code_result *res)
{
    static const char zeros[] = "000000";
    size_t i;
    for (i = 0; i < m->n; i++) {
        gs1__elem *e = &m->e[i];
        size_t n = e->vlen;
        char *v;
        trace_diag *d;
        if ((n != 8 && n != 12 && n != 13) || e->ailen != 2 || e->ai[0] != '0' ||
            e->ai[1] != '1' || !all_digits(e->val, n) ||
            sizeof(m->buf) - m->used < 14)
            continue;
        v = m->buf + m->used;
        memcpy(v, zeros, 14 - n);
        memcpy(v + 14 - n, e->val, n);
        m->used += 14;
        d = gs1__diag(res, TRACE__D_DL_GTIN_PADDED, e->off, e->len, e->ai);
        trace__diag_argn(d, "value", e->val, n);
        trace__diag_argf(d, "digits", "%zu", n);
        trace__diag_argn(d, "gtin", v, 14);
        e->val = v;
        e->vlen = 14;
    }
}
