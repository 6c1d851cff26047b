# Issue 11: what a pull refuses, with nothing integrated: a forged commit on the hub, a rewritten
# history, a change of maintainers signed by a key not pinned here; and the same serial@version
# with different content in two registries (reported with both tree ids, not integrated, and
# not pushed).
fp() { ssh-keygen -l -f "$1" | cut -d' ' -f2; }
key() { ssh-keygen -q -t ed25519 -N '' -C "$1" -f "$WORK/keys/$2" </dev/null >/dev/null; }
mkdir keys && key anne@bxl.example anne && key louis@lyo.example louis && key mallory@evil.example mallory
ANNE=$(fp keys/anne.pub) MALLORY=$(fp keys/mallory.pub)
BXL="$WORK/bxl" LYO="$WORK/lyo" HUB="$WORK/hub.git"
git init -q --bare "$HUB"
part() {  # part DIR NAME VERSION
  mkdir -p "$1" && printf 'solid %s\nendsolid\n' "$2" >"$1/p.stl"
  printf '{"schema": 1, "kind": "part", "name": "%s", "version": "%s", "designer": {"name": "Anne", "email": "anne@bxl.example"}, "licence": "MIT", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl"}]}\n' "$2" "$3" >"$1/part.json"
}
export ARCHIPEL_SIGNING_KEY="$WORK/keys/anne"
expect 0 -- registry init --registry "$BXL" --namespace BXL
part plate "Plate" 1.0.0
expect 0 -- publish plate/part.json --registry "$BXL"
expect 0 -- remote add origin "$HUB" --registry "$BXL"
expect 0 -- push --registry "$BXL"
export ARCHIPEL_SIGNING_KEY="$WORK/keys/louis"
expect 0 -- registry init --registry "$LYO" --namespace LYO
expect 0 -- remote add hub "$HUB" --registry "$LYO"
expect 0 -- pull hub --registry "$LYO"
GOOD=$(git -C "$HUB" rev-parse main) LYO_TIP=$(git -C "$LYO" rev-parse main)
state() { echo "$(git -C "$LYO" rev-parse main refs/remotes/hub/main)"; }
BEFORE=$(state)
# 1. Mallory rewrites Anne's plate on the hub with plain git, signing with her own key.
export GIT_INDEX_FILE="$WORK/idx"
git -C "$HUB" read-tree main
blob=$(sed 's/MIT/CC0-1.0/' <(git -C "$HUB" show main:parts/BXL/P/000/BXL-P0001/1.0.0/part.json) | git -C "$HUB" hash-object -w --stdin)
git -C "$HUB" update-index --cacheinfo "100644,$blob,parts/BXL/P/000/BXL-P0001/1.0.0/part.json"
c=$(git -C "$HUB" -c gpg.format=ssh -c user.signingkey="$WORK/keys/mallory" -c user.name=M -c user.email=m@evil.example \
    commit-tree -S "$(git -C "$HUB" write-tree)" -p main -m "relicence")
unset GIT_INDEX_FILE
git -C "$HUB" update-ref refs/heads/main "$c"
expect 1 -- pull hub --registry "$LYO"
out_has "problem: commit ${c:0:12}: rewrites part.json of BXL-P0001@1.0.0, published earlier"
out_has "problem: commit ${c:0:12}: changes BXL-P0001, signed by $MALLORY, who may not: allowed anne@bxl.example ($ANNE)"
same_err <<<"archipel: error: $HUB: refused: 2 problems, nothing integrated"
[ "$(state)" = "$BEFORE" ] || { echo "FAIL: the refused pull moved a ref: $BEFORE -> $(state)"; exit 1; }
expect 1 -- pull hub --registry "$LYO" --json
out_has '"outcome": "refused"'
# 2. The hub's history rewritten (a new tip that does not descend from the one verified).
r=$(git -C "$HUB" -c gpg.format=ssh -c user.signingkey="$WORK/keys/anne" -c user.name=A -c user.email=a@bxl.example \
    commit-tree -S "$GOOD^{tree}" -p "$GOOD^" -m "rewritten")
