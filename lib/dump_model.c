/*
 * dump_model.c - canonical text form of events, the header, master data and
 * the trailer (see include/libtrace/dump.h). Fields are printed in the fixed
 * order of the model structs.
 */
#include <string.h>

#include "dump_int.h"

static void id_list(trace__dumper *d, const char *name, const trace_id_list *l)
{
    size_t i, old;
    if (!l->present && l->n == 0)
        return;
    trace__dump_count(d, name, "list", l->n);
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_pos(d, "", l->pos);
    for (i = 0; i < l->n; i++) {
        char k[32];
        snprintf(k, sizeof(k), "[%lu]", (unsigned long)i);
        trace__dump_id(d, k, &l->items[i]);
    }
    trace__dump_pop(d, old);
}

static void qty_list(trace__dumper *d, const char *name, const trace_quantity_list *l)
{
    size_t i, old;
    if (!l->present && l->n == 0)
        return;
    trace__dump_count(d, name, "list", l->n);
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_pos(d, "", l->pos);
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        size_t o2 = trace__dump_push(d, "[%lu]", (unsigned long)i);
        trace__dump_pos(d, "pos", q->pos);
        trace__dump_id(d, "epcClass", &q->epc_class);
        trace__dump_num(d, "quantity", &q->quantity);
        trace__dump_str(d, "uom", q->uom);
        trace__dump_pop(d, o2);
    }
    trace__dump_pop(d, old);
}

static void party_refs(trace__dumper *d, const char *name, const trace_party_ref *p, size_t n)
{
    size_t i, old;
    if (n == 0)
        return;
    trace__dump_count(d, name, "list", n);
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    for (i = 0; i < n; i++) {
        size_t o2 = trace__dump_push(d, "[%lu]", (unsigned long)i);
        trace__dump_pos(d, "pos", p[i].pos);
        trace__dump_vocab(d, "type", &p[i].type);
        trace__dump_id(d, "id", &p[i].id);
        trace__dump_pop(d, o2);
    }
    trace__dump_pop(d, old);
}

static void location(trace__dumper *d, const char *name, const trace_location *l)
{
    size_t old;
    if (!l->present && l->id.raw.len == 0 && l->next == 0)
        return;
    trace__dump_flag(d, name, 1);
    old = trace__dump_push(d, "%s%s", d->plen ? "." : "", name);
    trace__dump_pos(d, "pos", l->pos);
    trace__dump_id(d, "id", &l->id);
    trace__dump_ext(d, "ext", l->ext, l->next);
    trace__dump_pop(d, old);
}

/* Sensor type/exception values: XML examples write "gs1:Temperature" or a
 * full vocabulary URI where JSON-LD writes "Temperature". */
static trace_str sensor_term(trace_str v)
{
    static const char *const prefixes[] = {"gs1:", "https://gs1.org/voc/",
                                           "https://ref.gs1.org/voc/"};
    size_t i;
    for (i = 0; i < 3; i++) {
        size_t n = strlen(prefixes[i]);
        if (v.len > n && memcmp(v.s, prefixes[i], n) == 0) {
            v.s += n;
            v.len -= n;
            break;
        }
    }
    return v;
}

static const char *const leaf_type_names[] = {"string", "number", "bool", "null"};

static void sensor_attrs(trace__dumper *d, const trace_sensor_attr *a, size_t n)
{
    size_t stack[32], *idx, i;
    idx = trace__dump_order(d, stack, 32, a, n, 2);
    for (i = 0; idx && i < n; i++) {
        const trace_sensor_attr *x = &a[idx[i]];
        size_t old = trace__dump_push(d, "@%lu", (unsigned long)i);
        trace_str v = x->value;
        trace__dump_begin(d);
        trace__dump_qstr(d, x->ns);
        trace__dump_qstr(d, x->name);
        if (NORM(d)) {
            if (x->ns.len == 0 && (trace_str_eq(x->name, "type") ||
                                   trace_str_eq(x->name, "exception")))
                v = sensor_term(v);
        } else {
            if (x->prefix.len)
                trace__dump_kv(d, "prefix", x->prefix);
            trace__dump_tok(d, (unsigned)x->type < 4 ? leaf_type_names[x->type] : "?");
        }
        trace__dump_kv(d, "value", v);
        trace__dump_end(d);
        trace__dump_pop(d, old);
    }
    trace__dump_order_free(idx, stack);
}

