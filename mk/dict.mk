# mk/dict.mk - UTDS Part 2 tables: spec/dict/*.tsv compiled into
# $(B)/gen/dict_tables.inc by tools/gen-dict.awk (included by lib/dict.c).
DICT_TSV := spec/dict/codelists.tsv spec/dict/codes.tsv spec/dict/elements.tsv \
            spec/dict/bizsteps.tsv spec/dict/profiles.tsv
EXTRA_GEN += $(B)/gen/dict_tables.inc

$(B)/gen/dict_tables.inc: $(DICT_TSV) tools/gen-dict.awk
	@mkdir -p $(B)/gen
	awk -v out=$@.tmp -f tools/gen-dict.awk $(DICT_TSV)
	mv $@.tmp $@
