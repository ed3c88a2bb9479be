#!/usr/bin/env python3
"""gen-examples.py - write examples/data: one realistic trace chain per UTDS
product family as EPCIS 2.0 XML (with SBDH) and JSON-LD, plus invalid
variants that each break one profile rule.

A maintainer tool (the build does not run it): check digits of every GTIN,
GLN, SSCC, USCC, SC licence and CAS number are computed here, so the data stay
valid when edited. Usage: python3 tools/gen-examples.py [OUTDIR]
"""
import copy
import json
import os
import sys
from xml.sax.saxutils import escape

NS = "https://utds.org.cn/ns/1.0/"
OUT = sys.argv[1] if len(sys.argv) > 1 else "examples/data"

# ---------------------------------------------------------------- check digits


def gs1(payload):
    """GS1 mod 10: the payload followed by its check digit."""
    s = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(payload)))
    return payload + str((10 - s % 10) % 10)


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def org_code(base8):
    """GB 11714 organisation code: 8 characters + check (10 -> X, 11 -> 0)."""
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    v = [int(c) if c.isdigit() else ord(c) - 55 for c in base8]
    c = 11 - sum(a * b for a, b in zip(v, w)) % 11
    return base8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def uscc(kind, region, base8):
    """GB 32100: registration kind (2), region (6), org code (9), check (mod 31)."""
    body = kind + region + org_code(base8)
    s = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + USCC_CHARS[(31 - s % 31) % 31]


def mod11_10(payload):
    p = 10
    for c in payload:
        s = (p + int(c)) % 10 or 10
        p = (2 * s) % 11
    return payload + str((11 - p) % 10)


def cas(body):
    digits = body.replace("-", "")
    s = sum(int(c) * (i + 1) for i, c in enumerate(reversed(digits)))
    return body + "-" + str(s % 10)


def resident_id(body17):
    """GB 11643: ISO 7064 MOD 11-2 check character."""
    w = [pow(2, 17 - i, 11) for i in range(17)]
    c = (12 - sum(int(a) * b for a, b in zip(body17, w)) % 11) % 11
    return body17 + ("X" if c == 10 else str(c))


def sgtin(cp, ref, serial):
    """EPC URN and GTIN-14 of a serialised item (indicator 0)."""
    gtin = gs1("0" + cp + ref)
    return "urn:epc:id:sgtin:%s.0%s.%s" % (cp, ref, serial), gtin


def lgtin(cp, ref, lot):
    return "urn:epc:class:lgtin:%s.0%s.%s" % (cp, ref, lot), gs1("0" + cp + ref)


def sgln(cp, loc):
    return "urn:epc:id:sgln:%s.%s.0" % (cp, loc), gs1(cp + loc)


def sscc(cp, serial):
    return "urn:epc:id:sscc:%s.0%s" % (cp, serial), gs1("0" + cp + serial)


def u(scheme, value):
    return "urn:utds:id:%s:%s" % (scheme, value)


# ---------------------------------------------------------------- document model
# An event is a dict with EPCIS 2.0 JSON-LD keys; "ext" holds event-level UTDS
# extensions and "ilmd" the ILMD attributes, both keyed by CURIE. Values are
# strings, lists (repeated) or dicts (groups).

CBV_STEPS = set("""accepting arriving assembling collecting commissioning consigning
creating_class_instance cycle_counting decommissioning departing destroying disassembling
dispensing encoding entering_exiting holding inspecting installing killing loading other
packing picking receiving removing repackaging repairing replacing reserving retail_selling
sampling sensor_reporting shipping staging_outbound stock_taking stocking storing
transporting unloading unpacking void_shipping""".split())

XML_ORDER = {
    "ObjectEvent": ["epcList", "action", "bizStep", "disposition", "readPoint", "bizLocation",
                    "bizTransactionList", "quantityList", "sourceList", "destinationList", "ilmd"],
    "AggregationEvent": ["parentID", "childEPCs", "action", "bizStep", "disposition",
                         "readPoint", "bizLocation", "bizTransactionList", "childQuantityList",
                         "sourceList", "destinationList"],
    "TransformationEvent": ["inputEPCList", "inputQuantityList", "outputEPCList",
                            "outputQuantityList", "transformationID", "bizStep",
                            "disposition", "readPoint", "bizLocation", "bizTransactionList",
                            "sourceList", "destinationList", "ilmd"],
}
JSON_ORDER = ["type", "eventTime", "eventTimeZoneOffset", "epcList", "parentID", "childEPCs",
              "inputEPCList", "inputQuantityList", "outputEPCList", "outputQuantityList",
              "quantityList", "childQuantityList", "action", "bizStep", "disposition",
              "readPoint", "bizLocation", "bizTransactionList", "sourceList",
              "destinationList", "ilmd"]


def step_uri(step):
    if step.startswith("utds:"):
        return NS + "BizStep-" + step[5:]
    return "urn:epcglobal:cbv:bizstep:" + step


def step_json(step):
    return "utds:BizStep-" + step[5:] if step.startswith("utds:") else step


def xml_value(tag, value, ind):
    pad = "  " * ind
    if isinstance(value, list):
        return "".join(xml_value(tag, v, ind) for v in value)
    if isinstance(value, dict):
        inner = "".join(xml_value(k, v, ind + 1) for k, v in value.items())
        return "%s<%s>\n%s%s</%s>\n" % (pad, tag, inner, pad, tag)
    return "%s<%s>%s</%s>\n" % (pad, tag, escape(str(value)), tag)


def xml_qty(tag, items, ind):
    pad = "  " * ind
    out = "%s<%s>\n" % (pad, tag)
    for q in items:
        out += "%s  <quantityElement>\n%s    <epcClass>%s</epcClass>\n" % (pad, pad, q["epcClass"])
        if "quantity" in q:
            out += "%s    <quantity>%s</quantity>\n" % (pad, q["quantity"])
        if "uom" in q:
            out += "%s    <uom>%s</uom>\n" % (pad, q["uom"])
        out += "%s  </quantityElement>\n" % pad
    return out + "%s</%s>\n" % (pad, tag)


def xml_field(key, value, ind):
    pad = "  " * ind
    if key in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        return "%s<%s>\n%s%s</%s>\n" % (pad, key, "".join(
            "%s  <epc>%s</epc>\n" % (pad, e) for e in value), pad, key)
    if key.endswith("QuantityList") or key == "quantityList":
        return xml_qty(key, value, ind)
    if key == "bizStep":
        return "%s<bizStep>%s</bizStep>\n" % (pad, step_uri(value))
    if key == "disposition":
        return "%s<disposition>urn:epcglobal:cbv:disp:%s</disposition>\n" % (pad, value)
    if key in ("readPoint", "bizLocation"):
        return "%s<%s><id>%s</id></%s>\n" % (pad, key, value, key)
    if key == "bizTransactionList":
        return "%s<bizTransactionList>\n%s%s</bizTransactionList>\n" % (pad, "".join(
            '%s  <bizTransaction type="urn:epcglobal:cbv:btt:%s">%s</bizTransaction>\n'
            % (pad, t, v) for t, v in value), pad)
    if key in ("sourceList", "destinationList"):
        tag = key[:-4]
        return "%s<%s>\n%s%s</%s>\n" % (pad, key, "".join(
            '%s  <%s type="urn:epcglobal:cbv:sdt:%s">%s</%s>\n' % (pad, tag, t, v, tag)
            for t, v in value), pad, key)
    if key == "ilmd":
        return "%s<ilmd>\n%s%s</ilmd>\n" % (pad, "".join(
            xml_value(k, v, ind + 1) for k, v in value.items()), pad)
    return "%s<%s>%s</%s>\n" % (pad, key, escape(str(value)), key)


