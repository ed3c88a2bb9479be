/*
 * fuzz_jsonld.c - the EPCIS 2.0 JSON-LD reader on arbitrary bytes, with a
 * round-trip property: whatever the reader accepts without errors, the
 * writer writes, and reading that output gives the same model (canonical
 * dump, normalized) and the same number of events. Small limits make the
 * depth, size and @context-buffer paths reachable.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/dump.h"
#include "libtrace/io.h"
#include "libtrace/trace.h"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static int sb_add(const char *t, size_t len, void *payload)
{
    sbuf *b = payload;
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, t, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static int sb_write(const void *t, size_t len, void *payload)
{
    return sb_add(t, len, payload);
}

/* Read buf; dump the model into d; write it as JSON-LD into out when out != NULL. */
static int read_doc(trace_ctx *ctx, const char *buf, size_t len, sbuf *d, sbuf *out,
                    long *nevents, int *errors, trace_diag_list *losses)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_diag_list *dl;
    trace_reader *r;
    trace_writer *w = NULL;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc;
    *nevents = 0;
    if (trace_diag_list_new(&dl, 64, NULL) != TRACE_OK)
        return -1;
    ro.format = TRACE_FMT_JSONLD;
    ro.diags = dl;
    if (trace_reader_open_mem(&r, ctx, buf, len, &ro) != TRACE_OK) {
        trace_diag_list_free(dl);
        return -1;
    }
    wo.format = TRACE_FMT_JSONLD;
    wo.pretty = (int)(len & 1);
    wo.losses = losses;
    rc = trace_reader_header(r, &h, &md);
    if (rc == TRACE_OK) {
        trace_header_dump(h, md, sb_add, d, TRACE_DUMP_NORMALIZE);
        if (out && trace_writer_open_cb(&w, ctx, sb_write, out, &wo) == TRACE_OK)
            trace_writer_header(w, h, md);
    }
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA) {
        if (rc != TRACE_OK)
            continue;
        (*nevents)++;
        trace_event_dump(ev, sb_add, d, TRACE_DUMP_NORMALIZE);
        if (w)
            trace_writer_event(w, ev);
    }
    /* The trailer is left out: the writer writes its own event count. */
    if (w) {
        trace_writer_close(w, trace_reader_trailer(r));
        trace_writer_free(w);
    }
    *errors = trace_diag_list_has_errors(dl);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    sbuf d1 = {0}, d2 = {0}, out = {0};
    long n1, n2;
    int e1, e2, rc;
    trace_diag_list *losses;
    if (size > 1 << 16)
        return 0;
    co.limits.max_depth = 24;
    co.limits.max_string = 4096;
    co.limits.max_record = 16384;
    co.limits.max_buffer = 8192;
    if (trace_ctx_new(&ctx, &co) != TRACE_OK)
        return 0;
    if (trace_diag_list_new(&losses, 16, NULL) != TRACE_OK) {
        trace_ctx_free(ctx);
        return 0;
    }
    rc = read_doc(ctx, (const char *)data, size, &d1, &out, &n1, &e1, losses);
    /* Round trip: input read cleanly to the end, written without a loss, must
       survive write + read. */
    if (rc == TRACE_EOF && !e1 && out.p && trace_diag_list_count(losses) == 0) {
        read_doc(ctx, out.p, out.n, &d2, NULL, &n2, &e2, NULL);
        if (e2 || n1 != n2 || !d1.p || !d2.p || strcmp(d1.p, d2.p) != 0)
            abort();
    }
    free(d1.p);
    free(d2.p);
    free(out.p);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
    return 0;
}
