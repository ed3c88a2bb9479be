/*
 * gs1_epc.c - EPC pure-identity URNs (UTDS Part 1, GS1: R-1.G.9), EPC Tag
 * Data Standard section 6: parsing a URN into GS1 elements (so it converts to
 * an element string and a Digital Link deterministically) and writing the URN
 * of a GS1 message, which needs the GS1 Company Prefix length: from the caller
 * or the prefix table, never guessed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gs1_int.h"

/* scheme, AI of the key, number of URN fields, digits in CP + reference,
 * key layout: 'i' indicator digit moves in front (GTIN), 'e' extension digit
 * moves in front (SSCC), 'z' leading filter zero (GRAI), 'n' none;
 * check digit appended (1/0); AI of the last field (serial) or "" */
typedef struct epc_scheme {
    const char *name;
    const char *ai;
    int fields;
    int digits; /* CP + reference digits, 0 = variable (GIAI, CPI) */
    char layout;
    int check;
    const char *serial_ai;
} epc_scheme;

static const epc_scheme SCHEMES[] = {
    {"sgtin", "01", 3, 13, 'i', 1, "21"},  {"sscc", "00", 2, 17, 'e', 1, ""},
    {"sgln", "414", 3, 12, 'n', 1, "254"}, {"grai", "8003", 3, 12, 'z', 1, "+"},
    {"giai", "8004", 2, 0, 'n', 0, ""},    {"gsrn", "8018", 2, 17, 'n', 1, ""},
    {"gsrnp", "8017", 2, 17, 'n', 1, ""},  {"gdti", "253", 3, 12, 'n', 1, "+"},
    {"sgcn", "255", 3, 12, 'n', 1, "+"},   {"cpi", "8010", 3, 0, 'n', 0, "8011"},
    {"pgln", "417", 2, 12, 'n', 1, ""},    {"upui", "01", 3, 13, 'i', 1, "235"},
    {"lgtin", "01", 3, 13, 'i', 1, "10"},  {"itip", "8006", 5, 13, 'i', 1, "21"},
    {"gsin", "402", 2, 16, 'n', 1, ""},    {"ginc", "401", 2, 0, 'n', 0, ""},
};

static int is_itip(const epc_scheme *s)
{
    return s->fields == 5; /* CP . indicator+item ref . piece . total . serial */
}

static void epc_err(trace_code_result *res, size_t off, size_t len, const char *what)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_EPC_SYNTAX, off, len);
    trace__diag_arg(d, "what", what);
}

static int alldig(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

/* TDS characters of a serial or reference: GS1 AI encodable set 82 minus the
 * characters that must be escaped (" % & / < > ?), which appear as %xx. */
static int field_ok(const char *s, size_t n, size_t *bad)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '%') {
            if (i + 2 >= n || !strchr("0123456789ABCDEFabcdef", s[i + 1]) || !s[i + 1] ||
                !strchr("0123456789ABCDEFabcdef", s[i + 2]) || !s[i + 2]) {
                *bad = i;
                return 0;
            }
            i += 2;
        } else if (!gs1__cset82[c] || strchr("\"&/<>?", c)) {
            *bad = i;
            return 0;
        }
    }
    return 1;
}

/* Decode the TDS escapes (%xx) of a serial into the message buffer. */
static const char *unescape(gs1__msg *m, const char *s, size_t n, size_t *out_n)
{
    char *dst = m->buf + m->used;
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        if (s[i] == '%' && i + 2 < n) {
            char h[3] = {s[i + 1], s[i + 2], 0};
            dst[k++] = (char)strtol(h, NULL, 16);
            i += 2;
        } else {
            dst[k++] = s[i];
        }
    }
    m->used += k;
    *out_n = k;
    return dst;
}

