/*
 * util.c - allocation wrappers, the growable buffer and small string helpers
 * used across the library.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static void *default_malloc(size_t n, void *opaque)
{
    (void)opaque;
    return malloc(n);
}

static void *default_realloc(void *p, size_t n, void *opaque)
{
    (void)opaque;
    return realloc(p, n);
}

static void default_free(void *p, void *opaque)
{
    (void)opaque;
    free(p);
}

const trace_allocator trace__default_alloc = {default_malloc, default_realloc,
                                              default_free, NULL};

void *trace__malloc(const trace_allocator *a, size_t n)
{
    if (!a)
        a = &trace__default_alloc;
    return a->malloc_fn(n ? n : 1, a->opaque);
}

void *trace__calloc(const trace_allocator *a, size_t count, size_t n)
{
    void *p;
    if (n && count > SIZE_MAX / n)
        return NULL;
    p = trace__malloc(a, count * n);
    if (p)
        memset(p, 0, count * n);
    return p;
}

void *trace__realloc(const trace_allocator *a, void *p, size_t n)
{
    if (!a)
        a = &trace__default_alloc;
    return a->realloc_fn(p, n ? n : 1, a->opaque);
}

void trace__free(const trace_allocator *a, void *p)
{
    if (!p)
        return;
    if (!a)
        a = &trace__default_alloc;
    a->free_fn(p, a->opaque);
}

char *trace__strndup(const trace_allocator *a, const char *s, size_t n)
{
    char *p = trace__malloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void trace_free(void *ptr)
{
    free(ptr);
}

void trace__buf_init(trace__buf *b, const trace_allocator *alloc)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->alloc = alloc ? alloc : &trace__default_alloc;
    b->failed = 0;
}

void trace__buf_free(trace__buf *b)
{
    trace__free(b->alloc, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int trace__buf_reserve(trace__buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (b->failed)
        return TRACE_ENOMEM;
    if (extra > SIZE_MAX - b->len - 1)
        return b->failed = 1, TRACE_ENOMEM;
    need = b->len + extra + 1; /* room for a terminating NUL */
    if (need <= b->cap)
        return TRACE_OK;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = trace__realloc(b->alloc, b->data, cap);
    if (!p) {
        b->failed = 1;
        return TRACE_ENOMEM;
    }
    b->data = p;
    b->cap = cap;
    return TRACE_OK;
}

int trace__buf_append(trace__buf *b, const void *p, size_t n)
{
    if (trace__buf_reserve(b, n) != TRACE_OK)
        return TRACE_ENOMEM;
    if (n)
        memcpy(b->data + b->len, p, n);
    b->len += n;
    return TRACE_OK;
}

int trace__buf_puts(trace__buf *b, const char *s)
{
    return trace__buf_append(b, s, strlen(s));
}

int trace__buf_putc(trace__buf *b, char c)
{
    return trace__buf_append(b, &c, 1);
}

int trace__buf_printf(trace__buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || trace__buf_reserve(b, (size_t)n) != TRACE_OK)
        return TRACE_ENOMEM;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return TRACE_OK;
}

int trace__buf_json_str(trace__buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, start = 0;
    trace__buf_putc(b, '"');
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        trace__buf_append(b, s + start, i - start);
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
        trace__buf_puts(b, esc);
        start = i + 1;
    }
    trace__buf_append(b, s + start, n - start);
    return trace__buf_putc(b, '"');
}

const char *trace__buf_cstr(trace__buf *b)
{
    if (trace__buf_reserve(b, 0) != TRACE_OK)
        return "";
    b->data[b->len] = '\0';
    return b->data;
}

int trace__strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = tolower((unsigned char)*a), cb = tolower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

size_t trace__strlcpy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t m = n < size - 1 ? n : size - 1;
        memcpy(dst, src, m);
        dst[m] = '\0';
    }
    return n;
}
