/*
 * test_xml_dump.h - a compact, complete text form of the model used by the
 * XML codec tests and the XML fuzz target to compare models (read -> write
 * -> read must give the same text). Positions and the as-read member order
 * are left out: they legitimately change when a document is rewritten.
 */
#ifndef TEST_XML_DUMP_H
#define TEST_XML_DUMP_H

#include <stdio.h>
#include <string.h>

#include "libtrace/trace.h"

typedef struct xd_buf {
    char *s;
    size_t len, cap;
} xd_buf;

static void xd_put(xd_buf *b, const char *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (b->len + n + 1 > cap)
            cap *= 2;
        b->s = realloc(b->s, cap);
        if (!b->s)
            abort();
        b->cap = cap;
    }
    memcpy(b->s + b->len, p, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void xd_c(xd_buf *b, const char *s)
{
    xd_put(b, s, strlen(s));
}

static void xd_kv(xd_buf *b, const char *k, trace_str v)
{
    if (!v.len)
        return;
    xd_c(b, k);
    xd_c(b, "=");
    xd_put(b, v.s, v.len);
    xd_c(b, ";");
}

static void xd_num(xd_buf *b, const char *k, long long v)
{
    char t[64];
    snprintf(t, sizeof(t), "%s=%lld;", k, v);
    xd_c(b, t);
}

static void xd_ext(xd_buf *b, const trace_ext *x, size_t n)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        xd_c(b, x[i].kind == TRACE_EXT_ELEMENT ? "<" : x[i].kind == TRACE_EXT_TEXT ? "T" : "C");
        xd_kv(b, "ns", x[i].ns);
        xd_kv(b, "n", x[i].name);
        xd_kv(b, "p", x[i].prefix);
        xd_kv(b, "xt", x[i].xsi_type);
        if (x[i].type)
            xd_num(b, "ty", x[i].type);
        if (x[i].array)
            xd_c(b, "[]");
        for (j = 0; j < x[i].nattrs; j++) {
            xd_c(b, "@");
            xd_kv(b, "ns", x[i].attrs[j].ns);
            xd_kv(b, "n", x[i].attrs[j].name);
            xd_kv(b, "p", x[i].attrs[j].prefix);
            xd_kv(b, "v", x[i].attrs[j].value);
        }
        xd_kv(b, "t", x[i].text);
        xd_ext(b, x[i].children, x[i].nchildren);
        xd_c(b, ">");
    }
}

static void xd_ids(xd_buf *b, const char *k, const trace_id *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        xd_kv(b, k, ids[i].raw);
}

static void xd_idl(xd_buf *b, const char *k, const trace_id_list *l)
{
    if (!l->present && !l->n)
        return;
    xd_c(b, k);
    xd_c(b, "{");
    xd_ids(b, "epc", l->items, l->n);
    xd_c(b, "}");
}

static void xd_ql(xd_buf *b, const char *k, const trace_quantity_list *l)
{
    size_t i;
    if (!l->present && !l->n)
        return;
    xd_c(b, k);
    xd_c(b, "{");
    for (i = 0; i < l->n; i++) {
        xd_kv(b, "c", l->items[i].epc_class.raw);
        xd_kv(b, "q", l->items[i].quantity.lexeme);
        xd_kv(b, "u", l->items[i].uom);
        xd_c(b, "|");
    }
    xd_c(b, "}");
}

static void xd_attrs(xd_buf *b, const trace_sensor_attr *a, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        xd_kv(b, "ns", a[i].ns);
        xd_kv(b, "n", a[i].name);
        xd_kv(b, "p", a[i].prefix);
        xd_kv(b, "v", a[i].value);
        xd_num(b, "ty", a[i].type);
    }
}

static void xd_loc(xd_buf *b, const char *k, const trace_location *l)
{
    if (!l->present)
        return;
    xd_c(b, k);
    xd_c(b, "{");
    xd_kv(b, "id", l->id.raw);
    xd_ext(b, l->ext, l->next);
    xd_c(b, "}");
}

