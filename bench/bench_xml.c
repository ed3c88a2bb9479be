/*
 * bench_xml.c - EPCIS XML codec throughput (UTDS Part 3). Generates a
 * 100,000-event EPCIS 2.0 XML document in /tmp (all five event types,
 * error declarations, sensor data, ILMD, master data, user extensions),
 * then in one run measures:
 *
 *   BENCH xml.read.ratio N          reading into the model / a plain libxml2
 *                                   xmlTextReader streaming pass of the same file
 *   BENCH xml.read.events_per_s N
 *   BENCH xml.read.mb_per_s N
 *   BENCH xml.plain.mb_per_s N      the plain libxml2 pass
 *   BENCH xml.write.events_per_s N  writing the events back as EPCIS XML
 *   BENCH xml.peak_rss_kib N        peak resident set size of the whole run
 *
 * Times are process CPU time (both passes run in this process, alternating,
 * best of three). Self-contained (it does not need bench/bench.h). Set
 * BENCH_XML_EVENTS to change the number of events, BENCH_XML_KEEP=1 to keep
 * the generated file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "libtrace/trace.h"

/* Process CPU time: a busy machine (parallel builds) does not skew the ratio. */
static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
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
        if (strncmp(line, "VmHWM:", 6) == 0)
            kib = strtoul(line + 6, NULL, 10);
    fclose(f);
    return kib;
}

static void put(const char *name, double v)
{
    if (v >= 100.0)
        printf("BENCH %s %.0f\n", name, v);
    else
        printf("BENCH %s %.3f\n", name, v);
    fflush(stdout);
}

/* ------------------------------------------------------------ document */

static void common(FILE *f, long i, int with_error)
{
    fprintf(f,
            "<eventTime>2024-03-%02ldT%02ld:%02ld:%02ld.%03ld+08:00</eventTime>"
            "<recordTime>2024-03-%02ldT12:00:00Z</recordTime>"
            "<eventTimeZoneOffset>+08:00</eventTimeZoneOffset>"
            "<eventID>urn:uuid:6f1c2d3e-0000-4000-8000-%012ld</eventID>",
            i % 28 + 1, i % 24, i % 60, (i / 60) % 60, i % 1000, i % 28 + 1, i);
    if (with_error)
        fprintf(f,
                "<errorDeclaration><declarationTime>2024-04-01T00:00:00Z</declarationTime>"
                "<reason>urn:epcglobal:cbv:er:incorrect_data</reason><correctiveEventIDs>"
                "<correctiveEventID>urn:uuid:1f1c2d3e-0000-4000-8000-%012ld</correctiveEventID>"
                "</correctiveEventIDs><ex:note>typo</ex:note></errorDeclaration>",
                i);
}

static void where(FILE *f, long i)
{
    fprintf(f,
            "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>"
            "<disposition>urn:epcglobal:cbv:disp:in_transit</disposition>"
            "<readPoint><id>urn:epc:id:sgln:6901234.00001.%ld</id></readPoint>"
            "<bizLocation><id>urn:epc:id:sgln:6901234.00002.0</id></bizLocation>"
            "<bizTransactionList><bizTransaction type=\"urn:epcglobal:cbv:btt:po\">"
            "urn:epcglobal:cbv:bt:6901234000001:PO-%ld</bizTransaction></bizTransactionList>",
            i % 97, i);
}

static void parties(FILE *f)
{
    fputs("<sourceList><source type=\"urn:epcglobal:cbv:sdt:owning_party\">"
          "urn:epc:id:pgln:6901234.00000</source></sourceList><destinationList>"
          "<destination type=\"urn:epcglobal:cbv:sdt:owning_party\">urn:epc:id:pgln:6909876.00000"
          "</destination></destinationList>",
          f);
}

static void sensor(FILE *f, long i)
{
    fprintf(f,
            "<sensorElementList><sensorElement><sensorMetadata time=\"2024-03-01T00:00:00Z\" "
            "deviceID=\"urn:epc:id:giai:6901234.%ld\" ex:batch=\"b7\"/>"
            "<sensorReport type=\"gs1:Temperature\" value=\"%ld.5\" uom=\"CEL\"/>"
            "<sensorReport type=\"gs1:RelativeHumidity\" value=\"55\" uom=\"P1\"/>"
            "</sensorElement></sensorElementList>",
            i, 2 + i % 6);
}

static void ext(FILE *f, long i)
{
    fprintf(f,
            "<ex:quarantine><ex:cert>QC-%ld</ex:cert><ex:agency>CN-110000</ex:agency></ex:quarantine>"
            "<ex:temp xsi:type=\"xsd:decimal\">%ld.25</ex:temp>",
            i, i % 9);
}

