/*
 * test_dict.c - the UTDS Part 2 dictionary: compiled tables, lookups, the
 * shared rule grammar, the rule iterator and local profiles (syntax errors,
 * relaxation attempts, all-or-nothing loading, allocation failures).
 */
#include "unit.h"

#include "dict_int.h"

static void test_elements(void **state)
{
    size_t i, n = trace_dict_element_count(NULL);
    const trace_element *e;
    (void)state;
    assert_int_equal(n, 105);
    for (i = 1; i < n; i++) /* sorted: binary search depends on it */
        assert_true(strcmp(trace_dict_element_at(NULL, i - 1)->id,
                           trace_dict_element_at(NULL, i)->id) < 0);
    assert_null(trace_dict_element_at(NULL, n));
    e = trace_dict_element(NULL, "earTag");
    assert_non_null(e);
    assert_ptr_equal(e, trace_dict_element(NULL, "utds:earTag"));
    assert_ptr_equal(e, trace_dict_element(NULL, "https://utds.org.cn/ns/1.0/earTag"));
    assert_string_equal(e->uri, TRACE_UTDS_NS "earTag");
    assert_int_equal(e->type, TRACE_ELEM_ID);
    assert_string_equal(e->schemes, "ear-tag");
    assert_int_equal(e->placement, TRACE_PLACE_EVENT | TRACE_PLACE_ILMD);
    assert_int_equal(e->repeatable, 1);
    assert_string_equal(e->zh, "畜禽标识(耳标)");
    e = trace_dict_element(NULL, "quarantineCertNo");
    assert_int_equal(e->type, TRACE_ELEM_TEXT);
    assert_int_equal(e->charset, TRACE_CHARSET_UPPER_ALNUM_DASH);
    assert_int_equal(e->min_len, 6);
    assert_int_equal(e->max_len, 32);
    e = trace_dict_element(NULL, "reoContent");
    assert_int_equal(e->type, TRACE_ELEM_DECIMAL);
    assert_string_equal(e->unit, "P1");
    assert_int_equal(e->placement, TRACE_PLACE_ILMD);
    assert_null(trace_dict_element(NULL, "nope"));
    assert_null(trace_dict_element(NULL, "utds:"));
    assert_null(trace_dict_element(NULL, NULL));
    assert_string_equal(trace_elem_type_name(TRACE_ELEM_GROUP), "group");
    assert_string_equal(trace_charset_name(TRACE_CHARSET_CSET82), "cset82");
}

/* Every reference inside the element table resolves. */
static void test_element_references(void **state)
{
    const trace_codelist *schemes = trace_dict_codelist(NULL, "id-scheme");
    size_t i;
    (void)state;
    for (i = 0; i < trace_dict_element_count(NULL); i++) {
        const trace_element *e = trace_dict_element_at(NULL, i);
        trace_diag d;
        if (e->type == TRACE_ELEM_ENUM)
            assert_non_null(trace_dict_codelist(NULL, e->codelist));
        if (e->type == TRACE_ELEM_ID)
            assert_int_equal(trace__dict_check_schemes(NULL, e->schemes, strlen(e->schemes), &d),
                             0);
        if (e->type == TRACE_ELEM_GROUP)
            assert_true(strchr(e->members, ',') != NULL);
        if (e->unit && strcmp(e->unit, "*"))
            assert_non_null(trace_codelist_value(trace_dict_codelist(NULL, "unece-rec20"),
                                                 e->unit));
    }
    assert_int_equal(schemes->count, 33);
    assert_non_null(trace_codelist_value(schemes, "drug-trace"));
}

