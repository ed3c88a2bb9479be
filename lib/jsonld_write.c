/*
 * jsonld_write.c - the EPCIS 2.0 JSON-LD writer (UTDS Part 3,
 * spec/utds-3-jsonld.md, section "Writing"): the document start with its
 * @context (the EPCIS context URL, user prefixes and "utds"), the
 * pseudo-SBDH members, epcisHeader with master data and the full SBDH as
 * "utds:sbdh", the event list, and the "utds:trailer" member after
 * epcisBody. Events stream: nothing but prefix tables is kept.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "jsonld_int.h"


/* XML-only namespaces: meaningless in JSON-LD, never written to @context. */
static int xml_only_ns(trace_str uri)
{
    static const char *const skip[] = {
        "urn:epcglobal:epcis:xsd:2",        "urn:epcglobal:epcis:xsd:1",
        "urn:epcglobal:epcis-query:xsd:2",  "urn:epcglobal:epcis-masterdata:xsd:2",
        "urn:epcglobal:epcis-query:xsd:1",  "urn:epcglobal:epcis-masterdata:xsd:1",
        "http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2001/XMLSchema",
        "http://www.w3.org/XML/1998/namespace"};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(skip); i++)
        if (trace_str_eq(uri, skip[i]))
            return 1;
    return 0;
}

/* Prefixes the EPCIS context defines (protected): never redefined. */
static int protected_prefix(trace_str p)
{
    static const char *const prot[] = {"epcis", "cbv", "cbvmda", "gs1", "rdfs", "owl",
                                       "xsd", "dcterms", "id", "type", "utds"};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(prot); i++)
        if (trace_str_eq(p, prot[i]))
            return 1;
    return 0;
}

int trace__jsonld_w_open(trace_writer *w)
{
    jl_w *j = trace__calloc(w->alloc, 1, sizeof(*j));
    if (!j)
        return TRACE_ENOMEM;
    j->w = w;
    j->o = &w->out;
    j->pretty = w->opts.pretty;
    j->record = -1;
    j->scratch = trace__malloc(w->alloc, 256);
    if (!j->scratch) {
        trace__free(w->alloc, j);
        return TRACE_ENOMEM;
    }
    j->scratch_cap = 256;
    w->state = j;
    return TRACE_OK;
}

/* --------------------------------------------------------------- header */

static void header_prefixes(jl_w *j, const trace_header *h, const trace_masterdata *md)
{
    size_t i, k, a;
    for (i = 0; i < h->nnamespaces; i++) {
        const trace_ns *ns = &h->namespaces[i];
        if (!ns->prefix.len || (!h->ncontext_urls && xml_only_ns(ns->uri)))
            continue; /* default namespaces and XML-only ones have no JSON-LD meaning */
        /* A term of the EPCIS context: kept as read from JSON-LD; from XML another
           prefix is bound on use, as redefining a protected term is an error. */
        if (protected_prefix(ns->prefix) && !h->ncontext_urls)
            continue;
        jl_w_add_ns(j, ns->prefix.s, ns->prefix.len, ns->uri, 0);
    }
    jl_w_need_tree(j, h->ext, h->next, 0);
    jl_w_need_tree(j, h->sbdh_ext, h->nsbdh_ext, 0);
    for (i = 0; i < h->nsenders; i++)
        jl_w_need_tree(j, h->senders[i].contact, h->senders[i].ncontact, 0);
    for (i = 0; i < h->nreceivers; i++)
        jl_w_need_tree(j, h->receivers[i].contact, h->receivers[i].ncontact, 0);
    for (i = 0; md && i < md->nvocabularies; i++)
        for (k = 0; k < md->vocabularies[i].nelements; k++) {
            const trace_md_element *e = &md->vocabularies[i].elements[k];
            jl_w_need_tree(j, e->ext, e->next, 0);
            for (a = 0; a < e->nattrs; a++)
                jl_w_need_tree(j, e->attrs[a].tree, e->attrs[a].ntree, 0);
        }
}