static void event(FILE *f, long i)
{
    switch (i % 5) {
    case 0:
        fputs("<ObjectEvent>", f);
        common(f, i, i % 50 == 0);
        fprintf(f,
                "<epcList><epc>urn:epc:id:sgtin:6901234.012345.%ld</epc>"
                "<epc>urn:epc:id:sgtin:6901234.012345.%ld</epc></epcList><action>ADD</action>",
                i, i + 1);
        where(f, i);
        fputs("<quantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.012345.L1"
              "</epcClass><quantity>12.5</quantity><uom>KGM</uom></quantityElement></quantityList>",
              f);
        parties(f);
        sensor(f, i);
        fprintf(f, "<ilmd><cbvmda:lotNumber>L%ld</cbvmda:lotNumber>"
                   "<cbvmda:itemExpirationDate>2025-01-01</cbvmda:itemExpirationDate></ilmd>",
                i % 100);
        ext(f, i);
        fputs("</ObjectEvent>\n", f);
        break;
    case 1:
        fputs("<AggregationEvent>", f);
        common(f, i, 0);
        fprintf(f,
                "<parentID>urn:epc:id:sscc:6901234.%010ld</parentID><childEPCs>"
                "<epc>urn:epc:id:sgtin:6901234.012345.%ld</epc><epc>urn:epc:id:sgtin:6901234.012345.%ld"
                "</epc><epc>urn:epc:id:sgtin:6901234.012345.%ld</epc></childEPCs><action>ADD</action>",
                i, i, i + 1, i + 2);
        where(f, i);
        ext(f, i);
        fputs("</AggregationEvent>\n", f);
        break;
    case 2:
        fputs("<TransactionEvent>", f);
        common(f, i, 0);
        fprintf(f,
                "<bizTransactionList><bizTransaction type=\"urn:epcglobal:cbv:btt:inv\">"
                "urn:epcglobal:cbv:bt:6901234000001:INV-%ld</bizTransaction></bizTransactionList>"
                "<epcList><epc>urn:epc:id:sscc:6901234.%010ld</epc></epcList><action>ADD</action>"
                "<bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>",
                i, i);
        parties(f);
        ext(f, i);
        fputs("</TransactionEvent>\n", f);
        break;
    case 3:
        fputs("<TransformationEvent>", f);
        common(f, i, 0);
        fprintf(f,
                "<inputQuantityList><quantityElement><epcClass>urn:epc:class:lgtin:6901234.011111.R%ld"
                "</epcClass><quantity>100</quantity><uom>KGM</uom></quantityElement>"
                "</inputQuantityList><outputEPCList><epc>urn:epc:id:sgtin:6901234.022222.%ld</epc>"
                "</outputEPCList><transformationID>urn:x:tr:%ld</transformationID>"
                "<bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>"
                "<persistentDisposition><set>urn:epcglobal:cbv:disp:completeness_verified</set>"
                "</persistentDisposition><ilmd><cbvmda:lotNumber>P%ld</cbvmda:lotNumber></ilmd>",
                i % 10, i, i, i);
        ext(f, i);
        fputs("</TransformationEvent>\n", f);
        break;
    default:
        fputs("<AssociationEvent>", f);
        common(f, i, 0);
        fprintf(f,
                "<parentID>urn:epc:id:grai:6901234.00001.%ld</parentID><childEPCs>"
                "<epc>urn:epc:id:giai:6901234.%ld</epc></childEPCs><action>ADD</action>"
                "<bizStep>urn:epcglobal:cbv:bizstep:assembling</bizStep>",
                i, i);
        sensor(f, i);
        ext(f, i);
        fputs("</AssociationEvent>\n", f);
        break;
    }
}

static int generate(const char *path, long n)
{
    FILE *f = fopen(path, "w");
    long i;
    if (!f)
        return -1;
    fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" "
          "xmlns:sbdh=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\" "
          "xmlns:cbvmda=\"urn:epcglobal:cbv:mda\" xmlns:ex=\"https://example.cn/ext/\" "
          "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
          "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" schemaVersion=\"2.0\" "
          "creationDate=\"2024-03-01T00:00:00Z\">\n<EPCISHeader><sbdh:StandardBusinessDocumentHeader>"
          "<sbdh:HeaderVersion>1.0</sbdh:HeaderVersion><sbdh:Sender><sbdh:Identifier>urn:epc:id:pgln:"
          "6901234.00000</sbdh:Identifier></sbdh:Sender><sbdh:Receiver><sbdh:Identifier>"
          "urn:epc:id:pgln:6909876.00000</sbdh:Identifier></sbdh:Receiver>"
          "<sbdh:DocumentIdentification><sbdh:Standard>EPCglobal</sbdh:Standard><sbdh:TypeVersion>"
          "2.0</sbdh:TypeVersion><sbdh:InstanceIdentifier>B-1</sbdh:InstanceIdentifier><sbdh:Type>"
          "Events</sbdh:Type><sbdh:CreationDateAndTime>2024-03-01T00:00:00Z"
          "</sbdh:CreationDateAndTime></sbdh:DocumentIdentification>"
          "</sbdh:StandardBusinessDocumentHeader><extension><EPCISMasterData><VocabularyList>"
          "<Vocabulary type=\"urn:epcglobal:epcis:vtype:BusinessLocation\"><VocabularyElementList>"
          "<VocabularyElement id=\"urn:epc:id:sgln:6901234.00002.0\"><attribute "
          "id=\"urn:epcglobal:cbv:mda#name\">DC</attribute></VocabularyElement>"
          "</VocabularyElementList></Vocabulary></VocabularyList></EPCISMasterData></extension>"
          "</EPCISHeader>\n<EPCISBody><EventList>\n",
          f);
    for (i = 0; i < n; i++)
        event(f, i);
    fputs("</EventList></EPCISBody></epcis:EPCISDocument>\n", f);
    return fclose(f);
}

