/*
 * xml_read.c - the EPCIS XML reader (UTDS Part 3, spec/utds-3-xml.md):
 * EPCIS 2.0 and EPCIS 1.2 (upgraded to the 2.0 model), over the trace__in
 * stream (gzip handled there). This file has what both drivers share (input,
 * errors, the root and the trailing elements, sniffing) and the
 * xmlTextReader driver; the SAX driver, used when it can be, is xml_sax.c.
 *
 * Safety: the parser runs with XML_PARSE_NONET and without
 * XML_PARSE_NOENT, XML_PARSE_DTDLOAD or XML_PARSE_HUGE, so no DTD and no
 * external entity is ever loaded and libxml2's default limits apply. A
 * DOCTYPE naming an external subset is refused; internal entities are
 * expanded by this codec within a per-document budget (xml_ext.c).
 *
 * Memory: the header, each event and each trailing element is expanded on
 * its own (xmlTextReaderExpand), mapped into the model, and freed when the
 * reader moves past it (xmlTextReaderNext). The bytes fed to libxml2 while
 * one unit is open are counted, so an oversized event stops the parse
 * before it is held in memory (TR-XML-0007).
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>

#include "xml_int.h"

int64_t xml__record(const xml__rstate *st)
{
    return st->in_event ? (int64_t)st->r->nevents : -1;
}

/* Report a diagnostic without a node (line/column from libxml2 or unknown). */
#define report_plain(st, code, ln, col, ...)                                            \
    do {                                                                                  \
        trace_pos p_;                                                                     \
        p_.line = (ln);                                                                   \
        p_.column = (col);                                                                \
        trace__reader_report_at((st)->r, (code), p_, xml__record(st), NULL, __VA_ARGS__); \
    } while (0)

/* ------------------------------------------------------ input and errors */

int xml__io_read(void *ctx, char *buf, int len)
{
    xml__rstate *st = ctx;
    long k;
    if (st->limit_hit || st->io_failed)
        return -1;
    if (st->unit_limit && st->supplied - st->unit_start > st->unit_limit) {
        char m[32];
        snprintf(m, sizeof(m), "%llu", (unsigned long long)st->unit_limit);
        report_plain(st, TRACE__D_XML_UNIT_TOO_LARGE, 0, 0, "what", st->unit_what, "max", m,
                     (const char *)NULL);
        st->limit_hit = 1;
        return -1;
    }
    k = trace__in_read(&st->r->in, buf, (size_t)len);
    if (k < 0) {
        if (st->r->in.error == TRACE_EDATA)
            report_plain(st, TRACE__D_GZIP_CORRUPT, 0, 0, "reason", "cannot inflate",
                         (const char *)NULL);
        else if (st->r->in.error == TRACE_ENOMEM)
            report_plain(st, TRACE__D_OUT_OF_MEMORY, 0, 0, (const char *)NULL);
        else
            report_plain(st, TRACE__D_READ_FAILED, 0, 0, "file", st->r->source, "reason",
                         "read error", (const char *)NULL);
        st->io_failed = 1;
        return -1;
    }
    st->supplied += (uint64_t)k;
    return (int)k;
}

/* libxml2's structured errors for this reader only; the first error stops reading. */
void xml__on_error(void *arg, xmlErrorPtr e)
{
    xml__rstate *st = arg;
    char msg[TRACE_DIAG_ARG_SIZE];
    size_t n;
    if (!e || e->level < XML_ERR_ERROR || st->failed || st->limit_hit || st->io_failed)
        return;
    snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "parse error");
    n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        msg[--n] = '\0';
    if (e->domain == XML_FROM_SCHEMASV) { /* --xsd: report every violation, read on */
        report_plain(st, TRACE__D_XML_SCHEMA_INVALID, (uint32_t)e->line, 0, "reason", msg,
                     (const char *)NULL);
        return;
    }
    st->failed = 1;
    if (st->sax) {
        if (e->code == XML_ERR_ENTITY_LOOP)
            xml__sax_defer(st, TRACE__D_XML_ENTITY_REFUSED, (uint32_t)e->line, (uint32_t)e->int2,
                           "name", e->str1 ? e->str1 : "(expansion)", "reason", msg);
        else
            xml__sax_defer(st, TRACE__D_XML_NOT_WELL_FORMED, (uint32_t)e->line,
                           (uint32_t)e->int2, "reason", msg, NULL, NULL);
        return;
    }
    if (e->code == XML_ERR_ENTITY_LOOP)
        report_plain(st, TRACE__D_XML_ENTITY_REFUSED, (uint32_t)e->line, (uint32_t)e->int2,
                     "name", e->str1 ? e->str1 : "(expansion)", "reason", msg,
                     (const char *)NULL);
    else
        report_plain(st, TRACE__D_XML_NOT_WELL_FORMED, (uint32_t)e->line, (uint32_t)e->int2,
                     "reason", msg, (const char *)NULL);
}

