/*
 * jsonld_read.c - the EPCIS 2.0 JSON-LD reader (UTDS Part 3,
 * spec/utds-3-jsonld.md, section "Reading").
 *
 * A small tokenizer walks the document structure (document object,
 * epcisBody, queryResults, resultsBody) and stops at each element of
 * eventList. Each event's bytes are parsed by jansson on their own
 * (JSON_DISABLE_EOF_CHECK, JSON_REJECT_DUPLICATES) while the tokenizer
 * keeps the number lexemes, so memory holds one event at a time. Header
 * members are collected until epcisBody and applied with @context first;
 * when @context comes after epcisBody the end of the document is read
 * first: from a second pass over a file or buffer, or, from a pipe, by
 * keeping the body in the window within trace_limits.max_buffer.
 */
#include <stdio.h>
#include <string.h>

#include "jsonld_int.h"

#define JSON_FLAGS \
    (JSON_DISABLE_EOF_CHECK | JSON_REJECT_DUPLICATES | JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL | \
     JSON_DECODE_ANY)

/* A document-level member kept until it can be applied. */
typedef struct pending {
    json_t *wrap;                /* {key: value}: the key pointer stays valid */
    const unsigned char *bytes;  /* copy of the value's bytes (number lexemes) */
    jl_span *spans;
    size_t nspans;
    trace_pos pos;
    int applied;
    int late;                    /* after epcisBody */
    int level;                   /* 0 document, 2 queryResults */
} pending;

typedef struct jl_reader {
    jl_src src;
    size_t i;                    /* scan index into the window */
    jl_nums nums;
    jl_map map;
    json_t *cur;                 /* the current event's tree (strings are borrowed from it) */
    pending *pend;
    size_t npend, cpend;
    int level;                   /* 0 document, 1 epcisBody, 2 queryResults, 3 resultsBody */
    int first[4];
    int in_list, list_first, saw_body, saw_list, prescanned, after_body, have_context;
    char list_path[64];
    jl_scan_limits lim, lim_event;
} jl_reader;

/* Report with the record index of the event being read, or -1 outside events. */
static void report(trace_reader *r, int code, trace_pos pos, const char *path, const char *k,
                   const char *v)
{
    const jl_reader *st = r->state;
    int64_t rec = st && st->in_list ? (int64_t)r->nevents : -1;
    if (k)
        trace__reader_report_at(r, code, pos, rec, path, k, v, NULL);
    else
        trace__reader_report_at(r, code, pos, rec, path, NULL);
}

/* Turn a tokenizer or stream failure into a diagnostic; returns the status to give back. */
static int scan_fail_at(trace_reader *r, jl_src *s, size_t i, int rc, const char *path);

static int scan_fail(trace_reader *r, jl_src *s, size_t i, int rc)
{
    return scan_fail_at(r, s, i, rc, NULL);
}

