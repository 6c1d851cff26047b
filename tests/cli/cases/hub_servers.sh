# SPDX-License-Identifier: Apache-2.0
# Issue 11, hubs on real servers (127.0.0.1 only, started and stopped here): a hub with the
# Archipel hook behind sshd and behind lighttpd + git http-backend. Plain `git push` over ssh and
# over http: a good signed commit lands, a forged one and a force push are refused by the hook
# with their reasons (git shows them as "remote: ..."); clones over both verify.
# Skipped (77) when sshd, lighttpd or fcgiwrap is missing.
S="$SRC/tests/servers"
trap 'bash "$S/sshd.sh" stop "$WORK/sshd"; bash "$S/http.sh" stop "$WORK/http"; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/repos"
rc=0; bash "$S/sshd.sh" start "$WORK/sshd" || rc=$?
[ "$rc" = 0 ] || { echo "skip: sshd.sh start exited $rc"; exit 77; }
rc=0; bash "$S/http.sh" start "$WORK/http" "$WORK/repos" || rc=$?
[ "$rc" = 0 ] || { echo "skip: http.sh start exited $rc"; exit 77; }
source "$WORK/sshd/env"; source "$WORK/http/env"
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org \
       GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org
R="$WORK/xdg/archipel/registry" HUB="$WORK/repos/hub.git"
SSH_HUB="$SSH_URL$HUB" HTTP_HUB="$HTTP_URL/hub.git"
part() {
  mkdir -p "$1" && printf 'solid p\nendsolid p\n' >"$1/plate.stl"
  cat >"$1/part.json" <<JSON
{
  "schema": 1, "kind": "part", "name": "$2", "version": "1.0.0",
  "designer": {"name": "Tester", "email": "tester@example.org"}, "licence": "CC-BY-4.0",
  "dimensions": {"width_mm": 120, "depth_mm": 40, "height_mm": 4},
  "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]
}
JSON
}
push() { set +e; git "$@" >"$WORK/push.out" 2>&1; pushed=$?; set -e; }
push_has() { grep -qF -- "$1" "$WORK/push.out" || { echo "FAIL: push output lacks: $1"; cat "$WORK/push.out"; exit 1; }; }
hub_at() { [ "$(git -C "$HUB" rev-parse main)" = "$1" ] || { echo "FAIL: hub main moved"; cat "$WORK/push.out"; exit 1; }; }

expect 0 -- registry init --namespace TST --name "Test parts"
part a "Plate A"; expect 0 -- publish a/part.json
git init -q --bare -b main "$HUB"
expect 0 -- hook install "$HUB"

# ssh: the whole history, then one more signed commit.
push -C "$R" push "$SSH_HUB" main
[ "$pushed" = 0 ] || { cat "$WORK/push.out"; exit 1; }
push_has "remote: archipel: push accepted: 2 new commits verified"
part b "Plate B"; expect 0 -- publish b/part.json
push -C "$R" push "$SSH_HUB" main
push_has "remote: archipel: push accepted: 1 new commit verified"
good=$(git -C "$R" rev-parse main); hub_at "$good"

# http: a clone, a forged commit pushed back, refused; a force push refused.
git clone -q "$HTTP_HUB" "$WORK/forge"
sed -i 's/CC-BY-4.0/MIT/' "$WORK/forge/parts/TST/P/000/TST-P0001/1.0.0/part.json"
git -C "$WORK/forge" commit -qam "relicence, unsigned"
forged=$(git -C "$WORK/forge" rev-parse HEAD)
push -C "$WORK/forge" push origin main
[ "$pushed" != 0 ] || { echo "FAIL: the forged push was accepted over http"; exit 1; }
push_has "remote: archipel: error: refs/heads/main: commit ${forged:0:12}: rewrites part.json of TST-P0001@1.0.0, published earlier"
push_has "remote: archipel: error: refs/heads/main: commit ${forged:0:12}: is not signed"
push_has "! [remote rejected] main -> main (pre-receive hook declined)"
hub_at "$good"
git -C "$WORK/forge" reset -q --hard origin/main~1
push -C "$WORK/forge" push --force "$SSH_HUB" main
push_has "remote: archipel: error: refs/heads/main: $(git -C "$WORK/forge" rev-parse HEAD | cut -c1-12) does not descend from ${good:0:12}: rewriting the history (a force push) is refused"
hub_at "$good"

# Publishing through an http clone: the next good commit lands over http.
git clone -q --bare "$HTTP_HUB" "$WORK/lab.git"
part c "Plate C"; expect 0 -- publish c/part.json --registry "$WORK/lab.git"
push -C "$WORK/lab.git" push "$HTTP_HUB" main
[ "$pushed" = 0 ] || { cat "$WORK/push.out"; exit 1; }
push_has "remote: archipel: push accepted: 1 new commit verified"
hub_at "$(git -C "$WORK/lab.git" rev-parse main)"
git clone -q --bare "$SSH_HUB" "$WORK/reader.git"
expect 0 -- verify --registry "$WORK/reader.git"
out_has "ok: 3 versions"
