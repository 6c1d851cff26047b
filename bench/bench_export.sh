#!/usr/bin/env bash
# Export benchmark: the 900-hole plate (600 x 600 x 3 mm, 900 holes of 5.5 mm; bench parts of
# bench_geometry.sh) exported by `archipel export` to STL, 3MF, DXF and SVG, against the baseline
# named by the issue: OpenCASCADE's own STEP-to-STL path (STEPControl_Reader +
# BRepMesh_IncrementalMesh at the same tolerances + StlAPI_Writer, bare_stl_write.cpp). Also the
# finely meshed STL of the same plate (about 500k triangles) to DXF, fitted on the mesh. Prints
# wall time and peak memory of the fastest of $RUNS runs (default 3), and the ratio to the baseline.
# Usage: [RUNS=N] bench/bench_export.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
ARCHIPEL=$BUILD/cli/archipel
BARE=$BUILD/bench/archipel_bare_stl_write
MAKE_PARTS=$BUILD/bench/archipel_make_bench_parts
for tool in "$ARCHIPEL" "$BARE" "$MAKE_PARTS"; do
  [ -x "$tool" ] || { echo "bench: missing $tool (build it first)" >&2; exit 3; }
done
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 3; }
# A benchmark times the work; the workers' default limits (sized for hostile files) would stop it.
export ARCHIPEL_GEOMETRY_TIME_LIMIT=${ARCHIPEL_GEOMETRY_TIME_LIMIT:-7200}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PARTS=$BUILD/bench-parts
if [ ! -f "$PARTS/plate-900-holes.stl" ]; then
  echo "bench: generating the parts into $PARTS (once; a few minutes)" >&2
  "$MAKE_PARTS" "$PARTS" >/dev/null
fi
STEP=$PARTS/plate-900-holes.step
STL=$PARTS/plate-900-holes.stl

RUNS=${RUNS:-3}
# measure CMD...: runs it $RUNS times, prints "seconds peak_MB" of the fastest run.
measure() {
  local best="" mem=""
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -v -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; mem=$rss; fi
  done
  echo "$best $mem"
}

read -r bt bm < <(measure "$BARE" "$STEP" "$WORK/bare.stl")
printf '%-44s %8s %9s %7s %10s\n' "export of plate-900-holes" seconds "peak MB" ratio "MB out"
printf '%-44s %8s %9s %7s %10s\n' "OpenCASCADE StlAPI_Writer (baseline)" "$bt" "$bm" 1.00 \
  "$(awk "BEGIN{printf \"%.2f\", $(stat -c%s "$WORK/bare.stl")/1e6}")"
row() {  # label input format
  local out=$WORK/out.$3
  read -r t m < <(measure "$ARCHIPEL" export "$2" --format "$3" --out "$out")
  printf '%-44s %8s %9s %7s %10s\n' "$1" "$t" "$m" "$(awk "BEGIN{printf \"%.2f\", $t/$bt}")" \
    "$(awk "BEGIN{printf \"%.2f\", $(stat -c%s "$out")/1e6}")"
}
row "archipel export STEP --format stl" "$STEP" stl
row "archipel export STEP --format 3mf" "$STEP" 3mf
row "archipel export STEP --format dxf" "$STEP" dxf
row "archipel export STEP --format svg" "$STEP" svg
row "archipel export STL (500k triangles) --format dxf" "$STL" dxf
"$ARCHIPEL" export "$STEP" --format stl --out "$WORK/a.stl" --json | python3 -c \
  'import json,sys; d=json.load(sys.stdin); print(f"archipel STL: {d[\"triangles\"]} triangles;", end=" ")'
python3 -c 'import sys; print(f"bare StlAPI_Writer: {int.from_bytes(open(sys.argv[1],"rb").read()[80:84],"little")} triangles")' "$WORK/bare.stl"