static void test_codelists(void **state)
{
    const trace_codelist *fam = trace_dict_codelist(NULL, "family");
    const trace_codelist *sub = trace_dict_codelist(NULL, "subfamily");
    const trace_code_value *v;
    size_t i;
    (void)state;
    assert_int_equal(fam->count, 8);
    assert_string_equal(trace_codelist_value_at(fam, 0)->code, "agri-food");
    assert_string_equal(trace_codelist_value_at(fam, 7)->zh, "进出口产品");
    assert_null(trace_codelist_value_at(fam, 8));
    for (i = 0; i < sub->count; i++) /* every sub-family belongs to a family */
        assert_non_null(trace_codelist_value(fam, trace_codelist_value_at(sub, i)->parent));
    v = trace_codelist_value(trace_dict_codelist(NULL, "hazard-class"), "1.1");
    assert_string_equal(v->parent, "1");
    assert_null(trace_codelist_value(fam, "Food"));
    assert_null(trace_dict_codelist(NULL, "nope"));
    assert_int_equal(trace_dict_codelist(NULL, "cbv-disposition")->count, 33);
    assert_int_equal(trace_dict_codelist(NULL, "gs1-measurement-type")->count, 72);
    assert_non_null(trace_codelist_value(trace_dict_codelist(NULL, "unece-rec20"), "KGM"));
}

static void test_cbv_values(void **state)
{
    static const char *const forms[] = {"in_transit", "urn:epcglobal:cbv:disp:in_transit",
                                        "https://ref.gs1.org/cbv/Disp-in_transit",
                                        "https://gs1.org/voc/Disp-in_transit",
                                        "cbv:Disp-in_transit"};
    const trace_code_value *v;
    size_t i;
    (void)state;
    for (i = 0; i < TRACE__ARRAY_LEN(forms); i++) {
        v = trace_dict_cbv_value(NULL, "cbv-disposition", forms[i], strlen(forms[i]));
        assert_non_null(v);
        assert_string_equal(v->code, "in_transit");
    }
    v = trace_dict_cbv_value(NULL, "cbv-btt", "urn:epcglobal:cbv:btt:desadv", 28);
    assert_string_equal(v->code, "desadv");
    v = trace_dict_cbv_value(NULL, "cbv-sdt", "https://ref.gs1.org/cbv/SDT-owning_party", 40);
    assert_string_equal(v->code, "owning_party");
    assert_null(trace_dict_cbv_value(NULL, "cbv-disposition", "urn:epcglobal:cbv:btt:inv", 25));
    assert_null(trace_dict_cbv_value(NULL, "cbv-disposition", "Disp-in_transit", 15));
    assert_null(trace_dict_cbv_value(NULL, "cbv-disposition", "in_transit", 9));
    assert_null(trace_dict_cbv_value(NULL, "nope", "in_transit", 10));
    assert_string_equal(trace_dict_cbv_value(NULL, "hazard-class", "1.1", 3)->zh,
                        "有整体爆炸危险的物质和物品");
}

static void test_bizsteps(void **state)
{
    static const char *const shipping[] = {"shipping", "urn:epcglobal:cbv:bizstep:shipping",
                                           "https://ref.gs1.org/cbv/BizStep-shipping",
                                           "cbv:BizStep-shipping",
                                           "https://gs1.org/voc/Bizstep-shipping"};
    static const char *const slaughter[] = {"utds:slaughtering", "utds:BizStep-slaughtering",
                                            TRACE_UTDS_NS "BizStep-slaughtering"};
    const trace_bizstep *b;
    size_t i;
    (void)state;
    assert_int_equal(trace_dict_bizstep_count(NULL), 67);
    for (i = 0; i < TRACE__ARRAY_LEN(shipping); i++) {
        b = trace_dict_bizstep(NULL, shipping[i], strlen(shipping[i]));
        assert_non_null(b);
        assert_string_equal(b->name, "shipping");
    }
    for (i = 0; i < TRACE__ARRAY_LEN(slaughter); i++) {
        b = trace_dict_bizstep(NULL, slaughter[i], strlen(slaughter[i]));
        assert_non_null(b);
        assert_string_equal(b->name, "utds:slaughtering");
        assert_string_equal(b->origin, "utds");
    }
    assert_null(trace_dict_bizstep(NULL, "slaughtering", 12)); /* UTDS steps need the prefix */
    assert_null(trace_dict_bizstep(NULL, "utds:shipping", 13));
    assert_null(trace_dict_bizstep(NULL, "shippin", 7));
    assert_null(trace_dict_bizstep(NULL, "shipping", 7 + 2)); /* length counts */
    b = trace_dict_bizstep(NULL, "utds:dispensing_to_patient", 26);
    assert_string_equal(b->cbv, "dispensing");
}

