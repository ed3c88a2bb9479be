/*
 * test_conform.c - the conformance runner (lib/conform.c): vector parsing
 * (every key of spec/conformance.md, escapes, quoting, {dir}), comparison,
 * malformed files, filters, stopping, the three report formats, and
 * allocation failure at every step. Cases run through a small executor
 * defined here, so these tests do not depend on tracectl.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* Executor: "echo W..." prints the words, "cat" copies stdin, "exit N"
 * returns N, "argc" prints the word count; anything else is a usage error. */
static int exec_fn(int argc, char **argv, FILE *in, FILE *out, FILE *err, void *payload)
{
    int i, c;
    (*(int *)payload)++;
    if (!strcmp(argv[0], "echo")) {
        for (i = 1; i < argc; i++)
            fprintf(out, "%s%s", argv[i], i + 1 < argc ? " " : "");
        fputc('\n', out);
        return 0;
    }
    if (!strcmp(argv[0], "cat")) {
        while ((c = fgetc(in)) != EOF)
            fputc(c, out);
        return 0;
    }
    if (!strcmp(argv[0], "exit") && argc == 2)
        return (int)strtol(argv[1], NULL, 10);
    if (!strcmp(argv[0], "warn")) { /* two lines on stderr, status 1 */
        fputs("first\nsecond\n", err);
        return 1;
    }
    if (!strcmp(argv[0], "argc")) {
        fprintf(out, "%d\n", argc);
        return 0;
    }
    fprintf(err, "unknown operation %s\n", argv[0]);
    return 2;
}

typedef struct fixture {
    char dir[64];
} fixture;

static void write_file(const char *dir, const char *name, const char *text)
{
    char path[256];
    FILE *f;
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    fixture *fx = calloc(1, sizeof(*fx));
    char sub[128];
    snprintf(fx->dir, sizeof(fx->dir), "/tmp/trace-conform-XXXXXX");
    if (!mkdtemp(fx->dir))
        return -1;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof(sub), "%s/beta", fx->dir);
    mkdir(sub, 0755);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
    if (system(cmd) != 0)
        return -1;
    free(fx);
    return 0;
}

/* Run dir and return the text report in a malloc'ed string. */
static char *run_text(const char *dir, const trace_conform_options *o, int want_rc,
                      size_t passed, size_t failed, size_t skipped, int *calls)
{
    trace_conform_report *r = NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;
    int dummy = 0;
    assert_int_equal(trace_conform_run(NULL, dir, o, exec_fn, calls ? calls : &dummy, &r),
                     want_rc);
    assert_non_null(r);
    assert_int_equal(trace_conform_report_passed(r), passed);
    assert_int_equal(trace_conform_report_failed(r), failed);
    assert_int_equal(trace_conform_report_skipped(r), skipped);
    f = open_memstream(&buf, &len);
    assert_int_equal(trace_conform_report_write(r, "text", f), TRACE_OK);
    fclose(f);
    trace_conform_report_free(r);
    return buf;
}

static void test_keys_and_comparison(void **state)
{
    fixture *fx = *state;
    char sub[128], *text;
    int calls = 0;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    write_file(sub, "in.txt", "from a file\n");
    write_file(sub, "want.txt", "from a file\n");
    write_file(sub, "a.vec",
               "# comment\n"
               "=== echo-words\n"
               "note: ignored\n"
               "spec: R-C.1.2\n"
               "args: echo one 'two  three' \"q\\\"x\" \\x41\n"
               "exit: 0\n"
               "> one two  three q\"x A\n"
               "\n"
               "=== stdin-escapes\n"
               "args: cat\n"
               "stdin: a\\tb\\n\n"
               "stdin: \\x43\\\\\\r\\n\n"
               "exit: 0\n"
               "> a\tb\n"
               "> C\\\r\n"
               "=== stdin-file-and-stdout-file\n"
               "args: cat\n"
               "stdin-file: in.txt\n"
               "stdout-file: want.txt\n"
               "exit: 0\n"
               "=== dir-substitution\n"
               "args: argc {dir}/x\n"
               "exit: 0\n"
               "> 2\n"
               "=== empty-output-and-status\n"
               "args: exit 1\n"
               "exit: 1\n"
               "=== lone-gt-is-empty-line\n"
               "args: echo\n"
               "exit: 0\n"
               ">\n"
               "=== skipped\n"
               "args: exit 9\n"
               "exit: 0\n"
               "skip: needs a feature\n");
    text = run_text(fx->dir, NULL, TRACE_OK, 6, 0, 1, &calls);
    assert_int_equal(calls, 6); /* a skipped case is not run */
    assert_string_equal(text, "alpha            6 passed, 0 failed, 1 skipped\n"
                              "6 passed, 0 failed, 1 skipped\n");
    free(text);
}

