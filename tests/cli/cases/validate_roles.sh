# Roles (Gridfinity bin and baseplate): recognised from the size, stated with --role or the
# manifest's grid.role, refused when the standard has no such role; a baseplate publishes.
source "$SRC/tests/cli/lib/stl.sh"
source "$SRC/tests/cli/lib/manifest.sh"
box_stl plate.stl 210 126 5
expect 0 -- validate plate.stl --grid gridfinity --unit mm
same_out <<'X'
plate.stl: conforms (gridfinity)
  part     210 x 126 x 5 mm sheet, 0 holes (stl, mesh, read in mm)
  grid     Gridfinity, pitch 42 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0
  role     baseplate (recognised from its size)
  GF-baseplate-footprint ok       2 checked
  GF-baseplate-cell      -        nothing to check
  GF-hole-position       -        nothing to check
  GF-hole-fastener       -        nothing to check
X
same_err </dev/null
expect 1 -- validate plate.stl --grid gridfinity --unit mm --role bin
same_out <<'X'
plate.stl: fails (gridfinity)
  part     210 x 126 x 5 mm sheet, 0 holes (stl, mesh, read in mm)
  grid     Gridfinity, pitch 42 mm; anchored to the outline: origin at x 0, y 0 mm, rotation 0
  role     bin (stated)
  GF-footprint           error    2 of 2 off
  GF-height-unit         warning  1 of 1 off
  GF-hole-position       -        nothing to check
  GF-hole-fastener       -        nothing to check
  error    width 210 mm is off the 42 mm grid by +0.5 mm: nearest allowed 209.5 mm (nominal 210 mm, −0.5 mm clearance)
  error    depth 126 mm is off the 42 mm grid by +0.5 mm: nearest allowed 125.5 mm (nominal 126 mm, −0.5 mm clearance)
  warning  height 5 mm is not a whole number of 7 mm units: nearest allowed 7 mm (1 unit of 7 mm), off by −2.0 mm
X
expect 0 -- validate plate.stl --grid gridfinity --unit mm --json
python3 - "$WORK/out" <<'P'
import json, sys
d = json.load(open(sys.argv[1]))
assert (d["role"], d["role_source"], d["verdict"]) == ("baseplate", "recognised", "conforms"), d
assert d["alignment"]["anchor"] == "outline"
assert [r["rule"] for r in d["rules"]] == ["GF-baseplate-footprint", "GF-baseplate-cell", "GF-hole-position", "GF-hole-fastener"]
P
# A role the standard does not have is a usage error, before anything is measured.
expect 2 -- validate plate.stl --grid gridfinity --role baseplte
same_err <<'X'
archipel: error: --role: the gridfinity standard has no role "baseplte" (its roles: bin, baseplate); did you mean "baseplate"?
X
expect 2 -- validate plate.stl --role bin
same_err <<'X'
archipel: error: --role: the openstructures standard defines no roles; "bin" cannot be one of its parts' roles
X
# The manifest states the role; --role overrides it.
write_manifest part.json '"grid": {"standard": "gridfinity", "size": [5, 3], "role": "bin"},
  "files": [{"path": "plate.stl", "role": "geometry", "format": "stl", "unit": "mm"}]'
expect 1 -- validate part.json
out_has '  role     bin (stated)'
out_has 'part.json (Test plate): fails'
expect 0 -- validate part.json --role baseplate
out_has '  role     baseplate (stated)'
out_has 'part.json (Test plate): conforms'
write_manifest part.json '"grid": {"standard": "gridfinity", "size": [5, 3], "role": "lid"},
  "files": [{"path": "plate.stl", "role": "geometry", "format": "stl", "unit": "mm"}]'
expect 1 -- validate part.json
same_err <<'X'
archipel: error: part.json:/grid/role: the gridfinity standard has no role "lid" (its roles: bin, baseplate); did you mean "bin"?
X
expect 1 -- manifest check part.json
same_err <<'X'
archipel: error: part.json:/grid/role: the gridfinity standard has no role "lid" (its roles: bin, baseplate); did you mean "bin"?
X
# Recognised as a baseplate, it publishes without --allow-nonconforming.
write_manifest part.json '"grid": {"standard": "gridfinity", "size": [5, 3]},
  "files": [{"path": "plate.stl", "role": "geometry", "format": "stl", "unit": "mm"}]'
expect 0 -- registry init --namespace GF --name "Gridfinity parts" --grid gridfinity
expect 0 -- publish part.json --json
out_has '"verdict": "conforms"'
expect 0 -- show GF-P0001 --json
out_has '"role": "baseplate"'
