# Demo: validate the eight family chains (XML and JSON-LD), then their invalid
# variants, each of which breaks the rule its README line names.
set -e
data=$(dirname "$0")/../data
echo "== tracectl validate: the eight chains, in both EPCIS bindings"
"$TRACECTL" validate -q -j 2 "$data"/*.xml "$data"/*.jsonld
echo "== tracectl validate: invalid variants (each should be INVALID, naming its rule)"
for f in "$data"/invalid/*.jsonld; do
    if "$TRACECTL" validate "$f" >/tmp/libtrace-demo.$$ 2>&1; then
        echo "unexpectedly valid: $f" >&2
        rm -f /tmp/libtrace-demo.$$
        exit 1
    fi
    printf '%s: %s\n' "$(basename "$f")" \
        "$(grep -o 'rule [A-Z]*-[0-9]*\|TR-[A-Z]*-[0-9]*: error' /tmp/libtrace-demo.$$ | sort -u | tr '\n' ' ')"
done
rm -f /tmp/libtrace-demo.$$
echo "== the same problem in Chinese, as JSON"
"$TRACECTL" validate --json --lang zh "$data/invalid/tea-unit-jin.jsonld" || true