static void test_failures_are_exact(void **state)
{
    fixture *fx = *state;
    char sub[128], *text, want[1024];
    snprintf(sub, sizeof(sub), "%s/beta", fx->dir);
    write_file(sub, "b.vec",
               "=== wrong-status\n"
               "args: exit 3\n"
               "exit: 0\n"
               "=== wrong-line\n"
               "args: echo x y\n"
               "exit: 0\n"
               "> x\n"
               "=== extra-output\n"
               "args: echo x\n"
               "exit: 0\n"
               "=== ok\n"
               "args: echo\n"
               "exit: 0\n"
               ">\n"
               "=== stderr-on-one-line\n"
               "args: warn\n"
               "exit: 0\n");
    text = run_text(sub, NULL, TRACE_OK, 1, 4, 0, NULL);
    snprintf(
        want, sizeof(want),
        "FAIL root/wrong-status (%s/b.vec:1): exit status 3, expected 0; stderr: \n"
        "FAIL root/wrong-line (%s/b.vec:4): output line 1 differs: expected \"x\", got "
        "\"x y\"\n"
        "FAIL root/extra-output (%s/b.vec:8): output line 1 differs: expected \"\" "
        "(end), got \"x\"\n"
        "FAIL root/stderr-on-one-line (%s/b.vec:15): exit status 1, expected 0; stderr: "
        "first | second\n"
        "root             1 passed, 4 failed, 0 skipped\n"
        "1 passed, 4 failed\n",
        sub, sub, sub, sub);
    assert_string_equal(text, want);
    free(text);
}

static void test_malformed(void **state)
{
    fixture *fx = *state;
    char sub[128], *text;
    int calls = 0;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    write_file(sub, "m.vec",
               "args: echo before any case\n"
               "=== unknown-key\n"
               "args: echo\n"
               "colour: blue\n"
               "exit: 0\n"
               "=== bad-exit\n"
               "args: echo\n"
               "exit: zero\n"
               "=== no-exit\n"
               "args: echo\n"
               "=== unbalanced-quote\n"
               "args: echo 'open\n"
               "exit: 0\n"
               "=== fine\n"
               "args: echo\n"
               "exit: 0\n"
               ">\n");
    /* Each malformed case is one failure; the rest of its lines are ignored. */
    text = run_text(sub, NULL, TRACE_EDATA, 1, 5, 0, &calls);
    assert_int_equal(calls, 1);
    assert_non_null(strstr(text, "FAIL root/(file) ("));
    assert_non_null(strstr(text, "m.vec:1): key before the first '=== id' line\n"));
    assert_non_null(strstr(text, "m.vec:4): unknown key\n"));
    assert_non_null(strstr(text, "m.vec:8): exit: takes a number from 0 to 255\n"));
    assert_non_null(strstr(text, "FAIL root/no-exit"));
    assert_non_null(strstr(text, "case lacks args: or exit:\n"));
    assert_non_null(strstr(text, "FAIL root/unbalanced-quote"));
    assert_non_null(strstr(text, "bad args: line\n"));
    free(text);
}

