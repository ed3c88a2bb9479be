/*
 * cn_party.c - identifiers of parties and places: Unified Social Credit Code
 * (GB 32100), organisation code (GB 11714), resident ID number (GB 11643),
 * legacy 15-digit business registration number and GB/T 2260 region codes.
 * Extent per scheme: spec/utds-1-coding-cn.md.
 */
#include <string.h>
#include <time.h>

#include "cn_int.h"

static int all_in(const char *s, size_t n, int cls)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!trace__cn_in_class((unsigned char)s[i], cls))
            return 0;
    return 1;
}

/* ---- uscc ---- */

static const cn_seg USCC_SEGS[] = {
    {"department", "registration department", "登记管理部门代码", 1, CN_USCC, TRACE_CODE_ENUM},
    {"category", "organisation category", "机构类别代码", 1, CN_USCC, TRACE_CODE_ENUM},
    {"region", "region of the registering authority", "登记管理机关行政区划码", 6, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"org-code", "organisation code (GB 11714)", "主体标识码（组织机构代码）", 9, CN_USCC,
     TRACE_CODE_TEXT},
};

/* The embedded GB 11714 check at position 17: an error, or a warning when lenient. */
static void uscc_org_check(trace_code_result *res, const cn_norm *nm, unsigned flags)
{
    char exp[4];
    trace_diag *d;
    if (trace_check_compute(TRACE_CHECK_GB11714, nm->s + 8, 8, exp, sizeof(exp)) != TRACE_OK ||
        exp[0] == nm->s[16])
        return;
    d = trace__cn_diag(res, nm, TRACE__D_CN_ORG_CHECK, 16, 1);
    trace__diag_argn(d, "got", nm->s + 16, 1);
    trace__diag_arg(d, "expected", exp);
    if (flags & TRACE_CODE_LENIENT)
        d->severity = TRACE_SEV_WARNING;
}

static int p_uscc(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                  trace_code_result *res)
{
    cn_norm nm;
    trace_code_field *f;
    const char *zh, *en = NULL;
    int ok;
    trace__cn_norm(&nm, in, len, NULL, 1);
    if (nm.n != 18 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "18"), TRACE_OK;
    ok = trace__cn_segs(res, &nm, 0, USCC_SEGS, 4, 0);
    ok &= trace__cn_chars(res, &nm, 17, 1, CN_USCC, "check");
    if (!ok)
        return TRACE_OK;
    f = &res->fields[0];
    if ((zh = trace__cn_uscc_dept(nm.s[0], &en)))
        f->typed = trace__code_textf(res, "%s (%s)", zh, en);
    f = &res->fields[1];
    if ((zh = trace__cn_uscc_cat(nm.s[0], nm.s[1], &en)))
        f->typed = trace__code_textf(res, "%s (%s)", zh, en);
    /* Centrally registered bodies use 100000 (national level), not a GB/T 2260 code. */
    if (memcmp(nm.s + 2, "100000", 6) == 0)
        res->fields[2].typed = "全国 (national)";
    else
        trace__cn_region_check(ctx, res, &nm, &res->fields[2], 2, flags);
    uscc_org_check(res, &nm, flags);
    trace__cn_check(res, &nm, TRACE_CHECK_GB32100, 0, 17, 1, 0);
    trace__cn_forms(res, nm.s, 18);
    return TRACE_OK;
}
CN_URI_PARSER(p_uscc)

static int d_uscc(const char *in, size_t len, const char **reason)
{
    if (len != 18 || !all_in(in + 2, 6, CN_DIGIT) || !all_in(in, 2, CN_USCC) ||
        !all_in(in + 8, 10, CN_USCC))
        return 0;
    *reason = "18 characters with GB 32100 and GB 11714 checks";
    return 85;
}

TRACE__SCHEME_DEFINE(uscc) = {
    {"uscc", "Unified Social Credit Code", "统一社会信用代码", "GB 32100-2015",
     "department 1 + category 1 + region 6 + organisation code 9 + check 1",
     "911101083303521997",
     "structure, GB 32100 mod 31 check, embedded GB 11714 check (warning with --lenient), "
     "province of the region segment"},
    p_uscc_uri, d_uscc};

/* ---- org-code ---- */

static const cn_seg ORG_SEGS[] = {
    {"body", "organisation code body", "本体代码", 8, CN_ALNUM, TRACE_CODE_TEXT},
};

