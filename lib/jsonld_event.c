/*
 * jsonld_event.c - one EPCIS 2.0 JSON-LD event (a jansson object) into a
 * trace_event: every standard field, CBV spellings, number lexemes, the
 * member order as read, and CURIE-keyed extensions as extension trees
 * (spec/utds-3-jsonld.md, section "Events").
 */
#include <string.h>

#include "jsonld_int.h"

typedef struct key_field {
    const char *key;
    size_t len;
    trace_field field;
} key_field;

#define K(s, f) {s, sizeof(s) - 1, f}
/* The standard members, most frequent first. */
static const key_field keys[] = {
    K("type", TRACE_F_TYPE),
    K("eventTime", TRACE_F_EVENT_TIME),
    K("eventTimeZoneOffset", TRACE_F_TZ_OFFSET),
    K("action", TRACE_F_ACTION),
    K("epcList", TRACE_F_EPC_LIST),
    K("bizStep", TRACE_F_BIZ_STEP),
    K("disposition", TRACE_F_DISPOSITION),
    K("readPoint", TRACE_F_READ_POINT),
    K("bizLocation", TRACE_F_BIZ_LOCATION),
    K("eventID", TRACE_F_EVENT_ID),
    K("recordTime", TRACE_F_RECORD_TIME),
    K("quantityList", TRACE_F_QUANTITY_LIST),
    K("bizTransactionList", TRACE_F_BIZ_TRANSACTIONS),
    K("parentID", TRACE_F_PARENT_ID),
    K("childEPCs", TRACE_F_CHILD_EPCS),
    K("sourceList", TRACE_F_SOURCES),
    K("destinationList", TRACE_F_DESTINATIONS),
    K("ilmd", TRACE_F_ILMD),
    K("sensorElementList", TRACE_F_SENSORS),
    K("@context", TRACE_F_CONTEXT),
    K("certificationInfo", TRACE_F_CERTIFICATION),
    K("childQuantityList", TRACE_F_CHILD_QUANTITY_LIST),
    K("errorDeclaration", TRACE_F_ERROR_DECLARATION),
    K("inputEPCList", TRACE_F_INPUT_EPCS),
    K("inputQuantityList", TRACE_F_INPUT_QUANTITY_LIST),
    K("outputEPCList", TRACE_F_OUTPUT_EPCS),
    K("outputQuantityList", TRACE_F_OUTPUT_QUANTITY_LIST),
    K("persistentDisposition", TRACE_F_PERSISTENT_DISPOSITION),
    K("transformationID", TRACE_F_TRANSFORMATION_ID),
};

/* Look a member name up by length first: most lengths have one or two names. */
static int field_of(const char *key, trace_field *f)
{
    size_t n = strlen(key), i;
    for (i = 0; i < TRACE__ARRAY_LEN(keys); i++)
        if (keys[i].len == n && key[0] == keys[i].key[0] && !memcmp(key, keys[i].key, n)) {
            *f = keys[i].field;
            return 1;
        }
    return 0;
}

/* ---------------------------------------------------------- simple values */

static void get_id(jl_map *m, json_t *v, const char *key, trace_id *id)
{
    trace_str s;
    if (jl_get_str(m, v, key, &s)) {
        id->raw = s;
        id->form = trace_id_classify(s);
        id->pos = m->pos;
    }
}

static void get_time(jl_map *m, json_t *v, const char *key, trace_time *t)
{
    trace_str s;
    if (!jl_get_str(m, v, key, &s))
        return;
    if (trace_time_parse(s, t) != TRACE_OK) {
        char b[TRACE_DIAG_ARG_SIZE];
        jl_report(m, TRACE__D_BAD_TIMESTAMP, "field", key, "value", jl_cstr(b, sizeof(b), s));
    }
    t->pos = m->pos;
}

static void get_vocab(jl_map *m, json_t *v, const char *key, trace_cbv_list list,
                      trace_vocab *out)
{
    trace_str s;
    if (jl_get_str(m, v, key, &s)) {
        trace_vocab_set(out, list, s);
        out->pos = m->pos;
    }
}

