/*
 * gs1_validate.c - validation of a parsed GS1 message (UTDS Part 1, GS1:
 * R-1.G.4, R-1.G.6): value lengths, component character sets and linters for
 * each element, then the message rules: mutually exclusive AIs (ex=),
 * requisite AIs (req=), repeated AIs and the digital-signature serial rule.
 * Rules use the precompiled sets of the AI table: a test is a bit lookup.
 */
#include <string.h>
#include <time.h>

#include "gs1_int.h"

static const char *cset_name(int cs)
{
    switch (cs) {
    case GS1_CSET_N: return "numeric";
    case GS1_CSET_Y: return "CSET 39";
    case GS1_CSET_Z: return "CSET 64";
    default: return "CSET 82";
    }
}

static int in_cset(int cs, unsigned char c)
{
    switch (cs) {
    case GS1_CSET_N: return c >= '0' && c <= '9';
    case GS1_CSET_Y: return gs1__is_cset39(c);
    case GS1_CSET_Z: return gs1__is_cset64(c);
    default: return gs1__cset82[c];
    }
}

/* Input offset of value position pos: exact when the value was not decoded. */
static void span(const gs1__elem *e, size_t pos, size_t n, size_t *off, size_t *len)
{
    if (e->vlen == e->len) {
        *off = e->off + pos;
        *len = n;
    } else {
        *off = e->off;
        *len = e->len;
    }
}

static void bad_char(const gs1__elem *e, int cs, size_t pos, size_t comp,
                     trace_code_result *res)
{
    size_t off, len;
    unsigned char c = (unsigned char)e->val[pos];
    trace_diag *d;
    span(e, pos, 1, &off, &len);
    d = gs1__diag(res, TRACE__D_GS1_BAD_CHAR, off, len, e->ai);
    if (c < 0x21 || c > 0x7e)
        trace__diag_argf(d, "char", "0x%02X", c);
    else
        trace__diag_argf(d, "char", "'%c'", c);
    trace__diag_arg(d, "cset", cset_name(cs));
    if (comp)
        trace__diag_argf(d, "comp", "%zu", comp);
}

/* CSET 64 allows up to two '=' pads at the end when the length is a multiple of 3. */
static int cset64_pad_ok(const char *s, size_t n, size_t i)
{
    size_t pads = 0, k;
    for (k = i; k < n; k++)
        if (s[k] != '=')
            return 0;
    pads = n - i;
    return pads <= 2 && n % 3 == 0;
}

/* All of v[0..n) are in CSET 82: four table reads per step. */
static int all_cset82(const unsigned char *v, size_t n)
{
    const unsigned char *t = gs1__cset82;
    size_t i = 0;
    for (; i + 4 <= n; i += 4)
        if (!(t[v[i]] & t[v[i + 1]] & t[v[i + 2]] & t[v[i + 3]]))
            return 0;
    for (; i < n; i++)
        if (!t[v[i]])
            return 0;
    return 1;
}

static int check_cset(const gs1__elem *e, const gs1__comp *c, size_t k, size_t pos,
                      size_t n, trace_code_result *res)
{
    size_t i;
    const unsigned char *v = (const unsigned char *)e->val + pos;
    /* Fast paths for the two common sets; the general loop reports the error. */
    if (c->cset == GS1_CSET_N) {
        if (gs1__all_digits(v, n))
            return 1;
    } else if (c->cset == GS1_CSET_X) {
        if (all_cset82(v, n))
            return 1;
    }
    for (i = 0; i < n; i++)
        if (!in_cset(c->cset, (unsigned char)e->val[pos + i])) {
            if (c->cset == GS1_CSET_Z && e->val[pos + i] == '=' &&
                cset64_pad_ok(e->val + pos, n, i))
                return 1;
            bad_char(e, c->cset, pos + i, k + 1, res);
            return 0;
        }
    return 1;
}

