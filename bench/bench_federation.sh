#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Federation benchmarks (issue 11), side by side with the git CLI on the same transfer, over the
# test sshd on 127.0.0.1 (tests/servers/sshd.sh). Usage:
#   bench/bench_federation.sh [BUILD_DIR] [BASE=100000] [NEW=10000] [PUSHED=100] [PARTS_PER_COMMIT=1]
# One run of each:
#   - the hub: a registry of BASE + NEW versions (or a copy of $BENCH_HUB, one make_registry wrote) (bench/make_registry, signed in-process, PARTS_PER_COMMIT
#     parts per commit; 1 is one commit per publish, as `archipel publish` writes them), its size
#     on disk before and after `git gc`;
#   - clone of the BASE registry over ssh: `git clone --bare` vs `archipel clone`;
#   - pull of NEW new versions into the BASE registry: `git fetch` vs `archipel pull` (which
#     verifies every new commit and refreshes the index), then the first `archipel search` after;
#   - push of PUSHED versions: `git push` vs `archipel push` (and `git push` into a hub with the
#     Archipel pre-receive hook: the server-side verification's cost);
# each with wall time and peak RSS (/usr/bin/time -v). The archipel side runs only when the
# binary has `clone`, `pull` and `push` (branch "fed"); otherwise it is reported as not run.
set -euo pipefail
B=$(realpath "${1:-build}"); BASE=${2:-100000}; NEW=${3:-10000}; PUSHED=${4:-100}; PPC=${5:-1}
A=$B/cli/archipel; MK=$B/bench/make_registry
# The hook's archipel (`hook install`): this one, unless $HOOK_ARCHIPEL names another build's.
HOOK_A=$(realpath "${HOOK_ARCHIPEL:-$A}")
HERE=$(cd "$(dirname "$0")" && pwd); SERVERS=$HERE/../tests/servers
T=$(mktemp -d "${TMPDIR:-/tmp}/bench_federation.XXXXXX")
trap 'bash "$SERVERS/sshd.sh" stop "$T/sshd" >/dev/null 2>&1 || true; rm -rf "$T"' EXIT
export XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" XDG_DATA_HOME="$T/data" HOME="$T/home"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
mkdir -p "$HOME/.ssh" "$T/repos"
git config --global user.name Bench; git config --global user.email bench@example.org

# measure LABEL CMD...: wall seconds and peak RSS of one run (GNU time -v).
measure() {
  local label=$1; shift
  if ! /usr/bin/time -v -o "$T/time" "$@" >"$T/last.out" 2>"$T/last.err"; then
    printf '%-58s FAILED\n' "$label"; tail -5 "$T/last.err" | sed 's/^/    /'; return 1
  fi
  local secs kb
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$T/time")
  kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$T/time")
  printf '%-58s %9.2f s %9.1f MB\n' "$label" "$secs" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')"
  echo "$secs" >"$T/last.secs"
}
size() { du -sb "$1" | awk '{ printf "%.1f MB", $1 / 1e6 }'; }
objects() { find "$1/objects" -type f | wc -l; }
has_fed() { local help; help=$("$A" --help); for c in clone pull push remote; do grep -q "^  $c " <<<"$help" || return 1; done; }

SERVER_LIFETIME=${SERVER_LIFETIME:-21600} bash "$SERVERS/sshd.sh" start "$T/sshd"  # a 100k run takes hours
source "$T/sshd/env"
# libgit2 (archipel) finds the client key and the server's host key where ssh would: ~/.ssh.
cp "$SSH_KEY" "$HOME/.ssh/id_ed25519"; cp "$SSH_KEY.pub" "$HOME/.ssh/id_ed25519.pub"
cp "$SSH_KNOWN_HOSTS" "$HOME/.ssh/known_hosts"
HUB=$T/repos/hub.git

echo "== the hub: $((BASE + NEW)) versions, $PPC per signed commit (make_registry), on 127.0.0.1 ssh"
if [ -n "${BENCH_HUB:-}" ]; then  # a registry make_registry wrote earlier (BASE + NEW versions, PPC)
  cp -a "$BENCH_HUB" "$HUB"; echo "  copied from $BENCH_HUB"
else
  measure "make_registry $((BASE + NEW)) versions" "$MK" "$HUB" "$((BASE + NEW))" SYN "$PPC"
  echo "  $(cat "$T/last.out")"
fi
echo "  size as written: $(size "$HUB") in $(objects "$HUB") object files"
if [ "$(git -C "$HUB" count-objects | cut -d' ' -f1)" != 0 ]; then
  measure "git repack -ad (the hub packs its objects)" git -C "$HUB" repack -adq
