/*
 * gs1.c - the GS1 code schemes and public API (UTDS Part 1, GS1: R-1.G.1):
 * "gs1" (element strings in every input form), "gs1-dl" (Digital Link URIs)
 * and "epc" (EPC pure-identity URNs, in gs1_epc.c); formatting a parsed
 * result in other forms; label-level validation over several scans.
 */
#include <string.h>

#include "gs1_int.h"

static void msg_reset(gs1__msg *m)
{
    m->n = 0;
    m->used = 0;
    m->from_dl = 0;
    m->n_path = 0;
    m->sym = 0;
    m->addon_off = m->addon_len = 0;
    m->addon_val = NULL;
    m->year = 0;
}

static int has_error(const trace_code_result *res)
{
    size_t i;
    for (i = 0; i < res->ndiags; i++)
        if (res->diags[i].severity >= TRACE_SEV_ERROR)
            return 1;
    return res->ndropped != 0;
}

static int finish(const trace_ctx *ctx, gs1__msg *m, int rc, unsigned flags,
                  trace_code_result *res)
{
    if (m->n == 0 && !has_error(res)) {
        /* e.g. a symbology identifier or FNC1 with nothing after it */
        trace_diag *d = trace__code_diag(res, TRACE__D_GS1_SYNTAX, 0, 0);
        trace__diag_arg(d, "reason", "no GS1 element");
        rc = -1;
    }
    if (rc == 0)
        gs1__validate(ctx, m, 0, flags, res);
    gs1__report(ctx, m, flags, res);
    return TRACE_OK;
}

static int parse_gs1(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                     trace_code_result *res)
{
    gs1__msg m;
    msg_reset(&m);
    return finish(ctx, &m, gs1__parse_any(ctx, in, len, flags, &m, res), flags, res);
}

static int parse_dl(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                    trace_code_result *res)
{
    gs1__msg m;
    int rc;
    msg_reset(&m);
    if (!gs1__is_dl(in, len)) {
        trace_diag *d = trace__code_diag(res, TRACE__D_DL_BAD_URI, 0, len < 8 ? len : 8);
        trace__diag_arg(d, "what", "scheme must be http:// or https://");
        return TRACE_OK;
    }
    rc = gs1__parse_dl(in, len, flags, &m, res);
    return finish(ctx, &m, rc, flags, res);
}

static int parse_epc(const trace_ctx *ctx, const char *in, size_t len, unsigned flags,
                     trace_code_result *res)
{
    gs1__msg m;
    if (gs1__parse_epc_other(in, len, res)) /* gid, usdod, bic, imovn: no GS1 key */
        return TRACE_OK;
    msg_reset(&m);
    return finish(ctx, &m, gs1__parse_epc(ctx, in, len, flags, &m, res), flags, res);
}

static int detect_gs1(const char *in, size_t len, const char **reason)
{
    if (in[0] == '(' && len >= 4) {
        *reason = "bracketed GS1 element string";
        return 90;
    }
    if ((in[0] == '^' || in[0] == '\x1d') && len >= 3) {
        *reason = "GS1 element string with FNC1";
        return 85;
    }
    if (in[0] == ']' && len >= 4) {
        *reason = "scan data with an AIM symbology identifier";
        return 85;
    }
    if (len >= 4 && !memcmp(in, "[)>\x1e", 4)) {
        *reason = "ISO/IEC 15434 envelope";
        return 85;
    }
    return 0;
}

static int detect_dl(const char *in, size_t len, const char **reason)
{
    if (!gs1__is_dl(in, len))
        return 0;
    *reason = "http(s) URI with a GS1 primary key path";
    return 80;
}

static int detect_epc(const char *in, size_t len, const char **reason)
{
    if (!(len > 11 && !memcmp(in, "urn:epc:id:", 11)) &&
        !(len > 14 && !memcmp(in, "urn:epc:class:", 14)))
        return 0;
    *reason = "EPC pure-identity URN";
    return 95;
}

TRACE__SCHEME_DEFINE(gs1) = {
    {"gs1", "GS1 element string", "GS1 元素串", "GS1 General Specifications; GB/T 16986",
     "(AI)value... bracketed, ^/GS unbracketed, AIM scan data, ISO/IEC 15434",
     "(01)09521234543213(17)251231(10)ABC123",
     "AI table, lengths, character sets, check digits, all linters, req/ex rules"},
    parse_gs1,
    detect_gs1};

