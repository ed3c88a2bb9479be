/*
 * test_xml_drivers.c - the two drivers of the EPCIS XML reader (xml_sax.c
 * and the xmlTextReader driver in xml_read.c) read every document alike.
 *
 * A document goes to the reader driver when its prolog has a DOCTYPE, so
 * each file is read as it is (SAX driver) and with "<!DOCTYPE x>" put just
 * before the root start tag, on the same line (reader driver). Both reads
 * are written back as EPCIS XML and must give the same bytes, and the same
 * diagnostics (code, line, record, path, message). When libxml2 finds the
 * document not well-formed, the drivers may split the events around the
 * error differently (the reader driver parses ahead of the event it maps),
 * so only the error itself is compared then.
 *
 * Files: testvectors/xml/data, examples/data (and invalid/), the fuzz corpus
 * of fuzz_xml, and a few documents built here (big line numbers, comments,
 * processing instructions, entities of the predefined kind, query and
 * master-data documents).
 */
#include <dirent.h>

#include "unit.h"
#include "xml_doc.h"

typedef struct out {
    char *p;
    size_t n, cap;
} out;

static int out_write(const void *buf, size_t size, void *payload)
{
    out *o = payload;
    if (o->n + size + 1 > o->cap) {
        o->cap = (o->n + size + 1) * 2;
        o->p = realloc(o->p, o->cap);
        assert_non_null(o->p);
    }
    memcpy(o->p + o->n, buf, size);
    o->n += size;
    o->p[o->n] = '\0';
    return 0;
}

typedef struct run {
    out xml;    /* the events written back */
    out diags;  /* one line per diagnostic */
    int failed; /* TR-XML-0001 (not well-formed) was reported */
    char fail_line[640];
} run;

static void diag_lines(run *u, trace_diag_list *dl)
{
    size_t i;
    for (i = 0; i < trace_diag_list_count(dl); i++) {
        const trace_diag *d = trace_diag_list_at(dl, i);
        char msg[512], line[1024];
        int k;
        trace_diag_message(d, TRACE_LANG_EN, msg, sizeof(msg));
        k = snprintf(line, sizeof(line), "%s %u %lld %s %s\n", d->id,
                     (unsigned)d->loc.line, (long long)d->loc.record, d->loc.path, msg);
        if (!strcmp(d->id, "TR-XML-0001") && !u->failed) {
            u->failed = 1;
            snprintf(u->fail_line, sizeof(u->fail_line), "%u %s", (unsigned)d->loc.line,
                     msg);
        }
        out_write(line, (size_t)k, &u->diags);
    }
}

static void read_doc(run *u, const char *buf, size_t len)
{
    trace_ctx *ctx;
    trace_diag_list *dl;
    trace_reader *r;
    trace_writer *w;
    trace_reader_options o = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    const trace_header *h = NULL;
    const trace_masterdata *md = NULL;
    const trace_event *ev;
    int rc;
    memset(u, 0, sizeof(*u));
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    o.diags = dl;
    o.format = TRACE_FMT_XML;
    wo.format = TRACE_FMT_XML;
    assert_int_equal(trace_reader_open_mem(&r, ctx, buf, len, &o), TRACE_OK);
    assert_int_equal(trace_writer_open_cb(&w, ctx, out_write, &u->xml, &wo), TRACE_OK);
    if (trace_reader_header(r, &h, &md) == TRACE_OK)
        trace_writer_header(w, h, md);
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        if (rc == TRACE_OK)
            trace_writer_event(w, ev);
    trace_writer_close(w, trace_reader_trailer(r));
    diag_lines(u, dl);
    trace_writer_free(w);
    trace_reader_free(r);
    trace_diag_list_free(dl);
    trace_ctx_free(ctx);
}

static void run_free(run *u)
{
    free(u->xml.p);
    free(u->diags.p);
}

