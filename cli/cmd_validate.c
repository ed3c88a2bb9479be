/*
 * cmd_validate.c - `tracectl validate`: validate documents against EPCIS 2.0,
 * the CBV and the UTDS profiles. Streams each file in constant memory;
 * -j N validates files in parallel with per-file output kept in order.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int cmd_validate(int argc, char **argv, cli_io *io);

CLI_COMMAND(validate) = {
    "validate", cmd_validate, "validate documents against EPCIS, CBV and UTDS profiles",
    "validate [OPTIONS] FILE...|-\n"
    "  Validate EPCIS 2.0 XML, JSON-LD, UTDS JSON Lines or CSV documents (gzip\n"
    "  accepted) and print one line per problem, 'file:line:col: CODE: severity:\n"
    "  message', then a summary line per file.\n"
    "  -f, --format FMT     input format (xml jsonld jsonl csv xml12; default: detect)\n"
    "  --profile FAMILY     UTDS profile to apply (default: the document's)\n"
    "  --local FILE         local profile adding requirements (repeatable)\n"
    "  --no-profile         skip the UTDS profile layer (plain EPCIS/CBV checks)\n"
    "  --xsd PATH           XML input: also run libxml2's streaming XSD validation\n"
    "                       (PATH: the EPCIS 2.0 XSD file, or the directory holding it)\n"
    "  --master FILE        master data document for reference checks\n"
    "  --level LEVEL        CBV level: compatible (default) or compliant\n"
    "  --now TIME           reference time for the future check (RFC 3339)\n"
    "  --max-diags N        stop storing after N diagnostics per file (default 10000)\n"
    "  -j N                 validate N files in parallel\n"
    "  --json               JSON Lines: one object per diagnostic, then a summary\n"
    "  --lang en|zh         message language\n"
    "  -q, --quiet          print only the summary\n"
    "  Exit status: 0 valid, 1 problems found, 2 usage, 3 I/O.\n"};

typedef struct vopts {
    trace_format format;
    trace_validate_options vo;
    const char *master_file;
    char xsd[1024];
    const char *local_files[16];
    int nlocal;
    size_t max_diags;
} vopts;

typedef struct job {
    const char *file;
    const vopts *o;
    cli_io io;       /* out is this job's buffer when running in parallel */
    char *buf;
    size_t buflen;
    trace_validate_summary sum;
    int status;      /* CLI exit status for this file */
} job;

static void on_diag(const trace_diag *d, void *payload)
{
    cli_io *io = payload;
    cli_io copy = *io;
    if (io->quiet && d->severity < TRACE_SEV_FATAL)
        return;
    copy.err = io->out; /* diagnostics are this command's output */
    cli_print_diag(&copy, d);
}

static void print_summary(cli_io *io, const char *file, const trace_validate_summary *s, int ok)
{
    if (io->json) {
        fputs("{\"summary\":{\"file\":", io->out);
        cli_json_str(io->out, file);
        fprintf(io->out,
                ",\"valid\":%s,\"events\":%llu,\"invalid\":%llu,\"errors\":%llu,"
                "\"warnings\":%llu}}\n",
                ok ? "true" : "false", (unsigned long long)s->events,
                (unsigned long long)s->invalid, (unsigned long long)s->errors,
                (unsigned long long)s->warnings);
        return;
    }
    fprintf(io->out, "%s: %s: %llu events, %llu invalid, %llu errors, %llu warnings\n", file,
            ok ? "valid" : "INVALID", (unsigned long long)s->events,
            (unsigned long long)s->invalid, (unsigned long long)s->errors,
            (unsigned long long)s->warnings);
}

static void progress(uint64_t events, uint64_t bytes, uint64_t total, void *payload)
{
    cli_io *io = payload;
    if (!io->is_tty)
        return;
    if (total)
        fprintf(io->err, "\r%llu events, %.1f MB (%.0f%%)", (unsigned long long)events,
                (double)bytes / 1e6, 100.0 * (double)bytes / (double)total);
    else
        fprintf(io->err, "\r%llu events, %.1f MB", (unsigned long long)events,
                (double)bytes / 1e6);
}

/* Open FILE ("-": the command's input) with a reader whose diagnostics stream to on_diag. */
static int open_reader(const trace_ctx *ctx, cli_io *io, const char *file, trace_format fmt,
                       const char *xsd, trace_diag_list *diags, trace_reader **r)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    ro.format = fmt;
    ro.diags = diags;
    ro.xsd = xsd && *xsd ? xsd : NULL;
    if (!strcmp(file, "-")) {
        ro.source_name = "-";
        return trace_reader_open_fp(r, ctx, io->in, &ro);
    }
    return trace_reader_open_file(r, ctx, file, &ro);
}

