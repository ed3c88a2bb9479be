/*
 * xml_write.c - the EPCIS 2.0 XML writer (UTDS Part 3, spec/utds-3-xml.md
 * "Writing"): the document start with the SBDH and master data, the end of
 * the document with document-level extensions and the utds:trailer
 * element, and the codec hooks. Events are in xml_wevent.c.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "xml_int.h"

static trace__out *out(xml__wstate *ws)
{
    return &ws->w->out;
}

static void header_loss(xml__wstate *ws, int code, const char *where, const char *what,
                        const char *as)
{
    int64_t saved = ws->record;
    ws->record = -1;
    xml__w_loss(ws, code, where, what, as);
    ws->record = saved;
}

/* ------------------------------------------------------------ copying */

/* Deep copy of extension nodes (document extensions are written at close). */
static int copy_ext(trace__arena *a, const trace_ext *src, size_t n, trace_ext **dst)
{
    size_t i, j;
    *dst = NULL;
    if (!n)
        return TRACE_OK;
    if (!(*dst = trace__arena_alloc(a, n * sizeof(**dst))))
        return TRACE_ENOMEM;
    for (i = 0; i < n; i++) {
        trace_ext *d = &(*dst)[i];
        const trace_ext *s = &src[i];
        *d = *s;
        d->ns = trace__arena_str(a, s->ns.s, s->ns.len);
        d->name = trace__arena_str(a, s->name.s, s->name.len);
        d->prefix = trace__arena_str(a, s->prefix.s, s->prefix.len);
        d->text = trace__arena_str(a, s->text.s, s->text.len);
        d->xsi_type = trace__arena_str(a, s->xsi_type.s, s->xsi_type.len);
        if ((s->ns.len && !d->ns.s) || (s->name.len && !d->name.s) ||
            (s->text.len && !d->text.s) || (s->prefix.len && !d->prefix.s) ||
            (s->xsi_type.len && !d->xsi_type.s))
            return TRACE_ENOMEM;
        if (s->nattrs) {
            if (!(d->attrs = trace__arena_alloc(a, s->nattrs * sizeof(*d->attrs))))
                return TRACE_ENOMEM;
            for (j = 0; j < s->nattrs; j++) {
                d->attrs[j].ns = trace__arena_str(a, s->attrs[j].ns.s, s->attrs[j].ns.len);
                d->attrs[j].name = trace__arena_str(a, s->attrs[j].name.s, s->attrs[j].name.len);
                d->attrs[j].prefix =
                    trace__arena_str(a, s->attrs[j].prefix.s, s->attrs[j].prefix.len);
                d->attrs[j].value =
                    trace__arena_str(a, s->attrs[j].value.s, s->attrs[j].value.len);
            }
        }
        if (copy_ext(a, s->children, s->nchildren, &d->children) != TRACE_OK)
            return TRACE_ENOMEM;
    }
    return TRACE_OK;
}

/* ------------------------------------------------------------- root */

static trace_str root_prefix(xml__wstate *ws, const trace_header *h, const char *ns,
                             const char *dflt)
{
    size_t i;
    const xml__binding *b;
    for (i = 0; i < h->nnamespaces; i++) {
        b = xml__w_lookup(ws, h->namespaces[i].prefix);
        if (b && trace_str_eq(b->uri, ns) && h->namespaces[i].prefix.len)
            return b->prefix;
    }
    return trace_str_c(xml__w_lookup(ws, trace_str_c(dflt)) ? "epcis_" : dflt);
}

/* Bind the document's namespaces on the root (those XML can carry there). */
static void root_namespaces(xml__wstate *ws, const trace_header *h)
{
    size_t i;
    for (i = 0; i < h->nnamespaces; i++) {
        const trace_ns *n = &h->namespaces[i];
        char what[TRACE_DIAG_ARG_SIZE];
        trace_str uri = n->uri;
        if (trace_str_eq(uri, XML__NS_EPCIS1))
            uri = trace_str_c(XML__NS_EPCIS2);
        else if (trace_str_eq(uri, XML__NS_QUERY1))
            uri = trace_str_c(XML__NS_QUERY2);
        if (xml__ncname(n->prefix) && uri.len &&
            !(n->prefix.len >= 3 && !strncmp(n->prefix.s, "xml", 3)) &&
            !xml__w_lookup(ws, n->prefix)) {
            xml__w_bind(ws, n->prefix, uri);
            continue;
        }
        /* A default namespace on the root would capture the unqualified EPCIS elements. */
        snprintf(what, sizeof(what), "the namespace binding %.*s=%.*s", (int)n->prefix.len,
                 n->prefix.s ? n->prefix.s : "", (int)n->uri.len, n->uri.s ? n->uri.s : "");
        header_loss(ws, TRACE__D_DROPPED, "namespaces", what, NULL);
    }
}

