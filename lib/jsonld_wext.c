/*
 * jsonld_wext.c - the JSON writer primitives of the JSON-LD writer and the
 * extension tree as JSON-LD members: compact IRIs with prefixes bound in
 * the document or event @context, arrays regrouped, XML attributes as
 * "utds:attr", xsi:type as a JSON-LD value object, and losses for what
 * JSON cannot hold (spec/utds-3-jsonld.md, section "Extensions").
 */
#include <stdio.h>
#include <string.h>

#include "jsonld_int.h"

/* ================================================================ emitter */

static void newline(jl_w *j)
{
    static const char spaces[] = "                                                                ";
    int n = j->depth * 2;
    trace__out_putc(j->o, '\n');
    while (n > 0) {
        int k = n < (int)sizeof(spaces) - 1 ? n : (int)sizeof(spaces) - 1;
        trace__out_write(j->o, spaces, (size_t)k);
        n -= k;
    }
}

void jl_w_sep(jl_w *j)
{
    if (!j->first[j->depth])
        trace__out_putc(j->o, ',');
    j->first[j->depth] = 0;
    if (j->pretty)
        newline(j);
}

static void open_c(jl_w *j, char c)
{
    trace__out_putc(j->o, c);
    if (j->depth < 63)
        j->depth++;
    j->first[j->depth] = 1;
}

static void close_c(jl_w *j, char c)
{
    int empty = j->first[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (j->pretty && !empty)
        newline(j);
    trace__out_putc(j->o, c);
}

void jl_w_open_obj(jl_w *j)
{
    open_c(j, '{');
}

void jl_w_open_arr(jl_w *j)
{
    open_c(j, '[');
}

void jl_w_close_obj(jl_w *j)
{
    close_c(j, '}');
}

void jl_w_close_arr(jl_w *j)
{
    close_c(j, ']');
}

static void write_escaped(jl_w *j, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;
    trace__out_putc(j->o, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char u[7];
        const char *esc;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        trace__out_write(j->o, s + start, i - start);
        switch (c) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        default:
            u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0';
            u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = '\0';
            esc = u;
        }
        trace__out_puts(j->o, esc);
        start = i + 1;
    }
    trace__out_write(j->o, s + start, n - start);
    trace__out_putc(j->o, '"');
}

void jl_w_keyn(jl_w *j, const char *k, size_t n)
{
    jl_w_sep(j);
    write_escaped(j, k, n);
    trace__out_putc(j->o, ':');
    if (j->pretty)
        trace__out_putc(j->o, ' ');
}

void jl_w_key(jl_w *j, const char *k)
{
    jl_w_keyn(j, k, strlen(k));
}

void jl_w_string(jl_w *j, trace_str s)
{
    write_escaped(j, s.s ? s.s : "", s.len);
}

void jl_w_cstring(jl_w *j, const char *s)
{
    write_escaped(j, s, strlen(s));
}

void jl_w_raw(jl_w *j, trace_str s)
{
    trace__out_str(j->o, s);
}

void jl_w_kv(jl_w *j, const char *k, trace_str v)
{
    jl_w_key(j, k);
    jl_w_string(j, v);
}

/* ================================================================= paths */

size_t jl_w_path_key(jl_w *j, const char *k)
{
    size_t saved = j->plen, n = strlen(k);
    if (j->plen + n + 2 < sizeof(j->path)) { /* a plain copy: this runs per field */
        j->path[j->plen] = '/';
        memcpy(j->path + j->plen + 1, k, n + 1);
        j->plen += n + 1;
    }
    return saved;
}

void jl_w_path_pop(jl_w *j, size_t saved)
{
    j->plen = saved;
    j->path[saved] = '\0';
}

void jl_w_loss(jl_w *j, int code, const char *what, const char *as)
{
    if (as)
        trace__writer_loss(j->w, code, j->record, j->path, "what", what, "as", as, NULL);
    else
        trace__writer_loss(j->w, code, j->record, j->path, "what", what, NULL);
}

