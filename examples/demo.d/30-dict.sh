# Demo: the UTDS element dictionary and the profiles of the eight families.
set -e
echo "== tracectl dict show: an element, a code list and a business step"
"$TRACECTL" dict show utds:quarantineCertNo
"$TRACECTL" dict show --lang zh quarantine-cert-type
"$TRACECTL" dict show utds:BizStep-slaughtering
echo "== tracectl profile list"
"$TRACECTL" profile list
echo "== tracectl profile show meat (TransformationEvent, slaughtering)"
"$TRACECTL" profile show meat --event TransformationEvent --bizstep utds:slaughtering
echo "== a Chaozhou local profile adds requirements to the tea profile"
dir=$(dirname "$0")/../../testvectors/dict/local
"$TRACECTL" profile show chaozhou-dancong --local "$dir/chaozhou-dancong.profile" \
    --event ObjectEvent --bizstep utds:harvesting
echo "== a local profile that tries to relax a national rule is refused"
"$TRACECTL" profile check "$dir/relax-severity.profile" || echo "(refused, exit $?)"
