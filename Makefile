# libtrace - plain GNU make build. See README.md.
#   make            library (shared + static) and tracectl
#   make check      unit tests, CLI tests, conformance vectors, examples, ABI fence
#   make demo       run tracectl on the bundled example data
#   make asan | valgrind | fuzz | bench | format | format-check | lint
#   make install | uninstall | installcheck | man-errors | deps
# Modules may add rules in mk/*.mk (generated sources, extra checks).

# `make` alone builds `all`, whatever rules the mk/*.mk fragments define first.
.DEFAULT_GOAL := all

PREFIX ?= /usr/local
prefix ?= $(PREFIX)
exec_prefix ?= $(prefix)
bindir ?= $(exec_prefix)/bin
LIBDIR ?= $(exec_prefix)/lib
libdir ?= $(LIBDIR)
includedir ?= $(prefix)/include
datadir ?= $(prefix)/share
mandir ?= $(datadir)/man
pkgconfigdir ?= $(libdir)/pkgconfig
DESTDIR ?=

CC ?= cc
PKG_CONFIG ?= pkg-config
CFLAGS ?= -O2 -g
CPPFLAGS ?=
LDFLAGS ?=
B ?= build
WERROR ?= 0

VERSION := $(shell sed -n 's/^\#define TRACE_VERSION_STRING "\(.*\)"/\1/p' include/libtrace/version.h)
ABI := $(shell sed -n 's/^\#define TRACE_ABI_VERSION \([0-9]*\)/\1/p' include/libtrace/version.h)
SONAME := libtrace.so.$(ABI)
SOFILE := libtrace.so.$(VERSION)

