/*
 * dump.c - the canonical text form of the record model (include/libtrace/dump.h).
 *
 * One value per line, "path = value", fields in the fixed order of the
 * model structs (never the as-read order, which is printed separately), so
 * two dumps compare with a plain byte comparison or diff.
 */
#include <string.h>

#include "dump_int.h"

/* ------------------------------------------------------------ lines */

int trace__dump_begin(trace__dumper *d)
{
    if (d->rc != TRACE_OK)
        return d->rc;
    d->line.len = 0;
    trace__buf_append(&d->line, d->path, d->plen);
    return trace__buf_puts(&d->line, " =");
}

int trace__dump_end(trace__dumper *d)
{
    if (d->rc != TRACE_OK)
        return d->rc;
    trace__buf_putc(&d->line, '\n');
    if (d->line.failed)
        return d->rc = TRACE_ENOMEM;
    if (d->fn(d->line.data, d->line.len, d->payload) != 0)
        d->rc = TRACE_EIO;
    return d->rc;
}

/* A line with no path: "event 0", "end event". */
int trace__dump_raw(trace__dumper *d, const char *text)
{
    if (d->rc != TRACE_OK)
        return d->rc;
    d->line.len = 0;
    trace__buf_puts(&d->line, text);
    trace__buf_putc(&d->line, '\n');
    if (d->line.failed)
        return d->rc = TRACE_ENOMEM;
    if (d->fn(d->line.data, d->line.len, d->payload) != 0)
        d->rc = TRACE_EIO;
    return d->rc;
}

void trace__dump_tok(trace__dumper *d, const char *tok)
{
    trace__buf_putc(&d->line, ' ');
    trace__buf_puts(&d->line, tok);
}

void trace__dump_qstr(trace__dumper *d, trace_str s)
{
    trace__buf_putc(&d->line, ' ');
    trace__buf_json_str(&d->line, s.s ? s.s : "", s.len);
}

/* key="value" */
void trace__dump_kv(trace__dumper *d, const char *key, trace_str s)
{
    trace__buf_putc(&d->line, ' ');
    trace__buf_puts(&d->line, key);
    trace__buf_putc(&d->line, '=');
    trace__buf_json_str(&d->line, s.s ? s.s : "", s.len);
}

size_t trace__dump_push(trace__dumper *d, const char *fmt, ...)
{
    size_t old = d->plen;
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(d->path + d->plen, sizeof(d->path) - d->plen, fmt, ap);
    va_end(ap);
    if (n > 0)
        d->plen += (size_t)n < sizeof(d->path) - d->plen ? (size_t)n
                                                          : sizeof(d->path) - d->plen - 1;
    return old;
}

void trace__dump_pop(trace__dumper *d, size_t old)
{
    d->plen = old;
    d->path[old] = '\0';
}

/* ------------------------------------------------------------ values */

void trace__dump_pos(trace__dumper *d, const char *name, trace_pos pos)
{
    size_t old;
    if (!(d->flags & TRACE_DUMP_POS) || NORM(d) || pos.line == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name[0] ? name : "pos");
    trace__dump_begin(d);
    trace__buf_printf(&d->line, " %lu:%lu", (unsigned long)pos.line, (unsigned long)pos.column);
    trace__dump_end(d);
    trace__dump_pop(d, old);
}

