/*
 * test_jsonl.c - UTDS JSON Lines: exact round trips, number lexemes,
 * malformed input classes with exact diagnostics and positions, limits.
 */
#include "evtest.h"

static const char doc[] =
    "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{\"docType\":\"EPCISDocument\","
    "\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-01-01T00:00:00Z\",\"sbdh\":{\"sender\":"
    "[{\"identifier\":\"urn:epc:id:sgln:1.2.3\",\"authority\":\"GS1\"}],\"instanceIdentifier\":"
    "\"m1\"},\"namespaces\":[[\"ex\",\"http://ex/\"]]},\"masterData\":[{\"type\":\"urn:epcglobal:"
    "epcis:vtype:BusinessLocation\",\"elements\":[{\"id\":\"urn:epc:id:sgln:0614141.00777.0\","
    "\"attributes\":[{\"id\":\"urn:epcglobal:cbv:mda#name\",\"value\":\"\xe5\x86\x9c\xe5\x9c\xba\"},"
    "{\"id\":\"x\",\"value\":1.50}]}]}]}\n"
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-03-01T08:00:00.50+08:00\","
    "\"eventTimeZoneOffset\":\"+08:00\",\"epcList\":[\"urn:epc:id:sgtin:0614141.107346.2017\"],"
    "\"action\":\"OBSERVE\",\"bizStep\":\"urn:epcglobal:cbv:bizstep:shipping\",\"quantityList\":"
    "[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.998877\",\"quantity\":"
    "12345678901234567890.1230,\"uom\":\"KGM\"}],\"ext\":[{\"ns\":\"http://ex/\",\"name\":\"t\","
    "\"prefix\":\"ex\",\"attrs\":[{\"name\":\"a\",\"value\":\"1\"}],\"children\":[{\"ns\":"
    "\"http://ex/\",\"name\":\"n\",\"value\":1e-7},{\"comment\":\" c \"},{\"text\":\"mixed\"}]}],"
    "\"readPoint\":{\"id\":\"urn:epc:id:sgln:0614141.00777.0\"},\"sourceList\":[{\"type\":"
    "\"owning_party\",\"source\":\"urn:epc:id:pgln:0614141.00001\"}]}\n"
    "{\"type\":\"TransformationEvent\",\"ext\":[{\"name\":\"a\",\"value\":\"x\"},"
    "{\"name\":\"b\",\"value\":null}],\"eventTime\":\"2024-03-02T00:00:00Z\","
    "\"eventTimeZoneOffset\":\"+00:00\",\"inputEPCList\":[],\"outputQuantityList\":[{\"epcClass\":"
    "\"urn:epc:class:lgtin:1.2.3\",\"quantity\":-0,\"uom\":\"KGM\"}],\"sensorElementList\":"
    "[{\"sensorMetadata\":[{\"name\":\"time\",\"value\":\"2024-03-01T08:00:00Z\"}],"
    "\"sensorReport\":[{\"attrs\":[{\"name\":\"type\",\"value\":\"gs1:Temperature\"},{\"name\":"
    "\"value\",\"value\":26.0},{\"ns\":\"http://ex/\",\"name\":\"ok\",\"prefix\":\"ex\",\"value\":"
    "true}]}]}],\"ilmd\":[],\"persistentDisposition\":{\"set\":[\"completeness_verified\"],"
    "\"unset\":[]},\"errorDeclaration\":{\"declarationTime\":\"2024-03-03T00:00:00Z\",\"reason\":"
    "\"incorrect_data\",\"correctiveEventIDs\":[\"ni:///sha-256;ab\"]},\"order\":[\"type\",\"ext\","
    "\"eventTime\",\"eventTimeZoneOffset\",\"inputEPCList\",\"outputQuantityList\",\"ext\","
    "\"sensorElementList\",\"ilmd\",\"persistentDisposition\",\"errorDeclaration\"]}\n"
    "{\"utds\":\"trailer\",\"eventCount\":2,\"digest\":\"sha-256:00\",\"keyID\":\"k1\"}\n";

static void test_round_trip_exact(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_diag_list *diags = NULL;
    membuf out = {0}, out2 = {0};
    char d[512];
    (void)state;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    assert_int_equal(et_run(ctx, doc, sizeof(doc) - 1, TRACE_FMT_AUTO, TRACE_FMT_JSONL, 0, &out,
                            diags, NULL),
                     TRACE_EOF);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "");
    assert_string_equal(mb_str(&out), doc); /* byte for byte, lexemes and order kept */
    /* Through CSV and back gives the same bytes again. */
    assert_int_equal(et_run(ctx, doc, sizeof(doc) - 1, TRACE_FMT_JSONL, TRACE_FMT_CSV, 0, &out2,
                            diags, NULL),
                     TRACE_EOF);
    mb_free(&out);
    assert_int_equal(et_run(ctx, out2.data, out2.len, TRACE_FMT_AUTO, TRACE_FMT_JSONL, 0, &out,
                            diags, NULL),
                     TRACE_EOF);
    assert_string_equal(mb_str(&out), doc);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "");
    mb_free(&out);
    mb_free(&out2);
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
}