git -C "$HUB" update-ref refs/heads/main "$r"
expect 1 -- pull hub --registry "$LYO"
out_has "problem: commit ${r:0:12}: the remote's history was rewritten: its tip does not descend from ${GOOD:0:12}, fetched and verified before"
[ "$(state)" = "$BEFORE" ] || { echo "FAIL: the refused pull moved a ref: $BEFORE -> $(state)"; exit 1; }
# 2b. A second BXL history (Mallory's own "BXL" registry) merged into the hub by plain git.
expect 0 -- registry init --registry "$WORK/fake" --namespace BXL --signing-key keys/mallory
f=$(git -C "$WORK/fake" rev-parse main)
git -C "$WORK/fake" push -q "$HUB" "main:refs/heads/fake"
m=$(git -C "$HUB" -c gpg.format=ssh -c user.signingkey="$WORK/keys/mallory" -c user.name=M -c user.email=m@evil.example \
    commit-tree -S "$GOOD^{tree}" -p "$GOOD" -p "$f" -m "merge")
git -C "$HUB" update-ref refs/heads/main "$m"
expect 1 -- pull hub --registry "$LYO"
out_has "problem: commit ${f:0:12}: is a second root commit of namespace BXL, whose history this registry holds already"
[ "$(state)" = "$BEFORE" ] || { echo "FAIL: the refused pull moved a ref: $BEFORE -> $(state)"; exit 1; }
git -C "$HUB" update-ref refs/heads/main "$GOOD"
git -C "$HUB" update-ref -d refs/heads/fake
expect 0 -- pull hub --registry "$LYO"
out_has "already up to date"
# 3. Namespace records: only a maintainer changes them; a change signed by a key not pinned here
# is refused at pull even when the record at its parent allowed it.
expect 1 -- namespace maintainer add --key keys/louis.pub --registry "$BXL"
same_err <<<"archipel: error: only a maintainer of BXL (anne@bxl.example ($ANNE)) may change its record, and the signing key is louis@lyo.example ($(fp keys/louis.pub))"
export ARCHIPEL_SIGNING_KEY="$WORK/keys/anne"
expect 0 -- namespace maintainer add --key keys/mallory.pub --registry "$BXL"
out_has "maintainer  mallory@evil.example  $MALLORY"
expect 1 -- namespace maintainer remove --principal nobody --registry "$BXL"
err_has "nobody is not a maintainer of BXL"
expect 0 -- namespace set --publishers maintainers --registry "$BXL" --signing-key keys/mallory
expect 0 -- verify --registry "$BXL"
expect 0 -- push --registry "$BXL"
export ARCHIPEL_SIGNING_KEY="$WORK/keys/louis"
expect 1 -- pull hub --registry "$LYO"
out_has "changes the record of namespace BXL, signed by $MALLORY, which is not pinned for BXL here (pinned: $ANNE)"
[ "$(state)" = "$BEFORE" ] || { echo "FAIL: the refused pull moved a ref: $BEFORE -> $(state)"; exit 1; }
# Louis, told by Anne, pins Mallory too: the pull goes through.
git -C "$LYO" config archipel.pin.BXL "$ANNE $MALLORY"
expect 0 -- pull hub --registry "$LYO"
out_has "merged"
expect 0 -- namespace show BXL --registry "$LYO"
out_has "publishers  maintainers"
# 4. The same serial@version with different content: Anne publishes BXL-P0002 in her lab and,
# unaware, in a second clone of the hub.
export ARCHIPEL_SIGNING_KEY="$WORK/keys/anne"
expect 0 -- clone "$HUB" "$WORK/bxl2"
part a "Bracket" 1.0.0; part b "Hinge" 1.0.0
expect 0 -- publish a/part.json --registry "$BXL"
expect 0 -- publish b/part.json --registry "$WORK/bxl2"
expect 0 -- push --registry "$BXL"
OURS=$(git -C "$WORK/bxl2" rev-parse main:parts/BXL/P/000/BXL-P0002/1.0.0)
THEIRS=$(git -C "$BXL" rev-parse main:parts/BXL/P/000/BXL-P0002/1.0.0)
expect 1 -- pull --registry "$WORK/bxl2"
out_has "  conflict BXL-P0002@1.0.0: here ${OURS:0:12}, there ${THEIRS:0:12} (not integrated)"
same_err <<<"archipel: warning: $HUB: BXL-P0002@1.0.0 is held here and there with different content (here $OURS, there $THEIRS): not integrated"
[ "$(git -C "$WORK/bxl2" rev-parse main:parts/BXL/P/000/BXL-P0002/1.0.0)" = "$OURS" ]
expect 0 -- verify --registry "$WORK/bxl2"
expect 1 -- push --registry "$WORK/bxl2"
err_has "refusing to push: 1 version is held here and at the remote with different content (publish a new version instead)"
[ "$(git -C "$HUB" rev-parse main:parts/BXL/P/000/BXL-P0002/1.0.0)" = "$THEIRS" ]