def xml_event(ev):
    t = ev["type"]
    out = "      <%s>\n" % t
    out += "        <eventTime>%s</eventTime>\n" % ev["eventTime"]
    out += "        <eventTimeZoneOffset>%s</eventTimeZoneOffset>\n" % ev["eventTimeZoneOffset"]
    for key in XML_ORDER[t]:
        if key in ev:
            out += xml_field(key, ev[key], 4)
        elif key == "epcList" and t == "ObjectEvent":
            out += "        <epcList/>\n"
    for k, v in ev.get("ext", {}).items():
        out += xml_value(k, v, 4)
    return out + "      </%s>\n" % t


def xml_master(master):
    out = "      <EPCISMasterData>\n        <VocabularyList>\n"
    for vtype, elements in master:
        out += '          <Vocabulary type="%s">\n            <VocabularyElementList>\n' % vtype
        for vid, attrs in elements:
            out += '              <VocabularyElement id="%s">\n' % vid
            for k, v in attrs:
                aid = NS + k[5:] if k.startswith("utds:") else k
                if isinstance(v, dict):
                    inner = "".join(xml_value(a, b, 9) for a, b in v.items())
                    out += '                <attribute id="%s">\n%s                </attribute>\n' % (aid, inner)
                else:
                    out += '                <attribute id="%s">%s</attribute>\n' % (aid, escape(v))
            out += "              </VocabularyElement>\n"
        out += "            </VocabularyElementList>\n          </Vocabulary>\n"
    return out + "        </VocabularyList>\n      </EPCISMasterData>\n"


def to_xml(doc):
    h = doc["header"]
    out = '<?xml version="1.0" encoding="UTF-8"?>\n'
    out += ('<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"\n'
            '    xmlns:sbdh="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"\n'
            '    xmlns:cbvmda="urn:epcglobal:cbv:mda" xmlns:utds="%s"\n'
            '    schemaVersion="2.0" creationDate="%s">\n' % (NS, h["created"]))
    out += "  <EPCISHeader>\n    <sbdh:StandardBusinessDocumentHeader>\n"
    out += "      <sbdh:HeaderVersion>1.0</sbdh:HeaderVersion>\n"
    for role in ("Sender", "Receiver"):
        out += ('      <sbdh:%s><sbdh:Identifier Authority="USCC">%s</sbdh:Identifier></sbdh:%s>\n'
                % (role, h[role.lower()], role))
    out += ("      <sbdh:DocumentIdentification>\n"
            "        <sbdh:Standard>EPCglobal</sbdh:Standard>\n"
            "        <sbdh:TypeVersion>2.0</sbdh:TypeVersion>\n"
            "        <sbdh:InstanceIdentifier>%s</sbdh:InstanceIdentifier>\n"
            "        <sbdh:Type>Events</sbdh:Type>\n"
            "        <sbdh:CreationDateAndTime>%s</sbdh:CreationDateAndTime>\n"
            "      </sbdh:DocumentIdentification>\n" % (h["id"], h["created"]))
    out += ("      <sbdh:BusinessScope>\n        <sbdh:Scope>\n"
            "          <sbdh:Type>UTDS-Profile</sbdh:Type>\n"
            "          <sbdh:InstanceIdentifier>%s</sbdh:InstanceIdentifier>\n"
            "        </sbdh:Scope>\n      </sbdh:BusinessScope>\n" % doc["profile"])
    out += "    </sbdh:StandardBusinessDocumentHeader>\n"
    out += "    <extension>\n" + xml_master(doc["master"]) + "    </extension>\n"
    out += "  </EPCISHeader>\n  <EPCISBody>\n    <EventList>\n"
    for ev in doc["events"]:
        out += xml_event(ev)
    return out + "    </EventList>\n  </EPCISBody>\n</epcis:EPCISDocument>\n"


def num(text):
    """A JSON number for a decimal lexeme: integers stay integers."""
    return float(text) if "." in text else int(text)


def json_event(ev):
    out = {}
    for key in JSON_ORDER:
        if key not in ev:
            continue
        v = ev[key]
        if key == "bizStep":
            v = step_json(v)
        elif key in ("readPoint", "bizLocation"):
            v = {"id": v}
        elif key == "bizTransactionList":
            v = [{"type": t, "bizTransaction": b} for t, b in v]
        elif key in ("sourceList", "destinationList"):
            v = [{"type": t, key[:-4]: s} for t, s in v]
        elif key.endswith("uantityList"):
            v = [dict((k, num(x) if k == "quantity" else x) for k, x in q.items()) for q in v]
        out[key] = v
    out.update(ev.get("ext", {}))
    return out


def json_master(master):
    vocab = []
    for vtype, elements in master:
        vocab.append({"type": vtype, "vocabularyElementList": [
            {"id": vid, "attributes": [{"id": k, "attribute": v} for k, v in attrs]}
            for vid, attrs in elements]})
    return {"epcisMasterData": {"vocabularyList": vocab}}


def to_json(doc):
    h = doc["header"]
    d = {
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                     {"utds": NS}],
        "type": "EPCISDocument",
        "schemaVersion": "2.0",
        "creationDate": h["created"],
        "instanceIdentifier": h["id"],
        "sender": u("uscc", h["sender"]),
        "receiver": u("uscc", h["receiver"]),
        "utds:profile": doc["profile"],
        "epcisHeader": json_master(doc["master"]),
        "epcisBody": {"eventList": [json_event(e) for e in doc["events"]]},
    }
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------- master data helpers
PARTY = NS + "vtype/Party"
PRODUCT = "urn:epcglobal:epcis:vtype:EPCClass"
LOCATION = "urn:epcglobal:epcis:vtype:Location"


def party(code, name, roles, region, address, licences=()):
    attrs = [("utds:partyId", code), ("utds:partyName", name)]
    attrs += [("utds:partyRole", r) for r in roles]
    attrs += [("utds:partyRegion", region), ("utds:address", address)]
    for lt, ln, until in licences:
        attrs.append(("utds:licence", {"utds:licenceType": lt, "utds:licenceNo": ln,
                                       "utds:licenceValidUntil": until}))
    return (u("uscc", code), attrs)


def location(gln_urn, kind, region, address):
    return (gln_urn, [("utds:locationType", kind), ("utds:locationRegion", region),
                      ("utds:address", address)])


def product(pid, name, family, sub, extra=()):
    return (pid, [("utds:productName", name), ("utds:productFamily", family),
                  ("utds:productSubfamily", sub)] + list(extra))


def ev(etype, time, step, **kw):
    e = {"type": etype, "eventTime": time + "+08:00", "eventTimeZoneOffset": "+08:00"}
    if etype != "TransformationEvent":
        e["action"] = kw.pop("action", "OBSERVE")
    e["bizStep"] = step
    for k, v in kw.items():
        e[k] = v
    return e


def ledger(etype, time, step, seller, buyer, bt, loc, **kw):
    """A purchase/sales ledger line: both parties and a business transaction."""
    return ev(etype, time, step, bizLocation=loc, bizTransactionList=bt,
              sourceList=[("owning_party", u("uscc", seller))],
              destinationList=[("owning_party", u("uscc", buyer))], **kw)


