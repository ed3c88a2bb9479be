/*
 * test_io.c - the reader/writer core: gzip in and out, concatenated gzip
 * members, damaged and truncated gzip, 1-byte callback reads, memory input,
 * atomic file output, format detection.
 */
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "evtest.h"

static const char doc[] =
    "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{\"docType\":\"EPCISDocument\"}}\n"
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-03-01T08:00:00Z\",\"eventTimeZoneOffset\":"
    "\"+00:00\",\"epcList\":[\"urn:epc:id:sgtin:0614141.107346.2017\"],\"action\":\"ADD\"}\n"
    "{\"type\":\"AggregationEvent\",\"eventTime\":\"2024-03-01T09:00:00Z\",\"eventTimeZoneOffset\":"
    "\"+00:00\",\"parentID\":\"urn:epc:id:sscc:0614141.1234567890\",\"action\":\"ADD\"}\n"
    "{\"utds\":\"trailer\",\"eventCount\":2}\n";

static void gz(const void *in, size_t n, membuf *out)
{
    z_stream z;
    unsigned char buf[4096];
    int zr;
    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (Bytef *)(uintptr_t)in;
    z.avail_in = (uInt)n;
    do {
        z.next_out = buf;
        z.avail_out = sizeof(buf);
        zr = deflate(&z, Z_FINISH);
        mb_write(buf, sizeof(buf) - z.avail_out, out);
    } while (zr != Z_STREAM_END);
    deflateEnd(&z);
}

/* Dump of doc read as plain text: the reference every variant must equal. */
static void reference(trace_ctx *ctx, membuf *ref)
{
    assert_int_equal(et_run(ctx, doc, sizeof(doc) - 1, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, ref,
                            NULL, NULL),
                     TRACE_EOF);
    assert_non_null(strstr(mb_str(ref), "event 1\ntype = AggregationEvent"));
}

static void test_gzip_in(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    membuf ref = {0}, z = {0}, out = {0};
    (void)state;
    reference(ctx, &ref);
    gz(doc, sizeof(doc) - 1, &z);
    assert_int_equal(et_run(ctx, z.data, z.len, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, &out, NULL,
                            NULL),
                     TRACE_EOF);
    assert_string_equal(mb_str(&out), mb_str(&ref));
    mb_free(&out);
    /* Two gzip members back to back read as one stream (gzip -c a b > ab). */
    mb_free(&z);
    gz(doc, 100, &z);
    gz(doc + 100, sizeof(doc) - 1 - 100, &z);
    assert_int_equal(et_run(ctx, z.data, z.len, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, &out, NULL,
                            NULL),
                     TRACE_EOF);
    assert_string_equal(mb_str(&out), mb_str(&ref));
    mb_free(&out);
    mb_free(&z);
    mb_free(&ref);
    trace_ctx_free(ctx);
}

/* A document of n copies of the first event of doc (no trailer). */
static void big_doc(membuf *m, int n)
{
    const char *e = strchr(doc, '\n') + 1, *end = strchr(e, '\n') + 1;
    int i;
    mb_write(doc, (size_t)(e - doc), m);
    for (i = 0; i < n; i++)
        mb_write(e, (size_t)(end - e), m);
}

static void test_gzip_damaged(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_diag_list *diags = NULL;
    membuf z = {0}, out = {0}, text = {0};
    char d[256];
    (void)state;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    /* Truncated small file: found while detecting the format. */
    gz(doc, sizeof(doc) - 1, &z);
    assert_int_equal(et_run(ctx, z.data, z.len - 12, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, &out,
                            diags, NULL),
                     TRACE_EOF);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "TR-IO-0004@0:0#-1");
    assert_string_equal(mb_str(&out), "trailer absent\n"); /* no header, no event */
    mb_free(&out);
    mb_free(&z);
    trace_diag_list_clear(diags);
    /* Truncated big file: the events before the damage are read, then TR-IO-0004 and EIO. */
    big_doc(&text, 3000);
    gz(text.data, text.len, &z);
    assert_int_equal(et_run(ctx, z.data, z.len - 12, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, &out,
                            diags, NULL),
                     TRACE_EIO);
    et_diags(diags, d, sizeof(d));
    assert_non_null(strstr(d, "TR-IO-0004@0:0#"));
    assert_int_equal(trace_diag_list_count(diags), 1);
    assert_non_null(strstr(mb_str(&out), "event 2000\n"));
    mb_free(&out);
    trace_diag_list_clear(diags);
    /* Damaged checksum: every event inflates, then the end of the member fails. */
    z.data[z.len - 8] ^= 0x55;
    assert_int_equal(et_run(ctx, z.data, z.len, TRACE_FMT_JSONL, TRACE_FMT_AUTO, 0, &out, diags,
                            NULL),
                     TRACE_EIO);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "TR-IO-0004@0:0#3000");
    assert_non_null(strstr(mb_str(&out), "event 2999\n"));
    assert_int_equal(trace_diag_list_count(diags), 1);
    mb_free(&out);
    mb_free(&z);
    mb_free(&text);
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
}

typedef struct drip {
    const char *p;
    size_t n, pos;
} drip;

static long one_byte(void *buf, size_t size, void *payload)
{
    drip *d = payload;
    if (d->pos == d->n || size == 0)
        return 0;
    memcpy(buf, d->p + d->pos++, 1);
    return 1;
}

