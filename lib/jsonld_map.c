/*
 * jsonld_map.c - from jansson values to model pieces shared by events and
 * the header: number lexemes, JSON pointer paths, compact IRIs resolved
 * through @context, the extension tree and @context itself
 * (spec/utds-3-jsonld.md, sections "Numbers", "@context" and "Extensions").
 */
#include <stdio.h>
#include <string.h>

#include "jsonld_int.h"

/* ============================================================ numbers */

static int collect(jl_map *m, json_t *v)
{
    if (json_is_number(v)) {
        if (m->nnum == m->numcap) {
            size_t cap = m->numcap ? m->numcap * 2 : 64;
            json_t **p = trace__realloc(m->r->alloc, m->numv, cap * sizeof(*p));
            if (!p)
                return TRACE_ENOMEM;
            m->numv = p;
            m->numcap = cap;
        }
        m->numv[m->nnum++] = v;
    } else if (json_is_object(v)) {
        const char *k;
        json_t *x;
        /* jansson iterates object members in insertion order = document order. */
        json_object_foreach(v, k, x) {
            if (collect(m, x) != TRACE_OK)
                return TRACE_ENOMEM;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x) {
            if (collect(m, x) != TRACE_OK)
                return TRACE_ENOMEM;
        }
    }
    return TRACE_OK;
}

int jl_map_numbers(jl_map *m, json_t *root)
{
    m->nnum = 0;
    m->cursor = 0;
    m->numroot = m->nums && m->nums->n ? root : NULL;
    return TRACE_OK;
}

trace_str jl_num_lexeme(jl_map *m, json_t *v)
{
    size_t k, i;
    char tmp[40];
    int n;
    if (m->numroot) {
        json_t *root = m->numroot;
        m->numroot = NULL;
        if (collect(m, root) != TRACE_OK)
            m->nomem = 1;
    }
    /* Lookups come almost always in document order: start at the cursor. */
    for (k = 0; k < m->nnum; k++) {
        i = (m->cursor + k) % m->nnum;
        if (m->numv[i] == v) {
            m->cursor = i + 1;
            if (m->nums && i < m->nums->n && m->nnum == m->nums->n) {
                const jl_span *sp = &m->nums->v[i];
                return trace__arena_str(m->arena, (const char *)m->bytes + sp->off, sp->len);
            }
            break;
        }
    }
    /* Not from the tokenizer (cannot happen for parsed input): print the value. */
    if (json_is_integer(v))
        n = snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    else
        n = snprintf(tmp, sizeof(tmp), "%.17g", json_number_value(v));
    return trace__arena_str(m->arena, tmp, n > 0 ? (size_t)n : 0);
}

/* =============================================================== paths */

size_t jl_path_key(jl_map *m, const char *key)
{
    size_t saved = m->nseg;
    if (m->nseg < TRACE__ARRAY_LEN(m->seg))
        m->seg[m->nseg].key = key;
    m->nseg++; /* deeper than the stack: counted, not shown */
    return saved;
}

size_t jl_path_index(jl_map *m, size_t i)
{
    size_t saved = m->nseg;
    if (m->nseg < TRACE__ARRAY_LEN(m->seg)) {
        m->seg[m->nseg].key = NULL;
        m->seg[m->nseg].index = i;
    }
    m->nseg++;
    return saved;
}

void jl_path_pop(jl_map *m, size_t saved)
{
    m->nseg = saved;
}

/* Append one RFC 6901 segment. */
static size_t seg_add(char *buf, size_t size, size_t n, const char *seg)
{
    size_t i;
    if (n + 1 < size)
        buf[n++] = '/';
    for (i = 0; seg[i] && n + 2 < size; i++) {
        if (seg[i] == '~' || seg[i] == '/') {
            buf[n++] = '~';
            buf[n++] = seg[i] == '~' ? '0' : '1';
        } else {
            buf[n++] = seg[i];
        }
    }
    buf[n] = '\0';
    return n;
}

