/*
 * jsonld_scan.c - the byte window and the small JSON tokenizer of the
 * JSON-LD reader (spec/utds-3-jsonld.md, section "Reading").
 *
 * The tokenizer does not build values: it finds where a value ends, checks
 * nesting depth, string length and value size limits, and records the byte
 * span of every number so that number lexemes survive (jansson keeps only
 * doubles). Values it keeps are then parsed by jansson from the window.
 * A second, independent window over the same file or buffer serves the
 * pre-scan for an @context that follows epcisBody.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "jsonld_int.h"

/* ============================================================ windows */

int jl_fill(jl_src *s, size_t want)
{
    if (s->n >= want)
        return 1;
    if (s->error)
        return s->error;
    if (s->eof)
        return 0;
    return s->fill(s, want);
}

/* Advance line/col over k bytes. */
static void count_lines(jl_src *s, const unsigned char *p, size_t k)
{
    const unsigned char *end = p + k, *nl;
    if (!k)
        return;
    while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        s->line++;
        s->col = 1;
        p = nl + 1;
    }
    s->col += (uint32_t)(end - p);
}

void jl_drop(jl_src *s, size_t k)
{
    count_lines(s, s->p, k);
    s->drop(s, k);
}

trace_pos jl_pos_at(const jl_src *s, size_t i)
{
    jl_src t = *s;
    trace_pos pos;
    count_lines(&t, s->p, i < s->n ? i : s->n);
    pos.line = t.line;
    pos.column = t.col;
    return pos;
}

static int main_fill(jl_src *s, size_t want)
{
    const unsigned char *p;
    long k = trace__in_peek((trace__in *)s->arg, &p, want);
    if (k < 0)
        return s->error = (int)k;
    s->p = p;
    s->n = (size_t)k;
    if (s->n < want) {
        s->eof = 1;
        return 0;
    }
    return 1;
}

static void main_drop(jl_src *s, size_t k)
{
    trace__in *in = s->arg;
    in->pos += k; /* the bytes were peeked: consuming them is a cursor move */
    s->p += k;
    s->n -= k;
}

static int mem_fill(jl_src *s, size_t want)
{
    (void)want;
    s->eof = 1;
    return 0;
}

static void mem_drop(jl_src *s, size_t k)
{
    trace__in *in = s->arg;
    s->p += k;
    s->n -= k;
    in->consumed = (uint64_t)(s->p - in->mem); /* progress for trace_reader_bytes */
}

void jl_src_main(jl_src *s, trace__in *in)
{
    memset(s, 0, sizeof(*s));
    s->fill = main_fill;
    s->drop = main_drop;
    s->arg = in;
    s->line = 1;
    s->col = 1;
    s->p = in->buf ? in->buf + in->pos : NULL;
    s->n = in->buf ? in->len - in->pos : 0;
    if (in->mem && !in->gzip) {
        /* A plain memory buffer is read in place: no copy into the stream buffer.
           Position of the next unread byte: what left the buffer minus what the
           stream holds in its raw and decoded buffers. */
        size_t off = in->mem_pos - (in->raw_len - in->raw_pos) - (in->len - in->pos);
        s->p = in->mem + off;
        s->n = in->mem_len - off;
        s->eof = 1;
        s->fill = mem_fill;
        s->drop = mem_drop;
    }
}

/* ---- the side window: a second pass over a memory buffer or regular file ---- */

#define SIDE_CHUNK (64u * 1024u)

struct jl_side {
    const trace_allocator *alloc;
    const unsigned char *mem; /* memory input */
    size_t mem_len, mem_off;
    int fd;                   /* file input (pread, so the reader's offset is untouched) */
    int64_t file_off;
    int raw_eof;
    int gzip;
    z_stream z;
    unsigned char raw[SIDE_CHUNK];
    size_t raw_len, raw_pos;
    unsigned char *buf;       /* decoded bytes; window = buf[start, len) */
    size_t start, len, cap;
};

static long side_raw(jl_side *d)
{
    ssize_t k;
    if (d->raw_pos < d->raw_len)
        return (long)(d->raw_len - d->raw_pos);
    if (d->raw_eof)
        return 0;
    if (d->mem) {
        size_t n = d->mem_len - d->mem_off < SIDE_CHUNK ? d->mem_len - d->mem_off : SIDE_CHUNK;
        memcpy(d->raw, d->mem + d->mem_off, n);
        d->mem_off += n;
        k = (ssize_t)n;
    } else {
        do
            k = pread(d->fd, d->raw, SIDE_CHUNK, (off_t)d->file_off);
        while (k < 0 && errno == EINTR);
        if (k < 0)
            return TRACE_EIO;
        d->file_off += k;
    }
    if (k == 0)
        d->raw_eof = 1;
    d->raw_len = (size_t)k;
    d->raw_pos = 0;
    return (long)k;
}

