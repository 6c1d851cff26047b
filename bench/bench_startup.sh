#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Start-up of the commands that read no geometry, side by side with `git --version` and a bare
# program that only links libgit2, in one run. Usage: bench/bench_startup.sh [BUILD_DIR] [RUNS=40]
# Prints the median wall time of each command and its ratio to `git --version`.
# Targets (issue 14): --version within 3x git --version; list/show/search/where-used/bom within 6x.
set -euo pipefail
B=$(realpath "${1:-build}"); RUNS=${2:-40}
A=$B/cli/archipel; BARE=$B/bench/bare_libgit2
cd "$(dirname "$0")/.."
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export ARCHIPEL_REGISTRY=$T/reg XDG_STATE_HOME=$T/state XDG_CACHE_HOME=$T/cache
"$A" registry init --namespace TST >/dev/null
for p in examples/parts/*/part.json; do
  cp -r "$(dirname "$p")" "$T/part-$(basename "$(dirname "$p")")"
  "$A" publish "$T/part-$(basename "$(dirname "$p")")/part.json" >/dev/null 2>&1 || true
done
serial=$("$A" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["parts"][0]["serial"])' 2>/dev/null || echo TST-P0001)
"$A" search plate >/dev/null  # the index is built once, as any user's first search does

# median_ms CMD...: the median wall time in milliseconds over $RUNS runs (after 3 warm-ups);
# hyperfine (Debian's package) runs the command without a shell when present.
median_ms() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i -w 3 -r "$RUNS" --export-json "$T/h.json" "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.2f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1000))' "$T/h.json"
    return
  fi
  for _ in 1 2 3; do "$@" >/dev/null 2>&1 || true; done
  for _ in $(seq "$RUNS"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000))
  done | sort -n | awk '{ a[NR] = $1 } END { printf "%.2f", a[int((NR + 1) / 2)] / 1000 }'
}
[ -x "$BARE" ] || { echo "bench_startup: build the bench tools first ($BARE is missing)" >&2; exit 2; }
base=$(median_ms git --version)
row() {
  local label=$1; shift
  local m; m=$(median_ms "$@")
  printf '%-34s %8s ms %7.1fx git --version\n' "$label" "$m" "$(awk -v a="$m" -v b="$base" 'BEGIN { print a / b }')"
}
echo "median of $RUNS runs each, on $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-34s %8s ms %7.1fx\n' "git --version" "$base" 1
row "bare program linking libgit2" "$BARE" "$ARCHIPEL_REGISTRY"
row "archipel --version" "$A" --version
row "archipel list" "$A" list
row "archipel show $serial" "$A" show "$serial"
row "archipel search plate" "$A" search plate
row "archipel where-used $serial" "$A" where-used "$serial"
row "archipel bom bracket-stand" "$A" bom examples/objects/bracket-stand/part.json
echo "shared libraries mapped by archipel: $(ldd "$A" | wc -l) (OpenCASCADE: $(ldd "$A" | grep -c libTK || true), Assimp: $(ldd "$A" | grep -c assimp || true))"
