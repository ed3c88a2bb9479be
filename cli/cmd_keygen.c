/*
 * cmd_keygen.c - `tracectl keygen`: make keys. With --issuer a UTDS trace
 * code issuer key (spec/utds-1-trace-code.md, "Issuer key file"); without it
 * an Ed25519 signing key pair (spec/utds-3-integrity.md, cli/keygen_sign.c).
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "keygen_sign.h"
#include "libtrace/utc.h"

static int cmd_keygen(int argc, char **argv, cli_io *io);

CLI_COMMAND(keygen) = {
    "keygen", cmd_keygen, "make keys: Ed25519 signing keys, or --issuer trace code keys",
    "keygen -o KEYFILE [--force] [--json]\n"
    "       keygen --issuer [--id C] [--force] -o FILE\n"
    "  Without --issuer: write a new Ed25519 secret key to KEYFILE (mode 0600)\n"
    "  and its public key to KEYFILE.pub, and print the key id.\n"
    "  With --issuer: write a new UTDS trace code issuer key (32 random bytes\n"
    "  and a key id character C, default A) to FILE, readable by its owner\n"
    "  only. FILE '-' writes to standard output.\n"
    "  --force replaces existing files.\n"
    "  Exit status: 0 written, 2 usage, 3 cannot write.\n"};

static int write_key(cli_io *io, const char *path, const char *text, size_t n, int force)
{
    int fd;
    ssize_t w;
    if (!strcmp(path, "-"))
        return fwrite(text, 1, n, io->out) == n ? CLI_OK : CLI_IO;
    fd = open(path, O_WRONLY | O_CREAT | (force ? O_TRUNC : O_EXCL), 0600);
    if (fd < 0) {
        cli_error(io, "cannot create %s%s", path, force ? "" : " (exists? use --force)");
        return CLI_IO;
    }
    w = write(fd, text, n);
    if (close(fd) != 0 || w != (ssize_t)n) {
        cli_error(io, "cannot write %s", path);
        return CLI_IO;
    }
    return CLI_OK;
}

static int cmd_keygen(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"issuer", no_argument, NULL, 'I'},
                                          {"id", required_argument, NULL, 'i'},
                                          {"force", no_argument, NULL, 'f'},
                                          {"output", required_argument, NULL, 'o'},
                                          CLI_COMMON_LONGOPTS,
                                          {0, 0, 0, 0}};
    const char *out = NULL, *id = "A";
    int c, issuer = 0, force = 0, rc;
    trace_utc_key key;
    char text[512];
    size_t n;
    for (c = 1; c < argc && strcmp(argv[c], "--issuer"); c++)
        ;
    if (c == argc) /* no --issuer: a signing key */
        return cli_keygen_sign(argc, argv, io);
    while ((c = getopt_long(argc, argv, "o:q", opts, NULL)) != -1) {
        if (c == 'I')
            issuer = 1;
        else if (c == 'i')
            id = optarg;
        else if (c == 'f')
            force = 1;
        else if (c == 'o')
            out = optarg;
        else if ((rc = cli_common_opt(c, &cli_cmd_keygen, io)) >= 0)
            return rc;
    }
    (void)issuer; /* --issuer was seen above */
    if (!out || optind != argc)
        return cli_usage_error(io, &cli_cmd_keygen, "needs -o FILE and no other arguments");
    if (strlen(id) != 1 || trace_utc_key_generate(id[0], &key) != TRACE_OK)
        return cli_usage_error(io, &cli_cmd_keygen, "--id takes one character 0-9 A-Z");
    n = trace_utc_key_format(&key, text, sizeof(text));
    rc = n ? write_key(io, out, text, n, force) : CLI_INTERNAL;
    memset(&key, 0, sizeof(key));
    memset(text, 0, sizeof(text));
    return rc;
}
