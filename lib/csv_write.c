/*
 * csv_write.c - the UTDS CSV writer and the column table (spec/utds-3-csv.md).
 * One row per event; what has no column of its own, or does not fit its
 * column's flattening rule, goes to the "more" cell as JSON, so the CSV
 * form holds the whole model.
 */
#include <string.h>

#include "csv_int.h"
#include "diag_ids.h"

const csv_col trace__csv_cols[] = {
    {"type", TRACE_F_TYPE, CSV_K_TYPE},
    {"eventTime", TRACE_F_EVENT_TIME, CSV_K_TIME},
    {"recordTime", TRACE_F_RECORD_TIME, CSV_K_TIME},
    {"eventTimeZoneOffset", TRACE_F_TZ_OFFSET, CSV_K_STR},
    {"eventID", TRACE_F_EVENT_ID, CSV_K_ID},
    {"epcList", TRACE_F_EPC_LIST, CSV_K_IDS},
    {"parentID", TRACE_F_PARENT_ID, CSV_K_ID},
    {"childEPCs", TRACE_F_CHILD_EPCS, CSV_K_IDS},
    {"inputEPCList", TRACE_F_INPUT_EPCS, CSV_K_IDS},
    {"outputEPCList", TRACE_F_OUTPUT_EPCS, CSV_K_IDS},
    {"quantityList", TRACE_F_QUANTITY_LIST, CSV_K_QTY},
    {"childQuantityList", TRACE_F_CHILD_QUANTITY_LIST, CSV_K_QTY},
    {"inputQuantityList", TRACE_F_INPUT_QUANTITY_LIST, CSV_K_QTY},
    {"outputQuantityList", TRACE_F_OUTPUT_QUANTITY_LIST, CSV_K_QTY},
    {"action", TRACE_F_ACTION, CSV_K_STR},
    {"transformationID", TRACE_F_TRANSFORMATION_ID, CSV_K_ID},
    {"bizStep", TRACE_F_BIZ_STEP, CSV_K_VOCAB},
    {"disposition", TRACE_F_DISPOSITION, CSV_K_VOCAB},
    {"readPoint", TRACE_F_READ_POINT, CSV_K_LOCATION},
    {"bizLocation", TRACE_F_BIZ_LOCATION, CSV_K_LOCATION},
    {"bizTransactionList", TRACE_F_BIZ_TRANSACTIONS, CSV_K_TYPED},
    {"sourceList", TRACE_F_SOURCES, CSV_K_TYPED},
    {"destinationList", TRACE_F_DESTINATIONS, CSV_K_TYPED},
    {"more", TRACE_F_COUNT, CSV_K_MORE},
};
const size_t trace__csv_ncols = sizeof(trace__csv_cols) / sizeof(trace__csv_cols[0]);

/* An item that can stand in a space-separated list: non-empty, no space, tab or line break,
 * and no ';' when sep is set (the item separator of quantities and typed references). */
static int item_ok(trace_str s, int sep)
{
    size_t i;
    if (s.len == 0)
        return 0;
    for (i = 0; i < s.len; i++) {
        char c = s.s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || (sep && c == ';'))
            return 0;
    }
    return 1;
}

static int part_ok(trace_str s)
{
    return s.len == 0 || item_ok(s, 1);
}

static int ids_flat(const trace_id_list *l)
{
    size_t i;
    if (l->n == 0)
        return 0; /* present but empty: only JSON says so */
    for (i = 0; i < l->n; i++)
        if (!item_ok(l->items[i].raw, 0))
            return 0;
    return 1;
}

static int qty_flat(const trace_quantity_list *l)
{
    size_t i;
    if (l->n == 0)
        return 0;
    for (i = 0; i < l->n; i++)
        if (!item_ok(l->items[i].epc_class.raw, 1) || !part_ok(l->items[i].quantity.lexeme) ||
            !part_ok(l->items[i].uom) || (l->items[i].uom.len && !l->items[i].quantity.lexeme.len))
            return 0;
    return 1;
}

static int typed_flat(const trace_vocab *types, const trace_id *ids, size_t stride, size_t n)
{
    size_t i;
    if (n == 0)
        return 0;
    for (i = 0; i < n; i++) {
        const trace_vocab *t = (const trace_vocab *)((const char *)types + i * stride);
        const trace_id *id = (const trace_id *)((const char *)ids + i * stride);
        if (!part_ok(t->raw) || !item_ok(id->raw, 1))
            return 0;
    }
    return 1;
}