/* Turn a tokenizer or stream failure at path into a diagnostic. */
static int scan_fail_at(trace_reader *r, jl_src *s, size_t i, int rc, const char *path)
{
    trace_pos pos = jl_pos_at(s, i);
    char buf[32];
    switch (rc) {
    case JL_DEPTH:
        snprintf(buf, sizeof(buf), "%u", r->ctx ? trace_ctx_limits(r->ctx)->max_depth : 0u);
        report(r, TRACE__D_TOO_DEEP, pos, path, "max", buf);
        r->fatal = 1;
        return TRACE_ELIMIT;
    case JL_STRING:
        snprintf(buf, sizeof(buf), "%llu",
                 (unsigned long long)(r->ctx ? trace_ctx_limits(r->ctx)->max_string : 0u));
        report(r, TRACE__D_STRING_TOO_LONG, pos, path, "max", buf);
        r->fatal = 1;
        return TRACE_ELIMIT;
    case JL_BIG:
        snprintf(buf, sizeof(buf), "%llu",
                 (unsigned long long)(r->ctx ? trace_ctx_limits(r->ctx)->max_record : 0u));
        trace__reader_report_at(r, TRACE__D_LIMIT, pos, -1, path, "limit",
                                "bytes in one document-level member", "max", buf, NULL);
        r->fatal = 1;
        return TRACE_ELIMIT;
    case JL_NOMEM:
    case TRACE_ENOMEM:
        report(r, TRACE__D_OUT_OF_MEMORY, pos, path, NULL, NULL);
        return TRACE_ENOMEM;
    case TRACE_EIO:
        report(r, TRACE__D_READ_FAILED, pos, path, "file", r->source);
        return TRACE_EIO;
    case TRACE_EDATA:
        report(r, TRACE__D_GZIP_CORRUPT, pos, path, "reason", "cannot inflate");
        return TRACE_EDATA;
    case JL_EOF:
        report(r, TRACE__D_JSON_SYNTAX, pos, path, "reason", "unexpected end of input");
        return TRACE_EDATA;
    default:
        if (i < s->n && s->p[i] >= 0x20 && s->p[i] < 0x7f)
            snprintf(buf, sizeof(buf), "unexpected '%c'", s->p[i]);
        else
            snprintf(buf, sizeof(buf), "unexpected byte");
        report(r, TRACE__D_JSON_SYNTAX, pos, path, "reason", buf);
        return TRACE_EDATA;
    }
}

/* Read the member name at *i ('"') and the ':' after it; returns the decoded key or NULL. */
static json_t *read_key(trace_reader *r, jl_src *s, size_t *i, int *rc)
{
    size_t ks = *i;
    json_error_t err;
    json_t *k;
    int c;
    if ((*rc = jl_string(s, i, 0)) != JL_OK)
        return NULL;
    k = json_loadb((const char *)s->p + ks, *i - ks, JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
    if (!k) {
        *rc = JL_SYNTAX;
        return NULL;
    }
    c = jl_ws(s, i);
    if (c != ':') {
        json_decref(k);
        *rc = c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX);
        return NULL;
    }
    (*i)++;
    c = jl_ws(s, i);
    if (c < 0) {
        json_decref(k);
        *rc = c < -1 ? c : JL_EOF;
        return NULL;
    }
    (void)r;
    return k;
}

/* Keep a document-level member (value at *i in s) for later. */
/* Member names are unique in every object (as JSON_REJECT_DUPLICATES asks of events). */
static int duplicate(trace_reader *r, jl_src *s, size_t i, const char *k)
{
    char reason[TRACE_DIAG_ARG_SIZE];
    snprintf(reason, sizeof(reason), "duplicate member %s", k);
    report(r, TRACE__D_JSON_SYNTAX, jl_pos_at(s, i), NULL, "reason", reason);
    return TRACE_EDATA;
}

