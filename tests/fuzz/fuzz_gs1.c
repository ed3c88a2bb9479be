/*
 * fuzz_gs1.c - GS1 element strings in every input form ("gs1" scheme) on
 * arbitrary bytes. Properties: never crash; the input is never written; a
 * valid input's canonical form re-parses valid to the same canonical form
 * (fixed point), and so do its unbracketed and GS forms; when a Digital Link
 * is produced, it parses valid and regenerates itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

static trace_code_result a, b;

static void same_canonical(const char *scheme, const char *s, const char *want)
{
    if (trace_code_parse(NULL, scheme, s, strlen(s), 0, &b) != TRACE_OK || !b.valid ||
        !b.canonical || strcmp(b.canonical, want) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char copy[TRACE_CODE_MAX_INPUT], out[3 * TRACE_CODE_MAX_INPUT];
    char canon[2 * TRACE_CODE_MAX_INPUT];
    if (size == 0 || size > TRACE_CODE_MAX_INPUT)
        return 0;
    memcpy(copy, data, size);
    if (trace_code_parse(NULL, "gs1", (const char *)data, size, 0, &a) != TRACE_OK)
        abort();
    if (memcmp(copy, data, size) != 0)
        abort();
    if (!a.valid)
        return 0;
    if (!a.canonical)
        abort();
    memcpy(canon, a.canonical, strlen(a.canonical) + 1);
    same_canonical("gs1", canon, canon);
    if (trace_gs1_format(NULL, &a, TRACE_GS1_UNBRACKETED, NULL, 0, out, sizeof(out),
                         NULL) == TRACE_OK)
        same_canonical("gs1", out, canon);
    if (a.uri) {
        char uri[3 * TRACE_CODE_MAX_INPUT];
        memcpy(uri, a.uri, strlen(a.uri) + 1);
        if (trace_code_parse(NULL, "gs1-dl", uri, strlen(uri), 0, &b) != TRACE_OK ||
            !b.valid || !b.uri || strcmp(b.uri, uri) != 0)
            abort();
    }
    return 0;
}
