# tracectl conform: filter, stop, machine reports on standard output,
# malformed vectors, usage errors.
mkdir -p "$TMP/cv/alpha" "$TMP/cv/beta"
cat >"$TMP/cv/alpha/a.vec" <<'VEC'
=== gs1-ok
args: check gs1 4006381333931
exit: 0
> 4006381333931: ok
=== gs1-wrong-expectation
args: check gs1 4006381333932
exit: 0
VEC
cat >"$TMP/cv/beta/b.vec" <<'VEC'
=== uscc-ok
args: check gb32100 91350100M000100Y43
exit: 0
> 91350100M000100Y43: ok
VEC

case=conform-summary-per-part
run conform "$TMP/cv"
expect_status 1
expect_out "FAIL alpha/gs1-wrong-expectation ($TMP/cv/alpha/a.vec:5): exit status 1, expected 0; stderr: @12: TR-CHK-0001: error: check character is 2, expected 1 (gs1)
alpha            1 passed, 1 failed, 0 skipped
beta             1 passed, 0 failed, 0 skipped
2 passed, 1 failed"

case=conform-filter
run conform --filter beta "$TMP/cv"
expect_status 0
expect_out "beta             1 passed, 0 failed, 0 skipped
1 passed, 0 failed"

case=conform-stop
run conform --stop "$TMP/cv"
expect_status 1
expect_out_contains "1 passed, 1 failed"

case=conform-json-stdout
run conform --filter uscc --json - "$TMP/cv"
expect_status 0
expect_out '{"passed":1,"failed":0,"skipped":0,"parts":[{"part":"beta","passed":1,"failed":0,"skipped":0}],"cases":[{"id":"uscc-ok","part":"beta","file":"'"$TMP"'/cv/beta/b.vec","line":1,"status":"passed"}]}'
expect_err_contains "1 passed, 0 failed"

case=conform-malformed
mkdir -p "$TMP/bad/p"
printf '=== x\nargs: check gs1 1\nexit: one\n' >"$TMP/bad/p/x.vec"
run conform "$TMP/bad"
expect_status 1
expect_out_contains "FAIL p/x ($TMP/bad/p/x.vec:3): exit: takes a number from 0 to 255"

case=conform-usage
run conform "$TMP/cv" "$TMP/bad"
expect_status 2
run conform --junit
expect_status 2
