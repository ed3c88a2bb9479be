/*
 * gs1_int.h - internals shared by the GS1 files (lib/gs1*.c): the compiled
 * AI table (generated from spec/gs1/ by tools/gen-gs1.awk), the parsed
 * message, and the steps parse -> validate -> report.
 *
 * A message is a list of elements (AI + value). Values are views into the
 * caller's input where possible; values that had to be decoded (escaped
 * brackets, Digital Link percent-encoding) live in the message's own buffer.
 * Nothing here allocates.
 */
#ifndef TRACE_GS1_INT_H
#define TRACE_GS1_INT_H

#include <string.h>

#include "code_int.h"
#include "libtrace/gs1.h"

/* ---- the compiled table ---- */
enum gs1__cset { GS1_CSET_N = 1, GS1_CSET_X, GS1_CSET_Y, GS1_CSET_Z };

/* Linters; the generator refers to these names (GS1L_<NAME>). */
enum gs1__linter {
    GS1L_NONE = 0,
    GS1L_CSUM,
    GS1L_CSUMALPHA,
    GS1L_GCPPOS1,
    GS1L_GCPPOS2,
    GS1L_YYMMD0,
    GS1L_YYMMDD,
    GS1L_YYYYMMDD,
    GS1L_YYYYMMD0,
    GS1L_HH,
    GS1L_MI,
    GS1L_SS,
    GS1L_HHMI,
    GS1L_ISO3166,
    GS1L_ISO3166999,
    GS1L_ISO3166ALPHA2,
    GS1L_ISO4217,
    GS1L_ISO5218,
    GS1L_MEDIATYPE,
    GS1L_PACKAGETYPE,
    GS1L_IBAN,
    GS1L_IMPORTERIDX,
    GS1L_LATITUDE,
    GS1L_LONGITUDE,
    GS1L_NONZERO,
    GS1L_ZERO,
    GS1L_NOZEROPREFIX,
    GS1L_HASNONDIGIT,
    GS1L_PIECEOFTOTAL,
    GS1L_POSINSEQSLASH,
    GS1L_WINDING,
    GS1L_YESNO,
    GS1L_HYPHEN,
    GS1L_PCENC,
    GS1L_COUPONCODE,
    GS1L_COUPONPOSOFFER
};

#define GS1_F_FIXED   1u /* predefined length: no FNC1 after it */
#define GS1_F_DLATTR  2u /* may be a Digital Link query attribute */
#define GS1_F_DLPKEY  4u /* Digital Link primary key */
#define GS1_F_DECIMAL 8u /* last AI digit = implied decimal places */
/* every component is numeric (CSET N) */
#define GS1_F_NUMERIC 16u

#define GS1_MAX_COMP 5

typedef struct gs1__comp {
    uint8_t cset, min, max, optional;
    uint8_t lint[3];
} gs1__comp;

typedef struct gs1__ai {
    const char ai[5];
    uint8_t ailen;
    uint8_t flags;
    uint8_t ncomp;
    uint8_t minlen, maxlen;
    uint16_t req_first, req_n; /* into gs1__req_rule */
    int16_t ex;                /* set id of the excluded AIs, or -1 */
    int16_t dl_start;          /* DL automaton start state, or -1 */
    uint8_t alt_first, alt_n;  /* DL qualifier alternatives */
    uint8_t unit;              /* index into the unit table, 0 = none */
    const char *title_en, *title_zh;
    gs1__comp comp[GS1_MAX_COMP];
} gs1__ai;

typedef struct gs1__group {
    uint16_t first, n;
} gs1__group;
typedef struct gs1__edge {
    int16_t ai, to;
} gs1__edge;
typedef struct gs1__alt {
    uint8_t n;
    int16_t q[5];
} gs1__alt;
typedef struct gs1__unit {
    const char *prefix, *code, *en, *zh;
} gs1__unit;
typedef struct gs1__gcp {
    const char *prefix;
    int length;
} gs1__gcp;

