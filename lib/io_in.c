/*
 * io_in.c - the input stream of readers (UTDS Part 3): file, stdio, memory or
 * callback source, with transparent gzip, read and peeked through one decoded
 * buffer (io_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io_int.h"

#define RAW_CHUNK (64u * 1024u)

/* ========================================================== input stream */

static long source_read(trace__in *in, unsigned char *dst, size_t n)
{
    if (in->mem) {
        size_t k = in->mem_len - in->mem_pos < n ? in->mem_len - in->mem_pos : n;
        memcpy(dst, in->mem + in->mem_pos, k);
        in->mem_pos += k;
        return (long)k;
    }
    if (in->cb)
        return in->cb(dst, n, in->cb_payload);
    if (in->fp) {
        size_t k = fread(dst, 1, n, in->fp);
        if (k == 0 && ferror(in->fp))
            return -1;
        return (long)k;
    }
    return 0;
}

/* Refill the raw buffer; returns bytes available or < 0. */
static long raw_fill(trace__in *in)
{
    long k;
    if (in->raw_pos < in->raw_len)
        return (long)(in->raw_len - in->raw_pos);
    if (in->eof_raw)
        return 0;
    if (!in->raw) {
        in->raw = trace__malloc(in->alloc, RAW_CHUNK);
        if (!in->raw)
            return in->error = TRACE_ENOMEM;
        in->raw_cap = RAW_CHUNK;
    }
    k = source_read(in, in->raw, in->raw_cap);
    if (k < 0)
        return in->error = TRACE_EIO;
    if (k == 0)
        in->eof_raw = 1;
    in->raw_len = (size_t)k;
    in->raw_pos = 0;
    in->consumed += (uint64_t)k;
    return k;
}

/* Make room for more decoded bytes at the end of buf, keeping unread ones. */
static int buf_room(trace__in *in, size_t want)
{
    if (in->pos > 0 && in->pos == in->len)
        in->pos = in->len = 0;
    if (in->cap - in->len >= want)
        return TRACE_OK;
    if (in->pos > 0) { /* slide unread bytes to the front */
        memmove(in->buf, in->buf + in->pos, in->len - in->pos);
        in->len -= in->pos;
        in->pos = 0;
        if (in->cap - in->len >= want)
            return TRACE_OK;
    }
    {
        size_t cap = in->cap ? in->cap : RAW_CHUNK;
        unsigned char *p;
        while (cap - in->len < want)
            cap *= 2;
        p = trace__realloc(in->alloc, in->buf, cap);
        if (!p)
            return in->error = TRACE_ENOMEM;
        in->buf = p;
        in->cap = cap;
    }
    return TRACE_OK;
}

static long inflate_more(trace__in *in)
{
    for (;;) {
        size_t before;
        int zr;
        long k = raw_fill(in);
        if (k < 0)
            return k;
        if (k == 0) {
            if (in->z.avail_in == 0 && in->eof_raw) {
                /* A truncated gzip stream is an error, not a quiet end. */
                return in->z_init == 2 ? 0 : (in->error = TRACE_EDATA);
            }
        }
        /* buf_room may slide unread bytes to the front: measure output after it. */
        if (buf_room(in, RAW_CHUNK) != TRACE_OK)
            return in->error;
        before = in->len;
        in->z.next_in = in->raw + in->raw_pos;
        in->z.avail_in = (uInt)(in->raw_len - in->raw_pos);
        in->z.next_out = in->buf + in->len;
        in->z.avail_out = (uInt)(in->cap - in->len);
        zr = inflate(&in->z, Z_NO_FLUSH);
        in->raw_pos = in->raw_len - in->z.avail_in;
        in->len = in->cap - in->z.avail_out;
        in->z_init = 1;
        if (zr == Z_STREAM_END) {
            in->z_init = 2; /* a member ended; another may follow (concatenated gzip) */
            if (raw_fill(in) > 0) {
                inflateReset(&in->z);
                in->z_init = 1;
            } else if (in->len == before) {
                return 0;
            }
        } else if ((zr != Z_OK && zr != Z_BUF_ERROR) ||
                   (zr == Z_BUF_ERROR && in->eof_raw && in->raw_pos == in->raw_len)) {
            /* Hand out what inflated before the damage; fail on the next call. */
            if (in->len > before) {
                in->pending_error = TRACE_EDATA;
                return (long)(in->len - before);
            }
            return in->error = TRACE_EDATA;
        }
        if (in->len > before)
            return (long)(in->len - before);
    }
}

