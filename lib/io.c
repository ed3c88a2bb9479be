/*
 * io.c - the reader/writer core: input and output streams (file, stdio,
 * memory, callback), transparent gzip, format detection, the codec
 * registry, and diagnostic reporting for codecs (UTDS Part 3).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_int.h"

#define X(id) extern const trace__format trace__format_##id;
#include "formats.inc"
#undef X

static const trace__format *const formats[] = {
#define X(id) &trace__format_##id,
#include "formats.inc"
#undef X
    NULL};

#define RAW_CHUNK (64u * 1024u)
#define SNIFF_BYTES 4096u

static const char *const format_names[] = {"auto", "xml", "jsonld", "jsonl", "csv", "xml12"};

const char *trace_format_name(trace_format f)
{
    return (unsigned)f < TRACE__ARRAY_LEN(format_names) ? format_names[f] : NULL;
}

int trace_format_from_name(const char *name, trace_format *out)
{
    size_t i;
    for (i = 0; name && i < TRACE__ARRAY_LEN(format_names); i++)
        if (!trace__strcasecmp(name, format_names[i])) {
            if (out)
                *out = (trace_format)i;
            return TRACE_OK;
        }
    if (name && !trace__strcasecmp(name, "json")) { /* common alias */
        if (out)
            *out = TRACE_FMT_JSONLD;
        return TRACE_OK;
    }
    return TRACE_ENOTFOUND;
}

const trace__format *trace__format_find(trace_format f)
{
    size_t i;
    for (i = 0; formats[i]; i++)
        if (formats[i]->format == f)
            return formats[i];
    return NULL;
}

int trace_format_supported(trace_format f, int want_write)
{
    const trace__format *c = trace__format_find(f);
    return c && (want_write ? c->w_event != NULL : c->r_next != NULL);
}

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
    *p = in->buf ? in->buf + in->pos : (const unsigned char *)""; /* empty input: no buffer */
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
static int detect_gzip(trace__in *in)
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

static void in_close(trace__in *in)
{
    if (in->gzip)
        inflateEnd(&in->z);
    if (in->own_fp && in->fp)
        fclose(in->fp);
    trace__free(in->alloc, in->raw);
    trace__free(in->alloc, in->buf);
}

/* ============================================================= reporting */

static void report_v(trace_reader *r, int code, trace_pos pos, int64_t record,
                     const char *path, va_list ap)
{
    trace_diag d;
    const char *k;
    trace__diag_init(&d, code);
    trace__loc_set_source(&d.loc, r->source);
    d.loc.line = pos.line;
    d.loc.column = pos.column;
    d.loc.record = record;
    if (path)
        trace__strlcpy(d.loc.path, path, sizeof(d.loc.path));
    while ((k = va_arg(ap, const char *)) != NULL)
        trace__diag_arg(&d, k, va_arg(ap, const char *));
    if (d.severity >= TRACE_SEV_ERROR)
        r->nerrors++;
    if (d.severity == TRACE_SEV_FATAL)
        r->fatal = 1;
    if (r->diags)
        trace_diag_list_add(r->diags, &d);
}

void trace__reader_report(trace_reader *r, int code, trace_pos pos, const char *path, ...)
{
    va_list ap;
    va_start(ap, path);
    report_v(r, code, pos, r->opened && r->header_rc == TRACE_OK ? (int64_t)r->nevents : -1,
             path, ap);
    va_end(ap);
}

void trace__reader_report_at(trace_reader *r, int code, trace_pos pos, int64_t record,
                             const char *path, ...)
{
    va_list ap;
    va_start(ap, path);
    report_v(r, code, pos, record, path, ap);
    va_end(ap);
}

int trace__reader_input_error(trace_reader *r)
{
    trace_pos pos = {0, 0};
    int err = r->in.error;
    if (r->input_failed)
        return err == TRACE_ENOMEM ? TRACE_ENOMEM : TRACE_EIO;
    r->input_failed = 1;
    if (err == TRACE_ENOMEM)
        return TRACE_ENOMEM;
    if (r->in.gzip && err == TRACE_EDATA)
        trace__reader_report(r, TRACE__D_GZIP_CORRUPT, pos, NULL, "reason",
                             r->in.eof_raw ? "truncated or damaged stream" : "damaged stream",
                             NULL);
    else
        trace__reader_report(r, TRACE__D_READ_FAILED, pos, NULL, "file", r->source, "reason",
                             "read error", NULL);
    return TRACE_EIO;
}