def testitem(name, std, lab, result, concl, report, date):
    return {"utds:testItemName": name, "utds:testStandard": std, "utds:testLab": u("uscc", lab),
            "utds:testResult": result, "utds:testConclusion": concl,
            "utds:testReportNo": report, "utds:testDate": date}


# ================================================================ the chains
# Each builder returns (document, [(variant-name, rule id, what it breaks, mutate)]).


def pork():
    farm = uscc("92", "445122", "L7H9K2D5")       # 个体工商户 pig farm, Raoping
    slaughter = uscc("91", "445102", "MA4UQ8R1")  # designated slaughterhouse, Xiangqiao
    stall = uscc("92", "445102", "L3C6B8F2")      # stall holder, farmers' market
    market = uscc("91", "445102", "MA51Y2T6")     # market operator
    lab = uscc("12", "445100", "45670123")        # public institution lab (事业单位, 12)
    cp = "6934567"
    l_farm, _ = sgln(cp, "00011")
    l_sh, g_sh = sgln(cp, "00028")
    l_mkt, _ = sgln(cp, "00035")
    l_stall, _ = sgln(cp, "00042")
    tags = [u("ear-tag", "1445122%08d" % n) for n in (1201, 1202, 1203)]
    carcass, gtin = lgtin(cp, "10015", "B20261112")
    dl_class = "https://id.gs1.org/01/" + gtin
    qc_b = "4400112233"
    events = [
        ev("ObjectEvent", "2026-07-02T08:30:00", "utds:breeding", action="ADD", epcList=tags,
           disposition="active", bizLocation=l_farm,
           ilmd={"utds:originRegion": "445122", "utds:producer": u("uscc", farm),
                 "utds:originPlace": "饶平县钱东镇"}),
        ledger("ObjectEvent", "2026-11-11T21:10:00", "shipping", farm, slaughter,
               [("desadv", "urn:epcglobal:cbv:bt:%s:FH20261111-07" % g_sh)], l_farm,
               epcList=tags, disposition="in_transit",
               ext={"utds:quarantineCertNo": "A44" + qc_b, "utds:quarantineCertType": "animal-b",
                    "utds:testItem": testitem("盐酸克伦特罗", "GB/T 22286-2008", lab, "0 NA",
                                              "qualified", "RP2026111107", "2026-11-11")}),
        ev("TransformationEvent", "2026-11-12T03:40:00", "utds:slaughtering",
           inputEPCList=tags, outputQuantityList=[{"epcClass": carcass, "quantity": "246.5", "uom": "KGM"}],
           bizLocation=l_sh,
           ilmd={"cbvmda:lotNumber": "B20261112", "utds:slaughterDate": "2026-11-12",
                 "utds:productionDate": "2026-11-12", "utds:expiryDate": "2026-11-15"},
           ext={"utds:quarantineCertNo": "P44" + qc_b, "utds:meatInspectionCertNo": "RP-445102-0098761"}),
        ledger("ObjectEvent", "2026-11-12T05:20:00", "shipping", slaughter, stall,
               [("desadv", "urn:epcglobal:cbv:bt:%s:DN20261112-031" % g_sh)], l_sh,
               quantityList=[{"epcClass": carcass, "quantity": "82.0", "uom": "KGM"}],
               disposition="in_transit",
               ext={"utds:quarantineCertNo": "P44" + qc_b, "utds:quarantineCertType": "product-b",
                    "utds:meatInspectionCertNo": "RP-445102-0098761"}),
        ev("ObjectEvent", "2026-11-12T05:55:00", "utds:market_entering", bizLocation=l_mkt,
           quantityList=[{"epcClass": carcass, "quantity": "82.0", "uom": "KGM"}],
           ext={"utds:meatInspectionCertNo": "RP-445102-0098761",
                "utds:document": {"utds:documentType": "quarantine-cert",
                                  "utds:documentNo": "P44" + qc_b,
                                  "utds:documentDate": "2026-11-12"}}),
        ev("ObjectEvent", "2026-11-12T07:42:00", "retail_selling", bizLocation=l_stall,
           quantityList=[{"epcClass": carcass, "quantity": "1.5", "uom": "KGM"}],
           disposition="retail_sold", ext={"utds:stallNo": "A-12"}),
    ]
    master = [
        (PARTY, [party(farm, "饶平县钱东镇李记生猪养殖场", ["farmer"], "445122", "广东省潮州市饶平县钱东镇上浮山村",
                       [("animal-epidemic-prevention", "(粤)动防合字第4451220012号", "2029-05-31")]),
                 party(slaughter, "潮州市湘桥区顺源生猪定点屠宰有限公司", ["slaughterhouse"], "445102",
                       "广东省潮州市湘桥区意溪镇屠宰场路8号",
                       [("designated-slaughter", "A44510201", "2028-12-31")]),
                 party(market, "潮州市湘桥区西湖农贸市场管理有限公司", ["market-operator"], "445102", "广东省潮州市湘桥区西马路西湖市场"),
                 party(stall, "潮州市湘桥区陈记鲜肉档", ["stall-holder", "retailer"], "445102",
                       "广东省潮州市湘桥区西湖农贸市场A-12"),
                 party(lab, "潮州市农产品质量安全检测中心", ["laboratory"], "445100", "广东省潮州市枫春路")]),
        (PRODUCT, [product(dl_class, "白条猪肉(二分体)", "agri-food", "meat",
                           [("utds:gtin", gtin), ("utds:shelfLifeDays", "3")])]),
        (LOCATION, [location(l_farm, "farm", "445122", "饶平县钱东镇上浮山村"),
                    location(l_sh, "slaughterhouse", "445102", "湘桥区意溪镇屠宰场路8号"),
                    location(l_mkt, "farmers-market", "445102", "湘桥区西马路西湖市场"),
                    location(l_stall, "stall", "445102", "西湖农贸市场A-12")]),
    ]
    doc = {"profile": "meat", "master": master, "events": events,
           "header": {"id": "UTDS-PORK-20261112-0001", "created": "2026-11-12T08:00:00+08:00",
                      "sender": slaughter, "receiver": market}}

    def no_inspection(d):
        del d["events"][2]["ext"]["utds:meatInspectionCertNo"]

    def no_quarantine(d):
        del d["events"][1]["ext"]["utds:quarantineCertNo"]

    def ilmd_on_observe(d):
        d["events"][3]["ilmd"] = {"cbvmda:lotNumber": "B20261112"}

    def lot_mismatch(d):
        d["events"][2]["ilmd"]["cbvmda:lotNumber"] = "B20261113"

    def no_buyer(d):
        del d["events"][3]["destinationList"]

    return doc, [("no-meat-inspection", "MEAT-006", "slaughter record without 肉品品质检验合格证编号", no_inspection),
                 ("no-quarantine", "MEAT-003", "live pigs shipped without 动物检疫合格证明编号", no_quarantine),
                 ("ilmd-on-observe", "B-002", "ILMD on an OBSERVE shipping event (the EPCIS JSON Schema refuses it too)", ilmd_on_observe),
                 ("lot-mismatch", "B-021", "cbvmda:lotNumber differs from the LGTIN's lot", lot_mismatch),
                 ("no-buyer", "B-016, B-014", "ledger line (shipping) without the buyer", no_buyer)]


