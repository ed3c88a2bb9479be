/*
 * cn_approval.c - approval and registration numbers: drug approval numbers
 * (国药准字 and the import/HK-MO-TW licence forms) and pesticide registration
 * numbers. Neither has a check character. Extent: spec/utds-1-coding-cn.md.
 */
#include <string.h>

#include "cn_int.h"

static const char GYZZ[] = "国药准字"; /* 12 bytes of UTF-8 */
static const char GYZZ2[] = "国药证字";
#define PFX (sizeof(GYZZ) - 1)


static const char *drug_category(char c)
{
    switch (c) {
    case 'H':
        return "化学药品 (chemical drug)";
    case 'Z':
        return "中药 (traditional Chinese medicine)";
    case 'S':
        return "生物制品 (biological product)";
    case 'B':
        return "保健药品 (health drug, before 2002)";
    case 'T':
        return "体外化学诊断试剂 (in-vitro chemical diagnostic)";
    case 'F':
        return "药用辅料 (pharmaceutical excipient)";
    case 'J':
        return "进口分包装 (imported, repackaged)";
    default:
        return NULL;
    }
}

static void bad_form(trace_code_result *res, const cn_norm *nm)
{
    trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_FORM, 0, nm->n);
    trace__diag_arg(d, "what", "drug approval number");
    trace__diag_arg(d, "form", "国药准字X########, 国药证字X########, XC######## or X########");
}

/* Source (digits 1-2 of the 2002 scheme): 10, 19, 20 or a province code. */
static void approval_source(trace_code_result *res, const cn_norm *nm, size_t at)
{
    trace_code_field *f = trace__cn_field(res, nm, "source", "source", "来源代码", at, 2,
                                          TRACE_CODE_ENUM);
    const char *en = NULL, *zh;
    if (!memcmp(nm->s + at, "10", 2)) {
        if (f)
            f->typed = "原卫生部 (former Ministry of Health)";
    } else if (!memcmp(nm->s + at, "19", 2) || !memcmp(nm->s + at, "20", 2)) {
        if (f)
            f->typed = "国家药品监督管理部门 (national drug administration)";
    } else if ((zh = trace__cn_province(nm->s + at, &en))) {
        if (f)
            f->typed = trace__code_textf(res, "%s (%s)", zh, en);
    } else {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_BAD_SEGMENT, at, 2);
        trace__diag_arg(d, "segment", "source");
        trace__diag_argn(d, "value", nm->s + at, 2);
        trace__diag_arg(d, "reason", "expected 10, 19, 20 or a province code");
    }
    trace__cn_field(res, nm, "year", "year", "年号", at + 2, 2, TRACE_CODE_NUMERIC);
    trace__cn_field(res, nm, "sequence", "sequence", "顺序号", at + 4, 4, TRACE_CODE_NUMERIC);
}

static int p_approval(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                      trace_code_result *res)
{
    cn_norm nm;
    trace_code_field *f;
    const char *cat;
    size_t at = 0;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, " ", 0);
    if (nm.overflow || nm.n < 9)
        return bad_form(res, &nm), TRACE_OK;
    if (nm.n >= PFX && (!memcmp(nm.s, GYZZ, PFX) || !memcmp(nm.s, GYZZ2, PFX))) {
        f = trace__cn_field(res, &nm, "prefix", "kind", "文号类别", 0, PFX, TRACE_CODE_ENUM);
        if (f)
            f->typed = !memcmp(nm.s, GYZZ, PFX)
                           ? "drug approval number (国药准字)"
                           : "new drug certificate (国药证字)";
        at = PFX;
    }
    cat = drug_category(nm.s[at]);
    /* XC######## (HK, Macao, Taiwan licence) and, after 国药准字, the 2020 C/J forms. */
    if (!cat || (at == 0 && !strchr("HZS", nm.s[at])) ||
        (nm.n != at + 9 && !(nm.n == at + 10 && (nm.s[at + 1] == 'C' || nm.s[at + 1] == 'J'))))
        return bad_form(res, &nm), TRACE_OK;
    if (!trace__cn_digits(nm.s + nm.n - 8, 8))
        return bad_form(res, &nm), TRACE_OK;
    f = trace__cn_field(res, &nm, "category", "category", "类别", at, 1, TRACE_CODE_ENUM);
    if (f)
        f->typed = cat;
    if (nm.n == at + 10) {
        f = trace__cn_field(res, &nm, "origin", "origin", "产地", at + 1, 1, TRACE_CODE_ENUM);
        if (f)
            f->typed = nm.s[at + 1] == 'C' ? "Hong Kong, Macao or Taiwan" : "overseas";
    }
    if (at && nm.n == at + 9)
        approval_source(res, &nm, at + 1);
    else
        trace__cn_field(res, &nm, "number", "number", "编号", nm.n - 8, 8, TRACE_CODE_NUMERIC);
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_approval)

