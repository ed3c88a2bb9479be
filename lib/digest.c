/*
 * digest.c - the UTDS document digest (UTDS Part 3b, spec/utds-3-integrity.md
 * section 4): one SHA-256 stream over a version tag, the header fields that
 * matter, then per event in document order its strict event hash and the
 * hash of its supplement (the fields an event hash leaves out), and finally
 * the event count. Computed while streaming; nothing is buffered.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "hash_int.h"

#define DIGEST_TAG "utds-digest-1"

struct trace_digest {
    const trace_allocator *alloc;
    crypto_hash_sha256_state st;
    trace__hash_walk walk;
    unsigned char field_print[TRACE_DIGEST_F_COUNT][8];
    int header_done, finished;
    uint64_t nevents;
};

static const char *const field_names[TRACE_DIGEST_F_COUNT] = {
    "sender", "receiver", "messageId", "creationTime", "profile", "masterData"};

const char *trace_digest_field_name(trace_digest_field f)
{
    return (unsigned)f < TRACE_DIGEST_F_COUNT ? field_names[f] : NULL;
}

int trace_digest_new(trace_digest **out, const trace_ctx *ctx)
{
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_digest *d;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (sodium_init() < 0)
        return TRACE_EUNSUPPORTED;
    d = trace__calloc(a, 1, sizeof(*d));
    if (!d)
        return TRACE_ENOMEM;
    d->alloc = a;
    trace__hash_walk_init(&d->walk, a, trace__hash_prof_digest());
    crypto_hash_sha256_init(&d->st);
    crypto_hash_sha256_update(&d->st, (const unsigned char *)DIGEST_TAG "\n",
                              sizeof(DIGEST_TAG));
    *out = d;
    return TRACE_OK;
}

void trace_digest_free(trace_digest *d)
{
    if (!d)
        return;
    trace__hash_walk_free(&d->walk);
    trace__free(d->alloc, d);
}

/* The value a header field enters the digest with. */
static trace_str field_value(const trace_header *h, trace_digest_field f, char *tbuf,
                             size_t tsize)
{
    trace_str none = {NULL, 0};
    switch (f) {
    case TRACE_DIGEST_F_SENDER:
        return h->sender.len || !h->nsenders ? h->sender : h->senders[0].identifier;
    case TRACE_DIGEST_F_RECEIVER:
        return h->receiver.len || !h->nreceivers ? h->receiver
                                                 : h->receivers[0].identifier;
    case TRACE_DIGEST_F_MESSAGE_ID: return h->instance_id;
    case TRACE_DIGEST_F_CREATION_TIME:
        if (h->creation_date.valid) {
            /* the instant, so a conversion that re-spells the zone keeps it */
            trace__buf b;
            trace__buf_init(&b, NULL);
            trace__hash_civil(&b, h->creation_date.seconds);
            trace__buf_printf(&b, ".%09uZ", (unsigned)h->creation_date.nanos);
            snprintf(tbuf, tsize, "%s", b.failed ? "" : trace__buf_cstr(&b));
            trace__buf_free(&b);
            return trace_str_c(tbuf);
        }
        return h->creation_date.lexeme;
    case TRACE_DIGEST_F_PROFILE: return h->profile;
    case TRACE_DIGEST_F_MASTERDATA:
    case TRACE_DIGEST_F_COUNT: break;
    }
    return none;
}

