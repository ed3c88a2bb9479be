/*
 * libtrace/version.h - compile-time version macros and their run-time twins.
 */
#ifndef LIBTRACE_VERSION_H
#define LIBTRACE_VERSION_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

#define TRACE_VERSION_MAJOR 0
#define TRACE_VERSION_MINOR 1
#define TRACE_VERSION_PATCH 0
#define TRACE_VERSION_STRING "0.1.0"
/** major*10000 + minor*100 + patch */
#define TRACE_VERSION_NUMBER                                                              \
    (TRACE_VERSION_MAJOR * 10000 + TRACE_VERSION_MINOR * 100 + TRACE_VERSION_PATCH)
/** ABI version: the N in the SONAME libtrace.so.N. */
#define TRACE_ABI_VERSION 1
/** Version of the UTDS standard this library implements. */
#define TRACE_UTDS_VERSION "1.0"

/** True when the library headers are at least version (maj, min, pat). */
#define TRACE_AT_LEAST_VERSION(maj, min, pat)                                             \
    (TRACE_VERSION_NUMBER >= ((maj)*10000 + (min)*100 + (pat)))

/** The run-time library version as a string, e.g. "0.1.0". Static storage. */
TRACE_API const char *trace_version(void);

/** The run-time library version as TRACE_VERSION_NUMBER. */
TRACE_API unsigned trace_version_number(void);

/**
 * Build features, as a space-separated static string, e.g.
 * "xml jsonld jsonl csv gzip sign". Lets a program check what it links.
 */
TRACE_API const char *trace_features(void);

#ifdef __cplusplus
}
#endif
#endif
