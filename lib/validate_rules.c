/*
 * validate_rules.c - the profile rule kinds that check values: scheme,
 * item-level, codelist, date-order, gtin-agrees, batch-agrees, quantity,
 * master-known (spec/utds-2-collection.md 7.4).
 */
#include <stdio.h>
#include <string.h>

#include "validate_prof_int.h"
#include "code_int.h"

/* ------------------------------------------------------------ schemes */

static trace_code_result *scratch(trace__vrun *c)
{
    trace_validator *v = c->v;
    if (!v->code)
        v->code = trace__malloc(v->alloc, sizeof(*v->code));
    return v->code;
}

/* Parse value under one scheme; 1 valid, 0 invalid, -1 scheme not built in. */
static int parse_as(trace__vrun *c, const char *scheme, trace_str value)
{
    trace_code_result *res = scratch(c);
    if (!res || !trace_code_scheme_find(scheme))
        return -1;
    trace_code_parse(c->v->ctx, scheme, value.s, value.len,
                     TRACE_CODE_NO_TITLES | TRACE_CODE_NO_FORMS, res);
    return res->valid;
}

static int cache_get(void *payload, const char *scheme, const char *value, size_t len,
                     char *reason, size_t size)
{
    trace_str id = {value, len};
    return trace__vcache_get(payload, TRACE__VC_SCHEME, scheme, id, reason, size, NULL);
}

static void cache_put(void *payload, const char *scheme, const char *value, size_t len,
                      int verdict, const char *reason)
{
    trace_str id = {value, len};
    trace__vcache_put(payload, TRACE__VC_SCHEME, scheme, id, verdict, reason, NULL);
}

/* Does the '|'-separated list name scheme? */
static int list_names(const char *list, const char *scheme, size_t n)
{
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && !memcmp(p, scheme, n))
            return 1;
        p = e ? e + 1 : p + k;
    }
    return 0;
}

/* A Digital Link fits the "gs1-dl" scheme of a list and an EPC URN the "epc"
 * scheme, no other (code_list.c): when layer 5 has already judged the value
 * under that scheme, that verdict (and reason) is the list's. -2 otherwise. */
static int one_scheme_verdict(trace__vrun *c, const char *schemes, trace_str value, char *reason,
                              size_t size)
{
    trace_id_form form = trace_id_classify(value);
    const char *name = form == TRACE_ID_DL ? "gs1-dl" : form == TRACE_ID_EPC_URN ? "epc" : NULL;
    const trace_code_scheme_info *info;
    int verdict;
    if (!name || !list_names(schemes, name, strlen(name)) ||
        !(info = trace__vscheme_info(c->v, name)))
        return -2;
    verdict = trace__vcache_get(c->v, TRACE__VC_SCHEME, info->name, value, reason, size, NULL);
    if (verdict == 1)
        reason[0] = '\0';
    return verdict;
}

/* Each (scheme, identifier) is parsed once per validator: layer 5 and the profile
 * rules share the verdict cache, keyed by the scheme's static name. */
int trace__vprof_check_schemes(trace__vrun *c, const char *schemes, trace_str value,
                               char *reason, size_t size)
{
    trace__code_cache cache = {cache_get, cache_put, NULL};
    trace_code_result *res = scratch(c);
    int verdict;
    if (!res)
        return -1;
    cache.payload = c->v;
    /* Recurring values (parties, places) skip the list walk. Only verdicts without a
     * reason are kept: callers read the reason of an invalid value alone. */
    verdict = schemes ? trace__vcache_get(c->v, TRACE__VC_LIST, schemes, value, NULL, 0, NULL)
                      : -2;
    if (verdict == 1 || verdict == -1) {
        reason[0] = '\0';
        return verdict;
    }
    if (schemes && (verdict = one_scheme_verdict(c, schemes, value, reason, size)) != -2)
        return verdict;
    verdict = trace__code_check_list_cached(c->v->ctx, res, schemes, value.s, value.len, reason,
                                            size, &cache);
    if (verdict != 0 && schemes)
        trace__vcache_put(c->v, TRACE__VC_LIST, schemes, value, verdict, "", NULL);
    return verdict;
}

typedef struct scheme_ctx {
    trace__vrun *c;
    const trace_rule *r;
} scheme_ctx;

