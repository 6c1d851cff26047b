#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test servers themselves, proved with the plain git CLI: a bare repository served by
# tests/servers/sshd.sh and tests/servers/http.sh is cloned, pushed to and fetched from over
# both, and nothing listens anywhere but 127.0.0.1. Exit 77 (skip) when a server is missing.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
cleanup() {
  bash "$HERE/sshd.sh" stop "$T/sshd" || true
  bash "$HERE/http.sh" stop "$T/http" || true
  rm -rf "$T"
}
trap cleanup EXIT
export HOME="$T/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
mkdir -p "$HOME" "$T/repos"
git config --global user.name Tester
git config --global user.email tester@example.org
git config --global init.defaultBranch main
fail() { echo "FAIL: $*"; exit 1; }

rc=0; bash "$HERE/sshd.sh" start "$T/sshd" || rc=$?
[ "$rc" -eq 77 ] && { echo "skip: no sshd"; exit 77; }
[ "$rc" -eq 0 ] || fail "sshd.sh start exited $rc"
rc=0; bash "$HERE/http.sh" start "$T/http" "$T/repos" || rc=$?
[ "$rc" -eq 77 ] && { echo "skip: no lighttpd/fcgiwrap"; exit 77; }
[ "$rc" -eq 0 ] || fail "http.sh start exited $rc"
source "$T/sshd/env"; source "$T/http/env"

# Both servers listen on 127.0.0.1 only, on the ports they announced.
listening=$(ss -Hltnp 2>/dev/null | awk '{ print $4 }')
echo "$listening" | grep -qx "127.0.0.1:$SSH_PORT" || fail "sshd not on 127.0.0.1:$SSH_PORT"
echo "$listening" | grep -qx "127.0.0.1:$HTTP_PORT" || fail "lighttpd not on 127.0.0.1:$HTTP_PORT"
for pidfile in "$T/sshd/sshd.pid" "$T/http/lighttpd.pid"; do
  pid=$(cat "$pidfile")
  ss -Hltnp 2>/dev/null | grep "pid=$pid," | awk '{ print $4 }' | grep -v '^127\.0\.0\.1:' &&
    fail "pid $pid listens beyond 127.0.0.1"
done

git init -q --bare "$T/repos/hub.git"
git init -q "$T/w"
echo one >"$T/w/a.txt"; git -C "$T/w" add a.txt; git -C "$T/w" commit -qm one
c1=$(git -C "$T/w" rev-parse HEAD)

# ssh: push, clone, push again, fetch; the client key is the only way in.
git -C "$T/w" push -q "$SSH_URL$T/repos/hub.git" main
[ "$(git -C "$T/repos/hub.git" rev-parse main)" = "$c1" ] || fail "ssh push did not land"
git clone -q "$SSH_URL$T/repos/hub.git" "$T/ssh-clone"
[ "$(git -C "$T/ssh-clone" rev-parse HEAD)" = "$c1" ] || fail "ssh clone is not at $c1"
echo two >>"$T/ssh-clone/a.txt"; git -C "$T/ssh-clone" commit -qam two
c2=$(git -C "$T/ssh-clone" rev-parse HEAD)
git -C "$T/ssh-clone" push -q origin main
[ "$(git -C "$T/repos/hub.git" rev-parse main)" = "$c2" ] || fail "second ssh push did not land"
ssh-keygen -q -t ed25519 -N '' -f "$T/stranger" </dev/null
if GIT_SSH_COMMAND="${GIT_SSH_COMMAND/-i $SSH_KEY/-i $T/stranger}" \
   git ls-remote "$SSH_URL$T/repos/hub.git" >/dev/null 2>"$T/err"; then
  fail "a stranger's key was let in"
fi
grep -q "Permission denied (publickey)" "$T/err" || { cat "$T/err"; fail "stranger: wrong refusal"; }
# The host key is checked: a known_hosts naming another key refuses the connection.
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$T/stranger.pub")" >"$T/wrong_known_hosts"
if GIT_SSH_COMMAND="${GIT_SSH_COMMAND/$SSH_KNOWN_HOSTS/$T/wrong_known_hosts}" \
   git ls-remote "$SSH_URL$T/repos/hub.git" >/dev/null 2>"$T/err"; then
  fail "a wrong host key was accepted"
fi
grep -q "REMOTE HOST IDENTIFICATION HAS CHANGED" "$T/err" || { cat "$T/err"; fail "host key: wrong refusal"; }

# http: clone, push (enabled by the server's test-only setting), fetch over ssh sees it.
git clone -q "$HTTP_URL/hub.git" "$T/http-clone"
[ "$(git -C "$T/http-clone" rev-parse HEAD)" = "$c2" ] || fail "http clone is not at $c2"
echo three >>"$T/http-clone/a.txt"; git -C "$T/http-clone" commit -qam three
c3=$(git -C "$T/http-clone" rev-parse HEAD)
git -C "$T/http-clone" push -q origin main
[ "$(git -C "$T/repos/hub.git" rev-parse main)" = "$c3" ] || fail "http push did not land"
git -C "$T/ssh-clone" pull -q --ff-only origin main
[ "$(git -C "$T/ssh-clone" rev-parse HEAD)" = "$c3" ] || fail "ssh fetch did not see the http push"
git ls-remote "$HTTP_URL/missing.git" >/dev/null 2>&1 && fail "a missing repository was served"

# stop stops everything start started.
sshd_pid=$(cat "$T/sshd/sshd.pid"); http_pid=$(cat "$T/http/lighttpd.pid")
bash "$HERE/sshd.sh" stop "$T/sshd"; bash "$HERE/http.sh" stop "$T/http"
for pid in "$sshd_pid" "$http_pid"; do
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && fail "pid $pid still runs after stop"
done
git ls-remote "$HTTP_URL/hub.git" >/dev/null 2>&1 && fail "http still answers after stop"
echo "ok: servers (ssh and http push/clone/fetch with the git CLI)"
