/*
 * validate_epcis.c - validator layers 2-4: the binding's structure (what the
 * EPCIS 2.0 XSD and JSON Schema require), EPCIS semantics, and the CBV level.
 */
#include <stdlib.h>
#include <string.h>

#include "validate_int.h"

#define BIT(f) (1ull << (f))

/* Fields each event type may carry beyond the common ones (XSD sequences). */
static const uint64_t common_fields =
    BIT(TRACE_F_TYPE) | BIT(TRACE_F_EVENT_TIME) | BIT(TRACE_F_RECORD_TIME) |
    BIT(TRACE_F_TZ_OFFSET) | BIT(TRACE_F_EVENT_ID) | BIT(TRACE_F_ERROR_DECLARATION) |
    BIT(TRACE_F_CERTIFICATION) | BIT(TRACE_F_BIZ_STEP) | BIT(TRACE_F_DISPOSITION) |
    BIT(TRACE_F_READ_POINT) | BIT(TRACE_F_BIZ_LOCATION) | BIT(TRACE_F_BIZ_TRANSACTIONS) |
    BIT(TRACE_F_SOURCES) | BIT(TRACE_F_DESTINATIONS) | BIT(TRACE_F_SENSORS) |
    BIT(TRACE_F_PERSISTENT_DISPOSITION) | BIT(TRACE_F_EXTENSION) | BIT(TRACE_F_CONTEXT);

static const uint64_t type_fields[] = {
    /* ObjectEvent */
    BIT(TRACE_F_EPC_LIST) | BIT(TRACE_F_ACTION) | BIT(TRACE_F_QUANTITY_LIST) | BIT(TRACE_F_ILMD),
    /* AggregationEvent */
    BIT(TRACE_F_PARENT_ID) | BIT(TRACE_F_CHILD_EPCS) | BIT(TRACE_F_ACTION) |
        BIT(TRACE_F_CHILD_QUANTITY_LIST),
    /* TransactionEvent */
    BIT(TRACE_F_PARENT_ID) | BIT(TRACE_F_EPC_LIST) | BIT(TRACE_F_ACTION) |
        BIT(TRACE_F_QUANTITY_LIST),
    /* TransformationEvent */
    BIT(TRACE_F_INPUT_EPCS) | BIT(TRACE_F_INPUT_QUANTITY_LIST) | BIT(TRACE_F_OUTPUT_EPCS) |
        BIT(TRACE_F_OUTPUT_QUANTITY_LIST) | BIT(TRACE_F_TRANSFORMATION_ID) | BIT(TRACE_F_ILMD),
    /* AssociationEvent */
    BIT(TRACE_F_PARENT_ID) | BIT(TRACE_F_CHILD_EPCS) | BIT(TRACE_F_CHILD_QUANTITY_LIST) |
        BIT(TRACE_F_ACTION),
};

/* Which fields this event actually carries. */
static uint64_t present_fields(const trace_event *ev)
{
    uint64_t m = 0;
    if (ev->epc_list.present)
        m |= BIT(TRACE_F_EPC_LIST);
    if (ev->parent_id.raw.len)
        m |= BIT(TRACE_F_PARENT_ID);
    if (ev->child_epcs.present)
        m |= BIT(TRACE_F_CHILD_EPCS);
    if (ev->input_epcs.present)
        m |= BIT(TRACE_F_INPUT_EPCS);
    if (ev->output_epcs.present)
        m |= BIT(TRACE_F_OUTPUT_EPCS);
    if (ev->quantity_list.present)
        m |= BIT(TRACE_F_QUANTITY_LIST);
    if (ev->child_quantity_list.present)
        m |= BIT(TRACE_F_CHILD_QUANTITY_LIST);
    if (ev->input_quantity_list.present)
        m |= BIT(TRACE_F_INPUT_QUANTITY_LIST);
    if (ev->output_quantity_list.present)
        m |= BIT(TRACE_F_OUTPUT_QUANTITY_LIST);
    if (ev->action != TRACE_ACTION_NONE)
        m |= BIT(TRACE_F_ACTION);
    if (ev->transformation_id.raw.len)
        m |= BIT(TRACE_F_TRANSFORMATION_ID);
    if (ev->has_ilmd)
        m |= BIT(TRACE_F_ILMD);
    return m;
}

