/*
 * sign.c - streaming signer and verifier (UTDS Part 3b,
 * spec/utds-3-integrity.md sections 6-7). The signature is Ed25519 over
 * "utds-sig-1\n" <key id> "\n" <digest string>. The trailer also carries
 * unsigned localisation hints (fingerprints of the header fields and, for
 * documents up to TRACE__SIGN_MAX_PRINTS events, of each event), so that a
 * failed verification can name what changed.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "hash_int.h"

#define UTDS_NS TRACE_UTDS_NS /* one UTDS namespace (libtrace/dict.h) */
#define SIG_ALG                "ed25519"
#define TRACE__SIGN_MAX_PRINTS 10000u

/* "utds-sig-1\n" key-id "\n" digest */
static size_t sig_message(char *buf, size_t size, const char *key_id, size_t kl,
                          const char *digest, size_t dl)
{
    int n =
        snprintf(buf, size, "utds-sig-1\n%.*s\n%.*s", (int)kl, key_id, (int)dl, digest);
    return n < 0 ? 0 : (size_t)n;
}

/* Shared by signer and verifier: the digest plus the fingerprint list. */
typedef struct sig_core {
    const trace_allocator *alloc;
    trace_digest *d;
    trace__buf prints; /* 8 hex digits per event, comma separated */
    int too_many;
} sig_core;

static int core_init(sig_core *c, const trace_ctx *ctx)
{
    c->alloc = trace__ctx_alloc(ctx);
    trace__buf_init(&c->prints, c->alloc);
    c->too_many = 0;
    return trace_digest_new(&c->d, ctx);
}

static void core_free(sig_core *c)
{
    trace_digest_free(c->d);
    trace__buf_free(&c->prints);
}

static int core_event(sig_core *c, const trace_event *ev)
{
    unsigned char p[4];
    char hex[9];
    int rc = trace_digest_event(c->d, ev, p);
    if (rc != TRACE_OK)
        return rc;
    if (trace_digest_events(c->d) > TRACE__SIGN_MAX_PRINTS) {
        c->too_many = 1;
        return TRACE_OK;
    }
    trace__hex(p, 4, hex);
    if (c->prints.len)
        trace__buf_putc(&c->prints, ',');
    trace__buf_append(&c->prints, hex, 8);
    return c->prints.failed ? TRACE_ENOMEM : TRACE_OK;
}

/* "sender=<16 hex>,receiver=...,..." */
static void field_prints(const sig_core *c, char *out, size_t size)
{
    size_t n = 0;
    unsigned f;
    out[0] = '\0';
    for (f = 0; f < TRACE_DIGEST_F_COUNT; f++) {
        char hex[17];
        if (trace_digest_field_print(c->d, (trace_digest_field)f, hex, sizeof(hex)) !=
            TRACE_OK)
            continue;
        n += (size_t)snprintf(out + n, size - n, "%s%s=%s", f ? "," : "",
                              trace_digest_field_name((trace_digest_field)f), hex);
    }
}

/* ------------------------------------------------------------- signer */

struct trace_signer {
    sig_core core;
    const trace_key *key;
    char digest[TRACE_DIGEST_SIZE];
    char sig[TRACE_SIGNATURE_SIZE];
    char fields[320];
    trace_ext ext[2];
};

int trace_signer_new(trace_signer **out, const trace_ctx *ctx, const trace_key *key)
{
    trace_signer *s;
    int rc;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (key && !trace_key_has_secret(key))
        return TRACE_EINVAL;
    s = trace__calloc(trace__ctx_alloc(ctx), 1, sizeof(*s));
    if (!s)
        return TRACE_ENOMEM;
    rc = core_init(&s->core, ctx);
    if (rc != TRACE_OK) {
        trace__free(trace__ctx_alloc(ctx), s);
        return rc;
    }
    s->key = key;
    *out = s;
    return TRACE_OK;
}

void trace_signer_free(trace_signer *s)
{
    const trace_allocator *a;
    if (!s)
        return;
    a = s->core.alloc;
    core_free(&s->core);
    trace__free(a, s);
}

int trace_signer_header(trace_signer *s, const trace_header *hdr,
                        const trace_masterdata *md)
{
    return s ? trace_digest_header(s->core.d, hdr, md) : TRACE_EINVAL;
}

int trace_signer_event(trace_signer *s, const trace_event *ev)
{
    return s ? core_event(&s->core, ev) : TRACE_EINVAL;
}

static trace_ext hint(const char *name, const char *text, size_t len)
{
    trace_ext x;
    memset(&x, 0, sizeof(x));
    x.kind = TRACE_EXT_ELEMENT;
    x.ns = trace_str_c(UTDS_NS);
    x.prefix = trace_str_c("utds");
    x.name = trace_str_c(name);
    x.text.s = text;
    x.text.len = len;
    return x;
}

