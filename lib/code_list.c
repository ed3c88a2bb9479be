/*
 * code_list.c - is a value valid under one of a list of schemes ("a|b|c")?
 * Used wherever the standard allows several identifier schemes for one
 * field: profile rules, dictionary elements, interface messages.
 */
#include <stdio.h>
#include <string.h>

#include "code_int.h"
#include "cn_int.h" /* trace__strncaseeq */

static int list_has(const char *list, const char *s, size_t n)
{
    const char *p = list;
    while (p && *p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && !memcmp(p, s, n))
            return 1;
        p = e ? e + 1 : p + k;
    }
    return 0;
}

/* Does the spelling of value fit scheme at all? URN and URI schemes only take
 * their own form; other schemes take plain values (and their UTDS URN). */
static int form_fits(const char *scheme, const char *value, size_t len)
{
    trace_str v = {value, len};
    trace_id_form form = trace_id_classify(v);
    if (!strcmp(scheme, "epc"))
        return form == TRACE_ID_EPC_URN;
    if (!strcmp(scheme, "gs1-dl"))
        return form == TRACE_ID_DL;
    return form != TRACE_ID_EPC_URN && form != TRACE_ID_DL && form != TRACE_ID_UTDS;
}

static void first_error(const trace_ctx *ctx, const trace_code_result *res, char *reason,
                        size_t size)
{
    size_t i;
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].severity >= TRACE_SEV_ERROR) {
            trace_diag_message(&res->diags[i], trace_ctx_lang(ctx), reason, size);
            return;
        }
}

/* A plain GS1 key (GTIN-8/12/13/14, GLN, SSCC): digits of a key length. The
 * "gs1" scheme name in the dictionary means "GS1 key or element string". */
static int plain_gs1_key(const char *value, size_t len)
{
    size_t i;
    if (len != 8 && len != 12 && len != 13 && len != 14 && len != 18)
        return 0;
    for (i = 0; i < len; i++)
        if (value[i] < '0' || value[i] > '9')
            return 0;
    return 1;
}

/* Parse value under one scheme: 1 valid, 0 invalid (reason), -1 scheme not built in. */
static int parse_one(const trace_ctx *ctx, trace_code_result *res, const char *scheme,
                     const char *value, size_t len, char *reason, size_t size,
                     const trace__code_cache *cache)
{
    const trace__scheme *s = trace__scheme_find(scheme);
    int verdict;
    if (!s)
        return -1;
    if (cache && (verdict = cache->get(cache->payload, s->info.name, value, len, reason, size)) != -2)
        return verdict;
    trace_code_parse(ctx, scheme, value, len, TRACE_CODE_NO_TITLES | TRACE_CODE_NO_FORMS, res);
    if (!res->valid)
        first_error(ctx, res, reason, size);
    if (cache)
        cache->put(cache->payload, s->info.name, value, len, res->valid, res->valid ? "" : reason);
    return res->valid;
}

int trace__code_check_list(const trace_ctx *ctx, trace_code_result *res, const char *schemes,
                           const char *value, size_t len, char *reason, size_t size)
{
    return trace__code_check_list_cached(ctx, res, schemes, value, len, reason, size, NULL);
}

int trace__code_check_list_cached(const trace_ctx *ctx, trace_code_result *res,
                                  const char *schemes, const char *value, size_t len,
                                  char *reason, size_t size, const trace__code_cache *cache)
{
    const char *p = schemes;
    int checked = 0;
    reason[0] = '\0';
    if (len > 12 && !memcmp(value, "urn:utds:id:", 12)) {
        /* A UTDS URN names its scheme: that one must be allowed and accept it. */
        const char *colon = memchr(value + 12, ':', len - 12);
        char scheme[32];
        size_t k = colon ? (size_t)(colon - value - 12) : 0;
        if (!colon || k >= sizeof(scheme) ||
            !(list_has(schemes, value + 12, k) || list_has(schemes, "utds", 4)))
            return 0;
        memcpy(scheme, value + 12, k);
        scheme[k] = '\0';
        /* parsers decode their own URN form */
        return parse_one(ctx, res, scheme, value, len, reason, size, cache);
    }
    while (*p) {
        char scheme[32];
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        size_t c = k < sizeof(scheme) ? k : sizeof(scheme) - 1; /* names are short */
        memcpy(scheme, p, c);
        scheme[c] = '\0';
        p = e ? e + 1 : p + k;
        /* "utds" stands for every UTDS URN (above) and for the UTDS trace code, whose
         * own URI is URN:UTDS:TC:... (spec/utds-1-trace-code.md) */
        if (!strcmp(scheme, "utds") && !(len > 12 && trace__strncaseeq(value, "URN:UTDS:TC:", 12)))
            continue;
        if (strcmp(scheme, "utds") && !form_fits(scheme, value, len))
            continue;
        if (!strcmp(scheme, "gs1") && plain_gs1_key(value, len)) {
            trace_diag d;
            if (trace_check_diagnose(TRACE_CHECK_GS1_MOD10, value, len, &d) == 1)
                return 1;
            if (!checked)
                trace_diag_message(&d, trace_ctx_lang(ctx), reason, size);
            checked = 1;
            continue;
        }
        {
            char why[256];
            int v = parse_one(ctx, res, scheme, value, len, why, sizeof(why), cache);
            if (v < 0)
                return -1; /* a scheme that could accept it is not built in: cannot tell */
            if (v == 1)
                return 1;
            if (!checked)
                trace__strlcpy(reason, why, size);
            checked = 1;
        }
    }
    return checked ? 0 : -1;
}
