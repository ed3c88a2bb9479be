/*
 * bench_events.c - UTDS JSON Lines reading and conversion.
 *
 * Generates a 100k-event JSON Lines document (all five event types, with
 * quantities, sensors, business transactions and extensions) in /tmp and
 * prints, in one run:
 *   BENCH jsonl.read.ratio X          reading into the model / plain jansson
 *                                     json_loadb of each line (same bytes, memory)
 *   BENCH jsonl.read.events_per_s N
 *   BENCH jsonl.read.mb_per_s N
 *   BENCH jansson.loadb.events_per_s N
 *   BENCH convert.jsonl_csv.events_per_s N
 *   BENCH rss.peak_mib N              peak RSS of a child that reads 1 GiB of
 *                                     generated JSON Lines through a read callback
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "libtrace/trace.h"

#define NEVENTS 100000

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char header[] =
    "{\"utds\":\"jsonl\",\"version\":\"1.0\",\"header\":{\"docType\":\"EPCISDocument\","
    "\"schemaVersion\":\"2.0\",\"creationDate\":\"2024-01-01T00:00:00Z\",\"namespaces\":"
    "[[\"ex\",\"https://ns.example.com/epcis/\"]]}}\n";

/* One event line of type i % 5 into buf; returns its length. */
static size_t gen_event(unsigned long i, char *buf, size_t size)
{
    static const char *const steps[] = {"shipping", "receiving", "commissioning", "packing",
                                        "urn:utds:bizstep:harvest"};
    char common[256], tail[512];
    int n;
    unsigned long d = i % 28 + 1, h = i % 24, m = i % 60, s = (i / 60) % 60, ms = i % 1000;
    snprintf(common, sizeof(common),
             "\"eventTime\":\"2024-03-%02luT%02lu:%02lu:%02lu.%03lu+08:00\",\"eventTimeZoneOffset\":"
             "\"+08:00\",\"eventID\":\"ni:///sha-256;%016lx%016lx?ver=CBV2.0\",",
             d, h, m, s, ms, i * 2654435761ul, i);
    snprintf(tail, sizeof(tail),
             "\"bizStep\":\"%s\",\"disposition\":\"in_transit\",\"readPoint\":{\"id\":"
             "\"urn:epc:id:sgln:0614141.00777.%lu\"},\"bizLocation\":{\"id\":"
             "\"urn:epc:id:sgln:0614141.00888.0\"},\"bizTransactionList\":[{\"type\":\"po\","
             "\"bizTransaction\":\"urn:epcglobal:cbv:bt:0614141073467:PO%lu\"}],\"ext\":[{\"ns\":"
             "\"https://ns.example.com/epcis/\",\"name\":\"temperature\",\"prefix\":\"ex\","
             "\"value\":%lu.%02lu},{\"ns\":\"https://ns.example.com/epcis/\",\"name\":\"batch\","
             "\"prefix\":\"ex\",\"value\":\"B%lu\"}]",
             steps[i % 5], i % 100, i, i % 40, i % 100, i / 7);
    switch (i % 5) {
    case 0:
        n = snprintf(buf, size,
                     "{\"type\":\"ObjectEvent\",%s\"epcList\":[\"urn:epc:id:sgtin:0614141.107346.%lu\","
                     "\"urn:epc:id:sgtin:0614141.107346.%lu\"],\"action\":\"OBSERVE\",%s}\n",
                     common, i, i + 1, tail);
        break;
    case 1:
        n = snprintf(buf, size,
                     "{\"type\":\"AggregationEvent\",%s\"parentID\":\"urn:epc:id:sscc:0614141.%010lu\","
                     "\"childEPCs\":[\"urn:epc:id:sgtin:0614141.107346.%lu\"],\"action\":\"ADD\","
                     "\"childQuantityList\":[{\"epcClass\":\"urn:epc:class:lgtin:4012345.012345.%lu\","
                     "\"quantity\":10,\"uom\":\"KGM\"}],%s}\n",
                     common, i, i, i, tail);
        break;
    case 2:
        n = snprintf(buf, size,
                     "{\"type\":\"TransactionEvent\",%s\"epcList\":[\"https://id.gs1.org/01/"
                     "09521234543213/21/%lu\"],\"action\":\"ADD\",\"sourceList\":[{\"type\":"
                     "\"owning_party\",\"source\":\"urn:epc:id:pgln:0614141.00001\"}],"
                     "\"destinationList\":[{\"type\":\"owning_party\",\"destination\":"
                     "\"urn:epc:id:pgln:0614141.00002\"}],%s}\n",
                     common, i, tail);
        break;
    case 3:
        n = snprintf(buf, size,
                     "{\"type\":\"TransformationEvent\",%s\"inputQuantityList\":[{\"epcClass\":"
                     "\"urn:epc:class:lgtin:4012345.012345.%lu\",\"quantity\":1.50,\"uom\":\"KGM\"}],"
                     "\"outputEPCList\":[\"urn:epc:id:sgtin:0614141.107346.%lu\"],\"ilmd\":[{\"ns\":"
                     "\"https://ns.example.com/epcis/\",\"name\":\"bestBefore\",\"value\":"
                     "\"2025-01-01\"}],%s}\n",
                     common, i, i, tail);
        break;
    default:
        n = snprintf(buf, size,
                     "{\"type\":\"AssociationEvent\",%s\"parentID\":\"urn:epc:id:grai:4012345.55555.%lu\","
                     "\"childEPCs\":[\"urn:epc:id:giai:4000001.12345\"],\"action\":\"ADD\","
                     "\"sensorElementList\":[{\"sensorMetadata\":[{\"name\":\"time\",\"value\":"
                     "\"2024-03-01T08:00:00Z\"}],\"sensorReport\":[{\"attrs\":[{\"name\":\"type\","
                     "\"value\":\"Temperature\"},{\"name\":\"value\",\"value\":2%lu.5},{\"name\":"
                     "\"uom\",\"value\":\"CEL\"}]}]}],%s}\n",
                     common, i, i % 10, tail);
        break;
    }
    return n < 0 ? 0 : (size_t)n;
}

