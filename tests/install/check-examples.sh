#!/bin/sh
# Install into a staging tree, then build and run every examples/*.c with
# only that tree's `pkg-config --cflags --libs libtrace`, as a user would.
set -e
MAKE=${1:-make}; B=${2:-build}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
$MAKE -s install DESTDIR="$stage" PREFIX=/usr/local B="$B" >/dev/null
pc="$stage/usr/local/lib/pkgconfig"
export PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$pc"
cflags=$(pkg-config --cflags libtrace)
libs=$(pkg-config --libs libtrace)
n=0
for src in examples/*.c; do
    [ -f "$src" ] || continue
    exe="$stage/$(basename "$src" .c)"
    ${CC:-cc} -std=c99 -Wall -Wextra -Werror $cflags -o "$exe" "$src" $libs
    ( cd examples && LD_LIBRARY_PATH="$stage/usr/local/lib" "$exe" ) >"$exe.out" || {
        echo "check-examples: $src failed:" >&2; cat "$exe.out" >&2; exit 1; }
    if [ -f "examples/$(basename "$src" .c).expected" ]; then
        diff -u "examples/$(basename "$src" .c).expected" "$exe.out" || exit 1
    fi
    n=$((n + 1))
done
# Man pages render with man -l semantics (mandoc lint when available).
for m in "$stage"/usr/local/share/man/man*/*; do
    [ -f "$m" ] || continue
    if command -v mandoc >/dev/null 2>&1; then mandoc -T lint -W warning "$m" >/dev/null || {
        echo "check-examples: man page $m has lint warnings" >&2; mandoc -T lint -W warning "$m"; exit 1; }; fi
done
[ -f "$stage/usr/local/bin/tracectl" ] && [ -f "$stage/usr/local/include/libtrace/trace.h" ]
echo "check-examples: $n example(s) built with pkg-config against the staged install and ran"
