/*
 * main.c - tracectl: the command table, dispatch, and helpers every command
 * uses. Commands live one per file (cli/cmd_*.c) and only parse options,
 * open I/O, call libtrace and print.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define X(id) extern const cli_cmd cli_cmd_##id;
#include "cli_cmds.inc"
#undef X

static const cli_cmd *const commands[] = {
#define X(id) &cli_cmd_##id,
#include "cli_cmds.inc"
#undef X
    NULL};

const cli_cmd *cli_find(const char *name)
{
    size_t i;
    for (i = 0; name && commands[i]; i++)
        if (strcmp(commands[i]->name, name) == 0)
            return commands[i];
    return NULL;
}

void cli_getopt_reset(void)
{
    optind = 0; /* glibc: 0 fully reinitialises getopt's internal state */
    opterr = 0; /* we print our own messages, to io->err */
}

void cli_error(cli_io *io, const char *fmt, ...)
{
    va_list ap;
    fprintf(io->err, "tracectl: ");
    if (io->cmd)
        fprintf(io->err, "%s: ", io->cmd);
    va_start(ap, fmt);
    vfprintf(io->err, fmt, ap);
    va_end(ap);
    fputc('\n', io->err);
}

int cli_usage_error(cli_io *io, const cli_cmd *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(io->err, "tracectl: %s: ", cmd->name);
    va_start(ap, fmt);
    vfprintf(io->err, fmt, ap);
    va_end(ap);
    fprintf(io->err, "\nusage: tracectl %s\n", cmd->usage);
    return CLI_USAGE;
}

int cli_common_opt(int opt, const cli_cmd *cmd, cli_io *io)
{
    switch (opt) {
    case CLI_OPT_JSON:
        io->json = 1;
        return -1;
    case CLI_OPT_LANG:
        if (strcmp(optarg, "en") && strcmp(optarg, "zh"))
            return cli_usage_error(io, cmd, "--lang takes en or zh, not '%s'", optarg);
        io->lang = trace_lang_from_name(optarg);
        return -1;
    case 'q':
        io->quiet = 1;
        return -1;
    case CLI_OPT_HELP:
        fprintf(io->out, "usage: tracectl %s\n", cmd->usage);
        return CLI_OK;
    case ':':
        return cli_usage_error(io, cmd, "option needs a value");
    default:
        return cli_usage_error(io, cmd, "unknown option");
    }
}

void cli_json_str(FILE *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    fputc('"', out);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fputc('\\', out), fputc(c, out);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c == '\r')
            fputs("\\r", out);
        else if (c < 0x20)
            fprintf(out, "\\u00%c%c", hex[c >> 4], hex[c & 15]);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

void cli_print_diag(cli_io *io, const trace_diag *d)
{
    char msg[1024];
    const trace_loc *l = &d->loc;
    trace_diag_message(d, io->lang, msg, sizeof(msg));
    if (io->json) {
        fputs("{\"code\":", io->out);
        cli_json_str(io->out, d->id);
        fprintf(io->out, ",\"severity\":\"%s\"", trace_severity_name(d->severity));
        if (l->source[0])
            fputs(",\"file\":", io->out), cli_json_str(io->out, l->source);
        if (l->line)
            fprintf(io->out, ",\"line\":%u,\"column\":%u", l->line, l->column);
        if (l->offset >= 0)
            fprintf(io->out, ",\"offset\":%lld,\"length\":%u", (long long)l->offset, l->length);
        if (l->record >= 0)
            fprintf(io->out, ",\"record\":%lld", (long long)l->record);
        if (l->path[0])
            fputs(",\"path\":", io->out), cli_json_str(io->out, l->path);
        fputs(",\"message\":", io->out);
        cli_json_str(io->out, msg);
        fputs("}\n", io->out);
        return;
    }
    if (l->source[0])
        fprintf(io->err, "%s:", l->source);
    if (l->line && l->column)
        fprintf(io->err, "%u:%u:", l->line, l->column);
    else if (l->line) /* libxml2's stream reader gives lines only */
        fprintf(io->err, "%u:", l->line);
    else if (l->offset >= 0)
        fprintf(io->err, "@%lld:", (long long)l->offset);
    if (l->record >= 0)
        fprintf(io->err, " record %lld:", (long long)l->record);
    if (l->path[0])
        fprintf(io->err, " %s:", l->path);
    fprintf(io->err, "%s%s: %s: %s\n", (l->source[0] || l->line || l->offset >= 0 ||
                                        l->record >= 0 || l->path[0]) ? " " : "",
            d->id, trace_severity_name(d->severity), msg);
}

