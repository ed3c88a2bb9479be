/*
 * jsonl_doc.c - the UTDS JSON Lines header line (document header, master
 * data) and trailer line into the model (spec/utds-3-jsonl.md).
 */
#include <string.h>

#include "diag_ids.h"
#include "jsonl_int.h"

static int known(trace_str k, const char *const *names)
{
    for (; *names; names++)
        if (trace_str_eq(k, *names))
            return 1;
    return 0;
}

/* Warn about members a JSONL object of this kind does not define. */
static void check_members(jm_ctx *c, const jv *obj, const char *const *names)
{
    size_t i, j;
    for (i = 0; i < obj->n; i++) {
        if (!known(obj->keys[i], names))
            jm_unknown(c, &obj->items[i], obj->keys[i]);
        for (j = 0; j < i; j++)
            if (obj->keys[j].len == obj->keys[i].len &&
                memcmp(obj->keys[j].s, obj->keys[i].s, obj->keys[i].len) == 0) {
                char tmp[64];
                size_t n = obj->keys[i].len < 63 ? obj->keys[i].len : 63;
                memcpy(tmp, obj->keys[i].s, n);
                tmp[n] = '\0';
                trace__reader_report(c->r, TRACE__D_JSONL_DUPLICATE, jm_pos(c, &obj->items[i]),
                                     NULL, "name", tmp, NULL);
                break;
            }
    }
}

static void jm_time_opt(jm_ctx *c, const jv *v, const char *field, trace_time *t)
{
    trace_str s;
    if (!v)
        return;
    s = jm_str(c, v, field);
    trace_time_parse(s, t);
    t->pos = jm_pos(c, v);
    if (s.len && !t->valid)
        jm_bad_time(c, v, field, s);
}

static void parties(jm_ctx *c, const jv *v, const char *member, trace_sbdh_party **out,
                    size_t *n)
{
    size_t i;
    *n = 0;
    if (!v)
        return;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, member, "an array of objects");
        return;
    }
    *out = jm_alloc(c, v->n, sizeof(trace_sbdh_party));
    for (i = 0; *out && i < v->n; i++) {
        const jv *o = &v->items[i], *x;
        trace_sbdh_party *p = &(*out)[*n];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, member, "an array of objects");
            continue;
        }
        p->identifier = jm_str(c, jv_get(o, "identifier"), "identifier");
        p->authority = jm_str(c, jv_get(o, "authority"), "authority");
        if ((x = jv_get(o, "contact")) != NULL)
            jm_ext_array(c, x, "contact", &p->contact, &p->ncontact);
        (*n)++;
    }
}

