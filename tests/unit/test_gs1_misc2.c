/*
 * test_gs1_misc2.c - three GS1 additions: EPC URNs without a GS1 key (gid,
 * usdod, bic, imovn: typed fields, TDS limits, check digits, no conversion
 * but to themselves) and gsin/ginc; composite symbol data (linear '|' CC:
 * one message, CC fields flagged, '|' written back by the element-string
 * writers, dropped by Digital Link and scan data); zero-suppressed GTINs in
 * Digital Link (padded to 14 digits, warning, offsets of the digits as
 * written). No parse allocates.
 */
#include "unit.h"

#include "gs1_int.h"

static trace_code_result res;

static int parse(const char *scheme, const char *s)
{
    assert_int_equal(trace_code_parse(NULL, scheme, s, strlen(s), 0, &res), TRACE_OK);
    return res.valid;
}

static int format(trace_gs1_form form, char *out, size_t size)
{
    return trace_gs1_format(NULL, &res, form, NULL, 7, out, size, NULL);
}

static void assert_only_diag(int code, int64_t off, uint32_t len)
{
    assert_int_equal(res.ndiags, 1);
    assert_int_equal(res.diags[0].code, code);
    assert_int_equal(res.diags[0].loc.offset, off);
    assert_int_equal(res.diags[0].loc.length, len);
}

static void test_gid(void **state)
{
    char out[128];
    (void)state;
    assert_true(parse("epc", "urn:epc:id:gid:95100000.12345.400"));
    assert_int_equal(res.nfields, 3);
    assert_string_equal(res.fields[0].name, "manager");
    assert_string_equal(res.fields[0].value, "95100000");
    assert_int_equal(res.fields[0].offset, 15);
    assert_int_equal(res.fields[0].kind, TRACE_CODE_NUMERIC);
    assert_string_equal(res.fields[1].name, "class");
    assert_int_equal(res.fields[1].offset, 24);
    assert_string_equal(res.fields[2].name, "serial");
    assert_string_equal(res.fields[2].value, "400");
    assert_string_equal(res.fields[2].title_zh, "序列号");
    assert_string_equal(res.canonical, "urn:epc:id:gid:95100000.12345.400");
    assert_null(res.uri); /* no Digital Link */
    assert_only_diag(TRACE__D_EPC_NOT_GS1_KEY, 11, 3);
    assert_int_equal(res.diags[0].severity, TRACE_SEV_INFO);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "scheme"), "gid");
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:gid:95100000.12345.400");
    assert_int_equal(format(TRACE_GS1_EPC, out, 20), TRACE_EBUFS);
    assert_int_equal(format(TRACE_GS1_BRACKETED, out, sizeof(out)), TRACE_EDATA);
    assert_int_equal(format(TRACE_GS1_DL, out, sizeof(out)), TRACE_EDATA);
    assert_int_equal(format(TRACE_GS1_HRI, out, sizeof(out)), TRACE_EDATA);
    assert_int_equal(format(TRACE_GS1_SCAN_DM, out, sizeof(out)), TRACE_EDATA);
}

