/*
 * libtrace/dict.h - the UTDS element dictionary (数据元字典), code lists,
 * business steps and profiles (分类采集要求) of UTDS Part 2, plus local
 * profiles loaded at run time.
 *
 * The national tables are compiled in from spec/dict/ *.tsv: every lookup is
 * a search in const arrays, nothing is parsed at run time. A trace_dict adds
 * local profiles (trace_dict_load_profile) *before* it is given to a context;
 * after that it is immutable.
 *
 * Functions taking a `const trace_dict *` accept NULL, meaning "the national
 * tables only".
 *
 * Ownership: every pointer returned is borrowed. National entries are static;
 * entries of a local profile live as long as the trace_dict that loaded them.
 * Thread-safety: lookups are safe from any number of threads; loading a local
 * profile needs the dictionary to be unshared (reference count 1).
 */
#ifndef LIBTRACE_DICT_H
#define LIBTRACE_DICT_H

#include "common.h"
#include "ctx.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The UTDS namespace (XML namespace and JSON-LD prefix "utds"). */
#define TRACE_UTDS_NS "https://utds.org.cn/ns/1.0/"
/** The CURIE prefix bound to TRACE_UTDS_NS. */
#define TRACE_UTDS_PREFIX "utds"

/* ------------------------------------------------------------------------ */
/* Elements                                                                  */

/** Value type of a dictionary element. */
typedef enum trace_elem_type {
    TRACE_ELEM_TEXT = 0,     /**< text in a character set, with a length range */
    TRACE_ELEM_ID = 1,       /**< identifier of one of the schemes in `schemes` */
    TRACE_ELEM_DATE = 2,     /**< xsd:date, YYYY-MM-DD */
    TRACE_ELEM_DATETIME = 3, /**< xsd:dateTime with zone offset */
    TRACE_ELEM_DECIMAL = 4,  /**< xsd:decimal with a unit */
    TRACE_ELEM_INTEGER = 5,  /**< non-negative integer with a unit */
    TRACE_ELEM_ENUM = 6,     /**< a code of code list `codelist` */
    TRACE_ELEM_GROUP = 7     /**< a group of the elements listed in `members` */
} trace_elem_type;

/** Character sets of TEXT elements (spec/utds-2-collection.md 4.2). */
typedef enum trace_charset {
    TRACE_CHARSET_ANY = 0,             /**< any UTF-8 text without control characters */
    TRACE_CHARSET_PRINTABLE = 1,       /**< ASCII 0x20-0x7E */
    TRACE_CHARSET_CSET82 = 2,          /**< GS1 AI encodable character set 82 */
    TRACE_CHARSET_DIGITS = 3,          /**< 0-9 */
    TRACE_CHARSET_ALNUM = 4,           /**< 0-9 A-Z a-z */
    TRACE_CHARSET_UPPER_ALNUM = 5,     /**< 0-9 A-Z */
    TRACE_CHARSET_UPPER_ALNUM_DASH = 6 /**< 0-9 A-Z and '-' */
} trace_charset;

/** Placement bits: where an element may appear. */
#define TRACE_PLACE_EVENT  0x1u /**< event-level extension */
#define TRACE_PLACE_ILMD   0x2u /**< inside ilmd (instance/lot master data) */
#define TRACE_PLACE_MASTER 0x4u /**< master-data (vocabulary) attribute */

/** One element of the dictionary. All strings are static or dictionary-owned. */
typedef struct trace_element {
    const char *id;        /**< local name, e.g. "quarantineCertNo" */
    const char *uri;       /**< TRACE_UTDS_NS + id */
    trace_elem_type type;  /**< value type */
    trace_charset charset; /**< TEXT: character set */
    uint32_t min_len;      /**< TEXT: min characters; INTEGER: min digits; 0 none */
    uint32_t max_len;      /**< TEXT: max characters; INTEGER: max digits; 0 none */
    const char *schemes;   /**< ID: acceptable schemes, "a|b"; else NULL */
    const char *codelist;  /**< ENUM: code list id; else NULL */
    const char *unit; /**< DECIMAL/INTEGER: Rec 20 unit, or "*" = given with the value */
    const char *members; /**< GROUP: member ids, "a,b,c"; else NULL */
    unsigned placement;  /**< TRACE_PLACE_* bits */
    int repeatable;      /**< 1 when the element may occur more than once */
    const char *en;      /**< English name */
    const char *zh;      /**< Chinese name */
    const char *desc;    /**< English description */
} trace_element;

