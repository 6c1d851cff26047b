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
# plate_hole_stl FILE X Y Z CX CY D [N]: a binary STL of an X × Y × Z mm plate with one round
# through hole of diameter D (a polygon of N sides, default 64, vertices on the circle) at
# (CX, CY). The top and bottom are triangulated as a strip between the hole and the outline.
plate_hole_stl() {
  python3 - "$@" <<'P'
import math, struct, sys
path = sys.argv[1]
x, y, z, cx, cy, d = map(float, sys.argv[2:8])
n = int(sys.argv[8]) if len(sys.argv) > 8 else 64
inner = [(cx + d / 2 * math.cos(2 * math.pi * i / n), cy + d / 2 * math.sin(2 * math.pi * i / n)) for i in range(n)]
def ang(p): return math.atan2(p[1] - cy, p[0] - cx) % (2 * math.pi)
def to_edge(p):  # the ray from the centre through p, where it leaves the rectangle
    dx, dy = p[0] - cx, p[1] - cy
    ts = [t for t in ((x - cx) / dx if dx > 0 else None, -cx / dx if dx < 0 else None,
                      (y - cy) / dy if dy > 0 else None, -cy / dy if dy < 0 else None) if t is not None]
    t = min(ts)
    return (cx + dx * t, cy + dy * t)
outer = sorted([to_edge(p) for p in inner] + [(0, 0), (x, 0), (x, y), (0, y)], key=ang)
tris = []
def strip(zv, up):
    i = j = 0
    ia = [ang(p) for p in inner]; oa = [ang(p) for p in outer]
    while i < len(inner) or j < len(outer):
        a = inner[i % len(inner)]; b = outer[j % len(outer)]
        ni = ia[(i + 1) % len(inner)] + (2 * math.pi if i + 1 >= len(inner) else 0)
        nj = oa[(j + 1) % len(outer)] + (2 * math.pi if j + 1 >= len(outer) else 0)
        if j >= len(outer) or (i < len(inner) and ni <= nj):
            c = inner[(i + 1) % len(inner)]; t = (a, b, c); i += 1
        else:
            c = outer[(j + 1) % len(outer)]; t = (a, b, c); j += 1
        t = [(p[0], p[1], zv) for p in t]
        tris.append(t if up else [t[0], t[2], t[1]])
strip(z, True); strip(0.0, False)
def walls(ring, outward):
    for k in range(len(ring)):
        p, q = ring[k], ring[(k + 1) % len(ring)]
        a, b, c, e = (p[0], p[1], 0.0), (q[0], q[1], 0.0), (q[0], q[1], z), (p[0], p[1], z)
        if outward: tris.extend([[a, b, c], [a, c, e]])
        else: tris.extend([[a, c, b], [a, e, c]])
walls(outer, True); walls(inner, False)
out = bytearray(b" " * 80) + struct.pack("<I", len(tris))
for t in tris:
    out += struct.pack("<3f", 0, 0, 0)
    for p in t: out += struct.pack("<3f", *p)
    out += b"\0\0"
open(path, "wb").write(out)
P
}
