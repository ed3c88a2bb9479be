/*
 * cn_util.c - the segment engine shared by the Chinese schemes: normalising
 * the input, fixed-length segments with character classes, check characters,
 * dates and the canonical/URN forms (see cn_int.h). No allocation.
 */
#include <stdio.h>
#include <string.h>

#include "cn_int.h"

/* c in the (short) separator list: a plain loop, cheaper than strchr per byte. */
static int is_sep(const char *seps, char c)
{
    for (; *seps; seps++)
        if (*seps == c)
            return 1;
    return 0;
}

void trace__cn_norm(cn_norm *nm, const char *in, size_t len, const char *seps, int upper)
{
    size_t i;
    nm->n = 0;
    nm->inlen = len;
    nm->overflow = 0;
    for (i = 0; i < len; i++) {
        char c = in[i];
        if (seps && is_sep(seps, c))
            continue;
        if (nm->n == CN_NORM_MAX) {
            nm->overflow = 1;
            break;
        }
        if (upper && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        nm->s[nm->n] = c;
        nm->off[nm->n++] = (uint32_t)i;
    }
    nm->s[nm->n] = '\0';
    nm->off[nm->n] = (uint32_t)len;
}

int trace__cn_in_class(int c, int cls)
{
    switch (cls) {
    case CN_DIGIT:
        return c >= '0' && c <= '9';
    case CN_ALNUM:
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
    case CN_USCC:
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'O' &&
                                          c != 'S' && c != 'V' && c != 'Z');
    case CN_MIXED:
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    case CN_DIGIT_X:
        return (c >= '0' && c <= '9') || c == 'X';
    case CN_UPPER:
        return c >= 'A' && c <= 'Z';
    default:
        return 0;
    }
}

const char *trace__cn_class_name(int cls)
{
    switch (cls) {
    case CN_DIGIT:
        return "digits";
    case CN_ALNUM:
        return "0-9 A-Z";
    case CN_USCC:
        return "the GB 32100 character set";
    case CN_MIXED:
        return "0-9 A-Z a-z";
    case CN_DIGIT_X:
        return "0-9 X";
    case CN_UPPER:
        return "A-Z";
    default:
        return "?";
    }
}

/* Input span of normalised [i, i+n): from the first byte to the last kept one. */
static void span(const cn_norm *nm, size_t i, size_t n, size_t *off, size_t *len)
{
    size_t a, b;
    if (i > nm->n)
        i = nm->n;
    if (i + n > nm->n)
        n = nm->n - i;
    a = nm->off[i];
    b = n ? nm->off[i + n - 1] + 1 : a;
    *off = a;
    *len = b - a;
}

trace_diag *trace__cn_diag(trace_code_result *res, const cn_norm *nm, int code, size_t i, size_t n)
{
    size_t off, len;
    span(nm, i, n, &off, &len);
    return trace__code_diag(res, code, off, len);
}

trace_code_field *trace__cn_field(trace_code_result *res, const cn_norm *nm, const char *name,
                                  const char *title_en, const char *title_zh, size_t i,
                                  size_t n, trace_code_kind kind)
{
    size_t off, len;
    trace_code_field *f = trace__code_field(res, nm->s, name, title_en, title_zh, i, n, kind);
    if (!f)
        return NULL;
    span(nm, i, n, &off, &len);
    f->offset = (uint32_t)off;
    f->length = (uint32_t)len;
    return f;
}

int trace__cn_bad_length(trace_code_result *res, const cn_norm *nm, const char *expected)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_BAD_LENGTH, 0, nm->inlen);
    trace__diag_argf(d, "length", "%zu", nm->overflow ? nm->inlen : nm->n);
    trace__diag_arg(d, "expected", expected);
    return 0;
}

