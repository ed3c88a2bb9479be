/*
 * libtrace/dump.h - a canonical, deterministic, line-oriented text form of
 * the record model (events, header, master data, trailer).
 *
 * The dump prints every field of the model, with values as read (lexemes,
 * spellings), one value per line as "path = value". Strings are written as
 * JSON string literals, so a line never breaks and any byte shows. Two
 * models are equal exactly when their dumps are equal, which is how tests
 * compare what different encodings of one document read into ("XML to
 * model equals JSON-LD to model").
 *
 * TRACE_DUMP_NORMALIZE removes what legitimately differs between the XML
 * and JSON-LD bindings (see the flag); TRACE_DUMP_POS adds source positions.
 *
 * Thread-safety: no shared state; the callback is called on the caller's
 * thread only.
 */
#ifndef LIBTRACE_DUMP_H
#define LIBTRACE_DUMP_H

#include "event.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Output callback: receives one complete line, ending in '\n' (text is not
 * NUL-terminated). Return 0 to go on, non-zero to stop the dump.
 */
typedef int (*trace_dump_fn)(const char *text, size_t len, void *payload);

/** Add "pos = line:column" lines for values with a known position. */
#define TRACE_DUMP_POS 0x1u
/**
 * Normalise binding differences: CBV values print as the bare term (for
 * URN, Web URI and bare spellings); sensor type/exception CURIEs and GS1
 * vocabulary URIs print as the bare term; sibling extension nodes and
 * sensor attributes are sorted by (namespace, name), keeping the relative
 * order of equal names; prefix hints, array flags, JSON leaf types, member
 * order, event @context, document namespaces and @context URLs, the
 * certificationInfo array flag, XML comments and whitespace-only text runs
 * are left out; the header is reduced to what both bindings carry (document
 * type, schema version, creation date, sender, receiver — from the JSON-LD
 * fields or else the first SBDH party —, instanceIdentifier, profile,
 * extensions, query fields). Positions are never printed in this mode.
 */
#define TRACE_DUMP_NORMALIZE 0x2u

/**
 * Dump one event: a line "event <index>", its fields, then "end event".
 * @param ev      the event
 * @param out     receives the lines
 * @param payload passed to out
 * @param flags   TRACE_DUMP_* bits
 * @return TRACE_OK; TRACE_EINVAL (NULL argument); TRACE_ENOMEM;
 *         TRACE_EIO when out returned non-zero.
 * Ownership: nothing is kept after the call.
 */
TRACE_API int trace_event_dump(const trace_event *ev, trace_dump_fn out, void *payload,
                               unsigned flags);

/**
 * Dump the document header and master data: "header" ... "end header",
 * then "masterdata" ... "end masterdata" when md is not NULL.
 * @param h  the header (NULL dumps an empty header)
 * @param md master data, or NULL
 * @return as trace_event_dump.
 */
TRACE_API int trace_header_dump(const trace_header *h, const trace_masterdata *md,
                                trace_dump_fn out, void *payload, unsigned flags);

/**
 * Dump the trailer: "trailer" ... "end trailer" ("trailer absent" when
 * t is NULL or not present).
 * @return as trace_event_dump.
 */
TRACE_API int trace_trailer_dump(const trace_trailer *t, trace_dump_fn out, void *payload,
                                 unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
