/*
 * test_cn.c - the Chinese identifier schemes against the worked examples and
 * real samples of ../shared/ref/cn-codes.md: validity, the exact diagnostic
 * and its span, fields, canonical and URN forms, detection ranking, the
 * run-time region list and parsing without heap allocation.
 */
#include "unit.h"

#include "libtrace/cn.h"

static trace_code_result res;

static const trace_code_result *parse(const char *scheme, const char *in, unsigned flags)
{
    assert_int_equal(trace_code_parse(NULL, scheme, in, strlen(in), flags, &res), TRACE_OK);
    return &res;
}

static void valid(const char *scheme, const char *in)
{
    parse(scheme, in, 0);
    if (!res.valid)
        fail_msg("%s %s: expected valid, first diag %s", scheme, in,
                 res.ndiags ? res.diags[0].id : "-");
}

/* Invalid with diag id first at [offset, offset+length). */
static void invalid(const char *scheme, const char *in, const char *id, long offset,
                    unsigned length)
{
    parse(scheme, in, 0);
    assert_false(res.valid);
    assert_true(res.ndiags >= 1);
    assert_string_equal(res.diags[0].id, id);
    assert_int_equal(res.diags[0].loc.offset, offset);
    assert_int_equal(res.diags[0].loc.length, length);
}

static const char *field(const char *name)
{
    const trace_code_field *f = trace_code_result_field(&res, name);
    assert_non_null(f);
    return f->value;
}

static void test_uscc(void **state)
{
    (void)state;
    valid("uscc", "911101083303521997"); /* worked example: S = 1016, check 7 */
    assert_string_equal(field("org-code"), "330352199");
    assert_string_equal(res.uri, "urn:utds:id:uscc:911101083303521997");
    valid("uscc", "91350200776049653A");
    valid("uscc", "91350100M000100Y43");
    invalid("uscc", "91350203M0001QAY9B", "TR-CODE-0008", 17, 1);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "9");
    invalid("uscc", "91440300MA5CJQ4N59", "TR-CODE-0008", 17, 1);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "5");
    /* USCC check right, embedded GB 11714 check wrong: error, warning when lenient */
    invalid("uscc", "911101083303521984", "TR-CN-0001", 16, 1);
    parse("uscc", "911101083303521984", TRACE_CODE_LENIENT);
    assert_true(res.valid);
    assert_int_equal(res.diags[0].severity, TRACE_SEV_WARNING);
    invalid("uscc", "91110108330352I997", "TR-CODE-0007", 14, 1);
    valid("uscc", "urn:utds:id:uscc:911101083303521997");
    assert_int_equal(trace_code_result_field(&res, "check")->offset, 17 + 17);
}

static void test_party(void **state)
{
    (void)state;
    valid("org-code", "33035219-9"); /* weighted sum 123, check 9 */
    assert_string_equal(res.canonical, "330352199");
    invalid("org-code", "33035219-8", "TR-CODE-0008", 9, 1);
    valid("resident-id", "11010519491231002X"); /* sum 167 -> X */
    assert_string_equal(trace_code_result_field(&res, "birth-date")->typed, "1949-12-31");
    assert_string_equal(trace_code_result_field(&res, "sequence")->typed, "female");
    valid("resident-id", "440524188001010014");
    invalid("resident-id", "110105194912310021", "TR-CODE-0008", 17, 1);
    invalid("resident-id", "11010519491231002Y", "TR-CODE-0007", 17, 1);
    valid("resident-id", "11010519491231002x");
    assert_string_equal(res.canonical, "11010519491231002X");
    valid("resident-id", "110105491231002"); /* legacy: no check */
    assert_string_equal(res.diags[0].id, "TR-CN-0012");
    invalid("resident-id", "110105199902300015", "TR-CN-0002", 6, 8);
    valid("region", "445122");
    assert_string_equal(field("county"), "22");
    invalid("region", "000000", "TR-CN-0004", 0, 2);
    valid("business-reg", "110108000000016");
    parse("business-reg", "110108000000017", 0);
    assert_true(res.valid); /* unconfirmed MOD 11,10: warning only */
    assert_string_equal(res.diags[0].id, "TR-CN-0005");
}

