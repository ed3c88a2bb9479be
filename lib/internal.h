/*
 * internal.h - library-private declarations shared by every lib/ file.
 * Never installed. Cross-file internals use the trace__ prefix.
 */
#ifndef TRACE_INTERNAL_H
#define TRACE_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "libtrace/trace.h"
#include "diag_ids.h" /* generated from spec/errors/ *.tsv: TRACE__D_<NAME> */

#if defined(__GNUC__)
#define TRACE__UNUSED __attribute__((unused))
#define TRACE__LIKELY(x) __builtin_expect(!!(x), 1)
#define TRACE__UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define TRACE__UNUSED
#define TRACE__LIKELY(x) (x)
#define TRACE__UNLIKELY(x) (x)
#endif

#define TRACE__ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- dictionary slots: each module keeps its run-time extensions here ---- */
enum trace__dict_slot {
    TRACE__SLOT_GS1 = 0,     /* GS1 company-prefix lengths, extra AIs */
    TRACE__SLOT_CN = 1,      /* region list, extra Chinese code data */
    TRACE__SLOT_PROFILE = 2, /* local profiles, dictionary extensions */
    TRACE__SLOT_HASH = 3,    /* trusted keys etc. */
    TRACE__SLOT_SPARE1 = 4,
    TRACE__SLOT_SPARE2 = 5,
    TRACE__SLOT_COUNT = 6
};

typedef struct trace__dict_ext {
    void *data;
    void (*free_fn)(void *data, const trace_allocator *alloc);
} trace__dict_ext;

struct trace_dict {
    unsigned long refcount; /* atomic via __atomic builtins */
    trace_allocator alloc;
    trace__dict_ext slot[TRACE__SLOT_COUNT];
};

struct trace_ctx {
    trace_allocator alloc;
    trace_lang lang;
    trace_limits limits;
    trace_dict *dict;
    uint32_t flags;
};

/* ---- allocation through a context or allocator ---- */
extern const trace_allocator trace__default_alloc;
void *trace__malloc(const trace_allocator *a, size_t n);
void *trace__calloc(const trace_allocator *a, size_t count, size_t n);
void *trace__realloc(const trace_allocator *a, void *p, size_t n);
void trace__free(const trace_allocator *a, void *p);
char *trace__strndup(const trace_allocator *a, const char *s, size_t n);
const trace_allocator *trace__ctx_alloc(const trace_ctx *ctx);

/* ---- growable byte buffer ---- */
typedef struct trace__buf {
    char *data;
    size_t len;
    size_t cap;
    const trace_allocator *alloc;
    int failed; /* sticky: an allocation failed */
} trace__buf;

void trace__buf_init(trace__buf *b, const trace_allocator *alloc);
void trace__buf_free(trace__buf *b);
int trace__buf_reserve(trace__buf *b, size_t extra);
int trace__buf_append(trace__buf *b, const void *p, size_t n);
int trace__buf_puts(trace__buf *b, const char *s);
int trace__buf_putc(trace__buf *b, char c);
int trace__buf_printf(trace__buf *b, const char *fmt, ...) TRACE_PRINTF(2, 3);
/* JSON string literal (with quotes), escaping as RFC 8259 requires. */
int trace__buf_json_str(trace__buf *b, const char *s, size_t n);
/* NUL-terminate without changing len; returns data or "" on failure. */
const char *trace__buf_cstr(trace__buf *b);

/* ---- diagnostics ---- */
const trace_catalogue_entry *trace__catalogue_lookup(int code);
/* Initialise d for catalogue code (severity from the catalogue), location unknown. */
void trace__diag_init(trace_diag *d, int code);
/* Set an argument (value truncated to fit). */
void trace__diag_arg(trace_diag *d, const char *key, const char *value);
void trace__diag_argn(trace_diag *d, const char *key, const char *value, size_t n);
void trace__diag_argf(trace_diag *d, const char *key, const char *fmt, ...) TRACE_PRINTF(3, 4);
/* Chinese rendering of a word argument (spec/lang/zh-terms.tsv), or NULL when
 * key carries data or val has no row; buf holds a rendering with filled holes. */
const char *trace__zh_arg(const char *key, const char *val, char *buf, size_t size);
size_t trace__zh_term_count(void);
const char *trace__zh_term_at(size_t i, const char **zh);
void trace__loc_set_source(trace_loc *loc, const char *source);

/* ---- small string helpers ---- */
int trace__strcasecmp(const char *a, const char *b);
size_t trace__strlcpy(char *dst, const char *src, size_t size);

#endif
