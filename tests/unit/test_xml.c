/*
 * test_xml.c - the EPCIS XML reader: every field of the model, extensions,
 * SBDH and master data, EPCIS 1.2 upgrade, DTDs and entities, limits,
 * malformed input, gzip and format detection (UTDS Part 3,
 * spec/utds-3-xml.md).
 */
#include <zlib.h>

#include "unit.h"
#include "xml_doc.h"
#include "test_xml_dump.h"

static const char doc_all[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\"\n"
    "  xmlns:sbdh=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\"\n"
    "  xmlns:ex=\"http://ex.com/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "  xmlns:utds=\"https://utds.org.cn/ns/1.0/\" utds:profile=\"food.meat\"\n"
    "  schemaVersion=\"2.0\" creationDate=\"2024-01-02T03:04:05.678+08:00\">\n"
    "<EPCISHeader>\n"
    " <sbdh:StandardBusinessDocumentHeader>\n"
    "  <sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>\n"
    "  <sbdh:Sender><sbdh:Identifier Authority=\"GS1\">urn:epc:id:pgln:1.1</sbdh:Identifier>\n"
    "   <sbdh:ContactInformation><sbdh:Contact>Li</sbdh:Contact></sbdh:ContactInformation>\n"
    "  </sbdh:Sender>\n"
    "  <sbdh:Receiver><sbdh:Identifier>urn:epc:id:pgln:2.2</sbdh:Identifier></sbdh:Receiver>\n"
    "  <sbdh:DocumentIdentification><sbdh:Standard>EPCglobal</sbdh:Standard>\n"
    "   <sbdh:TypeVersion>2.0</sbdh:TypeVersion><sbdh:InstanceIdentifier>M-1</sbdh:InstanceIdentifier>\n"
    "   <sbdh:Type>Events</sbdh:Type>\n"
    "   <sbdh:CreationDateAndTime>2024-01-02T03:04:05Z</sbdh:CreationDateAndTime>\n"
    "  </sbdh:DocumentIdentification>\n"
    "  <sbdh:BusinessScope><sbdh:Scope><sbdh:Type>x</sbdh:Type></sbdh:Scope></sbdh:BusinessScope>\n"
    " </sbdh:StandardBusinessDocumentHeader>\n"
    " <extension><EPCISMasterData><VocabularyList>\n"
    "  <Vocabulary type=\"urn:epcglobal:epcis:vtype:BusinessLocation\"><VocabularyElementList>\n"
    "   <VocabularyElement id=\"urn:epc:id:sgln:1.2.0\">\n"
    "    <attribute id=\"urn:epcglobal:cbv:mda#name\">Farm</attribute>\n"
    "    <attribute id=\"urn:x#addr\">a<ex:street>Main</ex:street>b</attribute>\n"
    "    <children><id>urn:epc:id:sgln:1.2.3</id></children>\n"
    "   </VocabularyElement>\n"
    "  </VocabularyElementList></Vocabulary>\n"
    " </VocabularyList></EPCISMasterData></extension>\n"
    "</EPCISHeader>\n"
    "<EPCISBody><EventList>\n"
    "<ObjectEvent xmlns:ev=\"http://ev.com/\">\n"
    " <eventTime>2024-01-02T03:04:05.678+08:00</eventTime>\n"
    " <recordTime>2024-01-02T03:04:06Z</recordTime>\n"
    " <eventTimeZoneOffset>+08:00</eventTimeZoneOffset>\n"
    " <eventID>urn:uuid:1</eventID>\n"
    " <errorDeclaration><declarationTime>2024-01-03T00:00:00Z</declarationTime>\n"
    "  <reason>urn:epcglobal:cbv:er:incorrect_data</reason>\n"
    "  <correctiveEventIDs><correctiveEventID>urn:uuid:2</correctiveEventID></correctiveEventIDs>\n"
    "  <ex:why>typo</ex:why></errorDeclaration>\n"
    " <certificationInfo>https://cert.example/1</certificationInfo>\n"
    " <epcList><epc>urn:epc:id:sgtin:1.2.3</epc><epc>https://id.gs1.org/01/09521234543213/21/7</epc></epcList>\n"
    " <action>ADD</action>\n"
    " <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>\n"
    " <disposition>https://ref.gs1.org/cbv/Disp-active</disposition>\n"
    " <readPoint><id>urn:epc:id:sgln:1.2.3</id><ex:rp>r</ex:rp></readPoint>\n"
    " <bizLocation><id>urn:epc:id:sgln:1.2.0</id></bizLocation>\n"
    " <bizTransactionList><bizTransaction type=\"urn:epcglobal:cbv:btt:po\">urn:x:po:1</bizTransaction></bizTransactionList>\n"
    " <quantityList><quantityElement><epcClass>urn:epc:class:lgtin:1.2.L1</epcClass>\n"
    "  <quantity>200.50</quantity><uom>KGM</uom></quantityElement></quantityList>\n"
    " <sourceList><source type=\"urn:epcglobal:cbv:sdt:owning_party\">urn:epc:id:pgln:1.1</source></sourceList>\n"
    " <destinationList><destination type=\"urn:epcglobal:cbv:sdt:location\">urn:epc:id:sgln:9.9.0</destination></destinationList>\n"
    " <sensorElementList><sensorElement>\n"
    "  <sensorMetadata time=\"2024-01-02T03:00:00Z\" ex:batch=\"b1\"/>\n"
    "  <sensorReport type=\"gs1:Temperature\" value=\"26.0\" uom=\"CEL\" booleanValue=\"true\"/>\n"
    "  <ex:sensorNote>n</ex:sensorNote>\n"
    " </sensorElement></sensorElementList>\n"
    " <persistentDisposition><unset>urn:epcglobal:cbv:disp:completeness_inferred</unset>\n"
    "  <set>urn:epcglobal:cbv:disp:completeness_verified</set></persistentDisposition>\n"
    " <ilmd><ex:lot>L1</ex:lot><extension><legacy>1</legacy></extension></ilmd>\n"
    " <!-- a note -->\n"
    " <ex:temp xsi:type=\"xsd:decimal\" ex:unit=\"CEL\">4.5</ex:temp>\n"
    " <ev:mixed>a<ev:b>x</ev:b>c</ev:mixed>\n"
    "</ObjectEvent>\n"
    "</EventList></EPCISBody>\n"
    "<utds:trailer><utds:eventCount>1</utds:eventCount><utds:digest>abc</utds:digest>\n"
    " <utds:signature>c2ln</utds:signature><utds:keyId>k1</utds:keyId><utds:sigAlg>ed25519</utds:sigAlg>\n"
    "</utds:trailer>\n"
    "</epcis:EPCISDocument>\n";

typedef struct rd {
    trace_ctx *ctx;
    trace_reader *r;
    trace_diag_list *diags;
} rd;

static void rd_open(rd *x, const char *buf, size_t len, const trace_limits *lim)
{
    trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
    trace_reader_options o = TRACE_READER_OPTIONS_INIT;
    if (lim)
        co.limits = *lim;
    assert_int_equal(trace_ctx_new(&x->ctx, &co), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&x->diags, 0, NULL), TRACE_OK);
    o.diags = x->diags;
    assert_int_equal(trace_reader_open_mem(&x->r, x->ctx, buf, len, &o), TRACE_OK);
}

