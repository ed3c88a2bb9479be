/*
 * validate_paths.c - resolve profile rule paths (spec/utds-2-collection.md
 * 7.3) on the record model: EPCIS fields with an optional [type] filter,
 * event-level extensions "utds:x", ILMD "ilmd/utds:x", group members
 * "utds:g/utds:m".
 */
#include <string.h>

#include "validate_prof_int.h"

typedef struct walk {
    trace__pval_fn fn;
    void *payload;
    size_t n;
    int stop;
} walk;

static void visit(walk *w, trace_str v, trace_pos pos, const trace_ext *node,
                  const trace_id *id)
{
    trace__pval pv;
    if (w->stop)
        return;
    pv.v = v, pv.pos = pos, pv.node = node, pv.id = id;
    w->n++;
    if (w->fn && !w->fn(&pv, w->payload))
        w->stop = 1;
}

static void visit_id(walk *w, const trace_id *id)
{
    if (id->raw.len)
        visit(w, id->raw, id->pos, NULL, id);
}

static void visit_marker(walk *w, trace_pos pos)
{
    trace_str empty = {"", 0};
    visit(w, empty, pos, NULL, NULL);
}

int trace__vprof_ext_is(const trace_ext *e, const char *qname, size_t len)
{
    const char *colon = memchr(qname, ':', len);
    size_t plen, nlen;
    const char *ns;
    if (!colon || e->kind != TRACE_EXT_ELEMENT)
        return 0;
    plen = (size_t)(colon - qname);
    nlen = len - plen - 1;
    if (e->name.len != nlen || memcmp(e->name.s, colon + 1, nlen) != 0)
        return 0;
    if (plen == 4 && !memcmp(qname, "utds", 4))
        ns = TRACE_UTDS_NS;
    else if (plen == 6 && !memcmp(qname, "cbvmda", 6))
        return (e->ns.len >= 21 && !memcmp(e->ns.s, "urn:epcglobal:cbv:mda", 21)) ||
               (e->ns.len == 0 && e->prefix.len == 6 && !memcmp(e->prefix.s, "cbvmda", 6));
    else
        ns = NULL;
    if (ns && trace_str_eq(e->ns, ns))
        return 1;
    /* A reader that could not resolve the prefix keeps it as a hint. */
    return e->ns.len == 0 && e->prefix.len == plen && !memcmp(e->prefix.s, qname, plen);
}

/* Walk "q1/q2/..." (path[0..len)) through extension nodes; the last segment
 * yields values. */
static void walk_ext(walk *w, const trace_ext *nodes, size_t n, const char *path, size_t plen)
{
    const char *slash = memchr(path, '/', plen);
    size_t len = slash ? (size_t)(slash - path) : plen, i;
    for (i = 0; i < n && !w->stop; i++) {
        const trace_ext *e = &nodes[i];
        if (!trace__vprof_ext_is(e, path, len))
            continue;
        if (slash)
            walk_ext(w, e->children, e->nchildren, slash + 1, plen - len - 1);
        else if (e->text.len || e->nchildren)
            visit(w, e->text, e->pos, e, NULL);
    }
}

static void walk_ids(walk *w, const trace_id_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        visit_id(w, &l->items[i]);
}

static void walk_quantities(walk *w, const trace_quantity_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        visit_id(w, &l->items[i].epc_class);
}

/* trace_dict_cbv_value(NULL, list, raw), remembered per validator: the same
 * types recur in every event. list is "cbv-sdt" or "cbv-btt". */
static const trace_code_value *cbv_value(trace__vrun *c, const char *list, trace_str raw)
{
    int tag = TRACE__VM_CBV_VALUE + (list[4] == 's');
    const void *hit;
    const trace_code_value *cv;
    if (trace__vmemo_get(c->v, tag, raw.s, raw.len, &hit, NULL))
        return hit;
    cv = trace_dict_cbv_value(NULL, list, raw.s, raw.len);
    trace__vmemo_put(c->v, tag, raw.s, raw.len, cv, 0);
    return cv;
}

/* Does a CBV-typed value, in any spelling (bare, URN, Web URI, CURIE), match the
 * [type] filter (a bare code of the CBV list)? */
static int type_matches(trace__vrun *c, const trace_vocab *t, const char *list, const char *want,
                        size_t wlen)
{
    const trace_code_value *cv;
    if (!want)
        return 1;
    cv = cbv_value(c, list, t->raw);
    if (cv)
        return strlen(cv->code) == wlen && !memcmp(cv->code, want, wlen);
    return t->value.len == wlen && !memcmp(t->value.s, want, wlen);
}

