/*
 * cmd_convert.c - `tracectl convert`: read a document in one encoding and
 * write it in another, streaming, with a loss report on stderr.
 */
#include <string.h>

#include "evio.h"

static int cmd_convert(int argc, char **argv, cli_io *io);

CLI_COMMAND(convert) = {
    "convert", cmd_convert, "convert a document between XML, JSON-LD, JSON Lines and CSV",
    "convert [-f FROM] -t TO [--cbv urn|web|bare|keep] [--ids keep|dl|urn] [--gzip]\n"
    "                [--canonical] [--bom] [--losses-json] [IN|-] [-o OUT|-]\n"
    "  Read IN (default standard input; format detected unless -f) and write it as\n"
    "  TO (xml, jsonld, jsonl, csv) to OUT (default standard output; a file is\n"
    "  written atomically). Formats: those this build can read and write.\n"
    "  --cbv STYLE    CBV spelling: urn, web, bare, or keep (as read; default)\n"
    "  --ids STYLE    identifiers: keep (as read; default), dl (GS1 Digital Link) or\n"
    "                 urn (EPC URN, when the company prefix length is known)\n"
    "  --gzip         compress the output (also when OUT ends in .gz)\n"
    "  --canonical    the binding's canonical member order instead of the as-read one\n"
    "  --bom          CSV: start with a UTF-8 byte order mark (for Excel)\n"
    "  --losses-json  print input diagnostics and the loss report as JSON lines\n"
    "  Everything the target cannot hold is reported on stderr (TR-CONV-*), never\n"
    "  dropped silently; an empty report means the conversion was lossless.\n"
    "  Exit status: 0 converted (losses, if any, reported), 1 the input had\n"
    "  errors (what could be read was written), 2 usage, 3 I/O error.\n"};

typedef struct conv_opts {
    trace_format from, to;
    trace_cbv_style cbv;
    trace_id_style ids;
    int gzip, canonical, bom, json;
    const char *in, *out;
} conv_opts;

static int parse_cbv(const char *s, trace_cbv_style *out)
{
    static const char *const names[] = {"keep", "urn", "web", "bare"};
    size_t i;
    for (i = 0; i < 4; i++)
        if (!strcmp(s, names[i])) {
            *out = (trace_cbv_style)i;
            return 0;
        }
    return -1;
}

static int parse_args(int argc, char **argv, cli_io *io, conv_opts *o)
{
    static const struct option opts[] = {
        {"from", required_argument, NULL, 'f'},  {"to", required_argument, NULL, 't'},
        {"output", required_argument, NULL, 'o'}, {"cbv", required_argument, NULL, 'c'},
        {"ids", required_argument, NULL, 'i'},   {"gzip", no_argument, NULL, 'z'},
        {"canonical", no_argument, NULL, 'C'},   {"bom", no_argument, NULL, 'B'},
        {"losses-json", no_argument, NULL, 'J'}, CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    const cli_cmd *cmd = &cli_cmd_convert;
    int c, rc, have_to = 0;
    memset(o, 0, sizeof(*o));
    o->in = "-";
    o->out = "-";
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:t:o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((rc = cli_format_arg(io, cmd, optarg, 0, &o->from)) >= 0)
                return rc;
            break;
        case 't':
            if ((rc = cli_format_arg(io, cmd, optarg, 1, &o->to)) >= 0)
                return rc;
            have_to = 1;
            break;
        case 'o': o->out = optarg; break;
        case 'c':
            if (parse_cbv(optarg, &o->cbv))
                return cli_usage_error(io, cmd, "--cbv takes urn, web, bare or keep");
            break;
        case 'i':
            if (!strcmp(optarg, "keep"))
                o->ids = TRACE_ID_STYLE_KEEP;
            else if (!strcmp(optarg, "dl"))
                o->ids = TRACE_ID_STYLE_DL;
            else if (!strcmp(optarg, "urn"))
                o->ids = TRACE_ID_STYLE_URN;
            else
                return cli_usage_error(io, cmd, "--ids takes keep, dl or urn");
            break;
        case 'z': o->gzip = 1; break;
        case 'C': o->canonical = 1; break;
        case 'B': o->bom = 1; break;
        case 'J': o->json = 1; break;
        default:
            if ((rc = cli_common_opt(c, cmd, io)) >= 0)
                return rc;
        }
    }
    if (!have_to)
        return cli_usage_error(io, cmd, "needs -t TO");
    if (argc - optind > 1)
        return cli_usage_error(io, cmd, "takes at most one input");
    if (optind < argc)
        o->in = argv[optind];
    {
        size_t n = strlen(o->out);
        if (n > 3 && !strcmp(o->out + n - 3, ".gz"))
            o->gzip = 1;
    }
    return -1;
}

static void print_loss(const trace_diag *d, void *payload)
{
    cli_print_diag(payload, d);
}

static int pump(cli_evin *e, trace_writer *w)
{
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    const trace_trailer *t;
    int rc = trace_reader_header(e->r, &h, &md);
    if (rc != TRACE_OK && rc != TRACE_EDATA)
        return rc;
    if (rc == TRACE_OK && (rc = trace_writer_header(w, h, md)) != TRACE_OK)
        return rc;
    for (;;) {
        rc = trace_reader_next(e->r, &ev);
        if (rc == TRACE_EDATA)
            continue;
        if (rc != TRACE_OK)
            break;
        if ((rc = trace_writer_event(w, ev)) != TRACE_OK)
            return rc;
        cli_evin_progress(e, 0);
    }
    cli_evin_progress(e, 1);
    if (rc != TRACE_EOF && rc != TRACE_ELIMIT)
        return rc;
    t = trace_reader_trailer(e->r);
    return trace_writer_close(w, t && t->present ? t : NULL);
}

static int cmd_convert(int argc, char **argv, cli_io *io)
{
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_diag_list *losses = NULL;
    trace_writer *w = NULL;
    conv_opts o;
    cli_evin e;
    cli_io lio;
    int rc;
    if ((rc = parse_args(argc, argv, io, &o)) >= 0)
        return rc;
    lio = *io;
    lio.json = o.json || io->json;
    lio.out = io->err; /* stdout may carry the document */
    if ((rc = cli_evin_open(&e, &lio, o.in, o.from, 1)) >= 0)
        return rc;
    if (trace_diag_list_new(&losses, 0, NULL) != TRACE_OK) {
        cli_evin_close(&e);
        return CLI_INTERNAL;
    }
    trace_diag_list_set_callback(losses, print_loss, &lio, 0);
    wo.format = o.to;
    wo.gzip = o.gzip;
    wo.cbv = o.cbv;
    wo.ids = o.ids;
    wo.canonical_order = o.canonical;
    wo.losses = losses;
    wo.flags = o.bom ? TRACE_WRITER_FLAG_BOM : 0;
    if (!strcmp(o.out, "-"))
        rc = trace_writer_open_fp(&w, e.ctx, io->out, &wo);
    else
        rc = trace_writer_open_file(&w, e.ctx, o.out, &wo);
    if (rc != TRACE_OK) {
        cli_error(io, "cannot write %s", o.out);
        trace_diag_list_free(losses);
        cli_evin_close(&e);
        return cli_exit_from_status(rc);
    }
    e.io = io;
    rc = pump(&e, w);
    if (rc == TRACE_EIO)
        cli_error(io, "write error on %s", o.out);
    trace_writer_free(w);
    rc = cli_evin_exit(&e, rc);
    trace_diag_list_free(losses);
    cli_evin_close(&e);
    return rc;
}
