# Demo: run the bundled conformance vectors and summarise them per part.
set -e
echo "== tracectl conform: every vector under testvectors/"
"$TRACECTL" conform "$(dirname "$0")/../../testvectors"