static void sensors(trace__dumper *d, const trace_event *ev)
{
    size_t i, j, old;
    if (ev->nsensors == 0)
        return;
    trace__dump_count(d, "sensorElementList", "list", ev->nsensors);
    old = trace__dump_push(d, "sensorElementList");
    for (i = 0; i < ev->nsensors; i++) {
        const trace_sensor_element *s = &ev->sensors[i];
        size_t o2 = trace__dump_push(d, "[%lu]", (unsigned long)i);
        trace__dump_pos(d, "pos", s->pos);
        if (s->has_metadata) {
            size_t o3 = trace__dump_push(d, ".sensorMetadata");
            trace__dump_begin(d);
            trace__buf_printf(&d->line, " attrs %lu", (unsigned long)s->nmetadata);
            trace__dump_end(d);
            sensor_attrs(d, s->metadata, s->nmetadata);
            trace__dump_pop(d, o3);
        }
        for (j = 0; j < s->nreports; j++) {
            const trace_sensor_report *r = &s->reports[j];
            size_t o3 = trace__dump_push(d, ".sensorReport[%lu]", (unsigned long)j);
            trace__dump_begin(d);
            trace__buf_printf(&d->line, " attrs %lu", (unsigned long)r->nattrs);
            trace__dump_end(d);
            trace__dump_pos(d, "pos", r->pos);
            sensor_attrs(d, r->attrs, r->nattrs);
            trace__dump_ext(d, "ext", r->ext, r->next);
            trace__dump_pop(d, o3);
        }
        trace__dump_ext(d, "ext", s->ext, s->next);
        trace__dump_pop(d, o2);
    }
    trace__dump_pop(d, old);
}

static void error_declaration(trace__dumper *d, const trace_error_declaration *e)
{
    size_t i, old;
    if (!e->present)
        return;
    trace__dump_flag(d, "errorDeclaration", 1);
    old = trace__dump_push(d, "errorDeclaration");
    trace__dump_pos(d, "pos", e->pos);
    trace__dump_time(d, "declarationTime", &e->declaration_time);
    trace__dump_vocab(d, "reason", &e->reason);
    if (e->ncorrective_ids)
        trace__dump_count(d, "correctiveEventIDs", "list", e->ncorrective_ids);
    for (i = 0; i < e->ncorrective_ids; i++) {
        char k[48];
        snprintf(k, sizeof(k), "correctiveEventIDs[%lu]", (unsigned long)i);
        trace__dump_id(d, k, &e->corrective_ids[i]);
    }
    trace__dump_ext(d, "ext", e->ext, e->next);
    trace__dump_pop(d, old);
}

static void vocab_array(trace__dumper *d, const char *name, const trace_vocab *v, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char k[48];
        snprintf(k, sizeof(k), "%s[%lu]", name, (unsigned long)i);
        trace__dump_vocab(d, k, &v[i]);
    }
}

static void ns_table(trace__dumper *d, const char *name, const trace_ns *ns, size_t n)
{
    size_t i;
    if (NORM(d))
        return; /* prefixes and @context terms are spelling, not content */
    for (i = 0; i < n; i++) {
        size_t old = trace__dump_push(d, "%s[%lu]", name, (unsigned long)i);
        trace__dump_begin(d);
        trace__dump_qstr(d, ns[i].prefix);
        trace__dump_qstr(d, ns[i].uri);
        trace__dump_end(d);
        trace__dump_pop(d, old);
    }
}

