/*
 * validate_family.c - UTDS trace codes (统一追溯码) and the product family of
 * an event (spec/utds-2-collection.md and the rule kind
 * family-agrees): segment 5 of a trace code names a product family
 * (spec/cn/families.tsv), and that table's profile column names the UTDS
 * profile of its products.
 */
#include <stdio.h>
#include <string.h>

#include "validate_prof_int.h"
#include "cn_int.h"

/* A trace code's URI forms (spec/utds-1-trace-code.md), matched case-insensitively. */
static const char *const utc_prefixes[] = {"URN:UTDS:TC:", "urn:utds:id:utds:"};

/*
 * The family (two characters, NUL-terminated in fam) of a trace code URI; 0
 * when raw is not one, or too short to hold the family. The code itself is
 * checked by the identifier layer: here only its layout is read (operator
 * kind at 8, then 18 or 8 characters of operator before the family), with
 * spaces and hyphens skipped as the code module does.
 */
int trace__utc_family(trace_str raw, char fam[3])
{
    char s[32];
    size_t i, k = 0, skip = 0, at;
    for (i = 0; i < TRACE__ARRAY_LEN(utc_prefixes) && !skip; i++) {
        size_t n = strlen(utc_prefixes[i]);
        if (raw.len > n && trace__strncaseeq(raw.s, utc_prefixes[i], n))
            skip = n;
    }
    if (!skip)
        return 0;
    for (i = skip; i < raw.len && k < sizeof(s); i++)
        if (raw.s[i] != ' ' && raw.s[i] != '-')
            s[k++] =
                (char)(raw.s[i] >= 'a' && raw.s[i] <= 'z' ? raw.s[i] - 32 : raw.s[i]);
    if (k < 8 || (s[7] != 'U' && s[7] != 'N'))
        return 0;
    at = s[7] == 'U' ? 26 : 16;
    if (k < at + 2)
        return 0;
    fam[0] = s[at], fam[1] = s[at + 1], fam[2] = '\0';
    return 1;
}

/* The identifier lists that hold trace codes (instances, never classes). */
static const trace_id_list *id_list(const trace_event *ev, size_t i, const char **field)
{
    switch (i) {
    case 0: *field = "epcList"; return &ev->epc_list;
    case 1: *field = "childEPCs"; return &ev->child_epcs;
    case 2: *field = "inputEPCList"; return &ev->input_epcs;
    case 3: *field = "outputEPCList"; return &ev->output_epcs;
    default: return NULL;
    }
}

const char *trace__vfamily_profile(const trace_event *ev)
{
    const trace_id_list *l;
    const char *field;
    char fam[3];
    size_t i, k;
    if (trace__utc_family(ev->parent_id.raw, fam))
        return trace__cn_family_profile(fam);
    for (k = 0; (l = id_list(ev, k, &field)) != NULL; k++)
        for (i = 0; i < l->n; i++)
            if (trace__utc_family(l->items[i].raw, fam))
                return trace__cn_family_profile(fam);
    return NULL;
}

/* 1 when profile a is b or one of b's ancestors. */
static int ancestor_or_self(const trace_dict *d, const char *a, const char *b)
{
    const trace_profile *x = trace_dict_profile(d, b);
    int guard = 0;
    while (x &&
           guard++ < 32) { /* a local profile chain is short; the guard is for cycles */
        if (!strcmp(x->name, a))
            return 1;
        x = x->parent ? trace_dict_profile(d, x->parent) : NULL;
    }
    return 0;
}

static void check_id(trace__vrun *c, const trace_rule *r, const trace_dict *d,
                     const trace_profile *p, const trace_id *id, const char *field)
{
    const char *want, *en = NULL, *zh;
    char fam[3], name[128];
    trace_diag *dg;
    if (!trace__utc_family(id->raw, fam) || !(want = trace__cn_family_profile(fam)))
        return; /* not a trace code, or a family the identifier layer reports */
    if (ancestor_or_self(d, want, p->name) || ancestor_or_self(d, p->name, want))
        return;
    zh = trace__cn_family(fam, &en);
    snprintf(name, sizeof(name), "%s %s", zh ? zh : "",
             en ? en : ""); /* both languages */
    dg = trace__vprof_diag(c, r, TRACE__D_PROFILE_FAMILY, id->pos, field);
    trace__diag_argn(dg, "value", id->raw.s, id->raw.len);
    trace__diag_arg(dg, "family", fam);
    trace__diag_arg(dg, "name", name);
    trace__diag_arg(dg, "expected", want);
    trace__diag_arg(dg, "event_profile", p->name);
    trace__vemit(c, dg);
}

void trace__vprof_family(trace__vrun *c, const trace_rule *r)
{
    const trace_dict *d = trace_ctx_dict(c->v->ctx);
    const trace_profile *p = c->profile;
    const trace_id_list *l;
    const char *field;
    size_t i, k;
    if (!p || !strcmp(p->name, "base"))
        return; /* base covers every family */
    check_id(c, r, d, p, &c->ev->parent_id, "parentID");
    for (k = 0; (l = id_list(c->ev, k, &field)) != NULL; k++)
        for (i = 0; i < l->n; i++)
            check_id(c, r, d, p, &l->items[i], field);
}
