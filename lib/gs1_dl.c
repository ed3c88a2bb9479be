/*
 * gs1_dl.c - GS1 Digital Link URIs (UTDS Part 1, GS1: R-1.G.5): parsing into
 * a message (path key and qualifiers, query attributes) with every rule of the
 * DL standard as the GS1 reference engine applies it, and generation from a
 * message. Key-qualifier sequences are checked with the generated automata,
 * never by building and comparing strings.
 */
#include <string.h>

#include "gs1_int.h"

/* RFC 3986 characters (unreserved, reserved and '%'): a 256-entry table,
 * built once per call site by the compiler from these ranges. Bit 0 = URI
 * character; bits 1 and 2 mark '%' and '+', the bytes that need decoding. */
#define R1(c) [c] = 1
#define R3(c) [c] = 3
#define R5(c) [c] = 5
static const unsigned char URI_CHAR[256] = {
    R1('-'), R1('.'), R1('_'), R1('~'), R1(':'), R1('/'),  R1('?'), R1('#'), R1('['),
    R1(']'), R1('@'), R1('!'), R1('$'), R1('&'), R1('\''), R1('('), R1(')'), R1('*'),
    R5('+'), R1(','), R1(';'), R1('='), R3('%'), R1('0'),  R1('1'), R1('2'), R1('3'),
    R1('4'), R1('5'), R1('6'), R1('7'), R1('8'), R1('9'),  R1('A'), R1('B'), R1('C'),
    R1('D'), R1('E'), R1('F'), R1('G'), R1('H'), R1('I'),  R1('J'), R1('K'), R1('L'),
    R1('M'), R1('N'), R1('O'), R1('P'), R1('Q'), R1('R'),  R1('S'), R1('T'), R1('U'),
    R1('V'), R1('W'), R1('X'), R1('Y'), R1('Z'), R1('a'),  R1('b'), R1('c'), R1('d'),
    R1('e'), R1('f'), R1('g'), R1('h'), R1('i'), R1('j'),  R1('k'), R1('l'), R1('m'),
    R1('n'), R1('o'), R1('p'), R1('q'), R1('r'), R1('s'),  R1('t'), R1('u'), R1('v'),
    R1('w'), R1('x'), R1('y'), R1('z')};
#undef R1
#undef R3
#undef R5

/* Characters of a host (registered name, IPv4, bracketed IPv6, port). */
#define H1(c) [c] = 1
static const unsigned char HOST_CHAR[256] = {
    H1('.'), H1('-'), H1(':'), H1('['), H1(']'), H1('0'), H1('1'), H1('2'), H1('3'),
    H1('4'), H1('5'), H1('6'), H1('7'), H1('8'), H1('9'), H1('A'), H1('B'), H1('C'),
    H1('D'), H1('E'), H1('F'), H1('G'), H1('H'), H1('I'), H1('J'), H1('K'), H1('L'),
    H1('M'), H1('N'), H1('O'), H1('P'), H1('Q'), H1('R'), H1('S'), H1('T'), H1('U'),
    H1('V'), H1('W'), H1('X'), H1('Y'), H1('Z'), H1('a'), H1('b'), H1('c'), H1('d'),
    H1('e'), H1('f'), H1('g'), H1('h'), H1('i'), H1('j'), H1('k'), H1('l'), H1('m'),
    H1('n'), H1('o'), H1('p'), H1('q'), H1('r'), H1('s'), H1('t'), H1('u'), H1('v'),
    H1('w'), H1('x'), H1('y'), H1('z')};
#undef H1

static int uri_char(unsigned char c)
{
    return URI_CHAR[c];
}

static size_t scheme_len(const char *in, size_t len)
{
    static const char *const schemes[] = {"https://", "http://", "HTTPS://", "HTTP://"};
    static const unsigned char lens[] = {8, 7, 8, 7};
    size_t i;
    for (i = 0; i < 4; i++)
        if (len >= lens[i] && !memcmp(in, schemes[i], lens[i]))
            return lens[i];
    return 0;
}

