/*
 * validate.c - the validator core: options, diagnostics with paths, the
 * header checks and the stream driver. The rules of each layer live in
 * validate_epcis.c (structure, semantics, CBV), validate_ids.c
 * (identifiers, master data) and validate_profile.c (UTDS profiles).
 */
#include <string.h>
#include <time.h>

#include "validate_int.h"

int trace_validator_new(trace_validator **out, const trace_ctx *ctx,
                        const trace_validate_options *opts)
{
    static const trace_validate_options defaults = TRACE_VALIDATE_OPTIONS_INIT;
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_validator *v;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != TRACE_VALIDATE_OPTIONS_VERSION ||
        (unsigned)opts->level > TRACE_LEVEL_COMPLIANT)
        return TRACE_EINVAL;
    v = trace__calloc(a, 1, sizeof(*v));
    if (!v)
        return TRACE_ENOMEM;
    v->ctx = ctx;
    v->alloc = a;
    v->opts = *opts;
    if (!v->opts.future_tolerance)
        v->opts.future_tolerance = 300;
    if (!v->opts.now)
        v->opts.now = (int64_t)time(NULL);
    if (trace__validate_profile_init(v) != TRACE_OK) {
        trace__free(a, v);
        return TRACE_ENOTFOUND;
    }
    *out = v;
    return TRACE_OK;
}

void trace_validator_free(trace_validator *v)
{
    if (!v)
        return;
    trace__free(v->alloc, v->code);
    trace__free(v->alloc, v->cache);
    trace__vplan_free(v);
    trace__free(v->alloc, v->memo);
    trace__free(v->alloc, (void *)v->sort);
    trace__free(v->alloc, v);
}

/* ------------------------------------------------------------ paths */

/* Appending to a fixed buffer as successive snprintf calls would: n counts the
 * bytes wanted, the buffer keeps what fits and stays NUL-terminated. Paths are
 * built for every diagnostic, so this avoids the cost of formatted output. */
typedef struct pathbuf {
    char *buf;
    size_t size, n;
} pathbuf;

static void put(pathbuf *p, const char *s, size_t len)
{
    if (p->n < p->size) {
        size_t room = p->size - p->n - 1, k = len < room ? len : room;
        memcpy(p->buf + p->n, s, k);
        p->buf[p->n + k] = '\0';
    }
    p->n += len;
}

static void put_s(pathbuf *p, const char *s)
{
    put(p, s, strlen(s));
}

static void put_num(pathbuf *p, long long v)
{
    char d[24];
    size_t i = sizeof(d);
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        d[--i] = (char)('0' + u % 10);
    while ((u /= 10) != 0);
    if (v < 0)
        d[--i] = '-';
    put(p, d + i, sizeof(d) - i);
}

static void event_path(const trace__vrun *c, pathbuf *p)
{
    if (!c->ev)
        return;
    if (c->v->opts.path_style == TRACE_PATH_XML) {
        put_s(p, "EPCISBody/EventList/");
        put_s(p, trace_event_type_name(c->ev->type));
        put(p, "[", 1);
        put_num(p, (long long)c->ev->index + 1);
        put(p, "]", 1);
    } else {
        put_s(p, "/epcisBody/eventList/");
        put_num(p, (long long)c->ev->index);
    }
}

void trace__vpath(const trace__vrun *c, char *buf, size_t size, const char *field,
                  const char *item, long index, const char *sub)
{
    pathbuf p = {buf, size, 0};
    int xml = c->v->opts.path_style == TRACE_PATH_XML;
    if (size)
        buf[0] = '\0';
    event_path(c, &p);
    if (p.n >= size)
        return;
    if (field) {
        put(&p, "/", 1);
        put_s(&p, field);
    }
    if (p.n < size && index >= 0) {
        if (xml) {
            put(&p, "/", 1);
            put_s(&p, item ? item : "item");
            put(&p, "[", 1);
            put_num(&p, (long long)index + 1);
            put(&p, "]", 1);
        } else {
            put(&p, "/", 1);
            put_num(&p, index);
        }
    }
    if (p.n < size && sub) {
        put(&p, "/", 1);
        put_s(&p, sub);
    }
}

/* ------------------------------------------------------- diagnostics */