static int scheme_value(const trace__pval *pv, void *payload)
{
    scheme_ctx *s = payload;
    char reason[256];
    if (trace__vprof_check_schemes(s->c, s->r->arg[1], pv->v, reason, sizeof(reason)) == 0) {
        trace_diag *d = trace__vprof_diag(s->c, s->r, TRACE__D_PROFILE_SCHEME, pv->pos,
                                          s->r->arg[0]);
        trace__diag_argn(d, "value", pv->v.s, pv->v.len);
        trace__diag_arg(d, "schemes", s->r->arg[1]);
        trace__diag_arg(d, "reason", reason);
        trace__vemit(s->c, d);
    }
    return 1;
}

void trace__vprof_scheme(trace__vrun *c, const trace_rule *r, const trace__cpath *p)
{
    scheme_ctx s = {c, r};
    trace__vprof_cvalues(c, p, scheme_value, &s);
}

/* ------------------------------------------------------------ item level */

/* An instance (not a class) identifier? */
static int instance_level(trace__vrun *c, const trace_id *id)
{
    if (id->form == TRACE_ID_EPC_URN)
        return id->raw.len > 11 && !memcmp(id->raw.s, "urn:epc:id:", 11);
    if (id->form == TRACE_ID_DL) {
        trace_code_result *res = scratch(c);
        if (parse_as(c, "gs1-dl", id->raw) != 1)
            return 1; /* the scheme check reports it */
        return !trace_code_result_field(res, "01") || trace_code_result_field(res, "21") ||
               trace_code_result_field(res, "235");
    }
    return 1;
}

static const trace_id_list *item_list(const trace_event *ev, int second)
{
    switch (ev->type) {
    case TRACE_EVENT_OBJECT:
    case TRACE_EVENT_TRANSACTION: return second ? NULL : &ev->epc_list;
    case TRACE_EVENT_AGGREGATION:
    case TRACE_EVENT_ASSOCIATION: return second ? NULL : &ev->child_epcs;
    case TRACE_EVENT_TRANSFORMATION: return second ? &ev->output_epcs : &ev->input_epcs;
    case TRACE_EVENT_EXTENSION: break;
    }
    return NULL;
}

/* Name of the list item_list(ev, second) returns. */
static const char *item_field(const trace_event *ev, int second)
{
    if (ev->type == TRACE_EVENT_TRANSFORMATION)
        return second ? "outputEPCList" : "inputEPCList";
    if (ev->type == TRACE_EVENT_AGGREGATION || ev->type == TRACE_EVENT_ASSOCIATION)
        return "childEPCs";
    return "epcList";
}

void trace__vprof_item_level(trace__vrun *c, const trace_rule *r)
{
    const trace_id_list *l;
    size_t total = 0, i;
    int k;
    char reason[256];
    for (k = 0; k < 2; k++) {
        if (!(l = item_list(c->ev, k)))
            continue;
        for (i = 0; i < l->n; i++, total++) {
            const trace_id *id = &l->items[i];
            if (trace__vprof_check_schemes(c, r->arg[0], id->raw, reason, sizeof(reason)) != 0 &&
                instance_level(c, id))
                continue;
            {
                trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_ITEM_LEVEL, id->pos,
                                                  item_field(c->ev, k));
                trace__diag_arg(d, "schemes", r->arg[0]);
                trace__diag_argn(d, "value", id->raw.s, id->raw.len);
                trace__vemit(c, d);
            }
        }
    }
    if (total == 0) {
        trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_ITEM_LEVEL, c->ev->pos,
                                          item_field(c->ev, 0));
        trace__diag_arg(d, "schemes", r->arg[0]);
        trace__vemit(c, d);
    }
}

/* ------------------------------------------------------------ code lists */

typedef struct list_ctx {
    trace__vrun *c;
    const trace_rule *r;
    const trace_codelist *list;
} list_ctx;

static int codelist_value(const trace__pval *pv, void *payload)
{
    list_ctx *l = payload;
    char code[128];
    if (memchr(pv->v.s, ':', pv->v.len)) /* a UTDS or other URI: not this rule's business */
        return 1;
    if (pv->v.len >= sizeof(code))
        return 1;
    memcpy(code, pv->v.s, pv->v.len);
    code[pv->v.len] = '\0';
    if (!trace_codelist_value(l->list, code)) {
        trace_diag *d = trace__vprof_diag(l->c, l->r, TRACE__D_PROFILE_CODELIST, pv->pos,
                                          l->r->arg[0]);
        trace__diag_arg(d, "value", code);
        trace__diag_arg(d, "list", l->r->arg[1]);
        trace__vemit(l->c, d);
    }
    return 1;
}

