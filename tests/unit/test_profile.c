/*
 * test_profile.c - validator layer 6: UTDS profile rules on events built in
 * C (paths, conditions, rule kinds, elements, master-data rules).
 */
#include "unit.h"
#include "libtrace/dict.h"
#include "libtrace/validate.h"

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */
#define NS "https://utds.org.cn/ns/1.0/"

static trace_ext ext(const char *name, const char *text)
{
    trace_ext e;
    memset(&e, 0, sizeof(e));
    e.kind = TRACE_EXT_ELEMENT;
    e.ns = trace_str_c(NS);
    e.name = trace_str_c(name);
    e.prefix = trace_str_c("utds");
    e.text = trace_str_c(text);
    return e;
}

static trace_id id_of(const char *s)
{
    trace_id id;
    memset(&id, 0, sizeof(id));
    id.raw = trace_str_c(s);
    id.form = trace_id_classify(id.raw);
    return id;
}

static trace_id inputs[1], outputs[1];
static trace_ext exts[3], ilmd[2];

/* A slaughter (TransformationEvent) that meets the meat profile. */
static void slaughter(trace_event *ev)
{
    trace_event_init(ev);
    ev->index = 0;
    ev->type = TRACE_EVENT_TRANSFORMATION;
    ev->type_name = trace_str_c("TransformationEvent");
    trace_time_parse(trace_str_c("2025-06-01T06:00:00+08:00"), &ev->event_time);
    ev->tz_offset = trace_str_c("+08:00");
    inputs[0] = id_of("urn:utds:id:ear-tag:135010200001234");
    outputs[0] = id_of("urn:epc:id:sgtin:6901234.012345.1001");
    ev->input_epcs.items = inputs, ev->input_epcs.n = 1, ev->input_epcs.present = 1;
    ev->output_epcs.items = outputs, ev->output_epcs.n = 1, ev->output_epcs.present = 1;
    trace_vocab_set(&ev->biz_step, TRACE_CBV_BIZSTEP, trace_str_c(NS "BizStep-slaughtering"));
    ev->biz_location.id = id_of("urn:epc:id:sgln:6901234.00001.0");
    ev->biz_location.present = 1;
    exts[0] = ext("quarantineCertNo", "A-3501-2025-000123");
    exts[1] = ext("meatInspectionCertNo", "MIC-20250601-01");
    ev->ext = exts, ev->next = 2;
    ilmd[0] = ext("slaughterDate", "2025-06-01");
    ev->ilmd = ilmd, ev->nilmd = 1, ev->has_ilmd = 1;
}

typedef struct fx {
    trace_ctx *ctx;
    trace_validator *v;
    trace_diag_list *diags;
} fx;

/* Master data given beside the documents (tracectl validate --master). */
static trace_md_element md_elems[2];
static trace_vocabulary md_vocs[2];
static trace_masterdata md_extra;

static void master_data(void)
{
    memset(md_elems, 0, sizeof(md_elems));
    memset(md_vocs, 0, sizeof(md_vocs));
    md_elems[0].id = trace_str_c("urn:epc:id:sgln:6901234.00001.0");
    md_vocs[0].type = trace_str_c("urn:epcglobal:epcis:vtype:BusinessLocation");
    md_vocs[0].elements = &md_elems[0], md_vocs[0].nelements = 1;
    md_elems[1].id = trace_str_c("urn:utds:id:uscc:91350100M000100Y43");
    md_vocs[1].type = trace_str_c("urn:example:vtype:Other"); /* no master:KIND rules */
    md_vocs[1].elements = &md_elems[1], md_vocs[1].nelements = 1;
    md_extra.vocabularies = md_vocs, md_extra.nvocabularies = 2;
}

static int setup(void **state)
{
    static fx f;
    trace_validate_options o = TRACE_VALIDATE_OPTIONS_INIT;
    master_data();
    o.now = NOW;
    o.profile = "meat";
    o.master = &md_extra;
    o.flags = TRACE_VALIDATE_NO_IDS; /* layer 5 is test_validate.c's */
    assert_int_equal(trace_ctx_new(&f.ctx, NULL), TRACE_OK);
    assert_int_equal(trace_validator_new(&f.v, f.ctx, &o), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&f.diags, 0, NULL), TRACE_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fx *f = *state;
    trace_diag_list_free(f->diags);
    trace_validator_free(f->v);
    trace_ctx_free(f->ctx);
    return 0;
}

