/*
 * xml_header.c - map the EPCIS XML header (SBDH and master data), the
 * document-level extensions and the UTDS trailer into the model (UTDS
 * Part 3, spec/utds-3-xml.md "Header", "Master data", "Trailer"). Strings
 * live in the reader's document arena until the reader is freed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xml_int.h"

static int in_ns(const xmlNode *n, const char *ns, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
           !strcmp((const char *)n->ns->href, ns) && (!name || !strcmp((const char *)n->name, name));
}

static trace__arena *doc(xml__rstate *st)
{
    return &st->r->doc_arena;
}

static int text(xml__rstate *st, const xmlNode *n, trace_str *out)
{
    return xml__text(st, doc(st), n, 1, out);
}

/* Append the extension node built from n to (*ext, *n_ext). */
static int ext_append(xml__rstate *st, const xmlNode *n, trace_ext **ext, size_t *next)
{
    trace_ext *p = trace__arena_grow(doc(st), *ext, *next, *next + 1, sizeof(**ext));
    if (!p)
        return TRACE_ENOMEM;
    *ext = p;
    (*next)++;
    return xml__ext_build(st, doc(st), n, 1, &p[*next - 1]);
}

/* Append a list of nodes (extension wrappers flattened). */
static int ext_append_list(xml__rstate *st, const xmlNode *first, trace_ext **ext, size_t *next)
{
    trace_ext *tmp, *p;
    size_t k;
    int rc = xml__ext_list(st, doc(st), first, 2, 1, NULL, &tmp, &k);
    if (rc != TRACE_OK || k == 0)
        return rc;
    p = trace__arena_grow(doc(st), *ext, *next, *next + k, sizeof(**ext));
    if (!p)
        return TRACE_ENOMEM;
    memcpy(p + *next, tmp, k * sizeof(*tmp));
    *ext = p;
    *next += k;
    return TRACE_OK;
}

/* ------------------------------------------------------------- SBDH */

static int party(xml__rstate *st, const xmlNode *n, trace_sbdh_party *p)
{
    const xmlNode *k;
    int rc = TRACE_OK;
    size_t m = 0;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (in_ns(k, XML__NS_SBDH, "Identifier")) {
            const xmlAttr *at;
            rc = text(st, k, &p->identifier);
            for (at = k->properties; at && rc == TRACE_OK; at = at->next)
                if (!at->ns && !strcmp((const char *)at->name, "Authority") && at->children &&
                    at->children->content)
                    rc = xml__copy(doc(st), at->children->content,
                                   strlen((const char *)at->children->content), &p->authority);
        } else if (k->type == XML_ELEMENT_NODE || k->type == XML_COMMENT_NODE) {
            m++;
        }
    }
    if (rc != TRACE_OK || !m)
        return rc;
    /* ContactInformation and anything else of the party, kept as trees. */
    p->contact = trace__arena_alloc(doc(st), m * sizeof(*p->contact));
    if (!p->contact)
        return TRACE_ENOMEM;
    for (k = n->children; k && rc == TRACE_OK; k = k->next)
        if ((k->type == XML_ELEMENT_NODE && !in_ns(k, XML__NS_SBDH, "Identifier")) ||
            k->type == XML_COMMENT_NODE)
            rc = xml__ext_build(st, doc(st), k, 2, &p->contact[p->ncontact++]);
    return rc;
}

static int parties(xml__rstate *st, const xmlNode *n, const char *name, trace_sbdh_party **out,
                   size_t *count)
{
    const xmlNode *k;
    size_t m = 0;
    int rc = TRACE_OK;
    for (k = n->children; k; k = k->next)
        m += in_ns(k, XML__NS_SBDH, name);
    if (!m)
        return TRACE_OK;
    *out = trace__arena_calloc(doc(st), m * sizeof(**out));
    if (!*out)
        return TRACE_ENOMEM;
    for (k = n->children; k && rc == TRACE_OK; k = k->next)
        if (in_ns(k, XML__NS_SBDH, name))
            rc = party(st, k, &(*out)[(*count)++]);
    return rc;
}

