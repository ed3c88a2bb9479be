/*
 * unit.h - shared helpers for the cmocka unit tests.
 * Tests link the static library, so trace__ internals are reachable.
 */
#ifndef TRACE_UNIT_H
#define TRACE_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "libtrace/trace.h"

/* Run the group; TAP-free plain output keeps the cmocka summary lines. */
#define TRACE_UNIT_MAIN(...)                                                              \
    int main(void)                                                                        \
    {                                                                                     \
        const struct CMUnitTest tests[] = {__VA_ARGS__};                                  \
        return cmocka_run_group_tests(tests, NULL, NULL);                                 \
    }

/* A failing allocator: fails the Nth allocation (0-based) and counts calls. */
typedef struct failalloc {
    long fail_at; /* -1: never */
    long calls;
    long live;
} failalloc;

static void *fa_malloc(size_t n, void *op)
{
    failalloc *f = op;
    if (f->fail_at >= 0 && f->calls++ == f->fail_at)
        return NULL;
    if (f->fail_at < 0)
        f->calls++;
    f->live++;
    return malloc(n);
}

static void *fa_realloc(void *p, size_t n, void *op)
{
    failalloc *f = op;
    void *q;
    if (f->fail_at >= 0 && f->calls++ == f->fail_at)
        return NULL;
    if (f->fail_at < 0)
        f->calls++;
    q = realloc(p, n);
    if (!p && q)
        f->live++;
    return q;
}

static void fa_free(void *p, void *op)
{
    failalloc *f = op;
    if (p)
        f->live--;
    free(p);
}

static inline trace_allocator failalloc_make(failalloc *f, long fail_at)
{
    trace_allocator a;
    f->fail_at = fail_at;
    f->calls = 0;
    f->live = 0;
    a.malloc_fn = fa_malloc;
    a.realloc_fn = fa_realloc;
    a.free_fn = fa_free;
    a.opaque = f;
    return a;
}

/* Path of the shared reference folder, or NULL when absent (tests then skip).
 * Both snprintf results are checked: a truncated path is "absent", and gcc's
 * -Wformat-truncation (at -O1 and above) stays quiet. */
static inline const char *unit_ref_dir(char *buf, size_t size)
{
    const char *src = getenv("TRACE_SRCDIR");
    char probe[1100];
    FILE *f;
    int n = snprintf(buf, size, "%s/../shared/ref", src ? src : ".");
    if (n < 0 || (size_t)n >= size)
        return NULL;
    n = snprintf(probe, sizeof(probe), "%s/cn-codes.md", buf);
    if (n < 0 || (size_t)n >= sizeof(probe))
        return NULL;
    f = fopen(probe, "r");
    if (!f)
        return NULL;
    fclose(f);
    return buf;
}

#endif