int trace__csv_flat(trace_field f, const trace_event *ev)
{
    switch (f) {
    case TRACE_F_TYPE:
        return ev->type_name.len == 0 || ev->type_name.s[0] != '#';
    case TRACE_F_EVENT_TIME:
    case TRACE_F_RECORD_TIME:
    case TRACE_F_TZ_OFFSET:
    case TRACE_F_EVENT_ID:
    case TRACE_F_PARENT_ID:
    case TRACE_F_TRANSFORMATION_ID:
    case TRACE_F_BIZ_STEP:
    case TRACE_F_DISPOSITION:
        return 1;
    case TRACE_F_ACTION: return ev->action_raw.len > 0 || ev->action != TRACE_ACTION_INVALID;
    case TRACE_F_EPC_LIST: return ids_flat(&ev->epc_list);
    case TRACE_F_CHILD_EPCS: return ids_flat(&ev->child_epcs);
    case TRACE_F_INPUT_EPCS: return ids_flat(&ev->input_epcs);
    case TRACE_F_OUTPUT_EPCS: return ids_flat(&ev->output_epcs);
    case TRACE_F_QUANTITY_LIST: return qty_flat(&ev->quantity_list);
    case TRACE_F_CHILD_QUANTITY_LIST: return qty_flat(&ev->child_quantity_list);
    case TRACE_F_INPUT_QUANTITY_LIST: return qty_flat(&ev->input_quantity_list);
    case TRACE_F_OUTPUT_QUANTITY_LIST: return qty_flat(&ev->output_quantity_list);
    case TRACE_F_READ_POINT: return ev->read_point.id.raw.len && !ev->read_point.next;
    case TRACE_F_BIZ_LOCATION: return ev->biz_location.id.raw.len && !ev->biz_location.next;
    case TRACE_F_BIZ_TRANSACTIONS:
        return ev->nbiz_transactions &&
               typed_flat(&ev->biz_transactions[0].type, &ev->biz_transactions[0].id,
                          sizeof(trace_biz_transaction), ev->nbiz_transactions);
    case TRACE_F_SOURCES:
        return ev->nsources && typed_flat(&ev->sources[0].type, &ev->sources[0].id,
                                          sizeof(trace_party_ref), ev->nsources);
    case TRACE_F_DESTINATIONS:
        return ev->ndestinations &&
               typed_flat(&ev->destinations[0].type, &ev->destinations[0].id,
                          sizeof(trace_party_ref), ev->ndestinations);
    default: return 0;
    }
}

/* ------------------------------------------------------------ cells */

typedef struct csv_writer {
    trace__buf row;  /* the row being built */
    trace__buf cell; /* the cell being built, quoted into row when done */
    int first_cell;
} csv_writer;

/* Append the cell buffer to the row, quoted when RFC 4180 requires it. */
static void end_cell(csv_writer *st)
{
    const char *s = st->cell.data ? st->cell.data : "";
    size_t i, n = st->cell.len;
    int quote = 0;
    if (!st->first_cell)
        trace__buf_putc(&st->row, ',');
    st->first_cell = 0;
    for (i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        trace__buf_append(&st->row, s, n);
    } else {
        size_t start = 0;
        trace__buf_putc(&st->row, '"');
        for (i = 0; i < n; i++)
            if (s[i] == '"') {
                trace__buf_append(&st->row, s + start, i + 1 - start);
                trace__buf_putc(&st->row, '"');
                start = i + 1;
            }
        trace__buf_append(&st->row, s + start, n - start);
        trace__buf_putc(&st->row, '"');
    }
    st->cell.len = 0;
}

static void put_str(trace__buf *b, trace_str s)
{
    trace__buf_append(b, s.s ? s.s : "", s.len);
}

static void put_vocab(trace__buf *b, const trace_vocab *v, trace_cbv_list list,
                      trace_cbv_style st)
{
    char tmp[256];
    size_t n = st == TRACE_CBV_STYLE_KEEP ? sizeof(tmp)
                                          : trace_vocab_format(v, list, st, tmp, sizeof(tmp));
    if (n < sizeof(tmp))
        trace__buf_append(b, tmp, n);
    else
        put_str(b, v->raw);
}

static void put_ids(trace__buf *b, const trace_id *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (i)
            trace__buf_putc(b, ' ');
        put_str(b, ids[i].raw);
    }
}

static void put_qty(trace__buf *b, const trace_quantity_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++) {
        const trace_quantity *q = &l->items[i];
        if (i)
            trace__buf_putc(b, ' ');
        put_str(b, q->epc_class.raw);
        if (q->quantity.lexeme.len) {
            trace__buf_putc(b, ';');
            put_str(b, q->quantity.lexeme);
            if (q->uom.len) {
                trace__buf_putc(b, ';');
                put_str(b, q->uom);
            }
        }
    }
}