int trace_signer_finish(trace_signer *s, trace_trailer *t)
{
    unsigned char sig[crypto_sign_BYTES];
    char msg[256];
    size_t n;
    int rc;
    if (!s || !t)
        return TRACE_EINVAL;
    field_prints(&s->core, s->fields, sizeof(s->fields));
    rc = trace_digest_final(s->core.d, s->digest, sizeof(s->digest), NULL);
    if (rc != TRACE_OK)
        return rc;
    memset(t, 0, sizeof(*t));
    t->present = 1;
    t->event_count = trace_digest_events(s->core.d);
    t->digest = trace_str_c(s->digest);
    s->ext[0] = hint("signedFields", s->fields, strlen(s->fields));
    t->ext = s->ext;
    t->next = 1;
    if (!s->core.too_many) {
        s->ext[1] = hint("signedEvents", s->core.prints.data ? s->core.prints.data : "",
                         s->core.prints.len);
        t->next = 2;
    }
    if (!s->key)
        return TRACE_OK;
    n = sig_message(msg, sizeof(msg), trace_key_id(s->key), strlen(trace_key_id(s->key)),
                    s->digest, strlen(s->digest));
    if ((rc = trace__key_sign(s->key, msg, n, sig)) != TRACE_OK)
        return rc;
    sodium_bin2base64(s->sig, sizeof(s->sig), sig, sizeof(sig),
                      sodium_base64_VARIANT_ORIGINAL);
    t->signature = trace_str_c(s->sig);
    t->key_id = trace_str_c(trace_key_id(s->key));
    t->sig_alg = trace_str_c(SIG_ALG);
    return TRACE_OK;
}

/* ----------------------------------------------------------- verifier */

struct trace_verifier {
    sig_core core;
    const trace_key *const *keys;
    size_t nkeys;
    trace_diag_list *diags;
};

static const char *const verdict_names[] = {"valid", "invalid", "unsigned",
                                            "unknown-key"};

const char *trace_verdict_name(trace_verdict v)
{
    return (unsigned)v < TRACE__ARRAY_LEN(verdict_names) ? verdict_names[v] : NULL;
}

int trace_verifier_new(trace_verifier **out, const trace_ctx *ctx,
                       const trace_key *const *keys, size_t nkeys, trace_diag_list *diags)
{
    trace_verifier *v;
    int rc;
    if (!out || (nkeys && !keys))
        return TRACE_EINVAL;
    *out = NULL;
    v = trace__calloc(trace__ctx_alloc(ctx), 1, sizeof(*v));
    if (!v)
        return TRACE_ENOMEM;
    rc = core_init(&v->core, ctx);
    if (rc != TRACE_OK) {
        trace__free(trace__ctx_alloc(ctx), v);
        return rc;
    }
    v->keys = keys;
    v->nkeys = nkeys;
    v->diags = diags;
    *out = v;
    return TRACE_OK;
}

void trace_verifier_free(trace_verifier *v)
{
    const trace_allocator *a;
    if (!v)
        return;
    a = v->core.alloc;
    core_free(&v->core);
    trace__free(a, v);
}

int trace_verifier_header(trace_verifier *v, const trace_header *hdr,
                          const trace_masterdata *md)
{
    return v ? trace_digest_header(v->core.d, hdr, md) : TRACE_EINVAL;
}

int trace_verifier_event(trace_verifier *v, const trace_event *ev)
{
    return v ? core_event(&v->core, ev) : TRACE_EINVAL;
}

static void finding(trace_verifier *v, int code, int64_t record, const char *k1,
                    const char *v1, const char *k2, const char *v2)
{
    trace_diag d;
    if (!v->diags)
        return;
    trace__diag_init(&d, code);
    d.loc.record = record;
    if (k1)
        trace__diag_arg(&d, k1, v1);
    if (k2)
        trace__diag_arg(&d, k2, v2);
    trace_diag_list_add(v->diags, &d);
}

static const trace_ext *hint_of(const trace_trailer *t, const char *name)
{
    size_t i;
    for (i = 0; i < t->next; i++)
        if (trace_str_eq(t->ext[i].ns, UTDS_NS) && trace_str_eq(t->ext[i].name, name))
            return &t->ext[i];
    return NULL;
}

static int contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle), i;
    for (i = 0; hay && i + k <= n; i++)
        if (!memcmp(hay + i, needle, k))
            return 1;
    return 0;
}

