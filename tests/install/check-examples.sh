#!/bin/sh
# Install into a staging tree, then, as a user would:
#   - build and run every examples/*.c with only that tree's
#     `pkg-config --cflags --libs libtrace` (shared), and again linked
#     statically against libtrace.a (`pkg-config --static`);
#   - run the installed tracectl on the installed conformance vectors;
#   - check the man pages (mandoc lint) and the per-function .so links;
#   - uninstall, and check that nothing is left behind.
set -e
MAKE=${1:-make}; B=${2:-build}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
$MAKE -s install DESTDIR="$stage" PREFIX=/usr/local B="$B" >/dev/null
root="$stage/usr/local"
export PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_PATH="$root/lib/pkgconfig"
cflags=$(pkg-config --cflags libtrace)
libs=$(pkg-config --libs libtrace)
# Static: libtrace.a by name, then its dependencies from Requires.private.
static_libs="$root/lib/libtrace.a $(pkg-config --static --libs libtrace | sed 's/-ltrace//')"
n=0
for src in examples/*.c; do
    [ -f "$src" ] || continue
    name=$(basename "$src" .c)
    for kind in shared static; do
        exe="$stage/$name-$kind"
        if [ $kind = shared ]; then
            ${CC:-cc} -std=c99 -Wall -Wextra -Werror $cflags -o "$exe" "$src" $libs
        else
            ${CC:-cc} -std=c99 -Wall -Wextra -Werror -DTRACE_STATIC $cflags -o "$exe" "$src" \
                $static_libs
            if readelf -d "$exe" 2>/dev/null | grep -q 'libtrace\.so'; then
                echo "check-examples: $exe links libtrace.so, expected static" >&2; exit 1; fi
        fi
        ( cd examples && LD_LIBRARY_PATH="$root/lib" "$exe" ) >"$exe.out" || {
            echo "check-examples: $src ($kind) failed:" >&2; cat "$exe.out" >&2; exit 1; }
        if [ -f "examples/$name.expected" ]; then
            diff -u "examples/$name.expected" "$exe.out" || exit 1
        fi
    done
    n=$((n + 1))
done
# The installed tool runs the installed vectors, from anywhere.
( cd "$stage" && "$root/bin/tracectl" conform "$root/share/libtrace/testvectors" ) \
    >"$stage/conform.out" || { cat "$stage/conform.out" >&2; exit 1; }
tail -1 "$stage/conform.out" | grep -q ' passed, 0 failed' || { cat "$stage/conform.out" >&2; exit 1; }
# Man pages lint clean (mandoc) and render with `man -l` without warnings;
# every function link resolves.
for m in "$root"/share/man/man*/*; do
    if [ -L "$m" ]; then
        [ -f "$m" ] || { echo "check-examples: $m is a dangling link" >&2; exit 1; }
        continue
    fi
    if command -v mandoc >/dev/null 2>&1; then mandoc -T lint -W warning "$m" >/dev/null || {
        echo "check-examples: man page $m has lint warnings" >&2; mandoc -T lint -W warning "$m"; exit 1; }; fi
    if command -v man >/dev/null 2>&1; then
        warn=$(MANWIDTH=80 man -l "$m" 2>&1 >/dev/null)
        [ -z "$warn" ] || { echo "check-examples: man -l $m: $warn" >&2; exit 1; }
    fi
done
[ -f "$root/share/man/man3/trace_check_verify.3" ] || {
    echo "check-examples: no man page link for trace_check_verify" >&2; exit 1; }
[ -f "$root/share/man/man7/libtrace-errors.7" ] || {
    echo "check-examples: libtrace-errors.7 not installed" >&2; exit 1; }
[ -f "$root/bin/tracectl" ] && [ -f "$root/include/libtrace/trace.h" ]
# Uninstall leaves only empty directories.
$MAKE -s uninstall DESTDIR="$stage" PREFIX=/usr/local B="$B" >/dev/null
left=$(cd "$stage" && find usr \( -type f -o -type l \) | head -5)
if [ -n "$left" ]; then echo "check-examples: uninstall left files behind:" >&2; echo "$left" >&2; exit 1; fi
echo "check-examples: $n example(s) built shared and static with pkg-config against the staged install and ran; installed tracectl passed the installed vectors; uninstall is clean"
