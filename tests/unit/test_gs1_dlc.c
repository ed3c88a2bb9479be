/*
 * test_gs1_dlc.c - compressed GS1 Digital Link: the field layout derived from
 * the AI table, the value-bit table, the optimisation table, encode/decode
 * round trips over the API with and without optimisation codes, query pairs,
 * buffer sizes, and the errors of trace_gs1_dl_compress.
 */
#include "unit.h"

#include "gs1_dlc_int.h"

static trace_code_result res;

static int parse(const char *scheme, const char *s)
{
    assert_int_equal(trace_code_parse(NULL, scheme, s, strlen(s), 0, &res), TRACE_OK);
    return res.valid;
}

static void layout(const char *ai, int np, const char *want)
{
    gs1__dlc_part p[GS1__DLC_MAXPART];
    char got[64] = "";
    int i, n = gs1__dlc_format(gs1__ai_find(ai, strlen(ai)), p);
    for (i = 0; i < n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%c%s%u", i ? " " : "",
                 p[i].num ? 'N' : 'X', p[i].fixed ? "" : "..", p[i].len);
    assert_int_equal(n, np);
    assert_string_equal(got, want);
}

/* The grouping of components reproduces the GS1 prototype's format table. */
static void test_layout(void **state)
{
    (void)state;
    layout("01", 1, "N14");
    layout("00", 1, "N18");
    layout("10", 1, "X..20");
    layout("8003", 2, "N14 X..16"); /* N1 N13 [X..16] */
    layout("8006", 1, "N18");       /* N14 N4 */
    layout("7003", 1, "N10");       /* N6 N4 */
    layout("7230", 1, "X..30");     /* X2 X..28 */
    layout("423", 2, "N3 N..12");   /* N3 [N3] [N3] [N3] [N3] */
    layout("7040", 2, "N1 X3");     /* N1 X1 X1 X1 */
    layout("7007", 2, "N6 N..6");   /* N6 [N6] */
    layout("3910", 2, "N3 N..15");  /* N3 N..15: a variable number stays apart */
    layout("253", 2, "N13 X..17");
    layout("4307", 1, "X2");
}

/* Every variable-length field is the last of its AI (it takes the rest of the
 * value), and every field fits the length and bit tables. */
static void test_layout_all(void **state)
{
    int i, k, n = gs1__ai_count();
    (void)state;
    for (i = 0; i < n; i++) {
        gs1__dlc_part p[GS1__DLC_MAXPART];
        int np = gs1__dlc_format(i, p);
        assert_true(np >= 1);
        for (k = 0; k < np; k++) {
            assert_true(p[k].len >= 1 && p[k].len <= GS1__DLC_MAXNUM);
            if (!p[k].fixed && k + 1 != np)
                fail_msg("AI %s: variable field %d is not last", gs1__tab_ai[i].ai, k);
        }
    }
}

static void test_bits(void **state)
{
    size_t n;
    (void)state;
    assert_int_equal(gs1__dlc_vbits(0), 1);
    assert_int_equal(gs1__dlc_vbits(1), 4);
    assert_int_equal(gs1__dlc_vbits(6), 20);
    assert_int_equal(gs1__dlc_vbits(13), 44);
    assert_int_equal(gs1__dlc_vbits(14), 47);
    assert_int_equal(gs1__dlc_vbits(18), 60);
    assert_int_equal(gs1__dlc_vbits(59), 197); /* the prototype's +0.01 */
    for (n = 1; n <= GS1__DLC_MAXNUM; n++) {
        /* 2^bits >= 10^n, i.e. bits >= n*log2(10), and at most 2 bits more */
        double need = (double)n * 3.321928094887362;
        assert_true(gs1__dlc_vbits(n) >= need && gs1__dlc_vbits(n) <= need + 2);
    }
    assert_int_equal(gs1__dlc_lbits(20), 5);
    assert_int_equal(gs1__dlc_lbits(8), 4);
    assert_int_equal(gs1__dlc_lbits(90), 7);
    assert_int_equal(gs1__dlc_lbits(1), 1);
    assert_int_equal(gs1__dlc_b64('A'), 0);
    assert_int_equal(gs1__dlc_b64('_'), 63);
    assert_int_equal(gs1__dlc_b64('='), -1);
}

