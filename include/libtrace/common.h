/*
 * libtrace/common.h - export macros, attributes and status codes shared by
 * every libtrace header.
 *
 * Every fallible libtrace function returns an int: TRACE_OK (0) on success,
 * a small positive value for a special but normal event (TRACE_EOF), or a
 * negative TRACE_E* status. Details about *input* problems never travel in
 * the status: they are diagnostics (see libtrace/error.h).
 */
#ifndef LIBTRACE_COMMON_H
#define LIBTRACE_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(TRACE_STATIC)
#define TRACE_API
#elif defined(_WIN32)
#ifdef TRACE_BUILDING
#define TRACE_API __declspec(dllexport)
#else
#define TRACE_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define TRACE_API __attribute__((visibility("default")))
#else
#define TRACE_API
#endif

#if defined(__GNUC__)
#define TRACE_NODISCARD __attribute__((warn_unused_result))
#define TRACE_NONNULL(...) __attribute__((nonnull(__VA_ARGS__)))
#define TRACE_DEPRECATED(msg) __attribute__((deprecated(msg)))
#define TRACE_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define TRACE_NODISCARD
#define TRACE_NONNULL(...)
#define TRACE_DEPRECATED(msg)
#define TRACE_PRINTF(a, b)
#endif

/** Status codes returned by libtrace functions. Values are pinned forever. */
enum trace_status {
    TRACE_OK = 0,            /**< success */
    TRACE_EOF = 1,           /**< end of stream: no more records (not an error) */
    TRACE_EINVAL = -1,       /**< API misuse: bad argument */
    TRACE_ENOMEM = -2,       /**< allocation failed */
    TRACE_EIO = -3,          /**< read or write failed */
    TRACE_EDATA = -4,        /**< the input is invalid; diagnostics say why */
    TRACE_ELIMIT = -5,       /**< a documented limit was reached */
    TRACE_EUNSUPPORTED = -6, /**< feature or format not supported */
    TRACE_EVERIFY = -7,      /**< a verification (check, MAC, signature) failed */
    TRACE_ENOTFOUND = -8,    /**< the named thing does not exist */
    TRACE_EBUFS = -9         /**< the caller's buffer is too small */
};

/** Languages for user-facing messages. */
typedef enum trace_lang {
    TRACE_LANG_EN = 0, /**< English */
    TRACE_LANG_ZH = 1  /**< Simplified Chinese */
} trace_lang;

/**
 * Allocator hooks, per context. All three functions must be set; opaque is
 * passed back unchanged. Thread-safety: the hooks must be safe to call from
 * every thread that uses a context created with them.
 *
 * Note: libxml2 and jansson allocate through their own global hooks; libtrace
 * never changes those, so memory they use internally bypasses this allocator.
 */
typedef struct trace_allocator {
    void *(*malloc_fn)(size_t size, void *opaque);
    void *(*realloc_fn)(void *ptr, size_t size, void *opaque);
    void (*free_fn)(void *ptr, void *opaque);
    void *opaque;
} trace_allocator;

/**
 * Return a static, NUL-terminated description of a status code.
 * @param status a TRACE_OK, TRACE_EOF or TRACE_E* value
 * @param lang   language of the text
 * @return text in static storage; "unknown status" for other values.
 * Thread-safety: safe.
 */
TRACE_API const char *trace_strerror(int status, trace_lang lang);

/**
 * Parse a language name ("en", "zh", "zh_CN.UTF-8", "C", ...).
 * @return TRACE_LANG_ZH when name starts with "zh", else TRACE_LANG_EN.
 */
TRACE_API trace_lang trace_lang_from_name(const char *name);

/**
 * Free memory that a libtrace function documented as "free with trace_free".
 * Such memory comes from the default allocator (malloc). NULL is a no-op.
 */
TRACE_API void trace_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif
