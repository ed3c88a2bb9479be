/*
 * test_validate.c - validator layers 2-5 on events built in C: each rule
 * with a valid and an invalid case, asserting exact codes and paths.
 */
#include "unit.h"
#include "libtrace/validate.h"

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

static trace_id ID(const char *s)
{
    trace_id id;
    memset(&id, 0, sizeof(id));
    id.raw = trace_str_c(s);
    id.form = trace_id_classify(id.raw);
    return id;
}

static trace_id epcs[3];

/* A valid ObjectEvent: OBSERVE, two EPCs, CBV bizStep. */
static void object_event(trace_event *ev)
{
    trace_event_init(ev);
    ev->index = 0;
    ev->type = TRACE_EVENT_OBJECT;
    ev->type_name = trace_str_c("ObjectEvent");
    trace_time_parse(trace_str_c("2025-06-01T08:00:00.000+08:00"), &ev->event_time);
    ev->tz_offset = trace_str_c("+08:00");
    epcs[0] = ID("urn:epc:id:sgtin:0614141.107346.2017");
    epcs[1] = ID("urn:epc:id:sgtin:0614141.107346.2018");
    ev->epc_list.items = epcs;
    ev->epc_list.n = 2;
    ev->epc_list.present = 1;
    ev->action = TRACE_ACTION_OBSERVE;
    trace_vocab_set(&ev->biz_step, TRACE_CBV_BIZSTEP, trace_str_c("shipping"));
}

typedef struct fixture {
    trace_ctx *ctx;
    trace_validator *v;
    trace_diag_list *diags;
} fixture;

static int setup(void **state)
{
    static fixture f;
    trace_validate_options o = TRACE_VALIDATE_OPTIONS_INIT;
    o.now = NOW;
    o.flags = TRACE_VALIDATE_NO_PROFILE; /* layers 2-5 here; test_profile.c covers layer 6 */
    assert_int_equal(trace_ctx_new(&f.ctx, NULL), TRACE_OK);
    assert_int_equal(trace_validator_new(&f.v, f.ctx, &o), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&f.diags, 0, NULL), TRACE_OK);
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    trace_diag_list_free(f->diags);
    trace_validator_free(f->v);
    trace_ctx_free(f->ctx);
    return 0;
}

/* Validate ev and assert exactly the given codes (NULL-terminated) in order. */
static void expect(fixture *f, const trace_event *ev, ...)
{
    va_list ap;
    size_t i = 0;
    const char *code;
    trace_diag_list_clear(f->diags);
    trace_validate_event(f->v, ev, f->diags);
    va_start(ap, ev);
    while ((code = va_arg(ap, const char *)) != NULL) {
        const trace_diag *d = trace_diag_list_at(f->diags, i++);
        if (!d)
            fail_msg("expected %s, got nothing", code);
        if (strcmp(d->id, code))
            fail_msg("diagnostic %zu: expected %s, got %s (%s)", i - 1, code, d->id, d->loc.path);
    }
    va_end(ap);
    if (trace_diag_list_count(f->diags) != i)
        fail_msg("expected %zu diagnostics, got %zu (first extra: %s)", i,
                 trace_diag_list_count(f->diags), trace_diag_list_at(f->diags, i)->id);
}

static void test_valid_object(void **state)
{
    trace_event ev;
    object_event(&ev);
    expect(*state, &ev, NULL);
    assert_int_equal(trace_validate_event(((fixture *)*state)->v, &ev, NULL), TRACE_OK);
}

static void test_structure(void **state)
{
    fixture *f = *state;
    trace_event ev;
    trace_id parent = ID("urn:epc:id:sscc:0614141.1234567890");
    object_event(&ev);
    ev.action = TRACE_ACTION_NONE;
    ev.parent_id = parent;
    expect(f, &ev, "TR-VAL-0002", "TR-VAL-0001", NULL);
    assert_string_equal(trace_diag_list_at(f->diags, 0)->loc.path, "/epcisBody/eventList/0/parentID");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(f->diags, 0), "field"), "parentID");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(f->diags, 1), "field"), "action");
    object_event(&ev);
    ev.type = TRACE_EVENT_TRANSACTION;
    ev.type_name = trace_str_c("TransactionEvent");
    expect(f, &ev, "TR-VAL-0001", NULL); /* bizTransactionList */
}

