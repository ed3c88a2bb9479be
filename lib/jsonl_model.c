/*
 * jsonl_model.c - UTDS JSON Lines objects (parsed trees) into the model:
 * events, extension trees, sensors. Header, master data and trailer are in
 * jsonl_doc.c. Problems become diagnostics; the event is still returned.
 */
#include <string.h>

#include "diag_ids.h"
#include "jsonl_int.h"

trace_pos jm_pos(const jm_ctx *c, const jv *v)
{
    trace_pos p;
    p.line = c->line;
    p.column = c->csv_column ? (uint32_t)c->csv_column : (v ? v->off + 1 + c->col_base : 0);
    return p;
}

void jm_bad_type(jm_ctx *c, const jv *v, const char *member, const char *expected)
{
    trace__reader_report(c->r, TRACE__D_JSONL_BAD_TYPE, jm_pos(c, v), member, "member", member,
                         "expected", expected, NULL);
}

void *jm_alloc(jm_ctx *c, size_t n, size_t size)
{
    void *p;
    if (n == 0)
        return NULL;
    p = trace__arena_calloc(c->arena, n * size);
    if (!p)
        c->failed = 1;
    return p;
}

/* A string member, or an empty slice (with a diagnostic when the type is wrong). */
trace_str jm_str(jm_ctx *c, const jv *v, const char *member)
{
    trace_str none = {NULL, 0};
    if (!v)
        return none;
    if (v->kind != JV_STR) {
        jm_bad_type(c, v, member, "a string");
        return none;
    }
    return v->s;
}

static void jm_id(jm_ctx *c, const jv *v, const char *member, trace_id *id)
{
    id->raw = jm_str(c, v, member);
    id->form = trace_id_classify(id->raw);
    id->pos = jm_pos(c, v);
}

static void jm_ids(jm_ctx *c, const jv *v, const char *member, trace_id **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of strings");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_id));
    if (!*out)
        return;
    for (i = 0; i < v->n; i++)
        jm_id(c, &v->items[i], member, &(*out)[(*n)++]);
}

static void jm_idlist(jm_ctx *c, const jv *v, const char *member, trace_id_list *l)
{
    l->present = 1;
    l->pos = jm_pos(c, v);
    jm_ids(c, v, member, &l->items, &l->n);
}

void jm_unknown(jm_ctx *c, const jv *v, trace_str name)
{
    char tmp[128];
    size_t n = name.len < sizeof(tmp) - 1 ? name.len : sizeof(tmp) - 1;
    memcpy(tmp, name.s, n);
    tmp[n] = '\0';
    trace__reader_report(c->r, TRACE__D_JSONL_UNKNOWN_MEMBER, jm_pos(c, v), NULL, "name", tmp,
                         NULL);
}

/* Typed leaf: "value" (+ optional "type") into text/type. */
static void jm_typed(jm_ctx *c, const jv *obj, trace_str *text, trace_ext_type *type)
{
    const jv *v = jv_get(obj, "value"), *t = jv_get(obj, "type");
    *type = TRACE_EXT_STRING;
    text->s = NULL;
    text->len = 0;
    if (!v)
        return;
    switch (v->kind) {
    case JV_STR: *text = v->s; break;
    case JV_NUM: *text = v->s, *type = TRACE_EXT_NUMBER; break;
    case JV_TRUE: *text = trace_str_c("true"), *type = TRACE_EXT_BOOL; break;
    case JV_FALSE: *text = trace_str_c("false"), *type = TRACE_EXT_BOOL; break;
    case JV_NULL: *type = TRACE_EXT_NULL; break;
    default: jm_bad_type(c, v, "value", "a string, number, boolean or null"); return;
    }
    if (t && v->kind == JV_STR) {
        if (t->kind == JV_STR && trace_str_eq(t->s, "number"))
            *type = TRACE_EXT_NUMBER;
        else if (t->kind == JV_STR && trace_str_eq(t->s, "bool"))
            *type = TRACE_EXT_BOOL;
        else if (t->kind == JV_STR && trace_str_eq(t->s, "null"))
            *type = TRACE_EXT_NULL;
        else
            jm_bad_type(c, t, "type", "\"number\", \"bool\" or \"null\"");
    }
}

