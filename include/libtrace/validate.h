/*
 * libtrace/validate.h - the UTDS validator (UTDS Part 2, collection).
 *
 * Layers, each written once on the model so it holds for every encoding:
 *   1. well-formedness and limits       (the readers)
 *   2. the binding's structure          (rules equivalent to the EPCIS XSD / JSON Schema)
 *   3. EPCIS semantics                  (action, ilmd, parent, transformation, times ...)
 *   4. CBV level                        (compliant or compatible)
 *   5. identifiers                      (every identifier through the code module)
 *   6. the UTDS profile of the family   (element dictionary, profiles, local profiles)
 *
 * Every problem is a diagnostic with a stable code, the event index, the
 * path of the field (JSON pointer or XPath-like, per options) and the
 * position the reader recorded. Validation never stops at the first problem.
 *
 * Threads: a validator belongs to one thread; create one per thread from a
 * shared context.
 */
#ifndef LIBTRACE_VALIDATE_H
#define LIBTRACE_VALIDATE_H

#include "common.h"
#include "ctx.h"
#include "error.h"
#include "event.h"
#include "io.h"

#ifdef __cplusplus
extern "C" {
#endif

/** CBV conformance level (CBV 2.0 section 5). */
typedef enum trace_cbv_level {
    TRACE_LEVEL_COMPATIBLE = 0, /**< other vocabularies allowed beside CBV */
    TRACE_LEVEL_COMPLIANT = 1   /**< CBV values only; bizStep required */
} trace_cbv_level;

/** How diagnostic paths are written. */
typedef enum trace_path_style {
    TRACE_PATH_JSON = 0, /**< JSON pointer: /epcisBody/eventList/3/epcList/0 */
    TRACE_PATH_XML = 1   /**< XPath-like: EPCISBody/EventList/ObjectEvent[4]/epcList/epc[1] */
} trace_path_style;

/** Layers that can be switched off. */
enum trace_validate_flags {
    TRACE_VALIDATE_NO_IDS = 1u << 0,     /**< skip layer 5 */
    TRACE_VALIDATE_NO_PROFILE = 1u << 1, /**< skip layer 6 */
    TRACE_VALIDATE_NO_MASTER = 1u << 2   /**< skip master-data reference checks (layer 5 and
                                              the profiles' master-known rules) */
};

#define TRACE_VALIDATE_OPTIONS_VERSION 1
typedef struct trace_validate_options {
    unsigned version;               /**< TRACE_VALIDATE_OPTIONS_VERSION */
    trace_cbv_level level;
    trace_path_style path_style;
    const char *profile;            /**< UTDS family profile, or NULL: the header's, else none */
    int64_t now;                    /**< "now" in Unix seconds for the future check; 0 = clock */
    int64_t future_tolerance;       /**< seconds an eventTime may lie in the future; 0 = 300 */
    const trace_masterdata *master; /**< extra master data (e.g. from --master FILE), or NULL */
    uint32_t flags;                 /**< trace_validate_flags */
} trace_validate_options;
#define TRACE_VALIDATE_OPTIONS_INIT                                                       \
    {TRACE_VALIDATE_OPTIONS_VERSION, TRACE_LEVEL_COMPATIBLE, TRACE_PATH_JSON, NULL, 0, 0, \
     NULL, 0}

typedef struct trace_validator trace_validator;

/**
 * Create a validator.
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM, TRACE_ENOTFOUND (unknown profile).
 * Ownership: caller owns *out (trace_validator_free); ctx and opts->master
 * must outlive it; opts is copied.
 */
TRACE_API TRACE_NODISCARD int trace_validator_new(trace_validator **out, const trace_ctx *ctx,
                                                  const trace_validate_options *opts);
/** Free. NULL is a no-op. */
TRACE_API void trace_validator_free(trace_validator *v);

/**
 * Validate the document header and remember its master data for reference
 * checks (md may be NULL). Call before the events of a document.
 * @return TRACE_OK when no error was found, TRACE_EDATA otherwise.
 */
TRACE_API int trace_validate_header(trace_validator *v, const trace_header *hdr,
                                    const trace_masterdata *md, trace_diag_list *diags);

/**
 * Validate one event (for ERP systems that validate before they send).
 * Allocates nothing for a clean event.
 * @return TRACE_OK when no error was found, TRACE_EDATA otherwise.
 */
TRACE_API int trace_validate_event(trace_validator *v, const trace_event *ev,
                                   trace_diag_list *diags);

/** Totals of a stream validation. */
typedef struct trace_validate_summary {
    uint64_t events;        /**< events read */
    uint64_t invalid;       /**< events with at least one error */
    uint64_t errors;        /**< error and fatal diagnostics (reader + validator) */
    uint64_t warnings;
    uint64_t bytes;         /**< input bytes consumed */
} trace_validate_summary;

/** Progress callback for long streams: called about every 10,000 events. */
typedef void (*trace_progress_fn)(uint64_t events, uint64_t bytes, uint64_t total_bytes,
                                  void *payload);

/**
 * Read a whole stream and validate it: header, every event, reader
 * diagnostics included. The reader's format chooses the path style unless
 * the options say otherwise.
 * @return TRACE_OK (valid), TRACE_EDATA (problems found; see diags),
 *         TRACE_EIO, TRACE_ENOMEM.
 */
TRACE_API int trace_validate_stream(trace_validator *v, trace_reader *r,
                                    trace_diag_list *diags, trace_validate_summary *sum,
                                    trace_progress_fn progress, void *payload);

#ifdef __cplusplus
}
#endif
#endif
