/*
 * test_xml_write.c - the EPCIS XML writer: exact output bytes, loss
 * reports for what XML cannot hold, CBV styles, the trailer, and the round
 * trip read -> write -> read over every XML document of the reference
 * folder (with XSD validation of the output by xmllint when available).
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "test_xml_dump.h"

static trace_ext ext_node(const char *ns, const char *name, const char *prefix, const char *text)
{
    trace_ext x;
    memset(&x, 0, sizeof(x));
    x.kind = TRACE_EXT_ELEMENT;
    x.ns = trace_str_c(ns);
    x.name = trace_str_c(name);
    x.prefix = trace_str_c(prefix);
    x.text = trace_str_c(text);
    return x;
}

typedef struct wr {
    trace_ctx *ctx;
    trace_writer *w;
    trace_diag_list *losses;
    xd_buf out;
} wr;

static void wr_open(wr *x, trace_cbv_style cbv, int canonical)
{
    trace_writer_options o = TRACE_WRITER_OPTIONS_INIT;
    memset(x, 0, sizeof(*x));
    assert_int_equal(trace_ctx_new(&x->ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&x->losses, 0, NULL), TRACE_OK);
    o.format = TRACE_FMT_XML;
    o.cbv = cbv;
    o.canonical_order = canonical;
    o.losses = x->losses;
    assert_int_equal(trace_writer_open_cb(&x->w, x->ctx, xd_sink, &x->out, &o), TRACE_OK);
}

static void wr_close(wr *x)
{
    trace_writer_free(x->w);
    trace_diag_list_free(x->losses);
    trace_ctx_free(x->ctx);
    free(x->out.s);
}

/* The losses as "id record path what" lines. */
static void losses_text(trace_diag_list *l, xd_buf *b)
{
    size_t i;
    for (i = 0; i < trace_diag_list_count(l); i++) {
        const trace_diag *d = trace_diag_list_at(l, i);
        char line[400];
        snprintf(line, sizeof(line), "%s %lld %s %s\n", d->id, (long long)d->loc.record,
                 d->loc.path, trace_diag_arg_get(d, "what"));
        xd_c(b, line);
    }
}