static void order_line(trace__dumper *d, const trace_event *ev)
{
    size_t i;
    if (NORM(d) || ev->norder == 0)
        return;
    d->plen = 0;
    trace__dump_push(d, "order");
    trace__dump_begin(d);
    for (i = 0; i < ev->norder && i < TRACE_EVENT_MAX_ORDER; i++) {
        const char *n = trace_field_name((trace_field)ev->order[i]);
        trace__dump_tok(d, n ? n : "?");
    }
    trace__dump_end(d);
    trace__dump_pop(d, 0);
}

static void event_what(trace__dumper *d, const trace_event *ev)
{
    size_t i;
    id_list(d, "epcList", &ev->epc_list);
    trace__dump_id(d, "parentID", &ev->parent_id);
    id_list(d, "childEPCs", &ev->child_epcs);
    id_list(d, "inputEPCList", &ev->input_epcs);
    id_list(d, "outputEPCList", &ev->output_epcs);
    qty_list(d, "quantityList", &ev->quantity_list);
    qty_list(d, "childQuantityList", &ev->child_quantity_list);
    qty_list(d, "inputQuantityList", &ev->input_quantity_list);
    qty_list(d, "outputQuantityList", &ev->output_quantity_list);
    if (ev->action != TRACE_ACTION_NONE || ev->action_raw.len) {
        trace__dump_push(d, "action");
        trace__dump_begin(d);
        trace__dump_tok(d, ev->action == TRACE_ACTION_INVALID ? "INVALID"
                                                               : trace_action_name(ev->action));
        trace__dump_qstr(d, ev->action_raw);
        trace__dump_end(d);
        trace__dump_pop(d, 0);
    }
    trace__dump_id(d, "transformationID", &ev->transformation_id);
    trace__dump_vocab(d, "bizStep", &ev->biz_step);
    trace__dump_vocab(d, "disposition", &ev->disposition);
    if (ev->has_persistent_disposition) {
        trace__dump_flag(d, "persistentDisposition", 1);
        vocab_array(d, "persistentDisposition.set", ev->pd_set, ev->npd_set);
        vocab_array(d, "persistentDisposition.unset", ev->pd_unset, ev->npd_unset);
    }
    location(d, "readPoint", &ev->read_point);
    location(d, "bizLocation", &ev->biz_location);
    if (ev->biz_transactions_present || ev->nbiz_transactions)
        trace__dump_count(d, "bizTransactionList", "list", ev->nbiz_transactions);
    for (i = 0; i < ev->nbiz_transactions; i++) {
        size_t old = trace__dump_push(d, "bizTransactionList[%lu]", (unsigned long)i);
        trace__dump_pos(d, "pos", ev->biz_transactions[i].pos);
        trace__dump_vocab(d, "type", &ev->biz_transactions[i].type);
        trace__dump_id(d, "id", &ev->biz_transactions[i].id);
        trace__dump_pop(d, old);
    }
    party_refs(d, "sourceList", ev->sources, ev->nsources);
    party_refs(d, "destinationList", ev->destinations, ev->ndestinations);
}

void trace__dump_event_body(trace__dumper *d, const trace_event *ev)
{
    char head[64];
    size_t i;
    snprintf(head, sizeof(head), "event %lld", (long long)ev->index);
    trace__dump_raw(d, head);
    trace__dump_push(d, "type");
    trace__dump_begin(d);
    trace__dump_tok(d, trace_event_type_name(ev->type));
    if (!NORM(d) || ev->type == TRACE_EVENT_EXTENSION)
        trace__dump_qstr(d, ev->type_name);
    trace__dump_end(d);
    trace__dump_pop(d, 0);
    trace__dump_pos(d, "pos", ev->pos);
    trace__dump_time(d, "eventTime", &ev->event_time);
    trace__dump_time(d, "recordTime", &ev->record_time);
    trace__dump_str(d, "eventTimeZoneOffset", ev->tz_offset);
    trace__dump_id(d, "eventID", &ev->event_id);
    error_declaration(d, &ev->error_declaration);
    if (ev->ncertification)
        trace__dump_count(d, "certificationInfo",
                          !NORM(d) && ev->certification_array ? "array" : "list",
                          ev->ncertification);
    for (i = 0; i < ev->ncertification; i++) {
        char k[48];
        snprintf(k, sizeof(k), "certificationInfo[%lu]", (unsigned long)i);
        trace__dump_id(d, k, &ev->certification[i]);
    }
    event_what(d, ev);
    sensors(d, ev);
    if (ev->has_ilmd || ev->nilmd) {
        trace__dump_flag(d, "ilmd", 1);
        trace__dump_ext(d, "ilmd", ev->ilmd, ev->nilmd);
    }
    trace__dump_ext(d, "ext", ev->ext, ev->next);
    ns_table(d, "@context", ev->context, ev->ncontext);
    order_line(d, ev);
    trace__dump_raw(d, "end event");
}

