/*
 * cn_agri.c - agriculture and food: pesticide label QR unit code (公告第2579号),
 * veterinary drug QR trace code, seed label unit code, livestock ear tags,
 * food production licence (SC) and food operation licence (JY).
 * Extent: spec/utds-1-coding-cn.md.
 */
#include <string.h>

#include "cn_int.h"



/* Typed meaning of a one-digit code from "1=...|2=...|3=..." lists. */
static const char *pick(char c, const char *const *names, size_t n)
{
    size_t i = (size_t)(c - '1');
    return c >= '1' && i < n ? names[i] : NULL;
}

/* ---- pesticide-qr ---- */

static const cn_seg PEST_SEGS[] = {
    {"category", "registration category", "登记类别", 1, CN_DIGIT, TRACE_CODE_ENUM},
    {"registration", "registration number (last 6 digits)", "登记证号后6位", 6, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"production", "production type", "生产类型", 1, CN_DIGIT, TRACE_CODE_ENUM},
    {"specification", "product specification code", "产品规格码", 3, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"random", "random code", "随机码", 21, CN_DIGIT, TRACE_CODE_NUMERIC},
};
static const char *const PEST_CAT[] = {"PD (full registration)", "WP (public health)",
                                       "temporary registration"};
static const char *const PEST_PROD[] = {"by the registration holder", "contract processing",
                                        "contract repackaging"};

static int p_pest_qr(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                     trace_code_result *res)
{
    cn_norm nm;
    size_t at = 0;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    /* The label QR carries the trace URL then the 32-digit unit code: read the code. */
    if (nm.n > 32 && !nm.overflow && trace__strncaseeq(nm.s, "http", 4))
        at = nm.n - 32;
    if (!trace__cn_segs(res, &nm, at, PEST_SEGS, 5, 1))
        return TRACE_OK;
    if (!(res->fields[0].typed = pick(nm.s[at], PEST_CAT, 3)))
        trace__cn_bad_segment(res, &nm, at, 1, "category", "expected 1, 2 or 3");
    if (!(res->fields[2].typed = pick(nm.s[at + 7], PEST_PROD, 3)))
        trace__cn_bad_segment(res, &nm, at + 7, 1, "production", "expected 1, 2 or 3");
    trace__cn_forms(res, nm.s + at, 32);
    return TRACE_OK;
}
CN_URI_PARSER(p_pest_qr)

static int d_pest_qr(const char *in, size_t len, const char **reason)
{
    if (len != 32 || !trace__cn_digits(in, 32))
        return 0;
    *reason = "32 digits: pesticide label unit code";
    return 50;
}

TRACE__SCHEME_DEFINE(pesticide_qr) = {
    {"pesticide-qr", "Pesticide label QR unit code", "农药标签二维码单元识别代码",
     "农业部公告第2579号",
     "category 1 + registration 6 + production type 1 + specification 3 + random 21",
     "10929272000000000000000000000000",
     "structure and the category and production-type codes; no check character exists; a "
     "leading trace URL is skipped"},
    p_pest_qr_uri, d_pest_qr};

/* ---- vet-drug-qr ---- */

