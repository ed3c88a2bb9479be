/*
 * code_gs1_out.c - output of the GS1 code subcommands: the JSON object per
 * input (shared shape with `tracectl code check`), diagnostics on stderr,
 * and `tracectl code label` (several scans of one label validated as one).
 */
#include <string.h>

#include "code_gs1.h"

static void json_or_null(FILE *out, const char *s)
{
    if (s)
        cli_json_str(out, s);
    else
        fputs("null", out);
}

static void json_errors(cli_io *io, const trace_code_result *res)
{
    size_t i;
    char msg[1024];
    fputs(",\"errors\":[", io->out);
    for (i = 0; i < res->ndiags; i++) {
        const trace_diag *d = &res->diags[i];
        const char *ai = trace_diag_arg_get(d, "ai");
        trace_diag_message(d, io->lang, msg, sizeof(msg));
        fputs(i ? ",{\"code\":" : "{\"code\":", io->out);
        cli_json_str(io->out, d->id);
        fprintf(io->out, ",\"severity\":\"%s\",\"offset\":%lld,\"length\":%u,\"ai\":",
                trace_severity_name(d->severity), (long long)d->loc.offset,
                d->loc.length);
        json_or_null(io->out, ai);
        if (trace_diag_arg_get(d, "comp"))
            fprintf(io->out, ",\"comp\":%s", trace_diag_arg_get(d, "comp"));
        if (trace_diag_arg_get(d, "scan"))
            fprintf(io->out, ",\"scan\":%s", trace_diag_arg_get(d, "scan"));
        fputs(",\"message\":", io->out);
        cli_json_str(io->out, msg);
        fputc('}', io->out);
    }
    fputc(']', io->out);
}

/* The components of a multi-component element (child fields). */
static void json_components(cli_io *io, const trace_code_result *res, size_t parent)
{
    size_t i;
    int first = 1;
    for (i = parent + 1; i < res->nfields && res->fields[i].parent == (int)parent; i++) {
        const trace_code_field *c = &res->fields[i];
        fputs(first ? ",\"components\":[{\"value\":" : ",{\"value\":", io->out);
        first = 0;
        cli_json_str(io->out, c->value);
        fprintf(io->out, ",\"offset\":%u,\"length\":%u", c->offset, c->length);
        if (c->typed)
            fputs(",\"typed\":", io->out), cli_json_str(io->out, c->typed);
        fputc('}', io->out);
    }
    if (!first)
        fputc(']', io->out);
}

static void json_values(cli_io *io, const trace_code_result *res)
{
    size_t i;
    int first = 1;
    fputs(",\"values\":[", io->out);
    for (i = 0; i < res->nfields; i++) {
        const trace_code_field *f = &res->fields[i];
        if (f->parent != -1)
            continue;
        fputs(first ? "{\"ai\":" : ",{\"ai\":", io->out);
        first = 0;
        cli_json_str(io->out, f->name);
        fputs(",\"title\":", io->out);
        cli_json_str(io->out, io->lang == TRACE_LANG_ZH ? f->title_zh : f->title_en);
        fputs(",\"value\":", io->out);
        cli_json_str(io->out, f->value);
        fprintf(io->out, ",\"offset\":%u,\"length\":%u", f->offset, f->length);
        if (f->typed)
            fputs(",\"typed\":", io->out), cli_json_str(io->out, f->typed);
        if (f->unit)
            fputs(",\"unit\":", io->out), cli_json_str(io->out, f->unit);
        if (f->flags & TRACE_CODE_FIELD_CC)
            fputs(",\"cc\":true", io->out); /* in the 2D component of a composite */
        json_components(io, res, i);
        fputc('}', io->out);
    }
    fputc(']', io->out);
}

void cli_gs1_json(cli_io *io, const char *in, const trace_code_result *res,
                  const char *output, uint64_t omitted)
{
    size_t i, k = 0;
    fputs("{\"input\":", io->out);
    json_or_null(io->out, in);
    fprintf(io->out, ",\"valid\":%s,\"scheme\":", res->valid ? "true" : "false");
    json_or_null(io->out, res->scheme);
    fputs(",\"elements\":", io->out);
    json_or_null(io->out, res->canonical);
    fputs(",\"dl\":", io->out);
    json_or_null(io->out, res->uri);
    if (in) {
        fputs(",\"output\":", io->out);
        json_or_null(io->out, output);
    }
    if (omitted) {
        fputs(",\"omitted\":[", io->out);
        for (i = 0; i < res->nfields; i++) {
            if (res->fields[i].parent != -1 || !res->fields[i].name[0] ||
                res->fields[i].name[0] < '0' || res->fields[i].name[0] > '9')
                continue;
            if (k < 64 && (omitted >> k) & 1u) {
                fputs(omitted & (((uint64_t)1 << k) - 1) ? "," : "", io->out);
                cli_json_str(io->out, res->fields[i].name);
            }
            k++;
        }
        fputc(']', io->out);
    }
    json_errors(io, res);
    json_values(io, res);
    fputs("}\n", io->out);
}

void cli_gs1_diags(cli_io *io, const char *in, const trace_code_result *res, int rc,
                   uint64_t omitted)
{
    size_t i;
    for (i = 0; i < res->ndiags; i++) {
        fprintf(io->err, "%s: ", in);
        cli_print_diag(io, &res->diags[i]);
    }
    if (res->valid && rc == TRACE_ENOTFOUND)
        fprintf(io->err, "%s: the GS1 Company Prefix length is unknown (use --gcp)\n",
                in);
    else if (res->valid && rc != TRACE_OK)
        fprintf(io->err, "%s: cannot be written in this form\n", in);
    if (omitted)
        fprintf(io->err, "%s: some AIs cannot be in a Digital Link and were left out\n",
                in);
}

static int cmd_label(int argc, char **argv, cli_io *io);

CLI_CODE_COMMAND(label) = {
    "label", cmd_label, "validate the barcodes of one label together",
    "code label [--json] [--lang en|zh] SCAN...\n"
    "  Parse every SCAN (any GS1 form) and validate them as one label: the\n"
    "  requisite and exclusive AI rules apply to the union, and an AI carried\n"
    "  with different values by two barcodes is reported.\n"
    "  Exit status: 0 valid, 1 invalid, 2 usage.\n"};

static int cmd_label(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static trace_code_result res;
    const char *scans[255];
    size_t lens[255], n = 0;
    int opt, rc, i;
    while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1)
        if ((rc = cli_common_opt(opt, &cli_code_label, io)) >= 0)
            return rc;
    for (i = optind; i < argc && n < 255; i++) {
        scans[n] = argv[i];
        lens[n++] = strlen(argv[i]);
    }
    if (n == 0)
        return cli_usage_error(io, &cli_code_label, "needs at least one SCAN");
    if (trace_gs1_label(NULL, scans, lens, n, 0, &res) != TRACE_OK)
        return CLI_INTERNAL;
    if (io->json) {
        cli_gs1_json(io, NULL, &res, NULL, 0);
    } else {
        fprintf(io->out, "%s\n", res.canonical ? res.canonical : "invalid");
        if (!io->quiet)
            cli_gs1_diags(io, "label", &res, TRACE_OK, 0);
    }
    return res.valid ? CLI_OK : CLI_FINDINGS;
}
