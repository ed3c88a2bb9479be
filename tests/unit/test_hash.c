/*
 * test_hash.c - event hash IDs built from the model: pre-hash strings and
 * hashes of events constructed in C, per profile, checked against the
 * reference vectors (read at run time when ../shared/ref is present) and
 * against expectations written here.
 */
#include "hash_build.h"

#define MASTER "ralphtro-master-5d2f1c3/examples/"
#define MDAF "ralphtro-MDAF-Support-01eb8c7/examples/"

static trace_ctx *ctx;

static int setup(void **state)
{
    (void)state;
    return trace_ctx_new(&ctx, NULL);
}

static int teardown(void **state)
{
    (void)state;
    trace_ctx_free(ctx);
    return 0;
}

static void prehash_of(trace_hash_profile p, const trace_event *ev, char *out, size_t size,
                       char id[TRACE_HASH_ID_SIZE])
{
    trace_hash_options o = TRACE_HASH_OPTIONS_INIT;
    trace_hasher *h;
    const char *s;
    size_t n;
    o.profile = p;
    assert_int_equal(trace_hasher_new(&h, ctx, &o), TRACE_OK);
    assert_int_equal(trace_hasher_prehash(h, ev, &s, &n), TRACE_OK);
    assert_true(n < size);
    memcpy(out, s, n + 1);
    assert_int_equal(strlen(out), n);
    if (id)
        assert_int_equal(trace_hasher_event_id(h, ev, id, TRACE_HASH_ID_SIZE, NULL), TRACE_OK);
    trace_hasher_free(h);
}

/* Compare with line k of a reference file when the folder is there. */
static void expect_ref(const char *file, int k, const char *got)
{
    char *want = hb_ref_line(file, k);
    if (!want)
        return;
    if (strcmp(want, got) != 0)
        fail_msg("%s line %d:\n want %s\n got  %s", file, k + 1, want, got);
    free(want);
}

/* ReferenceEventHashAlgorithm: UTC, SSCC, SGLN extension, sorted EPCs and extensions. */
static void build_ref1(hb_event *b)
{
    static const char *const epcs[] = {"urn:epc:id:sscc:4012345.0000000333",
                                       "urn:epc:id:sscc:4012345.0000000111",
                                       "urn:epc:id:sscc:4012345.0000000222"};
    const char *ns = "https://ns.example.com/epcis/";
    hb_init(b, TRACE_EVENT_OBJECT, "2020-03-04T11:00:30.000+01:00", "+01:00");
    trace_time_parse(S("2020-03-04T11:00:30.999+01:00"), &b->ev.record_time);
    hb_epcs(b, epcs, 3);
    hb_action(b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b->ev.biz_step, TRACE_CBV_BIZSTEP, "urn:epcglobal:cbv:bizstep:departing");
    b->ev.read_point.present = 1;
    b->ev.read_point.id.raw = S("urn:epc:id:sgln:4012345.00011.987");
    b->sub[0] = hb_leaf(ns, "mySubField1", "2");
    b->sub[1] = hb_leaf(ns, "mySubField2", "5");
    b->sub[2] = hb_leaf(ns, "mySubField3", "3");
    b->sub[3] = hb_leaf(ns, "mySubField3", "1");
    b->ext[0] = hb_leaf(ns, "myField1", "");
    b->ext[0].children = b->sub, b->ext[0].nchildren = 2;
    b->ext[1] = hb_leaf(ns, "myField2", "0");
    b->ext[2] = hb_leaf(ns, "myField3", "");
    b->ext[2].children = b->sub + 2, b->ext[2].nchildren = 2;
    b->ev.ext = b->ext;
    b->ev.next = 3;
}

