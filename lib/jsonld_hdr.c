/*
 * jsonld_hdr.c - the document-level members of an EPCIS 2.0 JSON-LD
 * document into trace_header / trace_masterdata / trace_trailer:
 * epcisHeader.epcisMasterData, the full SBDH carried as "utds:sbdh", and
 * the "utds:trailer" member (spec/utds-3-jsonld.md, sections "Header",
 * "Master data" and "Trailer").
 */
#include <stdio.h>
#include <string.h>

#include "jsonld_int.h"

/* ------------------------------------------------------------ master data */

static void md_attr(jl_map *m, json_t *a, trace_md_attr *out)
{
    json_t *id = json_object_get(a, "id"), *v = json_object_get(a, "attribute");
    out->pos = m->pos;
    if (id) {
        size_t saved = jl_path_key(m, "id");
        jl_get_str(m, id, "id", &out->id);
        jl_path_pop(m, saved);
    } else {
        jl_report(m, TRACE__D_JSON_MISSING_MEMBER, "member", "id", NULL, NULL);
    }
    if (!v)
        return;
    {
        size_t saved = jl_path_key(m, "attribute");
        if (json_is_object(v)) {
            jl_ext_object(m, v, &out->tree, &out->ntree);
        } else if (json_is_string(v)) {
            out->value = jl_str(v);
            out->type = TRACE_EXT_STRING;
        } else if (json_is_number(v)) {
            out->value = jl_num_lexeme(m, v);
            out->type = TRACE_EXT_NUMBER;
        } else if (json_is_boolean(v)) {
            out->value = trace_str_c(json_is_true(v) ? "true" : "false");
            out->type = TRACE_EXT_BOOL;
        } else if (json_is_null(v)) {
            out->type = TRACE_EXT_NULL;
        } else {
            jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "attribute", "got",
                      jl_type_name(v));
        }
        jl_path_pop(m, saved);
    }
}

static void md_element(jl_map *m, json_t *e, trace_md_element *out)
{
    const char *k;
    json_t *v;
    size_t acap = 0, ccap = 0, ecap = 0, i;
    out->pos = m->pos;
    json_object_foreach(e, k, v) {
        size_t saved = jl_path_key(m, k);
        json_t *it;
        if (!strcmp(k, "id")) {
            jl_get_str(m, v, k, &out->id);
        } else if (!strcmp(k, "attributes") && json_is_array(v)) {
            json_array_foreach(v, i, it) {
                size_t s2 = jl_path_index(m, i);
                trace_md_attr *a = jl_push(m, (void **)&out->attrs, &out->nattrs, &acap,
                                           sizeof(*a));
                if (a && json_is_object(it))
                    md_attr(m, it, a);
                jl_path_pop(m, s2);
            }
        } else if (!strcmp(k, "children") && json_is_array(v)) {
            json_array_foreach(v, i, it) {
                size_t s2 = jl_path_index(m, i);
                trace_str *c = jl_push(m, (void **)&out->children, &out->nchildren, &ccap,
                                       sizeof(*c));
                if (c)
                    jl_get_str(m, it, "children", c);
                jl_path_pop(m, s2);
            }
        } else {
            jl_path_pop(m, saved);
            jl_ext_member(m, k, v, &out->ext, &out->next, &ecap);
        }
        jl_path_pop(m, saved);
    }
}

static void md_vocabulary(jl_map *m, json_t *voc, trace_vocabulary *out)
{
    json_t *t = json_object_get(voc, "type");
    json_t *list = json_object_get(voc, "vocabularyElementList");
    size_t cap = 0, i;
    json_t *it;
    out->pos = m->pos;
    if (t) {
        size_t saved = jl_path_key(m, "type");
        jl_get_str(m, t, "type", &out->type);
        jl_path_pop(m, saved);
    }
    if (!json_is_array(list))
        return;
    {
        size_t saved = jl_path_key(m, "vocabularyElementList");
        json_array_foreach(list, i, it) {
            size_t s2 = jl_path_index(m, i);
            trace_md_element *e = jl_push(m, (void **)&out->elements, &out->nelements, &cap,
                                          sizeof(*e));
            if (e && json_is_object(it))
                md_element(m, it, e);
            jl_path_pop(m, s2);
        }
        jl_path_pop(m, saved);
    }
}

static void masterdata(jl_map *m, json_t *v, trace_masterdata *md)
{
    json_t *list = json_is_object(v) ? json_object_get(v, "vocabularyList") : NULL;
    size_t cap = 0, i;
    json_t *it;
    if (!json_is_array(list)) {
        jl_report(m, TRACE__D_JSON_MISSING_MEMBER, "member", "vocabularyList", NULL, NULL);
        return;
    }
    {
        size_t saved = jl_path_key(m, "vocabularyList");
        json_array_foreach(list, i, it) {
            size_t s2 = jl_path_index(m, i);
            trace_vocabulary *voc = jl_push(m, (void **)&md->vocabularies, &md->nvocabularies,
                                            &cap, sizeof(*voc));
            if (voc && json_is_object(it))
                md_vocabulary(m, it, voc);
            jl_path_pop(m, saved > 0 ? s2 : s2);
        }
        jl_path_pop(m, saved);
    }
}

