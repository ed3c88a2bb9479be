/*
 * evtest.h - helpers for the reader/writer tests (test_jsonl.c, test_csv.c,
 * test_io.c): convert or dump a buffer, and render diagnostics compactly.
 */
#ifndef TRACE_EVTEST_H
#define TRACE_EVTEST_H

#include "unit.h"

#include "libtrace/dump.h"

typedef struct membuf {
    char *data;
    size_t len, cap;
} membuf;

static int mb_write(const void *p, size_t n, void *payload)
{
    membuf *m = payload;
    if (m->len + n + 1 > m->cap) {
        size_t cap = (m->len + n + 1) * 2;
        char *d = realloc(m->data, cap);
        if (!d)
            return -1;
        m->data = d;
        m->cap = cap;
    }
    memcpy(m->data + m->len, p, n);
    m->len += n;
    m->data[m->len] = '\0';
    return 0;
}

static int mb_dump(const char *text, size_t len, void *payload)
{
    return mb_write(text, len, payload);
}

static void mb_free(membuf *m)
{
    free(m->data);
    memset(m, 0, sizeof(*m));
}

static const char *mb_str(membuf *m)
{
    return m->data ? m->data : "";
}

/* "ID@line:col#record" for each diagnostic, ';'-separated. */
static void et_diags(const trace_diag_list *l, char *buf, size_t size)
{
    size_t i, n = 0;
    buf[0] = '\0';
    for (i = 0; l && i < trace_diag_list_count(l); i++) {
        const trace_diag *d = trace_diag_list_at(l, i);
        n += (size_t)snprintf(buf + n, n < size ? size - n : 0, "%s%s@%u:%u#%lld", i ? ";" : "",
                              d->id, d->loc.line, d->loc.column, (long long)d->loc.record);
        if (n >= size)
            break;
    }
}

static trace_ctx *et_ctx(uint32_t depth, uint64_t string, uint64_t record)
{
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx = NULL;
    o.limits.max_depth = depth;
    o.limits.max_string = string;
    o.limits.max_record = record;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    return ctx;
}

/*
 * Read text as `from` and write it as `to` (or dump it when to is AUTO) into out.
 * Returns the reader's final status (TRACE_EOF normally).
 */
static int et_run(trace_ctx *ctx, const char *text, size_t n, trace_format from, trace_format to,
                  unsigned dump_flags, membuf *out, trace_diag_list *diags,
                  trace_diag_list *losses)
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
    ro.format = from;
    ro.diags = diags;
    ro.source_name = "t";
    assert_int_equal(trace_reader_open_mem(&r, ctx, text, n, &ro), TRACE_OK);
    rc = trace_reader_header(r, &h, &md);
    if (to != TRACE_FMT_AUTO) {
        wo.format = to;
        wo.losses = losses;
        assert_int_equal(trace_writer_open_cb(&w, ctx, mb_write, out, &wo), TRACE_OK);
        if (rc == TRACE_OK)
            assert_int_equal(trace_writer_header(w, h, md), TRACE_OK);
    } else if (rc == TRACE_OK) {
        assert_int_equal(trace_header_dump(h, md, mb_dump, out, dump_flags), TRACE_OK);
    }
    for (;;) {
        rc = trace_reader_next(r, &ev);
        if (rc == TRACE_EDATA)
            continue;
        if (rc != TRACE_OK)
            break;
        if (w)
            assert_int_equal(trace_writer_event(w, ev), TRACE_OK);
        else
            assert_int_equal(trace_event_dump(ev, mb_dump, out, dump_flags), TRACE_OK);
    }
    t = trace_reader_trailer(r);
    if (w) {
        assert_int_equal(trace_writer_close(w, t && t->present ? t : NULL), TRACE_OK);
        trace_writer_free(w);
    } else if (rc == TRACE_EOF) {
        assert_int_equal(trace_trailer_dump(t, mb_dump, out, dump_flags), TRACE_OK);
    }
    trace_reader_free(r);
    return rc;
}

#endif