/* ------------------------------------------------------------- passes */

/* The baseline: a plain xmlTextReader streaming pass (what xmllint --stream does). */
static uint64_t plain_pass(const char *path, long *nodes)
{
    uint64_t t0 = now_ns();
    xmlTextReaderPtr rd = xmlReaderForFile(path, NULL, XML_PARSE_NONET);
    int rc;
    *nodes = 0;
    if (!rd)
        return 0;
    while ((rc = xmlTextReaderRead(rd)) == 1)
        (*nodes)++;
    xmlFreeTextReader(rd);
    return rc == 0 ? now_ns() - t0 : 0;
}

/* Read into the model; when w is set, write every event (write time measured apart). */
static uint64_t model_pass(const trace_ctx *ctx, const char *path, trace_writer *w, long *events,
                           uint64_t *write_ns)
{
    trace_reader *r;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    uint64_t t0 = now_ns(), tw = 0;
    int rc;
    *events = 0;
    if (trace_reader_open_file(&r, ctx, path, NULL) != TRACE_OK)
        return 0;
    if (trace_reader_header(r, &h, &md) != TRACE_OK) {
        trace_reader_free(r);
        return 0;
    }
    if (w)
        trace_writer_header(w, h, md);
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK) {
        (*events)++;
        if (w) {
            uint64_t a = now_ns();
            trace_writer_event(w, ev);
            tw += now_ns() - a;
        }
    }
    if (w)
        trace_writer_close(w, trace_reader_trailer(r));
    trace_reader_free(r);
    if (write_ns)
        *write_ns = tw;
    return rc == TRACE_EOF ? now_ns() - t0 : 0;
}

static int discard(const void *p, size_t n, void *payload)
{
    (void)p;
    *(uint64_t *)payload += n;
    return 0;
}

int main(void)
{
    const char *env = getenv("BENCH_XML_EVENTS");
    long n = env ? strtol(env, NULL, 10) : 100000, nodes = 0, events = 0;
    char path[64];
    uint64_t plain = UINT64_MAX, model = UINT64_MAX, wns = 0, bytes = 0, size;
    trace_ctx *ctx;
    trace_writer *w;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    FILE *f;
    int round;
    snprintf(path, sizeof(path), "/tmp/bench_xml_%ld.xml", (long)getpid());
    if (generate(path, n) != 0 || trace_ctx_new(&ctx, NULL) != TRACE_OK) {
        fprintf(stderr, "bench_xml: cannot set up\n");
        return 1;
    }
    f = fopen(path, "rb");
    fseek(f, 0, SEEK_END);
    size = (uint64_t)ftell(f);
    fclose(f);
    /* alternate the two passes so both see the same cache state; keep the best of three */
    for (round = 0; round < 3; round++) {
        uint64_t p = plain_pass(path, &nodes), m = model_pass(ctx, path, NULL, &events, NULL);
        if (!p || !m || events != n) {
            fprintf(stderr, "bench_xml: a pass failed (%ld of %ld events)\n", events, n);
            return 1;
        }
        plain = p < plain ? p : plain;
        model = m < model ? m : model;
    }
    wo.format = TRACE_FMT_XML;
    if (trace_writer_open_cb(&w, ctx, discard, &bytes, &wo) != TRACE_OK ||
        !model_pass(ctx, path, w, &events, &wns)) {
        fprintf(stderr, "bench_xml: write pass failed\n");
        return 1;
    }
    trace_writer_free(w);
    fprintf(stderr, "bench_xml: %ld events, %.1f MB, plain %.3f s (%ld nodes), model %.3f s, "
                    "write %.3f s (%.1f MB out)\n",
            n, (double)size / 1e6, (double)plain / 1e9, nodes, (double)model / 1e9,
            (double)wns / 1e9, (double)bytes / 1e6);
    put("xml.read.ratio", (double)model / (double)plain);
    put("xml.read.events_per_s", (double)n * 1e9 / (double)model);
    put("xml.read.mb_per_s", (double)size / 1e6 * 1e9 / (double)model);
    put("xml.plain.mb_per_s", (double)size / 1e6 * 1e9 / (double)plain);
    put("xml.write.events_per_s", (double)n * 1e9 / (double)wns);
    put("xml.peak_rss_kib", (double)peak_rss_kib());
    trace_ctx_free(ctx);
    if (!getenv("BENCH_XML_KEEP"))
        unlink(path);
    return 0;
}