static void test_reference_vector(void **state)
{
    hb_event b;
    char pre[4096], id[TRACE_HASH_ID_SIZE];
    (void)state;
    build_ref1(&b);
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), id);
    assert_string_equal(pre, "eventType=ObjectEventeventTime=2020-03-04T10:00:30.000Z"
                             "eventTimeZoneOffset=+01:00epcList"
                             "epc=https://id.gs1.org/00/040123450000001112"
                             "epc=https://id.gs1.org/00/040123450000002225"
                             "epc=https://id.gs1.org/00/040123450000003338"
                             "action=OBSERVEbizStep=https://ref.gs1.org/cbv/BizStep-departing"
                             "readPointid=https://id.gs1.org/414/4012345000115/254/987"
                             "{https://ns.example.com/epcis/}myField1"
                             "{https://ns.example.com/epcis/}mySubField1=2"
                             "{https://ns.example.com/epcis/}mySubField2=5"
                             "{https://ns.example.com/epcis/}myField2=0"
                             "{https://ns.example.com/epcis/}myField3"
                             "{https://ns.example.com/epcis/}mySubField3=1"
                             "{https://ns.example.com/epcis/}mySubField3=3");
    assert_string_equal(id, "ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6"
                            "b4e617014e39d7?ver=CBV2.0");
    expect_ref(MASTER "ReferenceEventHashAlgorithm.prehashes", 0, pre);
    expect_ref(MASTER "ReferenceEventHashAlgorithm.hashes", 0, id);
    /* the same event with the bare JSON-LD bizStep spelling hashes the same */
    hb_vocab(&b.ev.biz_step, TRACE_CBV_BIZSTEP, "departing");
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), id);
    expect_ref(MASTER "ReferenceEventHashAlgorithm.hashes", 0, id);
    assert_string_equal(id + 14 + 64, "?ver=CBV2.0");
}

/* ReferenceEventHashAlgorithm3: type first, destination before source (D2, D3), readPoint extension inline (D4). */
static void build_ref3(hb_event *b)
{
    static const char *const epcs[] = {"urn:epc:id:sgtin:0614141.011111.987"};
    const char *ns = "https://ns.example.com/epcis/";
    hb_init(b, TRACE_EVENT_OBJECT, "2020-03-04T11:00:30.000+01:00", "+01:00");
    hb_epcs(b, epcs, 1);
    hb_action(b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b->ev.biz_step, TRACE_CBV_BIZSTEP, "urn:epcglobal:cbv:bizstep:departing");
    hb_vocab(&b->ev.disposition, TRACE_CBV_DISP, "urn:epcglobal:cbv:disp:in_transit");
    b->ev.read_point.present = 1;
    b->ev.read_point.id.raw = S("urn:epc:id:sgln:4012345.00011.0");
    b->rp_ext[0] = hb_leaf(ns, "myField1", "AB-12");
    b->ev.read_point.ext = b->rp_ext;
    b->ev.read_point.next = 1;
    hb_vocab(&b->btx[0].type, TRACE_CBV_BTT, "urn:epcglobal:cbv:btt:po");
    b->btx[0].id.raw = S("urn:epc:id:gdti:4012345.11111.123");
    b->ev.biz_transactions = b->btx, b->ev.nbiz_transactions = 1;
    hb_vocab(&b->src[0].type, TRACE_CBV_SDT, "urn:epcglobal:cbv:sdt:owning_party");
    b->src[0].id.raw = S("urn:epc:id:pgln:4012345.00000");
    b->ev.sources = b->src, b->ev.nsources = 1;
    hb_vocab(&b->dst[0].type, TRACE_CBV_SDT, "urn:epcglobal:cbv:sdt:owning_party");
    b->dst[0].id.raw = S("urn:epc:id:pgln:0614141.00000");
    b->ev.destinations = b->dst, b->ev.ndestinations = 1;
    b->ext[0] = hb_leaf(ns, "userExt", "CD-34");
    b->ev.ext = b->ext, b->ev.next = 1;
}

static void test_reference_vector3(void **state)
{
    hb_event b;
    char pre[4096], id[TRACE_HASH_ID_SIZE];
    (void)state;
    build_ref3(&b);
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), id);
    assert_non_null(strstr(pre, "readPointid=https://id.gs1.org/414/4012345000115"
                                "{https://ns.example.com/epcis/}myField1=AB-12bizTransactionList"
                                "type=https://ref.gs1.org/cbv/BTT-pobizTransaction="
                                "https://id.gs1.org/253/4012345111118123destinationList"));
    assert_memory_equal(id, "ni:///sha-256;a13cbe6c", 22);
    expect_ref(MASTER "ReferenceEventHashAlgorithm3.prehashes", 0, pre);
    expect_ref(MASTER "ReferenceEventHashAlgorithm3.hashes", 0, id);
}

