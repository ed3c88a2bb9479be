/*
 * jsonld_wevent.c - one trace_event as an EPCIS 2.0 JSON-LD event object:
 * members in canonical or as-read order, CBV values in the chosen spelling
 * (bare by default, as the JSON binding requires), number lexemes written
 * as read, JSON types of sensor values, and losses reported
 * (spec/utds-3-jsonld.md, sections "Writing" and "Losses").
 */
#include <stdio.h>
#include <string.h>

#include "jsonld_int.h"


/* Canonical member order per event type: the XSD sequence, type first. */
#define COMMON TRACE_F_TYPE, TRACE_F_EVENT_TIME, TRACE_F_RECORD_TIME, TRACE_F_TZ_OFFSET, \
               TRACE_F_EVENT_ID, TRACE_F_ERROR_DECLARATION, TRACE_F_CERTIFICATION
#define TAIL TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS, \
             TRACE_F_PERSISTENT_DISPOSITION
#define WHY TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION

static const uint8_t order_object[] = {COMMON, TRACE_F_EPC_LIST, TRACE_F_ACTION, WHY,
                                       TRACE_F_BIZ_TRANSACTIONS, TRACE_F_QUANTITY_LIST, TAIL,
                                       TRACE_F_ILMD, TRACE_F_COUNT};
static const uint8_t order_aggregation[] = {COMMON, TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS,
                                            TRACE_F_ACTION, WHY, TRACE_F_BIZ_TRANSACTIONS,
                                            TRACE_F_CHILD_QUANTITY_LIST, TAIL, TRACE_F_COUNT};
static const uint8_t order_transaction[] = {COMMON, TRACE_F_BIZ_TRANSACTIONS, TRACE_F_PARENT_ID,
                                            TRACE_F_EPC_LIST, TRACE_F_ACTION, WHY,
                                            TRACE_F_QUANTITY_LIST, TAIL, TRACE_F_COUNT};
static const uint8_t order_transformation[] = {
    COMMON, TRACE_F_INPUT_EPCS, TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_EPCS,
    TRACE_F_OUTPUT_QUANTITY_LIST, TRACE_F_TRANSFORMATION_ID, WHY, TRACE_F_BIZ_TRANSACTIONS,
    TAIL, TRACE_F_ILMD, TRACE_F_COUNT};
static const uint8_t order_association[] = {COMMON, TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS,
                                            TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_ACTION, WHY,
                                            TRACE_F_BIZ_TRANSACTIONS, TAIL, TRACE_F_COUNT};
/* An extension event may carry any field. */
static const uint8_t order_any[] = {COMMON, TRACE_F_BIZ_TRANSACTIONS, TRACE_F_PARENT_ID,
                                    TRACE_F_EPC_LIST, TRACE_F_CHILD_EPCS, TRACE_F_INPUT_EPCS,
                                    TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_EPCS,
                                    TRACE_F_OUTPUT_QUANTITY_LIST, TRACE_F_TRANSFORMATION_ID,
                                    TRACE_F_ACTION, WHY, TRACE_F_QUANTITY_LIST,
                                    TRACE_F_CHILD_QUANTITY_LIST, TAIL, TRACE_F_ILMD,
                                    TRACE_F_COUNT};

static const uint8_t *canonical(trace_event_type t)
{
    switch (t) {
    case TRACE_EVENT_OBJECT: return order_object;
    case TRACE_EVENT_AGGREGATION: return order_aggregation;
    case TRACE_EVENT_TRANSACTION: return order_transaction;
    case TRACE_EVENT_TRANSFORMATION: return order_transformation;
    case TRACE_EVENT_ASSOCIATION: return order_association;
    case TRACE_EVENT_EXTENSION: break;
    }
    return order_any;
}

/* ------------------------------------------------------------- values */

