#!/usr/bin/awk -f
# gs1-dict2tsv.awk - rebuild spec/gs1/ai.tsv from a GS1 Barcode Syntax
# Dictionary release (gs1-syntax-dictionary.txt, Apache-2.0).
#
#   awk -f tools/gs1-dict2tsv.awk spec/gs1/ai.tsv gs1-syntax-dictionary.txt > new.tsv
#
# The first file is the current table: only its Chinese titles (last column,
# keyed by the first column) are carried over, so translations survive a
# dictionary update. AIs new in the release get "-" as Chinese title; fill
# them in by hand. Works with any POSIX awk (mawk, gawk, busybox).
BEGIN { FS = "\t"; release = "UNSET" }
FNR == NR {
    if ($0 !~ /^#/ && NF >= 6)
        zh[$1] = $NF
    next
}
{ FS = " " }
/^# Release:/ { release = $3; next }
/^#/ || /^[ \t]*$/ { next }
{
    line = $0
    title = "-"
    if ((p = index(line, "#")) > 0) {
        title = substr(line, p + 1)
        sub(/^[ \t]+/, "", title)
        sub(/[ \t]+$/, "", title)
        if (title == "")
            title = "-"
        line = substr(line, 1, p - 1)
    }
    n = split(line, tok, /[ \t]+/)
    k = 1
    if (tok[k] == "")
        k++
    ai = tok[k++]
    flags = "-"
    if (k <= n && tok[k] ~ /^[*!?"$%&'()+,\-.\/:;<=>@\\^_`{|}~]+$/)
        flags = tok[k++]
    comps = ""
    while (k <= n && tok[k] ~ /^(\[?[NXYZ][0-9.])/) {
        comps = comps (comps == "" ? "" : " ") tok[k]
        k++
    }
    attrs = ""
    for (; k <= n; k++)
        if (tok[k] != "")
            attrs = attrs (attrs == "" ? "" : " ") tok[k]
    if (attrs == "")
        attrs = "-"
    if (!nout++) {
        print "# GS1 Application Identifier table for libtrace (see spec/gs1/README.md)."
        print "# Facts from the GS1 Barcode Syntax Dictionary release " release " (Apache-2.0)."
        print "# ai\tflags\tcomponents\tattributes\ttitle_en\ttitle_zh"
    }
    print ai "\t" flags "\t" comps "\t" attrs "\t" title "\t" ((ai in zh) ? zh[ai] : "-")
}
