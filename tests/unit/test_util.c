/*
 * test_util.c - the library's internal helpers (lib/util.c): allocation
 * wrappers, the growable buffer (including allocation failure, which is
 * sticky), JSON string escaping, and the small string functions.
 */
#include "unit.h"
#include "internal.h"

static void test_alloc_wrappers(void **state)
{
    char *p;
    failalloc fa;
    trace_allocator a = failalloc_make(&fa, -1);
    (void)state;
    p = trace__strndup(NULL, "abcdef", 3); /* NULL allocator: malloc */
    assert_string_equal(p, "abc");
    p = trace__realloc(NULL, p, 10);
    assert_non_null(p);
    trace__free(NULL, p);
    trace__free(&a, NULL); /* no-op, no call */
    assert_int_equal(fa.calls, 0);
    p = trace__calloc(&a, 4, 8);
    assert_non_null(p);
    assert_memory_equal(
        p, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 32);
    trace__free(&a, p);
    assert_null(trace__calloc(&a, SIZE_MAX / 2, 4)); /* overflow refused, no call */
    assert_int_equal(fa.calls, 1);
    assert_int_equal(fa.live, 0);
    trace_free(NULL);
    trace_free(malloc(4));
}

static void test_buf(void **state)
{
    trace__buf b;
    int i;
    (void)state;
    trace__buf_init(&b, NULL);
    assert_string_equal(trace__buf_cstr(&b), "");
    assert_int_equal(trace__buf_puts(&b, "id="), TRACE_OK);
    assert_int_equal(trace__buf_printf(&b, "%d/%s", 42, "x"), TRACE_OK);
    assert_int_equal(trace__buf_putc(&b, '!'), TRACE_OK);
    assert_string_equal(trace__buf_cstr(&b), "id=42/x!");
    assert_int_equal(b.len, 8);
    for (i = 0; i < 1000; i++) /* growth past the first block */
        trace__buf_putc(&b, 'z');
    assert_int_equal(b.len, 1008);
    assert_int_equal(b.data[1007], 'z');
    trace__buf_free(&b);
    assert_null(b.data);
}

static void test_buf_failure_is_sticky(void **state)
{
    trace__buf b;
    failalloc fa;
    trace_allocator a = failalloc_make(&fa, 1); /* the second allocation fails */
    (void)state;
    trace__buf_init(&b, &a);
    assert_int_equal(trace__buf_puts(&b, "short"), TRACE_OK);
    assert_int_equal(trace__buf_append(&b,
                                       "................................................"
                                       "................................................",
                                       96),
                     TRACE_ENOMEM);
    assert_true(b.failed);
    assert_int_equal(trace__buf_puts(&b, "x"), TRACE_ENOMEM); /* even if it would fit */
    assert_int_equal(trace__buf_printf(&b, "%d", 1), TRACE_ENOMEM);
    assert_string_equal(trace__buf_cstr(&b), "");
    assert_int_equal(b.len, 5); /* what was there stays */
    trace__buf_free(&b);
    assert_int_equal(fa.live, 0);
    /* A size that cannot be represented fails before the allocator is asked. */
    a = failalloc_make(&fa, -1);
    trace__buf_init(&b, &a);
    assert_int_equal(trace__buf_reserve(&b, SIZE_MAX), TRACE_ENOMEM);
    assert_true(b.failed);
    assert_int_equal(fa.calls, 0);
    trace__buf_free(&b);
}

static void test_json_str(void **state)
{
    static const char in[] = "a\"b\\c\nd\re\tf\bg\fh\x01i\x1fj\xe4\xb8\xad";
    trace__buf b;
    (void)state;
    trace__buf_init(&b, NULL);
    trace__buf_json_str(&b, in, sizeof(in) - 1);
    assert_string_equal(
        trace__buf_cstr(&b),
        "\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj\xe4\xb8\xad\"");
    b.len = 0;
    trace__buf_json_str(&b, "a\0b", 3); /* an embedded NUL is escaped, not a terminator */
    assert_string_equal(trace__buf_cstr(&b), "\"a\\u0000b\"");
    trace__buf_free(&b);
}

static void test_strings(void **state)
{
    char small[4];
    (void)state;
    assert_int_equal(trace__strcasecmp("TR-chk-0001", "tr-CHK-0001"), 0);
    assert_true(trace__strcasecmp("a", "b") < 0);
    assert_true(trace__strcasecmp("ab", "a") > 0);
    assert_int_equal(trace__strlcpy(small, "abcdef", sizeof(small)), 6);
    assert_string_equal(small, "abc");
    assert_int_equal(trace__strlcpy(small, "ab", sizeof(small)), 2);
    assert_string_equal(small, "ab");
    assert_int_equal(trace__strlcpy(small, "zz", 0), 2); /* size 0: nothing written */
    assert_string_equal(small, "ab");
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_alloc_wrappers), cmocka_unit_test(test_buf),
                cmocka_unit_test(test_buf_failure_is_sticky),
                cmocka_unit_test(test_json_str), cmocka_unit_test(test_strings))
