/*
 * hash_int.h - internals shared by the hash, digest and signature files
 * (lib/hash*.c, lib/digest.c, lib/sign*.c).
 */
#ifndef TRACE_HASH_INT_H
#define TRACE_HASH_INT_H

#include "internal.h"
#include "libtrace/hash.h"
#include "libtrace/sign.h"

/* Timestamp treatment of a profile. */
typedef enum hash_ts {
    HASH_TS_ROUND_EVEN =
        0, /* truncate to microseconds, round half even to ms (Python round) */
    HASH_TS_ROUND_UP = 1, /* round half up to ms (CBV 2.1 text) */
    HASH_TS_TRUNC = 2,    /* truncate to ms */
    HASH_TS_MICRO = 3, /* MDAF "CBV2.0": pad to ms, keep microseconds when more digits */
    HASH_TS_EXACT = 4  /* document digest: UTC with all nine fraction digits */
} hash_ts;

/* Every pinned choice of a profile (spec/utds-3-integrity.md, section 2). */
typedef struct trace__hash_prof {
    const char *name;
    const char *ver;     /* "CBV2.0" or "CBV2.1" in the hash ID */
    const char *gs1_voc; /* expansion of the gs1: prefix */
    hash_ts ts;
    int py_numbers; /* 1: numbers as Python float() then str(); 0: exact decimal */
    int ref_layout; /* 1: the reference generator's layout (D3, sorted tail, leftovers) */
    int canon_ids;  /* 1: identifiers as canonical Digital Links; 0: as written */
} trace__hash_prof;

const trace__hash_prof *trace__hash_prof_get(trace_hash_profile p);
/* The strict canonicalisation of the document digest. */
const trace__hash_prof *trace__hash_prof_digest(void);

/* ---- identifiers (hash_ids.c) ---- */
/* Append the canonical Digital Link of s to b. Returns 1 converted, 0 not an
 * identifier it converts (nothing appended), TRACE_ENOMEM. */
int trace__hash_id_canon(trace__buf *b, const char *s, size_t n);

/* ---- values (hash_value.c) ---- */
/* Strip ASCII white space at both ends. */
void trace__hash_strip(const char **s, size_t *n);
/* Append the canonical form of a plain value (CBV URN -> Web URI, gs1:/cbv:
 * CURIEs, numbers, identifiers) to b. */
int trace__hash_value(trace__buf *b, const trace__hash_prof *pf, const char *s, size_t n);
/* Append the canonical form of a timestamp lexeme. */
int trace__hash_time(trace__buf *b, const trace__hash_prof *pf, const char *s, size_t n);
/* Append a CBV value (bizStep, disposition, types) as its Web URI. */
int trace__hash_vocab(trace__buf *b, const trace__hash_prof *pf, const trace_vocab *v,
                      trace_cbv_list list);
/* Exact decimal normalisation of a decimal/exponent literal; 0 when s is not one. */
int trace__hash_decimal(trace__buf *b, const char *s, size_t n);
/* Python float()/str() normalisation; 0 when Python's float() would not accept s
 * or when the result is not finite. */
int trace__hash_pyfloat(trace__buf *b, const char *s, size_t n);
/* Format UTC seconds+nanos as YYYY-MM-DDThh:mm:ss (no fraction, no zone). */
int trace__hash_civil(trace__buf *b, int64_t seconds);

/* ---- the pre-hash builder (hash_walk.c) ---- */
typedef struct trace__span {
    size_t off, len;
} trace__span;

typedef struct trace__hash_walk {
    const trace__hash_prof *pf;
    trace__buf out;     /* the pre-hash being built (used as a stack) */
    trace__span *spans; /* span stack for sorted groups */
    size_t nspans, capspans;
    const trace_allocator *alloc;
    char **exclude; /* copied exclusion names */
    size_t nexclude;
    int failed;
} trace__hash_walk;

void trace__hash_walk_init(trace__hash_walk *w, const trace_allocator *a,
                           const trace__hash_prof *pf);
void trace__hash_walk_free(trace__hash_walk *w);
/* Build the pre-hash of ev into w->out (reset first). */
int trace__hash_walk_event(trace__hash_walk *w, const trace_event *ev);
/* The supplement of an event for the document digest: the fields the event
 * hash leaves out (eventID, recordTime, errorDeclaration), canonical. */
int trace__hash_walk_supplement(trace__hash_walk *w, const trace_event *ev);
/* Master data, canonical (vocabularies, elements, attributes sorted). */
int trace__hash_walk_masterdata(trace__hash_walk *w, const trace_masterdata *md);

/* Sort spans [first, first+n) of w by the bytes they cover and rewrite them in
 * that order at the position of the first one. */
int trace__hash_sort_group(trace__hash_walk *w, size_t group_start, size_t first,
                           size_t n);
int trace__hash_span_push(trace__hash_walk *w, size_t off, size_t len);

/* ---- extension trees and sensors (hash_ext.c) ---- */
enum { HASH_EXT_ALL = 0, HASH_EXT_SLASH = 1, HASH_EXT_NOSLASH = 2 };
int trace__hash_is_comment(const trace_ext *x);
int trace__hash_ns_slash(trace_str ns);
int trace__hash_put_name(trace__hash_walk *w, trace_str ns, trace_str name);
int trace__hash_put_value(trace__hash_walk *w, trace_str v);
int trace__hash_ext_node(trace__hash_walk *w, const trace_ext *x);
size_t trace__hash_ext_items(trace__hash_walk *w, const trace_ext *x, size_t n, int mode);
size_t trace__hash_attrs(trace__hash_walk *w, const trace_sensor_attr *a, size_t na,
                         const trace_ext *x, size_t nx, int report, int leftovers);

/* ---- keys (sign_key.c) ---- */
int trace__key_sign(const trace_key *k, const char *msg, size_t n, unsigned char sig[64]);
/* 1 when sig verifies over msg with k's public key. */
int trace__key_verify(const trace_key *k, const char *msg, size_t n,
                      const unsigned char sig[64]);

/* ---- hex ---- */
void trace__hex(const unsigned char *in, size_t n, char *out);

#endif
