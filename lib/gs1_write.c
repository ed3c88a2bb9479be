/*
 * gs1_write.c - writing a GS1 message (UTDS Part 1, GS1: R-1.G.7): the
 * bracketed element string (the canonical form), unbracketed data with FNC1,
 * and Digital Link URIs generated as the DL standard says: the first primary
 * key in input order, the longest allowed qualifier sequence present, then the
 * query with the predefined-length AIs first, each group in input order.
 */
#include <string.h>

#include "gs1_int.h"

typedef struct wbuf {
    char *p;
    size_t n, size;
    int over;
} wbuf;

/* Writers append without terminating; finish() adds the NUL once. */
static void put(wbuf *w, const char *s, size_t n)
{
    if (w->over || n >= w->size - w->n) {
        w->over = 1;
        return;
    }
    memcpy(w->p + w->n, s, n);
    w->n += n;
}

static void putc1(wbuf *w, char c)
{
    if (w->over || w->n + 1 >= w->size) {
        w->over = 1;
        return;
    }
    w->p[w->n++] = c;
}

/* Where to write n more bytes (and the final NUL) directly, or NULL: the
 * callers then fall back to put/putc1, which handle an exact fit. */
static char *reserve(wbuf *w, size_t n)
{
    return !w->over && n < w->size - w->n ? w->p + w->n : NULL;
}

/* "(" AI ")" into reserved room (the AI array has 4 readable bytes). */
static char *put_ai(char *d, char open, const gs1__elem *e, char close)
{
    *d++ = open;
    memcpy(d, e->ai, 4);
    d += e->ailen;
    *d++ = close;
    return d;
}

/* Does the word hold a '(' (SWAR zero-byte test of x ^ "((((((((")? */
static int has_open64(uint64_t x)
{
    uint64_t y = x ^ 0x2828282828282828u;
    return ((y - 0x0101010101010101u) & ~y & 0x8080808080808080u) != 0;
}

static int has_open32(uint32_t x)
{
    uint32_t y = x ^ 0x28282828u;
    return ((y - 0x01010101u) & ~y & 0x80808080u) != 0;
}

/* s[0..n) into d when it holds no '(': whole words, the tail as one
 * overlapping word (reads stay inside s). 0 when a '(' was seen. */
static int copy_plain(char *d, const char *s, size_t n)
{
    size_t i;
    if (n >= 8) {
        uint64_t x;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, s + i, 8);
            if (has_open64(x))
                return 0;
            memcpy(d + i, &x, 8);
        }
        memcpy(&x, s + n - 8, 8);
        if (has_open64(x))
            return 0;
        memcpy(d + n - 8, &x, 8);
        return 1;
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        if (has_open32(a) || has_open32(b))
            return 0;
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
        return 1;
    }
    for (i = 0; i < n; i++)
        if ((d[i] = s[i]) == '(')
            return 0;
    return 1;
}

/* Copy s[0..n) with "\(" for '(' into reserved room (2n + 8 bytes). */
static char *copy_escaped(char *d, const char *s, size_t n)
{
    size_t i;
    if (copy_plain(d, s, n))
        return d + n;
    for (i = 0; i < n; i++) {
        if (s[i] == '(')
            *d++ = '\\';
        *d++ = s[i];
    }
    return d;
}

static size_t finish(wbuf *w)
{
    if (w->size)
        w->p[w->over ? 0 : w->n] = '\0';
    return w->over ? (size_t)-1 : w->n;
}

