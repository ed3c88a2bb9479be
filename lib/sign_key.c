/*
 * sign_key.c - Ed25519 keys and key files (UTDS Part 3b,
 * spec/utds-3-integrity.md section 5), on libsodium. Secret material is
 * wiped with sodium_memzero when a key is freed.
 */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash_int.h"

#define SECRET_HEAD  "UTDS-ED25519-SECRET-KEY 1"
#define PUBLIC_HEAD  "UTDS-ED25519-PUBLIC-KEY 1"
#define KEY_FILE_MAX 4096

struct trace_key {
    const trace_allocator *alloc;
    unsigned char pk[crypto_sign_PUBLICKEYBYTES];
    unsigned char sk[crypto_sign_SECRETKEYBYTES];
    int has_secret;
    char id[TRACE_KEY_ID_SIZE];
};

void trace_key_id_of(const unsigned char pk[32], char out[TRACE_KEY_ID_SIZE])
{
    static const char tag[] = "utds-key-id-1";
    unsigned char md[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_state st;
    char hex[17];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)tag, sizeof(tag) - 1);
    crypto_hash_sha256_update(&st, pk, 32);
    crypto_hash_sha256_final(&st, md);
    trace__hex(md, 8, hex);
    snprintf(out, TRACE_KEY_ID_SIZE, "ed25519:%s", hex);
}

static trace_key *key_new(const trace_ctx *ctx)
{
    const trace_allocator *a = trace__ctx_alloc(ctx);
    trace_key *k;
    if (sodium_init() < 0)
        return NULL;
    k = trace__calloc(a, 1, sizeof(*k));
    if (k)
        k->alloc = a;
    return k;
}

int trace_key_generate(trace_key **out, const trace_ctx *ctx)
{
    trace_key *k;
    if (!out)
        return TRACE_EINVAL;
    *out = NULL;
    if (sodium_init() < 0)
        return TRACE_EUNSUPPORTED;
    if (!(k = key_new(ctx)))
        return TRACE_ENOMEM;
    crypto_sign_keypair(k->pk, k->sk);
    k->has_secret = 1;
    trace_key_id_of(k->pk, k->id);
    *out = k;
    return TRACE_OK;
}

void trace_key_free(trace_key *k)
{
    if (!k)
        return;
    sodium_memzero(k->sk, sizeof(k->sk));
    trace__free(k->alloc, k);
}

const char *trace_key_id(const trace_key *k)
{
    return k ? k->id : "";
}

int trace_key_has_secret(const trace_key *k)
{
    return k && k->has_secret;
}

size_t trace_key_format(const trace_key *k, int secret, char *buf, size_t size)
{
    char pk64[64], seed64[64];
    int n;
    if (!k || (secret && !k->has_secret))
        return 0;
    sodium_bin2base64(pk64, sizeof(pk64), k->pk, sizeof(k->pk),
                      sodium_base64_VARIANT_ORIGINAL);
    if (secret) {
        /* the seed is the first half of libsodium's secret key */
        sodium_bin2base64(seed64, sizeof(seed64), k->sk, crypto_sign_SEEDBYTES,
                          sodium_base64_VARIANT_ORIGINAL);
        n = snprintf(buf, size,
                     SECRET_HEAD "\nkey-id: %s\npublic-key: %s\nsecret-seed: %s\n", k->id,
                     pk64, seed64);
        sodium_memzero(seed64, sizeof(seed64));
    } else {
        n = snprintf(buf, size, PUBLIC_HEAD "\nkey-id: %s\npublic-key: %s\n", k->id,
                     pk64);
    }
    return n < 0 ? 0 : (size_t)n;
}

int trace_key_save(const trace_key *k, int secret, const char *path)
{
    char buf[512];
    size_t n = trace_key_format(k, secret, buf, sizeof(buf));
    int fd, ok;
    if (!n || !path)
        return TRACE_EINVAL;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, secret ? 0600 : 0644);
    if (fd < 0) {
        sodium_memzero(buf, sizeof(buf));
        return TRACE_EIO;
    }
    ok = write(fd, buf, n) == (ssize_t)n;
    sodium_memzero(buf, sizeof(buf));
    if (close(fd) != 0)
        ok = 0;
    return ok ? TRACE_OK : TRACE_EIO;
}

static void key_diag(trace_diag_list *diags, const char *file, const char *reason)
{
    trace_diag d;
    if (!diags)
        return;
    trace__diag_init(&d, TRACE__D_SIG_BAD_KEY_FILE);
    trace__loc_set_source(&d.loc, file);
    trace__diag_arg(&d, "file", file);
    trace__diag_arg(&d, "reason", reason);
    trace_diag_list_add(diags, &d);
}

