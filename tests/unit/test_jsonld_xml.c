/*
 * test_jsonld_xml.c - the JSON-LD codec against the XML codec over every
 * official EPCIS 2.0 XML document: XML -> JSON-LD gives the same model as
 * the XML itself (canonical dump, normalized), XML -> JSON-LD -> XML too,
 * and what JSON-LD cannot hold is in the loss report. Skips cleanly when
 * ../shared/ref is absent.
 */
#include <dirent.h>

#include "unit.h"
#include "libtrace/dump.h"
#include "libtrace/io.h"

typedef struct sbuf {
    char *p;
    size_t n, cap;
} sbuf;

static int sb_add(const char *t, size_t len, void *payload)
{
    sbuf *b = payload;
    if (b->n + len + 1 > b->cap) {
        size_t cap = (b->n + len + 1) * 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->n, t, len);
    b->n += len;
    b->p[b->n] = '\0';
    return 0;
}

static int sb_write(const void *t, size_t len, void *payload)
{
    return sb_add(t, len, payload);
}

/* Normalized dump of a whole document; returns the reader's final status. */
static int dump_doc(trace_ctx *ctx, trace_format f, const char *buf, size_t len, sbuf *out)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_reader *r;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc;
    ro.format = f;
    if (trace_reader_open_mem(&r, ctx, buf, len, &ro) != TRACE_OK)
        return TRACE_EINVAL;
    rc = trace_reader_header(r, &h, &md);
    if (rc == TRACE_OK) {
        trace_header_dump(h, md, sb_add, out, TRACE_DUMP_NORMALIZE);
        while ((rc = trace_reader_next(r, &ev)) == TRACE_OK)
            trace_event_dump(ev, sb_add, out, TRACE_DUMP_NORMALIZE);
        if (rc == TRACE_EOF)
            trace_trailer_dump(trace_reader_trailer(r), sb_add, out, TRACE_DUMP_NORMALIZE);
    }
    trace_reader_free(r);
    return rc;
}

static int convert(trace_ctx *ctx, trace_format from, trace_format to, const char *buf,
                   size_t len, sbuf *out, trace_diag_list *losses)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_reader *r;
    trace_writer *w;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    int rc;
    ro.format = from;
    wo.format = to;
    wo.losses = losses;
    if (trace_reader_open_mem(&r, ctx, buf, len, &ro) != TRACE_OK)
        return TRACE_EINVAL;
    if (trace_writer_open_cb(&w, ctx, sb_write, out, &wo) != TRACE_OK) {
        trace_reader_free(r);
        return TRACE_EINVAL;
    }
    rc = trace_reader_header(r, &h, &md);
    if (rc == TRACE_OK && trace_writer_header(w, h, md) == TRACE_OK)
        while ((rc = trace_reader_next(r, &ev)) == TRACE_OK)
            trace_writer_event(w, ev);
    trace_writer_close(w, trace_reader_trailer(r));
    trace_writer_free(w);
    trace_reader_free(r);
    return rc;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *p;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    p = malloc((size_t)n + 1);
    if (!p || fread(p, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(p);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* The dump with the docType line of a master-data document made EPCISDocument. */
static void fix_master_data_type(sbuf *d)
{
    static const char from[] = "docType = \"EPCISMasterDataDocument\"";
    char *p = d->p ? strstr(d->p, from) : NULL;
    if (p) {
        static const char to[] = "docType = \"EPCISDocument\"";
        memmove(p + sizeof(to) - 1, p + sizeof(from) - 1, strlen(p + sizeof(from) - 1) + 1);
        memcpy(p, to, sizeof(to) - 1);
        d->n -= sizeof(from) - sizeof(to);
    }
}

static int check_one(trace_ctx *ctx, const char *path)
{
    size_t len;
    char *doc = slurp(path, &len);
    sbuf dx = {0}, dj = {0}, dx2 = {0}, json = {0}, xml = {0};
    trace_diag_list *losses;
    int ok = 0;
    if (!doc)
        return 0;
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    /* Only documents the XML reader reads to the end take part. */
    if (dump_doc(ctx, TRACE_FMT_XML, doc, len, &dx) == TRACE_EOF) {
        assert_int_equal(convert(ctx, TRACE_FMT_XML, TRACE_FMT_JSONLD, doc, len, &json, losses),
                         TRACE_EOF);
        assert_int_equal(dump_doc(ctx, TRACE_FMT_JSONLD, json.p, json.n, &dj), TRACE_EOF);
        if (strstr(dx.p, "docType = \"EPCISMasterDataDocument\"")) {
            /* JSON-LD has no master-data document type: reported, then compared without it. */
            size_t k;
            int found = 0;
            for (k = 0; k < trace_diag_list_count(losses); k++) {
                const trace_diag *d = trace_diag_list_at(losses, k);
                found |= !strcmp(d->id, "TR-CONV-0002") &&
                         !strcmp(trace_diag_arg_get(d, "what"), "the document type") &&
                         !strcmp(d->loc.path, "/type");
            }
            assert_true(found);
            fix_master_data_type(&dx);
        }
        if (strcmp(dx.p, dj.p) != 0)
            fail_msg("%s: XML -> JSON-LD changed the model", path);
        assert_int_equal(convert(ctx, TRACE_FMT_JSONLD, TRACE_FMT_XML, json.p, json.n, &xml, NULL),
                         TRACE_EOF);
        assert_int_equal(dump_doc(ctx, TRACE_FMT_XML, xml.p, xml.n, &dx2), TRACE_EOF);
        if (strcmp(dx.p, dx2.p) != 0)
            fail_msg("%s: XML -> JSON-LD -> XML changed the model", path);
        ok = 1;
    }
    free(doc), free(dx.p), free(dj.p), free(dx2.p), free(json.p), free(xml.p);
    trace_diag_list_free(losses);
    return ok;
}

static int check_dir(trace_ctx *ctx, const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[2048];
        size_t nl = strlen(e->d_name);
        if (nl < 5 || strcmp(e->d_name + nl - 4, ".xml"))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        n += check_one(ctx, path);
    }
    closedir(d);
    return n;
}

static void test_xml_documents_through_jsonld(void **state)
{
    static const char *const dirs[] = {
        "epcis/openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents",
        "epcis/gs1-EPCIS-dev/XML",
        "epcis/gs1-EPCIS-dev/XML/WithFullCombinationOfFields",
        "epcis/gs1-EPCIS-dev/XML/WithSensorData",
        "epcis/gs1-EPCIS-dev/XML/AssociationEvent",
        "epcis/gs1-EPCIS-dev/XML/WithErrorDeclaration",
        "epcis/gs1-EPCIS-dev/XML/WithExtension",
        "epcis/gs1-EPCIS-dev/XML/WithEventHashID",
        "epcis/gs1-EPCIS-dev/XML/CBV",
        "epcis/gs1-EPCIS-dev/XML/Mimasu"};
    char ref[1024], dir[1200];
    trace_ctx *ctx;
    size_t i;
    int n = 0;
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref))) {
        print_message("skipped: shared/ref not present\n");
        skip();
    }
    if (!trace_format_supported(TRACE_FMT_XML, 0) || !trace_format_supported(TRACE_FMT_XML, 1)) {
        print_message("skipped: this build has no XML codec\n");
        skip();
    }
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        snprintf(dir, sizeof(dir), "%s/%s", ref, dirs[i]);
        n += check_dir(ctx, dir);
    }
    assert_true(n >= 60);
    trace_ctx_free(ctx);
}

