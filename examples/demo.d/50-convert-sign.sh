# Demo: convert a chain between encodings, sign it, and verify the signature
# after conversion to every other encoding.
set -e
data=$(dirname "$0")/../data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "== tracectl info: what the drug chain contains"
"$TRACECTL" info "$data/drug.xml"
echo "== tracectl convert: XML to JSON-LD, JSON Lines and CSV (losses reported on stderr)"
"$TRACECTL" convert -t jsonl "$data/drug.xml" -o "$tmp/drug.jsonl"
"$TRACECTL" keygen -o "$tmp/key" >/dev/null
"$TRACECTL" sign -k "$tmp/key" "$data/drug.xml" -o "$tmp/drug.signed.xml"
for t in jsonld jsonl csv; do
    "$TRACECTL" convert -t $t "$tmp/drug.signed.xml" -o "$tmp/drug.signed.$t" 2>/dev/null
    printf 'verify %-7s ' "$t:"
    "$TRACECTL" verify -p "$tmp/key.pub" "$tmp/drug.signed.$t"
done
echo "== tracectl hash: CBV 2.0 event hash IDs of the first events"
"$TRACECTL" hash "$data/drug.xml" | head -3
echo "== tracectl issue: UTDS trace codes with a verification segment, then a check"
"$TRACECTL" keygen --issuer -o "$tmp/issuer.key"
"$TRACECTL" issue --node 445122 --operator 92445122L7H9K2D560 --family 11 --batch 250601 \
    --count 3 --random --key "$tmp/issuer.key" -o "$tmp/codes.txt"
cat "$tmp/codes.txt"
"$TRACECTL" code check --key "$tmp/issuer.key" - < "$tmp/codes.txt"
echo "== tracectl msg: the receipt a platform returns for a submitted document"
printf '{"type":"utds:Submit","messageId":"urn:uuid:1b4e28ba-2fa1-4d2e-8b4e-000000000001","created":"2026-11-20T12:00:00+08:00","sender":"urn:utds:id:uscc:91445100MA4UW6E282","receiver":"urn:utds:id:uscc:12445100456012341J","captureErrorBehaviour":"proceed","document":%s}' \
    "$(cat "$data/invalid/drug-no-expiry.jsonld")" > "$tmp/submit.json"
"$TRACECTL" msg receipt --created 2026-11-20T12:00:05+08:00 "$tmp/submit.json"
