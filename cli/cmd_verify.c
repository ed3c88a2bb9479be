/*
 * cmd_verify.c - `tracectl verify`: stream a document through the verifier
 * against trusted public keys and print the verdict: valid, invalid (with
 * what changed, when that can be told), unsigned or unknown-key.
 */
#include <string.h>

#include "evio.h"
#include "libtrace/hash.h"
#include "libtrace/sign.h"

#define MAX_KEYS 16

static int cmd_verify(int argc, char **argv, cli_io *io);

CLI_COMMAND(verify) = {
    "verify", cmd_verify, "verify a document's signature",
    "verify -p PUBKEY [-p PUBKEY]... [-f FROM] [--json] [FILE|-]\n"
    "  Verify the signature in FILE's trailer with the trusted public key files\n"
    "  (a secret key file works too). Prints the verdict: valid, invalid,\n"
    "  unsigned or unknown-key, and the key id; findings (TR-SIGN-*) say which\n"
    "  header field or event changed when the trailer allows telling.\n"
    "  --json   findings and a final {\"verdict\":...} object as JSON lines\n"
    "  Exit status: 0 valid, 1 invalid, unsigned or unknown key, 2 usage,\n"
    "  3 I/O error.\n"};

typedef struct verify_opts {
    const char *keys[MAX_KEYS];
    size_t nkeys;
    const char *in;
    trace_format from;
} verify_opts;

static int parse_args(int argc, char **argv, cli_io *io, verify_opts *o)
{
    static const struct option opts[] = {{"pubkey", required_argument, NULL, 'p'},
                                         {"from", required_argument, NULL, 'f'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    const cli_cmd *cmd = &cli_cmd_verify;
    int c, rc;
    memset(o, 0, sizeof(*o));
    o->in = "-";
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "p:f:q", opts, NULL)) != -1) {
        if (c == 'p') {
            if (o->nkeys == MAX_KEYS)
                return cli_usage_error(io, cmd, "at most %d keys", MAX_KEYS);
            o->keys[o->nkeys++] = optarg;
        } else if (c == 'f') {
            if ((rc = cli_format_arg(io, cmd, optarg, 0, &o->from)) >= 0)
                return rc;
        } else if ((rc = cli_common_opt(c, cmd, io)) >= 0) {
            return rc;
        }
    }
    if (!o->nkeys)
        return cli_usage_error(io, cmd, "needs -p PUBKEY");
    if (argc - optind > 1)
        return cli_usage_error(io, cmd, "takes at most one input");
    if (optind < argc)
        o->in = argv[optind];
    return -1;
}

/* eventIDs that are hash IDs name the event that changed: compare them. */
static void check_event_id(const trace_event *ev, trace_hasher *const h[2],
                           trace_diag_list *later)
{
    static const char pre[] = "ni:///sha-256;";
    char id[TRACE_HASH_ID_SIZE];
    trace_diag d;
    int k;
    if (ev->event_id.raw.len < sizeof(pre) - 1 ||
        memcmp(ev->event_id.raw.s, pre, sizeof(pre) - 1) != 0)
        return;
    k = ev->event_id.raw.len > 6 &&
        !memcmp(ev->event_id.raw.s + ev->event_id.raw.len - 6, "CBV2.1", 6);
    if (trace_hasher_event_id(h[k], ev, id, sizeof(id), NULL) != TRACE_OK ||
        trace_str_eq(ev->event_id.raw, id))
        return;
    memset(&d, 0, sizeof(d));
    d.id = trace_catalogue_find("TR-HASH-0001") ? trace_catalogue_find("TR-HASH-0001")->id
                                                : "";
    d.code = trace_catalogue_find("TR-HASH-0001")
                 ? trace_catalogue_find("TR-HASH-0001")->code
                 : 0;
    d.severity = TRACE_SEV_ERROR;
    trace_loc_init(&d.loc);
    d.loc.record = ev->index;
    d.nargs = 3;
    d.args[0].key = "record";
    snprintf(d.args[0].value, sizeof(d.args[0].value), "%lld", (long long)ev->index);
    d.args[1].key = "value";
    snprintf(d.args[1].value, sizeof(d.args[1].value), "%.*s", (int)ev->event_id.raw.len,
             ev->event_id.raw.s);
    d.args[2].key = "hash";
    snprintf(d.args[2].value, sizeof(d.args[2].value), "%s", id);
    trace_diag_list_add(later, &d);
}

