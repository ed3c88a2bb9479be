/*
 * xml_ext.c - reader helpers for the EPCIS XML codec: strings, namespaces,
 * positions, diagnostic paths, text content with guarded entity expansion,
 * and the extension tree built from expanded DOM subtrees (UTDS Part 3,
 * spec/utds-3-xml.md sections "Extensions" and "Limits").
 */
#include <stdio.h>
#include <string.h>

#include "xml_int.h"

trace_str xml__name_str(xml__rstate *st, trace__arena *a, const xmlChar *s)
{
    /* names live in libxml2's dictionary until the reader is freed; copy otherwise */
    return st->dict_names ? trace_str_c((const char *)s)
                          : trace__arena_str(a, (const char *)s, strlen((const char *)s));
}

const char *xml__name(const xmlNode *n)
{
    return n && n->name ? (const char *)n->name : "";
}

int xml__copy(trace__arena *a, const xmlChar *s, size_t n, trace_str *out)
{
    out->len = 0;
    out->s = NULL;
    if (n == 0)
        return TRACE_OK;
    *out = trace__arena_str(a, (const char *)s, n);
    return out->s ? TRACE_OK : TRACE_ENOMEM;
}

int xml__blank(const xmlChar *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return 0;
    return 1;
}

/*
 * Copy a namespace URI or attribute value. Without NOENT libxml2 keeps an
 * "&amp;" (or "&#38;") of an attribute value as the character reference
 * "&#38;" (a literal "&#38;" would have been decoded already), so that one
 * is turned back into "&".
 */
trace_str xml__amp_copy(trace__arena *a, const xmlChar *v, size_t n)
{
    const char *h = (const char *)v;
    trace_str s = {NULL, 0};
    char *p;
    size_t i, k = 0;
    if (!memchr(h, '&', n))
        return trace__arena_str(a, h, n);
    if (!(p = trace__arena_alloc(a, n + 1)))
        return s;
    for (i = 0; i < n; i++) {
        p[k++] = h[i];
        if (h[i] == '&' && i + 4 < n && !memcmp(h + i + 1, "#38;", 4))
            i += 4;
    }
    p[k] = '\0';
    s.s = p;
    s.len = k;
    return s;
}

/*
 * Namespace URIs repeat on every extension element: intern them once per
 * document in the header arena; when the cache is full, copy into the
 * caller's arena instead so that memory stays bounded.
 */
static trace_str intern_in(xml__rstate *st, trace__arena *a, const xmlChar *href)
{
    size_t i, n;
    trace_str s = {NULL, 0};
    if (href && href == st->intern_href && st->intern_hit.s)
        return st->intern_hit; /* the same declaration as the last lookup */
    n = href ? strlen((const char *)href) : 0;
    if (n == 0)
        return s;
    for (i = 0; i < st->nns; i++)
        if (st->ns[i].uri.len == n && memcmp(st->ns[i].uri.s, href, n) == 0) {
            st->intern_href = href;
            st->intern_hit = st->ns[i].uri;
            return st->ns[i].uri;
        }
    if (st->nns < XML__NS_CACHE) {
        s = xml__amp_copy(&st->r->doc_arena, href, n);
        if (s.s)
            st->ns[st->nns++].uri = s;
        return s;
    }
    return xml__amp_copy(a, href, n);
}

trace_str xml__intern_ns(xml__rstate *st, const xmlChar *href)
{
    return intern_in(st, &st->r->ev_arena, href);
}

trace_str xml__node_ns(xml__rstate *st, const xmlNode *n)
{
    trace_str s = {NULL, 0};
    if (n && n->ns && n->ns->href)
        return xml__intern_ns(st, n->ns->href);
    return s;
}

static int epcis_ns(const xmlChar *href)
{
    const char *h = (const char *)href;
    /* every EPCIS namespace starts with "urn:epcglobal:epcis" */
    if (strncmp(h, "urn:epcglobal:epcis", 19) != 0)
        return 0;
    return !strcmp(h, XML__NS_EPCIS2) || !strcmp(h, XML__NS_EPCIS1) ||
           !strcmp(h, XML__NS_QUERY2) || !strcmp(h, XML__NS_QUERY1) || !strcmp(h, XML__NS_MD2);
}

int xml__std_ns(xml__rstate *st, const xmlNode *n)
{
    int r;
    if (!n || n->type != XML_ELEMENT_NODE)
        return 0;
    if (!n->ns || !n->ns->href)
        return 1;
    /* extension elements repeat the same declaration: remember the last answer */
    if (n->ns->href == st->last_href)
        return st->last_href_std;
    r = epcis_ns(n->ns->href);
    st->last_href = n->ns->href;
    st->last_href_std = r;
    return r;
}

