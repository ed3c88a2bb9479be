/*
 * libtrace/io.h - streaming readers and writers for the UTDS encodings
 * (UTDS Part 3): EPCIS 2.0 XML, EPCIS 2.0 JSON-LD, UTDS JSON Lines, UTDS
 * CSV, and EPCIS 1.2 XML (read and upgraded). gzip input is detected by its
 * magic bytes; gzip output is written on request.
 *
 * Readers are pull streams: open, read the header (and master data), then
 * trace_reader_next() returns one event at a time. Memory stays flat
 * whatever the input size. Problems are diagnostics in the caller's list.
 * Writers mirror readers and report what the target format cannot hold as
 * TR-CONV diagnostics in a loss list: an empty loss list means lossless.
 *
 * Threads: a reader or writer belongs to one thread at a time; several may
 * share one context.
 */
#ifndef LIBTRACE_IO_H
#define LIBTRACE_IO_H

#include <stdio.h>

#include "common.h"
#include "ctx.h"
#include "error.h"
#include "event.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Encodings. */
typedef enum trace_format {
    TRACE_FMT_AUTO = 0,   /**< detect from the first bytes (readers only) */
    TRACE_FMT_XML = 1,    /**< EPCIS 2.0 XML */
    TRACE_FMT_JSONLD = 2, /**< EPCIS 2.0 JSON-LD */
    TRACE_FMT_JSONL = 3,  /**< UTDS JSON Lines */
    TRACE_FMT_CSV = 4,    /**< UTDS CSV */
    TRACE_FMT_XML12 = 5   /**< EPCIS 1.2 XML (read only; upgraded to 2.0) */
} trace_format;

/** "xml", "jsonld", "jsonl", "csv", "xml12", "auto" (static). */
TRACE_API const char *trace_format_name(trace_format f);
/** Format by name. @return TRACE_OK or TRACE_ENOTFOUND. */
TRACE_API int trace_format_from_name(const char *name, trace_format *out);
/** 1 when the library can read (want_write 0) or write (1) format f. */
TRACE_API int trace_format_supported(trace_format f, int want_write);

/* ----------------------------------------------------------------- reader */

/** Read callback: fill up to size bytes; return the count, 0 at end, -1 on error. */
typedef long (*trace_read_fn)(void *buf, size_t size, void *payload);

#define TRACE_READER_OPTIONS_VERSION 1
typedef struct trace_reader_options {
    unsigned version;          /**< TRACE_READER_OPTIONS_VERSION */
    trace_format format;       /**< TRACE_FMT_AUTO to detect */
    const char *source_name;   /**< name used in diagnostics ("-" for stdin); copied */
    trace_diag_list *diags;    /**< where problems go (may be NULL: then only counted) */
    uint32_t flags;            /**< reserved, 0 */
    const char *xsd;           /**< XML only: also validate against this local XSD file
                                    (libxml2 streaming validation; TR-XML-0020), or NULL */
} trace_reader_options;
#define TRACE_READER_OPTIONS_INIT                                                         \
    {TRACE_READER_OPTIONS_VERSION, TRACE_FMT_AUTO, NULL, NULL, 0, NULL}

typedef struct trace_reader trace_reader;

/**
 * Open a reader on a file ("-" reads stdin).
 * @return TRACE_OK; TRACE_EIO (cannot open; a TR-IO diagnostic says why);
 *         TRACE_EUNSUPPORTED (format not built in); TRACE_ENOMEM; TRACE_EINVAL.
 * Ownership: caller owns *out; free with trace_reader_free. ctx must outlive it.
 */
TRACE_API TRACE_NODISCARD int trace_reader_open_file(trace_reader **out, const trace_ctx *ctx,
                                                     const char *path,
                                                     const trace_reader_options *opts);
/** Open on a stdio stream (not closed by the reader). */
TRACE_API TRACE_NODISCARD int trace_reader_open_fp(trace_reader **out, const trace_ctx *ctx,
                                                   FILE *fp, const trace_reader_options *opts);
/** Open on a memory buffer (not copied: it must outlive the reader). */
TRACE_API TRACE_NODISCARD int trace_reader_open_mem(trace_reader **out, const trace_ctx *ctx,
                                                    const void *buf, size_t len,
                                                    const trace_reader_options *opts);
/** Open on a read callback. */
TRACE_API TRACE_NODISCARD int trace_reader_open_cb(trace_reader **out, const trace_ctx *ctx,
                                                   trace_read_fn fn, void *payload,
                                                   const trace_reader_options *opts);

/**
 * Read the document header (and master data) if not read yet.
 * @param hdr receives a borrowed header valid until the reader is freed
 * @param md  receives borrowed master data (may be empty), or pass NULL
 * @return TRACE_OK; TRACE_EDATA when the document start is unreadable
 *         (diagnostics say why; trace_reader_next then returns TRACE_EOF).
 */
TRACE_API int trace_reader_header(trace_reader *r, const trace_header **hdr,
                                  const trace_masterdata **md);

