/*
 * test_sign.c - keys, key files, the document digest, signing and
 * verification; the signature survives conversion to every encoding this
 * build reads and writes, and every single-field change and every
 * single-byte change of a field value in a signed document is detected
 * after conversion to each of them.
 */
#include "hash_build.h"

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

/* ---------------------------------------------------------------- keys */

static void test_key_roundtrip(void **state)
{
    trace_key *k, *sk, *pk;
    char sec[512], pub[512];
    size_t n;
    (void)state;
    assert_int_equal(trace_key_generate(&k, ctx), TRACE_OK);
    assert_true(trace_key_has_secret(k));
    assert_int_equal(strlen(trace_key_id(k)), 24);
    assert_memory_equal(trace_key_id(k), "ed25519:", 8);
    n = trace_key_format(k, 1, sec, sizeof(sec));
    assert_int_equal(n, strlen(sec));
    assert_memory_equal(sec, "UTDS-ED25519-SECRET-KEY 1\nkey-id: ", 34);
    trace_key_format(k, 0, pub, sizeof(pub));
    assert_null(strstr(pub, "secret"));
    assert_int_equal(trace_key_parse(&sk, ctx, sec, strlen(sec), NULL), TRACE_OK);
    assert_int_equal(trace_key_parse(&pk, ctx, pub, strlen(pub), NULL), TRACE_OK);
    assert_string_equal(trace_key_id(sk), trace_key_id(k));
    assert_string_equal(trace_key_id(pk), trace_key_id(k));
    assert_true(trace_key_has_secret(sk));
    assert_false(trace_key_has_secret(pk));
    assert_int_equal(trace_key_format(pk, 1, sec, sizeof(sec)), 0);
    trace_key_free(k);
    trace_key_free(sk);
    trace_key_free(pk);
}

/* A committed test key: its id is derived from its public key. */
static void test_key_files(void **state)
{
    static const char *const bad[][2] = {
        {"hello\n", "no UTDS-ED25519 header line"},
        {"UTDS-ED25519-PUBLIC-KEY 1\nkey-id: ed25519:0000000000000000\n", "key-id or public-key line missing"},
        {"UTDS-ED25519-PUBLIC-KEY 1\nkey-id: x\npublic-key: AAAA\n", "public-key is not 32 bytes of base64"},
        {"UTDS-ED25519-PUBLIC-KEY 1\nkey-id: ed25519:0000000000000000\n"
         "public-key: vteHdiZALtCgrCTD3cqz0zx977bH/qewSZO82C4xqUQ=\n",
         "key-id does not match the public key"}};
    char path[1024];
    const char *src = getenv("TRACE_SRCDIR");
    trace_diag_list *dl;
    trace_key *k;
    size_t i;
    (void)state;
    snprintf(path, sizeof(path), "%s/testvectors/hash/keys/test1.key", src ? src : ".");
    assert_int_equal(trace_key_load(&k, ctx, path, NULL), TRACE_OK);
    assert_string_equal(trace_key_id(k), "ed25519:6973efdf913ea2ab");
    trace_key_free(k);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    for (i = 0; i < TRACE__CASES(bad); i++) {
        trace_diag_list_clear(dl);
        assert_int_equal(trace_key_parse(&k, ctx, bad[i][0], strlen(bad[i][0]), dl), TRACE_EDATA);
        assert_int_equal(trace_diag_list_count(dl), 1);
        assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0008");
        assert_string_equal(trace_diag_arg_get(trace_diag_list_at(dl, 0), "reason"), bad[i][1]);
    }
    assert_int_equal(trace_key_load(&k, ctx, "/nonexistent/key", dl), TRACE_EIO);
    trace_diag_list_free(dl);
}

/* ------------------------------------------------------------ document */

typedef struct doc {
    trace_header hdr;
    trace_sbdh_party parties[2];
    hb_event ev[3];
    char buf[16][64]; /* mutable copies of field values */
} doc;

