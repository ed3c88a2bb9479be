/*
 * libtrace/code.h - identifier schemes (UTDS Part 1, coding): parse,
 * validate, normalise, format and detect any trace code through one API.
 *
 * A scheme (e.g. "gs1", "gs1-dl", "uscc", "drug-trace") parses an input
 * string into a trace_code_result: the fields (segments or GS1 elements) with
 * their spans in the input, the canonical form, the URI form, and every
 * problem found as diagnostics. Parsing never allocates: the result is a
 * caller-owned struct with documented fixed capacities; exceeding one is a
 * TR-CODE diagnostic, never a silent truncation.
 *
 * Thread-safety: all functions are reentrant; a context may be shared.
 */
#ifndef LIBTRACE_CODE_H
#define LIBTRACE_CODE_H

#include "common.h"
#include "error.h"
#include "ctx.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_CODE_MAX_FIELDS 64   /**< fields per result */
#define TRACE_CODE_MAX_DIAGS 24    /**< diagnostics per result (more are counted) */
#define TRACE_CODE_TEXT_SIZE 8192  /**< bytes of text storage per result */
#define TRACE_CODE_MAX_INPUT 4096  /**< longest input accepted */

/** Kind of a field's typed value. */
typedef enum trace_code_kind {
    TRACE_CODE_TEXT = 0,     /**< plain text */
    TRACE_CODE_NUMERIC = 1,  /**< digits */
    TRACE_CODE_DATE = 2,     /**< typed = ISO 8601 date (YYYY-MM-DD, day 00 kept as "-00") */
    TRACE_CODE_DATETIME = 3, /**< typed = ISO 8601 date-time */
    TRACE_CODE_DECIMAL = 4,  /**< typed = exact decimal string; unit in unit */
    TRACE_CODE_CHECK = 5,    /**< a check character; typed = "ok", "bad" or "not-public" */
    TRACE_CODE_ENUM = 6      /**< a code from a list; typed = its meaning */
} trace_code_kind;

/** One field (GS1 element, component or scheme segment) of a parsed code. */
typedef struct trace_code_field {
    const char *name;     /**< GS1 AI ("01") or segment name ("region"); static or in text */
    const char *title_en; /**< English title (static or in text), may be "" */
    const char *title_zh; /**< Chinese title (static or in text), may be "" */
    const char *value;    /**< the value as read (in text) */
    const char *typed;    /**< typed rendering (in text), or NULL */
    const char *unit;     /**< unit or currency for decimals, or NULL */
    uint32_t offset;      /**< byte offset of the value in the input */
    uint32_t length;      /**< byte length of the value in the input */
    trace_code_kind kind;
    int parent;           /**< index of the parent field (GS1 component), or -1 */
    unsigned flags;       /**< TRACE_CODE_FIELD_* bits (@since 0.1: added last) */
} trace_code_field;

/** trace_code_field.flags: the GS1 element is in the 2D (CC) component of a composite symbol. */
#define TRACE_CODE_FIELD_CC 1u

#define TRACE_CODE_RESULT_VERSION 1

/**
 * Result of parsing one code. Caller-owned; initialise with
 * trace_code_result_init before the first use (parse functions reset it).
 */
typedef struct trace_code_result {
    unsigned version;          /**< TRACE_CODE_RESULT_VERSION */
    int valid;                 /**< 1 when no diagnostic of severity error */
    const char *scheme;        /**< scheme name (static) or NULL */
    const char *canonical;     /**< canonical form (in text) or NULL */
    const char *uri;           /**< URI form (in text) or NULL */
    const char *checks;        /**< checks that could not be made, e.g. "check: not public" (in text) or NULL */
    size_t nfields;
    trace_code_field fields[TRACE_CODE_MAX_FIELDS];
    size_t ndiags;             /**< stored diagnostics */
    size_t ndropped;           /**< diagnostics beyond TRACE_CODE_MAX_DIAGS */
    trace_diag diags[TRACE_CODE_MAX_DIAGS];
    size_t text_used;
    char text[TRACE_CODE_TEXT_SIZE];
} trace_code_result;

/** Reset a result (cheap: does not clear the arrays). */
TRACE_API void trace_code_result_init(trace_code_result *res);

/** Flags for trace_code_parse. */
enum trace_code_flags {
    TRACE_CODE_LENIENT = 1u << 0,        /**< report secondary checks as warnings (e.g. USCC org-code) */
    TRACE_CODE_PERMIT_UNKNOWN_AI = 1u << 1, /**< GS1: accept AIs not in the table */
    TRACE_CODE_NO_TITLES = 1u << 2,      /**< skip titles (faster) */
    TRACE_CODE_NO_FORMS = 1u << 3 /**< leave canonical and uri NULL (faster: for callers
                                        that need only validity, fields and diagnostics) */
};

/** Public description of a scheme. Static data. */
typedef struct trace_code_scheme_info {
    const char *name;       /**< short name, e.g. "uscc" */
    const char *title_en;   /**< "Unified Social Credit Code" */
    const char *title_zh;   /**< "统一社会信用代码" */
    const char *standard;   /**< "GB 32100-2015" or "" */
    const char *structure;  /**< one-line structure description */
    const char *example;    /**< a valid worked example */
    const char *extent;     /**< what is and is not checked, e.g. "structure; check not public" */
} trace_code_scheme_info;

/** Number of registered schemes. */
TRACE_API size_t trace_code_scheme_count(void);
/** Scheme i (0 <= i < count) or NULL. */
TRACE_API const trace_code_scheme_info *trace_code_scheme_at(size_t i);
/** Scheme by name or NULL. */
TRACE_API const trace_code_scheme_info *trace_code_scheme_find(const char *name);

/**
 * Parse and validate in[0..len) as scheme (by name). With scheme NULL the
 * best-ranked detected scheme is used (see trace_code_detect).
 * @return TRACE_OK (res->valid tells validity), TRACE_ENOTFOUND unknown
 *         scheme, TRACE_EINVAL bad arguments.
 */
TRACE_API int trace_code_parse(const trace_ctx *ctx, const char *scheme, const char *in,
                               size_t len, unsigned flags, trace_code_result *res);

/** One candidate of scheme detection. */
typedef struct trace_code_candidate {
    const char *scheme;  /**< scheme name (static) */
    int score;           /**< higher is more likely (0-100) */
    const char *reason;  /**< static English reason, e.g. "18 chars, GB 32100 check ok" */
} trace_code_candidate;

/**
 * Detect the schemes an unlabelled string validly parses as, best first.
 * @param out  array of max candidates
 * @param n    receives the number of candidates written
 * @return TRACE_OK (n may be 0), TRACE_EINVAL
 */
TRACE_API int trace_code_detect(const trace_ctx *ctx, const char *in, size_t len,
                                trace_code_candidate *out, size_t max, size_t *n);

/** Field of res named name (first match), or NULL. */
TRACE_API const trace_code_field *trace_code_result_field(const trace_code_result *res,
                                                          const char *name);

#ifdef __cplusplus
}
#endif
#endif