int gs1__is_dl(const char *in, size_t len)
{
    return len >= 7 && (in[0] == 'h' || in[0] == 'H') && (in[1] == 't' || in[1] == 'T') &&
           (in[2] == 't' || in[2] == 'T') && (in[3] == 'p' || in[3] == 'P');
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Internal flag: the whole URI holds no '%' and no '+', so no value needs
 * decoding (set by gs1__parse_dl from its character check). */
#define DL_PLAIN 0x80000000u

/* Does s[0..n) hold a '%' (or, in the query, a '+')? One table pass. */
static int needs_decoding(const char *s, size_t n, int query)
{
    static const unsigned char SPECIAL[256] = {['%'] = 1, ['+'] = 2};
    const unsigned char *u = (const unsigned char *)s;
    unsigned seen = 0;
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        seen |= SPECIAL[u[i]] | SPECIAL[u[i + 1]] | SPECIAL[u[i + 2]] | SPECIAL[u[i + 3]];
    for (; i < n; i++)
        seen |= SPECIAL[u[i]];
    return (seen & 1) || (query && (seen & 2));
}

/* Percent-decode in[0..n) into the message buffer ('+' -> ' ' in the query).
 * Returns 0, or -1 for %00. */
static int decode(gs1__msg *m, gs1__elem *e, const char *s, size_t n, int query,
                  unsigned flags)
{
    size_t i, k = 0;
    char *dst = m->buf + m->used;
    if ((flags & DL_PLAIN) || !needs_decoding(s, n, query)) {
        e->val = s; /* nothing to decode: keep the view into the input */
        e->vlen = (uint32_t)n;
        return 0;
    }
    for (i = 0; i < n; i++) {
        char c = s[i];
        if (c == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
            c = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
            if (c == 0)
                return -1;
            i += 2;
        } else if (query && c == '+') {
            c = ' ';
        }
        dst[k++] = c;
    }
    m->used += k;
    e->val = dst;
    e->vlen = (uint32_t)k;
    return 0;
}

static void dl_err(trace_code_result *res, int code, size_t off, size_t len,
                   const char *what)
{
    trace_diag *d = trace__code_diag(res, code, off, len);
    if (what)
        trace__diag_arg(d, "what", what);
}

/* Segment [a, b) of the path is an AI with a table entry (or permitted unknown). */
static int seg_ai(const char *in, size_t a, size_t b, unsigned flags)
{
    size_t i;
    if (b - a < 2 || b - a > 4)
        return 0;
    for (i = a; i < b; i++)
        if (in[i] < '0' || in[i] > '9')
            return 0;
    if (gs1__ai_find(in + a, b - a) >= 0)
        return 1;
    return (flags & TRACE_CODE_PERMIT_UNKNOWN_AI) &&
           gs1__prefix_len(in + a) == (int)(b - a);
}

static int is_key(const char *in, size_t a, size_t b)
{
    const gs1__ai *ai = gs1__ai_at(gs1__ai_find(in + a, b - a));
    return ai && (ai->flags & GS1_F_DLPKEY);
}

/* Are all of u[0..n) URI characters? Eight table reads per step; *special
 * collects the '%' and '+' bits of the table. */
static int all_uri_chars(const unsigned char *u, size_t n, unsigned *special)
{
    const unsigned char *t = URI_CHAR;
    unsigned ok = 1, sp = 0;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        unsigned a = t[u[i]], b = t[u[i + 1]], c = t[u[i + 2]], d = t[u[i + 3]],
                 e = t[u[i + 4]], f = t[u[i + 5]], g = t[u[i + 6]], h = t[u[i + 7]];
        ok &= a & b & c & d & e & f & g & h;
        sp |= a | b | c | d | e | f | g | h;
    }
    for (; i < n; i++)
        ok &= t[u[i]], sp |= t[u[i]];
    *special = sp & 6u;
    return (int)(ok & 1u);
}