trace_diag *trace__vdiag(trace__vrun *c, int code, trace_pos pos, const char *field,
                         const char *item, long index, const char *sub)
{
    trace_diag *d = &c->scratch;
    trace__diag_init(d, code);
    trace__loc_set_source(&d->loc, c->source);
    d->loc.line = pos.line ? pos.line : (c->ev ? c->ev->pos.line : 0);
    d->loc.column = pos.line ? pos.column : (c->ev ? c->ev->pos.column : 0);
    d->loc.record = c->ev ? c->ev->index : -1;
    trace__vpath(c, d->loc.path, sizeof(d->loc.path), field, item, index, sub);
    if (c->ev)
        trace__diag_argn(d, "type", c->ev->type_name.s ? c->ev->type_name.s
                                                         : trace_event_type_name(c->ev->type),
                         c->ev->type_name.s ? c->ev->type_name.len
                                            : strlen(trace_event_type_name(c->ev->type)));
    if (field)
        trace__diag_arg(d, "field", field);
    return d;
}

void trace__vemit(trace__vrun *c, trace_diag *d)
{
    if (d->severity >= TRACE_SEV_ERROR)
        c->errors++;
    else if (d->severity == TRACE_SEV_WARNING)
        c->warnings++;
    if (c->ev && c->ev->event_id.raw.len)
        trace__diag_argn(d, "eventID", c->ev->event_id.raw.s, c->ev->event_id.raw.len);
    if (c->diags)
        trace_diag_list_add(c->diags, d);
}

void trace__vreport(trace__vrun *c, int code, trace_pos pos, const char *field,
                    const char *item, long index, const char *key, trace_str value)
{
    trace_diag *d = trace__vdiag(c, code, pos, field, item, index, NULL);
    if (key)
        trace__diag_argn(d, key, value.s ? value.s : "", value.len);
    trace__vemit(c, d);
}

/* ------------------------------------------------------------ header */

/* The profile an XML document declares in its SBDH:
 * BusinessScope/Scope with Type "UTDS-Profile"; its InstanceIdentifier. */
static trace_str sbdh_profile(const trace_header *hdr)
{
    trace_str none = {NULL, 0};
    size_t i, j, k;
    for (i = 0; i < hdr->nsbdh_ext; i++) {
        const trace_ext *bs = &hdr->sbdh_ext[i];
        if (!trace_str_eq(bs->name, "BusinessScope"))
            continue;
        for (j = 0; j < bs->nchildren; j++) {
            const trace_ext *scope = &bs->children[j];
            trace_str type = none, id = none;
            if (!trace_str_eq(scope->name, "Scope"))
                continue;
            for (k = 0; k < scope->nchildren; k++) {
                if (trace_str_eq(scope->children[k].name, "Type"))
                    type = scope->children[k].text;
                else if (trace_str_eq(scope->children[k].name, "InstanceIdentifier"))
                    id = scope->children[k].text;
            }
            if (trace_str_eq(type, "UTDS-Profile"))
                return id;
        }
    }
    return none;
}

int trace_validate_header(trace_validator *v, const trace_header *hdr,
                          const trace_masterdata *md, trace_diag_list *diags)
{
    trace__vrun c;
    trace_pos none = {0, 0};
    if (!v || !hdr)
        return TRACE_EINVAL;
    memset(&c, 0, sizeof(c));
    c.v = v;
    c.diags = diags;
    c.source = v->source;
    v->md = md;
    if (hdr->schema_version.len == 0)
        trace__vreport(&c, TRACE__D_HEADER_FIELD_MISSING, hdr->pos, "schemaVersion", NULL, -1,
                       NULL, hdr->schema_version);
    else if (!trace_str_eq(hdr->schema_version, "2.0") &&
             !trace_str_eq(hdr->schema_version, "2.0.1"))
        trace__vreport(&c, TRACE__D_SCHEMA_VERSION, hdr->pos, "schemaVersion", NULL, -1,
                       "value", hdr->schema_version);
    if (hdr->creation_date.lexeme.len == 0)
        trace__vreport(&c, TRACE__D_HEADER_FIELD_MISSING, hdr->pos, "creationDate", NULL, -1,
                       NULL, hdr->schema_version);
    else if (!hdr->creation_date.valid && !v->lexical_checked)
        trace__vreport(&c, TRACE__D_BAD_TIME, hdr->creation_date.pos, "creationDate", NULL, -1,
                       "value", hdr->creation_date.lexeme);
    {
        trace_str prof = hdr->profile.len ? hdr->profile : sbdh_profile(hdr);
        if (!v->opts.profile && prof.len && prof.len < sizeof(v->profile_name)) {
            memcpy(v->profile_name, prof.s, prof.len);
            v->profile_name[prof.len] = '\0';
            if (trace__validate_profile_init(v) != TRACE_OK)
                v->profile_name[0] = '\0';
        }
    }
    (void)none;
    if (!(v->opts.flags & TRACE_VALIDATE_NO_PROFILE)) {
        trace__validate_master_rules(&c, md);
        trace__validate_master_rules(&c, v->opts.master);
    }
    return c.errors ? TRACE_EDATA : TRACE_OK;
}

