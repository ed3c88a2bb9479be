/*
 * libtrace/event.h - the UTDS record model: EPCIS 2.0 events, the document
 * header and master data (UTDS Parts 2 and 3).
 *
 * The model is plain, transparent C data. Strings are (pointer, length)
 * pairs: they are not NUL-terminated by contract and may contain any UTF-8.
 * Every value keeps both its parsed form and its original spelling, so a
 * conversion never re-prints a number from a double or changes a CBV or
 * identifier spelling unless asked to. Extensions (user namespaces, ILMD,
 * unknown fields) live in an ordered extension tree that survives every
 * conversion.
 *
 * Ownership: an event returned by a reader is borrowed and valid until the
 * next trace_reader_next() or trace_reader_free(). A program that builds
 * events to write fills the structs itself (trace_event_init first) with
 * pointers to its own memory; writers never keep them after returning.
 *
 * Thread-safety: plain data; no function here has hidden state.
 */
#ifndef LIBTRACE_EVENT_H
#define LIBTRACE_EVENT_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A string slice. s may be NULL when len == 0. */
typedef struct trace_str {
    const char *s;
    size_t len;
} trace_str;

/** Make a trace_str from a NUL-terminated C string (NULL gives an empty slice). */
TRACE_API trace_str trace_str_c(const char *s);
/** 1 when a equals the NUL-terminated string b. */
TRACE_API int trace_str_eq(trace_str a, const char *b);

/**
 * Where a value came from: line/column for XML and CSV (row, column), byte
 * offset when known. 0 = unknown. JSON pointers are derived from the model
 * position (trace_event.index and the field), so they are not stored here.
 */
typedef struct trace_pos {
    uint32_t line;
    uint32_t column;
} trace_pos;

/* ------------------------------------------------------------ values */

/** Spelling of a CBV value as read or as to be written. */
typedef enum trace_cbv_form {
    TRACE_CBV_NONE = 0,  /**< absent */
    TRACE_CBV_BARE = 1,  /**< "shipping" (JSON-LD) */
    TRACE_CBV_URN = 2,   /**< "urn:epcglobal:cbv:bizstep:shipping" */
    TRACE_CBV_WEB = 3,   /**< "https://ref.gs1.org/cbv/BizStep-shipping" */
    TRACE_CBV_OTHER = 4  /**< any other URI (a UTDS or private vocabulary) */
} trace_cbv_form;

/** CBV vocabularies, for classifying spellings. */
typedef enum trace_cbv_list {
    TRACE_CBV_BIZSTEP = 0,
    TRACE_CBV_DISP = 1,
    TRACE_CBV_BTT = 2,
    TRACE_CBV_SDT = 3,
    TRACE_CBV_ER = 4
} trace_cbv_list;

/**
 * A CBV-typed value (bizStep, disposition, bizTransaction type, source or
 * destination type, error reason). raw is the spelling as read; value is
 * the bare CBV term ("shipping") when form is BARE, URN or WEB, otherwise
 * the whole URI (same as raw).
 */
typedef struct trace_vocab {
    trace_str raw;
    trace_str value;
    trace_cbv_form form;
    trace_pos pos;
} trace_vocab;

/**
 * Classify the spelling raw for list and fill v (value points into raw).
 * Does not check that the term is a defined CBV term (validation does).
 */
TRACE_API void trace_vocab_set(trace_vocab *v, trace_cbv_list list, trace_str raw);

/** Style for writing CBV values. */
typedef enum trace_cbv_style {
    TRACE_CBV_STYLE_KEEP = 0, /**< as read (raw) */
    TRACE_CBV_STYLE_URN = 1,
    TRACE_CBV_STYLE_WEB = 2,
    TRACE_CBV_STYLE_BARE = 3
} trace_cbv_style;

/**
 * Spell v in style into buf (NUL-terminated). OTHER values are written as
 * read in every style. @return the length needed (like snprintf).
 */
TRACE_API size_t trace_vocab_format(const trace_vocab *v, trace_cbv_list list,
                                    trace_cbv_style style, char *buf, size_t size);