/* Whole-URI character check; returns the number of bad characters. */
static int check_chars(const char *in, size_t len, trace_code_result *res,
                       unsigned *special)
{
    size_t i;
    int bad = 0;
    /* Valid URIs are the rule: test them branch-free, report only if needed. */
    if (all_uri_chars((const unsigned char *)in, len, special))
        return 0;
    for (i = 0; i < len; i++)
        if (!uri_char((unsigned char)in[i])) {
            trace_diag *d = trace__code_diag(res, TRACE__D_DL_BAD_CHAR, i, 1);
            if ((unsigned char)in[i] < 0x21 || (unsigned char)in[i] > 0x7e)
                trace__diag_argf(d, "char", "0x%02X", (unsigned char)in[i]);
            else
                trace__diag_argn(d, "char", in + i, 1);
            bad++;
        }
    return bad;
}

/* Find the path: returns the offset of the first '/' after the host, or 0. */
static size_t host_end(const char *in, size_t len, trace_code_result *res)
{
    size_t s = scheme_len(in, len), p;
    if (!s) {
        dl_err(res, TRACE__D_DL_BAD_URI, 0, len < 8 ? len : 8,
               "scheme must be http:// or https://");
        return 0;
    }
    /* One scan: the host ends at '/', '?' or '#'; any other character that is
     * not a host character is the first bad one. */
    for (p = s; p < len && HOST_CHAR[(unsigned char)in[p]]; p++)
        ;
    if (p < len && in[p] != '/' && in[p] != '?' && in[p] != '#') {
        dl_err(res, TRACE__D_DL_BAD_URI, p, 1, "character not allowed in the host");
        return 0;
    }
    if (p == s) {
        dl_err(res, TRACE__D_DL_BAD_URI, s, 0, "no host");
        return 0;
    }
    if (p >= len || in[p] != '/') {
        dl_err(res, TRACE__D_DL_NO_KEY, p, 0, NULL);
        return 0;
    }
    return p;
}

static int path_elems(const char *in, size_t ps, size_t pe, unsigned flags, gs1__msg *m,
                      trace_code_result *res);
static void query_elems(const char *in, size_t qs, size_t qe, unsigned flags, gs1__msg *m,
                        trace_code_result *res);
static void duplicates(const gs1__msg *m, trace_code_result *res);

int gs1__parse_dl(const char *in, size_t len, unsigned flags, gs1__msg *m,
                  trace_code_result *res)
{
    size_t ps, pe, qe = len;
    int rc;
    unsigned special;
    m->from_dl = 1;
    if (check_chars(in, len, res, &special))
        return -1;
    flags = special ? flags & ~DL_PLAIN : flags | DL_PLAIN;
    ps = host_end(in, len, res);
    if (!ps)
        return -1;
    {
        const char *h = memchr(in + ps, '#', len - ps);
        if (h)
            qe = (size_t)(h - in); /* the fragment is not GS1 data */
    }
    {
        const char *q = memchr(in + ps, '?', qe - ps);
        pe = q ? (size_t)(q - in) : qe;
    }
    rc = gs1__dlc_path(in, ps, pe, flags, m, res); /* compressed (gs1_dlc.c) */
    if (rc > 0)
        rc = path_elems(in, ps, pe, flags, m, res);
    if (rc < 0)
        return -1;
    if (pe < qe)
        query_elems(in, pe + 1, qe, flags, m, res);
    gs1__dl_pad_gtin(m, res); /* GTIN-8/12/13 -> GTIN-14 (gs1_dl_gtin.c) */
    duplicates(m, res);
    return 0;
}

/* Is key m->e[0] followed by the qualifiers m->e[1..npath) valid, with AI ins
 * (when >= 0) inserted before qualifier position pos (1..npath)? */
static int seq_ok(const gs1__msg *m, size_t npath, int ins, size_t pos)
{
    const gs1__ai *key = gs1__ai_at(m->e[0].idx);
    int st;
    size_t i;
    if (!key || key->dl_start < 0)
        return 0;
    st = key->dl_start;
    for (i = 1; i <= npath; i++) {
        if (ins >= 0 && i == pos && (st = gs1__dl_step(st, ins)) < 0)
            return 0;
        if (i < npath && (st = gs1__dl_step(st, m->e[i].idx)) < 0)
            return 0;
    }
    return 1;
}