/* Table access (gs1_table.c; the hot lookups are inline array reads). */
#define GS1__SETW_MAX 16
extern const gs1__ai gs1__tab_ai[];
extern const int16_t gs1__tab_idx[10000];
extern const uint8_t gs1__tab_plen[100];
extern const uint64_t gs1__sets[][GS1__SETW_MAX];
int gs1__ai_count(void);

static inline const gs1__ai *gs1__ai_at(int idx)
{
    /* Indices come from gs1__ai_find (or are -1): no upper bound check needed. */
    return idx >= 0 ? &gs1__tab_ai[idx] : NULL;
}

/* AI length implied by the first two digits of s, or 0 when unassigned. */
static inline int gs1__prefix_len(const char *s)
{
    unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';
    return (a < 10 && b < 10) ? gs1__tab_plen[a * 10 + b] : 0;
}

/* Dense index of the AI spelled s[0..n) (2-4 digits), or -1. */
static inline int gs1__ai_find(const char *s, size_t n)
{
    unsigned v, d;
    /* prefix_len checks the first two digits; the index is the AI as a
     * four-digit number, right-padded with zeros. */
    if (n < 2 || n > 4 || gs1__prefix_len(s) != (int)n)
        return -1;
    v = ((unsigned char)s[0] - '0') * 1000u + ((unsigned char)s[1] - '0') * 100u;
    if (n > 2) {
        if ((d = (unsigned char)s[2] - '0') > 9)
            return -1;
        v += d * 10u;
        if (n > 3) {
            if ((d = (unsigned char)s[3] - '0') > 9)
                return -1;
            v += d;
        }
    }
    return gs1__tab_idx[v];
}

static inline int gs1__set_has(int set, int idx)
{
    if (set < 0 || idx < 0)
        return 0;
    return (int)((gs1__sets[set][idx >> 6] >> (idx & 63)) & 1u);
}
/* Requisite rules: rule -> alternative groups -> terms (all must be met) ->
 * set. Read on every validation, so inline array reads. */
extern const gs1__group gs1__req_rule[];
extern const gs1__group gs1__req_group[];
extern const uint16_t gs1__req_term[];
static inline const gs1__group *gs1__rule(int i)
{
    return &gs1__req_rule[i];
}
static inline const gs1__group *gs1__group_at(int i)
{
    return &gs1__req_group[i];
}
static inline int gs1__term_set(int i)
{
    return gs1__req_term[i];
}
const char *gs1__rule_text(int i);
/* DL automaton step: next state from state on qualifier AI idx, or -1. */
extern const gs1__group gs1__dl_state[];
extern const gs1__edge gs1__dl_edge[];
static inline int gs1__dl_step(int state, int idx)
{
    const gs1__group *st = &gs1__dl_state[state];
    unsigned i;
    for (i = 0; i < st->n; i++)
        if (gs1__dl_edge[st->first + i].ai == idx)
            return gs1__dl_edge[st->first + i].to;
    return -1;
}
const gs1__alt *gs1__dl_alt(int i);
const gs1__unit *gs1__unit_at(int i);
int gs1__in_iso3166(int code);
int gs1__in_iso4217(int code);
int gs1__in_mediatype(int code);
int gs1__in_alpha2(char a, char b);
int gs1__in_packagetype(const char *s, size_t n);
/* Company prefix length for key digits s[0..n), from the run-time extension of the
 * context's dictionary first, then the compiled table; 0 when unknown. */
int gs1__gcp_length(const trace_ctx *ctx, const char *s, size_t n);

/* ---- character classes (gs1_lint.c) ---- */
extern const unsigned char gs1__cset82[256];
int gs1__is_cset82(unsigned char c);
int gs1__is_cset39(unsigned char c);
int gs1__is_cset64(unsigned char c);
/* SWAR digit test: a byte is a digit when its high nibble is 3 and adding 6
 * keeps it there (no carry crosses a byte that passed the first test). */
static inline int gs1__digits64(uint64_t x)
{
    const uint64_t hi = 0xF0F0F0F0F0F0F0F0u, three = 0x3030303030303030u,
                   six = 0x0606060606060606u;
    return (x & hi) == three && ((x + six) & hi) == three;
}