/* cbv20-text: source before destination, lists in table order. */
static void test_text_profile_order(void **state)
{
    hb_event b;
    char pre[4096];
    const char *src, *dst, *btx, *rp;
    (void)state;
    build_ref3(&b);
    prehash_of(TRACE_HASH_CBV20_TEXT, &b.ev, pre, sizeof(pre), NULL);
    src = strstr(pre, "sourceList");
    dst = strstr(pre, "destinationList");
    btx = strstr(pre, "bizTransactionList");
    rp = strstr(pre, "readPointid=");
    assert_non_null(src);
    assert_non_null(dst);
    assert_true(rp < btx && btx < src && src < dst);
    assert_non_null(strstr(pre, "destination=https://id.gs1.org/417/0614141000005"
                                "{https://ns.example.com/epcis/}userExt=CD-34"));
}

static void test_canonical_ids(void **state)
{
    static const char *const cases[][2] = {
        {"urn:epc:id:sgtin:0614141.107346.2017", "https://id.gs1.org/01/10614141073464/21/2017"},
        {"urn:epc:id:sgtin:415056789012.0.987654", "https://id.gs1.org/01/04150567890128/21/987654"},
        {"urn:epc:id:sscc:4012345.0000000333", "https://id.gs1.org/00/040123450000003338"},
        {"urn:epc:id:sgln:4012345.00005.0", "https://id.gs1.org/414/4012345000054"},
        {"urn:epc:id:sgln:4012345.00005.122", "https://id.gs1.org/414/4012345000054/254/122"},
        {"urn:epc:id:pgln:4000001.00000", "https://id.gs1.org/417/4000001000005"},
        {"urn:epc:id:pgln:999999999999.", "https://id.gs1.org/417/9999999999994"},
        {"urn:epc:id:grai:4012345.00022.334455", "https://id.gs1.org/8003/04012345000221334455"},
        {"urn:epc:id:giai:4012345.ABC345", "https://id.gs1.org/8004/4012345ABC345"},
        {"urn:epc:id:gsrn:4012345.0000006765", "https://id.gs1.org/8018/401234500000067657"},
        {"urn:epc:id:gsrnp:4012345.0000000007", "https://id.gs1.org/8017/401234500000000074"},
        {"urn:epc:id:gdti:4012345.00009.PO-4711", "https://id.gs1.org/253/4012345000092PO-4711"},
        {"urn:epc:id:gdti:987659999999..9", "https://id.gs1.org/253/98765999999929"},
        {"urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
         "https://id.gs1.org/8010/061414111111111111111-A%23%2F/8011/1234"},
        {"urn:epc:id:ginc:0614141.xyz47%2F11", "https://id.gs1.org/401/0614141xyz47%2F11"},
        {"urn:epc:id:gsin:4012345.222333444", "https://id.gs1.org/402/40123452223334442"},
        {"urn:epc:id:itip:4012345.011111.01.02.987",
         "https://id.gs1.org/8006/040123451111180102/21/987"},
        {"urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB",
         "https://id.gs1.org/01/01234567987651/235/51qIgY%29%3C%26Jp3%2Aj7'SDB"},
        {"urn:epc:class:lgtin:4012345.012345.Lot987", "https://id.gs1.org/01/04012345123456/10/Lot987"},
        {"urn:epc:idpat:sgtin:4012345.098765.*", "https://id.gs1.org/01/04012345987652"},
        {"urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()",
         "https://id.gs1.org/01/80614141123458/21/6789%2F%26%25%22%21%3F%28%29"},
        {"https://id.gs1.org/gtin/09780345418913", "https://id.gs1.org/01/09780345418913"},
        {"https://example.com/gtin/09780345418913/21/765tz?abc=211121",
         "https://id.gs1.org/01/09780345418913/21/765tz"},
        {"https://example.com/01/9780345418913/10/L1/21/S1", "https://id.gs1.org/01/09780345418913/21/S1"},
        {"https://id.gs1.org/01/09780345418913/22/A1/10/L1", "https://id.gs1.org/01/09780345418913/10/L1"},
        /* not convertible: kept as written */
        {"urn:epc:id:gid:95100000.12345.400", "urn:epc:id:gid:95100000.12345.400"},
        {"urn:epc:id:sgtin:4012345.011111.", "urn:epc:id:sgtin:4012345.011111."},
        {"https://example.com/products/123", "https://example.com/products/123"},
        {"urn:utds:id:uscc:91350100M000100Y43", "urn:utds:id:uscc:91350100M000100Y43"}};
    char out[256];
    size_t i;
    (void)state;
    for (i = 0; i < TRACE__CASES(cases); i++) {
        size_t n = trace_hash_canonical_id(cases[i][0], strlen(cases[i][0]), out, sizeof(out));
        if (strcmp(out, cases[i][1]) != 0)
            fail_msg("%s -> %s, want %s", cases[i][0], out, cases[i][1]);
        assert_int_equal(n, strlen(cases[i][1]));
    }
}

