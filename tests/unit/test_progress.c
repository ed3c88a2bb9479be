/*
 * test_progress.c - the tracectl progress line (cli/progress.c): when it is
 * shown, what it prints, and that redraws are limited to 5 Hz. The helper is
 * compiled in directly: it is CLI code, not part of libtrace.
 */
#include "unit.h"

#include "progress.c"

/* A fake clock the tests advance by hand. */
static uint64_t fake_now;
static uint64_t fake_clock(void)
{
    return fake_now;
}

/* Start p on a memory stream with the fake clock at 0. */
static FILE *start(cli_progress *p, int tty, int quiet, int mode, uint64_t total,
                   char **buf, size_t *len)
{
    cli_io io;
    FILE *err = open_memstream(buf, len);
    assert_non_null(err);
    memset(&io, 0, sizeof(io));
    io.err = err;
    io.is_tty = tty;
    io.quiet = quiet;
    cli_progress_start(p, &io, mode, "test", total);
    fake_now = 0;
    p->clock_ns = fake_clock;
    p->start_ns = p->last_ns = 0;
    return err;
}

static void test_options(void **state)
{
    int mode = CLI_PROGRESS_AUTO;
    (void)state;
    assert_int_equal(cli_progress_opt(CLI_OPT_PROGRESS, &mode), 1);
    assert_int_equal(mode, CLI_PROGRESS_ALWAYS);
    assert_int_equal(cli_progress_opt(CLI_OPT_NO_PROGRESS, &mode), 1);
    assert_int_equal(mode, CLI_PROGRESS_NEVER);
    assert_int_equal(cli_progress_opt('q', &mode), 0);
    assert_int_equal(mode, CLI_PROGRESS_NEVER);
}

static void test_when_shown(void **state)
{
    static const struct {
        int tty, quiet, mode, shown;
    } cases[] = {
        {0, 0, CLI_PROGRESS_AUTO, 0},  {1, 0, CLI_PROGRESS_AUTO, 1},
        {1, 1, CLI_PROGRESS_AUTO, 0},  {0, 0, CLI_PROGRESS_ALWAYS, 1},
        {1, 0, CLI_PROGRESS_NEVER, 0},
    };
    size_t i;
    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        cli_progress p;
        char *buf = NULL;
        size_t len = 0;
        FILE *err = start(&p, cases[i].tty, cases[i].quiet, cases[i].mode, 0, &buf, &len);
        fake_now = 1000000000ull;
        cli_progress_update(&p, 10, 2000000);
        cli_progress_done(&p);
        fclose(err);
        if (cases[i].shown)
            assert_string_equal(buf, "\rtest: 10 records, 2.0 MB, 2.0 MB/s"
                                     "\rtest: 10 records, 2.0 MB, 2.0 MB/s\n");
        else
            assert_int_equal(len, 0);
        free(buf);
    }
}

static void test_rate_limit(void **state)
{
    cli_progress p;
    char *buf = NULL, *s;
    size_t len = 0, redraws = 0;
    uint64_t i;
    FILE *err;
    (void)state;
    err = start(&p, 1, 0, CLI_PROGRESS_AUTO, 0, &buf, &len);
    /* 3 seconds of updates every millisecond: at most 5 redraws per second. */
    for (i = 1; i <= 3000; i++) {
        fake_now = i * 1000000ull;
        cli_progress_update(&p, i, i * 100);
    }
    cli_progress_done(&p);
    cli_progress_done(&p); /* idempotent */
    fclose(err);
    for (s = buf; (s = strchr(s, '\r')) != NULL; s++)
        redraws++;
    assert_int_equal(redraws, 15 + 1); /* 15 timed redraws and the final one */
    assert_int_equal(buf[len - 1], '\n');
    assert_non_null(strstr(buf, "test: 3000 records, 0.3 MB, 0.1 MB/s\n"));
    free(buf);
}

static void test_format_with_total(void **state)
{
    cli_progress p;
    char *buf = NULL, line[128];
    size_t len = 0;
    FILE *err;
    (void)state;
    err = start(&p, 1, 0, CLI_PROGRESS_AUTO, 8000000, &buf, &len);
    p.records = 42;
    p.bytes = 2000000;
    assert_int_equal(cli_progress_format(&p, 4000000000ull, line, sizeof(line)),
                     strlen("test: 42 records, 2.0/8.0 MB (25%), 0.5 MB/s"));
    assert_string_equal(line, "test: 42 records, 2.0/8.0 MB (25%), 0.5 MB/s");
    fclose(err);
    free(buf);
}

static void test_shorter_line_blanks_leftovers(void **state)
{
    cli_progress p;
    char *buf = NULL;
    size_t len = 0;
    FILE *err;
    (void)state;
    err = start(&p, 1, 0, CLI_PROGRESS_ALWAYS, 0, &buf, &len);
    p.width = 60; /* pretend a longer line was drawn before */
    fake_now = 1000000000ull;
    cli_progress_update(&p, 1, 0);
    fclose(err);
    /* "test: 1 records, 0.0 MB, 0.0 MB/s" is 34 bytes: 26 blanks follow. */
    assert_int_equal(len, 1 + 34 + 26);
    assert_int_equal(buf[len - 1], ' ');
    free(buf);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_options), cmocka_unit_test(test_when_shown),
                cmocka_unit_test(test_rate_limit),
                cmocka_unit_test(test_format_with_total),
                cmocka_unit_test(test_shorter_line_blanks_leftovers))
