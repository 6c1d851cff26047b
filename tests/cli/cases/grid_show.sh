# archipel grid show: every value and rule of a standard, human and JSON.
expect 0 -- grid show openstructures
same_out <<'X'
OpenStructures (openstructures)
Thomas Lommée's open modular construction system (Brussels, since 2007): a 40 mm square grid with a 10 mm sub-grid.
Pitch        40 mm
Sub-grid     10, 20 mm
Dimensions   width n x 10 mm; depth n x 10 mm; height n x 10 mm
             sheet thickness free; clearance 0 to 1 mm
Assembly     hole centres at k x 10 mm + 0 mm
Round parts  diameter 20, 40, 80, 120, 160 mm
Holes        2, 4, 5, 5.5, 8, 10, 20 mm
Fastener     M3 (nominal 3 mm), fine 3.2 mm, medium 3.4 mm
Fastener     M4 (nominal 4 mm), fine 4.3 mm, medium 4.5 mm
Fastener     M5 (nominal 5 mm), fine 5.3 mm, medium 5.5 mm
Fastener     M6 (nominal 6 mm), fine 6.4 mm, medium 6.6 mm
Fastener     M8 (nominal 8 mm), fine 8.4 mm, medium 9 mm
Fastener     M10 (nominal 10 mm), fine 10.5 mm, medium 11 mm
Tolerances   dimension 0.1 mm, position 0.1 mm, diameter 0.1 mm
Rules
  OS-A-dimension [error, dimension] Width, depth and height (not the thickness of sheet parts) are multiples of 10 mm, less a clearance of up to 1 mm.
      clause: OS rule A: "favour part dimensions derived from the OS grid" (40 mm grid, 10 mm sub-grid)
  OS-B-assembly-point [error, assembly-point] Hole centres lie on the nodes of the 10 mm sub-grid.
      clause: OS rule B: "position assembly points according to the OS grid"
  OS-C-diameter [error, round-diameter] Round parts and bosses have a diameter from 20, 40, 80, 120, 160 mm.
      clause: OS rule C: "choose part diameters derived from the OS grid" (circles inscribed in the grid: 20, 40, 80, 120, 160 mm)
  OS-hole-fastener [warning, hole-diameter] Hole diameters match an ISO 273 clearance hole (M3 to M10) or a hole seen on OS parts.
      clause: No OS clause fixes a fastener; ISO 273 clearance holes and holes measured on OS parts
      note: OS fixes no fastener, so this is a warning, not an error.
Notes
  - No source fixes a fastener size: hole diameters are matched against ISO 273 clearance holes and the holes measured on real OS parts (2, 4, 5, 5.5, 8, 10, 20 mm), and a mismatch is only a warning.
  - Sheet thicknesses of 1.5 to 4 mm are common, so the thickness of a sheet part is not a grid dimension.
  - Real parts subtract up to 1 mm from the nominal size (bars of 79, 119, 159 x 40 mm).
  - 45-degree diagonals (rhombus sides 28.28, 56.57, 84.85 mm) are mentioned by OS but not checked.
Sources
  - openstructures.net, the OS grid page: base module 40 x 40 mm; rules (A) dimensions, (B) assembly points, (C) diameters <https://www.openstructures.net>
  - Wikipedia, OpenStructures: sub-grid of 10 mm giving squares of 10, 20, 30, 40 mm and their multiples <https://en.wikipedia.org/wiki/OpenStructures>
  - OpenStructures, 2023 statement of the rule: connection points, part diameters, or part dimensions at multiples of 20 mm
  - ISO 273: clearance holes for bolts and screws (fine and medium series)
  - Archipel project notes, shared/GRID-STANDARDS.md (facts gathered from the public sources above)
X
expect 0 -- grid show gridfinity --json
cmp <(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))" "$WORK/out") \
    <(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1])), sort_keys=True))" "$SRC/core/grids/gridfinity.json")
expect 0 -- grid show gridfinity
out_has 'Height unit  7 mm; +0 (no stacking lip), +3.75 (stacking lip (gridfinity_openscad)), +4.4 (stacking lip)'
out_has '             sheet thickness free; clearance 0.5 mm'
# The roles, as one block (out_has matches single lines only).
python3 - "$WORK/out" <<'P'
import sys
block = """Roles
  bin: A bin (cup) that sits in a baseplate: n * 42 - 0.5 mm wide, n * 7 mm high (a stacking lip allowed)
      rules: GF-footprint, GF-height-unit, GF-hole-position, GF-hole-fastener; clearance 0.5 mm
  baseplate: A baseplate the bins sit in: n * 42 mm exactly, any height
      rules: GF-baseplate-footprint, GF-baseplate-cell, GF-hole-position, GF-hole-fastener; clearance 0 mm
Notes
"""
assert block in open(sys.argv[1]).read(), open(sys.argv[1]).read()
P
