/*
 * validate_ids.c - validator layer 5 (every identifier through the code
 * module) and the master-data reference checks.
 */
#include <string.h>

#include "validate_int.h"

/* Scheme and value of an identifier spelling, or 0 when it is not checkable. */
static int scheme_of(const trace_id *id, char *scheme, size_t size, trace_str *value)
{
    *value = id->raw;
    switch (id->form) {
    case TRACE_ID_EPC_URN:
        trace__strlcpy(scheme, "epc", size);
        return 1;
    case TRACE_ID_DL:
        trace__strlcpy(scheme, "gs1-dl", size);
        return 1;
    case TRACE_ID_UTDS: {
        /* urn:utds:id:<scheme>:<value> */
        const char *p = id->raw.s + 12, *end = id->raw.s + id->raw.len;
        const char *colon = memchr(p, ':', (size_t)(end - p));
        if (!colon || (size_t)(colon - p) >= size)
            return 0;
        memcpy(scheme, p, (size_t)(colon - p));
        scheme[colon - p] = '\0';
        return 1; /* the scheme parses (and percent-decodes) its own URN form */
    }
    case TRACE_ID_OTHER:
        break;
    }
    return 0;
}

/* The registry entry of a scheme name; the few names of a document are looked
 * up once per validator (the registry is static). */
const trace_code_scheme_info *trace__vscheme_info(trace_validator *v, const char *name)
{
    unsigned i;
    size_t len = strlen(name);
    for (i = 0; i < TRACE__ARRAY_LEN(v->schemes); i++)
        if (v->schemes[i].len == len + 1 && !memcmp(v->schemes[i].name, name, len))
            return v->schemes[i].info;
    i = v->schemes_next++ % TRACE__ARRAY_LEN(v->schemes);
    v->schemes[i].info = trace_code_scheme_find(name);
    if (len < sizeof(v->schemes[i].name)) {
        memcpy(v->schemes[i].name, name, len);
        v->schemes[i].len = len + 1;
    } else {
        v->schemes[i].len = 0;
    }
    return v->schemes[i].info;
}

static void check_id(trace__vrun *c, const trace_id *id, const char *field, const char *item,
                     long index)
{
    trace_validator *v = c->v;
    char scheme[32], reason[256];
    const trace_code_scheme_info *info;
    trace_str value;
    trace_diag *d;
    size_t i;
    if (!id->raw.len || !scheme_of(id, scheme, sizeof(scheme), &value))
        return;
    if (!(info = trace__vscheme_info(v, scheme))) {
        if (id->form != TRACE_ID_UTDS)
            return; /* the GS1 schemes are not built in: nothing to check with */
        trace_diag why;
        trace__diag_init(&why, TRACE__D_UNKNOWN_SCHEME);
        trace__diag_arg(&why, "scheme", scheme);
        trace_diag_message(&why, trace_ctx_lang(v->ctx), reason, sizeof(reason));
        d = trace__vdiag(c, TRACE__D_BAD_IDENTIFIER, id->pos, field, item, index, NULL);
        trace__diag_argn(d, "value", id->raw.s, id->raw.len);
        trace__diag_arg(d, "reason", reason);
        trace__diag_arg(d, "code", why.id);
        trace__vemit(c, d);
        return;
    }
    {
        /* The same identifiers recur from event to event: parse each once. */
        const char *code = NULL;
        int verdict = trace__vcache_get(v, TRACE__VC_SCHEME, info->name, id->raw, reason,
                                        sizeof(reason), &code);
        if (verdict == -2) {
            if (!v->code && !(v->code = trace__malloc(v->alloc, sizeof(*v->code))))
                return;
            verdict = 1;
            if (trace_code_parse(v->ctx, scheme, value.s, value.len,
                                 TRACE_CODE_NO_TITLES | TRACE_CODE_NO_FORMS, v->code) == TRACE_OK &&
                !v->code->valid) {
                for (i = 0; i < v->code->ndiags && v->code->diags[i].severity < TRACE_SEV_ERROR; i++)
                    ;
                if (i < v->code->ndiags) {
                    verdict = 0;
                    code = v->code->diags[i].id;
                    trace_diag_message(&v->code->diags[i], trace_ctx_lang(v->ctx), reason,
                                       sizeof(reason));
                }
            }
            trace__vcache_put(v, TRACE__VC_SCHEME, info->name, id->raw, verdict,
                              verdict ? "" : reason, code);
        }
        if (verdict)
            return;
        d = trace__vdiag(c, TRACE__D_BAD_IDENTIFIER, id->pos, field, item, index, NULL);
        trace__diag_argn(d, "value", id->raw.s, id->raw.len);
        trace__diag_arg(d, "reason", reason);
        trace__diag_arg(d, "code", code ? code : "");
        trace__vemit(c, d);
    }
}

