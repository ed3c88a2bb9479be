/*
 * csv.c - the UTDS CSV reader and format entry (spec/utds-3-csv.md): RFC 4180
 * records (quoted fields may span lines), a column row, optional #header
 * row, one event per row, a #trailer row. Positions are row and column.
 */
#include <string.h>

#include "csv_int.h"
#include "diag_ids.h"

#define CSV_MAX_COLS 256

typedef struct csv_reader {
    jv_parser p;
    uint32_t row;               /* number of the last record taken (column row = 1) */
    size_t ncols;
    int col_of[CSV_MAX_COLS];   /* index into trace__csv_cols, or -1 for an unknown column */
    trace_str names[CSV_MAX_COLS];
    int trailer_done;
} csv_reader;

/* ------------------------------------------------------------ sniff */

/* 1 when the token p[0..n) (maybe quoted) is a UTDS CSV column name. */
static int known_column(const unsigned char *p, size_t n)
{
    size_t j;
    if (n >= 2 && p[0] == '"' && p[n - 1] == '"')
        p++, n -= 2;
    for (j = 0; j < trace__csv_ncols; j++)
        if (strlen(trace__csv_cols[j].name) == n && !memcmp(trace__csv_cols[j].name, p, n))
            return (int)j + 1;
    return 0;
}

/* The column row: comma-separated names including "type" and at least one more known one. */
static int csv_sniff(const unsigned char *p, size_t n)
{
    size_t i = 0, start;
    int type = 0, known = 0;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    for (start = i; i <= n; i++) {
        if (i == n || p[i] == ',' || p[i] == '\n' || p[i] == '\r') {
            int k = known_column(p + start, i - start);
            type |= k == 1;
            known += k > 1;
            if (i == n || p[i] != ',')
                break;
            start = i + 1;
        }
    }
    if (i == n && n >= 4096)
        return 0; /* no line end in sight: not a column row */
    return type && known ? 90 : 0;
}

/* ------------------------------------------------------------ records */

static void report(trace_reader *r, int code, uint32_t row, uint32_t col, ...)
{
    trace_pos pos;
    va_list ap;
    const char *k, *v;
    const char *kv[8] = {NULL};
    size_t n = 0;
    pos.line = row;
    pos.column = col;
    va_start(ap, col);
    while (n + 2 <= 6 && (k = va_arg(ap, const char *)) != NULL) {
        v = va_arg(ap, const char *);
        kv[n++] = k;
        kv[n++] = v;
    }
    va_end(ap);
    trace__reader_report(r, code, pos, NULL, kv[0], kv[1], kv[2], kv[3], kv[4], kv[5], NULL);
}

/*
 * Find the end of the record at the input position: the first line break
 * outside quotes. Sets *len (record bytes, line break excluded) and *adv
 * (bytes to consume). Returns 1, 0 at end, TRACE_EDATA for an over-long
 * record (skipped, reported) or < 0 on errors.
 */
