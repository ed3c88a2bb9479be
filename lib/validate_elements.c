/*
 * validate_elements.c - the "elements" rule kind: every UTDS element of an
 * event (extensions and ILMD) is in the dictionary, in an allowed place,
 * not repeated unless repeatable, and its value conforms to its type
 * (spec/utds-2-collection.md R-2.4.1 - R-2.4.3).
 */
#include <stdio.h>
#include <string.h>

#include "validate_prof_int.h"

static int is_utds(const trace_ext *e)
{
    return e->kind == TRACE_EXT_ELEMENT &&
           (trace_str_eq(e->ns, TRACE_UTDS_NS) ||
            (e->ns.len == 0 && trace_str_eq(e->prefix, TRACE_UTDS_PREFIX)));
}

static size_t utf8_chars(trace_str s)
{
    size_t i, n = 0;
    for (i = 0; i < s.len; i++)
        n += ((unsigned char)s.s[i] & 0xC0) != 0x80;
    return n;
}

static int charset_ok(trace_charset cs, trace_str s)
{
    static const char cset82[] = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_"
                                 "abcdefghijklmnopqrstuvwxyz";
    size_t i;
    for (i = 0; i < s.len; i++) {
        unsigned char ch = (unsigned char)s.s[i];
        int digit = ch >= '0' && ch <= '9', upper = ch >= 'A' && ch <= 'Z',
            lower = ch >= 'a' && ch <= 'z';
        switch (cs) {
        case TRACE_CHARSET_ANY:
            if (ch < 0x20 || ch == 0x7f)
                return 0;
            break;
        case TRACE_CHARSET_PRINTABLE:
            if (ch < 0x20 || ch > 0x7e)
                return 0;
            break;
        case TRACE_CHARSET_CSET82:
            if (!ch || !strchr(cset82, ch))
                return 0;
            break;
        case TRACE_CHARSET_DIGITS:
            if (!digit)
                return 0;
            break;
        case TRACE_CHARSET_ALNUM:
            if (!digit && !upper && !lower)
                return 0;
            break;
        case TRACE_CHARSET_UPPER_ALNUM:
            if (!digit && !upper)
                return 0;
            break;
        case TRACE_CHARSET_UPPER_ALNUM_DASH:
            if (!digit && !upper && ch != '-')
                return 0;
            break;
        }
    }
    return 1;
}

static int date_ok(trace_str s)
{
    char buf[40];
    trace_time t;
    if (s.len != 10)
        return 0;
    snprintf(buf, sizeof(buf), "%.10sT00:00:00Z", s.s);
    return trace_time_parse(trace_str_c(buf), &t) == TRACE_OK;
}

/* A decimal lexeme, optionally followed by " UNIT" when the unit travels with it. */
static int decimal_ok(trace_str s, int unit_with_value)
{
    size_t i = 0, digits = 0;
    int dot = 0;
    if (i < s.len && (s.s[i] == '-' || s.s[i] == '+'))
        i++;
    for (; i < s.len && s.s[i] != ' '; i++) {
        if (s.s[i] >= '0' && s.s[i] <= '9')
            digits++;
        else if (s.s[i] == '.' && !dot)
            dot = 1;
        else
            return 0;
    }
    if (i < s.len && !unit_with_value)
        return 0;
    return digits > 0;
}