static void test_gid_limits(void **state)
{
    (void)state;
    assert_true(parse("epc", "urn:epc:id:gid:268435455.16777215.68719476735"));
    assert_true(parse("epc", "urn:epc:id:gid:0.0.0"));
    assert_false(parse("epc", "urn:epc:id:gid:268435456.0.0"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_RANGE);
    assert_int_equal(res.diags[0].loc.offset, 15);
    assert_int_equal(res.diags[0].loc.length, 9);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "max"), "268435455");
    assert_false(parse("epc", "urn:epc:id:gid:1.16777216.0"));
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "field"), "object class");
    assert_false(parse("epc", "urn:epc:id:gid:1.1.68719476736"));
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "max"), "68719476735");
    assert_false(parse("epc", "urn:epc:id:gid:1.1.99999999999999999999999"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_RANGE);
    assert_false(parse("epc", "urn:epc:id:gid:1.00.1"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_SYNTAX);
    assert_int_equal(res.diags[0].loc.offset, 17);
    assert_false(parse("epc", "urn:epc:id:gid:1.1"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_SYNTAX);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "what"),
                        "wrong number of fields");
    assert_false(parse("epc", "urn:epc:id:gid:1.1.1.1"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_SYNTAX);
    assert_null(res.canonical);
}

static void test_other_schemes(void **state)
{
    char out[64];
    (void)state;
    assert_true(parse("epc", "urn:epc:id:usdod:2S194.12345678901"));
    assert_string_equal(res.fields[0].name, "cage");
    assert_string_equal(res.fields[0].value, "2S194");
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:usdod:2S194.12345678901");
    assert_false(parse("epc", "urn:epc:id:usdod:2SI94.1")); /* I is not used */
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_SYNTAX);
    /* ISO 6346: CSQU305438 has check digit 3 */
    assert_true(parse("epc", "urn:epc:id:bic:CSQU3054383"));
    assert_int_equal(res.nfields, 4);
    assert_string_equal(res.fields[1].name, "category");
    assert_int_equal(res.fields[1].kind, TRACE_CODE_ENUM);
    assert_string_equal(res.fields[3].typed, "ok");
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:bic:CSQU3054383");
    assert_false(parse("epc", "urn:epc:id:bic:CSQU3054380"));
    assert_int_equal(res.diags[0].code, TRACE__D_EPC_CHECK);
    assert_int_equal(res.diags[0].loc.offset, 25);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "3");
    /* IMO 9176187: 9*7+1*6+7*5+6*4+1*3+8*2 = 147 */
    assert_true(parse("epc", "urn:epc:id:imovn:9176187"));
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:imovn:9176187");
    assert_false(parse("epc", "urn:epc:id:imovn:9176181"));
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "7");
    /* GS1 keys newly in the table convert both ways */
    assert_true(parse("epc", "urn:epc:id:gsin:0614141.123456789"));
    assert_string_equal(res.canonical, "(402)06141411234567890");
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:gsin:0614141.123456789");
    assert_true(parse("epc", "urn:epc:id:ginc:0614141.A%2FB"));
    assert_string_equal(res.canonical, "(401)0614141A/B");
    assert_int_equal(format(TRACE_GS1_EPC, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "urn:epc:id:ginc:0614141.A%2FB");
}

static void test_composite_forms(void **state)
{
    char out[256];
    (void)state;
    assert_true(parse("gs1", "(01)09521234543213(17)251231|(10)ABC(21)X1"));
    assert_int_equal(res.nfields, 4);
    assert_int_equal(res.fields[0].flags, 0);
    assert_int_equal(res.fields[1].flags, 0);
    assert_int_equal(res.fields[2].flags, TRACE_CODE_FIELD_CC);
    assert_int_equal(res.fields[2].offset, 33);
    assert_int_equal(res.fields[3].flags, TRACE_CODE_FIELD_CC);
    assert_int_equal(res.fields[3].offset, 40);
    assert_string_equal(res.canonical, "(01)09521234543213(17)251231|(10)ABC(21)X1");
    assert_string_equal(res.uri,
                        "https://id.gs1.org/01/09521234543213/10/ABC/21/X1?17=251231");
    assert_int_equal(format(TRACE_GS1_UNBRACKETED, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "^010952123454321317251231|^10ABC^21X1");
    assert_int_equal(format(TRACE_GS1_GS, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "010952123454321317251231"
                             "10ABC\x1d"
                             "21X1");
    assert_int_equal(format(TRACE_GS1_SCAN_128, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "]C1010952123454321317251231"
                             "10ABC\x1d"
                             "21X1");
    /* the unbracketed form reads back to the same composite */
    assert_int_equal(format(TRACE_GS1_UNBRACKETED, out, sizeof(out)), TRACE_OK);
    assert_true(parse("gs1", out));
    assert_string_equal(res.canonical, "(01)09521234543213(17)251231|(10)ABC(21)X1");
    /* a variable-length linear value ends at the '|': no FNC1 before it */
    assert_true(parse("gs1", "^010952123454321310ABC|^21X1"));
    assert_string_equal(res.fields[1].value, "ABC");
    assert_int_equal(format(TRACE_GS1_UNBRACKETED, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "^010952123454321310ABC|^21X1");
    /* GS as FNC1 */
    assert_true(parse("gs1", "\x1d"
                             "0109521234543213|\x1d"
                             "10ABC"));
    assert_int_equal(res.fields[1].offset, 21);
    assert_int_equal(res.fields[1].flags, TRACE_CODE_FIELD_CC);
    /* EAN-13 linear component and ]e0 2D component */
    assert_true(parse("gs1", "]E09521234543213|]e010ABC"));
    assert_string_equal(res.canonical, "(01)09521234543213|(10)ABC");
    assert_int_equal(res.fields[1].offset, 22);
}

static void test_composite_rules(void **state)
{
    (void)state;
    /* rules over the union: (10) in the CC is satisfied by (01) in the linear part */
    assert_true(parse("gs1", "(01)09521234543213|(10)ABC"));
    assert_false(parse("gs1", "(17)251231|(10)ABC"));
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_REQUISITE);
    /* element diagnostics in the CC point into the whole input */
    assert_false(parse("gs1", "(01)09521234543213|(17)251331"));
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_BAD_DATE);
    assert_int_equal(res.diags[0].loc.offset, 25);
    assert_false(parse("gs1", "(01)09521234543213|(1)A"));
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_SYNTAX);
    assert_int_equal(res.diags[0].loc.offset, 19);
}

static void assert_composite_error(const char *in, int64_t off, const char *what)
{
    assert_false(parse("gs1", in));
    assert_int_equal(res.ndiags, 1);
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_COMPOSITE);
    assert_int_equal(res.diags[0].loc.offset, off);
    assert_int_equal(res.diags[0].loc.length, 1);
    assert_non_null(strstr(trace_diag_arg_get(&res.diags[0], "what"), what));
}

