/*
 * error.c - the compiled-in error catalogue, diagnostic rendering and the
 * caller-owned diagnostic list. Messages never live in C code: they come from
 * spec/errors/ *.tsv through the generated catalogue.inc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#include "catalogue.inc"

size_t trace_catalogue_count(void)
{
    return TRACE__ARRAY_LEN(catalogue);
}

const trace_catalogue_entry *trace_catalogue_at(size_t i)
{
    return i < TRACE__ARRAY_LEN(catalogue) ? &catalogue[i] : NULL;
}

const trace_catalogue_entry *trace__catalogue_lookup(int code)
{
    size_t lo = 0, hi = TRACE__ARRAY_LEN(catalogue);
    while (lo < hi) { /* the table is sorted by number */
        size_t mid = lo + (hi - lo) / 2;
        if (catalogue[mid].code == code)
            return &catalogue[mid];
        if (catalogue[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const trace_catalogue_entry *trace_catalogue_get(int code)
{
    return trace__catalogue_lookup(code);
}

const trace_catalogue_entry *trace_catalogue_find(const char *id)
{
    size_t i;
    if (!id)
        return NULL;
    for (i = 0; i < TRACE__ARRAY_LEN(catalogue); i++)
        if (trace__strcasecmp(catalogue[i].id, id) == 0)
            return &catalogue[i];
    return NULL;
}

const char *trace_severity_name(trace_severity sev)
{
    switch (sev) {
    case TRACE_SEV_INFO: return "info";
    case TRACE_SEV_WARNING: return "warning";
    case TRACE_SEV_ERROR: return "error";
    case TRACE_SEV_FATAL: return "fatal";
    }
    return "unknown";
}

void trace_loc_init(trace_loc *loc)
{
    memset(loc, 0, sizeof(*loc));
    loc->offset = -1;
    loc->record = -1;
}

void trace__loc_set_source(trace_loc *loc, const char *source)
{
    trace__strlcpy(loc->source, source ? source : "", sizeof(loc->source));
}

void trace__diag_init(trace_diag *d, int code)
{
    const trace_catalogue_entry *e = trace__catalogue_lookup(code);
    d->code = code;
    d->id = e ? e->id : "TR-GEN-0001";
    d->severity = e ? e->severity : TRACE_SEV_ERROR;
    trace_loc_init(&d->loc);
    d->nargs = 0;
    memset(d->reserved, 0, sizeof(d->reserved));
}

static trace_diag_arg *arg_slot(trace_diag *d, const char *key)
{
    unsigned i;
    for (i = 0; i < d->nargs; i++)
        if (strcmp(d->args[i].key, key) == 0)
            return &d->args[i];
    if (d->nargs == TRACE_DIAG_MAX_ARGS)
        return NULL;
    d->args[d->nargs].key = key;
    return &d->args[d->nargs++];
}

void trace__diag_argn(trace_diag *d, const char *key, const char *value, size_t n)
{
    trace_diag_arg *a = arg_slot(d, key);
    if (!a)
        return;
    if (n < sizeof(a->value)) {
        if (n) /* value may be NULL when empty (an absent slice) */
            memcpy(a->value, value, n);
        a->value[n] = '\0';
        return;
    }
    /* Truncate on a UTF-8 boundary and mark it, so messages stay readable. */
    n = sizeof(a->value) - 4;
    while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
        n--;
    memcpy(a->value, value, n);
    memcpy(a->value + n, "...", 4);
}

void trace__diag_arg(trace_diag *d, const char *key, const char *value)
{
    trace__diag_argn(d, key, value ? value : "", value ? strlen(value) : 0);
}

void trace__diag_argf(trace_diag *d, const char *key, const char *fmt, ...)
{
    char tmp[TRACE_DIAG_ARG_SIZE * 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    trace__diag_arg(d, key, tmp);
}

const char *trace_diag_arg_get(const trace_diag *d, const char *key)
{
    unsigned i;
    for (i = 0; d && key && i < d->nargs; i++)
        if (strcmp(d->args[i].key, key) == 0)
            return d->args[i].value;
    return NULL;
}

static void put(char *buf, size_t size, size_t *len, const char *s, size_t n)
{
    if (*len < size) {
        size_t room = size - 1 - *len;
        memcpy(buf + *len, s, n < room ? n : room);
    }
    *len += n;
}

size_t trace_diag_message(const trace_diag *d, trace_lang lang, char *buf, size_t size)
{
    const trace_catalogue_entry *e = d ? trace__catalogue_lookup(d->code) : NULL;
    const char *p = e ? (lang == TRACE_LANG_ZH ? e->zh : e->en) : "unknown diagnostic";
    size_t len = 0;
    while (*p) {
        const char *close, *val, *zh;
        char key[32], tmp[TRACE_DIAG_ARG_SIZE * 2];
        if (*p != '{' || !(close = strchr(p, '}')) || (size_t)(close - p - 1) >= sizeof(key)) {
            put(buf, size, &len, p++, 1);
            continue;
        }
        memcpy(key, p + 1, (size_t)(close - p - 1));
        key[close - p - 1] = '\0';
        val = trace_diag_arg_get(d, key);
        if (val && lang == TRACE_LANG_ZH && (zh = trace__zh_arg(key, val, tmp, sizeof(tmp))))
            val = zh;
        put(buf, size, &len, val ? val : "?", val ? strlen(val) : 1);
        p = close + 1;
    }
    if (size)
        buf[len < size ? len : size - 1] = '\0';
    return len;
}

/* ------------------------------------------------------------------------ */

struct trace_diag_list {
    trace_allocator alloc;
    trace_diag *items;
    size_t count, cap_alloc, cap_max;
    size_t dropped;
    size_t by_sev[4];
    trace_diag_fn fn;
    void *payload;
    int keep;
};

int trace_diag_list_new(trace_diag_list **out, size_t cap, const trace_allocator *alloc)
{
    trace_diag_list *l;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!alloc)
        alloc = &trace__default_alloc;
    l = trace__calloc(alloc, 1, sizeof(*l));
    if (!l)
        return TRACE_ENOMEM;
    l->alloc = *alloc;
    l->cap_max = cap ? cap : TRACE_DEFAULT_MAX_DIAGS;
    l->keep = 1;
    *out = l;
    return TRACE_OK;
}

void trace_diag_list_free(trace_diag_list *l)
{
    if (!l)
        return;
    trace__free(&l->alloc, l->items);
    trace__free(&l->alloc, l);
}

void trace_diag_list_clear(trace_diag_list *l)
{
    if (!l)
        return;
    l->count = 0;
    l->dropped = 0;
    memset(l->by_sev, 0, sizeof(l->by_sev));
}

void trace_diag_list_set_callback(trace_diag_list *l, trace_diag_fn fn, void *payload, int keep)
{
    if (!l)
        return;
    l->fn = fn;
    l->payload = payload;
    l->keep = keep;
}

int trace_diag_list_add(trace_diag_list *l, const trace_diag *d)
{
    if (!l || !d)
        return TRACE_EINVAL;
    if ((unsigned)d->severity <= TRACE_SEV_FATAL)
        l->by_sev[d->severity]++;
    if (l->fn)
        l->fn(d, l->payload);
    if (!l->keep)
        return TRACE_OK;
    if (l->count == l->cap_max) {
        l->dropped++;
        return TRACE_ELIMIT;
    }
    if (l->count == l->cap_alloc) {
        size_t n = l->cap_alloc ? l->cap_alloc * 2 : 16;
        trace_diag *p;
        if (n > l->cap_max)
            n = l->cap_max;
        p = trace__realloc(&l->alloc, l->items, n * sizeof(*p));
        if (!p) {
            l->dropped++;
            return TRACE_ENOMEM;
        }
        l->items = p;
        l->cap_alloc = n;
    }
    l->items[l->count++] = *d;
    return TRACE_OK;
}

size_t trace_diag_list_count(const trace_diag_list *l)
{
    return l ? l->count : 0;
}

const trace_diag *trace_diag_list_at(const trace_diag_list *l, size_t i)
{
    return l && i < l->count ? &l->items[i] : NULL;
}

size_t trace_diag_list_count_severity(const trace_diag_list *l, trace_severity sev)
{
    size_t n = 0;
    unsigned s;
    if (!l)
        return 0;
    for (s = (unsigned)sev; s <= TRACE_SEV_FATAL; s++)
        n += l->by_sev[s];
    return n;
}

size_t trace_diag_list_dropped(const trace_diag_list *l)
{
    return l ? l->dropped : 0;
}

int trace_diag_list_has_errors(const trace_diag_list *l)
{
    return trace_diag_list_count_severity(l, TRACE_SEV_ERROR) > 0;
}
