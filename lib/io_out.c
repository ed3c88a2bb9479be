/*
 * io_out.c - the output stream of writers (UTDS Part 3): file (written to a
 * temporary name and renamed into place), stdio or callback target, with
 * optional gzip (io_int.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_int.h"

/* ========================================================= output stream */

#define OUT_CHUNK (64u * 1024u)

static int sink(trace__out *o, const void *p, size_t n)
{
    if (o->cb)
        return o->cb(p, n, o->cb_payload) == 0 ? TRACE_OK : TRACE_EIO;
    return fwrite(p, 1, n, o->fp) == n ? TRACE_OK : TRACE_EIO;
}

static int deflate_out(trace__out *o, const void *p, size_t n, int flush)
{
    unsigned char chunk[OUT_CHUNK];
    o->z.next_in = (Bytef *)(uintptr_t)p;
    o->z.avail_in = (uInt)n;
    do {
        int zr;
        o->z.next_out = chunk;
        o->z.avail_out = sizeof(chunk);
        zr = deflate(&o->z, flush);
        if (zr == Z_STREAM_ERROR)
            return TRACE_EIO;
        if (sink(o, chunk, sizeof(chunk) - o->z.avail_out) != TRACE_OK)
            return TRACE_EIO;
    } while (o->z.avail_out == 0 || (flush == Z_FINISH && o->z.avail_in));
    return TRACE_OK;
}

int trace__out_flush(trace__out *o, int finish)
{
    int rc = TRACE_OK;
    if (o->error)
        return o->error;
    if (o->gzip)
        rc = deflate_out(o, o->buf, o->len, finish ? Z_FINISH : Z_NO_FLUSH);
    else if (o->len)
        rc = sink(o, o->buf, o->len);
    o->len = 0;
    if (rc != TRACE_OK)
        o->error = rc;
    return rc;
}

int trace__out_write(trace__out *o, const void *p, size_t n)
{
    if (o->error)
        return o->error;
    o->written += n;
    if (!o->buf) {
        o->buf = trace__malloc(o->alloc, OUT_CHUNK);
        if (!o->buf)
            return o->error = TRACE_ENOMEM;
        o->cap = OUT_CHUNK;
    }
    while (n) {
        size_t k = o->cap - o->len < n ? o->cap - o->len : n;
        memcpy(o->buf + o->len, p, k);
        o->len += k;
        p = (const unsigned char *)p + k;
        n -= k;
        if (o->len == o->cap && trace__out_flush(o, 0) != TRACE_OK)
            return o->error;
    }
    return TRACE_OK;
}

int trace__out_puts(trace__out *o, const char *s)
{
    return trace__out_write(o, s, strlen(s));
}

int trace__out_str(trace__out *o, trace_str s)
{
    return trace__out_write(o, s.s ? s.s : "", s.len);
}

int trace__out_putc(trace__out *o, char c)
{
    if (o->buf && o->len < o->cap && !o->error) { /* fast path */
        o->buf[o->len++] = (unsigned char)c;
        o->written++;
        return TRACE_OK;
    }
    return trace__out_write(o, &c, 1);
}

int trace__out_printf(trace__out *o, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return o->error = TRACE_EIO;
    if ((size_t)n < sizeof(tmp))
        return trace__out_write(o, tmp, (size_t)n);
    {
        char *big = trace__malloc(o->alloc, (size_t)n + 1);
        int rc;
        if (!big)
            return o->error = TRACE_ENOMEM;
        va_start(ap, fmt);
        vsnprintf(big, (size_t)n + 1, fmt, ap);
        va_end(ap);
        rc = trace__out_write(o, big, (size_t)n);
        trace__free(o->alloc, big);
        return rc;
    }
}
