#!/usr/bin/env python3
"""Writes a 10 mm cube as a glTF (metres) whose buffer is a separate file: gltf_cube.py OUT.gltf URI [BIN]
URI is written as the buffer's uri; BIN (default: OUT's folder / URI) is where the bytes go."""
import json, os, struct, sys

out, uri = sys.argv[1], sys.argv[2]
bin_path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(os.path.dirname(out), uri)
s = 0.01
v = [(x * s, y * s, z * s) for x in (0, 1) for y in (0, 1) for z in (0, 1)]
faces = [(0, 2, 1), (1, 2, 3), (4, 5, 6), (5, 7, 6), (0, 1, 4), (1, 5, 4),
         (2, 6, 3), (3, 6, 7), (0, 4, 2), (2, 4, 6), (1, 3, 5), (3, 7, 5)]
pos = b"".join(struct.pack("<3f", *p) for p in v)
idx = b"".join(struct.pack("<3H", *f) for f in faces)
data = pos + idx
with open(bin_path, "wb") as f:
    f.write(data)
doc = {
    "asset": {"version": "2.0"},
    "scene": 0, "scenes": [{"nodes": [0]}], "nodes": [{"mesh": 0}],
    "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
    "buffers": [{"uri": uri, "byteLength": len(data)}],
    "bufferViews": [{"buffer": 0, "byteOffset": 0, "byteLength": len(pos)},
                    {"buffer": 0, "byteOffset": len(pos), "byteLength": len(idx)}],
    "accessors": [{"bufferView": 0, "componentType": 5126, "count": 8, "type": "VEC3",
                   "min": [0, 0, 0], "max": [s, s, s]},
                  {"bufferView": 1, "componentType": 5123, "count": 36, "type": "SCALAR"}],
}
with open(out, "w") as f:
    json.dump(doc, f)
