/*
 * cbv.c - is a bare value a term of a CBV list? The terms are data
 * (spec/cbv/terms.tsv), compiled into a table sorted by (list, term).
 */
#include <string.h>

#include "validate_int.h"

typedef struct cbv_term {
    trace_cbv_list list;
    const char *term;
} cbv_term;

static const cbv_term terms[] = {
#include "cbv_terms.inc"
};

static int cmp(trace_cbv_list list, trace_str t, const cbv_term *e)
{
    size_t n;
    int r;
    if (list != e->list)
        return (int)list - (int)e->list;
    n = strlen(e->term);
    r = memcmp(t.s, e->term, t.len < n ? t.len : n);
    return r ? r : (t.len > n) - (t.len < n);
}

int trace__cbv_is_term(trace_cbv_list list, trace_str term)
{
    size_t lo = 0, hi = TRACE__ARRAY_LEN(terms);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = cmp(list, term, &terms[mid]);
        if (r == 0)
            return 1;
        if (r < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}
