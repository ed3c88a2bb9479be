# mk/gs1.mk - GS1 tables compiled from spec/gs1/ (see spec/gs1/README.md).
# Included before the main rules: keep "all" the default goal.
.DEFAULT_GOAL := all
GS1_SPEC := spec/gs1/ai.tsv spec/gs1/units.tsv spec/gs1/codelists.tsv spec/gs1/gcp-length.tsv
$(B)/gen/gs1_tables.inc: $(GS1_SPEC) tools/gen-gs1.awk
	@mkdir -p $(B)/gen
	awk -f tools/gen-gs1.awk $(GS1_SPEC) > $@.tmp && mv $@.tmp $@
EXTRA_GEN += $(B)/gen/gs1_tables.inc

# The GS1 benchmark is self-contained (no bench/bench.h needed).
$(B)/bench/bench_gs1: bench/bench_gs1.c $(B)/libtrace.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -O2 -o $@ $< $(B)/libtrace.a $(DEP_LIBS) -lpthread

$(B)/cli/code_gs1.o $(B)/cli/code_gs1_out.o: cli/code_gs1.h