/* A JSON number lexeme (RFC 8259 grammar)? */
static int json_number_ok(trace_str s)
{
    size_t i = 0, d;
    if (i < s.len && s.s[i] == '-')
        i++;
    if (i >= s.len)
        return 0;
    if (s.s[i] == '0')
        i++;
    else if (s.s[i] >= '1' && s.s[i] <= '9')
        while (i < s.len && s.s[i] >= '0' && s.s[i] <= '9')
            i++;
    else
        return 0;
    if (i < s.len && s.s[i] == '.') {
        for (d = ++i; i < s.len && s.s[i] >= '0' && s.s[i] <= '9'; i++)
            ;
        if (i == d)
            return 0;
    }
    if (i < s.len && (s.s[i] == 'e' || s.s[i] == 'E')) {
        i++;
        if (i < s.len && (s.s[i] == '+' || s.s[i] == '-'))
            i++;
        for (d = i; i < s.len && s.s[i] >= '0' && s.s[i] <= '9'; i++)
            ;
        if (i == d)
            return 0;
    }
    return i == s.len;
}

/* A decimal lexeme as a JSON number: as read when JSON allows it, else a string (a loss). */
static void number(jl_w *j, trace_str lx, const char *what)
{
    if (json_number_ok(lx)) {
        jl_w_raw(j, lx);
        return;
    }
    jl_w_string(j, lx);
    jl_w_loss(j, TRACE__D_CHANGED, what, "a JSON string (not a JSON number lexeme)");
}

static void vocab(jl_w *j, const trace_vocab *v, trace_cbv_list list)
{
    trace_cbv_style style = j->w->opts.cbv;
    size_t n;
    trace_str s;
    if (style == TRACE_CBV_STYLE_KEEP && v->form == TRACE_CBV_URN)
        style = TRACE_CBV_STYLE_BARE; /* the JSON binding has no URN spelling of CBV values */
    if (style == TRACE_CBV_STYLE_KEEP) {
        jl_w_string(j, v->raw);
        return;
    }
    n = trace_vocab_format(v, list, style, j->scratch, j->scratch_cap);
    if (n >= j->scratch_cap) {
        char *p = trace__realloc(j->w->alloc, j->scratch, n + 64);
        if (!p)
            return;
        j->scratch = p;
        j->scratch_cap = n + 64;
        trace_vocab_format(v, list, style, j->scratch, j->scratch_cap);
    }
    s.s = j->scratch;
    s.len = n;
    jl_w_string(j, s);
}

static void id_list(jl_w *j, const trace_id *ids, size_t n)
{
    size_t i;
    jl_w_open_arr(j);
    for (i = 0; i < n; i++) {
        jl_w_sep(j);
        jl_w_string(j, ids[i].raw);
    }
    jl_w_close_arr(j);
}

static void quantities(jl_w *j, const trace_quantity_list *l)
{
    size_t i;
    jl_w_open_arr(j);
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        jl_w_sep(j);
        jl_w_open_obj(j);
        jl_w_kv(j, "epcClass", q->epc_class.raw);
        if (q->quantity.lexeme.len) {
            jl_w_key(j, "quantity");
            number(j, q->quantity.lexeme, "a quantity");
        }
        if (q->uom.len)
            jl_w_kv(j, "uom", q->uom);
        jl_w_close_obj(j);
    }
    jl_w_close_arr(j);
}

static void refs(jl_w *j, const trace_party_ref *p, size_t n, const char *member,
                 trace_cbv_list list)
{
    size_t i;
    jl_w_open_arr(j);
    for (i = 0; i < n; i++) {
        jl_w_sep(j);
        jl_w_open_obj(j);
        if (p[i].type.form != TRACE_CBV_NONE) {
            jl_w_key(j, "type");
            vocab(j, &p[i].type, list);
        }
        jl_w_kv(j, member, p[i].id.raw);
        jl_w_close_obj(j);
    }
    jl_w_close_arr(j);
}

