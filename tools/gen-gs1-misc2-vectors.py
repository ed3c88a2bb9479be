#!/usr/bin/env python3
"""gen-gs1-misc2-vectors.py - write testvectors/gs1/misc2.vec (developer tool, not run by the build).

Cases for three GS1 features: EPC URNs without a GS1 key (gid, usdod, bic,
imovn) and the added GS1 ones (gsin, ginc); composite symbol data with '|'
between the linear and the 2D (CC) component; zero-suppressed GTINs (GTIN-8,
-12, -13) in Digital Link URIs. Each case states the operation, the input and
the EXPECTED verdict: the exit status and the diagnostic codes of severity
error in order, and optionally a string the output must contain. The script
runs tracectl, refuses to write a case whose verdict differs, and records the
exact output as the "> " lines.

    python3 tools/gen-gs1-misc2-vectors.py build/tracectl
"""
import json, os, subprocess, sys

TRACECTL = sys.argv[1] if len(sys.argv) > 1 else "build/tracectl"
OUT = os.path.join(os.path.dirname(__file__), "..", "testvectors", "gs1", "misc2.vec")
GS = "\x1d"


def esc_stdin(s):
    return "".join("\\\\" if c == "\\" else ("\\x%02x" % ord(c) if ord(c) < 0x20 else c)
                   for c in s)


def run(args, inp):
    p = subprocess.run([TRACECTL] + args, input=(inp + "\n").encode(), capture_output=True)
    return p.returncode, p.stdout.decode()


def error_codes(stdout):
    cs = []
    for line in stdout.splitlines():
        try:
            obj = json.loads(line)
        except ValueError:
            continue
        cs += [e["code"] for e in obj.get("errors", []) if e["severity"] in ("error", "fatal")]
    return cs


E = lambda n: "TR-GS1-%04d" % n
SHORT, CHECK, DATE, EXCL, REQ = E(5), E(8), E(9), E(17), E(18)
EPCSYN, EPCSCHEME = E(38), E(39)
NOTKEY, RANGE, EPCCHECK, COMPOSITE, PADDED = E(43), E(44), E(45), E(46), E(47)

CASES, IDS, FAILS = [], set(), []


def case(cid, args, inp, exit_code, codes=(), want=None, note=None):
    assert cid not in IDS, cid
    IDS.add(cid)
    rc, out = run(args, inp)
    got = error_codes(out) if "--json" in args else []
    if rc != exit_code or ("--json" in args and got != list(codes)) or \
            (want is not None and want not in out):
        FAILS.append("%s: expected exit %d codes %s want %r, got exit %d codes %s\n  %s"
                     % (cid, exit_code, list(codes), want, rc, got, out[:700]))
        return
    lines = ["=== " + cid]
    if note:
        lines.append("note: " + note)
    lines.append("args: " + " ".join(a if a.isalnum() or a.startswith("-") else "'%s'" % a
                                     for a in args))
    lines.append("stdin: " + esc_stdin(inp))
    lines.append("exit: %d" % exit_code)
    lines += [("> " + l) if l else ">" for l in out.split("\n")[:-1]]
    CASES.append("\n".join(lines))


DL = ["code", "dl", "--json", "-"]
EPC = ["code", "epc", "--json", "-"]
HRI = ["code", "hri", "--json", "-"]
EPC7 = ["code", "epc", "--gcp", "7", "--json", "-"]
G = "09521234543213"
U = "https://id.gs1.org"

# ---- EPC URNs without a GS1 key: parsed and checked, never converted ----
case("gid-epc", EPC, "urn:epc:id:gid:95100000.12345.400", 0, [],
     '"output":"urn:epc:id:gid:95100000.12345.400"')
case("gid-to-dl", DL, "urn:epc:id:gid:95100000.12345.400", 1, [], NOTKEY,
     "info diagnostic: no element string or Digital Link for a gid")
