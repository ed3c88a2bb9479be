/*
 * test_hash_vectors.c - reproduce the reference hash vectors byte for byte:
 * every NAME.xml / NAME.jsonld of ../shared/ref/epcis/hash-vectors whose
 * encoding this build can read is read through the library's reader and
 * hashed under the matching profile (master: cbv20-ref; MDAF-Support:
 * cbv20-mdaf, and cbv21 for TimeStampRoundOff_CBV21). Hashes must equal
 * NAME.hashes line by line and, for master, pre-hashes NAME.prehashes.
 * Skips cleanly when the folder or a reader is absent. The few vectors
 * that cannot be reproduced are listed with the reason (spec section 8).
 */
#include <dirent.h>
#include <unistd.h>

#include "hash_build.h"

/* Vectors whose expected values no model-based hasher can reproduce. */
static const struct {
    const char *name, *why;
} known[] = {
    {"epcisDocWithAllGS1Keys.prehashes", "upstream pre-hash file is garbled (VECTORS.md)"},
    {"epcisDocWithCustomSchemaInContext.prehashes", "upstream 2nd pre-hash is truncated"},
    {"epcisDocWithDefaultSchemaInContext.prehashes", "upstream 2nd pre-hash is truncated"},
    /* These documents take their meaning from draft contexts on mgh128.github.io
     * (GS1 Web Vocabulary terms without prefixes); the reference expanded them over
     * the network. The texts are not in the reference folder, so the terms cannot
     * be resolved here. */
    {"masterDataAvailableForDeforestation.hashes", "remote draft @context"},
    {"masterDataAvailableForGS1WebVocOnly.hashes", "remote draft @context"},
    {"masterDataAvailableForIncludingGS1DEWebVoc.hashes", "remote draft @context"},
    {"masterDataAvailableForWithMixedVoc.hashes", "remote draft @context"},
    {"masterDataAvailableForWithVeryMixedVoc.hashes", "remote draft @context"},
    /* The query document has no EPCISBody/QueryResults around its EventList; the
     * reference searches for any EventList, the XML reader follows the schema. */
    {"epcisXmlQueryDocHavingEventWithIgnoreFields.xml", "EventList outside EPCISBody"},
};

static const char *known_reason(const char *file)
{
    size_t i;
    for (i = 0; i < TRACE__CASES(known); i++)
        if (!strcmp(known[i].name, file))
            return known[i].why;
    return NULL;
}

typedef struct tally {
    int files, events, ok, bad, skipped, known;
} tally;

/* Exclusions a document names through the reference's non-standard
 * ignoreFields feature: fields of the repository-x namespace. */
static char names[16][256];

/* A JSON-LD "prefix:local" string to Clark notation through the header's prefixes. */
static void clark_of_curie(const trace_header *h, trace_str v, char *out, size_t size)
{
    const char *colon = memchr(v.s, ':', v.len);
    size_t i;
    snprintf(out, size, "%.*s", (int)v.len, v.s);
    if (!colon)
        return;
    for (i = 0; i < h->nnamespaces; i++)
        if (h->namespaces[i].prefix.len == (size_t)(colon - v.s) &&
            !memcmp(h->namespaces[i].prefix.s, v.s, h->namespaces[i].prefix.len))
            snprintf(out, size, "{%.*s}%.*s", (int)h->namespaces[i].uri.len,
                     h->namespaces[i].uri.s, (int)(v.s + v.len - colon - 1), colon + 1);
}

static size_t ignore_fields(const trace_header *h, const char **out, size_t max)
{
    size_t i, j, n = 0;
    for (i = 0; i < h->next && n < max; i++) {
        const trace_ext *x = &h->ext[i];
        if (!trace_str_eq(x->name, "ignoreFields"))
            continue;
        if (x->text.len) { /* JSON-LD: an array of CURIE strings */
            clark_of_curie(h, x->text, names[n], sizeof(names[n]));
            out[n] = names[n];
            n++;
        }
        for (j = 0; j < x->nchildren && n < max; j++) {
            const trace_ext *c = &x->children[j];
            if (c->kind != TRACE_EXT_ELEMENT)
                continue;
            if (c->text.len && !c->name.len)
                clark_of_curie(h, c->text, names[n], sizeof(names[n]));
            else
                snprintf(names[n], sizeof(names[n]), "{%.*s}%.*s", (int)c->ns.len, c->ns.s,
                         (int)c->name.len, c->name.s);
            out[n] = names[n];
            n++;
        }
    }
    return n;
}

