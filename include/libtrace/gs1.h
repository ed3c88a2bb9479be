/*
 * libtrace/gs1.h - GS1 identifiers (UTDS Part 1, GS1): element strings in
 * every input form, GS1 Digital Link URIs and EPC pure-identity URNs.
 *
 * Parsing goes through the generic code API (libtrace/code.h) with the
 * schemes "gs1" (element strings: bracketed, unbracketed with '^' or GS,
 * scan data with an AIM symbology identifier, ISO/IEC 15434 envelopes),
 * "gs1-dl" (Digital Link URIs) and "epc" (EPC pure-identity URNs). The
 * functions here convert a parsed result into the other forms, validate a
 * whole label (several scans), and extend the GS1 Company Prefix length
 * table. None of them allocates.
 *
 * Thread-safety: all functions are reentrant.
 */
#ifndef LIBTRACE_GS1_H
#define LIBTRACE_GS1_H

#include "code.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Output forms for trace_gs1_format. Values are pinned. */
typedef enum trace_gs1_form {
    TRACE_GS1_BRACKETED = 0,   /**< (01)09521234543213(10)ABC, '(' in values as "\(" */
    TRACE_GS1_UNBRACKETED = 1, /**< ^0109521234543213^10ABC: '^' = FNC1 */
    TRACE_GS1_GS =
        2, /**< like UNBRACKETED, FNC1 as the GS byte (0x1D), no leading FNC1 */
    TRACE_GS1_DL = 3, /**< Digital Link URI; fails when an AI cannot be in a DL */
    TRACE_GS1_DL_PARTIAL =
        4,             /**< Digital Link URI leaving out AIs that cannot be in a DL */
    TRACE_GS1_HRI = 5, /**< one "(AI) value" line per element, '\n'-terminated */
    TRACE_GS1_HRI_TITLES = 6,    /**< "TITLE (AI) value" lines, English titles */
    TRACE_GS1_HRI_TITLES_ZH = 7, /**< "标题 (AI) value" lines, Chinese titles */
    TRACE_GS1_SCAN_DM = 8,       /**< scan data ]d2 (GS1 DataMatrix), GS as separator */
    TRACE_GS1_SCAN_QR = 9,       /**< scan data ]Q3 (GS1 QR Code) */
    TRACE_GS1_SCAN_128 = 10,     /**< scan data ]C1 (GS1-128) */
    TRACE_GS1_SCAN_DOTCODE = 11, /**< scan data ]J1 (GS1 DotCode) */
    TRACE_GS1_SCAN_DATABAR = 12, /**< scan data ]e0 (GS1 DataBar Expanded) */
    TRACE_GS1_EPC = 13, /**< EPC pure-identity URN (needs the company prefix length) */
    TRACE_GS1_DL_COMPRESSED =
        14 /**< compressed Digital Link URI with optimisation codes (trace_gs1_dl_compress) */
} trace_gs1_form;

/**
 * Format the GS1 elements of a result parsed by the "gs1", "gs1-dl" or "epc"
 * scheme (its fields with parent -1, in order) in another form.
 * @param res     a parsed result (need not be valid, but must hold elements)
 * @param form    the output form
 * @param stem    Digital Link stem (e.g. "https://example.com/a"), NULL for
 *                https://id.gs1.org; ignored for other forms
 * @param gcp_len GS1 Company Prefix length for TRACE_GS1_EPC (6..12), or 0
 *                to look it up in the context's prefix table
 * @param out     receives the NUL-terminated text
 * @param size    size of out
 * @param omitted for TRACE_GS1_DL_PARTIAL: receives a bit per element index
 *                (0..63) left out of the URI; may be NULL
 * A composite message (fields flagged TRACE_CODE_FIELD_CC) keeps its '|'
 * in the bracketed and unbracketed forms; the GS, scan data and Digital Link
 * forms carry its elements without it. A result of an EPC URN without a GS1
 * key (gid, usdod, bic, imovn) gives the URN for TRACE_GS1_EPC and
 * TRACE_EDATA for every other form.
 * @return TRACE_OK; TRACE_EBUFS when out is too small; TRACE_EDATA when the
 *         elements cannot be written in this form (no primary key, an AI
 *         that is not a DL attribute, no EPC scheme for the key, no GS1 key);
 *         TRACE_ENOTFOUND when the company prefix length is unknown;
 *         TRACE_EINVAL on bad arguments.
 * Thread-safety: safe.
 */
