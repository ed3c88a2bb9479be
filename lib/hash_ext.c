/*
 * hash_ext.c - pre-hash of extension trees and sensor data (UTDS Part 3b,
 * spec/utds-3-integrity.md section 2.1, R-3b.2.6 and P7-P8), and the sorted-group
 * machinery every list of the pre-hash uses.
 *
 * A group is rendered item by item at the end of the output buffer; each
 * item's bytes are recorded as a span; the spans are then sorted by their
 * bytes (case-sensitive, UTF-8 code unit order) and rewritten in place. The
 * buffer and the span stack are reused, so hashing allocates nothing once
 * warm.
 */
#include <string.h>

#include "hash_int.h"

int trace__hash_span_push(trace__hash_walk *w, size_t off, size_t len)
{
    if (w->nspans == w->capspans) {
        size_t cap = w->capspans ? w->capspans * 2 : 64;
        trace__span *p = trace__realloc(w->alloc, w->spans, cap * sizeof(*p));
        if (!p)
            return w->failed = 1, TRACE_ENOMEM;
        w->spans = p;
        w->capspans = cap;
    }
    w->spans[w->nspans].off = off;
    w->spans[w->nspans].len = len;
    w->nspans++;
    return TRACE_OK;
}

static int span_cmp(const char *base, const trace__span *a, const trace__span *b)
{
    size_t n = a->len < b->len ? a->len : b->len;
    int c = n ? memcmp(base + a->off, base + b->off, n) : 0;
    if (c)
        return c;
    return a->len < b->len ? -1 : a->len > b->len;
}

/* Stable bottom-up merge sort of s[0..n) using tmp[0..n). */
static void merge_sort(const char *base, trace__span *s, trace__span *tmp, size_t n)
{
    size_t width, i;
    trace__span *src = s, *dst = tmp;
    for (i = 1; i < n; i++) { /* insertion sort for short lists */
        if (n > 16)
            break;
        {
            trace__span x = s[i];
            size_t j = i;
            while (j > 0 && span_cmp(base, &s[j - 1], &x) > 0)
                s[j] = s[j - 1], j--;
            s[j] = x;
        }
    }
    if (n <= 16)
        return;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t l = i, m = i + width < n ? i + width : n,
                   r = i + 2 * width < n ? i + 2 * width : n;
            size_t a = l, b = m, k = l;
            while (a < m && b < r)
                dst[k++] = span_cmp(base, &src[a], &src[b]) <= 0 ? src[a++] : src[b++];
            while (a < m)
                dst[k++] = src[a++];
            while (b < r)
                dst[k++] = src[b++];
        }
        {
            trace__span *t = src;
            src = dst, dst = t;
        }
    }
    if (src != s)
        memcpy(s, src, n * sizeof(*s));
}

int trace__hash_sort_group(trace__hash_walk *w, size_t group_start, size_t first,
                           size_t n)
{
    trace__buf *o = &w->out;
    size_t total = o->len - group_start, i, sorted_at;
    if (n > 1) {
        /* Room for the merge buffer on the span stack, then for the sorted copy. */
        size_t need = first + 2 * n;
        while (w->capspans < need) {
            if (trace__hash_span_push(w, 0, 0) != TRACE_OK)
                return TRACE_ENOMEM;
        }
        merge_sort(o->data, w->spans + first, w->spans + first + n, n);
        if (trace__buf_reserve(o, total) != TRACE_OK)
            return w->failed = 1, TRACE_ENOMEM;
        sorted_at = o->len;
        for (i = 0; i < n; i++) {
            memcpy(o->data + o->len, o->data + w->spans[first + i].off,
                   w->spans[first + i].len);
            o->len += w->spans[first + i].len;
        }
        memmove(o->data + group_start, o->data + sorted_at, total);
        o->len = group_start + total;
    }
    w->nspans = first;
    return TRACE_OK;
}

/* ---------------------------------------------------------- extensions */

#define RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define XSI  "http://www.w3.org/2001/XMLSchema-instance"

int trace__hash_is_comment(const trace_ext *x)
{
    if (x->kind != TRACE_EXT_ELEMENT || x->name.len == 0)
        return 1;
    return trace_str_eq(x->name, "comment") &&
           (x->ns.len == 0 || trace_str_eq(x->ns, RDFS));
}

