# gen-dict.awk - compile the UTDS Part 2 tables (spec/dict/*.tsv) into C.
# Usage: awk -v out=FILE -f gen-dict.awk codelists.tsv codes.tsv elements.tsv \
#            bizsteps.tsv profiles.tsv
# Writes const arrays (see lib/dict.c) and fails, naming file and line, on any
# inconsistency: unknown code list, scheme, element, business step, profile or
# rule kind, wrong argument count, duplicate ids. Format: spec/utds-2-collection.md.
function cstr(s) {
    if (s == "-" || s == "") return "NULL"
    gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s)
    return "\"" s "\""
}
function fail(msg) { printf "%s:%d: %s\n", FILENAME, FNR, msg > "/dev/stderr"; bad = 1; exit 1 }
function need(n) { if (NF != n) fail("expected " n " tab-separated fields, got " NF) }
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
# Check every utds:NAME in a path expression names an element.
function check_path(p,    t, m) {
    t = p
    while (match(t, /utds:[A-Za-z0-9_]+/)) {
        m = substr(t, RSTART + 5, RLENGTH - 5)
        if (!(m in el_seen)) fail("unknown element utds:" m " in " p)
        t = substr(t, RSTART + RLENGTH)
    }
}
function check_schemes(s,    n, a, i) {
    n = split(s, a, "|")
    for (i = 1; i <= n; i++) if (!(("id-scheme" SUBSEP a[i]) in code_seen)) fail("unknown scheme " a[i])
}
function evbit(name) {
    if (name == "ObjectEvent") return 1
    if (name == "AggregationEvent") return 2
    if (name == "TransactionEvent") return 4
    if (name == "TransformationEvent") return 8
    if (name == "AssociationEvent") return 16
    if (name == "*") return 31
    if (name == "master:party") return 32
    if (name == "master:product") return 64
    if (name == "master:location") return 128
    return 0
}
BEGIN {
    FS = "\t"
    kinds = "require:1 optional:1 forbid:1 scheme:2 item-level:1 codelist:2 date-order:2 event-time:1 gtin-agrees:0 batch-agrees:1 quantity:0 both-parties:1 action-required:0 ilmd-add-only:0 parent-required:0 master-known:1 elements:0 family-agrees:0"
    nk = split(kinds, kv, " ")
    for (i = 1; i <= nk; i++) { split(kv[i], kp, ":"); kind_idx[kp[1]] = i - 1; kind_args[kp[1]] = kp[2] + 0 }
    types = "text id date datetime decimal integer enum group"
    nt = split(types, tv, " "); for (i = 1; i <= nt; i++) type_idx[tv[i]] = i - 1
    csets = "any printable cset82 digits alnum upper-alnum upper-alnum-dash"
    nc = split(csets, cv, " "); for (i = 1; i <= nc; i++) cset_idx[cv[i]] = i - 1
    nl = 0; nv = 0; ne = 0; nb = 0; nr = 0
}
/^#/ || /^[ \t]*$/ { next }
FILENAME ~ /codelists\.tsv$/ {
    need(5)
    if ($1 in list_seen) fail("duplicate code list " $1)
    list_seen[$1] = ++nl; l_id[nl] = $1; l_src[nl] = $2; l_en[nl] = $3; l_zh[nl] = $4; l_desc[nl] = $5
    next
}
FILENAME ~ /codes\.tsv$/ {
    need(5)
    if (!($1 in list_seen)) fail("unknown code list " $1)
    if (($1 SUBSEP $2) in code_seen) fail("duplicate code " $1 " " $2)
    if (nv > 0 && v_list[nv] != $1 && ($1 in list_done)) fail("values of list " $1 " are not contiguous")
    if (nv > 0 && v_list[nv] != $1) list_done[v_list[nv]] = 1
    code_seen[$1, $2] = 1
    nv++; v_list[nv] = $1; v_code[nv] = $2; v_parent[nv] = $3; v_en[nv] = $4; v_zh[nv] = $5
    if ($1 == "family" || $1 == "subfamily") {
        np++; p_name[np] = $2; p_parent[np] = ($1 == "family") ? "base" : $3; p_en[np] = $4; p_zh[np] = $5
        prof_seen[$2] = np
    }
    next
}
FILENAME ~ /elements\.tsv$/ {
    need(9)
    if ($1 in el_seen) fail("duplicate element " $1)
    if (!($2 in type_idx)) fail("unknown type " $2)
    if ($6 !~ /^[EIM]+$/) fail("placement must be letters of EIM: " $6)
    if ($5 != "1" && $5 != "n") fail("repeat must be 1 or n")
    if ($4 != "-" && $4 !~ /^[0-9]+-[0-9]+$/) fail("length must be MIN-MAX or -")
    if ($2 == "text" && !($3 in cset_idx)) fail("unknown character set " $3)
    if ($2 == "id") check_schemes($3)
    if ($2 == "enum" && !($3 in list_seen)) fail("unknown code list " $3)
    if (($2 == "decimal" || $2 == "integer") && $3 != "*" && !(("unece-rec20" SUBSEP $3) in code_seen))
        fail("unit " $3 " is not in code list unece-rec20")
    ne++; el_seen[$1] = ne
    e_id[ne] = $1; e_type[ne] = $2; e_param[ne] = $3; e_len[ne] = $4; e_rep[ne] = $5
    e_place[ne] = $6; e_en[ne] = $7; e_zh[ne] = $8; e_desc[ne] = $9
    next
}
FILENAME ~ /bizsteps\.tsv$/ {
    need(7)
    if ($1 in bs_seen) fail("duplicate business step " $1)
    if ($4 == "cbv" && $1 != $3) fail("a CBV step is its own CBV equivalent")
    if ($4 == "utds" && $1 !~ /^utds:[a-z_]+$/) fail("UTDS steps are named utds:lower_case")
    if ($4 == "utds" && !($3 in bs_seen)) fail("unknown CBV equivalent " $3)
    nb++; bs_seen[$1] = nb
    b_name[nb] = $1; b_uri[nb] = $2; b_cbv[nb] = $3; b_origin[nb] = $4; b_en[nb] = $5; b_zh[nb] = $6; b_desc[nb] = $7
    next
}
FILENAME ~ /profiles\.tsv$/ {
    need(8)
    if ($1 !~ /^[A-Z][A-Z0-9]*-[0-9][0-9][0-9]$/) fail("bad rule id " $1)
    if ($1 in rule_seen) fail("duplicate rule id " $1)
    if ($2 != "base" && !($2 in prof_seen)) fail("unknown profile " $2)
    if ($5 !~ /^(error|warning|info)$/) fail("bad severity " $5)
    if (!($6 in kind_idx)) fail("unknown rule kind " $6)
    rule_seen[$1] = 1
    mask = 0; n = split($3, ev, ",")
    for (i = 1; i <= n; i++) { b = evbit(ev[i]); if (!b) fail("unknown event type " ev[i]); mask = or_(mask, b) }
    if ($4 != "*") {
        n = split($4, bs, ",")
        for (i = 1; i <= n; i++) if (!(bs[i] in bs_seen)) fail("unknown business step " bs[i])
    }
    na = ($7 == "-") ? 0 : split($7, av, " ")
    if (na != kind_args[$6]) fail($6 " takes " kind_args[$6] " argument(s), got " na)
    a0 = (na >= 1) ? av[1] : "-"; a1 = (na >= 2) ? av[2] : "-"; num = 0
    if ($6 == "event-time") { if (a0 !~ /^[0-9]+$/) fail("event-time takes seconds"); num = a0 + 0; a0 = "-" }
    if ($6 == "scheme") { check_path(a0); check_schemes(a1) }
    else if ($6 == "item-level") check_schemes(a0)
    else if ($6 == "codelist") { check_path(a0); if (!(a1 in list_seen)) fail("unknown code list " a1) }
    else if ($6 == "both-parties") { if (!(("cbv-sdt" SUBSEP a0) in code_seen)) fail("unknown source/destination type " a0) }
    else if ($6 == "master-known") { if (a0 !~ /^(party|product|location)$/) fail("master-known takes party, product or location") }
    else { if (a0 != "-") check_path(a0); if (a1 != "-") check_path(a1) }
    nr++; r_id[nr] = $1; r_prof[nr] = $2; r_ev[nr] = mask; r_bs[nr] = $4; r_sev[nr] = toupper($5)
    r_kind[nr] = $6; r_a0[nr] = a0; r_a1[nr] = a1; r_num[nr] = num; r_when[nr] = $8
    next
}
{ fail("unexpected input file") }
function or_(a, b,    r, bit) {
    r = 0
    for (bit = 1; bit <= 128; bit *= 2)
        if ((int(a / bit) % 2) || (int(b / bit) % 2)) r += bit
    return r
}
function emit_conds(w,    n, c, i, op, path, val, s, k) {
    if (w == "-") return "0, {{TRACE_COND_HAS, NULL, NULL}}"
    n = split(w, c, "&&")
    if (n > 4) fail("more than 4 condition atoms")
    s = n ", {"
    for (i = 1; i <= n; i++) {
        c[i] = trim(c[i]); val = "-"
        if (c[i] ~ /^has:/) { op = "HAS"; path = substr(c[i], 5) }
        else if (c[i] ~ /^no:/) { op = "NO"; path = substr(c[i], 4) }
        else if ((k = index(c[i], "!=")) > 0) { op = "NE"; path = substr(c[i], 1, k - 1); val = substr(c[i], k + 2) }
        else if ((k = index(c[i], "=")) > 0) { op = "EQ"; path = substr(c[i], 1, k - 1); val = substr(c[i], k + 1) }
        else fail("bad condition " c[i])
        check_path(path)
        s = s (i > 1 ? ", " : "") "{TRACE_COND_" op ", " cstr(path) ", " cstr(val) "}"
    }
    return s "}"
}
function kname(k) { gsub(/-/, "_", k); return "TRACE_RULE_" toupper(k) }
END {
    if (bad) exit 1
    FILENAME = "profiles.tsv"; FNR = 0
    # elements: sort ids (insertion sort) for binary search
    for (i = 1; i <= ne; i++) ord[i] = i
    for (i = 2; i <= ne; i++) { j = i; while (j > 1 && e_id[ord[j-1]] > e_id[ord[j]]) { t = ord[j]; ord[j] = ord[j-1]; ord[j-1] = t; j-- } }
    print "/* generated by tools/gen-dict.awk from spec/dict: do not edit */" > out
    print "static const trace_element dict_elements[] = {" > out
    for (k = 1; k <= ne; k++) {
        i = ord[k]; ty = e_type[i]
        # group members must exist
        if (ty == "group") { n = split(e_param[i], gm, ","); for (g = 1; g <= n; g++) if (!(gm[g] in el_seen)) { FNR = 0; fail("group " e_id[i] ": unknown member " gm[g]) } }
        split(e_len[i] == "-" ? "0-0" : e_len[i], ln, "-")
        pl = ""; if (e_place[i] ~ /E/) pl = pl "|TRACE_PLACE_EVENT"; if (e_place[i] ~ /I/) pl = pl "|TRACE_PLACE_ILMD"; if (e_place[i] ~ /M/) pl = pl "|TRACE_PLACE_MASTER"
        printf "    {%s, %s, TRACE_ELEM_%s, TRACE_CHARSET_%s, %d, %d, %s, %s, %s, %s, %s, %d,\n     %s, %s,\n     %s},\n", \
            cstr(e_id[i]), cstr("https://utds.org.cn/ns/1.0/" e_id[i]), toupper(ty), \
            (ty == "text") ? toupper2(e_param[i]) : "ANY", ln[1], ln[2], \
            (ty == "id") ? cstr(e_param[i]) : "NULL", (ty == "enum") ? cstr(e_param[i]) : "NULL", \
            (ty == "decimal" || ty == "integer") ? cstr(e_param[i]) : "NULL", (ty == "group") ? cstr(e_param[i]) : "NULL", \
            substr(pl, 2), (e_rep[i] == "n"), cstr(e_en[i]), cstr(e_zh[i]), cstr(e_desc[i]) > out
    }
    print "};" > out
    print "static const trace_code_value dict_codes[] = {" > out
    for (i = 1; i <= nv; i++) {
        printf "    {%s, %s, %s, %s, %s},\n", cstr(v_list[i]), cstr(v_code[i]), cstr(v_parent[i]), cstr(v_en[i]), cstr(v_zh[i]) > out
        if (!(v_list[i] in l_first)) l_first[v_list[i]] = i - 1
        l_count[v_list[i]]++
    }
    print "};" > out
    print "static const trace_codelist dict_codelists[] = {" > out
    for (i = 1; i <= nl; i++)
        printf "    {%s, %s, %s, %s,\n     %s, %d, %d},\n", cstr(l_id[i]), cstr(l_src[i]), cstr(l_en[i]), cstr(l_zh[i]), cstr(l_desc[i]), l_first[l_id[i]] + 0, l_count[l_id[i]] + 0 > out
    print "};" > out
    print "static const trace_bizstep dict_bizsteps[] = {" > out
    for (i = 1; i <= nb; i++)
        printf "    {%s, %s, %s, %s, %s, %s,\n     %s},\n", cstr(b_name[i]), cstr(b_uri[i]), cstr(b_cbv[i]), cstr(b_origin[i]), cstr(b_en[i]), cstr(b_zh[i]), cstr(b_desc[i]) > out
    print "};" > out
    # profiles: base first, then families and sub-families in code-list order;
    # rules grouped by profile in that order.
    pn[0] = "base"; ppar[0] = "-"; pen[0] = "national base profile"; pzh[0] = "全国通用采集要求"
    for (i = 1; i <= np; i++) { pn[i] = p_name[i]; ppar[i] = p_parent[i]; pen[i] = p_en[i] " profile"; pzh[i] = p_zh[i] "采集要求" }
    print "static const trace_rule dict_rules[] = {" > out
    idx = 0
    for (p = 0; p <= np; p++) {
        pfirst[p] = idx; pcount[p] = 0
        for (i = 1; i <= nr; i++) {
            if (r_prof[i] != pn[p]) continue
            printf "    {%s, %s, %s, TRACE_SEV_%s, %du, %s, {%s, %s}, %dL, %s, NULL},\n", \
                cstr(r_id[i]), cstr(r_prof[i]), kname(r_kind[i]), r_sev[i], r_ev[i], cstr(r_bs[i]), \
                cstr(r_a0[i]), cstr(r_a1[i]), r_num[i], emit_conds(r_when[i]) > out
            idx++; pcount[p]++
        }
    }
    print "};" > out
    print "static const trace_profile dict_profiles[] = {" > out
    for (p = 0; p <= np; p++)
        printf "    {%s, %s, %s, %s, NULL, NULL, %d},\n", cstr(pn[p]), cstr(ppar[p]), cstr(pen[p]), cstr(pzh[p]), pcount[p] > out
    print "};" > out
    print "static const size_t dict_profile_first[] = {" > out
    for (p = 0; p <= np; p++) printf "    %d,\n", pfirst[p] > out
    print "};" > out
}
function toupper2(s) { gsub(/-/, "_", s); return toupper(s) }