static int doc_ident(xml__rstate *st, const xmlNode *n)
{
    trace_header *h = &st->r->hdr;
    const xmlNode *k;
    int rc = TRACE_OK;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (!in_ns(k, XML__NS_SBDH, NULL))
            continue;
        if (!strcmp((const char *)k->name, "Standard"))
            rc = text(st, k, &h->standard);
        else if (!strcmp((const char *)k->name, "TypeVersion"))
            rc = text(st, k, &h->type_version);
        else if (!strcmp((const char *)k->name, "InstanceIdentifier"))
            rc = text(st, k, &h->instance_id);
        else if (!strcmp((const char *)k->name, "Type"))
            rc = text(st, k, &h->message_type);
        else if (!strcmp((const char *)k->name, "MultipleType"))
            rc = text(st, k, &h->multiple_type);
        else if (!strcmp((const char *)k->name, "CreationDateAndTime")) {
            trace_str s;
            rc = text(st, k, &s);
            if (rc == TRACE_OK && trace_time_parse(s, &h->created) != TRACE_OK) {
                char v[TRACE_DIAG_ARG_SIZE];
                snprintf(v, sizeof(v), "%.*s", (int)s.len, s.s ? s.s : "");
                XML__REPORT(st, TRACE__D_BAD_TIMESTAMP, k, "field", "CreationDateAndTime",
                            "value", v);
            }
            h->created.pos = xml__pos(k);
        } else
            XML__REPORT(st, TRACE__D_XML_IGNORED, k, "what", xml__name(k), "parent",
                        "DocumentIdentification");
    }
    return rc;
}

static int sbdh(xml__rstate *st, const xmlNode *n)
{
    trace_header *h = &st->r->hdr;
    const xmlNode *k;
    int rc;
    h->has_sbdh = 1;
    rc = parties(st, n, "Sender", &h->senders, &h->nsenders);
    if (rc == TRACE_OK)
        rc = parties(st, n, "Receiver", &h->receivers, &h->nreceivers);
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (in_ns(k, XML__NS_SBDH, "HeaderVersion"))
            rc = text(st, k, &h->sbdh_version);
        else if (in_ns(k, XML__NS_SBDH, "DocumentIdentification"))
            rc = doc_ident(st, k);
        else if (in_ns(k, XML__NS_SBDH, "Sender") || in_ns(k, XML__NS_SBDH, "Receiver"))
            continue;
        else if (k->type == XML_ELEMENT_NODE || k->type == XML_COMMENT_NODE)
            rc = ext_append(st, k, &h->sbdh_ext, &h->nsbdh_ext); /* Manifest, BusinessScope */
    }
    if (h->nsenders)
        h->sender = h->senders[0].identifier;
    if (h->nreceivers)
        h->receiver = h->receivers[0].identifier;
    return rc;
}

/* ------------------------------------------------------- master data */

static int attr_id(xml__rstate *st, const xmlNode *n, const char *name, trace_str *out)
{
    const xmlAttr *at;
    for (at = n->properties; at; at = at->next)
        if (!at->ns && !strcmp((const char *)at->name, name)) {
            xmlNode fake;
            memset(&fake, 0, sizeof(fake));
            fake.type = XML_ELEMENT_NODE;
            fake.name = at->name;
            fake.children = at->children;
            fake.parent = (xmlNode *)n;
            return xml__text(st, doc(st), &fake, 1, out);
        }
    XML__REPORT(st, TRACE__D_XML_MISSING, n, "parent", xml__name(n), "name", name);
    return TRACE_OK;
}

static int md_attr(xml__rstate *st, const xmlNode *n, trace_md_attr *a)
{
    trace_ext tmp;
    size_t i;
    int rc = attr_id(st, n, "id", &a->id);
    a->pos = xml__pos(n);
    if (rc == TRACE_OK)
        rc = xml__ext_build(st, doc(st), n, 5, &tmp);
    if (rc != TRACE_OK)
        return rc;
    for (i = 0; i < tmp.nattrs; i++)
        if (tmp.attrs[i].ns.len || !trace_str_eq(tmp.attrs[i].name, "id"))
            XML__REPORT(st, TRACE__D_XML_IGNORED, n, "what", "attribute", "parent", "attribute");
    if (tmp.xsi_type.len)
        XML__REPORT(st, TRACE__D_XML_IGNORED, n, "what", "xsi:type", "parent", "attribute");
    if (tmp.nchildren) {
        a->tree = tmp.children; /* nested XML (mixed content kept as TEXT nodes) */
        a->ntree = tmp.nchildren;
    } else {
        a->value = tmp.text;
    }
    return TRACE_OK;
}