/* ------------------------------------------------------------- event */

int trace_validate_event(trace_validator *v, const trace_event *ev, trace_diag_list *diags)
{
    trace__vrun c;
    if (!v || !ev)
        return TRACE_EINVAL;
    memset(&c, 0, sizeof(c));
    c.v = v;
    c.ev = ev;
    c.diags = diags;
    c.source = v->source;
    trace__validate_structure(&c);
    trace__validate_semantics(&c);
    trace__validate_cbv(&c);
    if (!(v->opts.flags & TRACE_VALIDATE_NO_IDS))
        trace__validate_ids(&c);
    if (!(v->opts.flags & TRACE_VALIDATE_NO_MASTER))
        trace__validate_master(&c);
    if (!(v->opts.flags & TRACE_VALIDATE_NO_PROFILE))
        trace__validate_profile(&c);
    return c.errors ? TRACE_EDATA : TRACE_OK;
}

/* ------------------------------------------------------------ stream */

int trace_validate_stream(trace_validator *v, trace_reader *r, trace_diag_list *diags,
                          trace_validate_summary *sum, trace_progress_fn progress,
                          void *payload)
{
    const trace_header *hdr;
    const trace_masterdata *md;
    const trace_event *ev;
    trace_validate_summary s;
    size_t before_err = trace_diag_list_count_severity(diags, TRACE_SEV_ERROR);
    size_t before_warn = trace_diag_list_count_severity(diags, TRACE_SEV_WARNING) - before_err;
    int rc;
    if (!v || !r)
        return TRACE_EINVAL;
    memset(&s, 0, sizeof(s));
    trace__strlcpy(v->source, trace_reader_source(r), sizeof(v->source));
    v->lexical_checked = 1; /* readers report malformed lexemes (TR-EVT) themselves */
    rc = trace_reader_header(r, &hdr, &md); /* detects the format */
    if (trace_reader_format(r) == TRACE_FMT_XML || trace_reader_format(r) == TRACE_FMT_XML12)
        v->opts.path_style = TRACE_PATH_XML;
    if (rc == TRACE_OK)
        trace_validate_header(v, hdr, md, diags);
    while (rc == TRACE_OK || rc == TRACE_EDATA) {
        rc = trace_reader_next(r, &ev);
        if (rc == TRACE_EOF) {
            rc = TRACE_OK;
            break;
        }
        if (rc == TRACE_OK) {
            s.events++;
            if (trace_validate_event(v, ev, diags) != TRACE_OK)
                s.invalid++;
        } else if (rc == TRACE_EDATA) {
            s.events++, s.invalid++;
        }
        if (progress && s.events % 10000 == 0)
            progress(s.events, trace_reader_bytes(r), trace_reader_size(r), payload);
    }
    s.bytes = trace_reader_bytes(r);
    s.errors = trace_diag_list_count_severity(diags, TRACE_SEV_ERROR) - before_err;
    s.warnings = trace_diag_list_count_severity(diags, TRACE_SEV_WARNING) - s.errors -
                 before_err - before_warn;
    v->lexical_checked = 0;
    if (sum)
        *sum = s;
    if (rc != TRACE_OK && rc != TRACE_ELIMIT)
        return rc;
    return s.errors ? TRACE_EDATA : TRACE_OK;
}