int xml__is_std(xml__rstate *st, const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && n->name && n->name[0] == (xmlChar)name[0] &&
           !strcmp((const char *)n->name, name) && xml__std_ns(st, n);
}

/*
 * libxml2 keeps element lines in 16 bits. With XML_PARSE_BIG_LINES a text
 * node keeps its full line in psvi, and the text node before an element
 * ends where the element starts, so it gives the element's line.
 */
static uint32_t node_line(const xmlNode *n)
{
    const xmlNode *p;
    if (!n)
        return 0;
    if (n->line > 0 && n->line < 65535)
        return n->line;
    if (n->extra == XML__SAX_BIG_LINE) /* built by the SAX driver: the exact line */
        return (uint32_t)(uintptr_t)n->psvi;
    if ((n->type == XML_TEXT_NODE || n->type == XML_COMMENT_NODE) && n->line == 65535 && n->psvi)
        return (uint32_t)(uintptr_t)n->psvi;
    if (n->type == XML_ATTRIBUTE_NODE)
        return node_line(n->parent);
    /* the text just before the element, else the text just inside it */
    p = n->prev;
    if (p && p->type == XML_TEXT_NODE && p->line == 65535 && p->psvi)
        return (uint32_t)(uintptr_t)p->psvi;
    p = n->children;
    if (p && p->type == XML_TEXT_NODE && p->line == 65535 && p->psvi)
        return (uint32_t)(uintptr_t)p->psvi;
    if (n->line == 65535)
        return n->parent && n->parent->type == XML_ELEMENT_NODE ? node_line(n->parent) : 65535;
    return n->parent && n->parent->type == XML_ELEMENT_NODE ? node_line(n->parent) : 0;
}

trace_pos xml__pos(const xmlNode *n)
{
    trace_pos p;
    p.line = node_line(n);
    p.column = 0; /* libxml2's tree keeps no columns */
    return p;
}

/* Append "/name[k]" for n, recursing to the root first. */
static size_t path_add(char *buf, size_t size, size_t len, const xmlNode *n)
{
    const xmlNode *s;
    unsigned k = 1, more = 0;
    int w;
    if (!n || (n->type != XML_ELEMENT_NODE && n->type != XML_ATTRIBUTE_NODE))
        return len;
    len = path_add(buf, size, len, n->parent);
    if (len >= size)
        return len;
    if (n->type == XML_ATTRIBUTE_NODE) {
        w = snprintf(buf + len, size - len, "/@%s", xml__name(n));
        return w < 0 ? len : len + (size_t)w;
    }
    for (s = n->prev; s; s = s->prev)
        if (s->type == XML_ELEMENT_NODE && s->name == n->name)
            k++;
    for (s = n->next; s && !more; s = s->next)
        more = s->type == XML_ELEMENT_NODE && s->name == n->name;
    if (k > 1 || more)
        w = snprintf(buf + len, size - len, "/%s[%u]", xml__name(n), k);
    else
        w = snprintf(buf + len, size - len, "/%s", xml__name(n));
    return w < 0 ? len : len + (size_t)w;
}

const char *xml__path(xml__rstate *st, const xmlNode *n)
{
    st->path[0] = '\0';
    if (n)
        path_add(st->path, sizeof(st->path), 0, n);
    return st->path;
}

/* ------------------------------------------------------------ text */

static int ent_append(xml__rstate *st, trace__buf *b, const xmlNode *ref, int nesting);

/* Append the text of a node list (text, CDATA, entity references) to b. */
static int list_append(xml__rstate *st, trace__buf *b, const xmlNode *c, const xmlNode *end,
                       int nesting)
{
    for (; c && c != end; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content)
                trace__buf_puts(b, (const char *)c->content);
        } else if (c->type == XML_ENTITY_REF_NODE) {
            int rc = ent_append(st, b, c, nesting + 1);
            if (rc != TRACE_OK)
                return rc;
        } else if (c->type == XML_ELEMENT_NODE && nesting > 0) {
            XML__REPORT(st, TRACE__D_XML_ENTITY_REFUSED, c, "name", xml__name(c), "reason",
                        "entities expanding to markup are not supported");
            st->unit_fatal = 1;
            return TRACE_EDATA;
        }
    }
    return b->failed ? TRACE_ENOMEM : TRACE_OK;
}

