/*
 * hash_walk.c - the pre-hash string of an event (UTDS Part 3b,
 * spec/utds-3-integrity.md sections 1-2): the fields in each profile's
 * canonical order, every list sorted, values canonical. Works on the model
 * only, so the same event gives the same pre-hash whichever encoding
 * carried it.
 */
#include <string.h>

#include "hash_int.h"

#define GROUP_BEGIN                                                                      \
    size_t g_ = w->out.len, f_ = w->nspans, c_ = 0;                                      \
    (void)0
#define ITEM_BEGIN size_t s_ = w->out.len
#define ITEM_END                                                                         \
    do {                                                                                 \
        if (w->out.len > s_)                                                             \
            trace__hash_span_push(w, s_, w->out.len - s_), c_++;                         \
    } while (0)
#define GROUP_END trace__hash_sort_group(w, g_, f_, c_)

void trace__hash_walk_init(trace__hash_walk *w, const trace_allocator *a,
                           const trace__hash_prof *pf)
{
    memset(w, 0, sizeof(*w));
    w->alloc = a;
    w->pf = pf;
    trace__buf_init(&w->out, a);
}

void trace__hash_walk_free(trace__hash_walk *w)
{
    size_t i;
    trace__buf_free(&w->out);
    trace__free(w->alloc, w->spans);
    for (i = 0; i < w->nexclude; i++)
        trace__free(w->alloc, w->exclude[i]);
    trace__free(w->alloc, w->exclude);
    w->spans = NULL;
    w->exclude = NULL;
}

static int excl(const trace__hash_walk *w, const char *field)
{
    size_t i;
    for (i = 0; i < w->nexclude; i++)
        if (!strcmp(w->exclude[i], field))
            return 1;
    return 0;
}

/* Is ext node x excluded ("{ns}local")? */
static int excl_ext(const trace__hash_walk *w, const trace_ext *x)
{
    size_t i;
    for (i = 0; i < w->nexclude; i++) {
        const char *e = w->exclude[i], *close;
        if (e[0] != '{' || !(close = strchr(e, '}')))
            continue;
        if ((size_t)(close - e - 1) == x->ns.len && !memcmp(e + 1, x->ns.s, x->ns.len) &&
            trace_str_eq(x->name, close + 1))
            return 1;
    }
    return 0;
}

static void lit(trace__hash_walk *w, const char *s)
{
    trace__buf_puts(&w->out, s);
}

/* name=value (value canonical), nothing when the value is empty. */
static void field(trace__hash_walk *w, const char *name, trace_str v)
{
    const char *s = v.s;
    size_t n = v.len;
    trace__hash_strip(&s, &n);
    if (!n)
        return;
    lit(w, name);
    trace__buf_putc(&w->out, '=');
    trace__hash_value(&w->out, w->pf, s, n);
}

static void field_time(trace__hash_walk *w, const char *name, trace_str v)
{
    const char *s = v.s;
    size_t n = v.len;
    trace__hash_strip(&s, &n);
    if (!n)
        return;
    lit(w, name);
    trace__buf_putc(&w->out, '=');
    trace__hash_time(&w->out, w->pf, s, n);
}

static void field_vocab(trace__hash_walk *w, const char *name, const trace_vocab *v,
                        trace_cbv_list list)
{
    const char *s = v->raw.s;
    size_t n = v->raw.len;
    trace__hash_strip(&s, &n);
    if (!n || v->form == TRACE_CBV_NONE)
        return;
    lit(w, name);
    trace__buf_putc(&w->out, '=');
    trace__hash_vocab(&w->out, w->pf, v, list);
}

/* A container: its name, then content; removed again when the content is empty. */
typedef struct cont {
    size_t mark, body;
} cont;

static cont cbegin(trace__hash_walk *w, const char *name)
{
    cont c;
    c.mark = w->out.len;
    lit(w, name);
    c.body = w->out.len;
    return c;
}

static void cend(trace__hash_walk *w, cont c)
{
    if (w->out.len == c.body)
        w->out.len = c.mark;
}

static void id_list(trace__hash_walk *w, const char *name, const trace_id_list *l)
{
    size_t i;
    if (!l->n || excl(w, name))
        return;
    {
        cont k1 = cbegin(w, name);
        GROUP_BEGIN;
        for (i = 0; i < l->n; i++) {
            ITEM_BEGIN;
            field(w, "epc", l->items[i].raw);
            ITEM_END;
        }
        GROUP_END;
        cend(w, k1);
    }
}