static void run_input(trace_ctx *ctx, const char *dir, const char *base, const char *ext,
                      trace_hash_profile prof, const char *hashes_file, int check_pre,
                      tally *t)
{
    char path[1500], *hashes, *pres = NULL, *hp, *pp;
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_hash_options ho = TRACE_HASH_OPTIONS_INIT;
    const char *excl[16];
    trace_reader *r;
    trace_hasher *h;
    const trace_header *hdr;
    const trace_event *ev;
    int rc, k = 0;
    snprintf(path, sizeof(path), "%s/%s.%s", dir, base, ext);
    if (access(path, R_OK) != 0)
        return;
    ro.format = strcmp(ext, "xml") ? TRACE_FMT_JSONLD : TRACE_FMT_XML;
    if (!trace_format_supported(ro.format, 0)) {
        t->skipped++;
        return;
    }
    snprintf(path, sizeof(path), "%s/%s", dir, hashes_file);
    hashes = hb_slurp(path, NULL);
    assert_non_null(hashes);
    if (check_pre) {
        snprintf(path, sizeof(path), "%s/%s.prehashes", dir, base);
        if (!known_reason(strrchr(path, '/') + 1))
            pres = hb_slurp(path, NULL);
    }
    snprintf(path, sizeof(path), "%s/%s.%s", dir, base, ext);
    assert_int_equal(trace_reader_open_file(&r, ctx, path, &ro), TRACE_OK);
    assert_int_equal(trace_reader_header(r, &hdr, NULL), TRACE_OK);
    ho.profile = prof;
    ho.exclude = excl;
    ho.nexclude = ignore_fields(hdr, excl, 16);
    assert_int_equal(trace_hasher_new(&h, ctx, &ho), TRACE_OK);
    t->files++;
    hp = hashes, pp = pres;
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK) {
        char id[TRACE_HASH_ID_SIZE];
        const char *pre;
        size_t n, hl = strcspn(hp, "\r\n");
        assert_int_equal(trace_hasher_prehash(h, ev, &pre, &n), TRACE_OK);
        assert_int_equal(trace_hasher_event_id(h, ev, id, sizeof(id), NULL), TRACE_OK);
        t->events++;
        if (strlen(id) == hl && !memcmp(id, hp, hl)) {
            t->ok++;
        } else if (known_reason(hashes_file)) {
            t->known++;
        } else {
            t->bad++;
            print_message("MISMATCH %s.%s #%d [%s]\n want %.*s\n got  %s\n pre  %s\n", base, ext,
                          k, trace_hash_profile_name(prof), (int)hl, hp, id, pre);
        }
        if (pp && *pp) {
            size_t pl = strcspn(pp, "\r\n");
            if (pl != n || memcmp(pp, pre, n) != 0) {
                t->bad++;
                print_message("PREHASH %s.%s #%d\n want %.*s\n got  %s\n", base, ext, k, (int)pl,
                              pp, pre);
            }
            pp += pl;
            pp += strspn(pp, "\r\n");
        }
        hp += hl;
        hp += strspn(hp, "\r\n");
        k++;
    }
    assert_int_equal(rc, TRACE_EOF);
    snprintf(path, sizeof(path), "%s.%s", base, ext);
    if (*hp && known_reason(path)) {
        t->known++;
    } else if (*hp) {
        t->bad++;
        print_message("MISSING events in %s.%s: read %d\n", base, ext, k);
    }
    trace_hasher_free(h);
    trace_reader_free(r);
    free(hashes);
    free(pres);
}

