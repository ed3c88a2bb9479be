/*
 * cmd_msg.c - `tracectl msg`: UTDS Part 4 interface messages: validate
 * messages, print their JSON Schemas, answer a submit with a receipt.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static int cmd_msg(int argc, char **argv, cli_io *io);

CLI_COMMAND(msg) = {
    "msg", cmd_msg, "validate interface messages, print schemas, make receipts",
    "msg validate [--json] [--lang en|zh] FILE...|-\n"
    "       msg schema TYPE\n"
    "       msg types\n"
    "       msg receipt [--message-id URI] [--created TIME] FILE|-\n"
    "  UTDS Part 4 messages: submit, receipt, query, query-result, recall.\n"
    "  validate  check messages (and embedded documents) against spec/msg/fields.tsv\n"
    "  schema    print the JSON Schema (draft-07) of a message type\n"
    "  types     list the message types\n"
    "  receipt   validate a submit message and print the receipt a platform returns\n"
    "  Exit status: 0 valid, 1 problems found, 2 usage, 3 I/O.\n"};

/* Read a whole file ("-" = the command's input) into memory. */
static char *slurp(cli_io *io, const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "rb") : io->in;
    char *buf = NULL;
    size_t cap = 0, n = 0, k;
    if (!f) {
        cli_error(io, "cannot open %s", path);
        return NULL;
    }
    do {
        if (n + 65536 > cap) {
            char *p = realloc(buf, cap = cap ? cap * 2 : 65536 * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = p;
        }
        k = fread(buf + n, 1, cap - n, f);
        n += k;
    } while (k > 0);
    if (f != io->in)
        fclose(f);
    *len = n;
    return buf;
}

static void print_diag(const trace_diag *d, void *payload)
{
    cli_io *io = payload, copy = *io;
    copy.err = io->out; /* diagnostics are this command's output */
    cli_print_diag(&copy, d);
}

static int do_validate(int argc, char **argv, cli_io *io, const trace_ctx *ctx)
{
    int i, worst = CLI_OK;
    for (i = 0; i < argc; i++) {
        trace_diag_list *diags = NULL;
        trace_msg_type t;
        size_t len;
        char *buf = slurp(io, argv[i], &len);
        int rc;
        if (!buf) {
            worst = CLI_IO;
            continue;
        }
        if (trace_diag_list_new(&diags, 0, NULL) != TRACE_OK) {
            free(buf);
            return CLI_INTERNAL;
        }
        trace_diag_list_set_callback(diags, print_diag, io, 0);
        rc = trace_msg_validate(ctx, buf, len, argv[i], diags, &t);
        if (io->json) {
            fputs("{\"summary\":{\"file\":", io->out);
            cli_json_str(io->out, argv[i]);
            fprintf(io->out, ",\"message\":\"%s\",\"valid\":%s,\"errors\":%zu,\"warnings\":%zu}}\n",
                    t ? trace_msg_type_name(t) : "unknown", rc == TRACE_OK ? "true" : "false",
                    trace_diag_list_count_severity(diags, TRACE_SEV_ERROR),
                    trace_diag_list_count_severity(diags, TRACE_SEV_WARNING) -
                        trace_diag_list_count_severity(diags, TRACE_SEV_ERROR));
        } else {
            fprintf(io->out, "%s: %s message: %s\n", argv[i],
                    t ? trace_msg_type_name(t) : "unknown", rc == TRACE_OK ? "valid" : "INVALID");
        }
        if (rc != TRACE_OK && worst == CLI_OK)
            worst = CLI_FINDINGS;
        trace_diag_list_free(diags);
        free(buf);
    }
    return worst;
}

static int do_receipt(int argc, char **argv, cli_io *io, const trace_ctx *ctx,
                      const char *message_id, const char *created)
{
    char now[32], *buf;
    size_t len;
    int rc;
    if (argc != 1)
        return cli_usage_error(io, &cli_cmd_msg, "receipt takes one FILE");
    if (!created) {
        time_t t = time(NULL);
        strftime(now, sizeof(now), "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        created = now;
    }
    if (!(buf = slurp(io, argv[0], &len)))
        return CLI_IO;
    rc = trace_msg_receipt(ctx, buf, len, argv[0], message_id, created, io->out);
    free(buf);
    return cli_exit_from_status(rc);
}

static int cmd_msg(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"message-id", required_argument, NULL, 'm'},
                                         {"created", required_argument, NULL, 'c'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    const char *sub, *message_id = "urn:uuid:00000000-0000-4000-8000-000000000000",
                     *created = NULL;
    trace_ctx *ctx;
    trace_msg_type t;
    int c, rc;
    if (argc < 2)
        return cli_usage_error(io, &cli_cmd_msg, "needs a subcommand");
    sub = argv[1];
    argc--, argv++;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        if (c == 'm')
            message_id = optarg;
        else if (c == 'c')
            created = optarg;
        else if ((rc = cli_common_opt(c, &cli_cmd_msg, io)) >= 0)
            return rc;
    }
    if (!strcmp(sub, "types")) {
        for (t = TRACE_MSG_SUBMIT; t <= TRACE_MSG_RECALL; t++)
            fprintf(io->out, "%s\n", trace_msg_type_name(t));
        return CLI_OK;
    }
    if (!strcmp(sub, "schema")) {
        if (optind >= argc || trace_msg_type_from_name(argv[optind], &t) != TRACE_OK)
            return cli_usage_error(io, &cli_cmd_msg, "schema needs a TYPE (see 'msg types')");
        return trace_msg_schema(t, io->out) == TRACE_OK ? CLI_OK : CLI_IO;
    }
    if (strcmp(sub, "validate") && strcmp(sub, "receipt"))
        return cli_usage_error(io, &cli_cmd_msg, "unknown subcommand '%s'", sub);
    if (optind >= argc)
        return cli_usage_error(io, &cli_cmd_msg, "%s needs a FILE", sub);
    co.lang = io->lang;
    if (trace_ctx_new(&ctx, &co) != TRACE_OK)
        return CLI_INTERNAL;
    if (!strcmp(sub, "validate"))
        rc = do_validate(argc - optind, argv + optind, io, ctx);
    else
        rc = do_receipt(argc - optind, argv + optind, io, ctx, message_id, created);
    trace_ctx_free(ctx);
    return rc;
}
