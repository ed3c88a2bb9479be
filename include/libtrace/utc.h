/*
 * libtrace/utc.h - the UTDS trace code (统一追溯码, UTDS Part 1): issue codes
 * for producers without GS1 membership and verify them, with an optional
 * keyed verification segment so serials cannot be guessed or forged.
 *
 * Layout (spec/utds-1-trace-code.md), all characters 0-9 A-Z:
 *
 *   version 1 | node region 6 | operator (U + USCC 18, or N + 8) | family 2 |
 *   batch 6 | serial 10 | [key id 1 + MAC 8] | check 1 (ISO/IEC 7064 MOD 37,36)
 *
 * The canonical form is that string; the URI form "URN:UTDS:TC:<code>" fits
 * QR alphanumeric mode; the grouped form separates the segments with spaces
 * for printing under the symbol. The code is also a scheme ("utds") of the
 * code module: trace_code_parse verifies structure and check without a key,
 * trace_utc_verify also verifies the MAC.
 *
 * Thread-safety: all functions are reentrant; an issuer is used by one
 * thread at a time.
 */
#ifndef LIBTRACE_UTC_H
#define LIBTRACE_UTC_H

#include "common.h"
#include "error.h"
#include "ctx.h"
#include "code.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_UTC_KEY_BYTES 32   /**< issuer key length (BLAKE2b key) */
#define TRACE_UTC_CODE_MAX 54    /**< longest canonical code, without NUL */
#define TRACE_UTC_URI_MAX 66     /**< longest URI form, without NUL */
#define TRACE_UTC_GROUPED_MAX 61 /**< longest grouped form, without NUL */
#define TRACE_UTC_SERIAL_SPACE 3656158440062976ULL /**< 36^10 serials per batch */

/** An issuer key: a key id character (0-9 A-Z) and 32 secret bytes. */
typedef struct trace_utc_key {
    char id;                                 /**< key id, one of 0-9 A-Z */
    unsigned char key[TRACE_UTC_KEY_BYTES];  /**< secret */
} trace_utc_key;

/**
 * Make a new issuer key from libsodium's CSPRNG.
 * @param id  key id character (0-9 A-Z)
 * @return TRACE_OK, TRACE_EINVAL (bad id), TRACE_EUNSUPPORTED (no CSPRNG).
 */
TRACE_API int trace_utc_key_generate(char id, trace_utc_key *out);

/**
 * Write the key in the issuer key file format (text, see the spec) into buf.
 * @return the length written (excluding NUL), or 0 when size is too small.
 */
TRACE_API size_t trace_utc_key_format(const trace_utc_key *key, char *buf, size_t size);

/**
 * Parse an issuer key file text[0..len).
 * @param d  receives a TR-UTC-0008 diagnostic on failure, or NULL
 * @return TRACE_OK, TRACE_EDATA (bad format), TRACE_EINVAL.
 */
TRACE_API int trace_utc_key_parse(const char *text, size_t len, trace_utc_key *out,
                                  trace_diag *d);

/** Load an issuer key file. @return as trace_utc_key_parse, or TRACE_EIO. */
TRACE_API int trace_utc_key_load(const char *path, trace_utc_key *out, trace_diag *d);

#define TRACE_UTC_PARAMS_VERSION 1

/** What to issue. Strings are NUL-terminated; letters may be lower case. */
typedef struct trace_utc_params {
    unsigned version;           /**< TRACE_UTC_PARAMS_VERSION */
    const char *node;           /**< issuing node's GB/T 2260 region, 6 digits */
    const char *operator_id;    /**< a USCC (18) or a node-assigned number (1-8 of 0-9 A-Z) */
    const char *family;         /**< product family, 2 digits from the UTDS family list */
    const char *batch;          /**< batch code, 1-6 of 0-9 A-Z (left-padded with 0) */
    uint64_t first_serial;      /**< first sequential serial (ignored when random) */
    int random;                 /**< 1: random serials, never repeating within the issuer */
    const trace_utc_key *key;   /**< NULL: no verification segment */
} trace_utc_params;

/** An issuer: a prepared code prefix plus the serial generator. Opaque. */
typedef struct trace_utc_issuer trace_utc_issuer;

/**
 * Check the parameters and prepare an issuer.
 * @param d  receives a TR-UTC-0009 diagnostic naming the bad parameter, or NULL
 * @return TRACE_OK, TRACE_EDATA (bad parameter), TRACE_EINVAL, TRACE_ENOMEM.
 * Ownership: the caller frees *out with trace_utc_issuer_free. The key is copied.
 */
TRACE_API TRACE_NODISCARD int trace_utc_issuer_new(const trace_ctx *ctx,
                                                   const trace_utc_params *p,
                                                   trace_utc_issuer **out, trace_diag *d);

/** Free an issuer (wipes the key copy). NULL is a no-op. */
TRACE_API void trace_utc_issuer_free(trace_utc_issuer *iss);

/**
 * Issue count codes into the caller's buffer: code i is written at
 * buf + i * stride, NUL-terminated (stride >= TRACE_UTC_CODE_MAX + 1).
 * Sequential serials continue where the last call ended; random serials are
 * a CSPRNG-keyed permutation of the serial space, so none repeats within
 * the issuer. No allocation.
 * @return TRACE_OK, TRACE_EINVAL, TRACE_EBUFS (stride too small),
 *         TRACE_ELIMIT (serial space exhausted).
 */
TRACE_API int trace_utc_issue(trace_utc_issuer *iss, char *buf, size_t stride, size_t count);

/**
 * Verify a code (canonical, URI or grouped form): structure and check
 * character always; the verification segment with the matching key of keys
 * (TR-UTC-0004/0005), or an info diagnostic when nkeys is 0.
 * @return TRACE_OK (res->valid says validity), TRACE_EINVAL.
 */
TRACE_API int trace_utc_verify(const trace_ctx *ctx, const char *in, size_t len,
                               const trace_utc_key *keys, size_t nkeys, unsigned flags,
                               trace_code_result *res);

/**
 * Format a canonical code in[0..len) in the URI form (grouped = 0) or the
 * grouped form (grouped = 1) into buf.
 * @return the length written, or 0 when the code is not well-formed or buf
 *         is too small.
 */
TRACE_API size_t trace_utc_format(const char *in, size_t len, int grouped, char *buf,
                                  size_t size);

#ifdef __cplusplus
}
#endif
#endif