/* Our CBV tables match the CBV 2.0 JSON-LD contexts in the reference folder. */
static void check_context(const char *ref, const char *file, const char *list)
{
    char path[1200], line[512];
    FILE *f;
    int seen = 0;
    snprintf(path, sizeof(path), "%s/epcis/gs1-EPCIS-dev/JSON-LD-Context/%s", ref, file);
    f = fopen(path, "r");
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        char key[128];
        if (sscanf(line, " \"%127[a-z_A-Z]\": \"%*[^\"]\"", key) != 1 || !strcmp(key, "cbv") ||
            !strcmp(key, "gs1") || key[0] == '@')
            continue;
        if (list)
            assert_non_null(trace_codelist_value(trace_dict_codelist(NULL, list), key));
        else
            assert_non_null(trace_dict_bizstep(NULL, key, strlen(key)));
        seen++;
    }
    fclose(f);
    assert_true(seen > 1);
}

static void test_cbv_against_reference(void **state)
{
    char ref[512];
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref)))
        skip();
    check_context(ref, "cbv-context-bizstep.jsonld", NULL);
    check_context(ref, "cbv-context-disposition.jsonld", "cbv-disposition");
    check_context(ref, "cbv-context-biztransaction-type.jsonld", "cbv-btt");
    check_context(ref, "cbv-context-sourcedest-type.jsonld", "cbv-sdt");
}

/* National rules obey the same grammar local profiles are held to. */
static void test_national_rules_grammar(void **state)
{
    size_t i, n = trace__dict_national_rule_count();
    (void)state;
    assert_int_equal(n, 174);
    for (i = 0; i < n; i++) {
        const trace_rule *r = trace__dict_national_rule_at(i);
        trace_diag d;
        memset(&d, 0, sizeof(d));
        if (trace__dict_check_rule(NULL, r, &d)) {
            char msg[256];
            trace_diag_message(&d, TRACE_LANG_EN, msg, sizeof(msg));
            fail_msg("rule %s: %s", r->id, msg);
        }
        assert_ptr_equal(trace_dict_rule(NULL, r->id), r);
        assert_null(r->origin);
    }
}

static void test_profiles(void **state)
{
    const trace_profile *p;
    size_t i, n = trace_dict_profile_count(NULL), total = 0;
    (void)state;
    assert_int_equal(n, 1 + 8 + 42);
    for (i = 0; i < n; i++) {
        p = trace_dict_profile_at(NULL, i);
        total += p->nrules;
        if (i)
            assert_non_null(trace_dict_profile(NULL, p->parent));
        else
            assert_null(p->parent);
    }
    assert_int_equal(total, trace__dict_national_rule_count());
    p = trace_dict_profile(NULL, "meat");
    assert_string_equal(p->parent, "agri-food");
    assert_int_equal(p->nrules, 10);
    assert_string_equal(trace_profile_rule_at(NULL, p, 0)->id, "MEAT-001");
    assert_null(trace_profile_rule_at(NULL, p, 10));
    assert_null(trace_dict_profile(NULL, "Meat"));
}

static void collect(trace_rule_iter *it, char *buf, size_t size)
{
    const trace_rule *r;
    buf[0] = '\0';
    while ((r = trace_rule_iter_next(it)) != NULL)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s ", r->id);
}

