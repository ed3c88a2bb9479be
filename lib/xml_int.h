/*
 * xml_int.h - internals shared by the EPCIS XML codec files (UTDS Part 3,
 * spec/utds-3-xml.md): the reader (xml_read.c), the DOM-to-model mapping of
 * events (xml_event.c), of the header and master data (xml_header.c), the
 * extension-tree builder (xml_ext.c), and the writer (xml_write*.c).
 *
 * The reader maps one unit (the header, one event, one trailing element) at
 * a time from a small DOM subtree into the model (strings copied into the
 * reader's arenas). The subtree comes from one of two drivers:
 *  - xml_sax.c (the usual one): libxml2's SAX2 push parser, whose callbacks
 *    build each unit's subtree in an arena of this codec, with no libxml2
 *    tree and no per-node malloc;
 *  - xml_read.c: libxml2's xmlTextReader (xmlTextReaderExpand), used for
 *    documents with a DOCTYPE (entities), for --xsd schema validation, and
 *    for inputs whose prolog is not plain ASCII-compatible XML.
 * Both drive the same mapping code, so a document reads the same either way.
 */
#ifndef TRACE_XML_INT_H
#define TRACE_XML_INT_H

#include <libxml/tree.h>
#include <libxml/xmlreader.h>

#include "io_int.h"

#define XML__NS_EPCIS2 "urn:epcglobal:epcis:xsd:2"
#define XML__NS_EPCIS1 "urn:epcglobal:epcis:xsd:1"
#define XML__NS_QUERY2 "urn:epcglobal:epcis-query:xsd:2"
#define XML__NS_QUERY1 "urn:epcglobal:epcis-query:xsd:1"
#define XML__NS_MD2 "urn:epcglobal:epcis-masterdata:xsd:2"
#define XML__NS_SBDH "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
#define XML__NS_XSI "http://www.w3.org/2001/XMLSchema-instance"
#define XML__NS_XSD "http://www.w3.org/2001/XMLSchema"
#define XML__NS_XML "http://www.w3.org/XML/1998/namespace"
/* The UTDS namespace: trailer element and document attributes (spec/utds-3-xml.md). */
#define XML__NS_UTDS TRACE_UTDS_NS /* one UTDS namespace (libtrace/dict.h) */

/* Entity expansion budget per document (on top of libxml2's own limits). */
#define XML__MAX_ENTITY_REFS 10000u
#define XML__MAX_ENTITY_BYTES (1u << 20)
#define XML__MAX_ENTITY_NESTING 8

/* One interned namespace URI (the reader keeps a small cache per document). */
typedef struct xml__ns_entry {
    trace_str uri;
} xml__ns_entry;

#define XML__NS_CACHE 64
#define XML__FIELD_CACHE 64 /* a power of two */

typedef struct xml__sax xml__sax; /* the SAX driver's state (xml_sax.c) */

/* Reader state (r->state). */
typedef struct xml__rstate {
    trace_reader *r;
    xmlTextReaderPtr rd;   /* xmlTextReader driver, or NULL */
    xml__sax *sax;         /* SAX driver, or NULL */
    int v12;               /* EPCIS 1.2 input: upgraded to the 2.0 model */
    int query;             /* EPCISQueryDocument */
    int mddoc;             /* EPCISMasterDataDocument */
    int have_node;         /* the reader sits on a node not yet consumed */
    int in_ext_list;       /* inside EventList/extension */
    int list_depth;        /* reader depth of EventList (-1: not inside) */
    int done;              /* events finished; trailer read */
    int failed;            /* libxml2 reported a fatal error (already reported) */
    int limit_hit;         /* a size limit stopped the input (already reported) */
    int trailer_seen;
    int in_event;          /* mapping an event (diagnostics carry its index) */
    int events_done;       /* EventList finished (or absent) */
    int io_failed;         /* the input stream failed (already reported) */
    int transcoding;       /* the input is decoded from another encoding than UTF-8 */
    uint64_t supplied;     /* bytes handed to libxml2 */
    uint64_t unit_start;   /* supplied at the start of the current unit */
    uint64_t unit_limit;   /* 0: no unit being expanded */
    const char *unit_what; /* "event" or "header" for the limit diagnostic */
    size_t entity_refs;    /* entity references expanded in this document */
    size_t entity_bytes;   /* bytes of entity text expanded in this document */
    int unit_error;        /* the unit being mapped had an error that skips it */
    int unit_fatal;        /* the unit being mapped hit a fatal problem */
    uint32_t max_depth;
    uint64_t max_string;
    const xmlChar *last_href; /* namespace last tested by xml__std_ns */
    const xmlChar *intern_href; /* namespace last interned, and its interned copy */
    trace_str intern_hit;
    int last_href_std;
    const xmlChar *fnames[TRACE_F_COUNT]; /* field element names interned in the reader's dict */
    struct {
        const xmlChar *name;
        unsigned char field;
    } fcache[XML__FIELD_CACHE]; /* element name (dict address) -> field, direct-mapped */
    int dict_names;        /* element names are dict pointers: compare by address */
    xml__ns_entry ns[XML__NS_CACHE];
    size_t nns;
    char path[TRACE_DIAG_PATH_SIZE]; /* path prefix for diagnostics */
    char generic_msg[TRACE_DIAG_ARG_SIZE]; /* first message of libxml2's generic handler */
} xml__rstate;

