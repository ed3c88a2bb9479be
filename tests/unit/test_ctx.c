/*
 * test_ctx.c - contexts, options, limits, dictionary reference counting,
 * allocator hooks and threads sharing one context.
 */
#include <pthread.h>

#include "unit.h"
#include "internal.h"

static void test_defaults(void **state)
{
    trace_ctx *ctx;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_ctx_lang(ctx), TRACE_LANG_EN);
    assert_int_equal(trace_ctx_limits(ctx)->max_depth, TRACE_DEFAULT_MAX_DEPTH);
    assert_non_null(trace_ctx_dict(ctx));
    trace_ctx_free(ctx);
    trace_ctx_free(NULL);
    assert_int_equal(trace_ctx_new(NULL, NULL), TRACE_EINVAL);
}

static void test_options(void **state)
{
    trace_ctx_options o;
    trace_ctx *ctx;
    (void)state;
    assert_int_equal(trace_ctx_options_init(&o, 99), TRACE_EINVAL);
    assert_int_equal(trace_ctx_options_init(&o, TRACE_CTX_OPTIONS_VERSION), TRACE_OK);
    o.lang = TRACE_LANG_ZH;
    o.limits.max_depth = 7;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    assert_int_equal(trace_ctx_lang(ctx), TRACE_LANG_ZH);
    assert_int_equal(trace_ctx_limits(ctx)->max_depth, 7);
    assert_int_equal(trace_ctx_limits(ctx)->max_string, TRACE_DEFAULT_MAX_STRING);
    trace_ctx_free(ctx);
    o.version = 0;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_EINVAL);
    assert_null(ctx);
}

static void test_shared_dict_and_alloc(void **state)
{
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *a, *b;
    trace_dict *d;
    failalloc fa;
    trace_allocator al = failalloc_make(&fa, -1);
    long n;
    (void)state;
    assert_int_equal(trace_dict_new(&d, &al), TRACE_OK);
    o.dict = d;
    o.alloc = &al;
    assert_int_equal(trace_ctx_new(&a, &o), TRACE_OK);
    assert_int_equal(trace_ctx_new(&b, &o), TRACE_OK);
    assert_ptr_equal(trace_ctx_dict(a), trace_ctx_dict(b));
    trace_dict_unref(d); /* contexts keep it alive */
    trace_ctx_free(a);
    trace_ctx_free(b);
    assert_int_equal(fa.live, 0);
    for (n = 0; n < 3; n++) { /* every allocation failure is clean */
        al = failalloc_make(&fa, n);
        o.dict = NULL;
        if (trace_ctx_new(&a, &o) == TRACE_OK)
            trace_ctx_free(a);
        assert_int_equal(fa.live, 0);
    }
}

static void *worker(void *arg)
{
    const trace_ctx *ctx = arg;
    int i, ok = 1;
    for (i = 0; i < 2000; i++) {
        trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
        trace_ctx *mine;
        o.dict = trace_ctx_dict(ctx);
        if (trace_ctx_new(&mine, &o) != TRACE_OK)
            return NULL;
        ok &= trace_check_verify(TRACE_CHECK_GS1_MOD10, "4006381333931", 13) == 1;
        trace_ctx_free(mine);
    }
    return ok ? arg : NULL;
}

static void test_threads(void **state)
{
    trace_ctx *ctx;
    pthread_t t[4];
    void *r;
    int i;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    for (i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&t[i], NULL, worker, ctx), 0);
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], &r);
        assert_ptr_equal(r, ctx);
    }
    trace_ctx_free(ctx);
}

static void test_version(void **state)
{
    (void)state;
    assert_string_equal(trace_version(), TRACE_VERSION_STRING);
    assert_int_equal(trace_version_number(), TRACE_VERSION_NUMBER);
    assert_true(TRACE_AT_LEAST_VERSION(0, 1, 0));
    assert_non_null(strstr(trace_features(), "xml"));
    assert_string_equal(trace_strerror(TRACE_EIO, TRACE_LANG_EN), "input/output error");
    assert_string_equal(trace_strerror(TRACE_EIO, TRACE_LANG_ZH), "输入输出错误");
    assert_int_equal(trace_lang_from_name("zh_CN.UTF-8"), TRACE_LANG_ZH);
    assert_int_equal(trace_lang_from_name("C"), TRACE_LANG_EN);
    assert_int_equal(trace_lang_from_name(NULL), TRACE_LANG_EN);
}

static int freed_slot;
static void free_slot(void *data, const trace_allocator *alloc)
{
    freed_slot++;
    alloc->free_fn(data, alloc->opaque);
}

static void test_dict_slots_and_accessors(void **state)
{
    trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
    trace_allocator bad = {NULL, NULL, NULL, NULL};
    trace_ctx *ctx;
    trace_dict *d;
    (void)state;
    assert_int_equal(trace_dict_new(NULL, NULL), TRACE_EINVAL);
    assert_int_equal(trace_dict_new(&d, NULL), TRACE_OK);
    /* A module's run-time extension is freed with the last reference. */
    d->slot[TRACE__SLOT_CN].data = malloc(16);
    d->slot[TRACE__SLOT_CN].free_fn = free_slot;
    o.dict = d;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
    assert_ptr_equal(trace_ctx_allocator(ctx)->malloc_fn, trace__default_alloc.malloc_fn);
    assert_ptr_equal(trace_ctx_allocator(NULL), &trace__default_alloc);
    assert_int_equal(trace_ctx_lang(NULL), TRACE_LANG_EN);
    assert_int_equal(trace_ctx_limits(NULL)->max_diags, TRACE_DEFAULT_MAX_DIAGS);
    assert_null(trace_ctx_dict(NULL));
    trace_dict_unref(d);
    assert_int_equal(freed_slot, 0);
    trace_ctx_free(ctx);
    assert_int_equal(freed_slot, 1);
    trace_dict_unref(NULL);
    assert_null(trace_dict_ref(NULL));
    /* An incomplete allocator or an unknown language is API misuse. */
    o.dict = NULL;
    o.alloc = &bad;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_EINVAL);
    o.alloc = NULL;
    o.lang = (trace_lang)7;
    assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_EINVAL);
    assert_int_equal(trace_ctx_options_init(NULL, TRACE_CTX_OPTIONS_VERSION),
                     TRACE_EINVAL);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_defaults), cmocka_unit_test(test_options),
                cmocka_unit_test(test_shared_dict_and_alloc),
                cmocka_unit_test(test_threads), cmocka_unit_test(test_version),
                cmocka_unit_test(test_dict_slots_and_accessors))
