#!/usr/bin/env bash
# Mesh path benchmark: binary STL plates of growing size (up to 500k triangles, 900 holes),
# measured by `archipel measure` (or bench/measure_driver until the CLI verb exists) against
# Assimp's bare import (aiProcess_Triangulate only) of the same file. Best of 3 runs each;
# time in seconds and peak resident memory from /usr/bin/time.
# usage: bench/bench_mesh.sh [BUILD_DIR]   (build with ARCHIPEL_BUILD_BENCH=ON, the default)
set -euo pipefail
BUILD=${1:-build}
GEN=$BUILD/bench/make_mesh_plate
BARE=$BUILD/bench/bare_assimp_import
if "$BUILD/cli/archipel" measure --help >/dev/null 2>&1; then
  MEASURE=("$BUILD/cli/archipel" measure --json)
  LABEL="archipel measure"
else
  MEASURE=("$BUILD/bench/measure_driver")
  LABEL="measure_driver"
fi
for tool in "$GEN" "$BARE" "${MEASURE[0]}"; do
  [ -x "$tool" ] || { echo "bench_mesh.sh: missing $tool (build first)" >&2; exit 3; }
done
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# best of 3: prints "seconds peak_kB" (wall time to the millisecond, peak memory from time(1))
best_of_3() {
  local best="" line start end
  for _ in 1 2 3; do
    start=$(date +%s%N)
    /usr/bin/time -o "$WORK/time" -f "%M" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    line="$(awk -v n=$((end - start)) 'BEGIN{printf "%.3f", n/1e9}') $(tail -1 "$WORK/time")"
    if [ -z "$best" ] || awk -v a="${line% *}" -v b="${best% *}" 'BEGIN{exit !(a<b)}'; then
      best=$line
    fi
  done
  echo "$best"
}

printf '%-9s %8s %7s | %-22s | %-22s | %s\n' "holes" "tris" "MB" "bare Assimp import" "$LABEL" "ratio (time, memory)"
for spec in "1 1 64" "4 4 64" "10 10 64" "20 20 64" "30 30 92"; do
  read -r nx ny seg <<<"$spec"
  file=$WORK/plate_${nx}x${ny}.stl
  tris=$("$GEN" "$nx" "$ny" "$seg" "$file" | cut -d' ' -f1)
  mb=$(awk -v b="$(stat -c %s "$file")" 'BEGIN{printf "%.1f", b/1e6}')
  read -r bt bm <<<"$(best_of_3 "$BARE" "$file")"
  read -r mt mm <<<"$(best_of_3 "${MEASURE[@]}" "$file")"
  ratio=$(awk -v a="$mt" -v b="$bt" -v c="$mm" -v d="$bm" \
    'BEGIN{ if (b > 0) printf "%.2fx", a/b; else printf "-"; printf ", %.2fx", c/d }')
  printf '%-9s %8s %7s | %7.3f s %8.1f MB | %7.3f s %8.1f MB | %s\n' "$((nx * ny))" "$tris" "$mb" \
    "$bt" "$(awk -v k="$bm" 'BEGIN{print k/1024}')" "$mt" "$(awk -v k="$mm" 'BEGIN{print k/1024}')" "$ratio"
done
