/*
 * io_ids.c - identifier spelling on output (trace_writer_options.ids): every
 * codec gets the event with its identifiers already spelt as GS1 Digital
 * Links or EPC URNs, so the conversion is written once. EPC URN -> Digital
 * Link is deterministic; Digital Link -> EPC URN needs the GS1 Company Prefix
 * length from the prefix table and is never guessed (UTDS Part 1).
 */
#include <string.h>

#include "io_int.h"
#include "libtrace/gs1.h"

typedef struct ids_run {
    trace_writer *w;
    const char *style;
} ids_run;

static void kept(ids_run *r, const trace_id *id, int code)
{
    char v[TRACE_DIAG_ARG_SIZE];
    size_t n = id->raw.len < sizeof(v) - 1 ? id->raw.len : sizeof(v) - 1;
    memcpy(v, id->raw.s, n);
    v[n] = '\0';
    trace__writer_loss(r->w, code, (int64_t)r->w->nevents, NULL, "value", v, "style", r->style,
                       NULL);
}

/* Convert one identifier in place (new spelling in the writer's arena). */
static void convert(ids_run *r, trace_id *id)
{
    trace_writer *w = r->w;
    trace_code_result *res = w->ids_res;
    char out[1024];
    trace_str s;
    int want_dl = w->opts.ids == TRACE_ID_STYLE_DL, rc;
    if (!id->raw.len || (want_dl && id->form != TRACE_ID_EPC_URN) ||
        (!want_dl && id->form != TRACE_ID_DL))
        return; /* already in the style, or not a GS1 identifier at all */
    if (trace_code_parse(w->ctx, want_dl ? "epc" : "gs1-dl", id->raw.s, id->raw.len, 0, res) !=
            TRACE_OK ||
        !res->valid) {
        kept(r, id, TRACE__D_ID_NOT_GS1);
        return;
    }
    if (want_dl) {
        if (!res->uri) {
            kept(r, id, TRACE__D_ID_NOT_GS1);
            return;
        }
        s = trace__arena_str(&w->ids_arena, res->uri, strlen(res->uri));
    } else {
        rc = trace_gs1_format(w->ctx, res, TRACE_GS1_EPC, NULL, 0, out, sizeof(out), NULL);
        if (rc != TRACE_OK) {
            kept(r, id, rc == TRACE_ENOTFOUND ? TRACE__D_ID_GCP_UNKNOWN : TRACE__D_ID_NO_EPC);
            return;
        }
        s = trace__arena_str(&w->ids_arena, out, strlen(out));
    }
    if (!s.s)
        return;
    id->raw = s;
    id->form = want_dl ? TRACE_ID_DL : TRACE_ID_EPC_URN;
}

static void convert_list(ids_run *r, trace_id_list *l)
{
    size_t i;
    trace_id *copy;
    if (!l->n)
        return;
    copy = trace__arena_grow(&r->w->ids_arena, l->items, l->n, l->n, sizeof(*copy));
    if (!copy)
        return;
    for (i = 0; i < l->n; i++)
        convert(r, &copy[i]);
    l->items = copy;
}

static void convert_quantities(ids_run *r, trace_quantity_list *l)
{
    size_t i;
    trace_quantity *copy;
    if (!l->n)
        return;
    copy = trace__arena_grow(&r->w->ids_arena, l->items, l->n, l->n, sizeof(*copy));
    if (!copy)
        return;
    for (i = 0; i < l->n; i++)
        convert(r, &copy[i].epc_class);
    l->items = copy;
}

static void convert_parties(ids_run *r, trace_party_ref **p, size_t n)
{
    size_t i;
    trace_party_ref *copy;
    if (!n)
        return;
    copy = trace__arena_grow(&r->w->ids_arena, *p, n, n, sizeof(*copy));
    if (!copy)
        return;
    for (i = 0; i < n; i++)
        convert(r, &copy[i].id);
    *p = copy;
}

const trace_event *trace__writer_ids(trace_writer *w, const trace_event *in)
{
    ids_run r;
    trace_event *ev = &w->ids_ev;
    if (w->opts.ids == TRACE_ID_STYLE_KEEP)
        return in;
    if (!w->ids_res && !(w->ids_res = trace__malloc(w->alloc, sizeof(*w->ids_res))))
        return in;
    r.w = w;
    r.style = w->opts.ids == TRACE_ID_STYLE_DL ? "Digital Link" : "EPC URN";
    trace__arena_reset(&w->ids_arena);
    *ev = *in; /* shallow: only the identifier arrays are copied, then respelt */
    convert_list(&r, &ev->epc_list);
    convert_list(&r, &ev->child_epcs);
    convert_list(&r, &ev->input_epcs);
    convert_list(&r, &ev->output_epcs);
    convert(&r, &ev->parent_id);
    convert_quantities(&r, &ev->quantity_list);
    convert_quantities(&r, &ev->child_quantity_list);
    convert_quantities(&r, &ev->input_quantity_list);
    convert_quantities(&r, &ev->output_quantity_list);
    convert(&r, &ev->read_point.id);
    convert(&r, &ev->biz_location.id);
    convert_parties(&r, &ev->sources, ev->nsources);
    convert_parties(&r, &ev->destinations, ev->ndestinations);
    return ev;
}
