/*
 * test_check.c - check algorithms against worked examples from the
 * references (../shared/ref/cn-codes.md, GS1 General Specifications) and the
 * examples of ISO/IEC 7064.
 */
#include "unit.h"

static void verify_ok(trace_check_alg alg, const char *s)
{
    int rc = trace_check_verify(alg, s, strlen(s));
    if (rc != 1)
        fail_msg("%s: expected %s to verify, got %d", trace_check_name(alg), s, rc);
}

static void verify_bad(trace_check_alg alg, const char *s)
{
    int rc = trace_check_verify(alg, s, strlen(s));
    if (rc != 0)
        fail_msg("%s: expected %s to fail the check, got %d", trace_check_name(alg), s,
                 rc);
}

static void compute_is(trace_check_alg alg, const char *payload, const char *want)
{
    char out[4];
    assert_int_equal(trace_check_compute(alg, payload, strlen(payload), out, sizeof(out)),
                     TRACE_OK);
    assert_string_equal(out, want);
}

static void test_gs1_mod10(void **state)
{
    (void)state;
    verify_ok(TRACE_CHECK_GS1_MOD10, "4006381333931");      /* GTIN-13 */
    verify_ok(TRACE_CHECK_GS1_MOD10, "09521234543213");     /* GTIN-14 */
    verify_ok(TRACE_CHECK_GS1_MOD10, "106141412345678908"); /* SSCC */
    verify_ok(TRACE_CHECK_GS1_MOD10, "96385074");           /* GTIN-8 */
    compute_is(TRACE_CHECK_GS1_MOD10, "400638133393", "1");
    compute_is(TRACE_CHECK_GS1_MOD10, "0952123454321", "3");
    verify_bad(TRACE_CHECK_GS1_MOD10, "4006381333932");
    assert_int_equal(trace_check_verify(TRACE_CHECK_GS1_MOD10, "40063813A3931", 13),
                     TRACE_EDATA);
}

static void test_gs1_alnum(void **state)
{
    (void)state;
    /* GMN example from the GS1 General Specifications (AI 8013). */
    verify_ok(TRACE_CHECK_GS1_ALNUM, "1987654Ad4X4bL5ttr2310c2K");
    compute_is(TRACE_CHECK_GS1_ALNUM, "1987654Ad4X4bL5ttr2310c", "2K");
    verify_bad(TRACE_CHECK_GS1_ALNUM, "1987654Ad4X4bL5ttr2310c2L");
    assert_int_equal(trace_check_verify(TRACE_CHECK_GS1_ALNUM, "12 4XX", 6), TRACE_EDATA);
}

static void test_iso7064(void **state)
{
    (void)state;
    /* Examples given in ISO/IEC 7064. */
    compute_is(TRACE_CHECK_MOD11_2, "079", "X");
    compute_is(TRACE_CHECK_MOD37_2, "G123498654321", "H");
    compute_is(TRACE_CHECK_MOD97_10, "794", "44");
    compute_is(TRACE_CHECK_MOD1271_36, "ISO79", "3W");
    compute_is(TRACE_CHECK_MOD11_10, "0794", "5");
    compute_is(TRACE_CHECK_MOD37_36, "A12425GABC1234002", "M");
    verify_ok(TRACE_CHECK_MOD37_36, "a12425gabc1234002m"); /* case-insensitive */
    verify_bad(TRACE_CHECK_MOD97_10, "79445");
}

static void test_resident_id(void **state)
{
    (void)state;
    /* cn-codes.md section 2, VERIFIED worked examples. */
    verify_ok(TRACE_CHECK_MOD11_2, "11010519491231002X");
    verify_ok(TRACE_CHECK_MOD11_2, "440524188001010014");
    verify_bad(TRACE_CHECK_MOD11_2, "110105194912310021");
}

static void test_gb32100(void **state)
{
    (void)state;
    verify_ok(TRACE_CHECK_GB32100, "911101083303521997");
    verify_ok(TRACE_CHECK_GB32100, "91350200776049653A");
    verify_ok(TRACE_CHECK_GB32100, "91350100M000100Y43");
    verify_bad(TRACE_CHECK_GB32100, "91350203M0001QAY9B");
    verify_bad(TRACE_CHECK_GB32100, "911101083303521996");
    compute_is(TRACE_CHECK_GB32100, "91350203M0001QAY9", "9");
    /* I, O, S, V, Z are not in the code character set. */
    assert_int_equal(trace_check_verify(TRACE_CHECK_GB32100, "9111010833035I1997", 18),
                     TRACE_EDATA);
}