/* ------------------------------------------------------ xml_ext.c (reader) */

/* An element or attribute name: the dictionary string itself when the reader interns names. */
trace_str xml__name_str(xml__rstate *st, trace__arena *a, const xmlChar *s);
/* Copy a string into arena a; NULL on failure (the caller reports ENOMEM). */
int xml__copy(trace__arena *a, const xmlChar *s, size_t n, trace_str *out);
/* Copy an attribute value or namespace URI, turning libxml2's "&#38;" back into "&". */
trace_str xml__amp_copy(trace__arena *a, const xmlChar *v, size_t n);
/* Namespace URI of a node ("" when unqualified), interned per document. */
trace_str xml__node_ns(xml__rstate *st, const xmlNode *n);
/* Intern a namespace URI. */
trace_str xml__intern_ns(xml__rstate *st, const xmlChar *href);
/* 1 when the node is an unqualified element (or in the EPCIS namespace, leniently) named name. */
int xml__is_std(xml__rstate *st, const xmlNode *n, const char *name);
/* 1 when n is an element with no namespace or the EPCIS/query namespace. */
int xml__std_ns(xml__rstate *st, const xmlNode *n);
/* Marks a node built by the SAX driver whose line (>= 65535) is kept in psvi. */
#define XML__SAX_BIG_LINE 0xA5A0u
/* Line of a node (exact up to libxml2's limits; 0 when unknown). */
trace_pos xml__pos(const xmlNode *n);
/*
 * Text content of an element (text, CDATA and expanded entity references),
 * copied into a. trim: strip XML whitespace (for typed values). Reports
 * limits; returns TRACE_OK, TRACE_EDATA (skip the unit) or TRACE_ENOMEM.
 */
int xml__text(xml__rstate *st, trace__arena *a, const xmlNode *n, int trim, trace_str *out);
/* Build an extension node from element (or comment/text) n. depth is the nesting so far. */
int xml__ext_build(xml__rstate *st, trace__arena *a, const xmlNode *n, uint32_t depth,
                   trace_ext *out);
/*
 * Build the extension nodes for a list of sibling nodes (elements, comments;
 * blank text skipped): used for ilmd, header extensions and master data trees.
 * flatten: unqualified "extension" wrappers are flattened into the list.
 * skip: NULL, or unqualified names of standard children to leave out (the
 * other unqualified children are then reported as unexpected and kept).
 */
int xml__ext_list(xml__rstate *st, trace__arena *a, const xmlNode *first, uint32_t depth,
                  int flatten, const char *const *skip, trace_ext **out, size_t *n);
/* Collect namespace declarations of element n into a list (prefix "", uri). */
int xml__ns_decls(xml__rstate *st, trace__arena *a, const xmlNode *n, trace_ns **out,
                  size_t *count);
/* XPath-like path of node n (in st->path); valid until the next call. */
const char *xml__path(xml__rstate *st, const xmlNode *n);
/* Report a diagnostic about node n: key/value C-string pairs follow. */
#define XML__REPORT(st, code, n, ...)                                                     \
    trace__reader_report_at((st)->r, (code), xml__pos(n), xml__record(st),                \
                            xml__path((st), (n)), __VA_ARGS__, (const char *)NULL)
