/*
 * cbv.c - is a bare value a term of a CBV list? The terms are data in the
 * element dictionary (spec/dict/bizsteps.tsv and the cbv-* code lists of
 * spec/dict/codes.tsv), so the validator and `tracectl dict` agree.
 */
#include <string.h>

#include "validate_int.h"
#include "libtrace/dict.h"

int trace__cbv_is_term(trace_cbv_list list, trace_str term)
{
    static const char *const lists[] = {NULL, "cbv-disposition", "cbv-btt", "cbv-sdt",
                                        "cbv-error-reason"};
    const trace_codelist *cl;
    char code[64];
    if (list == TRACE_CBV_BIZSTEP) {
        const trace_bizstep *b = trace_dict_bizstep(NULL, term.s, term.len);
        return b && !strcmp(b->origin, "cbv") && trace_str_eq(term, b->name);
    }
    if ((unsigned)list >= TRACE__ARRAY_LEN(lists) || term.len >= sizeof(code) ||
        !(cl = trace_dict_codelist(NULL, lists[list])))
        return 0;
    memcpy(code, term.s, term.len);
    code[term.len] = '\0';
    return trace_codelist_value(cl, code) != NULL;
}
