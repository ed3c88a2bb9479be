/*
 * test_error.c - the catalogue, message rendering and diagnostic lists,
 * including allocation failure at every step.
 */
#include "unit.h"
#include "internal.h"

static void test_catalogue(void **state)
{
    const trace_catalogue_entry *e;
    size_t i;
    (void)state;
    assert_true(trace_catalogue_count() > 10);
    e = trace_catalogue_find("tr-chk-0001");
    assert_non_null(e);
    assert_string_equal(e->id, "TR-CHK-0001");
    assert_int_equal(e->code, 30001);
    assert_int_equal(e->severity, TRACE_SEV_ERROR);
    assert_ptr_equal(trace_catalogue_get(30001), e);
    assert_null(trace_catalogue_find("TR-NOPE-0001"));
    for (i = 1; i < trace_catalogue_count(); i++) /* sorted, unique */
        assert_true(trace_catalogue_at(i - 1)->code < trace_catalogue_at(i)->code);
    for (i = 0; i < trace_catalogue_count(); i++) { /* both languages present */
        assert_true(strlen(trace_catalogue_at(i)->en) > 0);
        assert_true(strlen(trace_catalogue_at(i)->zh) > 0);
    }
}

static void test_message(void **state)
{
    trace_diag d;
    char buf[256];
    size_t n;
    (void)state;
    trace__diag_init(&d, TRACE__D_CHECK_MISMATCH);
    trace__diag_arg(&d, "got", "2");
    trace__diag_arg(&d, "expected", "1");
    trace__diag_arg(&d, "alg", "gs1");
    n = trace_diag_message(&d, TRACE_LANG_EN, buf, sizeof(buf));
    assert_string_equal(buf, "check character is 2, expected 1 (gs1)");
    assert_int_equal(n, strlen(buf));
    trace_diag_message(&d, TRACE_LANG_ZH, buf, sizeof(buf));
    assert_string_equal(buf, "校验字符为 2，应为 1（gs1）");
    /* truncation keeps the NUL and reports the full length */
    n = trace_diag_message(&d, TRACE_LANG_EN, buf, 6);
    assert_string_equal(buf, "check");
    assert_int_equal(n, strlen("check character is 2, expected 1 (gs1)"));
    /* a missing argument renders as "?" */
    trace__diag_init(&d, TRACE__D_CHECK_BAD_LENGTH);
    trace_diag_message(&d, TRACE_LANG_EN, buf, sizeof(buf));
    assert_string_equal(buf, "length ? is not valid for ?");
}

static void test_arg_truncation(void **state)
{
    trace_diag d;
    char big[300];
    (void)state;
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    trace__diag_init(&d, TRACE__D_INTERNAL);
    trace__diag_arg(&d, "what", big);
    assert_int_equal(strlen(trace_diag_arg_get(&d, "what")), TRACE_DIAG_ARG_SIZE - 1);
    assert_memory_equal(trace_diag_arg_get(&d, "what") + TRACE_DIAG_ARG_SIZE - 4, "...",
                        3);
}

static void test_list(void **state)
{
    trace_diag_list *l;
    trace_diag d;
    int i;
    (void)state;
    assert_int_equal(trace_diag_list_new(&l, 3, NULL), TRACE_OK);
    trace__diag_init(&d, TRACE__D_CHECK_MISMATCH);
    for (i = 0; i < 5; i++)
        trace_diag_list_add(l, &d);
    trace__diag_init(&d, TRACE__D_CHECK_NOT_POSSIBLE);
    assert_int_equal(trace_diag_list_add(l, &d), TRACE_ELIMIT);
    assert_int_equal(trace_diag_list_count(l), 3);
    assert_int_equal(trace_diag_list_dropped(l), 3);
    assert_int_equal(trace_diag_list_count_severity(l, TRACE_SEV_ERROR), 5);
    assert_int_equal(trace_diag_list_count_severity(l, TRACE_SEV_INFO), 6);
    assert_true(trace_diag_list_has_errors(l));
    assert_string_equal(trace_diag_list_at(l, 0)->id, "TR-CHK-0001");
    assert_null(trace_diag_list_at(l, 3));
    trace_diag_list_clear(l);
    assert_int_equal(trace_diag_list_count(l), 0);
    assert_false(trace_diag_list_has_errors(l));
    trace_diag_list_free(l);
    trace_diag_list_free(NULL);
}

static int seen;
static void count_cb(const trace_diag *d, void *payload)
{
    (void)d;
    (*(int *)payload)++;
}

