/*
 * utc.c - the UTDS trace code (统一追溯码): parsing in its three forms,
 * verification of structure, check character and keyed MAC, formatting,
 * and the "utds" scheme. Layout: include/libtrace/utc.h and
 * spec/utds-1-trace-code.md.
 */
#include <string.h>

#include "utc_int.h"

static const char URI_PREFIX[] = "URN:UTDS:TC:";
static const char ID_PREFIX[] = "urn:utds:id:utds:"; /* the generic identifier URN, read too */
static const char B32[] = "0123456789ABCDEFGHIJKLMNOPQRSTUV"; /* RFC 4648 base32hex */

void trace__utc_mac_start(crypto_generichash_state *st, const trace_utc_key *key,
                          const char *prefix, size_t n)
{
    crypto_generichash_init(st, key->key, TRACE_UTC_KEY_BYTES, 16);
    crypto_generichash_update(st, (const unsigned char *)UTC_MAC_DOMAIN,
                              sizeof(UTC_MAC_DOMAIN) - 1);
    crypto_generichash_update(st, (const unsigned char *)prefix, n);
}

void trace__utc_mac_finish(crypto_generichash_state *st, const char *rest, size_t n,
                           char out[UTC_MAC_LEN])
{
    unsigned char h[16];
    uint64_t v = 0;
    int i;
    crypto_generichash_update(st, (const unsigned char *)rest, n);
    crypto_generichash_final(st, h, sizeof(h));
    for (i = 0; i < 5; i++)
        v = v << 8 | h[i];
    for (i = UTC_MAC_LEN - 1; i >= 0; i--, v >>= 5)
        out[i] = B32[v & 31];
    sodium_memzero(h, sizeof(h));
}

void trace__utc_mac(const trace_utc_key *key, const char *body, size_t n, char out[UTC_MAC_LEN])
{
    crypto_generichash_state st;
    char rest[UTC_SERIAL_LEN + 1];
    /* The MAC covers body then the key id: absorb all but the serial first, as the
     * issuer does, so both paths compute the same bytes. */
    trace__utc_mac_start(&st, key, body, n - UTC_SERIAL_LEN);
    memcpy(rest, body + n - UTC_SERIAL_LEN, UTC_SERIAL_LEN);
    rest[UTC_SERIAL_LEN] = key->id;
    trace__utc_mac_finish(&st, rest, sizeof(rest), out);
    sodium_memzero(&st, sizeof(st));
}

/* Normalise: drop the URI prefix, spaces and hyphens; upper-case. */
static void utc_norm(cn_norm *nm, const char *in, size_t len)
{
    size_t skip = 0, i;
    if (len > sizeof(URI_PREFIX) - 1 && trace__strncaseeq(in, URI_PREFIX, sizeof(URI_PREFIX) - 1))
        skip = sizeof(URI_PREFIX) - 1;
    else if (len > sizeof(ID_PREFIX) - 1 && trace__strncaseeq(in, ID_PREFIX, sizeof(ID_PREFIX) - 1))
        skip = sizeof(ID_PREFIX) - 1;
    trace__cn_norm(nm, in + skip, len - skip, " -", 1);
    for (i = 0; i <= nm->n; i++)
        nm->off[i] += (uint32_t)skip;
    nm->inlen = len;
}

/* Segment boundaries of a normalised code: returns 0 when the length does not fit. */
typedef struct utc_layout {
    size_t op_len;   /* operator value length (18 or 8) */
    size_t prefix;   /* bytes before the serial */
    size_t body;     /* bytes version .. serial */
    int has_mac;
} utc_layout;

static int layout(const cn_norm *nm, utc_layout *l)
{
    if (nm->n < 8)
        return 0;
    l->op_len = nm->s[7] == 'U' ? 18 : 8;
    l->prefix = l->op_len == 18 ? UTC_PREFIX_U : UTC_PREFIX_N;
    l->body = l->prefix + UTC_SERIAL_LEN;
    if (nm->n == l->body + 1)
        l->has_mac = 0;
    else if (nm->n == l->body + UTC_VSEG_LEN + 1)
        l->has_mac = 1;
    else
        return 0;
    return 1;
}