static int p_org(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    cn_norm nm;
    (void)ctx, (void)flags;
    /* Written XXXXXXXX-X: the hyphen may only precede the check character. */
    if (len == 10 && in[8] == '-')
        trace__cn_norm(&nm, in, len, "-", 1);
    else
        trace__cn_norm(&nm, in, len, NULL, 1);
    if (nm.n != 9 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "9 (or XXXXXXXX-X)"), TRACE_OK;
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 0, ORG_SEGS, 1, 0);
    good &= trace__cn_chars(res, &nm, 8, 1, CN_DIGIT_X, "check");
    if (!good)
        return TRACE_OK;
    trace__cn_check(res, &nm, TRACE_CHECK_GB11714, 0, 8, 1, 0);
    trace__cn_forms(res, nm.s, 9);
    return TRACE_OK;
}
CN_URI_PARSER(p_org)

static int d_org(const char *in, size_t len, const char **reason)
{
    if (len == 10 && in[8] == '-' && all_in(in, 8, CN_ALNUM)) {
        *reason = "XXXXXXXX-X with GB 11714 check";
        return 60;
    }
    if (len != 9 || !all_in(in, 8, CN_ALNUM))
        return 0;
    *reason = "9 characters with GB 11714 check";
    return 45;
}

TRACE__SCHEME_DEFINE(org_code) = {
    {"org-code", "Organisation code", "组织机构代码", "GB 11714-1997",
     "body 8 (0-9 A-Z) + check 1 (0-9 X), often written XXXXXXXX-X", "33035219-9",
     "structure and GB 11714 check"},
    p_org_uri, d_org};

/* ---- resident-id ---- */

static const cn_seg ID18_SEGS[] = {
    {"region", "region of household registration", "常住户口所在地行政区划代码", 6, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"birth-date", "date of birth", "出生日期", 8, CN_DIGIT, TRACE_CODE_DATE},
    {"sequence", "sequence (odd male, even female)", "顺序码", 3, CN_DIGIT, TRACE_CODE_ENUM},
};
static const cn_seg ID15_SEGS[] = {
    {"region", "region of household registration", "常住户口所在地行政区划代码", 6, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"birth-date", "date of birth (YYMMDD, 19YY)", "出生日期", 6, CN_DIGIT, TRACE_CODE_DATE},
    {"sequence", "sequence (odd male, even female)", "顺序码", 3, CN_DIGIT, TRACE_CODE_ENUM},
};

/* Birth date: must exist; before 1850 or after today is implausible (warning). */
static void id_birth(trace_code_result *res, const cn_norm *nm, trace_code_field *f, int legacy)
{
    char ymd[9], iso[11];
    time_t now = time(NULL);
    struct tm tmv;
    char today[9];
    if (legacy) {
        memcpy(ymd, "19", 2);
        memcpy(ymd + 2, nm->s + 6, 6);
    } else {
        memcpy(ymd, nm->s + 6, 8);
    }
    ymd[8] = '\0';
    if (!trace__cn_date(ymd, 8, iso)) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_DATE, 6, legacy ? 6 : 8);
        trace__diag_arg(d, "segment", "birth-date");
        trace__diag_argn(d, "value", nm->s + 6, legacy ? 6 : 8);
        return;
    }
    f->typed = trace__code_text(res, iso, 10);
    gmtime_r(&now, &tmv);
    strftime(today, sizeof(today), "%Y%m%d", &tmv);
    if (memcmp(ymd, "1850", 4) < 0 || memcmp(ymd, today, 8) > 0) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_IMPLAUSIBLE, 6, legacy ? 6 : 8);
        trace__diag_arg(d, "segment", "birth-date");
        trace__diag_arg(d, "value", iso);
        trace__diag_arg(d, "reason", memcmp(ymd, "1850", 4) < 0 ? "before 1850" : "in the future");
    }
}