static void test_iterator(void **state)
{
    trace_rule_iter it;
    char ids[4096];
    (void)state;
    assert_int_equal(trace_rule_iter_init(&it, NULL, "meat", TRACE_EV_TRANSFORMATION,
                                          "utds:slaughtering"),
                     TRACE_OK);
    assert_int_equal(it.nchain, 3);
    collect(&it, ids, sizeof(ids));
    assert_string_equal(ids, "B-001 B-002 B-004 B-005 B-006 B-007 B-010 B-011 B-012 B-013 "
                             "B-014 B-017 B-018 B-019 B-020 B-021 B-022 B-023 B-024 B-025 "
                             "B-026 B-027 B-028 B-039 B-040 AF-003 AF-005 AF-008 MEAT-002 MEAT-005 "
                             "MEAT-006 MEAT-007 MEAT-008 ");
    assert_int_equal(trace_rule_iter_init(&it, NULL, "drug", TRACE_EV_MASTER_PRODUCT, NULL),
                     TRACE_OK);
    collect(&it, ids, sizeof(ids));
    assert_string_equal(ids, "B-033 B-034 B-035 B-036 DRUG-005 DRUG-006 ");
    assert_int_equal(trace_rule_iter_init(&it, NULL, "nope", 0, NULL), TRACE_ENOTFOUND);
    assert_int_equal(trace_rule_iter_init(NULL, NULL, "meat", 0, NULL), TRACE_EINVAL);
    assert_int_equal(trace_rule_matches(trace_dict_rule(NULL, "MEAT-003"), TRACE_EV_OBJECT,
                                        "shipping"),
                     1);
    assert_int_equal(trace_rule_matches(trace_dict_rule(NULL, "MEAT-003"), TRACE_EV_OBJECT,
                                        "receiving"),
                     0);
    assert_int_equal(trace_rule_matches(trace_dict_rule(NULL, "MEAT-003"),
                                        TRACE_EV_AGGREGATION, "shipping"),
                     0);
    assert_int_equal(trace_rule_matches(trace_dict_rule(NULL, "B-001"), TRACE_EV_OBJECT, NULL),
                     1);
    assert_int_equal(trace_dict_event_bit("master:party", 12), TRACE_EV_MASTER_PARTY);
    assert_int_equal(trace_dict_event_bit("Object", 6), 0);
    assert_string_equal(trace_dict_event_name(TRACE_EV_ASSOCIATION), "AssociationEvent");
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "MEAT-006")), 'M');
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "MEAT-004")), 'C');
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "MEAT-010")), 'R');
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "AF-008")), 'O');
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "DRUG-008")), 'F');
    assert_int_equal(trace_rule_level(trace_dict_rule(NULL, "B-005")), '-');
    assert_int_equal(trace_rule_level(NULL), '?');
}

static const char good[] = "# comment\n"
                           "utds-profile 1\r\n"
                           "name chaozhou-dancong\n"
                           "extends tea\n"
                           "title-en Chaozhou Dancong\n"
                           "title-zh 潮州单丛\n"
                           "region 445100\n"
                           "rule CZ-001 ObjectEvent utds:harvesting error require "
                           "ilmd/utds:harvestDate\n"
                           "rule CZ-002 * cbv:BizStep-shipping,receiving warning require "
                           "utds:document if has:bizTransactionList && action=OBSERVE\n"
                           "rule CZ-003 * * error event-time 300\n";

static void test_local_ok(void **state)
{
    trace_dict *d;
    trace_diag_list *l;
    const trace_profile *p;
    const trace_rule *r;
    trace_rule_iter it;
    char ids[4096];
    (void)state;
    assert_int_equal(trace_dict_new(&d, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&l, 0, NULL), TRACE_OK);
    assert_int_equal(trace_dict_load_profile(d, good, sizeof(good) - 1, "cz.profile", l),
                     TRACE_OK);
    assert_int_equal(trace_diag_list_count(l), 0);
    assert_int_equal(trace_dict_profile_count(d), 52);
    p = trace_dict_profile(d, "chaozhou-dancong");
    assert_non_null(p);
    assert_string_equal(p->parent, "tea");
    assert_string_equal(p->zh, "潮州单丛");
    assert_string_equal(p->region, "445100");
    assert_string_equal(p->origin, "cz.profile");
    assert_int_equal(p->nrules, 3);
    r = trace_dict_rule(d, "CZ-002");
    assert_string_equal(r->bizsteps, "shipping,receiving");
    assert_int_equal(r->severity, TRACE_SEV_WARNING);
    assert_int_equal(r->ncond, 2);
    assert_int_equal(r->cond[0].op, TRACE_COND_HAS);
    assert_string_equal(r->cond[0].path, "bizTransactionList");
    assert_int_equal(r->cond[1].op, TRACE_COND_EQ);
    assert_string_equal(r->cond[1].path, "action");
    assert_string_equal(r->cond[1].value, "OBSERVE");
    assert_string_equal(r->origin, "chaozhou-dancong");
    assert_int_equal(trace_dict_rule(d, "CZ-003")->number, 300);
    /* The tea profile now carries the local rules too; meat does not. */
    assert_int_equal(trace_rule_iter_init(&it, d, "tea", TRACE_EV_OBJECT, "utds:harvesting"),
                     TRACE_OK);
    collect(&it, ids, sizeof(ids));
    assert_non_null(strstr(ids, "TEA-001 CZ-001 CZ-003 "));
    assert_int_equal(trace_rule_iter_init(&it, d, "meat", 0, NULL), TRACE_OK);
    collect(&it, ids, sizeof(ids));
    assert_null(strstr(ids, "CZ-"));
    /* The same name twice is refused. */
    assert_int_equal(trace_dict_load_profile(d, good, sizeof(good) - 1, "again", l),
                     TRACE_EDATA);
    assert_string_equal(trace_diag_list_at(l, 0)->id, "TR-DICT-0004");
    assert_int_equal(trace_dict_profile_count(d), 52);
    /* A shared dictionary is immutable. */
    trace_dict_ref(d);
    assert_int_equal(trace_dict_load_profile(d, good, sizeof(good) - 1, "x", l), TRACE_EINVAL);
    trace_dict_unref(d);
    trace_diag_list_free(l);
    trace_dict_unref(d);
}

