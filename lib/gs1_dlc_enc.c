/*
 * gs1_dlc_enc.c - writing a compressed GS1 Digital Link URI (UTDS Part 1, GS1:
 * R-1.G.7, "Compressed Digital Link"): optimisation codes chosen greedily, the
 * remaining AIs in lexical order, each value in the field layout of
 * gs1__dlc_format, then zero padding and URI-safe base64. Element order, the
 * choice of codes and of encoding indicators follow the GS1 prototype so that
 * both produce the same URI. Zero allocations: the bits live on the stack.
 */
#include <string.h>

#include "gs1_dlc_int.h"

#define WBYTES 4096

typedef struct wbits {
    size_t n; /* bits written */
    int over;
    uint8_t b[WBYTES];
} wbits;

static void put_bits(wbits *w, uint32_t v, unsigned k)
{
    while (k-- > 0) {
        uint8_t mask = (uint8_t)(0x80u >> (w->n % 8));
        if (w->n >= 8 * (size_t)WBYTES) {
            w->over = 1;
            return;
        }
        if ((v >> k) & 1u)
            w->b[w->n / 8] |= mask;
        else
            w->b[w->n / 8] &= (uint8_t)~mask;
        w->n++;
    }
}

static void put_number(wbits *w, const char *s, size_t n)
{
    uint32_t big[GS1__DLC_WORDS];
    unsigned k = gs1__dlc_vbits(n);
    gs1__dlc_big_digits(big, s, n);
    while (k-- > 0)
        put_bits(w, (big[k / 32] >> (k % 32)) & 1u, 1);
}

static int all_digits(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

/* Encoding indicator of s: 0 digits, 2 upper-case hex, 1 lower-case hex,
 * 3 base64url, 4 other printable ASCII or empty (in that preference); -1 when a byte
 * has no 7-bit encoding that decodes back. */
static int encoding(const char *s, size_t n)
{
    int dig = 1, up = 1, lo = 1, b64 = 1;
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7f)
            return -1;
        dig &= c >= '0' && c <= '9';
        up &= (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
        lo &= (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        b64 &= gs1__dlc_b64(c) >= 0;
    }
    if (n == 0)
        return 4; /* as the prototype, whose patterns need one character */
    return dig ? 0 : up ? 2 : lo ? 1 : b64 ? 3 : 4;
}

static void put_chars(wbits *w, int enc, const char *s, size_t n)
{
    size_t i;
    if (enc == 0) {
        put_number(w, s, n);
        return;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (enc <= 2)
            put_bits(w, (uint32_t)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10), 4);
        else if (enc == 3)
            put_bits(w, (uint32_t)gs1__dlc_b64(c), 6);
        else
            put_bits(w, c, 7);
    }
}

/* The value of e in its field layout; -1 when it does not fit the layout. */
static int put_value(wbits *w, const gs1__elem *e)
{
    gs1__dlc_part p[GS1__DLC_MAXPART];
    int np = gs1__dlc_format(e->idx, p), i;
    size_t pos = 0;
    for (i = 0; i < np; i++) {
        const char *s = e->val + pos;
        size_t rest = e->vlen - pos, n = p[i].len;
        int enc = 0;
        if (!p[i].fixed)
            n = rest < n ? rest : n;
        if (rest < n || (p[i].num && !all_digits(s, n)))
            return -1;
        if (!p[i].num) {
            if ((enc = encoding(s, n)) < 0)
                return -1;
            put_bits(w, (uint32_t)enc, 3);
        }
        if (!p[i].fixed)
            put_bits(w, (uint32_t)n, gs1__dlc_lbits(p[i].len));
        if (p[i].num)
            put_number(w, s, n);
        else
            put_chars(w, enc, s, n);
        pos += n;
    }
    return pos == e->vlen ? 0 : -1;
}

static int same_ai(const gs1__elem *e, const char *ai)
{
    return strlen(ai) == e->ailen && !memcmp(e->ai, ai, e->ailen);
}

/* Elements in lexical AI order (stable), exact repeats left out. */
static size_t sorted(const gs1__msg *m, size_t *ord)
{
    size_t i, j, n = 0;
    for (i = 0; i < m->n; i++) {
        const gs1__elem *e = &m->e[i];
        for (j = 0; j < n; j++) {
            const gs1__elem *f = &m->e[ord[j]];
            if (f->vlen == e->vlen && same_ai(f, e->ai) &&
                !memcmp(f->val, e->val, e->vlen))
                break;
        }
        if (j < n)
            continue;
        for (j = n; j > 0 && strcmp(m->e[ord[j - 1]].ai, e->ai) > 0; j--)
            ord[j] = ord[j - 1];
        ord[j] = i;
        n++;
    }
    return n;
}