static int is_array(jl_map *m, json_t *v, const char *key)
{
    if (json_is_array(v))
        return 1;
    jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", key, "got", jl_type_name(v));
    return 0;
}

static int is_object(jl_map *m, json_t *v, const char *key)
{
    if (json_is_object(v))
        return 1;
    jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", key, "got", jl_type_name(v));
    return 0;
}

static void get_ids(jl_map *m, json_t *v, const char *key, trace_id **items, size_t *n)
{
    size_t i, cap = 0;
    json_t *it;
    if (!is_array(m, v, key))
        return;
    json_array_foreach(v, i, it) {
        size_t saved = jl_path_index(m, i);
        trace_id *id = jl_push(m, (void **)items, n, &cap, sizeof(*id));
        if (id)
            get_id(m, it, key, id);
        jl_path_pop(m, saved);
    }
}

static void get_id_list(jl_map *m, json_t *v, const char *key, trace_id_list *l)
{
    l->present = 1;
    l->pos = m->pos;
    get_ids(m, v, key, &l->items, &l->n);
}

/* Report each member of obj that is not one of the allowed names. */
static void only(jl_map *m, json_t *obj, const char *const *allowed)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        size_t i;
        for (i = 0; allowed[i] && strcmp(allowed[i], k); i++)
            ;
        if (!allowed[i]) {
            size_t saved = jl_path_key(m, k);
            jl_report(m, TRACE__D_JSON_MEMBER_NOT_KEPT, "member", k, NULL, NULL);
            jl_path_pop(m, saved);
        }
    }
}

static void get_quantities(jl_map *m, json_t *v, const char *key, trace_quantity_list *l)
{
    static const char *const allowed[] = {"epcClass", "quantity", "uom", NULL};
    size_t i, cap = 0;
    json_t *it;
    l->present = 1;
    l->pos = m->pos;
    if (!is_array(m, v, key))
        return;
    json_array_foreach(v, i, it) {
        size_t saved = jl_path_index(m, i);
        trace_quantity *q = jl_push(m, (void **)&l->items, &l->n, &cap, sizeof(*q));
        json_t *x;
        if (q && is_object(m, it, key)) {
            q->pos = m->pos;
            if ((x = json_object_get(it, "epcClass")) != NULL) {
                size_t s2 = jl_path_key(m, "epcClass");
                get_id(m, x, "epcClass", &q->epc_class);
                jl_path_pop(m, s2);
            }
            if ((x = json_object_get(it, "quantity")) != NULL) {
                size_t s2 = jl_path_key(m, "quantity");
                if (json_is_number(x))
                    q->quantity.lexeme = jl_num_lexeme(m, x);
                else
                    jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "quantity", "got",
                              jl_type_name(x));
                jl_path_pop(m, s2);
            }
            if ((x = json_object_get(it, "uom")) != NULL) {
                size_t s2 = jl_path_key(m, "uom");
                jl_get_str(m, x, "uom", &q->uom);
                jl_path_pop(m, s2);
            }
            only(m, it, allowed);
        }
        jl_path_pop(m, saved);
    }
}

/* bizTransactionList, sourceList, destinationList: {type, <member>}. */
static void get_typed_refs(jl_map *m, json_t *v, const char *key, const char *member,
                           trace_cbv_list list, void **items, size_t *n)
{
    const char *allowed[] = {"type", member, NULL};
    size_t i, cap = 0;
    json_t *it;
    if (!is_array(m, v, key))
        return;
    json_array_foreach(v, i, it) {
        size_t saved = jl_path_index(m, i);
        /* trace_biz_transaction and trace_party_ref have the same layout. */
        trace_party_ref *p = jl_push(m, items, n, &cap, sizeof(*p));
        json_t *x;
        if (p && is_object(m, it, key)) {
            p->pos = m->pos;
            if ((x = json_object_get(it, "type")) != NULL) {
                size_t s2 = jl_path_key(m, "type");
                get_vocab(m, x, "type", list, &p->type);
                jl_path_pop(m, s2);
            }
            if ((x = json_object_get(it, member)) != NULL) {
                size_t s2 = jl_path_key(m, member);
                get_id(m, x, member, &p->id);
                jl_path_pop(m, s2);
            } else {
                jl_report(m, TRACE__D_JSON_MISSING_MEMBER, "member", member, NULL, NULL);
            }
            only(m, it, allowed);
        }
        jl_path_pop(m, saved);
    }
}

