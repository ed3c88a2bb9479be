/*
 * xml_sax_tree.c - the SAX driver's subtrees (UTDS Part 3, spec/utds-3-xml.md
 * R-3X.12.4): plain xmlNode structures built in arenas of the driver, one
 * arena per unit from a pool, and the queue of completed units. The nodes
 * carry what the mapping code reads (type, name, ns, nsDef, properties,
 * children/next/prev/parent, content, line) and nothing libxml2 owns, so no
 * libxml2 function ever frees them.
 */
#include <string.h>

#include "xml_sax_int.h"

/* Stop parsing (the deferred diagnostic, if any, is already kept). */
void xml__sx_halt(xml__sax *sx)
{
    sx->stop = 1;
    xmlStopParser(sx->ctxt);
}

void xml__sx_nomem(xml__sax *sx)
{
    sx->oom = 1;
    xml__sx_halt(sx);
}

/* ------------------------------------------------------------ arena pool */

/* An arena for a new unit (NULL when out of memory). */
static trace__arena *xml__sx_arena_get(xml__sax *sx)
{
    trace__arena *a;
    if (sx->nfree)
        return sx->free_[--sx->nfree];
    if (sx->nall == sx->acap) {
        size_t cap = sx->acap ? sx->acap * 2 : 16;
        trace__arena **all = trace__realloc(sx->alloc, sx->all, cap * sizeof(*all));
        trace__arena **fr;
        if (!all)
            return NULL;
        sx->all = all;
        fr = trace__realloc(sx->alloc, sx->free_, cap * sizeof(*fr));
        if (!fr)
            return NULL;
        sx->free_ = fr;
        sx->acap = cap;
    }
    if (!(a = trace__calloc(sx->alloc, 1, sizeof(*a))))
        return NULL;
    trace__arena_init(a, sx->alloc, 0);
    sx->all[sx->nall++] = a;
    return a;
}

/* Give a mapped unit's arena back; a big one gives its blocks back too. */
void xml__sx_arena_put(xml__sax *sx, trace__arena *a)
{
    if (!a)
        return;
    if (a->used_total > (1u << 20))
        trace__arena_free(a);
    else
        trace__arena_reset(a);
    sx->free_[sx->nfree++] = a;
}

/* Start building in a fresh arena (its namespace cache starts empty too). */
int xml__sx_arena_start(xml__sax *sx)
{
    if (!(sx->ba = xml__sx_arena_get(sx))) {
        xml__sx_nomem(sx);
        return 0;
    }
    sx->nsc_n = sx->nsc_next = 0;
    return 1;
}

/* ------------------------------------------------------------ tree building */

xmlNode *xml__sx_node_new(xml__sax *sx, xmlElementType type, xmlNode *parent, int line)
{
    xmlNode *n = trace__arena_calloc(sx->ba, sizeof(*n));
    if (!n) {
        xml__sx_nomem(sx);
        return NULL;
    }
    n->type = type;
    if (line < 65535) {
        n->line = (unsigned short)line;
    } else { /* libxml2 keeps 16 bits; node_line reads the exact line from psvi */
        n->line = 65535;
        n->extra = XML__SAX_BIG_LINE;
        n->psvi = (void *)(uintptr_t)line;
    }
    n->parent = parent;
    if (parent) {
        if (parent->last) {
            parent->last->next = n;
            n->prev = parent->last;
        } else {
            parent->children = n;
        }
        parent->last = n;
    }
    return n;
}

/* A NUL-terminated copy in the arena. */
xmlChar *xml__sx_str_new(xml__sax *sx, const xmlChar *s, size_t n)
{
    trace_str t = trace__arena_str(sx->ba, (const char *)s, n);
    if (!t.s)
        xml__sx_nomem(sx);
    return (xmlChar *)(uintptr_t)t.s;
}

/* The namespace of an element or attribute; one xmlNs per (prefix, URI) in a unit. */
static xmlNs *xml__sx_ns_get(xml__sax *sx, const xmlChar *prefix, const xmlChar *uri)
{
    xmlNs *ns;
    unsigned i;
    for (i = 0; i < sx->nsc_n; i++)
        if (sx->nsc[i].uri == uri && sx->nsc[i].prefix == prefix)
            return sx->nsc[i].ns;
    ns = trace__arena_calloc(sx->ba, sizeof(*ns));
    if (!ns) {
        xml__sx_nomem(sx);
        return NULL;
    }
    ns->type = XML_NAMESPACE_DECL;
    ns->href = uri;
    ns->prefix = prefix;
    i = sx->nsc_n < SAX_NS_CACHE ? sx->nsc_n++ : sx->nsc_next++ % SAX_NS_CACHE;
    sx->nsc[i].prefix = prefix;
    sx->nsc[i].uri = uri;
    sx->nsc[i].ns = ns;
    return ns;
}

