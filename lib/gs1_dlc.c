/*
 * gs1_dlc.c - compressed GS1 Digital Link URIs (UTDS Part 1, GS1: R-1.G.5,
 * "Compressed Digital Link"): the field layout of each AI (derived from the
 * compiled AI table), the optimisation codes, and decoding of a compressed
 * path segment into a message that is then checked like any Digital Link.
 * The encoder is in gs1_dlc_enc.c. Nothing here allocates.
 */
#include <string.h>

#include "gs1_dlc_int.h"

#include "gs1_dlc.inc"

const char gs1__dlc_b64chars[65] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

int gs1__dlc_b64(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    return c == '-' ? 62 : c == '_' ? 63 : -1;
}

unsigned gs1__dlc_vbits(size_t n)
{
    return n < TRACE__ARRAY_LEN(GS1__DLC_VBITS) ? GS1__DLC_VBITS[n] : 0;
}

unsigned gs1__dlc_lbits(unsigned max)
{
    unsigned b = 0;
    for (; max; max >>= 1)
        b++;
    return b;
}

const gs1__dlc_opt *gs1__dlc_opt_at(size_t i)
{
    return i < TRACE__ARRAY_LEN(GS1__DLC_OPT) ? &GS1__DLC_OPT[i] : NULL;
}

const gs1__dlc_opt *gs1__dlc_opt_find(unsigned code)
{
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(GS1__DLC_OPT); i++)
        if (GS1__DLC_OPT[i].code == code)
            return &GS1__DLC_OPT[i];
    return NULL;
}

/* The bit layout groups the AI table's components the way the GS1 prototype's
 * format table does: adjacent mandatory fixed-length components of one kind
 * form one field (N1 N13 -> N14; X1 X1 X1 -> X3), a mandatory variable-length
 * character component joins a fixed one before it (X2 X..28 -> X..30), and
 * adjacent optional components of one kind form one variable-length field
 * ([N3] [N3] [N3] [N3] -> N..12). */
int gs1__dlc_format(int idx, gs1__dlc_part *p)
{
    const gs1__ai *ai = gs1__ai_at(idx);
    unsigned char opt[GS1__DLC_MAXPART];
    int n = 0, i;
    if (!ai) {
        p[0].num = 0, p[0].fixed = 0, p[0].len = 90; /* unknown AI: X..90 */
        return 1;
    }
    for (i = 0; i < ai->ncomp; i++) {
        const gs1__comp *c = &ai->comp[i];
        uint8_t num = c->cset == GS1_CSET_N, fixed = c->min == c->max;
        gs1__dlc_part *prev = n ? &p[n - 1] : NULL;
        if (c->optional) {
            if (prev && opt[n - 1] && prev->num == num) {
                prev->len = (uint8_t)(prev->len + c->max);
                continue;
            }
            fixed = 0;
        } else if (prev && !opt[n - 1] && prev->fixed && prev->num == num &&
                   (fixed || !num)) {
            prev->len = (uint8_t)(prev->len + c->max);
            prev->fixed = fixed;
            continue;
        }
        p[n].num = num, p[n].fixed = fixed, p[n].len = c->max;
        opt[n++] = c->optional;
    }
    return n;
}

/* ---- numbers: a little-endian array of 32-bit words ---- */

void gs1__dlc_big_digits(uint32_t *w, const char *s, size_t n)
{
    size_t i, k;
    memset(w, 0, GS1__DLC_WORDS * sizeof *w);
    for (i = 0; i < n; i++) {
        uint64_t carry = (uint64_t)(s[i] - '0');
        for (k = 0; k < GS1__DLC_WORDS; k++) {
            uint64_t t = (uint64_t)w[k] * 10u + carry;
            w[k] = (uint32_t)t;
            carry = t >> 32;
        }
    }
}

/* Write w as exactly n decimal digits; -1 when it needs more (w is consumed). */
static int big_to_digits(uint32_t *w, char *s, size_t n)
{
    size_t i, k;
    for (i = n; i-- > 0;) {
        uint64_t rem = 0;
        for (k = GS1__DLC_WORDS; k-- > 0;) {
            uint64_t t = (rem << 32) | w[k];
            w[k] = (uint32_t)(t / 10u);
            rem = t % 10u;
        }
        s[i] = (char)('0' + rem);
    }
    for (k = 0; k < GS1__DLC_WORDS; k++)
        if (w[k])
            return -1;
    return 0;
}

