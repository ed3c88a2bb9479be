/*
 * test_jsonld.c - the EPCIS 2.0 JSON-LD codec: model fields, number
 * lexemes, @context after epcisBody on every kind of input, diagnostics
 * with JSON pointer paths, limits, the writer's exact output and losses,
 * and round trips over our own vectors and the official documents.
 */
#include <dirent.h>
#include <zlib.h>

#include "unit.h"
#include "libtrace/dump.h"
#include "libtrace/io.h"

/* ------------------------------------------------------------ helpers */

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static int sb_add(const char *t, size_t len, void *payload)
{
    sbuf *b = payload;
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, t, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static int sb_write(const void *t, size_t len, void *payload)
{
    return sb_add(t, len, payload);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    if (fread(p, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(p);
        return NULL;
    }
    p[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return p;
}

static char *vector_path(char *buf, size_t size, const char *name)
{
    const char *src = getenv("TRACE_SRCDIR");
    snprintf(buf, size, "%s/testvectors/jsonld/%s", src ? src : ".", name);
    return buf;
}

/* A read callback handing out at most 7 bytes at a time: a pipe. */
typedef struct pipe_src {
    const char *p;
    size_t n, off;
} pipe_src;

static long pipe_read(void *buf, size_t size, void *payload)
{
    pipe_src *s = payload;
    size_t k = s->n - s->off < size ? s->n - s->off : size;
    if (k > 7)
        k = 7;
    memcpy(buf, s->p + s->off, k);
    s->off += k;
    return (long)k;
}

enum { VIA_MEM, VIA_PIPE, VIA_FILE, VIA_GZFILE };

static trace_reader *open_via(trace_ctx *ctx, const char *doc, size_t len, int via,
                              trace_diag_list *dl, pipe_src *ps, char *tmp)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_reader *r = NULL;
    ro.diags = dl;
    ro.format = TRACE_FMT_JSONLD;
    if (via == VIA_MEM) {
        assert_int_equal(trace_reader_open_mem(&r, ctx, doc, len, &ro), TRACE_OK);
    } else if (via == VIA_PIPE) {
        ps->p = doc, ps->n = len, ps->off = 0;
        assert_int_equal(trace_reader_open_cb(&r, ctx, pipe_read, ps, &ro), TRACE_OK);
    } else {
        int fd;
        strcpy(tmp, "/tmp/test_jsonld_XXXXXX");
        fd = mkstemp(tmp);
        assert_true(fd >= 0);
        close(fd);
        if (via == VIA_FILE) {
            FILE *f = fopen(tmp, "wb");
            assert_int_equal(fwrite(doc, 1, len, f), len);
            fclose(f);
        } else {
            gzFile g = gzopen(tmp, "wb");
            assert_int_equal(gzwrite(g, doc, (unsigned)len), (int)len);
            gzclose(g);
        }
        assert_int_equal(trace_reader_open_file(&r, ctx, tmp, &ro), TRACE_OK);
    }
    return r;
}

/* Dump everything a reader gives; returns the number of events read. */
static int dump_reader(trace_reader *r, sbuf *out, unsigned flags, int *last_rc)
{
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int n = 0, rc = trace_reader_header(r, &h, &md);
    if (rc == TRACE_OK)
        trace_header_dump(h, md, sb_add, out, flags);
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        if (rc == TRACE_OK) {
            trace_event_dump(ev, sb_add, out, flags);
            n++;
        }
    if (rc == TRACE_EOF)
        trace_trailer_dump(trace_reader_trailer(r), sb_add, out, flags);
    if (last_rc)
        *last_rc = rc;
    return n;
}

/* Convert a JSON-LD document to JSON-LD with the given writer options. */
static void convert(trace_ctx *ctx, const char *doc, size_t len, sbuf *out,
                    trace_writer_options *wo, trace_diag_list *losses)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_reader *r;
    trace_writer *w;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc;
    ro.format = TRACE_FMT_JSONLD;
    wo->format = TRACE_FMT_JSONLD;
    wo->losses = losses;
    assert_int_equal(trace_reader_open_mem(&r, ctx, doc, len, &ro), TRACE_OK);
    assert_int_equal(trace_writer_open_cb(&w, ctx, sb_write, out, wo), TRACE_OK);
    assert_int_equal(trace_reader_header(r, &h, &md), TRACE_OK);
    assert_int_equal(trace_writer_header(w, h, md), TRACE_OK);
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        if (rc == TRACE_OK)
            assert_int_equal(trace_writer_event(w, ev), TRACE_OK);
    assert_int_equal(rc, TRACE_EOF);
    assert_int_equal(trace_writer_close(w, trace_reader_trailer(r)), TRACE_OK);
    trace_writer_free(w);
    trace_reader_free(r);
}

static const trace_diag *find_diag(trace_diag_list *dl, const char *id, size_t nth)
{
    size_t i;
    for (i = 0; i < trace_diag_list_count(dl); i++) {
        const trace_diag *d = trace_diag_list_at(dl, i);
        if (!strcmp(d->id, id) && nth-- == 0)
            return d;
    }
    return NULL;
}

#define DOC_HEAD                                                                             \
    "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"]," \
    "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","                              \
    "\"creationDate\":\"2026-01-01T00:00:00Z\",\"epcisBody\":{\"eventList\":["