/* Validate and return "ID:rule:path;..." of every diagnostic. */
static const char *found(fx *f, const trace_event *ev)
{
    static char buf[2048];
    size_t i, n = 0;
    trace_diag_list_clear(f->diags);
    trace_validate_event(f->v, ev, f->diags);
    buf[0] = '\0';
    for (i = 0; i < trace_diag_list_count(f->diags); i++) {
        const trace_diag *d = trace_diag_list_at(f->diags, i);
        const char *rule = trace_diag_arg_get(d, "rule");
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s:%s:%s;", d->id, rule ? rule : "-",
                              d->loc.path);
    }
    return buf;
}

static void test_meat_valid(void **state)
{
    trace_event ev;
    slaughter(&ev);
    assert_string_equal(found(*state, &ev), "");
}

static void test_meat_missing(void **state)
{
    trace_event ev;
    slaughter(&ev);
    ev.next = 1;            /* no meat inspection certificate */
    ev.nilmd = 0, ev.has_ilmd = 0;
    ev.biz_location.id.raw.len = 0, ev.biz_location.present = 0;
    assert_string_equal(found(*state, &ev),
                        "TR-VAL-0030:B-007:/epcisBody/eventList/0/bizLocation|readPoint;"
                        "TR-VAL-0030:MEAT-006:/epcisBody/eventList/0/utds:meatInspectionCertNo;"
                        "TR-VAL-0030:MEAT-007:/epcisBody/eventList/0/ilmd/utds:slaughterDate;");
}

static void test_elements(void **state)
{
    fx *f = *state;
    trace_event ev;
    const trace_diag *d;
    slaughter(&ev);
    exts[0] = ext("quarantineCertNo", "a b");      /* charset and length */
    exts[2] = ext("quarantineCertNo", "A-3501-2025-000124");
    exts[1] = ext("noSuchElement", "x");
    ev.next = 3;
    ilmd[0] = ext("slaughterDate", "2025-02-30");  /* no such date */
    assert_string_equal(found(f, &ev),
                        "TR-VAL-0044:B-013:/epcisBody/eventList/0/utds:quarantineCertNo;"
                        "TR-VAL-0045:B-013:/epcisBody/eventList/0/utds:quarantineCertNo;"
                        "TR-VAL-0042:B-013:/epcisBody/eventList/0/utds:noSuchElement;"
                        "TR-VAL-0045:B-013:/epcisBody/eventList/0/ilmd/utds:slaughterDate;"
                        "TR-VAL-0030:MEAT-006:/epcisBody/eventList/0/utds:meatInspectionCertNo;");
    d = trace_diag_list_at(f->diags, 1);
    assert_string_equal(trace_diag_arg_get(d, "code"), "TR-DICT-0027");
    d = trace_diag_list_at(f->diags, 0);
    assert_string_equal(trace_diag_arg_get(d, "count"), "2");
}

static void test_dates_and_conditions(void **state)
{
    fx *f = *state;
    trace_event ev;
    slaughter(&ev);
    ilmd[1] = ext("expiryDate", "2025-05-30");
    ilmd[0] = ext("productionDate", "2025-06-01");
    ev.nilmd = 2;
    /* production after expiry (B-017); slaughterDate now missing (MEAT-007) */
    assert_string_equal(found(f, &ev),
                        "TR-VAL-0035:B-017:/epcisBody/eventList/0/ilmd/utds:productionDate;"
                        "TR-VAL-0030:MEAT-007:/epcisBody/eventList/0/ilmd/utds:slaughterDate;");
}

