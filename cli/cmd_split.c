/*
 * cmd_split.c - `tracectl split`: cut a document into capture-sized
 * documents (EPCIS capture servers announce limits such as 500 events or a
 * number of bytes per call), each with the header, master data and a trailer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "evio.h"

static int cmd_split(int argc, char **argv, cli_io *io);

CLI_COMMAND(split) = {
    "split", cmd_split, "cut a document into capture-sized documents",
    "split [-f FMT] [-t FMT] [--max-events N] [--max-bytes B] [--gzip] FILE|- -o DIR\n"
    "  Write DIR/part-00001.EXT, DIR/part-00002.EXT, ... (EXT: the output format,\n"
    "  by default the input's), each a complete document with the input's header\n"
    "  and master data, at most N events (default 500) and at most B bytes before\n"
    "  compression (default: no byte limit). A part's size counts its header, its\n"
    "  events and 256 bytes for its trailer; an event that alone exceeds B gets a\n"
    "  part of its own and a warning. Prints one line per part: path, events, bytes.\n"
    "  Exit status: 0 done, 1 the input had errors, 2 usage, 3 I/O error.\n"};

#define TRAILER_RESERVE 256u

typedef struct split_st {
    cli_evin *e;
    trace_writer_options wo;
    const char *dir;
    uint64_t max_events, max_bytes;
    const trace_header *h;
    const trace_masterdata *md;
    trace_writer *part;     /* the part being written */
    trace_writer *measure;  /* writes each event once more to count its bytes */
    uint64_t measured;      /* bytes the measure writer has produced */
    unsigned nparts;
    uint64_t part_events, part_bytes, header_bytes;
    char path[4096];
} split_st;

static int discard(const void *buf, size_t size, void *payload)
{
    (void)buf, (void)size, (void)payload;
    return 0;
}

static int close_part(split_st *s)
{
    int rc;
    if (!s->part)
        return TRACE_OK;
    rc = trace_writer_close(s->part, NULL);
    if (rc == TRACE_OK)
        fprintf(s->e->io->out, "%s %llu %llu\n", s->path, (unsigned long long)s->part_events,
                (unsigned long long)trace_writer_bytes(s->part));
    trace_writer_free(s->part);
    s->part = NULL;
    return rc;
}

static int open_part(split_st *s)
{
    int rc;
    s->nparts++;
    snprintf(s->path, sizeof(s->path), "%s/part-%05u.%s%s", s->dir, s->nparts,
             trace_format_name(s->wo.format), s->wo.gzip ? ".gz" : "");
    if ((rc = trace_writer_open_file(&s->part, s->e->ctx, s->path, &s->wo)) != TRACE_OK) {
        cli_error(s->e->io, "cannot write %s", s->path);
        return rc;
    }
    s->part_events = 0;
    if ((rc = trace_writer_header(s->part, s->h, s->md)) != TRACE_OK)
        return rc;
    s->part_bytes = trace_writer_bytes(s->part);
    return TRACE_OK;
}

static int add_event(split_st *s, const trace_event *ev)
{
    uint64_t size = 0;
    int rc;
    if (s->max_bytes) {
        if ((rc = trace_writer_event(s->measure, ev)) != TRACE_OK)
            return rc;
        size = trace_writer_bytes(s->measure) - s->measured;
        s->measured += size;
    }
    if (s->part && (s->part_events >= s->max_events ||
                    (s->max_bytes && s->part_events &&
                     s->part_bytes + size + TRAILER_RESERVE > s->max_bytes))) {
        if ((rc = close_part(s)) != TRACE_OK)
            return rc;
    }
    if (!s->part && (rc = open_part(s)) != TRACE_OK)
        return rc;
    if (s->max_bytes && s->part_bytes + size + TRAILER_RESERVE > s->max_bytes)
        cli_error(s->e->io, "event %lld alone is larger than --max-bytes; written to %s",
                  (long long)ev->index, s->path);
    if ((rc = trace_writer_event(s->part, ev)) != TRACE_OK)
        return rc;
    s->part_events++;
    s->part_bytes = trace_writer_bytes(s->part);
    return TRACE_OK;
}

