// Bench helper: times each stage of the mesh path on one file, in this process (no fork), to
// show where the time goes. usage: mesh_stages FILE.stl
#include <chrono>
#include <cstdio>

#include "mesh/mesh_frame.hpp"
#include "mesh/mesh_holes.hpp"
#include "mesh/mesh_import.hpp"
#include "mesh/mesh_topology.hpp"

using namespace archipel::core;
using namespace archipel::core::detail;

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: mesh_stages FILE.stl\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  auto t0 = Clock::now();
  auto lap = [&](const char* what) {
    const auto t = Clock::now();
    std::printf("%-8s %7.1f ms\n", what, std::chrono::duration<double, std::milli>(t - t0).count());
    t0 = t;
  };
  auto mesh = import_mesh_here(argv[1], GeometryFormat::stl, 1.0, default_tolerances.mesh_weld_mm);
  if (!mesh) return 3;
  lap("import");
  const VertexTriangles around = vertex_triangles(*mesh);
  const EdgeAdjacency edges = edge_adjacency(*mesh, around);
  const std::size_t bad = edges.bad_edges;
  const double volume = signed_volume(*mesh);
  lap("topology");
  const Frame frame = find_natural_frame(*mesh, edges, default_tolerances);
  move_to_frame(*mesh, frame);
  lap("frame");
  const auto holes = find_mesh_holes(*mesh, edges, default_tolerances);
  lap("holes");
  std::printf("%zu vertices, %zu open edges, volume %.3f, %zu holes\n", mesh->vertices.size(), bad,
              volume, holes.size());
  return 0;
}
