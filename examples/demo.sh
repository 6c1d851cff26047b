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
