/*
 * xml_sax.c - the SAX driver of the EPCIS XML reader (UTDS Part 3,
 * spec/utds-3-xml.md "Reading"). libxml2's SAX2 push parser is fed the input
 * in chunks; its callbacks walk the document structure (root, header, body,
 * EventList and its extension wrappers, trailing elements) and build the
 * subtree of each unit -- the header, one event, one trailing element -- as
 * plain xmlNode structures in an arena of this driver. Completed units wait
 * in a queue and are mapped by the same code as the xmlTextReader driver
 * (xml_event.c, xml_header.c), one per call, so the pull API is unchanged.
 *
 * Why: libxml2's xmlTextReader builds and frees a libxml2 tree node by node
 * (a malloc and a free per node, a state machine step per node) and the
 * expansion of every event costs about what a whole plain streaming pass
 * costs. The SAX2 parser alone costs half of that pass; building the
 * subtree in an arena costs little more (bench/bench_validate.c).
 *
 * Memory: each unit is built in an arena of its own, taken from a pool and
 * given back once the unit is mapped; the queue holds at most the units of
 * one chunk, plus the unit being built. A unit is bounded by the same byte
 * limits as in the reader driver (TR-XML-0007).
 *
 * Safety: the same parser options as the reader driver (XML_PARSE_NONET, no
 * NOENT, no DTDLOAD, no HUGE). Documents with a DOCTYPE never come here
 * (xml__sax_usable), so no entity other than the predefined ones and
 * character references can occur. libxml2's push parser does not limit
 * nesting without a tree, so this driver applies libxml2's own limit (256)
 * with libxml2's own message.
 *
 * Order: a libxml2 error is kept and reported after the units completed
 * before it, so diagnostics come in document order as with the reader.
 */
#include <stdio.h>
#include <string.h>

#include "xml_sax_int.h"

/* ------------------------------------------------------------ prolog check */

/* 1: root start tag at p[i]; 0: something else; -1: need more bytes. */
static int prolog_scan(const unsigned char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    for (;;) {
        const char *close;
        while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
            i++;
        if (i + 4 > n)
            return -1;
        if (p[i] != '<')
            return 0;
        if (p[i + 1] == '?')
            close = "?>";
        else if (p[i + 1] == '!' && p[i + 2] == '-' && p[i + 3] == '-')
            close = "-->";
        else if (p[i + 1] == '!') /* DOCTYPE (or garbage): the reader driver */
            return 0;
        else
            return (p[i + 1] >= 'A' && p[i + 1] <= 'Z') ||
                   (p[i + 1] >= 'a' && p[i + 1] <= 'z') || p[i + 1] == '_' ||
                   p[i + 1] >= 0x80;
        for (i += 2; i + strlen(close) <= n && memcmp(p + i, close, strlen(close)); i++)
            ;
        if (i + strlen(close) > n)
            return -1;
        i += strlen(close);
    }
}

int xml__sax_usable(trace_reader *r)
{
    size_t want = 4096;
    for (;;) {
        const unsigned char *p;
        long n = trace__in_peek(&r->in, &p, want);
        int v;
        if (n < 0)
            return 0; /* the reader driver reports the input error */
        v = prolog_scan(p, (size_t)n);
        if (v >= 0)
            return v;
        if ((size_t)n < want || want >= SAX_PEEK_MAX)
            return 0;
        want *= 2;
    }
}

/* ------------------------------------------------------------ stopping */

void xml__sax_defer(xml__rstate *st, int code, uint32_t line, uint32_t col,
                    const char *k1, const char *v1, const char *k2, const char *v2)
{
    xml__sax *sx = st->sax;
    if (!sx->pend) {
        sx->pend = 1;
        sx->pend_code = code;
        sx->pend_pos.line = line;
        sx->pend_pos.column = col;
        sx->pend_event = sx->building && sx->ukind == U_EVENT;
        snprintf(sx->pk[0], sizeof(sx->pk[0]), "%s", k1 ? k1 : "");
        snprintf(sx->pv[0], sizeof(sx->pv[0]), "%s", v1 ? v1 : "");
        snprintf(sx->pk[1], sizeof(sx->pk[1]), "%s", k2 ? k2 : "");
        snprintf(sx->pv[1], sizeof(sx->pv[1]), "%s", v2 ? v2 : "");
    }
    sx->stop = 1;
}