static void rd_close(rd *x)
{
    trace_reader_free(x->r);
    trace_diag_list_free(x->diags);
    trace_ctx_free(x->ctx);
}

/* 1 when a diagnostic with this id was reported; fills *line with its line. */
static int has_diag(trace_diag_list *l, const char *id, unsigned *line)
{
    size_t i;
    for (i = 0; i < trace_diag_list_count(l); i++) {
        const trace_diag *d = trace_diag_list_at(l, i);
        if (!strcmp(d->id, id)) {
            if (line)
                *line = d->loc.line;
            return 1;
        }
    }
    return 0;
}

static void test_header(void **state)
{
    rd x;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_md_element *e;
    (void)state;
    rd_open(&x, doc_all, sizeof(doc_all) - 1, NULL);
    assert_int_equal(trace_reader_header(x.r, &h, &md), TRACE_OK);
    assert_int_equal(trace_reader_format(x.r), TRACE_FMT_XML);
    assert_true(trace_str_eq(h->doc_type, "EPCISDocument"));
    assert_true(trace_str_eq(h->schema_version, "2.0"));
    assert_true(trace_str_eq(h->creation_date.lexeme, "2024-01-02T03:04:05.678+08:00"));
    assert_int_equal(h->creation_date.offset_min, 480);
    assert_true(trace_str_eq(h->profile, "food.meat"));
    assert_int_equal(h->nnamespaces, 5);
    assert_true(trace_str_eq(h->namespaces[2].prefix, "ex"));
    assert_true(trace_str_eq(h->namespaces[2].uri, "http://ex.com/"));
    assert_true(h->has_sbdh);
    assert_true(trace_str_eq(h->sbdh_version, "1.0"));
    assert_int_equal(h->nsenders, 1);
    assert_true(trace_str_eq(h->senders[0].identifier, "urn:epc:id:pgln:1.1"));
    assert_true(trace_str_eq(h->senders[0].authority, "GS1"));
    assert_int_equal(h->senders[0].ncontact, 1);
    assert_true(trace_str_eq(h->senders[0].contact[0].name, "ContactInformation"));
    assert_true(trace_str_eq(h->senders[0].contact[0].children[0].text, "Li"));
    assert_true(trace_str_eq(h->sender, "urn:epc:id:pgln:1.1"));
    assert_true(trace_str_eq(h->receiver, "urn:epc:id:pgln:2.2"));
    assert_true(trace_str_eq(h->instance_id, "M-1"));
    assert_true(trace_str_eq(h->standard, "EPCglobal"));
    assert_true(trace_str_eq(h->type_version, "2.0"));
    assert_true(trace_str_eq(h->message_type, "Events"));
    assert_true(trace_str_eq(h->created.lexeme, "2024-01-02T03:04:05Z"));
    assert_int_equal(h->nsbdh_ext, 1);
    assert_true(trace_str_eq(h->sbdh_ext[0].name, "BusinessScope"));
    assert_int_equal(md->nvocabularies, 1);
    assert_true(trace_str_eq(md->vocabularies[0].type,
                             "urn:epcglobal:epcis:vtype:BusinessLocation"));
    e = trace_masterdata_find(md, trace_str_c("urn:epc:id:sgln:1.2.0"));
    assert_non_null(e);
    assert_int_equal(e->nattrs, 2);
    assert_true(trace_str_eq(trace_md_element_attr(e, "urn:epcglobal:cbv:mda#name")->value,
                             "Farm"));
    /* mixed content: text, element, text */
    assert_int_equal(e->attrs[1].ntree, 3);
    assert_int_equal(e->attrs[1].tree[0].kind, TRACE_EXT_TEXT);
    assert_true(trace_str_eq(e->attrs[1].tree[0].text, "a"));
    assert_true(trace_str_eq(e->attrs[1].tree[1].ns, "http://ex.com/"));
    assert_true(trace_str_eq(e->attrs[1].tree[1].text, "Main"));
    assert_true(trace_str_eq(e->attrs[1].tree[2].text, "b"));
    assert_int_equal(e->nchildren, 1);
    assert_true(trace_str_eq(e->children[0], "urn:epc:id:sgln:1.2.3"));
    rd_close(&x);
}

