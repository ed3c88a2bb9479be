/*
 * cmd_profile.c - `tracectl profile list|show|check`: print the UTDS
 * profiles (分类采集要求) and check local profile files (UTDS Part 2).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static int cmd_profile(int argc, char **argv, cli_io *io);

CLI_COMMAND(profile) = {
    "profile", cmd_profile, "show UTDS profiles and check local profiles",
    "profile list [--local FILE]... [--json] [--lang en|zh]\n"
    "       profile show PROFILE [--local FILE]... [--event TYPE] [--bizstep STEP]\n"
    "                    [--json] [--lang en|zh]\n"
    "       profile check FILE...\n"
    "  list prints every profile: base, the eight families and their sub-families,\n"
    "  then local profiles loaded with --local.\n"
    "  show prints the rules in force for PROFILE (base, family, sub-family, then\n"
    "  the local profiles extending them), optionally only those for one event\n"
    "  TYPE (ObjectEvent, ..., master:party) and business STEP.\n"
    "  Level: M mandatory, C conditional, R recommended, O optional, F forbidden,\n"
    "  - a check.\n"
    "  check loads each local profile and prints its diagnostics.\n"
    "  FILE '-' is standard input.\n"
    "  Exit status: 0 ok, 1 unknown profile or invalid local profile, 2 usage,\n"
    "  3 file cannot be read."};

#define OPT_LOCAL   2000
#define OPT_EVENT   2001
#define OPT_BIZSTEP 2002

/* Load a local profile from standard input (source name "-"). */
static int load_stdin(cli_io *io, trace_dict *d, trace_diag_list *list)
{
    char *buf = malloc(TRACE_LOCAL_MAX_BYTES + 1);
    size_t n;
    int rc;
    if (!buf)
        return TRACE_ENOMEM;
    n = fread(buf, 1, TRACE_LOCAL_MAX_BYTES + 1, io->in);
    rc = ferror(io->in) ? TRACE_EIO : trace_dict_load_profile(d, buf, n, "-", list);
    free(buf);
    return rc;
}

/* Load every local profile into d; print diagnostics. Returns an exit status. */
static int load_locals(cli_io *io, trace_dict *d, char **files, size_t n)
{
    trace_diag_list *list = NULL;
    size_t i, k;
    int status = CLI_OK;
    if (trace_diag_list_new(&list, 0, NULL) != TRACE_OK)
        return CLI_INTERNAL;
    for (i = 0; i < n && status == CLI_OK; i++) {
        int rc = strcmp(files[i], "-") ? trace_dict_load_profile_file(d, files[i], list)
                                       : load_stdin(io, d, list);
        if (rc == TRACE_EIO) {
            cli_error(io, "cannot read %s", files[i]);
            status = CLI_IO;
        } else if (rc != TRACE_OK) {
            status = cli_exit_from_status(rc);
        }
    }
    for (k = 0; k < trace_diag_list_count(list); k++)
        cli_print_diag(io, trace_diag_list_at(list, k));
    trace_diag_list_free(list);
    return status;
}

static const char *tr(const cli_io *io, const char *en, const char *zh)
{
    return io->lang == TRACE_LANG_ZH ? zh : en;
}

static unsigned depth_of(const trace_dict *d, const trace_profile *p)
{
    unsigned n = 0;
    while (p && p->parent && n < 8) {
        p = trace_dict_profile(d, p->parent);
        n++;
    }
    return n;
}

