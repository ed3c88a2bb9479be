/*
 * cn_drug.c - drugs and medical devices: the 20-digit drug trace code (and
 * its GS1 and MA forms), the national drug code (本位码), drug approval
 * numbers, MA (IDcode) codes and UDIs. Extent: spec/utds-1-coding-cn.md.
 */
#include <string.h>

#include "cn_int.h"


/* ---- MA (IDcode) ---- */

typedef struct ma_pi {
    char letter;
    const char *name, *title_en, *title_zh;
    int date;
} ma_pi;

static const ma_pi MA_PIS[] = {
    {'S', "serial", "serial number", "序列号", 0},
    {'M', "production-date", "production date", "生产日期", 1},
    {'L', "lot", "batch or lot", "批号", 0},
    {'D', "sterilisation-lot", "sterilisation lot", "灭菌批号", 0},
    {'E', "expiry-date", "expiry date", "失效日期", 1},
    {'V', "validity-date", "validity date", "有效期", 1},
    {'C', "c", "C segment (meaning not confirmed)", "C 段（含义未确认）", 0},
};

/* Next dot-separated segment of nm from *at: [*at, end). */
static size_t seg_end(const cn_norm *nm, size_t at)
{
    while (at < nm->n && nm->s[at] != '.')
        at++;
    return at;
}

/* Segment characters: letters, digits, '/', '-', '_' (and '.' in a whole code part). */
static int ma_chars(trace_code_result *res, const cn_norm *nm, size_t a, size_t e, const char *seg)
{
    size_t i;
    for (i = a; i < e; i++) {
        char c = nm->s[i];
        if (!trace__cn_in_class((unsigned char)c, CN_MIXED) && !(c && strchr("/-_.", c)))
            return trace__cn_chars(res, nm, i, 1, CN_MIXED, seg);
    }
    if (a == e) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_MISSING, a, 0);
        trace__diag_arg(d, "segment", seg);
        return 0;
    }
    return 1;
}

/* UDI-PI: segments of a separator letter and a value. */
static void ma_pi_segs(trace_code_result *res, const cn_norm *nm, size_t at, int need_serial)
{
    int serial = 0;
    while (at < nm->n) {
        size_t e = seg_end(nm, at), k;
        const ma_pi *p = NULL;
        for (k = 0; k < TRACE__ARRAY_LEN(MA_PIS); k++)
            if (nm->s[at] == MA_PIS[k].letter)
                p = &MA_PIS[k];
        if (!p || e == at + 1) {
            trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_FORM, at, e - at);
            trace__diag_arg(d, "what", "UDI-PI segment");
            trace__diag_arg(d, "form", "S|M|L|D|E|V|C followed by a value");
        } else {
            trace_code_field *f = trace__cn_field(res, nm, p->name, p->title_en, p->title_zh,
                                                  at + 1, e - at - 1,
                                                  p->date ? TRACE_CODE_DATE : TRACE_CODE_TEXT);
            if (ma_chars(res, nm, at + 1, e, p->name) && p->date)
                trace__cn_date_field(res, nm, f, at + 1, e - at - 1, p->name);
            serial |= p->letter == 'S';
        }
        at = e + 1;
    }
    if (need_serial && !serial) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_MISSING, 0, nm->n);
        trace__diag_arg(d, "segment", "serial (S)");
    }
}

/* UDI-DI of MA.156.M0: registrant 6 digits, product code 8 (package 1 + item 6 + check 1). */
static void ma_udi(trace_code_result *res, const cn_norm *nm, size_t at, int need_serial)
{
    size_t e = seg_end(nm, at), e2;
    trace_code_field *f;
    trace__cn_field(res, nm, "registrant", "registrant code", "注册人代码", at, e - at,
                    TRACE_CODE_NUMERIC);
    if (e - at != 6 || !trace__cn_digits(nm->s + at, 6)) {
        trace__cn_bad_segment(res, nm, at, e - at, "registrant", "expected 6 digits");
        return;
    }
    at = e + 1;
    e2 = at <= nm->n ? seg_end(nm, at) : at;
    if (at > nm->n || e2 - at != 8 || !trace__cn_digits(nm->s + at, 8)) {
        trace__cn_bad_segment(res, nm, at > nm->n ? nm->n : at, at > nm->n ? 0 : e2 - at, "product",
                    "expected 8 digits");
        return;
    }
    trace__cn_field(res, nm, "package-level", "package level", "包装编码", at, 1,
                    TRACE_CODE_NUMERIC);
    trace__cn_field(res, nm, "item", "item code", "项目编码", at + 1, 6, TRACE_CODE_NUMERIC);
    f = trace__cn_field(res, nm, "check", "check digit", "校验码", at + 7, 1, TRACE_CODE_CHECK);
    if (f)
        f->typed = "not-public";
    trace__cn_not_possible(res, nm, at + 7, 1, "check",
                           "MA product-code check algorithm not found");
    if (e2 < nm->n)
        ma_pi_segs(res, nm, e2 + 1, need_serial);
    else if (need_serial)
        ma_pi_segs(res, nm, nm->n, need_serial);
}