void trace__dump_str(trace__dumper *d, const char *name, trace_str s)
{
    size_t old;
    if (s.len == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_begin(d);
    trace__dump_qstr(d, s);
    trace__dump_end(d);
    trace__dump_pop(d, old);
}

void trace__dump_flag(trace__dumper *d, const char *name, int on)
{
    size_t old;
    if (!on)
        return;
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_begin(d);
    trace__dump_tok(d, "present");
    trace__dump_end(d);
    trace__dump_pop(d, old);
}

void trace__dump_time(trace__dumper *d, const char *name, const trace_time *t)
{
    size_t old;
    if (t->lexeme.len == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_begin(d);
    trace__dump_qstr(d, t->lexeme);
    if (t->valid)
        trace__buf_printf(&d->line, " utc=%lld.%09lu off=%d frac=%u", (long long)t->seconds,
                          (unsigned long)t->nanos, (int)t->offset_min, (unsigned)t->frac_digits);
    else
        trace__dump_tok(d, "invalid");
    trace__dump_end(d);
    trace__dump_pos(d, "", t->pos);
    trace__dump_pop(d, old);
}

static const char *id_form_name(trace_id_form f)
{
    switch (f) {
    case TRACE_ID_EPC_URN: return "urn";
    case TRACE_ID_DL: return "dl";
    case TRACE_ID_UTDS: return "utds";
    case TRACE_ID_OTHER: break;
    }
    return "other";
}

void trace__dump_id(trace__dumper *d, const char *name, const trace_id *id)
{
    size_t old;
    if (id->raw.len == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen && name[0] != '[' ? "." : "", name);
    trace__dump_begin(d);
    trace__dump_qstr(d, id->raw);
    trace__dump_tok(d, id_form_name(id->form));
    trace__dump_end(d);
    trace__dump_pos(d, "", id->pos);
    trace__dump_pop(d, old);
}

static const char *const cbv_form_names[] = {"none", "bare", "urn", "web", "other"};

void trace__dump_vocab(trace__dumper *d, const char *name, const trace_vocab *v)
{
    size_t old;
    if (v->raw.len == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen && name[0] != '[' ? "." : "", name);
    trace__dump_begin(d);
    if (NORM(d)) {
        /* Every binding spells a CBV term differently; the term is what matters. */
        trace__dump_qstr(d, v->form == TRACE_CBV_OTHER ? v->raw : v->value);
    } else {
        trace__dump_qstr(d, v->raw);
        trace__dump_tok(d, (unsigned)v->form < 5 ? cbv_form_names[v->form] : "?");
        if (v->form == TRACE_CBV_URN || v->form == TRACE_CBV_WEB)
            trace__dump_kv(d, "value", v->value);
    }
    trace__dump_end(d);
    trace__dump_pos(d, "", v->pos);
    trace__dump_pop(d, old);
}

void trace__dump_num(trace__dumper *d, const char *name, const trace_num *n)
{
    size_t old;
    if (n->lexeme.len == 0)
        return;
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_begin(d);
    trace__dump_qstr(d, n->lexeme);
    trace__dump_end(d);
    trace__dump_pos(d, "", n->pos);
    trace__dump_pop(d, old);
}

void trace__dump_count(trace__dumper *d, const char *name, const char *what, size_t n)
{
    size_t old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_begin(d);
    trace__buf_printf(&d->line, " %s %lu", what, (unsigned long)n);
    trace__dump_end(d);
    trace__dump_pop(d, old);
}

/* ------------------------------------------------------------ sorting */

/* Stable merge sort of idx[0..n) with a three-way comparison on items. */
static void merge_sort(size_t *idx, size_t *tmp, size_t n, const void *items,
                       int (*cmp)(const void *items, size_t a, size_t b))
{
    size_t width, i;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width < n ? i + width : n;
            size_t hi = i + 2 * width < n ? i + 2 * width : n, a = lo, b = mid, k = lo;
            while (a < mid && b < hi)
                tmp[k++] = cmp(items, idx[b], idx[a]) < 0 ? idx[b++] : idx[a++];
            while (a < mid)
                tmp[k++] = idx[a++];
            while (b < hi)
                tmp[k++] = idx[b++];
        }
        memcpy(idx, tmp, n * sizeof(*idx));
    }
}

static int str_cmp(trace_str a, trace_str b)
{
    size_t n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.s, b.s, n) : 0;
    if (c)
        return c;
    return a.len < b.len ? -1 : a.len > b.len;
}

static int ext_cmp(const void *items, size_t a, size_t b)
{
    const trace_ext *x = (const trace_ext *)items + a, *y = (const trace_ext *)items + b;
    int c = (int)x->kind - (int)y->kind;
    if (c)
        return c;
    c = str_cmp(x->ns, y->ns);
    return c ? c : str_cmp(x->name, y->name);
}

static int attr_cmp(const void *items, size_t a, size_t b)
{
    const trace_ext_attr *x = (const trace_ext_attr *)items + a;
    const trace_ext_attr *y = (const trace_ext_attr *)items + b;
    int c = str_cmp(x->ns, y->ns);
    return c ? c : str_cmp(x->name, y->name);
}

static int sattr_cmp(const void *items, size_t a, size_t b)
{
    const trace_sensor_attr *x = (const trace_sensor_attr *)items + a;
    const trace_sensor_attr *y = (const trace_sensor_attr *)items + b;
    int c = str_cmp(x->ns, y->ns);
    return c ? c : str_cmp(x->name, y->name);
}

/*
 * The order in which to print n items: source order, or sorted when
 * normalising. Returns an array (small: in stack; else allocated) or NULL.
 */
size_t *trace__dump_order(trace__dumper *d, size_t *stack, size_t nstack, const void *items,
                          size_t n, int kind)
{
    int (*cmp)(const void *, size_t, size_t) =
        kind == 0 ? ext_cmp : kind == 1 ? attr_cmp : sattr_cmp;
    size_t *idx = stack, *tmp, i;
    if (n * 2 > nstack) {
        idx = trace__malloc(&trace__default_alloc, n * 2 * sizeof(*idx));
        if (!idx) {
            d->rc = TRACE_ENOMEM;
            return NULL;
        }
    }
    tmp = idx + n;
    for (i = 0; i < n; i++)
        idx[i] = i;
    if (NORM(d))
        merge_sort(idx, tmp, n, items, cmp);
    return idx;
}

void trace__dump_order_free(size_t *idx, const size_t *stack)
{
    if (idx != stack)
        trace__free(&trace__default_alloc, idx);
}

/* ------------------------------------------------------------ extension trees */

static const char *const ext_type_names[] = {"string", "number", "bool", "null"};

static int blank(trace_str s)
{
    size_t i;
    for (i = 0; i < s.len; i++)
        if (s.s[i] != ' ' && s.s[i] != '\t' && s.s[i] != '\n' && s.s[i] != '\r')
            return 0;
    return 1;
}

