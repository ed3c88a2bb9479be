/*
 * gs1_dlc_int.h - internals shared by the compressed Digital Link files
 * (gs1_dlc.c: decoding, gs1_dlc_enc.c: encoding); see spec/utds-1-coding-gs1.md
 * "Compressed Digital Link". Nothing here allocates.
 */
#ifndef TRACE_GS1_DLC_INT_H
#define TRACE_GS1_DLC_INT_H

#include "gs1_int.h"

/* One row of spec/gs1/dl-compress-opt.tsv. */
typedef struct gs1__dlc_opt {
    uint8_t code;
    uint8_t n;
    const char *ai[4];
} gs1__dlc_opt;

/* One field of an AI value in the bit stream: numeric or character data,
 * fixed length (len characters) or variable (0..len, with a length field). */
typedef struct gs1__dlc_part {
    uint8_t num, fixed, len;
} gs1__dlc_part;

#define GS1__DLC_MAXPART GS1_MAX_COMP
#define GS1__DLC_MAXNUM  127 /* longest numeric field (7-bit length field) */
#define GS1__DLC_WORDS   14  /* 448 bits >= the bits of a 127-digit number */

/* w = the decimal digits s[0..n) (n <= GS1__DLC_MAXNUM). */
void gs1__dlc_big_digits(uint32_t *w, const char *s, size_t n);

/* Fields of the AI with dense index idx (-1: unknown AI, one X..90 field).
 * Returns the number of fields. */
int gs1__dlc_format(int idx, gs1__dlc_part *p);
/* Bits of an n-digit number (n <= GS1__DLC_MAXNUM). */
unsigned gs1__dlc_vbits(size_t n);
/* Bits of the length field for at most max characters. */
unsigned gs1__dlc_lbits(unsigned max);
/* Optimisation table access; NULL past the end. */
const gs1__dlc_opt *gs1__dlc_opt_at(size_t i);
const gs1__dlc_opt *gs1__dlc_opt_find(unsigned code);
/* Index of c in the URI-safe base64 alphabet (RFC 4648 section 5), or -1. */
int gs1__dlc_b64(unsigned char c);
extern const char gs1__dlc_b64chars[65];

#endif