static inline int gs1__digits32(uint32_t x)
{
    const uint32_t hi = 0xF0F0F0F0u, three = 0x30303030u, six = 0x06060606u;
    return (x & hi) == three && ((x + six) & hi) == three;
}

/* All of v[0..n) are ASCII digits (a word at a time; inline: every key and
 * date goes through it). */
static inline int gs1__all_digits(const unsigned char *v, size_t n)
{
    size_t i;
    /* Whole words, the tail as one overlapping word (never reading outside). */
    if (n >= 8) {
        uint64_t x;
        for (i = 0; i + 8 <= n; i += 8) {
            memcpy(&x, v + i, 8);
            if (!gs1__digits64(x))
                return 0;
        }
        memcpy(&x, v + n - 8, 8);
        return gs1__digits64(x);
    }
    if (n >= 4) {
        uint32_t a, b;
        memcpy(&a, v, 4);
        memcpy(&b, v + n - 4, 4);
        return gs1__digits32(a) && gs1__digits32(b);
    }
    for (i = 0; i < n; i++)
        if ((unsigned)(v[i] - '0') >= 10)
            return 0;
    return 1;
}

/* ---- linters ---- */
/* Result of a linter: code 0 = ok, else a TRACE__D_GS1_* number, with the span
 * (relative to the component) and a short English reason key. */
typedef struct gs1__lint_err {
    int code;
    size_t off, len;
    const char *what; /* static detail, e.g. "day", "month", "list" */
} gs1__lint_err;

void gs1__lint(int linter, const char *s, size_t n, int year_now, gs1__lint_err *e);
void gs1__lint_coupon(int linter, const char *s, size_t n, int year_now,
                      gs1__lint_err *e);
/* Current UTC year (for the two-digit-year century rule). */
int trace__gs1_year_now(void);
/* Full year for a two-digit year with the GS1 sliding century rule. */
int gs1__century(int yy, int year_now);

/* ---- parsed message ---- */
#define GS1_MAX_ELEMS 64

typedef struct gs1__elem {
    int16_t idx; /* dense AI index, -1 unknown AI */
    uint8_t ailen;
    char ai[5];
    uint32_t ai_off;   /* offset of the AI in the input */
    uint32_t off, len; /* span of the value in the input (raw, before decoding) */
    const char *val;   /* value bytes (decoded) */
    uint32_t vlen;
    uint8_t carrier; /* label validation: which scan it came from */
    uint8_t in_path; /* DL: element came from the path */
    uint8_t cc;      /* composite: element is in the 2D (CC) component */
} gs1__elem;

typedef struct gs1__msg {
    size_t n;
    gs1__elem e[GS1_MAX_ELEMS];
    int from_dl; /* parsed from a Digital Link: n_path elements are the path */
    size_t n_path;
    uint32_t stem_off, stem_len; /* DL stem span in the input */
    int sym; /* 1 + index of the AIM symbology identifier of scan data, 0 none */
    uint32_t addon_off, addon_len; /* EAN add-on digits (]E3), 0 none */
    const char *addon_val;
    int year; /* current year once needed (two-digit year rule), 0 = not yet */
    size_t used;
    char buf[TRACE_CODE_MAX_INPUT + 64];
} gs1__msg;

/* Parse any element-string form (bracketed, ^/GS, scan data, ISO 15434, DL).
 * Problems go to res; returns 0 when a message was extracted (possibly with
 * errors), -1 when nothing could be read. */
int gs1__parse_any(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   gs1__msg *m, trace_code_result *res);
int gs1__parse_bracketed(const char *in, size_t len, size_t base, unsigned flags,
                         gs1__msg *m, trace_code_result *res);
int gs1__parse_unbracketed(const char *in, size_t len, size_t base, unsigned flags,
                           gs1__msg *m, trace_code_result *res);
int gs1__parse_scan(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                    gs1__msg *m, trace_code_result *res);
int gs1__parse_dl(const char *in, size_t len, unsigned flags, gs1__msg *m,
                  trace_code_result *res);
int gs1__is_dl(const char *in, size_t len);

/* Append an element; decoded values are copied into m->buf. NULL when full. */
gs1__elem *gs1__msg_add(gs1__msg *m, trace_code_result *res, const char *ai, size_t ailen,
                        size_t ai_off);
