# Demo: a diagnostic in JSON, then its catalogue entry in both languages.
set -e
echo "== tracectl check --json: an invalid GTIN-13, with the diagnostic's code and span"
"$TRACECTL" check --json gs1 4006381333932 || true
echo "== tracectl explain: the catalogue entry of that code"
"$TRACECTL" explain TR-CHK-0001
echo "== tracectl --lang zh: the same problem in Chinese"
"$TRACECTL" --lang zh check gs1 4006381333932 || true
