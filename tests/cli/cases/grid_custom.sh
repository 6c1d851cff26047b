# A custom grid standard file with the built-in schema; every built-in checked by python3-jsonschema.
python3 - "$SRC/schemas/grid.schema.json" "$SRC"/core/grids/*.json <<'P'
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
for path in sys.argv[2:]:
    jsonschema.Draft202012Validator(schema).validate(json.load(open(path)))
P
python3 - "$SRC/core/grids/makerbeam.json" <<'P' > my-grid.json
import json, sys
doc = json.load(open(sys.argv[1]))
doc.update(id="stemfie", name="STEMFIE", pitch_mm=12.5, subgrid_mm=[])
doc["dimensions"]["width"]["step_mm"] = doc["dimensions"]["depth"]["step_mm"] = 12.5
doc["dimensions"]["height"]["step_mm"] = 12.5
doc["assembly_points"]["step_mm"] = 12.5
doc["fasteners"] = []
doc["hole_diameters_mm"] = [7.0]
print(json.dumps(doc, indent=2))
P
expect 0 -- grid show ./my-grid.json
out_has 'STEMFIE (stemfie)'
out_has 'Pitch        12.5 mm'
out_has 'Holes        7 mm'