case("gid-to-hri", HRI, "urn:epc:id:gid:95100000.12345.400", 1, [], NOTKEY)
case("gid-max", EPC, "urn:epc:id:gid:268435455.16777215.68719476735", 0)
case("gid-zero", EPC, "urn:epc:id:gid:0.0.0", 0)
case("gid-manager-over", EPC, "urn:epc:id:gid:268435456.1.1", 1, [RANGE])
case("gid-class-over", EPC, "urn:epc:id:gid:1.16777216.1", 1, [RANGE])
case("gid-serial-over", EPC, "urn:epc:id:gid:1.1.68719476736", 1, [RANGE])
case("gid-serial-long", EPC, "urn:epc:id:gid:1.1.1234567890123456789012", 1, [RANGE])
case("gid-leading-zero", EPC, "urn:epc:id:gid:01.1.1", 1, [EPCSYN])
case("gid-not-digits", EPC, "urn:epc:id:gid:1.12A.1", 1, [EPCSYN])
case("gid-empty-class", EPC, "urn:epc:id:gid:1..1", 1, [EPCSYN])
case("gid-two-fields", EPC, "urn:epc:id:gid:1.1", 1, [EPCSYN])
case("gid-four-fields", EPC, "urn:epc:id:gid:1.1.1.1", 1, [EPCSYN])
case("usdod", EPC, "urn:epc:id:usdod:2S194.12345678901", 0)
case("usdod-dodaac", EPC, "urn:epc:id:usdod:W81XWH.1", 0)
case("usdod-bad-cage", EPC, "urn:epc:id:usdod:2SO94.1", 1, [EPCSYN],
     note="O is not a CAGE character")
case("usdod-serial-over", EPC, "urn:epc:id:usdod:2S194.68719476736", 1, [RANGE])
case("bic", EPC, "urn:epc:id:bic:CSQU3054383", 0, [], '"typed":"ok"')
case("bic-to-dl", DL, "urn:epc:id:bic:CSQU3054383", 1, [], NOTKEY)
case("bic-bad-check", EPC, "urn:epc:id:bic:CSQU3054384", 1, [EPCCHECK])
case("bic-bad-category", EPC, "urn:epc:id:bic:CSQX3054383", 1, [EPCSYN])
case("imovn", EPC, "urn:epc:id:imovn:9176187", 0)
case("imovn-bad-check", EPC, "urn:epc:id:imovn:9176188", 1, [EPCCHECK])
case("imovn-short", EPC, "urn:epc:id:imovn:917618", 1, [EPCSYN])
case("adi-unsupported", EPC, "urn:epc:id:adi:2S194..12345", 1, [EPCSCHEME])
# ---- GS1 keys added to the EPC table ----
case("gsin", DL, "urn:epc:id:gsin:0614141.123456789", 0, [], "/402/06141411234567890")
case("ginc", DL, "urn:epc:id:ginc:0614141.xyz47%2F11", 0, [], "/401/0614141xyz47%2F11")
case("gsin-from-es", EPC7, "(402)06141411234567890", 0,
     [], "urn:epc:id:gsin:0614141.123456789")
case("ginc-from-es", EPC7, "(401)0614141xyz47/11", 0,
     [], "urn:epc:id:ginc:0614141.xyz47%2F11")

# ---- composite: linear '|' CC ----
case("cc-bracketed", HRI, "(01)%s|(10)ABC123" % G, 0, [], '"cc":true')
case("cc-caret", HRI, "^01%s|^10ABC123" % G, 0, [], '"elements":"(01)%s|(10)ABC123"' % G)
case("cc-gs", HRI, GS + "01%s|" % G + GS + "10ABC123", 0, [], "|(10)")
case("cc-variable-linear", HRI, "^01%s10ABC|^21X1" % G, 0, [],
     '"elements":"(01)%s(10)ABC|(21)X1"' % G, "the '|' ends the (10) value")
case("cc-two-elements", HRI, "(01)%s(17)251231|(10)ABC(21)X1" % G, 0)
case("cc-to-dl", DL, "(01)%s(17)251231|(10)ABC" % G, 0, [],
     '"output":"%s/01/%s/10/ABC?17=251231"' % (U, G), "a Digital Link has no components")
