#!/usr/bin/env bash
# Rights and kits on a big registry. Usage: bench/bench_rights.sh [BUILD_DIR] [PARTS=100000] [RUNS=11]
# Writes a synthetic registry of PARTS parts (make_registry), adds an ancestry chain of 50 forks
# and an object of 60 lines, and prints in-process medians: `rights` over the chain (target
# < 50 ms), `rights` of the object, and a kit of the object (target < 10 s); then the same
# `rights` through the CLI (process start, registry open and index refresh included), and the
# ratio of the in-process time to `git cat-file` of the 50 manifests (the floor of reading them).
set -euo pipefail
B=$(realpath "${1:-build}"); PARTS=${2:-100000}; RUNS=${3:-11}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
echo "== make_registry $PARTS parts"
"$B/bench/make_registry" "$T/reg" "$PARTS"
echo "== in-process"
"$B/bench/bench_rights" "$T/reg" "$RUNS" | tee "$T/inproc"
echo "== through the CLI (median of $RUNS)"
"$B/cli/archipel" rights SYN-P9000050 --registry "$T/reg" >/dev/null  # warms the page cache
for i in $(seq "$RUNS"); do
  s=$(date +%s%N); "$B/cli/archipel" rights SYN-P9000050 --registry "$T/reg" >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
done | sort -n | awk '{ a[NR] = $1 } END { printf "archipel rights SYN-P9000050: %.1f ms\n", a[int((NR + 1) / 2)] / 1000 }'
echo "== baseline: git cat-file of the 50 manifests of the chain"
for n in $(seq 9000001 9000050); do echo "main:parts/SYN/P/$((n / 1000))/SYN-P$n/1.0.0/part.json"; done >"$T/paths"
for i in $(seq "$RUNS"); do
  s=$(date +%s%N); git -C "$T/reg" cat-file --batch <"$T/paths" >/dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 ))
done | sort -n | awk '{ a[NR] = $1 } END { printf "git cat-file --batch, 50 manifests: %.1f ms\n", a[int((NR + 1) / 2)] / 1000 }' | tee "$T/git"
awk 'NR == FNR && /ancestry chain/ { split($0, p, ": "); split(p[2], q, " "); r = q[1] } NR != FNR { split($0, p, ": "); split(p[2], q, " "); g = q[1] }
     END { if (g > 0) printf "ratio rights (in-process) / git cat-file: %.1f\n", r / g }' "$T/inproc" "$T/git"