static void jm_ext_node(jm_ctx *c, const jv *o, trace_ext *e);

void jm_ext_array(jm_ctx *c, const jv *v, const char *member, trace_ext **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of extension nodes");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_ext));
    if (!*out)
        return;
    for (i = 0; i < v->n; i++) {
        if (v->items[i].kind != JV_OBJ) {
            jm_bad_type(c, &v->items[i], member, "an array of extension nodes");
            continue;
        }
        jm_ext_node(c, &v->items[i], &(*out)[(*n)++]);
    }
}

static void jm_ext_attrs(jm_ctx *c, const jv *v, trace_ext *e)
{
    size_t i;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, "attrs", "an array of objects");
        return;
    }
    e->attrs = jm_alloc(c, v->n, sizeof(trace_ext_attr));
    if (!e->attrs)
        return;
    for (i = 0; i < v->n; i++) {
        const jv *a = &v->items[i];
        trace_ext_attr *x = &e->attrs[e->nattrs];
        if (a->kind != JV_OBJ) {
            jm_bad_type(c, a, "attrs", "an array of objects");
            continue;
        }
        x->ns = jm_str(c, jv_get(a, "ns"), "ns");
        x->name = jm_str(c, jv_get(a, "name"), "name");
        x->prefix = jm_str(c, jv_get(a, "prefix"), "prefix");
        x->value = jm_str(c, jv_get(a, "value"), "value");
        e->nattrs++;
    }
}

static void jm_ext_node(jm_ctx *c, const jv *o, trace_ext *e)
{
    const jv *v;
    memset(e, 0, sizeof(*e));
    e->pos = jm_pos(c, o);
    if ((v = jv_get(o, "text")) != NULL) {
        e->kind = TRACE_EXT_TEXT;
        e->text = jm_str(c, v, "text");
        return;
    }
    if ((v = jv_get(o, "comment")) != NULL) {
        e->kind = TRACE_EXT_COMMENT;
        e->text = jm_str(c, v, "comment");
        return;
    }
    e->kind = TRACE_EXT_ELEMENT;
    e->ns = jm_str(c, jv_get(o, "ns"), "ns");
    e->name = jm_str(c, jv_get(o, "name"), "name");
    e->prefix = jm_str(c, jv_get(o, "prefix"), "prefix");
    e->xsi_type = jm_str(c, jv_get(o, "xsi"), "xsi");
    if ((v = jv_get(o, "array")) != NULL)
        e->array = v->kind == JV_TRUE;
    if ((v = jv_get(o, "attrs")) != NULL)
        jm_ext_attrs(c, v, e);
    if ((v = jv_get(o, "children")) != NULL)
        jm_ext_array(c, v, "children", &e->children, &e->nchildren);
    jm_typed(c, o, &e->text, &e->type);
}

/* ------------------------------------------------------------ event parts */

static void jm_qty(jm_ctx *c, const jv *v, const char *member, trace_quantity_list *l)
{
    size_t i;
    l->present = 1;
    l->pos = jm_pos(c, v);
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of objects");
        return;
    }
    l->items = jm_alloc(c, v->n, sizeof(trace_quantity));
    if (!l->items)
        return;
    for (i = 0; i < v->n; i++) {
        const jv *o = &v->items[i], *q;
        trace_quantity *x = &l->items[l->n];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, member, "an array of objects");
            continue;
        }
        x->pos = jm_pos(c, o);
        jm_id(c, jv_get(o, "epcClass"), "epcClass", &x->epc_class);
        if ((q = jv_get(o, "quantity")) != NULL) {
            if (q->kind == JV_NUM || q->kind == JV_STR)
                x->quantity.lexeme = q->s;
            else
                jm_bad_type(c, q, "quantity", "a number");
            x->quantity.pos = jm_pos(c, q);
        }
        x->uom = jm_str(c, jv_get(o, "uom"), "uom");
        l->n++;
    }
}