typedef struct gen {
    unsigned long next;   /* next event number */
    unsigned long limit;  /* events to produce (0: by bytes) */
    unsigned long long bytes, max_bytes;
    char line[4096];
    size_t len, pos;
    int header_done;
} gen;

/* Read callback producing the document on the fly. */
static long gen_read(void *buf, size_t size, void *payload)
{
    gen *g = payload;
    size_t done = 0;
    while (done < size) {
        size_t k;
        if (g->pos == g->len) {
            if (!g->header_done) {
                g->len = strlen(header);
                memcpy(g->line, header, g->len);
                g->header_done = 1;
            } else if ((g->limit && g->next >= g->limit) ||
                       (g->max_bytes && g->bytes >= g->max_bytes)) {
                break;
            } else {
                g->len = gen_event(g->next++, g->line, sizeof(g->line));
            }
            g->pos = 0;
        }
        k = g->len - g->pos < size - done ? g->len - g->pos : size - done;
        memcpy((char *)buf + done, g->line + g->pos, k);
        g->pos += k;
        done += k;
        g->bytes += k;
    }
    return (long)done;
}

static char *make_doc(size_t *len, const char *path)
{
    gen g;
    size_t cap = 64u << 20, n = 0;
    char *d = malloc(cap);
    long k;
    FILE *f;
    memset(&g, 0, sizeof(g));
    g.limit = NEVENTS;
    while (d && (k = gen_read(d + n, cap - n, &g)) > 0) {
        n += (size_t)k;
        if (n == cap) {
            char *nd = realloc(d, cap *= 2);
            if (!nd) {
                free(d);
                return NULL;
            }
            d = nd;
        }
    }
    if (d && (f = fopen(path, "wb")) != NULL) {
        fwrite(d, 1, n, f);
        fclose(f);
    }
    *len = n;
    return d;
}

static int read_all(trace_ctx *ctx, trace_reader *r, trace_writer *w, unsigned long *events)
{
    const trace_event *ev;
    const trace_header *h;
    const trace_masterdata *md;
    int rc = trace_reader_header(r, &h, &md);
    (void)ctx;
    if (rc != TRACE_OK)
        return rc;
    if (w && trace_writer_header(w, h, md) != TRACE_OK)
        return TRACE_EIO;
    *events = 0;
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK) {
        (*events)++;
        if (w && trace_writer_event(w, ev) != TRACE_OK)
            return TRACE_EIO;
    }
    if (w && trace_writer_close(w, NULL) != TRACE_OK)
        return TRACE_EIO;
    return rc == TRACE_EOF ? TRACE_OK : rc;
}

static int discard(const void *buf, size_t size, void *payload)
{
    (void)buf;
    *(unsigned long long *)payload += size;
    return 0;
}

/* Best of three: the read into the model. */
static double time_model(trace_ctx *ctx, const char *doc, size_t len, unsigned long *events)
{
    double best = 1e9;
    int k;
    for (k = 0; k < 3; k++) {
        trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
        trace_reader *r = NULL;
        double t0;
        ro.format = TRACE_FMT_JSONL;
        if (trace_reader_open_mem(&r, ctx, doc, len, &ro) != TRACE_OK)
            return -1;
        t0 = now();
        if (read_all(ctx, r, NULL, events) != TRACE_OK)
            return -1;
        t0 = now() - t0;
        best = t0 < best ? t0 : best;
        trace_reader_free(r);
    }
    return best;
}

