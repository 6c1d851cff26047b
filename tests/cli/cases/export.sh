# archipel export: the human report and --json of each format, reproducible bytes, STEP copied as
# published, and from a registry serial the same bytes as from the file.
P=$SRC/examples/parts
cp "$P/os-plate-120x40/os-plate-120x40.step" plate.step
cp "$P/os-disc-d120/os-disc-d120.step" disc.step
expect 0 -- export plate.step --format dxf
same_out <<'X'
Wrote plate.dxf (dxf, 4963 bytes, sha256 8525f49ceaf0f17a27662aac171335d3c1988a43daa93c91cd2b9ec48d2db63a)
  from plate.step (step): section of a 3.000 mm sheet, outline 120.000 x 40.000 mm: 13 contours (12 circles; 0 arcs and 4 lines in the others)
X
same_err </dev/null
cp plate.dxf first.dxf
expect 0 -- export plate.step --format dxf
cmp plate.dxf first.dxf

expect 0 -- export disc.step --format svg --json
same_out <<'X'
{
  "format": "svg",
  "source_format": "step",
  "method": "brep-section",
  "bytes": 534,
  "sha256": "72b2372dd653dff0c7505ba5b3220a8db59765ab2f61b7523a2aa3d7d74b4b2e",
  "thickness_mm": 4.0,
  "outline_mm": [
    120.0,
    120.0
  ],
  "contours": 6,
  "circles": 6,
  "arcs": 0,
  "lines": 0,
  "warnings": [],
  "input": "disc.step",
  "out": "disc.svg"
}
X

expect 0 -- export plate.step --format stl --out printed.stl
same_out <<'X'
Wrote printed.stl (stl, 130284 bytes, sha256 8e3dd98ec5b8c9c0aff9c618e6cc33e6c880aa5aa4dae25d3efcb023d49687a7)
  from plate.step (step): meshed by OpenCASCADE within 0.01 mm (chordal) and 0.5 rad: 2604 triangles
X
expect 0 -- export plate.step --format 3mf --out printed.3mf
out_has "meshed by OpenCASCADE within 0.01 mm (chordal) and 0.5 rad"
cp printed.3mf first.3mf
sleep 1  # a zip entry dated "now" would differ now
expect 0 -- export plate.step --format 3mf --out printed.3mf
cmp printed.3mf first.3mf

expect 0 -- export plate.step --format step --out copy.step
cmp copy.step plate.step
out_has ": the STEP file as published"

# The STL plate passes through to 3MF (welded, in millimetres); its missing unit is warned about.
cp "$P/os-plate-120x40/os-plate-120x40.stl" mesh.stl
expect 0 -- export mesh.stl --format 3mf
same_err <<<"archipel: warning: STL has no unit; millimetres assumed (declare it with --unit or the manifest's files[].unit)"
out_has "mesh passed through, welded, in mm: 6108 triangles"

# From the registry: the same bytes as from the file.
expect 0 -- registry init --namespace ARC --accept-nonconforming
cp -r "$P/os-plate-120x40" part
expect 0 -- publish part/part.json --allow-nonconforming
expect 0 -- export EXA-P0001@1.0.0 --format dxf
cmp EXA-P0001@1.0.0-os-plate-120x40.dxf first.dxf
out_has "from EXA-P0001@1.0.0:os-plate-120x40.step (step)"
# A part.json: its STEP file (a B-rep) is preferred over its STL; --file picks the STL.
expect 0 -- export part/part.json --format dxf --out from-manifest.dxf
cmp from-manifest.dxf first.dxf
expect 0 -- export part/part.json --file os-plate-120x40.stl --format dxf --out from-stl.dxf
out_has "(fitted on the mesh)"
