/*
 * libtrace/hash.h - CBV 2.0 / 2.1 event hash IDs and the UTDS document
 * digest (UTDS Part 3b, spec/utds-3-integrity.md).
 *
 * Every event's identity is its Event Hash ID: the SHA-256 of a canonical
 * "pre-hash" string built from the model (so the same event gives the same
 * hash whichever encoding carried it), written as
 * "ni:///sha-256;<64 lowercase hex>?ver=CBV2.0". The public implementations
 * disagree in several places; a profile pins every choice:
 *
 *   cbv20-ref   reproduces the reference vectors of RalphTro's generator
 *               (master 5d2f1c3): the de-facto CBV 2.0 behaviour
 *   cbv20-text  follows the written CBV 2.0 rules literally
 *   cbv21       CBV 2.1: timestamps rounded half up, "?ver=CBV2.1"
 *   cbv20-mdaf  the "CBV2.0" mode of the generator's MDAF-Support branch
 *               (no timestamp rounding, gs1: = https://ref.gs1.org/voc/)
 *
 * The document digest chains the event hashes of a document in order with
 * the header fields that matter; it is computed while streaming and is what
 * an Ed25519 signature signs (libtrace/sign.h).
 *
 * Thread-safety: a trace_hasher or trace_digest belongs to one thread at a
 * time; any number may exist. Nothing here has global state.
 */
#ifndef LIBTRACE_HASH_H
#define LIBTRACE_HASH_H

#include "common.h"
#include "ctx.h"
#include "event.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Hash profiles (canonicalisation rule sets). Values are pinned. */
typedef enum trace_hash_profile {
    TRACE_HASH_CBV20_REF = 0,  /**< "cbv20-ref" (default) */
    TRACE_HASH_CBV20_TEXT = 1, /**< "cbv20-text" */
    TRACE_HASH_CBV21 = 2,      /**< "cbv21" */
    TRACE_HASH_CBV20_MDAF = 3, /**< "cbv20-mdaf" */
    TRACE_HASH_PROFILE_COUNT = 4
} trace_hash_profile;

/** Name of a profile ("cbv20-ref", ...), static; NULL when out of range. */
TRACE_API const char *trace_hash_profile_name(trace_hash_profile p);

/**
 * Profile by name.
 * @return TRACE_OK or TRACE_ENOTFOUND.
 */
TRACE_API int trace_hash_profile_from_name(const char *name, trace_hash_profile *out);

/** Room for a hash ID including the NUL ("ni:///sha-256;" + 64 hex + "?ver=CBV2.0"). */
#define TRACE_HASH_ID_SIZE 96

#define TRACE_HASH_OPTIONS_VERSION 1

/**
 * Options of a hasher. exclude lists fields left out of the pre-hash, as
 * users of the peers ask (repository-specific fields): an event-level
 * standard field by its JSON-LD name ("certificationInfo", "sensorElementList",
 * "ilmd", "bizTransactionList", "readPoint", ...) or an event-level extension
 * element in Clark notation "{namespace}localName". The strings are copied.
 */
typedef struct trace_hash_options {
    unsigned version;           /**< TRACE_HASH_OPTIONS_VERSION */
    trace_hash_profile profile; /**< default TRACE_HASH_CBV20_REF */
    const char *const *exclude; /**< may be NULL */
    size_t nexclude;
    uint32_t flags; /**< reserved, 0 */
} trace_hash_options;

#define TRACE_HASH_OPTIONS_INIT                                                          \
    {                                                                                    \
        TRACE_HASH_OPTIONS_VERSION, TRACE_HASH_CBV20_REF, NULL, 0, 0                     \
    }

typedef struct trace_hasher trace_hasher;

/**
 * Create a hasher. It keeps its scratch buffers between events, so hashing
 * allocates nothing once warmed up.
 * @param out  receives the hasher; free with trace_hasher_free
 * @param ctx  context (allocator); must outlive the hasher
 * @param opts options, or NULL for the defaults
 * @return TRACE_OK, TRACE_EINVAL (bad version or profile), TRACE_ENOMEM
 * Ownership: the caller owns *out.
 */
TRACE_API TRACE_NODISCARD int trace_hasher_new(trace_hasher **out, const trace_ctx *ctx,
                                               const trace_hash_options *opts);

/** Free a hasher. NULL is a no-op. */
TRACE_API void trace_hasher_free(trace_hasher *h);

/** The hasher's profile. */
TRACE_API trace_hash_profile trace_hasher_profile(const trace_hasher *h);

/**
 * Build the pre-hash string of ev (UTF-8, no separators).
 * @param s   receives a borrowed pointer, valid until the next call on h
 *            (NUL-terminated for convenience)
 * @param len receives its length in bytes
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM
 */
