/*
 * hash_build.h - helpers for the hash/sign unit tests: build model events in
 * C (no codec needed) and read reference vector files when present.
 */
#ifndef TRACE_HASH_BUILD_H
#define TRACE_HASH_BUILD_H

#include "unit.h"
#include "libtrace/hash.h"
#include "libtrace/sign.h"

#define HB_MAX 32
#define TRACE__CASES(a) (sizeof(a) / sizeof((a)[0]))

/* A test event with its own storage. */
typedef struct hb_event {
    trace_event ev;
    trace_id epcs[HB_MAX];
    trace_quantity qty[HB_MAX];
    trace_biz_transaction btx[HB_MAX];
    trace_party_ref src[HB_MAX], dst[HB_MAX];
    trace_vocab pd_set[4], pd_unset[4];
    trace_ext ext[HB_MAX], rp_ext[HB_MAX], sub[HB_MAX];
    trace_sensor_element se[4];
    trace_sensor_report rep[8];
    trace_sensor_attr attrs[64];
    trace_id cert[4];
    size_t nattrs;
} hb_event;

static inline trace_str S(const char *s)
{
    return trace_str_c(s);
}

static inline void hb_init(hb_event *b, trace_event_type type, const char *time,
                           const char *offset)
{
    memset(b, 0, sizeof(*b));
    trace_event_init(&b->ev);
    b->ev.type = type;
    b->ev.type_name = S(trace_event_type_name(type));
    trace_time_parse(S(time), &b->ev.event_time);
    b->ev.tz_offset = S(offset);
}

static inline void hb_epcs(hb_event *b, const char *const *epcs, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        b->epcs[i].raw = S(epcs[i]);
    b->ev.epc_list.items = b->epcs;
    b->ev.epc_list.n = n;
    b->ev.epc_list.present = 1;
}

static inline void hb_action(hb_event *b, trace_action a)
{
    b->ev.action = a;
    b->ev.action_raw = S(trace_action_name(a));
}

static inline void hb_vocab(trace_vocab *v, trace_cbv_list l, const char *raw)
{
    trace_vocab_set(v, l, S(raw));
}

static inline trace_ext hb_leaf(const char *ns, const char *name, const char *text)
{
    trace_ext x;
    memset(&x, 0, sizeof(x));
    x.kind = TRACE_EXT_ELEMENT;
    x.ns = S(ns);
    x.name = S(name);
    x.text = S(text);
    return x;
}

static inline trace_sensor_attr hb_attr(const char *ns, const char *name, const char *value)
{
    trace_sensor_attr a;
    memset(&a, 0, sizeof(a));
    a.ns = S(ns);
    a.name = S(name);
    a.value = S(value);
    return a;
}

/* Read a whole file into a malloc'd NUL-terminated buffer, or NULL. */
static inline char *hb_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = (size_t)n;
    return buf;
}

/* Line k (0-based) of a reference file under hash-vectors/<rel>, malloc'd, or NULL. */
static inline char *hb_ref_line(const char *rel, int k)
{
    char dir[1024], path[1400], *buf, *p, *e, *out;
    int i;
    if (!unit_ref_dir(dir, sizeof(dir)))
        return NULL;
    snprintf(path, sizeof(path), "%s/epcis/hash-vectors/%s", dir, rel);
    buf = hb_slurp(path, NULL);
    if (!buf)
        return NULL;
    for (p = buf, i = 0; i < k && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    if (!p || !*p) {
        free(buf);
        return NULL;
    }
    e = p + strcspn(p, "\r\n");
    out = malloc((size_t)(e - p) + 1);
    memcpy(out, p, (size_t)(e - p));
    out[e - p] = '\0';
    free(buf);
    return out;
}

#endif
