/*
 * xml_sax_int.h - internals of the SAX driver of the EPCIS XML reader
 * (xml_sax.c: prolog check, structure, callbacks, feeding; xml_sax_tree.c:
 * subtrees, arenas, queue). See xml_int.h for how it fits the reader.
 */
#ifndef TRACE_XML_SAX_INT_H
#define TRACE_XML_SAX_INT_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "xml_int.h"

#define SAX_CHUNK     16384
#define SAX_PEEK_MAX  65536
#define SAX_MAX_DEPTH 256 /* libxml2's xmlParserMaxDepth without XML_PARSE_HUGE */
#define SAX_NS_CACHE  8

typedef enum ukind {
    U_ROOT,      /* the root element, without children */
    U_HEADER,    /* EPCISHeader */
    U_QNAME,     /* queryName of a query document */
    U_SUBID,     /* subscriptionID of a query document */
    U_EARLY,     /* a document extension before the body */
    U_MD,        /* VocabularyList of a master-data document */
    U_QUERY_BAD, /* an element a query document cannot have (childless) */
    U_LIST,      /* marker: the EventList starts */
    U_EVENT,     /* one event */
    U_TAIL       /* an element after the events */
} ukind;

typedef struct unit {
    ukind kind;
    int ext;         /* U_EVENT: from EventList/extension */
    xmlNode *node;   /* NULL for U_LIST */
    trace__arena *a; /* where node lives (NULL for U_LIST) */
} unit;

/* An open element outside units: the ancestors of a unit, for diagnostic paths. */
typedef struct anc {
    xmlNode node;
    xmlNs ns;
} anc;

typedef enum phase { P_OPEN, P_LIST, P_TAIL } phase;

struct xml__sax {
    xmlParserCtxtPtr ctxt;
    const trace_allocator *alloc;
    trace__arena *ba;     /* the arena nodes are built in now */
    trace__arena **all;   /* every arena of the pool */
    trace__arena **free_; /* the ones not in use */
    size_t nall, nfree, acap;
    unit *q;
    size_t qhead, qlen, qcap;
    /* structure */
    phase ph;
    int depth; /* open elements */
    int query, mddoc, seen_body, list_depth, in_ext_list;
    anc stack[SAX_MAX_DEPTH + 1];
    /* the unit being built */
    int building;
    ukind ukind;
    int uext, udepth;
    xmlNode *cur;    /* element receiving children */
    uint64_t ustart; /* parser offset where the unit started */
    uint64_t ulimit;
    trace__buf text; /* pending character data */
    int text_open;       /* a text node is being gathered */
    int text_multi;      /* it came in more than one piece: gathered in text */
    xmlNode *text_node;  /* the node (content: the first piece until flushed) */
    size_t text_first;   /* length of the first piece */
    struct {
        const xmlChar *prefix, *uri;
        xmlNs *ns;
    } nsc[SAX_NS_CACHE];
    unsigned nsc_n, nsc_next;
    /* stopping */
    int stop;  /* no more callbacks are taken */
    int ended; /* the parser has all input (or was stopped) */
    int oom;
    int pend; /* a deferred diagnostic waits */
    int pend_code;
    trace_pos pend_pos;
    int pend_event; /* it happened inside an event */
    char pk[2][16], pv[2][TRACE_DIAG_ARG_SIZE];
    char chunk[SAX_CHUNK];
};

/* Parser offset (bytes of UTF-8 consumed): units are measured with it. */
static inline uint64_t xml__sx_offset(const xmlParserCtxt *c)
{
    return c->input ? (uint64_t)c->input->consumed + (uint64_t)(c->input->cur - c->input->base)
                    : 0;
}
/* Stop parsing; a deferred diagnostic, if any, is already kept. */
void xml__sx_halt(xml__sax *sx);
/* Out of memory: stop, and report it once the queue is mapped. */
void xml__sx_nomem(xml__sax *sx);
/* Start building in a fresh arena from the pool (0 when out of memory). */
int xml__sx_arena_start(xml__sax *sx);
/* Give a mapped unit's arena back to the pool. */
void xml__sx_arena_put(xml__sax *sx, trace__arena *a);
/* A node of type under parent (appended), with its line. */
xmlNode *xml__sx_node_new(xml__sax *sx, xmlElementType type, xmlNode *parent, int line);
/* A NUL-terminated copy in the building arena. */
xmlChar *xml__sx_str_new(xml__sax *sx, const xmlChar *s, size_t n);
/* Turn pending character data into a text node of the current element. */
void xml__sx_flush_text(xml__sax *sx);
/* An element with its namespace declarations and attributes, as SAX2 hands them over. */
xmlNode *xml__sx_element_new(xml__sax *sx, xmlNode *parent, const xmlChar *localname,
                             const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                             const xmlChar **namespaces, int nb_attr,
                             const xmlChar **attrs);
/* Queue a completed unit (node in arena a). */
void xml__sx_enqueue(xml__sax *sx, ukind kind, int ext, xmlNode *node, trace__arena *a);

#endif