int xml__stop_status(xml__rstate *st)
{
    if (st->limit_hit)
        return TRACE_ELIMIT;
    if (st->io_failed)
        return st->r->in.error == TRACE_ENOMEM ? TRACE_ENOMEM
                                               : st->r->in.error == TRACE_EDATA ? TRACE_EDATA
                                                                                : TRACE_EIO;
    if (!st->failed) {
        report_plain(st, TRACE__D_XML_NOT_WELL_FORMED, 0, 0, "reason",
                     st->generic_msg[0] ? st->generic_msg : "parser stopped", (const char *)NULL);
        st->failed = 1;
    }
    return TRACE_EDATA;
}

/* ------------------------------------------------------------- cursor */

/*
 * A few libxml2 errors (input encoding, I/O) go to its generic handler and
 * would be printed on stderr; they are also reported to on_error. While this
 * reader runs libxml2, the calling thread's generic handler is a silent one,
 * and the caller's is put back afterwards (libxml2 keeps it per thread).
 */
/* libxml2's generic error handler hands over its own printf format: declare it
 * so, which keeps -Wformat-nonliteral (clang) quiet for exactly this call. */
static void silent(void *ctx, const char *msg, ...) TRACE_PRINTF(2, 3);
static void silent(void *ctx, const char *msg, ...)
{
    xml__rstate *st = ctx;
    va_list ap;
    size_t n;
    if (!st || st->generic_msg[0])
        return; /* keep the first message: it names the cause */
    va_start(ap, msg);
    vsnprintf(st->generic_msg, sizeof(st->generic_msg), msg, ap);
    va_end(ap);
    n = strlen(st->generic_msg);
    while (n && (st->generic_msg[n - 1] == '\n' || st->generic_msg[n - 1] == ' '))
        st->generic_msg[--n] = '\0';
}

xml__quiet xml__quiet_on(xml__rstate *st)
{
    xml__quiet q;
    q.fn = xmlGenericError;
    q.ctx = xmlGenericErrorContext;
    xmlSetGenericErrorFunc(st, silent);
    return q;
}

void xml__quiet_off(xml__quiet q)
{
    xmlSetGenericErrorFunc(q.ctx, q.fn);
}

/* Move to the next node unless one is pending. 1: a node; 0: end; -1: error. */
static int step(xml__rstate *st)
{
    if (st->have_node) {
        st->have_node = 0;
        return 1;
    }
    return xmlTextReaderRead(st->rd);
}

/* Move past the current subtree to its next sibling. */
static int skip(xml__rstate *st)
{
    int rc = xmlTextReaderNext(st->rd);
    st->have_node = rc == 1;
    return rc < 0 ? -1 : 0;
}

/* Expand the current element within a byte budget. */
static xmlNodePtr expand(xml__rstate *st, uint64_t limit, const char *what)
{
    xmlNodePtr n;
    st->unit_start = st->supplied;
    st->unit_limit = limit;
    st->unit_what = what;
    n = xmlTextReaderExpand(st->rd);
    st->unit_limit = 0;
    return n;
}

