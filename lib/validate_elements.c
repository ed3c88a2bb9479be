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

/* Check a value with the dictionary's own type check; 1 valid, 0 invalid. */
static int value_ok(trace__vrun *c, const trace_element *el, const trace_ext *e, trace_diag *why)
{
    if (el->type == TRACE_ELEM_GROUP) /* members are checked one by one */
        return e->nchildren > 0 || e->text.len == 0;
    return trace_element_check_value(c->v->ctx, el, e->text.s, e->text.len, why) != 0;
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

/* name as "%.*s" would print it into buf (up to a NUL, cut to fit), without the
 * cost of formatted output: this runs for every element of every event. */
static void name_copy(char *buf, size_t size, trace_str name)
{
    size_t k = name.s ? strnlen(name.s, name.len) : 0;
    if (k >= size)
        k = size - 1;
    memcpy(buf, name.s ? name.s : "", k);
    buf[k] = '\0';
}

static void check_nodes(trace__vrun *c, const trace_rule *r, const trace_ext *nodes, size_t n,
                        unsigned place, const char *where, const trace_element *group)
{
    size_t i, j;
    char name[96], reason[256];
    trace_diag why;
    for (i = 0; i < n; i++) {
        const trace_ext *e = &nodes[i];
        const trace_element *el;
        size_t count = 0;
        int first;
        if (!is_utds(e))
            continue;
        name_copy(name, sizeof(name), e->name);
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
        memset(&why, 0, sizeof(why));
        if (!value_ok(c, el, e, &why)) {
            trace_diag *d = trace__vprof_diag(c, r, TRACE__D_ELEMENT_VALUE, e->pos, where);
            reason[0] = '\0';
            if (why.id)
                trace_diag_message(&why, trace_ctx_lang(c->v->ctx), reason, sizeof(reason));
            trace__diag_arg(d, "element", name);
            trace__diag_argn(d, "value", e->text.s, e->text.len);
            trace__diag_arg(d, "reason", reason);
            trace__diag_arg(d, "code", why.id ? why.id : "");
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