void trace__validate_structure(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    trace_str none = {NULL, 0};
    uint64_t have, extra;
    unsigned f;
    if (ev->type == TRACE_EVENT_EXTENSION) {
        trace__vreport(c, TRACE__D_NOT_EPCIS_EVENT_TYPE, ev->pos, NULL, NULL, -1, "value",
                       ev->type_name);
        return;
    }
    have = present_fields(ev);
    extra = have & ~(common_fields | type_fields[ev->type]);
    for (f = 0; f < TRACE_F_COUNT; f++)
        if (extra & BIT(f))
            trace__vreport(c, TRACE__D_FIELD_NOT_ALLOWED, ev->pos, trace_field_name(f), NULL,
                           -1, NULL, none);
    if (ev->event_time.lexeme.len == 0)
        trace__vreport(c, TRACE__D_MISSING_FIELD, ev->pos, "eventTime", NULL, -1, NULL, none);
    if (ev->tz_offset.len == 0)
        trace__vreport(c, TRACE__D_MISSING_FIELD, ev->pos, "eventTimeZoneOffset", NULL, -1,
                       NULL, none);
    if (ev->type != TRACE_EVENT_TRANSFORMATION && ev->action == TRACE_ACTION_NONE)
        trace__vreport(c, TRACE__D_MISSING_FIELD, ev->pos, "action", NULL, -1, NULL, none);
    if (ev->type == TRACE_EVENT_TRANSACTION && ev->nbiz_transactions == 0)
        trace__vreport(c, TRACE__D_MISSING_FIELD, ev->pos, "bizTransactionList", NULL, -1,
                       NULL, none);
    if (ev->type == TRACE_EVENT_ASSOCIATION && ev->parent_id.raw.len == 0)
        trace__vreport(c, TRACE__D_MISSING_FIELD, ev->pos, "parentID", NULL, -1, NULL, none);
}

/* ------------------------------------------------------------ semantics */