TRACE__SCHEME_DEFINE(gs1_dl) = {
    {"gs1-dl", "GS1 Digital Link URI", "GS1 数字链接", "GS1 Digital Link URI Syntax 1.x",
     "https://host/stem/AI/key[/AI/qualifier...][?AI=value&...]",
     "https://id.gs1.org/01/09521234543213/10/ABC123?17=251231",
     "path key and qualifier sequence, query attributes, percent-encoding, all GS1 "
     "checks"},
    parse_dl,
    detect_dl};

TRACE__SCHEME_DEFINE(epc) = {
    {"epc", "EPC pure-identity URN", "EPC 纯身份 URN", "GS1 EPC Tag Data Standard 2.x",
     "urn:epc:id:<scheme>:<company prefix>.<reference>[.<serial>]",
     "urn:epc:id:sgtin:0614141.812345.6789",
     "sgtin sscc sgln grai giai gsrn gsrnp gdti sgcn cpi pgln upui itip gsin ginc, lgtin "
     "class; gid usdod bic imovn checked, no GS1 form"},
    parse_epc,
    detect_epc};

/* ---- public API ---- */

/* Rebuild a message from the element fields (parent -1, AI names) of a result. */
static int msg_from_result(const trace_code_result *res, gs1__msg *m)
{
    size_t i;
    msg_reset(m);
    for (i = 0; i < res->nfields; i++) {
        const trace_code_field *f = &res->fields[i];
        size_t n = f->name ? strlen(f->name) : 0;
        gs1__elem *e;
        if (f->parent != -1 || n < 2 || n > 4 || f->name[0] < '0' || f->name[0] > '9')
            continue;
        if (m->n == GS1_MAX_ELEMS)
            return -1;
        e = &m->e[m->n++];
        memcpy(e->ai, f->name, n + 1);
        e->ailen = (uint8_t)n;
        e->idx = (int16_t)gs1__ai_find(f->name, n);
        e->val = f->value;
        e->vlen = (uint32_t)strlen(f->value);
        e->off = f->offset;
        e->len = f->length;
        e->ai_off = 0;
        e->carrier = 0;
        e->in_path = 0;
        e->cc = (f->flags & TRACE_CODE_FIELD_CC) != 0;
    }
    return m->n ? 0 : -1;
}

int gs1__msg_from_result(const trace_code_result *res, gs1__msg *m)
{
    return msg_from_result(res, m);
}

static int scan_form(const gs1__msg *m, const char *sym, char *out, size_t size)
{
    size_t n;
    if (size < 4)
        return TRACE_EBUFS;
    memcpy(out, sym, 3);
    n = gs1__write_unbracketed(m, '\x1d', out + 3, size - 3);
    return n == (size_t)-1 ? TRACE_EBUFS : TRACE_OK;
}

int trace_gs1_format(const trace_ctx *ctx, const trace_code_result *res,
                     trace_gs1_form form, const char *stem, int gcp_len, char *out,
                     size_t size, uint64_t *omitted)
{
    gs1__msg m;
    size_t n;
    int rc;
    static const char *const syms[] = {"]d2", "]Q3", "]C1", "]J1", "]e0"};
    if (!res || !out || !size)
        return TRACE_EINVAL;
    out[0] = '\0';
    if ((rc = gs1__format_epc_other(res, (int)form, out, size)) != 1)
        return rc; /* an EPC URN without a GS1 key */
    if (msg_from_result(res, &m) < 0)
        return TRACE_EDATA;
    switch (form) {
    case TRACE_GS1_BRACKETED: n = gs1__write_bracketed(&m, out, size); break;
    case TRACE_GS1_UNBRACKETED: n = gs1__write_unbracketed(&m, '^', out, size); break;
    case TRACE_GS1_GS: n = gs1__write_unbracketed(&m, '\x1d', out, size); break;
    case TRACE_GS1_DL:
    case TRACE_GS1_DL_PARTIAL:
        n = gs1__write_dl(&m, stem, form == TRACE_GS1_DL_PARTIAL, omitted, out, size);
        if (n == GS1__WNONE)
            return TRACE_EDATA; /* no key, or an AI that cannot be in a DL */
        break;
    case TRACE_GS1_HRI:
    case TRACE_GS1_HRI_TITLES:
    case TRACE_GS1_HRI_TITLES_ZH:
        n = gs1__write_hri(&m, (int)form - (int)TRACE_GS1_HRI, out, size);
        break;
    case TRACE_GS1_SCAN_DM:
    case TRACE_GS1_SCAN_QR:
    case TRACE_GS1_SCAN_128:
    case TRACE_GS1_SCAN_DOTCODE:
    case TRACE_GS1_SCAN_DATABAR:
        return scan_form(&m, syms[form - TRACE_GS1_SCAN_DM], out, size);
    case TRACE_GS1_EPC: return gs1__write_epc(ctx, &m, gcp_len, out, size);
    case TRACE_GS1_DL_COMPRESSED: /* gs1_dlc_enc.c */
        return trace_gs1_dl_compress(ctx, res, stem, 0, NULL, 0, out, size);
    default: return TRACE_EINVAL;
    }
    return n == (size_t)-1 ? TRACE_EBUFS : TRACE_OK;
}

