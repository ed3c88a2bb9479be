/*
 * test_gs1.c - GS1 element strings, Digital Link, EPC URNs: parse results
 * (fields, spans, typed values), diagnostics, conversions, label validation,
 * the company-prefix table, zero allocation, and the compiled AI table
 * against the GS1 Syntax Dictionary facts (read at run time when present).
 */
#include "unit.h"

#include "gs1_int.h"

static trace_code_result res;

static int parse(const char *scheme, const char *s)
{
    assert_int_equal(trace_code_parse(NULL, scheme, s, strlen(s), 0, &res), TRACE_OK);
    return res.valid;
}

static void test_bracketed_fields(void **state)
{
    (void)state;
    assert_true(parse("gs1", "(01)09521234543213(17)251231(3103)001234(10)A\\(B"));
    assert_int_equal(res.nfields, 4);
    assert_string_equal(res.fields[0].name, "01");
    assert_string_equal(res.fields[0].title_en, "GTIN");
    assert_string_equal(res.fields[0].title_zh, "全球贸易项目代码");
    assert_int_equal(res.fields[0].offset, 4);
    assert_int_equal(res.fields[0].length, 14);
    assert_int_equal(res.fields[0].kind, TRACE_CODE_NUMERIC);
    assert_string_equal(res.fields[1].typed, "2025-12-31");
    assert_int_equal(res.fields[1].kind, TRACE_CODE_DATE);
    assert_string_equal(res.fields[2].typed, "1.234");
    assert_string_equal(res.fields[2].unit, "KGM");
    assert_int_equal(res.fields[2].kind, TRACE_CODE_DECIMAL);
    assert_string_equal(res.fields[3].value, "A(B"); /* escape decoded */
    assert_int_equal(res.fields[3].length, 4);       /* span as written */
    assert_string_equal(res.canonical,
                        "(01)09521234543213(17)251231(3103)001234(10)A\\(B");
    assert_string_equal(
        res.uri, "https://id.gs1.org/01/09521234543213/10/A%28B?17=251231&3103=001234");
}

static void test_components(void **state)
{
    (void)state;
    assert_true(parse("gs1", "(01)09521234543213(7003)2512312359"));
    assert_int_equal(res.nfields, 4);
    assert_string_equal(res.fields[1].typed, "2025-12-31T23:59");
    assert_int_equal(res.fields[2].parent, 1);
    assert_string_equal(res.fields[2].value, "251231");
    assert_int_equal(res.fields[2].offset, 24);
    assert_string_equal(res.fields[3].value, "2359");
    assert_int_equal(res.fields[3].offset, 30);
}

static const char *arg(const trace_diag *d, const char *k)
{
    const char *v = trace_diag_arg_get(d, k);
    return v ? v : "";
}

static void test_all_errors(void **state)
{
    (void)state;
    assert_false(parse("gs1", "(01)09521234543214(17)250231(10)A B(10)C"));
    assert_int_equal(res.ndiags, 4);
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_BAD_CHECK);
    assert_int_equal(res.diags[0].loc.offset, 17);
    assert_int_equal(res.diags[0].loc.length, 1);
    assert_string_equal(arg(&res.diags[0], "expected"), "3");
    assert_int_equal(res.diags[1].code, TRACE__D_GS1_BAD_DATE);
    assert_int_equal(res.diags[1].loc.offset, 26);
    assert_string_equal(arg(&res.diags[1], "ai"), "17");
    assert_int_equal(res.diags[2].code, TRACE__D_GS1_BAD_CHAR);
    assert_int_equal(res.diags[2].loc.offset, 33);
    assert_int_equal(res.diags[3].code, TRACE__D_GS1_REPEATED);
    assert_null(res.canonical);
    assert_null(res.uri);
}