static int d_approval(const char *in, size_t len, const char **reason)
{
    if (len >= PFX + 9 && (!memcmp(in, GYZZ, PFX) || !memcmp(in, GYZZ2, PFX))) {
        *reason = "国药准字/国药证字 prefix";
        return 95;
    }
    if ((len == 9 || len == 10) && strchr("HZS", in[0]) && in[0]) {
        *reason = "H/Z/S and 8 digits: import or HK/MO/TW drug licence";
        return 25;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(drug_approval) = {
    {"drug-approval", "Drug approval number", "药品批准文号", "药品注册管理办法",
     "国药准字 + H|Z|S|B|T|F|J + source 2 + year 2 + sequence 4; also 国药证字X########, "
     "X########, XC########",
     "国药准字H20064705",
     "written form, category letter, source code (10, 19, 20 or province); no check "
     "character exists; the 2020 C/J forms are accepted as recollected"},
    p_approval_uri, d_approval};

/* ---- pesticide-reg ---- */

static int p_pest_reg(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                      trace_code_result *res)
{
    cn_norm nm;
    trace_code_field *f;
    const char *kind;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, " ", 1);
    if (nm.overflow || nm.n < 4)
        return trace__cn_bad_length(res, &nm, "10 (PD20092927)"), TRACE_OK;
    kind = !memcmp(nm.s, "PD", 2)   ? "正式登记 (full registration)"
           : !memcmp(nm.s, "LS", 2) ? "临时登记 (temporary registration)"
           : !memcmp(nm.s, "WP", 2) ? "卫生用农药正式登记 (public-health, full)"
           : !memcmp(nm.s, "WL", 2) ? "卫生用农药临时登记 (public-health, temporary)"
                                    : NULL;
    if (!kind) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", "pesticide registration number");
        trace__diag_arg(d, "form", "PD|LS|WP|WL + year 4 + sequence 4");
        return TRACE_OK;
    }
    f = trace__cn_field(res, &nm, "kind", "registration kind", "登记类别", 0, 2, TRACE_CODE_ENUM);
    if (f)
        f->typed = kind;
    if (nm.n == 10 && trace__cn_digits(nm.s + 2, 8)) {
        trace__cn_field(res, &nm, "year", "year", "年份", 2, 4, TRACE_CODE_NUMERIC);
        trace__cn_field(res, &nm, "sequence", "sequence", "顺序号", 6, 4, TRACE_CODE_NUMERIC);
    } else if (nm.s[0] == 'P' && nm.n <= 14 && memchr(nm.s, '-', nm.n)) {
        /* Older numbers such as PD85150-14 or PDN2-88: kept as written. */
        trace_diag *d;
        size_t i;
        for (i = 2; i < nm.n; i++)
            if (nm.s[i] != '-' && !trace__cn_chars(res, &nm, i, 1, CN_ALNUM, "number"))
                return TRACE_OK;
        trace__cn_field(res, &nm, "number", "number", "编号", 2, nm.n - 2, TRACE_CODE_TEXT);
        d = trace__cn_diag(res, &nm, TRACE__D_CN_LEGACY, 0, nm.n);
        trace__diag_arg(d, "what", "registration number in a pre-2008 form");
    } else {
        return trace__cn_bad_length(res, &nm, "10 (PD20092927)"), TRACE_OK;
    }
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_pest_reg)

static int d_pest_reg(const char *in, size_t len, const char **reason)
{
    if (len < 6 || len > 14 || !strchr("PLW", in[0]) || !in[0])
        return 0;
    if (memcmp(in, "PD", 2) && memcmp(in, "LS", 2) && memcmp(in, "WP", 2) && memcmp(in, "WL", 2))
        return 0;
    *reason = "PD/LS/WP/WL prefix";
    return 80;
}

TRACE__SCHEME_DEFINE(pesticide_reg) = {
    {"pesticide-reg", "Pesticide registration number", "农药登记证号", "农药管理条例",
     "PD|LS|WP|WL + year 4 + sequence 4; older forms like PD85150-14", "PD20092927",
     "written form; older forms accepted as legacy; no check character exists"},
    p_pest_reg_uri, d_pest_reg};

