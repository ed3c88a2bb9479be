/*
 * bench_check.c - throughput of the check algorithms and of diagnostic
 * collection. Inputs are generated (deterministic pseudo-random payloads
 * with their correct check appended), so the bench needs no data files.
 *
 * Prints:
 *   BENCH check_gs1_verify_per_s        GTIN-13 verifications per second
 *   BENCH check_gb32100_verify_per_s    USCC (18 chars) verifications per second
 *   BENCH check_mod37_36_verify_per_s   ISO/IEC 7064 MOD 37,36 (18 chars) per second
 *   BENCH check_gs1_alnum_compute_per_s GS1 alphanumeric pairs over 23 chars per second
 *   BENCH diag_list_add_per_s           trace_diag_list_add calls per second
 *   BENCH diag_list_allocs_per_1000     allocator calls per 1000 diagnostics added
 *   BENCH check_peak_rss_kib            peak resident memory of the run
 */
#include "bench.h"

#define N_INPUTS 1024
#define MIN_NS   300000000ull /* each measurement runs at least 0.3 s */

typedef struct inputs {
    char s[N_INPUTS][40];
    size_t len[N_INPUTS];
} inputs;

/* xorshift: deterministic inputs, same on every run. */
static uint32_t next_rand(uint32_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return *x;
}

/* Fill in with payloads of len characters from set, each followed by its check. */
static void make_inputs(inputs *in, trace_check_alg alg, const char *set, size_t len)
{
    uint32_t seed = 2463534242u;
    size_t i, k, n = strlen(set);
    for (i = 0; i < N_INPUTS; i++) {
        for (k = 0; k < len; k++)
            in->s[i][k] = set[next_rand(&seed) % n];
        if (trace_check_compute(alg, in->s[i], len, in->s[i] + len, 4) != TRACE_OK) {
            fprintf(stderr, "bench_check: cannot compute %s\n", trace_check_name(alg));
            exit(1);
        }
        in->len[i] = strlen(in->s[i]);
    }
}

/* Verify the inputs in a loop for MIN_NS; every one must verify. */
static void bench_verify(const char *name, trace_check_alg alg, const inputs *in)
{
    uint64_t start = bench_now_ns(), n = 0, ok = 0;
    size_t i;
    do {
        for (i = 0; i < N_INPUTS; i++)
            ok += trace_check_verify(alg, in->s[i], in->len[i]) == 1;
        n += N_INPUTS;
    } while (bench_loop_until(start, MIN_NS));
    if (ok != n) {
        fprintf(stderr, "bench_check: %s: %llu of %llu failed\n", name,
                (unsigned long long)(n - ok), (unsigned long long)n);
        exit(1);
    }
    bench_rate(name, n, bench_now_ns() - start);
}

static void bench_compute_alnum(void)
{
    static const char cset82[] =
        "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
        "abcdefghijklmnopqrstuvwxyz";
    static inputs in;
    uint64_t start, n = 0;
    char out[4];
    size_t i;
    make_inputs(&in, TRACE_CHECK_GS1_ALNUM, cset82, 23);
    start = bench_now_ns();
    do {
        for (i = 0; i < N_INPUTS; i++)
            if (trace_check_compute(TRACE_CHECK_GS1_ALNUM, in.s[i], 23, out, sizeof(out)))
                exit(1);
        n += N_INPUTS;
    } while (bench_loop_until(start, MIN_NS));
    BENCH_KEEP(out[0]);
    bench_rate("check_gs1_alnum_compute_per_s", n, bench_now_ns() - start);
}

/* Diagnostics collected into a list through the counting allocator: the list
 * grows geometrically, so allocations per diagnostic tend to zero. */
static void bench_diag_list(void)
{
    bench_counter c;
    trace_allocator a = bench_counter_allocator(&c);
    trace_diag_list *list;
    trace_diag d;
    uint64_t start, n = 0, i;
    if (trace_diag_list_new(&list, 1000000, &a) != TRACE_OK)
        exit(1);
    trace_check_diagnose(TRACE_CHECK_GS1_MOD10, "4006381333932", 13, &d);
    start = bench_now_ns();
    do {
        trace_diag_list_clear(list);
        for (i = 0; i < 1000; i++)
            trace_diag_list_add(list, &d);
        n += 1000;
    } while (bench_loop_until(start, MIN_NS));
    bench_rate("diag_list_add_per_s", n, bench_now_ns() - start);
    bench_print("diag_list_allocs_per_1000",
                (double)bench_counter_calls(&c) * 1000.0 / (double)n);
    trace_diag_list_free(list);
    if (c.live != 0) {
        fprintf(stderr, "bench_check: %llu bytes leaked\n", (unsigned long long)c.live);
        exit(1);
    }
}

int main(void)
{
    static inputs gtin, uscc, iso;
    make_inputs(&gtin, TRACE_CHECK_GS1_MOD10, "0123456789", 12);
    make_inputs(&uscc, TRACE_CHECK_GB32100, "0123456789ABCDEFGHJKLMNPQRTUWXY", 17);
    make_inputs(&iso, TRACE_CHECK_MOD37_36, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", 17);
    bench_verify("check_gs1_verify_per_s", TRACE_CHECK_GS1_MOD10, &gtin);
    bench_verify("check_gb32100_verify_per_s", TRACE_CHECK_GB32100, &uscc);
    bench_verify("check_mod37_36_verify_per_s", TRACE_CHECK_MOD37_36, &iso);
    bench_compute_alnum();
    bench_diag_list();
    bench_print("check_peak_rss_kib", (double)bench_peak_rss_kib());
    return 0;
}