static void check_event_fields(const trace_event *ev)
{
    assert_int_equal(ev->type, TRACE_EVENT_OBJECT);
    assert_int_equal(ev->index, 0);
    assert_int_equal(ev->pos.line, 32);
    assert_true(ev->event_time.valid);
    assert_int_equal(ev->event_time.pos.line, 33);
    assert_int_equal(ev->event_time.frac_digits, 3);
    assert_true(trace_str_eq(ev->record_time.lexeme, "2024-01-02T03:04:06Z"));
    assert_true(trace_str_eq(ev->tz_offset, "+08:00"));
    assert_true(trace_str_eq(ev->event_id.raw, "urn:uuid:1"));
    assert_true(ev->error_declaration.present);
    assert_true(trace_str_eq(ev->error_declaration.reason.value, "incorrect_data"));
    assert_int_equal(ev->error_declaration.reason.form, TRACE_CBV_URN);
    assert_int_equal(ev->error_declaration.ncorrective_ids, 1);
    assert_int_equal(ev->error_declaration.next, 1);
    assert_true(trace_str_eq(ev->error_declaration.ext[0].name, "why"));
    assert_int_equal(ev->ncertification, 1);
    assert_true(ev->epc_list.present);
    assert_int_equal(ev->epc_list.n, 2);
    assert_int_equal(ev->epc_list.items[0].form, TRACE_ID_EPC_URN);
    assert_int_equal(ev->epc_list.items[1].form, TRACE_ID_DL);
    assert_int_equal(ev->action, TRACE_ACTION_ADD);
    assert_true(trace_str_eq(ev->biz_step.value, "commissioning"));
    assert_int_equal(ev->disposition.form, TRACE_CBV_WEB);
    assert_true(trace_str_eq(ev->disposition.value, "active"));
    assert_true(ev->read_point.present);
    assert_int_equal(ev->read_point.next, 1);
    assert_true(trace_str_eq(ev->read_point.ext[0].text, "r"));
    assert_true(trace_str_eq(ev->biz_location.id.raw, "urn:epc:id:sgln:1.2.0"));
    assert_int_equal(ev->nbiz_transactions, 1);
    assert_true(trace_str_eq(ev->biz_transactions[0].type.value, "po"));
    assert_int_equal(ev->quantity_list.n, 1);
    assert_true(trace_str_eq(ev->quantity_list.items[0].quantity.lexeme, "200.50"));
    assert_true(trace_str_eq(ev->quantity_list.items[0].uom, "KGM"));
    assert_int_equal(ev->nsources, 1);
    assert_true(trace_str_eq(ev->sources[0].type.value, "owning_party"));
    assert_int_equal(ev->ndestinations, 1);
    assert_int_equal(ev->nsensors, 1);
    assert_true(ev->sensors[0].has_metadata);
    assert_int_equal(ev->sensors[0].nmetadata, 2);
    assert_true(trace_str_eq(ev->sensors[0].metadata[1].ns, "http://ex.com/"));
    assert_true(trace_str_eq(ev->sensors[0].metadata[1].prefix, "ex"));
    assert_true(trace_str_eq(ev->sensors[0].metadata[1].value, "b1"));
    assert_int_equal(ev->sensors[0].nreports, 1);
    assert_int_equal(ev->sensors[0].reports[0].nattrs, 4);
    assert_int_equal(ev->sensors[0].reports[0].attrs[0].type, TRACE_EXT_STRING);
    assert_int_equal(ev->sensors[0].reports[0].attrs[1].type, TRACE_EXT_NUMBER);
    assert_true(trace_str_eq(ev->sensors[0].reports[0].attrs[1].value, "26.0"));
    assert_int_equal(ev->sensors[0].reports[0].attrs[3].type, TRACE_EXT_BOOL);
    assert_int_equal(ev->sensors[0].next, 1);
    assert_true(ev->has_persistent_disposition);
    assert_int_equal(ev->npd_set, 1);
    assert_int_equal(ev->npd_unset, 1);
    assert_true(ev->has_ilmd);
    assert_int_equal(ev->nilmd, 2); /* ex:lot and the flattened 1.x wrapper's legacy */
    assert_true(trace_str_eq(ev->ilmd[1].name, "legacy"));
    assert_int_equal(ev->ilmd[1].ns.len, 0);
    assert_int_equal(ev->next, 3);
    assert_int_equal(ev->ext[0].kind, TRACE_EXT_COMMENT);
    assert_true(trace_str_eq(ev->ext[0].text, " a note "));
    assert_true(trace_str_eq(ev->ext[1].xsi_type, "xsd:decimal"));
    assert_int_equal(ev->ext[1].nattrs, 1);
    assert_true(trace_str_eq(ev->ext[1].attrs[0].name, "unit"));
    assert_true(trace_str_eq(ev->ext[1].text, "4.5"));
    assert_int_equal(ev->ext[2].nchildren, 3);
    assert_true(trace_str_eq(ev->ext[2].prefix, "ev"));
    assert_int_equal(ev->ncontext, 1);
    assert_true(trace_str_eq(ev->context[0].prefix, "ev"));
}

