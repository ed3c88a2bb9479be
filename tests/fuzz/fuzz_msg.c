/*
 * fuzz_msg.c - interface-message validation on arbitrary bytes: never crash,
 * never leak; a message that validates also produces a valid receipt call.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "libtrace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_diag_list *l;
    trace_msg_type t;
    FILE *null;
    if (trace_diag_list_new(&l, 64, NULL) != TRACE_OK)
        return 0;
    trace_msg_validate(NULL, (const char *)data, size, "fuzz", l, &t);
    trace_diag_list_free(l);
    if ((null = fopen("/dev/null", "w")) != NULL) {
        trace_msg_receipt(NULL, (const char *)data, size, "fuzz", "urn:r", "2025-01-01T00:00:00Z",
                          null);
        fclose(null);
    }
    return 0;
}