static void test_semantics(void **state)
{
    fixture *f = *state;
    trace_event ev;
    object_event(&ev);
    ev.has_ilmd = 1;
    expect(f, &ev, "TR-VAL-0005", NULL); /* ilmd with OBSERVE */
    ev.action = TRACE_ACTION_ADD;
    expect(f, &ev, NULL);
    object_event(&ev);
    ev.type = TRACE_EVENT_AGGREGATION;
    ev.type_name = trace_str_c("AggregationEvent");
    ev.epc_list.present = 0, ev.epc_list.n = 0;
    ev.child_epcs.items = epcs, ev.child_epcs.n = 2, ev.child_epcs.present = 1;
    ev.action = TRACE_ACTION_ADD;
    expect(f, &ev, "TR-VAL-0006", NULL); /* parentID for ADD */
    object_event(&ev);
    ev.type = TRACE_EVENT_TRANSFORMATION;
    ev.type_name = trace_str_c("TransformationEvent");
    ev.action = TRACE_ACTION_NONE;
    ev.epc_list.present = 0, ev.epc_list.n = 0;
    ev.input_epcs.items = epcs, ev.input_epcs.n = 1, ev.input_epcs.present = 1;
    expect(f, &ev, "TR-VAL-0007", NULL);
    ev.output_epcs.items = epcs + 1, ev.output_epcs.n = 1, ev.output_epcs.present = 1;
    expect(f, &ev, NULL);
    object_event(&ev);
    ev.epc_list.present = 0, ev.epc_list.n = 0;
    expect(f, &ev, "TR-VAL-0004", NULL);
}

static void test_times(void **state)
{
    fixture *f = *state;
    trace_event ev;
    object_event(&ev);
    trace_time_parse(trace_str_c("2025-05-31T23:00:00Z"), &ev.record_time);
    expect(f, &ev, "TR-VAL-0008", NULL);
    object_event(&ev);
    trace_time_parse(trace_str_c("2026-01-01T00:10:00Z"), &ev.event_time);
    expect(f, &ev, "TR-VAL-0009", NULL);
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(f->diags, 0), "seconds"), "600");
    object_event(&ev);
    ev.tz_offset = trace_str_c("+8:00");
    expect(f, &ev, "TR-VAL-0023", NULL);
    object_event(&ev);
    ev.tz_offset = trace_str_c("+09:00");
    expect(f, &ev, "TR-VAL-0024", NULL);
    object_event(&ev);
    trace_time_parse(trace_str_c("2025-13-01T00:00:00Z"), &ev.event_time);
    expect(f, &ev, "TR-VAL-0022", NULL);
}

static void test_lists_and_quantities(void **state)
{
    fixture *f = *state;
    trace_event ev;
    trace_quantity q[2];
    memset(q, 0, sizeof(q));
    object_event(&ev);
    epcs[1] = epcs[0];
    expect(f, &ev, "TR-VAL-0013", NULL);
    assert_string_equal(trace_diag_list_at(f->diags, 0)->loc.path, "/epcisBody/eventList/0/epcList/1");
    object_event(&ev);
    q[0].epc_class = ID("urn:epc:class:lgtin:4012345.012345.998877");
    q[0].quantity.lexeme = trace_str_c("200.5");
    q[0].uom = trace_str_c("KGM");
    q[1].epc_class = ID("urn:epc:class:lgtin:4012345.012345.998878");
    q[1].quantity.lexeme = trace_str_c("-3");
    q[1].uom = trace_str_c("kg");
    ev.quantity_list.items = q, ev.quantity_list.n = 2, ev.quantity_list.present = 1;
    expect(f, &ev, "TR-VAL-0011", "TR-VAL-0010", NULL);
    assert_string_equal(trace_diag_list_at(f->diags, 1)->loc.path,
                        "/epcisBody/eventList/0/quantityList/1/uom");
    epcs[1] = ID("not a uri");
    ev.quantity_list.n = 1;
    expect(f, &ev, "TR-VAL-0012", NULL);
}

