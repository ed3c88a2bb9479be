#!/usr/bin/env python3
"""gen-validate-vectors.py - generate record-level conformance vectors for
`tracectl validate` (testvectors/validate/*.vec) from the valid example
chains in examples/data/*.jsonld.

For every event of every chain it makes a one-event document (the chain's
master data kept), checks that it is valid, then applies mutations - drop a
field or an ILMD or master-data attribute, corrupt a value - and records the
exact --json output and exit status of TRACECTL. A case is kept only when the
mutation produces the finding it aims at (a rule id or code named in the
mutation), so every vector is evidence for one rule. Re-run after changing
rules, then review the diff: this is a golden-file generator, and its output
is reviewed like code.

Usage: tools/gen-validate-vectors.py TRACECTL [OUTDIR]
"""
import copy
import json
import os
import subprocess
import sys

NOW = "2026-11-25T00:00:00Z"
FAMILIES = ["pork", "tea", "drug", "pesticide", "elevator", "detonator", "rare-earth",
            "infant-formula"]


def run(tracectl, doc, extra=()):
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    args = [tracectl, "validate", "--json", "--now", NOW, *extra, "-"]
    p = subprocess.run(args, input=text.encode(), capture_output=True)
    return text, p.returncode, p.stdout.decode()


def one_event(doc, i):
    d = copy.deepcopy(doc)
    d["epcisBody"]["eventList"] = [doc["epcisBody"]["eventList"][i]]
    return d


def mutations(ev):
    """Yield (name, function(event) -> None, expect) for one event.
    expect: a substring the output must contain for the case to be kept."""
    for key in list(ev.keys()):
        if key in ("type", "@context", "eventID", "recordTime", "ilmd"):
            continue
        yield ("drop-" + key.replace(":", "-"), lambda e, k=key: e.pop(k), '"severity":"error"')
    for key in list(ev.get("ilmd", {}).keys()):
        yield ("drop-ilmd-" + key.replace(":", "-"),
               lambda e, k=key: e["ilmd"].pop(k), '"severity":"error"')
    yield ("bad-eventTime", lambda e: e.__setitem__("eventTime", "2025-13-01T00:00:00Z"),
           "TR-EVT-0001")
    yield ("future-eventTime",
           lambda e: e.__setitem__("eventTime", "2099-01-01T00:00:00+08:00"), "TR-VAL-0009")
    yield ("bad-offset", lambda e: e.__setitem__("eventTimeZoneOffset", "+8:00"), "TR-EVT-0002")
    if "action" in ev:
        yield ("bad-action", lambda e: e.__setitem__("action", "MOVE"), "TR-EVT-0003")
    yield ("bizstep-typo",
           lambda e: e.__setitem__("bizStep", "urn:epcglobal:cbv:bizstep:shiping"), "TR-VAL-0016")
    for lst in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        if ev.get(lst):
            yield ("duplicate-" + lst, lambda e, l=lst: e[l].append(e[l][0]), "TR-VAL-0013")
    for lst in ("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList"):
        if ev.get(lst) and "quantity" in ev[lst][0]:
            yield ("negative-" + lst, lambda e, l=lst: e[l][0].__setitem__("quantity", -3),
                   "TR-VAL-0011")
            yield ("unit-jin-" + lst, lambda e, l=lst: e[l][0].__setitem__("uom", "JIN"),
                   "TR-VAL-0039")
    for key, val in list(ev.items()):
        if key.startswith("utds:") and isinstance(val, str):
            yield ("garbage-" + key.replace(":", "-"),
                   lambda e, k=key: e.__setitem__(k, "\u00a7?"), '"severity":"error"')
    yield ("unknown-element", lambda e: e.__setitem__("utds:noSuchElement", "x"), "TR-VAL-0042")


def master_mutations(doc):
    md = doc.get("epcisHeader", {}).get("epcisMasterData", {}).get("vocabularyList", [])
    for vi, voc in enumerate(md):
        els = voc.get("vocabularyElementList", [])
        if not els:
            continue
        for ai, attr in enumerate(els[0].get("attributes", [])):
            name = attr.get("id", "").replace(":", "-")

            def drop(d, vi=vi, ai=ai):
                l = d["epcisHeader"]["epcisMasterData"]["vocabularyList"][vi]
                del l["vocabularyElementList"][0]["attributes"][ai]
            yield ("master-v%d-drop-%s" % (vi, name), drop, '"severity":"error"')