void trace__writer_loss(trace_writer *w, int code, int64_t record, const char *path, ...)
{
    trace_diag d;
    const char *k;
    va_list ap;
    trace__diag_init(&d, code);
    trace__loc_set_source(&d.loc, w->target);
    d.loc.record = record;
    if (path)
        trace__strlcpy(d.loc.path, path, sizeof(d.loc.path));
    trace__diag_arg(&d, "format", trace_format_name(w->opts.format));
    va_start(ap, path);
    while ((k = va_arg(ap, const char *)) != NULL)
        trace__diag_arg(&d, k, va_arg(ap, const char *));
    va_end(ap);
    if (w->losses)
        trace_diag_list_add(w->losses, &d);
}

/* ================================================================ reader */

static int reader_new(trace_reader **out, const trace_ctx *ctx,
                      const trace_reader_options *opts, const char *default_name)
{
    static const trace_reader_options defaults = TRACE_READER_OPTIONS_INIT;
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_reader *r;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != TRACE_READER_OPTIONS_VERSION)
        return TRACE_EINVAL;
    r = trace__calloc(a, 1, sizeof(*r));
    if (!r)
        return TRACE_ENOMEM;
    r->ctx = ctx;
    r->alloc = a;
    r->in.alloc = a;
    r->diags = opts->diags;
    if (opts->xsd && !(r->xsd = trace__strndup(a, opts->xsd, strlen(opts->xsd)))) {
        trace__free(a, r);
        return TRACE_ENOMEM;
    }
    trace__strlcpy(r->source, opts->source_name ? opts->source_name : default_name,
                   sizeof(r->source));
    trace__arena_init(&r->doc_arena, a, 0);
    trace__arena_init(&r->ev_arena, a, (size_t)trace_ctx_limits(ctx)->max_record * 4);
    r->fmt = opts->format == TRACE_FMT_AUTO ? NULL : trace__format_find(opts->format);
    if (opts->format != TRACE_FMT_AUTO && (!r->fmt || !r->fmt->r_next)) {
        trace__free(a, r);
        return TRACE_EUNSUPPORTED;
    }
    *out = r;
    return TRACE_OK;
}

/* Pick the codec with the highest sniff score over the first bytes. */
static const trace__format *detect_format(trace_reader *r)
{
    const unsigned char *p;
    const trace__format *best = NULL;
    int best_score = 0;
    size_t i;
    long n = trace__in_peek(&r->in, &p, SNIFF_BYTES);
    if (n <= 0)
        return NULL;
    for (i = 0; formats[i]; i++) {
        int s = formats[i]->sniff && formats[i]->r_next ? formats[i]->sniff(p, (size_t)n) : 0;
        if (s > best_score)
            best_score = s, best = formats[i];
    }
    return best;
}

static int reader_open(trace_reader *r)
{
    int rc;
    trace_pos pos = {0, 0};
    if (r->opened)
        return r->header_rc;
    r->opened = 1;
    /* Not TRACE_OK while opening: diagnostics about the document start get record -1. */
    r->header_rc = TRACE_EOF;
    trace_header_init(&r->hdr);
    rc = detect_gzip(&r->in);
    if (rc == TRACE_OK && !r->fmt) {
        r->fmt = detect_format(r);
        if (!r->fmt) {
            if (r->in.error == TRACE_EDATA)
                trace__reader_report(r, TRACE__D_GZIP_CORRUPT, pos, NULL, "reason",
                                     "cannot inflate", NULL);
            else if (r->in.error)
                trace__reader_report(r, TRACE__D_READ_FAILED, pos, NULL, "file", r->source,
                                     "reason", strerror(errno), NULL);
            else
                trace__reader_report(r, TRACE__D_UNKNOWN_FORMAT, pos, NULL, "file", r->source,
                                     NULL);
            r->eof = 1;
            return r->header_rc = r->in.error == TRACE_EIO ? TRACE_EIO : TRACE_EDATA;
        }
    }
    if (rc == TRACE_OK)
        rc = r->fmt->r_open(r);
    if (rc != TRACE_OK)
        r->eof = 1;
    return r->header_rc = rc;
}

