# libtrace - plain GNU make build. See README.md.
#   make            library (shared + static) and tracectl
#   make check      unit tests, CLI tests, conformance vectors, examples, ABI fence
#   make demo       run tracectl on the bundled example data
#   make asan | valgrind | fuzz | bench | format | install | uninstall | deps
# Modules may add rules in mk/*.mk (generated sources, extra checks).

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
DEP_LIBS := $(shell $(PKG_CONFIG) --libs $(DEPS) 2>/dev/null)
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

# Extra generated headers/sources that modules declare in mk/*.mk.
EXTRA_GEN :=
-include $(sort $(wildcard mk/*.mk))

.PHONY: all lib cli check check-unit check-cli check-conform check-examples check-abi \
        check-headers demo deps asan valgrind fuzz fuzz-replay bench format format-check \
        install uninstall clean

all: lib cli

lib: $(B)/$(SOFILE) $(B)/libtrace.a
cli: $(B)/tracectl

# ---- generated tables (single source of truth in spec/ and in the sources) ----
$(B)/gen/diag_ids.h $(B)/gen/catalogue.inc: spec/errors/*.tsv tools/gen-errors.awk
	@mkdir -p $(B)/gen
	awk -v out_h=$(B)/gen/diag_ids.h.tmp -v out_c=$(B)/gen/catalogue.inc.tmp \
	    -f tools/gen-errors.awk spec/errors/areas.tsv $(filter-out spec/errors/areas.tsv,$(sort $(wildcard spec/errors/*.tsv)))
	mv $(B)/gen/diag_ids.h.tmp $(B)/gen/diag_ids.h
	mv $(B)/gen/catalogue.inc.tmp $(B)/gen/catalogue.inc

# Registries: grep the definition macros so adding a scheme or command edits no shared file.
$(B)/gen/schemes.inc: $(LIB_SRCS)
	@mkdir -p $(B)/gen
	grep -ho '^TRACE__SCHEME_DEFINE([a-z0-9_]*)' $(LIB_SRCS) /dev/null | sed 's/TRACE__SCHEME_DEFINE(\(.*\))/X(\1)/' | sort -u > $@.tmp; mv $@.tmp $@
$(B)/gen/cli_cmds.inc: $(CLI_SRCS)
	@mkdir -p $(B)/gen
	grep -ho '^CLI_COMMAND([a-z0-9_]*)' $(CLI_SRCS) /dev/null | sed 's/CLI_COMMAND(\(.*\))/X(\1)/' | sort -u > $@.tmp; mv $@.tmp $@
$(B)/gen/code_cmds.inc: $(CLI_SRCS)
	@mkdir -p $(B)/gen
	grep -ho '^CLI_CODE_COMMAND([a-z0-9_]*)' $(CLI_SRCS) /dev/null | sed 's/CLI_CODE_COMMAND(\(.*\))/X(\1)/' | sort -u > $@.tmp; mv $@.tmp $@

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
$(B)/cli/%.o: cli/%.c cli/cli.h $(LIB_HDRS) $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Icli -c $< -o $@
$(B)/tracectl: $(CLI_OBJS) $(B)/libtrace.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJS) $(B)/libtrace.a $(DEP_LIBS) -lpthread

# ---- tests ----
$(B)/tests/%: tests/unit/%.c tests/unit/unit.h $(B)/libtrace.a $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes $(CMOCKA_CFLAGS) -Itests/unit -o $@ $< \
	    $(B)/libtrace.a $(DEP_LIBS) $(CMOCKA_LIBS) -lpthread

check: deps
	$(MAKE) check-all

check-all: all check-unit check-cli check-conform check-examples check-abi check-headers fuzz-replay
	@echo "make check: all passed"

check-unit: $(UNIT_BINS)
	@fail=0; for t in $(UNIT_BINS); do \
	    TRACE_SRCDIR=$(CURDIR) $(UNIT_WRAPPER) $$t || fail=1; done; exit $$fail

check-cli: $(B)/tracectl
	TRACECTL=$(CURDIR)/$(B)/tracectl sh tests/cli/run.sh

check-conform: $(B)/tracectl
	$(B)/tracectl conform testvectors

# Every example compiles against the *installed* tree through pkg-config and runs.
check-examples: all
	sh tests/install/check-examples.sh "$(MAKE)" "$(B)"

check-abi: $(B)/$(SOFILE)
	sh tests/abi/check-exports.sh $(B)/$(SOFILE)

check-headers:
	@for h in include/libtrace/*.h; do \
	    printf '#include "%s"\nint main(void) { return 0; }\n' "$$h" | \
	    $(CC) -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude -x c -o /dev/null - || exit 1; done
	@if command -v c++ >/dev/null; then printf '#include "libtrace/trace.h"\nint main() { return 0; }\n' | \
	    c++ -Wall -Werror -Iinclude -x c++ -o /dev/null -; fi
	@echo "headers: each compiles alone (C99 -pedantic) and from C++"

# Fuzz corpora replayed through a plain driver (no clang needed) on every check.
FUZZ_REPLAY_BINS := $(patsubst tests/fuzz/%.c,$(B)/fuzz-replay/%,$(FUZZ_SRCS))
$(B)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/driver.c $(B)/libtrace.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< tests/fuzz/driver.c $(B)/libtrace.a $(DEP_LIBS) -lpthread
fuzz-replay: $(FUZZ_REPLAY_BINS)
	@for t in $(FUZZ_REPLAY_BINS); do n=$$(basename $$t); \
	    $(UNIT_WRAPPER) $$t tests/fuzz/corpus/$${n#fuzz_} || exit 1; done

# ---- sanitizers, valgrind, fuzzing ----
SAN_CC ?= $(shell command -v clang >/dev/null 2>&1 && echo clang || echo gcc)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan: deps
	$(MAKE) B=build/asan CC=$(SAN_CC) CFLAGS="$(SAN_FLAGS)" LDFLAGS="$(SAN_FLAGS)" \
	    ASAN_OPTIONS=detect_leaks=1 check-unit check-cli check-conform fuzz-replay

valgrind: deps
	$(MAKE) B=build/valgrind CFLAGS="-O1 -g" \
	    UNIT_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect" \
	    check-unit fuzz-replay

FUZZ_SECONDS ?= 10
FUZZ_BINS := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(FUZZ_SRCS))
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
build/fuzz/%: tests/fuzz/%.c
	$(MAKE) B=build/fuzz-lib CC=clang CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" build/fuzz-lib/libtrace.a
	@mkdir -p build/fuzz
	clang -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Iinclude -Ilib -Ibuild/fuzz-lib/gen $(DEP_CFLAGS) $(FUZZ_FLAGS) -Wno-missing-prototypes -o $@ $< build/fuzz-lib/libtrace.a $(DEP_LIBS) -lpthread
fuzz: deps $(FUZZ_BINS)
	@for t in $(FUZZ_BINS); do n=$$(basename $$t); c=tests/fuzz/corpus/$${n#fuzz_}; \
	    mkdir -p build/fuzz/work-$$n; echo "fuzz: $$n for $(FUZZ_SECONDS)s"; \
	    $$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 build/fuzz/work-$$n $$c >build/fuzz/$$n.log 2>&1 \
	      || { tail -50 build/fuzz/$$n.log; exit 1; }; tail -1 build/fuzz/$$n.log; done

# ---- benchmarks ----
BENCH_BINS := $(patsubst bench/%.c,$(B)/bench/%,$(BENCH_SRCS))
$(B)/bench/%: bench/%.c bench/bench.h $(B)/libtrace.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -O2 -o $@ $< $(B)/libtrace.a $(DEP_LIBS) -lpthread
bench: all $(BENCH_BINS)
	@for t in $(BENCH_BINS); do $$t || exit 1; done

# ---- demo ----
demo: deps
	$(MAKE) all
	@for s in $(sort $(wildcard examples/demo.d/*.sh)); do \
	    TRACECTL=$(CURDIR)/$(B)/tracectl sh $$s || exit 1; done

# ---- dependencies (Debian) ----
deps:
	@sh .ci/deps.sh

# ---- formatting ----
FORMAT_FILES := $(wildcard lib/*.c lib/*.h include/libtrace/*.h cli/*.c cli/*.h)
format:
	clang-format -i $(FORMAT_FILES)
format-check:
	clang-format --dry-run -Werror $(FORMAT_FILES)

# ---- install ----
MANPAGES := $(wildcard man/*.[1357])
install: all libtrace.pc.in
	install -d $(DESTDIR)$(libdir) $(DESTDIR)$(includedir)/libtrace $(DESTDIR)$(bindir) \
	    $(DESTDIR)$(pkgconfigdir) $(DESTDIR)$(datadir)/libtrace
	install -m 644 $(B)/libtrace.a $(DESTDIR)$(libdir)/libtrace.a
	install -m 755 $(B)/$(SOFILE) $(DESTDIR)$(libdir)/$(SOFILE)
	ln -sf $(SOFILE) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libtrace.so
	install -m 644 include/libtrace/*.h $(DESTDIR)$(includedir)/libtrace/
	install -m 755 $(B)/tracectl $(DESTDIR)$(bindir)/tracectl
	sed -e 's|@prefix@|$(prefix)|' -e 's|@libdir@|$(libdir)|' -e 's|@includedir@|$(includedir)|' \
	    -e 's|@VERSION@|$(VERSION)|' -e 's|@DEPS@|$(DEPS)|' libtrace.pc.in > $(DESTDIR)$(pkgconfigdir)/libtrace.pc
	for m in $(MANPAGES); do s=$${m##*.}; install -d $(DESTDIR)$(mandir)/man$$s; \
	    install -m 644 $$m $(DESTDIR)$(mandir)/man$$s/; done
	cp -R testvectors $(DESTDIR)$(datadir)/libtrace/
	cp -R spec $(DESTDIR)$(datadir)/libtrace/

uninstall:
	rm -f $(DESTDIR)$(libdir)/libtrace.a $(DESTDIR)$(libdir)/$(SOFILE) \
	    $(DESTDIR)$(libdir)/$(SONAME) $(DESTDIR)$(libdir)/libtrace.so \
	    $(DESTDIR)$(bindir)/tracectl $(DESTDIR)$(pkgconfigdir)/libtrace.pc
	rm -rf $(DESTDIR)$(includedir)/libtrace $(DESTDIR)$(datadir)/libtrace
	for m in $(MANPAGES); do s=$${m##*.}; rm -f $(DESTDIR)$(mandir)/man$$s/$$(basename $$m); done

clean:
	rm -rf build
