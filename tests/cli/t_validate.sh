# tracectl validate: the bundled chains, exit codes, JSON output, --xsd.
case=validate-chains
run validate -q "$SRC_DIR/examples/data/drug.xml" "$SRC_DIR/examples/data/drug.jsonld"
expect_status 0
expect_out_contains "drug.xml: valid: 7 events, 0 invalid, 0 errors, 0 warnings"
expect_out_contains "drug.jsonld: valid: 7 events, 0 invalid, 0 errors, 0 warnings"

case=validate-invalid-xml
run validate "$SRC_DIR/examples/data/invalid/tea-unit-jin.xml"
expect_status 1
expect_out_contains ":147: record 1: EPCISBody/EventList/ObjectEvent[2]/quantityList: TR-VAL-0039: error: unit JIN is not in the unece-rec20 code list (rule B-012)"

case=validate-parallel-order
run validate -q -j 2 "$SRC_DIR/examples/data/tea.xml" "$SRC_DIR/examples/data/invalid/tea-unit-jin.xml"
expect_status 1
expect_out "$SRC_DIR/examples/data/tea.xml: valid: 6 events, 0 invalid, 0 errors, 0 warnings
$SRC_DIR/examples/data/invalid/tea-unit-jin.xml: INVALID: 6 events, 1 invalid, 1 errors, 0 warnings"

case=validate-usage
run validate --level strict x
expect_status 2
run validate /nonexistent/file.xml
expect_status 3

xsd="$SRC_DIR/../shared/ref/epcis/gs1-EPCIS-dev/XSD"
jumbled="$SRC_DIR/../shared/ref/epcis/openepcis-test-resources/2.0/EPCIS/XML/Capture/Documents/JumbledFieldsOrder.xml"
if [ -d "$xsd" ] && [ -f "$jumbled" ]; then
    case=validate-xsd
    run validate --xsd "$xsd" "$SRC_DIR/examples/data/drug.xml"
    expect_status 0
    run validate --no-profile --xsd "$xsd" "$jumbled"
    expect_status 1
    expect_out_contains ":8: TR-XML-0020: error: not valid against the EPCIS XML schema: Element 'disposition': This element is not expected."
else
    echo "t_validate: skipped --xsd (no ../shared/ref)"
fi
run validate --xsd /nonexistent.xsd "$SRC_DIR/examples/data/drug.xml"
case=validate-xsd-missing
expect_status 3
expect_out_contains "TR-XML-0021: fatal: cannot load the XML schema /nonexistent.xsd"