static void build_doc(doc *d)
{
    static const char *const e0[] = {"urn:epc:id:sgtin:4012345.011111.987",
                                     "urn:epc:id:sscc:4012345.0000000333"};
    const char *ns = "https://ns.example.com/epcis/";
    hb_event *b;
    memset(d, 0, sizeof(*d));
    trace_header_init(&d->hdr);
    d->hdr.doc_type = S("EPCISDocument");
    d->hdr.schema_version = S("2.0");
    trace_time_parse(S("2026-11-25T08:00:00.125+08:00"), &d->hdr.creation_date);
    d->hdr.sender = S("urn:epc:id:pgln:6901234.00000");
    d->hdr.receiver = S("urn:epc:id:pgln:6909876.00000");
    d->hdr.instance_id = S("MSG-2026-0001");
    /* an SBDH, as XML carries it (JSON-LD keeps it as utds:sbdh) */
    d->hdr.has_sbdh = 1;
    d->hdr.sbdh_version = S("1.0");
    d->parties[0].identifier = d->hdr.sender;
    d->parties[1].identifier = d->hdr.receiver;
    d->hdr.senders = &d->parties[0], d->hdr.nsenders = 1;
    d->hdr.receivers = &d->parties[1], d->hdr.nreceivers = 1;
    d->hdr.standard = S("EPCglobal");
    d->hdr.type_version = S("2.0");
    d->hdr.message_type = S("Events");
    trace_time_parse(S("2026-11-25T08:00:00.125+08:00"), &d->hdr.created);
    b = &d->ev[0];
    hb_init(b, TRACE_EVENT_OBJECT, "2026-11-24T10:15:30.250+08:00", "+08:00");
    hb_epcs(b, e0, 2);
    hb_action(b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b->ev.biz_step, TRACE_CBV_BIZSTEP, "shipping");
    hb_vocab(&b->ev.disposition, TRACE_CBV_DISP, "in_transit");
    b->ev.read_point.present = 1;
    b->ev.read_point.id.raw = S("urn:epc:id:sgln:6901234.00011.0");
    hb_vocab(&b->btx[0].type, TRACE_CBV_BTT, "po");
    b->btx[0].id.raw = S("urn:epc:id:gdti:6901234.00001.PO17");
    b->ev.biz_transactions = b->btx, b->ev.nbiz_transactions = 1;
    b->ev.biz_transactions_present = 1;
    hb_vocab(&b->src[0].type, TRACE_CBV_SDT, "owning_party");
    b->src[0].id.raw = S("urn:epc:id:pgln:6901234.00000");
    b->ev.sources = b->src, b->ev.nsources = 1;
    b->ext[0] = hb_leaf(ns, "batchNote", "AB-12");
    b->ev.ext = b->ext, b->ev.next = 1;
    b->ev.event_id.raw = S("urn:uuid:5a2c0e3e-7d7e-4d8b-9f5a-1c2d3e4f5a6b");
    b = &d->ev[1];
    hb_init(b, TRACE_EVENT_OBJECT, "2026-11-24T11:00:00.000+08:00", "+08:00");
    hb_action(b, TRACE_ACTION_ADD);
    hb_vocab(&b->ev.biz_step, TRACE_CBV_BIZSTEP, "commissioning");
    b->qty[0].epc_class.raw = S("urn:epc:class:lgtin:6901234.012345.L20261124");
    b->qty[0].quantity.lexeme = S("12.5");
    b->qty[0].uom = S("KGM");
    b->ev.quantity_list.items = b->qty, b->ev.quantity_list.n = 1;
    b->ev.quantity_list.present = 1;
    b->sub[0] = hb_leaf("urn:epcglobal:cbv:mda:", "lotNumber", "L20261124");
    b->ev.ilmd = b->sub, b->ev.nilmd = 1, b->ev.has_ilmd = 1;
    b = &d->ev[2];
    hb_init(b, TRACE_EVENT_OBJECT, "2026-11-24T12:00:00+08:00", "+08:00");
    hb_action(b, TRACE_ACTION_OBSERVE);
    hb_vocab(&b->ev.biz_step, TRACE_CBV_BIZSTEP, "sensor_reporting");
    b->ev.read_point.present = 1;
    b->ev.read_point.id.raw = S("urn:epc:id:sgln:6901234.00012.0");
    b->attrs[0] = hb_attr("", "type", "Temperature");
    b->attrs[1] = hb_attr("", "value", "4.5");
    b->attrs[2] = hb_attr("", "uom", "CEL");
    b->rep[0].attrs = b->attrs, b->rep[0].nattrs = 3;
    b->se[0].reports = b->rep, b->se[0].nreports = 1;
    b->ev.sensors = b->se, b->ev.nsensors = 1;
}