#define DOC_TAIL "]}}"
#define EV_OK                                                                              \
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-01-01T00:00:00Z\","                  \
    "\"eventTimeZoneOffset\":\"+08:00\",\"epcList\":[],\"action\":\"OBSERVE\"}"

/* ------------------------------------------------------------- tests */

static void test_lexemes_and_fields(void **state)
{
    static const char doc[] = DOC_HEAD
        "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-01-01T00:00:00.120+08:00\","
        "\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"ADD\",\"bizStep\":\"shipping\","
        "\"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.1\","
        "\"quantity\":0.1,\"uom\":\"KGM\"},{\"epcClass\":\"urn:epc:idpat:sgtin:4012345.012345.*\","
        "\"quantity\":12345678901234567890123}],"
        "\"sensorElementList\":[{\"sensorReport\":[{\"type\":\"Temperature\",\"value\":-0.0,"
        "\"booleanValue\":false,\"sDev\":1e-7}]}],"
        "\"certificationInfo\":\"https://c.example/1\"}" DOC_TAIL;
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    const trace_event *ev;
    const trace_sensor_report *rep;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, doc, sizeof(doc) - 1, VIA_MEM, dl, NULL, NULL);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_int_equal(ev->type, TRACE_EVENT_OBJECT);
    assert_int_equal(ev->event_time.frac_digits, 3);
    assert_int_equal(ev->event_time.offset_min, 480);
    assert_int_equal(ev->event_time.nanos, 120000000u);
    assert_true(trace_str_eq(ev->quantity_list.items[0].quantity.lexeme, "0.1"));
    assert_true(trace_str_eq(ev->quantity_list.items[1].quantity.lexeme,
                             "12345678901234567890123"));
    assert_int_equal(ev->quantity_list.items[1].epc_class.form, TRACE_ID_EPC_URN);
    assert_true(trace_str_eq(ev->quantity_list.items[0].uom, "KGM"));
    assert_int_equal(ev->biz_step.form, TRACE_CBV_BARE);
    rep = &ev->sensors[0].reports[0];
    assert_int_equal(rep->nattrs, 4);
    assert_true(trace_str_eq(rep->attrs[1].value, "-0.0"));
    assert_int_equal(rep->attrs[1].type, TRACE_EXT_NUMBER);
    assert_true(trace_str_eq(rep->attrs[2].value, "false"));
    assert_int_equal(rep->attrs[2].type, TRACE_EXT_BOOL);
    assert_true(trace_str_eq(rep->attrs[3].value, "1e-7"));
    assert_int_equal(ev->ncertification, 1);
    assert_int_equal(ev->certification_array, 0);
    assert_int_equal(ev->norder, 8);
    assert_int_equal(ev->order[0], TRACE_F_TYPE);
    assert_int_equal(ev->order[7], TRACE_F_CERTIFICATION);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
    assert_int_equal(trace_diag_list_count(dl), 0);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