static void location(jl_w *j, const trace_location *loc)
{
    jl_w_open_obj(j);
    if (loc->id.raw.len)
        jl_w_kv(j, "id", loc->id.raw);
    jl_w_ext_members(j, loc->ext, loc->next);
    jl_w_close_obj(j);
}

static void error_declaration(jl_w *j, const trace_error_declaration *e)
{
    jl_w_open_obj(j);
    if (e->declaration_time.lexeme.len)
        jl_w_kv(j, "declarationTime", e->declaration_time.lexeme);
    if (e->reason.form != TRACE_CBV_NONE) {
        jl_w_key(j, "reason");
        vocab(j, &e->reason, TRACE_CBV_ER);
    }
    if (e->ncorrective_ids) {
        jl_w_key(j, "correctiveEventIDs");
        id_list(j, e->corrective_ids, e->ncorrective_ids);
    }
    jl_w_ext_members(j, e->ext, e->next);
    jl_w_close_obj(j);
}

static void persistent_disposition(jl_w *j, const trace_event *ev)
{
    size_t i;
    jl_w_open_obj(j);
    if (ev->npd_set) {
        jl_w_key(j, "set");
        jl_w_open_arr(j);
        for (i = 0; i < ev->npd_set; i++) {
            jl_w_sep(j);
            vocab(j, &ev->pd_set[i], TRACE_CBV_DISP);
        }
        jl_w_close_arr(j);
    }
    if (ev->npd_unset) {
        jl_w_key(j, "unset");
        jl_w_open_arr(j);
        for (i = 0; i < ev->npd_unset; i++) {
            jl_w_sep(j);
            vocab(j, &ev->pd_unset[i], TRACE_CBV_DISP);
        }
        jl_w_close_arr(j);
    }
    jl_w_close_obj(j);
}

/* Names of sensorReport attributes the JSON schema types as numbers / booleans. */
static int numeric_attr(trace_str name)
{
    static const char *const num[] = {"value", "minValue", "maxValue", "meanValue",
                                      "sDev", "percRank", "percValue"};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(num); i++)
        if (trace_str_eq(name, num[i]))
            return 1;
    return 0;
}

static void sensor_attrs(jl_w *j, const trace_sensor_attr *a, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        trace_ext_type t = a[i].type;
        jl_w_qkey(j, a[i].ns, a[i].prefix, a[i].name);
        /* XML carries every attribute as text: give the schema's JSON types back. */
        if (t == TRACE_EXT_STRING && !a[i].ns.len && numeric_attr(a[i].name) &&
            json_number_ok(a[i].value))
            t = TRACE_EXT_NUMBER;
        if (t == TRACE_EXT_STRING && !a[i].ns.len && trace_str_eq(a[i].name, "booleanValue") &&
            (trace_str_eq(a[i].value, "true") || trace_str_eq(a[i].value, "false")))
            t = TRACE_EXT_BOOL;
        if (t == TRACE_EXT_NUMBER)
            number(j, a[i].value, "a sensor value");
        else if (t == TRACE_EXT_BOOL)
            jl_w_raw(j, a[i].value);
        else if (t == TRACE_EXT_NULL)
            trace__out_puts(j->o, "null");
        else
            jl_w_string(j, a[i].value);
    }
}

static void sensors(jl_w *j, const trace_event *ev)
{
    size_t i, k;
    jl_w_open_arr(j);
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *se = &ev->sensors[i];
        jl_w_sep(j);
        jl_w_open_obj(j);
        if (se->has_metadata || se->nmetadata) {
            jl_w_key(j, "sensorMetadata");
            jl_w_open_obj(j);
            sensor_attrs(j, se->metadata, se->nmetadata);
            jl_w_close_obj(j);
        }
        if (se->nreports) {
            jl_w_key(j, "sensorReport");
            jl_w_open_arr(j);
            for (k = 0; k < se->nreports; k++) {
                jl_w_sep(j);
                jl_w_open_obj(j);
                sensor_attrs(j, se->reports[k].attrs, se->reports[k].nattrs);
                jl_w_ext_members(j, se->reports[k].ext, se->reports[k].next);
                jl_w_close_obj(j);
            }
            jl_w_close_arr(j);
        }
        jl_w_ext_members(j, se->ext, se->next);
        jl_w_close_obj(j);
    }
    jl_w_close_arr(j);
}