static int is_uri(trace_str s)
{
    size_t i;
    if (s.len < 2 || !((s.s[0] | 0x20) >= 'a' && (s.s[0] | 0x20) <= 'z'))
        return 0;
    for (i = 1; i < s.len; i++) {
        char ch = s.s[i];
        if (ch == ':')
            return i + 1 < s.len;
        if (!((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z') && !(ch >= '0' && ch <= '9') &&
            ch != '+' && ch != '-' && ch != '.')
            return 0;
    }
    return 0;
}

static void check_uri(trace__vrun *c, const trace_id *id, const char *field, const char *item,
                      long index)
{
    if (id->raw.len && !is_uri(id->raw))
        trace__vreport(c, TRACE__D_BAD_URI, id->pos, field, item, index, "value", id->raw);
}

static int cmp_str(const void *a, const void *b)
{
    const trace_str *x = *(const trace_str *const *)a, *y = *(const trace_str *const *)b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = n ? memcmp(x->s, y->s, n) : 0; /* an empty value may have no storage */
    return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* URIs and duplicates of one identifier list: O(n log n) with a reused scratch. */
static void check_id_list(trace__vrun *c, const trace_id_list *l, const char *field)
{
    trace_validator *v = c->v;
    size_t i;
    for (i = 0; i < l->n; i++)
        check_uri(c, &l->items[i], field, "epc", (long)i);
    if (l->n < 2)
        return;
    if (l->n > v->sort_cap) {
        const trace_str **p = trace__realloc(v->alloc, v->sort, l->n * sizeof(*p));
        if (!p)
            return; /* out of memory: skip only the duplicate check */
        v->sort = p;
        v->sort_cap = l->n;
    }
    for (i = 0; i < l->n; i++)
        v->sort[i] = &l->items[i].raw;
    qsort(v->sort, l->n, sizeof(*v->sort), cmp_str);
    for (i = 1; i < l->n; i++)
        if (cmp_str(&v->sort[i - 1], &v->sort[i]) == 0 &&
            (i < 2 || cmp_str(&v->sort[i - 2], &v->sort[i]) != 0)) {
            /* raw sits at the same offset in every trace_id: recover the index */
            long at = (long)(((const char *)v->sort[i] - (const char *)&l->items[0].raw) /
                        (long)sizeof(trace_id));
            trace__vreport(c, TRACE__D_DUPLICATE_ID, l->items[at].pos, field, "epc", at,
                           "value", *v->sort[i]);
        }
}

/* A positive decimal lexeme: digits with at most one '.', optional exponent. */
static int positive_decimal(trace_str s)
{
    size_t i = 0;
    int digits = 0, nonzero = 0, dot = 0;
    if (i < s.len && s.s[i] == '+')
        i++;
    for (; i < s.len; i++) {
        char ch = s.s[i];
        if (ch >= '0' && ch <= '9') {
            digits = 1;
            nonzero |= ch != '0';
        } else if (ch == '.' && !dot) {
            dot = 1;
        } else if ((ch == 'e' || ch == 'E') && digits) {
            size_t j = i + 1;
            if (j < s.len && (s.s[j] == '+' || s.s[j] == '-'))
                j++;
            if (j == s.len)
                return 0;
            for (; j < s.len; j++)
                if (s.s[j] < '0' || s.s[j] > '9')
                    return 0;
            break;
        } else {
            return 0;
        }
    }
    return digits && nonzero;
}

static int rec20_pattern(trace_str s)
{
    size_t i;
    if (s.len < 2 || s.len > 3)
        return 0;
    for (i = 0; i < s.len; i++)
        if (!((s.s[i] >= 'A' && s.s[i] <= 'Z') || (s.s[i] >= '0' && s.s[i] <= '9')))
            return 0;
    return 1;
}

static void check_quantities(trace__vrun *c, const trace_quantity_list *l, const char *field)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        if (q->epc_class.raw.len == 0)
            trace__vreport(c, TRACE__D_MISSING_FIELD, q->pos, field, "quantityElement", (long)i,
                           NULL, q->uom);
        else
            check_uri(c, &q->epc_class, field, "quantityElement", (long)i);
        if (q->quantity.lexeme.len && !positive_decimal(q->quantity.lexeme)) {
            trace_diag *d = trace__vdiag(c, TRACE__D_QUANTITY_NOT_POSITIVE, q->quantity.pos, field,
                                         "quantityElement", (long)i, "quantity");
            trace__diag_argn(d, "value", q->quantity.lexeme.s, q->quantity.lexeme.len);
            trace__vemit(c, d);
        }
        if (q->uom.len && !rec20_pattern(q->uom)) {
            trace_diag *d = trace__vdiag(c, TRACE__D_BAD_UOM, q->pos, field, "quantityElement",
                                         (long)i, "uom");
            trace__diag_argn(d, "value", q->uom.s, q->uom.len);
            trace__vemit(c, d);
        }
    }
}

static void check_times(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    trace_validator *v = c->v;
    int off, lexical = !v->lexical_checked;
    if (lexical && ev->event_time.lexeme.len && !ev->event_time.valid)
        trace__vreport(c, TRACE__D_BAD_TIME, ev->event_time.pos, "eventTime", NULL, -1, "value",
                       ev->event_time.lexeme);
    if (lexical && ev->record_time.lexeme.len && !ev->record_time.valid)
        trace__vreport(c, TRACE__D_BAD_TIME, ev->record_time.pos, "recordTime", NULL, -1,
                       "value", ev->record_time.lexeme);
    if (ev->event_time.valid && ev->record_time.valid &&
        (ev->event_time.seconds > ev->record_time.seconds ||
         (ev->event_time.seconds == ev->record_time.seconds &&
          ev->event_time.nanos > ev->record_time.nanos))) {
        trace_diag *d = trace__vdiag(c, TRACE__D_EVENT_AFTER_RECORD, ev->event_time.pos,
                                     "eventTime", NULL, -1, NULL);
        trace__diag_argn(d, "event", ev->event_time.lexeme.s, ev->event_time.lexeme.len);
        trace__diag_argn(d, "record", ev->record_time.lexeme.s, ev->record_time.lexeme.len);
        trace__vemit(c, d);
    }
    if (ev->event_time.valid && ev->event_time.seconds > v->opts.now + v->opts.future_tolerance) {
        trace_diag *d = trace__vdiag(c, TRACE__D_EVENT_IN_FUTURE, ev->event_time.pos,
                                     "eventTime", NULL, -1, NULL);
        trace__diag_argn(d, "value", ev->event_time.lexeme.s, ev->event_time.lexeme.len);
        trace__diag_argf(d, "seconds", "%lld", (long long)(ev->event_time.seconds - v->opts.now));
        trace__diag_argf(d, "tolerance", "%lld", (long long)v->opts.future_tolerance);
        trace__vemit(c, d);
    }
    if (ev->tz_offset.len && trace_offset_parse(ev->tz_offset, &off) != TRACE_OK) {
        if (lexical)
            trace__vreport(c, TRACE__D_TZ_OFFSET_INVALID, ev->pos, "eventTimeZoneOffset", NULL,
                           -1, "value", ev->tz_offset);
    }
    else if (ev->tz_offset.len && ev->event_time.valid && ev->event_time.offset_min != 0 &&
             ev->event_time.offset_min != off) {
        trace_diag *d = trace__vdiag(c, TRACE__D_TZ_OFFSET_DIFFERS, ev->pos,
                                     "eventTimeZoneOffset", NULL, -1, NULL);
        trace__diag_argn(d, "offset", ev->tz_offset.s, ev->tz_offset.len);
        trace__diag_argn(d, "value", ev->event_time.lexeme.s, ev->event_time.lexeme.len);
        trace__vemit(c, d);
    }
}

static void check_what(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    const char *need = NULL;
    int deleting = ev->action == TRACE_ACTION_DELETE;
    switch (ev->type) {
    case TRACE_EVENT_OBJECT:
        if (!ev->epc_list.present && ev->quantity_list.n == 0 &&
            !(ev->nsensors && ev->read_point.present))
            need = "epcList, quantityList, or sensorElementList with readPoint";
        break;
    case TRACE_EVENT_AGGREGATION:
    case TRACE_EVENT_ASSOCIATION:
        if (!deleting && ev->child_epcs.n == 0 && ev->child_quantity_list.n == 0)
            need = "childEPCs or childQuantityList";
        break;
    case TRACE_EVENT_TRANSACTION:
        if (!deleting && ev->epc_list.n == 0 && ev->quantity_list.n == 0)
            need = "epcList or quantityList";
        break;
    case TRACE_EVENT_TRANSFORMATION:
    case TRACE_EVENT_EXTENSION:
        break;
    }
    if (need) {
        trace_diag *d = trace__vdiag(c, TRACE__D_WHAT_MISSING, ev->pos, NULL, NULL, -1, NULL);
        trace__diag_arg(d, "need", need);
        trace__vemit(c, d);
    }
    if (ev->type == TRACE_EVENT_TRANSFORMATION) {
        size_t in = ev->input_epcs.n + ev->input_quantity_list.n;
        size_t out = ev->output_epcs.n + ev->output_quantity_list.n;
        if (!((in && out) || (ev->transformation_id.raw.len && (in || out))))
            trace__vreport(c, TRACE__D_TRANSFORMATION_IO, ev->pos, NULL, NULL, -1, NULL,
                           ev->type_name);
    }
}

static void check_parties(trace__vrun *c, const trace_party_ref *p, size_t n, const char *field,
                          const char *item)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i].type.raw.len == 0)
            trace__vreport(c, TRACE__D_TYPE_REQUIRED, p[i].pos, field, item, (long)i, NULL,
                           p[i].type.raw);
        check_uri(c, &p[i].id, field, item, (long)i);
    }
}