static int node_is(xml__rstate *st, const char *name)
{
    const xmlChar *ln = xmlTextReaderConstLocalName(st->rd);
    const xmlChar *ns = xmlTextReaderConstNamespaceUri(st->rd);
    if (!ln || strcmp((const char *)ln, name))
        return 0;
    return !ns || !strcmp((const char *)ns, XML__NS_EPCIS2) ||
           !strcmp((const char *)ns, XML__NS_EPCIS1) || !strcmp((const char *)ns, XML__NS_QUERY2) ||
           !strcmp((const char *)ns, XML__NS_QUERY1) || !strcmp((const char *)ns, XML__NS_MD2);
}

/* ------------------------------------------------------------ document */

static int doctype(xml__rstate *st)
{
    xmlNodePtr n = xmlTextReaderCurrentNode(st->rd);
    const xmlDtd *d = (const xmlDtd *)n;
    if (n && n->type == XML_DTD_NODE && (d->ExternalID || d->SystemID)) {
        report_plain(st, TRACE__D_XML_EXTERNAL_DTD, 0, 0, "id",
                     d->SystemID ? (const char *)d->SystemID : (const char *)d->ExternalID,
                     (const char *)NULL);
        return TRACE_EDATA;
    }
    return TRACE_OK;
}

static int upgrade_ns(xml__rstate *st)
{
    trace_header *h = &st->r->hdr;
    size_t i;
    for (i = 0; i < h->nnamespaces; i++) {
        if (trace_str_eq(h->namespaces[i].uri, XML__NS_EPCIS1))
            h->namespaces[i].uri = trace_str_c(XML__NS_EPCIS2);
        else if (trace_str_eq(h->namespaces[i].uri, XML__NS_QUERY1))
            h->namespaces[i].uri = trace_str_c(XML__NS_QUERY2);
    }
    return TRACE_OK;
}

static int root_attrs(xml__rstate *st, const xmlNode *root)
{
    trace_header *h = &st->r->hdr;
    const xmlAttr *at;
    int rc = TRACE_OK;
    for (at = root->properties; at && rc == TRACE_OK; at = at->next) {
        const char *name = (const char *)at->name;
        xmlNode fake;
        trace_str v;
        memset(&fake, 0, sizeof(fake));
        fake.type = XML_ELEMENT_NODE;
        fake.name = at->name;
        fake.children = at->children;
        fake.parent = (xmlNode *)root;
        rc = xml__text(st, &st->r->doc_arena, &fake, 1, &v);
        if (rc != TRACE_OK)
            break;
        if (!at->ns && !strcmp(name, "schemaVersion")) {
            h->schema_version = v;
        } else if (!at->ns && !strcmp(name, "creationDate")) {
            if (trace_time_parse(v, &h->creation_date) != TRACE_OK) {
                char b[TRACE_DIAG_ARG_SIZE];
                snprintf(b, sizeof(b), "%.*s", (int)v.len, v.s ? v.s : "");
                XML__REPORT(st, TRACE__D_BAD_TIMESTAMP, root, "field", "creationDate", "value", b);
            }
            h->creation_date.pos = xml__pos(root);
        } else if (at->ns && !strcmp((const char *)at->ns->href, XML__NS_UTDS) &&
                   !strcmp(name, "profile")) {
            h->profile = v;
        } else {
            XML__REPORT(st, TRACE__D_XML_IGNORED, root, "what", name, "parent", xml__name(root));
        }
    }
    return rc;
}