static void test_callback_one_byte(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_reader *r = NULL;
    const trace_event *ev;
    membuf ref = {0}, out = {0}, z = {0};
    drip d;
    int rc, pass;
    (void)state;
    reference(ctx, &ref);
    gz(doc, sizeof(doc) - 1, &z);
    for (pass = 0; pass < 2; pass++) {
        const trace_header *h;
        const trace_masterdata *md;
        d.p = pass ? z.data : doc;
        d.n = pass ? z.len : sizeof(doc) - 1;
        d.pos = 0;
        assert_int_equal(trace_reader_open_cb(&r, ctx, one_byte, &d, &ro), TRACE_OK);
        assert_int_equal(trace_reader_header(r, &h, &md), TRACE_OK);
        assert_int_equal(trace_reader_format(r), TRACE_FMT_JSONL);
        assert_int_equal(trace_header_dump(h, md, mb_dump, &out, 0), TRACE_OK);
        while ((rc = trace_reader_next(r, &ev)) == TRACE_OK)
            assert_int_equal(trace_event_dump(ev, mb_dump, &out, 0), TRACE_OK);
        assert_int_equal(rc, TRACE_EOF);
        assert_int_equal(trace_trailer_dump(trace_reader_trailer(r), mb_dump, &out, 0), TRACE_OK);
        assert_int_equal(trace_reader_events(r), 2);
        assert_int_equal(trace_reader_bytes(r), d.n);
        trace_reader_free(r);
        assert_string_equal(mb_str(&out), mb_str(&ref));
        mb_free(&out);
    }
    mb_free(&z);
    mb_free(&ref);
    trace_ctx_free(ctx);
}

static void test_gzip_out_and_atomic_file(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_writer *w = NULL;
    trace_event ev;
    char dir[] = "/tmp/libtrace-io-XXXXXX", path[256];
    struct stat st;
    membuf out = {0};
    FILE *f;
    char buf[4096];
    size_t n;
    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof(path), "%s/out.jsonl.gz", dir);
    trace_event_init(&ev);
    ev.type = TRACE_EVENT_OBJECT;
    ev.action = TRACE_ACTION_ADD;
    wo.format = TRACE_FMT_JSONL;
    wo.gzip = 1;
    assert_int_equal(trace_writer_open_file(&w, ctx, path, &wo), TRACE_OK);
    assert_int_equal(trace_writer_event(w, &ev), TRACE_OK);
    assert_int_not_equal(stat(path, &st), 0); /* not there before close */
    assert_int_equal(trace_writer_close(w, NULL), TRACE_OK);
    trace_writer_free(w);
    assert_int_equal(stat(path, &st), 0);
    f = fopen(path, "rb");
    assert_non_null(f);
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    assert_true(n > 2 && (unsigned char)buf[0] == 0x1f && (unsigned char)buf[1] == 0x8b);
    assert_int_equal(et_run(ctx, buf, n, TRACE_FMT_AUTO, TRACE_FMT_JSONL, 0, &out, NULL, NULL),
                     TRACE_EOF);
    assert_string_equal(mb_str(&out), "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{}}\n"
                                      "{\"type\":\"ObjectEvent\",\"action\":\"ADD\"}\n"
                                      "{\"utds\":\"trailer\",\"eventCount\":1}\n");
    mb_free(&out);
    /* A writer freed without close leaves neither the file nor its temporary. */
    assert_int_equal(unlink(path), 0);
    assert_int_equal(trace_writer_open_file(&w, ctx, path, &wo), TRACE_OK);
    assert_int_equal(trace_writer_event(w, &ev), TRACE_OK);
    trace_writer_free(w);
    assert_int_not_equal(stat(path, &st), 0);
    assert_int_equal(rmdir(dir), 0); /* empty: no temporary left behind */
    trace_ctx_free(ctx);
}

static void test_detection(void **state)
{
    static const struct {
        const char *text;
        trace_format f;
    } cases[] = {
        {"{\"utds\":\"jsonl\",\"version\":\"1.0\"}\n", TRACE_FMT_JSONL},
        {"  { \"utds\" : \"jsonl\" ,\"version\":\"1.0\"}\n", TRACE_FMT_JSONL},
        {"{\"version\":\"1.0\",\"utds\":\"jsonl\"}\n", TRACE_FMT_JSONL},
        {"{\"type\":\"ObjectEvent\",\"action\":\"ADD\"}\n{\"type\":\"ObjectEvent\"}\n",
         TRACE_FMT_JSONL},
        {"type,eventTime,more\r\n", TRACE_FMT_CSV},
        {"\xEF\xBB\xBF\"action\",\"type\"\n", TRACE_FMT_CSV},
    };
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_diag_list *diags = NULL;
    trace_reader *r = NULL;
    const trace_header *h;
    char d[128];
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        assert_int_equal(trace_reader_open_mem(&r, ctx, cases[i].text, strlen(cases[i].text), &ro),
                         TRACE_OK);
        assert_int_equal(trace_reader_header(r, &h, NULL), TRACE_OK);
        if (trace_reader_format(r) != cases[i].f)
            fail_msg("case %lu: detected %s", (unsigned long)i,
                     trace_format_name(trace_reader_format(r)));
        trace_reader_free(r);
    }
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    ro.diags = diags;
    ro.source_name = "x.bin";
    assert_int_equal(trace_reader_open_mem(&r, ctx, "hello, world\n", 13, &ro), TRACE_OK);
    assert_int_equal(trace_reader_header(r, &h, NULL), TRACE_EDATA);
    trace_reader_free(r);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "TR-IO-0006@0:0#-1");
    assert_string_equal(trace_diag_list_at(diags, 0)->loc.source, "x.bin");
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_gzip_in), cmocka_unit_test(test_gzip_damaged),
                cmocka_unit_test(test_callback_one_byte),
                cmocka_unit_test(test_gzip_out_and_atomic_file), cmocka_unit_test(test_detection))