static void quantity_list(trace__hash_walk *w, const char *name,
                          const trace_quantity_list *l)
{
    size_t i;
    if (!l->n || excl(w, name))
        return;
    {
        cont k2 = cbegin(w, name);
        GROUP_BEGIN;
        for (i = 0; i < l->n; i++) {
            ITEM_BEGIN;
            {
                cont k3 = cbegin(w, "quantityElement");
                field(w, "epcClass", l->items[i].epc_class.raw);
                field(w, "quantity", l->items[i].quantity.lexeme);
                field(w, "uom", l->items[i].uom);
                cend(w, k3);
            }
            ITEM_END;
        }
        GROUP_END;
        cend(w, k2);
    }
}

static void vocab_group(trace__hash_walk *w, const char *name, const trace_vocab *v,
                        size_t n)
{
    size_t i;
    GROUP_BEGIN;
    for (i = 0; i < n; i++) {
        ITEM_BEGIN;
        field_vocab(w, name, &v[i], TRACE_CBV_DISP);
        ITEM_END;
    }
    GROUP_END;
}

static void persistent(trace__hash_walk *w, const trace_event *ev)
{
    if (!ev->has_persistent_disposition || excl(w, "persistentDisposition"))
        return;
    {
        cont k4 = cbegin(w, "persistentDisposition");
        vocab_group(w, "set", ev->pd_set, ev->npd_set);
        vocab_group(w, "unset", ev->pd_unset, ev->npd_unset);
        cend(w, k4);
    }
}

static int name_has(trace_str s, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; s.len >= k && i + k <= s.len; i++)
        if (!memcmp(s.s + i, needle, k))
            return 1;
    return 0;
}

/* The reference gathers extensions of a container only when it has more than
 * one child and none of them is named like "eventTime" or "action". */
static int gathers(const trace__hash_walk *w, size_t nother, const trace_ext *x, size_t n)
{
    size_t i, count = nother;
    if (!w->pf->ref_layout)
        return 1;
    for (i = 0; i < n; i++) {
        if (x[i].kind != TRACE_EXT_ELEMENT)
            continue;
        count++;
        if (name_has(x[i].ns, "eventTime") || name_has(x[i].name, "eventTime") ||
            name_has(x[i].ns, "action") || name_has(x[i].name, "action"))
            return 0;
    }
    return count > 1;
}

/* Extension nodes of a container: inline ones (leftover 0) or the others (1). */
static size_t container_ext(trace__hash_walk *w, const trace_ext *x, size_t n, int gather,
                            int leftover)
{
    int mode;
    if (!w->pf->ref_layout)
        return leftover ? 0 : trace__hash_ext_items(w, x, n, HASH_EXT_ALL);
    if (!gather)
        return leftover ? trace__hash_ext_items(w, x, n, HASH_EXT_ALL) : 0;
    mode = leftover ? HASH_EXT_NOSLASH : HASH_EXT_SLASH;
    return trace__hash_ext_items(w, x, n, mode);
}

static void location(trace__hash_walk *w, const char *name, const trace_location *loc,
                     int leftover)
{
    int gather;
    if ((!loc->present && !loc->id.raw.len && !loc->next) || excl(w, name))
        return;
    gather = gathers(w, loc->id.raw.len ? 1 : 0, loc->ext, loc->next);
    {
        cont k5 = cbegin(w, name);
        if (!leftover)
            field(w, "id", loc->id.raw);
        {
            GROUP_BEGIN;
            c_ = container_ext(w, loc->ext, loc->next, gather, leftover);
            GROUP_END;
        }
        cend(w, k5);
    }
}

static void party_list(trace__hash_walk *w, const char *list, const char *item,
                       const trace_party_ref *p, size_t n)
{
    size_t i;
    if (!n || excl(w, list))
        return;
    {
        cont k6 = cbegin(w, list);
        GROUP_BEGIN;
        for (i = 0; i < n; i++) {
            ITEM_BEGIN;
            field_vocab(w, "type", &p[i].type, TRACE_CBV_SDT);
            field(w, item, p[i].id.raw);
            ITEM_END;
        }
        GROUP_END;
        cend(w, k6);
    }
}

