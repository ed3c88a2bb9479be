/*
 * test_dump.c - the canonical text form of the model: exact output for a
 * hand-built event, header and trailer, normalisation, and callback stop.
 */
#include "unit.h"

#include "libtrace/dump.h"

typedef struct sink {
    char buf[8192];
    size_t len;
    int stop_after; /* lines; <0 never */
    int lines;
} sink;

static int to_sink(const char *text, size_t len, void *payload)
{
    sink *s = payload;
    if (s->stop_after >= 0 && s->lines >= s->stop_after)
        return 1;
    assert_true(s->len + len < sizeof(s->buf));
    memcpy(s->buf + s->len, text, len);
    s->len += len;
    s->buf[s->len] = '\0';
    s->lines++;
    return 0;
}

static trace_str S(const char *s)
{
    return trace_str_c(s);
}

/* An ObjectEvent with a CBV URN, a list, a quantity and a small extension tree. */
static void build(trace_event *ev, trace_id *epcs, trace_quantity *q, trace_ext *ext,
                  trace_ext *kids, trace_ext_attr *attr)
{
    trace_event_init(ev);
    ev->index = 3;
    ev->type = TRACE_EVENT_OBJECT;
    ev->type_name = S("ObjectEvent");
    trace_time_parse(S("2024-03-01T08:00:00.50+08:00"), &ev->event_time);
    ev->event_time.pos.line = 7, ev->event_time.pos.column = 5;
    ev->tz_offset = S("+08:00");
    epcs[0].raw = S("urn:epc:id:sgtin:0614141.107346.2017");
    epcs[0].form = trace_id_classify(epcs[0].raw);
    epcs[1].raw = S("https://id.gs1.org/01/09521234543213/21/a\"b");
    epcs[1].form = trace_id_classify(epcs[1].raw);
    ev->epc_list.items = epcs;
    ev->epc_list.n = 2;
    ev->epc_list.present = 1;
    q->epc_class.raw = S("urn:epc:class:lgtin:4012345.012345.998877");
    q->epc_class.form = trace_id_classify(q->epc_class.raw);
    q->quantity.lexeme = S("200.0");
    q->uom = S("KGM");
    ev->quantity_list.items = q;
    ev->quantity_list.n = 1;
    ev->quantity_list.present = 1;
    ev->action = TRACE_ACTION_OBSERVE;
    ev->action_raw = S("OBSERVE");
    trace_vocab_set(&ev->biz_step, TRACE_CBV_BIZSTEP, S("urn:epcglobal:cbv:bizstep:shipping"));
    /* ext: <ex:z a="1"><ex:b>2</ex:b><!--c--><ex:a>x</ex:a></ex:z> */
    memset(kids, 0, 3 * sizeof(*kids));
    kids[0].ns = S("http://ex/"), kids[0].name = S("b"), kids[0].prefix = S("ex");
    kids[0].text = S("2"), kids[0].type = TRACE_EXT_NUMBER;
    kids[1].kind = TRACE_EXT_COMMENT, kids[1].text = S("c");
    kids[2].ns = S("http://ex/"), kids[2].name = S("a"), kids[2].prefix = S("ex");
    kids[2].text = S("x");
    memset(ext, 0, sizeof(*ext));
    ext->ns = S("http://ex/"), ext->name = S("z"), ext->prefix = S("ex"), ext->array = 1;
    ext->children = kids, ext->nchildren = 3;
    attr->ns = S(""), attr->name = S("a"), attr->prefix = S(""), attr->value = S("1");
    ext->attrs = attr, ext->nattrs = 1;
    ev->ext = ext;
    ev->next = 1;
    ev->order[0] = TRACE_F_EVENT_TIME, ev->order[1] = TRACE_F_EPC_LIST;
    ev->order[2] = TRACE_F_EXTENSION;
    ev->norder = 3;
}

