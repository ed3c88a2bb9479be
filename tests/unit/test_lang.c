/*
 * test_lang.c - Chinese renderings of argument words (spec/lang/zh-terms.tsv):
 * the table's rows are well formed, exact and wildcard rows render as
 * written, data arguments are never translated, English output is unchanged.
 */
#include "unit.h"
#include "internal.h"

/* Number of "{}" holes in s. */
static int holes(const char *s)
{
    int n = 0;
    while ((s = strstr(s, "{}")) != NULL)
        n++, s += 2;
    return n;
}

static void test_rows(void **state)
{
    size_t i, n = trace__zh_term_count();
    (void)state;
    assert_true(n > 150);
    for (i = 0; i < n; i++) {
        const char *zh = NULL, *en = trace__zh_term_at(i, &zh);
        int h = holes(en), k;
        assert_non_null(en);
        assert_true(*en && *zh);
        /* every hole of the English text is used once in the Chinese text */
        for (k = 1; k <= h; k++) {
            char ref[4] = {'{', (char)('0' + k), '}', '\0'};
            const char *at = strstr(zh, ref);
            assert_non_null(at);
            assert_null(strstr(at + 3, ref));
        }
        if (!h) /* an exact row translates to itself through the lookup */
            assert_string_equal(trace__zh_arg("what", en, NULL, 0), zh);
    }
    assert_null(trace__zh_term_at(n, &(const char *){NULL}));
}

static void test_lookup(void **state)
{
    char buf[192];
    (void)state;
    assert_string_equal(trace__zh_arg("reason", "expected 1, 2 or 3", buf, sizeof(buf)),
                        "应为 1、2 或 3");
    /* wildcard rows: the longest literal match wins ("expected {} digits"
     * over "{} digits") and holes are filled in order */
    assert_string_equal(trace__zh_arg("reason", "expected 6 digits", buf, sizeof(buf)),
                        "应为 6 位数字");
    assert_string_equal(trace__zh_arg("form", "6 digits", buf, sizeof(buf)), "6 位数字");
    assert_string_equal(
        trace__zh_arg("reason",
                      "longer than 20 for version 1 (GB/T 31866-2015 as recalled)", buf,
                      sizeof(buf)),
        "超过版本 1 的上限 20（据回忆的 GB/T 31866-2015）");
    assert_string_equal(
        trace__zh_arg("what", "the bare CBV value shipping", buf, sizeof(buf)),
        "CBV 裸值 shipping");
    /* a hole is never empty; unknown words and data keys stay as they are */
    assert_null(trace__zh_arg("reason", " digits", buf, sizeof(buf)));
    assert_null(trace__zh_arg("reason", "expected 1, 2 or 4", buf, sizeof(buf)));
    assert_null(trace__zh_arg("value", "category", buf, sizeof(buf)));
    assert_null(trace__zh_arg("got", "month", buf, sizeof(buf)));
    assert_null(trace__zh_arg("what", "", buf, sizeof(buf)));
    /* a filled rendering that does not fit keeps the English text */
    assert_null(trace__zh_arg("reason", "expected 6 digits", buf, 8));
}

static void test_messages(void **state)
{
    trace_ctx *ctx = NULL;
    trace_code_result *res = calloc(1, sizeof(*res));
    char buf[256];
    const char *in = "40929272000000000000000000000000";
    (void)state;
    assert_non_null(res);
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_code_parse(ctx, "pesticide-qr", in, strlen(in), 0, res),
                     TRACE_OK);
    assert_int_equal(res->ndiags, 1);
    trace_diag_message(&res->diags[0], TRACE_LANG_EN, buf, sizeof(buf));
    assert_string_equal(buf, "category value 4 is not valid: expected 1, 2 or 3");
    trace_diag_message(&res->diags[0], TRACE_LANG_ZH, buf, sizeof(buf));
    assert_string_equal(buf, "类别 的值 4 无效：应为 1、2 或 3");
    /* the argument itself keeps the English text (API and JSON are stable) */
    assert_string_equal(trace_diag_arg_get(&res->diags[0], "segment"), "category");
    in = "100641234567890123456789012"; /* e-code: md longer than version 1 allows */
    assert_int_equal(trace_code_parse(ctx, "ecode", in, strlen(in), 0, res), TRACE_OK);
    assert_true(res->ndiags >= 1);
    trace_diag_message(&res->diags[0], TRACE_LANG_ZH, buf, sizeof(buf));
    assert_string_equal(
        buf, "md 长度 22 不合理：超过版本 1 的上限 20（据回忆的 GB/T 31866-2015）");
    trace_ctx_free(ctx);
    free(res);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_rows), cmocka_unit_test(test_lookup),
                cmocka_unit_test(test_messages))