/* Every value the tamper test changes: pointers into the document. */
typedef struct field_ref {
    trace_str *s;
    trace_time *t; /* re-parse after a change */
} field_ref;

static size_t doc_fields(doc *d, field_ref *f)
{
    size_t n = 0, i;
#define F(x) (f[n].s = &(x), f[n].t = NULL, n++)
#define FT(x) (f[n].s = &(x).lexeme, f[n].t = &(x), n++)
    F(d->hdr.sender), F(d->hdr.receiver), F(d->hdr.instance_id), FT(d->hdr.creation_date);
    for (i = 0; i < 3; i++) {
        trace_event *e = &d->ev[i].ev;
        FT(e->event_time), F(e->tz_offset), F(e->biz_step.raw);
    }
    F(d->ev[0].epcs[0].raw), F(d->ev[0].epcs[1].raw), F(d->ev[0].ev.disposition.raw);
    F(d->ev[0].ev.read_point.id.raw), F(d->ev[0].btx[0].id.raw), F(d->ev[0].btx[0].type.raw);
    F(d->ev[0].src[0].id.raw), F(d->ev[0].src[0].type.raw), F(d->ev[0].ext[0].text);
    F(d->ev[0].ev.event_id.raw), F(d->ev[0].ev.action_raw);
    F(d->ev[1].qty[0].epc_class.raw), F(d->ev[1].qty[0].quantity.lexeme), F(d->ev[1].qty[0].uom);
    F(d->ev[1].sub[0].text);
    F(d->ev[2].attrs[0].value), F(d->ev[2].attrs[1].value), F(d->ev[2].attrs[2].value);
    F(d->ev[2].ev.read_point.id.raw);
#undef F
#undef FT
    return n;
}

/* Keep CBV spellings and actions classified after a change, as a reader would. */
static void reclassify(doc *d)
{
    size_t i;
    for (i = 0; i < 3; i++) {
        trace_event *e = &d->ev[i].ev;
        int a;
        e->action = e->action_raw.len ? TRACE_ACTION_INVALID : TRACE_ACTION_NONE;
        for (a = TRACE_ACTION_ADD; a <= TRACE_ACTION_DELETE; a++)
            if (trace_str_eq(e->action_raw, trace_action_name((trace_action)a)))
                e->action = (trace_action)a;
        trace_vocab_set(&e->biz_step, TRACE_CBV_BIZSTEP, e->biz_step.raw);
        trace_vocab_set(&e->disposition, TRACE_CBV_DISP, e->disposition.raw);
    }
    trace_vocab_set(&d->ev[0].btx[0].type, TRACE_CBV_BTT, d->ev[0].btx[0].type.raw);
    /* the SBDH names the same parties as the root fields */
    d->parties[0].identifier = d->hdr.sender;
    d->parties[1].identifier = d->hdr.receiver;
    trace_vocab_set(&d->ev[0].src[0].type, TRACE_CBV_SDT, d->ev[0].src[0].type.raw);
}

typedef struct membuf {
    char *p;
    size_t n, cap;
} membuf;