static int capture(trace_reader *r, jl_reader *st, jl_src *s, size_t *i, json_t *key, int late)
{
    size_t vs = *i, k;
    json_error_t err;
    json_t *val;
    pending *p;
    int rc, level = late ? 0 : st->level;
    for (k = 0; k < st->npend; k++)
        if (st->pend[k].level == level &&
            json_object_getn(st->pend[k].wrap, json_string_value(key), json_string_length(key)))
            return duplicate(r, s, vs, json_string_value(key));
    st->nums.n = 0;
    if ((rc = jl_value(s, i, &st->nums, &st->lim)) != JL_OK)
        return rc;
    val = json_loadb((const char *)s->p + vs, *i - vs, JSON_FLAGS, &err);
    if (!val) {
        report(r, TRACE__D_JSON_SYNTAX, jl_pos_at(s, vs), NULL, "reason", err.text);
        return TRACE_EDATA;
    }
    if (st->npend == st->cpend) {
        size_t cap = st->cpend ? st->cpend * 2 : 16;
        pending *np = trace__realloc(r->alloc, st->pend, cap * sizeof(*np));
        if (!np) {
            json_decref(val);
            return JL_NOMEM;
        }
        st->pend = np;
        st->cpend = cap;
    }
    p = &st->pend[st->npend];
    memset(p, 0, sizeof(*p));
    p->wrap = json_object();
    if (!p->wrap || json_object_setn_new(p->wrap, json_string_value(key),
                                         json_string_length(key), val) != 0) {
        json_decref(p->wrap);
        return JL_NOMEM;
    }
    p->bytes = trace__arena_alloc(&r->doc_arena, *i - vs + 1);
    p->spans = trace__arena_alloc(&r->doc_arena, (st->nums.n + 1) * sizeof(jl_span));
    if (!p->bytes || !p->spans) {
        json_decref(p->wrap);
        return JL_NOMEM;
    }
    memcpy((void *)(uintptr_t)p->bytes, s->p + vs, *i - vs);
    if (st->nums.n)
        memcpy(p->spans, st->nums.v, st->nums.n * sizeof(jl_span));
    p->nspans = st->nums.n;
    p->pos = jl_pos_at(s, vs);
    p->late = late;
    p->level = level;
    st->npend++;
    if (json_string_length(key) == 8 && !memcmp(json_string_value(key), "@context", 8))
        st->have_context = 1;
    return JL_OK;
}

/* ------------------------------------------------------ header members */

static void map_begin(jl_reader *st, trace_reader *r, pending *p, jl_nums *tmp)
{
    jl_map *m = &st->map;
    tmp->v = p->spans;
    tmp->n = tmp->cap = p->nspans;
    m->arena = &r->doc_arena;
    m->bytes = p->bytes;
    m->nums = tmp;
    m->record = -1;
    m->pos = p->pos;
    m->base = NULL;
    m->base_index = -1;
    m->nseg = 0;
    m->scope.doc = r->hdr.namespaces;
    m->scope.ndoc = r->hdr.nnamespaces;
    m->scope.ev = NULL;
    m->scope.nev = 0;
}

static void apply_trailer(jl_map *m, trace_reader *r, json_t *v)
{
    trace_trailer *t = &r->trailer;
    const char *k;
    json_t *x;
    size_t cap = 0;
    if (!json_is_object(v)) {
        jl_report(m, TRACE__D_JSON_BAD_TRAILER, "reason", "not an object", NULL, NULL);
        return;
    }
    t->present = 1;
    json_object_foreach(v, k, x) {
        size_t saved = jl_path_key(m, k);
        if (!strcmp(k, "eventCount")) {
            trace_str lx = json_is_number(x) ? jl_num_lexeme(m, x) : trace_str_c("");
            uint64_t n = 0;
            size_t i;
            for (i = 0; i < lx.len && lx.s[i] >= '0' && lx.s[i] <= '9' && n < UINT64_MAX / 10; i++)
                n = n * 10 + (uint64_t)(lx.s[i] - '0');
            if (lx.len == 0 || i != lx.len)
                jl_report(m, TRACE__D_JSON_BAD_TRAILER, "reason",
                          "eventCount is not a non-negative integer", NULL, NULL);
            t->event_count = n;
        } else if (!strcmp(k, "digest")) {
            jl_get_str(m, x, k, &t->digest);
        } else if (!strcmp(k, "signature")) {
            jl_get_str(m, x, k, &t->signature);
        } else if (!strcmp(k, "keyId")) {
            jl_get_str(m, x, k, &t->key_id);
        } else if (!strcmp(k, "sigAlg")) {
            jl_get_str(m, x, k, &t->sig_alg);
        } else {
            jl_path_pop(m, saved);
            jl_ext_member(m, k, x, &t->ext, &t->next, &cap);
        }
        jl_path_pop(m, saved);
    }
}

static void apply_scalar(jl_map *m, json_t *v, const char *k, trace_str *out)
{
    if (json_is_number(v))
        *out = jl_num_lexeme(m, v); /* "schemaVersion": 2.0 is seen in the wild */
    else
        jl_get_str(m, v, k, out);
}

