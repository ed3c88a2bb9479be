/*
 * xml_doc.h - a minimal EPCIS 2.0 XML document for the XML reader tests:
 * HEAD EV("members") ... TAIL is a document with ObjectEvents of one line.
 */
#ifndef TRACE_TEST_XML_DOC_H
#define TRACE_TEST_XML_DOC_H

#define HEAD                                                                             \
    "<epcis:EPCISDocument xmlns:epcis=\"urn:epcglobal:epcis:xsd:2\" "                    \
    "schemaVersion=\"2.0\" "                                                             \
    "creationDate=\"2020-01-01T00:00:00Z\"><EPCISBody><EventList>"
#define TAIL "</EventList></EPCISBody></epcis:EPCISDocument>"
#define EV(body)                                                                         \
    "<ObjectEvent><eventTime>2020-01-01T00:00:00Z</eventTime>"                           \
    "<eventTimeZoneOffset>+00:00</eventTimeZoneOffset><action>ADD</action>" body         \
    "</ObjectEvent>"

#endif