fi
echo "  size packed: $(size "$HUB") ($(du -sb "$HUB/objects/pack" | awk '{ printf "%.1f MB", $1 / 1e6 }') of packs)"
# The BASE state: the commit that published version BASE (every later commit adds NEW more).
full=$(git -C "$HUB" rev-parse main)
base=$(git -C "$HUB" log --format=%H --grep="^bench: parts .* to $BASE\$" -1 main)
[ -n "$base" ] || { echo "no commit ends at part $BASE (PARTS_PER_COMMIT must divide $BASE)"; exit 1; }
git -C "$HUB" update-ref refs/heads/main "$base"
echo "  the $BASE-version hub: $(git -C "$HUB" rev-list --count main) commits"

echo; echo "== clone of the $BASE-version registry over ssh (127.0.0.1)"
measure "git clone --bare" git clone -q --bare "$SSH_URL$HUB" "$T/git-clone.git"
git_clone=$(cat "$T/last.secs")
echo "  clone size: $(size "$T/git-clone.git")"
measure "git gc of the clone" git -C "$T/git-clone.git" gc -q
echo "  the $BASE-version registry after git gc: $(size "$T/git-clone.git") ($(git -C "$T/git-clone.git" count-objects -v | awk -F': ' '/^count/ { c = $2 } /^in-pack/ { p = $2 } END { print p " objects packed, " c " loose" }'))"
FED=0; has_fed && FED=1
if [ "$FED" = 1 ]; then
  measure "archipel clone (verifies every commit, pins maintainers)" "$A" clone "$SSH_URL$HUB" "$T/archipel-clone"
  awk -v a="$(cat "$T/last.secs")" -v g="$git_clone" 'BEGIN { printf "  archipel / git: %.2f x\n", a / g }'
else
  echo "archipel clone: not run (this archipel has no clone/pull/push: branch fed)"
fi

echo; echo "== pull of $NEW new versions into the $BASE-version registry"
git -C "$HUB" update-ref refs/heads/main "$full" "$base"
measure "git fetch" git -C "$T/git-clone.git" fetch -q origin main
git_fetch=$(cat "$T/last.secs")
if [ "$FED" = 1 ]; then
  measure "archipel pull (verification + integration + index)" "$A" pull --registry "$T/archipel-clone"
  awk -v a="$(cat "$T/last.secs")" -v g="$git_fetch" 'BEGIN { printf "  archipel / git: %.2f x\n", a / g }'
  measure "first archipel search after the pull" "$A" search synthetic --registry "$T/archipel-clone" --json
  measure "archipel list after the pull" "$A" list --registry "$T/archipel-clone" --json
else
  echo "archipel pull: not run (branch fed)"
fi

echo; echo "== push of $PUSHED new versions"
cp -a "$HUB" "$T/repos/hub-hook.git"; cp -a "$HUB" "$T/repos/hub-git.git"
"$HOOK_A" hook install "$T/repos/hub-hook.git" >/dev/null
if [ "$FED" = 1 ]; then
  W=$T/archipel-clone
else  # the pushed commits, made by archipel publish in a bare clone of the hub
  git clone -q --bare "$HUB" "$T/publisher.git"; W=$T/publisher.git
fi
ssh-keygen -q -t ed25519 -N '' -C publisher@example.org -f "$T/publisher" </dev/null
export ARCHIPEL_SIGNING_KEY=$T/publisher
for i in $(seq 1 "$PUSHED"); do
  d="$T/parts/$i"; mkdir -p "$d"
  printf 'solid p%s\nendsolid p%s\n' "$i" "$i" >"$d/part.stl"
  printf '{"schema": 1, "kind": "part", "name": "pushed part %s", "version": "1.0.0", "designer": {"name": "Bench", "email": "bench@example.org"}, "licence": "CC-BY-4.0", "dimensions": {"width_mm": 40, "depth_mm": 40, "height_mm": 3}, "files": [{"path": "part.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]}\n' "$i" >"$d/part.json"
  "$A" publish --registry "$W" "$d/part.json" >/dev/null
done
if [ "$FED" = 1 ]; then
  cp -a "$HUB" "$T/repos/hub-archipel.git"
  "$A" remote add hub-archipel "$SSH_URL$T/repos/hub-archipel.git" --registry "$W" >/dev/null
  measure "archipel push (serials, signatures, compare-and-swap)" "$A" push hub-archipel --registry "$W"
  archipel_push=$(cat "$T/last.secs")
fi
measure "git push of the same commits" git -C "$W" push -q "$SSH_URL$T/repos/hub-git.git" main
git_push=$(cat "$T/last.secs")
[ "$FED" = 1 ] && awk -v a="$archipel_push" -v g="$git_push" 'BEGIN { printf "  archipel / git: %.2f x\n", a / g }'
measure "git push into a hub with the Archipel hook" git -C "$W" push -q "$SSH_URL$T/repos/hub-hook.git" main
echo "  the hook: $(grep -o 'push accepted: [0-9]* new commits verified' "$T/last.err" || echo '?')"