/* @context after epcisBody: memory, regular file, gzip file and a pipe. */
static void test_context_after_body(void **state)
{
    static const char doc[] =
        "{\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":"
        "\"2026-01-01T00:00:00Z\",\"epcisBody\":{\"eventList\":[{\"type\":\"ObjectEvent\","
        "\"eventTime\":\"2026-01-01T00:00:00Z\",\"eventTimeZoneOffset\":\"+00:00\","
        "\"action\":\"ADD\",\"epcList\":[],\"ex:a\":{\"ex:b\":1.50}}]},"
        "\"sender\":\"urn:epc:id:pgln:4012345.00000\","
        "\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
        "{\"ex\":\"http://example.com/ext/\"}]}";
    int via;
    (void)state;
    for (via = VIA_MEM; via <= VIA_GZFILE; via++) {
        trace_ctx *ctx;
        trace_diag_list *dl;
        trace_reader *r;
        const trace_header *h;
        const trace_event *ev;
        pipe_src ps;
        char tmp[64];
        assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
        assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
        r = open_via(ctx, doc, sizeof(doc) - 1, via, dl, &ps, tmp);
        assert_int_equal(trace_reader_header(r, &h, NULL), TRACE_OK);
        assert_int_equal(h->nnamespaces, 1);
        assert_true(trace_str_eq(h->namespaces[0].uri, "http://example.com/ext/"));
        /* sender after the body was pre-scanned with @context: no late diagnostic */
        assert_true(trace_str_eq(h->sender, "urn:epc:id:pgln:4012345.00000"));
        assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
        assert_int_equal(ev->next, 1);
        assert_true(trace_str_eq(ev->ext[0].ns, "http://example.com/ext/"));
        assert_true(trace_str_eq(ev->ext[0].prefix, "ex"));
        assert_true(trace_str_eq(ev->ext[0].children[0].text, "1.50"));
        assert_int_equal(ev->ext[0].children[0].type, TRACE_EXT_NUMBER);
        assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
        assert_int_equal(trace_diag_list_count(dl), 0);
        trace_reader_free(r);
        if (via >= VIA_FILE)
            unlink(tmp);
        trace_diag_list_free(dl);
        trace_ctx_free(ctx);
    }
}

/* From a pipe the body is buffered within max_buffer, or a clear failure. */
static void test_context_buffer_limit(void **state)
{
    static const char doc[] = "{\"type\":\"EPCISDocument\",\"epcisBody\":{\"eventList\":[" EV_OK
                              "," EV_OK "]},\"@context\":\"https://ref.gs1.org/x\"}";
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    const trace_header *h;
    const trace_diag *d;
    pipe_src ps;
    (void)state;
    co.limits.max_buffer = 64;
    assert_int_equal(trace_ctx_new(&ctx, &co), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, doc, sizeof(doc) - 1, VIA_PIPE, dl, &ps, NULL);
    assert_int_equal(trace_reader_header(r, &h, NULL), TRACE_ELIMIT);
    d = find_diag(dl, "TR-JSON-0007", 0);
    assert_non_null(d);
    assert_string_equal(trace_diag_arg_get(d, "max"), "64");
    assert_string_equal(d->loc.path, "/epcisBody");
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

static void test_event_diagnostics(void **state)
{
    static const char doc[] =
        DOC_HEAD "{\"type\":\"ObjectEvent\",\"type\":\"X\"},\n"
        "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-01-01T00:00:00Z\","
        "\"eventTimeZoneOffset\":\"+8:00\",\"epcList\":[\"urn:epc:id:sgtin:1.2.3\",7],"
        "\"action\":\"CREATE\",\"quantityList\":[{\"epcClass\":\"x:y\",\"weight\":1}],"
        "\"note\":1},\n" EV_OK DOC_TAIL;
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    const trace_event *ev;
    const trace_diag *d;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, doc, sizeof(doc) - 1, VIA_MEM, dl, NULL, NULL);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EDATA);
    d = find_diag(dl, "TR-JSON-0002", 0);
    assert_non_null(d);
    assert_string_equal(d->loc.path, "/epcisBody/eventList/0");
    assert_int_equal(d->loc.record, 0);
    assert_int_equal(d->loc.line, 1);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_int_equal(ev->index, 1);
    assert_int_equal(ev->action, TRACE_ACTION_INVALID);
    assert_int_equal(ev->epc_list.n, 2);
    d = find_diag(dl, "TR-JSON-0005", 0);
    assert_string_equal(d->loc.path, "/epcisBody/eventList/1/epcList/1");
    assert_int_equal(d->loc.record, 1);
    assert_int_equal(d->loc.line, 2);
    assert_int_equal(d->loc.column, 1);
    assert_string_equal(find_diag(dl, "TR-EVT-0002", 0)->loc.path,
                        "/epcisBody/eventList/1/eventTimeZoneOffset");
    assert_string_equal(find_diag(dl, "TR-EVT-0003", 0)->loc.path,
                        "/epcisBody/eventList/1/action");
    assert_string_equal(find_diag(dl, "TR-JSON-0010", 0)->loc.path,
                        "/epcisBody/eventList/1/quantityList/0/weight");
    assert_string_equal(find_diag(dl, "TR-JSON-0009", 0)->loc.path,
                        "/epcisBody/eventList/1/note");
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_int_equal(ev->index, 2);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
    assert_int_equal(trace_diag_list_count(dl), 6);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