DEPS := libxml-2.0 jansson zlib libsodium
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS) 2>/dev/null)
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null) -lm
CMOCKA_CFLAGS := $(shell $(PKG_CONFIG) --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes -Wformat=2 \
        -Wmissing-prototypes -Wold-style-definition -Wpointer-arith -Wundef -Wvla \
        -Wwrite-strings -Wimplicit-fallthrough -Wno-sign-conversion
ifeq ($(WERROR),1)
WARN += -Werror
endif
FEATURES := xml jsonld jsonl csv gzip sign
TRACE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib -I$(B)/gen \
        -DTRACE_BUILDING -D'TRACE__FEATURES="$(FEATURES)"' -D'TRACE_DATADIR="$(datadir)/libtrace"' \
        $(WARN) $(DEP_CFLAGS)
ALL_CFLAGS = $(TRACE_CFLAGS) $(CPPFLAGS) $(CFLAGS)

LIB_SRCS := $(sort $(wildcard lib/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
LIB_HDRS := $(wildcard include/libtrace/*.h lib/*.h)
GEN_HDRS := $(B)/gen/diag_ids.h $(B)/gen/catalogue.inc $(B)/gen/schemes.inc \
            $(B)/gen/cli_cmds.inc $(B)/gen/code_cmds.inc
LIB_PIC_OBJS := $(patsubst lib/%.c,$(B)/pic/%.o,$(LIB_SRCS))
LIB_OBJS := $(patsubst lib/%.c,$(B)/static/%.o,$(LIB_SRCS))
CLI_OBJS := $(patsubst cli/%.c,$(B)/cli/%.o,$(CLI_SRCS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(B)/tests/%,$(UNIT_SRCS))
EXAMPLE_SRCS := $(sort $(wildcard examples/*.c))
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
BENCH_SRCS := $(sort $(wildcard bench/bench_*.c))
BENCH_BINS := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRCS))

# Extra generated headers/sources that modules declare in mk/*.mk.
EXTRA_GEN :=
-include $(sort $(wildcard mk/*.mk))

.PHONY: all lib cli check check-all check-unit check-cli check-conform check-examples \
        check-abi check-headers check-docs installcheck demo deps asan valgrind fuzz fuzz-lib \
        fuzz-run fuzz-replay coverage bench format format-check format-check-all lint man-errors \
        install uninstall clean FORCE

all: lib cli

lib: $(B)/$(SOFILE) $(B)/libtrace.a
cli: $(B)/tracectl

# ---- generated tables (single source of truth in spec/ and in the sources) ----
# One awk run writes both files: a grouped target (&:), so make -j runs it once.
ERROR_TSVS = spec/errors/areas.tsv $(filter-out spec/errors/areas.tsv,$(sort $(wildcard spec/errors/*.tsv)))
$(B)/gen/diag_ids.h $(B)/gen/catalogue.inc &: $(ERROR_TSVS) tools/gen-errors.awk
	@mkdir -p $(B)/gen
	awk -v out_h=$(B)/gen/diag_ids.h.tmp -v out_c=$(B)/gen/catalogue.inc.tmp \
	    -f tools/gen-errors.awk $(ERROR_TSVS)
	mv $(B)/gen/diag_ids.h.tmp $(B)/gen/diag_ids.h
	mv $(B)/gen/catalogue.inc.tmp $(B)/gen/catalogue.inc

# Touch a generated file only when its content changed, so edits elsewhere in a
# source file do not rebuild everything that includes the registry.
MOVE_IF_CHANGED = if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
# Registries: grep the definition macros so adding a scheme or command edits no shared file.
$(B)/gen/schemes.inc: $(LIB_SRCS)
	@mkdir -p $(B)/gen
	@grep -ho '^TRACE__SCHEME_DEFINE([a-z0-9_]*)' $(LIB_SRCS) /dev/null | sed 's/TRACE__SCHEME_DEFINE(\(.*\))/X(\1)/' | sort -u > $@.tmp; $(MOVE_IF_CHANGED)
$(B)/gen/cli_cmds.inc: $(CLI_SRCS)
	@mkdir -p $(B)/gen
	@grep -ho '^CLI_COMMAND([a-z0-9_]*)' $(CLI_SRCS) /dev/null | sed 's/CLI_COMMAND(\(.*\))/X(\1)/' | sort -u > $@.tmp; $(MOVE_IF_CHANGED)
$(B)/gen/code_cmds.inc: $(CLI_SRCS)
	@mkdir -p $(B)/gen
	@grep -ho '^CLI_CODE_COMMAND([a-z0-9_]*)' $(CLI_SRCS) /dev/null | sed 's/CLI_CODE_COMMAND(\(.*\))/X(\1)/' | sort -u > $@.tmp; $(MOVE_IF_CHANGED)

# ---- library ----
$(B)/pic/%.o: lib/%.c $(LIB_HDRS) $(GEN_HDRS) $(EXTRA_GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fPIC -fvisibility=hidden -c $< -o $@
$(B)/static/%.o: lib/%.c $(LIB_HDRS) $(GEN_HDRS) $(EXTRA_GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fvisibility=hidden -c $< -o $@

$(B)/$(SOFILE): $(LIB_PIC_OBJS) lib/libtrace.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=lib/libtrace.map \
	    -Wl,--no-undefined $(CFLAGS) $(LDFLAGS) -o $@ $(LIB_PIC_OBJS) $(DEP_LIBS)
	ln -sf $(SOFILE) $(B)/$(SONAME)
	ln -sf $(SONAME) $(B)/libtrace.so

$(B)/libtrace.a: $(LIB_OBJS)
	rm -f $@
	ar rcs $@ $(LIB_OBJS)

# ---- tracectl (linked statically against libtrace: one self-contained tool) ----
$(B)/cli/%.o: cli/%.c $(wildcard cli/*.h) $(LIB_HDRS) $(GEN_HDRS) $(EXTRA_GEN)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icli -c $< -o $@
# TRACE_DATADIR is compiled into tracectl (where `tracectl conform` finds the
# installed vectors): a stamp that changes with $(datadir) rebuilds what uses it,
# so `make install PREFIX=/opt/x` never installs a tool pointing elsewhere.
$(B)/gen/datadir.stamp: FORCE
	@mkdir -p $(B)/gen
	@echo '$(datadir)/libtrace' > $@.tmp; $(MOVE_IF_CHANGED)
$(B)/cli/cmd_conform.o: $(B)/gen/datadir.stamp
FORCE:
$(B)/tracectl: $(CLI_OBJS) $(B)/libtrace.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libtrace.a $(DEP_LIBS) -lpthread

# ---- generated manual page: the error catalogue (one source: spec/errors) ----
MAN_DATE := 2026-11-25
$(B)/gen/libtrace-errors.7: $(ERROR_TSVS) tools/gen-errors-man.awk $(B)/gen/diag_ids.h
	awk -v version=$(VERSION) -v date=$(MAN_DATE) -f tools/gen-errors-man.awk \
	    $(ERROR_TSVS) > $@.tmp
	mv $@.tmp $@
# Refresh the committed copy after editing spec/errors/*.tsv (check-docs compares).
man-errors: $(B)/gen/libtrace-errors.7
	cp $(B)/gen/libtrace-errors.7 man/libtrace-errors.7

# ---- tests ----
# Unit tests see cli/ too: test_progress.c compiles the CLI progress helper in.
$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(wildcard tests/unit/*.h) $(B)/libtrace.a $(GEN_HDRS) $(wildcard cli/*.h cli/progress.c)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $(CMOCKA_CFLAGS) -Itests/unit -Icli -o $@ $< \
	    $(B)/libtrace.a $(DEP_LIBS) $(CMOCKA_LIBS) -lpthread

check: deps
	$(MAKE) check-all

check-all: all $(BENCH_BINS) check-unit check-cli check-conform check-examples check-abi check-headers \
           check-docs fuzz-replay
	@echo "make check: all passed"

check-unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
	    TRACE_SRCDIR=$(CURDIR) $(UNIT_WRAPPER) $$t || fail=1; done; exit $$fail

check-cli: $(B)/tracectl
	TRACECTL=$(CURDIR)/$(B)/tracectl sh tests/cli/run.sh

check-conform: $(B)/tracectl
	$(B)/tracectl conform testvectors

# Every example compiles against the *installed* tree through pkg-config and runs,
# linked both shared and static; the staged tree then uninstalls to nothing.
check-examples: all $(B)/gen/libtrace-errors.7
	sh tests/install/check-examples.sh "$(MAKE)" "$(B)"
installcheck: check-examples

check-abi: $(B)/$(SOFILE)
	sh tests/abi/check-exports.sh $(B)/$(SOFILE)

check-headers:
	@for h in include/libtrace/*.h; do \
	    printf '#include "%s"\nint main(void) { return 0; }\n' "$$h" | \
	    $(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -x c -o /dev/null - || exit 1; done
	@if command -v c++ >/dev/null; then printf '#include "libtrace/trace.h"\nint main() { return 0; }\n' | \
	    c++ -Wall -Werror -Iinclude -x c++ -o /dev/null -; fi
	@echo "headers: each compiles alone (C99 -pedantic) and from C++"

# Documentation in sync with the code: symbols, commands, options, catalogue, README.
check-docs: $(B)/$(SOFILE) $(B)/tracectl $(B)/gen/libtrace-errors.7
	sh tests/docs/check-docs.sh $(B)

# Fuzz corpora replayed through a plain driver (no clang needed) on every check.
FUZZ_REPLAY_BINS := $(patsubst tests/fuzz/%.c,$(B)/fuzz-replay/%,$(FUZZ_SRCS))
$(B)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/driver.c $(B)/libtrace.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< tests/fuzz/driver.c $(B)/libtrace.a $(DEP_LIBS) -lpthread
fuzz-replay: $(FUZZ_REPLAY_BINS)
	@for t in $(FUZZ_REPLAY_BINS); do n=$$(basename $$t); \
	    $(UNIT_WRAPPER) $$t tests/fuzz/corpus/$${n#fuzz_} || exit 1; done

# ---- sanitizers, valgrind, fuzzing ----
# Each variant builds everything in its own directory, so they never mix objects.
# clang when its sanitizer runtime is installed (Debian: libclang-rt-14-dev, only
# a recommendation of clang), else gcc, whose runtimes come with it.
SAN_CC ?= $(shell f=$$(clang -print-file-name=libclang_rt.asan-x86_64.a 2>/dev/null) && \
            [ -f "$$f" ] && echo clang || echo gcc)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan: deps
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) B=build/asan CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
	    check-unit check-cli check-conform fuzz-replay

valgrind: deps
	@EXTRA_DEPS=valgrind sh .ci/deps.sh
	$(MAKE) B=build/valgrind CFLAGS="-O1 -g" \
	    UNIT_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
	    check-unit fuzz-replay

# Line coverage of lib/ by the unit, CLI, conformance and corpus tests (gcov).
coverage: deps
	rm -rf build/cov
	$(MAKE) B=build/cov CFLAGS="-O0 -g --coverage" LDFLAGS="--coverage" \
	    check-unit check-cli check-conform fuzz-replay >/dev/null
	@cd build/cov/static && for f in $(notdir $(LIB_SRCS)); do \
	    gcov -n -o . ../../../lib/$$f 2>/dev/null | awk -v f=lib/$$f \
	      '/^File .*lib\// {on = 1} on && /^Lines executed/ {sub(/.*:/, "", $$2); print "coverage: " f ": " $$2 " of " $$4 " lines"; on = 0}'; \
	done

# libFuzzer: the library is rebuilt with clang and coverage instrumentation in
# build/fuzz-lib (a recursive make, so its objects track the sources), then each
# target links against it and runs FUZZ_SECONDS over its committed corpus.
FUZZ_SECONDS ?= 10
FUZZ_CC ?= clang
FUZZ_LIB := build/fuzz-lib/libtrace.a
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_LIB_FLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
fuzz-lib:
	$(MAKE) B=build/fuzz-lib CC=$(FUZZ_CC) CFLAGS="$(FUZZ_LIB_FLAGS)" $(FUZZ_LIB)
build/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB)
	@mkdir -p build/fuzz
	$(FUZZ_CC) $(TRACE_CFLAGS:$(B)/gen=build/fuzz-lib/gen) -Ibuild/fuzz-lib/gen $(FUZZ_FLAGS) \
	    -Wno-missing-prototypes -o $@ $< $(FUZZ_LIB) $(DEP_LIBS) -lpthread
fuzz: deps
	@EXTRA_DEPS="clang libclang-rt-14-dev" sh .ci/deps.sh
	$(MAKE) fuzz-lib
	$(MAKE) fuzz-run
fuzz-run: $(FUZZ_BINS)
	@for t in $(FUZZ_BINS); do n=$$(basename $$t); c=tests/fuzz/corpus/$${n#fuzz_}; \
	    mkdir -p build/fuzz/work-$$n; echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	    $$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
	        build/fuzz/work-$$n $$c >build/fuzz/$$n.log 2>&1 \
	      || { tail -50 build/fuzz/$$n.log; exit 1; }; \
	    grep -E '^(Done|stat::number_of_executed_units)' build/fuzz/$$n.log | tr '\n' ' '; echo; done

# ---- benchmarks (built by check, so they never rot; run by make bench) ----
$(B)/bench/%: bench/%.c bench/bench.h $(B)/libtrace.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -O2 -Ibench -o $@ $< $(B)/libtrace.a $(DEP_LIBS) -lpthread
bench: all $(BENCH_BINS)
	@for t in $(BENCH_BINS); do TRACE_SRCDIR=$(CURDIR) $$t || exit 1; done

# ---- demo ----
demo: deps
	$(MAKE) all
	@for s in $(sort $(wildcard examples/demo.d/*.sh)); do \
	    TRACECTL=$(CURDIR)/$(B)/tracectl sh $$s || exit 1; done

# ---- dependencies (Debian) ----
deps:
	@sh .ci/deps.sh

# ---- formatting and lint ----
# format/format-check cover the foundation's own files (other modules format
# theirs and add them here when they are ready); format-check-all is advisory.
FORMAT_FILES := lib/check.c lib/conform.c lib/ctx.c lib/util.c lib/version.c \
    cli/cmd_check.c cli/cmd_conform.c cli/cmd_explain.c cli/cmd_version.c cli/cmd_code.c \
    cli/progress.c cli/progress.h tests/unit/test_check.c tests/unit/test_ctx.c \
    tests/unit/test_error.c tests/unit/test_conform.c tests/unit/test_progress.c \
    tests/unit/test_util.c tests/unit/test_check_ref.c \
    tests/fuzz/driver.c tests/fuzz/fuzz_check.c tests/fuzz/fuzz_conform.c \
    bench/bench.h bench/bench_check.c \
    examples/check_digits.c
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	@EXTRA_DEPS=clang-format sh .ci/deps.sh
	clang-format --dry-run -Werror $(FORMAT_FILES)
	@echo "format-check: $(words $(FORMAT_FILES)) files clean"
format-check-all:
	@clang-format --dry-run $(wildcard lib/*.[ch] cli/*.[ch] include/libtrace/*.h) 2>&1 | \
	    grep -o '^[^:]*:[0-9]*:[0-9]*: warning' | cut -d: -f1 | sort | uniq -c || true

# Banned functions (unbounded copies, silent number parsing, static state), in
# the code that ships, that users copy (examples, benches) or that meets
# hostile input (fuzz harnesses). Unit tests may use them on fixed data.
empty :=
space := $(empty) $(empty)
LINT_BANNED := strcpy strcat sprintf vsprintf gets atoi atol atof strtok tmpnam
LINT_FILES = $(wildcard lib/*.[ch] cli/*.[ch] include/libtrace/*.h examples/*.c bench/*.[ch] tests/fuzz/*.c)
lint:
	@bad=$$(grep -nE '(^|[^[:alnum:]_])($(subst $(space),|,$(strip $(LINT_BANNED))))[[:space:]]*\(' $(LINT_FILES) \
	    | grep -vE '^[^:]*:[0-9]+:[[:space:]]*(/?\*|//)' ); \
	if [ -n "$$bad" ]; then echo "lint: banned functions ($(LINT_BANNED)):"; \
	    echo "$$bad"; exit 1; fi; \
	echo "lint: $(words $(LINT_FILES)) files, no banned function calls"
	@wc -l $(wildcard lib/*.[ch] cli/*.[ch]) | awk '$$2 != "total" && $$1 > 800 \
	    { print "lint: note: " $$2 " has " $$1 " lines (aim for at most 800: split by sub-concern)" }'

# ---- install ----
# Man pages: every man/*.[1357] except the generated catalogue page, which is
# installed fresh from build/gen. Section 3 pages get one symbolic link per
# function named in their NAME line, so `man trace_check_verify` works (links,
# not .so stubs, so `man -l` on them works too).
MANPAGES := $(filter-out man/libtrace-errors.7,$(wildcard man/*.[1357]))
docdir ?= $(datadir)/doc/libtrace
DOCS := $(wildcard README.md CHANGES.md SECURITY.md LICENSE docs/*.md)
install: all libtrace.pc.in $(B)/gen/libtrace-errors.7
	install -d $(DESTDIR)$(libdir) $(DESTDIR)$(includedir)/libtrace $(DESTDIR)$(bindir) \
	    $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(datadir)/libtrace $(DESTDIR)$(docdir)
	install -m 644 $(B)/libtrace.a $(DESTDIR)$(libdir)/libtrace.a
	install -m 755 $(B)/$(SOFILE) $(DESTDIR)$(libdir)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libtrace.so
	install -m 644 include/libtrace/*.h $(DESTDIR)$(includedir)/libtrace/
	install -m 755 $(B)/tracectl $(DESTDIR)$(bindir)/tracectl
	sed -e 's|@prefix@|$(prefix)|' -e 's|@libdir@|$(libdir)|' -e 's|@includedir@|$(includedir)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@DEPS@|$(DEPS)|' libtrace.pc.in > $(DESTDIR)$(pkgconfigdir)/libtrace.pc
	for m in $(MANPAGES) $(B)/gen/libtrace-errors.7; do s=$${m##*.}; install -d $(DESTDIR)$(mandir)/man$$s; \
	    install -m 644 $$m $(DESTDIR)$(mandir)/man$$s/; done
	sh tools/man-links.sh $(filter %.3,$(MANPAGES)) | while read fn page; do \
	    ln -sf $$page.3 $(DESTDIR)$(mandir)/man3/$$fn.3; done
	for d in $(DOCS); do install -m 644 $$d $(DESTDIR)$(docdir)/; done
	rm -rf $(DESTDIR)$(datadir)/libtrace/testvectors $(DESTDIR)$(datadir)/libtrace/spec
	cp -R testvectors $(DESTDIR)$(datadir)/libtrace/
	cp -R spec $(DESTDIR)$(datadir)/libtrace/

uninstall:
	rm -f $(DESTDIR)$(libdir)/libtrace.a $(DESTDIR)$(libdir)/$(SOFILE) \
	    $(DESTDIR)$(libdir)/$(SONAME) $(DESTDIR)$(libdir)/libtrace.so \
	    $(DESTDIR)$(bindir)/tracectl $(DESTDIR)$(pkgconfigdir)/libtrace.pc
	rm -rf $(DESTDIR)$(includedir)/libtrace $(DESTDIR)$(datadir)/libtrace $(DESTDIR)$(docdir)
	for m in $(MANPAGES) man/libtrace-errors.7; do s=$${m##*.}; rm -f $(DESTDIR)$(mandir)/man$$s/$${m##*/}; done
	sh tools/man-links.sh $(filter %.3,$(MANPAGES)) | while read fn page; do \
	    rm -f $(DESTDIR)$(mandir)/man3/$$fn.3; done

clean:
	rm -rf build
