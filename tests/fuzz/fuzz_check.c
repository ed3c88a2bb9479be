/*
 * fuzz_check.c - every check algorithm on arbitrary bytes. Properties: never
 * crash; a computed check always verifies; diagnose agrees with verify.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[160], chk[4];
    trace_diag d;
    unsigned a;
    if (size < 1 || size > 120)
        return 0;
    for (a = 0; a < TRACE_CHECK_COUNT; a++) {
        trace_check_alg alg = (trace_check_alg)a;
        size_t w = trace_check_width(alg);
        int v = trace_check_verify(alg, (const char *)data, size);
        if (trace_check_diagnose(alg, (const char *)data, size, &d) != (v == 1 ? 1 : 0))
            abort();
        if (alg == TRACE_CHECK_IBAN)
            continue;
        if (trace_check_compute(alg, (const char *)data, size, chk, sizeof(chk)) ==
            TRACE_OK) {
            memcpy(buf, data, size);
            memcpy(buf + size, chk, w);
            if (trace_check_verify(alg, buf, size + w) != 1)
                abort();
        }
    }
    return 0;
}
