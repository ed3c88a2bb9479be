/*
 * utc_int.h - shared by lib/utc.c (parse, verify, format) and lib/utc_issue.c
 * (keys, issuing): the layout constants and the keyed MAC.
 */
#ifndef TRACE_UTC_INT_H
#define TRACE_UTC_INT_H

#include <sodium.h>

#include "cn_int.h"
#include "libtrace/utc.h"

#define UTC_VERSION '1'
#define UTC_SERIAL_LEN 10
#define UTC_BATCH_LEN 6
#define UTC_MAC_LEN 8 /* base32hex characters = 40 bits */
#define UTC_VSEG_LEN (1 + UTC_MAC_LEN)
/* Bytes before the serial: version, node, operator kind + value, family, batch. */
#define UTC_PREFIX_U (1 + 6 + 1 + 18 + 2 + UTC_BATCH_LEN)
#define UTC_PREFIX_N (1 + 6 + 1 + 8 + 2 + UTC_BATCH_LEN)
#define UTC_MAC_DOMAIN "UTDS-TC1:"

/* ISO/IEC 7064 MOD 37,36 check character of s[0..n), all of 0-9 A-Z. */
char trace__utc_mod37_36(const char *s, size_t n);

/* Keyed MAC state after absorbing the domain and the body prefix, so issuing
 * costs one copy and one finalisation per code. */
void trace__utc_mac_start(crypto_generichash_state *st, const trace_utc_key *key,
                          const char *prefix, size_t n);
/* Finish: absorb the rest (serial, key id) and write 8 base32hex characters. */
void trace__utc_mac_finish(crypto_generichash_state *st, const char *rest, size_t n,
                           char out[UTC_MAC_LEN]);
/* One-shot MAC of body[0..n) (version .. serial) under key (key id appended). */
void trace__utc_mac(const trace_utc_key *key, const char *body, size_t n, char out[UTC_MAC_LEN]);

#endif