/* ---- the bit stream ---- */

typedef struct rd {
    const char *s; /* the base64url characters */
    size_t base;   /* offset of s in the input */
    size_t nbits, pos;
} rd;

static unsigned rd_bit(const rd *r, size_t i)
{
    return ((unsigned)gs1__dlc_b64((unsigned char)r->s[i / 6]) >> (5 - i % 6)) & 1u;
}

/* Read k <= 32 bits, most significant first; -1 past the end. */
static int rd_get(rd *r, unsigned k, uint32_t *v)
{
    unsigned i;
    if (k > r->nbits - r->pos)
        return -1;
    for (*v = 0, i = 0; i < k; i++)
        *v = (*v << 1) | rd_bit(r, r->pos++);
    return 0;
}

/* Decoding context of one element (for diagnostics). */
typedef struct dctx {
    rd *r;
    trace_code_result *res;
    const char *ai; /* AI or non-GS1 key, for the "ai" argument */
    size_t start;   /* first bit of the element */
    char name[128]; /* the AI or key read */
} dctx;

static size_t span_off(const dctx *d)
{
    return d->r->base + d->start / 6;
}

static size_t span_len(const dctx *d)
{
    size_t end = d->r->pos < d->r->nbits ? d->r->pos : d->r->nbits;
    return (end + 5) / 6 - d->start / 6;
}

static int fail(const dctx *d, int code)
{
    trace_diag *g = trace__code_diag(d->res, code, span_off(d), span_len(d));
    trace__diag_arg(g, "ai", d->ai);
    return -1;
}

/* The stream ends inside the element: the span runs to the end of the segment. */
static int truncated(dctx *d)
{
    d->r->pos = d->r->nbits;
    return fail(d, TRACE__D_DLC_TRUNCATED);
}

static int get(dctx *d, unsigned k, uint32_t *v)
{
    return rd_get(d->r, k, v) < 0 ? truncated(d) : 0;
}

static int get_number(dctx *d, size_t n, char *out)
{
    uint32_t w[GS1__DLC_WORDS] = {0};
    unsigned k = gs1__dlc_vbits(n), i;
    if (k > d->r->nbits - d->r->pos)
        return truncated(d);
    for (i = 0; i < k; i++) {
        unsigned j;
        for (j = GS1__DLC_WORDS; j-- > 1;)
            w[j] = (w[j] << 1) | (w[j - 1] >> 31);
        w[0] = (w[0] << 1) | rd_bit(d->r, d->r->pos++);
    }
    if (big_to_digits(w, out, n) < 0) {
        trace_diag *g =
            trace__code_diag(d->res, TRACE__D_DLC_BAD_NUMBER, span_off(d), span_len(d));
        trace__diag_arg(g, "ai", d->ai);
        trace__diag_argf(g, "digits", "%zu", n);
        return -1;
    }
    return 0;
}

/* n characters in encoding enc. */
static int get_chars(dctx *d, unsigned enc, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef0123456789ABCDEF";
    static const unsigned width[] = {0, 4, 4, 6, 7};
    size_t i;
    uint32_t v;
    if (enc > 4) {
        trace_diag *g =
            trace__code_diag(d->res, TRACE__D_DLC_BAD_ENCODING, span_off(d), span_len(d));
        trace__diag_arg(g, "ai", d->ai);
        trace__diag_argf(g, "enc", "%u", enc);
        return -1;
    }
    if (enc == 0)
        return get_number(d, n, out);
    for (i = 0; i < n; i++) {
        if (get(d, width[enc], &v) < 0)
            return -1;
        if (enc <= 2) {
            out[i] = hex[v + (enc == 2 ? 16u : 0u)];
        } else if (enc == 3) {
            out[i] = gs1__dlc_b64chars[v];
        } else if (v < 0x20 || v == 0x7f) {
            trace_diag *g =
                trace__code_diag(d->res, TRACE__D_DLC_BAD_CHAR, span_off(d), span_len(d));
            trace__diag_arg(g, "ai", d->ai);
            trace__diag_argf(g, "char", "0x%02X", (unsigned)v);
            return -1;
        } else {
            out[i] = (char)v;
        }
    }
    return 0;
}

