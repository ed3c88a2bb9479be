/*
 * code_show.c - `tracectl code show SCHEME`: a scheme's structure, standard,
 * extent of checking and a worked example parsed field by field.
 */
#include <string.h>

#include "cli.h"

static int cmd_code_show(int argc, char **argv, cli_io *io);

CLI_CODE_COMMAND(show) = {
    "show", cmd_code_show, "describe a scheme with a worked example",
    "code show [--json] [--lang en|zh] SCHEME\n"
    "  Print the structure, standard and extent of checking of SCHEME and parse\n"
    "  its worked example field by field. 'tracectl code schemes' lists SCHEMEs.\n"};

static void show_json(cli_io *io, const trace_code_scheme_info *s, const trace_code_result *r)
{
    size_t i;
    int zh = io->lang == TRACE_LANG_ZH;
    fputs("{\"scheme\":", io->out), cli_json_str(io->out, s->name);
    fputs(",\"title\":", io->out), cli_json_str(io->out, zh ? s->title_zh : s->title_en);
    fputs(",\"standard\":", io->out), cli_json_str(io->out, s->standard);
    fputs(",\"structure\":", io->out), cli_json_str(io->out, s->structure);
    fputs(",\"extent\":", io->out), cli_json_str(io->out, s->extent);
    fputs(",\"example\":", io->out), cli_json_str(io->out, s->example);
    fputs(",\"uri\":", io->out);
    if (r->uri)
        cli_json_str(io->out, r->uri);
    else
        fputs("null", io->out);
    fputs(",\"values\":[", io->out);
    for (i = 0; i < r->nfields; i++) {
        const trace_code_field *f = &r->fields[i];
        fputs(i ? ",{\"name\":" : "{\"name\":", io->out);
        cli_json_str(io->out, f->name);
        fputs(",\"title\":", io->out);
        cli_json_str(io->out, zh && f->title_zh[0] ? f->title_zh : f->title_en);
        fputs(",\"value\":", io->out), cli_json_str(io->out, f->value);
        fprintf(io->out, ",\"offset\":%u,\"length\":%u}", f->offset, f->length);
    }
    fputs("]}\n", io->out);
}

static void show_text(cli_io *io, const trace_code_scheme_info *s, const trace_code_result *r)
{
    size_t i;
    int zh = io->lang == TRACE_LANG_ZH;
    fprintf(io->out, "%s: %s (%s)\n", s->name, zh ? s->title_zh : s->title_en,
            zh ? s->title_en : s->title_zh);
    fprintf(io->out, "standard:  %s\n", s->standard[0] ? s->standard : "-");
    fprintf(io->out, "structure: %s\n", s->structure);
    fprintf(io->out, "checked:   %s\n", s->extent);
    fprintf(io->out, "example:   %s\n", s->example);
    if (r->uri)
        fprintf(io->out, "uri:       %s\n", r->uri);
    for (i = 0; i < r->nfields; i++) {
        const trace_code_field *f = &r->fields[i];
        fprintf(io->out, "  %3u+%-3u %-16s %-22s %s\n", f->offset, f->length, f->name, f->value,
                zh && f->title_zh[0] ? f->title_zh : f->title_en);
    }
}

static int cmd_code_show(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    static trace_code_result res; /* the CLI runs one command at a time */
    const trace_code_scheme_info *s;
    int c;
    while ((c = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        int rc = cli_common_opt(c, &cli_code_show, io);
        if (rc >= 0)
            return rc;
    }
    if (optind + 1 != argc)
        return cli_usage_error(io, &cli_code_show, "needs exactly one SCHEME");
    if (!(s = trace_code_scheme_find(argv[optind])))
        return cli_usage_error(io, &cli_code_show,
                               "unknown scheme '%s' (see 'tracectl code schemes')", argv[optind]);
    if (trace_code_parse(NULL, s->name, s->example, strlen(s->example), 0, &res) != TRACE_OK)
        return CLI_INTERNAL;
    if (io->json)
        show_json(io, s, &res);
    else
        show_text(io, s, &res);
    return res.valid ? CLI_OK : CLI_INTERNAL; /* a scheme's own example must be valid */
}