def tea():
    coop = uscc("93", "445103", "MA51AB2C")      # 农民专业合作社, Fenghuang town
    maker = uscc("91", "445103", "MA4X7P3K")     # tea company with SC licence
    shop = uscc("92", "445102", "L9M2N4Q6")      # tea shop
    lab = uscc("91", "445100", "MA4WK7L1")       # third-party lab
    cp = "6971234"
    l_garden, _ = sgln(cp, "00012")
    l_plant, g_plant = sgln(cp, "00029")
    l_shop, g_shop = sgln("6970011", "00013")
    leaves, g_leaves = lgtin(cp, "20011", "XY20260418")
    tea_lot, g_tea = lgtin(cp, "20028", "DC2026A05")
    sc = "SC" + mod11_10("1144451030021")
    jy = "JY" + mod11_10("1445102000613")
    events = [
        ev("ObjectEvent", "2026-04-18T10:20:00", "utds:harvesting", action="ADD",
           quantityList=[{"epcClass": leaves, "quantity": "118.6", "uom": "KGM"}],
           bizLocation=l_garden,
           ilmd={"cbvmda:lotNumber": "XY20260418", "utds:originRegion": "445103",
                 "utds:originPlace": "潮安区凤凰镇乌岽村", "utds:producer": u("uscc", coop),
                 "utds:harvestDate": "2026-04-18"}),
        ledger("ObjectEvent", "2026-04-18T16:05:00", "shipping", coop, maker,
               [("inv", "urn:epcglobal:cbv:bt:%s:CG-20260418-02" % g_plant)], l_garden,
               quantityList=[{"epcClass": leaves, "quantity": "118.6", "uom": "KGM"}],
               ext={"utds:document": {"utds:documentType": "producing-area-cert",
                                      "utds:documentNo": "FH-2026-0418-02",
                                      "utds:documentDate": "2026-04-18"}}),
        ev("TransformationEvent", "2026-04-20T09:00:00", "utds:processing",
           inputQuantityList=[{"epcClass": leaves, "quantity": "118.6", "uom": "KGM"}],
           outputQuantityList=[{"epcClass": tea_lot, "quantity": "96"}],
           bizLocation=l_plant,
           ilmd={"cbvmda:lotNumber": "DC2026A05", "utds:productionDate": "2026-04-20",
                 "utds:expiryDate": "2028-04-19", "utds:originRegion": "445103"},
           ext={"utds:testItem": testitem("农药残留(毒死蜱)", "GB 2763-2021", lab, "0.005 NA",
                                          "qualified", "GDCZ-T2026-04-0211", "2026-04-22")}),
        ledger("ObjectEvent", "2026-10-28T14:30:00", "shipping", maker, shop,
               [("inv", "urn:epcglobal:cbv:bt:%s:XS-20261028-15" % g_plant)], l_plant,
               quantityList=[{"epcClass": tea_lot, "quantity": "24"}],
               ext={"utds:testItem": testitem("农药残留(毒死蜱)", "GB 2763-2021", lab, "0.005 NA",
                                              "qualified", "GDCZ-T2026-04-0211", "2026-04-22")}),
        ledger("ObjectEvent", "2026-10-29T10:00:00", "receiving", maker, shop,
               [("inv", "urn:epcglobal:cbv:bt:%s:XS-20261028-15" % g_plant)], l_shop,
               quantityList=[{"epcClass": tea_lot, "quantity": "24"}]),
        ev("ObjectEvent", "2026-11-16T15:12:00", "retail_selling", bizLocation=l_shop,
           quantityList=[{"epcClass": tea_lot, "quantity": "2"}], disposition="retail_sold"),
    ]
    master = [
        (PARTY, [party(coop, "潮州市潮安区凤凰镇乌岽单丛茶专业合作社", ["farmer"], "445103", "广东省潮州市潮安区凤凰镇乌岽村"),
                 party(maker, "潮州市凤凰山单丛茶业有限公司", ["processor", "producer"], "445103",
                       "广东省潮州市潮安区凤凰镇凤西村", [("food-production", sc, "2030-03-31")]),
                 party(shop, "潮州市湘桥区古城茗茶店", ["retailer"], "445102", "广东省潮州市湘桥区太平路186号",
                       [("food-operation", jy, "2029-08-31")]),
                 party(lab, "潮州市华检检测技术有限公司", ["laboratory"], "445100", "广东省潮州市湘桥区潮州大道")]),
        (PRODUCT, [product("https://id.gs1.org/01/" + g_leaves, "凤凰单丛茶鲜叶", "agri-food", "tea"),
                   product("https://id.gs1.org/01/" + g_tea, "凤凰单丛茶(蜜兰香) 250克/罐", "agri-food", "tea",
                           [("utds:gtin", g_tea), ("utds:specification", "250克/罐"),
                            ("utds:shelfLifeDays", "730")])]),
        (LOCATION, [location(l_garden, "tea-garden", "445103", "潮安区凤凰镇乌岽村茶园"),
                    location(l_plant, "processing-plant", "445103", "潮安区凤凰镇凤西村"),
                    location(l_shop, "shop", "445102", "湘桥区太平路186号")]),
    ]
    # The processor's SC licence is also an attribute of its own (TEA-005).
    master[0][1][1][1].append(("utds:foodProductionLicence", sc))
    doc = {"profile": "tea", "master": master, "events": events,
           "header": {"id": "UTDS-TEA-20261116-0001", "created": "2026-11-16T18:00:00+08:00",
                      "sender": maker, "receiver": shop}}

    def no_origin_place(d):
        del d["events"][0]["ilmd"]["utds:originPlace"]

    def expiry_first(d):
        d["events"][2]["ilmd"]["utds:expiryDate"] = "2026-04-19"

    def jin_unit(d):
        d["events"][1]["quantityList"][0]["uom"] = "JIN"

    def no_invoice(d):
        del d["events"][4]["bizTransactionList"]

    return doc, [("no-origin-place", "TEA-001", "harvest record without 产地 (village)", no_origin_place),
                 ("expiry-before-production", "B-017", "expiry date before production date", expiry_first),
                 ("unit-jin", "B-012", "quantity in 斤 (JIN), not a UN/ECE Rec 20 unit", jin_unit),
                 ("receiving-no-transaction", "B-015", "purchase ledger line without an invoice", no_invoice)]