static void test_epclist_normalisation(void **state)
{
    static const char *const epcs[] = {
        "urn:epc:id:sgtin:4012345.011111.9876", "urn:epc:id:sgtin:4012345.011111.98%22",
        "urn:epc:id:sgtin:415056789012.0.987654",
        "urn:epc:id:sgtin:0614141.812345.6789%2F%26%25%22!%3F()",
        "urn:epc:id:sscc:4012345.3111111111", "urn:epc:id:sgln:4012345.00005.122",
        "urn:epc:id:sgln:4012345.00005.0", "urn:epc:id:grai:4012345.00022.334455",
        "urn:epc:id:giai:4012345.ABC345", "urn:epc:id:gsrn:4012345.0000006765",
        "urn:epc:id:gsrnp:4012345.0000000007", "urn:epc:id:gdti:4012345.00009.PO-4711",
        "urn:epc:id:gdti:987659999999..9", "urn:epc:id:cpi:0614141.11111111111111-A%23%2F.1234",
        "urn:epc:id:ginc:0614141.xyz47%2F11", "urn:epc:id:gsin:4012345.222333444",
        "urn:epc:id:itip:4012345.011111.01.02.987",
        "urn:epc:id:upui:1234567.098765.51qIgY)%3C%26Jp3*j7'SDB", "urn:epc:id:pgln:4000001.00000",
        "urn:epc:id:pgln:999999999999.", "urn:epc:class:lgtin:4012345.012345.Lot987",
        "https://id.gs1.org/gtin/09780345418913",
        "https://example.com/gtin/09780345418913/21/765tz?abc=211121"};
    hb_event b;
    char pre[8192], id[TRACE_HASH_ID_SIZE];
    (void)state;
    hb_init(&b, TRACE_EVENT_OBJECT, "2019-04-02T15:00:00.000+01:00", "+01:00");
    hb_epcs(&b, epcs, TRACE__CASES(epcs));
    hb_action(&b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b.ev.biz_step, TRACE_CBV_BIZSTEP, "inspecting");
    b.ev.read_point.present = 1;
    b.ev.read_point.id.raw = S("urn:epc:id:sgln:4012345.00005.0");
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), id);
    expect_ref(MASTER "epclist_normalisation.prehashes", 0, pre);
    expect_ref(MASTER "epclist_normalisation.hashes", 0, id);
    assert_non_null(strstr(pre, "epc=https://id.gs1.org/00/340123451111111111epc="));
}