int trace_reader_open_mem(trace_reader **out, const trace_ctx *ctx, const void *buf,
                          size_t len, const trace_reader_options *opts)
{
    int rc = reader_new(out, ctx, opts, "(memory)");
    if (rc != TRACE_OK)
        return rc;
    if (!buf && len) {
        trace_reader_free(*out);
        *out = NULL;
        return TRACE_EINVAL;
    }
    (*out)->in.mem = buf ? buf : (const void *)"";
    (*out)->in.mem_len = len;
    (*out)->in.size = len;
    return TRACE_OK;
}

int trace_reader_open_fp(trace_reader **out, const trace_ctx *ctx, FILE *fp,
                         const trace_reader_options *opts)
{
    struct stat st;
    int rc;
    if (!fp)
        return TRACE_EINVAL;
    rc = reader_new(out, ctx, opts, "-");
    if (rc != TRACE_OK)
        return rc;
    (*out)->in.fp = fp;
    if (fstat(fileno(fp), &st) == 0 && S_ISREG(st.st_mode))
        (*out)->in.size = (uint64_t)st.st_size;
    return TRACE_OK;
}

int trace_reader_open_cb(trace_reader **out, const trace_ctx *ctx, trace_read_fn fn,
                         void *payload, const trace_reader_options *opts)
{
    int rc;
    if (!fn)
        return TRACE_EINVAL;
    rc = reader_new(out, ctx, opts, "(callback)");
    if (rc != TRACE_OK)
        return rc;
    (*out)->in.cb = fn;
    (*out)->in.cb_payload = payload;
    return TRACE_OK;
}

int trace_reader_open_file(trace_reader **out, const trace_ctx *ctx, const char *path,
                           const trace_reader_options *opts)
{
    trace_reader_options o;
    FILE *fp;
    int rc;
    if (!path || !out)
        return TRACE_EINVAL;
    if (!strcmp(path, "-"))
        return trace_reader_open_fp(out, ctx, stdin, opts);
    fp = fopen(path, "rb");
    if (!fp) {
        int err = errno;
        if (opts && opts->diags) {
            trace_diag d;
            trace__diag_init(&d, TRACE__D_OPEN_FAILED);
            trace__loc_set_source(&d.loc, path);
            trace__diag_arg(&d, "file", path);
            trace__diag_arg(&d, "reason", strerror(err));
            trace_diag_list_add(opts->diags, &d);
        }
        *out = NULL;
        return TRACE_EIO;
    }
    if (opts)
        o = *opts;
    else {
        trace_reader_options d = TRACE_READER_OPTIONS_INIT;
        o = d;
    }
    if (!o.source_name)
        o.source_name = path;
    rc = trace_reader_open_fp(out, ctx, fp, &o);
    if (rc != TRACE_OK) {
        fclose(fp);
        return rc;
    }
    (*out)->in.own_fp = 1;
    return TRACE_OK;
}

int trace_reader_header(trace_reader *r, const trace_header **hdr, const trace_masterdata **md)
{
    int rc;
    if (!r)
        return TRACE_EINVAL;
    rc = reader_open(r);
    if (hdr)
        *hdr = &r->hdr;
    if (md)
        *md = &r->md;
    return rc;
}

int trace_reader_next(trace_reader *r, const trace_event **ev)
{
    int rc;
    if (!r || !ev)
        return TRACE_EINVAL;
    *ev = NULL;
    if (!r->opened && reader_open(r) != TRACE_OK)
        return r->header_rc == TRACE_EIO ? TRACE_EIO : TRACE_EDATA;
    if (r->eof || r->fatal)
        return TRACE_EOF;
    trace__arena_reset(&r->ev_arena);
    trace_event_init(&r->ev);
    r->ev.index = (int64_t)r->nevents;
    rc = r->fmt->r_next(r, &r->ev);
    if (rc == TRACE_OK) {
        r->nevents++;
        *ev = &r->ev;
        return TRACE_OK;
    }
    if (rc == TRACE_EOF || rc == TRACE_ELIMIT || rc == TRACE_EIO || rc == TRACE_ENOMEM)
        r->eof = 1;
    if (rc == TRACE_EDATA)
        r->nevents++; /* a skipped event still has an index */
    return rc;
}