def esc(text):
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def to_xml(tracectl, text):
    """The same document in the EPCIS XML binding, through tracectl convert."""
    p = subprocess.run([tracectl, "convert", "-f", "jsonld", "-t", "xml", "-"],
                       input=text.encode(), capture_output=True)
    return p.stdout.decode() if p.returncode == 0 else None


def run_text(tracectl, text, extra=()):
    args = [tracectl, "validate", "--json", "--now", NOW, *extra, "-"]
    p = subprocess.run(args, input=text.encode(), capture_output=True)
    return p.returncode, p.stdout.decode()


def case(out, name, text, status, stdout, extra=()):
    out.append("=== %s" % name)
    out.append("args: validate --json --now %s %s-" % (NOW, "".join(x + " " for x in extra)))
    out.append("stdin: " + esc(text))
    out.append("exit: %d" % status)
    for line in stdout.splitlines():
        out.append("> " + line)
    out.append("")


def family_vectors(tracectl, fam, doc):
    out = ["# Record-level vectors for the %s chain (examples/data/%s.jsonld), generated by" % (fam, fam),
           "# tools/gen-validate-vectors.py: one-event documents, each with one mutation",
           "# whose finding (rule id and location) the expected output pins.", ""]
    kept = 0
    events = doc["epcisBody"]["eventList"]
    for i in range(len(events)):
        base = one_event(doc, i)
        text, status, stdout = run(tracectl, base)
        if status != 0:
            continue
        case(out, "%s-e%d-valid" % (fam, i), text, status, stdout)
        kept += 1
        for name, fn, expect in mutations(base["epcisBody"]["eventList"][0]):
            d = copy.deepcopy(base)
            fn(d["epcisBody"]["eventList"][0])
            text, status, stdout = run(tracectl, d)
            if expect in stdout and status == 1:
                case(out, "%s-e%d-%s" % (fam, i, name), text, status, stdout)
                kept += 1
                # the same finding through the XML binding (file:line, XPath-like paths)
                xml = to_xml(tracectl, text) if i == 0 else None
                if xml:
                    xstatus, xout = run_text(tracectl, xml)
                    if expect in xout and xstatus == 1:
                        case(out, "%s-e%d-%s-xml" % (fam, i, name), xml, xstatus, xout)
                        kept += 1
    base = one_event(doc, 0)
    for name, fn, expect in master_mutations(base):
        d = copy.deepcopy(base)
        fn(d)
        text, status, stdout = run(tracectl, d)
        if expect in stdout and status == 1:
            case(out, "%s-%s" % (fam, name), text, status, stdout)
            kept += 1
    # the same findings in Chinese, and at the CBV-compliant level
    d = one_event(doc, 0)
    d["epcisBody"]["eventList"][0]["bizStep"] = "urn:epcglobal:cbv:bizstep:shiping"
    text, status, stdout = run(tracectl, d, ("--lang", "zh"))
    case(out, "%s-zh-bizstep-typo" % fam, text, status, stdout, ("--lang", "zh"))
    text, status, stdout = run(tracectl, one_event(doc, 0), ("--level", "compliant"))
    case(out, "%s-compliant" % fam, text, status, stdout, ("--level", "compliant"))
    return out, kept + 2


def main():
    tracectl = sys.argv[1]
    outdir = sys.argv[2] if len(sys.argv) > 2 else "testvectors/validate"
    os.makedirs(outdir, exist_ok=True)
    total = 0
    for fam in FAMILIES:
        with open("examples/data/%s.jsonld" % fam, encoding="utf-8") as f:
            doc = json.load(f)
        lines, n = family_vectors(tracectl, fam, doc)
        with open(os.path.join(outdir, fam + ".vec"), "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        print("%s: %d cases" % (fam, n))
        total += n
    print("total: %d cases" % total)


if __name__ == "__main__":
    main()
