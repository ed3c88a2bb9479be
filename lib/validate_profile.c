/*
 * validate_profile.c - validator layer 6: the UTDS profile of the event's
 * product family (spec/utds-2-collection.md section 7). Profiles and rules
 * are data in the dictionary; this file resolves rule paths on the model,
 * evaluates conditions, and implements one function per rule kind.
 */
#include <stdlib.h>
#include <string.h>

#include "validate_prof_int.h"

/* ------------------------------------------------------------ selection */

int trace__validate_profile_init(trace_validator *v)
{
    const char *name = v->opts.profile ? v->opts.profile : v->profile_name;
    v->profile = NULL;
    if (!name || !*name)
        return TRACE_OK;
    v->profile = trace_dict_profile(trace_ctx_dict(v->ctx), name);
    return v->profile ? TRACE_OK : TRACE_ENOTFOUND;
}

static const trace_md_attr *md_attr(const trace_md_element *el, const char *path, size_t len);

static const char *md_text(const trace_md_attr *a, char *buf, size_t size)
{
    if (!a || !a->value.len || a->value.len >= size)
        return NULL;
    memcpy(buf, a->value.s, a->value.len);
    buf[a->value.len] = '\0';
    return buf;
}

/* R-2.7.2: the caller's or the document's profile, else the family the
 * master data gives the event's product, else "base". */
static const char *event_profile(trace__vrun *c, char *buf, size_t size)
{
    const trace_validator *v = c->v;
    const trace_event *ev = c->ev;
    const trace_quantity_list *ql[] = {&ev->quantity_list, &ev->child_quantity_list,
                                       &ev->input_quantity_list, &ev->output_quantity_list};
    size_t i;
    if (v->profile)
        return ((const trace_profile *)v->profile)->name;
    for (i = 0; i < TRACE__ARRAY_LEN(ql); i++) {
        const trace_md_element *el;
        const char *name;
        if (!ql[i]->n)
            continue;
        el = trace_masterdata_find(v->md, ql[i]->items[0].epc_class.raw);
        if (!el)
            el = trace_masterdata_find(v->opts.master, ql[i]->items[0].epc_class.raw);
        name = md_text(md_attr(el, "utds:productSubfamily", 21), buf, size);
        if (!name)
            name = md_text(md_attr(el, "utds:productFamily", 18), buf, size);
        if (name && trace_dict_profile(trace_ctx_dict(v->ctx), name))
            return name;
        break;
    }
    /* a UTDS trace code names its product family (spec/cn/families.tsv) */
    {
        const char *fp = trace__vfamily_profile(ev);
        return fp && trace_dict_profile(trace_ctx_dict(v->ctx), fp) ? fp : "base";
    }
}

static unsigned event_bit(trace_event_type t)
{
    static const unsigned bits[] = {TRACE_EV_OBJECT, TRACE_EV_AGGREGATION, TRACE_EV_TRANSACTION,
                                    TRACE_EV_TRANSFORMATION, TRACE_EV_ASSOCIATION};
    return (unsigned)t < TRACE__ARRAY_LEN(bits) ? bits[t] : 0;
}

/* Normalised business step name ("shipping", "utds:slaughtering") or "". */
const char *trace__vprof_bizstep(trace__vrun *c)
{
    const trace_bizstep *b;
    const void *hit;
    if (c->bizstep)
        return c->bizstep;
    if (c->ev->biz_step.form == TRACE_CBV_NONE)
        return c->bizstep = "";
    if (trace__vmemo_get(c->v, TRACE__VM_BIZSTEP, c->ev->biz_step.raw.s, c->ev->biz_step.raw.len,
                         &hit, NULL))
        return c->bizstep = hit;
    b = trace_dict_bizstep(trace_ctx_dict(c->v->ctx), c->ev->biz_step.raw.s,
                           c->ev->biz_step.raw.len);
    c->bizstep = b ? b->name : "";
    trace__vmemo_put(c->v, TRACE__VM_BIZSTEP, c->ev->biz_step.raw.s, c->ev->biz_step.raw.len,
                     c->bizstep, 0);
    return c->bizstep;
}

/* ------------------------------------------------------------ conditions */

typedef struct match_ctx {
    const char *want;
    int found;
} match_ctx;

static int match_value(const trace__pval *pv, void *payload)
{
    match_ctx *m = payload;
    if (trace_str_eq(pv->v, m->want))
        m->found = 1;
    return !m->found;
}

