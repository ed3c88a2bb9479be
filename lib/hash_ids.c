/*
 * hash_ids.c - canonical identifiers for the event hash (UTDS Part 3b,
 * spec/utds-3-integrity.md section 3.1): EPC pure-identity, class and
 * pattern URNs become canonical GS1 Digital Links on https://id.gs1.org,
 * and Digital Links are constrained-canonicalised (custom domain, query
 * string, convenience aliases, GTIN padding, CPV, finest key level).
 *
 * The rules reproduce the reference generator byte for byte, including its
 * quirks (which characters are percent-encoded, the absolute offsets it
 * slices serials at, the syntax it accepts); the spec lists them. This is a
 * small deterministic conversion kept here so the hash needs nothing from
 * the GS1 module.
 */
#include <string.h>

#include "hash_int.h"

#define DL_MAX 2048 /* longer Digital Links are hashed as written */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int all_digits(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!is_digit(p[i]))
            return 0;
    return 1;
}

/* GS1 mod-10 check digit of a digit string. */
static char check_digit(const char *d, size_t n)
{
    int sum = 0, i, w = 3;
    for (i = (int)n - 1; i >= 0; i--, w = 4 - w)
        sum += (d[i] - '0') * w;
    return (char)('0' + (10 - sum % 10) % 10);
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

/* One character of the EPC URN serial class (a literal or a %HH escape):
 * returns its width in bytes, 0 when not in the class. cpi selects the
 * narrower CPI component class. */
static size_t urn_char(const char *p, const char *end, int cpi)
{
    if (*p == '%') {
        int hi, lo;
        if (end - p < 3 || (hi = hexval(p[1])) < 0 || (lo = hexval(p[2])) < 0 || hi > 7)
            return 0;
        if (cpi) {
            static const char ok2[] = "3dfDF";
            if (hi == 2)
                return memchr(ok2, p[2], 5) ? 3 : 0;
            if (hi == 3)
                return lo <= 9 && is_digit(p[2]) ? 3 : 0;
            if (hi == 4)
                return lo >= 1 ? 3 : 0;
            if (hi == 5)
                return (lo <= 9 && is_digit(p[2])) || p[2] == 'A' || p[2] == 'a' ? 3 : 0;
            return 0;
        }
        switch (hi) {
        case 2: return (lo == 1 || lo == 2 || lo >= 5) ? 3 : 0;
        case 3: return 3;
        case 4: return lo >= 1 ? 3 : 0;
        case 5: return (lo <= 10 || lo == 15) ? 3 : 0;
        case 6: return lo >= 1 ? 3 : 0;
        case 7: return lo <= 10 ? 3 : 0;
        default: return 0;
        }
    }
    if (cpi)
        return (is_digit(*p) || (*p >= 'A' && *p <= 'Z') || *p == '-') ? 1 : 0;
    if (is_digit(*p) || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
        return 1;
    return strchr("!')(*+,.:;=_-", *p) && *p ? 1 : 0;
}

/* p..end is 1..max characters of the class, nothing else. */
static int urn_run(const char *p, const char *end, size_t max, int cpi)
{
    size_t count = 0;
    while (p < end) {
        size_t w = urn_char(p, end, cpi);
        if (!w)
            return 0;
        p += w;
        count++;
    }
    return count >= 1 && count <= max;
}

/* Append with the Digital Link percent-encoding the reference applies. */
static void put_enc(trace__buf *b, const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        const char *e = NULL;
        switch (p[i]) {
        case '!': e = "%21"; break;
        case '(': e = "%28"; break;
        case ')': e = "%29"; break;
        case '*': e = "%2A"; break;
        case '+': e = "%2B"; break;
        case ',': e = "%2C"; break;
        case ':': e = "%3A"; break;
        default: break;
        }
        if (e)
            trace__buf_append(b, e, 3);
        else
            trace__buf_putc(b, p[i]);
    }
}

/* Parsed "CP.REF" head of an EPC URN body. */
typedef struct urn_head {
    const char *uri, *end;
    size_t pre;   /* length of "urn:epc:...:scheme:" */
    size_t cpl;   /* company prefix length */
    size_t part;  /* index of the first '.' in uri */
    size_t after; /* index just after the head */
} urn_head;

/*
 * Match the head of the reference patterns: a 6..12 digit company prefix,
 * '.', and width-cpl reference digits; for 12-digit-wide keys a 12-digit
 * prefix is followed by the literal alt12 instead.
 */
static int head(urn_head *h, size_t width, const char *alt12)
{
    const char *b = h->uri + h->pre, *d = b;
    size_t need;
    while (d < h->end && is_digit(*d))
        d++;
    h->cpl = (size_t)(d - b);
    if (h->cpl < 6 || h->cpl > 12 || d >= h->end || *d != '.')
        return 0;
    h->part = (size_t)(d - h->uri);
    if (h->cpl == 12 && width == 12) {
        size_t k = strlen(alt12);
        if ((size_t)(h->end - d) < k || memcmp(d, alt12, k) != 0)
            return 0;
        h->after = h->part + k;
        return 1;
    }
    need = width - h->cpl;
    if ((size_t)(h->end - d - 1) < need || !all_digits(d + 1, need))
        return 0;
    h->after = h->part + 1 + need;
    return 1;
}

/* Only "CP." : a 6..12 digit company prefix and a dot (giai, ginc, cpi). */
static int cp_dot(urn_head *h)
{
    const char *b = h->uri + h->pre, *d = b;
    while (d < h->end && is_digit(*d))
        d++;
    h->cpl = (size_t)(d - b);
    if (h->cpl < 6 || h->cpl > 12 || d >= h->end || *d != '.')
        return 0;
    h->part = (size_t)(d - h->uri);
    h->after = h->part + 1;
    return 1;
}

/* Offset-based slice of the URI (the reference slices at fixed offsets). */
static const char *at(const urn_head *h, size_t i)
{
    size_t n = (size_t)(h->end - h->uri);
    return h->uri + (i < n ? i : n);
}

static size_t len_from(const urn_head *h, size_t i)
{
    size_t n = (size_t)(h->end - h->uri);
    return i < n ? n - i : 0;
}

/* GTIN-style key: indicator digit + company prefix + rest of the reference + check. */
static void put_key_indicator(trace__buf *b, const urn_head *h)
{
    char raw[32];
    size_t refl = 13 - h->cpl;
    raw[0] = h->uri[h->part + 1];
    memcpy(raw + 1, h->uri + h->pre, h->cpl);
    memcpy(raw + 1 + h->cpl, h->uri + h->part + 2, refl - 1);
    raw[13] = check_digit(raw, 13);
    trace__buf_append(b, raw, 14);
}

/* Key = [lead] + company prefix + reference (refl digits) + check. */
static void put_key_plain(trace__buf *b, const urn_head *h, const char *lead, size_t refl)
{
    char raw[40];
    size_t n = 0;
    if (lead)
        raw[n++] = *lead;
    memcpy(raw + n, h->uri + h->pre, h->cpl), n += h->cpl;
    memcpy(raw + n, h->uri + h->part + 1, refl), n += refl;
    raw[n] = check_digit(raw, n);
    trace__buf_append(b, raw, n + 1);
}

static int tail_is(const urn_head *h, const char *lit)
{
    size_t k = strlen(lit);
    return len_from(h, h->after) == k && memcmp(at(h, h->after), lit, k) == 0;
}

/* ".<class>{1,max}$" after the head. */
static int tail_serial(const urn_head *h, size_t max)
{
    const char *p = at(h, h->after);
    return p < h->end && *p == '.' && urn_run(p + 1, h->end, max, 0);
}

static int two_digits_dot(const char *p, const char *end)
{
    return end - p >= 3 && is_digit(p[0]) && is_digit(p[1]) && p[2] == '.';
}

#define OUT(s) trace__buf_puts(b, "https://id.gs1.org" s)

/* cpi: CP "." part reference (CPI characters) "." serial digits. */
static int conv_cpi(trace__buf *b, urn_head *h)
{
    const char *dot1, *dot2;
    if (!cp_dot(h))
        return 0;
    dot1 = h->uri + h->part;
    for (dot2 = h->end; dot2 > dot1 && dot2[-1] != '.'; dot2--)
        ;
    dot2--; /* the last '.' */
    if (dot2 <= dot1 || !urn_run(dot1 + 1, dot2, 30 - h->cpl, 1) ||
        h->end - dot2 < 2 || h->end - dot2 > 13 ||
        !all_digits(dot2 + 1, (size_t)(h->end - dot2 - 1)))
        return 0;
    OUT("/8010/"), trace__buf_append(b, h->uri + h->pre, h->cpl);
    put_enc(b, dot1 + 1, (size_t)(dot2 - dot1 - 1));
    trace__buf_puts(b, "/8011/"),
        trace__buf_append(b, dot2 + 1, (size_t)(h->end - dot2 - 1));
    return 1;
}


static int conv_id(trace__buf *b, urn_head *h, const char *scheme, size_t sl)
{
#define IS(x) (sl == sizeof(x) - 1 && memcmp(scheme, x, sl) == 0)
    if (IS("sgtin") && head(h, 13, "") && tail_serial(h, 20)) {
        OUT("/01/"), put_key_indicator(b, h), trace__buf_puts(b, "/21/");
        put_enc(b, at(h, 32), len_from(h, 32));
    } else if (IS("sscc") && head(h, 17, "") && tail_is(h, "")) {
        char raw[24];
        raw[0] = h->uri[h->part + 1];
        memcpy(raw + 1, h->uri + h->pre, h->cpl);
        memcpy(raw + 1 + h->cpl, h->uri + h->part + 2, 16 - h->cpl);
        raw[17] = check_digit(raw, 17);
        OUT("/00/"), trace__buf_append(b, raw, 18);
    } else if (IS("sgln") && head(h, 12, ".") && tail_serial(h, 20)) {
        OUT("/414/"), put_key_plain(b, h, NULL, 12 - h->cpl);
        if (!(len_from(h, 30) == 1 && *at(h, 30) == '0'))
            trace__buf_puts(b, "/254/"), put_enc(b, at(h, 30), len_from(h, 30));
    } else if (IS("grai") && head(h, 12, "..") && tail_serial(h, 16)) {
        OUT("/8003/"), put_key_plain(b, h, "0", 12 - h->cpl);
        put_enc(b, at(h, 30), len_from(h, 30));
    } else if ((IS("giai") || IS("ginc")) && cp_dot(h) &&
               urn_run(at(h, h->part + 1), h->end, 30 - h->cpl, 0)) {
        trace__buf_puts(b, IS("giai") ? "https://id.gs1.org/8004/"
                                      : "https://id.gs1.org/401/");
        trace__buf_append(b, h->uri + h->pre, h->cpl);
        put_enc(b, at(h, h->part + 1), len_from(h, h->part + 1));
    } else if ((IS("gsrn") || IS("gsrnp")) && head(h, 17, "") && tail_is(h, "")) {
        trace__buf_puts(b, IS("gsrn") ? "https://id.gs1.org/8018/"
                                      : "https://id.gs1.org/8017/");
        put_key_plain(b, h, NULL, 17 - h->cpl);
    } else if (IS("gdti") && head(h, 12, "..") &&
               urn_run(at(h, h->after), h->end, 20, 0)) {
        OUT("/253/"), put_key_plain(b, h, NULL, h->cpl == 12 ? 0 : 12 - h->cpl);
        put_enc(b, at(h, 30), len_from(h, 30));
    } else if (IS("sgcn") && head(h, 12, ".") && *at(h, h->after) == '.' &&
               len_from(h, h->after + 1) >= 1 && len_from(h, h->after + 1) <= 12 &&
               all_digits(at(h, h->after + 1), len_from(h, h->after + 1))) {
        OUT("/255/"), put_key_plain(b, h, NULL, h->cpl == 12 ? 0 : 12 - h->cpl);
        trace__buf_append(b, at(h, 30), len_from(h, 30));
    } else if (IS("gsin") && head(h, 16, "") && tail_is(h, "")) {
        OUT("/402/"), put_key_plain(b, h, NULL, 16 - h->cpl);
    } else if (IS("itip") && head(h, 13, "") && *at(h, h->after) == '.' &&
               two_digits_dot(at(h, h->after + 1), h->end) &&
               two_digits_dot(at(h, h->after + 4), h->end) &&
               urn_run(at(h, h->after + 7), h->end, 20, 0)) {
        OUT("/8006/"), put_key_indicator(b, h);
        trace__buf_append(b, at(h, 31), 2), trace__buf_append(b, at(h, 34), 2);
        trace__buf_puts(b, "/21/"), put_enc(b, at(h, 37), len_from(h, 37));
    } else if (IS("upui") && head(h, 13, "") && tail_serial(h, 28)) {
        OUT("/01/"), put_key_indicator(b, h), trace__buf_puts(b, "/235/");
        put_enc(b, at(h, 31), len_from(h, 31));
    } else if (IS("pgln") && head(h, 12, ".") && tail_is(h, "")) {
        OUT("/417/"), put_key_plain(b, h, NULL, h->cpl == 12 ? 0 : 12 - h->cpl);
    } else if (IS("cpi")) {
        return conv_cpi(b, h);
    } else {
        return 0;
    }
    return 1;
#undef IS
}

static int conv_pat(trace__buf *b, urn_head *h, const char *scheme, size_t sl)
{
#define IS(x) (sl == sizeof(x) - 1 && memcmp(scheme, x, sl) == 0)
    if ((IS("sgtin") || IS("upui")) && head(h, 13, "") && tail_is(h, ".*")) {
        OUT("/01/"), put_key_indicator(b, h);
    } else if (IS("grai") && head(h, 12, "..") && tail_is(h, ".*")) {
        OUT("/8003/"), put_key_plain(b, h, "0", h->cpl == 12 ? 0 : 12 - h->cpl);
    } else if ((IS("gdti") || IS("sgcn")) && head(h, 12, "..") && tail_is(h, ".*")) {
        trace__buf_puts(b, IS("gdti") ? "https://id.gs1.org/253/"
                                      : "https://id.gs1.org/255/");
        put_key_plain(b, h, NULL, h->cpl == 12 ? 0 : 12 - h->cpl);
    } else if (IS("itip") && head(h, 13, "") && *at(h, h->after) == '.' &&
               two_digits_dot(at(h, h->after + 1), h->end) &&
               two_digits_dot(at(h, h->after + 4), h->end) &&
               len_from(h, h->after + 7) == 1 && *at(h, h->after + 7) == '*') {
        OUT("/8006/"), put_key_indicator(b, h);
        trace__buf_append(b, at(h, 34), 2), trace__buf_append(b, at(h, 37), 2);
    } else if (IS("cpi") && cp_dot(h) && len_from(h, 0) >= 2 && h->end[-1] == '*' &&
               h->end[-2] == '.' &&
               urn_run(at(h, h->part + 1), h->end - 2, 30 - h->cpl, 1)) {
        OUT("/8010/"), trace__buf_append(b, h->uri + h->pre, h->cpl);
        put_enc(b, at(h, h->part + 1), len_from(h, h->part + 1) - 2);
    } else {
        return 0;
    }
    return 1;
#undef IS
}

/* EPC URN (id, class lgtin, idpat) to canonical Digital Link. */
static int conv_urn(trace__buf *b, const char *s, size_t n)
{
    static const char *const kinds[] = {
        "urn:epc:id:", "urn:epc:class:", "urn:epc:idpat:"};
    size_t k, kl = 0, sl;
    const char *scheme, *colon;
    urn_head h;
    for (k = 0; k < 3; k++) {
        kl = strlen(kinds[k]);
        if (n > kl && memcmp(s, kinds[k], kl) == 0)
            break;
    }
    if (k == 3)
        return 0;
    scheme = s + kl;
    colon = memchr(scheme, ':', n - kl);
    if (!colon)
        return 0;
    sl = (size_t)(colon - scheme);
    h.uri = s;
    h.end = s + n;
    h.pre = (size_t)(colon + 1 - s);
    if (k == 0)
        return conv_id(b, &h, scheme, sl);
    if (k == 2)
        return conv_pat(b, &h, scheme, sl);
    if (sl == 5 && memcmp(scheme, "lgtin", 5) == 0 && head(&h, 13, "") &&
        tail_serial(&h, 20)) {
        OUT("/01/"), put_key_indicator(b, &h), trace__buf_puts(b, "/10/");
        put_enc(b, at(&h, 35), len_from(&h, 35));
        return 1;
    }
    return 0;
}

/* ---------------------------------------------------------- Digital Link */

static const char *const dl_keys[] = {
    "01",   "gtin",  "8006", "itip", "8010", "cpid", "414",  "gln",  "417", "party",
    "8017", "gsrnp", "8018", "gsrn", "255",  "gcn",  "00",   "sscc", "253", "gdti",
    "401",  "ginc",  "402",  "gsin", "8003", "grai", "8004", "giai"};

static int key_in(const char *p, size_t n, const char *const *keys, size_t nkeys)
{
    size_t i;
    for (i = 0; i < nkeys; i++)
        if (strlen(keys[i]) == n && memcmp(keys[i], p, n) == 0)
            return 1;
    return 0;
}

/* The reference's first test: "http(s):" and a "/KEY/dddd<x>" segment before any ? or #.
 */
static int dl_plausible(const char *s, size_t n)
{
    size_t i, stop;
    if (!(n > 6 && memcmp(s, "https:", 6) == 0) && !(n > 5 && memcmp(s, "http:", 5) == 0))
        return 0;
    for (stop = 0; stop < n && s[stop] != '?' && s[stop] != '#'; stop++)
        ;
    for (i = 0; i < stop; i++) {
        size_t j = i + 1;
        if (s[i] != '/')
            continue;
        while (j < stop && s[j] != '/')
            j++;
        if (j < stop &&
            key_in(s + i + 1, j - i - 1, dl_keys, TRACE__ARRAY_LEN(dl_keys)) &&
            j + 5 < n && all_digits(s + j + 1, 4) && s[j + 5] != '/')
            return 1;
    }
    return 0;
}

typedef struct dl {
    char s[DL_MAX + 64];
    size_t n;
} dl;

static const char *find(const dl *u, const char *needle, size_t from)
{
    size_t k = strlen(needle), i;
    for (i = from; i + k <= u->n; i++)
        if (memcmp(u->s + i, needle, k) == 0)
            return u->s + i;
    return NULL;
}

/* Python str.replace(a, b) on u: all non-overlapping occurrences, left to right. */
static int replace_all(dl *u, const char *a, const char *b)
{
    char tmp[DL_MAX + 64];
    size_t al = strlen(a), bl = strlen(b), i = 0, n = 0;
    while (i < u->n) {
        if (i + al <= u->n && memcmp(u->s + i, a, al) == 0) {
            if (n + bl >= sizeof(tmp))
                return 0;
            memcpy(tmp + n, b, bl), n += bl, i += al;
        } else {
            if (n + 1 >= sizeof(tmp))
                return 0;
            tmp[n++] = u->s[i++];
        }
    }
    memcpy(u->s, tmp, n);
    u->n = n;
    return 1;
}

/* "https://id.gs1.org/" with the reference's unescaped dots (any character). */
static int canon_domain(const dl *u)
{
    return u->n >= 19 && memcmp(u->s, "https://id", 10) == 0 &&
           memcmp(u->s + 11, "gs1", 3) == 0 && memcmp(u->s + 15, "org/", 4) == 0;
}

static size_t digit_run(const char *p, const char *end)
{
    size_t k = 0;
    while (p + k < end && is_digit(p[k]))
        k++;
    return k;
}

/* Character class of Digital Link values the reference accepts ("xchar"). */
static int xchar(char c, int slash)
{
    if (slash && c == '/')
        return 1;
    return c == '"' || c == '\'' || c == '-' || c == '.' || is_digit(c) ||
           (c >= ';' && c <= '?') || (c >= 'A' && c <= 'Z') || c == '_' ||
           (c >= 'a' && c <= 'z');
}

static int xrun(const char *p, const char *end, size_t max, int slash)
{
    size_t k = 0;
    for (; p < end; p++, k++)
        if (!xchar(*p, slash))
            return 0;
    return k <= max;
}

/* After "https://id?gs1?org/<ai>/": the rest of u from p. */
static const char *after_key(const dl *u, const char *ai)
{
    size_t k = strlen(ai);
    if (!canon_domain(u) || u->n < 19 + k + 1 || memcmp(u->s + 19, ai, k) != 0 ||
        u->s[19 + k] != '/')
        return NULL;
    return u->s + 19 + k + 1;
}

/* key digits then optional "/q/value" (value class, max) and end. */
static int qualified(const char *p, const char *end, size_t digits, const char *q,
                     size_t max)
{
    size_t ql = strlen(q);
    if (digit_run(p, end) < digits || !all_digits(p, digits))
        return 0;
    p += digits;
    if (p == end)
        return !*q ? 1 : 0;
    if (!*q || (size_t)(end - p) < ql + 2 || p[0] != '/' || memcmp(p + 1, q, ql) != 0 ||
        p[1 + ql] != '/')
        return 0;
    return xrun(p + ql + 2, end, max, 0);
}

static int final_syntax(const dl *u)
{
    const char *end = u->s + u->n, *p;
    if ((p = after_key(u, "00")))
        return qualified(p, end, 18, "", 0) && end - p == 18;
    if ((p = after_key(u, "01")))
        return end - p == 14
                   ? all_digits(p, 14)
                   : qualified(p, end, 14, "21", 20) || qualified(p, end, 14, "10", 20) ||
                         qualified(p, end, 14, "235", 28);
    if ((p = after_key(u, "253")))
        return end - p >= 13 && all_digits(p, 13) && xrun(p + 13, end, 17, 0);
    if ((p = after_key(u, "255")))
        return end - p >= 13 && end - p <= 25 && all_digits(p, (size_t)(end - p));
    if ((p = after_key(u, "401")) || (p = after_key(u, "8004")))
        return xrun(p, end, 30, 0);
    if ((p = after_key(u, "402")))
        return end - p == 17 && all_digits(p, 17);
    if ((p = after_key(u, "414")))
        return (end - p == 13 && all_digits(p, 13)) || qualified(p, end, 13, "254", 20);
    if ((p = after_key(u, "417")))
        return end - p == 13 && all_digits(p, 13);
    if ((p = after_key(u, "8003")))
        return end - p >= 14 && all_digits(p, 14) && xrun(p + 14, end, 16, 0);
    if ((p = after_key(u, "8006")))
        return (end - p == 18 && all_digits(p, 18)) || qualified(p, end, 18, "21", 20) ||
               qualified(p, end, 18, "10", 20);
    if ((p = after_key(u, "8010"))) {
        const char *q = find(u, "/8011/", (size_t)(p - u->s)), *e2 = q ? q : end;
        const char *c;
        for (c = p; c < e2; c++)
            if (!(*c == '#' || *c == '-' || *c == '/' || is_digit(*c) ||
                  (*c >= 'A' && *c <= 'Z')))
                return 0;
        if (e2 - p > 30)
            return 0;
        /* the greedy class includes '/', so the last "/8011/" splits */
        if (q) {
            const char *last = q, *nx;
            while ((nx = find(u, "/8011/", (size_t)(last - u->s) + 1)) != NULL)
                last = nx;
            return end - last - 6 <= 12 && all_digits(last + 6, (size_t)(end - last - 6));
        }
        return 1;
    }
    if ((p = after_key(u, "8017")) || (p = after_key(u, "8018")))
        return end - p == 18 && all_digits(p, 18);
    return 0;
}

static const char *const rebase_keys[] = {
    "/00/",  "/01/",   "/253/",  "/255/",  "/401/",  "/402/",  "/414/",
    "/417/", "/8003/", "/8004/", "/8006/", "/8010/", "/8017/", "/8018/"};
static const char *const canon_keys[] = {"01",   "8006", "8010", "414", "417",
                                         "8017", "8018", "255",  "00",  "253",
                                         "401",  "402",  "8003", "8004"};

static void rebase(dl *u)
{
    size_t i;
    const char *p;
    if (canon_domain(u)) {
        const char *q = u->s + 19, *sl = memchr(q, '/', u->n - 19);
        if (sl && key_in(q, (size_t)(sl - q), canon_keys, TRACE__ARRAY_LEN(canon_keys)) &&
            u->s + u->n - sl > 5 && all_digits(sl + 1, 4) && sl[5] != '/')
            return;
    }
    for (i = 0; i < TRACE__ARRAY_LEN(rebase_keys); i++)
        if ((p = find(u, rebase_keys[i], 0)) != NULL) {
            size_t off = (size_t)(p - u->s), rest = u->n - off;
            memmove(u->s + 18, p, rest);
            memcpy(u->s, "https://id.gs1.org", 18);
            u->n = 18 + rest;
            return;
        }
}

static void pad_gtin(dl *u)
{
    const char *p = after_key(u, "01");
    size_t d;
    if (!p)
        return;
    d = digit_run(p, u->s + u->n);
    if (d >= 14)
        return;
    if (d >= 13)
        replace_all(u, "/01/", "/01/0");
    else if (d >= 12)
        replace_all(u, "/01/", "/01/00");
    else if (d >= 8)
        replace_all(u, "/01/", "/01/000000");
}

/* "…/<ai>/<digits>/<q>/" prefix test used by the CPV and lot rules. */
static const char *keyed_q(const dl *u, const char *q)
{
    const char *p, *end = u->s + u->n;
    size_t digits, ql = strlen(q);
    if ((p = after_key(u, "8006")))
        digits = 18;
    else if ((p = after_key(u, "01")))
        digits = 14;
    else
        return NULL;
    if ((size_t)(end - p) < digits + ql + 2 || !all_digits(p, digits) ||
        p[digits] != '/' || memcmp(p + digits + 1, q, ql) != 0 ||
        p[digits + 1 + ql] != '/')
        return NULL;
    return p + digits; /* at "/<q>/" */
}

static void drop_cpv(dl *u)
{
    const char *q = keyed_q(u, "22"), *v, *end = u->s + u->n, *sl;
    if (!q)
        return;
    v = q + 4;
    if (!xrun(v, end, 20, 1))
        return;
    sl = memchr(v, '/', (size_t)(end - v));
    if (!sl) {
        u->n = (size_t)(q - u->s);
        return;
    }
    memmove((char *)q, sl, (size_t)(end - sl));
    u->n -= (size_t)(sl - q);
}

static void finest_key(dl *u)
{
    const char *q = keyed_q(u, "10"), *v, *end = u->s + u->n, *sl;
    if (!q)
        return;
    v = q + 4;
    sl = memchr(v, '/', (size_t)(end - v));
    if (!sl || (size_t)(end - sl) < 4 || memcmp(sl, "/21/", 4) != 0 ||
        !xrun(v, sl, 20, 0) || !xrun(sl + 4, end, 20, 0))
        return;
    memmove((char *)q, sl, (size_t)(end - sl));
    u->n -= (size_t)(sl - q);
}

/* Is there a "/" followed by a lower-case letter after the authority? */
static int has_alias_start(const dl *u)
{
    size_t i = 0;
    const char *css = find(u, "://", 0);
    if (css) {
        i = (size_t)(css - u->s) + 3;
        while (i < u->n && u->s[i] != '/')
            i++;
    }
    for (; i + 1 < u->n; i++)
        if (u->s[i] == '/' && u->s[i + 1] >= 'a' && u->s[i + 1] <= 'z')
            return 1;
    return 0;
}

static int conv_dl(trace__buf *b, const char *s, size_t n)
{
    static const char *const alias[][2] = {
        {"/gtin/", "/01/"},   {"/itip/", "/8006/"}, {"/cpid/", "/8010/"},
        {"/gln/", "/414/"},   {"/party/", "/417/"}, {"/gsrnp/", "/8017/"},
        {"/gsrn/", "/8018/"}, {"/gcn/", "/255/"},   {"/sscc/", "/00/"},
        {"/gdti/", "/253/"},  {"/ginc/", "/401/"},  {"/gsin/", "/402/"},
        {"/grai/", "/8003/"}, {"/giai/", "/8004/"}, {"/cpv/", "/22/"},
        {"/lot/", "/10/"},    {"/ser/", "/21/"}};
    dl u;
    const char *q;
    size_t i;
    if (n > DL_MAX || !dl_plausible(s, n))
        return 0;
    q = memchr(s, '?', n);
    u.n = q ? (size_t)(q - s) : n;
    memcpy(u.s, s, u.n);
    /* Aliases are "/" and a lower-case word: most links have none, skip the passes. */
    if (has_alias_start(&u))
        for (i = 0; i < TRACE__ARRAY_LEN(alias); i++)
            if (find(&u, alias[i][0], 0) && !replace_all(&u, alias[i][0], alias[i][1]))
                return 0;
    rebase(&u);
    pad_gtin(&u);
    drop_cpv(&u);
    finest_key(&u);
    if (!final_syntax(&u))
        return 0;
    trace__buf_append(b, u.s, u.n);
    return 1;
}

int trace__hash_id_canon(trace__buf *b, const char *s, size_t n)
{
    size_t mark = b->len;
    int r;
    /* The reference only tries values that contain a '.' at all. */
    if (n < 10 || !memchr(s, '.', n))
        return 0;
    if (s[0] == 'u')
        r = conv_urn(b, s, n);
    else if (s[0] == 'h')
        r = conv_dl(b, s, n);
    else
        return 0;
    if (b->failed)
        return TRACE_ENOMEM;
    if (!r)
        b->len = mark;
    return r;
}

size_t trace_hash_canonical_id(const char *s, size_t n, char *out, size_t size)
{
    trace__buf b;
    size_t len;
    trace__buf_init(&b, NULL);
    if (!s)
        n = 0;
    if (trace__hash_id_canon(&b, s ? s : "", n) != 1) {
        b.len = 0;
        trace__buf_append(&b, s ? s : "", n);
    }
    len = b.len;
    if (size) {
        size_t m = len < size - 1 ? len : size - 1;
        if (m)
            memcpy(out, b.data, m);
        out[m] = '\0';
    }
    trace__buf_free(&b);
    return len;
}
