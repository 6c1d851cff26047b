# registry init, publish (new serial, written back), republish (no-op), new version, show, list, get.
masked() { sed -E 's/[0-9a-f]{64}/<sha256>/g; s/[0-9a-f]{40}/<commit>/g; s/^[0-9a-f]{12} /<commit> /; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z/<time>/g; s#SHA256:[A-Za-z0-9+/]{43}#SHA256:<fp>#g' "$WORK/out"; }
part() {  # part DIR NAME LICENCE
  mkdir -p "$1"; printf 'solid plate\nendsolid plate\n' >"$1/plate.stl"
  cat >"$1/part.json" <<JSON
{
  "schema": 1,
  "kind": "part",
  "name": "$2",
  "version": "1.0.0",
  "designer": {"name": "Ada Lovelace", "email": "ada@example.org"},
  "licence": "$3",
  "dimensions": {"width_mm": 120, "depth_mm": 40, "height_mm": 4},
  "files": [{"path": "plate.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]
}
JSON
}
expect 0 -- registry init --namespace BXL --name "Brussels parts"
masked | diff -u - <(cat <<X
Created registry "Brussels parts" at $WORK/xdg/archipel/registry
  namespace BXL (serials BXL-P0001, ...), grid openstructures
  maintainer tester@example.org (SHA256:<fp>)
X
)
part plate "OS plate 120x40" CC-BY-4.0
expect 0 -- publish plate/part.json
masked | diff -u - <(cat <<'X'
Published BXL-P0001@1.0.0 "OS plate 120x40" (new serial)
  commit  <commit>
  files   1, verdict not-measured
  wrote "serial": "BXL-P0001" into plate/part.json (keep it: later versions publish under the same serial)
X
)
grep -q '"serial": "BXL-P0001"' plate/part.json
expect 0 -- publish plate/part.json
same_out <<<'BXL-P0001@1.0.0 is already published with the same content: nothing to do'
sed -i 's/"1.0.0"/"1.1.0"/' plate/part.json
expect 0 -- publish plate/part.json --json
out_has '"serial": "BXL-P0001"'
out_has '"version": "1.1.0"'
out_has '"new_serial": false'
expect 0 -- list
same_out <<<'BXL-P0001    1.1.0    OS plate 120x40  (Ada Lovelace, CC-BY-4.0)'
expect 0 -- show BXL-P0001@1.0.0
masked | diff -u - <(cat <<'X'
BXL-P0001@1.0.0  OS plate 120x40
  kind      part
  designer  Ada Lovelace <ada@example.org>
  licence   CC-BY-4.0
  versions  1.0.0, 1.1.0
  file      plate.stl  sha256 <sha256>
  verdict   not-measured
  folder    parts/BXL/P/000/BXL-P0001/1.0.0
  commit    <commit>
  signed    good, tester@example.org (SHA256:<fp>)
  owner     tester@example.org (SHA256:<fp>)
  rights    make allowed, derive allowed-with-obligations, sell-kit allowed-with-obligations, sell-product allowed-with-obligations (archipel rights BXL-P0001@1.0.0)
X
)
out_has 'plate.stl  sha256 4b62e2f11478836cfb0535fb30a66fffbb529f0bde805ee7f0887e6fe0f1e461' 
expect 0 -- yank BXL-P0001@1.1.0 --reason "holes 1 mm off"
same_out <<<'Yanked BXL-P0001@1.1.0: holes 1 mm off'
expect 0 -- show BXL-P0001 --json
out_has '"version": "1.0.0"'
expect 0 -- history BXL-P0001
masked | diff -u - <(cat <<'X'
<commit> <time> Archipel <registry@archipel.invalid>
    yank BXL-P0001@1.1.0: holes 1 mm off
    signed: good, tester@example.org (SHA256:<fp>)
<commit> <time> Ada Lovelace <ada@example.org>
    publish BXL-P0001@1.1.0 "OS plate 120x40"
    signed: good, tester@example.org (SHA256:<fp>)
<commit> <time> Ada Lovelace <ada@example.org>
    publish BXL-P0001@1.0.0 "OS plate 120x40"
    signed: good, tester@example.org (SHA256:<fp>)
X
)
expect 0 -- get BXL-P0001@1.1.0 --out got
same_out <<'X'
Wrote 4 files of BXL-P0001@1.1.0 into got
  measured.json
  part.json
  plate.stl
  yanked.json
X
cmp got/plate.stl plate/plate.stl
expect 0 -- verify
same_out <<<'ok: 2 versions, 2 files, 0 lineage links, 35 git objects, 4 commits checked'
git -C "$WORK/xdg/archipel/registry" fsck --strict --no-progress
# The real git accepts every commit Archipel wrote, with the key as allowed signer.
echo "tester@example.org $(cat "$ARCHIPEL_SIGNING_KEY.pub")" > allowed
for c in $(git -C "$WORK/xdg/archipel/registry" rev-list main); do
  git -C "$WORK/xdg/archipel/registry" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$WORK/allowed" \
    verify-commit "$c" 2>/dev/null
done
git -C "$WORK/xdg/archipel/registry" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$WORK/allowed" \
  log --show-signature -1 main | grep -q 'Good "git" signature for tester@example.org with ED25519 key'
expect 0 -- history BXL-P0001 --json
out_has '"state": "good"'
out_has '"principal": "tester@example.org"' 
git clone -q "$WORK/xdg/archipel/registry" clone
test -f clone/parts/BXL/P/000/BXL-P0001/1.0.0/part.json
test -f clone/registry.json
