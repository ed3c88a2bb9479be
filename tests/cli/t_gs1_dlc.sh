# tracectl code dl --compress / --no-optimise / --compress-params, and
# compressed Digital Link input to every GS1 command.
case=dlc-compress
run code dl --compress '(01)05412345000013(10)ABC123'
expect_status 0
expect_out "https://id.gs1.org/CwnYUc1gmo1XgkY"

case=dlc-no-optimise
run code dl --no-optimise '(01)05412345000013(10)ABC123'
expect_status 0
expect_out "https://id.gs1.org/AQnYUc1gmiCNV4JG"

case=dlc-stem
run code dl --compress --stem https://example.com/p/ '(01)05412345000013'
expect_status 0
expect_out "https://example.com/p/AQnYUc1gmg"

case=dlc-decompress
run code dl https://id.gs1.org/CwnYUc1gmo1XgkY
expect_status 0
expect_out "https://id.gs1.org/01/05412345000013/10/ABC123"

case=dlc-hri
run code hri https://id.gs1.org/CwnYUc1gmo1XgkY
expect_status 0
expect_out "(01) 05412345000013
(10) ABC123"

case=dlc-params
run code dl --compress 'https://id.gs1.org/01/05412345000013/10/ABC123?foo=bar&17=251231'
expect_status 0
expect_out "https://id.gs1.org/CwnYUc1gmo1XgkYueqvg?foo=bar"
run code dl --compress-params 'https://id.gs1.org/01/05412345000013/10/ABC123?foo=bar&17=251231'
expect_status 0
expect_out "https://id.gs1.org/CwnYUc1gmo1XgkYueqv-DfooYNtqs"

case=dlc-stdin
printf '%s\n' '(01)05412345000013' '(99)X' '(00)998440410914660971' > "$TMP/in"
run_in "$TMP/in" code dl --compress -q -
expect_status 1
expect_out "https://id.gs1.org/AQnYUc1gmg
https://id.gs1.org/AN2yxDhfaiaw"

case=dlc-invalid
run code dl https://id.gs1.org/AQnYUc1g
expect_status 1
expect_out ""
expect_err_contains "TR-GS1-0049"

case=dlc-check-json
run code check --json https://id.gs1.org/AQnYUc1gmg
expect_status 0
expect_out_contains '"elements":"(01)05412345000013","dl":"https://id.gs1.org/01/05412345000013"'

case=dlc-help
run code dl --help
expect_status 0
expect_out_contains "--compress prints the compressed Digital Link"