/* The normalised CBV code of a source/destination type, cached per event for the
 * first entries (rules ask for the same lists again and again). */
static const char *sdt_code(trace__vrun *c, int dest, const trace_party_ref *p, size_t i)
{
    const trace_code_value *cv;
    if (i < 8 && c->sdt[dest][i])
        return c->sdt[dest][i];
    cv = cbv_value(c, "cbv-sdt", p[i].type.raw);
    if (i < 8)
        c->sdt[dest][i] = cv ? cv->code : "";
    return cv ? cv->code : "";
}

static void walk_parties(trace__vrun *c, walk *w, int dest, const trace_party_ref *p, size_t n,
                         const char *want, size_t wlen)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const char *code;
        if (want) {
            code = sdt_code(c, dest, p, i);
            if (*code ? (strlen(code) != wlen || memcmp(code, want, wlen))
                      : !type_matches(c, &p[i].type, "cbv-sdt", want, wlen))
                continue;
        }
        visit_id(w, &p[i].id);
    }
}

static void walk_vocab(walk *w, const trace_vocab *v, const char *normalised)
{
    if (v->form == TRACE_CBV_NONE)
        return;
    if (normalised)
        visit(w, trace_str_c(normalised), v->pos, NULL, NULL);
    else
        visit(w, v->form == TRACE_CBV_OTHER ? v->raw : v->value, v->pos, NULL, NULL);
}

static void walk_time(walk *w, const trace_time *t)
{
    if (t->lexeme.len)
        visit(w, t->lexeme, t->pos, NULL, NULL);
}

/* The EPCIS fields a rule path can name, in the order walk_field tests them. */
static const char *const field_names[] = {
    "eventTime",        "recordTime",        "eventTimeZoneOffset", "eventID",
    "certificationInfo", "errorDeclaration", "action",              "bizStep",
    "disposition",      "persistentDisposition", "readPoint",       "bizLocation",
    "epcList",          "parentID",          "childEPCs",           "inputEPCList",
    "outputEPCList",    "quantityList",      "childQuantityList",   "inputQuantityList",
    "outputQuantityList", "transformationID", "bizTransactionList", "sourceList",
    "destinationList",  "sensorElementList", "ilmd"};

enum {
    F_EVENT_TIME, F_RECORD_TIME, F_TZ, F_EVENT_ID, F_CERT, F_ERROR_DECL, F_ACTION, F_BIZSTEP,
    F_DISPOSITION, F_PERSISTENT, F_READ_POINT, F_BIZ_LOCATION, F_EPC_LIST, F_PARENT,
    F_CHILD_EPCS, F_INPUT_EPCS, F_OUTPUT_EPCS, F_QUANTITY, F_CHILD_QUANTITY, F_INPUT_QUANTITY,
    F_OUTPUT_QUANTITY, F_TRANSFORMATION_ID, F_BIZ_TRANSACTIONS, F_SOURCES, F_DESTINATIONS,
    F_SENSORS, F_ILMD
};

