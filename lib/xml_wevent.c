/*
 * xml_wevent.c - write one event as EPCIS 2.0 XML (UTDS Part 3,
 * spec/utds-3-xml.md "Writing"). Standard members are written in the order
 * of the XSD sequence of the event type (the only order XML allows);
 * extensions come last, in their order. What XML cannot hold is reported
 * as a TR-CONV loss with the event index and a path.
 */
#include <stdio.h>
#include <string.h>

#include "xml_int.h"

#define END TRACE_F_COUNT

/* XSD sequences after the common members, per type (EPCglobal-epcis-2_0.xsd). */
static const trace_field seq_object[] = {
    TRACE_F_EPC_LIST, TRACE_F_ACTION, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT,
    TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS, TRACE_F_QUANTITY_LIST, TRACE_F_SOURCES,
    TRACE_F_DESTINATIONS, TRACE_F_SENSORS, TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_ILMD, END};
static const trace_field seq_aggregation[] = {
    TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS, TRACE_F_ACTION, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION,
    TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS,
    TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, END};
static const trace_field seq_transaction[] = {
    TRACE_F_BIZ_TRANSACTIONS, TRACE_F_PARENT_ID, TRACE_F_EPC_LIST, TRACE_F_ACTION,
    TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
    TRACE_F_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, END};
static const trace_field seq_transformation[] = {
    TRACE_F_INPUT_EPCS, TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_EPCS,
    TRACE_F_OUTPUT_QUANTITY_LIST, TRACE_F_TRANSFORMATION_ID, TRACE_F_BIZ_STEP,
    TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS,
    TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS, TRACE_F_PERSISTENT_DISPOSITION,
    TRACE_F_ILMD, END};
static const trace_field seq_association[] = {
    TRACE_F_PARENT_ID, TRACE_F_CHILD_EPCS, TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_ACTION,
    TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
    TRACE_F_BIZ_TRANSACTIONS, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, END};
/* An extension event type has no schema here: every member, in the Object order. */
static const trace_field seq_extension[] = {
    TRACE_F_PARENT_ID, TRACE_F_EPC_LIST, TRACE_F_CHILD_EPCS, TRACE_F_INPUT_EPCS,
    TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_EPCS, TRACE_F_OUTPUT_QUANTITY_LIST,
    TRACE_F_TRANSFORMATION_ID, TRACE_F_ACTION, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION,
    TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION, TRACE_F_BIZ_TRANSACTIONS, TRACE_F_QUANTITY_LIST,
    TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_ILMD, END};
static const trace_field seq_common[] = {TRACE_F_EVENT_TIME,     TRACE_F_RECORD_TIME,
                                         TRACE_F_TZ_OFFSET,      TRACE_F_EVENT_ID,
                                         TRACE_F_ERROR_DECLARATION, TRACE_F_CERTIFICATION,
                                         END};

static const trace_field *seq_of(trace_event_type t)
{
    switch (t) {
    case TRACE_EVENT_OBJECT: return seq_object;
    case TRACE_EVENT_AGGREGATION: return seq_aggregation;
    case TRACE_EVENT_TRANSACTION: return seq_transaction;
    case TRACE_EVENT_TRANSFORMATION: return seq_transformation;
    case TRACE_EVENT_ASSOCIATION: return seq_association;
    case TRACE_EVENT_EXTENSION: break;
    }
    return seq_extension;
}

static int present(const trace_event *ev, trace_field f)
{
    switch (f) {
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
    case TRACE_F_ACTION: return ev->action != TRACE_ACTION_NONE;
    case TRACE_F_TRANSFORMATION_ID: return ev->transformation_id.raw.len > 0;
    case TRACE_F_BIZ_STEP: return ev->biz_step.raw.len > 0;
    case TRACE_F_DISPOSITION: return ev->disposition.raw.len > 0;
    case TRACE_F_PERSISTENT_DISPOSITION: return ev->has_persistent_disposition;
    case TRACE_F_READ_POINT: return ev->read_point.present || ev->read_point.id.raw.len;
    case TRACE_F_BIZ_LOCATION: return ev->biz_location.present || ev->biz_location.id.raw.len;
    case TRACE_F_BIZ_TRANSACTIONS:
        return ev->biz_transactions_present || ev->nbiz_transactions > 0;
    case TRACE_F_SOURCES: return ev->nsources > 0;
    case TRACE_F_DESTINATIONS: return ev->ndestinations > 0;
    case TRACE_F_SENSORS: return ev->nsensors > 0;
    case TRACE_F_ILMD: return ev->has_ilmd || ev->nilmd > 0;
    default: break;
    }
    return 0;
}