static int get_length(dctx *d, unsigned max, size_t *n)
{
    uint32_t v;
    if (get(d, gs1__dlc_lbits(max), &v) < 0)
        return -1;
    if (v > max) {
        trace_diag *g =
            trace__code_diag(d->res, TRACE__D_DLC_BAD_LENGTH, span_off(d), span_len(d));
        trace__diag_arg(g, "ai", d->ai);
        trace__diag_argf(g, "length", "%u", (unsigned)v);
        trace__diag_argf(g, "max", "%u", max);
        return -1;
    }
    *n = v;
    return 0;
}

/* One field; returns the number of characters written to out, or -1. */
static long get_part(dctx *d, const gs1__dlc_part *p, char *out)
{
    size_t n = p->len;
    uint32_t enc = 0;
    if (!p->num && get(d, 3, &enc) < 0)
        return -1;
    if (!p->fixed && get_length(d, p->len, &n) < 0)
        return -1;
    if ((p->num ? get_number(d, n, out) : get_chars(d, enc, n, out)) < 0)
        return -1;
    return (long)n;
}

/* The value of the AI spelled ai into a new element. */
static int get_element(dctx *d, const char *ai, size_t ai_off, gs1__msg *m,
                       trace_code_result *res)
{
    gs1__dlc_part p[GS1__DLC_MAXPART];
    char val[GS1__DLC_MAXPART * 255];
    size_t vlen = 0, vstart = d->r->pos;
    int np, i;
    gs1__elem *e = gs1__msg_add(m, res, ai, strlen(ai), ai_off);
    if (!e)
        return -1;
    np = gs1__dlc_format(e->idx, p);
    for (i = 0; i < np; i++) {
        long k = get_part(d, &p[i], val + vlen);
        if (k < 0) {
            m->n--; /* no element without its value */
            return -1;
        }
        vlen += (size_t)k;
    }
    e->off = (uint32_t)(d->r->base + vstart / 6);
    e->len = (uint32_t)((d->r->pos + 5) / 6 - vstart / 6);
    e->val = gs1__msg_store(m, val, vlen);
    e->vlen = (uint32_t)vlen;
    if (e->idx < 0)
        gs1__diag(res, TRACE__D_GS1_UNKNOWN_AI_USED, ai_off, e->len, e->ai);
    return 0;
}

static void bad_ai(dctx *d, const char *hex)
{
    trace_diag *g =
        trace__code_diag(d->res, TRACE__D_DLC_BAD_AI, span_off(d), span_len(d));
    trace__diag_arg(g, "hex", hex);
}

/* A non-GS1 key=value pair (header F): reported like an ignored query parameter. */
static int get_pair(dctx *d, uint32_t h2)
{
    char *key = d->name, val[128];
    uint32_t lo, enc, v;
    size_t klen, vlen, i;
    if (get(d, 3, &lo) < 0)
        return -1;
    klen = (size_t)(h2 << 3 | lo);
    for (i = 0; i < klen; i++) {
        if (get(d, 6, &v) < 0)
            return -1;
        key[i] = gs1__dlc_b64chars[v];
    }
    key[klen] = '\0';
    d->ai = key;
    if (get(d, 3, &enc) < 0 || get(d, 7, &v) < 0)
        return -1;
    vlen = v;
    if (get_chars(d, enc, vlen, val) < 0)
        return -1;
    {
        trace_diag *g =
            trace__code_diag(d->res, TRACE__D_DL_IGNORED, span_off(d), span_len(d));
        trace__diag_argf(g, "param", "%s=%.*s", key, (int)vlen, val);
    }
    return 0;
}

/* The element starting at the reader's position. first: nothing decoded yet,
 * so an unknown header means "not compressed" (returns 1, no diagnostic). */
