# Core tracectl behaviour: dispatch, help, version, exit codes, check, explain.
case=no-args
run
expect_status 2
expect_err_contains "usage: tracectl COMMAND"

case=unknown-command
run frobnicate
expect_status 2
expect_err_contains "unknown command 'frobnicate'"

case=help
run --help
expect_status 0
expect_out_contains "  check      verify or compute check characters"
run help check
expect_status 0
expect_out_contains "usage: tracectl check [--compute]"
run check --help
expect_status 0
expect_out_contains "usage: tracectl check [--compute]"

case=version
run --version
expect_status 0
expect_out_contains "(libtrace 0.1.0, UTDS 1.0)"
expect_out_contains "Features: xml jsonld jsonl csv gzip sign"
run version -q
expect_out "0.1.0"

case=check-verify
run check gb32100 911101083303521997 91350100M000100Y43
expect_status 0
expect_out "911101083303521997: ok
91350100M000100Y43: ok"

case=check-invalid
run check gs1 4006381333932
expect_status 1
expect_out "4006381333932: invalid"
expect_err_contains "@12: TR-CHK-0001: error: check character is 2, expected 1 (gs1)"

case=check-invalid-zh
run check --lang zh gs1 4006381333932
expect_err_contains "TR-CHK-0001: error: 校验字符为 2，应为 1（gs1）"

case=check-json
run check --json mod11-2 11010519491231002X 110105194912310021
expect_status 1
expect_out '{"alg":"mod11-2","input":"11010519491231002X","valid":true}
{"alg":"mod11-2","input":"110105194912310021","valid":false,"expected":"X","code":"TR-CHK-0001","offset":17,"length":1}'

case=check-compute
run check --compute cas 7732-18
expect_status 0
expect_out "7732-185"
run check --compute gs1 12A
expect_status 1
expect_err_contains "TR-CHK-0002"

case=check-stdin
printf '4006381333931\n4006381333932\n' >"$TMP/in"
run_in "$TMP/in" check gs1 -
expect_status 1
expect_out "4006381333931: ok
4006381333932: invalid"

case=check-usage
run check nosuchalg 123
expect_status 2
expect_err_contains "unknown algorithm 'nosuchalg'"
run check --bogus gs1 1
expect_status 2
run check --lang fr gs1 1
expect_status 2

case=explain
run explain TR-CHK-0001
expect_status 0
expect_out_contains "TR-CHK-0001 (CHECK_MISMATCH, error)"
expect_out_contains "zh: 校验字符为 {got}，应为 {expected}（{alg}）"
run explain TR-NOPE-0001
expect_status 1
run explain --json tr-chk-0003
expect_out_contains '"code":"TR-CHK-0003","number":30003,"severity":"error"'

case=conform-missing-dir
run conform /nonexistent/dir
expect_status 3

case=conform-report
mkdir -p "$TMP/vec/part1"
cat >"$TMP/vec/part1/a.vec" <<'VEC'
=== good
args: check gs1 4006381333931
exit: 0
> 4006381333931: ok
=== bad-expectation
args: check gs1 4006381333931
exit: 0
> wrong
VEC
run conform --junit "$TMP/j.xml" --json "$TMP/r.json" "$TMP/vec"
expect_status 1
expect_out_contains "1 passed, 1 failed"
expect_out_contains "FAIL part1/bad-expectation"
grep -q '<testcase classname="part1" name="good"/>' "$TMP/j.xml" && ok || bad "junit report"
grep -q '"passed":1,"failed":1' "$TMP/r.json" && ok || bad "json report"