static void test_filter_and_stop(void **state)
{
    fixture *fx = *state;
    char sub[128], *text;
    trace_conform_options o = TRACE_CONFORM_OPTIONS_INIT;
    int calls = 0;
    snprintf(sub, sizeof(sub), "%s/beta", fx->dir);
    write_file(sub, "c.vec",
               "=== first-fails\nargs: exit 1\nexit: 0\n"
               "=== second-passes\nargs: exit 0\nexit: 0\n"
               "=== third-passes\nargs: exit 0\nexit: 0\n");
    o.filter = "passes";
    text = run_text(fx->dir, &o, TRACE_OK, 2, 0, 0, &calls);
    assert_int_equal(calls, 2);
    free(text);
    o.filter = "beta"; /* matches the part */
    o.stop_on_failure = 1;
    calls = 0;
    text = run_text(fx->dir, &o, TRACE_OK, 0, 1, 0, &calls);
    assert_int_equal(calls, 1);
    free(text);
}

static void test_reports(void **state)
{
    fixture *fx = *state;
    char sub[128], *buf = NULL, want[2048];
    size_t len = 0;
    trace_conform_report *r;
    FILE *f;
    int calls = 0;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    write_file(sub, "r.vec",
               "=== good\nargs: exit 0\nexit: 0\n"
               "=== bad<&>\"\nargs: exit 1\nexit: 0\n"
               "=== later\nargs: exit 0\nexit: 0\nskip: not yet\n");
    assert_int_equal(trace_conform_run(NULL, fx->dir, NULL, exec_fn, &calls, &r),
                     TRACE_OK);
    f = open_memstream(&buf, &len);
    assert_int_equal(trace_conform_report_write(r, "json", f), TRACE_OK);
    fclose(f);
    snprintf(want, sizeof(want),
             "{\"passed\":1,\"failed\":1,\"skipped\":1,\"parts\":[{\"part\":\"alpha\","
             "\"passed\":1,\"failed\":1,\"skipped\":1}],\"cases\":[{\"id\":\"good\","
             "\"part\":\"alpha\",\"file\":\"%s/r.vec\",\"line\":1,\"status\":\"passed\"},"
             "{\"id\":\"bad<&>\\\"\",\"part\":\"alpha\",\"file\":\"%s/r.vec\",\"line\":4,"
             "\"status\":\"failed\",\"message\":\"exit status 1, expected 0; stderr: \"},"
             "{\"id\":\"later\",\"part\":\"alpha\",\"file\":\"%s/r.vec\",\"line\":7,"
             "\"status\":\"skipped\",\"message\":\"not yet\"}]}\n",
             sub, sub, sub);
    assert_string_equal(buf, want);
    free(buf);
    buf = NULL;
    f = open_memstream(&buf, &len);
    assert_int_equal(trace_conform_report_write(r, "junit", f), TRACE_OK);
    fclose(f);
    assert_string_equal(
        buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<testsuites tests=\"3\" failures=\"1\" skipped=\"1\">\n"
             "  <testsuite name=\"alpha\" tests=\"3\" failures=\"1\" skipped=\"1\">\n"
             "    <testcase classname=\"alpha\" name=\"good\"/>\n"
             "    <testcase classname=\"alpha\" name=\"bad&lt;&amp;&gt;&quot;\"><failure "
             "message=\"exit status 1, expected 0; stderr: \"/></testcase>\n"
             "    <testcase classname=\"alpha\" name=\"later\"><skipped message=\"not "
             "yet\"/></testcase>\n"
             "  </testsuite>\n"
             "</testsuites>\n");
    free(buf);
    f = fopen("/dev/null", "w");
    assert_int_equal(trace_conform_report_write(r, "yaml", f), TRACE_EINVAL);
    fclose(f);
    trace_conform_report_free(r);
    trace_conform_report_free(NULL);
}