static void biz_transactions(trace__hash_walk *w, const trace_event *ev)
{
    size_t i;
    if (!ev->nbiz_transactions || excl(w, "bizTransactionList"))
        return;
    {
        cont k7 = cbegin(w, "bizTransactionList");
        GROUP_BEGIN;
        for (i = 0; i < ev->nbiz_transactions; i++) {
            ITEM_BEGIN;
            field_vocab(w, "type", &ev->biz_transactions[i].type, TRACE_CBV_BTT);
            field(w, "bizTransaction", ev->biz_transactions[i].id.raw);
            ITEM_END;
        }
        GROUP_END;
        cend(w, k7);
    }
}

/* One sensorElement: metadata, sorted reports, inline extensions. */
static void sensor_element(trace__hash_walk *w, const trace_sensor_element *se)
{
    size_t r, nother = (size_t)(se->has_metadata ? 1 : 0) + se->nreports;
    int gather = gathers(w, nother, se->ext, se->next);
    cont k8 = cbegin(w, "sensorElement");
    if (se->has_metadata || se->nmetadata) {
        cont k9 = cbegin(w, "sensorMetadata");
        trace__hash_attrs(w, se->metadata, se->nmetadata, NULL, 0, 0, 0);
        cend(w, k9);
    }
    {
        GROUP_BEGIN;
        for (r = 0; r < se->nreports; r++) {
            const trace_sensor_report *rp = &se->reports[r];
            ITEM_BEGIN;
            {
                cont k10 = cbegin(w, "sensorReport");
                trace__hash_attrs(w, rp->attrs, rp->nattrs, rp->ext, rp->next, 1, 0);
                cend(w, k10);
            }
            ITEM_END;
        }
        GROUP_END;
    }
    {
        GROUP_BEGIN;
        c_ = container_ext(w, se->ext, se->next, gather, 0);
        GROUP_END;
    }
    cend(w, k8);
}

/* What the reference layout does not consume of a sensorElement: its
 * children with leftovers, each with only those, sorted together. */
static void sensor_leftover(trace__hash_walk *w, const trace_sensor_element *se)
{
    size_t r, nother = (size_t)(se->has_metadata ? 1 : 0) + se->nreports;
    int gather = gathers(w, nother, se->ext, se->next);
    cont k11 = cbegin(w, "sensorElement");
    {
        GROUP_BEGIN;
        if (se->has_metadata || se->nmetadata) {
            ITEM_BEGIN;
            {
                cont k12 = cbegin(w, "sensorMetadata");
                trace__hash_attrs(w, se->metadata, se->nmetadata, NULL, 0, 0, 1);
                cend(w, k12);
            }
            ITEM_END;
        }
        for (r = 0; r < se->nreports; r++) {
            const trace_sensor_report *rp = &se->reports[r];
            ITEM_BEGIN;
            {
                cont k13 = cbegin(w, "sensorReport");
                trace__hash_attrs(w, rp->attrs, rp->nattrs, rp->ext, rp->next, 1, 1);
                cend(w, k13);
            }
            ITEM_END;
        }
        c_ += container_ext(w, se->ext, se->next, gather, 1);
        GROUP_END;
    }
    cend(w, k11);
}

static void sensors(trace__hash_walk *w, const trace_event *ev, int leftover)
{
    size_t i;
    if (!ev->nsensors || excl(w, "sensorElementList"))
        return;
    {
        cont k14 = cbegin(w, "sensorElementList");
        GROUP_BEGIN;
        for (i = 0; i < ev->nsensors; i++) {
            ITEM_BEGIN;
            if (leftover)
                sensor_leftover(w, &ev->sensors[i]);
            else
                sensor_element(w, &ev->sensors[i]);
            ITEM_END;
        }
        GROUP_END;
        cend(w, k14);
    }
}

static void ilmd(trace__hash_walk *w, const trace_event *ev)
{
    if (!ev->has_ilmd && !ev->nilmd)
        return;
    if (excl(w, "ilmd"))
        return;
    {
        size_t mark = w->out.len, body;
        lit(w, "ilmd");
        body = w->out.len;
        {
            GROUP_BEGIN;
            c_ = trace__hash_ext_items(w, ev->ilmd, ev->nilmd, HASH_EXT_ALL);
            GROUP_END;
        }
        /* the reference keeps an empty <ilmd/> as "ilmd"; the text profile skips it */
        if (w->out.len == body && !w->pf->ref_layout)
            w->out.len = mark;
    }
}

/* Event-level extensions (minus excluded ones) as items of the current group. */
static size_t event_ext(trace__hash_walk *w, const trace_event *ev)
{
    size_t i, cnt = 0;
    for (i = 0; i < ev->next; i++) {
        size_t s = w->out.len;
        if (trace__hash_is_comment(&ev->ext[i]) || excl_ext(w, &ev->ext[i]))
            continue;
        trace__hash_ext_node(w, &ev->ext[i]);
        if (w->out.len > s)
            trace__hash_span_push(w, s, w->out.len - s), cnt++;
    }
    return cnt;
}

