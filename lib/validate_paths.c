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

/* Walk "q1/q2/..." through extension nodes; the last segment yields values. */
static void walk_ext(walk *w, const trace_ext *nodes, size_t n, const char *path)
{
    const char *slash = strchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : strlen(path), i;
    for (i = 0; i < n && !w->stop; i++) {
        const trace_ext *e = &nodes[i];
        if (!trace__vprof_ext_is(e, path, len))
            continue;
        if (slash)
            walk_ext(w, e->children, e->nchildren, slash + 1);
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

/* Does a CBV-typed value, in any spelling (bare, URN, Web URI, CURIE), match the
 * [type] filter (a bare code of the CBV list)? */
static int type_matches(const trace_vocab *t, const char *list, const char *want, size_t wlen)
{
    const trace_code_value *cv;
    if (!want)
        return 1;
    cv = trace_dict_cbv_value(NULL, list, t->raw.s, t->raw.len);
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
    cv = trace_dict_cbv_value(NULL, "cbv-sdt", p[i].type.raw.s, p[i].type.raw.len);
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
                      : !type_matches(&p[i].type, "cbv-sdt", want, wlen))
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

/* An EPCIS field, name[0..len), with an optional type filter. */
static void walk_field(trace__vrun *c, walk *w, const char *name, size_t len, const char *want,
                       size_t wlen)
{
    const trace_event *ev = c->ev;
    size_t i;
#define IS(s) (len == sizeof(s) - 1 && !memcmp(name, s, len))
    if (IS("eventTime"))
        walk_time(w, &ev->event_time);
    else if (IS("recordTime"))
        walk_time(w, &ev->record_time);
    else if (IS("eventTimeZoneOffset") && ev->tz_offset.len)
        visit(w, ev->tz_offset, ev->pos, NULL, NULL);
    else if (IS("eventID"))
        visit_id(w, &ev->event_id);
    else if (IS("certificationInfo"))
        for (i = 0; i < ev->ncertification; i++)
            visit_id(w, &ev->certification[i]);
    else if (IS("errorDeclaration") && ev->error_declaration.present)
        visit_marker(w, ev->error_declaration.pos);
    else if (IS("action") && ev->action != TRACE_ACTION_NONE)
        visit(w, ev->action_raw.len ? ev->action_raw : trace_str_c(trace_action_name(ev->action)),
              ev->pos, NULL, NULL);
    else if (IS("bizStep"))
        walk_vocab(w, &ev->biz_step, *trace__vprof_bizstep(c) ? trace__vprof_bizstep(c) : NULL);
    else if (IS("disposition"))
        walk_vocab(w, &ev->disposition, NULL);
    else if (IS("persistentDisposition") && ev->has_persistent_disposition)
        visit_marker(w, ev->pos);
    else if (IS("readPoint"))
        visit_id(w, &ev->read_point.id);
    else if (IS("bizLocation"))
        visit_id(w, &ev->biz_location.id);
    else if (IS("epcList"))
        walk_ids(w, &ev->epc_list);
    else if (IS("parentID"))
        visit_id(w, &ev->parent_id);
    else if (IS("childEPCs"))
        walk_ids(w, &ev->child_epcs);
    else if (IS("inputEPCList"))
        walk_ids(w, &ev->input_epcs);
    else if (IS("outputEPCList"))
        walk_ids(w, &ev->output_epcs);
    else if (IS("quantityList"))
        walk_quantities(w, &ev->quantity_list);
    else if (IS("childQuantityList"))
        walk_quantities(w, &ev->child_quantity_list);
    else if (IS("inputQuantityList"))
        walk_quantities(w, &ev->input_quantity_list);
    else if (IS("outputQuantityList"))
        walk_quantities(w, &ev->output_quantity_list);
    else if (IS("transformationID"))
        visit_id(w, &ev->transformation_id);
    else if (IS("bizTransactionList")) {
        for (i = 0; i < ev->nbiz_transactions; i++)
            if (type_matches(&ev->biz_transactions[i].type, "cbv-btt", want, wlen))
                visit_id(w, &ev->biz_transactions[i].id);
    } else if (IS("sourceList"))
        walk_parties(c, w, 0, ev->sources, ev->nsources, want, wlen);
    else if (IS("destinationList"))
        walk_parties(c, w, 1, ev->destinations, ev->ndestinations, want, wlen);
    else if (IS("sensorElementList"))
        for (i = 0; i < ev->nsensors; i++)
            visit_marker(w, ev->sensors[i].pos);
    else if (IS("ilmd") && ev->has_ilmd)
        visit_marker(w, ev->pos);
#undef IS
}

size_t trace__vprof_values(trace__vrun *c, const char *path, trace__pval_fn fn, void *payload)
{
    walk w = {fn, payload, 0, 0};
    const char *bracket, *colon, *slash;
    if (!path)
        return 0;
    if (!strncmp(path, "ilmd/", 5)) {
        walk_ext(&w, c->ev->ilmd, c->ev->nilmd, path + 5);
        return w.n;
    }
    colon = strchr(path, ':');
    slash = strchr(path, '/');
    if (colon && (!slash || colon < slash)) {
        walk_ext(&w, c->ev->ext, c->ev->next, path);
        return w.n;
    }
    bracket = strchr(path, '[');
    if (bracket) {
        const char *close = strchr(bracket, ']');
        if (!close)
            return 0;
        walk_field(c, &w, path, (size_t)(bracket - path), bracket + 1,
                   (size_t)(close - bracket - 1));
    } else {
        walk_field(c, &w, path, strlen(path), NULL, 0);
    }
    return w.n;
}

size_t trace__vprof_count(trace__vrun *c, const char *path)
{
    return trace__vprof_values(c, path, NULL, NULL);
}