static void family_field(trace_code_result *res, const cn_norm *nm, trace_code_field *f, size_t at)
{
    const char *en = NULL, *zh = trace__cn_family(nm->s + at, &en);
    if (zh) {
        if (f)
            f->typed = trace__code_textf(res, "%s (%s)", zh, en);
        return;
    }
    {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_UTC_BAD_FAMILY, at, 2);
        trace__diag_argn(d, "value", nm->s + at, 2);
    }
}

/* The operator: a USCC keeps its own checks; a node number is 8 of 0-9 A-Z. */
static void operator_fields(trace_code_result *res, const cn_norm *nm, const utc_layout *l)
{
    trace_code_field *f;
    f = trace__cn_field(res, nm, "operator-kind", "operator kind", "经营者类型", 7, 1,
                        TRACE_CODE_ENUM);
    if (nm->s[7] != 'U' && nm->s[7] != 'N') {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_UTC_BAD_OPERATOR, 7, 1);
        trace__diag_argn(d, "value", nm->s + 7, 1);
        return;
    }
    if (f)
        f->typed = nm->s[7] == 'U' ? "USCC" : "node-assigned number";
    trace__cn_field(res, nm, "operator", "operator", "经营者主体码", 8, l->op_len, TRACE_CODE_TEXT);
    if (l->op_len == 18) {
        char exp[4];
        if (!trace__cn_chars(res, nm, 8, 18, CN_USCC, "operator") ||
            trace_check_compute(TRACE_CHECK_GB32100, nm->s + 8, 17, exp, sizeof(exp)) != TRACE_OK)
            return;
        if (exp[0] != nm->s[25]) {
            trace_diag *d = trace__cn_diag(res, nm, TRACE__D_BAD_CHECK, 25, 1);
            trace__diag_argn(d, "got", nm->s + 25, 1);
            trace__diag_arg(d, "expected", exp);
        }
    } else {
        trace__cn_chars(res, nm, 8, 8, CN_ALNUM, "operator");
    }
}

/* The check character (all characters are 0-9 A-Z by now). */
static void utc_check(trace_code_result *res, const cn_norm *nm)
{
    char exp = trace__utc_mod37_36(nm->s, nm->n - 1);
    trace_code_field *f = trace__cn_field(res, nm, "check", "check character", "校验码",
                                          nm->n - 1, 1, TRACE_CODE_CHECK);
    if (f)
        f->typed = exp == nm->s[nm->n - 1] ? "ok" : "bad";
    if (exp != nm->s[nm->n - 1]) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_BAD_CHECK, nm->n - 1, 1);
        trace__diag_argn(d, "got", nm->s + nm->n - 1, 1);
        trace__diag_argn(d, "expected", &exp, 1);
    }
}