/* ------------------------------------------------------------ header */

static void sbdh_parties(trace__dumper *d, const char *name, const trace_sbdh_party *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        size_t old = trace__dump_push(d, "%s[%lu]", name, (unsigned long)i);
        trace__dump_str(d, "identifier", p[i].identifier);
        trace__dump_str(d, "authority", p[i].authority);
        trace__dump_ext(d, "contact", p[i].contact, p[i].ncontact);
        trace__dump_pop(d, old);
    }
}

/*
 * The normalised header: what both bindings carry. XML has the full SBDH,
 * JSON-LD only sender, receiver and instanceIdentifier, so the SBDH is
 * reduced to those (the first SBDH sender/receiver when the JSON-LD fields
 * are absent).
 */
static void header_normalized(trace__dumper *d, const trace_header *h)
{
    trace_str sender = h->sender, receiver = h->receiver;
    if (!sender.len && h->nsenders)
        sender = h->senders[0].identifier;
    if (!receiver.len && h->nreceivers)
        receiver = h->receivers[0].identifier;
    trace__dump_str(d, "docType", h->doc_type);
    trace__dump_str(d, "schemaVersion", h->schema_version);
    trace__dump_time(d, "creationDate", &h->creation_date);
    trace__dump_str(d, "sender", sender);
    trace__dump_str(d, "receiver", receiver);
    trace__dump_str(d, "instanceIdentifier", h->instance_id);
    trace__dump_str(d, "profile", h->profile);
    trace__dump_ext(d, "ext", h->ext, h->next);
    trace__dump_str(d, "queryName", h->query_name);
    trace__dump_str(d, "subscriptionID", h->subscription_id);
}

void trace__dump_header_body(trace__dumper *d, const trace_header *h)
{
    size_t i;
    trace__dump_raw(d, "header");
    if (NORM(d)) {
        header_normalized(d, h);
        trace__dump_raw(d, "end header");
        return;
    }
    trace__dump_pos(d, "pos", h->pos);
    trace__dump_str(d, "docType", h->doc_type);
    trace__dump_str(d, "schemaVersion", h->schema_version);
    trace__dump_time(d, "creationDate", &h->creation_date);
    trace__dump_str(d, "id", h->doc_id);
    if (h->has_sbdh) {
        trace__dump_flag(d, "sbdh", 1);
        trace__dump_push(d, "sbdh");
        trace__dump_str(d, "headerVersion", h->sbdh_version);
        sbdh_parties(d, ".sender", h->senders, h->nsenders);
        sbdh_parties(d, ".receiver", h->receivers, h->nreceivers);
        trace__dump_str(d, "standard", h->standard);
        trace__dump_str(d, "typeVersion", h->type_version);
        trace__dump_str(d, "instanceIdentifier", h->instance_id);
        trace__dump_str(d, "type", h->message_type);
        trace__dump_str(d, "multipleType", h->multiple_type);
        trace__dump_time(d, "creationDateAndTime", &h->created);
        trace__dump_ext(d, "ext", h->sbdh_ext, h->nsbdh_ext);
        trace__dump_pop(d, 0);
    }
    trace__dump_str(d, "sender", h->sender);
    trace__dump_str(d, "receiver", h->receiver);
    trace__dump_str(d, "profile", h->profile);
    ns_table(d, "namespaces", h->namespaces, h->nnamespaces);
    for (i = 0; !NORM(d) && i < h->ncontext_urls; i++) {
        char k[48];
        snprintf(k, sizeof(k), "@context[%lu]", (unsigned long)i);
        trace__dump_push(d, "%s", k);
        trace__dump_begin(d);
        trace__dump_qstr(d, h->context_urls[i]);
        trace__dump_end(d);
        trace__dump_pop(d, 0);
    }
    trace__dump_ext(d, "ext", h->ext, h->next);
    trace__dump_str(d, "queryName", h->query_name);
    trace__dump_str(d, "subscriptionID", h->subscription_id);
    trace__dump_raw(d, "end header");
}