static long plain_more(trace__in *in)
{
    long k = raw_fill(in);
    size_t n;
    if (k <= 0)
        return k;
    /* Move the raw chunk into the decoded buffer. */
    if (buf_room(in, (size_t)k) != TRACE_OK)
        return in->error;
    n = (size_t)k;
    memcpy(in->buf + in->len, in->raw + in->raw_pos, n);
    in->len += n;
    in->raw_pos += n;
    return k;
}

static long more(trace__in *in)
{
    long k;
    if (in->pending_error)
        in->error = in->pending_error;
    if (in->error)
        return in->error;
    if (in->eof)
        return 0;
    k = in->gzip ? inflate_more(in) : plain_more(in);
    if (k == 0)
        in->eof = 1;
    return k;
}

long trace__in_peek(trace__in *in, const unsigned char **p, size_t want)
{
    while (in->len - in->pos < want) {
        long k = more(in);
        if (k < 0)
            return k;
        if (k == 0)
            break;
    }
    *p = in->buf ? in->buf + in->pos
                 : (const unsigned char *)""; /* empty input: no buffer */
    return (long)(in->len - in->pos);
}

long trace__in_read(trace__in *in, void *dst, size_t n)
{
    size_t got = 0;
    while (got < n) {
        size_t avail = in->len - in->pos;
        if (avail == 0) {
            long k = more(in);
            if (k < 0)
                return got ? (long)got : k;
            if (k == 0)
                break;
            continue;
        }
        if (avail > n - got)
            avail = n - got;
        memcpy((unsigned char *)dst + got, in->buf + in->pos, avail);
        in->pos += avail;
        got += avail;
    }
    return (long)got;
}

/* Gather at least want raw bytes (fewer at end), appending to the raw buffer. */
static int raw_gather(trace__in *in, size_t want)
{
    if (!in->raw) {
        in->raw = trace__malloc(in->alloc, RAW_CHUNK);
        if (!in->raw)
            return in->error = TRACE_ENOMEM;
        in->raw_cap = RAW_CHUNK;
    }
    while (in->raw_len - in->raw_pos < want && !in->eof_raw) {
        long k;
        if (in->raw_pos) {
            memmove(in->raw, in->raw + in->raw_pos, in->raw_len - in->raw_pos);
            in->raw_len -= in->raw_pos;
            in->raw_pos = 0;
        }
        k = source_read(in, in->raw + in->raw_len, in->raw_cap - in->raw_len);
        if (k < 0)
            return in->error = TRACE_EIO;
        if (k == 0)
            in->eof_raw = 1;
        in->raw_len += (size_t)k;
        in->consumed += (uint64_t)k;
    }
    return TRACE_OK;
}

/* Detect gzip by its magic bytes and switch the stream to inflating. */
int trace__in_detect_gzip(trace__in *in)
{
    int rc = raw_gather(in, 2);
    if (rc != TRACE_OK)
        return rc;
    if (in->raw_len - in->raw_pos >= 2 && in->raw[in->raw_pos] == 0x1f &&
        in->raw[in->raw_pos + 1] == 0x8b) {
        memset(&in->z, 0, sizeof(in->z));
        if (inflateInit2(&in->z, 15 + 16) != Z_OK)
            return in->error = TRACE_ENOMEM;
        in->gzip = 1;
        in->z_init = 1;
    }
    return TRACE_OK;
}

void trace__in_close(trace__in *in)
{
    if (in->gzip)
        inflateEnd(&in->z);
    if (in->own_fp && in->fp)
        fclose(in->fp);
    trace__free(in->alloc, in->raw);
    trace__free(in->alloc, in->buf);
}