static int record_span(trace_reader *r, csv_reader *st, const unsigned char **rec, size_t *len,
                       size_t *adv)
{
    const unsigned char *p;
    size_t i = 0, max = (size_t)trace_ctx_limits(r->ctx)->max_record;
    int inq = 0, fstart = 1;
    long n = trace__in_peek(&r->in, &p, 1);
    for (;;) {
        if (n < 0)
            return trace__reader_input_error(r);
        if (n == 0)
            return 0;
        /* Quotes count only at the start of a field or inside a quoted one, as RFC 4180
         * reads them; a stray quote in a plain field is split()'s to report. */
        for (; i < (size_t)n; i++) {
            unsigned char ch = p[i];
            if (inq) {
                if (ch != '"')
                    continue;
                if (i + 1 == (size_t)n && !r->in.eof)
                    break; /* need the next byte to tell "" from the closing quote */
                if (i + 1 < (size_t)n && p[i + 1] == '"')
                    i++;
                else
                    inq = 0;
                continue;
            }
            if (ch == '\n')
                break;
            if (ch == '"' && fstart)
                inq = 1;
            fstart = ch == ',';
        }
        if (inq && i < (size_t)n) {
            n = trace__in_peek(&r->in, &p, (size_t)n + 1);
            continue;
        }
        if (i < (size_t)n || r->in.eof) {
            *rec = p;
            *adv = i < (size_t)n ? i + 1 : i;
            *len = i > 0 && p[i - 1] == '\r' && i < (size_t)n ? i - 1 : i;
            st->row++;
            if (*len > max) {
                char mx[32];
                snprintf(mx, sizeof(mx), "%llu", (unsigned long long)max);
                {
                    char idx[32];
                    snprintf(idx, sizeof(idx), "%llu", (unsigned long long)r->nevents);
                    report(r, TRACE__D_EVENT_TOO_LARGE, st->row, 1, "max", mx, "record", idx, NULL);
                }
                r->in.pos += *adv;
                return TRACE_EDATA;
            }
            return 1;
        }
        if ((size_t)n > max) {
            /* Skip the oversized record without holding it: drop what was scanned. */
            char mx[32];
            snprintf(mx, sizeof(mx), "%llu", (unsigned long long)max);
            st->row++;
            {
                    char idx[32];
                    snprintf(idx, sizeof(idx), "%llu", (unsigned long long)r->nevents);
                    report(r, TRACE__D_EVENT_TOO_LARGE, st->row, 1, "max", mx, "record", idx, NULL);
                }
            for (;;) {
                size_t k;
                r->in.pos = r->in.len;
                n = trace__in_peek(&r->in, &p, 1);
                if (n <= 0)
                    return TRACE_EDATA;
                for (k = 0; k < (size_t)n; k++) {
                    if (p[k] == '"')
                        inq = !inq;
                    else if (p[k] == '\n' && !inq) {
                        r->in.pos += k + 1;
                        return TRACE_EDATA;
                    }
                }
            }
        }
        n = trace__in_peek(&r->in, &p, (size_t)n + 1);
    }
}

/* UTDS text is UTF-8: report the first invalid sequence with its column. */
static int utf8_ok(trace_reader *r, const csv_reader *st, const unsigned char *rec, size_t len)
{
    size_t i = 0, k;
    uint32_t col = 1;
    int inq = 0;
    while (i < len) {
        if (rec[i] < 0x80) {
            if (rec[i] == '"')
                inq = !inq;
            else if (rec[i] == ',' && !inq)
                col++;
            i++;
            continue;
        }
        if ((k = jv_utf8_len(rec + i, len - i)) == 0) {
            report(r, TRACE__D_NOT_UTF8, st->row, col, NULL);
            return 0;
        }
        i += k;
    }
    return 1;
}

