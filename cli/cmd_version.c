/*
 * cmd_version.c - `tracectl version`: the tool, library and dependency versions.
 */
#include <jansson.h>
#include <libxml/parser.h>
#include <sodium.h>
#include <string.h>
#include <zlib.h>

#include "cli.h"

static int cmd_version(int argc, char **argv, cli_io *io);

CLI_COMMAND(version) = {
    "version", cmd_version, "print versions and build features",
    "version [-q]\n"
    "  Print the tracectl and libtrace versions, the versions of the\n"
    "  libraries it runs with, and the build features.\n"
    "  -q, --quiet  print only the bare version\n"};

static int cmd_version(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        int rc = cli_common_opt(c, &cli_cmd_version, io);
        if (rc >= 0)
            return rc;
    }
    if (io->quiet) {
        fprintf(io->out, "%s\n", trace_version());
        return CLI_OK;
    }
    fprintf(io->out, "tracectl %s (libtrace %s, UTDS %s)\n", TRACE_VERSION_STRING,
            trace_version(), TRACE_UTDS_VERSION);
    fprintf(io->out, "libxml2 %s, jansson %s, zlib %s, libsodium %s\n", xmlParserVersion,
            jansson_version_str(), zlibVersion(), sodium_version_string());
    fprintf(io->out, "Features: %s\n", trace_features());
    if (strcmp(trace_version(), TRACE_VERSION_STRING) != 0)
        fprintf(io->err, "tracectl: warning: built with libtrace %s, running with %s\n",
                TRACE_VERSION_STRING, trace_version());
    return CLI_OK;
}
