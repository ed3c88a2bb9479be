/*
 * utc_issue.c - issuing UTDS trace codes: issuer keys (generate, text file
 * format), parameter checks, sequential serials and random serials.
 *
 * Random serials are a keyed permutation of the serial space 0..36^10-1
 * (a 4-round Feistel network on 52 bits, the Luby-Rackoff bound for a strong
 * pseudo-random permutation, with SipHash as round function and
 * cycle walking), keyed from libsodium's CSPRNG when the issuer is made and
 * applied to a counter. A permutation never repeats, so a batch of any size
 * has unique serials in constant memory, and without the discarded batch key
 * the serials are unpredictable.
 */
#include <stdio.h>
#include <string.h>

#include "utc_int.h"

struct trace_utc_issuer {
    char prefix[UTC_PREFIX_U];
    size_t plen;
    int random;
    int has_key;
    uint64_t next;                                /* counter */
    uint64_t limit;                               /* serials available */
    unsigned char perm_key[crypto_shorthash_KEYBYTES];
    trace_utc_key key;
    crypto_generichash_state mac0;                /* MAC state after the prefix */
    trace_allocator alloc;
};

/* ---- keys ---- */

static int key_id_ok(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
}

int trace_utc_key_generate(char id, trace_utc_key *out)
{
    if (!out || !key_id_ok(id))
        return TRACE_EINVAL;
    if (sodium_init() < 0)
        return TRACE_EUNSUPPORTED;
    out->id = id;
    randombytes_buf(out->key, sizeof(out->key));
    return TRACE_OK;
}

size_t trace_utc_key_format(const trace_utc_key *key, char *buf, size_t size)
{
    char hex[2 * TRACE_UTC_KEY_BYTES + 1];
    int n;
    if (!key || !buf)
        return 0;
    sodium_bin2hex(hex, sizeof(hex), key->key, sizeof(key->key));
    n = snprintf(buf, size,
                 "# UTDS trace code issuer key (spec/utds-1-trace-code.md). Keep it secret.\n"
                 "utds-issuer-key 1\nid %c\nkey %s\n",
                 key->id, hex);
    sodium_memzero(hex, sizeof(hex));
    return n > 0 && (size_t)n < size ? (size_t)n : 0;
}

static int key_fail(trace_diag *d, const char *why)
{
    if (d) {
        trace__diag_init(d, TRACE__D_UTC_KEY_FILE);
        trace__diag_arg(d, "reason", why);
    }
    return TRACE_EDATA;
}

int trace_utc_key_parse(const char *text, size_t len, trace_utc_key *out, trace_diag *d)
{
    size_t i = 0;
    int have_magic = 0, have_id = 0, have_key = 0;
    if (!text || !out)
        return TRACE_EINVAL;
    while (i < len) {
        const char *l = text + i, *e = memchr(l, '\n', len - i);
        size_t n = e ? (size_t)(e - l) : len - i, got = 0;
        i += n + 1;
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
            n--;
        if (n == 0 || l[0] == '#')
            continue;
        if (n == 17 && !memcmp(l, "utds-issuer-key 1", 17)) {
            have_magic = 1;
        } else if (n == 4 && !memcmp(l, "id ", 3) && key_id_ok(l[3])) {
            out->id = l[3];
            have_id = 1;
        } else if (n == 4 + 2 * TRACE_UTC_KEY_BYTES && !memcmp(l, "key ", 4)) {
            if (sodium_hex2bin(out->key, sizeof(out->key), l + 4, n - 4, NULL, &got, NULL) != 0 ||
                got != TRACE_UTC_KEY_BYTES)
                return key_fail(d, "key is not 64 hexadecimal digits");
            have_key = 1;
        } else {
            return key_fail(d, "unexpected line (expected utds-issuer-key 1, id C, key HEX)");
        }
    }
    if (!have_magic)
        return key_fail(d, "missing the line 'utds-issuer-key 1'");
    if (!have_id)
        return key_fail(d, "missing the line 'id C' (C one of 0-9 A-Z)");
    if (!have_key)
        return key_fail(d, "missing the line 'key HEX' (64 hexadecimal digits)");
    return TRACE_OK;
}

int trace_utc_key_load(const char *path, trace_utc_key *out, trace_diag *d)
{
    char buf[1024];
    size_t n;
    FILE *f;
    int rc;
    if (!path || !out)
        return TRACE_EINVAL;
    if (!(f = fopen(path, "rb")))
        return TRACE_EIO;
    n = fread(buf, 1, sizeof(buf), f);
    rc = ferror(f) ? TRACE_EIO : n == sizeof(buf) ? key_fail(d, "file too long")
                                                   : trace_utc_key_parse(buf, n, out, d);
    fclose(f);
    sodium_memzero(buf, sizeof(buf));
    return rc;
}

