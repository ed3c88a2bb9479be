/*
 * fuzz_dlc.c - compressed GS1 Digital Link on arbitrary bytes. An input that
 * starts with "http" is a URI; any other input is turned into the segment of
 * https://id.gs1.org/ (each byte as one base64url character), which drives the
 * bit-stream decoder directly. Properties: never crash; a valid result
 * compresses (with and without optimisation codes) into a URI that parses
 * valid with the same elements and compresses to itself again (fixed point).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

static trace_code_result a, b;

/* Same (AI, value) multiset in both results, order aside. */
static int same_elements(const trace_code_result *x, const trace_code_result *y)
{
    size_t i, j, nx = 0, ny = 0;
    unsigned char used[256] = {0};
    for (i = 0; i < y->nfields; i++)
        ny += y->fields[i].parent == -1;
    for (i = 0; i < x->nfields; i++) {
        if (x->fields[i].parent != -1)
            continue;
        nx++;
        for (j = 0; j < y->nfields && j < 256; j++)
            if (!used[j] && y->fields[j].parent == -1 &&
                !strcmp(x->fields[i].name, y->fields[j].name) &&
                !strcmp(x->fields[i].value, y->fields[j].value))
                break;
        if (j == y->nfields || j == 256)
            return 0;
        used[j] = 1;
    }
    return nx == ny;
}

static void check(unsigned flags)
{
    char c1[3 * TRACE_CODE_MAX_INPUT], c2[3 * TRACE_CODE_MAX_INPUT];
    if (trace_gs1_dl_compress(NULL, &a, NULL, flags, NULL, 0, c1, sizeof c1) != TRACE_OK)
        return; /* e.g. no Digital Link for these elements */
    if (trace_code_parse(NULL, "gs1-dl", c1, strlen(c1), 0, &b) != TRACE_OK || !b.valid ||
        !same_elements(&a, &b))
        abort();
    if (trace_gs1_dl_compress(NULL, &b, NULL, flags, NULL, 0, c2, sizeof c2) !=
            TRACE_OK ||
        strcmp(c1, c2) != 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char b64[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char in[TRACE_CODE_MAX_INPUT + 1];
    size_t n, i;
    if (size == 0 || size > TRACE_CODE_MAX_INPUT - 32)
        return 0;
    if (size >= 4 && !memcmp(data, "http", 4)) {
        memcpy(in, data, size);
        n = size;
    } else {
        memcpy(in, "https://id.gs1.org/", 19);
        for (i = 0; i < size; i++)
            in[19 + i] = b64[data[i] & 63];
        n = 19 + size;
    }
    in[n] = '\0';
    if (trace_code_parse(NULL, "gs1-dl", in, n, 0, &a) != TRACE_OK)
        abort();
    if (!a.valid)
        return 0;
    check(0);
    check(TRACE_GS1_DLC_NO_OPTIMISE);
    return 0;
}
