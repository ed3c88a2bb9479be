#!/bin/sh
# CLI tests: run every tests/cli/t_*.sh. Each uses the helpers below to run
# tracectl ($TRACECTL) and assert the exact exit status and output.
# Ends with "N passed, N failed"; exits non-zero when any failed.
: "${TRACECTL:?set TRACECTL to the tracectl binary}"
CLI_DIR=$(cd "$(dirname "$0")" && pwd)
SRC_DIR=$(cd "$CLI_DIR/../.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
passed=0
failed=0

# run ARGS...: run tracectl, capturing $out, $err and $status.
run() {
    "$TRACECTL" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    status=$?
    out=$(cat "$TMP/out")
    err=$(cat "$TMP/err")
}
# run_in FILE ARGS...: same with FILE as standard input.
run_in() {
    f=$1; shift
    "$TRACECTL" "$@" >"$TMP/out" 2>"$TMP/err" <"$f"
    status=$?
    out=$(cat "$TMP/out")
    err=$(cat "$TMP/err")
}
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL [$case] $1" >&2
    echo "  stdout: $(head -c 600 "$TMP/out")" >&2
    echo "  stderr: $(head -c 600 "$TMP/err")" >&2
}
# expect_status N: the last run exited with N.
expect_status() { [ "$status" = "$1" ] && ok || bad "exit status $status, expected $1"; }
# expect_out TEXT: stdout is exactly TEXT (trailing newline stripped).
expect_out() { [ "$out" = "$1" ] && ok || bad "stdout differs; expected: $1"; }
# expect_out_file FILE: stdout equals FILE byte for byte.
expect_out_file() { cmp -s "$TMP/out" "$1" && ok || bad "stdout differs from $1"; }
# expect_err_contains TEXT / expect_out_contains TEXT
expect_err_contains() { case "$err" in *"$1"*) ok ;; *) bad "stderr lacks: $1" ;; esac; }
expect_out_contains() { case "$out" in *"$1"*) ok ;; *) bad "stdout lacks: $1" ;; esac; }

for t in "$CLI_DIR"/t_*.sh; do
    case=$(basename "$t" .sh)
    . "$t"
done
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
