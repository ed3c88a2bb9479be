/*
 * evio.c - reader setup, streamed diagnostics and progress for the
 * document commands (see evio.h).
 */
#include <string.h>
#include <time.h>

#include "evio.h"

static void print_diag_cb(const trace_diag *d, void *payload)
{
    cli_print_diag(payload, d);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cli_format_arg(cli_io *io, const cli_cmd *cmd, const char *name, int want_write,
                   trace_format *out)
{
    trace_format f;
    if (trace_format_from_name(name, &f) != TRACE_OK || (want_write && f == TRACE_FMT_AUTO))
        return cli_usage_error(io, cmd, "unknown format '%s'", name);
    if (f != TRACE_FMT_AUTO && !trace_format_supported(f, want_write)) {
        cli_error(io, "format '%s' cannot be %s by this build", name,
                  want_write ? "written" : "read");
        return CLI_USAGE;
    }
    *out = f;
    return -1;
}

int cli_evin_open(cli_evin *e, cli_io *io, const char *path, trace_format fmt, int json_on_err)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    int rc;
    memset(e, 0, sizeof(*e));
    e->io = io;
    e->diag_io = *io;
    if (json_on_err)
        e->diag_io.out = io->err;
    if (trace_ctx_new(&e->ctx, NULL) != TRACE_OK ||
        trace_diag_list_new(&e->diags, 0, NULL) != TRACE_OK) {
        cli_evin_close(e);
        cli_error(io, "out of memory");
        return CLI_INTERNAL;
    }
    trace_diag_list_set_callback(e->diags, print_diag_cb, &e->diag_io, 0);
    ro.format = fmt;
    ro.diags = e->diags;
    if (!strcmp(path, "-")) {
        ro.source_name = "-";
        rc = trace_reader_open_fp(&e->r, e->ctx, io->in, &ro);
    } else {
        rc = trace_reader_open_file(&e->r, e->ctx, path, &ro);
    }
    if (rc != TRACE_OK) {
        if (rc == TRACE_EUNSUPPORTED)
            cli_error(io, "format '%s' cannot be read by this build", trace_format_name(fmt));
        cli_evin_close(e);
        return cli_exit_from_status(rc);
    }
    e->last_progress = now_s();
    return -1;
}

size_t cli_evin_errors(const cli_evin *e)
{
    return trace_diag_list_count_severity(e->diags, TRACE_SEV_ERROR);
}

int cli_evin_exit(const cli_evin *e, int rc)
{
    if (rc == TRACE_EIO)
        return CLI_IO;
    if (rc == TRACE_ENOMEM)
        return CLI_INTERNAL;
    return cli_evin_errors(e) ? CLI_FINDINGS : CLI_OK;
}

/* Large inputs only: a progress line for a few kilobytes is noise. */
#define PROGRESS_MIN_BYTES (8u << 20)

void cli_evin_progress(cli_evin *e, int final)
{
    double t;
    uint64_t size, done;
    if (!e->io->is_tty || e->io->quiet || !e->r)
        return;
    size = trace_reader_size(e->r);
    done = trace_reader_bytes(e->r);
    if (final) {
        if (e->progress_shown)
            fputs("\n", e->io->err);
        return;
    }
    if ((size ? size : done) < PROGRESS_MIN_BYTES)
        return;
    t = now_s();
    if (t - e->last_progress < 0.2)
        return;
    e->last_progress = t;
    e->progress_shown = 1;
    if (size)
        fprintf(e->io->err, "\r%llu events, %3.0f%%", (unsigned long long)trace_reader_events(e->r),
                100.0 * (double)done / (double)size);
    else
        fprintf(e->io->err, "\r%llu events, %llu MiB",
                (unsigned long long)trace_reader_events(e->r),
                (unsigned long long)(done >> 20));
    fflush(e->io->err);
}

void cli_evin_close(cli_evin *e)
{
    trace_reader_free(e->r);
    trace_diag_list_free(e->diags);
    trace_ctx_free(e->ctx);
    e->r = NULL;
    e->diags = NULL;
    e->ctx = NULL;
}
