#!/usr/bin/env bash
# Registry benchmarks, side by side with the git CLI. Usage:
#   bench/bench_registry.sh [BUILD_DIR] [SMALL=10000] [BIG=100000] [PUBLISHES=100]
# Prints: generation of synthetic registries, publish throughput (archipel publish vs git
# hash-object/update-index/write-tree/commit-tree/update-ref), search latency warm (vs git grep),
# index build, verify time, and peak memory of each.
set -euo pipefail
B=$(realpath "${1:-build}"); SMALL=${2:-10000}; BIG=${3:-100000}; PUBS=${4:-100}
A=$B/cli/archipel; MK=$B/bench/make_registry  # both built by ./build.sh
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
# measure LABEL CMD...: wall seconds and peak RSS of one run
measure() {
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$T/time" "$@" >"$T/last.out" 2>"$T/last.err" || { cat "$T/last.err"; exit 1; }
  read -r secs kb <"$T/time"
  printf '%-44s %9s s %9s MB\n' "$label" "$secs" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "== synthetic registries (libgit2 store layer, commits of 5000 parts)"
measure "make_registry $SMALL parts" "$MK" "$T/small" "$SMALL"
measure "make_registry $BIG parts" "$MK" "$T/big" "$BIG"
du -sh "$T/small" "$T/big" | sed 's/^/  size /'

echo; echo "== publish $PUBS new parts into the $SMALL-part registry, one process per part"
mkdir -p "$T/parts"
for i in $(seq 1 "$PUBS"); do
  d="$T/parts/$i"; mkdir -p "$d"
  printf 'solid p%s\n  facet normal 0 0 1\n    outer loop\n      vertex 0 0 0\n      vertex %s 0 0\n      vertex 0 40 0\n    endloop\n  endfacet\nendsolid p%s\n' "$i" "$((40 + i))" "$i" >"$d/part.stl"
  printf '{"schema": 1, "kind": "part", "name": "bench part %s", "version": "1.0.0", "designer": {"name": "Bench", "email": "bench@example.org"}, "licence": "CC-BY-4.0", "dimensions": {"width_mm": %s, "depth_mm": 40, "height_mm": 3}, "files": [{"path": "part.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]}\n' "$i" "$((40 + i))" >"$d/part.json"
done
cp -r "$T/small" "$T/pub-archipel"; cp -r "$T/small" "$T/pub-git"; cp -r "$T/parts" "$T/parts-git"
t0=$(now)
for i in $(seq 1 "$PUBS"); do "$A" publish --registry "$T/pub-archipel" "$T/parts/$i/part.json" >/dev/null; done
t1=$(now)
archipel_ms=$(ms "$t0" "$t1")
g="git -C $T/pub-git"
export GIT_INDEX_FILE="$T/git-index" GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org \
       GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
t2=$(now); $g read-tree main; t3=$(now)
for i in $(seq 1 "$PUBS"); do
  n=$((SMALL + i)); serial=$(printf 'SYN-P%04d' "$n"); folder="parts/SYN/P/$(printf '%03d' $((n / 1000)))/$serial/1.0.0"
  d="$T/parts-git/$i"
  h1=$($g hash-object -w "$d/part.stl"); h2=$($g hash-object -w "$d/part.json")
  $g update-index --add --cacheinfo "100644,$h1,$folder/part.stl" --cacheinfo "100644,$h2,$folder/part.json"
  tree=$($g write-tree); old=$($g rev-parse main)
  c=$($g commit-tree "$tree" -p "$old" -m "publish $serial@1.0.0")
  $g update-ref refs/heads/main "$c" "$old"
done
t4=$(now); unset GIT_INDEX_FILE
git_ms=$(ms "$t3" "$t4")
printf '%-44s %9s ms  %6.1f parts/s  (validates, hashes, checks immutability and lineage)\n' \
  "archipel publish" "$archipel_ms" "$(awk -v n="$PUBS" -v m="$archipel_ms" 'BEGIN { print n * 1000 / m }')"
printf '%-44s %9s ms  %6.1f parts/s  (plus %s ms for the one-off read-tree)\n' \
  "git hash-object/update-index/write-tree/..." "$git_ms" "$(awk -v n="$PUBS" -v m="$git_ms" 'BEGIN { print n * 1000 / m }')" "$(ms "$t2" "$t3")"
measure "one more archipel publish (peak memory)" "$A" publish --registry "$T/pub-archipel" "$T/parts/1/part.json"
git -C "$T/pub-archipel" fsck --strict --no-progress && echo "  git fsck --strict: ok"

echo; echo "== search on $BIG parts"
measure "index build (first search, $BIG parts)" "$A" search --registry "$T/big" bracket
for q in "bracket" "steel"; do
  for i in $(seq 1 15); do
    s=$(now); "$A" search --registry "$T/big" "$q" --material aluminium --limit 20 >/dev/null; e=$(now); ms "$s" "$e"; echo
  done | median >"$T/med"
  printf '%-44s %9s ms  (median of 15, process start included)\n' "archipel search $q --material aluminium" "$(cat "$T/med")"
  for i in $(seq 1 3); do
    s=$(now); git -C "$T/big" grep -l -e "$q" main -- '*part.json' >/dev/null || true; e=$(now); ms "$s" "$e"; echo
  done | median >"$T/med"
  printf '%-44s %9s ms  (median of 3)\n' "git grep -l $q main -- '*part.json'" "$(cat "$T/med")"
done
measure "archipel search --max-size 100x50x5 --licence-allows commercial" "$A" search --registry "$T/big" --max-size 100x50x5 --licence-allows commercial
measure "archipel lineage SYN-P0010" "$A" lineage --registry "$T/big" SYN-P0010

echo; echo "== where-used and bom on $BIG parts ($((BIG / 100)) components, $((BIG / 1000)) objects), CLI wall time"
for args in "where-used SYN-P0011" "where-used SYN-P0001" "bom SYN-O0001"; do
  for i in $(seq 1 15); do
    s=$(now); "$A" $args --registry "$T/big" >/dev/null; e=$(now); ms "$s" "$e"; echo
  done | median >"$T/med"
  printf '%-44s %9s ms  (median of 15, process start included)\n' "archipel $args" "$(cat "$T/med")"
done

echo; echo "== in-process (no CLI start-up: the binary loads OpenCASCADE and Assimp, ~130 ms)"
mkdir -p "$T/inproc"
"$B/bench/bench_registry_ops" "$T/big" "$T/inproc" "$PUBS"
measure "archipel --version (process start-up alone)" "$A" --version

echo; echo "== verify"
measure "archipel verify ($SMALL parts)" "$A" verify --registry "$T/small"
measure "git fsck --strict ($SMALL parts)" git -C "$T/small" fsck --strict --no-progress
measure "archipel verify ($BIG parts)" "$A" verify --registry "$T/big"
measure "git fsck --strict ($BIG parts)" git -C "$T/big" fsck --strict --no-progress
