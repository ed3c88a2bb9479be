/*
 * code_int.h - the scheme interface shared by lib/code.c and the scheme
 * implementations (lib/gs1*.c, lib/cn_*.c, ...).
 *
 * A scheme registers itself by defining, in any lib/ *.c file:
 *
 *     TRACE__SCHEME_DEFINE(uscc) = { {"uscc", ...info...}, parse, detect };
 *
 * The build greps lib/ *.c for TRACE__SCHEME_DEFINE(...) and generates the
 * registry (build/gen/schemes.inc), so adding a scheme touches no shared file.
 */
#ifndef TRACE_CODE_INT_H
#define TRACE_CODE_INT_H

#include "internal.h"

typedef struct trace__scheme {
    trace_code_scheme_info info;
    /* Parse and validate; fill res (already reset, res->scheme set). Return TRACE_OK
     * whatever the validity; res->valid is computed by the caller from the diags. */
    int (*parse)(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res);
    /* Cheap shape test for detection: 0 = cannot be this scheme, else a prior score
     * 1..100 and a static reason. NULL = the scheme is never detected (label only). */
    int (*detect)(const char *in, size_t len, const char **reason);
} trace__scheme;

#define TRACE__SCHEME_DEFINE(id) const trace__scheme trace__scheme_##id

/* Find a registered scheme by name. */
const trace__scheme *trace__scheme_find(const char *name);

/* ---- helpers for scheme implementations (no allocation) ---- */

/* Copy n bytes into res->text; NULL (and a RESULT_FULL diagnostic) when full. */
const char *trace__code_text(trace_code_result *res, const char *s, size_t n);
/* printf into res->text. */
const char *trace__code_textf(trace_code_result *res, const char *fmt, ...) TRACE_PRINTF(2, 3);
/* Add a field whose value is in[offset..offset+length) copied into text. NULL when full. */
trace_code_field *trace__code_field(trace_code_result *res, const char *in, const char *name,
                                    const char *title_en, const char *title_zh,
                                    size_t offset, size_t length, trace_code_kind kind);
/* Add a diagnostic with span [offset, offset+length). Returns a diag to fill with
 * args; when the result is full it returns a scratch diag and counts a drop. */
trace_diag *trace__code_diag(trace_code_result *res, int code, size_t offset, size_t length);
/* Is value valid under one of the "|"-separated schemes? 1 yes; 0 no (reason
 * filled with the scheme's first error, in the context's language); -1 cannot
 * tell (no scheme that fits the value's form is built in). res is scratch. */
int trace__code_check_list(const trace_ctx *ctx, trace_code_result *res, const char *schemes,
                           const char *value, size_t len, char *reason, size_t size);
/* A verdict cache the caller may supply: get returns -2 on a miss. scheme is a
 * registered scheme's static name. */
typedef struct trace__code_cache {
    int (*get)(void *payload, const char *scheme, const char *value, size_t len, char *reason,
               size_t size);
    void (*put)(void *payload, const char *scheme, const char *value, size_t len, int verdict,
                const char *reason);
    void *payload;
} trace__code_cache;
int trace__code_check_list_cached(const trace_ctx *ctx, trace_code_result *res,
                                  const char *schemes, const char *value, size_t len,
                                  char *reason, size_t size, const trace__code_cache *cache);
/* Recompute res->valid from the diagnostics. */
void trace__code_finish(trace_code_result *res);

#endif