static void test_forms_agree(void **state)
{
    static const char *const forms[] = {
        "^010952123454321310ABC123^17251231",
        "\x1d"
        "010952123454321310ABC123\x1d"
        "17251231",
        "]d2010952123454321310ABC123\x1d"
        "17251231",
        "]Q3010952123454321310ABC123\x1d"
        "17251231",
        "[)>\x1e"
        "05\x1d"
        "010952123454321310ABC123\x1d"
        "17251231\x1e\x04",
        "https://id.gs1.org/01/09521234543213/10/ABC123?17=251231"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
        assert_true(parse(i == 5 ? "gs1-dl" : "gs1", forms[i]));
        assert_string_equal(res.canonical, "(01)09521234543213(10)ABC123(17)251231");
    }
}

static void test_linear(void **state)
{
    (void)state;
    assert_true(parse("gs1", "]E00614141123452"));
    assert_string_equal(res.canonical, "(01)00614141123452");
    assert_true(parse("gs1", "]E3952123454321312345"));
    assert_string_equal(res.fields[1].name, "addon");
    assert_string_equal(res.fields[1].value, "12345");
    assert_false(parse("gs1", "]I1195212345432A3"));
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_BAD_LINEAR);
}

static void test_dl_rules(void **state)
{
    (void)state;
    assert_false(parse("gs1-dl", "https://id.gs1.org/01/09521234543213/21/X/10/Y"));
    assert_int_equal(res.diags[0].code, TRACE__D_DL_BAD_SEQUENCE);
    assert_false(parse("gs1-dl", "https://id.gs1.org/01/09521234543213?10=L"));
    assert_int_equal(res.diags[0].code, TRACE__D_DL_SHOULD_BE_PATH);
    assert_int_equal(res.diags[0].loc.offset, 37);
    assert_true(parse("gs1-dl", "https://id.gs1.org/01/09521234543213/235/T?10=L"));
    assert_string_equal(res.uri, "https://id.gs1.org/01/09521234543213/235/T?10=L");
    assert_true(parse("gs1-dl", "https://example.com/x/01/09521234543213/10/a%2Fb?x=1"));
    assert_string_equal(res.fields[1].value, "a/b");
    assert_int_equal(res.fields[1].length, 5);
    assert_int_equal(res.ndiags, 1);
    assert_int_equal(res.diags[0].code, TRACE__D_DL_IGNORED);
}

static void test_format(void **state)
{
    char out[256];
    uint64_t omitted = 0;
    (void)state;
    assert_true(parse("gs1", "(01)09521234543213(21)S(8200)http://x"));
    assert_int_equal(
        trace_gs1_format(NULL, &res, TRACE_GS1_DL, NULL, 0, out, sizeof(out), NULL),
        TRACE_EDATA);
    assert_int_equal(trace_gs1_format(NULL, &res, TRACE_GS1_DL_PARTIAL, "https://e.com/",
                                      0, out, sizeof(out), &omitted),
                     TRACE_OK);
    assert_string_equal(out, "https://e.com/01/09521234543213/21/S");
    assert_int_equal(omitted, 4);
    assert_int_equal(trace_gs1_format(NULL, &res, TRACE_GS1_UNBRACKETED, NULL, 0, out,
                                      sizeof(out), NULL),
                     TRACE_OK);
    assert_string_equal(out, "^0109521234543213"
                             "21S^8200http://x");
    assert_int_equal(trace_gs1_format(NULL, &res, TRACE_GS1_HRI_TITLES, NULL, 0, out,
                                      sizeof(out), NULL),
                     TRACE_OK);
    assert_string_equal(
        out, "GTIN (01) 09521234543213\nSERIAL (21) S\nPRODUCT URL (8200) http://x\n");
    assert_int_equal(
        trace_gs1_format(NULL, &res, TRACE_GS1_BRACKETED, NULL, 0, out, 10, NULL),
        TRACE_EBUFS);
    assert_string_equal(out, "");
}

