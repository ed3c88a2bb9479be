/*
 * fuzz_cn_detect.c - detection and every scheme's parser on arbitrary bytes.
 * Properties: never crash; every detected candidate parses as valid; a valid
 * result's canonical form parses as valid to the same canonical form; a URN
 * form (urn:utds:id:...) parses back to the same canonical form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

static trace_code_result a, b;

static void roundtrip(const char *scheme)
{
    char canon[TRACE_CODE_MAX_INPUT], uri[TRACE_CODE_MAX_INPUT];
    size_t n;
    if (!a.valid || !a.canonical)
        return;
    n = strlen(a.canonical);
    memcpy(canon, a.canonical, n + 1);
    if (trace_code_parse(NULL, scheme, canon, n, TRACE_CODE_LENIENT, &b) != TRACE_OK || !b.valid ||
        !b.canonical || strcmp(b.canonical, canon) != 0)
        abort();
    if (a.uri && !strncmp(a.uri, "urn:utds:id:", 12)) {
        n = strlen(a.uri);
        memcpy(uri, a.uri, n + 1);
        if (trace_code_parse(NULL, scheme, uri, n, TRACE_CODE_LENIENT, &b) != TRACE_OK || !b.valid ||
            strcmp(b.canonical, canon) != 0)
            abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_code_candidate c[40];
    size_t n = 0, i;
    const char *in = (const char *)data;
    if (size > 512)
        return 0;
    if (trace_code_detect(NULL, in, size, c, 40, &n) != TRACE_OK)
        abort();
    for (i = 0; i < n; i++) {
        if (trace_code_parse(NULL, c[i].scheme, in, size, 0, &a) != TRACE_OK || !a.valid)
            abort();
    }
    for (i = 0; i < trace_code_scheme_count(); i++) {
        const char *s = trace_code_scheme_at(i)->name;
        if (trace_code_parse(NULL, s, in, size, TRACE_CODE_LENIENT, &a) != TRACE_OK)
            abort();
        if (a.ndiags > TRACE_CODE_MAX_DIAGS || a.nfields > TRACE_CODE_MAX_FIELDS)
            abort();
        roundtrip(s);
    }
    if (trace_code_parse(NULL, NULL, in, size, 0, &a) != TRACE_OK)
        abort();
    return 0;
}
