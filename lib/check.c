/*
 * check.c - check-character algorithms (UTDS Part 1, section "Check
 * algorithms"). Pure functions over byte strings; no allocation.
 *
 * ISO/IEC 7064 pure systems (MOD 11-2, 37-2, 97-10, 1271-36) and hybrid
 * systems (MOD 11,10, 37,36) share one implementation each, parameterised by
 * modulus, radix and alphabet.
 */
#include <string.h>

#include "internal.h"

static const char DIGITS[] = "0123456789";
static const char ALNUM36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
static const char ALNUM37[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";
static const char MOD11[] = "0123456789X";
static const char USCC31[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const char CSET82[] = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
                             "abcdefghijklmnopqrstuvwxyz";
static const char CSET32[] = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

static const char *const names[TRACE_CHECK_COUNT] = {
    "gs1",        "gs1-alnum", "mod11-2", "mod37-2", "mod97-10", "mod11-10", "mod37-36",
    "mod1271-36", "gb32100",   "gb11714", "cas",     "luhn",     "iban"};

const char *trace_check_name(trace_check_alg alg)
{
    return (unsigned)alg < TRACE_CHECK_COUNT ? names[alg] : NULL;
}

int trace_check_by_name(const char *name, trace_check_alg *out)
{
    unsigned i;
    for (i = 0; name && i < TRACE_CHECK_COUNT; i++)
        if (trace__strcasecmp(names[i], name) == 0) {
            if (out)
                *out = (trace_check_alg)i;
            return TRACE_OK;
        }
    return TRACE_ENOTFOUND;
}

size_t trace_check_width(trace_check_alg alg)
{
    switch (alg) {
    case TRACE_CHECK_GS1_ALNUM:
    case TRACE_CHECK_MOD97_10:
    case TRACE_CHECK_MOD1271_36:
    case TRACE_CHECK_IBAN: return 2;
    default: return 1;
    }
}

/* Value of c in alphabet set (upper-casing letters when fold), or -1. */
static int value_in(const char *set, char c, int fold)
{
    const char *p;
    if (fold && c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (!c)
        return -1;
    p = strchr(set, c);
    return p ? (int)(p - set) : -1;
}

static int gs1_mod10(const char *s, size_t len, char *out)
{
    unsigned sum = 0;
    size_t i;
    if (!len)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        unsigned d = (unsigned char)s[len - 1 - i] - '0';
        if (d > 9)
            return TRACE_EDATA;
        sum += d * ((i & 1) ? 1u : 3u); /* weight 3 on the digit next to the check */
    }
    out[0] = (char)('0' + (10 - sum % 10) % 10);
    return TRACE_OK;
}

static int gs1_alnum(const char *s, size_t len, char *out)
{
    /* Weights are the primes 2, 3, 5, ... from the rightmost data character. */
    static const unsigned primes[] = {
        2,   3,   5,   7,   11,  13,  17,  19,  23,  29,  31,  37,  41,  43,
        47,  53,  59,  61,  67,  71,  73,  79,  83,  89,  97,  101, 103, 107,
        109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
        191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263,
        269, 271, 277, 281, 283, 293, 307, 311, 313, 317, 331, 337, 347, 349,
        353, 359, 367, 373, 379, 383, 389, 397, 401, 409, 419, 421, 431, 433,
        439, 443, 449, 457, 461, 463, 467, 479, 487, 491, 499, 503, 509};
    unsigned long sum = 0;
    size_t i;
    if (len > TRACE__ARRAY_LEN(primes))
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        int v = value_in(CSET82, s[len - 1 - i], 0);
        if (v < 0)
            return TRACE_EDATA;
        sum += (unsigned long)v * primes[i];
    }
    sum %= 1021;
    out[0] = CSET32[sum >> 5];
    out[1] = CSET32[sum & 31];
    return TRACE_OK;
}

/* ISO/IEC 7064 pure system with modulus m, radix r, nchk check characters. */
static int iso_pure(const char *s, size_t len, unsigned m, unsigned r, const char *in_set,
                    const char *out_set, size_t nchk, char *out)
{
    unsigned long p = 0, chk;
    size_t i;
    if (!len)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        int v = value_in(in_set, s[i], 1);
        if (v < 0)
            return TRACE_EDATA;
        p = ((p + (unsigned long)v) * r) % m;
    }
    if (nchk == 2)
        p = (p * r) % m;
    chk = (m + 1 - p) % m;
    if (nchk == 2) {
        out[0] = out_set[chk / r];
        out[1] = out_set[chk % r];
    } else {
        out[0] = out_set[chk];
    }
    return TRACE_OK;
}