/* Append decoded bytes to d->buf; returns the count, 0 at end, < 0 on error. */
static long side_more(jl_side *d)
{
    long k = side_raw(d);
    size_t before = d->len;
    if (k <= 0)
        return k;
    if (d->cap - d->len < SIDE_CHUNK * 2) {
        if (d->start) { /* slide the window to the front before growing */
            memmove(d->buf, d->buf + d->start, d->len - d->start);
            d->len -= d->start;
            d->start = 0;
        }
        if (d->cap - d->len < SIDE_CHUNK * 2) {
            size_t cap = d->cap ? d->cap * 2 : SIDE_CHUNK * 4;
            unsigned char *p = trace__realloc(d->alloc, d->buf, cap);
            if (!p)
                return TRACE_ENOMEM;
            d->buf = p;
            d->cap = cap;
        }
    }
    if (!d->gzip) {
        memcpy(d->buf + d->len, d->raw + d->raw_pos, (size_t)k);
        d->raw_pos += (size_t)k;
        d->len += (size_t)k;
        return k;
    }
    d->z.next_in = d->raw + d->raw_pos;
    d->z.avail_in = (uInt)k;
    d->z.next_out = d->buf + d->len;
    d->z.avail_out = (uInt)(d->cap - d->len);
    {
        int zr = inflate(&d->z, Z_NO_FLUSH);
        d->raw_pos = d->raw_len - d->z.avail_in;
        d->len = d->cap - d->z.avail_out;
        if (zr == Z_STREAM_END)
            inflateReset(&d->z); /* concatenated members */
        else if (zr != Z_OK && zr != Z_BUF_ERROR)
            return TRACE_EDATA;
    }
    return d->len > before ? (long)(d->len - before) : (d->raw_eof ? 0 : 1);
}

static int side_fill(jl_src *s, size_t want)
{
    jl_side *d = s->arg;
    while (d->len - d->start < want) {
        long k = side_more(d);
        if (k < 0)
            return s->error = (int)k;
        if (k == 0) {
            s->eof = 1;
            break;
        }
    }
    s->p = d->buf + d->start;
    s->n = d->len - d->start;
    return s->n >= want;
}

static void side_drop(jl_src *s, size_t k)
{
    jl_side *d = s->arg;
    if (d->buf)
        d->start += k;
    s->p += k;
    s->n -= k;
}

static void side_noop_drop(jl_src *s, size_t k)
{
    s->p += k;
    s->n -= k;
}

jl_side *jl_side_open(trace_reader *r, jl_src *s)
{
    jl_side *d;
    int64_t base = 0;
    if (!r->in.mem) {
        long here;
        if (!r->in.fp || r->in.size == 0)
            return NULL; /* a pipe or a callback cannot be re-read */
        here = ftell(r->in.fp);
        if (here < 0 || (uint64_t)here < r->in.consumed)
            return NULL;
        base = (int64_t)here - (int64_t)r->in.consumed;
    }
    d = trace__calloc(r->alloc, 1, sizeof(*d));
    if (!d)
        return NULL;
    d->alloc = r->alloc;
    d->mem = r->in.mem;
    d->mem_len = r->in.mem_len;
    d->fd = r->in.fp ? fileno(r->in.fp) : -1;
    d->file_off = base;
    memset(s, 0, sizeof(*s));
    s->arg = d;
    s->line = 1;
    s->col = 1;
    s->fill = side_fill;
    s->drop = side_drop;
    if (r->in.gzip) {
        d->gzip = 1;
        if (inflateInit2(&d->z, 15 + 16) != Z_OK) {
            trace__free(r->alloc, d);
            return NULL;
        }
    } else if (d->mem) { /* plain memory: the whole buffer is the window */
        s->p = d->mem;
        s->n = d->mem_len;
        s->eof = 1;
        s->drop = side_noop_drop;
    }
    return d;
}

void jl_side_close(trace_reader *r, jl_side *d)
{
    if (!d)
        return;
    if (d->gzip)
        inflateEnd(&d->z);
    trace__free(r->alloc, d->buf);
    trace__free(r->alloc, d);
}

/* ========================================================== tokenizer */

void jl_nums_free(jl_nums *nums)
{
    trace__free(nums->alloc, nums->v);
    nums->v = NULL;
    nums->n = nums->cap = 0;
}

static int nums_push(jl_nums *nums, size_t off, size_t len)
{
    if (nums->n == nums->cap) {
        size_t cap = nums->cap ? nums->cap * 2 : 32;
        jl_span *v = trace__realloc(nums->alloc, nums->v, cap * sizeof(*v));
        if (!v)
            return JL_NOMEM;
        nums->v = v;
        nums->cap = cap;
    }
    nums->v[nums->n].off = off;
    nums->v[nums->n].len = len;
    nums->n++;
    return JL_OK;
}

