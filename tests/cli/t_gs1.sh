# GS1 subcommands: code dl|hri|scan|epc|label (exit codes, batch stdin, --json, --lang).
case=gs1-dl-basic
run code dl '(01)09521234543213(10)ABC123(17)251231(21)XYZ7'
expect_status 0
expect_out "https://id.gs1.org/01/09521234543213/10/ABC123/21/XYZ7?17=251231"

case=gs1-dl-stem
run code dl --stem https://example.com/p/ '(01)09521234543213(21)S'
expect_status 0
expect_out "https://example.com/p/01/09521234543213/21/S"

case=gs1-dl-invalid
run code dl '(01)09521234543214'
expect_status 1
expect_out ""
expect_err_contains "@17: TR-GS1-0008: error: AI (01): check digit is 4, expected 3"

case=gs1-dl-invalid-zh
run code dl --lang zh '(01)09521234543214'
expect_err_contains "TR-GS1-0008: error: 应用标识符 (01)：校验码为 4，应为 3"

case=gs1-dl-partial
run code dl --partial '(01)09521234543213(8200)http://x'
expect_status 0
expect_out "https://id.gs1.org/01/09521234543213"
expect_err_contains "left out"

case=gs1-dl-not-possible
run code dl '(01)09521234543213(8200)http://x'
expect_status 1
expect_err_contains "cannot be written in this form"

case=gs1-batch-stdin
printf '(01)09521234543213\n(01)09521234543214\n\n]E09521234543213\n' >"$TMP/in"
run_in "$TMP/in" code dl -
expect_status 1
expect_out "https://id.gs1.org/01/09521234543213
https://id.gs1.org/01/09521234543213"

case=gs1-batch-stdin-implicit
printf '(01)09521234543213\n' >"$TMP/in"
run_in "$TMP/in" code hri
expect_status 0
expect_out "(01) 09521234543213"

case=gs1-json-lines
printf '(01)09521234543213\n(10)A\n' >"$TMP/in"
run_in "$TMP/in" code hri --json -
expect_status 1
expect_out '{"input":"(01)09521234543213","valid":true,"scheme":"gs1","elements":"(01)09521234543213","dl":"https://id.gs1.org/01/09521234543213","output":"(01) 09521234543213\n","errors":[],"values":[{"ai":"01","title":"GTIN","value":"09521234543213","offset":4,"length":14}]}
{"input":"(10)A","valid":false,"scheme":"gs1","elements":null,"dl":null,"output":null,"errors":[{"code":"TR-GS1-0018","severity":"error","offset":1,"length":2,"ai":"10","message":"AI (10) requires one of: 01,02,03,8006,8026"}],"values":[{"ai":"10","title":"BATCH/LOT","value":"A","offset":4,"length":1}]}'

case=gs1-hri-titles
run code hri --titles --lang zh '(01)09521234543213(17)251231'
expect_status 0
expect_out "全球贸易项目代码 (01) 09521234543213
有效期 (17) 251231"

case=gs1-scan
run code scan --sym qr --caret '(01)09521234543213(10)L(17)251231'
expect_status 0
expect_out "]Q3010952123454321310L^17251231"

case=gs1-scan-bad-sym
run code scan --sym pdf417 '(01)09521234543213'
expect_status 2
expect_err_contains "unknown symbology 'pdf417'"

case=gs1-epc
run code epc '(01)80614141123458(21)6789' 'urn:epc:id:sscc:0614141.1234567890'
expect_status 0
expect_out "urn:epc:id:sgtin:0614141.812345.6789
urn:epc:id:sscc:0614141.1234567890"

case=gs1-epc-unknown-gcp
run code epc '(01)09521234543213(21)S'
expect_status 1
expect_err_contains "GS1 Company Prefix length is unknown (use --gcp)"
run code epc --gcp 7 '(01)09521234543213(21)S'
expect_status 0
expect_out "urn:epc:id:sgtin:9521234.054321.S"

case=gs1-epc-bad-gcp
run code epc --gcp 3 '(01)09521234543213(21)S'
expect_status 2

case=gs1-epc-to-dl
run code dl 'urn:epc:id:sgtin:0614141.812345.6789'
expect_status 0
expect_out "https://id.gs1.org/01/80614141123458/21/6789"

case=gs1-label
run code label ']C10109521234543213' ']C117251231'
expect_status 0
expect_out "(01)09521234543213(17)251231"
run code label ']C117251231'
expect_status 1
expect_out "invalid"
expect_err_contains "TR-GS1-0018"

case=gs1-help
run code dl --help
expect_status 0
expect_out_contains "usage: tracectl code dl [--stem URL]"
run code --help
expect_out_contains "code epc "

case=gs1-schemes
run code schemes
expect_out_contains "gs1-dl             GS1 Digital Link URI"