typedef struct bad_case {
    const char *doc;
    int header_rc;  /* from trace_reader_header */
    int next_rc;    /* from the first trace_reader_next */
    const char *id; /* expected diagnostic */
    const char *path;
    uint32_t line, column;
} bad_case;

static void test_document_errors(void **state)
{
    static const bad_case cases[] = {
        {"[1]", TRACE_EDATA, TRACE_EOF, "TR-JSON-0003", "", 1, 1},
        {"{\"type\":\"EPCISDocument\" \"x\":1}", TRACE_EDATA, TRACE_EOF, "TR-JSON-0001", "", 1,
         25},
        {DOC_HEAD EV_OK " x" DOC_TAIL, TRACE_OK, TRACE_OK, NULL, NULL, 0, 0},
        {DOC_HEAD EV_OK DOC_TAIL " {}", TRACE_OK, TRACE_OK, "TR-JSON-0011", "", 1, 313},
        {DOC_HEAD DOC_TAIL, TRACE_OK, TRACE_EOF, NULL, NULL, 0, 0},
        {"{\"@context\":\"u:x\",\"type\":\"EPCISDocument\",\"epcisBody\":{}}", TRACE_OK,
         TRACE_EOF, "TR-JSON-0013", "/epcisBody", 1, 55},
        {"{\"@context\":\"u:x\",\"type\":\"EPCISDocument\",\"epcisBody\":{\"eventList\":[" EV_OK,
         TRACE_OK, TRACE_OK, "TR-JSON-0001", "/epcisBody/eventList/1", 1, 188},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        trace_ctx *ctx;
        trace_diag_list *dl;
        trace_reader *r;
        const trace_event *ev;
        const trace_diag *d;
        int rc;
        assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
        assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
        r = open_via(ctx, cases[i].doc, strlen(cases[i].doc), VIA_MEM, dl, NULL, NULL);
        assert_int_equal(trace_reader_header(r, NULL, NULL), cases[i].header_rc);
        rc = trace_reader_next(r, &ev);
        if (i == 2) { /* an event followed by junk: the event, then a fatal syntax error */
            assert_int_equal(rc, TRACE_OK);
            assert_int_equal(trace_reader_next(r, &ev), TRACE_EDATA);
            d = find_diag(dl, "TR-JSON-0001", 0);
            assert_non_null(d);
            assert_int_equal(d->loc.column, 310);
            assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
        } else {
            assert_int_equal(rc, cases[i].next_rc);
            while (rc == TRACE_OK || rc == TRACE_EDATA)
                rc = trace_reader_next(r, &ev);
            if (cases[i].id) {
                d = find_diag(dl, cases[i].id, 0);
                assert_non_null(d);
                assert_string_equal(d->loc.path, cases[i].path);
                assert_int_equal(d->loc.line, cases[i].line);
                assert_int_equal(d->loc.column, cases[i].column);
            } else {
                assert_int_equal(trace_diag_list_count(dl), 0);
            }
        }
        trace_reader_free(r);
        trace_diag_list_free(dl);
        trace_ctx_free(ctx);
    }
}

