/*
 * code.c - the scheme registry, generic parsing entry point, detection and
 * the allocation-free result helpers every scheme uses (UTDS Part 1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code_int.h"

#define X(id) extern const trace__scheme trace__scheme_##id;
#include "schemes.inc"
#undef X

static const trace__scheme *const registry[] = {
#define X(id) &trace__scheme_##id,
#include "schemes.inc"
#undef X
    NULL};

/* A variable, not a macro: with no scheme built in, a constant 0 would warn. */
static const size_t NSCHEMES = TRACE__ARRAY_LEN(registry) - 1;

size_t trace_code_scheme_count(void)
{
    return NSCHEMES;
}

const trace_code_scheme_info *trace_code_scheme_at(size_t i)
{
    return i < NSCHEMES ? &registry[i]->info : NULL;
}

const trace__scheme *trace__scheme_find(const char *name)
{
    size_t i;
    for (i = 0; name && i < NSCHEMES; i++)
        if (registry[i]->info.name[0] == name[0] && strcmp(registry[i]->info.name, name) == 0)
            return registry[i];
    return NULL;
}

const trace_code_scheme_info *trace_code_scheme_find(const char *name)
{
    const trace__scheme *s = trace__scheme_find(name);
    return s ? &s->info : NULL;
}

void trace_code_result_init(trace_code_result *res)
{
    res->version = TRACE_CODE_RESULT_VERSION;
    res->valid = 0;
    res->scheme = NULL;
    res->canonical = res->uri = res->checks = NULL;
    res->nfields = 0;
    res->ndiags = res->ndropped = 0;
    res->text_used = 0;
}

const char *trace__code_text(trace_code_result *res, const char *s, size_t n)
{
    char *p;
    if (n >= sizeof(res->text) - res->text_used) {
        trace_diag *d = trace__code_diag(res, TRACE__D_RESULT_FULL, 0, 0);
        trace__diag_arg(d, "what", "text");
        return NULL;
    }
    p = res->text + res->text_used;
    memcpy(p, s, n);
    p[n] = '\0';
    res->text_used += n + 1;
    return p;
}

const char *trace__code_textf(trace_code_result *res, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    return trace__code_text(res, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

trace_code_field *trace__code_field(trace_code_result *res, const char *in, const char *name,
                                    const char *title_en, const char *title_zh,
                                    size_t offset, size_t length, trace_code_kind kind)
{
    trace_code_field *f;
    const char *v;
    if (res->nfields == TRACE_CODE_MAX_FIELDS) {
        trace_diag *d = trace__code_diag(res, TRACE__D_RESULT_FULL, offset, length);
        trace__diag_arg(d, "what", "fields");
        return NULL;
    }
    v = trace__code_text(res, in + offset, length);
    if (!v)
        return NULL;
    f = &res->fields[res->nfields++];
    f->name = name;
    f->title_en = title_en ? title_en : "";
    f->title_zh = title_zh ? title_zh : "";
    f->value = v;
    f->typed = NULL;
    f->unit = NULL;
    f->offset = (uint32_t)offset;
    f->length = (uint32_t)length;
    f->kind = kind;
    f->parent = -1;
    f->flags = 0;
    return f;
}

trace_diag *trace__code_diag(trace_code_result *res, int code, size_t offset, size_t length)
{
    static _Thread_local trace_diag scratch; /* sink for diagnostics beyond the cap */
    trace_diag *d;
    if (res->ndiags == TRACE_CODE_MAX_DIAGS) {
        res->ndropped++;
        d = &scratch;
    } else {
        d = &res->diags[res->ndiags++];
    }
    trace__diag_init(d, code);
    d->loc.offset = (int64_t)offset;
    d->loc.length = (uint32_t)length;
    return d;
}

void trace__code_finish(trace_code_result *res)
{
    size_t i;
    res->valid = 1;
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].severity >= TRACE_SEV_ERROR)
            res->valid = 0;
    if (res->ndropped)
        res->valid = 0; /* only errors overflow in practice; be safe */
}

const trace_code_field *trace_code_result_field(const trace_code_result *res, const char *name)
{
    size_t i;
    for (i = 0; res && name && i < res->nfields; i++)
        if (res->fields[i].name && strcmp(res->fields[i].name, name) == 0)
            return &res->fields[i];
    return NULL;
}

