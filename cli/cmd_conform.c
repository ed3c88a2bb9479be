/*
 * cmd_conform.c - `tracectl conform [DIR]`: run the conformance vectors
 * in-process through tracectl's own command table and report.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#ifndef TRACE_DATADIR
#define TRACE_DATADIR "/usr/local/share/libtrace"
#endif

static int cmd_conform(int argc, char **argv, cli_io *io);

CLI_COMMAND(conform) = {
    "conform", cmd_conform, "run the conformance vectors",
    "conform [--filter TEXT] [--stop] [--json FILE] [--junit FILE] [DIR]\n"
    "  Run every *.vec case under DIR (default: $TRACE_VECTORS, ./testvectors,\n"
    "  then the installed vectors) and print a per-part summary ending with the\n"
    "  line 'N passed, N failed'. Format: spec/conformance.md.\n"
    "  --filter TEXT  run only cases whose id or part contains TEXT\n"
    "  --stop         stop at the first failure\n"
    "  --json FILE    also write a JSON report ('-' for standard output)\n"
    "  --junit FILE   also write a JUnit XML report\n"
    "  Exit status: 0 all passed, 1 any failed, 3 DIR unreadable.\n"};

/* Executor: run one case as a tracectl command with redirected streams. */
static int exec_case(int argc, char **argv, FILE *in, FILE *out, FILE *err, void *payload)
{
    cli_io io;
    (void)payload;
    memset(&io, 0, sizeof(io));
    io.in = in, io.out = out, io.err = err;
    io.lang = TRACE_LANG_EN; /* vectors are deterministic: --lang zh selects Chinese */
    if (!strcmp(argv[0], "conform")) {
        fprintf(err, "conform cannot run itself\n");
        return CLI_USAGE;
    }
    return cli_dispatch(argc, argv, &io);
}

static int is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static const char *default_dir(void)
{
    const char *env = getenv("TRACE_VECTORS");
    if (env && *env)
        return env;
    if (is_dir("testvectors"))
        return "testvectors";
    return TRACE_DATADIR "/testvectors";
}

static int write_report(cli_io *io, const trace_conform_report *r, const char *fmt,
                        const char *path)
{
    FILE *f;
    int rc;
    if (!path)
        return CLI_OK;
    if (!strcmp(path, "-"))
        return trace_conform_report_write(r, fmt, io->out) == TRACE_OK ? CLI_OK : CLI_IO;
    if (!(f = fopen(path, "w"))) {
        cli_error(io, "cannot write %s", path);
        return CLI_IO;
    }
    rc = trace_conform_report_write(r, fmt, f);
    if (fclose(f) != 0 || rc != TRACE_OK)
        return CLI_IO;
    return CLI_OK;
}

static int cmd_conform(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"filter", required_argument, NULL, 'f'},
                                         {"stop", no_argument, NULL, 's'},
                                         {"json", required_argument, NULL, 'J'},
                                         {"junit", required_argument, NULL, 'U'},
                                         {"lang", required_argument, NULL, CLI_OPT_LANG},
                                         {"help", no_argument, NULL, CLI_OPT_HELP},
                                         {0, 0, 0, 0}};
    trace_conform_options o = TRACE_CONFORM_OPTIONS_INIT;
    trace_conform_report *rep = NULL;
    const char *dir, *json = NULL, *junit = NULL;
    int c, rc;
    while ((c = getopt_long(argc, argv, "f:s", opts, NULL)) != -1) {
        if (c == 'f')
            o.filter = optarg;
        else if (c == 's')
            o.stop_on_failure = 1;
        else if (c == 'J')
            json = optarg;
        else if (c == 'U')
            junit = optarg;
        else if ((rc = cli_common_opt(c, &cli_cmd_conform, io)) >= 0)
            return rc;
    }
    if (argc - optind > 1)
        return cli_usage_error(io, &cli_cmd_conform, "takes at most one DIR");
    dir = optind < argc ? argv[optind] : default_dir();
    if (!is_dir(dir)) {
        cli_error(io, "cannot read vector directory %s", dir);
        return CLI_IO;
    }
    rc = trace_conform_run(NULL, dir, &o, exec_case, NULL, &rep);
    if (!rep) {
        cli_error(io, "%s", trace_strerror(rc, io->lang));
        return cli_exit_from_status(rc);
    }
    trace_conform_report_write(rep, "text",
                               (json && !strcmp(json, "-")) ? io->err : io->out);
    if ((rc = write_report(io, rep, "json", json)) == CLI_OK)
        rc = write_report(io, rep, "junit", junit);
    if (rc == CLI_OK && trace_conform_report_failed(rep))
        rc = CLI_FINDINGS;
    trace_conform_report_free(rep);
    return rc;
}
