/*
 * cn_int.h - helpers shared by the Chinese identifier schemes (lib/cn_*.c)
 * and the UTDS trace code (lib/utc*.c): a normalised copy of the input with
 * an offset map back to the caller's bytes, fixed-length segment parsing,
 * check characters, dates, forms (canonical and URN) and the compiled-in
 * code lists of spec/cn/. Nothing here allocates.
 */
#ifndef TRACE_CN_INT_H
#define TRACE_CN_INT_H

#include "code_int.h"

/* Longest normalised code the helpers handle; longer inputs are BAD_LENGTH. */
#define CN_NORM_MAX 160

/* Character classes of a segment. */
enum cn_class {
    CN_DIGIT = 1,  /* 0-9 */
    CN_ALNUM,      /* 0-9 A-Z */
    CN_USCC,       /* GB 32100 set: 0-9 A-H J-N P Q R T U W X Y */
    CN_MIXED,      /* 0-9 A-Z a-z */
    CN_DIGIT_X,    /* 0-9 X */
    CN_UPPER       /* A-Z */
};

/* The input without separators (and upper-cased when asked), with the input
 * offset of every kept byte, so fields and diagnostics point at the input. */
typedef struct cn_norm {
    char s[CN_NORM_MAX + 1];
    uint32_t off[CN_NORM_MAX + 1]; /* off[n] = input length */
    size_t n;
    size_t inlen;
    int overflow; /* input longer than CN_NORM_MAX after normalising */
} cn_norm;

/* One fixed-length segment. */
typedef struct cn_seg {
    const char *name;
    const char *title_en;
    const char *title_zh;
    unsigned char len;
    unsigned char cls;  /* enum cn_class */
    unsigned char kind; /* trace_code_kind */
} cn_seg;

/* Copy in[0..len) dropping bytes in seps; upper-case ASCII letters when upper. */
void trace__cn_norm(cn_norm *nm, const char *in, size_t len, const char *seps, int upper);
/* Whether c is in class cls. */
int trace__cn_in_class(int c, int cls);
/* Class name for messages ("digits", ...). */
const char *trace__cn_class_name(int cls);

/* Diagnostic over normalised span [i, i+n). */
trace_diag *trace__cn_diag(trace_code_result *res, const cn_norm *nm, int code, size_t i,
                           size_t n);
/* Field over normalised span [i, i+n) (value = the normalised bytes). */
trace_code_field *trace__cn_field(trace_code_result *res, const cn_norm *nm, const char *name,
                                  const char *title_en, const char *title_zh, size_t i,
                                  size_t n, trace_code_kind kind);
/* BAD_LENGTH with "expected" text; returns 0. */
int trace__cn_bad_length(trace_code_result *res, const cn_norm *nm, const char *expected);
/* Check every byte of [i, i+n) against cls, reporting the first bad one as
 * BAD_CHAR in segment; returns 1 when all are good. */
int trace__cn_chars(trace_code_result *res, const cn_norm *nm, size_t i, size_t n, int cls,
                    const char *segment);
/* Parse consecutive segments starting at normalised offset start, which must
 * end exactly at nm->n when exact (else BAD_LENGTH). Adds a field per segment.
 * Returns 1 when length and characters are right. */
int trace__cn_segs(trace_code_result *res, const cn_norm *nm, size_t start, const cn_seg *segs,
                   size_t nsegs, int exact);
/* Total length of segments. */
size_t trace__cn_segs_len(const cn_seg *segs, size_t nsegs);

/* Verify the check character at normalised position pos computed with alg over
 * [from, pos); adds the "check" field (kind CHECK). Returns 1 ok, 0 not. With
 * soft, a mismatch is the warning CN_CHECK_UNCONFIRMED instead of BAD_CHECK. */
int trace__cn_check(trace_code_result *res, const cn_norm *nm, trace_check_alg alg, size_t from,
                    size_t pos, size_t width, int soft);
/* Record that a check exists but cannot be verified: a CHECK_NOT_POSSIBLE info
 * diagnostic over [i, i+n) and res->checks = "check: <why>". */
void trace__cn_not_possible(trace_code_result *res, const cn_norm *nm, size_t i, size_t n,
                            const char *check, const char *why);

/* Date: s[0..n) with n == 8 (YYYYMMDD) or 6 (YYMMDD, 20YY). Writes "YYYY-MM-DD"
 * into out[11]. Returns 1 when the date exists. */