/**
 * Read the next event.
 * @param ev receives a borrowed event valid until the next call or free
 * @return TRACE_OK (an event; it may carry error diagnostics but was read);
 *         TRACE_EOF (no more events; the trailer is available);
 *         TRACE_EDATA (this event could not be read and was skipped: call
 *         again; after a fatal diagnostic the next call returns TRACE_EOF);
 *         TRACE_ELIMIT (a limit was hit; diagnostics say which; then EOF);
 *         TRACE_EIO; TRACE_ENOMEM.
 */
TRACE_API int trace_reader_next(trace_reader *r, const trace_event **ev);

/** The trailer (valid after TRACE_EOF; present == 0 when there was none). */
TRACE_API const trace_trailer *trace_reader_trailer(const trace_reader *r);
/** The format being read (after detection). */
TRACE_API trace_format trace_reader_format(const trace_reader *r);
/** Bytes consumed from the underlying input so far (compressed bytes for gzip). */
TRACE_API uint64_t trace_reader_bytes(const trace_reader *r);
/** Total input size when known (regular file or buffer), else 0. */
TRACE_API uint64_t trace_reader_size(const trace_reader *r);
/** Events returned so far. */
TRACE_API uint64_t trace_reader_events(const trace_reader *r);
/** The source name used in diagnostics. */
TRACE_API const char *trace_reader_source(const trace_reader *r);
/** Free the reader. NULL is a no-op. */
TRACE_API void trace_reader_free(trace_reader *r);

/* ----------------------------------------------------------------- writer */

/** Write callback: write all size bytes; return 0 or -1 on error. */
typedef int (*trace_write_fn)(const void *buf, size_t size, void *payload);

/** Identifier spelling on output. */
typedef enum trace_id_style {
    TRACE_ID_STYLE_KEEP = 0, /**< as read */
    TRACE_ID_STYLE_DL = 1,   /**< GS1 Digital Link where convertible */
    TRACE_ID_STYLE_URN = 2   /**< EPC URN where the company prefix length is known */
} trace_id_style;

#define TRACE_WRITER_OPTIONS_VERSION 1
typedef struct trace_writer_options {
    unsigned version;          /**< TRACE_WRITER_OPTIONS_VERSION */
    trace_format format;       /**< required (not AUTO) */
    int gzip;                  /**< compress the output */
    trace_cbv_style cbv;       /**< CBV spelling (KEEP: as read, else the binding's default) */
    trace_id_style ids;        /**< identifier spelling: every writer respells GS1 identifiers the same way (losses TR-CONV-0004..0006) */
    int canonical_order;       /**< 1: the binding's canonical member order; 0: as read */
    int pretty;                /**< indent (XML, JSON-LD) */
    trace_diag_list *losses;   /**< where TR-CONV loss diagnostics go (may be NULL) */
    const char *target_name;   /**< name used in diagnostics; copied */
    uint32_t flags;            /**< TRACE_WRITER_FLAG_* bits, else 0 */
} trace_writer_options;

/** CSV: start the output with a UTF-8 byte order mark (as Excel expects). */
#define TRACE_WRITER_FLAG_BOM 0x1u
#define TRACE_WRITER_OPTIONS_INIT                                                         \
    {TRACE_WRITER_OPTIONS_VERSION, TRACE_FMT_AUTO, 0, TRACE_CBV_STYLE_KEEP,               \
     TRACE_ID_STYLE_KEEP, 0, 0, NULL, NULL, 0}

typedef struct trace_writer trace_writer;

/** Open a writer on a file ("-" = stdout); written atomically (temp file + rename at close). */
TRACE_API TRACE_NODISCARD int trace_writer_open_file(trace_writer **out, const trace_ctx *ctx,
                                                     const char *path,
                                                     const trace_writer_options *opts);
/** Open on a stdio stream (not closed). */
TRACE_API TRACE_NODISCARD int trace_writer_open_fp(trace_writer **out, const trace_ctx *ctx,
                                                   FILE *fp, const trace_writer_options *opts);
/** Open on a write callback. */
TRACE_API TRACE_NODISCARD int trace_writer_open_cb(trace_writer **out, const trace_ctx *ctx,
                                                   trace_write_fn fn, void *payload,
                                                   const trace_writer_options *opts);

/**
 * Write the document start: header and master data (either may be NULL for
 * an empty header). Must come before the first event; when it is not
 * called, the first trace_writer_event writes an empty header.
 */
TRACE_API int trace_writer_header(trace_writer *w, const trace_header *hdr,
                                  const trace_masterdata *md);
/** Write one event. Losses go to the loss list. */
TRACE_API int trace_writer_event(trace_writer *w, const trace_event *ev);
/**
 * Finish the document with the trailer (may be NULL), flush, and for files
 * rename into place. @return TRACE_OK or TRACE_EIO.
 */
TRACE_API int trace_writer_close(trace_writer *w, const trace_trailer *trailer);
/** Events written so far. */
TRACE_API uint64_t trace_writer_events(const trace_writer *w);
/** Bytes written so far (before compression). */
TRACE_API uint64_t trace_writer_bytes(const trace_writer *w);
/** Free (discarding a file not yet closed). NULL is a no-op. */
TRACE_API void trace_writer_free(trace_writer *w);

#ifdef __cplusplus
}
#endif
#endif
