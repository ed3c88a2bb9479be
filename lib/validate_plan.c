/*
 * validate_plan.c - rule plans for the profile layer. The rules in force for
 * an event depend only on its profile, event type and business step, and a
 * rule's paths only on its text; a document repeats the same few
 * combinations event after event. So the validator selects and compiles the
 * rules of each combination once (paths resolved to field ids, code lists
 * looked up) and then runs the plan for every event of that kind.
 */
#include <stdio.h>
#include <string.h>

#include "dict_int.h"
#include "validate_prof_int.h"

struct trace__vplan {
    const trace_profile *prof; /* key: profile, event bit, step, local profiles */
    unsigned bit;
    const char *bizstep;
    const trace__local_profile *locals;
    size_t nlocals;
    size_t n; /* compiled rules, in iteration order */
    trace__crule rules[];
};

static void compile_arg(const char *arg, trace__cpath *out)
{
    trace__vprof_compile(arg, arg ? strlen(arg) : 0, out);
}

/* The '|'-separated alternatives of a require rule, as rule_require reads them
 * (an alternative of 256 bytes or more is never looked at). */
static void compile_alts(const char *p, trace__crule *out)
{
    while (p && *p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k < 256) {
            if (out->nalt == TRACE__MAX_ALT) {
                out->nalt++; /* too many: the rule walks its text */
                return;
            }
            trace__vprof_compile(p, k, &out->alt[out->nalt++]);
        }
        p = e ? e + 1 : p + k;
    }
}

void trace__vplan_compile(const trace_dict *d, const trace_rule *r, trace__crule *out)
{
    unsigned i;
    memset(out, 0, sizeof(*out));
    out->r = r;
    for (i = 0; i < r->ncond && i < TRACE_RULE_MAX_COND; i++)
        compile_arg(r->cond[i].path, &out->cond[i]);
    compile_arg(r->arg[0], &out->path[0]);
    compile_arg(r->arg[1], &out->path[1]);
    switch (r->kind) {
    case TRACE_RULE_REQUIRE: compile_alts(r->arg[0], out); break;
    case TRACE_RULE_BOTH_PARTIES:
        /* the same text the rule looked up before plans existed, truncation included */
        snprintf(out->party_text[0], sizeof(out->party_text[0]), "sourceList[%s]",
                 r->arg[0] ? r->arg[0] : "(null)");
        snprintf(out->party_text[1], sizeof(out->party_text[1]), "destinationList[%s]",
                 r->arg[0] ? r->arg[0] : "(null)");
        compile_arg(out->party_text[0], &out->party[0]);
        compile_arg(out->party_text[1], &out->party[1]);
        break;
    case TRACE_RULE_CODELIST: out->list = trace_dict_codelist(d, r->arg[1]); break;
    case TRACE_RULE_QUANTITY: out->list = trace_dict_codelist(d, "unece-rec20"); break;
    default: break;
    }
}

static int plan_is(const trace__vplan *pl, const trace_profile *p, unsigned bit,
                   const char *bizstep, const trace__local_set *ls)
{
    return pl && pl->prof == p && pl->bit == bit && pl->bizstep == bizstep &&
           pl->locals == (ls ? ls->p : NULL) && pl->nlocals == (ls ? ls->n : 0);
}

static trace__vplan *plan_build(trace_validator *v, const trace_profile *p, unsigned bit,
                                const char *bizstep, const trace__local_set *ls)
{
    const trace_dict *d = trace_ctx_dict(v->ctx);
    trace_rule_iter it;
    const trace_rule *r;
    trace__vplan *pl;
    size_t n = 0;
    if (trace_rule_iter_init(&it, d, p->name, bit, bizstep) != TRACE_OK)
        return NULL;
    while (trace_rule_iter_next(&it))
        n++;
    pl = trace__malloc(v->alloc, sizeof(*pl) + n * sizeof(pl->rules[0]));
    if (!pl)
        return NULL;
    pl->prof = p, pl->bit = bit, pl->bizstep = bizstep;
    pl->locals = ls ? ls->p : NULL, pl->nlocals = ls ? ls->n : 0;
    pl->n = 0;
    trace_rule_iter_init(&it, d, p->name, bit, bizstep);
    while ((r = trace_rule_iter_next(&it)) != NULL && pl->n < n)
        trace__vplan_compile(d, r, &pl->rules[pl->n++]);
    return pl;
}

const trace__crule *trace__vplan_get(trace_validator *v, const trace_profile *p,
                                     unsigned bit, const char *bizstep, size_t *n)
{
    const trace__local_set *ls = trace__dict_locals(trace_ctx_dict(v->ctx));
    trace__vplan *pl;
    unsigned i;
    for (i = 0; i < TRACE__VPLAN_SLOTS; i++)
        if (plan_is(v->plans[i], p, bit, bizstep, ls)) {
            *n = v->plans[i]->n;
            return v->plans[i]->rules;
        }
    if (!(pl = plan_build(v, p, bit, bizstep, ls)))
        return NULL;
    i = v->plan_next++ % TRACE__VPLAN_SLOTS;
    trace__free(v->alloc, v->plans[i]);
    v->plans[i] = pl;
    *n = pl->n;
    return pl->rules;
}

void trace__vplan_free(trace_validator *v)
{
    unsigned i;
    for (i = 0; i < TRACE__VPLAN_SLOTS; i++) {
        trace__free(v->alloc, v->plans[i]);
        v->plans[i] = NULL;
    }
}
