/*
 * cmd_code.c - `tracectl code SUBCOMMAND`: dispatch to the code subcommands
 * (cli/code_*.c, registered with CLI_CODE_COMMAND) and `code schemes`.
 */
#include <string.h>

#include "cli.h"

#define X(id) extern const cli_cmd cli_code_##id;
#include "code_cmds.inc"
#undef X

static const cli_cmd *const subcommands[] = {
#define X(id) &cli_code_##id,
#include "code_cmds.inc"
#undef X
    NULL};

static int cmd_code(int argc, char **argv, cli_io *io);

CLI_COMMAND(code) = {"code", cmd_code, "check, convert and describe trace codes",
                     "code SUBCOMMAND [OPTIONS] [ARGS]\n"
                     "  code schemes [--json]   list the code schemes\n"
                     "  'tracectl code SUBCOMMAND --help' describes the others.\n"};

static int list_schemes(cli_io *io)
{
    size_t i;
    for (i = 0; i < trace_code_scheme_count(); i++) {
        const trace_code_scheme_info *s = trace_code_scheme_at(i);
        if (io->json) {
            fputs("{\"scheme\":", io->out), cli_json_str(io->out, s->name);
            fputs(",\"title\":", io->out);
            cli_json_str(io->out, io->lang == TRACE_LANG_ZH ? s->title_zh : s->title_en);
            fputs(",\"standard\":", io->out), cli_json_str(io->out, s->standard);
            fputs(",\"extent\":", io->out), cli_json_str(io->out, s->extent);
            fputs("}\n", io->out);
        } else {
            fprintf(io->out, "%-18s %s\n", s->name,
                    io->lang == TRACE_LANG_ZH ? s->title_zh : s->title_en);
        }
    }
    return CLI_OK;
}

static void usage(cli_io *io, FILE *out)
{
    size_t i;
    (void)io;
    fprintf(out, "usage: tracectl %s", cli_cmd_code.usage);
    for (i = 0; subcommands[i]; i++)
        fprintf(out, "  code %-10s %s\n", subcommands[i]->name, subcommands[i]->summary);
}

static int cmd_code(int argc, char **argv, cli_io *io)
{
    size_t i;
    int k;
    if (argc < 2) {
        usage(io, io->err);
        return CLI_USAGE;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
        usage(io, io->out);
        return CLI_OK;
    }
    if (!strcmp(argv[1], "schemes")) {
        for (k = 2; k < argc; k++) {
            if (!strcmp(argv[k], "--json"))
                io->json = 1;
            else if (!strcmp(argv[k], "--lang") && k + 1 < argc)
                io->lang = trace_lang_from_name(argv[++k]);
            else
                return cli_usage_error(io, &cli_cmd_code, "schemes: unexpected '%s'",
                                       argv[k]);
        }
        return list_schemes(io);
    }
    for (i = 0; subcommands[i]; i++)
        if (!strcmp(subcommands[i]->name, argv[1])) {
            io->cmd = "code";
            cli_getopt_reset();
            return subcommands[i]->fn(argc - 1, argv + 1, io);
        }
    fprintf(io->err, "tracectl: code: unknown subcommand '%s'\n", argv[1]);
    usage(io, io->err);
    return CLI_USAGE;
}
