# msg.mk - compile spec/msg/fields.tsv (UTDS Part 4 message definitions) into C.
EXTRA_GEN += $(B)/gen/msg_fields.inc
$(B)/gen/msg_fields.inc: spec/msg/fields.tsv
	@mkdir -p $(B)/gen
	awk -F'\t' 'function c(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" } \
	    !/^#/ && NF { if (NF != 6) { print FILENAME ":" FNR ": expected 6 fields" > "/dev/stderr"; exit 1 } \
	    printf "    {%s, %s, %s, %d, %s, %s},\n", c($$1), c($$2), c($$3), $$4 + 0, c($$5), c($$6) }' \
	    spec/msg/fields.tsv > $@.tmp && mv $@.tmp $@
