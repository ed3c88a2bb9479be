/*
 * cmd_hash.c - `tracectl hash`: the Event Hash ID (or the pre-hash string)
 * of every event of a document, in document order, streaming; optionally
 * write the document back with the hashes as eventIDs.
 */
#include <string.h>

#include "evio.h"
#include "libtrace/hash.h"

#define MAX_EXCLUDE 32

static int cmd_hash(int argc, char **argv, cli_io *io);

CLI_COMMAND(hash) = {
    "hash", cmd_hash, "print the CBV event hash ID of every event",
    "hash [--profile P] [--prehash] [--exclude FIELD]... [-f FROM] [--json] [FILE|-]\n"
    "       hash --set-event-ids [--profile P] [-t TO] -o OUT [FILE|-]\n"
    "       hash --digest [--json] [FILE|-]\n"
    "  Print one line per event, in document order: its Event Hash ID\n"
    "  (ni:///sha-256;<hex>?ver=CBV2.x) or, with --prehash, its pre-hash string.\n"
    "  --profile P        cbv20-ref (default), cbv20-text, cbv21 or cbv20-mdaf\n"
    "  --exclude FIELD    leave an event-level field out of the hash: a standard\n"
    "                     name (certificationInfo, ilmd, ...) or {namespace}name\n"
    "  --set-event-ids    write the document to OUT with every eventID set to the\n"
    "                     event's hash (same encoding unless -t TO)\n"
    "  --digest           print only the document digest (utds-digest-1:<hex>), the\n"
    "                     value a signature signs\n"
    "  --json             one JSON object per event: record, hash (and prehash)\n"
    "  Exit status: 0 hashed, 1 the input had errors, 2 usage, 3 I/O error.\n"};

typedef struct hash_opts {
    trace_hash_options ho;
    const char *excl[MAX_EXCLUDE];
    int prehash, set_ids, digest;
    trace_format from, to;
    const char *in, *out;
} hash_opts;

