/*
 * io_int.h - internals shared by the reader/writer core (lib/io.c) and the
 * codecs (lib/xml*.c, lib/jsonld*.c, lib/jsonl*.c, lib/csv*.c).
 *
 * A codec registers itself with TRACE__FORMAT_DEFINE(id) = {...}; the build
 * greps for it (build/gen/formats.inc), so a codec touches no shared file.
 */
#ifndef TRACE_IO_INT_H
#define TRACE_IO_INT_H

#include <zlib.h>

#include "internal.h"
#include "libtrace/io.h"

/* ---------------------------------------------------------------- arena */

/* Bump allocator for one event (reset per event) or one document header. */
typedef struct trace__arena_block trace__arena_block;
typedef struct trace__arena {
    const trace_allocator *alloc;
    trace__arena_block *head;  /* current block */
    trace__arena_block *spare; /* blocks kept for reuse after a reset */
    size_t used_total;         /* bytes handed out since the last reset */
    size_t limit;              /* 0 = none; else allocations past it fail */
    int over_limit;            /* an allocation failed because of limit (cleared by reset) */
} trace__arena;

void trace__arena_init(trace__arena *a, const trace_allocator *alloc, size_t limit);
void *trace__arena_alloc(trace__arena *a, size_t n); /* 16-byte aligned, NULL on failure */
void *trace__arena_calloc(trace__arena *a, size_t n);
/* Grow an array allocated from the arena: copies old items to a larger block. */
void *trace__arena_grow(trace__arena *a, void *old, size_t old_n, size_t new_n, size_t size);
trace_str trace__arena_str(trace__arena *a, const char *s, size_t n); /* s may be NULL on failure */
void trace__arena_reset(trace__arena *a);
void trace__arena_free(trace__arena *a);

/* ---------------------------------------------------------- input stream */

typedef struct trace__in {
    /* source */
    FILE *fp;             /* owned when own_fp */
    int own_fp;
    const unsigned char *mem;
    size_t mem_len, mem_pos;
    trace_read_fn cb;
    void *cb_payload;
    /* raw buffer (compressed bytes when gzip) */
    unsigned char *raw;
    size_t raw_len, raw_pos, raw_cap;
    /* decoded buffer (what codecs read) */
    unsigned char *buf;
    size_t len, pos, cap;
    int gzip;             /* input is gzip-compressed */
    z_stream z;
    int z_init;
    int eof_raw;          /* underlying source exhausted */
    int eof;              /* no more decoded bytes */
    int error;            /* TRACE_EIO etc. once failed */
    int pending_error;    /* failure found after some bytes were decoded: raised next time */
    uint64_t consumed;    /* raw bytes read from the source */
    uint64_t size;        /* total size when known */
    const trace_allocator *alloc;
} trace__in;

/* Read up to n decoded bytes. Returns the count (0 at end) or a negative status. */
long trace__in_read(trace__in *in, void *dst, size_t n);
/* Make at least want bytes available at *p (fewer at end). Returns the count or < 0. */
long trace__in_peek(trace__in *in, const unsigned char **p, size_t want);
/* Detect a gzip header and set up inflation (io_in.c). */
int trace__in_detect_gzip(trace__in *in);
/* Release the stream (closes an owned FILE). */
void trace__in_close(trace__in *in);

/* --------------------------------------------------------- output stream */

typedef struct trace__out {
    FILE *fp;
    int own_fp;
    char *path, *tmp_path; /* atomic file output */
    trace_write_fn cb;
    void *cb_payload;
    unsigned char *buf;
    size_t len, cap;
    int gzip;
    z_stream z;
    int z_init;
    int error;
    uint64_t written;      /* bytes before compression */
    const trace_allocator *alloc;
} trace__out;

