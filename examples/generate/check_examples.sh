#!/usr/bin/env bash
# Regenerates the example parts into a temporary folder and checks that examples/parts/ holds
# exactly what the generator writes (geometry, manifests and their sha256).
# Usage: check_examples.sh PATH/TO/archipel_make_examples SOURCE_DIR
set -euo pipefail
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$1" "$out" >/dev/null
diff -r "$2/examples/parts" "$out" && echo "examples/parts is up to date"
