/*
 * cmd_check.c - `tracectl check ALG VALUE...`: verify or compute check
 * characters with the check module.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "progress.h"

static int cmd_check(int argc, char **argv, cli_io *io);

CLI_COMMAND(check) = {
    "check", cmd_check, "verify or compute check characters",
    "check [--compute] [--json] [--lang en|zh] [--progress|--no-progress] ALG VALUE...\n"
    "       check --list\n"
    "  Verify VALUEs whose last character(s) are the check, or with --compute\n"
    "  print each payload followed by its check character(s). With VALUE '-'\n"
    "  values are read from standard input, one per line.\n"
    "  --compute      compute instead of verify\n"
    "  --list         list the algorithms\n"
    "  --json         one JSON object per value on standard output\n"
    "  --lang en|zh   language of diagnostics\n"
    "  --progress     show progress on standard error while reading '-'\n"
    "                 (default: only when standard error is a terminal)\n"
    "  --no-progress  never show progress\n"
    "  ALG: gs1 gs1-alnum mod11-2 mod37-2 mod97-10 mod11-10 mod37-36\n"
    "       mod1271-36 gb32100 gb11714 cas luhn iban\n"
    "  Exit status: 0 all valid, 1 any invalid, 2 usage.\n"};

/* CAS numbers are written 7732-18-5: drop the hyphens before checking. */
static size_t strip_cas(const char *v, char *buf, size_t size)
{
    size_t n = 0;
    for (; *v && n + 1 < size; v++)
        if (*v != '-')
            buf[n++] = *v;
    buf[n] = '\0';
    return n;
}

/* One result. d is the diagnostic of an invalid value (NULL when none): in
 * JSON its code and span become "code", "offset" and "length". */
/* Map an offset in the hyphen-less CAS digits back to the value as written. */
static int64_t cas_offset(const char *value, int64_t off)
{
    int64_t i, digits = 0;
    for (i = 0; value[i]; i++) {
        if (value[i] == '-')
            continue;
        if (digits++ == off)
            return i;
    }
    return off;
}

static void print_result(cli_io *io, const char *alg, const char *value, int ok,
                         const char *check, const trace_diag *d)
{
    const char *expected = d ? trace_diag_arg_get(d, "expected") : NULL;
    if (io->json) {
        fputs("{\"alg\":", io->out), cli_json_str(io->out, alg);
        fputs(",\"input\":", io->out), cli_json_str(io->out, value);
        fprintf(io->out, ",\"valid\":%s", ok ? "true" : "false");
        if (check && ok)
            fputs(",\"check\":", io->out), cli_json_str(io->out, check);
        if (expected)
            fputs(",\"expected\":", io->out), cli_json_str(io->out, expected);
        if (d && d->id) {
            fputs(",\"code\":", io->out), cli_json_str(io->out, d->id);
            if (d->loc.offset >= 0)
                fprintf(io->out, ",\"offset\":%lld,\"length\":%u",
                        (long long)d->loc.offset, d->loc.length);
        }
        fputs("}\n", io->out);
    } else if (check && ok) {
        fprintf(io->out, "%s%s\n", value, check);
    } else {
        fprintf(io->out, "%s: %s\n", value, ok ? "ok" : "invalid");
    }
}

static int one(cli_io *io, trace_check_alg alg, const char *value, int compute)
{
    char buf[256], chk[4] = "";
    const char *v = value;
    size_t len = strlen(value);
    trace_diag d;
    int rc;
    if (alg == TRACE_CHECK_CAS)
        len = strip_cas(value, buf, sizeof(buf)), v = buf;
    memset(&d, 0, sizeof(d));
    if (compute) {
        rc = trace_check_compute(alg, v, len, chk, sizeof(chk));
        if (rc == TRACE_OK) {
            print_result(io, trace_check_name(alg), value, 1, chk, NULL);
            return 0;
        }
        /* Say why the payload cannot take a check: diagnose it with a dummy check
         * appended, which reports the payload's bad character or length. */
        if (v != buf)
            snprintf(buf, sizeof(buf), "%s", value), v = buf;
        if (len + 2 < sizeof(buf)) {
            memcpy(buf + len, "00", 2);
            trace_check_diagnose(alg, v, len + trace_check_width(alg), &d);
        }
        if (alg == TRACE_CHECK_CAS && d.loc.offset >= 0)
            d.loc.offset = cas_offset(value, d.loc.offset);
        print_result(io, trace_check_name(alg), value, 0, NULL, &d);
    } else {
        rc = trace_check_diagnose(alg, v, len, &d);
        if (rc == 0 && alg == TRACE_CHECK_CAS && d.loc.offset >= 0)
            d.loc.offset = cas_offset(value, d.loc.offset);
        print_result(io, trace_check_name(alg), value, rc == 1, NULL,
                     rc == 0 ? &d : NULL);
        if (rc == 1)
            return 0;
    }
    if (!io->json && !io->quiet && d.id)
        cli_print_diag(io, &d);
    return 1;
}

/* Size of the input when it is a regular file (for the percentage), else 0. */
static uint64_t input_size(FILE *in)
{
    struct stat st;
    int fd = fileno(in);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    return (uint64_t)st.st_size;
}

/* Check every line of the input (any length); a big batch shows progress on a
 * terminal. */
static int from_input(cli_io *io, trace_check_alg alg, int compute, int progress)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    uint64_t records = 0, bytes = 0;
    cli_progress p;
    int bad = 0;
    cli_progress_start(&p, io, progress, "check", input_size(io->in));
    while ((n = getline(&line, &cap, io->in)) >= 0) {
        bytes += (uint64_t)n;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0]) {
            bad |= one(io, alg, line, compute);
            cli_progress_update(&p, ++records, bytes);
        }
    }
    free(line);
    cli_progress_done(&p);
    return bad;
}

static int cmd_check(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"compute", no_argument, NULL, 'c'},
                                         {"list", no_argument, NULL, 'l'},
                                         CLI_PROGRESS_LONGOPTS,
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    int c, compute = 0, bad = 0, i, progress = CLI_PROGRESS_AUTO;
    trace_check_alg alg;
    while ((c = getopt_long(argc, argv, "clq", opts, NULL)) != -1) {
        int rc;
        if (c == 'c') {
            compute = 1;
            continue;
        }
        if (c == 'l') {
            for (i = 0; i < TRACE_CHECK_COUNT; i++)
                fprintf(io->out, "%s\n", trace_check_name((trace_check_alg)i));
            return CLI_OK;
        }
        if (cli_progress_opt(c, &progress))
            continue;
        if ((rc = cli_common_opt(c, &cli_cmd_check, io)) >= 0)
            return rc;
    }
    if (argc - optind < 2)
        return cli_usage_error(io, &cli_cmd_check, "needs ALG and at least one VALUE");
    if (trace_check_by_name(argv[optind], &alg) != TRACE_OK)
        return cli_usage_error(io, &cli_cmd_check, "unknown algorithm '%s'",
                               argv[optind]);
    for (i = optind + 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0)
            bad |= from_input(io, alg, compute, progress);
        else
            bad |= one(io, alg, argv[i], compute);
    }
    return bad ? CLI_FINDINGS : CLI_OK;
}
