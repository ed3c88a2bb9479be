/*
 * libtrace/sign.h - Ed25519 keys, document signatures and verification
 * (UTDS Part 3b, spec/utds-3-integrity.md sections 5-7).
 *
 * A signature signs the document digest (libtrace/hash.h): a chain over the
 * event hashes and the header fields that matter, so it still verifies after
 * the document is converted to another encoding. The signature, the key id
 * and the digest travel in the trailer (trace_trailer) that every encoding
 * carries after the events, so signing streams: read once, write once,
 * append the trailer.
 *
 * Key files are small text files (format in the spec): a secret key file
 * holds the Ed25519 seed and public key, a public key file the public key;
 * both name the key id, derived from the public key.
 *
 * Thread-safety: keys are immutable after loading and may be shared; a
 * signer or verifier belongs to one thread at a time.
 */
#ifndef LIBTRACE_SIGN_H
#define LIBTRACE_SIGN_H

#include "common.h"
#include "ctx.h"
#include "error.h"
#include "event.h"
#include "hash.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Room for a key id including the NUL ("ed25519:" + 16 hex digits). */
#define TRACE_KEY_ID_SIZE 32
/** Room for a base64 Ed25519 signature including the NUL. */
#define TRACE_SIGNATURE_SIZE 96

typedef struct trace_key trace_key;

/**
 * Generate a new Ed25519 key pair (libsodium crypto_sign_keypair).
 * @return TRACE_OK, TRACE_ENOMEM, TRACE_EUNSUPPORTED (libsodium unusable)
 * Ownership: caller owns *out; free with trace_key_free (which wipes it).
 */
TRACE_API TRACE_NODISCARD int trace_key_generate(trace_key **out, const trace_ctx *ctx);

/**
 * Parse a key file's text (secret or public key file).
 * @param diags receives a TR-SIGN diagnostic saying what is wrong (may be NULL)
 * @return TRACE_OK, TRACE_EDATA (not a valid key file), TRACE_ENOMEM
 */
TRACE_API TRACE_NODISCARD int trace_key_parse(trace_key **out, const trace_ctx *ctx,
                                              const char *text, size_t len,
                                              trace_diag_list *diags);

/** Read and parse a key file. @return as trace_key_parse, or TRACE_EIO. */
TRACE_API TRACE_NODISCARD int trace_key_load(trace_key **out, const trace_ctx *ctx,
                                             const char *path, trace_diag_list *diags);

/**
 * Write the key file text: with secret != 0 the secret key file (fails with
 * TRACE_EINVAL for a public key), else the public key file.
 * @return the length needed (like snprintf), or 0 on misuse; buf is
 *         NUL-terminated when size > 0.
 */
TRACE_API size_t trace_key_format(const trace_key *k, int secret, char *buf, size_t size);

/**
 * Write the key file to path (secret files are created with mode 0600).
 * @return TRACE_OK, TRACE_EINVAL, TRACE_EIO
 */
TRACE_API int trace_key_save(const trace_key *k, int secret, const char *path);

/** The key id ("ed25519:<16 hex>"), static for the key's lifetime. */
TRACE_API const char *trace_key_id(const trace_key *k);
/** 1 when the key holds the secret half. */
TRACE_API int trace_key_has_secret(const trace_key *k);
/** Free and wipe. NULL is a no-op. */
TRACE_API void trace_key_free(trace_key *k);

/**
 * Key id of a 32-byte Ed25519 public key: "ed25519:" and the first 8 bytes of
 * SHA-256("utds-key-id-1" || pk) in hex. out needs TRACE_KEY_ID_SIZE bytes.
 */
TRACE_API void trace_key_id_of(const unsigned char pk[32], char out[TRACE_KEY_ID_SIZE]);

/* ------------------------------------------------------------- signing */

typedef struct trace_signer trace_signer;

/**
 * Start signing (or only digesting, with key NULL) a document streamed
 * through trace_signer_header / trace_signer_event.
 * @param key a secret key, or NULL to fill only the digest
 * @return TRACE_OK, TRACE_EINVAL (key without secret), TRACE_ENOMEM
 */
TRACE_API TRACE_NODISCARD int trace_signer_new(trace_signer **out, const trace_ctx *ctx,
                                               const trace_key *key);
/** Feed the header and master data (before the first event; md may be NULL). */
TRACE_API int trace_signer_header(trace_signer *s, const trace_header *hdr,
                                  const trace_masterdata *md);
/** Feed the next event. */
TRACE_API int trace_signer_event(trace_signer *s, const trace_event *ev);
/**
 * Finish and fill t: present, event_count, digest, signature (base64),
 * key_id, sig_alg "ed25519", and the localisation hints in t->ext. The
 * strings belong to the signer: valid until trace_signer_free.
 */
TRACE_API int trace_signer_finish(trace_signer *s, trace_trailer *t);
/** Free. NULL is a no-op. */
TRACE_API void trace_signer_free(trace_signer *s);

/* -------------------------------------------------------- verification */

/** Verification verdicts. */
typedef enum trace_verdict {
    TRACE_VERDICT_VALID = 0,      /**< the signature verifies over this document */
    TRACE_VERDICT_INVALID = 1,    /**< the document or signature was changed */
    TRACE_VERDICT_UNSIGNED = 2,   /**< no signature in the trailer */
    TRACE_VERDICT_UNKNOWN_KEY = 3 /**< signed with a key not among those given */
} trace_verdict;

/** "valid", "invalid", "unsigned", "unknown-key" (static). */
TRACE_API const char *trace_verdict_name(trace_verdict v);

typedef struct trace_verifier trace_verifier;

/**
 * Start verifying a document against trusted public keys.
 * @param keys  the trusted keys (copied references: they must outlive v)
 * @param diags where TR-SIGN findings go: which header field or event no
 *              longer matches, when that can be told (may be NULL)
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM
 */
TRACE_API TRACE_NODISCARD int trace_verifier_new(trace_verifier **out,
                                                 const trace_ctx *ctx,
                                                 const trace_key *const *keys,
                                                 size_t nkeys, trace_diag_list *diags);
/** Feed the header and master data (before the first event; md may be NULL). */
TRACE_API int trace_verifier_header(trace_verifier *v, const trace_header *hdr,
                                    const trace_masterdata *md);
/** Feed the next event. */
TRACE_API int trace_verifier_event(trace_verifier *v, const trace_event *ev);
/**
 * Decide, given the trailer read after the last event (NULL = none).
 * @param verdict receives the verdict
 * @return TRACE_OK (whatever the verdict), TRACE_EINVAL, TRACE_ENOMEM
 */
TRACE_API int trace_verifier_finish(trace_verifier *v, const trace_trailer *t,
                                    trace_verdict *verdict);
/** Free. NULL is a no-op. */
TRACE_API void trace_verifier_free(trace_verifier *v);

#ifdef __cplusplus
}
#endif
#endif
