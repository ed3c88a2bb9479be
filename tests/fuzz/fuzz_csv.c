/*
 * fuzz_csv.c - the UTDS CSV reader on arbitrary bytes. Properties: never
 * crash or leak; what is read and written again reads back to the same
 * bytes (round trip, see roundtrip.h).
 */
#include "roundtrip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fz_roundtrip(TRACE_FMT_CSV, data, size);
}