const char *jl_path(const jl_map *m, char *buf, size_t size)
{
    size_t n = 0, i, k = m->nseg < TRACE__ARRAY_LEN(m->seg) ? m->nseg : TRACE__ARRAY_LEN(m->seg);
    char tmp[24];
    buf[0] = '\0';
    if (m->base) {
        n = trace__strlcpy(buf, m->base, size);
        if (n >= size)
            n = size - 1;
    }
    if (m->base_index >= 0) {
        snprintf(tmp, sizeof(tmp), "%lld", (long long)m->base_index);
        n = seg_add(buf, size, n, tmp);
    }
    for (i = 0; i < k; i++) {
        if (m->seg[i].key) {
            n = seg_add(buf, size, n, m->seg[i].key);
        } else {
            snprintf(tmp, sizeof(tmp), "%zu", m->seg[i].index);
            n = seg_add(buf, size, n, tmp);
        }
    }
    return buf;
}

void jl_report(jl_map *m, int code, const char *k1, const char *v1, const char *k2,
               const char *v2)
{
    char path[TRACE_DIAG_PATH_SIZE];
    jl_path(m, path, sizeof(path));
    if (!k1)
        trace__reader_report_at(m->r, code, m->pos, m->record, path, NULL);
    else if (!k2)
        trace__reader_report_at(m->r, code, m->pos, m->record, path, k1, v1, NULL);
    else
        trace__reader_report_at(m->r, code, m->pos, m->record, path, k1, v1, k2, v2, NULL);
}

const char *jl_cstr(char *buf, size_t size, trace_str s)
{
    size_t n = s.len < size - 1 ? s.len : size - 1;
    if (n)
        memcpy(buf, s.s, n);
    buf[n] = '\0';
    return buf;
}

const char *jl_type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "object";
    case JSON_ARRAY: return "array";
    case JSON_STRING: return "string";
    case JSON_INTEGER:
    case JSON_REAL: return "number";
    case JSON_TRUE:
    case JSON_FALSE: return "boolean";
    case JSON_NULL: break;
    }
    return "null";
}

trace_str jl_str(json_t *v)
{
    trace_str s;
    s.s = json_string_value(v);
    s.len = s.s ? json_string_length(v) : 0;
    return s;
}

int jl_get_str(jl_map *m, json_t *v, const char *key, trace_str *out)
{
    if (json_is_string(v)) {
        *out = jl_str(v);
        return 1;
    }
    jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", key, "got", jl_type_name(v));
    return 0;
}

void *jl_push(jl_map *m, void **arr, size_t *n, size_t *cap, size_t size)
{
    char *p;
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 4;
        void *g = trace__arena_grow(m->arena, *arr, *n, nc, size);
        if (!g) {
            m->nomem = 1;
            return NULL;
        }
        *arr = g;
        *cap = nc;
    }
    p = (char *)*arr + *n * size;
    memset(p, 0, size);
    (*n)++;
    return p;
}

/* ========================================================== namespaces */

