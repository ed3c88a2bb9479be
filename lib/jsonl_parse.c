/*
 * jsonl_parse.c - a strict RFC 8259 parser into a compact arena tree that
 * keeps number lexemes (see jsonl_int.h). Recursion is bounded by
 * trace_limits.max_depth.
 */
#include <stdlib.h>
#include <string.h>

#include "diag_ids.h"
#include "jsonl_int.h"

typedef struct cur {
    jv_parser *p;
    trace__arena *a;
    const char *t;
    size_t n, i;
    uint32_t depth;
} cur;

void jv_parser_init(jv_parser *p, const trace_allocator *alloc, const trace_limits *lim)
{
    memset(p, 0, sizeof(*p));
    p->alloc = alloc ? alloc : &trace__default_alloc;
    p->max_depth = lim && lim->max_depth ? lim->max_depth : TRACE_DEFAULT_MAX_DEPTH;
    p->max_string = lim && lim->max_string ? lim->max_string : TRACE_DEFAULT_MAX_STRING;
    /* Every value on the stack ends up in the event arena, which holds at most
     * 4 x max_record bytes: refuse more values than that before the stack grows. */
    p->max_items = (size_t)(4 * (lim && lim->max_record ? lim->max_record : TRACE_DEFAULT_MAX_RECORD) /
                            sizeof(jv));
}

void jv_parser_free(jv_parser *p)
{
    trace__free(p->alloc, p->stack);
    trace__free(p->alloc, p->kstack);
    p->stack = NULL;
    p->kstack = NULL;
    p->cap = p->sp = 0;
}

static int fail(cur *c, const char *reason)
{
    c->p->reason = reason;
    c->p->err_off = c->i;
    c->p->err_code = TRACE__D_JSONL_SYNTAX;
    return TRACE_EDATA;
}

static void ws(cur *c)
{
    while (c->i < c->n) {
        char ch = c->t[c->i];
        if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
            break;
        c->i++;
    }
}

static int push(cur *c, const jv *v, trace_str key)
{
    jv_parser *p = c->p;
    if (p->max_items && p->sp >= p->max_items) {
        /* More values than an event within max_record can need: refuse before growing. */
        p->err_off = c->i;
        p->err_code = TRACE__D_EVENT_TOO_LARGE;
        p->reason = "too many values";
        return TRACE_ELIMIT;
    }
    if (p->sp == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 256;
        jv *s = trace__realloc(p->alloc, p->stack, cap * sizeof(*s));
        trace_str *k;
        if (!s)
            return TRACE_ENOMEM;
        p->stack = s;
        k = trace__realloc(p->alloc, p->kstack, cap * sizeof(*k));
        if (!k)
            return TRACE_ENOMEM;
        p->kstack = k;
        p->cap = cap;
    }
    p->stack[p->sp] = *v;
    p->kstack[p->sp] = key;
    p->sp++;
    return TRACE_OK;
}