static int path_elems(const char *in, size_t ps, size_t pe, unsigned flags, gs1__msg *m,
                      trace_code_result *res)
{
    size_t seg[2 * GS1_MAX_ELEMS + 2], nseg = 0, p = ps, k, keyseg = (size_t)-1, i;
    /* Segment starts (after each '/'), right to left pairing. */
    while (p < pe && nseg < TRACE__ARRAY_LEN(seg) - 1) {
        const char *sl = memchr(in + p + 1, '/', pe - p - 1);
        seg[nseg++] = p + 1;
        p = sl ? (size_t)(sl - in) : pe;
    }
    seg[nseg] = pe + 1; /* sentinel: segment i ends at seg[i+1]-1 */
    if (nseg >= 2 && seg[nseg] - 1 == seg[nseg - 1] && pe > ps && in[pe - 1] == '/') {
        dl_err(res, TRACE__D_DL_BAD_VALUE, pe - 1, 1, "empty value (trailing '/')");
        trace__diag_arg(&res->diags[res->ndiags - 1], "ai", "");
        return -1;
    }
    for (k = nseg; k >= 2; k -= 2) {
        size_t a = seg[k - 2], b = seg[k - 1] - 1;
        if (!seg_ai(in, a, b, flags))
            break;
        if (is_key(in, a, b)) {
            keyseg = k - 2;
            break;
        }
    }
    if (keyseg == (size_t)-1) {
        dl_err(res, TRACE__D_DL_NO_KEY, ps, pe - ps, NULL);
        return -1;
    }
    m->stem_off = 0;
    m->stem_len = (uint32_t)(seg[keyseg] - 1);
    for (i = keyseg; i + 1 < nseg; i += 2) {
        size_t a = seg[i], b = seg[i + 1] - 1, vb = seg[i + 2] - 1;
        gs1__elem *e = gs1__msg_add(m, res, in + a, b - a, a);
        if (!e)
            return -1;
        if (e->idx < 0)
            gs1__diag(res, TRACE__D_GS1_UNKNOWN_AI_USED, a, b - a, e->ai);
        e->in_path = 1;
        e->off = (uint32_t)(b + 1);
        e->len = (uint32_t)(vb - b - 1);
        e->val = in + b + 1,
        e->vlen = e->len; /* kept as written if it cannot be decoded */
        if (e->len == 0 || decode(m, e, in + b + 1, e->len, 0, flags) < 0)
            gs1__diag(res, TRACE__D_DL_BAD_VALUE, e->off, e->len, e->ai),
                trace__diag_arg(&res->diags[res->ndiags - 1], "what",
                                e->len ? "encoded NUL (%00)" : "empty");
    }
    m->n_path = m->n;
    if (!seq_ok(m, m->n, -1, 0))
        gs1__diag(res, TRACE__D_DL_BAD_SEQUENCE, m->e[0].ai_off, pe - m->e[0].ai_off,
                  m->e[0].ai);
    return 0;
}

static void ignored(trace_code_result *res, const char *in, size_t a, size_t b)
{
    trace_diag *d = trace__code_diag(res, TRACE__D_DL_IGNORED, a, b - a);
    trace__diag_argn(d, "param", in + a, b - a);
}

/* Would the query AI fit into the path at some non-initial position? */
static int fits_path(const gs1__msg *m, int idx)
{
    const gs1__ai *key = m->n_path ? gs1__ai_at(m->e[0].idx) : NULL;
    int pre = key ? key->dl_start : -1; /* state after the key and e[1..pos) */
    size_t pos, i;
    /* seq_ok for every insertion point, without re-walking the common prefix. */
    for (pos = 1; pos <= m->n_path && pre >= 0; pos++) {
        int st = gs1__dl_step(pre, idx);
        for (i = pos; st >= 0 && i < m->n_path; i++)
            st = gs1__dl_step(st, m->e[i].idx);
        if (st >= 0)
            return 1;
        if (pos < m->n_path)
            pre = gs1__dl_step(pre, m->e[pos].idx);
    }
    return 0;
}

