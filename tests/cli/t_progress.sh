# Progress on standard error (cli/progress.c through `tracectl check -`):
# forced with --progress, never with --no-progress, and by default only on a
# terminal (the tests run with stderr redirected, so the default is off).
case=progress-forced
printf '4006381333931\n09521234543213\n' >"$TMP/codes"
run_in "$TMP/codes" check --progress gs1 -
expect_status 0
expect_out "4006381333931: ok
09521234543213: ok"
# One final redraw: 2 records, 29 of 29 bytes, ended by a newline.
case "$err" in
*"check: 2 records, 0.0/0.0 MB (100%), "*" MB/s") ok ;;
*) bad "progress line missing: $err" ;;
esac
[ "$(printf '%s' "$err" | tr -cd '\r' | wc -c)" -ge 1 ] && ok || bad "progress line not redrawn with CR"

case=progress-default-off-when-not-a-tty
run_in "$TMP/codes" check gs1 -
expect_status 0
[ -z "$err" ] && ok || bad "progress shown although stderr is not a terminal"

case=progress-never
run_in "$TMP/codes" check --progress --no-progress gs1 -
[ -z "$err" ] && ok || bad "--no-progress still drew progress"

case=progress-stdout-untouched
run_in "$TMP/codes" check --progress --json gs1 -
expect_out '{"alg":"gs1","input":"4006381333931","valid":true}
{"alg":"gs1","input":"09521234543213","valid":true}'

case=stdin-long-line-is-one-value
awk 'BEGIN { s = ""; for (i = 0; i < 5000; i++) s = s "4"; print s "2" }' >"$TMP/long"
run_in "$TMP/long" check gs1 -
expect_status 1
[ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && ok || bad "a 5001-character line was split"