static void test_event(void **state)
{
    rd x;
    const trace_event *ev;
    const trace_trailer *t;
    static const uint8_t order[] = {
        TRACE_F_TYPE, TRACE_F_EVENT_TIME, TRACE_F_RECORD_TIME, TRACE_F_TZ_OFFSET, TRACE_F_EVENT_ID,
        TRACE_F_ERROR_DECLARATION, TRACE_F_CERTIFICATION, TRACE_F_EPC_LIST, TRACE_F_ACTION,
        TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
        TRACE_F_BIZ_TRANSACTIONS, TRACE_F_QUANTITY_LIST, TRACE_F_SOURCES, TRACE_F_DESTINATIONS,
        TRACE_F_SENSORS, TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_ILMD, TRACE_F_EXTENSION,
        TRACE_F_EXTENSION, TRACE_F_EXTENSION};
    (void)state;
    rd_open(&x, doc_all, sizeof(doc_all) - 1, NULL);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    check_event_fields(ev);
    assert_int_equal(ev->norder, sizeof(order));
    assert_memory_equal(ev->order, order, sizeof(order));
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_EOF);
    t = trace_reader_trailer(x.r);
    assert_true(t->present);
    assert_int_equal(t->event_count, 1);
    assert_true(trace_str_eq(t->digest, "abc"));
    assert_true(trace_str_eq(t->signature, "c2ln"));
    assert_true(trace_str_eq(t->key_id, "k1"));
    assert_true(trace_str_eq(t->sig_alg, "ed25519"));
    /* the reader says nothing about a valid document */
    assert_int_equal(trace_diag_list_count(x.diags), 0);
    rd_close(&x);
}