static void test_model_values(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    membuf out = {0};
    (void)state;
    assert_int_equal(et_run(ctx, doc, sizeof(doc) - 1, TRACE_FMT_JSONL, TRACE_FMT_AUTO,
                            TRACE_DUMP_POS, &out, NULL, NULL),
                     TRACE_EOF);
    assert_non_null(strstr(mb_str(&out), "\nquantityList[0].quantity = \"12345678901234567890.1230\"\n"
                                         "quantityList[0].quantity.pos = 2:297\n"));
    assert_non_null(strstr(mb_str(&out), "\next[0][0] = element \"http://ex/\" \"n\" number text=\"1e-7\"\n"));
    assert_non_null(strstr(mb_str(&out), "\next[0][1] = comment \" c \"\n"));
    assert_non_null(strstr(mb_str(&out), "\nattr[0] = \"urn:epcglobal:cbv:mda#name\" string value=\"\xe5\x86\x9c\xe5\x9c\xba\"\n") ||
                    strstr(mb_str(&out), ".attr[0] = \"urn:epcglobal:cbv:mda#name\" string value=\"\xe5\x86\x9c\xe5\x9c\xba\"\n"));
    assert_non_null(strstr(mb_str(&out), "\norder = type (extension) eventTime eventTimeZoneOffset "
                                         "inputEPCList outputQuantityList (extension) "
                                         "sensorElementList ilmd persistentDisposition "
                                         "errorDeclaration\nend event\n"));
    assert_non_null(strstr(mb_str(&out), "@2 = \"http://ex/\" \"ok\" prefix=\"ex\" bool value=\"true\"\n"));
    assert_non_null(strstr(mb_str(&out), "\ntrailer\neventCount = 2\ndigest = \"sha-256:00\"\n"
                                         "keyID = \"k1\"\nend trailer\n"));
    mb_free(&out);
    trace_ctx_free(ctx);
}

/* Run text, return the diagnostics string and the dump. */
static void run_diag(const char *text, trace_ctx *ctx, char *d, size_t size, membuf *out)
{
    trace_diag_list *diags = NULL;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    et_run(ctx, text, strlen(text), TRACE_FMT_JSONL, TRACE_FMT_AUTO, 0, out, diags, NULL);
    et_diags(diags, d, size);
    trace_diag_list_free(diags);
}

#define H "{\"utds\":\"jsonl\",\"version\":\"1.0\"}\n"
#define E "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-01-01T00:00:00Z\",\"eventTimeZoneOffset\":\"+00:00\",\"action\":\"ADD\"}\n"

static void test_malformed(void **state)
{
    static const struct {
        const char *text, *diags;
    } cases[] = {
        /* syntax: position is line and byte column of the error */
        {H "{\"type\":\"ObjectEvent\",}\n" E, "TR-JSONL-0001@2:23#0"},
        {H "[1,2]\n" E, "TR-JSONL-0002@2:1#0"},
        {H "{\"type\":\"ObjectEvent\",\"action\":\"ADD\",\"action\":\"DELETE\"}\n",
         "TR-JSONL-0007@2:47#0"},
        {H "{\"type\":\"ObjectEvent\",\"epcList\":\"x\"}\n", "TR-JSONL-0006@2:33#0"},
        {H "{\"eventTime\":\"2024-01-01T00:00:00Z\"}\n", "TR-JSONL-0008@2:1#0"},
        {H "{\"type\":\"FooEvent\",\"zz\":1}\n", "TR-EVT-0004@2:9#0;TR-JSONL-0005@2:25#0"},
        {H "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-13-01T00:00:00Z\",\"action\":\"MOVE\","
           "\"eventTimeZoneOffset\":\"+15:00\"}\n",
         "TR-EVT-0001@2:35#0;TR-EVT-0003@2:67#0;TR-EVT-0002@2:96#0"},
        {"{\"utds\":\"jsonl\",\"version\":\"2.0\"}\n" E, "TR-JSONL-0004@1:1#-1"},
        {"{\"utds\":\"other\"}\n" E, "TR-JSONL-0003@1:1#-1"},
        {"{\"utds\":\"jsonl\",\n" E, "TR-JSONL-0003@1:17#-1"},
        {H E "{\"utds\":\"trailer\",\"eventCount\":3}\n", "TR-JSONL-0010@3:1#-1"},
        {H E "{\"utds\":\"trailer\",\"eventCount\":1}\n" E, "TR-JSONL-0009@4:1#-1"},
        {H E H E, "TR-JSONL-0011@3:1#1"},
        {H "{\"type\":\"ObjectEvent\",\"eventID\":\"\xff\"}\n" E, "TR-IO-0005@2:34#0"},
        {H "{\"type\":\"ObjectEvent\",\"eventID\":\"\\ud800\"}\n" E, "TR-JSONL-0001@2:34#0"},
    };
    size_t i;
    trace_ctx *ctx = et_ctx(0, 0, 0);
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char d[512];
        membuf out = {0};
        run_diag(cases[i].text, ctx, d, sizeof(d), &out);
        if (strcmp(d, cases[i].diags) != 0)
            fail_msg("case %lu: got %s, expected %s", (unsigned long)i, d, cases[i].diags);
        mb_free(&out);
    }
    trace_ctx_free(ctx);
}

