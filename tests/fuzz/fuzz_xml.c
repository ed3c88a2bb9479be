/*
 * fuzz_xml.c - the EPCIS XML reader and writer on arbitrary bytes.
 * Properties: never crash, never leak; when a document reads without error
 * diagnostics and the writer reports no loss, reading the written document
 * gives the same model (read -> write -> read); and writing what was read
 * back from the writer's output gives the same bytes (the form is stable).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"
#include "../unit/test_xml_dump.h"

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
        trace_diag_list_clear(diags);
        if (xd_convert(ctx, o1.s, o1.len, TRACE_FMT_XML, &d2, diags, &o2, NULL) != TRACE_OK ||
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
