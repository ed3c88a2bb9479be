/*
 * fuzz_utc.c - the UTDS trace code on arbitrary bytes: verification with and
 * without keys never crashes and agrees on structure; issuing with parameters
 * taken from the input either fails cleanly or yields codes that verify and
 * whose URI and grouped forms verify to the same canonical code.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "libtrace/trace.h"
#include "libtrace/utc.h"

static trace_code_result r1, r2;

static void check_issued(const trace_utc_key *k, const char *code)
{
    char form[80];
    size_t n = strlen(code), m;
    if (trace_utc_verify(NULL, code, n, k, 1, 0, &r1) != TRACE_OK || !r1.valid)
        abort();
    m = trace_utc_format(code, n, 0, form, sizeof(form));
    if (!m || trace_utc_verify(NULL, form, m, k, 1, 0, &r2) != TRACE_OK || !r2.valid ||
        strcmp(r2.canonical, code))
        abort();
    m = trace_utc_format(code, n, 1, form, sizeof(form));
    if (!m || trace_utc_verify(NULL, form, m, k, 1, 0, &r2) != TRACE_OK || !r2.valid ||
        strcmp(r2.canonical, code))
        abort();
}

/* Parameters from the input: "node|operator|family|batch" then anything. */
static void issue_from(const trace_utc_key *k, const char *in, size_t size)
{
    char buf[128], *f[4], out[2][64];
    size_t i, nf = 1;
    trace_utc_params p;
    trace_utc_issuer *iss;
    if (size >= sizeof(buf))
        return;
    memcpy(buf, in, size);
    buf[size] = '\0';
    f[0] = buf;
    for (i = 0; i < size && nf < 4; i++)
        if (buf[i] == '|')
            buf[i] = '\0', f[nf++] = buf + i + 1;
    if (nf < 4)
        return;
    memset(&p, 0, sizeof(p));
    p.version = TRACE_UTC_PARAMS_VERSION;
    p.node = f[0], p.operator_id = f[1], p.family = f[2], p.batch = f[3];
    p.random = size % 2, p.key = k, p.first_serial = size;
    if (trace_utc_issuer_new(NULL, &p, &iss, NULL) != TRACE_OK)
        return;
    if (trace_utc_issue(iss, out[0], 64, 2) != TRACE_OK)
        abort();
    check_issued(k, out[0]);
    check_issued(k, out[1]);
    if (!strcmp(out[0], out[1]))
        abort();
    trace_utc_issuer_free(iss);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    trace_utc_key k;
    const char *in = (const char *)data;
    memset(&k, 0x5a, sizeof(k));
    k.id = 'K';
    if (size > 256)
        return 0;
    if (trace_utc_verify(NULL, in, size, NULL, 0, 0, &r1) != TRACE_OK ||
        trace_utc_verify(NULL, in, size, &k, 1, 0, &r2) != TRACE_OK)
        abort();
    if (r2.valid && !r1.valid) /* a key can only add findings */
        abort();
    {
        /* the trace code's own MOD 37,36 agrees with the check module */
        const trace_code_field *c = trace_code_result_field(&r1, "check");
        if (c && r1.canonical &&
            (strcmp(c->typed, "ok") == 0) !=
                (trace_check_verify(TRACE_CHECK_MOD37_36, r1.canonical, strlen(r1.canonical)) == 1))
            abort();
    }
    issue_from(&k, in, size);
    return 0;
}