/* Where the root start tag begins, or -1 when the prolog is not a plain one. */
static long root_at(const char *p, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
        i = 3;
    for (;;) {
        const char *close, *e;
        while (i < n && strchr(" \t\r\n", p[i]) && p[i])
            i++;
        if (i + 2 > n || p[i] != '<')
            return -1;
        if (p[i + 1] == '?')
            close = "?>";
        else if (i + 4 <= n && !memcmp(p + i, "<!--", 4))
            close = "-->";
        else if (p[i + 1] == '!')
            return -1; /* a DOCTYPE already: both reads take the reader driver */
        else
            return (long)i;
        e = NULL;
        for (i += 2; i + strlen(close) <= n; i++)
            if (!memcmp(p + i, close, strlen(close))) {
                e = p + i;
                break;
            }
        if (!e)
            return -1;
        i += strlen(close);
    }
}

/* Compare the two drivers on one document; returns 1 when compared. */
static int compare(const char *name, const char *buf, size_t len)
{
    static const char dt[] = "<!DOCTYPE x>";
    long at = root_at(buf, len);
    char *b;
    run s, t;
    if (at < 0)
        return 0;
    b = malloc(len + sizeof(dt));
    assert_non_null(b);
    memcpy(b, buf, (size_t)at);
    memcpy(b + at, dt, sizeof(dt) - 1);
    memcpy(b + at + sizeof(dt) - 1, buf + at, len - (size_t)at);
    read_doc(&s, buf, len);
    read_doc(&t, b, len + sizeof(dt) - 1);
    if (s.failed || t.failed) {
        if (s.failed != t.failed || strcmp(s.fail_line, t.fail_line))
            fail_msg("%s: not well-formed differently:\nsax:    %s\nreader: %s", name,
                     s.failed ? s.fail_line : "(none)",
                     t.failed ? t.fail_line : "(none)");
    } else {
        if (strcmp(s.diags.p ? s.diags.p : "", t.diags.p ? t.diags.p : ""))
            fail_msg("%s: diagnostics differ:\nsax:\n%sreader:\n%s", name,
                     s.diags.p ? s.diags.p : "", t.diags.p ? t.diags.p : "");
        if (s.xml.n != t.xml.n || memcmp(s.xml.p, t.xml.p, s.xml.n))
            fail_msg("%s: events differ:\nsax:\n%s\nreader:\n%s", name,
                     s.xml.p ? s.xml.p : "", t.xml.p ? t.xml.p : "");
    }
    run_free(&s);
    run_free(&t);
    free(b);
    return 1;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long k;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    k = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)k + 1);
    assert_non_null(p);
    *n = fread(p, 1, (size_t)k, f);
    fclose(f);
    return p;
}

/* Compare every file of dir (with suffix, or all when NULL); returns how many. */
static int compare_dir(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int k = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[1024];
        size_t n, sl = suffix ? strlen(suffix) : 0, nl = strlen(e->d_name);
        char *p;
        if (e->d_name[0] == '.' ||
            (suffix && (nl < sl || strcmp(e->d_name + nl - sl, suffix))))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (!(p = slurp(path, &n)))
            continue;
        k += compare(path, p, n);
        free(p);
    }
    closedir(d);
    return k;
}

static void test_files(void **state)
{
    (void)state;
    /* the bundled documents must be there: a test that compares nothing cannot fail */
    assert_true(compare_dir("testvectors/xml/data", ".xml") >= 15);
    assert_true(compare_dir("examples/data", ".xml") >= 8);
    assert_true(compare_dir("examples/data/invalid", ".xml") >= 8);
}

static void test_fuzz_corpus(void **state)
{
    (void)state;
    compare_dir("tests/fuzz/corpus/xml", NULL);
}