static void event_context(jl_w *j, const trace_event *ev)
{
    size_t i, nurls = 0;
    for (i = 0; i < ev->ncontext; i++)
        nurls += ev->context[i].prefix.len == 0;
    jl_w_key(j, "@context");
    if (nurls)
        jl_w_open_arr(j);
    for (i = 0; i < ev->ncontext; i++)
        if (!ev->context[i].prefix.len) {
            jl_w_sep(j);
            jl_w_string(j, ev->context[i].uri);
        }
    if (j->nevns) {
        if (nurls)
            jl_w_sep(j);
        jl_w_open_obj(j);
        for (i = 0; i < j->nevns; i++)
            jl_w_kv(j, j->evns[i].prefix.s, j->evns[i].uri);
        jl_w_close_obj(j);
    }
    if (nurls)
        jl_w_close_arr(j);
}

/* ------------------------------------------------------------- members */

static int present(const trace_event *ev, trace_field f)
{
    switch (f) {
    case TRACE_F_TYPE: return 1;
    case TRACE_F_EVENT_TIME: return ev->event_time.lexeme.len > 0;
    case TRACE_F_RECORD_TIME: return ev->record_time.lexeme.len > 0;
    case TRACE_F_TZ_OFFSET: return ev->tz_offset.len > 0;
    case TRACE_F_EVENT_ID: return ev->event_id.raw.len > 0;
    case TRACE_F_ERROR_DECLARATION: return ev->error_declaration.present;
    case TRACE_F_CERTIFICATION: return ev->ncertification > 0 || ev->certification_array;
    case TRACE_F_EPC_LIST: return ev->epc_list.present || ev->epc_list.n;
    case TRACE_F_PARENT_ID: return ev->parent_id.raw.len > 0;
    case TRACE_F_CHILD_EPCS: return ev->child_epcs.present || ev->child_epcs.n;
    case TRACE_F_INPUT_EPCS: return ev->input_epcs.present || ev->input_epcs.n;
    case TRACE_F_OUTPUT_EPCS: return ev->output_epcs.present || ev->output_epcs.n;
    case TRACE_F_QUANTITY_LIST: return ev->quantity_list.present || ev->quantity_list.n;
    case TRACE_F_CHILD_QUANTITY_LIST:
        return ev->child_quantity_list.present || ev->child_quantity_list.n;
    case TRACE_F_INPUT_QUANTITY_LIST:
        return ev->input_quantity_list.present || ev->input_quantity_list.n;
    case TRACE_F_OUTPUT_QUANTITY_LIST:
        return ev->output_quantity_list.present || ev->output_quantity_list.n;
    case TRACE_F_ACTION: return ev->action != TRACE_ACTION_NONE || ev->action_raw.len;
    case TRACE_F_TRANSFORMATION_ID: return ev->transformation_id.raw.len > 0;
    case TRACE_F_BIZ_STEP: return ev->biz_step.form != TRACE_CBV_NONE;
    case TRACE_F_DISPOSITION: return ev->disposition.form != TRACE_CBV_NONE;
    case TRACE_F_PERSISTENT_DISPOSITION: return ev->has_persistent_disposition;
    case TRACE_F_READ_POINT: return ev->read_point.present;
    case TRACE_F_BIZ_LOCATION: return ev->biz_location.present;
    case TRACE_F_BIZ_TRANSACTIONS: return ev->biz_transactions_present || ev->nbiz_transactions;
    case TRACE_F_SOURCES: return ev->nsources > 0;
    case TRACE_F_DESTINATIONS: return ev->ndestinations > 0;
    case TRACE_F_SENSORS: return ev->nsensors > 0;
    case TRACE_F_ILMD: return ev->has_ilmd || ev->nilmd;
    case TRACE_F_CONTEXT:
    case TRACE_F_EXTENSION:
    case TRACE_F_COUNT: break;
    }
    return 0;
}