int trace__hash_put_name(trace__hash_walk *w, trace_str ns, trace_str name)
{
    if (ns.len) {
        trace__buf_putc(&w->out, '{');
        trace__buf_append(&w->out, ns.s, ns.len);
        trace__buf_putc(&w->out, '}');
    }
    return trace__buf_append(&w->out, name.s, name.len);
}

/* "=value" when the stripped value is not empty. */
int trace__hash_put_value(trace__hash_walk *w, trace_str v)
{
    const char *s = v.s;
    size_t n = v.len;
    trace__hash_strip(&s, &n);
    if (!n)
        return TRACE_OK;
    trace__buf_putc(&w->out, '=');
    return trace__hash_value(&w->out, w->pf, s, n);
}

static trace_str node_text(const trace_ext *x)
{
    size_t i;
    if (x->type == TRACE_EXT_NULL)
        return x->text.len ? trace_str_c("") : x->text;
    if (x->text.len)
        return x->text;
    for (i = 0; i < x->nchildren; i++)
        if (x->children[i].kind == TRACE_EXT_TEXT)
            return x->children[i].text;
    return x->text;
}

/* The reference does not sort siblings when one is a bizTransaction, source or
 * destination. */
static int should_sort(const trace_ext *kids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (kids[i].ns.len == 0 && (trace_str_eq(kids[i].name, "bizTransaction") ||
                                    trace_str_eq(kids[i].name, "source") ||
                                    trace_str_eq(kids[i].name, "destination")))
            return 0;
    return 1;
}