static void test_composite_errors(void **state)
{
    (void)state;
    assert_composite_error("(01)09521234543213(10)A|B", 23, "not a value character");
    assert_composite_error("^010952123454321310A|B", 20, "not a value character");
    assert_composite_error("(01)09521234543213|(10)A|(21)B", 24, "only one");
    assert_composite_error("(01)09521234543213|", 18, "no 2D component");
    assert_composite_error("^0109521234543213|^", 17, "no 2D component");
    assert_composite_error("^|^10A", 1, "no linear component");
    assert_composite_error("]C10109521234543213|]e010A", 19, "EAN/UPC");
    assert_composite_error("]E09521234543213|10A", 16, "]e0");
}

static void test_dl_padding(void **state)
{
    char out[128];
    (void)state;
    assert_true(parse("gs1-dl", "https://id.gs1.org/01/95212340/10/AB"));
    assert_string_equal(res.fields[0].value, "00000095212340");
    assert_int_equal(res.fields[0].offset, 22);
    assert_int_equal(res.fields[0].length, 8); /* the digits as written */
    assert_string_equal(res.uri, "https://id.gs1.org/01/00000095212340/10/AB");
    assert_only_diag(TRACE__D_DL_GTIN_PADDED, 22, 8);
    assert_int_equal(res.diags[0].severity, TRACE_SEV_WARNING);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "digits"), "8");
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "gtin"), "00000095212340");
    assert_int_equal(format(TRACE_GS1_BRACKETED, out, sizeof(out)), TRACE_OK);
    assert_string_equal(out, "(01)00000095212340(10)AB");
    assert_true(parse("gs1-dl", "https://id.gs1.org/01/012345678905"));
    assert_string_equal(res.canonical, "(01)00012345678905");
    assert_true(parse("gs1-dl", "https://id.gs1.org/01/9521234543213"));
    assert_string_equal(res.canonical, "(01)09521234543213");
    assert_true(parse("gs1-dl", "https://id.gs1.org/414/9521234543213?01=95212340"));
    assert_int_equal(res.fields[1].offset, 40);
    assert_string_equal(res.fields[1].value, "00000095212340");
    assert_false(
        parse("gs1-dl", "https://id.gs1.org/01/9521234543214")); /* check digit */
    assert_int_equal(res.diags[1].code, TRACE__D_GS1_BAD_CHECK);
    assert_false(parse("gs1-dl", "https://id.gs1.org/01/95212345432")); /* 11 digits */
    assert_only_diag(TRACE__D_GS1_TOO_SHORT, 22, 11);
    assert_true(parse("gs1", "]Q1https://id.gs1.org/01/95212340"));
    assert_int_equal(res.diags[0].loc.offset, 25); /* after the symbology identifier */
    assert_int_equal(res.fields[0].offset, 25);
}

static void test_no_allocation(void **state)
{
    static const char *const in[][2] = {{"gs1", "(01)09521234543213|(10)ABC"},
                                        {"gs1", "^0109521234543213|^10ABC"},
                                        {"gs1-dl", "https://id.gs1.org/01/95212340"},
                                        {"epc", "urn:epc:id:gid:95100000.12345.400"},
                                        {"epc", "urn:epc:id:bic:CSQU3054383"}};
    failalloc f;
    trace_allocator a = failalloc_make(&f, -1);
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    long before;
    size_t i;
    (void)state;
    o.alloc = &a;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    before = f.calls;
    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        assert_int_equal(
            trace_code_parse(ctx, in[i][0], in[i][1], strlen(in[i][1]), 0, &res),
            TRACE_OK);
        assert_true(res.valid);
    }
    assert_int_equal(f.calls, before);
    trace_ctx_free(ctx);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_gid), cmocka_unit_test(test_gid_limits),
                cmocka_unit_test(test_other_schemes),
                cmocka_unit_test(test_composite_forms),
                cmocka_unit_test(test_composite_rules),
                cmocka_unit_test(test_composite_errors),
                cmocka_unit_test(test_dl_padding), cmocka_unit_test(test_no_allocation))
