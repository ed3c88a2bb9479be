/*
 * msg_schema.c - print the JSON Schema (draft-07) of a message type from
 * the field table, so the published schemas and the native validator can
 * never disagree.
 */
#include <stdio.h>
#include <string.h>

#include "msg_int.h"

static void json_text(FILE *out, const char *s)
{
    trace__buf b;
    trace__buf_init(&b, NULL);
    trace__buf_json_str(&b, s, strlen(s));
    fwrite(b.data, 1, b.len, out);
    trace__buf_free(&b);
}

static void write_node(FILE *out, const char *msg, const trace__msg_field *f, int depth);

/* Members of the object whose table path is prefix. */
static void write_properties(FILE *out, const char *msg, const char *prefix, int depth)
{
    size_t i, n = strlen(prefix);
    int first = 1, any_required = 0;
    fprintf(out, "\"type\":\"object\",\"properties\":{");
    for (i = 0; i < trace__msg_nfields; i++) {
        const trace__msg_field *f = &trace__msg_fields[i];
        const char *name = f->path + (n ? n + 1 : 0);
        if (strcmp(f->msg, msg) || (n && (strncmp(f->path, prefix, n) || f->path[n] != '/')) ||
            strchr(name, '/') || (strlen(name) > 2 && !strcmp(name + strlen(name) - 2, "[]")))
            continue;
        fputs(first ? "" : ",", out);
        first = 0;
        json_text(out, name);
        fputc(':', out);
        write_node(out, msg, f, depth + 1);
        any_required |= f->required;
    }
    fputc('}', out);
    if (any_required) {
        first = 1;
        fputs(",\"required\":[", out);
        for (i = 0; i < trace__msg_nfields; i++) {
            const trace__msg_field *f = &trace__msg_fields[i];
            const char *name = f->path + (n ? n + 1 : 0);
            if (strcmp(f->msg, msg) || !f->required ||
                (n && (strncmp(f->path, prefix, n) || f->path[n] != '/')) || strchr(name, '/') ||
                (strlen(name) > 2 && !strcmp(name + strlen(name) - 2, "[]")))
                continue;
            fputs(first ? "" : ",", out);
            first = 0;
            json_text(out, name);
        }
        fputc(']', out);
    }
    /* Extension members carry a prefix ("ext:note"); others are not allowed. */
    fputs(",\"patternProperties\":{\"^[A-Za-z][A-Za-z0-9_.-]*:\":{}},"
          "\"additionalProperties\":false",
          out);
}

static void write_list_enum(FILE *out, const char *list)
{
    const char *p = list;
    int first = 1;
    fputs("\"enum\":[", out);
    while (*p) {
        char v[128];
        const char *e = strchr(p, '|');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        snprintf(v, sizeof(v), "%.*s", (int)k, p);
        fputs(first ? "" : ",", out);
        first = 0;
        json_text(out, v);
        p = e ? e + 1 : p + k;
    }
    fputc(']', out);
}

static void write_node(FILE *out, const char *msg, const trace__msg_field *f, int depth)
{
    long long lo, hi;
    char item_path[256];
    const trace__msg_field *item;
    fputs("{\"description\":", out);
    json_text(out, f->desc);
    fputc(',', out);
    if (!strcmp(f->type, "object")) {
        write_properties(out, msg, f->path, depth);
        if (!strncmp(f->constraint, "anyof:", 6)) {
            const char *p = f->constraint + 6;
            int first = 1;
            fputs(",\"anyOf\":[", out);
            while (*p) {
                char m[64];
                const char *e = strchr(p, '|');
                size_t k = e ? (size_t)(e - p) : strlen(p);
                snprintf(m, sizeof(m), "%.*s", (int)k, p);
                fprintf(out, "%s{\"required\":[", first ? "" : ",");
                json_text(out, m);
                fputs("]}", out);
                first = 0;
                p = e ? e + 1 : p + k;
            }
            fputc(']', out);
        }
    } else if (!strcmp(f->type, "array")) {
        fputs("\"type\":\"array\"", out);
        if (sscanf(f->constraint, "%lld..%lld", &lo, &hi) == 2)
            fprintf(out, ",\"minItems\":%lld,\"maxItems\":%lld", lo, hi);
        snprintf(item_path, sizeof(item_path), "%s[]", f->path);
        if ((item = trace__msg_row(msg, item_path)) != NULL) {
            fputs(",\"items\":", out);
            write_node(out, msg, item, depth + 1);
        }
    } else if (!strcmp(f->type, "int")) {
        fputs("\"type\":\"integer\"", out);
        if (sscanf(f->constraint, "%lld..%lld", &lo, &hi) == 2)
            fprintf(out, ",\"minimum\":%lld,\"maximum\":%lld", lo, hi);
    } else if (!strcmp(f->type, "const")) {
        fputs("\"const\":", out);
        json_text(out, f->constraint);
    } else if (!strcmp(f->type, "enum")) {
        write_list_enum(out, f->constraint);
    } else if (!strcmp(f->type, "document") || !strcmp(f->type, "event")) {
        fputs("\"type\":\"object\",\"$comment\":\"an EPCIS 2.0 JSON-LD ", out);
        fputs(!strcmp(f->type, "event") ? "event" : "document", out);
        fputs("; see the EPCIS 2.0 JSON Schema\"", out);
    } else {
        fputs("\"type\":\"string\"", out);
        if (!strcmp(f->type, "datetime"))
            fputs(",\"format\":\"date-time\"", out);
        else if (!strcmp(f->type, "uri"))
            fputs(",\"format\":\"uri\"", out);
        else if (!strcmp(f->type, "id")) {
            fputs(",\"$comment\":\"identifier of scheme ", out);
            fputs(f->constraint, out);
            fputs(" (UTDS Part 1)\"", out);
        } else if (strcmp(f->constraint, "-"))
            fprintf(out, ",\"maxLength\":%s", f->constraint);
    }
    fputc('}', out);
}

int trace_msg_schema(trace_msg_type t, FILE *out)
{
    const char *msg = trace_msg_type_name(t);
    if (!msg || !out)
        return TRACE_EINVAL;
    fputs("{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"$id\":"
          "\"https://utds.org.cn/schema/1.0/",
          out);
    fprintf(out, "%s.schema.json\",\"title\":\"UTDS 1.0 %s message\",", msg, msg);
    write_properties(out, msg, "", 0);
    fputs("}\n", out);
    return ferror(out) ? TRACE_EIO : TRACE_OK;
}
