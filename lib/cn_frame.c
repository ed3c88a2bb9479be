/*
 * cn_frame.c - identifier frameworks: Ecode (GB/T 31866), industrial-internet
 * identifiers of the Handle-based national system (prefix 88.), and OIDs
 * under China's arcs (1.2.156, 2.16.156). Extent: spec/utds-1-coding-cn.md.
 */
#include <string.h>

#include "cn_int.h"


/* ---- ecode ---- */

/* Per version: NSI length, longest master data code, its character class. The
 * lengths follow GB/T 31866-2015 as recollected (UNCERTAIN): an MD longer than
 * this is a warning, not an error. */
static const struct {
    char v;
    unsigned char nsi, md_max, cls;
} ECODE_V[] = {{'1', 4, 20, CN_DIGIT}, {'2', 4, 28, CN_DIGIT}, {'3', 5, 39, CN_ALNUM}};

static int p_ecode(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   trace_code_result *res)
{
    cn_norm nm;
    size_t i, nsi;
    trace_code_field *f;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 1);
    for (i = 0; i < TRACE__ARRAY_LEN(ECODE_V) && nm.n && ECODE_V[i].v != nm.s[0]; i++)
        ;
    if (nm.n == 0 || i == TRACE__ARRAY_LEN(ECODE_V)) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_BAD_SEGMENT, 0, nm.n ? 1 : 0);
        trace__diag_arg(d, "segment", "version");
        trace__diag_argn(d, "value", nm.s, nm.n ? 1 : 0);
        trace__diag_arg(d, "reason", "versions 1-3 are read as text; V0 is the GS1 code itself "
                                     "(use the gs1 scheme)");
        return TRACE_OK;
    }
    nsi = ECODE_V[i].nsi;
    if (nm.overflow || nm.n < 2 + nsi)
        return trace__cn_bad_length(res, &nm, nsi == 4 ? "at least 6" : "at least 7"), TRACE_OK;
    /* run the checks in order: each reports its own problem */
    int good = trace__cn_chars(res, &nm, 1, nsi, CN_DIGIT, "NSI");
    good &= trace__cn_chars(res, &nm, 1 + nsi, nm.n - 1 - nsi, ECODE_V[i].cls, "master data code");
    if (!good)
        return TRACE_OK;
    f = trace__cn_field(res, &nm, "version", "version", "版本", 0, 1, TRACE_CODE_NUMERIC);
    (void)f;
    trace__cn_field(res, &nm, "nsi", "numbering scheme identifier", "编码体系标识", 1, nsi,
                    TRACE_CODE_NUMERIC);
    trace__cn_field(res, &nm, "md", "master data code", "主码", 1 + nsi, nm.n - 1 - nsi,
                    TRACE_CODE_TEXT);
    if (nm.n - 1 - nsi > ECODE_V[i].md_max) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_IMPLAUSIBLE, 1 + nsi,
                                       nm.n - 1 - nsi);
        trace__diag_arg(d, "segment", "md length");
        trace__diag_argf(d, "value", "%zu", nm.n - 1 - nsi);
        trace__diag_argf(d, "reason", "longer than %u for version %c (GB/T 31866-2015 as recalled)",
                         ECODE_V[i].md_max, ECODE_V[i].v);
    }
    trace__cn_not_possible(res, &nm, 1 + nsi, 0, "NSI",
                           "the NSI allocation table is not public; no check character known");
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_ecode)

static int d_ecode(const char *in, size_t len, const char **reason)
{
    if (len < 8 || len > 45 || !strchr("123", in[0]) || !in[0] || !trace__cn_digits(in, 5))
        return 0;
    if (!memcmp(in, "10064", 5) || !memcmp(in, "10096", 5) || !memcmp(in, "20128", 5) ||
        !memcmp(in, "300121", 6)) {
        *reason = "known Ecode version and NSI prefix";
        return 70;
    }
    *reason = "version digit 1-3 and a numeric NSI";
    return 8;
}

TRACE__SCHEME_DEFINE(ecode) = {
    {"ecode", "Ecode", "物联网标识 Ecode", "GB/T 31866-2023",
     "version 1 + NSI (4 digits for V1/V2, 5 for V3) + master data code", "10064123456789012",
     "version and NSI structure; MD length limits (recollected) are warnings; NSI table and "
     "URI form not public; V0 is the GS1 code itself"},
    p_ecode_uri, d_ecode};

/* ---- handle ---- */