int trace__cn_ma_parse(trace_code_result *res, const char *in, size_t len, int udi,
                       int need_serial)
{
    cn_norm nm;
    size_t at, e, errs = res->ndiags;
    trace_code_field *f;
    const char *name;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.overflow)
        return trace__cn_bad_length(res, &nm, "at most 160");
    if (nm.n < 3 || memcmp(nm.s, "MA.", 3) != 0) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", "MA code");
        trace__diag_arg(d, "form", "MA.<country>.<industry>.<code>...");
        return 0;
    }
    f = trace__cn_field(res, &nm, "agency", "issuing agency", "发码机构", 0, 2, TRACE_CODE_ENUM);
    if (f)
        f->typed = "MA (ISO/IEC 15459, ZIIOT)";
    e = seg_end(&nm, 3);
    f = trace__cn_field(res, &nm, "country", "country (ISO 3166 numeric)", "国家代码", 3, e - 3,
                        TRACE_CODE_ENUM);
    if (e - 3 != 3 || !trace__cn_digits(nm.s + 3, 3) || !(name = trace__cn_iso3166(nm.s + 3, 3))) {
        trace__cn_bad_segment(res, &nm, 3, e - 3, "country", "expected an ISO 3166 numeric code");
        return 0;
    }
    if (f)
        f->typed = name;
    at = e + 1;
    if (at > nm.n) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, nm.n, 0);
        trace__diag_arg(d, "segment", "industry code");
        return 0;
    }
    e = seg_end(&nm, at);
    if (!ma_chars(res, &nm, at, e, "industry"))
        return 0;
    f = trace__cn_field(res, &nm, "industry", "industry code", "行业代码", at, e - at,
                        TRACE_CODE_ENUM);
    if (e - at == 2 && !memcmp(nm.s + at, "M0", 2)) {
        if (f)
            f->typed = "medical devices";
        ma_udi(res, &nm, e + 1 <= nm.n ? e + 1 : nm.n, need_serial);
    } else if (udi) {
        trace__cn_bad_segment(res, &nm, at, e - at, "industry", "a UDI has industry code M0");
    } else if (e >= nm.n || !ma_chars(res, &nm, e + 1, nm.n, "code")) {
        if (e >= nm.n) {
            trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, nm.n, 0);
            trace__diag_arg(d, "segment", "organisation code");
        }
    } else {
        trace__cn_field(res, &nm, "code", "organisation and object code", "单位及对象代码", e + 1,
                        nm.n - e - 1, TRACE_CODE_TEXT);
    }
    if (res->ndiags == errs || (res->ndiags == errs + 1 && res->checks))
        trace__cn_forms(res, nm.s, nm.n);
    return 1;
}

static int p_ma(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    (void)ctx, (void)flags;
    trace__cn_ma_parse(res, in, len, 0, 0);
    return TRACE_OK;
}
CN_URI_PARSER(p_ma)

static int d_ma(const char *in, size_t len, const char **reason)
{
    if (len < 8 || memcmp(in, "MA.", 3) != 0)
        return 0;
    *reason = "MA. prefix (ISO/IEC 15459 issuing agency MA)";
    return 90;
}

TRACE__SCHEME_DEFINE(ma) = {
    {"ma", "MA code (IDcode)", "MA 码（IDcode）", "ISO/IEC 15459 (agency MA)",
     "MA.country.industry.code...; UDI: MA.156.M0.registrant(6).product(8)[.PI segments]",
     "MA.156.M0.100204.13351764",
     "structure; the UDI product-code check digit is not public (reported); PI dates"},
    p_ma_uri, d_ma};

/* ---- udi ---- */

static int p_udi(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    (void)ctx, (void)flags;
    if (len >= 3 && !memcmp(in, "MA.", 3)) {
        trace__cn_ma_parse(res, in, len, 1, 0);
    } else if (trace__cn_gs1_shape(in, len)) {
        trace__cn_gs1_parse(res, in, len, 0);
    } else {
        trace_diag *d = trace__code_diag(res, TRACE__D_CN_BAD_FORM, 0, len);
        trace__diag_arg(d, "what", "UDI");
        trace__diag_arg(d, "form", "a GS1 element string (01)... or MA.156.M0...");
    }
    return TRACE_OK;
}
CN_URI_PARSER(p_udi)

