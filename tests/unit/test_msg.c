/*
 * test_msg.c - interface messages: validation against the field table,
 * receipts, schema generation.
 */
#include "unit.h"
#include "libtrace/msg.h"

static trace_diag_list *run(const char *json, int want_rc, trace_msg_type want_type)
{
    trace_diag_list *l;
    trace_msg_type t;
    assert_int_equal(trace_diag_list_new(&l, 0, NULL), TRACE_OK);
    assert_int_equal(trace_msg_validate(NULL, json, strlen(json), "t", l, &t), want_rc);
    assert_int_equal(t, want_type);
    return l;
}

static void assert_codes(trace_diag_list *l, const char **codes, const char **paths, size_t n)
{
    size_t i;
    assert_int_equal(trace_diag_list_count(l), n);
    for (i = 0; i < n; i++) {
        assert_string_equal(trace_diag_list_at(l, i)->id, codes[i]);
        assert_string_equal(trace_diag_list_at(l, i)->loc.path, paths[i]);
    }
    trace_diag_list_free(l);
}

static void test_valid_query(void **state)
{
    (void)state;
    trace_diag_list_free(run("{\"type\":\"utds:Query\",\"messageId\":\"urn:uuid:1\","
                             "\"created\":\"2025-07-01T10:00:00+08:00\",\"sender\":\"https://id.gs1.org/414/9521234500001\","
                             "\"by\":{\"batch\":\"B1\"},\"direction\":\"both\",\"ext:n\":1}",
                             TRACE_OK, TRACE_MSG_QUERY));
}

static void test_query_problems(void **state)
{
    const char *codes[] = {"TR-MSG-0010", "TR-MSG-0009", "TR-MSG-0005", "TR-MSG-0004",
                           "TR-MSG-0008"};
    const char *paths[] = {"/created", "/by", "/direction", "/depth", "/bogus"};
    (void)state;
    assert_codes(run("{\"type\":\"utds:Query\",\"messageId\":\"urn:uuid:1\","
                     "\"created\":\"yesterday\",\"sender\":\"https://id.gs1.org/414/9521234500001\",\"by\":{},"
                     "\"direction\":\"sideways\",\"depth\":\"3\",\"bogus\":true}",
                     TRACE_EDATA, TRACE_MSG_QUERY),
                 codes, paths, 5);
}

static void test_not_json_and_type(void **state)
{
    const char *c1[] = {"TR-MSG-0001"}, *p1[] = {""};
    const char *c2[] = {"TR-MSG-0002"}, *p2[] = {"/type"};
    (void)state;
    assert_codes(run("{\"type\":", TRACE_EDATA, TRACE_MSG_UNKNOWN), c1, p1, 1);
    assert_codes(run("{\"type\":\"Recall\"}", TRACE_EDATA, TRACE_MSG_UNKNOWN), c2, p2, 1);
}

static void test_receipt_counts_and_arrays(void **state)
{
    const char *codes[] = {"TR-MSG-0005", "TR-MSG-0003", "TR-MSG-0012"};
    const char *paths[] = {"/records/0/status", "/records/0/errors/0/message/zh", ""};
    const char *c2[] = {"TR-MSG-0007"}, *p2[] = {"/records/0/errors"};
    (void)state;
    assert_codes(run("{\"type\":\"utds:Receipt\",\"messageId\":\"urn:a\",\"inReplyTo\":\"urn:b\","
                     "\"created\":\"2025-07-01T10:00:00Z\",\"status\":\"partial\","
                     "\"received\":3,\"accepted\":1,\"rejected\":1,\"records\":[{\"index\":2,"
                     "\"status\":\"maybe\",\"errors\":[{\"code\":\"TR-VAL-0001\","
                     "\"severity\":\"error\",\"message\":{\"en\":\"x\"}}]}]}",
                     TRACE_EDATA, TRACE_MSG_RECEIPT),
                 codes, paths, 3);
    assert_codes(run("{\"type\":\"utds:Receipt\",\"messageId\":\"urn:a\",\"inReplyTo\":\"urn:b\","
                     "\"created\":\"2025-07-01T10:00:00Z\",\"status\":\"rejected\","
                     "\"received\":1,\"accepted\":0,\"rejected\":1,\"records\":[{\"index\":0,"
                     "\"status\":\"rejected\",\"errors\":[]}]}",
                     TRACE_EDATA, TRACE_MSG_RECEIPT),
                 c2, p2, 1);
}

static void test_receipt_builder(void **state)
{
    trace_receipt *r;
    trace_diag d;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    (void)state;
    assert_int_equal(trace_receipt_new(&r, NULL, "urn:r", "urn:s", "2025-07-01T10:00:00Z", 0),
                     TRACE_OK);
    memset(&d, 0, sizeof(d));
    d.code = 140016;
    d.id = "TR-VAL-0016";
    d.severity = TRACE_SEV_ERROR;
    trace_loc_init(&d.loc);
    d.loc.record = 1;
    strcpy(d.loc.path, "/epcisBody/eventList/1/bizStep");
    d.nargs = 2;
    d.args[0].key = "field", strcpy(d.args[0].value, "bizStep");
    d.args[1].key = "value", strcpy(d.args[1].value, "shiping");
    assert_int_equal(trace_receipt_add(r, &d), TRACE_OK);
    trace_receipt_set_received(r, 3);
    assert_int_equal(trace_receipt_write(r, f), TRACE_OK);
    fclose(f);
    assert_string_equal(
        buf, "{\"type\":\"utds:Receipt\",\"messageId\":\"urn:r\",\"inReplyTo\":\"urn:s\","
             "\"created\":\"2025-07-01T10:00:00Z\",\"status\":\"partial\",\"received\":3,"
             "\"accepted\":2,\"rejected\":1,\"records\":[{\"index\":1,\"status\":\"rejected\","
             "\"errors\":[{\"code\":\"TR-VAL-0016\",\"severity\":\"error\","
             "\"path\":\"/epcisBody/eventList/1/bizStep\",\"message\":{\"en\":\"bizStep value "
             "shiping is not a term of the CBV\",\"zh\":\"bizStep 的值 shiping 不是 CBV "
             "词汇\"}}]}]}\n");
    /* the receipt it wrote is itself a valid receipt message */
    trace_diag_list_free(run(buf, TRACE_OK, TRACE_MSG_RECEIPT));
    free(buf);
    trace_receipt_free(r);
}

static void test_schema(void **state)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    trace_msg_type t;
    (void)state;
    assert_int_equal(trace_msg_type_from_name("utds:QueryResult", &t), TRACE_OK);
    assert_int_equal(t, TRACE_MSG_QUERY_RESULT);
    assert_int_equal(trace_msg_schema(TRACE_MSG_QUERY, f), TRACE_OK);
    fclose(f);
    assert_non_null(strstr(buf, "\"direction\":{\"description\":\"upstream: where it came "));
    assert_non_null(strstr(buf, "\"anyOf\":[{\"required\":[\"traceCode\"]},{\"required\":[\"batch\"]}"));
    assert_non_null(strstr(buf, "\"required\":[\"type\",\"messageId\",\"created\",\"sender\",\"by\",\"direction\"]"));
    free(buf);
    assert_int_equal(trace_msg_schema(TRACE_MSG_UNKNOWN, stdout), TRACE_EINVAL);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_valid_query), cmocka_unit_test(test_query_problems),
                cmocka_unit_test(test_not_json_and_type),
                cmocka_unit_test(test_receipt_counts_and_arrays),
                cmocka_unit_test(test_receipt_builder), cmocka_unit_test(test_schema))