static void xd_event(xd_buf *b, const trace_event *ev)
{
    size_t i, j;
    xd_num(b, "type", ev->type);
    xd_kv(b, "tn", ev->type_name);
    xd_kv(b, "et", ev->event_time.lexeme);
    xd_kv(b, "rt", ev->record_time.lexeme);
    xd_kv(b, "tz", ev->tz_offset);
    xd_kv(b, "id", ev->event_id.raw);
    if (ev->error_declaration.present) {
        const trace_error_declaration *e = &ev->error_declaration;
        xd_c(b, "err{");
        xd_kv(b, "dt", e->declaration_time.lexeme);
        xd_kv(b, "r", e->reason.raw);
        xd_ids(b, "ce", e->corrective_ids, e->ncorrective_ids);
        xd_ext(b, e->ext, e->next);
        xd_c(b, "}");
    }
    xd_ids(b, "cert", ev->certification, ev->ncertification);
    xd_idl(b, "epcList", &ev->epc_list);
    xd_kv(b, "parent", ev->parent_id.raw);
    xd_idl(b, "child", &ev->child_epcs);
    xd_idl(b, "in", &ev->input_epcs);
    xd_idl(b, "out", &ev->output_epcs);
    xd_ql(b, "ql", &ev->quantity_list);
    xd_ql(b, "cql", &ev->child_quantity_list);
    xd_ql(b, "iql", &ev->input_quantity_list);
    xd_ql(b, "oql", &ev->output_quantity_list);
    xd_num(b, "action", ev->action);
    if (ev->action == TRACE_ACTION_INVALID)
        xd_kv(b, "araw", ev->action_raw);
    xd_kv(b, "tid", ev->transformation_id.raw);
    xd_kv(b, "bs", ev->biz_step.raw);
    xd_kv(b, "disp", ev->disposition.raw);
    if (ev->has_persistent_disposition) {
        xd_c(b, "pd{");
        for (i = 0; i < ev->npd_set; i++)
            xd_kv(b, "set", ev->pd_set[i].raw);
        for (i = 0; i < ev->npd_unset; i++)
            xd_kv(b, "unset", ev->pd_unset[i].raw);
        xd_c(b, "}");
    }
    xd_loc(b, "rp", &ev->read_point);
    xd_loc(b, "bl", &ev->biz_location);
    if (ev->biz_transactions_present || ev->nbiz_transactions)
        xd_c(b, "btl{");
    for (i = 0; i < ev->nbiz_transactions; i++) {
        xd_kv(b, "t", ev->biz_transactions[i].type.raw);
        xd_kv(b, "v", ev->biz_transactions[i].id.raw);
    }
    if (ev->biz_transactions_present || ev->nbiz_transactions)
        xd_c(b, "}");
    for (i = 0; i < ev->nsources; i++) {
        xd_kv(b, "st", ev->sources[i].type.raw);
        xd_kv(b, "s", ev->sources[i].id.raw);
    }
    for (i = 0; i < ev->ndestinations; i++) {
        xd_kv(b, "dt", ev->destinations[i].type.raw);
        xd_kv(b, "d", ev->destinations[i].id.raw);
    }
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *s = &ev->sensors[i];
        xd_c(b, "sensor{");
        if (s->has_metadata) {
            xd_c(b, "meta{");
            xd_attrs(b, s->metadata, s->nmetadata);
            xd_c(b, "}");
        }
        for (j = 0; j < s->nreports; j++) {
            xd_c(b, "rep{");
            xd_attrs(b, s->reports[j].attrs, s->reports[j].nattrs);
            xd_ext(b, s->reports[j].ext, s->reports[j].next);
            xd_c(b, "}");
        }
        xd_ext(b, s->ext, s->next);
        xd_c(b, "}");
    }
    if (ev->has_ilmd) {
        xd_c(b, "ilmd{");
        xd_ext(b, ev->ilmd, ev->nilmd);
        xd_c(b, "}");
    }
    xd_c(b, "ext{");
    xd_ext(b, ev->ext, ev->next);
    xd_c(b, "}");
    for (i = 0; i < ev->ncontext; i++) {
        xd_kv(b, "ctxp", ev->context[i].prefix);
        xd_kv(b, "ctxu", ev->context[i].uri);
    }
    xd_c(b, "\n");
}

static void xd_party(xd_buf *b, const char *k, const trace_sbdh_party *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        xd_c(b, k);
        xd_kv(b, "id", p[i].identifier);
        xd_kv(b, "auth", p[i].authority);
        xd_ext(b, p[i].contact, p[i].ncontact);
    }
}

static void xd_header(xd_buf *b, const trace_header *h, const trace_masterdata *md)
{
    size_t i, j, k;
    xd_kv(b, "doc", h->doc_type);
    xd_kv(b, "cd", h->creation_date.lexeme);
    xd_num(b, "sbdh", h->has_sbdh);
    xd_kv(b, "hv", h->sbdh_version);
    xd_party(b, "S", h->senders, h->nsenders);
    xd_party(b, "R", h->receivers, h->nreceivers);
    xd_kv(b, "std", h->standard);
    xd_kv(b, "tv", h->type_version);
    xd_kv(b, "iid", h->instance_id);
    xd_kv(b, "mt", h->message_type);
    xd_kv(b, "mul", h->multiple_type);
    xd_kv(b, "cr", h->created.lexeme);
    xd_ext(b, h->sbdh_ext, h->nsbdh_ext);
    xd_kv(b, "sender", h->sender);
    xd_kv(b, "receiver", h->receiver);
    xd_kv(b, "profile", h->profile);
    for (i = 0; i < h->nnamespaces; i++) {
        xd_kv(b, "nsp", h->namespaces[i].prefix);
        xd_kv(b, "nsu", h->namespaces[i].uri);
    }
    xd_kv(b, "qn", h->query_name);
    xd_kv(b, "sub", h->subscription_id);
    xd_c(b, "\n");
    for (i = 0; md && i < md->nvocabularies; i++) {
        const trace_vocabulary *v = &md->vocabularies[i];
        xd_kv(b, "voc", v->type);
        for (j = 0; j < v->nelements; j++) {
            const trace_md_element *e = &v->elements[j];
            xd_kv(b, "el", e->id);
            for (k = 0; k < e->nattrs; k++) {
                xd_kv(b, "a", e->attrs[k].id);
                xd_kv(b, "v", e->attrs[k].value);
                xd_ext(b, e->attrs[k].tree, e->attrs[k].ntree);
            }
            for (k = 0; k < e->nchildren; k++)
                xd_kv(b, "ch", e->children[k]);
            xd_ext(b, e->ext, e->next);
        }
        xd_c(b, "\n");
    }
}

