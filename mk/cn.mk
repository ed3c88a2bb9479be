# cn.mk - generated data tables of the Chinese schemes and the UTDS trace code
# (spec/cn/*.tsv -> build/gen/cn_tables.h, included by lib/cn_data.c only).
# This fragment is read before the main targets: keep "all" the default goal.
.DEFAULT_GOAL := all
CN_TSV := $(sort $(wildcard spec/cn/*.tsv))
EXTRA_GEN += $(B)/gen/cn_tables.h
$(B)/gen/cn_tables.h: $(CN_TSV) tools/gen-cn-tables.awk
	@mkdir -p $(B)/gen
	awk -v out=$@.tmp -f tools/gen-cn-tables.awk $(CN_TSV)
	mv $@.tmp $@
