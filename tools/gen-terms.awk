# gen-terms.awk - one C initialiser line per row of spec/lang/zh-terms.tsv.
# want=exact prints the rows without "{}", want=wild the others; each line is
# "sortkey<TAB>{\"en\", \"zh\"}," so the caller can sort exact rows by en.
# Fails on a malformed row or a repeated English text.
function c(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
/^#/ || !NF { next }
{
    if (NF != 2 || $1 == "" || $2 == "") {
        print FILENAME ":" FNR ": expected two non-empty tab-separated columns" > "/dev/stderr"
        bad = 1; exit 1
    }
    if ($1 in seen) {
        print FILENAME ":" FNR ": '" $1 "' already on line " seen[$1] > "/dev/stderr"
        bad = 1; exit 1
    }
    seen[$1] = FNR
    wild = index($1, "{}") > 0
    if ((want == "wild") == wild)
        printf "%s\t    {%s, %s},\n", $1, c($1), c($2)
}
END { if (bad) exit 1 }