/* Split a record into unescaped cells in the arena. Returns TRACE_OK, TRACE_EDATA (reported). */
static int split(trace_reader *r, csv_reader *st, trace__arena *a, const unsigned char *rec,
                 size_t len, trace_str **cells, size_t *ncells)
{
    size_t i = 0, n = 1, k;
    int inq = 0;
    char *buf;
    trace_str *c;
    int fstart = 1;
    for (k = 0; k < len; k++) {
        if (inq) {
            if (rec[k] == '"') {
                if (k + 1 < len && rec[k + 1] == '"')
                    k++;
                else
                    inq = 0;
            }
            continue;
        }
        if (rec[k] == '"' && fstart)
            inq = 1;
        if (rec[k] == ',')
            n++;
        fstart = rec[k] == ',';
    }
    if (inq) {
        report(r, TRACE__D_CSV_SYNTAX, st->row, (uint32_t)n, "reason", "unterminated quoted field",
               NULL);
        return TRACE_EDATA;
    }
    if (!utf8_ok(r, st, rec, len))
        return TRACE_EDATA;
    c = trace__arena_alloc(a, n * sizeof(*c));
    buf = trace__arena_alloc(a, len + 1);
    if (!c || !buf)
        return TRACE_ENOMEM;
    for (k = 0; k < n; k++) {
        size_t start = 0;
        char *d = buf;
        if (i < len && rec[i] == '"') {
            for (i++;; i++) {
                if (i >= len) {
                    report(r, TRACE__D_CSV_SYNTAX, st->row, (uint32_t)k + 1, "reason",
                           "unterminated quoted field", NULL);
                    return TRACE_EDATA;
                }
                if (rec[i] == '"') {
                    if (i + 1 < len && rec[i + 1] == '"') {
                        *d++ = '"';
                        i++;
                        continue;
                    }
                    i++;
                    break;
                }
                *d++ = (char)rec[i];
            }
            if (i < len && rec[i] != ',') {
                report(r, TRACE__D_CSV_SYNTAX, st->row, (uint32_t)k + 1, "reason",
                       "text after a closing quote", NULL);
                return TRACE_EDATA;
            }
        } else {
            for (start = i; i < len && rec[i] != ','; i++) {
                if (rec[i] == '"') {
                    report(r, TRACE__D_CSV_SYNTAX, st->row, (uint32_t)k + 1, "reason",
                           "quote inside an unquoted field", NULL);
                    return TRACE_EDATA;
                }
                *d++ = (char)rec[i];
            }
        }
        c[k].s = buf;
        c[k].len = (size_t)(d - buf);
        buf = d;
        *buf++ = '\0';
        i++; /* the comma */
        (void)start;
    }
    *cells = c;
    *ncells = n;
    return TRACE_OK;
}

/* Next record as cells: 1, 0 at end, or < 0 (TRACE_EDATA: a bad record was skipped). */
static int next_record(trace_reader *r, csv_reader *st, trace__arena *a, trace_str **cells,
                       size_t *ncells)
{
    const unsigned char *rec = NULL;
    size_t len = 0, adv = 0;
    int rc = record_span(r, st, &rec, &len, &adv);
    if (rc != 1)
        return rc;
    rc = split(r, st, a, rec, len, cells, ncells);
    r->in.pos += adv;
    return rc == TRACE_OK ? 1 : rc;
}

static int blank_record(const trace_str *cells, size_t n)
{
    return n == 1 && cells[0].len == 0;
}

/* ------------------------------------------------------------ column row */

static int read_columns(trace_reader *r, csv_reader *st)
{
    trace_str *cells;
    size_t n, i, j;
    char name[128];
    int rc, have_type = 0;
    rc = next_record(r, st, &r->doc_arena, &cells, &n);
    if (rc != 1) {
        if (rc == 0 || rc == TRACE_EDATA)
            report(r, TRACE__D_CSV_NO_HEADER, 1, 1, "reason", rc == 0 ? "empty input" : "malformed",
                   NULL);
        return rc == 0 || rc == TRACE_EDATA ? TRACE_EDATA : rc;
    }
    if (n > CSV_MAX_COLS) {
        report(r, TRACE__D_CSV_NO_HEADER, 1, CSV_MAX_COLS + 1, "reason", "more than 256 columns",
               NULL);
        return TRACE_EDATA;
    }
    st->ncols = n;
    for (i = 0; i < n; i++) {
        size_t k = cells[i].len < sizeof(name) - 1 ? cells[i].len : sizeof(name) - 1;
        memcpy(name, cells[i].s, k);
        name[k] = '\0';
        st->names[i] = cells[i];
        st->col_of[i] = -1;
        for (j = 0; j < trace__csv_ncols; j++)
            if (trace_str_eq(cells[i], trace__csv_cols[j].name))
                st->col_of[i] = (int)j;
        for (j = 0; j < i; j++)
            if (cells[j].len == cells[i].len && !memcmp(cells[j].s, cells[i].s, cells[i].len)) {
                report(r, TRACE__D_CSV_DUPLICATE_COLUMN, 1, (uint32_t)i + 1, "name", name, NULL);
                return TRACE_EDATA;
            }
        if (st->col_of[i] == 0)
            have_type = 1;
        else if (st->col_of[i] < 0)
            report(r, TRACE__D_CSV_UNKNOWN_COLUMN, 1, (uint32_t)i + 1, "name", name, NULL);
    }
    if (!have_type) {
        report(r, TRACE__D_CSV_NO_HEADER, 1, 1, "reason", "no \"type\" column", NULL);
        return TRACE_EDATA;
    }
    return TRACE_OK;
}

