#!/usr/bin/awk -f
# gen-gs1.awk - compile the GS1 tables in spec/gs1/ into C (build/gen/gs1_tables.inc).
#
#   awk -f tools/gen-gs1.awk spec/gs1/ai.tsv spec/gs1/units.tsv \
#       spec/gs1/codelists.tsv spec/gs1/gcp-length.tsv > gs1_tables.inc
#
# Output (all const data, nothing is parsed at run time):
#   - gs1__ai[]       one entry per AI (ranges expanded), in lexical order; the
#                     position is the AI's dense index
#   - gs1__idx[10000] AI digits right-padded with 0 -> dense index (or -1); valid
#                     because AIs are prefix-free per 2-digit prefix
#   - gs1__prefix_len[100] AI length by its first two digits (0 = unassigned)
#   - gs1__sets[][W]  bitsets over dense indices: each req term and each ex list
#   - gs1__req_rule[], gs1__req_group[], gs1__req_term[]: req= as OR of AND groups
#   - gs1__dl_state[], gs1__dl_edge[]: per primary key a trie-shaped automaton
#                     accepting exactly the allowed key-qualifier sequences
#   - gs1__dl_alt[]   the qualifier alternatives, for DL generation
#   - code list bitsets, the package type list, units and GCP lengths
# POSIX awk only (mawk, gawk, busybox): no 64-bit integer arithmetic is used.
BEGIN {
    FS = "\t"
    nlint = split("csum csumalpha gcppos1 gcppos2 yymmd0 yymmdd yyyymmdd yyyymmd0 hh mi ss hhmi " \
                  "iso3166 iso3166999 iso3166alpha2 iso4217 iso5218 mediatype packagetype iban " \
                  "importeridx latitude longitude nonzero zero nozeroprefix hasnondigit " \
                  "pieceoftotal posinseqslash winding yesno hyphen pcenc couponcode " \
                  "couponposoffer", lintname, " ")
    for (i = 1; i <= nlint; i++)
        lintid[lintname[i]] = i
    nai = 0
}
function fail(msg) {
    printf("gen-gs1: %s:%d: %s\n", FILENAME, FNR, msg) > "/dev/stderr"
    err = 1
    exit 1
}
function cstr(s) {
    gsub(/\\/, "\\\\", s)
    gsub(/"/, "\\\"", s)
    return "\"" s "\""
}
# ---- spec/gs1/ai.tsv ----
FILENAME ~ /ai\.tsv$/ && !/^#/ && NF > 0 {
    if (NF != 6)
        fail("expected 6 tab-separated fields, got " NF)
    lo = $1; hi = $1
    if (index($1, "-")) {
        split($1, rr, "-"); lo = rr[1]; hi = rr[2]
        if (length(lo) != length(hi) || lo !~ /^[0-9]+$/ || hi !~ /^[0-9]+$/ || lo + 0 > hi + 0)
            fail("bad AI range " $1)
    }
    if (lo !~ /^[0-9][0-9]([0-9][0-9]?)?$/)
        fail("bad AI " lo)
    for (v = lo + 0; v <= hi + 0; v++) {
        a = sprintf("%0" length(lo) "d", v)
        if (nai && a <= ai[nai - 1])
            fail("AIs out of lexical order at " a)
        idx[a] = nai
        ai[nai] = a; flags[nai] = ($2 == "-" ? "" : $2); comps[nai] = $3
        attrs[nai] = ($4 == "-" ? "" : $4)
        ten[nai] = ($5 == "-" ? "" : $5); tzh[nai] = ($6 == "-" ? "" : $6)
        p2 = substr(a, 1, 2)
        if ((p2 in plen) && plen[p2] != length(a))
            fail("AIs with prefix " p2 " differ in length")
        plen[p2] = length(a)
        nai++
    }
    next
}
FILENAME ~ /units\.tsv$/ && !/^#/ && NF >= 4 { unit[$1] = $2; unit_en[$1] = $3; unit_zh[$1] = $4; next }
FILENAME ~ /codelists\.tsv$/ && !/^#/ && NF >= 2 { list[$1] = $2; next }
FILENAME ~ /gcp-length\.tsv$/ && !/^#/ && NF >= 2 {
    if ($1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/) fail("bad GCP row")
    gcp[ngcp++] = $1 "\t" $2; next
}
# ---- helpers for sets ----
# Members of a term (AI or pattern like 31nn / 310n) as a sorted index list "i j k".
function term_members(t,    p, n, i, out, cnt) {
    if (t !~ /^[0-9]+n*$/) fail("bad req/ex term " t)
    if (t !~ /n/) {
        if (!(t in idx)) fail("req/ex names unknown AI " t)
        return idx[t] ""
    }
    p = t; sub(/n+$/, "", p)
    out = ""; cnt = 0
    for (i = 0; i < nai; i++)
        if (length(ai[i]) == length(t) && substr(ai[i], 1, length(p)) == p) {
            out = out (cnt++ ? " " : "") i
        }
    if (!cnt) fail("pattern " t " matches no AI")
    return out
}
# Pool a set given as an index list; returns its set id.
function set_id(members,    key) {
    key = members
    if (!(key in setpool)) { setpool[key] = nset; setmem[nset] = members; nset++ }
    return setpool[key]
}
function union_members(a, b,    x, y, n, i, seen, out, k, arr, m) {
    n = split(a " " b, x, " "); out = ""; m = 0
    for (i = 1; i <= n; i++) if (x[i] != "" && !(x[i] in seen)) { seen[x[i]] = 1; arr[++m] = x[i] + 0 }
    # insertion sort (lists are short)
    for (i = 2; i <= m; i++) { k = arr[i]; for (y = i - 1; y >= 1 && arr[y] > k; y--) arr[y + 1] = arr[y]; arr[y + 1] = k }
    for (i = 1; i <= m; i++) out = out (i > 1 ? " " : "") arr[i]
    return out
}
function emit_set(s,    n, x, i, w, lo, hi, b, word) {
    for (w = 0; w < W * 2; w++) half[w] = 0
    n = split(setmem[s], x, " ")
    for (i = 1; i <= n; i++) { b = x[i] + 0; half[int(b / 32)] += 2 ^ (b % 32) }
    printf("    {")
    for (w = 0; w < W; w++)
        printf("%s(UINT64_C(%.0f) << 32 | UINT64_C(%.0f))", w ? ", " : "", half[2 * w + 1], half[2 * w])
    printf("},\n")
}
# ---- components ----
function comp_c(spec, a,    t, parts, np, opt, ty, len, mn, mx, l, j, lints, c) {
    opt = 0
    np = split(spec, parts, ",")
    t = parts[1]
    if (t ~ /^\[.*\]$/) { opt = 1; t = substr(t, 2, length(t) - 2) }
    ty = substr(t, 1, 1); len = substr(t, 2)
    if (ty !~ /^[NXYZ]$/) fail("AI " a ": bad component type " t)
    if (len ~ /^[0-9]+$/) { mn = len + 0; mx = len + 0 }
    else if (len ~ /^\.\.[0-9]+$/) { mn = 1; mx = substr(len, 3) + 0 }
    else if (len ~ /^[0-9]+\.\.[0-9]+$/) { split(len, l, "\\.\\."); mn = l[1] + 0; mx = l[2] + 0 }
    else fail("AI " a ": bad component length " t)
    if (np - 1 > 3) fail("AI " a ": more than 3 linters on a component")
    lints = ""
    for (j = 2; j <= 4; j++) {
        if (j <= np) {
            if (!(parts[j] in lintid)) fail("AI " a ": unknown linter " parts[j] " (add it to gen-gs1.awk and lib/gs1_lint.c)")
            lints = lints (j > 2 ? ", " : "") "GS1L_" toupper(parts[j])
        } else lints = lints (j > 2 ? ", " : "") "0"
    }
    cmin_tot += opt ? 0 : mn; cmax_tot += mx
    return sprintf("{GS1_CSET_%s, %d, %d, %d, {%s}}", ty, mn, mx, opt, lints)
}
END {
    if (err) exit 1
    W = int((nai + 63) / 64)
    print "/* Generated by tools/gen-gs1.awk from spec/gs1/ *.tsv. Do not edit. */"
    printf("#define GS1__NAI %d\n#define GS1__SETW %d\n", nai, W)
    # req/ex/dl pre-pass
    nrule = 0; ngroup = 0; nterm = 0; nstate = 0; nedge = 0; nalt = 0; nset = 0
    for (i = 0; i < nai; i++) {
        rule_first[i] = nrule; ex_set[i] = -1; dl_start[i] = -1; alt_first[i] = 0; alt_n[i] = 0
        na = split(attrs[i], at, " ")
        for (k = 1; k <= na; k++) {
            if (at[k] ~ /^req=/) {
                ng = split(substr(at[k], 5), grp, ",")
                rule_g0[nrule] = ngroup; rule_gn[nrule] = ng; rule_txt[nrule] = substr(at[k], 5); nrule++
                for (g = 1; g <= ng; g++) {
                    nt = split(grp[g], tm, "+")
                    group_t0[ngroup] = nterm; group_tn[ngroup] = nt; ngroup++
                    for (q = 1; q <= nt; q++) term_set[nterm++] = set_id(term_members(tm[q]))
                }
            } else if (at[k] ~ /^ex=/) {
                nx = split(substr(at[k], 4), xs, ",")
                m = ex_set[i] >= 0 ? setmem[ex_set[i]] : ""
                for (q = 1; q <= nx; q++) m = union_members(m, term_members(xs[q]))
                ex_set[i] = set_id(m)
            } else if (at[k] ~ /^dlpkey(=|$)/) {
                dl_start[i] = nstate; root = nstate; statekey[root] = i ""; nstate++
                trie[i ":"] = root
                alt_first[i] = nalt
                if (at[k] ~ /=/) {
                    nal = split(substr(at[k], 8), alts, "|")
                    for (q = 1; q <= nal; q++) {
                        nqs = split(alts[q], qs, ",")
                        if (nqs > 5) fail("more than 5 qualifiers")
                        s = ""
                        for (r = 1; r <= nqs; r++) {
                            if (!(qs[r] in idx)) fail("dlpkey names unknown AI " qs[r])
                            qi[r] = idx[qs[r]]; s = s (r > 1 ? ", " : "") qi[r]
                        }
                        alt_desc[nalt] = nqs; alt_list[nalt] = s; nalt++
                        # every order-preserving subset, inserted as a path in the trie
                        for (mask = 1; mask < 2 ^ nqs; mask++) {
                            path = ""; cur = root; mm = mask
                            for (r = 1; r <= nqs; r++) {
                                if (mm % 2) {
                                    path = path " " qi[r]
                                    if (!((i ":" path) in trie)) {
                                        trie[i ":" path] = nstate; nstate++
                                        edge_from[nedge] = cur; edge_ai[nedge] = qi[r]; edge_to[nedge] = nstate - 1; nedge++
                                    }
                                    cur = trie[i ":" path]
                                }
                                mm = int(mm / 2)
                            }
                        }
                    }
                }
                alt_n[i] = nalt - alt_first[i]
            } else fail("AI " ai[i] ": unknown attribute " at[k])
        }
        rule_n[i] = nrule - rule_first[i]
    }
    # sets
    printf("const uint64_t gs1__sets[%d][GS1__SETW_MAX] = {\n", nset ? nset : 1)
    for (s = 0; s < nset; s++) emit_set(s)
    if (!nset) print "    {0},"
    print "};"
    printf("const gs1__group gs1__req_group[%d] = {\n", ngroup ? ngroup : 1)
    for (g = 0; g < ngroup; g++) printf("    {%d, %d},\n", group_t0[g], group_tn[g])
    if (!ngroup) print "    {0, 0},"
    print "};"
    printf("const gs1__group gs1__req_rule[%d] = {\n", nrule ? nrule : 1)
    for (g = 0; g < nrule; g++) printf("    {%d, %d},\n", rule_g0[g], rule_gn[g])
    if (!nrule) print "    {0, 0},"
    print "};"
    printf("static const char *const gs1__req_text[%d] = {", nrule ? nrule : 1)
    for (g = 0; g < nrule; g++) printf("%s%s,", g % 6 ? " " : "\n    ", cstr(rule_txt[g]))
    if (!nrule) printf("\"\"")
    print "\n};"
    printf("const uint16_t gs1__req_term[%d] = {", nterm ? nterm : 1)
    for (g = 0; g < nterm; g++) printf("%s%s%d", g ? "," : "", g % 16 ? " " : "\n    ", term_set[g])
    if (!nterm) printf("0")
    print "\n};"
    # DL automata: edges sorted by source state (they were created grouped per key;
    # sort with a stable insertion into per-state buckets)
    for (s = 0; s < nstate; s++) { st_first[s] = 0; st_n[s] = 0 }
    ne = 0
    for (s = 0; s < nstate; s++) {
        st_first[s] = ne
        for (e = 0; e < nedge; e++) if (edge_from[e] == s) { so_ai[ne] = edge_ai[e]; so_to[ne] = edge_to[e]; ne++ }
        st_n[s] = ne - st_first[s]
    }
    printf("const gs1__group gs1__dl_state[%d] = {\n", nstate ? nstate : 1)
    for (s = 0; s < nstate; s++) printf("    {%d, %d},\n", st_first[s], st_n[s])
    print "};"
    printf("const gs1__edge gs1__dl_edge[%d] = {\n", ne ? ne : 1)
    for (e = 0; e < ne; e++) printf("    {%d, %d},\n", so_ai[e], so_to[e])
    if (!ne) print "    {0, 0},"
    print "};"
    printf("static const gs1__alt gs1__tab_alt[%d] = {\n", nalt ? nalt : 1)
    for (q = 0; q < nalt; q++) printf("    {%d, {%s}},\n", alt_desc[q], alt_list[q])
    if (!nalt) print "    {0, {0}},"
    print "};"
    # units
    print "static const gs1__unit gs1__units[] = {\n    {\"\", \"\", \"\", \"\"},"
    nu = 0
    for (p in unit) up[++nu] = p
    for (q = 2; q <= nu; q++) { k = up[q]; for (r = q - 1; r >= 1 && up[r] > k; r--) up[r + 1] = up[r]; up[r + 1] = k }
    for (q = 1; q <= nu; q++) { uidx[up[q]] = q; printf("    {%s, %s, %s, %s},\n", cstr(up[q]), cstr(unit[up[q]]), cstr(unit_en[up[q]]), cstr(unit_zh[up[q]])) }
    print "};"
    # AI entries
    print "const gs1__ai gs1__tab_ai[GS1__NAI] = {"
    for (i = 0; i < nai; i++) {
        a = ai[i]; f = ""
        if (index(flags[i], "*")) f = f "|GS1_F_FIXED"
        if (index(flags[i], "?")) f = f "|GS1_F_DLATTR"
        if (dl_start[i] >= 0) f = f "|GS1_F_DLPKEY"
        if (length(a) == 4 && a ~ /^3[1-69]/) f = f "|GS1_F_DECIMAL"
        if (f == "") f = "|0"
        nc = split(comps[i], cs, " ")
        if (nc > 5) fail("AI " a ": more than 5 components")
        cmin_tot = 0; cmax_tot = 0; cc = ""
        allnum = 1
        for (q = 1; q <= nc; q++) {
            cc = cc (q > 1 ? ", " : "") comp_c(cs[q], a)
            t = cs[q]; sub(/^\[/, "", t)
            if (substr(t, 1, 1) != "N") allnum = 0
        }
        if (allnum) f = (f == "|0" ? "" : f) "|GS1_F_NUMERIC"
        u = substr(a, 1, 3)
        printf("    {%s, %d, %s, %d, %d, %d, %d, %d, %d, %d, %d, %d, %d, %s, %s, {%s}},\n",
               cstr(a), length(a), substr(f, 2), nc, cmin_tot, cmax_tot, rule_first[i], rule_n[i],
               ex_set[i], dl_start[i], alt_first[i], alt_n[i], (length(a) == 4 && (u in uidx)) ? uidx[u] : 0,
               cstr(ten[i]), cstr(tzh[i]), cc)
    }
    print "};"
    # index by padded digits, prefix lengths
    for (i = 0; i < nai; i++) { k = ai[i]; while (length(k) < 4) k = k "0"; pidx[k + 0] = i }
    print "const int16_t gs1__tab_idx[10000] = {"
    for (v = 0; v < 10000; v++) printf("%s%d%s", v % 20 ? "" : "    ", (v in pidx) ? pidx[v] : -1, v % 20 == 19 ? ",\n" : ", ")
    print "};"
    printf("const uint8_t gs1__tab_plen[100] = {")
    for (v = 0; v < 100; v++) { k = sprintf("%02d", v); printf("%s%s%d", v ? "," : "", v % 25 ? " " : "\n    ", (k in plen) ? plen[k] : 0) }
    print "\n};"
    # code lists
    emit_numlist("iso3166", 1000); emit_numlist("iso4217", 1000); emit_numlist("mediatype", 100)
    n = split(list["iso3166alpha2"], x, " ")
    for (w = 0; w < 22; w++) half[w] = 0
    for (q = 1; q <= n; q++) {
        if (x[q] !~ /^[A-Z][A-Z]$/) fail("bad alpha-2 code " x[q])
        b = (index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", substr(x[q], 1, 1)) - 1) * 26 + index("ABCDEFGHIJKLMNOPQRSTUVWXYZ", substr(x[q], 2, 1)) - 1
        half[int(b / 32)] += 2 ^ (b % 32)
    }
    printf("static const uint32_t gs1__list_iso3166alpha2[22] = {")
    for (w = 0; w < 22; w++) printf("%s%.0fu", w ? ", " : "", half[w])
    print "};"
    n = split(list["packagetype"], x, " ")
    for (q = 2; q <= n; q++) { k = x[q]; for (r = q - 1; r >= 1 && x[r] > k; r--) x[r + 1] = x[r]; x[r + 1] = k }
    printf("static const char *const gs1__list_packagetype[%d] = {", n)
    for (q = 1; q <= n; q++) printf("%s%s", q % 12 == 1 ? "\n    " : " ", cstr(x[q]) ",")
    print "\n};"
    printf("static const gs1__gcp gs1__gcp_table[%d] = {\n", ngcp ? ngcp : 1)
    for (q = 0; q < ngcp; q++) { split(gcp[q], x, "\t"); printf("    {%s, %d},\n", cstr(x[1]), x[2]) }
    if (!ngcp) print "    {\"\", 0},"
    print "};"
    printf("#define GS1__NGCP %d\n", ngcp)
}
function emit_numlist(name, size,    n, x, q, w, words, b) {
    if (!(name in list)) fail("code list " name " missing")
    words = int((size + 31) / 32)
    for (w = 0; w < words; w++) half[w] = 0
    n = split(list[name], x, " ")
    for (q = 1; q <= n; q++) {
        if (x[q] !~ /^[0-9]+$/ || x[q] + 0 >= size) fail("bad code " x[q] " in " name)
        b = x[q] + 0; half[int(b / 32)] += 2 ^ (b % 32)
    }
    printf("static const uint32_t gs1__list_%s[%d] = {", name, words)
    for (w = 0; w < words; w++) printf("%s%s%.0fu", w ? "," : "", w % 8 ? " " : "\n    ", half[w])
    print "\n};"
}
