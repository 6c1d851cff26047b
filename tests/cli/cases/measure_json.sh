# archipel measure --json: every field, numbers rounded to 1e-6 mm.
cp "$SRC/examples/parts/off-grid-plate/off-grid-plate.step" part.step
expect 0 -- measure part.step --json --material aluminium
python3 - "$WORK/out" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
assert list(doc) == ["format", "kind", "unit", "source_unit", "frame", "size_mm", "volume_mm3",
                     "thickness_mm", "mass_g", "face_count", "holes", "openings", "warnings"], list(doc)
assert doc["format"] == "step" and doc["unit"] == "mm" and doc["source_unit"] == "mm"
assert doc["frame"] == {"method": "file-axes", "origin": [0, 0, 0], "x_axis": [1, 0, 0],
                        "y_axis": [0, 1, 0], "z_axis": [0, 0, 1]}, doc["frame"]
assert doc["size_mm"] == [73, 41, 3] and doc["thickness_mm"] == 3
assert doc["volume_mm3"] == 8622.625583, doc["volume_mm3"]
assert doc["mass_g"] == 23.281089, doc["mass_g"]
assert [h["center_mm"] for h in doc["holes"]] == [[7.5, 7.5, 0], [7.5, 33.5, 0], [50.5, 33.5, 0],
                                                  [65.5, 7.5, 0], [65.5, 33.5, 0]]
assert all(h == {"diameter_mm": 5.5, "center_mm": h["center_mm"], "axis": [0, 0, 1],
                 "depth_mm": 3, "through": True, "boss": False, "features": []} for h in doc["holes"])
assert doc["openings"] == []
assert doc["warnings"] == []
PY
