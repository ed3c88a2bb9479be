/*
 * progress.h - a progress line on standard error for commands that read big
 * inputs: records done, megabytes read, rate, and the percentage when the
 * total size is known.
 *
 * Rules (shared by every command, documented in tracectl(1)):
 *   - progress goes to io->err only, never to standard output;
 *   - by default it is shown only when standard error is a terminal
 *     (io->is_tty); --progress forces it, --no-progress suppresses it;
 *   - the line is redrawn in place ("\r") at most 5 times a second, so a fast
 *     loop may call cli_progress_update on every record;
 *   - cli_progress_done ends the line, so later messages start on a clean line.
 *
 * Usage in a command:
 *
 *     static const struct option opts[] = {..., CLI_PROGRESS_LONGOPTS,
 *                                          CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
 *     int mode = CLI_PROGRESS_AUTO;
 *     ... in the getopt loop: if (cli_progress_opt(c, &mode)) continue;
 *     cli_progress p;
 *     cli_progress_start(&p, io, mode, "validate", total_bytes_or_0);
 *     for each record: cli_progress_update(&p, records, bytes);
 *     cli_progress_done(&p);
 *
 * Thread-safety: one cli_progress per thread; it holds no global state.
 */
#ifndef TRACECTL_PROGRESS_H
#define TRACECTL_PROGRESS_H

#include <stdint.h>

#include "cli.h"

/* --progress / --no-progress, for a command's option array. */
#define CLI_OPT_PROGRESS    1010
#define CLI_OPT_NO_PROGRESS 1011
#define CLI_PROGRESS_LONGOPTS                                                            \
    {"progress", no_argument, NULL, CLI_OPT_PROGRESS},                                   \
    {                                                                                    \
        "no-progress", no_argument, NULL, CLI_OPT_NO_PROGRESS                            \
    }

enum cli_progress_mode {
    CLI_PROGRESS_AUTO = 0,   /* only when standard error is a terminal */
    CLI_PROGRESS_ALWAYS = 1, /* --progress */
    CLI_PROGRESS_NEVER = 2   /* --no-progress */
};

/* Minimum time between two redraws: 5 Hz. */
#define CLI_PROGRESS_INTERVAL_NS 200000000ull

typedef struct cli_progress {
    FILE *err;         /* where the line goes */
    const char *label; /* e.g. "validate"; static or outliving the progress */
    int enabled;       /* decided once, at start */
    int drawn;         /* something is on the line and needs ending */
    uint64_t total;    /* total bytes, 0 unknown */
    uint64_t records;  /* last values reported */
    uint64_t bytes;
    uint64_t start_ns;          /* clock at start */
    uint64_t last_ns;           /* clock at the last redraw */
    size_t width;               /* length of the last line drawn, to blank leftovers */
    uint64_t (*clock_ns)(void); /* monotonic clock; tests substitute their own */
} cli_progress;

/* Handle --progress / --no-progress: set *mode and return 1, or return 0 when
 * opt is another option. */
int cli_progress_opt(int opt, int *mode);

/* Start a progress line for io. total_bytes is the input size when known
 * (a regular file), else 0. Draws nothing yet. */
void cli_progress_start(cli_progress *p, const cli_io *io, int mode, const char *label,
                        uint64_t total_bytes);

/* Report the running totals. Redraws when at least CLI_PROGRESS_INTERVAL_NS
 * passed since the last redraw; otherwise only records the values. */
void cli_progress_update(cli_progress *p, uint64_t records, uint64_t bytes);

/* Draw the final totals (when enabled and anything was drawn, or when forced
 * with --progress) and end the line. Safe to call more than once. */
void cli_progress_done(cli_progress *p);

/* Render the progress text into buf (no "\r", no newline). Exposed for tests.
 * now_ns is the clock reading used for the rate. */
size_t cli_progress_format(const cli_progress *p, uint64_t now_ns, char *buf,
                           size_t size);

#endif