static void limit_report(xml__rstate *st, const xmlNode *at, const char *what, unsigned long max)
{
    char m[32];
    snprintf(m, sizeof(m), "%lu", max);
    XML__REPORT(st, TRACE__D_XML_ENTITY_LIMIT, at, "limit", what, "max", m);
    st->unit_fatal = 1;
}

/*
 * Expand an entity reference. Only internal general entities are expanded,
 * within a per-document budget; external entities are never loaded.
 */
static int ent_append(xml__rstate *st, trace__buf *b, const xmlNode *ref, int nesting)
{
    xmlEntityPtr e = xmlGetDocEntity(ref->doc, ref->name);
    size_t before = b->len;
    int rc;
    if (!e || e->etype != XML_INTERNAL_GENERAL_ENTITY) {
        XML__REPORT(st, TRACE__D_XML_ENTITY_REFUSED, ref, "name", xml__name(ref), "reason",
                    e ? "external entities are never loaded" : "entity not declared");
        st->unit_fatal = 1;
        return TRACE_EDATA;
    }
    if (nesting > XML__MAX_ENTITY_NESTING) {
        limit_report(st, ref, "entity nesting", XML__MAX_ENTITY_NESTING);
        return TRACE_EDATA;
    }
    if (++st->entity_refs > XML__MAX_ENTITY_REFS) {
        limit_report(st, ref, "entity references", XML__MAX_ENTITY_REFS);
        return TRACE_EDATA;
    }
    if (e->children) {
        rc = list_append(st, b, e->children, NULL, nesting);
        if (rc != TRACE_OK)
            return rc;
    } else if (e->content) {
        if (strchr((const char *)e->content, '<') || strchr((const char *)e->content, '&')) {
            XML__REPORT(st, TRACE__D_XML_ENTITY_REFUSED, ref, "name", xml__name(ref), "reason",
                        "entities expanding to markup are not supported");
            st->unit_fatal = 1;
            return TRACE_EDATA;
        }
        trace__buf_puts(b, (const char *)e->content);
    }
    st->entity_bytes += b->len - before;
    if (st->entity_bytes > XML__MAX_ENTITY_BYTES) {
        limit_report(st, ref, "entity text bytes", XML__MAX_ENTITY_BYTES);
        return TRACE_EDATA;
    }
    return b->failed ? TRACE_ENOMEM : TRACE_OK;
}

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '\n' || **s == '\r'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '\n' ||
                  (*s)[*n - 1] == '\r'))
        (*n)--;
}

static int too_long(xml__rstate *st, const xmlNode *n, size_t len)
{
    char m[32];
    if (len <= st->max_string)
        return 0;
    snprintf(m, sizeof(m), "%llu", (unsigned long long)st->max_string);
    XML__REPORT(st, TRACE__D_XML_STRING_TOO_LONG, n, "name", xml__name(n), "max", m);
    st->unit_error = 1;
    return 1;
}

/* Text of the node list [c, end), owned by node n (for diagnostics). */
static int text_run(xml__rstate *st, trace__arena *a, const xmlNode *n, const xmlNode *c,
                    const xmlNode *end, int tr, trace_str *out)
{
    trace__buf b;
    const char *s;
    size_t len;
    int rc;
    out->s = NULL;
    out->len = 0;
    if (!c)
        return TRACE_OK;
    if (c->next == end && (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)) {
        /* The common case: one text node, copied once. */
        s = (const char *)c->content;
        len = s ? strlen(s) : 0;
        if (tr)
            trim(&s, &len);
        if (too_long(st, n, len))
            return TRACE_EDATA;
        return xml__copy(a, (const xmlChar *)s, len, out);
    }
    trace__buf_init(&b, st->r->alloc);
    rc = list_append(st, &b, c, end, 0);
    if (rc == TRACE_OK) {
        s = b.data;
        len = b.len;
        if (tr)
            trim(&s, &len);
        if (too_long(st, n, len))
            rc = TRACE_EDATA;
        else
            rc = xml__copy(a, (const xmlChar *)s, len, out);
    }
    trace__buf_free(&b);
    return rc;
}

static int text_of(xml__rstate *st, trace__arena *a, const xmlNode *n, const xmlNode *c, int tr,
                   trace_str *out)
{
    return text_run(st, a, n, c, NULL, tr, out);
}

