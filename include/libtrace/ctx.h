/*
 * libtrace/ctx.h - the context: options, limits, allocator and the shared
 * dictionary. There is no global state: everything a call needs comes from a
 * context.
 *
 * Threads: a trace_ctx is immutable after trace_ctx_new and may be shared by
 * any number of threads. A trace_dict is immutable once handed to a context
 * and is shared between contexts through an atomic reference count.
 */
#ifndef LIBTRACE_CTX_H
#define LIBTRACE_CTX_H

#include "common.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct trace_ctx trace_ctx;
typedef struct trace_dict trace_dict;

/** Limits applied by readers and parsers. 0 means "the default". */
typedef struct trace_limits {
    uint32_t max_depth;        /**< nesting depth of a document (default 64) */
    uint64_t max_string;       /**< bytes in one text value (default 1 MiB) */
    uint64_t max_record;       /**< bytes in one event (default 16 MiB) */
    uint64_t max_buffer;       /**< bytes buffered from a non-seekable input (default 64 MiB) */
    uint64_t max_diags;        /**< diagnostics stored per list (default 10000) */
} trace_limits;

#define TRACE_DEFAULT_MAX_DEPTH 64u
#define TRACE_DEFAULT_MAX_STRING (1u << 20)
#define TRACE_DEFAULT_MAX_RECORD (16u << 20)
#define TRACE_DEFAULT_MAX_BUFFER (64u << 20)
#define TRACE_DEFAULT_MAX_DIAGS 10000u

#define TRACE_CTX_OPTIONS_VERSION 1

/** Options for trace_ctx_new. Initialise with TRACE_CTX_OPTIONS_INIT. */
typedef struct trace_ctx_options {
    unsigned version;               /**< TRACE_CTX_OPTIONS_VERSION */
    trace_lang lang;                /**< language of messages */
    const trace_allocator *alloc;   /**< NULL: malloc/realloc/free; copied */
    trace_dict *dict;               /**< NULL: the compiled-in dictionary; a reference is taken */
    trace_limits limits;            /**< zero fields take the defaults */
    uint32_t flags;                 /**< reserved, 0 */
} trace_ctx_options;

#define TRACE_CTX_OPTIONS_INIT {TRACE_CTX_OPTIONS_VERSION, TRACE_LANG_EN, NULL, NULL, {0, 0, 0, 0, 0}, 0}

/** Initialise opts to the defaults. @return TRACE_OK or TRACE_EINVAL (bad version). */
TRACE_API int trace_ctx_options_init(trace_ctx_options *opts, unsigned version);

/**
 * Create a context.
 * @param out  receives the context; free with trace_ctx_free
 * @param opts options, or NULL for the defaults
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM
 * Ownership: the caller owns *out.
 */
TRACE_API TRACE_NODISCARD int trace_ctx_new(trace_ctx **out, const trace_ctx_options *opts);
/** Free a context (drops its dictionary reference). NULL is a no-op. */
TRACE_API void trace_ctx_free(trace_ctx *ctx);
/** Language of the context. */
TRACE_API trace_lang trace_ctx_lang(const trace_ctx *ctx);
/** Effective limits (defaults filled in). Borrowed, valid while ctx lives. */
TRACE_API const trace_limits *trace_ctx_limits(const trace_ctx *ctx);
/** The context's allocator. Borrowed. */
TRACE_API const trace_allocator *trace_ctx_allocator(const trace_ctx *ctx);
/** The context's dictionary. Borrowed; take a reference with trace_dict_ref to keep it. */
TRACE_API trace_dict *trace_ctx_dict(const trace_ctx *ctx);

/**
 * Create an empty dictionary holding only the compiled-in tables. Modules add
 * run-time extensions (local profiles, prefix tables, region lists) with their
 * own trace_dict_load_* functions *before* the dictionary is given to a
 * context; after that it must not change.
 * @return TRACE_OK, TRACE_ENOMEM. Ownership: caller holds one reference.
 */
TRACE_API TRACE_NODISCARD int trace_dict_new(trace_dict **out, const trace_allocator *alloc);
/** Take a reference (atomic). Returns d. */
TRACE_API trace_dict *trace_dict_ref(trace_dict *d);
/** Drop a reference (atomic); the last one frees. NULL is a no-op. */
TRACE_API void trace_dict_unref(trace_dict *d);

#ifdef __cplusplus
}
#endif
#endif