/* TimeStampRoundOff: .1415 and .1414 under every profile's rule (D5). */
static void test_timestamps(void **state)
{
    static const struct {
        trace_hash_profile p;
        const char *in, *out;
    } cases[] = {
        {TRACE_HASH_CBV20_REF, "2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.142Z"},
        {TRACE_HASH_CBV20_REF, "2023-02-02T11:04:03.1414Z", "2023-02-02T11:04:03.141Z"},
        {TRACE_HASH_CBV20_REF, "2023-02-02T11:04:03.1425Z", "2023-02-02T11:04:03.142Z"},
        {TRACE_HASH_CBV21, "2023-02-02T11:04:03.1425Z", "2023-02-02T11:04:03.143Z"},
        {TRACE_HASH_CBV20_TEXT, "2023-02-02T11:04:03.1419Z", "2023-02-02T11:04:03.141Z"},
        {TRACE_HASH_CBV20_MDAF, "2023-02-02T11:04:03.1415Z", "2023-02-02T11:04:03.141500Z"},
        {TRACE_HASH_CBV20_MDAF, "2023-02-02T11:04:03.1Z", "2023-02-02T11:04:03.100Z"},
        {TRACE_HASH_CBV20_MDAF, "2023-02-02T11:04:03.0000Z", "2023-02-02T11:04:03Z"},
        {TRACE_HASH_CBV20_REF, "2019-12-31T23:59:59.9999+00:00", "2020-01-01T00:00:00.000Z"},
        {TRACE_HASH_CBV20_REF, "2005-04-03T20:33:31.116-06:00", "2005-04-04T02:33:31.116Z"},
        {TRACE_HASH_CBV20_REF, "not a time", "not a time"}};
    size_t i;
    (void)state;
    for (i = 0; i < TRACE__CASES(cases); i++) {
        hb_event b;
        char pre[1024], want[256];
        hb_init(&b, TRACE_EVENT_OBJECT, cases[i].in, "+01:00");
        b.ev.event_time.lexeme = S(cases[i].in);
        prehash_of(cases[i].p, &b.ev, pre, sizeof(pre), NULL);
        snprintf(want, sizeof(want), "eventType=ObjectEventeventTime=%seventTimeZoneOffset=+01:00",
                 cases[i].out);
        assert_string_equal(pre, want);
    }
}

static void test_numbers(void **state)
{
    static const struct {
        const char *in, *ref, *text;
    } cases[] = {{"1.0", "1", "1"},          {"0.34340", "0.3434", "0.3434"},
                 {"600", "600", "600"},      {"+5", "5", "5"},
                 {"-0.0", "0", "0"},         {"1e-7", "1e-07", "0.0000001"},
                 {"1_000", "1000", "1_000"}, {"0.00001", "1e-05", "0.00001"},
                 {"0.0001", "0.0001", "0.0001"}, {"12.1", "12.1", "12.1"},
                 {"2.5E3", "2500", "2500"},  {"04012345123456", "4012345123456", "4012345123456"},
                 {"12345678901234567890", "12345678901234567168", "12345678901234567890"},
                 {"0.1000000000000000055511151231257827", "0.1", "0.1000000000000000055511151231257827"},
                 {"NaN", "NaN", "NaN"},      {"1e5000", "1e5000", "1e5000"}};
    size_t i;
    (void)state;
    for (i = 0; i < TRACE__CASES(cases); i++) {
        hb_event b;
        char pre[1024], want[256];
        int p;
        for (p = 0; p < 2; p++) {
            hb_init(&b, TRACE_EVENT_OBJECT, "2020-01-01T00:00:00Z", "+00:00");
            b.qty[0].epc_class.raw = S("urn:epc:class:lgtin:4012345.012345.998877");
            b.qty[0].quantity.lexeme = S(cases[i].in);
            b.qty[0].uom = S("KGM");
            b.ev.quantity_list.items = b.qty, b.ev.quantity_list.n = 1;
            prehash_of(p ? TRACE_HASH_CBV20_TEXT : TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre),
                       NULL);
            snprintf(want, sizeof(want), "quantity=%suom=KGM", p ? cases[i].text : cases[i].ref);
            if (!strstr(pre, want))
                fail_msg("%s (%s): %s lacks %s", cases[i].in, p ? "text" : "ref", pre, want);
        }
    }
}

