/*
 * event.c - helpers of the record model: string slices, CBV spellings,
 * identifier kinds, timestamps, names of types, actions and fields.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "libtrace/event.h"

trace_str trace_str_c(const char *s)
{
    trace_str r;
    r.s = s;
    r.len = s ? strlen(s) : 0;
    return r;
}

int trace_str_eq(trace_str a, const char *b)
{
    size_t n = b ? strlen(b) : 0;
    return a.len == n && (n == 0 || memcmp(a.s, b, n) == 0);
}

static int has_prefix(trace_str s, const char *p, size_t *plen)
{
    size_t n = strlen(p);
    if (s.len < n || memcmp(s.s, p, n) != 0)
        return 0;
    *plen = n;
    return 1;
}

/* URN and Web URI prefixes of each CBV list, indexed by trace_cbv_list. */
static const char *const urn_prefix[] = {"urn:epcglobal:cbv:bizstep:", "urn:epcglobal:cbv:disp:",
                                         "urn:epcglobal:cbv:btt:", "urn:epcglobal:cbv:sdt:",
                                         "urn:epcglobal:cbv:er:"};
static const char *const web_prefix[] = {
    "https://ref.gs1.org/cbv/BizStep-", "https://ref.gs1.org/cbv/Disp-",
    "https://ref.gs1.org/cbv/BTT-", "https://ref.gs1.org/cbv/SDT-", "https://ref.gs1.org/cbv/ER-"};

void trace_vocab_set(trace_vocab *v, trace_cbv_list list, trace_str raw)
{
    size_t n = 0;
    v->raw = raw;
    v->value = raw;
    if (raw.len == 0) {
        v->form = TRACE_CBV_NONE;
        return;
    }
    if ((unsigned)list <= TRACE_CBV_ER && has_prefix(raw, urn_prefix[list], &n)) {
        v->form = TRACE_CBV_URN;
    } else if ((unsigned)list <= TRACE_CBV_ER && has_prefix(raw, web_prefix[list], &n)) {
        v->form = TRACE_CBV_WEB;
    } else if (!memchr(raw.s, ':', raw.len)) {
        v->form = TRACE_CBV_BARE; /* a bare JSON-LD term has no scheme */
        return;
    } else {
        v->form = TRACE_CBV_OTHER;
        return;
    }
    v->value.s = raw.s + n;
    v->value.len = raw.len - n;
}

size_t trace_vocab_format(const trace_vocab *v, trace_cbv_list list, trace_cbv_style style,
                          char *buf, size_t size)
{
    int n;
    if (v->form == TRACE_CBV_OTHER || v->form == TRACE_CBV_NONE ||
        style == TRACE_CBV_STYLE_KEEP || (unsigned)list > TRACE_CBV_ER)
        n = snprintf(buf, size, "%.*s", (int)v->raw.len, v->raw.s ? v->raw.s : "");
    else if (style == TRACE_CBV_STYLE_URN)
        n = snprintf(buf, size, "%s%.*s", urn_prefix[list], (int)v->value.len, v->value.s);
    else if (style == TRACE_CBV_STYLE_WEB)
        n = snprintf(buf, size, "%s%.*s", web_prefix[list], (int)v->value.len, v->value.s);
    else
        n = snprintf(buf, size, "%.*s", (int)v->value.len, v->value.s);
    return n < 0 ? 0 : (size_t)n;
}

trace_id_form trace_id_classify(trace_str raw)
{
    size_t n;
    if (has_prefix(raw, "urn:epc:id:", &n) || has_prefix(raw, "urn:epc:class:", &n) ||
        has_prefix(raw, "urn:epc:idpat:", &n))
        return TRACE_ID_EPC_URN;
    if (has_prefix(raw, "urn:utds:id:", &n))
        return TRACE_ID_UTDS;
    if (has_prefix(raw, "https://", &n) || has_prefix(raw, "http://", &n)) {
        /* A Digital Link path holds a primary key: /01/, /00/, /414/, /8004/ ... */
        const char *p = raw.s + n, *end = raw.s + raw.len;
        while (p < end && *p != '/')
            p++;
        while (p + 2 < end) {
            const char *q = p + 1;
            size_t digits = 0;
            while (q < end && *q >= '0' && *q <= '9')
                q++, digits++;
            if (digits >= 2 && digits <= 4 && q < end && *q == '/')
                return TRACE_ID_DL;
            while (++p < end && *p != '/')
                ;
        }
    }
    return TRACE_ID_OTHER;
}