void trace__validate_semantics(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    trace_str none = {NULL, 0};
    size_t i;
    if (ev->action == TRACE_ACTION_INVALID && !c->v->lexical_checked)
        trace__vreport(c, TRACE__D_ACTION_INVALID, ev->pos, "action", NULL, -1, "value",
                       ev->action_raw);
    if (ev->type == TRACE_EVENT_OBJECT && ev->has_ilmd && ev->action != TRACE_ACTION_ADD)
        trace__vreport(c, TRACE__D_ILMD_NOT_ALLOWED, ev->pos, "ilmd", NULL, -1, NULL, none);
    if (ev->type == TRACE_EVENT_AGGREGATION && ev->parent_id.raw.len == 0 &&
        (ev->action == TRACE_ACTION_ADD || ev->action == TRACE_ACTION_DELETE)) {
        trace_diag *d = trace__vdiag(c, TRACE__D_PARENT_REQUIRED, ev->pos, "parentID", NULL, -1,
                                     NULL);
        trace__diag_arg(d, "action", trace_action_name(ev->action));
        trace__vemit(c, d);
    }
    check_what(c);
    check_times(c);
    check_id_list(c, &ev->epc_list, "epcList");
    check_id_list(c, &ev->child_epcs, "childEPCs");
    check_id_list(c, &ev->input_epcs, "inputEPCList");
    check_id_list(c, &ev->output_epcs, "outputEPCList");
    check_uri(c, &ev->parent_id, "parentID", NULL, -1);
    check_uri(c, &ev->event_id, "eventID", NULL, -1);
    check_uri(c, &ev->transformation_id, "transformationID", NULL, -1);
    check_uri(c, &ev->read_point.id, "readPoint", NULL, -1);
    check_uri(c, &ev->biz_location.id, "bizLocation", NULL, -1);
    for (i = 0; i < ev->ncertification; i++)
        check_uri(c, &ev->certification[i], "certificationInfo", NULL,
                  ev->ncertification > 1 ? (long)i : -1);
    for (i = 0; i < ev->nbiz_transactions; i++)
        check_uri(c, &ev->biz_transactions[i].id, "bizTransactionList", "bizTransaction",
                  (long)i);
    check_quantities(c, &ev->quantity_list, "quantityList");
    check_quantities(c, &ev->child_quantity_list, "childQuantityList");
    check_quantities(c, &ev->input_quantity_list, "inputQuantityList");
    check_quantities(c, &ev->output_quantity_list, "outputQuantityList");
    check_parties(c, ev->sources, ev->nsources, "sourceList", "source");
    check_parties(c, ev->destinations, ev->ndestinations, "destinationList", "destination");
    if (ev->has_persistent_disposition && ev->npd_set == 0 && ev->npd_unset == 0)
        trace__vreport(c, TRACE__D_EMPTY_PERSISTENT_DISPOSITION, ev->pos,
                       "persistentDisposition", NULL, -1, NULL, none);
    if (ev->error_declaration.present && ev->error_declaration.declaration_time.lexeme.len == 0)
        trace__vreport(c, TRACE__D_DECLARATION_TIME_MISSING, ev->error_declaration.pos,
                       "errorDeclaration", NULL, -1, NULL, none);
    for (i = 0; i < ev->nsensors; i++)
        if (ev->sensors[i].nreports == 0)
            trace__vreport(c, TRACE__D_SENSOR_REPORT_MISSING, ev->sensors[i].pos,
                           "sensorElementList", "sensorElement", (long)i, NULL, none);
}