static void certification(jl_w *j, const trace_event *ev)
{
    if (ev->certification_array || ev->ncertification != 1)
        id_list(j, ev->certification, ev->ncertification);
    else
        jl_w_string(j, ev->certification[0].raw);
}

static void field(jl_w *j, const trace_event *ev, trace_field f)
{
    const char *k = trace_field_name(f);
    size_t saved = jl_w_path_key(j, k);
    jl_w_key(j, k);
    switch (f) {
    case TRACE_F_TYPE:
        if (ev->type_name.len)
            jl_w_string(j, ev->type_name);
        else
            jl_w_cstring(j, trace_event_type_name(ev->type));
        break;
    case TRACE_F_EVENT_TIME: jl_w_string(j, ev->event_time.lexeme); break;
    case TRACE_F_RECORD_TIME: jl_w_string(j, ev->record_time.lexeme); break;
    case TRACE_F_TZ_OFFSET: jl_w_string(j, ev->tz_offset); break;
    case TRACE_F_EVENT_ID: jl_w_string(j, ev->event_id.raw); break;
    case TRACE_F_ERROR_DECLARATION: error_declaration(j, &ev->error_declaration); break;
    case TRACE_F_CERTIFICATION: certification(j, ev); break;
    case TRACE_F_EPC_LIST: id_list(j, ev->epc_list.items, ev->epc_list.n); break;
    case TRACE_F_PARENT_ID: jl_w_string(j, ev->parent_id.raw); break;
    case TRACE_F_CHILD_EPCS: id_list(j, ev->child_epcs.items, ev->child_epcs.n); break;
    case TRACE_F_INPUT_EPCS: id_list(j, ev->input_epcs.items, ev->input_epcs.n); break;
    case TRACE_F_OUTPUT_EPCS: id_list(j, ev->output_epcs.items, ev->output_epcs.n); break;
    case TRACE_F_QUANTITY_LIST: quantities(j, &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST: quantities(j, &ev->child_quantity_list); break;
    case TRACE_F_INPUT_QUANTITY_LIST: quantities(j, &ev->input_quantity_list); break;
    case TRACE_F_OUTPUT_QUANTITY_LIST: quantities(j, &ev->output_quantity_list); break;
    case TRACE_F_ACTION:
        if (ev->action_raw.len)
            jl_w_string(j, ev->action_raw);
        else
            jl_w_cstring(j, trace_action_name(ev->action) ? trace_action_name(ev->action) : "");
        break;
    case TRACE_F_TRANSFORMATION_ID: jl_w_string(j, ev->transformation_id.raw); break;
    case TRACE_F_BIZ_STEP: vocab(j, &ev->biz_step, TRACE_CBV_BIZSTEP); break;
    case TRACE_F_DISPOSITION: vocab(j, &ev->disposition, TRACE_CBV_DISP); break;
    case TRACE_F_PERSISTENT_DISPOSITION: persistent_disposition(j, ev); break;
    case TRACE_F_READ_POINT: location(j, &ev->read_point); break;
    case TRACE_F_BIZ_LOCATION: location(j, &ev->biz_location); break;
    case TRACE_F_BIZ_TRANSACTIONS:
        refs(j, (const trace_party_ref *)(const void *)ev->biz_transactions,
             ev->nbiz_transactions, "bizTransaction", TRACE_CBV_BTT);
        break;
    case TRACE_F_SOURCES: refs(j, ev->sources, ev->nsources, "source", TRACE_CBV_SDT); break;
    case TRACE_F_DESTINATIONS:
        refs(j, ev->destinations, ev->ndestinations, "destination", TRACE_CBV_SDT);
        break;
    case TRACE_F_SENSORS: sensors(j, ev); break;
    case TRACE_F_ILMD:
        jl_w_open_obj(j);
        jl_w_ext_members(j, ev->ilmd, ev->nilmd);
        jl_w_close_obj(j);
        break;
    case TRACE_F_CONTEXT:
    case TRACE_F_EXTENSION:
    case TRACE_F_COUNT: break;
    }
    jl_w_path_pop(j, saved);
}

typedef struct wstate {
    uint32_t done;            /* fields written (bit per trace_field) */
    unsigned char *xdone;     /* extension nodes written */
    int context_done;
} wstate;

static void put(jl_w *j, const trace_event *ev, wstate *ws, trace_field f)
{
    if (f == TRACE_F_CONTEXT) {
        if (!ws->context_done && (ev->ncontext || j->nevns))
            event_context(j, ev);
        ws->context_done = 1;
        return;
    }
    if (f == TRACE_F_EXTENSION) {
        size_t i;
        for (i = 0; i < ev->next; i++)
            if (!ws->xdone[i]) {
                jl_w_ext_group(j, ev->ext, ev->next, i, ws->xdone);
                break;
            }
        return;
    }
    if (f >= TRACE_F_COUNT || (ws->done & (1u << f)))
        return;
    ws->done |= 1u << f;
    if (present(ev, f))
        field(j, ev, f);
}

static int has_context_in_order(const trace_event *ev)
{
    size_t i;
    for (i = 0; i < ev->norder; i++)
        if (ev->order[i] == TRACE_F_CONTEXT)
            return 1;
    return 0;
}

/* "/epcisBody/eventList/<n>" without printf: this runs per event. */
static void event_path(jl_w *j)
{
    const char *base = j->query ? "/epcisBody/queryResults/resultsBody/eventList/"
                                : "/epcisBody/eventList/";
    char digits[24];
    size_t n = strlen(base), k = 0;
    uint64_t v = j->w->nevents;
    do
        digits[k++] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    memcpy(j->path, base, n);
    while (k)
        j->path[n++] = digits[--k];
    j->path[n] = '\0';
    j->plen = n;
}

int jl_w_event(jl_w *j, const trace_event *ev)
{
    const uint8_t *co = canonical(ev->type);
    unsigned char small[64];
    wstate ws;
    size_t i;
    int as_read = !j->w->opts.canonical_order && ev->norder > 0;
    memset(&ws, 0, sizeof(ws));
    ws.xdone = ev->next <= sizeof(small) ? small : trace__calloc(j->w->alloc, ev->next, 1);
    if (!ws.xdone)
        return TRACE_ENOMEM;
    memset(ws.xdone, 0, ev->next <= sizeof(small) ? ev->next : 0);
    j->record = (int64_t)j->w->nevents;
    event_path(j);
    jl_w_event_prefixes(j, ev);
    jl_w_sep(j);
    jl_w_open_obj(j);
    if (!as_read || !has_context_in_order(ev))
        put(j, ev, &ws, TRACE_F_CONTEXT);
    if (as_read)
        for (i = 0; i < ev->norder; i++)
            put(j, ev, &ws, (trace_field)ev->order[i]);
    for (i = 0; co[i] != TRACE_F_COUNT; i++)
        put(j, ev, &ws, (trace_field)co[i]);
    for (i = 0; i < TRACE_F_CONTEXT; i++) /* a field the type does not list */
        if (i != TRACE_F_EXTENSION)
            put(j, ev, &ws, (trace_field)i);
    for (i = 0; i < ev->next; i++)
        if (!ws.xdone[i])
            jl_w_ext_group(j, ev->ext, ev->next, i, ws.xdone);
    jl_w_close_obj(j);
    if (ws.xdone != small)
        trace__free(j->w->alloc, ws.xdone);
    return TRACE_OK;
}