void trace__vprof_codelist(trace__vrun *c, const trace_rule *r, const trace__cpath *p,
                           const trace_codelist *list)
{
    list_ctx l = {c, r, list};
    if (l.list)
        trace__vprof_cvalues(c, p, codelist_value, &l);
}

/* ------------------------------------------------------------ dates */

typedef struct first_ctx {
    trace__pval pv;
    int found;
} first_ctx;

static int take_first(const trace__pval *pv, void *payload)
{
    first_ctx *f = payload;
    f->pv = *pv;
    f->found = 1;
    return 0;
}

static int date_like(trace_str s)
{
    return s.len >= 10 && s.s[4] == '-' && s.s[7] == '-';
}

void trace__vprof_date_order(trace__vrun *c, const trace_rule *r, const trace__cpath *pa,
                             const trace__cpath *pb)
{
    first_ctx a = {{{NULL, 0}, {0, 0}, NULL, NULL}, 0}, b = a;
    trace_time ta, tb;
    int later;
    trace__vprof_cvalues(c, pa, take_first, &a);
    trace__vprof_cvalues(c, pb, take_first, &b);
    if (!a.found || !b.found || !date_like(a.pv.v) || !date_like(b.pv.v))
        return;
    if (a.pv.v.len > 10 && b.pv.v.len > 10 && trace_time_parse(a.pv.v, &ta) == TRACE_OK &&
        trace_time_parse(b.pv.v, &tb) == TRACE_OK)
        later = ta.seconds > tb.seconds || (ta.seconds == tb.seconds && ta.nanos > tb.nanos);
    else /* dates compare as days; a date-time gives its local date */
        later = memcmp(a.pv.v.s, b.pv.v.s, 10) > 0;
    if (later) {
        trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_DATE_ORDER, a.pv.pos, r->arg[0]);
        trace__diag_arg(d, "a", r->arg[0]);
        trace__diag_argn(d, "va", a.pv.v.s, a.pv.v.len);
        trace__diag_arg(d, "b", r->arg[1]);
        trace__diag_argn(d, "vb", b.pv.v.s, b.pv.v.len);
        trace__vemit(c, d);
    }
}

/* ------------------------------------------------------------ GTIN, batch */

/* Value of AI ai inside an identifier (EPC URN or Digital Link), copied to buf. */
static const char *ai_of(trace__vrun *c, const trace_id *id, const char *ai, char *buf,
                         size_t size)
{
    const trace_code_field *f;
    const char *scheme = id->form == TRACE_ID_EPC_URN ? "epc"
                         : id->form == TRACE_ID_DL    ? "gs1-dl"
                                                      : NULL;
    if (!scheme || parse_as(c, scheme, id->raw) != 1 ||
        !(f = trace_code_result_field(c->v->code, ai)) || strlen(f->value) >= size)
        return NULL;
    memcpy(buf, f->value, strlen(f->value) + 1);
    return buf;
}

#define MAX_PRODUCTS 16

typedef struct gtin_set {
    char g[MAX_PRODUCTS][16];
    size_t n;
} gtin_set;

static void add_gtin(gtin_set *s, const char *g)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        if (!strcmp(s->g[i], g))
            return;
    if (s->n < MAX_PRODUCTS && strlen(g) < sizeof(s->g[0]))
        memcpy(s->g[s->n++], g, strlen(g) + 1);
}

static int gtin_ext(const trace__pval *pv, void *payload)
{
    char g[16];
    if (pv->v.len < sizeof(g)) {
        memcpy(g, pv->v.s, pv->v.len);
        g[pv->v.len] = '\0';
        add_gtin(payload, g);
    }
    return 1;
}

static void check_list_gtins(trace__vrun *c, const trace_rule *r, const gtin_set *s,
                             const trace_id_list *l, const char *field)
{
    size_t i, k;
    char g[32];
    for (i = 0; i < l->n; i++) {
        if (!ai_of(c, &l->items[i], "01", g, sizeof(g)))
            continue;
        for (k = 0; k < s->n && strcmp(s->g[k], g); k++)
            ;
        if (k == s->n) {
            trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_GTIN, l->items[i].pos, field);
            trace__diag_argn(d, "value", l->items[i].raw.s, l->items[i].raw.len);
            trace__diag_arg(d, "gtin", g);
            trace__diag_arg(d, "expected", s->g[0]);
            trace__vemit(c, d);
        }
    }
}

