/*
 * bench_gs1.c - GS1 throughput on a generated, realistic mixed corpus (fixed
 * seed): element-string validations/s, Digital Link parses/s and generations/s,
 * and heap allocations per validation (counted by interposing malloc).
 *
 * Generation is measured on 64 results parsed beforehand (trace_gs1_format
 * with TRACE_GS1_DL), so it excludes parsing.
 *
 * Prints:
 *   BENCH gs1.validate.ops_per_s N
 *   BENCH gs1.validate.allocs_per_op N
 *   BENCH dl.parse.ops_per_s N
 *   BENCH dl.generate.ops_per_s N
 * The corpus follows the one used to measure the GS1 Barcode Syntax Engine
 * (1,000 inputs, six templates: GTIN with lot/expiry/serial, net weight,
 * SSCC with content and count, ...), so the numbers compare directly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libtrace/trace.h"

/* ---- allocation counting (glibc: the real allocator stays reachable) ---- */
extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);
extern void __libc_free(void *);
static unsigned long n_allocs;
void *malloc(size_t n)
{
    n_allocs++;
    return __libc_malloc(n);
}
void *calloc(size_t a, size_t b)
{
    n_allocs++;
    return __libc_calloc(a, b);
}
void *realloc(void *p, size_t n)
{
    n_allocs++;
    return __libc_realloc(p, n);
}
void free(void *p)
{
    __libc_free(p);
}

#define NIN 1000
static char es[NIN][160], dl[NIN][220];
static unsigned long rng = 20261125;

static unsigned rnd(unsigned n)
{
    rng = rng * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((rng >> 33) % n);
}

static void digits(char *o, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        o[i] = (char)('0' + rnd(10));
    o[n] = '\0';
}

static void key(char *o, size_t n)
{
    char c[4];
    digits(o, n - 1);
    trace_check_compute(TRACE_CHECK_GS1_MOD10, o, n - 1, c, sizeof(c));
    o[n - 1] = c[0];
    o[n] = '\0';
}

static void alnum(char *o, size_t lo, size_t hi)
{
    static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    size_t n = lo + rnd((unsigned)(hi - lo + 1)), i;
    for (i = 0; i < n; i++)
        o[i] = set[rnd(36)];
    o[n] = '\0';
}

static void date(char *o)
{
    snprintf(o, 7, "%02u%02u%02u", 24 + rnd(7), 1 + rnd(12), 1 + rnd(28));
}

static void make_corpus(void)
{
    int i;
    for (i = 0; i < NIN; i++) {
        char g[16], s[20], lot[16], ser[16], d1[8], d2[8], n6[8];
        key(g, 14), key(s, 18), alnum(lot, 3, 10), alnum(ser, 4, 12), date(d1), date(d2);
        digits(n6, 6);
        switch (i % 6) {
        case 0:
            snprintf(es[i], 160, "(01)%s(10)%s(17)%s(21)%s", g, lot, d1, ser);
            snprintf(dl[i], 220, "https://id.gs1.org/01/%s/10/%s/21/%s?17=%s", g, lot,
                     ser, d1);
            break;
        case 1:
            snprintf(es[i], 160, "(01)%s(17)%s(10)%s", g, d1, lot);
            snprintf(dl[i], 220, "https://id.gs1.org/01/%s/10/%s?17=%s", g, lot, d1);
            break;
        case 2:
            snprintf(es[i], 160, "(01)%s(21)%s", g, ser);
            snprintf(dl[i], 220, "https://example.com/01/%s/21/%s", g, ser);
            break;
        case 3:
            snprintf(es[i], 160, "(01)%s(3103)%s(15)%s(10)%s", g, n6, d1, lot);
            snprintf(dl[i], 220, "https://id.gs1.org/01/%s/10/%s?3103=%s&15=%s", g, lot,
                     n6, d1);
            break;
        case 4:
            snprintf(es[i], 160, "(00)%s(02)%s(37)%u(10)%s", s, g, 1 + rnd(500), lot);
            snprintf(dl[i], 220, "https://id.gs1.org/00/%s?02=%s&37=%u&10=%s", s, g,
                     1 + rnd(500), lot);
            break;
        default:
            snprintf(es[i], 160, "(01)%s(11)%s(17)%s(10)%s(21)%s", g, d2, d1, lot, ser);
            snprintf(dl[i], 220,
                     "https://brand.example.com/a/b/01/%s/10/%s/21/%s?11=%s&17=%s", g,
                     lot, ser, d2, d1);
            break;
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static trace_code_result res;
#define NPRE 64 /* pre-parsed results for the generation benchmark */
static trace_code_result pre[NPRE];
static size_t lens_es[NIN], lens_dl[NIN];

/* Best of 5 runs of iters operations; returns operations per second. */
static double run(int which, long iters, unsigned long *allocs, long *invalid)
{
    double best = 0;
    int rep;
    char out[512];
    for (rep = 0; rep < 5; rep++) {
        long i;
        unsigned long a0 = n_allocs;
        double t0 = now(), t;
        *invalid = 0;
        for (i = 0; i < iters; i++) {
            int k = (int)(i % NIN);
            if (which == 0)
                trace_code_parse(NULL, "gs1", es[k], lens_es[k], 0, &res);
            else if (which == 1)
                trace_code_parse(NULL, "gs1-dl", dl[k], lens_dl[k], 0, &res);
            if (which < 2 && !res.valid)
                (*invalid)++;
            if (which == 2 && trace_gs1_format(NULL, &pre[i % NPRE], TRACE_GS1_DL, NULL,
                                               0, out, sizeof(out), NULL) != TRACE_OK)
                (*invalid)++;
        }
        t = now() - t0;
        *allocs = n_allocs - a0;
        if ((double)iters / t > best)
            best = (double)iters / t;
    }
    return best;
}

int main(int argc, char **argv)
{
    long iters = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000, bad;
    unsigned long allocs;
    double v, p, g;
    int i;
    make_corpus();
    for (i = 0; i < NIN; i++)
        lens_es[i] = strlen(es[i]), lens_dl[i] = strlen(dl[i]);
    v = run(0, iters, &allocs, &bad);
    if (bad) {
        fprintf(stderr, "bench_gs1: %ld invalid element strings (e.g. %s)\n", bad, es[0]);
        return 1;
    }
    printf("BENCH gs1.validate.ops_per_s %.0f\n", v);
    printf("BENCH gs1.validate.allocs_per_op %.3f\n", (double)allocs / (double)iters);
    p = run(1, iters, &allocs, &bad);
    if (bad) {
        fprintf(stderr, "bench_gs1: %ld invalid DL URIs\n", bad);
        return 1;
    }
    printf("BENCH dl.parse.ops_per_s %.0f\n", p);
    /* Generation alone: Digital Link from already parsed element strings. */
    for (i = 0; i < NPRE; i++)
        trace_code_parse(NULL, "gs1", es[i * 7], lens_es[i * 7], 0, &pre[i]);
    g = run(2, iters, &allocs, &bad);
    if (bad) {
        fprintf(stderr, "bench_gs1: %ld Digital Link generations failed\n", bad);
        return 1;
    }
    printf("BENCH dl.generate.ops_per_s %.0f\n", g);
    return 0;
}