/* --------------------------------------------------------- structures */

static void get_location(jl_map *m, json_t *v, const char *key, trace_location *loc)
{
    const char *k;
    json_t *x;
    size_t cap = 0;
    if (!is_object(m, v, key))
        return;
    loc->present = 1;
    loc->pos = m->pos;
    json_object_foreach(v, k, x) {
        if (!strcmp(k, "id")) {
            size_t saved = jl_path_key(m, "id");
            get_id(m, x, "id", &loc->id);
            jl_path_pop(m, saved);
        } else {
            jl_ext_member(m, k, x, &loc->ext, &loc->next, &cap);
        }
    }
}

static void get_error_declaration(jl_map *m, json_t *v, trace_error_declaration *e)
{
    const char *k;
    json_t *x;
    size_t cap = 0;
    if (!is_object(m, v, "errorDeclaration"))
        return;
    e->present = 1;
    e->pos = m->pos;
    json_object_foreach(v, k, x) {
        size_t saved = jl_path_key(m, k);
        if (!strcmp(k, "declarationTime"))
            get_time(m, x, k, &e->declaration_time);
        else if (!strcmp(k, "reason"))
            get_vocab(m, x, k, TRACE_CBV_ER, &e->reason);
        else if (!strcmp(k, "correctiveEventIDs"))
            get_ids(m, x, k, &e->corrective_ids, &e->ncorrective_ids);
        else {
            jl_path_pop(m, saved);
            jl_ext_member(m, k, x, &e->ext, &e->next, &cap);
        }
        jl_path_pop(m, saved);
    }
}

static void get_pd(jl_map *m, json_t *v, trace_event *ev)
{
    static const char *const allowed[] = {"set", "unset", NULL};
    json_t *x;
    if (!is_object(m, v, "persistentDisposition"))
        return;
    ev->has_persistent_disposition = 1;
    for (int u = 0; u < 2; u++) {
        const char *k = u ? "unset" : "set";
        trace_vocab **items = u ? &ev->pd_unset : &ev->pd_set;
        size_t *n = u ? &ev->npd_unset : &ev->npd_set, cap = 0, i;
        json_t *it;
        if ((x = json_object_get(v, k)) == NULL)
            continue;
        {
            size_t saved = jl_path_key(m, k);
            if (is_array(m, x, k)) {
                json_array_foreach(x, i, it) {
                    size_t s2 = jl_path_index(m, i);
                    trace_vocab *voc = jl_push(m, (void **)items, n, &cap, sizeof(*voc));
                    if (voc)
                        get_vocab(m, it, k, TRACE_CBV_DISP, voc);
                    jl_path_pop(m, s2);
                }
            }
            jl_path_pop(m, saved);
        }
    }
    only(m, v, allowed);
}

