/*
 * io.c - the reader/writer core: format detection, the codec registry,
 * readers and writers, and diagnostic reporting for codecs (UTDS Part 3).
 * The streams they read and write are io_in.c and io_out.c.
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
    rc = trace__in_detect_gzip(&r->in);
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
    trace__in_close(&r->in);
    trace__free(a, r->xsd);
    trace__arena_free(&r->doc_arena);
    trace__arena_free(&r->ev_arena);
    trace__free(a, r);
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
    if (trace__out_flush(&w->out, 1) != TRACE_OK && rc == TRACE_OK)
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
