/*
 * libtrace/error.h - diagnostics: the stable error catalogue, the diagnostic
 * record, and the caller-owned diagnostic list.
 *
 * A diagnostic describes a problem found in *input data* (a code, a record, a
 * document). Each has a stable identifier from the UTDS error catalogue
 * (spec/errors/ *.tsv), e.g. "TR-CHK-0001", a severity, a location and named
 * arguments that fill the placeholders of the English and Chinese messages.
 * Catalogue identifiers and numbers are pinned: they are never reused.
 *
 * Functions that examine input report *every* problem they can find, into a
 * trace_diag_list the caller owns.
 */
#ifndef LIBTRACE_ERROR_H
#define LIBTRACE_ERROR_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Severity of a diagnostic. */
typedef enum trace_severity {
    TRACE_SEV_INFO = 0,    /**< information, never makes input invalid */
    TRACE_SEV_WARNING = 1, /**< suspicious, but the input stays valid */
    TRACE_SEV_ERROR = 2,   /**< the input is invalid */
    TRACE_SEV_FATAL = 3    /**< the input cannot be read any further */
} trace_severity;

/** Name of a severity: "info", "warning", "error", "fatal". */
TRACE_API const char *trace_severity_name(trace_severity sev);

/** One entry of the compiled-in error catalogue. All strings are static. */
typedef struct trace_catalogue_entry {
    int code;                /**< pinned number: area*10000 + n */
    const char *id;          /**< pinned identifier, e.g. "TR-CHK-0001" */
    trace_severity severity; /**< default severity */
    const char *name;        /**< symbolic name, e.g. "CHECK_MISMATCH" */
    const char *en;          /**< English message with {named} placeholders */
    const char *zh;          /**< Chinese message with {named} placeholders */
    const char *explain;     /**< one-paragraph English explanation */
} trace_catalogue_entry;

/** Number of entries in the catalogue. */
TRACE_API size_t trace_catalogue_count(void);
/** Entry at index i (0 <= i < count), or NULL. Borrowed, static. */
TRACE_API const trace_catalogue_entry *trace_catalogue_at(size_t i);
/** Entry with this identifier ("TR-CHK-0001", case-insensitive), or NULL. */
TRACE_API const trace_catalogue_entry *trace_catalogue_find(const char *id);
/** Entry with this number, or NULL. */
TRACE_API const trace_catalogue_entry *trace_catalogue_get(int code);

#define TRACE_DIAG_MAX_ARGS 10
#define TRACE_DIAG_ARG_SIZE 96
#define TRACE_DIAG_PATH_SIZE 192
#define TRACE_DIAG_SOURCE_SIZE 128

/** A named argument of a diagnostic (fills "{key}" in the message). */
typedef struct trace_diag_arg {
    const char *key;                  /**< static string, e.g. "ai" */
    char value[TRACE_DIAG_ARG_SIZE];  /**< truncated with "..." when longer */
} trace_diag_arg;

/**
 * Where a diagnostic points. Unknown numeric fields are 0 (line, column,
 * length) or -1 (offset, record). Lines and columns are 1-based; columns count
 * bytes. For codes, offset/length delimit the offending span of the input.
 */
typedef struct trace_loc {
    char source[TRACE_DIAG_SOURCE_SIZE]; /**< file name, "-" for stdin, "" */
    uint32_t line;                       /**< 1-based line, 0 unknown */
    uint32_t column;                     /**< 1-based byte column, 0 unknown */
    int64_t offset;                      /**< byte offset, -1 unknown */
    uint32_t length;                     /**< span length in bytes, 0 unknown */
    int64_t record;                      /**< 0-based record (event) index, -1 none */
    char path[TRACE_DIAG_PATH_SIZE];     /**< JSON pointer, XPath-like path or CSV column */
} trace_loc;

/** A diagnostic. Plain data: copy it freely. */
typedef struct trace_diag {
    int code;                  /**< catalogue number */
    const char *id;            /**< catalogue identifier (static) */
    trace_severity severity;   /**< effective severity (may differ from the catalogue default) */
    trace_loc loc;             /**< location */
    unsigned nargs;            /**< number of arguments in use */
    trace_diag_arg args[TRACE_DIAG_MAX_ARGS];
    char reserved[32];         /**< room to grow; zero */
} trace_diag;

/** Initialise a location to "unknown". */
TRACE_API void trace_loc_init(trace_loc *loc);

/**
 * Value of the argument named key, or NULL.
 */
TRACE_API const char *trace_diag_arg_get(const trace_diag *d, const char *key);

/**
 * Render the message of d in lang, substituting its arguments, into buf.
 * Placeholders without a value render as "?".
 * @return the length the full message needs (like snprintf); buf is always
 *         NUL-terminated when size > 0.
 * Thread-safety: safe.
 */
TRACE_API size_t trace_diag_message(const trace_diag *d, trace_lang lang, char *buf,
                                    size_t size);

/* ------------------------------------------------------------------------ */

/** Opaque growable list of diagnostics, owned by the caller. */
typedef struct trace_diag_list trace_diag_list;

/** Callback invoked for each diagnostic as it is added (before the cap applies). */
typedef void (*trace_diag_fn)(const trace_diag *d, void *payload);

/**
 * Create a list that keeps at most cap diagnostics (0 = 10000). Diagnostics
 * beyond the cap are counted (trace_diag_list_dropped) but not stored.
 * @param out   receives the list; free with trace_diag_list_free
 * @param alloc allocator, or NULL for malloc
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM
 * Ownership: the caller owns *out. Thread-safety: one thread at a time.
 */
TRACE_API TRACE_NODISCARD int trace_diag_list_new(trace_diag_list **out, size_t cap,
                                                  const trace_allocator *alloc);
/** Free the list. NULL is a no-op. */
TRACE_API void trace_diag_list_free(trace_diag_list *list);
/** Remove every diagnostic and reset the counters (keeps the callback). */
TRACE_API void trace_diag_list_clear(trace_diag_list *list);
/**
 * Set a callback run for every added diagnostic (NULL to remove). With
 * keep == 0 the list stores nothing and only counts: for streaming output.
 */
TRACE_API void trace_diag_list_set_callback(trace_diag_list *list, trace_diag_fn fn,
                                            void *payload, int keep);
/**
 * Copy d into the list (and run the callback).
 * @return TRACE_OK; TRACE_ELIMIT when the cap was reached (d is counted as
 *         dropped); TRACE_ENOMEM.
 */
TRACE_API int trace_diag_list_add(trace_diag_list *list, const trace_diag *d);
/** Number of stored diagnostics. */
TRACE_API size_t trace_diag_list_count(const trace_diag_list *list);
/** Stored diagnostic i, or NULL. Borrowed: valid until the list changes. */
TRACE_API const trace_diag *trace_diag_list_at(const trace_diag_list *list, size_t i);
/** Number of diagnostics added with severity >= sev (stored or not). */
TRACE_API size_t trace_diag_list_count_severity(const trace_diag_list *list,
                                                trace_severity sev);
/** Number of diagnostics not stored because of the cap. */
TRACE_API size_t trace_diag_list_dropped(const trace_diag_list *list);
/** True (1) when any diagnostic of severity error or fatal was added. */
TRACE_API int trace_diag_list_has_errors(const trace_diag_list *list);

#ifdef __cplusplus
}
#endif
#endif