/* --------------------------------------------------------------- values */

/* The exponent of a number lexeme (after the 'e'); -1 when it is not one. */
static int parse_exp(const char *q, const char *end, long *exp)
{
    int neg = 0;
    *exp = 0;
    if (q < end && (*q == '+' || *q == '-'))
        neg = *q++ == '-';
    if (q >= end)
        return -1;
    for (; q < end; q++) {
        if (*q < '0' || *q > '9' || *exp > 100000)
            return -1;
        *exp = *exp * 10 + (*q - '0');
    }
    if (neg)
        *exp = -*exp;
    return 0;
}

/* Write a JSON number lexeme as an xsd:decimal (no exponent). Returns 1 when it changed. */
static int decimal_plain(trace_str lx, char *buf, size_t size, trace_str *out)
{
    const char *p = lx.s, *end = lx.s + lx.len, *e;
    char digits[128];
    size_t nd = 0, k = 0;
    long point = 0, exp;
    int neg = 0, seen_point = 0;
    *out = lx;
    e = lx.len ? memchr(lx.s, 'e', lx.len) : NULL;
    if (!e && lx.len)
        e = memchr(lx.s, 'E', lx.len);
    if (!e)
        return 0;
    if (p < e && (*p == '-' || *p == '+'))
        neg = *p++ == '-';
    for (; p < e; p++) {
        if (*p == '.') {
            seen_point = 1;
            continue;
        }
        if (*p < '0' || *p > '9' || nd >= sizeof(digits))
            return 0;
        digits[nd++] = *p;
        if (!seen_point)
            point++;
    }
    if (!nd || e + 1 >= end || parse_exp(e + 1, end, &exp) != 0)
        return 0;
    point += exp;
    if (point > (long)size - 8 || -point > (long)size - 8 || nd + 8 > size)
        return 0;
    if (neg)
        buf[k++] = '-';
    if (point <= 0) {
        long i;
        buf[k++] = '0';
        buf[k++] = '.';
        for (i = 0; i < -point && k < size - 1; i++)
            buf[k++] = '0';
        memcpy(buf + k, digits, nd);
        k += nd;
    } else {
        size_t i;
        for (i = 0; i < (size_t)point && k < size - 2; i++)
            buf[k++] = i < nd ? digits[i] : '0';
        if ((size_t)point < nd) {
            buf[k++] = '.';
            memcpy(buf + k, digits + point, nd - (size_t)point);
            k += nd - (size_t)point;
        }
    }
    out->s = buf;
    out->len = k;
    return 1;
}

static void w_id(xml__wstate *ws, const char *name, const trace_id *id)
{
    xml__w_leaf(ws, name, id->raw);
}

static void w_id_list(xml__wstate *ws, const char *name, const char *item, const trace_id *ids,
                      size_t n)
{
    size_t i;
    if (!n) {
        xml__w_indent(ws);
        trace__out_printf(&ws->w->out, "<%s/>", name);
        return;
    }
    xml__w_open(ws, name);
    for (i = 0; i < n; i++)
        xml__w_leaf(ws, item, ids[i].raw);
    xml__w_close(ws, name);
}