static void xd_trailer(xd_buf *b, const trace_trailer *t)
{
    if (!t->present)
        return;
    xd_num(b, "count", (long long)t->event_count);
    xd_kv(b, "digest", t->digest);
    xd_kv(b, "sig", t->signature);
    xd_kv(b, "kid", t->key_id);
    xd_kv(b, "alg", t->sig_alg);
    xd_c(b, "\n");
}

/*
 * The whole document level: header, master data, trailer, and the document
 * extensions. EPCIS 2.0 XML has no place for namespaced extensions inside
 * EPCISHeader, so the XML writer moves them after EPCISBody (reporting it),
 * where a reader finds them at the end (trailer.ext): the comparison treats
 * header and trailer extensions as one ordered list of document extensions.
 */
static void xd_doc(xd_buf *b, const trace_header *h, const trace_masterdata *md,
                   const trace_trailer *t)
{
    xd_header(b, h, md);
    xd_trailer(b, t);
    xd_c(b, "docext{");
    xd_ext(b, h->ext, h->next);
    xd_ext(b, t->ext, t->next);
    xd_c(b, "}\n");
}

/* ------------------------------------------------------------- helpers */

static int xd_sink(const void *p, size_t n, void *payload)
{
    xd_put((xd_buf *)payload, p, n);
    return 0;
}

/*
 * Read a whole document from memory: the text form of its model into dump
 * (may be NULL), the library's canonical dump (trace_event_dump ...) into
 * canon (may be NULL), diagnostics into diags (may be NULL), and when out is
 * not NULL write it back as EPCIS XML with the given losses list and options.
 * Returns TRACE_OK when the reader reached the end (events may have had
 * errors), else the first status that stopped it.
 */
static int xd_convert2(const trace_ctx *ctx, const void *buf, size_t len, trace_format fmt,
                       xd_buf *dump, xd_buf *canon, trace_diag_list *diags, xd_buf *out,
                       const trace_writer_options *wopts);
static int xd_dump_sink(const char *text, size_t len, void *payload);
static int xd_dump_sink(const char *text, size_t len, void *payload)
{
    xd_put((xd_buf *)payload, text, len);
    return 0;
}

static int xd_convert2(const trace_ctx *ctx, const void *buf, size_t len, trace_format fmt,
                       xd_buf *dump, xd_buf *canon, trace_diag_list *diags, xd_buf *out,
                       const trace_writer_options *wopts)
{
    trace_reader_options o = TRACE_READER_OPTIONS_INIT;
    trace_reader *r;
    trace_writer *w = NULL;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc;
    o.diags = diags;
    o.format = fmt;
    if ((rc = trace_reader_open_mem(&r, ctx, buf, len, &o)) != TRACE_OK)
        return rc;
    rc = trace_reader_header(r, &h, &md);
    if (rc == TRACE_OK && out) {
        trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
        if (wopts)
            wo = *wopts;
        wo.format = TRACE_FMT_XML;
        rc = trace_writer_open_cb(&w, ctx, xd_sink, out, &wo);
        if (rc == TRACE_OK)
            rc = trace_writer_header(w, h, md);
    }
    if (rc == TRACE_OK && canon)
        trace_header_dump(h, md, xd_dump_sink, canon, 0);
    while (rc == TRACE_OK) {
        rc = trace_reader_next(r, &ev);
        if (rc == TRACE_OK) {
            if (dump)
                xd_event(dump, ev);
            if (canon)
                trace_event_dump(ev, xd_dump_sink, canon, 0);
            if (w)
                rc = trace_writer_event(w, ev);
        } else if (rc == TRACE_EDATA) {
            rc = TRACE_OK;
        }
    }
    if (rc == TRACE_EOF) {
        rc = TRACE_OK;
        if (dump)
            xd_doc(dump, h, md, trace_reader_trailer(r));
        if (canon)
            trace_trailer_dump(trace_reader_trailer(r), xd_dump_sink, canon, 0);
        if (w)
            rc = trace_writer_close(w, trace_reader_trailer(r));
    }
    trace_writer_free(w);
    trace_reader_free(r);
    return rc;
}

static int xd_convert(const trace_ctx *ctx, const void *buf, size_t len, trace_format fmt,
                      xd_buf *dump, trace_diag_list *diags, xd_buf *out,
                      const trace_writer_options *wopts)
{
    return xd_convert2(ctx, buf, len, fmt, dump, NULL, diags, out, wopts);
}

#endif