/* Position in ord[0..n) of the first unused element with this AI, or n. */
static size_t find_ai(const gs1__msg *m, const size_t *ord, const unsigned char *used,
                      size_t n, const char *ai)
{
    size_t j;
    for (j = 0; j < n && (used[j] || !same_ai(&m->e[ord[j]], ai)); j++)
        ;
    return j;
}

/* Greedy choice as in the prototype: the code covering the most AI digits
 * (first row on a tie) while any code is fully present. */
static const gs1__dlc_opt *best_opt(const gs1__msg *m, const size_t *ord,
                                    const unsigned char *used, size_t n)
{
    const gs1__dlc_opt *o, *best = NULL;
    size_t i, most = 0;
    for (i = 0; (o = gs1__dlc_opt_at(i)) != NULL; i++) {
        size_t k, w = 0;
        for (k = 0; k < o->n && find_ai(m, ord, used, n, o->ai[k]) < n; k++)
            w += strlen(o->ai[k]);
        if (k == o->n && w > most)
            best = o, most = w;
    }
    return best;
}

static int is_key(const gs1__elem *e)
{
    const gs1__ai *ai = gs1__ai_at(e->idx);
    return ai && (ai->flags & GS1_F_DLPKEY);
}

static void put_ai_digits(wbits *w, const gs1__elem *e)
{
    size_t k;
    for (k = 0; k < e->ailen; k++)
        put_bits(w, (uint32_t)(e->ai[k] - '0'), 4);
}

/*
 * The decoder takes the first primary key it meets as the key. With one
 * primary key, lexical order (the prototype's) keeps it the key; with two
 * (a second key is a query attribute, e.g. (8018) with ?00=), the key of the
 * message (its first primary key) is written first so that it stays the key.
 */
static size_t key_first(const gs1__msg *m, const size_t *ord, size_t n)
{
    size_t j, first = n, keys = 0;
    for (j = 0; j < n; j++)
        if (is_key(&m->e[ord[j]]) && keys++ == 0)
            first = j;
    for (j = 0; keys > 1 && j < n; j++) /* the message's first key, not the lexical one */
        if (is_key(&m->e[ord[j]]) && ord[j] < ord[first])
            first = j;
    return keys > 1 ? first : n;
}

static int put_elements(wbits *w, const gs1__msg *m, unsigned opts)
{
    size_t ord[GS1_MAX_ELEMS], n = sorted(m, ord), j, k, kf = key_first(m, ord, n);
    unsigned char used[GS1_MAX_ELEMS] = {0};
    const gs1__dlc_opt *o;
    if (kf < n) {
        used[kf] = 1;
        put_ai_digits(w, &m->e[ord[kf]]);
        if (put_value(w, &m->e[ord[kf]]) < 0)
            return -1;
    }
    while (!(opts & GS1__DLC_NOOPT) && (o = best_opt(m, ord, used, n)) != NULL) {
        put_bits(w, o->code, 8);
        for (k = 0; k < o->n; k++) {
            j = find_ai(m, ord, used, n, o->ai[k]);
            used[j] = 1;
            if (put_value(w, &m->e[ord[j]]) < 0)
                return -1;
        }
    }
    for (j = 0; j < n; j++) {
        const gs1__elem *e = &m->e[ord[j]];
        if (used[j])
            continue;
        put_ai_digits(w, e);
        if (put_value(w, e) < 0)
            return -1;
    }
    return 0;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    c = (char)(c | 0x20);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A non-GS1 pair k=v as header F, 7-bit key length, 6-bit key characters, then
 * encoding indicator, 7-bit length and the value. 0 when it cannot be
 * compressed (the caller keeps it in the query). */
static int put_pair(wbits *w, const char *s, size_t n)
{
    const char *eq = memchr(s, '=', n);
    char val[128];
    size_t klen = eq ? (size_t)(eq - s) : 0, vlen = 0, i;
    int enc;
    if (!klen || klen > 127 || all_digits(s, klen))
        return 0;
    for (i = 0; i < klen; i++)
        if (gs1__dlc_b64((unsigned char)s[i]) < 0)
            return 0;
    for (i = klen + 1; i < n; i++) {
        char c = s[i];
        if (vlen == sizeof val)
            return 0;
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            i += 2;
        } else if (c == '+') {
            c = ' ';
        }
        val[vlen++] = c;
    }
    if (vlen > 127 || (enc = encoding(val, vlen)) < 0)
        return 0;
    put_bits(w, 0xF, 4);
    put_bits(w, (uint32_t)klen, 7);
    for (i = 0; i < klen; i++)
        put_bits(w, (uint32_t)gs1__dlc_b64((unsigned char)s[i]), 6);
    put_bits(w, (uint32_t)enc, 3);
    put_bits(w, (uint32_t)vlen, 7);
    put_chars(w, enc, val, vlen);
    return 1;
}