static void w_quantities(xml__wstate *ws, const char *name, const trace_quantity_list *l)
{
    size_t i;
    char buf[160];
    if (!l->n) {
        xml__w_indent(ws);
        trace__out_printf(&ws->w->out, "<%s/>", name);
        return;
    }
    xml__w_open(ws, name);
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        xml__w_open(ws, "quantityElement");
        xml__w_leaf(ws, "epcClass", q->epc_class.raw);
        if (q->quantity.lexeme.len) {
            trace_str v;
            if (decimal_plain(q->quantity.lexeme, buf, sizeof(buf), &v)) {
                char what[TRACE_DIAG_ARG_SIZE];
                snprintf(what, sizeof(what), "the number %.*s", (int)q->quantity.lexeme.len,
                         q->quantity.lexeme.s);
                xml__w_loss(ws, TRACE__D_CHANGED, name, what, "an xsd:decimal without exponent");
            }
            xml__w_leaf(ws, "quantity", v);
        } else if (q->uom.len) {
            /* uom needs a quantity before it: an explicit nil keeps the element order valid */
            xml__w_indent(ws);
            trace__out_printf(&ws->w->out,
                              "<quantity xsi:nil=\"true\" xmlns:xsi=\"%s\"/>", XML__NS_XSI);
        }
        if (q->uom.len)
            xml__w_leaf(ws, "uom", q->uom);
        xml__w_close(ws, "quantityElement");
    }
    xml__w_close(ws, name);
}

static void w_typed(xml__wstate *ws, const char *name, const trace_vocab *type,
                    trace_cbv_list list, const trace_id *id)
{
    char buf[512];
    xml__w_indent(ws);
    trace__out_printf(&ws->w->out, "<%s", name);
    if (type->raw.len) {
        trace__out_puts(&ws->w->out, " type=\"");
        xml__w_attr_value(ws, xml__w_vocab_str(ws, type, list, name, buf, sizeof(buf)));
        trace__out_putc(&ws->w->out, '"');
    }
    trace__out_putc(&ws->w->out, '>');
    xml__w_text(ws, id->raw);
    trace__out_printf(&ws->w->out, "</%s>", name);
}

static void w_location(xml__wstate *ws, const char *name, const trace_location *l)
{
    xml__w_open(ws, name);
    xml__w_leaf(ws, "id", l->id.raw);
    xml__w_ext_wrapped(ws, l->ext, l->next, name);
    xml__w_close(ws, name);
}

static int std_number(trace_str name)
{
    static const char *const num[] = {"value",   "minValue", "maxValue", "meanValue",
                                      "sDev",    "percRank", "percValue", NULL};
    size_t i;
    for (i = 0; num[i]; i++)
        if (trace_str_eq(name, num[i]))
            return 1;
    return 0;
}

static void w_sensor_attrs(xml__wstate *ws, const char *name, const trace_sensor_attr *a,
                           size_t n)
{
    size_t i;
    trace_str pfx[64];
    xml__w_indent(ws);
    xml__w_push(ws);
    for (i = 0; i < n && i < 64; i++)
        pfx[i] = xml__w_resolve(ws, a[i].ns, a[i].prefix, 1);
    trace__out_printf(&ws->w->out, "<%s", name);
    xml__w_decls(ws);
    for (i = 0; i < n && i < 64; i++) {
        int want_num = !a[i].ns.len && std_number(a[i].name);
        int want_bool = !a[i].ns.len && trace_str_eq(a[i].name, "booleanValue");
        if ((a[i].type == TRACE_EXT_NUMBER) != want_num ||
            (a[i].type == TRACE_EXT_BOOL) != want_bool || a[i].type == TRACE_EXT_NULL) {
            char what[TRACE_DIAG_ARG_SIZE];
            snprintf(what, sizeof(what), "the JSON type of %s attribute %.*s", name,
                     (int)a[i].name.len, a[i].name.s);
            xml__w_loss(ws, TRACE__D_CHANGED, "sensorElementList", what, "XML attribute text");
        }
        trace__out_putc(&ws->w->out, ' ');
        if (pfx[i].len) {
            trace__out_str(&ws->w->out, pfx[i]);
            trace__out_putc(&ws->w->out, ':');
        }
        trace__out_str(&ws->w->out, a[i].name);
        trace__out_puts(&ws->w->out, "=\"");
        xml__w_attr_value(ws, a[i].value);
        trace__out_putc(&ws->w->out, '"');
    }
    trace__out_puts(&ws->w->out, "/>");
    xml__w_pop(ws);
    if (n > 64)
        xml__w_loss(ws, TRACE__D_DROPPED, "sensorElementList", "sensor attributes beyond the 64th",
                    NULL);
}