static gs1__elem *add(gs1__msg *m, trace_code_result *res, const char *ai,
                      const char *val, size_t vlen, size_t off, size_t len)
{
    gs1__elem *e = gs1__msg_add(m, res, ai, strlen(ai), off);
    if (!e)
        return NULL;
    e->val = val;
    e->vlen = (uint32_t)vlen;
    e->off = (uint32_t)off;
    e->len = (uint32_t)len;
    return e;
}

/* Build the key digits from company prefix cp and reference ref. */
static const char *key_value(gs1__msg *m, const epc_scheme *s, const char *cp, size_t cpn,
                             const char *ref, size_t refn, size_t *kn)
{
    char *k = m->buf + m->used;
    size_t n = 0;
    if (s->layout == 'i' || s->layout == 'e') {
        k[n++] = ref[0];
        memcpy(k + n, cp, cpn), n += cpn;
        memcpy(k + n, ref + 1, refn - 1), n += refn - 1;
    } else {
        if (s->layout == 'z')
            k[n++] = '0';
        memcpy(k + n, cp, cpn), n += cpn;
        if (s->digits) {
            memcpy(k + n, ref, refn), n += refn;
        } else { /* GIAI, CPI: a reference with TDS escapes */
            size_t i;
            for (i = 0; i < refn; i++) {
                if (ref[i] == '%' && i + 2 < refn) {
                    char h[3] = {ref[i + 1], ref[i + 2], 0};
                    k[n++] = (char)strtol(h, NULL, 16);
                    i += 2;
                } else {
                    k[n++] = ref[i];
                }
            }
        }
    }
    if (s->check) {
        char c[4];
        const char *body = s->layout == 'z' ? k + 1 : k;
        size_t bn = s->layout == 'z' ? n - 1 : n;
        if (trace_check_compute(TRACE_CHECK_GS1_MOD10, body, bn, c, sizeof(c)) !=
            TRACE_OK)
            return NULL;
        k[n++] = c[0];
    }
    m->used += n;
    *kn = n;
    return k;
}

/* Split the fields at '.', the last of want fields taking the rest. */
static int parse_fields(const char *in, size_t len, size_t p, size_t *fs, size_t *fe,
                        int want)
{
    int nf = 0;
    while (p <= len && nf < want) {
        size_t q = p;
        while (q < len && (in[q] != '.' || nf == want - 1))
            q++;
        fs[nf] = p;
        fe[nf++] = q;
        if (q >= len)
            return nf;
        p = q + 1;
    }
    return want + 1;
}

