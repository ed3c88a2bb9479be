# GS1 additions through the CLI: EPC URNs without a GS1 key (gid, usdod, bic,
# imovn), composite data with '|', zero-suppressed GTINs in Digital Link.

case=gs1m2-gid-epc
run code epc 'urn:epc:id:gid:95100000.12345.400'
expect_status 0
expect_out "urn:epc:id:gid:95100000.12345.400"
expect_err_contains "@11: TR-GS1-0043: info: EPC URN: gid is not a GS1 key; it has no GS1 element string or Digital Link equivalent"

case=gs1m2-gid-dl
run code dl 'urn:epc:id:gid:95100000.12345.400'
expect_status 1
expect_out ""
expect_err_contains "TR-GS1-0043: info: EPC URN: gid is not a GS1 key"
expect_err_contains "cannot be written in this form"

case=gs1m2-gid-dl-zh
run code dl --lang zh 'urn:epc:id:gid:95100000.12345.400'
expect_status 1
expect_err_contains "EPC URN：gid 不是 GS1 标识代码，没有对应的 GS1 元素串或数字链接"

case=gs1m2-gid-range
run code epc 'urn:epc:id:gid:1.16777216.1'
expect_status 1
expect_err_contains "@17: TR-GS1-0044: error: EPC URN: object class 16777216 exceeds the maximum 16777215"

case=gs1m2-bic-check
run code epc 'urn:epc:id:bic:CSQU3054384'
expect_status 1
expect_err_contains "@25: TR-GS1-0045: error: EPC URN: the check digit of bic CSQU3054384 is wrong (expected 3)"

case=gs1m2-check-detect
run code check 'urn:epc:id:imovn:9176187'
expect_status 0
expect_out_contains "epc"

case=gs1m2-composite-hri
run code hri '(01)09521234543213|(10)ABC123'
expect_status 0
expect_out "(01) 09521234543213
(10) ABC123"

case=gs1m2-composite-dl
run code dl '^0109521234543213|^10ABC123'
expect_status 0
expect_out "https://id.gs1.org/01/09521234543213/10/ABC123"

case=gs1m2-composite-scan
run code scan --sym 128 --caret '(01)09521234543213(10)AB|(21)X1'
expect_status 0
expect_out "]C1010952123454321310AB^21X1"

case=gs1m2-composite-bar-in-value
run code hri '(01)09521234543213(10)A|B'
expect_status 1
expect_out ""
expect_err_contains "@23: TR-GS1-0046: error: composite separator '|': must be followed by '(' and an AI; it is not a value character"

case=gs1m2-composite-json-cc
run code hri --json ']E09521234543213|]e010ABC'
expect_status 0
expect_out_contains '"value":"ABC","offset":22,"length":3,"cc":true'

case=gs1m2-composite-label
run code label '(01)09521234543213|(10)ABC' '(01)09521234543213(10)ABD'
expect_status 1
expect_out "invalid"
expect_err_contains "TR-GS1-0041"

case=gs1m2-dl-gtin8
run code dl 'https://id.gs1.org/01/95212340/10/AB'
expect_status 0
expect_out "https://id.gs1.org/01/00000095212340/10/AB"
expect_err_contains "@22: TR-GS1-0047: warning: Digital Link: AI (01) value 95212340 (GTIN-8) was padded with leading zeros to 00000095212340"

case=gs1m2-dl-gtin13-hri
run code hri -q 'https://id.gs1.org/01/9521234543213'
expect_status 0
expect_out "(01) 09521234543213"
[ -z "$err" ] && ok || bad "-q printed diagnostics"

case=gs1m2-dl-gtin11
run code dl 'https://id.gs1.org/01/95212345432'
expect_status 1
expect_err_contains "TR-GS1-0005"
