/*
 * fuzz_gs1_scan.c - barcode scan data (AIM symbology identifiers, ISO/IEC
 * 15434) on arbitrary bytes, read through the "gs1" scheme with "]" forced
 * in front. Properties: never crash; valid scan data written back as GS1
 * DataMatrix, QR and GS1-128 scan data re-parses to the same element string
 * (a composite's '|' aside).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

static trace_code_result a, b;

/* The element string of s without the composite separator: scan data carries
 * the elements of a composite as one transmission, so '|' (never a value
 * character) does not survive it. */
static int same_elements(const char *s, const char *t)
{
    for (;; s++, t++) {
        while (*s == '|')
            s++;
        if (*s != *t)
            return 0;
        if (!*s)
            return 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[TRACE_CODE_MAX_INPUT], out[2 * TRACE_CODE_MAX_INPUT];
    static const trace_gs1_form forms[] = {TRACE_GS1_SCAN_DM, TRACE_GS1_SCAN_QR,
                                           TRACE_GS1_SCAN_128};
    size_t i;
    if (size == 0 || size >= TRACE_CODE_MAX_INPUT)
        return 0;
    in[0] = ']';
    memcpy(in + 1, data, size);
    if (trace_code_parse(NULL, "gs1", in, size + 1, 0, &a) != TRACE_OK)
        abort();
    if (!a.valid)
        return 0;
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        if (trace_gs1_format(NULL, &a, forms[i], NULL, 0, out, sizeof(out), NULL) !=
            TRACE_OK)
            continue;
        if (trace_code_parse(NULL, "gs1", out, strlen(out), 0, &b) != TRACE_OK ||
            !b.valid || !same_elements(a.canonical, b.canonical))
            abort();
    }
    return 0;
}