static int run_parse(const trace_ctx *ctx, const trace__scheme *s, const char *in, size_t len,
                     unsigned flags, trace_code_result *res)
{
    int rc;
    trace_code_result_init(res);
    res->scheme = s->info.name;
    if (len == 0) {
        trace__code_diag(res, TRACE__D_EMPTY, 0, 0);
    } else if (len > TRACE_CODE_MAX_INPUT) {
        trace_diag *d = trace__code_diag(res, TRACE__D_INPUT_TOO_LONG, 0, 0);
        trace__diag_argf(d, "length", "%zu", len);
        trace__diag_argf(d, "max", "%d", TRACE_CODE_MAX_INPUT);
    } else if ((rc = s->parse(ctx, in, len, flags, res)) != TRACE_OK) {
        return rc;
    }
    if (flags & TRACE_CODE_NO_FORMS) /* schemes may skip them; none is left either way */
        res->canonical = res->uri = NULL;
    trace__code_finish(res);
    return TRACE_OK;
}

static int cmp_candidates(const void *a, const void *b)
{
    const trace_code_candidate *x = a, *y = b;
    if (x->score != y->score)
        return y->score - x->score;
    return strcmp(x->scheme, y->scheme);
}

/* Ranking adjustments (detection): a valid parse that still carries warnings
 * is less likely than its shape suggests. */
static int adjust_score(int score, const trace_code_result *res)
{
    size_t i;
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].severity == TRACE_SEV_WARNING)
            score -= 5;
    return score < 1 ? 1 : score;
}

/* Schemes with a prior this low accept almost any short string (e.g. a
 * company-assigned unit code); they are offered only when no scheme with a
 * distinctive shape matched, valid or not. */
#define DETECT_CATCH_ALL 10
#define DETECT_DISTINCT 50

int trace_code_detect(const trace_ctx *ctx, const char *in, size_t len,
                      trace_code_candidate *out, size_t max, size_t *n)
{
    trace_code_result res; /* large, but stack use is bounded and known */
    size_t i, k = 0, kept = 0;
    int distinct = 0;
    if (!in || !n || (max && !out))
        return TRACE_EINVAL;
    for (i = 0; i < NSCHEMES && len && len <= TRACE_CODE_MAX_INPUT; i++) {
        const trace__scheme *s = registry[i];
        const char *reason = "";
        int score;
        if (!s->detect || (score = s->detect(in, len, &reason)) <= 0)
            continue;
        if (score >= DETECT_DISTINCT)
            distinct = 1;
        if (run_parse(ctx, s, in, len, 0, &res) != TRACE_OK || !res.valid)
            continue;
        if (k < max) {
            out[k].scheme = s->info.name;
            out[k].score = adjust_score(score, &res);
            out[k].reason = reason;
        }
        k++;
    }
    if (k > max)
        k = max;
    for (i = 0; i < k; i++) /* drop catch-alls when a distinctive shape was seen */
        if (!(distinct && out[i].score <= DETECT_CATCH_ALL))
            out[kept++] = out[i];
    qsort(out, kept, sizeof(*out), cmp_candidates);
    *n = kept;
    return TRACE_OK;
}

/* The scheme whose shape test scores highest, valid or not: parsing with it
 * explains why an undetected input is invalid. NULL when no shape matched. */
static const trace__scheme *best_shape(const char *in, size_t len)
{
    const trace__scheme *best = NULL;
    int top = 0;
    size_t i;
    for (i = 0; i < NSCHEMES && len && len <= TRACE_CODE_MAX_INPUT; i++) {
        const char *reason = "";
        int score = registry[i]->detect ? registry[i]->detect(in, len, &reason) : 0;
        if (score > top && score > DETECT_CATCH_ALL)
            top = score, best = registry[i];
    }
    return best;
}

int trace_code_parse(const trace_ctx *ctx, const char *scheme, const char *in, size_t len,
                     unsigned flags, trace_code_result *res)
{
    const trace__scheme *s;
    if (!in || !res)
        return TRACE_EINVAL;
    if (!scheme) {
        trace_code_candidate c;
        size_t n = 0;
        trace_code_detect(ctx, in, len, &c, 1, &n);
        if (n == 0 && (s = best_shape(in, len)) != NULL)
            return run_parse(ctx, s, in, len, flags, res);
        if (n == 0) {
            trace_code_result_init(res);
            trace__code_diag(res, TRACE__D_NOT_DETECTED, 0, (size_t)len);
            trace__code_finish(res);
            return TRACE_OK;
        }
        scheme = c.scheme;
    }
    s = trace__scheme_find(scheme);
    if (!s)
        return TRACE_ENOTFOUND;
    return run_parse(ctx, s, in, len, flags, res);
}
