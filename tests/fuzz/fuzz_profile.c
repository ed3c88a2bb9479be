/*
 * fuzz_profile.c - the local profile parser on arbitrary bytes. Properties:
 * never crash or leak; the result is OK, EDATA or ELIMIT; EDATA always comes
 * with an error diagnostic and adds nothing; every rule that was loaded obeys
 * the grammar the national rules obey and is reachable through the iterator.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dict_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_dict *d;
    trace_diag_list *l;
    const trace_profile *p;
    trace_rule_iter it;
    size_t i, seen = 0;
    int rc;
    if (trace_dict_new(&d, NULL) != TRACE_OK || trace_diag_list_new(&l, 0, NULL) != TRACE_OK)
        abort();
    rc = trace_dict_load_profile(d, (const char *)data, size, "fuzz", l);
    if (rc == TRACE_EDATA && !trace_diag_list_has_errors(l))
        abort();
    if (rc != TRACE_OK && trace_dict_profile_count(d) != trace__dict_national_profile_count())
        abort();
    if (rc == TRACE_OK) {
        const trace_rule *r;
        p = trace_dict_profile_at(d, trace__dict_national_profile_count());
        if (!p || !p->origin || trace_diag_list_has_errors(l))
            abort();
        for (i = 0; i < p->nrules; i++) {
            trace_diag diag;
            if (trace__dict_check_rule(d, trace_profile_rule_at(d, p, i), &diag))
                abort();
        }
        if (trace_rule_iter_init(&it, d, p->name, 0, NULL) != TRACE_OK)
            abort();
        while ((r = trace_rule_iter_next(&it)) != NULL)
            seen += r->origin != NULL;
        if (seen != p->nrules)
            abort();
    } else if (rc != TRACE_EDATA && rc != TRACE_ELIMIT) {
        abort();
    }
    trace_diag_list_free(l);
    trace_dict_unref(d);
    return 0;
}