/* 1 for the characters the DL standard leaves unencoded. */
static const unsigned char UNRESERVED[256] = {
    ['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1, ['0'] = 1, ['1'] = 1, ['2'] = 1,
    ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
    ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
    ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1,
    ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1,
    ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1,
    ['x'] = 1, ['y'] = 1, ['z'] = 1};

/* Element i starts the 2D (CC) component of a composite: '|' goes before it.
 * Only when the CC elements are exactly the tail of the message (a label that
 * merges several scans may interleave them: then no '|' is written). */
static int cc_start(const gs1__msg *m, size_t i)
{
    size_t j;
    if (i == 0 || i >= m->n || !m->e[i].cc || m->e[i - 1].cc)
        return 0;
    for (j = i + 1; j < m->n; j++)
        if (!m->e[j].cc)
            return 0;
    return 1;
}

size_t gs1__write_bracketed(const gs1__msg *m, char *out, size_t size)
{
    wbuf w = {out, 0, size, size == 0};
    size_t i, k;
    if (size)
        out[0] = '\0';
    for (i = 0; i < m->n; i++) {
        const gs1__elem *e = &m->e[i];
        const char *v = e->val, *end = e->val + e->vlen;
        if (m->e[i].cc && cc_start(m, i))
            putc1(&w, '|');
        char *d = reserve(&w, e->ailen + 2 * (size_t)e->vlen + 8);
        if (d) {
            d = copy_escaped(put_ai(d, '(', e, ')'), e->val, e->vlen);
            w.n = (size_t)(d - w.p);
            continue;
        }
        putc1(&w, '(');
        put(&w, e->ai, e->ailen);
        putc1(&w, ')');
        while (v < end) {
            const char *b = memchr(v, '(', (size_t)(end - v));
            k = b ? (size_t)(b - v) : (size_t)(end - v);
            put(&w, v, k);
            v += k;
            if (b) {
                put(&w, "\\(", 2);
                v++;
            }
        }
    }
    return finish(&w);
}

static int fixed(const gs1__elem *e)
{
    const gs1__ai *ai = gs1__ai_at(e->idx);
    return ai && (ai->flags & GS1_F_FIXED);
}

size_t gs1__write_unbracketed(const gs1__msg *m, char fnc1, char *out, size_t size)
{
    wbuf w = {out, 0, size, size == 0};
    size_t i;
    if (size)
        out[0] = '\0';
    if (fnc1 == '^')
        putc1(&w, '^');
    for (i = 0; i < m->n; i++) {
        const gs1__elem *e = &m->e[i];
        if (fnc1 == '^' && m->e[i].cc && cc_start(m, i))
            put(&w, "|^", 2); /* with GS (scan data) the components run on as one */
        put(&w, e->ai, e->ailen);
        put(&w, e->val, e->vlen);
        if (i + 1 < m->n && !fixed(e) && !(fnc1 == '^' && cc_start(m, i + 1)))
            putc1(&w, fnc1);
    }
    return finish(&w);
}

/* ---- Digital Link ---- */

static const char HEX[] = "0123456789ABCDEF";

/* Are the eight bytes at u all unreserved? */
static inline int unreserved8(const unsigned char *u)
{
    const unsigned char *t = UNRESERVED;
    return t[u[0]] & t[u[1]] & t[u[2]] & t[u[3]] & t[u[4]] & t[u[5]] & t[u[6]] & t[u[7]];
}

/* s[0..n) into d when every byte is unreserved (copied a word ahead, the
 * tail as one overlapping word); 0 when some byte needs encoding. */
static int enc_plain(char *d, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i;
    unsigned ok = 1;
    if (n >= 4 && n < 8) {
        /* two overlapping halves */
        const unsigned char *t = UNRESERVED, *v = u + n - 4;
        uint32_t a, b;
        memcpy(&a, s, 4);
        memcpy(&b, s + n - 4, 4);
        memcpy(d, &a, 4);
        memcpy(d + n - 4, &b, 4);
        return t[u[0]] & t[u[1]] & t[u[2]] & t[u[3]] & t[v[0]] & t[v[1]] & t[v[2]] &
               t[v[3]];
    }
    if (n < 8) {
        for (i = 0; i < n; i++)
            ok &= UNRESERVED[u[i]], d[i] = s[i];
        return (int)ok;
    }
    for (i = 0; i + 8 <= n; i += 8) {
        memcpy(d + i, s + i, 8);
        if (!unreserved8(u + i))
            return 0;
    }
    memcpy(d + n - 8, s + n - 8, 8);
    return unreserved8(u + n - 8);
}

/* put_enc into reserved room (3n + 8 bytes): one pass, no per-run calls. */
static char *enc_fast(char *d, const char *s, size_t n, int query)
{
    size_t i;
    if (enc_plain(d, s, n))
        return d + n;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (UNRESERVED[c]) {
            *d++ = (char)c;
        } else if (query && c == ' ') {
            *d++ = '+';
        } else {
            d[0] = '%', d[1] = HEX[c >> 4], d[2] = HEX[c & 15];
            d += 3;
        }
    }
    return d;
}