static int digits(const char *p, int n, int *out)
{
    int v = 0, i;
    for (i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 0;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dm[m - 1];
}

int trace_offset_parse(trace_str s, int *minutes)
{
    int h, m;
    if (s.len != 6 || (s.s[0] != '+' && s.s[0] != '-') || s.s[3] != ':' ||
        digits(s.s + 1, 2, &h) || digits(s.s + 4, 2, &m) || m > 59 || h > 14 ||
        (h == 14 && m != 0))
        return TRACE_EDATA;
    if (minutes)
        *minutes = (s.s[0] == '-' ? -1 : 1) * (h * 60 + m);
    return TRACE_OK;
}

int trace_time_parse(trace_str lx, trace_time *t)
{
    const char *p = lx.s;
    size_t n = lx.len, i = 19;
    int y, mo, d, h, mi, se, off = 0;
    uint32_t nanos = 0;
    uint8_t frac = 0;
    t->lexeme = lx;
    t->valid = 0;
    t->seconds = 0;
    t->nanos = 0;
    t->offset_min = 0;
    t->frac_digits = 0;
    if (n < 20 || digits(p, 4, &y) || p[4] != '-' || digits(p + 5, 2, &mo) || p[7] != '-' ||
        digits(p + 8, 2, &d) || (p[10] != 'T' && p[10] != 't') || digits(p + 11, 2, &h) ||
        p[13] != ':' || digits(p + 14, 2, &mi) || p[16] != ':' || digits(p + 17, 2, &se))
        return TRACE_EDATA;
    if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 60)
        return TRACE_EDATA;
    if (p[i] == '.') {
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9') {
            if (frac < 9)
                nanos = nanos * 10 + (uint32_t)(p[i] - '0');
            if (frac < 255)
                frac++;
            i++;
        }
        if (frac == 0)
            return TRACE_EDATA;
    }
    {
        uint8_t k; /* scale the kept digits (at most 9) to nanoseconds */
        for (k = frac < 9 ? frac : 9; k < 9; k++)
            nanos *= 10;
    }
    if (i >= n)
        return TRACE_EDATA;
    if (i == n - 1 && (p[i] == 'Z' || p[i] == 'z')) {
        off = 0;
    } else {
        trace_str z;
        z.s = p + i;
        z.len = n - i;
        if (trace_offset_parse(z, &off) != TRACE_OK)
            return TRACE_EDATA;
    }
    t->seconds = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + (se == 60 ? 59 : se) -
                 (int64_t)off * 60;
    t->nanos = nanos;
    t->offset_min = (int16_t)off;
    t->frac_digits = frac;
    t->valid = 1;
    return TRACE_OK;
}

static const char *const type_names[] = {"ObjectEvent", "AggregationEvent", "TransactionEvent",
                                         "TransformationEvent", "AssociationEvent",
                                         "ExtensionEvent"};

const char *trace_event_type_name(trace_event_type t)
{
    return (unsigned)t < TRACE__ARRAY_LEN(type_names) ? type_names[t] : NULL;
}

int trace_event_type_from_name(trace_str name, trace_event_type *out)
{
    size_t i;
    for (i = 0; i < TRACE_EVENT_EXTENSION; i++)
        if (trace_str_eq(name, type_names[i])) {
            if (out)
                *out = (trace_event_type)i;
            return TRACE_OK;
        }
    return TRACE_ENOTFOUND;
}

const char *trace_action_name(trace_action a)
{
    switch (a) {
    case TRACE_ACTION_ADD: return "ADD";
    case TRACE_ACTION_OBSERVE: return "OBSERVE";
    case TRACE_ACTION_DELETE: return "DELETE";
    case TRACE_ACTION_NONE:
    case TRACE_ACTION_INVALID: break;
    }
    return NULL;
}

static const char *const field_names[TRACE_F_COUNT] = {
    "type", "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "errorDeclaration",
    "certificationInfo", "epcList", "parentID", "childEPCs", "inputEPCList", "outputEPCList",
    "quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList", "action",
    "transformationID", "bizStep", "disposition", "persistentDisposition", "readPoint",
    "bizLocation", "bizTransactionList", "sourceList", "destinationList", "sensorElementList",
    "ilmd", "(extension)", "@context"};

const char *trace_field_name(trace_field f)
{
    return (unsigned)f < TRACE_F_COUNT ? field_names[f] : NULL;
}

void trace_event_init(trace_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->index = -1;
}

void trace_header_init(trace_header *h)
{
    memset(h, 0, sizeof(*h));
}

const trace_md_element *trace_masterdata_find(const trace_masterdata *md, trace_str id)
{
    size_t v, e;
    for (v = 0; md && v < md->nvocabularies; v++) {
        const trace_vocabulary *voc = &md->vocabularies[v];
        for (e = 0; e < voc->nelements; e++)
            if (voc->elements[e].id.len == id.len &&
                memcmp(voc->elements[e].id.s, id.s, id.len) == 0)
                return &voc->elements[e];
    }
    return NULL;
}

const trace_md_attr *trace_md_element_attr(const trace_md_element *el, const char *id)
{
    size_t i;
    for (i = 0; el && i < el->nattrs; i++)
        if (trace_str_eq(el->attrs[i].id, id))
            return &el->attrs[i];
    return NULL;
}