static void test_limits(void **state)
{
    static const char deep[] = DOC_HEAD "{\"ex:a\":[[[[[[[[1]]]]]]]]}" DOC_TAIL;
    static const char big[] =
        DOC_HEAD "{\"type\":\"ObjectEvent\",\"ex:pad\":\"0123456789012345678901234567890123456789"
                 "0123456789012345678901234567890123456789012345678901234567890123456789"
                 "0123456789012345678901234567890123456789012345678901234567890123456789"
                 "0123456789012345678901234567890123456789012345678901234567890123456789"
                 "\"}," EV_OK DOC_TAIL;
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    const trace_event *ev;
    (void)state;
    co.limits.max_depth = 8;
    co.limits.max_record = 256;
    assert_int_equal(trace_ctx_new(&ctx, &co), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, deep, sizeof(deep) - 1, VIA_MEM, dl, NULL, NULL);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_ELIMIT);
    assert_non_null(find_diag(dl, "TR-EVT-0006", 0));
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
    trace_reader_free(r);
    trace_diag_list_clear(dl);
    r = open_via(ctx, big, sizeof(big) - 1, VIA_PIPE, dl, &(pipe_src){0}, NULL);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EDATA);
    assert_string_equal(trace_diag_arg_get(find_diag(dl, "TR-EVT-0005", 0), "max"), "256");
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK); /* the next event is read */
    assert_int_equal(ev->index, 1);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
    co.limits.max_record = 0;
    co.limits.max_string = 100;
    assert_int_equal(trace_ctx_new(&ctx, &co), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, big, sizeof(big) - 1, VIA_MEM, dl, NULL, NULL);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EDATA);
    assert_non_null(find_diag(dl, "TR-EVT-0007", 0));
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