/* persistentDisposition vector: bare JSON-LD values. */
static void test_persistent_disposition(void **state)
{
    static const char *const e1[] = {"urn:epc:id:sgtin:4012345.011111.1",
                                     "urn:epc:id:sgtin:4012345.011111.2"};
    hb_event b;
    char pre[2048], id[TRACE_HASH_ID_SIZE];
    (void)state;
    hb_init(&b, TRACE_EVENT_OBJECT, "2021-04-01T15:00:00+01:00", "+01:00");
    hb_epcs(&b, e1, 2);
    hb_action(&b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b.ev.biz_step, TRACE_CBV_BIZSTEP, "shipping");
    hb_vocab(&b.ev.disposition, TRACE_CBV_DISP, "in_transit");
    b.ev.read_point.present = 1;
    b.ev.read_point.id.raw = S("urn:epc:id:sgln:4012345.00005.0");
    hb_vocab(&b.pd_set[0], TRACE_CBV_DISP, "recalled");
    b.ev.has_persistent_disposition = 1;
    b.ev.pd_set = b.pd_set, b.ev.npd_set = 1;
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), id);
    assert_non_null(strstr(pre, "disposition=https://ref.gs1.org/cbv/Disp-in_transit"
                                "persistentDispositionset=https://ref.gs1.org/cbv/Disp-recalled"
                                "readPointid=https://id.gs1.org/414/4012345000054"));
    expect_ref(MASTER "persistentDisposition.prehashes", 0, pre);
    expect_ref(MASTER "persistentDisposition.hashes", 0, id);
    expect_ref(MDAF "persistentDisposition.hashes", 0, id);
}

/* Sensor data: bare types expand to gs1:, ordered attributes, leftovers (reference layout). */
static void test_sensor_leftover(void **state)
{
    hb_event b;
    char pre[4096];
    (void)state;
    hb_init(&b, TRACE_EVENT_OBJECT, "2020-05-08T15:00:00+01:00", "+01:00");
    b.attrs[0] = hb_attr("", "value", "12.80");
    b.attrs[1] = hb_attr("", "type", "Speed");
    b.attrs[2] = hb_attr("", "component", "x");
    b.attrs[3] = hb_attr("", "bizRules", "urn:epc:id:gdti:4012345.00005.4987");
    b.attrs[4] = hb_attr("https://ns.example.com/epcis/", "cv", "123");
    b.attrs[5] = hb_attr("", "uom", "MTS");
    b.rep[0].attrs = b.attrs, b.rep[0].nattrs = 6;
    b.se[0].reports = b.rep, b.se[0].nreports = 1;
    b.ev.sensors = b.se, b.ev.nsensors = 1;
    prehash_of(TRACE_HASH_CBV20_REF, &b.ev, pre, sizeof(pre), NULL);
    assert_string_equal(pre + strlen("eventType=ObjectEventeventTime=2020-05-08T14:00:00.000Z"
                                     "eventTimeZoneOffset=+01:00"),
                        "sensorElementListsensorElementsensorReport"
                        "type=https://gs1.org/voc/Speedvalue=12.8"
                        "component=https://ref.gs1.org/cbv/Comp-xuom=MTS"
                        "{https://ns.example.com/epcis/}cv=123"
                        "sensorElementListsensorElementsensorReport"
                        "bizRules=https://id.gs1.org/253/40123450000544987");
    prehash_of(TRACE_HASH_CBV21, &b.ev, pre, sizeof(pre), NULL);
    assert_non_null(strstr(pre, "type=https://gs1.org/voc/Speed"));
    prehash_of(TRACE_HASH_CBV20_MDAF, &b.ev, pre, sizeof(pre), NULL);
    assert_non_null(strstr(pre, "type=https://ref.gs1.org/voc/Speed"));
    prehash_of(TRACE_HASH_CBV20_TEXT, &b.ev, pre, sizeof(pre), NULL);
    assert_non_null(strstr(pre, "uom=MTSbizRules=https://id.gs1.org/253/40123450000544987"
                                "{https://ns.example.com/epcis/}cv=123"));
}