static int list_profiles(cli_io *io, const trace_dict *d)
{
    size_t i;
    for (i = 0; i < trace_dict_profile_count(d); i++) {
        const trace_profile *p = trace_dict_profile_at(d, i);
        if (io->json) {
            fputs("{\"name\":", io->out), cli_json_str(io->out, p->name);
            fputs(",\"parent\":", io->out);
            p->parent ? cli_json_str(io->out, p->parent) : (void)fputs("null", io->out);
            fprintf(io->out, ",\"rules\":%zu,\"local\":%s,\"en\":", p->nrules,
                    p->origin ? "true" : "false");
            cli_json_str(io->out, p->en);
            fputs(",\"zh\":", io->out), cli_json_str(io->out, p->zh);
            fputs("}\n", io->out);
        } else {
            unsigned dep = p->origin ? 1 : depth_of(d, p);
            fprintf(io->out, "%*s%-*s %4zu  %s%s\n", (int)(2 * dep), "",
                    24 - (int)(2 * dep), p->name, p->nrules, tr(io, p->en, p->zh),
                    p->origin ? " [local]" : "");
        }
    }
    return CLI_OK;
}

static void events_words(unsigned ev, char *buf, size_t size)
{
    unsigned bit;
    buf[0] = '\0';
    if ((ev & TRACE_EV_ANY) == TRACE_EV_ANY) {
        snprintf(buf, size, "*");
        ev &= ~TRACE_EV_ANY;
    }
    for (bit = 1; bit <= TRACE_EV_MASTER_LOCATION; bit <<= 1)
        if (ev & bit)
            snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", buf[0] ? "," : "",
                     trace_dict_event_name(bit));
}

/* "require a|b", "date-order a b", "event-time 600", plus " if cond && cond". */
static void rule_words(const trace_rule *r, char *buf, size_t size)
{
    unsigned i;
    snprintf(buf, size, "%s", trace_rule_kind_name(r->kind));
    if (r->kind == TRACE_RULE_EVENT_TIME)
        snprintf(buf + strlen(buf), size - strlen(buf), " %ld", r->number);
    for (i = 0; i < 2 && r->arg[i]; i++)
        snprintf(buf + strlen(buf), size - strlen(buf), " %s", r->arg[i]);
    for (i = 0; i < r->ncond; i++) {
        const trace_rule_cond *c = &r->cond[i];
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s%s%s%s", i ? " && " : " if ",
                 c->op == TRACE_COND_HAS  ? "has:"
                 : c->op == TRACE_COND_NO ? "no:"
                                          : "",
                 c->path,
                 c->op == TRACE_COND_EQ   ? "="
                 : c->op == TRACE_COND_NE ? "!="
                                          : "",
                 c->value ? c->value : "");
    }
}

static void print_rule(cli_io *io, const trace_rule *r)
{
    char ev[160], words[1200];
    events_words(r->events, ev, sizeof(ev));
    rule_words(r, words, sizeof(words));
    if (io->json) {
        fputs("{\"id\":", io->out), cli_json_str(io->out, r->id);
        fputs(",\"profile\":", io->out), cli_json_str(io->out, r->profile);
        fprintf(io->out,
                ",\"level\":\"%c\",\"severity\":\"%s\",\"events\":", trace_rule_level(r),
                trace_severity_name(r->severity));
        cli_json_str(io->out, ev);
        fputs(",\"bizsteps\":", io->out), cli_json_str(io->out, r->bizsteps);
        fputs(",\"rule\":", io->out), cli_json_str(io->out, words);
        fputs("}\n", io->out);
        return;
    }
    fprintf(io->out, "%-10s %c %-7s %-30s %-26s %s\n", r->id, trace_rule_level(r),
            trace_severity_name(r->severity), ev, r->bizsteps, words);
}