static void test_v12_upgrade(void **state)
{
    static const char doc[] =
        "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\" schemaVersion=\"1.2\"\n"
        " creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody><EventList>\n"
        "<ObjectEvent><eventTime>2020-01-01T00:00:00Z</eventTime>\n"
        " <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>\n"
        " <baseExtension><eventID>urn:uuid:9</eventID></baseExtension>\n"
        " <epcList/><action>ADD</action>\n"
        " <extension><quantityList><quantityElement><epcClass>urn:epc:class:lgtin:1.2.3</epcClass>"
        "<quantity>5</quantity></quantityElement></quantityList>\n"
        "  <ilmd><x:lot xmlns:x=\"http://x/\">1</x:lot></ilmd></extension>\n"
        "</ObjectEvent>\n"
        "<QuantityEvent><eventTime>2020-01-01T00:00:00Z</eventTime>\n"
        " <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>\n"
        " <epcClass>urn:epc:idpat:sgtin:1.2.*</epcClass><quantity>12</quantity>\n"
        " <bizStep>urn:epcglobal:cbv:bizstep:stocking</bizStep></QuantityEvent>\n"
        "<extension><TransformationEvent><eventTime>2020-01-01T00:00:00Z</eventTime>\n"
        " <eventTimeZoneOffset>+00:00</eventTimeZoneOffset>\n"
        " <inputEPCList><epc>urn:epc:id:sgtin:1.2.3</epc></inputEPCList></TransformationEvent>\n"
        " <extension><AssociationEvent><eventTime>2020-01-01T00:00:00Z</eventTime>"
        "<eventTimeZoneOffset>+00:00</eventTimeZoneOffset><parentID>urn:epc:id:grai:1.2.3</parentID>"
        "<action>ADD</action></AssociationEvent></extension>\n"
        "</extension>\n"
        "</EventList></EPCISBody></epcis:EPCISDocument>\n";
    rd x;
    const trace_header *h;
    const trace_event *ev;
    unsigned line = 0;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    assert_int_equal(trace_reader_header(x.r, &h, NULL), TRACE_OK);
    assert_int_equal(trace_reader_format(x.r), TRACE_FMT_XML12);
    assert_true(trace_str_eq(h->schema_version, "2.0"));
    assert_true(trace_str_eq(h->namespaces[0].uri, "urn:epcglobal:epcis:xsd:2"));
    assert_true(has_diag(x.diags, "TR-XML-0013", &line));
    assert_int_equal(line, 2); /* libxml2 gives the line where the start tag ends */
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_true(trace_str_eq(ev->event_id.raw, "urn:uuid:9"));
    assert_int_equal(ev->quantity_list.n, 1);
    assert_true(ev->has_ilmd);
    assert_int_equal(ev->nilmd, 1);
    assert_true(ev->epc_list.present);
    assert_int_equal(ev->epc_list.n, 0);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_int_equal(ev->type, TRACE_EVENT_OBJECT);
    assert_int_equal(ev->action, TRACE_ACTION_OBSERVE);
    assert_int_equal(ev->quantity_list.n, 1);
    assert_true(trace_str_eq(ev->quantity_list.items[0].epc_class.raw, "urn:epc:idpat:sgtin:1.2.*"));
    assert_true(trace_str_eq(ev->quantity_list.items[0].quantity.lexeme, "12"));
    assert_true(has_diag(x.diags, "TR-XML-0014", &line));
    assert_int_equal(line, 10);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_int_equal(ev->type, TRACE_EVENT_TRANSFORMATION);
    assert_int_equal(ev->input_epcs.n, 1);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_int_equal(ev->type, TRACE_EVENT_ASSOCIATION);
    assert_int_equal(ev->index, 3);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_EOF);
    rd_close(&x);
}