static void lint_fail(const gs1__elem *e, size_t pos, const gs1__lint_err *le,
                      size_t comp, trace_code_result *res)
{
    size_t off, len;
    trace_diag *d;
    span(e, pos + le->off, le->len, &off, &len);
    d = gs1__diag(res, le->code, off, len, e->ai);
    trace__diag_argf(d, "comp", "%zu", comp + 1);
    if (le->code == TRACE__D_GS1_BAD_CHECK) {
        char want[4] = "?";
        const char *v = e->val + pos;
        size_t n = le->off + le->len;
        if (le->len == 1)
            trace_check_compute(TRACE_CHECK_GS1_MOD10, v, n - 1, want, sizeof(want));
        else if (le->len == 2)
            trace_check_compute(TRACE_CHECK_GS1_ALNUM, v, n - 2, want, sizeof(want));
        trace__diag_argn(d, "got", v + le->off, le->len);
        trace__diag_arg(d, "expected", want);
    } else if (le->code == TRACE__D_GS1_BAD_CODE) {
        trace__diag_argn(d, "value", e->val + pos + le->off, le->len);
        trace__diag_arg(d, "list", le->what);
    } else {
        trace__diag_arg(d, "what", le->what);
    }
}

int trace__gs1_year_now(void)
{
    /* Civil year from the day count (H. Hinnant's algorithm): no gmtime, no locks. */
    time_t t = time(NULL);
    long z = (long)(t / 86400) + 719468, era, doe, yoe, doy, mp, y;
    if (t == (time_t)-1)
        return 2026;
    /* 1970-01-01 .. 2099-12-31: every fourth year is a leap year, so the year
     * is a single division (the general algorithm below gives the same). */
    if (t >= 0 && z - 719468 < 47482)
        return 1970 + (int)((4 * (z - 719468) + 2) / 1461);
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = yoe + era * 400;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    return (int)(y + (mp >= 10));
}

/* Linters that read the current year (two-digit years, coupon dates). */
static int lint_needs_year(int l)
{
    return l == GS1L_YYMMDD || l == GS1L_YYMMD0 || l == GS1L_COUPONCODE ||
           l == GS1L_COUPONPOSOFFER;
}

static void components(const gs1__elem *e, const gs1__ai *ai, int *year,
                       trace_code_result *res)
{
    size_t pos = 0, k, j;
    for (k = 0; k < ai->ncomp; k++) {
        const gs1__comp *c = &ai->comp[k];
        size_t take;
        if (pos >= e->vlen && c->optional)
            break;
        take = e->vlen - pos < c->max ? e->vlen - pos : c->max;
        if (take < c->min) {
            /* A present component shorter than its length, e.g. (423)15600:
             * the optional second country code has 2 of its 3 digits. */
            size_t off, len;
            trace_diag *d;
            span(e, pos, take, &off, &len);
            d = gs1__diag(res, TRACE__D_GS1_TOO_SHORT, off, len, e->ai);
            trace__diag_argf(d, "length", "%u", (unsigned)e->vlen);
            trace__diag_argf(d, "min", "%zu", pos + c->min);
            trace__diag_argf(d, "comp", "%zu", k + 1);
            return;
        }
        if (check_cset(e, c, k, pos, take, res)) {
            for (j = 0; j < 3 && c->lint[j]; j++) {
                gs1__lint_err le;
                if (*year == 0 && lint_needs_year(c->lint[j]))
                    *year = trace__gs1_year_now();
                gs1__lint(c->lint[j], e->val + pos, take, *year, &le);
                if (le.code) {
                    lint_fail(e, pos, &le, k, res);
                    break;
                }
            }
        }
        pos += take;
    }
}

