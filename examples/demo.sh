#!/usr/bin/env bash
# The demo behind `./build.sh demo`. Usage: examples/demo.sh PATH/TO/archipel
set -euo pipefail
ARCHIPEL=$(realpath "$1")
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "archipel --version"
"$ARCHIPEL" --version

step "archipel grid list"
"$ARCHIPEL" grid list

# --- The registry: an embedded local registry in a temporary folder (never the user's own).
REG_DEMO=$(mktemp -d)
trap 'rm -rf "$REG_DEMO"' EXIT
export ARCHIPEL_REGISTRY="$REG_DEMO/registry"
# Publishing writes assigned serials back into part.json: work on copies of the examples.
cp -r examples/manifests examples/parts "$REG_DEMO/" 2>/dev/null || cp -r examples/manifests "$REG_DEMO/"

step "archipel registry init --namespace ARC (an embedded local registry in $ARCHIPEL_REGISTRY)"
"$ARCHIPEL" registry init --namespace ARC --name "Archipel demo" --accept-nonconforming

step "archipel publish: the example manifests (their BXL serials come from another registry)"
for name in os-plate os-plate-slotted os-bracket os-shelf-module os-shelf; do
  "$ARCHIPEL" publish "$REG_DEMO/manifests/$name/part.json"
done
if [ -d "$REG_DEMO/parts" ]; then
  step "archipel publish: the example parts with geometry, measured against the OpenStructures grid"
  for manifest in "$REG_DEMO"/parts/*/part.json; do
    "$ARCHIPEL" publish "$manifest" --allow-nonconforming ||
      echo "(refused above: $(basename "$(dirname "$manifest")"))"
  done
fi

step "archipel list"
"$ARCHIPEL" list

step "archipel fork BXL-P0042 --designer \"Hedy Lamarr <hedy@example.org>\""
"$ARCHIPEL" fork BXL-P0042 --designer "Hedy Lamarr <hedy@example.org>" --name "OS plate 2x1, rounded corners"

step "archipel lineage BXL-P0042"
"$ARCHIPEL" lineage BXL-P0042

step "archipel search plate --licence-allows commercial"
"$ARCHIPEL" search plate --licence-allows commercial

step "archipel verify"
"$ARCHIPEL" verify
