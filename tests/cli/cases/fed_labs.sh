# Issue 11: two labs (BXL, LYO) and a hub (a plain bare git repository). Brussels publishes and
# pushes; Lyon pulls, forks across namespaces and pushes into the hub (a union merge whose first
# parent is the hub's tip); Brussels fast-forwards; a kit producer's clone sees everything and
# verifies; the git CLI reads what Archipel wrote.
fp() { ssh-keygen -l -f "$1" | cut -d' ' -f2; }
key() { ssh-keygen -q -t ed25519 -N '' -C "$1" -f "$WORK/keys/$2" </dev/null >/dev/null; }
mkdir keys && key anne@bxl.example anne && key louis@lyo.example louis && key kim@porto.example kim
ANNE=$(fp keys/anne.pub) LOUIS=$(fp keys/louis.pub)
BXL="$WORK/bxl" LYO="$WORK/lyo" HUB="$WORK/hub.git" KIT="$WORK/kit"
git init -q --bare "$HUB"
export ARCHIPEL_SIGNING_KEY="$WORK/keys/anne"
expect 0 -- registry init --registry "$BXL" --namespace BXL --name "Brussels fab lab"
expect 0 -- namespace show --registry "$BXL"
same_out <<X
namespace BXL
  publishers  open
  maintainer  anne@bxl.example  $ANNE
X
expect 0 -- namespace set --registry "$BXL" --home "file://$HUB"
out_has "Changed the record of BXL"
mkdir plate && printf 'solid plate\nendsolid plate\n' >plate/plate.stl
cat >plate/part.json <<'JSON'
{"schema": 1, "kind": "part", "name": "Base plate", "version": "1.0.0",
 "designer": {"name": "Anne", "email": "anne@bxl.example"}, "licence": "CC-BY-SA-4.0",
 "dimensions": {"width_mm": 120, "depth_mm": 40, "height_mm": 4},
 "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]}
JSON
expect 0 -- publish plate/part.json --registry "$BXL"
out_has "BXL-P0001@1.0.0"
expect 0 -- remote add origin "$HUB" --registry "$BXL"
out_has "the remote has no history yet"
expect 0 -- push --registry "$BXL"
out_has "Pushed"
expect 0 -- push --registry "$BXL" --json
out_has '"outcome": "up-to-date"'
# Lyon: its own namespace, then the hub as a remote (maintainers shown and pinned), then a pull.
export ARCHIPEL_SIGNING_KEY="$WORK/keys/louis"
expect 0 -- registry init --registry "$LYO" --namespace LYO --name "Lyon makers"
expect 0 -- remote add hub "$HUB" --registry "$LYO"
out_has "pinned  BXL: anne@bxl.example $ANNE"
out_has "verified, not integrated"
[ "$(git -C "$LYO" config archipel.pin.BXL)" = "$ANNE" ]
expect 0 -- pull hub --registry "$LYO"
out_has "merged (union of versions, signed by you)"
out_has "  added    BXL-P0001@1.0.0"
expect 0 -- fork BXL-P0001 --registry "$LYO" --designer "Louis <louis@lyo.example>" --name "Slotted plate"
out_has "LYO-P0001@1.0.0"
expect 0 -- lineage LYO-P0001 --registry "$LYO"
out_has 'BXL-P0001@1.0.0 "Base plate" (Anne, CC-BY-SA-4.0)'
expect 0 -- verify --registry "$LYO"
out_has "ok:"
expect 0 -- push hub --registry "$LYO"
out_has "Pushed"
# The hub's history stays Brussels': its first parent chain ends at BXL's root.
[ "$(git -C "$HUB" show main:registry.json | grep -c '"namespace": "BXL"')" = 1 ]
# Brussels fast-forwards to the hub and sees Lyon's fork; its own namespace is unchanged.
export ARCHIPEL_SIGNING_KEY="$WORK/keys/anne"
expect 0 -- pull --registry "$BXL"
out_has "fast-forward"
out_has "  added    LYO-P0001@1.0.0"
expect 0 -- search slotted --registry "$BXL"
out_has "LYO-P0001@1.0.0  Slotted plate"
expect 0 -- lineage BXL-P0001 --registry "$BXL"
out_has 'LYO-P0001@1.0.0 "Slotted plate"'
expect 0 -- verify --registry "$BXL"
out_has "ok:"
# Brussels publishes again after Lyon's push: a plain fast-forward push.
sed -i 's/"1.0.0"/"1.1.0"/' plate/part.json
expect 0 -- publish plate/part.json --registry "$BXL"
expect 0 -- push --registry "$BXL"
out_has "Pushed"
# Kim, a kit producer, clones the hub pinning Anne ahead of time: everything, verified.
export ARCHIPEL_SIGNING_KEY="$WORK/keys/kim"
expect 0 -- clone "$HUB" "$KIT" --maintainer "$ANNE" --json
out_has '"outcome": "fast-forward"'
expect 0 -- list --registry "$KIT"
out_has "BXL-P0001"
out_has "LYO-P0001"
expect 0 -- verify --registry "$KIT"
out_has "ok:"
expect 0 -- namespace list --registry "$KIT" --json
out_has '"namespace": "LYO"'
[ "$(git -C "$KIT" config archipel.pin.LYO)" = "$LOUIS" ]
# A wrong --maintainer is refused and leaves nothing behind.
expect 1 -- clone "$HUB" "$WORK/kit2" --maintainer "$LOUIS"
out_has "problem: namespaces/BXL.json: the remote's maintainers of BXL are anne@bxl.example ($ANNE); pinned here: $LOUIS"
err_has "refused: 2 problems, nothing integrated"
out_has "changes the record of namespace BXL, signed by $ANNE, which is not pinned for BXL here (pinned: $LOUIS)"
[ ! -e "$WORK/kit2" ]
# Lyon pulls again: Brussels' 1.1.0 arrives by a union merge; nothing is pulled twice.
export ARCHIPEL_SIGNING_KEY="$WORK/keys/louis"
expect 0 -- pull hub --registry "$LYO"
out_has "  added    BXL-P0001@1.1.0"
expect 0 -- pull hub --registry "$LYO" --json
out_has '"outcome": "up-to-date"'
expect 0 -- verify --registry "$LYO"
# The git CLI reads what Archipel wrote: signatures and objects.
{ echo "anne@bxl.example $(cut -d' ' -f1,2 keys/anne.pub)"; echo "louis@lyo.example $(cut -d' ' -f1,2 keys/louis.pub)"; } >signers
for r in "$HUB" "$LYO" "$KIT"; do
  git -C "$r" fsck --strict --no-progress
  git -C "$r" -c gpg.ssh.allowedSignersFile="$WORK/signers" log --show-signature -3 main >log 2>&1
  grep -q 'Good "git" signature' log || { echo "FAIL: no good signature in $r"; cat log; exit 1; }
  ! grep -q 'No signature\|BAD signature' log || { echo "FAIL: bad signature in $r"; cat log; exit 1; }
done