int gs1__parse_epc(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   gs1__msg *m, trace_code_result *res)
{
    size_t p, i, fs[6], fe[6], kn;
    const epc_scheme *s = NULL;
    int nf, cls = 0;
    const char *key;
    (void)ctx, (void)flags;
    if (len > 14 && !memcmp(in, "urn:epc:class:", 14))
        p = 14, cls = 1;
    else if (len > 11 && !memcmp(in, "urn:epc:id:", 11))
        p = 11;
    else {
        epc_err(res, 0, len < 11 ? len : 11,
                "must start with urn:epc:id: or urn:epc:class:");
        return -1;
    }
    for (i = 0; i < TRACE__ARRAY_LEN(SCHEMES); i++) {
        size_t n = strlen(SCHEMES[i].name);
        if (len > p + n && !memcmp(in + p, SCHEMES[i].name, n) && in[p + n] == ':' &&
            cls == !strcmp(SCHEMES[i].name, "lgtin")) {
            s = &SCHEMES[i];
            break;
        }
    }
    if (!s) {
        size_t e = p;
        trace_diag *d;
        while (e < len && in[e] != ':')
            e++;
        d = trace__code_diag(res, TRACE__D_EPC_SCHEME, p, e - p);
        trace__diag_argn(d, "scheme", in + p, e - p);
        return -1;
    }
    p += strlen(s->name) + 1;
    nf = parse_fields(in, len, p, fs, fe, s->fields);
    if (nf != s->fields) {
        epc_err(res, p, len - p, "wrong number of fields");
        return -1;
    }
    for (i = 1; i < (size_t)nf; i++) {
        size_t bad;
        if (!field_ok(in + fs[i], fe[i] - fs[i], &bad)) {
            epc_err(res, fs[i] + bad, 1, "character must be escaped or is not allowed");
            return -1;
        }
    }
    if (!alldig(in + fs[0], fe[0] - fs[0]) || fe[0] - fs[0] < 6 || fe[0] - fs[0] > 12) {
        epc_err(res, fs[0], fe[0] - fs[0], "company prefix must be 6 to 12 digits");
        return -1;
    }
    if (s->digits) {
        size_t refn = fe[1] - fs[1];
        if (!alldig(in + fs[1], refn) || (fe[0] - fs[0]) + refn != (size_t)s->digits) {
            epc_err(res, fs[1], refn, "reference has the wrong number of digits");
            return -1;
        }
    } else if (fe[1] == fs[1]) {
        epc_err(res, fs[1], 0, "empty reference");
        return -1;
    }
    key = key_value(m, s, in + fs[0], fe[0] - fs[0], in + fs[1], fe[1] - fs[1], &kn);
    if (!key) {
        epc_err(res, fs[1], fe[1] - fs[1], "reference");
        return -1;
    }
    if (is_itip(s)) {
        /* piece and total (2 digits each) follow the GTIN in the (8006) value */
        if (fe[2] - fs[2] != 2 || fe[3] - fs[3] != 2 || !alldig(in + fs[2], 2) ||
            !alldig(in + fs[3], 2)) {
            epc_err(res, fs[2], fe[3] - fs[2], "piece and total must be 2 digits each");
            return -1;
        }
        memcpy(m->buf + m->used, in + fs[2], 2);
        memcpy(m->buf + m->used + 2, in + fs[3], 2);
        m->used += 4, kn += 4;
    }
    if (s->fields == 3 && s->serial_ai[0] == '+') {
        /* serial appended to the key value (GRAI, GDTI, SGCN) */
        size_t sn;
        const char *sv = unescape(m, in + fs[2], fe[2] - fs[2], &sn);
        (void)sv; /* lies right after the key in the buffer */
        add(m, res, s->ai, key, kn + sn, fs[0], len - fs[0]);
        return 0;
    }
    add(m, res, s->ai, key, kn, fs[0], fe[s->fields == 5 ? 3 : 1] - fs[0]);
    if (s->fields >= 3 && s->serial_ai[0]) {
        size_t sn, si = (size_t)s->fields - 1;
        const char *sv = unescape(m, in + fs[si], fe[si] - fs[si], &sn);
        if (!strcmp(s->ai, "414") && sn == 1 && sv[0] == '0')
            return 0; /* SGLN extension 0 means "no extension" */
        add(m, res, s->serial_ai, sv, sn, fs[si], fe[si] - fs[si]);
    }
    return 0;
}

/* ---- writing ---- */

static int find(const gs1__msg *m, const char *ai)
{
    size_t i;
    for (i = 0; i < m->n; i++)
        if (!strcmp(m->e[i].ai, ai))
            return (int)i;
    return -1;
}

static size_t esc_serial(const char *s, size_t n, char *out, size_t size)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, k = 0;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (k + 4 >= size)
            return (size_t)-1;
        if ((c && strchr("\"%&/<>?", c)) || !gs1__cset82[c]) { /* as field_ok reads it */
            out[k++] = '%';
            out[k++] = hex[c >> 4];
            out[k++] = hex[c & 15];
        } else {
            out[k++] = (char)c;
        }
    }
    out[k] = '\0';
    return k;
}

