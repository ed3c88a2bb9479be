/*
 * gs1_epc_other.c - EPC pure-identity URNs that carry no GS1 key (UTDS Part 1,
 * GS1: R-1.G.9), EPC Tag Data Standard section 6.3:
 *   urn:epc:id:gid:<general manager number>.<object class>.<serial>
 *   urn:epc:id:usdod:<CAGE code or DoDAAC>.<serial>
 *   urn:epc:id:bic:<ISO 6346 container code>
 *   urn:epc:id:imovn:<IMO vessel number>
 * They are parsed into typed fields and checked (syntax, the TDS numeric
 * limits of their binary encodings, check digits), and they stay URNs: there
 * is no element string, Digital Link, HRI or scan data for them, which every
 * parse states with an info diagnostic so a failed conversion is explained.
 * Nothing here allocates.
 */
#include <stdio.h>
#include <string.h>

#include "gs1_int.h"

/* How a URN field is read. */
enum other_kind {
    OK_NUMBER, /* TDS NumericComponent: "0" or digits without a leading zero */
    OK_CAGE,   /* CAGE code or DoDAAC: 5-6 of 0-9 A-Z except I and O */
    OK_BIC,    /* ISO 6346: owner (3 letters), category (U J Z), 6 digits, check */
    OK_IMO     /* 7 digits, the last a check digit */
};

typedef struct other_field {
    const char *name;  /* field name in the result */
    const char *label; /* English wording in diagnostics */
    const char *en, *zh;
    enum other_kind kind;
    uint64_t max; /* OK_NUMBER: largest value the TDS binary encoding holds */
} other_field;

typedef struct other_scheme {
    const char *name;
    int nfields;
    other_field f[3];
} other_scheme;

/* Limits: GID-96 (28, 24, 36 bits) and USDOD-96 (36-bit serial), as the Tag
 * Data Translation tables state them. */
static const other_scheme OTHER[] = {
    {"gid",
     3,
     {{"manager", "general manager number", "General Manager Number", "总管理者代码",
       OK_NUMBER, 268435455u},
      {"class", "object class", "Object Class", "对象分类", OK_NUMBER, 16777215u},
      {"serial", "serial number", "Serial Number", "序列号", OK_NUMBER, 68719476735u}}},
    {"usdod",
     2,
     {{"cage", "CAGE code or DoDAAC", "CAGE Code or DoDAAC", "CAGE 代码或 DoDAAC",
       OK_CAGE, 0},
      {"serial", "serial number", "Serial Number", "序列号", OK_NUMBER, 68719476735u}}},
    {"bic",
     1,
     {{"container", "BIC container code", "BIC Container Code", "BIC 集装箱代码", OK_BIC,
       0}}},
    {"imovn",
     1,
     {{"imo", "IMO vessel number", "IMO Vessel Number", "IMO 船舶识别号", OK_IMO, 0}}},
};

static void syn(trace_code_result *res, size_t off, size_t len, const char *label,
                const char *rule)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_EPC_SYNTAX, off, len);
    trace__diag_argf(d, "what", "%s %s", label, rule);
}

static int digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

static trace_code_field *add(trace_code_result *res, const char *in, const char *name,
                             const char *en, const char *zh, size_t off, size_t n,
                             trace_code_kind kind)
{
    return trace__code_field(res, in, name, en, zh, off, n, kind);
}

static void number(const char *in, size_t a, size_t b, const other_field *f,
                   trace_code_result *res)
{
    uint64_t v = 0;
    size_t i;
    if (!digits(in + a, b - a) || (b - a > 1 && in[a] == '0')) {
        syn(res, a, b - a, f->label, "must be decimal digits without leading zeros");
        return;
    }
    for (i = a; i < b && i - a < 12; i++)
        v = v * 10 + (uint64_t)(in[i] - '0');
    if (b - a > 12 || v > f->max) {
        trace_diag *d = trace__code_diag(res, TRACE__D_EPC_RANGE, a, b - a);
        trace__diag_arg(d, "field", f->label);
        trace__diag_argn(d, "value", in + a, b - a < 24 ? b - a : 24);
        trace__diag_argf(d, "max", "%llu", (unsigned long long)f->max);
        return;
    }
    add(res, in, f->name, f->en, f->zh, a, b - a, TRACE_CODE_NUMERIC);
}