static void apply_member(trace_reader *r, jl_reader *st, pending *p)
{
    jl_map *m = &st->map;
    trace_header *h = &r->hdr;
    jl_nums tmp;
    const char *k;
    json_t *v;
    size_t cap = h->next;
    map_begin(st, r, p, &tmp);
    jl_map_numbers(m, p->wrap);
    json_object_foreach(p->wrap, k, v) {
        size_t saved = jl_path_key(m, k);
        if (!strcmp(k, "@context")) {
            trace_ns *terms;
            trace_str *urls;
            size_t nt, nu;
            jl_path_pop(m, saved);
            if (jl_context(m, v, &terms, &nt, &urls, &nu) == TRACE_OK && !h->nnamespaces &&
                !h->ncontext_urls) {
                h->namespaces = terms, h->nnamespaces = nt;
                h->context_urls = urls, h->ncontext_urls = nu;
            }
        } else if (!strcmp(k, "type")) {
            if (jl_get_str(m, v, k, &h->doc_type) && !trace_str_eq(h->doc_type, "EPCISDocument") &&
                !trace_str_eq(h->doc_type, "EPCISQueryDocument"))
                jl_report(m, TRACE__D_JSON_DOC_TYPE, "value", json_string_value(v), NULL, NULL);
        } else if (!strcmp(k, "schemaVersion")) {
            apply_scalar(m, v, k, &h->schema_version);
        } else if (!strcmp(k, "creationDate")) {
            trace_str s;
            if (jl_get_str(m, v, k, &s) && trace_time_parse(s, &h->creation_date) != TRACE_OK)
                jl_report(m, TRACE__D_BAD_TIMESTAMP, "field", k, "value", json_string_value(v));
            h->creation_date.pos = p->pos;
        } else if (!strcmp(k, "id")) {
            jl_get_str(m, v, k, &h->doc_id);
        } else if (!strcmp(k, "sender")) {
            jl_get_str(m, v, k, &h->sender);
        } else if (!strcmp(k, "receiver")) {
            jl_get_str(m, v, k, &h->receiver);
        } else if (!strcmp(k, "instanceIdentifier")) {
            jl_get_str(m, v, k, &h->instance_id);
        } else if (!strcmp(k, "epcisHeader")) {
            jl_epcis_header(m, v, h, &r->md);
            cap = h->next;
        } else if (!strcmp(k, "utds:trailer")) {
            apply_trailer(m, r, v);
        } else if (!strcmp(k, "utds:profile")) {
            jl_get_str(m, v, k, &h->profile);
        } else if (!strcmp(k, "queryName")) { /* from queryResults */
            jl_get_str(m, v, k, &h->query_name);
        } else if (!strcmp(k, "subscriptionID")) {
            jl_get_str(m, v, k, &h->subscription_id);
        } else {
            if (!strchr(k, ':') && k[0] != '@')
                jl_report(m, TRACE__D_JSON_UNQUALIFIED_MEMBER, "member", k, NULL, NULL);
            jl_path_pop(m, saved);
            jl_ext_member(m, k, v, &h->ext, &h->next, &cap);
        }
        jl_path_pop(m, saved);
    }
    p->applied = 1;
}

/* Apply every pending member: @context first, since it scopes the others. */
static void apply_pending(trace_reader *r, jl_reader *st)
{
    size_t i;
    for (i = 0; i < st->npend; i++)
        if (!st->pend[i].applied && json_object_get(st->pend[i].wrap, "@context"))
            apply_member(r, st, &st->pend[i]);
    for (i = 0; i < st->npend; i++)
        if (!st->pend[i].applied)
            apply_member(r, st, &st->pend[i]);
}

/* ------------------------------------------------------------- pre-scan */

