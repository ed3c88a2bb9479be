/*
 * msg_receipt.c - build a utds:Receipt from the diagnostics of a capture:
 * per-event status with every error in both languages, and the overall
 * verdict under the EPCIS capture error behaviour (rollback or proceed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "msg_int.h"

typedef struct entry {
    size_t seq; /* arrival order, for a stable sort */
    trace_diag d;
} entry;

struct trace_receipt {
    const trace_allocator *alloc;
    char *message_id, *in_reply_to, *created;
    int rollback;
    uint64_t received;
    entry *items;
    size_t n, cap, max;
};

static char *dup(const trace_allocator *a, const char *s)
{
    return trace__strndup(a, s ? s : "", s ? strlen(s) : 0);
}

int trace_receipt_new(trace_receipt **out, const trace_ctx *ctx, const char *message_id,
                      const char *in_reply_to, const char *created, int rollback)
{
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_receipt *r;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    r = trace__calloc(a, 1, sizeof(*r));
    if (!r)
        return TRACE_ENOMEM;
    r->alloc = a;
    r->rollback = rollback;
    r->max = (size_t)trace_ctx_limits(ctx)->max_diags;
    r->message_id = dup(a, message_id);
    r->in_reply_to = dup(a, in_reply_to);
    r->created = dup(a, created);
    if (!r->message_id || !r->in_reply_to || !r->created) {
        trace_receipt_free(r);
        return TRACE_ENOMEM;
    }
    *out = r;
    return TRACE_OK;
}

void trace_receipt_free(trace_receipt *r)
{
    if (!r)
        return;
    trace__free(r->alloc, r->message_id);
    trace__free(r->alloc, r->in_reply_to);
    trace__free(r->alloc, r->created);
    trace__free(r->alloc, r->items);
    trace__free(r->alloc, r);
}

void trace_receipt_set_received(trace_receipt *r, uint64_t received)
{
    if (r)
        r->received = received;
}

int trace_receipt_add(trace_receipt *r, const trace_diag *d)
{
    if (!r || !d)
        return TRACE_EINVAL;
    if (d->severity < TRACE_SEV_WARNING)
        return TRACE_OK;
    if (r->n == r->max)
        return TRACE_ELIMIT;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 32;
        entry *p = trace__realloc(r->alloc, r->items, cap * sizeof(*p));
        if (!p)
            return TRACE_ENOMEM;
        r->items = p;
        r->cap = cap;
    }
    r->items[r->n].seq = r->n;
    r->items[r->n].d = *d;
    r->n++;
    return TRACE_OK;
}