def drug():
    mfr = uscc("91", "440101", "MA59C3K8")       # manufacturer / MAH, Guangzhou
    whs = uscc("91", "445100", "MA4UW6E2")       # wholesaler, Chaozhou
    hosp = uscc("12", "445100", "45601234")      # public hospital (事业单位)
    cp = "6901357"
    l_mfr, g_mfr = sgln(cp, "00017")
    l_whs, g_whs = sgln("6938765", "00014")
    l_hosp, _ = sgln("6938765", "00021")
    items = [u("drug-trace", "8123456%09d%04d" % (n, (n * 7919) % 10000)) for n in (10451, 10452, 10453)]
    case = u("drug-trace", "8223456%09d%04d" % (2031, 4471))
    ndc = gs1("8690135710028")
    approval = "国药准字H44021234"
    events = [
        ev("ObjectEvent", "2026-09-03T10:15:00", "commissioning", action="ADD", epcList=items,
           disposition="active", bizLocation=l_mfr,
           ilmd={"cbvmda:lotNumber": "260903A", "utds:productionDate": "2026-09-03",
                 "utds:expiryDate": "2028-08-31", "utds:nationalDrugCode": ndc}),
        ev("AggregationEvent", "2026-09-03T10:40:00", "packing", action="ADD", parentID=case,
           childEPCs=items, disposition="in_progress", bizLocation=l_mfr),
        ledger("ObjectEvent", "2026-10-08T09:00:00", "shipping", mfr, whs,
               [("desadv", "urn:epcglobal:cbv:bt:%s:SO2026100801" % g_mfr),
                ("inv", "urn:epcglobal:cbv:bt:%s:FP44012026100801" % g_mfr)], l_mfr,
               epcList=[case], disposition="in_transit"),
        ledger("ObjectEvent", "2026-10-09T14:20:00", "receiving", mfr, whs,
               [("desadv", "urn:epcglobal:cbv:bt:%s:SO2026100801" % g_mfr),
                ("inv", "urn:epcglobal:cbv:bt:%s:FP44012026100801" % g_mfr)], l_whs,
               epcList=[case], disposition="sellable_not_accessible"),
        ledger("ObjectEvent", "2026-11-03T08:30:00", "shipping", whs, hosp,
               [("desadv", "urn:epcglobal:cbv:bt:%s:PS20261103-12" % g_whs),
                ("inv", "urn:epcglobal:cbv:bt:%s:FP44512026110312" % g_whs)], l_whs,
               epcList=items, disposition="in_transit"),
        ledger("ObjectEvent", "2026-11-03T15:10:00", "receiving", whs, hosp,
               [("desadv", "urn:epcglobal:cbv:bt:%s:PS20261103-12" % g_whs),
                ("inv", "urn:epcglobal:cbv:bt:%s:FP44512026110312" % g_whs)], l_hosp,
               epcList=items, disposition="sellable_accessible"),
        ev("ObjectEvent", "2026-11-20T10:32:00", "utds:dispensing_to_patient", epcList=items[:1],
           disposition="dispensed", bizLocation=l_hosp,
           ext={"utds:prescriptionNo": "MZ2026112000387"}),
    ]
    pclass = u("drug-code", ndc)
    master = [
        (PARTY, [party(mfr, "广州白云山医药制药有限公司", ["producer", "mah"], "440101", "广东省广州市白云区同和街",
                       [("drug-production", "粤20160123", "2030-12-31")]),
                 party(whs, "潮州市康和医药有限公司", ["wholesaler"], "445100", "广东省潮州市湘桥区新洋路",
                       [("drug-operation", "粤AA7680045", "2029-06-30")]),
                 party(hosp, "潮州市中心医院", ["hospital"], "445100", "广东省潮州市湘桥区环城西路84号",
                       [("medical-institution", "44510000000000112A1001", "2030-01-31")])]),
        (PRODUCT, [product(pclass, "阿莫西林胶囊 0.25g×24粒", "drug", "drug-preparation",
                           [("utds:drugGenericName", "阿莫西林胶囊"), ("utds:drugApprovalNo", approval),
                            ("utds:nationalDrugCode", ndc), ("utds:dosageForm", "capsule"),
                            ("utds:drugSpecification", "0.25g"), ("utds:packageSpecification", "24粒/盒"),
                            ("utds:marketingAuthHolder", u("uscc", mfr))])]),
        (LOCATION, [location(l_mfr, "factory", "440101", "广州市白云区同和街"),
                    location(l_whs, "warehouse", "445100", "潮州市湘桥区新洋路"),
                    location(l_hosp, "pharmacy", "445100", "潮州市中心医院门诊西药房")]),
    ]
    doc = {"profile": "drug-preparation", "master": master, "events": events,
           "header": {"id": "UTDS-DRUG-20261120-0001", "created": "2026-11-20T12:00:00+08:00",
                      "sender": whs, "receiver": hosp}}

    def quantity_only(d):
        e = d["events"][4]
        del e["epcList"]
        e["quantityList"] = [{"epcClass": pclass, "quantity": "3"}]

    def patient(d):
        d["events"][6]["destinationList"] = [("owning_party", u("resident-id", resident_id("44510219800101002")))]

    def no_expiry(d):
        del d["events"][0]["ilmd"]["utds:expiryDate"]

    def no_parent(d):
        del d["events"][1]["parentID"]

    def short_code(d):
        d["events"][5]["epcList"] = [items[0][:-1]] + items[1:]

    return doc, [("quantity-only", "DP-001", "wholesale shipment by quantity, without item-level drug trace codes", quantity_only),
                 ("patient-destination", "DRUG-008", "dispensing record names the patient", patient),
                 ("no-expiry", "DRUG-003", "commissioning without 有效期至", no_expiry),
                 ("aggregation-no-parent", "B-003", "packing (AggregationEvent ADD) without parentID", no_parent),
                 ("short-trace-code", "DP-001", "a drug trace code of 19 digits", short_code)]


def pesticide():
    plant = uscc("91", "440606", "MA53J8H4")     # pesticide plant, Foshan
    dealer = uscc("92", "445122", "L5R7T9W3")    # agri-input shop, Raoping
    farm = uscc("93", "445122", "MA52PL6N")      # vegetable cooperative
    cp = "6925678"
    l_plant, g_plant = sgln(cp, "00015")
    l_dealer, g_dealer = sgln("6925679", "00011")
    l_farm, _ = sgln("6925679", "00028")
    reg = "PD20181234"
    codes = [u("pesticide-qr", "1" + reg[-6:] + "1" + "025" + "%021d" % (n * 7777777)) for n in (31, 32, 33)]
    pc, g_pc = lgtin(cp, "30017", "20260815")
    events = [
        ev("ObjectEvent", "2026-08-15T09:30:00", "commissioning", action="ADD", epcList=codes,
           disposition="active", bizLocation=l_plant,
           ilmd={"cbvmda:lotNumber": "20260815", "utds:productionDate": "2026-08-15",
                 "utds:expiryDate": "2028-08-14", "utds:pesticideRegNo": reg}),
        ledger("ObjectEvent", "2026-09-10T11:00:00", "shipping", plant, dealer,
               [("desadv", "urn:epcglobal:cbv:bt:%s:FH-0910-088" % g_plant)], l_plant,
               epcList=codes, disposition="in_transit"),
        ledger("ObjectEvent", "2026-09-12T09:40:00", "receiving", plant, dealer,
               [("desadv", "urn:epcglobal:cbv:bt:%s:FH-0910-088" % g_plant)], l_dealer,
               epcList=codes, disposition="sellable_accessible"),
        ledger("ObjectEvent", "2026-10-05T16:25:00", "retail_selling", dealer, farm,
               [("inv", "urn:epcglobal:cbv:bt:%s:LS-20261005-031" % g_dealer)], l_dealer,
               epcList=codes[:2], disposition="retail_sold"),
        ev("ObjectEvent", "2026-10-07T07:30:00", "utds:input_using", epcList=codes[:1],
           bizLocation=l_farm, ext={"utds:applicationArea": "0.33"}),
    ]
    master = [
        (PARTY, [party(plant, "佛山市绿丰农药化工有限公司", ["producer"], "440606", "广东省佛山市顺德区杏坛镇",
                       [("pesticide-production", "农药生许(粤)0123", "2030-05-31")]),
                 (u("uscc", dealer), party(dealer, "饶平县丰收农资店", ["dealer", "retailer"], "445122",
                                           "广东省潮州市饶平县黄冈镇沿江路",
                                           [("pesticide-operation", "农药经许(粤)44512220005", "2028-03-31")])[1]
                  + [("utds:pesticideOperationLicence", "农药经许(粤)44512220005")]),
                 party(farm, "饶平县绿源果蔬种植专业合作社", ["farmer"], "445122", "广东省潮州市饶平县浮滨镇")]),
        (PRODUCT, [product("https://id.gs1.org/01/" + g_pc, "25%吡唑醚菌酯悬浮剂 100毫升/瓶", "agri-input", "pesticide",
                           [("utds:pesticideRegNo", reg), ("utds:gtin", g_pc)])]),
        (LOCATION, [location(l_plant, "factory", "440606", "佛山市顺德区杏坛镇"),
                    location(l_dealer, "dealer-shop", "445122", "饶平县黄冈镇沿江路"),
                    location(l_farm, "plantation", "445122", "饶平县浮滨镇种植基地")]),
    ]
    doc = {"profile": "pesticide", "master": master, "events": events,
           "header": {"id": "UTDS-PEST-20261007-0001", "created": "2026-10-07T12:00:00+08:00",
                      "sender": dealer, "receiver": farm}}

    def anonymous(d):
        del d["events"][3]["destinationList"]
        del d["events"][3]["bizTransactionList"]

    def bad_qr(d):
        d["events"][1]["epcList"][0] = d["events"][1]["epcList"][0][:-1]

    def no_reg(d):
        del d["events"][0]["ilmd"]["utds:pesticideRegNo"]

    def no_licence(d):
        attrs = d["master"][0][1][1][1]
        attrs[:] = [a for a in attrs if a[0] != "utds:pesticideOperationLicence"]

    return doc, [("anonymous-sale", "AGI-001", "retail sale of a pesticide without the buyer (实名购销)", anonymous),
                 ("qr-31-digits", "PEST-001", "a pesticide QR unit code of 31 digits", bad_qr),
                 ("no-registration", "PEST-002", "commissioning without 农药登记证号", no_reg),
                 ("dealer-no-licence", "PEST-004", "dealer master data without 农药经营许可证号", no_licence)]


