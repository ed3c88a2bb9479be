/*
 * cmd_explain.c - `tracectl explain CODE...`: print error catalogue entries.
 */
#include <string.h>

#include "cli.h"

static int cmd_explain(int argc, char **argv, cli_io *io);

CLI_COMMAND(explain) = {
    "explain", cmd_explain, "describe a diagnostic code",
    "explain [--json] CODE...\n"
    "       explain --list [--json]\n"
    "  Print the catalogue entry of each diagnostic code (e.g. TR-CHK-0001):\n"
    "  severity, name, English and Chinese message, explanation.\n"
    "  --list  print every entry\n"};

static void print_entry(cli_io *io, const trace_catalogue_entry *e)
{
    if (io->json) {
        fputs("{\"code\":", io->out), cli_json_str(io->out, e->id);
        fprintf(io->out, ",\"number\":%d,\"severity\":\"%s\",\"name\":", e->code,
                trace_severity_name(e->severity));
        cli_json_str(io->out, e->name);
        fputs(",\"en\":", io->out), cli_json_str(io->out, e->en);
        fputs(",\"zh\":", io->out), cli_json_str(io->out, e->zh);
        fputs(",\"explain\":", io->out), cli_json_str(io->out, e->explain);
        fputs("}\n", io->out);
        return;
    }
    fprintf(io->out, "%s (%s, %s)\n  en: %s\n  zh: %s\n  %s\n", e->id, e->name,
            trace_severity_name(e->severity), e->en, e->zh, e->explain);
}

static int cmd_explain(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {
        {"list", no_argument, NULL, 'l'}, CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int c, list = 0, bad = 0, i;
    while ((c = getopt_long(argc, argv, "lq", opts, NULL)) != -1) {
        int rc;
        if (c == 'l') {
            list = 1;
            continue;
        }
        if ((rc = cli_common_opt(c, &cli_cmd_explain, io)) >= 0)
            return rc;
    }
    if (list) {
        size_t k;
        for (k = 0; k < trace_catalogue_count(); k++)
            print_entry(io, trace_catalogue_at(k));
        return CLI_OK;
    }
    if (optind >= argc)
        return cli_usage_error(io, &cli_cmd_explain, "needs a CODE");
    for (i = optind; i < argc; i++) {
        const trace_catalogue_entry *e = trace_catalogue_find(argv[i]);
        if (!e) {
            cli_error(io, "unknown code '%s'", argv[i]);
            bad = 1;
            continue;
        }
        print_entry(io, e);
    }
    return bad ? CLI_FINDINGS : CLI_OK;
}
