# mk/gs1_dlc.mk - compressed GS1 Digital Link tables (spec/gs1/dl-compress-opt.tsv ->
# build/gen/gs1_dlc.inc, included by lib/gs1_dlc.c only). Keep "all" the default goal.
.DEFAULT_GOAL := all
$(B)/gen/gs1_dlc.inc: spec/gs1/dl-compress-opt.tsv tools/gen-gs1-dlc.awk
	@mkdir -p $(B)/gen
	awk -f tools/gen-gs1-dlc.awk spec/gs1/dl-compress-opt.tsv > $@.tmp && mv $@.tmp $@
EXTRA_GEN += $(B)/gen/gs1_dlc.inc