static int mem_write(const void *buf, size_t size, void *payload)
{
    membuf *m = payload;
    if (m->n + size > m->cap) {
        m->cap = (m->n + size) * 2;
        m->p = realloc(m->p, m->cap);
    }
    memcpy(m->p + m->n, buf, size);
    m->n += size;
    return 0;
}

static void sign_doc(doc *d, const trace_key *k, trace_signer **s, trace_trailer *t)
{
    size_t i;
    assert_int_equal(trace_signer_new(s, ctx, k), TRACE_OK);
    assert_int_equal(trace_signer_header(*s, &d->hdr, NULL), TRACE_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(trace_signer_event(*s, &d->ev[i].ev), TRACE_OK);
    assert_int_equal(trace_signer_finish(*s, t), TRACE_OK);
}

static void write_doc(const doc *d, const trace_trailer *t, trace_format f, membuf *m)
{
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_writer *w;
    size_t i;
    m->n = 0;
    wo.format = f;
    assert_int_equal(trace_writer_open_cb(&w, ctx, mem_write, m, &wo), TRACE_OK);
    assert_int_equal(trace_writer_header(w, &d->hdr, NULL), TRACE_OK);
    for (i = 0; i < 3; i++)
        assert_int_equal(trace_writer_event(w, &d->ev[i].ev), TRACE_OK);
    assert_int_equal(trace_writer_close(w, t), TRACE_OK);
    trace_writer_free(w);
}

/* Read a document back and verify it; returns the verdict. */
static trace_verdict verify_mem(const membuf *m, trace_format f, const trace_key *k,
                                trace_diag_list *findings, membuf *convert_to,
                                trace_format to)
{
    trace_reader_options ro = TRACE_READER_OPTIONS_INIT;
    trace_writer_options wo = TRACE_WRITER_OPTIONS_INIT;
    trace_verifier *v;
    trace_reader *r;
    trace_writer *w = NULL;
    const trace_header *h;
    const trace_masterdata *md;
    const trace_event *ev;
    trace_verdict verdict = TRACE_VERDICT_INVALID;
    int rc;
    ro.format = f;
    assert_int_equal(trace_reader_open_mem(&r, ctx, m->p, m->n, &ro), TRACE_OK);
    assert_int_equal(trace_verifier_new(&v, ctx, &k, 1, findings), TRACE_OK);
    if (trace_reader_header(r, &h, &md) != TRACE_OK)
        goto done;
    if (convert_to) {
        convert_to->n = 0;
        wo.format = to;
        assert_int_equal(trace_writer_open_cb(&w, ctx, mem_write, convert_to, &wo), TRACE_OK);
        trace_writer_header(w, h, md);
    }
    trace_verifier_header(v, h, md);
    while ((rc = trace_reader_next(r, &ev)) == TRACE_OK || rc == TRACE_EDATA)
        if (rc == TRACE_OK) {
            trace_verifier_event(v, ev);
            if (w)
                trace_writer_event(w, ev);
        }
    if (w) {
        const trace_trailer *t = trace_reader_trailer(r);
        assert_int_equal(trace_writer_close(w, t->present ? t : NULL), TRACE_OK);
    }
    assert_int_equal(trace_verifier_finish(v, trace_reader_trailer(r), &verdict), TRACE_OK);
done:
    trace_writer_free(w);
    trace_verifier_free(v);
    trace_reader_free(r);
    return verdict;
}

static const trace_format formats[] = {TRACE_FMT_XML, TRACE_FMT_JSONLD, TRACE_FMT_JSONL,
                                       TRACE_FMT_CSV};

static int usable(trace_format f)
{
    return trace_format_supported(f, 0) && trace_format_supported(f, 1);
}



static void test_sign_verify_memory(void **state)
{
    trace_key *k, *other;
    trace_signer *s, *s2;
    trace_verifier *v;
    trace_trailer t, t2;
    trace_verdict verdict;
    trace_diag_list *dl;
    doc d;
    size_t i;
    (void)state;
    build_doc(&d);
    assert_int_equal(trace_key_generate(&k, ctx), TRACE_OK);
    assert_int_equal(trace_key_generate(&other, ctx), TRACE_OK);
    sign_doc(&d, k, &s, &t);
    assert_int_equal(t.event_count, 3);
    assert_int_equal(trace_digest_parse(t.digest.s, t.digest.len, NULL), TRACE_OK);
    assert_string_equal(t.key_id.s, trace_key_id(k));
    assert_string_equal(t.sig_alg.s, "ed25519");
    /* the same document digests the same: deterministic */
    sign_doc(&d, NULL, &s2, &t2);
    assert_true(trace_str_eq(t.digest, t2.digest.s));
    assert_null(t2.signature.s);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    {
        const trace_key *const keys[] = {other, k};
        trace_verdict want[] = {TRACE_VERDICT_VALID, TRACE_VERDICT_UNKNOWN_KEY,
                                TRACE_VERDICT_UNSIGNED};
        int round;
        for (round = 0; round < 3; round++) {
            assert_int_equal(trace_verifier_new(&v, ctx, round == 1 ? keys : keys, round == 1 ? 1 : 2,
                                                dl),
                             TRACE_OK);
            trace_verifier_header(v, &d.hdr, NULL);
            for (i = 0; i < 3; i++)
                trace_verifier_event(v, &d.ev[i].ev);
            assert_int_equal(trace_verifier_finish(v, round == 2 ? &t2 : &t, &verdict), TRACE_OK);
            assert_int_equal(verdict, want[round]);
            trace_verifier_free(v);
        }
    }
    /* a tampered event is named through the trailer hints */
    trace_diag_list_clear(dl);
    d.ev[1].qty[0].quantity.lexeme = S("12.6");
    assert_int_equal(trace_verifier_new(&v, ctx, (const trace_key *const *)&k, 1, dl), TRACE_OK);
    trace_verifier_header(v, &d.hdr, NULL);
    for (i = 0; i < 3; i++)
        trace_verifier_event(v, &d.ev[i].ev);
    assert_int_equal(trace_verifier_finish(v, &t, &verdict), TRACE_OK);
    assert_int_equal(verdict, TRACE_VERDICT_INVALID);
    assert_int_equal(trace_diag_list_count(dl), 2);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0004");
    assert_string_equal(trace_diag_list_at(dl, 1)->id, "TR-SIGN-0006");
    assert_int_equal(trace_diag_list_at(dl, 1)->loc.record, 1);
    trace_verifier_free(v);
    trace_diag_list_free(dl);
    trace_signer_free(s);
    trace_signer_free(s2);
    trace_key_free(k);
    trace_key_free(other);
}

/* The signature survives every encoding and every conversion between them. */
static void test_survives_conversion(void **state)
{
    trace_key *k;
    trace_signer *s;
    trace_trailer t;
    membuf a = {NULL, 0, 0}, b = {NULL, 0, 0};
    doc d;
    size_t i, j;
    int tested = 0;
    (void)state;
    build_doc(&d);
    assert_int_equal(trace_key_generate(&k, ctx), TRACE_OK);
    sign_doc(&d, k, &s, &t);
    for (i = 0; i < TRACE__CASES(formats); i++) {
        if (!usable(formats[i]))
            continue;
        write_doc(&d, &t, formats[i], &a);
        for (j = 0; j < TRACE__CASES(formats); j++) {
            if (!usable(formats[j]))
                continue;
            if (verify_mem(&a, formats[i], k, NULL, &b, formats[j]) != TRACE_VERDICT_VALID)
                fail_msg("not valid as %s", trace_format_name(formats[i]));
            if (verify_mem(&b, formats[j], k, NULL, NULL, formats[j]) != TRACE_VERDICT_VALID)
                fail_msg("not valid after %s -> %s", trace_format_name(formats[i]),
                         trace_format_name(formats[j]));
            tested++;
        }
    }
    print_message("signature survived %d encoding pairs\n", tested);
    free(a.p);
    free(b.p);
    trace_signer_free(s);
    trace_key_free(k);
}

static char bump(char c)
{
    if (c >= '0' && c <= '8')
        return (char)(c + 1);
    if (c == '9')
        return '0';
    if ((c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z'))
        return (char)(c + 1);
    if (c == 'z' || c == 'Z')
        return (char)(c - 25);
    return c == 'x' ? 'y' : 'x';
}

/* Every single-byte change and every removal of a field value is detected in every encoding. */
static void test_tamper(void **state)
{
    trace_key *k;
    trace_signer *s;
    trace_trailer t;
    membuf a = {NULL, 0, 0}, b = {NULL, 0, 0};
    field_ref f[64];
    doc d;
    size_t nf, i, fi, p;
    long changes = 0;
    (void)state;
    build_doc(&d);
    assert_int_equal(trace_key_generate(&k, ctx), TRACE_OK);
    sign_doc(&d, k, &s, &t);
    nf = doc_fields(&d, f);
    for (i = 0; i < TRACE__CASES(formats); i++) {
        if (!usable(formats[i]))
            continue;
        /* the unchanged document verifies: the changes below are what is detected */
        write_doc(&d, &t, formats[i], &a);
        if (verify_mem(&a, formats[i], k, NULL, NULL, formats[i]) != TRACE_VERDICT_VALID)
            fail_msg("unchanged document not valid as %s", trace_format_name(formats[i]));
        for (fi = 0; fi < nf; fi++) {
            trace_str orig = *f[fi].s;
            char buf[128];
            assert_true(orig.len < sizeof(buf));
            for (p = 0; p <= orig.len; p++) {
                /* p == len: the field removed (empty) */
                memcpy(buf, orig.s, orig.len);
                buf[orig.len] = '\0';
                f[fi].s->s = buf;
                f[fi].s->len = p < orig.len ? orig.len : 0;
                if (p < orig.len)
                    buf[p] = bump(buf[p]);
                if (f[fi].t)
                    trace_time_parse(*f[fi].s, f[fi].t);
                reclassify(&d);
                write_doc(&d, &t, formats[i], &a);
                if (verify_mem(&a, formats[i], k, NULL, NULL, formats[i]) == TRACE_VERDICT_VALID)
                    fail_msg("%s: change of field %zu at %zu ('%s') not detected",
                             trace_format_name(formats[i]), fi, p, buf);
                changes++;
                *f[fi].s = orig;
                if (f[fi].t)
                    trace_time_parse(orig, f[fi].t);
                reclassify(&d);
            }
        }
    }
    print_message("tamper: %ld changes detected\n", changes);
    assert_true(changes > 0);
    free(a.p);
    free(b.p);
    trace_signer_free(s);
    trace_key_free(k);
}

/* Verify d's events [0, n) against trailer t; the verdict and the first finding's id. */
static trace_verdict verify_model(doc *d, size_t n, const trace_key *k, const trace_trailer *t,
                                  trace_diag_list *dl)
{
    trace_verifier *v;
    trace_verdict verdict;
    size_t i;
    trace_diag_list_clear(dl);
    assert_int_equal(trace_verifier_new(&v, ctx, &k, 1, dl), TRACE_OK);
    assert_int_equal(trace_verifier_header(v, &d->hdr, NULL), TRACE_OK);
    for (i = 0; i < n; i++)
        assert_int_equal(trace_verifier_event(v, &d->ev[i].ev), TRACE_OK);
    assert_int_equal(trace_verifier_finish(v, t, &verdict), TRACE_OK);
    trace_verifier_free(v);
    return verdict;
}

static void test_findings(void **state)
{
    trace_key *k;
    trace_signer *s;
    trace_trailer t, bad;
    trace_diag_list *dl;
    char sig[TRACE_SIGNATURE_SIZE];
    doc d;
    (void)state;
    build_doc(&d);
    assert_int_equal(trace_key_generate(&k, ctx), TRACE_OK);
    assert_int_equal(trace_diag_list_new(&dl, 0, NULL), TRACE_OK);
    sign_doc(&d, k, &s, &t);
    assert_int_equal(verify_model(&d, 3, k, &t, dl), TRACE_VERDICT_VALID);
    assert_int_equal(trace_diag_list_count(dl), 0);
    /* an event removed: digest mismatch and the count named */
    assert_int_equal(verify_model(&d, 2, k, &t, dl), TRACE_VERDICT_INVALID);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0004");
    assert_string_equal(trace_diag_list_at(dl, 1)->id, "TR-SIGN-0007");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(dl, 1), "count"), "2");
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(dl, 1), "signed"), "3");
    /* the signature changed, the digest intact */
    bad = t;
    memcpy(sig, t.signature.s, t.signature.len + 1);
    sig[0] = sig[0] == 'A' ? 'B' : 'A';
    bad.signature = trace_str_c(sig);
    assert_int_equal(verify_model(&d, 3, k, &bad, dl), TRACE_VERDICT_INVALID);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0003");
    /* not base64 / wrong algorithm */
    bad.signature = trace_str_c("not-base64!");
    assert_int_equal(verify_model(&d, 3, k, &bad, dl), TRACE_VERDICT_INVALID);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0009");
    bad = t;
    bad.sig_alg = trace_str_c("rsa");
    assert_int_equal(verify_model(&d, 3, k, &bad, dl), TRACE_VERDICT_INVALID);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0009");
    /* the digest string swapped for another document's: the signature no longer holds */
    bad = t;
    bad.digest = trace_str_c("utds-digest-1:0000000000000000000000000000000000000000000000000000000000000000");
    assert_int_equal(verify_model(&d, 3, k, &bad, dl), TRACE_VERDICT_INVALID);
    assert_string_equal(trace_diag_list_at(dl, 0)->id, "TR-SIGN-0004");
    /* a header field changed is named */
    d.hdr.instance_id = S("MSG-2026-0002");
    assert_int_equal(verify_model(&d, 3, k, &t, dl), TRACE_VERDICT_INVALID);
    assert_int_equal(trace_diag_list_count(dl), 2);
    assert_string_equal(trace_diag_arg_get(trace_diag_list_at(dl, 1), "field"), "messageId");
    trace_signer_free(s);
    /* a public key cannot sign; no key only digests */
    {
        char pub[512];
        trace_key *pk;
        trace_key_format(k, 0, pub, sizeof(pub));
        assert_int_equal(trace_key_parse(&pk, ctx, pub, strlen(pub), NULL), TRACE_OK);
        assert_int_equal(trace_signer_new(&s, ctx, pk), TRACE_EINVAL);
        trace_key_free(pk);
    }
    assert_int_equal(trace_signer_new(&s, ctx, NULL), TRACE_OK);
    trace_signer_free(s);
    assert_int_equal(trace_digest_parse("utds-digest-1:zz", 16, NULL), TRACE_EDATA);
    trace_diag_list_free(dl);
    trace_key_free(k);
}

TRACE_UNIT_MAIN(cmocka_unit_test_setup_teardown(test_findings, setup, teardown),
                cmocka_unit_test_setup_teardown(test_key_roundtrip, setup, teardown),
                cmocka_unit_test_setup_teardown(test_key_files, setup, teardown),
                cmocka_unit_test_setup_teardown(test_sign_verify_memory, setup, teardown),
                cmocka_unit_test_setup_teardown(test_survives_conversion, setup, teardown),
                cmocka_unit_test_setup_teardown(test_tamper, setup, teardown))
