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

/* Same bytes (the sibling count runs for every element of every event). */
static int same_name(trace_str a, trace_str b)
{
    return a.len == b.len && (!a.len || !memcmp(a.s, b.s, a.len));
}

/* The dictionary element of a name, remembered per validator: the same few
 * elements recur in every event. */
static const trace_element *element_of(trace__vrun *c, const char *name, size_t len)
{
    const void *hit;
    const trace_element *el;
    if (trace__vmemo_get(c->v, TRACE__VM_ELEMENT, name, len, &hit, NULL))
        return hit;
    el = trace_dict_element(trace_ctx_dict(c->v->ctx), name);
    trace__vmemo_put(c->v, TRACE__VM_ELEMENT, name, len, el, 0);
    return el;
}

/* Check a value with the dictionary's own type check; 1 valid, 0 invalid. */
static int value_ok(trace__vrun *c, const trace_element *el, const trace_ext *e, trace_diag *why)
{
    if (el->type == TRACE_ELEM_GROUP) /* members are checked one by one */
        return e->nchildren > 0 || e->text.len == 0;
    return trace_element_check_value(c->v->ctx, el, e->text.s, e->text.len, why) != 0;
}

/*
 * Where a node sits: the event (field NULL) or its ILMD ("ilmd"), and the
 * groups on the way down. Kept as a chain on the stack so the clean path
 * builds no strings; a diagnostic's path is written only when one is made.
 */
typedef struct vplace {
    const struct vplace *up;
    const char *field;  /* root only: NULL (event extension) or "ilmd" */
    const trace_ext *group; /* the group element this level is inside, or NULL */
} vplace;

static size_t put_place(const vplace *pl, char *buf, size_t size, size_t n)
{
    if (pl->up)
        n = put_place(pl->up, buf, size, n);
    else if (pl->field && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%s", pl->field);
    if (pl->group && n < size)
        n += (size_t)snprintf(buf + n, size - n, "%sutds:%.*s", n ? "/" : "",
                              (int)pl->group->name.len, pl->group->name.s);
    return n;
}

/* The element's path below the event: "utds:a", "ilmd/utds:g/utds:a". */
static void element_path(const vplace *pl, const trace_ext *e, char *buf, size_t size)
{
    size_t n = put_place(pl, buf, size, 0);
    if (n < size)
        snprintf(buf + n, size - n, "%sutds:%.*s", n ? "/" : "", (int)e->name.len, e->name.s);
}

static trace_diag *element_diag(trace__vrun *c, const trace_rule *r, int code,
                                const trace_ext *e, const vplace *pl)
{
    char name[96], path[TRACE_DIAG_PATH_SIZE];
    trace_diag *d;
    snprintf(name, sizeof(name), "utds:%.*s", (int)e->name.len, e->name.s);
    element_path(pl, e, path, sizeof(path));
    d = trace__vprof_diag(c, r, code, e->pos, path);
    trace__diag_arg(d, "element", name);
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
                        unsigned place, const vplace *pl, const trace_element *group)
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
        if (!(el = element_of(c, name, strlen(name)))) {
            trace__vemit(c, element_diag(c, r, TRACE__D_ELEMENT_UNKNOWN, e, pl));
            continue;
        }
        if (group ? !member_of(group->members, e->name) : !(el->placement & place)) {
            trace_diag *d = element_diag(c, r, TRACE__D_ELEMENT_PLACEMENT, e, pl);
            /* the message says where, in words; the location keeps the path */
            trace__diag_arg(d, "where", group ? "in this group"
                                        : place == TRACE_PLACE_ILMD ? "in ilmd"
                                                                    : "in an event extension");
            trace__vemit(c, d);
            continue;
        }
        first = 1;
        for (j = 0; j < n; j++) /* count this element among its siblings; report at the first */
            if (same_name(nodes[j].name, e->name) && is_utds(&nodes[j])) {
                first &= j >= i;
                count++;
            }
        if (first && count > 1 && !el->repeatable) {
            trace_diag *d = element_diag(c, r, TRACE__D_ELEMENT_REPEATED, e, pl);
            trace__diag_argf(d, "count", "%zu", count);
            trace__vemit(c, d);
        }
        why.id = NULL; /* filled only when the value is invalid: no memset on the clean path */
        if (!value_ok(c, el, e, &why)) {
            trace_diag *d = element_diag(c, r, TRACE__D_ELEMENT_VALUE, e, pl);
            reason[0] = '\0';
            if (why.id)
                trace_diag_message(&why, trace_ctx_lang(c->v->ctx), reason, sizeof(reason));
            trace__diag_argn(d, "value", e->text.s, e->text.len);
            trace__diag_arg(d, "reason", reason);
            trace__diag_arg(d, "code", why.id ? why.id : "");
            trace__vemit(c, d);
        }
        if (el->type == TRACE_ELEM_GROUP) {
            vplace in = {pl, NULL, e};
            check_nodes(c, r, e->children, e->nchildren, place, &in, el);
        }
    }
}

void trace__vprof_elements(trace__vrun *c, const trace_rule *r)
{
    vplace ext = {NULL, NULL, NULL}, ilmd = {NULL, "ilmd", NULL};
    check_nodes(c, r, c->ev->ext, c->ev->next, TRACE_PLACE_EVENT, &ext, NULL);
    check_nodes(c, r, c->ev->ilmd, c->ev->nilmd, TRACE_PLACE_ILMD, &ilmd, NULL);
}
