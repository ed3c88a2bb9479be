/*
 * fuzz_xml.c - the EPCIS XML reader and writer on arbitrary bytes.
 * Properties: never crash, never leak; when a document reads without error
 * diagnostics and the writer reports no loss, reading the written document
 * gives the same model (read -> write -> read); and writing what was read
 * back from the writer's output gives the same bytes (the form is stable);
 * and the reader's two drivers agree: the same bytes with "<!DOCTYPE x>"
 * before the root start tag go through the xmlTextReader driver instead of
 * the SAX driver and must give the same model (test_xml_drivers.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"
#include "../unit/test_xml_dump.h"

/* Where the root start tag begins when only a declaration and comments precede it; else
 * -1. */
static long root_at(const uint8_t *p, size_t n)
{
    size_t i = 0;
    for (;;) {
        const char *close;
        size_t cl;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
            i++;
        if (i + 4 > n || p[i] != '<')
            return -1;
        if (p[i + 1] == '?')
            close = "?>";
        else if (!memcmp(p + i, "<!--", 4))
            close = "-->";
        else if (p[i + 1] == '!')
            return -1;
        else
            return (long)i;
        cl = strlen(close);
        for (i += 2; i + cl <= n && memcmp(p + i, close, cl); i++)
            ;
        if (i + cl > n)
            return -1;
        i += cl;
    }
}

/* The same document through the reader driver gives the same model dump d1. */
static void drivers_agree(const trace_ctx *ctx, const uint8_t *data, size_t size,
                          const char *d1)
{
    static const char dt[] = "<!DOCTYPE x>";
    long at = root_at(data, size);
    trace_diag_list *diags;
    xd_buf d = {0};
    uint8_t *b;
    if (at < 0 || !(b = malloc(size + sizeof(dt))))
        return;
    if (trace_diag_list_new(&diags, 0, NULL) != TRACE_OK)
        abort();
    memcpy(b, data, (size_t)at);
    memcpy(b + at, dt, sizeof(dt) - 1);
    memcpy(b + at + sizeof(dt) - 1, data + at, size - (size_t)at);
    if (xd_convert(ctx, b, size + sizeof(dt) - 1, TRACE_FMT_XML, &d, diags, NULL, NULL) !=
            TRACE_OK ||
        trace_diag_list_has_errors(diags) || strcmp(d1 ? d1 : "", d.s ? d.s : "") != 0) {
        fprintf(stderr, "the drivers disagree:\nsax:\n%s\n---\nreader:\n%s\n",
                d1 ? d1 : "", d.s ? d.s : "");
        abort();
    }
    free(d.s);
    free(b);
    trace_diag_list_free(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_diag_list *diags, *losses;
    xd_buf d1 = {0}, d2 = {0}, o1 = {0}, o2 = {0};
    int rc;
    /* small limits keep every run short */
    co.limits.max_depth = 24;
    co.limits.max_string = 4096;
    co.limits.max_record = 1 << 16;
    co.limits.max_buffer = 1 << 17;
    if (trace_ctx_new(&ctx, &co) != TRACE_OK)
        return 0;
    if (trace_diag_list_new(&diags, 0, NULL) != TRACE_OK ||
        trace_diag_list_new(&losses, 0, NULL) != TRACE_OK)
        abort();
    wo.losses = losses;
    rc = xd_convert(ctx, data, size, TRACE_FMT_XML, &d1, diags, &o1, &wo);
    if (rc == TRACE_OK && !trace_diag_list_has_errors(diags) && o1.s) {
        drivers_agree(ctx, data, size, d1.s);
        trace_diag_list_clear(diags);
        if (xd_convert(ctx, o1.s, o1.len, TRACE_FMT_XML, &d2, diags, &o2, NULL) !=
                TRACE_OK ||
            trace_diag_list_has_errors(diags)) {
            fprintf(stderr, "the writer's output does not read back:\n%s\n", o1.s);
            abort();
        }
        if (trace_diag_list_count(losses) == 0 && strcmp(d1.s, d2.s) != 0) {
            fprintf(stderr, "model changed:\n%s\n---\n%s\n", d1.s, d2.s);
            abort();
        }
        if (!o2.s || strcmp(o1.s, o2.s) != 0) {
            fprintf(stderr, "not stable:\n%s\n---\n%s\n", o1.s, o2.s ? o2.s : "");
            abort();
        }
    }
    free(d1.s);
    free(d2.s);
    free(o1.s);
    free(o2.s);
    trace_diag_list_free(diags);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
    return 0;
}