def elevator():
    maker = uscc("91", "440300", "MA5FGK21")     # elevator manufacturer, Shenzhen
    installer = uscc("91", "445100", "MA4W8N3B")  # installation and maintenance company
    owner = uscc("91", "445102", "MA51RC9D")     # property management (use unit)
    agency = uscc("12", "445100", "45601987")    # special-equipment inspection institute
    cp = "6942468"
    l_fac, _ = sgln(cp, "00016")
    l_bld, _ = sgln("6942469", "00019")
    code = "3110" + "44123" + "2024" + "00057"
    eq = u("special-equipment", code)
    events = [
        ev("ObjectEvent", "2025-06-18T15:00:00", "utds:manufacturing", action="ADD", epcList=[eq],
           bizLocation=l_fac, ilmd={"utds:productionDate": "2025-06-18"}),
        ev("ObjectEvent", "2025-09-22T17:30:00", "installing", epcList=[eq], bizLocation=l_bld,
           sourceList=[("possessing_party", u("uscc", installer))],
           ext={"utds:installationRecordNo": "AZGZ-445102-2025-0311"}),
        ev("ObjectEvent", "2025-10-10T11:00:00", "utds:installation_inspecting", epcList=[eq],
           bizLocation=l_bld,
           ext={"utds:inspectionReportNo": "JJ-DT-2025-10-0457", "utds:inspectionConclusion": "qualified",
                "utds:nextInspectionDate": "2026-10-09"}),
        ev("ObjectEvent", "2025-10-20T09:30:00", "utds:registering", epcList=[eq], bizLocation=l_bld,
           ext={"utds:registrationCertNo": "梯11粤U00123(25)"}),
        ev("ObjectEvent", "2026-09-28T14:00:00", "utds:maintaining", epcList=[eq], bizLocation=l_bld,
           ext={"utds:maintenanceRecordNo": "WB-2026-09-28-017",
                "utds:registrationCertNo": "梯11粤U00123(25)"}),
        ev("ObjectEvent", "2026-10-08T10:20:00", "utds:periodic_inspecting", epcList=[eq],
           bizLocation=l_bld,
           ext={"utds:inspectionReportNo": "DJ-DT-2026-10-1123", "utds:inspectionConclusion": "qualified",
                "utds:nextInspectionDate": "2027-10-07", "utds:registrationCertNo": "梯11粤U00123(25)"}),
    ]
    master = [
        (PARTY, [party(maker, "深圳市安达电梯有限公司", ["manufacturer"], "440300", "广东省深圳市龙岗区宝龙街道",
                       [("se-manufacture", "TS2244123-2027", "2027-12-31")]),
                 party(installer, "潮州市恒升电梯工程有限公司", ["installer", "maintainer"], "445100", "广东省潮州市湘桥区城新西路",
                       [("se-installation", "TS3444056-2028", "2028-06-30")]),
                 party(owner, "潮州市湘桥区金都物业管理有限公司", ["user-unit"], "445102", "广东省潮州市湘桥区新桥路"),
                 party(agency, "潮州市特种设备检测院", ["inspection-agency"], "445100", "广东省潮州市湘桥区枫春路")]),
        (PRODUCT, [product(eq, "曳引驱动乘客电梯 1000kg 1.75m/s", "special-equipment", "elevator",
                           [("utds:equipmentCategory", "3110"), ("utds:specialEquipmentCode", code),
                            ("utds:manufactureLicence", "TS2244123-2027")])]),
        (LOCATION, [location(l_fac, "factory", "440300", "深圳市龙岗区宝龙街道"),
                    location(l_bld, "building", "445102", "湘桥区新桥路金都花园3栋1号梯")]),
    ]
    doc = {"profile": "elevator", "master": master, "events": events,
           "header": {"id": "UTDS-ELEV-20261008-0001", "created": "2026-10-08T12:00:00+08:00",
                      "sender": agency, "receiver": owner}}

    def no_next(d):
        del d["events"][5]["ext"]["utds:nextInspectionDate"]

    def next_in_past(d):
        d["events"][5]["ext"]["utds:nextInspectionDate"] = "2026-10-01"

    def bad_code(d):
        for e in d["events"]:
            e["epcList"] = [u("special-equipment", code[:-1])]

    def no_record(d):
        del d["events"][4]["ext"]["utds:maintenanceRecordNo"]

    return doc, [("qualified-no-next-date", "EL-005", "qualified periodic inspection without 下次检验日期", no_next),
                 ("next-date-in-past", "EL-007", "next inspection date before the inspection", next_in_past),
                 ("equipment-code-17", "SE-001, EL-001", "equipment code of 17 characters", bad_code),
                 ("maintenance-no-record", "EL-009", "maintenance without 维护保养记录编号", no_record)]