static void test_shipping_parties(void **state)
{
    fx *f = *state;
    trace_event ev;
    trace_party_ref src;
    trace_id e[1];
    trace_biz_transaction bt;
    trace_event_init(&ev);
    ev.index = 3;
    ev.type = TRACE_EVENT_OBJECT;
    ev.type_name = trace_str_c("ObjectEvent");
    trace_time_parse(trace_str_c("2025-06-02T06:00:00+08:00"), &ev.event_time);
    ev.tz_offset = trace_str_c("+08:00");
    e[0] = id_of("urn:epc:id:sgtin:6901234.012345.1001");
    ev.epc_list.items = e, ev.epc_list.n = 1, ev.epc_list.present = 1;
    ev.action = TRACE_ACTION_OBSERVE;
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("shipping"));
    ev.read_point.id = id_of("urn:epc:id:sgln:6901234.00001.0");
    memset(&src, 0, sizeof(src));
    trace_vocab_set(&src.type, TRACE_CBV_SDT, trace_str_c("owning_party"));
    src.id = id_of("urn:utds:id:uscc:91350100M000100Y43");
    ev.sources = &src, ev.nsources = 1;
    memset(&bt, 0, sizeof(bt));
    bt.id = id_of("urn:epcglobal:cbv:bt:6901234000017:INV-1");
    ev.biz_transactions = &bt, ev.nbiz_transactions = 1;
    exts[0] = ext("quarantineCertNo", "A-3501-2025-000123");
    ev.ext = exts, ev.next = 1;
    /* no destination (B-014, B-016), no test report (AF-007, a warning) and no
     * certificate type although a certificate number is given (MEAT-004) */
    assert_string_equal(found(f, &ev),
                        "TR-VAL-0040:B-014:/epcisBody/eventList/3/destinationList;"
                        "TR-VAL-0040:B-016:/epcisBody/eventList/3/destinationList;"
                        "TR-VAL-0030:AF-007:/epcisBody/eventList/3/utds:testItem|utds:document;"
                        "TR-VAL-0030:MEAT-004:/epcisBody/eventList/3/utds:quarantineCertType;");
}

static void test_master_rules(void **state)
{
    fx *f = *state;
    trace_masterdata md;
    trace_vocabulary voc;
    trace_md_element el;
    trace_md_attr at[1];
    trace_header h;
    memset(&voc, 0, sizeof(voc));
    memset(&el, 0, sizeof(el));
    memset(at, 0, sizeof(at));
    voc.type = trace_str_c(NS "vtype/Party");
    el.id = trace_str_c("urn:utds:id:uscc:91350100M000100Y43");
    at[0].id = trace_str_c(NS "partyName");
    at[0].value = trace_str_c("福州某某肉类加工有限公司");
    el.attrs = at, el.nattrs = 1;
    voc.elements = &el, voc.nelements = 1;
    md.vocabularies = &voc, md.nvocabularies = 1;
    trace_header_init(&h);
    h.schema_version = trace_str_c("2.0");
    trace_time_parse(trace_str_c("2025-06-01T00:00:00Z"), &h.creation_date);
    trace_diag_list_clear(f->diags);
    assert_int_equal(trace_validate_header(f->v, &h, &md, f->diags), TRACE_EDATA);
    /* the document's party lacks partyId, partyRole (errors) and partyRegion (warning);
     * the --master location lacks locationType (error) and address (warning) */
    assert_int_equal(trace_diag_list_count(f->diags), 5);
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(f->diags, 0), "rule"), "B-029");
    assert_string_equal(trace_diag_list_at(f->diags, 0)->loc.path,
                        "/epcisHeader/epcisMasterData/vocabularyList/0/vocabularyElementList/0/utds:partyId");
    assert_int_equal(trace_diag_list_at(f->diags, 2)->severity, TRACE_SEV_WARNING);
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(f->diags, 3), "rule"), "B-037");
}

static void test_unknown_profile(void **state)
{
    trace_validate_options o = TRACE_VALIDATE_OPTIONS_INIT;
    trace_validator *v;
    (void)state;
    o.profile = "no-such-family";
    assert_int_equal(trace_validator_new(&v, ((fx *)*state)->ctx, &o), TRACE_ENOTFOUND);
}

TRACE_UNIT_MAIN(cmocka_unit_test_setup_teardown(test_meat_valid, setup, teardown),
                cmocka_unit_test_setup_teardown(test_meat_missing, setup, teardown),
                cmocka_unit_test_setup_teardown(test_elements, setup, teardown),
                cmocka_unit_test_setup_teardown(test_dates_and_conditions, setup, teardown),
                cmocka_unit_test_setup_teardown(test_shipping_parties, setup, teardown),
                cmocka_unit_test_setup_teardown(test_master_rules, setup, teardown),
                cmocka_unit_test_setup_teardown(test_unknown_profile, setup, teardown))