/* ========================================================== prefixes */

static const struct {
    const char *prefix, *uri;
} builtin[] = {
    {"epcis", "https://ref.gs1.org/epcis/"},       {"cbv", "https://ref.gs1.org/cbv/"},
    {"cbvmda", "urn:epcglobal:cbv:mda:"},          {"gs1", "https://ref.gs1.org/voc/"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"owl", "http://www.w3.org/2002/07/owl#"},     {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    {"dcterms", "http://purl.org/dc/terms/"},      {"utds", JL_UTDS_NS},
};

static int find_uri(const trace_ns *ns, size_t n, trace_str uri, trace_str *prefix)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (ns[i].uri.len == uri.len && ns[i].prefix.len &&
            (uri.len == 0 || !memcmp(ns[i].uri.s, uri.s, uri.len))) {
            *prefix = ns[i].prefix;
            return 1;
        }
    return 0;
}

static int prefix_taken(jl_w *j, const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(builtin); i++)
        if (strlen(builtin[i].prefix) == n && !memcmp(builtin[i].prefix, p, n))
            return 1;
    for (i = 0; i < j->nns; i++)
        if (j->ns[i].prefix.len == n && !memcmp(j->ns[i].prefix.s, p, n))
            return 1;
    for (i = 0; i < j->nevns; i++)
        if (j->evns[i].prefix.len == n && !memcmp(j->evns[i].prefix.s, p, n))
            return 1;
    /* Terms of the EPCIS context that look like prefixes must not be redefined. */
    return n == 2 && !memcmp(p, "id", 2);
}

/* The prefix bound to uri for the current event, or 0. */
static int lookup(jl_w *j, trace_str uri, trace_str *prefix)
{
    size_t i;
    if (find_uri(j->evns, j->nevns, uri, prefix) || find_uri(j->ns, j->nns, uri, prefix))
        return 1;
    for (i = 0; i < TRACE__ARRAY_LEN(builtin); i++)
        if (trace_str_eq(uri, builtin[i].uri)) {
            *prefix = trace_str_c(builtin[i].prefix);
            return 1;
        }
    return 0;
}

/* An absolute IRI key reads back as (ns, name) only if ns ends with a delimiter. */
static int iri_ok(trace_str ns, trace_str name)
{
    char last = ns.len ? ns.s[ns.len - 1] : 0;
    return (last == '/' || last == '#' || last == ':') && name.len &&
           !memchr(name.s, '/', name.len) && !memchr(name.s, '#', name.len) &&
           !memchr(name.s, ':', name.len) &&
           (memchr(ns.s, ':', ns.len) != NULL);
}

/* Append the binding prefix -> uri (copied) to the document or event table. */
static void add_ns(jl_w *j, const char *pre, size_t k, trace_str uri, int in_event)
{
    trace_ns **tab = in_event ? &j->evns : &j->ns;
    size_t *n = in_event ? &j->nevns : &j->nns, *cap = in_event ? &j->nevcap : &j->nscap;
    char *copy;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 8;
        trace_ns *t = trace__realloc(j->w->alloc, *tab, nc * sizeof(**tab));
        if (!t)
            return;
        *tab = t;
        *cap = nc;
    }
    copy = trace__malloc(j->w->alloc, k + uri.len + 2);
    if (!copy)
        return;
    memcpy(copy, pre, k);
    copy[k] = '\0';
    if (uri.len)
        memcpy(copy + k + 1, uri.s, uri.len);
    copy[k + 1 + uri.len] = '\0';
    (*tab)[*n].prefix.s = copy;
    (*tab)[*n].prefix.len = k;
    (*tab)[*n].uri.s = copy + k + 1;
    (*tab)[*n].uri.len = uri.len;
    (*n)++;
}

