/*
 * cn_lists.c - code-list schemes: ISO 3166-1 countries (GB/T 2659), ISO 4217
 * currencies and UN/ECE Recommendation 20 units (partial list built in).
 * Lists: spec/cn/iso3166.tsv, iso4217.tsv, rec20.tsv.
 */
#include <stdio.h>
#include <string.h>

#include "cn_int.h"

static int list_code(trace_code_result *res, const char *in, size_t len, const char *list,
                     const char *(*lookup)(const char *, size_t), size_t minlen, size_t maxlen,
                     int partial)
{
    cn_norm nm;
    const char *name;
    trace_code_field *f;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.overflow || nm.n < minlen || nm.n > maxlen) {
        char exp[16];
        snprintf(exp, sizeof(exp), minlen == maxlen ? "%zu" : "%zu-%zu", minlen, maxlen);
        return trace__cn_bad_length(res, &nm, exp);
    }
    if (!trace__cn_chars(res, &nm, 0, nm.n, CN_ALNUM, list))
        return 0;
    f = trace__cn_field(res, &nm, "code", list, "代码", 0, nm.n, TRACE_CODE_ENUM);
    name = lookup(nm.s, nm.n);
    if (name && f)
        f->typed = name;
    if (!name) {
        trace_diag *d = trace__cn_diag(res, &nm, partial ? TRACE__D_CN_NOT_IN_PARTIAL_LIST
                                                         : TRACE__D_CN_NOT_IN_LIST, 0, nm.n);
        trace__diag_argn(d, "value", nm.s, nm.n);
        trace__diag_arg(d, "list", list);
        if (!partial)
            return 0;
    }
    trace__cn_forms(res, nm.s, nm.n);
    return 1;
}

static int all_upper(const char *in, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (in[i] < 'A' || in[i] > 'Z')
            return 0;
    return 1;
}

static int all_digits(const char *in, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (in[i] < '0' || in[i] > '9')
            return 0;
    return 1;
}

/* Alpha codes must be letters, numeric codes digits: "C2" is neither. */
static const char *iso3166(const char *s, size_t n)
{
    return all_upper(s, n) || (n == 3 && all_digits(s, n)) ? trace__cn_iso3166(s, n) : NULL;
}

static const char *iso4217(const char *s, size_t n)
{
    return all_upper(s, n) || all_digits(s, n) ? trace__cn_iso4217(s, n) : NULL;
}

static int p_iso3166(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                     trace_code_result *res)
{
    (void)ctx, (void)flags;
    list_code(res, in, len, "ISO 3166-1", iso3166, 2, 3, 0);
    return TRACE_OK;
}
CN_URI_PARSER(p_iso3166)

static int d_iso3166(const char *in, size_t len, const char **reason)
{
    if ((len == 2 || len == 3) && all_upper(in, len)) {
        *reason = "2 or 3 upper-case letters in the ISO 3166-1 list";
        return 20;
    }
    if (len == 3 && all_digits(in, 3)) {
        *reason = "3 digits in the ISO 3166-1 numeric list";
        return 10;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(iso3166) = {
    {"iso3166", "Country code", "国家和地区代码", "ISO 3166-1; GB/T 2659",
     "alpha-2, alpha-3 or numeric-3", "CN",
     "membership in the built-in list (iso-codes 4.15.0: 249 countries)"},
    p_iso3166_uri, d_iso3166};

static int p_iso4217(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                     trace_code_result *res)
{
    (void)ctx, (void)flags;
    list_code(res, in, len, "ISO 4217", iso4217, 3, 3, 0);
    return TRACE_OK;
}
CN_URI_PARSER(p_iso4217)

static int d_iso4217(const char *in, size_t len, const char **reason)
{
    if (len != 3 || !all_upper(in, 3))
        return 0;
    *reason = "3 upper-case letters in the ISO 4217 list";
    return 20;
}

TRACE__SCHEME_DEFINE(iso4217) = {
    {"iso4217", "Currency code", "货币代码", "ISO 4217; GB/T 12406", "alpha-3 or numeric-3",
     "CNY", "membership in the built-in list (iso-codes 4.15.0: 181 currencies)"},
    p_iso4217_uri, d_iso4217};

static int p_rec20(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   trace_code_result *res)
{
    (void)ctx, (void)flags;
    list_code(res, in, len, "UN/ECE Rec 20", trace__cn_rec20, 2, 3, 1);
    return TRACE_OK;
}
CN_URI_PARSER(p_rec20)

static int d_rec20(const char *in, size_t len, const char **reason)
{
    if ((len != 2 && len != 3) || !trace__cn_rec20(in, len))
        return 0;
    *reason = "a common UN/ECE Rec 20 unit";
    return 15;
}

TRACE__SCHEME_DEFINE(unece_rec20) = {
    {"unece-rec20", "Unit of measure", "计量单位代码", "UN/ECE Recommendation 20",
     "2-3 characters 0-9 A-Z", "KGM",
     "character set; membership in a partial built-in list of common units (others are "
     "warnings)"},
    p_rec20_uri, d_rec20};