static void test_query_document(void **state)
{
    static const char doc[] =
        "{\"@context\":\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
        "\"type\":\"EPCISQueryDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":"
        "\"2026-01-01T00:00:00Z\",\"epcisBody\":{\"queryResults\":{\"queryName\":"
        "\"SimpleEventQuery\",\"resultsBody\":{\"eventList\":[" EV_OK ",{\"type\":1}]},"
        "\"subscriptionID\":\"s-1\"}}}";
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    const trace_header *h;
    const trace_event *ev;
    sbuf out = {0};
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    r = open_via(ctx, doc, sizeof(doc) - 1, VIA_MEM, dl, NULL, NULL);
    assert_int_equal(trace_reader_header(r, &h, NULL), TRACE_OK);
    assert_true(trace_str_eq(h->query_name, "SimpleEventQuery"));
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_string_equal(find_diag(dl, "TR-JSON-0005", 0)->loc.path,
                        "/epcisBody/queryResults/resultsBody/eventList/1/type");
    assert_int_equal(trace_reader_next(r, &ev), TRACE_EOF);
    assert_true(trace_str_eq(h->subscription_id, "s-1")); /* after resultsBody */
    trace_reader_free(r);
    convert(ctx, doc, sizeof(doc) - 1, &out, &wo, NULL);
    assert_string_equal(
        out.p,
        "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
        "{\"utds\":\"https://utds.org.cn/ns/1.0/\"}],\"type\":\"EPCISQueryDocument\","
        "\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-01-01T00:00:00Z\",\"epcisBody\":"
        "{\"queryResults\":{\"queryName\":\"SimpleEventQuery\",\"resultsBody\":{\"eventList\":"
        "[{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-01-01T00:00:00Z\","
        "\"eventTimeZoneOffset\":\"+08:00\",\"epcList\":[],\"action\":\"OBSERVE\"},"
        "{\"type\":\"ExtensionEvent\"}]}}}}\n");
    free(out.p);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

/* A model built by a program: exact bytes and the exact loss report. */
static void test_writer_exact_and_losses(void **state)
{
    trace_ctx *ctx;
    trace_diag_list *losses;
    trace_writer *w;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_header h;
    trace_event ev;
    trace_trailer t;
    trace_ext ext[4], kids[3];
    trace_ext_attr attr;
    trace_quantity q;
    sbuf out = {0};
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    wo.format = TRACE_FMT_JSONLD;
    wo.losses = losses;
    wo.cbv = TRACE_CBV_STYLE_BARE;
    assert_int_equal(trace_writer_open_cb(&w, ctx, sb_write, &out, &wo), TRACE_OK);
    trace_header_init(&h);
    h.creation_date.lexeme = trace_str_c("2026-01-01T00:00:00Z");
    h.has_sbdh = 1;
    h.instance_id = trace_str_c("M1");
    assert_int_equal(trace_writer_header(w, &h, NULL), TRACE_OK);
    trace_event_init(&ev);
    ev.type = TRACE_EVENT_OBJECT;
    ev.event_time.lexeme = trace_str_c("2026-01-01T00:00:00Z");
    ev.tz_offset = trace_str_c("+08:00");
    ev.action = TRACE_ACTION_ADD;
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP,
                    trace_str_c("urn:epcglobal:cbv:bizstep:commissioning"));
    memset(&q, 0, sizeof(q));
    q.epc_class.raw = trace_str_c("urn:epc:class:lgtin:4012345.012345.1");
    q.quantity.lexeme = trace_str_c("+5.");
    ev.quantity_list.items = &q;
    ev.quantity_list.n = 1;
    ev.quantity_list.present = 1;
    memset(ext, 0, sizeof(ext));
    memset(kids, 0, sizeof(kids));
    /* <x:a b="1" xsi:type="x:T">text</x:a>: attributes and xsi:type */
    ext[0].ns = trace_str_c("http://x.example/");
    ext[0].prefix = trace_str_c("x");
    ext[0].name = trace_str_c("a");
    attr.ns = trace_str_c("");
    attr.name = trace_str_c("b");
    attr.prefix = trace_str_c("");
    attr.value = trace_str_c("1");
    ext[0].attrs = &attr;
    ext[0].nattrs = 1;
    ext[0].xsi_type = trace_str_c("x:T");
    ext[0].text = trace_str_c("text");
    /* <x:m>one<x:c/>two<!--c--></x:m>: mixed content and a comment */
    ext[1] = ext[0];
    ext[1].name = trace_str_c("m");
    ext[1].attrs = NULL, ext[1].nattrs = 0, ext[1].xsi_type = trace_str_c(""), ext[1].text = trace_str_c("");
    kids[0].kind = TRACE_EXT_TEXT;
    kids[0].text = trace_str_c("one");
    kids[1] = ext[1];
    kids[1].name = trace_str_c("c");
    kids[2].kind = TRACE_EXT_COMMENT;
    kids[2].text = trace_str_c("c");
    ext[1].children = kids;
    ext[1].nchildren = 3;
    /* x:a again after x:m: the interleaving cannot be kept */
    ext[2] = ext[0];
    ext[2].nattrs = 0, ext[2].xsi_type = trace_str_c("");
    ext[2].text = trace_str_c("again");
    /* default-namespace element without a trailing delimiter: a prefix is bound */
    ext[3].ns = trace_str_c("http://y.example/ns");
    ext[3].name = trace_str_c("n");
    ext[3].text = trace_str_c("42");
    ext[3].type = TRACE_EXT_NUMBER;
    ev.ext = ext;
    ev.next = 4;
    assert_int_equal(trace_writer_event(w, &ev), TRACE_OK);
    memset(&t, 0, sizeof(t));
    t.present = 1;
    t.digest = trace_str_c("d");
    assert_int_equal(trace_writer_close(w, &t), TRACE_OK);
    trace_writer_free(w);
    assert_string_equal(
        out.p,
        "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
        "{\"utds\":\"https://utds.org.cn/ns/1.0/\"}],\"type\":\"EPCISDocument\","
        "\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-01-01T00:00:00Z\","
        "\"instanceIdentifier\":\"M1\",\"epcisHeader\":{\"utds:sbdh\":"
        "{\"documentIdentification\":{\"instanceIdentifier\":\"M1\"}}},"
        "\"epcisBody\":{\"eventList\":[{\"@context\":{\"x\":\"http://x.example/\","
        "\"xsi\":\"http://www.w3.org/2001/XMLSchema-instance\",\"ns1\":\"http://y.example/ns\"},"
        "\"type\":\"ObjectEvent\",\"eventTime\":\"2026-01-01T00:00:00Z\","
        "\"eventTimeZoneOffset\":\"+08:00\",\"action\":\"ADD\",\"bizStep\":\"commissioning\","
        "\"quantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.1\","
        "\"quantity\":\"+5.\"}],\"x:a\":[{\"utds:attr\":{\"xsi:type\":\"x:T\",\"b\":\"1\"},"
        "\"utds:text\":\"text\"},\"again\"],\"x:m\":{\"x:c\":\"\"},\"ns1:n\":42}]},"
        "\"utds:trailer\":{\"eventCount\":1,\"digest\":\"d\"}}\n");
    assert_int_equal(trace_diag_list_count(losses), 4);
    assert_string_equal(trace_diag_list_at(losses, 0)->id, "TR-CONV-0002");
    assert_string_equal(trace_diag_list_at(losses, 0)->loc.path,
                        "/epcisBody/eventList/0/quantityList");
    assert_string_equal(trace_diag_list_at(losses, 1)->id, "TR-CONV-0002");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(losses, 1), "what"),
                        "interleaving of repeated extension elements");
    assert_string_equal(trace_diag_list_at(losses, 2)->id, "TR-CONV-0001");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(losses, 2), "what"),
                        "mixed content (text between elements)");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(losses, 3), "what"),
                        "an XML comment");
    assert_int_equal(trace_diag_list_at(losses, 3)->loc.record, 0);
    free(out.p);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
}

