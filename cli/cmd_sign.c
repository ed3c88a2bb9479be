/*
 * cmd_sign.c - `tracectl sign`: stream a document through the signer and
 * write it again with the digest, the Ed25519 signature and the key id in
 * its trailer (read once, write once). `sign --keygen` makes a key.
 */
#include <string.h>

#include "evio.h"
#include "keygen_sign.h"
#include "libtrace/sign.h"

static int cmd_sign(int argc, char **argv, cli_io *io);

CLI_COMMAND(sign) = {
    "sign", cmd_sign, "sign a document (Ed25519 over its digest)",
    "sign -k KEYFILE [-f FROM] [-t TO] [-o OUT] [FILE|-]\n"
    "       sign --keygen -o KEYFILE [--force]\n"
    "  Write FILE to OUT (default standard output; same encoding unless -t TO)\n"
    "  with the document digest, the signature and the key id in its trailer.\n"
    "  The signature covers every event and the header fields sender, receiver,\n"
    "  message id, creation time and profile, and survives conversion between\n"
    "  encodings. --keygen writes a new key pair (KEYFILE and KEYFILE.pub).\n"
    "  Exit status: 0 signed, 1 the input had errors (nothing is signed),\n"
    "  2 usage, 3 I/O error.\n"};

typedef struct sign_opts {
    const char *key, *in, *out;
    trace_format from, to;
} sign_opts;

static int parse_args(int argc, char **argv, cli_io *io, sign_opts *o)
{
    static const struct option opts[] = {{"key", required_argument, NULL, 'k'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"keygen", no_argument, NULL, 'K'},
                                         {"force", no_argument, NULL, 'F'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    const cli_cmd *cmd = &cli_cmd_sign;
    int c, rc;
    memset(o, 0, sizeof(*o));
    o->in = "-";
    o->out = "-";
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "k:f:t:o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'k': o->key = optarg; break;
        case 'o': o->out = optarg; break;
        case 'f':
            if ((rc = cli_format_arg(io, cmd, optarg, 0, &o->from)) >= 0)
                return rc;
            break;
        case 't':
            if ((rc = cli_format_arg(io, cmd, optarg, 1, &o->to)) >= 0)
                return rc;
            break;
        case 'K':
        case 'F': return cli_usage_error(io, cmd, "--keygen must come first");
        default:
            if ((rc = cli_common_opt(c, cmd, io)) >= 0)
                return rc;
        }
    }
    if (!o->key)
        return cli_usage_error(io, cmd, "needs -k KEYFILE");
    if (argc - optind > 1)
        return cli_usage_error(io, cmd, "takes at most one input");
    if (optind < argc)
        o->in = argv[optind];
    return -1;
}

static int pump(cli_evin *e, trace_signer *s, trace_writer *w)
{
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    trace_trailer t;
    int rc = trace_reader_header(e->r, &h, &md);
    if (rc != TRACE_OK)
        return rc;
    if ((rc = trace_writer_header(w, h, md)) != TRACE_OK ||
        (rc = trace_signer_header(s, h, md)) != TRACE_OK)
        return rc;
    while ((rc = trace_reader_next(e->r, &ev)) == TRACE_OK) {
        if ((rc = trace_signer_event(s, ev)) != TRACE_OK ||
            (rc = trace_writer_event(w, ev)) != TRACE_OK)
            return rc;
        cli_evin_progress(e, 0);
    }
    cli_evin_progress(e, 1);
    if (rc != TRACE_EOF)
        return rc == TRACE_ELIMIT ? TRACE_EDATA : rc;
    /* Never sign a document that did not read cleanly: what was signed must be what was
     * read. */
    if (cli_evin_errors(e))
        return TRACE_EDATA;
    if ((rc = trace_signer_finish(s, &t)) != TRACE_OK)
        return rc;
    return trace_writer_close(w, &t);
}

static int cmd_sign(int argc, char **argv, cli_io *io)
{
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_signer *s = NULL;
    trace_writer *w = NULL;
    trace_key *key = NULL;
    const trace_header *h;
    sign_opts o;
    cli_evin e;
    cli_io dio;
    int rc;
    if (argc > 1 && !strcmp(argv[1], "--keygen"))
        return cli_keygen_sign(argc, argv, io);
    if ((rc = parse_args(argc, argv, io, &o)) >= 0)
        return rc;
    dio = *io;
    dio.out = io->err;
    if ((rc = cli_evin_open(&e, &dio, o.in, o.from, 1)) >= 0)
        return rc;
    if ((rc = trace_key_load(&key, e.ctx, o.key, e.diags)) != TRACE_OK ||
        !trace_key_has_secret(key)) {
        if (rc == TRACE_OK)
            cli_error(io, "%s holds no secret key", o.key);
        trace_key_free(key);
        cli_evin_close(&e);
        return rc == TRACE_EIO ? CLI_IO : CLI_USAGE;
    }
    trace_reader_header(e.r, &h, NULL);
    wo.format = o.to ? o.to : trace_reader_format(e.r);
    wo.losses = e.diags;
    rc = trace_signer_new(&s, e.ctx, key);
    if (rc == TRACE_OK && wo.format != TRACE_FMT_AUTO)
        rc = strcmp(o.out, "-") ? trace_writer_open_file(&w, e.ctx, o.out, &wo)
                                : trace_writer_open_fp(&w, e.ctx, io->out, &wo);
    if (rc == TRACE_OK && w)
        rc = pump(&e, s, w);
    else if (rc == TRACE_OK)
        rc = TRACE_EDATA;
    if (rc == TRACE_EDATA)
        cli_error(io, "%s was not signed", o.in);
    trace_writer_free(w); /* unclosed file output is discarded */
    trace_signer_free(s);
    trace_key_free(key);
    rc = cli_evin_exit(&e, rc);
    cli_evin_close(&e);
    return rc;
}
