/*
 * msg_int.h - internals of the interface-message module.
 */
#ifndef TRACE_MSG_INT_H
#define TRACE_MSG_INT_H

#include <jansson.h>

#include "internal.h"
#include "libtrace/msg.h"

/* One row of spec/msg/fields.tsv. */
typedef struct trace__msg_field {
    const char *msg;        /* "submit", ... */
    const char *path;       /* "records[]/errors[]/code" */
    const char *type;       /* const string uri datetime int enum id object array event document */
    int required;
    const char *constraint; /* see the table's header */
    const char *desc;
} trace__msg_field;

extern const trace__msg_field trace__msg_fields[];
extern const size_t trace__msg_nfields;

/* The row of msg with this exact path, or NULL. */
const trace__msg_field *trace__msg_row(const char *msg, const char *path);

/* Validate an embedded EPCIS JSON-LD document / an array of events through
 * the JSON-LD reader and the validator; paths are re-rooted at ptr. */
void trace__msg_check_document(const trace_ctx *ctx, json_t *doc, const char *ptr,
                               const char *source, trace_diag_list *diags, size_t *errors);
void trace__msg_check_events(const trace_ctx *ctx, json_t *events, const char *ptr,
                             const char *source, trace_diag_list *diags, size_t *errors);

#endif
