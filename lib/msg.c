/*
 * msg.c - validation of UTDS Part 4 interface messages against the field
 * table compiled from spec/msg/fields.tsv, and JSON Schema generation from
 * the same table (one source of truth for library, docs and schemas).
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg_int.h"
#include "code_int.h"

const trace__msg_field trace__msg_fields[] = {
#include "msg_fields.inc"
};
const size_t trace__msg_nfields = TRACE__ARRAY_LEN(trace__msg_fields);

static const char *const type_names[] = {NULL, "submit", "receipt", "query", "query-result",
                                         "recall"};
static const char *const type_values[] = {NULL, "utds:Submit", "utds:Receipt", "utds:Query",
                                          "utds:QueryResult", "utds:Recall"};

const char *trace_msg_type_name(trace_msg_type t)
{
    return (unsigned)t < TRACE__ARRAY_LEN(type_names) ? type_names[t] : NULL;
}

int trace_msg_type_from_name(const char *name, trace_msg_type *out)
{
    size_t i;
    for (i = 1; name && i < TRACE__ARRAY_LEN(type_names); i++)
        if (!strcmp(name, type_names[i]) || !strcmp(name, type_values[i])) {
            if (out)
                *out = (trace_msg_type)i;
            return TRACE_OK;
        }
    return TRACE_ENOTFOUND;
}

/* ------------------------------------------------------------ table walk */

/* Is row's path a direct child of prefix? Sets *name to the last segment. */
static int child_of(const trace__msg_field *f, const char *prefix, const char **name)
{
    size_t n = strlen(prefix);
    const char *rest;
    if (n == 0) {
        rest = f->path;
    } else {
        if (strncmp(f->path, prefix, n) != 0 || f->path[n] != '/')
            return 0;
        rest = f->path + n + 1;
    }
    if (strchr(rest, '/') || (strlen(rest) > 2 && !strcmp(rest + strlen(rest) - 2, "[]")))
        return 0;
    *name = rest;
    return 1;
}

const trace__msg_field *trace__msg_row(const char *msg, const char *path)
{
    size_t i;
    for (i = 0; i < trace__msg_nfields; i++)
        if (!strcmp(trace__msg_fields[i].msg, msg) && !strcmp(trace__msg_fields[i].path, path))
            return &trace__msg_fields[i];
    return NULL;
}

/* ------------------------------------------------------------ reporting */

typedef struct mrun {
    const trace_ctx *ctx;
    const char *msg;
    const char *source;
    trace_diag_list *diags;
    size_t errors;
    trace_code_result *code;
} mrun;

static trace_diag *mdiag(mrun *m, trace_diag *d, int code, const char *ptr, const char *field)
{
    trace__diag_init(d, code);
    trace__loc_set_source(&d->loc, m->source);
    trace__strlcpy(d->loc.path, ptr, sizeof(d->loc.path));
    trace__diag_arg(d, "field", field);
    return d;
}

static void memit(mrun *m, trace_diag *d)
{
    if (d->severity >= TRACE_SEV_ERROR)
        m->errors++;
    if (m->diags)
        trace_diag_list_add(m->diags, d);
}

/* ------------------------------------------------------------ checks */