static void write_context(jl_w *j, const trace_header *h)
{
    size_t i;
    int has_utds = 0;
    jl_w_key(j, "@context");
    jl_w_open_arr(j);
    if (h->ncontext_urls) {
        for (i = 0; i < h->ncontext_urls; i++) {
            jl_w_sep(j);
            jl_w_string(j, h->context_urls[i]);
        }
    } else {
        jl_w_sep(j);
        jl_w_cstring(j, JL_GS1_CONTEXT);
    }
    jl_w_sep(j);
    jl_w_open_obj(j);
    for (i = 0; i < j->nns; i++) {
        jl_w_kv(j, j->ns[i].prefix.s, j->ns[i].uri);
        has_utds |= trace_str_eq(j->ns[i].prefix, "utds");
    }
    if (!has_utds)
        jl_w_kv(j, "utds", trace_str_c(JL_UTDS_NS));
    jl_w_close_obj(j);
    jl_w_close_arr(j);
}

static void now_lexeme(char *buf, size_t size)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void md_attr_value(jl_w *j, const trace_md_attr *a)
{
    if (a->ntree) {
        if (a->value.len)
            jl_w_loss(j, TRACE__D_DROPPED, "text beside the elements of a master-data attribute",
                      NULL);
        jl_w_open_obj(j);
        jl_w_ext_members(j, a->tree, a->ntree);
        jl_w_close_obj(j);
    } else if (a->type == TRACE_EXT_NUMBER || a->type == TRACE_EXT_BOOL) {
        jl_w_raw(j, a->value);
    } else if (a->type == TRACE_EXT_NULL) {
        trace__out_puts(j->o, "null");
    } else {
        jl_w_string(j, a->value);
    }
}

static void md_element(jl_w *j, const trace_md_element *e)
{
    size_t a;
    jl_w_sep(j);
    jl_w_open_obj(j);
    jl_w_kv(j, "id", e->id);
    if (e->nattrs) {
        jl_w_key(j, "attributes");
        jl_w_open_arr(j);
        for (a = 0; a < e->nattrs; a++) {
            jl_w_sep(j);
            jl_w_open_obj(j);
            jl_w_kv(j, "id", e->attrs[a].id);
            if (e->attrs[a].ntree || e->attrs[a].value.len ||
                e->attrs[a].type != TRACE_EXT_STRING) {
                jl_w_key(j, "attribute");
                md_attr_value(j, &e->attrs[a]);
            }
            jl_w_close_obj(j);
        }
        jl_w_close_arr(j);
    }
    if (e->nchildren) {
        jl_w_key(j, "children");
        jl_w_open_arr(j);
        for (a = 0; a < e->nchildren; a++) {
            jl_w_sep(j);
            jl_w_string(j, e->children[a]);
        }
        jl_w_close_arr(j);
    }
    jl_w_ext_members(j, e->ext, e->next);
    jl_w_close_obj(j);
}

static void masterdata(jl_w *j, const trace_masterdata *md)
{
    size_t v, e;
    size_t saved = jl_w_path_key(j, "epcisMasterData");
    jl_w_key(j, "epcisMasterData");
    jl_w_open_obj(j);
    jl_w_key(j, "vocabularyList");
    jl_w_open_arr(j);
    for (v = 0; v < md->nvocabularies; v++) {
        const trace_vocabulary *voc = &md->vocabularies[v];
        jl_w_sep(j);
        jl_w_open_obj(j);
        jl_w_kv(j, "type", voc->type);
        jl_w_key(j, "vocabularyElementList");
        jl_w_open_arr(j);
        for (e = 0; e < voc->nelements; e++)
            md_element(j, &voc->elements[e]);
        jl_w_close_arr(j);
        jl_w_close_obj(j);
    }
    jl_w_close_arr(j);
    jl_w_close_obj(j);
    jl_w_path_pop(j, saved);
}

static void opt_kv(jl_w *j, const char *k, trace_str v)
{
    if (v.len)
        jl_w_kv(j, k, v);
}

static void sbdh_parties(jl_w *j, const char *k, const trace_sbdh_party *p, size_t n)
{
    size_t i;
    if (!n)
        return;
    jl_w_key(j, k);
    jl_w_open_arr(j);
    for (i = 0; i < n; i++) {
        jl_w_sep(j);
        jl_w_open_obj(j);
        opt_kv(j, "identifier", p[i].identifier);
        opt_kv(j, "authority", p[i].authority);
        if (p[i].ncontact) {
            jl_w_key(j, "contact");
            jl_w_open_obj(j);
            jl_w_ext_members(j, p[i].contact, p[i].ncontact);
            jl_w_close_obj(j);
        }
        jl_w_close_obj(j);
    }
    jl_w_close_arr(j);
}

