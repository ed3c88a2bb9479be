/*
 * fuzz_hash.c - an arbitrary model built from the input bytes must hash
 * under every profile without crashing; the pre-hash is deterministic (the
 * same event twice gives the same bytes, and the ID is the hash of them);
 * identifier canonicalisation of any string terminates and is idempotent on
 * its own output; the document digest and a signature round trip verify.
 *
 * Input layout: a sequence of "fields", each one selector byte and a
 * length-prefixed string (length byte, then bytes). The selector picks the
 * slot the string goes to; extension trees get children by selector too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"
#include "libtrace/hash.h"
#include "libtrace/sign.h"

#define MAXN 16

typedef struct fz {
    const uint8_t *p;
    size_t n;
} fz;

static int take(fz *f, trace_str *out)
{
    size_t len;
    if (f->n < 1)
        return 0;
    len = f->p[0];
    if (len > f->n - 1)
        len = f->n - 1;
    out->s = (const char *)f->p + 1;
    out->len = len;
    f->p += 1 + len;
    f->n -= 1 + len;
    return 1;
}

typedef struct model {
    trace_event ev;
    trace_id ids[MAXN];
    trace_quantity q[MAXN];
    trace_ext ext[MAXN], kids[MAXN];
    trace_ext_attr attrs[MAXN];
    trace_sensor_attr sa[MAXN];
    trace_sensor_report rep[2];
    trace_sensor_element se[1];
    trace_biz_transaction bt[MAXN];
    trace_party_ref pr[MAXN];
    trace_vocab pd[MAXN];
    size_t nids, nq, next, nkids, nattrs, nsa, nbt, npr, npd;
} model;

static void place(model *m, unsigned sel, trace_str s)
{
    trace_event *e = &m->ev;
    switch (sel % 20) {
    case 0: trace_time_parse(s, &e->event_time); break;
    case 1: e->tz_offset = s; break;
    case 2: if (m->nids < MAXN) m->ids[m->nids++].raw = s; break;
    case 3: trace_vocab_set(&e->biz_step, TRACE_CBV_BIZSTEP, s); break;
    case 4: trace_vocab_set(&e->disposition, TRACE_CBV_DISP, s); break;
    case 5: e->read_point.id.raw = s, e->read_point.present = 1; break;
    case 6: e->parent_id.raw = s; break;
    case 7:
        if (m->nq < MAXN) {
            trace_quantity *q = &m->q[m->nq++];
            q->epc_class.raw = s;
            q->quantity.lexeme = s;
            q->uom = s;
        }
        break;
    case 8:
        if (m->next < MAXN) {
            trace_ext *x = &m->ext[m->next++];
            x->kind = TRACE_EXT_ELEMENT;
            x->ns = s;
            x->name = s;
            x->text = s;
        }
        break;
    case 9:
        if (m->next && m->nkids < MAXN) {
            trace_ext *x = &m->ext[m->next - 1], *k = &m->kids[m->nkids++];
            k->kind = (trace_ext_kind)(s.len % 3);
            k->name = s;
            k->text = s;
            if (!x->children)
                x->children = k;
            if (x->children + x->nchildren == k)
                x->nchildren++;
        }
        break;
    case 10:
        if (m->next && m->nattrs < MAXN) {
            trace_ext *x = &m->ext[m->next - 1];
            trace_ext_attr *a = &m->attrs[m->nattrs++];
            a->name = s;
            a->value = s;
            if (!x->attrs)
                x->attrs = a;
            if (x->attrs + x->nattrs == a)
                x->nattrs++;
        }
        break;
    case 11:
        if (m->nsa < MAXN) {
            trace_sensor_attr *a = &m->sa[m->nsa++];
            static const char *const names[] = {"type", "value", "time", "component", "bizRules", "uom"};
            a->name = trace_str_c(names[s.len % 6]);
            a->ns = s.len & 8 ? s : trace_str_c("");
            a->value = s;
        }
        break;
    case 12:
        if (m->nbt < MAXN) {
            trace_vocab_set(&m->bt[m->nbt].type, TRACE_CBV_BTT, s);
            m->bt[m->nbt++].id.raw = s;
        }
        break;
    case 13:
        if (m->npr < MAXN) {
            trace_vocab_set(&m->pr[m->npr].type, TRACE_CBV_SDT, s);
            m->pr[m->npr++].id.raw = s;
        }
        break;
    case 14: if (m->npd < MAXN) trace_vocab_set(&m->pd[m->npd++], TRACE_CBV_DISP, s); break;
    case 15: e->action_raw = s, e->action = TRACE_ACTION_INVALID; break;
    case 16: e->event_id.raw = s; break;
    case 17: trace_time_parse(s, &e->record_time); break;
    case 18: e->type = TRACE_EVENT_EXTENSION, e->type_name = s; break;
    default: e->transformation_id.raw = s; break;
    }
}

static void finish(model *m)
{
    trace_event *e = &m->ev;
    size_t half = m->nids / 2;
    e->epc_list.items = m->ids, e->epc_list.n = half;
    e->child_epcs.items = m->ids + half, e->child_epcs.n = m->nids - half;
    e->quantity_list.items = m->q, e->quantity_list.n = m->nq;
    e->ext = m->ext, e->next = m->next;
    e->ilmd = m->kids, e->nilmd = m->nkids, e->has_ilmd = m->nkids > 0;
    e->read_point.ext = m->kids, e->read_point.next = m->nkids / 2;
    m->rep[0].attrs = m->sa, m->rep[0].nattrs = m->nsa;
    m->rep[1].attrs = m->sa, m->rep[1].nattrs = m->nsa / 2;
    m->rep[1].ext = m->ext, m->rep[1].next = m->next / 2;
    m->se[0].reports = m->rep, m->se[0].nreports = m->nsa ? 2 : 0;
    m->se[0].metadata = m->sa, m->se[0].nmetadata = m->nsa / 3, m->se[0].has_metadata = m->nsa > 2;
    m->se[0].ext = m->kids, m->se[0].next = m->nkids;
    e->sensors = m->se, e->nsensors = m->nsa ? 1 : 0;
    e->biz_transactions = m->bt, e->nbiz_transactions = m->nbt;
    e->sources = m->pr, e->nsources = m->npr;
    e->destinations = m->pr, e->ndestinations = m->npr / 2;
    e->pd_set = m->pd, e->npd_set = m->npd;
    e->pd_unset = m->pd, e->npd_unset = m->npd / 2;
    e->has_persistent_disposition = m->npd > 0;
}

static void check_profiles(trace_ctx *ctx, const trace_event *ev)
{
    unsigned p;
    for (p = 0; p < TRACE_HASH_PROFILE_COUNT; p++) {
        trace_hash_options o = TRACE_HASH_OPTIONS_INIT;
        trace_hasher *h;
        const char *s;
        size_t n;
        char *copy, id1[TRACE_HASH_ID_SIZE], id2[TRACE_HASH_ID_SIZE];
        o.profile = (trace_hash_profile)p;
        if (trace_hasher_new(&h, ctx, &o) != TRACE_OK)
            abort();
        if (trace_hasher_prehash(h, ev, &s, &n) != TRACE_OK || strlen(s) > n)
            abort();
        copy = malloc(n + 1);
        memcpy(copy, s, n + 1);
        if (trace_hasher_prehash(h, ev, &s, &n) != TRACE_OK || memcmp(copy, s, n + 1) != 0)
            abort(); /* deterministic */
        if (trace_hasher_event_id(h, ev, id1, sizeof(id1), NULL) != TRACE_OK ||
            trace_hasher_event_id(h, ev, id2, sizeof(id2), NULL) != TRACE_OK ||
            strcmp(id1, id2) != 0 || strncmp(id1, "ni:///sha-256;", 14) != 0)
            abort();
        free(copy);
        trace_hasher_free(h);
    }
}