static int by_record(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    if (x->d.loc.record != y->d.loc.record)
        return x->d.loc.record < y->d.loc.record ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void jstr(FILE *out, const char *s)
{
    trace__buf b;
    trace__buf_init(&b, NULL);
    trace__buf_json_str(&b, s, strlen(s));
    fwrite(b.data, 1, b.len, out);
    trace__buf_free(&b);
}

static void write_diag(FILE *out, const trace_diag *d, int positions)
{
    char msg[1024];
    fputs("{\"code\":", out);
    jstr(out, d->id);
    fprintf(out, ",\"severity\":\"%s\"", trace_severity_name(d->severity));
    if (d->loc.path[0])
        fputs(",\"path\":", out), jstr(out, d->loc.path);
    if (positions && d->loc.line)
        fprintf(out, ",\"line\":%u,\"column\":%u", d->loc.line, d->loc.column);
    trace_diag_message(d, TRACE_LANG_EN, msg, sizeof(msg));
    fputs(",\"message\":{\"en\":", out), jstr(out, msg);
    trace_diag_message(d, TRACE_LANG_ZH, msg, sizeof(msg));
    fputs(",\"zh\":", out), jstr(out, msg);
    fputs("}}", out);
}

/* Count events with at least one error, and whether the document itself failed. */
static void tally(const trace_receipt *r, uint64_t *rejected, int *doc_error)
{
    size_t i;
    int64_t last = -2;
    *rejected = 0;
    *doc_error = 0;
    for (i = 0; i < r->n; i++) {
        const trace_diag *d = &r->items[i].d;
        if (d->severity < TRACE_SEV_ERROR)
            continue;
        if (d->loc.record < 0)
            *doc_error = 1;
        else if (d->loc.record != last)
            (*rejected)++, last = d->loc.record;
    }
}

static void write_records(const trace_receipt *r, FILE *out)
{
    size_t i = 0, first = 1;
    while (i < r->n && r->items[i].d.loc.record < 0)
        i++;
    if (i == r->n)
        return;
    fputs(",\"records\":[", out);
    while (i < r->n) {
        int64_t rec = r->items[i].d.loc.record;
        size_t j, k;
        int bad = 0;
        const char *eid = NULL;
        for (j = i; j < r->n && r->items[j].d.loc.record == rec; j++) {
            bad |= r->items[j].d.severity >= TRACE_SEV_ERROR;
            if (!eid)
                eid = trace_diag_arg_get(&r->items[j].d, "eventID");
        }
        fprintf(out, "%s{\"index\":%lld", first ? "" : ",", (long long)rec);
        if (eid)
            fputs(",\"eventID\":", out), jstr(out, eid);
        fprintf(out, ",\"status\":\"%s\",\"errors\":[", bad ? "rejected" : "accepted");
        for (k = i; k < j; k++) {
            fputs(k > i ? "," : "", out);
            write_diag(out, &r->items[k].d, 1);
        }
        fputs("]}", out);
        first = 0;
        i = j;
    }
    fputc(']', out);
}

int trace_receipt_write(const trace_receipt *r, FILE *out)
{
    uint64_t rejected, accepted;
    const char *status;
    int doc_error;
    size_t i, first = 1;
    if (!r || !out)
        return TRACE_EINVAL;
    if (r->n) /* qsort(NULL, 0) is undefined behaviour */
        qsort(r->items, r->n, sizeof(*r->items), by_record);
    tally(r, &rejected, &doc_error);
    if (rejected > r->received)
        rejected = r->received;
    if (doc_error || (r->rollback && rejected))
        rejected = r->received; /* rollback: nothing is captured */
    accepted = r->received - rejected;
    status = rejected == 0 && !doc_error ? "accepted" : accepted ? "partial" : "rejected";
    fputs("{\"type\":\"utds:Receipt\",\"messageId\":", out);
    jstr(out, r->message_id);
    fputs(",\"inReplyTo\":", out);
    jstr(out, r->in_reply_to);
    fputs(",\"created\":", out);
    jstr(out, r->created);
    fprintf(out, ",\"status\":\"%s\",\"received\":%llu,\"accepted\":%llu,\"rejected\":%llu",
            status, (unsigned long long)r->received, (unsigned long long)accepted,
            (unsigned long long)rejected);
    write_records(r, out);
    for (i = 0; i < r->n && r->items[i].d.loc.record < 0; i++) {
        fputs(first ? ",\"documentErrors\":[" : ",", out);
        write_diag(out, &r->items[i].d, 0);
        first = 0;
    }
    if (!first)
        fputc(']', out);
    fputs("}\n", out);
    return ferror(out) ? TRACE_EIO : TRACE_OK;
}

static void collect(const trace_diag *d, void *payload)
{
    /* TR-MSG-0011 only counts the document's own findings, which the receipt
     * already lists per event: it is not a problem of the document as a whole. */
    if (d->code != TRACE__D_DOCUMENT_INVALID)
        trace_receipt_add(payload, d);
}

int trace_msg_receipt(const trace_ctx *ctx, const char *json, size_t len, const char *source,
                      const char *message_id, const char *created, FILE *out)
{
    trace_diag_list *diags = NULL;
    trace_receipt *r = NULL;
    json_t *root, *doc, *list;
    const char *reply = "", *behaviour = "rollback";
    trace_msg_type t;
    int rc;
    if (!json || !out || !message_id || !created)
        return TRACE_EINVAL;
    root = json_loadb(json, len, 0, NULL);
    if (root) {
        json_t *id = json_object_get(root, "messageId");
        json_t *b = json_object_get(root, "captureErrorBehaviour");
        if (json_is_string(id))
            reply = json_string_value(id);
        if (json_is_string(b))
            behaviour = json_string_value(b);
    }
    rc = trace_receipt_new(&r, ctx, message_id, reply, created, strcmp(behaviour, "proceed"));
    if (rc == TRACE_OK)
        rc = trace_diag_list_new(&diags, 1, trace__ctx_alloc(ctx));
    if (rc == TRACE_OK) {
        trace_diag_list_set_callback(diags, collect, r, 0);
        trace_msg_validate(ctx, json, len, source, diags, &t);
        doc = json_object_get(root, "document");
        list = json_object_get(json_object_get(doc, "epcisBody"), "eventList");
        trace_receipt_set_received(r, json_is_array(list) ? json_array_size(list) : 0);
        rc = trace_receipt_write(r, out);
    }
    trace_diag_list_free(diags);
    trace_receipt_free(r);
    json_decref(root);
    return rc;
}