/* Ensure p[i] exists: 1 yes, 0 at end, < 0 error. */
static int have(jl_src *s, size_t i)
{
    return i < s->n ? 1 : jl_fill(s, i + 1);
}

int jl_ws(jl_src *s, size_t *i)
{
    for (;;) {
        int h = have(s, *i);
        unsigned char c;
        if (h <= 0)
            return h < 0 ? h : -1;
        c = s->p[*i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return c;
        (*i)++;
    }
}

int jl_string(jl_src *s, size_t *ip, uint64_t max_string)
{
    size_t i = *ip + 1, start = i;
    for (;;) {
        const unsigned char *p = s->p;
        size_t n = s->n;
        while (i < n && p[i] != '"' && p[i] != '\\')
            i++;
        if (i < n) {
            if (p[i] == '"') {
                if (max_string && i - start > max_string)
                    return JL_STRING;
                *ip = i + 1;
                return JL_OK;
            }
            i += 2; /* an escape: the next byte is never a terminator */
            continue;
        }
        if (max_string && i - start > max_string)
            return JL_STRING;
        {
            int h = jl_fill(s, i + 1);
            if (h <= 0)
                return h < 0 ? h : JL_EOF;
        }
    }
}

static int is_num_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* Scan a number or literal (true/false/null) at *ip. */
static int scan_atom(jl_src *s, size_t *ip, int number)
{
    size_t i = *ip;
    for (;;) {
        int h = have(s, i);
        unsigned char c;
        if (h < 0)
            return h;
        if (h == 0)
            break;
        c = s->p[i];
        if (number ? !is_num_char(c) : !(c >= 'a' && c <= 'z'))
            break;
        i++;
    }
    if (i == *ip)
        return JL_SYNTAX;
    *ip = i;
    return JL_OK;
}

int jl_value(jl_src *s, size_t *ip, jl_nums *nums, const jl_scan_limits *lim)
{
    size_t i = *ip, start = *ip;
    uint32_t depth = 0;
    int rc;
    for (;;) {
        unsigned char c;
        if (i >= s->n) {
            int h = jl_fill(s, i + 1);
            if (h <= 0)
                return h < 0 ? h : JL_EOF;
            if (lim->max_bytes && s->n - start > lim->max_bytes)
                return JL_BIG;
        }
        c = s->p[i];
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': case ',': case ':':
            i++;
            continue;
        case '"':
            if ((rc = jl_string(s, &i, lim->max_string)) != JL_OK)
                return rc;
            break;
        case '{': case '[':
            if (lim->depth0 + ++depth > lim->max_depth)
                return JL_DEPTH;
            i++;
            continue;
        case '}': case ']':
            if (depth == 0)
                return JL_SYNTAX;
            i++;
            depth--;
            break;
        case 't': case 'f': case 'n':
            if ((rc = scan_atom(s, &i, 0)) != JL_OK)
                return rc;
            break;
        default:
            if (c != '-' && (c < '0' || c > '9'))
                return JL_SYNTAX;
            {
                size_t j = i;
                if ((rc = scan_atom(s, &i, 1)) != JL_OK)
                    return rc;
                if (nums && (rc = nums_push(nums, j - start, i - j)) != JL_OK)
                    return rc;
            }
            break;
        }
        if (depth == 0) {
            /* Strings fill the window on their own: check the size once more. */
            if (lim->max_bytes && i - start > lim->max_bytes)
                return JL_BIG;
            *ip = i;
            return JL_OK;
        }
    }
}

int jl_skip(jl_src *s, size_t *ip, const jl_scan_limits *lim)
{
    size_t i = *ip;
    uint32_t depth = 0;
    int in_str = 0;
    int h = have(s, i);
    if (h <= 0)
        return h < 0 ? h : JL_EOF;
    if (s->p[i] != '{' && s->p[i] != '[') { /* a scalar is small: scan it in place */
        jl_scan_limits l = *lim;
        l.max_bytes = 0;
        return jl_value(s, ip, NULL, &l);
    }
    for (;;) {
        const unsigned char *p = s->p;
        size_t n = s->n;
        while (i < n) {
            unsigned char c = p[i++];
            if (in_str) {
                if (c == '\\')
                    i++;
                else if (c == '"')
                    in_str = 0;
                continue;
            }
            if (c == '"') {
                in_str = 1;
            } else if (c == '{' || c == '[') {
                if (lim->depth0 + ++depth > lim->max_depth)
                    return JL_DEPTH;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) {
                    *ip = i;
                    return JL_OK;
                }
            }
        }
        /* Everything scanned can go: the skipped value is never kept. */
        if (i > n) { /* an escape straddles the window end */
            jl_drop(s, n);
            i -= n;
        } else {
            jl_drop(s, i);
            i = 0;
        }
        h = jl_fill(s, i + 1);
        if (h <= 0)
            return h < 0 ? h : JL_EOF;
    }
}