int trace__cn_date(const char *s, size_t n, char out[11]);
/* Check a date segment field f (already added): sets typed or reports CN_BAD_DATE. */
int trace__cn_date_field(trace_code_result *res, const cn_norm *nm, trace_code_field *f,
                         size_t i, size_t n, const char *segment);

/* Set res->canonical to s and res->uri to "urn:utds:id:<scheme>:<s>" with
 * bytes outside the URN unreserved set percent-encoded. */
void trace__cn_forms(trace_code_result *res, const char *s, size_t n);

/* A scheme's parser, and the wrapper that also accepts the scheme's URN form
 * "urn:utds:id:<scheme>:<value>" (prefix case-insensitive, value percent-decoded). */
typedef int (*trace__cn_parse_fn)(const trace_ctx *ctx, const char *in, size_t len,
                                  unsigned flags, trace_code_result *res);
int trace__cn_parse_uri(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                        trace_code_result *res, trace__cn_parse_fn inner);
#define CN_URI_PARSER(fn)                                                                  \
    static int fn##_uri(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,  \
                        trace_code_result *res)                                            \
    {                                                                                      \
        return trace__cn_parse_uri(ctx, in, len, flags, res, fn);                          \
    }
/* ASCII case-insensitive comparison of n bytes. */
int trace__strncaseeq(const char *a, const char *b, size_t n);

/* ---- compiled-in lists (lib/cn_data.c, from spec/cn/ *.tsv) ---- */
/* Province by 2-digit code: Chinese and English names, or NULL. */
const char *trace__cn_province(const char *code2, const char **name_en);
/* USCC department (1 char) meaning, or NULL. */
const char *trace__cn_uscc_dept(char dept, const char **name_en);
/* USCC category meaning under dept, or NULL. */
const char *trace__cn_uscc_cat(char dept, char cat, const char **name_en);
/* UTDS product family (2 chars) meaning, or NULL. */
const char *trace__cn_family(const char *code2, const char **name_en);
/* Number of families and the code of family i. */
/* The UTDS profile (spec/dict/profiles.tsv) of a family code, or NULL when unknown. */
const char *trace__cn_family_profile(const char *code2);
size_t trace__cn_family_count(void);
const char *trace__cn_family_at(size_t i, const char **zh, const char **en);
/* ISO 3166-1: by alpha-2 (n 2), alpha-3 (n 3 letters) or numeric (n 3 digits): name or NULL. */
const char *trace__cn_iso3166(const char *s, size_t n);
/* ISO 4217 by alpha-3 or numeric: name or NULL. */
const char *trace__cn_iso4217(const char *s, size_t n);
/* UN/ECE Rec 20 (partial list): name or NULL. */
const char *trace__cn_rec20(const char *s, size_t n);

/* ---- GS1 and MA forms of drug trace codes and UDIs (lib/cn_gs1.c, lib/cn_drug.c) ---- */
/* Whether the input looks like a GS1 element string ((01)..., ]d2..., 01...<GS>...). */
int trace__cn_gs1_shape(const char *in, size_t len);
/* Parse the GS1 form: (01) required, (11) (17) (10) (21) allowed; (21) required when
 * need_serial. Sets canonical (bracketed) and uri (Digital Link). 1 when valid. */
int trace__cn_gs1_parse(trace_code_result *res, const char *in, size_t len, int need_serial);
/* Parse an MA (IDcode) code; with udi the medical-device form MA.156.M0.... is required.
 * need_serial: a PI with S (serial) is required. 1 when valid. */
int trace__cn_ma_parse(trace_code_result *res, const char *in, size_t len, int udi,
                       int need_serial);

/* ---- region codes (lib/cn_region.c) ---- */
/* Validate a 6-digit GB/T 2260 code at normalised [i, i+6) whose field is f:
 * province must exist; county checked against a loaded list (ctx dict) if any.
 * Sets f->typed to the best known name. Returns 1 when no error. */
int trace__cn_region_check(const trace_ctx *ctx, trace_code_result *res, const cn_norm *nm,
                           trace_code_field *f, size_t i, unsigned flags);

/* Shared by the scheme files: all digits? / a BAD_SEGMENT diagnostic (returns 0). */
int trace__cn_digits(const char *s, size_t n);
int trace__cn_bad_segment(trace_code_result *res, const cn_norm *nm, size_t i, size_t n,
                          const char *segment, const char *reason);

#endif