static void test_gb11714(void **state)
{
    (void)state;
    compute_is(TRACE_CHECK_GB11714, "33035219", "9");
    verify_ok(TRACE_CHECK_GB11714, "330352199");
    verify_ok(TRACE_CHECK_GB11714, "MA5CJQ4N5");
    verify_bad(TRACE_CHECK_GB11714, "330352198");
}

static void test_sc_licence(void **state)
{
    (void)state;
    /* SC food production licences: MOD 11,10 over the 14 digits (cn-codes.md 11). */
    verify_ok(TRACE_CHECK_MOD11_10, "11834020305037");
    verify_ok(TRACE_CHECK_MOD11_10, "11464010500015");
    verify_bad(TRACE_CHECK_MOD11_10, "11834020305038");
    compute_is(TRACE_CHECK_MOD11_10, "1234567890123", "2");
}

static void test_cas_luhn_iban(void **state)
{
    (void)state;
    verify_ok(TRACE_CHECK_CAS, "773218"
                               "5"); /* water 7732-18-5 */
    verify_ok(TRACE_CHECK_CAS, "6417"
                               "5"); /* ethanol 64-17-5 */
    verify_bad(TRACE_CHECK_CAS, "7732186");
    verify_ok(TRACE_CHECK_LUHN, "79927398713");
    verify_bad(TRACE_CHECK_LUHN, "79927398710");
    verify_ok(TRACE_CHECK_IBAN, "GB82WEST12345698765432");
    verify_bad(TRACE_CHECK_IBAN, "GB83WEST12345698765432");
}

static void test_names_and_diagnose(void **state)
{
    trace_check_alg alg;
    trace_diag d;
    (void)state;
    assert_int_equal(trace_check_by_name("mod37-36", &alg), TRACE_OK);
    assert_int_equal(alg, TRACE_CHECK_MOD37_36);
    assert_int_equal(trace_check_by_name("nope", &alg), TRACE_ENOTFOUND);
    assert_int_equal(trace_check_diagnose(TRACE_CHECK_GS1_MOD10, "4006381333932", 13, &d),
                     0);
    assert_string_equal(d.id, "TR-CHK-0001");
    assert_int_equal(d.loc.offset, 12);
    assert_int_equal(d.loc.length, 1);
    assert_string_equal(trace_diag_arg_get(&d, "expected"), "1");
    assert_string_equal(trace_diag_arg_get(&d, "got"), "2");
    assert_int_equal(trace_check_diagnose(TRACE_CHECK_GS1_MOD10, "40063A1333931", 13, &d),
                     0);
    assert_string_equal(d.id, "TR-CHK-0002");
    assert_int_equal(d.loc.offset, 5);
    assert_int_equal(trace_check_diagnose(TRACE_CHECK_GB32100, "123", 3, &d), 0);
    assert_string_equal(d.id, "TR-CHK-0003");
}

static void test_bad_input_every_algorithm(void **state)
{
    /* For each algorithm: a payload with a character outside its set, and
     * the position diagnose reports for it. */
    static const struct {
        trace_check_alg alg;
        const char *value;
        int64_t bad_at;
    } cases[] = {
        {TRACE_CHECK_GS1_MOD10, "12a45", 2},
        {TRACE_CHECK_GS1_ALNUM, "ab cd2K", 2},
        {TRACE_CHECK_MOD11_2, "12X45", 2},
        {TRACE_CHECK_MOD37_2, "AB#D", 2},
        {TRACE_CHECK_MOD97_10, "1A345", 1},
        {TRACE_CHECK_MOD11_10, "1-34", 1},
        {TRACE_CHECK_MOD37_36, "AB*DE", 2},
        {TRACE_CHECK_MOD1271_36, "A-BCDE", 1},
        {TRACE_CHECK_GB32100, "91110108330352I997", 14},
        {TRACE_CHECK_GB11714, "3303*2199", 4},
        {TRACE_CHECK_CAS, "77x2185", 2},
        {TRACE_CHECK_LUHN, "7992 398713", 4},
        {TRACE_CHECK_IBAN, "GB82WE$T12345698765432", 6},
    };
    size_t i;
    char out[4];
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        trace_diag d;
        const char *v = cases[i].value;
        size_t len = strlen(v);
        assert_int_equal(trace_check_verify(cases[i].alg, v, len), TRACE_EDATA);
        assert_int_equal(trace_check_diagnose(cases[i].alg, v, len, &d), 0);
        if (strcmp(d.id, "TR-CHK-0002") || d.loc.offset != cases[i].bad_at)
            fail_msg("%s %s: got %s at %lld", trace_check_name(cases[i].alg), v, d.id,
                     (long long)d.loc.offset);
        assert_string_equal(trace_diag_arg_get(&d, "alg"),
                            trace_check_name(cases[i].alg));
        if (cases[i].alg != TRACE_CHECK_IBAN)
            assert_int_equal(
                trace_check_compute(cases[i].alg, v, len - 1, out, sizeof(out)),
                TRACE_EDATA);
    }
}