/* Report what stopped the parser, once the units before it are mapped. */
static int stopped(xml__rstate *st)
{
    xml__sax *sx = st->sax;
    if (sx->oom) {
        sx->oom = 0;
        XML__REPORT_PLAIN(st, TRACE__D_OUT_OF_MEMORY, 0, 0, -1, (const char *)NULL);
        st->failed = 1;
        return TRACE_ENOMEM;
    }
    if (sx->pend) {
        sx->pend = 0;
        XML__REPORT_PLAIN(st, sx->pend_code, sx->pend_pos.line, sx->pend_pos.column,
                          sx->pend_event ? (int64_t)st->r->nevents : -1,
                          sx->pk[0][0] ? sx->pk[0] : (const char *)NULL, sx->pv[0],
                          sx->pk[1][0] ? sx->pk[1] : (const char *)NULL, sx->pv[1],
                          (const char *)NULL);
    }
    return xml__stop_status(st);
}

/* ------------------------------------------------------------ structure */

static int is_std_uri(const xmlChar *uri)
{
    const char *u = (const char *)uri;
    return !u || !strcmp(u, XML__NS_EPCIS2) || !strcmp(u, XML__NS_EPCIS1) ||
           !strcmp(u, XML__NS_QUERY2) || !strcmp(u, XML__NS_QUERY1) ||
           !strcmp(u, XML__NS_MD2);
}

/* The reader driver's node_is: an EPCIS element (unqualified or in an EPCIS namespace).
 */
static int is(const xmlChar *localname, const xmlChar *uri, const char *name)
{
    return !strcmp((const char *)localname, name) && is_std_uri(uri);
}

/* Keep an element outside units as the ancestor at depth d. */
static void anc_set(xml__sax *sx, int d, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *uri)
{
    anc *a = &sx->stack[d];
    memset(a, 0, sizeof(*a));
    a->node.type = XML_ELEMENT_NODE;
    a->node.name = localname;
    a->node.parent = d > 0 ? &sx->stack[d - 1].node : NULL;
    a->node.line =
        (unsigned short)(sx->ctxt->input->line < 65535 ? sx->ctxt->input->line : 65535);
    if (uri) {
        a->ns.type = XML_NAMESPACE_DECL;
        a->ns.href = uri;
        a->ns.prefix = prefix;
        a->node.ns = &a->ns;
    }
}

static void unit_begin(xml__rstate *st, ukind kind, int ext, int d, uint64_t limit,
                       const char *what, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_ns, const xmlChar **namespaces,
                       int nb_attr, const xmlChar **attrs)
{
    xml__sax *sx = st->sax;
    xmlNode *n;
    if (!xml__sx_arena_start(sx))
        return;
    n = xml__sx_element_new(sx, d > 0 ? &sx->stack[d - 1].node : NULL, localname, prefix,
                            uri, nb_ns, namespaces, nb_attr, attrs);
    if (!n)
        return;
    if (d > 0) { /* the ancestor keeps no children: a unit stands alone below it */
        n->parent->children = n->parent->last = NULL;
    }
    sx->building = 1;
    sx->ukind = kind;
    sx->uext = ext;
    sx->udepth = d;
    sx->cur = n;
    sx->ustart = xml__sx_offset(sx->ctxt);
    sx->ulimit = limit;
    /* the unit limit on bytes fed (xml__io_read) as in the reader driver */
    st->unit_start = st->supplied;
    st->unit_limit = limit;
    st->unit_what = what;
}

static void unit_end(xml__rstate *st)
{
    xml__sax *sx = st->sax;
    xmlNode *n = sx->cur;
    sx->building = 0;
    st->unit_limit = 0;
    xml__sx_enqueue(sx, sx->ukind, sx->uext, n, sx->ba);
}

/* A unit grew past its byte limit: TR-XML-0007, as the reader driver reports it. */
static int over_limit(xml__rstate *st)
{
    xml__sax *sx = st->sax;
    char m[32];
    if (xml__sx_offset(sx->ctxt) - sx->ustart <= sx->ulimit)
        return 0;
    snprintf(m, sizeof(m), "%llu", (unsigned long long)sx->ulimit);
    xml__sax_defer(st, TRACE__D_XML_UNIT_TOO_LARGE, 0, 0, "what", st->unit_what, "max",
                   m);
    st->limit_hit = 1;
    xml__sx_halt(sx);
    return 1;
}

