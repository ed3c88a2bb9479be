# Options before the command (tracectl [--lang en|zh] [--json] [-q] COMMAND)
# apply to the command as if given after it.
case=global-lang
run --lang zh check gs1 4006381333932
expect_status 1
expect_err_contains "@12: TR-CHK-0001: error: 校验字符为 2，应为 1（gs1）"
run --lang=zh check gs1 4006381333932
expect_err_contains "校验字符为 2"

case=global-json
run --json check gs1 4006381333931
expect_status 0
expect_out '{"alg":"gs1","input":"4006381333931","valid":true}'

case=global-quiet
run -q version
expect_out "0.1.0"
run -q --version
expect_status 0
expect_out "0.1.0"

case=global-bad-lang
run --lang fr check gs1 1
expect_status 2
expect_err_contains "--lang takes en or zh, not 'fr'"

case=global-no-command
run --lang zh
expect_status 2
expect_err_contains "usage: tracectl COMMAND"