/* XML comments cannot travel: each one is a TR-CONV-0001 loss with its record. */
static void test_xml_comment_loss(void **state)
{
    static const char doc[] =
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" "
        "xmlns:ex=\"http://example.com/ext/\" schemaVersion=\"2.0\" "
        "creationDate=\"2026-01-01T00:00:00Z\"><EPCISBody><EventList><ObjectEvent>"
        "<eventTime>2026-01-01T00:00:00Z</eventTime><eventTimeZoneOffset>+08:00"
        "</eventTimeZoneOffset><epcList/><action>OBSERVE</action>"
        "<ex:a><!-- why --><ex:b>1</ex:b></ex:a></ObjectEvent></EventList></EPCISBody>"
        "</epcis:EPCISDocument>";
    trace_ctx *ctx;
    trace_diag_list *losses;
    sbuf json = {0};
    const trace_diag *d;
    (void)state;
    if (!trace_format_supported(TRACE_FMT_XML, 0)) {
        print_message("skipped: this build has no XML codec\n");
        skip();
    }
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&losses, 0, NULL), TRACE_OK);
    assert_int_equal(convert(ctx, TRACE_FMT_XML, TRACE_FMT_JSONLD, doc, sizeof(doc) - 1, &json,
                             losses),
                     TRACE_EOF);
    assert_int_equal(trace_diag_list_count(losses), 1);
    d = trace_diag_list_at(losses, 0);
    assert_string_equal(d->id, "TR-CONV-0001");
    assert_string_equal(trace_diag_arg_get(d, "what"), "an XML comment");
    assert_int_equal(d->loc.record, 0);
    assert_string_equal(d->loc.path, "/epcisBody/eventList/0");
    assert_non_null(strstr(json.p, "\"ex:a\":{\"ex:b\":\"1\"}"));
    free(json.p);
    trace_diag_list_free(losses);
    trace_ctx_free(ctx);
}

/*
 * The ratified EPCIS 2.0.1 JSON Schema, through python3-jsonschema when this
 * machine has it: every JSON-LD document libtrace writes from an official XML
 * or JSON-LD document validates, unless its source already breaks the schema
 * (a JSON source that fails itself; three XML sources whose data the JSON
 * schema rejects: sensorReport without type, duplicate EPCs).
 */