/* Record index for diagnostics: the event being read, or -1 outside events. */
int64_t xml__record(const xml__rstate *st);
/* Name of a node as a C string ("" when none). */
const char *xml__name(const xmlNode *n);
/* 1 when s is only XML whitespace. */
int xml__blank(const xmlChar *s);

/* ---------------------------------------------------- xml_event.c (reader) */

/*
 * Map one expanded event element into ev (strings in r->ev_arena).
 * ext_event: the element came from EventList/extension.
 * Returns TRACE_OK, TRACE_EDATA (skipped, diagnostics given), TRACE_ENOMEM.
 */
int xml__event_read(xml__rstate *st, const xmlNode *n, int ext_event, trace_event *ev);
/* Intern the standard member names in the parser's dictionary (fast lookups). */
void xml__intern_fields(xml__rstate *st, xmlDictPtr dict);

/* --------------------------------------------------- xml_header.c (reader) */

/* Map the expanded EPCISHeader into r->hdr and r->md (strings in r->doc_arena). */
int xml__header_read(xml__rstate *st, const xmlNode *n);
/* Append the vocabularies of an expanded VocabularyList to r->md. */
int xml__vocabulary_list_read(xml__rstate *st, const xmlNode *n);
/* Map the expanded utds:trailer into r->trailer. */
int xml__trailer_read(xml__rstate *st, const xmlNode *n);
/*
 * Append a document-level extension element: before the body to r->hdr.ext,
 * after the events to r->trailer.ext (a streaming writer has written its
 * header by then; it writes the trailer's extensions at the end).
 */
int xml__doc_ext_add(xml__rstate *st, const xmlNode *n, int after_body);

/* ---------------------------------------------- xml_read.c (both drivers) */

/* Read input for libxml2 (counts bytes, applies the unit limit, reports I/O errors). */
int xml__io_read(void *ctx, char *buf, int len);
/* libxml2's structured error handler for this reader. */
void xml__on_error(void *arg, xmlErrorPtr e);
/* Status after libxml2 stopped: limit, I/O, or a parse error already reported. */
int xml__stop_status(xml__rstate *st);
/* Map the root element (name, namespaces, attributes); dict: the parser's dictionary. */
int xml__root(xml__rstate *st, const xmlNode *n, xmlDictPtr dict);
/* One element after the events (after_body) or a document extension before the body. */
int xml__tail_element(xml__rstate *st, const xmlNode *n, int after_body);
/* Finish the trailer once the whole document is read. */
void xml__tail_done(xml__rstate *st);
/* Silence libxml2's generic error handler while this reader runs it (per thread). */
typedef struct xml__quiet {
    xmlGenericErrorFunc fn;
    void *ctx;
} xml__quiet;
xml__quiet xml__quiet_on(xml__rstate *st);
void xml__quiet_off(xml__quiet q);
/* Report a diagnostic at a line/column with an explicit record (key/value pairs, NULL-ended). */
#define XML__REPORT_PLAIN(st, code, ln, col, rec, ...)                                    \
    do {                                                                                  \
        trace_pos p_;                                                                     \
        p_.line = (ln);                                                                   \
        p_.column = (col);                                                                \
        trace__reader_report_at((st)->r, (code), p_, (rec), NULL, __VA_ARGS__);           \
    } while (0)

/* ------------------------------------------------------ xml_sax.c (driver) */

/*
 * 1 when the document can be read by the SAX driver: the prolog (peeked, not
 * consumed) is ASCII-compatible and reaches the root start tag through only
 * an XML declaration, comments, processing instructions and white space.
 */
int xml__sax_usable(trace_reader *r);
/* Open: parse up to the first event (header, master data) like the reader driver. */
int xml__sax_open(xml__rstate *st);
/* The next event, or TRACE_EOF after the trailing elements. */
int xml__sax_next(xml__rstate *st, trace_event *ev);
void xml__sax_free(xml__rstate *st);
/*
 * A libxml2 error met while the SAX driver parses: kept and reported after
 * the units completed before it (so diagnostics stay in document order).
 */
void xml__sax_defer(xml__rstate *st, int code, uint32_t line, uint32_t col, const char *k1,
                    const char *v1, const char *k2, const char *v2);

/* ------------------------------------------------------ writer internals */

/* One prefix binding in scope while writing. */
typedef struct xml__binding {
    trace_str prefix;
    trace_str uri;
} xml__binding;

#define XML__MAX_SCOPE 512