static int show_profile(cli_io *io, const trace_dict *d, const char *name,
                        const char *event, const char *step)
{
    trace_rule_iter it;
    const trace_rule *r;
    const trace_bizstep *b = NULL;
    unsigned bit = 0, i;
    if (event && !(bit = trace_dict_event_bit(event, strlen(event))))
        return cli_usage_error(io, &cli_cmd_profile, "unknown event type '%s'", event);
    if (step && !(b = trace_dict_bizstep(d, step, strlen(step))))
        return cli_usage_error(io, &cli_cmd_profile, "unknown business step '%s'", step);
    if (step && !bit)
        bit = TRACE_EV_ANY;
    if (trace_rule_iter_init(&it, d, name, bit, b ? b->name : NULL) != TRACE_OK) {
        cli_error(io, "unknown profile '%s' (see 'tracectl profile list')", name);
        return CLI_FINDINGS;
    }
    if (!io->json) {
        const trace_profile *p = trace_dict_profile(d, name);
        fprintf(io->out, "%s: %s (", name, tr(io, p->en, p->zh));
        for (i = 0; i < it.nchain; i++)
            fprintf(io->out, "%s%s", i ? " > " : "", it.chain[i]->name);
        fprintf(io->out, "%s)\n", p->origin ? " + local" : "");
    }
    while ((r = trace_rule_iter_next(&it)) != NULL)
        print_rule(io, r);
    return CLI_OK;
}

static int check_files(cli_io *io, char **files, size_t n)
{
    size_t i;
    int worst = CLI_OK;
    for (i = 0; i < n; i++) {
        trace_dict *d = NULL;
        int rc;
        if (trace_dict_new(&d, NULL) != TRACE_OK)
            return CLI_INTERNAL;
        rc = load_locals(io, d, &files[i], 1);
        if (rc == CLI_OK && !io->json && !io->quiet)
            fprintf(io->out, "%s: ok\n", files[i]);
        if (rc > worst)
            worst = rc;
        trace_dict_unref(d);
    }
    return worst;
}

static int run(cli_io *io, int argc, char **argv, char **locals, size_t nlocal,
               const char *event, const char *step)
{
    trace_dict *d = NULL;
    int rc;
    const char *sub = argv[optind];
    if (trace_dict_new(&d, NULL) != TRACE_OK)
        return CLI_INTERNAL;
    rc = load_locals(io, d, locals, nlocal);
    if (rc == CLI_OK && !strcmp(sub, "list"))
        rc = argc - optind == 1
                 ? list_profiles(io, d)
                 : cli_usage_error(io, &cli_cmd_profile, "list takes no argument");
    else if (rc == CLI_OK)
        rc = argc - optind == 2
                 ? show_profile(io, d, argv[optind + 1], event, step)
                 : cli_usage_error(io, &cli_cmd_profile, "show takes one PROFILE");
    trace_dict_unref(d);
    return rc;
}

static int cmd_profile(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {
        {"local", required_argument, NULL, OPT_LOCAL},
        {"event", required_argument, NULL, OPT_EVENT},
        {"bizstep", required_argument, NULL, OPT_BIZSTEP},
        CLI_COMMON_LONGOPTS,
        {0, 0, 0, 0}};
    char *locals[16];
    size_t nlocal = 0;
    const char *event = NULL, *step = NULL;
    int c;
    while ((c = getopt_long(argc, argv, "q", opts, NULL)) != -1) {
        int rc;
        if (c == OPT_LOCAL) {
            if (nlocal == 16)
                return cli_usage_error(io, &cli_cmd_profile, "at most 16 --local files");
            locals[nlocal++] = optarg;
        } else if (c == OPT_EVENT) {
            event = optarg;
        } else if (c == OPT_BIZSTEP) {
            step = optarg;
        } else if ((rc = cli_common_opt(c, &cli_cmd_profile, io)) >= 0) {
            return rc;
        }
    }
    if (optind >= argc)
        return cli_usage_error(io, &cli_cmd_profile, "needs list, show or check");
    if (!strcmp(argv[optind], "check"))
        return optind + 1 < argc
                   ? check_files(io, argv + optind + 1, (size_t)(argc - optind - 1))
                   : cli_usage_error(io, &cli_cmd_profile, "check needs FILE");
    if (strcmp(argv[optind], "list") && strcmp(argv[optind], "show"))
        return cli_usage_error(io, &cli_cmd_profile, "unknown subcommand '%s'",
                               argv[optind]);
    return run(io, argc, argv, locals, nlocal, event, step);
}