/**
 * Number of elements of the dictionary.
 * @param d the dictionary, or NULL for the national tables
 * @return the count (105 in UTDS 1.0)
 */
TRACE_API size_t trace_dict_element_count(const trace_dict *d);
/**
 * Element i in id order.
 * @param d the dictionary, or NULL
 * @param i 0 <= i < trace_dict_element_count(d)
 * @return the element (borrowed, static), or NULL when i is out of range
 */
TRACE_API const trace_element *trace_dict_element_at(const trace_dict *d, size_t i);
/**
 * Find an element by id ("earTag"), CURIE ("utds:earTag") or URI
 * (TRACE_UTDS_NS "earTag"). Binary search, no allocation.
 * @return the element, or NULL when unknown.
 */
TRACE_API const trace_element *trace_dict_element(const trace_dict *d, const char *name);
/**
 * Check one value against its element's type (spec/utds-2-collection.md
 * character set and length of text, calendar dates,
 * date-times with a zone offset, decimals (and "DECIMAL UNIT" with a unit of
 * code list unece-rec20 when the element's unit is "*"), integers, codes of
 * the element's code list, and identifiers, parsed by the code module under
 * each of the element's schemes (schemes this build does not register are
 * skipped; with none registered the identifier is accepted).
 * @param ctx  context for the code module (may be NULL)
 * @param e    the element
 * @param v    the value (need not be NUL-terminated), v[0..n)
 * @param d    receives one TR-DICT-00xx diagnostic when the value is invalid;
 *             loc.offset/length, when set, are relative to v
 * @return 1 valid, 0 invalid (d filled), TRACE_EINVAL (NULL argument).
 * Ownership: nothing is kept. Thread-safety: safe. No allocation.
 */
TRACE_API int trace_element_check_value(const trace_ctx *ctx, const trace_element *e,
                                        const char *v, size_t n, trace_diag *d);
/** Name of a type: "text", "id", "date", "datetime", "decimal", "integer", "enum",
 * "group". */
TRACE_API const char *trace_elem_type_name(trace_elem_type t);
/** Name of a character set: "any", "printable", "cset82", "digits", ... */
TRACE_API const char *trace_charset_name(trace_charset c);

/* ------------------------------------------------------------------------ */
/* Code lists                                                                */

/** One value of a code list. */
typedef struct trace_code_value {
    const char *list;   /**< code list id */
    const char *code;   /**< the code */
    const char *parent; /**< parent code in the same or the parent list, or NULL */
    const char *en;     /**< English name */
    const char *zh;     /**< Chinese name */
} trace_code_value;

/** A code list. */
typedef struct trace_codelist {
    const char *id;     /**< e.g. "party-role" */
    const char *source; /**< "utds", "cbv", "epcis", "unece" */
    const char *en;
    const char *zh;
    const char *desc;
    size_t first; /**< index of the first value (internal order) */
    size_t count; /**< number of values */
} trace_codelist;

/** Number of code lists (d may be NULL). */
TRACE_API size_t trace_dict_codelist_count(const trace_dict *d);
/** Code list i (0 <= i < count), or NULL. Borrowed, static. */
TRACE_API const trace_codelist *trace_dict_codelist_at(const trace_dict *d, size_t i);
/**
 * Find a code list.
 * @param d  the dictionary, or NULL
 * @param id code list id, e.g. "party-role" ("tracectl dict list codelists")
 * @return the list (borrowed, static), or NULL when unknown
 */
TRACE_API const trace_codelist *trace_dict_codelist(const trace_dict *d, const char *id);
/** Value i (0 <= i < list->count) of a list, in table order, or NULL. Borrowed, static.
 */
TRACE_API const trace_code_value *trace_codelist_value_at(const trace_codelist *list,
                                                          size_t i);
/**
 * Find a code in a list (exact, case-sensitive match; O(list size), at most
 * about a hundred comparisons).
 * @param list the list (NULL gives NULL)
 * @param code NUL-terminated code
 * @return the value (borrowed, static), or NULL
 */
TRACE_API const trace_code_value *trace_codelist_value(const trace_codelist *list,
                                                       const char *code);