/* "utds:gtin" and "ilmd/utds:gtin", resolved. */
static const trace__cpath gtin_paths[2] = {{TRACE__CP_EXT, 0, "utds:gtin", 9, NULL, 0},
                                           {TRACE__CP_ILMD, 0, "utds:gtin", 9, NULL, 0}};

void trace__vprof_gtin(trace__vrun *c, const trace_rule *r)
{
    const trace_event *ev = c->ev;
    const trace_quantity_list *ql[] = {&ev->quantity_list, &ev->child_quantity_list,
                                       &ev->input_quantity_list, &ev->output_quantity_list};
    gtin_set s;
    size_t i, k;
    char g[32];
    s.n = 0;
    for (k = 0; k < TRACE__ARRAY_LEN(ql); k++)
        for (i = 0; i < ql[k]->n; i++)
            if (ai_of(c, &ql[k]->items[i].epc_class, "01", g, sizeof(g)))
                add_gtin(&s, g);
    trace__vprof_cvalues(c, &gtin_paths[0], gtin_ext, &s);
    trace__vprof_cvalues(c, &gtin_paths[1], gtin_ext, &s);
    if (s.n == 0)
        return; /* no product to agree with */
    check_list_gtins(c, r, &s, &ev->epc_list, "epcList");
    check_list_gtins(c, r, &s, &ev->child_epcs, "childEPCs");
    if (ev->type != TRACE_EVENT_TRANSFORMATION) /* a transformation changes the product */
        check_list_gtins(c, r, &s, &ev->input_epcs, "inputEPCList");
}

static void check_list_batches(trace__vrun *c, const trace_rule *r, trace_str want,
                               const trace_id_list *l, const char *field)
{
    size_t i;
    char b[64];
    for (i = 0; i < l->n; i++) {
        if (!ai_of(c, &l->items[i], "10", b, sizeof(b)) || trace_str_eq(want, b))
            continue;
        {
            trace_diag *d = trace__vprof_diag(c, r, TRACE__D_PROFILE_BATCH, l->items[i].pos, field);
            trace__diag_argn(d, "value", l->items[i].raw.s, l->items[i].raw.len);
            trace__diag_arg(d, "batch", b);
            trace__diag_argn(d, "expected", want.s, want.len);
            trace__vemit(c, d);
        }
    }
}

/* The classes of a quantity list, checked in chunks through a small id list. */
static void batch_quantities(trace__vrun *c, const trace_rule *r, trace_str want,
                             const trace_quantity_list *q, const char *field)
{
    trace_id ids[32];
    trace_id_list l;
    size_t i = 0;
    memset(&l, 0, sizeof(l));
    while (i < q->n) {
        size_t k;
        for (k = 0; k < TRACE__ARRAY_LEN(ids) && i < q->n; k++, i++)
            ids[k] = q->items[i].epc_class;
        l.items = ids, l.n = k;
        check_list_batches(c, r, want, &l, field);
    }
}

void trace__vprof_batch(trace__vrun *c, const trace_rule *r, const trace__cpath *p)
{
    const trace_event *ev = c->ev;
    first_ctx f = {{{NULL, 0}, {0, 0}, NULL, NULL}, 0};
    trace__vprof_cvalues(c, p, take_first, &f);
    if (!f.found || !f.pv.v.len)
        return;
    check_list_batches(c, r, f.pv.v, &ev->epc_list, "epcList");
    check_list_batches(c, r, f.pv.v, &ev->child_epcs, "childEPCs");
    check_list_batches(c, r, f.pv.v, &ev->output_epcs, "outputEPCList");
    /* quantity classes (LGTIN) carry a lot too; a transformation's ILMD is about its outputs */
    batch_quantities(c, r, f.pv.v, &ev->quantity_list, "quantityList");
    batch_quantities(c, r, f.pv.v, &ev->child_quantity_list, "childQuantityList");
    batch_quantities(c, r, f.pv.v, &ev->output_quantity_list, "outputQuantityList");
}

/* ------------------------------------------------------------ quantities */

static int whole_number(trace_str s)
{
    size_t i = 0, dot = s.len;
    for (i = 0; i < s.len; i++)
        if (s.s[i] == '.')
            dot = i;
        else if (s.s[i] < '0' || s.s[i] > '9')
            return 0;
    for (i = dot + 1; i < s.len; i++)
        if (s.s[i] != '0')
            return 0;
    return s.len > 0;
}

