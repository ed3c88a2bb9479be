/*
 * jsonl_emit.c - the model as UTDS JSON Lines objects (spec/utds-3-jsonl.md).
 * JSON is written by hand so that number lexemes and every spelling go out
 * exactly as they are held in the model.
 */
#include <string.h>

#include "jsonl_int.h"

int je_str(trace__buf *b, trace_str s)
{
    return trace__buf_json_str(b, s.s ? s.s : "", s.len);
}

static void key(trace__buf *b, int *first, const char *k)
{
    if (!*first)
        trace__buf_putc(b, ',');
    *first = 0;
    trace__buf_putc(b, '"');
    trace__buf_puts(b, k);
    trace__buf_puts(b, "\":");
}

static void kstr(trace__buf *b, int *first, const char *k, trace_str s)
{
    if (s.len == 0)
        return;
    key(b, first, k);
    je_str(b, s);
}

/*
 * A typed leaf as "value" (plus "type" when the text is not a valid token of
 * its JSON type, so nothing is lost either way).
 */
static void typed_value(trace__buf *b, int *first, trace_str text, trace_ext_type type)
{
    const char *tname = NULL;
    key(b, first, "value");
    if (type == TRACE_EXT_NUMBER && jv_is_number(text))
        trace__buf_append(b, text.s, text.len);
    else if (type == TRACE_EXT_BOOL && (trace_str_eq(text, "true") || trace_str_eq(text, "false")))
        trace__buf_append(b, text.s, text.len);
    else if (type == TRACE_EXT_NULL && text.len == 0)
        trace__buf_puts(b, "null");
    else {
        je_str(b, text);
        tname = type == TRACE_EXT_NUMBER ? "number"
                : type == TRACE_EXT_BOOL ? "bool"
                : type == TRACE_EXT_NULL ? "null"
                                         : NULL;
    }
    if (tname) {
        key(b, first, "type");
        trace__buf_putc(b, '"');
        trace__buf_puts(b, tname);
        trace__buf_putc(b, '"');
    }
}

static void ext_node(trace__buf *b, const trace_ext *e)
{
    int first = 1;
    size_t i;
    trace__buf_putc(b, '{');
    if (e->kind == TRACE_EXT_TEXT || e->kind == TRACE_EXT_COMMENT) {
        key(b, &first, e->kind == TRACE_EXT_TEXT ? "text" : "comment");
        je_str(b, e->text);
        trace__buf_putc(b, '}');
        return;
    }
    kstr(b, &first, "ns", e->ns);
    key(b, &first, "name");
    je_str(b, e->name);
    kstr(b, &first, "prefix", e->prefix);
    if (e->nattrs) {
        key(b, &first, "attrs");
        trace__buf_putc(b, '[');
        for (i = 0; i < e->nattrs; i++) {
            int f2 = 1;
            trace__buf_puts(b, i ? ",{" : "{");
            kstr(b, &f2, "ns", e->attrs[i].ns);
            key(b, &f2, "name");
            je_str(b, e->attrs[i].name);
            kstr(b, &f2, "prefix", e->attrs[i].prefix);
            key(b, &f2, "value");
            je_str(b, e->attrs[i].value);
            trace__buf_putc(b, '}');
        }
        trace__buf_putc(b, ']');
    }
    kstr(b, &first, "xsi", e->xsi_type);
    if (e->array) {
        key(b, &first, "array");
        trace__buf_puts(b, "true");
    }
    if (e->nchildren) {
        key(b, &first, "children");
        je_ext_array(b, e->children, e->nchildren);
    }
    if (e->nchildren == 0 || e->text.len || e->type != TRACE_EXT_STRING)
        typed_value(b, &first, e->text, e->type);
    trace__buf_putc(b, '}');
}

void je_ext_array(trace__buf *b, const trace_ext *ext, size_t n)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            trace__buf_putc(b, ',');
        ext_node(b, &ext[i]);
    }
    trace__buf_putc(b, ']');
}

