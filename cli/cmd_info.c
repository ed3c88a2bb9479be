/*
 * cmd_info.c - `tracectl info FILE`: what a document holds (event counts by
 * type and business step, time span, parties, identifiers), read streaming.
 */
#include <stdlib.h>
#include <string.h>

#include "evio.h"

static int cmd_info(int argc, char **argv, cli_io *io);

CLI_COMMAND(info) = {
    "info", cmd_info, "summarise a document: events, steps, time span, parties",
    "info [-f FMT] [--json] FILE|-\n"
    "  Read FILE streaming and print: the format, the number of events by type and\n"
    "  by business step, the earliest and latest eventTime, the parties (SBDH\n"
    "  sender/receiver, sources and destinations), and how many identifiers the\n"
    "  events carry (and how many distinct ones, counted exactly up to 1,000,000).\n"
    "  Exit status: 0 read without errors, 1 the input had errors, 2 usage, 3 I/O.\n"};

#define MAX_KEYS 64
#define MAX_DISTINCT 1000000u

typedef struct tally {
    char *key[MAX_KEYS];
    uint64_t count[MAX_KEYS];
    size_t n;
    uint64_t other; /* beyond MAX_KEYS distinct keys */
} tally;

typedef struct info {
    uint64_t events, by_type[TRACE_EVENT_EXTENSION + 1];
    tally steps, parties;
    int have_time;
    int64_t min_s, max_s;
    uint32_t min_ns, max_ns;
    char min_lx[64], max_lx[64];
    uint64_t ids;
    uint64_t *set; /* open-addressing set of identifier hashes */
    size_t set_n, set_cap;
    int set_full;
} info;

static void tally_add(tally *t, trace_str s)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        if (strlen(t->key[i]) == s.len && !memcmp(t->key[i], s.s, s.len)) {
            t->count[i]++;
            return;
        }
    if (t->n == MAX_KEYS || !(t->key[t->n] = malloc(s.len + 1))) {
        t->other++;
        return;
    }
    memcpy(t->key[t->n], s.s, s.len);
    t->key[t->n][s.len] = '\0';
    t->count[t->n++] = 1;
}

static void tally_free(tally *t)
{
    size_t i;
    for (i = 0; i < t->n; i++)
        free(t->key[i]);
}

static uint64_t fnv(trace_str s)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.s[i]) * 1099511628211ull;
    return h ? h : 1;
}

static void id_add(info *in, trace_str s)
{
    uint64_t h;
    size_t i;
    if (!s.len)
        return;
    in->ids++;
    if (in->set_full)
        return;
    if (in->set_n * 2 >= in->set_cap) {
        size_t cap = in->set_cap ? in->set_cap * 2 : 1024, k;
        uint64_t *n;
        if (in->set_n >= MAX_DISTINCT || !(n = calloc(cap, sizeof(*n)))) {
            in->set_full = 1;
            return;
        }
        for (k = 0; k < in->set_cap; k++)
            if (in->set[k]) {
                for (i = in->set[k] & (cap - 1); n[i]; i = (i + 1) & (cap - 1))
                    ;
                n[i] = in->set[k];
            }
        free(in->set);
        in->set = n;
        in->set_cap = cap;
    }
    h = fnv(s);
    for (i = h & (in->set_cap - 1); in->set[i]; i = (i + 1) & (in->set_cap - 1))
        if (in->set[i] == h)
            return;
    in->set[i] = h;
    in->set_n++;
}

static void ids_add(info *in, const trace_id *ids, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        id_add(in, ids[i].raw);
}

static void qty_add(info *in, const trace_quantity_list *l)
{
    size_t i;
    for (i = 0; i < l->n; i++)
        id_add(in, l->items[i].epc_class.raw);
}

static void time_add(info *in, const trace_time *t)
{
    size_t n;
    if (!t->valid)
        return;
    n = t->lexeme.len < 63 ? t->lexeme.len : 63;
    if (!in->have_time || t->seconds < in->min_s ||
        (t->seconds == in->min_s && t->nanos < in->min_ns)) {
        in->min_s = t->seconds, in->min_ns = t->nanos;
        memcpy(in->min_lx, t->lexeme.s, n), in->min_lx[n] = '\0';
    }
    if (!in->have_time || t->seconds > in->max_s ||
        (t->seconds == in->max_s && t->nanos > in->max_ns)) {
        in->max_s = t->seconds, in->max_ns = t->nanos;
        memcpy(in->max_lx, t->lexeme.s, n), in->max_lx[n] = '\0';
    }
    in->have_time = 1;
}

static void event_add(info *in, const trace_event *ev)
{
    size_t i;
    in->events++;
    in->by_type[ev->type <= TRACE_EVENT_EXTENSION ? ev->type : TRACE_EVENT_EXTENSION]++;
    tally_add(&in->steps, ev->biz_step.raw.len ? ev->biz_step.value : trace_str_c("(none)"));
    time_add(in, &ev->event_time);
    ids_add(in, ev->epc_list.items, ev->epc_list.n);
    ids_add(in, ev->child_epcs.items, ev->child_epcs.n);
    ids_add(in, ev->input_epcs.items, ev->input_epcs.n);
    ids_add(in, ev->output_epcs.items, ev->output_epcs.n);
    id_add(in, ev->parent_id.raw);
    qty_add(in, &ev->quantity_list);
    qty_add(in, &ev->child_quantity_list);
    qty_add(in, &ev->input_quantity_list);
    qty_add(in, &ev->output_quantity_list);
    for (i = 0; i < ev->nsources; i++)
        tally_add(&in->parties, ev->sources[i].id.raw);
    for (i = 0; i < ev->ndestinations; i++)
        tally_add(&in->parties, ev->destinations[i].id.raw);
}

