# EPCIS XML binding through tracectl: the loss report on stderr, format
# detection (xml vs xml12), and XSD validity of what the writer produces
# (xmllint with the official schemas, when ../shared/ref and xmllint exist).
XD="$SRC_DIR/testvectors/xml/data"

case=xml-losses-reported
run convert -t xml "$XD/lossy.jsonl"
expect_status 0
expect_out_file "$XD/lossy.out.xml"
expect_err_contains "record 0: certificationInfo: TR-CONV-0003: warning: xml holds only one certificationInfo; 1 more were dropped"
expect_err_contains "record 0: bizStep: TR-CONV-0002: warning: xml cannot hold the bare CBV value commissioning as read; written as a CBV URN"
expect_err_contains "record 0: quantityList: TR-CONV-0002: warning: xml cannot hold the number 2.005e2 as read; written as an xsd:decimal without exponent"

case=xml-lossless-is-silent
run convert -t xml "$XD/doc1.xml"
expect_status 0
expect_out_file "$XD/doc1.xml"
[ -z "$err" ] && ok || bad "stderr not empty: $err"

case=xml12-detected
run dump --diagnostics --json "$XD/v12.xml"
expect_status 0
expect_out_contains '"code":"TR-XML-0013"'
run convert -f xml12 -t xml "$XD/v12.xml"
expect_status 0
expect_out_file "$XD/v12.out.xml"

case=xml-external-dtd-refused
run convert -t xml "$XD/bad-external-dtd.xml"
expect_status 1
expect_err_contains "TR-XML-0003"

REF_XSD="$SRC_DIR/../shared/ref/epcis/gs1-EPCIS-dev/XSD"
if [ -f "$REF_XSD/EPCglobal-epcis-2_0.xsd" ] && command -v xmllint >/dev/null 2>&1; then
    case=xml-output-validates
    for f in "$XD/doc1.xml" "$XD/lossy.jsonl" "$XD/v12.xml" "$XD/query.xml"; do
        run convert -t xml --cbv web "$f"
        cp "$TMP/out" "$TMP/w.xml"
        xsd=EPCglobal-epcis-2_0.xsd; grep -q EPCISQueryDocument "$TMP/w.xml" && xsd=EPCglobal-epcis-query-2_0.xsd
        xmllint --noout --nonet --schema "$REF_XSD/$xsd" "$TMP/w.xml" \
            >/dev/null 2>&1 && ok || bad "convert -t xml $f does not validate against the XSD"
    done
else
    echo "t_xml: skipped XSD validation (no ../shared/ref or no xmllint)" >&2
fi