static void check_quantity_list(trace__vrun *c, const trace_rule *r, const trace_quantity_list *l,
                                const trace_codelist *units, const char *field)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        char uom[8];
        trace_diag *d;
        if (q->uom.len) {
            snprintf(uom, sizeof(uom), "%.*s", (int)(q->uom.len < 7 ? q->uom.len : 7), q->uom.s);
            if (!units || trace_codelist_value(units, uom))
                continue;
            d = trace__vprof_diag(c, r, TRACE__D_PROFILE_UNIT, q->pos, field);
            trace__diag_arg(d, "uom", uom);
        } else if (q->quantity.lexeme.len && !whole_number(q->quantity.lexeme)) {
            d = trace__vprof_diag(c, r, TRACE__D_PROFILE_WHOLE_QUANTITY, q->quantity.pos, field);
            trace__diag_argn(d, "value", q->quantity.lexeme.s, q->quantity.lexeme.len);
        } else {
            continue;
        }
        trace__vemit(c, d);
    }
}

void trace__vprof_quantity(trace__vrun *c, const trace_rule *r, const trace_codelist *units)
{
    check_quantity_list(c, r, &c->ev->quantity_list, units, "quantityList");
    check_quantity_list(c, r, &c->ev->child_quantity_list, units, "childQuantityList");
    check_quantity_list(c, r, &c->ev->input_quantity_list, units, "inputQuantityList");
    check_quantity_list(c, r, &c->ev->output_quantity_list, units, "outputQuantityList");
}

/* ------------------------------------------------------------ master data */

typedef struct known_ctx {
    trace__vrun *c;
    const trace_rule *r;
    const char *field;
} known_ctx;

static int md_known(const trace_validator *v, trace_str id)
{
    return trace_masterdata_find(v->md, id) || trace_masterdata_find(v->opts.master, id);
}

/* A product class (LGTIN, SGTIN pattern, Digital Link with a lot) is known when
 * master data describes its GTIN, as the Digital Link https://id.gs1.org/01/GTIN. */
static int product_known_by_gtin(trace__vrun *c, const trace__pval *pv)
{
    char gtin[32], dl[64];
    trace_id id;
    memset(&id, 0, sizeof(id));
    id.raw = pv->v;
    id.form = trace_id_classify(pv->v);
    if (!ai_of(c, &id, "01", gtin, sizeof(gtin)))
        return 0;
    snprintf(dl, sizeof(dl), "https://id.gs1.org/01/%s", gtin);
    return md_known(c->v, trace_str_c(dl));
}

static int known_value(const trace__pval *pv, void *payload)
{
    known_ctx *k = payload;
    const trace_validator *v = k->c->v;
    if (!pv->v.len || md_known(v, pv->v) ||
        (!strcmp(k->r->arg[0], "product") && product_known_by_gtin(k->c, pv)))
        return 1;
    {
        trace_diag *d = trace__vprof_diag(k->c, k->r, TRACE__D_PROFILE_MASTER_UNKNOWN, pv->pos,
                                          k->field);
        trace__diag_arg(d, "kind", k->r->arg[0]);
        trace__diag_argn(d, "value", pv->v.s, pv->v.len);
        trace__vemit(k->c, d);
    }
    return 1;
}

void trace__vprof_master_known(trace__vrun *c, const trace_rule *r)
{
    static const char *const party[] = {"sourceList[owning_party]",
                                        "sourceList[possessing_party]",
                                        "destinationList[owning_party]",
                                        "destinationList[possessing_party]",
                                        "utds:producer", "utds:seller", "utds:buyer"};
    static const char *const product[] = {"quantityList", "childQuantityList",
                                          "inputQuantityList", "outputQuantityList"};
    static const char *const location[] = {"readPoint", "bizLocation", "sourceList[location]",
                                           "destinationList[location]"};
    const char *const *paths;
    size_t n, i;
    if (!strcmp(r->arg[0], "party"))
        paths = party, n = TRACE__ARRAY_LEN(party);
    else if (!strcmp(r->arg[0], "product"))
        paths = product, n = TRACE__ARRAY_LEN(product);
    else
        paths = location, n = TRACE__ARRAY_LEN(location);
    for (i = 0; i < n; i++) {
        known_ctx k = {c, r, paths[i]};
        trace__vprof_values(c, paths[i], known_value, &k);
    }
}