void je_vocab(trace__buf *b, const trace_vocab *v, trace_cbv_list list, trace_cbv_style st)
{
    char tmp[256];
    size_t n;
    if (st == TRACE_CBV_STYLE_KEEP) {
        je_str(b, v->raw);
        return;
    }
    n = trace_vocab_format(v, list, st, tmp, sizeof(tmp));
    if (n < sizeof(tmp)) {
        trace_str s = {tmp, n};
        je_str(b, s);
    } else {
        je_str(b, v->raw); /* longer than any CBV term: not a CBV value, keep it */
    }
}

static void id_array(trace__buf *b, const trace_id *ids, size_t n)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            trace__buf_putc(b, ',');
        je_str(b, ids[i].raw);
    }
    trace__buf_putc(b, ']');
}

static void qty_array(trace__buf *b, const trace_quantity_list *l)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        int first = 1;
        trace__buf_puts(b, i ? ",{" : "{");
        key(b, &first, "epcClass");
        je_str(b, q->epc_class.raw);
        if (q->quantity.lexeme.len) {
            key(b, &first, "quantity");
            if (jv_is_number(q->quantity.lexeme))
                trace__buf_append(b, q->quantity.lexeme.s, q->quantity.lexeme.len);
            else
                je_str(b, q->quantity.lexeme);
        }
        kstr(b, &first, "uom", q->uom);
        trace__buf_putc(b, '}');
    }
    trace__buf_putc(b, ']');
}

static void party_array(trace__buf *b, const trace_party_ref *p, size_t n, const char *idkey,
                        trace_cbv_list list, const je_opts *o)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        int first = 1;
        trace__buf_puts(b, i ? ",{" : "{");
        if (p[i].type.raw.len) {
            key(b, &first, "type");
            je_vocab(b, &p[i].type, list, o->cbv);
        }
        key(b, &first, idkey);
        je_str(b, p[i].id.raw);
        trace__buf_putc(b, '}');
    }
    trace__buf_putc(b, ']');
}

static void sensor_attrs(trace__buf *b, const trace_sensor_attr *a, size_t n)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        int first = 1;
        trace__buf_puts(b, i ? ",{" : "{");
        kstr(b, &first, "ns", a[i].ns);
        key(b, &first, "name");
        je_str(b, a[i].name);
        kstr(b, &first, "prefix", a[i].prefix);
        typed_value(b, &first, a[i].value, a[i].type);
        trace__buf_putc(b, '}');
    }
    trace__buf_putc(b, ']');
}

static void sensors(trace__buf *b, const trace_event *ev)
{
    size_t i, j;
    trace__buf_putc(b, '[');
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *s = &ev->sensors[i];
        int first = 1;
        trace__buf_puts(b, i ? ",{" : "{");
        if (s->has_metadata) {
            key(b, &first, "sensorMetadata");
            sensor_attrs(b, s->metadata, s->nmetadata);
        }
        key(b, &first, "sensorReport");
        trace__buf_putc(b, '[');
        for (j = 0; j < s->nreports; j++) {
            int f2 = 1;
            trace__buf_puts(b, j ? ",{" : "{");
            key(b, &f2, "attrs");
            sensor_attrs(b, s->reports[j].attrs, s->reports[j].nattrs);
            if (s->reports[j].next) {
                key(b, &f2, "ext");
                je_ext_array(b, s->reports[j].ext, s->reports[j].next);
            }
            trace__buf_putc(b, '}');
        }
        trace__buf_putc(b, ']');
        if (s->next) {
            key(b, &first, "ext");
            je_ext_array(b, s->ext, s->next);
        }
        trace__buf_putc(b, '}');
    }
    trace__buf_putc(b, ']');
}

static void location(trace__buf *b, const trace_location *l)
{
    int first = 1;
    trace__buf_putc(b, '{');
    kstr(b, &first, "id", l->id.raw);
    if (l->next) {
        key(b, &first, "ext");
        je_ext_array(b, l->ext, l->next);
    }
    trace__buf_putc(b, '}');
}

