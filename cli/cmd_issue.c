/*
 * cmd_issue.c - `tracectl issue`: issue UTDS trace codes, one per line, in
 * the canonical, URI or grouped form. Codes are made in blocks into one
 * buffer and written with one fwrite per block.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "libtrace/utc.h"

static int cmd_issue(int argc, char **argv, cli_io *io);

CLI_COMMAND(issue) = {
    "issue", cmd_issue, "issue UTDS trace codes (统一追溯码)",
    "issue --node REGION --operator ID --family F --batch B --count N\n"
    "      [--key KEYFILE] [--random] [--start S] [--form canonical|uri|grouped]\n"
    "      [-o FILE]\n"
    "  Write N codes, one per line. REGION: 6-digit GB/T 2260 code of the issuing\n"
    "  node; ID: the operator's USCC or a node-assigned number (1-8 of 0-9 A-Z);\n"
    "  F: product family (see spec/cn/families.tsv); B: batch, 1-6 of 0-9 A-Z.\n"
    "  Serials count from S (default 1), or are random and never repeat with\n"
    "  --random. --key adds the verification segment (see 'keygen --issuer').\n"
    "  Exit status: 0 issued, 2 usage or bad parameter, 3 I/O error.\n"};

#define BLOCK 4096
#define STRIDE (TRACE_UTC_CODE_MAX + 2)

typedef struct issue_opts {
    trace_utc_params p;
    trace_utc_key key;
    unsigned long long count;
    int form; /* 0 canonical, 1 uri, 2 grouped */
    const char *out;
} issue_opts;

static int parse_count(const char *s, unsigned long long *out)
{
    char *end;
    errno = 0;
    *out = strtoull(s, &end, 10);
    return !errno && *s >= '0' && *s <= '9' && !*end;
}

static int parse_opts(int argc, char **argv, cli_io *io, issue_opts *o)
{
    static const struct option opts[] = {
        {"node", required_argument, NULL, 'n'},    {"operator", required_argument, NULL, 'p'},
        {"family", required_argument, NULL, 'f'},  {"batch", required_argument, NULL, 'b'},
        {"count", required_argument, NULL, 'c'},   {"key", required_argument, NULL, 'k'},
        {"random", no_argument, NULL, 'r'},        {"start", required_argument, NULL, 's'},
        {"form", required_argument, NULL, 'F'},    {"output", required_argument, NULL, 'o'},
        CLI_COMMON_LONGOPTS,                       {0, 0, 0, 0}};
    unsigned long long start = 1;
    int c, have_count = 0;
    trace_diag d;
    while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
        int rc;
        switch (c) {
        case 'n': o->p.node = optarg; break;
        case 'p': o->p.operator_id = optarg; break;
        case 'f': o->p.family = optarg; break;
        case 'b': o->p.batch = optarg; break;
        case 'r': o->p.random = 1; break;
        case 'o': o->out = optarg; break;
        case 'c':
            if (!parse_count(optarg, &o->count))
                return cli_usage_error(io, &cli_cmd_issue, "--count takes a number");
            have_count = 1;
            break;
        case 's':
            if (!parse_count(optarg, &start))
                return cli_usage_error(io, &cli_cmd_issue, "--start takes a number");
            break;
        case 'F':
            o->form = !strcmp(optarg, "uri") ? 1 : !strcmp(optarg, "grouped") ? 2 : 0;
            if (o->form == 0 && strcmp(optarg, "canonical"))
                return cli_usage_error(io, &cli_cmd_issue, "--form takes canonical, uri or grouped");
            break;
        case 'k':
            memset(&d, 0, sizeof(d));
            rc = trace_utc_key_load(optarg, &o->key, &d);
            if (rc == TRACE_EIO) {
                cli_error(io, "cannot read key file %s", optarg);
                return CLI_IO;
            }
            if (rc != TRACE_OK) {
                char msg[512];
                trace_diag_message(&d, io->lang, msg, sizeof(msg));
                return cli_usage_error(io, &cli_cmd_issue, "%s: %s", optarg, msg);
            }
            o->p.key = &o->key;
            break;
        default:
            if ((rc = cli_common_opt(c, &cli_cmd_issue, io)) >= 0)
                return rc;
        }
    }
    if (!o->p.node || !o->p.operator_id || !o->p.family || !o->p.batch || !have_count)
        return cli_usage_error(io, &cli_cmd_issue,
                               "needs --node, --operator, --family, --batch and --count");
    if (optind != argc)
        return cli_usage_error(io, &cli_cmd_issue, "unexpected argument '%s'", argv[optind]);
    o->p.first_serial = start;
    return -1;
}

/* Issue and write everything; returns the exit status. */
static int issue_all(cli_io *io, issue_opts *o, trace_utc_issuer *iss, FILE *f)
{
    char *codes = malloc((size_t)BLOCK * STRIDE), *lines = malloc((size_t)BLOCK * 72);
    unsigned long long left = o->count;
    int rc = CLI_OK;
    if (!codes || !lines)
        rc = CLI_INTERNAL;
    while (rc == CLI_OK && left) {
        size_t n = left < BLOCK ? (size_t)left : BLOCK, i, k = 0;
        int st = trace_utc_issue(iss, codes, STRIDE, n);
        if (st != TRACE_OK) {
            cli_error(io, "%s", st == TRACE_ELIMIT ? "serial space exhausted" : "cannot issue");
            rc = st == TRACE_ELIMIT ? CLI_USAGE : CLI_INTERNAL;
            break;
        }
        for (i = 0; i < n; i++) {
            const char *code = codes + i * STRIDE;
            size_t len = strlen(code);
            if (o->form)
                len = trace_utc_format(code, len, o->form == 2, lines + k, 70);
            else
                memcpy(lines + k, code, len);
            k += len;
            lines[k++] = '\n';
        }
        if (fwrite(lines, 1, k, f) != k) {
            cli_error(io, "write error");
            rc = CLI_IO;
        }
        left -= n;
    }
    free(codes);
    free(lines);
    return rc;
}

static int cmd_issue(int argc, char **argv, cli_io *io)
{
    issue_opts o;
    trace_utc_issuer *iss = NULL;
    trace_diag d;
    FILE *f = io->out;
    int rc;
    memset(&o, 0, sizeof(o));
    o.p.version = TRACE_UTC_PARAMS_VERSION;
    if ((rc = parse_opts(argc, argv, io, &o)) >= 0)
        goto done;
    memset(&d, 0, sizeof(d));
    if ((rc = trace_utc_issuer_new(NULL, &o.p, &iss, &d)) != TRACE_OK) {
        char msg[512];
        trace_diag_message(&d, io->lang, msg, sizeof(msg));
        rc = rc == TRACE_EDATA ? cli_usage_error(io, &cli_cmd_issue, "%s", msg) : CLI_INTERNAL;
        goto done;
    }
    if (o.out && strcmp(o.out, "-") && !(f = fopen(o.out, "wb"))) {
        cli_error(io, "cannot create %s", o.out);
        rc = CLI_IO;
        goto done;
    }
    rc = issue_all(io, &o, iss, f);
    if (f != io->out && fclose(f) != 0 && rc == CLI_OK)
        rc = CLI_IO;
done:
    trace_utc_issuer_free(iss);
    memset(&o.key, 0, sizeof(o.key));
    return rc;
}