def detonators():
    factory = uscc("91", "440800", "MA4RD2X7")   # civil explosives producer, Zhanjiang
    blaster = uscc("91", "445122", "MA53BK8W")   # blasting company, Raoping
    cp = "6953579"
    l_fac, g_fac = sgln(cp, "00018")
    l_mag, _ = sgln("6953580", "00010")
    l_site, _ = sgln("6953580", "00027")
    dets = [u("detonator", "36" + "6" + "10" + "14" + "A" + "%05d" % n) for n in (101, 102, 103, 104)]
    box, _ = sscc(cp, "000004521")
    events = [
        ev("ObjectEvent", "2026-10-14T09:00:00", "commissioning", action="ADD", epcList=dets,
           disposition="active", bizLocation=l_fac,
           ilmd={"cbvmda:lotNumber": "6101401", "utds:productionDate": "2026-10-14"}),
        ev("AggregationEvent", "2026-10-14T09:20:00", "packing", action="ADD", parentID=box,
           childEPCs=dets, bizLocation=l_fac),
        ledger("ObjectEvent", "2026-11-02T08:00:00", "shipping", factory, blaster,
               [("desadv", "urn:epcglobal:cbv:bt:%s:MB-XS-20261102-05" % g_fac)], l_fac,
               epcList=dets, disposition="in_transit",
               ext={"utds:purchasePermitNo": "4451222026110020", "utds:transportPermitNo": "4451222026110031"}),
        ledger("ObjectEvent", "2026-11-02T16:30:00", "receiving", factory, blaster,
               [("desadv", "urn:epcglobal:cbv:bt:%s:MB-XS-20261102-05" % g_fac)], l_mag,
               epcList=dets, disposition="sellable_not_accessible",
               ext={"utds:purchasePermitNo": "4451222026110020"}),
        ev("ObjectEvent", "2026-11-05T10:45:00", "utds:blasting", epcList=dets[:3], disposition="destroyed",
           bizLocation=l_site, ext={"utds:blastingOperationNo": "BP-445122-2026-0087"}),
        ev("ObjectEvent", "2026-11-05T17:00:00", "utds:returning_to_magazine", epcList=dets[3:],
           bizLocation=l_mag),
    ]
    master = [
        (PARTY, [party(factory, "广东宏大民爆化工有限公司", ["producer"], "440800", "广东省湛江市麻章区",
                       [("explosive-production", "MB生许字〔013〕", "2029-12-31")]),
                 party(blaster, "饶平县安泰爆破工程有限公司", ["blasting-unit"], "445122", "广东省潮州市饶平县黄冈镇",
                       [("blasting-operation", "4451001300012", "2028-09-30")])]),
        (PRODUCT, [product("https://id.gs1.org/01/" + gs1("0" + cp + "40012"), "工业电子雷管 5米脚线", "hazardous",
                    "civil-explosive", [("utds:hazardClass", "1.1"), ("utds:unNumber", "UN0030")])]),
        (LOCATION, [location(l_fac, "factory", "440800", "湛江市麻章区民爆园区"),
                    location(l_mag, "magazine", "445122", "饶平县黄冈镇民爆物品仓库"),
                    location(l_site, "blasting-site", "445122", "饶平县新塘镇石场爆破作业点")]),
    ]
    doc = {"profile": "civil-explosive", "master": master, "events": events,
           "header": {"id": "UTDS-MB-20261105-0001", "created": "2026-11-05T18:00:00+08:00",
                      "sender": blaster, "receiver": factory}}

    def no_transport(d):
        del d["events"][2]["ext"]["utds:transportPermitNo"]

    def bad_det(d):
        d["events"][4]["epcList"][0] = u("detonator", "3661014A0010")

    def future(d):
        d["events"][5]["eventTime"] = "2099-11-05T17:00:00+08:00"

    def no_op(d):
        del d["events"][4]["ext"]["utds:blastingOperationNo"]

    return doc, [("no-transport-permit", "HZ-003", "shipping civil explosives without 运输许可证编号", no_transport),
                 ("detonator-code-12", "CE-001", "a detonator code of 12 characters", bad_det),
                 ("event-in-future", "B-005", "event time in 2099, far in the future", future),
                 ("blasting-no-operation", "CE-003", "blasting use without 爆破作业项目编号", no_op)]


def rare_earth():
    smelter = uscc("91", "441400", "MA4Y5Q2L")   # smelting and separation, Meizhou
    exporter = uscc("91", "445100", "MA52HT7R")  # rare-earth trading company, Chaozhou
    cp = "6960246"
    l_sm, g_sm = sgln(cp, "00010")
    l_ex, g_ex = sgln("6960247", "00013")
    l_port, _ = sgln("6960247", "00020")
    conc, g_conc = lgtin(cp, "50016", "HT2026-09")
    oxide, g_ox = lgtin(cp, "50023", "ND2610-03")
    events = [
        ev("TransformationEvent", "2026-10-03T20:00:00", "utds:smelting_separating",
           inputQuantityList=[{"epcClass": conc, "quantity": "50", "uom": "TNE"}],
           outputQuantityList=[{"epcClass": oxide, "quantity": "12.5", "uom": "TNE"}],
           bizLocation=l_sm,
           ilmd={"cbvmda:lotNumber": "ND2610-03", "utds:productionDate": "2026-10-03",
                 "utds:quotaPlanNo": "工信部稀土〔2026〕冶炼分离-GD-07", "utds:reoContent": "99.2",
                 "utds:purity": "99.95"}),
        ledger("ObjectEvent", "2026-10-20T09:30:00", "shipping", smelter, exporter,
               [("inv", "urn:epcglobal:cbv:bt:%s:XS2026102001" % g_sm)], l_sm,
               quantityList=[{"epcClass": oxide, "quantity": "5", "uom": "TNE"}], disposition="in_transit"),
        ledger("ObjectEvent", "2026-10-21T15:00:00", "receiving", smelter, exporter,
               [("inv", "urn:epcglobal:cbv:bt:%s:XS2026102001" % g_sm)], l_ex,
               quantityList=[{"epcClass": oxide, "quantity": "5", "uom": "TNE"}]),
        ev("ObjectEvent", "2026-11-09T10:00:00", "utds:export_declaring", bizLocation=l_port,
           quantityList=[{"epcClass": oxide, "quantity": "5", "uom": "TNE"}],
           ext={"utds:customsDeclarationNo": "601620260000581234", "utds:hsCode": "2846901920",
                "utds:exportLicenceNo": "26-GD-RE-004512"}),
        ev("ObjectEvent", "2026-11-12T06:00:00", "utds:exporting", bizLocation=l_port,
           quantityList=[{"epcClass": oxide, "quantity": "5", "uom": "TNE"}],
           destinationList=[("location", "urn:epc:id:sgln:4012345.00005.0")]),
    ]
    master = [
        (PARTY, [party(smelter, "梅州市广晟稀土冶炼分离有限公司", ["smelter", "producer"], "441400", "广东省梅州市平远县"),
                 party(exporter, "潮州市华稀进出口有限公司", ["exporter"], "445100", "广东省潮州市湘桥区潮州大道",
                       [("import-export-registration", "4451960123", "2099-12-31")])]),
        (PRODUCT, [product("https://id.gs1.org/01/" + g_conc, "混合碳酸稀土", "rare-earth", "rare-earth-separated",
                           [("utds:rareEarthProduct", "mixed-re-carbonate")]),
                   product("https://id.gs1.org/01/" + g_ox, "氧化钕 Nd2O3/TREO≥99.9%", "rare-earth", "rare-earth-separated",
                           [("utds:rareEarthProduct", "nd2o3"), ("utds:casNumber", cas("1313-97")),
                            ("utds:hsCode", "2846901920")])]),
        (LOCATION, [location(l_sm, "smelter", "441400", "梅州市平远县稀土工业园"),
                    location(l_ex, "warehouse", "445100", "潮州市湘桥区仓库"),
                    location(l_port, "port", "445100", "潮州港三百门港区")]),
    ]
    doc = {"profile": "rare-earth-separated", "master": master, "events": events,
           "header": {"id": "UTDS-RE-20261112-0001", "created": "2026-11-12T08:00:00+08:00",
                      "sender": exporter, "receiver": smelter}}

    def no_hs(d):
        del d["events"][3]["ext"]["utds:hsCode"]

    def no_quota(d):
        del d["events"][0]["ilmd"]["utds:quotaPlanNo"]

    def percent(d):
        d["events"][0]["ilmd"]["utds:reoContent"] = "99.2%"

    def zero(d):
        d["events"][1]["quantityList"][0]["quantity"] = "0"

    return doc, [("export-no-hs", "RE-004", "export declaration without HS code", no_hs),
                 ("no-quota-plan", "RE-001", "smelting without 总量控制计划编号", no_quota),
                 ("reo-with-percent-sign", "B-013", "REO content '99.2%' is not a decimal", percent),
                 ("zero-quantity", "B-012", "shipped quantity 0", zero)]