/* Read a whole document; return the status that ended it and keep the diagnostics. */
static int read_all(rd *x, int *events)
{
    const trace_event *ev;
    int rc;
    *events = 0;
    while ((rc = trace_reader_next(x->r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        *events += rc == TRACE_OK;
    return rc;
}


static void test_dtd_internal_entities(void **state)
{
    static const char doc[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY co \"ACME &amp; Co\">"
                              "<!ENTITY n \"&co; Ltd\">]>\n" HEAD
                              EV("<bizStep>urn:x:&n;</bizStep>") TAIL;
    rd x;
    const trace_event *ev;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_true(trace_str_eq(ev->biz_step.raw, "urn:x:ACME & Co Ltd"));
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_EOF);
    assert_int_equal(trace_diag_list_count(x.diags), 0);
    rd_close(&x);
}

static void test_dtd_external_refused(void **state)
{
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d SYSTEM \"http://evil.example/x.dtd\">\n" HEAD TAIL;
    rd x;
    const trace_event *ev;
    unsigned line = 0;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    assert_int_equal(trace_reader_header(x.r, NULL, NULL), TRACE_EDATA);
    assert_true(has_diag(x.diags, "TR-XML-0003", &line));
    assert_int_equal(line, 0); /* the tree keeps no line for a DOCTYPE */
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_EOF);
    rd_close(&x);
}

static void test_external_entity_refused(void **state)
{
    static const char doc[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "
                              "\"file:///etc/passwd\">]>\n" HEAD EV("<bizStep>&x;</bizStep>") TAIL;
    rd x;
    int n, rc;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    rc = read_all(&x, &n);
    assert_int_equal(rc, TRACE_EOF);
    assert_int_equal(n, 0);
    assert_true(has_diag(x.diags, "TR-XML-0004", NULL));
    rd_close(&x);
}

static void test_entity_bomb(void **state)
{
    static const char doc[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
        "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
        "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">]>\n"
        HEAD EV("<bizStep>&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;</bizStep>") TAIL;
    rd x;
    int n, rc;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    rc = read_all(&x, &n);
    assert_int_equal(n, 0);
    assert_int_equal(rc, TRACE_EOF);
    /* libxml2's own amplification guard stops this one */
    assert_true(has_diag(x.diags, "TR-XML-0004", NULL));
    assert_int_equal(trace_diag_list_count_severity(x.diags, TRACE_SEV_FATAL), 1);
    rd_close(&x);
}

/* Many small expansions pass libxml2's guard; the codec's own budget stops them. */
static void test_entity_budget(void **state)
{
    static const char pre[] = "<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n" HEAD
                              "<ObjectEvent><bizStep>";
    static const char post[] = "</bizStep></ObjectEvent>" TAIL;
    size_t i, len = 0;
    char *doc = malloc(sizeof(pre) + sizeof(post) + 4 * 10001);
    rd x;
    int n;
    (void)state;
    memcpy(doc, pre, sizeof(pre) - 1);
    len = sizeof(pre) - 1;
    for (i = 0; i < 10001; i++, len += 3)
        memcpy(doc + len, "&x;", 3);
    memcpy(doc + len, post, sizeof(post) - 1);
    len += sizeof(post) - 1;
    rd_open(&x, doc, len, NULL);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 0);
    assert_true(has_diag(x.diags, "TR-XML-0005", NULL));
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(x.diags, 0), "limit"),
                        "entity references");
    rd_close(&x);
    free(doc);
}