static void run_folder(trace_ctx *ctx, const char *snapshot, int mdaf, tally *t)
{
    char ref[1024], dir[1200];
    DIR *d;
    struct dirent *e;
    if (!unit_ref_dir(ref, sizeof(ref)))
        return;
    snprintf(dir, sizeof(dir), "%s/epcis/hash-vectors/%s/examples", ref, snapshot);
    d = opendir(dir);
    if (!d)
        return;
    while ((e = readdir(d)) != NULL) {
        char base[256];
        size_t n = strlen(e->d_name);
        trace_hash_profile p = mdaf ? TRACE_HASH_CBV20_MDAF : TRACE_HASH_CBV20_REF;
        if (n < 8 || strcmp(e->d_name + n - 7, ".hashes") != 0)
            continue;
        snprintf(base, sizeof(base), "%.*s", (int)(n - 7), e->d_name);
        if (mdaf && strstr(base, "_CBV21")) {
            p = TRACE_HASH_CBV21;
            base[strlen(base) - 6] = '\0';
        }
        run_input(ctx, dir, base, "jsonld", p, e->d_name, !mdaf, t);
        run_input(ctx, dir, base, "xml", p, e->d_name, !mdaf, t);
    }
    closedir(d);
}

static void test_reference_folders(void **state)
{
    trace_ctx *ctx;
    tally master = {0, 0, 0, 0, 0, 0}, mdaf = {0, 0, 0, 0, 0, 0};
    (void)state;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    run_folder(ctx, "ralphtro-master-5d2f1c3", 0, &master);
    run_folder(ctx, "ralphtro-MDAF-Support-01eb8c7", 1, &mdaf);
    print_message("hash vectors master: %d files, %d events, %d equal, %d mismatches, %d known, "
                  "%d inputs skipped (no reader)\n",
                  master.files, master.events, master.ok, master.bad, master.known, master.skipped);
    print_message("hash vectors MDAF:   %d files, %d events, %d equal, %d mismatches, %d known, "
                  "%d inputs skipped (no reader)\n",
                  mdaf.files, mdaf.events, mdaf.ok, mdaf.bad, mdaf.known, mdaf.skipped);
    trace_ctx_free(ctx);
    assert_int_equal(master.bad + mdaf.bad, 0);
}

/* expected_equal/: every event of one file is the same event written differently. */
static int equal_file(trace_ctx *ctx, const char *path, trace_hash_profile p)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_hash_options ho = TRACE_HASH_OPTIONS_INIT;
    char first[TRACE_HASH_ID_SIZE] = "", id[TRACE_HASH_ID_SIZE];
    trace_reader *r;
    trace_hasher *h;
    const trace_event *ev;
    int n = 0, bad = 0;
    ho.profile = p;
    if (trace_reader_open_file(&r, ctx, path, &ro) != TRACE_OK)
        return -1;
    assert_int_equal(trace_hasher_new(&h, ctx, &ho), TRACE_OK);
    while (trace_reader_next(r, &ev) == TRACE_OK) {
        assert_int_equal(trace_hasher_event_id(h, ev, id, sizeof(id), NULL), TRACE_OK);
        if (!n++)
            memcpy(first, id, sizeof(id));
        else if (strcmp(first, id) != 0) {
            const char *pre;
            size_t len;
            trace_hasher_prehash(h, ev, &pre, &len);
            print_message("NOT EQUAL %s #%d [%s]: %s\n  %s\n", path, n - 1,
                          trace_hash_profile_name(p), id, pre);
            bad++;
        }
    }
    trace_hasher_free(h);
    trace_reader_free(r);
    assert_true(n >= 2);
    return bad;
}

static void test_expected_equal(void **state)
{
    char ref[1024], dir[1200], path[1500];
    trace_ctx *ctx;
    DIR *d;
    struct dirent *e;
    int files = 0, bad = 0;
    unsigned p;
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref)) || !trace_format_supported(TRACE_FMT_XML, 0))
        return;
    snprintf(dir, sizeof(dir), "%s/epcis/hash-vectors/ralphtro-master-5d2f1c3/expected_equal",
             ref);
    if (!(d = opendir(dir)))
        return;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
            continue;
        snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
        for (p = 0; p < TRACE_HASH_PROFILE_COUNT; p++) {
            int r;
            /* cbv20-mdaf keeps more than three fraction digits by design (D5) */
            if (p == TRACE_HASH_CBV20_MDAF && strstr(e->d_name, "timestampPrecision"))
                continue;
            r = equal_file(ctx, path, (trace_hash_profile)p);
            if (r < 0)
                continue;
            bad += r;
        }
        files++;
    }
    closedir(d);
    trace_ctx_free(ctx);
    print_message("expected_equal: %d files, %d differences\n", files, bad);
    assert_int_equal(bad, 0);
}