static uint64_t limit_of(xml__rstate *st, int big)
{
    const trace_limits *l = trace_ctx_limits(st->r->ctx);
    return big ? l->max_buffer : l->max_record;
}

/* The root element: the document kind decides the structure below it. */
static void root_start(xml__rstate *st, const xmlChar *localname, const xmlChar *prefix,
                       const xmlChar *uri, int nb_ns, const xmlChar **namespaces,
                       int nb_attr, const xmlChar **attrs)
{
    xml__sax *sx = st->sax;
    const char *u = uri ? (const char *)uri : "";
    xmlNode *n;
    sx->query = !strcmp((const char *)localname, "EPCISQueryDocument") &&
                (!strcmp(u, XML__NS_QUERY2) || !strcmp(u, XML__NS_QUERY1));
    sx->mddoc = !strcmp((const char *)localname, "EPCISMasterDataDocument") &&
                !strcmp(u, XML__NS_MD2);
    anc_set(sx, 0, localname, prefix, uri);
    if (!xml__sx_arena_start(sx))
        return;
    n = xml__sx_element_new(sx, NULL, localname, prefix, uri, nb_ns, namespaces, nb_attr,
                            attrs);
    if (n)
        xml__sx_enqueue(sx, U_ROOT, 0, n, sx->ba);
}

/*
 * An element outside units, before the events: the same decisions, in the
 * same order, as the reader driver's open_body (xml_read.c).
 */
static void open_start(xml__rstate *st, int d, const xmlChar *ln, const xmlChar *prefix,
                       const xmlChar *uri, int nb_ns, const xmlChar **nsv, int nb_attr,
                       const xmlChar **attrs)
{
    xml__sax *sx = st->sax;
    if (d == 0) {
        root_start(st, ln, prefix, uri, nb_ns, nsv, nb_attr, attrs);
    } else if (d == 1 && is(ln, uri, "EPCISHeader")) {
        unit_begin(st, U_HEADER, 0, d, limit_of(st, 1), "the header", ln, prefix, uri,
                   nb_ns, nsv, nb_attr, attrs);
    } else if ((d == 1 && is(ln, uri, "EPCISBody")) ||
               (sx->query && d == 2 && is(ln, uri, "QueryResults")) ||
               (sx->query && d == 3 && is(ln, uri, "resultsBody"))) {
        sx->seen_body = 1;
        anc_set(sx, d, ln, prefix, uri);
    } else if (sx->query && d == 2) {
        xmlNode *n = xml__sx_arena_start(sx)
                         ? xml__sx_element_new(sx, &sx->stack[d - 1].node, ln, prefix,
                                               uri, 0, NULL, 0, NULL)
                         : NULL;
        if (n) {
            n->parent->children = n->parent->last = NULL;
            xml__sx_enqueue(sx, U_QUERY_BAD, 0, n, sx->ba);
        }
        xml__sx_halt(sx);
    } else if (sx->query && d == 3 && is(ln, uri, "queryName")) {
        unit_begin(st, U_QNAME, 0, d, limit_of(st, 0), "an element", ln, prefix, uri,
                   nb_ns, nsv, nb_attr, attrs);
    } else if (sx->query && d == 3 && is(ln, uri, "subscriptionID")) {
        unit_begin(st, U_SUBID, 0, d, limit_of(st, 0), "an element", ln, prefix, uri,
                   nb_ns, nsv, nb_attr, attrs);
    } else if (is(ln, uri, "EventList") && d == (sx->query ? 4 : 2)) {
        anc_set(sx, d, ln, prefix, uri);
        sx->list_depth = d;
        sx->ph = P_LIST;
        xml__sx_enqueue(sx, U_LIST, 0, NULL, NULL);
    } else if (sx->mddoc && d == 2 && is(ln, uri, "VocabularyList")) {
        unit_begin(st, U_MD, 0, d, limit_of(st, 1), "the master data", ln, prefix, uri,
                   nb_ns, nsv, nb_attr, attrs);
    } else if (d == 1 && !sx->seen_body) {
        unit_begin(st, U_EARLY, 0, d, limit_of(st, 0), "a document extension", ln, prefix,
                   uri, nb_ns, nsv, nb_attr, attrs);
    } else { /* something after (or instead of) the event list */
        sx->ph = P_TAIL;
        unit_begin(st, U_TAIL, 0, d, limit_of(st, 0), "a document extension", ln, prefix,
                   uri, nb_ns, nsv, nb_attr, attrs);
    }
}