int trace__cn_chars(trace_code_result *res, const cn_norm *nm, size_t i, size_t n, int cls,
                    const char *segment)
{
    size_t k;
    for (k = i; k < i + n && k < nm->n; k++) {
        unsigned char c = (unsigned char)nm->s[k];
        if (!trace__cn_in_class(c, cls)) {
            trace_diag *d = trace__cn_diag(res, nm, TRACE__D_BAD_CHAR, k, 1);
            if (c >= 0x20 && c < 0x7f)
                trace__diag_argf(d, "char", "'%c'", c);
            else
                trace__diag_argf(d, "char", "0x%02X", c);
            trace__diag_argf(d, "pos", "%zu", (size_t)nm->off[k] + 1);
            trace__diag_arg(d, "segment", segment);
            return 0;
        }
    }
    return 1;
}

size_t trace__cn_segs_len(const cn_seg *segs, size_t nsegs)
{
    size_t i, t = 0;
    for (i = 0; i < nsegs; i++)
        t += segs[i].len;
    return t;
}

int trace__cn_segs(trace_code_result *res, const cn_norm *nm, size_t start, const cn_seg *segs,
                   size_t nsegs, int exact)
{
    size_t i, at = start, total = trace__cn_segs_len(segs, nsegs);
    int ok = 1;
    if (nm->overflow || (exact ? nm->n != start + total : nm->n < start + total)) {
        char exp[16];
        snprintf(exp, sizeof(exp), "%zu", start + total);
        return trace__cn_bad_length(res, nm, exp);
    }
    for (i = 0; i < nsegs; i++) {
        const cn_seg *g = &segs[i];
        if (!trace__cn_chars(res, nm, at, g->len, g->cls, g->name))
            ok = 0;
        trace__cn_field(res, nm, g->name, g->title_en, g->title_zh, at, g->len,
                        (trace_code_kind)g->kind);
        at += g->len;
    }
    return ok;
}

int trace__cn_check(trace_code_result *res, const cn_norm *nm, trace_check_alg alg, size_t from,
                    size_t pos, size_t width, int soft)
{
    char exp[4];
    trace_code_field *f;
    int ok;
    if (trace_check_compute(alg, nm->s + from, pos - from, exp, sizeof(exp)) != TRACE_OK)
        return 0; /* the payload has a bad character, already reported */
    ok = memcmp(exp, nm->s + pos, width) == 0;
    f = trace__cn_field(res, nm, "check", "check character", "校验码", pos, width,
                        TRACE_CODE_CHECK);
    if (f)
        f->typed = ok ? "ok" : "bad";
    if (!ok) {
        trace_diag *d;
        if (soft) {
            d = trace__cn_diag(res, nm, TRACE__D_CN_CHECK_UNCONFIRMED, pos, width);
            trace__diag_arg(d, "check", trace_check_name(alg));
        } else {
            d = trace__cn_diag(res, nm, TRACE__D_BAD_CHECK, pos, width);
        }
        trace__diag_argn(d, "got", nm->s + pos, width);
        trace__diag_arg(d, "expected", exp);
    }
    return ok;
}

void trace__cn_not_possible(trace_code_result *res, const cn_norm *nm, size_t i, size_t n,
                            const char *check, const char *why)
{
    trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CHECK_NOT_POSSIBLE, i, n);
    trace__diag_arg(d, "check", check);
    trace__diag_arg(d, "reason", why);
    res->checks = trace__code_textf(res, "%s: %s", check, why);
}

static int leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int trace__cn_date(const char *s, size_t n, char out[11])
{
    static const int mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 0, m, d;
    size_t i;
    if (n != 8 && n != 6)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    for (i = 0; i < n - 4; i++)
        y = y * 10 + (s[i] - '0');
    if (n == 6)
        y += 2000;
    m = (s[n - 4] - '0') * 10 + (s[n - 3] - '0');
    d = (s[n - 2] - '0') * 10 + (s[n - 1] - '0');
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap(y)))
        return 0;
    /* digits by hand: y < 10000, m and d checked above */
    out[0] = (char)('0' + y / 1000 % 10), out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10), out[3] = (char)('0' + y % 10), out[4] = '-';
    out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10), out[7] = '-';
    out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10), out[10] = '\0';
    return 1;
}