static int p_resident(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                      trace_code_result *res)
{
    cn_norm nm;
    int legacy;
    trace__cn_norm(&nm, in, len, NULL, 1);
    legacy = nm.n == 15;
    if ((nm.n != 18 && !legacy) || nm.overflow)
        return trace__cn_bad_length(res, &nm, "18 (or 15 before 1999)"), TRACE_OK;
    /* run both checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 0, legacy ? ID15_SEGS : ID18_SEGS, 3, 0);
    good &= (legacy || trace__cn_chars(res, &nm, 17, 1, CN_DIGIT_X, "check"));
    if (!good)
        return TRACE_OK;
    trace__cn_region_check(ctx, res, &nm, &res->fields[0], 0, flags);
    id_birth(res, &nm, &res->fields[1], legacy);
    res->fields[2].typed = (nm.s[legacy ? 14 : 16] - '0') % 2 ? "male" : "female";
    if (legacy) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_LEGACY, 0, 15);
        trace__diag_arg(d, "what", "15-digit number issued before 1999: no check digit");
    } else {
        trace__cn_check(res, &nm, TRACE_CHECK_MOD11_2, 0, 17, 1, 0);
    }
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_resident)

static int d_resident(const char *in, size_t len, const char **reason)
{
    if (len == 18 && all_in(in, 17, CN_DIGIT) && strchr("0123456789Xx", in[17]) && in[17] &&
        (in[6] == '1' || in[6] == '2')) {
        *reason = "18 characters with a birth date and MOD 11-2 check";
        return 80;
    }
    if (len == 15 && all_in(in, 15, CN_DIGIT)) {
        *reason = "15 digits: pre-1999 ID number with a birth date, no check";
        return 20;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(resident_id) = {
    {"resident-id", "Resident identity card number", "公民身份号码", "GB 11643-1999",
     "region 6 + birth date 8 + sequence 3 + check 1 (0-9 X); legacy: 6 + YYMMDD + 3",
     "11010519491231002X",
     "structure, MOD 11-2 check, birth date exists and is plausible, province; the legacy "
     "15-digit form has no check"},
    p_resident_uri, d_resident};

/* ---- business-reg ---- */

static const cn_seg BREG_SEGS[] = {
    {"region", "region of the registering authority", "登记机关行政区划代码", 6, CN_DIGIT,
     TRACE_CODE_NUMERIC},
    {"serial", "sequence", "顺序码", 8, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_breg(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                  trace_code_result *res)
{
    cn_norm nm;
    trace__cn_norm(&nm, in, len, NULL, 1);
    if (nm.n != 15 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "15"), TRACE_OK;
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_segs(res, &nm, 0, BREG_SEGS, 2, 0);
    good &= trace__cn_chars(res, &nm, 14, 1, CN_DIGIT, "check");
    if (!good)
        return TRACE_OK;
    trace__cn_region_check(ctx, res, &nm, &res->fields[0], 0, flags);
    /* MOD 11,10 is attested by one implementation only: a mismatch is a warning. */
    trace__cn_check(res, &nm, TRACE_CHECK_MOD11_10, 0, 14, 1, 1);
    trace__cn_forms(res, nm.s, 15);
    return TRACE_OK;
}
CN_URI_PARSER(p_breg)

static int d_breg(const char *in, size_t len, const char **reason)
{
    if (len != 15 || !all_in(in, 15, CN_DIGIT))
        return 0;
    *reason = "15 digits: legacy business registration number";
    return 30;
}

TRACE__SCHEME_DEFINE(business_reg) = {
    {"business-reg", "Business registration number (before 2015)", "工商注册号", "",
     "region 6 + sequence 8 + check 1", "110108000000016",
     "structure and province; MOD 11,10 check is unconfirmed, a mismatch is a warning"},
    p_breg_uri, d_breg};

/* ---- region ---- */

static const cn_seg REGION_SEGS[] = {
    {"province", "province", "省级", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"prefecture", "prefecture", "地级", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"county", "county", "县级", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_region(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                    trace_code_result *res)
{
    cn_norm nm;
    trace_code_field *f;
    const char *en = NULL, *zh;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.n != 6 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "6"), TRACE_OK;
    if (!trace__cn_chars(res, &nm, 0, 6, CN_DIGIT, "region"))
        return TRACE_OK;
    f = trace__cn_field(res, &nm, "region", "administrative division", "行政区划", 0, 6,
                        TRACE_CODE_ENUM);
    if (!trace__cn_region_check(ctx, res, &nm, f, 0, flags))
        return TRACE_OK;
    trace__cn_segs(res, &nm, 0, REGION_SEGS, 3, 1);
    res->fields[1].parent = res->fields[2].parent = res->fields[3].parent = 0;
    if ((zh = trace__cn_province(nm.s, &en)))
        res->fields[1].typed = trace__code_textf(res, "%s (%s)", zh, en);
    trace__cn_forms(res, nm.s, 6);
    return TRACE_OK;
}
CN_URI_PARSER(p_region)

static int d_region(const char *in, size_t len, const char **reason)
{
    if (len != 6 || !all_in(in, 6, CN_DIGIT))
        return 0;
    *reason = "6 digits with a known province";
    return 30;
}

TRACE__SCHEME_DEFINE(region) = {
    {"region", "Administrative division code", "行政区划代码", "GB/T 2260",
     "province 2 + prefecture 2 + county 2", "445122",
     "structure and province (built in); county against a loaded GB/T 2260 list (warning); "
     "no check character"},
    p_region_uri, d_region};