static int cond_holds(trace__vrun *c, const trace__crule *cr)
{
    const trace_rule *r = cr->r;
    unsigned i;
    for (i = 0; i < r->ncond; i++) {
        const trace_rule_cond *k = &r->cond[i];
        const trace__cpath *p = &cr->cond[i];
        match_ctx m = {k->value, 0};
        switch (k->op) {
        case TRACE_COND_HAS:
            if (trace__vprof_cvalues(c, p, NULL, NULL) == 0)
                return 0;
            break;
        case TRACE_COND_NO:
            if (trace__vprof_cvalues(c, p, NULL, NULL) != 0)
                return 0;
            break;
        case TRACE_COND_EQ:
        case TRACE_COND_NE:
            trace__vprof_cvalues(c, p, match_value, &m);
            if ((k->op == TRACE_COND_EQ) != (m.found != 0))
                return 0;
            break;
        }
    }
    return 1;
}

/* ------------------------------------------------------------ reporting */

trace_diag *trace__vprof_diag(trace__vrun *c, const trace_rule *r, int code, trace_pos pos,
                              const char *path)
{
    trace_diag *d = trace__vdiag(c, code, pos, path, NULL, -1, NULL);
    d->severity = r->severity; /* the rule decides how serious a violation is */
    trace__diag_arg(d, "rule", r->id);
    trace__diag_arg(d, "profile", r->profile);
    trace__diag_arg(d, "path", path);
    return d;
}

/* ------------------------------------------------------------ rule kinds */

/* More alternatives than a compiled rule holds: read them from the text. */
static int any_alt_text(trace__vrun *c, const char *p)
{
    char alt[256];
    while (p && *p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k < sizeof(alt)) {
            memcpy(alt, p, k);
            alt[k] = '\0';
            if (trace__vprof_count(c, alt) > 0)
                return 1;
        }
        p = e ? e + 1 : p + k;
    }
    return 0;
}

static void rule_require(trace__vrun *c, const trace__crule *cr)
{
    const trace_rule *r = cr->r;
    unsigned i;
    if (cr->nalt > TRACE__MAX_ALT) {
        if (any_alt_text(c, r->arg[0]))
            return;
    } else {
        for (i = 0; i < cr->nalt; i++)
            if (trace__vprof_cvalues(c, &cr->alt[i], NULL, NULL) > 0)
                return;
    }
    trace__vemit(c, trace__vprof_diag(c, r, TRACE__D_PROFILE_REQUIRED, c->ev->pos, r->arg[0]));
}

static void rule_forbid(trace__vrun *c, const trace__crule *cr)
{
    const trace_rule *r = cr->r;
    if (trace__vprof_cvalues(c, &cr->path[0], NULL, NULL) > 0)
        trace__vemit(c, trace__vprof_diag(c, r, TRACE__D_PROFILE_FORBIDDEN, c->ev->pos,
                                          r->arg[0]));
}

static void rule_both_parties(trace__vrun *c, const trace__crule *cr)
{
    const trace_rule *r = cr->r;
    size_t src = trace__vprof_cvalues(c, &cr->party[0], NULL, NULL);
    size_t dst = trace__vprof_cvalues(c, &cr->party[1], NULL, NULL);
    if (!src || !dst) {
        trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_PARTIES, c->ev->pos,
                                          src ? "destinationList" : "sourceList");
        trace__diag_arg(d, "type", r->arg[0]);
        trace__vemit(c, d);
    }
}

static void rule_event_time(trace__vrun *c, const trace_rule *r)
{
    const trace_time *t = &c->ev->event_time;
    const trace_validator *v = c->v;
    /* eventTime <= recordTime and the default tolerance are layer 3's: only a
     * stricter tolerance adds a finding here. */
    if (!t->valid || r->number >= v->opts.future_tolerance ||
        t->seconds <= v->opts.now + r->number || t->seconds > v->opts.now + v->opts.future_tolerance)
        return;
    {
        trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_EVENT_TIME, t->pos, "eventTime");
        trace__diag_argn(d, "value", t->lexeme.s, t->lexeme.len);
        trace__diag_argf(d, "tolerance", "%ld", r->number);
        trace__vemit(c, d);
    }
}

