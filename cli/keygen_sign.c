/*
 * keygen_sign.c - Ed25519 key generation for the CLI (see keygen_sign.h):
 * the secret key file and its public key file, in the format of
 * spec/utds-3-integrity.md section 5.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keygen_sign.h"
#include "libtrace/sign.h"

static const cli_cmd keygen_usage = {
    "keygen", cli_keygen_sign, "generate an Ed25519 signing key",
    "keygen -o KEYFILE [--force] [--json]\n"
    "  Write a new secret key to KEYFILE (mode 0600) and its public key to\n"
    "  KEYFILE.pub; print the key id. Existing files are kept unless --force.\n"
    "  Exit status: 0 written, 2 usage, 3 I/O error.\n"};

int cli_keygen_sign(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"force", no_argument, NULL, 'F'},
                                         {"keygen", no_argument, NULL, 'K'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    const char *out = NULL;
    char *pub;
    int c, rc, force = 0;
    trace_key *k = NULL;
    size_t n;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 'F')
            force = 1;
        else if (c == 'K')
            continue;
        else if ((rc = cli_common_opt(c, &keygen_usage, io)) >= 0)
            return rc;
    }
    if (!out || optind < argc)
        return cli_usage_error(io, &keygen_usage,
                               "needs -o KEYFILE and no other argument");
    n = strlen(out);
    pub = malloc(n + 5);
    if (!pub)
        return CLI_INTERNAL;
    memcpy(pub, out, n);
    memcpy(pub + n, ".pub", 5);
    if (!force && (access(out, F_OK) == 0 || access(pub, F_OK) == 0)) {
        cli_error(io, "%s or %s exists; use --force to replace it", out, pub);
        free(pub);
        return CLI_IO;
    }
    rc = trace_key_generate(&k, NULL);
    if (rc == TRACE_OK && (force && unlink(out) != 0 && access(out, F_OK) == 0))
        rc = TRACE_EIO;
    if (rc == TRACE_OK)
        rc = trace_key_save(k, 1, out);
    if (rc == TRACE_OK)
        rc = trace_key_save(k, 0, pub);
    if (rc != TRACE_OK) {
        cli_error(io, "cannot write %s", rc == TRACE_EIO ? out : "the key");
        trace_key_free(k);
        free(pub);
        return cli_exit_from_status(rc);
    }
    if (io->json) {
        fputs("{\"keyId\":", io->out), cli_json_str(io->out, trace_key_id(k));
        fputs(",\"secretKey\":", io->out), cli_json_str(io->out, out);
        fputs(",\"publicKey\":", io->out), cli_json_str(io->out, pub);
        fputs("}\n", io->out);
    } else {
        fprintf(io->out, "%s\n", trace_key_id(k));
    }
    trace_key_free(k);
    free(pub);
    return CLI_OK;
}
