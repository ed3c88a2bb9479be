/*
 * jsonld_int.h - internals of the EPCIS 2.0 JSON-LD codec (UTDS Part 3,
 * spec/utds-3-jsonld.md): the byte window and tokenizer (jsonld_scan.c),
 * the mapping from jansson values to the model (jsonld_map.c,
 * jsonld_event.c), the reader (jsonld_read.c) and the writer
 * (jsonld_write.c, jsonld_wevent.c).
 */
#ifndef TRACE_JSONLD_INT_H
#define TRACE_JSONLD_INT_H

#include <jansson.h>

#include "io_int.h"

/* The UTDS namespace of JSON-LD members ("utds:trailer", "utds:sbdh", ...). */
#define JL_UTDS_NS TRACE_UTDS_NS /* one UTDS namespace (libtrace/dict.h) */
#define JL_GS1_CONTEXT "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"
#define JL_XSI_NS "http://www.w3.org/2001/XMLSchema-instance"

/* ----------------------------------------------------------- byte window */

/*
 * A window over a byte source: p[0..n) are the bytes not yet dropped. fill()
 * makes more bytes available (p may move; offsets into the window stay
 * valid); drop() releases bytes at the start. The reader uses the stream of
 * the trace_reader; the @context pre-scan uses a second, independent source
 * over the same memory buffer or regular file.
 */
typedef struct jl_src jl_src;
struct jl_src {
    const unsigned char *p;
    size_t n;
    int eof;                     /* no more bytes after p[n-1] */
    int error;                   /* < 0 once the source failed */
    int (*fill)(jl_src *s, size_t want);
    void (*drop)(jl_src *s, size_t k);
    void *arg;
    uint32_t line, col;          /* position of p[0], 1-based */
};

int jl_fill(jl_src *s, size_t want); /* 1 when want bytes are there, 0 at end, < 0 error */
void jl_drop(jl_src *s, size_t k);   /* drop k bytes, keeping line/col */
trace_pos jl_pos_at(const jl_src *s, size_t i);

/* Source over the reader's own stream. */
void jl_src_main(jl_src *s, trace__in *in);

/* Independent source from the document start for the pre-scan: NULL when the input cannot be re-read. */
typedef struct jl_side jl_side;
jl_side *jl_side_open(trace_reader *r, jl_src *s);
void jl_side_close(trace_reader *r, jl_side *side);

/* ------------------------------------------------------------- tokenizer */

typedef struct jl_span {
    size_t off; /* from the start of the scanned value */
    size_t len;
} jl_span;

/* Number lexemes of one value, in document order. */
typedef struct jl_nums {
    jl_span *v;
    size_t n, cap;
    const trace_allocator *alloc;
} jl_nums;

enum {
    JL_OK = 0,
    JL_EOF = -100,    /* input ended inside a value */
    JL_SYNTAX = -101, /* unexpected byte */
    JL_DEPTH = -102,  /* nesting deeper than the limit */
    JL_BIG = -103,    /* value larger than the byte limit */
    JL_STRING = -104, /* a string longer than max_string */
    JL_NOMEM = -105
};

typedef struct jl_scan_limits {
    uint32_t depth0;     /* depth of the value's container */
    uint32_t max_depth;
    uint64_t max_bytes;  /* window size limit for a kept value (0 = none) */
    uint64_t max_string;
} jl_scan_limits;

/* Skip white space from *i; returns the next byte, -1 at end, or an error (< -1). */
int jl_ws(jl_src *s, size_t *i);
/* Scan the string at *i (which is '"'); *i ends after the closing quote. */
int jl_string(jl_src *s, size_t *i, uint64_t max_string);
/*
 * Scan one value starting at *i (after white space), keeping it in the
 * window; number lexeme spans (relative to the value start) go to nums
 * when not NULL.
 */
int jl_value(jl_src *s, size_t *i, jl_nums *nums, const jl_scan_limits *lim);
/* Skip one value starting at *i, dropping bytes as it goes (constant memory). */
int jl_skip(jl_src *s, size_t *i, const jl_scan_limits *lim);
void jl_nums_free(jl_nums *nums);

/* ------------------------------------------------------------ namespaces */

typedef struct jl_scope {
    const trace_ns *doc;   /* document @context terms */
    size_t ndoc;
    const trace_ns *ev;    /* event @context terms */
    size_t nev;
} jl_scope;

/* URI of prefix (document, event, then the EPCIS context's own terms); 0 when unknown. */
int jl_prefix_uri(const jl_scope *sc, const char *prefix, size_t plen, trace_str *uri);

/* ----------------------------------------------------- jansson -> model */

typedef struct jl_map {
    trace_reader *r;
    trace__arena *arena;
    const unsigned char *bytes;  /* bytes the number spans refer to */
    const jl_nums *nums;
    json_t **numv;               /* the number nodes, in document order */
    size_t nnum, numcap, cursor;
    json_t *numroot;             /* collected on the first lookup (NULL: done) */
    jl_scope scope;
    int64_t record;              /* event index, or -1 for the header */
    trace_pos pos;               /* where the value starts */
    /* The JSON pointer, built only when a diagnostic needs it: a base (the
       event list and index, or "" for the header) and a stack of segments. */
    const char *base;            /* NULL for "" */
    int64_t base_index;          /* appended to base when >= 0 */
    struct {
        const char *key;         /* NULL: an array index */
        size_t index;
    } seg[48];
    size_t nseg;
    int nomem;
} jl_map;

