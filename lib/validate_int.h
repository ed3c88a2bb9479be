/*
 * validate_int.h - internals shared by the validator's files.
 */
#ifndef TRACE_VALIDATE_INT_H
#define TRACE_VALIDATE_INT_H

#include "internal.h"
#include "libtrace/validate.h"

typedef struct trace__vcache trace__vcache;
typedef struct trace__vplan trace__vplan;
typedef struct trace__vmemo trace__vmemo;
#define TRACE__VPLAN_SLOTS 8

struct trace_validator {
    const trace_ctx *ctx;
    const trace_allocator *alloc;
    trace_validate_options opts;
    char source[TRACE_DIAG_SOURCE_SIZE];
    const trace_masterdata *md;       /* the document's master data (borrowed) */
    char profile_name[64];            /* profile from the header when opts has none */
    const void *profile;              /* resolved profile (dict module), or NULL */
    trace_code_result *code;          /* scratch for identifier checks, allocated once */
    trace__vcache *cache;             /* identifier verdicts (validate_cache.c) */
    int lexical_checked;              /* a reader already reported bad time stamps, offsets
                                       * and actions (TR-EVT): do not report them twice */
    const trace_str **sort;           /* scratch for duplicate detection */
    size_t sort_cap;
    trace__vplan *plans[TRACE__VPLAN_SLOTS]; /* compiled profile rules (validate_plan.c) */
    unsigned plan_next;               /* slot the next new plan replaces */
    struct {
        char name[32];                /* scheme name (len - 1 bytes; slot empty when len == 0) */
        size_t len;
        const trace_code_scheme_info *info;
    } schemes[4];                     /* registry look-ups of layer 5 (validate_ids.c) */
    unsigned schemes_next;
    trace__vmemo *memo;               /* vocabulary look-ups (validate_cache.c) */
};

/* One validation run over one event (or the header when ev is NULL). */
typedef struct trace__vrun {
    trace_validator *v;
    const trace_event *ev;
    trace_diag_list *diags;
    const char *source;
    size_t errors, warnings;
    const char *bizstep;              /* normalised bizStep, computed once per event */
    const struct trace_profile *profile; /* the event's profile while its rules run */
    const char *sdt[2][8];            /* normalised source/destination types, once per event
                                       * (NULL: not computed yet; "" : not a CBV type) */
    trace_diag scratch;
} trace__vrun;

/* Path of a field: field name, list item element name (XML) and index (-1 none), sub-field. */
void trace__vpath(const trace__vrun *c, char *buf, size_t size, const char *field,
                  const char *item, long index, const char *sub);
/* Start a diagnostic about field[index]/sub at pos; add args, then trace__vemit. */
trace_diag *trace__vdiag(trace__vrun *c, int code, trace_pos pos, const char *field,
                         const char *item, long index, const char *sub);
void trace__vemit(trace__vrun *c, trace_diag *d);
/* One-shot: diagnostic with at most one argument. */
void trace__vreport(trace__vrun *c, int code, trace_pos pos, const char *field,
                    const char *item, long index, const char *key, trace_str value);

/* Layers. */
void trace__validate_structure(trace__vrun *c);
void trace__validate_semantics(trace__vrun *c);
void trace__validate_cbv(trace__vrun *c);
void trace__validate_ids(trace__vrun *c);
void trace__validate_master(trace__vrun *c);
void trace__validate_profile(trace__vrun *c);
int trace__validate_profile_init(trace_validator *v);
void trace__vplan_free(trace_validator *v); /* the compiled rule plans */
void trace__validate_master_rules(trace__vrun *c, const trace_masterdata *md);

/* Identifier verdict cache: -2 miss, else 1/0/-1 with the reason and its code.
 * kind separates verdicts of one scheme (TRACE__VC_SCHEME, schemes = the
 * registry's name) from verdicts of a profile rule's scheme list
 * (TRACE__VC_LIST). schemes is keyed by address: it must live as long as
 * the validator (static or dictionary). */
enum { TRACE__VC_SCHEME = 0, TRACE__VC_LIST = 1 };
int trace__vcache_get(trace_validator *v, int kind, const char *schemes, trace_str id,
                      char *reason, size_t size, const char **code);
void trace__vcache_put(trace_validator *v, int kind, const char *schemes, trace_str id,
                       int verdict, const char *reason, const char *code);

/* trace_code_scheme_find, remembered per validator (validate_ids.c). */
const trace_code_scheme_info *trace__vscheme_info(trace_validator *v, const char *name);

/* Memo of pure dictionary look-ups on short strings (a business step, a CBV
 * term): documents repeat the same few values in every event. tag names the
 * look-up (TRACE__VM_*). get returns 1 and fills *val / *ival on a hit. */
enum { TRACE__VM_BIZSTEP = 1, TRACE__VM_TERM = 2, TRACE__VM_ELEMENT = 3, TRACE__VM_CBV_VALUE = 16 };
int trace__vmemo_get(trace_validator *v, int tag, const char *s, size_t len, const void **val,
                     int *ival);
void trace__vmemo_put(trace_validator *v, int tag, const char *s, size_t len, const void *val,
                      int ival);

/* CBV terms (compiled from spec/cbv/terms.tsv). */
int trace__cbv_is_term(trace_cbv_list list, trace_str term);

#endif