static void on_start(void *ud, const xmlChar *ln, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **nsv, int nb_attr,
                     int nb_def, const xmlChar **attrs)
{
    xml__rstate *st = ud;
    xml__sax *sx = st->sax;
    int d = sx->depth++;
    (void)nb_def; /* no DTD, so no defaulted attributes */
    if (sx->stop)
        return;
    if (d > SAX_MAX_DEPTH) { /* what libxml2 says when it builds a tree */
        char m[96];
        snprintf(m, sizeof(m),
                 "Excessive depth in document: %d use XML_PARSE_HUGE option",
                 SAX_MAX_DEPTH);
        xml__sax_defer(st, TRACE__D_XML_NOT_WELL_FORMED, (uint32_t)sx->ctxt->input->line,
                       (uint32_t)sx->ctxt->input->col, "reason", m, NULL, NULL);
        st->failed = 1;
        xml__sx_halt(sx);
        return;
    }
    if (sx->building) {
        xmlNode *n;
        xml__sx_flush_text(sx);
        n = xml__sx_element_new(sx, sx->cur, ln, prefix, uri, nb_ns, nsv, nb_attr, attrs);
        if (n)
            sx->cur = n;
        over_limit(st);
        return;
    }
    if (sx->ph == P_OPEN) {
        open_start(st, d, ln, prefix, uri, nb_ns, nsv, nb_attr, attrs);
    } else if (sx->ph == P_LIST) {
        int at = sx->list_depth + 1 + sx->in_ext_list;
        if (d == at && !uri && !strcmp((const char *)ln, "extension")) {
            /* EventList/extension (and 1.2's extension/extension) hold more events */
            sx->in_ext_list++;
            anc_set(sx, d, ln, prefix, uri);
        } else if (d == at) {
            unit_begin(st, U_EVENT, sx->in_ext_list > 0, d, limit_of(st, 0), "an event",
                       ln, prefix, uri, nb_ns, nsv, nb_attr, attrs);
        } else if (d <= sx->list_depth) {
            sx->ph = P_TAIL;
            unit_begin(st, U_TAIL, 0, d, limit_of(st, 0), "a document extension", ln,
                       prefix, uri, nb_ns, nsv, nb_attr, attrs);
        } else {
            anc_set(sx, d, ln, prefix,
                    uri); /* not reachable in practice; kept for paths */
        }
    } else {
        unit_begin(st, U_TAIL, 0, d, limit_of(st, 0), "a document extension", ln, prefix,
                   uri, nb_ns, nsv, nb_attr, attrs);
    }
}

static void on_end(void *ud, const xmlChar *ln, const xmlChar *prefix, const xmlChar *uri)
{
    xml__rstate *st = ud;
    xml__sax *sx = st->sax;
    int d = --sx->depth;
    (void)ln, (void)prefix, (void)uri;
    if (sx->stop)
        return;
    if (sx->building) {
        xml__sx_flush_text(sx);
        if (d == sx->udepth)
            unit_end(st);
        else
            sx->cur = sx->cur->parent;
        return;
    }
    if (sx->ph == P_LIST) {
        if (sx->in_ext_list && d == sx->list_depth + sx->in_ext_list)
            sx->in_ext_list--;
        else if (d <= sx->list_depth)
            sx->ph = P_TAIL;
    }
}

static void on_chars(void *ud, const xmlChar *s, int len)
{
    xml__rstate *st = ud;
    xml__sax *sx = st->sax;
    if (sx->stop || !sx->building)
        return; /* text outside units is white space or reported by libxml2 */
    if (!sx->text_open) {
        /* usually the whole text comes in one piece: straight into the unit's arena */
        sx->text_open = 1;
        sx->text_multi = 0;
        sx->text_node = xml__sx_node_new(sx, XML_TEXT_NODE, sx->cur, sx->ctxt->input->line);
        if (sx->text_node)
            sx->text_node->content = xml__sx_str_new(sx, s, (size_t)len);
        sx->text_first = (size_t)len;
    } else if (sx->text_node) { /* more pieces (references, chunk ends): gather them */
        if (!sx->text_multi) {
            sx->text_multi = 1;
            sx->text.len = 0;
            trace__buf_append(&sx->text, sx->text_node->content, sx->text_first);
        }
        trace__buf_append(&sx->text, s, (size_t)len);
    }
    over_limit(st);
}