static const cn_seg VET_SEGS[] = {
    {"date", "date of application", "追溯码申请日期", 8, CN_DIGIT, TRACE_CODE_DATE},
    {"enterprise", "enterprise code", "企业标识", 5, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"random", "random digits", "随机位", 11, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_vet(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    cn_norm nm;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (!trace__cn_segs(res, &nm, 0, VET_SEGS, 3, 1))
        return TRACE_OK;
    if (trace__cn_date_field(res, &nm, &res->fields[0], 0, 8, "date"))
        trace__cn_forms(res, nm.s, 24);
    return TRACE_OK;
}
CN_URI_PARSER(p_vet)

static int d_vet(const char *in, size_t len, const char **reason)
{
    if (len != 24 || !trace__cn_digits(in, 24) || (in[0] != '2' && in[0] != '1'))
        return 0;
    *reason = "24 digits starting with a date";
    return 45;
}

TRACE__SCHEME_DEFINE(vet_drug_qr) = {
    {"vet-drug-qr", "Veterinary drug QR trace code", "兽药产品追溯码", "农业部公告",
     "date YYYYMMDD 8 + enterprise 5 + random 11", "201806150012345678901234",
     "structure and date; no check character exists"},
    p_vet_uri, d_vet};

/* ---- seed-qr ---- */

static int p_seed(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                  trace_code_result *res)
{
    cn_norm nm;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.overflow || nm.n < 1 || nm.n > 20)
        return trace__cn_bad_length(res, &nm, "1-20"), TRACE_OK;
    if (!trace__cn_chars(res, &nm, 0, nm.n, CN_MIXED, "unit code"))
        return TRACE_OK;
    trace__cn_field(res, &nm, "unit", "unit identification code", "单元识别代码", 0, nm.n,
                    TRACE_CODE_TEXT);
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_seed)

static int d_seed(const char *in, size_t len, const char **reason)
{
    size_t i;
    if (len < 6 || len > 20)
        return 0;
    for (i = 0; i < len; i++)
        if (!trace__cn_in_class((unsigned char)in[i], CN_MIXED))
            return 0;
    *reason = "up to 20 letters and digits (company-assigned, no structure)";
    return 5;
}

TRACE__SCHEME_DEFINE(seed_qr) = {
    {"seed-qr", "Seed label QR unit code", "种子标签二维码单元识别代码",
     "农作物种子标签二维码编码规则 (2016)", "1-20 characters 0-9 A-Z a-z, company-assigned",
     "3501230010000000001", "length and character set only: the code has no structure"},
    p_seed_uri, d_seed};

/* ---- ear-tag ---- */

static const cn_seg EAR_SEGS[] = {
    {"species", "species", "畜禽种类代码", 1, CN_DIGIT, TRACE_CODE_ENUM},
    {"county", "county of the farm", "县级行政区域代码", 6, CN_DIGIT, TRACE_CODE_ENUM},
    {"serial", "tag serial", "标识顺序号", 8, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_ear(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    cn_norm nm;
    const char *sp;
    trace__cn_norm(&nm, in, len, "-", 0);
    if (!trace__cn_segs(res, &nm, 0, EAR_SEGS, 3, 1))
        return TRACE_OK;
    sp = nm.s[0] == '1'   ? "猪 (pig)"
         : nm.s[0] == '2' ? "牛 (cattle)"
         : nm.s[0] == '3' ? "羊 (sheep and goats)"
         : nm.s[0] == '7' ? "能繁母猪 (breeding sow)"
                          : NULL;
    res->fields[0].typed = sp;
    if (!sp) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_IMPLAUSIBLE, 0, 1);
        trace__diag_arg(d, "segment", "species");
        trace__diag_argn(d, "value", nm.s, 1);
        trace__diag_arg(d, "reason", "known codes are 1 pig, 2 cattle, 3 sheep, 7 breeding sow");
    }
    trace__cn_region_check(ctx, res, &nm, &res->fields[1], 1, flags);
    trace__cn_forms(res, nm.s, 15);
    return TRACE_OK;
}
CN_URI_PARSER(p_ear)

static int d_ear(const char *in, size_t len, const char **reason)
{
    if (len == 17 && in[1] == '-' && in[8] == '-') {
        *reason = "X-XXXXXX-XXXXXXXX ear tag";
        return 90;
    }
    if (len != 15 || !trace__cn_digits(in, 15) || !strchr("1237", in[0]))
        return 0;
    *reason = "15 digits: species, county, serial";
    return 40;
}

TRACE__SCHEME_DEFINE(ear_tag) = {
    {"ear-tag", "Livestock ear tag", "畜禽标识（耳标）", "畜禽标识和养殖档案管理办法",
     "species 1 + county 6 + serial 8, written X-XXXXXX-XXXXXXXX", "1-445122-00000001",
     "structure, province of the county; unknown species codes are warnings; no check "
     "character exists"},
    p_ear_uri, d_ear};

/* ---- sc-licence and jy-licence ---- */

static const cn_seg SC_SEGS[] = {
    {"category", "food category", "食品类别编码", 3, CN_DIGIT, TRACE_CODE_ENUM},
    {"region", "region", "行政区划代码", 6, CN_DIGIT, TRACE_CODE_ENUM},
    {"sequence", "sequence", "顺序码", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
};
static const cn_seg JY_SEGS[] = {
    {"business", "business type", "主体业态", 1, CN_DIGIT, TRACE_CODE_ENUM},
    {"region", "region", "行政区划代码", 6, CN_DIGIT, TRACE_CODE_ENUM},
    {"sequence", "sequence", "顺序码", 6, CN_DIGIT, TRACE_CODE_NUMERIC},
};
static const char *const JY_TYPES[] = {"食品销售 (food sales)", "餐饮服务 (catering)",
                                       "单位食堂 (canteen)"};

static int licence(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   trace_code_result *res, int jy)
{
    cn_norm nm;
    const char *pfx = jy ? "JY" : "SC";
    trace__cn_norm(&nm, in, len, " ", 1);
    if (nm.n < 2 || memcmp(nm.s, pfx, 2) != 0) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", jy ? "food operation licence number" : "food production "
                                                                          "licence number");
        trace__diag_arg(d, "form", jy ? "JY + 14 digits" : "SC + 14 digits");
        return TRACE_OK;
    }
    if (nm.n != 16 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "16"), TRACE_OK;
    trace__cn_field(res, &nm, "prefix", "prefix", "前缀", 0, 2, TRACE_CODE_TEXT);
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 2, jy ? JY_SEGS : SC_SEGS, 3, 0);
    good &= trace__cn_chars(res, &nm, 15, 1, CN_DIGIT, "check");
    if (!good)
        return TRACE_OK;
    if (jy) {
        if (!(res->fields[1].typed = pick(nm.s[2], JY_TYPES, 3)))
            trace__cn_bad_segment(res, &nm, 2, 1, "business", "expected 1, 2 or 3");
        trace__cn_region_check(ctx, res, &nm, &res->fields[2], 3, flags);
    } else {
        int cat = (nm.s[3] - '0') * 10 + (nm.s[4] - '0');
        if (nm.s[2] == '1' && cat >= 1 && cat <= 31)
            res->fields[1].typed = "食品 (food)";
        else if (nm.s[2] == '2' && cat >= 1 && cat <= 3)
            res->fields[1].typed = "食品添加剂 (food additive)";
        else
            trace__cn_bad_segment(res, &nm, 2, 3, "category", "expected 101-131 (food) or 201-203 (additive)");
        trace__cn_region_check(ctx, res, &nm, &res->fields[2], 5, flags);
    }
    /* SC: MOD 11,10 holds for every real sample; JY: only for some, so a warning. */
    trace__cn_check(res, &nm, TRACE_CHECK_MOD11_10, 2, 15, 1, jy);
    trace__cn_forms(res, nm.s, 16);
    return TRACE_OK;
}

