/*
 * cmd_dump.c - `tracectl dump [-f FMT] [--normalize] [--pos] FILE`: print the
 * canonical text form of a document's model (libtrace/dump.h).
 */
#include <string.h>

#include "evio.h"
#include "libtrace/dump.h"

static int cmd_dump(int argc, char **argv, cli_io *io);

CLI_COMMAND(dump) = {
    "dump", cmd_dump, "print the record model of a document as canonical text",
    "dump [-f FMT] [--normalize] [--pos] [--diagnostics] [--json] FILE|-\n"
    "  Read FILE (format detected unless -f xml|jsonld|jsonl|csv|xml12) and print\n"
    "  its header, master data, events and trailer, one value per line, in a form\n"
    "  that is equal for equal models.\n"
    "  --normalize  leave out what legitimately differs between encodings (CBV\n"
    "               spelling, member order, prefixes, JSON types, positions)\n"
    "  --pos        add source positions\n"
    "  --diagnostics  print only the reader's diagnostics, on standard output\n"
    "  Diagnostics go to stderr (--json: as JSON lines), or with --diagnostics to\n"
    "  standard output.\n"
    "  Exit status: 0 read without errors, 1 the input had errors, 2 usage, 3 I/O.\n"};

static int to_file(const char *text, size_t len, void *payload)
{
    return fwrite(text, 1, len, payload) == len ? 0 : -1;
}

static int to_nowhere(const char *text, size_t len, void *payload)
{
    (void)text, (void)len, (void)payload;
    return 0;
}

static int dump_all(cli_evin *e, FILE *out, unsigned flags, int quiet)
{
    trace_dump_fn fn = quiet ? to_nowhere : to_file;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc = trace_reader_header(e->r, &h, &md);
    if (rc != TRACE_OK)
        return rc;
    if (trace_header_dump(h, md, fn, out, flags) != TRACE_OK)
        return TRACE_EIO;
    for (;;) {
        rc = trace_reader_next(e->r, &ev);
        if (rc == TRACE_EDATA)
            continue;
        if (rc != TRACE_OK)
            break;
        if (trace_event_dump(ev, fn, out, flags) != TRACE_OK)
            return TRACE_EIO;
        cli_evin_progress(e, 0);
    }
    cli_evin_progress(e, 1);
    if (rc == TRACE_EOF &&
        trace_trailer_dump(trace_reader_trailer(e->r), fn, out, flags) != TRACE_OK)
        return TRACE_EIO;
    return rc == TRACE_EOF ? TRACE_OK : rc;
}

static int cmd_dump(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         {"normalize", no_argument, NULL, 'n'},
                                         {"pos", no_argument, NULL, 'p'},
                                         {"diagnostics", no_argument, NULL, 'd'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    trace_format fmt = TRACE_FMT_AUTO;
    unsigned flags = 0;
    cli_evin e;
    int c, rc, diag_only = 0;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:q", opts, NULL)) != -1) {
        if (c == 'f') {
            if ((rc = cli_format_arg(io, &cli_cmd_dump, optarg, 0, &fmt)) >= 0)
                return rc;
        } else if (c == 'n') {
            flags |= TRACE_DUMP_NORMALIZE;
        } else if (c == 'p') {
            flags |= TRACE_DUMP_POS;
        } else if (c == 'd') {
            diag_only = 1;
        } else if ((rc = cli_common_opt(c, &cli_cmd_dump, io)) >= 0) {
            return rc;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(io, &cli_cmd_dump, "needs exactly one FILE");
    if ((rc = cli_evin_open(&e, io, argv[optind], fmt, !diag_only)) >= 0)
        return rc;
    rc = dump_all(&e, io->out, flags, diag_only);
    if (rc == TRACE_EIO && ferror(io->out))
        cli_error(io, "write error on standard output");
    rc = cli_evin_exit(&e, rc == TRACE_EDATA ? TRACE_OK : rc);
    cli_evin_close(&e);
    return rc;
}
