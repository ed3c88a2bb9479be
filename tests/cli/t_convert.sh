# tracectl convert, dump, info, split: exit codes, files, gzip, loss reports.
EV="$SRC_DIR/testvectors/events/data"

case=convert-usage
run convert "$EV/doc1.jsonl"
expect_status 2
expect_err_contains "needs -t TO"
run convert -t yaml "$EV/doc1.jsonl"
expect_status 2
expect_err_contains "unknown format 'yaml'"
run convert -t jsonl --ids eu "$EV/doc1.jsonl"
expect_status 2
expect_err_contains "--ids takes keep, dl or urn"
run convert -t jsonl --cbv loud "$EV/doc1.jsonl"
expect_status 2

case=convert-missing-file
run convert -t jsonl "$TMP/nope.jsonl"
expect_status 3
expect_err_contains "TR-IO-0001"

case=convert-to-file-gzip
run convert -t csv "$EV/doc1.jsonl" -o "$TMP/doc1.csv.gz"
expect_status 0
expect_out ""
[ "$(head -c 2 "$TMP/doc1.csv.gz" | od -An -tx1 | tr -d ' ')" = "1f8b" ] && ok || bad "not gzip"
ls "$TMP" | grep -q 'doc1.csv.gz.tmp' && bad "temporary left" || ok
run convert -t jsonl "$TMP/doc1.csv.gz"
expect_status 0
expect_out_file "$EV/doc1.jsonl"

case=convert-gzip-flag-stdout
run convert -t jsonl --gzip "$EV/doc1.jsonl"
expect_status 0
gzip -dc "$TMP/out" | cmp -s - "$EV/doc1.jsonl" && ok || bad "gzip -dc differs"

case=convert-losses
printf '{"type":"ObjectEvent","epcList":["urn:a b"]}\n' >"$TMP/sp.jsonl"
run convert -t csv "$TMP/sp.jsonl"
expect_status 0
expect_err_contains "TR-CONV-0002"
expect_err_contains "cannot hold epcList as read; written as JSON in the more column"
run convert -t csv --losses-json "$TMP/sp.jsonl"
expect_status 0
expect_err_contains '{"code":"TR-CONV-0002","severity":"warning","file":"-","record":0,"path":"/epcList"'

case=convert-input-errors
printf '{"utds":"jsonl","version":"1.0"}\n{bad\n{"type":"ObjectEvent"}\n' >"$TMP/bad.jsonl"
run convert -t jsonl "$TMP/bad.jsonl"
expect_status 1
expect_err_contains "TR-JSONL-0001"
expect_out_contains '{"type":"ObjectEvent"}'

case=dump-normalize-equal
run dump --normalize "$EV/doc1.urn.jsonl"
expect_status 0
expect_out_file "$EV/doc1.norm.dump"

case=info
run info "$EV/doc1.jsonl"
expect_status 0
expect_out_contains "events: 5"
expect_out_contains "time span: 2024-03-01T08:00:00.500+08:00 .. 2024-03-04T00:00:00Z"
expect_out_contains "identifiers: 10 (7 distinct)"

case=split
run split --max-events 2 "$EV/doc1.jsonl" -o "$TMP/parts"
expect_status 0
expect_out "$TMP/parts/part-00001.jsonl 2 1326
$TMP/parts/part-00002.jsonl 2 1501
$TMP/parts/part-00003.jsonl 1 868"
run info --json "$TMP/parts/part-00003.jsonl"
expect_out_contains '"events":1,'
run split --max-events 100 --max-bytes 1500 -t csv "$EV/doc1.jsonl" -o "$TMP/parts2"
expect_status 0
expect_out_contains "part-00003.csv"
run split "$EV/doc1.jsonl"
expect_status 2

case=convert-ids-losses
run convert -t jsonl --ids dl "$SRC_DIR/testvectors/events/ids.jsonl"
expect_status 0
expect_err_contains "record 0: TR-CONV-0004: warning: identifier urn:epc:id:bic:CSQU3054383 was written as read"
run convert -t jsonl --ids urn "$SRC_DIR/testvectors/events/ids.jsonl"
expect_status 0
expect_out_contains '"urn:epc:id:sgtin:6934567.010015.S1","urn:epc:id:sgtin:69345671.00015.S2"'
run convert -t jsonl --ids bogus "$SRC_DIR/testvectors/events/ids.jsonl"
expect_status 2
