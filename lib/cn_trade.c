/*
 * cn_trade.c - equipment, dangerous goods and trade: special-equipment code,
 * industrial detonator code (GA 441), CAS registry number, UN number, HS
 * code (China, 10 digits) and customs declaration number.
 * Extent: spec/utds-1-coding-cn.md.
 */
#include <string.h>

#include "cn_int.h"



/* ---- special-equipment ---- */

static const cn_seg SE_SEGS[] = {
    {"equipment", "equipment type code", "设备基本代码", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"authority", "licensing authority", "发证机关代号", 2, CN_DIGIT, TRACE_CODE_ENUM},
    {"manufacturer", "manufacturer number", "制造单位编号", 3, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"year", "year of manufacture", "制造年份", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"sequence", "manufacturing sequence", "制造顺序号", 5, CN_ALNUM, TRACE_CODE_TEXT},
};
static const cn_seg SE20_SEGS[] = {
    {"equipment", "equipment class code", "设备分类码", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"region", "region", "行政区划代码", 6, CN_DIGIT, TRACE_CODE_ENUM},
    {"registered", "month of registration", "注册年月", 6, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"sequence", "sequence", "顺序码", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_se(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    cn_norm nm;
    const char *zh, *en = NULL;
    trace__cn_norm(&nm, in, len, NULL, 1);
    if (nm.n == 20 && !nm.overflow) { /* older local registration code */
        trace_diag *d;
        if (!trace__cn_segs(res, &nm, 0, SE20_SEGS, 4, 1))
            return TRACE_OK;
        trace__cn_region_check(ctx, res, &nm, &res->fields[1], 4, flags);
        d = trace__cn_diag(res, &nm, TRACE__D_CN_LEGACY, 0, 20);
        trace__diag_arg(d, "what", "20-digit registration code (older local rule), no check");
        trace__cn_forms(res, nm.s, 20);
        return TRACE_OK;
    }
    if (nm.n != 18 || nm.overflow)
        return trace__cn_bad_length(res, &nm, "18 (or a 20-digit registration code)"), TRACE_OK;
    if (!trace__cn_segs(res, &nm, 0, SE_SEGS, 5, 1))
        return TRACE_OK;
    /* Past 99999 a letter replaces the leading digit of the sequence only. */
    if (!trace__cn_digits(nm.s + 14, 4))
        return trace__cn_chars(res, &nm, 14, 4, CN_DIGIT, "sequence"), TRACE_OK;
    if (!memcmp(nm.s + 4, "10", 2))
        res->fields[1].typed = "国家质检总局 (national authority)";
    else if ((zh = trace__cn_province(nm.s + 4, &en)))
        res->fields[1].typed = trace__code_textf(res, "%s (%s)", zh, en);
    else
        trace__cn_bad_segment(res, &nm, 4, 2, "authority", "expected 10 or a province code");
    trace__cn_forms(res, nm.s, 18);
    return TRACE_OK;
}
CN_URI_PARSER(p_se)

static int d_se(const char *in, size_t len, const char **reason)
{
    if (len == 20 && trace__cn_digits(in, 20)) {
        *reason = "20 digits: older special-equipment registration code";
        return 20;
    }
    if (len != 18 || !trace__cn_digits(in, 13) || !trace__cn_in_class((unsigned char)in[13], CN_ALNUM) ||
        !trace__cn_digits(in + 14, 4))
        return 0;
    *reason = "18 characters: equipment, maker, year, sequence";
    return 25;
}

TRACE__SCHEME_DEFINE(special_equipment) = {
    {"special-equipment", "Special equipment code", "特种设备代码", "TSG 08-2017 (annex)",
     "equipment 4 + authority 2 + manufacturer 3 + year 4 + sequence 5; legacy 20-digit "
     "registration code 4 + 6 + 6 + 4",
     "215010890201500098", "structure and authority code; no check character exists"},
    p_se_uri, d_se};

/* ---- detonator ---- */

static const cn_seg DET_SEGS[] = {
    {"maker", "manufacturer code", "生产企业代号", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"year", "year (last digit)", "生产年份", 1, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"month", "month", "生产月份", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"day", "day", "生产日", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"feature", "feature character", "特征号", 1, CN_MIXED, TRACE_CODE_TEXT},
    {"serial", "serial", "流水号", 5, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_det(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    cn_norm nm;
    int m, d;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (!trace__cn_segs(res, &nm, 0, DET_SEGS, 6, 1))
        return TRACE_OK;
    if (!memcmp(nm.s, "00", 2))
        trace__cn_bad_segment(res, &nm, 0, 2, "maker", "expected 01-99");
    m = (nm.s[3] - '0') * 10 + (nm.s[4] - '0');
    d = (nm.s[5] - '0') * 10 + (nm.s[6] - '0');
    if (m < 1 || m > 12)
        trace__cn_bad_segment(res, &nm, 3, 2, "month", "expected 01-12");
    else if (d < 1 || d > mdays[m - 1])
        trace__cn_bad_segment(res, &nm, 5, 2, "day", "not a day of that month");
    if (strchr("cosuvwxz", nm.s[7]))
        trace__cn_bad_segment(res, &nm, 7, 1, "feature", "c o s u v w x z are not used");
    trace__cn_forms(res, nm.s, 13);
    return TRACE_OK;
}
CN_URI_PARSER(p_det)

static int d_det(const char *in, size_t len, const char **reason)
{
    if (len != 13 || !trace__cn_digits(in, 7) || !trace__cn_digits(in + 8, 5) ||
        !trace__cn_in_class((unsigned char)in[7], CN_MIXED))
        return 0;
    *reason = "13 characters: maker, date, feature, serial";
    return trace__cn_digits(in + 7, 1) ? 15 : 60;
}

TRACE__SCHEME_DEFINE(detonator) = {
    {"detonator", "Industrial detonator code", "工业雷管编码", "GA 441-2003",
     "maker 2 + year 1 + month 2 + day 2 + feature 1 + serial 5", "5360918A00123",
     "structure, month and day, feature character set; no check character exists"},
    p_det_uri, d_det};

/* ---- cas ---- */

static int p_cas(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    cn_norm nm;
    const char *h1, *h2;
    size_t a;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    h1 = memchr(nm.s, '-', nm.n);
    h2 = h1 ? memchr(h1 + 1, '-', (size_t)(nm.s + nm.n - h1 - 1)) : NULL;
    if (nm.overflow || !h1 || !h2 || (a = (size_t)(h1 - nm.s)) < 2 || a > 7 ||
        h2 != h1 + 3 || (size_t)(h2 - nm.s) + 2 != nm.n) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", "CAS registry number");
        trace__diag_arg(d, "form", "NN[NNNNN]-NN-N");
        return TRACE_OK;
    }
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_chars(res, &nm, 0, a, CN_DIGIT, "CAS number");
    good &= trace__cn_chars(res, &nm, a + 1, 2, CN_DIGIT, "CAS number");
    good &= trace__cn_chars(res, &nm, a + 4, 1, CN_DIGIT, "check");
    if (!good)
        return TRACE_OK;
    trace__cn_field(res, &nm, "first", "first part", "第一段", 0, a, TRACE_CODE_NUMERIC);
    trace__cn_field(res, &nm, "second", "second part", "第二段", a + 1, 2, TRACE_CODE_NUMERIC);
    {
        /* The check runs over the digits without hyphens. */
        cn_norm dg;
        char exp[4];
        trace_code_field *f;
        trace__cn_norm(&dg, nm.s, nm.n, "-", 0);
        trace_check_compute(TRACE_CHECK_CAS, dg.s, dg.n - 1, exp, sizeof(exp));
        f = trace__cn_field(res, &nm, "check", "check digit", "校验码", nm.n - 1, 1,
                            TRACE_CODE_CHECK);
        if (f)
            f->typed = exp[0] == nm.s[nm.n - 1] ? "ok" : "bad";
        if (exp[0] != nm.s[nm.n - 1]) {
            trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_BAD_CHECK, nm.n - 1, 1);
            trace__diag_argn(d, "got", nm.s + nm.n - 1, 1);
            trace__diag_arg(d, "expected", exp);
        }
    }
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_cas)

static int d_cas(const char *in, size_t len, const char **reason)
{
    if (len < 7 || len > 12 || in[len - 2] != '-' || in[len - 5] != '-')
        return 0;
    *reason = "NN-NN-N with CAS check digit";
    return 90;
}

TRACE__SCHEME_DEFINE(cas) = {
    {"cas", "CAS registry number", "CAS 登记号", "CAS", "2-7 digits - 2 digits - check digit",
     "7732-18-5", "form and check digit"},
    p_cas_uri, d_cas};

/* ---- un ---- */

static int p_un(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    cn_norm nm;
    char canon[7] = "UN";
    size_t at;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, " ", 1);
    at = nm.n >= 2 && !memcmp(nm.s, "UN", 2) ? 2 : 0;
    if (nm.overflow || nm.n != at + 4)
        return trace__cn_bad_length(res, &nm, "4 digits, optionally after UN"), TRACE_OK;
    if (!trace__cn_chars(res, &nm, at, 4, CN_DIGIT, "UN number"))
        return TRACE_OK;
    trace__cn_field(res, &nm, "number", "UN number", "联合国编号", at, 4, TRACE_CODE_NUMERIC);
    if (!memcmp(nm.s + at, "0000", 4))
        return trace__cn_bad_segment(res, &nm, at, 4, "number", "UN numbers start at 0001"), TRACE_OK;
    memcpy(canon + 2, nm.s + at, 4);
    trace__cn_forms(res, canon, 6);
    return TRACE_OK;
}
CN_URI_PARSER(p_un)

static int d_un(const char *in, size_t len, const char **reason)
{
    if (len == 6 && trace__strncaseeq(in, "UN", 2) && trace__cn_digits(in + 2, 4)) {
        *reason = "UN and 4 digits";
        return 90;
    }
    if (len == 4 && trace__cn_digits(in, 4)) {
        *reason = "4 digits";
        return 15;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(un) = {
    {"un", "UN number", "联合国危险货物编号", "UN Model Regulations; GB 12268-2012",
     "UN + 4 digits", "UN1203", "form only: no check digit, the list of numbers is not built in"},
    p_un_uri, d_un};

/* ---- hs ---- */

static const cn_seg HS_SEGS[] = {
    {"chapter", "chapter", "章", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"heading", "heading", "品目", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"subheading", "subheading", "子目", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"tariff", "national tariff line", "本国子目", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"supplementary", "supplementary code", "附加码", 2, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_hs(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    cn_norm nm;
    int ch;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, ". ", 0);
    if (nm.overflow || (nm.n != 10 && nm.n != 8 && nm.n != 6))
        return trace__cn_bad_length(res, &nm, "10 (or 8 or 6)"), TRACE_OK;
    if (!trace__cn_segs(res, &nm, 0, HS_SEGS, nm.n / 2, 1))
        return TRACE_OK;
    ch = (nm.s[0] - '0') * 10 + (nm.s[1] - '0');
    if (ch < 1 || ch > 97 || ch == 77)
        trace__cn_bad_segment(res, &nm, 0, 2, "chapter", "chapters are 01-97 (77 is reserved)");
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_hs)

static int d_hs(const char *in, size_t len, const char **reason)
{
    if (len == 10 && trace__cn_digits(in, 10)) {
        *reason = "10 digits: China's HS code";
        return 20;
    }
    if ((len == 13 || len == 12) && in[4] == '.' && trace__cn_digits(in, 4)) {
        *reason = "HS code written with dots";
        return 60;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(hs) = {
    {"hs", "HS code (China)", "海关商品编码", "HS Convention; China customs tariff",
     "chapter 2 + heading 2 + subheading 2 + tariff line 2 + supplementary 2",
     "0902209000", "structure and chapter range; the tariff list is not built in"},
    p_hs_uri, d_hs};

/* ---- customs-decl ---- */

static const cn_seg CD_SEGS[] = {
    {"customs", "customs office", "接受申报海关", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"year", "year", "年份", 4, CN_DIGIT, TRACE_CODE_NUMERIC},
    {"direction", "import or export", "进出口标志", 1, CN_DIGIT, TRACE_CODE_ENUM},
    {"sequence", "sequence", "顺序号", 9, CN_DIGIT, TRACE_CODE_NUMERIC},
};

static int p_cd(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                trace_code_result *res)
{
    cn_norm nm;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (!trace__cn_segs(res, &nm, 0, CD_SEGS, 4, 1))
        return TRACE_OK;
    if (nm.s[8] == '1')
        res->fields[2].typed = "import";
    else if (nm.s[8] == '0')
        res->fields[2].typed = "export";
    else
        trace__cn_bad_segment(res, &nm, 8, 1, "direction", "expected 1 (import) or 0 (export)");
    if (memcmp(nm.s + 4, "1980", 4) < 0 || memcmp(nm.s + 4, "2099", 4) > 0) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_IMPLAUSIBLE, 4, 4);
        trace__diag_arg(d, "segment", "year");
        trace__diag_argn(d, "value", nm.s + 4, 4);
        trace__diag_arg(d, "reason", "outside 1980-2099");
    }
    trace__cn_forms(res, nm.s, 18);
    return TRACE_OK;
}
CN_URI_PARSER(p_cd)

static int d_cd(const char *in, size_t len, const char **reason)
{
    if (len != 18 || !trace__cn_digits(in, 18) || (in[4] != '1' && in[4] != '2'))
        return 0;
    *reason = "18 digits: customs office, year, direction, sequence";
    return 30;
}

TRACE__SCHEME_DEFINE(customs_decl) = {
    {"customs-decl", "Customs declaration number", "报关单号（海关编号）", "",
     "customs office 4 + year 4 + direction 1 + sequence 9", "424020091000012345",
     "structure and direction, implausible years are warnings; no check digit exists"},
    p_cd_uri, d_cd};