/* sensorMetadata / sensorReport members: scalars kept with their JSON type. */
static void sensor_attrs(jl_map *m, json_t *obj, trace_sensor_attr **attrs, size_t *n,
                         trace_ext **ext, size_t *next)
{
    const char *k;
    json_t *x;
    size_t cap = 0, ecap = 0;
    json_object_foreach(obj, k, x) {
        size_t klen = json_object_iter_key_len(json_object_key_to_iter(k));
        size_t saved = jl_path_key(m, k);
        if (json_is_object(x) || json_is_array(x)) {
            if (ext) {
                jl_path_pop(m, saved);
                jl_ext_member(m, k, x, ext, next, &ecap);
            } else {
                jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", k, "got", jl_type_name(x));
            }
        } else {
            trace_sensor_attr *a = jl_push(m, (void **)attrs, n, &cap, sizeof(*a));
            if (a) {
                jl_qname(m, k, klen, &a->ns, &a->prefix, &a->name, 0);
                if (json_is_string(x))
                    a->value = jl_str(x), a->type = TRACE_EXT_STRING;
                else if (json_is_number(x))
                    a->value = jl_num_lexeme(m, x), a->type = TRACE_EXT_NUMBER;
                else if (json_is_boolean(x))
                    a->value = trace_str_c(json_is_true(x) ? "true" : "false"),
                    a->type = TRACE_EXT_BOOL;
                else
                    a->type = TRACE_EXT_NULL;
            }
        }
        jl_path_pop(m, saved);
    }
}

static void get_sensor(jl_map *m, json_t *v, trace_sensor_element *se)
{
    const char *k;
    json_t *x;
    size_t ecap = 0, rcap = 0, i;
    se->pos = m->pos;
    json_object_foreach(v, k, x) {
        size_t saved = jl_path_key(m, k);
        if (!strcmp(k, "sensorMetadata") && is_object(m, x, k)) {
            se->has_metadata = 1;
            sensor_attrs(m, x, &se->metadata, &se->nmetadata, NULL, NULL);
        } else if (!strcmp(k, "sensorReport")) {
            json_t *it;
            if (is_array(m, x, k)) {
                json_array_foreach(x, i, it) {
                    size_t s2 = jl_path_index(m, i);
                    trace_sensor_report *rep =
                        jl_push(m, (void **)&se->reports, &se->nreports, &rcap, sizeof(*rep));
                    if (rep && is_object(m, it, k)) {
                        rep->pos = m->pos;
                        sensor_attrs(m, it, &rep->attrs, &rep->nattrs, &rep->ext, &rep->next);
                    }
                    jl_path_pop(m, s2);
                }
            }
        } else if (strcmp(k, "sensorMetadata")) {
            jl_path_pop(m, saved);
            jl_ext_member(m, k, x, &se->ext, &se->next, &ecap);
        }
        jl_path_pop(m, saved);
    }
}

static void get_sensors(jl_map *m, json_t *v, trace_event *ev)
{
    size_t i, cap = 0;
    json_t *it;
    if (!is_array(m, v, "sensorElementList"))
        return;
    json_array_foreach(v, i, it) {
        size_t saved = jl_path_index(m, i);
        trace_sensor_element *se =
            jl_push(m, (void **)&ev->sensors, &ev->nsensors, &cap, sizeof(*se));
        if (se && is_object(m, it, "sensorElementList"))
            get_sensor(m, it, se);
        jl_path_pop(m, saved);
    }
}

static void get_type(jl_map *m, json_t *v, trace_event *ev)
{
    if (!jl_get_str(m, v, "type", &ev->type_name))
        return;
    if (trace_event_type_from_name(ev->type_name, &ev->type) != TRACE_OK) {
        char b[TRACE_DIAG_ARG_SIZE];
        ev->type = TRACE_EVENT_EXTENSION;
        jl_report(m, TRACE__D_UNKNOWN_EVENT_TYPE, "value", jl_cstr(b, sizeof(b), ev->type_name),
                  NULL, NULL);
    }
}

static void get_action(jl_map *m, json_t *v, trace_event *ev)
{
    static const trace_action acts[] = {TRACE_ACTION_ADD, TRACE_ACTION_OBSERVE,
                                        TRACE_ACTION_DELETE};
    size_t i;
    if (!jl_get_str(m, v, "action", &ev->action_raw))
        return;
    ev->action = TRACE_ACTION_INVALID;
    for (i = 0; i < 3; i++)
        if (trace_str_eq(ev->action_raw, trace_action_name(acts[i])))
            ev->action = acts[i];
    if (ev->action == TRACE_ACTION_INVALID) {
        char b[TRACE_DIAG_ARG_SIZE];
        jl_report(m, TRACE__D_BAD_ACTION, "value", jl_cstr(b, sizeof(b), ev->action_raw), NULL,
                  NULL);
    }
}