static void put_enc(wbuf *w, const char *s, size_t n, int query)
{
    const char *hex = HEX;
    size_t i = 0, run;
    while (i < n) {
        unsigned char c;
        for (run = i; run < n && UNRESERVED[(unsigned char)s[run]]; run++)
            ;
        put(w, s + i, run - i);
        if ((i = run) >= n)
            break;
        c = (unsigned char)s[i++];
        if (query && c == ' ') {
            putc1(w, '+');
        } else {
            char t[3] = {'%', hex[c >> 4], hex[c & 15]};
            put(w, t, 3);
        }
    }
}

/* One element of a Digital Link: "/AI/value" (path) or "sepAI=value" (query). */
static void put_dl_elem(wbuf *w, const gs1__elem *e, char sep, char eq, int query)
{
    char *d = reserve(w, e->ailen + 3 * (size_t)e->vlen + 8);
    if (d) {
        d = enc_fast(put_ai(d, sep, e, eq), e->val, e->vlen, query);
        w->n = (size_t)(d - w->p);
        return;
    }
    putc1(w, sep);
    put(w, e->ai, e->ailen);
    putc1(w, eq);
    put_enc(w, e->val, e->vlen, query);
}

/* skip[i]: bit 1 = element i is in the path, bit 2 = it repeats an earlier
 * element (same AI and value) and is written once. */
static uint64_t mark_dups(const gs1__msg *m, unsigned char *skip)
{
    size_t i, j;
    uint64_t seen = 0; /* bit (idx & 63) of each AI so far: most AIs are new */
    for (i = 0; i < m->n; i++) {
        uint64_t bit = (uint64_t)1 << ((unsigned)m->e[i].idx & 63);
        skip[i] = 0;
        if (!(seen & bit)) {
            seen |= bit;
            continue;
        }
        for (j = 0; j < i; j++)
            if (m->e[j].idx == m->e[i].idx && m->e[j].vlen == m->e[i].vlen &&
                m->e[j].ailen == m->e[i].ailen &&
                !memcmp(m->e[j].ai, m->e[i].ai, m->e[i].ailen) &&
                !memcmp(m->e[j].val, m->e[i].val, m->e[i].vlen)) {
                skip[i] = 2;
                break;
            }
    }
    return seen;
}

/* fl[i] = the table flags of element i (0 for an unknown AI), read once. */
static void elem_flags(const gs1__msg *m, unsigned char *fl)
{
    size_t i;
    for (i = 0; i < m->n; i++) {
        const gs1__ai *ai = gs1__ai_at(m->e[i].idx);
        fl[i] = ai ? ai->flags : 0;
    }
}

/* Can every element outside path[0..np) be a query attribute? */
static int feasible(const gs1__msg *m, const unsigned char *skip, const unsigned char *fl,
                    const size_t *path, size_t np)
{
    size_t i, k;
    for (i = 0; i < m->n; i++) {
        if (skip[i] || (fl[i] & GS1_F_DLATTR))
            continue;
        for (k = 0; k < np && path[k] != i; k++)
            ;
        if (k == np)
            return 0;
    }
    return 1;
}

/* Choose the path: the key element and its qualifier elements. The longest
 * allowed qualifier sequence present wins; among equally long ones the first
 * whose leftover elements can all go in the query, else the first. */