/**
 * Find a value of a CBV list in any spelling: the bare word ("in_transit"),
 * the CBV URN ("urn:epcglobal:cbv:disp:in_transit"), the CBV Web URI
 * ("https://ref.gs1.org/cbv/Disp-in_transit", also the older
 * "https://gs1.org/voc/Disp-...") or the CURIE ("cbv:Disp-in_transit").
 * Works for cbv-disposition (Disp-), cbv-btt (BTT-), cbv-sdt (SDT-) and
 * cbv-error-reason (ER-); other lists take the bare code only.
 * @param list code list id
 * @param s    the spelling, s[0..len)
 * @return the value (borrowed, static; its code is the normalised form), or NULL
 */
TRACE_API const trace_code_value *
trace_dict_cbv_value(const trace_dict *d, const char *list, const char *s, size_t len);

/* ------------------------------------------------------------------------ */
/* Business steps                                                            */

/** A business step: CBV 2.0 or a UTDS addition. */
typedef struct trace_bizstep {
    const char *name;   /**< normalised name: "shipping" (CBV) or "utds:slaughtering" */
    const char *uri;    /**< Web URI */
    const char *cbv;    /**< nearest CBV step (itself for CBV steps) */
    const char *origin; /**< "cbv" or "utds" */
    const char *en;
    const char *zh;
    const char *desc;
} trace_bizstep;

/** Number of business steps, CBV first, then UTDS (d may be NULL). */
TRACE_API size_t trace_dict_bizstep_count(const trace_dict *d);
/** Business step i (0 <= i < count), or NULL. Borrowed, static. */
TRACE_API const trace_bizstep *trace_dict_bizstep_at(const trace_dict *d, size_t i);
/**
 * Find a business step by any spelling: normalised name ("shipping",
 * "utds:slaughtering"), CBV URN (urn:epcglobal:cbv:bizstep:shipping), CBV Web
 * URI (https://ref.gs1.org/cbv/BizStep-shipping), CURIE (cbv:BizStep-shipping,
 * utds:BizStep-slaughtering) or UTDS URI.
 * @param len length of s in bytes
 * @return the step, or NULL when not a CBV or UTDS step.
 */
TRACE_API const trace_bizstep *trace_dict_bizstep(const trace_dict *d, const char *s,
                                                  size_t len);

/* ------------------------------------------------------------------------ */
/* Profiles and rules                                                        */

/** Kinds of profile rules (spec/utds-2-collection.md section 7.4). */
typedef enum trace_rule_kind {
    TRACE_RULE_REQUIRE = 0,      /**< arg0 PATHS: one of the alternatives is present */
    TRACE_RULE_OPTIONAL = 1,     /**< arg0 PATH: documented as optional, never fails */
    TRACE_RULE_FORBID = 2,       /**< arg0 PATH: must be absent */
    TRACE_RULE_SCHEME = 3,       /**< arg0 PATH, arg1 SCHEMES: identifiers at PATH */
    TRACE_RULE_ITEM_LEVEL = 4,   /**< arg0 SCHEMES: item-level identification */
    TRACE_RULE_CODELIST = 5,     /**< arg0 PATH, arg1 LIST: value is a code of LIST */
    TRACE_RULE_DATE_ORDER = 6,   /**< arg0 PATH_A, arg1 PATH_B: A <= B */
    TRACE_RULE_EVENT_TIME = 7,   /**< number = tolerance in seconds */
    TRACE_RULE_GTIN_AGREES = 8,  /**< GTINs in identifiers agree with the product */
    TRACE_RULE_BATCH_AGREES = 9, /**< arg0 PATH: batches in identifiers agree with PATH */
    TRACE_RULE_QUANTITY = 10,    /**< quantities positive, units known */
    TRACE_RULE_BOTH_PARTIES =
        11, /**< arg0 SDT: a source and a destination of that type */
    TRACE_RULE_ACTION_REQUIRED = 12, /**< action present except for TransformationEvent */
    TRACE_RULE_ILMD_ADD_ONLY =
        13, /**< ilmd only on ADD ObjectEvent or TransformationEvent */
    TRACE_RULE_PARENT_REQUIRED = 14, /**< AggregationEvent ADD/DELETE has parentID */
    TRACE_RULE_MASTER_KNOWN = 15, /**< arg0 party|product|location: references resolve */
    TRACE_RULE_ELEMENTS = 16,     /**< UTDS extensions conform to the dictionary */
    TRACE_RULE_FAMILY_AGREES = 17, /**< UTDS trace codes are of the profile's family */
    TRACE_RULE_KIND_COUNT = 18
} trace_rule_kind;