/* Load text; expect exactly the given "ID:line:col" diagnostics in order. */
static void expect_diags(const char *text, int rc, const char *expected)
{
    trace_dict *d;
    trace_diag_list *l;
    char got[2048] = "";
    size_t i;
    assert_int_equal(trace_dict_new(&d, NULL), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&l, 0, NULL), TRACE_OK);
    assert_int_equal(trace_dict_load_profile(d, text, strlen(text), "t", l), rc);
    for (i = 0; i < trace_diag_list_count(l); i++) {
        const trace_diag *g = trace_diag_list_at(l, i);
        snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s:%u:%u", i ? " " : "", g->id,
                 g->loc.line, g->loc.column);
    }
    assert_string_equal(got, expected);
    assert_int_equal(trace_dict_profile_count(d), rc == TRACE_OK ? 52 : 51);
    trace_diag_list_free(l);
    trace_dict_unref(d);
}

#define HDR "utds-profile 1\nname x\nextends meat\n"

static void test_local_errors(void **state)
{
    (void)state;
    expect_diags("", TRACE_EDATA, "TR-DICT-0001:0:1");
    expect_diags("utds-profile 2\n", TRACE_EDATA, "TR-DICT-0001:1:1");
    expect_diags("utds-profile 1\n", TRACE_EDATA, "TR-DICT-0003:1:1");
    expect_diags("utds-profile 1\nname x\n", TRACE_EDATA, "TR-DICT-0003:2:1");
    expect_diags(HDR, TRACE_OK, "");
    expect_diags(HDR "name y\n", TRACE_EDATA, "TR-DICT-0020:4:1");
    expect_diags("utds-profile 1\nname Bad_Name\nextends nope\n", TRACE_EDATA,
                 "TR-DICT-0004:2:6 TR-DICT-0005:3:9");
    expect_diags(HDR "region 44510\n", TRACE_EDATA, "TR-DICT-0022:4:8");
    expect_diags(HDR "frob\n", TRACE_EDATA, "TR-DICT-0002:4:1");
    expect_diags(HDR "rule X-001 * *\n", TRACE_EDATA, "TR-DICT-0007:4:1");
    expect_diags(HDR "rule x-001 * * error quantity\n", TRACE_EDATA, "TR-DICT-0021:4:6");
    expect_diags(HDR "rule X-001 Object * error quantity\n", TRACE_EDATA, "TR-DICT-0008:4:12");
    expect_diags(HDR "rule X-001 ObjectEvent,Bad * error quantity\n", TRACE_EDATA,
                 "TR-DICT-0008:4:24");
    expect_diags(HDR "rule X-001 * shipping,nope error quantity\n", TRACE_EDATA,
                 "TR-DICT-0009:4:23");
    expect_diags(HDR "rule X-001 * * fatal quantity\n", TRACE_EDATA, "TR-DICT-0015:4:16");
    expect_diags(HDR "rule X-001 * * error quantities\n", TRACE_EDATA, "TR-DICT-0006:4:22");
    expect_diags(HDR "rule X-001 * * error quantity extra\n", TRACE_EDATA, "TR-DICT-0007:4:31");
    expect_diags(HDR "rule X-001 * * error require utds:nope\n", TRACE_EDATA,
                 "TR-DICT-0011:4:30");
    expect_diags(HDR "rule X-001 * * error require ilmd/utds:stallNo\n", TRACE_EDATA,
                 "TR-DICT-0024:4:30");
    expect_diags(HDR "rule X-001 * * error require eventTim\n", TRACE_EDATA,
                 "TR-DICT-0010:4:30");
    expect_diags(HDR "rule X-001 * * error require sourceList[buyer]\n", TRACE_EDATA,
                 "TR-DICT-0010:4:30");
    expect_diags(HDR "rule X-001 * * error require utds:testItem/utds:stallNo\n", TRACE_EDATA,
                 "TR-DICT-0010:4:30");
    expect_diags(HDR "rule X-001 master:party * error require utds:quarantineCertNo\n",
                 TRACE_EDATA, "TR-DICT-0024:4:41");
    expect_diags(HDR "rule X-001 * * error scheme epcList gs1|nope\n", TRACE_EDATA,
                 "TR-DICT-0013:4:29");
    expect_diags(HDR "rule X-001 * * error codelist disposition nope\n", TRACE_EDATA,
                 "TR-DICT-0012:4:31");
    expect_diags(HDR "rule X-001 * * error event-time 90000\n", TRACE_EDATA,
                 "TR-DICT-0019:4:33");
    expect_diags(HDR "rule X-001 * * error require bizStep if\n", TRACE_EDATA,
                 "TR-DICT-0014:4:38");
    expect_diags(HDR "rule X-001 * * error require bizStep if action~ADD\n", TRACE_EDATA,
                 "TR-DICT-0014:4:41");
    expect_diags(HDR "rule X-001 * * error require bizStep if has:a|b\n", TRACE_EDATA,
                 "TR-DICT-0014:4:41");
    expect_diags(HDR "rule X-001 * * error require bizStep if has:ilmd && has:ilmd && "
                     "has:ilmd && has:ilmd && has:ilmd\n",
                 TRACE_EDATA, "TR-DICT-0014:4:89");
    expect_diags(HDR "rule X-001 * * error quantity\nrule X-001 * * info quantity\n",
                 TRACE_EDATA, "TR-DICT-0016:5:6");
    expect_diags(HDR "rule X-001 * * error \x01quantity\n", TRACE_EDATA, "TR-DICT-0023:0:0");
    expect_diags(HDR "rule X-001 * * error require \xe4\xb8\n", TRACE_EDATA, "TR-DICT-0023:0:0");
}

