/*
 * arena.c - a bump allocator: readers allocate everything of one event from
 * it and reset it before the next, so reading costs no per-value malloc and
 * memory stays flat whatever the document size.
 */
#include <string.h>

#include "io_int.h"

#define ARENA_MIN_BLOCK (16u * 1024u)
#define ARENA_ALIGN 16u

struct trace__arena_block {
    trace__arena_block *next;
    size_t cap, used;
    unsigned char data[];
};

void trace__arena_init(trace__arena *a, const trace_allocator *alloc, size_t limit)
{
    memset(a, 0, sizeof(*a));
    a->alloc = alloc ? alloc : &trace__default_alloc;
    a->limit = limit;
}

static trace__arena_block *new_block(trace__arena *a, size_t n)
{
    trace__arena_block *b, **pp;
    /* Reuse a spare block that fits before asking the allocator. */
    for (pp = &a->spare; *pp; pp = &(*pp)->next)
        if ((*pp)->cap >= n) {
            b = *pp;
            *pp = b->next;
            b->used = 0;
            return b;
        }
    if (n < ARENA_MIN_BLOCK)
        n = ARENA_MIN_BLOCK;
    b = trace__malloc(a->alloc, sizeof(*b) + n);
    if (!b)
        return NULL;
    b->cap = n;
    b->used = 0;
    return b;
}

void *trace__arena_alloc(trace__arena *a, size_t n)
{
    trace__arena_block *b = a->head;
    size_t off;
    if (n == 0)
        n = 1;
    if (n > SIZE_MAX / 2 || (a->limit && a->used_total + n > a->limit)) {
        a->over_limit = 1;
        return NULL;
    }
    off = b ? (b->used + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1) : 0;
    if (!b || off + n > b->cap) {
        trace__arena_block *nb = new_block(a, n);
        if (!nb)
            return NULL;
        nb->next = b;
        a->head = b = nb;
        off = 0;
    }
    b->used = off + n;
    a->used_total += n;
    return b->data + off;
}

void *trace__arena_calloc(trace__arena *a, size_t n)
{
    void *p = trace__arena_alloc(a, n);
    if (p)
        memset(p, 0, n);
    return p;
}

void *trace__arena_grow(trace__arena *a, void *old, size_t old_n, size_t new_n, size_t size)
{
    void *p;
    if (size && new_n > SIZE_MAX / size)
        return NULL;
    p = trace__arena_alloc(a, new_n * size);
    if (p && old && old_n)
        memcpy(p, old, old_n * size);
    return p;
}

trace_str trace__arena_str(trace__arena *a, const char *s, size_t n)
{
    trace_str r = {NULL, 0};
    char *p = trace__arena_alloc(a, n + 1);
    if (!p)
        return r;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0'; /* convenient for codecs; not part of the contract */
    r.s = p;
    r.len = n;
    return r;
}

void trace__arena_reset(trace__arena *a)
{
    trace__arena_block *b = a->head;
    /* Keep every block for reuse: the next event is usually the same size. */
    while (b) {
        trace__arena_block *next = b->next;
        b->next = a->spare;
        a->spare = b;
        b = next;
    }
    a->head = NULL;
    a->used_total = 0;
    a->over_limit = 0;
}

void trace__arena_free(trace__arena *a)
{
    trace__arena_block *b;
    trace__arena_reset(a);
    while ((b = a->spare) != NULL) {
        a->spare = b->next;
        trace__free(a->alloc, b);
    }
}