/* Length of a valid UTF-8 sequence starting at s (n bytes left), 0 if invalid. */
size_t jv_utf8_len(const unsigned char *s, size_t n)
{
    unsigned char b = s[0];
    if (b < 0xC2 || b > 0xF4)
        return 0;
    if (b < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (b < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if ((b == 0xE0 && s[1] < 0xA0) || (b == 0xED && s[1] > 0x9F))
            return 0; /* overlong or surrogate */
        return 3;
    }
    if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
        return 0;
    if ((b == 0xF0 && s[1] < 0x90) || (b == 0xF4 && s[1] > 0x8F))
        return 0;
    return 4;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char h = s[i];
        v <<= 4;
        if (h >= '0' && h <= '9')
            v |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f')
            v |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F')
            v |= (unsigned)(h - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static size_t put_utf8(char *d, unsigned cp)
{
    if (cp < 0x80) {
        d[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (char)(0xC0 | (cp >> 6));
        d[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (char)(0xE0 | (cp >> 12));
        d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (char)(0xF0 | (cp >> 18));
    d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decode the escapes of a string body t[start..end) into the arena. */
static int unescape(cur *c, size_t start, size_t end, trace_str *out)
{
    char *d = trace__arena_alloc(c->a, end - start + 1);
    size_t i = start, k = 0;
    if (!d)
        return TRACE_ENOMEM;
    while (i < end) {
        char ch = c->t[i];
        unsigned cp, lo;
        if (ch != '\\') {
            d[k++] = ch;
            i++;
            continue;
        }
        ch = c->t[i + 1];
        i += 2;
        switch (ch) {
        case '"': d[k++] = '"'; continue;
        case '\\': d[k++] = '\\'; continue;
        case '/': d[k++] = '/'; continue;
        case 'b': d[k++] = '\b'; continue;
        case 'f': d[k++] = '\f'; continue;
        case 'n': d[k++] = '\n'; continue;
        case 'r': d[k++] = '\r'; continue;
        case 't': d[k++] = '\t'; continue;
        default: break;
        }
        hex4(c->t + i, &cp); /* validated by scan_string */
        i += 4;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            hex4(c->t + i + 2, &lo);
            i += 6;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        k += put_utf8(d + k, cp);
    }
    d[k] = '\0';
    out->s = d;
    out->len = k;
    return TRACE_OK;
}

/* 1 for bytes a string may hold without a closer look: printable ASCII except '"' and '\\'. */
#define R8(v) v, v, v, v, v, v, v, v
#define R32(v) R8(v), R8(v), R8(v), R8(v)
static const unsigned char plain[256] = {
    R32(0),                                  /* 0x00-0x1f: control characters */
    1, 1, 0, 1, 1, 1, 1, 1, R8(1), R8(1), R8(1), /* 0x20-0x3f: '"' is 0x22 */
    R8(1), R8(1), R8(1), 1, 1, 1, 1, 0, 1, 1, 1, /* 0x40-0x5f: '\\' is 0x5c */
    R32(1),                                  /* 0x60-0x7f */
    R32(0), R32(0), R32(0), R32(0)};         /* 0x80-0xff: UTF-8, validated */
#undef R32
#undef R8

/* At an opening quote: validate the string, give its text (decoded when escaped). */
static int scan_string(cur *c, trace_str *out)
{
    size_t start = ++c->i;
    int escaped = 0;
    while (c->i < c->n) {
        unsigned char ch;
        /* Fast path: runs of plain ASCII need no look. */
        while (c->i < c->n && plain[(unsigned char)c->t[c->i]])
            c->i++;
        if (c->i >= c->n)
            break;
        ch = (unsigned char)c->t[c->i];
        if (ch == '"')
            break;
        if (ch < 0x20)
            return fail(c, "control character in string");
        if (ch == '\\') {
            unsigned cp, lo;
            size_t esc = c->i;
            escaped = 1;
            if (c->i + 1 >= c->n)
                return fail(c, "unterminated string");
            ch = (unsigned char)c->t[c->i + 1];
            if (ch != 'u') {
                if (!strchr("\"\\/bfnrt", ch) || ch == 0)
                    return fail(c, "invalid escape");
                c->i += 2;
                continue;
            }
            if (c->i + 6 > c->n || hex4(c->t + c->i + 2, &cp))
                return fail(c, "invalid \\u escape");
            c->i += 6;
            if (cp >= 0xDC00 && cp <= 0xDFFF) {
                c->i = esc;
                return fail(c, "lone surrogate");
            }
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                if (c->i + 6 > c->n || c->t[c->i] != '\\' || c->t[c->i + 1] != 'u' ||
                    hex4(c->t + c->i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF) {
                    c->i = esc;
                    return fail(c, "lone surrogate");
                }
                c->i += 6;
            }
            continue;
        }
        if (ch >= 0x80) {
            size_t k = jv_utf8_len((const unsigned char *)c->t + c->i, c->n - c->i);
            if (!k) {
                c->p->err_off = c->i;
                c->p->reason = "invalid UTF-8";
                c->p->err_code = TRACE__D_NOT_UTF8;
                return TRACE_EDATA;
            }
            c->i += k;
            continue;
        }
        c->i++;
    }
    if (c->i >= c->n)
        return fail(c, "unterminated string");
    if (c->i - start > c->p->max_string) {
        c->p->err_off = start - 1;
        c->p->err_code = TRACE__D_STRING_TOO_LONG;
        c->p->reason = "string too long";
        return TRACE_ELIMIT;
    }
    c->i++; /* closing quote */
    if (!escaped) {
        out->s = c->t + start;
        out->len = c->i - 1 - start;
        return TRACE_OK;
    }
    return unescape(c, start, c->i - 1, out);
}

static size_t number_end(const char *t, size_t n, size_t i)
{
    size_t d;
    if (i < n && t[i] == '-')
        i++;
    if (i < n && t[i] == '0')
        i++;
    else if (i < n && t[i] >= '1' && t[i] <= '9')
        while (i < n && t[i] >= '0' && t[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && t[i] == '.') {
        for (d = ++i; i < n && t[i] >= '0' && t[i] <= '9'; i++)
            ;
        if (i == d)
            return 0;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        i++;
        if (i < n && (t[i] == '+' || t[i] == '-'))
            i++;
        for (d = i; i < n && t[i] >= '0' && t[i] <= '9'; i++)
            ;
        if (i == d)
            return 0;
    }
    return i;
}

int jv_is_number(trace_str s)
{
    return s.len > 0 && number_end(s.s, s.len, 0) == s.len;
}

static int parse_value(cur *c, jv *out);

static int key_cmp(const void *a, const void *b)
{
    const trace_str *x = *(const trace_str *const *)a, *y = *(const trace_str *const *)b;
    size_t n = x->len < y->len ? x->len : y->len;
    int r = n ? memcmp(x->s, y->s, n) : 0;
    return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Member names are unique (as JSON_REJECT_DUPLICATES): pairwise for small objects, sorted
 * pointers for big ones so a hostile object cannot make this quadratic. */
static int check_duplicates(cur *c, const jv *o)
{
    const trace_str *dup = NULL;
    size_t i, j;
    if (o->n < 2)
        return TRACE_OK;
    if (o->n <= 32) {
        for (i = 1; i < o->n && !dup; i++)
            for (j = 0; j < i; j++)
                if (o->keys[i].len == o->keys[j].len &&
                    !memcmp(o->keys[i].s, o->keys[j].s, o->keys[i].len)) {
                    dup = &o->keys[i];
                    break;
                }
    } else {
        const trace_str **v = trace__arena_alloc(c->a, o->n * sizeof(*v));
        if (!v)
            return TRACE_ENOMEM;
        for (i = 0; i < o->n; i++)
            v[i] = &o->keys[i];
        qsort(v, o->n, sizeof(*v), key_cmp);
        for (i = 1; i < o->n && !dup; i++)
            if (!key_cmp(&v[i - 1], &v[i]))
                dup = v[i] > v[i - 1] ? v[i] : v[i - 1]; /* the later one */
    }
    if (!dup)
        return TRACE_OK;
    c->p->err_off = o->items[dup - o->keys].off;
    c->p->err_code = TRACE__D_JSONL_DUPLICATE;
    c->p->err_name = *dup;
    c->p->reason = "duplicate member";
    return TRACE_EDATA;
}

/* Parse the members or items of a container; the opening bracket is consumed. */
static int parse_container(cur *c, jv *out, int obj)
{
    size_t base = c->p->sp, k;
    char close = obj ? '}' : ']';
    int rc;
    if (++c->depth > c->p->max_depth) {
        c->p->err_off = c->i - 1; /* the opening bracket */
        c->p->err_code = TRACE__D_TOO_DEEP;
        c->p->reason = "too deep";
        return TRACE_ELIMIT;
    }
    ws(c);
    if (c->i < c->n && c->t[c->i] == close) {
        c->i++;
        c->depth--;
        return TRACE_OK;
    }
    for (;;) {
        trace_str key = {NULL, 0};
        jv v;
        ws(c);
        if (obj) {
            if (c->i >= c->n || c->t[c->i] != '"')
                return fail(c, "expected a member name");
            if ((rc = scan_string(c, &key)) != TRACE_OK)
                return rc;
            ws(c);
            if (c->i >= c->n || c->t[c->i] != ':')
                return fail(c, "expected ':'");
            c->i++;
            ws(c);
        }
        if ((rc = parse_value(c, &v)) != TRACE_OK)
            return rc;
        if ((rc = push(c, &v, key)) != TRACE_OK)
            return rc;
        ws(c);
        if (c->i < c->n && c->t[c->i] == ',') {
            c->i++;
            continue;
        }
        if (c->i < c->n && c->t[c->i] == close) {
            c->i++;
            break;
        }
        return fail(c, obj ? "expected ',' or '}'" : "expected ',' or ']'");
    }
    out->n = c->p->sp - base;
    out->items = trace__arena_alloc(c->a, out->n * sizeof(jv));
    if (!out->items)
        return TRACE_ENOMEM;
    memcpy(out->items, c->p->stack + base, out->n * sizeof(jv));
    if (obj) {
        out->keys = trace__arena_alloc(c->a, out->n * sizeof(trace_str));
        if (!out->keys)
            return TRACE_ENOMEM;
        for (k = 0; k < out->n; k++)
            out->keys[k] = c->p->kstack[base + k];
        if ((rc = check_duplicates(c, out)) != TRACE_OK)
            return rc;
    }
    c->p->sp = base;
    c->depth--;
    return TRACE_OK;
}

static int literal(cur *c, const char *word, jv_kind kind, jv *out)
{
    size_t n = strlen(word);
    if (c->n - c->i < n || memcmp(c->t + c->i, word, n) != 0)
        return fail(c, "invalid literal");
    c->i += n;
    out->kind = kind;
    return TRACE_OK;
}

static int parse_value(cur *c, jv *out)
{
    size_t e;
    memset(out, 0, sizeof(*out));
    out->off = (uint32_t)c->i;
    if (c->i >= c->n)
        return fail(c, "unexpected end of input");
    switch (c->t[c->i]) {
    case '{':
        c->i++;
        out->kind = JV_OBJ;
        return parse_container(c, out, 1);
    case '[':
        c->i++;
        out->kind = JV_ARR;
        return parse_container(c, out, 0);
    case '"':
        out->kind = JV_STR;
        return scan_string(c, &out->s);
    case 't': return literal(c, "true", JV_TRUE, out);
    case 'f': return literal(c, "false", JV_FALSE, out);
    case 'n': return literal(c, "null", JV_NULL, out);
    default: break;
    }
    e = number_end(c->t, c->n, c->i);
    if (!e)
        return fail(c, "invalid value");
    out->kind = JV_NUM;
    out->s.s = c->t + c->i;
    out->s.len = e - c->i;
    c->i = e;
    return TRACE_OK;
}

int jv_parse(jv_parser *p, trace__arena *arena, const char *text, size_t n, jv *out)
{
    cur c;
    int rc;
    c.p = p;
    c.a = arena;
    c.t = text;
    c.n = n;
    c.i = 0;
    c.depth = 0;
    p->sp = 0;
    p->reason = NULL;
    ws(&c);
    rc = parse_value(&c, out);
    if (rc == TRACE_OK) {
        ws(&c);
        if (c.i != n)
            rc = fail(&c, "extra data after the value");
    }
    p->sp = 0;
    return rc;
}

const jv *jv_get(const jv *obj, const char *key)
{
    size_t i, n = strlen(key);
    if (!obj || obj->kind != JV_OBJ)
        return NULL;
    for (i = 0; i < obj->n; i++)
        if (obj->keys[i].len == n && memcmp(obj->keys[i].s, key, n) == 0)
            return &obj->items[i];
    return NULL;
}