static void put_typed(trace__buf *b, const trace_vocab *t, const trace_id *id, trace_cbv_list list,
                      trace_cbv_style st, int first)
{
    if (!first)
        trace__buf_putc(b, ' ');
    if (t->raw.len) {
        put_vocab(b, t, list, st);
        trace__buf_putc(b, ';');
    }
    put_str(b, id->raw);
}

static void flat_cell(trace__buf *b, const trace_event *ev, trace_field f, trace_cbv_style st)
{
    size_t i;
    switch (f) {
    case TRACE_F_TYPE:
        put_str(b, ev->type_name.len ? ev->type_name : trace_str_c(trace_event_type_name(ev->type)));
        break;
    case TRACE_F_EVENT_TIME: put_str(b, ev->event_time.lexeme); break;
    case TRACE_F_RECORD_TIME: put_str(b, ev->record_time.lexeme); break;
    case TRACE_F_TZ_OFFSET: put_str(b, ev->tz_offset); break;
    case TRACE_F_EVENT_ID: put_str(b, ev->event_id.raw); break;
    case TRACE_F_PARENT_ID: put_str(b, ev->parent_id.raw); break;
    case TRACE_F_TRANSFORMATION_ID: put_str(b, ev->transformation_id.raw); break;
    case TRACE_F_ACTION:
        put_str(b, ev->action_raw.len ? ev->action_raw : trace_str_c(trace_action_name(ev->action)));
        break;
    case TRACE_F_BIZ_STEP: put_vocab(b, &ev->biz_step, TRACE_CBV_BIZSTEP, st); break;
    case TRACE_F_DISPOSITION: put_vocab(b, &ev->disposition, TRACE_CBV_DISP, st); break;
    case TRACE_F_EPC_LIST: put_ids(b, ev->epc_list.items, ev->epc_list.n); break;
    case TRACE_F_CHILD_EPCS: put_ids(b, ev->child_epcs.items, ev->child_epcs.n); break;
    case TRACE_F_INPUT_EPCS: put_ids(b, ev->input_epcs.items, ev->input_epcs.n); break;
    case TRACE_F_OUTPUT_EPCS: put_ids(b, ev->output_epcs.items, ev->output_epcs.n); break;
    case TRACE_F_QUANTITY_LIST: put_qty(b, &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST: put_qty(b, &ev->child_quantity_list); break;
    case TRACE_F_INPUT_QUANTITY_LIST: put_qty(b, &ev->input_quantity_list); break;
    case TRACE_F_OUTPUT_QUANTITY_LIST: put_qty(b, &ev->output_quantity_list); break;
    case TRACE_F_READ_POINT: put_str(b, ev->read_point.id.raw); break;
    case TRACE_F_BIZ_LOCATION: put_str(b, ev->biz_location.id.raw); break;
    case TRACE_F_BIZ_TRANSACTIONS:
        for (i = 0; i < ev->nbiz_transactions; i++)
            put_typed(b, &ev->biz_transactions[i].type, &ev->biz_transactions[i].id, TRACE_CBV_BTT,
                      st, i == 0);
        break;
    case TRACE_F_SOURCES:
        for (i = 0; i < ev->nsources; i++)
            put_typed(b, &ev->sources[i].type, &ev->sources[i].id, TRACE_CBV_SDT, st, i == 0);
        break;
    case TRACE_F_DESTINATIONS:
        for (i = 0; i < ev->ndestinations; i++)
            put_typed(b, &ev->destinations[i].type, &ev->destinations[i].id, TRACE_CBV_SDT, st,
                      i == 0);
        break;
    default: break;
    }
}

/* A field is left out of "more" when it is in its column. */
static int in_column(trace_field f, const trace_event *ev)
{
    return f != TRACE_F_COUNT && trace__csv_flat(f, ev);
}

/* ------------------------------------------------------------ writer */

static int csv_flush(trace_writer *w, csv_writer *st)
{
    trace__buf_puts(&st->row, "\r\n");
    if (st->row.failed || st->cell.failed)
        return TRACE_ENOMEM;
    return trace__out_write(&w->out, st->row.data, st->row.len);
}

int trace__csv_w_open(trace_writer *w)
{
    csv_writer *st;
    size_t i;
    st = trace__calloc(w->alloc, 1, sizeof(*st));
    if (!st)
        return TRACE_ENOMEM;
    trace__buf_init(&st->row, w->alloc);
    trace__buf_init(&st->cell, w->alloc);
    w->state = st;
    if (w->opts.flags & TRACE_WRITER_FLAG_BOM)
        trace__buf_puts(&st->row, "\xEF\xBB\xBF");
    for (i = 0; i < trace__csv_ncols; i++) {
        if (i)
            trace__buf_putc(&st->row, ',');
        trace__buf_puts(&st->row, trace__csv_cols[i].name);
    }
    return csv_flush(w, st);
}

/* A #header or #trailer row: the type cell, empty cells, and the JSON (in st->cell) in "more". */
static int special_row(trace_writer *w, csv_writer *st, const char *type)
{
    size_t i;
    st->row.len = 0;
    trace__buf_puts(&st->row, type);
    for (i = 1; i + 1 < trace__csv_ncols; i++)
        trace__buf_putc(&st->row, ',');
    st->first_cell = 0;
    end_cell(st);
    return csv_flush(w, st);
}

int trace__csv_w_header(trace_writer *w, const trace_header *h, const trace_masterdata *md)
{
    static const char empty[] = "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{}}";
    csv_writer *st = w->state;
    st->cell.len = 0;
    je_header(&st->cell, h, md);
    if (st->cell.len == sizeof(empty) - 1 && !memcmp(st->cell.data, empty, st->cell.len))
        return TRACE_OK; /* nothing to say: no #header row */
    return special_row(w, st, "#header");
}

/* Lists with items and '#' type names that had to leave their column (an empty list or a
 * location with extensions goes to "more" by rule, which is no change of form). */
static int has_items(const trace_event *ev, trace_field f)
{
    switch (f) {
    case TRACE_F_TYPE: return 1;
    case TRACE_F_EPC_LIST: return ev->epc_list.n > 0;
    case TRACE_F_CHILD_EPCS: return ev->child_epcs.n > 0;
    case TRACE_F_INPUT_EPCS: return ev->input_epcs.n > 0;
    case TRACE_F_OUTPUT_EPCS: return ev->output_epcs.n > 0;
    case TRACE_F_QUANTITY_LIST: return ev->quantity_list.n > 0;
    case TRACE_F_CHILD_QUANTITY_LIST: return ev->child_quantity_list.n > 0;
    case TRACE_F_INPUT_QUANTITY_LIST: return ev->input_quantity_list.n > 0;
    case TRACE_F_OUTPUT_QUANTITY_LIST: return ev->output_quantity_list.n > 0;
    case TRACE_F_BIZ_TRANSACTIONS: return ev->nbiz_transactions > 0;
    case TRACE_F_SOURCES: return ev->nsources > 0;
    case TRACE_F_DESTINATIONS: return ev->ndestinations > 0;
    default: return 0;
    }
}

static void report_moved(trace_writer *w, const trace_event *ev)
{
    size_t i;
    for (i = 0; i + 1 < trace__csv_ncols; i++) {
        trace_field f = trace__csv_cols[i].field;
        if (trace__event_has(ev, f) && !trace__csv_flat(f, ev) && has_items(ev, f)) {
            char path[64];
            snprintf(path, sizeof(path), "/%s", trace__csv_cols[i].name);
            trace__writer_loss(w, TRACE__D_CHANGED, ev->index >= 0 ? ev->index : (int64_t)w->nevents,
                               path, "what", trace__csv_cols[i].name, "as",
                               "JSON in the more column", NULL);
        }
    }
}

int trace__csv_w_event(trace_writer *w, const trace_event *ev)
{
    csv_writer *st = w->state;
    je_opts o;
    size_t i;
    o.cbv = w->opts.cbv;
    o.canonical = w->opts.canonical_order;
    o.seq_canonical = 1;
    st->row.len = 0;
    st->first_cell = 1;
    for (i = 0; i + 1 < trace__csv_ncols; i++) {
        trace_field f = trace__csv_cols[i].field;
        st->cell.len = 0;
        if (trace__event_has(ev, f) && trace__csv_flat(f, ev))
            flat_cell(&st->cell, ev, f, w->opts.cbv);
        end_cell(st);
    }
    st->cell.len = 0;
    trace__buf_putc(&st->cell, '{');
    if (je_event_members(&st->cell, ev, &o, in_column) == 0)
        st->cell.len = 0;
    else
        trace__buf_putc(&st->cell, '}');
    end_cell(st);
    report_moved(w, ev);
    return csv_flush(w, st);
}

int trace__csv_w_close(trace_writer *w, const trace_trailer *t)
{
    csv_writer *st = w->state;
    trace_trailer tr;
    if (t)
        tr = *t;
    else
        memset(&tr, 0, sizeof(tr));
    tr.event_count = w->nevents;
    st->cell.len = 0;
    je_trailer(&st->cell, &tr);
    return special_row(w, st, "#trailer");
}

void trace__csv_w_free(trace_writer *w)
{
    csv_writer *st = w->state;
    if (!st)
        return;
    trace__buf_free(&st->row);
    trace__buf_free(&st->cell);
    trace__free(w->alloc, st);
    w->state = NULL;
}