TRACE_API int trace_gs1_format(const trace_ctx *ctx, const trace_code_result *res,
                               trace_gs1_form form, const char *stem, int gcp_len,
                               char *out, size_t size, uint64_t *omitted);

/** trace_gs1_dl_compress flags. */
#define TRACE_GS1_DLC_NO_OPTIMISE 1u /**< do not use the optimisation codes */
#define TRACE_GS1_DLC_PARAMS 2u      /**< compress the non-GS1 query pairs too */

/**
 * Write the GS1 elements of a parsed result (as trace_gs1_format) as a
 * compressed GS1 Digital Link URI: stem, '/', the elements as one URI-safe
 * base64 segment (GS1 Digital Link compression, see spec/utds-1-coding-gs1.md
 * "Compressed Digital Link"), then the non-GS1 query pairs not compressed.
 * The "gs1-dl" scheme parses the result back (fully or partially compressed).
 * @param res    a parsed result holding elements
 * @param stem   URI stem, NULL for https://id.gs1.org (trailing '/' dropped)
 * @param flags  TRACE_GS1_DLC_* bits; 0 = with optimisation codes, query
 *               pairs kept as they are (the GS1 toolkit's defaults)
 * @param params non-GS1 query pairs "k=v&k2=v2" (percent-encoded as in a
 *               URI, no leading '?'), or NULL; with TRACE_GS1_DLC_PARAMS the
 *               pairs with a base64url key of 1..127 characters and a value of
 *               at most 127 printable ASCII characters go into the segment
 * @param plen   length of params
 * @param out    receives the NUL-terminated URI
 * @param size   size of out
 * @return TRACE_OK; TRACE_EBUFS when out is too small; TRACE_EDATA when the
 *         elements have no Digital Link (as TRACE_GS1_DL) or a value does not
 *         fit its AI's format; TRACE_EINVAL on bad arguments.
 * Ownership: nothing is kept; no allocation. Thread-safety: safe.
 */
TRACE_API int trace_gs1_dl_compress(const trace_ctx *ctx, const trace_code_result *res,
                                    const char *stem, unsigned flags, const char *params,
                                    size_t plen, char *out, size_t size);

/**
 * Validate several scans of one label as one message: each scan is parsed
 * (any "gs1" or "gs1-dl" input form) and checked on its own, then the
 * association rules (requisite, exclusive, repeated AIs) are checked over the
 * union. Fields keep the offsets within their own scan; diagnostics from
 * scan i carry the argument "scan" = i.
 * @param scans  n input strings
 * @param lens   their lengths
 * @return TRACE_OK (res->valid tells validity), TRACE_EINVAL.
 */
TRACE_API int trace_gs1_label(const trace_ctx *ctx, const char *const *scans,
                              const size_t *lens, size_t n, unsigned flags,
                              trace_code_result *res);

/**
 * Add GS1 Company Prefix lengths to a dictionary (before it is given to a
 * context): text has one "prefix length" row per line (blank or tab
 * separated, '#' starts a comment). Rows loaded later and longer prefixes
 * win over the compiled-in table (spec/gs1/gcp-length.tsv).
 * @return TRACE_OK, TRACE_EDATA (a malformed row; nothing is added),
 *         TRACE_ENOMEM, TRACE_EINVAL.
 * Ownership: the dictionary copies the text. Thread-safety: one thread, before sharing.
 */
TRACE_API int trace_gs1_dict_load_gcp(trace_dict *d, const char *text, size_t len);

/**
 * GS1 Company Prefix length for a GS1 key (digits as in the element string,
 * e.g. a GTIN-14 with its indicator digit), or 0 when unknown.
 */
TRACE_API int trace_gs1_gcp_length(const trace_ctx *ctx, const char *ai, const char *key,
                                   size_t len);

#ifdef __cplusplus
}
#endif
#endif