/* Store a decoded value copy in the message buffer. */
const char *gs1__msg_store(gs1__msg *m, const char *s, size_t n);

/* Validate every element (components, linters); unless elems_only, also the
 * message rules. */
void gs1__validate(const trace_ctx *ctx, gs1__msg *m, int elems_only, unsigned flags,
                   trace_code_result *res);
void gs1__validate_rules(const gs1__msg *m, unsigned flags, trace_code_result *res);

/* Fill res->fields, res->canonical and res->uri from a validated message. */
void gs1__report(const trace_ctx *ctx, gs1__msg *m, unsigned flags,
                 trace_code_result *res);

/* ---- output ---- */
#define GS1__WFULL ((size_t)-1) /* writers: out is too small */
#define GS1__WNONE ((size_t)-2) /* writers: the elements have no such form */
/* Bracketed element string, input order; '(' in values escaped. Returns length
 * or (size_t)-1 when out is too small. */
size_t gs1__write_bracketed(const gs1__msg *m, char *out, size_t size);
size_t gs1__write_unbracketed(const gs1__msg *m, char fnc1, char *out, size_t size);
/* Digital Link. With partial, AIs that cannot be DL attributes are left out and
 * their element indices set in *omitted (bit i); else any such AI fails (-1). */
size_t gs1__write_dl(const gs1__msg *m, const char *stem, int partial, uint64_t *omitted,
                     char *out, size_t size);

size_t gs1__write_hri(const gs1__msg *m, int titles, char *out, size_t size);
int gs1__write_epc(const trace_ctx *ctx, const gs1__msg *m, int gcp_len, char *out,
                   size_t size);
int gs1__parse_epc(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                   gs1__msg *m, trace_code_result *res);

/* Composite data (gs1_composite.c): linear part '|' CC part, in bracketed,
 * unbracketed ('^'/GS) or EAN/UPC scan form; CC elements get cc = 1. */
int gs1__parse_composite(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                         gs1__msg *m, trace_code_result *res);
/* Digital Link (gs1_dl_gtin.c): pad a GTIN-8/12/13 in AI (01) to 14 digits. */
void gs1__dl_pad_gtin(gs1__msg *m, trace_code_result *res);
/* EPC URNs without a GS1 key (gs1_epc_other.c): gid, usdod, bic, imovn. Returns 0
 * when in is not one of them; else fills res (fields, forms, diagnostics), 1. */
int gs1__parse_epc_other(const char *in, size_t len, trace_code_result *res);
/* trace_gs1_format of such a result: the URN for TRACE_GS1_EPC, else TRACE_EDATA;
 * 1 when res is not such a result. */
int gs1__format_epc_other(const trace_code_result *res, int form, char *out, size_t size);

/* ---- compressed Digital Link (gs1_dlc.c decodes, gs1_dlc_enc.c encodes) ---- */
/* Path [ps, pe) of a Digital Link whose last segment may be compressed: returns 1
 * when it is not (parse the path as usual), 0 when decoded into m, -1 on failure
 * (diagnostics in res). */
int gs1__dlc_path(const char *in, size_t ps, size_t pe, unsigned flags, gs1__msg *m,
                  trace_code_result *res);
#define GS1__DLC_NOOPT 1u  /* do not use the optimisation codes */
#define GS1__DLC_PARAMS 2u /* compress the non-GS1 query pairs too */
/* Compressed Digital Link URI; query holds non-GS1 "k=v&..." pairs to carry
 * (may be NULL). Returns the length, GS1__WFULL or GS1__WNONE. */
/* The elements (fields with parent -1) of a parsed result as a message (gs1.c). */
int gs1__msg_from_result(const trace_code_result *res, gs1__msg *m);
size_t gs1__write_dlc(const gs1__msg *m, const char *stem, unsigned opts, const char *query,
                      size_t qlen, char *out, size_t size);

/* A diagnostic about one element, with the "ai" argument set. */
trace_diag *gs1__diag(trace_code_result *res, int code, size_t off, size_t len,
                      const char *ai);

#endif