/** Kind of an identifier spelling. */
typedef enum trace_id_form {
    TRACE_ID_OTHER = 0,   /**< any other URI */
    TRACE_ID_EPC_URN = 1, /**< urn:epc:id:..., urn:epc:class:..., urn:epc:idpat:... */
    TRACE_ID_DL = 2,      /**< an http(s) GS1 Digital Link URI */
    TRACE_ID_UTDS = 3     /**< urn:utds:id:<scheme>:<value> (UTDS URN for non-GS1 codes) */
} trace_id_form;

/** An identifier (EPC, class, location, party, transaction ID, eventID ...). */
typedef struct trace_id {
    trace_str raw;
    trace_id_form form;
    trace_pos pos;
} trace_id;

/** Classify an identifier spelling. */
TRACE_API trace_id_form trace_id_classify(trace_str raw);

/** A number kept as its decimal lexeme ("200", "200.0", "1e-7"). */
typedef struct trace_num {
    trace_str lexeme; /**< empty when absent */
    trace_pos pos;
} trace_num;

/**
 * A timestamp: its lexeme plus the parsed instant. seconds/nanos are UTC
 * (Unix epoch); offset_min is the zone offset written in the lexeme
 * ("+08:00" = 480, "Z" = 0); frac_digits counts the fraction digits as
 * written. valid = 0 when the lexeme did not parse (lexeme still kept).
 */
typedef struct trace_time {
    trace_str lexeme;
    int64_t seconds;
    uint32_t nanos;
    int16_t offset_min;
    uint8_t frac_digits;
    uint8_t valid;
    trace_pos pos;
} trace_time;

/**
 * Parse an xsd:dateTime with a mandatory zone (RFC 3339 profile used by
 * EPCIS): YYYY-MM-DDThh:mm:ss[.f+](Z|+hh:mm|-hh:mm). Fraction digits beyond
 * nanoseconds are accepted and truncated (frac_digits keeps the count).
 * @return TRACE_OK or TRACE_EDATA (t->valid = 0).
 */
TRACE_API int trace_time_parse(trace_str lexeme, trace_time *t);

/**
 * Parse a zone offset "+hh:mm" / "-hh:mm" (EPCIS eventTimeZoneOffset) into
 * minutes. @return TRACE_OK or TRACE_EDATA.
 */
TRACE_API int trace_offset_parse(trace_str s, int *minutes);

/* ------------------------------------------------------- extension tree */

/** Kind of an extension node. */
typedef enum trace_ext_kind {
    TRACE_EXT_ELEMENT = 0, /**< named element / JSON member with object or string value */
    TRACE_EXT_TEXT = 1,    /**< a text run of mixed content (no name) */
    TRACE_EXT_COMMENT = 2  /**< an XML comment (no JSON-LD equivalent) */
} trace_ext_kind;

/** JSON type of a leaf value, so JSON numbers and booleans survive. */
typedef enum trace_ext_type {
    TRACE_EXT_STRING = 0,
    TRACE_EXT_NUMBER = 1, /**< text is the number lexeme */
    TRACE_EXT_BOOL = 2,   /**< text is "true" or "false" */
    TRACE_EXT_NULL = 3
} trace_ext_type;

/** An attribute on an extension element (XML attribute). */
typedef struct trace_ext_attr {
    trace_str ns;     /**< namespace URI, empty for unqualified */
    trace_str name;   /**< local name */
    trace_str prefix; /**< prefix hint as read */
    trace_str value;
} trace_ext_attr;

/**
 * One node of the ordered extension tree. For an element: namespace URI,
 * local name, prefix hint, attributes, children in source order, and for a
 * leaf the text with its JSON type. xsi_type keeps an XML xsi:type value.
 * array = 1 when the JSON source had an array at this member (all nodes of
 * the same name that came from one JSON array carry it, so [x] stays [x]).
 */
typedef struct trace_ext trace_ext;
struct trace_ext {
    trace_ext_kind kind;
    trace_str ns;
    trace_str name;
    trace_str prefix;
    trace_ext_attr *attrs;
    size_t nattrs;
    trace_ext *children;
    size_t nchildren;
    trace_str text;
    trace_ext_type type;
    trace_str xsi_type;
    uint8_t array;
    trace_pos pos;
};

/* ----------------------------------------------------------- structures */

/** A quantity element: class, quantity (decimal lexeme, may be absent), UN/ECE Rec 20 uom. */
typedef struct trace_quantity {
    trace_id epc_class;
    trace_num quantity;
    trace_str uom;
    trace_pos pos;
} trace_quantity;

