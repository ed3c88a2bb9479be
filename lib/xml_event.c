/*
 * xml_event.c - map one expanded EPCIS XML event element into the model
 * (UTDS Part 3, spec/utds-3-xml.md "Events"). EPCIS 1.2 documents go
 * through the same code: the 1.x extension wrappers (extension,
 * baseExtension) are flattened into their parent, and a QuantityEvent
 * becomes an ObjectEvent with one quantityList element.
 */
#include <stdio.h>
#include <string.h>

#include "xml_int.h"

/* What is being filled while walking the children of one event. */
typedef struct evctx {
    xml__rstate *st;
    trace__arena *a;
    trace_event *ev;
    uint64_t seen;      /* fields already read (bit per trace_field) */
    size_t ext_cap;
    size_t cert_cap;
    int order_overflow;
    int quantity_event; /* EPCIS 1.x QuantityEvent being upgraded */
    trace_id qe_class;
    trace_num qe_quantity;
} evctx;

static const char *const type_elems[] = {"ObjectEvent", "AggregationEvent", "TransactionEvent",
                                         "TransformationEvent", "AssociationEvent"};

static void order_add(evctx *c, trace_field f)
{
    if (c->ev->norder < TRACE_EVENT_MAX_ORDER)
        c->ev->order[c->ev->norder++] = (uint8_t)f;
    else
        c->order_overflow = 1;
}

static int copy_text(evctx *c, const xmlNode *n, int trim, trace_str *out)
{
    return xml__text(c->st, c->a, n, trim, out);
}

static int read_id(evctx *c, const xmlNode *n, trace_id *id)
{
    int rc = copy_text(c, n, 1, &id->raw);
    id->form = trace_id_classify(id->raw);
    id->pos = xml__pos(n);
    return rc;
}

static int read_vocab(evctx *c, const xmlNode *n, trace_cbv_list list, trace_vocab *v)
{
    trace_str s;
    int rc = copy_text(c, n, 1, &s);
    trace_vocab_set(v, list, s);
    v->pos = xml__pos(n);
    return rc;
}

static int read_time(evctx *c, const xmlNode *n, trace_time *t)
{
    trace_str s;
    int rc = copy_text(c, n, 1, &s);
    if (rc != TRACE_OK)
        return rc;
    if (trace_time_parse(s, t) != TRACE_OK) {
        char v[TRACE_DIAG_ARG_SIZE];
        snprintf(v, sizeof(v), "%.*s", (int)s.len, s.s ? s.s : "");
        XML__REPORT(c->st, TRACE__D_BAD_TIMESTAMP, n, "field", xml__name(n), "value", v);
    }
    t->pos = xml__pos(n);
    return TRACE_OK;
}

/* Count the element children named name. */
static size_t count_named(evctx *c, const xmlNode *n, const char *name)
{
    const xmlNode *k;
    size_t m = 0;
    for (k = n->children; k; k = k->next)
        m += xml__is_std(c->st, k, name);
    return m;
}

/* Warn about children other than the expected ones (lists have no extension place). */
static void ignore_others(evctx *c, const xmlNode *n, const char *a, const char *b)
{
    const xmlNode *k;
    for (k = n->children; k; k = k->next) {
        if (k->type == XML_ELEMENT_NODE && (xml__is_std(c->st, k, a) || (b && xml__is_std(c->st, k, b))))
            continue;
        if (k->type == XML_ELEMENT_NODE || k->type == XML_COMMENT_NODE ||
            (k->type == XML_TEXT_NODE && !xml__blank(k->content)))
            XML__REPORT(c->st, TRACE__D_XML_IGNORED, k->type == XML_ELEMENT_NODE ? k : n, "what",
                        k->type == XML_ELEMENT_NODE ? xml__name(k)
                                                    : k->type == XML_COMMENT_NODE ? "comment"
                                                                                  : "text",
                        "parent", xml__name(n));
    }
}