/* Does value conform to element type? 1 yes; 0 no, with expected described. */
static int value_ok(trace__vrun *c, const trace_element *el, const trace_ext *e, char *expected,
                    size_t size)
{
    trace_str v = e->text;
    char reason[256], code[128];
    size_t n;
    switch (el->type) {
    case TRACE_ELEM_TEXT:
        n = utf8_chars(v);
        snprintf(expected, size, "%s text of %u..%u characters", trace_charset_name(el->charset),
                 el->min_len, el->max_len);
        return charset_ok(el->charset, v) && (!el->min_len || n >= el->min_len) &&
               (!el->max_len || n <= el->max_len);
    case TRACE_ELEM_ID:
        snprintf(expected, size, "%s identifier", el->schemes ? el->schemes : "");
        return !el->schemes ||
               trace__vprof_check_schemes(c, el->schemes, v, reason, sizeof(reason)) != 0;
    case TRACE_ELEM_DATE:
        snprintf(expected, size, "date (YYYY-MM-DD)");
        return date_ok(v);
    case TRACE_ELEM_DATETIME: {
        trace_time t;
        snprintf(expected, size, "date-time with zone offset");
        return trace_time_parse(v, &t) == TRACE_OK;
    }
    case TRACE_ELEM_DECIMAL:
        snprintf(expected, size, "decimal");
        return decimal_ok(v, el->unit && !strcmp(el->unit, "*"));
    case TRACE_ELEM_INTEGER:
        snprintf(expected, size, "integer of %u..%u digits", el->min_len, el->max_len);
        return v.len && charset_ok(TRACE_CHARSET_DIGITS, v) && (!el->min_len || v.len >= el->min_len) &&
               (!el->max_len || v.len <= el->max_len);
    case TRACE_ELEM_ENUM: {
        const trace_codelist *l = trace_dict_codelist(trace_ctx_dict(c->v->ctx), el->codelist);
        snprintf(expected, size, "code of list %s", el->codelist ? el->codelist : "");
        if (!l || v.len >= sizeof(code))
            return l == NULL;
        memcpy(code, v.s, v.len);
        code[v.len] = '\0';
        return trace_codelist_value(l, code) != NULL;
    }
    case TRACE_ELEM_GROUP:
        snprintf(expected, size, "group of %s", el->members ? el->members : "");
        return e->nchildren > 0;
    }
    return 1;
}

static trace_diag *element_diag(trace__vrun *c, const trace_rule *r, int code,
                                const trace_ext *e, const char *where)
{
    char name[96];
    trace_diag *d;
    snprintf(name, sizeof(name), "utds:%.*s", (int)e->name.len, e->name.s);
    d = trace__vprof_diag(c, r, code, e->pos, where);
    trace__diag_arg(d, "element", name);
    trace__diag_arg(d, "where", where);
    return d;
}

static int member_of(const char *members, trace_str name)
{
    const char *p = members;
    while (p && *p) {
        const char *e = strchr(p, ',');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == name.len && !memcmp(p, name.s, k))
            return 1;
        p = e ? e + 1 : p + k;
    }
    return 0;
}

static void check_nodes(trace__vrun *c, const trace_rule *r, const trace_ext *nodes, size_t n,
                        unsigned place, const char *where, const trace_element *group)
{
    size_t i, j;
    char name[96], expected[128];
    for (i = 0; i < n; i++) {
        const trace_ext *e = &nodes[i];
        const trace_element *el;
        size_t count = 0;
        int first;
        if (!is_utds(e))
            continue;
        snprintf(name, sizeof(name), "%.*s", (int)e->name.len, e->name.s);
        if (!(el = trace_dict_element(trace_ctx_dict(c->v->ctx), name))) {
            trace__vemit(c, element_diag(c, r, TRACE__D_ELEMENT_UNKNOWN, e, where));
            continue;
        }
        if (group ? !member_of(group->members, e->name) : !(el->placement & place)) {
            trace__vemit(c, element_diag(c, r, TRACE__D_ELEMENT_PLACEMENT, e, where));
            continue;
        }
        first = 1;
        for (j = 0; j < n; j++) /* count this element among its siblings; report at the first */
            if (is_utds(&nodes[j]) && trace_str_eq(nodes[j].name, name)) {
                first &= j >= i;
                count++;
            }
        if (first && count > 1 && !el->repeatable) {
            trace_diag *d = element_diag(c, r, TRACE__D_ELEMENT_REPEATED, e, where);
            trace__diag_argf(d, "count", "%zu", count);
            trace__vemit(c, d);
        }
        if (!value_ok(c, el, e, expected, sizeof(expected))) {
            trace_diag *d = trace__vprof_diag(c, r, TRACE__D_ELEMENT_VALUE, e->pos, where);
            trace__diag_arg(d, "element", name);
            trace__diag_argn(d, "value", e->text.s, e->text.len);
            trace__diag_arg(d, "expected", expected);
            trace__vemit(c, d);
        }
        if (el->type == TRACE_ELEM_GROUP)
            check_nodes(c, r, e->children, e->nchildren, place, where, el);
    }
}

void trace__vprof_elements(trace__vrun *c, const trace_rule *r)
{
    check_nodes(c, r, c->ev->ext, c->ev->next, TRACE_PLACE_EVENT, "event", NULL);
    check_nodes(c, r, c->ev->ilmd, c->ev->nilmd, TRACE_PLACE_ILMD, "ilmd", NULL);
}