/* An event as a JSON-LD reader would give it: things XML cannot hold as they are. */
static void test_losses_and_bytes(void **state)
{
    wr x;
    trace_header h;
    trace_event ev;
    trace_id certs[2], epcs[1];
    trace_quantity q;
    trace_ext ext[3], child;
    trace_ns ctx[2];
    trace_str urls[2];
    trace_sensor_element se;
    trace_sensor_report rep;
    trace_sensor_attr attrs[2];
    trace_trailer t;
    xd_buf l = {0};
    static const char expect[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" schemaVersion=\"2.0\" "
        "creationDate=\"2024-01-01T00:00:00Z\"><EPCISHeader>"
        "<sbdh:StandardBusinessDocumentHeader xmlns:sbdh=\"http://www.unece.org/cefact/namespaces/"
        "StandardBusinessDocumentHeader\"><sbdh:HeaderVersion>1.0</sbdh:HeaderVersion><sbdh:Sender>"
        "<sbdh:Identifier>urn:epc:id:pgln:1.1</sbdh:Identifier></sbdh:Sender>"
        "<sbdh:DocumentIdentification><sbdh:Standard>EPCglobal</sbdh:Standard><sbdh:TypeVersion>2.0"
        "</sbdh:TypeVersion><sbdh:InstanceIdentifier>M-1</sbdh:InstanceIdentifier><sbdh:Type>Events"
        "</sbdh:Type><sbdh:CreationDateAndTime>2024-01-01T00:00:00Z</sbdh:CreationDateAndTime>"
        "</sbdh:DocumentIdentification></sbdh:StandardBusinessDocumentHeader></EPCISHeader>"
        "<EPCISBody><EventList>\n"
        "<AggregationEvent xmlns:ex=\"http://ex.com/\"><eventTime>2024-01-01T08:00:00+08:00</eventTime>"
        "<eventTimeZoneOffset>+08:00</eventTimeZoneOffset>"
        "<certificationInfo>https://c/1</certificationInfo><parentID>urn:epc:id:sscc:1.2</parentID>"
        "<childEPCs><epc>urn:epc:id:sgtin:1.2.3</epc></childEPCs><action>ADD</action>"
        "<bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>"
        "<childQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:1.2.L</epcClass>"
        "<quantity>0.0015</quantity><uom>KGM</uom></quantityElement></childQuantityList>"
        "<sensorElementList><sensorElement><sensorReport value=\"26.5\" ex:n=\"3\"/></sensorElement>"
        "</sensorElementList>"
        "<ex:count>7</ex:count><ex:tags><ex:t>a &amp; b &lt;c&gt;</ex:t></ex:tags>"
        "<plain>x</plain></AggregationEvent>\n"
        "</EventList></EPCISBody><utds:trailer xmlns:utds=\"https://utds.org.cn/ns/1.0/\"><utds:eventCount>1"
        "</utds:eventCount><utds:digest>d1</utds:digest></utds:trailer></epcis:EPCISDocument>\n";
    static const char expect_losses[] =
        "TR-CONV-0001 -1 id the document id\n"
        "TR-CONV-0001 -1 @context the @context URL https://example.com/my-context.jsonld\n"
        "TR-CONV-0002 -1 sender the JSON-LD sender/receiver/instanceIdentifier\n"
        "TR-CONV-0002 4 (order) the member order\n"
        "TR-CONV-0001 4 ilmd ilmd in a AggregationEvent\n"
        "TR-CONV-0001 4 @context the event @context entry https://example.com/ctx\n"
        "TR-CONV-0002 4 (extension) the unqualified extension element plain\n"
        "TR-CONV-0003 4 certificationInfo certificationInfo\n"
        "TR-CONV-0002 4 bizStep the bare CBV value packing\n"
        "TR-CONV-0002 4 childQuantityList the number 1.5e-3\n"
        "TR-CONV-0002 4 sensorElementList the JSON type of sensorReport attribute n\n"
        "TR-CONV-0002 4 (extension) the JSON number type of count\n"
        "TR-CONV-0001 4 (extension) the JSON array around the single tags\n";
    (void)state;
    wr_open(&x, TRACE_CBV_STYLE_KEEP, 0);
    trace_header_init(&h);
    h.doc_type = trace_str_c("EPCISDocument");
    h.creation_date.lexeme = trace_str_c("2024-01-01T00:00:00Z");
    h.doc_id = trace_str_c("urn:uuid:doc");
    urls[0] = trace_str_c("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    urls[1] = trace_str_c("https://example.com/my-context.jsonld");
    h.context_urls = urls;
    h.ncontext_urls = 2;
    h.sender = trace_str_c("urn:epc:id:pgln:1.1");
    h.instance_id = trace_str_c("M-1");
    assert_int_equal(trace_writer_header(x.w, &h, NULL), TRACE_OK);

    trace_event_init(&ev);
    ev.index = 4;
    ev.type = TRACE_EVENT_AGGREGATION;
    ev.event_time.lexeme = trace_str_c("2024-01-01T08:00:00+08:00");
    ev.tz_offset = trace_str_c("+08:00");
    memset(certs, 0, sizeof(certs));
    certs[0].raw = trace_str_c("https://c/1");
    certs[1].raw = trace_str_c("https://c/2");
    ev.certification = certs;
    ev.ncertification = 2;
    ev.certification_array = 1;
    ev.parent_id.raw = trace_str_c("urn:epc:id:sscc:1.2");
    memset(epcs, 0, sizeof(epcs));
    epcs[0].raw = trace_str_c("urn:epc:id:sgtin:1.2.3");
    ev.child_epcs.items = epcs;
    ev.child_epcs.n = 1;
    ev.child_epcs.present = 1;
    ev.action = TRACE_ACTION_ADD;
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("packing"));
    memset(&q, 0, sizeof(q));
    q.epc_class.raw = trace_str_c("urn:epc:class:lgtin:1.2.L");
    q.quantity.lexeme = trace_str_c("1.5e-3");
    q.uom = trace_str_c("KGM");
    ev.child_quantity_list.items = &q;
    ev.child_quantity_list.n = 1;
    ev.child_quantity_list.present = 1;
    memset(&se, 0, sizeof(se));
    memset(&rep, 0, sizeof(rep));
    memset(attrs, 0, sizeof(attrs));
    attrs[0].name = trace_str_c("value");
    attrs[0].value = trace_str_c("26.5");
    attrs[0].type = TRACE_EXT_NUMBER;
    attrs[1].ns = trace_str_c("http://ex.com/");
    attrs[1].prefix = trace_str_c("ex");
    attrs[1].name = trace_str_c("n");
    attrs[1].value = trace_str_c("3");
    attrs[1].type = TRACE_EXT_NUMBER;
    rep.attrs = attrs;
    rep.nattrs = 2;
    se.reports = &rep;
    se.nreports = 1;
    ev.sensors = &se;
    ev.nsensors = 1;
    ev.has_ilmd = 1; /* AggregationEvent has no ilmd in XML */
    ext[0] = ext_node("http://ex.com/", "count", "ex", "7");
    ext[0].type = TRACE_EXT_NUMBER;
    ext[1] = ext_node("http://ex.com/", "tags", "ex", "");
    ext[1].array = 1;
    child = ext_node("http://ex.com/", "t", "ex", "a & b <c>");
    ext[1].children = &child;
    ext[1].nchildren = 1;
    ext[2] = ext_node("", "plain", "", "x");
    ev.ext = ext;
    ev.next = 3;
    ctx[0].prefix = trace_str_c("ex");
    ctx[0].uri = trace_str_c("http://ex.com/");
    ctx[1].prefix = trace_str_c("");
    ctx[1].uri = trace_str_c("https://example.com/ctx");
    ev.context = ctx;
    ev.ncontext = 2;
    ev.order[0] = TRACE_F_TYPE;
    ev.order[1] = TRACE_F_ACTION;
    ev.order[2] = TRACE_F_EVENT_TIME;
    ev.norder = 3;
    assert_int_equal(trace_writer_event(x.w, &ev), TRACE_OK);
    memset(&t, 0, sizeof(t));
    t.present = 1;
    t.event_count = 1;
    t.digest = trace_str_c("d1");
    assert_int_equal(trace_writer_close(x.w, &t), TRACE_OK);
    assert_string_equal(x.out.s, expect);
    losses_text(x.losses, &l);
    assert_string_equal(l.s, expect_losses);
    free(l.s);
    wr_close(&x);
}

static void test_cbv_styles(void **state)
{
    static const char doc[] =
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" schemaVersion=\"2.0\" "
        "creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody><EventList><ObjectEvent>"
        "<eventTime>2020-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00</eventTimeZoneOffset>"
        "<action>OBSERVE</action><bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>"
        "<disposition>https://ref.gs1.org/cbv/Disp-in_transit</disposition>"
        "<bizTransactionList><bizTransaction type=\"urn:epcglobal:cbv:btt:po\">urn:x:1</bizTransaction>"
        "</bizTransactionList></ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
    trace_writer_options o = TRACE_WRITER_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_diag_list *losses;
    xd_buf out = {0};
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    o.losses = losses;
    o.cbv = TRACE_CBV_STYLE_WEB;
    assert_int_equal(xd_convert(ctx, doc, sizeof(doc) - 1, TRACE_FMT_AUTO, NULL, NULL, &out, &o),
                     TRACE_OK);
    assert_non_null(strstr(out.s, "<bizStep>https://ref.gs1.org/cbv/BizStep-shipping</bizStep>"));
    assert_non_null(strstr(out.s, "<disposition>https://ref.gs1.org/cbv/Disp-in_transit<"));
    assert_non_null(strstr(out.s, "type=\"https://ref.gs1.org/cbv/BTT-po\""));
    assert_int_equal(trace_diag_list_count(losses), 0);
    out.len = 0;
    o.cbv = TRACE_CBV_STYLE_BARE; /* not valid in XML: URNs, one change reported */
    assert_int_equal(xd_convert(ctx, doc, sizeof(doc) - 1, TRACE_FMT_AUTO, NULL, NULL, &out, &o),
                     TRACE_OK);
    assert_non_null(strstr(out.s, "<disposition>urn:epcglobal:cbv:disp:in_transit</disposition>"));
    assert_int_equal(trace_diag_list_count(losses), 1);
    assert_string_equal(trace_diag_list_at(losses, 0)->id, "TR-CONV-0002");
    assert_string_equal(trace_diag_list_at(losses, 0)->loc.path, "cbv");
    free(out.s);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
}

/* Prefixes are declared where needed: a clash, no prefix, a namespaced attribute. */
static void test_namespaces(void **state)
{
    static const char expect[] =
        "<ObjectEvent><eventTime>2020-01-01T00:00:00Z</eventTime>"
        "<eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>ADD</action>"
        "<ex:x xmlns:ex=\"http://a/\">1</ex:x>"
        "<ns1:d xmlns:ns1=\"http://d/\" xmlns:ns2=\"http://t/\" ns2:u=\"v\"><c>2</c></ns1:d>"
        "<ex:y>3</ex:y></ObjectEvent>\n";
    wr x;
    trace_header h;
    trace_event ev;
    trace_ns ns;
    trace_ext ext[3], child;
    trace_ext_attr at;
    xd_buf d = {0};
    trace_ctx *ctx;
    const char *p;
    (void)state;
    wr_open(&x, TRACE_CBV_STYLE_KEEP, 1);
    trace_header_init(&h);
    h.creation_date.lexeme = trace_str_c("2020-01-01T00:00:00Z");
    ns.prefix = trace_str_c("ex");
    ns.uri = trace_str_c("http://ex.com/");
    h.namespaces = &ns;
    h.nnamespaces = 1;
    assert_int_equal(trace_writer_header(x.w, &h, NULL), TRACE_OK);
    trace_event_init(&ev);
    ev.event_time.lexeme = trace_str_c("2020-01-01T00:00:00Z");
    ev.tz_offset = trace_str_c("+00:00");
    ev.action = TRACE_ACTION_ADD;
    ext[0] = ext_node("http://a/", "x", "ex", "1");       /* ex is bound to another URI */
    ext[1] = ext_node("http://d/", "d", "", "");          /* no prefix at all */
    child = ext_node("", "c", "", "2");
    ext[1].children = &child;
    ext[1].nchildren = 1;
    memset(&at, 0, sizeof(at));
    at.ns = trace_str_c("http://t/");
    at.name = trace_str_c("u");
    at.value = trace_str_c("v");
    ext[1].attrs = &at;
    ext[1].nattrs = 1;
    ext[2] = ext_node("http://ex.com/", "y", "ex", "3"); /* the document's binding */
    ev.ext = ext;
    ev.next = 3;
    assert_int_equal(trace_writer_event(x.w, &ev), TRACE_OK);
    assert_int_equal(trace_writer_close(x.w, NULL), TRACE_OK);
    p = strstr(x.out.s, "<ObjectEvent>");
    assert_non_null(p);
    assert_memory_equal(p, expect, sizeof(expect) - 1);
    assert_int_equal(trace_diag_list_count(x.losses), 0);
    /* read back: every node keeps its namespace */
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(xd_convert(ctx, x.out.s, x.out.len, TRACE_FMT_XML, &d, NULL, NULL, NULL),
                     TRACE_OK);
    assert_non_null(strstr(d.s, "ext{<ns=http://a/;n=x;p=ex;t=1;><ns=http://d/;n=d;p=ns1;"
                                "@ns=http://t/;n=u;p=ns2;v=v;<n=c;t=2;>><ns=http://ex.com/;n=y;"
                                "p=ex;t=3;>}"));
    free(d.s);
    trace_ctx_free(ctx);
    wr_close(&x);
}

/* Indented output is the same document: white space between elements is no content. */
static void test_pretty(void **state)
{
    static const char doc[] =
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" xmlns:x=\"http://x/\" "
        "schemaVersion=\"2.0\" creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody><EventList>"
        "<ObjectEvent><eventTime>2020-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+00:00"
        "</eventTimeZoneOffset><epcList><epc>urn:epc:id:sgtin:1.2.3</epc></epcList><action>ADD"
        "</action><!-- c --><ilmd><x:a><x:b>1</x:b></x:a></ilmd><x:m>a<x:i>b</x:i>c</x:m>"
        "</ObjectEvent></EventList></EPCISBody></epcis:EPCISDocument>";
    static const char expect[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" xmlns:x=\"http://x/\" "
        "schemaVersion=\"2.0\" creationDate=\"2020-01-01T00:00:00Z\">\n"
        "  <EPCISBody>\n"
        "    <EventList>\n"
        "      <ObjectEvent>\n"
        "        <eventTime>2020-01-01T00:00:00Z</eventTime>\n"
        "        <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>\n"
        "        <epcList>\n"
        "          <epc>urn:epc:id:sgtin:1.2.3</epc>\n"
        "        </epcList>\n"
        "        <action>ADD</action>\n"
        "        <!-- c -->\n"
        "        <ilmd>\n"
        "          <x:a>\n"
        "            <x:b>1</x:b>\n"
        "          </x:a>\n"
        "        </ilmd>\n"
        "        <x:m>a<x:i>b</x:i>c</x:m>\n"
        "      </ObjectEvent>\n"
        "    </EventList>\n"
        "  </EPCISBody>\n"
        "</epcis:EPCISDocument>\n";
    trace_writer_options o = TRACE_WRITER_OPTIONS_INIT;
    trace_ctx *ctx;
    xd_buf d1 = {0}, d2 = {0}, out = {0};
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    o.pretty = 1;
    assert_int_equal(xd_convert(ctx, doc, sizeof(doc) - 1, TRACE_FMT_AUTO, &d1, NULL, &out, &o),
                     TRACE_OK);
    assert_string_equal(out.s, expect);
    assert_int_equal(xd_convert(ctx, out.s, out.len, TRACE_FMT_XML, &d2, NULL, NULL, NULL),
                     TRACE_OK);
    assert_string_equal(d1.s, d2.s);
    free(d1.s), free(d2.s), free(out.s);
    trace_ctx_free(ctx);
}

/* ------------------------------------------------------- reference docs */

static int have_xmllint(void)
{
    return system("xmllint --version >/dev/null 2>&1") == 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *b;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    if (b)
        b[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return b;
}

/* 1 when the file validates against the schema matching its root element. */
static int validates(const char *xsd_dir, const char *path, const char *text)
{
    char cmd[2048];
    const char *xsd = strstr(text, "EPCISQueryDocument")      ? "EPCglobal-epcis-query-2_0.xsd"
                      : strstr(text, "EPCISMasterDataDocument") ? "EPCglobal-epcis-masterdata-2_0.xsd"
                                                                : "EPCglobal-epcis-2_0.xsd";
    snprintf(cmd, sizeof(cmd), "xmllint --noout --nonet --schema '%s/%s' '%s' >/dev/null 2>&1",
             xsd_dir, xsd, path);
    return system(cmd) == 0;
}

typedef struct rt_stats {
    int docs, equal, valid_in, valid_out, idempotent, skipped;
} rt_stats;

static void round_trip(const trace_ctx *ctx, const char *xsd_dir, const char *path,
                       rt_stats *s, int lint)
{
    size_t len;
    char *text = slurp(path, &len), tmp[] = "/tmp/trace-xml-rt-XXXXXX";
    xd_buf d1 = {0}, d2 = {0}, o1 = {0}, o2 = {0}, c1 = {0}, c2 = {0};
    int rc, fd;
    if (!text)
        return;
    rc = xd_convert2(ctx, text, len, TRACE_FMT_AUTO, &d1, &c1, NULL, &o1, NULL);
    if (rc != TRACE_OK || !o1.s || !strstr(text, "EPCIS")) {
        s->skipped++; /* not an EPCIS document (bare events, capture jobs) */
        free(text), free(d1.s), free(o1.s), free(c1.s);
        return;
    }
    s->docs++;
    assert_int_equal(xd_convert2(ctx, o1.s, o1.len, TRACE_FMT_XML, &d2, &c2, NULL, &o2, NULL),
                     TRACE_OK);
    /* writing what was read back gives the same bytes: the form is stable */
    if (o2.s && !strcmp(o1.s, o2.s))
        s->idempotent++;
    else
        fail_msg("not idempotent: %s", path);
    if (lint && validates(xsd_dir, path, text)) {
        s->valid_in++;
        /* a valid document keeps its model and stays valid */
        if (strcmp(d1.s, d2.s) != 0)
            fail_msg("model changed: %s\n%s\n---\n%s", path, d1.s, d2.s);
        /* the library's canonical dump (with member order) agrees too */
        if (!c1.s || !c2.s || strcmp(c1.s, c2.s) != 0)
            fail_msg("canonical dump changed: %s", path);
        s->equal++;
        fd = mkstemp(tmp);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, o1.s, o1.len), (ssize_t)o1.len);
        close(fd);
        if (!validates(xsd_dir, tmp, o1.s))
            fail_msg("output does not validate: %s (kept in %s)", path, tmp);
        s->valid_out++;
        unlink(tmp);
    } else if (d1.s && d2.s && !strcmp(d1.s, d2.s)) {
        s->equal++;
    }
    free(text), free(d1.s), free(d2.s), free(o1.s), free(o2.s), free(c1.s), free(c2.s);
}

static void walk(const trace_ctx *ctx, const char *xsd_dir, const char *dir, rt_stats *s,
                 int lint)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[1024];
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            walk(ctx, xsd_dir, path, s, lint);
        else if (n > 4 && !strcmp(e->d_name + n - 4, ".xml"))
            round_trip(ctx, xsd_dir, path, s, lint);
    }
    closedir(d);
}

