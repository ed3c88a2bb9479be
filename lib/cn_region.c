/*
 * cn_region.c - GB/T 2260 region codes: the run-time county list kept in the
 * dictionary slot TRACE__SLOT_CN, and the region check every scheme with a
 * region segment uses (province compiled in, county from the loaded list).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cn_int.h"
#include "libtrace/cn.h"

typedef struct cn_region {
    uint32_t code;
    uint32_t name; /* offset into names */
} cn_region;

typedef struct cn_regions {
    size_t n;
    cn_region *tab; /* sorted by code */
    char *names;
} cn_regions;

static void regions_free(void *p, const trace_allocator *a)
{
    cn_regions *r = p;
    if (!r)
        return;
    trace__free(a, r->tab);
    trace__free(a, r->names);
    trace__free(a, r);
}

static int cmp_region(const void *a, const void *b)
{
    const cn_region *x = a, *y = b;
    return x->code < y->code ? -1 : x->code > y->code;
}

static void bad_line(trace_diag_list *diags, size_t line, const char *why)
{
    trace_diag d;
    if (!diags)
        return;
    trace__diag_init(&d, TRACE__D_CN_REGION_FILE);
    trace__diag_argf(&d, "line", "%zu", line);
    trace__diag_arg(&d, "reason", why);
    d.loc.line = (uint32_t)line;
    trace_diag_list_add(diags, &d);
}

/* Parse one line "CCCCCC<TAB>name"; 1 ok, 0 bad, -1 skip. */
static int parse_line(const char *p, size_t n, uint32_t *code, const char **name, size_t *nlen)
{
    size_t i;
    uint32_t c = 0;
    while (n && (p[n - 1] == '\r' || p[n - 1] == ' '))
        n--;
    if (n == 0 || p[0] == '#')
        return -1;
    if (n < 8 || p[6] != '\t')
        return 0;
    for (i = 0; i < 6; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        c = c * 10 + (uint32_t)(p[i] - '0');
    }
    *code = c;
    *name = p + 7;
    *nlen = n - 7;
    return 1;
}

int trace_dict_load_regions_mem(trace_dict *dict, const char *text, size_t len,
                                trace_diag_list *diags)
{
    const trace_allocator *a;
    cn_regions *r;
    size_t lines = 0, i = 0, k = 0, used = 0, lineno = 0;
    if (!dict || (!text && len))
        return TRACE_EINVAL;
    a = &dict->alloc;
    if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) /* UTF-8 byte order mark */
        text += 3, len -= 3;
    for (i = 0; i < len; i++)
        lines += text[i] == '\n';
    lines++;
    r = trace__calloc(a, 1, sizeof(*r));
    if (!r || !(r->tab = trace__calloc(a, lines, sizeof(cn_region))) ||
        !(r->names = trace__malloc(a, len + 1))) {
        regions_free(r, a);
        return TRACE_ENOMEM;
    }
    for (i = 0; i < len;) {
        const char *e = memchr(text + i, '\n', len - i), *name;
        size_t n = e ? (size_t)(e - (text + i)) : len - i, nlen;
        uint32_t code;
        int rc = parse_line(text + i, n, &code, &name, &nlen);
        lineno++;
        if (rc == 0)
            bad_line(diags, lineno, "expected a 6-digit code, a tab and a name");
        if (rc == 1) {
            r->tab[k].code = code;
            r->tab[k++].name = (uint32_t)used;
            memcpy(r->names + used, name, nlen);
            r->names[used + nlen] = '\0';
            used += nlen + 1;
        }
        i += n + 1;
    }
    if (k == 0) {
        regions_free(r, a);
        return TRACE_EDATA;
    }
    r->n = k;
    qsort(r->tab, k, sizeof(cn_region), cmp_region);
    if (dict->slot[TRACE__SLOT_CN].data && dict->slot[TRACE__SLOT_CN].free_fn)
        dict->slot[TRACE__SLOT_CN].free_fn(dict->slot[TRACE__SLOT_CN].data, a);
    dict->slot[TRACE__SLOT_CN].data = r;
    dict->slot[TRACE__SLOT_CN].free_fn = regions_free;
    return TRACE_OK;
}

int trace_dict_load_regions(trace_dict *dict, const char *path, trace_diag_list *diags)
{
    FILE *f;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    int rc;
    if (!dict || !path)
        return TRACE_EINVAL;
    if (!(f = fopen(path, "rb")))
        return TRACE_EIO;
    for (;;) {
        size_t got;
        if (n == cap) {
            char *nb = trace__realloc(&dict->alloc, buf, cap ? cap * 2 : 65536);
            if (!nb) {
                trace__free(&dict->alloc, buf);
                fclose(f);
                return TRACE_ENOMEM;
            }
            buf = nb;
            cap = cap ? cap * 2 : 65536;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    rc = ferror(f) ? TRACE_EIO : trace_dict_load_regions_mem(dict, buf, n, diags);
    fclose(f);
    trace__free(&dict->alloc, buf);
    return rc;
}

static const cn_regions *loaded(const trace_ctx *ctx)
{
    trace_dict *d = ctx ? trace_ctx_dict(ctx) : NULL;
    return d ? d->slot[TRACE__SLOT_CN].data : NULL;
}

static const char *lookup(const cn_regions *r, uint32_t code)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->tab[mid].code == code)
            return r->names + r->tab[mid].name;
        if (r->tab[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static uint32_t code_of(const char *s)
{
    uint32_t c = 0;
    int i;
    for (i = 0; i < 6; i++)
        c = c * 10 + (uint32_t)(s[i] - '0');
    return c;
}

const char *trace_cn_region_name(const trace_ctx *ctx, const char *code6)
{
    const cn_regions *r = loaded(ctx);
    int i;
    if (!code6)
        return NULL;
    for (i = 0; i < 6; i++)
        if (code6[i] < '0' || code6[i] > '9')
            return NULL;
    if (r)
        return lookup(r, code_of(code6));
    if (memcmp(code6 + 2, "0000", 4) == 0)
        return trace__cn_province(code6, NULL);
    return NULL;
}

int trace__cn_region_check(const trace_ctx *ctx, trace_code_result *res, const cn_norm *nm,
                           trace_code_field *f, size_t i, unsigned flags)
{
    const cn_regions *r = loaded(ctx);
    const char *en = NULL, *zh;
    trace_diag *d;
    (void)flags;
    zh = trace__cn_province(nm->s + i, &en);
    if (!zh) {
        d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_PROVINCE, i, 2);
        trace__diag_argn(d, "value", nm->s + i, 2);
        return 0;
    }
    if (r) {
        const char *name = lookup(r, code_of(nm->s + i));
        if (!name) {
            d = trace__cn_diag(res, nm, TRACE__D_CN_REGION_UNLISTED, i, 6);
            trace__diag_argn(d, "value", nm->s + i, 6);
        } else if (f) {
            f->typed = name;
            f->kind = TRACE_CODE_ENUM;
            return 1;
        }
    }
    if (f) {
        /* Without a county list only the province is known: say "in" it. */
        int prov = memcmp(nm->s + i + 2, "0000", 4) == 0;
        f->typed = trace__code_textf(res, "%s%s (%s)", prov ? "" : "in ", zh, en);
        f->kind = TRACE_CODE_ENUM;
    }
    return 1;
}