/* ---- parameters ---- */

static int bad_param(trace_diag *d, const char *param, const char *value, const char *why)
{
    if (d) {
        trace__diag_init(d, TRACE__D_UTC_BAD_PARAM);
        trace__diag_arg(d, "param", param);
        trace__diag_arg(d, "value", value ? value : "(none)");
        trace__diag_arg(d, "reason", why);
    }
    return TRACE_EDATA;
}

static int upper_alnum(const char *s, size_t n, char *out)
{
    size_t i;
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (!trace__cn_in_class((unsigned char)c, CN_ALNUM))
            return 0;
        out[i] = c;
    }
    return 1;
}

/* Operator: a valid USCC becomes U + 18; 1-8 of 0-9 A-Z become N + 8 (left-padded). */
static int put_operator(const char *op, char *p, size_t *at, trace_diag *d)
{
    size_t n = op ? strlen(op) : 0;
    if (n == 18) {
        char u[18];
        int i;
        for (i = 0; i < 18; i++)
            u[i] = (char)(op[i] >= 'a' && op[i] <= 'z' ? op[i] - 'a' + 'A' : op[i]);
        for (i = 0; i < 18; i++)
            if (!trace__cn_in_class((unsigned char)u[i], CN_USCC))
                return bad_param(d, "operator", op, "not a USCC (GB 32100 character set)");
        if (trace_check_verify(TRACE_CHECK_GB32100, u, 18) != 1)
            return bad_param(d, "operator", op, "USCC check character is wrong");
        p[(*at)++] = 'U';
        memcpy(p + *at, u, 18);
        *at += 18;
        return TRACE_OK;
    }
    if (n < 1 || n > 8)
        return bad_param(d, "operator", op, "expected a USCC or 1-8 characters 0-9 A-Z");
    p[(*at)++] = 'N';
    memset(p + *at, '0', 8 - n);
    if (!upper_alnum(op, n, p + *at + 8 - n))
        return bad_param(d, "operator", op, "expected a USCC or 1-8 characters 0-9 A-Z");
    *at += 8;
    return TRACE_OK;
}

static int build_prefix(const trace_utc_params *p, char *out, size_t *len, trace_diag *d)
{
    size_t at = 0, n;
    int rc;
    out[at++] = UTC_VERSION;
    if (!p->node || strlen(p->node) != 6 || strspn(p->node, "0123456789") != 6)
        return bad_param(d, "node", p->node, "expected a 6-digit GB/T 2260 code");
    if (!trace__cn_province(p->node, NULL))
        return bad_param(d, "node", p->node, "unknown province");
    memcpy(out + at, p->node, 6);
    at += 6;
    if ((rc = put_operator(p->operator_id, out, &at, d)) != TRACE_OK)
        return rc;
    if (!p->family || strlen(p->family) != 2 || !trace__cn_family(p->family, NULL))
        return bad_param(d, "family", p->family, "not in the UTDS family list");
    memcpy(out + at, p->family, 2);
    at += 2;
    n = p->batch ? strlen(p->batch) : 0;
    if (n < 1 || n > UTC_BATCH_LEN)
        return bad_param(d, "batch", p->batch, "expected 1-6 characters 0-9 A-Z");
    memset(out + at, '0', UTC_BATCH_LEN - n);
    if (!upper_alnum(p->batch, n, out + at + UTC_BATCH_LEN - n))
        return bad_param(d, "batch", p->batch, "expected 1-6 characters 0-9 A-Z");
    at += UTC_BATCH_LEN;
    *len = at;
    return TRACE_OK;
}

int trace_utc_issuer_new(const trace_ctx *ctx, const trace_utc_params *p,
                         trace_utc_issuer **out, trace_diag *d)
{
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_utc_issuer *iss;
    int rc;
    if (!p || !out || p->version != TRACE_UTC_PARAMS_VERSION)
        return TRACE_EINVAL;
    *out = NULL;
    if (p->key && !key_id_ok(p->key->id))
        return bad_param(d, "key id", "?", "expected one of 0-9 A-Z");
    if (sodium_init() < 0)
        return TRACE_EUNSUPPORTED;
    if (!(iss = trace__calloc(a, 1, sizeof(*iss))))
        return TRACE_ENOMEM;
    iss->alloc = *a;
    if ((rc = build_prefix(p, iss->prefix, &iss->plen, d)) != TRACE_OK) {
        trace__free(a, iss);
        return rc;
    }
    iss->random = p->random != 0;
    iss->next = iss->random ? 0 : p->first_serial;
    iss->limit = iss->random ? TRACE_UTC_SERIAL_SPACE : 10000000000ULL;
    if (iss->random)
        randombytes_buf(iss->perm_key, sizeof(iss->perm_key));
    if (p->key) {
        iss->has_key = 1;
        iss->key = *p->key;
        trace__utc_mac_start(&iss->mac0, &iss->key, iss->prefix, iss->plen);
    }
    *out = iss;
    return TRACE_OK;
}

