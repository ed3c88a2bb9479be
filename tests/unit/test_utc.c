/*
 * test_utc.c - the UTDS trace code: key files, issuing (sequential and
 * random, unique within an issuer), the MAC recomputed independently from
 * the spec with libsodium, verification verdicts and the three forms.
 */
#include "unit.h"

#include <sodium.h>

#include "libtrace/utc.h"

static trace_code_result res;

static const char KEYTEXT[] = "# test\nutds-issuer-key 1\nid T\n"
                              "key 21275871715e5d0810dce34ed0a5e1398b35408505cad3f32fc78e62b0fbfce7\n";

static void load_key(trace_utc_key *k)
{
    assert_int_equal(trace_utc_key_parse(KEYTEXT, sizeof(KEYTEXT) - 1, k, NULL), TRACE_OK);
}

static trace_utc_params params(const char *op, const trace_utc_key *key, int random)
{
    trace_utc_params p;
    memset(&p, 0, sizeof(p));
    p.version = TRACE_UTC_PARAMS_VERSION;
    p.node = "350000";
    p.operator_id = op;
    p.family = "31";
    p.batch = "1";
    p.first_serial = 1;
    p.random = random;
    p.key = key;
    return p;
}

/* The MAC as spec/utds-1-trace-code.md defines it, computed here from scratch:
 * BLAKE2b-128 keyed over "UTDS-TC1:" || body || key id, first 40 bits, base32hex. */
static void spec_mac(const trace_utc_key *k, const char *body, size_t n, char out[9])
{
    unsigned char msg[128], h[16];
    uint64_t v = 0;
    int i;
    memcpy(msg, "UTDS-TC1:", 9);
    memcpy(msg + 9, body, n);
    msg[9 + n] = (unsigned char)k->id;
    crypto_generichash(h, 16, msg, 9 + n + 1, k->key, 32);
    for (i = 0; i < 5; i++)
        v = v << 8 | h[i];
    for (i = 7; i >= 0; i--, v >>= 5)
        out[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUV"[v & 31];
    out[8] = '\0';
}

static void test_keys(void **state)
{
    trace_utc_key k, k2;
    trace_diag d;
    char text[512];
    size_t n;
    (void)state;
    load_key(&k);
    assert_int_equal(k.id, 'T');
    assert_int_equal(k.key[0], 0x21);
    assert_int_equal(k.key[31], 0xe7);
    assert_int_equal(trace_utc_key_generate('B', &k2), TRACE_OK);
    n = trace_utc_key_format(&k2, text, sizeof(text));
    assert_true(n > 0);
    memset(&k, 0, sizeof(k));
    assert_int_equal(trace_utc_key_parse(text, n, &k, NULL), TRACE_OK);
    assert_memory_equal(&k, &k2, sizeof(k));
    assert_int_equal(trace_utc_key_format(&k2, text, 20), 0);
    assert_int_equal(trace_utc_key_generate('b', &k2), TRACE_EINVAL);
    assert_int_equal(trace_utc_key_parse("id T\n", 5, &k, &d), TRACE_EDATA);
    assert_string_equal(d.id, "TR-UTC-0008");
    assert_int_equal(trace_utc_key_parse("utds-issuer-key 1\nid T\nkey 00\n", 30, &k, &d),
                     TRACE_EDATA);
    assert_int_equal(trace_utc_key_load("/nonexistent/key", &k, NULL), TRACE_EIO);
}

static void test_issue_sequential(void **state)
{
    trace_utc_key k;
    trace_utc_params p;
    trace_utc_issuer *iss;
    char buf[3][64], mac[9];
    (void)state;
    load_key(&k);
    p = params("42", &k, 0);
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, NULL), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf[0], 64, 3), TRACE_OK);
    assert_string_equal(buf[0], "1350000N00000042310000010000000001TF5RBELREL");
    assert_memory_equal(buf[1], "1350000N00000042310000010000000002T", 35);
    /* independent recomputation of the verification segment and the check */
    spec_mac(&k, buf[2], 34, mac);
    assert_memory_equal(buf[2] + 35, mac, 8);
    assert_int_equal(trace_check_verify(TRACE_CHECK_MOD37_36, buf[2], strlen(buf[2])), 1);
    assert_int_equal(trace_utc_issue(iss, buf[0], 40, 1), TRACE_EBUFS);
    trace_utc_issuer_free(iss);
    /* without a key, with a USCC operator: 45 characters */
    p = params("911101083303521997", NULL, 0);
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, NULL), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf[0], 64, 1), TRACE_OK);
    assert_int_equal(strlen(buf[0]), 45);
    assert_memory_equal(buf[0], "1350000U911101083303521997310000010000000001", 44);
    trace_utc_issuer_free(iss);
    /* the serial space of sequential serials ends at 10^10 - 1 */
    p = params("42", NULL, 0);
    p.first_serial = 9999999999ULL;
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, NULL), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf[0], 64, 1), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf[0], 64, 1), TRACE_ELIMIT);
    trace_utc_issuer_free(iss);
}

static int cmp_codes(const void *a, const void *b)
{
    return memcmp(a, b, 48);
}