static void test_local_relax(void **state)
{
    (void)state;
    expect_diags(HDR "disable MEAT-006\n", TRACE_EDATA, "TR-PROF-0001:4:1");
    expect_diags(HDR "rule MEAT-006 * * error quantity\n", TRACE_EDATA, "TR-PROF-0006:4:6");
    expect_diags(HDR "rule X-001 TransformationEvent utds:slaughtering warning require "
                     "utds:meatInspectionCertNo\n",
                 TRACE_EDATA, "TR-PROF-0002:4:1");
    expect_diags(HDR "rule X-001 * * error event-time 601\n", TRACE_EDATA, "TR-PROF-0004:4:1");
    expect_diags(HDR "rule X-001 * * error event-time 599\n", TRACE_OK, "");
    expect_diags(HDR "rule X-001 * * error scheme inputEPCList ear-tag|gs1\n", TRACE_EDATA,
                 "TR-PROF-0003:4:1");
    expect_diags(HDR "rule X-001 * * error scheme inputEPCList ear-tag\n", TRACE_OK, "");
    expect_diags(HDR "rule X-001 ObjectEvent * error forbid utds:quarantineCertNo\n",
                 TRACE_EDATA, "TR-PROF-0005:4:1");
    /* Not overlapping in scope: a forbidden field on another step is fine. */
    expect_diags(HDR "rule X-001 ObjectEvent retail_selling error forbid "
                     "utds:quarantineCertNo\n",
                 TRACE_OK, "");
    expect_diags(HDR "rule X-001 master:product * info optional utds:productName\n",
                 TRACE_EDATA, "TR-PROF-0002:4:1");
    /* A stricter copy of a national rule is allowed. */
    expect_diags(HDR "rule X-001 ObjectEvent retail_selling error require utds:stallNo\n",
                 TRACE_OK, "");
}