static void element(const gs1__elem *e, unsigned flags, int *year, trace_code_result *res)
{
    const gs1__ai *ai = gs1__ai_at(e->idx);
    size_t mn = ai ? ai->minlen : 1, mx = ai ? ai->maxlen : 90, i;
    (void)flags;
    if (e->vlen == 0) {
        gs1__diag(res, TRACE__D_GS1_EMPTY_VALUE, e->ai_off, e->ailen, e->ai);
        return;
    }
    if (e->vlen < mn) {
        trace_diag *d = gs1__diag(res, TRACE__D_GS1_TOO_SHORT, e->off, e->len, e->ai);
        trace__diag_argf(d, "length", "%u", (unsigned)e->vlen);
        trace__diag_argf(d, "min", "%zu", mn);
        return;
    }
    if (e->vlen > mx) {
        size_t off, len;
        trace_diag *d;
        span(e, mx, e->vlen - mx, &off, &len);
        d = gs1__diag(res, TRACE__D_GS1_TOO_LONG, off, len, e->ai);
        trace__diag_argf(d, "length", "%u", (unsigned)e->vlen);
        trace__diag_argf(d, "max", "%zu", mx);
        return;
    }
    if (ai) {
        components(e, ai, year, res);
        return;
    }
    for (i = 0; i < e->vlen; i++)
        if (!gs1__is_cset82((unsigned char)e->val[i])) {
            bad_char(e, GS1_CSET_X, i, 0, res);
            return;
        }
}

void gs1__validate(const trace_ctx *ctx, gs1__msg *m, int elems_only, unsigned flags,
                   trace_code_result *res)
{
    size_t i;
    (void)ctx;
    for (i = 0; i < m->n; i++)
        element(&m->e[i], flags, &m->year, res);
    if (!elems_only)
        gs1__validate_rules(m, flags, res);
}

/* ---- message rules ---- */

/* The known AIs of a message as a bitset over dense AI indices, so that a
 * rule term is an AND of two rows instead of a scan of the elements. Only the
 * non-zero words are kept (a message touches a few of them). */
typedef struct present {
    unsigned n;
    uint16_t wi[GS1__SETW_MAX];
    uint64_t w[GS1__SETW_MAX];
} present;

/* Adds idx; returns 1 when it was not yet a member. */
static int present_add(present *p, int idx)
{
    unsigned wi = (unsigned)idx >> 6, k;
    uint64_t bit = (uint64_t)1 << (idx & 63);
    for (k = 0; k < p->n; k++)
        if (p->wi[k] == wi) {
            if (p->w[k] & bit)
                return 0;
            p->w[k] |= bit;
            return 1;
        }
    p->wi[p->n] = (uint16_t)wi;
    p->w[p->n++] = bit;
    return 1;
}

/* Is some member other than self (-1: none excluded) in rule set `set`? */
static inline int present_meets(const present *p, int set, int self)
{
    const uint64_t *row = gs1__sets[set];
    unsigned sw = self >= 0 ? (unsigned)self >> 6 : ~0u, k;
    uint64_t sb = (uint64_t)1 << (self & 63);
    for (k = 0; k < p->n; k++) {
        uint64_t x = row[p->wi[k]] & p->w[k];
        if (p->wi[k] == sw)
            x &= ~sb;
        if (x)
            return 1;
    }
    return 0;
}

static int same_value(const gs1__elem *a, const gs1__elem *b)
{
    return a->vlen == b->vlen && memcmp(a->val, b->val, a->vlen) == 0;
}

static int same_ai(const gs1__elem *a, const gs1__elem *b)
{
    if (a->idx >= 0 || b->idx >= 0)
        return a->idx == b->idx;
    return !strcmp(a->ai, b->ai);
}

/* first[i] = 1 when element i is the first of its AI; fills the member set.
 * A known AI equals no unknown one, so only unknown AIs compare spellings. */
static void mark_first(const gs1__msg *m, unsigned char *first, present *p)
{
    size_t i, j;
    p->n = 0;
    for (i = 0; i < m->n; i++) {
        if (m->e[i].idx >= 0) {
            first[i] = (unsigned char)present_add(p, m->e[i].idx);
            continue;
        }
        first[i] = 1;
        for (j = 0; j < i; j++)
            if (m->e[j].idx < 0 && !strcmp(m->e[j].ai, m->e[i].ai)) {
                first[i] = 0;
                break;
            }
    }
}

static inline int excludes(const gs1__elem *a, const gs1__elem *b)
{
    const gs1__ai *ai = gs1__ai_at(a->idx);
    return ai && ai->ex >= 0 && b->idx >= 0 && a->idx != b->idx &&
           gs1__set_has(ai->ex, b->idx);
}