/* read -> write -> read gives the same model (normalized), and writing is a fixpoint. */
static void roundtrip(trace_ctx *ctx, const char *doc, size_t len, const char *name)
{
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    sbuf d0 = {0}, d1 = {0}, d2 = {0}, w1 = {0}, w2 = {0};
    trace_reader *r;
    trace_diag_list *dl, *losses;
    int n0, n1;
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    r = open_via(ctx, doc, len, VIA_MEM, dl, NULL, NULL);
    n0 = dump_reader(r, &d0, TRACE_DUMP_NORMALIZE, NULL);
    trace_reader_free(r);
    wo.pretty = 1;
    convert(ctx, doc, len, &w1, &wo, losses);
    r = open_via(ctx, w1.p, w1.n, VIA_MEM, NULL, NULL, NULL);
    n1 = dump_reader(r, &d1, TRACE_DUMP_NORMALIZE, NULL);
    trace_reader_free(r);
    if (n0 != n1 || strcmp(d0.p, d1.p))
        fail_msg("%s: model changed after JSON-LD -> JSON-LD", name);
    wo.pretty = 0;
    wo.canonical_order = 1;
    convert(ctx, w1.p, w1.n, &w2, &wo, losses);
    r = open_via(ctx, w2.p, w2.n, VIA_MEM, NULL, NULL, NULL);
    dump_reader(r, &d2, TRACE_DUMP_NORMALIZE, NULL);
    trace_reader_free(r);
    if (strcmp(d0.p, d2.p))
        fail_msg("%s: model changed after canonical compact output", name);
    assert_int_equal(trace_diag_list_count(losses), 0);
    free(d0.p), free(d1.p), free(d2.p), free(w1.p), free(w2.p);
    trace_diag_list_free(dl);
    trace_diag_list_free(losses);
}

static void test_own_vector_roundtrip(void **state)
{
    char path[1024];
    size_t len;
    char *doc = slurp(vector_path(path, sizeof(path), "full.jsonld"), &len);
    trace_ctx *ctx;
    (void)state;
    assert_non_null(doc);
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    roundtrip(ctx, doc, len, "full.jsonld");
    free(doc);
    trace_ctx_free(ctx);
}

static int roundtrip_dir(trace_ctx *ctx, const char *dir, const char *ext)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[2048];
        size_t len, el = strlen(ext), nl = strlen(e->d_name);
        char *doc;
        if (nl <= el || strcmp(e->d_name + nl - el, ext))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (!(doc = slurp(path, &len)))
            continue;
        /* AssociationEvent-h has a duplicate eventID member: rejected on purpose */
        if (!strstr(e->d_name, "AssociationEvent-h")) {
            roundtrip(ctx, doc, len, path);
            n++;
        }
        free(doc);
    }
    closedir(d);
    return n;
}