/* Best of three: json_loadb of each line, as a plain JSON Lines reader would do. */
static double time_jansson(const char *doc, size_t len, unsigned long *lines)
{
    double best = 1e9;
    int k;
    for (k = 0; k < 3; k++) {
        const char *p = doc, *end = doc + len;
        double t0 = now();
        *lines = 0;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
            json_error_t err;
            json_t *j = json_loadb(p, n, JSON_REJECT_DUPLICATES, &err);
            if (!j)
                return -1;
            json_decref(j);
            (*lines)++;
            p += n + 1;
        }
        t0 = now() - t0;
        best = t0 < best ? t0 : best;
    }
    return best;
}

static double time_convert(trace_ctx *ctx, const char *doc, size_t len, unsigned long *events)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_reader *r = NULL;
    trace_writer *w = NULL;
    unsigned long long out = 0;
    double t0;
    ro.format = TRACE_FMT_JSONL;
    wo.format = TRACE_FMT_CSV;
    if (trace_reader_open_mem(&r, ctx, doc, len, &ro) != TRACE_OK ||
        trace_writer_open_cb(&w, ctx, discard, &out, &wo) != TRACE_OK)
        return -1;
    t0 = now();
    if (read_all(ctx, r, w, events) != TRACE_OK)
        return -1;
    t0 = now() - t0;
    trace_writer_free(w);
    trace_reader_free(r);
    return t0;
}

/* In a child: stream 1 GiB of generated JSON Lines through a callback. */
static int big_child(unsigned long long bytes)
{
    trace_ctx *ctx = NULL;
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_reader *r = NULL;
    unsigned long events;
    gen g;
    double t0;
    memset(&g, 0, sizeof(g));
    g.max_bytes = bytes;
    if (trace_ctx_new(&ctx, NULL) != TRACE_OK ||
        trace_reader_open_cb(&r, ctx, gen_read, &g, &ro) != TRACE_OK)
        return 1;
    t0 = now();
    if (read_all(ctx, r, NULL, &events) != TRACE_OK)
        return 1;
    t0 = now() - t0;
    printf("BENCH jsonl.read_1gib.events %lu\nBENCH jsonl.read_1gib.mb_per_s %.0f\n", events,
           (double)g.bytes / 1e6 / t0);
    fflush(stdout);
    trace_reader_free(r);
    trace_ctx_free(ctx);
    return 0;
}

int main(void)
{
    const char *path = "/tmp/libtrace-bench-events.jsonl";
    unsigned long long big = getenv("BENCH_BIG_BYTES") ? strtoull(getenv("BENCH_BIG_BYTES"), NULL, 10)
                                                       : (1ull << 30);
    trace_ctx *ctx = NULL;
    unsigned long ev_model = 0, lines = 0, ev_conv = 0;
    double tm, tj, tc;
    size_t len;
    char *doc;
    struct rusage ru;
    pid_t pid;
    int status;
    /* The 1 GiB run goes first, in a child, so its peak RSS is its own. */
    fflush(stdout);
    pid = fork();
    if (pid == 0)
        _exit(big_child(big));
    if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
        fprintf(stderr, "bench_events: 1 GiB child failed\n");
        return 1;
    }
    getrusage(RUSAGE_CHILDREN, &ru);
    printf("BENCH rss.peak_mib %.1f\n", (double)ru.ru_maxrss / 1024.0);
    doc = make_doc(&len, path);
    if (!doc || trace_ctx_new(&ctx, NULL) != TRACE_OK)
        return 1;
    tm = time_model(ctx, doc, len, &ev_model);
    tj = time_jansson(doc, len, &lines);
    tc = time_convert(ctx, doc, len, &ev_conv);
    if (tm < 0 || tj < 0 || tc < 0 || ev_model != NEVENTS || ev_conv != NEVENTS) {
        fprintf(stderr, "bench_events: read failed (%lu events)\n", ev_model);
        return 1;
    }
    printf("BENCH jsonl.doc_mib %.1f\n", (double)len / 1048576.0);
    printf("BENCH jsonl.read.ratio %.2f\n", tm / tj);
    printf("BENCH jsonl.read.events_per_s %.0f\n", NEVENTS / tm);
    printf("BENCH jsonl.read.mb_per_s %.0f\n", (double)len / 1e6 / tm);
    printf("BENCH jansson.loadb.events_per_s %.0f\n", (double)(lines - 1) / tj);
    printf("BENCH convert.jsonl_csv.events_per_s %.0f\n", NEVENTS / tc);
    free(doc);
    trace_ctx_free(ctx);
    return 0;
}
