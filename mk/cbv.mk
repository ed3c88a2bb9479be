# cbv.mk - compile spec/cbv/terms.tsv into a C table sorted by (list, term),
# the order lib/cbv.c binary-searches in.
EXTRA_GEN += $(B)/gen/cbv_terms.inc
$(B)/gen/cbv_terms.inc: spec/cbv/terms.tsv
	@mkdir -p $(B)/gen
	LC_ALL=C awk -F'\t' 'BEGIN { n["bizstep"] = 0; n["disp"] = 1; n["btt"] = 2; n["sdt"] = 3; n["er"] = 4 } \
	    !/^#/ && NF == 2 { if (!($$1 in n)) { print "unknown CBV list " $$1 > "/dev/stderr"; exit 1 } \
	    print n[$$1] "\t" $$2 }' spec/cbv/terms.tsv | LC_ALL=C sort -t '	' -k1,1n -k2,2 | \
	    awk -F'\t' '{ printf "    {(trace_cbv_list)%s, \"%s\"},\n", $$1, $$2 }' > $@.tmp && mv $@.tmp $@
