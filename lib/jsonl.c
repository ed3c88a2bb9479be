/*
 * jsonl.c - the UTDS JSON Lines codec (spec/utds-3-jsonl.md): a header
 * line, one event per line, a trailer line. Lines are parsed in place in
 * the input buffer with the lexeme-keeping parser of jsonl_parse.c.
 */
#include <string.h>

#include "diag_ids.h"
#include "jsonl_int.h"

typedef struct jl_reader {
    jv_parser p;
    uint32_t line;       /* number of the last line taken */
    const jv *pending;   /* first line was an event (no header line): return it first */
    uint32_t pending_line;
    int trailer_done;
} jl_reader;

/* ------------------------------------------------------------ sniff */

static int contains(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; i + k <= n; i++)
        if (s[i] == needle[0] && memcmp(s + i, needle, k) == 0)
            return 1;
    return 0;
}

static int jl_sniff(const unsigned char *p, size_t n)
{
    size_t i = 0, eol;
    const char *s = (const char *)p;
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
        i = 3;
    while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
        i++;
    if (i >= n || p[i] != '{')
        return 0;
    for (eol = i; eol < n && p[eol] != '\n'; eol++)
        ;
    {
        /* The header names the format in its first member. */
        const char *q = s + i + 1;
        while (q < s + eol && (*q == ' ' || *q == '\t'))
            q++;
        if ((size_t)(s + eol - q) >= 15 && !memcmp(q, "\"utds\"", 6)) {
            q += 6;
            while (q < s + eol && (*q == ' ' || *q == ':'))
                q++;
            if (s + eol - q >= 7 && !memcmp(q, "\"jsonl\"", 7))
                return 95;
        }
    }
    /* A header that does not name the format first still names it on its line. */
    if (contains(s + i, eol - i, "\"utds\":\"jsonl\""))
        return 90;
    /* Headerless JSON Lines of events: a one-line object with a "type" that is not a
     * JSON-LD document, followed by another object line or the end. */
    if (eol < n || n < 4096) {
        size_t e = eol;
        const char *line = s + i;
        size_t len;
        while (e > i && (p[e - 1] == '\r' || p[e - 1] == ' '))
            e--;
        len = e - i;
        if (len < 2 || line[len - 1] != '}')
            return 0;
        if (!contains(line, len, "\"type\"") || contains(line, len, "EPCISDocument") ||
            contains(line, len, "EPCISQueryDocument"))
            return 0;
        for (e = eol + 1; e < n && (p[e] == ' ' || p[e] == '\t' || p[e] == '\r' || p[e] == '\n');)
            e++;
        if (e < n && p[e] != '{')
            return 0;
        return 60;
    }
    return 0;
}

/* ------------------------------------------------------------ lines */

/*
 * Take the next line (without its newline and a trailing CR) from the input.
 * Returns 1 with the line and its length, 0 at end, < 0 on error (a skipped over-long line
 * gives TRACE_EDATA after its diagnostic).
 */
static int next_line(trace_reader *r, jl_reader *st, const char **line, size_t *len)
{
    const unsigned char *p;
    size_t scanned = 0, max = (size_t)trace_ctx_limits(r->ctx)->max_record;
    long n = trace__in_peek(&r->in, &p, 1);
    for (;;) {
        const unsigned char *nl;
        if (n < 0)
            return trace__reader_input_error(r);
        if (n == 0)
            return 0;
        nl = memchr(p + scanned, '\n', (size_t)n - scanned);
        if (nl || (size_t)n > max || r->in.eof) {
            size_t k = nl ? (size_t)(nl - p) : (size_t)n;
            if (k > max) {
                char mx[32];
                trace_pos pos = {st->line + 1, 1};
                snprintf(mx, sizeof(mx), "%llu", (unsigned long long)max);
                char rec[32];
                snprintf(rec, sizeof(rec), "%llu", (unsigned long long)r->nevents);
                trace__reader_report(r, TRACE__D_EVENT_TOO_LARGE, pos, NULL, "max", mx, "record",
                                     rec, NULL);
                /* Skip to the end of the line without holding it. */
                while (!nl) {
                    r->in.pos = r->in.len;
                    n = trace__in_peek(&r->in, &p, 1);
                    if (n <= 0)
                        break;
                    nl = memchr(p, '\n', (size_t)n);
                }
                if (nl)
                    r->in.pos += (size_t)(nl - p) + 1;
                st->line++;
                return TRACE_EDATA;
            }
            st->line++;
            *line = (const char *)p;
            r->in.pos += nl ? k + 1 : k;
            if (k && p[k - 1] == '\r')
                k--;
            *len = k;
            return 1;
        }
        scanned = (size_t)n;
        n = trace__in_peek(&r->in, &p, (size_t)n + 1);
    }
}