/* Pair the number nodes of root with their lexemes (document order), lazily:
   the tree is walked on the first lookup, so events without numbers cost nothing. */
int jl_map_numbers(jl_map *m, json_t *root);
/* The lexeme of number node v (copied into the arena). */
trace_str jl_num_lexeme(jl_map *m, json_t *v);
/* Path helpers: push a member name or an index; pop back to a saved length. */
size_t jl_path_key(jl_map *m, const char *key);
size_t jl_path_index(jl_map *m, size_t i);
void jl_path_pop(jl_map *m, size_t saved);
/* Report at the current path with up to two key/value arguments (NULL to stop). */
void jl_report(jl_map *m, int code, const char *k1, const char *v1, const char *k2,
               const char *v2);
/* The current JSON pointer into buf. */
const char *jl_path(const jl_map *m, char *buf, size_t size);
/* A trace_str as a C string in buf (truncated). */
const char *jl_cstr(char *buf, size_t size, trace_str s);
const char *jl_type_name(const json_t *v);
/* A string member value (borrowed from jansson); reports a type error otherwise. */
int jl_get_str(jl_map *m, json_t *v, const char *key, trace_str *out);
trace_str jl_str(json_t *v);
/* Split a member name into namespace, prefix and local name. */
void jl_qname(jl_map *m, const char *key, size_t klen, trace_str *ns, trace_str *prefix,
              trace_str *name, int warn);
/* One extension member (name, value) into nodes appended to *nodes. */
int jl_ext_member(jl_map *m, const char *key, json_t *v, trace_ext **nodes, size_t *n,
                  size_t *cap);
/* All members of object obj as extension nodes. */
int jl_ext_object(jl_map *m, json_t *obj, trace_ext **nodes, size_t *n);
/* Parse @context (string, object or array) into terms and URLs. */
int jl_context(jl_map *m, json_t *v, trace_ns **terms, size_t *nterms, trace_str **urls,
               size_t *nurls);
/* Read one event object into ev. */
int jl_event(jl_map *m, json_t *obj, trace_event *ev);
/* Read epcisHeader (master data, SBDH, extensions) into h and md. */
int jl_epcis_header(jl_map *m, json_t *obj, trace_header *h, trace_masterdata *md);

/* Growable arena arrays. */
void *jl_push(jl_map *m, void **arr, size_t *n, size_t *cap, size_t size);

/* ----------------------------------------------------------------- writer */

typedef struct jl_w {
    trace_writer *w;
    trace__out *o;
    int pretty;
    int depth;
    int first[64];               /* per depth: no member written yet */
    trace_ns *ns;                /* document prefixes in the written @context */
    size_t nns, nscap;
    trace_ns *evns;              /* prefixes added for the current event */
    size_t nevns, nevcap;
    char *scratch;
    size_t scratch_cap;
    int64_t record;
    char path[TRACE_DIAG_PATH_SIZE];
    size_t plen;
    int body_open;
    int query;
} jl_w;

void jl_w_open_obj(jl_w *j);
void jl_w_open_arr(jl_w *j);
void jl_w_close_obj(jl_w *j);
void jl_w_close_arr(jl_w *j);
void jl_w_key(jl_w *j, const char *k);
void jl_w_keyn(jl_w *j, const char *k, size_t n);
void jl_w_sep(jl_w *j); /* before an array item */
void jl_w_string(jl_w *j, trace_str s);
void jl_w_cstring(jl_w *j, const char *s);
void jl_w_raw(jl_w *j, trace_str s);
void jl_w_kv(jl_w *j, const char *k, trace_str v);
/* Write a member name for (ns, prefix, name); registers an event prefix when needed. */
void jl_w_qkey(jl_w *j, trace_str ns, trace_str prefix, trace_str name);
/* Write extension nodes (one JSON member per name, arrays regrouped). */
void jl_w_ext_members(jl_w *j, const trace_ext *nodes, size_t n);
/* Write the value of node x (object, string, number, ...). */
void jl_w_ext_value(jl_w *j, const trace_ext *x);
/* Collect prefixes an event needs that the document @context lacks. */
void jl_w_event_prefixes(jl_w *j, const trace_event *ev);
int jl_w_event(jl_w *j, const trace_event *ev);
size_t jl_w_path_key(jl_w *j, const char *k);
void jl_w_path_pop(jl_w *j, size_t saved);
void jl_w_loss(jl_w *j, int code, const char *what, const char *as);

void jl_w_need_tree(jl_w *j, const trace_ext *x, size_t n, int in_event);
void jl_w_need_sensor(jl_w *j, const trace_sensor_attr *a, size_t n, int in_event);
void jl_w_add_ns(jl_w *j, const char *pre, size_t k, trace_str uri, int in_event);
void jl_w_ext_group(jl_w *j, const trace_ext *x, size_t n, size_t i, unsigned char *done);

/* Codec entry points (registered in jsonld.c). */
int trace__jsonld_r_open(trace_reader *r);
int trace__jsonld_r_next(trace_reader *r, trace_event *ev);
void trace__jsonld_r_close(trace_reader *r);
int trace__jsonld_w_open(trace_writer *w);
int trace__jsonld_w_header(trace_writer *w, const trace_header *h, const trace_masterdata *md);
int trace__jsonld_w_event(trace_writer *w, const trace_event *ev);
int trace__jsonld_w_close(trace_writer *w, const trace_trailer *t);
void trace__jsonld_w_free(trace_writer *w);

#endif
