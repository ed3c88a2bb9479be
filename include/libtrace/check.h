/*
 * libtrace/check.h - check-character algorithms used by every code scheme.
 *
 * Each algorithm computes the check character(s) for a payload, or verifies a
 * string whose last character(s) are the check. Pure functions: no context,
 * no allocation, thread-safe.
 */
#ifndef LIBTRACE_CHECK_H
#define LIBTRACE_CHECK_H

#include "common.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Check algorithms. Values are pinned. */
typedef enum trace_check_alg {
    TRACE_CHECK_GS1_MOD10 = 0,  /**< GS1 mod 10 (GTIN, GLN, SSCC, ...), any length */
    TRACE_CHECK_GS1_ALNUM = 1,  /**< GS1 alphanumeric pair (AIs 8013, 8014), 2 chars */
    TRACE_CHECK_MOD11_2 = 2,    /**< ISO/IEC 7064 MOD 11-2 (0-9, X) */
    TRACE_CHECK_MOD37_2 = 3,    /**< ISO/IEC 7064 MOD 37-2 (0-9, A-Z, *) */
    TRACE_CHECK_MOD97_10 = 4,   /**< ISO/IEC 7064 MOD 97-10, 2 digits */
    TRACE_CHECK_MOD11_10 = 5,   /**< ISO/IEC 7064 MOD 11,10 hybrid, 1 digit */
    TRACE_CHECK_MOD37_36 = 6,   /**< ISO/IEC 7064 MOD 37,36 hybrid, 1 of 0-9A-Z */
    TRACE_CHECK_MOD1271_36 = 7, /**< ISO/IEC 7064 MOD 1271-36, 2 of 0-9A-Z */
    TRACE_CHECK_GB32100 = 8,    /**< GB 32100 mod 31 (Unified Social Credit Code) */
    TRACE_CHECK_GB11714 = 9,    /**< GB 11714 organisation code (0-9, X) */
    TRACE_CHECK_CAS = 10,       /**< CAS registry number check digit */
    TRACE_CHECK_LUHN = 11,      /**< Luhn (ISO/IEC 7812) */
    TRACE_CHECK_IBAN = 12       /**< IBAN: ISO 13616 mod 97 over the rearranged string */
} trace_check_alg;

#define TRACE_CHECK_COUNT 13

/** Short name of an algorithm ("gs1", "mod11-2", ...), or NULL. Static. */
TRACE_API const char *trace_check_name(trace_check_alg alg);
/** Algorithm by short name. @return TRACE_OK or TRACE_ENOTFOUND. */
TRACE_API int trace_check_by_name(const char *name, trace_check_alg *out);
/** Number of check characters the algorithm appends (1 or 2; IBAN: 2, inside). */
TRACE_API size_t trace_check_width(trace_check_alg alg);

/**
 * Compute the check character(s) of payload s[0..len).
 * Characters are case-sensitive except where the algorithm says otherwise
 * (ISO 7064 alphanumeric systems accept lower case). CAS: pass the digits
 * without hyphens. IBAN: pass the full IBAN with "00" as check digits.
 * @param out   receives the check characters, NUL-terminated
 * @param size  size of out (at least width + 1)
 * @return TRACE_OK; TRACE_EDATA when s has a character outside the
 *         algorithm's set or a bad length; TRACE_EBUFS; TRACE_EINVAL.
 */
TRACE_API int trace_check_compute(trace_check_alg alg, const char *s, size_t len, char *out,
                                  size_t size);

/**
 * Verify s[0..len) whose last width characters are the check.
 * @return 1 valid, 0 wrong check, TRACE_EDATA bad character or length,
 *         TRACE_EINVAL bad argument.
 */
TRACE_API int trace_check_verify(trace_check_alg alg, const char *s, size_t len);

/**
 * Verify like trace_check_verify and, when the value is not valid, describe
 * why in d: TR-CHK-0001 (wrong check; span = the check characters, args
 * got/expected/alg), TR-CHK-0002 (bad character; span = that character) or
 * TR-CHK-0003 (bad length).
 * @return 1 valid, 0 invalid (d filled), TRACE_EINVAL.
 */
TRACE_API int trace_check_diagnose(trace_check_alg alg, const char *s, size_t len,
                                   trace_diag *d);

#ifdef __cplusplus
}
#endif
#endif
