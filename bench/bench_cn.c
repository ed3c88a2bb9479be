/*
 * bench_cn.c - throughput of scheme detection on a mixed corpus of Chinese
 * identifiers (valid and invalid), of issuing UTDS trace codes (random
 * serials with the verification segment) and of verifying them with the key.
 * Prints "BENCH <name> <value>" lines. Self-contained (no bench.h needed).
 * Rates are per second of this process's CPU time, so they stay meaningful on
 * a shared, loaded machine (one thread: CPU time = time on one core).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libtrace/trace.h"
#include "libtrace/utc.h"

static const char *const CORPUS[] = {
    "911101083303521997", "91350200776049653A", "91440300MA5CJQ4N59", "11010519491231002X",
    "440524188001010014", "424020091000012345", "86902551000259", "81234567890123456789",
    "SC11834020305037", "SC11834020305038", "JY13301080111719", "国药准字H20064705",
    "MA.156.M0.100204.13351764", "7732-18-5", "UN1203", "1-445122-00000001",
    "10929272000000000000000000000000", "201806150012345678901234", "PD20092927",
    "88.100.1/GYXX.2024.0001", "2.16.156.10011.1", "(01)06901234567892(21)ABC123", "350000",
    "CNY", "33035219-9", "hello world", "0902.20.90.00", "5360918A00123", "KGM",
    "1350000N00000042310000010000000001TF5RBELREL"};
#define NCORPUS (sizeof(CORPUS) / sizeof(CORPUS[0]))

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double bench_detect(void)
{
    trace_code_candidate c[16];
    size_t lens[NCORPUS], i, n, ops = 0;
    double t0 = now(), t;
    for (i = 0; i < NCORPUS; i++)
        lens[i] = strlen(CORPUS[i]);
    do {
        for (i = 0; i < NCORPUS; i++, ops++)
            if (trace_code_detect(NULL, CORPUS[i], lens[i], c, 16, &n) != TRACE_OK)
                exit(1);
    } while ((t = now() - t0) < 1.0);
    return (double)ops / t;
}

#define BATCH 4096
static char codes[BATCH][64];

static double bench_issue(const trace_utc_key *k, int random)
{
    trace_utc_params p;
    trace_utc_issuer *iss;
    size_t ops = 0;
    double t0, t;
    memset(&p, 0, sizeof(p));
    p.version = TRACE_UTC_PARAMS_VERSION;
    p.node = "445122", p.operator_id = "911101083303521997", p.family = "11";
    p.batch = "240615", p.first_serial = 1, p.random = random, p.key = k;
    if (trace_utc_issuer_new(NULL, &p, &iss, NULL) != TRACE_OK)
        exit(1);
    t0 = now();
    do {
        if (trace_utc_issue(iss, codes[0], sizeof(codes[0]), BATCH) != TRACE_OK)
            exit(1);
        ops += BATCH;
    } while ((t = now() - t0) < 1.0);
    trace_utc_issuer_free(iss);
    return (double)ops / t;
}

static double bench_verify(const trace_utc_key *k)
{
    static trace_code_result res;
    size_t ops = 0, i;
    double t0 = now(), t;
    do {
        for (i = 0; i < BATCH; i++, ops++)
            if (trace_utc_verify(NULL, codes[i], strlen(codes[i]), k, 1, 0, &res) != TRACE_OK ||
                !res.valid)
                exit(1);
    } while ((t = now() - t0) < 1.0);
    return (double)ops / t;
}

int main(void)
{
    trace_utc_key k;
    if (trace_utc_key_generate('A', &k) != TRACE_OK)
        return 1;
    printf("BENCH code.detect.ops_per_s %.0f\n", bench_detect());
    printf("BENCH utc.issue.codes_per_s %.0f\n", bench_issue(&k, 1));
    printf("BENCH utc.issue_sequential_nokey.codes_per_s %.0f\n", bench_issue(NULL, 0));
    bench_issue(&k, 1); /* leave keyed codes in the buffer for verification */
    printf("BENCH utc.verify.ops_per_s %.0f\n", bench_verify(&k));
    return 0;
}