static void certification(trace__hash_walk *w, const trace_event *ev)
{
    size_t i;
    GROUP_BEGIN;
    if (excl(w, "certificationInfo"))
        return;
    for (i = 0; i < ev->ncertification; i++) {
        ITEM_BEGIN;
        field(w, "certificationInfo", ev->certification[i].raw);
        ITEM_END;
    }
    GROUP_END;
}

static void head(trace__hash_walk *w, const trace_event *ev)
{
    const char *tn = trace_event_type_name(ev->type);
    lit(w, "eventType=");
    if (ev->type == TRACE_EVENT_EXTENSION || !tn)
        trace__buf_append(&w->out, ev->type_name.s, ev->type_name.len);
    else
        lit(w, tn);
    if (!excl(w, "eventTime"))
        field_time(w, "eventTime", ev->event_time.lexeme);
    if (!excl(w, "eventTimeZoneOffset"))
        field(w, "eventTimeZoneOffset", ev->tz_offset);
    certification(w, ev);
}

static void what(trace__hash_walk *w, const trace_event *ev)
{
    int ref = w->pf->ref_layout;
    if (ref && !excl(w, "parentID"))
        field(w, "parentID", ev->parent_id.raw);
    id_list(w, "epcList", &ev->epc_list);
    if (!ref && !excl(w, "parentID"))
        field(w, "parentID", ev->parent_id.raw);
    id_list(w, "inputEPCList", &ev->input_epcs);
    id_list(w, "childEPCs", &ev->child_epcs);
    quantity_list(w, "quantityList", &ev->quantity_list);
    quantity_list(w, "childQuantityList", &ev->child_quantity_list);
    quantity_list(w, "inputQuantityList", &ev->input_quantity_list);
    id_list(w, "outputEPCList", &ev->output_epcs);
    quantity_list(w, "outputQuantityList", &ev->output_quantity_list);
}

static void why(trace__hash_walk *w, const trace_event *ev)
{
    if (!excl(w, "action")) {
        trace_str a = ev->action_raw;
        if (!a.len && trace_action_name(ev->action))
            a = trace_str_c(trace_action_name(ev->action));
        field(w, "action", a);
    }
    if (!excl(w, "transformationID"))
        field(w, "transformationID", ev->transformation_id.raw);
    if (!excl(w, "bizStep"))
        field_vocab(w, "bizStep", &ev->biz_step, TRACE_CBV_BIZSTEP);
    if (!excl(w, "disposition"))
        field_vocab(w, "disposition", &ev->disposition, TRACE_CBV_DISP);
    persistent(w, ev);
    location(w, "readPoint", &ev->read_point, 0);
    location(w, "bizLocation", &ev->biz_location, 0);
}

/* The reference's sorted tail: the fields outside its ordered table, the
 * extensions and whatever the ordered pass left over. */
static void ref_tail(trace__hash_walk *w, const trace_event *ev)
{
    GROUP_BEGIN;
    {
        ITEM_BEGIN;
        biz_transactions(w, ev);
        ITEM_END;
    }
    {
        ITEM_BEGIN;
        party_list(w, "sourceList", "source", ev->sources, ev->nsources);
        ITEM_END;
    }
    {
        ITEM_BEGIN;
        party_list(w, "destinationList", "destination", ev->destinations,
                   ev->ndestinations);
        ITEM_END;
    }
    {
        ITEM_BEGIN;
        ilmd(w, ev);
        ITEM_END;
    }
    c_ += event_ext(w, ev);
    {
        ITEM_BEGIN;
        location(w, "readPoint", &ev->read_point, 1);
        ITEM_END;
    }
    {
        ITEM_BEGIN;
        location(w, "bizLocation", &ev->biz_location, 1);
        ITEM_END;
    }
    {
        ITEM_BEGIN;
        sensors(w, ev, 1);
        ITEM_END;
    }
    GROUP_END;
}