static void test_cbv_levels(void **state)
{
    fixture *f = *state;
    trace_validate_options o = TRACE_VALIDATE_OPTIONS_INIT;
    trace_validator *strict;
    trace_event ev;
    trace_party_ref src;
    object_event(&ev);
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("urn:epcglobal:cbv:bizstep:shiping"));
    expect(f, &ev, "TR-VAL-0016", NULL);
    trace_vocab_set(&ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c("https://utds.org.cn/ns/1.0/BizStep-slaughter"));
    expect(f, &ev, NULL); /* compatible: other vocabularies are fine */
    memset(&src, 0, sizeof(src));
    src.id = ID("urn:epc:id:pgln:0614141.00001");
    ev.sources = &src, ev.nsources = 1;
    expect(f, &ev, "TR-VAL-0025", NULL);
    trace_vocab_set(&src.type, TRACE_CBV_SDT, trace_str_c("owning_party"));
    expect(f, &ev, NULL);
    o.now = NOW;
    o.flags = TRACE_VALIDATE_NO_PROFILE;
    o.level = TRACE_LEVEL_COMPLIANT;
    o.path_style = TRACE_PATH_XML;
    assert_int_equal(trace_validator_new(&strict, f->ctx, &o), TRACE_OK);
    trace_diag_list_clear(f->diags);
    trace_validate_event(strict, &ev, f->diags);
    assert_int_equal(trace_diag_list_count(f->diags), 1);
    assert_string_equal(trace_diag_list_at(f->diags, 0)->id, "TR-VAL-0018");
    assert_string_equal(trace_diag_list_at(f->diags, 0)->loc.path,
                        "EPCISBody/EventList/ObjectEvent[1]/bizStep");
    ev.biz_step.form = TRACE_CBV_NONE;
    trace_diag_list_clear(f->diags);
    trace_validate_event(strict, &ev, f->diags);
    assert_string_equal(trace_diag_list_at(f->diags, 0)->id, "TR-VAL-0017");
    trace_validator_free(strict);
}

static void test_master_data(void **state)
{
    fixture *f = *state;
    trace_event ev;
    trace_header h;
    trace_masterdata md;
    trace_vocabulary voc;
    trace_md_element el;
    memset(&voc, 0, sizeof(voc));
    memset(&el, 0, sizeof(el));
    el.id = trace_str_c("urn:epc:id:sgln:0614141.00777.0");
    voc.elements = &el, voc.nelements = 1;
    md.vocabularies = &voc, md.nvocabularies = 1;
    trace_header_init(&h);
    h.schema_version = trace_str_c("2.0");
    trace_time_parse(trace_str_c("2025-06-01T08:00:00Z"), &h.creation_date);
    assert_int_equal(trace_validate_header(f->v, &h, &md, f->diags), TRACE_OK);
    object_event(&ev);
    ev.biz_location.id = ID("urn:epc:id:sgln:0614141.00777.0");
    expect(f, &ev, NULL);
    ev.biz_location.id = ID("urn:epc:id:sgln:0614141.00888.0");
    expect(f, &ev, "TR-VAL-0020", NULL);
    assert_int_equal(trace_diag_list_at(f->diags, 0)->severity, TRACE_SEV_WARNING);
    h.schema_version = trace_str_c("1.2");
    trace_diag_list_clear(f->diags);
    assert_int_equal(trace_validate_header(f->v, &h, NULL, f->diags), TRACE_EDATA);
    assert_string_equal(trace_diag_list_at(f->diags, 0)->id, "TR-VAL-0028");
}

TRACE_UNIT_MAIN(cmocka_unit_test_setup_teardown(test_valid_object, setup, teardown),
                cmocka_unit_test_setup_teardown(test_structure, setup, teardown),
                cmocka_unit_test_setup_teardown(test_semantics, setup, teardown),
                cmocka_unit_test_setup_teardown(test_times, setup, teardown),
                cmocka_unit_test_setup_teardown(test_lists_and_quantities, setup, teardown),
                cmocka_unit_test_setup_teardown(test_cbv_levels, setup, teardown),
                cmocka_unit_test_setup_teardown(test_master_data, setup, teardown))
