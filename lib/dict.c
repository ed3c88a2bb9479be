/*
 * dict.c - lookups in the UTDS Part 2 tables: elements, code lists, business
 * steps, profiles and rules (spec/utds-2-collection.md sections 4-7). The
 * national tables are const arrays generated from spec/dict/ *.tsv; local
 * profiles hang off the dictionary (slot TRACE__SLOT_PROFILE, dict_local.c).
 * Nothing here allocates or parses.
 */
#include <string.h>

#include "dict_int.h"

#include "dict_tables.inc"

#define N_ELEMENTS  TRACE__ARRAY_LEN(dict_elements)
#define N_CODELISTS TRACE__ARRAY_LEN(dict_codelists)
#define N_BIZSTEPS  TRACE__ARRAY_LEN(dict_bizsteps)
#define N_PROFILES  TRACE__ARRAY_LEN(dict_profiles)
#define N_RULES     TRACE__ARRAY_LEN(dict_rules)

const trace__local_set *trace__dict_locals(const trace_dict *d)
{
    return d ? (const trace__local_set *)d->slot[TRACE__SLOT_PROFILE].data : NULL;
}

size_t trace__dict_national_rule_count(void)
{
    return N_RULES;
}

const trace_rule *trace__dict_national_rule_at(size_t i)
{
    return i < N_RULES ? &dict_rules[i] : NULL;
}

size_t trace__dict_national_profile_count(void)
{
    return N_PROFILES;
}

/* ---- elements ---- */

size_t trace_dict_element_count(const trace_dict *d)
{
    (void)d;
    return N_ELEMENTS;
}

const trace_element *trace_dict_element_at(const trace_dict *d, size_t i)
{
    (void)d;
    return i < N_ELEMENTS ? &dict_elements[i] : NULL;
}

/* Strip "utds:" or the namespace URI so that only the local name remains. */
static const char *element_local_name(const char *name)
{
    size_t ns = sizeof(TRACE_UTDS_NS) - 1;
    if (strncmp(name, TRACE_UTDS_PREFIX ":", sizeof(TRACE_UTDS_PREFIX)) == 0)
        return name + sizeof(TRACE_UTDS_PREFIX);
    if (strncmp(name, TRACE_UTDS_NS, ns) == 0)
        return name + ns;
    return name;
}