void jl_w_add_ns(jl_w *j, const char *pre, size_t k, trace_str uri, int in_event)
{
    add_ns(j, pre, k, uri, in_event);
}

/* Bind a new prefix for uri (the hint when free, else hint1, hint2 ... or ns1 ...). */
static void bind(jl_w *j, trace_str uri, trace_str hint, int in_event)
{
    char buf[80];
    size_t k = 0;
    if (hint.len && hint.len < 60 && !prefix_taken(j, hint.s, hint.len)) {
        memcpy(buf, hint.s, hint.len);
        k = hint.len;
    } else {
        unsigned i;
        for (i = 1; i < 100000; i++) {
            int m = hint.len && hint.len < 60
                        ? snprintf(buf, sizeof(buf), "%.*s%u", (int)hint.len, hint.s, i)
                        : snprintf(buf, sizeof(buf), "ns%u", i);
            k = m > 0 ? (size_t)m : 0;
            if (!prefix_taken(j, buf, k))
                break;
        }
    }
    add_ns(j, buf, k, uri, in_event);
}

/* Make sure (ns, hint) can be written as a key; in_event: bind at event level. */
static void need(jl_w *j, trace_str ns, trace_str hint, trace_str name, int in_event)
{
    trace_str p;
    if (!ns.len || lookup(j, ns, &p))
        return;
    if (!hint.len && iri_ok(ns, name))
        return; /* written as an absolute IRI */
    bind(j, ns, hint, in_event);
}

/* Write the key a + sep + b (sep 0: none), on the stack when it fits. */
static void key_join(jl_w *j, trace_str a, char sep, trace_str b)
{
    char stack[256], *buf = stack;
    size_t n = a.len + (sep ? 1 : 0) + b.len;
    if (n > sizeof(stack) && !(buf = trace__malloc(j->w->alloc, n)))
        return;
    memcpy(buf, a.s, a.len);
    if (sep)
        buf[a.len] = sep;
    if (b.len)
        memcpy(buf + n - b.len, b.s, b.len);
    jl_w_keyn(j, buf, n);
    if (buf != stack)
        trace__free(j->w->alloc, buf);
}

void jl_w_qkey(jl_w *j, trace_str ns, trace_str prefix, trace_str name)
{
    trace_str p;
    if (!ns.len) { /* unqualified, or a prefix that was undefined when read */
        if (!prefix.len) {
            jl_w_keyn(j, name.s ? name.s : "", name.len);
            return;
        }
        p = prefix;
    } else if (!lookup(j, ns, &p)) {
        key_join(j, ns, 0, name); /* an absolute IRI, however long */
        return;
    }
    key_join(j, p, ':', name);
}

static void need_tree(jl_w *j, const trace_ext *x, size_t n, int in_event)
{
    size_t i, a;
    for (i = 0; i < n; i++) {
        if (x[i].kind != TRACE_EXT_ELEMENT)
            continue;
        need(j, x[i].ns, x[i].prefix, x[i].name, in_event);
        for (a = 0; a < x[i].nattrs; a++)
            need(j, x[i].attrs[a].ns, x[i].attrs[a].prefix, x[i].attrs[a].name, in_event);
        if (x[i].nattrs && x[i].xsi_type.len)
            need(j, trace_str_c(JL_XSI_NS), trace_str_c("xsi"), trace_str_c("type"), in_event);
        need_tree(j, x[i].children, x[i].nchildren, in_event);
    }
}

void jl_w_need_tree(jl_w *j, const trace_ext *x, size_t n, int in_event)
{
    need_tree(j, x, n, in_event);
}

void jl_w_need_sensor(jl_w *j, const trace_sensor_attr *a, size_t n, int in_event)
{
    size_t i;
    for (i = 0; i < n; i++)
        need(j, a[i].ns, a[i].prefix, a[i].name, in_event);
}

