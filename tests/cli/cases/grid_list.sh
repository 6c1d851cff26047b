# archipel grid list: the built-in standards as a table and as JSON.
expect 0 -- grid list
same_out <<'X'
ID              NAME            PITCH   SUB-GRID
bitbeam         Bitbeam         8 mm    4 mm
gridfinity      Gridfinity      42 mm   -
makerbeam       MakerBeam       10 mm   -
multiboard      Multiboard      25 mm   -
openbeam        OpenBeam        15 mm   -
opengrid        openGrid        28 mm   -
openstructures  OpenStructures  40 mm   10, 20 mm
X
expect 0 -- grid list --json
python3 - "$WORK/out" <<'X'
import json, sys
doc = json.load(open(sys.argv[1]))
assert [g["id"] for g in doc] == ["bitbeam", "gridfinity", "makerbeam", "multiboard", "openbeam", "opengrid", "openstructures"], doc
os_ = doc[-1]
assert os_ == {"id": "openstructures", "name": "OpenStructures", "pitch_mm": 40, "subgrid_mm": [10, 20]}, os_
X
