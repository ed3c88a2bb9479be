/*
 * test_validate_plan.c - the profile layer's rule plans (validate_plan.c):
 * one validator that meets more (event type, business step) combinations
 * than it keeps plans for must report exactly what a fresh validator
 * reports for each event, and a rule bound to a business step must apply
 * to that step only.
 */
#include "unit.h"
#include "libtrace/validate.h"

#define NOW 1767225600 /* 2026-01-01T00:00:00Z */

static const char *const steps[] = {"shipping",  "receiving", "packing",   "loading",
                                    "storing",   "picking",   "arriving",  "departing",
                                    "accepting", "inspecting", "commissioning", "holding"};

#define NSTEPS (sizeof(steps) / sizeof(steps[0]))

static trace_id epcs[2];

/* An ObjectEvent (or an AggregationEvent) at a business step, without the
 * meat profile's quarantine certificate. */
static void make_event(trace_event *ev, int64_t index, const char *step, int aggregation)
{
    trace_event_init(ev);
    ev->index = index;
    ev->type = aggregation ? TRACE_EVENT_AGGREGATION : TRACE_EVENT_OBJECT;
    ev->type_name = trace_str_c(aggregation ? "AggregationEvent" : "ObjectEvent");
    trace_time_parse(trace_str_c("2025-06-01T08:00:00.000+08:00"), &ev->event_time);
    ev->tz_offset = trace_str_c("+08:00");
    memset(epcs, 0, sizeof(epcs));
    epcs[0].raw = trace_str_c("https://id.gs1.org/01/06934567100153/21/S1");
    epcs[1].raw = trace_str_c("urn:epc:id:sgtin:0614141.107346.2017");
    epcs[0].form = trace_id_classify(epcs[0].raw);
    epcs[1].form = trace_id_classify(epcs[1].raw);
    if (aggregation) {
        ev->child_epcs.items = epcs, ev->child_epcs.n = 2, ev->child_epcs.present = 1;
        ev->parent_id = epcs[1];
    } else {
        ev->epc_list.items = epcs, ev->epc_list.n = 2, ev->epc_list.present = 1;
    }
    ev->action = TRACE_ACTION_ADD;
    trace_vocab_set(&ev->biz_step, TRACE_CBV_BIZSTEP, trace_str_c(step));
    ev->read_point.id.raw = trace_str_c("urn:epc:id:sgln:6934567.00011.0");
    ev->read_point.id.form = trace_id_classify(ev->read_point.id.raw);
    ev->read_point.present = 1;
}

static trace_validator *new_validator(trace_ctx *ctx)
{
    trace_validate_options o = TRACE_VALIDATE_OPTIONS_INIT;
    trace_validator *v;
    o.now = NOW;
    o.profile = "meat";
    o.flags = TRACE_VALIDATE_NO_MASTER;
    assert_int_equal(trace_validator_new(&v, ctx, &o), TRACE_OK);
    return v;
}

static void assert_same(const trace_diag_list *a, const trace_diag_list *b)
{
    size_t i, k;
    assert_int_equal(trace_diag_list_count(a), trace_diag_list_count(b));
    for (i = 0; i < trace_diag_list_count(a); i++) {
        const trace_diag *x = trace_diag_list_at(a, i), *y = trace_diag_list_at(b, i);
        assert_string_equal(x->id, y->id);
        assert_int_equal(x->severity, y->severity);
        assert_string_equal(x->loc.path, y->loc.path);
        assert_int_equal(x->nargs, y->nargs);
        for (k = 0; k < x->nargs; k++) {
            assert_string_equal(x->args[k].key, y->args[k].key);
            assert_string_equal(x->args[k].value, y->args[k].value);
        }
    }
}

/* Does the list hold a diagnostic of the given rule? */
static int has_rule(const trace_diag_list *l, const char *rule)
{
    size_t i;
    for (i = 0; i < trace_diag_list_count(l); i++) {
        const char *r = trace_diag_arg_get(trace_diag_list_at(l, i), "rule");
        if (r && !strcmp(r, rule))
            return 1;
    }
    return 0;
}

static void test_plans_match_fresh_validators(void **state)
{
    trace_ctx *ctx;
    trace_validator *kept;
    trace_diag_list *got, *want;
    size_t round, s;
    int64_t index = 0;
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&got, 0, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&want, 0, NULL), TRACE_OK);
    kept = new_validator(ctx);
    /* 24 combinations, three times over: plans are built, evicted and rebuilt */
    for (round = 0; round < 3; round++)
        for (s = 0; s < 2 * NSTEPS; s++) {
            trace_event ev;
            trace_validator *fresh = new_validator(ctx);
            int aggregation = s >= NSTEPS;
            make_event(&ev, index++, steps[s % NSTEPS], aggregation);
            trace_diag_list_clear(got);
            trace_diag_list_clear(want);
            trace_validate_event(kept, &ev, got);
            trace_validate_event(fresh, &ev, want);
            trace_validator_free(fresh);
            assert_same(got, want);
            /* MEAT-003 (require utds:quarantineCertNo) is for ObjectEvent shipping only */
            assert_int_equal(has_rule(got, "MEAT-003"), !aggregation && s == 0);
            /* B-008 (require epcList|quantityList) is for ObjectEvents only, and they have one */
            assert_int_equal(has_rule(got, "B-008"), 0);
        }
    trace_validator_free(kept);
    trace_diag_list_free(got);
    trace_diag_list_free(want);
    trace_ctx_free(ctx);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_plans_match_fresh_validators))