static int read_id_list(evctx *c, const xmlNode *n, const char *item, trace_id **items,
                        size_t *count)
{
    const xmlNode *k;
    size_t m = count_named(c, n, item);
    int rc;
    *count = 0;
    *items = NULL;
    ignore_others(c, n, item, NULL);
    if (!m)
        return TRACE_OK;
    if (!(*items = trace__arena_alloc(c->a, m * sizeof(**items))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next)
        if (xml__is_std(c->st, k, item) && (rc = read_id(c, k, &(*items)[(*count)++])) != TRACE_OK)
            return rc;
    return TRACE_OK;
}

static int read_epcs(evctx *c, const xmlNode *n, trace_id_list *l)
{
    l->present = 1;
    l->pos = xml__pos(n);
    return read_id_list(c, n, "epc", &l->items, &l->n);
}

static int read_quantity(evctx *c, const xmlNode *n, trace_quantity *q)
{
    const xmlNode *k;
    int rc = TRACE_OK;
    memset(q, 0, sizeof(*q));
    q->pos = xml__pos(n);
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (xml__is_std(c->st, k, "epcClass")) {
            rc = read_id(c, k, &q->epc_class);
        } else if (xml__is_std(c->st, k, "quantity")) {
            /* xsi:nil="true" leaves the lexeme empty, as an absent quantity */
            rc = copy_text(c, k, 1, &q->quantity.lexeme);
            q->quantity.pos = xml__pos(k);
        } else if (xml__is_std(c->st, k, "uom")) {
            rc = copy_text(c, k, 1, &q->uom);
        } else if (k->type == XML_ELEMENT_NODE) {
            XML__REPORT(c->st, TRACE__D_XML_IGNORED, k, "what", xml__name(k), "parent",
                        "quantityElement");
        }
    }
    return rc;
}