/* From the value of epcisBody at *i: pass the body, keep the members after it. */
static int scan_tail(trace_reader *r, jl_reader *st, jl_src *s, size_t *i, int keep)
{
    jl_scan_limits lim = st->lim;
    int rc, c;
    lim.depth0 = 1;
    if (keep) { /* a pipe: the body stays in the window for the event pass */
        lim.max_bytes = trace_ctx_limits(r->ctx)->max_buffer;
        rc = jl_value(s, i, NULL, &lim);
        if (rc == JL_BIG) {
            char buf[32];
            snprintf(buf, sizeof(buf), "%llu", (unsigned long long)lim.max_bytes);
            report(r, TRACE__D_JSON_CONTEXT_BUFFER, jl_pos_at(s, *i), "/epcisBody", "max", buf);
            return TRACE_ELIMIT;
        }
    } else {
        rc = jl_skip(s, i, &lim);
    }
    if (rc != JL_OK)
        return scan_fail(r, s, *i, rc);
    for (;;) {
        json_t *key;
        c = jl_ws(s, i);
        if (c == '}')
            return TRACE_OK;
        if (c != ',')
            return scan_fail(r, s, *i, c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX));
        (*i)++;
        if ((c = jl_ws(s, i)) != '"')
            return scan_fail(r, s, *i, c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX));
        if (!(key = read_key(r, s, i, &rc)))
            return scan_fail(r, s, *i, rc);
        rc = capture(r, st, s, i, key, 1);
        json_decref(key);
        if (rc != JL_OK)
            return rc == TRACE_EDATA ? rc : scan_fail(r, s, *i, rc);
        if (!keep) {
            jl_drop(s, *i);
            *i = 0;
        }
    }
}

/* The pre-scan of a file or buffer: a second, independent pass to the body. */
static int prescan_side(trace_reader *r, jl_reader *st, jl_side *side, jl_src *s)
{
    size_t i = 0;
    int c, rc;
    c = jl_ws(s, &i);
    if (c == 0xEF) /* UTF-8 BOM */
        i += 3, c = jl_ws(s, &i);
    if (c != '{')
        return scan_fail(r, s, i, JL_SYNTAX);
    i++;
    for (;;) { /* members before epcisBody were read by the main pass */
        json_t *key;
        int body;
        if ((c = jl_ws(s, &i)) == ',')
            i++, c = jl_ws(s, &i);
        if (c != '"')
            return scan_fail(r, s, i, c < -1 ? c : JL_SYNTAX);
        if (!(key = read_key(r, s, &i, &rc)))
            return scan_fail(r, s, i, rc);
        body = !strcmp(json_string_value(key), "epcisBody");
        json_decref(key);
        if (body)
            break;
        if ((rc = jl_skip(s, &i, &st->lim)) != JL_OK)
            return scan_fail(r, s, i, rc);
        jl_drop(s, i);
        i = 0;
    }
    (void)side;
    return scan_tail(r, st, s, &i, 0);
}

static int prescan(trace_reader *r, jl_reader *st)
{
    jl_src side_src;
    jl_side *side = jl_side_open(r, &side_src);
    int rc;
    st->prescanned = 1;
    if (side) {
        rc = prescan_side(r, st, side, &side_src);
        jl_side_close(r, side);
    } else {
        size_t i = st->i;
        rc = scan_tail(r, st, &st->src, &i, 1);
    }
    return rc;
}

/* ------------------------------------------------------------ navigation */

enum { NAV_LIST = 1, NAV_END = 2 };

static int enter(jl_reader *st, int level)
{
    st->i++;
    st->level = level;
    st->first[level] = 1;
    return 0;
}

/* Open the body: the header is complete once @context is known. */
static int enter_body(trace_reader *r, jl_reader *st)
{
    int rc;
    st->saw_body = 1;
    if (!st->have_context && (rc = prescan(r, st)) != TRACE_OK)
        return rc;
    apply_pending(r, st);
    st->after_body = 1;
    return TRACE_OK;
}