/* ------------------------------------------------------------------ SBDH */

/* Members of a utds:sbdh object the model has no place for are reported. */
static void sbdh_only(jl_map *m, json_t *obj, const char *const *allowed)
{
    const char *k;
    json_t *v;
    json_object_foreach(obj, k, v) {
        size_t i;
        for (i = 0; allowed[i] && strcmp(allowed[i], k); i++)
            ;
        if (!allowed[i]) {
            char reason[TRACE_DIAG_ARG_SIZE];
            size_t saved = jl_path_key(m, k);
            snprintf(reason, sizeof(reason), "unknown member %s", k);
            jl_report(m, TRACE__D_JSON_BAD_SBDH, "reason", reason, NULL, NULL);
            jl_path_pop(m, saved);
        }
    }
}

static void str_member(jl_map *m, json_t *obj, const char *k, trace_str *out)
{
    json_t *v = json_object_get(obj, k);
    if (v) {
        size_t saved = jl_path_key(m, k);
        jl_get_str(m, v, k, out);
        jl_path_pop(m, saved);
    }
}

static void sbdh_parties(jl_map *m, json_t *arr, const char *k, trace_sbdh_party **out,
                         size_t *n)
{
    size_t cap = 0, i;
    json_t *it;
    size_t saved = jl_path_key(m, k);
    if (!json_is_array(arr)) {
        jl_report(m, TRACE__D_JSON_BAD_SBDH, "reason", "sender/receiver is not an array", NULL,
                  NULL);
        jl_path_pop(m, saved);
        return;
    }
    json_array_foreach(arr, i, it) {
        size_t s2 = jl_path_index(m, i);
        static const char *const allowed[] = {"identifier", "authority", "contact", NULL};
        trace_sbdh_party *p = jl_push(m, (void **)out, n, &cap, sizeof(*p));
        json_t *c;
        if (p && json_is_object(it)) {
            sbdh_only(m, it, allowed);
            str_member(m, it, "identifier", &p->identifier);
            str_member(m, it, "authority", &p->authority);
            if ((c = json_object_get(it, "contact")) != NULL && json_is_object(c))
                jl_ext_object(m, c, &p->contact, &p->ncontact);
        }
        jl_path_pop(m, s2);
    }
    jl_path_pop(m, saved);
}

/* "utds:sbdh": the full SBDH, so XML -> JSON-LD -> XML keeps it. */
static void sbdh(jl_map *m, json_t *v, trace_header *h)
{
    static const char *const top[] = {"headerVersion", "sender", "receiver",
                                      "documentIdentification", "extension", NULL};
    static const char *const doc_id[] = {"standard", "typeVersion", "instanceIdentifier", "type",
                                         "multipleType", "creationDateAndTime", NULL};
    json_t *x;
    if (!json_is_object(v)) {
        jl_report(m, TRACE__D_JSON_BAD_SBDH, "reason", "not an object", NULL, NULL);
        return;
    }
    h->has_sbdh = 1;
    str_member(m, v, "headerVersion", &h->sbdh_version);
    if ((x = json_object_get(v, "sender")) != NULL)
        sbdh_parties(m, x, "sender", &h->senders, &h->nsenders);
    if ((x = json_object_get(v, "receiver")) != NULL)
        sbdh_parties(m, x, "receiver", &h->receivers, &h->nreceivers);
    sbdh_only(m, v, top);
    if ((x = json_object_get(v, "documentIdentification")) != NULL && json_is_object(x)) {
        size_t saved = jl_path_key(m, "documentIdentification");
        json_t *c = json_object_get(x, "creationDateAndTime");
        sbdh_only(m, x, doc_id);
        str_member(m, x, "standard", &h->standard);
        str_member(m, x, "typeVersion", &h->type_version);
        str_member(m, x, "instanceIdentifier", &h->instance_id);
        str_member(m, x, "type", &h->message_type);
        str_member(m, x, "multipleType", &h->multiple_type);
        if (c && json_is_string(c) && trace_time_parse(jl_str(c), &h->created) != TRACE_OK)
            jl_report(m, TRACE__D_BAD_TIMESTAMP, "field", "creationDateAndTime", "value",
                      json_string_value(c));
        jl_path_pop(m, saved);
    }
    if ((x = json_object_get(v, "extension")) != NULL && json_is_object(x))
        jl_ext_object(m, x, &h->sbdh_ext, &h->nsbdh_ext);
}

int jl_epcis_header(jl_map *m, json_t *obj, trace_header *h, trace_masterdata *md)
{
    const char *k;
    json_t *v;
    size_t cap = h->next;
    if (!json_is_object(obj)) {
        jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "epcisHeader", "got",
                  jl_type_name(obj));
        return TRACE_OK;
    }
    json_object_foreach(obj, k, v) {
        size_t saved = jl_path_key(m, k);
        if (!strcmp(k, "epcisMasterData")) {
            masterdata(m, v, md);
        } else if (!strcmp(k, "utds:sbdh")) {
            sbdh(m, v, h);
        } else {
            jl_path_pop(m, saved);
            jl_ext_member(m, k, v, &h->ext, &h->next, &cap);
        }
        jl_path_pop(m, saved);
    }
    return m->nomem ? TRACE_ENOMEM : TRACE_OK;
}