static void test_duplicates_everywhere(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    membuf out = {0};
    char d[256], text[2048], obj[1024] = "{";
    int k;
    (void)state;
    /* Nested objects reject duplicates too (as JSON_REJECT_DUPLICATES); the line is skipped. */
    run_diag(H "{\"type\":\"ObjectEvent\",\"quantityList\":[{\"epcClass\":\"a\",\"epcClass\":\"b\"}]}\n" E,
             ctx, d, sizeof(d), &out);
    assert_string_equal(d, "TR-JSONL-0007@2:66#0");
    assert_non_null(strstr(mb_str(&out), "event 1\n"));
    mb_free(&out);
    /* A big object (sorted check): 40 members, the last repeats the fifth. */
    for (k = 0; k < 40; k++)
        snprintf(obj + strlen(obj), sizeof(obj) - strlen(obj), "\"k%d\":%d,", k, k);
    strcat(obj, "\"k4\":0}");
    snprintf(text, sizeof(text), H "{\"type\":\"ObjectEvent\",\"ext\":[{\"name\":\"x\",\"value\":%s}]}\n" E,
             obj);
    run_diag(text, ctx, d, sizeof(d), &out);
    assert_string_equal(d, "TR-JSONL-0007@2:396#0");
    mb_free(&out);
    trace_ctx_free(ctx);
}

static void test_skip_keeps_going(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    membuf out = {0};
    char d[256];
    (void)state;
    /* A bad line is skipped; the next event is read and keeps its own index. */
    run_diag(H "{bad\n" E, ctx, d, sizeof(d), &out);
    assert_string_equal(d, "TR-JSONL-0001@2:2#0");
    assert_non_null(strstr(mb_str(&out), "event 1\ntype = ObjectEvent"));
    mb_free(&out);
    trace_ctx_free(ctx);
}

static void test_limits(void **state)
{
    trace_ctx *ctx;
    membuf out = {0};
    char d[256];
    (void)state;
    ctx = et_ctx(3, 0, 0);
    run_diag(H "{\"type\":\"ObjectEvent\",\"ext\":[{\"name\":\"a\",\"children\":[]}]}\n" E, ctx, d,
             sizeof(d), &out);
    assert_string_equal(d, "TR-EVT-0006@2:53#0");
    assert_null(strstr(mb_str(&out), "event 1")); /* too deep stops reading */
    mb_free(&out);
    trace_ctx_free(ctx);
    ctx = et_ctx(0, 24, 0);
    run_diag(H "{\"type\":\"ObjectEvent\",\"eventID\":\"abcdefghijklmnopqrstuvwxyz\"}\n" E, ctx, d,
             sizeof(d), &out);
    assert_string_equal(d, "TR-EVT-0007@2:33#0");
    assert_non_null(strstr(mb_str(&out), "event 1\n"));
    mb_free(&out);
    trace_ctx_free(ctx);
    ctx = et_ctx(0, 0, 130);
    run_diag(H "{\"type\":\"ObjectEvent\",\"eventID\":\"" "0123456789012345678901234567890123456789"
               "0123456789012345678901234567890123456789" "0123456789" "0123456789012345678901234567890123456789\"}\n" E,
             ctx, d, sizeof(d), &out);
    assert_string_equal(d, "TR-EVT-0005@2:1#0");
    assert_non_null(strstr(mb_str(&out), "event 1\n"));
    mb_free(&out);
    trace_ctx_free(ctx);
    /* A short line with very many values: its tree would outgrow 4 x max_record. */
    ctx = et_ctx(0, 0, 1000);
    {
        char line[512] = "{\"type\":\"ObjectEvent\",\"ext\":[";
        size_t k;
        for (k = 0; k < 100; k++)
            strcat(line, k ? ",1" : "1");
        strcat(line, "]}\n");
        {
            char text[1024];
            snprintf(text, sizeof(text), "%s%s%s", H, line, E);
            run_diag(text, ctx, d, sizeof(d), &out);
        }
    }
    assert_string_equal(d, "TR-EVT-0005@2:1#0");
    assert_non_null(strstr(mb_str(&out), "event 1\n"));
    mb_free(&out);
    trace_ctx_free(ctx);
}

