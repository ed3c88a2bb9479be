/*
 * bench_hash.c - event hashing, signing and verifying throughput on 100,000
 * generated events (fixed seed): ObjectEvents with two EPC URNs, a CBV
 * bizStep and disposition, a read point, a business transaction, a quantity
 * and an extension, in four shapes. Hashing is the full pre-hash build
 * (URN to Digital Link, timestamps, sorting) plus SHA-256 under cbv20-ref;
 * signing and verifying stream the same events through the document digest
 * (strict canonical form, two SHA-256 per event) and one Ed25519 operation.
 *
 * Prints:
 *   BENCH hash.events_per_s N
 *   BENCH sign.events_per_s N
 *   BENCH verify.events_per_s N
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libtrace/trace.h"
#include "libtrace/hash.h"
#include "libtrace/sign.h"

#define N_EVENTS 100000
#define SHAPES 4

typedef struct gen {
    trace_event ev;
    trace_id epcs[2];
    trace_biz_transaction btx;
    trace_quantity qty;
    trace_ext ext;
    char epc[2][64], time[40], qtyv[16], tx[64];
} gen;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* per core: CPU time, not wall time */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long rnd(unsigned long *s)
{
    *s = *s * 6364136223846793005UL + 1442695040888963407UL;
    return *s >> 33;
}

/* Fill g with event i (all strings point into g). */
static void make_event(gen *g, unsigned long i, unsigned long *seed)
{
    static const char *const steps[] = {"shipping", "urn:epcglobal:cbv:bizstep:receiving",
                                        "https://ref.gs1.org/cbv/BizStep-packing", "inspecting"};
    static const char *const disps[] = {"in_transit", "in_progress", "active", "recalled"};
    unsigned long shape = i % SHAPES;
    memset(g, 0, sizeof(*g));
    trace_event_init(&g->ev);
    g->ev.type = TRACE_EVENT_OBJECT;
    g->ev.type_name = trace_str_c("ObjectEvent");
    snprintf(g->time, sizeof(g->time), "2026-%02lu-%02luT%02lu:%02lu:%02lu.%03lu+08:00",
             1 + rnd(seed) % 12, 1 + rnd(seed) % 28, rnd(seed) % 24, rnd(seed) % 60,
             rnd(seed) % 60, rnd(seed) % 1000);
    trace_time_parse(trace_str_c(g->time), &g->ev.event_time);
    g->ev.tz_offset = trace_str_c("+08:00");
    snprintf(g->epc[0], sizeof(g->epc[0]), "urn:epc:id:sgtin:6901234.0%05lu.%lu", rnd(seed) % 100000,
             i);
    if (shape == 1)
        snprintf(g->epc[1], sizeof(g->epc[1]), "urn:epc:id:sscc:6901234.%010lu", i);
    else
        snprintf(g->epc[1], sizeof(g->epc[1]), "https://id.gs1.org/01/0690123400001%lu/21/S%lu",
                 i % 10, i);
    g->epcs[0].raw = trace_str_c(g->epc[0]);
    g->epcs[1].raw = trace_str_c(g->epc[1]);
    g->ev.epc_list.items = g->epcs;
    g->ev.epc_list.n = 2;
    g->ev.action = TRACE_ACTION_OBSERVE;
    g->ev.action_raw = trace_str_c("OBSERVE");
    trace_vocab_set(&g->ev.biz_step, TRACE_CBV_BIZSTEP, trace_str_c(steps[shape]));
    trace_vocab_set(&g->ev.disposition, TRACE_CBV_DISP, trace_str_c(disps[shape]));
    g->ev.read_point.present = 1;
    g->ev.read_point.id.raw = trace_str_c("urn:epc:id:sgln:6901234.00011.0");
    snprintf(g->tx, sizeof(g->tx), "urn:epc:id:gdti:6901234.00001.PO%lu", i);
    trace_vocab_set(&g->btx.type, TRACE_CBV_BTT, trace_str_c("po"));
    g->btx.id.raw = trace_str_c(g->tx);
    g->ev.biz_transactions = &g->btx;
    g->ev.nbiz_transactions = 1;
    if (shape >= 2) {
        snprintf(g->qtyv, sizeof(g->qtyv), "%lu.%lu", rnd(seed) % 1000, rnd(seed) % 10);
        g->qty.epc_class.raw = trace_str_c("urn:epc:class:lgtin:6901234.012345.L1");
        g->qty.quantity.lexeme = trace_str_c(g->qtyv);
        g->qty.uom = trace_str_c("KGM");
        g->ev.quantity_list.items = &g->qty;
        g->ev.quantity_list.n = 1;
    }
    g->ext.kind = TRACE_EXT_ELEMENT;
    g->ext.ns = trace_str_c("https://utds.org.cn/ns/1.0/");
    g->ext.name = trace_str_c("originRegion");
    g->ext.text = trace_str_c("350100");
    g->ev.ext = &g->ext;
    g->ev.next = 1;
}

int main(void)
{
    trace_ctx *ctx;
    trace_hasher *h;
    trace_key *key;
    trace_signer *s;
    trace_verifier *v;
    trace_trailer t;
    trace_verdict verdict;
    trace_header hdr;
    gen *gens = malloc(sizeof(gen) * N_EVENTS);
    unsigned long seed = 20261125, i, sink = 0;
    double t0, dt;
    if (!gens || trace_ctx_new(&ctx, NULL) != TRACE_OK || trace_hasher_new(&h, ctx, NULL) ||
        trace_key_generate(&key, ctx))
        return 1;
    for (i = 0; i < N_EVENTS; i++)
        make_event(&gens[i], i, &seed);
    trace_header_init(&hdr);
    hdr.sender = trace_str_c("urn:epc:id:pgln:6901234.00000");
    hdr.instance_id = trace_str_c("BENCH-1");

    t0 = now();
    for (i = 0; i < N_EVENTS; i++) {
        unsigned char raw[32];
        if (trace_hasher_event_id(h, &gens[i].ev, NULL, 0, raw) != TRACE_OK)
            return 1;
        sink += raw[0];
    }
    dt = now() - t0;
    printf("BENCH hash.events_per_s %.0f\n", N_EVENTS / dt);

    t0 = now();
    if (trace_signer_new(&s, ctx, key) || trace_signer_header(s, &hdr, NULL))
        return 1;
    for (i = 0; i < N_EVENTS; i++)
        if (trace_signer_event(s, &gens[i].ev) != TRACE_OK)
            return 1;
    if (trace_signer_finish(s, &t) != TRACE_OK)
        return 1;
    dt = now() - t0;
    printf("BENCH sign.events_per_s %.0f\n", N_EVENTS / dt);

    t0 = now();
    if (trace_verifier_new(&v, ctx, (const trace_key *const *)&key, 1, NULL) ||
        trace_verifier_header(v, &hdr, NULL))
        return 1;
    for (i = 0; i < N_EVENTS; i++)
        if (trace_verifier_event(v, &gens[i].ev) != TRACE_OK)
            return 1;
    if (trace_verifier_finish(v, &t, &verdict) != TRACE_OK || verdict != TRACE_VERDICT_VALID)
        return 1;
    dt = now() - t0;
    printf("BENCH verify.events_per_s %.0f\n", N_EVENTS / dt);

    trace_verifier_free(v);
    trace_signer_free(s);
    trace_key_free(key);
    trace_hasher_free(h);
    trace_ctx_free(ctx);
    free(gens);
    return sink == 0xFFFFFFFFUL; /* keep the hashes alive */
}