static void test_lengths_and_misuse(void **state)
{
    char out[4];
    trace_diag d;
    (void)state;
    /* Empty payloads and fixed-length algorithms. */
    assert_int_equal(trace_check_compute(TRACE_CHECK_GS1_MOD10, "", 0, out, 4),
                     TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_MOD11_2, "", 0, out, 4),
                     TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_MOD11_10, "", 0, out, 4),
                     TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_LUHN, "", 0, out, 4), TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_GB11714, "1234567", 7, out, 4),
                     TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_CAS, "123", 3, out, 4), TRACE_EDATA);
    assert_int_equal(trace_check_compute(TRACE_CHECK_CAS, "1234567890", 10, out, 4),
                     TRACE_EDATA);
    assert_int_equal(trace_check_verify(TRACE_CHECK_IBAN, "GB82", 4), TRACE_EDATA);
    assert_int_equal(trace_check_verify(TRACE_CHECK_IBAN, "1282WEST12345698765432", 22),
                     TRACE_EDATA); /* the country code must be letters */
    assert_int_equal(trace_check_verify(TRACE_CHECK_GS1_MOD10, "7", 1), TRACE_EDATA);
    /* GS1 alphanumeric pair: at most 97 data characters (the primes below 512). */
    {
        char long_alnum[100];
        memset(long_alnum, 'A', sizeof(long_alnum));
        assert_int_equal(
            trace_check_compute(TRACE_CHECK_GS1_ALNUM, long_alnum, 97, out, 4), TRACE_OK);
        assert_int_equal(
            trace_check_compute(TRACE_CHECK_GS1_ALNUM, long_alnum, 98, out, 4),
            TRACE_EDATA);
    }
    /* Buffer and argument misuse. */
    assert_int_equal(trace_check_compute(TRACE_CHECK_MOD97_10, "794", 3, out, 2),
                     TRACE_EBUFS);
    assert_int_equal(trace_check_compute(TRACE_CHECK_GS1_MOD10, "1", 1, out, 1),
                     TRACE_EBUFS);
    assert_int_equal(trace_check_compute(TRACE_CHECK_GS1_MOD10, NULL, 1, out, 4),
                     TRACE_EINVAL);
    assert_int_equal(trace_check_compute((trace_check_alg)99, "1", 1, out, 4),
                     TRACE_EINVAL);
    assert_int_equal(trace_check_verify((trace_check_alg)-1, "12", 2), TRACE_EINVAL);
    assert_int_equal(trace_check_diagnose((trace_check_alg)99, "12", 2, &d),
                     TRACE_EINVAL);
    assert_int_equal(trace_check_diagnose(TRACE_CHECK_GS1_MOD10, "4006381333931", 13, &d),
                     1);
    assert_null(trace_check_name((trace_check_alg)TRACE_CHECK_COUNT));
    assert_int_equal(trace_check_by_name(NULL, NULL), TRACE_ENOTFOUND);
    assert_int_equal(trace_check_by_name("GB32100", NULL),
                     TRACE_OK); /* case-insensitive */
    assert_int_equal(trace_check_width(TRACE_CHECK_MOD1271_36), 2);
    assert_int_equal(trace_check_width(TRACE_CHECK_CAS), 1);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_gs1_mod10), cmocka_unit_test(test_gs1_alnum),
                cmocka_unit_test(test_iso7064), cmocka_unit_test(test_resident_id),
                cmocka_unit_test(test_gb32100), cmocka_unit_test(test_gb11714),
                cmocka_unit_test(test_sc_licence), cmocka_unit_test(test_cas_luhn_iban),
                cmocka_unit_test(test_names_and_diagnose),
                cmocka_unit_test(test_bad_input_every_algorithm),
                cmocka_unit_test(test_lengths_and_misuse))