static void check_ids(const uint8_t *data, size_t size)
{
    char a[4096], b[4096];
    size_t n = trace_hash_canonical_id((const char *)data, size, a, sizeof(a));
    if (n < sizeof(a)) {
        size_t m = trace_hash_canonical_id(a, n, b, sizeof(b));
        if (m != n || memcmp(a, b, n) != 0)
            abort(); /* canonical forms are fixed points */
    }
}

static void check_signature(trace_ctx *ctx, const trace_event *ev)
{
    trace_key *k;
    trace_signer *s;
    trace_verifier *v;
    trace_trailer t;
    trace_verdict verdict;
    if (trace_key_generate(&k, ctx) != TRACE_OK)
        abort();
    if (trace_signer_new(&s, ctx, k) || trace_signer_header(s, NULL, NULL) ||
        trace_signer_event(s, ev) || trace_signer_finish(s, &t))
        abort();
    if (trace_verifier_new(&v, ctx, (const trace_key *const *)&k, 1, NULL) ||
        trace_verifier_header(v, NULL, NULL) || trace_verifier_event(v, ev) ||
        trace_verifier_finish(v, &t, &verdict) || verdict != TRACE_VERDICT_VALID)
        abort();
    trace_verifier_free(v);
    trace_signer_free(s);
    trace_key_free(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_ctx *ctx;
    model *m;
    fz f;
    trace_str s;
    if (size > 8192)
        return 0;
    check_ids(data, size);
    if (trace_ctx_new(&ctx, NULL) != TRACE_OK)
        return 0;
    m = calloc(1, sizeof(*m));
    trace_event_init(&m->ev);
    m->ev.type = TRACE_EVENT_OBJECT;
    f.p = data;
    f.n = size;
    while (f.n >= 2) {
        unsigned sel = *f.p++;
        f.n--;
        if (!take(&f, &s))
            break;
        place(m, sel, s);
    }
    finish(m);
    check_profiles(ctx, &m->ev);
    check_signature(ctx, &m->ev);
    free(m);
    trace_ctx_free(ctx);
    return 0;
}