int trace_gs1_gcp_length(const trace_ctx *ctx, const char *ai, const char *key,
                         size_t len)
{
    size_t skip = 0;
    if (!key)
        return 0;
    /* Keys that start with an indicator / extension digit or a filter zero. */
    if (ai && (!strcmp(ai, "00") || !strcmp(ai, "01") || !strcmp(ai, "02") ||
               !strcmp(ai, "03") || !strcmp(ai, "8006") || !strcmp(ai, "8026") ||
               !strcmp(ai, "8003")))
        skip = 1;
    if (len <= skip)
        return 0;
    return gs1__gcp_length(ctx, key + skip, len - skip);
}

static void tag_scan(trace_code_result *res, size_t from, size_t scan)
{
    size_t i;
    for (i = from; i < res->ndiags; i++)
        trace__diag_argf(&res->diags[i], "scan", "%zu", scan);
}

/* Union-rule diagnostics name the scan of the element they are about. */
static void tag_rules(const gs1__msg *m, trace_code_result *res, size_t from)
{
    size_t i, j;
    for (i = from; i < res->ndiags; i++) {
        const char *ai = trace_diag_arg_get(&res->diags[i], "ai");
        for (j = 0; ai && j < m->n; j++)
            if (!strcmp(m->e[j].ai, ai) && (m->e[j].ai_off == res->diags[i].loc.offset ||
                                            m->e[j].off == res->diags[i].loc.offset)) {
                trace__diag_argf(&res->diags[i], "scan", "%u", m->e[j].carrier);
                break;
            }
    }
}

static void label_conflicts(const gs1__msg *m, trace_code_result *res)
{
    size_t i, j;
    for (i = 1; i < m->n; i++)
        for (j = 0; j < i; j++)
            if (!strcmp(m->e[i].ai, m->e[j].ai) && m->e[i].carrier != m->e[j].carrier &&
                (m->e[i].vlen != m->e[j].vlen ||
                 memcmp(m->e[i].val, m->e[j].val, m->e[i].vlen))) {
                trace_diag *d = gs1__diag(res, TRACE__D_GS1_LABEL_CONFLICT, m->e[i].off,
                                          m->e[i].len, m->e[i].ai);
                trace__diag_argf(d, "scans", "%u,%u", m->e[j].carrier, m->e[i].carrier);
                break;
            }
}

int trace_gs1_label(const trace_ctx *ctx, const char *const *scans, const size_t *lens,
                    size_t n, unsigned flags, trace_code_result *res)
{
    gs1__msg m;
    size_t s, k;
    if (!scans || !lens || !res || n == 0 || n > 255)
        return TRACE_EINVAL;
    trace_code_result_init(res);
    res->scheme = "gs1";
    msg_reset(&m);
    for (s = 0; s < n; s++) {
        size_t from = res->ndiags, first = m.n;
        gs1__msg one;
        if (!scans[s] || lens[s] == 0 || lens[s] > TRACE_CODE_MAX_INPUT) {
            trace__code_diag(res, TRACE__D_EMPTY, 0, 0);
            tag_scan(res, from, s);
            continue;
        }
        msg_reset(&one);
        if (gs1__parse_any(ctx, scans[s], lens[s], flags, &one, res) == 0)
            gs1__validate(ctx, &one, 1, flags, res);
        for (k = 0; k < one.n && m.n < GS1_MAX_ELEMS; k++) {
            gs1__elem *e = &m.e[m.n++];
            *e = one.e[k];
            e->val = gs1__msg_store(&m, one.e[k].val, one.e[k].vlen);
            if (!e->val) {
                m.n--;
                trace__code_diag(res, TRACE__D_RESULT_FULL, 0, 0);
                break;
            }
            e->carrier = (uint8_t)s;
        }
        (void)first;
        tag_scan(res, from, s);
    }
    k = res->ndiags;
    gs1__validate_rules(&m, flags, res);
    label_conflicts(&m, res);
    tag_rules(&m, res, k);
    gs1__report(ctx, &m, flags, res);
    trace__code_finish(res);
    return TRACE_OK;
}