static void jm_vocab(jm_ctx *c, const jv *v, const char *member, trace_cbv_list list,
                     trace_vocab *out)
{
    trace_vocab_set(out, list, jm_str(c, v, member));
    out->pos = jm_pos(c, v);
}

static void jm_parties(jm_ctx *c, const jv *v, const char *member, const char *idkey,
                       trace_party_ref **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of objects");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_party_ref));
    if (!*out)
        return;
    for (i = 0; i < v->n; i++) {
        const jv *o = &v->items[i];
        trace_party_ref *p = &(*out)[*n];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, member, "an array of objects");
            continue;
        }
        p->pos = jm_pos(c, o);
        jm_vocab(c, jv_get(o, "type"), "type", TRACE_CBV_SDT, &p->type);
        jm_id(c, jv_get(o, idkey), idkey, &p->id);
        (*n)++;
    }
}

static void jm_location(jm_ctx *c, const jv *v, const char *member, trace_location *l)
{
    const jv *x;
    l->present = 1;
    l->pos = jm_pos(c, v);
    if (v->kind != JV_OBJ) {
        jm_bad_type(c, v, member, "an object");
        return;
    }
    jm_id(c, jv_get(v, "id"), "id", &l->id);
    if ((x = jv_get(v, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &l->ext, &l->next);
}

static void jm_sensor_attrs(jm_ctx *c, const jv *v, trace_sensor_attr **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, "attrs", "an array of objects");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_sensor_attr));
    if (!*out)
        return;
    for (i = 0; i < v->n; i++) {
        const jv *o = &v->items[i];
        trace_sensor_attr *a = &(*out)[*n];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, "attrs", "an array of objects");
            continue;
        }
        a->ns = jm_str(c, jv_get(o, "ns"), "ns");
        a->name = jm_str(c, jv_get(o, "name"), "name");
        a->prefix = jm_str(c, jv_get(o, "prefix"), "prefix");
        jm_typed(c, o, &a->value, &a->type);
        (*n)++;
    }
}

static void jm_sensor(jm_ctx *c, const jv *o, trace_sensor_element *s)
{
    const jv *v;
    size_t j;
    s->pos = jm_pos(c, o);
    if ((v = jv_get(o, "sensorMetadata")) != NULL) {
        s->has_metadata = 1;
        jm_sensor_attrs(c, v, &s->metadata, &s->nmetadata);
    }
    if ((v = jv_get(o, "sensorReport")) != NULL) {
        if (v->kind != JV_ARR) {
            jm_bad_type(c, v, "sensorReport", "an array of objects");
        } else if ((s->reports = jm_alloc(c, v->n, sizeof(trace_sensor_report))) != NULL) {
            for (j = 0; j < v->n; j++) {
                const jv *r = &v->items[j], *x;
                trace_sensor_report *rep = &s->reports[s->nreports];
                if (r->kind != JV_OBJ) {
                    jm_bad_type(c, r, "sensorReport", "an array of objects");
                    continue;
                }
                rep->pos = jm_pos(c, r);
                if ((x = jv_get(r, "attrs")) != NULL)
                    jm_sensor_attrs(c, x, &rep->attrs, &rep->nattrs);
                if ((x = jv_get(r, "ext")) != NULL)
                    jm_ext_array(c, x, "ext", &rep->ext, &rep->next);
                s->nreports++;
            }
        }
    }
    if ((v = jv_get(o, "ext")) != NULL)
        jm_ext_array(c, v, "ext", &s->ext, &s->next);
}

