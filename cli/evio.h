/*
 * evio.h - what the document commands (dump, convert, info, split) share:
 * opening a reader with streamed diagnostics, format options, progress.
 */
#ifndef TRACECTL_EVIO_H
#define TRACECTL_EVIO_H

#include <time.h>

#include "cli.h"

typedef struct cli_evin {
    cli_io *io;
    cli_io diag_io;          /* diagnostics: JSON on stderr when stdout carries data */
    trace_ctx *ctx;
    trace_diag_list *diags;  /* streams every diagnostic to diag_io, keeps none */
    trace_reader *r;
    double last_progress;    /* monotonic seconds of the last progress line */
    int progress_shown;
} cli_evin;

/*
 * Open path ("-" = io->in) for reading as fmt (TRACE_FMT_AUTO detects).
 * json_on_err: print --json diagnostics on stderr (stdout is data).
 * Returns -1 on success, else the exit status (diagnostics printed).
 */
int cli_evin_open(cli_evin *e, cli_io *io, const char *path, trace_format fmt, int json_on_err);
/* Errors (and fatal) diagnostics reported so far. */
size_t cli_evin_errors(const cli_evin *e);
/* Print a progress line on a terminal, at most 5 times a second (final: always, then newline). */
void cli_evin_progress(cli_evin *e, int final);
void cli_evin_close(cli_evin *e);

/* Parse a format name for reading (want_write 0) or writing; prints usage errors.
 * Returns -1 on success, else the exit status. */
int cli_format_arg(cli_io *io, const cli_cmd *cmd, const char *name, int want_write,
                   trace_format *out);
/* The exit status for a reader status that ended a read loop. */
int cli_evin_exit(const cli_evin *e, int rc);

#endif