static void check_list(trace__vrun *c, const trace_id_list *l, const char *field)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        check_id(c, &l->items[i], field, "epc", (long)i);
}

static void check_quantities(trace__vrun *c, const trace_quantity_list *l, const char *field)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        check_id(c, &l->items[i].epc_class, field, "quantityElement", (long)i);
}

void trace__validate_ids(trace__vrun *c)
{
    const trace_event *ev = c->ev;
    size_t i;
    check_list(c, &ev->epc_list, "epcList");
    check_list(c, &ev->child_epcs, "childEPCs");
    check_list(c, &ev->input_epcs, "inputEPCList");
    check_list(c, &ev->output_epcs, "outputEPCList");
    check_id(c, &ev->parent_id, "parentID", NULL, -1);
    check_quantities(c, &ev->quantity_list, "quantityList");
    check_quantities(c, &ev->child_quantity_list, "childQuantityList");
    check_quantities(c, &ev->input_quantity_list, "inputQuantityList");
    check_quantities(c, &ev->output_quantity_list, "outputQuantityList");
    check_id(c, &ev->read_point.id, "readPoint", NULL, -1);
    check_id(c, &ev->biz_location.id, "bizLocation", NULL, -1);
    for (i = 0; i < ev->nsources; i++)
        check_id(c, &ev->sources[i].id, "sourceList", "source", (long)i);
    for (i = 0; i < ev->ndestinations; i++)
        check_id(c, &ev->destinations[i].id, "destinationList", "destination", (long)i);
    for (i = 0; i < ev->nbiz_transactions; i++)
        check_id(c, &ev->biz_transactions[i].id, "bizTransactionList", "bizTransaction",
                 (long)i);
}

/* ---------------------------------------------------------- master data */

static int known(const trace_validator *v, trace_str id)
{
    return trace_masterdata_find(v->md, id) || trace_masterdata_find(v->opts.master, id);
}

static void check_known(trace__vrun *c, const trace_id *id, const char *field, const char *item,
                        long index)
{
    if (id->raw.len && !known(c->v, id->raw))
        trace__vreport(c, TRACE__D_UNKNOWN_MASTER_DATA, id->pos, field, item, index, "value",
                       id->raw);
}

void trace__validate_master(trace__vrun *c)
{
    const trace_validator *v = c->v;
    const trace_event *ev = c->ev;
    size_t i;
    /* Only documents that carry master data (or a --master file) are held to it. */
    if (!(v->md && v->md->nvocabularies) && !(v->opts.master && v->opts.master->nvocabularies))
        return;
    check_known(c, &ev->read_point.id, "readPoint", NULL, -1);
    check_known(c, &ev->biz_location.id, "bizLocation", NULL, -1);
    for (i = 0; i < ev->nsources; i++)
        check_known(c, &ev->sources[i].id, "sourceList", "source", (long)i);
    for (i = 0; i < ev->ndestinations; i++)
        check_known(c, &ev->destinations[i].id, "destinationList", "destination", (long)i);
}