static void test_reference_round_trip(void **state)
{
    char ref[1024], epcis[1100], xsd[1200];
    trace_ctx *ctx;
    rt_stats s;
    int lint = have_xmllint();
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref))) {
        print_message("skipped: no reference folder (../shared/ref)\n");
        skip();
    }
    snprintf(epcis, sizeof(epcis), "%s/epcis", ref);
    snprintf(xsd, sizeof(xsd), "%s/gs1-EPCIS-dev/XSD", epcis);
    if (!lint)
        print_message("note: xmllint not found; XSD validation skipped\n");
    memset(&s, 0, sizeof(s));
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    walk(ctx, xsd, epcis, &s, lint);
    trace_ctx_free(ctx);
    print_message("reference XML: %d documents, %d idempotent, %d model-equal, %d valid in, "
                  "%d valid out, %d not EPCIS documents\n",
                  s.docs, s.idempotent, s.equal, s.valid_in, s.valid_out, s.skipped);
    assert_true(s.docs >= 100);
    assert_int_equal(s.idempotent, s.docs);
    assert_int_equal(s.valid_out, s.valid_in);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_losses_and_bytes), cmocka_unit_test(test_cbv_styles),
                cmocka_unit_test(test_pretty), cmocka_unit_test(test_namespaces),
                cmocka_unit_test(test_reference_round_trip))