static void on_comment(void *ud, const xmlChar *s)
{
    xml__rstate *st = ud;
    xml__sax *sx = st->sax;
    xmlNode *c;
    if (sx->stop || !sx->building)
        return;
    xml__sx_flush_text(sx);
    c = xml__sx_node_new(sx, XML_COMMENT_NODE, sx->cur, sx->ctxt->input->line);
    if (c)
        c->content = xml__sx_str_new(sx, s, strlen((const char *)s));
}

/* A processing instruction is not kept, but it separates text nodes as in a tree. */
static void on_pi(void *ud, const xmlChar *target, const xmlChar *data)
{
    xml__rstate *st = ud;
    (void)target, (void)data;
    if (!st->sax->stop && st->sax->building)
        xml__sx_flush_text(st->sax);
}

/* A DOCTYPE is never expected here (xml__sax_usable); refuse rather than guess. */
static void on_subset(void *ud, const xmlChar *name, const xmlChar *eid,
                      const xmlChar *sid)
{
    xml__rstate *st = ud;
    (void)name, (void)eid, (void)sid;
    xml__sax_defer(st, TRACE__D_XML_NOT_WELL_FORMED, (uint32_t)st->sax->ctxt->input->line,
                   (uint32_t)st->sax->ctxt->input->col, "reason", "unexpected DOCTYPE",
                   NULL, NULL);
    st->failed = 1;
    xml__sx_halt(st->sax);
}

/* ------------------------------------------------------------ feeding */

/* Forget the waiting units (their arenas go back to the pool). */
static void drop_queue(xml__sax *sx)
{
    while (sx->qlen) {
        xml__sx_arena_put(sx, sx->q[sx->qhead].a);
        sx->qhead++;
        sx->qlen--;
    }
}

/* Parse chunks until a unit waits or the input ends. */
static void pump(xml__rstate *st)
{
    xml__sax *sx = st->sax;
    while (sx->qlen == 0 && !sx->ended) {
        xml__quiet q;
        int k, rc;
        if (sx->stop) {
            sx->ended = 1;
            break;
        }
        /* a limit reported while feeding names the event being built, as the reader does
         */
        st->in_event = sx->building && sx->ukind == U_EVENT;
        k = xml__io_read(st, sx->chunk, SAX_CHUNK);
        st->in_event = 0;
        if (k < 0) { /* reported by xml__io_read (I/O, or the unit limit) */
            sx->ended = 1;
            break;
        }
        q = xml__quiet_on(st);
        rc = xmlParseChunk(sx->ctxt, sx->chunk, k, k == 0);
        xml__quiet_off(q);
        if ((rc != 0 || sx->ctxt->disableSAX || st->generic_msg[0]) && !sx->stop) {
            /*
             * Stopped with no structured error, or an input conversion failed
             * (libxml2's generic message). libxml2 2.9 may convert on past a
             * failure when the chunk is large, so what this chunk produced is
             * not trusted: its units are dropped and the document fails here.
             */
            drop_queue(sx);
            xml__sax_defer(st, TRACE__D_XML_NOT_WELL_FORMED, 0, 0, "reason",
                           st->generic_msg[0] ? st->generic_msg : "parser stopped", NULL,
                           NULL);
            sx->pend_event = 0;
            st->failed = 1;
            xml__sx_halt(sx);
        }
        if (k == 0)
            sx->ended = 1;
    }
}

/* The next unit into *u: 1, or 0 when the input is done (or stopped). */
static int take(xml__rstate *st, unit *u)
{
    xml__sax *sx = st->sax;
    if (sx->qlen == 0)
        pump(st);
    if (sx->qlen == 0)
        return 0;
    *u = sx->q[sx->qhead++];
    sx->qlen--; /* qhead rewinds in enqueue, so that untake can step back */
    return 1;
}

/* Put a unit back at the head of the queue (open leaves the first trailing element). */
static void untake(xml__sax *sx)
{
    sx->qhead--;
    sx->qlen++;
}