/* ------------------------------------------------------------ CBV level */

/* trace__cbv_is_term, remembered per validator: the same terms recur. */
static int is_term(trace_validator *v, trace_cbv_list list, trace_str term)
{
    int yes;
    if (trace__vmemo_get(v, TRACE__VM_TERM + (int)list * 2, term.s, term.len, NULL, &yes))
        return yes;
    yes = trace__cbv_is_term(list, term);
    trace__vmemo_put(v, TRACE__VM_TERM + (int)list * 2, term.s, term.len, NULL, yes);
    return yes;
}

static void check_vocab(trace__vrun *c, const trace_vocab *v, trace_cbv_list list,
                        const char *field, const char *item, long index)
{
    if (v->form == TRACE_CBV_NONE)
        return;
    if (v->form == TRACE_CBV_OTHER) {
        if (c->v->opts.level == TRACE_LEVEL_COMPLIANT)
            trace__vreport(c, TRACE__D_NON_CBV_VALUE, v->pos, field, item, index, "value",
                           v->raw);
        else if (!is_uri(v->raw))
            trace__vreport(c, TRACE__D_BAD_URI, v->pos, field, item, index, "value", v->raw);
        return;
    }
    if (!is_term(c->v, list, v->value))
        trace__vreport(c, TRACE__D_UNKNOWN_CBV_TERM, v->pos, field, item, index, "value", v->raw);
}

void trace__validate_cbv(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    size_t i;
    if (c->v->opts.level == TRACE_LEVEL_COMPLIANT && ev->biz_step.form == TRACE_CBV_NONE)
        trace__vreport(c, TRACE__D_BIZSTEP_REQUIRED, ev->pos, "bizStep", NULL, -1, NULL,
                       ev->biz_step.raw);
    check_vocab(c, &ev->biz_step, TRACE_CBV_BIZSTEP, "bizStep", NULL, -1);
    check_vocab(c, &ev->disposition, TRACE_CBV_DISP, "disposition", NULL, -1);
    for (i = 0; i < ev->npd_set; i++)
        check_vocab(c, &ev->pd_set[i], TRACE_CBV_DISP, "persistentDisposition", "set", (long)i);
    for (i = 0; i < ev->npd_unset; i++)
        check_vocab(c, &ev->pd_unset[i], TRACE_CBV_DISP, "persistentDisposition", "unset",
                    (long)i);
    for (i = 0; i < ev->nbiz_transactions; i++)
        check_vocab(c, &ev->biz_transactions[i].type, TRACE_CBV_BTT, "bizTransactionList",
                    "bizTransaction", (long)i);
    for (i = 0; i < ev->nsources; i++)
        check_vocab(c, &ev->sources[i].type, TRACE_CBV_SDT, "sourceList", "source", (long)i);
    for (i = 0; i < ev->ndestinations; i++)
        check_vocab(c, &ev->destinations[i].type, TRACE_CBV_SDT, "destinationList",
                    "destination", (long)i);
    check_vocab(c, &ev->error_declaration.reason, TRACE_CBV_ER, "errorDeclaration", NULL, -1);
}
