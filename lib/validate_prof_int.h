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
void trace__vprof_scheme(trace__vrun *c, const trace_rule *r);
void trace__vprof_item_level(trace__vrun *c, const trace_rule *r);
void trace__vprof_codelist(trace__vrun *c, const trace_rule *r);
void trace__vprof_date_order(trace__vrun *c, const trace_rule *r);
void trace__vprof_gtin(trace__vrun *c, const trace_rule *r);
void trace__vprof_batch(trace__vrun *c, const trace_rule *r);
void trace__vprof_quantity(trace__vrun *c, const trace_rule *r);
void trace__vprof_master_known(trace__vrun *c, const trace_rule *r);
void trace__vprof_elements(trace__vrun *c, const trace_rule *r);

/* Is value valid under one of the "|"-separated schemes? 1 yes, 0 no (reason
 * filled from the scheme's first error), -1 no listed scheme is built in.
 * A UTDS URN is checked by the scheme it names. */
int trace__vprof_check_schemes(trace__vrun *c, const char *schemes, trace_str value,
                               char *reason, size_t size);

#endif