static void jm_sensors(jm_ctx *c, const jv *v, trace_event *ev)
{
    size_t i;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, "sensorElementList", "an array of objects");
        return;
    }
    ev->sensors = jm_alloc(c, v->n, sizeof(trace_sensor_element));
    if (!ev->sensors)
        return;
    for (i = 0; i < v->n; i++) {
        if (v->items[i].kind != JV_OBJ) {
            jm_bad_type(c, &v->items[i], "sensorElementList", "an array of objects");
            continue;
        }
        jm_sensor(c, &v->items[i], &ev->sensors[ev->nsensors++]);
    }
}

static void jm_error_declaration(jm_ctx *c, const jv *v, trace_error_declaration *e)
{
    const jv *x;
    e->present = 1;
    e->pos = jm_pos(c, v);
    if (v->kind != JV_OBJ) {
        jm_bad_type(c, v, "errorDeclaration", "an object");
        return;
    }
    if ((x = jv_get(v, "declarationTime")) != NULL) {
        trace_time_parse(jm_str(c, x, "declarationTime"), &e->declaration_time);
        e->declaration_time.pos = jm_pos(c, x);
        if (!e->declaration_time.valid)
            jm_bad_time(c, x, "declarationTime", e->declaration_time.lexeme);
    }
    if ((x = jv_get(v, "reason")) != NULL)
        jm_vocab(c, x, "reason", TRACE_CBV_ER, &e->reason);
    if ((x = jv_get(v, "correctiveEventIDs")) != NULL)
        jm_ids(c, x, "correctiveEventIDs", &e->corrective_ids, &e->ncorrective_ids);
    if ((x = jv_get(v, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &e->ext, &e->next);
}

static void jm_vocabs(jm_ctx *c, const jv *v, const char *member, trace_vocab **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (!v)
        return;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of strings");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_vocab));
    for (i = 0; *out && i < v->n; i++)
        jm_vocab(c, &v->items[i], member, TRACE_CBV_DISP, &(*out)[(*n)++]);
}

/* ------------------------------------------------------------ event members */

void jm_bad_time(jm_ctx *c, const jv *v, const char *field, trace_str lexeme)
{
    char tmp[96];
    size_t n = lexeme.len < sizeof(tmp) - 1 ? lexeme.len : sizeof(tmp) - 1;
    memcpy(tmp, lexeme.s ? lexeme.s : "", n);
    tmp[n] = '\0';
    trace__reader_report(c->r, TRACE__D_BAD_TIMESTAMP, jm_pos(c, v), field, "field", field,
                         "value", tmp, NULL);
}

static void jm_time(jm_ctx *c, const jv *v, const char *field, trace_time *t)
{
    trace_str s = jm_str(c, v, field);
    trace_time_parse(s, t);
    t->pos = jm_pos(c, v);
    if (s.len && !t->valid)
        jm_bad_time(c, v, field, s);
}

static void jm_type(jm_ctx *c, const jv *v, trace_event *ev)
{
    ev->type_name = jm_str(c, v, "type");
    if (trace_event_type_from_name(ev->type_name, &ev->type) != TRACE_OK) {
        char tmp[128];
        size_t n = ev->type_name.len < sizeof(tmp) - 1 ? ev->type_name.len : sizeof(tmp) - 1;
        memcpy(tmp, ev->type_name.s ? ev->type_name.s : "", n);
        tmp[n] = '\0';
        ev->type = TRACE_EVENT_EXTENSION;
        trace__reader_report(c->r, TRACE__D_UNKNOWN_EVENT_TYPE, jm_pos(c, v), "type", "value",
                             tmp, NULL);
    }
}

static void jm_action(jm_ctx *c, const jv *v, trace_event *ev)
{
    static const trace_action acts[] = {TRACE_ACTION_ADD, TRACE_ACTION_OBSERVE,
                                        TRACE_ACTION_DELETE};
    size_t i;
    ev->action_raw = jm_str(c, v, "action");
    ev->action = TRACE_ACTION_INVALID;
    for (i = 0; i < 3; i++)
        if (trace_str_eq(ev->action_raw, trace_action_name(acts[i])))
            ev->action = acts[i];
    if (ev->action == TRACE_ACTION_INVALID) {
        char tmp[64];
        size_t n = ev->action_raw.len < sizeof(tmp) - 1 ? ev->action_raw.len : sizeof(tmp) - 1;
        memcpy(tmp, ev->action_raw.s ? ev->action_raw.s : "", n);
        tmp[n] = '\0';
        trace__reader_report(c->r, TRACE__D_BAD_ACTION, jm_pos(c, v), "action", "value", tmp,
                             NULL);
    }
}

static void jm_certification(jm_ctx *c, const jv *v, trace_event *ev)
{
    if (v->kind == JV_ARR) {
        ev->certification_array = 1;
        jm_ids(c, v, "certificationInfo", &ev->certification, &ev->ncertification);
        return;
    }
    ev->certification = jm_alloc(c, 1, sizeof(trace_id));
    if (!ev->certification)
        return;
    jm_id(c, v, "certificationInfo", &ev->certification[0]);
    ev->ncertification = ev->certification[0].raw.len ? 1 : 0;
}

static void jm_tz(jm_ctx *c, const jv *v, trace_event *ev)
{
    ev->tz_offset = jm_str(c, v, "eventTimeZoneOffset");
    if (ev->tz_offset.len && trace_offset_parse(ev->tz_offset, NULL) != TRACE_OK) {
        char tmp[64];
        size_t n = ev->tz_offset.len < sizeof(tmp) - 1 ? ev->tz_offset.len : sizeof(tmp) - 1;
        memcpy(tmp, ev->tz_offset.s, n);
        tmp[n] = '\0';
        trace__reader_report(c->r, TRACE__D_BAD_TZ_OFFSET, jm_pos(c, v), "eventTimeZoneOffset",
                             "value", tmp, NULL);
    }
}

static void jm_ns(jm_ctx *c, const jv *v, const char *member, trace_ns **out, size_t *n)
{
    size_t i;
    *n = 0;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of [prefix, uri] pairs");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_ns));
    for (i = 0; *out && i < v->n; i++) {
        const jv *p = &v->items[i];
        if (p->kind != JV_ARR || p->n != 2 || p->items[0].kind != JV_STR ||
            p->items[1].kind != JV_STR) {
            jm_bad_type(c, p, member, "an array of [prefix, uri] pairs");
            continue;
        }
        (*out)[*n].prefix = p->items[0].s;
        (*out)[(*n)++].uri = p->items[1].s;
    }
}

/* Event member names by field, with their lengths (the hot path compares many keys). */
#define NM(s) {s, sizeof(s) - 1}
static const struct {
    const char *s;
    size_t len;
} member_names[TRACE_F_COUNT] = {
    NM("type"), NM("eventTime"), NM("recordTime"), NM("eventTimeZoneOffset"), NM("eventID"),
    NM("errorDeclaration"), NM("certificationInfo"), NM("epcList"), NM("parentID"),
    NM("childEPCs"), NM("inputEPCList"), NM("outputEPCList"), NM("quantityList"),
    NM("childQuantityList"), NM("inputQuantityList"), NM("outputQuantityList"), NM("action"),
    NM("transformationID"), NM("bizStep"), NM("disposition"), NM("persistentDisposition"),
    NM("readPoint"), NM("bizLocation"), NM("bizTransactionList"), NM("sourceList"),
    NM("destinationList"), NM("sensorElementList"), NM("ilmd"), NM("ext"), NM("@context")};
#undef NM

/* Field of an event member name; TRACE_F_COUNT when unknown. */
static trace_field field_of(trace_str key)
{
    size_t f;
    for (f = 0; f < TRACE_F_COUNT; f++)
        if (member_names[f].len == key.len && member_names[f].s[0] == key.s[0] &&
            !memcmp(member_names[f].s, key.s, key.len))
            return (trace_field)f;
    return TRACE_F_COUNT;
}

static void jm_pd(jm_ctx *c, const jv *v, trace_event *ev)
{
    ev->has_persistent_disposition = 1;
    if (v->kind != JV_OBJ) {
        jm_bad_type(c, v, "persistentDisposition", "an object");
        return;
    }
    jm_vocabs(c, jv_get(v, "set"), "set", &ev->pd_set, &ev->npd_set);
    jm_vocabs(c, jv_get(v, "unset"), "unset", &ev->pd_unset, &ev->npd_unset);
}

static void jm_btx(jm_ctx *c, const jv *v, trace_event *ev)
{
    size_t i;
    ev->biz_transactions_present = 1;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, "bizTransactionList", "an array of objects");
        return;
    }
    ev->biz_transactions = jm_alloc(c, v->n, sizeof(trace_biz_transaction));
    for (i = 0; ev->biz_transactions && i < v->n; i++) {
        const jv *o = &v->items[i];
        trace_biz_transaction *t = &ev->biz_transactions[ev->nbiz_transactions];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, "bizTransactionList", "an array of objects");
            continue;
        }
        t->pos = jm_pos(c, o);
        jm_vocab(c, jv_get(o, "type"), "type", TRACE_CBV_BTT, &t->type);
        jm_id(c, jv_get(o, "bizTransaction"), "bizTransaction", &t->id);
        ev->nbiz_transactions++;
    }
}

