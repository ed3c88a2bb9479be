/*
 * dict_check.c - the grammar shared by national and local profiles
 * (spec/utds-2-collection.md 7.2-7.5, [R-2.7.*]): paths, scheme lists,
 * rule kinds and their arguments, severities and condition atoms. The local
 * profile loader uses it on untrusted text; the unit tests run every national
 * rule through it so both sides speak the same language.
 */
#include <stdio.h>
#include <string.h>

#include "dict_int.h"

/* EPCIS 2.0 event fields a path may start with (JSON-LD names). */
static const char *const core_fields[] = {"eventTime",
                                          "recordTime",
                                          "eventTimeZoneOffset",
                                          "eventID",
                                          "certificationInfo",
                                          "errorDeclaration",
                                          "action",
                                          "bizStep",
                                          "disposition",
                                          "persistentDisposition",
                                          "readPoint",
                                          "bizLocation",
                                          "epcList",
                                          "quantityList",
                                          "parentID",
                                          "childEPCs",
                                          "childQuantityList",
                                          "inputEPCList",
                                          "inputQuantityList",
                                          "outputEPCList",
                                          "outputQuantityList",
                                          "transformationID",
                                          "bizTransactionList",
                                          "sourceList",
                                          "destinationList",
                                          "sensorElementList",
                                          "ilmd"};

static void bad_path(trace_diag *diag, const char *s, size_t len, const char *why)
{
    trace__diag_init(diag, TRACE__D_LP_BAD_PATH);
    trace__diag_argn(diag, "path", s, len);
    trace__diag_arg(diag, "reason", why);
}

static int is_core(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < TRACE__ARRAY_LEN(core_fields); i++)
        if (strlen(core_fields[i]) == len && memcmp(core_fields[i], s, len) == 0)
            return 1;
    return 0;
}

