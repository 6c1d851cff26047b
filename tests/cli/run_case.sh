#!/usr/bin/env bash
# Runs one CLI end-to-end case. A case file is a bash script that may use:
#   $ARCHIPEL (the binary), $SRC (the source tree), $WORK (a fresh temporary folder, the cwd),
#   expect CODE -- ARGS...   runs `archipel ARGS`, checks the exit code, keeps stdout/stderr in
#                            $WORK/out and $WORK/err
#   same_out FILE / same_err FILE   compare the last run's stdout/stderr with a heredoc or file
# The case fails on the first mismatch, printing a diff.
set -euo pipefail
CASE=$1 ARCHIPEL=$2 SRC=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export ARCHIPEL SRC WORK LC_ALL=C.UTF-8 XDG_DATA_HOME="$WORK/xdg" HOME="$WORK/home"
unset ARCHIPEL_REGISTRY
mkdir -p "$HOME"
# Every commit Archipel writes is signed: each case gets its own throw-away key (docs/trust.md).
ssh-keygen -q -t ed25519 -N '' -C tester@example.org -f "$WORK/home/id_ed25519" </dev/null >/dev/null
export ARCHIPEL_SIGNING_KEY="$WORK/home/id_ed25519"

expect() {
  local code=$1; shift; [ "$1" = "--" ] && shift
  set +e; "$ARCHIPEL" "$@" >"$WORK/out" 2>"$WORK/err"; local got=$?; set -e
  if [ "$got" != "$code" ]; then
    echo "FAIL: archipel $* exited $got, expected $code"; echo "--- stdout"; cat "$WORK/out"
    echo "--- stderr"; cat "$WORK/err"; exit 1
  fi
}
same_out() { diff -u "${1:-/dev/stdin}" "$WORK/out" || { echo "FAIL: stdout differs"; exit 1; }; }
same_err() { diff -u "${1:-/dev/stdin}" "$WORK/err" || { echo "FAIL: stderr differs"; exit 1; }; }
out_has() { grep -qF -- "$1" "$WORK/out" || { echo "FAIL: stdout lacks: $1"; cat "$WORK/out"; exit 1; }; }
err_has() { grep -qF -- "$1" "$WORK/err" || { echo "FAIL: stderr lacks: $1"; cat "$WORK/err"; exit 1; }; }

source "$CASE"
echo "ok: $(basename "$CASE")"
