/*
 * ctx.c - contexts and the reference-counted dictionary. No global mutable
 * state: the compiled-in tables are const, run-time extensions hang off the
 * dictionary, which is immutable once shared.
 */
#include <string.h>

#include "internal.h"

const trace_allocator *trace__ctx_alloc(const trace_ctx *ctx)
{
    return ctx ? &ctx->alloc : &trace__default_alloc;
}

int trace_ctx_options_init(trace_ctx_options *opts, unsigned version)
{
    static const trace_ctx_options init = TRACE_CTX_OPTIONS_INIT;
    if (!opts || version != TRACE_CTX_OPTIONS_VERSION)
        return TRACE_EINVAL;
    *opts = init;
    return TRACE_OK;
}

static int valid_alloc(const trace_allocator *a)
{
    return a->malloc_fn && a->realloc_fn && a->free_fn;
}

static void fill_limits(trace_limits *l)
{
    if (!l->max_depth)
        l->max_depth = TRACE_DEFAULT_MAX_DEPTH;
    if (!l->max_string)
        l->max_string = TRACE_DEFAULT_MAX_STRING;
    if (!l->max_record)
        l->max_record = TRACE_DEFAULT_MAX_RECORD;
    if (!l->max_buffer)
        l->max_buffer = TRACE_DEFAULT_MAX_BUFFER;
    if (!l->max_diags)
        l->max_diags = TRACE_DEFAULT_MAX_DIAGS;
}

int trace_ctx_new(trace_ctx **out, const trace_ctx_options *opts)
{
    static const trace_ctx_options defaults = TRACE_CTX_OPTIONS_INIT;
    const trace_allocator *a;
    trace_ctx *ctx;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != TRACE_CTX_OPTIONS_VERSION)
        return TRACE_EINVAL;
    a = opts->alloc ? opts->alloc : &trace__default_alloc;
    if (!valid_alloc(a) || (unsigned)opts->lang > TRACE_LANG_ZH)
        return TRACE_EINVAL;
    ctx = trace__calloc(a, 1, sizeof(*ctx));
    if (!ctx)
        return TRACE_ENOMEM;
    ctx->alloc = *a;
    ctx->lang = opts->lang;
    ctx->limits = opts->limits;
    ctx->flags = opts->flags;
    fill_limits(&ctx->limits);
    if (opts->dict) {
        ctx->dict = trace_dict_ref(opts->dict);
    } else if (trace_dict_new(&ctx->dict, a) != TRACE_OK) {
        trace__free(a, ctx);
        return TRACE_ENOMEM;
    }
    *out = ctx;
    return TRACE_OK;
}

void trace_ctx_free(trace_ctx *ctx)
{
    trace_allocator a;
    if (!ctx)
        return;
    a = ctx->alloc;
    trace_dict_unref(ctx->dict);
    trace__free(&a, ctx);
}

trace_lang trace_ctx_lang(const trace_ctx *ctx)
{
    return ctx ? ctx->lang : TRACE_LANG_EN;
}

const trace_limits *trace_ctx_limits(const trace_ctx *ctx)
{
    static const trace_limits defaults = {
        TRACE_DEFAULT_MAX_DEPTH, TRACE_DEFAULT_MAX_STRING, TRACE_DEFAULT_MAX_RECORD,
        TRACE_DEFAULT_MAX_BUFFER, TRACE_DEFAULT_MAX_DIAGS};
    return ctx ? &ctx->limits : &defaults;
}

const trace_allocator *trace_ctx_allocator(const trace_ctx *ctx)
{
    return trace__ctx_alloc(ctx);
}

trace_dict *trace_ctx_dict(const trace_ctx *ctx)
{
    return ctx ? ctx->dict : NULL;
}

int trace_dict_new(trace_dict **out, const trace_allocator *alloc)
{
    trace_dict *d;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!alloc)
        alloc = &trace__default_alloc;
    d = trace__calloc(alloc, 1, sizeof(*d));
    if (!d)
        return TRACE_ENOMEM;
    d->alloc = *alloc;
    d->refcount = 1;
    *out = d;
    return TRACE_OK;
}

trace_dict *trace_dict_ref(trace_dict *d)
{
    if (d)
        __atomic_add_fetch(&d->refcount, 1, __ATOMIC_RELAXED);
    return d;
}

void trace_dict_unref(trace_dict *d)
{
    size_t i;
    trace_allocator a;
    if (!d || __atomic_sub_fetch(&d->refcount, 1, __ATOMIC_ACQ_REL) != 0)
        return;
    a = d->alloc;
    for (i = 0; i < TRACE__SLOT_COUNT; i++)
        if (d->slot[i].data && d->slot[i].free_fn)
            d->slot[i].free_fn(d->slot[i].data, &a);
    trace__free(&a, d);
}
