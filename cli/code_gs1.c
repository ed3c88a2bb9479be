/*
 * code_gs1.c - `tracectl code dl|hri|scan|epc|label`: convert GS1 identifiers
 * between their forms (element string, Digital Link, HRI, scan data, EPC URN)
 * and validate a whole label. Each input (argument, or one per stdin line with
 * '-' or no argument) gives one output line, or with --json one JSON object;
 * exit 0 when every input converted, 1 when any did not, 2 on usage errors.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "code_gs1.h"

typedef struct gs1_opts {
    const char *stem;
    int partial, titles, caret, gcp, compress;
    unsigned dlc; /* TRACE_GS1_DLC_* with --compress */
    trace_gs1_form scan_form;
} gs1_opts;

static const char *scheme_for(const char *in)
{
    if (!strncmp(in, "urn:epc:", 8))
        return "epc";
    if (!strncmp(in, "http://", 7) || !strncmp(in, "https://", 8) ||
        !strncmp(in, "HTTP://", 7) || !strncmp(in, "HTTPS://", 8))
        return "gs1-dl";
    return "gs1";
}

/* Print text with FNC1 (GS) as '^' when asked (scan data on a terminal). */
static void put_text(FILE *out, const char *s, int caret)
{
    for (; *s; s++)
        fputc(caret && *s == '\x1d' ? '^' : *s, out);
}

static int convert(const cli_gs1_cmd *c, const gs1_opts *o, const char *in,
                   const trace_code_result *res, char *out, size_t size, uint64_t *omitted,
                   cli_io *io)
{
    trace_gs1_form form = c->form;
    if (form == TRACE_GS1_DL && o->compress) /* code_gs1_dlc.c */
        return cli_gs1_dlc(in, res, o->stem, o->dlc, out, size);
    if (form == TRACE_GS1_DL && o->partial)
        form = TRACE_GS1_DL_PARTIAL;
    if (form == TRACE_GS1_HRI && o->titles)
        form = io->lang == TRACE_LANG_ZH ? TRACE_GS1_HRI_TITLES_ZH : TRACE_GS1_HRI_TITLES;
    if (form == TRACE_GS1_SCAN_DM)
        form = o->scan_form;
    return trace_gs1_format(NULL, res, form, o->stem, o->gcp, out, size, omitted);
}

static int one(const cli_gs1_cmd *c, const gs1_opts *o, const char *in, cli_io *io)
{
    static trace_code_result res; /* large: keep it off the stack */
    char out[16384];
    uint64_t omitted = 0;
    int rc = TRACE_EDATA;
    if (trace_code_parse(NULL, scheme_for(in), in, strlen(in), 0, &res) != TRACE_OK)
        return 1;
    out[0] = '\0';
    if (res.valid)
        rc = convert(c, o, in, &res, out, sizeof(out), &omitted, io);
    if (io->json) {
        cli_gs1_json(io, in, &res, rc == TRACE_OK ? out : NULL, omitted);
    } else {
        if (rc == TRACE_OK) {
            put_text(io->out, out, o->caret);
            if (c->form != TRACE_GS1_HRI)
                fputc('\n', io->out);
        }
        if (!io->quiet)
            cli_gs1_diags(io, in, &res, rc, omitted);
    }
    return rc == TRACE_OK ? 0 : 1;
}

static int parse_scan_form(const char *s, trace_gs1_form *f)
{
    static const struct {
        const char *name;
        trace_gs1_form form;
    } forms[] = {{"dm", TRACE_GS1_SCAN_DM},
                 {"qr", TRACE_GS1_SCAN_QR},
                 {"128", TRACE_GS1_SCAN_128},
                 {"dotcode", TRACE_GS1_SCAN_DOTCODE},
                 {"databar", TRACE_GS1_SCAN_DATABAR}};
    size_t i;
    for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
        if (!strcmp(s, forms[i].name)) {
            *f = forms[i].form;
            return 0;
        }
    return -1;
}

