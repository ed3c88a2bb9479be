/*
 * test_family.c - product families of UTDS trace codes (spec/cn/families.tsv,
 * column "profile") and the rule kind family-agrees (validate_family.c).
 */
#include "unit.h"

#include "cn_int.h"
#include "validate_prof_int.h"

/* The family profile of a first digit (the eight families of the seed plans). */
static const char *const family_of_digit[10] = {
    NULL,        "agri-food",  "food",   "drug", "agri-input", "special-equipment",
    "hazardous", "rare-earth", "import", NULL};

/* Every code maps to a dictionary profile inside its own family. */
static void test_table(void **state)
{
    const trace_dict *d = trace_ctx_dict(NULL);
    size_t i, n = trace__cn_family_count();
    (void)state;
    assert_int_equal(n, 52);
    for (i = 0; i < n; i++) {
        const char *code = trace__cn_family_at(i, NULL, NULL);
        const char *want = family_of_digit[code[0] - '0'];
        const char *prof = trace__cn_family_profile(code);
        const trace_profile *p = prof ? trace_dict_profile(d, prof) : NULL;
        if (!p)
            fail_msg("family %s: profile %s is not in the dictionary", code,
                     prof ? prof : "-");
        /* the profile is the family itself or one of its sub-families */
        if (strcmp(p->name, want) && (!p->parent || strcmp(p->parent, want)))
            fail_msg("family %s: profile %s is not %s or one of its sub-families", code,
                     p->name, want);
        /* "x0" is the family in general */
        if (code[1] == '0')
            assert_string_equal(p->name, want);
    }
    assert_string_equal(trace__cn_family_profile("11"), "meat");
    assert_string_equal(trace__cn_family_profile("54"), "elevator");
    assert_string_equal(trace__cn_family_profile("72"), "rare-earth-separated");
    assert_null(trace__cn_family_profile("18"));
    assert_null(trace__cn_family_profile("9x"));
}

static int fam(const char *s, char out[3])
{
    trace_str v = {s, strlen(s)};
    return trace__utc_family(v, out);
}

static void test_utc_family(void **state)
{
    char f[3];
    (void)state;
    /* USCC operator: the family follows 18 characters of operator */
    assert_int_equal(fam("URN:UTDS:TC:1445100U91445102MA4UQ8R15J312611120000000001X", f),
                     1);
    assert_string_equal(f, "31");
    /* node-assigned operator: 8 characters */
    assert_int_equal(fam("URN:UTDS:TC:1445100N00000042100000010000000001E", f), 1);
    assert_string_equal(f, "10");
    /* the generic UTDS URN, any case, with the grouping hyphens */
    assert_int_equal(fam("urn:utds:id:utds:1-445100-n00000042-62-000001-0000000001-k", f),
                     1);
    assert_string_equal(f, "62");
    assert_int_equal(fam("urn:utds:tc:1445100n00000042620000010000000001k", f), 1);
    assert_string_equal(f, "62");
    /* not trace codes, or too short to hold a family */
    assert_int_equal(fam("1445100N00000042620000010000000001K", f), 0);
    assert_int_equal(fam("urn:utds:id:uscc:91445102MA4UQ8R15J", f), 0);
    assert_int_equal(fam("URN:UTDS:TC:1445100X00000042620000010000000001K", f), 0);
    assert_int_equal(fam("URN:UTDS:TC:1445100U91445102MA4UQ8R15J3", f), 0);
    assert_int_equal(fam("URN:UTDS:TC:", f), 0);
}

/* The rule kind is known by name and takes no argument. */
static void test_kind(void **state)
{
    (void)state;
    assert_string_equal(trace_rule_kind_name(TRACE_RULE_FAMILY_AGREES), "family-agrees");
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_table), cmocka_unit_test(test_utc_family),
                cmocka_unit_test(test_kind))
