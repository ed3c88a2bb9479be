/*
 * test_dict_examples.c - the example chains of examples/data agree with the
 * dictionary: every utds: element exists, sits where the dictionary allows it
 * (event extension, ILMD, master data, group member) and, in the valid
 * chains, has a value of its type; every business step is a CBV or UTDS step;
 * the declared profile exists; XML and JSON-LD carry the same events. When
 * the reference folder is present the XML also validates against the EPCIS
 * 2.0 XSD.
 */
#include <dirent.h>

#include <jansson.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "unit.h"

#include "dict_int.h"

typedef struct walk {
    int valid_doc; /* check values too */
    int elements;  /* utds: elements seen */
    int events;
    char profile[64];
} walk;

static void check_value(const walk *w, const trace_element *e, const char *v, const char *file)
{
    trace_diag d;
    if (!w->valid_doc || e->type == TRACE_ELEM_GROUP)
        return;
    if (trace_element_check_value(NULL, e, v, strlen(v), &d) != 1)
        fail_msg("%s: utds:%s value '%s': %s", file, e->id, v, d.id);
}

/* ---- XML ---- */

static int is_utds(const xmlNode *n)
{
    return n->type == XML_ELEMENT_NODE && n->ns && !strcmp((const char *)n->ns->href, TRACE_UTDS_NS);
}

static unsigned xml_place(const xmlNode *parent)
{
    const char *p = (const char *)parent->name;
    if (!strcmp(p, "ilmd"))
        return TRACE_PLACE_ILMD;
    if (!strcmp(p, "attribute"))
        return TRACE_PLACE_MASTER;
    return TRACE_PLACE_EVENT;
}

static void xml_walk(walk *w, const xmlNode *n, const char *file)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (is_utds(n)) {
            const trace_element *e = trace_dict_element(NULL, (const char *)n->name);
            if (!e)
                fail_msg("%s: unknown element utds:%s", file, n->name);
            if (is_utds(n->parent)) {
                const trace_element *g = trace_dict_element(NULL, (const char *)n->parent->name);
                assert_non_null(strstr(g->members, e->id));
            } else if (!(e->placement & xml_place(n->parent))) {
                fail_msg("%s: utds:%s not allowed under %s", file, e->id, n->parent->name);
            }
            if (e->type != TRACE_ELEM_GROUP) {
                xmlChar *v = xmlNodeGetContent(n);
                check_value(w, e, (const char *)v, file);
                xmlFree(v);
            }
            w->elements++;
        } else if (!strcmp((const char *)n->name, "attribute")) {
            xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
            const trace_element *e = trace_dict_element(NULL, (const char *)id);
            if (!e || !(e->placement & TRACE_PLACE_MASTER))
                fail_msg("%s: master-data attribute %s", file, id);
            w->elements++;
            if (e->type != TRACE_ELEM_GROUP) {
                xmlChar *v = xmlNodeGetContent(n);
                check_value(w, e, (const char *)v, file);
                xmlFree(v);
            }
            xmlFree(id);
        } else if (!strcmp((const char *)n->name, "bizStep")) {
            xmlChar *v = xmlNodeGetContent(n);
            assert_non_null(trace_dict_bizstep(NULL, (const char *)v, strlen((const char *)v)));
            xmlFree(v);
        } else if (!strcmp((const char *)n->name, "InstanceIdentifier") &&
                   !strcmp((const char *)n->parent->name, "Scope")) {
            xmlChar *v = xmlNodeGetContent(n);
            snprintf(w->profile, sizeof(w->profile), "%s", (const char *)v);
            xmlFree(v);
        } else if (strstr((const char *)n->name, "Event") && !strcmp((const char *)n->parent->name,
                                                                       "EventList")) {
            w->events++;
        }
        xml_walk(w, n->children, file);
    }
}

static void check_xsd(xmlDoc *doc, const char *file)
{
    char ref[512], xsd[1200];
    xmlSchemaParserCtxtPtr pc;
    xmlSchemaPtr schema;
    xmlSchemaValidCtxtPtr vc;
    if (!unit_ref_dir(ref, sizeof(ref)))
        return;
    snprintf(xsd, sizeof(xsd), "%s/epcis/gs1-EPCIS-dev/XSD/EPCglobal-epcis-2_0.xsd", ref);
    pc = xmlSchemaNewParserCtxt(xsd);
    schema = xmlSchemaParse(pc);
    assert_non_null(schema);
    vc = xmlSchemaNewValidCtxt(schema);
    if (xmlSchemaValidateDoc(vc, doc) != 0)
        fail_msg("%s does not validate against the EPCIS 2.0 XSD", file);
    xmlSchemaFreeValidCtxt(vc);
    xmlSchemaFree(schema);
    xmlSchemaFreeParserCtxt(pc);
}

