/*
 * jsonl_int.h - UTDS JSON Lines internals (spec/utds-3-jsonl.md), shared
 * with the CSV codec, which carries the same JSON forms in its "more" cell.
 *
 * Reading does not go through jansson: a small strict RFC 8259 parser
 * (jsonl_parse.c) builds a compact tree in the event arena whose numbers
 * are their lexemes and whose strings point into the input when they hold
 * no escape. So number spellings survive and nothing is allocated per value
 * beyond the arena.
 */
#ifndef TRACE_JSONL_INT_H
#define TRACE_JSONL_INT_H

#include "io_int.h"

/* ------------------------------------------------------------ tree */

typedef enum jv_kind {
    JV_NULL = 0,
    JV_FALSE,
    JV_TRUE,
    JV_NUM, /* s = the lexeme */
    JV_STR, /* s = the decoded text */
    JV_ARR, /* items[0..n) */
    JV_OBJ  /* keys[0..n), items[0..n), in source order */
} jv_kind;

typedef struct jv jv;
struct jv {
    jv_kind kind;
    uint32_t off; /* byte offset of the value in its text */
    trace_str s;
    jv *items;
    trace_str *keys;
    size_t n;
};

/* Parser scratch: value stacks reused across parses (no per-line malloc). */
typedef struct jv_parser {
    const trace_allocator *alloc;
    jv *stack;
    trace_str *kstack;
    size_t sp, cap;
    uint32_t max_depth;
    uint64_t max_string;
    size_t max_items;   /* values on the stack at once (0 = no limit) */
    /* error, when parse returns non-OK */
    const char *reason; /* static English reason for TR-JSONL-0001 */
    size_t err_off;
    int err_code;       /* TRACE__D_... to report */
    trace_str err_name; /* the duplicated member name (TRACE__D_JSONL_DUPLICATE) */
} jv_parser;

void jv_parser_init(jv_parser *p, const trace_allocator *alloc, const trace_limits *lim);
void jv_parser_free(jv_parser *p);
/*
 * Parse exactly one JSON value (surrounded by optional whitespace) from
 * text[0..n) into *out, allocating from arena. Strings without escapes
 * point into text, so text must outlive the tree.
 * Returns TRACE_OK, TRACE_EDATA (p->reason, p->err_off, p->err_code),
 * TRACE_ELIMIT (depth or string limit: p->err_code) or TRACE_ENOMEM.
 */
int jv_parse(jv_parser *p, trace__arena *arena, const char *text, size_t n, jv *out);

/* Member of an object by key, or NULL. */
const jv *jv_get(const jv *obj, const char *key);
/* Length of the valid UTF-8 sequence (2-4 bytes) starting at s with n bytes left; 0 if invalid. */
size_t jv_utf8_len(const unsigned char *s, size_t n);
/* 1 when s is a valid JSON number lexeme. */
int jv_is_number(trace_str s);

/* ------------------------------------------------------------ model from tree */

/* Where model-mapping problems go: a reader (and the text's line for positions). */
typedef struct jm_ctx {
    trace_reader *r;
    trace__arena *arena;
    uint32_t line;       /* line (JSONL) or row (CSV) of the text */
    uint32_t col_base;   /* column of text[0] minus 1 (CSV: 0; the cell's column is fixed) */
    int csv_column;      /* CSV: report this column instead of offsets (0 = JSONL) */
    int failed;          /* an allocation failed */
    uint64_t seen;       /* event members seen (bit per trace_field) */
    const jv *order;     /* the event's "order" member, applied at finish */
} jm_ctx;

trace_pos jm_pos(const jm_ctx *c, const jv *v);
/* Helpers shared by jsonl_model.c, jsonl_doc.c and the CSV reader. */
void jm_bad_type(jm_ctx *c, const jv *v, const char *member, const char *expected);
void jm_bad_time(jm_ctx *c, const jv *v, const char *field, trace_str lexeme);
void jm_unknown(jm_ctx *c, const jv *v, trace_str name);
void *jm_alloc(jm_ctx *c, size_t n, size_t size);
trace_str jm_str(jm_ctx *c, const jv *v, const char *member);
void jm_ext_array(jm_ctx *c, const jv *v, const char *member, trace_ext **out, size_t *n);
/* Map an event object into ev (members in source order). Returns TRACE_OK or TRACE_ENOMEM;
 * problems are reported as diagnostics and the event is still returned. */
int jm_event(jm_ctx *c, const jv *obj, trace_event *ev);
/* Map one member (key, value) of an event object; CSV uses it for its "more" cell. */
void jm_event_member(jm_ctx *c, trace_str key, const jv *v, trace_event *ev, int *seen_ext);
int jm_header(jm_ctx *c, const jv *obj, trace_header *h);
int jm_masterdata(jm_ctx *c, const jv *arr, trace_masterdata *md);
int jm_trailer(jm_ctx *c, const jv *obj, trace_trailer *t);
/* Finish the event after all members: classify type, parse times, fill order. */
void jm_event_finish(jm_ctx *c, trace_event *ev);

/* ------------------------------------------------------------ tree to JSON text */

typedef struct je_opts {
    trace_cbv_style cbv;
    int canonical;       /* canonical member order, no "order" member */
    int seq_canonical;   /* members in canonical order, "order" when the as-read one differs (CSV) */
} je_opts;

int je_str(trace__buf *b, trace_str s);
void je_ext_array(trace__buf *b, const trace_ext *ext, size_t n);
/* Write the members of an event (without braces), from member index. skip(field) = 1 leaves
 * a member out (CSV writes those in columns). Returns the number of members written. */
size_t je_event_members(trace__buf *b, const trace_event *ev, const je_opts *o,
                        int (*skip)(trace_field f, const trace_event *ev));
void je_header(trace__buf *b, const trace_header *h, const trace_masterdata *md);
void je_trailer(trace__buf *b, const trace_trailer *t);
/* 1 when the event holds field f (shared by the JSONL and CSV writers). */
int trace__event_has(const trace_event *ev, trace_field f);
size_t trace__member_seq(const trace_event *ev, int seq_canonical, trace_field *seq);
int trace__order_rebuilt(const trace_event *ev, const trace_field *seq, size_t n);
/* Write a vocab value in the chosen style as a JSON string. */
void je_vocab(trace__buf *b, const trace_vocab *v, trace_cbv_list list, trace_cbv_style st);

#endif