static const char validator[] =
    "import json,os,sys\n"
    "import jsonschema\n"
    "s=json.load(open(sys.argv[1]))\n"
    "V=jsonschema.Draft7Validator(s)\n"
    "bad=0\n"
    "for f in sorted(os.listdir(sys.argv[2])):\n"
    "  if not f.endswith('.out'): continue\n"
    "  src=os.path.join(sys.argv[2],f[:-4]+'.src')\n"
    "  if os.path.exists(src) and any(True for _ in V.iter_errors(json.load(open(src,encoding='utf-8-sig')))): continue\n"
    "  if any(True for _ in V.iter_errors(json.load(open(os.path.join(sys.argv[2],f))))):\n"
    "    print(f[:-4]); bad+=1\n"
    "sys.exit(0)\n";

static void write_file(const char *path, const char *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(p, 1, n, f), n);
    fclose(f);
}

static int schema_dir(trace_ctx *ctx, const char *dir, const char *tmp, trace_format from)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        char path[2048], out[2048];
        size_t len, nl = strlen(e->d_name);
        const char *ext = from == TRACE_FMT_XML ? ".xml" : ".json";
        sbuf json = {0};
        char *doc;
        if (nl < 5 || !strstr(e->d_name + nl - 7 > e->d_name ? e->d_name + nl - 7 : e->d_name, ext))
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        if (!(doc = slurp(path, &len)))
            continue;
        if (convert(ctx, from, TRACE_FMT_JSONLD, doc, len, &json, NULL) == TRACE_EOF) {
            snprintf(out, sizeof(out), "%s/%s.out", tmp, e->d_name);
            write_file(out, json.p, json.n);
            if (from == TRACE_FMT_JSONLD) {
                snprintf(out, sizeof(out), "%s/%s.src", tmp, e->d_name);
                write_file(out, doc, len);
            }
            n++;
        }
        free(json.p);
        free(doc);
    }
    closedir(d);
    return n;
}

static void test_output_validates_against_schema(void **state)
{
    static const struct {
        const char *dir;
        trace_format from;
    } dirs[] = {
        {"epcis/openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents", TRACE_FMT_XML},
        {"epcis/gs1-EPCIS-dev/XML/WithFullCombinationOfFields", TRACE_FMT_XML},
        {"epcis/gs1-EPCIS-dev/XML/WithSensorData", TRACE_FMT_XML},
        {"epcis/gs1-EPCIS-dev/XML/AssociationEvent", TRACE_FMT_XML},
        {"epcis/gs1-EPCIS-dev/XML/WithExtension", TRACE_FMT_XML},
        {"epcis/gs1-EPCIS-dev/XML", TRACE_FMT_XML},
        {"epcis/openepcis-test-resources/2.0/EPCIS/JSON/Capture/Documents", TRACE_FMT_JSONLD},
        {"epcis/gs1-EPCIS-dev/JSON", TRACE_FMT_JSONLD},
        {"epcis/gs1-EPCIS-dev/JSON/WithFullCombinationOfFields", TRACE_FMT_JSONLD},
        {"epcis/gs1-EPCIS-dev/JSON/WithSensorData", TRACE_FMT_JSONLD}};
    char ref[1024], dir[1200], tmp[64], cmd[4096], line[256], script[128];
    trace_ctx *ctx;
    FILE *p;
    size_t i;
    int n = 0, rc;
    sbuf got = {0};
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref))) {
        print_message("skipped: shared/ref not present\n");
        skip();
    }
    if (system("python3 -c 'import jsonschema' >/dev/null 2>&1") != 0 ||
        !trace_format_supported(TRACE_FMT_XML, 0)) {
        print_message("skipped: no python3 jsonschema (or no XML codec) to validate with\n");
        skip();
    }
    strcpy(tmp, "/tmp/test_jsonld_schema_XXXXXX");
    assert_non_null(mkdtemp(tmp));
    snprintf(script, sizeof(script), "%s/validate.py", tmp);
    write_file(script, validator, sizeof(validator) - 1);
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        snprintf(dir, sizeof(dir), "%s/%s", ref, dirs[i].dir);
        n += schema_dir(ctx, dir, tmp, dirs[i].from);
    }
    trace_ctx_free(ctx);
    assert_true(n >= 100);
    snprintf(cmd, sizeof(cmd), "python3 %s %s/epcis/ratified-2.0.1/epcis-json-schema.json %s",
             script, ref, tmp);
    p = popen(cmd, "r");
    assert_non_null(p);
    while (fgets(line, sizeof(line), p))
        sb_add(line, strlen(line), &got);
    rc = pclose(p);
    assert_int_equal(rc, 0);
    assert_string_equal(got.p ? got.p : "",
                        "SensorDataExamples.xml\n"
                        "SensorData_with_combined_events.xml\n"
                        "epcisDocWithAllGS1Keys.xml\n");
    free(got.p);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
    assert_int_equal(system(cmd), 0);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_xml_documents_through_jsonld),
                cmocka_unit_test(test_xml_comment_loss),
                cmocka_unit_test(test_output_validates_against_schema))