static int md_element(xml__rstate *st, const xmlNode *n, trace_md_element *e)
{
    static const char *const known[] = {"attribute", "children", NULL};
    const xmlNode *k;
    size_t na = 0, nc = 0;
    int rc = attr_id(st, n, "id", &e->id);
    e->pos = xml__pos(n);
    for (k = n->children; k; k = k->next) {
        na += xml__is_std(st, k, "attribute");
        if (xml__is_std(st, k, "children")) {
            const xmlNode *c;
            for (c = k->children; c; c = c->next)
                nc += xml__is_std(st, c, "id");
        }
    }
    if ((na && !(e->attrs = trace__arena_calloc(doc(st), na * sizeof(*e->attrs)))) ||
        (nc && !(e->children = trace__arena_calloc(doc(st), nc * sizeof(*e->children)))))
        return TRACE_ENOMEM;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (xml__is_std(st, k, "attribute")) {
            rc = md_attr(st, k, &e->attrs[e->nattrs++]);
        } else if (xml__is_std(st, k, "children")) {
            const xmlNode *c;
            for (c = k->children; c && rc == TRACE_OK; c = c->next)
                if (xml__is_std(st, c, "id"))
                    rc = text(st, c, &e->children[e->nchildren++]);
        }
    }
    if (rc != TRACE_OK)
        return rc;
    return xml__ext_list(st, doc(st), n->children, 4, 1, known, &e->ext, &e->next);
}

static int vocabulary(xml__rstate *st, const xmlNode *n, trace_vocabulary *v)
{
    const xmlNode *k, *list = NULL;
    size_t m = 0;
    int rc = attr_id(st, n, "type", &v->type);
    v->pos = xml__pos(n);
    for (k = n->children; k; k = k->next) {
        if (xml__is_std(st, k, "VocabularyElementList"))
            list = k;
        else if (k->type == XML_ELEMENT_NODE)
            XML__REPORT(st, TRACE__D_XML_IGNORED, k, "what", xml__name(k), "parent",
                        "Vocabulary");
    }
    if (!list || rc != TRACE_OK)
        return rc;
    for (k = list->children; k; k = k->next)
        m += xml__is_std(st, k, "VocabularyElement");
    if (m && !(v->elements = trace__arena_calloc(doc(st), m * sizeof(*v->elements))))
        return TRACE_ENOMEM;
    for (k = list->children; k && rc == TRACE_OK; k = k->next)
        if (xml__is_std(st, k, "VocabularyElement"))
            rc = md_element(st, k, &v->elements[v->nelements++]);
    return rc;
}

int xml__vocabulary_list_read(xml__rstate *st, const xmlNode *k)
{
    trace_masterdata *md = &st->r->md;
    const xmlNode *v;
    trace_vocabulary *p;
    size_t m = 0;
    int rc = TRACE_OK;
    for (v = k->children; v; v = v->next)
        m += xml__is_std(st, v, "Vocabulary");
    if (!m)
        return TRACE_OK;
    p = trace__arena_grow(doc(st), md->vocabularies, md->nvocabularies, md->nvocabularies + m,
                          sizeof(*p));
    if (!p)
        return TRACE_ENOMEM;
    memset(p + md->nvocabularies, 0, m * sizeof(*p));
    md->vocabularies = p;
    for (v = k->children; v && rc == TRACE_OK; v = v->next)
        if (xml__is_std(st, v, "Vocabulary"))
            rc = vocabulary(st, v, &md->vocabularies[md->nvocabularies++]);
    return rc;
}

static int masterdata(xml__rstate *st, const xmlNode *n)
{
    const xmlNode *k;
    int rc = TRACE_OK;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (xml__is_std(st, k, "VocabularyList"))
            rc = xml__vocabulary_list_read(st, k);
        else if (k->type == XML_ELEMENT_NODE)
            XML__REPORT(st, TRACE__D_XML_IGNORED, k, "what", xml__name(k), "parent",
                        "EPCISMasterData");
    }
    return rc;
}