static void test_epc(void **state)
{
    char out[128];
    trace_dict *d;
    trace_ctx *ctx;
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    static const char rows[] = "# extra prefixes\n952 7\n9521234 7\n";
    (void)state;
    assert_true(parse("epc", "urn:epc:id:sgtin:0614141.812345.6789"));
    assert_string_equal(res.canonical, "(01)80614141123458(21)6789");
    assert_int_equal(
        trace_gs1_format(NULL, &res, TRACE_GS1_EPC, NULL, 0, out, sizeof(out), NULL),
        TRACE_OK);
    assert_string_equal(out, "urn:epc:id:sgtin:0614141.812345.6789");
    assert_true(parse("gs1", "(01)09521234543213(21)S1"));
    assert_int_equal(
        trace_gs1_format(NULL, &res, TRACE_GS1_EPC, NULL, 0, out, sizeof(out), NULL),
        TRACE_ENOTFOUND);
    assert_int_equal(trace_dict_new(&d, NULL), TRACE_OK);
    assert_int_equal(trace_gs1_dict_load_gcp(d, "952 x\n", 6), TRACE_EDATA);
    assert_int_equal(trace_gs1_dict_load_gcp(d, rows, sizeof(rows) - 1), TRACE_OK);
    o.dict = d;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    trace_dict_unref(d);
    assert_int_equal(trace_gs1_gcp_length(ctx, "01", "09521234543213", 14), 7);
    assert_int_equal(
        trace_gs1_format(ctx, &res, TRACE_GS1_EPC, NULL, 0, out, sizeof(out), NULL),
        TRACE_OK);
    assert_string_equal(out, "urn:epc:id:sgtin:9521234.054321.S1");
    trace_ctx_free(ctx);
    assert_int_equal(trace_gs1_gcp_length(NULL, "01", "06901234567892", 14), 7);
    assert_int_equal(trace_gs1_gcp_length(NULL, "414", "6921234000016", 13), 8);
    assert_int_equal(trace_gs1_gcp_length(NULL, "414", "9521234000013", 13), 0);
}