static void test_drugs(void **state)
{
    (void)state;
    valid("drug-code", "86902551000259"); /* GS1 mod 10: sum 101 -> 9 */
    valid("drug-code", "86902767000852");
    valid("drug-code", "86901553000014");
    invalid("drug-code", "86902551000258", "TR-CODE-0008", 13, 1);
    valid("drug-trace", "81234567890123456789");
    assert_string_equal(res.checks, "check: not public");
    assert_string_equal(res.diags[0].id, "TR-CODE-0010");
    assert_string_equal(trace_code_result_field(&res, "check")->typed, "not-public");
    invalid("drug-trace", "71234567890123456789", "TR-CODE-0009", 0, 1);
    valid("drug-trace", "(01)06901234567892(21)ABC123");
    assert_string_equal(res.uri, "https://id.gs1.org/01/06901234567892/21/ABC123");
    invalid("drug-trace", "(01)06901234567892(10)L1", "TR-CN-0011", 0, 24);
    valid("drug-approval", "国药准字H20064705");
    assert_string_equal(field("source"), "20");
    valid("drug-approval", "国药准字H61020562");
    assert_string_equal(trace_code_result_field(&res, "source")->typed, "陕西省 (Shaanxi)");
    invalid("drug-approval", "国药准字X20064705", "TR-CN-0006", 0, 21);
    valid("udi", "(01)06901234567892(11)141231(17)150707(10)A213B1(21)1234");
    assert_string_equal(field("10"), "A213B1");
    valid("udi", "MA.156.M0.100761.21234561.Sx00008.M220117.L20220117.D20220118.E220130.V220117.C3");
    assert_string_equal(field("serial"), "x00008");
    assert_string_equal(trace_code_result_field(&res, "expiry-date")->typed, "2022-01-30");
    invalid("ma", "MA.156.M0.10020.13351764", "TR-CODE-0009", 10, 5);
}

static void test_agri_trade(void **state)
{
    static const char *const sc[] = {"SC11464010500015", "SC11333019700024", "SC11837048101233",
                                     "SC11834020305037", "SC12636098200051", "SC11532139200465",
                                     "SC12434017430075", "SC11432010400101"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(sc) / sizeof(sc[0]); i++)
        valid("sc-licence", sc[i]); /* 8/8 real samples pass MOD 11,10 */
    invalid("sc-licence", "SC11834020305038", "TR-CODE-0008", 15, 1);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "7");
    invalid("sc-licence", "SC12345678901234", "TR-CODE-0008", 15, 1);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "expected"), "2");
    parse("jy-licence", "JY11105300065940", 0);
    assert_true(res.valid);
    assert_int_equal(res.diags[0].severity, TRACE_SEV_WARNING);
    valid("pesticide-qr", "10929272000000000000000000000000");
    assert_string_equal(field("registration"), "092927");
    invalid("pesticide-qr", "40929272000000000000000000000000", "TR-CODE-0009", 0, 1);
    valid("ear-tag", "1-445122-00000001");
    assert_string_equal(res.canonical, "144512200000001");
    assert_int_equal(trace_code_result_field(&res, "serial")->offset, 9);
    valid("cas", "7732-18-5");
    valid("cas", "64-17-5");
    valid("cas", "50-00-0");
    valid("cas", "7440-01-9");
    invalid("cas", "7732-18-4", "TR-CODE-0008", 8, 1);
    valid("un", "un1203");
    assert_string_equal(res.canonical, "UN1203");
    invalid("hs", "7701000000", "TR-CODE-0009", 0, 2);
    valid("customs-decl", "424020091000012345");
    assert_string_equal(trace_code_result_field(&res, "direction")->typed, "import");
    valid("iso3166", "156");
    assert_string_equal(trace_code_result_field(&res, "code")->typed, "China");
    invalid("iso4217", "XXY", "TR-CN-0008", 0, 3);
    valid("detonator", "5360918A00123");
    invalid("detonator", "5360931A00123", "TR-CODE-0009", 5, 2);
    valid("oid", "2.16.156.10011.1");
    invalid("oid", "1.2.840.10008", "TR-CODE-0009", 0, 13);
    valid("handle", "88.100.1/GYXX.2024.0001");
    assert_string_equal(field("suffix"), "GYXX.2024.0001");
}

static int has_candidate(const trace_code_candidate *c, size_t n, const char *scheme)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!strcmp(c[i].scheme, scheme))
            return 1;
    return 0;
}