static int run_job(job *j, const trace_ctx *ctx)
{
    trace_diag_list *diags = NULL;
    trace_reader *r = NULL, *mr = NULL;
    trace_validator *v = NULL;
    trace_validate_options vo = j->o->vo;
    const trace_masterdata *md = NULL;
    int rc;
    if (trace_diag_list_new(&diags, j->o->max_diags, trace_ctx_allocator(ctx)) != TRACE_OK)
        return CLI_INTERNAL;
    trace_diag_list_set_callback(diags, on_diag, &j->io, 0);
    if (j->o->master_file) {
        if (open_reader(ctx, &j->io, j->o->master_file, TRACE_FMT_AUTO, NULL, diags, &mr) != TRACE_OK ||
            trace_reader_header(mr, NULL, &md) != TRACE_OK) {
            trace_reader_free(mr);
            trace_diag_list_free(diags);
            return CLI_IO;
        }
        vo.master = md;
    }
    rc = trace_validator_new(&v, ctx, &vo);
    if (rc == TRACE_OK)
        rc = open_reader(ctx, &j->io, j->file, j->o->format, j->o->xsd, diags, &r);
    if (rc == TRACE_OK)
        rc = trace_validate_stream(v, r, diags, &j->sum, progress, &j->io);
    if (j->io.is_tty && j->sum.events >= 10000)
        fputs("\r\033[K", j->io.err);
    if (rc == TRACE_OK || rc == TRACE_EDATA || rc == TRACE_ELIMIT)
        print_summary(&j->io, j->file, &j->sum, rc == TRACE_OK);
    j->status = rc == TRACE_OK ? CLI_OK : rc == TRACE_ENOTFOUND ? CLI_USAGE
                                                                 : cli_exit_from_status(rc);
    if (rc == TRACE_ENOTFOUND)
        cli_error(&j->io, "unknown profile '%s'", vo.profile ? vo.profile : "");
    trace_validator_free(v);
    trace_reader_free(r);
    trace_reader_free(mr);
    trace_diag_list_free(diags);
    return j->status;
}

typedef struct pool {
    job *jobs;
    size_t n, next;
    const trace_ctx *ctx;
    pthread_mutex_t lock;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        size_t i;
        pthread_mutex_lock(&p->lock);
        i = p->next++;
        pthread_mutex_unlock(&p->lock);
        if (i >= p->n)
            return NULL;
        run_job(&p->jobs[i], p->ctx);
        fclose(p->jobs[i].io.out);
    }
}

/* Run every job on nthreads threads; each writes to its own buffer, printed in order. */
static int run_parallel(job *jobs, size_t n, const trace_ctx *ctx, cli_io *io, long nthreads)
{
    pool p;
    pthread_t t[64];
    long k;
    size_t i;
    int worst = CLI_OK;
    p.jobs = jobs, p.n = n, p.next = 0, p.ctx = ctx;
    pthread_mutex_init(&p.lock, NULL);
    for (i = 0; i < n; i++) {
        jobs[i].io.out = open_memstream(&jobs[i].buf, &jobs[i].buflen);
        jobs[i].io.is_tty = 0;
        if (!jobs[i].io.out)
            return CLI_INTERNAL;
    }
    for (k = 0; k < nthreads; k++)
        if (pthread_create(&t[k], NULL, worker, &p) != 0)
            break;
    nthreads = k;
    if (nthreads == 0)
        worker(&p);
    for (k = 0; k < nthreads; k++)
        pthread_join(t[k], NULL);
    pthread_mutex_destroy(&p.lock);
    for (i = 0; i < n; i++) {
        fwrite(jobs[i].buf, 1, jobs[i].buflen, io->out);
        free(jobs[i].buf);
        if (jobs[i].status > worst)
            worst = jobs[i].status;
    }
    return worst;
}

static int parse_level(const char *s, trace_cbv_level *out)
{
    if (!strcmp(s, "compatible"))
        *out = TRACE_LEVEL_COMPATIBLE;
    else if (!strcmp(s, "compliant"))
        *out = TRACE_LEVEL_COMPLIANT;
    else
        return -1;
    return 0;
}

