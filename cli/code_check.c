/*
 * code_check.c - `tracectl code check`: parse and validate codes of any
 * scheme (labelled with --scheme, or detected), print the result as text or
 * one JSON object per input, and verify UTDS trace code MACs with --key.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "libtrace/utc.h"

#define MAX_KEYS 8
#define MAX_CANDIDATES 16

static int cmd_code_check(int argc, char **argv, cli_io *io);

CLI_CODE_COMMAND(check) = {
    "check", cmd_code_check, "validate codes of any scheme (detected or --scheme)",
    "code check [--scheme S] [--json] [--lenient] [--key KEYFILE]... [--lang en|zh] CODE...|-\n"
    "  Parse and validate each CODE ('-': one per line from standard input).\n"
    "  Without --scheme the scheme is detected; --json adds the ranked candidates.\n"
    "  --lenient   report secondary checks as warnings (e.g. USCC organisation code)\n"
    "  --key FILE  UTDS issuer key: verify the MAC of UTDS trace codes (repeatable)\n"
    "  Exit status: 0 all valid, 1 any invalid, 2 usage, 3 key file unreadable.\n"};

typedef struct check_opts {
    const char *scheme;
    unsigned flags;
    trace_utc_key keys[MAX_KEYS];
    size_t nkeys;
    trace_ctx *ctx;
    trace_code_result res; /* reused for every input */
} check_opts;

static const char *title(const cli_io *io, const char *en, const char *zh)
{
    return io->lang == TRACE_LANG_ZH && zh && zh[0] ? zh : en;
}

static void json_opt_str(FILE *out, const char *key, const char *v)
{
    fprintf(out, ",\"%s\":", key);
    if (v)
        cli_json_str(out, v);
    else
        fputs("null", out);
}

static void json_errors(cli_io *io, const trace_code_result *r)
{
    size_t i;
    fputs(",\"errors\":[", io->out);
    for (i = 0; i < r->ndiags; i++) {
        const trace_diag *d = &r->diags[i];
        const char *ai = trace_diag_arg_get(d, "ai");
        char msg[1024];
        trace_diag_message(d, io->lang, msg, sizeof(msg));
        fputs(i ? ",{\"code\":" : "{\"code\":", io->out);
        cli_json_str(io->out, d->id);
        fprintf(io->out, ",\"offset\":%lld,\"length\":%u", (long long)d->loc.offset,
                d->loc.length);
        if (ai)
            fputs(",\"ai\":", io->out), cli_json_str(io->out, ai);
        fputs(",\"message\":", io->out);
        cli_json_str(io->out, msg);
        fputc('}', io->out);
    }
    fputc(']', io->out);
}

static void json_values(cli_io *io, const trace_code_result *r)
{
    size_t i;
    fputs(",\"values\":[", io->out);
    for (i = 0; i < r->nfields; i++) {
        const trace_code_field *f = &r->fields[i];
        fputs(i ? ",{\"name\":" : "{\"name\":", io->out);
        cli_json_str(io->out, f->name);
        fputs(",\"title\":", io->out);
        cli_json_str(io->out, title(io, f->title_en, f->title_zh));
        fputs(",\"value\":", io->out);
        cli_json_str(io->out, f->value);
        if (f->typed)
            fputs(",\"typed\":", io->out), cli_json_str(io->out, f->typed);
        if (f->unit)
            fputs(",\"unit\":", io->out), cli_json_str(io->out, f->unit);
        fprintf(io->out, ",\"offset\":%u,\"length\":%u}", f->offset, f->length);
    }
    fputc(']', io->out);
}

static void print_json(cli_io *io, const char *input, const trace_code_result *r,
                       const trace_code_candidate *cand, size_t ncand, int detected)
{
    size_t i;
    fputs("{\"input\":", io->out);
    cli_json_str(io->out, input);
    fprintf(io->out, ",\"valid\":%s", r->valid ? "true" : "false");
    json_opt_str(io->out, "scheme", r->scheme);
    json_opt_str(io->out, "canonical", r->canonical);
    json_opt_str(io->out, "uri", r->uri);
    if (r->scheme && (!strcmp(r->scheme, "gs1") || !strcmp(r->scheme, "gs1-dl"))) {
        json_opt_str(io->out, "elements", r->canonical);
        json_opt_str(io->out, "dl", r->uri);
    }
    json_errors(io, r);
    json_values(io, r);
    json_opt_str(io->out, "checks", r->checks);
    if (detected) {
        fputs(",\"candidates\":[", io->out);
        for (i = 0; i < ncand; i++) {
            fputs(i ? ",{\"scheme\":" : "{\"scheme\":", io->out);
            cli_json_str(io->out, cand[i].scheme);
            fprintf(io->out, ",\"score\":%d,\"reason\":", cand[i].score);
            cli_json_str(io->out, cand[i].reason);
            fputc('}', io->out);
        }
        fputc(']', io->out);
    }
    fputs("}\n", io->out);
}