static const char expect_plain[] =
    "event 3\n"
    "type = ObjectEvent \"ObjectEvent\"\n"
    "eventTime = \"2024-03-01T08:00:00.50+08:00\" utc=1709251200.500000000 off=480 frac=2\n"
    "eventTimeZoneOffset = \"+08:00\"\n"
    "epcList = list 2\n"
    "epcList[0] = \"urn:epc:id:sgtin:0614141.107346.2017\" urn\n"
    "epcList[1] = \"https://id.gs1.org/01/09521234543213/21/a\\\"b\" dl\n"
    "quantityList = list 1\n"
    "quantityList[0].epcClass = \"urn:epc:class:lgtin:4012345.012345.998877\" urn\n"
    "quantityList[0].quantity = \"200.0\"\n"
    "quantityList[0].uom = \"KGM\"\n"
    "action = OBSERVE \"OBSERVE\"\n"
    "bizStep = \"urn:epcglobal:cbv:bizstep:shipping\" urn value=\"shipping\"\n"
    "ext[0] = element \"http://ex/\" \"z\" prefix=\"ex\" array\n"
    "ext[0]@0 = \"\" \"a\" value=\"1\"\n"
    "ext[0][0] = element \"http://ex/\" \"b\" prefix=\"ex\" number text=\"2\"\n"
    "ext[0][1] = comment \"c\"\n"
    "ext[0][2] = element \"http://ex/\" \"a\" prefix=\"ex\" string text=\"x\"\n"
    "order = eventTime epcList (extension)\n"
    "end event\n";

static const char expect_norm[] =
    "event 3\n"
    "type = ObjectEvent\n"
    "eventTime = \"2024-03-01T08:00:00.50+08:00\" utc=1709251200.500000000 off=480 frac=2\n"
    "eventTimeZoneOffset = \"+08:00\"\n"
    "epcList = list 2\n"
    "epcList[0] = \"urn:epc:id:sgtin:0614141.107346.2017\" urn\n"
    "epcList[1] = \"https://id.gs1.org/01/09521234543213/21/a\\\"b\" dl\n"
    "quantityList = list 1\n"
    "quantityList[0].epcClass = \"urn:epc:class:lgtin:4012345.012345.998877\" urn\n"
    "quantityList[0].quantity = \"200.0\"\n"
    "quantityList[0].uom = \"KGM\"\n"
    "action = OBSERVE \"OBSERVE\"\n"
    "bizStep = \"shipping\"\n"
    "ext[0] = element \"http://ex/\" \"z\"\n"
    "ext[0]@0 = \"\" \"a\" value=\"1\"\n"
    "ext[0][0] = element \"http://ex/\" \"a\" text=\"x\"\n"
    "ext[0][1] = element \"http://ex/\" \"b\" text=\"2\"\n"
    "end event\n";

static void test_event_plain_and_normalized(void **state)
{
    trace_event ev;
    trace_id epcs[2];
    trace_quantity q;
    trace_ext ext, kids[3];
    trace_ext_attr attr;
    sink s;
    (void)state;
    memset(epcs, 0, sizeof(epcs));
    memset(&q, 0, sizeof(q));
    build(&ev, epcs, &q, &ext, kids, &attr);
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_event_dump(&ev, to_sink, &s, 0), TRACE_OK);
    assert_string_equal(s.buf, expect_plain);
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_event_dump(&ev, to_sink, &s, TRACE_DUMP_NORMALIZE), TRACE_OK);
    assert_string_equal(s.buf, expect_norm);
    /* The bare spelling of the same term normalises to the same text. */
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, S("shipping"));
    kids[0].type = TRACE_EXT_STRING, kids[0].prefix = S("other");
    ext.array = 0;
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_event_dump(&ev, to_sink, &s, TRACE_DUMP_NORMALIZE), TRACE_OK);
    assert_string_equal(s.buf, expect_norm);
    /* Positions appear only with TRACE_DUMP_POS. */
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_event_dump(&ev, to_sink, &s, TRACE_DUMP_POS), TRACE_OK);
    assert_non_null(strstr(s.buf, "\neventTime.pos = 7:5\n"));
}