/* EPCISHeader/extension: EPCISMasterData, then extension (##local) children. */
static int header_extension(xml__rstate *st, const xmlNode *n)
{
    trace_header *h = &st->r->hdr;
    const xmlNode *k;
    int rc = TRACE_OK;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (xml__is_std(st, k, "EPCISMasterData"))
            rc = masterdata(st, k);
        else if (xml__is_std(st, k, "extension"))
            rc = ext_append_list(st, k->children, &h->ext, &h->next);
        else if (k->type == XML_ELEMENT_NODE || k->type == XML_COMMENT_NODE)
            rc = ext_append(st, k, &h->ext, &h->next);
    }
    return rc;
}

int xml__header_read(xml__rstate *st, const xmlNode *n)
{
    trace_header *h = &st->r->hdr;
    const xmlNode *k;
    int rc = TRACE_OK;
    st->unit_error = st->unit_fatal = 0;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (in_ns(k, XML__NS_SBDH, "StandardBusinessDocumentHeader") && h->has_sbdh)
            XML__REPORT(st, TRACE__D_XML_DUPLICATE, k, "name", xml__name(k), "parent",
                        "EPCISHeader");
        else if (in_ns(k, XML__NS_SBDH, "StandardBusinessDocumentHeader"))
            rc = sbdh(st, k);
        else if (xml__is_std(st, k, "extension"))
            rc = header_extension(st, k);
        else if (k->type == XML_ELEMENT_NODE) {
            if (xml__std_ns(st, k))
                XML__REPORT(st, TRACE__D_XML_UNKNOWN_ELEMENT, k, "name", xml__name(k), "parent",
                            "EPCISHeader");
            rc = ext_append(st, k, &h->ext, &h->next);
        }
    }
    if (rc == TRACE_OK && (st->unit_error || st->unit_fatal))
        rc = TRACE_EDATA;
    return rc;
}

int xml__doc_ext_add(xml__rstate *st, const xmlNode *n, int after_body)
{
    trace_ext **ext = after_body ? &st->r->trailer.ext : &st->r->hdr.ext;
    size_t *next = after_body ? &st->r->trailer.next : &st->r->hdr.next;
    st->unit_error = st->unit_fatal = 0;
    if (n->type == XML_ELEMENT_NODE && !n->ns && !strcmp((const char *)n->name, "extension"))
        return ext_append_list(st, n->children, ext, next); /* ##local wrapper */
    return ext_append(st, n, ext, next);
}

/* ------------------------------------------------------------ trailer */

int xml__trailer_read(xml__rstate *st, const xmlNode *n)
{
    trace_trailer *t = &st->r->trailer;
    const xmlNode *k;
    int rc = TRACE_OK;
    st->unit_error = st->unit_fatal = 0;
    t->present = 1;
    for (k = n->children; k && rc == TRACE_OK; k = k->next) {
        if (in_ns(k, XML__NS_UTDS, "eventCount")) {
            trace_str s;
            char buf[32], *end;
            rc = text(st, k, &s);
            if (rc != TRACE_OK)
                break;
            snprintf(buf, sizeof(buf), "%.*s", (int)s.len, s.s ? s.s : "");
            t->event_count = strtoull(buf, &end, 10);
            if (!s.len || *end || s.len >= sizeof(buf) || buf[0] == '-')
                XML__REPORT(st, TRACE__D_XML_BAD_VALUE, k, "name", "eventCount", "value", buf,
                            "reason", "not a non-negative integer");
        } else if (in_ns(k, XML__NS_UTDS, "digest"))
            rc = text(st, k, &t->digest);
        else if (in_ns(k, XML__NS_UTDS, "signature"))
            rc = text(st, k, &t->signature);
        else if (in_ns(k, XML__NS_UTDS, "keyId"))
            rc = text(st, k, &t->key_id);
        else if (in_ns(k, XML__NS_UTDS, "sigAlg"))
            rc = text(st, k, &t->sig_alg);
        else if (k->type == XML_ELEMENT_NODE || k->type == XML_COMMENT_NODE)
            rc = ext_append(st, k, &t->ext, &t->next);
    }
    if (rc == TRACE_OK && (st->unit_error || st->unit_fatal))
        rc = TRACE_EDATA;
    return rc;
}