static int name_ok(const char *s, size_t len)
{
    size_t i;
    if (!len || len > 64)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* Is code[0..len) a value of code list `list`? */
static int in_list(const trace_dict *d, const char *list, const char *code, size_t len)
{
    const trace_codelist *cl = trace_dict_codelist(d, list);
    size_t i;
    for (i = 0; cl && i < cl->count; i++) {
        const trace_code_value *v = trace_codelist_value_at(cl, i);
        if (strlen(v->code) == len && memcmp(v->code, code, len) == 0)
            return 1;
    }
    return 0;
}

/* A core field with an optional [type] qualifier. */
static int check_core(const trace_dict *d, const char *s, size_t len, trace_diag *diag)
{
    const char *br = memchr(s, '[', len);
    size_t nl = br ? (size_t)(br - s) : len;
    const char *list = NULL;
    if (!is_core(s, nl)) {
        bad_path(diag, s, len, "not an EPCIS event field");
        return -1;
    }
    if (!br)
        return 0;
    if (nl == 10 && memcmp(s, "sourceList", 10) == 0)
        list = "cbv-sdt";
    else if (nl == 15 && memcmp(s, "destinationList", 15) == 0)
        list = "cbv-sdt";
    else if (nl == 18 && memcmp(s, "bizTransactionList", 18) == 0)
        list = "cbv-btt";
    if (!list || s[len - 1] != ']' || !in_list(d, list, br + 1, len - nl - 2)) {
        bad_path(diag, s, len,
                 list ? "unknown type in [...]" : "this field takes no [type]");
        return -1;
    }
    return 0;
}

static int check_element(const trace_dict *d, const char *s, size_t len, unsigned need,
                         const trace_element *group, const trace_element **out,
                         trace_diag *diag)
{
    char name[80];
    const trace_element *e;
    memcpy(name, s, len);
    name[len] = '\0';
    e = trace_dict_element(d, name);
    if (!e) {
        trace__diag_init(diag, TRACE__D_LP_UNKNOWN_ELEMENT);
        trace__diag_argn(diag, "element", s, len);
        return -1;
    }
    if (group) {
        const char *m = strstr(group->members, e->id);
        size_t il = strlen(e->id);
        if (!m || (m[il] != ',' && m[il] != '\0') ||
            (m != group->members && m[-1] != ',')) {
            bad_path(diag, s, len, "not a member of the group");
            return -1;
        }
    } else if (!(e->placement & need)) {
        trace__diag_init(diag, TRACE__D_LP_PLACEMENT);
        trace__diag_argn(diag, "element", s, len);
        trace__diag_arg(diag, "where",
                        need == TRACE_PLACE_ILMD     ? "in ilmd"
                        : need == TRACE_PLACE_MASTER ? "in master data"
                                                     : "as an event extension");
        return -1;
    }
    *out = e;
    return 0;
}

/* One alternative: seg ("/" seg)*. */
static int check_alt(const trace_dict *d, const char *s, size_t len, unsigned events,
                     trace_diag *diag)
{
    unsigned need = (events & TRACE_EV_ANY) ? TRACE_PLACE_EVENT : TRACE_PLACE_MASTER;
    const trace_element *group = NULL;
    size_t pos = 0;
    int first = 1, after_ilmd = 0;
    if (!len) {
        bad_path(diag, s, len, "empty");
        return -1;
    }
    while (pos <= len) {
        const char *seg = s + pos, *sl = memchr(seg, '/', len - pos);
        size_t sn = sl ? (size_t)(sl - seg) : len - pos;
        if (sn > 5 && memcmp(seg, "utds:", 5) == 0 && sn - 5 < 64 &&
            name_ok(seg + 5, sn - 5)) {
            const trace_element *e;
            if (check_element(d, seg + 5, sn - 5, after_ilmd ? TRACE_PLACE_ILMD : need,
                              group, &e, diag))
                return -1;
            group = e->type == TRACE_ELEM_GROUP ? e : NULL;
            if (sl && !group) {
                bad_path(diag, s, len, "only a group element has members");
                return -1;
            }
        } else if (sn > 7 && memcmp(seg, "cbvmda:", 7) == 0 && name_ok(seg + 7, sn - 7)) {
            if (sl) {
                bad_path(diag, s, len, "a cbvmda: attribute has no members");
                return -1;
            }
        } else if (first && (events & TRACE_EV_ANY) && sn == 4 &&
                   memcmp(seg, "ilmd", 4) == 0 && sl) {
            after_ilmd = 1;
        } else if (first && (events & TRACE_EV_ANY) && !sl) {
            if (check_core(d, seg, sn, diag))
                return -1;
        } else {
            bad_path(diag, s, len, "unexpected segment");
            return -1;
        }
        first = 0;
        if (!sl)
            break;
        pos += sn + 1;
    }
    return 0;
}

int trace__dict_check_path(const trace_dict *d, const char *s, size_t len,
                           unsigned events, trace_diag *diag)
{
    size_t pos = 0;
    if (!len) {
        bad_path(diag, s, len, "empty");
        return -1;
    }
    while (pos <= len) {
        const char *bar = memchr(s + pos, '|', len - pos);
        size_t n = bar ? (size_t)(bar - (s + pos)) : len - pos;
        if (check_alt(d, s + pos, n, events, diag))
            return -1;
        if (!bar)
            break;
        pos += n + 1;
    }
    return 0;
}

int trace__dict_check_schemes(const trace_dict *d, const char *s, size_t len,
                              trace_diag *diag)
{
    size_t pos = 0;
    while (pos <= len) {
        const char *bar = memchr(s + pos, '|', len - pos);
        size_t n = bar ? (size_t)(bar - (s + pos)) : len - pos;
        if (!in_list(d, "id-scheme", s + pos, n)) {
            trace__diag_init(diag, TRACE__D_LP_UNKNOWN_SCHEME);
            trace__diag_argn(diag, "scheme", s + pos, n);
            return -1;
        }
        if (!bar)
            break;
        pos += n + 1;
    }
    return 0;
}

int trace__dict_parse_kind(const char *s, size_t len, trace_rule_kind *out)
{
    unsigned k;
    for (k = 0; k < TRACE_RULE_KIND_COUNT; k++) {
        const char *n = trace_rule_kind_name((trace_rule_kind)k);
        if (strlen(n) == len && memcmp(n, s, len) == 0) {
            *out = (trace_rule_kind)k;
            return 0;
        }
    }
    return -1;
}

unsigned trace__dict_kind_nargs(trace_rule_kind k)
{
    static const unsigned char nargs[TRACE_RULE_KIND_COUNT] = {1, 1, 1, 2, 1, 2, 2, 1, 0,
                                                               1, 0, 1, 0, 0, 0, 1, 0, 0};
    return (unsigned)k < TRACE_RULE_KIND_COUNT ? nargs[k] : 0;
}

int trace__dict_parse_severity(const char *s, size_t len, trace_severity *out)
{
    if (len == 5 && memcmp(s, "error", 5) == 0)
        *out = TRACE_SEV_ERROR;
    else if (len == 7 && memcmp(s, "warning", 7) == 0)
        *out = TRACE_SEV_WARNING;
    else if (len == 4 && memcmp(s, "info", 4) == 0)
        *out = TRACE_SEV_INFO;
    else
        return -1;
    return 0;
}

static void bad_cond(trace_diag *diag, const char *s, size_t len, const char *why)
{
    trace__diag_init(diag, TRACE__D_LP_BAD_CONDITION);
    trace__diag_argn(diag, "cond", s, len);
    trace__diag_arg(diag, "reason", why);
}

int trace__dict_parse_cond(const trace_dict *d, const char *s, size_t len,
                           unsigned events, trace_rule_cond *c, size_t *path_len,
                           size_t *value_len, trace_diag *diag)
{
    const char *eq = memchr(s, '=', len);
    c->value = NULL;
    *value_len = 0;
    if (len > 4 && memcmp(s, "has:", 4) == 0) {
        c->op = TRACE_COND_HAS, c->path = s + 4, *path_len = len - 4;
    } else if (len > 3 && memcmp(s, "no:", 3) == 0) {
        c->op = TRACE_COND_NO, c->path = s + 3, *path_len = len - 3;
    } else if (eq && eq > s) {
        int ne = eq[-1] == '!';
        c->op = ne ? TRACE_COND_NE : TRACE_COND_EQ;
        c->path = s;
        *path_len = (size_t)(eq - s) - (ne ? 1u : 0u);
        c->value = eq + 1;
        *value_len = len - (size_t)(eq + 1 - s);
        if (!*value_len || !*path_len) {
            bad_cond(diag, s, len, "empty path or value");
            return -1;
        }
    } else {
        bad_cond(diag, s, len, "expected has:PATH, no:PATH, PATH=VALUE or PATH!=VALUE");
        return -1;
    }
    if (memchr(c->path, '|', *path_len)) {
        bad_cond(diag, s, len, "a condition takes a single path");
        return -1;
    }
    return trace__dict_check_path(d, c->path, *path_len, events, diag);
}

static int check_number(const char *s, size_t len, long *number, trace_diag *diag)
{
    long v = 0;
    size_t i;
    for (i = 0; i < len && len <= 5; i++) {
        if (s[i] < '0' || s[i] > '9')
            break;
        v = v * 10 + (s[i] - '0');
    }
    if (!len || i != len || len > 5 || v > 86400) {
        trace__diag_init(diag, TRACE__D_LP_BAD_NUMBER);
        trace__diag_argn(diag, "value", s, len);
        return -1;
    }
    *number = v;
    return 0;
}

int trace__dict_check_args(const trace_dict *d, trace_rule_kind k, unsigned events,
                           const char *const *args, const size_t *alen, unsigned nargs,
                           long *number, trace_diag *diag)
{
    if (nargs != trace__dict_kind_nargs(k)) {
        trace__diag_init(diag, TRACE__D_LP_ARG_COUNT);
        trace__diag_arg(diag, "kind", trace_rule_kind_name(k));
        trace__diag_argf(diag, "expected", "%u", trace__dict_kind_nargs(k));
        trace__diag_argf(diag, "got", "%u", nargs);
        return -1;
    }
    switch (k) {
    case TRACE_RULE_SCHEME:
        return trace__dict_check_path(d, args[0], alen[0], events, diag) ||
                       trace__dict_check_schemes(d, args[1], alen[1], diag)
                   ? -1
                   : 0;
    case TRACE_RULE_ITEM_LEVEL:
        return trace__dict_check_schemes(d, args[0], alen[0], diag);
    case TRACE_RULE_CODELIST:
        if (trace__dict_check_path(d, args[0], alen[0], events, diag))
            return -1;
        {
            char id[64] = "";
            if (alen[1] < sizeof(id))
                memcpy(id, args[1], alen[1]), id[alen[1]] = '\0';
            if (!trace_dict_codelist(d, id)) {
                trace__diag_init(diag, TRACE__D_LP_UNKNOWN_CODELIST);
                trace__diag_argn(diag, "list", args[1], alen[1]);
                return -1;
            }
        }
        return 0;
    case TRACE_RULE_EVENT_TIME: return check_number(args[0], alen[0], number, diag);
    case TRACE_RULE_BOTH_PARTIES:
        if (in_list(d, "cbv-sdt", args[0], alen[0]))
            return 0;
        bad_path(diag, args[0], alen[0], "not a CBV source/destination type");
        return -1;
    case TRACE_RULE_MASTER_KNOWN:
        if ((alen[0] == 5 && memcmp(args[0], "party", 5) == 0) ||
            (alen[0] == 7 && memcmp(args[0], "product", 7) == 0) ||
            (alen[0] == 8 && memcmp(args[0], "location", 8) == 0))
            return 0;
        bad_path(diag, args[0], alen[0], "expected party, product or location");
        return -1;
    case TRACE_RULE_DATE_ORDER:
        if (trace__dict_check_path(d, args[1], alen[1], events, diag))
            return -1;
        return trace__dict_check_path(d, args[0], alen[0], events, diag);
    case TRACE_RULE_REQUIRE:
    case TRACE_RULE_OPTIONAL:
    case TRACE_RULE_FORBID:
    case TRACE_RULE_BATCH_AGREES:
        return trace__dict_check_path(d, args[0], alen[0], events, diag);
    default: return 0;
    }
}

int trace__dict_check_rule(const trace_dict *d, const trace_rule *r, trace_diag *diag)
{
    const char *args[2];
    size_t alen[2];
    unsigned n = 0, i;
    long number = 0;
    char buf[24];
    if (r->kind == TRACE_RULE_EVENT_TIME) {
        int k = snprintf(buf, sizeof(buf), "%ld", r->number);
        args[0] = buf, alen[0] = (size_t)k, n = 1;
    }
    for (i = 0; i < 2 && r->arg[i]; i++)
        args[n] = r->arg[i], alen[n] = strlen(r->arg[i]), n++;
    if (trace__dict_check_args(d, r->kind, r->events, args, alen, n, &number, diag))
        return -1;
    for (i = 0; i < r->ncond; i++) {
        trace_rule_cond c;
        char atom[256];
        size_t pl, vl;
        int k = snprintf(atom, sizeof(atom), "%s%s%s%s",
                         r->cond[i].op == TRACE_COND_HAS  ? "has:"
                         : r->cond[i].op == TRACE_COND_NO ? "no:"
                                                          : "",
                         r->cond[i].path,
                         r->cond[i].op == TRACE_COND_EQ   ? "="
                         : r->cond[i].op == TRACE_COND_NE ? "!="
                                                          : "",
                         r->cond[i].value ? r->cond[i].value : "");
        if (trace__dict_parse_cond(d, atom, (size_t)k, r->events, &c, &pl, &vl, diag))
            return -1;
    }
    return 0;
}