int xml__text(xml__rstate *st, trace__arena *a, const xmlNode *n, int tr, trace_str *out)
{
    const xmlNode *c;
    for (c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            XML__REPORT(st, TRACE__D_XML_IGNORED, c, "what", "child element", "parent",
                        xml__name(n));
            break;
        }
    return text_of(st, a, n, n->children, tr, out);
}

/* ----------------------------------------------------- extension tree */

static int attr_build(xml__rstate *st, trace__arena *a, const xmlAttr *at, trace_ext_attr *out)
{
    int rc;
    memset(out, 0, sizeof(*out));
    out->name = xml__name_str(st, a, at->name);
    if (at->ns) {
        out->ns = intern_in(st, a, at->ns->href);
        if (at->ns->prefix &&
            (rc = xml__copy(a, at->ns->prefix, strlen((const char *)at->ns->prefix),
                            &out->prefix)) != TRACE_OK)
            return rc;
    }
    return text_of(st, a, (const xmlNode *)at, at->children, 0, &out->value);
}

static int is_xsi_type(const xmlAttr *at)
{
    return at->ns && at->ns->href && !strcmp((const char *)at->ns->href, XML__NS_XSI) &&
           !strcmp((const char *)at->name, "type");
}

static int attrs_build(xml__rstate *st, trace__arena *a, const xmlNode *n, trace_ext *out)
{
    const xmlAttr *at;
    size_t k = 0;
    int rc;
    for (at = n->properties; at; at = at->next)
        k += !is_xsi_type(at);
    if (k) {
        out->attrs = trace__arena_alloc(a, k * sizeof(*out->attrs));
        if (!out->attrs)
            return TRACE_ENOMEM;
    }
    for (at = n->properties; at; at = at->next) {
        if (is_xsi_type(at)) {
            rc = text_of(st, a, n, at->children, 1, &out->xsi_type);
        } else {
            rc = attr_build(st, a, at, &out->attrs[out->nattrs]);
            out->nattrs++;
        }
        if (rc != TRACE_OK)
            return rc;
    }
    return TRACE_OK;
}

static int is_texty(const xmlNode *c)
{
    return c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE ||
           c->type == XML_ENTITY_REF_NODE;
}

/* Length of the run of text-like siblings starting at c, and whether it is blank. */
static const xmlNode *text_run_end(const xmlNode *c, int *blank)
{
    *blank = 1;
    for (; c && is_texty(c); c = c->next)
        if (c->type != XML_TEXT_NODE || !xml__blank(c->content))
            *blank = 0;
    return c;
}

/* Children of a mixed or element-only node: elements, comments, non-blank text runs. */
static int children_build(xml__rstate *st, trace__arena *a, const xmlNode *n, uint32_t depth,
                          trace_ext *out)
{
    const xmlNode *c, *end;
    size_t k = 0;
    int blank, rc;
    for (c = n->children; c;) {
        if (is_texty(c)) {
            end = text_run_end(c, &blank);
            k += !blank;
            c = end;
            continue;
        }
        k += c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE;
        c = c->next;
    }
    out->children = trace__arena_alloc(a, (k ? k : 1) * sizeof(*out->children));
    if (!out->children)
        return TRACE_ENOMEM;
    for (c = n->children; c;) {
        trace_ext *x = &out->children[out->nchildren];
        if (is_texty(c)) {
            end = text_run_end(c, &blank);
            if (!blank) {
                /* A text run between elements: kept as a TEXT node (mixed content). */
                memset(x, 0, sizeof(*x));
                x->kind = TRACE_EXT_TEXT;
                x->pos = xml__pos(c);
                rc = text_run(st, a, n, c, end, 0, &x->text);
                if (rc != TRACE_OK)
                    return rc;
                out->nchildren++;
            }
            c = end;
            continue;
        }
        if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE) {
            rc = xml__ext_build(st, a, c, depth + 1, x);
            if (rc != TRACE_OK)
                return rc;
            out->nchildren++;
        }
        c = c->next;
    }
    return TRACE_OK;
}

static void too_deep(xml__rstate *st, const xmlNode *n)
{
    char m[16];
    snprintf(m, sizeof(m), "%u", st->max_depth);
    XML__REPORT(st, TRACE__D_XML_TOO_DEEP, n, "max", m);
    st->unit_error = 1;
}