/* ISO/IEC 7064 hybrid system MOD (m+1, m). */
static int iso_hybrid(const char *s, size_t len, unsigned m, const char *set, char *out)
{
    unsigned p = m, t;
    size_t i;
    if (!len)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        int v = value_in(set, s[i], 1);
        if (v < 0)
            return TRACE_EDATA;
        t = (p + (unsigned)v) % m;
        if (t == 0)
            t = m;
        p = (t * 2) % (m + 1);
    }
    out[0] = set[(m + 1 - p) % m];
    return TRACE_OK;
}

static int gb32100(const char *s, size_t len, char *out)
{
    unsigned sum = 0, w = 1;
    size_t i;
    if (len != 17)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        int v = value_in(USCC31, s[i], 1);
        if (v < 0)
            return TRACE_EDATA;
        sum += (unsigned)v * w;
        w = (w * 3) % 31; /* weights 3^(i-1) mod 31 */
    }
    out[0] = USCC31[(31 - sum % 31) % 31];
    return TRACE_OK;
}

static int gb11714(const char *s, size_t len, char *out)
{
    static const unsigned w[8] = {3, 7, 9, 10, 5, 8, 4, 2};
    unsigned sum = 0, c;
    size_t i;
    if (len != 8)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        int v = value_in(ALNUM36, s[i], 1);
        if (v < 0)
            return TRACE_EDATA;
        sum += (unsigned)v * w[i];
    }
    c = 11 - sum % 11;
    out[0] = c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
    return TRACE_OK;
}

static int cas(const char *s, size_t len, char *out)
{
    unsigned sum = 0;
    size_t i;
    if (len < 4 || len > 9) /* 2-7 digits, 2 digits, before the check */
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        unsigned d = (unsigned char)s[len - 1 - i] - '0';
        if (d > 9)
            return TRACE_EDATA;
        sum += d * (unsigned)(i + 1);
    }
    out[0] = (char)('0' + sum % 10);
    return TRACE_OK;
}