static int member(trace_reader *r, jl_reader *st, const char *k, int c)
{
    jl_src *s = &st->src;
    int lvl = st->level, rc;
    if ((lvl == 0 && st->saw_body && !strcmp(k, "epcisBody")) ||
        ((lvl == 1 || lvl == 3) && st->saw_list && !strcmp(k, "eventList")))
        return duplicate(r, s, st->i, k);
    if (lvl == 0 && !strcmp(k, "epcisBody") && c == '{') {
        if ((rc = enter_body(r, st)) != TRACE_OK)
            return rc;
        return enter(st, 1);
    }
    if ((lvl == 1 && !strcmp(k, "queryResults") && c == '{') ||
        (lvl == 2 && !strcmp(k, "resultsBody") && c == '{'))
        return enter(st, lvl + 1);
    if ((lvl == 1 || lvl == 3) && !strcmp(k, "eventList") && c == '[') {
        st->i++;
        st->in_list = st->list_first = 1;
        st->saw_list = 1;
        snprintf(st->list_path, sizeof(st->list_path), "%s",
                 lvl == 1 ? "/epcisBody/eventList" : "/epcisBody/queryResults/resultsBody/eventList");
        return NAV_LIST;
    }
    if (lvl == 0 && st->after_body && st->prescanned) /* read by the pre-scan already */
        return jl_skip(s, &st->i, &st->lim);
    if (lvl == 0 || lvl == 2) {
        json_t *key = json_string(k);
        int late = lvl == 0 && st->after_body;
        rc = key ? capture(r, st, s, &st->i, key, late) : JL_NOMEM;
        json_decref(key);
        if (rc != JL_OK)
            return rc;
        if (late || lvl == 2) {
            pending *p = &st->pend[st->npend - 1];
            /* After the events a streaming writer has written its header already. */
            if ((late && strcmp(k, "utds:trailer")) || (lvl == 2 && st->saw_list))
                report(r, TRACE__D_JSON_LATE_MEMBER, p->pos, NULL, "member", k);
            if (st->after_body)
                apply_member(r, st, p);
        }
        return JL_OK;
    }
    {
        char path[128];
        snprintf(path, sizeof(path), "/epcisBody/%s", k);
        report(r, TRACE__D_JSON_MEMBER_NOT_KEPT, jl_pos_at(s, st->i), path, "member", k);
    }
    return jl_skip(s, &st->i, &st->lim);
}

/* Walk the document structure until the next eventList or the end. */
static int nav(trace_reader *r, jl_reader *st)
{
    jl_src *s = &st->src;
    for (;;) {
        json_t *key;
        int c = jl_ws(s, &st->i), rc;
        if (c == '}' ) {
            st->i++;
            if (st->level == 0)
                return NAV_END;
            st->level--;
            continue;
        }
        if (!st->first[st->level]) {
            if (c != ',')
                return scan_fail(r, s, st->i, c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX));
            st->i++;
            c = jl_ws(s, &st->i);
        }
        st->first[st->level] = 0;
        if (c != '"')
            return scan_fail(r, s, st->i, c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX));
        if (!(key = read_key(r, s, &st->i, &rc)))
            return scan_fail(r, s, st->i, rc);
        rc = member(r, st, json_string_value(key), s->p[st->i]);
        json_decref(key);
        if (rc == NAV_LIST)
            return rc;
        if (rc != JL_OK)
            return rc < -1 && rc <= JL_EOF ? scan_fail(r, s, st->i, rc) : rc;
        if (st->level == 0 || !st->in_list) {
            jl_drop(s, st->i);
            st->i = 0;
        }
    }
}

