/*
 * progress.c - the progress line every long-running command shares (see
 * progress.h for the rules). It writes only to standard error, decides once
 * whether to draw, and rate-limits redraws to 5 Hz so the cost per record is
 * one clock read at most.
 */
#include <string.h>
#include <time.h>

#include "progress.h"

static uint64_t monotonic_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

int cli_progress_opt(int opt, int *mode)
{
    if (opt == CLI_OPT_PROGRESS)
        *mode = CLI_PROGRESS_ALWAYS;
    else if (opt == CLI_OPT_NO_PROGRESS)
        *mode = CLI_PROGRESS_NEVER;
    else
        return 0;
    return 1;
}

void cli_progress_start(cli_progress *p, const cli_io *io, int mode, const char *label,
                        uint64_t total_bytes)
{
    memset(p, 0, sizeof(*p));
    p->err = io->err;
    p->label = label ? label : "";
    p->total = total_bytes;
    p->clock_ns = monotonic_ns;
    if (mode == CLI_PROGRESS_ALWAYS)
        p->enabled = 1;
    else if (mode == CLI_PROGRESS_NEVER)
        p->enabled = 0;
    else
        p->enabled = io->is_tty && !io->quiet;
    p->start_ns = p->last_ns = p->clock_ns();
}

size_t cli_progress_format(const cli_progress *p, uint64_t now_ns, char *buf, size_t size)
{
    double secs = (double)(now_ns - p->start_ns) / 1e9;
    double mb = (double)p->bytes / 1e6;
    int n;
    if (p->total)
        n = snprintf(buf, size, "%s: %llu records, %.1f/%.1f MB (%.0f%%), %.1f MB/s",
                     p->label, (unsigned long long)p->records, mb, (double)p->total / 1e6,
                     100.0 * (double)p->bytes / (double)p->total,
                     secs > 0 ? mb / secs : 0.0);
    else
        n = snprintf(buf, size, "%s: %llu records, %.1f MB, %.1f MB/s", p->label,
                     (unsigned long long)p->records, mb, secs > 0 ? mb / secs : 0.0);
    return n < 0 ? 0 : (size_t)n;
}

/* Redraw the line in place; blank what a longer previous line left behind. */
static void draw(cli_progress *p, uint64_t now)
{
    char line[256];
    size_t n = cli_progress_format(p, now, line, sizeof(line));
    if (n >= sizeof(line))
        n = sizeof(line) - 1;
    fprintf(p->err, "\r%s", line);
    if (p->width > n)
        fprintf(p->err, "%*s", (int)(p->width - n), "");
    fflush(p->err);
    p->width = n;
    p->drawn = 1;
    p->last_ns = now;
}

void cli_progress_update(cli_progress *p, uint64_t records, uint64_t bytes)
{
    uint64_t now;
    p->records = records;
    p->bytes = bytes;
    if (!p->enabled)
        return;
    now = p->clock_ns();
    if (now - p->last_ns >= CLI_PROGRESS_INTERVAL_NS)
        draw(p, now);
}

void cli_progress_done(cli_progress *p)
{
    if (!p->enabled)
        return;
    draw(p, p->clock_ns());
    fputc('\n', p->err);
    fflush(p->err);
    p->enabled = 0; /* a second call draws nothing */
}
