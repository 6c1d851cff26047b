#!/usr/bin/env bash
# Exports the example sheet parts (STEP and STL) to DXF and reads every file back with ezdxf
# (check_dxf.py), against `archipel measure --json` of the same file; exports them twice and
# compares the bytes. Usage: export_readback.sh ARCHIPEL SRC. Exits 77 (skipped) without ezdxf.
set -euo pipefail
ARCHIPEL=$1 SRC=$2
HERE=$(cd "$(dirname "$0")" && pwd)
/usr/bin/python3 -c 'import ezdxf' 2>/dev/null || { echo "python3-ezdxf is not installed: skipped"; exit 77; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for part in os-plate-120x40 os-disc-d120 off-grid-plate; do
  for ext in step stl; do
    in=$SRC/examples/parts/$part/$part.$ext
    unit=(); [ "$ext" = stl ] && unit=(--unit mm)
    "$ARCHIPEL" export "$in" --format dxf --out "$WORK/$part-$ext.dxf" "${unit[@]}" >/dev/null
    "$ARCHIPEL" export "$in" --format dxf --out "$WORK/$part-$ext-again.dxf" "${unit[@]}" >/dev/null
    cmp "$WORK/$part-$ext.dxf" "$WORK/$part-$ext-again.dxf"
    "$ARCHIPEL" measure "$in" --json "${unit[@]}" >"$WORK/$part-$ext.json"
    # A mesh's holes are fitted on float vertices: 0.01 mm, the rule for meshes; B-reps: 1 micrometre.
    tol=0.001; [ "$ext" = stl ] && tol=0.01
    /usr/bin/python3 "$HERE/check_dxf.py" "$WORK/$part-$ext.dxf" "$WORK/$part-$ext.json" "$tol"
  done
done
