#!/usr/bin/env bash
# Issue 8 speed and sizes, side by side in one run (best of 3, wall seconds from /usr/bin/time):
#   - the 900-hole plate (600 x 600 x 3 mm, bench/make_bench_parts.cpp): `archipel validate` on
#     the STEP against a bare OpenCASCADE read + transfer (bare_step_read), target <= 1.1x;
#     `archipel validate` on its STL twin against a bare Assimp import with vertex welding
#     (bare_assimp_import --weld), target <= 1.5x;
#   - a mesh of about 160 000 faces (make_mesh_plate 20 x 20 cells, 96-gon holes): measured,
#     target < 2 s;
#   - the sizes measured on the 900-hole plate (STEP and STL) and on the OpenSCAD 160 mm plate of
#     the issue (rendered with openscad when it is installed).
# Usage: bench/bench_issue8.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
ARCHIPEL=$BUILD/cli/archipel
BARE_STEP=$BUILD/bench/archipel_bare_step_read
BARE_MESH=$BUILD/bench/bare_assimp_import
MAKE_PARTS=$BUILD/bench/archipel_make_bench_parts
MAKE_MESH=$BUILD/bench/make_mesh_plate
for tool in "$ARCHIPEL" "$BARE_STEP" "$BARE_MESH" "$MAKE_PARTS" "$MAKE_MESH"; do
  [ -x "$tool" ] || { echo "bench: missing $tool (build it first)" >&2; exit 3; }
done
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 3; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PARTS=$BUILD/bench-parts
if [ ! -f "$PARTS/plate-900-holes.stl" ]; then
  echo "bench: generating the parts into $PARTS (once; a few minutes)" >&2
  "$MAKE_PARTS" "$PARTS" >/dev/null
fi

# best CMD...: the fastest of 3 runs, in seconds.
best() {
  local b=""
  for _ in 1 2 3; do
    /usr/bin/time -f '%e' -o "$WORK/t" "$@" >/dev/null 2>&1 || true
    local t; t=$(tail -1 "$WORK/t")
    if [ -z "$b" ] || awk "BEGIN{exit !($t < $b)}"; then b=$t; fi
  done
  echo "$b"
}
ratio() { awk "BEGIN{printf \"%.2f\", $1/$2}"; }
size_of() {  # size_of FILE [ARGS]: "W x D x H, N holes, M openings" from archipel measure --json
  "$ARCHIPEL" measure "$@" --json 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
s = d["size_mm"]
holes, openings, method = len(d["holes"]), len(d["openings"]), d["frame"]["method"]
print(f"{s[0]:.3f} x {s[1]:.3f} x {s[2]:.3f} mm, {holes} holes, {openings} openings, frame {method}")'
}

STEP=$PARTS/plate-900-holes.step STL=$PARTS/plate-900-holes.stl
echo "== speed: 900-hole plate (600 x 600 x 3 mm)"
bs=$(best "$BARE_STEP" "$STEP"); vs=$(best "$ARCHIPEL" validate "$STEP" --json)
printf '%-44s %7ss\n' "bare OpenCASCADE read + transfer (STEP)" "$bs"
printf '%-44s %7ss  %sx  (target <= 1.1x)\n' "archipel validate (STEP)" "$vs" "$(ratio "$vs" "$bs")"
bm=$(best "$BARE_MESH" --weld "$STL"); vm=$(best "$ARCHIPEL" validate "$STL" --unit mm --json)
printf '%-44s %7ss\n' "bare Assimp import + welding (STL)" "$bm"
printf '%-44s %7ss  %sx  (target <= 1.5x)\n' "archipel validate (STL)" "$vm" "$(ratio "$vm" "$bm")"

echo "== speed: a 160 000-face mesh"
"$MAKE_MESH" 20 20 96 "$WORK/mesh160k.stl" >/dev/null
faces=$("$ARCHIPEL" measure "$WORK/mesh160k.stl" --unit mm --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["triangle_count"])')
mt=$(best "$ARCHIPEL" measure "$WORK/mesh160k.stl" --unit mm --json)
printf '%-44s %7ss  (%s faces; target < 2 s)\n' "archipel measure" "$mt" "$faces"

echo "== sizes measured"
printf '%-44s %s\n' "900-hole plate, STEP" "$(size_of "$STEP")"
printf '%-44s %s\n' "900-hole plate, STL" "$(size_of "$STL" --unit mm)"
if command -v openscad >/dev/null; then
  cat >"$WORK/plate160.scad" <<'SCAD'
linear_extrude(3) difference() { square(160); for (x = [10:20:150]) for (y = [10:20:150]) translate([x, y]) circle(d = 5.5, $fn = 64); }
SCAD
  if openscad -o "$WORK/plate160.stl" "$WORK/plate160.scad" >/dev/null 2>&1; then
    printf '%-44s %s\n' "OpenSCAD 160 mm plate (64 holes), STL" "$(size_of "$WORK/plate160.stl" --unit mm)"
    "$ARCHIPEL" validate "$WORK/plate160.stl" --unit mm 2>/dev/null | head -1 | sed 's/^/  /'
  fi
else
  echo "OpenSCAD 160 mm plate: skipped (openscad not installed)"
fi