/* An EPCIS field by id, with an optional type filter. */
static void walk_field(trace__vrun *c, walk *w, unsigned field, const char *want, size_t wlen)
{
    const trace_event *ev = c->ev;
    size_t i;
    switch (field) {
    case F_EVENT_TIME: walk_time(w, &ev->event_time); break;
    case F_RECORD_TIME: walk_time(w, &ev->record_time); break;
    case F_TZ:
        if (ev->tz_offset.len)
            visit(w, ev->tz_offset, ev->pos, NULL, NULL);
        break;
    case F_EVENT_ID: visit_id(w, &ev->event_id); break;
    case F_CERT:
        for (i = 0; i < ev->ncertification; i++)
            visit_id(w, &ev->certification[i]);
        break;
    case F_ERROR_DECL:
        if (ev->error_declaration.present)
            visit_marker(w, ev->error_declaration.pos);
        break;
    case F_ACTION:
        if (ev->action != TRACE_ACTION_NONE)
            visit(w,
                  ev->action_raw.len ? ev->action_raw : trace_str_c(trace_action_name(ev->action)),
                  ev->pos, NULL, NULL);
        break;
    case F_BIZSTEP:
        walk_vocab(w, &ev->biz_step, *trace__vprof_bizstep(c) ? trace__vprof_bizstep(c) : NULL);
        break;
    case F_DISPOSITION: walk_vocab(w, &ev->disposition, NULL); break;
    case F_PERSISTENT:
        if (ev->has_persistent_disposition)
            visit_marker(w, ev->pos);
        break;
    case F_READ_POINT: visit_id(w, &ev->read_point.id); break;
    case F_BIZ_LOCATION: visit_id(w, &ev->biz_location.id); break;
    case F_EPC_LIST: walk_ids(w, &ev->epc_list); break;
    case F_PARENT: visit_id(w, &ev->parent_id); break;
    case F_CHILD_EPCS: walk_ids(w, &ev->child_epcs); break;
    case F_INPUT_EPCS: walk_ids(w, &ev->input_epcs); break;
    case F_OUTPUT_EPCS: walk_ids(w, &ev->output_epcs); break;
    case F_QUANTITY: walk_quantities(w, &ev->quantity_list); break;
    case F_CHILD_QUANTITY: walk_quantities(w, &ev->child_quantity_list); break;
    case F_INPUT_QUANTITY: walk_quantities(w, &ev->input_quantity_list); break;
    case F_OUTPUT_QUANTITY: walk_quantities(w, &ev->output_quantity_list); break;
    case F_TRANSFORMATION_ID: visit_id(w, &ev->transformation_id); break;
    case F_BIZ_TRANSACTIONS:
        for (i = 0; i < ev->nbiz_transactions; i++)
            if (type_matches(c, &ev->biz_transactions[i].type, "cbv-btt", want, wlen))
                visit_id(w, &ev->biz_transactions[i].id);
        break;
    case F_SOURCES: walk_parties(c, w, 0, ev->sources, ev->nsources, want, wlen); break;
    case F_DESTINATIONS:
        walk_parties(c, w, 1, ev->destinations, ev->ndestinations, want, wlen);
        break;
    case F_SENSORS:
        for (i = 0; i < ev->nsensors; i++)
            visit_marker(w, ev->sensors[i].pos);
        break;
    case F_ILMD:
        if (ev->has_ilmd)
            visit_marker(w, ev->pos);
        break;
    default: break;
    }
}

void trace__vprof_compile(const char *path, size_t len, trace__cpath *out)
{
    const char *bracket, *colon, *slash, *end = path ? path + len : NULL;
    size_t i, flen;
    memset(out, 0, sizeof(*out));
    out->kind = TRACE__CP_NONE;
    if (!path)
        return;
    if (len >= 5 && !memcmp(path, "ilmd/", 5)) {
        out->kind = TRACE__CP_ILMD, out->s = path + 5, out->len = len - 5;
        return;
    }
    colon = memchr(path, ':', len);
    slash = memchr(path, '/', len);
    if (colon && (!slash || colon < slash)) {
        out->kind = TRACE__CP_EXT, out->s = path, out->len = len;
        return;
    }
    bracket = memchr(path, '[', len);
    flen = len;
    if (bracket) {
        const char *close = memchr(bracket, ']', (size_t)(end - bracket));
        if (!close)
            return;
        flen = (size_t)(bracket - path);
        out->want = bracket + 1;
        out->wlen = (size_t)(close - bracket - 1);
    }
    for (i = 0; i < TRACE__ARRAY_LEN(field_names); i++)
        if (strlen(field_names[i]) == flen && !memcmp(field_names[i], path, flen)) {
            out->kind = TRACE__CP_FIELD, out->field = (unsigned char)i;
            return;
        }
}

size_t trace__vprof_cvalues(trace__vrun *c, const trace__cpath *p, trace__pval_fn fn,
                            void *payload)
{
    walk w = {fn, payload, 0, 0};
    switch (p->kind) {
    case TRACE__CP_ILMD: walk_ext(&w, c->ev->ilmd, c->ev->nilmd, p->s, p->len); break;
    case TRACE__CP_EXT: walk_ext(&w, c->ev->ext, c->ev->next, p->s, p->len); break;
    case TRACE__CP_FIELD: walk_field(c, &w, p->field, p->want, p->wlen); break;
    default: break;
    }
    return w.n;
}

size_t trace__vprof_values(trace__vrun *c, const char *path, trace__pval_fn fn, void *payload)
{
    trace__cpath p;
    trace__vprof_compile(path, path ? strlen(path) : 0, &p);
    return trace__vprof_cvalues(c, &p, fn, payload);
}

size_t trace__vprof_count(trace__vrun *c, const char *path)
{
    return trace__vprof_values(c, path, NULL, NULL);
}