int cli_exit_from_status(int status)
{
    switch (status) {
    case TRACE_OK:
    case TRACE_EOF:
        return CLI_OK;
    case TRACE_EIO:
        return CLI_IO;
    case TRACE_EDATA:
    case TRACE_ELIMIT:
    case TRACE_EVERIFY:
        return CLI_FINDINGS;
    case TRACE_EINVAL:
    case TRACE_ENOTFOUND:
        return CLI_USAGE;
    default:
        return CLI_INTERNAL;
    }
}

static void list_commands(FILE *out)
{
    size_t i;
    fprintf(out, "usage: tracectl COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
    for (i = 0; commands[i]; i++)
        fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "\n'tracectl COMMAND --help' describes a command; see tracectl(1).\n");
}

int cli_dispatch(int argc, char **argv, cli_io *io)
{
    const cli_cmd *cmd;
    if (argc < 1)
        return CLI_USAGE;
    if (!strcmp(argv[0], "help")) {
        if (argc < 2) {
            list_commands(io->out);
            return CLI_OK;
        }
        if (!(cmd = cli_find(argv[1]))) {
            fprintf(io->err, "tracectl: unknown command '%s'\n", argv[1]);
            return CLI_USAGE;
        }
        fprintf(io->out, "usage: tracectl %s\n", cmd->usage);
        return CLI_OK;
    }
    if (!(cmd = cli_find(argv[0]))) {
        fprintf(io->err, "tracectl: unknown command '%s'\n", argv[0]);
        list_commands(io->err);
        return CLI_USAGE;
    }
    io->cmd = cmd->name;
    cli_getopt_reset();
    return cmd->fn(argc, argv, io);
}

/* Options given before the command apply to it as if given after it:
 * tracectl [--lang en|zh] [--json] [-q] COMMAND ... Returns the index of the
 * command word, or -1 after a usage error. */
static int global_options(int argc, char **argv, cli_io *io)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *a = argv[i], *v = NULL;
        if (!strcmp(a, "--json"))
            io->json = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet"))
            io->quiet = 1;
        else if (!strcmp(a, "--lang") && i + 1 < argc)
            v = argv[++i];
        else if (!strncmp(a, "--lang=", 7))
            v = a + 7;
        else
            break; /* --help, --version or the command's business */
        if (v && strcmp(v, "en") && strcmp(v, "zh")) {
            fprintf(io->err, "tracectl: --lang takes en or zh, not '%s'\n", v);
            return -1;
        }
        if (v)
            io->lang = trace_lang_from_name(v);
    }
    return i;
}

int main(int argc, char **argv)
{
    static char version_cmd[] = "version", help_cmd[] = "help";
    cli_io io;
    const char *lang = getenv("LC_ALL");
    int rc, argi;
    memset(&io, 0, sizeof(io));
    io.in = stdin, io.out = stdout, io.err = stderr;
    if (!lang || !*lang)
        lang = getenv("LC_MESSAGES");
    if (!lang || !*lang)
        lang = getenv("LANG");
    io.lang = trace_lang_from_name(lang);
    io.is_tty = isatty(STDERR_FILENO);
    if ((argi = global_options(argc, argv, &io)) < 0)
        return CLI_USAGE;
    if (argi >= argc) {
        list_commands(stderr);
        return CLI_USAGE;
    }
    if (!strcmp(argv[argi], "--version") || !strcmp(argv[argi], "-V"))
        argv[argi] = version_cmd;
    else if (!strcmp(argv[argi], "--help") || !strcmp(argv[argi], "-h"))
        argv[argi] = help_cmd;
    rc = cli_dispatch(argc - argi, argv + argi, &io);
    if (fflush(stdout) != 0 && rc == CLI_OK)
        rc = CLI_IO;
    return rc;
}