int cli_gs1_run(const cli_gs1_cmd *c, int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"stem", required_argument, NULL, 's'},
                                         {"partial", no_argument, NULL, 'p'},
                                         {"titles", no_argument, NULL, 't'},
                                         {"caret", no_argument, NULL, 'c'},
                                         {"sym", required_argument, NULL, 'y'},
                                         {"gcp", required_argument, NULL, 'g'},
                                         {"compress", no_argument, NULL, 'z'},
                                         {"no-optimise", no_argument, NULL, 'O'},
                                         {"compress-params", no_argument, NULL, 'P'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    gs1_opts o = {NULL, 0, 0, 0, 0, 0, 0, TRACE_GS1_SCAN_DM};
    int opt, bad = 0, i, rc;
    char line[8192];
    while ((opt = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        if (opt == 's')
            o.stem = optarg;
        else if (opt == 'p')
            o.partial = 1;
        else if (opt == 't')
            o.titles = 1;
        else if (opt == 'c')
            o.caret = 1;
        else if (opt == 'y' && parse_scan_form(optarg, &o.scan_form) < 0)
            return cli_usage_error(io, c->cmd, "unknown symbology '%s'", optarg);
        else if (opt == 'g' && ((o.gcp = (int)strtol(optarg, NULL, 10)) < 6 || o.gcp > 12))
            return cli_usage_error(io, c->cmd, "--gcp must be 6 to 12");
        else if (opt == 'z' || opt == 'O' || opt == 'P')
            o.compress = 1, o.dlc |= opt == 'O'   ? TRACE_GS1_DLC_NO_OPTIMISE
                                     : opt == 'P' ? TRACE_GS1_DLC_PARAMS
                                                  : 0u;
        else if (opt != 's' && opt != 'p' && opt != 't' && opt != 'c' && opt != 'y' &&
                 opt != 'g' && (rc = cli_common_opt(opt, c->cmd, io)) >= 0)
            return rc;
    }
    if (optind >= argc || (optind + 1 == argc && !strcmp(argv[optind], "-"))) {
        while (fgets(line, sizeof(line), io->in)) {
            line[strcspn(line, "\r\n")] = '\0';
            if (line[0])
                bad |= one(c, &o, line, io);
        }
        return bad ? CLI_FINDINGS : CLI_OK;
    }
    for (i = optind; i < argc; i++)
        bad |= one(c, &o, argv[i], io);
    return bad ? CLI_FINDINGS : CLI_OK;
}

static int cmd_dl(int argc, char **argv, cli_io *io);
static int cmd_hri(int argc, char **argv, cli_io *io);
static int cmd_scan(int argc, char **argv, cli_io *io);
static int cmd_epc(int argc, char **argv, cli_io *io);

CLI_CODE_COMMAND(dl) = {
    "dl", cmd_dl, "GS1 element string, scan data or EPC URN to Digital Link",
    "code dl [--stem URL] [--partial] [--compress [--no-optimise] [--compress-params]]\n"
    "        [--json] [--lang en|zh] [INPUT...|-]\n"
    "  Print the GS1 Digital Link URI of each input (any GS1 form, also a compressed\n"
    "  Digital Link). --stem sets the domain and path prefix (default\n"
    "  https://id.gs1.org); --partial leaves out AIs that cannot be in a Digital\n"
    "  Link and reports them. --compress prints the compressed Digital Link instead\n"
    "  (optimisation codes used unless --no-optimise; non-GS1 query pairs of a URI\n"
    "  input kept as they are, or put in the compressed segment with\n"
    "  --compress-params, which implies --compress).\n"
    "  Exit status: 0 all converted, 1 any invalid or not convertible, 2 usage.\n"};

CLI_CODE_COMMAND(hri) = {
    "hri", cmd_hri, "human-readable interpretation of a GS1 identifier",
    "code hri [--titles] [--json] [--lang en|zh] [INPUT...|-]\n"
    "  Print one '(AI) value' line per element; --titles prefixes the data title\n"
    "  (Chinese with --lang zh).\n"
    "  Exit status: 0 all valid, 1 any invalid, 2 usage.\n"};

CLI_CODE_COMMAND(scan) = {
    "scan", cmd_scan, "GS1 identifier to barcode scan data",
    "code scan [--sym dm|qr|128|dotcode|databar] [--caret] [--json] [INPUT...|-]\n"
    "  Print the scan data a reader would transmit (AIM symbology identifier then\n"
    "  the data, GS as FNC1 separator; --caret shows GS as '^').\n"
    "  Exit status: 0 all valid, 1 any invalid, 2 usage.\n"};

CLI_CODE_COMMAND(epc) = {
    "epc", cmd_epc, "GS1 identifier to EPC pure-identity URN",
    "code epc [--gcp N] [--json] [INPUT...|-]\n"
    "  Print the EPC URN of each input. The GS1 Company Prefix length comes from\n"
    "  --gcp or the prefix table (spec/gs1/gcp-length.tsv); it is never guessed.\n"
    "  Exit status: 0 all converted, 1 any invalid or not convertible, 2 usage.\n"};

static const cli_gs1_cmd GS1_DL = {&cli_code_dl, TRACE_GS1_DL};
static const cli_gs1_cmd GS1_HRI = {&cli_code_hri, TRACE_GS1_HRI};
static const cli_gs1_cmd GS1_SCAN = {&cli_code_scan, TRACE_GS1_SCAN_DM};
static const cli_gs1_cmd GS1_EPC = {&cli_code_epc, TRACE_GS1_EPC};

static int cmd_dl(int argc, char **argv, cli_io *io)
{
    return cli_gs1_run(&GS1_DL, argc, argv, io);
}

static int cmd_hri(int argc, char **argv, cli_io *io)
{
    return cli_gs1_run(&GS1_HRI, argc, argv, io);
}

static int cmd_scan(int argc, char **argv, cli_io *io)
{
    return cli_gs1_run(&GS1_SCAN, argc, argv, io);
}

static int cmd_epc(int argc, char **argv, cli_io *io)
{
    return cli_gs1_run(&GS1_EPC, argc, argv, io);
}
