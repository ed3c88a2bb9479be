/*
 * libtrace/conform.h - the conformance runner (UTDS conformance part).
 *
 * Vectors live in files "*.vec" under a directory tree (testvectors/ in the
 * source tree). Each case names an operation as a tracectl command line, its
 * input, and the exact expected exit status and output bytes; the format is
 * defined in spec/conformance.md. The library parses the vectors, runs each
 * case through an executor the caller supplies (tracectl supplies its own
 * command table, run in-process), compares, and reports in text, JSON or
 * JUnit XML.
 */
#ifndef LIBTRACE_CONFORM_H
#define LIBTRACE_CONFORM_H

#include <stdio.h>
#include "common.h"
#include "ctx.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Executes one case. argv[0] is the operation (a tracectl subcommand).
 * in: the case's standard input (may be empty); out/err: where to write.
 * @return the exit status the operation would give.
 */
typedef int (*trace_conform_exec_fn)(int argc, char **argv, FILE *in, FILE *out, FILE *err,
                                     void *payload);

typedef struct trace_conform_report trace_conform_report;

#define TRACE_CONFORM_OPTIONS_VERSION 1
typedef struct trace_conform_options {
    unsigned version;       /**< TRACE_CONFORM_OPTIONS_VERSION */
    const char *filter;     /**< run only cases whose id or part contains this, or NULL */
    int stop_on_failure;    /**< stop at the first failure */
    FILE *progress;         /**< where to print one line per failure as it happens, or NULL */
} trace_conform_options;
#define TRACE_CONFORM_OPTIONS_INIT {TRACE_CONFORM_OPTIONS_VERSION, NULL, 0, NULL}

/**
 * Run every vector file under dir (recursively, in sorted order).
 * @param ctx     context for the allocator, or NULL for the defaults
 * @param dir     root of the vector tree; its first level names the parts
 * @param opts    options, or NULL for TRACE_CONFORM_OPTIONS_INIT
 * @param exec    runs one case; called once per case, in order
 * @param payload passed to exec unchanged
 * @param report receives the report; free with trace_conform_report_free
 * @return TRACE_OK (even when cases fail: see the report), TRACE_EIO when
 *         dir cannot be read, TRACE_EDATA when a vector file is malformed
 *         (the report then holds the problem as a failed case), TRACE_ENOMEM
 *         (no report), TRACE_EINVAL (NULL dir, exec or report).
 * Ownership: the caller owns *report, also after TRACE_EIO and TRACE_EDATA.
 * Thread-safety: reentrant when exec is; the report is used by one thread
 * at a time.
 */
TRACE_API TRACE_NODISCARD int trace_conform_run(const trace_ctx *ctx, const char *dir,
                                                const trace_conform_options *opts,
                                                trace_conform_exec_fn exec, void *payload,
                                                trace_conform_report **report);
/** Free a report. NULL is a no-op. */
TRACE_API void trace_conform_report_free(trace_conform_report *r);
/** Number of cases that passed (0 for NULL). */
TRACE_API size_t trace_conform_report_passed(const trace_conform_report *r);
/** Number of cases that failed, malformed cases included (0 for NULL). */
TRACE_API size_t trace_conform_report_failed(const trace_conform_report *r);
/** Number of cases marked "skip:" (0 for NULL). */
TRACE_API size_t trace_conform_report_skipped(const trace_conform_report *r);
/**
 * Write the report: per-part summary and failures (fmt "text"), a JSON
 * object ("json") or JUnit XML ("junit"). The text form ends with the line
 * "N passed, N failed".
 * @return TRACE_OK, TRACE_EINVAL (unknown fmt), TRACE_EIO.
 */
TRACE_API int trace_conform_report_write(const trace_conform_report *r, const char *fmt,
                                         FILE *out);

#ifdef __cplusplus
}
#endif
#endif