static const epc_scheme *pick(const gs1__msg *m, int *key, int *ser)
{
    size_t i;
    *ser = -1;
    for (i = 0; i < TRACE__ARRAY_LEN(SCHEMES); i++) {
        const epc_scheme *s = &SCHEMES[i];
        int k = find(m, s->ai);
        if (k < 0)
            continue;
        if (!strcmp(s->ai, "01")) {
            const char *want = !strcmp(s->name, "sgtin") ? "21" : s->serial_ai;
            int j = find(m, want);
            if (j < 0)
                continue;
            *ser = j;
        } else if (s->serial_ai[0] && s->serial_ai[0] != '+') {
            *ser = find(m, s->serial_ai);
            if (*ser < 0 && strcmp(s->ai, "414"))
                continue;
        }
        *key = k;
        return s;
    }
    return NULL;
}

int gs1__write_epc(const trace_ctx *ctx, const gs1__msg *m, int gcp_len, char *out,
                   size_t size)
{
    int k, ser, n;
    const epc_scheme *s = pick(m, &k, &ser);
    const gs1__elem *e;
    char ref[128], serial[128] = "";
    size_t off = 0, keyd, cp;
    if (!s)
        return TRACE_EDATA;
    e = &m->e[k];
    off = (s->layout == 'i' || s->layout == 'e' || s->layout == 'z') ? 1 : 0;
    keyd = s->digits ? (size_t)s->digits : e->vlen;
    if (!gcp_len)
        gcp_len = trace_gs1_gcp_length(ctx, e->ai, e->val, e->vlen);
    if (gcp_len < 6 || gcp_len > 12)
        return TRACE_ENOTFOUND;
    cp = (size_t)gcp_len;
    for (n = 0; (size_t)n < cp && off + (size_t)n < e->vlen; n++)
        if (e->val[off + (size_t)n] < '0' || e->val[off + (size_t)n] > '9')
            return TRACE_EDATA; /* a company prefix is all digits */
    if (e->vlen < off + keyd || cp >= keyd + (s->digits ? 0 : 1) ||
        (!s->digits && cp > e->vlen))
        return TRACE_EDATA;
    if (s->layout == 'i' ||
        s->layout == 'e') /* the leading digit is one of the reference digits */
        snprintf(ref, sizeof(ref), "%c%.*s", e->val[0], (int)(keyd - cp - 1),
                 e->val + 1 + cp);
    else if (s->digits)
        snprintf(ref, sizeof(ref), "%.*s", (int)(keyd - cp), e->val + off + cp);
    else if (esc_serial(e->val + cp, e->vlen - cp, ref, sizeof(ref)) == (size_t)-1)
        return TRACE_EDATA;
    if (s->serial_ai[0] == '+') {
        size_t base = off + keyd + (size_t)s->check;
        if (e->vlen <= base)
            return TRACE_EDATA; /* GRAI/GDTI/SGCN without serial: no EPC */
        esc_serial(e->val + base, e->vlen - base, serial, sizeof(serial));
    } else if (ser >= 0) {
        if (esc_serial(m->e[ser].val, m->e[ser].vlen, serial, sizeof(serial)) ==
            (size_t)-1)
            return TRACE_EDATA;
    } else if (!strcmp(s->ai, "414")) {
        serial[0] = '0', serial[1] = '\0';
    }
    if (is_itip(s)) {
        if (e->vlen != 18)
            return TRACE_EDATA;
        /* piece and total become their own fields */
        n = snprintf(out, size, "urn:epc:id:itip:%.*s.%s.%.2s.%.2s.%s", (int)cp,
                     e->val + off, ref, e->val + 14, e->val + 16, serial);
    } else {
        n = snprintf(out, size, "urn:epc:%s:%s:%.*s.%s%s%s",
                     !strcmp(s->name, "lgtin") ? "class" : "id", s->name, (int)cp,
                     e->val + off, ref, serial[0] || s->fields == 3 ? "." : "", serial);
    }
    if (n < 0 || (size_t)n >= size)
        return TRACE_EBUFS;
    return TRACE_OK;
}