static int run(split_st *s)
{
    const trace_event *ev;
    int rc = trace_reader_header(s->e->r, &s->h, &s->md);
    if (rc != TRACE_OK)
        return rc;
    if (s->wo.format == TRACE_FMT_AUTO)
        s->wo.format = trace_reader_format(s->e->r);
    if (!trace_format_supported(s->wo.format, 1)) {
        cli_error(s->e->io, "format '%s' cannot be written by this build",
                  trace_format_name(s->wo.format));
        return TRACE_EUNSUPPORTED;
    }
    if (s->max_bytes) {
        trace_writer_options mo = s->wo;
        mo.gzip = 0;
        mo.losses = NULL;
        if ((rc = trace_writer_open_cb(&s->measure, s->e->ctx, discard, NULL, &mo)) != TRACE_OK ||
            (rc = trace_writer_header(s->measure, s->h, s->md)) != TRACE_OK)
            return rc;
        s->measured = trace_writer_bytes(s->measure);
    }
    for (;;) {
        rc = trace_reader_next(s->e->r, &ev);
        if (rc == TRACE_EDATA)
            continue;
        if (rc != TRACE_OK)
            break;
        if ((rc = add_event(s, ev)) != TRACE_OK)
            return rc;
        cli_evin_progress(s->e, 0);
    }
    cli_evin_progress(s->e, 1);
    if (rc != TRACE_EOF && rc != TRACE_ELIMIT)
        return rc;
    return close_part(s);
}

static int cmd_split(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},    {"to", required_argument, NULL, 't'},
        {"max-events", required_argument, NULL, 'n'}, {"max-bytes", required_argument, NULL, 'b'},
        {"output", required_argument, NULL, 'o'},    {"gzip", no_argument, NULL, 'z'},
        CLI_COMMON_LONGOPTS,                         {0, 0, 0, 0}};
    const cli_cmd *cmd = &cli_cmd_split;
    trace_format from = TRACE_FMT_AUTO;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    split_st s;
    cli_evin e;
    int c, rc;
    char *end;
    memset(&s, 0, sizeof(s));
    s.max_events = 500;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:t:o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if ((rc = cli_format_arg(io, cmd, optarg, 0, &from)) >= 0)
                return rc;
            break;
        case 't':
            if ((rc = cli_format_arg(io, cmd, optarg, 1, &wo.format)) >= 0)
                return rc;
            break;
        case 'n':
            s.max_events = strtoull(optarg, &end, 10);
            if (*end || !s.max_events)
                return cli_usage_error(io, cmd, "--max-events needs a positive number");
            break;
        case 'b':
            s.max_bytes = strtoull(optarg, &end, 10);
            if (*end || s.max_bytes <= TRAILER_RESERVE)
                return cli_usage_error(io, cmd, "--max-bytes needs a number above %u",
                                       TRAILER_RESERVE);
            break;
        case 'o': s.dir = optarg; break;
        case 'z': wo.gzip = 1; break;
        default:
            if ((rc = cli_common_opt(c, cmd, io)) >= 0)
                return rc;
        }
    }
    if (optind + 1 != argc || !s.dir)
        return cli_usage_error(io, cmd, "needs FILE and -o DIR");
    if (mkdir(s.dir, 0777) != 0 && errno != EEXIST) {
        cli_error(io, "cannot create %s: %s", s.dir, strerror(errno));
        return CLI_IO;
    }
    if ((rc = cli_evin_open(&e, io, argv[optind], from, 0)) >= 0)
        return rc;
    s.e = &e;
    s.wo = wo;
    rc = run(&s);
    trace_writer_free(s.part);
    trace_writer_free(s.measure);
    rc = rc == TRACE_EUNSUPPORTED ? CLI_USAGE : cli_evin_exit(&e, rc == TRACE_EDATA ? TRACE_OK : rc);
    cli_evin_close(&e);
    return rc;
}