/* The cells of the "more" column and of "type", or NULL. */
static const trace_str *cell_of(const csv_reader *st, const trace_str *cells, size_t n,
                                size_t col, uint32_t *column)
{
    size_t i;
    for (i = 0; i < st->ncols && i < n; i++)
        if (st->col_of[i] == (int)col) {
            *column = (uint32_t)i + 1;
            return &cells[i];
        }
    return NULL;
}

static int parse_more(trace_reader *r, csv_reader *st, trace__arena *a, trace_str cell,
                      uint32_t column, jv *out)
{
    int rc = jv_parse(&st->p, a, cell.s, cell.len, out);
    if (rc == TRACE_ENOMEM)
        return rc;
    if (rc != TRACE_OK || out->kind != JV_OBJ) {
        report(r, TRACE__D_CSV_BAD_MORE, st->row, column, "reason",
               rc != TRACE_OK ? st->p.reason : "not an object", NULL);
        return TRACE_EDATA;
    }
    return TRACE_OK;
}

static void jm_init_row(jm_ctx *c, trace_reader *r, trace__arena *a, uint32_t row, uint32_t col)
{
    memset(c, 0, sizeof(*c));
    c->r = r;
    c->arena = a;
    c->line = row;
    c->csv_column = (int)col;
}

static int read_header_row(trace_reader *r, csv_reader *st, const trace_str *cells, size_t n)
{
    uint32_t col = 0;
    const trace_str *m = cell_of(st, cells, n, trace__csv_ncols - 1, &col);
    jv o;
    const jv *x;
    jm_ctx c;
    int rc;
    if (!m)
        return TRACE_OK;
    if ((rc = parse_more(r, st, &r->doc_arena, *m, col, &o)) != TRACE_OK)
        return rc == TRACE_EDATA ? TRACE_OK : rc;
    jm_init_row(&c, r, &r->doc_arena, st->row, col);
    if ((x = jv_get(&o, "header")) != NULL && (rc = jm_header(&c, x, &r->hdr)) != TRACE_OK)
        return rc;
    if ((x = jv_get(&o, "masterData")) != NULL && (rc = jm_masterdata(&c, x, &r->md)) != TRACE_OK)
        return rc;
    return TRACE_OK;
}

/* Whether the next record is a #header row: its type cell is exactly "#header". Looked at
 * without reading the record, so that an event row's diagnostics belong to that event. */
static int next_is_header(trace_reader *r, const csv_reader *st)
{
    const unsigned char *p;
    size_t i = 0, col = 0, start = 0, type_col = 0;
    long n = trace__in_peek(&r->in, &p, 4096);
    while (type_col < st->ncols && st->col_of[type_col] != 0)
        type_col++;
    for (; n > 0 && i <= (size_t)n; i++) {
        if (i == (size_t)n || p[i] == ',' || p[i] == '\n' || p[i] == '\r') {
            if (col == type_col)
                return i - start == 7 && !memcmp(p + start, "#header", 7);
            if (i == (size_t)n || p[i] != ',')
                return 0;
            col++;
            start = i + 1;
        } else if (p[i] == '"') {
            return 0; /* a quoted cell before the type cell: not a row this writer makes */
        }
    }
    return 0;
}

