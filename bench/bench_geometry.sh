#!/usr/bin/env bash
# Geometry benchmark: generates plates of growing size (up to 900 holes, several MB of STEP, and
# a ~500k-triangle STL) and prints, side by side, `archipel measure` (and `archipel validate`
# when the build has it) against the bare baselines: OpenCASCADE's STEPControl_Reader read +
# transfer alone, and Assimp's import alone (bare_assimp_import). Wall time and peak memory from /usr/bin/time -v.
# Usage: bench/bench_geometry.sh [BUILD_DIR]   (default: build)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=$(realpath "${1:-build}")
ARCHIPEL=$BUILD/cli/archipel
BARE_STEP=$BUILD/bench/archipel_bare_step_read
BARE_MESH=$BUILD/bench/bare_assimp_import
MAKE_PARTS=$BUILD/bench/archipel_make_bench_parts
for tool in "$ARCHIPEL" "$BARE_STEP" "$BARE_MESH" "$MAKE_PARTS"; do
  [ -x "$tool" ] || { echo "bench: missing $tool (build it first)" >&2; exit 3; }
done
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package 'time')" >&2; exit 3; }

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The parts are generated once and kept (meshing the 900-hole plate takes minutes).
PARTS=$BUILD/bench-parts
if [ ! -f "$PARTS/plate-900-holes.stl" ]; then
  echo "bench: generating the parts into $PARTS (once; a few minutes)" >&2
  "$MAKE_PARTS" "$PARTS" >/dev/null
fi

# measure CMD...: runs it 3 times, prints "seconds peak_MB" of the fastest run.
measure() {
  local best="" mem=""
  for _ in 1 2 3; do
    /usr/bin/time -v -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || true
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$WORK/time")
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; mem=$rss; fi
  done
  echo "$best $mem"
}

has_validate=0
"$ARCHIPEL" --help 2>/dev/null | grep -qE '^ +validate ' && has_validate=1

printf '%-24s %8s %6s | %14s | %14s %6s' file MB holes "bare read" measure ratio
[ $has_validate = 1 ] && printf ' | %14s %6s' validate ratio
printf '\n'
for f in $(ls "$PARTS"/*.step | sort -V) "$PARTS"/*.stl; do
  name=$(basename "$f")
  mb=$(awk "BEGIN{printf \"%.2f\", $(stat -c%s "$f")/1e6}")
  if [[ $f == *.step ]]; then read -r bt bm < <(measure "$BARE_STEP" "$f"); else read -r bt bm < <(measure "$BARE_MESH" "$f"); fi
  if ! "$ARCHIPEL" measure "$f" --json >/dev/null 2>&1; then
    printf '%-24s %8s %6s | %6ss %5sMB | archipel measure fails: %s\n' "$name" "$mb" - "$bt" "$bm" \
      "$("$ARCHIPEL" measure "$f" 2>&1 | head -1)"
    continue
  fi
  read -r mt mm < <(measure "$ARCHIPEL" measure "$f" --json)
  holes=$("$ARCHIPEL" measure "$f" --json 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["holes"]))' 2>/dev/null || echo "-")
  printf '%-24s %8s %6s | %6ss %5sMB | %6ss %5sMB %5sx' "$name" "$mb" "$holes" "$bt" "$bm" "$mt" "$mm" \
    "$(awk "BEGIN{printf \"%.2f\", $mt/$bt}")"
  if [ $has_validate = 1 ]; then
    read -r vt vm < <(measure "$ARCHIPEL" validate "$f" --json)
    printf ' | %6ss %5sMB %5sx' "$vt" "$vm" "$(awk "BEGIN{printf \"%.2f\", $vt/$bt}")"
  fi
  printf '\n'
done
