# Chinese schemes, detection and the UTDS trace code through tracectl
# (code check, code show, code schemes, issue, keygen --issuer).

case=cn-schemes-listed
run code schemes
expect_status 0
for s in uscc org-code resident-id business-reg region drug-trace drug-code drug-approval \
    ma udi pesticide-qr pesticide-reg vet-drug-qr seed-qr ear-tag sc-licence jy-licence \
    special-equipment detonator cas un hs customs-decl iso3166 iso4217 unece-rec20 ecode \
    handle oid utds; do
    expect_out_contains "$s "
done

case=cn-check-exit
run code check 911101083303521997 SC11834020305037
expect_status 0
run code check 911101083303521997 SC11834020305038
expect_status 1
expect_out_contains "SC11834020305038: invalid sc-licence"
expect_err_contains "TR-CODE-0008: error: check character is 8, expected 7"

case=cn-check-stdin
printf '7732-18-5\n\n64-17-5\r\n' >"$TMP/in"
run_in "$TMP/in" code check --json --scheme cas -
expect_status 0
[ "$(printf '%s\n' "$out" | wc -l)" = 2 ] && ok || bad "expected 2 JSON lines"

case=cn-check-lenient
run code check --scheme uscc 911101083303521984
expect_status 1
run code check --lenient --scheme uscc 911101083303521984
expect_status 0
expect_err_contains "TR-CN-0001: warning"

case=cn-check-zh
run code check --lang zh --scheme sc-licence SC11834020305038
expect_status 1
expect_err_contains "校验字符为 8，应为 7"

case=cn-show
run code show uscc
expect_status 0
expect_out_contains "example:   911101083303521997"
expect_out_contains "uri:       urn:utds:id:uscc:911101083303521997"
run code show nope
expect_status 2

case=cn-keygen
run keygen   # no --issuer: an Ed25519 signing key, which needs -o
expect_status 2
expect_err_contains "needs -o KEYFILE"
run keygen --issuer -o "$TMP/k"
expect_status 0
[ "$(stat -c %a "$TMP/k")" = 600 ] && ok || bad "key file mode is not 600"
run keygen --issuer -o "$TMP/k"
expect_status 3
run keygen --issuer --id b -o "$TMP/k2"
expect_status 2

case=cn-issue-random-verify
run issue --node 445122 --operator 911101083303521997 --family 11 --batch 240615 \
    --count 20000 --random --key "$TMP/k" -o "$TMP/codes"
expect_status 0
[ "$(sort -u "$TMP/codes" | wc -l)" = 20000 ] && ok || bad "random serials repeat"
run_in "$TMP/codes" code check --quiet --key "$TMP/k" -
expect_status 0
[ "$(grep -c ': valid utds' "$TMP/out")" = 20000 ] && ok || bad "not all codes verify"
keygen_other=$TMP/k3
"$TRACECTL" keygen --issuer -o "$keygen_other" 2>/dev/null
run code check --quiet --key "$keygen_other" "$(head -1 "$TMP/codes")"
expect_status 1
expect_err_contains "TR-UTC-0004"

case=cn-issue-usage
run issue --node 350000 --operator 42 --family 31 --batch 1 --count x
expect_status 2
run issue --node 350000 --operator 42 --family 31 --batch 1 --count 1 --key /nonexistent
expect_status 3
run issue --node 350000 --operator 42 --family 31 --batch 1 --count 1 --form qr
expect_status 2
