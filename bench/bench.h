/*
 * bench.h - shared helpers for the benchmarks under bench/ (header-only).
 *
 * Every bench/bench_<name>.c is a stand-alone program run by `make bench`.
 * It prints its results as lines
 *
 *     BENCH <name> <value>
 *
 * on standard output (names are lower_snake_case and carry their unit:
 * "_per_s", "_ns", "_kib", "_allocs", "_ratio"), so CI and the design's
 * targets can grep them. Anything else a bench prints goes to stderr.
 *
 *   bench_now_ns()          monotonic clock in nanoseconds
 *   bench_peak_rss_kib()    peak resident set size (VmHWM) of this process
 *   bench_counter           a counting trace_allocator: calls, live and peak bytes
 *   bench_print(name, v)    print one BENCH line
 *   bench_rate(name, n, ns) print n / seconds as "<name> <per second>"
 *   BENCH_KEEP(x)           keep a result alive so the compiler cannot drop the work
 *
 * Timing advice: run the measured loop for at least ~0.2 s (see
 * bench_loop_until) and time whole loops, not single calls.
 */
#ifndef TRACE_BENCH_H
#define TRACE_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libtrace/trace.h"

/* Monotonic time in nanoseconds. */
static inline uint64_t bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* Peak resident set size in KiB (VmHWM from /proc/self/status), or 0 when
 * the platform has no /proc. */
static inline unsigned long bench_peak_rss_kib(void)
{
    char line[256];
    unsigned long kib = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f))
        if (strncmp(line, "VmHWM:", 6) == 0) {
            kib = strtoul(line + 6, NULL, 10);
            break;
        }
    fclose(f);
    return kib;
}

/* Print "BENCH name value": integers without decimals, small values with 3. */
static inline void bench_print(const char *name, double value)
{
    if (value >= 100.0 || value == (double)(long long)value)
        printf("BENCH %s %.0f\n", name, value);
    else
        printf("BENCH %s %.3f\n", name, value);
    fflush(stdout);
}

/* Print a rate: n operations in ns nanoseconds, as operations per second. */
static inline void bench_rate(const char *name, uint64_t n, uint64_t ns)
{
    bench_print(name, ns ? (double)n * 1e9 / (double)ns : 0.0);
}

/* A counting allocator: wraps malloc/realloc/free and records the number of
 * calls and the live and peak bytes. Use bench_counter_allocator to get a
 * trace_allocator for trace_ctx_options.alloc or trace_diag_list_new.
 * Not thread-safe: one counter per thread. */
typedef struct bench_counter {
    uint64_t mallocs;  /* malloc_fn calls */
    uint64_t reallocs; /* realloc_fn calls */
    uint64_t frees;    /* free_fn calls with a non-NULL pointer */
    uint64_t live;     /* bytes currently allocated */
    uint64_t peak;     /* most bytes allocated at once */
} bench_counter;

/* Each block carries its size in a header, so free can account for it. */
#define BENCH_HDR 16

static inline void bench__grow(bench_counter *c, uint64_t add, uint64_t sub)
{
    c->live = c->live + add - sub;
    if (c->live > c->peak)
        c->peak = c->live;
}

static inline void *bench__malloc(size_t n, void *opaque)
{
    bench_counter *c = opaque;
    unsigned char *p = malloc(n + BENCH_HDR);
    c->mallocs++;
    if (!p)
        return NULL;
    memcpy(p, &n, sizeof(n));
    bench__grow(c, n, 0);
    return p + BENCH_HDR;
}

static inline void *bench__realloc(void *ptr, size_t n, void *opaque)
{
    bench_counter *c = opaque;
    unsigned char *p = ptr ? (unsigned char *)ptr - BENCH_HDR : NULL, *q;
    size_t old = 0;
    if (p)
        memcpy(&old, p, sizeof(old));
    c->reallocs++;
    q = realloc(p, n + BENCH_HDR);
    if (!q)
        return NULL;
    memcpy(q, &n, sizeof(n));
    bench__grow(c, n, old);
    return q + BENCH_HDR;
}

static inline void bench__free(void *ptr, void *opaque)
{
    bench_counter *c = opaque;
    unsigned char *p;
    size_t old;
    if (!ptr)
        return;
    p = (unsigned char *)ptr - BENCH_HDR;
    memcpy(&old, p, sizeof(old));
    c->frees++;
    bench__grow(c, 0, old);
    free(p);
}

/* Reset c and return an allocator that counts into it. */
static inline trace_allocator bench_counter_allocator(bench_counter *c)
{
    trace_allocator a;
    memset(c, 0, sizeof(*c));
    a.malloc_fn = bench__malloc;
    a.realloc_fn = bench__realloc;
    a.free_fn = bench__free;
    a.opaque = c;
    return a;
}

/* Allocation calls made so far (malloc + realloc). */
static inline uint64_t bench_counter_calls(const bench_counter *c)
{
    return c->mallocs + c->reallocs;
}

/* True while a loop started at start_ns should go on: at least min_ns. */
static inline int bench_loop_until(uint64_t start_ns, uint64_t min_ns)
{
    return bench_now_ns() - start_ns < min_ns;
}

/* Keep x alive: the compiler must assume the value is used. */
#define BENCH_KEEP(x)                                                                    \
    do {                                                                                 \
        volatile uintptr_t bench_keep_ = (uintptr_t)(x);                                 \
        (void)bench_keep_;                                                               \
    } while (0)

#endif