static void test_opt_table(void **state)
{
    const gs1__dlc_opt *o;
    size_t i;
    (void)state;
    for (i = 0; (o = gs1__dlc_opt_at(i)) != NULL; i++) {
        int k;
        assert_true((o->code >> 4) > 9 || (o->code & 15) > 9);
        assert_true((o->code >> 4) != 15);
        for (k = 0; k < o->n; k++)
            assert_true(gs1__ai_find(o->ai[k], strlen(o->ai[k])) >= 0);
    }
    assert_int_equal(i, 52);
    o = gs1__dlc_opt_find(0x9D);
    assert_non_null(o);
    assert_string_equal(o->ai[0], "254");
    assert_null(gs1__dlc_opt_find(0xB0));
}

static void compress(const char *es, unsigned flags, const char *want)
{
    char out[512];
    assert_true(parse("gs1", es));
    assert_int_equal(
        trace_gs1_dl_compress(NULL, &res, NULL, flags, NULL, 0, out, sizeof out),
        TRACE_OK);
    assert_string_equal(out, want);
}

/* Outputs of the GS1 toolkit (and Solidsoft's library for the unoptimised). */
static void test_known(void **state)
{
    (void)state;
    compress("(01)05412345000013(10)ABC123", 0, "https://id.gs1.org/CwnYUc1gmo1XgkY");
    compress("(01)05412345000013(10)ABC123", TRACE_GS1_DLC_NO_OPTIMISE,
             "https://id.gs1.org/AQnYUc1gmiCNV4JG");
    compress("(00)998440410914660971", 0, "https://id.gs1.org/AN2yxDhfaiaw");
    compress("(414)5060917510004(254)RP56J920471", TRACE_GS1_DLC_NO_OPTIMISE,
             "https://id.gs1.org/JUa0T-eifdtOO9UFEmlYwv3Q");
    compress("(8003)04965031954585", 0, "https://id.gs1.org/gAMJCAXukTMA");
    assert_true(parse("gs1-dl", "https://id.gs1.org/QXSaVjC_dHBAVlCrg"));
    assert_string_equal(res.canonical, "(417)5060917510004(7040)5KFX");
}

/* The elements of res as "(AI)value" in AI order (the compressed form keeps
 * its own element order). */
static void element_set(char *buf, size_t size)
{
    const char *item[64];
    char tmp[64][200];
    size_t i, j, n = 0;
    for (i = 0; i < res.nfields && n < 64; i++) {
        if (res.fields[i].parent != -1)
            continue;
        snprintf(tmp[n], sizeof tmp[n], "(%s)%s", res.fields[i].name,
                 res.fields[i].value);
        for (j = n; j > 0 && strcmp(item[j - 1], tmp[n]) > 0; j--)
            item[j] = item[j - 1];
        item[j] = tmp[n++];
    }
    buf[0] = '\0';
    for (i = 0; i < n; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s", item[i]);
}

static void round_trip(const char *es, unsigned flags)
{
    char out[1024], canon[2048], back[2048];
    assert_true(parse("gs1", es));
    element_set(canon, sizeof canon);
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, "https://example.com/x/", flags,
                                           NULL, 0, out, sizeof out),
                     TRACE_OK);
    assert_memory_equal(out, "https://example.com/x/", 22);
    assert_null(strchr(out + 22, '/'));
    if (!parse("gs1-dl", out))
        fail_msg("%s -> %s does not parse", es, out);
    element_set(back, sizeof back);
    assert_string_equal(back, canon);
}

static void test_round_trips(void **state)
{
    static const char *const es[] = {
        "(01)09521234543213(10)ABC123(17)251231(21)XYZ7",
        "(01)09521234543213(22)C-1(10)l(21)s(15)260101(11)250101(16)270101(91)x",
        "(00)095212345000000018(02)09521234543213(37)10",
        "(253)9521234000013ABC(99)A-b",
        "(8003)09521234000013ASSET1",
        "(01)09521234543213(10)A/B+C%D(99)A/B&C=D",
        "(01)09521234543213(3103)000100(3922)00012(30)0007",
        "(01)09521234543213(7007)251231(7003)2512312359",
        "(8017)000000952123400017(8019)7",
        "(01)09521234543213(21)0000000000000000001"};
    size_t i;
    (void)state;
    for (i = 0; i < sizeof es / sizeof es[0]; i++) {
        round_trip(es[i], 0);
        round_trip(es[i], TRACE_GS1_DLC_NO_OPTIMISE);
    }
}