static int ended_badly(xml__rstate *st)
{
    return st->sax->oom || st->sax->pend || st->failed || st->io_failed || st->limit_hit;
}

/* Map a unit of the document start. */
static int open_unit(xml__rstate *st, const unit *u)
{
    trace_str *out;
    switch (u->kind) {
    case U_ROOT: return xml__root(st, u->node, st->sax->ctxt->dict);
    case U_HEADER: return xml__header_read(st, u->node);
    case U_QNAME:
    case U_SUBID:
        out = u->kind == U_QNAME ? &st->r->hdr.query_name : &st->r->hdr.subscription_id;
        return xml__text(st, &st->r->doc_arena, u->node, 1, out);
    case U_EARLY: return xml__tail_element(st, u->node, 0);
    case U_MD: return xml__vocabulary_list_read(st, u->node);
    case U_QUERY_BAD:
        XML__REPORT(st, TRACE__D_XML_QUERY_BODY, u->node, "name", xml__name(u->node));
        return TRACE_EDATA;
    default: return TRACE_OK;
    }
}

int xml__sax_open(xml__rstate *st)
{
    xml__sax *sx = trace__calloc(st->r->alloc, 1, sizeof(*sx));
    xmlSAXHandler h;
    unit u;
    if (!sx)
        return TRACE_ENOMEM;
    st->sax = sx;
    sx->alloc = st->r->alloc;
    trace__buf_init(&sx->text, st->r->alloc);
    memset(&h, 0, sizeof(h));
    h.initialized = XML_SAX2_MAGIC;
    h.startElementNs = on_start;
    h.endElementNs = on_end;
    h.characters = on_chars;
    h.ignorableWhitespace = on_chars;
    h.comment = on_comment;
    h.processingInstruction = on_pi;
    h.internalSubset = on_subset;
    h.serror = xml__on_error;
    sx->ctxt = xmlCreatePushParserCtxt(&h, st, NULL, 0, NULL);
    if (!sx->ctxt)
        return TRACE_ENOMEM;
    /* No NOENT, no DTDLOAD, no HUGE: the reader driver's options. */
    xmlCtxtUseOptions(sx->ctxt,
                      XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
    while (take(st, &u)) {
        int rc;
        if (u.kind == U_LIST)
            return TRACE_OK;
        if (u.kind == U_TAIL || u.kind == U_EVENT) {
            untake(sx);
            return TRACE_OK;
        }
        rc = open_unit(st, &u);
        xml__sx_arena_put(sx, u.a);
        if (rc != TRACE_OK)
            return rc;
    }
    if (ended_badly(st))
        return stopped(st);
    return TRACE_OK;
}

int xml__sax_next(xml__rstate *st, trace_event *ev)
{
    xml__sax *sx = st->sax;
    unit u;
    int rc;
    while (take(st, &u)) {
        if (u.kind == U_EVENT) {
            st->in_event = 1;
            rc = xml__event_read(st, u.node, u.ext, ev);
            st->in_event = 0;
            xml__sx_arena_put(sx, u.a);
            return rc;
        }
        rc = TRACE_OK;
        if (u.kind == U_TAIL)
            rc = xml__tail_element(st, u.node, 1);
        else if (u.kind != U_LIST)
            rc = open_unit(st, &u); /* not reached: these come before the list */
        xml__sx_arena_put(sx, u.a);
        if (rc == TRACE_ENOMEM)
            return rc;
    }
    if (ended_badly(st))
        return stopped(st);
    if (!st->done) {
        st->done = 1;
        xml__tail_done(st);
    }
    return TRACE_EOF;
}

void xml__sax_free(xml__rstate *st)
{
    xml__sax *sx = st->sax;
    size_t i;
    if (!sx)
        return;
    if (sx->ctxt)
        xmlFreeParserCtxt(sx->ctxt);
    for (i = 0; i < sx->nall; i++) {
        trace__arena_free(sx->all[i]);
        trace__free(sx->alloc, sx->all[i]);
    }
    trace__free(sx->alloc, sx->all);
    trace__free(sx->alloc, sx->free_);
    trace__buf_free(&sx->text);
    trace__free(st->r->alloc, sx->q);
    trace__free(st->r->alloc, sx);
    st->sax = NULL;
}
