/*
 * fuzz_gs1_dl.c - GS1 Digital Link URIs and EPC URNs on arbitrary bytes.
 * Properties: never crash; a valid URI's generated Digital Link parses valid
 * and regenerates itself (fixed point) with the same elements (generation
 * may reorder the query: predefined-length AIs first, R-1.G DL rules); a valid
 * EPC URN converts back to itself through its element string when the
 * company prefix length is the one written in the URN.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

static trace_code_result a, b;

static void epc_roundtrip(const char *in)
{
    char out[512];
    /* urn:epc:id:<scheme>:<company prefix>.… (or urn:epc:class:…) */
    const char *p = strchr(in + 8, ':');
    size_t cp;
    p = p ? strchr(p + 1, ':') : NULL;
    cp = p ? strcspn(p + 1, ".") : 0;
    if (cp < 6 || cp > 12)
        return;
    if (trace_gs1_format(NULL, &a, TRACE_GS1_EPC, NULL, (int)cp, out, sizeof(out),
                         NULL) == TRACE_OK &&
        trace_code_parse(NULL, "epc", out, strlen(out), 0, &b) == TRACE_OK &&
        (!b.valid || strcmp(b.canonical, a.canonical) != 0))
        abort();
}

/* Elements (fields with parent -1) of x, as "AI=value" compared one by one. */
static int has_element(const trace_code_result *x, const trace_code_field *f)
{
    size_t i;
    for (i = 0; i < x->nfields; i++)
        if (x->fields[i].parent == -1 && !strcmp(x->fields[i].name, f->name) &&
            !strcmp(x->fields[i].value, f->value))
            return 1;
    return 0;
}

/* Same elements in any order (each side's elements are all on the other side). */
static int same_elements(const trace_code_result *x, const trace_code_result *y)
{
    size_t i, nx = 0, ny = 0;
    for (i = 0; i < x->nfields; i++)
        if (x->fields[i].parent == -1 && (nx++, !has_element(y, &x->fields[i])))
            return 0;
    for (i = 0; i < y->nfields; i++)
        if (y->fields[i].parent == -1 && (ny++, !has_element(x, &y->fields[i])))
            return 0;
    return nx == ny;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char in[TRACE_CODE_MAX_INPUT + 1], uri[3 * TRACE_CODE_MAX_INPUT];
    const char *scheme;
    if (size == 0 || size > TRACE_CODE_MAX_INPUT)
        return 0;
    memcpy(in, data, size);
    in[size] = '\0';
    scheme = size > 8 && !memcmp(in, "urn:epc:", 8) ? "epc" : "gs1-dl";
    if (trace_code_parse(NULL, scheme, in, size, 0, &a) != TRACE_OK)
        abort();
    if (!a.valid)
        return 0;
    if (!strcmp(scheme, "epc") && strlen(in) == size)
        epc_roundtrip(in);
    if (!a.uri)
        return 0;
    memcpy(uri, a.uri, strlen(a.uri) + 1);
    if (trace_code_parse(NULL, "gs1-dl", uri, strlen(uri), 0, &b) != TRACE_OK ||
        !b.valid || !b.uri || strcmp(b.uri, uri) != 0 || !same_elements(&a, &b))
        abort();
    return 0;
}