const trace_trailer *trace_reader_trailer(const trace_reader *r)
{
    return r ? &r->trailer : NULL;
}

trace_format trace_reader_format(const trace_reader *r)
{
    return r && r->fmt ? r->fmt->format : TRACE_FMT_AUTO;
}

uint64_t trace_reader_bytes(const trace_reader *r)
{
    return r ? r->in.consumed : 0;
}

uint64_t trace_reader_size(const trace_reader *r)
{
    return r ? r->in.size : 0;
}

uint64_t trace_reader_events(const trace_reader *r)
{
    return r ? r->nevents : 0;
}

const char *trace_reader_source(const trace_reader *r)
{
    return r ? r->source : "";
}

void trace_reader_free(trace_reader *r)
{
    const trace_allocator *a;
    if (!r)
        return;
    a = r->alloc;
    if (r->fmt && r->fmt->r_close)
        r->fmt->r_close(r);
    in_close(&r->in);
    trace__free(a, r->xsd);
    trace__arena_free(&r->doc_arena);
    trace__arena_free(&r->ev_arena);
    trace__free(a, r);
}

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

static int out_flush(trace__out *o, int finish)
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
        if (o->len == o->cap && out_flush(o, 0) != TRACE_OK)
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

/* ================================================================ writer */

static int writer_new(trace_writer **out, const trace_ctx *ctx,
                      const trace_writer_options *opts, const char *name)
{
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_writer *w;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!opts || opts->version != TRACE_WRITER_OPTIONS_VERSION ||
        opts->format == TRACE_FMT_AUTO || (unsigned)opts->ids > TRACE_ID_STYLE_URN ||
        (unsigned)opts->cbv > TRACE_CBV_STYLE_BARE)
        return TRACE_EINVAL;
    w = trace__calloc(a, 1, sizeof(*w));
    if (!w)
        return TRACE_ENOMEM;
    w->ctx = ctx;
    w->alloc = a;
    trace__arena_init(&w->ids_arena, a, 0);
    w->opts = *opts;
    w->losses = opts->losses;
    w->out.alloc = a;
    trace__strlcpy(w->target, opts->target_name ? opts->target_name : name, sizeof(w->target));
    w->opts.target_name = NULL;
    w->fmt = trace__format_find(opts->format);
    if (!w->fmt || !w->fmt->w_event) {
        trace__free(a, w);
        return TRACE_EUNSUPPORTED;
    }
    if (opts->gzip) {
        memset(&w->out.z, 0, sizeof(w->out.z));
        if (deflateInit2(&w->out.z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
            trace__free(a, w);
            return TRACE_ENOMEM;
        }
        w->out.gzip = 1;
        w->out.z_init = 1;
    }
    *out = w;
    return TRACE_OK;
}

static int writer_start(trace_writer *w)
{
    int rc = w->fmt->w_open ? w->fmt->w_open(w) : TRACE_OK;
    if (rc != TRACE_OK)
        trace_writer_free(w);
    return rc;
}

int trace_writer_open_fp(trace_writer **out, const trace_ctx *ctx, FILE *fp,
                         const trace_writer_options *opts)
{
    int rc;
    if (!fp)
        return TRACE_EINVAL;
    rc = writer_new(out, ctx, opts, "-");
    if (rc != TRACE_OK)
        return rc;
    (*out)->out.fp = fp;
    rc = writer_start(*out);
    if (rc != TRACE_OK)
        *out = NULL;
    return rc;
}

int trace_writer_open_cb(trace_writer **out, const trace_ctx *ctx, trace_write_fn fn,
                         void *payload, const trace_writer_options *opts)
{
    int rc;
    if (!fn)
        return TRACE_EINVAL;
    rc = writer_new(out, ctx, opts, "(callback)");
    if (rc != TRACE_OK)
        return rc;
    (*out)->out.cb = fn;
    (*out)->out.cb_payload = payload;
    rc = writer_start(*out);
    if (rc != TRACE_OK)
        *out = NULL;
    return rc;
}

