#!/usr/bin/env bash
# Authorship benchmarks (issue 10). Usage:
#   bench/bench_auth.sh [BUILD_DIR] [SMALL=10000] [BIG=100000] [PUBLISHES=50]
# Prints: publish throughput with signing against the signing alone (`ssh-keygen -Y sign`, the
# baseline: what publishing pays for the signature), and `archipel verify` on registries of
# SMALL and BIG versions written one signed commit per version (make_registry, signing
# in-process), cold (no verified-commit cache) and cached, with `git fsck --strict` and
# `git verify-commit` per commit (extrapolated) as baselines.
set -euo pipefail
B=$(realpath "${1:-build}"); SMALL=${2:-10000}; BIG=${3:-100000}; PUBS=${4:-50}
A=$B/cli/archipel; MK=$B/bench/make_registry
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" HOME="$T/home"
mkdir -p "$HOME"
now() { date +%s.%N; }
ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) * 1000 }'; }
measure() {  # measure LABEL CMD...: wall seconds and peak RSS of one run
  local label=$1; shift
  /usr/bin/time -f '%e %M' -o "$T/time" "$@" >"$T/last.out" 2>"$T/last.err" || { cat "$T/last.out" "$T/last.err"; exit 1; }
  read -r secs kb <"$T/time"
  printf '%-52s %9s s %9s MB\n' "$label" "$secs" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
}
ssh-keygen -q -t ed25519 -N '' -C bench@example.org -f "$T/key" </dev/null
export ARCHIPEL_SIGNING_KEY="$T/key"

echo "== publish $PUBS parts, one process each (signed with ssh-keygen -Y sign, as git does)"
"$A" registry init --registry "$T/pub" --namespace PUB >/dev/null
for i in $(seq 1 "$PUBS"); do
  d="$T/parts/$i"; mkdir -p "$d"
  printf 'solid p%s\nendsolid p%s\n' "$i" "$i" >"$d/part.stl"
  printf '{"schema": 1, "kind": "part", "name": "bench part %s", "version": "1.0.0", "designer": {"name": "Bench", "email": "bench@example.org"}, "licence": "CC-BY-4.0", "dimensions": {"width_mm": 40, "depth_mm": 40, "height_mm": 3}, "files": [{"path": "part.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]}\n' "$i" >"$d/part.json"
done
t0=$(now)
for i in $(seq 1 "$PUBS"); do "$A" publish --registry "$T/pub" "$T/parts/$i/part.json" >/dev/null; done
t1=$(now)
printf 'x%.0s' $(seq 1 300) >"$T/payload"
t2=$(now)
for i in $(seq 1 "$PUBS"); do rm -f "$T/payload.sig"; ssh-keygen -Y sign -n git -f "$T/key" "$T/payload" 2>/dev/null; done
t3=$(now)
pub=$(ms "$t0" "$t1"); sig=$(ms "$t2" "$t3")
awk -v n="$PUBS" -v p="$pub" -v s="$sig" 'BEGIN {
  printf "%-52s %9.1f ms/part  %6.1f parts/s\n", "archipel publish (signed)", p / n, n * 1000 / p
  printf "%-52s %9.1f ms/part  %6.1f parts/s\n", "  without the signature (publish - ssh-keygen sign)", (p - s) / n, n * 1000 / (p - s)
  printf "%-52s %9.1f ms/sig   (%.0f%% of a publish)\n", "  ssh-keygen -Y sign alone (the baseline)", s / n, 100 * s / p }'

for N in "$SMALL" "$BIG"; do
  echo; echo "== verify, $N versions in $N signed commits (+ components and objects)"
  measure "make_registry $N (one signed commit per part)" "$MK" "$T/r$N" "$N" SYN 1
  rm -rf "$XDG_CACHE_HOME" "$XDG_STATE_HOME"
  measure "archipel verify, cold (no verified-commit cache)" "$A" verify --registry "$T/r$N"
  tail -1 "$T/last.out" | sed 's/^/  /'
  measure "archipel verify, cached" "$A" verify --registry "$T/r$N"
  tail -1 "$T/last.out" | sed 's/^/  /'
  measure "git fsck --strict" git -C "$T/r$N" fsck --strict --no-progress
  echo "bench@example.org $(cat "$T/key.pub")" >"$T/allowed"  # not the bench key: timing only
  commits=$(git -C "$T/r$N" rev-list --count main)
  t0=$(now)
  git -C "$T/r$N" rev-list --max-count=100 main | while read -r c; do
    git -C "$T/r$N" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$T/allowed" verify-commit "$c" >/dev/null 2>&1 || true
  done
  t1=$(now)
  awk -v m="$(ms "$t0" "$t1")" -v c="$commits" 'BEGIN {
    printf "%-52s %9.1f s   (%.1f ms per commit x %d commits, extrapolated from 100)\n", "git verify-commit per commit", m / 100 * c / 1000, m / 100, c }'
done