static int run(cli_evin *e, trace_verifier *v, trace_hasher *const h[2],
               trace_diag_list *later, trace_verdict *verdict)
{
    const trace_header *hdr;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc = trace_reader_header(e->r, &hdr, &md);
    if (rc != TRACE_OK)
        return rc;
    if ((rc = trace_verifier_header(v, hdr, md)) != TRACE_OK)
        return rc;
    while ((rc = trace_reader_next(e->r, &ev)) == TRACE_OK || rc == TRACE_EDATA) {
        if (rc == TRACE_EDATA)
            continue; /* a skipped event is missing from the digest: the verdict shows it
                       */
        if ((rc = trace_verifier_event(v, ev)) != TRACE_OK)
            return rc;
        check_event_id(ev, h, later);
        cli_evin_progress(e, 0);
    }
    cli_evin_progress(e, 1);
    if (rc != TRACE_EOF && rc != TRACE_ELIMIT)
        return rc;
    return trace_verifier_finish(v, trace_reader_trailer(e->r), verdict);
}

static void report(cli_io *io, trace_verdict verdict, const trace_trailer *t, uint64_t n)
{
    char kid[128];
    snprintf(kid, sizeof(kid), "%.*s",
             (int)(t && t->key_id.len < 100 ? t->key_id.len : 0),
             t && t->key_id.s ? t->key_id.s : "");
    if (io->json) {
        fprintf(io->out, "{\"verdict\":\"%s\",\"keyId\":", trace_verdict_name(verdict));
        cli_json_str(io->out, kid);
        fprintf(io->out, ",\"events\":%llu}\n", (unsigned long long)n);
    } else if (kid[0]) {
        fprintf(io->out, "%s %s\n", trace_verdict_name(verdict), kid);
    } else {
        fprintf(io->out, "%s\n", trace_verdict_name(verdict));
    }
}

static void print_cb(const trace_diag *d, void *payload)
{
    cli_print_diag(payload, d);
}

static int load_keys(cli_evin *e, const verify_opts *o, trace_key **keys)
{
    size_t i;
    int rc;
    for (i = 0; i < o->nkeys; i++)
        if ((rc = trace_key_load(&keys[i], e->ctx, o->keys[i], e->diags)) != TRACE_OK)
            return rc == TRACE_EIO ? CLI_IO : CLI_USAGE;
    return -1;
}

static int cmd_verify(int argc, char **argv, cli_io *io)
{
    trace_key *keys[MAX_KEYS] = {NULL};
    trace_hasher *h[2] = {NULL, NULL};
    trace_hash_options ho = TRACE_HASH_OPTIONS_INIT;
    trace_diag_list *findings = NULL, *later = NULL;
    trace_verifier *v = NULL;
    trace_verdict verdict = TRACE_VERDICT_INVALID;
    verify_opts o;
    cli_evin e;
    size_t i;
    int rc, st;
    if ((rc = parse_args(argc, argv, io, &o)) >= 0)
        return rc;
    if ((rc = cli_evin_open(&e, io, o.in, o.from, 0)) >= 0)
        return rc;
    st = load_keys(&e, &o, keys);
    if (st < 0 && (trace_diag_list_new(&findings, 0, NULL) != TRACE_OK ||
                   trace_diag_list_new(&later, 0, NULL) != TRACE_OK ||
                   trace_hasher_new(&h[0], e.ctx, &ho) != TRACE_OK ||
                   (ho.profile = TRACE_HASH_CBV21, trace_hasher_new(&h[1], e.ctx, &ho)) !=
                       TRACE_OK ||
                   trace_verifier_new(&v, e.ctx, (const trace_key *const *)keys, o.nkeys,
                                      findings) != TRACE_OK))
        st = CLI_INTERNAL;
    if (st < 0) {
        rc = run(&e, v, h, later, &verdict);
        if (rc == TRACE_OK) {
            if (verdict != TRACE_VERDICT_VALID)
                for (i = 0; i < trace_diag_list_count(later); i++)
                    print_cb(trace_diag_list_at(later, i), io);
            for (i = 0; i < trace_diag_list_count(findings); i++)
                print_cb(trace_diag_list_at(findings, i), io);
            report(io, verdict, trace_reader_trailer(e.r), trace_reader_events(e.r));
            st = verdict == TRACE_VERDICT_VALID ? CLI_OK : CLI_FINDINGS;
        } else {
            st = rc == TRACE_EDATA ? CLI_FINDINGS : cli_evin_exit(&e, rc);
            if (rc == TRACE_EDATA)
                report(io, TRACE_VERDICT_INVALID, NULL, trace_reader_events(e.r));
        }
    }
    trace_verifier_free(v);
    trace_hasher_free(h[0]);
    trace_hasher_free(h[1]);
    trace_diag_list_free(findings);
    trace_diag_list_free(later);
    for (i = 0; i < o.nkeys; i++)
        trace_key_free(keys[i]);
    cli_evin_close(&e);
    return st;
}
