/*
 * validate_prof_int.h - internals of the profile layer (validator layer 6).
 */
#ifndef TRACE_VALIDATE_PROF_INT_H
#define TRACE_VALIDATE_PROF_INT_H

#include "validate_int.h"
#include "libtrace/dict.h"

/* One value found at a rule path. */
typedef struct trace__pval {
    trace_str v;           /* the value as text ("" for a present group or marker) */
    trace_pos pos;
    const trace_ext *node; /* extension node, or NULL */
    const trace_id *id;    /* identifier, or NULL */
} trace__pval;

/* Return nonzero to go on, 0 to stop. */
typedef int (*trace__pval_fn)(const trace__pval *pv, void *payload);

/* A rule path resolved once (when a rule plan is built), so that each event
 * costs a switch on a field id instead of parsing the path text again. */
enum { TRACE__CP_NONE, TRACE__CP_FIELD, TRACE__CP_EXT, TRACE__CP_ILMD };
typedef struct trace__cpath {
    unsigned char kind;  /* TRACE__CP_* */
    unsigned char field; /* FIELD: which EPCIS field (validate_paths.c) */
    const char *s;       /* EXT, ILMD: the "q1/q2" extension path, s[0..len) */
    size_t len;
    const char *want;    /* FIELD: the [type] filter want[0..wlen), or NULL */
    size_t wlen;
} trace__cpath;

/* Resolve path[0..len) (spec 7.3). out points into path: keep path alive. */
void trace__vprof_compile(const char *path, size_t len, trace__cpath *out);
/* Visit the values at a resolved path of the current event; returns how many. */
size_t trace__vprof_cvalues(trace__vrun *c, const trace__cpath *p, trace__pval_fn fn,
                            void *payload);
/* A rule in force with its paths resolved and its code list looked up, once. */
#define TRACE__MAX_ALT 8
typedef struct trace__crule {
    const trace_rule *r;
    trace__cpath cond[TRACE_RULE_MAX_COND]; /* r->cond[i].path */
    trace__cpath path[2];                   /* r->arg[0], r->arg[1] read as paths */
    trace__cpath alt[TRACE__MAX_ALT];       /* REQUIRE: the '|' alternatives of arg[0] */
    unsigned nalt;                          /* > TRACE__MAX_ALT: too many, walk the text */
    trace__cpath party[2];                  /* BOTH_PARTIES: sourceList[..], destinationList[..] */
    char party_text[2][128];                /* the text party[] points into */
    const trace_codelist *list;             /* CODELIST: arg[1]; QUANTITY: unece-rec20 */
} trace__crule;

/* Compile rule r into out (no allocation; out holds pointers into r and itself). */
void trace__vplan_compile(const trace_dict *d, const trace_rule *r, trace__crule *out);
/* The compiled rules in force for profile p, event-type bit and normalised
 * business step, built on first use and kept by the validator; NULL when
 * memory runs out (the caller then compiles rule by rule). */
const trace__crule *trace__vplan_get(trace_validator *v, const trace_profile *p, unsigned bit,
                                     const char *bizstep, size_t *n);

/* Visit the values at a rule path (spec 7.3) of the current event; returns how many. */
size_t trace__vprof_values(trace__vrun *c, const char *path, trace__pval_fn fn, void *payload);
/* Number of values present at path. */
size_t trace__vprof_count(trace__vrun *c, const char *path);
/* Does extension node e have the qualified name "utds:x" / "cbvmda:x"? */
int trace__vprof_ext_is(const trace_ext *e, const char *qname, size_t len);

const char *trace__vprof_bizstep(trace__vrun *c);
/* A diagnostic about rule r at path, severity from the rule; fill args, then trace__vemit. */
trace_diag *trace__vprof_diag(trace__vrun *c, const trace_rule *r, int code, trace_pos pos,
                              const char *path);

/* The master:KIND rules of the profile, over a document's master data. */
void trace__validate_master_rules(trace__vrun *c, const trace_masterdata *md);

/* Rule kinds implemented in validate_rules.c and validate_elements.c. */
void trace__vprof_scheme(trace__vrun *c, const trace_rule *r, const trace__cpath *p);
void trace__vprof_item_level(trace__vrun *c, const trace_rule *r);
void trace__vprof_codelist(trace__vrun *c, const trace_rule *r, const trace__cpath *p,
                           const trace_codelist *list);
void trace__vprof_date_order(trace__vrun *c, const trace_rule *r, const trace__cpath *a,
                             const trace__cpath *b);
void trace__vprof_gtin(trace__vrun *c, const trace_rule *r);
/* validate_family.c: the family of a UTDS trace code URI (fam: 2 characters and NUL). */
int trace__utc_family(trace_str raw, char fam[3]);
/* The profile of the event's first UTDS trace code (parentID, then the EPC lists), or NULL. */
const char *trace__vfamily_profile(const trace_event *ev);
/* Rule family-agrees: every trace code's family fits the event's profile (c->profile). */
void trace__vprof_family(trace__vrun *c, const trace_rule *r);
void trace__vprof_batch(trace__vrun *c, const trace_rule *r, const trace__cpath *p);
void trace__vprof_quantity(trace__vrun *c, const trace_rule *r, const trace_codelist *units);
void trace__vprof_master_known(trace__vrun *c, const trace_rule *r);
void trace__vprof_elements(trace__vrun *c, const trace_rule *r);

/* Is value valid under one of the "|"-separated schemes? 1 yes, 0 no (reason
 * filled from the scheme's first error), -1 no listed scheme is built in.
 * A UTDS URN is checked by the scheme it names. */
int trace__vprof_check_schemes(trace__vrun *c, const char *schemes, trace_str value,
                               char *reason, size_t size);

#endif