static int parse_args(int argc, char **argv, cli_io *io, hash_opts *o)
{
    static const struct option opts[] = {{"profile", required_argument, NULL, 'P'},
                                         {"prehash", no_argument, NULL, 'p'},
                                         {"exclude", required_argument, NULL, 'x'},
                                         {"set-event-ids", no_argument, NULL, 'S'},
                                         {"digest", no_argument, NULL, 'D'},
                                         {"from", required_argument, NULL, 'f'},
                                         {"to", required_argument, NULL, 't'},
                                         {"output", required_argument, NULL, 'o'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    const cli_cmd *cmd = &cli_cmd_hash;
    trace_hash_options def = TRACE_HASH_OPTIONS_INIT;
    int c, rc;
    memset(o, 0, sizeof(*o));
    o->ho = def;
    o->ho.exclude = o->excl;
    o->in = "-";
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:t:o:q", opts, NULL)) != -1) {
        switch (c) {
        case 'P':
            if (trace_hash_profile_from_name(optarg, &o->ho.profile) != TRACE_OK)
                return cli_usage_error(io, cmd, "unknown profile '%s'", optarg);
            break;
        case 'p': o->prehash = 1; break;
        case 'x':
            if (o->ho.nexclude == MAX_EXCLUDE)
                return cli_usage_error(io, cmd, "at most %d --exclude", MAX_EXCLUDE);
            o->excl[o->ho.nexclude++] = optarg;
            break;
        case 'S': o->set_ids = 1; break;
        case 'D': o->digest = 1; break;
        case 'f':
            if ((rc = cli_format_arg(io, cmd, optarg, 0, &o->from)) >= 0)
                return rc;
            break;
        case 't':
            if ((rc = cli_format_arg(io, cmd, optarg, 1, &o->to)) >= 0)
                return rc;
            break;
        case 'o': o->out = optarg; break;
        default:
            if ((rc = cli_common_opt(c, cmd, io)) >= 0)
                return rc;
        }
    }
    if (argc - optind > 1)
        return cli_usage_error(io, cmd, "takes at most one input");
    if (optind < argc)
        o->in = argv[optind];
    if (o->set_ids && !o->out)
        return cli_usage_error(io, cmd, "--set-event-ids needs -o OUT");
    if (o->digest && (o->set_ids || o->prehash))
        return cli_usage_error(io, cmd, "--digest goes alone");
    if (!o->set_ids && (o->out || o->to))
        return cli_usage_error(io, cmd, "-o and -t go with --set-event-ids");
    return -1;
}

static void print_one(cli_io *io, const hash_opts *o, uint64_t i, const char *id,
                      const char *pre, size_t plen)
{
    if (io->json) {
        fprintf(io->out, "{\"record\":%llu,\"hash\":", (unsigned long long)i);
        cli_json_str(io->out, id);
        if (o->prehash) {
            fputs(",\"prehash\":", io->out);
            cli_json_str(io->out, pre);
        }
        fputs("}\n", io->out);
    } else if (o->prehash) {
        fwrite(pre, 1, plen, io->out);
        fputc('\n', io->out);
    } else {
        fprintf(io->out, "%s\n", id);
    }
}

static int run(cli_evin *e, trace_hasher *h, trace_writer *w, const hash_opts *o)
{
    const trace_header *hdr;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc = trace_reader_header(e->r, &hdr, &md);
    uint64_t i = 0;
    if (rc != TRACE_OK && rc != TRACE_EDATA)
        return rc;
    if (w && rc == TRACE_OK && (rc = trace_writer_header(w, hdr, md)) != TRACE_OK)
        return rc;
    while ((rc = trace_reader_next(e->r, &ev)) == TRACE_OK || rc == TRACE_EDATA) {
        char id[TRACE_HASH_ID_SIZE];
        const char *pre = NULL;
        size_t plen = 0;
        if (rc == TRACE_EDATA)
            continue;
        if (o->prehash && (rc = trace_hasher_prehash(h, ev, &pre, &plen)) != TRACE_OK)
            return rc;
        if ((rc = trace_hasher_event_id(h, ev, id, sizeof(id), NULL)) != TRACE_OK)
            return rc;
        if (w) {
            trace_event copy = *ev;
            copy.event_id.raw = trace_str_c(id);
            copy.event_id.form = TRACE_ID_OTHER;
            if ((rc = trace_writer_event(w, &copy)) != TRACE_OK)
                return rc;
        } else {
            /* event_id rebuilt the same pre-hash in the same buffer: pre still holds */
            print_one(e->io, o, i, id, pre, plen);
        }
        i++;
        cli_evin_progress(e, 0);
    }
    cli_evin_progress(e, 1);
    if (rc != TRACE_EOF && rc != TRACE_ELIMIT)
        return rc;
    if (!w)
        return rc;
    /* A signature over the old document would no longer hold: write no trailer fields. */
    return trace_writer_close(w, NULL);
}

static int run_digest(cli_evin *e)
{
    const trace_header *hdr;
    const trace_masterdata *md;
    const trace_event *ev;
    trace_digest *d;
    char out[TRACE_DIGEST_SIZE];
    int rc = trace_reader_header(e->r, &hdr, &md);
    if (rc != TRACE_OK)
        return rc;
    if ((rc = trace_digest_new(&d, e->ctx)) != TRACE_OK)
        return rc;
    rc = trace_digest_header(d, hdr, md);
    while (rc == TRACE_OK && (rc = trace_reader_next(e->r, &ev)) == TRACE_OK)
        rc = trace_digest_event(d, ev, NULL);
    if (rc == TRACE_EOF && cli_evin_errors(e) == 0 &&
        (rc = trace_digest_final(d, out, sizeof(out), NULL)) == TRACE_OK) {
        if (e->io->json) {
            fprintf(e->io->out, "{\"digest\":\"%s\",\"events\":%llu}\n", out,
                    (unsigned long long)trace_digest_events(d));
        } else {
            fprintf(e->io->out, "%s\n", out);
        }
        rc = TRACE_EOF;
    } else if (rc == TRACE_EOF || rc == TRACE_EDATA) {
        rc = TRACE_EDATA; /* a document that did not read cleanly has no digest */
    }
    trace_digest_free(d);
    return rc;
}

static int open_writer(cli_evin *e, cli_io *io, const hash_opts *o, trace_writer **w)
{
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    int rc;
    wo.format = o->to ? o->to : trace_reader_format(e->r);
    if (wo.format == TRACE_FMT_AUTO) {
        const trace_header *h;
        trace_reader_header(e->r, &h, NULL);
        wo.format = trace_reader_format(e->r);
    }
    wo.losses = e->diags;
    rc = strcmp(o->out, "-") ? trace_writer_open_file(w, e->ctx, o->out, &wo)
                             : trace_writer_open_fp(w, e->ctx, io->out, &wo);
    if (rc != TRACE_OK)
        cli_error(io, "cannot write %s", o->out);
    return rc;
}

static int cmd_hash(int argc, char **argv, cli_io *io)
{
    trace_hasher *h = NULL;
    trace_writer *w = NULL;
    hash_opts o;
    cli_evin e;
    cli_io dio;
    int rc;
    if ((rc = parse_args(argc, argv, io, &o)) >= 0)
        return rc;
    dio = *io;
    dio.out = io->err; /* stdout carries hashes or the document */
    if ((rc = cli_evin_open(&e, &dio, o.in, o.from, 1)) >= 0)
        return rc;
    e.io = io;
    if (trace_hasher_new(&h, e.ctx, &o.ho) != TRACE_OK) {
        cli_evin_close(&e);
        return CLI_INTERNAL;
    }
    rc = o.set_ids ? open_writer(&e, io, &o, &w) : TRACE_OK;
    if (rc == TRACE_OK && o.digest)
        rc = run_digest(&e);
    else if (rc == TRACE_OK)
        rc = run(&e, h, w, &o);
    else
        rc = TRACE_EIO;
    trace_writer_free(w);
    trace_hasher_free(h);
    rc = cli_evin_exit(&e, rc);
    cli_evin_close(&e);
    return rc;
}
