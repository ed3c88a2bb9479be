/*
 * fuzz_validate.c - hostile documents through the whole validation stack:
 * any bytes, format detected (XML, JSON-LD, JSON Lines, CSV, gzip), every
 * event through all six layers with a profile, and a receipt built from the
 * diagnostics. Properties: no crash, no leak, counts consistent.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "libtrace/trace.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_validate_options vo = TRACE_VALIDATE_OPTIONS_INIT;
    trace_validate_summary sum;
    trace_diag_list *diags = NULL;
    trace_validator *v = NULL;
    trace_reader *r = NULL;
    trace_receipt *rc = NULL;
    size_t i;
    FILE *null;
    if (size > 1 << 16 || trace_diag_list_new(&diags, 256, NULL) != TRACE_OK)
        return 0;
    vo.now = 1767225600;
    vo.profile = size && (data[0] & 1) ? "meat" : NULL; /* with and without a family */
    ro.diags = diags;
    if (trace_validator_new(&v, NULL, &vo) == TRACE_OK &&
        trace_reader_open_mem(&r, NULL, data, size, &ro) == TRACE_OK) {
        trace_validate_stream(v, r, diags, &sum, NULL, NULL);
        if (sum.invalid > sum.events)
            abort();
    }
    if (trace_receipt_new(&rc, NULL, "urn:r", "urn:s", "2025-01-01T00:00:00Z", 0) == TRACE_OK) {
        for (i = 0; i < trace_diag_list_count(diags); i++)
            trace_receipt_add(rc, trace_diag_list_at(diags, i));
        trace_receipt_set_received(rc, r ? trace_reader_events(r) : 0);
        if ((null = fopen("/dev/null", "w")) != NULL) {
            trace_receipt_write(rc, null);
            fclose(null);
        }
        trace_receipt_free(rc);
    }
    trace_reader_free(r);
    trace_validator_free(v);
    trace_diag_list_free(diags);
    return 0;
}