int xml__root(xml__rstate *st, const xmlNode *n, xmlDictPtr dict)
{
    trace_header *h = &st->r->hdr;
    const char *ns = n && n->ns ? (const char *)n->ns->href : "";
    const char *name = xml__name(n);
    int capture = !strcmp(name, "EPCISDocument"), query = !strcmp(name, "EPCISQueryDocument");
    int mddoc = !strcmp(name, "EPCISMasterDataDocument");
    int rc;
    if (!((capture && (!strcmp(ns, XML__NS_EPCIS2) || !strcmp(ns, XML__NS_EPCIS1))) ||
          (query && (!strcmp(ns, XML__NS_QUERY2) || !strcmp(ns, XML__NS_QUERY1))) ||
          (mddoc && !strcmp(ns, XML__NS_MD2)))) {
        XML__REPORT(st, TRACE__D_XML_NOT_EPCIS, n, "name", name, "ns", *ns ? ns : "(none)");
        return TRACE_EDATA;
    }
    st->query = query;
    st->mddoc = mddoc;
    /* libxml2 interns element names (dictNames); check it once, then compare addresses */
    xml__intern_fields(st, dict);
    st->dict_names = n->name == xmlDictLookup(dict, n->name, -1);
    st->v12 = !strcmp(ns, XML__NS_EPCIS1) || !strcmp(ns, XML__NS_QUERY1);
    h->doc_type = trace_str_c(capture ? "EPCISDocument" : query ? "EPCISQueryDocument"
                                                   : "EPCISMasterDataDocument");
    h->pos = xml__pos(n);
    rc = xml__ns_decls(st, &st->r->doc_arena, n, &h->namespaces, &h->nnamespaces);
    if (rc == TRACE_OK)
        rc = root_attrs(st, n);
    if (rc == TRACE_OK && st->v12) {
        XML__REPORT(st, TRACE__D_XML_UPGRADED, n, "from", "1.2");
        h->schema_version = trace_str_c("2.0"); /* the model is EPCIS 2.0 now */
        rc = upgrade_ns(st);
    }
    return rc;
}

/* A small element whose text goes into out (queryName, subscriptionID). */
static int small_text(xml__rstate *st, trace_str *out)
{
    xmlNodePtr n = expand(st, trace_ctx_limits(st->r->ctx)->max_record, "an element");
    int rc;
    if (!n)
        return xml__stop_status(st);
    rc = xml__text(st, &st->r->doc_arena, n, 1, out);
    if (rc == TRACE_OK && skip(st) < 0)
        return xml__stop_status(st);
    return rc;
}

static uint64_t limit_of(xml__rstate *st, int header)
{
    const trace_limits *l = trace_ctx_limits(st->r->ctx);
    return header ? l->max_buffer : l->max_record;
}

static int header(xml__rstate *st)
{
    xmlNodePtr n = expand(st, limit_of(st, 1), "the header");
    int rc;
    if (!n)
        return xml__stop_status(st);
    rc = xml__header_read(st, n);
    if (rc == TRACE_OK && skip(st) < 0)
        return xml__stop_status(st);
    return rc;
}

/* An element the document start does not expect: a document extension. */
static int is_utds_trailer(const xmlNode *n)
{
    return n->ns && n->ns->href && !strcmp((const char *)n->ns->href, XML__NS_UTDS) &&
           !strcmp((const char *)n->name, "trailer");
}

/*
 * One element after the events (or a trailer before the body): the first
 * utds:trailer is the trailer; a second one is an error and is not kept (it
 * would compete with the first on the next read); the rest are document
 * extensions.
 */
int xml__tail_element(xml__rstate *st, const xmlNode *n, int after_body)
{
    if (st->trailer_seen && after_body && !is_utds_trailer(n))
        XML__REPORT(st, TRACE__D_XML_AFTER_TRAILER, n, "name", xml__name(n));
    if (is_utds_trailer(n)) {
        if (st->trailer_seen) {
            XML__REPORT(st, TRACE__D_XML_DUPLICATE, n, "name", "utds:trailer", "parent",
                        "EPCISDocument");
            return TRACE_OK;
        }
        st->trailer_seen = 1;
        return xml__trailer_read(st, n);
    }
    return xml__doc_ext_add(st, n, after_body);
}

static int early_ext(xml__rstate *st)
{
    xmlNodePtr n = expand(st, limit_of(st, 0), "a document extension");
    int rc;
    if (!n)
        return xml__stop_status(st);
    rc = xml__tail_element(st, n, 0);
    if (rc == TRACE_OK && skip(st) < 0)
        return xml__stop_status(st);
    return rc;
}

static int md_body(xml__rstate *st)
{
    xmlNodePtr n = expand(st, limit_of(st, 1), "the master data");
    int rc;
    if (!n)
        return xml__stop_status(st);
    rc = xml__vocabulary_list_read(st, n);
    if (rc == TRACE_OK && skip(st) < 0)
        return xml__stop_status(st);
    return rc;
}