static void check_xml(const char *file, int valid_doc, walk *w)
{
    xmlDoc *doc = xmlReadFile(file, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
    memset(w, 0, sizeof(*w));
    w->valid_doc = valid_doc;
    assert_non_null(doc);
    xml_walk(w, xmlDocGetRootElement(doc), file);
    check_xsd(doc, file);
    xmlFreeDoc(doc);
}

/* ---- JSON-LD ---- */

static void json_walk(walk *w, json_t *v, unsigned place, const trace_element *group,
                      const char *file);

static void json_utds(walk *w, const char *key, json_t *v, unsigned place,
                      const trace_element *group, const char *file)
{
    const trace_element *e = trace_dict_element(NULL, key);
    size_t i;
    if (!e)
        fail_msg("%s: unknown element %s", file, key);
    if (group)
        assert_non_null(strstr(group->members, e->id));
    else if (!(e->placement & place))
        fail_msg("%s: %s not allowed here", file, key);
    w->elements++;
    if (json_is_array(v)) {
        assert_true(e->repeatable);
        for (i = 0; i < json_array_size(v); i++)
            json_utds(w, key, json_array_get(v, i), place, group, file);
        w->elements--;
        return;
    }
    if (e->type == TRACE_ELEM_GROUP)
        json_walk(w, v, place, e, file);
    else if (json_is_string(v))
        check_value(w, e, json_string_value(v), file);
    else
        fail_msg("%s: %s is not a string", file, key);
}

static void json_walk(walk *w, json_t *v, unsigned place, const trace_element *group,
                      const char *file)
{
    const char *key;
    json_t *x;
    size_t i;
    if (json_is_array(v)) {
        json_array_foreach(v, i, x)
        json_walk(w, x, place, NULL, file);
        return;
    }
    if (!json_is_object(v))
        return;
    if (json_is_string(json_object_get(v, "attribute")) || json_is_object(json_object_get(v, "attribute"))) {
        const char *id = json_string_value(json_object_get(v, "id"));
        json_utds(w, id, json_object_get(v, "attribute"), TRACE_PLACE_MASTER, NULL, file);
        return;
    }
    json_object_foreach(v, key, x) {
        if (!strncmp(key, "utds:", 5) && strcmp(key, "utds:profile"))
            json_utds(w, key, x, place, group, file);
        else if (!strcmp(key, "ilmd"))
            json_walk(w, x, TRACE_PLACE_ILMD, NULL, file);
        else if (!strcmp(key, "bizStep"))
            assert_non_null(trace_dict_bizstep(NULL, json_string_value(x),
                                               strlen(json_string_value(x))));
        else
            json_walk(w, x, TRACE_PLACE_EVENT, NULL, file);
    }
}

static void check_json(const char *file, int valid_doc, walk *w)
{
    json_error_t err;
    json_t *doc = json_load_file(file, 0, &err);
    memset(w, 0, sizeof(*w));
    w->valid_doc = valid_doc;
    if (!doc)
        fail_msg("%s:%d: %s", file, err.line, err.text);
    snprintf(w->profile, sizeof(w->profile), "%s",
             json_string_value(json_object_get(doc, "utds:profile")));
    w->events = (int)json_array_size(
        json_object_get(json_object_get(doc, "epcisBody"), "eventList"));
    json_walk(w, doc, TRACE_PLACE_EVENT, NULL, file);
    json_decref(doc);
}

/* Check every XML/JSON-LD pair of a directory; returns the number of pairs. */
static int check_dir(const char *dir, int valid_doc)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int pairs = 0;
    if (!d)
        return -1;
    while ((de = readdir(d)) != NULL) {
        char xml[1024], json[1024];
        size_t n = strlen(de->d_name);
        walk wx, wj;
        if (n < 5 || strcmp(de->d_name + n - 4, ".xml"))
            continue;
        snprintf(xml, sizeof(xml), "%s/%s", dir, de->d_name);
        snprintf(json, sizeof(json), "%s/%.*s.jsonld", dir, (int)(n - 4), de->d_name);
        check_xml(xml, valid_doc, &wx);
        check_json(json, valid_doc, &wj);
        assert_non_null(trace_dict_profile(NULL, wx.profile));
        assert_string_equal(wx.profile, wj.profile);
        assert_int_equal(wx.events, wj.events);
        assert_int_equal(wx.elements, wj.elements);
        assert_true(wx.elements > 10);
        pairs++;
    }
    closedir(d);
    return pairs;
}

static void test_examples(void **state)
{
    char dir[1024];
    const char *src = getenv("TRACE_SRCDIR");
    (void)state;
    snprintf(dir, sizeof(dir), "%s/examples/data", src ? src : ".");
    assert_int_equal(check_dir(dir, 1), 8);
    snprintf(dir, sizeof(dir), "%s/examples/data/invalid", src ? src : ".");
    assert_int_equal(check_dir(dir, 0), 34);
}

TRACE_UNIT_MAIN(cmocka_unit_test(test_examples))