/* Terms the EPCIS 2.0 context defines itself (protected). */
static const struct {
    const char *prefix, *uri;
} builtin_ns[] = {
    {"epcis", "https://ref.gs1.org/epcis/"},       {"cbv", "https://ref.gs1.org/cbv/"},
    {"cbvmda", "urn:epcglobal:cbv:mda:"},          {"gs1", "https://ref.gs1.org/voc/"},
    {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
    {"owl", "http://www.w3.org/2002/07/owl#"},     {"xsd", "http://www.w3.org/2001/XMLSchema#"},
    {"dcterms", "http://purl.org/dc/terms/"},
};

static int find_ns(const trace_ns *ns, size_t n, const char *prefix, size_t plen, trace_str *uri)
{
    size_t i;
    for (i = n; i-- > 0;) /* later definitions win, as in JSON-LD */
        if (ns[i].prefix.len == plen && memcmp(ns[i].prefix.s, prefix, plen) == 0) {
            *uri = ns[i].uri;
            return 1;
        }
    return 0;
}

int jl_prefix_uri(const jl_scope *sc, const char *prefix, size_t plen, trace_str *uri)
{
    size_t i;
    if (find_ns(sc->ev, sc->nev, prefix, plen, uri) ||
        find_ns(sc->doc, sc->ndoc, prefix, plen, uri))
        return 1;
    for (i = 0; i < TRACE__ARRAY_LEN(builtin_ns); i++)
        if (strlen(builtin_ns[i].prefix) == plen && !memcmp(builtin_ns[i].prefix, prefix, plen)) {
            *uri = trace_str_c(builtin_ns[i].uri);
            return 1;
        }
    if (plen == 4 && !memcmp(prefix, "utds", 4)) {
        *uri = trace_str_c(JL_UTDS_NS);
        return 1;
    }
    return 0;
}

void jl_qname(jl_map *m, const char *key, size_t klen, trace_str *ns, trace_str *prefix,
              trace_str *name, int warn)
{
    const char *colon = memchr(key, ':', klen);
    ns->s = NULL, ns->len = 0;
    prefix->s = NULL, prefix->len = 0;
    name->s = key, name->len = klen;
    if (klen && key[0] == '@')
        return; /* a JSON-LD keyword */
    if (!colon || colon == key) { /* no prefix (":x" has an empty one: not a CURIE) */
        if (warn)
            jl_report(m, TRACE__D_JSON_UNQUALIFIED_MEMBER, "member", key, NULL, NULL);
        return;
    }
    if (jl_prefix_uri(&m->scope, key, (size_t)(colon - key), ns)) {
        prefix->s = key;
        prefix->len = (size_t)(colon - key);
        name->s = colon + 1;
        name->len = klen - prefix->len - 1;
        return;
    }
    if ((colon + 2 < key + klen && colon[1] == '/' && colon[2] == '/') ||
        (colon - key == 3 && !memcmp(key, "urn", 3))) {
        /* An absolute IRI: the namespace ends at the last '#', '/' or ':'. */
        size_t i = klen;
        while (i > 0 && key[i - 1] != '#' && key[i - 1] != '/' && key[i - 1] != ':')
            i--;
        ns->s = key, ns->len = i;
        name->s = key + i, name->len = klen - i;
        return;
    }
    {
        char p[64];
        trace_str ps;
        ps.s = key, ps.len = (size_t)(colon - key);
        jl_report(m, TRACE__D_JSON_UNDEFINED_PREFIX, "prefix", jl_cstr(p, sizeof(p), ps),
                  "member", key);
    }
    prefix->s = key;
    prefix->len = (size_t)(colon - key);
    name->s = colon + 1;
    name->len = klen - prefix->len - 1;
}

/* ===================================================== extension tree */

static int is_utds(const trace_str *ns, const trace_str *name, const char *local)
{
    return trace_str_eq(*ns, JL_UTDS_NS) && trace_str_eq(*name, local);
}

static void leaf(jl_map *m, trace_ext *x, json_t *v, trace_str *text, trace_ext_type *type)
{
    (void)x;
    if (json_is_string(v)) {
        *text = jl_str(v);
        *type = TRACE_EXT_STRING;
    } else if (json_is_number(v)) {
        *text = jl_num_lexeme(m, v);
        *type = TRACE_EXT_NUMBER;
    } else if (json_is_boolean(v)) {
        *text = trace_str_c(json_is_true(v) ? "true" : "false");
        *type = TRACE_EXT_BOOL;
    } else {
        text->s = NULL, text->len = 0;
        *type = TRACE_EXT_NULL;
    }
}

/* "utds:attr": XML attributes of an extension element (spec: "Extensions"). */
static void ext_attrs(jl_map *m, trace_ext *x, json_t *obj)
{
    const char *k;
    json_t *v;
    size_t cap = 0;
    if (!json_is_object(obj)) {
        jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "utds:attr", "got", jl_type_name(obj));
        return;
    }
    json_object_foreach(obj, k, v) {
        trace_ext_attr a;
        trace_ext_type t;
        size_t saved = jl_path_key(m, k);
        jl_qname(m, k, json_object_iter_key_len(json_object_key_to_iter(k)), &a.ns, &a.prefix,
                 &a.name, 0);
        if (json_is_object(v) || json_is_array(v))
            jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", k, "got", jl_type_name(v));
        else
            leaf(m, x, v, &a.value, &t);
        if (!json_is_object(v) && !json_is_array(v)) {
            if (trace_str_eq(a.ns, JL_XSI_NS) && trace_str_eq(a.name, "type")) {
                x->xsi_type = a.value;
            } else {
                trace_ext_attr *slot = jl_push(m, (void **)&x->attrs, &x->nattrs, &cap,
                                               sizeof(*slot));
                if (slot)
                    *slot = a;
            }
        }
        jl_path_pop(m, saved);
    }
}