/* Nodes the normalised form leaves out: comments and whitespace-only text runs. */
static int skipped(const trace__dumper *d, const trace_ext *e)
{
    return NORM(d) && (e->kind == TRACE_EXT_COMMENT || (e->kind == TRACE_EXT_TEXT && blank(e->text)));
}

static void dump_ext_attrs(trace__dumper *d, const trace_ext *e)
{
    size_t stack[32], *idx, i;
    idx = trace__dump_order(d, stack, 32, e->attrs, e->nattrs, 1);
    for (i = 0; idx && i < e->nattrs; i++) {
        const trace_ext_attr *a = &e->attrs[idx[i]];
        size_t old = trace__dump_push(d, "@%lu", (unsigned long)i);
        trace__dump_begin(d);
        trace__dump_qstr(d, a->ns);
        trace__dump_qstr(d, a->name);
        if (!NORM(d) && a->prefix.len)
            trace__dump_kv(d, "prefix", a->prefix);
        trace__dump_kv(d, "value", a->value);
        trace__dump_end(d);
        trace__dump_pop(d, old);
    }
    trace__dump_order_free(idx, stack);
}

static void dump_ext_node(trace__dumper *d, const trace_ext *e)
{
    trace__dump_begin(d);
    if (e->kind == TRACE_EXT_TEXT || e->kind == TRACE_EXT_COMMENT) {
        trace__dump_tok(d, e->kind == TRACE_EXT_TEXT ? "text" : "comment");
        trace__dump_qstr(d, e->text);
        trace__dump_end(d);
        return;
    }
    trace__dump_tok(d, "element");
    trace__dump_qstr(d, e->ns);
    trace__dump_qstr(d, e->name);
    if (!NORM(d) && e->prefix.len)
        trace__dump_kv(d, "prefix", e->prefix);
    if (e->xsi_type.len)
        trace__dump_kv(d, "xsi", e->xsi_type);
    if (!NORM(d) && e->array)
        trace__dump_tok(d, "array");
    if (e->nchildren == 0) {
        if (!NORM(d))
            trace__dump_tok(d, (unsigned)e->type < 4 ? ext_type_names[e->type] : "?");
        if (!NORM(d) || e->type != TRACE_EXT_NULL)
            trace__dump_kv(d, "text", e->text);
    }
    trace__dump_end(d);
    trace__dump_pos(d, "", e->pos);
    dump_ext_attrs(d, e);
    trace__dump_ext(d, "", e->children, e->nchildren);
}

void trace__dump_ext(trace__dumper *d, const char *name, const trace_ext *ext, size_t n)
{
    size_t stack[64], *idx, i, k = 0;
    size_t base;
    if (n == 0 || d->rc != TRACE_OK)
        return;
    base = trace__dump_push(d, "%s%s", d->plen && name[0] ? "." : "", name);
    idx = trace__dump_order(d, stack, 64, ext, n, 0);
    for (i = 0; idx && i < n; i++) {
        const trace_ext *e = &ext[idx[i]];
        size_t old;
        if (skipped(d, e))
            continue;
        old = trace__dump_push(d, "[%lu]", (unsigned long)k++);
        dump_ext_node(d, e);
        trace__dump_pop(d, old);
    }
    trace__dump_order_free(idx, stack);
    trace__dump_pop(d, base);
}

/* ------------------------------------------------------------ public entry points */

static int dump_run(trace_dump_fn fn, void *payload, unsigned flags, const void *obj,
                    const void *obj2, void (*body)(trace__dumper *, const void *, const void *))
{
    trace__dumper d;
    if (!fn)
        return TRACE_EINVAL;
    memset(&d, 0, sizeof(d));
    d.fn = fn;
    d.payload = payload;
    d.flags = flags;
    d.rc = TRACE_OK;
    trace__buf_init(&d.line, &trace__default_alloc);
    body(&d, obj, obj2);
    trace__buf_free(&d.line);
    return d.rc;
}

static void event_body(trace__dumper *d, const void *ev, const void *unused)
{
    (void)unused;
    trace__dump_event_body(d, ev);
}

static void header_body(trace__dumper *d, const void *h, const void *md)
{
    trace_header empty;
    if (!h) {
        trace_header_init(&empty);
        h = &empty;
    }
    trace__dump_header_body(d, h);
    if (md)
        trace__dump_md_body(d, md);
}

static void trailer_body(trace__dumper *d, const void *t, const void *unused)
{
    (void)unused;
    trace__dump_trailer_body(d, t);
}

int trace_event_dump(const trace_event *ev, trace_dump_fn out, void *payload, unsigned flags)
{
    if (!ev)
        return TRACE_EINVAL;
    return dump_run(out, payload, flags, ev, NULL, event_body);
}

int trace_header_dump(const trace_header *h, const trace_masterdata *md, trace_dump_fn out,
                      void *payload, unsigned flags)
{
    return dump_run(out, payload, flags, h, md, header_body);
}

int trace_trailer_dump(const trace_trailer *t, trace_dump_fn out, void *payload, unsigned flags)
{
    return dump_run(out, payload, flags, t, NULL, trailer_body);
}