static void test_official_roundtrip(void **state)
{
    static const char *const dirs[] = {
        "epcis/gs1-EPCIS-dev/JSON", "epcis/gs1-EPCIS-dev/JSON/WithFullCombinationOfFields",
        "epcis/gs1-EPCIS-dev/JSON/WithSensorData", "epcis/gs1-EPCIS-dev/JSON/AssociationEvent",
        "epcis/gs1-EPCIS-dev/JSON/WithErrorDeclaration",
        "epcis/openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents",
        "epcis/openepcis-test-resources/2.0/EPCIS/JSON/Query"};
    char ref[1024], dir[1200];
    trace_ctx *ctx;
    size_t i;
    int n = 0;
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref))) {
        print_message("skipped: shared/ref not present\n");
        skip();
    }
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        snprintf(dir, sizeof(dir), "%s/%s", ref, dirs[i]);
        n += roundtrip_dir(ctx, dir, i < 5 ? ".jsonld" : ".json");
    }
    assert_true(n >= 80);
    trace_ctx_free(ctx);
}

static void test_sniff(void **state)
{
    static const char doc[] = "\xEF\xBB\xBF  " DOC_HEAD EV_OK DOC_TAIL;
    trace_ctx *ctx;
    trace_reader *r;
    const trace_event *ev;
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_reader_open_mem(&r, ctx, doc, sizeof(doc) - 1, &ro), TRACE_OK);
    assert_int_equal(trace_reader_next(r, &ev), TRACE_OK);
    assert_int_equal(trace_reader_format(r), TRACE_FMT_JSONLD);
    trace_reader_free(r);
    trace_ctx_free(ctx);
}

/* Every allocation failure is reported cleanly and leaks nothing. */
static void test_out_of_memory(void **state)
{
    static const char doc[] =
        DOC_HEAD "{\"type\":\"ObjectEvent\",\"ex:a\":[1,{\"ex:b\":\"c\"}]," "\"quantityList\":"
                 "[{\"epcClass\":\"x:y\",\"quantity\":2}]}" DOC_TAIL;
    long k;
    (void)state;
    for (k = 0; k < 400; k++) {
        failalloc fa;
        trace_allocator a = failalloc_make(&fa, k);
        trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
        trace_ctx *ctx;
        trace_reader *r;
        trace_writer *w;
        trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
        trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
        const trace_header *h;
        const trace_event *ev;
        sbuf out = {0};
        int rc;
        co.alloc = &a;
        if (trace_ctx_new(&ctx, &co) != TRACE_OK)
            continue;
        ro.format = wo.format = TRACE_FMT_JSONLD;
        if (trace_reader_open_mem(&r, ctx, doc, sizeof(doc) - 1, &ro) == TRACE_OK) {
            if (trace_writer_open_cb(&w, ctx, sb_write, &out, &wo) == TRACE_OK) {
                if (trace_reader_header(r, &h, NULL) == TRACE_OK &&
                    trace_writer_header(w, h, NULL) == TRACE_OK)
                    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK)
                        trace_writer_event(w, ev);
                trace_writer_close(w, NULL);
                trace_writer_free(w);
            }
            trace_reader_free(r);
        }
        trace_ctx_free(ctx);
        free(out.p);
        assert_int_equal(fa.live, 0);
    }
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_lexemes_and_fields),
                cmocka_unit_test(test_context_after_body),
                cmocka_unit_test(test_context_buffer_limit),
                cmocka_unit_test(test_event_diagnostics),
                cmocka_unit_test(test_document_errors), cmocka_unit_test(test_limits),
                cmocka_unit_test(test_query_document),
                cmocka_unit_test(test_writer_exact_and_losses),
                cmocka_unit_test(test_own_vector_roundtrip),
                cmocka_unit_test(test_official_roundtrip), cmocka_unit_test(test_sniff),
                cmocka_unit_test(test_out_of_memory))