static void test_issue_random(void **state)
{
    enum { N = 200000, STRIDE = 48 };
    trace_utc_key k;
    trace_utc_params p;
    trace_utc_issuer *iss;
    char *buf = malloc((size_t)N * STRIDE);
    size_t i;
    (void)state;
    assert_non_null(buf);
    load_key(&k);
    p = params("42", &k, 1);
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, NULL), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf, STRIDE, N / 2), TRACE_OK);
    assert_int_equal(trace_utc_issue(iss, buf + (size_t)(N / 2) * STRIDE, STRIDE, N / 2),
                     TRACE_OK);
    for (i = 0; i < 1000; i++) { /* a sample verifies with the key */
        assert_int_equal(trace_utc_verify(NULL, buf + i * STRIDE, 44, &k, 1, 0, &res), TRACE_OK);
        assert_true(res.valid);
    }
    qsort(buf, N, STRIDE, cmp_codes);
    for (i = 1; i < N; i++) /* no serial repeats within the issuer */
        assert_true(memcmp(buf + (i - 1) * STRIDE, buf + i * STRIDE, 44) != 0);
    trace_utc_issuer_free(iss);
    free(buf);
}

static void test_verify(void **state)
{
    static const char ok[] = "1350000N00000042310000010000000001TF5RBELREL";
    trace_utc_key k, other;
    char code[64], uri[80], grouped[80];
    (void)state;
    load_key(&k);
    assert_int_equal(trace_utc_verify(NULL, ok, 44, &k, 1, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_int_equal(res.ndiags, 0);
    assert_string_equal(trace_code_result_field(&res, "mac")->typed, "ok");
    assert_string_equal(res.uri, "URN:UTDS:TC:1350000N00000042310000010000000001TF5RBELREL");
    /* no key: structure only, the MAC reported as not verified */
    assert_int_equal(trace_code_parse(NULL, "utds", ok, 44, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_string_equal(res.diags[0].id, "TR-UTC-0006");
    assert_string_equal(res.checks, "mac: no issuer key");
    /* a different key with the same id */
    other = k;
    other.key[0] ^= 1;
    assert_int_equal(trace_utc_verify(NULL, ok, 44, &other, 1, 0, &res), TRACE_OK);
    assert_false(res.valid);
    assert_string_equal(res.diags[0].id, "TR-UTC-0004");
    assert_int_equal(res.diags[0].loc.offset, 35);
    other.id = 'U';
    assert_int_equal(trace_utc_verify(NULL, ok, 44, &other, 1, 0, &res), TRACE_OK);
    assert_string_equal(res.diags[0].id, "TR-UTC-0005");
    /* MAC altered and the check recomputed: only the key can tell */
    memcpy(code, ok, 43);
    code[42] = '0';
    assert_int_equal(trace_check_compute(TRACE_CHECK_MOD37_36, code, 43, code + 43, 2),
                     TRACE_OK);
    assert_int_equal(trace_code_parse(NULL, "utds", code, 44, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_int_equal(trace_utc_verify(NULL, code, 44, &k, 1, 0, &res), TRACE_OK);
    assert_false(res.valid);
    assert_string_equal(res.diags[0].id, "TR-UTC-0004");
    /* forms */
    assert_int_equal(trace_utc_format(ok, 44, 0, uri, sizeof(uri)), 56);
    assert_string_equal(uri, "URN:UTDS:TC:1350000N00000042310000010000000001TF5RBELREL");
    assert_int_equal(trace_utc_format(ok, 44, 1, grouped, sizeof(grouped)), 51);
    assert_string_equal(grouped, "1 350000 N00000042 31 000001 0000000001 TF5RBELRE L");
    assert_int_equal(trace_utc_verify(NULL, grouped, 51, &k, 1, 0, &res), TRACE_OK);
    assert_true(res.valid);
    assert_int_equal(trace_code_result_field(&res, "serial")->offset, 29);
    assert_int_equal(trace_utc_format(ok, 43, 0, uri, sizeof(uri)), 0);
    assert_int_equal(trace_utc_format(ok, 44, 0, uri, 20), 0);
    assert_int_equal(trace_utc_verify(NULL, "", 0, NULL, 0, 0, &res), TRACE_OK);
    assert_string_equal(res.diags[0].id, "TR-CODE-0005");
    assert_int_equal(trace_utc_verify(NULL, NULL, 0, NULL, 0, 0, &res), TRACE_EINVAL);
}

static void bad_param(const char *node, const char *op, const char *family, const char *batch,
                      const char *which)
{
    trace_utc_params p = params(op, NULL, 0);
    trace_utc_issuer *iss = NULL;
    trace_diag d;
    p.node = node;
    p.family = family;
    p.batch = batch;
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, &d), TRACE_EDATA);
    assert_null(iss);
    assert_string_equal(d.id, "TR-UTC-0009");
    assert_string_equal(trace_diag_arg_get(&d, "param"), which);
}

static void test_params(void **state)
{
    trace_utc_params p = params("42", NULL, 0);
    trace_utc_issuer *iss;
    (void)state;
    bad_param("990000", "42", "31", "1", "node");
    bad_param("35000", "42", "31", "1", "node");
    bad_param("350000", "911101083303521996", "31", "1", "operator");
    bad_param("350000", "123456789", "31", "1", "operator");
    bad_param("350000", "4-2", "31", "1", "operator");
    bad_param("350000", "42", "91", "1", "family");
    bad_param("350000", "42", "31", "1234567", "batch");
    bad_param("350000", "42", "31", "", "batch");
    p.version = 99;
    assert_int_equal(trace_utc_issuer_new(NULL, &p, &iss, NULL), TRACE_EINVAL);
    trace_utc_issuer_free(NULL);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_keys), cmocka_unit_test(test_issue_sequential),
                cmocka_unit_test(test_issue_random), cmocka_unit_test(test_verify),
                cmocka_unit_test(test_params))