int xml__ext_build(xml__rstate *st, trace__arena *a, const xmlNode *n, uint32_t depth,
                   trace_ext *out)
{
    const xmlNode *c;
    int rc, structured = 0;
    memset(out, 0, sizeof(*out));
    out->pos = xml__pos(n);
    if (depth > st->max_depth) {
        too_deep(st, n);
        return TRACE_EDATA;
    }
    if (n->type == XML_COMMENT_NODE) {
        out->kind = TRACE_EXT_COMMENT;
        return xml__copy(a, n->content, n->content ? strlen((const char *)n->content) : 0,
                         &out->text);
    }
    out->kind = TRACE_EXT_ELEMENT;
    out->name = xml__name_str(st, a, n->name);
    if (n->ns) {
        out->ns = intern_in(st, a, n->ns->href);
        if (n->ns->prefix &&
            (rc = xml__copy(a, n->ns->prefix, strlen((const char *)n->ns->prefix),
                            &out->prefix)) != TRACE_OK)
            return rc;
    }
    if ((rc = attrs_build(st, a, n, out)) != TRACE_OK)
        return rc;
    for (c = n->children; c && !structured; c = c->next)
        structured = c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE;
    if (!structured)
        return text_of(st, a, n, n->children, 0, &out->text); /* a leaf */
    return children_build(st, a, n, depth, out);
}

static int wrapper(const xmlNode *c)
{
    return c->type == XML_ELEMENT_NODE && !c->ns && !strcmp((const char *)c->name, "extension");
}

static int skipped(xml__rstate *st, const xmlNode *c, const char *const *skip)
{
    size_t i;
    for (i = 0; skip && skip[i]; i++)
        if (xml__is_std(st, c, skip[i]))
            return 1;
    return 0;
}

static size_t list_count(xml__rstate *st, const xmlNode *c, int flatten, const char *const *skip)
{
    size_t k = 0;
    for (; c; c = c->next) {
        if (flatten && wrapper(c))
            k += list_count(st, c->children, flatten, NULL);
        else if (!skipped(st, c, skip))
            k += c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE;
    }
    return k;
}

static int list_fill(xml__rstate *st, trace__arena *a, const xmlNode *c, uint32_t depth,
                     int flatten, const char *const *skip, trace_ext *out, size_t *n)
{
    int rc = TRACE_OK;
    for (; c && rc == TRACE_OK; c = c->next) {
        if (flatten && wrapper(c)) {
            rc = list_fill(st, a, c->children, depth + 1, flatten, NULL, out, n);
        } else if (skipped(st, c, skip)) {
            continue;
        } else if (c->type == XML_ELEMENT_NODE || c->type == XML_COMMENT_NODE) {
            if (skip && xml__std_ns(st, c))
                XML__REPORT(st, TRACE__D_XML_UNKNOWN_ELEMENT, c, "name", xml__name(c), "parent",
                            xml__name(c->parent));
            rc = xml__ext_build(st, a, c, depth, &out[*n]);
            (*n)++;
        } else if (is_texty(c) && !(c->type == XML_TEXT_NODE && xml__blank(c->content))) {
            XML__REPORT(st, TRACE__D_XML_IGNORED, c->parent, "what", "text", "parent",
                        xml__name(c->parent));
        }
    }
    return rc;
}

int xml__ext_list(xml__rstate *st, trace__arena *a, const xmlNode *first, uint32_t depth,
                  int flatten, const char *const *skip, trace_ext **out, size_t *n)
{
    size_t k = list_count(st, first, flatten, skip);
    *out = NULL;
    *n = 0;
    if (k == 0)
        return TRACE_OK;
    *out = trace__arena_alloc(a, k * sizeof(**out));
    if (!*out)
        return TRACE_ENOMEM;
    return list_fill(st, a, first, depth, flatten, skip, *out, n);
}

int xml__ns_decls(xml__rstate *st, trace__arena *a, const xmlNode *n, trace_ns **out,
                  size_t *count)
{
    const xmlNs *ns;
    size_t k = 0;
    int rc;
    for (ns = n->nsDef; ns; ns = ns->next)
        k++;
    *out = NULL;
    *count = 0;
    if (!k)
        return TRACE_OK;
    *out = trace__arena_alloc(a, k * sizeof(**out));
    if (!*out)
        return TRACE_ENOMEM;
    for (ns = n->nsDef; ns; ns = ns->next) {
        trace_ns *x = &(*out)[(*count)++];
        x->prefix.s = NULL;
        x->prefix.len = 0;
        if (ns->prefix &&
            (rc = xml__copy(a, ns->prefix, strlen((const char *)ns->prefix), &x->prefix)) !=
                TRACE_OK)
            return rc;
        x->uri = intern_in(st, a, ns->href);
    }
    return TRACE_OK;
}
