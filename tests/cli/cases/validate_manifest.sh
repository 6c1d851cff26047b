# archipel validate part.json: every geometry file in its declared unit, cross-checked with the
# declared dimensions and grid size.
mkdir plate
cp "$SRC"/examples/parts/os-plate-120x40/os-plate-120x40.{step,stl} plate/
manifest() {  # manifest DIMENSIONS GRID_SIZE STL_UNIT
  cat > plate/part.json <<J
{
  "schema": 1,
  "kind": "part",
  "name": "OS plate 3x1",
  "version": "1.0.0",
  "designer": {"name": "Archipel tests", "email": "tests@archipel.example"},
  "licence": "CERN-OHL-P-2.0",
  "dimensions": $1,
  "grid": {"standard": "openstructures", "size": $2},
  "files": [
    {"path": "os-plate-120x40.step", "role": "geometry", "format": "step"},
    {"path": "os-plate-120x40.stl", "role": "geometry", "format": "stl", "unit": "$3"}
  ]
}
J
}
manifest '{"width_mm": 120, "depth_mm": 40, "height_mm": 3}' '[3, 1]' mm
expect 0 -- validate plate/part.json
same_out <<'E'
os-plate-120x40.step: conforms (openstructures)
  part     120 x 40 x 3 mm sheet, 12 holes (step, B-rep, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0; 12 of 12 assembly points on nodes
  OS-A-dimension         ok       2 checked
  OS-B-assembly-point    ok       12 checked
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       12 checked
  manifest-dimensions    ok       3 checked
  manifest-grid-size     ok       2 checked
os-plate-120x40.stl: conforms (openstructures)
  part     120 x 40 x 3 mm sheet, 12 holes (stl, mesh, read in mm)
  grid     OpenStructures, pitch 40 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0; 12 of 12 assembly points on nodes
  OS-A-dimension         ok       2 checked
  OS-B-assembly-point    ok       12 checked
  OS-C-diameter          -        nothing to check
  OS-hole-fastener       ok       12 checked
  manifest-dimensions    ok       3 checked
  manifest-grid-size     ok       2 checked
plate/part.json (OS plate 3x1): conforms
E
same_err </dev/null

# JSON: one report per file, the overall verdict.
expect 0 -- validate plate/part.json --json
python3 - "$WORK/out" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "conforms" and d["grid"] == "openstructures" and d["name"] == "OS plate 3x1", d
assert [f["file"] for f in d["files"]] == ["os-plate-120x40.step", "os-plate-120x40.stl"]
step = d["files"][0]
assert step["size_mm"] == [120, 40, 3] and step["unit"] == "mm" and len(step["holes"]) == 12, step
assert all(h["verdict"] == "ok" and h["diameter_mm"] == 5.5 for h in step["holes"])
assert [r["rule"] for r in step["rules"]][-2:] == ["manifest-dimensions", "manifest-grid-size"]
P

# The STL declared in centimetres: ten times too large, caught by the declared dimensions.
manifest '{"width_mm": 120, "depth_mm": 40, "height_mm": 3}' '[3, 1]' cm
expect 1 -- validate plate/part.json
out_has 'os-plate-120x40.stl: fails (openstructures)'
out_has '  part     1200 x 400 x 30 mm sheet, 12 holes (stl, mesh, read in cm)'
out_has '  error    width measured 1200 mm but plate/part.json declares 120 mm (off by +1080.0 mm)'
out_has '  error    width measured 1200 mm but plate/part.json declares 3 openstructures grid units (120 mm)'
out_has 'plate/part.json (OS plate 3x1): fails'

# Declared size and grid units that do not match the part.
manifest '{"width_mm": 40, "depth_mm": 80, "height_mm": 3}' '[2, 1]' mm
expect 1 -- validate plate/part.json --json
python3 - "$WORK/out" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "fails"
f = [(x["rule"], x["location"], x["measured"], x["expected"], x["deviation"]) for x in d["files"][0]["findings"]]
assert f == [("manifest-dimensions", "width", 120, 80, 40), ("manifest-grid-size", "width", 120, 80, 40)], f
P

# A listed file that is missing is refused by the manifest reader.
rm plate/os-plate-120x40.stl
expect 1 -- validate plate/part.json
same_err <<<'archipel: error: plate/part.json:/files/1/path: listed file "os-plate-120x40.stl" does not exist'