const trace_element *trace_dict_element(const trace_dict *d, const char *name)
{
    size_t lo = 0, hi = N_ELEMENTS;
    (void)d;
    if (!name)
        return NULL;
    name = element_local_name(name);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, dict_elements[mid].id);
        if (c == 0)
            return &dict_elements[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

const char *trace_elem_type_name(trace_elem_type t)
{
    static const char *const names[] = {"text",    "id",      "date", "datetime",
                                        "decimal", "integer", "enum", "group"};
    return (unsigned)t < TRACE__ARRAY_LEN(names) ? names[t] : "?";
}

const char *trace_charset_name(trace_charset c)
{
    static const char *const names[] = {
        "any",   "printable",   "cset82",          "digits",
        "alnum", "upper-alnum", "upper-alnum-dash"};
    return (unsigned)c < TRACE__ARRAY_LEN(names) ? names[c] : "?";
}

/* ---- code lists ---- */

size_t trace_dict_codelist_count(const trace_dict *d)
{
    (void)d;
    return N_CODELISTS;
}

const trace_codelist *trace_dict_codelist_at(const trace_dict *d, size_t i)
{
    (void)d;
    return i < N_CODELISTS ? &dict_codelists[i] : NULL;
}

const trace_codelist *trace_dict_codelist(const trace_dict *d, const char *id)
{
    size_t i;
    (void)d;
    for (i = 0; id && i < N_CODELISTS; i++) /* first byte first: called per event */
        if (dict_codelists[i].id[0] == id[0] && strcmp(dict_codelists[i].id, id) == 0)
            return &dict_codelists[i];
    return NULL;
}

const trace_code_value *trace_codelist_value_at(const trace_codelist *list, size_t i)
{
    if (!list || i >= list->count)
        return NULL;
    return &dict_codes[list->first + i];
}

const trace_code_value *trace_codelist_value(const trace_codelist *list, const char *code)
{
    size_t i;
    if (!list || !code)
        return NULL;
    for (i = 0; i < list->count; i++)
        if (dict_codes[list->first + i].code[0] == code[0] &&
            strcmp(dict_codes[list->first + i].code, code) == 0)
            return &dict_codes[list->first + i];
    return NULL;
}

/* ---- business steps ---- */

size_t trace_dict_bizstep_count(const trace_dict *d)
{
    (void)d;
    return N_BIZSTEPS;
}

const trace_bizstep *trace_dict_bizstep_at(const trace_dict *d, size_t i)
{
    (void)d;
    return i < N_BIZSTEPS ? &dict_bizsteps[i] : NULL;
}

static int has_prefix(const char *s, size_t len, const char *p, size_t plen)
{
    return len >= plen && memcmp(s, p, plen) == 0;
}

/* Reduce any accepted spelling to the bare step word and its origin
 * (1 = CBV, 2 = UTDS, 0 = not a recognised form). */
static int bizstep_word(const char *s, size_t len, const char **w, size_t *wl)
{
    static const struct {
        const char *prefix;
        int origin;
    } forms[] = {{"urn:epcglobal:cbv:bizstep:", 1},
                 {"https://ref.gs1.org/cbv/BizStep-", 1},
                 {"https://gs1.org/voc/Bizstep-", 1},
                 {"cbv:BizStep-", 1},
                 {TRACE_UTDS_NS "BizStep-", 2},
                 {"utds:BizStep-", 2},
                 {"utds:", 2}};
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(forms); i++) {
        size_t pl = strlen(forms[i].prefix);
        if (has_prefix(s, len, forms[i].prefix, pl)) {
            *w = s + pl;
            *wl = len - pl;
            return forms[i].origin;
        }
    }
    *w = s;
    *wl = len;
    return 1; /* bare words are CBV (EPCIS 2.0 JSON-LD short form) */
}

const trace_bizstep *trace_dict_bizstep(const trace_dict *d, const char *s, size_t len)
{
    const char *w;
    size_t wl, i;
    int origin;
    (void)d;
    if (!s)
        return NULL;
    origin = bizstep_word(s, len, &w, &wl);
    for (i = 0; i < N_BIZSTEPS; i++) {
        const char *n = dict_bizsteps[i].name;
        int utds = dict_bizsteps[i].origin[0] == 'u';
        if (utds != (origin == 2))
            continue;
        if (utds)
            n += sizeof(TRACE_UTDS_PREFIX); /* skip "utds:" */
        if (n[0] != (wl ? w[0] : '\0')) /* first byte first: called per event */
            continue;
        if (strlen(n) == wl && memcmp(n, w, wl) == 0)
            return &dict_bizsteps[i];
    }
    return NULL;
}

/* ---- event types ---- */

static const struct {
    const char *name;
    unsigned bit;
} event_names[] = {{"ObjectEvent", TRACE_EV_OBJECT},
                   {"AggregationEvent", TRACE_EV_AGGREGATION},
                   {"TransactionEvent", TRACE_EV_TRANSACTION},
                   {"TransformationEvent", TRACE_EV_TRANSFORMATION},
                   {"AssociationEvent", TRACE_EV_ASSOCIATION},
                   {"master:party", TRACE_EV_MASTER_PARTY},
                   {"master:product", TRACE_EV_MASTER_PRODUCT},
                   {"master:location", TRACE_EV_MASTER_LOCATION}};

unsigned trace_dict_event_bit(const char *name, size_t len)
{
    size_t i;
    for (i = 0; name && i < TRACE__ARRAY_LEN(event_names); i++)
        if (strlen(event_names[i].name) == len &&
            memcmp(event_names[i].name, name, len) == 0)
            return event_names[i].bit;
    return 0;
}

const char *trace_dict_event_name(unsigned bit)
{
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(event_names); i++)
        if (event_names[i].bit == bit)
            return event_names[i].name;
    return NULL;
}