/* Read the document start up to the first event (or what follows the body). */
static int open_body(xml__rstate *st)
{
    int rc, t, d, seen_body = 0;
    while ((rc = step(st)) == 1) {
        t = xmlTextReaderNodeType(st->rd);
        d = xmlTextReaderDepth(st->rd);
        if (t == XML_READER_TYPE_DOCUMENT_TYPE && doctype(st) != TRACE_OK)
            return TRACE_EDATA;
        if (t != XML_READER_TYPE_ELEMENT)
            continue;
        if (d == 0) {
            xmlNodePtr n = xmlTextReaderCurrentNode(st->rd); /* its doc holds the dictionary */
            if ((rc = xml__root(st, n, n->doc->dict)) != TRACE_OK)
                return rc;
        } else if (d == 1 && node_is(st, "EPCISHeader")) {
            if ((rc = header(st)) != TRACE_OK)
                return rc;
        } else if ((d == 1 && node_is(st, "EPCISBody")) ||
                   (st->query && d == 2 && node_is(st, "QueryResults")) ||
                   (st->query && d == 3 && node_is(st, "resultsBody"))) {
            seen_body = 1;
            if (xmlTextReaderIsEmptyElement(st->rd))
                break;
        } else if (st->query && d == 2) {
            XML__REPORT(st, TRACE__D_XML_QUERY_BODY, xmlTextReaderCurrentNode(st->rd), "name",
                        (const char *)xmlTextReaderConstLocalName(st->rd));
            return TRACE_EDATA;
        } else if (st->query && d == 3 && node_is(st, "queryName")) {
            if ((rc = small_text(st, &st->r->hdr.query_name)) != TRACE_OK)
                return rc;
        } else if (st->query && d == 3 && node_is(st, "subscriptionID")) {
            if ((rc = small_text(st, &st->r->hdr.subscription_id)) != TRACE_OK)
                return rc;
        } else if (node_is(st, "EventList") && d == (st->query ? 4 : 2)) {
            if (xmlTextReaderIsEmptyElement(st->rd))
                break;
            st->list_depth = d;
            return TRACE_OK;
        } else if (st->mddoc && d == 2 && node_is(st, "VocabularyList")) {
            if ((rc = md_body(st)) != TRACE_OK)
                return rc;
        } else if (d == 1 && !seen_body) {
            if ((rc = early_ext(st)) != TRACE_OK)
                return rc;
        } else {
            st->have_node = 1; /* something after (or instead of) the event list */
            break;
        }
    }
    if (rc < 0)
        return xml__stop_status(st);
    st->events_done = 1;
    return TRACE_OK;
}

