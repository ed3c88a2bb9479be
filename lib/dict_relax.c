/*
 * dict_relax.c - a local profile may add requirements, never relax national
 * ones (spec/utds-2-collection.md ). Each local rule is compared
 * with the national rules of the extended profile, its ancestors and its
 * descendants whose scope (event types, business steps) overlaps; every
 * attempt to weaken one is a TR-PROF diagnostic.
 */
#include <string.h>

#include "dict_int.h"

static int steps_overlap(const char *a, const char *b)
{
    const char *p = a;
    char w[64];
    if (!strcmp(a, "*") || !strcmp(b, "*"))
        return 1;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        const char *q = b;
        if (n < sizeof(w)) {
            memcpy(w, p, n), w[n] = '\0';
            while ((q = strstr(q, w)) != NULL) {
                if ((q == b || q[-1] == ',') && (q[n] == ',' || q[n] == '\0'))
                    return 1;
                q += n;
            }
        }
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

/* First scheme of `sub` ("a|b") missing from `set`, or NULL. */
static const char *scheme_outside(const char *sub, const char *set, size_t *n)
{
    const char *p = sub;
    for (;;) {
        const char *e = strchr(p, '|'), *q = set;
        int found = 0;
        *n = e ? (size_t)(e - p) : strlen(p);
        while (!found && *q) {
            const char *qe = strchr(q, '|');
            size_t qn = qe ? (size_t)(qe - q) : strlen(q);
            found = qn == *n && memcmp(q, p, qn) == 0;
            q = qe ? qe + 1 : q + qn;
        }
        if (!found)
            return p;
        if (!e)
            return NULL;
        p = e + 1;
    }
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* 1 when path `p` is one of the '|' alternatives of `alts`. */
static int is_alternative(const char *p, const char *alts)
{
    size_t n = strlen(p);
    const char *q = alts;
    while ((q = strstr(q, p)) != NULL) {
        if ((q == alts || q[-1] == '|') && (q[n] == '|' || q[n] == '\0'))
            return 1;
        q += n;
    }
    return 0;
}

typedef struct relax_ctx {
    const trace_rule *rules;
    const uint32_t *lines;
    trace__relax_emit_fn emit;
    void *payload;
} relax_ctx;

static void relax_diag(relax_ctx *st, size_t li, int code, const trace_rule *l,
                       const trace_rule *n)
{
    trace_diag diag;
    trace__diag_init(&diag, code);
    trace__diag_arg(&diag, "rule", l->id);
    trace__diag_arg(&diag, "national", n->id);
    if (code == TRACE__D_RELAX_TOLERANCE) {
        trace__diag_argf(&diag, "value", "%ld", l->number);
        trace__diag_argf(&diag, "national_value", "%ld", n->number);
    } else if (code == TRACE__D_CONFLICT_FORBID) {
        trace__diag_arg(&diag, "target", l->arg[0]);
    } else {
        trace__diag_arg(&diag, "kind", trace_rule_kind_name(n->kind));
        trace__diag_arg(&diag, "target", n->arg[0] ? n->arg[0] : n->bizsteps);
        trace__diag_arg(&diag, "severity", trace_severity_name(n->severity));
    }
    st->emit(st->payload, &diag, st->lines[li]);
}

static void relax_scheme(relax_ctx *st, size_t li, const trace_rule *l,
                         const trace_rule *n)
{
    const char *ls = l->kind == TRACE_RULE_SCHEME ? l->arg[1] : l->arg[0];
    const char *ns = n->kind == TRACE_RULE_SCHEME ? n->arg[1] : n->arg[0];
    size_t len;
    const char *bad = scheme_outside(ls, ns, &len);
    if (bad) {
        trace_diag diag;
        trace__diag_init(&diag, TRACE__D_RELAX_SCHEME);
        trace__diag_arg(&diag, "rule", l->id);
        trace__diag_arg(&diag, "national", n->id);
        trace__diag_argn(&diag, "scheme", bad, len);
        trace__diag_arg(&diag, "target",
                        n->kind == TRACE_RULE_SCHEME ? n->arg[0] : "items");
        st->emit(st->payload, &diag, st->lines[li]);
    }
}

/* Compare local rule li with national rule n of a related profile. */
static void relax_pair(relax_ctx *st, size_t li, const trace_rule *n)
{
    const trace_rule *l = &st->rules[li];
    int weaker = l->severity < n->severity;
    if (!(l->events & n->events) || !steps_overlap(l->bizsteps, n->bizsteps))
        return;
    if (n->kind == TRACE_RULE_REQUIRE && l->kind == TRACE_RULE_FORBID &&
        is_alternative(l->arg[0], n->arg[0]))
        relax_diag(st, li, TRACE__D_CONFLICT_FORBID, l, n);
    else if (n->kind == TRACE_RULE_REQUIRE && l->kind == TRACE_RULE_OPTIONAL &&
             same_str(l->arg[0], n->arg[0]))
        relax_diag(st, li, TRACE__D_RELAX_REQUIREMENT, l, n);
    else if (l->kind != n->kind)
        return;
    else if (l->kind == TRACE_RULE_EVENT_TIME && l->number > n->number)
        relax_diag(st, li, TRACE__D_RELAX_TOLERANCE, l, n);
    else if ((l->kind == TRACE_RULE_SCHEME && same_str(l->arg[0], n->arg[0])) ||
             l->kind == TRACE_RULE_ITEM_LEVEL)
        relax_scheme(st, li, l, n);
    else if (weaker && same_str(l->arg[0], n->arg[0]) && same_str(l->arg[1], n->arg[1]))
        relax_diag(st, li, TRACE__D_RELAX_REQUIREMENT, l, n);
}

void trace__dict_check_relax(const trace_dict *d, const char *extends,
                             const trace_rule *rules, const uint32_t *lines, size_t n,
                             trace__relax_emit_fn emit, void *payload)
{
    relax_ctx st;
    size_t i, k, nn = trace__dict_national_rule_count();
    st.rules = rules, st.lines = lines, st.emit = emit, st.payload = payload;
    for (i = 0; i < n; i++) /* diagnostics in line order */
        for (k = 0; k < nn; k++) {
            const trace_rule *nr = trace__dict_national_rule_at(k);
            if (trace__dict_profile_descends(d, extends, nr->profile) ||
                trace__dict_profile_descends(d, nr->profile, extends))
                relax_pair(&st, i, nr);
        }
}