typedef struct xml__wstate {
    trace_writer *w;
    int query;                   /* writing an EPCISQueryDocument */
    int mddoc;                   /* writing an EPCISMasterDataDocument */
    int ext_list_open;           /* an EventList/extension wrapper is open */
    int pretty;
    int level;                   /* indentation level */
    xml__binding scope[XML__MAX_SCOPE];
    size_t nscope;
    size_t marks[XML__MAX_SCOPE]; /* nscope at each open element */
    size_t nmarks;
    trace_str epcis_prefix;      /* prefix of the EPCIS namespace on the root */
    trace__arena arena;          /* document extensions kept for the end of the document */
    trace_ext *doc_ext;
    size_t ndoc_ext;
    int64_t record;              /* index of the event being written (-1: header) */
    char path[TRACE_DIAG_PATH_SIZE];
    char tmp[1024];
    char created_now[40];        /* creationDate written for a header without one, or "" */
    int gen;                     /* counter for generated prefixes */
} xml__wstate;

/* xml_wutil.c: escaping, namespaces, extension trees. */
void xml__w_indent(xml__wstate *ws);
void xml__w_text(xml__wstate *ws, trace_str s);
void xml__w_attr_value(xml__wstate *ws, trace_str s);
/* <name>text</name> with text escaped (nothing when text is empty and !always). */
void xml__w_leaf(xml__wstate *ws, const char *name, trace_str text);
void xml__w_open(xml__wstate *ws, const char *name);
void xml__w_close(xml__wstate *ws, const char *name);
/* Push/pop a namespace scope for an element being written. */
void xml__w_push(xml__wstate *ws);
void xml__w_pop(xml__wstate *ws);
int xml__w_bind(xml__wstate *ws, trace_str prefix, trace_str uri);
/*
 * The prefix to write for namespace ns (hint: the prefix as read); declares
 * it on the element being started when needed. attr: for an attribute.
 */
trace_str xml__w_resolve(xml__wstate *ws, trace_str ns, trace_str hint, int attr);
/* Write the xmlns declarations made on the element being started. */
void xml__w_decls(xml__wstate *ws);
/* The URI bound to prefix in scope, or NULL. */
const xml__binding *xml__w_lookup(xml__wstate *ws, trace_str prefix);
/* Write extension nodes (elements, text, comments) at the current place. */
void xml__w_ext_list(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where);
/* Write node i of the sibling list ext[0..n) (siblings matter for the JSON array check). */
void xml__w_ext_one(xml__wstate *ws, const trace_ext *ext, size_t n, size_t i, const char *where);
/* Write nodes that may mix text and elements (a master-data attribute value). */
void xml__w_ext_mixed(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where);
/*
 * Write the extension nodes of a standard element that has an "extension"
 * wrapper (##local) and ##other: unqualified nodes go into the wrapper.
 */
void xml__w_ext_wrapped(xml__wstate *ws, const trace_ext *ext, size_t n, const char *where);
/* 1 when s is an XML NCName (ASCII rules; bytes >= 0x80 accepted). */
int xml__ncname(trace_str s);
/* Report a loss (TR-CONV) at the current record with path where. */
void xml__w_loss(xml__wstate *ws, int code, const char *where, const char *what,
                 const char *as);
/* Write a CBV value as a leaf element, applying the CBV style. */
void xml__w_vocab(xml__wstate *ws, const char *name, const trace_vocab *v, trace_cbv_list list);
/* Spell a CBV value for an attribute. */
trace_str xml__w_vocab_str(xml__wstate *ws, const trace_vocab *v, trace_cbv_list list,
                           const char *where, char *buf, size_t size);

/* xml_wevent.c */
int xml__w_event(xml__wstate *ws, const trace_event *ev);

/* xml_write.c: document start and end, and the codec hooks. */
int xml__w_header(xml__wstate *ws, const trace_header *h, const trace_masterdata *md);
int xml__w_trailer(xml__wstate *ws, const trace_trailer *t);
int xml__w_open_codec(trace_writer *w);
int xml__w_header_codec(trace_writer *w, const trace_header *h, const trace_masterdata *md);
int xml__w_event_codec(trace_writer *w, const trace_event *ev);
int xml__w_close_codec(trace_writer *w, const trace_trailer *t);
void xml__w_free_codec(trace_writer *w);

#endif