int trace__out_write(trace__out *o, const void *p, size_t n);
/* Write out what is buffered; finish: end the gzip stream too (io_out.c). */
int trace__out_flush(trace__out *o, int finish);
int trace__out_puts(trace__out *o, const char *s);
int trace__out_str(trace__out *o, trace_str s);
int trace__out_putc(trace__out *o, char c);
int trace__out_printf(trace__out *o, const char *fmt, ...) TRACE_PRINTF(2, 3);

/* ---------------------------------------------------------------- codecs */

typedef struct trace__format {
    trace_format format;
    const char *name;
    /* Score 0..100 for how likely the first n decoded bytes are this format. */
    int (*sniff)(const unsigned char *p, size_t n);
    /* Reader: allocate r->state; read the document start into r->hdr / r->md. */
    int (*r_open)(trace_reader *r);
    /* Read the next event into r->ev (already zeroed; r->ev_arena reset).
     * Return TRACE_OK, TRACE_EOF (fill r->trailer), TRACE_EDATA (skipped) ... */
    int (*r_next)(trace_reader *r, trace_event *ev);
    void (*r_close)(trace_reader *r);
    /* Writer (NULL when the format cannot be written). */
    int (*w_open)(trace_writer *w);
    int (*w_header)(trace_writer *w, const trace_header *h, const trace_masterdata *md);
    int (*w_event)(trace_writer *w, const trace_event *ev);
    int (*w_close)(trace_writer *w, const trace_trailer *t);
    void (*w_free)(trace_writer *w);
} trace__format;

#define TRACE__FORMAT_DEFINE(id) const trace__format trace__format_##id

const trace__format *trace__format_find(trace_format f);

struct trace_reader {
    const trace_ctx *ctx;
    const trace_allocator *alloc;
    const trace__format *fmt;
    trace__in in;
    char source[TRACE_DIAG_SOURCE_SIZE];
    char *xsd;               /* XSD file for XML schema validation, or NULL */
    trace_diag_list *diags;
    size_t nerrors;          /* error/fatal diagnostics reported */
    trace__arena doc_arena;  /* header, master data, trailer: live until free */
    trace__arena ev_arena;   /* the current event: reset per event */
    trace_header hdr;
    trace_masterdata md;
    trace_trailer trailer;
    trace_event ev;
    int opened, eof, fatal;
    int input_failed;        /* trace__reader_input_error reported */
    int header_rc;
    uint64_t nevents;
    void *state;             /* codec state */
};

struct trace_writer {
    const trace_ctx *ctx;
    const trace_allocator *alloc;
    const trace__format *fmt;
    trace_writer_options opts;
    trace__out out;
    char target[TRACE_DIAG_SOURCE_SIZE];
    trace_diag_list *losses;
    int header_done, closed;
    uint64_t nevents;
    void *state;             /* codec state */
    trace__arena ids_arena;  /* identifier respelling (io_ids.c), reset per event */
    trace_code_result *ids_res;
    trace_event ids_ev;
};

/* The event with its identifiers spelt in opts.ids (the event itself for KEEP). */
const trace_event *trace__writer_ids(trace_writer *w, const trace_event *ev);

/*
 * Report a diagnostic from a reader: code, position, JSON-pointer/XPath-like
 * path (may be NULL), then NULL-terminated key, value (C string) pairs. The
 * record index is the event being read (-1 before the first event).
 */
void trace__reader_report(trace_reader *r, int code, trace_pos pos, const char *path, ...);
/* Same with an explicit record index. */
void trace__reader_report_at(trace_reader *r, int code, trace_pos pos, int64_t record,
                             const char *path, ...);
/*
 * The input stream failed (trace__in_peek/read returned < 0): report it once
 * (TR-IO-0004 for damaged gzip, else TR-IO-0002) and return the status a
 * codec returns from r_open/r_next (TRACE_EIO, or TRACE_ENOMEM).
 */
int trace__reader_input_error(trace_reader *r);
/* Report a loss from a writer (TR-CONV): record index, path, then key/value pairs. */
void trace__writer_loss(trace_writer *w, int code, int64_t record, const char *path, ...);

#endif