static int element(dctx *d, unsigned flags, gs1__msg *m, int first)
{
    static const char hx[] = "0123456789ABCDEF";
    char *ai = d->name, hex[5] = {0};
    uint32_t h1, h2, h;
    size_t ai_off = span_off(d);
    const gs1__dlc_opt *o;
    int len, i;
    if (get(d, 4, &h1) < 0 || get(d, 4, &h2) < 0)
        return -1;
    hex[0] = hx[h1], hex[1] = hx[h2];
    if (h1 <= 9 && h2 <= 9) {
        memset(ai, 0, 5);
        ai[0] = (char)('0' + h1), ai[1] = (char)('0' + h2);
        len = gs1__prefix_len(ai);
        for (i = 2; i < len; i++) {
            if (get(d, 4, &h) < 0)
                return -1;
            hex[i] = hx[h];
            hex[i + 1] = '\0';
            if (h > 9) {
                bad_ai(d, hex);
                return -1;
            }
            ai[i] = (char)('0' + h);
        }
        d->ai = ai;
        if (len == 0 || (gs1__ai_find(ai, (size_t)len) < 0 &&
                         !(flags & TRACE_CODE_PERMIT_UNKNOWN_AI))) {
            if (first)
                return 1;
            if (len == 0)
                bad_ai(d, hex);
            else
                gs1__diag(d->res, TRACE__D_GS1_UNKNOWN_AI, ai_off, span_len(d), ai);
            return -1;
        }
        return get_element(d, ai, ai_off, m, d->res);
    }
    if ((o = gs1__dlc_opt_find(h1 << 4 | h2)) != NULL) {
        for (i = 0; i < o->n; i++) {
            d->ai = o->ai[i];
            if (get_element(d, o->ai[i], ai_off, m, d->res) < 0)
                return -1;
        }
        return 0;
    }
    if (first)
        return 1; /* a compressed link starts with a GS1 element */
    if (h1 == 0xF)
        return get_pair(d, h2);
    bad_ai(d, hex);
    return -1;
}

/* Decode the segment [a, b) (all base64url). 1 = not compressed. */
static int stream(const char *in, size_t a, size_t b, unsigned flags, gs1__msg *m,
                  trace_code_result *res)
{
    rd r = {in + a, a, 6 * (b - a), 0};
    dctx d = {&r, res, "", 0, {0}};
    int first = 1, rc;
    for (;;) {
        size_t rem = r.nbits - r.pos, i;
        if (rem < 8) {
            for (i = r.pos; i < r.nbits && !rd_bit(&r, i); i++)
                ;
            if (rem < 6 && i == r.nbits)
                return first; /* padding: done (nothing at all: not compressed) */
            {
                trace_diag *g = trace__code_diag(res, TRACE__D_DLC_TRAILING,
                                                 a + r.pos / 6, b - a - r.pos / 6);
                trace__diag_argf(g, "bits", "%zu", rem);
            }
            return -1;
        }
        d.start = r.pos;
        d.ai = "";
        rc = element(&d, flags, m, first);
        if (rc != 0)
            return rc;
        first = 0;
    }
}

/* ---- the Digital Link rules for a decoded message ---- */

static int in_alt(const gs1__alt *alt, int idx)
{
    int q;
    for (q = 0; q < alt->n; q++)
        if (alt->q[q] == idx)
            return 1;
    return 0;
}

static int is_qualifier(const gs1__ai *key, int idx)
{
    int k;
    for (k = 0; k < key->alt_n; k++)
        if (in_alt(gs1__dl_alt(key->alt_first + k), idx))
            return 1;
    return 0;
}

/* A compressed link has no path/query split: the first primary key is the key,
 * the qualifiers of its best-covered alternative are its path, and every other
 * AI must be allowed as a query attribute, as in the uncompressed form. */