static int p_sc(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    return licence(ctx, in, len, flags, res, 0);
}
CN_URI_PARSER(p_sc)

static int p_jy(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    return licence(ctx, in, len, flags, res, 1);
}
CN_URI_PARSER(p_jy)

static int d_sc(const char *in, size_t len, const char **reason)
{
    if (len != 16 || !trace__strncaseeq(in, "SC", 2) || !trace__cn_digits(in + 2, 14))
        return 0;
    *reason = "SC + 14 digits, MOD 11,10 check";
    return 95;
}

static int d_jy(const char *in, size_t len, const char **reason)
{
    if (len != 16 || !trace__strncaseeq(in, "JY", 2) || !trace__cn_digits(in + 2, 14))
        return 0;
    *reason = "JY + 14 digits";
    return 95;
}

TRACE__SCHEME_DEFINE(sc_licence) = {
    {"sc-licence", "Food production licence number", "食品生产许可证编号", "食品生产许可管理办法",
     "SC + category 3 + region 6 + sequence 4 + check 1 (ISO/IEC 7064 MOD 11,10)",
     "SC11834020305037",
     "structure, category range, province, MOD 11,10 check (confirmed on real samples, not "
     "stated in the rule text)"},
    p_sc_uri, d_sc};

TRACE__SCHEME_DEFINE(jy_licence) = {
    {"jy-licence", "Food operation licence number", "食品经营许可证编号", "食品经营许可管理办法",
     "JY + business type 1 + region 6 + sequence 6 + check 1", "JY13301080111719",
     "structure (unconfirmed) and province; the check algorithm is unconfirmed: a MOD 11,10 "
     "mismatch is a warning"},
    p_jy_uri, d_jy};