static void query_one(const char *in, size_t a, size_t b, unsigned flags, gs1__msg *m,
                      trace_code_result *res)
{
    size_t eq = a, i;
    gs1__elem *e;
    const gs1__ai *ai;
    while (eq < b && in[eq] != '=')
        eq++;
    for (i = a; i < eq && in[i] >= '0' && in[i] <= '9'; i++)
        ;
    if (eq == b || i != eq || eq == a) {
        ignored(res, in, a, b);
        return;
    }
    if (eq - a < 2 || eq - a > 4 ||
        (gs1__ai_find(in + a, eq - a) < 0 && !(flags & TRACE_CODE_PERMIT_UNKNOWN_AI))) {
        trace_diag *d = trace__code_diag(res, TRACE__D_GS1_UNKNOWN_AI, a, eq - a);
        trace__diag_argn(d, "ai", in + a, eq - a < 8 ? eq - a : 8);
        return;
    }
    e = gs1__msg_add(m, res, in + a, eq - a, a);
    if (!e)
        return;
    e->off = (uint32_t)(eq + 1);
    e->len = (uint32_t)(b - eq - 1);
    e->val = in + eq + 1, e->vlen = e->len;
    if (e->len == 0 || decode(m, e, in + eq + 1, e->len, 1, flags) < 0)
        gs1__diag(res, TRACE__D_DL_BAD_VALUE, e->off, e->len, e->ai),
            trace__diag_arg(&res->diags[res->ndiags - 1], "what",
                            e->len ? "encoded NUL (%00)" : "empty");
    ai = gs1__ai_at(e->idx);
    if (!ai) {
        gs1__diag(res, TRACE__D_DL_NOT_ATTRIBUTE, a, eq - a, e->ai);
        return;
    }
    if (!(ai->flags & GS1_F_DLATTR))
        gs1__diag(res, TRACE__D_DL_NOT_ATTRIBUTE, a, eq - a, e->ai);
    else if (fits_path(m, e->idx))
        gs1__diag(res, TRACE__D_DL_SHOULD_BE_PATH, a, eq - a, e->ai);
}

static void query_elems(const char *in, size_t qs, size_t qe, unsigned flags, gs1__msg *m,
                        trace_code_result *res)
{
    size_t a = qs;
    while (a < qe) {
        const char *amp = memchr(in + a, '&', qe - a);
        size_t b = amp ? (size_t)(amp - in) : qe;
        if (b > a)
            query_one(in, a, b, flags, m, res);
        a = b + 1;
    }
}

/* Same AI spelling: the table index decides when either AI is known. */
static int same_ai(const gs1__elem *a, const gs1__elem *b)
{
    if (a->idx >= 0 || b->idx >= 0)
        return a->idx == b->idx;
    return a->ailen == b->ailen && !memcmp(a->ai, b->ai, a->ailen);
}

/* No AI may appear twice anywhere in a DL URI, even with the same value. */
static void duplicates(const gs1__msg *m, trace_code_result *res)
{
    size_t i, j;
    uint64_t seen = m->n ? (uint64_t)1 << ((unsigned)m->e[0].idx & 63) : 0;
    for (i = 1; i < m->n; i++) {
        uint64_t bit = (uint64_t)1 << ((unsigned)m->e[i].idx & 63);
        /* bit (idx & 63) of every AI so far: a new bit is a new AI */
        if (!(seen & bit)) {
            seen |= bit;
            continue;
        }
        for (j = 0; j < i; j++)
            if (same_ai(&m->e[i], &m->e[j])) {
                gs1__diag(res, TRACE__D_DL_DUPLICATE, m->e[i].ai_off, m->e[i].ailen,
                          m->e[i].ai);
                break;
            }
    }
}