/* Value of "name: value" line in text, copied into out (NUL-terminated). */
static int line_value(const char *text, size_t len, const char *name, char *out,
                      size_t size)
{
    size_t nl = strlen(name), i = 0;
    while (i < len) {
        size_t e = i;
        while (e < len && text[e] != '\n')
            e++;
        if (e - i > nl + 1 && !memcmp(text + i, name, nl) && text[i + nl] == ':') {
            size_t s = i + nl + 1, k;
            while (s < e && text[s] == ' ')
                s++;
            k = e - s;
            while (k && (text[s + k - 1] == '\r' || text[s + k - 1] == ' '))
                k--;
            if (k >= size)
                return 0;
            memcpy(out, text + s, k);
            out[k] = '\0';
            return 1;
        }
        i = e + 1;
    }
    return 0;
}

static int b64_32(const char *s, unsigned char out[32])
{
    size_t got = 0;
    return sodium_base642bin(out, 32, s, strlen(s), NULL, &got, NULL,
                             sodium_base64_VARIANT_ORIGINAL) == 0 &&
           got == 32;
}

static int parse_key(trace_key *k, const char *text, size_t len, const char **why)
{
    char id[64], pk64[128], seed64[128];
    unsigned char seed[32], pk[32];
    int secret;
    size_t hl = strlen(SECRET_HEAD);
    if (len >= hl && !memcmp(text, SECRET_HEAD, hl))
        secret = 1;
    else if (len >= strlen(PUBLIC_HEAD) &&
             !memcmp(text, PUBLIC_HEAD, strlen(PUBLIC_HEAD)))
        secret = 0;
    else
        return *why = "no UTDS-ED25519 header line", 0;
    if (!line_value(text, len, "key-id", id, sizeof(id)) ||
        !line_value(text, len, "public-key", pk64, sizeof(pk64)))
        return *why = "key-id or public-key line missing", 0;
    if (!b64_32(pk64, pk))
        return *why = "public-key is not 32 bytes of base64", 0;
    if (secret) {
        int ok;
        if (!line_value(text, len, "secret-seed", seed64, sizeof(seed64)))
            return *why = "secret-seed line missing", 0;
        ok = b64_32(seed64, seed);
        sodium_memzero(seed64, sizeof(seed64));
        if (!ok)
            return *why = "secret-seed is not 32 bytes of base64", 0;
        crypto_sign_seed_keypair(k->pk, k->sk, seed);
        sodium_memzero(seed, sizeof(seed));
        if (memcmp(k->pk, pk, 32) != 0)
            return *why = "public-key does not belong to secret-seed", 0;
        k->has_secret = 1;
    } else {
        memcpy(k->pk, pk, 32);
    }
    trace_key_id_of(k->pk, k->id);
    if (strcmp(id, k->id) != 0)
        return *why = "key-id does not match the public key", 0;
    return 1;
}

static int parse_named(trace_key **out, const trace_ctx *ctx, const char *text,
                       size_t len, trace_diag_list *diags, const char *name)
{
    trace_key *k;
    const char *why = "";
    if (!out || (!text && len))
        return TRACE_EINVAL;
    *out = NULL;
    if (!(k = key_new(ctx)))
        return TRACE_ENOMEM;
    if (!parse_key(k, text ? text : "", len, &why)) {
        key_diag(diags, name, why);
        trace_key_free(k);
        return TRACE_EDATA;
    }
    *out = k;
    return TRACE_OK;
}

int trace_key_parse(trace_key **out, const trace_ctx *ctx, const char *text, size_t len,
                    trace_diag_list *diags)
{
    return parse_named(out, ctx, text, len, diags, "(memory)");
}

int trace_key_load(trace_key **out, const trace_ctx *ctx, const char *path,
                   trace_diag_list *diags)
{
    char buf[KEY_FILE_MAX];
    size_t n;
    int rc;
    FILE *f;
    if (!out || !path)
        return TRACE_EINVAL;
    *out = NULL;
    f = fopen(path, "rb");
    if (!f) {
        key_diag(diags, path, strerror(errno));
        return TRACE_EIO;
    }
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    if (n == sizeof(buf)) {
        key_diag(diags, path, "file too large");
        return TRACE_EDATA;
    }
    rc = parse_named(out, ctx, buf, n, diags, path);
    sodium_memzero(buf, sizeof(buf));
    return rc;
}

/* ---- internal: sign and verify a digest string (sign.c) ---- */
int trace__key_sign(const trace_key *k, const char *msg, size_t n, unsigned char sig[64])
{
    if (!k || !k->has_secret)
        return TRACE_EINVAL;
    crypto_sign_detached(sig, NULL, (const unsigned char *)msg, n, k->sk);
    return TRACE_OK;
}

int trace__key_verify(const trace_key *k, const char *msg, size_t n,
                      const unsigned char sig[64])
{
    return crypto_sign_verify_detached(sig, (const unsigned char *)msg, n, k->pk) == 0;
}