/* Structure and check character; returns 1 when the code is well-formed. */
static int utc_structure(const trace_ctx *ctx, trace_code_result *res, const cn_norm *nm,
                         utc_layout *l, unsigned flags)
{
    trace_code_field *f;
    size_t at;
    int errs;
    if (nm->overflow || !layout(nm, l)) {
        trace__cn_bad_length(res, nm, "35, 44, 45 or 54");
        return 0;
    }
    if (!trace__cn_chars(res, nm, 0, nm->n, CN_ALNUM, "trace code"))
        return 0;
    errs = (int)res->ndiags;
    f = trace__cn_field(res, nm, "version", "version", "版本", 0, 1, TRACE_CODE_NUMERIC);
    if (nm->s[0] != UTC_VERSION) {
        trace_diag *d = trace__cn_diag(res, nm, TRACE__D_UTC_BAD_VERSION, 0, 1);
        trace__diag_argn(d, "value", nm->s, 1);
        return 0;
    }
    f = trace__cn_field(res, nm, "node", "issuing node region", "节点行政区划", 1, 6,
                        TRACE_CODE_ENUM);
    if (trace__cn_chars(res, nm, 1, 6, CN_DIGIT, "node"))
        trace__cn_region_check(ctx, res, nm, f, 1, flags);
    operator_fields(res, nm, l);
    at = 8 + l->op_len;
    f = trace__cn_field(res, nm, "family", "product family", "产品门类", at, 2, TRACE_CODE_ENUM);
    family_field(res, nm, f, at);
    trace__cn_field(res, nm, "batch", "batch", "批次码", at + 2, UTC_BATCH_LEN, TRACE_CODE_TEXT);
    trace__cn_field(res, nm, "serial", "serial", "序列号", l->prefix, UTC_SERIAL_LEN,
                    TRACE_CODE_TEXT);
    if (l->has_mac) {
        trace__cn_field(res, nm, "key-id", "issuer key id", "密钥标识", l->body, 1,
                        TRACE_CODE_TEXT);
        f = trace__cn_field(res, nm, "mac", "verification segment", "验证段", l->body + 1,
                            UTC_MAC_LEN, TRACE_CODE_CHECK);
        if (f)
            f->typed = "not-verified";
        trace__cn_chars(res, nm, l->body + 1, UTC_MAC_LEN, CN_ALNUM, "mac");
    }
    utc_check(res, nm);
    return res->ndiags == (size_t)errs;
}

static trace_code_field *field_named(trace_code_result *res, const char *name)
{
    return (trace_code_field *)trace_code_result_field(res, name);
}

static void verify_mac(trace_code_result *res, const cn_norm *nm, const utc_layout *l,
                       const trace_utc_key *keys, size_t nkeys)
{
    const trace_utc_key *k = NULL;
    trace_code_field *f = field_named(res, "mac");
    char mac[UTC_MAC_LEN];
    size_t i;
    trace_diag *d;
    if (nkeys == 0) {
        d = trace__cn_diag(res, nm, TRACE__D_UTC_MAC_NOT_VERIFIED, l->body, UTC_VSEG_LEN);
        res->checks = "mac: no issuer key";
        return;
    }
    for (i = 0; i < nkeys && !k; i++)
        if (keys[i].id == nm->s[l->body])
            k = &keys[i];
    if (!k) {
        d = trace__cn_diag(res, nm, TRACE__D_UTC_UNKNOWN_KEY, l->body, 1);
        trace__diag_argn(d, "keyid", nm->s + l->body, 1);
        return;
    }
    trace__utc_mac(k, nm->s, l->body, mac);
    if (sodium_memcmp(mac, nm->s + l->body + 1, UTC_MAC_LEN) != 0) {
        d = trace__cn_diag(res, nm, TRACE__D_UTC_MAC_MISMATCH, l->body + 1, UTC_MAC_LEN);
        trace__diag_argn(d, "keyid", nm->s + l->body, 1);
        if (f)
            f->typed = "bad";
        return;
    }
    if (f)
        f->typed = "ok";
}

static void utc_forms(trace_code_result *res, const cn_norm *nm)
{
    char buf[TRACE_UTC_URI_MAX + 1];
    res->canonical = trace__code_text(res, nm->s, nm->n);
    if (trace_utc_format(nm->s, nm->n, 0, buf, sizeof(buf)))
        res->uri = trace__code_text(res, buf, strlen(buf));
}

static int utc_run(const trace_ctx *ctx, const char *in, size_t len, const trace_utc_key *keys,
                   size_t nkeys, int with_keys, unsigned flags, trace_code_result *res)
{
    cn_norm nm;
    utc_layout l;
    utc_norm(&nm, in, len);
    if (!utc_structure(ctx, res, &nm, &l, flags)) {
        if (res->ndiags && res->diags[res->ndiags - 1].code == TRACE__D_BAD_CHECK)
            utc_forms(res, &nm); /* well-formed but mistyped: still show the forms */
        return TRACE_OK;
    }
    if (l.has_mac)
        verify_mac(res, &nm, &l, keys, nkeys);
    else if (with_keys)
        trace__cn_diag(res, &nm, TRACE__D_UTC_NO_MAC, nm.n - 1, 1);
    utc_forms(res, &nm);
    return TRACE_OK;
}