def formula():
    importer = uscc("91", "440500", "MA4UTR65")  # importer, Shantou
    market = uscc("91", "445102", "MA4X3GH9")    # supermarket, Chaozhou
    lab = uscc("12", "440500", "45609876")       # customs technical centre lab
    nz = "9415007"
    cans = [sgtin(nz, "01234", "S%07d" % n)[0] for n in (88411, 88412, 88413, 88414)]
    g_can = sgtin(nz, "01234", "x")[1]
    l_port, _ = sgln("6938642", "00010")
    l_whs, g_whs = sgln("6938642", "00027")
    l_sm, _ = sgln("6922222", "00014")
    events = [
        ev("ObjectEvent", "2026-10-26T10:00:00", "utds:import_declaring", epcList=cans, bizLocation=l_port,
           ext={"utds:customsDeclarationNo": "517020261000345678", "utds:hsCode": "1901101000",
                "utds:countryOfOrigin": "NZ", "utds:portOfEntry": "汕头港广澳港区"}),
        ev("ObjectEvent", "2026-10-28T15:30:00", "utds:port_inspecting", epcList=cans, bizLocation=l_port,
           ext={"utds:importInspectionCertNo": "440500126000871",
                "utds:testItem": testitem("阪崎肠杆菌", "GB 4789.40-2016", lab, "0 NA", "qualified",
                                          "STC-2026-10-6612", "2026-10-28")}),
        ev("ObjectEvent", "2026-10-30T09:00:00", "utds:customs_releasing", epcList=cans, bizLocation=l_port),
        ledger("ObjectEvent", "2026-11-06T08:30:00", "shipping", importer, market,
               [("desadv", "urn:epcglobal:cbv:bt:%s:PH-1106-22" % g_whs)], l_whs,
               epcList=cans, disposition="in_transit"),
        ledger("ObjectEvent", "2026-11-06T14:00:00", "receiving", importer, market,
               [("desadv", "urn:epcglobal:cbv:bt:%s:PH-1106-22" % g_whs)], l_sm,
               epcList=cans, disposition="sellable_accessible",
               ext={"utds:importInspectionCertNo": "440500126000871"}),
        ev("ObjectEvent", "2026-11-18T19:26:00", "retail_selling", epcList=cans[:1], bizLocation=l_sm,
           disposition="retail_sold"),
    ]
    master = [
        (PARTY, [party(importer, "汕头市澳新进出口贸易有限公司", ["importer"], "440500", "广东省汕头市龙湖区",
                       [("import-export-registration", "4405961234", "2099-12-31")]),
                 party(market, "潮州市百佳惠超市有限公司", ["retailer"], "445102", "广东省潮州市湘桥区潮枫路",
                       [("food-operation", "JY" + mod11_10("1445102000201"), "2029-09-30")]),
                 party(lab, "汕头海关技术中心", ["laboratory"], "440500", "广东省汕头市龙湖区")]),
        (PRODUCT, [product("https://id.gs1.org/01/" + g_can, "较大婴儿配方奶粉(6-12月龄,2段) 900克/罐", "import",
                           "import-milk-powder",
                           [("utds:gtin", g_can), ("utds:countryOfOrigin", "NZ"),
                            ("utds:overseasProducerRegNo", "CNZL01072111012345"), ("utds:hsCode", "1901101000")])]),
        (LOCATION, [location(l_port, "port", "440500", "汕头港广澳港区"),
                    location(l_whs, "bonded-warehouse", "440500", "汕头综合保税区"),
                    location(l_sm, "supermarket", "445102", "潮州市湘桥区潮枫路")]),
    ]
    doc = {"profile": "import-milk-powder", "master": master, "events": events,
           "header": {"id": "UTDS-IMP-20261118-0001", "created": "2026-11-18T21:00:00+08:00",
                      "sender": importer, "receiver": market}}

    def no_decl(d):
        del d["events"][0]["ext"]["utds:customsDeclarationNo"]

    def quantity_only(d):
        e = d["events"][3]
        del e["epcList"]
        e["quantityList"] = [{"epcClass": "https://id.gs1.org/01/" + g_can, "quantity": "4"}]

    def alpha3(d):
        d["events"][0]["ext"]["utds:countryOfOrigin"] = "NZL"

    def no_seller(d):
        del d["events"][4]["sourceList"]

    return doc, [("no-declaration-number", "IMP-001", "import declaration without 报关单号", no_decl),
                 ("quantity-only", "IMPMP-001", "shipment by quantity: cans not identified one by one", quantity_only),
                 ("country-alpha3", "B-013", "country of origin 'NZL' is not ISO 3166-1 alpha-2", alpha3),
                 ("receiving-no-seller", "B-016, B-014", "purchase ledger line without the seller", no_seller)]


FAMILIES = [("pork", "meat", pork), ("tea", "tea", tea), ("drug", "drug-preparation", drug),
            ("pesticide", "pesticide", pesticide), ("elevator", "elevator", elevator),
            ("detonator", "civil-explosive", detonators), ("rare-earth", "rare-earth-separated", rare_earth),
            ("infant-formula", "import-milk-powder", formula)]


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    os.makedirs(os.path.join(OUT, "invalid"), exist_ok=True)
    lines = []
    for name, prof, build in FAMILIES:
        doc, variants = build()
        write(os.path.join(OUT, name + ".xml"), to_xml(doc))
        write(os.path.join(OUT, name + ".jsonld"), to_json(doc))
        for vname, rule, what, mutate in variants:
            bad = copy.deepcopy(doc)
            mutate(bad)
            base = os.path.join(OUT, "invalid", "%s-%s" % (name, vname))
            write(base + ".xml", to_xml(bad))
            write(base + ".jsonld", to_json(bad))
            lines.append("| `invalid/%s-%s.{xml,jsonld}` | %s | %s |" % (name, vname, rule, what))
    write(os.path.join(OUT, "invalid", "README.md"),
          "# Invalid variants\n\nEach pair (XML and JSON-LD) is a valid chain of ../ with one defect. Rule ids are\nthose of spec/dict/profiles.tsv (`tracectl profile show`).\n\n| files | rule broken | what is wrong |\n|---|---|---|\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