static void test_header_trailer(void **state)
{
    trace_header h;
    trace_masterdata md;
    trace_vocabulary voc;
    trace_md_element el;
    trace_md_attr at;
    trace_trailer t;
    sink s;
    (void)state;
    trace_header_init(&h);
    h.doc_type = S("EPCISDocument");
    h.schema_version = S("2.0");
    h.instance_id = S("m-1");
    h.has_sbdh = 1;
    memset(&at, 0, sizeof(at));
    at.id = S("urn:epcglobal:cbv:mda#name");
    at.value = S("Farm \xe5\x86\x9c\xe5\x9c\xba");
    memset(&el, 0, sizeof(el));
    el.id = S("urn:epc:id:sgln:0614141.00777.0");
    el.attrs = &at, el.nattrs = 1;
    memset(&voc, 0, sizeof(voc));
    voc.type = S("urn:epcglobal:epcis:vtype:BusinessLocation");
    voc.elements = &el, voc.nelements = 1;
    md.vocabularies = &voc, md.nvocabularies = 1;
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_header_dump(&h, &md, to_sink, &s, 0), TRACE_OK);
    assert_string_equal(s.buf, "header\n"
                               "docType = \"EPCISDocument\"\n"
                               "schemaVersion = \"2.0\"\n"
                               "sbdh = present\n"
                               "sbdh.instanceIdentifier = \"m-1\"\n"
                               "end header\n"
                               "masterdata\n"
                               "vocabulary[0].type = \"urn:epcglobal:epcis:vtype:BusinessLocation\"\n"
                               "vocabulary[0].element[0].id = \"urn:epc:id:sgln:0614141.00777.0\"\n"
                               "vocabulary[0].element[0].attr[0] = \"urn:epcglobal:cbv:mda#name\" "
                               "string value=\"Farm \xe5\x86\x9c\xe5\x9c\xba\"\n"
                               "end masterdata\n");
    /* Normalised: the SBDH sender stands for the JSON-LD "sender". */
    {
        trace_sbdh_party p;
        memset(&p, 0, sizeof(p));
        p.identifier = S("urn:epc:id:pgln:1.2");
        p.authority = S("GS1");
        h.senders = &p, h.nsenders = 1;
        h.sbdh_version = S("1.0");
        memset(&s, 0, sizeof(s)), s.stop_after = -1;
        assert_int_equal(trace_header_dump(&h, NULL, to_sink, &s, TRACE_DUMP_NORMALIZE), TRACE_OK);
        assert_string_equal(s.buf, "header\ndocType = \"EPCISDocument\"\nschemaVersion = \"2.0\"\n"
                                   "sender = \"urn:epc:id:pgln:1.2\"\n"
                                   "instanceIdentifier = \"m-1\"\nend header\n");
        h.senders = NULL, h.nsenders = 0, h.has_sbdh = 0, h.sender = S("urn:epc:id:pgln:1.2");
        memset(&s, 0, sizeof(s)), s.stop_after = -1;
        assert_int_equal(trace_header_dump(&h, NULL, to_sink, &s, TRACE_DUMP_NORMALIZE), TRACE_OK);
        assert_string_equal(s.buf, "header\ndocType = \"EPCISDocument\"\nschemaVersion = \"2.0\"\n"
                                   "sender = \"urn:epc:id:pgln:1.2\"\n"
                                   "instanceIdentifier = \"m-1\"\nend header\n");
    }
    memset(&t, 0, sizeof(t));
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_trailer_dump(&t, to_sink, &s, 0), TRACE_OK);
    assert_string_equal(s.buf, "trailer absent\n");
    t.present = 1, t.event_count = 12, t.digest = S("sha256:ab"), t.key_id = S("k1");
    memset(&s, 0, sizeof(s)), s.stop_after = -1;
    assert_int_equal(trace_trailer_dump(&t, to_sink, &s, 0), TRACE_OK);
    assert_string_equal(s.buf, "trailer\neventCount = 12\ndigest = \"sha256:ab\"\n"
                               "keyID = \"k1\"\nend trailer\n");
}