static void test_label(void **state)
{
    const char *scans[] = {"]C10109521234543213", "]C110ABC\x1d"
                                                  "17251231"};
    size_t lens[2];
    (void)state;
    lens[0] = strlen(scans[0]), lens[1] = strlen(scans[1]);
    assert_int_equal(trace_gs1_label(NULL, scans, lens, 2, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_string_equal(res.canonical, "(01)09521234543213(10)ABC(17)251231");
    assert_int_equal(trace_gs1_label(NULL, scans + 1, lens + 1, 1, 0, &res), TRACE_OK);
    assert_false(res.valid);
    assert_int_equal(res.diags[0].code, TRACE__D_GS1_REQUISITE);
    assert_string_equal(arg(&res.diags[0], "scan"), "0");
}

static void test_limits(void **state)
{
    char big[2048];
    size_t n = 0, i;
    (void)state;
    n += (size_t)snprintf(big, sizeof(big), "(01)09521234543213");
    for (i = 0; i < 70; i++)
        n += (size_t)snprintf(big + n, sizeof(big) - n, "(10)A");
    assert_false(parse("gs1", big));
    assert_int_equal(res.diags[res.ndiags - 1].code, TRACE__D_GS1_TOO_MANY);
}

static void test_century(void **state)
{
    (void)state;
    assert_int_equal(gs1__century(99, 2026), 1999);
    assert_int_equal(gs1__century(76, 2026), 2076);
    assert_int_equal(gs1__century(77, 2026), 1977);
    assert_int_equal(gs1__century(25, 2026), 2025);
    assert_int_equal(gs1__century(0, 2099), 2100);
    assert_true(trace__gs1_year_now() >= 2024);
}

static void test_no_allocation(void **state)
{
    failalloc f;
    trace_allocator a = failalloc_make(&f, -1);
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx;
    long before;
    (void)state;
    o.alloc = &a;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    before = f.calls;
    assert_int_equal(
        trace_code_parse(ctx, "gs1-dl",
                         "https://id.gs1.org/01/09521234543213/10/A?17=251231", 51, 0,
                         &res),
        TRACE_OK);
    assert_int_equal(trace_code_parse(ctx, "gs1", "(01)09521234543213(10)A", 23, 0, &res),
                     TRACE_OK);
    assert_int_equal(f.calls, before);
    trace_ctx_free(ctx);
}

/* Every AI of the GS1 Syntax Dictionary (when the reference copy is present)
 * is in the compiled table with the same flags, length range and title. */
static void test_table_matches_dictionary(void **state)
{
    char dir[512], path[600], line[512];
    FILE *f;
    int seen = 0;
    (void)state;
    if (!unit_ref_dir(dir, sizeof(dir)))
        skip();
    snprintf(path, sizeof(path), "%s/gs1/gs1-syntax-dictionary.txt", dir);
    f = fopen(path, "r");
    if (!f)
        skip();
    while (fgets(line, sizeof(line), f)) {
        char ai[16], flags[8] = "";
        int lo, hi, v, len, k;
        const char *title = strchr(line, '#');
        if (line[0] < '0' || line[0] > '9' || sscanf(line, "%15s", ai) != 1)
            continue;
        k = (int)strlen(ai);
        if (sscanf(line + k, " %7[*?!]", flags) != 1)
            flags[0] = '\0';
        len = (int)strcspn(ai, "-");
        lo = atoi(ai);
        hi = ai[len] == '-' ? atoi(ai + len + 1) : lo;
        for (v = lo; v <= hi; v++) {
            char s[8];
            const gs1__ai *e;
            snprintf(s, sizeof(s), "%0*d", len, v);
            e = gs1__ai_at(gs1__ai_find(s, (size_t)len));
            assert_non_null(e);
            assert_string_equal(e->ai, s);
            assert_int_equal((e->flags & GS1_F_FIXED) != 0, strchr(flags, '*') != NULL);
            assert_int_equal((e->flags & GS1_F_DLATTR) != 0, strchr(flags, '?') != NULL);
            if (title) {
                char t[128];
                size_t tl;
                snprintf(t, sizeof(t), "%s", title + 1);
                t[strcspn(t, "\r\n")] = '\0';
                for (tl = 0; t[tl] == ' '; tl++)
                    ;
                assert_string_equal(e->title_en, t + tl);
            }
            seen++;
        }
    }
    fclose(f);
    assert_int_equal(seen, gs1__ai_count());
}

/* TRACE_CODE_NO_FORMS: same verdict, fields and diagnostics; no text forms. */
static void test_no_forms(void **state)
{
    static trace_code_result full;
    const char *in[] = {"(01)09521234543213(10)ABC(17)260101",
                        "https://id.gs1.org/01/09521234543213/10/ABC?17=260101",
                        "(01)09521234543214", "91350100M000100Y43"};
    size_t i, k;
    (void)state;
    for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
        const char *scheme = i == 1 ? "gs1-dl" : i == 3 ? "uscc" : "gs1";
        assert_int_equal(trace_code_parse(NULL, scheme, in[i], strlen(in[i]), 0, &full),
                         TRACE_OK);
        assert_int_equal(trace_code_parse(NULL, scheme, in[i], strlen(in[i]),
                                          TRACE_CODE_NO_FORMS, &res),
                         TRACE_OK);
        assert_int_equal(res.valid, full.valid);
        assert_null(res.canonical);
        assert_null(res.uri);
        assert_int_equal(res.nfields, full.nfields);
        for (k = 0; k < res.nfields; k++)
            assert_string_equal(res.fields[k].value, full.fields[k].value);
        assert_int_equal(res.ndiags, full.ndiags);
        for (k = 0; k < res.ndiags; k++)
            assert_int_equal(res.diags[k].code, full.diags[k].code);
        if (full.valid) /* a valid parse has its forms without the flag */
            assert_non_null(full.canonical);
    }
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_bracketed_fields), cmocka_unit_test(test_no_forms),
                cmocka_unit_test(test_components), cmocka_unit_test(test_all_errors),
                cmocka_unit_test(test_forms_agree), cmocka_unit_test(test_linear),
                cmocka_unit_test(test_dl_rules), cmocka_unit_test(test_format),
                cmocka_unit_test(test_epc), cmocka_unit_test(test_label),
                cmocka_unit_test(test_limits), cmocka_unit_test(test_century),
                cmocka_unit_test(test_no_allocation),
                cmocka_unit_test(test_table_matches_dictionary))
