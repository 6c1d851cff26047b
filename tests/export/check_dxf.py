"""Reads a DXF written by `archipel export` with ezdxf (Debian's python3-ezdxf), an independent
reader, and checks it against `archipel measure --json` of the same part: the drawing audits clean,
is in millimetres ($INSUNITS 4) with layer CUT and no ENGRAVE, its extents are the part's outline,
and every through hole along z is a CIRCLE with the measured centre and diameter (a round outline
is the measured boss). Usage: check_dxf.py FILE.dxf MEASURE.json [TOLERANCE_MM]"""
import json
import sys

import ezdxf
from ezdxf import bbox


def main():
    path, measured = sys.argv[1], json.load(open(sys.argv[2]))
    tol = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-3
    doc = ezdxf.readfile(path)
    auditor = doc.audit()
    problems = [str(e.message) for e in auditor.errors]
    assert not problems, f"ezdxf audit errors: {problems}"
    assert doc.dxfversion == "AC1015", doc.dxfversion
    assert doc.header["$INSUNITS"] == 4, doc.header["$INSUNITS"]
    assert doc.layers.has_entry("CUT") and not doc.layers.has_entry("ENGRAVE"), "layer CUT, no ENGRAVE"
    msp = doc.modelspace()
    kinds = sorted({e.dxftype() for e in msp})
    assert set(kinds) <= {"CIRCLE", "LWPOLYLINE"}, kinds
    assert all(e.dxf.layer == "CUT" for e in msp), "every contour on CUT"
    box = bbox.extents(msp)
    size = (box.size.x, box.size.y)
    want = measured["size_mm"][:2]
    assert abs(size[0] - want[0]) <= tol and abs(size[1] - want[1]) <= tol, f"outline {size} != {want}"
    circles = [(e.dxf.center.x, e.dxf.center.y, 2 * e.dxf.radius) for e in msp.query("CIRCLE")]
    holes = [h for h in measured["holes"] if abs(abs(h["axis"][2]) - 1) < 1e-6 and (h["through"] or h["boss"])]
    for h in holes:
        x, y, d = h["center_mm"][0], h["center_mm"][1], h["diameter_mm"]
        match = [c for c in circles if abs(c[0] - x) <= tol and abs(c[1] - y) <= tol and abs(c[2] - d) <= tol]
        assert len(match) == 1, f"hole d={d} at ({x}, {y}): {len(match)} circles match"
    assert len(circles) == len(holes), f"{len(circles)} circles for {len(holes)} holes"
    print(f"{path}: ok, outline {size[0]:.3f} x {size[1]:.3f} mm, {len(circles)} circles = measured holes, "
          f"{len(msp.query('LWPOLYLINE'))} polylines")


main()