static void cage(const char *in, size_t a, size_t b, const other_field *f,
                 trace_code_result *res)
{
    size_t i;
    int ok = b - a == 5 || b - a == 6;
    for (i = a; ok && i < b; i++)
        ok = ((in[i] >= '0' && in[i] <= '9') || (in[i] >= 'A' && in[i] <= 'Z')) &&
             in[i] != 'I' && in[i] != 'O';
    if (!ok) {
        syn(res, a, b - a, f->label,
            "must be 5 or 6 characters from 0-9 and A-Z without I and O");
        return;
    }
    add(res, in, f->name, f->en, f->zh, a, b - a, TRACE_CODE_TEXT);
}

static void check_err(trace_code_result *res, const char *scheme, const char *in,
                      size_t a, size_t n, int want)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_EPC_CHECK, a + n - 1, 1);
    trace__diag_arg(d, "scheme", scheme);
    trace__diag_argn(d, "value", in + a, n);
    trace__diag_argf(d, "expected", "%d", want);
}

/* ISO 6346 letter values: A = 10 upwards, skipping the multiples of 11. */
static int iso6346_value(char c)
{
    int v;
    if (c >= '0' && c <= '9')
        return c - '0';
    v = 10 + (c - 'A');
    return v + (v - 1) / 10; /* 11, 22, 33 are skipped: one step per ten values */
}

static void bic(const char *in, size_t a, size_t b, const other_field *f,
                trace_code_result *res)
{
    static const char *const cat[][2] = {
        {"freight container", "货运集装箱"},
        {"detachable freight container equipment", "可拆卸的集装箱相关设备"},
        {"trailer or chassis", "挂车或底盘车"}};
    const char *s = in + a;
    int i, sum = 0, want, ci;
    trace_code_field *fc;
    if (b - a != 11 || s[0] < 'A' || s[0] > 'Z' || s[1] < 'A' || s[1] > 'Z' ||
        s[2] < 'A' || s[2] > 'Z' || !strchr("UJZ", s[3]) || !s[3] || !digits(s + 4, 7)) {
        syn(res, a, b - a, f->label, "must be 3 letters, U, J or Z, then 7 digits");
        return;
    }
    for (i = 0; i < 10; i++)
        sum += iso6346_value(s[i]) << i;
    want = sum % 11 % 10;
    if (s[10] - '0' != want) {
        check_err(res, "bic", in, a, 11, want);
        return;
    }
    ci = s[3] == 'U' ? 0 : s[3] == 'J' ? 1 : 2;
    if (!add(res, in, "owner", "Owner Code", "箱主代码", a, 3, TRACE_CODE_TEXT))
        return;
    fc = add(res, in, "category", "Equipment Category", "设备类别", a + 3, 1,
             TRACE_CODE_ENUM);
    if (fc)
        fc->typed = trace__code_textf(res, "%s (%s)", cat[ci][0], cat[ci][1]);
    add(res, in, "serial", "Serial Number", "序列号", a + 4, 6, TRACE_CODE_NUMERIC);
    fc = add(res, in, "check", "Check Digit", "校验位", a + 10, 1, TRACE_CODE_CHECK);
    if (fc)
        fc->typed = "ok";
}

static void imo(const char *in, size_t a, size_t b, const other_field *f,
                trace_code_result *res)
{
    const char *s = in + a;
    int i, sum = 0, want;
    trace_code_field *fc;
    if (b - a != 7 || !digits(s, 7)) {
        syn(res, a, b - a, f->label, "must be 7 digits");
        return;
    }
    for (i = 0; i < 6; i++)
        sum += (s[i] - '0') * (7 - i);
    want = sum % 10;
    if (s[6] - '0' != want) {
        check_err(res, "imovn", in, a, 7, want);
        return;
    }
    add(res, in, "number", "IMO Number", "IMO 编号", a, 6, TRACE_CODE_NUMERIC);
    fc = add(res, in, "check", "Check Digit", "校验位", a + 6, 1, TRACE_CODE_CHECK);
    if (fc)
        fc->typed = "ok";
}

