/*
 * roundtrip.h - the round-trip property shared by fuzz_jsonl.c and
 * fuzz_csv.c: read arbitrary bytes as FORMAT, write what was read as FORMAT,
 * read that and write it again: the two outputs must be equal byte for byte.
 */
#ifndef TRACE_FUZZ_ROUNDTRIP_H
#define TRACE_FUZZ_ROUNDTRIP_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"

typedef struct fz_buf {
    char *p;
    size_t n, cap;
} fz_buf;

static int fz_write(const void *data, size_t n, void *payload)
{
    fz_buf *b = payload;
    if (b->n + n > b->cap) {
        size_t cap = (b->n + n) * 2 + 64;
        char *p = realloc(b->p, cap);
        if (!p)
            return -1;
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->n, data, n);
    b->n += n;
    return 0;
}

/* Read in[0..n) as fmt and write it as fmt into out. Returns 0, or -1 when the input
 * had no readable document start. */
static int fz_pass(trace_ctx *ctx, trace_format fmt, const char *in, size_t n, fz_buf *out)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_reader *r = NULL;
    trace_writer *w = NULL;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    const trace_trailer *t;
    int rc;
    ro.format = fmt;
    wo.format = fmt;
    if (trace_reader_open_mem(&r, ctx, in, n, &ro) != TRACE_OK)
        abort();
    if (trace_reader_header(r, &h, &md) != TRACE_OK) {
        trace_reader_free(r);
        return -1;
    }
    if (trace_writer_open_cb(&w, ctx, fz_write, out, &wo) != TRACE_OK ||
        trace_writer_header(w, h, md) != TRACE_OK)
        abort();
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        if (rc == TRACE_OK && trace_writer_event(w, ev) != TRACE_OK)
            abort();
    t = trace_reader_trailer(r);
    if (trace_writer_close(w, t->present ? t : NULL) != TRACE_OK)
        abort();
    trace_writer_free(w);
    trace_reader_free(r);
    return 0;
}

static int fz_roundtrip(trace_format fmt, const uint8_t *data, size_t size)
{
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx = NULL, *wide = NULL;
    fz_buf a = {0}, b = {0};
    o.limits.max_depth = 16;
    o.limits.max_string = 4096;
    o.limits.max_record = 1u << 16;
    if (trace_ctx_new(&ctx, &o) != TRACE_OK)
        abort();
    /* Writing may escape a value into up to 6 bytes per byte (\u0000, and
       quotes doubled inside CSV cells): what was read within the limits is
       read back with limits wide enough for its written form. */
    o.limits.max_string *= 16;
    o.limits.max_record *= 16;
    if (trace_ctx_new(&wide, &o) != TRACE_OK)
        abort();
    if (fz_pass(ctx, fmt, (const char *)data, size, &a) == 0) {
        if (fz_pass(wide, fmt, a.p, a.n, &b) != 0)
            abort(); /* what we wrote must read */
        if (a.n != b.n || memcmp(a.p, b.p, a.n) != 0)
            abort(); /* and read back to the same document */
    }
    free(a.p);
    free(b.p);
    trace_ctx_free(wide);
    trace_ctx_free(ctx);
    return 0;
}

#endif
