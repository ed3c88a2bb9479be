/*
 * bench_jsonld.c - EPCIS 2.0 JSON-LD reader and writer throughput.
 *
 * Generates a document of 100,000 events (all five types, quantities,
 * sensor data, ILMD and user extensions, @context after epcisBody) in
 * /tmp and prints, in one run:
 *   BENCH jsonld.read.ratio          reading into the model / a plain jansson
 *                                    parse of the same events (same bytes)
 *   BENCH jsonld.read.events_per_s   reading into the model (from the file)
 *   BENCH jsonld.read.mb_per_s
 *   BENCH jsonld.write.events_per_s  writing the model (trace_writer_event calls, timed)
 *   BENCH jsonld.convert.events_per_s
 *   BENCH jsonld.peak_rss_kib        peak RSS of the streaming phases
 * Self-contained (no bench.h needed).
 */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "libtrace/trace.h"
#include "libtrace/io.h"

#define NEVENTS 100000

/* CPU time of this thread: the machine running `make bench` may be shared, and
   CPU time is what the ratio is about. */
static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static unsigned long peak_rss_kib(void)
{
    char line[256];
    unsigned long kib = 0;
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return 0;
    while (fgets(line, sizeof(line), f))
        if (!strncmp(line, "VmHWM:", 6))
            kib = strtoul(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static void print(const char *name, double v)
{
    if (v >= 100.0)
        printf("BENCH %s %.0f\n", name, v);
    else
        printf("BENCH %s %.3f\n", name, v);
    fflush(stdout);
}

/* One event of each kind, rotating; i makes every event distinct. */
static int gen_event(char *b, size_t size, long i)
{
    switch (i % 5) {
    case 0:
        return snprintf(b, size,
            "{\"type\":\"ObjectEvent\",\"eventTime\":\"2026-03-01T08:%02ld:%02ld.%03ld+08:00\","
            "\"eventTimeZoneOffset\":\"+08:00\",\"eventID\":\"urn:uuid:00000000-0000-4000-8000-%012ld\","
            "\"epcList\":[\"urn:epc:id:sgtin:6901234.012345.%ld\",\"urn:epc:id:sgtin:6901234.012345.%ld\"],"
            "\"action\":\"ADD\",\"bizStep\":\"commissioning\",\"disposition\":\"active\","
            "\"readPoint\":{\"id\":\"urn:epc:id:sgln:6901234.00001.1\"},"
            "\"bizLocation\":{\"id\":\"urn:epc:id:sgln:6901234.00001.0\"},"
            "\"ilmd\":{\"cbvmda:lotNumber\":\"L%ld\",\"cbvmda:bestBeforeDate\":\"2026-09-01\"},"
            "\"ex:temperature\":{\"ex:value\":%ld.5,\"ex:unit\":\"CEL\"}}",
            i / 60 % 60, i % 60, i % 1000, i, i, i + 1, i / 100, i % 40);
    case 1:
        return snprintf(b, size,
            "{\"type\":\"AggregationEvent\",\"eventTime\":\"2026-03-01T09:00:00Z\","
            "\"eventTimeZoneOffset\":\"+08:00\",\"parentID\":\"urn:epc:id:sscc:6901234.%010ld\","
            "\"childEPCs\":[\"urn:epc:id:sgtin:6901234.012345.%ld\"],\"action\":\"ADD\","
            "\"bizStep\":\"packing\",\"childQuantityList\":[{\"epcClass\":"
            "\"urn:epc:class:lgtin:6901234.012345.L1\",\"quantity\":%ld.25,\"uom\":\"KGM\"}]}",
            i, i, i % 100);
    case 2:
        return snprintf(b, size,
            "{\"type\":\"TransactionEvent\",\"eventTime\":\"2026-03-01T10:00:00Z\","
            "\"eventTimeZoneOffset\":\"+08:00\",\"bizTransactionList\":[{\"type\":\"po\","
            "\"bizTransaction\":\"urn:epcglobal:cbv:bt:6901234000004:PO-%ld\"}],"
            "\"epcList\":[\"urn:epc:id:sgtin:6901234.012345.%ld\"],\"action\":\"OBSERVE\","
            "\"sourceList\":[{\"type\":\"owning_party\",\"source\":\"urn:epc:id:pgln:6901234.00000\"}],"
            "\"destinationList\":[{\"type\":\"owning_party\",\"destination\":"
            "\"urn:epc:id:pgln:6901235.00000\"}]}",
            i, i);
    case 3:
        return snprintf(b, size,
            "{\"type\":\"TransformationEvent\",\"eventTime\":\"2026-03-01T11:00:00Z\","
            "\"eventTimeZoneOffset\":\"+08:00\",\"inputQuantityList\":[{\"epcClass\":"
            "\"urn:epc:class:lgtin:6901234.012345.L%ld\",\"quantity\":%ld,\"uom\":\"KGM\"}],"
            "\"outputEPCList\":[\"urn:epc:id:sgtin:6901234.054321.%ld\"],"
            "\"sensorElementList\":[{\"sensorMetadata\":{\"time\":\"2026-03-01T10:59:00Z\"},"
            "\"sensorReport\":[{\"type\":\"Temperature\",\"value\":%ld.1,\"uom\":\"CEL\"}]}]}",
            i, i % 900 + 1, i, i % 30);
    default:
        return snprintf(b, size,
            "{\"type\":\"AssociationEvent\",\"eventTime\":\"2026-03-01T12:00:00Z\","
            "\"eventTimeZoneOffset\":\"+08:00\",\"parentID\":\"urn:epc:id:grai:6901234.00001.%ld\","
            "\"childEPCs\":[\"urn:epc:id:giai:6901234.%ld\"],\"action\":\"ADD\","
            "\"bizStep\":\"assembling\",\"ex:note\":\"association %ld\"}",
            i, i, i);
    }
}

/* Write the document; offsets[i] / lens[i] locate event i. */
static int generate(const char *path, size_t *offsets, size_t *lens)
{
    FILE *f = fopen(path, "wb");
    char ev[2048];
    size_t off;
    long i;
    const char *head = "{\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\","
                       "{\"ex\":\"http://example.com/ext/\"}],"
                       "\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\","
                       "\"creationDate\":\"2026-03-01T08:00:00Z\",\"epcisBody\":{\"eventList\":[\n";
    if (!f)
        return -1;
    fputs(head, f);
    off = strlen(head);
    for (i = 0; i < NEVENTS; i++) {
        int n = gen_event(ev, sizeof(ev), i);
        offsets[i] = off;
        lens[i] = (size_t)n;
        fwrite(ev, 1, (size_t)n, f);
        off += (size_t)n;
        if (i + 1 < NEVENTS) {
            fputs(",\n", f);
            off += 2;
        }
    }
    fputs("\n]}}\n", f);
    return fclose(f);
}

static long read_all(trace_ctx *ctx, trace_reader *r)
{
    const trace_event *ev;
    long n = 0;
    int rc;
    (void)ctx;
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK)
        n++;
    return rc == TRACE_EOF ? n : -1;
}

static int null_write(const void *buf, size_t size, void *payload)
{
    (void)buf;
    *(size_t *)payload += size;
    return 0;
}

int main(void)
{
    const char *path = "/tmp/bench_jsonld.jsonld";
    size_t *offsets = malloc(NEVENTS * sizeof(size_t)), *lens = malloc(NEVENTS * sizeof(size_t));
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_ctx *ctx;
    trace_reader *r;
    trace_writer *w;
    const trace_header *h;
    const trace_event *ev;
    uint64_t t0, t_read_file, t_convert, t_model_mem, t_plain, t_write;
    size_t written = 0, size;
    char *doc;
    FILE *f;
    long i, n;
    int rep;
    unsigned long rss;
    int rc;
    if (!offsets || !lens || generate(path, offsets, lens) != 0 || trace_ctx_new(&ctx, NULL))
        return 1;
    ro.format = TRACE_FMT_JSONLD;

    /* 1. Read into the model from the file (streaming; the @context comes last). */
    t0 = now_ns();
    if (trace_reader_open_file(&r, ctx, path, &ro) != TRACE_OK)
        return 1;
    n = read_all(ctx, r);
    t_read_file = now_ns() - t0;
    size = (size_t)trace_reader_bytes(r);
    trace_reader_free(r);
    if (n != NEVENTS)
        return fprintf(stderr, "read %ld events\n", n), 1;

    /* 2. Convert JSON-LD -> JSON-LD (read + write). */
    wo.format = TRACE_FMT_JSONLD;
    t0 = now_ns();
    if (trace_reader_open_file(&r, ctx, path, &ro) != TRACE_OK ||
        trace_writer_open_cb(&w, ctx, null_write, &written, &wo) != TRACE_OK ||
        trace_reader_header(r, &h, NULL) != TRACE_OK || trace_writer_header(w, h, NULL))
        return 1;
    t_write = 0;
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK) {
        uint64_t t1 = now_ns(); /* the writer's share, timed per call */
        trace_writer_event(w, ev);
        t_write += now_ns() - t1;
    }
    trace_writer_close(w, NULL);
    t_convert = now_ns() - t0;
    trace_writer_free(w);
    trace_reader_free(r);
    rss = peak_rss_kib();

    /* 3. Same bytes from memory: the model against a plain jansson parse per event. */
    f = fopen(path, "rb");
    doc = malloc(size);
    if (!f || !doc || fread(doc, 1, size, f) != size)
        return 1;
    fclose(f);
    /* Interleaved, best of five: the machine may be shared. */
    t_plain = t_model_mem = UINT64_MAX;
    for (rep = 0; rep < 5; rep++) {
        uint64_t t;
        t0 = now_ns();
        for (i = 0; i < NEVENTS; i++) {
            json_error_t err;
            json_t *v = json_loadb(doc + offsets[i], lens[i], JSON_REJECT_DUPLICATES, &err);
            if (!v)
                return fprintf(stderr, "jansson: %s\n", err.text), 1;
            json_decref(v);
        }
        t = now_ns() - t0;
        t_plain = t < t_plain ? t : t_plain;
        t0 = now_ns();
        if (trace_reader_open_mem(&r, ctx, doc, size, &ro) != TRACE_OK)
            return 1;
        n = read_all(ctx, r);
        t = now_ns() - t0;
        t_model_mem = t < t_model_mem ? t : t_model_mem;
        trace_reader_free(r);
    }

    fprintf(stderr, "bench_jsonld: %ld events, %.1f MB, file read %.3f s, convert %.3f s, "
                    "plain jansson %.3f s, model from memory %.3f s, output %.1f MB\n",
            n, (double)size / 1e6, (double)t_read_file / 1e9, (double)t_convert / 1e9,
            (double)t_plain / 1e9, (double)t_model_mem / 1e9, (double)written / 1e6);
    print("jsonld.read.ratio", (double)t_model_mem / (double)t_plain);
    print("jsonld.read.events_per_s", (double)NEVENTS * 1e9 / (double)t_read_file);
    print("jsonld.read.mb_per_s", (double)size / 1e6 * 1e9 / (double)t_read_file);
    print("jsonld.write.events_per_s", (double)NEVENTS * 1e9 / (double)t_write);
    print("jsonld.convert.events_per_s", (double)NEVENTS * 1e9 / (double)t_convert);
    print("jsonld.peak_rss_kib", (double)rss);
    free(doc);
    free(offsets);
    free(lens);
    trace_ctx_free(ctx);
    if (!getenv("BENCH_KEEP_FILES"))
        unlink(path);
    return 0;
}
