#pragma once
// Test support: perforated plates and other meshes with known answers, built directly as
// triangles (no boolean operations: hundreds of holes in milliseconds).
#include "mesh_fixtures.hpp"

namespace archipel::test {

/// A perforated plate of nx × ny square cells of `pitch` mm, `thickness` thick, with a round
/// through hole of `hole_d` at each cell's centre. Each hole is a polygon of `segments` sides (a
/// multiple of 4) with a vertex at `phase_deg` (0 as OpenSCAD draws circles, 45 as the bench
/// plates do), its vertices exactly on the circle. Neighbouring cells share their border
/// vertices: the mesh is closed and consistently oriented.
struct PlateSpec {
  int nx = 8, ny = 8;
  double pitch = 20, hole_d = 5.5, thickness = 3;
  int segments = 64;
  double phase_deg = 0;
};
Soup perforated_plate(const PlateSpec& spec);

}  // namespace archipel::test
