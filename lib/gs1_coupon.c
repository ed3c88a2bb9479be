/*
 * gs1_coupon.c - linters for the North American coupon code (AI 8110) and the
 * paperless coupon positive offer file code (AI 8112) (UTDS Part 1, GS1:
 * R-1.G.4). Both are digit strings of variable-length-indicator (VLI) fields.
 */
#include <string.h>

#include "gs1_int.h"

typedef struct cur {
    const char *s;
    size_t n, i;
    gs1__lint_err *e;
    int year_now;
} cur;

static int fail(cur *c, size_t off, size_t len, const char *what)
{
    if (!c->e->code) {
        c->e->code = TRACE__D_GS1_BAD_COUPON;
        c->e->off = off;
        c->e->len = len;
        c->e->what = what;
    }
    return 0;
}

/* Read k digits as a number; fails when they are missing or not digits. */
static int digits(cur *c, size_t k, long *v, const char *what)
{
    size_t j;
    long x = 0;
    if (c->i + k > c->n)
        return fail(c, c->i, c->n - c->i, what);
    for (j = 0; j < k; j++) {
        char d = c->s[c->i + j];
        if (d < '0' || d > '9')
            return fail(c, c->i + j, 1, what);
        x = x * 10 + (d - '0');
    }
    c->i += k;
    if (v)
        *v = x;
    return 1;
}

/* A VLI digit in [lo, hi] followed by VLI + add digits. */
static int vli_field(cur *c, long lo, long hi, long add, const char *what, long *vli)
{
    long v;
    size_t at = c->i;
    if (!digits(c, 1, &v, what))
        return 0;
    if (v < lo || v > hi)
        return fail(c, at, 1, what);
    if (vli)
        *vli = v;
    return digits(c, (size_t)(v + add), NULL, what);
}

static int gcp(cur *c, const char *what)
{
    /* GCP VLI 0-6, then VLI + 6 digits of company prefix. */
    return vli_field(c, 0, 6, 6, what, NULL);
}

static int purchase(cur *c, int with_rules)
{
    long v;
    size_t at;
    if (with_rules) {
        at = c->i;
        if (!digits(c, 1, &v, "additional purchase rules code") || v > 3)
            return fail(c, at, 1, "additional purchase rules code");
    }
    if (!vli_field(c, 1, 5, 0, "purchase requirement", NULL))
        return 0;
    at = c->i;
    if (!digits(c, 1, &v, "purchase requirement code") || (v > 4 && v != 9))
        return fail(c, at, 1, "purchase requirement code");
    if (!digits(c, 3, NULL, "purchase family code"))
        return 0;
    at = c->i;
    if (!digits(c, 1, &v, "purchase company prefix"))
        return 0;
    if (v == 9)
        return 1; /* 9: same company prefix as the first purchase */
    if (v > 6)
        return fail(c, at, 1, "purchase company prefix");
    return digits(c, (size_t)(v + 6), NULL, "purchase company prefix");
}

static int date(cur *c, char *out, const char *what)
{
    gs1__lint_err e = {0, 0, 0, NULL};
    size_t at = c->i;
    if (!digits(c, 6, NULL, what))
        return 0;
    gs1__lint(GS1L_YYMMDD, c->s + at, 6, c->year_now, &e);
    if (e.code)
        return fail(c, at, 6, what);
    memcpy(out, c->s + at, 6);
    return 1;
}

static int optional_field(cur *c, long ind, char *exp, char *start)
{
    long v;
    size_t at = c->i;
    switch (ind) {
    case 1: return purchase(c, 1);
    case 2: return purchase(c, 0);
    case 3: return date(c, exp, "expiration date");
    case 4: return date(c, start, "start date");
    case 5: return vli_field(c, 0, 9, 6, "serial number", NULL);
    case 6: return vli_field(c, 1, 7, 6, "retailer identification", NULL);
    case 9:
        if (!digits(c, 1, &v, "save value code") ||
            (v != 0 && v != 1 && v != 2 && v != 5 && v != 6))
            return fail(c, at, 1, "save value code");
        at = c->i;
        if (!digits(c, 1, &v, "applies to which item") || v > 2)
            return fail(c, at, 1, "applies to which item");
        if (!digits(c, 1, NULL, "store coupon flag"))
            return 0;
        at = c->i;
        if (!digits(c, 1, &v, "don't multiply flag") || v > 1)
            return fail(c, at, 1, "don't multiply flag");
        return 1;
    default: return fail(c, at - 1, 1, "unknown optional field");
    }
}

static void couponcode(cur *c)
{
    long v, last = 0;
    size_t at;
    char exp[7] = "", start[7] = "";
    if (!gcp(c, "company prefix") || !digits(c, 6, NULL, "offer code") ||
        !vli_field(c, 1, 5, 0, "save value", NULL) ||
        !vli_field(c, 1, 5, 0, "primary purchase requirement", NULL))
        return;
    at = c->i;
    if (!digits(c, 1, &v, "primary purchase requirement code") || (v > 4 && v != 9)) {
        fail(c, at, 1, "primary purchase requirement code");
        return;
    }
    if (!digits(c, 3, NULL, "primary purchase family code"))
        return;
    while (c->i < c->n) {
        at = c->i;
        if (!digits(c, 1, &v, "optional field indicator"))
            return;
        if (v <= last) {
            fail(c, at, 1, "optional fields out of order");
            return;
        }
        last = v;
        if (!optional_field(c, v, exp, start))
            return;
    }
    if (exp[0] && start[0] && memcmp(exp, start, 6) < 0)
        fail(c, 0, c->n, "expiration date before start date");
}

static void couponposoffer(cur *c)
{
    long v;
    size_t at = c->i;
    if (!digits(c, 1, &v, "format code") || v > 1) {
        fail(c, at, 1, "format code");
        return;
    }
    if (!gcp(c, "funder") || !digits(c, 6, NULL, "offer code") ||
        !vli_field(c, 0, 9, 6, "serial number", NULL))
        return;
    if (c->i != c->n)
        fail(c, c->i, c->n - c->i, "data after the serial number");
}

void gs1__lint_coupon(int linter, const char *s, size_t n, int year_now, gs1__lint_err *e)
{
    cur c;
    c.s = s;
    c.n = n;
    c.i = 0;
    c.e = e;
    c.year_now = year_now;
    if (linter == GS1L_COUPONCODE)
        couponcode(&c);
    else
        couponposoffer(&c);
}