static int xml_open(trace_reader *r)
{
    xml__rstate *st = trace__calloc(r->alloc, 1, sizeof(*st));
    const trace_limits *l = trace_ctx_limits(r->ctx);
    xml__quiet q;
    int rc;
    if (!st)
        return TRACE_ENOMEM;
    r->state = st;
    st->r = r;
    st->list_depth = -1;
    st->max_depth = l->max_depth;
    st->max_string = l->max_string;
    xmlInitParser();
    if (!r->xsd && xml__sax_usable(r)) {
        rc = xml__sax_open(st);
        if (rc == TRACE_OK && !r->hdr.doc_type.len) {
            XML__REPORT_PLAIN(st, TRACE__D_XML_TRUNCATED, 0, 0, -1, "name", "EPCISDocument",
                              (const char *)NULL);
            rc = TRACE_EDATA;
        }
        return rc;
    }
    /* No NOENT, no DTDLOAD, no HUGE: nothing is fetched, libxml2's limits apply. */
    q = xml__quiet_on(st);
    st->rd = xmlReaderForIO(xml__io_read, NULL, st, NULL, NULL,
                            XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    if (!st->rd) {
        xml__quiet_off(q);
        return TRACE_ENOMEM;
    }
    xmlTextReaderSetStructuredErrorHandler(st->rd, xml__on_error, st);
    if (r->xsd && xmlTextReaderSchemaValidate(st->rd, r->xsd) != 0) {
        xml__quiet_off(q);
        report_plain(st, TRACE__D_XML_SCHEMA_LOAD, 0, 0, "file", r->xsd, (const char *)NULL);
        return TRACE_EIO;
    }
    rc = open_body(st);
    {
        const xmlChar *enc = xmlTextReaderConstEncoding(st->rd);
        st->transcoding = enc && trace__strcasecmp((const char *)enc, "UTF-8") != 0;
    }
    xml__quiet_off(q);
    if (rc == TRACE_OK && (st->failed || st->io_failed || st->limit_hit))
        rc = xml__stop_status(st);
    if (rc == TRACE_OK && !r->hdr.doc_type.len) {
        report_plain(st, TRACE__D_XML_TRUNCATED, 0, 0, "name", "EPCISDocument",
                     (const char *)NULL);
        rc = TRACE_EDATA;
    }
    return rc;
}

/* ------------------------------------------------------------- events */

static int read_event(xml__rstate *st, trace_event *ev)
{
    xmlNodePtr n;
    int rc;
    st->in_event = 1; /* parse errors inside the event carry its index */
    n = expand(st, limit_of(st, 0), "an event");
    if (!n) {
        rc = xml__stop_status(st);
        st->in_event = 0;
        return rc;
    }
    rc = xml__event_read(st, n, st->in_ext_list > 0, ev);
    st->in_event = 0;
    if (rc == TRACE_ENOMEM)
        return rc;
    if (skip(st) < 0)
        return xml__stop_status(st);
    return rc;
}

/* After the events: body and document extensions, and the UTDS trailer. */
static int read_tail(xml__rstate *st)
{
    int rc, t;
    while ((rc = step(st)) == 1) {
        xmlNodePtr n;
        t = xmlTextReaderNodeType(st->rd);
        if (t != XML_READER_TYPE_ELEMENT)
            continue;
        n = expand(st, limit_of(st, 0), "a document extension");
        if (!n)
            return xml__stop_status(st);
        rc = xml__tail_element(st, n, 1);
        if (rc == TRACE_ENOMEM)
            return rc;
        if (skip(st) < 0)
            return xml__stop_status(st);
    }
    if (rc < 0 || st->failed)
        return xml__stop_status(st);
    xml__tail_done(st);
    return TRACE_OK;
}

void xml__tail_done(xml__rstate *st)
{
    /*
     * Content after the events makes a trailer even without utds:trailer:
     * writers write the trailer (with the event count) at the end, and only
     * when it is present.
     */
    if (!st->trailer_seen && st->r->trailer.next) {
        st->r->trailer.present = 1;
        st->r->trailer.event_count = st->r->nevents;
    }
}

static int next_event(xml__rstate *st, trace_event *ev)
{
    int rc = 1, t, d;
    while (!st->events_done && (rc = step(st)) == 1) {
        t = xmlTextReaderNodeType(st->rd);
        d = xmlTextReaderDepth(st->rd);
        if (t == XML_READER_TYPE_END_ELEMENT) {
            if (st->in_ext_list && d == st->list_depth + st->in_ext_list)
                st->in_ext_list--;
            else if (d <= st->list_depth)
                st->events_done = 1;
            continue;
        }
        if (t != XML_READER_TYPE_ELEMENT)
            continue;
        if (d == st->list_depth + 1 + st->in_ext_list && node_is(st, "extension") &&
            !xmlTextReaderConstNamespaceUri(st->rd)) {
            /* EventList/extension (and 1.2's extension/extension) hold more events */
            st->in_ext_list += !xmlTextReaderIsEmptyElement(st->rd);
            continue;
        }
        if (d == st->list_depth + 1 + st->in_ext_list)
            return read_event(st, ev);
        if (d <= st->list_depth) { /* the list ended without an end tag event */
            st->have_node = 1;
            st->events_done = 1;
        }
    }
    if (!st->events_done) {
        if (st->failed || st->io_failed || st->limit_hit || rc < 0)
            return xml__stop_status(st);
        report_plain(st, TRACE__D_XML_TRUNCATED, 0, 0, "name", "EventList", (const char *)NULL);
        return TRACE_EDATA;
    }
    if (!st->done) {
        st->done = 1;
        rc = read_tail(st);
        if (rc != TRACE_OK)
            return rc;
    }
    return TRACE_EOF;
}

static int xml_next(trace_reader *r, trace_event *ev)
{
    xml__rstate *st = r->state;
    xml__quiet q;
    int rc;
    if (st->sax)
        return xml__sax_next(st, ev);
    /* only a decoding input (not UTF-8) produces generic errors once the parse runs */
    if (!st->transcoding)
        return next_event(st, ev);
    q = xml__quiet_on(st);
    rc = next_event(st, ev);
    xml__quiet_off(q);
    return rc;
}

static void xml_close(trace_reader *r)
{
    xml__rstate *st = r->state;
    if (!st)
        return;
    if (st->rd)
        xmlFreeTextReader(st->rd);
    xml__sax_free(st);
    trace__free(r->alloc, st);
    r->state = NULL;
}

/* ------------------------------------------------------------- sniffing */

/* Find the root start tag after the prolog; returns its start or NULL. */
static const unsigned char *root_tag(const unsigned char *p, size_t n, size_t *len)
{
    const unsigned char *end = p + n, *q;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        p += 3;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
            p++;
        if (p >= end || *p != '<')
            return NULL;
        if (p + 1 < end && (p[1] == '?' || p[1] == '!')) { /* declaration, comment, DOCTYPE */
            const char *close = p[1] == '?' ? "?>" : (p + 3 < end && p[2] == '-') ? "-->" : ">";
            size_t cl = strlen(close);
            for (q = p + 2; q + cl <= end && memcmp(q, close, cl); q++)
                if (close[0] == '>' && *q == '[') { /* internal subset: skip to "]>" */
                    while (q + 1 < end && !(q[0] == ']' && q[1] == '>'))
                        q++;
                    q++;
                    break;
                }
            if (q + cl > end)
                return NULL;
            p = q + cl;
            continue;
        }
        for (q = p; q < end && *q != '>'; q++)
            ;
        *len = (size_t)(q - p);
        return p;
    }
    return NULL;
}