void trace_utc_issuer_free(trace_utc_issuer *iss)
{
    trace_allocator a;
    if (!iss)
        return;
    a = iss->alloc;
    sodium_memzero(iss, sizeof(*iss));
    trace__free(&a, iss);
}

/* Feistel round function: SipHash of (round, half), 26 bits. */
static uint32_t round_fn(const trace_utc_issuer *iss, unsigned r, uint32_t half)
{
    unsigned char in[5], h[crypto_shorthash_BYTES];
    in[0] = (unsigned char)r;
    in[1] = (unsigned char)(half >> 24);
    in[2] = (unsigned char)(half >> 16);
    in[3] = (unsigned char)(half >> 8);
    in[4] = (unsigned char)half;
    crypto_shorthash(h, in, sizeof(in), iss->perm_key);
    return ((uint32_t)h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16 | (uint32_t)h[3] << 24) &
           0x3FFFFFFu;
}

/* Permute x in [0, 36^10): Feistel on 52 bits, walking the cycle back into range. */
static uint64_t permute(const trace_utc_issuer *iss, uint64_t x)
{
    do {
        uint32_t l = (uint32_t)(x >> 26), r = (uint32_t)(x & 0x3FFFFFFu);
        unsigned k;
        for (k = 0; k < 4; k++) {
            uint32_t t = l ^ round_fn(iss, k, r);
            l = r;
            r = t;
        }
        x = (uint64_t)l << 26 | r;
    } while (x >= TRACE_UTC_SERIAL_SPACE);
    return x;
}

/* Ten digits in base 10 or 36: two 32-bit halves of five digits each (base^5
 * fits 32 bits), which avoids 64-bit divisions in the hot loop. */
static void put_serial(char *p, uint64_t v, unsigned base)
{
    static const char digits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    uint32_t b5 = base * base * base * base * base;
    uint32_t hi = (uint32_t)(v / b5), lo = (uint32_t)(v % b5);
    int i;
    for (i = UTC_SERIAL_LEN - 1; i >= 5; i--, lo /= base)
        p[i] = digits[lo % base];
    for (; i >= 0; i--, hi /= base)
        p[i] = digits[hi % base];
}

/* ISO/IEC 7064 MOD 37,36 over 0-9 A-Z, as trace_check_compute computes it, with
 * the moduli as constants: issuing and verifying spend most of their time here
 * otherwise. Every character must be in 0-9 A-Z (the callers make sure). */
char trace__utc_mod37_36(const char *s, size_t n)
{
    static const char set[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    unsigned p = 36, t;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned v = s[i] <= '9' ? (unsigned)(s[i] - '0') : (unsigned)(s[i] - 'A' + 10);
        t = (p + v) % 36;
        p = ((t ? t : 36) * 2) % 37;
    }
    return set[(37 - p) % 36];
}

int trace_utc_issue(trace_utc_issuer *iss, char *buf, size_t stride, size_t count)
{
    size_t i, n;
    if (!iss || (!buf && count))
        return TRACE_EINVAL;
    n = iss->plen + UTC_SERIAL_LEN + (iss->has_key ? UTC_VSEG_LEN : 0) + 1;
    if (stride < n + 1)
        return TRACE_EBUFS;
    if (count > iss->limit - iss->next || iss->next > iss->limit)
        return TRACE_ELIMIT;
    for (i = 0; i < count; i++) {
        char *p = buf + i * stride;
        uint64_t c = iss->next++;
        memcpy(p, iss->prefix, iss->plen);
        if (iss->random)
            put_serial(p + iss->plen, permute(iss, c), 36);
        else
            put_serial(p + iss->plen, c, 10);
        if (iss->has_key) {
            crypto_generichash_state st = iss->mac0;
            char rest[UTC_SERIAL_LEN + 1];
            memcpy(rest, p + iss->plen, UTC_SERIAL_LEN);
            rest[UTC_SERIAL_LEN] = iss->key.id;
            p[iss->plen + UTC_SERIAL_LEN] = iss->key.id;
            trace__utc_mac_finish(&st, rest, sizeof(rest), p + iss->plen + UTC_SERIAL_LEN + 1);
        }
        p[n - 1] = trace__utc_mod37_36(p, n - 1);
        p[n] = '\0';
    }
    return TRACE_OK;
}