/* Every allocation failure is reported, leaves nothing behind, and the
 * dictionary stays usable. */
static void test_local_chaos(void **state)
{
    failalloc fa;
    long n;
    int ok = 0;
    (void)state;
    for (n = 0; n < 200 && !ok; n++) {
        trace_allocator a = failalloc_make(&fa, n);
        trace_dict *d;
        int rc;
        if (trace_dict_new(&d, &a) != TRACE_OK)
            continue;
        rc = trace_dict_load_profile(d, good, sizeof(good) - 1, "cz", NULL);
        assert_true(rc == TRACE_OK || rc == TRACE_ENOMEM);
        ok = rc == TRACE_OK;
        assert_int_equal(trace_dict_profile_count(d), ok ? 52u : 51u);
        trace_dict_unref(d);
        assert_int_equal(fa.live, 0);
    }
    assert_true(ok);
}

static void test_local_file(void **state)
{
    trace_dict *d;
    char path[] = "/tmp/test_dict_XXXXXX";
    int fd;
    FILE *f;
    (void)state;
    assert_int_equal(trace_dict_new(&d, NULL), TRACE_OK);
    assert_int_equal(trace_dict_load_profile_file(d, "/nonexistent/x.profile", NULL), TRACE_EIO);
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs(good, f);
    fclose(f);
    assert_int_equal(trace_dict_load_profile_file(d, path, NULL), TRACE_OK);
    assert_string_equal(trace_dict_profile(d, "chaozhou-dancong")->origin, path);
    remove(path);
    assert_int_equal(trace_dict_load_profile(NULL, good, 1, "x", NULL), TRACE_EINVAL);
    assert_int_equal(trace_dict_load_profile(d, NULL, 1, "x", NULL), TRACE_EINVAL);
    assert_int_equal(trace_dict_load_profile(d, good, (size_t)TRACE_LOCAL_MAX_BYTES + 1, "x",
                                             NULL),
                     TRACE_ELIMIT);
    trace_dict_unref(d);
}

/* Check value v of element id; expect valid (NULL) or the diagnostic id. */
static void value_is(const char *id, const char *v, const char *diag)
{
    trace_diag d;
    int rc = trace_element_check_value(NULL, trace_dict_element(NULL, id), v, strlen(v), &d);
    if (!diag) {
        assert_int_equal(rc, 1);
        return;
    }
    assert_int_equal(rc, 0);
    assert_string_equal(d.id, diag);
}