/* The whole SBDH, so that XML -> JSON-LD -> XML keeps it ("utds:sbdh"). */
static void sbdh(jl_w *j, const trace_header *h)
{
    jl_w_key(j, "utds:sbdh");
    jl_w_open_obj(j);
    opt_kv(j, "headerVersion", h->sbdh_version);
    sbdh_parties(j, "sender", h->senders, h->nsenders);
    sbdh_parties(j, "receiver", h->receivers, h->nreceivers);
    jl_w_key(j, "documentIdentification");
    jl_w_open_obj(j);
    opt_kv(j, "standard", h->standard);
    opt_kv(j, "typeVersion", h->type_version);
    opt_kv(j, "instanceIdentifier", h->instance_id);
    opt_kv(j, "type", h->message_type);
    opt_kv(j, "multipleType", h->multiple_type);
    opt_kv(j, "creationDateAndTime", h->created.lexeme);
    jl_w_close_obj(j);
    if (h->nsbdh_ext) {
        jl_w_key(j, "extension");
        jl_w_open_obj(j);
        jl_w_ext_members(j, h->sbdh_ext, h->nsbdh_ext);
        jl_w_close_obj(j);
    }
    jl_w_close_obj(j);
}

/* The binding's pseudo-SBDH members, as the model has them (the XML reader
   fills sender and receiver from the first SBDH parties). */
/* A header extension named like a member epcisHeader has itself. */
static int reserved_in_header(const trace_ext *x)
{
    return (!x->ns.len && !x->prefix.len && trace_str_eq(x->name, "epcisMasterData")) ||
           (trace_str_eq(x->ns, JL_UTDS_NS) && trace_str_eq(x->name, "sbdh"));
}

/*
 * Header extensions go into epcisHeader (in_header 1), except those whose name
 * epcisHeader uses itself, which stay at the document level (in_header 0).
 * With j == NULL only counts what would be written.
 */
static size_t header_ext(jl_w *j, const trace_header *h, int in_header)
{
    unsigned char small[64], *done;
    size_t i, n = 0;
    for (i = 0; i < h->next; i++)
        n += reserved_in_header(&h->ext[i]) != in_header;
    if (!j || !n)
        return n;
    done = h->next <= sizeof(small) ? small : trace__calloc(j->w->alloc, h->next, 1);
    if (!done)
        return 0;
    for (i = 0; i < h->next; i++) /* the other group counts as written already */
        done[i] = reserved_in_header(&h->ext[i]) == in_header;
    for (i = 0; i < h->next; i++)
        if (!done[i])
            jl_w_ext_group(j, h->ext, h->next, i, done);
    if (done != small)
        trace__free(j->w->alloc, done);
    return n;
}

static void pseudo_sbdh(jl_w *j, const trace_header *h)
{
    opt_kv(j, "instanceIdentifier", h->instance_id);
    opt_kv(j, "sender", h->sender);
    opt_kv(j, "receiver", h->receiver);
}