/* Hash IDs of every event of a file, one per line, into out (malloc'd). */
static char *hash_list(trace_ctx *ctx, const char *path, trace_format f, trace_hash_profile p)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_hash_options ho = TRACE_HASH_OPTIONS_INIT;
    trace_reader *r;
    trace_hasher *h;
    const trace_event *ev;
    size_t n = 0, cap = 1024;
    char *out = malloc(cap), id[TRACE_HASH_ID_SIZE];
    ro.format = f;
    ho.profile = p;
    out[0] = '\0';
    if (trace_reader_open_file(&r, ctx, path, &ro) != TRACE_OK)
        return out;
    assert_int_equal(trace_hasher_new(&h, ctx, &ho), TRACE_OK);
    while (trace_reader_next(r, &ev) == TRACE_OK) {
        assert_int_equal(trace_hasher_event_id(h, ev, id, sizeof(id), NULL), TRACE_OK);
        if (n + sizeof(id) + 2 > cap)
            out = realloc(out, cap *= 2);
        n += (size_t)sprintf(out + n, "%s\n", id);
    }
    trace_hasher_free(h);
    trace_reader_free(r);
    return out;
}

/* The OpenEPCIS test documents come as XML/JSON-LD pairs of the same events:
 * the same events must give the same hashes. Three XML files bind the CBV
 * master-data prefix to "urn:epcglobal:cbv:mda" (no trailing colon) where the
 * JSON-LD context has "urn:epcglobal:cbv:mda:": different namespaces, so
 * different events; they are listed, not hidden. */
static void test_xml_jsonld_pairs(void **state)
{
    static const char *const differ[] = {"ObjectEvent_all_possible_fields",
                                         "SensorData_with_combined_events",
                                         "TransformationEvent_with_userExtensions"};
    char ref[1024], dir[1200], x[1500], j[1500];
    trace_ctx *ctx;
    DIR *d;
    struct dirent *e;
    int pairs = 0, equal = 0, listed = 0;
    unsigned p;
    (void)state;
    if (!unit_ref_dir(ref, sizeof(ref)) || !trace_format_supported(TRACE_FMT_XML, 0) ||
        !trace_format_supported(TRACE_FMT_JSONLD, 0))
        return;
    snprintf(dir, sizeof(dir), "%s/epcis/openepcis-test-resources/2.0/EPCIS", ref);
    snprintf(x, sizeof(x), "%s/XML/Capture/Documents", dir);
    if (!(d = opendir(x)))
        return;
    assert_int_equal(trace_ctx_new(&ctx, NULL), TRACE_OK);
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name), k;
        int listed_here = 0;
        if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
            continue;
        snprintf(x, sizeof(x), "%s/XML/Capture/Documents/%s", dir, e->d_name);
        snprintf(j, sizeof(j), "%s/JSON/Capture/Documents/%.*s.json", dir, (int)(n - 4),
                 e->d_name);
        if (access(j, R_OK) != 0)
            continue;
        for (k = 0; k < TRACE__CASES(differ); k++)
            listed_here |= strlen(differ[k]) == n - 4 && !strncmp(differ[k], e->d_name, n - 4);
        pairs++;
        /* cbv20-mdaf hashes the number of fraction digits as written (D5): the
         * pairs write some times with different precision, so it is left out */
        for (p = 0; p < TRACE_HASH_PROFILE_COUNT; p++) {
            char *a, *b;
            if (p == TRACE_HASH_CBV20_MDAF)
                continue;
            a = hash_list(ctx, x, TRACE_FMT_XML, (trace_hash_profile)p);
            b = hash_list(ctx, j, TRACE_FMT_JSONLD, (trace_hash_profile)p);
            assert_true(a[0] != '\0');
            if (!strcmp(a, b))
                equal++;
            else if (listed_here)
                listed++;
            else
                fail_msg("%s: XML and JSON-LD hash differently under %s", e->d_name,
                         trace_hash_profile_name((trace_hash_profile)p));
            free(a);
            free(b);
        }
    }
    closedir(d);
    trace_ctx_free(ctx);
    print_message("XML/JSON-LD pairs: %d pairs x 3 profiles: %d equal, %d listed differences\n",
                  pairs, equal, listed);
    assert_true(pairs > 0);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_reference_folders), cmocka_unit_test(test_expected_equal),
                cmocka_unit_test(test_xml_jsonld_pairs))