static void rules(const gs1__msg *m, size_t a, size_t n, trace_code_result *res)
{
    const gs1__ai *key = NULL;
    const gs1__alt *best = NULL;
    size_t i, ki, most = 0;
    int k;
    for (ki = 0; ki < m->n; ki++)
        if ((key = gs1__ai_at(m->e[ki].idx)) && (key->flags & GS1_F_DLPKEY))
            break;
    if (ki == m->n) {
        trace__code_diag(res, TRACE__D_DL_NO_KEY, a, n);
        return;
    }
    for (k = 0; k < key->alt_n; k++) {
        const gs1__alt *alt = gs1__dl_alt(key->alt_first + k);
        size_t c = 0;
        for (i = 0; i < m->n; i++)
            c += i != ki && in_alt(alt, m->e[i].idx);
        if (!best || c > most)
            best = alt, most = c;
    }
    for (i = 0; i < m->n; i++) {
        const gs1__ai *ai = gs1__ai_at(m->e[i].idx);
        if (i == ki || (best && in_alt(best, m->e[i].idx)) ||
            (ai && (ai->flags & GS1_F_DLATTR)))
            continue;
        if (ai && is_qualifier(key, m->e[i].idx))
            gs1__diag(res, TRACE__D_DL_BAD_SEQUENCE, m->e[ki].ai_off, n, m->e[ki].ai);
        else
            gs1__diag(res, TRACE__D_DL_NOT_ATTRIBUTE, m->e[i].ai_off, 1, m->e[i].ai);
    }
}

/* ---- detection ---- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The path key's value, percent-decoded when needed. */
static void key_value(gs1__msg *m, gs1__elem *e, const char *s, size_t n)
{
    char buf[TRACE_CODE_MAX_INPUT];
    size_t i, k = 0;
    e->val = s, e->vlen = (uint32_t)n;
    if (!memchr(s, '%', n))
        return;
    for (i = 0; i < n && k < sizeof buf; i++) {
        if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            buf[k++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else {
            buf[k++] = s[i];
        }
    }
    e->val = gs1__msg_store(m, buf, k);
    e->vlen = (uint32_t)k;
}

/* Segment [a, b) spells an AI (2-4 digits with a table entry). */
static int seg_ai(const char *in, size_t a, size_t b, unsigned flags)
{
    size_t i;
    if (b - a < 2 || b - a > 4)
        return 0;
    for (i = a; i < b; i++)
        if (in[i] < '0' || in[i] > '9')
            return 0;
    return gs1__ai_find(in + a, b - a) >= 0 || ((flags & TRACE_CODE_PERMIT_UNKNOWN_AI) &&
                                                gs1__prefix_len(in + a) == (int)(b - a));
}

static size_t seg_start(const char *in, size_t ps, size_t end)
{
    while (end > ps && in[end - 1] != '/')
        end--;
    return end;
}

/* The last segment is compressed when it is all base64url, the segment before it
 * is not an AI (so the path is not /AI/value), and it starts with a GS1 element.
 * "/key AI/key value/segment" is the partially compressed form (key uncompressed). */
int gs1__dlc_path(const char *in, size_t ps, size_t pe, unsigned flags, gs1__msg *m,
                  trace_code_result *res)
{
    size_t ls = seg_start(in, ps, pe), vs, ks = 0, i;
    gs1__elem *key = NULL;
    int rc;
    if (ls == pe || ls <= ps)
        return 1;
    /* The common uncompressed path ends in /AI/value: rule it out first, as it
       costs only the look at the short segment before the last. */
    vs = seg_start(in, ps, ls - 1);
    if (ls - 1 > ps && seg_ai(in, vs, ls - 1, flags))
        return 1;
    for (i = ls; i < pe; i++)
        if (gs1__dlc_b64((unsigned char)in[i]) < 0)
            return 1;
    if (vs - 1 > ps && ls - 1 > vs) {
        const gs1__ai *ai;
        ks = seg_start(in, ps, vs - 1);
        ai = seg_ai(in, ks, vs - 1, flags)
                 ? gs1__ai_at(gs1__ai_find(in + ks, vs - 1 - ks))
                 : NULL;
        if (ai && (ai->flags & GS1_F_DLPKEY)) {
            if (!(key = gs1__msg_add(m, res, in + ks, vs - 1 - ks, ks)))
                return -1;
            key->in_path = 1;
            key->off = (uint32_t)vs;
            key->len = (uint32_t)(ls - 1 - vs);
            key_value(m, key, in + vs, ls - 1 - vs);
        }
    }
    rc = stream(in, ls, pe, flags, m, res);
    if (rc == 1) {
        m->n = 0, m->used = 0; /* not compressed: undo the key */
        return 1;
    }
    if (rc < 0)
        return -1;
    m->stem_off = 0;
    m->stem_len = (uint32_t)((key ? ks : ls) - 1);
    rules(m, ls, pe - ls, res);
    return 0;
}