int trace__hash_walk_event(trace__hash_walk *w, const trace_event *ev)
{
    w->out.len = 0;
    w->nspans = 0;
    head(w, ev);
    what(w, ev);
    why(w, ev);
    if (w->pf->ref_layout) {
        sensors(w, ev, 0);
        ref_tail(w, ev);
    } else {
        biz_transactions(w, ev);
        party_list(w, "sourceList", "source", ev->sources, ev->nsources);
        party_list(w, "destinationList", "destination", ev->destinations,
                   ev->ndestinations);
        sensors(w, ev, 0);
        ilmd(w, ev);
        {
            GROUP_BEGIN;
            c_ = event_ext(w, ev);
            GROUP_END;
        }
    }
    trace__buf_cstr(&w->out);
    return w->failed || w->out.failed ? TRACE_ENOMEM : TRACE_OK;
}

/* A timestamp for the digest supplement: UTC with every fraction digit kept. */
static void exact_time(trace__hash_walk *w, const char *name, const trace_time *t)
{
    if (!t->lexeme.len)
        return;
    lit(w, name);
    trace__buf_putc(&w->out, '=');
    if (!t->valid) {
        trace__buf_append(&w->out, t->lexeme.s, t->lexeme.len);
        return;
    }
    trace__hash_civil(&w->out, t->seconds);
    trace__buf_printf(&w->out, ".%09uZ", (unsigned)t->nanos);
}

int trace__hash_walk_supplement(trace__hash_walk *w, const trace_event *ev)
{
    const trace_error_declaration *ed = &ev->error_declaration;
    size_t i;
    w->out.len = 0;
    w->nspans = 0;
    field(w, "eventID", ev->event_id.raw);
    exact_time(w, "recordTime", &ev->record_time);
    if (ed->present) {
        lit(w, "errorDeclaration");
        exact_time(w, "declarationTime", &ed->declaration_time);
        field_vocab(w, "reason", &ed->reason, TRACE_CBV_ER);
        {
            GROUP_BEGIN;
            for (i = 0; i < ed->ncorrective_ids; i++) {
                ITEM_BEGIN;
                field(w, "correctiveEventID", ed->corrective_ids[i].raw);
                ITEM_END;
            }
            GROUP_END;
        }
        {
            GROUP_BEGIN;
            c_ = trace__hash_ext_items(w, ed->ext, ed->next, HASH_EXT_ALL);
            GROUP_END;
        }
    }
    trace__buf_cstr(&w->out);
    return w->failed || w->out.failed ? TRACE_ENOMEM : TRACE_OK;
}

static void md_tree(trace__hash_walk *w, const trace_ext *x, size_t n)
{
    GROUP_BEGIN;
    c_ = trace__hash_ext_items(w, x, n, HASH_EXT_ALL);
    GROUP_END;
}

static void md_attrs(trace__hash_walk *w, const trace_md_element *el)
{
    size_t i;
    GROUP_BEGIN;
    for (i = 0; i < el->nattrs; i++) {
        ITEM_BEGIN;
        lit(w, "attribute");
        field(w, "id", el->attrs[i].id);
        field(w, "value", el->attrs[i].value);
        md_tree(w, el->attrs[i].tree, el->attrs[i].ntree);
        ITEM_END;
    }
    GROUP_END;
}

static void md_children(trace__hash_walk *w, const trace_md_element *el)
{
    size_t i;
    GROUP_BEGIN;
    for (i = 0; i < el->nchildren; i++) {
        ITEM_BEGIN;
        field(w, "child", el->children[i]);
        ITEM_END;
    }
    GROUP_END;
}

static void md_vocab(trace__hash_walk *w, const trace_vocabulary *voc)
{
    size_t e;
    lit(w, "vocabulary");
    field(w, "type", voc->type);
    {
        GROUP_BEGIN;
        for (e = 0; e < voc->nelements; e++) {
            ITEM_BEGIN;
            lit(w, "element");
            field(w, "id", voc->elements[e].id);
            md_attrs(w, &voc->elements[e]);
            md_children(w, &voc->elements[e]);
            md_tree(w, voc->elements[e].ext, voc->elements[e].next);
            ITEM_END;
        }
        GROUP_END;
    }
}

int trace__hash_walk_masterdata(trace__hash_walk *w, const trace_masterdata *md)
{
    size_t v;
    w->out.len = 0;
    w->nspans = 0;
    if (md) {
        GROUP_BEGIN;
        for (v = 0; v < md->nvocabularies; v++) {
            ITEM_BEGIN;
            md_vocab(w, &md->vocabularies[v]);
            ITEM_END;
        }
        GROUP_END;
    }
    trace__buf_cstr(&w->out);
    return w->failed || w->out.failed ? TRACE_ENOMEM : TRACE_OK;
}
