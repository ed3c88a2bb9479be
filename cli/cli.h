/*
 * cli.h - what every tracectl subcommand shares: the command table entry,
 * the I/O bundle (so commands run in-process under `tracectl conform`),
 * exit codes, common options and diagnostic printing.
 *
 * A command registers itself with CLI_COMMAND(id) = {...} in cli/ *.c; the
 * build greps for it and generates the table (build/gen/cli_cmds.inc).
 * Subcommands of `tracectl code` use CLI_CODE_COMMAND(id) likewise.
 */
#ifndef TRACECTL_CLI_H
#define TRACECTL_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "libtrace/trace.h"

/* Exit status, documented in man/tracectl.1 (EXIT STATUS). Never reused. */
enum cli_exit {
    CLI_OK = 0,       /* valid / success */
    CLI_FINDINGS = 1, /* invalid input found, mismatch, conformance failure */
    CLI_USAGE = 2,    /* bad command line */
    CLI_IO = 3,       /* cannot read or write a file */
    CLI_INTERNAL = 4  /* out of memory, internal error */
};

typedef struct cli_io {
    FILE *in, *out, *err;
    trace_lang lang;
    int json;       /* --json: JSON Lines on out */
    int quiet;      /* -q */
    int is_tty;     /* err is a terminal (progress allowed) */
    const char *cmd; /* "code check", for messages */
} cli_io;

typedef int (*cli_fn)(int argc, char **argv, cli_io *io);

typedef struct cli_cmd {
    const char *name;
    cli_fn fn;
    const char *summary; /* one line, for the command list */
    const char *usage;   /* full --help text (after "usage: tracectl ") */
} cli_cmd;

#define CLI_COMMAND(id) const cli_cmd cli_cmd_##id
#define CLI_CODE_COMMAND(id) const cli_cmd cli_code_##id

/* Common long options: --json, --lang, --help, --quiet. Put CLI_COMMON_LONGOPTS in
 * each command's option array; pass unknown results to cli_common_opt. */
#define CLI_OPT_JSON 1000
#define CLI_OPT_LANG 1001
#define CLI_OPT_HELP 1002
#define CLI_COMMON_LONGOPTS                                                               \
    {"json", no_argument, NULL, CLI_OPT_JSON}, {"lang", required_argument, NULL, CLI_OPT_LANG}, \
        {"help", no_argument, NULL, CLI_OPT_HELP}, {"quiet", no_argument, NULL, 'q'}

/* Handle a common option or report a usage error.
 * Returns -1 when handled and the command should go on, else the exit status. */
int cli_common_opt(int opt, const cli_cmd *cmd, cli_io *io);
/* Reset getopt before parsing (commands run more than once in-process). */
void cli_getopt_reset(void);
/* Print "tracectl: <cmd>: msg" on err and return CLI_USAGE. */
int cli_usage_error(cli_io *io, const cli_cmd *cmd, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Print a one-line error to err (no exit-status meaning). */
void cli_error(cli_io *io, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Print one diagnostic: "file:line:col: ID: severity: message" or a JSON object. */
void cli_print_diag(cli_io *io, const trace_diag *d);
/* Write s as a JSON string literal. */
void cli_json_str(FILE *out, const char *s);
/* Map a library status to an exit status. */
int cli_exit_from_status(int status);

/* Find a top-level command by name. */
const cli_cmd *cli_find(const char *name);
/* Run a top-level command line (argv[0] = command name) with the given I/O. */
int cli_dispatch(int argc, char **argv, cli_io *io);

#endif