int trace__jsonld_w_header(trace_writer *w, const trace_header *h, const trace_masterdata *md)
{
    jl_w *j = w->state;
    char now[40];
    int has_md = md && md->nvocabularies;
    /* Query results keep their place even under an unexpected document type. */
    j->query = trace_str_eq(h->doc_type, "EPCISQueryDocument") || h->query_name.len ||
               h->subscription_id.len;
    header_prefixes(j, h, md);
    jl_w_open_obj(j);
    write_context(j, h);
    if (h->doc_type.len && !trace_str_eq(h->doc_type, "EPCISDocument") &&
        !trace_str_eq(h->doc_type, "EPCISQueryDocument")) {
        /* An XML EPCISMasterDataDocument has no JSON-LD counterpart. */
        size_t saved = jl_w_path_key(j, "type");
        jl_w_loss(j, TRACE__D_CHANGED, "the document type", j->query ? "EPCISQueryDocument"
                                                                    : "EPCISDocument");
        jl_w_path_pop(j, saved);
        jl_w_kv(j, "type", trace_str_c(j->query ? "EPCISQueryDocument" : "EPCISDocument"));
    } else {
        jl_w_kv(j, "type", h->doc_type.len ? h->doc_type : trace_str_c("EPCISDocument"));
    }
    if (h->schema_version.len || !j->query) /* required in an EPCISDocument only */
        jl_w_kv(j, "schemaVersion",
                h->schema_version.len ? h->schema_version : trace_str_c("2.0"));
    if (h->creation_date.lexeme.len) {
        jl_w_kv(j, "creationDate", h->creation_date.lexeme);
    } else if (!j->query) {
        now_lexeme(now, sizeof(now)); /* required by the binding */
        jl_w_kv(j, "creationDate", trace_str_c(now));
    }
    opt_kv(j, "id", h->doc_id);
    pseudo_sbdh(j, h);
    opt_kv(j, "utds:profile", h->profile);
    if (has_md || h->has_sbdh || header_ext(NULL, h, 1)) {
        size_t saved = jl_w_path_key(j, "epcisHeader");
        jl_w_key(j, "epcisHeader");
        jl_w_open_obj(j);
        if (has_md)
            masterdata(j, md);
        if (h->has_sbdh)
            sbdh(j, h);
        header_ext(j, h, 1);
        jl_w_close_obj(j);
        jl_w_path_pop(j, saved);
    }
    header_ext(j, h, 0);
    jl_w_key(j, "epcisBody");
    jl_w_open_obj(j);
    if (j->query) {
        jl_w_key(j, "queryResults");
        jl_w_open_obj(j);
        opt_kv(j, "queryName", h->query_name);
        opt_kv(j, "subscriptionID", h->subscription_id);
        jl_w_key(j, "resultsBody");
        jl_w_open_obj(j);
    }
    jl_w_key(j, "eventList");
    jl_w_open_arr(j);
    j->body_open = 1;
    return w->out.error;
}

int trace__jsonld_w_event(trace_writer *w, const trace_event *ev)
{
    int rc = jl_w_event(w->state, ev);
    return rc != TRACE_OK ? rc : w->out.error;
}

static void trailer(jl_w *j, const trace_trailer *t)
{
    char n[24];
    int k = snprintf(n, sizeof(n), "%llu", (unsigned long long)j->w->nevents);
    trace_str count;
    count.s = n;
    count.len = k > 0 ? (size_t)k : 0;
    jl_w_key(j, "utds:trailer");
    jl_w_open_obj(j);
    jl_w_key(j, "eventCount");
    jl_w_raw(j, count);
    opt_kv(j, "digest", t->digest);
    opt_kv(j, "signature", t->signature);
    opt_kv(j, "keyId", t->key_id);
    opt_kv(j, "sigAlg", t->sig_alg);
    jl_w_ext_members(j, t->ext, t->next);
    jl_w_close_obj(j);
}

int trace__jsonld_w_close(trace_writer *w, const trace_trailer *t)
{
    jl_w *j = w->state;
    j->record = -1;
    j->plen = 0;
    j->path[0] = '\0';
    jl_w_close_arr(j);
    if (j->query) {
        jl_w_close_obj(j);
        jl_w_close_obj(j);
    }
    jl_w_close_obj(j);
    if (t && t->present)
        trailer(j, t);
    jl_w_close_obj(j);
    trace__out_putc(j->o, '\n');
    return w->out.error;
}

void trace__jsonld_w_free(trace_writer *w)
{
    jl_w *j = w->state;
    size_t i;
    if (!j)
        return;
    for (i = 0; i < j->nns; i++)
        trace__free(w->alloc, (void *)(uintptr_t)j->ns[i].prefix.s);
    for (i = 0; i < j->nevns; i++)
        trace__free(w->alloc, (void *)(uintptr_t)j->evns[i].prefix.s);
    trace__free(w->alloc, j->ns);
    trace__free(w->alloc, j->evns);
    trace__free(w->alloc, j->scratch);
    trace__free(w->alloc, j);
    w->state = NULL;
}