/* ---- rules ---- */

const char *trace_rule_kind_name(trace_rule_kind k)
{
    static const char *const names[] = {
        "require",         "optional",      "forbid",          "scheme",
        "item-level",      "codelist",      "date-order",      "event-time",
        "gtin-agrees",     "batch-agrees",  "quantity",        "both-parties",
        "action-required", "ilmd-add-only", "parent-required", "master-known",
        "elements",        "family-agrees"};
    return (unsigned)k < TRACE__ARRAY_LEN(names) ? names[k] : "?";
}

/* 1 when the comma-separated list contains word. */
static int list_has(const char *list, const char *word)
{
    size_t wl = strlen(word);
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n == wl && memcmp(p, word, n) == 0)
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

int trace_rule_matches(const trace_rule *rule, unsigned event, const char *bizstep)
{
    if (!rule || !(rule->events & event))
        return 0;
    if (strcmp(rule->bizsteps, "*") == 0)
        return 1;
    return bizstep && list_has(rule->bizsteps, bizstep);
}

char trace_rule_level(const trace_rule *rule)
{
    if (!rule)
        return '?';
    switch (rule->kind) {
    case TRACE_RULE_OPTIONAL: return 'O';
    case TRACE_RULE_FORBID: return 'F';
    case TRACE_RULE_REQUIRE:
        if (rule->ncond)
            return 'C';
        return rule->severity == TRACE_SEV_ERROR ? 'M' : 'R';
    default: return '-';
    }
}

/* ---- profiles ---- */

size_t trace_dict_profile_count(const trace_dict *d)
{
    const trace__local_set *ls = trace__dict_locals(d);
    return N_PROFILES + (ls ? ls->n : 0);
}

const trace_profile *trace_dict_profile_at(const trace_dict *d, size_t i)
{
    const trace__local_set *ls = trace__dict_locals(d);
    if (i < N_PROFILES)
        return &dict_profiles[i];
    i -= N_PROFILES;
    return ls && i < ls->n ? &ls->p[i].prof : NULL;
}

const trace_profile *trace_dict_profile(const trace_dict *d, const char *name)
{
    size_t i, n = trace_dict_profile_count(d);
    for (i = 0; name && i < n; i++) {
        const trace_profile *p = trace_dict_profile_at(d, i);
        if (strcmp(p->name, name) == 0)
            return p;
    }
    return NULL;
}

const trace_rule *trace_profile_rule_at(const trace_dict *d, const trace_profile *p,
                                        size_t i)
{
    const trace__local_set *ls = trace__dict_locals(d);
    size_t k;
    if (!p || i >= p->nrules)
        return NULL;
    if (p >= dict_profiles && p < dict_profiles + N_PROFILES)
        return &dict_rules[dict_profile_first[p - dict_profiles] + i];
    for (k = 0; ls && k < ls->n; k++)
        if (&ls->p[k].prof == p)
            return &ls->p[k].rules[i];
    return NULL;
}

const trace_rule *trace_dict_rule(const trace_dict *d, const char *id)
{
    const trace__local_set *ls = trace__dict_locals(d);
    size_t i, k;
    for (i = 0; id && i < N_RULES; i++)
        if (strcmp(dict_rules[i].id, id) == 0)
            return &dict_rules[i];
    for (k = 0; id && ls && k < ls->n; k++)
        for (i = 0; i < ls->p[k].nrules; i++)
            if (strcmp(ls->p[k].rules[i].id, id) == 0)
                return &ls->p[k].rules[i];
    return NULL;
}

int trace__dict_profile_descends(const trace_dict *d, const char *name, const char *anc)
{
    unsigned depth;
    for (depth = 0; name && depth < 8; depth++) {
        const trace_profile *p;
        if (strcmp(name, anc) == 0)
            return 1;
        p = trace_dict_profile(d, name);
        name = p ? p->parent : NULL;
    }
    return 0;
}