int trace__cn_date_field(trace_code_result *res, const cn_norm *nm, trace_code_field *f,
                         size_t i, size_t n, const char *segment)
{
    char iso[11];
    if (trace__cn_date(nm->s + i, n, iso)) {
        if (f)
            f->typed = trace__code_text(res, iso, 10);
        return 1;
    }
    {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_CN_BAD_DATE, i, n);
        trace__diag_arg(d, "segment", segment);
        trace__diag_argn(d, "value", nm->s + i, n);
    }
    return 0;
}

/* URN NSS: keep RFC 3986 unreserved bytes and a few sub-delims; encode the rest. */
static int urn_keep(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c && strchr("-._~()*+,;=:@!$'/", c));
}

void trace__cn_forms(trace_code_result *res, const char *s, size_t n)
{
    char buf[3 * CN_NORM_MAX + 64];
    size_t i, k;
    int w;
    res->canonical = trace__code_text(res, s, n);
    w = snprintf(buf, sizeof(buf), "urn:utds:id:%s:", res->scheme ? res->scheme : "");
    k = w > 0 ? (size_t)w : 0;
    for (i = 0; i < n && k + 4 < sizeof(buf); i++) {
        unsigned char c = (unsigned char)s[i];
        if (urn_keep(c)) {
            buf[k++] = (char)c;
        } else {
            snprintf(buf + k, 4, "%%%02X", c);
            k += 3;
        }
    }
    res->uri = trace__code_text(res, buf, k);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int trace__strncaseeq(const char *a, const char *b, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z')
            x = (char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (char)(y - 'A' + 'a');
        if (x != y)
            return 0;
    }
    return 1;
}

/* Percent-decode src[0..n) into dst (size CN_NORM_MAX + 1); 0 on bad escape or overflow. */
static size_t pct_decode(const char *src, size_t n, char *dst)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        if (k == CN_NORM_MAX)
            return 0;
        if (src[i] == '%') {
            int hi, lo;
            if (i + 2 >= n)
                return 0;
            hi = hexval(src[i + 1]);
            lo = hexval(src[i + 2]);
            if (hi < 0 || lo < 0)
                return 0;
            dst[k++] = (char)(hi * 16 + lo);
            i += 2;
        } else {
            dst[k++] = src[i];
        }
    }
    dst[k] = '\0';
    return k;
}

int trace__cn_parse_uri(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                        trace_code_result *res, trace__cn_parse_fn inner)
{
    char prefix[64], buf[CN_NORM_MAX + 1];
    size_t plen, n, i;
    int rc;
    plen = (size_t)snprintf(prefix, sizeof(prefix), "urn:utds:id:%s:", res->scheme);
    if (len <= plen || !trace__strncaseeq(in, prefix, plen))
        return inner(ctx, in, len, flags, res);
    n = pct_decode(in + plen, len - plen, buf);
    if (n == 0) {
        trace_diag *d = trace__code_diag(res, TRACE__D_CN_BAD_FORM, plen, len - plen);
        trace__diag_arg(d, "what", "URN value");
        trace__diag_arg(d, "form", "percent-encoded UTF-8");
        return TRACE_OK;
    }
    rc = inner(ctx, buf, n, flags, res);
    /* Spans now count from the value: move them past the prefix. Exact unless
     * the value had percent escapes. */
    for (i = 0; i < res->nfields; i++)
        res->fields[i].offset += (uint32_t)plen;
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].loc.offset >= 0)
            res->diags[i].loc.offset += (int64_t)plen;
    return rc;
}

int trace__cn_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int trace__cn_bad_segment(trace_code_result *res, const cn_norm *nm, size_t i, size_t n,
                          const char *segment, const char *reason)
{
    trace_diag *d = trace__cn_diag(res, nm, TRACE__D_BAD_SEGMENT, i, n);
    trace__diag_arg(d, "segment", segment);
    trace__diag_argn(d, "value", nm->s + i, n);
    trace__diag_arg(d, "reason", reason);
    return 0;
}
