/*
 * test_check_ref.c - the check algorithms against every sample the shared
 * reference file lists (../shared/ref/cn-codes.md, read at run time; the
 * test skips when the file is absent, e.g. in a fresh clone).
 *
 * The file marks samples as "Valid: `...`" or "Invalid: `...`" (also
 * "Samples (...): `...`" for the SC licences and "VERIFIED (computed):" /
 * "invalid `...`" for CAS numbers). Each backticked token outside
 * parentheses after such a label is checked with the algorithm of its
 * section: §1 GB 32100, §2 MOD 11-2, §4 and §8 GS1 mod 10, §11 MOD 11,10 over
 * the digits of an SC licence, §13 CAS. The test fails when fewer samples
 * than expected are found, so a change of layout cannot make it pass vacuously.
 */
#include "unit.h"

#define MIN_SAMPLES 25

typedef struct tally {
    int valid, invalid;
} tally;

static int all_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* \d{2,7}-\d\d-\d */
static int cas_shape(const char *s, size_t n)
{
    const char *h = memchr(s, '-', n);
    size_t a = h ? (size_t)(h - s) : 0;
    return h && a >= 2 && a <= 7 && n == a + 5 && all_digits(s, a) &&
           all_digits(h + 1, 2) && h[3] == '-' && all_digits(h + 4, 1);
}

/* Check token t[0..n) of section sec; 0 when no algorithm applies. */
static int check_token(int sec, const char *t, size_t n, int want_valid, tally *tl)
{
    char buf[32];
    size_t k, m = 0;
    trace_check_alg alg;
    int rc;
    if (sec == 1 && n == 18)
        alg = TRACE_CHECK_GB32100;
    else if (sec == 2 && n == 18)
        alg = TRACE_CHECK_MOD11_2;
    else if ((sec == 4 || sec == 8) && n >= 8 && n <= 18 && all_digits(t, n))
        alg = TRACE_CHECK_GS1_MOD10;
    else if (sec == 11 && n == 16 && t[0] == 'S' && t[1] == 'C' && all_digits(t + 2, 14))
        alg = TRACE_CHECK_MOD11_10, t += 2, n -= 2;
    else if (sec == 13 && cas_shape(t, n))
        alg = TRACE_CHECK_CAS;
    else
        return 0;
    for (k = 0; k < n && m < sizeof(buf) - 1; k++)
        if (t[k] != '-')
            buf[m++] = t[k];
    buf[m] = '\0';
    rc = trace_check_verify(alg, buf, m);
    if (want_valid && rc != 1)
        fail_msg("cn-codes.md §%d: %s should pass %s, got %d", sec, buf,
                 trace_check_name(alg), rc);
    if (!want_valid && rc == 1)
        fail_msg("cn-codes.md §%d: %s should fail %s", sec, buf, trace_check_name(alg));
    if (want_valid)
        tl->valid++;
    else
        tl->invalid++;
    return 1;
}

/* Section number of a "## N. Title" heading, or 0. */
static int section_number(const char *s)
{
    long v = strtol(s, NULL, 10);
    return v > 0 && v < 100 ? (int)v : 0;
}

/* Scan one line: labels switch the expectation, backticked tokens outside
 * parentheses are checked. */
static void scan_line(int sec, const char *line, tally *tl)
{
    int label = -1, depth = 0; /* -1 none, 1 valid, 0 invalid */
    const char *p = line;
    while (*p) {
        if (!strncmp(p, "Invalid:", 8) || !strncmp(p, "invalid `", 9))
            label = 0;
        else if (!strncmp(p, "Valid:", 6) || !strncmp(p, "Samples (", 9) ||
                 !strncmp(p, "VERIFIED (computed):", 20))
            label = 1;
        if (*p == '(')
            depth++;
        else if (*p == ')' && depth > 0)
            depth--;
        else if (*p == '`') {
            const char *end = strchr(p + 1, '`');
            if (!end)
                return;
            if (label >= 0 && depth == 0)
                check_token(sec, p + 1, (size_t)(end - p - 1), label, tl);
            p = end;
        }
        p++;
    }
}

static void test_reference_samples(void **state)
{
    char dir[512], path[600], *line = NULL;
    size_t cap = 0;
    int sec = 0;
    tally tl = {0, 0};
    FILE *f;
    (void)state;
    if (!unit_ref_dir(dir, sizeof(dir)))
        skip();
    snprintf(path, sizeof(path), "%s/cn-codes.md", dir);
    f = fopen(path, "r");
    assert_non_null(f);
    while (getline(&line, &cap, f) >= 0) {
        if (!strncmp(line, "## ", 3))
            sec = section_number(line + 3);
        else
            scan_line(sec, line, &tl);
    }
    free(line);
    fclose(f);
    print_message("cn-codes.md: %d valid and %d invalid samples checked\n", tl.valid,
                  tl.invalid);
    assert_true(tl.valid + tl.invalid >= MIN_SAMPLES);
    assert_true(tl.invalid >= 5);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_reference_samples))