static void sbdh(jm_ctx *c, const jv *o, trace_header *h)
{
    static const char *const names[] = {"headerVersion", "sender", "receiver", "standard",
                                        "typeVersion", "instanceIdentifier", "type",
                                        "multipleType", "creationDateAndTime", "ext", NULL};
    const jv *x;
    h->has_sbdh = 1;
    if (o->kind != JV_OBJ) {
        jm_bad_type(c, o, "sbdh", "an object");
        return;
    }
    check_members(c, o, names);
    h->sbdh_version = jm_str(c, jv_get(o, "headerVersion"), "headerVersion");
    parties(c, jv_get(o, "sender"), "sender", &h->senders, &h->nsenders);
    parties(c, jv_get(o, "receiver"), "receiver", &h->receivers, &h->nreceivers);
    h->standard = jm_str(c, jv_get(o, "standard"), "standard");
    h->type_version = jm_str(c, jv_get(o, "typeVersion"), "typeVersion");
    h->instance_id = jm_str(c, jv_get(o, "instanceIdentifier"), "instanceIdentifier");
    h->message_type = jm_str(c, jv_get(o, "type"), "type");
    h->multiple_type = jm_str(c, jv_get(o, "multipleType"), "multipleType");
    jm_time_opt(c, jv_get(o, "creationDateAndTime"), "creationDateAndTime", &h->created);
    if ((x = jv_get(o, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &h->sbdh_ext, &h->nsbdh_ext);
}

static void ns_pairs(jm_ctx *c, const jv *v, trace_header *h)
{
    size_t i;
    if (v->kind != JV_ARR) {
        jm_bad_type(c, v, "namespaces", "an array of [prefix, uri] pairs");
        return;
    }
    h->namespaces = jm_alloc(c, v->n, sizeof(trace_ns));
    for (i = 0; h->namespaces && i < v->n; i++) {
        const jv *p = &v->items[i];
        if (p->kind != JV_ARR || p->n != 2 || p->items[0].kind != JV_STR ||
            p->items[1].kind != JV_STR) {
            jm_bad_type(c, p, "namespaces", "an array of [prefix, uri] pairs");
            continue;
        }
        h->namespaces[h->nnamespaces].prefix = p->items[0].s;
        h->namespaces[h->nnamespaces++].uri = p->items[1].s;
    }
}

int jm_header(jm_ctx *c, const jv *o, trace_header *h)
{
    static const char *const names[] = {
        "docType", "schemaVersion", "creationDate", "id", "sbdh", "sender", "receiver",
        "profile", "namespaces", "@context", "ext", "queryName", "subscriptionID", NULL};
    const jv *x;
    size_t i;
    h->pos = jm_pos(c, o);
    if (o->kind != JV_OBJ) {
        jm_bad_type(c, o, "header", "an object");
        return TRACE_OK;
    }
    check_members(c, o, names);
    h->doc_type = jm_str(c, jv_get(o, "docType"), "docType");
    h->schema_version = jm_str(c, jv_get(o, "schemaVersion"), "schemaVersion");
    jm_time_opt(c, jv_get(o, "creationDate"), "creationDate", &h->creation_date);
    h->doc_id = jm_str(c, jv_get(o, "id"), "id");
    if ((x = jv_get(o, "sbdh")) != NULL)
        sbdh(c, x, h);
    h->sender = jm_str(c, jv_get(o, "sender"), "sender");
    h->receiver = jm_str(c, jv_get(o, "receiver"), "receiver");
    h->profile = jm_str(c, jv_get(o, "profile"), "profile");
    if ((x = jv_get(o, "namespaces")) != NULL)
        ns_pairs(c, x, h);
    if ((x = jv_get(o, "@context")) != NULL) {
        if (x->kind != JV_ARR) {
            jm_bad_type(c, x, "@context", "an array of strings");
        } else if ((h->context_urls = jm_alloc(c, x->n, sizeof(trace_str))) != NULL) {
            for (i = 0; i < x->n; i++)
                h->context_urls[h->ncontext_urls++] = jm_str(c, &x->items[i], "@context");
        }
    }
    if ((x = jv_get(o, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &h->ext, &h->next);
    h->query_name = jm_str(c, jv_get(o, "queryName"), "queryName");
    h->subscription_id = jm_str(c, jv_get(o, "subscriptionID"), "subscriptionID");
    return c->failed ? TRACE_ENOMEM : TRACE_OK;
}

static void md_attr(jm_ctx *c, const jv *o, trace_md_attr *a)
{
    const jv *v = jv_get(o, "value"), *t = jv_get(o, "tree");
    a->pos = jm_pos(c, o);
    a->id = jm_str(c, jv_get(o, "id"), "id");
    if (t)
        jm_ext_array(c, t, "tree", &a->tree, &a->ntree);
    if (!v)
        return;
    switch (v->kind) {
    case JV_STR: a->value = v->s; break;
    case JV_NUM: a->value = v->s, a->type = TRACE_EXT_NUMBER; break;
    case JV_TRUE: a->value = trace_str_c("true"), a->type = TRACE_EXT_BOOL; break;
    case JV_FALSE: a->value = trace_str_c("false"), a->type = TRACE_EXT_BOOL; break;
    case JV_NULL: a->type = TRACE_EXT_NULL; break;
    default: jm_bad_type(c, v, "value", "a string, number, boolean or null");
    }
    if ((t = jv_get(o, "type")) != NULL && t->kind == JV_STR && v->kind == JV_STR)
        a->type = trace_str_eq(t->s, "number") ? TRACE_EXT_NUMBER
                  : trace_str_eq(t->s, "bool") ? TRACE_EXT_BOOL
                  : trace_str_eq(t->s, "null") ? TRACE_EXT_NULL
                                               : TRACE_EXT_STRING;
}

static void md_element(jm_ctx *c, const jv *o, trace_md_element *el)
{
    const jv *x;
    size_t i;
    el->pos = jm_pos(c, o);
    el->id = jm_str(c, jv_get(o, "id"), "id");
    if ((x = jv_get(o, "attributes")) != NULL && x->kind == JV_ARR &&
        (el->attrs = jm_alloc(c, x->n, sizeof(trace_md_attr))) != NULL)
        for (i = 0; i < x->n; i++)
            if (x->items[i].kind == JV_OBJ)
                md_attr(c, &x->items[i], &el->attrs[el->nattrs++]);
    if ((x = jv_get(o, "children")) != NULL && x->kind == JV_ARR &&
        (el->children = jm_alloc(c, x->n, sizeof(trace_str))) != NULL)
        for (i = 0; i < x->n; i++)
            el->children[el->nchildren++] = jm_str(c, &x->items[i], "children");
    if ((x = jv_get(o, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &el->ext, &el->next);
}

int jm_masterdata(jm_ctx *c, const jv *arr, trace_masterdata *md)
{
    size_t v, e;
    if (arr->kind != JV_ARR) {
        jm_bad_type(c, arr, "masterData", "an array of vocabularies");
        return TRACE_OK;
    }
    md->vocabularies = jm_alloc(c, arr->n, sizeof(trace_vocabulary));
    for (v = 0; md->vocabularies && v < arr->n; v++) {
        const jv *o = &arr->items[v], *els;
        trace_vocabulary *voc = &md->vocabularies[md->nvocabularies];
        if (o->kind != JV_OBJ) {
            jm_bad_type(c, o, "masterData", "an array of vocabularies");
            continue;
        }
        voc->pos = jm_pos(c, o);
        voc->type = jm_str(c, jv_get(o, "type"), "type");
        els = jv_get(o, "elements");
        if (els && els->kind == JV_ARR &&
            (voc->elements = jm_alloc(c, els->n, sizeof(trace_md_element))) != NULL)
            for (e = 0; e < els->n; e++)
                if (els->items[e].kind == JV_OBJ)
                    md_element(c, &els->items[e], &voc->elements[voc->nelements++]);
        md->nvocabularies++;
    }
    return c->failed ? TRACE_ENOMEM : TRACE_OK;
}

int jm_trailer(jm_ctx *c, const jv *o, trace_trailer *t)
{
    static const char *const names[] = {"utds", "eventCount", "digest", "signature", "keyID",
                                        "sigAlg", "ext", NULL};
    const jv *x;
    check_members(c, o, names);
    t->present = 1;
    x = jv_get(o, "eventCount");
    if (x && x->kind == JV_NUM && x->s.len <= 19 && x->s.s[0] != '-' &&
        !memchr(x->s.s, '.', x->s.len) && !memchr(x->s.s, 'e', x->s.len) &&
        !memchr(x->s.s, 'E', x->s.len)) {
        size_t i;
        t->event_count = 0;
        for (i = 0; i < x->s.len; i++)
            t->event_count = t->event_count * 10 + (uint64_t)(x->s.s[i] - '0');
    } else if (x) {
        jm_bad_type(c, x, "eventCount", "a non-negative integer");
    }
    t->digest = jm_str(c, jv_get(o, "digest"), "digest");
    t->signature = jm_str(c, jv_get(o, "signature"), "signature");
    t->key_id = jm_str(c, jv_get(o, "keyID"), "keyID");
    t->sig_alg = jm_str(c, jv_get(o, "sigAlg"), "sigAlg");
    if ((x = jv_get(o, "ext")) != NULL)
        jm_ext_array(c, x, "ext", &t->ext, &t->next);
    return c->failed ? TRACE_ENOMEM : TRACE_OK;
}
