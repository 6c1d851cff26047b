# Warnings reach the user: measure, validate and publish print each one on stderr with its rule
# id, and list them as {rule, message} in --json: a unit-less STL, a deprecated licence id, a
# hole no fastener fits (a grid rule of severity warning).
source "$SRC/tests/cli/lib/stl.sh"
source "$SRC/tests/cli/lib/manifest.sh"
unit='STL has no unit; millimetres assumed (declare it with --unit or the manifest'"'"'s files[].unit)'
box_stl box.stl 80 40 3
expect 0 -- measure box.stl
same_err <<X
archipel: warning: box.stl: [units.assumed] $unit
X
expect 0 -- measure box.stl --json
same_err <<X
archipel: warning: box.stl: [units.assumed] $unit
X
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["warnings"] == [{"rule": "units.assumed", "message": sys.argv[2]}], doc["warnings"]' out "$unit"
expect 0 -- validate box.stl --unit mm
same_err </dev/null

# A Ø4.2 mm hole is no ISO 273 clearance hole: OpenStructures warns (its fastener rule is a warning).
plate_hole_stl plate.stl 80 40 3 20 20 4.2
fastener='hole 1 Ø4.2 mm matches no fastener hole: nearest Ø4.3 mm (M4 clearance (fine)), off by −0.1 mm'
expect 0 -- validate plate.stl
out_has 'plate.stl: conforms-with-warnings (openstructures)'
same_err <<X
archipel: warning: plate.stl: [units.assumed] $unit
archipel: warning: plate.stl: [OS-hole-fastener] $fastener
X
expect 0 -- validate plate.stl --json
same_err <<X
archipel: warning: plate.stl: [units.assumed] $unit
archipel: warning: plate.stl: [OS-hole-fastener] $fastener
X
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert [w["rule"] for w in doc["warnings"]] == ["units.assumed", "OS-hole-fastener"], doc["warnings"]
assert doc["warnings"][1]["message"] == sys.argv[2], doc["warnings"]' out "$fastener"

# The manifest: a deprecated licence id, then each file's warnings.
write_manifest part.json '"licence": "GPL-2.0", "files": [{"path": "plate.stl", "role": "geometry", "format": "stl"}]'
licence='"GPL-2.0" is a deprecated SPDX licence id; write "GPL-2.0-only"'
expect 0 -- validate part.json
same_err <<X
archipel: warning: part.json:/licence: [licence.deprecated] $licence
archipel: warning: plate.stl: [units.assumed] $unit
archipel: warning: plate.stl: [OS-hole-fastener] $fastener
X
expect 0 -- validate part.json --json
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["warnings"] == [{"rule": "licence.deprecated", "message": sys.argv[2]}], doc["warnings"]
assert [w["rule"] for w in doc["files"][0]["warnings"]] == ["units.assumed", "OS-hole-fastener"]' out "$licence"

# publish: the same warnings, each file's message naming the file.
expect 0 -- registry init --namespace BXL --name "Test parts"
expect 0 -- publish part.json
same_err <<X
archipel: warning: part.json: [licence.deprecated] $licence
archipel: warning: part.json: [units.assumed] "plate.stl": $unit
archipel: warning: part.json: [OS-hole-fastener] "plate.stl": $fastener
X
out_has 'verdict conforms-with-warnings'
sed -i 's/"1.0.0"/"1.0.1"/' part.json
expect 0 -- publish part.json --json
python3 -c '
import json, sys
doc = json.load(open(sys.argv[1]))
assert [w["rule"] for w in doc["warnings"]] == ["licence.deprecated", "units.assumed", "OS-hole-fastener"], doc
assert doc["warnings"][0]["message"] == sys.argv[2]' out "$licence"