TRACE_API int trace_hasher_prehash(trace_hasher *h, const trace_event *ev, const char **s,
                                   size_t *len);

/**
 * Compute the Event Hash ID of ev.
 * @param id   receives "ni:///sha-256;<hex>?ver=CBV2.x" (may be NULL)
 * @param size size of id (TRACE_HASH_ID_SIZE is always enough)
 * @param raw  receives the 32-byte digest (may be NULL)
 * @return TRACE_OK, TRACE_EINVAL, TRACE_EBUFS (id too small), TRACE_ENOMEM
 */
TRACE_API int trace_hasher_event_id(trace_hasher *h, const trace_event *ev, char *id,
                                    size_t size, unsigned char raw[32]);

/**
 * Canonical identifier form used by the hash: an EPC pure-identity, class or
 * pattern URN becomes its canonical GS1 Digital Link on https://id.gs1.org;
 * a Digital Link is constrained-canonicalised (domain, aliases, padding,
 * finest key). Anything else is copied unchanged.
 * @return the length the result needs (like snprintf); out is
 *         NUL-terminated when size > 0.
 * Thread-safety: safe.
 */
TRACE_API size_t trace_hash_canonical_id(const char *s, size_t n, char *out, size_t size);

/* ------------------------------------------------------ document digest */

/** Room for a digest string including the NUL: "utds-digest-1:<64 hex>". */
#define TRACE_DIGEST_SIZE 96

/** Header fields the digest covers, in their order in the digest input. */
typedef enum trace_digest_field {
    TRACE_DIGEST_F_SENDER = 0,
    TRACE_DIGEST_F_RECEIVER = 1,
    TRACE_DIGEST_F_MESSAGE_ID = 2,
    TRACE_DIGEST_F_CREATION_TIME = 3,
    TRACE_DIGEST_F_PROFILE = 4,
    TRACE_DIGEST_F_MASTERDATA = 5, /**< the master data in the header, canonical */
    TRACE_DIGEST_F_COUNT = 6
} trace_digest_field;

/** "sender", "receiver", "messageId", "creationTime", "profile", "masterData" (static).
 */
TRACE_API const char *trace_digest_field_name(trace_digest_field f);

typedef struct trace_digest trace_digest;

/**
 * Start a document digest. Events enter it with the strict digest
 * canonicalisation (the cbv20-text rules with timestamps and numbers kept
 * exactly, no exclusions), so that no change to a value goes unseen.
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM. Ownership: caller owns *out.
 */
TRACE_API TRACE_NODISCARD int trace_digest_new(trace_digest **out, const trace_ctx *ctx);
/** Free. NULL is a no-op. */
TRACE_API void trace_digest_free(trace_digest *d);

/**
 * Feed the document header and master data (once, before the first event;
 * a digest that gets no header digests an empty one). Either may be NULL.
 * @return TRACE_OK, TRACE_EINVAL (called twice or after an event), TRACE_ENOMEM
 */
TRACE_API int trace_digest_header(trace_digest *d, const trace_header *hdr,
                                  const trace_masterdata *md);

/**
 * Feed the next event in document order.
 * @param print receives the event's 4-byte fingerprint in the digest (may be NULL)
 * @return TRACE_OK, TRACE_EINVAL, TRACE_ENOMEM
 */
TRACE_API int trace_digest_event(trace_digest *d, const trace_event *ev,
                                 unsigned char print[4]);

/**
 * Finish: fold in the event count and write the digest string
 * "utds-digest-1:<hex>" (TRACE_DIGEST_SIZE bytes suffice). After this only
 * trace_digest_free may be called.
 * @param raw receives the 32-byte digest (may be NULL)
 * @return TRACE_OK, TRACE_EINVAL, TRACE_EBUFS
 */
TRACE_API int trace_digest_final(trace_digest *d, char *out, size_t size,
                                 unsigned char raw[32]);

/** Events fed so far. */
TRACE_API uint64_t trace_digest_events(const trace_digest *d);

/**
 * Short fingerprint (16 hex digits and NUL) of header field f as fed, used
 * to name the field that changed when a signature no longer verifies.
 * @return TRACE_OK or TRACE_EINVAL (no header fed, bad f, size < 17)
 */
TRACE_API int trace_digest_field_print(const trace_digest *d, trace_digest_field f,
                                       char *out, size_t size);

/**
 * Parse a digest string into its 32 raw bytes.
 * @return TRACE_OK or TRACE_EDATA (not a utds-digest-1 string).
 */
TRACE_API int trace_digest_parse(const char *s, size_t n, unsigned char raw[32]);

#ifdef __cplusplus
}
#endif
#endif
