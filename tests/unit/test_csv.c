/*
 * test_csv.c - UTDS CSV: exact output bytes, RFC 4180 quoting, BOM, the
 * "more" cell, unknown columns, malformed rows with row/column positions,
 * and the loss report when a list has to leave its column.
 */
#include "evtest.h"

#define COLS "type,eventTime,recordTime,eventTimeZoneOffset,eventID,epcList,parentID,childEPCs," \
             "inputEPCList,outputEPCList,quantityList,childQuantityList,inputQuantityList,"       \
             "outputQuantityList,action,transformationID,bizStep,disposition,readPoint,"           \
             "bizLocation,bizTransactionList,sourceList,destinationList,more\r\n"

static const char jl[] =
    "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{}}\n"
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-03-01T08:00:00Z\",\"eventTimeZoneOffset\":"
    "\"+00:00\",\"epcList\":[\"urn:a\",\"urn:b\"],\"action\":\"OBSERVE\",\"bizStep\":\"shipping\","
    "\"bizTransactionList\":[{\"type\":\"po\",\"bizTransaction\":\"urn:t1\"},{\"bizTransaction\":\"urn:t2\"}],"
    "\"quantityList\":[{\"epcClass\":\"urn:c\",\"quantity\":2.50,\"uom\":\"KGM\"},{\"epcClass\":"
    "\"urn:d\"}],\"ext\":[{\"name\":\"note\",\"value\":\"a,\\\"b\\\"\\nc\"}]}\n"
    "{\"type\":\"ObjectEvent\",\"eventTime\":\"2024-03-01T08:00:00Z\",\"eventTimeZoneOffset\":"
    "\"+00:00\",\"epcList\":[\"urn:a x\"],\"action\":\"ADD\"}\n"
    "{\"utds\":\"trailer\",\"eventCount\":2}\n";

static const char csv[] =
    COLS
    "ObjectEvent,2024-03-01T08:00:00Z,,+00:00,,urn:a urn:b,,,,,urn:c;2.50;KGM urn:d,,,,OBSERVE,,"
    "shipping,,,,po;urn:t1 urn:t2,,,\"{\"\"ext\"\":[{\"\"name\"\":\"\"note\"\",\"\"value\"\":"
    "\"\"a,\\\"\"b\\\"\"\\nc\"\"}]}\"\r\n"
    "ObjectEvent,2024-03-01T08:00:00Z,,+00:00,,,,,,,,,,,ADD,,,,,,,,,\"{\"\"epcList\"\":[\"\"urn:a "
    "x\"\"]}\"\r\n"
    "#trailer,,,,,,,,,,,,,,,,,,,,,,,\"{\"\"utds\"\":\"\"trailer\"\",\"\"eventCount\"\":2}\"\r\n";

static void test_exact_bytes_and_back(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_diag_list *diags = NULL, *losses = NULL;
    membuf out = {0}, back = {0};
    char d[512];
    (void)state;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    assert_int_equal(et_run(ctx, jl, sizeof(jl) - 1, TRACE_FMT_JSONL, TRACE_FMT_CSV, 0, &out, diags,
                            losses),
                     TRACE_EOF);
    assert_string_equal(mb_str(&out), csv);
    /* The list with a space moved into "more": reported as a change of form. */
    et_diags(losses, d, sizeof(d));
    assert_string_equal(d, "TR-CONV-0002@0:0#1");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(losses, 0), "what"), "epcList");
    assert_string_equal(trace_diag_list_at(losses, 0)->loc.path, "/epcList");
    assert_int_equal(et_run(ctx, out.data, out.len, TRACE_FMT_AUTO, TRACE_FMT_JSONL, 0, &back,
                            diags, NULL),
                     TRACE_EOF);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "");
    assert_string_equal(mb_str(&back), jl);
    mb_free(&out);
    mb_free(&back);
    trace_diag_list_free(diags);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
}

