/*
 * dump_int.h - the line writer shared by dump.c (values, extension trees)
 * and dump_model.c (events, header, master data, trailer).
 */
#ifndef TRACE_DUMP_INT_H
#define TRACE_DUMP_INT_H

#include <stdarg.h>
#include <stdio.h>

#include "internal.h"
#include "libtrace/dump.h"

typedef struct trace__dumper {
    trace_dump_fn fn;
    void *payload;
    unsigned flags;
    int rc;
    trace__buf line;
    char path[512];
    size_t plen;
} trace__dumper;

#define NORM(d) (((d)->flags & TRACE_DUMP_NORMALIZE) != 0)

/* A line is: begin (writes "path ="), tokens, end (writes it out). */
int trace__dump_begin(trace__dumper *d);
int trace__dump_end(trace__dumper *d);
int trace__dump_raw(trace__dumper *d, const char *text);
void trace__dump_tok(trace__dumper *d, const char *tok);
void trace__dump_qstr(trace__dumper *d, trace_str s);
void trace__dump_kv(trace__dumper *d, const char *key, trace_str s);
/* Append to the path; returns the length to restore with pop. */
size_t trace__dump_push(trace__dumper *d, const char *fmt, ...) TRACE_PRINTF(2, 3);
void trace__dump_pop(trace__dumper *d, size_t old);

/* One line per value; absent (empty) values print nothing. */
void trace__dump_pos(trace__dumper *d, const char *name, trace_pos pos);
void trace__dump_str(trace__dumper *d, const char *name, trace_str s);
void trace__dump_flag(trace__dumper *d, const char *name, int on);
void trace__dump_time(trace__dumper *d, const char *name, const trace_time *t);
void trace__dump_id(trace__dumper *d, const char *name, const trace_id *id);
void trace__dump_vocab(trace__dumper *d, const char *name, const trace_vocab *v);
void trace__dump_num(trace__dumper *d, const char *name, const trace_num *n);
void trace__dump_count(trace__dumper *d, const char *name, const char *what, size_t n);
void trace__dump_ext(trace__dumper *d, const char *name, const trace_ext *ext, size_t n);

/* Print order of n items (kind 0 ext nodes, 1 ext attrs, 2 sensor attrs). */
size_t *trace__dump_order(trace__dumper *d, size_t *stack, size_t nstack, const void *items,
                          size_t n, int kind);
void trace__dump_order_free(size_t *idx, const size_t *stack);

void trace__dump_event_body(trace__dumper *d, const trace_event *ev);
void trace__dump_header_body(trace__dumper *d, const trace_header *h);
void trace__dump_md_body(trace__dumper *d, const trace_masterdata *md);
void trace__dump_trailer_body(trace__dumper *d, const trace_trailer *t);

#endif