void jl_w_event_prefixes(jl_w *j, const trace_event *ev)
{
    size_t i, k;
    for (i = 0; i < j->nevns; i++)
        trace__free(j->w->alloc, (void *)(uintptr_t)j->evns[i].prefix.s);
    j->nevns = 0;
    /* Prefixes the event's own @context binds are used as they are. */
    for (i = 0; i < ev->ncontext; i++)
        if (ev->context[i].prefix.len)
            add_ns(j, ev->context[i].prefix.s, ev->context[i].prefix.len, ev->context[i].uri, 1);
    need_tree(j, ev->ext, ev->next, 1);
    need_tree(j, ev->ilmd, ev->nilmd, 1);
    need_tree(j, ev->read_point.ext, ev->read_point.next, 1);
    need_tree(j, ev->biz_location.ext, ev->biz_location.next, 1);
    need_tree(j, ev->error_declaration.ext, ev->error_declaration.next, 1);
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *se = &ev->sensors[i];
        need_tree(j, se->ext, se->next, 1);
        jl_w_need_sensor(j, se->metadata, se->nmetadata, 1);
        for (k = 0; k < se->nreports; k++) {
            jl_w_need_sensor(j, se->reports[k].attrs, se->reports[k].nattrs, 1);
            need_tree(j, se->reports[k].ext, se->reports[k].next, 1);
        }
    }
}

/* ========================================================= extension tree */

static int same_name(const trace_ext *a, const trace_ext *b)
{
    return a->kind == TRACE_EXT_ELEMENT && b->kind == TRACE_EXT_ELEMENT &&
           a->name.len == b->name.len && a->ns.len == b->ns.len &&
           (!a->name.len || !memcmp(a->name.s, b->name.s, a->name.len)) &&
           (!a->ns.len || !memcmp(a->ns.s, b->ns.s, a->ns.len)) &&
           (a->ns.len || (a->prefix.len == b->prefix.len &&
                          (!a->prefix.len || !memcmp(a->prefix.s, b->prefix.s, a->prefix.len))));
}

static void scalar(jl_w *j, trace_str text, trace_ext_type type)
{
    switch (type) {
    case TRACE_EXT_NUMBER:
    case TRACE_EXT_BOOL: jl_w_raw(j, text); break;
    case TRACE_EXT_NULL: trace__out_puts(j->o, "null"); break;
    case TRACE_EXT_STRING: jl_w_string(j, text); break;
    }
}

/* Text of an element: its own text, or the text runs of a text-only element. */
static int only_text(const trace_ext *x)
{
    size_t i;
    for (i = 0; i < x->nchildren; i++)
        if (x->children[i].kind != TRACE_EXT_TEXT)
            return 0;
    return 1;
}

static int nested_array(const trace_ext *x)
{
    size_t i;
    if (!x->nchildren || x->nattrs)
        return 0;
    for (i = 0; i < x->nchildren; i++)
        if (x->children[i].kind != TRACE_EXT_ELEMENT || x->children[i].name.len ||
            x->children[i].ns.len || !x->children[i].array)
            return 0;
    return 1;
}

static void write_attrs(jl_w *j, const trace_ext *x)
{
    size_t a;
    jl_w_key(j, "utds:attr");
    jl_w_open_obj(j);
    if (x->xsi_type.len) {
        jl_w_qkey(j, trace_str_c(JL_XSI_NS), trace_str_c("xsi"), trace_str_c("type"));
        jl_w_string(j, x->xsi_type);
    }
    for (a = 0; a < x->nattrs; a++) {
        jl_w_qkey(j, x->attrs[a].ns, x->attrs[a].prefix, x->attrs[a].name);
        jl_w_string(j, x->attrs[a].value);
    }
    jl_w_close_obj(j);
}