static void test_bom_reordered_and_unknown_columns(void **state)
{
    static const char text[] = "\xEF\xBB\xBF" "action,type,x:color,epcList\n"
                               "ADD,ObjectEvent,\"red\nand blue\",urn:a\n";
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_diag_list *diags = NULL;
    membuf out = {0};
    char d[256];
    (void)state;
    assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
    assert_int_equal(et_run(ctx, text, sizeof(text) - 1, TRACE_FMT_AUTO, TRACE_FMT_AUTO,
                            TRACE_DUMP_POS, &out, diags, NULL),
                     TRACE_EOF);
    et_diags(diags, d, sizeof(d));
    assert_string_equal(d, "TR-CSV-0003@1:3#-1");
    assert_string_equal(mb_str(&out),
                        "header\nend header\nmasterdata\nend masterdata\n"
                        "event 0\ntype = ObjectEvent \"ObjectEvent\"\npos = 2:1\n"
                        "epcList = list 1\nepcList.pos = 2:4\n"
                        "epcList[0] = \"urn:a\" other\nepcList[0].pos = 2:4\n"
                        "action = ADD \"ADD\"\n"
                        "ext[0] = element \"\" \"x:color\" string text=\"red\\nand blue\"\n"
                        "ext[0].pos = 2:3\n"
                        "order = type epcList action (extension)\nend event\ntrailer absent\n");
    mb_free(&out);
    trace_diag_list_free(diags);
    trace_ctx_free(ctx);
}

static void test_malformed(void **state)
{
    static const struct {
        const char *text, *diags;
    } cases[] = {
        {"type,epcList\nObjectEvent,ab\"c\nObjectEvent,x\n", "TR-CSV-0001@2:2#0"},
        {"type,epcList\nObjectEvent,\"ab\"c\nObjectEvent,x\n", "TR-CSV-0001@2:2#0"},
        {"type,epcList\nObjectEvent,\"abc\n", "TR-CSV-0001@2:2#0"},
        {"epcList\nurn:a\n", "TR-CSV-0002@1:1#-1"},
        {"type,type\n", "TR-CSV-0004@1:2#-1"},
        {"", "TR-CSV-0002@1:1#-1"},
        {"type,epcList\nObjectEvent,urn:a,extra\n", "TR-CSV-0005@2:3#0"},
        {"type,epcList\nObjectEvent,urn:a  urn:b\n", "TR-CSV-0006@2:2#0"},
        {"type,quantityList\nObjectEvent,urn:c;1;KGM;x\n", "TR-CSV-0006@2:2#0"},
        {"type,more\nObjectEvent,{bad\n", "TR-CSV-0007@2:2#0"},
        {"type,more\nObjectEvent,\"{\"\"epcList\"\":[],\"\"zz\"\":1}\"\n", "TR-JSONL-0005@2:2#0"},
        {"type,action\nObjectEvent,ADD\n#trailer\n", "TR-CSV-0009@3:1#-1"},
        {"type,action\nObjectEvent,ADD\n#trailer,\nObjectEvent,ADD\n",
         "TR-CSV-0009@3:1#-1;TR-CSV-0008@4:1#-1"},
        {"type,action\nObjectEvent,ADD\n#header,\n", "TR-CSV-0010@3:1#1"},
        {"type,eventTime\nObjectEvent,yesterday\n", "TR-EVT-0001@2:2#0"},
    };
    trace_ctx *ctx = et_ctx(0, 0, 0);
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        trace_diag_list *diags = NULL;
        membuf out = {0};
        char d[512];
        assert_int_equal(trace_diag_list_new(&diags, 0, NULL), TRACE_OK);
        et_run(ctx, cases[i].text, strlen(cases[i].text), TRACE_FMT_CSV, TRACE_FMT_AUTO, 0, &out,
               diags, NULL);
        et_diags(diags, d, sizeof(d));
        if (strcmp(d, cases[i].diags) != 0)
            fail_msg("case %lu: got %s, expected %s", (unsigned long)i, d, cases[i].diags);
        mb_free(&out);
        trace_diag_list_free(diags);
    }
    trace_ctx_free(ctx);
}

static void test_bom_flag(void **state)
{
    trace_ctx *ctx = et_ctx(0, 0, 0);
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_writer *w = NULL;
    membuf out = {0};
    (void)state;
    wo.format = TRACE_FMT_CSV;
    wo.flags = TRACE_WRITER_FLAG_BOM;
    assert_int_equal(trace_writer_open_cb(&w, ctx, mb_write, &out, &wo), TRACE_OK);
    assert_int_equal(trace_writer_close(w, NULL), TRACE_OK);
    trace_writer_free(w);
    assert_string_equal(mb_str(&out), "\xEF\xBB\xBF" COLS
                        "#trailer,,,,,,,,,,,,,,,,,,,,,,,\"{\"\"utds\"\":\"\"trailer\"\","
                        "\"\"eventCount\"\":0}\"\r\n");
    mb_free(&out);
    trace_ctx_free(ctx);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_exact_bytes_and_back),
                cmocka_unit_test(test_bom_reordered_and_unknown_columns),
                cmocka_unit_test(test_malformed), cmocka_unit_test(test_bom_flag))