static void test_exclusions(void **state)
{
    static const char *const excl[] = {"readPoint", "{https://ns.example.com/epcis/}myField2"};
    trace_hash_options o = TRACE_HASH_OPTIONS_INIT;
    trace_hasher *h;
    hb_event b;
    const char *s;
    size_t n;
    (void)state;
    build_ref1(&b);
    o.exclude = excl;
    o.nexclude = 2;
    assert_int_equal(trace_hasher_new(&h, ctx, &o), TRACE_OK);
    assert_int_equal(trace_hasher_prehash(h, &b.ev, &s, &n), TRACE_OK);
    assert_null(strstr(s, "readPoint"));
    assert_null(strstr(s, "myField2"));
    assert_non_null(strstr(s, "myField3"));
    trace_hasher_free(h);
    o.nexclude = 1;
    o.exclude = NULL;
    assert_int_equal(trace_hasher_new(&h, ctx, &o), TRACE_EINVAL);
    o.exclude = excl;
    o.profile = TRACE_HASH_PROFILE_COUNT;
    assert_int_equal(trace_hasher_new(&h, ctx, &o), TRACE_EINVAL);
}

static void test_profile_names(void **state)
{
    trace_hash_profile p;
    (void)state;
    assert_string_equal(trace_hash_profile_name(TRACE_HASH_CBV20_REF), "cbv20-ref");
    assert_string_equal(trace_hash_profile_name(TRACE_HASH_CBV20_TEXT), "cbv20-text");
    assert_string_equal(trace_hash_profile_name(TRACE_HASH_CBV21), "cbv21");
    assert_string_equal(trace_hash_profile_name(TRACE_HASH_CBV20_MDAF), "cbv20-mdaf");
    assert_null(trace_hash_profile_name(TRACE_HASH_PROFILE_COUNT));
    assert_int_equal(trace_hash_profile_from_name("cbv21", &p), TRACE_OK);
    assert_int_equal(p, TRACE_HASH_CBV21);
    assert_int_equal(trace_hash_profile_from_name("cbv22", &p), TRACE_ENOTFOUND);
}

/* Hashing allocates nothing once the hasher is warm, and survives failed allocations. */
static void test_alloc_failures(void **state)
{
    long k;
    hb_event b;
    (void)state;
    build_ref3(&b);
    for (k = 0; k < 40; k++) {
        failalloc fa;
        trace_allocator a = failalloc_make(&fa, k);
        trace_ctx_options co = TRACE_CTX_OPTIONS_INIT;
        trace_ctx *c = NULL;
        trace_hasher *h = NULL;
        char id[TRACE_HASH_ID_SIZE];
        int rc;
        co.alloc = &a;
        if (trace_ctx_new(&c, &co) != TRACE_OK)
            continue;
        rc = trace_hasher_new(&h, c, NULL);
        if (rc == TRACE_OK) {
            rc = trace_hasher_event_id(h, &b.ev, id, sizeof(id), NULL);
            assert_true(rc == TRACE_OK || rc == TRACE_ENOMEM);
            if (rc == TRACE_OK) {
                long before = fa.calls;
                assert_int_equal(trace_hasher_event_id(h, &b.ev, id, sizeof(id), NULL), TRACE_OK);
                assert_int_equal(fa.calls, before);
            }
        } else {
            assert_int_equal(rc, TRACE_ENOMEM);
        }
        trace_hasher_free(h);
        trace_ctx_free(c);
        assert_int_equal(fa.live, 0);
    }
}

TRACE_UNIT_MAIN(cmocka_unit_test_setup_teardown(test_reference_vector, setup, teardown),
                cmocka_unit_test_setup_teardown(test_reference_vector3, setup, teardown),
                cmocka_unit_test_setup_teardown(test_text_profile_order, setup, teardown),
                cmocka_unit_test(test_canonical_ids),
                cmocka_unit_test_setup_teardown(test_epclist_normalisation, setup, teardown),
                cmocka_unit_test_setup_teardown(test_timestamps, setup, teardown),
                cmocka_unit_test_setup_teardown(test_numbers, setup, teardown),
                cmocka_unit_test_setup_teardown(test_persistent_disposition, setup, teardown),
                cmocka_unit_test_setup_teardown(test_sensor_leftover, setup, teardown),
                cmocka_unit_test_setup_teardown(test_exclusions, setup, teardown),
                cmocka_unit_test(test_profile_names),
                cmocka_unit_test(test_alloc_failures))
