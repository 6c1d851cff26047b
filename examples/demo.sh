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

step "archipel measure an STL (the Assimp mesh path: welded, same frame and holes as the STEP)"
"$ARCHIPEL" measure examples/parts/os-plate-120x40/os-plate-120x40.stl --unit mm