static int is_uri(const char *s)
{
    const char *p = s;
    if (!((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
        return 0;
    while (*p && *p != ':') {
        char c = *p++;
        if (!((c | 0x20) >= 'a' && (c | 0x20) <= 'z') && !(c >= '0' && c <= '9') && c != '+' &&
            c != '-' && c != '.')
            return 0;
    }
    return *p == ':' && p[1];
}

/* Value in a "|"-separated list? */
static int in_list(const char *list, const char *v)
{
    size_t n = strlen(v);
    const char *p = list;
    while (*p) {
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        if (k == n && !strncmp(p, v, n))
            return 1;
        if (!e)
            break;
        p = e + 1;
    }
    return 0;
}

static int parse_range(const char *c, long long *lo, long long *hi)
{
    return sscanf(c, "%lld..%lld", lo, hi) == 2;
}

/* Try each scheme of the list; 1 valid, 0 invalid (reason set), -1 cannot tell. */
static int check_id(mrun *m, const char *schemes, const char *v, char *reason, size_t size)
{
    if (!m->code && !(m->code = trace__malloc(trace__ctx_alloc(m->ctx), sizeof(*m->code))))
        return -1;
    return trace__code_check_list(m->ctx, m->code, schemes, v, strlen(v), reason, size);
}

static void check_value(mrun *m, const trace__msg_field *f, json_t *v, const char *ptr);

static void check_object(mrun *m, const trace__msg_field *f, json_t *obj, const char *prefix,
                         const char *ptr)
{
    const char *key, *name;
    json_t *val;
    size_t i;
    char sub[TRACE_DIAG_PATH_SIZE];
    trace_diag d;
    for (i = 0; i < trace__msg_nfields; i++) {
        const trace__msg_field *r = &trace__msg_fields[i];
        if (strcmp(r->msg, m->msg) || !child_of(r, prefix, &name))
            continue;
        snprintf(sub, sizeof(sub), "%s/%s", ptr, name);
        if (!(val = json_object_get(obj, name))) {
            if (r->required)
                memit(m, mdiag(m, &d, TRACE__D_MSG_FIELD_MISSING, sub, r->path));
            continue;
        }
        check_value(m, r, val, sub);
    }
    json_object_foreach(obj, key, val)
    {
        int known = 0;
        for (i = 0; i < trace__msg_nfields && !known; i++)
            known = !strcmp(trace__msg_fields[i].msg, m->msg) &&
                    child_of(&trace__msg_fields[i], prefix, &name) && !strcmp(name, key);
        if (!known && !strchr(key, ':') && strcmp(key, "@context")) {
            snprintf(sub, sizeof(sub), "%s/%s", ptr, key);
            mdiag(m, &d, TRACE__D_UNKNOWN_FIELD, sub, key);
            trace__diag_arg(&d, "message", m->msg);
            memit(m, &d);
        }
    }
    if (f && !strncmp(f->constraint, "anyof:", 6)) {
        const char *p = f->constraint + 6;
        int any = 0;
        while (*p && !any) {
            char member[64];
            const char *e = strchr(p, '|');
            size_t k = e ? (size_t)(e - p) : strlen(p);
            snprintf(member, sizeof(member), "%.*s", (int)k, p);
            any = json_object_get(obj, member) != NULL;
            p = e ? e + 1 : p + k;
        }
        if (!any) {
            mdiag(m, &d, TRACE__D_ANY_OF, ptr, f->path);
            trace__diag_arg(&d, "fields", f->constraint + 6);
            memit(m, &d);
        }
    }
}

static void type_error(mrun *m, const trace__msg_field *f, const char *ptr, const char *expected)
{
    trace_diag d;
    mdiag(m, &d, TRACE__D_FIELD_TYPE, ptr, f->path);
    trace__diag_arg(&d, "expected", expected);
    memit(m, &d);
}

static void bad_value(mrun *m, const trace__msg_field *f, const char *ptr, const char *value,
                      const char *expected)
{
    trace_diag d;
    mdiag(m, &d, TRACE__D_MSG_BAD_VALUE, ptr, f->path);
    trace__diag_arg(&d, "value", value);
    trace__diag_arg(&d, "expected", expected);
    memit(m, &d);
}

static void check_string(mrun *m, const trace__msg_field *f, const char *s, const char *ptr)
{
    trace_time t;
    char reason[256];
    trace_diag d;
    if (!strcmp(f->type, "const") && strcmp(s, f->constraint))
        bad_value(m, f, ptr, s, f->constraint);
    else if (!strcmp(f->type, "enum") && !in_list(f->constraint, s))
        bad_value(m, f, ptr, s, f->constraint);
    else if (!strcmp(f->type, "uri") && !is_uri(s))
        bad_value(m, f, ptr, s, "an absolute URI");
    else if (!strcmp(f->type, "string") && strcmp(f->constraint, "-") &&
             strlen(s) > strtoul(f->constraint, NULL, 10))
        bad_value(m, f, ptr, s, "a shorter string");
    else if (!strcmp(f->type, "datetime") &&
             trace_time_parse(trace_str_c(s), &t) != TRACE_OK) {
        mdiag(m, &d, TRACE__D_TIME_NOT_VALID, ptr, f->path);
        trace__diag_arg(&d, "value", s);
        memit(m, &d);
    } else if (!strcmp(f->type, "id") && check_id(m, f->constraint, s, reason, sizeof(reason)) == 0) {
        mdiag(m, &d, TRACE__D_BAD_ID, ptr, f->path);
        trace__diag_arg(&d, "value", s);
        trace__diag_arg(&d, "schemes", f->constraint);
        trace__diag_arg(&d, "reason", reason);
        memit(m, &d);
    }
}

static void check_array(mrun *m, const trace__msg_field *f, json_t *a, const char *ptr)
{
    long long lo, hi;
    char item_path[256], sub[TRACE_DIAG_PATH_SIZE];
    const trace__msg_field *item;
    size_t i, n = json_array_size(a);
    trace_diag d;
    if (parse_range(f->constraint, &lo, &hi) && ((long long)n < lo || (long long)n > hi)) {
        mdiag(m, &d, TRACE__D_ARRAY_SIZE, ptr, f->path);
        trace__diag_argf(&d, "count", "%zu", n);
        trace__diag_arg(&d, "range", f->constraint);
        memit(m, &d);
    }
    snprintf(item_path, sizeof(item_path), "%s[]", f->path);
    if (!(item = trace__msg_row(m->msg, item_path)))
        return;
    if (!strcmp(item->type, "event")) {
        trace__msg_check_events(m->ctx, a, ptr, m->source, m->diags, &m->errors);
        return;
    }
    for (i = 0; i < n; i++) {
        snprintf(sub, sizeof(sub), "%s/%zu", ptr, i);
        check_value(m, item, json_array_get(a, i), sub);
    }
}

static void check_value(mrun *m, const trace__msg_field *f, json_t *v, const char *ptr)
{
    const char *t = f->type;
    long long lo, hi;
    if (!strcmp(t, "object")) {
        if (!json_is_object(v))
            type_error(m, f, ptr, "an object");
        else
            check_object(m, f, v, f->path, ptr);
    } else if (!strcmp(t, "array")) {
        if (!json_is_array(v))
            type_error(m, f, ptr, "an array");
        else
            check_array(m, f, v, ptr);
    } else if (!strcmp(t, "int")) {
        if (!json_is_integer(v))
            type_error(m, f, ptr, "an integer");
        else if (parse_range(f->constraint, &lo, &hi) &&
                 (json_integer_value(v) < lo || json_integer_value(v) > hi)) {
            char num[32];
            snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
            bad_value(m, f, ptr, num, f->constraint);
        }
    } else if (!strcmp(t, "document")) {
        if (!json_is_object(v))
            type_error(m, f, ptr, "an EPCIS document object");
        else
            trace__msg_check_document(m->ctx, v, ptr, m->source, m->diags, &m->errors);
    } else if (!json_is_string(v)) {
        type_error(m, f, ptr, "a string");
    } else {
        check_string(m, f, json_string_value(v), ptr);
    }
}

static void check_receipt_counts(mrun *m, json_t *root)
{
    json_t *rc = json_object_get(root, "received"), *ac = json_object_get(root, "accepted"),
           *rj = json_object_get(root, "rejected");
    trace_diag d;
    if (!json_is_integer(rc) || !json_is_integer(ac) || !json_is_integer(rj) ||
        json_integer_value(rc) == json_integer_value(ac) + json_integer_value(rj))
        return;
    mdiag(m, &d, TRACE__D_COUNTS, "", "received");
    trace__diag_argf(&d, "received", "%lld", (long long)json_integer_value(rc));
    trace__diag_argf(&d, "accepted", "%lld", (long long)json_integer_value(ac));
    trace__diag_argf(&d, "rejected", "%lld", (long long)json_integer_value(rj));
    memit(m, &d);
}

int trace_msg_validate(const trace_ctx *ctx, const char *json, size_t len, const char *source,
                       trace_diag_list *diags, trace_msg_type *type)
{
    json_error_t jerr;
    json_t *root, *tv;
    trace_msg_type t = TRACE_MSG_UNKNOWN;
    mrun m;
    trace_diag d;
    if (!json)
        return TRACE_EINVAL;
    memset(&m, 0, sizeof(m));
    m.ctx = ctx;
    m.source = source ? source : "";
    m.diags = diags;
    if (type)
        *type = TRACE_MSG_UNKNOWN;
    root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root || !json_is_object(root)) {
        mdiag(&m, &d, TRACE__D_NOT_JSON, "", "");
        trace__diag_arg(&d, "reason", root ? "the top level is not an object" : jerr.text);
        d.loc.line = root ? 0 : (uint32_t)(jerr.line > 0 ? jerr.line : 0);
        d.loc.column = root ? 0 : (uint32_t)(jerr.column > 0 ? jerr.column : 0);
        memit(&m, &d);
        json_decref(root);
        return TRACE_EDATA;
    }
    tv = json_object_get(root, "type");
    if (!json_is_string(tv) || trace_msg_type_from_name(json_string_value(tv), &t) != TRACE_OK ||
        strncmp(json_string_value(tv), "utds:", 5)) {
        mdiag(&m, &d, TRACE__D_MSG_UNKNOWN_TYPE, "/type", "type");
        trace__diag_arg(&d, "value", json_is_string(tv) ? json_string_value(tv) : "(missing)");
        memit(&m, &d);
        json_decref(root);
        return TRACE_EDATA;
    }
    m.msg = trace_msg_type_name(t);
    check_object(&m, NULL, root, "", "");
    if (t == TRACE_MSG_RECEIPT)
        check_receipt_counts(&m, root);
    json_decref(root);
    trace__free(trace__ctx_alloc(ctx), m.code);
    if (type)
        *type = t;
    return m.errors ? TRACE_EDATA : TRACE_OK;
}