static int blank(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

/* Report a parse failure of the current line. */
static int parse_failed(trace_reader *r, jl_reader *st, int rc)
{
    trace_pos pos;
    char mx[32], rec[32];
    pos.line = st->line;
    pos.column = (uint32_t)st->p.err_off + 1;
    if ((rc == TRACE_ENOMEM && r->ev_arena.over_limit) ||
        st->p.err_code == TRACE__D_EVENT_TOO_LARGE) {
        /* The event's tree outgrew the arena limit (4 x max_record): too large an event. */
        snprintf(mx, sizeof(mx), "%llu", (unsigned long long)trace_ctx_limits(r->ctx)->max_record);
        pos.column = 1;
        snprintf(rec, sizeof(rec), "%llu", (unsigned long long)r->nevents);
        trace__reader_report(r, TRACE__D_EVENT_TOO_LARGE, pos, NULL, "max", mx, "record", rec,
                             NULL);
        return TRACE_EDATA;
    }
    if (rc == TRACE_ENOMEM)
        return rc;
    if (st->p.err_code == TRACE__D_TOO_DEEP) {
        snprintf(mx, sizeof(mx), "%lu", (unsigned long)st->p.max_depth);
        trace__reader_report(r, TRACE__D_TOO_DEEP, pos, NULL, "max", mx, NULL);
        return TRACE_ELIMIT;
    }
    if (st->p.err_code == TRACE__D_STRING_TOO_LONG) {
        snprintf(mx, sizeof(mx), "%llu", (unsigned long long)st->p.max_string);
        trace__reader_report(r, TRACE__D_STRING_TOO_LONG, pos, NULL, "max", mx, NULL);
        return TRACE_EDATA;
    }
    if (st->p.err_code == TRACE__D_JSONL_DUPLICATE) {
        char name[64];
        size_t n = st->p.err_name.len < sizeof(name) - 1 ? st->p.err_name.len : sizeof(name) - 1;
        memcpy(name, st->p.err_name.s, n);
        name[n] = '\0';
        trace__reader_report(r, TRACE__D_JSONL_DUPLICATE, pos, NULL, "name", name, NULL);
        return TRACE_EDATA;
    }
    if (st->p.err_code == TRACE__D_NOT_UTF8) {
        trace__reader_report(r, TRACE__D_NOT_UTF8, pos, NULL, NULL);
        return TRACE_EDATA;
    }
    trace__reader_report(r, TRACE__D_JSONL_SYNTAX, pos, NULL, "reason", st->p.reason, NULL);
    return TRACE_EDATA;
}

static int is_utds(const jv *o, const char *what)
{
    const jv *u = jv_get(o, "utds");
    return u && u->kind == JV_STR && (!what || trace_str_eq(u->s, what));
}

static void jm_init(jm_ctx *c, trace_reader *r, trace__arena *a, uint32_t line)
{
    memset(c, 0, sizeof(*c));
    c->r = r;
    c->arena = a;
    c->line = line;
}

static int read_header(trace_reader *r, jl_reader *st, const jv *o)
{
    const jv *v = jv_get(o, "version"), *x;
    jm_ctx c;
    trace_pos pos = {st->line, 1};
    int rc;
    if (!v || v->kind != JV_STR || v->s.len < 2 || v->s.s[0] != '1' || v->s.s[1] != '.') {
        char ver[32];
        size_t n = v && v->kind == JV_STR ? (v->s.len < 31 ? v->s.len : 31) : 0;
        memcpy(ver, n ? v->s.s : "", n);
        ver[n] = '\0';
        trace__reader_report(r, TRACE__D_JSONL_VERSION, pos, NULL, "version",
                             v ? ver : "(none)", NULL);
        return TRACE_EDATA;
    }
    jm_init(&c, r, &r->doc_arena, st->line);
    {
        size_t i;
        for (i = 0; i < o->n; i++)
            if (!trace_str_eq(o->keys[i], "utds") && !trace_str_eq(o->keys[i], "version") &&
                !trace_str_eq(o->keys[i], "header") && !trace_str_eq(o->keys[i], "masterData"))
                jm_unknown(&c, &o->items[i], o->keys[i]);
    }
    if ((x = jv_get(o, "header")) != NULL && (rc = jm_header(&c, x, &r->hdr)) != TRACE_OK)
        return rc;
    if ((x = jv_get(o, "masterData")) != NULL && (rc = jm_masterdata(&c, x, &r->md)) != TRACE_OK)
        return rc;
    return TRACE_OK;
}

static int jl_open(trace_reader *r)
{
    jl_reader *st = trace__calloc(r->alloc, 1, sizeof(*st));
    const char *line;
    size_t len;
    int rc;
    jv *o;
    trace_str copy;
    if (!st)
        return TRACE_ENOMEM;
    r->state = st;
    jv_parser_init(&st->p, r->alloc, trace_ctx_limits(r->ctx));
    {
        const unsigned char *p;
        long n = trace__in_peek(&r->in, &p, 3);
        if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
            r->in.pos += 3; /* tolerate a BOM */
    }
    do {
        rc = next_line(r, st, &line, &len);
    } while (rc == 1 && blank(line, len));
    if (rc <= 0)
        return rc == 0 ? TRACE_OK : rc == TRACE_EDATA ? TRACE_EDATA : rc;
    /* The header lives as long as the reader: parse a copy in the document arena. */
    copy = trace__arena_str(&r->doc_arena, line, len);
    o = trace__arena_alloc(&r->doc_arena, sizeof(*o));
    if (!copy.s || !o)
        return TRACE_ENOMEM;
    rc = jv_parse(&st->p, &r->doc_arena, copy.s, copy.len, o);
    if (rc != TRACE_OK || o->kind != JV_OBJ) {
        trace_pos pos = {st->line, rc != TRACE_OK ? (uint32_t)st->p.err_off + 1 : 1};
        if (rc == TRACE_ENOMEM)
            return rc;
        trace__reader_report(r, TRACE__D_JSONL_BAD_HEADER, pos, NULL, "reason",
                             rc != TRACE_OK ? st->p.reason : "not a JSON object", NULL);
        return TRACE_EDATA;
    }
    if (is_utds(o, "jsonl"))
        return read_header(r, st, o);
    if (jv_get(o, "utds")) {
        trace_pos pos = {st->line, 1};
        trace__reader_report(r, TRACE__D_JSONL_BAD_HEADER, pos, NULL, "reason",
                             "\"utds\" is not \"jsonl\"", NULL);
        return TRACE_EDATA;
    }
    st->pending = o; /* a headerless document: this line is the first event */
    st->pending_line = st->line;
    return TRACE_OK;
}

/* After the trailer only blank lines may follow. */
static void check_after_trailer(trace_reader *r, jl_reader *st)
{
    const char *line;
    size_t len;
    int rc;
    while ((rc = next_line(r, st, &line, &len)) == 1 || rc == TRACE_EDATA) {
        if (rc == 1 && blank(line, len))
            continue;
        {
            trace_pos pos = {st->line, 1};
            trace__reader_report_at(r, TRACE__D_JSONL_AFTER_TRAILER, pos, -1, NULL, NULL);
        }
        return;
    }
}

static int read_trailer(trace_reader *r, jl_reader *st, const char *line, size_t len)
{
    trace_str copy = trace__arena_str(&r->doc_arena, line, len);
    jv *o = trace__arena_alloc(&r->doc_arena, sizeof(*o));
    jm_ctx c;
    int rc;
    if (!copy.s || !o)
        return TRACE_ENOMEM;
    if ((rc = jv_parse(&st->p, &r->doc_arena, copy.s, copy.len, o)) != TRACE_OK)
        return rc;
    jm_init(&c, r, &r->doc_arena, st->line);
    if ((rc = jm_trailer(&c, o, &r->trailer)) != TRACE_OK)
        return rc;
    st->trailer_done = 1;
    if (r->trailer.event_count != r->nevents) {
        char a[32], b[32];
        trace_pos pos = {st->line, 1};
        snprintf(a, sizeof(a), "%llu", (unsigned long long)r->trailer.event_count);
        snprintf(b, sizeof(b), "%llu", (unsigned long long)r->nevents);
        trace__reader_report_at(r, TRACE__D_JSONL_COUNT_MISMATCH, pos, -1, NULL, "count", a,
                                "read", b, NULL);
    }
    check_after_trailer(r, st);
    return TRACE_EOF;
}

static int jl_next(trace_reader *r, trace_event *ev)
{
    jl_reader *st = r->state;
    jm_ctx c;
    jv o;
    int rc;
    if (st->pending) {
        const jv *p = st->pending;
        st->pending = NULL;
        jm_init(&c, r, &r->ev_arena, st->pending_line);
        return jm_event(&c, p, ev);
    }
    for (;;) {
        const char *line;
        size_t len;
        if (st->trailer_done)
            return TRACE_EOF;
        rc = next_line(r, st, &line, &len);
        if (rc == 0)
            return TRACE_EOF;
        if (rc < 0)
            return rc;
        if (blank(line, len))
            continue;
        rc = jv_parse(&st->p, &r->ev_arena, line, len, &o);
        if (rc != TRACE_OK)
            return parse_failed(r, st, rc);
        if (o.kind != JV_OBJ) {
            trace_pos pos = {st->line, 1};
            trace__reader_report(r, TRACE__D_JSONL_NOT_OBJECT, pos, NULL, NULL);
            return TRACE_EDATA;
        }
        if (is_utds(&o, "trailer"))
            return read_trailer(r, st, line, len);
        if (jv_get(&o, "utds")) {
            trace_pos pos = {st->line, 1};
            trace__reader_report(r, TRACE__D_JSONL_HEADER_LATE, pos, NULL, NULL);
            continue;
        }
        jm_init(&c, r, &r->ev_arena, st->line);
        return jm_event(&c, &o, ev);
    }
}

static void jl_close(trace_reader *r)
{
    jl_reader *st = r->state;
    if (!st)
        return;
    jv_parser_free(&st->p);
    trace__free(r->alloc, st);
    r->state = NULL;
}

/* ------------------------------------------------------------ writer */

typedef struct jl_writer {
    trace__buf line;
} jl_writer;

static int jl_w_open(trace_writer *w)
{
    jl_writer *st;
    st = trace__calloc(w->alloc, 1, sizeof(*st));
    if (!st)
        return TRACE_ENOMEM;
    trace__buf_init(&st->line, w->alloc);
    w->state = st;
    return TRACE_OK;
}

static int flush_line(trace_writer *w, jl_writer *st)
{
    trace__buf_putc(&st->line, '\n');
    if (st->line.failed)
        return TRACE_ENOMEM;
    return trace__out_write(&w->out, st->line.data, st->line.len);
}

static int jl_w_header(trace_writer *w, const trace_header *h, const trace_masterdata *md)
{
    jl_writer *st = w->state;
    st->line.len = 0;
    je_header(&st->line, h, md);
    return flush_line(w, st);
}

static int jl_w_event(trace_writer *w, const trace_event *ev)
{
    jl_writer *st = w->state;
    je_opts o;
    o.cbv = w->opts.cbv;
    o.canonical = w->opts.canonical_order;
    o.seq_canonical = 0;
    st->line.len = 0;
    trace__buf_putc(&st->line, '{');
    je_event_members(&st->line, ev, &o, NULL);
    trace__buf_putc(&st->line, '}');
    return flush_line(w, st);
}

static int jl_w_close(trace_writer *w, const trace_trailer *t)
{
    jl_writer *st = w->state;
    trace_trailer empty;
    if (!t) {
        memset(&empty, 0, sizeof(empty));
        t = &empty;
    }
    /* The count is what was written, whatever the caller's trailer said. */
    empty = *t;
    empty.event_count = w->nevents;
    st->line.len = 0;
    je_trailer(&st->line, &empty);
    return flush_line(w, st);
}

static void jl_w_free(trace_writer *w)
{
    jl_writer *st = w->state;
    if (!st)
        return;
    trace__buf_free(&st->line);
    trace__free(w->alloc, st);
    w->state = NULL;
}

TRACE__FORMAT_DEFINE(jsonl) = {TRACE_FMT_JSONL, "jsonl", jl_sniff,   jl_open,   jl_next,
                               jl_close,        jl_w_open, jl_w_header, jl_w_event, jl_w_close,
                               jl_w_free};