static int fill_value(jl_map *m, trace_ext *x, json_t *v);

/* An object: a JSON-LD value object, or an element with children/attributes. */
static int fill_object(jl_map *m, trace_ext *x, json_t *v)
{
    json_t *val = json_object_get(v, "@value"), *t = json_object_get(v, "@type");
    const char *k;
    json_t *c;
    size_t cap = 0;
    if (val && !json_is_object(val) && !json_is_array(val) &&
        json_object_size(v) == (size_t)(t ? 2 : 1) && (!t || json_is_string(t))) {
        leaf(m, x, val, &x->text, &x->type); /* {"@value": v, "@type": T} <-> xsi:type */
        if (t)
            x->xsi_type = jl_str(t);
        return TRACE_OK;
    }
    json_object_foreach(v, k, c) {
        size_t klen = json_object_iter_key_len(json_object_key_to_iter(k));
        size_t saved = jl_path_key(m, k);
        trace_ext tmp;
        memset(&tmp, 0, sizeof(tmp));
        jl_qname(m, k, klen, &tmp.ns, &tmp.prefix, &tmp.name, 0);
        if (is_utds(&tmp.ns, &tmp.name, "attr")) {
            ext_attrs(m, x, c);
        } else if (is_utds(&tmp.ns, &tmp.name, "text") && !json_is_object(c) &&
                   !json_is_array(c)) {
            leaf(m, x, c, &x->text, &x->type);
        } else {
            jl_path_pop(m, saved);
            if (jl_ext_member(m, k, c, &x->children, &x->nchildren, &cap) != TRACE_OK)
                return TRACE_ENOMEM;
        }
        jl_path_pop(m, saved);
    }
    return m->nomem ? TRACE_ENOMEM : TRACE_OK;
}

static int fill_value(jl_map *m, trace_ext *x, json_t *v)
{
    x->kind = TRACE_EXT_ELEMENT;
    x->pos = m->pos;
    if (json_is_object(v))
        return fill_object(m, x, v);
    if (json_is_array(v)) { /* an array inside an array: unnamed items */
        size_t i, cap = 0;
        json_t *it;
        if (json_array_size(v) == 0) {
            trace_ext *c = jl_push(m, (void **)&x->children, &x->nchildren, &cap, sizeof(*c));
            if (!c)
                return TRACE_ENOMEM;
            c->array = 2;
            c->type = TRACE_EXT_NULL;
            return TRACE_OK;
        }
        json_array_foreach(v, i, it) {
            size_t saved = jl_path_index(m, i);
            trace_ext *c = jl_push(m, (void **)&x->children, &x->nchildren, &cap, sizeof(*c));
            if (!c || fill_value(m, c, it) != TRACE_OK)
                return TRACE_ENOMEM;
            c->array = 1;
            jl_path_pop(m, saved);
        }
        return TRACE_OK;
    }
    leaf(m, x, v, &x->text, &x->type);
    return TRACE_OK;
}