static int luhn(const char *s, size_t len, char *out)
{
    unsigned sum = 0;
    size_t i;
    if (!len)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        unsigned d = (unsigned char)s[len - 1 - i] - '0';
        if (d > 9)
            return TRACE_EDATA;
        if (!(i & 1)) { /* double every second digit, starting next to the check */
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    out[0] = (char)('0' + (10 - sum % 10) % 10);
    return TRACE_OK;
}

/* IBAN (ISO 13616): move the first four characters to the end, letters to
 * numbers (A=10), then 98 - (n mod 97), with the check digits taken as 00. */
static int iban(const char *s, size_t len, char *out)
{
    unsigned long rem = 0;
    size_t i;
    if (len < 5 || len > 34)
        return TRACE_EDATA;
    for (i = 0; i < len; i++) {
        size_t k = (i + 4) % len;
        int v = value_in(ALNUM36, s[k], 1);
        if (k == 2 || k == 3)
            v = 0; /* the check digits themselves */
        else if (v < 0 || (k < 2 && v < 10))
            return TRACE_EDATA;
        rem = v >= 10 ? (rem * 100 + (unsigned long)v) % 97
                      : (rem * 10 + (unsigned long)v) % 97;
    }
    rem = 98 - rem;
    out[0] = (char)('0' + rem / 10);
    out[1] = (char)('0' + rem % 10);
    return TRACE_OK;
}

static int compute(trace_check_alg alg, const char *s, size_t len, char *out)
{
    switch (alg) {
    case TRACE_CHECK_GS1_MOD10: return gs1_mod10(s, len, out);
    case TRACE_CHECK_GS1_ALNUM: return gs1_alnum(s, len, out);
    case TRACE_CHECK_MOD11_2: return iso_pure(s, len, 11, 2, DIGITS, MOD11, 1, out);
    case TRACE_CHECK_MOD37_2: return iso_pure(s, len, 37, 2, ALNUM36, ALNUM37, 1, out);
    case TRACE_CHECK_MOD97_10: return iso_pure(s, len, 97, 10, DIGITS, DIGITS, 2, out);
    case TRACE_CHECK_MOD11_10: return iso_hybrid(s, len, 10, DIGITS, out);
    case TRACE_CHECK_MOD37_36: return iso_hybrid(s, len, 36, ALNUM36, out);
    case TRACE_CHECK_MOD1271_36:
        return iso_pure(s, len, 1271, 36, ALNUM36, ALNUM36, 2, out);
    case TRACE_CHECK_GB32100: return gb32100(s, len, out);
    case TRACE_CHECK_GB11714: return gb11714(s, len, out);
    case TRACE_CHECK_CAS: return cas(s, len, out);
    case TRACE_CHECK_LUHN: return luhn(s, len, out);
    case TRACE_CHECK_IBAN: return iban(s, len, out);
    }
    return TRACE_EINVAL;
}

int trace_check_compute(trace_check_alg alg, const char *s, size_t len, char *out,
                        size_t size)
{
    char tmp[2];
    size_t w;
    int rc;
    if (!s || !out || (unsigned)alg >= TRACE_CHECK_COUNT)
        return TRACE_EINVAL;
    w = trace_check_width(alg);
    if (size < w + 1)
        return TRACE_EBUFS;
    rc = compute(alg, s, len, tmp);
    if (rc != TRACE_OK)
        return rc;
    memcpy(out, tmp, w);
    out[w] = '\0';
    return TRACE_OK;
}

int trace_check_verify(trace_check_alg alg, const char *s, size_t len)
{
    char tmp[2];
    size_t w, i;
    int rc;
    if (!s || (unsigned)alg >= TRACE_CHECK_COUNT)
        return TRACE_EINVAL;
    if (alg == TRACE_CHECK_IBAN) {
        rc = compute(alg, s, len, tmp);
        return rc != TRACE_OK ? rc : (tmp[0] == s[2] && tmp[1] == s[3]);
    }
    w = trace_check_width(alg);
    if (len <= w)
        return TRACE_EDATA;
    rc = compute(alg, s, len - w, tmp);
    if (rc != TRACE_OK)
        return rc;
    for (i = 0; i < w; i++) {
        char c = s[len - w + i];
        if (alg != TRACE_CHECK_GS1_ALNUM && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c != tmp[i])
            return 0;
    }
    return 1;
}

/* Position of the first character the algorithm cannot take, or -1. */
static long first_bad_char(trace_check_alg alg, const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++) {
        const char *set;
        switch (alg) {
        case TRACE_CHECK_GS1_ALNUM: set = CSET82; break;
        case TRACE_CHECK_MOD37_2:
        case TRACE_CHECK_MOD37_36:
        case TRACE_CHECK_MOD1271_36:
        case TRACE_CHECK_GB11714:
        case TRACE_CHECK_IBAN: set = ALNUM36; break;
        case TRACE_CHECK_GB32100: set = USCC31; break;
        default: set = DIGITS; break;
        }
        if (value_in(set, s[i], alg != TRACE_CHECK_GS1_ALNUM) < 0)
            return (long)i;
    }
    return -1;
}

int trace_check_diagnose(trace_check_alg alg, const char *s, size_t len, trace_diag *d)
{
    size_t w;
    char want[3];
    long bad;
    int rc = trace_check_verify(alg, s, len);
    if (rc == 1 || rc == TRACE_EINVAL || !d)
        return rc;
    w = trace_check_width(alg);
    if (rc == 0) {
        size_t at = alg == TRACE_CHECK_IBAN ? 2 : len - w;
        trace_check_compute(alg, s, alg == TRACE_CHECK_IBAN ? len : len - w, want,
                            sizeof(want));
        trace__diag_init(d, TRACE__D_CHECK_MISMATCH);
        d->loc.offset = (int64_t)at;
        d->loc.length = (uint32_t)w;
        trace__diag_argn(d, "got", s + at, w);
        trace__diag_arg(d, "expected", want);
    } else if (len > w && (bad = first_bad_char(
                               alg, s, alg == TRACE_CHECK_IBAN ? len : len - w)) >= 0) {
        trace__diag_init(d, TRACE__D_CHECK_BAD_CHAR);
        d->loc.offset = bad;
        d->loc.length = 1;
        trace__diag_argn(d, "char", s + bad, 1);
    } else {
        trace__diag_init(d, TRACE__D_CHECK_BAD_LENGTH);
        trace__diag_argf(d, "length", "%zu", len);
    }
    trace__diag_arg(d, "alg", trace_check_name(alg));
    return 0;
}