int trace_rule_iter_init(trace_rule_iter *it, const trace_dict *d, const char *name,
                         unsigned events, const char *bizstep)
{
    const trace_profile *p, *chain[4];
    unsigned n = 0, i;
    if (!it || !name)
        return TRACE_EINVAL;
    memset(it, 0, sizeof(*it));
    p = trace_dict_profile(d, name);
    if (!p)
        return TRACE_ENOTFOUND;
    while (p && p->origin) /* a local profile: its rules come in the local stage */
        p = trace_dict_profile(d, p->parent);
    for (; p && n < 4; p = p->parent ? trace_dict_profile(d, p->parent) : NULL)
        chain[n++] = p;
    it->dict = d;
    it->nchain = n;
    for (i = 0; i < n; i++) /* base first */
        it->chain[i] = chain[n - 1 - i];
    it->events = events;
    it->bizstep = bizstep;
    return TRACE_OK;
}

static int in_chain(const trace_rule_iter *it, const char *name)
{
    unsigned i;
    for (i = 0; i < it->nchain; i++)
        if (strcmp(it->chain[i]->name, name) == 0)
            return 1;
    return 0;
}

static int iter_wants(const trace_rule_iter *it, const trace_rule *r)
{
    return !it->events || trace_rule_matches(r, it->events, it->bizstep);
}

const trace_rule *trace_rule_iter_next(trace_rule_iter *it)
{
    const trace__local_set *ls;
    if (!it)
        return NULL;
    while (it->stage < it->nchain) { /* national chain */
        const trace_rule *r =
            trace_profile_rule_at(it->dict, it->chain[it->stage], it->pos++);
        if (!r) {
            it->stage++, it->pos = 0;
            continue;
        }
        if (iter_wants(it, r))
            return r;
    }
    ls = trace__dict_locals(it->dict);
    while (ls && it->stage - it->nchain < ls->n) { /* local profiles, load order */
        const trace__local_profile *lp = &ls->p[it->stage - it->nchain];
        const trace_rule *r;
        if (!in_chain(it, lp->prof.parent) || it->pos >= lp->nrules) {
            it->stage++, it->pos = 0;
            continue;
        }
        r = &lp->rules[it->pos++];
        if (iter_wants(it, r))
            return r;
    }
    return NULL;
}

/* ---- CBV values in any spelling ---- */

/* The URN and Web URI prefixes of the CBV lists that have them. */
static const struct {
    const char *list, *urn, *web;
} cbv_forms[] = {{"cbv-disposition", "urn:epcglobal:cbv:disp:", "Disp-"},
                 {"cbv-btt", "urn:epcglobal:cbv:btt:", "BTT-"},
                 {"cbv-sdt", "urn:epcglobal:cbv:sdt:", "SDT-"},
                 {"cbv-error-reason", "urn:epcglobal:cbv:er:", "ER-"}};

const trace_code_value *trace_dict_cbv_value(const trace_dict *d, const char *list,
                                             const char *s, size_t len)
{
    static const char *const web_bases[] = {"https://ref.gs1.org/cbv/",
                                            "https://gs1.org/voc/", "cbv:"};
    const trace_codelist *cl = trace_dict_codelist(d, list);
    size_t i, k, pl;
    char word[64];
    if (!cl || !s)
        return NULL;
    for (i = 0; i < TRACE__ARRAY_LEN(cbv_forms); i++) {
        if (strcmp(cbv_forms[i].list, list))
            continue;
        pl = strlen(cbv_forms[i].urn);
        if (has_prefix(s, len, cbv_forms[i].urn, pl)) {
            s += pl, len -= pl;
            break;
        }
        for (k = 0; k < TRACE__ARRAY_LEN(web_bases); k++) {
            size_t bl = strlen(web_bases[k]), wl = strlen(cbv_forms[i].web);
            if (has_prefix(s, len, web_bases[k], bl) &&
                has_prefix(s + bl, len - bl, cbv_forms[i].web, wl)) {
                s += bl + wl, len -= bl + wl;
                break;
            }
        }
        break;
    }
    if (len >= sizeof(word) || memchr(s, 0, len))
        return NULL;
    memcpy(word, s, len);
    word[len] = '\0';
    return trace_codelist_value(cl, word);
}