/* ----------------------------------------------------------- dispatch */

static void get_field(jl_map *m, trace_field f, const char *k, json_t *v, trace_event *ev)
{
    switch (f) {
    case TRACE_F_TYPE: get_type(m, v, ev); break;
    case TRACE_F_EVENT_TIME: get_time(m, v, k, &ev->event_time); break;
    case TRACE_F_RECORD_TIME: get_time(m, v, k, &ev->record_time); break;
    case TRACE_F_TZ_OFFSET:
        if (jl_get_str(m, v, k, &ev->tz_offset) && trace_offset_parse(ev->tz_offset, NULL)) {
            char b[TRACE_DIAG_ARG_SIZE];
            jl_report(m, TRACE__D_BAD_TZ_OFFSET, "value", jl_cstr(b, sizeof(b), ev->tz_offset),
                      NULL, NULL);
        }
        break;
    case TRACE_F_EVENT_ID: get_id(m, v, k, &ev->event_id); break;
    case TRACE_F_ERROR_DECLARATION: get_error_declaration(m, v, &ev->error_declaration); break;
    case TRACE_F_CERTIFICATION:
        if (json_is_array(v)) {
            ev->certification_array = 1;
            get_ids(m, v, k, &ev->certification, &ev->ncertification);
        } else {
            trace_id *id = trace__arena_calloc(m->arena, sizeof(*id));
            if (!id) {
                m->nomem = 1;
                break;
            }
            get_id(m, v, k, id);
            if (id->raw.s)
                ev->certification = id, ev->ncertification = 1;
        }
        break;
    case TRACE_F_EPC_LIST: get_id_list(m, v, k, &ev->epc_list); break;
    case TRACE_F_PARENT_ID: get_id(m, v, k, &ev->parent_id); break;
    case TRACE_F_CHILD_EPCS: get_id_list(m, v, k, &ev->child_epcs); break;
    case TRACE_F_INPUT_EPCS: get_id_list(m, v, k, &ev->input_epcs); break;
    case TRACE_F_OUTPUT_EPCS: get_id_list(m, v, k, &ev->output_epcs); break;
    case TRACE_F_QUANTITY_LIST: get_quantities(m, v, k, &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST: get_quantities(m, v, k, &ev->child_quantity_list); break;
    case TRACE_F_INPUT_QUANTITY_LIST: get_quantities(m, v, k, &ev->input_quantity_list); break;
    case TRACE_F_OUTPUT_QUANTITY_LIST:
        get_quantities(m, v, k, &ev->output_quantity_list);
        break;
    case TRACE_F_ACTION: get_action(m, v, ev); break;
    case TRACE_F_TRANSFORMATION_ID: get_id(m, v, k, &ev->transformation_id); break;
    case TRACE_F_BIZ_STEP: get_vocab(m, v, k, TRACE_CBV_BIZSTEP, &ev->biz_step); break;
    case TRACE_F_DISPOSITION: get_vocab(m, v, k, TRACE_CBV_DISP, &ev->disposition); break;
    case TRACE_F_PERSISTENT_DISPOSITION: get_pd(m, v, ev); break;
    case TRACE_F_READ_POINT: get_location(m, v, k, &ev->read_point); break;
    case TRACE_F_BIZ_LOCATION: get_location(m, v, k, &ev->biz_location); break;
    case TRACE_F_BIZ_TRANSACTIONS:
        ev->biz_transactions_present = 1;
        get_typed_refs(m, v, k, "bizTransaction", TRACE_CBV_BTT, (void **)&ev->biz_transactions,
                       &ev->nbiz_transactions);
        break;
    case TRACE_F_SOURCES:
        get_typed_refs(m, v, k, "source", TRACE_CBV_SDT, (void **)&ev->sources, &ev->nsources);
        break;
    case TRACE_F_DESTINATIONS:
        get_typed_refs(m, v, k, "destination", TRACE_CBV_SDT, (void **)&ev->destinations,
                       &ev->ndestinations);
        break;
    case TRACE_F_SENSORS: get_sensors(m, v, ev); break;
    case TRACE_F_ILMD:
        if (is_object(m, v, k)) {
            const char *ik;
            json_t *iv;
            ev->has_ilmd = 1;
            json_object_foreach(v, ik, iv) { /* ILMD members must be namespaced */
                if (!strchr(ik, ':') && ik[0] != '@') {
                    size_t saved = jl_path_key(m, ik);
                    jl_report(m, TRACE__D_JSON_UNQUALIFIED_MEMBER, "member", ik, NULL, NULL);
                    jl_path_pop(m, saved);
                }
            }
            jl_ext_object(m, v, &ev->ilmd, &ev->nilmd);
        }
        break;
    case TRACE_F_CONTEXT: /* read before the other members */
    case TRACE_F_EXTENSION:
    case TRACE_F_COUNT: break;
    }
}

static void add_order(trace_event *ev, trace_field f, int *overflow)
{
    if (ev->norder < TRACE_EVENT_MAX_ORDER)
        ev->order[ev->norder++] = (uint8_t)f;
    else
        *overflow = 1;
}

int jl_event(jl_map *m, json_t *obj, trace_event *ev)
{
    const char *k;
    json_t *v;
    size_t ecap = 0;
    int overflow = 0;
    json_t *ctx = json_object_get(obj, "@context");
    ev->pos = m->pos;
    if (ctx) { /* an event-level @context scopes every member, wherever it stands */
        trace_str *urls;
        size_t nurls, i;
        if (jl_context(m, ctx, &ev->context, &ev->ncontext, &urls, &nurls) != TRACE_OK)
            return TRACE_ENOMEM;
        m->scope.ev = ev->context;
        m->scope.nev = ev->ncontext;
        for (i = 0; i < nurls; i++) { /* URL entries: terms with an empty prefix */
            size_t cap = ev->ncontext;
            trace_ns *t = jl_push(m, (void **)&ev->context, &ev->ncontext, &cap, sizeof(*t));
            if (!t)
                return TRACE_ENOMEM;
            t->uri = urls[i];
        }
        m->scope.ev = ev->context;
        m->scope.nev = ev->ncontext;
    }
    json_object_foreach(obj, k, v) {
        trace_field f;
        size_t saved = jl_path_key(m, k);
        if (field_of(k, &f)) {
            get_field(m, f, k, v, ev);
            add_order(ev, f, &overflow);
        } else {
            size_t before = ev->next, i;
            if (!strchr(k, ':') && k[0] != '@')
                jl_report(m, TRACE__D_JSON_UNQUALIFIED_MEMBER, "member", k, NULL, NULL);
            jl_path_pop(m, saved);
            if (jl_ext_member(m, k, v, &ev->ext, &ev->next, &ecap) != TRACE_OK)
                return TRACE_ENOMEM;
            for (i = before; i < ev->next; i++)
                add_order(ev, TRACE_F_EXTENSION, &overflow);
        }
        jl_path_pop(m, saved);
        if (m->nomem)
            return TRACE_ENOMEM;
    }
    if (overflow)
        ev->norder = 0; /* too many members to record: writers use canonical order */
    if (!ev->type_name.s) {
        jl_report(m, TRACE__D_JSON_MISSING_MEMBER, "member", "type", NULL, NULL);
        ev->type = TRACE_EVENT_EXTENSION;
    }
    m->scope.ev = NULL;
    m->scope.nev = 0;
    return m->nomem ? TRACE_ENOMEM : TRACE_OK;
}