/* ---- vet-drug-approval ---- */

/* Category prefixes of 兽药产品批准文号 (农业部令2015年第4号); UTF-8. */
static const struct {
    const char *prefix;
    const char *meaning;
} VET_KINDS[] = {
    {"兽药生字", "兽药生字 (biological veterinary product)"},
    {"兽药添字", "兽药添字 (veterinary feed additive)"},
    {"兽药字", "兽药字 (veterinary drug)"},
};

static int p_vet_appr(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                      trace_code_result *res)
{
    cn_norm nm;
    size_t k, at = 0, pl = 0, d0;
    trace_code_field *f;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, " ", 0);
    for (k = 0; k < TRACE__ARRAY_LEN(VET_KINDS) && !pl; k++)
        if (nm.n >= strlen(VET_KINDS[k].prefix) &&
            !memcmp(nm.s, VET_KINDS[k].prefix, strlen(VET_KINDS[k].prefix)))
            pl = strlen(VET_KINDS[k].prefix);
    if (nm.overflow || !pl) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", "veterinary drug approval number");
        trace__diag_arg(d, "form", "兽药字|兽药生字|兽药添字 [(YYYY)] digits");
        return TRACE_OK;
    }
    f = trace__cn_field(res, &nm, "kind", "kind", "兽药类别简称", 0, pl, TRACE_CODE_ENUM);
    if (f)
        f->typed = VET_KINDS[k - 1].meaning;
    at = pl;
    /* Older numbers carry the year in brackets: (2015) or full-width （2015）. */
    if (at + 6 <= nm.n && nm.s[at] == '(' && nm.s[at + 5] == ')' && trace__cn_digits(nm.s + at + 1, 4)) {
        trace__cn_field(res, &nm, "year", "year", "年号", at + 1, 4, TRACE_CODE_NUMERIC);
        at += 6;
    } else if (at + 10 <= nm.n && !memcmp(nm.s + at, "（", 3) && !memcmp(nm.s + at + 7, "）", 3) &&
               trace__cn_digits(nm.s + at + 3, 4)) {
        trace__cn_field(res, &nm, "year", "year", "年号", at + 3, 4, TRACE_CODE_NUMERIC);
        at += 10;
    }
    d0 = at;
    if (nm.n - d0 < 6 || nm.n - d0 > 12 || !trace__cn_digits(nm.s + d0, nm.n - d0)) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, d0, nm.n - d0);
        trace__diag_arg(d, "what", "number");
        trace__diag_arg(d, "form", "6-12 digits");
        return TRACE_OK;
    }
    if (nm.n - d0 == 9) {
        /* The common 9-digit split (U): province 2 + enterprise 3 + product 4. */
        const char *en = NULL, *zh = trace__cn_province(nm.s + d0, &en);
        f = trace__cn_field(res, &nm, "province", "province of the enterprise",
                            "企业所在地省份序号", d0, 2, TRACE_CODE_ENUM);
        if (f && zh)
            f->typed = trace__code_textf(res, "%s (%s)", zh, en);
        trace__cn_field(res, &nm, "enterprise", "enterprise", "企业序号", d0 + 2, 3,
                        TRACE_CODE_NUMERIC);
        trace__cn_field(res, &nm, "product", "product", "兽药品种编号", d0 + 5, 4,
                        TRACE_CODE_NUMERIC);
    } else {
        trace__cn_field(res, &nm, "number", "number", "编号", d0, nm.n - d0, TRACE_CODE_NUMERIC);
    }
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_vet_appr)

static int d_vet_appr(const char *in, size_t len, const char **reason)
{
    if (len < 10 || memcmp(in, "兽药", 6) != 0)
        return 0;
    *reason = "兽药字/兽药生字/兽药添字 prefix";
    return 95;
}

TRACE__SCHEME_DEFINE(vet_drug_approval) = {
    {"vet-drug-approval", "Veterinary drug approval number", "兽药产品批准文号",
     "兽药产品批准文号管理办法 (农业部令2015年第4号)",
     "兽药字|兽药生字|兽药添字 + [(year)] + digits; commonly 9 = province 2 + enterprise 3 + "
     "product 4",
     "兽药字110012345",
     "written form and digits; the 9-digit split is shown but its digit counts are unconfirmed; "
     "no check character exists"},
    p_vet_appr_uri, d_vet_appr};
