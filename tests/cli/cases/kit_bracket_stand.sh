# Issue 12: the bracket stand's kit; kit.lock rebuilds it byte for byte; sale refused with the
# rights chain when a member forbids it.
export ARCHIPEL_REGISTRY="$WORK/reg"
cp -r "$SRC/examples/parts" "$SRC/examples/objects" "$WORK/"
expect 0 -- registry init --namespace ARC
expect 0 -- publish "$WORK/parts/os-plate-120x40/part.json"
expect 0 -- publish "$WORK/parts/os-bracket-l/part.json"
expect 0 -- publish "$WORK/objects/bracket-stand/part.json"

expect 0 -- kit EXA-O0001 --for sell-kit --quantity 3 --out kit
same_out <<'X'
Kit of EXA-O0001@1.0.0 for sell-kit (x3): 3 members, 3 hardware lines, 10 files in kit
  BOM.csv
  LICENSES/CERN-OHL-P-2.0.txt
  NOTICE.md
  assembly.html
  fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.dxf
  fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.step
  fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.stl
  fabrication/steel-3mm--EXA-P0002-1.0.0--os-bracket-l.step
  fabrication/steel-3mm--EXA-P0002-1.0.0--os-bracket-l.stl
  kit.lock
X
# Two joints of two M5 screws each, three stands.
tr -d '\r' <kit/BOM.csv | grep '^hardware' >hardware.csv
diff -u - hardware.csv <<'X'
hardware,,,ISO 4032 M5 hex nut,12,,,,,,,
hardware,,,ISO 4762 M5 x 12 socket head cap screw,12,,,,,,,
hardware,,,ISO 7089 M5 plain washer,24,,,,,,,
X
tr -d '\r' <kit/BOM.csv | grep '^part,EXA-P0002' | grep -q ',EXA-P0002,1.0.0,os-bracket-l,6,steel,3,'
cmp "$SRC/examples/parts/os-plate-120x40/os-plate-120x40.step" kit/fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.step
# The plate is laser cut: its DXF is the one `archipel export` writes; the bent bracket gets none.
expect 0 -- export "$WORK/parts/os-plate-120x40/os-plate-120x40.step" --format dxf --out plate.dxf
cmp plate.dxf kit/fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.dxf
test "$(grep -c '^CIRCLE$' plate.dxf)" = 12
python3 - kit/kit.lock "$(sha256sum plate.dxf | cut -d' ' -f1)" <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
plate = [m for m in lock["members"] if m["serial"] == "EXA-P0001"][0]
assert plate["exports"] == [{"path": "fabrication/aluminium-3mm--EXA-P0001-1.0.0--os-plate-120x40.dxf",
                             "from": "os-plate-120x40.step", "format": "dxf", "processes": ["laser-cutting"],
                             "sha256": sys.argv[2]}], plate["exports"]
assert all("exports" not in m for m in lock["members"] if m["serial"] != "EXA-P0001")
PY
grep -q '^- Archipel examples, for EXA-P0001@1.0.0 (CERN-OHL-P-2.0, member)$' kit/NOTICE.md
grep -q '^| EXA-P0002@1.0.0 | os-bracket-l | Archipel examples | CERN-OHL-P-2.0 | 6 |' kit/NOTICE.md
grep -q 'M5 x 12 + nut per object, 3 objects' kit/assembly.html
head -1 kit/LICENSES/CERN-OHL-P-2.0.txt | grep -Eqx 'CERN Open Hardware Licence Version 2 - Permissive|CERN-OHL-P-2.0'
python3 - "$SRC/schemas/kit-lock.schema.json" kit/kit.lock <<'PY'
import json, sys
from jsonschema import Draft202012Validator
Draft202012Validator(json.load(open(sys.argv[1]))).validate(json.load(open(sys.argv[2])))
PY

# The lock rebuilds the same kit, byte for byte, even after a newer version is published.
sed -i 's/"version": "1.0.0"/"version": "1.1.0"/' "$WORK/parts/os-bracket-l/part.json"
expect 0 -- publish "$WORK/parts/os-bracket-l/part.json"
expect 0 -- kit --locked kit/kit.lock --out kit2
diff -r kit kit2
expect 0 -- kit EXA-O0001 --out kit3 --json
out_has '"version": "1.1.0"'
expect 2 -- kit --locked kit/kit.lock EXA-O0001 --out kit4
expect 1 -- kit EXA-O0001 --out kit
err_has 'exists and is not an empty folder'
ln -s kit2 link
expect 1 -- kit EXA-O0001 --out link
err_has 'is a symbolic link: refused'
# A tampered lock is refused; so is a lock whose export the geometry libraries no longer make.
sed 's/"quantity": 3/"quantity": 0/' kit/kit.lock >bad.lock
expect 1 -- kit --locked bad.lock --out kit5
test ! -e kit5
python3 - kit/kit.lock >bad-export.lock <<'PY'
import json, sys
lock = json.load(open(sys.argv[1]))
for m in lock["members"]:
    for e in m.get("exports", []):
        e["sha256"] = "0" * 64
print(json.dumps(lock, indent=2, sort_keys=True))
PY
expect 1 -- kit --locked bad-export.lock --out kit6
same_err <<<'archipel: error: kit.lock:/members: the exports of EXA-P0001@1.0.0 differ from those kit.lock records (sha256 of a DXF or STL made again; another version of the geometry libraries?)'
test ! -e kit6

# A non-commercial member: the kit may be made, not sold; nothing is written when refused.
mkdir nc; echo "solid nc" >nc/p.stl
printf '{"schema": 1, "kind": "part", "name": "NC foot", "version": "1.0.0", "designer": {"name": "Nina", "email": "n@example.org"}, "licence": "CC-BY-NC-4.0", "files": [{"path": "p.stl", "role": "fabrication", "format": "stl", "unit": "mm"}]}\n' >nc/part.json
expect 0 -- publish nc/part.json
printf '{"schema": 1, "kind": "object", "name": "Stand with feet", "version": "1.0.0", "designer": {"name": "Olga", "email": "o@example.org"}, "licence": "CC-BY-4.0", "composition": [{"serial": "EXA-O0001", "version": "^1.0", "quantity": 1}, {"serial": "ARC-P0001", "version": "^1.0", "quantity": 4}]}\n' >nc/object.json
mkdir obj; mv nc/object.json obj/part.json
expect 0 -- publish obj/part.json
expect 1 -- kit ARC-O0001 --for sell-product --out sold
same_out <<'X'
ARC-O0001@1.0.0 "Stand with feet" (CC-BY-4.0)
  sell-product forbidden
    because member ARC-P0001@1.0.0 (via ARC-O0001 > ARC-P0001), CC-BY-NC-4.0, commercial: NonCommercial (CC 4.0 §1(i), §2(a)(1)): licensed rights only for non-commercial purposes, Adapted Material included
X
same_err <<<'archipel: error: ARC-O0001@1.0.0: sell-product is forbidden: no kit written'
test ! -e sold
expect 0 -- kit ARC-O0001 --out made
grep -q '^- sell-product: forbidden$' made/NOTICE.md
grep -q '^- Nina, for ARC-P0001@1.0.0 (CC-BY-NC-4.0, member)$' made/NOTICE.md
test -f made/LICENSES/CC-BY-NC-4.0.txt