static void test_bad_arguments(void **state)
{
    trace_conform_report *r = (trace_conform_report *)&r;
    int calls = 0;
    (void)state;
    assert_int_equal(
        trace_conform_run(NULL, "/nonexistent/vectors", NULL, exec_fn, &calls, &r),
        TRACE_EIO);
    trace_conform_report_free(r);
    assert_int_equal(trace_conform_run(NULL, NULL, NULL, exec_fn, &calls, &r),
                     TRACE_EINVAL);
    assert_int_equal(trace_conform_run(NULL, "/tmp", NULL, NULL, &calls, &r),
                     TRACE_EINVAL);
    assert_int_equal(trace_conform_run(NULL, "/tmp", NULL, exec_fn, &calls, NULL),
                     TRACE_EINVAL);
    assert_int_equal(trace_conform_report_passed(NULL), 0);
    assert_int_equal(trace_conform_report_write(NULL, "text", stdout), TRACE_EINVAL);
}

/* Fail every allocation in turn: the run either succeeds or returns
 * TRACE_ENOMEM, and never leaks. */
static void test_allocation_failures(void **state)
{
    fixture *fx = *state;
    char sub[128];
    long n;
    int calls = 0, succeeded = 0;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    write_file(sub, "f.vec",
               "=== one\nargs: echo a b\nstdin: xyz\nexit: 0\n> a b\n"
               "=== two\nargs: exit 1\nexit: 0\n");
    for (n = 0; n < 200 && !succeeded; n++) {
        trace_ctx_options o = TRACE_CTX_OPTIONS_INIT;
        trace_conform_report *r = NULL;
        trace_ctx *ctx;
        failalloc fa;
        trace_allocator a = failalloc_make(&fa, -1);
        int rc;
        o.alloc = &a;
        assert_int_equal(trace_ctx_new(&ctx, &o), TRACE_OK);
        fa.fail_at = fa.calls + n; /* count from here */
        rc = trace_conform_run(ctx, sub, NULL, exec_fn, &calls, &r);
        if (rc == TRACE_OK) {
            assert_int_equal(trace_conform_report_passed(r), 1);
            assert_int_equal(trace_conform_report_failed(r), 1);
            succeeded = 1;
        } else {
            assert_int_equal(rc, TRACE_ENOMEM);
            assert_null(r);
        }
        trace_conform_report_free(r);
        trace_ctx_free(ctx);
        assert_int_equal(fa.live, 0);
    }
    assert_true(succeeded);
}

static void test_progress_stream_and_missing_files(void **state)
{
    fixture *fx = *state;
    trace_conform_options o = TRACE_CONFORM_OPTIONS_INIT;
    char sub[128], *buf = NULL, *text;
    size_t len = 0;
    snprintf(sub, sizeof(sub), "%s/alpha", fx->dir);
    write_file(sub, "p.vec",
               "=== no-input-file\n"
               "args: cat\n"
               "stdin-file: missing.txt\n"
               "exit: 0\n"
               "=== no-output-file\n"
               "args: cat\n"
               "stdout-file: missing.txt\n"
               "exit: 0\n"
               "=== no-colon\n"
               "args echo\n");
    o.progress = open_memstream(&buf, &len);
    text = run_text(sub, &o, TRACE_EDATA, 0, 3, 0, NULL);
    fclose(o.progress);
    assert_non_null(strstr(buf, "FAIL no-input-file ("));
    assert_non_null(strstr(buf, "p.vec:1): cannot read stdin-file\n"));
    assert_non_null(strstr(buf, "p.vec:5): cannot read stdout-file\n"));
    assert_non_null(strstr(buf, "p.vec:10): expected 'key: value'\n"));
    assert_non_null(strstr(text, "3 failed"));
    free(buf);
    free(text);
}

TRACE_UNIT_MAIN(cmocka_unit_test_setup_teardown(test_keys_and_comparison, setup,
                                                teardown),
                cmocka_unit_test_setup_teardown(test_failures_are_exact, setup, teardown),
                cmocka_unit_test_setup_teardown(test_malformed, setup, teardown),
                cmocka_unit_test_setup_teardown(test_filter_and_stop, setup, teardown),
                cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
                cmocka_unit_test(test_bad_arguments),
                cmocka_unit_test_setup_teardown(test_progress_stream_and_missing_files,
                                                setup, teardown),
                cmocka_unit_test_setup_teardown(test_allocation_failures, setup,
                                                teardown))
