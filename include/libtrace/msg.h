/*
 * libtrace/msg.h - UTDS Part 4 interface messages (接口报文): submit, receipt,
 * query, query-result and recall, exchanged between an enterprise system and
 * a trace platform. Messages are JSON objects defined as data in
 * spec/msg/fields.tsv; the same table drives the native validator here and
 * the JSON Schemas that trace_msg_schema() prints.
 *
 * Threads: all functions are reentrant; a receipt belongs to one thread.
 */
#ifndef LIBTRACE_MSG_H
#define LIBTRACE_MSG_H

#include <stdio.h>

#include "common.h"
#include "ctx.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Message kinds. */
typedef enum trace_msg_type {
    TRACE_MSG_UNKNOWN = 0,
    TRACE_MSG_SUBMIT = 1,       /**< utds:Submit: a document sent for capture */
    TRACE_MSG_RECEIPT = 2,      /**< utds:Receipt: accepted / partial / rejected, per event */
    TRACE_MSG_QUERY = 3,        /**< utds:Query: trace up- or downstream */
    TRACE_MSG_QUERY_RESULT = 4, /**< utds:QueryResult: events and chain links, paged */
    TRACE_MSG_RECALL = 5        /**< utds:Recall: recall notice (召回通知) */
} trace_msg_type;

/** Short name ("submit", "receipt", "query", "query-result", "recall") or NULL. */
TRACE_API const char *trace_msg_type_name(trace_msg_type t);
/** Type by short name or by "type" value ("utds:Recall"). @return TRACE_OK or TRACE_ENOTFOUND. */
TRACE_API int trace_msg_type_from_name(const char *name, trace_msg_type *out);

/**
 * Validate one message: JSON syntax, the field table (required members,
 * types, constants, enumerations, ranges, array sizes, any-of groups),
 * identifiers through their code schemes, and the embedded EPCIS document
 * or events through the JSON-LD reader and the validator when built in.
 * Diagnostics are TR-MSG-* (and the document's own) with JSON pointers.
 * @param type receives the message type (may be NULL)
 * @return TRACE_OK (valid), TRACE_EDATA (problems; see diags), TRACE_EINVAL.
 */
TRACE_API int trace_msg_validate(const trace_ctx *ctx, const char *json, size_t len,
                                 const char *source, trace_diag_list *diags,
                                 trace_msg_type *type);

/**
 * Write the JSON Schema (draft-07) of a message type, generated from the
 * same field table the validator uses.
 * @return TRACE_OK, TRACE_EINVAL, TRACE_EIO.
 */
TRACE_API int trace_msg_schema(trace_msg_type t, FILE *out);

/* ---------------------------------------------------------------- receipts */

typedef struct trace_receipt trace_receipt;

/**
 * Start a receipt answering message in_reply_to.
 * @param rollback 1: any error rejects the whole document (EPCIS
 *                 captureErrorBehaviour "rollback"); 0: "proceed"
 * Strings are copied. Ownership: caller frees with trace_receipt_free.
 */
TRACE_API TRACE_NODISCARD int trace_receipt_new(trace_receipt **out, const trace_ctx *ctx,
                                                const char *message_id,
                                                const char *in_reply_to, const char *created,
                                                int rollback);
/**
 * Add a diagnostic: those with a record index go to that event's entry,
 * others to documentErrors. Only warnings and worse are kept.
 * @return TRACE_OK, TRACE_ENOMEM, TRACE_ELIMIT (beyond the context's max_diags).
 */
TRACE_API int trace_receipt_add(trace_receipt *r, const trace_diag *d);
/** Set the number of events received. */
TRACE_API void trace_receipt_set_received(trace_receipt *r, uint64_t received);
/** Write the receipt message (one JSON object and a newline). */
TRACE_API int trace_receipt_write(const trace_receipt *r, FILE *out);
/** Free. NULL is a no-op. */
TRACE_API void trace_receipt_free(trace_receipt *r);

/**
 * The platform side of a capture in one call: validate a utds:Submit
 * message (and its document) and write the utds:Receipt answering it, with
 * the verdict under its captureErrorBehaviour (default rollback).
 * @return TRACE_OK (a receipt was written, whatever its status),
 *         TRACE_EINVAL, TRACE_ENOMEM, TRACE_EIO.
 */
TRACE_API int trace_msg_receipt(const trace_ctx *ctx, const char *json, size_t len,
                                const char *source, const char *message_id,
                                const char *created, FILE *out);

#ifdef __cplusplus
}
#endif
#endif