typedef struct sbuf {
    char *p;
    size_t n, size;
} sbuf;

static void put_text(sbuf *o, const char *s, size_t n)
{
    if (o->n <= o->size && n < o->size - o->n)
        memcpy(o->p + o->n, s, n);
    o->n += n;
}

/* The query pairs [s, s+n): compressed into w (PARAMS) or kept in the text. */
static void params(wbits *w, sbuf *q, const char *s, size_t n, unsigned opts)
{
    size_t a = 0;
    while (a < n) {
        size_t b = a;
        while (b < n && s[b] != '&')
            b++;
        if (b > a && !((opts & GS1__DLC_PARAMS) && put_pair(w, s + a, b - a))) {
            put_text(q, q->n ? "&" : "?", 1);
            put_text(q, s + a, b - a);
        }
        a = b + 1;
    }
}

size_t gs1__write_dlc(const gs1__msg *m, const char *stem, unsigned opts,
                      const char *query, size_t qlen, char *out, size_t size)
{
    char scratch[3 * TRACE_CODE_MAX_INPUT + 64], qtext[TRACE_CODE_MAX_INPUT + 2];
    wbits w;
    sbuf o = {out, 0, size}, q = {qtext, 0, sizeof qtext};
    size_t stemlen, i;
    if (size)
        out[0] = '\0';
    /* Only what has an uncompressed Digital Link has a compressed one. */
    if (gs1__write_dl(m, NULL, 0, NULL, scratch, sizeof scratch) == GS1__WNONE)
        return GS1__WNONE;
    w.n = 0, w.over = 0; /* put_bits writes every bit: no clearing needed */
    if (put_elements(&w, m, opts) < 0)
        return GS1__WNONE;
    if (query && qlen)
        params(&w, &q, query, qlen, opts);
    if (w.over || q.n >= q.size)
        return GS1__WFULL;
    if (!stem)
        stem = "https://id.gs1.org";
    stemlen = strlen(stem);
    while (stemlen && stem[stemlen - 1] == '/')
        stemlen--;
    put_text(&o, stem, stemlen);
    put_text(&o, "/", 1);
    for (i = 0; i < w.n; i += 6) {
        unsigned v = 0, k;
        for (k = 0; k < 6; k++) {
            size_t bit = i + k;
            v = v << 1 | (bit < w.n ? (w.b[bit / 8] >> (7 - bit % 8)) & 1u : 0u);
        }
        put_text(&o, &gs1__dlc_b64chars[v], 1);
    }
    put_text(&o, qtext, q.n);
    if (o.n >= size) {
        if (size)
            out[0] = '\0'; /* nothing partial */
        return GS1__WFULL;
    }
    out[o.n] = '\0';
    return o.n;
}

int trace_gs1_dl_compress(const trace_ctx *ctx, const trace_code_result *res,
                          const char *stem, unsigned flags, const char *params,
                          size_t plen, char *out, size_t size)
{
    gs1__msg m;
    size_t n;
    unsigned opts = 0;
    (void)ctx;
    if (!res || !out || !size || (plen && !params) ||
        (flags & ~(TRACE_GS1_DLC_NO_OPTIMISE | TRACE_GS1_DLC_PARAMS)))
        return TRACE_EINVAL;
    out[0] = '\0';
    if (gs1__msg_from_result(res, &m) < 0)
        return TRACE_EDATA;
    if (flags & TRACE_GS1_DLC_NO_OPTIMISE)
        opts |= GS1__DLC_NOOPT;
    if (flags & TRACE_GS1_DLC_PARAMS)
        opts |= GS1__DLC_PARAMS;
    n = gs1__write_dlc(&m, stem, opts, params, plen, out, size);
    if (n == GS1__WNONE)
        return TRACE_EDATA;
    return n == GS1__WFULL ? TRACE_EBUFS : TRACE_OK;
}