/* After the document: only white space may follow. */
static int finish(trace_reader *r, jl_reader *st)
{
    jl_src *s = &st->src;
    int c = jl_ws(s, &st->i);
    if (c >= 0)
        report(r, TRACE__D_JSON_TRAILING_DATA, jl_pos_at(s, st->i), NULL, NULL, NULL);
    if (!st->saw_body)
        report(r, TRACE__D_JSON_MISSING_MEMBER, jl_pos_at(s, 0), "", "member", "epcisBody");
    else if (!st->saw_list)
        report(r, TRACE__D_JSON_NO_EVENT_LIST, jl_pos_at(s, 0), "/epcisBody", NULL, NULL);
    apply_pending(r, st);
    return TRACE_EOF;
}

/* ----------------------------------------------------------------- codec */

static void check_required(trace_reader *r)
{
    static const char *const req[] = {"@context", "type", "schemaVersion", "creationDate"};
    const trace_header *h = &r->hdr;
    int query = trace_str_eq(h->doc_type, "EPCISQueryDocument");
    int have[4];
    size_t i;
    trace_pos pos = {0, 0};
    have[0] = h->nnamespaces || h->ncontext_urls;
    have[1] = h->doc_type.len > 0;
    have[2] = h->schema_version.len > 0 || query;
    have[3] = h->creation_date.lexeme.len > 0 || query;
    for (i = 0; i < 4; i++)
        if (!have[i])
            trace__reader_report_at(r, TRACE__D_JSON_MISSING_MEMBER, pos, -1, "", "member",
                                    req[i], NULL);
}

int trace__jsonld_r_open(trace_reader *r)
{
    const trace_limits *lim = trace_ctx_limits(r->ctx);
    jl_reader *st = trace__calloc(r->alloc, 1, sizeof(*st));
    int c, rc;
    if (!st)
        return TRACE_ENOMEM;
    r->state = st;
    st->nums.alloc = r->alloc;
    st->map.r = r;
    st->lim.max_depth = lim->max_depth;
    st->lim.max_string = lim->max_string;
    st->lim.max_bytes = lim->max_record;
    st->lim.depth0 = 1;
    st->lim_event = st->lim;
    jl_src_main(&st->src, &r->in);
    c = jl_ws(&st->src, &st->i);
    if (c == 0xEF && jl_fill(&st->src, st->i + 3) > 0 && st->src.p[st->i + 1] == 0xBB &&
        st->src.p[st->i + 2] == 0xBF) {
        st->i += 3;
        c = jl_ws(&st->src, &st->i);
    }
    if (c != '{') {
        if (c < -1)
            return scan_fail(r, &st->src, st->i, c);
        report(r, TRACE__D_JSON_NOT_OBJECT, jl_pos_at(&st->src, st->i), "", NULL, NULL);
        return TRACE_EDATA;
    }
    enter(st, 0);
    rc = nav(r, st);
    if (rc == NAV_END) {
        finish(r, st);
        st->level = -1;
    } else if (rc != NAV_LIST) {
        return rc;
    }
    check_required(r);
    return TRACE_OK;
}

static int event_fail(trace_reader *r, jl_reader *st, int rc)
{
    jl_src *s = &st->src;
    char buf[32];
    trace_pos pos = jl_pos_at(s, 0);
    char path[96];
    snprintf(path, sizeof(path), "%s/%llu", st->list_path, (unsigned long long)r->nevents);
    if (rc == JL_BIG || rc == JL_STRING) {
        const trace_limits *lim = trace_ctx_limits(r->ctx);
        size_t i = 0;
        snprintf(buf, sizeof(buf), "%llu",
                 (unsigned long long)(rc == JL_BIG ? lim->max_record : lim->max_string));
        if (rc == JL_BIG) {
            char rec[24];
            snprintf(rec, sizeof(rec), "%llu", (unsigned long long)r->nevents);
            trace__reader_report_at(r, TRACE__D_EVENT_TOO_LARGE, pos, (int64_t)r->nevents, path,
                                    "record", rec, "max", buf, NULL);
        } else {
            report(r, TRACE__D_STRING_TOO_LONG, pos, path, "max", buf);
        }
        rc = jl_skip(s, &i, &st->lim_event); /* pass the event in constant memory */
        if (rc != JL_OK)
            return scan_fail(r, s, i, rc);
        jl_drop(s, i);
        st->i = 0;
        return TRACE_EDATA;
    }
    rc = scan_fail_at(r, s, st->i, rc, path);
    r->fatal = 1;
    return rc;
}