static void print_text(cli_io *io, const char *input, const trace_code_result *r,
                       const trace_code_candidate *cand, size_t ncand)
{
    size_t i;
    fprintf(io->out, "%s: %s", input, r->valid ? "valid" : "invalid");
    if (r->scheme)
        fprintf(io->out, " %s", r->scheme);
    if (r->canonical && strcmp(r->canonical, input))
        fprintf(io->out, " %s", r->canonical);
    fputc('\n', io->out);
    for (i = 1; i < ncand; i++)
        fprintf(io->out, "  also %s: %s\n", cand[i].scheme, cand[i].reason);
    if (!io->quiet) {
        for (i = 0; i < r->nfields; i++) {
            const trace_code_field *f = &r->fields[i];
            fprintf(io->out, "  %-14s %s%s%s%s\n", f->name, f->value, f->typed ? " (" : "",
                    f->typed ? f->typed : "", f->typed ? ")" : "");
        }
        if (r->checks)
            fprintf(io->out, "  not checked: %s\n", r->checks);
    }
    for (i = 0; i < r->ndiags; i++)
        cli_print_diag(io, &r->diags[i]);
}

/* Check one input; returns 1 when invalid. */
static int check_one(cli_io *io, check_opts *o, const char *input)
{
    trace_code_candidate cand[MAX_CANDIDATES];
    size_t ncand = 0, len = strlen(input);
    const char *scheme = o->scheme;
    int detected = !scheme;
    trace_code_result *r = &o->res;
    if (detected) {
        trace_code_detect(o->ctx, input, len, cand, MAX_CANDIDATES, &ncand);
        if (ncand)
            scheme = cand[0].scheme;
    }
    if (scheme && !strcmp(scheme, "utds"))
        trace_utc_verify(o->ctx, input, len, o->keys, o->nkeys, o->flags, r);
    else
        trace_code_parse(o->ctx, scheme, input, len, o->flags, r);
    if (io->json) {
        /* the JSON object carries the diagnostics; keep them off stderr */
        print_json(io, input, r, cand, ncand, detected);
    } else {
        print_text(io, input, r, cand, ncand);
    }
    return !r->valid;
}

static int load_key(cli_io *io, check_opts *o, const char *path)
{
    trace_diag d;
    int rc;
    if (o->nkeys == MAX_KEYS)
        return cli_usage_error(io, &cli_code_check, "at most %d --key options", MAX_KEYS);
    memset(&d, 0, sizeof(d));
    rc = trace_utc_key_load(path, &o->keys[o->nkeys], &d);
    if (rc == TRACE_EIO) {
        cli_error(io, "cannot read key file %s", path);
        return CLI_IO;
    }
    if (rc != TRACE_OK) {
        char msg[512];
        trace_diag_message(&d, io->lang, msg, sizeof(msg));
        cli_error(io, "%s: %s", path, msg);
        return CLI_USAGE;
    }
    o->nkeys++;
    return -1;
}

static int run_inputs(cli_io *io, check_opts *o, int argc, char **argv)
{
    int i, bad = 0;
    for (i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0) {
            char line[8192];
            while (fgets(line, sizeof(line), io->in)) {
                line[strcspn(line, "\r\n")] = '\0';
                if (line[0])
                    bad |= check_one(io, o, line);
            }
        } else {
            bad |= check_one(io, o, argv[i]);
        }
    }
    return bad ? CLI_FINDINGS : CLI_OK;
}

/* Parse the options into o; -1 to go on, else the exit status. */
static int parse_opts(int argc, char **argv, cli_io *io, check_opts *o)
{
    static const struct option opts[] = {{"scheme", required_argument, NULL, 's'},
                                          {"lenient", no_argument, NULL, 'l'},
                                          {"key", required_argument, NULL, 'k'},
                                          CLI_COMMON_LONGOPTS,
                                          {0, 0, 0, 0}};
    int c, r;
    while ((c = getopt_long(argc, argv, "s:lk:q", opts, NULL)) != -1) {
        r = -1;
        if (c == 's')
            o->scheme = optarg;
        else if (c == 'l')
            o->flags |= TRACE_CODE_LENIENT;
        else if (c == 'k')
            r = load_key(io, o, optarg);
        else
            r = cli_common_opt(c, &cli_code_check, io);
        if (r >= 0)
            return r;
    }
    if (o->scheme && !trace_code_scheme_find(o->scheme))
        return cli_usage_error(io, &cli_code_check,
                               "unknown scheme '%s' (see 'tracectl code schemes')", o->scheme);
    if (optind >= argc)
        return cli_usage_error(io, &cli_code_check, "needs at least one CODE or '-'");
    return -1;
}

static int cmd_code_check(int argc, char **argv, cli_io *io)
{
    trace_ctx_options copts = TRACE_CTX_OPTIONS_INIT;
    check_opts *o;
    int rc;
    if (!(o = calloc(1, sizeof(*o))))
        return CLI_INTERNAL;
    rc = parse_opts(argc, argv, io, o);
    if (rc < 0) {
        copts.lang = io->lang;
        if (trace_ctx_new(&o->ctx, &copts) != TRACE_OK) {
            rc = CLI_INTERNAL;
        } else {
            rc = run_inputs(io, o, argc - optind, argv + optind);
            trace_ctx_free(o->ctx);
        }
    }
    memset(o->keys, 0, sizeof(o->keys)); /* keys are secrets: do not leave them in the heap */
    free(o);
    return rc;
}