static int d_udi(const char *in, size_t len, const char **reason)
{
    if (len >= 10 && !memcmp(in, "MA.156.M0.", 10)) {
        *reason = "MA.156.M0. (MA UDI)";
        return 92;
    }
    if (trace__cn_gs1_shape(in, len)) {
        *reason = "GS1 element string with a GTIN";
        return 40;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(udi) = {
    {"udi", "Medical device UDI", "医疗器械唯一标识", "NMPA 2019 No. 66; GB/T 16986; MA",
     "GS1: (01)GTIN [(11)(17)(10)(21)]; MA: MA.156.M0.registrant.product[.PI]",
     "(01)06901234567892(11)141231(17)150707(10)A213B1(21)1234",
     "GS1 form: GTIN check, dates, AI set (01,11,17,10,21); MA form: structure, product "
     "check not public; AHM form not supported (syntax not found)"},
    p_udi_uri, d_udi};

/* ---- drug-trace ---- */

static const cn_seg DRUG20_SEGS[] = {
    {"product", "drug identification code", "药品标识码", 7, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"serial", "serial number", "单品序列号", 9, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_drug_trace(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                        trace_code_result *res)
{
    cn_norm nm;
    trace_code_field *f;
    (void)ctx, (void)flags;
    if (len >= 3 && !memcmp(in, "MA.", 3))
        return trace__cn_ma_parse(res, in, len, 0, 0), TRACE_OK;
    if (trace__cn_gs1_shape(in, len))
        return trace__cn_gs1_parse(res, in, len, 1), TRACE_OK;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.n != 20 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "20 (or a GS1 or MA form)"), TRACE_OK;
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 0, DRUG20_SEGS, 2, 0);
    good &= trace__cn_chars(res, &nm, 16, 4, CN_DIGIT, "check");
    if (!good)
        return TRACE_OK;
    if (nm.s[0] != '8')
        trace__cn_bad_segment(res, &nm, 0, 1, "product", "20-digit drug trace codes start with 8");
    f = trace__cn_field(res, &nm, "check", "check digits", "校验位", 16, 4, TRACE_CODE_CHECK);
    if (f)
        f->typed = "not-public";
    trace__cn_not_possible(res, &nm, 16, 4, "check", "not public");
    trace__cn_forms(res, nm.s, 20);
    return TRACE_OK;
}
CN_URI_PARSER(p_drug_trace)

static int d_drug_trace(const char *in, size_t len, const char **reason)
{
    if (len == 20 && in[0] == '8' && trace__cn_digits(in, 20)) {
        *reason = "20 digits starting with 8 (check not public)";
        return 60;
    }
    if (trace__cn_gs1_shape(in, len)) {
        *reason = "GS1 element string with GTIN and serial";
        return 35;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(drug_trace) = {
    {"drug-trace", "Drug trace code", "药品追溯码", "NMPAB/T 1002-2019",
     "20 digits: product 7 + serial 9 + check 4; or GS1 (01)+(21)...; or MA",
     "81234567890123456789",
     "20-digit form: structure only, the 4-digit check is not public (reported); GS1 form: "
     "GTIN check, serial (21) required; MA form: structure"},
    p_drug_trace_uri, d_drug_trace};

/* ---- drug-code ---- */

static const cn_seg DRUGCODE_SEGS[] = {
    {"country", "country code", "国别码", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"category", "category code", "类别码", 1, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"enterprise", "enterprise code", "企业标识", 5, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"product", "product code", "产品标识", 5, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_drug_code(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                       trace_code_result *res)
{
    cn_norm nm;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.n != 14 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "14"), TRACE_OK;
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 0, DRUGCODE_SEGS, 4, 0);
    good &= trace__cn_chars(res, &nm, 13, 1, CN_DIGIT, "check");
    if (!good)
        return TRACE_OK;
    if (memcmp(nm.s, "86", 2) != 0)
        trace__cn_bad_segment(res, &nm, 0, 2, "country", "expected 86");
    else
        res->fields[0].typed = "China";
    if (nm.s[2] != '9')
        trace__cn_bad_segment(res, &nm, 2, 1, "category", "expected 9 (drugs)");
    else
        res->fields[1].typed = "drugs";
    trace__cn_check(res, &nm, TRACE_CHECK_GS1_MOD10, 0, 13, 1, 0);
    trace__cn_forms(res, nm.s, 14);
    return TRACE_OK;
}
CN_URI_PARSER(p_drug_code)

static int d_drug_code(const char *in, size_t len, const char **reason)
{
    if (len != 14 || memcmp(in, "869", 3) != 0 || !trace__cn_digits(in, 14))
        return 0;
    *reason = "14 digits starting with 869, GS1 mod 10 check";
    return 85;
}

TRACE__SCHEME_DEFINE(drug_code) = {
    {"drug-code", "National drug code", "国家药品编码本位码", "国食药监办〔2009〕315号",
     "86 + 9 + enterprise 5 + product 5 + check 1 (GS1 mod 10)", "86902551000259",
     "structure and GS1 mod 10 check"},
    p_drug_code_uri, d_drug_code};