static void error_declaration(trace__buf *b, const trace_error_declaration *e,
                              const je_opts *o)
{
    int first = 1;
    trace__buf_putc(b, '{');
    kstr(b, &first, "declarationTime", e->declaration_time.lexeme);
    if (e->reason.raw.len) {
        key(b, &first, "reason");
        je_vocab(b, &e->reason, TRACE_CBV_ER, o->cbv);
    }
    if (e->ncorrective_ids) {
        key(b, &first, "correctiveEventIDs");
        id_array(b, e->corrective_ids, e->ncorrective_ids);
    }
    if (e->next) {
        key(b, &first, "ext");
        je_ext_array(b, e->ext, e->next);
    }
    trace__buf_putc(b, '}');
}

static void ns_array(trace__buf *b, const trace_ns *ns, size_t n)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        trace__buf_puts(b, i ? ",[" : "[");
        je_str(b, ns[i].prefix);
        trace__buf_putc(b, ',');
        je_str(b, ns[i].uri);
        trace__buf_putc(b, ']');
    }
    trace__buf_putc(b, ']');
}

/* ------------------------------------------------------------ events */

int trace__event_has(const trace_event *ev, trace_field f)
{
    switch (f) {
    case TRACE_F_TYPE: return 1;
    case TRACE_F_EVENT_TIME: return ev->event_time.lexeme.len > 0;
    case TRACE_F_RECORD_TIME: return ev->record_time.lexeme.len > 0;
    case TRACE_F_TZ_OFFSET: return ev->tz_offset.len > 0;
    case TRACE_F_EVENT_ID: return ev->event_id.raw.len > 0;
    case TRACE_F_ERROR_DECLARATION: return ev->error_declaration.present;
    case TRACE_F_CERTIFICATION: return ev->ncertification > 0;
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
    case TRACE_F_BIZ_STEP: return ev->biz_step.raw.len > 0;
    case TRACE_F_DISPOSITION: return ev->disposition.raw.len > 0;
    case TRACE_F_PERSISTENT_DISPOSITION: return ev->has_persistent_disposition;
    case TRACE_F_READ_POINT:
        return ev->read_point.present || ev->read_point.id.raw.len || ev->read_point.next;
    case TRACE_F_BIZ_LOCATION:
        return ev->biz_location.present || ev->biz_location.id.raw.len || ev->biz_location.next;
    case TRACE_F_BIZ_TRANSACTIONS: return ev->biz_transactions_present || ev->nbiz_transactions;
    case TRACE_F_SOURCES: return ev->nsources > 0;
    case TRACE_F_DESTINATIONS: return ev->ndestinations > 0;
    case TRACE_F_SENSORS: return ev->nsensors > 0;
    case TRACE_F_ILMD: return ev->has_ilmd || ev->nilmd;
    case TRACE_F_EXTENSION: return ev->next > 0;
    case TRACE_F_CONTEXT: return ev->ncontext > 0;
    case TRACE_F_COUNT: break;
    }
    return 0;
}

static void vocab_list(trace__buf *b, const trace_vocab *v, size_t n, const je_opts *o)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        if (i)
            trace__buf_putc(b, ',');
        je_vocab(b, &v[i], TRACE_CBV_DISP, o->cbv);
    }
    trace__buf_putc(b, ']');
}

