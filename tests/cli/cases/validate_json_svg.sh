# archipel validate --json and --svg on a failing part: the report's fields, the drawing's holes.
cp "$SRC"/examples/parts/off-grid-plate/off-grid-plate.step .
expect 1 -- validate off-grid-plate.step --json --svg plate.svg
python3 - "$WORK/out" plate.svg <<'P'
import json, sys
import xml.etree.ElementTree as ET
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "fails" and d["grid"] == "openstructures" and d["unit"] == "mm", d
assert d["file"] == "off-grid-plate.step" and d["format"] == "step" and d["kind"] == "brep"
assert d["size_mm"] == [73, 41, 3] and d["thickness_mm"] == 3, d["size_mm"]
assert set(d["frame"]) == {"origin", "x_axis", "y_axis", "z_axis", "method"}
assert [h["verdict"] for h in d["holes"]] == ["error"] * 5  # none on the grid its outline fixes
assert all(set(h) >= {"diameter_mm", "center_mm", "axis", "through", "verdict"} for h in d["holes"])
f = d["findings"][0]
assert (f["rule"], f["severity"], f["measured"], f["expected"], f["deviation"], f["tolerance"]) == \
    ("OS-A-dimension", "error", 73, 70, 3, 0.1), f
assert f["message"] == "width 73 mm is off the 10 mm grid by +3.0 mm: nearest allowed 70 mm"
svg = ET.parse(sys.argv[2]).getroot()
ns = "{http://www.w3.org/2000/svg}"
circles = svg.iter(ns + "circle")
assert sorted(c.get("class") for c in circles) == ["hole error"] * 5, "circles"
texts = [t.text for t in svg.iter(ns + "text")]
assert "width 73 mm (off grid; nearest 70 mm)" in texts and "OpenStructures: fails" in texts, texts
P
