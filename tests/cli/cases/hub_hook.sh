# SPDX-License-Identifier: Apache-2.0
# Issue 11, hubs: a bare repository with `archipel hook install` refuses, with its reason, what
# a plain `git push` sends that the registry's history rules refuse: a forged commit (a published
# part.json rewritten and signed by a stranger; an unsigned commit), a force-pushed rewritten
# history, a deleted main, another ref. A good signed commit goes through. The hub stays at its
# old tip after each refusal.
fp() { ssh-keygen -l -f "$1" | cut -d' ' -f2; }
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Tester GIT_AUTHOR_EMAIL=tester@example.org \
       GIT_COMMITTER_NAME=Tester GIT_COMMITTER_EMAIL=tester@example.org
R="$WORK/xdg/archipel/registry" HUB="$WORK/hub.git"
part() {  # part DIR NAME: a small part folder
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
expect 0 -- registry init --namespace TST --name "Test parts"
part a "Plate A"
expect 0 -- publish a/part.json

# Installing: only into a bare repository, never over someone else's hook unless --force.
git init -q --bare -b main "$HUB"
git init -q -b main "$WORK/plain"
expect 1 -- hook install "$WORK/plain"
same_err <<<"archipel: error: $WORK/plain: is not a bare repository (a hub is one: git init --bare)"
expect 3 -- hook install "$WORK/nowhere"
same_err <<<"archipel: error: $WORK/nowhere: does not exist"
ln -s "$HUB" "$WORK/link.git"
expect 1 -- hook install "$WORK/link.git"
same_err <<<"archipel: error: $WORK/link.git: is a symbolic link; not followed"
printf '#!/bin/sh\nexit 0\n' >"$HUB/hooks/pre-receive"
expect 1 -- hook install "$HUB"
same_err <<<"archipel: error: $HUB/hooks/pre-receive: a pre-receive hook that is not Archipel's is already there; --force replaces it"
expect 0 -- hook install "$HUB" --force
same_out <<EOF
Replaced $HUB/hooks/pre-receive
  runs $ARCHIPEL hook pre-receive
  pushes to refs/heads/main are verified (signatures, owners, append-only); other refs are refused
EOF
[ -x "$HUB/hooks/pre-receive" ] || { echo "FAIL: the hook is not executable"; exit 1; }
expect 0 -- hook install "$HUB" --json  # ours: replaced without --force
out_has '"replaced": true'
out_has "\"archipel\": \"$ARCHIPEL\""
git -C "$HUB" config core.hooksPath /elsewhere
expect 1 -- hook install "$HUB"
same_err <<<"archipel: error: $HUB: core.hooksPath is set to /elsewhere: git would not run hooks/pre-receive; unset it first"
git -C "$HUB" config --unset core.hooksPath

# The hook reads git's "OLD NEW REF" lines; anything else is a usage error.
echo "not a ref line" | { expect 2 -- hook pre-receive "$HUB"; }
same_err <<<'archipel: error: stdin: line 1 is not "OLD NEW REF"'

push() {  # push ARGS...: a plain git push into the hub, its output in $WORK/push.out
  set +e; git "$@" >"$WORK/push.out" 2>&1; pushed=$?; set -e
}
hub_at() { [ "$(git -C "$HUB" rev-parse main)" = "$1" ] || { echo "FAIL: hub main is $(git -C "$HUB" rev-parse main), not $1"; cat "$WORK/push.out"; exit 1; }; }
push_has() { grep -qF -- "$1" "$WORK/push.out" || { echo "FAIL: push output lacks: $1"; cat "$WORK/push.out"; exit 1; }; }

# The first push into the empty hub: the whole history is verified.
push -C "$R" push "$HUB" main
[ "$pushed" = 0 ] || { cat "$WORK/push.out"; exit 1; }
push_has "remote: archipel: push accepted: 2 new commits verified"
hub_at "$(git -C "$R" rev-parse main)"

# (a) a good signed archipel commit is accepted.
part b "Plate B"
expect 0 -- publish b/part.json
push -C "$R" push "$HUB" main
[ "$pushed" = 0 ] || { cat "$WORK/push.out"; exit 1; }
push_has "remote: archipel: push accepted: 1 new commit verified"
good=$(git -C "$R" rev-parse main)
hub_at "$good"

# (b) forged with plain git: Plate A's published part.json relicensed, signed by a stranger...
ssh-keygen -q -t ed25519 -N '' -C mallory@example.org -f "$WORK/mallory" </dev/null
git clone -q "$HUB" "$WORK/forge"
f="$WORK/forge/parts/TST/P/000/TST-P0001/1.0.0/part.json"
sed -i 's/CC-BY-4.0/MIT/' "$f"
git -C "$WORK/forge" -c gpg.format=ssh -c user.signingkey="$WORK/mallory" commit -qS -am "relicence"
forged=$(git -C "$WORK/forge" rev-parse HEAD)
push -C "$WORK/forge" push origin main
[ "$pushed" != 0 ] || { echo "FAIL: the forged push was accepted"; exit 1; }
push_has "remote: archipel: error: refs/heads/main: commit ${forged:0:12}: rewrites part.json of TST-P0001@1.0.0, published earlier"
push_has "remote: archipel: error: refs/heads/main: commit ${forged:0:12}: changes TST-P0001, signed by $(fp "$WORK/mallory.pub"), who may not: allowed tester@example.org ($(fp "$ARCHIPEL_SIGNING_KEY.pub"))"
push_has "remote: archipel: error: push refused (2 problems); the hub keeps its history"
push_has "! [remote rejected] main -> main (pre-receive hook declined)"
hub_at "$good"
# ... and an unsigned commit adding a new version of Plate B.
git -C "$WORK/forge" reset -q --hard origin/main
d="$WORK/forge/parts/TST/P/000/TST-P0002"
cp -r "$d/1.0.0" "$d/1.0.1" && sed -i 's/"1.0.0"/"1.0.1"/' "$d/1.0.1/part.json"
git -C "$WORK/forge" add -A && git -C "$WORK/forge" commit -qm "unsigned version"
unsigned=$(git -C "$WORK/forge" rev-parse HEAD)
push -C "$WORK/forge" push origin main
push_has "remote: archipel: error: refs/heads/main: commit ${unsigned:0:12}: is not signed"
hub_at "$good"

# (c) a rewritten history force-pushed: main moved back to Plate A's commit (Plate B dropped),
# re-signed by the owner: refused as a rewrite, whoever signs it.
git -C "$WORK/forge" reset -q --hard origin/main~1
git -C "$WORK/forge" -c gpg.format=ssh -c user.signingkey="$ARCHIPEL_SIGNING_KEY" commit -q -S --amend -m "rewritten"
rewritten=$(git -C "$WORK/forge" rev-parse HEAD)
push -C "$WORK/forge" push --force origin main
push_has "remote: archipel: error: refs/heads/main: ${rewritten:0:12} does not descend from ${good:0:12}: rewriting the history (a force push) is refused"
hub_at "$good"

# (d) main deleted; (e) another ref.
push -C "$WORK/forge" push origin :main
push_has "remote: archipel: error: refs/heads/main: deleting main is refused: a hub's history is append-only"
hub_at "$good"
push -C "$R" push "$HUB" main:refs/heads/other
[ "$pushed" != 0 ] || { echo "FAIL: another ref was accepted"; exit 1; }
push_has "remote: archipel: error: refs/heads/other: a hub accepts pushes to refs/heads/main only"
git -C "$HUB" rev-parse -q --verify refs/heads/other >/dev/null && { echo "FAIL: refs/heads/other exists"; exit 1; }

# The hub itself verifies, and a refused push left none of its objects behind.
git -C "$HUB" cat-file -e "$forged" 2>/dev/null && { echo "FAIL: the forged commit is in the hub"; exit 1; }
expect 0 -- verify --registry "$HUB"
out_has "ok: 2 versions"

# Forgejo's and Gitea's layout: their own hooks/pre-receive runs each script of
# hooks/pre-receive.d/ with the same stdin; ours is installed there, theirs kept.
F="$WORK/forgejo.git"
git init -q --bare -b main "$F" && mkdir "$F/hooks/pre-receive.d"
cat >"$F/hooks/pre-receive" <<'SH'
#!/bin/sh
data=$(cat)
for h in hooks/pre-receive.d/*; do printf '%s\n' "$data" | "$h" || exit 1; done
SH
chmod +x "$F/hooks/pre-receive"
expect 0 -- hook install "$F"
out_has "Installed $F/hooks/pre-receive.d/archipel"
grep -q 'for h in hooks/pre-receive.d' "$F/hooks/pre-receive" || { echo "FAIL: Forgejo's hook was touched"; exit 1; }
push -C "$R" push "$F" main
push_has "remote: archipel: push accepted: 3 new commits verified"
push -C "$WORK/forge" push --force "$F" main
push_has "remote: archipel: error: refs/heads/main: ${rewritten:0:12} does not descend from ${good:0:12}"
[ "$(git -C "$F" rev-parse main)" = "$good" ] || { echo "FAIL: the Forgejo hub moved"; exit 1; }