static void header_add(info *in, const trace_header *h)
{
    size_t i;
    for (i = 0; i < h->nsenders; i++)
        tally_add(&in->parties, h->senders[i].identifier);
    for (i = 0; i < h->nreceivers; i++)
        tally_add(&in->parties, h->receivers[i].identifier);
    if (h->sender.len)
        tally_add(&in->parties, h->sender);
    if (h->receiver.len)
        tally_add(&in->parties, h->receiver);
}

static void print_tally_json(FILE *o, const char *name, const tally *t)
{
    size_t i;
    fprintf(o, ",\"%s\":{", name);
    for (i = 0; i < t->n; i++) {
        if (i)
            fputc(',', o);
        cli_json_str(o, t->key[i]);
        fprintf(o, ":%llu", (unsigned long long)t->count[i]);
    }
    fputc('}', o);
    if (t->other)
        fprintf(o, ",\"%s_other\":%llu", name, (unsigned long long)t->other);
}

static void print_info(cli_io *io, const info *in, const char *fmt)
{
    FILE *o = io->out;
    size_t i;
    if (io->json) {
        fputs("{\"format\":", o), cli_json_str(o, fmt);
        fprintf(o, ",\"events\":%llu,\"by_type\":{", (unsigned long long)in->events);
        for (i = 0; i <= TRACE_EVENT_EXTENSION; i++)
            fprintf(o, "%s\"%s\":%llu", i ? "," : "", trace_event_type_name((trace_event_type)i),
                    (unsigned long long)in->by_type[i]);
        fputc('}', o);
        print_tally_json(o, "by_bizstep", &in->steps);
        if (in->have_time) {
            fputs(",\"first\":", o), cli_json_str(o, in->min_lx);
            fputs(",\"last\":", o), cli_json_str(o, in->max_lx);
        }
        print_tally_json(o, "parties", &in->parties);
        fprintf(o, ",\"identifiers\":%llu,\"distinct_identifiers\":%llu,\"distinct_exact\":%s}\n",
                (unsigned long long)in->ids, (unsigned long long)in->set_n,
                in->set_full ? "false" : "true");
        return;
    }
    fprintf(o, "format: %s\nevents: %llu\n", fmt, (unsigned long long)in->events);
    for (i = 0; i <= TRACE_EVENT_EXTENSION; i++)
        if (in->by_type[i])
            fprintf(o, "  %-20s %llu\n", trace_event_type_name((trace_event_type)i),
                    (unsigned long long)in->by_type[i]);
    fputs("business steps:\n", o);
    for (i = 0; i < in->steps.n; i++)
        fprintf(o, "  %-20s %llu\n", in->steps.key[i], (unsigned long long)in->steps.count[i]);
    if (in->steps.other)
        fprintf(o, "  %-20s %llu\n", "(more)", (unsigned long long)in->steps.other);
    if (in->have_time)
        fprintf(o, "time span: %s .. %s\n", in->min_lx, in->max_lx);
    fputs("parties:\n", o);
    for (i = 0; i < in->parties.n; i++)
        fprintf(o, "  %s (%llu)\n", in->parties.key[i], (unsigned long long)in->parties.count[i]);
    fprintf(o, "identifiers: %llu (%s%llu distinct)\n", (unsigned long long)in->ids,
            in->set_full ? "at least " : "", (unsigned long long)in->set_n);
}

static int cmd_info(int argc, char **argv, cli_io *io)
{
    static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
                                         CLI_COMMON_LONGOPTS,
                                         {0, 0, 0, 0}};
    trace_format fmt = TRACE_FMT_AUTO;
    const trace_header *h;
    const trace_event *ev;
    cli_evin e;
    info in;
    int c, rc;
    cli_getopt_reset();
    while ((c = getopt_long(argc, argv, "f:q", opts, NULL)) != -1) {
        if (c == 'f') {
            if ((rc = cli_format_arg(io, &cli_cmd_info, optarg, 0, &fmt)) >= 0)
                return rc;
        } else if ((rc = cli_common_opt(c, &cli_cmd_info, io)) >= 0) {
            return rc;
        }
    }
    if (optind + 1 != argc)
        return cli_usage_error(io, &cli_cmd_info, "needs exactly one FILE");
    if ((rc = cli_evin_open(&e, io, argv[optind], fmt, 1)) >= 0)
        return rc;
    memset(&in, 0, sizeof(in));
    rc = trace_reader_header(e.r, &h, NULL);
    if (rc == TRACE_OK)
        header_add(&in, h);
    while (rc == TRACE_OK || rc == TRACE_EDATA) {
        rc = trace_reader_next(e.r, &ev);
        if (rc == TRACE_OK)
            event_add(&in, ev);
        cli_evin_progress(&e, 0);
    }
    cli_evin_progress(&e, 1);
    if (rc == TRACE_EOF || rc == TRACE_ELIMIT)
        print_info(io, &in, trace_format_name(trace_reader_format(e.r)));
    rc = cli_evin_exit(&e, rc);
    tally_free(&in.steps);
    tally_free(&in.parties);
    free(in.set);
    cli_evin_close(&e);
    return rc;
}
