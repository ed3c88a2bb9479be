/*
 * gs1_table.c - the compiled GS1 Application Identifier table and code lists
 * (UTDS Part 1, GS1: R-1.G.2). The data is generated at build time from
 * spec/gs1/ *.tsv by tools/gen-gs1.awk into gs1_tables.inc; this file only
 * gives it typed accessors. Lookups are O(1) array reads, never string
 * searches, which is where the reference engine spends most of its time.
 */
#include <string.h>

#include "gs1_int.h"

#include "gs1_tables.inc"

/* The header declares the set rows with a fixed upper width. */
_Static_assert(GS1__SETW <= GS1__SETW_MAX, "AI table too large for the set width");

int gs1__ai_count(void)
{
    return GS1__NAI;
}

const char *gs1__rule_text(int i)
{
    return gs1__req_text[i];
}

const gs1__alt *gs1__dl_alt(int i)
{
    return &gs1__tab_alt[i];
}

const gs1__unit *gs1__unit_at(int i)
{
    return (i > 0 && (size_t)i < TRACE__ARRAY_LEN(gs1__units)) ? &gs1__units[i] : NULL;
}

static int bit32(const uint32_t *set, size_t words, int v)
{
    if (v < 0 || (size_t)(v >> 5) >= words)
        return 0;
    return (int)((set[v >> 5] >> (v & 31)) & 1u);
}

int gs1__in_iso3166(int code)
{
    return bit32(gs1__list_iso3166, TRACE__ARRAY_LEN(gs1__list_iso3166), code);
}

int gs1__in_iso4217(int code)
{
    return bit32(gs1__list_iso4217, TRACE__ARRAY_LEN(gs1__list_iso4217), code);
}

int gs1__in_mediatype(int code)
{
    return bit32(gs1__list_mediatype, TRACE__ARRAY_LEN(gs1__list_mediatype), code);
}

int gs1__in_alpha2(char a, char b)
{
    if (a < 'A' || a > 'Z' || b < 'A' || b > 'Z')
        return 0;
    return bit32(gs1__list_iso3166alpha2, 22, (a - 'A') * 26 + (b - 'A'));
}

int gs1__in_packagetype(const char *s, size_t n)
{
    size_t lo = 0, hi = TRACE__ARRAY_LEN(gs1__list_packagetype);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const char *p = gs1__list_packagetype[mid];
        size_t pl = strlen(p);
        int c = strncmp(p, s, pl < n ? pl : n);
        if (c == 0)
            c = (pl > n) - (pl < n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Longest prefix of s[0..n) in a table of (prefix, length) rows. */
static int gcp_match(const gs1__gcp *t, size_t count, const char *s, size_t n)
{
    size_t i, best = 0;
    int len = 0;
    for (i = 0; i < count; i++) {
        size_t pl = strlen(t[i].prefix);
        if (pl <= n && pl > best && memcmp(t[i].prefix, s, pl) == 0)
            best = pl, len = t[i].length;
    }
    return len;
}

/* Run-time extension: kept in the dictionary slot TRACE__SLOT_GS1. */
typedef struct gs1__gcp_ext {
    size_t count;
    gs1__gcp rows[];
} gs1__gcp_ext;

int gs1__gcp_length(const trace_ctx *ctx, const char *s, size_t n)
{
    int len = 0;
    if (ctx && ctx->dict && ctx->dict->slot[TRACE__SLOT_GS1].data) {
        const gs1__gcp_ext *x = ctx->dict->slot[TRACE__SLOT_GS1].data;
        len = gcp_match(x->rows, x->count, s, n);
    }
    if (!len)
        len = gcp_match(gs1__gcp_table, GS1__NGCP, s, n);
    return len;
}

static void gcp_ext_free(void *data, const trace_allocator *alloc)
{
    trace__free(alloc, data);
}

/* Parse "prefix<TAB|blank>length" lines; '#' comments. Rows are stored with their
 * prefix strings in the same block, after the row array. */
int trace_gs1_dict_load_gcp(trace_dict *d, const char *text, size_t len)
{
    size_t rows = 0, i, bytes, k;
    const gs1__gcp_ext *old;
    gs1__gcp_ext *x;
    char *strs;
    if (!d || (!text && len))
        return TRACE_EINVAL;
    for (i = 0; i < len; i++)
        rows += text[i] == '\n';
    rows++;
    old = d->slot[TRACE__SLOT_GS1].data;
    if (old)
        rows += old->count;
    bytes = sizeof(*x) + rows * sizeof(gs1__gcp) + len + rows * 20 + 1;
    x = trace__malloc(&d->alloc, bytes);
    if (!x)
        return TRACE_ENOMEM;
    x->count = 0;
    strs = (char *)&x->rows[rows];
    for (k = 0; old && k < old->count; k++) {
        size_t pl = strlen(old->rows[k].prefix);
        memcpy(strs, old->rows[k].prefix, pl + 1);
        x->rows[x->count].prefix = strs;
        x->rows[x->count++].length = old->rows[k].length;
        strs += pl + 1;
    }
    for (i = 0; i < len;) {
        size_t e = i, p0, pl;
        int glen = 0;
        while (e < len && text[e] != '\n')
            e++;
        p0 = i;
        while (p0 < e && (text[p0] == ' ' || text[p0] == '\t'))
            p0++;
        for (pl = 0; p0 + pl < e && text[p0 + pl] >= '0' && text[p0 + pl] <= '9'; pl++)
            ;
        if (p0 < e && text[p0] != '#' && text[p0] != '\r') {
            size_t q = p0 + pl;
            if (pl == 0 || pl > 12 || q >= e || (text[q] != '\t' && text[q] != ' ')) {
                trace__free(&d->alloc, x);
                return TRACE_EDATA;
            }
            while (q < e && (text[q] == '\t' || text[q] == ' '))
                q++;
            while (q < e && text[q] >= '0' && text[q] <= '9' && glen < 100)
                glen = glen * 10 + (text[q++] - '0');
            if (glen < 4 || glen > 12 || (size_t)glen < pl) {
                trace__free(&d->alloc, x);
                return TRACE_EDATA;
            }
            memcpy(strs, text + p0, pl);
            strs[pl] = '\0';
            x->rows[x->count].prefix = strs;
            x->rows[x->count++].length = glen;
            strs += pl + 1;
        }
        i = e + 1;
    }
    if (old)
        trace__free(&d->alloc, (void *)d->slot[TRACE__SLOT_GS1].data);
    d->slot[TRACE__SLOT_GS1].data = x;
    d->slot[TRACE__SLOT_GS1].free_fn = gcp_ext_free;
    return TRACE_OK;
}