static void test_headerless_and_blank_lines(void **state)
{
    static const char text[] = "\n" E "\r\n   \n" E;
    trace_ctx *ctx = et_ctx(0, 0, 0);
    membuf out = {0};
    char d[128];
    trace_diag_list *diags = NULL;
    (void)state;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    /* Detected as JSON Lines without a header line. */
    assert_int_equal(et_run(ctx, text, sizeof(text) - 1, TRACE_FMT_AUTO, TRACE_FMT_AUTO, 0, &out,
                            diags, NULL),
                     TRACE_EOF);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "");
    assert_non_null(strstr(mb_str(&out), "event 0\n"));
    assert_non_null(strstr(mb_str(&out), "event 1\n"));
    assert_non_null(strstr(mb_str(&out), "trailer absent\n"));
    mb_free(&out);
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
}

static void test_writer_cbv_and_canonical(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_writer *w = NULL;
    trace_event ev;
    membuf out = {0};
    (void)state;
    trace_event_init(&ev);
    ev.type = TRACE_EVENT_OBJECT;
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("shipping"));
    trace_vocab_set(&ev.disposition, TRACE_CBV_DISP, trace_str_c("urn:x:private"));
    ev.action = TRACE_ACTION_ADD;
    ev.order[0] = TRACE_F_DISPOSITION, ev.order[1] = TRACE_F_BIZ_STEP, ev.norder = 2;
    wo.format = TRACE_FMT_JSONL;
    wo.ids = (trace_id_style)9; /* not a style: refused, never ignored */
    assert_int_equal(trace_writer_open_cb(&w, ctx, mb_write, &out, &wo), TRACE_EINVAL);
    assert_null(w);
    wo.ids = TRACE_ID_STYLE_KEEP;
    wo.cbv = TRACE_CBV_STYLE_URN;
    assert_int_equal(trace_writer_open_cb(&w, ctx, mb_write, &out, &wo), TRACE_OK);
    assert_int_equal(trace_writer_event(w, &ev), TRACE_OK);
    assert_int_equal(trace_writer_close(w, NULL), TRACE_OK);
    trace_writer_free(w);
    assert_string_equal(mb_str(&out),
                        "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{}}\n"
                        "{\"type\":\"ObjectEvent\",\"disposition\":\"urn:x:private\",\"bizStep\":"
                        "\"urn:epcglobal:cbv:bizstep:shipping\",\"action\":\"ADD\",\"order\":"
                        "[\"disposition\",\"bizStep\"]}\n"
                        "{\"utds\":\"trailer\",\"eventCount\":1}\n");
    mb_free(&out);
    wo.cbv = TRACE_CBV_STYLE_WEB;
    wo.canonical_order = 1;
    assert_int_equal(trace_writer_open_cb(&w, ctx, mb_write, &out, &wo), TRACE_OK);
    assert_int_equal(trace_writer_event(w, &ev), TRACE_OK);
    assert_int_equal(trace_writer_close(w, NULL), TRACE_OK);
    trace_writer_free(w);
    assert_string_equal(mb_str(&out),
                        "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{}}\n"
                        "{\"type\":\"ObjectEvent\",\"action\":\"ADD\",\"bizStep\":"
                        "\"https://ref.gs1.org/cbv/BizStep-shipping\",\"disposition\":"
                        "\"urn:x:private\"}\n"
                        "{\"utds\":\"trailer\",\"eventCount\":1}\n");
    mb_free(&out);
    trace_ctx_free(ctx);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_round_trip_exact), cmocka_unit_test(test_model_values),
                cmocka_unit_test(test_malformed), cmocka_unit_test(test_skip_keeps_going),
                cmocka_unit_test(test_duplicates_everywhere),
                cmocka_unit_test(test_limits), cmocka_unit_test(test_headerless_and_blank_lines),
                cmocka_unit_test(test_writer_cbv_and_canonical))
