/*
 * code_gs1.h - shared by the GS1 code subcommands (cli/code_gs1*.c).
 */
#ifndef TRACECTL_CODE_GS1_H
#define TRACECTL_CODE_GS1_H

#include "cli.h"

typedef struct cli_gs1_cmd {
    const cli_cmd *cmd;
    trace_gs1_form form;
} cli_gs1_cmd;

/* Run a conversion subcommand. */
int cli_gs1_run(const cli_gs1_cmd *c, int argc, char **argv, cli_io *io);
/* One JSON object for a parsed input: input, valid, scheme, elements, dl,
 * output (or null), omitted AIs, errors, values. */
void cli_gs1_json(cli_io *io, const char *in, const trace_code_result *res,
                  const char *output, uint64_t omitted);
/* Diagnostics of a parsed input on stderr, plus why a conversion failed. */
void cli_gs1_diags(cli_io *io, const char *in, const trace_code_result *res, int rc,
                   uint64_t omitted);
/* Compressed Digital Link of a parsed input (code_gs1_dlc.c): the non-GS1
 * query pairs of a URI input go along (TRACE_GS1_DLC_* flags). */
int cli_gs1_dlc(const char *in, const trace_code_result *res, const char *stem,
                unsigned flags, char *out, size_t size);

#endif