static void test_limits(void **state)
{
    static const char deep[] = HEAD EV("<ilmd><x:a xmlns:x=\"http://x/\"><x:a><x:a><x:a>1</x:a>"
                                       "</x:a></x:a></x:a></ilmd>") EV("") TAIL;
    static const char longtext[] = HEAD EV("<bizStep>urn:x:0123456789012345678901234567890123456789</bizStep>") EV("") TAIL;
    trace_limits lim;
    rd x;
    int n;
    unsigned line = 0;
    (void)state;
    memset(&lim, 0, sizeof(lim));
    lim.max_depth = 4;
    rd_open(&x, deep, sizeof(deep) - 1, &lim);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 1); /* the deep event is skipped, the next one is read */
    assert_true(has_diag(x.diags, "TR-XML-0006", &line));
    assert_int_equal(line, 1);
    rd_close(&x);

    memset(&lim, 0, sizeof(lim));
    lim.max_string = 32;
    rd_open(&x, longtext, sizeof(longtext) - 1, &lim);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 1);
    assert_true(has_diag(x.diags, "TR-XML-0008", NULL));
    rd_close(&x);
}

static void test_event_too_large(void **state)
{
    enum { N = 20000 };
    char *doc = malloc(N * 60 + 1000);
    size_t len = 0, i;
    trace_limits lim;
    rd x;
    int n, rc;
    (void)state;
    len += (size_t)sprintf(doc + len, "%s", HEAD "<ObjectEvent><epcList>");
    for (i = 0; i < N; i++)
        len += (size_t)sprintf(doc + len, "<epc>urn:epc:id:sgtin:1.2.%zu</epc>", i);
    len += (size_t)sprintf(doc + len, "%s", "</epcList></ObjectEvent>" TAIL);
    memset(&lim, 0, sizeof(lim));
    lim.max_record = 64 * 1024;
    rd_open(&x, doc, len, &lim);
    rc = read_all(&x, &n);
    assert_int_equal(rc, TRACE_ELIMIT);
    assert_int_equal(n, 0);
    assert_true(has_diag(x.diags, "TR-XML-0007", NULL));
    rd_close(&x);
    free(doc);
}

static void test_malformed(void **state)
{
    static const char bad[] = HEAD "\n" EV("<bizStep>a</bizstep>") TAIL;
    static const char notepcis[] = "<foo xmlns=\"urn:x\"/>";
    static const char truncated[] = HEAD EV("");
    rd x;
    int n;
    unsigned line = 0;
    (void)state;
    rd_open(&x, bad, sizeof(bad) - 1, NULL);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 0);
    assert_true(has_diag(x.diags, "TR-XML-0001", &line));
    assert_int_equal(line, 2);
    rd_close(&x);

    rd_open(&x, notepcis, sizeof(notepcis) - 1, NULL);
    assert_int_equal(trace_reader_header(x.r, NULL, NULL), TRACE_EDATA);
    rd_close(&x);
    {
        trace_ctx *ctx;
        trace_reader *r;
        trace_diag_list *dl;
        trace_reader_options o = TRACE_READER_OPTIONS_INIT;
        assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
        assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
        o.diags = dl;
        o.format = TRACE_FMT_XML;
        assert_int_equal(trace_reader_open_mem(&r, ctx, notepcis, sizeof(notepcis) - 1, &o),
                         TRACE_OK);
        assert_int_equal(trace_reader_header(r, NULL, NULL), TRACE_EDATA);
        assert_true(has_diag(dl, "TR-XML-0002", NULL));
        trace_reader_free(r);
        trace_diag_list_free(dl);
        trace_ctx_free(ctx);
    }

    /* the input ends after a complete event: the event is read, then the document fails
     * outside any event */
    rd_open(&x, truncated, sizeof(truncated) - 1, NULL);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 1);
    assert_true(has_diag(x.diags, "TR-XML-0001", NULL));
    assert_int_equal(trace_diag_list_at(x.diags, 0)->loc.record, -1);
    rd_close(&x);
}

