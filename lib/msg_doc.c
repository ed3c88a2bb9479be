/*
 * msg_doc.c - validate the EPCIS content of interface messages (the
 * document of a submit, the events of a query-result) with the same reader
 * and validator as files, re-rooting diagnostic paths in the message.
 */
#include <stdlib.h>
#include <string.h>

#include "msg_int.h"

typedef struct reroot {
    const char *from;   /* path prefix produced by the validator */
    const char *to;     /* the member's JSON pointer in the message */
    const char *source;
    trace_diag_list *out;
    size_t errors;
} reroot;

static void forward(const trace_diag *d, void *payload)
{
    reroot *r = payload;
    trace_diag copy = *d;
    size_t n = strlen(r->from);
    const char *rest = strncmp(d->loc.path, r->from, n) == 0 ? d->loc.path + n : d->loc.path;
    snprintf(copy.loc.path, sizeof(copy.loc.path), "%s%s", r->to, rest);
    trace__loc_set_source(&copy.loc, r->source);
    copy.loc.line = copy.loc.column = 0; /* positions were in the re-serialised text */
    copy.loc.offset = -1;
    if (d->severity >= TRACE_SEV_ERROR)
        r->errors++;
    if (r->out)
        trace_diag_list_add(r->out, &copy);
}

static void report(const trace_ctx *ctx, int code, const char *ptr, const char *source,
                   trace_diag_list *diags, const char *key, const char *value)
{
    trace_diag d;
    (void)ctx;
    trace__diag_init(&d, code);
    trace__loc_set_source(&d.loc, source);
    trace__strlcpy(d.loc.path, ptr, sizeof(d.loc.path));
    trace__diag_arg(&d, "field", ptr[0] == '/' ? ptr + 1 : ptr);
    if (key)
        trace__diag_arg(&d, key, value);
    if (diags)
        trace_diag_list_add(diags, &d);
}

static void validate_json(const trace_ctx *ctx, json_t *doc, const char *from, const char *ptr,
                          const char *source, trace_diag_list *diags, size_t *errors)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_diag_list *tmp = NULL;
    trace_validator *v = NULL;
    trace_reader *r = NULL;
    reroot rr = {from, ptr, source, diags, 0};
    char *text;
    if (!trace_format_supported(TRACE_FMT_JSONLD, 0)) {
        report(ctx, TRACE__D_NOT_CHECKED, ptr, source, diags, "reason",
               "no JSON-LD reader is built in");
        return;
    }
    text = json_dumps(doc, JSON_COMPACT);
    if (!text || trace_diag_list_new(&tmp, 0, trace__ctx_alloc(ctx)) != TRACE_OK) {
        free(text);
        return;
    }
    trace_diag_list_set_callback(tmp, forward, &rr, 0);
    ro.format = TRACE_FMT_JSONLD;
    ro.diags = tmp;
    ro.source_name = source;
    if (trace_reader_open_mem(&r, ctx, text, strlen(text), &ro) == TRACE_OK &&
        trace_validator_new(&v, ctx, NULL) == TRACE_OK)
        trace_validate_stream(v, r, tmp, NULL, NULL, NULL);
    trace_validator_free(v);
    trace_reader_free(r);
    trace_diag_list_free(tmp);
    free(text);
    if (rr.errors) {
        char count[32];
        snprintf(count, sizeof(count), "%zu", rr.errors);
        report(ctx, TRACE__D_DOCUMENT_INVALID, ptr, source, diags, "count", count);
        *errors += rr.errors + 1;
    }
}

void trace__msg_check_document(const trace_ctx *ctx, json_t *doc, const char *ptr,
                               const char *source, trace_diag_list *diags, size_t *errors)
{
    validate_json(ctx, doc, "", ptr, source, diags, errors);
}

void trace__msg_check_events(const trace_ctx *ctx, json_t *events, const char *ptr,
                             const char *source, trace_diag_list *diags, size_t *errors)
{
    /* Wrap the events in a minimal document so they validate like any other. */
    json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:{s:O}}", "@context",
                            "https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                            "type", "EPCISDocument", "schemaVersion", "2.0", "creationDate",
                            "1970-01-01T00:00:00Z", "epcisBody", "eventList", events);
    if (!doc)
        return;
    validate_json(ctx, doc, "/epcisBody/eventList", ptr, source, diags, errors);
    json_decref(doc);
}
