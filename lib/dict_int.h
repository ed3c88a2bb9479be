/*
 * dict_int.h - internals shared by dict.c (lookups), dict_check.c (syntax of
 * paths, conditions and rule parts) and dict_local.c (local profiles).
 */
#ifndef TRACE_DICT_INT_H
#define TRACE_DICT_INT_H

#include "internal.h"
#include "libtrace/dict.h"

/* A loaded local profile: its descriptor, its rules, and the arena that owns
 * every string they point to. */
typedef struct trace__arena_blk trace__arena_blk;
typedef struct trace__local_profile {
    trace_profile prof;
    trace_rule *rules;
    size_t nrules;
    trace__arena_blk *arena;
} trace__local_profile;

/* What slot TRACE__SLOT_PROFILE of a trace_dict holds. */
typedef struct trace__local_set {
    trace__local_profile *p;
    size_t n;
} trace__local_set;

const trace__local_set *trace__dict_locals(const trace_dict *d);
/* National tables (dict.c). */
size_t trace__dict_national_rule_count(void);
const trace_rule *trace__dict_national_rule_at(size_t i);
size_t trace__dict_national_profile_count(void);
/* 1 when profile `name` is `anc` or descends from it (national or local). */
int trace__dict_profile_descends(const trace_dict *d, const char *name, const char *anc);

/* Parsing helpers (dict_check.c). Each returns 0 when s[0..len) is valid,
 * otherwise fills *diag (code and arguments; the caller sets the location)
 * and returns -1. */
int trace__dict_check_path(const trace_dict *d, const char *s, size_t len,
                           unsigned events, trace_diag *diag);
int trace__dict_check_schemes(const trace_dict *d, const char *s, size_t len,
                              trace_diag *diag);
int trace__dict_parse_kind(const char *s, size_t len, trace_rule_kind *out);
unsigned trace__dict_kind_nargs(trace_rule_kind k);
int trace__dict_parse_severity(const char *s, size_t len, trace_severity *out);
/* Parse one condition atom into c (path/value point into s: the caller copies). */
int trace__dict_parse_cond(const trace_dict *d, const char *s, size_t len,
                           unsigned events, trace_rule_cond *c, size_t *path_len,
                           size_t *value_len, trace_diag *diag);
/* Check the arguments of a rule of kind k; args[i] has length alen[i]. */
int trace__dict_check_args(const trace_dict *d, trace_rule_kind k, unsigned events,
                           const char *const *args, const size_t *alen, unsigned nargs,
                           long *number, trace_diag *diag);
/* Validate a whole rule (used by tests on the national tables). */
int trace__dict_check_rule(const trace_dict *d, const trace_rule *r, trace_diag *diag);

/* Relaxation checks of a local profile's rules (dict_relax.c): emit is
 * called with each TR-PROF diagnostic and the line of the offending rule. */
typedef void (*trace__relax_emit_fn)(void *payload, trace_diag *diag, uint32_t line);
void trace__dict_check_relax(const trace_dict *d, const char *extends,
                             const trace_rule *rules, const uint32_t *lines, size_t n,
                             trace__relax_emit_fn emit, void *payload);

#endif