static void test_values(void **state)
{
    trace_diag d;
    (void)state;
    value_is("productionDate", "2028-02-29", NULL);
    value_is("productionDate", "2026-02-29", "TR-DICT-0028");
    value_is("productionDate", "2026-1-01", "TR-DICT-0028");
    value_is("productionDate", "2026-11-31", "TR-DICT-0028");
    value_is("fillingPressure", "2.2", NULL);
    value_is("fillingPressure", "2.2 MPA", "TR-DICT-0030");
    value_is("reoContent", "99.2%", "TR-DICT-0030");
    value_is("reoContent", "-0.5", NULL);
    value_is("reoContent", ".5", "TR-DICT-0030");
    value_is("reoContent", "5.", "TR-DICT-0030");
    value_is("reoContent", "1e3", "TR-DICT-0030");
    value_is("testResult", "0.05 NA", NULL);
    value_is("testResult", "0.05", "TR-DICT-0031");
    value_is("testResult", "0.05 JIN", "TR-DICT-0031");
    value_is("testResult", "x NA", "TR-DICT-0030");
    value_is("shelfLifeDays", "730", NULL);
    value_is("shelfLifeDays", "123456", "TR-DICT-0035");
    value_is("shelfLifeDays", "", "TR-DICT-0035");
    value_is("quarantineCertNo", "A44-001122", NULL);
    value_is("quarantineCertNo", "A44", "TR-DICT-0026");
    value_is("quarantineCertNo", "a4400112233", "TR-DICT-0027");
    value_is("productName", "凤凰单丛茶", NULL);
    value_is("productName", "", "TR-DICT-0026");
    value_is("productName", "a\x01b", "TR-DICT-0027");
    value_is("productName", "\xe5\x87", "TR-DICT-0027");
    value_is("productName", "\xed\xa0\x80", "TR-DICT-0027"); /* surrogate */
    value_is("batchNo", "B2026/11", NULL);
    value_is("batchNo", "B 1", "TR-DICT-0027");
    value_is("testConclusion", "qualified", NULL);
    value_is("testConclusion", "Qualified", "TR-DICT-0032");
    value_is("testItem", "x", "TR-DICT-0034");
    /* Length counts code points: 129 CJK characters are too many. */
    {
        char big[129 * 3 + 1];
        size_t i;
        for (i = 0; i < 129; i++)
            memcpy(big + 3 * i, "\xe8\x8c\xb6", 3);
        big[129 * 3] = '\0';
        value_is("productName", big, "TR-DICT-0026");
        big[128 * 3] = '\0';
        value_is("productName", big, NULL);
    }
    /* The offending character is located inside the value. */
    assert_int_equal(trace_element_check_value(NULL, trace_dict_element(NULL, "batchNo"), "AB C",
                                               4, &d),
                     0);
    assert_int_equal(d.loc.offset, 2);
    assert_int_equal(d.loc.length, 1);
    assert_string_equal(trace_diag_arg_get(&d, "pos"), "3");
    assert_int_equal(trace_element_check_value(NULL, NULL, "x", 1, &d), TRACE_EINVAL);
}

static void test_datetime_values(void **state)
{
    (void)state;
    value_is("documentDate", "2026-11-12", NULL);
    /* no datetime element in the dictionary takes a text value today; check the
     * lexical rules through a synthetic element */
    {
        trace_element e;
        trace_diag d;
        static const char *const ok_dt[] = {"2026-11-12T08:30:00+08:00", "2026-11-12T08:30:00Z",
                                           "2026-11-12T08:30:00.125-05:00"};
        static const char *const bad_dt[] = {"2026-11-12T08:30:00", "2026-11-12 08:30:00Z",
                                          "2026-11-12T24:00:00Z", "2026-11-12T08:30:00.Z",
                                          "2026-11-12T08:30:00+8:00"};
        size_t i;
        memset(&e, 0, sizeof(e));
        e.id = "t";
        e.type = TRACE_ELEM_DATETIME;
        for (i = 0; i < TRACE__ARRAY_LEN(ok_dt); i++)
            assert_int_equal(trace_element_check_value(NULL, &e, ok_dt[i], strlen(ok_dt[i]), &d), 1);
        for (i = 0; i < TRACE__ARRAY_LEN(bad_dt); i++) {
            assert_int_equal(trace_element_check_value(NULL, &e, bad_dt[i], strlen(bad_dt[i]), &d), 0);
            assert_string_equal(d.id, "TR-DICT-0029");
        }
    }
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_values), cmocka_unit_test(test_cbv_values), cmocka_unit_test(test_datetime_values),
                cmocka_unit_test(test_elements), cmocka_unit_test(test_element_references),
                cmocka_unit_test(test_codelists), cmocka_unit_test(test_bizsteps),
                cmocka_unit_test(test_cbv_against_reference),
                cmocka_unit_test(test_national_rules_grammar), cmocka_unit_test(test_profiles),
                cmocka_unit_test(test_iterator), cmocka_unit_test(test_local_ok),
                cmocka_unit_test(test_local_errors), cmocka_unit_test(test_local_relax),
                cmocka_unit_test(test_local_chaos), cmocka_unit_test(test_local_file))