static void test_list_callback_and_chaos(void **state)
{
    trace_diag_list *l;
    trace_diag d;
    failalloc fa;
    long n;
    (void)state;
    assert_int_equal(trace_diag_list_new(&l, 0, NULL), TRACE_OK);
    trace_diag_list_set_callback(l, count_cb, &seen, 0);
    trace__diag_init(&d, TRACE__D_CHECK_MISMATCH);
    trace_diag_list_add(l, &d);
    trace_diag_list_add(l, &d);
    assert_int_equal(seen, 2);
    assert_int_equal(trace_diag_list_count(l), 0); /* keep == 0: only counted */
    trace_diag_list_free(l);
    /* chaos: fail each allocation in turn; never crash, never leak */
    for (n = 0; n < 4; n++) {
        trace_allocator a = failalloc_make(&fa, n);
        if (trace_diag_list_new(&l, 0, &a) == TRACE_OK) {
            int i;
            for (i = 0; i < 40; i++)
                trace_diag_list_add(l, &d);
            assert_true(trace_diag_list_count(l) + trace_diag_list_dropped(l) == 40);
            trace_diag_list_free(l);
        }
        assert_int_equal(fa.live, 0);
    }
}

static void test_small_functions(void **state)
{
    trace_diag d;
    /* More keys than a diagnostic holds, whatever TRACE_DIAG_MAX_ARGS is. */
    static const char *const keys[] = {"k0",  "k1",  "k2",  "k3",  "k4",  "k5",
                                       "k6",  "k7",  "k8",  "k9",  "k10", "k11",
                                       "k12", "k13", "k14", "k15", "k16", "k17",
                                       "k18", "k19", "k20", "k21", "k22", "k23"};
    char utf8[TRACE_DIAG_ARG_SIZE * 2 + 4];
    size_t i;
    (void)state;
    assert_string_equal(trace_severity_name(TRACE_SEV_INFO), "info");
    assert_string_equal(trace_severity_name(TRACE_SEV_WARNING), "warning");
    assert_string_equal(trace_severity_name(TRACE_SEV_ERROR), "error");
    assert_string_equal(trace_severity_name(TRACE_SEV_FATAL), "fatal");
    assert_string_equal(trace_severity_name((trace_severity)9), "unknown");
    trace__diag_init(&d, TRACE__D_INTERNAL);
    assert_int_equal(d.loc.offset, -1);
    assert_int_equal(d.loc.record, -1);
    trace__loc_set_source(&d.loc, "events.xml");
    assert_string_equal(d.loc.source, "events.xml");
    trace__loc_set_source(&d.loc, NULL);
    assert_string_equal(d.loc.source, "");
    /* Setting a key again replaces it; one key more than fits is ignored. */
    assert_true(TRACE_DIAG_MAX_ARGS < sizeof(keys) / sizeof(keys[0]));
    for (i = 0; i <= TRACE_DIAG_MAX_ARGS; i++)
        trace__diag_arg(&d, keys[i], "v");
    trace__diag_arg(&d, "k0", "again");
    assert_int_equal(d.nargs, TRACE_DIAG_MAX_ARGS);
    assert_string_equal(trace_diag_arg_get(&d, "k0"), "again");
    assert_null(trace_diag_arg_get(&d, keys[TRACE_DIAG_MAX_ARGS]));
    assert_null(trace_diag_arg_get(NULL, "k0"));
    /* Truncation never splits a UTF-8 sequence: 3-byte characters. */
    for (i = 0; i + 3 < sizeof(utf8); i += 3)
        memcpy(utf8 + i, "\xe4\xb8\xad", 3);
    utf8[i] = '\0';
    trace__diag_arg(&d, "k1", utf8);
    assert_int_equal((strlen(trace_diag_arg_get(&d, "k1")) - 3) % 3, 0);
    assert_string_equal(
        trace_diag_arg_get(&d, "k1") + strlen(trace_diag_arg_get(&d, "k1")) - 3, "...");
    trace__diag_argf(&d, "k2", "%d-%s", 7, "x");
    assert_string_equal(trace_diag_arg_get(&d, "k2"), "7-x");
    /* An unknown code renders a fixed text and keeps a catalogue id. */
    trace__diag_init(&d, 999999);
    assert_string_equal(d.id, "TR-GEN-0001");
    assert_null(trace_catalogue_get(999999));
    assert_null(trace_catalogue_at(trace_catalogue_count()));
    assert_null(trace_catalogue_find(NULL));
}

static void test_list_misuse(void **state)
{
    trace_diag_list *l;
    trace_diag d;
    (void)state;
    assert_int_equal(trace_diag_list_new(NULL, 0, NULL), TRACE_EINVAL);
    assert_int_equal(trace_diag_list_add(NULL, &d), TRACE_EINVAL);
    assert_int_equal(trace_diag_list_count(NULL), 0);
    assert_int_equal(trace_diag_list_dropped(NULL), 0);
    assert_int_equal(trace_diag_list_count_severity(NULL, TRACE_SEV_INFO), 0);
    assert_false(trace_diag_list_has_errors(NULL));
    trace_diag_list_clear(NULL);
    trace_diag_list_set_callback(NULL, NULL, NULL, 1);
    assert_int_equal(trace_diag_list_new(&l, 0, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_add(l, NULL), TRACE_EINVAL);
    trace_diag_list_free(l);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_catalogue), cmocka_unit_test(test_message),
                cmocka_unit_test(test_arg_truncation), cmocka_unit_test(test_list),
                cmocka_unit_test(test_list_callback_and_chaos),
                cmocka_unit_test(test_small_functions),
                cmocka_unit_test(test_list_misuse))