static void exclusive(const gs1__msg *m, const unsigned char *first, const present *p,
                      trace_code_result *res)
{
    size_t i, j;
    for (i = 0; i < m->n; i++) {
        const gs1__ai *ai = gs1__ai_at(m->e[i].idx);
        /* Every known AI has a first element: no member of the set, no pair. */
        if (!first[i] || !ai || ai->ex < 0 || !present_meets(p, ai->ex, m->e[i].idx))
            continue;
        for (j = 0; j < m->n; j++) {
            if (!first[j] || !excludes(&m->e[i], &m->e[j]))
                continue;
            if (j < i && excludes(&m->e[j], &m->e[i]))
                continue; /* the pair was reported from the other side */
            trace__diag_arg(gs1__diag(res, TRACE__D_GS1_EXCLUSIVE, m->e[i].ai_off,
                                      m->e[i].ailen, m->e[i].ai),
                            "other", m->e[j].ai);
        }
    }
}

/* A rule is met when all terms of one of its groups are; a term is met when
 * some element other than the AI itself is in its set. */
static int rule_met(const present *p, int self, const gs1__group *r)
{
    unsigned g, t;
    for (g = 0; g < r->n; g++) {
        const gs1__group *grp = gs1__group_at(r->first + g);
        for (t = 0; t < grp->n; t++)
            if (!present_meets(p, gs1__term_set(grp->first + t), self))
                break;
        if (t == grp->n)
            return 1;
    }
    return 0;
}

static void requisite(const gs1__msg *m, const unsigned char *first, const present *p,
                      trace_code_result *res)
{
    size_t i;
    unsigned r;
    for (i = 0; i < m->n; i++) {
        const gs1__ai *ai = gs1__ai_at(m->e[i].idx);
        if (!ai || !first[i])
            continue;
        for (r = 0; r < ai->req_n; r++)
            if (!rule_met(p, m->e[i].idx, gs1__rule(ai->req_first + r)))
                trace__diag_arg(gs1__diag(res, TRACE__D_GS1_REQUISITE, m->e[i].ai_off,
                                          m->e[i].ailen, m->e[i].ai),
                                "required", gs1__rule_text(ai->req_first + r));
    }
}

static void repeated(const gs1__msg *m, const unsigned char *first,
                     trace_code_result *res)
{
    size_t i, j;
    for (i = 1; i < m->n; i++) {
        if (first[i])
            continue;
        for (j = 0; j < i; j++)
            if (same_ai(&m->e[i], &m->e[j])) {
                if (!same_value(&m->e[i], &m->e[j]) && m->e[i].carrier == m->e[j].carrier)
                    gs1__diag(res, TRACE__D_GS1_REPEATED, m->e[i].off, m->e[i].len,
                              m->e[i].ai);
                break;
            }
    }
}

static void digsig(const gs1__msg *m, const present *p, trace_code_result *res)
{
    size_t j;
    int sig = gs1__tab_idx[8030]; /* AI (8030) is in the table */
    unsigned k;
    for (k = 0; sig >= 0 && k < p->n; k++)
        if (p->wi[k] == (unsigned)sig >> 6 && ((p->w[k] >> (sig & 63)) & 1u))
            break;
    if (sig < 0 || k == p->n)
        return;
    for (j = 0; j < m->n; j++) {
        const gs1__ai *ai = gs1__ai_at(m->e[j].idx);
        const char *a = m->e[j].ai;
        if (ai && (!strcmp(a, "253") || !strcmp(a, "255") || !strcmp(a, "8003")) &&
            m->e[j].vlen <= ai->minlen)
            gs1__diag(res, TRACE__D_GS1_DIGSIG_SERIAL, m->e[j].off, m->e[j].len, a);
    }
}

void gs1__validate_rules(const gs1__msg *m, unsigned flags, trace_code_result *res)
{
    unsigned char first[GS1_MAX_ELEMS];
    present p;
    (void)flags;
    mark_first(m, first, &p);
    exclusive(m, first, &p, res);
    requisite(m, first, &p, res);
    repeated(m, first, res);
    digsig(m, &p, res);
}