static void write_creation_date(xml__wstate *ws, const trace_header *h)
{
    char *now = ws->created_now; /* kept: the SBDH's CreationDateAndTime says the same */
    trace__out_puts(out(ws), " creationDate=\"");
    if (h->creation_date.lexeme.len) {
        xml__w_attr_value(ws, h->creation_date.lexeme);
    } else {
        /* creationDate is required by the schema: the writing time stands in */
        time_t t = time(NULL);
        header_loss(ws, TRACE__D_CHANGED, "creationDate", "a missing creationDate",
                    "the time of writing");
        struct tm tm;
        gmtime_r(&t, &tm);
        strftime(now, sizeof(ws->created_now), "%Y-%m-%dT%H:%M:%SZ", &tm);
        trace__out_puts(out(ws), now);
    }
    trace__out_putc(out(ws), '"');
}

static void root_start(xml__wstate *ws, const trace_header *h)
{
    const char *ns = ws->query ? XML__NS_QUERY2 : ws->mddoc ? XML__NS_MD2 : XML__NS_EPCIS2;
    trace_str p;
    xml__w_push(ws);
    root_namespaces(ws, h);
    p = root_prefix(ws, h, ns, ws->query ? "epcisq" : ws->mddoc ? "epcismd" : "epcis");
    if (!xml__w_lookup(ws, p) || !trace_str_eq(xml__w_lookup(ws, p)->uri, ns))
        xml__w_bind(ws, p, trace_str_c(ns));
    ws->epcis_prefix = p;
    trace__out_puts(out(ws), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<");
    trace__out_str(out(ws), p);
    trace__out_puts(out(ws), ws->query ? ":EPCISQueryDocument"
                             : ws->mddoc ? ":EPCISMasterDataDocument" : ":EPCISDocument");
    if (h->profile.len && !xml__w_lookup(ws, trace_str_c("utds")))
        xml__w_bind(ws, trace_str_c("utds"), trace_str_c(XML__NS_UTDS));
    xml__w_decls(ws);
    trace__out_puts(out(ws), " schemaVersion=\"2.0\"");
    if (h->schema_version.len && !trace_str_eq(h->schema_version, "2.0"))
        header_loss(ws, TRACE__D_CHANGED, "schemaVersion", "the schema version", "2.0");
    write_creation_date(ws, h);
    if (h->profile.len) {
        trace__out_puts(out(ws), " ");
        trace__out_str(out(ws), xml__w_resolve(ws, trace_str_c(XML__NS_UTDS),
                                               trace_str_c("utds"), 1));
        trace__out_puts(out(ws), ":profile=\"");
        xml__w_attr_value(ws, h->profile);
        trace__out_putc(out(ws), '"');
    }
    trace__out_putc(out(ws), '>');
    ws->level = 1;
}

/* --------------------------------------------------------------- SBDH */

static void sbdh_leaf(xml__wstate *ws, trace_str p, const char *name, trace_str text)
{
    char q[64];
    snprintf(q, sizeof(q), "%.*s:%s", (int)p.len, p.s, name);
    xml__w_leaf(ws, q, text);
}

static void sbdh_party(xml__wstate *ws, trace_str p, const char *name, const trace_sbdh_party *x)
{
    char q[64];
    snprintf(q, sizeof(q), "%.*s:%s", (int)p.len, p.s, name);
    xml__w_open(ws, q);
    xml__w_indent(ws);
    trace__out_printf(out(ws), "<%.*s:Identifier", (int)p.len, p.s);
    if (x->authority.len) {
        trace__out_puts(out(ws), " Authority=\"");
        xml__w_attr_value(ws, x->authority);
        trace__out_putc(out(ws), '"');
    }
    trace__out_putc(out(ws), '>');
    xml__w_text(ws, x->identifier);
    trace__out_printf(out(ws), "</%.*s:Identifier>", (int)p.len, p.s);
    xml__w_ext_list(ws, x->contact, x->ncontact, name);
    xml__w_close(ws, q);
}

static void sbdh(xml__wstate *ws, const trace_header *h)
{
    trace_sbdh_party s, r;
    trace_str p;
    char q[80];
    size_t i;
    xml__w_push(ws);
    p = xml__w_resolve(ws, trace_str_c(XML__NS_SBDH), trace_str_c("sbdh"), 1);
    xml__w_indent(ws);
    trace__out_printf(out(ws), "<%.*s:StandardBusinessDocumentHeader", (int)p.len, p.s);
    xml__w_decls(ws);
    trace__out_putc(out(ws), '>');
    ws->level++;
    sbdh_leaf(ws, p, "HeaderVersion", h->sbdh_version.len ? h->sbdh_version : trace_str_c("1.0"));
    memset(&s, 0, sizeof(s));
    memset(&r, 0, sizeof(r));
    s.identifier = h->sender;
    r.identifier = h->receiver;
    for (i = 0; i < h->nsenders; i++)
        sbdh_party(ws, p, "Sender", &h->senders[i]);
    if (!h->nsenders && h->sender.len)
        sbdh_party(ws, p, "Sender", &s);
    for (i = 0; i < h->nreceivers; i++)
        sbdh_party(ws, p, "Receiver", &h->receivers[i]);
    if (!h->nreceivers && h->receiver.len)
        sbdh_party(ws, p, "Receiver", &r);
    snprintf(q, sizeof(q), "%.*s:DocumentIdentification", (int)p.len, p.s);
    xml__w_open(ws, q);
    sbdh_leaf(ws, p, "Standard", h->standard.len ? h->standard : trace_str_c("EPCglobal"));
    sbdh_leaf(ws, p, "TypeVersion", h->type_version.len ? h->type_version : trace_str_c("2.0"));
    sbdh_leaf(ws, p, "InstanceIdentifier", h->instance_id);
    sbdh_leaf(ws, p, "Type", h->message_type.len ? h->message_type : trace_str_c("Events"));
    if (h->multiple_type.len)
        sbdh_leaf(ws, p, "MultipleType", h->multiple_type);
    /* the SBDH's own time, else the document's creationDate as written (a missing one is
     * the writing time: reading this output back then writes the same bytes) */
    if (h->created.lexeme.len || h->creation_date.lexeme.len || ws->created_now[0])
        sbdh_leaf(ws, p, "CreationDateAndTime",
                  h->created.lexeme.len         ? h->created.lexeme
                  : h->creation_date.lexeme.len ? h->creation_date.lexeme
                                                : trace_str_c(ws->created_now));
    xml__w_close(ws, q);
    xml__w_ext_list(ws, h->sbdh_ext, h->nsbdh_ext, "StandardBusinessDocumentHeader");
    ws->level--;
    xml__w_indent(ws);
    trace__out_printf(out(ws), "</%.*s:StandardBusinessDocumentHeader>", (int)p.len, p.s);
    xml__w_pop(ws);
}

/* -------------------------------------------------------- master data */

static void md_attr(xml__wstate *ws, const trace_md_attr *a)
{
    xml__w_indent(ws);
    trace__out_puts(out(ws), "<attribute id=\"");
    xml__w_attr_value(ws, a->id);
    trace__out_puts(out(ws), "\">");
    if (a->type != TRACE_EXT_STRING && !a->ntree)
        header_loss(ws, TRACE__D_CHANGED, "EPCISMasterData", "the JSON type of an attribute value",
                    "XML text");
    if (a->ntree) {
        size_t i;
        int mixed = 0;
        for (i = 0; i < a->ntree && !mixed; i++)
            mixed = a->tree[i].kind == TRACE_EXT_TEXT;
        ws->level++;
        xml__w_ext_mixed(ws, a->tree, a->ntree, "EPCISMasterData");
        ws->level--;
        if (!mixed)
            xml__w_indent(ws);
    } else {
        xml__w_text(ws, a->value);
    }
    trace__out_puts(out(ws), "</attribute>");
}

static void md_element(xml__wstate *ws, const trace_md_element *e)
{
    size_t i;
    xml__w_indent(ws);
    trace__out_puts(out(ws), "<VocabularyElement id=\"");
    xml__w_attr_value(ws, e->id);
    trace__out_puts(out(ws), "\">");
    ws->level++;
    for (i = 0; i < e->nattrs; i++)
        md_attr(ws, &e->attrs[i]);
    if (e->nchildren) {
        xml__w_open(ws, "children");
        for (i = 0; i < e->nchildren; i++)
            xml__w_leaf(ws, "id", e->children[i]);
        xml__w_close(ws, "children");
    }
    xml__w_ext_wrapped(ws, e->ext, e->next, "VocabularyElement");
    xml__w_close(ws, "VocabularyElement");
}

static void vocabulary_list(xml__wstate *ws, const trace_masterdata *md)
{
    size_t v, e;
    xml__w_open(ws, "VocabularyList");
    for (v = 0; v < md->nvocabularies; v++) {
        const trace_vocabulary *voc = &md->vocabularies[v];
        xml__w_indent(ws);
        trace__out_puts(out(ws), "<Vocabulary type=\"");
        xml__w_attr_value(ws, voc->type);
        trace__out_puts(out(ws), "\">");
        ws->level++;
        if (voc->nelements) {
            xml__w_open(ws, "VocabularyElementList");
            for (e = 0; e < voc->nelements; e++)
                md_element(ws, &voc->elements[e]);
            xml__w_close(ws, "VocabularyElementList");
        }
        xml__w_close(ws, "Vocabulary");
    }
    xml__w_close(ws, "VocabularyList");
}

static void masterdata(xml__wstate *ws, const trace_masterdata *md)
{
    xml__w_open(ws, "EPCISMasterData");
    vocabulary_list(ws, md);
    xml__w_close(ws, "EPCISMasterData");
}

/* ------------------------------------------------------------- header */

static int has_sub(trace_str s, const char *sub)
{
    size_t n = strlen(sub), i;
    for (i = 0; i + n <= s.len; i++)
        if (!memcmp(s.s + i, sub, n))
            return 1;
    return 0;
}

static void json_only_losses(xml__wstate *ws, const trace_header *h)
{
    size_t i;
    if (h->doc_id.len)
        header_loss(ws, TRACE__D_DROPPED, "id", "the document id", NULL);
    for (i = 0; i < h->ncontext_urls; i++) {
        const trace_str *u = &h->context_urls[i];
        char what[TRACE_DIAG_ARG_SIZE];
        if (has_sub(*u, "epcis-context"))
            continue; /* the EPCIS context itself: implied by the XML binding */
        snprintf(what, sizeof(what), "the @context URL %.*s", (int)u->len, u->s);
        header_loss(ws, TRACE__D_DROPPED, "@context", what, NULL);
    }
    if (!h->has_sbdh && (h->sender.len || h->receiver.len || h->instance_id.len))
        header_loss(ws, TRACE__D_CHANGED, "sender", "the JSON-LD sender/receiver/instanceIdentifier",
                    "an SBDH with default fields");
}

static int has_local_ext(const trace_header *h)
{
    size_t i;
    for (i = 0; i < h->next; i++)
        if (h->ext[i].kind == TRACE_EXT_ELEMENT && !h->ext[i].ns.len)
            return 1;
    return 0;
}

/* Qualified header extensions (and comments) go after EPCISBody: keep a copy for close. */
static int keep_doc_ext(xml__wstate *ws, const trace_header *h)
{
    size_t i, k = 0;
    for (i = 0; i < h->next; i++) {
        char what[TRACE_DIAG_ARG_SIZE];
        if (h->ext[i].kind == TRACE_EXT_ELEMENT && !h->ext[i].ns.len)
            continue;
        k++;
        snprintf(what, sizeof(what), "the header extension %.*s", (int)h->ext[i].name.len,
                 h->ext[i].name.s ? h->ext[i].name.s : "(comment)");
        header_loss(ws, TRACE__D_CHANGED, "EPCISHeader", what,
                    "a document extension after EPCISBody");
    }
    if (k) {
        trace_ext *tmp;
        if (!(tmp = trace__arena_alloc(&ws->arena, k * sizeof(*tmp))))
            return TRACE_ENOMEM;
        for (i = 0, k = 0; i < h->next; i++)
            if (!(h->ext[i].kind == TRACE_EXT_ELEMENT && !h->ext[i].ns.len))
                tmp[k++] = h->ext[i];
        if (copy_ext(&ws->arena, tmp, k, &ws->doc_ext) != TRACE_OK)
            return TRACE_ENOMEM;
        ws->ndoc_ext = k;
    }
    return TRACE_OK;
}

int xml__w_header(xml__wstate *ws, const trace_header *h, const trace_masterdata *md)
{
    int want_sbdh = h->has_sbdh || h->sender.len || h->receiver.len || h->instance_id.len;
    int want_md, local = has_local_ext(h);
    size_t i;
    ws->record = -1;
    ws->query = trace_str_eq(h->doc_type, "EPCISQueryDocument");
    ws->mddoc = trace_str_eq(h->doc_type, "EPCISMasterDataDocument");
    want_md = md && md->nvocabularies > 0 && !ws->mddoc;
    json_only_losses(ws, h);
    root_start(ws, h);
    if (want_sbdh || want_md || local) {
        xml__w_open(ws, "EPCISHeader");
        if (want_sbdh)
            sbdh(ws, h);
        if (want_md || local) {
            xml__w_open(ws, "extension");
            if (want_md)
                masterdata(ws, md);
            if (local) {
                xml__w_open(ws, "extension");
                for (i = 0; i < h->next; i++)
                    if (h->ext[i].kind == TRACE_EXT_ELEMENT && !h->ext[i].ns.len)
                        xml__w_ext_list(ws, &h->ext[i], 1, "EPCISHeader");
                xml__w_close(ws, "extension");
            }
            xml__w_close(ws, "extension");
        }
        xml__w_close(ws, "EPCISHeader");
    }
    if (keep_doc_ext(ws, h) != TRACE_OK)
        return TRACE_ENOMEM;
    xml__w_open(ws, "EPCISBody");
    if (ws->mddoc) {
        static const trace_masterdata none = {NULL, 0};
        vocabulary_list(ws, md ? md : &none);
        return out(ws)->error;
    }
    if (ws->query) {
        char q[64];
        snprintf(q, sizeof(q), "%.*s:QueryResults", (int)ws->epcis_prefix.len,
                 ws->epcis_prefix.s);
        xml__w_open(ws, q);
        xml__w_leaf(ws, "queryName", h->query_name);
        if (h->subscription_id.len)
            xml__w_leaf(ws, "subscriptionID", h->subscription_id);
        xml__w_open(ws, "resultsBody");
    }
    xml__w_open(ws, "EventList");
    if (!ws->pretty)
        trace__out_putc(out(ws), '\n');
    return out(ws)->error;
}

/* ------------------------------------------------------------ trailer */

int xml__w_trailer(xml__wstate *ws, const trace_trailer *t)
{
    trace_str p;
    char n[32];
    xml__w_indent(ws);
    xml__w_push(ws);
    p = xml__w_resolve(ws, trace_str_c(XML__NS_UTDS), trace_str_c("utds"), 0);
    trace__out_printf(out(ws), "<%.*s:trailer", (int)p.len, p.s);
    xml__w_decls(ws);
    trace__out_putc(out(ws), '>');
    ws->level++;
    snprintf(n, sizeof(n), "%llu", (unsigned long long)ws->w->nevents);
    if (t->event_count != ws->w->nevents) {
        char what[64];
        snprintf(what, sizeof(what), "the trailer eventCount %llu",
                 (unsigned long long)t->event_count);
        header_loss(ws, TRACE__D_CHANGED, "utds:trailer", what, n);
    }
    xml__w_indent(ws);
    trace__out_printf(out(ws), "<%.*s:eventCount>%s</%.*s:eventCount>", (int)p.len, p.s, n,
                      (int)p.len, p.s);
#define LEAF(field, name)                                                                 \
    if (t->field.len) {                                                                   \
        xml__w_indent(ws);                                                                \
        trace__out_printf(out(ws), "<%.*s:" name ">", (int)p.len, p.s);                   \
        xml__w_text(ws, t->field);                                                        \
        trace__out_printf(out(ws), "</%.*s:" name ">", (int)p.len, p.s);                  \
    }
    LEAF(digest, "digest")
    LEAF(signature, "signature")
    LEAF(key_id, "keyId")
    LEAF(sig_alg, "sigAlg")
#undef LEAF
    ws->level--;
    xml__w_indent(ws);
    trace__out_printf(out(ws), "</%.*s:trailer>", (int)p.len, p.s);
    xml__w_pop(ws);
    return out(ws)->error;
}

/* -------------------------------------------------------------- hooks */

int xml__w_open_codec(trace_writer *w)
{
    xml__wstate *ws = trace__calloc(w->alloc, 1, sizeof(*ws));
    if (!ws)
        return TRACE_ENOMEM;
    w->state = ws;
    ws->w = w;
    ws->pretty = w->opts.pretty;
    ws->record = -1;
    trace__arena_init(&ws->arena, w->alloc, 0);
    if (w->opts.cbv == TRACE_CBV_STYLE_BARE)
        xml__w_loss(ws, TRACE__D_CHANGED, "cbv", "the CBV style bare (not valid in XML)",
                    "CBV URNs");
    return TRACE_OK;
}

int xml__w_header_codec(trace_writer *w, const trace_header *h, const trace_masterdata *md)
{
    return xml__w_header(w->state, h, md);
}

int xml__w_event_codec(trace_writer *w, const trace_event *ev)
{
    xml__wstate *ws = w->state;
    if (ws->mddoc) {
        ws->record = ev->index >= 0 ? ev->index : (int64_t)w->nevents;
        xml__w_loss(ws, TRACE__D_DROPPED, "EPCISBody", "an event in a master-data document", NULL);
        return TRACE_OK;
    }
    return xml__w_event(ws, ev);
}

/*
 * The document extensions: the header's namespaced ones kept at the start,
 * then the trailer's. Unqualified ones go into the document's "extension"
 * wrapper (##local), which comes first.
 */
static int doc_extensions(xml__wstate *ws, const trace_trailer *t)
{
    size_t n = ws->ndoc_ext + (t ? t->next : 0);
    trace_ext *all;
    if (!n)
        return TRACE_OK;
    if (!(all = trace__arena_alloc(&ws->arena, n * sizeof(*all))))
        return TRACE_ENOMEM;
    if (ws->ndoc_ext)
        memcpy(all, ws->doc_ext, ws->ndoc_ext * sizeof(*all));
    if (t && t->next)
        memcpy(all + ws->ndoc_ext, t->ext, t->next * sizeof(*all));
    {
        /* a utds:trailer kept as an extension would compete with the real one */
        size_t i, k = 0;
        for (i = 0; i < n; i++) {
            if (all[i].kind == TRACE_EXT_ELEMENT && trace_str_eq(all[i].ns, XML__NS_UTDS) &&
                trace_str_eq(all[i].name, "trailer")) {
                header_loss(ws, TRACE__D_DROPPED, "EPCISDocument",
                            "a second utds:trailer element", NULL);
                continue;
            }
            all[k++] = all[i];
        }
        n = k;
    }
    xml__w_ext_wrapped(ws, all, n, "EPCISDocument");
    return TRACE_OK;
}

int xml__w_close_codec(trace_writer *w, const trace_trailer *t)
{
    xml__wstate *ws = w->state;
    ws->record = -1;
    if (ws->ext_list_open) {
        xml__w_close(ws, "extension");
        ws->ext_list_open = 0;
    }
    if (!ws->mddoc)
        xml__w_close(ws, "EventList");
    if (ws->query) {
        char q[64];
        xml__w_close(ws, "resultsBody");
        snprintf(q, sizeof(q), "%.*s:QueryResults", (int)ws->epcis_prefix.len,
                 ws->epcis_prefix.s);
        xml__w_close(ws, q);
    }
    xml__w_close(ws, "EPCISBody");
    if (doc_extensions(ws, t) != TRACE_OK)
        return TRACE_ENOMEM;
    if (t && t->present) {
        xml__w_trailer(ws, t);
    } else if (ws->ndoc_ext) {
        /* moved header extensions are trailing content: a reader sees a trailer */
        trace_trailer none;
        memset(&none, 0, sizeof(none));
        none.present = 1;
        xml__w_trailer(ws, &none);
    }
    ws->level = 0;
    xml__w_indent(ws);
    trace__out_puts(out(ws), "</");
    trace__out_str(out(ws), ws->epcis_prefix);
    trace__out_puts(out(ws), ws->query ? ":EPCISQueryDocument>\n"
                             : ws->mddoc ? ":EPCISMasterDataDocument>\n" : ":EPCISDocument>\n");
    return out(ws)->error;
}

void xml__w_free_codec(trace_writer *w)
{
    xml__wstate *ws = w->state;
    if (!ws)
        return;
    trace__arena_free(&ws->arena);
    trace__free(w->alloc, ws);
    w->state = NULL;
}
