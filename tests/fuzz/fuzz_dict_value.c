/*
 * fuzz_dict_value.c - trace_element_check_value on arbitrary bytes for every
 * element of the dictionary. Properties: never crash; the result is 0 or 1;
 * an invalid value always carries a TR-DICT diagnostic whose span, when set,
 * lies inside the value; an enum value is valid exactly when its code list
 * has it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t i, n = trace_dict_element_count(NULL);
    const char *v = (const char *)data;
    for (i = 0; i < n; i++) {
        const trace_element *e = trace_dict_element_at(NULL, i);
        trace_diag d;
        int rc = trace_element_check_value(NULL, e, v, size, &d);
        if (rc != 0 && rc != 1)
            abort();
        if (rc == 0 && (!d.id || strncmp(d.id, "TR-DICT-", 8) ||
                        (d.loc.offset >= 0 && (uint64_t)d.loc.offset + d.loc.length > size)))
            abort();
        if (e->type == TRACE_ELEM_ENUM) {
            char code[64];
            int known = 0;
            if (size < sizeof(code) && !memchr(v, 0, size)) {
                memcpy(code, v, size);
                code[size] = '\0';
                known = trace_codelist_value(trace_dict_codelist(NULL, e->codelist), code) != NULL;
            }
            if (known != rc)
                abort();
        }
    }
    return 0;
}