int trace_utc_verify(const trace_ctx *ctx, const char *in, size_t len, const trace_utc_key *keys,
                     size_t nkeys, unsigned flags, trace_code_result *res)
{
    if (!in || !res || (nkeys && !keys))
        return TRACE_EINVAL;
    trace_code_result_init(res);
    res->scheme = "utds";
    if (len == 0)
        trace__code_diag(res, TRACE__D_EMPTY, 0, 0);
    else
        utc_run(ctx, in, len, keys, nkeys, nkeys > 0, flags, res);
    trace__code_finish(res);
    return TRACE_OK;
}

size_t trace_utc_format(const char *in, size_t len, int grouped, char *buf, size_t size)
{
    cn_norm nm;
    utc_layout l;
    size_t k = 0, i, cuts[8], nc = 0;
    utc_norm(&nm, in, len);
    if (nm.overflow || !layout(&nm, &l) || !buf)
        return 0;
    for (i = 0; i < nm.n; i++)
        if (!trace__cn_in_class((unsigned char)nm.s[i], CN_ALNUM))
            return 0;
    if (!grouped) {
        if (size < sizeof(URI_PREFIX) + nm.n)
            return 0;
        memcpy(buf, URI_PREFIX, sizeof(URI_PREFIX) - 1);
        memcpy(buf + sizeof(URI_PREFIX) - 1, nm.s, nm.n + 1);
        return sizeof(URI_PREFIX) - 1 + nm.n;
    }
    /* Group boundaries: after version, node, operator, family, batch, serial, [vseg]. */
    cuts[nc++] = 1;
    cuts[nc++] = 7;
    cuts[nc++] = 8 + l.op_len;
    cuts[nc++] = 10 + l.op_len;
    cuts[nc++] = l.prefix;
    cuts[nc++] = l.body;
    if (l.has_mac)
        cuts[nc++] = l.body + UTC_VSEG_LEN;
    if (size < nm.n + nc + 1)
        return 0;
    for (i = 0; i < nm.n; i++) {
        size_t c;
        for (c = 0; c < nc; c++)
            if (cuts[c] == i)
                buf[k++] = ' ';
        buf[k++] = nm.s[i];
    }
    buf[k] = '\0';
    return k;
}

static int p_utds(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                  trace_code_result *res)
{
    return utc_run(ctx, in, len, NULL, 0, 0, flags, res);
}

static int d_utds(const char *in, size_t len, const char **reason)
{
    char head[8];
    size_t i, k = 0;
    if ((len > 12 && trace__strncaseeq(in, URI_PREFIX, 12)) ||
        (len > 17 && trace__strncaseeq(in, ID_PREFIX, 17))) {
        *reason = "UTDS trace code URN";
        return 95;
    }
    if (len < 35 || len > 70 || in[0] != UTC_VERSION)
        return 0;
    /* The operator kind is the 8th character once group separators are dropped. */
    for (i = 0; i < len && k < sizeof(head); i++)
        if (in[i] != ' ' && in[i] != '-')
            head[k++] = in[i];
    if (k < sizeof(head) || (head[7] != 'U' && head[7] != 'N'))
        return 0;
    *reason = "UTDS trace code: version, node, operator, MOD 37,36 check";
    return 90;
}

TRACE__SCHEME_DEFINE(utds) = {
    {"utds", "UTDS trace code", "统一追溯码", "UTDS 1.0 (spec/utds-1-trace-code.md)",
     "version 1 + node 6 + operator (U + USCC 18 | N + 8) + family 2 + batch 6 + serial 10 "
     "+ [key id 1 + MAC 8] + check 1 (MOD 37,36)",
     "1350000N00000042310000010000000001Z",
     "structure, node province, operator USCC check, family list, MOD 37,36 check; the MAC "
     "only with the issuer key (tracectl code check --key)"},
    p_utds, d_utds};