/** Name of a rule kind as written in profiles ("require", "date-order", ...); "?" when
 * out of range. */
TRACE_API const char *trace_rule_kind_name(trace_rule_kind k);

/** Condition operators (spec/utds-2-collection.md 7.5). */
typedef enum trace_cond_op {
    TRACE_COND_HAS = 0, /**< has:PATH - PATH is present */
    TRACE_COND_NO = 1,  /**< no:PATH - PATH is absent */
    TRACE_COND_EQ = 2,  /**< PATH=VALUE - a value at PATH equals VALUE */
    TRACE_COND_NE = 3   /**< PATH!=VALUE - no value at PATH equals VALUE */
} trace_cond_op;

/** One condition atom; a rule applies when all its atoms hold. */
typedef struct trace_rule_cond {
    trace_cond_op op;
    const char *path;
    const char *value; /**< EQ/NE only, else NULL */
} trace_rule_cond;

#define TRACE_RULE_MAX_COND 4

/** Event-type bits of trace_rule.events. */
#define TRACE_EV_OBJECT          0x01u
#define TRACE_EV_AGGREGATION     0x02u
#define TRACE_EV_TRANSACTION     0x04u
#define TRACE_EV_TRANSFORMATION  0x08u
#define TRACE_EV_ASSOCIATION     0x10u
#define TRACE_EV_ANY             0x1fu /**< "*": the five event types */
#define TRACE_EV_MASTER_PARTY    0x20u /**< master data of a party */
#define TRACE_EV_MASTER_PRODUCT  0x40u /**< master data of a product (class) */
#define TRACE_EV_MASTER_LOCATION 0x80u /**< master data of a location */

/**
 * Bit of an event type name ("ObjectEvent", ..., "master:party",
 * "master:product", "master:location"), or 0 when unknown.
 */
TRACE_API unsigned trace_dict_event_bit(const char *name, size_t len);
/** Name of a single event-type bit, or NULL. */
TRACE_API const char *trace_dict_event_name(unsigned bit);

/** One rule of a profile. */
typedef struct trace_rule {
    const char *id;      /**< stable id, e.g. "MEAT-006" */
    const char *profile; /**< profile that declares it */
    trace_rule_kind kind;
    trace_severity severity; /**< severity of a violation */
    unsigned events;         /**< TRACE_EV_* bits */
    const char *bizsteps;    /**< "*" or comma-separated normalised step names */
    const char *arg[2];      /**< kind-specific arguments, NULL when unused */
    long number;             /**< EVENT_TIME: tolerance in seconds; else 0 */
    unsigned ncond;          /**< number of condition atoms */
    trace_rule_cond cond[TRACE_RULE_MAX_COND];
    const char *origin; /**< NULL for national rules, else the local profile name */
} trace_rule;

/**
 * 1 when rule applies to an event of type bit `event` and business step
 * `bizstep` (a normalised name, NULL when the event has none), else 0.
 * Conditions are not evaluated here: that needs the event (the validator).
 */
TRACE_API int trace_rule_matches(const trace_rule *rule, unsigned event,
                                 const char *bizstep);

/**
 * The level of a rule for people (spec/utds-2-collection.md ):
 * 'M' mandatory (require, error, no condition), 'C' conditional (require
 * with a condition), 'R' recommended (require, warning or info), 'O'
 * optional, 'F' forbidden, '-' any other kind (a check); '?' for NULL.
 */
TRACE_API char trace_rule_level(const trace_rule *rule);

/** A profile: "base", a family, a sub-family, or a local profile. */
typedef struct trace_profile {
    const char *name;   /**< e.g. "meat" */
    const char *parent; /**< profile it refines or extends, NULL for "base" */
    const char *en;
    const char *zh;
    const char *region; /**< local profiles: GB/T 2260 region, else NULL */
    const char *origin; /**< NULL national; local: the source name given at load */
    size_t nrules;      /**< rules it declares itself */
} trace_profile;

/** Number of profiles: national (base, families, sub-families), then local in load order.
 */
