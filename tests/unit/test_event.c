/*
 * test_event.c - model helpers: timestamps, offsets, CBV spellings,
 * identifier kinds, names.
 */
#include "unit.h"
#include "libtrace/event.h"

static void test_time(void **state)
{
    trace_time t;
    (void)state;
    assert_int_equal(trace_time_parse(trace_str_c("2005-04-03T20:33:31.116-06:00"), &t),
                     TRACE_OK);
    assert_true(t.valid);
    assert_int_equal(t.seconds, 1112582011); /* 2005-04-04T02:33:31Z */
    assert_int_equal(t.nanos, 116000000);
    assert_int_equal(t.offset_min, -360);
    assert_int_equal(t.frac_digits, 3);
    assert_int_equal(trace_time_parse(trace_str_c("2020-01-01T00:00:00Z"), &t), TRACE_OK);
    assert_int_equal(t.seconds, 1577836800);
    assert_int_equal(t.frac_digits, 0);
    assert_int_equal(trace_time_parse(trace_str_c("2020-01-01T08:00:00.123456789123+08:00"), &t),
                     TRACE_OK);
    assert_int_equal(t.seconds, 1577836800);
    assert_int_equal(t.nanos, 123456789);
    assert_int_equal(t.frac_digits, 12);
    assert_int_equal(trace_time_parse(trace_str_c("2020-02-30T00:00:00Z"), &t), TRACE_EDATA);
    assert_int_equal(trace_time_parse(trace_str_c("2020-01-01T00:00:00"), &t), TRACE_EDATA);
    assert_int_equal(trace_time_parse(trace_str_c("2020-01-01T00:00:00.Z"), &t), TRACE_EDATA);
    assert_int_equal(trace_time_parse(trace_str_c("2020-01-01T00:00:00+15:00"), &t), TRACE_EDATA);
    assert_int_equal(trace_time_parse(trace_str_c("2024-02-29T23:59:59-14:00"), &t), TRACE_OK);
    assert_false(t.valid == 0);
}

static void test_offset(void **state)
{
    int m;
    (void)state;
    assert_int_equal(trace_offset_parse(trace_str_c("+08:00"), &m), TRACE_OK);
    assert_int_equal(m, 480);
    assert_int_equal(trace_offset_parse(trace_str_c("-05:30"), &m), TRACE_OK);
    assert_int_equal(m, -330);
    assert_int_equal(trace_offset_parse(trace_str_c("+14:00"), &m), TRACE_OK);
    assert_int_equal(trace_offset_parse(trace_str_c("+14:30"), &m), TRACE_EDATA);
    assert_int_equal(trace_offset_parse(trace_str_c("08:00"), &m), TRACE_EDATA);
}

static void test_vocab(void **state)
{
    trace_vocab v;
    char buf[128];
    (void)state;
    trace_vocab_set(&v, TRACE_CBV_BIZSTEP, trace_str_c("urn:epcglobal:cbv:bizstep:shipping"));
    assert_int_equal(v.form, TRACE_CBV_URN);
    assert_true(trace_str_eq(v.value, "shipping"));
    trace_vocab_format(&v, TRACE_CBV_BIZSTEP, TRACE_CBV_STYLE_WEB, buf, sizeof(buf));
    assert_string_equal(buf, "https://ref.gs1.org/cbv/BizStep-shipping");
    trace_vocab_format(&v, TRACE_CBV_BIZSTEP, TRACE_CBV_STYLE_BARE, buf, sizeof(buf));
    assert_string_equal(buf, "shipping");
    trace_vocab_set(&v, TRACE_CBV_DISP, trace_str_c("https://ref.gs1.org/cbv/Disp-in_transit"));
    assert_int_equal(v.form, TRACE_CBV_WEB);
    trace_vocab_format(&v, TRACE_CBV_DISP, TRACE_CBV_STYLE_URN, buf, sizeof(buf));
    assert_string_equal(buf, "urn:epcglobal:cbv:disp:in_transit");
    trace_vocab_set(&v, TRACE_CBV_BTT, trace_str_c("po"));
    assert_int_equal(v.form, TRACE_CBV_BARE);
    trace_vocab_set(&v, TRACE_CBV_BIZSTEP, trace_str_c("https://utds.org.cn/ns/1.0/BizStep-slaughter"));
    assert_int_equal(v.form, TRACE_CBV_OTHER);
    trace_vocab_format(&v, TRACE_CBV_BIZSTEP, TRACE_CBV_STYLE_URN, buf, sizeof(buf));
    assert_string_equal(buf, "https://utds.org.cn/ns/1.0/BizStep-slaughter");
}

static void test_ids_and_names(void **state)
{
    trace_event_type t;
    (void)state;
    assert_int_equal(trace_id_classify(trace_str_c("urn:epc:id:sgtin:0614141.107346.2017")),
                     TRACE_ID_EPC_URN);
    assert_int_equal(trace_id_classify(trace_str_c("https://id.gs1.org/01/09521234543213/21/1")),
                     TRACE_ID_DL);
    assert_int_equal(trace_id_classify(trace_str_c("https://example.com/a/b")), TRACE_ID_OTHER);
    assert_int_equal(trace_id_classify(trace_str_c("urn:utds:id:uscc:91350100M000100Y43")),
                     TRACE_ID_UTDS);
    assert_string_equal(trace_event_type_name(TRACE_EVENT_TRANSFORMATION), "TransformationEvent");
    assert_int_equal(trace_event_type_from_name(trace_str_c("AssociationEvent"), &t), TRACE_OK);
    assert_int_equal(t, TRACE_EVENT_ASSOCIATION);
    assert_int_equal(trace_event_type_from_name(trace_str_c("QuantityEvent"), &t),
                     TRACE_ENOTFOUND);
    assert_string_equal(trace_action_name(TRACE_ACTION_OBSERVE), "OBSERVE");
    assert_null(trace_action_name(TRACE_ACTION_NONE));
    assert_string_equal(trace_field_name(TRACE_F_BIZ_TRANSACTIONS), "bizTransactionList");
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_time), cmocka_unit_test(test_offset),
                cmocka_unit_test(test_vocab), cmocka_unit_test(test_ids_and_names))