/** bizTransaction: optional type + identifier. */
typedef struct trace_biz_transaction {
    trace_vocab type;
    trace_id id;
    trace_pos pos;
} trace_biz_transaction;

/** source or destination: required type + identifier. */
typedef struct trace_party_ref {
    trace_vocab type;
    trace_id id;
    trace_pos pos;
} trace_party_ref;

/** readPoint or bizLocation: an identifier plus extensions. */
typedef struct trace_location {
    trace_id id;
    trace_ext *ext;
    size_t next;
    int present;
    trace_pos pos;
} trace_location;

/**
 * An attribute of sensorMetadata or sensorReport, in source order. Standard
 * ones have an empty ns ("type", "value", "uom", ...); namespaced ones carry
 * their namespace. type tells whether JSON had a number or boolean.
 */
typedef struct trace_sensor_attr {
    trace_str ns;
    trace_str name;
    trace_str prefix;
    trace_str value;
    trace_ext_type type;
} trace_sensor_attr;

typedef struct trace_sensor_report {
    trace_sensor_attr *attrs;
    size_t nattrs;
    trace_ext *ext; /**< child extension elements (rare) */
    size_t next;
    trace_pos pos;
} trace_sensor_report;

typedef struct trace_sensor_element {
    int has_metadata;
    trace_sensor_attr *metadata;
    size_t nmetadata;
    trace_sensor_report *reports;
    size_t nreports;
    trace_ext *ext;
    size_t next;
    trace_pos pos;
} trace_sensor_element;

typedef struct trace_error_declaration {
    int present;
    trace_time declaration_time;
    trace_vocab reason;
    trace_id *corrective_ids;
    size_t ncorrective_ids;
    trace_ext *ext;
    size_t next;
    trace_pos pos;
} trace_error_declaration;

/** The five EPCIS 2.0 event types, plus EXTENSION for an unknown type URI. */
typedef enum trace_event_type {
    TRACE_EVENT_OBJECT = 0,
    TRACE_EVENT_AGGREGATION = 1,
    TRACE_EVENT_TRANSACTION = 2,
    TRACE_EVENT_TRANSFORMATION = 3,
    TRACE_EVENT_ASSOCIATION = 4,
    TRACE_EVENT_EXTENSION = 5
} trace_event_type;

/** "ObjectEvent", ... (static). */
TRACE_API const char *trace_event_type_name(trace_event_type t);
/** Type by name; @return TRACE_OK or TRACE_ENOTFOUND. */
TRACE_API int trace_event_type_from_name(trace_str name, trace_event_type *out);

typedef enum trace_action {
    TRACE_ACTION_NONE = 0, /**< absent (TransformationEvent) */
    TRACE_ACTION_ADD = 1,
    TRACE_ACTION_OBSERVE = 2,
    TRACE_ACTION_DELETE = 3,
    TRACE_ACTION_INVALID = 4 /**< present but not one of the three (raw kept) */
} trace_action;

/** "ADD", "OBSERVE", "DELETE" or NULL. */
TRACE_API const char *trace_action_name(trace_action a);

/** A list of identifiers that can be absent, present-but-empty, or filled. */
typedef struct trace_id_list {
    trace_id *items;
    size_t n;
    int present; /**< 1 when the list was written, even empty */
    trace_pos pos;
} trace_id_list;

typedef struct trace_quantity_list {
    trace_quantity *items;
    size_t n;
    int present;
    trace_pos pos;
} trace_quantity_list;

/**
 * Field identifiers, used for the as-read order of an event's members
 * (trace_event.order) and in diagnostics paths.
 */