static void test_params(void **state)
{
    char out[256];
    const char *p = "foo=bar&x%20y=1&k=a%2Fb";
    (void)state;
    assert_true(parse("gs1", "(01)05412345000013(10)ABC123(17)251231"));
    assert_int_equal(
        trace_gs1_dl_compress(NULL, &res, NULL, 0, p, strlen(p), out, sizeof out),
        TRACE_OK);
    assert_string_equal(
        out, "https://id.gs1.org/CwnYUc1gmo1XgkYueqvg?foo=bar&x%20y=1&k=a%2Fb");
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, TRACE_GS1_DLC_PARAMS, p,
                                           strlen(p), out, sizeof out),
                     TRACE_OK);
    /* foo=bar and k=a/b go in; "x y" is no base64url key and stays */
    assert_non_null(strstr(out, "?x%20y=1"));
    assert_true(parse("gs1-dl", out));
    assert_string_equal(res.canonical, "(01)05412345000013(10)ABC123(17)251231");
    assert_int_equal(res.ndiags, 3);
    assert_string_equal(trace_diag_arg_get(&res.diags[0], "param"), "foo=bar");
    assert_string_equal(trace_diag_arg_get(&res.diags[1], "param"), "k=a/b");
}

static void test_errors(void **state)
{
    char out[64];
    size_t n, full;
    (void)state;
    assert_true(parse("gs1", "(01)09521234543213(10)ABC123"));
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, 0, NULL, 0, out, sizeof out),
                     TRACE_OK);
    full = strlen(out);
    for (n = 1; n <= full; n++) {
        assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, 0, NULL, 0, out, n),
                         TRACE_EBUFS);
        assert_int_equal(out[0], '\0');
    }
    assert_int_equal(trace_gs1_format(NULL, &res, TRACE_GS1_DL_COMPRESSED, NULL, 0, out,
                                      full + 1, NULL),
                     TRACE_OK);
    assert_int_equal(strlen(out), full);
    assert_int_equal(
        trace_gs1_dl_compress(NULL, &res, NULL, 4u, NULL, 0, out, sizeof out),
        TRACE_EINVAL);
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, 0, NULL, 3, out, sizeof out),
                     TRACE_EINVAL);
    assert_int_equal(trace_gs1_dl_compress(NULL, NULL, NULL, 0, NULL, 0, out, sizeof out),
                     TRACE_EINVAL);
    assert_true(parse("gs1", "(99)ABC"));
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, 0, NULL, 0, out, sizeof out),
                     TRACE_EDATA);
    assert_true(parse("gs1", "(01)09521234543213(8200)http://x"));
    assert_int_equal(trace_gs1_dl_compress(NULL, &res, NULL, 0, NULL, 0, out, sizeof out),
                     TRACE_EDATA);
}

/* Ordinary URIs are not taken for compressed ones. */
static void test_detection(void **state)
{
    (void)state;
    assert_false(parse("gs1-dl", "https://example.com/about"));
    assert_int_equal(res.diags[0].code, TRACE__D_DL_NO_KEY);
    assert_true(parse("gs1-dl", "https://example.com/01/09521234543213/10/AbCd"));
    assert_string_equal(res.canonical, "(01)09521234543213(10)AbCd");
    assert_true(parse("gs1-dl", "https://example.com/a/b/AQnYUc1gmg"));
    assert_string_equal(res.canonical, "(01)05412345000013");
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_layout), cmocka_unit_test(test_layout_all),
                cmocka_unit_test(test_bits), cmocka_unit_test(test_opt_table),
                cmocka_unit_test(test_known), cmocka_unit_test(test_round_trips),
                cmocka_unit_test(test_params), cmocka_unit_test(test_errors),
                cmocka_unit_test(test_detection))