/* Name what changed, from the hints the signer left in the trailer. */
static void localise(trace_verifier *v, const trace_trailer *t)
{
    const trace_ext *f = hint_of(t, "signedFields"), *e = hint_of(t, "signedEvents");
    char cnt[24], signed_cnt[24];
    uint64_t n = trace_digest_events(v->core.d);
    size_t i;
    if (f) {
        unsigned k;
        for (k = 0; k < TRACE_DIGEST_F_COUNT; k++) {
            char want[64], hex[17];
            const char *name = trace_digest_field_name((trace_digest_field)k);
            int m = snprintf(want, sizeof(want), "%s=", name);
            trace_digest_field_print(v->core.d, (trace_digest_field)k, hex, sizeof(hex));
            memcpy(want + m, hex, 17);
            if (!contains(f->text.s, f->text.len, want))
                finding(v, TRACE__D_SIG_FIELD_CHANGED, -1, "field", name, NULL, NULL);
        }
    }
    if (t->event_count != n) {
        snprintf(cnt, sizeof(cnt), "%llu", (unsigned long long)n);
        snprintf(signed_cnt, sizeof(signed_cnt), "%llu",
                 (unsigned long long)t->event_count);
        finding(v, TRACE__D_SIG_COUNT_CHANGED, -1, "count", cnt, "signed", signed_cnt);
    }
    if (e && !v->core.too_many) {
        const char *a = e->text.s, *b = v->core.prints.data ? v->core.prints.data : "";
        size_t la = e->text.len, lb = v->core.prints.len;
        for (i = 0; 9 * i < la && 9 * i < lb; i++)
            if (memcmp(a + 9 * i, b + 9 * i, 8) != 0) {
                char rec[24];
                snprintf(rec, sizeof(rec), "%zu", i);
                finding(v, TRACE__D_SIG_EVENT_CHANGED, (int64_t)i, "record", rec, NULL,
                        NULL);
                break;
            }
    }
}

static const trace_key *find_key(const trace_verifier *v, trace_str id)
{
    size_t i;
    for (i = 0; i < v->nkeys; i++)
        if (v->keys[i] && trace_str_eq(id, trace_key_id(v->keys[i])))
            return v->keys[i];
    return NULL;
}

int trace_verifier_finish(trace_verifier *v, const trace_trailer *t,
                          trace_verdict *verdict)
{
    char digest[TRACE_DIGEST_SIZE], msg[512], kid[TRACE_KEY_ID_SIZE * 2];
    unsigned char sig[crypto_sign_BYTES];
    const trace_key *key;
    size_t got = 0, n;
    int rc;
    if (!v || !verdict)
        return TRACE_EINVAL;
    rc = trace_digest_final(v->core.d, digest, sizeof(digest), NULL);
    if (rc != TRACE_OK)
        return rc;
    if (!t || !t->present || !t->signature.len) {
        finding(v, TRACE__D_SIG_UNSIGNED, -1, NULL, NULL, NULL, NULL);
        return *verdict = TRACE_VERDICT_UNSIGNED, TRACE_OK;
    }
    snprintf(kid, sizeof(kid), "%.*s", (int)(t->key_id.len < 60 ? t->key_id.len : 60),
             t->key_id.s ? t->key_id.s : "");
    if (!(key = find_key(v, t->key_id))) {
        finding(v, TRACE__D_SIG_UNKNOWN_KEY, -1, "key", kid, NULL, NULL);
        return *verdict = TRACE_VERDICT_UNKNOWN_KEY, TRACE_OK;
    }
    *verdict = TRACE_VERDICT_INVALID;
    if (t->sig_alg.len && !trace_str_eq(t->sig_alg, SIG_ALG)) {
        finding(v, TRACE__D_SIG_BAD_TRAILER, -1, "reason",
                "signature algorithm is not ed25519", NULL, NULL);
        return TRACE_OK;
    }
    if (sodium_base642bin(sig, sizeof(sig), t->signature.s, t->signature.len, NULL, &got,
                          NULL, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != sizeof(sig)) {
        finding(v, TRACE__D_SIG_BAD_TRAILER, -1, "reason",
                "signature is not 64 bytes of base64", NULL, NULL);
        return TRACE_OK;
    }
    if (!trace_str_eq(t->digest, digest)) {
        finding(v, TRACE__D_SIG_DIGEST_MISMATCH, -1, NULL, NULL, NULL, NULL);
        localise(v, t);
        return TRACE_OK;
    }
    n = sig_message(msg, sizeof(msg), t->key_id.s, t->key_id.len, digest, strlen(digest));
    if (!trace__key_verify(key, msg, n, sig)) {
        finding(v, TRACE__D_SIG_BAD_SIGNATURE, -1, NULL, NULL, NULL, NULL);
        return TRACE_OK;
    }
    *verdict = TRACE_VERDICT_VALID;
    return TRACE_OK;
}