static void test_normalized_sensor_terms(void **state)
{
    trace_event a, b;
    trace_sensor_element se_a, se_b;
    trace_sensor_report ra, rb;
    trace_sensor_attr xa[2], xb[2];
    sink s1, s2;
    (void)state;
    /* XML examples write type="gs1:Temperature" value="26.0"; JSON-LD "Temperature", 26.0,
     * possibly in another member order. */
    memset(xa, 0, sizeof(xa));
    memset(xb, 0, sizeof(xb));
    xa[0].name = S("type"), xa[0].value = S("gs1:Temperature");
    xa[1].name = S("value"), xa[1].value = S("26.0");
    xb[0].name = S("value"), xb[0].value = S("26.0"), xb[0].type = TRACE_EXT_NUMBER;
    xb[1].name = S("type"), xb[1].value = S("https://gs1.org/voc/Temperature");
    memset(&ra, 0, sizeof(ra));
    memset(&rb, 0, sizeof(rb));
    ra.attrs = xa, ra.nattrs = 2;
    rb.attrs = xb, rb.nattrs = 2;
    memset(&se_a, 0, sizeof(se_a));
    memset(&se_b, 0, sizeof(se_b));
    se_a.reports = &ra, se_a.nreports = 1;
    se_b.reports = &rb, se_b.nreports = 1;
    trace_event_init(&a);
    trace_event_init(&b);
    a.sensors = &se_a, a.nsensors = 1;
    b.sensors = &se_b, b.nsensors = 1;
    memset(&s1, 0, sizeof(s1)), s1.stop_after = -1;
    memset(&s2, 0, sizeof(s2)), s2.stop_after = -1;
    assert_int_equal(trace_event_dump(&a, to_sink, &s1, TRACE_DUMP_NORMALIZE), TRACE_OK);
    assert_int_equal(trace_event_dump(&b, to_sink, &s2, TRACE_DUMP_NORMALIZE), TRACE_OK);
    assert_string_equal(s1.buf, s2.buf);
    assert_non_null(strstr(s1.buf, "sensorReport[0]@1 = \"\" \"value\" value=\"26.0\"\n"));
    assert_non_null(strstr(s1.buf, "sensorReport[0]@0 = \"\" \"type\" value=\"Temperature\"\n"));
    /* Without normalising they differ. */
    memset(&s1, 0, sizeof(s1)), s1.stop_after = -1;
    memset(&s2, 0, sizeof(s2)), s2.stop_after = -1;
    assert_int_equal(trace_event_dump(&a, to_sink, &s1, 0), TRACE_OK);
    assert_int_equal(trace_event_dump(&b, to_sink, &s2, 0), TRACE_OK);
    assert_string_not_equal(s1.buf, s2.buf);
}

static void test_stop_and_einval(void **state)
{
    trace_event ev;
    sink s;
    (void)state;
    trace_event_init(&ev);
    memset(&s, 0, sizeof(s)), s.stop_after = 1;
    assert_int_equal(trace_event_dump(&ev, to_sink, &s, 0), TRACE_EIO);
    assert_string_equal(s.buf, "event -1\n");
    assert_int_equal(trace_event_dump(NULL, to_sink, &s, 0), TRACE_EINVAL);
    assert_int_equal(trace_event_dump(&ev, NULL, &s, 0), TRACE_EINVAL);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_event_plain_and_normalized),
                cmocka_unit_test(test_header_trailer),
                cmocka_unit_test(test_normalized_sensor_terms), cmocka_unit_test(test_stop_and_einval))