/* Parse and map the event whose bytes are s->p[0, end). */
static int map_event(trace_reader *r, jl_reader *st, size_t end, trace_event *ev)
{
    jl_src *s = &st->src;
    jl_map *m = &st->map;
    json_error_t err;
    json_t *root = json_loadb((const char *)s->p, end, JSON_FLAGS, &err);
    int rc;
    m->base = st->list_path;
    m->base_index = (int64_t)r->nevents;
    m->nseg = 0;
    m->pos.line = s->line;
    m->pos.column = s->col;
    m->record = (int64_t)r->nevents;
    if (!root || !json_is_object(root)) {
        if (root)
            jl_report(m, TRACE__D_JSON_WRONG_TYPE, "member", "event", "got", jl_type_name(root));
        else
            jl_report(m, TRACE__D_JSON_EVENT_SYNTAX, "reason", err.text, NULL, NULL);
        json_decref(root);
        return TRACE_EDATA;
    }
    m->arena = &r->ev_arena;
    m->bytes = s->p;
    m->nums = &st->nums;
    m->scope.doc = r->hdr.namespaces;
    m->scope.ndoc = r->hdr.nnamespaces;
    m->nomem = 0;
    st->cur = root;
    if (jl_map_numbers(m, root) != TRACE_OK || (rc = jl_event(m, root, ev)) == TRACE_ENOMEM) {
        jl_report(m, TRACE__D_OUT_OF_MEMORY, NULL, NULL, NULL, NULL);
        return TRACE_ENOMEM;
    }
    return TRACE_OK;
}

int trace__jsonld_r_next(trace_reader *r, trace_event *ev)
{
    jl_reader *st = r->state;
    jl_src *s = &st->src;
    if (st->cur) {
        json_decref(st->cur);
        st->cur = NULL;
    }
    for (;;) {
        int c, rc;
        size_t end;
        if (st->level < 0)
            return TRACE_EOF;
        if (!st->in_list) {
            rc = nav(r, st);
            if (rc == NAV_END) {
                st->level = -1;
                return finish(r, st);
            }
            if (rc != NAV_LIST) {
                r->fatal = 1;
                return rc;
            }
        }
        c = jl_ws(s, &st->i);
        if (c == ']') {
            st->i++;
            st->in_list = 0;
            continue;
        }
        if (!st->list_first) {
            if (c != ',')
                return event_fail(r, st, c < -1 ? c : (c == -1 ? JL_EOF : JL_SYNTAX));
            st->i++;
            c = jl_ws(s, &st->i);
        }
        st->list_first = 0;
        if (c < 0)
            return event_fail(r, st, c < -1 ? c : JL_EOF);
        jl_drop(s, st->i); /* the event starts the window */
        st->i = 0;
        st->nums.n = 0;
        rc = jl_value(s, &st->i, &st->nums, &st->lim_event);
        if (rc != JL_OK)
            return event_fail(r, st, rc);
        end = st->i;
        rc = map_event(r, st, end, ev);
        jl_drop(s, end);
        st->i = 0;
        return rc;
    }
}

void trace__jsonld_r_close(trace_reader *r)
{
    jl_reader *st = r->state;
    size_t i;
    if (!st)
        return;
    json_decref(st->cur);
    for (i = 0; i < st->npend; i++)
        json_decref(st->pend[i].wrap);
    trace__free(r->alloc, st->pend);
    trace__free(r->alloc, st->map.numv);
    jl_nums_free(&st->nums);
    trace__free(r->alloc, st);
    r->state = NULL;
}