static void w_sensors(xml__wstate *ws, const trace_event *ev)
{
    size_t i, j;
    xml__w_open(ws, "sensorElementList");
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *s = &ev->sensors[i];
        xml__w_open(ws, "sensorElement");
        if (s->has_metadata)
            w_sensor_attrs(ws, "sensorMetadata", s->metadata, s->nmetadata);
        for (j = 0; j < s->nreports; j++) {
            w_sensor_attrs(ws, "sensorReport", s->reports[j].attrs, s->reports[j].nattrs);
            if (s->reports[j].next)
                xml__w_loss(ws, TRACE__D_DROPPED, "sensorElementList",
                            "child elements of a sensorReport", NULL);
        }
        xml__w_ext_wrapped(ws, s->ext, s->next, "sensorElement");
        xml__w_close(ws, "sensorElement");
    }
    xml__w_close(ws, "sensorElementList");
}

static void w_error_decl(xml__wstate *ws, const trace_error_declaration *e)
{
    xml__w_open(ws, "errorDeclaration");
    if (e->declaration_time.lexeme.len)
        xml__w_leaf(ws, "declarationTime", e->declaration_time.lexeme);
    if (e->reason.raw.len)
        xml__w_vocab(ws, "reason", &e->reason, TRACE_CBV_ER);
    if (e->ncorrective_ids)
        w_id_list(ws, "correctiveEventIDs", "correctiveEventID", e->corrective_ids,
                  e->ncorrective_ids);
    xml__w_ext_wrapped(ws, e->ext, e->next, "errorDeclaration");
    xml__w_close(ws, "errorDeclaration");
}

static void w_pd(xml__wstate *ws, const trace_event *ev)
{
    size_t i;
    xml__w_open(ws, "persistentDisposition");
    for (i = 0; i < ev->npd_unset; i++)
        xml__w_vocab(ws, "unset", &ev->pd_unset[i], TRACE_CBV_DISP);
    for (i = 0; i < ev->npd_set; i++)
        xml__w_vocab(ws, "set", &ev->pd_set[i], TRACE_CBV_DISP);
    xml__w_close(ws, "persistentDisposition");
}

static void w_btx(xml__wstate *ws, const trace_event *ev)
{
    size_t i;
    if (!ev->nbiz_transactions) {
        xml__w_indent(ws);
        trace__out_puts(&ws->w->out, "<bizTransactionList/>");
        return;
    }
    xml__w_open(ws, "bizTransactionList");
    for (i = 0; i < ev->nbiz_transactions; i++)
        w_typed(ws, "bizTransaction", &ev->biz_transactions[i].type, TRACE_CBV_BTT,
                &ev->biz_transactions[i].id);
    xml__w_close(ws, "bizTransactionList");
}

static void w_parties(xml__wstate *ws, const char *list, const char *item,
                      const trace_party_ref *p, size_t n)
{
    size_t i;
    xml__w_open(ws, list);
    for (i = 0; i < n; i++)
        w_typed(ws, item, &p[i].type, TRACE_CBV_SDT, &p[i].id);
    xml__w_close(ws, list);
}

static void w_cert(xml__wstate *ws, const trace_event *ev)
{
    xml__w_leaf(ws, "certificationInfo", ev->certification[0].raw);
    if (ev->certification_array && ev->ncertification == 1)
        xml__w_loss(ws, TRACE__D_DROPPED, "certificationInfo",
                    "the JSON array around the single certificationInfo", NULL);
    if (ev->ncertification > 1) {
        char n[24];
        snprintf(n, sizeof(n), "%zu", ev->ncertification - 1);
        xml__w_loss(ws, TRACE__D_TRUNCATED, "certificationInfo", "certificationInfo", n);
    }
}