int trace__hash_ext_node(trace__hash_walk *w, const trace_ext *x)
{
    size_t g, first, cnt = 0, i, s;
    if (trace__hash_is_comment(x))
        return TRACE_OK;
    trace__hash_put_name(w, x->ns, x->name);
    trace__hash_put_value(w, node_text(x));
    g = w->out.len;
    first = w->nspans;
    /* xsi:type is not hashed: JSON-LD cannot carry it, and the hash must not
     * depend on the encoding (spec section 2.1, P10). */
    for (i = 0; i < x->nattrs; i++) {
        s = w->out.len;
        trace__hash_put_name(w, x->attrs[i].ns, x->attrs[i].name);
        trace__hash_put_value(w, x->attrs[i].value);
        trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    for (i = 0; i < x->nchildren; i++) {
        s = w->out.len;
        trace__hash_ext_node(w, &x->children[i]);
        if (w->out.len > s)
            trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    if (!should_sort(x->children, x->nchildren)) {
        w->nspans = first;
        return w->failed || w->out.failed ? TRACE_ENOMEM : TRACE_OK;
    }
    return trace__hash_sort_group(w, g, first, cnt);
}

int trace__hash_ns_slash(trace_str ns)
{
    return ns.len && ns.s[ns.len - 1] == '/';
}

/* Render the nodes of list as sorted items of the current group (used for
 * gathered extensions). keep(i) selects which; returns items added. */
size_t trace__hash_ext_items(trace__hash_walk *w, const trace_ext *x, size_t n, int mode)
{
    size_t i, cnt = 0;
    for (i = 0; i < n; i++) {
        size_t s = w->out.len;
        if (trace__hash_is_comment(&x[i]))
            continue;
        if (mode == HASH_EXT_SLASH && !trace__hash_ns_slash(x[i].ns))
            continue;
        if (mode == HASH_EXT_NOSLASH && trace__hash_ns_slash(x[i].ns))
            continue;
        trace__hash_ext_node(w, &x[i]);
        if (w->out.len > s)
            trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    return cnt;
}

/* ------------------------------------------------------------- sensors */

static const char *const meta_order[] = {"time",
                                         "startTime",
                                         "endTime",
                                         "deviceID",
                                         "deviceMetadata",
                                         "rawData",
                                         "dataProcessingMethod",
                                         "bizRules"};
static const char *const report_order[] = {"type",
                                           "exception",
                                           "deviceID",
                                           "deviceMetadata",
                                           "rawData",
                                           "dataProcessingMethod",
                                           "time",
                                           "microorganism",
                                           "chemicalSubstance",
                                           "value",
                                           "component",
                                           "stringValue",
                                           "booleanValue",
                                           "hexBinaryValue",
                                           "uriValue",
                                           "minValue",
                                           "maxValue",
                                           "meanValue",
                                           "sDev",
                                           "percRank",
                                           "percValue",
                                           "uom",
                                           "coordinateReferenceSystem"};

static int name_has(trace_str ns, trace_str name, const char *needle)
{
    size_t k = strlen(needle), i;
    const trace_str parts[2] = {ns, name};
    int p;
    for (p = 0; p < 2; p++)
        for (i = 0; parts[p].len >= k && i + k <= parts[p].len; i++)
            if (memcmp(parts[p].s + i, needle, k) == 0)
                return 1;
    return 0;
}

/* One sensor attribute value: times, sensor vocabularies, plain values. */
static void sensor_value(trace__hash_walk *w, const char *name, trace_str v, int report)
{
    const char *s = v.s;
    size_t n = v.len;
    trace__hash_strip(&s, &n);
    if (!n)
        return;
    trace__buf_putc(&w->out, '=');
    if (strstr(name, "ime") && (!strcmp(name, "time") || !strcmp(name, "startTime") ||
                                !strcmp(name, "endTime"))) {
        trace__hash_time(&w->out, w->pf, s, n);
        return;
    }
    if (report && !memchr(s, ':', n)) {
        if (!strcmp(name, "type") || !strcmp(name, "exception")) {
            trace__buf_puts(&w->out, w->pf->gs1_voc);
            trace__buf_append(&w->out, s, n);
            return;
        }
        if (!strcmp(name, "component")) {
            trace__buf_puts(&w->out, "https://ref.gs1.org/cbv/Comp-");
            trace__buf_append(&w->out, s, n);
            return;
        }
    }
    trace__hash_value(&w->out, w->pf, s, n);
}

static int std_index(const trace_sensor_attr *a, const char *const *order, size_t n)
{
    size_t i;
    if (a->ns.len)
        return -1;
    for (i = 0; i < n; i++)
        if (trace_str_eq(a->name, order[i]))
            return (int)i;
    return -1;
}

/*
 * Render an attribute container (sensorMetadata or sensorReport) as its
 * ordered standard attributes, then gathered extensions (namespaced
 * attributes and child elements). With leftovers == 1 render instead what
 * the reference layout does not consume (see the spec, "leftovers").
 * Returns the number of leftover items (rendering mode 0).
 */
size_t trace__hash_attrs(trace__hash_walk *w, const trace_sensor_attr *a, size_t na,
                         const trace_ext *x, size_t nx, int report, int leftovers)
{
    const char *const *order = report ? report_order : meta_order;
    size_t norder =
        report ? TRACE__ARRAY_LEN(report_order) : TRACE__ARRAY_LEN(meta_order);
    size_t k, i, g, first, cnt = 0, left = 0;
    int ref = w->pf->ref_layout, gather = 1;
    if (ref) { /* the reference gathers only with more than one child and no
                  "action"/"eventTime" */
        gather = na + nx > 1;
        for (i = 0; i < na; i++)
            if (name_has(a[i].ns, a[i].name, "eventTime") ||
                name_has(a[i].ns, a[i].name, "action"))
                gather = 0;
        for (i = 0; i < nx; i++)
            if (name_has(x[i].ns, x[i].name, "eventTime") ||
                name_has(x[i].ns, x[i].name, "action"))
                gather = 0;
    }
    if (!leftovers) {
        for (k = 0; k < norder; k++) {
            g = w->out.len, first = w->nspans, cnt = 0;
            for (i = 0; i < na; i++) {
                size_t s = w->out.len;
                if (std_index(&a[i], order, norder) != (int)k)
                    continue;
                trace__buf_puts(&w->out, order[k]);
                sensor_value(w, order[k], a[i].value, report);
                trace__hash_span_push(w, s, w->out.len - s), cnt++;
            }
            trace__hash_sort_group(w, g, first, cnt);
        }
    }
    g = w->out.len, first = w->nspans, cnt = 0;
    for (i = 0; i < na; i++) {
        int std = std_index(&a[i], order, norder) >= 0;
        int inl = !std && (!ref || (gather && trace__hash_ns_slash(a[i].ns)));
        size_t s = w->out.len;
        if (std || inl == leftovers)
            continue;
        left += leftovers ? 1 : 0;
        trace__hash_put_name(w, a[i].ns, a[i].name);
        trace__hash_put_value(w, a[i].value);
        trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    for (i = 0; i < nx; i++) {
        int inl = !ref || (gather && trace__hash_ns_slash(x[i].ns));
        size_t s = w->out.len;
        if (inl == leftovers || trace__hash_is_comment(&x[i]))
            continue;
        left += leftovers ? 1 : 0;
        trace__hash_ext_node(w, &x[i]);
        if (w->out.len > s)
            trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    trace__hash_sort_group(w, g, first, cnt);
    return left;
}