static int p_handle(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                    trace_code_result *res)
{
    cn_norm nm;
    size_t slash, i, segs = 1, seg_start = 0;
    (void)ctx, (void)flags;
    trace__cn_norm(&nm, in, len, NULL, 0);
    for (slash = 0; slash < nm.n && nm.s[slash] != '/'; slash++)
        ;
    if (nm.overflow || slash == nm.n || slash + 1 == nm.n || nm.n < 3 || memcmp(nm.s, "88.", 3)) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, 0, nm.n);
        trace__diag_arg(d, "what", "industrial-internet identifier");
        trace__diag_arg(d, "form", "88.<node>.<enterprise>/<suffix>");
        return TRACE_OK;
    }
    for (i = 0; i <= slash; i++) {
        if (i == slash || nm.s[i] == '.') {
            if (i == seg_start) {
                trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, i, 0);
                trace__diag_arg(d, "segment", "prefix segment");
                return TRACE_OK;
            }
            segs += i < slash;
            seg_start = i + 1;
        } else if (!trace__cn_chars(res, &nm, i, 1, CN_MIXED, "prefix")) {
            return TRACE_OK;
        }
    }
    if (segs < 3) {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_MISSING, slash, 0);
        trace__diag_arg(d, "segment", "enterprise prefix (88.<node>.<enterprise>)");
        return TRACE_OK;
    }
    for (i = slash + 1; i < nm.n; i++)
        if ((unsigned char)nm.s[i] < 0x20 || nm.s[i] == 0x7f)
            return trace__cn_chars(res, &nm, i, 1, CN_MIXED, "suffix"), TRACE_OK;
    trace__cn_field(res, &nm, "prefix", "identifier prefix", "标识前缀", 0, slash,
                    TRACE_CODE_TEXT);
    trace__cn_field(res, &nm, "suffix", "identifier suffix (opaque)", "标识后缀", slash + 1,
                    nm.n - slash - 1, TRACE_CODE_TEXT);
    trace__cn_forms(res, nm.s, nm.n);
    return TRACE_OK;
}
CN_URI_PARSER(p_handle)

static int d_handle(const char *in, size_t len, const char **reason)
{
    if (len < 8 || memcmp(in, "88.", 3) || !memchr(in, '/', len))
        return 0;
    *reason = "88. prefix and a suffix";
    return 90;
}

TRACE__SCHEME_DEFINE(handle) = {
    {"handle", "Industrial-internet identifier", "工业互联网标识", "YD/T 4495-2023",
     "88.<node>.<enterprise>[.<more>]/<suffix>", "88.100.1/GYXX.2024.0001",
     "prefix structure (88 and at least node and enterprise segments); the suffix is opaque"},
    p_handle_uri, d_handle};

/* ---- oid ---- */

static int p_oid(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                 trace_code_result *res)
{
    cn_norm nm;
    size_t i, start = 0, arc = 0, at = 0;
    trace_code_field *f;
    (void)ctx, (void)flags;
    if (len > 8 && trace__strncaseeq(in, "urn:oid:", 8))
        at = 8;
    trace__cn_norm(&nm, in, len, NULL, 0);
    if (nm.overflow)
        return trace__cn_bad_length(res, &nm, "at most 160"), TRACE_OK;
    for (i = at; i <= nm.n; i++) {
        if (i < nm.n && nm.s[i] != '.') {
            if (!trace__cn_chars(res, &nm, i, 1, CN_DIGIT, "arc"))
                return TRACE_OK;
            continue;
        }
        if (i == (arc ? start : at) || (nm.s[arc ? start : at] == '0' && i - (arc ? start : at) > 1)) {
            trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_CN_BAD_FORM, arc ? start : at, 0);
            trace__diag_arg(d, "what", "OID arc");
            trace__diag_arg(d, "form", "a decimal number without leading zeros");
            return TRACE_OK;
        }
        arc++;
        start = i + 1;
    }
    f = trace__cn_field(res, &nm, "oid", "object identifier", "对象标识符", at, nm.n - at,
                        TRACE_CODE_ENUM);
    if (nm.n - at >= 7 && !memcmp(nm.s + at, "1.2.156", 7) && (nm.n - at == 7 || nm.s[at + 7] == '.')) {
        if (f)
            f->typed = "China, ISO member body arc (1.2.156)";
    } else if (nm.n - at >= 8 && !memcmp(nm.s + at, "2.16.156", 8) &&
               (nm.n - at == 8 || nm.s[at + 8] == '.')) {
        if (f)
            f->typed = "China, joint ISO/ITU-T country arc (2.16.156)";
    } else {
        trace_diag *d = trace__cn_diag(res, &nm, TRACE__D_BAD_SEGMENT, at, nm.n - at);
        trace__diag_arg(d, "segment", "oid");
        trace__diag_argn(d, "value", nm.s + at, nm.n - at);
        trace__diag_arg(d, "reason", "not under 1.2.156 or 2.16.156");
        return TRACE_OK;
    }
    trace__cn_forms(res, nm.s + at, nm.n - at);
    return TRACE_OK;
}
CN_URI_PARSER(p_oid)

static int d_oid(const char *in, size_t len, const char **reason)
{
    if (len > 8 && trace__strncaseeq(in, "urn:oid:", 8))
        in += 8, len -= 8;
    if ((len >= 7 && !memcmp(in, "1.2.156", 7)) || (len >= 8 && !memcmp(in, "2.16.156", 8))) {
        *reason = "dotted decimal under a China arc";
        return 85;
    }
    return 0;
}

TRACE__SCHEME_DEFINE(oid) = {
    {"oid", "Object identifier (China arcs)", "对象标识符（中国分支）", "ISO/IEC 9834; GB/T 17969",
     "dotted decimal under 1.2.156 or 2.16.156", "2.16.156.10011.1",
     "dotted-decimal syntax and the China arc; registrations are not checked"},
    p_oid_uri, d_oid};