typedef enum trace_field {
    TRACE_F_TYPE = 0,
    TRACE_F_EVENT_TIME, TRACE_F_RECORD_TIME, TRACE_F_TZ_OFFSET, TRACE_F_EVENT_ID,
    TRACE_F_ERROR_DECLARATION, TRACE_F_CERTIFICATION, TRACE_F_EPC_LIST, TRACE_F_PARENT_ID,
    TRACE_F_CHILD_EPCS, TRACE_F_INPUT_EPCS, TRACE_F_OUTPUT_EPCS, TRACE_F_QUANTITY_LIST,
    TRACE_F_CHILD_QUANTITY_LIST, TRACE_F_INPUT_QUANTITY_LIST, TRACE_F_OUTPUT_QUANTITY_LIST,
    TRACE_F_ACTION, TRACE_F_TRANSFORMATION_ID, TRACE_F_BIZ_STEP, TRACE_F_DISPOSITION,
    TRACE_F_PERSISTENT_DISPOSITION, TRACE_F_READ_POINT, TRACE_F_BIZ_LOCATION,
    TRACE_F_BIZ_TRANSACTIONS, TRACE_F_SOURCES, TRACE_F_DESTINATIONS, TRACE_F_SENSORS,
    TRACE_F_ILMD, TRACE_F_EXTENSION, /**< the next not-yet-placed node of trace_event.ext */
    TRACE_F_CONTEXT,                 /**< an event-level JSON-LD @context */
    TRACE_F_COUNT
} trace_field;

/** JSON-LD / XML name of a field ("eventTime", "epcList", ...), static. */
TRACE_API const char *trace_field_name(trace_field f);

#define TRACE_EVENT_MAX_ORDER 64

/** One prefix binding (XML xmlns or JSON-LD @context term). */
typedef struct trace_ns {
    trace_str prefix; /**< empty for a default namespace */
    trace_str uri;
} trace_ns;

/** An EPCIS event. */
typedef struct trace_event {
    trace_event_type type;
    trace_str type_name;            /**< as read; for EXTENSION the type URI */
    int64_t index;                  /**< 0-based position in the document */
    trace_pos pos;                  /**< where the event starts */

    trace_time event_time;
    trace_time record_time;         /**< lexeme empty when absent */
    trace_str tz_offset;            /**< eventTimeZoneOffset as written */
    trace_id event_id;              /**< raw empty when absent */
    trace_error_declaration error_declaration;
    trace_id *certification;        /**< certificationInfo (XML 0..1; JSON string or array) */
    size_t ncertification;
    int certification_array;        /**< JSON had an array */

    trace_id_list epc_list;         /**< ObjectEvent, TransactionEvent */
    trace_id parent_id;             /**< Aggregation, Transaction, Association */
    trace_id_list child_epcs;       /**< Aggregation, Association */
    trace_id_list input_epcs;       /**< Transformation */
    trace_id_list output_epcs;      /**< Transformation */
    trace_quantity_list quantity_list;
    trace_quantity_list child_quantity_list;
    trace_quantity_list input_quantity_list;
    trace_quantity_list output_quantity_list;

    trace_action action;
    trace_str action_raw;
    trace_id transformation_id;
    trace_vocab biz_step;
    trace_vocab disposition;
    int has_persistent_disposition;
    trace_vocab *pd_set;
    size_t npd_set;
    trace_vocab *pd_unset;
    size_t npd_unset;
    trace_location read_point;
    trace_location biz_location;
    trace_biz_transaction *biz_transactions;
    size_t nbiz_transactions;
    int biz_transactions_present;
    trace_party_ref *sources;
    size_t nsources;
    trace_party_ref *destinations;
    size_t ndestinations;
    trace_sensor_element *sensors;
    size_t nsensors;
    int has_ilmd;
    trace_ext *ilmd;                /**< children of <ilmd> / members of "ilmd" */
    size_t nilmd;
    trace_ext *ext;                 /**< event-level extensions, in source order */
    size_t next;
    trace_ns *context;              /**< event-level namespaces / @context terms */
    size_t ncontext;

    /** Members in source order (TRACE_F_EXTENSION once per ext node); norder 0 = unknown. */
    uint8_t order[TRACE_EVENT_MAX_ORDER];
    size_t norder;
} trace_event;

/** Zero an event (all fields absent). */
TRACE_API void trace_event_init(trace_event *ev);

/* -------------------------------------------------------- document level */

/** A party in the SBDH (Sender or Receiver). */
typedef struct trace_sbdh_party {
    trace_str identifier;
    trace_str authority;            /**< Identifier/@Authority */
    trace_ext *contact;             /**< ContactInformation etc. kept as a tree */
    size_t ncontact;
} trace_sbdh_party;