static void field_value(trace__buf *b, const trace_event *ev, trace_field f, const je_opts *o)
{
    size_t i;
    switch (f) {
    case TRACE_F_TYPE:
        je_str(b, ev->type_name.len ? ev->type_name : trace_str_c(trace_event_type_name(ev->type)));
        break;
    case TRACE_F_EVENT_TIME: je_str(b, ev->event_time.lexeme); break;
    case TRACE_F_RECORD_TIME: je_str(b, ev->record_time.lexeme); break;
    case TRACE_F_TZ_OFFSET: je_str(b, ev->tz_offset); break;
    case TRACE_F_EVENT_ID: je_str(b, ev->event_id.raw); break;
    case TRACE_F_ERROR_DECLARATION: error_declaration(b, &ev->error_declaration, o); break;
    case TRACE_F_CERTIFICATION:
        if (ev->certification_array || ev->ncertification > 1)
            id_array(b, ev->certification, ev->ncertification);
        else
            je_str(b, ev->certification[0].raw);
        break;
    case TRACE_F_EPC_LIST: id_array(b, ev->epc_list.items, ev->epc_list.n); break;
    case TRACE_F_PARENT_ID: je_str(b, ev->parent_id.raw); break;
    case TRACE_F_CHILD_EPCS: id_array(b, ev->child_epcs.items, ev->child_epcs.n); break;
    case TRACE_F_INPUT_EPCS: id_array(b, ev->input_epcs.items, ev->input_epcs.n); break;
    case TRACE_F_OUTPUT_EPCS: id_array(b, ev->output_epcs.items, ev->output_epcs.n); break;
    case TRACE_F_QUANTITY_LIST: qty_array(b, &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST: qty_array(b, &ev->child_quantity_list); break;
    case TRACE_F_INPUT_QUANTITY_LIST: qty_array(b, &ev->input_quantity_list); break;
    case TRACE_F_OUTPUT_QUANTITY_LIST: qty_array(b, &ev->output_quantity_list); break;
    case TRACE_F_ACTION:
        je_str(b, ev->action_raw.len ? ev->action_raw : trace_str_c(trace_action_name(ev->action)));
        break;
    case TRACE_F_TRANSFORMATION_ID: je_str(b, ev->transformation_id.raw); break;
    case TRACE_F_BIZ_STEP: je_vocab(b, &ev->biz_step, TRACE_CBV_BIZSTEP, o->cbv); break;
    case TRACE_F_DISPOSITION: je_vocab(b, &ev->disposition, TRACE_CBV_DISP, o->cbv); break;
    case TRACE_F_PERSISTENT_DISPOSITION:
        trace__buf_puts(b, "{\"set\":");
        vocab_list(b, ev->pd_set, ev->npd_set, o);
        trace__buf_puts(b, ",\"unset\":");
        vocab_list(b, ev->pd_unset, ev->npd_unset, o);
        trace__buf_putc(b, '}');
        break;
    case TRACE_F_READ_POINT: location(b, &ev->read_point); break;
    case TRACE_F_BIZ_LOCATION: location(b, &ev->biz_location); break;
    case TRACE_F_BIZ_TRANSACTIONS:
        trace__buf_putc(b, '[');
        for (i = 0; i < ev->nbiz_transactions; i++) {
            int first = 1;
            trace__buf_puts(b, i ? ",{" : "{");
            if (ev->biz_transactions[i].type.raw.len) {
                key(b, &first, "type");
                je_vocab(b, &ev->biz_transactions[i].type, TRACE_CBV_BTT, o->cbv);
            }
            key(b, &first, "bizTransaction");
            je_str(b, ev->biz_transactions[i].id.raw);
            trace__buf_putc(b, '}');
        }
        trace__buf_putc(b, ']');
        break;
    case TRACE_F_SOURCES: party_array(b, ev->sources, ev->nsources, "source", TRACE_CBV_SDT, o); break;
    case TRACE_F_DESTINATIONS:
        party_array(b, ev->destinations, ev->ndestinations, "destination", TRACE_CBV_SDT, o);
        break;
    case TRACE_F_SENSORS: sensors(b, ev); break;
    case TRACE_F_ILMD: je_ext_array(b, ev->ilmd, ev->nilmd); break;
    case TRACE_F_EXTENSION: je_ext_array(b, ev->ext, ev->next); break;
    case TRACE_F_CONTEXT: ns_array(b, ev->context, ev->ncontext); break;
    case TRACE_F_COUNT: break;
    }
}

static const char *member_name(trace_field f)
{
    return f == TRACE_F_EXTENSION ? "ext" : trace_field_name(f);
}

/*
 * Canonical member order per event type: the XSD sequence of EPCIS 2.0 (so
 * events read from XML are already in it), after the common fields.
 */
#define END TRACE_F_COUNT
static const uint8_t common_order[] = {TRACE_F_TYPE,     TRACE_F_CONTEXT,
                                       TRACE_F_EVENT_TIME, TRACE_F_RECORD_TIME,
                                       TRACE_F_TZ_OFFSET, TRACE_F_EVENT_ID,
                                       TRACE_F_ERROR_DECLARATION, TRACE_F_CERTIFICATION, END};
static const uint8_t object_order[] = {
    TRACE_F_EPC_LIST, TRACE_F_ACTION, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT,
    TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS, TRACE_F_QUANTITY_LIST, TRACE_F_SOURCES,
    TRACE_F_DESTINATIONS, TRACE_F_SENSORS, TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_ILMD,
    TRACE_F_EXTENSION, END};
static const uint8_t aggregation_order[] = {
    TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS, TRACE_F_ACTION, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION,
    TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS,
    TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_EXTENSION, END};
static const uint8_t transaction_order[] = {
    TRACE_F_BIZ_TRANSACTIONS, TRACE_F_PARENT_ID, TRACE_F_EPC_LIST, TRACE_F_ACTION,
    TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
    TRACE_F_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_EXTENSION, END};
static const uint8_t transformation_order[] = {
    TRACE_F_INPUT_EPCS, TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_EPCS,
    TRACE_F_OUTPUT_QUANTITY_LIST, TRACE_F_TRANSFORMATION_ID, TRACE_F_BIZ_STEP,
    TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS,
    TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS, TRACE_F_PERSISTENT_DISPOSITION,
    TRACE_F_ILMD, TRACE_F_EXTENSION, END};
static const uint8_t association_order[] = {
    TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS, TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_ACTION,
    TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
    TRACE_F_BIZ_TRANSACTIONS, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_EXTENSION, END};
#undef END

static const uint8_t *type_order(trace_event_type t)
{
    switch (t) {
    case TRACE_EVENT_OBJECT: return object_order;
    case TRACE_EVENT_AGGREGATION: return aggregation_order;
    case TRACE_EVENT_TRANSACTION: return transaction_order;
    case TRACE_EVENT_TRANSFORMATION: return transformation_order;
    case TRACE_EVENT_ASSOCIATION: return association_order;
    case TRACE_EVENT_EXTENSION: break;
    }
    return NULL;
}

static size_t seq_add(const trace_event *ev, const uint8_t *list, uint64_t *done, trace_field *seq,
                      size_t n)
{
    for (; list && *list < TRACE_F_COUNT; list++) {
        trace_field f = (trace_field)*list;
        if (!(*done >> f & 1) && trace__event_has(ev, f)) {
            *done |= (uint64_t)1 << f;
            seq[n++] = f;
        }
    }
    return n;
}

/*
 * The members of ev in writing order: "type" first, then (unless seq_canonical)
 * the as-read order, then every other present field in canonical order: the
 * common fields, the XSD sequence of the event type, then any other field in
 * the order of trace_field.
 */
size_t trace__member_seq(const trace_event *ev, int seq_canonical, trace_field *seq)
{
    uint64_t done = 1; /* type */
    size_t i, n = 0;
    seq[n++] = TRACE_F_TYPE;
    for (i = 0; !seq_canonical && i < ev->norder; i++) {
        trace_field f = (trace_field)ev->order[i];
        if (f >= TRACE_F_COUNT || (done >> f & 1) || !trace__event_has(ev, f))
            continue;
        done |= (uint64_t)1 << f;
        seq[n++] = f;
    }
    n = seq_add(ev, common_order, &done, seq, n);
    n = seq_add(ev, type_order(ev->type), &done, seq, n);
    for (i = 1; i < TRACE_F_COUNT; i++)
        if (!(done >> i & 1) && trace__event_has(ev, (trace_field)i))
            seq[n++] = (trace_field)i;
    return n;
}

/* 1 when a reader rebuilding the order from seq (one entry per extension node) gets ev->order. */
int trace__order_rebuilt(const trace_event *ev, const trace_field *seq, size_t n)
{
    size_t i, k = 0, j;
    for (i = 0; i < n; i++) {
        size_t times = seq[i] == TRACE_F_EXTENSION ? ev->next : 1;
        for (j = 0; j < times; j++, k++)
            if (k >= ev->norder || ev->order[k] != (uint8_t)seq[i])
                return 0;
    }
    return k == ev->norder;
}

size_t je_event_members(trace__buf *b, const trace_event *ev, const je_opts *o,
                        int (*skip)(trace_field f, const trace_event *ev))
{
    trace_field seq[TRACE_F_COUNT];
    size_t i, n, written = 0;
    int first = 1;
    n = trace__member_seq(ev, o->canonical || o->seq_canonical, seq);
    for (i = 0; i < n; i++) {
        if (skip && skip(seq[i], ev))
            continue;
        key(b, &first, member_name(seq[i]));
        field_value(b, ev, seq[i], o);
        written++;
    }
    if (!o->canonical && ev->norder && !trace__order_rebuilt(ev, seq, n)) {
        key(b, &first, "order");
        trace__buf_putc(b, '[');
        for (i = 0; i < ev->norder; i++) {
            const char *nm =
                ev->order[i] < TRACE_F_COUNT ? member_name((trace_field)ev->order[i]) : "?";
            trace__buf_puts(b, i ? ",\"" : "\"");
            trace__buf_puts(b, nm);
            trace__buf_putc(b, '"');
        }
        trace__buf_putc(b, ']');
        written++;
    }
    return written;
}

/* ------------------------------------------------------------ header, master data, trailer */

static void sbdh_parties(trace__buf *b, const trace_sbdh_party *p, size_t n)
{
    size_t i;
    trace__buf_putc(b, '[');
    for (i = 0; i < n; i++) {
        int first = 1;
        trace__buf_puts(b, i ? ",{" : "{");
        key(b, &first, "identifier");
        je_str(b, p[i].identifier);
        kstr(b, &first, "authority", p[i].authority);
        if (p[i].ncontact) {
            key(b, &first, "contact");
            je_ext_array(b, p[i].contact, p[i].ncontact);
        }
        trace__buf_putc(b, '}');
    }
    trace__buf_putc(b, ']');
}

static void sbdh(trace__buf *b, const trace_header *h)
{
    int first = 1;
    trace__buf_putc(b, '{');
    kstr(b, &first, "headerVersion", h->sbdh_version);
    if (h->nsenders) {
        key(b, &first, "sender");
        sbdh_parties(b, h->senders, h->nsenders);
    }
    if (h->nreceivers) {
        key(b, &first, "receiver");
        sbdh_parties(b, h->receivers, h->nreceivers);
    }
    kstr(b, &first, "standard", h->standard);
    kstr(b, &first, "typeVersion", h->type_version);
    kstr(b, &first, "instanceIdentifier", h->instance_id);
    kstr(b, &first, "type", h->message_type);
    kstr(b, &first, "multipleType", h->multiple_type);
    kstr(b, &first, "creationDateAndTime", h->created.lexeme);
    if (h->nsbdh_ext) {
        key(b, &first, "ext");
        je_ext_array(b, h->sbdh_ext, h->nsbdh_ext);
    }
    trace__buf_putc(b, '}');
}

static void md_attr(trace__buf *b, const trace_md_attr *a)
{
    int first = 1;
    trace__buf_putc(b, '{');
    key(b, &first, "id");
    je_str(b, a->id);
    if (a->ntree) {
        key(b, &first, "tree");
        je_ext_array(b, a->tree, a->ntree);
    } else {
        typed_value(b, &first, a->value, a->type);
    }
    trace__buf_putc(b, '}');
}

static void masterdata(trace__buf *b, const trace_masterdata *md)
{
    size_t v, e, i;
    trace__buf_putc(b, '[');
    for (v = 0; v < md->nvocabularies; v++) {
        const trace_vocabulary *voc = &md->vocabularies[v];
        trace__buf_puts(b, v ? ",{\"type\":" : "{\"type\":");
        je_str(b, voc->type);
        trace__buf_puts(b, ",\"elements\":[");
        for (e = 0; e < voc->nelements; e++) {
            const trace_md_element *el = &voc->elements[e];
            trace__buf_puts(b, e ? ",{\"id\":" : "{\"id\":");
            je_str(b, el->id);
            if (el->nattrs) {
                trace__buf_puts(b, ",\"attributes\":[");
                for (i = 0; i < el->nattrs; i++) {
                    if (i)
                        trace__buf_putc(b, ',');
                    md_attr(b, &el->attrs[i]);
                }
                trace__buf_putc(b, ']');
            }
            if (el->nchildren) {
                trace__buf_puts(b, ",\"children\":[");
                for (i = 0; i < el->nchildren; i++) {
                    if (i)
                        trace__buf_putc(b, ',');
                    je_str(b, el->children[i]);
                }
                trace__buf_putc(b, ']');
            }
            if (el->next) {
                trace__buf_puts(b, ",\"ext\":");
                je_ext_array(b, el->ext, el->next);
            }
            trace__buf_putc(b, '}');
        }
        trace__buf_puts(b, "]}");
    }
    trace__buf_putc(b, ']');
}

void je_header(trace__buf *b, const trace_header *h, const trace_masterdata *md)
{
    int first = 1;
    size_t i;
    trace__buf_puts(b, "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{");
    kstr(b, &first, "docType", h->doc_type);
    kstr(b, &first, "schemaVersion", h->schema_version);
    kstr(b, &first, "creationDate", h->creation_date.lexeme);
    kstr(b, &first, "id", h->doc_id);
    if (h->has_sbdh) {
        key(b, &first, "sbdh");
        sbdh(b, h);
    }
    kstr(b, &first, "sender", h->sender);
    kstr(b, &first, "receiver", h->receiver);
    kstr(b, &first, "profile", h->profile);
    if (h->nnamespaces) {
        key(b, &first, "namespaces");
        ns_array(b, h->namespaces, h->nnamespaces);
    }
    if (h->ncontext_urls) {
        key(b, &first, "@context");
        trace__buf_putc(b, '[');
        for (i = 0; i < h->ncontext_urls; i++) {
            if (i)
                trace__buf_putc(b, ',');
            je_str(b, h->context_urls[i]);
        }
        trace__buf_putc(b, ']');
    }
    if (h->next) {
        key(b, &first, "ext");
        je_ext_array(b, h->ext, h->next);
    }
    kstr(b, &first, "queryName", h->query_name);
    kstr(b, &first, "subscriptionID", h->subscription_id);
    trace__buf_putc(b, '}');
    if (md && md->nvocabularies) {
        trace__buf_puts(b, ",\"masterData\":");
        masterdata(b, md);
    }
    trace__buf_putc(b, '}');
}

void je_trailer(trace__buf *b, const trace_trailer *t)
{
    int first = 0;
    trace__buf_printf(b, "{\"utds\":\"trailer\",\"eventCount\":%llu",
                      (unsigned long long)t->event_count);
    kstr(b, &first, "digest", t->digest);
    kstr(b, &first, "signature", t->signature);
    kstr(b, &first, "keyID", t->key_id);
    kstr(b, &first, "sigAlg", t->sig_alg);
    if (t->next) {
        key(b, &first, "ext");
        je_ext_array(b, t->ext, t->next);
    }
    trace__buf_putc(b, '}');
}