static int read_quantities(evctx *c, const xmlNode *n, trace_quantity_list *l)
{
    const xmlNode *k;
    size_t m = count_named(c, n, "quantityElement");
    int rc;
    l->present = 1;
    l->pos = xml__pos(n);
    ignore_others(c, n, "quantityElement", NULL);
    if (!m)
        return TRACE_OK;
    if (!(l->items = trace__arena_alloc(c->a, m * sizeof(*l->items))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next)
        if (xml__is_std(c->st, k, "quantityElement") &&
            (rc = read_quantity(c, k, &l->items[l->n++])) != TRACE_OK)
            return rc;
    return TRACE_OK;
}

/* Read the "type" attribute of a bizTransaction/source/destination. */
static int read_typed(evctx *c, const xmlNode *n, trace_cbv_list list, trace_vocab *type,
                      trace_id *id)
{
    const xmlAttr *at;
    int rc;
    for (at = n->properties; at; at = at->next) {
        if (!at->ns && !strcmp((const char *)at->name, "type")) {
            trace_str s;
            xmlNode fake;
            memset(&fake, 0, sizeof(fake));
            fake.type = XML_ELEMENT_NODE;
            fake.name = at->name;
            fake.children = at->children;
            fake.parent = (xmlNode *)n;
            if ((rc = xml__text(c->st, c->a, &fake, 1, &s)) != TRACE_OK)
                return rc;
            trace_vocab_set(type, list, s);
            type->pos = xml__pos(n);
        } else {
            XML__REPORT(c->st, TRACE__D_XML_IGNORED, n, "what", (const char *)at->name, "parent",
                        xml__name(n));
        }
    }
    return read_id(c, n, id);
}

static int read_btx(evctx *c, const xmlNode *n)
{
    const xmlNode *k;
    size_t m = count_named(c, n, "bizTransaction");
    trace_event *ev = c->ev;
    int rc;
    ev->biz_transactions_present = 1;
    ignore_others(c, n, "bizTransaction", NULL);
    if (!m)
        return TRACE_OK;
    if (!(ev->biz_transactions = trace__arena_calloc(c->a, m * sizeof(*ev->biz_transactions))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next) {
        trace_biz_transaction *b = &ev->biz_transactions[ev->nbiz_transactions];
        if (!xml__is_std(c->st, k, "bizTransaction"))
            continue;
        ev->nbiz_transactions++;
        b->pos = xml__pos(k);
        if ((rc = read_typed(c, k, TRACE_CBV_BTT, &b->type, &b->id)) != TRACE_OK)
            return rc;
    }
    return TRACE_OK;
}

static int read_parties(evctx *c, const xmlNode *n, const char *item, trace_party_ref **out,
                        size_t *count)
{
    const xmlNode *k;
    size_t m = count_named(c, n, item);
    int rc;
    ignore_others(c, n, item, NULL);
    if (!m)
        return TRACE_OK;
    if (!(*out = trace__arena_calloc(c->a, m * sizeof(**out))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next) {
        trace_party_ref *p = &(*out)[*count];
        if (!xml__is_std(c->st, k, item))
            continue;
        (*count)++;
        p->pos = xml__pos(k);
        if ((rc = read_typed(c, k, TRACE_CBV_SDT, &p->type, &p->id)) != TRACE_OK)
            return rc;
    }
    return TRACE_OK;
}

/* Extension children of a standard structure (known children skipped, wrappers flattened). */
static int ext_children(evctx *c, const xmlNode *n, const char *const *known, trace_ext **ext,
                        size_t *next)
{
    return xml__ext_list(c->st, c->a, n->children, 2, 1, known, ext, next);
}

static int read_location(evctx *c, const xmlNode *n, trace_location *l)
{
    static const char *const known[] = {"id", NULL};
    const xmlNode *k;
    int rc;
    l->present = 1;
    l->pos = xml__pos(n);
    for (k = n->children; k; k = k->next)
        if (xml__is_std(c->st, k, "id") && !l->id.raw.len &&
            (rc = read_id(c, k, &l->id)) != TRACE_OK)
            return rc;
    return ext_children(c, n, known, &l->ext, &l->next);
}

/* sensorReport attributes typed xsd:double in the XSD (JSON numbers in JSON-LD). */
static int is_number_attr(const char *name)
{
    switch (name[0]) {
    case 'v': return !strcmp(name, "value");
    case 'm':
        return !strcmp(name, "minValue") || !strcmp(name, "maxValue") ||
               !strcmp(name, "meanValue");
    case 's': return !strcmp(name, "sDev");
    case 'p': return !strcmp(name, "percRank") || !strcmp(name, "percValue");
    default: return 0;
    }
}

static int read_sensor_attrs(evctx *c, const xmlNode *n, trace_sensor_attr **out, size_t *count)
{
    const xmlAttr *at;
    size_t m = 0;
    int rc;
    for (at = n->properties; at; at = at->next)
        m++;
    *out = NULL;
    *count = 0;
    if (!m)
        return TRACE_OK;
    if (!(*out = trace__arena_calloc(c->a, m * sizeof(**out))))
        return TRACE_ENOMEM;
    for (at = n->properties; at; at = at->next) {
        trace_sensor_attr *s = &(*out)[(*count)++];
        xmlNode fake;
        s->name = xml__name_str(c->st, c->a, at->name);
        if (at->ns) {
            s->ns = xml__intern_ns(c->st, at->ns->href);
            if (at->ns->prefix &&
                (rc = xml__copy(c->a, at->ns->prefix, strlen((const char *)at->ns->prefix),
                                &s->prefix)) != TRACE_OK)
                return rc;
        } else if (is_number_attr((const char *)at->name)) {
            s->type = TRACE_EXT_NUMBER; /* xsd:double in the XSD: a JSON number */
        } else if (!strcmp((const char *)at->name, "booleanValue")) {
            s->type = TRACE_EXT_BOOL;
        }
        memset(&fake, 0, sizeof(fake));
        fake.type = XML_ELEMENT_NODE;
        fake.name = at->name;
        fake.children = at->children;
        fake.parent = (xmlNode *)n;
        if ((rc = xml__text(c->st, c->a, &fake, 0, &s->value)) != TRACE_OK)
            return rc;
    }
    return TRACE_OK;
}

static int read_sensor(evctx *c, const xmlNode *n, trace_sensor_element *s)
{
    static const char *const known[] = {"sensorMetadata", "sensorReport", NULL};
    const xmlNode *k;
    size_t m = count_named(c, n, "sensorReport");
    int rc;
    s->pos = xml__pos(n);
    if (m && !(s->reports = trace__arena_calloc(c->a, m * sizeof(*s->reports))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next) {
        if (xml__is_std(c->st, k, "sensorMetadata") && !s->has_metadata) {
            s->has_metadata = 1;
            rc = read_sensor_attrs(c, k, &s->metadata, &s->nmetadata);
        } else if (xml__is_std(c->st, k, "sensorReport")) {
            trace_sensor_report *r = &s->reports[s->nreports++];
            r->pos = xml__pos(k);
            rc = read_sensor_attrs(c, k, &r->attrs, &r->nattrs);
        } else {
            continue;
        }
        if (rc != TRACE_OK)
            return rc;
    }
    return ext_children(c, n, known, &s->ext, &s->next);
}

static int read_sensors(evctx *c, const xmlNode *n)
{
    const xmlNode *k;
    size_t m = count_named(c, n, "sensorElement");
    trace_event *ev = c->ev;
    int rc;
    ignore_others(c, n, "sensorElement", "extension");
    if (!m)
        return TRACE_OK;
    if (!(ev->sensors = trace__arena_calloc(c->a, m * sizeof(*ev->sensors))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next)
        if (xml__is_std(c->st, k, "sensorElement") &&
            (rc = read_sensor(c, k, &ev->sensors[ev->nsensors++])) != TRACE_OK)
            return rc;
    return TRACE_OK;
}

static int read_pd(evctx *c, const xmlNode *n)
{
    const xmlNode *k;
    trace_event *ev = c->ev;
    size_t ns = count_named(c, n, "set"), nu = count_named(c, n, "unset");
    int rc;
    ev->has_persistent_disposition = 1;
    ignore_others(c, n, "set", "unset");
    if ((ns && !(ev->pd_set = trace__arena_alloc(c->a, ns * sizeof(*ev->pd_set)))) ||
        (nu && !(ev->pd_unset = trace__arena_alloc(c->a, nu * sizeof(*ev->pd_unset)))))
        return TRACE_ENOMEM;
    for (k = n->children; k; k = k->next) {
        if (xml__is_std(c->st, k, "set"))
            rc = read_vocab(c, k, TRACE_CBV_DISP, &ev->pd_set[ev->npd_set++]);
        else if (xml__is_std(c->st, k, "unset"))
            rc = read_vocab(c, k, TRACE_CBV_DISP, &ev->pd_unset[ev->npd_unset++]);
        else
            continue;
        if (rc != TRACE_OK)
            return rc;
    }
    return TRACE_OK;
}

static int read_error_decl(evctx *c, const xmlNode *n)
{
    static const char *const known[] = {"declarationTime", "reason", "correctiveEventIDs", NULL};
    trace_error_declaration *e = &c->ev->error_declaration;
    const xmlNode *k;
    int rc = TRACE_OK;
    e->present = 1;
    e->pos = xml__pos(n);
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (xml__is_std(c->st, k, "declarationTime"))
            rc = read_time(c, k, &e->declaration_time);
        else if (xml__is_std(c->st, k, "reason"))
            rc = read_vocab(c, k, TRACE_CBV_ER, &e->reason);
        else if (xml__is_std(c->st, k, "correctiveEventIDs"))
            rc = read_id_list(c, k, "correctiveEventID", &e->corrective_ids, &e->ncorrective_ids);
    }
    if (rc != TRACE_OK)
        return rc;
    return ext_children(c, n, known, &e->ext, &e->next);
}

static int add_cert(evctx *c, const xmlNode *n)
{
    trace_event *ev = c->ev;
    if (ev->ncertification == c->cert_cap) {
        size_t cap = c->cert_cap ? c->cert_cap * 2 : 1;
        trace_id *p = trace__arena_grow(c->a, ev->certification, ev->ncertification, cap,
                                        sizeof(*p));
        if (!p)
            return TRACE_ENOMEM;
        ev->certification = p;
        c->cert_cap = cap;
    }
    return read_id(c, n, &ev->certification[ev->ncertification++]);
}

static int add_ext(evctx *c, const xmlNode *n)
{
    trace_event *ev = c->ev;
    if (ev->next == c->ext_cap) {
        size_t cap = c->ext_cap ? c->ext_cap * 2 : 4;
        trace_ext *p = trace__arena_grow(c->a, ev->ext, ev->next, cap, sizeof(*p));
        if (!p)
            return TRACE_ENOMEM;
        ev->ext = p;
        c->ext_cap = cap;
    }
    order_add(c, TRACE_F_EXTENSION);
    return xml__ext_build(c->st, c->a, n, 1, &ev->ext[ev->next++]);
}

static int members(evctx *c, const xmlNode *n);

/* The standard members, in the order of trace_field. */
static const char *const field_elems[TRACE_F_COUNT] = {
    NULL, "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration",
    "certificationInfo", "epcList", "parentID", "childEPCs", "inputEPCList", "outputEPCList",
    "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList", "action",
    "transformationID", "bizStep", "disposition", "persistentDisposition", "readPoint",
    "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
    "ilmd", NULL, NULL};

static int read_action(evctx *c, const xmlNode *n)
{
    trace_event *ev = c->ev;
    int rc = copy_text(c, n, 1, &ev->action_raw);
    if (rc != TRACE_OK)
        return rc;
    if (trace_str_eq(ev->action_raw, "ADD"))
        ev->action = TRACE_ACTION_ADD;
    else if (trace_str_eq(ev->action_raw, "OBSERVE"))
        ev->action = TRACE_ACTION_OBSERVE;
    else if (trace_str_eq(ev->action_raw, "DELETE"))
        ev->action = TRACE_ACTION_DELETE;
    else {
        char v[TRACE_DIAG_ARG_SIZE];
        snprintf(v, sizeof(v), "%.*s", (int)ev->action_raw.len,
                 ev->action_raw.s ? ev->action_raw.s : "");
        ev->action = TRACE_ACTION_INVALID;
        XML__REPORT(c->st, TRACE__D_BAD_ACTION, n, "value", v);
    }
    return TRACE_OK;
}

static int read_tz(evctx *c, const xmlNode *n)
{
    int rc = copy_text(c, n, 1, &c->ev->tz_offset);
    if (rc == TRACE_OK && trace_offset_parse(c->ev->tz_offset, NULL) != TRACE_OK) {
        char v[TRACE_DIAG_ARG_SIZE];
        snprintf(v, sizeof(v), "%.*s", (int)c->ev->tz_offset.len,
                 c->ev->tz_offset.s ? c->ev->tz_offset.s : "");
        XML__REPORT(c->st, TRACE__D_BAD_TZ_OFFSET, n, "value", v);
    }
    return rc;
}

static int read_ilmd(evctx *c, const xmlNode *n)
{
    c->ev->has_ilmd = 1;
    return xml__ext_list(c->st, c->a, n->children, 2, 1, NULL, &c->ev->ilmd, &c->ev->nilmd);
}

/* Read the standard member f from element n. */
static int field(evctx *c, trace_field f, const xmlNode *n)
{
    trace_event *ev = c->ev;
    switch (f) {
    case TRACE_F_EVENT_TIME: return read_time(c, n, &ev->event_time);
    case TRACE_F_RECORD_TIME: return read_time(c, n, &ev->record_time);
    case TRACE_F_TZ_OFFSET: return read_tz(c, n);
    case TRACE_F_EVENT_ID: return read_id(c, n, &ev->event_id);
    case TRACE_F_ERROR_DECLARATION: return read_error_decl(c, n);
    case TRACE_F_EPC_LIST: return read_epcs(c, n, &ev->epc_list);
    case TRACE_F_PARENT_ID: return read_id(c, n, &ev->parent_id);
    case TRACE_F_CHILD_EPCS: return read_epcs(c, n, &ev->child_epcs);
    case TRACE_F_INPUT_EPCS: return read_epcs(c, n, &ev->input_epcs);
    case TRACE_F_OUTPUT_EPCS: return read_epcs(c, n, &ev->output_epcs);
    case TRACE_F_QUANTITY_LIST: return read_quantities(c, n, &ev->quantity_list);
    case TRACE_F_CHILD_QUANTITY_LIST: return read_quantities(c, n, &ev->child_quantity_list);
    case TRACE_F_INPUT_QUANTITY_LIST: return read_quantities(c, n, &ev->input_quantity_list);
    case TRACE_F_OUTPUT_QUANTITY_LIST: return read_quantities(c, n, &ev->output_quantity_list);
    case TRACE_F_ACTION: return read_action(c, n);
    case TRACE_F_TRANSFORMATION_ID: return read_id(c, n, &ev->transformation_id);
    case TRACE_F_BIZ_STEP: return read_vocab(c, n, TRACE_CBV_BIZSTEP, &ev->biz_step);
    case TRACE_F_DISPOSITION: return read_vocab(c, n, TRACE_CBV_DISP, &ev->disposition);
    case TRACE_F_PERSISTENT_DISPOSITION: return read_pd(c, n);
    case TRACE_F_READ_POINT: return read_location(c, n, &ev->read_point);
    case TRACE_F_BIZ_LOCATION: return read_location(c, n, &ev->biz_location);
    case TRACE_F_BIZ_TRANSACTIONS: return read_btx(c, n);
    case TRACE_F_SOURCES: return read_parties(c, n, "source", &ev->sources, &ev->nsources);
    case TRACE_F_DESTINATIONS:
        return read_parties(c, n, "destination", &ev->destinations, &ev->ndestinations);
    case TRACE_F_SENSORS: return read_sensors(c, n);
    case TRACE_F_ILMD: return read_ilmd(c, n);
    default: break;
    }
    return TRACE_OK;
}

static trace_field field_of(xml__rstate *st, const xmlNode *n)
{
    size_t f;
    if (st->dict_names) { /* names are interned: compare addresses, remembered by address */
        unsigned slot = (unsigned)(((uintptr_t)n->name >> 3) & (XML__FIELD_CACHE - 1));
        if (st->fcache[slot].name == n->name)
            return (trace_field)st->fcache[slot].field;
        for (f = 1; f < TRACE_F_COUNT && n->name != st->fnames[f]; f++)
            ;
        st->fcache[slot].name = n->name;
        st->fcache[slot].field = (unsigned char)f; /* TRACE_F_COUNT: not a standard member */
        return (trace_field)f;
    }
    for (f = 1; f < TRACE_F_COUNT; f++)
        if (field_elems[f] && !strcmp((const char *)n->name, field_elems[f]))
            return (trace_field)f;
    return TRACE_F_COUNT;
}

void xml__intern_fields(xml__rstate *st, xmlDictPtr dict)
{
    size_t f;
    for (f = 0; f < TRACE_F_COUNT; f++)
        st->fnames[f] = field_elems[f] ? xmlDictLookup(dict, BAD_CAST field_elems[f], -1) : NULL;
}

/* The 1.x QuantityEvent's own members. */
static int quantity_member(evctx *c, const xmlNode *n)
{
    if (!strcmp((const char *)n->name, "epcClass"))
        return read_id(c, n, &c->qe_class);
    c->qe_quantity.pos = xml__pos(n);
    return copy_text(c, n, 1, &c->qe_quantity.lexeme);
}

static int member(evctx *c, const xmlNode *k)
{
    trace_field f;
    int rc;
    if (k->type == XML_COMMENT_NODE)
        return add_ext(c, k);
    if (k->type != XML_ELEMENT_NODE) {
        if ((k->type == XML_TEXT_NODE && !xml__blank(k->content)) ||
            k->type == XML_CDATA_SECTION_NODE)
            XML__REPORT(c->st, TRACE__D_XML_IGNORED, k->parent, "what", "text", "parent",
                        xml__name(k->parent));
        return TRACE_OK;
    }
    if (!xml__std_ns(c->st, k))
        return add_ext(c, k); /* a user extension */
    f = field_of(c->st, k);
    if (f == TRACE_F_COUNT && (!strcmp((const char *)k->name, "extension") ||
                               !strcmp((const char *)k->name, "baseExtension")))
        return members(c, k); /* 1.x wrappers (and 2.0's own extension element): flatten */
    if (f == TRACE_F_COUNT && c->quantity_event &&
        (!strcmp((const char *)k->name, "epcClass") || !strcmp((const char *)k->name, "quantity")))
        return quantity_member(c, k);
    if (f == TRACE_F_COUNT) {
        XML__REPORT(c->st, TRACE__D_XML_UNKNOWN_ELEMENT, k, "name", xml__name(k), "parent",
                    xml__name(k->parent));
        return add_ext(c, k);
    }
    if (f == TRACE_F_CERTIFICATION) {
        if (!(c->seen & (1ull << f)))
            order_add(c, f);
        c->seen |= 1ull << f;
        return add_cert(c, k);
    }
    if (c->seen & (1ull << f)) {
        XML__REPORT(c->st, TRACE__D_XML_DUPLICATE, k, "name", xml__name(k), "parent",
                    xml__name(k->parent));
        return TRACE_OK;
    }
    c->seen |= 1ull << f;
    order_add(c, f);
    rc = field(c, f, k);
    return rc;
}

static int members(evctx *c, const xmlNode *n)
{
    const xmlNode *k;
    int rc;
    for (k = n->children; k; k = k->next)
        if ((rc = member(c, k)) != TRACE_OK)
            return rc;
    return TRACE_OK;
}

/* EPCIS 2.0 has no QuantityEvent: it becomes an ObjectEvent with a quantityList. */
static int upgrade_quantity_event(evctx *c, const xmlNode *n)
{
    trace_event *ev = c->ev;
    trace_quantity *q;
    size_t i;
    XML__REPORT(c->st, TRACE__D_XML_QUANTITY_EVENT, n, "name", "QuantityEvent");
    if (!(q = trace__arena_calloc(c->a, sizeof(*q))))
        return TRACE_ENOMEM;
    q->epc_class = c->qe_class;
    q->quantity = c->qe_quantity;
    q->pos = c->qe_class.pos;
    ev->quantity_list.items = q;
    ev->quantity_list.n = 1;
    ev->quantity_list.present = 1;
    ev->action = TRACE_ACTION_OBSERVE;
    ev->action_raw = trace_str_c("OBSERVE");
    ev->type_name = trace_str_c("ObjectEvent");
    /* The new members go where EPCIS 2.0 puts them: after bizStep ... as read otherwise. */
    for (i = 0; i < ev->norder && ev->order[i] != TRACE_F_EXTENSION; i++)
        ;
    if (ev->norder + 2 <= TRACE_EVENT_MAX_ORDER) {
        memmove(ev->order + i + 2, ev->order + i, ev->norder - i);
        ev->order[i] = TRACE_F_ACTION;
        ev->order[i + 1] = TRACE_F_QUANTITY_LIST;
        ev->norder += 2;
    }
    return TRACE_OK;
}

static int event_type(evctx *c, const xmlNode *n, int ext_event)
{
    trace_event *ev = c->ev;
    size_t i;
    if (xml__std_ns(c->st, n)) {
        for (i = 0; i < TRACE__ARRAY_LEN(type_elems); i++)
            if (!strcmp((const char *)n->name, type_elems[i])) {
                ev->type = (trace_event_type)i;
                ev->type_name = trace_str_c(type_elems[i]);
                return TRACE_OK;
            }
        if (!strcmp((const char *)n->name, "QuantityEvent")) {
            ev->type = TRACE_EVENT_OBJECT;
            c->quantity_event = 1;
            return TRACE_OK;
        }
        XML__REPORT(c->st, TRACE__D_UNKNOWN_EVENT_TYPE, n, "value", xml__name(n));
        ev->type = TRACE_EVENT_EXTENSION;
        ev->type_name = xml__name_str(c->st, c->a, n->name);
        return TRACE_OK;
    }
    /* A namespaced element in EventList/extension: an extension event type (its URI). */
    {
        trace_str ns = xml__node_ns(c->st, n);
        size_t ln = strlen((const char *)n->name);
        char *p = trace__arena_alloc(c->a, ns.len + ln + 1);
        if (!p)
            return TRACE_ENOMEM;
        memcpy(p, ns.s, ns.len);
        memcpy(p + ns.len, n->name, ln + 1);
        ev->type = TRACE_EVENT_EXTENSION;
        ev->type_name.s = p;
        ev->type_name.len = ns.len + ln;
        if (!ext_event)
            XML__REPORT(c->st, TRACE__D_UNKNOWN_EVENT_TYPE, n, "value", p);
    }
    return TRACE_OK;
}

int xml__event_read(xml__rstate *st, const xmlNode *n, int ext_event, trace_event *ev)
{
    evctx c;
    int rc;
    memset(&c, 0, sizeof(c));
    c.st = st;
    c.a = &st->r->ev_arena;
    c.ev = ev;
    ev->pos = xml__pos(n);
    st->unit_error = 0;
    st->unit_fatal = 0;
    if (n->ns && xml__std_ns(st, n))
        XML__REPORT(st, TRACE__D_XML_QUALIFIED_STANDARD, n, "name", xml__name(n), "ns",
                    (const char *)n->ns->href);
    rc = event_type(&c, n, ext_event);
    order_add(&c, TRACE_F_TYPE); /* the element name: the type comes first, as in JSON */
    if (rc == TRACE_OK)
        rc = xml__ns_decls(st, c.a, n, &ev->context, &ev->ncontext);
    if (rc == TRACE_OK)
        rc = members(&c, n);
    if (rc == TRACE_OK && c.quantity_event)
        rc = upgrade_quantity_event(&c, n);
    if (c.order_overflow)
        ev->norder = 0; /* incomplete order is no order: writers use canonical order */
    if (rc == TRACE_OK && (st->unit_error || st->unit_fatal))
        rc = TRACE_EDATA;
    return rc;
}
