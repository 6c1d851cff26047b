#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Read commands at scale (issue 11): `list`, `history` and `show` answered from the index on a
# registry of BIG parts, and the incremental index refresh after a pull of PULL new versions
# (appended by make_registry as PULL signed commits, one version each, as a pull brings them).
# Usage: bench/bench_scale.sh [BUILD_DIR] [BIG=100000] [PULL=10000] [RUNS=15]
# Prints wall time (median of RUNS, process start included) and peak memory of each command,
# with `archipel --version` (start-up alone) and `git log` on the same serial as baselines.
set -euo pipefail
B=$(realpath "${1:-build}"); BIG=${2:-100000}; PULL=${3:-10000}; RUNS=${4:-15}
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
  printf '%-56s %9s s %9s MB\n' "$label" "$secs" "$(awk -v k="$kb" 'BEGIN { printf "%.1f", k / 1024 }')"
}
median() {  # median LABEL CMD...: median wall ms of RUNS runs
  local label=$1; shift
  for i in $(seq 1 "$RUNS"); do s=$(now); "$@" >/dev/null; e=$(now); ms "$s" "$e"; echo; done |
    sort -n | awk -v l="$label" '{ a[NR] = $1 } END { printf "%-56s %9s ms  (median of %d)\n", l, a[int((NR + 1) / 2)], NR }'
}
echo "load: $(uptime | sed 's/.*load average: //')"
echo "== $BIG parts (make_registry, commits of 5000 parts)"
measure "make_registry $BIG" "$MK" "$T/big" "$BIG"
measure "index build (first list, from scratch)" "$A" list --registry "$T/big"
median "archipel --version (start-up alone)" "$A" --version
median "archipel list" "$A" list --registry "$T/big"
median "archipel list --json" "$A" list --json --registry "$T/big"
median "archipel history SYN-P4242" "$A" history --registry "$T/big" SYN-P4242
median "archipel show SYN-P4242" "$A" show --registry "$T/big" SYN-P4242
median "archipel show SYN-P4242@1.0.0" "$A" show --registry "$T/big" SYN-P4242@1.0.0
median "git log --format=%H main -- (SYN-P4242's folder)" git -C "$T/big" log --format=%H main -- parts/SYN/P/004/SYN-P4242
measure "archipel list (peak memory)" "$A" list --registry "$T/big"
measure "archipel list --json (peak memory)" "$A" list --json --registry "$T/big"
echo "  list --json: $(wc -c <"$T/last.out") bytes, $(grep -c '"serial"' "$T/last.out") serials"

echo; echo "== a pull of $PULL new versions into it ($PULL signed commits, one version each)"
measure "make_registry: append $PULL versions, one commit each" "$MK" "$T/big" "$PULL" SYN 1 $((BIG + 1))
measure "archipel list (incremental refresh of $PULL commits)" "$A" list --registry "$T/big"
echo "  $(wc -l <"$T/last.out") serials listed"
median "archipel list (fresh index)" "$A" list --registry "$T/big"
median "archipel history SYN-P$((BIG + PULL))" "$A" history --registry "$T/big" "SYN-P$((BIG + PULL))"
median "archipel show SYN-P$((BIG + PULL))" "$A" show --registry "$T/big" "SYN-P$((BIG + PULL))"
echo "load: $(uptime | sed 's/.*load average: //')"