static void one_field(const char *in, size_t a, size_t b, const other_field *f,
                      trace_code_result *res)
{
    switch (f->kind) {
    case OK_NUMBER: number(in, a, b, f, res); break;
    case OK_CAGE: cage(in, a, b, f, res); break;
    case OK_BIC: bic(in, a, b, f, res); break;
    case OK_IMO: imo(in, a, b, f, res); break;
    }
}

static const other_scheme *find_scheme(const char *in, size_t len)
{
    size_t i;
    if (len <= 11 || memcmp(in, "urn:epc:id:", 11) != 0)
        return NULL;
    for (i = 0; i < TRACE__ARRAY_LEN(OTHER); i++) {
        size_t n = strlen(OTHER[i].name);
        if (len > 11 + n && !memcmp(in + 11, OTHER[i].name, n) && in[11 + n] == ':')
            return &OTHER[i];
    }
    return NULL;
}

int gs1__parse_epc_other(const char *in, size_t len, trace_code_result *res)
{
    const other_scheme *s = find_scheme(in, len);
    size_t p, a, n0 = res->ndiags;
    int k;
    trace_diag *d;
    if (!s)
        return 0;
    p = 11 + strlen(s->name) + 1;
    for (k = 0, a = p; k < s->nfields; k++) {
        size_t b = a;
        while (b < len && in[b] != '.')
            b++;
        if ((b < len) != (k + 1 < s->nfields)) {
            trace_diag *e = trace__code_diag(res, TRACE__D_EPC_SYNTAX, p, len - p);
            trace__diag_arg(e, "what", "wrong number of fields");
            break;
        }
        one_field(in, a, b, &s->f[k], res);
        a = b + 1;
    }
    /* No element string and no Digital Link (uri stays NULL): the info says
     * why. The URN, written canonically, is the code's canonical form. */
    d = trace__code_diag(res, TRACE__D_EPC_NOT_GS1_KEY, 11, strlen(s->name));
    trace__diag_arg(d, "scheme", s->name);
    if (res->ndiags == n0 + 1)
        res->canonical = trace__code_text(res, in, len);
    return 1;
}

/* The scheme of a result parsed here, from its first field (GS1 element
 * fields are named by digits, so the names cannot collide), or NULL. */
static const other_scheme *result_scheme(const trace_code_result *res)
{
    static const char *const first[] = {"manager", "cage", "owner", "number"};
    size_t i;
    if (!res->scheme || strcmp(res->scheme, "epc") != 0 || res->nfields == 0 ||
        !res->fields[0].name)
        return NULL;
    for (i = 0; i < TRACE__ARRAY_LEN(first); i++)
        if (!strcmp(res->fields[0].name, first[i]))
            return &OTHER[i];
    return NULL;
}

int gs1__format_epc_other(const trace_code_result *res, int form, char *out, size_t size)
{
    const other_scheme *s = result_scheme(res);
    size_t i, n;
    int dots;
    if (!s)
        return 1;
    if (form != (int)TRACE_GS1_EPC || !res->valid)
        return TRACE_EDATA; /* no GS1 element string, Digital Link, HRI or scan data */
    dots = s->f[0].kind == OK_NUMBER || s->f[0].kind == OK_CAGE; /* gid, usdod */
    n = (size_t)snprintf(out, size, "urn:epc:id:%s:", s->name);
    for (i = 0; i < res->nfields && n < size; i++)
        n += (size_t)snprintf(out + n, size - n, "%s%s", dots && i ? "." : "",
                              res->fields[i].value);
    if (n >= size) {
        out[0] = '\0';
        return TRACE_EBUFS;
    }
    return TRACE_OK;
}