/**
 * The document header: EPCIS document attributes, the SBDH (XML) or the
 * JSON-LD pseudo-SBDH fields, namespaces/@context, UTDS header fields and
 * header extensions. Signature fields are filled by readers from the
 * header extension (XML), the JSON-LD header, the JSONL trailer or the CSV
 * sidecar, and are written back by writers.
 */
typedef struct trace_header {
    trace_str doc_type;             /**< "EPCISDocument" or "EPCISQueryDocument" */
    trace_str schema_version;       /**< "2.0" */
    trace_time creation_date;
    trace_str doc_id;               /**< JSON-LD document "id" */
    int has_sbdh;
    trace_str sbdh_version;         /**< HeaderVersion */
    trace_sbdh_party *senders;
    size_t nsenders;
    trace_sbdh_party *receivers;
    size_t nreceivers;
    trace_str standard;             /**< DocumentIdentification/Standard */
    trace_str type_version;
    trace_str instance_id;          /**< InstanceIdentifier (message id) */
    trace_str message_type;         /**< DocumentIdentification/Type */
    trace_str multiple_type;
    trace_time created;             /**< CreationDateAndTime */
    trace_ext *sbdh_ext;            /**< BusinessScope and anything else, as a tree */
    size_t nsbdh_ext;
    trace_str sender;               /**< JSON-LD "sender" (or the first SBDH sender) */
    trace_str receiver;             /**< JSON-LD "receiver" */
    trace_str profile;              /**< UTDS profile (family) the document claims */
    trace_ns *namespaces;           /**< document-level prefixes / @context terms */
    size_t nnamespaces;
    trace_str *context_urls;        /**< JSON-LD @context URL entries, in order */
    size_t ncontext_urls;
    trace_ext *ext;                 /**< header and document extensions, in order */
    size_t next;
    trace_str query_name;           /**< EPCISQueryDocument only */
    trace_str subscription_id;
    trace_pos pos;
} trace_header;

/** Zero a header. */
TRACE_API void trace_header_init(trace_header *h);

/** One master-data attribute: id plus value (text or a tree). */
typedef struct trace_md_attr {
    trace_str id;
    trace_str value;                /**< text value, or empty when tree is used */
    trace_ext_type type;            /**< JSON type of a text value */
    trace_ext *tree;                /**< structured value (XML elements / JSON object) */
    size_t ntree;
    trace_pos pos;
} trace_md_attr;

typedef struct trace_md_element {
    trace_str id;
    trace_md_attr *attrs;
    size_t nattrs;
    trace_str *children;            /**< child element ids */
    size_t nchildren;
    trace_ext *ext;
    size_t next;
    trace_pos pos;
} trace_md_element;

typedef struct trace_vocabulary {
    trace_str type;                 /**< "urn:epcglobal:epcis:vtype:BusinessLocation" ... */
    trace_md_element *elements;
    size_t nelements;
    trace_pos pos;
} trace_vocabulary;

/** Master data carried in the header (EPCISMasterData / epcisMasterData). */
typedef struct trace_masterdata {
    trace_vocabulary *vocabularies;
    size_t nvocabularies;
} trace_masterdata;

/** Find a master-data element by id across all vocabularies, or NULL. */
TRACE_API const trace_md_element *trace_masterdata_find(const trace_masterdata *md,
                                                        trace_str id);

/** Find a master-data attribute of an element by id, or NULL. */
TRACE_API const trace_md_attr *trace_md_element_attr(const trace_md_element *el,
                                                     const char *id);

/**
 * The trailer: what follows the last event, so a streaming writer can sign
 * after the events. Every encoding carries it: JSONL as its last line, XML
 * as a utds:trailer element after EPCISBody (EPCISDocument allows ##other
 * there), JSON-LD as a "utds:trailer" member after "epcisBody", CSV in its
 * sidecar. Filled by readers at TRACE_EOF; written by trace_writer_close.
 */
typedef struct trace_trailer {
    int present;
    uint64_t event_count;
    trace_str digest;               /**< document digest (see spec, Part 3b) */
    trace_str signature;            /**< base64 Ed25519 signature */
    trace_str key_id;
    trace_str sig_alg;              /**< "ed25519" */
    trace_ext *ext;
    size_t next;
} trace_trailer;

#ifdef __cplusplus
}
#endif
#endif