/*
 * An attribute value as the parser hands it over: without NOENT a "&" of the
 * value is kept as "&#38;" (libxml2 re-parses it when it builds a tree), so
 * it is turned back into "&" here. No other reference can remain.
 */
static xmlChar *xml__sx_attr_value(xml__sax *sx, const xmlChar *v, const xmlChar *end)
{
    trace_str t = xml__amp_copy(sx->ba, v, (size_t)(end - v));
    if (!t.s)
        xml__sx_nomem(sx);
    return (xmlChar *)(uintptr_t)t.s;
}

void xml__sx_flush_text(xml__sax *sx)
{
    if (!sx->text_open)
        return;
    sx->text_open = 0;
    if (!sx->text_multi || !sx->text_node)
        return; /* one piece: already in place */
    if (sx->text.failed) {
        xml__sx_nomem(sx);
        return;
    }
    sx->text_node->content = xml__sx_str_new(sx, (const xmlChar *)sx->text.data, sx->text.len);
}

xmlNode *xml__sx_element_new(xml__sax *sx, xmlNode *parent, const xmlChar *localname,
                             const xmlChar *prefix, const xmlChar *uri, int nb_ns,
                             const xmlChar **namespaces, int nb_attr,
                             const xmlChar **attrs)
{
    xmlNode *n = xml__sx_node_new(sx, XML_ELEMENT_NODE, parent, sx->ctxt->input->line);
    xmlNs **nsp;
    xmlAttr **atp;
    int i;
    if (!n)
        return NULL;
    n->name = localname;
    if (uri)
        n->ns = xml__sx_ns_get(sx, prefix, uri);
    for (i = 0, nsp = &n->nsDef; i < nb_ns; i++, nsp = &(*nsp)->next) {
        if (!(*nsp = trace__arena_calloc(sx->ba, sizeof(**nsp)))) {
            xml__sx_nomem(sx);
            return NULL;
        }
        (*nsp)->type = XML_NAMESPACE_DECL;
        (*nsp)->prefix = namespaces[2 * i];
        (*nsp)->href = namespaces[2 * i + 1];
    }
    for (i = 0, atp = &n->properties; i < nb_attr; i++, atp = &(*atp)->next) {
        const xmlChar **a = attrs + 5 * i;
        xmlNode *t;
        if (!(*atp = trace__arena_calloc(sx->ba, sizeof(**atp)))) {
            xml__sx_nomem(sx);
            return NULL;
        }
        (*atp)->type = XML_ATTRIBUTE_NODE;
        (*atp)->name = a[0];
        (*atp)->parent = n;
        if (a[2])
            (*atp)->ns = xml__sx_ns_get(sx, a[1], a[2]);
        if (!(t = xml__sx_node_new(sx, XML_TEXT_NODE, NULL, 0)))
            return NULL;
        t->parent = (xmlNode *)*atp;
        t->content = xml__sx_attr_value(sx, a[3], a[4]);
        (*atp)->children = (*atp)->last = t;
    }
    return n;
}

/* ------------------------------------------------------------ the queue */

void xml__sx_enqueue(xml__sax *sx, ukind kind, int ext, xmlNode *node, trace__arena *a)
{
    if (sx->qlen == 0)
        sx->qhead = 0;
    if (sx->qhead + sx->qlen == sx->qcap) {
        size_t cap = sx->qcap ? sx->qcap * 2 : 32;
        unit *q;
        if (sx->qhead) { /* slide the waiting units to the front first */
            memmove(sx->q, sx->q + sx->qhead, sx->qlen * sizeof(*sx->q));
            sx->qhead = 0;
        }
        if (sx->qlen == sx->qcap) {
            q = trace__realloc(sx->alloc, sx->q, cap * sizeof(*q));
            if (!q) {
                xml__sx_nomem(sx);
                return;
            }
            sx->q = q;
            sx->qcap = cap;
        }
    }
    sx->q[sx->qhead + sx->qlen].kind = kind;
    sx->q[sx->qhead + sx->qlen].ext = ext;
    sx->q[sx->qhead + sx->qlen].node = node;
    sx->q[sx->qhead + sx->qlen].a = a;
    sx->qlen++;
}
