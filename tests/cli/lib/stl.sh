# Helpers for CLI cases that need small meshes (sourced).
# box_stl FILE X Y Z: a binary STL of an X × Y × Z mm box at the origin (12 triangles).
box_stl() {
  python3 - "$@" <<'P'
import struct, sys
path, x, y, z = sys.argv[1], *map(float, sys.argv[2:5])
v = [(0, 0, 0), (x, 0, 0), (x, y, 0), (0, y, 0), (0, 0, z), (x, 0, z), (x, y, z), (0, y, z)]
faces = [(0, 2, 1), (0, 3, 2), (4, 5, 6), (4, 6, 7), (0, 1, 5), (0, 5, 4),
         (1, 2, 6), (1, 6, 5), (2, 3, 7), (2, 7, 6), (3, 0, 4), (3, 4, 7)]
out = bytearray(b" " * 80) + struct.pack("<I", len(faces))
for f in faces:
    out += struct.pack("<3f", 0, 0, 0)
    for i in f:
        out += struct.pack("<3f", *v[i])
    out += b"\0\0"
open(path, "wb").write(out)
P
}
