#!/usr/bin/env bash
# Renders `archipel export --format svg` of the example plate and disc in headless Chromium and
# checks the screenshot against `archipel measure --json` (check_svg_png.py).
# Usage: svg_render.sh ARCHIPEL SRC. Exits 77 (skipped) when chromium is not installed.
set -euo pipefail
ARCHIPEL=$1 SRC=$2
HERE=$(cd "$(dirname "$0")" && pwd)
command -v chromium >/dev/null 2>&1 || { echo "chromium is not installed: skipped"; exit 77; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for part in os-plate-120x40 os-disc-d120; do
  in=$SRC/examples/parts/$part/$part.step
  "$ARCHIPEL" export "$in" --format svg --out "$WORK/$part.svg" >/dev/null
  "$ARCHIPEL" measure "$in" --json >"$WORK/$part.json" 2>/dev/null
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$WORK/profile" --screenshot="$WORK/$part.png" --window-size=800,600 \
    "file://$WORK/$part.svg" >"$WORK/chromium.log" 2>&1 || { cat "$WORK/chromium.log"; exit 1; }
  test -s "$WORK/$part.png" || { echo "no screenshot"; cat "$WORK/chromium.log"; exit 1; }
  python3 "$HERE/check_svg_png.py" "$WORK/$part.png" "$WORK/$part.json"
done