int trace_writer_open_file(trace_writer **out, const trace_ctx *ctx, const char *path,
                           const trace_writer_options *opts)
{
    trace_writer *w;
    size_t n;
    int fd, rc;
    if (!path)
        return TRACE_EINVAL;
    if (!strcmp(path, "-"))
        return trace_writer_open_fp(out, ctx, stdout, opts);
    rc = writer_new(out, ctx, opts, path);
    if (rc != TRACE_OK)
        return rc;
    w = *out;
    n = strlen(path);
    w->out.path = trace__strndup(w->alloc, path, n);
    w->out.tmp_path = trace__malloc(w->alloc, n + 16);
    if (!w->out.path || !w->out.tmp_path) {
        trace_writer_free(w);
        *out = NULL;
        return TRACE_ENOMEM;
    }
    /* Write beside the target and rename at close: readers never see half a file. */
    snprintf(w->out.tmp_path, n + 16, "%s.tmpXXXXXX", path);
    fd = mkstemp(w->out.tmp_path);
    if (fd < 0 || !(w->out.fp = fdopen(fd, "wb"))) {
        if (fd >= 0)
            close(fd);
        trace__free(w->alloc, w->out.tmp_path);
        w->out.tmp_path = NULL;
        trace_writer_free(w);
        *out = NULL;
        return TRACE_EIO;
    }
    w->out.own_fp = 1;
    rc = writer_start(w);
    if (rc != TRACE_OK)
        *out = NULL;
    return rc;
}

int trace_writer_header(trace_writer *w, const trace_header *hdr, const trace_masterdata *md)
{
    trace_header empty;
    int rc;
    if (!w || w->header_done || w->closed)
        return TRACE_EINVAL;
    if (!hdr) {
        trace_header_init(&empty);
        hdr = &empty;
    }
    w->header_done = 1;
    rc = w->fmt->w_header ? w->fmt->w_header(w, hdr, md) : TRACE_OK;
    return rc != TRACE_OK ? rc : w->out.error;
}

int trace_writer_event(trace_writer *w, const trace_event *ev)
{
    int rc;
    if (!w || !ev || w->closed)
        return TRACE_EINVAL;
    if (!w->header_done && (rc = trace_writer_header(w, NULL, NULL)) != TRACE_OK)
        return rc;
    rc = w->fmt->w_event(w, trace__writer_ids(w, ev));
    if (rc == TRACE_OK)
        w->nevents++;
    return rc != TRACE_OK ? rc : w->out.error;
}

int trace_writer_close(trace_writer *w, const trace_trailer *trailer)
{
    int rc;
    if (!w || w->closed)
        return TRACE_EINVAL;
    if (!w->header_done && (rc = trace_writer_header(w, NULL, NULL)) != TRACE_OK)
        return rc;
    w->closed = 1;
    rc = w->fmt->w_close ? w->fmt->w_close(w, trailer) : TRACE_OK;
    if (out_flush(&w->out, 1) != TRACE_OK && rc == TRACE_OK)
        rc = TRACE_EIO;
    if (w->out.fp && fflush(w->out.fp) != 0 && rc == TRACE_OK)
        rc = TRACE_EIO;
    if (w->out.own_fp) {
        if (fclose(w->out.fp) != 0 && rc == TRACE_OK)
            rc = TRACE_EIO;
        w->out.fp = NULL;
        w->out.own_fp = 0;
        if (rc == TRACE_OK && rename(w->out.tmp_path, w->out.path) != 0)
            rc = TRACE_EIO;
        if (rc != TRACE_OK)
            unlink(w->out.tmp_path);
        trace__free(w->alloc, w->out.tmp_path);
        w->out.tmp_path = NULL;
    }
    return rc;
}

uint64_t trace_writer_events(const trace_writer *w)
{
    return w ? w->nevents : 0;
}

uint64_t trace_writer_bytes(const trace_writer *w)
{
    return w ? w->out.written : 0;
}

void trace_writer_free(trace_writer *w)
{
    const trace_allocator *a;
    if (!w)
        return;
    a = w->alloc;
    if (w->fmt && w->fmt->w_free)
        w->fmt->w_free(w);
    trace__arena_free(&w->ids_arena);
    trace__free(a, w->ids_res);
    if (w->out.z_init)
        deflateEnd(&w->out.z);
    if (w->out.own_fp && w->out.fp) {
        fclose(w->out.fp);
        if (w->out.tmp_path)
            unlink(w->out.tmp_path); /* never closed: discard */
    }
    trace__free(a, w->out.tmp_path);
    trace__free(a, w->out.path);
    trace__free(a, w->out.buf);
    trace__free(a, w);
}