void jl_w_ext_value(jl_w *j, const trace_ext *x)
{
    trace_str text = x->text;
    trace_ext_type type = x->type;
    int texty = only_text(x);
    if (x->nchildren && texty && !text.len) { /* text runs only: one string */
        size_t i;
        for (i = 0; i < x->nchildren; i++)
            if (x->children[i].text.len) {
                text = x->children[i].text;
                if (i + 1 < x->nchildren)
                    jl_w_loss(j, TRACE__D_CHANGED, "text split in several runs", "its first run");
                break;
            }
        type = TRACE_EXT_STRING;
    }
    if (!x->nattrs && (texty || !x->nchildren)) {
        if (!x->xsi_type.len) {
            scalar(j, text, type);
            return;
        }
        jl_w_open_obj(j); /* xsi:type <-> a JSON-LD value object */
        jl_w_key(j, "@value");
        scalar(j, text, type);
        jl_w_key(j, "@type");
        jl_w_string(j, x->xsi_type);
        jl_w_close_obj(j);
        return;
    }
    if (nested_array(x)) { /* unnamed items: an array inside an array */
        size_t i;
        jl_w_open_arr(j);
        for (i = 0; i < x->nchildren; i++) {
            if (x->children[i].array == 2)
                continue;
            jl_w_sep(j);
            jl_w_ext_value(j, &x->children[i]);
        }
        jl_w_close_arr(j);
        return;
    }
    jl_w_open_obj(j);
    if (x->nattrs || (x->xsi_type.len && x->nchildren))
        write_attrs(j, x);
    if (text.len || (type != TRACE_EXT_STRING && type != TRACE_EXT_NULL)) {
        jl_w_key(j, "utds:text");
        scalar(j, text, type);
    }
    if (x->nchildren && !texty)
        jl_w_ext_members(j, x->children, x->nchildren);
    jl_w_close_obj(j);
}

/* Write node i and every later node of the same name as one member. */
static void write_group(jl_w *j, const trace_ext *x, size_t n, size_t i, unsigned char *done)
{
    size_t k, count = 0, between = 0;
    int arr = x[i].array != 0;
    for (k = i; k < n; k++)
        if (!done[k] && same_name(&x[i], &x[k]))
            count++;
    jl_w_qkey(j, x[i].ns, x[i].prefix, x[i].name);
    if (count == 1 && !arr) {
        done[i] = 1;
        jl_w_ext_value(j, &x[i]);
        return;
    }
    jl_w_open_arr(j);
    for (k = i; k < n; k++) {
        if (done[k])
            continue;
        if (!same_name(&x[i], &x[k])) {
            between++;
            continue;
        }
        done[k] = 1;
        if (x[k].array == 2)
            continue; /* stands for [] */
        if (between && count) {
            jl_w_loss(j, TRACE__D_CHANGED, "interleaving of repeated extension elements",
                      "one array");
            between = 0;
        }
        jl_w_sep(j);
        jl_w_ext_value(j, &x[k]);
    }
    jl_w_close_arr(j);
}

void jl_w_ext_group(jl_w *j, const trace_ext *x, size_t n, size_t i, unsigned char *done)
{
    if (x[i].kind == TRACE_EXT_COMMENT) {
        done[i] = 1;
        jl_w_loss(j, TRACE__D_DROPPED, "an XML comment", NULL);
    } else if (x[i].kind == TRACE_EXT_TEXT) {
        done[i] = 1;
        if (x[i].text.len)
            jl_w_loss(j, TRACE__D_DROPPED, "mixed content (text between elements)", NULL);
    } else {
        write_group(j, x, n, i, done);
    }
}

void jl_w_ext_members(jl_w *j, const trace_ext *nodes, size_t n)
{
    unsigned char small[64], *done = n <= sizeof(small) ? small : trace__calloc(j->w->alloc, n, 1);
    size_t i;
    if (!done)
        return;
    memset(done, 0, n <= sizeof(small) ? n : 0);
    for (i = 0; i < n; i++)
        if (!done[i])
            jl_w_ext_group(j, nodes, n, i, done);
    if (done != small)
        trace__free(j->w->alloc, done);
}
