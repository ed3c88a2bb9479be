# Demo: check digits of codes from the example data.
set -e
echo "== tracectl check: check characters of bundled example codes"
"$TRACECTL" check gb32100 911101083303521997 91350100M000100Y43
"$TRACECTL" check mod11-2 11010519491231002X
"$TRACECTL" check gs1 06901234567892 || true