static int parse_args(int argc, char **argv, cli_io *io, vopts *o, long *jobs)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'}, {"profile", required_argument, NULL, 'P'},
        {"local", required_argument, NULL, 'L'},  {"master", required_argument, NULL, 'M'},
        {"level", required_argument, NULL, 'l'},  {"now", required_argument, NULL, 'N'},
        {"max-diags", required_argument, NULL, 'D'}, {"no-profile", no_argument, NULL, 'X'},
        {"xsd", required_argument, NULL, 'S'},
        CLI_COMMON_LONGOPTS, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "f:j:q", opts, NULL)) != -1) {
        trace_time t;
        int rc;
        switch (c) {
        case 'f':
            if (trace_format_from_name(optarg, &o->format) != TRACE_OK)
                return cli_usage_error(io, &cli_cmd_validate, "unknown format '%s'", optarg);
            break;
        case 'P': o->vo.profile = optarg; break;
        case 'L':
            if (o->nlocal == 16)
                return cli_usage_error(io, &cli_cmd_validate, "at most 16 --local files");
            o->local_files[o->nlocal++] = optarg;
            break;
        case 'X': o->vo.flags |= TRACE_VALIDATE_NO_PROFILE; break;
        case 'S': {
            struct stat st;
            /* a directory names the EPCIS 2.0 schema set: its main file */
            snprintf(o->xsd, sizeof(o->xsd), "%s%s", optarg,
                     stat(optarg, &st) == 0 && S_ISDIR(st.st_mode)
                         ? "/EPCglobal-epcis-2_0.xsd" : "");
            break;
        }
        case 'M': o->master_file = optarg; break;
        case 'l':
            if (parse_level(optarg, &o->vo.level))
                return cli_usage_error(io, &cli_cmd_validate, "unknown level '%s'", optarg);
            break;
        case 'N':
            if (trace_time_parse(trace_str_c(optarg), &t) != TRACE_OK)
                return cli_usage_error(io, &cli_cmd_validate, "bad --now '%s'", optarg);
            o->vo.now = t.seconds;
            break;
        case 'D': o->max_diags = (size_t)strtoul(optarg, NULL, 10); break;
        case 'j':
            *jobs = strtol(optarg, NULL, 10);
            if (*jobs < 1 || *jobs > 64)
                return cli_usage_error(io, &cli_cmd_validate, "-j takes 1 to 64");
            break;
        default:
            if ((rc = cli_common_opt(c, &cli_cmd_validate, io)) >= 0)
                return rc;
        }
    }
    if (optind >= argc)
        return cli_usage_error(io, &cli_cmd_validate, "needs a FILE (or - for stdin)");
    return -1;
}

/* A dictionary with the --local profiles loaded (NULL when there are none). */
static int load_locals(cli_io *io, const vopts *o, trace_dict **out)
{
    trace_diag_list *diags = NULL;
    int i, rc = CLI_OK;
    *out = NULL;
    if (!o->nlocal)
        return CLI_OK;
    if (trace_dict_new(out, NULL) != TRACE_OK || trace_diag_list_new(&diags, 0, NULL) != TRACE_OK)
        return CLI_INTERNAL;
    trace_diag_list_set_callback(diags, on_diag, io, 0);
    for (i = 0; i < o->nlocal && rc == CLI_OK; i++) {
        int lrc = trace_dict_load_profile_file(*out, o->local_files[i], diags);
        if (lrc == TRACE_EIO)
            rc = CLI_IO;
        else if (lrc != TRACE_OK)
            rc = CLI_FINDINGS; /* the local profile itself is invalid (e.g. relaxes a rule) */
    }
    trace_diag_list_free(diags);
    if (rc != CLI_OK) {
        trace_dict_unref(*out);
        *out = NULL;
    }
    return rc;
}

static int cmd_validate(int argc, char **argv, cli_io *io)
{
    trace_validate_options vdef = TRACE_VALIDATE_OPTIONS_INIT;
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_ctx *ctx = NULL;
    vopts o;
    job *jobs;
    long njobs = 1;
    size_t i, n;
    int rc, worst = CLI_OK;
    memset(&o, 0, sizeof(o));
    o.vo = vdef;
    if ((rc = parse_args(argc, argv, io, &o, &njobs)) >= 0)
        return rc;
    co.lang = io->lang;
    if ((rc = load_locals(io, &o, &co.dict)) != CLI_OK)
        return rc;
    rc = trace_ctx_new(&ctx, &co);
    trace_dict_unref(co.dict); /* the context holds its own reference */
    if (rc != TRACE_OK)
        return CLI_INTERNAL;
    n = (size_t)(argc - optind);
    jobs = calloc(n, sizeof(*jobs));
    if (!jobs) {
        trace_ctx_free(ctx);
        return CLI_INTERNAL;
    }
    for (i = 0; i < n; i++) {
        jobs[i].file = argv[optind + (int)i];
        jobs[i].o = &o;
        jobs[i].io = *io;
    }
    if (njobs > 1 && n > 1) {
        worst = run_parallel(jobs, n, ctx, io, njobs < (long)n ? njobs : (long)n);
    } else {
        for (i = 0; i < n; i++) {
            rc = run_job(&jobs[i], ctx);
            if (rc > worst)
                worst = rc;
        }
    }
    free(jobs);
    trace_ctx_free(ctx);
    return worst;
}
