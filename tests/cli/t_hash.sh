# tracectl hash, sign, verify and sign --keygen (UTDS Part 3b).
HV="$SRC_DIR/testvectors/hash"

case=keygen
run sign --keygen -o "$TMP/k1"
expect_status 0
[ "$(printf '%s' "$out" | cut -c1-8)" = "ed25519:" ] && ok || bad "key id: $out"
[ "$(stat -c %a "$TMP/k1")" = 600 ] && ok || bad "secret key mode $(stat -c %a "$TMP/k1")"
expect_out "$(sed -n 's/^key-id: //p' "$TMP/k1.pub")"
run sign --keygen -o "$TMP/k1"
expect_status 3
expect_err_contains "use --force"
run sign --keygen -o "$TMP/k1" --force --json
expect_status 0
expect_out_contains '"publicKey":"'

case=sign-stream
run_in "$HV/docs/events.xml" sign -k "$TMP/k1" -t jsonl
expect_status 0
cp "$TMP/out" "$TMP/s.jsonl"
run verify -p "$TMP/k1.pub" "$TMP/s.jsonl"
expect_status 0
expect_out "valid $(sed -n 's/^key-id: //p' "$TMP/k1.pub")"
run convert -t xml "$TMP/s.jsonl" -o "$TMP/s.xml"
run verify -p "$TMP/k1.pub" "$TMP/s.xml"
expect_status 0
run verify -p "$HV/keys/test1.key.pub" "$TMP/s.xml"
expect_status 1
expect_out_contains "unknown-key"
expect_err_contains "TR-SIGN-0002"

case=sign-refuses-public-key
run sign -k "$HV/keys/test1.key.pub" -o "$TMP/x.xml" "$HV/docs/events.xml"
expect_status 2
expect_err_contains "holds no secret key"
[ ! -e "$TMP/x.xml" ] && ok || bad "output written without a secret key"

case=sign-bad-key-file
run sign -k "$HV/docs/events.xml" "$HV/docs/events.jsonl"
expect_status 2
expect_err_contains "TR-SIGN-0008"

case=set-event-ids
run hash --set-event-ids -o "$TMP/ids.jsonld" "$HV/docs/events.jsonld"
expect_status 0
run hash "$HV/docs/events.jsonld"
want=$out
run dump "$TMP/ids.jsonld"
got=$(printf '%s\n' "$out" | sed -n 's/^eventID = "\(.*\)".*/\1/p')
[ "$got" = "$want" ] && ok || bad "eventIDs differ from the hashes: $got"
run hash "$TMP/ids.jsonld"
expect_out "$want"

case=event-id-mismatch-named
run_in "$TMP/ids.jsonld" sign -k "$TMP/k1"
cp "$TMP/out" "$TMP/ids-signed.jsonld"
sed 's/"action": *"ADD"/"action":"DELETE"/' "$TMP/ids-signed.jsonld" > "$TMP/ids-t.jsonld"
run verify --json -p "$TMP/k1.pub" "$TMP/ids-t.jsonld"
expect_status 1
expect_out_contains '"code":"TR-HASH-0001","severity":"error","record":0'
expect_out_contains '"verdict":"invalid"'

case=hash-stdin-and-usage
run_in "$HV/docs/events.csv" hash --profile cbv21
expect_status 0
expect_out "$(sed -n '/=== cbv21-jsonld/,/^$/p' "$HV/hash.vec" | sed -n 's/^> //p')"
run hash --digest --prehash "$HV/docs/events.xml"
expect_status 2
run verify "$HV/docs/signed.xml"
expect_status 2
expect_err_contains "needs -p PUBKEY"