TRACE_API size_t trace_dict_profile_count(const trace_dict *d);
/**
 * Profile i (0 <= i < count), or NULL.
 * Ownership: borrowed; a local profile lives as long as d.
 */
TRACE_API const trace_profile *trace_dict_profile_at(const trace_dict *d, size_t i);
/**
 * Find a profile by name ("base", "meat", a local profile's name).
 * @return the profile (borrowed), or NULL when unknown
 */
TRACE_API const trace_profile *trace_dict_profile(const trace_dict *d, const char *name);
/**
 * Rule i that profile p declares itself (not those it inherits).
 * @param d the dictionary p belongs to (NULL for a national profile)
 * @param p a profile from this dictionary
 * @param i 0 <= i < p->nrules
 * @return the rule (borrowed), or NULL
 */
TRACE_API const trace_rule *trace_profile_rule_at(const trace_dict *d,
                                                  const trace_profile *p, size_t i);
/**
 * Find a rule by id ("MEAT-006") among the national rules and the rules of
 * loaded local profiles. Linear search.
 * @return the rule (borrowed), or NULL
 */
TRACE_API const trace_rule *trace_dict_rule(const trace_dict *d, const char *id);

/**
 * Iterator over the rules in force for one profile: those of "base", of the
 * family, of the sub-family (when the profile is one), then of every loaded
 * local profile that extends any of them. Plain data, no allocation.
 */
typedef struct trace_rule_iter {
    const trace_dict *dict;
    const trace_profile *chain[4]; /* base, family, sub-family (nchain used) */
    unsigned nchain;
    unsigned events;     /* filter: event bits, 0 = no filter */
    const char *bizstep; /* filter: normalised step, NULL = no step filter */
    size_t stage, pos;   /* private cursor */
} trace_rule_iter;

/**
 * Start iterating the rules in force for profile `name`.
 * @param events  event-type bit to filter on, or 0 for every rule
 * @param bizstep normalised business step to filter on (with events != 0), or NULL
 * @return TRACE_OK, TRACE_ENOTFOUND (unknown profile), TRACE_EINVAL
 */
TRACE_API int trace_rule_iter_init(trace_rule_iter *it, const trace_dict *d,
                                   const char *name, unsigned events,
                                   const char *bizstep);
/**
 * Next rule in force, or NULL at the end. Order: base, family, sub-family,
 * then local profiles in load order; within a profile, table order.
 * Thread-safety: the iterator belongs to one thread; the dictionary is shared.
 */
TRACE_API const trace_rule *trace_rule_iter_next(trace_rule_iter *it);

/* ------------------------------------------------------------------------ */
/* Local profiles                                                            */

/** Limits of a local profile file. */
#define TRACE_LOCAL_MAX_LINE  1024
#define TRACE_LOCAL_MAX_RULES 1000
#define TRACE_LOCAL_MAX_BYTES (1u << 20)

/**
 * Parse a local profile (format: spec/utds-2-collection.md section 8) and
 * add it to d. Every problem is reported to diags (areas DICT: syntax and
 * references; PROF: attempts to relax a national requirement). Loading is
 * all or nothing: when any error is reported nothing is added.
 * @param d      the dictionary; must not be shared yet (reference count 1)
 * @param text   the file contents (need not be NUL-terminated)
 * @param len    bytes in text (at most TRACE_LOCAL_MAX_BYTES)
 * @param source name used in diagnostics and trace_profile.origin (copied)
 * @param diags  receives diagnostics, or NULL
 * @return TRACE_OK; TRACE_EDATA (diagnostics say why); TRACE_EINVAL (NULL
 *         argument, or d is shared); TRACE_ENOMEM; TRACE_ELIMIT (too big).
 * Ownership: text is not kept. Thread-safety: d must not be in use.
 */
TRACE_API TRACE_NODISCARD int trace_dict_load_profile(trace_dict *d, const char *text,
                                                      size_t len, const char *source,
                                                      trace_diag_list *diags);
/**
 * Read a local profile file and load it with trace_dict_load_profile.
 * @return as trace_dict_load_profile, plus TRACE_EIO when the file cannot be read.
 */
TRACE_API TRACE_NODISCARD int
trace_dict_load_profile_file(trace_dict *d, const char *path, trace_diag_list *diags);

#ifdef __cplusplus
}
#endif
#endif