static void test_bad_values(void **state)
{
    static const char doc[] = HEAD "\n<ObjectEvent><eventTime>yesterday</eventTime>\n"
                              "<eventTimeZoneOffset>8</eventTimeZoneOffset><action>MOVE</action>"
                              "<action>ADD</action><bogus>1</bogus></ObjectEvent>" TAIL;
    rd x;
    const trace_event *ev;
    unsigned line = 0;
    (void)state;
    rd_open(&x, doc, sizeof(doc) - 1, NULL);
    assert_int_equal(trace_reader_next(x.r, &ev), TRACE_OK);
    assert_false(ev->event_time.valid);
    assert_true(trace_str_eq(ev->event_time.lexeme, "yesterday"));
    assert_int_equal(ev->action, TRACE_ACTION_INVALID);
    assert_true(trace_str_eq(ev->action_raw, "MOVE"));
    assert_int_equal(ev->next, 1); /* the unknown element is kept */
    assert_true(has_diag(x.diags, "TR-EVT-0001", &line));
    assert_int_equal(line, 2);
    assert_true(has_diag(x.diags, "TR-EVT-0002", &line));
    assert_int_equal(line, 3);
    assert_true(has_diag(x.diags, "TR-EVT-0003", NULL));
    assert_true(has_diag(x.diags, "TR-XML-0011", NULL));
    assert_true(has_diag(x.diags, "TR-XML-0009", NULL));
    assert_string_equal(trace_diag_list_at(x.diags, 0)->loc.path,
                        "/EPCISDocument/EPCISBody/EventList/ObjectEvent/eventTime");
    assert_int_equal(trace_diag_list_at(x.diags, 0)->loc.record, 0);
    rd_close(&x);
}

static void test_gzip_and_detect(void **state)
{
    static const char v1[] = "<?xml version=\"1.0\"?><!-- c --><epcis:EPCISDocument "
                             "xmlns:epcis=\"urn:epcglobal:epcis:xsd:1\"><EPCISBody/>"
                             "</epcis:EPCISDocument>";
    unsigned char gz[4096];
    z_stream z;
    rd x;
    int n;
    (void)state;
    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)(uintptr_t)doc_all;
    z.avail_in = sizeof(doc_all) - 1;
    z.next_out = gz;
    z.avail_out = sizeof(gz);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    rd_open(&x, (const char *)gz, sizeof(gz) - z.avail_out, NULL);
    deflateEnd(&z);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(n, 1);
    assert_int_equal(trace_reader_format(x.r), TRACE_FMT_XML);
    rd_close(&x);

    rd_open(&x, v1, sizeof(v1) - 1, NULL);
    assert_int_equal(read_all(&x, &n), TRACE_EOF);
    assert_int_equal(trace_reader_format(x.r), TRACE_FMT_XML12);
    assert_int_equal(n, 0);
    rd_close(&x);
}

/* Every allocation failure is survived (no crash, no leak). */
static void test_alloc_failures(void **state)
{
    long k;
    (void)state;
    for (k = 0; k < 400; k++) {
        failalloc fa;
        trace_allocator a = failalloc_make(&fa, k);
        trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
        trace_ctx *ctx;
        xd_buf out = {0};
        co.alloc = &a;
        if (trace_ctx_new(&ctx, &co) != TRACE_OK)
            continue;
        (void)xd_convert(ctx, doc_all, sizeof(doc_all) - 1, TRACE_FMT_AUTO, NULL, NULL, &out,
                         NULL);
        trace_ctx_free(ctx);
        free(out.s);
        assert_int_equal(fa.live, 0);
    }
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_header), cmocka_unit_test(test_event),
                cmocka_unit_test(test_v12_upgrade), cmocka_unit_test(test_dtd_internal_entities),
                cmocka_unit_test(test_dtd_external_refused),
                cmocka_unit_test(test_external_entity_refused), cmocka_unit_test(test_entity_bomb),
                cmocka_unit_test(test_entity_budget),
                cmocka_unit_test(test_limits), cmocka_unit_test(test_event_too_large),
                cmocka_unit_test(test_malformed), cmocka_unit_test(test_bad_values),
                cmocka_unit_test(test_gzip_and_detect), cmocka_unit_test(test_alloc_failures))
