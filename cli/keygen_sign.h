/*
 * keygen_sign.h - Ed25519 key generation for `tracectl keygen -o KEYFILE`
 * (wired into cmd_keygen.c) and `tracectl sign --keygen -o KEYFILE`.
 */
#ifndef TRACECTL_KEYGEN_SIGN_H
#define TRACECTL_KEYGEN_SIGN_H

#include "cli.h"

/*
 * Generate a key pair: the secret key file KEYFILE (mode 0600) and the
 * public key file KEYFILE.pub; print the key id on stdout (or a JSON object
 * with --json). Options: -o KEYFILE (required), --force (overwrite).
 * argv[0] is the command name. Returns an exit status.
 */
int cli_keygen_sign(int argc, char **argv, cli_io *io);

#endif