/* name ":" length ":" value "\n" - unambiguous whatever the value holds. */
static void put_field(crypto_hash_sha256_state *st, const char *name, trace_str v,
                      unsigned char print[8])
{
    char head[64];
    int n = snprintf(head, sizeof(head), "%s:%zu:", name, v.len);
    unsigned char md[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state one;
    crypto_hash_sha256_update(st, (const unsigned char *)head, (size_t)n);
    crypto_hash_sha256_update(st, (const unsigned char *)(v.s ? v.s : ""), v.len);
    crypto_hash_sha256_update(st, (const unsigned char *)"\n", 1);
    crypto_hash_sha256_init(&one);
    crypto_hash_sha256_update(&one, (const unsigned char *)head, (size_t)n);
    crypto_hash_sha256_update(&one, (const unsigned char *)(v.s ? v.s : ""), v.len);
    crypto_hash_sha256_final(&one, md);
    memcpy(print, md, 8);
}

int trace_digest_header(trace_digest *d, const trace_header *hdr,
                        const trace_masterdata *md)
{
    trace_header empty;
    unsigned f;
    int rc;
    if (!d || d->header_done || d->nevents || d->finished)
        return TRACE_EINVAL;
    if (!hdr) {
        trace_header_init(&empty);
        hdr = &empty;
    }
    for (f = 0; f < TRACE_DIGEST_F_MASTERDATA; f++) {
        char tbuf[64];
        trace_str v = field_value(hdr, (trace_digest_field)f, tbuf, sizeof(tbuf));
        put_field(&d->st, field_names[f], v, d->field_print[f]);
    }
    /* master data enters as the hash of its canonical form */
    if ((rc = trace__hash_walk_masterdata(&d->walk, md)) != TRACE_OK)
        return rc;
    {
        unsigned char md_hash[crypto_hash_sha256_BYTES];
        char hex[65];
        trace_str v;
        crypto_hash_sha256(md_hash, (const unsigned char *)d->walk.out.data,
                           d->walk.out.len);
        trace__hex(md_hash, sizeof(md_hash), hex);
        v.s = hex;
        v.len = d->walk.out.len ? 64 : 0;
        put_field(&d->st, field_names[TRACE_DIGEST_F_MASTERDATA], v,
                  d->field_print[TRACE_DIGEST_F_MASTERDATA]);
    }
    d->header_done = 1;
    return TRACE_OK;
}

int trace_digest_event(trace_digest *d, const trace_event *ev, unsigned char print[4])
{
    unsigned char md[2][crypto_hash_sha256_BYTES], fp[crypto_hash_sha256_BYTES];
    int rc;
    if (!d || !ev || d->finished)
        return TRACE_EINVAL;
    if (!d->header_done && (rc = trace_digest_header(d, NULL, NULL)) != TRACE_OK)
        return rc;
    if ((rc = trace__hash_walk_event(&d->walk, ev)) != TRACE_OK)
        return rc;
    crypto_hash_sha256(md[0], (const unsigned char *)d->walk.out.data, d->walk.out.len);
    if ((rc = trace__hash_walk_supplement(&d->walk, ev)) != TRACE_OK)
        return rc;
    crypto_hash_sha256(md[1], (const unsigned char *)d->walk.out.data, d->walk.out.len);
    crypto_hash_sha256_update(&d->st, (const unsigned char *)"E", 1);
    crypto_hash_sha256_update(&d->st, md[0], sizeof(md));
    if (print) {
        crypto_hash_sha256(fp, md[0], sizeof(md));
        memcpy(print, fp, 4);
    }
    d->nevents++;
    return TRACE_OK;
}

int trace_digest_final(trace_digest *d, char *out, size_t size, unsigned char raw[32])
{
    unsigned char md[crypto_hash_sha256_BYTES];
    char tail[48], hex[65];
    int n;
    if (!d || d->finished)
        return TRACE_EINVAL;
    if (!d->header_done && trace_digest_header(d, NULL, NULL) != TRACE_OK)
        return TRACE_ENOMEM;
    n = snprintf(tail, sizeof(tail), "count:%llu\n", (unsigned long long)d->nevents);
    crypto_hash_sha256_update(&d->st, (const unsigned char *)tail, (size_t)n);
    crypto_hash_sha256_final(&d->st, md);
    d->finished = 1;
    if (raw)
        memcpy(raw, md, sizeof(md));
    if (!out)
        return TRACE_OK;
    trace__hex(md, sizeof(md), hex);
    n = snprintf(out, size, DIGEST_TAG ":%s", hex);
    return n < 0 || (size_t)n >= size ? TRACE_EBUFS : TRACE_OK;
}

uint64_t trace_digest_events(const trace_digest *d)
{
    return d ? d->nevents : 0;
}

int trace_digest_field_print(const trace_digest *d, trace_digest_field f, char *out,
                             size_t size)
{
    if (!d || !d->header_done || (unsigned)f >= TRACE_DIGEST_F_COUNT || size < 17)
        return TRACE_EINVAL;
    trace__hex(d->field_print[f], 8, out);
    return TRACE_OK;
}

static int hexnib(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

int trace_digest_parse(const char *s, size_t n, unsigned char raw[32])
{
    size_t tl = sizeof(DIGEST_TAG ":") - 1, i;
    if (!s || n != tl + 64 || memcmp(s, DIGEST_TAG ":", tl) != 0)
        return TRACE_EDATA;
    for (i = 0; i < 32; i++) {
        int hi = hexnib(s[tl + 2 * i]), lo = hexnib(s[tl + 2 * i + 1]);
        if (hi < 0 || lo < 0)
            return TRACE_EDATA;
        if (raw)
            raw[i] = (unsigned char)(hi << 4 | lo);
    }
    return TRACE_OK;
}