static void test_detect(void **state)
{
    trace_code_candidate c[16];
    size_t n;
    (void)state;
    assert_int_equal(trace_code_detect(NULL, "911101083303521997", 18, c, 16, &n), TRACE_OK);
    assert_true(n >= 1);
    assert_string_equal(c[0].scheme, "uscc");
    assert_int_equal(trace_code_detect(NULL, "SC11834020305037", 16, c, 16, &n), TRACE_OK);
    assert_string_equal(c[0].scheme, "sc-licence");
    assert_false(has_candidate(c, n, "seed-qr")); /* catch-all suppressed */
    /* 18 digits with a valid ID check and a plausible customs number: both offered,
     * the ID (verified check) first */
    /* one 18-digit string, three readings: USCC (two checks), ID number, customs number */
    assert_int_equal(trace_code_detect(NULL, "113520190506151852", 18, c, 16, &n), TRACE_OK);
    assert_int_equal(n, 3);
    assert_string_equal(c[0].scheme, "uscc");
    assert_string_equal(c[1].scheme, "resident-id");
    assert_string_equal(c[2].scheme, "customs-decl");
    assert_int_equal(trace_code_detect(NULL, "440524188001010014", 18, c, 16, &n), TRACE_OK);
    assert_string_equal(c[0].scheme, "resident-id");
    assert_int_equal(trace_code_detect(NULL, "424020091000012345", 18, c, 16, &n), TRACE_OK);
    assert_string_equal(c[0].scheme, "customs-decl");
    assert_false(has_candidate(c, n, "uscc"));
    /* a near miss is explained under the scheme its shape suggests */
    parse(NULL, "SC11834020305038", 0);
    assert_string_equal(res.scheme, "sc-licence");
    assert_string_equal(res.diags[0].id, "TR-CODE-0008");
    parse(NULL, "hello world", 0);
    assert_string_equal(res.diags[0].id, "TR-CODE-0002");
    assert_int_equal(trace_code_detect(NULL, "x", 1, c, 0, &n), TRACE_OK);
    assert_int_equal(n, 0);
    assert_int_equal(trace_code_detect(NULL, NULL, 1, c, 1, &n), TRACE_EINVAL);
}

static void test_region_list(void **state)
{
    static const char list[] = "\xEF\xBB\xBF# test list\n350000\t福建省\n445122\t饶平县\n44512x\tbad\n"
                               "445103\t潮安区\r\n";
    trace_dict *dict;
    trace_ctx *ctx;
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_diag_list *dl;
    (void)state;
    assert_int_equal(trace_dict_new(&dict, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    assert_int_equal(trace_dict_load_regions_mem(dict, list, sizeof(list) - 1, dl), TRACE_OK);
    assert_int_equal(trace_diag_list_count(dl), 1);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-CN-0013");
    assert_int_equal(trace_diag_list_at(dl, 0)->loc.line, 4);
    o.dict = dict;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    trace_dict_unref(dict);
    assert_string_equal(trace_cn_region_name(ctx, "445122"), "饶平县");
    assert_string_equal(trace_cn_region_name(ctx, "445103"), "潮安区");
    assert_null(trace_cn_region_name(ctx, "445121"));
    assert_string_equal(trace_cn_region_name(NULL, "350000"), "福建省");
    assert_int_equal(trace_code_parse(ctx, "region", "445122", 6, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_string_equal(trace_code_result_field(&res, "region")->typed, "饶平县");
    /* 445121 (old 潮安县) is not in this list: a warning, still valid */
    assert_int_equal(trace_code_parse(ctx, "region", "445121", 6, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_string_equal(res.diags[0].id, "TR-CN-0003");
    assert_int_equal(trace_dict_load_regions_mem(dict, "# none\n", 7, NULL), TRACE_EDATA);
    assert_int_equal(trace_dict_load_regions(dict, "/nonexistent/regions.tsv", NULL), TRACE_EIO);
    trace_ctx_free(ctx);
    trace_diag_list_free(dl);
}

static void test_no_allocation(void **state)
{
    failalloc fa;
    trace_allocator a = failalloc_make(&fa, -1);
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_code_candidate c[8];
    size_t n;
    long before;
    (void)state;
    o.alloc = &a;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    before = fa.calls;
    assert_int_equal(trace_code_parse(ctx, "uscc", "911101083303521997", 18, 0, &res), TRACE_OK);
    assert_int_equal(trace_code_detect(ctx, "SC11834020305037", 16, c, 8, &n), TRACE_OK);
    assert_int_equal(trace_code_parse(ctx, NULL, "MA.156.M0.100204.13351764", 25, 0, &res),
                     TRACE_OK);
    assert_int_equal(fa.calls, before); /* parsing and detection never allocate */
    trace_ctx_free(ctx);
}

/* Every scheme's own worked example parses as valid under that scheme. */
static void test_examples(void **state)
{
    size_t i;
    (void)state;
    assert_true(trace_code_scheme_count() >= 28);
    for (i = 0; i < trace_code_scheme_count(); i++) {
        const trace_code_scheme_info *s = trace_code_scheme_at(i);
        valid(s->name, s->example);
        assert_non_null(res.canonical);
    }
    assert_null(trace_code_scheme_at(trace_code_scheme_count()));
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_uscc), cmocka_unit_test(test_party),
                cmocka_unit_test(test_drugs), cmocka_unit_test(test_agri_trade),
                cmocka_unit_test(test_detect), cmocka_unit_test(test_region_list),
                cmocka_unit_test(test_no_allocation), cmocka_unit_test(test_examples))