static void run_rule(trace__vrun *c, const trace__crule *cr)
{
    const trace_rule *r = cr->r;
    if (!cond_holds(c, cr))
        return;
    switch (r->kind) {
    case TRACE_RULE_REQUIRE: rule_require(c, cr); break;
    case TRACE_RULE_FORBID: rule_forbid(c, cr); break;
    case TRACE_RULE_SCHEME: trace__vprof_scheme(c, r, &cr->path[0]); break;
    case TRACE_RULE_ITEM_LEVEL: trace__vprof_item_level(c, r); break;
    case TRACE_RULE_CODELIST: trace__vprof_codelist(c, r, &cr->path[0], cr->list); break;
    case TRACE_RULE_DATE_ORDER: trace__vprof_date_order(c, r, &cr->path[0], &cr->path[1]); break;
    case TRACE_RULE_EVENT_TIME: rule_event_time(c, r); break;
    case TRACE_RULE_GTIN_AGREES: trace__vprof_gtin(c, r); break;
    case TRACE_RULE_BATCH_AGREES: trace__vprof_batch(c, r, &cr->path[0]); break;
    case TRACE_RULE_QUANTITY: trace__vprof_quantity(c, r, cr->list); break;
    case TRACE_RULE_BOTH_PARTIES: rule_both_parties(c, cr); break;
    case TRACE_RULE_MASTER_KNOWN:
        if (!(c->v->opts.flags & TRACE_VALIDATE_NO_MASTER))
            trace__vprof_master_known(c, r);
        break;
    case TRACE_RULE_ELEMENTS: trace__vprof_elements(c, r); break;
    case TRACE_RULE_FAMILY_AGREES: trace__vprof_family(c, r); break;
    case TRACE_RULE_OPTIONAL:
    case TRACE_RULE_ACTION_REQUIRED:  /* enforced for every event by layer 3 */
    case TRACE_RULE_ILMD_ADD_ONLY:    /* idem */
    case TRACE_RULE_PARENT_REQUIRED:  /* idem */
    case TRACE_RULE_KIND_COUNT:
        break;
    }
}

void trace__validate_profile(trace__vrun *c)
{
    const trace_dict *d = trace_ctx_dict(c->v->ctx);
    const trace_profile *p;
    const trace__crule *plan;
    const char *step;
    char name[64];
    unsigned bit = event_bit(c->ev->type);
    size_t n, i;
    if (!bit)
        return;
    p = c->v->profile ? c->v->profile : trace_dict_profile(d, event_profile(c, name, sizeof(name)));
    if (!p)
        return;
    c->profile = p;
    step = trace__vprof_bizstep(c);
    if ((plan = trace__vplan_get(c->v, p, bit, step, &n)) != NULL) {
        for (i = 0; i < n; i++)
            run_rule(c, &plan[i]);
    } else { /* no memory for a plan: compile each rule as it comes */
        trace_rule_iter it;
        const trace_rule *r;
        trace__crule cr;
        if (trace_rule_iter_init(&it, d, p->name, bit, step) != TRACE_OK)
            return;
        while ((r = trace_rule_iter_next(&it)) != NULL) {
            trace__vplan_compile(d, r, &cr);
            run_rule(c, &cr);
        }
    }
}

/* ------------------------------------------------------------ master data */

/* The master-data kind of a vocabulary type (R-2.7.3), as a TRACE_EV_MASTER_* bit. */
static unsigned md_kind(trace_str type)
{
    if (trace_str_eq(type, TRACE_UTDS_NS "vtype/Party"))
        return TRACE_EV_MASTER_PARTY;
    if (trace_str_eq(type, "urn:epcglobal:epcis:vtype:EPCClass"))
        return TRACE_EV_MASTER_PRODUCT;
    if (trace_str_eq(type, "urn:epcglobal:epcis:vtype:Location") ||
        trace_str_eq(type, "urn:epcglobal:epcis:vtype:BusinessLocation") ||
        trace_str_eq(type, "urn:epcglobal:epcis:vtype:ReadPoint"))
        return TRACE_EV_MASTER_LOCATION;
    return 0;
}

/* Attribute of el named by a rule path ("utds:x" or "cbvmda:x"), or NULL. The
 * attribute id may be the full URI (XML) or the CURIE as written (JSON-LD). */
static const trace_md_attr *md_attr(const trace_md_element *el, const char *path, size_t len)
{
    const char *ns;
    size_t plen, i;
    if (len > 5 && !memcmp(path, "utds:", 5))
        ns = TRACE_UTDS_NS, plen = 5;
    else if (len > 7 && !memcmp(path, "cbvmda:", 7))
        ns = "urn:epcglobal:cbv:mda#", plen = 7;
    else
        return NULL;
    for (i = 0; el && i < el->nattrs; i++) {
        trace_str id = el->attrs[i].id;
        size_t nl = strlen(ns), local = len - plen;
        if ((id.len == len && !memcmp(id.s, path, len)) ||
            (id.len == nl + local && !memcmp(id.s, ns, nl) && !memcmp(id.s + nl, path + plen, local)))
            return &el->attrs[i];
    }
    return NULL;
}