static int csv_open(trace_reader *r)
{
    csv_reader *st = trace__calloc(r->alloc, 1, sizeof(*st));
    trace_str *cells;
    size_t n;
    int rc;
    if (!st)
        return TRACE_ENOMEM;
    r->state = st;
    jv_parser_init(&st->p, r->alloc, trace_ctx_limits(r->ctx));
    {
        const unsigned char *p;
        long k = trace__in_peek(&r->in, &p, 3);
        if (k >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            r->in.pos += 3; /* Excel writes a BOM */
    }
    if ((rc = read_columns(r, st)) != TRACE_OK)
        return rc;
    if (!next_is_header(r, st))
        return TRACE_OK;
    rc = next_record(r, st, &r->doc_arena, &cells, &n);
    if (rc != 1)
        return rc == 0 || rc == TRACE_EDATA ? TRACE_OK : rc;
    return read_header_row(r, st, cells, n);
}

/* ------------------------------------------------------------ event rows */

/* Split a cell at single spaces into items (no empty items). */
static int items(jm_ctx *c, trace_str cell, const char *col, trace_str **out, size_t *n)
{
    size_t i, k = 1, start = 0;
    trace_str *v;
    for (i = 0; i < cell.len; i++)
        k += cell.s[i] == ' ';
    v = jm_alloc(c, k, sizeof(*v));
    if (!v)
        return TRACE_ENOMEM;
    *n = 0;
    for (i = 0; i <= cell.len; i++)
        if (i == cell.len || cell.s[i] == ' ') {
            if (i == start) {
                trace__reader_report(c->r, TRACE__D_CSV_BAD_CELL, jm_pos(c, NULL), col, "column",
                                     col, "reason", "empty list item", NULL);
                return TRACE_EDATA;
            }
            v[*n].s = cell.s + start;
            v[(*n)++].len = i - start;
            start = i + 1;
        }
    *out = v;
    return TRACE_OK;
}

/* Split an item at ';' into at most max parts; returns the count or 0 when there are more. */
static size_t parts(trace_str it, trace_str *p, size_t max)
{
    size_t i, n = 0, start = 0;
    for (i = 0; i <= it.len; i++)
        if (i == it.len || it.s[i] == ';') {
            if (n == max)
                return 0;
            p[n].s = it.s + start;
            p[n++].len = i - start;
            start = i + 1;
        }
    return n;
}

static void cell_ids(jm_ctx *c, trace_str cell, const char *col, trace_id_list *l)
{
    trace_str *it;
    size_t n, i;
    l->present = 1;
    l->pos = jm_pos(c, NULL);
    if (items(c, cell, col, &it, &n) != TRACE_OK || !(l->items = jm_alloc(c, n, sizeof(trace_id))))
        return;
    for (i = 0; i < n; i++) {
        l->items[i].raw = it[i];
        l->items[i].form = trace_id_classify(it[i]);
        l->items[i].pos = l->pos;
    }
    l->n = n;
}

static void cell_qty(jm_ctx *c, trace_str cell, const char *col, trace_quantity_list *l)
{
    trace_str *it, p[3];
    size_t n, i, k;
    l->present = 1;
    l->pos = jm_pos(c, NULL);
    if (items(c, cell, col, &it, &n) != TRACE_OK ||
        !(l->items = jm_alloc(c, n, sizeof(trace_quantity))))
        return;
    for (i = 0; i < n; i++) {
        trace_quantity *q = &l->items[l->n];
        if ((k = parts(it[i], p, 3)) == 0 || p[0].len == 0) {
            trace__reader_report(c->r, TRACE__D_CSV_BAD_CELL, jm_pos(c, NULL), col, "column", col,
                                 "reason", "an item is class[;quantity[;uom]]", NULL);
            continue;
        }
        q->epc_class.raw = p[0];
        q->epc_class.form = trace_id_classify(p[0]);
        q->pos = q->epc_class.pos = q->quantity.pos = l->pos;
        if (k > 1)
            q->quantity.lexeme = p[1];
        if (k > 2)
            q->uom = p[2];
        l->n++;
    }
}

/* [type;]id items into parallel vocab/id fields of an array of structs. */
static void cell_typed(jm_ctx *c, trace_str cell, const char *col, trace_cbv_list list,
                       void **arr, size_t *count, size_t size, size_t type_off, size_t id_off)
{
    trace_str *it, p[2];
    size_t n, i, k;
    char *base;
    if (items(c, cell, col, &it, &n) != TRACE_OK || !(base = jm_alloc(c, n, size)))
        return;
    *arr = base;
    *count = 0;
    for (i = 0; i < n; i++) {
        char *e = base + *count * size;
        trace_vocab *t = (trace_vocab *)(e + type_off);
        trace_id *id = (trace_id *)(e + id_off);
        if ((k = parts(it[i], p, 2)) == 0 || p[k - 1].len == 0) {
            trace__reader_report(c->r, TRACE__D_CSV_BAD_CELL, jm_pos(c, NULL), col, "column", col,
                                 "reason", "an item is [type;]identifier", NULL);
            continue;
        }
        if (k == 2)
            trace_vocab_set(t, list, p[0]);
        t->pos = id->pos = jm_pos(c, NULL);
        id->raw = p[k - 1];
        id->form = trace_id_classify(id->raw);
        (*count)++;
    }
}

/* A scalar cell goes through the JSON Lines member mapping as a JSON string. */
static void scalar(jm_ctx *c, const csv_col *col, trace_str cell, trace_event *ev)
{
    jv v, obj;
    trace_str idkey = {"id", 2};
    memset(&v, 0, sizeof(v));
    v.kind = JV_STR;
    v.s = cell;
    if (col->kind == CSV_K_LOCATION) {
        memset(&obj, 0, sizeof(obj));
        obj.kind = JV_OBJ;
        obj.n = 1;
        obj.keys = &idkey;
        obj.items = &v;
        jm_event_member(c, trace_str_c(col->name), &obj, ev, NULL);
        return;
    }
    jm_event_member(c, trace_str_c(col->name), &v, ev, NULL);
}

static void list_cell(jm_ctx *c, const csv_col *col, trace_str cell, trace_event *ev)
{
    trace_field f = col->field;
    if (c->seen >> f & 1)
        return;
    c->seen |= (uint64_t)1 << f;
    switch (f) {
    case TRACE_F_EPC_LIST: cell_ids(c, cell, col->name, &ev->epc_list); break;
    case TRACE_F_CHILD_EPCS: cell_ids(c, cell, col->name, &ev->child_epcs); break;
    case TRACE_F_INPUT_EPCS: cell_ids(c, cell, col->name, &ev->input_epcs); break;
    case TRACE_F_OUTPUT_EPCS: cell_ids(c, cell, col->name, &ev->output_epcs); break;
    case TRACE_F_QUANTITY_LIST: cell_qty(c, cell, col->name, &ev->quantity_list); break;
    case TRACE_F_CHILD_QUANTITY_LIST: cell_qty(c, cell, col->name, &ev->child_quantity_list); break;
    case TRACE_F_INPUT_QUANTITY_LIST: cell_qty(c, cell, col->name, &ev->input_quantity_list); break;
    case TRACE_F_OUTPUT_QUANTITY_LIST: cell_qty(c, cell, col->name, &ev->output_quantity_list); break;
    case TRACE_F_BIZ_TRANSACTIONS:
        ev->biz_transactions_present = 1;
        cell_typed(c, cell, col->name, TRACE_CBV_BTT, (void **)&ev->biz_transactions,
                   &ev->nbiz_transactions, sizeof(trace_biz_transaction),
                   offsetof(trace_biz_transaction, type), offsetof(trace_biz_transaction, id));
        break;
    case TRACE_F_SOURCES:
        cell_typed(c, cell, col->name, TRACE_CBV_SDT, (void **)&ev->sources, &ev->nsources,
                   sizeof(trace_party_ref), offsetof(trace_party_ref, type),
                   offsetof(trace_party_ref, id));
        break;
    case TRACE_F_DESTINATIONS:
        cell_typed(c, cell, col->name, TRACE_CBV_SDT, (void **)&ev->destinations,
                   &ev->ndestinations, sizeof(trace_party_ref), offsetof(trace_party_ref, type),
                   offsetof(trace_party_ref, id));
        break;
    default: break;
    }
}

/* Unknown columns become extension elements (no namespace) after any "ext" from "more". */
static void unknown_cells(jm_ctx *c, const csv_reader *st, const trace_str *cells, size_t n,
                          trace_event *ev)
{
    size_t i, k = 0;
    trace_ext *e;
    for (i = 0; i < n && i < st->ncols; i++)
        k += st->col_of[i] < 0 && cells[i].len;
    if (!k || !(e = jm_alloc(c, ev->next + k, sizeof(trace_ext))))
        return;
    if (ev->next)
        memcpy(e, ev->ext, ev->next * sizeof(trace_ext));
    for (i = 0; i < n && i < st->ncols; i++)
        if (st->col_of[i] < 0 && cells[i].len) {
            trace_ext *x = &e[ev->next++];
            x->name = st->names[i];
            x->text = cells[i];
            x->pos.line = c->line;
            x->pos.column = (uint32_t)i + 1;
        }
    ev->ext = e;
    c->seen |= (uint64_t)1 << TRACE_F_EXTENSION;
}

/* Rebuild the canonical member order (what the writer assumed when it wrote no "order"). */
static void canonical_order(trace_event *ev)
{
    trace_field seq[TRACE_F_COUNT];
    size_t n = trace__member_seq(ev, 1, seq), i, j;
    ev->norder = 0;
    for (i = 0; i < n; i++)
        for (j = 0; j < (seq[i] == TRACE_F_EXTENSION ? ev->next : 1); j++)
            if (ev->norder < TRACE_EVENT_MAX_ORDER)
                ev->order[ev->norder++] = (uint8_t)seq[i];
}

static int csv_event(trace_reader *r, csv_reader *st, const trace_str *cells, size_t n,
                     uint32_t row, trace_event *ev)
{
    jm_ctx c;
    size_t i;
    uint32_t more_col = 0;
    const trace_str *more = NULL;
    if (n != st->ncols) {
        char a[24], b[24];
        snprintf(a, sizeof(a), "%lu", (unsigned long)n);
        snprintf(b, sizeof(b), "%lu", (unsigned long)st->ncols);
        report(r, TRACE__D_CSV_FIELD_COUNT, row, (uint32_t)(n < st->ncols ? n : st->ncols + 1),
               "count", a, "expected", b, NULL);
    }
    jm_init_row(&c, r, &r->ev_arena, row, 1);
    ev->pos.line = row;
    ev->pos.column = 1;
    for (i = 0; i < n && i < st->ncols; i++) {
        const csv_col *col;
        if (st->col_of[i] < 0 || cells[i].len == 0)
            continue;
        col = &trace__csv_cols[st->col_of[i]];
        c.csv_column = (int)i + 1;
        if (col->kind == CSV_K_MORE) {
            more = &cells[i];
            more_col = (uint32_t)i + 1;
        } else if (col->kind == CSV_K_IDS || col->kind == CSV_K_QTY || col->kind == CSV_K_TYPED) {
            list_cell(&c, col, cells[i], ev);
        } else {
            scalar(&c, col, cells[i], ev);
        }
    }
    c.order = NULL;
    if (more) {
        jv o;
        int rc = parse_more(r, st, &r->ev_arena, *more, more_col, &o);
        if (rc == TRACE_ENOMEM)
            return rc;
        c.csv_column = (int)more_col;
        for (i = 0; rc == TRACE_OK && i < o.n; i++)
            jm_event_member(&c, o.keys[i], &o.items[i], ev, NULL);
    }
    unknown_cells(&c, st, cells, n, ev);
    canonical_order(ev);
    jm_event_finish(&c, ev);
    return c.failed ? TRACE_ENOMEM : TRACE_OK;
}

/* ------------------------------------------------------------ trailer, next */

static int csv_trailer(trace_reader *r, csv_reader *st, const trace_str *cells, size_t n)
{
    uint32_t col = 0;
    const trace_str *m = cell_of(st, cells, n, trace__csv_ncols - 1, &col);
    trace_str *more_cells;
    size_t k;
    int rc;
    jv o;
    st->trailer_done = 1;
    if (m) {
        trace_str copy = trace__arena_str(&r->doc_arena, m->s, m->len);
        jm_ctx c;
        if (!copy.s)
            return TRACE_ENOMEM;
        if ((rc = parse_more(r, st, &r->doc_arena, copy, col, &o)) == TRACE_ENOMEM)
            return rc;
        if (rc == TRACE_OK) {
            jm_init_row(&c, r, &r->doc_arena, st->row, col);
            if ((rc = jm_trailer(&c, &o, &r->trailer)) != TRACE_OK)
                return rc;
        }
    } else {
        r->trailer.present = 1;
    }
    if (r->trailer.event_count != r->nevents) {
        char a[24], b[24];
        snprintf(a, sizeof(a), "%llu", (unsigned long long)r->trailer.event_count);
        snprintf(b, sizeof(b), "%llu", (unsigned long long)r->nevents);
        trace_pos pos = {st->row, 1};
        trace__reader_report_at(r, TRACE__D_CSV_COUNT_MISMATCH, pos, -1, NULL, "count", a, "read",
                                b, NULL);
    }
    while ((rc = next_record(r, st, &r->ev_arena, &more_cells, &k)) == 1 || rc == TRACE_EDATA)
        if (rc == TRACE_EDATA || !blank_record(more_cells, k)) {
            trace_pos pos = {st->row, 1};
            trace__reader_report_at(r, TRACE__D_CSV_AFTER_TRAILER, pos, -1, NULL, NULL);
            break;
        }
    return TRACE_EOF;
}

static int csv_next(trace_reader *r, trace_event *ev)
{
    csv_reader *st = r->state;
    trace_str *cells;
    size_t n;
    uint32_t col;
    int rc;
    if (st->trailer_done)
        return TRACE_EOF;
    for (;;) {
        const trace_str *t;
        rc = next_record(r, st, &r->ev_arena, &cells, &n);
        if (rc != 1)
            return rc == 0 ? TRACE_EOF : rc;
        if (blank_record(cells, n))
            continue;
        t = cell_of(st, cells, n, 0, &col);
        if (t && trace_str_eq(*t, "#trailer"))
            return csv_trailer(r, st, cells, n);
        if (t && trace_str_eq(*t, "#header")) {
            report(r, TRACE__D_CSV_HEADER_LATE, st->row, col, NULL);
            continue;
        }
        return csv_event(r, st, cells, n, st->row, ev);
    }
}

static void csv_close(trace_reader *r)
{
    csv_reader *st = r->state;
    if (!st)
        return;
    jv_parser_free(&st->p);
    trace__free(r->alloc, st);
    r->state = NULL;
}

TRACE__FORMAT_DEFINE(csv) = {TRACE_FMT_CSV,       "csv",
                             csv_sniff,           csv_open,
                             csv_next,            csv_close,
                             trace__csv_w_open,   trace__csv_w_header,
                             trace__csv_w_event,  trace__csv_w_close,
                             trace__csv_w_free};
