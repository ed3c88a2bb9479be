/*
 * hash.c - the public event-hash API (UTDS Part 3b, libtrace-hash(3)):
 * profiles, the hasher, Event Hash IDs with libsodium's SHA-256.
 */
#include <sodium.h>
#include <string.h>

#include "hash_int.h"

/* Every pinned choice per profile; spec/utds-3-integrity.md section 2 has the table. */
static const trace__hash_prof profiles[TRACE_HASH_PROFILE_COUNT] = {
    {"cbv20-ref", "CBV2.0", "https://gs1.org/voc/", HASH_TS_ROUND_EVEN, 1, 1, 1},
    {"cbv20-text", "CBV2.0", "https://gs1.org/voc/", HASH_TS_TRUNC, 0, 0, 1},
    {"cbv21", "CBV2.1", "https://gs1.org/voc/", HASH_TS_ROUND_UP, 1, 1, 1},
    {"cbv20-mdaf", "CBV2.0", "https://ref.gs1.org/voc/", HASH_TS_MICRO, 1, 1, 1}};

static const trace__hash_prof digest_prof = {
    "utds-digest-1", "", "https://gs1.org/voc/", HASH_TS_EXACT, 0, 0, 0};

const trace__hash_prof *trace__hash_prof_digest(void)
{
    return &digest_prof;
}

const trace__hash_prof *trace__hash_prof_get(trace_hash_profile p)
{
    return (unsigned)p < TRACE_HASH_PROFILE_COUNT ? &profiles[p] : NULL;
}

const char *trace_hash_profile_name(trace_hash_profile p)
{
    const trace__hash_prof *pf = trace__hash_prof_get(p);
    return pf ? pf->name : NULL;
}

int trace_hash_profile_from_name(const char *name, trace_hash_profile *out)
{
    unsigned i;
    for (i = 0; name && i < TRACE_HASH_PROFILE_COUNT; i++)
        if (!strcmp(name, profiles[i].name)) {
            if (out)
                *out = (trace_hash_profile)i;
            return TRACE_OK;
        }
    return TRACE_ENOTFOUND;
}

void trace__hex(const unsigned char *in, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = hex[in[i] >> 4];
        out[2 * i + 1] = hex[in[i] & 15];
    }
    out[2 * n] = '\0';
}

struct trace_hasher {
    const trace_allocator *alloc;
    trace_hash_profile profile;
    trace__hash_walk walk;
};

int trace_hasher_new(trace_hasher **out, const trace_ctx *ctx,
                     const trace_hash_options *opts)
{
    static const trace_hash_options defaults = TRACE_HASH_OPTIONS_INIT;
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_hasher *h;
    size_t i;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (!opts)
        opts = &defaults;
    if (opts->version != TRACE_HASH_OPTIONS_VERSION ||
        !trace__hash_prof_get(opts->profile) || (opts->nexclude && !opts->exclude))
        return TRACE_EINVAL;
    if (sodium_init() < 0)
        return TRACE_EUNSUPPORTED;
    h = trace__calloc(a, 1, sizeof(*h));
    if (!h)
        return TRACE_ENOMEM;
    h->alloc = a;
    h->profile = opts->profile;
    trace__hash_walk_init(&h->walk, a, trace__hash_prof_get(opts->profile));
    if (opts->nexclude) {
        h->walk.exclude = trace__calloc(a, opts->nexclude, sizeof(char *));
        if (!h->walk.exclude) {
            trace_hasher_free(h);
            return TRACE_ENOMEM;
        }
        for (i = 0; i < opts->nexclude; i++) {
            const char *e = opts->exclude[i] ? opts->exclude[i] : "";
            h->walk.exclude[i] = trace__strndup(a, e, strlen(e));
            if (!h->walk.exclude[i]) {
                trace_hasher_free(h);
                return TRACE_ENOMEM;
            }
            h->walk.nexclude++;
        }
    }
    *out = h;
    return TRACE_OK;
}

void trace_hasher_free(trace_hasher *h)
{
    if (!h)
        return;
    trace__hash_walk_free(&h->walk);
    trace__free(h->alloc, h);
}

trace_hash_profile trace_hasher_profile(const trace_hasher *h)
{
    return h ? h->profile : TRACE_HASH_CBV20_REF;
}

int trace_hasher_prehash(trace_hasher *h, const trace_event *ev, const char **s,
                         size_t *len)
{
    int rc;
    if (!h || !ev)
        return TRACE_EINVAL;
    rc = trace__hash_walk_event(&h->walk, ev);
    if (rc != TRACE_OK)
        return rc;
    if (s)
        *s = h->walk.out.data;
    if (len)
        *len = h->walk.out.len;
    return TRACE_OK;
}

int trace_hasher_event_id(trace_hasher *h, const trace_event *ev, char *id, size_t size,
                          unsigned char raw[32])
{
    unsigned char md[crypto_hash_sha256_BYTES];
    char hex[65];
    const trace__hash_prof *pf;
    int rc, n;
    if (!h || !ev)
        return TRACE_EINVAL;
    rc = trace__hash_walk_event(&h->walk, ev);
    if (rc != TRACE_OK)
        return rc;
    crypto_hash_sha256(md, (const unsigned char *)h->walk.out.data, h->walk.out.len);
    if (raw)
        memcpy(raw, md, sizeof(md));
    if (!id)
        return TRACE_OK;
    pf = trace__hash_prof_get(h->profile);
    trace__hex(md, sizeof(md), hex);
    n = snprintf(id, size, "ni:///sha-256;%s?ver=%s", hex, pf->ver);
    return n < 0 || (size_t)n >= size ? TRACE_EBUFS : TRACE_OK;
}