static void jm_field(jm_ctx *c, trace_field f, const jv *v, trace_event *ev)
{
    switch (f) {
    case TRACE_F_TYPE: jm_type(c, v, ev); break;
    case TRACE_F_EVENT_TIME: jm_time(c, v, "eventTime", &ev->event_time); break;
    case TRACE_F_RECORD_TIME: jm_time(c, v, "recordTime", &ev->record_time); break;
    case TRACE_F_TZ_OFFSET: jm_tz(c, v, ev); break;
    case TRACE_F_EVENT_ID: jm_id(c, v, "eventID", &ev->event_id); break;
    case TRACE_F_ERROR_DECLARATION: jm_error_declaration(c, v, &ev->error_declaration); break;
    case TRACE_F_CERTIFICATION: jm_certification(c, v, ev); break;
    case TRACE_F_EPC_LIST: jm_idlist(c, v, "epcList", &ev->epc_list); break;
    case TRACE_F_PARENT_ID: jm_id(c, v, "parentID", &ev->parent_id); break;
    case TRACE_F_CHILD_EPCS: jm_idlist(c, v, "childEPCs", &ev->child_epcs); break;
    case TRACE_F_INPUT_EPCS: jm_idlist(c, v, "inputEPCList", &ev->input_epcs); break;
    case TRACE_F_OUTPUT_EPCS: jm_idlist(c, v, "outputEPCList", &ev->output_epcs); break;
    case TRACE_F_QUANTITY_LIST: jm_qty(c, v, "quantityList", &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST:
        jm_qty(c, v, "childQuantityList", &ev->child_quantity_list);
        break;
    case TRACE_F_INPUT_QUANTITY_LIST:
        jm_qty(c, v, "inputQuantityList", &ev->input_quantity_list);
        break;
    case TRACE_F_OUTPUT_QUANTITY_LIST:
        jm_qty(c, v, "outputQuantityList", &ev->output_quantity_list);
        break;
    case TRACE_F_ACTION: jm_action(c, v, ev); break;
    case TRACE_F_TRANSFORMATION_ID: jm_id(c, v, "transformationID", &ev->transformation_id); break;
    case TRACE_F_BIZ_STEP: jm_vocab(c, v, "bizStep", TRACE_CBV_BIZSTEP, &ev->biz_step); break;
    case TRACE_F_DISPOSITION: jm_vocab(c, v, "disposition", TRACE_CBV_DISP, &ev->disposition); break;
    case TRACE_F_PERSISTENT_DISPOSITION: jm_pd(c, v, ev); break;
    case TRACE_F_READ_POINT: jm_location(c, v, "readPoint", &ev->read_point); break;
    case TRACE_F_BIZ_LOCATION: jm_location(c, v, "bizLocation", &ev->biz_location); break;
    case TRACE_F_BIZ_TRANSACTIONS: jm_btx(c, v, ev); break;
    case TRACE_F_SOURCES: jm_parties(c, v, "sourceList", "source", &ev->sources, &ev->nsources); break;
    case TRACE_F_DESTINATIONS:
        jm_parties(c, v, "destinationList", "destination", &ev->destinations, &ev->ndestinations);
        break;
    case TRACE_F_SENSORS: jm_sensors(c, v, ev); break;
    case TRACE_F_ILMD:
        ev->has_ilmd = 1;
        jm_ext_array(c, v, "ilmd", &ev->ilmd, &ev->nilmd);
        break;
    case TRACE_F_EXTENSION: jm_ext_array(c, v, "ext", &ev->ext, &ev->next); break;
    case TRACE_F_CONTEXT: jm_ns(c, v, "@context", &ev->context, &ev->ncontext); break;
    case TRACE_F_COUNT: break;
    }
}

static void order_add(trace_event *ev, trace_field f)
{
    if (ev->norder < TRACE_EVENT_MAX_ORDER)
        ev->order[ev->norder++] = (uint8_t)f;
}

void jm_event_member(jm_ctx *c, trace_str key, const jv *v, trace_event *ev, int *seen_ext)
{
    trace_field f = field_of(key);
    size_t i;
    (void)seen_ext;
    if (f == TRACE_F_COUNT) {
        if (trace_str_eq(key, "order") && !c->order)
            c->order = v;
        else
            jm_unknown(c, v, key);
        return;
    }
    if (c->seen >> f & 1) {
        char tmp[64];
        trace__strlcpy(tmp, f == TRACE_F_EXTENSION ? "ext" : trace_field_name(f), sizeof(tmp));
        trace__reader_report(c->r, TRACE__D_JSONL_DUPLICATE, jm_pos(c, v), NULL, "name", tmp,
                             NULL);
        return;
    }
    c->seen |= (uint64_t)1 << f;
    jm_field(c, f, v, ev);
    if (f == TRACE_F_EXTENSION)
        for (i = 0; i < ev->next; i++)
            order_add(ev, f);
    else
        order_add(ev, f);
}

int jm_event(jm_ctx *c, const jv *obj, trace_event *ev)
{
    size_t i;
    c->seen = 0;
    c->order = NULL;
    ev->pos = jm_pos(c, obj);
    ev->pos.column = c->csv_column ? ev->pos.column : 1;
    for (i = 0; i < obj->n; i++)
        jm_event_member(c, obj->keys[i], &obj->items[i], ev, NULL);
    jm_event_finish(c, ev);
    return c->failed ? TRACE_ENOMEM : TRACE_OK;
}

void jm_event_finish(jm_ctx *c, trace_event *ev)
{
    size_t i;
    if (!(c->seen & 1)) {
        trace__reader_report(c->r, TRACE__D_JSONL_MISSING, ev->pos, NULL, "member", "type",
                             NULL);
        ev->type = TRACE_EVENT_EXTENSION;
    }
    if (!c->order)
        return;
    if (c->order->kind != JV_ARR) {
        jm_bad_type(c, c->order, "order", "an array of member names");
        return;
    }
    ev->norder = 0;
    for (i = 0; i < c->order->n; i++) {
        const jv *n = &c->order->items[i];
        trace_field f = n->kind == JV_STR ? field_of(n->s) : TRACE_F_COUNT;
        if (f == TRACE_F_COUNT) {
            jm_bad_type(c, n, "order", "an array of member names");
            continue;
        }
        order_add(ev, f);
    }
}
