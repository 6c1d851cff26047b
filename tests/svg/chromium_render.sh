#!/usr/bin/env bash
# Renders an SVG drawing in headless Chromium (Debian's `chromium`) and checks the screenshot:
# a non-empty PNG, not all white, with green (ok), red (error) and orange (warning) holes.
# Usage: chromium_render.sh PRODUCER [ARGS...]  — PRODUCER writes the SVG to the path given last
# (exit 0, or 1 for a failing verdict). EXPECT_COLOURS lists the colours that must show
# ("#rrggbb:min_pixels ..."; default: green, red and orange).
# Exits 77 (ctest SKIP_RETURN_CODE) when chromium is not installed.
set -euo pipefail
command -v chromium >/dev/null 2>&1 || { echo "chromium is not installed: skipped"; exit 77; }
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$@" "$WORK/part.svg" || [ $? -eq 1 ]
test -s "$WORK/part.svg" || { echo "no SVG written"; exit 1; }
timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$WORK/profile" --screenshot="$WORK/out.png" --window-size=800,600 \
  "file://$WORK/part.svg" >"$WORK/chromium.log" 2>&1 || { cat "$WORK/chromium.log"; exit 1; }
test -s "$WORK/out.png" || { echo "no screenshot"; cat "$WORK/chromium.log"; exit 1; }
if [ -n "${ARCHIPEL_KEEP_SCREENSHOT:-}" ]; then cp "$WORK/out.png" "$ARCHIPEL_KEEP_SCREENSHOT"; fi
read -r -a colours <<<"${EXPECT_COLOURS:-#2e9d4c:20 #d7263d:20 #f29100:20}"
python3 "$HERE/png_check.py" "$WORK/out.png" "${colours[@]}"