static void md_attr(trace__dumper *d, const trace_md_attr *a)
{
    trace__dump_begin(d);
    trace__dump_qstr(d, a->id);
    if (a->ntree == 0) {
        if (!NORM(d))
            trace__dump_tok(d, (unsigned)a->type < 4 ? leaf_type_names[a->type] : "?");
        trace__dump_kv(d, "value", a->value);
    } else {
        trace__buf_printf(&d->line, " tree %lu", (unsigned long)a->ntree);
    }
    trace__dump_end(d);
    trace__dump_pos(d, "pos", a->pos);
    trace__dump_ext(d, "tree", a->tree, a->ntree);
}

static void md_element(trace__dumper *d, const trace_md_element *e)
{
    size_t i;
    trace__dump_str(d, "id", e->id);
    trace__dump_pos(d, "pos", e->pos);
    for (i = 0; i < e->nattrs; i++) {
        size_t old = trace__dump_push(d, ".attr[%lu]", (unsigned long)i);
        md_attr(d, &e->attrs[i]);
        trace__dump_pop(d, old);
    }
    for (i = 0; i < e->nchildren; i++) {
        size_t old = trace__dump_push(d, ".children[%lu]", (unsigned long)i);
        trace__dump_begin(d);
        trace__dump_qstr(d, e->children[i]);
        trace__dump_end(d);
        trace__dump_pop(d, old);
    }
    trace__dump_ext(d, "ext", e->ext, e->next);
}

void trace__dump_md_body(trace__dumper *d, const trace_masterdata *md)
{
    size_t v, e;
    trace__dump_raw(d, "masterdata");
    for (v = 0; v < md->nvocabularies; v++) {
        const trace_vocabulary *voc = &md->vocabularies[v];
        size_t old = trace__dump_push(d, "vocabulary[%lu]", (unsigned long)v);
        trace__dump_str(d, "type", voc->type);
        trace__dump_pos(d, "pos", voc->pos);
        for (e = 0; e < voc->nelements; e++) {
            size_t o2 = trace__dump_push(d, ".element[%lu]", (unsigned long)e);
            md_element(d, &voc->elements[e]);
            trace__dump_pop(d, o2);
        }
        trace__dump_pop(d, old);
    }
    trace__dump_raw(d, "end masterdata");
}

void trace__dump_trailer_body(trace__dumper *d, const trace_trailer *t)
{
    if (!t || !t->present) {
        trace__dump_raw(d, "trailer absent");
        return;
    }
    trace__dump_raw(d, "trailer");
    trace__dump_push(d, "eventCount");
    trace__dump_begin(d);
    trace__buf_printf(&d->line, " %llu", (unsigned long long)t->event_count);
    trace__dump_end(d);
    trace__dump_pop(d, 0);
    trace__dump_str(d, "digest", t->digest);
    trace__dump_str(d, "signature", t->signature);
    trace__dump_str(d, "keyID", t->key_id);
    trace__dump_str(d, "sigAlg", t->sig_alg);
    trace__dump_ext(d, "ext", t->ext, t->next);
    trace__dump_raw(d, "end trailer");
}
