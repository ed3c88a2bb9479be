#!/bin/sh
# The shared library exports only trace_* symbols (ABI fence).
set -e
so=$1
bad=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -v '^trace_' | grep -v '^LIBTRACE_' || true)
if [ -n "$bad" ]; then
    echo "check-abi: $so exports non-trace_ symbols:" >&2
    echo "$bad" >&2
    exit 1
fi
n=$(nm -D --defined-only "$so" | awk '{print $3}' | grep -c '^trace_')
soname=$(objdump -p "$so" | awk '/SONAME/ {print $2}')
echo "check-abi: $n trace_ symbols exported, nothing else; SONAME $soname"