int jl_ext_member(jl_map *m, const char *key, json_t *v, trace_ext **nodes, size_t *n,
                  size_t *cap)
{
    size_t klen = json_object_iter_key_len(json_object_key_to_iter(key));
    size_t saved = jl_path_key(m, key);
    trace_str ns, prefix, name;
    jl_qname(m, key, klen, &ns, &prefix, &name, 0);
    if (json_is_array(v)) {
        size_t i;
        json_t *it;
        if (json_array_size(v) == 0) { /* [] is one node flagged 2 */
            trace_ext *x = jl_push(m, (void **)nodes, n, cap, sizeof(*x));
            if (!x)
                return TRACE_ENOMEM;
            x->ns = ns, x->prefix = prefix, x->name = name, x->array = 2;
            x->type = TRACE_EXT_NULL;
        }
        json_array_foreach(v, i, it) {
            size_t s2 = jl_path_index(m, i);
            trace_ext *x = jl_push(m, (void **)nodes, n, cap, sizeof(*x));
            if (!x)
                return TRACE_ENOMEM;
            x->ns = ns, x->prefix = prefix, x->name = name;
            if (fill_value(m, x, it) != TRACE_OK)
                return TRACE_ENOMEM;
            x->array = 1;
            jl_path_pop(m, s2);
        }
    } else {
        trace_ext *x = jl_push(m, (void **)nodes, n, cap, sizeof(*x));
        if (!x)
            return TRACE_ENOMEM;
        x->ns = ns, x->prefix = prefix, x->name = name;
        if (fill_value(m, x, v) != TRACE_OK)
            return TRACE_ENOMEM;
    }
    jl_path_pop(m, saved);
    return m->nomem ? TRACE_ENOMEM : TRACE_OK;
}

int jl_ext_object(jl_map *m, json_t *obj, trace_ext **nodes, size_t *n)
{
    const char *k;
    json_t *v;
    size_t cap = 0;
    json_object_foreach(obj, k, v) {
        if (jl_ext_member(m, k, v, nodes, n, &cap) != TRACE_OK)
            return TRACE_ENOMEM;
    }
    return TRACE_OK;
}

/* ============================================================ @context */

static int context_entry(jl_map *m, json_t *v, trace_ns **terms, size_t *nt, size_t *ct,
                         trace_str **urls, size_t *nu, size_t *cu)
{
    const char *k;
    json_t *d;
    if (json_is_string(v)) {
        trace_str *u = jl_push(m, (void **)urls, nu, cu, sizeof(*u));
        if (!u)
            return TRACE_ENOMEM;
        *u = jl_str(v);
        return TRACE_OK;
    }
    if (!json_is_object(v)) {
        jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "@context", "got", jl_type_name(v));
        return TRACE_OK;
    }
    json_object_foreach(v, k, d) {
        json_t *id = json_is_object(d) ? json_object_get(d, "@id") : d;
        trace_ns *t;
        if (!json_is_string(id))
            continue; /* @protected, @version and term definitions without @id */
        t = jl_push(m, (void **)terms, nt, ct, sizeof(*t));
        if (!t)
            return TRACE_ENOMEM;
        t->prefix.s = k;
        t->prefix.len = json_object_iter_key_len(json_object_key_to_iter(k));
        t->uri = jl_str(id);
    }
    return TRACE_OK;
}

int jl_context(jl_map *m, json_t *v, trace_ns **terms, size_t *nterms, trace_str **urls,
               size_t *nurls)
{
    size_t ct = 0, cu = 0, i;
    json_t *it;
    size_t saved = jl_path_key(m, "@context");
    int rc = TRACE_OK;
    *terms = NULL, *nterms = 0, *urls = NULL, *nurls = 0;
    if (json_is_array(v)) {
        json_array_foreach(v, i, it) {
            if ((rc = context_entry(m, it, terms, nterms, &ct, urls, nurls, &cu)) != TRACE_OK)
                break;
        }
    } else {
        rc = context_entry(m, v, terms, nterms, &ct, urls, nurls, &cu);
    }
    jl_path_pop(m, saved);
    return rc;
}