static void test_built(void **state)
{
    static const char *docs[] =
        {
            /* text split by references, comments and a processing instruction */
            "<?xml version=\"1.0\"?>\n<!-- c -->\n" HEAD EV(
                "<bizStep>a&amp;b&#65;<?pi x?>c</bizStep>"
                "<!-- in -->") TAIL,
            /* attributes with references; an event in EventList/extension */
            HEAD EV("<x:e xmlns:x=\"urn:x\" a=\"1&amp;2&#38;3&lt;\" "
                    "x:b=\"&quot;\">t</x:e>") "<extension>" EV(
                "<bizStep>b</bizStep>") "</extension>" TAIL,
            /* a query document with a name and a subscription */
            "<q:EPCISQueryDocument xmlns:q=\"urn:epcglobal:epcis-query:xsd:2\" "
            "schemaVersion=\"2.0\" "
            "creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody><q:QueryResults><queryName>"
            "SimpleEventQuery"
            "</queryName><subscriptionID>s1</subscriptionID><resultsBody><EventList>" EV(
                "") "</EventList></resultsBody></q:QueryResults></EPCISBody></"
                    "q:EPCISQueryDocument>",
            /* elements after the body, a trailer, an early extension */
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" "
            "xmlns:u=\"" TRACE_UTDS_NS
            "\" schemaVersion=\"2.0\" "
            "creationDate=\"2020-01-01T00:00:00Z\"><u:early>1</u:early>"
            "<EPCISBody><EventList>" EV(
                "") "</EventList><u:late/></EPCISBody><u:trailer><u:eventCount>1"
                    "</u:eventCount></u:trailer><u:after/></epcis:EPCISDocument>",
            /* an empty body, then a header */
            "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" "
            "schemaVersion=\"2.0\" "
            "creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody></EPCISBody></"
            "epcis:EPCISDocument>",
            /* undeclared prefix, mismatched tag, undefined entity */
            HEAD EV("<p:x>1</p:x>") TAIL,
            HEAD EV("<bizStep>a</bizstep>") TAIL,
            HEAD EV("<bizStep>&nope;</bizStep>") TAIL,
        };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
        char name[32];
        snprintf(name, sizeof(name), "built document %u", (unsigned)i);
        assert_int_equal(compare(name, docs[i], strlen(docs[i])), 1);
    }
}

/* Lines past 65535 (libxml2 keeps 16 bits in a node): both give the exact line. */
static void test_big_lines(void **state)
{
    static const char head[] = HEAD EV("<bizStep>a</bizStep>");
    static const char bad[] = EV("<eventTime>yesterday</eventTime>") TAIL;
    size_t nl = 70000, n = sizeof(head) - 1 + nl + sizeof(bad) - 1;
    char *p = malloc(n + 1);
    run s;
    (void)state;
    assert_non_null(p);
    memcpy(p, head, sizeof(head) - 1);
    memset(p + sizeof(head) - 1, '\n', nl);
    memcpy(p + sizeof(head) - 1 + nl, bad, sizeof(bad));
    assert_int_equal(compare("big lines", p, n), 1);
    read_doc(&s, p, n);
    assert_non_null(strstr(s.diags.p, " 70001 1 "));
    run_free(&s);
    free(p);
}

/* Nesting past libxml2's 256 levels: the SAX driver says what libxml2 says with a tree.
 */
static void test_depth(void **state)
{
    char *p = malloc(20000), *q;
    run s;
    int i;
    (void)state;
    assert_non_null(p);
    q = p + sprintf(p, "%s<ObjectEvent>", HEAD);
    for (i = 0; i < 300; i++)
        q += sprintf(q, "<a>");
    for (i = 0; i < 300; i++)
        q += sprintf(q, "</a>");
    q += sprintf(q, "</ObjectEvent>%s", TAIL);
    assert_int_equal(compare("deep", p, (size_t)(q - p)), 1);
    read_doc(&s, p, (size_t)(q - p));
    assert_true(s.failed);
    assert_non_null(strstr(s.fail_line, "Excessive depth in document: 256"));
    run_free(&s);
    free(p);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_files), cmocka_unit_test(test_fuzz_corpus),
                cmocka_unit_test(test_built), cmocka_unit_test(test_big_lines),
                cmocka_unit_test(test_depth))
