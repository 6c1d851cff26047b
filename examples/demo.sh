#!/usr/bin/env bash
# The demo behind `./build.sh demo`. Usage: examples/demo.sh PATH/TO/archipel
set -euo pipefail
ARCHIPEL=$(realpath "$1")
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "archipel --version"
"$ARCHIPEL" --version

step "archipel manifest check examples/manifests/*/part.json examples/parts/*/part.json"
"$ARCHIPEL" manifest check examples/manifests/*/part.json examples/parts/*/part.json

step "archipel manifest new, then a typo in its licence: refused with a suggestion"
demo_dir=$(mktemp -d)
(
  cd "$demo_dir"
  "$ARCHIPEL" manifest new --name "Demo plate" --designer "Ada Lovelace <ada@example.org>" \
    --licence CERN-OHL-S-2.0 --grid openstructures --grid-size 2x1
  sed 's/"CERN-OHL-S-2.0"/"CC-BY-5.0"/' part.json > typo.json
  "$ARCHIPEL" manifest check typo.json 2>&1 || echo "(exit code $?: refused, as expected)"
)
rm -rf "$demo_dir"

step "archipel grid list"
"$ARCHIPEL" grid list