static void w_field(xml__wstate *ws, const trace_event *ev, trace_field f)
{
    switch (f) {
    case TRACE_F_EVENT_TIME: xml__w_leaf(ws, "eventTime", ev->event_time.lexeme); break;
    case TRACE_F_RECORD_TIME: xml__w_leaf(ws, "recordTime", ev->record_time.lexeme); break;
    case TRACE_F_TZ_OFFSET: xml__w_leaf(ws, "eventTimeZoneOffset", ev->tz_offset); break;
    case TRACE_F_EVENT_ID: w_id(ws, "eventID", &ev->event_id); break;
    case TRACE_F_ERROR_DECLARATION: w_error_decl(ws, &ev->error_declaration); break;
    case TRACE_F_CERTIFICATION: w_cert(ws, ev); break;
    case TRACE_F_EPC_LIST: w_id_list(ws, "epcList", "epc", ev->epc_list.items, ev->epc_list.n); break;
    case TRACE_F_PARENT_ID: w_id(ws, "parentID", &ev->parent_id); break;
    case TRACE_F_CHILD_EPCS:
        w_id_list(ws, "childEPCs", "epc", ev->child_epcs.items, ev->child_epcs.n);
        break;
    case TRACE_F_INPUT_EPCS:
        w_id_list(ws, "inputEPCList", "epc", ev->input_epcs.items, ev->input_epcs.n);
        break;
    case TRACE_F_OUTPUT_EPCS:
        w_id_list(ws, "outputEPCList", "epc", ev->output_epcs.items, ev->output_epcs.n);
        break;
    case TRACE_F_QUANTITY_LIST: w_quantities(ws, "quantityList", &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST:
        w_quantities(ws, "childQuantityList", &ev->child_quantity_list);
        break;
    case TRACE_F_INPUT_QUANTITY_LIST:
        w_quantities(ws, "inputQuantityList", &ev->input_quantity_list);
        break;
    case TRACE_F_OUTPUT_QUANTITY_LIST:
        w_quantities(ws, "outputQuantityList", &ev->output_quantity_list);
        break;
    case TRACE_F_ACTION:
        xml__w_leaf(ws, "action", ev->action == TRACE_ACTION_INVALID
                                      ? ev->action_raw
                                      : trace_str_c(trace_action_name(ev->action)));
        break;
    case TRACE_F_TRANSFORMATION_ID: w_id(ws, "transformationID", &ev->transformation_id); break;
    case TRACE_F_BIZ_STEP: xml__w_vocab(ws, "bizStep", &ev->biz_step, TRACE_CBV_BIZSTEP); break;
    case TRACE_F_DISPOSITION:
        xml__w_vocab(ws, "disposition", &ev->disposition, TRACE_CBV_DISP);
        break;
    case TRACE_F_PERSISTENT_DISPOSITION: w_pd(ws, ev); break;
    case TRACE_F_READ_POINT: w_location(ws, "readPoint", &ev->read_point); break;
    case TRACE_F_BIZ_LOCATION: w_location(ws, "bizLocation", &ev->biz_location); break;
    case TRACE_F_BIZ_TRANSACTIONS: w_btx(ws, ev); break;
    case TRACE_F_SOURCES:
        w_parties(ws, "sourceList", "source", ev->sources, ev->nsources);
        break;
    case TRACE_F_DESTINATIONS:
        w_parties(ws, "destinationList", "destination", ev->destinations, ev->ndestinations);
        break;
    case TRACE_F_SENSORS: w_sensors(ws, ev); break;
    case TRACE_F_ILMD:
        xml__w_open(ws, "ilmd");
        xml__w_ext_wrapped(ws, ev->ilmd, ev->nilmd, "ilmd");
        xml__w_close(ws, "ilmd");
        break;
    default: break;
    }
}

/* ---------------------------------------------------------------- order */

static int rank(const trace_field *seq, trace_field f)
{
    int i;
    for (i = 0; seq_common[i] != END; i++)
        if (seq_common[i] == f)
            return i;
    for (i = 0; seq[i] != END; i++)
        if (seq[i] == f)
            return 100 + i;
    return 1000; /* extensions and unknown members go last */
}

/*
 * Whether the as-read member order can be written as it is: standard members
 * in schema order, extension elements after all of them (comments may sit
 * anywhere), and order[] listing every present member and extension node.
 * *changed tells that the order was known but XML cannot keep it.
 */
static int order_usable(const trace_event *ev, const trace_field *seq, int *changed)
{
    size_t i, k = 0, nstd = 0, npresent = 0;
    int last = -1, elem_seen = 0;
    *changed = 0;
    for (i = 0; i < ev->norder; i++) {
        trace_field f = (trace_field)ev->order[i];
        int r;
        if (f == TRACE_F_TYPE || f == TRACE_F_CONTEXT)
            continue;
        if (f == TRACE_F_EXTENSION) {
            if (k >= ev->next)
                return 0;
            elem_seen |= ev->ext[k++].kind != TRACE_EXT_COMMENT;
            continue;
        }
        r = rank(seq, f);
        if (r >= 1000)
            continue; /* a member this type lacks: dropped and reported apart */
        if (r < last || elem_seen) {
            *changed = 1;
            return 0;
        }
        last = r;
        nstd++;
    }
    for (i = 0; seq_common[i] != END; i++)
        npresent += (size_t)present(ev, seq_common[i]);
    for (i = 0; seq[i] != END; i++)
        npresent += (size_t)present(ev, seq[i]);
    return ev->norder && k == ev->next && nstd == npresent;
}

/* Write the members in the order read (comments stay where they were). */
static void write_as_read(xml__wstate *ws, const trace_event *ev, const trace_field *seq)
{
    size_t i, k = 0;
    for (i = 0; i < ev->norder; i++) {
        trace_field f = (trace_field)ev->order[i];
        if (f == TRACE_F_EXTENSION)
            xml__w_ext_one(ws, ev->ext, ev->next, k++, "(extension)");
        else if (f != TRACE_F_TYPE && f != TRACE_F_CONTEXT && rank(seq, f) < 1000 &&
                 present(ev, f))
            w_field(ws, ev, f);
    }
}

static void write_canonical(xml__wstate *ws, const trace_event *ev, const trace_field *seq)
{
    size_t i;
    for (i = 0; seq_common[i] != END; i++)
        if (present(ev, seq_common[i]))
            w_field(ws, ev, seq_common[i]);
    for (i = 0; seq[i] != END; i++)
        if (present(ev, seq[i]))
            w_field(ws, ev, seq[i]);
    xml__w_ext_list(ws, ev->ext, ev->next, "(extension)");
}

static void dropped_fields(xml__wstate *ws, const trace_event *ev, const trace_field *seq)
{
    size_t f;
    for (f = TRACE_F_EPC_LIST; f < TRACE_F_EXTENSION; f++) {
        char what[96];
        if (!present(ev, (trace_field)f) || rank(seq, (trace_field)f) < 1000)
            continue;
        snprintf(what, sizeof(what), "%s in a %s", trace_field_name((trace_field)f),
                 trace_event_type_name(ev->type));
        xml__w_loss(ws, TRACE__D_DROPPED, trace_field_name((trace_field)f), what, NULL);
    }
}

/* -------------------------------------------------------------- event */

static int name_char(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c >= 0x80;
}

/* Split an extension event type IRI into namespace and local name. The
 * reader joins the two without a separator, so a namespace need not end in
 * '/', '#' or ':'. An in-scope binding whose URI starts the IRI and leaves
 * a valid local name wins (the longest); otherwise the local name is the
 * longest XML name at the end of the IRI after its last '/', '#' or ':', so
 * "http://ex/66Custom" becomes "http://ex/66" + "Custom" and joins back to
 * the same IRI. Returns the binding found, or NULL. */
static const xml__binding *split_type(xml__wstate *ws, trace_str uri, trace_str *ns,
                                      trace_str *local)
{
    const xml__binding *best = NULL;
    size_t i = uri.len, k;
    for (k = ws->nscope; k-- > 0;) {
        const xml__binding *b = &ws->scope[k];
        trace_str rest = {uri.s + b->uri.len, uri.len - b->uri.len};
        if (b->prefix.len && b->uri.len && b->uri.len < uri.len &&
            !memcmp(b->uri.s, uri.s, b->uri.len) && xml__ncname(rest) &&
            xml__w_lookup(ws, b->prefix) == b && (!best || b->uri.len > best->uri.len))
            best = b;
    }
    if (best)
        i = best->uri.len;
    else {
        while (i > 0 && name_char((unsigned char)uri.s[i - 1]))
            i--;
        while (i < uri.len && !xml__ncname((trace_str){uri.s + i, 1}))
            i++;
    }
    ns->s = uri.s;
    ns->len = i;
    local->s = uri.s + i;
    local->len = uri.len - i;
    return best;
}

static void event_start(xml__wstate *ws, const trace_event *ev, trace_str *prefix,
                        trace_str *name)
{
    size_t i;
    xml__w_indent(ws);
    xml__w_push(ws);
    for (i = 0; i < ev->ncontext; i++) {
        const trace_ns *c = &ev->context[i];
        if (!c->prefix.len || !xml__ncname(c->prefix) || !c->uri.len) {
            char what[TRACE_DIAG_ARG_SIZE];
            snprintf(what, sizeof(what), "the event @context entry %.*s", (int)c->uri.len,
                     c->uri.s ? c->uri.s : "");
            xml__w_loss(ws, TRACE__D_DROPPED, "@context", what, NULL);
            continue;
        }
        xml__w_bind(ws, c->prefix, c->uri);
    }
    prefix->s = NULL;
    prefix->len = 0;
    if (ev->type == TRACE_EVENT_EXTENSION) {
        trace_str ns;
        const xml__binding *b = split_type(ws, ev->type_name, &ns, name);
        if (!name->len) {
            char what[TRACE_DIAG_ARG_SIZE];
            snprintf(what, sizeof(what), "the event type %.*s", (int)ev->type_name.len,
                     ev->type_name.s ? ev->type_name.s : "");
            xml__w_loss(ws, TRACE__D_CHANGED, "type", what, "Event");
            *name = trace_str_c("Event");
        }
        if (b)
            *prefix = b->prefix;
        else if (ns.len)
            *prefix = xml__w_resolve(ws, ns, trace_str_c("ext0"), 1);
    } else {
        *name = trace_str_c(trace_event_type_name(ev->type));
    }
    trace__out_putc(&ws->w->out, '<');
    if (prefix->len) {
        trace__out_str(&ws->w->out, *prefix);
        trace__out_putc(&ws->w->out, ':');
    }
    trace__out_str(&ws->w->out, *name);
    xml__w_decls(ws);
    trace__out_putc(&ws->w->out, '>');
    ws->level++;
}

int xml__w_event(xml__wstate *ws, const trace_event *ev)
{
    const trace_field *seq = seq_of(ev->type);
    trace_str prefix, name;
    size_t i;
    int as_read, changed = 0;
    ws->record = ev->index >= 0 ? ev->index : (int64_t)ws->w->nevents;
    if (ev->type == TRACE_EVENT_EXTENSION && !ws->ext_list_open) {
        xml__w_open(ws, "extension");
        ws->ext_list_open = 1;
    } else if (ev->type != TRACE_EVENT_EXTENSION && ws->ext_list_open) {
        xml__w_close(ws, "extension");
        ws->ext_list_open = 0;
    }
    as_read = !ws->w->opts.canonical_order && order_usable(ev, seq, &changed);
    if (changed && !ws->w->opts.canonical_order)
        xml__w_loss(ws, TRACE__D_CHANGED, "(order)", "the member order",
                    "the EPCIS XML schema order");
    dropped_fields(ws, ev, seq);
    event_start(ws, ev, &prefix, &name);
    for (i = 0; i < ev->next; i++)
        if (ev->ext[i].kind == TRACE_EXT_ELEMENT && !ev->ext[i].ns.len) {
            char what[TRACE_DIAG_ARG_SIZE];
            snprintf(what, sizeof(what), "the unqualified extension element %.*s",
                     (int)ev->ext[i].name.len, ev->ext[i].name.s);
            xml__w_loss(ws, TRACE__D_CHANGED, "(extension)", what,
                        "an element EPCIS 2.0 XML schemas do not allow here");
        }
    if (as_read)
        write_as_read(ws, ev, seq);
    else
        write_canonical(ws, ev, seq);
    ws->level--;
    xml__w_indent(ws);
    trace__out_puts(&ws->w->out, "</");
    if (prefix.len) {
        trace__out_str(&ws->w->out, prefix);
        trace__out_putc(&ws->w->out, ':');
    }
    trace__out_str(&ws->w->out, name);
    trace__out_putc(&ws->w->out, '>');
    if (!ws->pretty)
        trace__out_putc(&ws->w->out, '\n');
    xml__w_pop(ws);
    return ws->w->out.error;
}