static int md_present(const trace_md_attr *a)
{
    return a && (a->value.len || a->ntree);
}

static int md_cond_holds(const trace_md_element *el, const trace_rule *r)
{
    unsigned i;
    for (i = 0; i < r->ncond; i++) {
        const trace_rule_cond *k = &r->cond[i];
        const trace_md_attr *a = md_attr(el, k->path, strlen(k->path));
        int eq = a && trace_str_eq(a->value, k->value);
        if ((k->op == TRACE_COND_HAS && !md_present(a)) ||
            (k->op == TRACE_COND_NO && md_present(a)) || (k->op == TRACE_COND_EQ && !eq) ||
            (k->op == TRACE_COND_NE && eq))
            return 0;
    }
    return 1;
}

static void md_report(trace__vrun *c, const trace_rule *r, int code, size_t vi, size_t ei,
                      const trace_md_element *el, const char *attr, const trace_md_attr *a)
{
    char field[160];
    trace_diag *d;
    snprintf(field, sizeof(field), "epcisHeader/epcisMasterData/vocabularyList/%zu/"
                                   "vocabularyElementList/%zu/%s",
             vi, ei, attr);
    d = trace__vprof_diag(c, r, code, a ? a->pos : el->pos, field);
    trace__diag_arg(d, "path", attr);
    trace__diag_argn(d, "element", el->id.s, el->id.len);
    if (a)
        trace__diag_argn(d, "value", a->value.s, a->value.len);
    if (r->arg[1])
        trace__diag_arg(d, code == TRACE__D_PROFILE_CODELIST ? "list" : "schemes", r->arg[1]);
    trace__vemit(c, d);
}

static void md_rule(trace__vrun *c, const trace_rule *r, size_t vi, size_t ei,
                    const trace_md_element *el)
{
    const trace_md_attr *a;
    const char *p = r->arg[0];
    char reason[256], code[128];
    if (!md_cond_holds(el, r))
        return;
    switch (r->kind) {
    case TRACE_RULE_REQUIRE:
        while (p && *p) {
            const char *e = strchr(p, '|');
            size_t k = e ? (size_t)(e - p) : strlen(p);
            if (md_present(md_attr(el, p, k)))
                return;
            p = e ? e + 1 : p + k;
        }
        md_report(c, r, TRACE__D_PROFILE_REQUIRED, vi, ei, el, r->arg[0], NULL);
        break;
    case TRACE_RULE_FORBID:
        if (md_present(a = md_attr(el, p, strlen(p))))
            md_report(c, r, TRACE__D_PROFILE_FORBIDDEN, vi, ei, el, p, a);
        break;
    case TRACE_RULE_CODELIST: {
        const trace_codelist *l = trace_dict_codelist(trace_ctx_dict(c->v->ctx), r->arg[1]);
        a = md_attr(el, p, strlen(p));
        if (!l || !a || !a->value.len || a->value.len >= sizeof(code))
            break;
        memcpy(code, a->value.s, a->value.len);
        code[a->value.len] = '\0';
        if (!trace_codelist_value(l, code))
            md_report(c, r, TRACE__D_PROFILE_CODELIST, vi, ei, el, p, a);
        break;
    }
    case TRACE_RULE_SCHEME:
        a = md_attr(el, p, strlen(p));
        if (a && a->value.len &&
            trace__vprof_check_schemes(c, r->arg[1], a->value, reason, sizeof(reason)) == 0)
            md_report(c, r, TRACE__D_PROFILE_SCHEME, vi, ei, el, p, a);
        break;
    default:
        break; /* the other kinds are about events */
    }
}

void trace__validate_master_rules(trace__vrun *c, const trace_masterdata *md)
{
    const trace_validator *v = c->v;
    const char *name = v->profile ? ((const trace_profile *)v->profile)->name : "base";
    size_t vi, ei;
    for (vi = 0; md && vi < md->nvocabularies; vi++) {
        const trace_vocabulary *voc = &md->vocabularies[vi];
        unsigned bit = md_kind(voc->type);
        for (ei = 0; bit && ei < voc->nelements; ei++) {
            trace_rule_iter it;
            const trace_rule *r;
            if (trace_rule_iter_init(&it, trace_ctx_dict(v->ctx), name, bit, NULL) != TRACE_OK)
                return;
            while ((r = trace_rule_iter_next(&it)) != NULL)
                md_rule(c, r, vi, ei, &voc->elements[ei]);
        }
    }
}
