# Issue 12: a kit's fabrication/ carries the exports each member's declared processes need: a DXF
# for laser-cutting and water-jet, an STL for 3D printing (unless the part publishes one), none
# for a part that is not a sheet (a warning with the reason). kit.lock records them.
export ARCHIPEL_REGISTRY="$WORK/reg"
cp -r "$SRC/examples/parts" "$WORK/"
# The Gridfinity foot without its STL (3D printed: the kit must make one); the disc laser cut and
# water-jet cut; the bent bracket declared laser cut (not a sheet: no DXF).
python3 - "$WORK/parts" <<'PY'
import json, sys
root = sys.argv[1]
def edit(name, change):
    path = f"{root}/{name}/part.json"
    doc = json.load(open(path))
    change(doc)
    json.dump(doc, open(path, "w"), indent=2)
edit("gridfinity-1x1-foot", lambda d: d.update(files=[f for f in d["files"] if f["format"] == "step"]))
edit("os-disc-d120", lambda d: d["fabrication"].append({"process": "waterjet"}))
edit("os-bracket-l", lambda d: d.update(fabrication=[{"process": "laser-cutting", "file": "os-bracket-l.step"}]))
PY
expect 0 -- registry init --namespace ARC
for p in os-plate-120x40 os-bracket-l os-disc-d120 gridfinity-1x1-foot; do
  expect 0 -- publish "$WORK/parts/$p/part.json"
done
expect 0 -- kit EXA-P0002 EXA-P0003 EXA-P0005 --out kit
same_out <<'X'
Kit of EXA-P0002@1.0.0, EXA-P0003@1.0.0, EXA-P0005@1.0.0 for make (x1): 3 members, 0 hardware lines, 12 files in kit
  BOM.csv
  LICENSES/CERN-OHL-P-2.0.txt
  NOTICE.md
  assembly.html
  fabrication/pla--EXA-P0005-1.0.0--gridfinity-1x1-foot.step
  fabrication/pla--EXA-P0005-1.0.0--gridfinity-1x1-foot.stl
  fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.dxf
  fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.step
  fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.stl
  fabrication/steel-3mm--EXA-P0002-1.0.0--os-bracket-l.step
  fabrication/steel-3mm--EXA-P0002-1.0.0--os-bracket-l.stl
  kit.lock
X
err_has 'archipel: warning: EXA-P0002@1.0.0: no DXF for laser-cutting: not a sheet part: '
# The exports are export's bytes: the disc's DXF (outline, 4 bolt holes and the centre hole as
# circles) and the foot's STL, which measures as the STEP does.
expect 0 -- export "$WORK/parts/os-disc-d120/os-disc-d120.step" --format dxf --out disc.dxf
cmp disc.dxf kit/fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.dxf
test "$(grep -c '^CIRCLE$' disc.dxf)" = 6
expect 0 -- export "$WORK/parts/gridfinity-1x1-foot/gridfinity-1x1-foot.step" --format stl --out foot.stl
cmp foot.stl kit/fabrication/pla--EXA-P0005-1.0.0--gridfinity-1x1-foot.stl
expect 0 -- measure kit/fabrication/pla--EXA-P0005-1.0.0--gridfinity-1x1-foot.stl --unit mm --json
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["size_mm"]; assert [round(v, 2) for v in s] == [41.5, 41.5, 7.0], s' out
tr -d '\r' <kit/BOM.csv | grep -q '^part,EXA-P0003,1.0.0,os-disc-d120,1,plywood,4,laser-cutting+waterjet,fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.step fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.stl fabrication/plywood-4mm--EXA-P0003-1.0.0--os-disc-d120.dxf,'
python3 - kit/kit.lock "$SRC/schemas/kit-lock.schema.json" <<'PY'
import json, sys
from jsonschema import Draft202012Validator
lock = json.load(open(sys.argv[1]))
Draft202012Validator(json.load(open(sys.argv[2]))).validate(lock)
exports = {m["serial"]: m.get("exports") for m in lock["members"]}
assert exports["EXA-P0002"] is None, exports
disc = exports["EXA-P0003"]
assert [(e["format"], e["from"], e["processes"]) for e in disc] == [("dxf", "os-disc-d120.step", ["laser-cutting", "waterjet"])], disc
foot = exports["EXA-P0005"]
assert [(e["format"], e["from"], e["processes"], e["linear_deflection_mm"], e["angular_deflection_rad"]) for e in foot] == \
    [("stl", "gridfinity-1x1-foot.step", ["3d-printing"], 0.01, 0.5)], foot
PY
# The lock rebuilds the same kit, exports included.
expect 0 -- kit --locked kit/kit.lock --out kit2
diff -r kit kit2