case("cc-to-scan", ["code", "scan", "--caret", "-"], "(01)%s|(10)ABC(21)X1" % G, 0, [],
     "]d201%s10ABC^21X1" % G, "scan data carries the elements as one transmission")
case("cc-ean13-scan", HRI, "]E0%s|]e010ABC123" % G[1:], 0, [], '"cc":true')
case("cc-ean8-scan", HRI, "]E495212340|]e017251231" + GS + "10X", 0)
case("cc-union-exclusive", HRI, "(01)%s|(02)%s" % (G, G), 1, [EXCL, REQ],
     note="rules apply to the union: (02) in the CC excludes (01) in the linear part")
case("cc-union-requisite", HRI, "(17)251231|(10)ABC", 1, [REQ, REQ])
case("cc-bad-date", HRI, "(01)%s|(17)251331" % G, 1, [DATE], '"offset":25',
     "offsets count from the start of the whole input")
case("cc-bar-in-value", HRI, "(01)%s(10)A|B" % G, 1, [COMPOSITE], '"offset":23')
case("cc-bar-in-value-caret", HRI, "^01%s10A|B" % G, 1, [COMPOSITE])
case("cc-two-bars", HRI, "(01)%s|(10)A|(21)B" % G, 1, [COMPOSITE])
case("cc-empty", HRI, "(01)%s|" % G, 1, [COMPOSITE])
case("cc-empty-caret", HRI, "^01%s|^" % G, 1, [COMPOSITE])
case("cc-no-linear", HRI, "^|^10ABC", 1, [COMPOSITE])
case("cc-scan-not-ean", HRI, "]C101%s|]e010A" % G, 1, [COMPOSITE])
case("cc-scan-no-e0", HRI, "]E0%s|10A" % G[1:], 1, [COMPOSITE])
case("cc-bad-ai", HRI, "(01)%s|(1)A" % G, 1, [E(1)])
case("cc-label", ["code", "label", "--json", "(01)%s|(10)ABC" % G, "(01)%s(21)X1" % G],
     "", 0, [], '"cc":true')

# ---- zero-suppressed GTINs in Digital Link ----
case("zs-gtin13", DL, U + "/01/9521234543213", 0, [], PADDED)
case("zs-gtin12", DL, U + "/01/012345678905", 0, [], '"value":"00012345678905"')
case("zs-gtin8", DL, U + "/01/95212340/10/AB", 0, [], "/01/00000095212340/10/AB")
case("zs-query", DL, U + "/414/9521234543213?01=95212340", 0, [], "?01=00000095212340")
case("zs-percent", DL, U + "/01/%395212340", 0, [], '"offset":22,"length":10')
case("zs-bad-check", DL, U + "/01/9521234543214", 1, [CHECK])
case("zs-eleven", DL, U + "/01/95212345432", 1, [SHORT])
case("zs-not-digits", DL, U + "/01/952123454321A", 1, [SHORT])
case("zs-to-epc", EPC7, U + "/01/95212340/21/S1", 0, [],
     "urn:epc:id:sgtin:0000095.021234.S1")
case("zs-scan-q1", HRI, "]Q1" + U + "/01/95212340", 0, [], '"offset":25,"length":8')
case("zs-hri", ["code", "hri", "-"], U + "/01/9521234543213", 0, [], "(01) 09521234543213")

if FAILS:
    sys.stderr.write("\n".join(FAILS) + "\n")
    sys.exit(1)
with open(OUT, "w") as f:
    f.write("# GS1: EPC URNs without a GS1 key (gid usdod bic imovn) and gsin/ginc;\n"
            "# composite data (linear '|' CC); zero-suppressed GTINs in Digital Link.\n"
            "# Generated by tools/gen-gs1-misc2-vectors.py; verdicts are stated there.\n\n")
    f.write("\n\n".join(CASES) + "\n")
print("%d cases" % len(CASES))