static size_t choose_path(const gs1__msg *m, const unsigned char *skip,
                          const unsigned char *fl, uint64_t seen, size_t *path)
{
    size_t i, k, best_n = 0, want;
    size_t cand[8][6], cn[8];
    const gs1__ai *key = NULL;
    if (m->from_dl && m->n_path) {
        for (i = 0; i < m->n_path; i++)
            path[i] = i;
        return m->n_path;
    }
    for (i = 0; i < m->n; i++) {
        key = gs1__ai_at(m->e[i].idx);
        if (key && (key->flags & GS1_F_DLPKEY))
            break;
    }
    if (i == m->n)
        return 0;
    path[0] = i;
    if (!key->alt_n)
        return 1;
    for (k = 0; k < key->alt_n && k < 8; k++) {
        const gs1__alt *alt = gs1__dl_alt((int)(key->alt_first + k));
        size_t q, j;
        cand[k][0] = i;
        cn[k] = 1;
        for (q = 0; q < alt->n; q++) {
            if (!((seen >> ((unsigned)alt->q[q] & 63)) & 1u))
                continue; /* no element has this AI */
            for (j = 0; j < m->n && m->e[j].idx != alt->q[q]; j++)
                ;
            if (j < m->n)
                cand[k][cn[k]++] = j;
        }
        if (cn[k] > best_n)
            best_n = cn[k];
    }
    if (key->alt_n == 1 || best_n == 1) {
        for (k = 0; cn[k] != best_n; k++)
            ;
        memcpy(path, cand[k], cn[k] * sizeof(size_t));
        if (best_n == 1 || feasible(m, skip, fl, path, cn[k]))
            return cn[k];
    }
    for (want = best_n; want >= 1; want--)
        for (k = 0; k < key->alt_n && k < 8; k++)
            if (cn[k] == want && feasible(m, skip, fl, cand[k], cn[k])) {
                memcpy(path, cand[k], cn[k] * sizeof(size_t));
                return cn[k];
            }
    for (k = 0; cn[k] != best_n; k++)
        ;
    memcpy(path, cand[k], cn[k] * sizeof(size_t));
    return cn[k];
}

size_t gs1__write_dl(const gs1__msg *m, const char *stem, int partial, uint64_t *omitted,
                     char *out, size_t size)
{
    wbuf w = {out, 0, size, size == 0};
    size_t path[6], np, i, pass, stemlen;
    unsigned char skip[GS1_MAX_ELEMS], fl[GS1_MAX_ELEMS], later[GS1_MAX_ELEMS];
    size_t k, nlater = 0;
    uint64_t seen;
    char sep = '?';
    if (omitted)
        *omitted = 0;
    if (size)
        out[0] = '\0';
    seen = mark_dups(m, skip);
    elem_flags(m, fl);
    np = choose_path(m, skip, fl, seen, path);
    if (!np)
        return GS1__WNONE;
    for (i = 0; i < np; i++)
        skip[path[i]] |= 1;
    if (!stem)
        stem = "https://id.gs1.org";
    stemlen = strlen(stem);
    while (stemlen && stem[stemlen - 1] == '/')
        stemlen--;
    put(&w, stem, stemlen);
    for (i = 0; i < np; i++)
        put_dl_elem(&w, &m->e[path[i]], '/', '/', 0);
    /* Query: predefined-length AIs first, then the others, each in input order;
     * the second group is noted on the way instead of a second full scan. */
    for (pass = 0; pass < 2; pass++)
        for (k = 0; k < (pass ? nlater : m->n); k++) {
            i = pass ? later[k] : k;
            if (!pass && !skip[i] && !(fl[i] & GS1_F_FIXED)) {
                later[nlater++] = (unsigned char)i;
                continue;
            }
            if (skip[i])
                continue;
            if (!(fl[i] & GS1_F_DLATTR)) {
                if (!partial)
                    return GS1__WNONE;
                if (omitted && i < 64)
                    *omitted |= (uint64_t)1 << i;
                continue;
            }
            put_dl_elem(&w, &m->e[i], sep, '=', 1);
            sep = '&';
        }
    return finish(&w);
}

size_t gs1__write_hri(const gs1__msg *m, int titles, char *out, size_t size)
{
    wbuf w = {out, 0, size, size == 0};
    size_t i;
    if (size)
        out[0] = '\0';
    for (i = 0; i < m->n; i++) {
        const gs1__elem *e = &m->e[i];
        const gs1__ai *ai = gs1__ai_at(e->idx);
        const char *t = !ai ? "" : titles == 2 ? ai->title_zh : ai->title_en;
        if (titles && t[0]) {
            put(&w, t, strlen(t));
            putc1(&w, ' ');
        }
        putc1(&w, '(');
        put(&w, e->ai, e->ailen);
        put(&w, ") ", 2);
        put(&w, e->val, e->vlen);
        putc1(&w, '\n');
    }
    return finish(&w);
}
