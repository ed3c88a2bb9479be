/*
 * csv_int.h - UTDS CSV internals (spec/utds-3-csv.md): the column table
 * shared by the reader (csv.c) and the writer (csv_write.c).
 */
#ifndef TRACE_CSV_INT_H
#define TRACE_CSV_INT_H

#include "jsonl_int.h"

/* How a column's cell is flattened. */
typedef enum csv_kind {
    CSV_K_TYPE,     /* event type name, or #header / #trailer */
    CSV_K_TIME,     /* a timestamp lexeme */
    CSV_K_STR,      /* a plain string (eventTimeZoneOffset, action) */
    CSV_K_ID,       /* one identifier */
    CSV_K_VOCAB,    /* a CBV value */
    CSV_K_LOCATION, /* readPoint / bizLocation id (only when no extensions) */
    CSV_K_IDS,      /* identifiers separated by one space */
    CSV_K_QTY,      /* class;quantity;uom items separated by one space */
    CSV_K_TYPED,    /* [type;]id items separated by one space */
    CSV_K_MORE      /* a JSON object with every other member */
} csv_kind;

typedef struct csv_col {
    const char *name;
    trace_field field; /* TRACE_F_COUNT for "more" */
    csv_kind kind;
} csv_col;

extern const csv_col trace__csv_cols[];
extern const size_t trace__csv_ncols;

/* 1 when the field of ev can be written in its own column (else it goes to "more"). */
int trace__csv_flat(trace_field f, const trace_event *ev);

/* The writer (csv_write.c). */
int trace__csv_w_open(trace_writer *w);
int trace__csv_w_header(trace_writer *w, const trace_header *h, const trace_masterdata *md);
int trace__csv_w_event(trace_writer *w, const trace_event *ev);
int trace__csv_w_close(trace_writer *w, const trace_trailer *t);
void trace__csv_w_free(trace_writer *w);

#endif