static int contains(const unsigned char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;
    for (i = 0; i + k <= n; i++)
        if (p[i] == (unsigned char)s[0] && !memcmp(p + i, s, k))
            return 1;
    return 0;
}

/* 2 for an EPCIS 2.0 root, 1 for an EPCIS 1.x root, 0 otherwise; -1: XML of another kind. */
static int sniff_version(const unsigned char *p, size_t n)
{
    size_t len = 0;
    const unsigned char *t = root_tag(p, n, &len);
    if (!t)
        return 0;
    if (!contains(t, len, "EPCISDocument") && !contains(t, len, "EPCISQueryDocument"))
        return -1;
    if (contains(t, len, XML__NS_EPCIS2) || contains(t, len, XML__NS_QUERY2))
        return 2;
    if (contains(t, len, XML__NS_EPCIS1) || contains(t, len, XML__NS_QUERY1))
        return 1;
    return 2; /* namespace declared after the window: assume the current binding */
}

static int xml_sniff(const unsigned char *p, size_t n)
{
    int v = sniff_version(p, n);
    return v == 2 ? 95 : v == -1 ? 30 : 0;
}

static int xml12_sniff(const unsigned char *p, size_t n)
{
    return sniff_version(p, n) == 1 ? 95 : 0;
}

TRACE__FORMAT_DEFINE(xml) = {TRACE_FMT_XML,       "xml",     xml_sniff,
                             xml_open,            xml_next,  xml_close,
                             xml__w_open_codec,   xml__w_header_codec,
                             xml__w_event_codec,  xml__w_close_codec,
                             xml__w_free_codec};

TRACE__FORMAT_DEFINE(xml12) = {TRACE_FMT_XML12, "xml12", xml12_sniff, xml_open, xml_next,
                               xml_close,       NULL,    NULL,        NULL,     NULL,
                               NULL};
